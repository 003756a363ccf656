#include "http/connections.h"

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

typedef enum {
  CONN_WAIT,      /* no byte of the next request yet */
  CONN_HEAD,      /* reading a request head */
  CONN_BODY,      /* reading a request body */
  CONN_BUSY,      /* handled, or its answer being written: no deadline */
  CONN_DROPPED,   /* every read fails; libsoup is letting it go */
  CONN_LINGER,    /* answered by us: drained, then closed */
} ConnState;

typedef struct _Conn Conn;

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

typedef struct _TsHeadStream TsHeadStream;
typedef struct _TsConnStream TsConnStream;

struct _Conn {
  TsConnections  *owner;
  GList           link;          /* in owner->conns */
  GSocket        *socket;
  GIOStream      *base;          /* the GSocketConnection */
  GSocketAddress *remote;        /* libsoup's key back to us (qdata) */
  TsConnStream   *stream;        /* weak: what libsoup holds, until it lets go */
  TsHeadStream   *input;         /* weak, likewise */
  ConnState       state;
  gint64          since;         /* when it entered its state */
  gboolean        linger;        /* answered by us: drain before closing */
  GSource        *linger_source;
  /* the request head being read */
  gsize           head_bytes;
  gsize           line_bytes;
  gboolean        in_request_line;
  gboolean        head_done;
  char            line[96];      /* the start of the current header line */
  gsize           line_len;
  guint           n_length;      /* Content-Length lines */
  guint           n_coding;      /* Transfer-Encoding lines */
  TsLanguage      language;
};

static G_DEFINE_QUARK (ts-connection, conn);

static void conn_release (Conn *c);
static void conn_drop    (Conn *c);

/* ---- TsHeadStream: the input libsoup reads ---------------------------- */

/* Sees every byte libsoup reads: moves the connection from waiting to
 * reading a head, measures the head, and once the connection is dropped
 * makes every read fail, so that libsoup lets it go.
 *
 * libsoup 3.2 releases a connection only when the message being read has
 * "started", which it decides by having a byte of it: a connection that
 * fails before its next request's first byte would stay in its list for
 * good (the idle-connection leak fixed in 3.3.0).  So the first failing
 * read hands it "\001\n", a line that completes no head (a head ends with
 * an empty line) and no request, and every later read fails. */
struct _TsHeadStream {
  GFilterInputStream parent_instance;
  Conn     *conn;               /* NULL once the connection is forgotten */
  gboolean  failing;
  gboolean  gave_line;
  GSource  *source;             /* the last one libsoup waits on; it holds
                                 * the stream: let go when failing */
};

#define TS_TYPE_HEAD_STREAM (ts_head_stream_get_type ())
G_DECLARE_FINAL_TYPE (TsHeadStream, ts_head_stream, TS, HEAD_STREAM, GFilterInputStream)

static void ts_head_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TsHeadStream, ts_head_stream, G_TYPE_FILTER_INPUT_STREAM,
                         G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                ts_head_stream_pollable_init))

static gboolean conn_scan (Conn *c, const guint8 *data, gsize n);

static gssize
fail_read (TsHeadStream *self, void *buffer, gsize count, GError **error)
{
  if (!self->gave_line && count >= 2)
    {
      self->gave_line = TRUE;
      memcpy (buffer, "\001\n", 2);
      return 2;
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "Connection closed");
  return -1;
}

/* After the base stream's read: @local holds its error, if any. */
static gssize
after_read (TsHeadStream *self, void *buffer, gsize count, gssize n, GError *local,
            GError **error)
{
  Conn *c = self->conn;

  if (c == NULL || (n < 0 && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)))
    goto pass;
  if (n <= 0)
    {
      /* The client went between two requests: let libsoup release it. */
      if (c->state != CONN_WAIT)
        goto pass;
      g_clear_error (&local);
      conn_drop (c);
      return fail_read (self, buffer, count, error);
    }
  if (!conn_scan (c, buffer, (gsize) n))
    return fail_read (self, buffer, count, error);   /* answered and dropped */
pass:
  if (local != NULL)
    g_propagate_error (error, local);
  return n;
}

static gssize
ts_head_stream_read (GInputStream *stream, void *buffer, gsize count,
                     GCancellable *cancellable, GError **error)
{
  TsHeadStream *self = TS_HEAD_STREAM (stream);
  GError *local = NULL;
  gssize n;

  if (self->failing)
    return fail_read (self, buffer, count, error);
  n = g_input_stream_read (G_FILTER_INPUT_STREAM (stream)->base_stream, buffer, count,
                           cancellable, &local);
  return after_read (self, buffer, count, n, local, error);
}

static gssize
ts_head_stream_read_nonblocking (GPollableInputStream *stream, void *buffer, gsize count,
                                 GError **error)
{
  TsHeadStream *self = TS_HEAD_STREAM (stream);
  GError *local = NULL;
  gssize n;

  if (self->failing)
    return fail_read (self, buffer, count, error);
  n = g_pollable_input_stream_read_nonblocking (
    G_POLLABLE_INPUT_STREAM (G_FILTER_INPUT_STREAM (stream)->base_stream),
    buffer, count, NULL, &local);
  return after_read (self, buffer, count, n, local, error);
}

static gboolean
ts_head_stream_can_poll (GPollableInputStream *stream)
{
  (void) stream;
  return TRUE;
}

static gboolean
ts_head_stream_is_readable (GPollableInputStream *stream)
{
  TsHeadStream *self = TS_HEAD_STREAM (stream);

  return self->failing ||
         g_pollable_input_stream_is_readable (
           G_POLLABLE_INPUT_STREAM (G_FILTER_INPUT_STREAM (stream)->base_stream));
}

static GSource *
ts_head_stream_create_source (GPollableInputStream *stream, GCancellable *cancellable)
{
  TsHeadStream *self = TS_HEAD_STREAM (stream);
  g_autoptr(GSource) base = g_pollable_input_stream_create_source (
    G_POLLABLE_INPUT_STREAM (G_FILTER_INPUT_STREAM (stream)->base_stream), cancellable);
  GSource *source = g_pollable_source_new_full (stream, base, cancellable);

  /* Kept so that dropping the connection can wake whoever waits on it. */
  g_clear_pointer (&self->source, g_source_unref);
  if (self->failing)
    g_source_set_ready_time (source, 0);
  else
    self->source = g_source_ref (source);
  return source;
}

static void
ts_head_stream_wake (TsHeadStream *self)
{
  self->failing = TRUE;
  if (self->source != NULL && !g_source_is_destroyed (self->source))
    g_source_set_ready_time (self->source, 0);
  /* (A source created from now on is ready at once: no need to keep any.) */
  g_clear_pointer (&self->source, g_source_unref);
}

static void
ts_head_stream_finalize (GObject *object)
{
  TsHeadStream *self = TS_HEAD_STREAM (object);

  g_clear_pointer (&self->source, g_source_unref);
  if (self->conn != NULL)
    self->conn->input = NULL;
  G_OBJECT_CLASS (ts_head_stream_parent_class)->finalize (object);
}

static void
ts_head_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = ts_head_stream_can_poll;
  iface->is_readable = ts_head_stream_is_readable;
  iface->create_source = ts_head_stream_create_source;
  iface->read_nonblocking = ts_head_stream_read_nonblocking;
}

static void
ts_head_stream_class_init (TsHeadStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ts_head_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = ts_head_stream_read;
}

static void
ts_head_stream_init (TsHeadStream *self)
{
  (void) self;
}

/* ---- TsConnStream: the GIOStream handed to libsoup -------------------- */

/* The socket connection with TsHeadStream as its input.  libsoup closes it
 * when it is done with the connection, which tells us. */
struct _TsConnStream {
  GIOStream     parent_instance;
  GIOStream    *base;
  GInputStream *input;
  Conn         *conn;            /* NULL once the connection is forgotten */
};

#define TS_TYPE_CONN_STREAM (ts_conn_stream_get_type ())
G_DECLARE_FINAL_TYPE (TsConnStream, ts_conn_stream, TS, CONN_STREAM, GIOStream)
G_DEFINE_TYPE (TsConnStream, ts_conn_stream, G_TYPE_IO_STREAM)

static GInputStream *
ts_conn_stream_get_input (GIOStream *stream)
{
  return TS_CONN_STREAM (stream)->input;
}

static GOutputStream *
ts_conn_stream_get_output (GIOStream *stream)
{
  return g_io_stream_get_output_stream (TS_CONN_STREAM (stream)->base);
}

static void
ts_conn_stream_let_go (TsConnStream *self)
{
  Conn *c = self->conn;

  /* Once forgotten, the connection was closed (conn_free) or is being
   * drained: nothing to do. */
  if (c != NULL)
    {
      self->conn = NULL;
      c->stream = NULL;
      conn_release (c);
    }
}

static gboolean
ts_conn_stream_close (GIOStream *stream, GCancellable *cancellable, GError **error)
{
  (void) cancellable;
  (void) error;
  ts_conn_stream_let_go (TS_CONN_STREAM (stream));
  return TRUE;
}

static void
ts_conn_stream_finalize (GObject *object)
{
  TsConnStream *self = TS_CONN_STREAM (object);

  ts_conn_stream_let_go (self);
  g_clear_object (&self->input);
  g_clear_object (&self->base);
  G_OBJECT_CLASS (ts_conn_stream_parent_class)->finalize (object);
}

static void
ts_conn_stream_class_init (TsConnStreamClass *klass)
{
  GIOStreamClass *io_class = G_IO_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ts_conn_stream_finalize;
  io_class->get_input_stream = ts_conn_stream_get_input;
  io_class->get_output_stream = ts_conn_stream_get_output;
  io_class->close_fn = ts_conn_stream_close;
}

static void
ts_conn_stream_init (TsConnStream *self)
{
  (void) self;
}

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
static void
conn_drop (Conn *c)
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
  conn_drop (c);
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
static gboolean
conn_scan (Conn *c, const guint8 *data, gsize n)
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
static void
conn_release (Conn *c)
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
              conn_drop (c);
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
