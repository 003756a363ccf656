/*
 * Reading a JSON request body into typed values.
 *
 * Every problem is collected, each named by its field path, so that a client
 * sees every bad field in one answer.  Members the reader never asked for are
 * unknown fields: ts_input_finish() refuses them with 400.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/context.h"
#include "core/date.h"

G_BEGIN_DECLS

typedef struct {
  JsonObject    *obj;
  TsFieldErrors *errors;
  char          *prefix;
  GHashTable    *seen;
  GPtrArray     *unknown;
} TsInput;

typedef enum {
  TS_OPTIONAL = 0,
  TS_REQUIRED = 1,
} TsPresence;

gboolean     ts_input_init         (TsInput *in, JsonNode *node, TsFieldErrors *errors,
                                    const char *prefix);
void         ts_input_clear        (TsInput *in);
gboolean     ts_input_has          (TsInput *in, const char *name);
gboolean     ts_input_is_null      (TsInput *in, const char *name);
char        *ts_input_field_name   (TsInput *in, const char *name);
JsonNode    *ts_input_member       (TsInput *in, const char *name, TsPresence presence);
const char  *ts_input_string       (TsInput *in, const char *name, TsPresence presence,
                                    glong max_chars);
const char  *ts_input_secret       (TsInput *in, const char *name, TsPresence presence,
                                    glong max_chars);
gboolean     ts_input_int          (TsInput *in, const char *name, TsPresence presence,
                                    gint64 min, gint64 max, gint64 *out);
gboolean     ts_input_double       (TsInput *in, const char *name, TsPresence presence,
                                    double min, double max, double *out);
gboolean     ts_input_bool         (TsInput *in, const char *name, TsPresence presence,
                                    gboolean *out);
TsDate       ts_input_date         (TsInput *in, const char *name, TsPresence presence);
int          ts_input_enum         (TsInput *in, const char *name, TsPresence presence,
                                    const char *const *values);
char       **ts_input_enum_array   (TsInput *in, const char *name, TsPresence presence,
                                    const char *const *values);
char       **ts_input_string_array (TsInput *in, const char *name, TsPresence presence,
                                    guint max_items, glong max_chars);
void         ts_input_error        (TsInput *in, const char *name, const char *message);
gboolean     ts_input_collect_unknown (TsInput *in);
/* An optional member "location": {lat, lon} (any numbers: the service
 * checks the range).  *@out_has is FALSE when it is absent or not an
 * object.  Returns whether it carried unknown members (each already a field
 * error), which the caller reports for the body its own way. */
gboolean     ts_input_location     (TsInput *in, gboolean *out_has, double *out_lat,
                                    double *out_lon);
gboolean     ts_input_time         (TsInput *in, const char *name, int *out_minutes);
gboolean     ts_input_finish       (TsInput *in, GError **error);
gboolean     ts_input_refuse_unknown (TsInput *in, gboolean nested_unknown, GError **error);

gboolean     ts_time_parse         (const char *text, int *out_minutes);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TsInput, ts_input_clear)

G_END_DECLS
