/*
 * Volunteer insurance cover (SPEC 2.1, 3.2).
 */
#include "domain/insurance.h"

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static void
test_covers (void)
{
  TsDate until = date ("2026-03-31");

  g_assert_true (ts_insurance_covers (until, date ("2025-04-01")));
  g_assert_true (ts_insurance_covers (until, date ("2026-03-31")));
  g_assert_false (ts_insurance_covers (until, date ("2026-04-01")));
  /* No date is "not insured", not "insured for ever". */
  g_assert_false (ts_insurance_covers (TS_DATE_NONE, date ("2025-04-01")));
}

static void
test_default_until (void)
{
  static const struct {
    const char *taken_out_on;
    const char *until;
  } cases[] = {
    { "2025-04-01", "2026-03-31" },
    { "2025-12-31", "2026-03-31" },
    { "2026-01-01", "2026-03-31" },
    { "2026-03-31", "2026-03-31" },
    { "2024-02-29", "2024-03-31" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *until = NULL;

      until = ts_date_to_string (ts_insurance_default_until (date (cases[i].taken_out_on)));
      g_assert_cmpstr (until, ==, cases[i].until);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/insurance/covers", test_covers);
  g_test_add_func ("/tsunagari/domain/insurance/default-until", test_default_until);

  return g_test_run ();
}
