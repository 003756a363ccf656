/*
 * Weekly availability in request and response bodies:
 * [{"weekday": 1, "from": "09:00", "to": "12:00"}], for a supporter's
 * availability and a case's preferred times alike, and a case's
 * preferences, which hold its preferred times.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "http/input.h"
#include "model/case.h"

G_BEGIN_DECLS

JsonArray  *ts_availability_to_json     (GArray *slots);
JsonObject *ts_case_preferences_to_json (const TsCasePreferences *preferences);
void       ts_availability_read_slot (TsInput    *in,
                                      JsonNode   *node,
                                      const char *prefix,
                                      GArray     *slots,
                                      gboolean   *unknown);

G_END_DECLS
