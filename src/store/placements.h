/*
 * 職親 work-experience placements (SPEC 2.3; Akita, seed 002): a placement
 * of one participant (a case) at one host, and its participation days.
 *
 * The rules (kind, cap, capacity, double booking, pre-interview) are in
 * domain/placement.h; the store only gives the service the numbers they
 * need, read inside the service's write transaction when it re-checks them
 * (every function works there and sees the transaction's own rows).
 *
 * The records are in model/placement.h; the store only reads and writes
 * them.
 */
#pragma once

#include <glib.h>

#include "model/placement.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_placement_insert      (TsStore                 *self,
                                         const TsPlacementRecord *record,
                                         gint64                   now,
                                         gint64                  *out_id,
                                         GError                 **error);
gboolean ts_store_placement_days_insert (TsStore                 *self,
                                         gint64                   placement_id,
                                         gint64                   case_id,
                                         gint64                   host_id,
                                         const TsDate            *days,
                                         gsize                    n_days,
                                         GError                 **error);
/* Records the planned pre-interview as held, with who attended; a new
 * version.  NOT_FOUND for an unknown id. */
gboolean ts_store_placement_set_pre_interview_held (TsStore       *self,
                                                   gint64         id,
                                                   TsDate         held_on,
                                                   const char *const *attendees,
                                                   gint64         now,
                                                   GError       **error);
gboolean ts_store_placement_touch       (TsStore                 *self,
                                         gint64                   id,
                                         gint64                   now,
                                         GError                 **error);
GArray  *ts_store_placement_cancel_days (TsStore                 *self,
                                         gint64                   placement_id,
                                         TsDate                   from,
                                         TsDate                   to,
                                         gint64                   user_id,
                                         gint64                   now,
                                         GError                 **error);
gboolean ts_store_placement_day_set_attended (TsStore            *self,
                                              gint64              day_id,
                                              gboolean            attended,
                                              gint64              user_id,
                                              gint64              now,
                                              GError            **error);

/* Any thread. */
TsPlacementRecord *ts_store_placement_get        (TsStore                 *self,
                                                  gint64                   id,
                                                  GError                 **error);
GPtrArray         *ts_store_placement_list       (TsStore                 *self,
                                                  const TsPlacementQuery  *query,
                                                  gint64                   after_id,
                                                  guint                    limit,
                                                  GError                 **error);
GArray            *ts_store_placement_days       (TsStore                 *self,
                                                  gint64                   placement_id,
                                                  GError                 **error);
gboolean           ts_store_placement_day_get    (TsStore                 *self,
                                                  gint64                   placement_id,
                                                  TsDate                   date,
                                                  TsPlacementDay          *out,
                                                  GError                 **error);
GArray            *ts_store_placement_case_dates (TsStore                 *self,
                                                  gint64                   case_id,
                                                  GError                 **error);
GArray            *ts_store_placement_host_load  (TsStore                 *self,
                                                  gint64                   host_id,
                                                  TsDate                   from,
                                                  TsDate                   to,
                                                  GError                 **error);
gint64             ts_store_placement_host_future_days (TsStore           *self,
                                                        gint64             host_id,
                                                        TsDate             after,
                                                        GError           **error);
GPtrArray         *ts_store_placement_list_for_case (TsStore              *self,
                                                     gint64                case_id,
                                                     GError              **error);

/* A host's attended days in [from, to] for its monthly report (issue 16):
 * one row per participant-day, by case then date, with the stipend the
 * ledger holds for the day (its lines summed: reversals and adjustments
 * included). */
typedef struct {
  gint64  case_id;
  char   *nickname;
  TsDate  date;
  gint64  stipend_yen;
} TsHostAttendedDay;

void               ts_host_attended_day_free     (TsHostAttendedDay *day);
GPtrArray         *ts_store_placement_host_attended (TsStore              *self,
                                                     gint64                host_id,
                                                     TsDate                from,
                                                     TsDate                to,
                                                     GError              **error);

G_END_DECLS
