/*
 * tsunagari supporters renew-insurance, run as the real binary (issue 11,
 * item 14): every registered supporter insured to 31 March at the end of
 * the fiscal year, in batches, audited, and a second run changes nothing.
 */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

/* More than two batches of TS_INSURANCE_RENEWAL_BATCH (500). */
#define N_REGISTERED 1203

typedef struct {
  char *dir;
  char *db;
} Fixture;

static int
run (char **out, ...)
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
  va_start (ap, out);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "TSUNAGARI_ADMIN_PASSWORD", "cli-test-password", TRUE);
  g_subprocess_launcher_setenv (launcher, "TSUNAGARI_TODAY", "2026-03-20", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_buf, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  return g_subprocess_get_exit_status (proc);
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

static gint64
count (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  (void) data;
  f->dir = g_dir_make_tmp ("tsunagari-cli-insurance-XXXXXX", &error);
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
test_renew (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *verify = NULL;
  g_autofree char *sql = NULL;

  (void) data;
  g_assert_cmpint (run (NULL, "init", "--database", f->db, NULL), ==, 0);
  /* Registered supporters, some never insured, some insured to the end of
   * the current fiscal year; one insured further ahead; applicants,
   * suspended and retired supporters. */
  sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO supporters (name, gender, municipality_code, peer_experience, status,"
    " registered_on, insurance_until, created_at, updated_at)"
    " SELECT 'テスト（架空）', 'female', '092011', 'none', 'registered', '2025-05-01',"
    " CASE WHEN i %% 3 = 0 THEN NULL ELSE '2026-03-31' END, 0, 0 FROM n;"
    " INSERT INTO supporters (name, gender, municipality_code, peer_experience, status,"
    " registered_on, insurance_until, created_at, updated_at) VALUES"
    " ('先行（架空）', 'male', '092011', 'none', 'registered', '2025-05-01', '2028-03-31', 0, 0),"
    " ('応募（架空）', 'male', '092011', 'none', 'applicant', NULL, NULL, 0, 0),"
    " ('休止（架空）', 'male', '092011', 'none', 'suspended', '2025-05-01', '2026-03-31', 0, 0),"
    " ('終了（架空）', 'male', '092011', 'none', 'retired', '2025-05-01', '2026-03-31', 0, 0);",
    N_REGISTERED);
  exec_sql (f->db, sql);

  /* Renewing in March for the fiscal year that starts in April. */
  g_assert_cmpint (run (&out, "supporters", "renew-insurance", "--database", f->db,
                        "--fiscal-year", "2026", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1203"));
  g_assert_nonnull (strstr (out, "2027-03-31"));
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM supporters WHERE insurance_until = '2027-03-31'"),
                   ==, N_REGISTERED);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM supporters WHERE insurance_until = '2028-03-31'"),
                   ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM supporters WHERE status != 'registered'"
                                 " AND insurance_until IS NOT '2026-03-31' AND status != 'applicant'"),
                   ==, 0);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"),
                   ==, N_REGISTERED);

  /* A second run changes nothing. */
  g_assert_cmpint (run (&again, "supporters", "renew-insurance", "--database", f->db,
                        "--fiscal-year", "2026", NULL), ==, 0);
  g_assert_nonnull (strstr (again, ": 0 "));
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"),
                   ==, N_REGISTERED);
  g_assert_cmpint (run (&verify, "audit", "verify", "--database", f->db, NULL), ==, 0);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = NULL;
  g_autofree char *range = NULL;
  g_autofree char *help = NULL;

  (void) data;
  g_assert_cmpint (run (NULL, "init", "--database", f->db, NULL), ==, 0);
  g_assert_cmpint (run (&missing, "supporters", "renew-insurance", "--database", f->db, NULL), ==, 2);
  g_assert_nonnull (strstr (missing, "--fiscal-year"));
  /* Today is 2026-03-20 (fiscal year 2025): 2026 is the next, 2027 too far. */
  g_assert_cmpint (run (&range, "supporters", "renew-insurance", "--database", f->db,
                        "--fiscal-year", "2027", NULL), ==, 1);
  g_assert_nonnull (strstr (range, "fiscal_year"));
  g_assert_cmpint (run (NULL, "supporters", "renew-insurance", "--database", f->db,
                        "--fiscal-year", "1999", NULL), ==, 1);
  g_assert_cmpint (run (NULL, "supporters", "renew-insurance", "--database", f->db,
                        "--fiscal-year", "twenty", NULL), ==, 2);
  g_assert_cmpint (run (&help, "supporters", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "renew-insurance"));
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/tsunagari/cli/supporters/renew-insurance", Fixture, NULL, setup, test_renew, teardown);
  g_test_add ("/tsunagari/cli/supporters/renew-insurance-refused", Fixture, NULL, setup, test_refused,
              teardown);
  return g_test_run ();
}
