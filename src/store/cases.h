/*
 * Cases: the pseudonymous case registry (SPEC 2.2, 3.2), with assessments,
 * support-plan revisions and excluded supporter pairs.
 *
 * The records are in model/case.h; the store only reads and writes them.
 * Every change to a case's representation bumps its `version` (the ETag);
 * updates are optimistic (`WHERE id = ? AND version = ?`).
 *
 * For the matcher and the assignment use cases, TsCaseMatchInfo bundles a
 * case with what matching needs besides the row: its excluded supporters and
 * the supporters who ever had an assignment with it (continuity).  Both
 * loaders work on any thread, also inside a write function (where they see
 * the transaction's own state, for re-checks before committing).
 */
#pragma once

#include <glib-object.h>

#include "model/case.h"
#include "store/store.h"
#include "store/supporters.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_case_insert            (TsStore            *self,
                                          const TsCaseRecord *record,
                                          gint64              now,
                                          gint64             *out_id,
                                          GError            **error);
gboolean ts_store_case_update            (TsStore            *self,
                                          const TsCaseRecord *record,
                                          gint64              expected_version,
                                          gint64              now,
                                          GError            **error);
char    *ts_store_case_next_code         (TsStore            *self,
                                          const char         *prefix,
                                          GError            **error);
gboolean ts_store_case_assessment_insert (TsStore            *self,
                                          gint64              case_id,
                                          TsDate              held_on,
                                          const char *const  *participants,
                                          const char         *summary,
                                          gint64              user_id,
                                          gint64              now,
                                          GError            **error);
gboolean ts_store_case_plan_insert       (TsStore            *self,
                                          gint64              case_id,
                                          int                 revision,
                                          const char *const  *goals,
                                          TsDate              review_on,
                                          gint64              user_id,
                                          gint64              now,
                                          GError            **error);
gboolean ts_store_case_exclusion_insert  (TsStore            *self,
                                          gint64              case_id,
                                          gint64              supporter_id,
                                          const char         *reason,
                                          const char         *note,
                                          gint64              user_id,
                                          gint64              now,
                                          gint64             *out_id,
                                          GError            **error);

/* Any thread. */
gboolean      ts_store_case_exists       (TsStore  *self,
                                          gint64    id,
                                          GError  **error);
TsCaseRecord *ts_store_case_get          (TsStore  *self,
                                          gint64    id,
                                          GError  **error);
GPtrArray    *ts_store_case_list         (TsStore            *self,
                                          const TsCaseQuery  *query,
                                          gint64              after_id,
                                          guint               limit,
                                          GError            **error);
GPtrArray    *ts_store_case_assessments  (TsStore  *self,
                                          gint64    case_id,
                                          GError  **error);
GPtrArray    *ts_store_case_plans        (TsStore  *self,
                                          gint64    case_id,
                                          GError  **error);
GPtrArray    *ts_store_case_exclusions   (TsStore  *self,
                                          gint64    case_id,
                                          GError  **error);
int           ts_store_case_open_assignments (TsStore  *self,
                                              gint64    case_id,
                                              GError  **error);
gboolean      ts_store_case_supporter_has_active_assignment (TsStore  *self,
                                                             gint64    case_id,
                                                             gint64    supporter_id,
                                                             TsDate    on,
                                                             GError  **error);
TsCaseMatchInfo *ts_store_case_get_for_matching   (TsStore  *self,
                                                   gint64    id,
                                                   GError  **error);
GPtrArray       *ts_store_case_list_open_for_matching (TsStore  *self,
                                                       GError  **error);
GPtrArray       *ts_store_case_list_open_for_matching_in (TsStore       *self,
                                                          const GArray  *scope,
                                                          GError       **error);

G_END_DECLS
