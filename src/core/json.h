/*
 * JSON helpers shared by every layer that builds or reads JSON.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/date.h"

G_BEGIN_DECLS

gboolean  ts_json_depth_within     (const char *data, gsize len, int max_depth);
char     *ts_json_to_string        (JsonNode *node, gsize *length);
void      ts_json_set_string_or_null (JsonObject *obj, const char *name, const char *value);
void      ts_json_set_date_or_null   (JsonObject *obj, const char *name, TsDate date);
void      ts_json_set_id_or_null     (JsonObject *obj, const char *name, gint64 id);
void      ts_json_set_timestamp      (JsonObject *obj, const char *name, gint64 unix_seconds);
JsonNode *ts_json_parse_array_text   (const char *text);
char     *ts_json_strv_to_text       (const char *const *strv);
JsonArray *ts_json_array_from_strv   (const char *const *strv);


G_END_DECLS
