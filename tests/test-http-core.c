/*
 * The HTTP core on a live server: sign-in, tokens, users, problem details,
 * body limits, routing, the audit log endpoint.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static void
test_healthz (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/healthz", NULL, NULL, NULL);

  ts_assert_status (r, 200);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "status"), ==, "ok");
  g_assert_cmpstr (ts_reply_header (r, "X-Content-Type-Options"), ==, "nosniff");
}

static void
test_openapi_served (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/openapi.json", NULL, NULL, NULL);

  ts_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (ts_reply_object (r), "openapi"), "3.1"));
}

static void
test_login (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) ok = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                              "{\"login\":\"coordinator\",\"password\":\"" TS_HARNESS_PASSWORD "\"}", NULL);
  g_autoptr(TsReply) wrong = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                                 "{\"login\":\"coordinator\",\"password\":\"nope-nope-nope\"}", NULL);
  g_autoptr(TsReply) unknown = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                                   "{\"login\":\"nobody\",\"password\":\"nope-nope-nope\"}", NULL);
  g_autoptr(TsReply) missing = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                                   "{\"login\":\"coordinator\"}", NULL);
  g_autoptr(TsReply) type = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                                "{\"login\":5,\"password\":\"x\"}", NULL);
  g_autoptr(TsReply) extra = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                                 "{\"login\":\"a\",\"password\":\"b\",\"remember\":true}", NULL);
  JsonObject *obj;

  ts_assert_status (ok, 200);
  obj = ts_reply_object (ok);
  g_assert_cmpstr (json_object_get_string_member (obj, "role"), ==, "coordinator");
  g_assert_cmpuint (strlen (json_object_get_string_member (obj, "token")), ==, 43);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (obj, "expires_at"), "+09:00"));

  ts_assert_status (wrong, 401);
  g_assert_cmpstr (ts_reply_code (wrong), ==, "invalid_credentials");
  ts_assert_status (unknown, 401);
  g_assert_cmpstr (ts_reply_code (unknown), ==, "invalid_credentials");
  g_assert_cmpstr (ts_reply_header (wrong, "Content-Type"), ==, "application/problem+json; charset=utf-8");

  ts_assert_status (missing, 422);
  g_assert_cmpstr (ts_reply_code (missing), ==, "validation_failed");
  g_assert_true (ts_reply_has_field_error (missing, "password"));
  ts_assert_status (type, 422);
  g_assert_true (ts_reply_has_field_error (type, "login"));
  ts_assert_status (extra, 400);
  g_assert_cmpstr (ts_reply_code (extra), ==, "unknown_field");
  g_assert_true (ts_reply_has_field_error (extra, "remember"));
}

static void
test_login_rate_limit (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) blocked = NULL;
  g_autoptr(TsReply) other = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                                 "{\"login\":\"auditor\",\"password\":\"wrong-password-x\"}", NULL);
      ts_assert_status (r, 401);
    }
  /* Even the right password is refused now. */
  blocked = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                "{\"login\":\"auditor\",\"password\":\"" TS_HARNESS_PASSWORD "\"}", NULL);
  ts_assert_status (blocked, 429);
  g_assert_cmpstr (ts_reply_code (blocked), ==, "too_many_attempts");
  g_assert_nonnull (ts_reply_header (blocked, "Retry-After"));
  g_assert_cmpint (atoi (ts_reply_header (blocked, "Retry-After")), >, 0);
  g_assert_cmpint (atoi (ts_reply_header (blocked, "Retry-After")), <=, 15 * 60);

  /* Another login is not affected. */
  other = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                              "{\"login\":\"coordinator\",\"password\":\"" TS_HARNESS_PASSWORD "\"}", NULL);
  ts_assert_status (other, 200);
}

static void
test_tokens (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autofree char *token = ts_harness_login (h, "coordinator", TS_HARNESS_PASSWORD);
  g_autoptr(TsReply) none = ts_harness_request (h, "DELETE", "/v1/auth/token", NULL, NULL, NULL);
  g_autoptr(TsReply) bogus = ts_harness_request (h, "DELETE", "/v1/auth/token", "bogus", NULL, NULL);
  g_autoptr(TsReply) out = ts_harness_request (h, "DELETE", "/v1/auth/token", token, NULL, NULL);
  g_autoptr(TsReply) again = ts_harness_request (h, "DELETE", "/v1/auth/token", token, NULL, NULL);
  g_autoptr(TsReply) still = ts_harness_request (h, "DELETE", "/v1/auth/token", h->coordinator, NULL, NULL);

  ts_assert_status (none, 401);
  g_assert_cmpstr (ts_reply_code (none), ==, "unauthorized");
  g_assert_nonnull (ts_reply_header (none, "WWW-Authenticate"));
  ts_assert_status (bogus, 401);
  ts_assert_status (out, 204);
  ts_assert_status (again, 401);
  /* Signing out ends one session only. */
  ts_assert_status (still, 204);
}

static void
test_routing (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) missing = ts_harness_request (h, "GET", "/v1/nothing-here", h->admin, NULL, NULL);
  g_autoptr(TsReply) method = ts_harness_request (h, "PUT", "/v1/users", h->admin, "{}", NULL);
  g_autoptr(TsReply) zero_id = ts_harness_request (h, "PATCH", "/v1/users/0", h->admin, "{}", NULL);
  g_autoptr(TsReply) huge_id = ts_harness_request (h, "PATCH", "/v1/users/99999999999999999999", h->admin, "{}", NULL);
  g_autoptr(TsReply) unknown_id = ts_harness_request (h, "PATCH", "/v1/users/4242", h->admin, "{}", NULL);

  ts_assert_status (missing, 404);
  g_assert_cmpstr (ts_reply_code (missing), ==, "not_found");
  ts_assert_status (method, 405);
  g_assert_cmpstr (ts_reply_code (method), ==, "method_not_allowed");
  g_assert_nonnull (strstr (ts_reply_header (method, "Allow"), "POST"));
  ts_assert_status (zero_id, 404);
  ts_assert_status (huge_id, 404);
  ts_assert_status (unknown_id, 404);
}

static void
test_bodies (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(GString) deep = g_string_new ("{\"login\":");
  g_autofree char *big = g_malloc (2 * 1024 * 1024);
  g_autoptr(TsReply) type = NULL, malformed = NULL, too_deep = NULL, too_big = NULL;
  g_autoptr(TsReply) not_object = NULL, bad_utf8 = NULL, empty = NULL;

  type = ts_harness_request_raw (h, "POST", "/v1/users", h->admin, "text/plain", "{}", 2, NULL);
  ts_assert_status (type, 415);
  g_assert_cmpstr (ts_reply_code (type), ==, "unsupported_media_type");

  malformed = ts_harness_request (h, "POST", "/v1/users", h->admin, "{\"login\": ", NULL);
  ts_assert_status (malformed, 400);
  g_assert_cmpstr (ts_reply_code (malformed), ==, "bad_request");

  for (int i = 0; i < 40; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 40; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  too_deep = ts_harness_request (h, "POST", "/v1/users", h->admin, deep->str, NULL);
  ts_assert_status (too_deep, 400);
  g_assert_cmpstr (ts_reply_code (too_deep), ==, "json_too_deep");

  memset (big, ' ', 2 * 1024 * 1024);
  big[0] = '{';
  big[2 * 1024 * 1024 - 1] = '}';
  too_big = ts_harness_request_raw (h, "POST", "/v1/users", h->admin, "application/json",
                                    big, 2 * 1024 * 1024, NULL);
  ts_assert_status (too_big, 413);
  g_assert_cmpstr (ts_reply_code (too_big), ==, "payload_too_large");

  not_object = ts_harness_request (h, "POST", "/v1/users", h->admin, "[1,2]", NULL);
  ts_assert_status (not_object, 422);
  bad_utf8 = ts_harness_request_raw (h, "POST", "/v1/users", h->admin, "application/json",
                                     "{\"login\":\"\xff\xfe\"}", 14, NULL);
  ts_assert_status (bad_utf8, 400);
  empty = ts_harness_request_raw (h, "POST", "/v1/users", h->admin, "application/json", "", 0, NULL);
  ts_assert_status (empty, 400);
}

static void
test_languages (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) ja = ts_harness_request (h, "GET", "/v1/users", NULL, NULL,
                                              (const char *[]) { "Accept-Language", "ja", NULL });
  g_autoptr(TsReply) en = ts_harness_request (h, "GET", "/v1/users", NULL, NULL,
                                              (const char *[]) { "Accept-Language", "en-US,en;q=0.9,ja;q=0.5", NULL });
  const char *ja_title, *en_title;

  ts_assert_status (ja, 401);
  ts_assert_status (en, 401);
  ja_title = json_object_get_string_member (ts_reply_object (ja), "title");
  en_title = json_object_get_string_member (ts_reply_object (en), "title");
  g_assert_cmpstr (en_title, ==, "Authentication required");
  g_assert_cmpstr (ja_title, !=, en_title);
  /* The Japanese title is Japanese: it has characters outside ASCII. */
  g_assert_false (g_str_is_ascii (ja_title));
  g_assert_cmpstr (ts_reply_code (ja), ==, ts_reply_code (en));
}

static void
test_users (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) created = NULL, listed = NULL, as_coord = NULL, as_auditor = NULL;
  g_autoptr(TsReply) dup = NULL, short_pw = NULL, no_link = NULL, bad_role = NULL;
  g_autoptr(TsReply) disable = NULL, after = NULL, unknown = NULL, self_disable = NULL;
  g_autoptr(TsReply) bad_type = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  created = ts_harness_request (h, "POST", "/v1/users", h->admin,
                               "{\"login\":\"coord2\",\"password\":\"twelve-chars-ok\",\"role\":\"coordinator\"}", NULL);
  ts_assert_status (created, 201);
  id = ts_reply_id (created);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (created), "role"), ==, "coordinator");
  g_assert_false (json_object_has_member (ts_reply_object (created), "password"));
  g_assert_false (json_object_has_member (ts_reply_object (created), "password_hash"));

  listed = ts_harness_request (h, "GET", "/v1/users", h->admin, NULL, NULL);
  ts_assert_status (listed, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (listed), "users")), ==, 4);

  as_coord = ts_harness_request (h, "GET", "/v1/users", h->coordinator, NULL, NULL);
  ts_assert_status (as_coord, 403);
  g_assert_cmpstr (ts_reply_code (as_coord), ==, "forbidden");
  as_auditor = ts_harness_request (h, "POST", "/v1/users", h->auditor,
                                  "{\"login\":\"x-user\",\"password\":\"twelve-chars-ok\",\"role\":\"admin\"}", NULL);
  ts_assert_status (as_auditor, 403);

  dup = ts_harness_request (h, "POST", "/v1/users", h->admin,
                           "{\"login\":\"coord2\",\"password\":\"twelve-chars-ok\",\"role\":\"coordinator\"}", NULL);
  ts_assert_status (dup, 409);
  g_assert_cmpstr (ts_reply_code (dup), ==, "already_exists");
  short_pw = ts_harness_request (h, "POST", "/v1/users", h->admin,
                                "{\"login\":\"coord3\",\"password\":\"elevenchars\",\"role\":\"coordinator\"}", NULL);
  ts_assert_status (short_pw, 422);
  g_assert_true (ts_reply_has_field_error (short_pw, "password"));
  no_link = ts_harness_request (h, "POST", "/v1/users", h->admin,
                               "{\"login\":\"sup\",\"password\":\"twelve-chars-ok\",\"role\":\"supporter\"}", NULL);
  ts_assert_status (no_link, 422);
  g_assert_true (ts_reply_has_field_error (no_link, "supporter_id"));
  bad_role = ts_harness_request (h, "POST", "/v1/users", h->admin,
                                "{\"login\":\"x\",\"password\":\"short\",\"role\":\"root\"}", NULL);
  ts_assert_status (bad_role, 422);
  /* Every bad field at once. */
  g_assert_true (ts_reply_has_field_error (bad_role, "role"));
  g_assert_true (ts_reply_has_field_error (bad_role, "login"));
  g_assert_true (ts_reply_has_field_error (bad_role, "password"));

  token = ts_harness_login (h, "coord2", "twelve-chars-ok");
  path = g_strdup_printf ("/v1/users/%" G_GINT64_FORMAT, id);
  bad_type = ts_harness_request (h, "PATCH", path, h->admin, "{\"disabled\":\"yes\"}", NULL);
  ts_assert_status (bad_type, 422);
  g_assert_true (ts_reply_has_field_error (bad_type, "disabled"));
  disable = ts_harness_request (h, "PATCH", path, h->admin, "{\"disabled\":true}", NULL);
  ts_assert_status (disable, 200);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (disable), "disabled"));
  after = ts_harness_request (h, "DELETE", "/v1/auth/token", token, NULL, NULL);
  ts_assert_status (after, 401);

  unknown = ts_harness_request (h, "PATCH", "/v1/users/999", h->admin, "{\"disabled\":true}", NULL);
  ts_assert_status (unknown, 404);
  self_disable = ts_harness_request (h, "PATCH", "/v1/users/1", h->admin, "{\"disabled\":true}", NULL);
  ts_assert_status (self_disable, 422);
}

static void
test_audit_verify (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) ok = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->auditor, NULL, NULL);
  g_autoptr(TsReply) admin = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->admin, NULL, NULL);
  g_autoptr(TsReply) coord = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->coordinator, NULL, NULL);
  g_autoptr(TsReply) anon = ts_harness_request (h, "GET", "/v1/audit/log/verify", NULL, NULL, NULL);

  ts_assert_status (ok, 200);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (ok), "ok"));
  /* Three users created and three sign-ins, at least. */
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (ok), "entries"), >=, 6);
  g_assert_true (json_object_get_null_member (ts_reply_object (ok), "first_bad_seq"));
  ts_assert_status (admin, 200);
  ts_assert_status (coord, 403);
  ts_assert_status (anon, 401);
}


/* ---- connections the client closed ------------------------------------ */

static guint
count_open_sockets (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);
      if (target != NULL && g_str_has_prefix (target, "socket:"))
        n++;
    }
  return n;
}

/* One keep-alive request on a connection of its own, read to the end of
 * the answer; then the client hangs up between requests. */
static void
request_and_hang_up (TsHarness *h)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  const char *request = "GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\n\r\n";
  GInputStream *in;
  const char *end;
  char buf[512];
  gssize n;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) h->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  while ((end = strstr (got->str, "\r\n\r\n")) == NULL ||
         got->len - (gsize) (end + 4 - got->str) <
           (gsize) g_ascii_strtoull (strstr (got->str, "Content-Length: ") + 16, NULL, 10))
    {
      n = g_input_stream_read (in, buf, sizeof buf, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (got, buf, n);
    }
  g_assert_true (g_str_has_prefix (got->str, "HTTP/1.1 200"));
  g_io_stream_close (G_IO_STREAM (conn), NULL, &error);
  g_assert_no_error (error);
}

typedef struct {
  TsHarness *h;
  GMutex     lock;
  GCond      cond;
  gboolean   done;
  guint      closed;
} Sweep;

static gboolean
sweep_on_server (gpointer data)
{
  Sweep *s = data;
  guint closed = ts_http_server_sweep_connections (s->h->server);

  g_mutex_lock (&s->lock);
  s->closed = closed;
  s->done = TRUE;
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);
  return G_SOURCE_REMOVE;
}

static guint
sweep (TsHarness *h)
{
  Sweep s = { h, { 0 }, { 0 }, FALSE, 0 };

  g_mutex_init (&s.lock);
  g_cond_init (&s.cond);
  g_main_context_invoke (h->context, sweep_on_server, &s);
  g_mutex_lock (&s.lock);
  while (!s.done)
    g_cond_wait (&s.cond, &s.lock);
  g_mutex_unlock (&s.lock);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.cond);
  return s.closed;
}

/* libsoup 3.2 keeps the socket of a keep-alive connection that its client
 * closed between requests; the server's sweep must give it back, and must
 * leave alone a connection whose client is still there. */
static void
test_closed_connections_released (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) idle = NULL;
  g_autoptr(GError) error = NULL;
  guint before, after, closed = 0;
  const guint rounds = 20;

  /* A connection that stays open: one request, then quiet.  (Its answer
   * also says that the server has accepted it before the count.) */
  idle = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) h->port, NULL, &error);
  g_assert_no_error (error);
  {
    const char *request = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";
    g_autoptr(GString) got = g_string_new (NULL);
    const char *end, *length;
    char c;

    g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (idle)),
                               request, strlen (request), NULL, NULL, &error);
    g_assert_no_error (error);
    /* The whole answer, byte by byte: the head, then Content-Length bytes. */
    while ((end = strstr (got->str, "\r\n\r\n")) == NULL ||
           (length = strstr (got->str, "Content-Length: ")) == NULL ||
           got->len - (gsize) (end + 4 - got->str) < g_ascii_strtoull (length + 16, NULL, 10))
      {
        g_assert_cmpint (g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (idle)),
                                              &c, 1, NULL, &error), ==, 1);
        g_string_append_c (got, c);
      }
    g_assert_true (g_str_has_prefix (got->str, "HTTP/1.1 200"));
  }
  before = count_open_sockets ();

  for (guint i = 0; i < rounds; i++)
    request_and_hang_up (h);
  /* Two sweeps: the first notes the gone peers, the second closes. */
  for (guint i = 0; i < 2; i++)
    closed += sweep (h);
  after = count_open_sockets ();
  g_assert_cmpuint (after, <=, before);

  /* The quiet connection still works. */
  {
    const char *request = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";
    char buf[16] = { 0 };

    g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (idle)),
                               request, strlen (request), NULL, NULL, &error);
    g_assert_no_error (error);
    g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (idle)),
                             buf, 12, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (buf, ==, "HTTP/1.1 200");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/http/healthz", test_healthz);
  g_test_add_func ("/tsunagari/http/openapi-served", test_openapi_served);
  g_test_add_func ("/tsunagari/http/login", test_login);
  g_test_add_func ("/tsunagari/http/login-rate-limit", test_login_rate_limit);
  g_test_add_func ("/tsunagari/http/tokens", test_tokens);
  g_test_add_func ("/tsunagari/http/routing", test_routing);
  g_test_add_func ("/tsunagari/http/bodies", test_bodies);
  g_test_add_func ("/tsunagari/http/languages", test_languages);
  g_test_add_func ("/tsunagari/http/users", test_users);
  g_test_add_func ("/tsunagari/http/audit-verify", test_audit_verify);
  g_test_add_func ("/tsunagari/http/closed-connections-released",
                   test_closed_connections_released);
  return g_test_run ();
}
