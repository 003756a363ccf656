/*
 * A programme's eligibility (issue 17; seed 001 サポートネット 訪問相談:
 * 15 or over, withdrawn 6 months or more): age bands against a minimum
 * age, months against a minimum, unknowns as reasons of their own.
 */
#include "domain/programme.h"

static void
test_age (void)
{
  /* 10s is 10–19: it may hold a 15-year-old. */
  g_assert_cmpuint (ts_programme_eligibility (15, -1, "10s", -1), ==, 0);
  g_assert_cmpuint (ts_programme_eligibility (20, -1, "10s", -1), ==, TS_PROGRAMME_REASON_AGE_BELOW);
  g_assert_cmpuint (ts_programme_eligibility (20, -1, "20s", -1), ==, 0);
  g_assert_cmpuint (ts_programme_eligibility (75, -1, "70s+", -1), ==, 0);
  g_assert_cmpuint (ts_programme_eligibility (15, -1, "unknown", -1), ==,
                    TS_PROGRAMME_REASON_AGE_UNKNOWN);
  g_assert_cmpuint (ts_programme_eligibility (15, -1, NULL, -1), ==,
                    TS_PROGRAMME_REASON_AGE_UNKNOWN);
  /* No minimum: nothing is asked. */
  g_assert_cmpuint (ts_programme_eligibility (-1, -1, "unknown", -1), ==, 0);
}

static void
test_withdrawal (void)
{
  g_assert_cmpuint (ts_programme_eligibility (-1, 6, "30s", 6), ==, 0);
  g_assert_cmpuint (ts_programme_eligibility (-1, 6, "30s", 5), ==,
                    TS_PROGRAMME_REASON_WITHDRAWAL_SHORT);
  g_assert_cmpuint (ts_programme_eligibility (-1, 6, "30s", -1), ==,
                    TS_PROGRAMME_REASON_WITHDRAWAL_UNKNOWN);
  g_assert_cmpuint (ts_programme_eligibility (-1, 0, "30s", 0), ==, 0);
}

static void
test_names (void)
{
  const char *names[TS_PROGRAMME_N_REASONS];
  guint n = ts_programme_eligibility (15, 6, "unknown", 2);

  n = ts_programme_reasons_to_strings (n, names);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (names[0], ==, "age_unknown");
  g_assert_cmpstr (names[1], ==, "withdrawal_too_short");
  n = ts_programme_reasons_to_strings (TS_PROGRAMME_REASON_AGE_BELOW |
                                       TS_PROGRAMME_REASON_WITHDRAWAL_UNKNOWN, names);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (names[0], ==, "age_below");
  g_assert_cmpstr (names[1], ==, "withdrawal_unknown");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/domain/programme/age", test_age);
  g_test_add_func ("/tsunagari/domain/programme/withdrawal", test_withdrawal);
  g_test_add_func ("/tsunagari/domain/programme/names", test_names);
  return g_test_run ();
}
