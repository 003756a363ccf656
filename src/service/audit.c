#include "service/audit.h"

gboolean
ts_service_audit_verify (TsService *self, TsContext *ctx, TsAuditVerification *out,
                         GError **error)
{
  (void) ctx;
  return ts_store_audit_verify (ts_service_get_store (self), out, error);
}
