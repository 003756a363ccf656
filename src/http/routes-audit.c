/*
 * GET /v1/audit/log: the entries in the caller's scope (SPEC 2.6), oldest
 * first, a page at a time; GET /v1/audit/log/verify: recomputes the audit
 * log's hash chain.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/i18n.h"
#include "core/json.h"
#include "http/query.h"
#include "service/audit.h"

/* The list's cursors ("l" for log); a cursor of another list is refused. */
#define CURSOR_KIND 'l'

static JsonObject *
entry_to_json (const TsAuditRecord *e)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "seq", e->seq);
  ts_json_set_timestamp (obj, "at", e->at);
  ts_json_set_id_or_null (obj, "user_id", e->user_id);
  ts_json_set_string_or_null (obj, "role", e->role);
  ts_json_set_string_or_null (obj, "action", e->action);
  ts_json_set_string_or_null (obj, "object", e->object);
  ts_json_set_id_or_null (obj, "object_id", e->object_id);
  ts_json_set_string_or_null (obj, "request_id", e->request_id);
  ts_json_set_id_or_null (obj, "organisation_id", e->organisation_id);
  return obj;
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = { "cursor", "limit", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(JsonObject) obj = NULL;
  JsonArray *items;
  gint64 after = 0;
  int limit;
  guint shown;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  ts_request_query_cursor (req, CURSOR_KIND, &after);
  limit = ts_request_query_limit (req, TS_AUDIT_LIST_DEFAULT, TS_AUDIT_LIST_MAX);
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  /* One more than the page: whether there is a next one. */
  entries = ts_service_audit_list (req->service, req->ctx, after, (guint) limit + 1, &error);
  if (entries == NULL)
    goto fail;
  shown = MIN (entries->len, (guint) limit);
  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < shown; i++)
    json_array_add_object_element (items, entry_to_json (&g_array_index (entries, TsAuditRecord, i)));
  json_object_set_array_member (obj, "entries", items);
  ts_json_set_cursor (obj, CURSOR_KIND, entries->len > shown
                                          ? g_array_index (entries, TsAuditRecord, shown - 1).seq
                                          : 0);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_verify (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obj = NULL;
  TsAuditVerification v;

  if (!ts_service_audit_verify (req->service, req->ctx, &v, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  json_object_set_boolean_member (obj, "ok", v.ok);
  json_object_set_int_member (obj, "entries", v.entries);
  if (v.ok)
    json_object_set_null_member (obj, "first_bad_seq");
  else
    json_object_set_int_member (obj, "first_bad_seq", v.first_bad_seq);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

void
ts_routes_audit (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/audit/log", TS_ROLE_AUDITOR | TS_ROLE_ADMIN, 0, handle_list, "listAuditLog", NULL },
    { "GET", "/v1/audit/log/verify", TS_ROLE_AUDITOR | TS_ROLE_ADMIN, 0, handle_verify, "verifyAuditLog", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
