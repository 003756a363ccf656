/*
 * /v1/dispatch-requests (SPEC 2.6, 3.3; issue 13; 千葉, seed 002): the
 * case's organisation asks another for a supporter of its pool.
 *
 * Staff only (admins and coordinators); who of them may do what is the
 * service's (service/dispatch.h): both sides read a request and its
 * history, the receiver alone sees the case's matching fields (while the
 * request is open or accepted), ranks candidates, accepts or declines;
 * the requester alone withdraws.  Anyone else gets 404 as for a missing
 * request.  The ETag is the request's version; the verbs honour If-Match.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "http/availability.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/assignments.h"
#include "service/dispatch.h"
#include "service/matching.h"

/* Generous type-level bounds; the service applies the real limits with
 * its own messages. */
#define TEXT_READ_MAX 10000

/* ---- rendering ---------------------------------------------------------- */

static JsonObject *
event_to_json (const TsDispatchEvent *e)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "action", ts_dispatch_action_to_string (e->action));
  json_object_set_int_member (obj, "organisation_id", e->organisation_id);
  ts_json_set_id_or_null (obj, "user_id", e->user_id);
  ts_json_set_string_or_null (obj, "note", e->note);
  ts_json_set_timestamp (obj, "at", e->at);
  return obj;
}

/* The case as the receiver sees it: its matching fields, nothing else
 * (the service hands over a record that holds nothing else either). */
static JsonObject *
shared_case_to_json (const TsCaseRecord *r)
{
  JsonObject *obj = json_object_new ();

  ts_json_set_string_or_null (obj, "nickname", r->nickname);
  ts_json_set_string_or_null (obj, "municipality_code", r->municipality_code);
  ts_json_set_string_or_null (obj, "age_band", r->age_band);
  ts_json_set_string_or_null (obj, "gender", r->gender);
  ts_json_set_string_or_null (obj, "household", r->household);
  json_object_set_array_member (obj, "needs",
                                ts_json_array_from_strv ((const char *const *) r->needs));
  json_object_set_array_member (obj, "interests",
                                ts_json_array_from_strv ((const char *const *) r->interests));
  json_object_set_object_member (obj, "preferences",
                                 ts_case_preferences_to_json (&r->preferences));
  ts_json_set_location (obj, r->has_location, r->lat, r->lon);
  return obj;
}

static void
render_request (gconstpointer data, JsonObject *obj)
{
  const TsDispatchView *view = data;
  JsonArray *history = json_array_new ();

  for (guint i = 0; view->events != NULL && i < view->events->len; i++)
    json_array_add_object_element (history, event_to_json (view->events->pdata[i]));
  json_object_set_array_member (obj, "history", history);
  if (view->shared_case != NULL)
    json_object_set_object_member (obj, "case", shared_case_to_json (view->shared_case));
  else
    json_object_set_null_member (obj, "case");
}

static const TsResourceRoutes dispatch_routes = {
  .ops = &ts_dispatch_request_ops,
  .render = render_request,
};

/* The assignment an acceptance creates, rendered as POST /v1/assignments
 * renders it (the assignment's own descriptor and views). */
static const TsResourceRoutes assignment_routes = {
  .ops = &ts_assignment_ops,
};

/* ---- handlers ------------------------------------------------------------- */

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDispatchRequestRecord) draft = ts_dispatch_request_record_new ();
  g_autoptr(TsDispatchView) view = NULL;
  g_autofree char *location = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &dispatch_routes, draft, &present, &error))
    goto fail;
  view = ts_service_dispatch_create (req->service, req->ctx, draft, present, &error);
  if (view == NULL)
    goto fail;
  location = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT, view->record->id);
  ts_request_add_header (req, "Location", location);
  ts_resource_reply_view (req, &dispatch_routes, SOUP_STATUS_CREATED, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_list (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree TsDispatchQuery *query = NULL;
  g_autoptr(TsPage) page = NULL;

  query = ts_resource_read_query (req, &ts_dispatch_request_resource, &error);
  if (query == NULL ||
      (page = ts_service_dispatch_list (req->service, req->ctx, query, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_resource_reply_page (req, &dispatch_routes, page);
}

static void
handle_candidates (TsRequest *req)
{
  static const char *const allowed[] = { "limit", "on", "excluded", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCandidateList) list = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *text;
  const char *value;
  TsDate on = TS_DATE_NONE;
  gboolean all_excluded = FALSE;
  int limit = 0;
  gsize len;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if ((value = ts_request_query (req, "limit")) != NULL)
    {
      guint64 v = 0;
      if (!g_ascii_string_to_unsigned (value, 10, 1, TS_MATCHING_LIMIT_MAX, &v, NULL))
        ts_field_errors_add (req->ctx->errors, "limit", N_("Must be from 1 to 1000"));
      limit = (int) v;
    }
  if ((value = ts_request_query (req, "on")) != NULL && !ts_date_parse (value, &on))
    ts_field_errors_add (req->ctx->errors, "on", N_("Must be a valid date (YYYY-MM-DD)"));
  if ((value = ts_request_query (req, "excluded")) != NULL &&
      !ts_matching_excluded_from_string (value, &all_excluded))
    ts_field_errors_add (req->ctx->errors, "excluded", N_("Must be summary or all"));
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  list = ts_service_dispatch_candidates (req->service, req->ctx, req->params[0], on, limit,
                                         &error);
  if (list == NULL)
    goto fail;
  list->all_excluded = all_excluded;
  /* The same document as GET /v1/cases/{id}/candidates. */
  text = ts_matching_candidates_to_json (list, req->ctx->language);
  len = text->len;
  bytes = g_bytes_new_take (g_string_free (text, FALSE), len);
  ts_request_reply_bytes (req, SOUP_STATUS_OK, "application/json; charset=utf-8", bytes);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_accept (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  g_autoptr(TsAssignmentRecord) record = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *location = NULL;
  gint64 supporter_id = 0;
  TsDate starts_on = TS_DATE_NONE;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  ts_input_int (&in, "supporter_id", TS_REQUIRED, 1, G_MAXINT64, &supporter_id);
  starts_on = ts_input_date (&in, "starts_on", TS_REQUIRED);
  if (!ts_request_input_done (req, &in, &error))
    goto fail;
  record = ts_service_dispatch_accept (req->service, req->ctx, req->params[0], supporter_id,
                                       starts_on, (const gint64 *) (gpointer) if_match->data,
                                       if_match->len, &error);
  if (record == NULL)
    goto fail;
  location = g_strdup_printf ("/v1/assignments/%" G_GINT64_FORMAT, record->id);
  ts_request_add_header (req, "Location", location);
  {
    TsAssignmentView view = { .record = record };
    ts_resource_reply_view (req, &assignment_routes, SOUP_STATUS_CREATED, &view);
  }
  return;

fail:
  ts_request_reply_error (req, error);
}

/* decline {reason} and withdraw {note?}: @field is the one member. */
static void
handle_close (TsRequest *req, const char *field, gboolean decline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  g_autoptr(TsDispatchView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *text = NULL;

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (req->body != NULL || decline)
    {
      if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
        text = g_strdup (ts_input_string (&in, field, decline ? TS_REQUIRED : TS_OPTIONAL,
                                          TEXT_READ_MAX));
      if (!ts_request_input_done (req, &in, &error))
        goto fail;
    }
  if (decline)
    view = ts_service_dispatch_decline (req->service, req->ctx, req->params[0], text,
                                        (const gint64 *) (gpointer) if_match->data, if_match->len,
                                        &error);
  else
    view = ts_service_dispatch_withdraw (req->service, req->ctx, req->params[0], text,
                                         (const gint64 *) (gpointer) if_match->data,
                                         if_match->len, &error);
  if (view == NULL)
    goto fail;
  ts_resource_reply_view (req, &dispatch_routes, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_decline (TsRequest *req)
{
  handle_close (req, "reason", TRUE);
}

static void
handle_withdraw (TsRequest *req)
{
  handle_close (req, "note", FALSE);
}

void
ts_routes_dispatch (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/dispatch-requests", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_create,
      "createDispatchRequest", NULL },
    { "GET", "/v1/dispatch-requests", TS_ROLE_STAFF, 0, handle_list, "listDispatchRequests",
      NULL },
    { "GET", "/v1/dispatch-requests/{id}", TS_ROLE_STAFF, 0, ts_resource_handle_get,
      "getDispatchRequest", &dispatch_routes },
    { "GET", "/v1/dispatch-requests/{id}/candidates", TS_ROLE_STAFF, 0, handle_candidates,
      "getDispatchCandidates", NULL },
    { "POST", "/v1/dispatch-requests/{id}/accept", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_accept,
      "acceptDispatchRequest", NULL },
    { "POST", "/v1/dispatch-requests/{id}/decline", TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_decline, "declineDispatchRequest", NULL },
    { "POST", "/v1/dispatch-requests/{id}/withdraw", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_withdraw, "withdrawDispatchRequest", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
