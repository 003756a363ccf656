/*
 * /v1/placements and /v1/cases/{id}/placement-summary: 職親 work-experience
 * placements (SPEC 2.3, 3.2; issue 6).
 *
 * A host account gets the same resources with the participant reduced to
 * the nickname (no case id, no days used elsewhere).  Cancelling is DELETE
 * on a placement's days, for a range of future dates.
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/placements.h"

/* Far above any configured cap; the service reports the real limit. */
#define DAYS_READ_MAX 10000

/* ---- rendering ------------------------------------------------------ */

static JsonArray *
dates_to_array (const GArray *dates)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      char buf[11];
      ts_date_format (g_array_index (dates, TsDate, i), buf);
      json_array_add_string_element (arr, buf);
    }
  return arr;
}

static void
set_attended (JsonObject *obj, const char *name, int attended)
{
  if (attended < 0)
    json_object_set_null_member (obj, name);
  else
    json_object_set_boolean_member (obj, name, attended == 1);
}

static JsonObject *
day_to_json (const TsPlacementDay *d)
{
  JsonObject *obj = json_object_new ();

  ts_json_set_date_or_null (obj, "date", d->date);
  json_object_set_string_member (obj, "status", d->cancelled_at != 0 ? "cancelled" : "scheduled");
  set_attended (obj, "attended", d->attended);
  ts_json_set_timestamp (obj, "recorded_at", d->recorded_at);
  ts_json_set_timestamp (obj, "cancelled_at", d->cancelled_at);
  return obj;
}

/* Warnings: [{date, kind, name?, message}]; `message` says it in the
 * request's language (the thread's, http/server.c), the date as the page
 * of that language shows it. */
static JsonArray *
warnings_to_array (const GArray *list)
{
  JsonArray *warnings = json_array_new ();

  for (guint i = 0; i < list->len; i++)
    {
      const TsPlacementWarning *w = &g_array_index (list, TsPlacementWarning, i);
      JsonObject *item = json_object_new ();
      g_autofree char *date = ts_placement_date_text (ts_i18n_get_thread_language (), w->date);
      g_autofree char *message = NULL;

      ts_json_set_date_or_null (item, "date", w->date);
      json_object_set_string_member (item, "kind", ts_placement_warning_kind_to_string (w->kind));
      if (w->holiday_name != NULL)
        json_object_set_string_member (item, "name", w->holiday_name);
      if (w->kind == TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY)
        message = g_strdup_printf (_("%s is a public holiday (%s)"), date, w->holiday_name);
      else
        message = g_strdup_printf (_("%s is a day the host is closed"), date);
      json_object_set_string_member (item, "message", message);
      json_array_add_object_element (warnings, item);
    }
  return warnings;
}

/* What a placement's view adds to its record: the participant (to a host,
 * the nickname and nothing else) and the pre-interview as objects, the
 * participant's days used and remaining (staff), and in a single
 * placement its days and, on creation, its warnings. */
static void
render_placement (gconstpointer data, JsonObject *obj)
{
  const TsPlacementView *view = data;
  const TsPlacementRecord *r = view->record;
  JsonObject *participant = json_object_new ();
  JsonObject *pre = json_object_new ();
  JsonArray *attendees = json_array_new ();

  json_object_set_string_member (participant, "nickname", r->case_nickname);
  json_object_set_object_member (obj, "participant", participant);
  /* held_on where it always was; planned_on while it is still to come. */
  ts_json_set_date_or_null (pre, "held_on", r->pre_interview_held_on);
  ts_json_set_date_or_null (pre, "planned_on", r->pre_interview_planned_on);
  for (guint i = 0; r->pre_interview_attendees[i] != NULL; i++)
    json_array_add_string_element (attendees, r->pre_interview_attendees[i]);
  json_object_set_array_member (pre, "attendees", attendees);
  json_object_set_boolean_member (pre, "held", ts_pre_interview_is_held (r->pre_interview_held_on));
  json_object_set_object_member (obj, "pre_interview", pre);
  if (view->has_participant_days && !view->for_host)
    {
      json_object_set_int_member (obj, "participant_days_used", view->participant_days_used);
      json_object_set_int_member (obj, "participant_days_remaining",
                                  view->participant_days_remaining);
    }
  if (view->days != NULL)
    {
      JsonArray *days = json_array_new ();
      for (guint i = 0; i < view->days->len; i++)
        json_array_add_object_element (days, day_to_json (&g_array_index (view->days,
                                                                          TsPlacementDay, i)));
      json_object_set_array_member (obj, "days", days);
    }
  if (view->warnings != NULL)
    json_object_set_array_member (obj, "warnings", warnings_to_array (view->warnings));
}

static gboolean
is_own (gconstpointer view)
{
  return ((const TsPlacementView *) view)->for_host;
}

static const TsResourceRoutes placement_routes = {
  .ops = &ts_placement_ops,
  .render = render_placement,
  .is_own = is_own,
};

/* ---- POST /v1/placements ---------------------------------------------- */

typedef struct {
  GArray    *days;                  /* TsDate; TS_DATE_NONE for a bad entry */
  GPtrArray *attendees;             /* char*, as given (the domain judges them) */
} PlacementBody;

static void
placement_body_clear (PlacementBody *b)
{
  g_clear_pointer (&b->days, g_array_unref);
  g_clear_pointer (&b->attendees, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlacementBody, placement_body_clear)

/* Days as given: a bad entry stays in the list as TS_DATE_NONE so that the
 * domain reports it, and its text goes to the problem's `invalid_days`. */
static void
read_days (TsRequest *req, TsInput *in, TsPlacementInput *input, PlacementBody *body)
{
  JsonNode *node = ts_input_member (in, "days", TS_REQUIRED);
  JsonArray *arr;
  JsonArray *invalid;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_input_error (in, "days", N_("Must be a list of dates (YYYY-MM-DD)"));
      return;
    }
  arr = json_node_get_array (node);
  if (json_array_get_length (arr) > DAYS_READ_MAX)
    {
      ts_input_error (in, "days", N_("Too many days for one placement request"));
      return;
    }
  invalid = json_array_new ();
  body->days = g_array_sized_new (FALSE, FALSE, sizeof (TsDate), json_array_get_length (arr));
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      TsDate date = TS_DATE_NONE;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          !ts_date_parse (json_node_get_string (item), &date))
        {
          date = TS_DATE_NONE;
          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            json_array_add_string_element (invalid, json_node_get_string (item));
          else
            json_array_add_element (invalid, json_node_copy (item));
        }
      g_array_append_val (body->days, date);
    }
  if (json_array_get_length (invalid) > 0)
    ts_context_add_extra (req->ctx, "invalid_days",
                          json_node_init_array (json_node_alloc (), invalid));
  json_array_unref (invalid);
  input->days = (const TsDate *) body->days->data;
  input->n_days = body->days->len;
  input->has_days = TRUE;
}

/* attendees: read as strings, duplicates and unknown values included: the
 * domain names what is wrong.  Sets *out_attendees (NULL-terminated, in
 * @store) and *out_n when the member is a list of strings. */
static void
read_attendees (TsInput *in, GPtrArray **store, const char *const **out_attendees,
                gsize *out_n)
{
  JsonNode *attendees = ts_input_member (in, "attendees", TS_OPTIONAL);
  JsonArray *arr;
  gboolean ok;

  if (attendees == NULL)
    return;
  arr = JSON_NODE_HOLDS_ARRAY (attendees) ? json_node_get_array (attendees) : NULL;
  ok = arr != NULL && json_array_get_length (arr) <= 64;
  *store = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ok && i < json_array_get_length (arr); i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      ok = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING;
      if (ok)
        g_ptr_array_add (*store, g_strdup (json_node_get_string (item)));
    }
  if (!ok)
    {
      ts_input_error (in, "attendees",
                      N_("Must be a list of participant, family, host, coordinator"));
      g_ptr_array_set_size (*store, 0);
      return;
    }
  *out_n = (*store)->len;
  g_ptr_array_add (*store, NULL);
  *out_attendees = (const char *const *) (*store)->pdata;
}

/* pre_interview: {held_on, attendees} for one that took place, or
 * {planned_on, attendees?} for one still to come (issue 11). */
static void
read_pre_interview (TsInput *in, TsPlacementInput *input, PlacementBody *body,
                    gboolean *nested_unknown)
{
  JsonNode *node = ts_input_member (in, "pre_interview", TS_OPTIONAL);
  g_auto(TsInput) pin = { 0 };

  if (node == NULL)
    return;
  if (!ts_input_init (&pin, node, in->errors, "pre_interview"))
    return;
  input->has_held_on = ts_input_member (&pin, "held_on", TS_OPTIONAL) != NULL;
  input->has_planned_on = ts_input_member (&pin, "planned_on", TS_OPTIONAL) != NULL;
  input->held_on = ts_input_date (&pin, "held_on", TS_OPTIONAL);
  input->planned_on = ts_input_date (&pin, "planned_on", TS_OPTIONAL);
  read_attendees (&pin, &body->attendees, &input->attendees, &input->n_attendees);
  if (ts_input_collect_unknown (&pin))
    *nested_unknown = TRUE;
}

/* The body of a create or a check into @input (its lists kept in @body);
 * FALSE with @error for unknown members. */
static gboolean
read_placement (TsRequest *req, TsInput *in, TsPlacementInput *input, PlacementBody *body,
                GError **error)
{
  gboolean nested_unknown = FALSE;
  gint64 v;

  input->hours_per_day = -1;
  if (!ts_input_init (in, req->body, req->ctx->errors, NULL))
    return TRUE;
  ts_input_int (in, "case_id", TS_REQUIRED, 1, G_MAXINT64, &input->case_id);
  ts_input_int (in, "host_id", TS_REQUIRED, 1, G_MAXINT64, &input->host_id);
  read_days (req, in, input, body);
  if (ts_input_int (in, "hours_per_day", TS_REQUIRED, G_MININT32, G_MAXINT32, &v))
    input->hours_per_day = v == -1 ? 0 : v;
  read_pre_interview (in, input, body, &nested_unknown);
  return ts_input_refuse_unknown (in, nested_unknown, error);
}

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlacementView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_auto(PlacementBody) body = { NULL, NULL };
  g_autofree char *location = NULL;
  TsPlacementInput input = { 0 };

  if (!ts_request_check_query (req, NULL, &error) ||
      !read_placement (req, &in, &input, &body, &error))
    goto fail;
  view = ts_service_placement_create (req->service, req->ctx, &input, &error);
  if (view == NULL)
    goto fail;
  location = g_strdup_printf ("/v1/placements/%" G_GINT64_FORMAT, view->record->id);
  ts_request_add_header (req, "Location", location);
  ts_resource_reply_view (req, &placement_routes, SOUP_STATUS_CREATED, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- POST /v1/placements/check ---------------------------------------- */

/* The create's body, checked by the same rules, nothing written: 200 with
 * what the placement would be, or the create's very refusal (issue 14). */
static void
handle_check (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlacementCheck) check = NULL;
  g_auto(TsInput) in = { 0 };
  g_auto(PlacementBody) body = { NULL, NULL };
  TsPlacementInput input = { 0 };
  JsonObject *obj;

  if (!ts_request_check_query (req, NULL, &error) ||
      !read_placement (req, &in, &input, &body, &error))
    goto fail;
  check = ts_service_placement_check (req->service, req->ctx, &input, &error);
  if (check == NULL)
    goto fail;
  obj = json_object_new ();
  json_object_set_int_member (obj, "case_id", check->case_id);
  json_object_set_int_member (obj, "host_id", check->host_id);
  json_object_set_string_member (obj, "kind", ts_placement_kind_to_string (check->kind));
  json_object_set_int_member (obj, "hours_per_day", check->hours_per_day);
  ts_json_set_date_or_null (obj, "first_day", check->first_day);
  ts_json_set_date_or_null (obj, "last_day", check->last_day);
  json_object_set_int_member (obj, "days_count", check->days->len);
  json_object_set_array_member (obj, "days", dates_to_array (check->days));
  json_object_set_int_member (obj, "participant_days_used", check->participant_days_used);
  json_object_set_int_member (obj, "participant_days_remaining",
                              check->participant_days_remaining);
  json_object_set_array_member (obj, "warnings", warnings_to_array (check->warnings));
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- POST /v1/placements/{id}/pre-interview ------------------------------ */

/* {held_on, attendees}: the planned interview took place (issue 11). */
static void
handle_pre_interview (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlacementView) view = NULL;
  g_autoptr(GPtrArray) store = NULL;
  g_auto(TsInput) in = { 0 };
  TsPreInterviewInput input = { TS_DATE_NONE, NULL, 0 };

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  input.held_on = ts_input_date (&in, "held_on", TS_OPTIONAL);
  read_attendees (&in, &store, &input.attendees, &input.n_attendees);
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  view = ts_service_placement_record_pre_interview (req->service, req->ctx, req->params[0],
                                                    &input, &error);
  if (view == NULL)
    goto fail;
  ts_resource_reply_view (req, &placement_routes, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- DELETE /v1/placements/{id}/days ------------------------------------ */

/* ?date=D cancels one day, ?from=D&to=D a range, nothing every future day. */
static void
handle_cancel (TsRequest *req)
{
  static const char *const allowed[] = { "date", "from", "to", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlacementView) view = NULL;
  g_autoptr(GArray) cancelled = NULL;
  g_autofree char *etag = NULL;
  TsDate from, to, date;
  JsonObject *obj;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  date = ts_request_query_date (req, "date");
  from = ts_request_query_date (req, "from");
  to = ts_request_query_date (req, "to");
  if (ts_request_query (req, "date") != NULL &&
      (ts_request_query (req, "from") != NULL || ts_request_query (req, "to") != NULL))
    ts_field_errors_add (req->ctx->errors, "date", N_("Use either date or from and to"));
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  if (date != TS_DATE_NONE)
    from = to = date;
  view = ts_service_placement_cancel_days (req->service, req->ctx, req->params[0], from, to,
                                           &cancelled, &error);
  if (view == NULL)
    goto fail;
  obj = ts_resource_to_json (&placement_routes, view);
  json_object_set_array_member (obj, "cancelled_days", dates_to_array (cancelled));
  etag = ts_etag_for_version (view->record->version);
  ts_request_add_header (req, "ETag", etag);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- POST /v1/placements/{id}/attendance -------------------------------- */

static void
handle_attendance (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsInput) in = { 0 };
  TsAttendanceResult result;
  TsDate date = TS_DATE_NONE;
  int attended = -1;
  JsonObject *obj;
  char buf[11];
  gboolean b;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  date = ts_input_date (&in, "date", TS_REQUIRED);
  if (ts_input_bool (&in, "attended", TS_REQUIRED, &b))
    attended = b ? 1 : 0;
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  if (!ts_service_placement_attendance (req->service, req->ctx, req->params[0], date, attended,
                                        &result, &error))
    goto fail;

  obj = json_object_new ();
  json_object_set_int_member (obj, "placement_id", req->params[0]);
  ts_date_format (result.date, buf);
  json_object_set_string_member (obj, "date", buf);
  set_attended (obj, "attended", result.attended);
  set_attended (obj, "previous", result.previous);
  ts_json_set_timestamp (obj, "recorded_at", result.recorded_at);
  json_object_set_int_member (obj, "stipend_yen", result.attended == 1 ? result.stipend_yen : 0);
  if (result.ledger_delta_yen != 0)
    {
      JsonObject *ledger = json_object_new ();
      json_object_set_string_member (ledger, "kind", result.adjustment ? "adjustment"
                                                                       : "host_stipend");
      json_object_set_int_member (ledger, "amount_yen", result.ledger_delta_yen);
      json_object_set_object_member (obj, "ledger", ledger);
    }
  else
    json_object_set_null_member (obj, "ledger");
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- GET /v1/cases/{id}/placement-summary -------------------------------- */

static JsonObject *
by_kind_json (guint short_days, guint regular_days)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "short", short_days);
  json_object_set_int_member (obj, "regular", regular_days);
  return obj;
}

static void
handle_summary (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlacementSummary) s = NULL;
  JsonObject *obj;
  JsonArray *hosts, *placements;

  if (!ts_request_check_query (req, NULL, &error) ||
      (s = ts_service_placement_summary (req->service, req->ctx, req->params[0], &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  json_object_set_int_member (obj, "case_id", s->case_id);
  json_object_set_int_member (obj, "cap_days", s->cap_days);
  json_object_set_int_member (obj, "days_used", s->days_used);
  json_object_set_int_member (obj, "days_remaining", s->days_remaining);
  json_object_set_int_member (obj, "days_attended", s->days_attended);
  json_object_set_object_member (obj, "by_kind", by_kind_json (s->short_days, s->regular_days));
  hosts = json_array_new ();
  for (guint i = 0; i < s->by_host->len; i++)
    {
      const TsPlacementHostSummary *h = &g_array_index (s->by_host, TsPlacementHostSummary, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "host_id", h->host_id);
      json_object_set_string_member (item, "host_name", h->host_name);
      json_object_set_int_member (item, "days_used", h->days_used);
      json_object_set_int_member (item, "days_attended", h->days_attended);
      json_object_set_object_member (item, "by_kind", by_kind_json (h->short_days, h->regular_days));
      json_array_add_object_element (hosts, item);
    }
  json_object_set_array_member (obj, "by_host", hosts);
  placements = json_array_new ();
  for (guint i = 0; i < s->placements->len; i++)
    {
      const TsPlacementRecord *p = s->placements->pdata[i];
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", p->id);
      json_object_set_int_member (item, "host_id", p->host_id);
      json_object_set_string_member (item, "host_name", p->host_name);
      json_object_set_string_member (item, "kind", p->kind);
      json_object_set_int_member (item, "hours_per_day", p->hours_per_day);
      ts_json_set_date_or_null (item, "first_day", p->first_day);
      ts_json_set_date_or_null (item, "last_day", p->last_day);
      json_object_set_int_member (item, "days_count", p->days_scheduled);
      json_object_set_int_member (item, "days_cancelled", p->days_cancelled);
      json_object_set_int_member (item, "days_attended", p->days_attended);
      json_array_add_object_element (placements, item);
    }
  json_object_set_array_member (obj, "placements", placements);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

void
ts_routes_placements (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/placements", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_create,
      "createPlacement", NULL },
    { "POST", "/v1/placements/check", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_check,
      "checkPlacement", NULL },
    { "GET", "/v1/placements", TS_ROLE_STAFF | TS_ROLE_HOST, 0, ts_resource_handle_list,
      "listPlacements", &placement_routes },
    { "GET", "/v1/placements/{id}", TS_ROLE_STAFF | TS_ROLE_HOST, 0, ts_resource_handle_get,
      "getPlacement", &placement_routes },
    { "DELETE", "/v1/placements/{id}/days", TS_ROLE_STAFF, 0, handle_cancel,
      "cancelPlacementDays", NULL },
    { "POST", "/v1/placements/{id}/attendance", TS_ROLE_STAFF | TS_ROLE_HOST, TS_ROUTE_BODY,
      handle_attendance, "recordPlacementAttendance", NULL },
    { "POST", "/v1/placements/{id}/pre-interview", TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_pre_interview, "recordPlacementPreInterview", NULL },
    { "GET", "/v1/cases/{id}/placement-summary", TS_ROLE_STAFF, 0, handle_summary,
      "getCasePlacementSummary", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
