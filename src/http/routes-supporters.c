/*
 * /v1/supporters: the supporter registry (SPEC 3.2).
 *
 * Handlers read types (strings, numbers, dates, "HH:MM"), the service checks
 * the rules; both add to the same field-error list, so a client sees every
 * bad field of a request in one 422.  The ETag of a supporter is its
 * version ("v7"); PATCH honours If-Match with it.
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/availability.h"
#include "http/input.h"
#include "http/query.h"
#include "service/supporters.h"

/* ---- rendering ------------------------------------------------------ */

static JsonObject *
qualification_to_json (const TsQualification *q, TsDate on)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "status", ts_qualification_status_to_string (q->status));
  ts_json_set_date_or_null (obj, "on", on);
  ts_json_set_date_or_null (obj, "initial_completed_on", q->initial_completed_on);
  ts_json_set_date_or_null (obj, "last_training_on", q->last_training_on);
  ts_json_set_date_or_null (obj, "follow_up_due_on", q->follow_up_due_on);
  return obj;
}

static JsonObject *
supporter_to_json (const TsSupporterView *view, gboolean with_history)
{
  const TsSupporterRecord *r = view->record;
  JsonObject *obj = json_object_new ();
  JsonArray *trainings = json_array_new ();

  json_object_set_int_member (obj, "id", r->id);
  ts_json_set_string_or_null (obj, "code", r->code);
  json_object_set_string_member (obj, "name", r->name);
  ts_json_set_string_or_null (obj, "name_kana", r->name_kana);
  json_object_set_string_member (obj, "gender", r->gender);
  if (r->birth_year > 0)
    json_object_set_int_member (obj, "birth_year", r->birth_year);
  else
    json_object_set_null_member (obj, "birth_year");
  json_object_set_string_member (obj, "municipality_code", r->municipality_code);
  ts_json_set_string_or_null (obj, "municipality_name", view->municipality_name);
  ts_json_set_string_or_null (obj, "prefecture_name", view->prefecture_name);
  if (r->has_location)
    {
      JsonObject *loc = json_object_new ();
      json_object_set_double_member (loc, "lat", r->lat);
      json_object_set_double_member (loc, "lon", r->lon);
      json_object_set_object_member (obj, "location", loc);
    }
  else
    json_object_set_null_member (obj, "location");
  ts_json_set_string_or_null (obj, "occupation", r->occupation);
  json_object_set_string_member (obj, "peer_experience", r->peer_experience);
  json_object_set_array_member (obj, "skills", ts_json_array_from_strv ((const char *const *) r->skills));
  json_object_set_array_member (obj, "interests", ts_json_array_from_strv ((const char *const *) r->interests));
  json_object_set_array_member (obj, "availability", ts_availability_to_json (r->availability));
  json_object_set_int_member (obj, "max_cases", r->max_cases);
  ts_json_set_date_or_null (obj, "insurance_until", r->insurance_until);
  json_object_set_string_member (obj, "status", ts_supporter_status_to_string (r->status));
  ts_json_set_date_or_null (obj, "registered_on", r->registered_on);
  json_object_set_object_member (obj, "qualification",
                                 qualification_to_json (&view->qualification, view->on));
  for (guint i = 0; i < view->trainings->len; i++)
    {
      const TsTrainingRecord *t = &g_array_index (view->trainings, TsTrainingRecord, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", t->id);
      json_object_set_string_member (item, "kind", t->kind);
      ts_json_set_date_or_null (item, "completed_on", t->completed_on);
      ts_json_set_id_or_null (item, "course_id", t->course_id);
      json_object_set_string_member (item, "source", t->source);
      json_array_add_object_element (trainings, item);
    }
  json_object_set_array_member (obj, "trainings", trainings);
  if (with_history && view->status_changes != NULL)
    {
      JsonArray *history = json_array_new ();
      for (guint i = 0; i < view->status_changes->len; i++)
        {
          const TsStatusChange *c = view->status_changes->pdata[i];
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "from", ts_supporter_status_to_string (c->from_status));
          json_object_set_string_member (item, "to", ts_supporter_status_to_string (c->to_status));
          ts_json_set_date_or_null (item, "on", c->changed_on);
          ts_json_set_string_or_null (item, "reason", c->reason);
          ts_json_set_timestamp (item, "at", c->at);
          json_array_add_object_element (history, item);
        }
      json_object_set_array_member (obj, "status_history", history);
    }
  json_object_set_int_member (obj, "version", r->version);
  ts_json_set_timestamp (obj, "created_at", r->created_at);
  ts_json_set_timestamp (obj, "updated_at", r->updated_at);
  return obj;
}

/* A strong entity tag: the representation changes exactly when the version
 * does (every write to a supporter, its trainings or status bumps it). */
static void
add_etag (TsRequest *req, const TsSupporterView *view)
{
  char etag[32];
  g_snprintf (etag, sizeof etag, "\"v%" G_GINT64_FORMAT "\"", view->record->version);
  ts_request_add_header (req, "ETag", etag);
}

/* The status history's reasons are the coordinators' notes: a supporter
 * reading their own record sees everything else. */
static void
reply_view (TsRequest *req, guint status, TsSupporterView *view)
{
  add_etag (req, view);
  ts_request_reply_object (req, status,
                           supporter_to_json (view, req->ctx->role != TS_ROLE_SUPPORTER));
}

/* ---- query parameters ------------------------------------------------ */

/* ---- request bodies -------------------------------------------------- */

/* Members the service computes or sets through the status endpoints. */
static const char *const read_only_fields[] = {
  "id", "code", "status", "registered_on", "qualification", "trainings", "status_history",
  "municipality_name", "prefecture_name", "version", "created_at", "updated_at", NULL
};

/* Generous type-level bounds; the service applies the real limits with
 * its own messages. */
#define TEXT_READ_MAX 10000

static GArray *
read_availability (TsInput *in, gboolean *unknown)
{
  JsonNode *node = ts_input_member (in, "availability", TS_OPTIONAL);
  GArray *slots;
  JsonArray *arr;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_input_error (in, "availability", N_("Must be a list"));
      return NULL;
    }
  arr = json_node_get_array (node);
  slots = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
  if (json_array_get_length (arr) > TS_SUPPORTER_AVAILABILITY_MAX)
    {
      /* The service refuses it; reading hundreds of items first would only
       * make hundreds of messages. */
      TsAvailabilitySlot none = { 0, -1, -1 };
      for (guint i = 0; i < json_array_get_length (arr); i++)
        g_array_append_val (slots, none);
      return slots;
    }
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("availability[%u]", i);

      ts_availability_read_slot (in, json_array_get_element (arr, i), prefix, slots, unknown);
    }
  return slots;
}

static void
read_location (TsInput *in, TsSupporterRecord *draft, gboolean *unknown)
{
  JsonNode *node = ts_input_member (in, "location", TS_OPTIONAL);
  g_auto(TsInput) loc = { 0 };

  draft->has_location = FALSE;
  if (node == NULL)
    return;
  if (!ts_input_init (&loc, node, in->errors, "location"))
    return;
  draft->has_location = TRUE;
  if (!ts_input_double (&loc, "lat", TS_REQUIRED, -G_MAXDOUBLE, G_MAXDOUBLE, &draft->lat))
    draft->lat = 0.0;
  if (!ts_input_double (&loc, "lon", TS_REQUIRED, -G_MAXDOUBLE, G_MAXDOUBLE, &draft->lon))
    draft->lon = 0.0;
  ts_input_collect_unknown (&loc);
  if (loc.unknown != NULL && loc.unknown->len > 0)
    *unknown = TRUE;
}

/* Reads a supporter body into @draft; @present gets a bit for every member
 * that is in the body (null included: on PATCH, null clears an optional
 * member).  Returns FALSE only for unknown members; type errors are left in
 * the field errors for the service to report together with its own. */
static gboolean
read_supporter_body (TsRequest *req, TsSupporterRecord *draft, guint *present, GError **error)
{
  g_auto(TsInput) in = { 0 };
  gboolean nested_unknown = FALSE;
  gint64 v;

  *present = 0;
  if (!ts_input_init (&in, req->body, req->ctx->errors, NULL))
    return ts_field_errors_check (req->ctx->errors, error);

#define PRESENT(name, bit) \
  if (ts_input_has (&in, name)) \
    *present |= (bit)

  PRESENT ("name", TS_SUPPORTER_FIELD_NAME);
  draft->name = g_strdup (ts_input_string (&in, "name", TS_OPTIONAL, TEXT_READ_MAX));
  PRESENT ("name_kana", TS_SUPPORTER_FIELD_NAME_KANA);
  draft->name_kana = g_strdup (ts_input_string (&in, "name_kana", TS_OPTIONAL, TEXT_READ_MAX));
  PRESENT ("gender", TS_SUPPORTER_FIELD_GENDER);
  draft->gender = g_strdup (ts_input_string (&in, "gender", TS_OPTIONAL, 64));
  PRESENT ("birth_year", TS_SUPPORTER_FIELD_BIRTH_YEAR);
  if (ts_input_int (&in, "birth_year", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
    draft->birth_year = v != 0 ? (int) v : -1;
  PRESENT ("municipality_code", TS_SUPPORTER_FIELD_MUNICIPALITY);
  draft->municipality_code = g_strdup (ts_input_string (&in, "municipality_code", TS_OPTIONAL, 64));
  PRESENT ("location", TS_SUPPORTER_FIELD_LOCATION);
  read_location (&in, draft, &nested_unknown);
  PRESENT ("occupation", TS_SUPPORTER_FIELD_OCCUPATION);
  draft->occupation = g_strdup (ts_input_string (&in, "occupation", TS_OPTIONAL, TEXT_READ_MAX));
  PRESENT ("peer_experience", TS_SUPPORTER_FIELD_PEER_EXPERIENCE);
  draft->peer_experience = g_strdup (ts_input_string (&in, "peer_experience", TS_OPTIONAL, 64));
  PRESENT ("skills", TS_SUPPORTER_FIELD_SKILLS);
  g_strfreev (draft->skills);
  draft->skills = ts_input_string_array (&in, "skills", TS_OPTIONAL, 64, 64);
  PRESENT ("interests", TS_SUPPORTER_FIELD_INTERESTS);
  g_strfreev (draft->interests);
  draft->interests = ts_input_string_array (&in, "interests", TS_OPTIONAL, 1000, 1000);
  PRESENT ("availability", TS_SUPPORTER_FIELD_AVAILABILITY);
  g_clear_pointer (&draft->availability, g_array_unref);
  draft->availability = read_availability (&in, &nested_unknown);
  PRESENT ("max_cases", TS_SUPPORTER_FIELD_MAX_CASES);
  if (ts_input_int (&in, "max_cases", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
    draft->max_cases = (int) v;
  else if (ts_input_has (&in, "max_cases"))
    draft->max_cases = -1;
  PRESENT ("insurance_until", TS_SUPPORTER_FIELD_INSURANCE_UNTIL);
  draft->insurance_until = ts_input_date (&in, "insurance_until", TS_OPTIONAL);
#undef PRESENT

  for (guint i = 0; read_only_fields[i] != NULL; i++)
    if (ts_input_has (&in, read_only_fields[i]))
      {
        ts_input_member (&in, read_only_fields[i], TS_OPTIONAL);
        ts_input_error (&in, read_only_fields[i],
                        g_str_equal (read_only_fields[i], "status")
                          ? N_("Read-only: use /register, /suspend or /retire")
                          : N_("Read-only"));
      }
  return ts_input_refuse_unknown (&in, nested_unknown, error);
}

/* ---- handlers ---------------------------------------------------------- */

static void
created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TsRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterView) view = NULL;
  g_autofree char *location = NULL;

  view = ts_service_supporter_create_finish (TS_SERVICE (source), result, &error);
  if (view == NULL)
    {
      ts_request_reply_error (req, error);
      ts_request_complete (req);
      return;
    }
  location = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, view->record->id);
  ts_request_add_header (req, "Location", location);
  reply_view (req, SOUP_STATUS_CREATED, view);
  ts_request_complete (req);
}

/* Inline: checked and rendered on the main loop, answered once the write
 * is durable, without a worker thread waiting for it. */
static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterRecord) draft = ts_supporter_record_new ();
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !read_supporter_body (req, draft, &present, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_defer (req);
  ts_service_supporter_create_async (req->service, req->ctx, draft, present, created, req);
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = {
    "status", "municipality_code", "qualification", "limit", "cursor", "on", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterPage) page = NULL;
  g_autoptr(JsonObject) obj = NULL;
  TsSupporterQuery query = { 0 };
  const char *text;
  JsonArray *items;

  if (!ts_request_check_query (req, allowed, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  if ((text = ts_request_query (req, "status")) != NULL)
    {
      query.has_status = ts_supporter_status_from_string (text, &query.status);
      if (!query.has_status)
        ts_field_errors_add (req->ctx->errors, "status",
                             N_("Must be one of applicant, registered, suspended, retired"));
    }
  if ((text = ts_request_query (req, "qualification")) != NULL)
    {
      query.has_qualification = ts_qualification_status_from_string (text, &query.qualification);
      if (!query.has_qualification)
        ts_field_errors_add (req->ctx->errors, "qualification",
                             N_("Must be one of valid, due_soon, lapsed, untrained"));
    }
  query.municipality_code = ts_request_query (req, "municipality_code");
  if ((text = ts_request_query (req, "limit")) != NULL)
    {
      guint64 limit = 0;
      if (!g_ascii_string_to_unsigned (text, 10, 1, TS_SUPPORTER_LIST_MAX, &limit, NULL))
        ts_field_errors_add (req->ctx->errors, "limit", N_("Must be from 1 to 200"));
      query.limit = (int) limit;
    }
  if ((text = ts_request_query (req, "cursor")) != NULL && !ts_cursor_decode ('s', text, &query.after_id))
    ts_field_errors_add (req->ctx->errors, "cursor", N_("Not a cursor this service gave out"));
  query.on = ts_request_query_date (req, "on");

  page = ts_service_supporter_list (req->service, req->ctx, &query, &error);
  if (page == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < page->items->len; i++)
    json_array_add_object_element (items, supporter_to_json (page->items->pdata[i], FALSE));
  json_object_set_array_member (obj, "supporters", items);
  ts_json_set_cursor (obj, 's', page->next_after_id);
  ts_json_set_date_or_null (obj, "on", page->on);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

static void
got (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TsRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterView) view = NULL;

  view = ts_service_supporter_get_finish (TS_SERVICE (source), result, &error);
  if (view == NULL)
    ts_request_reply_error (req, error);
  else
    reply_view (req, SOUP_STATUS_OK, view);
  ts_request_complete (req);
}

/* Inline: a point read on the main loop, answered once its audit entry is
 * durable (group-committed by the writer), without a thread waiting. */
static void
handle_get (TsRequest *req)
{
  static const char *const allowed[] = { "on", NULL };
  g_autoptr(GError) error = NULL;
  TsDate on;

  if (!ts_request_check_query (req, allowed, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  on = ts_request_query_date (req, "on");
  if (!ts_field_errors_check (req->ctx->errors, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_defer (req);
  ts_service_supporter_get_async (req->service, req->ctx, req->params[0], on, got, req);
}

static void
handle_update (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterRecord) draft = ts_supporter_record_new ();
  g_autoptr(TsSupporterView) view = NULL;
  g_autoptr(GArray) if_match = NULL;
  guint present;

  if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  if (!ts_request_check_query (req, NULL, &error) ||
      !read_supporter_body (req, draft, &present, &error) ||
      (view = ts_service_supporter_update (req->service, req->ctx, req->params[0], draft, present,
                                           (const gint64 *) if_match->data, if_match->len,
                                           &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  reply_view (req, SOUP_STATUS_OK, view);
}

static void
handle_add_training (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *kind = NULL;
  TsTrainingInput input = { 0 };

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
    {
      kind = g_strdup (ts_input_string (&in, "kind", TS_OPTIONAL, 64));
      input.kind = kind;
      input.completed_on = ts_input_date (&in, "completed_on", TS_OPTIONAL);
      ts_input_int (&in, "course_id", TS_OPTIONAL, 1, G_MAXINT64, &input.course_id);
      if (!ts_input_refuse_unknown (&in, FALSE, &error))
        goto fail;
    }
  view = ts_service_supporter_add_training (req->service, req->ctx, req->params[0], &input, &error);
  if (view == NULL)
    goto fail;
  reply_view (req, SOUP_STATUS_CREATED, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* Register, suspend and retire share a body: all of it optional. */
static void
handle_status (TsRequest *req, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterView) view = NULL;
  g_autofree char *reason = NULL;
  TsDate registered_on = TS_DATE_NONE;
  gboolean registering = g_str_equal (action, "register");

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (req->body != NULL)
    {
      g_auto(TsInput) in = { 0 };
      if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
        {
          if (registering)
            registered_on = ts_input_date (&in, "registered_on", TS_OPTIONAL);
          reason = g_strdup (ts_input_string (&in, "reason", TS_OPTIONAL, TEXT_READ_MAX));
          if (!ts_input_refuse_unknown (&in, FALSE, &error))
            goto fail;
        }
    }
  if (registering)
    view = ts_service_supporter_register (req->service, req->ctx, req->params[0], registered_on,
                                          reason, &error);
  else if (g_str_equal (action, "suspend"))
    view = ts_service_supporter_suspend (req->service, req->ctx, req->params[0], reason, &error);
  else
    view = ts_service_supporter_retire (req->service, req->ctx, req->params[0], reason, &error);
  if (view == NULL)
    goto fail;
  reply_view (req, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_register (TsRequest *req)
{
  handle_status (req, "register");
}

static void
handle_suspend (TsRequest *req)
{
  handle_status (req, "suspend");
}

static void
handle_retire (TsRequest *req)
{
  handle_status (req, "retire");
}

/* Bulk insurance renewal for a fiscal year (issue 11). */
static void
handle_renew_insurance (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsInput) in = { 0 };
  TsInsuranceRenewal result;
  gint64 fiscal_year = 0;
  JsonObject *obj;

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  /* The route admits staff only, so a body that is not an object can be
   * answered here (422 body) without asking the service. */
  if (!ts_input_init (&in, req->body, req->ctx->errors, NULL))
    {
      ts_field_errors_check (req->ctx->errors, &error);
      goto fail;
    }
  ts_input_int (&in, "fiscal_year", TS_REQUIRED, 0, 9999, &fiscal_year);
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  if (!ts_service_supporter_renew_insurance (req->service, req->ctx, fiscal_year, NULL, NULL,
                                             &result, &error))
    goto fail;
  obj = json_object_new ();
  json_object_set_int_member (obj, "fiscal_year", result.fiscal_year);
  ts_json_set_date_or_null (obj, "insured_until", result.insured_until);
  json_object_set_int_member (obj, "renewed", (gint64) result.renewed);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_supporters (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/supporters", TS_ROLE_STAFF, TS_ROUTE_BODY | TS_ROUTE_INLINE, handle_create, "createSupporter", NULL },
    { "GET", "/v1/supporters", TS_ROLE_STAFF, 0, handle_list, "listSupporters", NULL },
    { "GET", "/v1/supporters/{id}", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, TS_ROUTE_INLINE, handle_get,
      "getSupporter", NULL },
    { "PATCH", "/v1/supporters/{id}", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_update,
      "updateSupporter", NULL },
    { "POST", "/v1/supporters/{id}/trainings", TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_add_training, "addSupporterTraining", NULL },
    { "POST", "/v1/supporters/{id}/register", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_register, "registerSupporter", NULL },
    { "POST", "/v1/supporters/{id}/suspend", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_suspend, "suspendSupporter", NULL },
    { "POST", "/v1/supporters/{id}/retire", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_retire, "retireSupporter", NULL },
    { "POST", "/v1/supporters/insurance-renewals", TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_renew_insurance, "renewSupporterInsurance", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
