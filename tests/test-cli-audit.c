/*
 * Anchoring the audit log (issue 11, item 5): `audit anchor` prints the
 * newest entry as "SEQ HASH"; `audit verify --anchor` passes while the log
 * holds that entry with that hash and fails (exit 3) when the newest
 * entries were deleted together with a rewritten head, or when the whole
 * chain was rewritten consistently: the two changes the chain alone
 * cannot see.
 */
#include <string.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "process.h"

#include "store/audit-log.h"
#include "store/store.h"

typedef TsProcessTmpdir Fixture;

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

  g_assert_cmpint (ts_process_run (NULL, env, "init", "--database", f->db, NULL), ==, 0);
  store = ts_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (ts_store_write (store, append_entries, GINT_TO_POINTER (n), &error));
  ts_store_close (store);
}

static char *
anchor (Fixture *f)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (ts_process_run (&out, NULL, "audit", "anchor", "--database", f->db, NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^[0-9]+ [0-9a-f]{64}\n$", out, 0, 0));
  return g_strstrip (g_steal_pointer (&out));
}

static int
verify (Fixture *f, const char *anchor_text, char **out)
{
  return ts_process_run (out, NULL, "audit", "verify", "--database", f->db, "--anchor", anchor_text, NULL);
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
  ts_process_file_exec (f->db,
                        "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log);"
                        "UPDATE audit_head SET last_seq = (SELECT max(seq) FROM audit_log),"
                        " hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1);");
  g_assert_cmpint (ts_process_run (&plain, NULL, "audit", "verify", "--database", f->db, NULL), ==, 0);
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
  ts_process_file_exec (f->db, "DELETE FROM audit_log; UPDATE audit_head SET last_seq = 0,"
                        " hash = '0000000000000000000000000000000000000000000000000000000000000000';");
  store = ts_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (ts_store_write (store, append_entries, GINT_TO_POINTER (-entries), &error));
  ts_store_close (store);

  g_assert_cmpint (ts_process_run (&plain, NULL, "audit", "verify", "--database", f->db, NULL), ==, 0);
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
  ts_process_add_tmpdir_test ("/tsunagari/cli-audit/untouched-passes", test_untouched_passes);
  ts_process_add_tmpdir_test ("/tsunagari/cli-audit/truncated-fails", test_truncated_fails);
  ts_process_add_tmpdir_test ("/tsunagari/cli-audit/rewritten-fails", test_rewritten_fails);
  ts_process_add_tmpdir_test ("/tsunagari/cli-audit/bad-anchor", test_bad_anchor);
  return g_test_run ();
}
