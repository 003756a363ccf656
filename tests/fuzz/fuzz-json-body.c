/*
 * Fuzz target: a request body through everything the server does to it
 * before a handler sees a typed value — the depth check, the strict scan and
 * the JSON parser (ts_json_parse_body()), and the typed reader with every
 * kind of field.
 *
 * Built with -Dfuzzing=true (clang, libFuzzer) it is a libFuzzer target;
 * otherwise main() in fuzz-driver.c replays the corpus as a regular test.
 */
#include <stdint.h>
#include <json-glib/json-glib.h>

#include "core/json.h"
#include "http/input.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const genders[] = { "female", "male", "other", "unspecified", NULL };

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(TsFieldErrors) errors = ts_field_errors_new ();
  g_autoptr(GError) error = NULL;
  g_auto(TsInput) in = { 0 };
  g_auto(GStrv) list = NULL;
  g_auto(GStrv) skills = NULL;
  gint64 i64;
  double d;
  gboolean b;

  if (!g_utf8_validate ((const char *) data, (gssize) size, NULL) ||
      !ts_json_depth_within ((const char *) data, size, 32))
    return 0;
  /* The server's own reading: one value, no string with U+0000. */
  root = ts_json_parse_body ((const char *) data, size, errors, &parse_error);
  if (root == NULL)
    return 0;

  ts_input_init (&in, root, errors, NULL);
  ts_input_string (&in, "name", TS_REQUIRED, 100);
  ts_input_int (&in, "max_cases", TS_OPTIONAL, 0, 20, &i64);
  ts_input_double (&in, "lat", TS_OPTIONAL, -90, 90, &d);
  ts_input_bool (&in, "disabled", TS_OPTIONAL, &b);
  ts_input_date (&in, "completed_on", TS_OPTIONAL);
  ts_input_enum (&in, "gender", TS_OPTIONAL, genders);
  list = ts_input_string_array (&in, "interests", TS_OPTIONAL, 32, 40);
  skills = ts_input_enum_array (&in, "skills", TS_OPTIONAL, genders);
  ts_input_finish (&in, &error);
  return 0;
}
