/*
 * /v1/assignments: a supporter working with a case (SPEC 3.2, issue 4).
 *
 * Coordinators and admins create, list and end assignments; a supporter
 * lists and reads their own (any other id is "not found").  Creating one
 * re-checks every hard filter of the matcher on the start date and answers
 * 409 supporter_not_eligible with the `reasons` otherwise.
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "service/assignments.h"

#define TEXT_READ_MAX 10000

static JsonObject *
assignment_to_json (const TsAssignmentRecord *a, gboolean with_reason)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *created = ts_timestamp_from_unix (a->created_at);

  json_object_set_int_member (obj, "id", a->id);
  json_object_set_int_member (obj, "case_id", a->case_id);
  json_object_set_int_member (obj, "supporter_id", a->supporter_id);
  json_object_set_string_member (obj, "role", ts_assignment_role_to_string (a->role));
  ts_json_set_date_or_null (obj, "starts_on", a->starts_on);
  ts_json_set_date_or_null (obj, "ended_on", a->ended_on);
  /* The reason is the coordinators' note; the supporter sees the dates. */
  if (with_reason)
    ts_json_set_string_or_null (obj, "end_reason", a->end_reason);
  json_object_set_boolean_member (obj, "active", a->ended_on == TS_DATE_NONE);
  json_object_set_string_member (obj, "created_at", created);
  return obj;
}

static gboolean
with_reason (TsRequest *req)
{
  return req->ctx->role != TS_ROLE_SUPPORTER;
}

/* ---- handlers ------------------------------------------------------------ */

static void
handle_create (TsRequest *req)
{
  static const char *const roles[] = { "primary", "co_supporter", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsAssignmentRecord) record = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *location = NULL;
  TsAssignmentInput input = { 0 };
  int role;

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
    {
      ts_input_int (&in, "case_id", TS_REQUIRED, 1, G_MAXINT64, &input.case_id);
      ts_input_int (&in, "supporter_id", TS_REQUIRED, 1, G_MAXINT64, &input.supporter_id);
      input.starts_on = ts_input_date (&in, "starts_on", TS_REQUIRED);
      role = ts_input_enum (&in, "role", TS_OPTIONAL, roles);
      input.role = role >= 0 ? roles[role] : NULL;
      if (!ts_input_refuse_unknown (&in, FALSE, &error))
        goto fail;
    }
  record = ts_service_assignment_create (req->service, req->ctx, &input, &error);
  if (record == NULL)
    goto fail;
  location = g_strdup_printf ("/v1/assignments/%" G_GINT64_FORMAT, record->id);
  ts_request_add_header (req, "Location", location);
  ts_request_reply_object (req, SOUP_STATUS_CREATED, assignment_to_json (record, TRUE));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = {
    "case_id", "supporter_id", "active", "limit", "cursor", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsAssignmentPage) page = NULL;
  g_autoptr(JsonObject) obj = NULL;
  TsAssignmentQuery query = { 0 };
  const char *text;
  JsonArray *items;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  query.case_id = ts_request_query_id (req, "case_id");
  query.supporter_id = ts_request_query_id (req, "supporter_id");
  if ((text = ts_request_query (req, "active")) != NULL)
    {
      query.has_active = TRUE;
      if (g_str_equal (text, "true"))
        query.active = TRUE;
      else if (!g_str_equal (text, "false"))
        ts_field_errors_add (req->ctx->errors, "active", N_("Must be true or false"));
    }
  if ((text = ts_request_query (req, "limit")) != NULL)
    {
      guint64 limit = 0;
      if (!g_ascii_string_to_unsigned (text, 10, 1, TS_ASSIGNMENT_LIST_MAX, &limit, NULL))
        ts_field_errors_add (req->ctx->errors, "limit", N_("Must be from 1 to 200"));
      query.limit = (int) limit;
    }
  if ((text = ts_request_query (req, "cursor")) != NULL && !ts_cursor_decode ('a', text, &query.after_id))
    ts_field_errors_add (req->ctx->errors, "cursor", N_("Not a cursor this service gave out"));
  page = ts_service_assignment_list (req->service, req->ctx, &query, &error);
  if (page == NULL)
    goto fail;

  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < page->items->len; i++)
    json_array_add_object_element (items, assignment_to_json (page->items->pdata[i],
                                                              with_reason (req)));
  json_object_set_array_member (obj, "assignments", items);
  ts_json_set_cursor (obj, 'a', page->next_after_id);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_get (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsAssignmentRecord) record = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      (record = ts_service_assignment_get (req->service, req->ctx, req->params[0], &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, assignment_to_json (record, with_reason (req)));
}

static void
handle_end (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsAssignmentRecord) record = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *reason = NULL;
  TsDate ended_on = TS_DATE_NONE;

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
    {
      ended_on = ts_input_date (&in, "ended_on", TS_REQUIRED);
      reason = g_strdup (ts_input_string (&in, "reason", TS_REQUIRED, TEXT_READ_MAX));
      if (!ts_input_refuse_unknown (&in, FALSE, &error))
        goto fail;
    }
  record = ts_service_assignment_end (req->service, req->ctx, req->params[0], ended_on, reason,
                                      &error);
  if (record == NULL)
    goto fail;
  ts_request_reply_object (req, SOUP_STATUS_OK, assignment_to_json (record, TRUE));
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_assignments (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/assignments", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_create,
      "createAssignment", NULL },
    { "GET", "/v1/assignments", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0, handle_list,
      "listAssignments", NULL },
    { "GET", "/v1/assignments/{id}", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0, handle_get,
      "getAssignment", NULL },
    { "POST", "/v1/assignments/{id}/end", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_end,
      "endAssignment", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
