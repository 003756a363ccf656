/*
 * GET /v1/audit/log/verify: recomputes the audit log's hash chain.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "service/audit.h"

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
    { "GET", "/v1/audit/log/verify", TS_ROLE_AUDITOR | TS_ROLE_ADMIN, 0, handle_verify, "verifyAuditLog", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
