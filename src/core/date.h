/*
 * Calendar dates in Asia/Tokyo.
 *
 * A TsDate is a day number (GLib's Julian day: 1 = 0001-01-01), so dates are
 * compared and subtracted as integers and a date fits a struct of plain data.
 * 0 means "no date".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef guint32 TsDate;

#define TS_DATE_NONE ((TsDate) 0)

TsDate    ts_date_new          (int year, int month, int day);
gboolean  ts_date_parse        (const char *text, TsDate *out);
char     *ts_date_to_string    (TsDate date);
void      ts_date_format       (TsDate date, char buf[11]);
void      ts_date_get_ymd      (TsDate date, int *year, int *month, int *day);
int       ts_date_get_year     (TsDate date);
int       ts_date_get_weekday  (TsDate date);
TsDate    ts_date_add_days     (TsDate date, int days);
TsDate    ts_date_add_months   (TsDate date, int months);
TsDate    ts_date_add_years    (TsDate date, int years);
TsDate    ts_date_today        (void);
TsDate    ts_date_from_unix    (gint64 unix_seconds);
char     *ts_timestamp_now     (void);
char     *ts_timestamp_from_unix (gint64 unix_seconds);
char     *ts_timestamp_format    (gint64 unix_seconds, const char *format);
gboolean  ts_month_parse       (const char *text, int *year, int *month);
int       ts_fiscal_year       (TsDate date);

/* A set of weekdays as a bitmask: bit (ISO weekday − 1), Monday = 1, as
 * ts_date_get_weekday() numbers them (a host's open weekdays).  Here, not
 * in domain/, because the record and its JSON carry the mask too. */
#define TS_WEEKDAY_BIT(iso_weekday) (1u << ((iso_weekday) - 1))
#define TS_WEEKDAYS_ALL             0x7fu
#define TS_WEEKDAYS_MONDAY_TO_FRIDAY 0x1fu

G_END_DECLS
