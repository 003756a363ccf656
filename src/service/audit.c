#include "service/audit.h"

gboolean
ts_service_audit_verify (TsService *self, TsContext *ctx, TsAuditVerification *out,
                         GError **error)
{
  return ts_service_audit_verify_anchored (self, ctx, NULL, out, error);
}

gboolean
ts_service_audit_verify_anchored (TsService *self, TsContext *ctx, const TsAuditAnchor *anchor,
                                  TsAuditVerification *out, GError **error)
{
  (void) ctx;
  /* Include every write queued before this request. */
  if (!ts_store_sync (ts_service_get_store (self), error))
    return FALSE;
  return ts_store_audit_verify_anchored (ts_service_get_store (self), anchor, out, error);
}

/* The hash chain alone cannot tell a log rewritten from its start, or one
 * whose newest entries were deleted together with its head, from an
 * untouched one: both are consistent.  An anchor written down outside the
 * database each day can (docs/operations.md). */
gboolean
ts_service_audit_anchor (TsService *self, TsContext *ctx, TsAuditAnchor *out, GError **error)
{
  (void) ctx;
  if (!ts_store_sync (ts_service_get_store (self), error))
    return FALSE;
  return ts_store_audit_newest (ts_service_get_store (self), out, error);
}
