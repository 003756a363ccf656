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

G_END_DECLS
