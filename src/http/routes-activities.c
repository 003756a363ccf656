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
#include "service/activities.h"

#define TEXT_READ_MAX 100000

/* ---- rendering ------------------------------------------------------ */

static void
set_yen_or_null (JsonObject *obj, const char *name, gboolean has, gint64 yen)
{
  if (has)
    json_object_set_int_member (obj, name, yen);
  else
    json_object_set_null_member (obj, name);
}

/* @reduced: an auditor's view, without what happened or for whom. */
static JsonObject *
activity_to_json (const TsActivityRecord *r, gboolean reduced)
{
  JsonObject *obj = json_object_new ();
  char start[6];

  g_snprintf (start, sizeof start, "%02d:%02d", r->start_min / 60, r->start_min % 60);
  json_object_set_int_member (obj, "id", r->id);
  json_object_set_int_member (obj, "supporter_id", r->supporter_id);
  if (!reduced)
    {
      json_object_set_int_member (obj, "assignment_id", r->assignment_id);
      json_object_set_int_member (obj, "case_id", r->case_id);
    }
  ts_json_set_date_or_null (obj, "date", r->date);
  json_object_set_string_member (obj, "start", start);
  json_object_set_int_member (obj, "minutes", r->minutes);
  json_object_set_string_member (obj, "kind", r->kind);
  json_object_set_int_member (obj, "transport_yen", r->transport_yen);
  if (!reduced)
    ts_json_set_string_or_null (obj, "note", r->note);
  json_object_set_string_member (obj, "status", ts_activity_status_to_string (r->status));
  ts_json_set_id_or_null (obj, "reported_by", r->reported_by);
  json_object_set_boolean_member (obj, "on_behalf", r->on_behalf);
  ts_json_set_id_or_null (obj, "reversal_of", r->reversal_of);
  ts_json_set_id_or_null (obj, "reversed_by", r->reversed_by);
  set_yen_or_null (obj, "honorarium_yen", r->priced, r->honorarium_yen);
  set_yen_or_null (obj, "transport_paid_yen", r->priced, r->transport_paid_yen);
  set_yen_or_null (obj, "total_yen", r->priced, r->honorarium_yen + r->transport_paid_yen);
  ts_json_set_date_or_null (obj, "rates_effective_from", r->rates_effective_from);
  if (!reduced)
    ts_json_set_string_or_null (obj, "reject_reason", r->reject_reason);
  ts_json_set_id_or_null (obj, "decided_by", r->decided_by);
  ts_json_set_timestamp (obj, "decided_at", r->decided_at);
  json_object_set_int_member (obj, "version", r->version);
  ts_json_set_timestamp (obj, "created_at", r->created_at);
  ts_json_set_timestamp (obj, "updated_at", r->updated_at);
  return obj;
}

static char *
render_activity (const TsActivityRecord *record, gpointer user_data)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                    activity_to_json (record, FALSE));
  (void) user_data;
  json_object_unref (json_node_get_object (node));
  return ts_json_to_string (node, NULL);
}

static void
add_etag (TsRequest *req, const TsActivityRecord *r)
{
  g_autofree char *etag = ts_etag_for_version (r->version);
  ts_request_add_header (req, "ETag", etag);
}

static void
reply_record (TsRequest *req, guint status, const TsActivityRecord *r)
{
  add_etag (req, r);
  ts_request_reply_object (req, status, activity_to_json (r, req->ctx->role == TS_ROLE_AUDITOR));
}

/* ---- bodies --------------------------------------------------------- */

/* Reads a report body.  Types are checked here (a present bit only for a
 * well-typed member), rules by the service; both in one answer.  The
 * strings point into the body, which outlives the call. */
static gboolean
read_activity_body (TsRequest *req, TsActivityInput *input, TsPresence presence,
                    GError **error)
{
  g_auto(TsInput) in = { 0 };
  const char *text;
  gint64 v;

  memset (input, 0, sizeof *input);
  if (!ts_input_init (&in, req->body, req->ctx->errors, NULL))
    return TRUE;
  if (ts_input_int (&in, "assignment_id", presence, G_MININT64, G_MAXINT64, &v))
    {
      input->assignment_id = v;
      input->present |= TS_ACTIVITY_FIELD_ASSIGNMENT;
      if (v < 1)
        ts_input_error (&in, "assignment_id", N_("Must be a positive integer"));
    }
  input->date = ts_input_date (&in, "date", presence);
  if (input->date != TS_DATE_NONE)
    input->present |= TS_ACTIVITY_FIELD_DATE;
  if ((text = ts_input_string (&in, "start", presence, 64)) != NULL)
    {
      if (ts_time_parse (text, &input->start_min))
        input->present |= TS_ACTIVITY_FIELD_START;
      else
        ts_input_error (&in, "start", N_("Must be a time of day (HH:MM)"));
    }
  if (ts_input_int (&in, "minutes", presence, G_MININT32, G_MAXINT32, &v))
    {
      input->minutes = (int) v;
      input->present |= TS_ACTIVITY_FIELD_MINUTES;
    }
  if ((text = ts_input_string (&in, "kind", presence, 64)) != NULL)
    {
      input->kind = text;
      input->present |= TS_ACTIVITY_FIELD_KIND;
    }
  if (ts_input_int (&in, "transport_yen", TS_OPTIONAL, G_MININT64, G_MAXINT64, &v))
    {
      input->transport_yen = v;
      input->present |= TS_ACTIVITY_FIELD_TRANSPORT;
    }
  if (ts_input_has (&in, "note"))
    {
      text = ts_input_string (&in, "note", TS_OPTIONAL, TEXT_READ_MAX);
      if (text != NULL || ts_input_is_null (&in, "note"))
        {
          input->note = text;
          input->present |= TS_ACTIVITY_FIELD_NOTE;
        }
    }
  return ts_input_refuse_unknown (&in, FALSE, error);
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
  g_autoptr(TsActivityRecord) record = NULL;
  g_autofree char *hash = NULL;
  TsIdempotency idem = { 0 };
  TsActivityInput input;
  g_autofree char *location = NULL;
  GBytes *bytes;

  if (!ts_request_check_query (req, NULL, &error) ||
      !read_activity_body (req, &input, TS_REQUIRED, &error))
    goto fail;
  if (!(input.present & TS_ACTIVITY_FIELD_TRANSPORT) &&
      !ts_field_errors_has (req->ctx->errors, "transport_yen"))
    input.present |= TS_ACTIVITY_FIELD_TRANSPORT;    /* absent: 0 yen */
  idem.key = ts_request_header (req, "Idempotency-Key");
  if (idem.key != NULL)
    {
      hash = request_hash (req);
      idem.request_hash = hash;
      idem.status = SOUP_STATUS_CREATED;
      idem.render = render_activity;
    }
  if (!ts_service_activity_report (req->service, req->ctx, &input, &idem, &record, &error))
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
handle_list (TsRequest *req)
{
  static const char *const allowed[] = {
    "month", "status", "supporter_id", "case_id", "assignment_id", "limit", "cursor", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsActivityPage) page = NULL;
  g_autofree char *month = NULL;
  TsActivityQuery query = { 0 };
  const char *text;
  JsonObject *obj;
  JsonArray *items;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if ((text = ts_request_query (req, "month")) != NULL)
    {
      int y, m;
      if (!ts_month_parse (text, &y, &m))
        ts_field_errors_add (req->ctx->errors, "month", N_("Must be a month (YYYY-MM)"));
      else
        month = g_strdup_printf ("%04d-%02d", y, m);
      query.month = month;
    }
  if ((text = ts_request_query (req, "status")) != NULL)
    {
      query.has_status = ts_activity_status_from_string (text, &query.status);
      if (!query.has_status)
        ts_field_errors_add (req->ctx->errors, "status",
                             N_("Must be one of pending, approved, rejected, withdrawn"));
    }
  query.supporter_id = ts_request_query_id (req, "supporter_id");
  query.case_id = ts_request_query_id (req, "case_id");
  query.assignment_id = ts_request_query_id (req, "assignment_id");
  query.limit = ts_request_query_limit (req, TS_ACTIVITY_LIST_DEFAULT, TS_ACTIVITY_LIST_MAX);
  ts_request_query_cursor (req, 'a', &query.after_id);
  if (!ts_field_errors_check (req->ctx->errors, &error) ||
      (page = ts_service_activity_list (req->service, req->ctx, &query, &error)) == NULL)
    goto fail;

  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < page->items->len; i++)
    json_array_add_object_element (items, activity_to_json (page->items->pdata[i],
                                                            req->ctx->role == TS_ROLE_AUDITOR));
  json_object_set_array_member (obj, "activities", items);
  if (page->next_after_id > 0)
    {
      g_autofree char *cursor = ts_cursor_encode ('a', page->next_after_id);
      json_object_set_string_member (obj, "next_cursor", cursor);
    }
  else
    json_object_set_null_member (obj, "next_cursor");
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_get (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsActivityRecord) record = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      (record = ts_service_activity_get (req->service, req->ctx, req->params[0], &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  reply_record (req, SOUP_STATUS_OK, record);
}

static void
handle_update (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsActivityRecord) record = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  TsActivityInput input;

  if (!ts_request_check_query (req, NULL, &error) ||
      !read_activity_body (req, &input, TS_OPTIONAL, &error) ||
      (record = ts_service_activity_update (req->service, req->ctx, req->params[0], &input,
                                            (const gint64 *) if_match->data, if_match->len,
                                            &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  reply_record (req, SOUP_STATUS_OK, record);
}

/* approve and withdraw take no body, or an empty object. */
static gboolean
read_empty_body (TsRequest *req, GError **error)
{
  g_auto(TsInput) in = { 0 };

  if (req->body == NULL)
    return TRUE;
  if (!ts_input_init (&in, req->body, req->ctx->errors, NULL))
    return ts_field_errors_check (req->ctx->errors, error);
  return ts_input_refuse_unknown (&in, FALSE, error);
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
      if (ts_input_init (&in, req->body, req->ctx->errors, NULL))
        {
          reason = g_strdup (ts_input_string (&in, "reason", TS_REQUIRED, TEXT_READ_MAX));
          if (!ts_input_refuse_unknown (&in, FALSE, &error))
            goto fail;
        }
      if (ts_field_errors_len (req->ctx->errors) > 0)
        {
          ts_field_errors_check (req->ctx->errors, &error);
          goto fail;
        }
    }
  else if (!read_empty_body (req, &error))
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
      handle_list, "listActivities", NULL },
    { "GET", "/v1/activities/{id}", TS_ROLE_SUPPORTER | TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0,
      handle_get, "getActivity", NULL },
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
