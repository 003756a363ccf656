/*
 * The effective-dated rate table for honoraria (謝礼), transport and host
 * stipends (SPEC 2.4, 3.2 Rates).
 *
 * A rate set is plain data, so the store can fill an array of them and the
 * money rules can price a whole month without allocating.
 */
#pragma once

#include <glib.h>

#include "core/date.h"

G_BEGIN_DECLS

/* The kinds of activity a supporter reports (SPEC 3.2 vocabulary). */
typedef enum {
  TS_ACTIVITY_KIND_HOME_VISIT,
  TS_ACTIVITY_KIND_ACCOMPANY,
  TS_ACTIVITY_KIND_PHONE,
  TS_ACTIVITY_KIND_SPACE,
  TS_ACTIVITY_KIND_FAMILY_SUPPORT,
  TS_ACTIVITY_KIND_ONLINE,
} TsActivityKind;

#define TS_ACTIVITY_N_KINDS 6

const char  *ts_activity_kind_to_string   (TsActivityKind kind);
gboolean     ts_activity_kind_from_string (const char     *text,
                                           TsActivityKind *out);

/* The largest amount of yen any single rate or cost may hold: ten million
 * yen is three times Bunkyo's whole annual budget for the scheme (3,207千円,
 * seed 004), so anything larger is a typing error, and every product the
 * money rules form stays far inside gint64. */
#define TS_YEN_MAX G_GINT64_CONSTANT (10000000)

/* SPEC 2.3/3.2: 「県より、就労体験の受け入れ人数1人あたり1500円/日の支払いあり」
 * (Akita 職親, seed 002). */
#define TS_RATE_DEFAULT_HOST_STIPEND_PER_DAY_YEN G_GINT64_CONSTANT (1500)

/* Which fields of a by_kind override are given. */
typedef enum {
  TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY = 1 << 0,
  TS_RATE_FIELD_HONORARIUM_PER_HOUR     = 1 << 1,
  TS_RATE_FIELD_TRANSPORT_CAP           = 1 << 2,
} TsRateField;

/* by_kind: {KIND: {honorarium_per_activity_yen?, honorarium_per_hour_yen?,
 * transport_cap_yen?}}.  A field counts only when its bit is in @set; an
 * override with set == 0 changes nothing. */
typedef struct {
  guint  set;                          /* TsRateField bits */
  gint64 honorarium_per_activity_yen;
  gint64 honorarium_per_hour_yen;
  gint64 transport_cap_yen;
} TsRateOverride;

typedef struct {
  TsDate         effective_from;       /* TS_DATE_NONE only in the defaults */
  gint64         honorarium_per_activity_yen;
  gint64         honorarium_per_hour_yen;
  gint64         transport_cap_yen;
  gint64         host_stipend_per_day_yen;
  /* Issue 18: a supporter's hours at an event (居場所, 家族会, …); a set
   * given without it pays event hours at honorarium_per_hour_yen. */
  gint64         event_honorarium_per_hour_yen;
  TsRateOverride by_kind[TS_ACTIVITY_N_KINDS];  /* indexed by TsActivityKind */
} TsRateSet;

/* The rates for one kind of activity, overrides applied. */
typedef struct {
  gint64 honorarium_per_activity_yen;
  gint64 honorarium_per_hour_yen;
  gint64 transport_cap_yen;
} TsKindRates;

void              ts_rate_set_init_default   (TsRateSet *set);
const TsRateSet  *ts_rate_set_get_default    (void);

gboolean          ts_rate_set_resolve_kind   (const TsRateSet *set,
                                              TsActivityKind   kind,
                                              TsKindRates     *out);

const TsRateSet  *ts_rate_table_in_force     (const TsRateSet *sets,
                                              gsize            n_sets,
                                              TsDate           on,
                                              gboolean        *out_is_default);
gboolean          ts_rate_table_contains     (const TsRateSet *sets,
                                              gsize            n_sets,
                                              TsDate           effective_from);
gboolean          ts_rate_table_find_duplicate (const TsRateSet *sets,
                                                gsize            n_sets,
                                                gsize           *out_first,
                                                gsize           *out_second);

/* What is wrong with one field of a rate set. */
typedef enum {
  TS_RATE_ISSUE_MISSING,     /* effective_from is not a date */
  TS_RATE_ISSUE_NEGATIVE,
  TS_RATE_ISSUE_TOO_LARGE,   /* over TS_YEN_MAX */
} TsRateIssueCode;

typedef struct {
  TsRateIssueCode code;
  const char     *field;     /* static: "transport_cap_yen",
                              * "by_kind.phone.honorarium_per_hour_yen" */
} TsRateIssue;

/* 1 date + 5 amounts + 6 kinds × 3 overrides. */
#define TS_RATE_SET_MAX_ISSUES (1 + 5 + TS_ACTIVITY_N_KINDS * 3)

gsize             ts_rate_set_validate       (const TsRateSet *set,
                                              TsRateIssue     *issues,
                                              gsize            max_issues);
gboolean          ts_rate_set_is_valid       (const TsRateSet *set);
const char       *ts_rate_issue_message      (TsRateIssueCode code);

G_END_DECLS
