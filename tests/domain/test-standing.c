/*
 * A supporter's standing on a date from the status history (issue 11
 * item 12): suspension pauses from its date until reinstatement, retirement
 * ends service after its date, and nothing before registration counts.
 */
#include "domain/standing.h"

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static TsStanding
on (const TsStandingChange *changes, gsize n, const char *day)
{
  return ts_standing_on (changes, n, date (day));
}

static void
test_no_history (void)
{
  g_assert_cmpint (ts_standing_on (NULL, 0, date ("2026-06-15")), ==, TS_STANDING_APPLICANT);
  g_assert_false (ts_standing_allows_work (NULL, 0, date ("2026-06-15")));
}

static void
test_registration (void)
{
  TsStandingChange c[] = { { TS_STANDING_REGISTERED, date ("2025-05-01") } };

  g_assert_cmpint (on (c, 1, "2025-04-30"), ==, TS_STANDING_APPLICANT);
  g_assert_cmpint (on (c, 1, "2025-05-01"), ==, TS_STANDING_REGISTERED);
  g_assert_true (ts_standing_allows_work (c, 1, date ("2030-01-01")));
}

/* Suspended on the 10th, reinstated on the 20th: the 10th to the 19th are
 * paused, the days before and from the 20th are not. */
static void
test_suspension_is_a_period (void)
{
  TsStandingChange c[] = {
    { TS_STANDING_REGISTERED, date ("2025-05-01") },
    { TS_STANDING_SUSPENDED, date ("2026-06-10") },
    { TS_STANDING_REGISTERED, date ("2026-06-20") },
  };

  g_assert_cmpint (on (c, 3, "2026-06-09"), ==, TS_STANDING_REGISTERED);
  g_assert_cmpint (on (c, 3, "2026-06-10"), ==, TS_STANDING_SUSPENDED);
  g_assert_cmpint (on (c, 3, "2026-06-19"), ==, TS_STANDING_SUSPENDED);
  g_assert_cmpint (on (c, 3, "2026-06-20"), ==, TS_STANDING_REGISTERED);
  g_assert_false (ts_standing_allows_work (c, 3, date ("2026-06-15")));
  g_assert_true (ts_standing_allows_work (c, 3, date ("2026-06-01")));
  /* Still suspended (no reinstatement yet): every later day is paused. */
  g_assert_cmpint (on (c, 2, "2027-01-01"), ==, TS_STANDING_SUSPENDED);
  /* Suspended and reinstated on the same day: that day is worked. */
  {
    TsStandingChange same[] = {
      { TS_STANDING_REGISTERED, date ("2025-05-01") },
      { TS_STANDING_SUSPENDED, date ("2026-06-10") },
      { TS_STANDING_REGISTERED, date ("2026-06-10") },
    };
    g_assert_cmpint (on (same, 3, "2026-06-10"), ==, TS_STANDING_REGISTERED);
  }
}

/* Retired on the 15th: the 15th is the last day of service. */
static void
test_retirement_after_its_date (void)
{
  TsStandingChange c[] = {
    { TS_STANDING_REGISTERED, date ("2025-05-01") },
    { TS_STANDING_RETIRED, date ("2026-06-15") },
  };

  g_assert_cmpint (on (c, 2, "2026-06-15"), ==, TS_STANDING_REGISTERED);
  g_assert_cmpint (on (c, 2, "2026-06-16"), ==, TS_STANDING_RETIRED);
  g_assert_false (ts_standing_allows_work (c, 2, date ("2027-01-01")));
  g_assert_cmpuint (ts_standing_effective_on (&c[1]), ==, date ("2026-06-16"));
  g_assert_cmpuint (ts_standing_effective_on (&c[0]), ==, date ("2025-05-01"));

  /* Retired while suspended: the suspension runs to the retirement. */
  {
    TsStandingChange s[] = {
      { TS_STANDING_REGISTERED, date ("2025-05-01") },
      { TS_STANDING_SUSPENDED, date ("2026-06-01") },
      { TS_STANDING_RETIRED, date ("2026-06-15") },
    };
    g_assert_cmpint (on (s, 3, "2026-06-15"), ==, TS_STANDING_SUSPENDED);
    g_assert_cmpint (on (s, 3, "2026-06-16"), ==, TS_STANDING_RETIRED);
  }
  /* An applicant who withdrew never worked. */
  {
    TsStandingChange a[] = { { TS_STANDING_RETIRED, date ("2026-06-15") } };
    g_assert_cmpint (on (a, 1, "2026-06-15"), ==, TS_STANDING_APPLICANT);
    g_assert_cmpint (on (a, 1, "2026-06-16"), ==, TS_STANDING_RETIRED);
  }
}

static void
test_undated_change_skipped (void)
{
  TsStandingChange c[] = {
    { TS_STANDING_REGISTERED, date ("2025-05-01") },
    { TS_STANDING_SUSPENDED, TS_DATE_NONE },
  };

  g_assert_cmpint (on (c, 2, "2026-06-15"), ==, TS_STANDING_REGISTERED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/standing/no-history", test_no_history);
  g_test_add_func ("/tsunagari/domain/standing/registration", test_registration);
  g_test_add_func ("/tsunagari/domain/standing/suspension-is-a-period", test_suspension_is_a_period);
  g_test_add_func ("/tsunagari/domain/standing/retirement-after-its-date", test_retirement_after_its_date);
  g_test_add_func ("/tsunagari/domain/standing/undated-change-skipped", test_undated_change_skipped);

  return g_test_run ();
}
