/*
 * The fiscal year (年度) and 和暦 names (SPEC 2.4, 2.5).
 *
 * The exhaustive test walks every day of 2016-2031 with GDate (not TsDate
 * arithmetic) and checks the fiscal-year helpers against each other and
 * against the plain definition "1 April to 31 March".
 */
#include "domain/fiscal.h"

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static void
test_months (void)
{
  static const TsYearMonth expected[TS_FISCAL_YEAR_N_MONTHS] = {
    { 2025, 4 }, { 2025, 5 }, { 2025, 6 }, { 2025, 7 }, { 2025, 8 }, { 2025, 9 },
    { 2025, 10 }, { 2025, 11 }, { 2025, 12 }, { 2026, 1 }, { 2026, 2 }, { 2026, 3 },
  };
  TsYearMonth months[TS_FISCAL_YEAR_N_MONTHS];

  g_assert_true (ts_fiscal_year_months (2025, months));
  for (int i = 0; i < TS_FISCAL_YEAR_N_MONTHS; i++)
    {
      g_assert_cmpint (months[i].year, ==, expected[i].year);
      g_assert_cmpint (months[i].month, ==, expected[i].month);
      g_assert_cmpint (ts_fiscal_month_index (months[i].month), ==, i);
      g_assert_true (ts_fiscal_year_contains_month (2025, months[i].year, months[i].month));
    }

  g_assert_true (ts_fiscal_year_months (TS_FISCAL_YEAR_MAX, months));
  g_assert_cmpint (months[11].year, ==, 9999);
  g_assert_false (ts_fiscal_year_months (0, months));
  g_assert_false (ts_fiscal_year_months (TS_FISCAL_YEAR_MAX + 1, months));
}

static void
test_month_membership (void)
{
  /* January belongs to the fiscal year that began the previous April. */
  g_assert_cmpint (ts_fiscal_year_of_month (2026, 1), ==, 2025);
  g_assert_cmpint (ts_fiscal_year_of_month (2026, 3), ==, 2025);
  g_assert_cmpint (ts_fiscal_year_of_month (2026, 4), ==, 2026);
  g_assert_cmpint (ts_fiscal_year_of_month (2025, 12), ==, 2025);

  g_assert_true (ts_fiscal_year_contains_month (2025, 2026, 1));
  g_assert_false (ts_fiscal_year_contains_month (2026, 2026, 1));
  g_assert_false (ts_fiscal_year_contains_month (2025, 2025, 3));
  g_assert_true (ts_fiscal_year_contains_month (2024, 2025, 3));
  g_assert_true (ts_fiscal_year_contains_month (2025, 2025, 4));
  g_assert_false (ts_fiscal_year_contains_month (2025, 2026, 4));
  g_assert_false (ts_fiscal_year_contains_month (2025, 2025, 0));
  g_assert_false (ts_fiscal_year_contains_month (2025, 2025, 13));

  g_assert_cmpint (ts_fiscal_month_index (4), ==, 0);
  g_assert_cmpint (ts_fiscal_month_index (12), ==, 8);
  g_assert_cmpint (ts_fiscal_month_index (1), ==, 9);
  g_assert_cmpint (ts_fiscal_month_index (3), ==, 11);
}

static void
test_date_edges (void)
{
  g_assert_cmpint (ts_fiscal_year (date ("2026-03-31")), ==, 2025);
  g_assert_cmpint (ts_fiscal_year (date ("2026-04-01")), ==, 2026);
  g_assert_true (ts_fiscal_year_contains_date (2025, date ("2026-03-31")));
  g_assert_false (ts_fiscal_year_contains_date (2025, date ("2026-04-01")));
  g_assert_true (ts_fiscal_year_contains_date (2025, date ("2025-04-01")));
  g_assert_false (ts_fiscal_year_contains_date (2025, date ("2025-03-31")));
  /* A leap day falls in the fiscal year that began the April before. */
  g_assert_true (ts_fiscal_year_contains_date (2027, date ("2028-02-29")));

  g_assert_cmpuint (ts_fiscal_year_first_day (2025), ==, date ("2025-04-01"));
  g_assert_cmpuint (ts_fiscal_year_last_day (2025), ==, date ("2026-03-31"));
  g_assert_cmpuint (ts_fiscal_year_first_day (0), ==, TS_DATE_NONE);
  g_assert_cmpuint (ts_fiscal_year_last_day (TS_FISCAL_YEAR_MAX + 1), ==, TS_DATE_NONE);
  g_assert_cmpuint (ts_fiscal_year_last_day (TS_FISCAL_YEAR_MAX), ==, date ("9999-03-31"));
  /* FY 2027 has 366 days because of 29 February 2028. */
  g_assert_cmpuint (ts_fiscal_year_last_day (2027) - ts_fiscal_year_first_day (2027) + 1,
                    ==, 366);
  g_assert_cmpuint (ts_fiscal_year_last_day (2025) - ts_fiscal_year_first_day (2025) + 1,
                    ==, 365);
}

static void
test_every_day (void)
{
  GDate g;
  guint days = 0;

  g_date_clear (&g, 1);
  g_date_set_dmy (&g, 1, G_DATE_JANUARY, 2016);
  while (g_date_get_year (&g) < 2032)
    {
      int y = g_date_get_year (&g);
      int m = g_date_get_month (&g);
      int d = g_date_get_day (&g);
      int fy = (m >= 4) ? y : y - 1;
      TsDate t = ts_date_new (y, m, d);

      g_assert_cmpint (ts_fiscal_year (t), ==, fy);
      g_assert_true (ts_fiscal_year_contains_date (fy, t));
      g_assert_false (ts_fiscal_year_contains_date (fy + 1, t));
      g_assert_false (ts_fiscal_year_contains_date (fy - 1, t));
      g_assert_cmpint (ts_fiscal_year_of_month (y, m), ==, fy);
      g_assert_true (ts_fiscal_year_contains_month (fy, y, m));
      g_assert_cmpuint (ts_fiscal_year_first_day (fy), <=, t);
      g_assert_cmpuint (ts_fiscal_year_last_day (fy), >=, t);
      g_assert_cmpuint (ts_fiscal_year_last_day (fy - 1) + 1, ==, ts_fiscal_year_first_day (fy));
      days++;
      g_date_add_days (&g, 1);
    }
  g_assert_cmpuint (days, ==, 16 * 365 + 4);
}

static void
assert_year_name (int gregorian_year, const char *expected)
{
  g_autofree char *name = ts_wareki_year_name (gregorian_year);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_wareki_years (void)
{
  assert_year_name (2025, "令和7年");
  assert_year_name (2020, "令和2年");
  assert_year_name (2019, "令和元年");
  assert_year_name (2018, "平成30年");
  assert_year_name (1989, "平成元年");
  assert_year_name (1988, "昭和63年");
  assert_year_name (1926, "昭和元年");
  assert_year_name (1925, "大正14年");
  assert_year_name (1912, "大正元年");
  assert_year_name (1911, "明治44年");
  assert_year_name (1873, "明治6年");
  assert_year_name (1872, NULL);
  assert_year_name (0, NULL);
  assert_year_name (9999, "令和7981年");

  g_assert_cmpstr (ts_era_name (TS_ERA_REIWA), ==, "令和");
  g_assert_cmpstr (ts_era_name (TS_ERA_HEISEI), ==, "平成");
  g_assert_cmpstr (ts_era_name (TS_ERA_SHOWA), ==, "昭和");
  g_assert_cmpstr (ts_era_name (TS_ERA_TAISHO), ==, "大正");
  g_assert_cmpstr (ts_era_name (TS_ERA_MEIJI), ==, "明治");
}

static void
assert_fiscal_name (int fiscal_year, const char *expected)
{
  g_autofree char *name = ts_wareki_fiscal_year_name (fiscal_year);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_wareki_fiscal_years (void)
{
  /* 「令和7年度 文京区版ひきこもり総合対策について」 (seed 004) */
  assert_fiscal_name (2025, "令和7年度");
  assert_fiscal_name (2024, "令和6年度");
  assert_fiscal_name (2019, "令和元年度");
  assert_fiscal_name (2018, "平成30年度");
  assert_fiscal_name (1989, "平成元年度");
  assert_fiscal_name (1988, "昭和63年度");
  assert_fiscal_name (1872, NULL);
  assert_fiscal_name (0, NULL);
  assert_fiscal_name (TS_FISCAL_YEAR_MAX + 1, NULL);
}

static void
assert_date_name (const char *iso, const char *expected)
{
  g_autofree char *name = ts_wareki_date (date (iso));

  g_assert_cmpstr (name, ==, expected);
}

static void
test_wareki_dates (void)
{
  TsEra era;
  int n;

  assert_date_name ("2025-04-01", "令和7年4月1日");
  assert_date_name ("2025-08-22", "令和7年8月22日");   /* seed 004's own date */
  assert_date_name ("2019-04-30", "平成31年4月30日");
  assert_date_name ("2019-05-01", "令和元年5月1日");
  assert_date_name ("2019-12-31", "令和元年12月31日");
  assert_date_name ("2020-01-01", "令和2年1月1日");
  assert_date_name ("1989-01-07", "昭和64年1月7日");
  assert_date_name ("1989-01-08", "平成元年1月8日");
  assert_date_name ("1926-12-24", "大正15年12月24日");
  assert_date_name ("1926-12-25", "昭和元年12月25日");
  assert_date_name ("1912-07-29", "明治45年7月29日");
  assert_date_name ("1912-07-30", "大正元年7月30日");
  assert_date_name ("1873-01-01", "明治6年1月1日");
  assert_date_name ("1872-12-31", NULL);
  assert_date_name ("2028-02-29", "令和10年2月29日");

  g_assert_true (ts_wareki_from_date (date ("2019-04-30"), &era, &n));
  g_assert_cmpint (era, ==, TS_ERA_HEISEI);
  g_assert_cmpint (n, ==, 31);
  g_assert_true (ts_wareki_from_date (date ("2019-05-01"), &era, &n));
  g_assert_cmpint (era, ==, TS_ERA_REIWA);
  g_assert_cmpint (n, ==, 1);
  g_assert_true (ts_wareki_from_year (2019, &era, &n));
  g_assert_cmpint (era, ==, TS_ERA_REIWA);
  g_assert_cmpint (n, ==, 1);
  g_assert_true (ts_wareki_from_date (date ("2025-04-01"), NULL, NULL));
  g_assert_false (ts_wareki_from_date (date ("1872-12-31"), &era, &n));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/fiscal/months", test_months);
  g_test_add_func ("/tsunagari/domain/fiscal/month-membership", test_month_membership);
  g_test_add_func ("/tsunagari/domain/fiscal/date-edges", test_date_edges);
  g_test_add_func ("/tsunagari/domain/fiscal/every-day", test_every_day);
  g_test_add_func ("/tsunagari/domain/fiscal/wareki-years", test_wareki_years);
  g_test_add_func ("/tsunagari/domain/fiscal/wareki-fiscal-years", test_wareki_fiscal_years);
  g_test_add_func ("/tsunagari/domain/fiscal/wareki-dates", test_wareki_dates);

  return g_test_run ();
}
