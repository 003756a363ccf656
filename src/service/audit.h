/*
 * Reading and verifying the audit log.
 *
 * SPEC 2.6, issue 13: every entry records the caller's organisation; an
 * auditor reads the entries of its organisation and every one below it,
 * an administrator every entry (those written before schema 11 and by the
 * command line have none).  Verifying the hash chain is one computation
 * over the whole log, installation-wide: it answers a count and the first
 * bad number, never an entry.
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
#define TS_AUDIT_LIST_DEFAULT 50
#define TS_AUDIT_LIST_MAX     200
/* The CSV of the log (issue 14): up to this many entries a document. */
#define TS_AUDIT_CSV_MAX      10000

/* Auditors and administrators: up to @limit entries after @after_seq in
 * the caller's scope, oldest first (GArray of TsAuditRecord); only those
 * written from @from to @to (days in Asia/Tokyo, both included;
 * TS_DATE_NONE: no bound).  @to before @from is a field error on "to". */
GArray  *ts_service_audit_list   (TsService  *self,
                                  TsContext  *ctx,
                                  gint64      after_seq,
                                  TsDate      from,
                                  TsDate      to,
                                  guint       limit,
                                  GError    **error);

/* The newest entry, to be written down outside the database. */
gboolean ts_service_audit_anchor (TsService     *self,
                                  TsContext     *ctx,
                                  TsAuditAnchor *out,
                                  GError       **error);

G_END_DECLS
