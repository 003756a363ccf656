/*
 * The real server binary, SIGKILLed right after answering reads of a case
 * and of a supporter (issue 11, item 4; SPEC 2.5): every read answered 200
 * has its audit entry in the log, because a read is answered only once its
 * entry is durable.
 */
#include <signal.h>
#include <sqlite3.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "process.h"

#define PASSWORD "process-test-password"

#define CASE_BODY                                                               \
  "{\"nickname\":\"Mさん\",\"municipality_code\":\"131059\",\"age_band\":\"60s\","  \
  "\"gender\":\"female\",\"household\":\"two\",\"consent\":{\"obtained_on\":"   \
  "\"2026-05-01\",\"scope\":[\"matching\",\"support\"]}}"
#define SUPPORTER_BODY                                                          \
  "{\"name\":\"試験 花子\",\"gender\":\"female\",\"municipality_code\":\"092011\"," \
  "\"peer_experience\":\"none\",\"skills\":[],\"interests\":[],\"availability\":[]}"

typedef struct {
  const char *base;
  const char *token;
  const char *path;
  guint       n;
  guint       ok;
} Reader;

static gpointer
reader (gpointer user_data)
{
  Reader *r = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);

  for (guint i = 0; i < r->n; i++)
    if (ts_process_request (session, r->base, "GET", r->path, r->token, NULL, NULL) == 200)
      r->ok++;
  return NULL;
}

/* Reads from 4 clients at once, so that their entries share commits. */
static guint
read_in_parallel (const char *base, const char *token, const char *path, guint per_client)
{
  Reader r[4];
  GThread *threads[4];
  guint ok = 0;

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      r[i] = (Reader) { base, token, path, per_client, 0 };
      threads[i] = g_thread_new ("reader", reader, &r[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_thread_join (threads[i]);
      ok += r[i].ok;
    }
  return ok;
}

static gint64
reads_logged (const char *db_path, const char *object, gint64 id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit_log WHERE action = 'read'"
                                       " AND object = ? AND object_id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, object, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_sigkill_keeps_read_entries (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = ts_process_make_db (PASSWORD, &dir);
  g_autofree char *token = NULL;
  g_autofree char *case_path = NULL;
  g_autofree char *supporter_path = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) c = NULL;
  g_autoptr(JsonNode) s = NULL;
  TsProcessServer server = { 0 };
  gint64 case_id, supporter_id;
  guint case_reads, supporter_reads;

  ts_process_server_start (&server, NULL, db, NULL);
  token = ts_process_login (server.base, PASSWORD);
  g_assert_cmpuint (ts_process_request (session, server.base, "POST", "/v1/cases", token, CASE_BODY,
                                        &c), ==, 201);
  g_assert_cmpuint (ts_process_request (session, server.base, "POST", "/v1/supporters", token,
                                        SUPPORTER_BODY, &s), ==, 201);
  case_id = json_object_get_int_member (json_node_get_object (c), "id");
  supporter_id = json_object_get_int_member (json_node_get_object (s), "id");
  case_path = g_strdup_printf ("/v1/cases/%" G_GINT64_FORMAT, case_id);
  supporter_path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, supporter_id);

  case_reads = read_in_parallel (server.base, token, case_path, 5);
  supporter_reads = read_in_parallel (server.base, token, supporter_path, 5);
  /* At once after the last answer: no warning, no shutdown. */
  g_subprocess_send_signal (server.proc, SIGKILL);
  g_subprocess_wait (server.proc, NULL, NULL);

  g_assert_cmpuint (case_reads, ==, 20);
  g_assert_cmpuint (supporter_reads, ==, 20);
  g_assert_cmpint (reads_logged (db, "case", case_id), ==, 20);
  g_assert_cmpint (reads_logged (db, "supporter", supporter_id), ==, 20);

  ts_process_server_clear (&server);
  ts_process_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/process-audit/sigkill-keeps-read-entries",
                   test_sigkill_keeps_read_entries);
  return g_test_run ();
}
