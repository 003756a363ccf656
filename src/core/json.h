/*
 * JSON helpers shared by every layer that builds or reads JSON.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/date.h"
#include "core/error.h"

G_BEGIN_DECLS

gboolean  ts_json_depth_within     (const char *data, gsize len, int max_depth);

/* What ts_json_scan() found in a request body. */
typedef enum {
  TS_JSON_SCAN_OK,
  TS_JSON_SCAN_INVALID,            /* not JSON (RFC 8259), or empty */
  TS_JSON_SCAN_TRAILING,           /* one JSON value, then more than white space */
  TS_JSON_SCAN_NUL,                /* valid, but a string holds U+0000 */
} TsJsonScan;

TsJsonScan ts_json_scan            (const char *data, gsize len, char **out_field);
JsonNode *ts_json_parse_body       (const char *data, gsize len, TsFieldErrors *errors,
                                    GError **error);
char     *ts_json_to_string        (JsonNode *node, gsize *length);
void      ts_json_set_string_or_null (JsonObject *obj, const char *name, const char *value);
/* "location": {"lat": …, "lon": …}, or null when @has is FALSE. */
void      ts_json_set_location       (JsonObject *obj, gboolean has, double lat, double lon);
void      ts_json_set_date_or_null   (JsonObject *obj, const char *name, TsDate date);
void      ts_json_set_id_or_null     (JsonObject *obj, const char *name, gint64 id);
void      ts_json_set_timestamp      (JsonObject *obj, const char *name, gint64 unix_seconds);
JsonNode *ts_json_parse_array_text   (const char *text);
char     *ts_json_strv_to_text       (const char *const *strv);
JsonArray *ts_json_array_from_strv   (const char *const *strv);


G_END_DECLS
