/*
 * /v1/visits: planned visits; /v1/assignments/{id}/visit-proposals; and
 * calendar feeds: /v1/calendar-feeds and the feed itself at
 * /calendar/{token}.ics (SPEC 2.9, 3.3 Visits and Calendar; issue 17).
 *
 * A visit's ETag is its version ("v3"); PATCH honours If-Match with it.
 * The feed's URL carries its secret: no bearer token, and an unknown or
 * revoked one is 404 like any missing page.
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/calendar.h"
#include "service/programmes.h"
#include "service/visits.h"

#define TEXT_READ_MAX 10000
#define FEED_SUFFIX ".ics"

/* ---- visits ------------------------------------------------------------- */

static void
render_visit (gconstpointer data, JsonObject *obj)
{
  const TsVisitRecord *r = ((const TsVisitView *) data)->record;

  ts_json_set_time (obj, "start", r->start_min);
  ts_json_set_time (obj, "end", (r->start_min + r->minutes) % (24 * 60));
}

/* "start" of a body: a time of day; null is as if it were not there. */
static void
read_start (TsInput *in, gpointer draft, guint *present)
{
  if (ts_input_time (in, "start", &((TsVisitRecord *) draft)->start_min))
    *present |= TS_VISIT_FIELD_START;
}

static gpointer
new_draft (void)
{
  return ts_visit_record_new ();
}

static gpointer
create_visit (TsService *service, TsContext *ctx, gconstpointer draft, guint present,
              GError **error)
{
  return ts_service_visit_create (service, ctx, draft, present, error);
}

static const TsResourceRoutes visit_routes = {
  .ops = &ts_visit_ops,
  .render = render_visit,
  .read_custom = read_start,
  .draft_new = new_draft,
  .create = create_visit,
};

static void
handle_update (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsVisitRecord) draft = ts_visit_record_new ();
  g_autoptr(TsVisitView) view = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &visit_routes, draft, &present, &error) ||
      (view = ts_service_visit_update (req->service, req->ctx, req->params[0], draft, present,
                                       (const gint64 *) (gpointer) if_match->data, if_match->len,
                                       &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_resource_reply_view (req, &visit_routes, SOUP_STATUS_OK, view);
}

/* No body, or an empty object. */
static void
handle_cancel (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsVisitView) view = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_request_check_empty_body (req, &error))
    goto fail;
  view = ts_service_visit_cancel (req->service, req->ctx, req->params[0], &error);
  if (view == NULL)
    goto fail;
  ts_resource_reply_view (req, &visit_routes, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ?from=DATE (default today) &minutes=N (default 60). */
static void
handle_proposals (TsRequest *req)
{
  static const char *const allowed[] = { "from", "minutes", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slots = NULL;
  const char *text;
  TsDate from;
  guint64 minutes = 60;
  JsonObject *obj;
  JsonArray *arr;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  from = ts_request_query_date (req, "from");
  if ((text = ts_request_query (req, "minutes")) != NULL &&
      !g_ascii_string_to_unsigned (text, 10, TS_VISIT_MINUTES_MIN, TS_VISIT_MINUTES_MAX,
                                   &minutes, NULL))
    ts_field_errors_add (req->ctx->errors, "minutes",
                         ts_range_message (TS_VISIT_MINUTES_MIN, TS_VISIT_MINUTES_MAX));
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  slots = ts_service_visit_proposals (req->service, req->ctx, req->params[0], from,
                                      (int) minutes, &error);
  if (slots == NULL)
    goto fail;
  obj = json_object_new ();
  json_object_set_int_member (obj, "assignment_id", req->params[0]);
  json_object_set_int_member (obj, "minutes", (gint64) minutes);
  arr = json_array_new ();
  for (guint i = 0; i < slots->len; i++)
    {
      const TsVisitProposal *p = &g_array_index (slots, TsVisitProposal, i);
      JsonObject *slot = json_object_new ();

      ts_json_set_date_or_null (slot, "date", p->date);
      ts_json_set_time (slot, "start", p->start_min);
      ts_json_set_time (slot, "end", p->end_min % (24 * 60));
      json_array_add_object_element (arr, slot);
    }
  json_object_set_array_member (obj, "proposals", arr);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- calendar feeds -------------------------------------------------------- */

/* The feed's URL: on [http] public_url where it is configured (the address
 * users reach, whatever Host a request names); otherwise on the host the
 * client asked (a proxy in front says its scheme with X-Forwarded-Proto). */
static char *
feed_url (TsRequest *req, const char *path)
{
  const char *host = ts_request_header (req, "Host");
  const char *proto = ts_request_header (req, "X-Forwarded-Proto");
  char *link = ts_config_public_link (ts_service_get_config (req->service), path);

  if (link != NULL)
    return link;
  if (host == NULL || *host == '\0' || strpbrk (host, "/\\ @") != NULL)
    return g_strdup (path);
  return g_strdup_printf ("%s://%s%s", g_strcmp0 (proto, "https") == 0 ? "https" : "http", host,
                          path);
}

static JsonObject *
feed_to_json (const TsCalendarFeed *feed)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", feed->id);
  ts_json_set_string_or_null (obj, "label", feed->label);
  ts_json_set_timestamp (obj, "created_at", feed->created_at);
  ts_json_set_timestamp (obj, "last_used_at", feed->last_used_at);
  return obj;
}

static void
handle_feed_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCalendarFeed) feed = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *label = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  JsonObject *obj;

  if (!ts_request_open_optional_body (req, &in, &error))
    goto fail;
  label = g_strdup (ts_input_string (&in, "label", TS_OPTIONAL, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error) ||
      !ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  feed = ts_service_calendar_feed_create (req->service, req->ctx, label, &token, &error);
  if (feed == NULL)
    goto fail;
  path = g_strconcat ("/calendar/", token, FEED_SUFFIX, NULL);
  url = feed_url (req, path);
  obj = feed_to_json (feed);
  json_object_set_string_member (obj, "path", path);
  json_object_set_string_member (obj, "url", url);
  location = g_strdup_printf ("/v1/calendar-feeds/%" G_GINT64_FORMAT, feed->id);
  ts_request_add_header (req, "Location", location);
  ts_request_add_header (req, "Cache-Control", "no-store");
  ts_request_reply_object (req, SOUP_STATUS_CREATED, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_feed_list (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  JsonObject *obj;
  JsonArray *arr;

  if (!ts_request_check_query (req, NULL, &error) ||
      (feeds = ts_service_calendar_feed_list (req->service, req->ctx, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  arr = json_array_new ();
  for (guint i = 0; i < feeds->len; i++)
    json_array_add_object_element (arr, feed_to_json (feeds->pdata[i]));
  obj = json_object_new ();
  json_object_set_array_member (obj, "calendar_feeds", arr);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

static void
handle_feed_delete (TsRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_service_calendar_feed_revoke (req->service, req->ctx, req->params[0], &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

/* GET /calendar/{token}.ics: no bearer token, the secret is the path.
 * Summaries in the language of Accept-Language, Japanese without one. */
static void
handle_feed (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  const char *rest = req->path + strlen ("/calendar/");
  const char *accept = ts_request_header (req, "Accept-Language");
  gsize len = strlen (rest);
  TsLanguage lang = accept != NULL ? ts_i18n_language_from_header (accept) : TS_LANGUAGE_JA;

  if (len <= strlen (FEED_SUFFIX) || !g_str_has_suffix (rest, FEED_SUFFIX))
    {
      g_set_error_literal (&error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such calendar feed"));
      goto fail;
    }
  token = g_strndup (rest, len - strlen (FEED_SUFFIX));
  body = ts_service_calendar_feed_render (req->service, req->ctx, token, lang, &error);
  if (body == NULL)
    goto fail;
  ts_request_add_header (req, "Cache-Control", "private, no-cache");
  ts_request_reply_bytes (req, SOUP_STATUS_OK, "text/calendar; charset=utf-8", body);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- programmes ------------------------------------------------------------------ */

static JsonObject *
programme_to_json (const TsProgramme *p)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", p->id);
  json_object_set_string_member (obj, "name", p->name);
  if (p->visit_limit > 0)
    json_object_set_int_member (obj, "visit_limit", p->visit_limit);
  else
    json_object_set_null_member (obj, "visit_limit");
  if (p->min_age >= 0)
    json_object_set_int_member (obj, "min_age", p->min_age);
  else
    json_object_set_null_member (obj, "min_age");
  if (p->min_withdrawal_months >= 0)
    json_object_set_int_member (obj, "min_withdrawal_months", p->min_withdrawal_months);
  else
    json_object_set_null_member (obj, "min_withdrawal_months");
  ts_json_set_timestamp (obj, "created_at", p->created_at);
  return obj;
}

/* An optional whole number: absent or null leaves @none. */
static int
optional_int (TsInput *in, const char *name, int none)
{
  gint64 v;

  if (!ts_input_has (in, name) || ts_input_is_null (in, name))
    return none;
  if (!ts_input_int (in, name, TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
    return none;
  /* Out of every range: the service names the field. */
  return v == none ? G_MININT32 : (int) v;
}

static void
handle_programme_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsProgramme) created = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;
  TsProgramme input = { 0, NULL, 0, -1, -1, 0 };

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  name = g_strdup (ts_input_string (&in, "name", TS_REQUIRED, TEXT_READ_MAX));
  input.name = name;
  input.visit_limit = optional_int (&in, "visit_limit", 0);
  input.min_age = optional_int (&in, "min_age", -1);
  input.min_withdrawal_months = optional_int (&in, "min_withdrawal_months", -1);
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  created = ts_service_programme_create (req->service, req->ctx, &input, &error);
  if (created == NULL)
    goto fail;
  location = g_strdup_printf ("/v1/programmes/%" G_GINT64_FORMAT, created->id);
  ts_request_add_header (req, "Location", location);
  ts_request_reply_object (req, SOUP_STATUS_CREATED, programme_to_json (created));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_programme_list (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JsonObject *obj;
  JsonArray *arr;

  if (!ts_request_check_query (req, NULL, &error) ||
      (list = ts_service_programme_list (req->service, req->ctx, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  arr = json_array_new ();
  for (guint i = 0; i < list->len; i++)
    json_array_add_object_element (arr, programme_to_json (list->pdata[i]));
  obj = json_object_new ();
  json_object_set_array_member (obj, "programmes", arr);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

void
ts_routes_visits (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/visits", TS_ROLE_SUPPORTER | TS_ROLE_STAFF, TS_ROUTE_BODY,
      ts_resource_handle_create, "createVisit", &visit_routes },
    { "GET", "/v1/visits", TS_ROLE_SUPPORTER | TS_ROLE_STAFF, 0, ts_resource_handle_list,
      "listVisits", &visit_routes },
    { "GET", "/v1/visits/{id}", TS_ROLE_SUPPORTER | TS_ROLE_STAFF, 0, ts_resource_handle_get,
      "getVisit", &visit_routes },
    { "PATCH", "/v1/visits/{id}", TS_ROLE_SUPPORTER | TS_ROLE_STAFF, TS_ROUTE_BODY, handle_update,
      "updateVisit", NULL },
    { "POST", "/v1/visits/{id}/cancel", TS_ROLE_SUPPORTER | TS_ROLE_STAFF,
      TS_ROUTE_OPTIONAL_BODY, handle_cancel, "cancelVisit", NULL },
    { "GET", "/v1/assignments/{id}/visit-proposals", TS_ROLE_SUPPORTER | TS_ROLE_STAFF, 0,
      handle_proposals, "listVisitProposals", NULL },
    { "POST", "/v1/calendar-feeds", TS_ROLE_ANY, TS_ROUTE_OPTIONAL_BODY, handle_feed_create,
      "createCalendarFeed", NULL },
    { "GET", "/v1/calendar-feeds", TS_ROLE_ANY, 0, handle_feed_list, "listCalendarFeeds", NULL },
    { "DELETE", "/v1/calendar-feeds/{id}", TS_ROLE_ANY, 0, handle_feed_delete,
      "deleteCalendarFeed", NULL },
    { "GET", "/calendar/{token}", TS_ROLE_NONE, TS_ROUTE_PUBLIC | TS_ROUTE_TAIL, handle_feed,
      "getCalendarFeed", NULL },
    { "POST", "/v1/programmes", TS_ROLE_ADMIN, TS_ROUTE_BODY, handle_programme_create,
      "createProgramme", NULL },
    { "GET", "/v1/programmes", TS_ROLE_STAFF, 0, handle_programme_list, "listProgrammes", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
