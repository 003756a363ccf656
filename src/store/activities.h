/*
 * Activity reports (table `activities`, migration 0006) and the
 * Idempotency-Key answers that let a phone resend them safely.
 *
 * The record is model/activity.h's; approved rows never change (a trigger
 * refuses it).
 */
#pragma once

#include "model/activity.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_activity_insert        (TsStore                *self,
                                          const TsActivityRecord *record,
                                          gint64                  now,
                                          gint64                 *out_id,
                                          GError                **error);
/* A pending report's date, start, minutes, kind, transport and note;
 * TS_ERROR_PRECONDITION_FAILED when the version moved on, and
 * TS_ERROR_INVALID_TRANSITION when it is no longer pending. */
gboolean ts_store_activity_update        (TsStore                *self,
                                          const TsActivityRecord *record,
                                          gint64                  expected_version,
                                          gint64                  now,
                                          GError                **error);
/* pending → approved (with the amounts of @record), rejected (with its
 * reason) or withdrawn; TS_ERROR_INVALID_TRANSITION when the report is no
 * longer pending. */
gboolean ts_store_activity_decide        (TsStore                *self,
                                          const TsActivityRecord *record,
                                          gint64                  now,
                                          GError                **error);

/* Any thread, also inside a write function.  NULL with
 * TS_ERROR_NOT_FOUND when there is no such report. */
TsActivityRecord *ts_store_activity_get  (TsStore                *self,
                                          gint64                  id,
                                          GError                **error);
/* In id order after @after_id; GPtrArray of TsActivityRecord*. */
GPtrArray        *ts_store_activity_list (TsStore                *self,
                                          const TsActivityQuery  *filter,
                                          gint64                  after_id,
                                          guint                   limit,
                                          GError                **error);

/* How many reports @supporter_id made for @date that still count: pending
 * or approved, reversals left out.  -1 with @error set on failure. */
int               ts_store_activity_count_day (TsStore  *self,
                                               gint64    supporter_id,
                                               TsDate    date,
                                               GError  **error);

/* What a report's eligibility rules read about its supporter (SPEC 2.1),
 * without the rest of the record: the status, the registration date, the
 * insurance and the training completions (TsTrainingRecord with kind and
 * completed_on).  Any thread, also inside a write function; FALSE with
 * TS_ERROR_NOT_FOUND when there is no such supporter. */
typedef struct {
  char    status[16];                   /* applicant, registered, … */
  TsDate  registered_on;                /* TS_DATE_NONE: never */
  TsDate  insurance_until;              /* TS_DATE_NONE: not insured */
  GArray *trainings;                    /* TsTrainingRecord (store/supporters.h) */
} TsReporterFacts;

void     ts_reporter_facts_clear         (TsReporterFacts *facts);
gboolean ts_store_activity_reporter_facts (TsStore         *self,
                                           gint64           supporter_id,
                                           TsReporterFacts *out,
                                           GError         **error);

/* ---- Idempotency-Key ----------------------------------------------- */

typedef struct {
  char  *request_hash;
  guint  status;
  char  *response_body;
  gint64 created_at;
} TsIdempotencyRecord;

void ts_idempotency_record_free (TsIdempotencyRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsIdempotencyRecord, ts_idempotency_record_free)

/* Any thread, also inside a write function (where it sees the
 * transaction's own rows).  NULL without an error when there is none. */
TsIdempotencyRecord *ts_store_idempotency_get    (TsStore     *self,
                                                  gint64       user_id,
                                                  const char  *key,
                                                  GError     **error);
/* Writer thread only. */
gboolean             ts_store_idempotency_insert (TsStore     *self,
                                                  gint64       user_id,
                                                  const char  *key,
                                                  const char  *request_hash,
                                                  guint        status,
                                                  const char  *response_body,
                                                  gint64       now,
                                                  GError     **error);
/* Writer thread only: removes answers created before @before. */
gboolean             ts_store_idempotency_purge  (TsStore     *self,
                                                  gint64       before,
                                                  guint       *out_removed,
                                                  GError     **error);

G_END_DECLS
