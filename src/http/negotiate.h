/*
 * Content negotiation for the routes that answer more than JSON (issue 16:
 * the printable documents).  Accept is read as a list of media ranges; a
 * range with q=0 is refused, a type the route names explicitly wins over a
 * wildcard, and no Accept (or only wildcards) gives the route's default.
 * None of the offered types acceptable: TS_ERROR_NOT_ACCEPTABLE (406).
 */
#pragma once

#include "http/route.h"

G_BEGIN_DECLS

typedef enum {
  TS_MEDIA_JSON = 1 << 0,
  TS_MEDIA_PDF  = 1 << 1,
  TS_MEDIA_CSV  = 1 << 2,
} TsMedia;

/* @offered: the TsMedia bits the route can give; @preferred one of them,
 * the answer to no Accept or a wildcard.  0 with @error on 406. */
TsMedia ts_request_negotiate   (TsRequest  *req,
                                guint       offered,
                                TsMedia     preferred,
                                GError    **error);
/* Answers @pdf as an attachment named @filename, with Vary: Accept. */
void    ts_request_reply_pdf   (TsRequest  *req,
                                GBytes     *pdf,
                                const char *filename);
/* Answers @body as an attachment named @ascii_name, and @name (UTF-8, as
 * RFC 6266's filename*) for the clients that read it, when not NULL. */
void    ts_request_reply_attachment (TsRequest  *req,
                                     const char *content_type,
                                     GBytes     *body,
                                     const char *ascii_name,
                                     const char *name);
/* The same for a CSV table (service/csv.h). */
void    ts_request_reply_csv   (TsRequest  *req,
                                GBytes     *csv,
                                const char *ascii_name,
                                const char *name);

G_END_DECLS
