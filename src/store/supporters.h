/*
 * Supporters, their direct training records and their status history.
 *
 * The records are in model/supporter.h; the store only reads and writes
 * them.  Lists (skills, interests, availability) are JSON text in the
 * table.  Every change to a supporter bumps its `version` (the ETag);
 * updates are optimistic (`WHERE id = ? AND version = ?`).
 */
#pragma once

#include <glib.h>

#include "model/supporter.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_supporter_insert   (TsStore                 *self,
                                      const TsSupporterRecord *record,
                                      gint64                   now,
                                      gint64                  *out_id,
                                      GError                 **error);
gboolean ts_store_supporter_update   (TsStore                 *self,
                                      const TsSupporterRecord *record,
                                      gint64                   expected_version,
                                      gint64                   now,
                                      GError                 **error);
gboolean ts_store_supporter_touch    (TsStore                 *self,
                                      gint64                   id,
                                      gint64                   now,
                                      GError                 **error);
char    *ts_store_supporter_next_code (TsStore                *self,
                                       const char             *prefix,
                                       GError                **error);
gboolean ts_store_supporter_training_insert (TsStore          *self,
                                             gint64            supporter_id,
                                             const char       *kind,
                                             TsDate            completed_on,
                                             gint64            course_id,
                                             gint64            now,
                                             gint64           *out_id,
                                             GError          **error);
gboolean ts_store_supporter_status_change_insert (TsStore           *self,
                                                  gint64             supporter_id,
                                                  TsSupporterStatus  from_status,
                                                  TsSupporterStatus  to_status,
                                                  TsDate             changed_on,
                                                  const char        *reason,
                                                  gint64             user_id,
                                                  gint64             now,
                                                  GError           **error);

/* Any thread. */
gboolean           ts_store_supporter_exists (TsStore *self, gint64 id, GError **error);
TsSupporterRecord *ts_store_supporter_get    (TsStore *self, gint64 id, GError **error);
GPtrArray         *ts_store_supporter_list   (TsStore                    *self,
                                              const TsSupporterListQuery *query,
                                              gint64                      after_id,
                                              guint                       limit,
                                              GError                    **error);
/* The registered and suspended supporters of the organisations in @scope
 * (gint64 ascending; NULL: all, SPEC 2.6), by id. */
GPtrArray         *ts_store_supporter_list_roster (TsStore  *self,
                                                   const GArray *scope,
                                                   GError  **error);
GArray            *ts_store_supporter_trainings   (TsStore  *self,
                                                   gint64    supporter_id,
                                                   GError  **error);
GArray            *ts_store_supporter_trainings_range (TsStore  *self,
                                                       gint64    first_id,
                                                       gint64    last_id,
                                                       GError  **error);
GPtrArray         *ts_store_supporter_status_changes  (TsStore  *self,
                                                       gint64    supporter_id,
                                                       GError  **error);
gboolean           ts_store_supporter_training_exists (TsStore    *self,
                                                       gint64      supporter_id,
                                                       const char *kind,
                                                       TsDate      completed_on,
                                                       gint64      course_id,
                                                       GError    **error);
char              *ts_store_supporter_course_kind     (TsStore  *self,
                                                       gint64    course_id,
                                                       GError  **error);

/* Insurance renewal for a fiscal year (issue 11): registered supporters
 * insured until before @until, or not at all, of the organisations in
 * @scope (gint64 ascending; NULL: all, SPEC 2.6). */
gboolean ts_store_supporter_insurance_renewable (TsStore  *self,
                                                 TsDate    until,
                                                 const GArray *scope,
                                                 gint64   *out_count,
                                                 GError  **error);
gboolean ts_store_supporter_insurance_renew     (TsStore  *self,
                                                 TsDate    until,
                                                 const GArray *scope,
                                                 guint     limit,
                                                 gint64    now,
                                                 GArray   *out_ids,
                                                 GError  **error);

G_END_DECLS
