/*
 * Verifying the audit log.
 */
#pragma once

#include "service/service.h"
#include "store/audit-log.h"

G_BEGIN_DECLS

gboolean ts_service_audit_verify (TsService           *self,
                                  TsContext           *ctx,
                                  TsAuditVerification *out,
                                  GError             **error);
/* The same, and whether @anchor (written down earlier, elsewhere) still
 * holds: its entry is in the log with its hash. */
gboolean ts_service_audit_verify_anchored (TsService           *self,
                                           TsContext           *ctx,
                                           const TsAuditAnchor *anchor,
                                           TsAuditVerification *out,
                                           GError             **error);
/* The newest entry, to be written down outside the database. */
gboolean ts_service_audit_anchor (TsService     *self,
                                  TsContext     *ctx,
                                  TsAuditAnchor *out,
                                  GError       **error);

G_END_DECLS
