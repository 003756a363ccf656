/*
 * The real server binary as a process: acknowledged writes survive SIGKILL,
 * and SIGTERM lets the requests in flight finish before exiting 0.
 */
#include <signal.h>
#include <string.h>
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

typedef struct {
  const char *base;
  const char *token;
  int         thread;
  GArray     *acknowledged;      /* gint64 ids answered 201 */
  gint       *stop;
} WriterData;

static gpointer
writer (gpointer user_data)
{
  WriterData *w = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);

  for (int i = 0; !g_atomic_int_get (w->stop); i++)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"name\":\"耐久 %d-%d\",\"gender\":\"other\",\"municipality_code\":\"092011\","
        "\"peer_experience\":\"none\",\"skills\":[],\"interests\":[],\"availability\":[]}",
        w->thread, i);
      g_autoptr(JsonNode) json = NULL;
      guint status = request (session, w->base, "POST", "/v1/supporters", w->token, body, &json);

      if (status == 0)
        break;
      if (status == 201)
        {
          gint64 id = json_object_get_int_member (json_node_get_object (json), "id");
          g_array_append_val (w->acknowledged, id);
        }
    }
  return NULL;
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

static void
test_sigkill_keeps_acknowledged_writes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = make_db (&dir);
  g_autofree char *token = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  Server s = { 0 }, again = { 0 };
  WriterData w[8];
  GThread *threads[8];
  gint stop = 0;
  guint total = 0;
  g_autofree char *token2 = NULL;
  g_autoptr(JsonNode) verify = NULL;

  server_start (&s, db);
  token = login (s.base);
  for (int i = 0; i < 8; i++)
    {
      w[i] = (WriterData) { s.base, token, i, g_array_new (FALSE, FALSE, sizeof (gint64)), &stop };
      threads[i] = g_thread_new ("writer", writer, &w[i]);
    }
  g_usleep (1500 * 1000);
  /* No warning, no shutdown: the process is gone between two instructions. */
  g_subprocess_send_signal (s.proc, SIGKILL);
  g_subprocess_wait (s.proc, NULL, NULL);
  g_atomic_int_set (&stop, 1);
  for (int i = 0; i < 8; i++)
    g_thread_join (threads[i]);

  server_start (&again, db);
  token2 = login (again.base);
  for (int i = 0; i < 8; i++)
    {
      for (guint j = 0; j < w[i].acknowledged->len; j++)
        {
          g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT,
                                                   g_array_index (w[i].acknowledged, gint64, j));
          g_assert_cmpuint (request (session, again.base, "GET", path, token2, NULL, NULL), ==, 200);
          total++;
        }
      g_array_unref (w[i].acknowledged);
    }
  g_test_message ("%u acknowledged writes all present after SIGKILL", total);
  g_assert_cmpuint (total, >, 20);

  g_assert_cmpuint (request (session, again.base, "GET", "/v1/audit/log/verify", token2, NULL, &verify), ==, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (verify), "ok"));

  g_subprocess_send_signal (again.proc, SIGTERM);
  g_assert_true (g_subprocess_wait (again.proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (again.proc));
  g_assert_cmpint (g_subprocess_get_exit_status (again.proc), ==, 0);
  g_clear_object (&s.proc);
  g_clear_object (&again.proc);
  g_free (s.base);
  g_free (again.base);
  remove_dir (dir);
}

typedef struct {
  const char *base;
  guint       status;
  gint        sent;
} SlowData;

static gpointer
slow_login (gpointer user_data)
{
  SlowData *d = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  /* Argon2id makes a sign-in take a noticeable time: a request in flight. */
  d->status = request_full (session, d->base, "POST", "/v1/auth/token", NULL,
                            "{\"login\":\"admin\",\"password\":\"" PASSWORD "\"}", NULL,
                            &d->sent);
  return NULL;
}

static void
test_sigterm_finishes_in_flight (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = make_db (&dir);
  Server s = { 0 };
  SlowData d[6];
  GThread *threads[6];

  server_start (&s, db);
  for (int i = 0; i < 6; i++)
    {
      d[i] = (SlowData) { s.base, 0, 0 };
      threads[i] = g_thread_new ("slow", slow_login, &d[i]);
    }
  /* Signal once the first three requests are on the wire (and the server
   * has had a moment to read them), however slow the machine. */
  for (int waited = 0; waited < 30000; waited += 10)
    {
      if (g_atomic_int_get (&d[0].sent) && g_atomic_int_get (&d[1].sent) &&
          g_atomic_int_get (&d[2].sent))
        break;
      g_usleep (10 * 1000);
    }
  g_usleep (200 * 1000);
  g_subprocess_send_signal (s.proc, SIGTERM);
  for (int i = 0; i < 6; i++)
    g_thread_join (threads[i]);
  g_assert_true (g_subprocess_wait (s.proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (s.proc));
  g_assert_cmpint (g_subprocess_get_exit_status (s.proc), ==, 0);
  /* Every request that reached the server before the signal was answered;
   * one that arrived after the listener closed could not connect (0). */
  for (int i = 0; i < 6; i++)
    g_assert_true (d[i].status == 200 || d[i].status == 0);
  g_assert_true (d[0].status == 200 && d[1].status == 200 && d[2].status == 200);
  g_clear_object (&s.proc);
  g_free (s.base);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/process/sigkill-keeps-acknowledged-writes",
                   test_sigkill_keeps_acknowledged_writes);
  g_test_add_func ("/tsunagari/process/sigterm-finishes-in-flight",
                   test_sigterm_finishes_in_flight);
  return g_test_run ();
}
