/*
 * Training compliance on a date (SPEC 2.5): counts by qualification status,
 * overall and per municipality, and the lapsed and due-soon supporters, for
 * the prefecture's auditors (GET /v1/audit/training).
 *
 * The roster audited is every supporter who is registered or suspended now
 * and was registered on or before the date: applicants are not yet
 * expected to be qualified, retired supporters no longer are.
 */
#pragma once

#include "service/supporters.h"

G_BEGIN_DECLS

typedef struct {
  int total;
  int valid;
  int due_soon;
  int lapsed;
  int untrained;
} TsQualificationCounts;

typedef struct {
  char                  *municipality_code;
  char                  *municipality_name;  /* NULL when not in the table */
  const char            *prefecture_name;
  TsQualificationCounts  counts;
} TsTrainingAuditPlace;

/* One organisation's supporters (SPEC 2.6). */
typedef struct {
  gint64                 organisation_id;
  char                  *name;
  TsQualificationCounts  counts;
} TsTrainingAuditOrganisation;

typedef struct {
  gint64             id;
  gint64             organisation_id;
  char              *code;
  char              *name;
  TsSupporterStatus  status;
  char              *municipality_code;
  char              *municipality_name;
  TsQualification    qualification;
} TsTrainingAuditEntry;

typedef struct {
  TsDate                 on;
  TsQualificationCounts  counts;
  GPtrArray             *places;     /* TsTrainingAuditPlace*, by code */
  GPtrArray             *organisations; /* TsTrainingAuditOrganisation*, by id */
  GPtrArray             *lapsed;     /* TsTrainingAuditEntry*, by due date then id */
  GPtrArray             *due_soon;   /* likewise */
} TsTrainingAudit;

void ts_training_audit_free (TsTrainingAudit *audit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsTrainingAudit, ts_training_audit_free)

TsTrainingAudit *ts_service_training_audit (TsService  *self,
                                            TsContext  *ctx,
                                            TsDate      on,
                                            GError    **error);

G_END_DECLS
