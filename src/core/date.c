/*
 * Calendar dates in Asia/Tokyo.
 *
 * Every date the programme handles (training completions, visits, placement
 * days, statement months) is a local Japanese date.  The service may run on a
 * host whose zone is UTC, so "today" is computed explicitly in Asia/Tokyo,
 * and TSUNAGARI_TODAY (YYYY-MM-DD) pins it for tests and demonstrations.
 */
#include "core/date.h"

#include <string.h>

TsDate
ts_date_new (int year, int month, int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return TS_DATE_NONE;
  {
    GDate g;
    g_date_clear (&g, 1);
    g_date_set_dmy (&g, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    return g_date_get_julian (&g);
  }
}

static gboolean
parse_digits (const char *p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Strict YYYY-MM-DD: no time part, no spaces, no out-of-range days
 * (2025-02-30 is refused rather than rolled over). */
gboolean
ts_date_parse (const char *text, TsDate *out)
{
  int y, m, d;
  TsDate date;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
      !parse_digits (text + 8, 2, &d))
    return FALSE;
  date = ts_date_new (y, m, d);
  if (date == TS_DATE_NONE)
    return FALSE;
  if (out != NULL)
    *out = date;
  return TRUE;
}

void
ts_date_get_ymd (TsDate date, int *year, int *month, int *day)
{
  GDate g;

  g_return_if_fail (date != TS_DATE_NONE);
  g_date_clear (&g, 1);
  g_date_set_julian (&g, date);
  if (year)
    *year = g_date_get_year (&g);
  if (month)
    *month = g_date_get_month (&g);
  if (day)
    *day = g_date_get_day (&g);
}

int
ts_date_get_year (TsDate date)
{
  int y;
  ts_date_get_ymd (date, &y, NULL, NULL);
  return y;
}

/* ISO weekday: 1 = Monday … 7 = Sunday. */
int
ts_date_get_weekday (TsDate date)
{
  /* Julian day 1 (0001-01-01) was a Monday in the proleptic Gregorian calendar. */
  return (int) ((date - 1) % 7) + 1;
}

void
ts_date_format (TsDate date, char buf[11])
{
  int y, m, d;
  if (date == TS_DATE_NONE)
    {
      buf[0] = '\0';
      return;
    }
  ts_date_get_ymd (date, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", y, m, d);
}

char *
ts_date_to_string (TsDate date)
{
  char buf[11];
  if (date == TS_DATE_NONE)
    return NULL;
  ts_date_format (date, buf);
  return g_strdup (buf);
}

TsDate
ts_date_add_days (TsDate date, int days)
{
  g_return_val_if_fail (date != TS_DATE_NONE, TS_DATE_NONE);
  return (TsDate) ((gint64) date + days);
}

/* Adding months clamps to the end of the month: 31 Jan + 1 month = 28/29 Feb. */
TsDate
ts_date_add_months (TsDate date, int months)
{
  int y, m, d, total;

  g_return_val_if_fail (date != TS_DATE_NONE, TS_DATE_NONE);
  ts_date_get_ymd (date, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  if (d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y))
    d = g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
  return ts_date_new (y, m, d);
}

/* 29 February + N years is 28 February when the target year is not a leap
 * year (SPEC 2.1). */
TsDate
ts_date_add_years (TsDate date, int years)
{
  return ts_date_add_months (date, years * 12);
}

static GTimeZone *
tokyo_zone (void)
{
  static gsize zone = 0;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");
      /* Japan has had no daylight saving time since 1951. */
      if (tz == NULL)
        tz = g_time_zone_new_offset (9 * 3600);
      g_once_init_leave (&zone, (gsize) tz);
    }
  return (GTimeZone *) zone;
}

TsDate
ts_date_from_unix (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tokyo_zone ());
  return ts_date_new (g_date_time_get_year (local), g_date_time_get_month (local),
                      g_date_time_get_day_of_month (local));
}

TsDate
ts_date_today (void)
{
  const char *pinned = g_getenv ("TSUNAGARI_TODAY");
  TsDate date;

  if (pinned != NULL && ts_date_parse (pinned, &date))
    return date;
  return ts_date_from_unix (g_get_real_time () / G_USEC_PER_SEC);
}

/* @unix_seconds in Asia/Tokyo, as g_date_time_format() writes @format. */
char *
ts_timestamp_format (gint64 unix_seconds, const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tokyo_zone ());
  return g_date_time_format (local, format);
}

char *
ts_timestamp_from_unix (gint64 unix_seconds)
{
  return ts_timestamp_format (unix_seconds, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
ts_timestamp_now (void)
{
  return ts_timestamp_from_unix (g_get_real_time () / G_USEC_PER_SEC);
}

/* Strict YYYY-MM. */
gboolean
ts_month_parse (const char *text, int *year, int *month)
{
  int y, m;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m))
    return FALSE;
  if (y < 1 || m < 1 || m > 12)
    return FALSE;
  if (year)
    *year = y;
  if (month)
    *month = m;
  return TRUE;
}

/* The Japanese fiscal year (年度) runs from 1 April to 31 March and is named
 * by the calendar year in which it starts. */
int
ts_fiscal_year (TsDate date)
{
  int y, m;
  ts_date_get_ymd (date, &y, &m, NULL);
  return m >= 4 ? y : y - 1;
}
