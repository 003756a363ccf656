/*
 * Japanese public holidays (src/domain/holidays.c, data/holidays-jp.tsv).
 *
 * Besides known dates, the whole table is checked against the 振替休日 rule
 * of 祝日法 第3条第2項 (as amended in 2005, in force from 2007): a holiday on
 * a Sunday makes the first following day that is not a holiday a holiday.
 * That rule is restated here independently of the package's generator, so
 * a table that lost or gained a row would disagree with it.
 */
#include <string.h>

#include "domain/holidays.h"

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static void
test_known_dates (void)
{
  g_assert_cmpstr (ts_holiday_name (date ("2025-01-01")), ==, "元日");
  g_assert_cmpstr (ts_holiday_name (date ("2025-05-06")), ==, "こどもの日 振替休日");
  g_assert_null (ts_holiday_name (date ("2025-05-07")));
  g_assert_null (ts_holiday_name (date ("2025-01-02")));
  g_assert_null (ts_holiday_name (date ("2025-12-31")));
  /* 国民の休日: a weekday between two holidays. */
  g_assert_cmpstr (ts_holiday_name (date ("2026-09-22")), ==, "休日");
  g_assert_cmpstr (ts_holiday_name (date ("2027-01-01")), ==, "元日");
  g_assert_cmpstr (ts_holiday_name (date ("2027-03-22")), ==, "春分の日 振替休日");
  g_assert_null (ts_holiday_name (TS_DATE_NONE));
}

/* 2025 in full, as published by the Cabinet Office (内閣府「令和7年（2025年）
 * の国民の祝日・休日」). */
static void
test_year_2025 (void)
{
  static const struct {
    const char *date;
    const char *name;
  } expected[] = {
    { "2025-01-01", "元日" },
    { "2025-01-13", "成人の日" },
    { "2025-02-11", "建国記念の日" },
    { "2025-02-23", "天皇誕生日" },
    { "2025-02-24", "天皇誕生日 振替休日" },
    { "2025-03-20", "春分の日" },
    { "2025-04-29", "昭和の日" },
    { "2025-05-03", "憲法記念日" },
    { "2025-05-04", "みどりの日" },
    { "2025-05-05", "こどもの日" },
    { "2025-05-06", "こどもの日 振替休日" },
    { "2025-07-21", "海の日" },
    { "2025-08-11", "山の日" },
    { "2025-09-15", "敬老の日" },
    { "2025-09-23", "秋分の日" },
    { "2025-10-13", "スポーツの日" },
    { "2025-11-03", "文化の日" },
    { "2025-11-23", "勤労感謝の日" },
    { "2025-11-24", "勤労感謝の日 振替休日" },
  };
  gsize found = 0;
  gsize k = 0;

  for (TsDate d = date ("2025-01-01"); d <= date ("2025-12-31"); d++)
    {
      const char *name = ts_holiday_name (d);
      g_autofree char *text = ts_date_to_string (d);

      if (k < G_N_ELEMENTS (expected) && g_str_equal (text, expected[k].date))
        {
          g_assert_cmpstr (name, ==, expected[k].name);
          k++;
          found++;
        }
      else if (name != NULL)
        g_error ("%s is listed as %s but is not a holiday in 2025", text, name);
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
}

static void
test_covered_range (void)
{
  TsDate first = TS_DATE_NONE;
  TsDate last = TS_DATE_NONE;
  int y, m, d;

  ts_holidays_covered_range (&first, &last);
  g_assert_cmpuint (first, !=, TS_DATE_NONE);
  g_assert_cmpuint (last, >, first);

  /* Whole years: 1 January to 31 December. */
  ts_date_get_ymd (first, &y, &m, &d);
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpint (d, ==, 1);
  ts_date_get_ymd (last, &y, &m, &d);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (d, ==, 31);

  /* Placements are entered for the present and the next few years. */
  g_assert_cmpuint (first, <=, date ("2025-01-01"));
  g_assert_cmpuint (last, >=, date ("2027-12-31"));

  g_assert_true (ts_holidays_covers (first));
  g_assert_true (ts_holidays_covers (last));
  g_assert_true (ts_holidays_covers (date ("2026-06-15")));
  g_assert_false (ts_holidays_covers (first - 1));
  g_assert_false (ts_holidays_covers (last + 1));
  g_assert_false (ts_holidays_covers (TS_DATE_NONE));
  /* Outside the table nothing is a holiday, not even 元日. */
  g_assert_null (ts_holiday_name (ts_date_add_years (first, -1)));
  g_assert_null (ts_holiday_name (last + 1));

  /* Either pointer may be NULL. */
  ts_holidays_covered_range (NULL, &last);
  ts_holidays_covered_range (&first, NULL);
}

/* Every covered year has 元日 and the holidays every year of the current
 * law has (at least 15 from 2016, when 山の日 was added). */
static void
test_every_year (void)
{
  TsDate first, last;

  ts_holidays_covered_range (&first, &last);
  for (int year = ts_date_get_year (first); year <= ts_date_get_year (last); year++)
    {
      guint n = 0;

      g_assert_cmpstr (ts_holiday_name (ts_date_new (year, 1, 1)), ==, "元日");
      for (TsDate d = ts_date_new (year, 1, 1); d <= ts_date_new (year, 12, 31); d++)
        {
          if (ts_holiday_name (d) != NULL)
            n++;
        }
      if (year >= 2016)
        g_assert_cmpuint (n, >=, 16);
      else
        g_assert_cmpuint (n, >=, 12);
    }
}

static gboolean
is_substitute (const char *name)
{
  return name != NULL && g_str_has_suffix (name, "振替休日");
}

/* 祝日法 第3条第2項 (2007-): 「国民の祝日」が日曜日に当たるときは、その日後
 * においてその日に最も近い「国民の祝日」でない日を休日とする. */
static void
test_substitute_rule (void)
{
  TsDate first, last;
  TsDate from = date ("2007-01-01");

  ts_holidays_covered_range (&first, &last);
  g_assert_cmpuint (from, >=, first);

  for (TsDate d = from; d <= last; d++)
    {
      const char *name = ts_holiday_name (d);
      g_autofree char *text = ts_date_to_string (d);

      if (name == NULL)
        continue;
      if (is_substitute (name))
        {
          /* Never on a Sunday, and preceded by a run of holidays that
           * starts on a Sunday. */
          TsDate back = d - 1;

          g_assert_cmpint (ts_date_get_weekday (d), !=, 7);
          while (ts_holiday_name (back) != NULL && !is_substitute (ts_holiday_name (back)) &&
                 ts_date_get_weekday (back) != 7)
            back--;
          if (ts_holiday_name (back) == NULL || ts_date_get_weekday (back) != 7)
            g_error ("%s %s does not follow a holiday on a Sunday", text, name);
        }
      else if (ts_date_get_weekday (d) == 7)
        {
          TsDate next = d + 1;

          while (ts_holiday_name (next) != NULL && !is_substitute (ts_holiday_name (next)))
            next++;
          if (next <= last && !is_substitute (ts_holiday_name (next)))
            g_error ("%s %s is a Sunday without a 振替休日", text, name);
        }
    }
}

static gpointer
lookup_thread (gpointer user_data G_GNUC_UNUSED)
{
  return (gpointer) ts_holiday_name (date ("2025-01-01"));
}

/* The table is loaded by whichever thread asks first (g_once). */
static void
test_concurrent_first_use (void)
{
  GThread *threads[8];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("holidays", lookup_thread, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpstr (g_thread_join (threads[i]), ==, "元日");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First, so that it really is the first use in this process. */
  g_test_add_func ("/tsunagari/domain/holidays/concurrent-first-use", test_concurrent_first_use);
  g_test_add_func ("/tsunagari/domain/holidays/known-dates", test_known_dates);
  g_test_add_func ("/tsunagari/domain/holidays/year-2025", test_year_2025);
  g_test_add_func ("/tsunagari/domain/holidays/covered-range", test_covered_range);
  g_test_add_func ("/tsunagari/domain/holidays/every-year", test_every_year);
  g_test_add_func ("/tsunagari/domain/holidays/substitute-rule", test_substitute_rule);

  return g_test_run ();
}
