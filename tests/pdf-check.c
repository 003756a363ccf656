/*
 * PDF checks with poppler-utils: pdf-check.h.
 */
#include "pdf-check.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

static char *
tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s is not installed (Debian poppler-utils; scripts/deps.sh installs it)", name);
  return path;
}

/* Runs @argv (its [1] replaced by the PDF's file) and answers stdout. */
static char *
run_on (const void *pdf, gsize length, const char *const *args, char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ts-pdf-XXXXXX", &error);
  g_autofree char *file = NULL, *out = NULL, *err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  int status = 0;

  g_assert_no_error (error);
  file = g_build_filename (dir, "document.pdf", NULL);
  g_assert_true (g_file_set_contents (file, pdf, (gssize) length, &error));
  g_assert_no_error (error);
  g_ptr_array_add (argv, tool (args[0]));
  for (guint i = 1; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (strcmp (args[i], "@PDF") == 0 ? file
                                     : strcmp (args[i], "@DIR") == 0 ? dir : args[i]));
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", args[0], err);
  if (out_dir != NULL)
    *out_dir = g_steal_pointer (&dir);
  else
    {
      g_unlink (file);
      g_rmdir (dir);
    }
  return g_steal_pointer (&out);
}

char *
ts_pdf_text (const void *pdf, gsize length)
{
  const char *const args[] = { "pdftotext", "-enc", "UTF-8", "@PDF", "-", NULL };
  g_autofree char *text = run_on (pdf, length, args, NULL);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\n' || *p == '\f' || *p == '\t')
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

char *
ts_pdf_info (const void *pdf, gsize length, const char *key)
{
  const char *const args[] = { "pdfinfo", "-enc", "UTF-8", "@PDF", NULL };
  g_autofree char *info = run_on (pdf, length, args, NULL);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (key) + 1));
  g_error ("pdfinfo names no %s: %s", key, info);
  return NULL;
}

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

void
ts_pdf_assert_a4 (const void *pdf, gsize length, guint pages, int dpi)
{
  g_autofree char *size = NULL, *creator = NULL, *n = NULL, *dir = NULL, *png = NULL;
  g_autofree char *dpi_text = g_strdup_printf ("%d", dpi);
  g_autofree char *contents = NULL;
  gsize png_length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (length, >, 5);
  g_assert_cmpmem (pdf, 5, "%PDF-", 5);
  size = ts_pdf_info (pdf, length, "Page size");
  g_assert_true (g_str_has_prefix (size, "595.276 x 841.89 pts"));
  creator = ts_pdf_info (pdf, length, "Creator");
  g_assert_cmpstr (creator, ==, "tsunagari");
  n = ts_pdf_info (pdf, length, "Pages");
  if (pages > 0)
    g_assert_cmpuint (g_ascii_strtoull (n, NULL, 10), ==, pages);

  {
    /* The first page as PNG: pdftoppm writes "@DIR.png" beside the
     * directory the PDF was written to. */
    const char *const args[] = { "pdftoppm", "-png", "-r", dpi_text, "-f", "1", "-l", "1",
                                 "-singlefile", "@PDF", "@DIR", NULL };
    g_autofree char *out = run_on (pdf, length, args, &dir);
  }
  png = g_strconcat (dir, ".png", NULL);
  g_assert_true (g_file_get_contents (png, &contents, &png_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (png_length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  g_assert_cmpuint (be32 ((const guchar *) contents + 16), ==,
                    (guint) ceil (595.2756 / 72.0 * dpi - 1e-6));
  g_assert_cmpuint (be32 ((const guchar *) contents + 20), ==,
                    (guint) ceil (841.8898 / 72.0 * dpi - 1e-6));
  g_unlink (png);
  {
    g_autofree char *file = g_build_filename (dir, "document.pdf", NULL);
    g_unlink (file);
    g_rmdir (dir);
  }
}
