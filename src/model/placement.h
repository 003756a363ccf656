/*
 * 職親 work-experience placements (SPEC 2.3; Akita, seed 002): a placement
 * of one participant (a case) at one host, and its participation days.
 *
 * A TsPlacementRecord is one row of `placements` as plain data, with what
 * the store reads along with it (the case's nickname, the host's name, the
 * day counts); the service checks the rules (domain/placement.h), the store
 * only reads and writes it.  Every change bumps `version` (the ETag).
 *
 * A placement is created (POST, its own body: days and the pre-interview),
 * then changed only by its verbs (cancelling days, recording the
 * pre-interview as held, attendance): no field is patched, so the table's
 * writable fields are the ones a creation names.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

/* The bits of the fields a creation's body names (the table's writable
 * ones). */
typedef enum {
  TS_PLACEMENT_FIELD_CASE_ID       = 1 << 0,
  TS_PLACEMENT_FIELD_HOST_ID       = 1 << 1,
  TS_PLACEMENT_FIELD_HOURS_PER_DAY = 1 << 2,
  TS_PLACEMENT_FIELD_PRE_INTERVIEW = 1 << 3,
} TsPlacementFields;

#define TS_PLACEMENT_LIST_DEFAULT 50
#define TS_PLACEMENT_LIST_MAX     200

typedef struct {
  gint64   id;
  gint64   case_id;
  char    *case_nickname;           /* 相談上の名前; read with the row, never written */
  gint64   host_id;
  char    *host_name;               /* read with the row, never written */
  char    *kind;                    /* "short" or "regular", as agreed at creation */
  int      hours_per_day;
  TsDate   first_day;               /* of the days as created */
  TsDate   last_day;
  /* Read with the row (never written through it). */
  guint    days_scheduled;          /* not cancelled */
  guint    days_cancelled;
  guint    days_attended;
  /* Exactly one of the two is set: planned until recorded as held. */
  TsDate   pre_interview_held_on;   /* TS_DATE_NONE: not held yet */
  TsDate   pre_interview_planned_on;/* TS_DATE_NONE: not planned (held) */
  char   **pre_interview_attendees; /* never NULL; empty when planned without them */
  gint64   version;
  gint64   created_at;              /* Unix seconds */
  gint64   user_id;                 /* who created it; 0: the command line */
  gint64   updated_at;
  /* Read with the row (SPEC 2.6): a caller sees the placement when its
   * case's or its host's organisation is in its scope. */
  gint64   case_organisation_id;
  gint64   host_organisation_id;
} TsPlacementRecord;

extern const TsResource ts_placement_resource;

TsPlacementRecord *ts_placement_record_new  (void);
void               ts_placement_record_free (TsPlacementRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPlacementRecord, ts_placement_record_free)

/* GET /v1/placements: ?case_id, ?host_id, ?month (YYYY-MM). */
typedef struct {
  TsListQuery  list;
  gint64       case_id;             /* 0: any */
  gint64       host_id;             /* 0: any */
  gint64       organisation_id;     /* 0: any; the case's or the host's */
  const char  *month;               /* as given; NULL: any */
  TsDate       from;                /* the month's days (the service sets them): */
  TsDate       to;                  /* placements with a day in [from, to] */
} TsPlacementQuery;

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

G_END_DECLS
