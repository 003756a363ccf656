/*
 * Client connections whose peer has gone.
 *
 * libsoup 3.2 (Debian 12) never releases a keep-alive connection that the
 * client closes between two requests: its socket stays open for the life
 * of the process (fixed upstream in 3.3.0 by commit d20c6601, "server: do
 * not leak idle connections closed by the client").  A busy service would
 * run out of file descriptors within hours.  TsConnections watches the
 * sockets of the connections that carried requests and, on each sweep,
 * closes those that are idle and whose peer has closed its side.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _TsConnections TsConnections;

TsConnections *ts_connections_new         (SoupServer    *soup);
guint          ts_connections_sweep       (TsConnections *self);
guint          ts_connections_get_tracked (TsConnections *self);
void           ts_connections_free        (TsConnections *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsConnections, ts_connections_free)

G_END_DECLS
