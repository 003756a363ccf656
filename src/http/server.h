/*
 * TsHttpServer: libsoup on the main loop, handlers on worker threads.
 *
 * The main loop parses HTTP and matches the route; the request is then paused
 * and handed to a worker, which authenticates, checks the role, reads the
 * body and runs the handler (blocking on the store is fine there).  The reply
 * goes back to the main loop, which unpauses the message.
 */
#pragma once

#include <libsoup/soup.h>

#include "service/service.h"

G_BEGIN_DECLS

#define TS_TYPE_HTTP_SERVER (ts_http_server_get_type ())
G_DECLARE_FINAL_TYPE (TsHttpServer, ts_http_server, TS, HTTP_SERVER, GObject)

TsHttpServer *ts_http_server_new      (TsService    *service);
gboolean      ts_http_server_listen   (TsHttpServer *self,
                                       const char   *host,
                                       guint         port,
                                       GError      **error);
guint         ts_http_server_get_port (TsHttpServer *self);
void          ts_http_server_shutdown (TsHttpServer *self);
guint         ts_http_server_get_in_flight (TsHttpServer *self);
guint         ts_http_server_sweep_connections (TsHttpServer *self);
gboolean      ts_http_server_is_accepting (TsHttpServer *self);
guint         ts_http_server_get_connection_limit (TsHttpServer *self);

G_END_DECLS
