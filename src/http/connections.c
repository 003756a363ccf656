#include "http/connections-private.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "core/context.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/json.h"
#include "http/problem.h"

#define TICK_MS            250    /* how often the deadlines are checked */
#define PEER_CHECK_TICKS   40     /* and the idle peers looked at: 10 s */
#define LINGER_MS          2000   /* draining a client we answered ourselves */
#define DROP_GRACE_MS      5000   /* libsoup lets a dropped connection go at once;
                                   * this is only the backstop */
#define RESUME_MS          100    /* after accept() failed */
#define ACCEPTS_PER_WAKEUP 64
#define LISTEN_BACKLOG     1024

struct _TsConnections {
  SoupServer        *soup;
  GMainContext      *context;
  TsConnectionLimits limits;
  GSocket           *listener;
  GSource           *accept_source;
  GSource           *resume_source;
  gint64             paused_since;      /* 0 while accepting */
  gint64             last_warning;
  GSocket           *keepalive[2];      /* see ts_connections_listen() */
  GQueue             conns;             /* Conn* */
  guint              n_closing;         /* DROPPED or LINGER */
  GSource           *tick_source;
  guint              ticks;
  gulong             started_id;
  gulong             finished_id;
  gulong             aborted_id;
};

static G_DEFINE_QUARK (ts-connection, conn);


/* ---- connections ------------------------------------------------------ */

static void
conn_set_state (Conn *c, ConnState state)
{
  c->state = state;
  c->since = g_get_monotonic_time ();
}

static void
conn_reset_head (Conn *c)
{
  c->head_bytes = 0;
  c->line_bytes = 0;
  c->in_request_line = TRUE;
  c->head_done = FALSE;
  c->line_len = 0;
  c->n_length = 0;
  c->n_coding = 0;
  c->language = ts_i18n_language_from_header (NULL);
}

static Conn *
conn_for_message (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  return remote != NULL ? g_object_get_qdata (G_OBJECT (remote), conn_quark ()) : NULL;
}

/* Closes the socket and forgets the connection. */
static void
conn_free (Conn *c)
{
  TsConnections *self = c->owner;

  if (c->state == CONN_DROPPED || c->state == CONN_LINGER)
    self->n_closing--;
  g_queue_unlink (&self->conns, &c->link);
  if (c->linger_source != NULL)
    {
      g_source_destroy (c->linger_source);
      g_source_unref (c->linger_source);
    }
  if (c->input != NULL)
    {
      c->input->conn = NULL;
      ts_head_stream_wake (c->input);
    }
  if (c->stream != NULL)
    c->stream->conn = NULL;
  g_object_set_qdata (G_OBJECT (c->remote), conn_quark (), NULL);
  g_io_stream_close (c->base, NULL, NULL);
  g_object_unref (c->remote);
  g_object_unref (c->base);
  g_object_unref (c->socket);
  g_free (c);
}

/* Every read fails from now on; libsoup, woken if it waits, lets the
 * connection go, which closes it (conn_release). */
void
ts_conn_drop (Conn *c)
{
  if (c->state == CONN_DROPPED || c->state == CONN_LINGER)
    return;
  c->owner->n_closing++;
  conn_set_state (c, CONN_DROPPED);
  if (c->input != NULL)
    ts_head_stream_wake (c->input);
}

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 408: return "Request Timeout";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Bad Request";
    }
}

/* A whole answer, written on the socket without blocking: the connection
 * has nothing else in its send buffer at this point. */
static void
send_problem (GSocket *socket, TsLanguage language, TsErrorCode code, const char *detail)
{
  g_autoptr(TsContext) ctx = ts_context_new ();
  g_autoptr(GError) error = g_error_new_literal (TS_ERROR, code, detail);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  gsize len;
  guint status;

  ctx->language = language;
  node = ts_problem_build (error, ctx, NULL);
  body = ts_json_to_string (node, &len);
  status = ts_problem_status (error);
  text = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: application/problem+json; charset=utf-8\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "X-Content-Type-Options: nosniff\r\n"
                          "Cache-Control: no-store\r\n"
                          "Server: tsunagari\r\n"
                          "\r\n%s",
                          status, reason_phrase (status), len, body);
  g_socket_send_with_blocking (socket, text, strlen (text), FALSE, NULL, NULL);
}

/* Answers with a problem, then drops the connection; it is drained and
 * closed once libsoup has let it go. */
static void
conn_answer (Conn *c, TsErrorCode code, const char *detail)
{
  send_problem (c->socket, c->language, code, detail);
  g_socket_shutdown (c->socket, FALSE, TRUE, NULL);
  c->linger = TRUE;
  ts_conn_drop (c);
}

static const char *
header_value (Conn *c, gsize name_len)
{
  char *value = c->line + name_len;
  char *end = c->line + c->line_len;

  while (*value == ' ' || *value == '\t')
    value++;
  while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
    *--end = '\0';
  return value;
}

/* A header line of the head being read.  Returns FALSE for one that
 * libsoup 3.2 would take as an unknown body encoding: it answers that with
 * 400 or 501 but leaks the request's path each time (parse_headers() in
 * soup-server-message-io-http1.c returns without freeing it), so such a
 * head is refused here: a Content-Length that is not a number, a
 * Transfer-Encoding other than chunked (or identity), either header twice,
 * and folded lines, which could hide either. */
static gboolean
header_line_done (Conn *c)
{
  gboolean whole = c->line_bytes == c->line_len;
  const char *value;

  c->line[c->line_len] = '\0';
  if (c->line[0] == ' ' || c->line[0] == '\t')
    return FALSE;
  if (g_ascii_strncasecmp (c->line, "Content-Length:", 15) == 0)
    {
      value = header_value (c, 15);
      if (!whole || ++c->n_length > 1 || *value == '\0' || strlen (value) > 18)
        return FALSE;
      for (const char *p = value; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
    }
  else if (g_ascii_strncasecmp (c->line, "Transfer-Encoding:", 18) == 0)
    {
      value = header_value (c, 18);
      if (!whole || ++c->n_coding > 1 ||
          (g_ascii_strcasecmp (value, "chunked") != 0 && g_ascii_strcasecmp (value, "identity") != 0))
        return FALSE;
    }
  else if (g_ascii_strncasecmp (c->line, "Accept-Language:", 16) == 0)
    c->language = ts_i18n_language_from_header (header_value (c, 16));
  return TRUE;
}

/* Follows the head of the request being read up to its empty line.
 * Returns FALSE when it was too large and the connection answered. */
gboolean
ts_conn_scan (Conn *c, const guint8 *data, gsize n)
{
  const TsConnectionLimits *limits = &c->owner->limits;

  if (c->state == CONN_WAIT)
    conn_set_state (c, CONN_HEAD);
  if (c->state != CONN_HEAD || c->head_done)
    return TRUE;
  for (gsize i = 0; i < n; i++)
    {
      guint8 b = data[i];

      c->head_bytes++;
      if (b == '\n')
        {
          if (c->line_bytes == 0 && !c->in_request_line)
            {
              c->head_done = TRUE;
              return TRUE;
            }
          /* (empty lines before the request line are allowed) */
          if (c->line_bytes > 0)
            {
              if (!c->in_request_line && !header_line_done (c))
                {
                  conn_answer (c, TS_ERROR_BAD_REQUEST,
                               N_("The request's Content-Length or Transfer-Encoding is not valid"));
                  return FALSE;
                }
              c->in_request_line = FALSE;
            }
          c->line_bytes = 0;
          c->line_len = 0;
        }
      else if (b != '\r')
        {
          c->line_bytes++;
          if (c->line_len < sizeof c->line - 1)
            c->line[c->line_len++] = (char) b;
        }
      if (c->in_request_line && c->line_bytes > limits->max_request_line)
        {
          conn_answer (c, TS_ERROR_URI_TOO_LONG, N_("The request line is longer than allowed"));
          return FALSE;
        }
      if (c->head_bytes > limits->max_header_bytes)
        {
          conn_answer (c, TS_ERROR_HEADERS_TOO_LARGE,
                       N_("The request headers are larger than allowed"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
linger_read (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Conn *c = user_data;
  char buf[4096];

  (void) condition;
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive_with_blocking (socket, buf, sizeof buf, FALSE, NULL, &error);

      if (n > 0)
        continue;
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      g_clear_pointer (&c->linger_source, g_source_unref);
      conn_free (c);
      return G_SOURCE_REMOVE;
    }
}

/* libsoup is done with the connection. */
void
ts_conn_release (Conn *c)
{
  if (c->input != NULL)
    {
      c->input->conn = NULL;
      ts_head_stream_wake (c->input);
      c->input = NULL;
    }
  if (!c->linger || g_socket_is_closed (c->socket))
    {
      conn_free (c);
      return;
    }
  if (c->state != CONN_DROPPED)
    c->owner->n_closing++;
  conn_set_state (c, CONN_LINGER);
  c->linger_source = g_socket_create_source (c->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (c->linger_source, G_SOURCE_FUNC (linger_read), c, NULL);
  g_source_attach (c->linger_source, c->owner->context);
}

/* Closes it now, whatever libsoup is doing with it. */
static void
conn_close_now (Conn *c)
{
  c->linger = FALSE;
  conn_free (c);
}

/* The peer closed (or reset) its side: reading would give end of file. */
static gboolean
peer_has_gone (GSocket *socket)
{
  GIOCondition cond = g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR);
  char ch;
  gssize n;

  if (cond & (G_IO_HUP | G_IO_ERR))
    return TRUE;
  if (!(cond & G_IO_IN))
    return FALSE;
  n = recv (g_socket_get_fd (socket), &ch, 1, MSG_PEEK | MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/* Applies the deadlines; with @peers also closes the waiting connections
 * whose client has gone.  Returns how many connections it closed. */
static guint
check_connections (TsConnections *self, gboolean peers)
{
  gint64 now = g_get_monotonic_time ();
  GList *l = self->conns.head;
  guint closed = 0;

  while (l != NULL)
    {
      Conn *c = l->data;
      gint64 age_ms = (now - c->since) / 1000;

      l = l->next;
      switch (c->state)
        {
        case CONN_WAIT:
          if (age_ms >= self->limits.idle_timeout_ms)
            {
              ts_conn_drop (c);
              closed++;
            }
          else if (peers && peer_has_gone (c->socket))
            {
              conn_close_now (c);
              closed++;
            }
          break;
        case CONN_HEAD:
          if (age_ms >= self->limits.header_timeout_ms)
            {
              conn_answer (c, TS_ERROR_REQUEST_TIMEOUT,
                           N_("The request headers did not arrive in time"));
              closed++;
            }
          break;
        case CONN_BODY:
          if (age_ms >= self->limits.body_timeout_ms)
            {
              conn_answer (c, TS_ERROR_REQUEST_TIMEOUT,
                           N_("The request body did not arrive in time"));
              closed++;
            }
          break;
        case CONN_BUSY:
          break;
        case CONN_DROPPED:
          if (age_ms >= DROP_GRACE_MS)
            conn_close_now (c);
          break;
        case CONN_LINGER:
          if (age_ms >= LINGER_MS)
            conn_free (c);
          break;
        }
    }
  return closed;
}

static gboolean
on_tick (gpointer user_data)
{
  TsConnections *self = user_data;

  check_connections (self, ++self->ticks % PEER_CHECK_TICKS == 0);
  return G_SOURCE_CONTINUE;
}

/* At the limit: the connection that has waited longest for a request
 * (idle, or sending its head) makes room.  Its socket is closed at once,
 * so that the descriptor is free for the connection being accepted. */
static gboolean
evict_one (TsConnections *self)
{
  Conn *oldest = NULL;

  for (GList *l = self->conns.head; l != NULL; l = l->next)
    {
      Conn *c = l->data;
      if ((c->state == CONN_WAIT || c->state == CONN_HEAD) &&
          (oldest == NULL || c->since < oldest->since))
        oldest = c;
    }
  if (oldest == NULL)
    return FALSE;
  conn_close_now (oldest);
  return TRUE;
}

static void
conn_accept (TsConnections *self, GSocket *socket)
{
  guint active = self->conns.length - self->n_closing;
  g_autoptr(GSocketAddress) local = NULL;
  GSocketAddress *remote;
  TsHeadStream *input;
  TsConnStream *stream;
  Conn *c;

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  /* Beyond the limit (or with too many still closing) the newcomer is
   * told to come back: its file descriptor is given back at once. */
  if ((active >= self->limits.max_connections && !evict_one (self)) ||
      self->conns.length >= self->limits.max_connections + 256)
    {
      send_problem (socket, ts_i18n_language_from_header (NULL), TS_ERROR_UNAVAILABLE,
                    N_("The service has too many connections; try again shortly"));
      g_socket_close (socket, NULL);
      return;
    }
  remote = g_socket_get_remote_address (socket, NULL);
  local = g_socket_get_local_address (socket, NULL);
  if (remote == NULL || local == NULL)
    {
      g_clear_object (&remote);
      g_socket_close (socket, NULL);
      return;
    }

  c = g_new0 (Conn, 1);
  c->owner = self;
  c->link.data = c;
  c->socket = g_object_ref (socket);
  c->base = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  c->remote = remote;
  conn_reset_head (c);
  conn_set_state (c, CONN_WAIT);
  g_queue_push_tail_link (&self->conns, &c->link);

  input = g_object_new (TS_TYPE_HEAD_STREAM,
                        "base-stream", g_io_stream_get_input_stream (c->base),
                        "close-base-stream", FALSE, NULL);
  input->conn = c;
  stream = g_object_new (TS_TYPE_CONN_STREAM, NULL);
  stream->base = g_object_ref (c->base);
  stream->input = G_INPUT_STREAM (input);
  stream->conn = c;
  c->input = input;
  c->stream = stream;
  g_object_set_qdata (G_OBJECT (remote), conn_quark (), c);
  soup_server_accept_iostream (self->soup, G_IO_STREAM (stream), local, remote, NULL);
  g_object_unref (stream);           /* libsoup holds it now */
}

static void start_accepting (TsConnections *self);

static gboolean
resume_accepting (gpointer user_data)
{
  TsConnections *self = user_data;

  g_clear_pointer (&self->resume_source, g_source_unref);
  if (self->listener != NULL)
    start_accepting (self);
  return G_SOURCE_REMOVE;
}

/* libsoup 3.2 stops listening for good here.  We try again shortly.  Out
 * of file descriptors (the limit was lowered, or something else holds
 * them), the connection limit was too high: it becomes 7/8 of the
 * connections open, and the longest waiting ones are closed to fit. */
static void
accept_failed (TsConnections *self, const GError *error)
{
  gint64 now = g_get_monotonic_time ();
  guint active = self->conns.length - self->n_closing;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES))
    {
      guint fit = MAX (active - active / 8, 8);

      if (fit < self->limits.max_connections)
        {
          g_warning ("out of file descriptors with %u connections open: at most %u from now on",
                     active, fit);
          self->limits.max_connections = fit;
        }
      while (self->conns.length - self->n_closing > self->limits.max_connections &&
             evict_one (self))
        ;
      /* And what is only draining goes now. */
      for (GList *l = self->conns.head, *next; l != NULL; l = next)
        {
          next = l->next;
          if (((Conn *) l->data)->state == CONN_LINGER)
            conn_free (l->data);
        }
    }
  if (now - self->last_warning > 10 * G_USEC_PER_SEC)
    {
      g_warning ("accept failed (%s) with %u connections open; accepting again in %d ms",
                 error->message, self->conns.length, RESUME_MS);
      self->last_warning = now;
    }
  self->paused_since = now;
  g_clear_pointer (&self->accept_source, g_source_unref);
  self->resume_source = g_timeout_source_new (RESUME_MS);
  g_source_set_callback (self->resume_source, resume_accepting, self, NULL);
  g_source_attach (self->resume_source, self->context);
}

static gboolean
on_incoming (GSocket *listener, GIOCondition condition, gpointer user_data)
{
  TsConnections *self = user_data;

  (void) condition;
  for (guint i = 0; i < ACCEPTS_PER_WAKEUP; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            break;
          /* A client that reset its connection before we took it. */
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
            continue;
          accept_failed (self, error);
          return G_SOURCE_REMOVE;
        }
      conn_accept (self, socket);
    }
  return G_SOURCE_CONTINUE;
}

static void
start_accepting (TsConnections *self)
{
  self->paused_since = 0;
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (on_incoming), self, NULL);
  g_source_attach (self->accept_source, self->context);
}

/* ---- the messages' progress ------------------------------------------- */

static void
got_headers (SoupServerMessage *msg, gpointer user_data)
{
  Conn *c = conn_for_message (msg);

  (void) user_data;
  if (c != NULL && (c->state == CONN_WAIT || c->state == CONN_HEAD))
    conn_set_state (c, CONN_BODY);
}

static void
got_body (SoupServerMessage *msg, gpointer user_data)
{
  Conn *c = conn_for_message (msg);

  (void) user_data;
  if (c != NULL && c->state < CONN_BUSY)
    conn_set_state (c, CONN_BUSY);
}

static void
request_started (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  (void) soup;
  (void) user_data;
  if (conn_for_message (msg) == NULL)
    return;
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers), NULL);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body), NULL);
}

static void
request_ended (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  Conn *c = conn_for_message (msg);

  (void) soup;
  (void) user_data;
  if (c != NULL && c->state < CONN_DROPPED)
    {
      conn_reset_head (c);
      conn_set_state (c, CONN_WAIT);
    }
}

/* ---- the object ------------------------------------------------------- */

TsConnections *
ts_connections_new (SoupServer *soup, const TsConnectionLimits *limits)
{
  TsConnections *self = g_new0 (TsConnections, 1);

  self->soup = g_object_ref (soup);
  self->context = g_main_context_ref_thread_default ();
  self->limits = *limits;
  self->limits.max_connections = MAX (self->limits.max_connections, 1);
  self->limits.max_request_line = MIN (self->limits.max_request_line,
                                       self->limits.max_header_bytes);
  g_queue_init (&self->conns);
  self->started_id = g_signal_connect (soup, "request-started", G_CALLBACK (request_started), self);
  self->finished_id = g_signal_connect (soup, "request-finished", G_CALLBACK (request_ended), self);
  self->aborted_id = g_signal_connect (soup, "request-aborted", G_CALLBACK (request_ended), self);
  self->tick_source = g_timeout_source_new (TICK_MS);
  g_source_set_callback (self->tick_source, on_tick, self, NULL);
  g_source_attach (self->tick_source, self->context);
  return self;
}

/* Listens on @address (one address per TsConnections). */
gboolean
ts_connections_listen (TsConnections *self, GSocketAddress *address, GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  int fds[2];

  g_return_val_if_fail (self->listener == NULL, FALSE);
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return FALSE;
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  g_socket_set_blocking (socket, FALSE);

  /* libsoup 3.2 keeps a connection alive after an answer only while it has
   * a listener of its own (soup-server.c, request_finished()).  Its
   * listener here is one end of a socket pair whose other end never
   * writes: it never accepts anything, and keeps keep-alive working. */
  if (self->keepalive[0] == NULL)
    {
      if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "socketpair: %s", g_strerror (saved));
          return FALSE;
        }
      self->keepalive[0] = g_socket_new_from_fd (fds[0], error);
      self->keepalive[1] = g_socket_new_from_fd (fds[1], error);
      if (self->keepalive[0] == NULL || self->keepalive[1] == NULL ||
          !soup_server_listen_socket (self->soup, self->keepalive[0], 0, error))
        return FALSE;
    }
  self->listener = g_steal_pointer (&socket);
  start_accepting (self);
  return TRUE;
}

guint
ts_connections_get_port (TsConnections *self)
{
  g_autoptr(GSocketAddress) addr = NULL;

  if (self->listener == NULL)
    return 0;
  addr = g_socket_get_local_address (self->listener, NULL);
  return G_IS_INET_SOCKET_ADDRESS (addr) ?
         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (addr)) : 0;
}

/* Closes the listening socket; the connections stay. */
void
ts_connections_stop_listening (TsConnections *self)
{
  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  if (self->resume_source != NULL)
    g_source_destroy (self->resume_source);
  g_clear_pointer (&self->resume_source, g_source_unref);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
}

/* Whether new connections are taken: listening, and not paused after an
 * accept() failure for more than a second (it resumes within 100 ms). */
gboolean
ts_connections_is_accepting (TsConnections *self)
{
  if (self->listener == NULL)
    return FALSE;
  return self->accept_source != NULL ||
         g_get_monotonic_time () - self->paused_since < G_USEC_PER_SEC;
}

guint
ts_connections_get_limit (TsConnections *self)
{
  return self->limits.max_connections;
}

/* Applies the deadlines now and closes the waiting connections whose
 * client has gone; returns how many connections it closed.  The same
 * runs every TICK_MS (the peers every 10 s). */
guint
ts_connections_sweep (TsConnections *self)
{
  return check_connections (self, TRUE);
}

guint
ts_connections_get_tracked (TsConnections *self)
{
  return self->conns.length;
}

void
ts_connections_free (TsConnections *self)
{
  if (self == NULL)
    return;
  ts_connections_stop_listening (self);
  g_signal_handler_disconnect (self->soup, self->started_id);
  g_signal_handler_disconnect (self->soup, self->finished_id);
  g_signal_handler_disconnect (self->soup, self->aborted_id);
  g_source_destroy (self->tick_source);
  g_source_unref (self->tick_source);
  while (self->conns.head != NULL)
    conn_close_now (self->conns.head->data);
  g_clear_object (&self->keepalive[0]);
  if (self->keepalive[1] != NULL)
    g_socket_close (self->keepalive[1], NULL);
  g_clear_object (&self->keepalive[1]);
  g_object_unref (self->soup);
  g_main_context_unref (self->context);
  g_free (self);
}
