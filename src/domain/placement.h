/*
 * 職親 work-experience placements (SPEC 2.3, Akita, seed 002): the rules a
 * placement request must satisfy, as pure functions of the request and of
 * counts the caller has read from the store.
 *
 * Dates are TsDate; arrays of dates that these functions return are GArrays
 * of TsDate, ascending and without repeats, owned by the caller (never NULL,
 * possibly empty).
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "core/config.h"

G_BEGIN_DECLS

/* Rule numbers (SPEC 2: every number is a default configuration can change). */
typedef struct {
  guint cap_days;              /* participation days per participant in total, 240 */
  guint max_days_per_request;  /* days in one placement request, 240 */
  guint regular_min_span_days; /* span (inclusive) from which a placement is regular, 14 */
} TsPlacementRules;

#define TS_PLACEMENT_RULES_DEFAULT_CAP_DAYS              240
#define TS_PLACEMENT_RULES_DEFAULT_MAX_DAYS_PER_REQUEST  240
#define TS_PLACEMENT_RULES_DEFAULT_REGULAR_MIN_SPAN_DAYS 14
#define TS_PLACEMENT_RULES_INIT \
  { TS_PLACEMENT_RULES_DEFAULT_CAP_DAYS, \
    TS_PLACEMENT_RULES_DEFAULT_MAX_DAYS_PER_REQUEST, \
    TS_PLACEMENT_RULES_DEFAULT_REGULAR_MIN_SPAN_DAYS }

TS_DECLARE_CONFIG_RULES (ts_placement_rules, TsPlacementRules)

/* Hours per day (issue 6: 1..8; the seed leaves the hours to be agreed). */
#define TS_PLACEMENT_MIN_HOURS_PER_DAY 1
#define TS_PLACEMENT_MAX_HOURS_PER_DAY 8

gboolean     ts_placement_hours_per_day_valid (gint64 hours);

/* --- Kind ------------------------------------------------------------- */

typedef enum {
  TS_PLACEMENT_KIND_SHORT,    /* 短期参加: 1日～2週間未満 */
  TS_PLACEMENT_KIND_REGULAR,  /* 通常参加: 2週間以上 */
} TsPlacementKind;

guint            ts_placement_span_days          (TsDate first,
                                                  TsDate last);
TsPlacementKind  ts_placement_kind_for_span      (TsDate                  first,
                                                  TsDate                  last,
                                                  const TsPlacementRules *rules);
const char      *ts_placement_kind_to_string     (TsPlacementKind kind);
gboolean         ts_placement_kind_from_string   (const char      *text,
                                                  TsPlacementKind *out);

/* --- The list of days in a request -------------------------------------- */

typedef enum {
  TS_PLACEMENT_DAYS_OK,
  TS_PLACEMENT_DAYS_EMPTY,         /* no days */
  TS_PLACEMENT_DAYS_TOO_MANY,      /* more than rules->max_days_per_request entries */
  TS_PLACEMENT_DAYS_INVALID_DATE,  /* an entry is TS_DATE_NONE */
  TS_PLACEMENT_DAYS_DUPLICATE,     /* a date occurs more than once */
} TsPlacementDaysResult;

TsPlacementDaysResult  ts_placement_days_validate          (const TsDate           *days,
                                                            gsize                   n_days,
                                                            const TsPlacementRules *rules,
                                                            GArray                **out_sorted,
                                                            GArray                **out_duplicates);
const char            *ts_placement_days_result_to_string  (TsPlacementDaysResult result);

/* --- The participant's cap and double booking --------------------------- */

guint      ts_placement_cap_remaining          (guint                   days_used,
                                                const TsPlacementRules *rules);
gboolean   ts_placement_cap_allows             (guint                   days_used,
                                                guint                   new_days,
                                                const TsPlacementRules *rules,
                                                guint                  *out_remaining_days);
GArray    *ts_placement_double_booked_days     (const TsDate *scheduled,
                                                gsize         n_scheduled,
                                                const TsDate *days,
                                                gsize         n_days);

/* --- The host's capacity per day ---------------------------------------- */

typedef struct {
  TsDate date;
  guint  participants;  /* scheduled, not cancelled, at this host on this date */
} TsPlacementDayCount;

GArray    *ts_placement_capacity_exceeded_days (const TsPlacementDayCount *counts,
                                                gsize                      n_counts,
                                                const TsDate              *days,
                                                gsize                      n_days,
                                                guint                      capacity_per_day);

/* --- Warnings: public holidays and the host's closed weekdays ------------ */

/* A host's open weekdays are a TS_WEEKDAY_BIT mask (core/date.h). */

typedef enum {
  TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY,  /* the date is a 祝日/振替休日/国民の休日 */
  TS_PLACEMENT_WARNING_HOST_CLOSED,     /* the host is not open on that weekday */
} TsPlacementWarningKind;

typedef struct {
  TsDate                  date;
  TsPlacementWarningKind  kind;
  const char             *holiday_name; /* PUBLIC_HOLIDAY only; static, Japanese */
} TsPlacementWarning;

GArray      *ts_placement_warnings                  (const TsDate *days,
                                                     gsize         n_days,
                                                     guint         weekdays_open);
const char  *ts_placement_warning_kind_to_string    (TsPlacementWarningKind kind);

/* --- The pre-interview (事前面談) ---------------------------------------- */

typedef enum {
  TS_PRE_INTERVIEW_PARTICIPANT = 1 << 0,  /* 本人 */
  TS_PRE_INTERVIEW_FAMILY      = 1 << 1,  /* 家族 */
  TS_PRE_INTERVIEW_HOST        = 1 << 2,  /* 職親 */
  TS_PRE_INTERVIEW_COORDINATOR = 1 << 3,  /* 相談窓口担当者 */
} TsPreInterviewAttendee;

#define TS_PRE_INTERVIEW_REQUIRED \
  (TS_PRE_INTERVIEW_PARTICIPANT | TS_PRE_INTERVIEW_HOST | TS_PRE_INTERVIEW_COORDINATOR)

typedef enum {
  TS_PRE_INTERVIEW_HELD_ON_OK,
  TS_PRE_INTERVIEW_HELD_ON_MISSING,          /* TS_DATE_NONE */
  TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY,  /* later than the placement's first day */
  TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD,     /* later than today: planned, not held */
  TS_PRE_INTERVIEW_HELD_ON_PLANNED_PAST,     /* a planned date before today */
} TsPreInterviewHeldOnResult;

typedef enum {
  TS_PRE_INTERVIEW_ATTENDEES_OK,
  TS_PRE_INTERVIEW_ATTENDEES_MISSING,     /* absent or empty */
  TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN,     /* a value outside the four above */
  TS_PRE_INTERVIEW_ATTENDEES_DUPLICATE,   /* a value given twice */
  TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE,  /* participant, host or coordinator absent */
} TsPreInterviewAttendeesResult;

typedef struct {
  TsPreInterviewHeldOnResult     held_on;        /* of held_on, or planned_on when planned */
  TsPreInterviewAttendeesResult  attendees;
  guint                          present;        /* TsPreInterviewAttendee bits given */
  guint                          missing;        /* required bits not given */
  gssize                         attendee_index; /* first UNKNOWN/DUPLICATE entry, else -1 */
} TsPreInterviewCheck;

gboolean     ts_pre_interview_check                 (TsDate               held_on,
                                                     const char *const   *attendees,
                                                     gsize                n_attendees,
                                                     TsDate               first_day,
                                                     TsDate               today,
                                                     TsPreInterviewCheck *out);
gboolean     ts_pre_interview_check_planned         (TsDate               planned_on,
                                                     const char *const   *attendees,
                                                     gsize                n_attendees,
                                                     TsDate               first_day,
                                                     TsDate               today,
                                                     TsPreInterviewCheck *out);
gboolean     ts_pre_interview_is_held               (TsDate               held_on);
const char  *ts_pre_interview_attendee_to_string    (TsPreInterviewAttendee attendee);
gboolean     ts_pre_interview_attendee_from_string  (const char             *text,
                                                     TsPreInterviewAttendee *out);
const char  *ts_pre_interview_held_on_result_to_string   (TsPreInterviewHeldOnResult result);
const char  *ts_pre_interview_attendees_result_to_string (TsPreInterviewAttendeesResult result);

G_END_DECLS
