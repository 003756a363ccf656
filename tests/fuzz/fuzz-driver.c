/*
 * Replays a fuzz target's corpus (every file in the directory compiled in
 * as FUZZ_CORPUS) as an ordinary GTest, and also a few thousand mutations of
 * each file from a fixed seed, so that the suite exercises the targets
 * without a fuzzing engine.
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
test_corpus (void)
{
  const char *dir_path = FUZZ_CORPUS;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  const char *name;
  guint files = 0;
  int mutations = g_test_slow () ? 20000 : 500;

  g_assert_nonnull (dir_path);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *data = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      for (int i = 0; i < mutations; i++)
        {
          g_autofree char *copy = g_memdup2 (data, len + 1);
          gsize n = len;
          int edits = g_rand_int_range (rand, 1, 4);

          for (int e = 0; e < edits && n > 0; e++)
            {
              gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) n);
              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0: copy[at] = (char) g_rand_int_range (rand, 0, 256); break;
                case 1: n = at; break;                                    /* truncate */
                default: copy[at] = "{}[]\",:0-9.eE\\ntu"[g_rand_int_range (rand, 0, 17)]; break;
                }
            }
          LLVMFuzzerTestOneInput ((const uint8_t *) copy, n);
        }
      files++;
    }
  g_assert_cmpuint (files, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/fuzz/corpus", test_corpus);
  return g_test_run ();
}
