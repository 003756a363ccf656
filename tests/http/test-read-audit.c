/*
 * Reads of personal records and their audit entries on a live server
 * (issue 11, item 4; SPEC 2.5): a read is answered only once its entry is
 * committed, so every answered read is in the log the moment it is
 * answered; when the entry cannot be written (another process holds the
 * write lock past the busy timeout) the read answers 503, not 200.  Both
 * the worker-thread route (GET /v1/cases/{id}) and the inline one
 * (GET /v1/supporters/{id}) are covered.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <string.h>
#include <sqlite3.h>

#include "harness.h"

#define TODAY "2026-06-15"
#define CASE_BODY                                                               \
  "{\"nickname\":\"Mさん\",\"municipality_code\":\"131059\",\"age_band\":\"60s\","  \
  "\"gender\":\"female\",\"household\":\"two\",\"consent\":{\"obtained_on\":"   \
  "\"2026-05-01\",\"scope\":[\"matching\",\"support\"]}}"

static gint64
count_rows (TsHarness *h, const char *sql, gint64 id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (h->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gint64
reads_logged (TsHarness *h, const char *object, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'read'"
                                          " AND object = '%s' AND object_id = ?", object);
  return count_rows (h, sql, id);
}

typedef struct {
  const char *base;
  const char *token;
  const char *path;
  guint       n;
  guint       ok;
} Reader;

static gpointer
reader_thread (gpointer user_data)
{
  Reader *r = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *url = g_strconcat (r->base, r->path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", r->token, NULL);

  for (guint i = 0; i < r->n; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) reply = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      reply = soup_session_send_and_read (session, msg, NULL, NULL);
      if (reply != NULL && soup_message_get_status (msg) == 200)
        r->ok++;
    }
  return NULL;
}

/* 8 clients × 10 reads each: every answered read's entry is in the log
 * when the last answer arrives, without a sync or a wait. */
static void
check_concurrent_reads (TsHarness *h, const char *path, const char *object, gint64 id)
{
  Reader r[8];
  GThread *threads[8];
  guint ok = 0;
  gint64 before = reads_logged (h, object, id);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      r[i] = (Reader) { h->base, h->coordinator, path, 10, 0 };
      threads[i] = g_thread_new ("reader", reader_thread, &r[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_thread_join (threads[i]);
      ok += r[i].ok;
    }
  g_assert_cmpuint (ok, ==, 80);
  g_assert_cmpint (reads_logged (h, object, id) - before, ==, 80);
}

static void
test_answered_reads_are_logged (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/cases", h->coordinator, CASE_BODY, NULL);
  gint64 case_id, supporter_id;
  g_autofree char *case_path = NULL;
  g_autofree char *supporter_path = NULL;

  ts_assert_status (c, 201);
  case_id = ts_reply_id (c);
  supporter_id = ts_harness_create_supporter (h, NULL);
  case_path = g_strdup_printf ("/v1/cases/%" G_GINT64_FORMAT, case_id);
  supporter_path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, supporter_id);
  check_concurrent_reads (h, case_path, "case", case_id);
  check_concurrent_reads (h, supporter_path, "supporter", supporter_id);
}

/* Another connection holds the write lock: the reads answer 503 with the
 * code `service_unavailable` and send no record; once the lock is gone they answer
 * 200 again, and the log holds exactly the reads that were answered. */
static void
test_read_refused_when_audit_cannot_be_written (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/cases", h->coordinator, CASE_BODY, NULL);
  g_autoptr(TsReply) locked_case = NULL;
  g_autoptr(TsReply) locked_supporter = NULL;
  g_autoptr(TsReply) free_case = NULL;
  g_autoptr(TsReply) free_supporter = NULL;
  g_autoptr(TsReply) verify = NULL;
  g_autoptr(GError) error = NULL;
  const char *const english[] = { "Accept-Language", "en", NULL };
  g_autofree char *supporter_path = NULL;
  gint64 case_id, supporter_id;
  sqlite3 *other = NULL;

  ts_assert_status (c, 201);
  case_id = ts_reply_id (c);
  supporter_id = ts_harness_create_supporter (h, NULL);
  g_assert_true (ts_store_set_busy_timeout (h->store, 100, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (h->db_path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Each refused read is reported to the operator, naming no record. */
  for (int i = 0; i < 2; i++)
    {
      g_test_expect_message ("tsunagari", G_LOG_LEVEL_WARNING,
                             "The audit entry of a read could not be written: *");
      g_test_expect_message ("tsunagari", G_LOG_LEVEL_WARNING,
                             "request *: The read could not be recorded in the audit log*");
    }
  locked_case = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/cases/%" G_GINT64_FORMAT,
                                 case_id);
  supporter_path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, supporter_id);
  locked_supporter = ts_harness_request (h, "GET", supporter_path, h->coordinator, NULL, english);
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_test_assert_expected_messages ();

  ts_assert_problem (locked_case, 503, "service_unavailable", NULL);
  g_assert_null (strstr (locked_case->body, "Mさん"));
  ts_assert_problem (locked_supporter, 503, "service_unavailable", NULL);
  g_assert_null (strstr (locked_supporter->body, "SQLite"));
  g_assert_nonnull (strstr (locked_supporter->body, "audit log"));

  free_case = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/cases/%" G_GINT64_FORMAT,
                               case_id);
  free_supporter = ts_harness_call (h, "GET", h->coordinator, NULL,
                                    "/v1/supporters/%" G_GINT64_FORMAT, supporter_id);
  ts_assert_status (free_case, 200);
  ts_assert_status (free_supporter, 200);
  g_assert_cmpint (reads_logged (h, "case", case_id), ==, 1);
  g_assert_cmpint (reads_logged (h, "supporter", supporter_id), ==, 1);

  verify = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->auditor, NULL, NULL);
  ts_assert_status (verify, 200);
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/read-audit/answered-reads-are-logged",
                   test_answered_reads_are_logged);
  g_test_add_func ("/tsunagari/read-audit/refused-when-audit-cannot-be-written",
                   test_read_refused_when_audit_cannot_be_written);
  return g_test_run ();
}
