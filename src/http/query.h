/*
 * Query strings, list cursors and If-Match: what every list and update
 * handler reads besides its body.
 */
#pragma once

#include "core/date.h"
#include "http/input.h"
#include "http/route.h"

G_BEGIN_DECLS

gboolean  ts_query_check_raw     (const char         *raw_query,
                                  TsFieldErrors      *errors,
                                  GError            **error);
gboolean  ts_request_check_query (TsRequest          *req,
                                  const char *const  *allowed,
                                  GError            **error);
gint64    ts_request_query_id    (TsRequest          *req,
                                  const char         *name);
gboolean  ts_request_query_month (TsRequest          *req,
                                  const char         *name,
                                  int                *year,
                                  int                *month);
TsDate    ts_request_query_date  (TsRequest          *req,
                                  const char         *name);
int       ts_request_query_limit (TsRequest          *req,
                                  int                 default_limit,
                                  int                 max_limit);
gboolean  ts_request_input_done  (TsRequest          *req,
                                  TsInput            *in,
                                  GError            **error);
gboolean  ts_request_open_body   (TsRequest          *req,
                                  TsInput            *in,
                                  GError            **error);
gboolean  ts_request_open_optional_body (TsRequest    *req,
                                         TsInput      *in,
                                         GError      **error);
gboolean  ts_request_check_empty_body (TsRequest     *req,
                                       GError       **error);

char     *ts_cursor_encode       (char                kind,
                                  gint64              after_id);
void      ts_json_set_cursor     (JsonObject         *obj,
                                  char                kind,
                                  gint64              next_after_id);
gboolean  ts_cursor_decode       (char                kind,
                                  const char         *text,
                                  gint64             *out_after_id);
gboolean  ts_request_query_cursor (TsRequest         *req,
                                   char               kind,
                                   gint64            *out_after_id);

GArray   *ts_if_match_parse      (const char         *header);
char     *ts_etag_for_version    (gint64              version);

G_END_DECLS
