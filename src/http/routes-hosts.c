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
#include "service/hosts.h"

/* Generous type-level bounds; the service applies the real limits. */
#define TEXT_READ_MAX 10000

/* ---- rendering ------------------------------------------------------ */

static JsonArray *
weekdays_to_array (guint bits)
{
  JsonArray *arr = json_array_new ();

  for (int d = 1; d <= 7; d++)
    if (bits & TS_WEEKDAY_BIT (d))
      json_array_add_int_element (arr, d);
  return arr;
}

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
status_change_to_json (const TsHostStatusChange *c, gboolean own)
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

/* A host account reading itself sees its record without the
 * coordinators' notes (on the host, its surveys and status changes). */
static JsonObject *
host_to_json (const TsHostView *view)
{
  const TsHostRecord *r = view->record;
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", r->id);
  json_object_set_string_member (obj, "name", r->name);
  json_object_set_string_member (obj, "municipality_code", r->municipality_code);
  ts_json_set_string_or_null (obj, "municipality_name", view->municipality_name);
  ts_json_set_string_or_null (obj, "prefecture_name", view->prefecture_name);
  ts_json_set_string_or_null (obj, "industry", r->industry);
  ts_json_set_string_or_null (obj, "address", r->address);
  ts_json_set_string_or_null (obj, "contact_person", r->contact_person);
  json_object_set_int_member (obj, "capacity_per_day", r->capacity_per_day);
  json_object_set_array_member (obj, "weekdays_open", weekdays_to_array (r->weekdays_open));
  if (!view->own)
    ts_json_set_string_or_null (obj, "notes", r->notes);
  json_object_set_string_member (obj, "status", ts_host_status_to_string (r->status));
  ts_json_set_date_or_null (obj, "registered_on", r->registered_on);
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
  json_object_set_int_member (obj, "version", r->version);
  ts_json_set_timestamp (obj, "created_at", r->created_at);
  ts_json_set_timestamp (obj, "updated_at", r->updated_at);
  return obj;
}

static void
reply_view (TsRequest *req, guint status, TsHostView *view)
{
  g_autofree char *etag = ts_etag_for_version (view->record->version);

  ts_request_add_header (req, "ETag", etag);
  ts_request_reply_object (req, status, host_to_json (view));
}

/* ---- request bodies --------------------------------------------------- */

static const char *const read_only_fields[] = {
  "id", "status", "registered_on", "surveys", "status_changes", "municipality_name",
  "prefecture_name", "version", "created_at", "updated_at", NULL
};

/* A list of ISO weekdays, 1 (Monday) to 7 (Sunday), into a bitmask;
 * G_MAXUINT when it cannot be read (reported). */
static guint
read_weekdays (TsInput *in)
{
  JsonNode *node = ts_input_member (in, "weekdays_open", TS_OPTIONAL);
  JsonArray *arr;
  guint bits = 0;

  if (node == NULL)
    {
      if (ts_input_is_null (in, "weekdays_open"))
        ts_input_error (in, "weekdays_open", N_("Must be a list of weekdays (1 = Monday to 7 = Sunday)"));
      return G_MAXUINT;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 7)
    {
      ts_input_error (in, "weekdays_open", N_("Must be a list of weekdays (1 = Monday to 7 = Sunday)"));
      return G_MAXUINT;
    }
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      gint64 d;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_INT64 ||
          (d = json_node_get_int (item)) < 1 || d > 7 || (bits & TS_WEEKDAY_BIT (d)) != 0)
        {
          ts_input_error (in, "weekdays_open",
                          N_("Each weekday must be 1 (Monday) to 7 (Sunday), each at most once"));
          return G_MAXUINT;
        }
      bits |= TS_WEEKDAY_BIT (d);
    }
  return bits;
}

/* Reads a host body into @draft; @present gets a bit for every member in
 * the body (null included: on PATCH, null clears an optional member).
 * Returns FALSE only for unknown members. */
static gboolean
read_host_body (TsRequest *req, TsHostRecord *draft, guint *present, GError **error)
{
  g_auto(TsInput) in = { 0 };
  gint64 v;

  *present = 0;
  if (!ts_input_init (&in, req->body, req->ctx->errors, NULL))
    return ts_field_errors_check (req->ctx->errors, error);

#define READ_TEXT(name, member, bit, max)                                      \
  if (ts_input_has (&in, name))                                                \
    *present |= (bit);                                                         \
  draft->member = g_strdup (ts_input_string (&in, name, TS_OPTIONAL, max))

  READ_TEXT ("name", name, TS_HOST_FIELD_NAME, TEXT_READ_MAX);
  READ_TEXT ("municipality_code", municipality_code, TS_HOST_FIELD_MUNICIPALITY, 64);
  READ_TEXT ("industry", industry, TS_HOST_FIELD_INDUSTRY, TEXT_READ_MAX);
  READ_TEXT ("address", address, TS_HOST_FIELD_ADDRESS, TEXT_READ_MAX);
  READ_TEXT ("contact_person", contact_person, TS_HOST_FIELD_CONTACT_PERSON, TEXT_READ_MAX);
  READ_TEXT ("notes", notes, TS_HOST_FIELD_NOTES, TEXT_READ_MAX);
#undef READ_TEXT

  if (ts_input_has (&in, "capacity_per_day"))
    {
      *present |= TS_HOST_FIELD_CAPACITY;
      draft->capacity_per_day = -1;
      if (ts_input_is_null (&in, "capacity_per_day"))
        ts_input_error (&in, "capacity_per_day", N_("Must be from 1 to 100"));
      if (ts_input_int (&in, "capacity_per_day", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
        draft->capacity_per_day = v == -1 ? 0 : (int) v;
    }
  if (ts_input_has (&in, "weekdays_open"))
    {
      *present |= TS_HOST_FIELD_WEEKDAYS_OPEN;
      draft->weekdays_open = read_weekdays (&in);
    }

  for (guint i = 0; read_only_fields[i] != NULL; i++)
    if (ts_input_has (&in, read_only_fields[i]))
      {
        ts_input_member (&in, read_only_fields[i], TS_OPTIONAL);
        ts_input_error (&in, read_only_fields[i],
                        g_str_equal (read_only_fields[i], "status")
                          ? N_("Read-only: use /survey, /suspend, /reinstate or /retire")
                          : N_("Read-only"));
      }
  return ts_input_refuse_unknown (&in, FALSE, error);
}

/* ---- handlers ---------------------------------------------------------- */

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostRecord) draft = ts_host_record_new ();
  g_autoptr(TsHostView) view = NULL;
  g_autofree char *location = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !read_host_body (req, draft, &present, &error) ||
      (view = ts_service_host_create (req->service, req->ctx, draft, present, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  location = g_strdup_printf ("/v1/hosts/%" G_GINT64_FORMAT, view->record->id);
  ts_request_add_header (req, "Location", location);
  reply_view (req, SOUP_STATUS_CREATED, view);
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = {
    "status", "municipality_code", "limit", "cursor", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostPage) page = NULL;
  g_autoptr(JsonObject) obj = NULL;
  TsHostQuery query = { 0 };
  const char *text;
  JsonArray *items;

  if (!ts_request_check_query (req, allowed, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  if ((text = ts_request_query (req, "status")) != NULL)
    {
      query.has_status = ts_host_status_from_string (text, &query.status);
      if (!query.has_status)
        ts_field_errors_add (req->ctx->errors, "status",
                             N_("Must be one of applied, surveyed, registered, rejected, suspended, retired"));
    }
  query.municipality_code = ts_request_query (req, "municipality_code");
  query.limit = ts_request_query_limit (req, TS_HOST_LIST_DEFAULT, TS_HOST_LIST_MAX);
  ts_request_query_cursor (req, 'h', &query.after_id);

  page = ts_service_host_list (req->service, req->ctx, &query, &error);
  if (page == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < page->items->len; i++)
    json_array_add_object_element (items, host_to_json (page->items->pdata[i]));
  json_object_set_array_member (obj, "hosts", items);
  ts_json_set_cursor (obj, 'h', page->next_after_id);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

static void
handle_get (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostView) view = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      (view = ts_service_host_get (req->service, req->ctx, req->params[0], &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  reply_view (req, SOUP_STATUS_OK, view);
}

static void
handle_update (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostRecord) draft = ts_host_record_new ();
  g_autoptr(TsHostView) view = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !read_host_body (req, draft, &present, &error) ||
      (view = ts_service_host_update (req->service, req->ctx, req->params[0], draft, present,
                                      (const gint64 *) if_match->data, if_match->len,
                                      &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  reply_view (req, SOUP_STATUS_OK, view);
}

static void
handle_survey (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *result = NULL;
  g_autofree char *notes = NULL;
  TsHostSurveyInput input = { 0 };

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
    {
      input.surveyed_on = ts_input_date (&in, "surveyed_on", TS_REQUIRED);
      result = g_strdup (ts_input_string (&in, "result", TS_REQUIRED, 64));
      input.result = result;
      notes = g_strdup (ts_input_string (&in, "notes", TS_OPTIONAL, TEXT_READ_MAX));
      input.notes = notes;
      if (!ts_input_refuse_unknown (&in, FALSE, &error))
        goto fail;
    }
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
  g_autofree char *reason = NULL;

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (req->body != NULL)
    {
      g_auto(TsInput) in = { 0 };
      if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
        {
          reason = g_strdup (ts_input_string (&in, "reason", TS_OPTIONAL, TEXT_READ_MAX));
          if (!ts_input_refuse_unknown (&in, FALSE, &error))
            goto fail;
        }
    }
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
  const char *text;
  int year = 0, month = 0;
  char buf[8];

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if ((text = ts_request_query (req, "month")) != NULL)
    {
      if (!ts_month_parse (text, &year, &month))
        ts_field_errors_add (req->ctx->errors, "month", N_("Must be a month (YYYY-MM)"));
    }
  else
    ts_date_get_ymd (ts_date_today (), &year, &month, NULL);
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
  json_object_set_array_member (obj, "weekdays_open", weekdays_to_array (calendar->weekdays_open));
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
    { "POST", "/v1/hosts", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_create, "createHost" },
    { "GET", "/v1/hosts", TS_ROLE_STAFF | TS_ROLE_HOST, 0, handle_list, "listHosts" },
    { "GET", "/v1/hosts/{id}", TS_ROLE_STAFF | TS_ROLE_HOST, 0, handle_get, "getHost" },
    { "PATCH", "/v1/hosts/{id}", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_update, "updateHost" },
    { "POST", "/v1/hosts/{id}/survey", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_survey,
      "surveyHost" },
    { "POST", "/v1/hosts/{id}/suspend", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY, handle_suspend,
      "suspendHost" },
    { "POST", "/v1/hosts/{id}/reinstate", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_reinstate, "reinstateHost" },
    { "POST", "/v1/hosts/{id}/retire", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY, handle_retire,
      "retireHost" },
    { "GET", "/v1/hosts/{id}/calendar", TS_ROLE_STAFF | TS_ROLE_HOST | TS_ROLE_AUDITOR, 0,
      handle_calendar, "getHostCalendar" },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
