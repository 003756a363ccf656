/*
 * 職親 work-experience placements (SPEC 2.3, 3.2; Akita, seed 002; issue 6):
 * scheduling a participant's days at a registered host after the
 * pre-interview, cancelling future days, recording attendance (which pays
 * the host its stipend through the statement ledger), and the participant's
 * and the host's overviews.
 *
 * The rules are domain/placement.h's; they are checked again inside the
 * write transaction with the counts read there.  The single writer thread
 * runs one write function at a time, so two requests for the same
 * participant (or the same host and day) can never together pass the cap
 * (or the capacity) that each passes alone.
 *
 * Who may do what: staff (admin, coordinator) everything.  A host account
 * reads its own host's placements — of the participant it sees the
 * nickname only — and records their attendance; another host's placement is
 * "not found".  Auditors and supporters are refused (an auditor sees
 * placements only as counts, in the host calendar and the payment audit).
 * Every write is audited in its transaction; every read of a placement or
 * of a participant's summary is audited as a read of the case, before it is
 * answered.
 */
#pragma once

#include "domain/placement.h"
#include "model/placement.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  gint64              case_id;        /* 0: absent (reported as required) */
  gint64              host_id;
  const TsDate       *days;           /* TS_DATE_NONE: an entry that is not a date */
  gsize               n_days;
  gboolean            has_days;       /* FALSE: absent or not a list (reported) */
  gint64              hours_per_day;  /* -1: absent or not an integer (reported) */
  /* pre_interview: exactly one of held_on (it took place) and planned_on
   * (it is to take place). */
  TsDate              held_on;        /* pre_interview.held_on; TS_DATE_NONE: absent */
  TsDate              planned_on;     /* pre_interview.planned_on; TS_DATE_NONE: absent */
  gboolean            has_held_on;    /* the member was given (valid or not) */
  gboolean            has_planned_on;
  const char *const  *attendees;      /* pre_interview.attendees; NULL: absent */
  gsize               n_attendees;
} TsPlacementInput;

/* POST /v1/placements/{id}/pre-interview: the planned interview was held. */
typedef struct {
  TsDate              held_on;        /* TS_DATE_NONE: absent or invalid (reported) */
  const char *const  *attendees;      /* NULL: absent */
  gsize               n_attendees;
} TsPreInterviewInput;

/* A placement as the API shows it.  With @for_host (a host account) only
 * the participant's nickname is shown of the case, and nothing of the
 * participant's other placements. */
typedef struct {
  TsPlacementRecord *record;
  GArray            *days;                 /* TsPlacementDay, ascending; NULL in lists */
  GArray            *warnings;             /* TsPlacementWarning; create only, else NULL */
  gboolean           has_participant_days; /* the two below are set */
  guint              participant_days_used;
  guint              participant_days_remaining;
  gboolean           for_host;
} TsPlacementView;

void ts_placement_view_free (TsPlacementView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPlacementView, ts_placement_view_free)

/* List and read (service/resource.h); a host account lists its own
 * host's placements, and filtering them by case is refused. */
extern const TsResourceOps ts_placement_ops;

/* What one attendance record did to the host's money. */
typedef struct {
  TsDate   date;
  int      attended;                /* 0 or 1 */
  int      previous;                /* -1: not recorded before */
  gint64   recorded_at;
  gint64   stipend_yen;             /* the day's stipend at the rates in force on it */
  gint64   ledger_delta_yen;        /* what the ledger received: +stipend, -stipend or 0 */
  gboolean adjustment;              /* the month's statement was issued: an adjustment */
} TsAttendanceResult;

/* GET /v1/cases/{id}/placement-summary. */
typedef struct {
  gint64  host_id;
  char   *host_name;
  guint   days_used;                /* scheduled, not cancelled */
  guint   days_attended;
  guint   short_days;               /* of days_used, in short placements */
  guint   regular_days;
} TsPlacementHostSummary;

typedef struct {
  gint64      case_id;
  guint       cap_days;
  guint       days_used;
  guint       days_remaining;
  guint       days_attended;
  guint       short_days;
  guint       regular_days;
  GArray     *by_host;              /* TsPlacementHostSummary, by host id */
  GPtrArray  *placements;           /* TsPlacementRecord*, oldest first */
} TsPlacementSummary;

void ts_placement_summary_free (TsPlacementSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPlacementSummary, ts_placement_summary_free)

TsPlacementView    *ts_service_placement_create   (TsService              *self,
                                                   TsContext              *ctx,
                                                   const TsPlacementInput *input,
                                                   GError                **error);

/* POST /v1/placements/check (issue 14): what the create would do with the
 * same input, nothing written; audited as a read of the case. */
typedef struct {
  gint64            case_id;
  gint64            host_id;
  TsPlacementKind   kind;
  TsDate            first_day;
  TsDate            last_day;
  int               hours_per_day;
  GArray           *days;                       /* TsDate, ascending */
  guint             participant_days_used;      /* with this placement */
  guint             participant_days_remaining; /* after it */
  GArray           *warnings;                   /* TsPlacementWarning */
} TsPlacementCheck;

void ts_placement_check_free (TsPlacementCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPlacementCheck, ts_placement_check_free)

TsPlacementCheck   *ts_service_placement_check    (TsService              *self,
                                                   TsContext              *ctx,
                                                   const TsPlacementInput *input,
                                                   GError                **error);
/* Cancels the scheduled days in [from, to] (TS_DATE_NONE: tomorrow / no
 * end); both must be after today.  @out_cancelled gets the dates. */
TsPlacementView    *ts_service_placement_cancel_days (TsService           *self,
                                                      TsContext           *ctx,
                                                      gint64               id,
                                                      TsDate               from,
                                                      TsDate               to,
                                                      GArray             **out_cancelled,
                                                      GError             **error);
/* Records the placement's planned pre-interview as held: @held_on on or
 * before today and the first day, attendees as at creation.  The same
 * values again for one already held change nothing (the same answer);
 * other values are 409 pre_interview_already_held. */
TsPlacementView    *ts_service_placement_record_pre_interview (TsService                 *self,
                                                               TsContext                 *ctx,
                                                               gint64                     id,
                                                               const TsPreInterviewInput *input,
                                                               GError                   **error);
/* @attended: 0 or 1; -1 when the HTTP layer could not read it (reported).
 * 409 pre_interview_not_held while the pre-interview is only planned. */
gboolean            ts_service_placement_attendance (TsService           *self,
                                                     TsContext           *ctx,
                                                     gint64               id,
                                                     TsDate               date,
                                                     int                  attended,
                                                     TsAttendanceResult  *out,
                                                     GError             **error);
TsPlacementSummary *ts_service_placement_summary  (TsService              *self,
                                                   TsContext              *ctx,
                                                   gint64                  case_id,
                                                   GError                **error);

/* @date as the web page of @lang shows it: 令和8年12月3日 in Japanese,
 * 2026-12-03 otherwise (refusals and warnings name their dates so). */
char               *ts_placement_date_text        (TsLanguage              lang,
                                                   TsDate                  date);

/* The rule numbers in force (configuration, else SPEC 2.3's defaults). */
void                ts_service_placement_rules    (TsService              *self,
                                                   TsPlacementRules       *out);

G_END_DECLS
