/*
 * The real server binary as a process: acknowledged writes survive SIGKILL,
 * and SIGTERM lets the requests in flight finish before exiting 0.
 */
#include <signal.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "process.h"

#define PASSWORD "process-test-password"

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
      guint status = ts_process_request (session, w->base, "POST", "/v1/supporters", w->token, body,
                                         &json);

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
test_sigkill_keeps_acknowledged_writes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = ts_process_make_db (PASSWORD, &dir);
  g_autofree char *token = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  TsProcessServer s = { 0 }, again = { 0 };
  WriterData w[8];
  GThread *threads[8];
  gint stop = 0;
  guint total = 0;
  g_autofree char *token2 = NULL;
  g_autoptr(JsonNode) verify = NULL;

  ts_process_server_start (&s, NULL, db, NULL);
  token = ts_process_login (s.base, PASSWORD);
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

  ts_process_server_start (&again, NULL, db, NULL);
  token2 = ts_process_login (again.base, PASSWORD);
  for (int i = 0; i < 8; i++)
    {
      for (guint j = 0; j < w[i].acknowledged->len; j++)
        {
          g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT,
                                                   g_array_index (w[i].acknowledged, gint64, j));
          g_assert_cmpuint (ts_process_request (session, again.base, "GET", path, token2, NULL, NULL),
                            ==, 200);
          total++;
        }
      g_array_unref (w[i].acknowledged);
    }
  g_test_message ("%u acknowledged writes all present after SIGKILL", total);
  g_assert_cmpuint (total, >, 20);

  g_assert_cmpuint (ts_process_request (session, again.base, "GET", "/v1/audit/log/verify", token2,
                                        NULL, &verify), ==, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (verify), "ok"));

  g_subprocess_send_signal (again.proc, SIGTERM);
  g_assert_true (g_subprocess_wait (again.proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (again.proc));
  g_assert_cmpint (g_subprocess_get_exit_status (again.proc), ==, 0);
  ts_process_server_clear (&s);
  ts_process_server_clear (&again);
  ts_process_tmpdir_remove (dir);
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
  d->status = ts_process_request_full (session, d->base, "POST", "/v1/auth/token", NULL,
                                       "{\"login\":\"admin\",\"password\":\"" PASSWORD "\"}",
                                       NULL, &d->sent);
  return NULL;
}

static void
test_sigterm_finishes_in_flight (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = ts_process_make_db (PASSWORD, &dir);
  TsProcessServer s = { 0 };
  SlowData d[6];
  GThread *threads[6];

  ts_process_server_start (&s, NULL, db, NULL);
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
  ts_process_server_clear (&s);
  ts_process_tmpdir_remove (dir);
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
