#include "http/connections.h"

#include <errno.h>
#include <sys/socket.h>

typedef struct {
  GSocket *socket;
  guint    busy;           /* requests started and not yet finished */
  gboolean peer_gone;      /* seen closed by the peer at the last sweep */
} Tracked;

struct _TsConnections {
  SoupServer *soup;
  GHashTable *sockets;     /* GSocket* → Tracked* */
  gulong      started_id;
  gulong      finished_id;
  gulong      aborted_id;
};

static void
tracked_free (gpointer data)
{
  Tracked *t = data;
  g_object_unref (t->socket);
  g_free (t);
}

static void
request_started (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  TsConnections *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);
  Tracked *t;

  (void) soup;
  if (socket == NULL)
    return;
  t = g_hash_table_lookup (self->sockets, socket);
  if (t == NULL)
    {
      t = g_new0 (Tracked, 1);
      t->socket = g_object_ref (socket);
      g_hash_table_insert (self->sockets, socket, t);
    }
  t->busy++;
  t->peer_gone = FALSE;
}

static void
request_ended (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  TsConnections *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);
  Tracked *t = socket != NULL ? g_hash_table_lookup (self->sockets, socket) : NULL;

  (void) soup;
  if (t != NULL && t->busy > 0)
    t->busy--;
}

/* The peer closed (or reset) its side: reading would give end of file. */
static gboolean
peer_has_gone (GSocket *socket)
{
  GIOCondition cond = g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR);
  char c;
  gssize n;

  if (cond & (G_IO_HUP | G_IO_ERR))
    return TRUE;
  if (!(cond & G_IO_IN))
    return FALSE;
  n = recv (g_socket_get_fd (socket), &c, 1, MSG_PEEK | MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

TsConnections *
ts_connections_new (SoupServer *soup)
{
  TsConnections *self = g_new0 (TsConnections, 1);

  self->soup = g_object_ref (soup);
  self->sockets = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, tracked_free);
  self->started_id = g_signal_connect (soup, "request-started", G_CALLBACK (request_started), self);
  self->finished_id = g_signal_connect (soup, "request-finished", G_CALLBACK (request_ended), self);
  self->aborted_id = g_signal_connect (soup, "request-aborted", G_CALLBACK (request_ended), self);
  return self;
}

/* Forgets the sockets libsoup closed and closes those whose peer has gone
 * while no request was in progress.  A socket is closed only when its peer
 * was already gone at the previous sweep, so that libsoup has had every
 * chance to read the end of file itself first.  Returns how many sockets
 * it closed. */
guint
ts_connections_sweep (TsConnections *self)
{
  GHashTableIter iter;
  gpointer value;
  guint closed = 0;

  g_hash_table_iter_init (&iter, self->sockets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Tracked *t = value;

      if (g_socket_is_closed (t->socket))
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      if (t->busy > 0 || !peer_has_gone (t->socket))
        {
          t->peer_gone = FALSE;
          continue;
        }
      if (!t->peer_gone)
        {
          t->peer_gone = TRUE;
          continue;
        }
      g_socket_close (t->socket, NULL);
      g_hash_table_iter_remove (&iter);
      closed++;
    }
  return closed;
}

guint
ts_connections_get_tracked (TsConnections *self)
{
  return g_hash_table_size (self->sockets);
}

void
ts_connections_free (TsConnections *self)
{
  if (self == NULL)
    return;
  g_signal_handler_disconnect (self->soup, self->started_id);
  g_signal_handler_disconnect (self->soup, self->finished_id);
  g_signal_handler_disconnect (self->soup, self->aborted_id);
  g_hash_table_unref (self->sockets);
  g_object_unref (self->soup);
  g_free (self);
}
