#include "http/server.h"

#include <string.h>
#include <sys/resource.h>

#include "core/i18n.h"
#include "core/json.h"
#include "http/connections.h"
#include "http/encoding.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/route.h"
#include "service/users.h"

struct _TsHttpServer {
  GObject       parent_instance;
  TsService    *service;
  SoupServer   *soup;
  GMainContext *main_context;
  GThreadPool  *workers;
  TsConnections *connections;
  char         *malformed;       /* the answer to what libsoup cannot parse */
  gsize         malformed_len;
  GSource      *replies_source;  /* dispatches the finished requests below */
  GMutex        replies_lock;
  GQueue        replies;         /* TsRequest*, finished by workers */
  guint         in_flight;
  gboolean      stopping;
};

G_DEFINE_TYPE (TsHttpServer, ts_http_server, G_TYPE_OBJECT)

#define TOO_LARGE_KEY "ts-too-large"

/* ---- the route table ------------------------------------------------ */

static GArray *route_table;

static gpointer
build_routes (gpointer unused)
{
  (void) unused;
  route_table = g_array_new (FALSE, FALSE, sizeof (TsRoute));
  ts_routes_system (route_table);
  ts_routes_auth (route_table);
  ts_routes_devices (route_table);
  ts_routes_users (route_table);
  ts_routes_audit (route_table);
  ts_routes_supporters (route_table);
  ts_routes_training (route_table);
  ts_routes_training_audit (route_table);
  ts_routes_assignments (route_table);
  ts_routes_matching (route_table);
  ts_routes_cases (route_table);
  ts_routes_hosts (route_table);
  ts_routes_organisations (route_table);
  ts_routes_placements (route_table);
  ts_routes_rates (route_table);
  ts_routes_municipalities (route_table);
  ts_routes_activities (route_table);
  ts_routes_payments (route_table);
  ts_routes_dispatch (route_table);
  ts_routes_transfers (route_table);
  ts_routes_contacts (route_table);
  ts_routes_visits (route_table);
  ts_routes_statistics (route_table);
  ts_routes_notices (route_table);
  ts_routes_documents (route_table);
  ts_routes_reports (route_table);
  ts_routes_events (route_table);
  ts_routes_web (route_table);
  return NULL;
}

const TsRoute *
ts_routes_get_all (guint *n_routes)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, build_routes, NULL);
  *n_routes = route_table->len;
  return (const TsRoute *) route_table->data;
}

/* Matches "/v1/supporters/{id}" against a path; every {…} segment must be
 * a positive decimal integer that fits gint64, except the last one of a
 * TS_ROUTE_TAIL pattern, which takes the (non-empty) rest of the path. */
static gboolean
match_pattern (const char *pattern, const char *path, gboolean tail, gint64 *params,
               guint *n_params)
{
  const char *p = pattern, *s = path;

  *n_params = 0;
  while (*p != '\0' && *s != '\0')
    {
      if (*p == '{')
        {
          gint64 v = 0;
          const char *start = s;
          const char *close = strchr (p, '}');

          if (tail && close != NULL && close[1] == '\0')
            return TRUE;
          while (*p != '}' && *p != '\0')
            p++;
          if (*p == '}')
            p++;
          if (*s == '0')
            return FALSE;
          while (*s >= '0' && *s <= '9')
            {
              if (v > (G_MAXINT64 - 9) / 10)
                return FALSE;
              v = v * 10 + (*s - '0');
              s++;
            }
          if (s == start || (*s != '/' && *s != '\0') || *n_params >= TS_MAX_PATH_PARAMS)
            return FALSE;
          params[(*n_params)++] = v;
          continue;
        }
      if (*p != *s)
        return FALSE;
      p++;
      s++;
    }
  return *p == '\0' && *s == '\0';
}

static const TsRoute *
find_route (const char *method, const char *path, gint64 *params, guint *n_params,
            gboolean *path_known, GString *allow)
{
  guint n;
  const TsRoute *routes = ts_routes_get_all (&n);
  const TsRoute *found = NULL;

  *path_known = FALSE;
  for (guint i = 0; i < n; i++)
    {
      gint64 p[TS_MAX_PATH_PARAMS];
      guint np;

      if (!match_pattern (routes[i].pattern, path, (routes[i].flags & TS_ROUTE_TAIL) != 0, p, &np))
        continue;
      *path_known = TRUE;
      if (allow->len > 0)
        g_string_append (allow, ", ");
      g_string_append (allow, routes[i].method);
      if (found == NULL && (g_str_equal (routes[i].method, method) ||
                            (g_str_equal (method, "HEAD") && g_str_equal (routes[i].method, "GET"))))
        {
          found = &routes[i];
          memcpy (params, p, sizeof p);
          *n_params = np;
        }
    }
  return found;
}

/* ---- replies -------------------------------------------------------- */

/* Repeated headers come joined with ", ", as RFC 9110 allows for list
 * values.  Only the thread handling the request reads its headers. */
const char *
ts_request_header (TsRequest *req, const char *name)
{
  return soup_message_headers_get_list (req->headers, name);
}

const char *
ts_request_query (TsRequest *req, const char *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

void
ts_request_add_header (TsRequest *req, const char *name, const char *value /* NULL: remove */)
{
  g_ptr_array_add (req->reply_headers, g_strdup (name));
  g_ptr_array_add (req->reply_headers, g_strdup (value));
}

void
ts_request_reply_bytes (TsRequest *req, guint status, const char *content_type, GBytes *body)
{
  req->status = status;
  g_clear_pointer (&req->reply_body, g_bytes_unref);
  req->reply_body = body != NULL ? g_bytes_ref (body) : NULL;
  g_free (req->reply_type);
  req->reply_type = g_strdup (content_type);
  req->reply_encoding = NULL;
  req->reply_varies = FALSE;
}

static void
reply_node (TsRequest *req, guint status, const char *type, JsonNode *node)
{
  gsize len;
  char *text = ts_json_to_string (node, &len);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, len);
  g_autoptr(GBytes) gz = NULL;

  /* gzip from TS_HTTP_GZIP_MIN bytes up when the client accepts it (a
   * phone's lists and calendars shrink to a quarter); compressed here, on
   * the worker, never on the main loop.  No validator changes: API answers
   * are no-store, and an ETag names the record's version, not these bytes. */
  if (len >= TS_HTTP_GZIP_MIN && ts_http_accepts_gzip (ts_request_header (req, "Accept-Encoding")))
    {
      gz = ts_http_gzip (bytes, 6);
      if (gz != NULL && g_bytes_get_size (gz) >= len)
        g_clear_pointer (&gz, g_bytes_unref);
    }
  ts_request_reply_bytes (req, status, type, gz != NULL ? gz : bytes);
  req->reply_encoding = gz != NULL ? "gzip" : NULL;
  req->reply_varies = len >= TS_HTTP_GZIP_MIN;
}

void
ts_request_reply_json (TsRequest *req, guint status, JsonNode *node)
{
  reply_node (req, status, "application/json; charset=utf-8", node);
}

/* Takes @obj: every handler builds its answer for this one reply. */
void
ts_request_reply_object (TsRequest *req, guint status, JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  json_node_init_object (node, NULL);
  json_node_take_object (node, obj);
  ts_request_reply_json (req, status, node);
}

void
ts_request_reply_empty (TsRequest *req, guint status)
{
  ts_request_reply_bytes (req, status, NULL, NULL);
}

void
ts_request_reply_error (TsRequest *req, const GError *error)
{
  g_autoptr(JsonNode) node = ts_problem_build (error, req->ctx, req->path);
  guint status = ts_problem_status (error);

  /* The request id ties a client's report to the server log; the log line
   * carries the error's own words, never request data. */
  if (status >= 500)
    g_warning ("request %s: %s", req->ctx->request_id, error != NULL ? error->message : "?");
  if (status == 429 && req->ctx->retry_after > 0)
    {
      char buf[16];
      g_snprintf (buf, sizeof buf, "%d", req->ctx->retry_after);
      ts_request_add_header (req, "Retry-After", buf);
    }
  if (status == SOUP_STATUS_UNAUTHORIZED)
    ts_request_add_header (req, "WWW-Authenticate", "Bearer realm=\"tsunagari\"");
  reply_node (req, status, "application/problem+json; charset=utf-8", node);
}

static void send_reply (TsRequest *req);

/* For a TS_ROUTE_INLINE handler that answers later, from a callback on the
 * main loop: the request stays alive, and its message paused, until
 * ts_request_complete(). */
void
ts_request_defer (TsRequest *req)
{
  g_return_if_fail (req->route->flags & TS_ROUTE_INLINE);
  req->deferred = TRUE;
}

/* Sends the answer of a deferred request (set with ts_request_reply_*())
 * and frees it.  On the main loop only. */
void
ts_request_complete (TsRequest *req)
{
  g_return_if_fail (req->deferred && req->msg != NULL);
  send_reply (req);
}

gboolean
ts_request_accepts_csv (TsRequest *req)
{
  const char *accept = ts_request_header (req, "Accept");
  return accept != NULL && strstr (accept, "text/csv") != NULL;
}

static void
request_free (TsRequest *req)
{
  ts_context_free (req->ctx);
  g_clear_object (&req->msg);
  g_free (req->method);
  g_free (req->path);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->headers, soup_message_headers_unref);
  g_clear_pointer (&req->raw_body, g_bytes_unref);
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->reply_body, g_bytes_unref);
  g_free (req->reply_type);
  g_ptr_array_unref (req->reply_headers);
  g_free (req);
}

/* ---- the worker side ------------------------------------------------ */

/* Hands the handler's answer to libsoup; runs on the main loop. */
static void
set_reply (SoupServerMessage *msg, TsRequest *req)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  /* A NULL value (ts_request_add_header) removes a common header. */
  for (guint i = 0; i + 1 < req->reply_headers->len; i += 2)
    if (req->reply_headers->pdata[i + 1] == NULL)
      soup_message_headers_remove (h, req->reply_headers->pdata[i]);
    else
      soup_message_headers_replace (h, req->reply_headers->pdata[i], req->reply_headers->pdata[i + 1]);
  if (req->reply_varies)
    {
      /* Added to what the handler's answer varies on (Accept, for the
       * answers that negotiate their type). */
      const char *vary = soup_message_headers_get_one (h, "Vary");
      g_autofree char *both = vary != NULL ? g_strdup_printf ("%s, Accept-Encoding", vary) : NULL;

      soup_message_headers_replace (h, "Vary", both != NULL ? both : "Accept-Encoding");
    }
  if (req->reply_encoding != NULL)
    soup_message_headers_replace (h, "Content-Encoding", req->reply_encoding);
  if (req->reply_body != NULL && !g_str_equal (req->method, "HEAD"))
    {
      gsize len;
      gconstpointer data_ptr = g_bytes_get_data (req->reply_body, &len);
      soup_server_message_set_response (msg, req->reply_type, SOUP_MEMORY_COPY,
                                        data_ptr, len);
    }
  else if (req->reply_type != NULL)
    soup_message_headers_set_content_type (h, req->reply_type, NULL);
  /* HEAD: the GET's length.  libsoup would write the length of the empty
   * body it sends, 0. */
  if (req->reply_body != NULL && g_str_equal (req->method, "HEAD"))
    soup_message_headers_set_content_length (h, (goffset) g_bytes_get_size (req->reply_body));
  soup_server_message_set_status (msg, req->status, NULL);
}

/* Sends the answer of a request whose message was paused (a worker's, or
 * a deferred one) and frees the request. */
static void
send_reply (TsRequest *req)
{
  if (req->status == 0)
    {
      g_autoptr(GError) error = g_error_new_literal (TS_ERROR, TS_ERROR_INTERNAL,
                                                     "The handler did not answer");
      ts_request_reply_error (req, error);
    }
  set_reply (req->msg, req);
  soup_server_message_unpause (req->msg);
  request_free (req);
}

/* Workers queue their finished requests and wake the main loop only when the
 * queue was empty: under load one dispatch sends many answers, instead of
 * one new GSource (and one wake-up) per answer. */
static gboolean
dispatch_replies (gpointer user_data)
{
  TsHttpServer *self = user_data;
  GQueue ready = G_QUEUE_INIT;
  TsRequest *req;

  /* Before taking the queue: a request queued after this point wakes us again. */
  g_source_set_ready_time (self->replies_source, -1);
  g_mutex_lock (&self->replies_lock);
  ready = self->replies;
  g_queue_init (&self->replies);
  g_mutex_unlock (&self->replies_lock);
  while ((req = g_queue_pop_head (&ready)) != NULL)
    {
      send_reply (req);
      g_object_unref (self);       /* taken when it went to the workers */
    }
  return G_SOURCE_CONTINUE;
}

static void
queue_reply (TsHttpServer *self, TsRequest *req)
{
  gboolean was_empty;

  g_mutex_lock (&self->replies_lock);
  was_empty = g_queue_is_empty (&self->replies);
  g_queue_push_tail (&self->replies, req);
  g_mutex_unlock (&self->replies_lock);
  if (was_empty)
    g_source_set_ready_time (self->replies_source, 0);
}

static gboolean
read_body (TsHttpServer *self, TsRequest *req, GError **error)
{
  TsConfig *config = ts_service_get_config (self->service);
  const char *type = ts_request_header (req, "Content-Type");
  gsize len = req->raw_body != NULL ? g_bytes_get_size (req->raw_body) : 0;
  const char *data = req->raw_body != NULL ? g_bytes_get_data (req->raw_body, NULL) : NULL;

  if (len == 0 && (req->route->flags & TS_ROUTE_OPTIONAL_BODY))
    return TRUE;
  if (type == NULL || g_ascii_strncasecmp (type, "application/json", 16) != 0 ||
      (type[16] != '\0' && type[16] != ';' && type[16] != ' '))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNSUPPORTED_MEDIA_TYPE,
                           N_("The body must be application/json"));
      return FALSE;
    }
  if (len == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_BAD_REQUEST, N_("The body is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (data, (gssize) len, NULL))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_BAD_REQUEST,
                           N_("The body is not valid UTF-8"));
      return FALSE;
    }
  if (!ts_json_depth_within (data, len, config->max_json_depth))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_JSON_TOO_DEEP,
                           N_("The JSON body is nested too deeply"));
      return FALSE;
    }
  /* Exactly one value, and no string that U+0000 would cut short. */
  req->body = ts_json_parse_body (data, len, req->ctx->errors, error);
  return req->body != NULL;
}

/* Authentication, role check, body and handler: on a worker thread, or on
 * the main loop for a TS_ROUTE_INLINE route. */
static void
run_request (TsHttpServer *self, TsRequest *req)
{
  g_autoptr(GError) error = NULL;

  ts_i18n_set_thread_language (req->ctx->language);

  if (!(req->route->flags & TS_ROUTE_PUBLIC))
    {
      const char *auth = ts_request_header (req, "Authorization");
      const char *token = NULL;

      if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
        token = auth + 7;
      if (!ts_service_authenticate (self->service, req->ctx, token, &error))
        {
          if (error->code != TS_ERROR_UNAVAILABLE)
            {
              g_clear_error (&error);
              g_set_error_literal (&error, TS_ERROR, TS_ERROR_UNAUTHORIZED,
                                   N_("A valid bearer token is required"));
            }
          goto out;
        }
      if ((req->route->roles & req->ctx->role) == 0)
        {
          g_set_error_literal (&error, TS_ERROR, TS_ERROR_FORBIDDEN,
                               N_("Your role may not do this"));
          goto out;
        }
    }

  if ((req->route->flags & (TS_ROUTE_BODY | TS_ROUTE_OPTIONAL_BODY)) &&
      !read_body (self, req, &error))
    goto out;

  req->route->handler (req);
  if (req->status == 0 && !req->deferred)
    g_set_error_literal (&error, TS_ERROR, TS_ERROR_INTERNAL, "The handler did not answer");

out:
  if (error != NULL)
    ts_request_reply_error (req, error);
}

static void
worker_run (gpointer data, gpointer user_data)
{
  TsRequest *req = data;

  run_request (user_data, req);
  /* What the answer no longer needs is freed here, off the main loop. */
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->raw_body, g_bytes_unref);
  queue_reply (user_data, req);
}

/* ---- the main-loop side --------------------------------------------- */

static void
add_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (h, "Cache-Control", "no-store");
  soup_message_headers_replace (h, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (h, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
}

static void
reply_now (SoupServerMessage *msg, TsContext *ctx, const char *path, const GError *error,
           const char *allow)
{
  g_autoptr(JsonNode) node = ts_problem_build (error, ctx, path);
  gsize len;
  g_autofree char *text = ts_json_to_string (node, &len);

  if (allow != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  soup_server_message_set_response (msg, "application/problem+json; charset=utf-8",
                                    SOUP_MEMORY_COPY, text, len);
  soup_server_message_set_status (msg, ts_problem_status (error), NULL);
}

static void
message_finished (SoupServerMessage *msg, gpointer user_data)
{
  TsHttpServer *self = user_data;
  (void) msg;
  self->in_flight--;
}

static gboolean
body_too_large (TsHttpServer *self, SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  gsize max = ts_service_get_config (self->service)->max_body_bytes;

  if (soup_message_headers_get_encoding (h) == SOUP_ENCODING_CONTENT_LENGTH)
    return (gsize) soup_message_headers_get_content_length (h) > max;
  return FALSE;
}

static void
got_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  TsHttpServer *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  gsize max = ts_service_get_config (self->service)->max_body_bytes;

  (void) chunk;
  /* A chunked body has no length up front: stop keeping it in memory as soon
   * as it passes the limit; the handler answers 413 without parsing. */
  if (body->length > (goffset) max)
    {
      soup_message_body_set_accumulate (body, FALSE);
      g_object_set_data (G_OBJECT (msg), TOO_LARGE_KEY, GINT_TO_POINTER (1));
    }
}

/* Every message starts with a problem+json answer for the requests libsoup
 * refuses itself, before any handler of ours runs: a request line or
 * header it cannot parse, a path with a bad escape or one that decodes to
 * "..", an unknown Transfer-Encoding or Expect, HTTP/2.0 or later (400,
 * 417, 501 or 505 in libsoup's own words; only the status line is
 * libsoup's, the body is ours; it carries no "status" since it serves
 * them all).  libsoup 3.2 offers no hook between setting such a status
 * and writing the answer.  early_handler() replaces it for every request
 * that parsed. */
static void
request_started (SoupServer *server, SoupServerMessage *msg, gpointer user_data)
{
  TsHttpServer *self = user_data;

  (void) server;
  add_common_headers (msg);
  soup_server_message_set_response (msg, "application/problem+json; charset=utf-8",
                                    SOUP_MEMORY_STATIC, self->malformed, self->malformed_len);
}

/* Runs once the request headers are read, before the body. */
static void
early_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
               GHashTable *query, gpointer user_data)
{
  TsHttpServer *self = user_data;

  (void) server;
  (void) query;
  /* Parsed: the answer set by request_started() is not this one. */
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
  if (body_too_large (self, msg))
    {
      /* libsoup still reads a body it was promised (unless the client sent
       * Expect: 100-continue, when it answers at once): keep none of it. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      g_autoptr(TsContext) ctx = ts_context_new ();
      g_autoptr(GError) error = g_error_new_literal (TS_ERROR, TS_ERROR_PAYLOAD_TOO_LARGE,
                                                     N_("The request body is larger than allowed"));
      ctx->language = ts_i18n_language_from_header (
        soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Accept-Language"));
      add_common_headers (msg);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      reply_now (msg, ctx, path, error, NULL);
      return;
    }
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), self);
}

static void
handle_request (SoupServer *server, SoupServerMessage *msg, const char *path,
                GHashTable *query, gpointer user_data)
{
  TsHttpServer *self = user_data;
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(TsContext) ctx = ts_context_new ();
  g_autoptr(GString) allow = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 params[TS_MAX_PATH_PARAMS];
  guint n_params = 0;
  gboolean path_known;
  const TsRoute *route;
  TsRequest *req;

  (void) server;
  self->in_flight++;
  g_signal_connect (msg, "finished", G_CALLBACK (message_finished), self);
  add_common_headers (msg);
  ctx->language = ts_i18n_language_from_header (
    soup_message_headers_get_one (req_headers, "Accept-Language"));

  if (g_object_get_data (G_OBJECT (msg), TOO_LARGE_KEY) != NULL)
    {
      error = g_error_new_literal (TS_ERROR, TS_ERROR_PAYLOAD_TOO_LARGE,
                                   N_("The request body is larger than allowed"));
      reply_now (msg, ctx, path, error, NULL);
      return;
    }
  if (self->stopping)
    {
      error = g_error_new_literal (TS_ERROR, TS_ERROR_UNAVAILABLE, N_("The service is stopping"));
      reply_now (msg, ctx, path, error, NULL);
      return;
    }

  route = find_route (method, path, params, &n_params, &path_known, allow);
  if (route == NULL)
    {
      if (path_known)
        error = g_error_new_literal (TS_ERROR, TS_ERROR_METHOD_NOT_ALLOWED,
                                     N_("This method is not allowed here"));
      else
        error = g_error_new_literal (TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such resource"));
      reply_now (msg, ctx, path, error, path_known ? allow->str : NULL);
      return;
    }
  /* Before libsoup's decoding of the query string can hide %00, a bad
   * escape or bytes that are not UTF-8 (http/query.c). */
  if (!ts_query_check_raw (g_uri_get_query (soup_server_message_get_uri (msg)), ctx->errors,
                           &error))
    {
      reply_now (msg, ctx, path, error, NULL);
      return;
    }

  req = g_new0 (TsRequest, 1);
  req->service = self->service;
  req->ctx = g_steal_pointer (&ctx);
  req->route = route;
  req->method = g_strdup (method);
  req->path = g_strdup (path);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;
      req->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (req->query, g_strdup (k), g_strdup (v));
    }
  memcpy (req->params, params, sizeof params);
  req->n_params = n_params;
  req->headers = soup_message_headers_ref (req_headers);
  req->raw_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  req->reply_headers = g_ptr_array_new_with_free_func (g_free);

  if (route->flags & TS_ROUTE_INLINE)
    {
      run_request (self, req);
      if (req->deferred && req->status == 0)
        {
          /* The answer comes with ts_request_complete(). */
          req->msg = g_object_ref (msg);
          soup_server_message_pause (msg);
          return;
        }
      set_reply (msg, req);
      request_free (req);
      return;
    }

  req->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  g_object_ref (self);
  g_thread_pool_push (self->workers, req, NULL);
}

/* ---- life cycle ----------------------------------------------------- */

/* A source that only runs when its ready time says so. */
static gboolean
replies_source_dispatch (GSource *source, GSourceFunc callback, gpointer user_data)
{
  (void) source;
  return callback (user_data);
}

static GSourceFuncs replies_funcs = { NULL, NULL, replies_source_dispatch, NULL, NULL, NULL };

/* Runs a sweep now, on the server's main context; for tests. */
guint
ts_http_server_sweep_connections (TsHttpServer *self)
{
  g_return_val_if_fail (TS_IS_HTTP_SERVER (self), 0);
  return ts_connections_sweep (self->connections);
}

TsHttpServer *
ts_http_server_new (TsService *service)
{
  TsHttpServer *self;
  TsConfig *config;
  TsConnectionLimits limits;
  struct rlimit rl;

  g_return_val_if_fail (TS_IS_SERVICE (service), NULL);
  self = g_object_new (TS_TYPE_HTTP_SERVER, NULL);
  self->service = g_object_ref (service);
  config = ts_service_get_config (service);
  limits = (TsConnectionLimits) {
    .max_connections = (guint) config->max_connections,
    .idle_timeout_ms = (guint) config->idle_timeout_seconds * 1000,
    .header_timeout_ms = (guint) config->header_timeout_seconds * 1000,
    .body_timeout_ms = (guint) config->body_timeout_seconds * 1000,
    .max_request_line = (gsize) config->max_request_line_kib * 1024,
    .max_header_bytes = (gsize) config->max_header_kib * 1024,
  };
  /* Every connection is a file descriptor: the limit leaves room below the
   * open-file limit for the database (three per SQLite connection, one
   * per worker and the writer), the listening socket, logs and GLib's own
   * (64). */
  if (getrlimit (RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    {
      rlim_t reserve = 64 + 4 * (rlim_t) (config->worker_threads + 1);
      rlim_t fit = rl.rlim_cur > reserve + 8 ? rl.rlim_cur - reserve : 8;
      if (fit < limits.max_connections)
        limits.max_connections = (guint) fit;
    }
  self->main_context = g_main_context_ref_thread_default ();
  self->soup = soup_server_new ("server-header", "tsunagari", NULL);
  /* Exclusive threads live as long as the pool: each keeps its own read
   * connection and statement cache for its whole life, instead of a shared
   * thread exiting when idle and a new one opening another connection. */
  self->workers = g_thread_pool_new (worker_run, self, config->worker_threads, TRUE, NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  self->connections = ts_connections_new (self->soup, &limits);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  {
    g_autoptr(GError) e = g_error_new_literal (TS_ERROR, TS_ERROR_BAD_REQUEST,
                                               N_("The request is not valid HTTP"));
    g_autoptr(JsonNode) node = ts_problem_build (e, NULL, NULL);
    json_object_remove_member (json_node_get_object (node), "status");
    self->malformed = ts_json_to_string (node, &self->malformed_len);
  }
  g_mutex_init (&self->replies_lock);
  g_queue_init (&self->replies);
  self->replies_source = g_source_new (&replies_funcs, sizeof (GSource));
  g_source_set_callback (self->replies_source, dispatch_replies, self, NULL);
  g_source_set_ready_time (self->replies_source, -1);
  g_source_attach (self->replies_source, self->main_context);
  return self;
}

gboolean
ts_http_server_listen (TsHttpServer *self, const char *host, guint port, GError **error)
{
  g_autoptr(GInetAddress) addr = g_inet_address_new_from_string (host);
  g_autoptr(GSocketAddress) sockaddr = NULL;

  if (addr == NULL)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_VALIDATION, "Not an IP address: %s", host);
      return FALSE;
    }
  sockaddr = g_inet_socket_address_new (addr, (guint16) port);
  return ts_connections_listen (self->connections, sockaddr, error);
}

/* The port listened on: what "--listen HOST:0" was given. */
guint
ts_http_server_get_port (TsHttpServer *self)
{
  return ts_connections_get_port (self->connections);
}

/* Whether the server takes new connections (for the watchdog). */
gboolean
ts_http_server_is_accepting (TsHttpServer *self)
{
  g_return_val_if_fail (TS_IS_HTTP_SERVER (self), FALSE);
  return !self->stopping && ts_connections_is_accepting (self->connections);
}

/* At most this many connections are open at once (http/connections.h). */
guint
ts_http_server_get_connection_limit (TsHttpServer *self)
{
  g_return_val_if_fail (TS_IS_HTTP_SERVER (self), 0);
  return ts_connections_get_limit (self->connections);
}

guint
ts_http_server_get_in_flight (TsHttpServer *self)
{
  return self->in_flight;
}

/* Stops accepting connections, lets every request already received finish
 * and its answer be written, then closes the remaining connections. */
void
ts_http_server_shutdown (TsHttpServer *self)
{
  self->stopping = TRUE;
  ts_connections_stop_listening (self->connections);

  while (self->in_flight > 0)
    g_main_context_iteration (self->main_context, TRUE);
  soup_server_disconnect (self->soup);
}

static void
ts_http_server_finalize (GObject *object)
{
  TsHttpServer *self = TS_HTTP_SERVER (object);

  g_thread_pool_free (self->workers, FALSE, TRUE);
  g_clear_pointer (&self->connections, ts_connections_free);
  g_free (self->malformed);
  if (self->replies_source != NULL)
    g_source_destroy (self->replies_source);
  g_clear_pointer (&self->replies_source, g_source_unref);
  g_mutex_clear (&self->replies_lock);
  g_clear_object (&self->soup);
  g_clear_object (&self->service);
  g_main_context_unref (self->main_context);
  G_OBJECT_CLASS (ts_http_server_parent_class)->finalize (object);
}

static void
ts_http_server_class_init (TsHttpServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ts_http_server_finalize;
}

static void
ts_http_server_init (TsHttpServer *self)
{
  (void) self;
}
