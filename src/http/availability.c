/*
 * Availability slots as JSON (see availability.h).
 */
#include "http/availability.h"

#include "core/i18n.h"
#include "core/json.h"
#include "http/resource.h"
#include "model/supporter.h"

JsonArray *
ts_availability_to_json (GArray *slots)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      const TsAvailabilitySlot *s = &g_array_index (slots, TsAvailabilitySlot, i);
      JsonObject *slot = json_object_new ();

      json_object_set_int_member (slot, "weekday", s->weekday);
      ts_json_set_time (slot, "from", s->from_min);
      ts_json_set_time (slot, "to", s->to_min);
      json_array_add_object_element (arr, slot);
    }
  return arr;
}

/* Reads one item into a slot appended to @slots; what it cannot read
 * stays -1 (0 for the weekday) with a field error under @prefix, and the
 * service does not report it again.  Sets *@unknown for unknown members. */
void
ts_availability_read_slot (TsInput *in, JsonNode *node, const char *prefix, GArray *slots,
                           gboolean *unknown)
{
  g_auto(TsInput) item = { 0 };
  TsAvailabilitySlot slot = { 0, -1, -1 };
  const char *from, *to;
  gint64 weekday = 0;

  if (ts_input_init (&item, node, in->errors, prefix))
    {
      if (ts_input_int (&item, "weekday", TS_REQUIRED, G_MININT32, G_MAXINT32, &weekday))
        slot.weekday = (int) weekday;
      from = ts_input_string (&item, "from", TS_REQUIRED, 16);
      to = ts_input_string (&item, "to", TS_REQUIRED, 16);
      if (from != NULL && !ts_time_parse (from, &slot.from_min))
        ts_input_error (&item, "from", N_("Must be a time HH:MM"));
      if (to != NULL && !ts_time_parse (to, &slot.to_min))
        ts_input_error (&item, "to", N_("Must be a time HH:MM"));
      if (ts_input_collect_unknown (&item))
        *unknown = TRUE;
    }
  g_array_append_val (slots, slot);
}

/* A case's preferences (SPEC 3.2), its preferred times among them. */
JsonObject *
ts_case_preferences_to_json (const TsCasePreferences *p)
{
  JsonObject *obj = json_object_new ();

  ts_json_set_string_or_null (obj, "supporter_gender", p->supporter_gender);
  json_object_set_boolean_member (obj, "gender_required", p->gender_required);
  json_object_set_boolean_member (obj, "avoid_same_municipality", p->avoid_same_municipality);
  ts_json_set_string_or_null (obj, "peer_experience", p->peer_experience);
  json_object_set_array_member (obj, "availability", ts_availability_to_json (p->availability));
  return obj;
}
