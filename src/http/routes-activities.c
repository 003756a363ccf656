/*
 * /v1/activities: activity reports from supporters' phones, approvals and
 * corrections (SPEC 3.2 Activities; issue 5).
 *
 * POST honours an Idempotency-Key header: the answer is stored with the key
 * in the report's own transaction and replayed, status and body, to every
 * retry with the same request (docs/api.md shows a phone's retry loop).
 * The request is identified by the SHA-256 of the method, the path and the
 * body as parsed (so that whitespace does not matter, member order does).
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/activities.h"

#define TEXT_READ_MAX 100000

/* ---- rendering and bodies ------------------------------------------- */

/* The table's TS_FIELD_CUSTOM members: the start as "HH:MM", and the
 * amounts, null until the report is priced. */
static void
render_activity (gconstpointer data, JsonObject *obj)
{
  const TsActivityView *view = data;
  const TsActivityRecord *r = view->record;
  const TsActivityReview *rv = &view->review;

  ts_json_set_time (obj, "start", r->start_min);
  ts_json_set_int_or_null (obj, "honorarium_yen", r->priced, r->honorarium_yen);
  ts_json_set_int_or_null (obj, "transport_paid_yen", r->priced, r->transport_paid_yen);
  ts_json_set_int_or_null (obj, "total_yen", r->priced, r->honorarium_yen + r->transport_paid_yen);
  /* A staff list's review (issue 14): the case, the amount (what approval
   * would pay now while pending) and the flags. */
  if (rv->has_review)
    {
      JsonArray *flags = json_array_new ();

      ts_json_set_string_or_null (obj, "supporter_name", rv->supporter_name);
      ts_json_set_string_or_null (obj, "case_code", rv->case_code);
      ts_json_set_string_or_null (obj, "case_nickname", rv->case_nickname);
      json_object_set_int_member (obj, "amount_yen", rv->amount_yen);
      json_object_set_int_member (obj, "transport_cap_yen", rv->transport_cap_yen);
      for (guint k = 0; ts_activity_flag_names[k] != NULL; k++)
        if (rv->flags & (1u << k))
          json_array_add_string_element (flags, ts_activity_flag_names[k]);
      json_object_set_array_member (obj, "flags", flags);
    }
}

/* "start" of a body: a time of day; null is as if it were not there. */
static void
read_start (TsInput *in, gpointer draft, guint *present)
{
  if (ts_input_time (in, "start", &((TsActivityRecord *) draft)->start_min))
    *present |= TS_ACTIVITY_FIELD_START;
}

static gboolean
is_reduced (gconstpointer view)
{
  return ((const TsActivityView *) view)->reduced;
}

static const TsResourceRoutes activity_routes = {
  .ops = &ts_activity_ops,
  .render = render_activity,
  .read_custom = read_start,
  .is_own = is_reduced,
};

/* The answer to a new report as stored with its Idempotency-Key. */
static char *
render_created (const TsActivityRecord *record, G_GNUC_UNUSED gpointer user_data)
{
  TsActivityView view = { .record = (TsActivityRecord *) record, .reduced = FALSE };
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                    ts_resource_to_json (&activity_routes, &view));

  json_object_unref (json_node_get_object (node));
  return ts_json_to_string (node, NULL);
}

static void
add_etag (TsRequest *req, const TsActivityRecord *r)
{
  g_autofree char *etag = ts_etag_for_version (r->version);
  ts_request_add_header (req, "ETag", etag);
}

/* Only supporters and staff change reports: the view is never reduced. */
static void
reply_record (TsRequest *req, guint status, TsActivityRecord *r)
{
  TsActivityView view = { .record = r, .reduced = FALSE };

  ts_resource_reply_view (req, &activity_routes, status, &view);
}

/* SHA-256 of what identifies a request for its Idempotency-Key. */
static char *
request_hash (TsRequest *req)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *body = req->body != NULL ? ts_json_to_string (req->body, NULL) : g_strdup ("");

  g_checksum_update (sum, (const guchar *) req->method, -1);
  g_checksum_update (sum, (const guchar *) " ", 1);
  g_checksum_update (sum, (const guchar *) req->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) body, -1);
  return g_strdup (g_checksum_get_string (sum));
}

/* ---- handlers ------------------------------------------------------- */

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsActivityRecord) draft = ts_activity_record_new ();
  g_autoptr(TsActivityRecord) record = NULL;
  g_autofree char *hash = NULL;
  TsIdempotency idem = { 0 };
  g_autofree char *location = NULL;
  GBytes *bytes;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &activity_routes, draft, &present, &error))
    goto fail;
  idem.key = ts_request_header (req, "Idempotency-Key");
  if (idem.key != NULL)
    {
      hash = request_hash (req);
      idem.request_hash = hash;
      idem.status = SOUP_STATUS_CREATED;
      idem.render = render_created;
    }
  if (!ts_service_activity_report (req->service, req->ctx, draft, present, &idem, &record,
                                   &error))
    {
      ts_idempotency_clear (&idem);
      goto fail;
    }
  if (idem.replayed)
    {
      gsize len = idem.body != NULL ? strlen (idem.body) : 0;
      bytes = g_bytes_new_take (g_steal_pointer (&idem.body), len);
      ts_request_add_header (req, "Idempotent-Replayed", "true");
      ts_request_reply_bytes (req, idem.replay_status, "application/json; charset=utf-8", bytes);
      g_bytes_unref (bytes);
      return;
    }
  location = g_strdup_printf ("/v1/activities/%" G_GINT64_FORMAT, record->id);
  ts_request_add_header (req, "Location", location);
  add_etag (req, record);
  if (idem.body != NULL)
    {
      gsize len = strlen (idem.body);
      bytes = g_bytes_new_take (g_steal_pointer (&idem.body), len);
      ts_request_reply_bytes (req, SOUP_STATUS_CREATED, "application/json; charset=utf-8", bytes);
      g_bytes_unref (bytes);
      return;
    }
  reply_record (req, SOUP_STATUS_CREATED, record);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_update (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsActivityRecord) draft = ts_activity_record_new ();
  g_autoptr(TsActivityRecord) record = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &activity_routes, draft, &present, &error) ||
      (record = ts_service_activity_update (req->service, req->ctx, req->params[0], draft,
                                            present, (const gint64 *) if_match->data,
                                            if_match->len, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  reply_record (req, SOUP_STATUS_OK, record);
}

static void
handle_decision (TsRequest *req, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsActivityRecord) record = NULL;
  g_autofree char *reason = NULL;
  gboolean with_reason = g_str_equal (action, "reject") || g_str_equal (action, "reverse");

  if (!ts_request_check_query (req, NULL, &error))
    goto fail;
  if (with_reason)
    {
      g_auto(TsInput) in = { 0 };

      ts_input_init (&in, req->body, req->ctx->errors, NULL);
      reason = g_strdup (ts_input_string (&in, "reason", TS_REQUIRED, TEXT_READ_MAX));
      if (!ts_request_input_done (req, &in, &error))
        goto fail;
    }
  else if (!ts_request_check_empty_body (req, &error))   /* approve, withdraw */
    goto fail;

  if (g_str_equal (action, "approve"))
    record = ts_service_activity_approve (req->service, req->ctx, req->params[0], &error);
  else if (g_str_equal (action, "withdraw"))
    record = ts_service_activity_withdraw (req->service, req->ctx, req->params[0], &error);
  else if (g_str_equal (action, "reject"))
    record = ts_service_activity_reject (req->service, req->ctx, req->params[0], reason, &error);
  else
    record = ts_service_activity_reverse (req->service, req->ctx, req->params[0], reason, &error);
  if (record == NULL)
    goto fail;
  if (g_str_equal (action, "reverse"))
    {
      g_autofree char *location = g_strdup_printf ("/v1/activities/%" G_GINT64_FORMAT, record->id);
      ts_request_add_header (req, "Location", location);
      reply_record (req, SOUP_STATUS_CREATED, record);
      return;
    }
  reply_record (req, SOUP_STATUS_OK, record);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_approve (TsRequest *req)
{
  handle_decision (req, "approve");
}

static void
handle_reject (TsRequest *req)
{
  handle_decision (req, "reject");
}

static void
handle_withdraw (TsRequest *req)
{
  handle_decision (req, "withdraw");
}

static void
handle_reverse (TsRequest *req)
{
  handle_decision (req, "reverse");
}

void
ts_routes_activities (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/activities", TS_ROLE_SUPPORTER | TS_ROLE_STAFF, TS_ROUTE_BODY, handle_create,
      "createActivity", NULL },
    { "GET", "/v1/activities", TS_ROLE_SUPPORTER | TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0,
      ts_resource_handle_list, "listActivities", &activity_routes },
    { "GET", "/v1/activities/{id}", TS_ROLE_SUPPORTER | TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0,
      ts_resource_handle_get, "getActivity", &activity_routes },
    { "PATCH", "/v1/activities/{id}", TS_ROLE_SUPPORTER | TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_update, "updateActivity", NULL },
    { "POST", "/v1/activities/{id}/withdraw", TS_ROLE_SUPPORTER | TS_ROLE_STAFF,
      TS_ROUTE_OPTIONAL_BODY, handle_withdraw, "withdrawActivity", NULL },
    { "POST", "/v1/activities/{id}/approve", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_approve, "approveActivity", NULL },
    { "POST", "/v1/activities/{id}/reject", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_reject,
      "rejectActivity", NULL },
    { "POST", "/v1/activities/{id}/reverse", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_reverse,
      "reverseActivity", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
