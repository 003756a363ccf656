/*
 * /v1/events and /v1/booking-requests (SPEC 2.8, 3.3 Events; issue 18;
 * seeds 001, 002, 004): group activities, their attendance, seminar
 * registrations, consultation slots and booking requests.
 *
 * An event's body is its field table (model/event.c) plus "start"
 * ("HH:MM"), "capacity" (null: none), and on POST only "repeat" (a series)
 * and "supporter_ids" (the planned staff), read here.  The rules and the
 * organisation scope are the service's (service/events.h).
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/events.h"

#define TEXT_READ_MAX 10000

/* ---- reading ------------------------------------------------------------------ */

/* A list of positive ids (supporter_ids, preferences): NULL and a field
 * error when it is not one; at most @max + 1 read. */
static GArray *
read_ids (TsInput *in, const char *name, TsPresence presence, guint max)
{
  JsonNode *node = ts_input_member (in, name, presence);
  g_autoptr(GArray) ids = NULL;
  JsonArray *arr;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_input_error (in, name, N_("Must be a list of ids"));
      return NULL;
    }
  arr = json_node_get_array (node);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < json_array_get_length (arr) && i <= max; i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64 ||
          (id = json_node_get_int (e)) <= 0)
        {
          ts_input_error (in, name, N_("Must be a list of ids"));
          return NULL;
        }
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static void
read_start (TsInput *in, const char *name, int *out, guint *present, guint bit)
{
  if (!ts_input_has (in, name))
    return;
  *present |= bit;
  /* Here null is no time of day either. */
  if (!ts_input_time (in, name, out) && ts_input_is_null (in, name))
    ts_input_error (in, name, N_("Must be a time of day (HH:MM)"));
}

/* repeat: {rule: "monthly_nth_weekday", count, nth?, weekday?}. */
static void
read_repeat (TsInput *in, TsEventRecord *draft, guint *present, gboolean *unknown)
{
  JsonNode *node = ts_input_member (in, "repeat", TS_OPTIONAL);
  g_auto(TsInput) rin = { 0 };
  const char *rule;
  gint64 v;

  if (node == NULL || !ts_input_init (&rin, node, in->errors, "repeat"))
    return;
  *present |= TS_EVENT_FIELD_REPEAT;
  rule = ts_input_string (&rin, "rule", TS_REQUIRED, 64);
  if (rule != NULL && g_strcmp0 (rule, "monthly_nth_weekday") != 0)
    ts_input_error (&rin, "rule", N_("Must be monthly_nth_weekday"));
  if (ts_input_int (&rin, "count", TS_REQUIRED, G_MININT32, G_MAXINT32, &v))
    draft->repeat.count = (int) v;
  else
    draft->repeat.count = 2;      /* the error is reported; keep the range check quiet */
  if (ts_input_int (&rin, "nth", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
    draft->repeat.nth = v == 0 ? 99 : (int) v;
  if (ts_input_int (&rin, "weekday", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
    draft->repeat.weekday = v == 0 ? 99 : (int) v;
  if (ts_input_collect_unknown (&rin))
    *unknown = TRUE;
}

static void
read_custom (TsInput *in, gpointer data, guint *present)
{
  TsEventRecord *draft = data;
  gboolean nested_unknown = FALSE;
  gint64 v;

  read_start (in, "start", &draft->start_min, present, TS_EVENT_FIELD_START);
  if (ts_input_has (in, "capacity"))
    {
      *present |= TS_EVENT_FIELD_CAPACITY;
      /* null: none; out of range stays out of range for the service. */
      if (ts_input_int (in, "capacity", TS_OPTIONAL, G_MININT64, G_MAXINT64, &v))
        draft->capacity = v < 1 ? -1 : v > TS_EVENT_CAPACITY_MAX ? TS_EVENT_CAPACITY_MAX + 1
                                                                 : (int) v;
    }
  if (ts_input_has (in, "supporter_ids"))
    {
      *present |= TS_EVENT_FIELD_STAFF;
      draft->supporter_ids = read_ids (in, "supporter_ids", TS_OPTIONAL, TS_EVENT_STAFF_MAX);
    }
  read_repeat (in, draft, present, &nested_unknown);
  if (nested_unknown)
    {
      if (in->unknown == NULL)
        in->unknown = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (in->unknown, g_strdup ("(nested)"));
    }
}

/* ---- rendering ---------------------------------------------------------------- */

static void
render_event (gconstpointer data, JsonObject *obj)
{
  const TsEventView *view = data;
  const TsEventRecord *r = view->record;

  ts_json_set_time (obj, "start", r->start_min);
  ts_json_set_int_or_null (obj, "capacity", r->capacity > 0, r->capacity);
  if (view->staff != NULL)
    {
      JsonArray *staff = json_array_new ();
      JsonArray *ids = json_array_new ();

      for (guint i = 0; i < view->staff->len; i++)
        {
          const TsEventStaff *s = &g_array_index (view->staff, TsEventStaff, i);
          JsonObject *o = json_object_new ();

          json_object_set_int_member (o, "supporter_id", s->supporter_id);
          json_object_set_boolean_member (o, "attended", s->attended);
          json_object_set_int_member (o, "minutes", s->minutes);
          json_object_set_int_member (o, "paid_yen", s->paid_yen);
          json_array_add_object_element (staff, o);
          json_array_add_int_element (ids, s->supporter_id);
        }
      json_object_set_array_member (obj, "staff", staff);
      json_object_set_array_member (obj, "supporter_ids", ids);
      if (view->counts.recorded)
        {
          JsonObject *c = json_object_new ();

          json_object_set_int_member (c, "self", view->counts.self);
          json_object_set_int_member (c, "family", view->counts.family);
          json_object_set_int_member (c, "other", view->counts.other);
          json_object_set_object_member (obj, "counts", c);
        }
      else
        json_object_set_null_member (obj, "counts");
      json_object_set_int_member (obj, "registrations_confirmed", view->confirmed);
      json_object_set_int_member (obj, "registrations_waiting", view->waiting);
    }
  if (view->series != NULL)
    {
      JsonArray *arr = json_array_new ();

      for (guint i = 0; i < view->series->len; i++)
        {
          const TsEventRecord *e = view->series->pdata[i];
          JsonObject *o = json_object_new ();

          json_object_set_int_member (o, "id", e->id);
          ts_json_set_date_or_null (o, "date", e->date);
          json_array_add_object_element (arr, o);
        }
      json_object_set_array_member (obj, "series", arr);
    }
}

static gpointer
new_draft (void)
{
  return ts_event_record_new ();
}

static gpointer
create_event (TsService *service, TsContext *ctx, gconstpointer draft, guint present,
              GError **error)
{
  return ts_service_event_create (service, ctx, draft, present, error);
}

static const TsResourceRoutes event_routes = {
  .ops = &ts_event_ops,
  .render = render_event,
  .read_custom = read_custom,
  .draft_new = new_draft,
  .create = create_event,
};

static JsonObject *
registration_to_json (const TsEventRegistration *r)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", r->id);
  json_object_set_int_member (obj, "event_id", r->event_id);
  ts_json_set_string_or_null (obj, "nickname", r->nickname);
  ts_json_set_string_or_null (obj, "contact", r->contact);
  json_object_set_string_member (obj, "status", ts_registration_status_to_string (r->status));
  ts_json_set_timestamp (obj, "created_at", r->created_at);
  ts_json_set_timestamp (obj, "updated_at", r->updated_at);
  return obj;
}

static JsonObject *
slot_to_json (const TsEventSlot *s)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", s->id);
  json_object_set_int_member (obj, "event_id", s->event_id);
  ts_json_set_time (obj, "start", s->start_min);
  json_object_set_int_member (obj, "minutes", s->minutes);
  ts_json_set_string_or_null (obj, "staff", s->staff);
  return obj;
}

static JsonObject *
booking_to_json (const TsBookingRequest *r)
{
  JsonObject *obj = json_object_new ();
  JsonArray *prefs = json_array_new ();

  json_object_set_int_member (obj, "id", r->id);
  json_object_set_int_member (obj, "event_id", r->event_id);
  ts_json_set_string_or_null (obj, "nickname", r->nickname);
  ts_json_set_string_or_null (obj, "contact", r->contact);
  for (guint i = 0; i < r->n_preferences; i++)
    json_array_add_int_element (prefs, r->preferences[i]);
  json_object_set_array_member (obj, "preferences", prefs);
  json_object_set_string_member (obj, "status", ts_booking_status_to_string (r->status));
  ts_json_set_id_or_null (obj, "slot_id", r->slot_id);
  /* The rank of the slot placed: 1 for the 第1希望. */
  if (r->slot_id > 0)
    for (guint i = 0; i < r->n_preferences; i++)
      if (r->preferences[i] == r->slot_id)
        json_object_set_int_member (obj, "preference_rank", i + 1);
  if (r->slot_id <= 0)
    json_object_set_null_member (obj, "preference_rank");
  ts_json_set_string_or_null (obj, "reason", r->reason);
  ts_json_set_timestamp (obj, "created_at", r->created_at);
  return obj;
}

typedef JsonObject *(*ToJson) (gconstpointer row);

static JsonObject *
rows_to_json (const char *member, GPtrArray *rows, ToJson to_json)
{
  JsonObject *obj = json_object_new ();
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (arr, to_json (rows->pdata[i]));
  json_object_set_array_member (obj, member, arr);
  return obj;
}

/* The answer of a list handler: {member: [...]}, or the error when @rows
 * is NULL. */
static void
reply_rows (TsRequest *req, GPtrArray *rows, const GError *error, const char *member,
            ToJson to_json)
{
  if (rows == NULL)
    ts_request_reply_error (req, error);
  else
    ts_request_reply_object (req, SOUP_STATUS_OK, rows_to_json (member, rows, to_json));
}

/* The answer of a verb on one row (a cancellation): the row, or the error
 * when @row is NULL. */
static void
reply_row (TsRequest *req, gpointer row, const GError *error, ToJson to_json)
{
  if (row == NULL)
    ts_request_reply_error (req, error);
  else
    ts_request_reply_object (req, SOUP_STATUS_OK, to_json (row));
}

/* ---- handlers ------------------------------------------------------------------ */

static void
reply_event (TsRequest *req, guint status, TsEventView *view)
{
  ts_resource_reply_view (req, &event_routes, status, view);
}

static void
handle_cancel (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsEventView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *reason = NULL;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  reason = g_strdup (ts_input_string (&in, "reason", TS_REQUIRED, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  view = ts_service_event_cancel (req->service, req->ctx, req->params[0], reason, &error);
  if (view == NULL)
    goto fail;
  reply_event (req, SOUP_STATUS_OK, view);
  return;
fail:
  ts_request_reply_error (req, error);
}

static void
handle_attendance (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsEventView) view = NULL;
  g_autoptr(GArray) ids = NULL;
  g_auto(TsInput) in = { 0 };
  TsEventCounts counts = { TRUE, 0, 0, 0 };
  gboolean nested_unknown = FALSE;
  JsonNode *node;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  ids = read_ids (&in, "supporter_ids", TS_REQUIRED, TS_EVENT_STAFF_MAX);
  node = ts_input_member (&in, "counts", TS_REQUIRED);
  if (node != NULL)
    {
      g_auto(TsInput) cin = { 0 };
      const struct {
        const char *name;
        int        *out;
      } members[] = { { "self", &counts.self }, { "family", &counts.family },
                      { "other", &counts.other } };

      if (ts_input_init (&cin, node, in.errors, "counts"))
        {
          for (guint i = 0; i < G_N_ELEMENTS (members); i++)
            {
              gint64 v = 0;
              if (ts_input_int (&cin, members[i].name, TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
                *members[i].out = (int) v;
            }
          nested_unknown = ts_input_collect_unknown (&cin);
        }
    }
  if (!ts_input_refuse_unknown (&in, nested_unknown, &error))
    goto fail;
  if (ids == NULL)
    {
      if (!ts_field_errors_has (req->ctx->errors, "supporter_ids"))
        ts_field_errors_add (req->ctx->errors, "supporter_ids", N_("Required"));
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  view = ts_service_event_attendance (req->service, req->ctx, req->params[0], ids, &counts,
                                      &error);
  if (view == NULL)
    goto fail;
  reply_event (req, SOUP_STATUS_OK, view);
  return;
fail:
  ts_request_reply_error (req, error);
}

/* {nickname, contact?}: the strings of a registration or a request. */
static void
read_person (TsInput *in, char **nickname, char **contact)
{
  *nickname = g_strdup (ts_input_string (in, "nickname", TS_REQUIRED, TEXT_READ_MAX));
  *contact = g_strdup (ts_input_string (in, "contact", TS_OPTIONAL, TEXT_READ_MAX));
}

static void
handle_register (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsEventRegistration) r = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *nickname = NULL;
  g_autofree char *contact = NULL;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  read_person (&in, &nickname, &contact);
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  r = ts_service_registration_create (req->service, req->ctx, req->params[0], nickname, contact,
                                      &error);
  if (r == NULL)
    goto fail;
  ts_request_reply_object (req, SOUP_STATUS_CREATED, registration_to_json (r));
  return;
fail:
  ts_request_reply_error (req, error);
}

static void
handle_registration_cancel (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsEventRegistration) r = NULL;

  if (ts_request_check_query (req, NULL, &error))
    r = ts_service_registration_cancel (req->service, req->ctx, req->params[0], req->params[1],
                                        &error);
  reply_row (req, r, error, (ToJson) registration_to_json);
}

static void
handle_registrations (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (ts_request_check_query (req, NULL, &error))
    rows = ts_service_registration_list (req->service, req->ctx, req->params[0], &error);
  reply_rows (req, rows, error, "registrations", (ToJson) registration_to_json);
}

static void
handle_slot_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsEventSlot) slot = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *staff = NULL;
  int start = 0;
  gint64 minutes = 0;
  guint present = 0;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  read_start (&in, "start", &start, &present, 1);
  if (present == 0 && in.obj != NULL)
    ts_input_error (&in, "start", N_("Required"));
  ts_input_int (&in, "minutes", TS_REQUIRED, G_MININT32, G_MAXINT32, &minutes);
  staff = g_strdup (ts_input_string (&in, "staff", TS_OPTIONAL, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  slot = ts_service_slot_create (req->service, req->ctx, req->params[0], start, (int) minutes,
                                 staff, &error);
  if (slot == NULL)
    goto fail;
  ts_request_reply_object (req, SOUP_STATUS_CREATED, slot_to_json (slot));
  return;
fail:
  ts_request_reply_error (req, error);
}

static void
handle_slots (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (ts_request_check_query (req, NULL, &error))
    rows = ts_service_slot_list (req->service, req->ctx, req->params[0], &error);
  reply_rows (req, rows, error, "slots", (ToJson) slot_to_json);
}

static void
handle_booking_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsBookingRequest) r = NULL;
  g_autoptr(GArray) prefs = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *nickname = NULL;
  g_autofree char *contact = NULL;
  gint64 event_id = 0;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  ts_input_int (&in, "event_id", TS_REQUIRED, 1, G_MAXINT64, &event_id);
  prefs = read_ids (&in, "preferences", TS_REQUIRED, TS_BOOKING_PREFERENCES_MAX);
  read_person (&in, &nickname, &contact);
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  r = ts_service_booking_create (req->service, req->ctx, event_id,
                                 prefs != NULL ? (const gint64 *) prefs->data : NULL,
                                 prefs != NULL ? prefs->len : 0, nickname, contact, &error);
  if (r == NULL)
    goto fail;
  ts_request_reply_object (req, SOUP_STATUS_CREATED, booking_to_json (r));
  return;
fail:
  ts_request_reply_error (req, error);
}

static void
handle_booking_cancel (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsBookingRequest) r = NULL;

  if (ts_request_check_query (req, NULL, &error))
    r = ts_service_booking_cancel (req->service, req->ctx, req->params[0], &error);
  reply_row (req, r, error, (ToJson) booking_to_json);
}

static void
handle_bookings (TsRequest *req)
{
  static const char *const allowed[] = { "event_id", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 event_id;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  event_id = ts_request_query_id (req, "event_id");
  if (event_id <= 0 && !ts_field_errors_has (req->ctx->errors, "event_id"))
    ts_field_errors_add (req->ctx->errors, "event_id", N_("Required"));
  if (ts_field_errors_check (req->ctx->errors, &error))
    rows = ts_service_booking_list (req->service, req->ctx, event_id, &error);
fail:
  reply_rows (req, rows, error, "booking_requests", (ToJson) booking_to_json);
}

static void
handle_allocate (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *obj;
  guint placed = 0;

  if (ts_request_check_query (req, NULL, &error))
    rows = ts_service_event_allocate (req->service, req->ctx, req->params[0], &placed, &error);
  if (rows == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = rows_to_json ("booking_requests", rows, (ToJson) booking_to_json);
  json_object_set_int_member (obj, "placed", placed);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

void
ts_routes_events (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/events", TS_ROLE_STAFF, TS_ROUTE_BODY, ts_resource_handle_create,
      "createEvent", &event_routes },
    { "GET", "/v1/events", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0, ts_resource_handle_list,
      "listEvents", &event_routes },
    { "GET", "/v1/events/{id}", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0, ts_resource_handle_get,
      "getEvent", &event_routes },
    { "PATCH", "/v1/events/{id}", TS_ROLE_STAFF, TS_ROUTE_BODY, ts_resource_handle_update,
      "updateEvent", &event_routes },
    { "POST", "/v1/events/{id}/cancel", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_cancel,
      "cancelEvent", NULL },
    { "POST", "/v1/events/{id}/attendance", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_attendance,
      "recordEventAttendance", NULL },
    { "POST", "/v1/events/{id}/registrations", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_register,
      "createEventRegistration", NULL },
    { "GET", "/v1/events/{id}/registrations", TS_ROLE_STAFF, 0, handle_registrations,
      "listEventRegistrations", NULL },
    { "POST", "/v1/events/{id}/registrations/{rid}/cancel", TS_ROLE_STAFF,
      TS_ROUTE_OPTIONAL_BODY, handle_registration_cancel, "cancelEventRegistration", NULL },
    { "POST", "/v1/events/{id}/slots", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_slot_create,
      "createEventSlot", NULL },
    { "GET", "/v1/events/{id}/slots", TS_ROLE_STAFF, 0, handle_slots, "listEventSlots", NULL },
    { "POST", "/v1/events/{id}/allocate", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY, handle_allocate,
      "allocateEventSlots", NULL },
    { "POST", "/v1/booking-requests", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_booking_create,
      "createBookingRequest", NULL },
    { "GET", "/v1/booking-requests", TS_ROLE_STAFF, 0, handle_bookings, "listBookingRequests",
      NULL },
    { "POST", "/v1/booking-requests/{id}/cancel", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_booking_cancel, "cancelBookingRequest", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
