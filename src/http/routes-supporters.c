/*
 * /v1/supporters: the supporter registry (SPEC 3.2).
 *
 * The record's plain fields are read and rendered from its descriptor
 * (model/supporter.h, http/resource.h); this file adds the members of its
 * own shape (birth year, location, lists, availability) and the view's
 * (qualification, trainings, status history), and the verbs.  Handlers
 * read types, the service checks the rules; both add to the same
 * field-error list, so a client sees every bad field of a request in one
 * 422.  The ETag of a supporter is its version ("v7"); PATCH honours
 * If-Match with it.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/availability.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/supporters.h"

/* Generous type-level bounds; the service applies the real limits with
 * its own messages. */
#define TEXT_READ_MAX 10000

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

static JsonArray *
trainings_to_json (GArray *trainings)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < trainings->len; i++)
    {
      const TsTrainingRecord *t = &g_array_index (trainings, TsTrainingRecord, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", t->id);
      json_object_set_string_member (item, "kind", t->kind);
      ts_json_set_date_or_null (item, "completed_on", t->completed_on);
      ts_json_set_id_or_null (item, "course_id", t->course_id);
      json_object_set_string_member (item, "source", t->source);
      json_array_add_object_element (arr, item);
    }
  return arr;
}

static JsonArray *
history_to_json (GPtrArray *status_changes)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < status_changes->len; i++)
    {
      const TsStatusChange *c = status_changes->pdata[i];
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "from", ts_supporter_status_to_string (c->from_status));
      json_object_set_string_member (item, "to", ts_supporter_status_to_string (c->to_status));
      ts_json_set_date_or_null (item, "on", c->changed_on);
      ts_json_set_string_or_null (item, "reason", c->reason);
      ts_json_set_timestamp (item, "at", c->at);
      json_array_add_object_element (arr, item);
    }
  return arr;
}

/* What a supporter's view adds to the fields of its descriptor: the CUSTOM
 * members, the place's names, the qualification and the completions, and
 * in a single record the status history.  Its reasons are the
 * coordinators' notes: a supporter reading their own record sees
 * everything else. */
static void
render_supporter (gconstpointer data, JsonObject *obj)
{
  const TsSupporterView *view = data;
  const TsSupporterRecord *r = view->record;

  ts_json_set_int_or_null (obj, "birth_year", r->birth_year > 0, r->birth_year);
  ts_json_set_location (obj, r->has_location, r->lat, r->lon);
  json_object_set_array_member (obj, "skills", ts_json_array_from_strv ((const char *const *) r->skills));
  json_object_set_array_member (obj, "interests", ts_json_array_from_strv ((const char *const *) r->interests));
  json_object_set_array_member (obj, "availability", ts_availability_to_json (r->availability));
  ts_json_set_string_or_null (obj, "municipality_name", view->municipality_name);
  ts_json_set_string_or_null (obj, "prefecture_name", view->prefecture_name);
  json_object_set_object_member (obj, "qualification",
                                 qualification_to_json (&view->qualification, view->on));
  json_object_set_array_member (obj, "trainings", trainings_to_json (view->trainings));
  if (!view->own && view->status_changes != NULL)
    json_object_set_array_member (obj, "status_history", history_to_json (view->status_changes));
}

/* ---- request bodies -------------------------------------------------- */

/* A nested object's unknown members make the whole body's. */
static void
adopt_unknown (TsInput *in, const char *name)
{
  if (in->unknown == NULL)
    in->unknown = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (in->unknown, g_strdup (name));
}

static GArray *
read_availability (TsInput *in)
{
  JsonNode *node = ts_input_member (in, "availability", TS_OPTIONAL);
  gboolean unknown = FALSE;
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

      ts_availability_read_slot (in, json_array_get_element (arr, i), prefix, slots, &unknown);
    }
  if (unknown)
    adopt_unknown (in, "availability");
  return slots;
}

/* What the view adds to the record: the service computes it. */
static const char *const view_members[] = {
  "qualification", "trainings", "status_history", "municipality_name", "prefecture_name", NULL
};

/* The CUSTOM members of a supporter body (the descriptor's generic reader
 * reads the others); a bit in @present for every member in the body, null
 * included: on PATCH, null clears an optional member. */
static void
read_custom (TsInput *in, gpointer data, guint *present)
{
  TsSupporterRecord *draft = data;
  gint64 v;

#define PRESENT(name, bit) \
  if (ts_input_has (in, name)) \
    *present |= (bit)

  PRESENT ("birth_year", TS_SUPPORTER_FIELD_BIRTH_YEAR);
  if (ts_input_int (in, "birth_year", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
    draft->birth_year = v != 0 ? (int) v : -1;
  PRESENT ("location", TS_SUPPORTER_FIELD_LOCATION);
  if (ts_input_location (in, &draft->has_location, &draft->lat, &draft->lon))
    adopt_unknown (in, "location");
  PRESENT ("skills", TS_SUPPORTER_FIELD_SKILLS);
  draft->skills = ts_input_string_array (in, "skills", TS_OPTIONAL, 64, 64);
  PRESENT ("interests", TS_SUPPORTER_FIELD_INTERESTS);
  draft->interests = ts_input_string_array (in, "interests", TS_OPTIONAL, 1000, 1000);
  PRESENT ("availability", TS_SUPPORTER_FIELD_AVAILABILITY);
  draft->availability = read_availability (in);
#undef PRESENT

  for (guint i = 0; view_members[i] != NULL; i++)
    if (ts_input_has (in, view_members[i]))
      {
        ts_input_member (in, view_members[i], TS_OPTIONAL);
        ts_input_error (in, view_members[i], N_("Read-only"));
      }
}

static const TsResourceRoutes supporter_routes = {
  .ops = &ts_supporter_ops,
  .render = render_supporter,
  .read_custom = read_custom,
};

/* Answers with @view (freed) and its ETag, or with @error when there is
 * no view. */
static void
reply (TsRequest *req, guint status, TsSupporterView *view, GError *error)
{
  if (view == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_resource_reply_view (req, &supporter_routes, status, view);
  ts_supporter_view_free (view);
}

/* ---- handlers ---------------------------------------------------------- */

static void
created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TsRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  TsSupporterView *view = ts_service_supporter_create_finish (TS_SERVICE (source), result, &error);

  if (view != NULL)
    {
      g_autofree char *location = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT,
                                                   view->record->id);
      ts_request_add_header (req, "Location", location);
    }
  reply (req, SOUP_STATUS_CREATED, view, error);
  ts_request_complete (req);
}

/* Inline: checked and rendered on the main loop, answered once the write
 * is durable, without a worker thread waiting for it. */
static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterRecord) draft = ts_record_new (&ts_supporter_resource);
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &supporter_routes, draft, &present, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_defer (req);
  ts_service_supporter_create_async (req->service, req->ctx, draft, present, created, req);
}

/* The generic list, and the date its qualifications are computed for. */
static void
handle_list (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree TsSupporterListQuery *query = NULL;
  g_autoptr(TsPage) page = NULL;
  JsonObject *obj;

  query = ts_resource_read_query (req, &ts_supporter_resource, &error);
  if (query == NULL ||
      (page = ts_service_list (req->service, req->ctx, &ts_supporter_ops, query, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = ts_resource_page_to_json (&supporter_routes, page);
  ts_json_set_date_or_null (obj, "on", query->on);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

static void
got (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TsRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  TsSupporterView *view = ts_service_supporter_get_finish (TS_SERVICE (source), result, &error);

  reply (req, SOUP_STATUS_OK, view, error);
  ts_request_complete (req);
}

/* Inline: a point read on the main loop, answered once its audit entry is
 * durable (group-committed by the writer), without a thread waiting.  It
 * is not ts_resource_handle_get for ?on, the date of the qualification. */
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
handle_add_training (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *kind = NULL;
  TsTrainingInput input = { 0 };
  TsSupporterView *view = NULL;

  if (!ts_request_open_body (req, &in, &error))
    goto out;
  kind = g_strdup (ts_input_string (&in, "kind", TS_OPTIONAL, 64));
  input.kind = kind;
  input.completed_on = ts_input_date (&in, "completed_on", TS_OPTIONAL);
  ts_input_int (&in, "course_id", TS_OPTIONAL, 1, G_MAXINT64, &input.course_id);
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto out;
  view = ts_service_supporter_add_training (req->service, req->ctx, req->params[0], &input, &error);
out:
  reply (req, SOUP_STATUS_CREATED, view, error);
}

/* Register, suspend and retire share a body: all of it optional. */
static void
handle_status (TsRequest *req, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *reason = NULL;
  TsDate registered_on = TS_DATE_NONE;
  gboolean registering = g_str_equal (action, "register");
  TsSupporterView *view = NULL;

  if (!ts_request_open_optional_body (req, &in, &error))
    goto out;
  if (registering)
    registered_on = ts_input_date (&in, "registered_on", TS_OPTIONAL);
  reason = g_strdup (ts_input_string (&in, "reason", TS_OPTIONAL, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto out;
  if (registering)
    view = ts_service_supporter_register (req->service, req->ctx, req->params[0], registered_on,
                                          reason, &error);
  else if (g_str_equal (action, "suspend"))
    view = ts_service_supporter_suspend (req->service, req->ctx, req->params[0], reason, &error);
  else
    view = ts_service_supporter_retire (req->service, req->ctx, req->params[0], reason, &error);
out:
  reply (req, SOUP_STATUS_OK, view, error);
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
    { "POST", "/v1/supporters", TS_ROLE_STAFF, TS_ROUTE_BODY | TS_ROUTE_INLINE, handle_create,
      "createSupporter", &supporter_routes },
    { "GET", "/v1/supporters", TS_ROLE_STAFF, 0, handle_list, "listSupporters",
      &supporter_routes },
    { "GET", "/v1/supporters/{id}", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, TS_ROUTE_INLINE, handle_get,
      "getSupporter", &supporter_routes },
    { "PATCH", "/v1/supporters/{id}", TS_ROLE_STAFF, TS_ROUTE_BODY, ts_resource_handle_update,
      "updateSupporter", &supporter_routes },
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
