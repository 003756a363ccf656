/*
 * /v1/hosts: the 職親 host registry (SPEC 2.3, 3.2; issue 6).
 *
 * Handlers read types, the service checks the rules; both add to the same
 * field-error list.  The ETag of a host is its version ("v3"); PATCH honours
 * If-Match with it.  `weekdays_open` is a list of ISO weekdays (1 = Monday),
 * stored as a bitmask.
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/hosts.h"

/* Generous type-level bounds; the service applies the real limits. */
#define TEXT_READ_MAX 10000

/* ---- rendering ------------------------------------------------------ */

static JsonObject *
survey_to_json (const TsHostSurvey *s, gboolean own)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", s->id);
  ts_json_set_date_or_null (obj, "surveyed_on", s->surveyed_on);
  json_object_set_string_member (obj, "result", s->approved ? "approved" : "rejected");
  if (!own)
    {
      ts_json_set_string_or_null (obj, "notes", s->notes);
      ts_json_set_id_or_null (obj, "recorded_by", s->user_id);
    }
  ts_json_set_timestamp (obj, "recorded_at", s->created_at);
  return obj;
}

static JsonObject *
status_change_to_json (const TsStatusChange *c, gboolean own)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "from", ts_host_status_to_string (c->from_status));
  json_object_set_string_member (obj, "to", ts_host_status_to_string (c->to_status));
  ts_json_set_date_or_null (obj, "changed_on", c->changed_on);
  if (!own)
    {
      ts_json_set_string_or_null (obj, "reason", c->reason);
      ts_json_set_id_or_null (obj, "changed_by", c->user_id);
    }
  ts_json_set_timestamp (obj, "at", c->at);
  return obj;
}

/* What a host's view adds to its record: the place's names, and in a
 * single record its surveys and status history.  A host account reading
 * itself sees them without the coordinators' notes. */
static void
render_host (gconstpointer data, JsonObject *obj)
{
  const TsHostView *view = data;

  ts_json_set_string_or_null (obj, "municipality_name", view->municipality_name);
  ts_json_set_string_or_null (obj, "prefecture_name", view->prefecture_name);
  if (view->surveys != NULL)
    {
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < view->surveys->len; i++)
        json_array_add_object_element (arr, survey_to_json (view->surveys->pdata[i], view->own));
      json_object_set_array_member (obj, "surveys", arr);
    }
  if (view->status_changes != NULL)
    {
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < view->status_changes->len; i++)
        json_array_add_object_element (arr, status_change_to_json (view->status_changes->pdata[i],
                                                                   view->own));
      json_object_set_array_member (obj, "status_changes", arr);
    }
}

static gboolean
is_own (gconstpointer view)
{
  return ((const TsHostView *) view)->own;
}

static gpointer
new_draft (void)
{
  return ts_host_record_new ();
}

static gpointer
create_host (TsService *service, TsContext *ctx, gconstpointer draft, guint present,
             GError **error)
{
  return ts_service_host_create (service, ctx, draft, present, error);
}

static const TsResourceRoutes host_routes = {
  .ops = &ts_host_ops,
  .render = render_host,
  .is_own = is_own,
  .draft_new = new_draft,
  .create = create_host,
};

static void
reply_view (TsRequest *req, guint status, TsHostView *view)
{
  ts_resource_reply_view (req, &host_routes, status, view);
}

/* ---- handlers ---------------------------------------------------------- */

static void
handle_survey (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *result = NULL;
  g_autofree char *notes = NULL;
  TsHostSurveyInput input = { 0 };

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  input.surveyed_on = ts_input_date (&in, "surveyed_on", TS_REQUIRED);
  result = g_strdup (ts_input_string (&in, "result", TS_REQUIRED, 64));
  input.result = result;
  notes = g_strdup (ts_input_string (&in, "notes", TS_OPTIONAL, TEXT_READ_MAX));
  input.notes = notes;
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  view = ts_service_host_survey (req->service, req->ctx, req->params[0], &input, &error);
  if (view == NULL)
    goto fail;
  reply_view (req, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* Suspend, reinstate and retire share an optional body {reason?}. */
static void
handle_status (TsRequest *req, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *reason = NULL;

  if (!ts_request_open_optional_body (req, &in, &error))
    goto fail;
  reason = g_strdup (ts_input_string (&in, "reason", TS_OPTIONAL, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  view = ts_service_host_set_status (req->service, req->ctx, req->params[0], action, reason,
                                     &error);
  if (view == NULL)
    goto fail;
  reply_view (req, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_suspend (TsRequest *req)
{
  handle_status (req, "suspend");
}

static void
handle_reinstate (TsRequest *req)
{
  handle_status (req, "reinstate");
}

static void
handle_retire (TsRequest *req)
{
  handle_status (req, "retire");
}

/* Participants per day against capacity for one month (default: this
 * month in Asia/Tokyo). */
static void
handle_calendar (TsRequest *req)
{
  static const char *const allowed[] = { "month", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostCalendar) calendar = NULL;
  JsonObject *obj;
  JsonArray *days;
  int year = 0, month = 0;
  char buf[8];

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  ts_request_query_month (req, "month", &year, &month);
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  calendar = ts_service_host_calendar (req->service, req->ctx, req->params[0], year, month,
                                       &error);
  if (calendar == NULL)
    goto fail;

  obj = json_object_new ();
  json_object_set_int_member (obj, "host_id", calendar->host_id);
  g_snprintf (buf, sizeof buf, "%04d-%02d", calendar->year, calendar->month);
  json_object_set_string_member (obj, "month", buf);
  json_object_set_int_member (obj, "capacity_per_day", calendar->capacity_per_day);
  json_object_set_array_member (obj, "weekdays_open", ts_json_weekdays (calendar->weekdays_open));
  days = json_array_new ();
  for (guint i = 0; i < calendar->days->len; i++)
    {
      const TsHostCalendarDay *d = &g_array_index (calendar->days, TsHostCalendarDay, i);
      JsonObject *day = json_object_new ();
      gint64 available = (gint64) calendar->capacity_per_day - (gint64) d->scheduled;

      ts_json_set_date_or_null (day, "date", d->date);
      json_object_set_int_member (day, "weekday", ts_date_get_weekday (d->date));
      json_object_set_boolean_member (day, "open", d->open);
      ts_json_set_string_or_null (day, "holiday", d->holiday_name);
      json_object_set_int_member (day, "participants", d->scheduled);
      json_object_set_int_member (day, "attended", d->attended);
      json_object_set_int_member (day, "capacity", calendar->capacity_per_day);
      json_object_set_int_member (day, "available", MAX (available, 0));
      json_array_add_object_element (days, day);
    }
  json_object_set_array_member (obj, "days", days);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_hosts (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/hosts", TS_ROLE_STAFF, TS_ROUTE_BODY, ts_resource_handle_create, "createHost",
      &host_routes },
    { "GET", "/v1/hosts", TS_ROLE_STAFF | TS_ROLE_HOST, 0, ts_resource_handle_list, "listHosts", &host_routes },
    { "GET", "/v1/hosts/{id}", TS_ROLE_STAFF | TS_ROLE_HOST, 0, ts_resource_handle_get, "getHost", &host_routes },
    { "PATCH", "/v1/hosts/{id}", TS_ROLE_STAFF, TS_ROUTE_BODY, ts_resource_handle_update, "updateHost",
      &host_routes },
    { "POST", "/v1/hosts/{id}/survey", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_survey,
      "surveyHost", NULL },
    { "POST", "/v1/hosts/{id}/suspend", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY, handle_suspend,
      "suspendHost", NULL },
    { "POST", "/v1/hosts/{id}/reinstate", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_reinstate, "reinstateHost", NULL },
    { "POST", "/v1/hosts/{id}/retire", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY, handle_retire,
      "retireHost", NULL },
    { "GET", "/v1/hosts/{id}/calendar", TS_ROLE_STAFF | TS_ROLE_HOST | TS_ROLE_AUDITOR, 0,
      handle_calendar, "getHostCalendar", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
