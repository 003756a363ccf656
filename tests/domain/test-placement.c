/*
 * 職親 placement rules (SPEC 2.3, issue 6), at their edges: the 13/14-day
 * span, 239/240/241 days against the cap, a host's capacity exactly full and
 * one over, double booking, the day list and the pre-interview.
 */
#include <string.h>

#include "domain/placement.h"

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

/* Compares a GArray of TsDate with a NULL-terminated list of ISO dates. */
static void
assert_dates (GArray     *actual,
              const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_nonnull (actual);
  for (guint i = 0; i < actual->len && i < n; i++)
    {
      g_autofree char *text = ts_date_to_string (g_array_index (actual, TsDate, i));
      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpuint (actual->len, ==, n);
}

/* @n consecutive days from @first. */
static GArray *
consecutive_days (const char *first,
                  guint       n)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (TsDate));
  TsDate d = date (first);

  for (guint i = 0; i < n; i++)
    {
      TsDate day = d + i;
      g_array_append_val (days, day);
    }
  return days;
}

/* --- Rules ---------------------------------------------------------------- */

static void
test_rules_default (void)
{
  TsPlacementRules rules;
  TsPlacementRules bad;

  ts_placement_rules_init_default (&rules);
  g_assert_cmpuint (rules.cap_days, ==, 240);
  g_assert_cmpuint (rules.max_days_per_request, ==, 240);
  g_assert_cmpuint (rules.regular_min_span_days, ==, 14);
  g_assert_true (ts_placement_rules_valid (&rules));

  bad = rules;
  bad.cap_days = 0;
  g_assert_false (ts_placement_rules_valid (&bad));
  bad = rules;
  bad.max_days_per_request = 0;
  g_assert_false (ts_placement_rules_valid (&bad));
  /* A one-day placement must stay short. */
  bad = rules;
  bad.regular_min_span_days = 1;
  g_assert_false (ts_placement_rules_valid (&bad));
  bad.regular_min_span_days = 2;
  g_assert_true (ts_placement_rules_valid (&bad));
}

/* The configuration file's [placement] keys are read with the ranges that
 * ts_placement_rules_valid() checks: one definition (issue 11, item 17). */
static void
test_rules_load (void)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  TsPlacementRules rules;

  g_assert_true (ts_placement_rules_load (&rules, NULL, &error));
  g_assert_cmpuint (rules.cap_days, ==, 240);

  g_assert_true (g_key_file_load_from_data (kf, "[placement]\ncap_days=100\n", -1, 0, NULL));
  g_assert_true (ts_placement_rules_load (&rules, kf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.cap_days, ==, 100);
  g_assert_cmpuint (rules.regular_min_span_days, ==, 14);
  g_assert_true (ts_placement_rules_valid (&rules));

  /* What the loader refuses, the validator refuses, and the reverse. */
  g_key_file_set_integer (kf, "placement", "regular_min_span_days", 1);
  g_assert_false (ts_placement_rules_load (&rules, kf, &error));
  g_assert_nonnull (strstr (error->message, "regular_min_span_days"));
  g_clear_error (&error);
  g_key_file_set_integer (kf, "placement", "regular_min_span_days", 367);
  g_assert_false (ts_placement_rules_load (&rules, kf, &error));
  g_clear_error (&error);
  ts_placement_rules_init_default (&rules);
  rules.regular_min_span_days = 367;
  g_assert_false (ts_placement_rules_valid (&rules));
  rules.regular_min_span_days = 366;
  g_assert_true (ts_placement_rules_valid (&rules));
}

static void
test_hours_per_day (void)
{
  g_assert_false (ts_placement_hours_per_day_valid (0));
  g_assert_true (ts_placement_hours_per_day_valid (1));
  g_assert_true (ts_placement_hours_per_day_valid (8));
  g_assert_false (ts_placement_hours_per_day_valid (9));
  g_assert_false (ts_placement_hours_per_day_valid (-1));
  g_assert_false (ts_placement_hours_per_day_valid (G_MAXINT64));
}

/* --- Kind ------------------------------------------------------------------ */

static void
test_kind_one_day (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  TsDate d = date ("2025-06-02");

  /* 「1日からの短期参加もできます」 */
  g_assert_cmpuint (ts_placement_span_days (d, d), ==, 1);
  g_assert_cmpint (ts_placement_kind_for_span (d, d, &rules), ==, TS_PLACEMENT_KIND_SHORT);
}

static void
test_kind_13_and_14_days (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  TsDate monday = date ("2025-06-02");

  /* Monday to the Saturday of the following week: 13 calendar days. */
  g_assert_cmpuint (ts_placement_span_days (monday, date ("2025-06-14")), ==, 13);
  g_assert_cmpint (ts_placement_kind_for_span (monday, date ("2025-06-14"), &rules),
                   ==, TS_PLACEMENT_KIND_SHORT);
  /* Monday to the Sunday of the following week: two whole weeks. */
  g_assert_cmpuint (ts_placement_span_days (monday, date ("2025-06-15")), ==, 14);
  g_assert_cmpint (ts_placement_kind_for_span (monday, date ("2025-06-15"), &rules),
                   ==, TS_PLACEMENT_KIND_REGULAR);
  g_assert_cmpint (ts_placement_kind_for_span (monday, date ("2025-06-16"), &rules),
                   ==, TS_PLACEMENT_KIND_REGULAR);

  /* The span decides, not the number of days: two days 13 days apart are a
   * regular placement; ten consecutive weekdays (Mon–Fri twice) are short. */
  g_assert_cmpint (ts_placement_kind_for_span (monday, date ("2025-06-15"), &rules),
                   ==, TS_PLACEMENT_KIND_REGULAR);
  g_assert_cmpint (ts_placement_kind_for_span (monday, date ("2025-06-13"), &rules),
                   ==, TS_PLACEMENT_KIND_SHORT);

  /* Across a month and a year end. */
  g_assert_cmpint (ts_placement_kind_for_span (date ("2025-12-19"), date ("2026-01-01"), &rules),
                   ==, TS_PLACEMENT_KIND_REGULAR);
  g_assert_cmpint (ts_placement_kind_for_span (date ("2025-12-20"), date ("2026-01-01"), &rules),
                   ==, TS_PLACEMENT_KIND_SHORT);
  /* 2028 is a leap year: 2028-02-16 .. 2028-02-29 is 14 days. */
  g_assert_cmpuint (ts_placement_span_days (date ("2028-02-16"), date ("2028-02-29")), ==, 14);
}

static void
test_kind_configurable (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  TsDate monday = date ("2025-06-02");

  rules.regular_min_span_days = 7;
  g_assert_cmpint (ts_placement_kind_for_span (monday, monday + 5, &rules),
                   ==, TS_PLACEMENT_KIND_SHORT);
  g_assert_cmpint (ts_placement_kind_for_span (monday, monday + 6, &rules),
                   ==, TS_PLACEMENT_KIND_REGULAR);
}

static void
test_kind_strings (void)
{
  TsPlacementKind kind;

  g_assert_cmpstr (ts_placement_kind_to_string (TS_PLACEMENT_KIND_SHORT), ==, "short");
  g_assert_cmpstr (ts_placement_kind_to_string (TS_PLACEMENT_KIND_REGULAR), ==, "regular");
  g_assert_true (ts_placement_kind_from_string ("regular", &kind));
  g_assert_cmpint (kind, ==, TS_PLACEMENT_KIND_REGULAR);
  g_assert_true (ts_placement_kind_from_string ("short", &kind));
  g_assert_cmpint (kind, ==, TS_PLACEMENT_KIND_SHORT);
  g_assert_false (ts_placement_kind_from_string ("Short", &kind));
  g_assert_false (ts_placement_kind_from_string ("", NULL));
  g_assert_false (ts_placement_kind_from_string (NULL, NULL));
}

/* --- Day lists ---------------------------------------------------------------- */

static void
test_days_sorted_copy (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  const TsDate days[] = { date ("2025-06-10"), date ("2025-06-02"), date ("2025-06-05") };
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GArray) duplicates = NULL;

  g_assert_cmpint (ts_placement_days_validate (days, G_N_ELEMENTS (days), &rules,
                                               &sorted, &duplicates),
                   ==, TS_PLACEMENT_DAYS_OK);
  assert_dates (sorted, (const char *[]) { "2025-06-02", "2025-06-05", "2025-06-10", NULL });
  g_assert_cmpuint (duplicates->len, ==, 0);
  /* The input is left alone. */
  g_assert_cmpuint (days[0], ==, date ("2025-06-10"));

  /* Both outputs are optional. */
  g_assert_cmpint (ts_placement_days_validate (days, G_N_ELEMENTS (days), &rules, NULL, NULL),
                   ==, TS_PLACEMENT_DAYS_OK);
}

static void
test_days_empty (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  g_autoptr(GArray) sorted = NULL;

  g_assert_cmpint (ts_placement_days_validate (NULL, 0, &rules, &sorted, NULL),
                   ==, TS_PLACEMENT_DAYS_EMPTY);
  g_assert_null (sorted);
  g_assert_cmpstr (ts_placement_days_result_to_string (TS_PLACEMENT_DAYS_EMPTY), ==, "empty");
}

static void
test_days_duplicates (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  const TsDate days[] = {
    date ("2025-06-05"), date ("2025-06-02"), date ("2025-06-05"),
    date ("2025-06-03"), date ("2025-06-05"), date ("2025-06-02"),
  };
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GArray) duplicates = NULL;

  g_assert_cmpint (ts_placement_days_validate (days, G_N_ELEMENTS (days), &rules,
                                               &sorted, &duplicates),
                   ==, TS_PLACEMENT_DAYS_DUPLICATE);
  g_assert_null (sorted);
  /* Each repeated date once, ascending. */
  assert_dates (duplicates, (const char *[]) { "2025-06-02", "2025-06-05", NULL });
  g_assert_cmpstr (ts_placement_days_result_to_string (TS_PLACEMENT_DAYS_DUPLICATE),
                   ==, "duplicate");
}

static void
test_days_invalid_date (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  const TsDate days[] = { date ("2025-06-05"), TS_DATE_NONE };

  g_assert_cmpint (ts_placement_days_validate (days, G_N_ELEMENTS (days), &rules, NULL, NULL),
                   ==, TS_PLACEMENT_DAYS_INVALID_DATE);
}

/* 「①②合わせて240日以内」: one request can hold all 240 days, not 241. */
static void
test_days_too_many (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  g_autoptr(GArray) days = consecutive_days ("2025-04-01", 241);
  g_autoptr(GArray) sorted = NULL;

  g_assert_cmpint (ts_placement_days_validate ((TsDate *) days->data, 240, &rules,
                                               &sorted, NULL),
                   ==, TS_PLACEMENT_DAYS_OK);
  g_assert_cmpuint (sorted->len, ==, 240);
  g_clear_pointer (&sorted, g_array_unref);

  g_assert_cmpint (ts_placement_days_validate ((TsDate *) days->data, 241, &rules,
                                               &sorted, NULL),
                   ==, TS_PLACEMENT_DAYS_TOO_MANY);
  g_assert_null (sorted);

  /* The count is of entries: 241 entries are too many even if some repeat. */
  g_array_index (days, TsDate, 240) = g_array_index (days, TsDate, 0);
  g_assert_cmpint (ts_placement_days_validate ((TsDate *) days->data, 241, &rules, NULL, NULL),
                   ==, TS_PLACEMENT_DAYS_TOO_MANY);

  rules.max_days_per_request = 5;
  g_assert_cmpint (ts_placement_days_validate ((TsDate *) days->data, 5, &rules, NULL, NULL),
                   ==, TS_PLACEMENT_DAYS_OK);
  g_assert_cmpint (ts_placement_days_validate ((TsDate *) days->data, 6, &rules, NULL, NULL),
                   ==, TS_PLACEMENT_DAYS_TOO_MANY);
}

/* --- The cap ---------------------------------------------------------------------- */

static void
test_cap_edges (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  guint remaining = 999;

  /* 239 + 1 = 240: accepted, exactly at the cap. */
  g_assert_true (ts_placement_cap_allows (239, 1, &rules, &remaining));
  g_assert_cmpuint (remaining, ==, 1);
  /* 239 + 2 = 241: refused, 1 day remains. */
  g_assert_false (ts_placement_cap_allows (239, 2, &rules, &remaining));
  g_assert_cmpuint (remaining, ==, 1);
  /* 240 used: nothing more. */
  g_assert_false (ts_placement_cap_allows (240, 1, &rules, &remaining));
  g_assert_cmpuint (remaining, ==, 0);
  g_assert_true (ts_placement_cap_allows (240, 0, &rules, &remaining));

  /* All 240 in one go, but not 241. */
  g_assert_true (ts_placement_cap_allows (0, 240, &rules, &remaining));
  g_assert_cmpuint (remaining, ==, 240);
  g_assert_false (ts_placement_cap_allows (0, 241, &rules, &remaining));
  g_assert_cmpuint (remaining, ==, 240);

  /* 238 + 2 = 240 and 238 + 3 = 241. */
  g_assert_true (ts_placement_cap_allows (238, 2, &rules, NULL));
  g_assert_false (ts_placement_cap_allows (238, 3, &rules, NULL));

  g_assert_cmpuint (ts_placement_cap_remaining (0, &rules), ==, 240);
  g_assert_cmpuint (ts_placement_cap_remaining (239, &rules), ==, 1);
  g_assert_cmpuint (ts_placement_cap_remaining (240, &rules), ==, 0);
  /* A cap lowered below what is already scheduled: 0, not a wrap-around. */
  g_assert_cmpuint (ts_placement_cap_remaining (241, &rules), ==, 0);
  g_assert_false (ts_placement_cap_allows (300, 1, &rules, &remaining));
  g_assert_cmpuint (remaining, ==, 0);

  /* No overflow with absurd numbers. */
  g_assert_false (ts_placement_cap_allows (G_MAXUINT, G_MAXUINT, &rules, NULL));
  g_assert_false (ts_placement_cap_allows (1, G_MAXUINT, &rules, NULL));
}

static void
test_cap_configurable (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;

  rules.cap_days = 10;
  for (guint used = 0; used <= 12; used++)
    {
      for (guint n = 0; n <= 12; n++)
        {
          guint remaining;
          gboolean ok = ts_placement_cap_allows (used, n, &rules, &remaining);

          /* Adding nothing is always possible, even over a lowered cap. */
          g_assert_cmpint (ok, ==, n == 0 || used + n <= 10);
          g_assert_cmpuint (remaining, ==, used >= 10 ? 0 : 10 - used);
        }
    }
}

/* A cap made of days at several hosts and placements, as the service counts
 * it: the days used so far are the union of the participant's scheduled
 * days; a new placement only adds days not already scheduled (those are
 * double bookings and refused). */
static void
test_cap_over_placements (void)
{
  TsPlacementRules rules = TS_PLACEMENT_RULES_INIT;
  g_autoptr(GArray) host_a = consecutive_days ("2025-04-01", 120);
  g_autoptr(GArray) host_b = consecutive_days ("2025-07-30", 119);
  g_autoptr(GArray) scheduled = g_array_new (FALSE, FALSE, sizeof (TsDate));
  g_autoptr(GArray) next = consecutive_days ("2025-11-26", 2);
  g_autoptr(GArray) clash = NULL;
  guint remaining;

  g_array_append_vals (scheduled, host_a->data, host_a->len);
  g_array_append_vals (scheduled, host_b->data, host_b->len);
  g_assert_cmpuint (scheduled->len, ==, 239);

  clash = ts_placement_double_booked_days ((TsDate *) scheduled->data, scheduled->len,
                                           (TsDate *) next->data, next->len);
  g_assert_cmpuint (clash->len, ==, 0);
  g_assert_true (ts_placement_cap_allows (scheduled->len, 1, &rules, &remaining));
  g_assert_false (ts_placement_cap_allows (scheduled->len, next->len, &rules, &remaining));
  g_assert_cmpuint (remaining, ==, 1);
}

/* --- Double booking ----------------------------------------------------------- */

static void
test_double_booking (void)
{
  const TsDate scheduled[] = {
    date ("2025-06-09"), date ("2025-06-02"), date ("2025-06-04"), date ("2025-06-06"),
  };
  const TsDate days[] = {
    date ("2025-06-06"), date ("2025-06-03"), date ("2025-06-02"), date ("2025-06-10"),
  };
  const TsDate free_days[] = { date ("2025-06-03"), date ("2025-06-05") };
  g_autoptr(GArray) clash = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) first = NULL;

  clash = ts_placement_double_booked_days (scheduled, G_N_ELEMENTS (scheduled),
                                           days, G_N_ELEMENTS (days));
  assert_dates (clash, (const char *[]) { "2025-06-02", "2025-06-06", NULL });

  none = ts_placement_double_booked_days (scheduled, G_N_ELEMENTS (scheduled),
                                          free_days, G_N_ELEMENTS (free_days));
  g_assert_cmpuint (none->len, ==, 0);

  /* A participant with nothing scheduled yet. */
  first = ts_placement_double_booked_days (NULL, 0, days, G_N_ELEMENTS (days));
  g_assert_cmpuint (first->len, ==, 0);
}

/* --- Host capacity ------------------------------------------------------------- */

static void
test_capacity_full_and_over (void)
{
  const TsPlacementDayCount counts[] = {
    { date ("2025-06-02"), 1 },  /* one place left */
    { date ("2025-06-03"), 2 },  /* full */
    { date ("2025-06-04"), 0 },
    { date ("2025-06-05"), 3 },  /* over already (capacity was lowered) */
  };
  const TsDate days[] = {
    date ("2025-06-05"), date ("2025-06-02"), date ("2025-06-03"),
    date ("2025-06-04"), date ("2025-06-06"),
  };
  g_autoptr(GArray) over = NULL;
  g_autoptr(GArray) cap1 = NULL;
  g_autoptr(GArray) cap3 = NULL;
  g_autoptr(GArray) cap0 = NULL;

  /* Capacity 2: 06-02 becomes exactly full (accepted); 06-03 would be one
   * over; 06-05 is over already. */
  over = ts_placement_capacity_exceeded_days (counts, G_N_ELEMENTS (counts),
                                              days, G_N_ELEMENTS (days), 2);
  assert_dates (over, (const char *[]) { "2025-06-03", "2025-06-05", NULL });

  /* Capacity 1: every day with someone already there is over. */
  cap1 = ts_placement_capacity_exceeded_days (counts, G_N_ELEMENTS (counts),
                                              days, G_N_ELEMENTS (days), 1);
  assert_dates (cap1, (const char *[]) { "2025-06-02", "2025-06-03", "2025-06-05", NULL });

  /* Capacity 3: 06-03 exactly full, 06-05 one over. */
  cap3 = ts_placement_capacity_exceeded_days (counts, G_N_ELEMENTS (counts),
                                              days, G_N_ELEMENTS (days), 3);
  assert_dates (cap3, (const char *[]) { "2025-06-05", NULL });

  /* A capacity of 0 admits no one. */
  cap0 = ts_placement_capacity_exceeded_days (NULL, 0, days, 2, 0);
  assert_dates (cap0, (const char *[]) { "2025-06-02", "2025-06-05", NULL });
}

static void
test_capacity_counts_add_up (void)
{
  /* The store may report a date once per placement; entries add up. */
  const TsPlacementDayCount counts[] = {
    { date ("2025-06-02"), 1 },
    { date ("2025-06-02"), 1 },
  };
  const TsDate day[] = { date ("2025-06-02") };
  g_autoptr(GArray) cap2 = NULL;
  g_autoptr(GArray) cap3 = NULL;

  cap2 = ts_placement_capacity_exceeded_days (counts, 2, day, 1, 2);
  assert_dates (cap2, (const char *[]) { "2025-06-02", NULL });
  cap3 = ts_placement_capacity_exceeded_days (counts, 2, day, 1, 3);
  g_assert_cmpuint (cap3->len, ==, 0);
}

/* --- Warnings ------------------------------------------------------------------- */

static void
test_warnings (void)
{
  const TsDate days[] = {
    date ("2025-05-03"),  /* Saturday, 憲法記念日 */
    date ("2025-05-06"),  /* Tuesday, こどもの日 振替休日 */
    date ("2025-05-07"),  /* Wednesday */
    date ("2025-05-10"),  /* Saturday */
    date ("2025-05-11"),  /* Sunday */
  };
  g_autoptr(GArray) weekdays = NULL;
  g_autoptr(GArray) all_open = NULL;
  g_autoptr(GArray) wednesday_only = NULL;
  const TsPlacementWarning *w;

  weekdays = ts_placement_warnings (days, G_N_ELEMENTS (days), TS_WEEKDAYS_MONDAY_TO_FRIDAY);
  /* 05-03 holiday + closed, 05-06 holiday, 05-10 and 05-11 closed. */
  g_assert_cmpuint (weekdays->len, ==, 5);
  w = &g_array_index (weekdays, TsPlacementWarning, 0);
  g_assert_cmpuint (w->date, ==, date ("2025-05-03"));
  g_assert_cmpint (w->kind, ==, TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY);
  g_assert_cmpstr (w->holiday_name, ==, "憲法記念日");
  w = &g_array_index (weekdays, TsPlacementWarning, 1);
  g_assert_cmpuint (w->date, ==, date ("2025-05-03"));
  g_assert_cmpint (w->kind, ==, TS_PLACEMENT_WARNING_HOST_CLOSED);
  g_assert_null (w->holiday_name);
  w = &g_array_index (weekdays, TsPlacementWarning, 2);
  g_assert_cmpuint (w->date, ==, date ("2025-05-06"));
  g_assert_cmpint (w->kind, ==, TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY);
  g_assert_cmpstr (w->holiday_name, ==, "こどもの日 振替休日");
  w = &g_array_index (weekdays, TsPlacementWarning, 3);
  g_assert_cmpuint (w->date, ==, date ("2025-05-10"));
  g_assert_cmpint (w->kind, ==, TS_PLACEMENT_WARNING_HOST_CLOSED);
  w = &g_array_index (weekdays, TsPlacementWarning, 4);
  g_assert_cmpuint (w->date, ==, date ("2025-05-11"));
  g_assert_cmpint (w->kind, ==, TS_PLACEMENT_WARNING_HOST_CLOSED);

  /* Open every day: only the holidays. */
  all_open = ts_placement_warnings (days, G_N_ELEMENTS (days), TS_WEEKDAYS_ALL);
  g_assert_cmpuint (all_open->len, ==, 2);
  g_assert_cmpint (g_array_index (all_open, TsPlacementWarning, 0).kind,
                   ==, TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY);
  g_assert_cmpint (g_array_index (all_open, TsPlacementWarning, 1).kind,
                   ==, TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY);

  /* Open on Wednesdays only (ISO 3): all but 05-07 are closed days. */
  wednesday_only = ts_placement_warnings (days, G_N_ELEMENTS (days), TS_WEEKDAY_BIT (3));
  g_assert_cmpuint (wednesday_only->len, ==, 2 + 4);
  for (guint i = 0; i < wednesday_only->len; i++)
    {
      w = &g_array_index (wednesday_only, TsPlacementWarning, i);
      if (w->kind == TS_PLACEMENT_WARNING_HOST_CLOSED)
        g_assert_cmpuint (w->date, !=, date ("2025-05-07"));
    }

  g_assert_cmpstr (ts_placement_warning_kind_to_string (TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY),
                   ==, "public_holiday");
  g_assert_cmpstr (ts_placement_warning_kind_to_string (TS_PLACEMENT_WARNING_HOST_CLOSED),
                   ==, "host_closed");
}

/* Sunday (ISO 7) is bit 6, Monday bit 0. */
static void
test_warnings_weekday_bits (void)
{
  TsDate monday = date ("2025-06-02");

  for (int iso = 1; iso <= 7; iso++)
    {
      TsDate d = monday + (TsDate) (iso - 1);
      g_autoptr(GArray) open = ts_placement_warnings (&d, 1, TS_WEEKDAY_BIT (iso));
      g_autoptr(GArray) closed = ts_placement_warnings (&d, 1, TS_WEEKDAYS_ALL & ~TS_WEEKDAY_BIT (iso));

      g_assert_cmpint (ts_date_get_weekday (d), ==, iso);
      g_assert_cmpuint (open->len, ==, 0);
      g_assert_cmpuint (closed->len, ==, 1);
      g_assert_cmpint (g_array_index (closed, TsPlacementWarning, 0).kind,
                       ==, TS_PLACEMENT_WARNING_HOST_CLOSED);
    }
  g_assert_cmpuint (TS_WEEKDAY_BIT (7), ==, 0x40);
}

/* --- Pre-interview -------------------------------------------------------------- */

/* "Today" for the checks that are not about it: long after every date used. */
#define LATER (date ("2030-01-01"))

static void
test_pre_interview_ok (void)
{
  const char *const required[] = { "participant", "host", "coordinator" };
  const char *const everyone[] = { "coordinator", "family", "host", "participant" };
  TsPreInterviewCheck check;
  TsDate first = date ("2025-06-02");

  /* On the first day itself, and the day before. */
  g_assert_true (ts_pre_interview_check (first, required, 3, first, LATER, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_OK);
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_OK);
  g_assert_cmpuint (check.present, ==, TS_PRE_INTERVIEW_REQUIRED);
  g_assert_cmpuint (check.missing, ==, 0);
  g_assert_cmpint (check.attendee_index, ==, -1);

  g_assert_true (ts_pre_interview_check (first - 1, everyone, 4, first, LATER, &check));
  g_assert_cmpuint (check.present, ==, TS_PRE_INTERVIEW_REQUIRED | TS_PRE_INTERVIEW_FAMILY);

  /* Long before (an interview, then the application, then matching). */
  g_assert_true (ts_pre_interview_check (date ("2024-12-20"), required, 3, first, LATER, &check));
}

static void
test_pre_interview_held_on (void)
{
  const char *const required[] = { "participant", "host", "coordinator" };
  TsPreInterviewCheck check;
  TsDate first = date ("2025-06-02");

  g_assert_false (ts_pre_interview_check (first + 1, required, 3, first, LATER, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY);
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_OK);

  g_assert_false (ts_pre_interview_check (TS_DATE_NONE, required, 3, first, LATER, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_MISSING);

  /* Without a first day (the days were invalid) the order is not judged. */
  g_assert_true (ts_pre_interview_check (first + 100, required, 3, TS_DATE_NONE, LATER, &check));

  g_assert_cmpstr (ts_pre_interview_held_on_result_to_string (TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY),
                   ==, "after_first_day");
}

static void
test_pre_interview_attendees (void)
{
  const char *const no_host[] = { "participant", "family", "coordinator" };
  const char *const family_only[] = { "family" };
  const char *const unknown[] = { "participant", "host", "supporter", "coordinator" };
  const char *const duplicate[] = { "participant", "host", "coordinator", "host" };
  const char *const null_entry[] = { "participant", NULL, "host", "coordinator" };
  const char *const wrong_case[] = { "Participant", "host", "coordinator" };
  TsPreInterviewCheck check;
  TsDate first = date ("2025-06-02");

  g_assert_false (ts_pre_interview_check (first, no_host, 3, first, LATER, &check));
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE);
  g_assert_cmpuint (check.missing, ==, TS_PRE_INTERVIEW_HOST);

  g_assert_false (ts_pre_interview_check (first, family_only, 1, first, LATER, &check));
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE);
  g_assert_cmpuint (check.missing, ==, TS_PRE_INTERVIEW_REQUIRED);

  g_assert_false (ts_pre_interview_check (first, NULL, 0, first, LATER, &check));
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_MISSING);
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_OK);

  g_assert_false (ts_pre_interview_check (first, unknown, 4, first, LATER, &check));
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN);
  g_assert_cmpint (check.attendee_index, ==, 2);

  g_assert_false (ts_pre_interview_check (first, duplicate, 4, first, LATER, &check));
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_DUPLICATE);
  g_assert_cmpint (check.attendee_index, ==, 3);

  g_assert_false (ts_pre_interview_check (first, null_entry, 4, first, LATER, &check));
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN);
  g_assert_cmpint (check.attendee_index, ==, 1);

  g_assert_false (ts_pre_interview_check (first, wrong_case, 3, first, LATER, &check));
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN);
  g_assert_cmpint (check.attendee_index, ==, 0);

  g_assert_cmpstr (ts_pre_interview_attendees_result_to_string (TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE),
                   ==, "incomplete");
}

/* Issue 11 item 15: an interview dated after today is planned, not held,
 * and does not satisfy the rule, even before a first day in the future. */
static void
test_pre_interview_not_yet_held (void)
{
  const char *const required[] = { "participant", "host", "coordinator" };
  TsPreInterviewCheck check;
  TsDate today = date ("2026-06-15");
  TsDate first = date ("2026-07-01");

  g_assert_false (ts_pre_interview_check (today + 1, required, 3, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD);
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_OK);
  g_assert_false (ts_pre_interview_check (first, required, 3, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD);
  /* Held today or earlier: fine. */
  g_assert_true (ts_pre_interview_check (today, required, 3, first, today, &check));
  g_assert_true (ts_pre_interview_check (today - 30, required, 3, first, today, &check));
  /* On a first day that is today. */
  g_assert_true (ts_pre_interview_check (today, required, 3, today, today, &check));
  /* After the first day stays the more precise result. */
  g_assert_false (ts_pre_interview_check (first + 1, required, 3, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY);
  /* Without a first day, still not held. */
  g_assert_false (ts_pre_interview_check (today + 1, required, 3, TS_DATE_NONE, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD);
  g_assert_cmpstr (ts_pre_interview_held_on_result_to_string (TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD),
                   ==, "not_yet_held");
}

/* Issue 11 item 15: a placement may be recorded with its interview only
 * planned: on or before the first day, today or later, attendees optional
 * (judged when given).  It is not held until recorded with its date. */
static void
test_pre_interview_planned (void)
{
  const char *const required[] = { "participant", "host", "coordinator" };
  const char *const no_host[] = { "participant", "coordinator" };
  TsPreInterviewCheck check;
  TsDate today = date ("2026-06-15");
  TsDate first = date ("2026-07-01");

  g_assert_true (ts_pre_interview_check_planned (today + 3, NULL, 0, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_OK);
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_OK);
  g_assert_cmpuint (check.present, ==, 0);
  g_assert_true (ts_pre_interview_check_planned (today, required, 3, first, today, &check));
  g_assert_cmpuint (check.present, ==, TS_PRE_INTERVIEW_REQUIRED);
  g_assert_true (ts_pre_interview_check_planned (first, NULL, 0, first, today, &check));

  g_assert_false (ts_pre_interview_check_planned (first + 1, NULL, 0, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY);
  g_assert_false (ts_pre_interview_check_planned (today - 1, NULL, 0, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_PLANNED_PAST);
  g_assert_false (ts_pre_interview_check_planned (TS_DATE_NONE, NULL, 0, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_MISSING);
  g_assert_false (ts_pre_interview_check_planned (today + 3, no_host, 2, first, today, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_OK);
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE);
  g_assert_cmpuint (check.missing, ==, TS_PRE_INTERVIEW_HOST);
  g_assert_cmpstr (ts_pre_interview_held_on_result_to_string (TS_PRE_INTERVIEW_HELD_ON_PLANNED_PAST),
                   ==, "planned_past");

  g_assert_true (ts_pre_interview_is_held (today));
  g_assert_false (ts_pre_interview_is_held (TS_DATE_NONE));
}

/* Both fields wrong: both are reported, so one response can name both. */
static void
test_pre_interview_both_fields (void)
{
  const char *const no_coordinator[] = { "participant", "host" };
  TsPreInterviewCheck check;
  TsDate first = date ("2025-06-02");

  g_assert_false (ts_pre_interview_check (first + 7, no_coordinator, 2, first, LATER, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY);
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE);
  g_assert_cmpuint (check.missing, ==, TS_PRE_INTERVIEW_COORDINATOR);

  g_assert_false (ts_pre_interview_check (TS_DATE_NONE, NULL, 0, first, LATER, &check));
  g_assert_cmpint (check.held_on, ==, TS_PRE_INTERVIEW_HELD_ON_MISSING);
  g_assert_cmpint (check.attendees, ==, TS_PRE_INTERVIEW_ATTENDEES_MISSING);
}

static void
test_pre_interview_attendee_strings (void)
{
  static const TsPreInterviewAttendee all[] = {
    TS_PRE_INTERVIEW_PARTICIPANT, TS_PRE_INTERVIEW_FAMILY,
    TS_PRE_INTERVIEW_HOST, TS_PRE_INTERVIEW_COORDINATOR,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    {
      TsPreInterviewAttendee back;
      const char *name = ts_pre_interview_attendee_to_string (all[i]);

      g_assert_nonnull (name);
      g_assert_true (ts_pre_interview_attendee_from_string (name, &back));
      g_assert_cmpint (back, ==, all[i]);
    }
  g_assert_cmpstr (ts_pre_interview_attendee_to_string (TS_PRE_INTERVIEW_COORDINATOR),
                   ==, "coordinator");
  g_assert_false (ts_pre_interview_attendee_from_string ("supporter", NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/placement/rules/default", test_rules_default);
  g_test_add_func ("/tsunagari/domain/placement/rules/load", test_rules_load);
  g_test_add_func ("/tsunagari/domain/placement/hours-per-day", test_hours_per_day);
  g_test_add_func ("/tsunagari/domain/placement/kind/one-day", test_kind_one_day);
  g_test_add_func ("/tsunagari/domain/placement/kind/13-and-14-days", test_kind_13_and_14_days);
  g_test_add_func ("/tsunagari/domain/placement/kind/configurable", test_kind_configurable);
  g_test_add_func ("/tsunagari/domain/placement/kind/strings", test_kind_strings);
  g_test_add_func ("/tsunagari/domain/placement/days/sorted-copy", test_days_sorted_copy);
  g_test_add_func ("/tsunagari/domain/placement/days/empty", test_days_empty);
  g_test_add_func ("/tsunagari/domain/placement/days/duplicates", test_days_duplicates);
  g_test_add_func ("/tsunagari/domain/placement/days/invalid-date", test_days_invalid_date);
  g_test_add_func ("/tsunagari/domain/placement/days/too-many", test_days_too_many);
  g_test_add_func ("/tsunagari/domain/placement/cap/239-240-241", test_cap_edges);
  g_test_add_func ("/tsunagari/domain/placement/cap/configurable", test_cap_configurable);
  g_test_add_func ("/tsunagari/domain/placement/cap/over-placements", test_cap_over_placements);
  g_test_add_func ("/tsunagari/domain/placement/double-booking", test_double_booking);
  g_test_add_func ("/tsunagari/domain/placement/capacity/full-and-over", test_capacity_full_and_over);
  g_test_add_func ("/tsunagari/domain/placement/capacity/counts-add-up", test_capacity_counts_add_up);
  g_test_add_func ("/tsunagari/domain/placement/warnings/holidays-and-closed", test_warnings);
  g_test_add_func ("/tsunagari/domain/placement/warnings/weekday-bits", test_warnings_weekday_bits);
  g_test_add_func ("/tsunagari/domain/placement/pre-interview/ok", test_pre_interview_ok);
  g_test_add_func ("/tsunagari/domain/placement/pre-interview/held-on", test_pre_interview_held_on);
  g_test_add_func ("/tsunagari/domain/placement/pre-interview/attendees", test_pre_interview_attendees);
  g_test_add_func ("/tsunagari/domain/placement/pre-interview/both-fields", test_pre_interview_both_fields);
  g_test_add_func ("/tsunagari/domain/placement/pre-interview/not-yet-held", test_pre_interview_not_yet_held);
  g_test_add_func ("/tsunagari/domain/placement/pre-interview/planned", test_pre_interview_planned);
  g_test_add_func ("/tsunagari/domain/placement/pre-interview/attendee-strings", test_pre_interview_attendee_strings);

  return g_test_run ();
}
