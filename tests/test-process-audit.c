/*
 * The real server binary, SIGKILLed right after answering reads of a case
 * and of a supporter (issue 11, item 4; SPEC 2.5): every read answered 200
 * has its audit entry in the log, because a read is answered only once its
 * entry is durable.
 */
#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#define PASSWORD "process-test-password"

typedef struct {
  GSubprocess *proc;
  char        *base;
} Server;

static char *
make_db (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagari-proc-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) init = NULL;

  g_assert_no_error (error);
  db = g_build_filename (dir, "db.sqlite", NULL);
  g_subprocess_launcher_setenv (launcher, "TSUNAGARI_ADMIN_PASSWORD", PASSWORD, TRUE);
  init = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TSUNAGARI_BINARY"),
                                      "init", "--database", db, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (init, NULL, &error));
  *dir_out = g_steal_pointer (&dir);
  return g_steal_pointer (&db);
}

static void
server_start (Server *s, const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *url;

  s->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("TSUNAGARI_BINARY"), "serve", "--database", db,
                              "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  url = strstr (line, "http://");
  g_assert_nonnull (url);
  s->base = g_strndup (url, strlen (url) - 1);   /* without the trailing slash */
}

static void
wrote_body (SoupMessage *msg, gpointer user_data)
{
  (void) msg;
  g_atomic_int_set ((gint *) user_data, 1);
}

/* @sent, when given, becomes 1 once the whole request is on the wire. */
static guint
request_full (SoupSession *session, const char *base, const char *method, const char *path,
              const char *token, const char *body, JsonNode **out_json, gint *sent)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (sent != NULL)
    g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body), sent);

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL)
    return 0;                    /* the server died under us */
  if (out_json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      *out_json = NULL;
      if (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                      (gssize) g_bytes_get_size (reply), NULL))
        *out_json = json_node_ref (json_parser_get_root (parser));
    }
  return soup_message_get_status (msg);
}

static guint
request (SoupSession *session, const char *base, const char *method, const char *path,
         const char *token, const char *body, JsonNode **out_json)
{
  return request_full (session, base, method, path, token, body, out_json, NULL);
}

static char *
login (const char *base)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) json = NULL;
  guint status = request (session, base, "POST", "/v1/auth/token", NULL,
                          "{\"login\":\"admin\",\"password\":\"" PASSWORD "\"}", &json);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (json), "token"));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

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
    if (request (session, r->base, "GET", r->path, r->token, NULL, NULL) == 200)
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
  g_autofree char *db = make_db (&dir);
  g_autofree char *token = NULL;
  g_autofree char *case_path = NULL;
  g_autofree char *supporter_path = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) c = NULL;
  g_autoptr(JsonNode) s = NULL;
  Server server = { 0 };
  gint64 case_id, supporter_id;
  guint case_reads, supporter_reads;

  server_start (&server, db);
  token = login (server.base);
  g_assert_cmpuint (request (session, server.base, "POST", "/v1/cases", token, CASE_BODY, &c), ==, 201);
  g_assert_cmpuint (request (session, server.base, "POST", "/v1/supporters", token, SUPPORTER_BODY, &s),
                    ==, 201);
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

  g_clear_object (&server.proc);
  g_free (server.base);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/process-audit/sigkill-keeps-read-entries",
                   test_sigkill_keeps_read_entries);
  return g_test_run ();
}
