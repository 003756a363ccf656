/*
 * 職親 work-experience placements (SPEC 2.3; Akita, seed 002): a placement
 * of one participant (a case) at one host, and its participation days.
 *
 * The rules (kind, cap, capacity, double booking, pre-interview) are in
 * domain/placement.h; the store only gives the service the numbers they
 * need, read inside the service's write transaction when it re-checks them
 * (every function works there and sees the transaction's own rows).
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64   id;
  gint64   case_id;
  gint64   host_id;
  char    *kind;                    /* "short" or "regular", as agreed at creation */
  int      hours_per_day;
  TsDate   first_day;               /* of the days as created */
  TsDate   last_day;
  /* Exactly one of the two is set: planned until recorded as held. */
  TsDate   pre_interview_held_on;   /* TS_DATE_NONE: not held yet */
  TsDate   pre_interview_planned_on;/* TS_DATE_NONE: not planned (held) */
  char   **pre_interview_attendees; /* never NULL; empty when planned without them */
  gint64   user_id;                 /* who created it; 0: the command line */
  gint64   version;
  gint64   created_at;              /* Unix seconds */
  gint64   updated_at;
  /* Read with the row (never written through it). */
  char    *case_nickname;           /* 相談上の名前 */
  char    *host_name;
  guint    days_scheduled;          /* not cancelled */
  guint    days_cancelled;
  guint    days_attended;
} TsPlacementRecord;

TsPlacementRecord *ts_placement_record_new  (void);
void               ts_placement_record_free (TsPlacementRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPlacementRecord, ts_placement_record_free)

/* One participation day. */
typedef struct {
  gint64  id;
  gint64  placement_id;
  TsDate  date;
  gint64  cancelled_at;             /* 0: not cancelled */
  gint64  cancelled_by;
  int     attended;                 /* -1: not recorded; 0 or 1 */
  gint64  recorded_at;              /* 0: never */
  gint64  recorded_by;
} TsPlacementDay;

/* Participants scheduled (not cancelled) at a host on one date. */
typedef struct {
  TsDate date;
  guint  scheduled;
  guint  attended;
} TsPlacementDayLoad;

typedef struct {
  gint64  case_id;                  /* 0: any */
  gint64  host_id;                  /* 0: any */
  TsDate  from;                     /* with @to: placements with a day in [from, to] */
  TsDate  to;
} TsPlacementFilter;

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
                                                  const TsPlacementFilter *filter,
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

G_END_DECLS
