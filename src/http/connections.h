/*
 * The service's own listening socket and the life of every client
 * connection, in front of libsoup.
 *
 * libsoup 3.2 (Debian 12) leaves four things to the application: it stops
 * listening for good when accept() fails (EMFILE), it has no limit on the
 * number of connections, no timeout of any kind (an idle connection, a
 * half-sent head or a promised body that never comes is kept forever), and
 * it closes a connection whose request line or head passes its 64 KiB
 * buffer without an answer.  It also never releases a keep-alive
 * connection that its client closes between two requests (fixed in 3.3.0
 * by commit d20c6601).
 *
 * TsConnections accepts the connections itself and hands each to libsoup
 * with soup_server_accept_iostream(), through an input stream of its own
 * that sees every byte libsoup reads.  That is where it
 *   - keeps at most max_connections open: beyond, it drops the connection
 *     that has waited longest for a request (idle or half-sent), or
 *     answers the newcomer 503 when every connection is busy;
 *   - resumes accepting 100 ms after accept() failed;
 *   - closes a connection idle for idle_timeout, a head not complete
 *     header_timeout after its first byte (408) and a body not complete
 *     body_timeout after its head (408);
 *   - answers a request line over max_request_line 414 and a head over
 *     max_header_bytes 431, as problem+json, before libsoup sees them;
 *   - makes libsoup release a connection whose client has gone.
 * Its answers are written on the socket directly; the connection is then
 * closed after the client's remaining bytes are drained (at most 2 s), so
 * that the answer is not lost to a reset.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _TsConnections TsConnections;

typedef struct {
  guint max_connections;
  guint idle_timeout_ms;
  guint header_timeout_ms;
  guint body_timeout_ms;
  gsize max_request_line;
  gsize max_header_bytes;
} TsConnectionLimits;

TsConnections *ts_connections_new          (SoupServer               *soup,
                                            const TsConnectionLimits *limits);
gboolean       ts_connections_listen       (TsConnections  *self,
                                            GSocketAddress *address,
                                            GError        **error);
guint          ts_connections_get_port     (TsConnections *self);
void           ts_connections_stop_listening (TsConnections *self);
gboolean       ts_connections_is_accepting (TsConnections *self);
guint          ts_connections_get_limit    (TsConnections *self);
guint          ts_connections_sweep        (TsConnections *self);
guint          ts_connections_get_tracked  (TsConnections *self);
void           ts_connections_free         (TsConnections *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsConnections, ts_connections_free)

G_END_DECLS
