/*
 * Migration 0012 (issue 13, SPEC 2.6): statement runs per organisation.  A
 * run written before it covered every organisation, so a v11 database's
 * run becomes one per organisation, each with the count and total of its
 * own payees' statements, and the runs stay frozen.  And the store's
 * issue per organisation leaves no line behind when a payee moves from
 * one organisation to another.
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "raw-db.h"

#include "store/statements.h"
#include "store/store.h"

static void
test_runs_per_organisation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "fixtures", "schema-v11.sqlite", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tsunagari-runs-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "db.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(TsStore) store = NULL;
  sqlite3 *db = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  g_assert_cmpint (ts_raw_count (path, "PRAGMA user_version"), ==, 11);
  /* Version 11: two organisations, April issued once for both; the
   * fixture's supporter (of organisation 1) has its statement. */
  ts_raw_exec (path,
            "INSERT INTO organisations (id, name, kind, parent_id, created_at, updated_at)"
            " VALUES (2, '那須町', 'municipality', 1, 1, 1);"
            "INSERT INTO statements (month, payee_type, payee_id, total_yen, n_lines, issued_at)"
            " VALUES ('2026-04', 'supporter', 1, 3420, 2, 1775500000);"
            "INSERT INTO statement_runs (month, issued_at, user_id, n_statements, total_yen)"
            " VALUES ('2026-04', 1775500000, 1, 1, 3420);");

  store = ts_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ts_store_get_schema_version (store), >=, 12);
  g_clear_object (&store);

  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statement_runs"), ==, 2);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statement_runs WHERE month = '2026-04'"
                                    " AND organisation_id = 1 AND issued_at = 1775500000"
                                    " AND user_id = 1 AND n_statements = 1 AND total_yen = 3420"),
                   ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statement_runs WHERE month = '2026-04'"
                                    " AND organisation_id = 2 AND issued_at = 1775500000"
                                    " AND n_statements = 0 AND total_yen = 0"), ==, 1);
  /* Still never changed nor deleted; one run per month and organisation. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE statement_runs SET total_yen = 0", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM statement_runs", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO statement_runs (month, organisation_id,"
                                     " issued_at, n_statements, total_yen)"
                                     " VALUES ('2026-04', 2, 1, 0, 0)", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO statement_runs (month, organisation_id,"
                                     " issued_at, n_statements, total_yen)"
                                     " VALUES ('2026-05', 2, 1, 0, 0)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statement_runs"), ==, 3);

  ts_remove_dir (dir);
}

typedef struct {
  const char *month;
  gint64      organisation_id;
  guint       n_runs;
} Issue;

static gboolean
write_issue (TsStore *store, gpointer user_data, GError **error)
{
  Issue *w = user_data;
  g_autoptr(GArray) scope = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (TsStatementRun));

  g_array_append_val (scope, w->organisation_id);
  if (!ts_store_statements_issue (store, w->month, scope, 1781000000, 0, runs, error))
    return FALSE;
  w->n_runs = runs->len;
  return TRUE;
}

static guint
issue (TsStore *store, const char *month, gint64 organisation_id)
{
  g_autoptr(GError) error = NULL;
  Issue w = { month, organisation_id, 0 };

  g_assert_true (ts_store_write (store, write_issue, &w, &error));
  g_assert_no_error (error);
  return w.n_runs;
}

#define SUPPORTER(id, org) \
  "INSERT INTO supporters (id, name, gender, municipality_code, peer_experience, status," \
  " version, created_at, updated_at, organisation_id) VALUES (" #id ", 's', 'female', '092011'," \
  " 'none', 'registered', 1, 1, 1, " #org ");"
#define LINE(id, supporter, yen) \
  "INSERT INTO ledger_entries (id, payee_type, payee_id, kind, amount_yen, activity_id," \
  " earned_on, earned_month, created_at) VALUES (" #id ", 'supporter', " #supporter ", 'honorarium'," \
  " " #yen ", " #id ", '2026-05-10', '2026-05', 1);"

/* Supporter 1 earns a May line in organisation 2, then moves to 1, which
 * had issued May: 2's May cannot take it (not its payee any more), so 1's
 * June does.  Supporter 2 had its May statement from 1, moves to 2 and
 * earns another May line there: 2's May writes no second May statement
 * for it, and 2's June pays the line. */
static void
test_moved_payee (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagari-runs-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "db.sqlite", NULL);
  g_autoptr(TsStore) store = ts_store_open (path, &error);

  g_assert_no_error (error);
  /* Raw rows without their activities: foreign keys are off here. */
  ts_raw_exec (path,
            "INSERT INTO organisations (id, name, kind, created_at, updated_at)"
            " VALUES (1, 'A', 'prefecture', 1, 1) ON CONFLICT DO NOTHING;"
            "INSERT INTO organisations (id, name, kind, parent_id, created_at, updated_at)"
            " VALUES (2, 'B', 'municipality', 1, 1, 1);"
            SUPPORTER (1, 2) SUPPORTER (2, 1) LINE (1, 1, 1000) LINE (2, 2, 2000));

  g_assert_cmpuint (issue (store, "2026-05", 1), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statements WHERE month = '2026-05'"
                                    " AND payee_id = 2 AND total_yen = 2000"), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM ledger_entries"
                                    " WHERE id = 1 AND statement_id IS NULL"), ==, 1);
  /* 1 again: nothing. */
  g_assert_cmpuint (issue (store, "2026-05", 1), ==, 0);

  ts_raw_exec (path, "UPDATE supporters SET organisation_id = 3 - organisation_id;" LINE (3, 2, 300));
  g_assert_cmpuint (issue (store, "2026-05", 2), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statements WHERE month = '2026-05'"),
                   ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT n_statements FROM statement_runs"
                                    " WHERE month = '2026-05' AND organisation_id = 2"), ==, 0);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM ledger_entries"
                                    " WHERE statement_id IS NULL"), ==, 2);

  g_assert_cmpuint (issue (store, "2026-06", 1), ==, 1);
  g_assert_cmpuint (issue (store, "2026-06", 2), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statements st"
                                    " JOIN ledger_entries le ON le.statement_id = st.id"
                                    " WHERE st.month = '2026-06' AND st.payee_id = 1"
                                    " AND le.id = 1 AND st.total_yen = 1000"), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM statements st"
                                    " JOIN ledger_entries le ON le.statement_id = st.id"
                                    " WHERE st.month = '2026-06' AND st.payee_id = 2"
                                    " AND le.id = 3 AND st.total_yen = 300"), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM ledger_entries"
                                    " WHERE statement_id IS NULL"), ==, 0);
  g_clear_object (&store);
  ts_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/store-runs/migrate-runs-per-organisation",
                   test_runs_per_organisation);
  g_test_add_func ("/tsunagari/store-runs/moved-payee", test_moved_payee);
  return g_test_run ();
}
