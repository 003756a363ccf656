/*
 * Content codings of answers (RFC 9110 8.4): whether a request accepts gzip,
 * and gzip itself.  The web application's files are compressed once per file
 * (routes-web.c); JSON answers of the API from TS_HTTP_GZIP_MIN bytes up, per
 * answer, on the worker that built them (server.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Smaller answers gain less than the gzip framing and the CPU cost. */
#define TS_HTTP_GZIP_MIN 512

gboolean ts_http_accepts_gzip (const char *accept_encoding);
GBytes  *ts_http_gzip         (GBytes *input, int level);

G_END_DECLS
