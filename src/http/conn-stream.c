/*
 * The streams a tracked connection hands to libsoup: TsConnStream (the
 * socket connection, whose close tells us libsoup is done) and TsHeadStream
 * (its input, which sees every byte libsoup reads).  See connections.h.
 */
#include "http/connections-private.h"

/* ---- TsHeadStream: the input libsoup reads ---------------------------- */

static void ts_head_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TsHeadStream, ts_head_stream, G_TYPE_FILTER_INPUT_STREAM,
                         G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                ts_head_stream_pollable_init))

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
      ts_conn_drop (c);
      return fail_read (self, buffer, count, error);
    }
  if (!ts_conn_scan (c, buffer, (gsize) n))
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

void
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
      ts_conn_release (c);
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
