/*
 * Honoraria, transport and host stipends in integer yen (SPEC 2.4, 3.2
 * Rates, issue 5): rounding, caps, overrides, rate boundaries within a
 * month, defaults, leap days and overflow.
 */
#include <string.h>

#include "domain/money.h"

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static TsRateSet
rate_set (const char *effective_from,
          gint64      per_activity,
          gint64      per_hour,
          gint64      cap,
          gint64      stipend)
{
  TsRateSet s;

  memset (&s, 0, sizeof s);
  s.effective_from = date (effective_from);
  s.honorarium_per_activity_yen = per_activity;
  s.honorarium_per_hour_yen = per_hour;
  s.transport_cap_yen = cap;
  s.host_stipend_per_day_yen = stipend;
  return s;
}

static gint64
honorarium (const TsRateSet *s,
            TsActivityKind   kind,
            int              minutes)
{
  gint64 yen = -1;

  g_assert_cmpint (ts_money_honorarium (s, kind, minutes, &yen), ==, TS_MONEY_OK);
  return yen;
}

static gint64
transport (const TsRateSet *s,
           TsActivityKind   kind,
           gint64           cost)
{
  gint64 yen = -1;

  g_assert_cmpint (ts_money_transport (s, kind, cost, &yen), ==, TS_MONEY_OK);
  return yen;
}

static void
test_rounding (void)
{
  TsRateSet s = rate_set ("2025-04-01", 0, 1000, 0, 1500);
  TsRateSet mixed = rate_set ("2025-04-01", 2000, 1500, 0, 1500);
  TsRateSet odd = rate_set ("2025-04-01", 0, 999, 0, 1500);

  /* Rounded down to the yen (SPEC 3.2): 50,000 / 60 = 833.33… */
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 50), ==, 833);
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 60), ==, 1000);
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 1), ==, 16);
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 59), ==, 983);
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 720), ==, 12000);
  /* 2,000 + floor (1,500 × 45 / 60) = 2,000 + 1,125 */
  g_assert_cmpint (honorarium (&mixed, TS_ACTIVITY_KIND_PHONE, 45), ==, 3125);
  /* 2,000 + floor (1,500 × 1 / 60) = 2,000 + 25 */
  g_assert_cmpint (honorarium (&mixed, TS_ACTIVITY_KIND_PHONE, 1), ==, 2025);
  /* 999 × 59 = 58,941; / 60 = 982.35 */
  g_assert_cmpint (honorarium (&odd, TS_ACTIVITY_KIND_SPACE, 59), ==, 982);
}

/* Every minute count against the definition of the floor:
 * q × 60 ≤ rate × minutes < (q + 1) × 60. */
static void
test_rounding_exhaustive (void)
{
  static const gint64 rates[] = { 0, 1, 7, 59, 60, 61, 999, 1000, 1234, 3001, TS_YEN_MAX };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      TsRateSet s = rate_set ("2025-04-01", 300, rates[r], 0, 1500);

      for (int m = TS_ACTIVITY_MINUTES_MIN; m <= TS_ACTIVITY_MINUTES_MAX; m++)
        {
          gint64 q = honorarium (&s, TS_ACTIVITY_KIND_ONLINE, m) - 300;

          g_assert_cmpint (q * 60, <=, rates[r] * m);
          g_assert_cmpint ((q + 1) * 60, >, rates[r] * m);
        }
    }
}

static void
test_minutes_range (void)
{
  TsRateSet s = rate_set ("2025-04-01", 500, 1000, 0, 1500);
  static const int bad[] = { G_MININT, -1, 0, 721, 1440, G_MAXINT };
  gint64 yen;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      yen = 4242;
      g_assert_cmpint (ts_money_honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, bad[i], &yen),
                       ==, TS_MONEY_MINUTES_OUT_OF_RANGE);
      g_assert_cmpint (yen, ==, 4242);
    }
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 1), ==, 516);
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 720), ==, 12500);
}

static void
test_transport_cap (void)
{
  TsRateSet s = rate_set ("2025-04-01", 0, 0, 1000, 1500);
  TsRateSet none = rate_set ("2025-04-01", 0, 0, 0, 1500);
  gint64 yen = 4242;

  /* At cost, up to the cap: below, at, above. */
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, 0), ==, 0);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, 999), ==, 999);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, 1000), ==, 1000);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, 1001), ==, 1000);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, 50000), ==, 1000);

  /* A cap of 0 pays nothing; it is not "unlimited". */
  g_assert_cmpint (transport (&none, TS_ACTIVITY_KIND_ACCOMPANY, 780), ==, 0);

  g_assert_cmpint (ts_money_transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, -1, &yen),
                   ==, TS_MONEY_AMOUNT_NEGATIVE);
  g_assert_cmpint (ts_money_transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, TS_YEN_MAX + 1, &yen),
                   ==, TS_MONEY_AMOUNT_TOO_LARGE);
  g_assert_cmpint (ts_money_transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, G_MAXINT64, &yen),
                   ==, TS_MONEY_AMOUNT_TOO_LARGE);
  g_assert_cmpint (ts_money_transport (&s, TS_ACTIVITY_KIND_ACCOMPANY, G_MININT64, &yen),
                   ==, TS_MONEY_AMOUNT_NEGATIVE);
  g_assert_cmpint (yen, ==, 4242);
}

static void
test_by_kind_overrides (void)
{
  TsRateSet s = rate_set ("2025-04-01", 1000, 1200, 1000, 1500);

  s.by_kind[TS_ACTIVITY_KIND_PHONE].set = TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY |
                                          TS_RATE_FIELD_TRANSPORT_CAP;
  s.by_kind[TS_ACTIVITY_KIND_PHONE].honorarium_per_activity_yen = 300;
  s.by_kind[TS_ACTIVITY_KIND_PHONE].transport_cap_yen = 0;
  s.by_kind[TS_ACTIVITY_KIND_HOME_VISIT].set = TS_RATE_FIELD_TRANSPORT_CAP;
  s.by_kind[TS_ACTIVITY_KIND_HOME_VISIT].transport_cap_yen = 3000;
  s.by_kind[TS_ACTIVITY_KIND_ONLINE].set = TS_RATE_FIELD_HONORARIUM_PER_HOUR;
  s.by_kind[TS_ACTIVITY_KIND_ONLINE].honorarium_per_hour_yen = 600;

  /* phone: own per-activity, general per-hour; no transport. */
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_PHONE, 30), ==, 300 + 600);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_PHONE, 500), ==, 0);
  /* home_visit: general honorarium, its own higher cap. */
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 30), ==, 1000 + 600);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_HOME_VISIT, 2500), ==, 2500);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_HOME_VISIT, 3500), ==, 3000);
  /* online: own per-hour, general per-activity and cap. */
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_ONLINE, 90), ==, 1000 + 900);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_ONLINE, 2500), ==, 1000);
  /* no override: the general set. */
  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_SPACE, 90), ==, 1000 + 1800);
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_SPACE, 2500), ==, 1000);
}

static void
test_defaults_before_any_set (void)
{
  TsActivityPay pay;
  TsRateSet later = rate_set ("2025-04-01", 1000, 1000, 1000, 2000);
  TsDate days[] = { date ("2025-03-30"), date ("2025-03-31") };
  gint64 yen = -1;

  memset (&pay, 0xff, sizeof pay);
  g_assert_cmpint (ts_money_price_activity (NULL, 0, date ("2025-03-31"),
                                            TS_ACTIVITY_KIND_HOME_VISIT, 60, 780, &pay),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (pay.honorarium_yen, ==, 0);
  g_assert_cmpint (pay.transport_yen, ==, 0);
  g_assert_cmpint (pay.transport_claimed_yen, ==, 780);
  g_assert_cmpuint (pay.rates_effective_from, ==, TS_DATE_NONE);

  /* The day before the first set still uses the defaults. */
  g_assert_cmpint (ts_money_price_activity (&later, 1, date ("2025-03-31"),
                                            TS_ACTIVITY_KIND_HOME_VISIT, 60, 780, &pay),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (pay.honorarium_yen, ==, 0);
  g_assert_cmpuint (pay.rates_effective_from, ==, TS_DATE_NONE);

  /* 1,500 yen per participant-day (Akita 職親, seed 002). */
  g_assert_cmpint (ts_money_host_stipend (NULL, 0, days, G_N_ELEMENTS (days), &yen),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 3000);
  g_assert_cmpint (ts_money_host_stipend (&later, 1, days, G_N_ELEMENTS (days), &yen),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 3000);
}

/* A change on the 15th: the 14th and the 15th of one month are priced
 * with different sets. */
static void
test_mid_month_change (void)
{
  TsRateSet sets[] = {
    rate_set ("2025-06-15", 500, 1200, 1500, 1500),
    rate_set ("2025-04-01", 0, 1000, 1000, 1500),
  };
  TsActivityPay pay14, pay15, pay16;

  g_assert_cmpint (ts_money_price_activity (sets, 2, date ("2025-06-14"),
                                            TS_ACTIVITY_KIND_HOME_VISIT, 50, 1300, &pay14),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (ts_money_price_activity (sets, 2, date ("2025-06-15"),
                                            TS_ACTIVITY_KIND_HOME_VISIT, 50, 1300, &pay15),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (ts_money_price_activity (sets, 2, date ("2025-06-16"),
                                            TS_ACTIVITY_KIND_HOME_VISIT, 50, 1300, &pay16),
                   ==, TS_MONEY_OK);

  g_assert_cmpint (pay14.honorarium_yen, ==, 833);
  g_assert_cmpint (pay14.transport_yen, ==, 1000);
  g_assert_cmpuint (pay14.rates_effective_from, ==, date ("2025-04-01"));

  g_assert_cmpint (pay15.honorarium_yen, ==, 500 + 1000);
  g_assert_cmpint (pay15.transport_yen, ==, 1300);
  g_assert_cmpuint (pay15.rates_effective_from, ==, date ("2025-06-15"));

  g_assert_cmpint (pay16.honorarium_yen, ==, pay15.honorarium_yen);
  g_assert_cmpuint (pay16.rates_effective_from, ==, date ("2025-06-15"));
}

static void
test_leap_day (void)
{
  TsRateSet sets[] = {
    rate_set ("2027-04-01", 0, 1000, 500, 1500),
    rate_set ("2028-02-29", 0, 1100, 600, 1600),
  };
  TsDate days[] = { date ("2028-02-28"), date ("2028-02-29"), date ("2028-03-01") };
  TsActivityPay pay;
  gint64 yen = -1;

  g_assert_cmpint (ts_money_price_activity (sets, 2, date ("2028-02-28"),
                                            TS_ACTIVITY_KIND_PHONE, 30, 900, &pay),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (pay.honorarium_yen, ==, 500);
  g_assert_cmpint (pay.transport_yen, ==, 500);

  g_assert_cmpint (ts_money_price_activity (sets, 2, date ("2028-02-29"),
                                            TS_ACTIVITY_KIND_PHONE, 30, 900, &pay),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (pay.honorarium_yen, ==, 550);
  g_assert_cmpint (pay.transport_yen, ==, 600);
  g_assert_cmpuint (pay.rates_effective_from, ==, date ("2028-02-29"));

  g_assert_cmpint (ts_money_price_activity (sets, 2, date ("2028-03-01"),
                                            TS_ACTIVITY_KIND_PHONE, 30, 900, &pay),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (pay.honorarium_yen, ==, 550);

  g_assert_cmpint (ts_money_host_stipend (sets, 2, days, G_N_ELEMENTS (days), &yen),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 1500 + 1600 + 1600);
}

static void
test_host_stipend (void)
{
  TsRateSet sets[] = { rate_set ("2026-04-01", 0, 0, 0, 2000) };
  /* Two participants at the host on 1 April: two entries. */
  TsDate days[] = { date ("2026-03-31"), date ("2026-04-01"), date ("2026-04-01") };
  TsDate with_none[] = { date ("2026-03-31"), TS_DATE_NONE };
  TsRateSet broken = rate_set ("2026-04-01", 0, 0, 0, -1500);
  gint64 yen = -1;

  g_assert_cmpint (ts_money_host_stipend (sets, 1, days, G_N_ELEMENTS (days), &yen),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 1500 + 2000 + 2000);

  g_assert_cmpint (ts_money_host_stipend (sets, 1, NULL, 0, &yen), ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 0);

  yen = 4242;
  g_assert_cmpint (ts_money_host_stipend (sets, 1, with_none, 2, &yen), ==, TS_MONEY_INVALID_DATE);
  g_assert_cmpint (yen, ==, 4242);
  g_assert_cmpint (ts_money_host_stipend (&broken, 1, &days[1], 1, &yen), ==,
                   TS_MONEY_INVALID_RATES);
  g_assert_cmpint (yen, ==, 4242);
}

static void
test_refuses_bad_input (void)
{
  TsRateSet s = rate_set ("2025-04-01", 0, 1000, 1000, 1500);
  TsRateSet bad_hour = rate_set ("2025-04-01", 0, -1000, 1000, 1500);
  TsRateSet big_override = rate_set ("2025-04-01", 0, 1000, 1000, 1500);
  TsActivityPay pay = { 1, 2, 3, 4 };
  gint64 yen = 4242;

  big_override.by_kind[TS_ACTIVITY_KIND_SPACE].set = TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY;
  big_override.by_kind[TS_ACTIVITY_KIND_SPACE].honorarium_per_activity_yen = TS_YEN_MAX + 1;

  g_assert_cmpint (ts_money_honorarium (&s, (TsActivityKind) TS_ACTIVITY_N_KINDS, 60, &yen),
                   ==, TS_MONEY_UNKNOWN_KIND);
  g_assert_cmpint (ts_money_honorarium (&bad_hour, TS_ACTIVITY_KIND_SPACE, 60, &yen),
                   ==, TS_MONEY_INVALID_RATES);
  g_assert_cmpint (ts_money_transport (&bad_hour, TS_ACTIVITY_KIND_SPACE, 60, &yen),
                   ==, TS_MONEY_INVALID_RATES);
  g_assert_cmpint (ts_money_honorarium (&big_override, TS_ACTIVITY_KIND_SPACE, 60, &yen),
                   ==, TS_MONEY_INVALID_RATES);
  /* Only the overridden kind is affected. */
  g_assert_cmpint (honorarium (&big_override, TS_ACTIVITY_KIND_PHONE, 60), ==, 1000);
  g_assert_cmpint (yen, ==, 4242);

  g_assert_cmpint (ts_money_price_activity (&s, 1, TS_DATE_NONE, TS_ACTIVITY_KIND_PHONE,
                                            60, 0, &pay), ==, TS_MONEY_INVALID_DATE);
  g_assert_cmpint (ts_money_price_activity (&s, 1, date ("2025-05-01"), TS_ACTIVITY_KIND_PHONE,
                                            0, 0, &pay), ==, TS_MONEY_MINUTES_OUT_OF_RANGE);
  g_assert_cmpint (ts_money_price_activity (&s, 1, date ("2025-05-01"), TS_ACTIVITY_KIND_PHONE,
                                            60, -1, &pay), ==, TS_MONEY_AMOUNT_NEGATIVE);
  g_assert_cmpint (pay.honorarium_yen, ==, 1);
  g_assert_cmpint (pay.transport_yen, ==, 2);
}

/* The largest values the rules accept still give exact results. */
static void
test_extremes (void)
{
  TsRateSet s = rate_set ("2025-04-01", TS_YEN_MAX, TS_YEN_MAX, TS_YEN_MAX, TS_YEN_MAX);
  TsDate days[240];

  g_assert_cmpint (honorarium (&s, TS_ACTIVITY_KIND_HOME_VISIT, 720), ==,
                   G_GINT64_CONSTANT (130000000));
  g_assert_cmpint (transport (&s, TS_ACTIVITY_KIND_HOME_VISIT, TS_YEN_MAX), ==, TS_YEN_MAX);

  /* 240 participation days, the SPEC 2.3 lifetime cap. */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    days[i] = ts_date_add_days (date ("2025-04-01"), (int) i);
  {
    gint64 yen = -1;

    g_assert_cmpint (ts_money_host_stipend (&s, 1, days, G_N_ELEMENTS (days), &yen),
                     ==, TS_MONEY_OK);
    g_assert_cmpint (yen, ==, 240 * TS_YEN_MAX);
  }
}

static void
test_add (void)
{
  gint64 total = 0;

  g_assert_true (ts_money_add (&total, 833));
  g_assert_true (ts_money_add (&total, -833));   /* a reversal line */
  g_assert_cmpint (total, ==, 0);

  total = G_MAXINT64 - 10;
  g_assert_true (ts_money_add (&total, 10));
  g_assert_cmpint (total, ==, G_MAXINT64);
  g_assert_false (ts_money_add (&total, 1));
  g_assert_cmpint (total, ==, G_MAXINT64);
  g_assert_true (ts_money_add (&total, -1));

  total = G_MININT64 + 5;
  g_assert_true (ts_money_add (&total, -5));
  g_assert_cmpint (total, ==, G_MININT64);
  g_assert_false (ts_money_add (&total, -1));
  g_assert_false (ts_money_add (&total, G_MININT64));
  g_assert_cmpint (total, ==, G_MININT64);
  g_assert_true (ts_money_add (&total, G_MAXINT64));
  g_assert_cmpint (total, ==, -1);
}

static void
test_budget_usage (void)
{
  TsBudgetUsage u;
  char buf[32];

  /* Bunkyo 令和7年度: 【予算】 3,207千円 (seed 004). */
  g_assert_cmpint (ts_money_budget_usage (3207000, 1000000, &u), ==, TS_MONEY_OK);
  g_assert_cmpint (u.remaining_yen, ==, 2207000);
  g_assert_true (u.has_percentage);
  /* 1,000,000 / 3,207,000 = 31.1817…% → 31.18% (rounded down) */
  g_assert_cmpint (u.used_basis_points, ==, 3118);
  ts_money_format_basis_points (u.used_basis_points, buf);
  g_assert_cmpstr (buf, ==, "31.18");

  g_assert_cmpint (ts_money_budget_usage (3207000, 3207000, &u), ==, TS_MONEY_OK);
  g_assert_cmpint (u.remaining_yen, ==, 0);
  g_assert_cmpint (u.used_basis_points, ==, 10000);

  /* Overspent by one yen: still 100.00% (floor), remaining -1. */
  g_assert_cmpint (ts_money_budget_usage (3207000, 3207001, &u), ==, TS_MONEY_OK);
  g_assert_cmpint (u.remaining_yen, ==, -1);
  g_assert_cmpint (u.used_basis_points, ==, 10000);

  /* Only reversals: negative usage rounds down too. */
  g_assert_cmpint (ts_money_budget_usage (3207000, -1, &u), ==, TS_MONEY_OK);
  g_assert_cmpint (u.used_basis_points, ==, -1);
  ts_money_format_basis_points (u.used_basis_points, buf);
  g_assert_cmpstr (buf, ==, "-0.01");

  g_assert_cmpint (ts_money_budget_usage (0, 500, &u), ==, TS_MONEY_OK);
  g_assert_false (u.has_percentage);
  g_assert_cmpint (u.remaining_yen, ==, -500);

  g_assert_cmpint (ts_money_budget_usage (TS_BUDGET_MAX_YEN, TS_BUDGET_MAX_USED_YEN, &u),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (u.used_basis_points, ==, 1000000);
  g_assert_cmpint (ts_money_budget_usage (TS_BUDGET_MAX_YEN, -TS_BUDGET_MAX_USED_YEN, &u),
                   ==, TS_MONEY_OK);
  g_assert_cmpint (u.used_basis_points, ==, -1000000);
  g_assert_cmpint (ts_money_budget_usage (-1, 0, &u), ==, TS_MONEY_AMOUNT_NEGATIVE);
  g_assert_cmpint (ts_money_budget_usage (TS_BUDGET_MAX_YEN + 1, 0, &u),
                   ==, TS_MONEY_AMOUNT_TOO_LARGE);
  g_assert_cmpint (ts_money_budget_usage (1, TS_BUDGET_MAX_USED_YEN + 1, &u),
                   ==, TS_MONEY_AMOUNT_TOO_LARGE);
  g_assert_cmpint (ts_money_budget_usage (1, G_MININT64, &u),
                   ==, TS_MONEY_AMOUNT_TOO_LARGE);

  ts_money_format_basis_points (0, buf);
  g_assert_cmpstr (buf, ==, "0.00");
  ts_money_format_basis_points (5, buf);
  g_assert_cmpstr (buf, ==, "0.05");
  ts_money_format_basis_points (-1234, buf);
  g_assert_cmpstr (buf, ==, "-12.34");
  ts_money_format_basis_points (G_MININT64, buf);
  g_assert_cmpstr (buf, ==, "-92233720368547758.08");
  ts_money_format_basis_points (G_MAXINT64, buf);
  g_assert_cmpstr (buf, ==, "92233720368547758.07");
}

static void
test_result_strings (void)
{
  g_assert_cmpstr (ts_money_result_to_string (TS_MONEY_OK), ==, "ok");
  g_assert_cmpstr (ts_money_result_to_string (TS_MONEY_MINUTES_OUT_OF_RANGE), ==,
                   "minutes_out_of_range");
  g_assert_cmpstr (ts_money_result_to_string (TS_MONEY_OVERFLOW), ==, "overflow");
}

/* Issue 18: an event's hours at the event rate in force on its date,
 * rounded down; the defaults pay nothing; bad minutes and dates refused. */
static void
test_event_honorarium (void)
{
  TsRateSet sets[2];
  gint64 yen = -1;

  sets[0] = rate_set ("2026-04-01", 0, 1200, 0, 1500);
  sets[0].event_honorarium_per_hour_yen = 1000;
  sets[1] = rate_set ("2026-06-01", 0, 1200, 0, 1500);
  sets[1].event_honorarium_per_hour_yen = 1501;
  g_assert_cmpint (ts_money_event_honorarium (sets, 2, date ("2026-05-14"), 120, &yen), ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 2000);
  /* 90 minutes at 1,501 an hour: 2,251.5, rounded down. */
  g_assert_cmpint (ts_money_event_honorarium (sets, 2, date ("2026-06-11"), 90, &yen), ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 2251);
  g_assert_cmpint (ts_money_event_honorarium (NULL, 0, date ("2026-06-11"), 90, &yen), ==, TS_MONEY_OK);
  g_assert_cmpint (yen, ==, 0);
  g_assert_cmpint (ts_money_event_honorarium (sets, 2, date ("2026-06-11"), 0, &yen), ==,
                   TS_MONEY_MINUTES_OUT_OF_RANGE);
  g_assert_cmpint (ts_money_event_honorarium (sets, 2, date ("2026-06-11"), 721, &yen), ==,
                   TS_MONEY_MINUTES_OUT_OF_RANGE);
  g_assert_cmpint (ts_money_event_honorarium (sets, 2, TS_DATE_NONE, 60, &yen), ==,
                   TS_MONEY_INVALID_DATE);
  sets[1].event_honorarium_per_hour_yen = -1;
  g_assert_cmpint (ts_money_event_honorarium (sets, 2, date ("2026-06-11"), 60, &yen), ==,
                   TS_MONEY_INVALID_RATES);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/money/rounding", test_rounding);
  g_test_add_func ("/tsunagari/domain/money/rounding-exhaustive", test_rounding_exhaustive);
  g_test_add_func ("/tsunagari/domain/money/minutes-range", test_minutes_range);
  g_test_add_func ("/tsunagari/domain/money/transport-cap", test_transport_cap);
  g_test_add_func ("/tsunagari/domain/money/by-kind-overrides", test_by_kind_overrides);
  g_test_add_func ("/tsunagari/domain/money/defaults-before-any-set", test_defaults_before_any_set);
  g_test_add_func ("/tsunagari/domain/money/mid-month-change", test_mid_month_change);
  g_test_add_func ("/tsunagari/domain/money/leap-day", test_leap_day);
  g_test_add_func ("/tsunagari/domain/money/host-stipend", test_host_stipend);
  g_test_add_func ("/tsunagari/domain/money/refuses-bad-input", test_refuses_bad_input);
  g_test_add_func ("/tsunagari/domain/money/extremes", test_extremes);
  g_test_add_func ("/tsunagari/domain/money/add", test_add);
  g_test_add_func ("/tsunagari/domain/money/budget-usage", test_budget_usage);
  g_test_add_func ("/tsunagari/domain/money/result-strings", test_result_strings);
  g_test_add_func ("/tsunagari/domain/money/event-honorarium", test_event_honorarium);

  return g_test_run ();
}
