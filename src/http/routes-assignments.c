/*
 * /v1/assignments: a supporter working with a case (SPEC 3.2, issue 4).
 *
 * Coordinators and admins create, list and end assignments; a supporter
 * lists and reads their own (any other id is "not found").  Creating one
 * re-checks every hard filter of the matcher on the start date and answers
 * 409 supporter_not_eligible with the `reasons` otherwise.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/assignments.h"

#define TEXT_READ_MAX 10000

static gboolean
is_own (gconstpointer view)
{
  return ((const TsAssignmentView *) view)->own;
}

/* The case as its supporter may see it (GET /v1/cases/{id}'s reduced
 * view): nickname, needs and the municipality's name. */
static void
render_assignment (gconstpointer view, JsonObject *obj)
{
  const TsAssignmentView *v = view;
  JsonObject *kase;
  JsonArray *needs;

  if (v->case_nickname == NULL)
    return;
  kase = json_object_new ();
  needs = json_array_new ();
  json_object_set_string_member (kase, "nickname", v->case_nickname);
  for (char **n = v->case_needs; n != NULL && *n != NULL; n++)
    json_array_add_string_element (needs, *n);
  json_object_set_array_member (kase, "needs", needs);
  ts_json_set_string_or_null (kase, "municipality_name", v->case_municipality_name);
  json_object_set_object_member (obj, "case", kase);
}

static const TsResourceRoutes assignment_routes = {
  .ops = &ts_assignment_ops,
  .render = render_assignment,
  .is_own = is_own,
};

/* A new or ended assignment, as staff (who alone create and end) see it.
 * It has no version, hence no ETag. */
static void
reply_record (TsRequest *req, guint status, TsAssignmentRecord *record)
{
  TsAssignmentView view = { .record = record };

  ts_resource_reply_view (req, &assignment_routes, status, &view);
}

/* ---- handlers ------------------------------------------------------------ */

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsAssignmentRecord) draft = ts_assignment_record_new ();
  g_autoptr(TsAssignmentRecord) record = NULL;
  g_autofree char *location = NULL;
  TsAssignmentInput input = { 0 };
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &assignment_routes, draft, &present, &error))
    goto fail;
  input.case_id = draft->case_id;
  input.supporter_id = draft->supporter_id;
  input.starts_on = draft->starts_on;
  if (present & TS_ASSIGNMENT_FIELD_ROLE)
    input.role = ts_assignment_role_to_string (draft->role);
  record = ts_service_assignment_create (req->service, req->ctx, &input, &error);
  if (record == NULL)
    goto fail;
  location = g_strdup_printf ("/v1/assignments/%" G_GINT64_FORMAT, record->id);
  ts_request_add_header (req, "Location", location);
  reply_record (req, SOUP_STATUS_CREATED, record);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_end (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsAssignmentRecord) record = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *reason = NULL;
  TsDate ended_on = TS_DATE_NONE;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  ended_on = ts_input_date (&in, "ended_on", TS_REQUIRED);
  reason = g_strdup (ts_input_string (&in, "reason", TS_REQUIRED, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error))
    goto fail;
  record = ts_service_assignment_end (req->service, req->ctx, req->params[0], ended_on, reason,
                                      &error);
  if (record == NULL)
    goto fail;
  reply_record (req, SOUP_STATUS_OK, record);
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
    { "GET", "/v1/assignments", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0, ts_resource_handle_list,
      "listAssignments", &assignment_routes },
    { "GET", "/v1/assignments/{id}", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0,
      ts_resource_handle_get, "getAssignment", &assignment_routes },
    { "POST", "/v1/assignments/{id}/end", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_end,
      "endAssignment", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
