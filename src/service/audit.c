#include "service/audit.h"

gboolean
ts_service_audit_verify (TsService *self, TsContext *ctx, TsAuditVerification *out,
                         GError **error)
{
  (void) ctx;
  /* Include the reads logged just before this request. */
  if (!ts_store_sync (ts_service_get_store (self), error))
    return FALSE;
  return ts_store_audit_verify (ts_service_get_store (self), out, error);
}
