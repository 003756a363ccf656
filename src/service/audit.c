#include "service/audit.h"

#include "core/i18n.h"

GArray *
ts_service_audit_list (TsService *self, TsContext *ctx, gint64 after_seq, guint limit,
                       GError **error)
{
  g_autoptr(GArray) entries = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (ctx->role != TS_ROLE_AUDITOR && ctx->role != TS_ROLE_ADMIN)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return NULL;
    }
  /* Include every write queued before this request. */
  if (!ts_store_sync (ts_service_get_store (self), error))
    return NULL;
  entries = ts_store_audit_list (ts_service_get_store (self), ctx->scope, after_seq, limit, error);
  if (entries == NULL || !ts_service_audit_read (self, ctx, "list", "audit_log", 0, error))
    return NULL;
  return g_steal_pointer (&entries);
}

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
