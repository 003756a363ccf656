/*
 * Anchoring the audit log (issue 11, item 5): `audit anchor` prints the
 * newest entry as "SEQ HASH"; `audit verify --anchor` passes while the log
 * holds that entry with that hash and fails (exit 3) when the newest
 * entries were deleted together with a rewritten head, or when the whole
 * chain was rewritten consistently: the two changes the chain alone
 * cannot see.
 */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "store/audit-log.h"
#include "store/store.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static int
run (char **out, const char *const *env, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TSUNAGARI_BINARY"));
  va_start (ap, env);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_buf, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  return g_subprocess_get_exit_status (proc);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  (void) data;
  f->dir = g_dir_make_tmp ("tsunagari-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "db.sqlite", NULL);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;
  (void) data;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

/* user_data: how many; object ids from 1, or from 1001 when negative. */
static gboolean
append_entries (TsStore *store, gpointer user_data, GError **error)
{
  int n = GPOINTER_TO_INT (user_data);
  int base = n < 0 ? 1000 : 0;

  for (int i = 1; i <= ABS (n); i++)
    {
      TsAuditEntry e = { .user_id = 1, .role = "admin", .action = "read", .object = "case",
                         .object_id = base + i, .request_id = NULL };
      if (!ts_store_audit_append (store, &e, error))
        return FALSE;
    }
  return TRUE;
}

/* A database with @n more audit entries than `init` writes. */
static void
make_db (Fixture *f, int n)
{
  const char *env[] = { "TSUNAGARI_ADMIN_PASSWORD", "cli-test-password-1234", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStore) store = NULL;

  g_assert_cmpint (run (NULL, env, "init", "--database", f->db, NULL), ==, 0);
  store = ts_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (ts_store_write (store, append_entries, GINT_TO_POINTER (n), &error));
  ts_store_close (store);
}

static char *
anchor (Fixture *f)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, NULL, "audit", "anchor", "--database", f->db, NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^[0-9]+ [0-9a-f]{64}\n$", out, 0, 0));
  return g_strstrip (g_steal_pointer (&out));
}

static int
verify (Fixture *f, const char *anchor_text, char **out)
{
  return run (out, NULL, "audit", "verify", "--database", f->db, "--anchor", anchor_text, NULL);
}

static void
test_untouched_passes (Fixture *f, gconstpointer data)
{
  g_autofree char *a = NULL;
  g_autofree char *out = NULL;
  g_autofree char *later = NULL;

  (void) data;
  make_db (f, 10);
  a = anchor (f);
  g_assert_cmpint (verify (f, a, &out), ==, 0);
  g_assert_nonnull (strstr (out, a));

  /* The log grows after the anchor: it still holds. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TsStore) store = ts_store_open (f->db, &error);
    g_assert_no_error (error);
    g_assert_true (ts_store_write (store, append_entries, GINT_TO_POINTER (5), &error));
    ts_store_close (store);
  }
  g_assert_cmpint (verify (f, a, &later), ==, 0);
}

/* The newest entries deleted and the head set back to the last one kept:
 * the chain is consistent, the anchor is not there any more. */
static void
test_truncated_fails (Fixture *f, gconstpointer data)
{
  g_autofree char *a = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *anchored = NULL;

  (void) data;
  make_db (f, 10);
  a = anchor (f);
  exec_sql (f->db,
            "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log);"
            "UPDATE audit_head SET last_seq = (SELECT max(seq) FROM audit_log),"
            " hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1);");
  g_assert_cmpint (run (&plain, NULL, "audit", "verify", "--database", f->db, NULL), ==, 0);
  g_assert_cmpint (verify (f, a, &anchored), ==, 3);
  g_assert_nonnull (strstr (anchored, "NOT"));
}

/* Every entry's content changed and every hash recomputed, head included,
 * as someone who knows the (unkeyed) hash would: the chain verifies, the
 * anchor does not. */
static void
test_rewritten_fails (Fixture *f, gconstpointer data)
{
  g_autofree char *a = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *anchored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStore) store = NULL;
  int entries = 0;

  (void) data;
  make_db (f, 6);
  a = anchor (f);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit_log", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    entries = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  /* Rewrite: an empty log, then as many entries again with other
   * contents, chained by the program's own code. */
  exec_sql (f->db, "DELETE FROM audit_log; UPDATE audit_head SET last_seq = 0,"
            " hash = '0000000000000000000000000000000000000000000000000000000000000000';");
  store = ts_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (ts_store_write (store, append_entries, GINT_TO_POINTER (-entries), &error));
  ts_store_close (store);

  g_assert_cmpint (run (&plain, NULL, "audit", "verify", "--database", f->db, NULL), ==, 0);
  g_assert_cmpint (verify (f, a, &anchored), ==, 3);
}

static void
test_bad_anchor (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *empty = NULL;

  (void) data;
  make_db (f, 1);
  g_assert_cmpint (verify (f, "12 not-a-hash", &out), ==, 2);
  g_assert_cmpint (verify (f, "0 0000000000000000000000000000000000000000000000000000000000000000",
                           &empty), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/tsunagari/cli-audit/untouched-passes", Fixture, NULL, setup,
              test_untouched_passes, teardown);
  g_test_add ("/tsunagari/cli-audit/truncated-fails", Fixture, NULL, setup,
              test_truncated_fails, teardown);
  g_test_add ("/tsunagari/cli-audit/rewritten-fails", Fixture, NULL, setup,
              test_rewritten_fails, teardown);
  g_test_add ("/tsunagari/cli-audit/bad-anchor", Fixture, NULL, setup, test_bad_anchor, teardown);
  return g_test_run ();
}
