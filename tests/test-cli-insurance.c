/*
 * tsunagari supporters renew-insurance, run as the real binary (issue 11,
 * item 14): every registered supporter insured to 31 March at the end of
 * the fiscal year, in batches, audited, and a second run changes nothing.
 */
#include <string.h>
#include <gio/gio.h>

#include "process.h"

/* More than two batches of TS_INSURANCE_RENEWAL_BATCH (500). */
#define N_REGISTERED 1203

typedef TsProcessTmpdir Fixture;

static const char *const env[] = {
  "TSUNAGARI_ADMIN_PASSWORD", "cli-test-password",
  "TSUNAGARI_TODAY", "2026-03-20",
  "LANGUAGE", "en",
  NULL
};

#define run(out, ...) ts_process_run (out, env, __VA_ARGS__)

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
  ts_process_file_exec (f->db, sql);

  /* Renewing in March for the fiscal year that starts in April. */
  g_assert_cmpint (run (&out, "supporters", "renew-insurance", "--database", f->db,
                        "--fiscal-year", "2026", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1203"));
  g_assert_nonnull (strstr (out, "2027-03-31"));
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM supporters WHERE insurance_until = '2027-03-31'"),
                   ==, N_REGISTERED);
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM supporters WHERE insurance_until = '2028-03-31'"),
                   ==, 1);
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM supporters WHERE status != 'registered'"
                                               " AND insurance_until IS NOT '2026-03-31' AND status != 'applicant'"),
                   ==, 0);
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"),
                   ==, N_REGISTERED);

  /* A second run changes nothing. */
  g_assert_cmpint (run (&again, "supporters", "renew-insurance", "--database", f->db,
                        "--fiscal-year", "2026", NULL), ==, 0);
  g_assert_nonnull (strstr (again, ": 0 "));
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"),
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
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ts_process_add_tmpdir_test ("/tsunagari/cli/supporters/renew-insurance", test_renew);
  ts_process_add_tmpdir_test ("/tsunagari/cli/supporters/renew-insurance-refused", test_refused);
  return g_test_run ();
}
