/*
 * Qualification on a date (SPEC 2.1).
 *
 * The exhaustive test runs every day of 2023-2029 against a model written
 * with GDate (g_date_add_years, g_date_days_between) rather than TsDate
 * arithmetic, so an off-by-one in either shows up as a disagreement.
 */
#include <stdio.h>
#include <string.h>

#include "domain/qualification.h"

typedef struct {
  TsTrainingKind kind;
  const char    *date;
} Completion;

typedef struct {
  const char       *name;
  const Completion *completions;
  gsize             n_completions;
} History;

static const Completion initial_on_leap_day[] = {
  { TS_TRAINING_KIND_INITIAL, "2024-02-29" },
};
static const Completion initial_and_follow_ups[] = {
  { TS_TRAINING_KIND_FOLLOW_UP, "2028-11-30" },
  { TS_TRAINING_KIND_INITIAL, "2023-01-15" },
  { TS_TRAINING_KIND_FOLLOW_UP, "2025-12-01" },
};
static const Completion future_dated[] = {
  { TS_TRAINING_KIND_INITIAL, "2026-06-30" },
  { TS_TRAINING_KIND_FOLLOW_UP, "2029-06-30" },
};
static const Completion follow_up_only[] = {
  { TS_TRAINING_KIND_FOLLOW_UP, "2024-05-01" },
  { TS_TRAINING_KIND_FOLLOW_UP, "2027-05-01" },
};
static const Completion follow_up_before_initial[] = {
  { TS_TRAINING_KIND_FOLLOW_UP, "2023-03-01" },
  { TS_TRAINING_KIND_INITIAL, "2023-06-01" },
  { TS_TRAINING_KIND_FOLLOW_UP, "2024-02-29" },
  { TS_TRAINING_KIND_FOLLOW_UP, "2027-02-28" },
};
static const Completion initial_twice[] = {
  { TS_TRAINING_KIND_INITIAL, "2025-04-01" },
  { TS_TRAINING_KIND_INITIAL, "2023-04-01" },
};
static const Completion lapses_then_renewed[] = {
  { TS_TRAINING_KIND_INITIAL, "2020-02-29" },
  { TS_TRAINING_KIND_FOLLOW_UP, "2023-09-15" },
  { TS_TRAINING_KIND_FOLLOW_UP, "2028-02-29" },
};

static const History histories[] = {
  { "empty", NULL, 0 },
  { "initial-on-leap-day", initial_on_leap_day, G_N_ELEMENTS (initial_on_leap_day) },
  { "initial-and-follow-ups", initial_and_follow_ups, G_N_ELEMENTS (initial_and_follow_ups) },
  { "future-dated", future_dated, G_N_ELEMENTS (future_dated) },
  { "follow-up-only", follow_up_only, G_N_ELEMENTS (follow_up_only) },
  { "follow-up-before-initial", follow_up_before_initial, G_N_ELEMENTS (follow_up_before_initial) },
  { "initial-twice", initial_twice, G_N_ELEMENTS (initial_twice) },
  { "lapses-then-renewed", lapses_then_renewed, G_N_ELEMENTS (lapses_then_renewed) },
};

static void
parse_gdate (const char *text,
             GDate      *out)
{
  int y, m, d;

  g_assert_cmpint (sscanf (text, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_assert_true (g_date_valid (out));
}

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static void
assert_same_day (TsDate       actual,
                 const GDate *expected,
                 const char  *what,
                 const char  *history,
                 const GDate *on)
{
  int y, m, d;

  if (expected == NULL)
    {
      if (actual != TS_DATE_NONE)
        g_error ("%s on %04u-%02u-%02u: %s should be none", history,
                 g_date_get_year (on), g_date_get_month (on),
                 g_date_get_day (on), what);
      return;
    }
  g_assert_cmpuint (actual, !=, TS_DATE_NONE);
  ts_date_get_ymd (actual, &y, &m, &d);
  if (y != (int) g_date_get_year (expected) ||
      m != (int) g_date_get_month (expected) ||
      d != (int) g_date_get_day (expected))
    g_error ("%s on %04u-%02u-%02u: %s is %04d-%02d-%02d, expected %04u-%02u-%02u",
             history, g_date_get_year (on), g_date_get_month (on),
             g_date_get_day (on), what, y, m, d, g_date_get_year (expected),
             g_date_get_month (expected), g_date_get_day (expected));
}

/* The model: the rules of SPEC 2.1 restated over GDate. */
static void
check_day (const History              *history,
           const TsTrainingCompletion *completions,
           const TsQualificationRules *rules,
           const GDate                *on)
{
  GDate initial, last, due;
  gboolean have_initial = FALSE;
  TsQualificationStatus expected_status;
  TsQualification q;
  TsDate on_ts;
  int days_left;

  on_ts = ts_date_new (g_date_get_year (on), g_date_get_month (on),
                       g_date_get_day (on));

  for (gsize i = 0; i < history->n_completions; i++)
    {
      GDate c;

      if (history->completions[i].kind != TS_TRAINING_KIND_INITIAL)
        continue;
      parse_gdate (history->completions[i].date, &c);
      if (g_date_compare (&c, on) > 0)
        continue;
      if (!have_initial || g_date_compare (&c, &initial) < 0)
        initial = c;
      have_initial = TRUE;
    }

  if (have_initial)
    {
      last = initial;
      for (gsize i = 0; i < history->n_completions; i++)
        {
          GDate c;

          parse_gdate (history->completions[i].date, &c);
          if (g_date_compare (&c, on) <= 0 && g_date_compare (&c, &last) > 0)
            last = c;
        }
      due = last;
      g_date_add_years (&due, (guint) rules->follow_up_interval_years);
      days_left = g_date_days_between (on, &due);
      if (days_left < 0)
        expected_status = TS_QUALIFICATION_LAPSED;
      else if (days_left <= rules->due_soon_window_days)
        expected_status = TS_QUALIFICATION_DUE_SOON;
      else
        expected_status = TS_QUALIFICATION_VALID;
    }
  else
    expected_status = TS_QUALIFICATION_UNTRAINED;

  memset (&q, 0xaa, sizeof q);
  ts_qualification_compute (completions, history->n_completions, on_ts, rules, &q);

  if (q.status != expected_status)
    g_error ("%s on %04u-%02u-%02u (every %d years, window %d): status %s, expected %s",
             history->name, g_date_get_year (on), g_date_get_month (on),
             g_date_get_day (on), rules->follow_up_interval_years,
             rules->due_soon_window_days,
             ts_qualification_status_to_string (q.status),
             ts_qualification_status_to_string (expected_status));
  assert_same_day (q.initial_completed_on, have_initial ? &initial : NULL,
                   "initial_completed_on", history->name, on);
  assert_same_day (q.last_training_on, have_initial ? &last : NULL,
                   "last_training_on", history->name, on);
  assert_same_day (q.follow_up_due_on, have_initial ? &due : NULL,
                   "follow_up_due_on", history->name, on);
}

static void
test_every_day (void)
{
  static const TsQualificationRules rule_sets[] = {
    TS_QUALIFICATION_RULES_INIT,
    { 1, 0 },
    { 5, 30 },
  };
  guint days_checked = 0;

  for (gsize h = 0; h < G_N_ELEMENTS (histories); h++)
    {
      const History *history = &histories[h];
      g_autofree TsTrainingCompletion *completions = NULL;

      completions = g_new0 (TsTrainingCompletion, history->n_completions + 1);
      for (gsize i = 0; i < history->n_completions; i++)
        {
          completions[i].kind = history->completions[i].kind;
          completions[i].completed_on = date (history->completions[i].date);
        }

      for (gsize r = 0; r < G_N_ELEMENTS (rule_sets); r++)
        {
          GDate on;

          g_date_clear (&on, 1);
          g_date_set_dmy (&on, 1, G_DATE_JANUARY, 2023);
          while (g_date_get_year (&on) <= 2029)
            {
              check_day (history, completions, &rule_sets[r], &on);
              g_date_add_days (&on, 1);
              days_checked++;
            }
        }
    }

  /* 2023-2029 has 2557 days. */
  g_assert_cmpuint (days_checked, ==, G_N_ELEMENTS (histories) * 3 * 2557);
}

static TsQualification
compute_one (TsTrainingKind kind,
             const char    *completed_on,
             const char    *on)
{
  TsTrainingCompletion c = { kind, date (completed_on) };
  TsQualification q;

  ts_qualification_compute (&c, 1, date (on), NULL, &q);
  return q;
}

static void
assert_date (TsDate      actual,
             const char *expected)
{
  g_autofree char *text = ts_date_to_string (actual);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_due_day_and_day_after (void)
{
  TsQualification q;

  q = compute_one (TS_TRAINING_KIND_INITIAL, "2024-01-10", "2027-01-10");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_DUE_SOON);
  g_assert_true (ts_qualification_is_current (&q));
  assert_date (q.follow_up_due_on, "2027-01-10");

  q = compute_one (TS_TRAINING_KIND_INITIAL, "2024-01-10", "2027-01-11");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_LAPSED);
  g_assert_false (ts_qualification_is_current (&q));
  assert_date (q.follow_up_due_on, "2027-01-10");
  assert_date (q.initial_completed_on, "2024-01-10");
  assert_date (q.last_training_on, "2024-01-10");
}

static void
test_due_soon_window (void)
{
  TsQualification q;

  /* 2027-01-10 minus 90 days is 2026-10-12. */
  q = compute_one (TS_TRAINING_KIND_INITIAL, "2024-01-10", "2026-10-12");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_DUE_SOON);
  q = compute_one (TS_TRAINING_KIND_INITIAL, "2024-01-10", "2026-10-11");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_VALID);
  q = compute_one (TS_TRAINING_KIND_INITIAL, "2024-01-10", "2024-01-10");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_VALID);
}

static void
test_leap_day (void)
{
  TsQualification q;

  q = compute_one (TS_TRAINING_KIND_INITIAL, "2024-02-29", "2027-02-28");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_DUE_SOON);
  assert_date (q.follow_up_due_on, "2027-02-28");
  q = compute_one (TS_TRAINING_KIND_INITIAL, "2024-02-29", "2027-03-01");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_LAPSED);

  /* Four years lands on a leap year again and keeps the 29th. */
  {
    TsTrainingCompletion c = { TS_TRAINING_KIND_INITIAL, date ("2024-02-29") };
    TsQualificationRules rules = { 4, 90 };

    ts_qualification_compute (&c, 1, date ("2028-02-29"), &rules, &q);
    assert_date (q.follow_up_due_on, "2028-02-29");
    g_assert_cmpint (q.status, ==, TS_QUALIFICATION_DUE_SOON);
  }
}

static void
test_completion_dates_bound (void)
{
  TsQualification q;

  /* A course completed on D counts on D ... */
  q = compute_one (TS_TRAINING_KIND_INITIAL, "2025-06-01", "2025-06-01");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_VALID);
  assert_date (q.follow_up_due_on, "2028-06-01");

  /* ... and not the day before. */
  q = compute_one (TS_TRAINING_KIND_INITIAL, "2025-06-01", "2025-05-31");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_UNTRAINED);
  g_assert_cmpuint (q.initial_completed_on, ==, TS_DATE_NONE);
  g_assert_cmpuint (q.last_training_on, ==, TS_DATE_NONE);
  g_assert_cmpuint (q.follow_up_due_on, ==, TS_DATE_NONE);
  g_assert_false (ts_qualification_allows_registration (&q));
}

static void
test_follow_up_without_initial (void)
{
  TsQualification q;

  q = compute_one (TS_TRAINING_KIND_FOLLOW_UP, "2025-06-01", "2025-07-01");
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_UNTRAINED);
  g_assert_false (ts_qualification_allows_registration (&q));
  g_assert_false (ts_qualification_is_current (&q));
}

static void
test_renewal (void)
{
  TsTrainingCompletion c[] = {
    { TS_TRAINING_KIND_INITIAL, date ("2020-04-01") },
    { TS_TRAINING_KIND_FOLLOW_UP, date ("2023-10-01") },
    { TS_TRAINING_KIND_FOLLOW_UP, TS_DATE_NONE }, /* ignored */
  };
  TsQualification q;

  ts_qualification_compute (c, 1, date ("2023-09-30"), NULL, &q);
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_LAPSED);
  g_assert_true (ts_qualification_allows_registration (&q));

  ts_qualification_compute (c, G_N_ELEMENTS (c), date ("2023-10-01"), NULL, &q);
  g_assert_cmpint (q.status, ==, TS_QUALIFICATION_VALID);
  assert_date (q.initial_completed_on, "2020-04-01");
  assert_date (q.last_training_on, "2023-10-01");
  assert_date (q.follow_up_due_on, "2026-10-01");
}

static void
test_rules (void)
{
  TsQualificationRules rules = { 0, -1 };
  TsQualificationRules bad_window = { 3, -1 };
  TsQualificationRules bad_interval = { 0, 90 };

  ts_qualification_rules_init_default (&rules);
  g_assert_cmpint (rules.follow_up_interval_years, ==, 3);
  g_assert_cmpint (rules.due_soon_window_days, ==, 90);
  g_assert_true (ts_qualification_rules_valid (&rules));
  g_assert_false (ts_qualification_rules_valid (&bad_window));
  g_assert_false (ts_qualification_rules_valid (&bad_interval));
}

/* [training] keys: one definition of default and range (issue 11, item 17;
 * the loader allowed 1..20 years, the validator 1..100). */
static void
test_rules_load (void)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  TsQualificationRules rules;

  g_assert_true (g_key_file_load_from_data (kf, "[training]\ndue_soon_days=30\n", -1, 0, NULL));
  g_assert_true (ts_qualification_rules_load (&rules, kf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rules.follow_up_interval_years, ==, 3);
  g_assert_cmpint (rules.due_soon_window_days, ==, 30);

  g_key_file_set_integer (kf, "training", "follow_up_interval_years", 21);
  g_assert_false (ts_qualification_rules_load (&rules, kf, &error));
  g_assert_nonnull (strstr (error->message, "follow_up_interval_years"));
  ts_qualification_rules_init_default (&rules);
  rules.follow_up_interval_years = 21;
  g_assert_false (ts_qualification_rules_valid (&rules));
  rules.follow_up_interval_years = 20;
  g_assert_true (ts_qualification_rules_valid (&rules));
}

static void
test_strings (void)
{
  static const char *names[] = { "untrained", "valid", "due_soon", "lapsed" };
  TsQualificationStatus status;
  TsTrainingKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (ts_qualification_status_to_string (i), ==, names[i]);
      g_assert_true (ts_qualification_status_from_string (names[i], &status));
      g_assert_cmpint (status, ==, i);
    }
  g_assert_false (ts_qualification_status_from_string ("Valid", &status));
  g_assert_false (ts_qualification_status_from_string ("", &status));
  g_assert_false (ts_qualification_status_from_string (NULL, &status));

  g_assert_cmpstr (ts_training_kind_to_string (TS_TRAINING_KIND_INITIAL), ==, "initial");
  g_assert_cmpstr (ts_training_kind_to_string (TS_TRAINING_KIND_FOLLOW_UP), ==, "follow_up");
  g_assert_true (ts_training_kind_from_string ("follow_up", &kind));
  g_assert_cmpint (kind, ==, TS_TRAINING_KIND_FOLLOW_UP);
  g_assert_true (ts_training_kind_from_string ("initial", &kind));
  g_assert_cmpint (kind, ==, TS_TRAINING_KIND_INITIAL);
  g_assert_false (ts_training_kind_from_string ("follow-up", &kind));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/qualification/every-day-2023-2029", test_every_day);
  g_test_add_func ("/tsunagari/domain/qualification/due-day-and-day-after", test_due_day_and_day_after);
  g_test_add_func ("/tsunagari/domain/qualification/due-soon-window", test_due_soon_window);
  g_test_add_func ("/tsunagari/domain/qualification/leap-day", test_leap_day);
  g_test_add_func ("/tsunagari/domain/qualification/completion-dates-bound", test_completion_dates_bound);
  g_test_add_func ("/tsunagari/domain/qualification/follow-up-without-initial", test_follow_up_without_initial);
  g_test_add_func ("/tsunagari/domain/qualification/renewal", test_renewal);
  g_test_add_func ("/tsunagari/domain/qualification/rules", test_rules);
  g_test_add_func ("/tsunagari/domain/qualification/rules/load", test_rules_load);
  g_test_add_func ("/tsunagari/domain/qualification/strings", test_strings);

  return g_test_run ();
}
