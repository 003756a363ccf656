/*
 * The real server binary under the conditions of issue 11, items 1 and 2:
 * an open-file limit of 1024 and more idle connections than that, half-sent
 * heads and promised bodies that never come, accept() failing with EMFILE,
 * oversized request lines and heads, requests libsoup cannot parse, HEAD,
 * and systemd's notification socket.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "process.h"

typedef struct {
  TsProcessServer server;
  char        *dir;
  guint        limit;            /* "at most N connections" */
  GPid         pid;
} Server;

static const char short_timeouts[] =
  "[http]\n"
  "worker_threads=4\n"
  "idle_timeout_seconds=2\n"
  "header_timeout_seconds=1\n"
  "body_timeout_seconds=1\n";

static void
child_setup (gpointer user_data)
{
  rlim_t n = (rlim_t) GPOINTER_TO_UINT (user_data);
  struct rlimit rl = { n, n };

  /* A failed assertion must not leave the server running. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (n > 0)
    setrlimit (RLIMIT_NOFILE, &rl);
}

/* Starts `tsunagari serve` on a fresh database with @config; @nofile, when
 * not 0, is its open-file limit (soft and hard); @notify names a
 * NOTIFY_SOCKET. */
static void
server_start (Server *s, const char *config, guint nofile, const char *notify)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *db = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *line2 = NULL;
  const char *p;

  memset (s, 0, sizeof *s);
  db = ts_process_make_db ("availability-test-password", &s->dir);
  conf = g_build_filename (s->dir, "tsunagari.conf", NULL);
  g_assert_true (g_file_set_contents (conf, config, -1, &error));

  g_subprocess_launcher_set_child_setup (launcher, child_setup, GUINT_TO_POINTER (nofile), NULL);
  if (notify != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "NOTIFY_SOCKET", notify, TRUE);
      g_subprocess_launcher_setenv (launcher, "WATCHDOG_USEC", "400000", TRUE);
    }
  ts_process_server_start (&s->server, launcher, db, "--config", conf, NULL);
  s->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (s->server.proc), NULL, 10);
  line2 = ts_process_server_read_line (&s->server);
  p = strstr (line2, "at most ");
  g_assert_nonnull (p);
  s->limit = (guint) g_ascii_strtoull (p + 8, NULL, 10);
}

/* Waits for the exit that SIGTERM asked for (sent by the caller when
 * @signalled, else here). */
static void
server_end (Server *s, gboolean signalled)
{
  if (!signalled)
    g_subprocess_send_signal (s->server.proc, SIGTERM);
  g_assert_true (g_subprocess_wait (s->server.proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (s->server.proc));
  g_assert_cmpint (g_subprocess_get_exit_status (s->server.proc), ==, 0);
  ts_process_server_clear (&s->server);
  ts_process_tmpdir_remove (s->dir);
  g_free (s->dir);
}

static void
server_stop (Server *s)
{
  server_end (s, FALSE);
}

static guint
count_fds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A blocking TCP connection whose reads give up after @timeout_ms. */
static int
connect_to (guint port, guint timeout_ms)
{
  struct sockaddr_in addr = { 0 };
  struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = htons ((guint16) port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

static void
send_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      gssize n = send (fd, data, len, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;                  /* the server closed: what it said is read next */
      data += n;
      len -= (gsize) n;
    }
}

/* Reads until the server closes (or @timeout_ms of silence); sets
 * @closed when it did close. */
static GString *
read_until_closed (int fd, gboolean *closed)
{
  GString *got = g_string_new (NULL);
  char buf[4096];

  *closed = FALSE;
  for (;;)
    {
      gssize n = recv (fd, buf, sizeof buf, 0);
      if (n > 0)
        {
          g_string_append_len (got, buf, n);
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      *closed = n == 0 || (n < 0 && errno == ECONNRESET);
      return got;
    }
}

/* One request on a connection of its own, "Connection: close". */
static GString *
exchange (guint port, const char *request, gsize len, guint timeout_ms, gboolean *closed,
          double *seconds)
{
  gint64 start = g_get_monotonic_time ();
  int fd = connect_to (port, timeout_ms);
  gboolean dummy;
  GString *got;

  send_all (fd, request, len);
  got = read_until_closed (fd, closed != NULL ? closed : &dummy);
  close (fd);
  if (seconds != NULL)
    *seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  return got;
}

static guint
status_of (const GString *reply)
{
  if (reply->len < 12 || !g_str_has_prefix (reply->str, "HTTP/1."))
    return 0;
  return (guint) g_ascii_strtoull (reply->str + 9, NULL, 10);
}

static const char *
body_of (const GString *reply)
{
  const char *end = strstr (reply->str, "\r\n\r\n");
  return end != NULL ? end + 4 : NULL;
}

/* The value of @name in the head of @reply, or NULL (case-insensitive). */
static char *
header_of (const GString *reply, const char *name)
{
  g_auto(GStrv) lines = NULL;
  const char *end = strstr (reply->str, "\r\n\r\n");
  g_autofree char *head = g_strndup (reply->str, end != NULL ? (gsize) (end - reply->str) : reply->len);
  gsize nlen = strlen (name);

  lines = g_strsplit (head, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, nlen) == 0 && lines[i][nlen] == ':')
      return g_strstrip (g_strdup (lines[i] + nlen + 1));
  return NULL;
}

/* A problem+json answer with @status and @code. */
static void
assert_problem (const GString *reply, guint status, const char *code)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *type = header_of (reply, "Content-Type");
  const char *body = body_of (reply);
  JsonObject *obj;

  g_assert_cmpuint (status_of (reply), ==, status);
  g_assert_nonnull (type);
  g_assert_true (g_str_has_prefix (type, "application/problem+json"));
  g_assert_nonnull (body);
  g_assert_true (json_parser_load_from_data (parser, body, -1, &error));
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (obj, "code"), ==, code);
  g_assert_true (json_object_has_member (obj, "title"));
  g_assert_true (json_object_has_member (obj, "detail"));
}

static guint
healthz (guint port, guint timeout_ms, double *seconds)
{
  static const char request[] = "GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
  g_autoptr(GString) got = NULL;

  got = exchange (port, request, sizeof request - 1, timeout_ms, NULL, seconds);
  return status_of (got);
}

/* More idle connections than the open-file limit: the service keeps
 * answering, and once they are gone it still does. */
static void
test_many_idle_connections (void)
{
  const guint n_idle = 1100;
  Server s;
  int *fds = g_new (int, n_idle);
  guint closed_by_server = 0;
  double took = 0;
  struct rlimit rl;

  getrlimit (RLIMIT_NOFILE, &rl);
  if (rl.rlim_cur < n_idle + 200)
    {
      g_test_skip ("the test itself needs 1300 open files");
      g_free (fds);
      return;
    }
  server_start (&s, "[http]\nworker_threads=4\nidle_timeout_seconds=30\n", 1024, NULL);
  g_test_message ("connection limit under an open-file limit of 1024: %u", s.limit);
  g_assert_cmpuint (s.limit, <, 1024);
  g_assert_cmpuint (s.limit, >, 800);

  for (guint i = 0; i < n_idle; i++)
    fds[i] = connect_to (s.server.port, 100);

  /* While they are all open: the longest idle make room. */
  g_assert_cmpuint (healthz (s.server.port, 5000, &took), ==, 200);
  g_test_message ("/healthz with %u idle connections open: %.2f s", n_idle, took);
  g_assert_cmpuint (count_fds (s.pid), <, 1024);
  for (int waited = 0; waited < 5000; waited += 100)
    {
      closed_by_server = 0;
      for (guint i = 0; i < n_idle; i++)
        {
          char c;
          if (recv (fds[i], &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
            closed_by_server++;
        }
      if (closed_by_server >= n_idle - s.limit)
        break;
      g_usleep (100 * 1000);
    }
  g_test_message ("%u of the idle connections closed by the server", closed_by_server);
  g_assert_cmpuint (closed_by_server, >=, n_idle - s.limit);

  for (guint i = 0; i < n_idle; i++)
    close (fds[i]);
  g_assert_cmpuint (healthz (s.server.port, 5000, &took), ==, 200);
  g_test_message ("/healthz after they closed: %.2f s", took);
  /* And keeps doing so. */
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (healthz (s.server.port, 5000, NULL), ==, 200);
  server_stop (&s);
  g_free (fds);
}

/* accept() failing with EMFILE (the limit lowered under the running
 * server, with max_connections far above it): the server accepts again,
 * lowers its connection limit and answers. */
static void
test_accept_resumes_after_emfile (void)
{
  const guint n_idle = 300;
  Server s;
  int *fds = g_new (int, n_idle);
  struct rlimit rl;
  guint open_now;

  server_start (&s, "[http]\nworker_threads=2\nmax_connections=5000\nidle_timeout_seconds=30\n",
                0, NULL);
  g_assert_cmpuint (healthz (s.server.port, 5000, NULL), ==, 200);
  open_now = count_fds (s.pid);
  rl.rlim_cur = rl.rlim_max = open_now + 100;
  g_assert_cmpint (prlimit (s.pid, RLIMIT_NOFILE, &rl, NULL), ==, 0);

  for (guint i = 0; i < n_idle; i++)
    fds[i] = connect_to (s.server.port, 100);
  g_assert_cmpuint (healthz (s.server.port, 5000, NULL), ==, 200);
  for (guint i = 0; i < n_idle; i++)
    close (fds[i]);
  g_assert_cmpuint (healthz (s.server.port, 5000, NULL), ==, 200);
  server_stop (&s);
  g_free (fds);
}

/* A head that stops halfway, a body promised and never sent, a connection
 * that never says anything: each is closed within its timeout (1 s, 1 s
 * and 2 s here; the check runs every 250 ms). */
static void
test_timeouts (void)
{
  static const char half[] = "GET /healthz HTTP/1.1\r\nHost: test\r\nAccept-Lang";
  static const char no_body[] = "POST /v1/auth/token HTTP/1.1\r\nHost: test\r\n"
                                "Content-Type: application/json\r\n"
                                "Content-Length: 104857600\r\n\r\n{\"login\":";
  Server s;
  gboolean closed;
  double took;

  server_start (&s, short_timeouts, 0, NULL);
  {
    g_autoptr(GString) got = exchange (s.server.port, half, sizeof half - 1, 10000, &closed, &took);
    g_test_message ("half-sent head closed after %.2f s", took);
    g_assert_true (closed);
    g_assert_cmpfloat (took, <, 3.0);
    assert_problem (got, 408, "request_timeout");
  }
  {
    g_autoptr(GString) got = exchange (s.server.port, no_body, sizeof no_body - 1, 10000, &closed, &took);
    g_test_message ("promised body closed after %.2f s", took);
    g_assert_true (closed);
    g_assert_cmpfloat (took, <, 3.0);
    assert_problem (got, 408, "request_timeout");
  }
  {
    g_autoptr(GString) got = exchange (s.server.port, "", 0, 10000, &closed, &took);
    g_test_message ("idle connection closed after %.2f s", took);
    g_assert_true (closed);
    g_assert_cmpfloat (took, <, 4.0);
    g_assert_cmpuint (got->len, ==, 0);
  }
  /* Keep-alive still works between requests that come in time. */
  {
    static const char two[] = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n"
                              "GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
    g_autoptr(GString) got = exchange (s.server.port, two, sizeof two - 1, 10000, &closed, NULL);
    const char *second = strstr (got->str + 1, "HTTP/1.1 200");
    g_assert_cmpuint (status_of (got), ==, 200);
    g_assert_nonnull (second);
  }
  server_stop (&s);
}

/* 64 KB of query string and 100 KB of header: 414 and 431 as
 * problem+json, in the language asked for when the head said it in time. */
static void
test_oversized_requests (void)
{
  Server s;
  g_autoptr(GString) long_line = g_string_new ("GET /v1/supporters?q=");
  g_autoptr(GString) big_head = g_string_new ("GET /healthz HTTP/1.1\r\nHost: test\r\nAccept-Language: en\r\nX-Filler: ");

  for (guint i = 0; i < 64 * 1024; i++)
    g_string_append_c (long_line, 'a');
  g_string_append (long_line, " HTTP/1.1\r\nHost: test\r\n\r\n");
  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (big_head, 'b');
  g_string_append (big_head, "\r\n\r\n");

  server_start (&s, short_timeouts, 0, NULL);
  {
    gboolean closed;
    g_autoptr(GString) got = exchange (s.server.port, long_line->str, long_line->len, 10000, &closed, NULL);
    assert_problem (got, 414, "uri_too_long");
    g_assert_true (closed);
    /* No Accept-Language seen: Japanese. */
    g_assert_nonnull (strstr (got->str, "リクエスト行"));
  }
  {
    gboolean closed;
    g_autoptr(GString) got = exchange (s.server.port, big_head->str, big_head->len, 10000, &closed, NULL);
    assert_problem (got, 431, "headers_too_large");
    g_assert_true (closed);
    g_assert_nonnull (strstr (got->str, "\"title\":\"Request headers too large\""));
  }
  /* Within the limits, a long query is an ordinary request. */
  {
    g_autoptr(GString) ok_line = g_string_new ("GET /healthz?q=");
    for (guint i = 0; i < 6000; i++)
      g_string_append_c (ok_line, 'a');
    g_string_append (ok_line, " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    g_autoptr(GString) got = exchange (s.server.port, ok_line->str, ok_line->len, 10000, NULL, NULL);
    g_assert_cmpuint (status_of (got), ==, 200);
  }
  server_stop (&s);
}

/* What libsoup refuses itself (with its own status) is answered as
 * problem+json too. */
static void
test_unparsable_requests (void)
{
  static const struct { const char *request; guint status; } cases[] = {
    { "GET /v1/%zz HTTP/1.1\r\nHost: test\r\n\r\n", 400 },           /* a bad escape */
    { "GET /v1/%zz/%00 HTTP/1.1\r\nHost: test\r\n\r\n", 400 },
    { "GET /healthz HTTP/1.1\r\nHost: te/st\r\n\r\n", 400 },         /* a Host with a path */
    /* These four libsoup would answer 400 or 501 leaking the path each
     * time: the connection layer refuses them first. */
    { "POST /v1/auth/token HTTP/1.1\r\nHost: test\r\nContent-Length: x\r\n\r\n", 400 },
    { "POST /v1/auth/token HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400 },
    { "GET /healthz HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip\r\n\r\n", 400 },
    { "POST /v1/auth/token HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n 3\r\n\r\n{}", 400 },
    { "GET /healthz HTTP/1.1\r\nHost: test\r\nExpect: magic\r\n\r\n", 417 },
    { "GET /healthz HTTP/1.1 extra\r\nHost: test\r\n\r\n", 400 },
  };
  Server s;

  server_start (&s, short_timeouts, 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) got = exchange (s.server.port, cases[i].request,
                                         strlen (cases[i].request), 10000, NULL, NULL);
      assert_problem (got, cases[i].status, "bad_request");
    }
  server_stop (&s);
}

/* HEAD carries the GET's Content-Length. */
static void
test_head_content_length (void)
{
  static const char *const paths[] = { "/healthz", "/openapi.json", "/no/such/thing", "/v1/users" };
  Server s;

  server_start (&s, short_timeouts, 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *get = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", paths[i]);
      g_autofree char *head = g_strdup_printf ("HEAD %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", paths[i]);
      g_autoptr(GString) got_get = exchange (s.server.port, get, strlen (get), 10000, NULL, NULL);
      g_autoptr(GString) got_head = exchange (s.server.port, head, strlen (head), 10000, NULL, NULL);
      g_autofree char *len_get = header_of (got_get, "Content-Length");
      g_autofree char *len_head = header_of (got_head, "Content-Length");

      g_test_message ("%s: GET %s, HEAD %s", paths[i], len_get, len_head);
      g_assert_cmpuint (status_of (got_head), ==, status_of (got_get));
      g_assert_nonnull (len_get);
      g_assert_cmpuint (strlen (body_of (got_get)), ==, g_ascii_strtoull (len_get, NULL, 10));
      if (len_head != NULL)
        g_assert_cmpstr (len_head, ==, len_get);
      g_assert_cmpstr (body_of (got_head), ==, "");
    }
  server_stop (&s);
}

static char *
receive_notification (GSocket *socket)
{
  g_autoptr(GError) error = NULL;
  char buf[256];
  gssize n = g_socket_receive (socket, buf, sizeof buf - 1, NULL, &error);

  if (n < 0)
    return NULL;
  buf[n] = '\0';
  return g_strdup (buf);
}

/* READY=1 once listening, WATCHDOG=1 every half WATCHDOG_USEC (0.4 s
 * here), STOPPING=1 on SIGTERM. */
static void
test_sd_notify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagari-notify-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "notify", NULL);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  guint watchdogs = 0;
  gboolean stopping = FALSE;
  Server s;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_socket_set_timeout (socket, 5);
  server_start (&s, short_timeouts, 0, path);
  {
    g_autofree char *first = receive_notification (socket);
    g_assert_cmpstr (first, ==, "READY=1");
  }
  while (watchdogs < 3)
    {
      g_autofree char *m = receive_notification (socket);
      g_assert_cmpstr (m, ==, "WATCHDOG=1");
      watchdogs++;
    }
  g_subprocess_send_signal (s.server.proc, SIGTERM);
  for (int i = 0; i < 10 && !stopping; i++)
    {
      g_autofree char *m = receive_notification (socket);
      g_assert_nonnull (m);
      stopping = g_str_equal (m, "STOPPING=1");
    }
  g_assert_true (stopping);
  server_end (&s, TRUE);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  struct rlimit rl;

  /* The client side of 1,100 connections needs the descriptors. */
  if (getrlimit (RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max)
    {
      rl.rlim_cur = rl.rlim_max;
      setrlimit (RLIMIT_NOFILE, &rl);
    }
  signal (SIGPIPE, SIG_IGN);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/availability/many-idle-connections", test_many_idle_connections);
  g_test_add_func ("/tsunagari/availability/accept-resumes-after-emfile", test_accept_resumes_after_emfile);
  g_test_add_func ("/tsunagari/availability/timeouts", test_timeouts);
  g_test_add_func ("/tsunagari/availability/oversized-requests", test_oversized_requests);
  g_test_add_func ("/tsunagari/availability/unparsable-requests", test_unparsable_requests);
  g_test_add_func ("/tsunagari/availability/head-content-length", test_head_content_length);
  g_test_add_func ("/tsunagari/availability/sd-notify", test_sd_notify);
  return g_test_run ();
}
