#include "service/audit.h"

#include "core/i18n.h"

/* The first second of @date in Asia/Tokyo (UTC+9, no daylight saving
 * time since 1951). */
static gint64
tokyo_midnight (TsDate date)
{
  return ((gint64) date - (gint64) ts_date_new (1970, 1, 1)) * 86400 - 9 * 3600;
}

GArray *
ts_service_audit_list (TsService *self, TsContext *ctx, gint64 after_seq, TsDate from,
                       TsDate to, guint limit, GError **error)
{
  g_autoptr(GArray) entries = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (ctx->role != TS_ROLE_AUDITOR && ctx->role != TS_ROLE_ADMIN)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return NULL;
    }
  if (from != TS_DATE_NONE && to != TS_DATE_NONE && to < from)
    ts_field_errors_add (ctx->errors, "to", N_("Must not be before the first day"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  /* Include every write queued before this request. */
  if (!ts_store_sync (ts_service_get_store (self), error))
    return NULL;
  entries = ts_store_audit_list (ts_service_get_store (self), ctx->scope, after_seq,
                                 from != TS_DATE_NONE ? tokyo_midnight (from) : 0,
                                 to != TS_DATE_NONE ? tokyo_midnight (to + 1) : 0, limit, error);
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
