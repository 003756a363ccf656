/*
 * The Japanese fiscal year (年度) and Japanese era (和暦) names for the
 * payment audit and Japanese output (SPEC 2.4, 2.5).
 *
 * The fiscal year of a date is ts_fiscal_year() in core/date.h; this file
 * adds what the audit needs around it.
 */
#pragma once

#include <glib.h>

#include "core/date.h"

G_BEGIN_DECLS

typedef struct {
  int year;
  int month;   /* 1..12 */
} TsYearMonth;

#define TS_FISCAL_YEAR_N_MONTHS 12

/* Fiscal years whose every day is a TsDate (year 1..9999). */
#define TS_FISCAL_YEAR_MIN 1
#define TS_FISCAL_YEAR_MAX 9998

gboolean     ts_fiscal_year_is_valid        (int fiscal_year);
gboolean     ts_fiscal_year_months          (int         fiscal_year,
                                             TsYearMonth out[TS_FISCAL_YEAR_N_MONTHS]);
int          ts_fiscal_year_of_month        (int year,
                                             int month);
int          ts_fiscal_month_index          (int month);
gboolean     ts_fiscal_year_contains_month  (int fiscal_year,
                                             int year,
                                             int month);
gboolean     ts_fiscal_year_contains_date   (int    fiscal_year,
                                             TsDate date);
TsDate       ts_fiscal_year_first_day       (int fiscal_year);
TsDate       ts_fiscal_year_last_day        (int fiscal_year);

typedef enum {
  TS_ERA_MEIJI,    /* 明治 (from 1873-01-01, the Gregorian calendar) */
  TS_ERA_TAISHO,   /* 大正 1912-07-30 */
  TS_ERA_SHOWA,    /* 昭和 1926-12-25 */
  TS_ERA_HEISEI,   /* 平成 1989-01-08 */
  TS_ERA_REIWA,    /* 令和 2019-05-01 */
} TsEra;

const char  *ts_era_name                    (TsEra era);
gboolean     ts_wareki_from_date            (TsDate date,
                                             TsEra *out_era,
                                             int   *out_era_year);
gboolean     ts_wareki_from_year            (int    gregorian_year,
                                             TsEra *out_era,
                                             int   *out_era_year);
char        *ts_wareki_year_name            (int gregorian_year);
char        *ts_wareki_fiscal_year_name     (int fiscal_year);
char        *ts_wareki_date                 (TsDate date);

G_END_DECLS
