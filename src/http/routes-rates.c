/*
 * /v1/rates: the effective-dated rate table (SPEC 3.2 Rates; issue 5).
 *
 * POST adds a set (administrators); GET lists every set with the one in
 * force today, and says when only the SPEC defaults apply (host stipend
 * 1,500 JPY per day, everything else 0).
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "service/rates.h"

static JsonObject *
by_kind_to_json (const TsRateSet *set)
{
  JsonObject *obj = json_object_new ();

  for (guint k = 0; k < TS_ACTIVITY_N_KINDS; k++)
    {
      const TsRateOverride *o = &set->by_kind[k];
      JsonObject *item;

      if (o->set == 0)
        continue;
      item = json_object_new ();
      if (o->set & TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY)
        json_object_set_int_member (item, "honorarium_per_activity_yen",
                                    o->honorarium_per_activity_yen);
      if (o->set & TS_RATE_FIELD_HONORARIUM_PER_HOUR)
        json_object_set_int_member (item, "honorarium_per_hour_yen", o->honorarium_per_hour_yen);
      if (o->set & TS_RATE_FIELD_TRANSPORT_CAP)
        json_object_set_int_member (item, "transport_cap_yen", o->transport_cap_yen);
      json_object_set_object_member (obj, ts_activity_kind_to_string ((TsActivityKind) k), item);
    }
  return obj;
}

static JsonObject *
amounts_to_json (const TsRateSet *set)
{
  JsonObject *obj = json_object_new ();

  ts_json_set_date_or_null (obj, "effective_from", set->effective_from);
  json_object_set_int_member (obj, "honorarium_per_activity_yen", set->honorarium_per_activity_yen);
  json_object_set_int_member (obj, "honorarium_per_hour_yen", set->honorarium_per_hour_yen);
  json_object_set_int_member (obj, "transport_cap_yen", set->transport_cap_yen);
  json_object_set_int_member (obj, "host_stipend_per_day_yen", set->host_stipend_per_day_yen);
  json_object_set_int_member (obj, "event_honorarium_per_hour_yen",
                              set->event_honorarium_per_hour_yen);
  json_object_set_object_member (obj, "by_kind", by_kind_to_json (set));
  return obj;
}

static JsonObject *
record_to_json (const TsRateSetRecord *r)
{
  JsonObject *obj = json_object_new ();
  g_autoptr(JsonObject) amounts = amounts_to_json (&r->set);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_set_int_member (obj, "id", r->id);
  json_object_iter_init (&iter, amounts);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (obj, name, json_node_copy (value));
  ts_json_set_timestamp (obj, "created_at", r->created_at);
  return obj;
}

/* Amounts are read as any integer: the domain names a negative or absurd
 * one (domain/rates.c), the reader only types. */
static void
read_amount (TsInput *in, const char *name, TsPresence presence, gint64 *out, guint *set,
             guint bit)
{
  if (ts_input_int (in, name, presence, G_MININT64, G_MAXINT64, out) && set != NULL)
    *set |= bit;
}

static gboolean
read_by_kind (TsInput *in, TsRateSet *set)
{
  JsonNode *node = ts_input_member (in, "by_kind", TS_OPTIONAL);
  gboolean unknown = FALSE;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ts_input_error (in, "by_kind", N_("Must be a JSON object"));
      return FALSE;
    }
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *prefix = g_strconcat ("by_kind.", name, NULL);
      g_auto(TsInput) sub = { 0 };
      TsActivityKind kind;
      TsRateOverride *o;

      if (!ts_activity_kind_from_string (name, &kind))
        {
          ts_field_errors_add (in->errors, prefix,
                               N_("Must be one of home_visit, accompany, phone, space, family_support, online"));
          continue;
        }
      if (!ts_input_init (&sub, value, in->errors, prefix))
        continue;
      o = &set->by_kind[kind];
      read_amount (&sub, "honorarium_per_activity_yen", TS_OPTIONAL,
                   &o->honorarium_per_activity_yen, &o->set, TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY);
      read_amount (&sub, "honorarium_per_hour_yen", TS_OPTIONAL,
                   &o->honorarium_per_hour_yen, &o->set, TS_RATE_FIELD_HONORARIUM_PER_HOUR);
      read_amount (&sub, "transport_cap_yen", TS_OPTIONAL,
                   &o->transport_cap_yen, &o->set, TS_RATE_FIELD_TRANSPORT_CAP);
      unknown |= ts_input_collect_unknown (&sub);
    }
  return unknown;
}

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree TsRateSetRecord *record = NULL;
  TsRateSet set = { 0 };
  guint given = 0;
  gboolean nested_unknown;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  set.effective_from = ts_input_date (&in, "effective_from", TS_REQUIRED);
  read_amount (&in, "honorarium_per_activity_yen", TS_REQUIRED,
               &set.honorarium_per_activity_yen, NULL, 0);
  read_amount (&in, "honorarium_per_hour_yen", TS_REQUIRED, &set.honorarium_per_hour_yen, NULL, 0);
  read_amount (&in, "transport_cap_yen", TS_REQUIRED, &set.transport_cap_yen, NULL, 0);
  read_amount (&in, "host_stipend_per_day_yen", TS_REQUIRED, &set.host_stipend_per_day_yen,
               NULL, 0);
  /* Issue 18: absent, event hours are paid at the general hourly rate. */
  read_amount (&in, "event_honorarium_per_hour_yen", TS_OPTIONAL,
               &set.event_honorarium_per_hour_yen, &given, 1);
  if (given == 0 && !ts_input_has (&in, "event_honorarium_per_hour_yen"))
    set.event_honorarium_per_hour_yen = set.honorarium_per_hour_yen;
  nested_unknown = read_by_kind (&in, &set);
  if (!ts_input_refuse_unknown (&in, nested_unknown, &error))
    goto fail;
  /* Type errors above are reported with the domain's, in one answer. */
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  record = ts_service_rate_create (req->service, req->ctx, &set, &error);
  if (record == NULL)
    goto fail;
  ts_request_reply_object (req, SOUP_STATUS_CREATED, record_to_json (record));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_list (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsRateTable) table = NULL;
  JsonObject *obj;
  JsonArray *sets;

  if (!ts_request_check_query (req, NULL, &error) ||
      (table = ts_service_rate_list (req->service, req->ctx, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  sets = json_array_new ();
  for (guint i = 0; i < table->sets->len; i++)
    json_array_add_object_element (sets, record_to_json (&g_array_index (table->sets,
                                                                          TsRateSetRecord, i)));
  json_object_set_array_member (obj, "rate_sets", sets);
  ts_json_set_date_or_null (obj, "on", table->on);
  json_object_set_boolean_member (obj, "defaults_in_force", table->defaults_in_force);
  json_object_set_object_member (obj, "in_force", amounts_to_json (table->in_force));
  json_object_set_object_member (obj, "defaults", amounts_to_json (ts_rate_set_get_default ()));
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

void
ts_routes_rates (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/rates", TS_ROLE_ADMIN, TS_ROUTE_BODY, handle_create, "createRateSet", NULL },
    { "GET", "/v1/rates", TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0, handle_list, "listRateSets", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
