/*
 * The Japanese fiscal year (年度) and era names (和暦).
 *
 * SPEC 2.4: reports follow the fiscal year, 1 April – 31 March, named by
 * the calendar year in which it starts, and Japanese output shows 令和
 * years.  Bunkyo's own documents are dated that way: 「令和7年度 文京区版
 * ひきこもり総合対策について」, 「令和7年8月22日」 (seed 004); its budget for
 * the scheme, 3,207千円, is a 令和7年度 (FY 2025) figure.
 *
 * The era names are Japanese text, not translatable messages: an English
 * page shows the Gregorian year instead, so they carry no N_().
 */
#include "domain/fiscal.h"

gboolean
ts_fiscal_year_is_valid (int fiscal_year)
{
  return fiscal_year >= TS_FISCAL_YEAR_MIN && fiscal_year <= TS_FISCAL_YEAR_MAX;
}

/* The twelve months of @fiscal_year in order: April to December of
 * @fiscal_year, then January to March of the next calendar year. */
gboolean
ts_fiscal_year_months (int         fiscal_year,
                       TsYearMonth out[TS_FISCAL_YEAR_N_MONTHS])
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (!ts_fiscal_year_is_valid (fiscal_year))
    return FALSE;
  for (int i = 0; i < TS_FISCAL_YEAR_N_MONTHS; i++)
    {
      int month = 4 + i;

      out[i].year = month <= 12 ? fiscal_year : fiscal_year + 1;
      out[i].month = month <= 12 ? month : month - 12;
    }
  return TRUE;
}

/* The fiscal year a calendar month belongs to: January–March belong to
 * the fiscal year that started the previous April.  The same rule as
 * ts_fiscal_year() for every day of the month. */
int
ts_fiscal_year_of_month (int year,
                         int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  return month >= 4 ? year : year - 1;
}

/* 0 for April … 11 for March: the position of @month in a fiscal year, for
 * "by month" arrays in the audit. */
int
ts_fiscal_month_index (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, -1);

  return (month + 8) % 12;
}

gboolean
ts_fiscal_year_contains_month (int fiscal_year,
                               int year,
                               int month)
{
  if (month < 1 || month > 12)
    return FALSE;
  return ts_fiscal_year_of_month (year, month) == fiscal_year;
}

gboolean
ts_fiscal_year_contains_date (int    fiscal_year,
                              TsDate date)
{
  g_return_val_if_fail (date != TS_DATE_NONE, FALSE);

  return ts_fiscal_year (date) == fiscal_year;
}

/* 1 April of @fiscal_year, or TS_DATE_NONE outside the supported range. */
TsDate
ts_fiscal_year_first_day (int fiscal_year)
{
  if (!ts_fiscal_year_is_valid (fiscal_year))
    return TS_DATE_NONE;
  return ts_date_new (fiscal_year, 4, 1);
}

/* 31 March of the next calendar year, or TS_DATE_NONE. */
TsDate
ts_fiscal_year_last_day (int fiscal_year)
{
  if (!ts_fiscal_year_is_valid (fiscal_year))
    return TS_DATE_NONE;
  return ts_date_new (fiscal_year + 1, 3, 31);
}

/*
 * Era starts, latest first.  明治 is supported only from 1873-01-01, when
 * Japan adopted the Gregorian calendar (明治6年): earlier dates were
 * lunisolar, so a Gregorian date before it has no faithful 和暦 rendering.
 * Its era years still count from 1868 (明治元年).
 */
typedef struct {
  TsEra       era;
  const char *name;
  int         first_year;   /* 元年 */
  int         year, month, day;
} EraStart;

static const EraStart eras[] = {
  { TS_ERA_REIWA, "令和", 2019, 2019, 5, 1 },
  { TS_ERA_HEISEI, "平成", 1989, 1989, 1, 8 },
  { TS_ERA_SHOWA, "昭和", 1926, 1926, 12, 25 },
  { TS_ERA_TAISHO, "大正", 1912, 1912, 7, 30 },
  { TS_ERA_MEIJI, "明治", 1868, 1873, 1, 1 },
};

const char *
ts_era_name (TsEra era)
{
  for (gsize i = 0; i < G_N_ELEMENTS (eras); i++)
    if (eras[i].era == era)
      return eras[i].name;
  g_return_val_if_reached (NULL);
}

static const EraStart *
era_on (TsDate date)
{
  for (gsize i = 0; i < G_N_ELEMENTS (eras); i++)
    if (date >= ts_date_new (eras[i].year, eras[i].month, eras[i].day))
      return &eras[i];
  return NULL;
}

/* The era in force on @date and the year within it (1 for 元年).  FALSE
 * before 1873-01-01. */
gboolean
ts_wareki_from_date (TsDate date,
                     TsEra *out_era,
                     int   *out_era_year)
{
  const EraStart *e;
  int y;

  g_return_val_if_fail (date != TS_DATE_NONE, FALSE);

  e = era_on (date);
  if (e == NULL)
    return FALSE;
  ts_date_get_ymd (date, &y, NULL, NULL);
  if (out_era != NULL)
    *out_era = e->era;
  if (out_era_year != NULL)
    *out_era_year = y - e->first_year + 1;
  return TRUE;
}

/*
 * The name of a calendar year: the era in force on its last day.  A year in
 * which the era changed is named by the new era, as calendars and forms
 * do: 2019 is 令和元年 (not 平成31年), 1989 平成元年.
 */
gboolean
ts_wareki_from_year (int    gregorian_year,
                     TsEra *out_era,
                     int   *out_era_year)
{
  TsDate last = ts_date_new (gregorian_year, 12, 31);

  if (last == TS_DATE_NONE)
    return FALSE;
  return ts_wareki_from_date (last, out_era, out_era_year);
}

static char *
format_era_year (TsEra       era,
                 int         era_year,
                 const char *suffix)
{
  if (era_year == 1)
    return g_strconcat (ts_era_name (era), "元", suffix, NULL);
  return g_strdup_printf ("%s%d%s", ts_era_name (era), era_year, suffix);
}

/* "令和7年" for 2025, "令和元年" for 2019; NULL before 1873. */
char *
ts_wareki_year_name (int gregorian_year)
{
  TsEra era;
  int n;

  if (!ts_wareki_from_year (gregorian_year, &era, &n))
    return NULL;
  return format_era_year (era, n, "年");
}

/*
 * "令和7年度" for fiscal year 2025: the name of the calendar year in which
 * the fiscal year starts, followed by 度.  So FY 2018 (April 2018 – March
 * 2019) is 平成30年度, and FY 2019 (April 2019 – March 2020) is 令和元年度,
 * as the government renamed it after the change of era on 1 May 2019 even
 * though its first month was still 平成; FY 1988 is 昭和63年度 and FY 1989
 * 平成元年度.  NULL outside TS_FISCAL_YEAR_MIN..MAX or before 1873.
 */
char *
ts_wareki_fiscal_year_name (int fiscal_year)
{
  TsEra era;
  int n;

  if (!ts_fiscal_year_is_valid (fiscal_year) ||
      !ts_wareki_from_year (fiscal_year, &era, &n))
    return NULL;
  return format_era_year (era, n, "年度");
}

/* "令和7年4月1日": the era in force on that very day, so 2019-04-30 is
 * 平成31年4月30日 and 2019-05-01 令和元年5月1日.  NULL before 1873. */
char *
ts_wareki_date (TsDate date)
{
  g_autofree char *year = NULL;
  TsEra era;
  int n, m, d;

  g_return_val_if_fail (date != TS_DATE_NONE, NULL);

  if (!ts_wareki_from_date (date, &era, &n))
    return NULL;
  ts_date_get_ymd (date, NULL, &m, &d);
  year = format_era_year (era, n, "年");
  return g_strdup_printf ("%s%d月%d日", year, m, d);
}
