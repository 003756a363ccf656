/*
 * A programme's eligibility at intake (issue 17; seed 001 サポートネット
 * 訪問相談: 「義務教育終了後の１５歳以上」「６か月以上、ひきこもりの状態が
 * 続いている」).  Pure: what a case's age band and withdrawal say against a
 * programme's minimums.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TS_PROGRAMME_REASON_AGE_BELOW          = 1 << 0,
  TS_PROGRAMME_REASON_AGE_UNKNOWN        = 1 << 1,
  TS_PROGRAMME_REASON_WITHDRAWAL_SHORT   = 1 << 2,
  TS_PROGRAMME_REASON_WITHDRAWAL_UNKNOWN = 1 << 3,
} TsProgrammeReasons;

#define TS_PROGRAMME_N_REASONS 4

/* The reasons a case is outside a programme: @min_age and
 * @min_withdrawal_months -1 for none; @age_band a case's (10s … 70s+,
 * unknown); @withdrawal_months -1 for not known.  An age band is below
 * only when all of it is (10s is 10–19: a 15-year minimum admits it, the
 * coordinator confirms the age); unknown is a reason of its own. */
guint ts_programme_eligibility        (int         min_age,
                                       int         min_withdrawal_months,
                                       const char *age_band,
                                       int         withdrawal_months);
/* The reasons' stable names in bit order: age_below, age_unknown,
 * withdrawal_too_short, withdrawal_unknown.  Returns how many. */
guint ts_programme_reasons_to_strings (guint        reasons,
                                       const char  *out[TS_PROGRAMME_N_REASONS]);

G_END_DECLS
