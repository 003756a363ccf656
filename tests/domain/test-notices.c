/*
 * Notices (issue 17): the pure date rules, and a year of simulated days in
 * which every rule fires on the right day and only once per period.
 */
#include "domain/notices.h"

#include <string.h>

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static TsNoticeRules
rules_default (void)
{
  TsNoticeRules r;

  ts_notice_rules_init_default (&r);
  g_assert_true (ts_notice_rules_valid (&r));
  return r;
}

static void
test_follow_up (void)
{
  TsNoticeRules r = rules_default ();
  TsNoticeDue due;
  TsDate d = date ("2027-06-30");

  g_assert_false (ts_notice_follow_up (&r, d, ts_date_add_days (d, -91), &due));
  g_assert_true (ts_notice_follow_up (&r, d, ts_date_add_days (d, -90), &due));
  g_assert_cmpint (due.kind, ==, TS_NOTICE_FOLLOW_UP_DUE);
  g_assert_cmpstr (due.period, ==, "2027-06-30");
  g_assert_cmpuint (due.due_on, ==, d);
  /* The due day itself is still valid (SPEC 2.1). */
  g_assert_true (ts_notice_follow_up (&r, d, d, &due));
  g_assert_cmpint (due.kind, ==, TS_NOTICE_FOLLOW_UP_DUE);
  g_assert_true (ts_notice_follow_up (&r, d, ts_date_add_days (d, 1), &due));
  g_assert_cmpint (due.kind, ==, TS_NOTICE_FOLLOW_UP_LAPSED);
  g_assert_true (ts_notice_follow_up (&r, d, ts_date_add_days (d, 30), &due));
  g_assert_false (ts_notice_follow_up (&r, d, ts_date_add_days (d, 31), &due));
  g_assert_false (ts_notice_follow_up (&r, TS_DATE_NONE, d, &due));
}

static void
test_insurance (void)
{
  TsNoticeRules r = rules_default ();
  TsNoticeDue due;
  TsDate end = date ("2027-03-31");

  g_assert_false (ts_notice_insurance (&r, end, date ("2027-01-29"), &due));
  g_assert_true (ts_notice_insurance (&r, end, date ("2027-01-30"), &due));
  g_assert_cmpstr (due.period, ==, "2027-03-31/60");
  g_assert_true (ts_notice_insurance (&r, end, date ("2027-03-16"), &due));
  g_assert_cmpstr (due.period, ==, "2027-03-31/60");
  g_assert_true (ts_notice_insurance (&r, end, date ("2027-03-17"), &due));
  g_assert_cmpstr (due.period, ==, "2027-03-31/14");
  g_assert_true (ts_notice_insurance (&r, end, end, &due));
  g_assert_cmpstr (due.period, ==, "2027-03-31/14");
  g_assert_false (ts_notice_insurance (&r, end, date ("2027-04-01"), &due));
  g_assert_false (ts_notice_insurance (&r, TS_DATE_NONE, end, &due));
}

static void
test_pre_interview (void)
{
  TsNoticeRules r = rules_default ();
  TsNoticeDue due;
  TsDate first = date ("2027-07-10");

  g_assert_false (ts_notice_pre_interview (&r, first, FALSE, date ("2027-07-02"), &due));
  g_assert_true (ts_notice_pre_interview (&r, first, FALSE, date ("2027-07-03"), &due));
  g_assert_cmpstr (due.period, ==, "2027-07-10");
  g_assert_true (ts_notice_pre_interview (&r, first, FALSE, first, &due));
  g_assert_false (ts_notice_pre_interview (&r, first, FALSE, date ("2027-07-11"), &due));
  /* Held: nothing to say. */
  g_assert_false (ts_notice_pre_interview (&r, first, TRUE, date ("2027-07-05"), &due));
}

static void
test_no_report (void)
{
  TsNoticeRules r = rules_default ();
  TsNoticeDue due;
  TsDate since = date ("2027-01-31");

  g_assert_false (ts_notice_no_report (&r, since, date ("2027-02-27"), &due));
  /* A month after 31 January is 28 February (ts_date_add_months). */
  g_assert_true (ts_notice_no_report (&r, since, date ("2027-02-28"), &due));
  g_assert_cmpstr (due.period, ==, "2027-02-28");
  g_assert_true (ts_notice_no_report (&r, since, date ("2027-03-30"), &due));
  g_assert_cmpstr (due.period, ==, "2027-02-28");
  g_assert_true (ts_notice_no_report (&r, since, date ("2027-03-31"), &due));
  g_assert_cmpstr (due.period, ==, "2027-03-31");
  g_assert_false (ts_notice_no_report (&r, TS_DATE_NONE, date ("2027-03-31"), &due));
}

static void
test_statement_and_dispatch (void)
{
  TsNoticeRules r = rules_default ();
  TsNoticeDue due;
  TsDate day = date ("2027-05-01");

  g_assert_false (ts_notice_statement (&r, day, date ("2027-04-30"), &due));
  g_assert_true (ts_notice_statement (&r, day, day, &due));
  g_assert_true (ts_notice_statement (&r, day, date ("2027-05-08"), &due));
  g_assert_false (ts_notice_statement (&r, day, date ("2027-05-09"), &due));

  /* Waiting MORE than three days: the fourth day after the request. */
  g_assert_false (ts_notice_dispatch (&r, day, date ("2027-05-04"), &due));
  g_assert_true (ts_notice_dispatch (&r, day, date ("2027-05-05"), &due));
  g_assert_cmpstr (due.period, ==, "2027-05-01");
  g_assert_true (ts_notice_dispatch (&r, day, date ("2028-05-05"), &due));
  g_assert_cmpstr (due.period, ==, "2027-05-01");
}

static void
test_kind_names (void)
{
  for (guint i = 0; i < TS_NOTICE_N_KINDS; i++)
    {
      TsNoticeKind back;

      g_assert_true (ts_notice_kind_from_string (ts_notice_kind_to_string (i), &back));
      g_assert_cmpuint (back, ==, i);
    }
  {
    TsNoticeKind k;
    g_assert_false (ts_notice_kind_from_string ("follow_up", &k));
  }
}

static void
test_next_run (void)
{
  /* 2027-01-01T05:00+09:00 = 2026-12-31T20:00Z */
  GDateTime *dt = g_date_time_new_utc (2026, 12, 31, 20, 0, 0);
  gint64 now = g_date_time_to_unix (dt);

  g_date_time_unref (dt);
  g_assert_cmpint (ts_notice_next_run (now, 6), ==, now + 3600);
  g_assert_cmpint (ts_notice_next_run (now + 3600, 6), ==, now + 3600);
  g_assert_cmpint (ts_notice_next_run (now + 3601, 6), ==, now + 3600 + 86400);
  g_assert_cmpint (ts_notice_next_run (now, 0), ==, now + 19 * 3600);
}

/* A year of days (2026-10-01 … 2027-09-30) over one subject per rule: the
 * days each rule fires on, and the distinct periods, as a store keeping
 * one notice per period would see them. */
typedef struct {
  const char *name;
  guint       n_new;              /* notices a once-per-period store created */
  TsDate      first_days[16];     /* the day each new one was created */
} Seen;

static void
seen_add (Seen *seen, GHashTable *periods, const TsNoticeDue *due, TsDate on)
{
  g_autofree char *key = g_strdup_printf ("%s|%d|%s", seen->name, due->kind, due->period);

  if (g_hash_table_contains (periods, key))
    return;
  g_hash_table_add (periods, g_steal_pointer (&key));
  g_assert_cmpuint (seen->n_new, <, G_N_ELEMENTS (seen->first_days));
  seen->first_days[seen->n_new++] = on;
}

static void
assert_days (const Seen *seen, const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_test_message ("%s: %u notices", seen->name, seen->n_new);
  g_assert_cmpuint (seen->n_new, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (seen->first_days[i], ==, date (expected[i]));
}

static void
test_year_of_days (void)
{
  TsNoticeRules r = rules_default ();
  g_autoptr(GHashTable) periods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Seen follow = { "follow_up", 0, { 0 } };
  Seen insurance = { "insurance", 0, { 0 } };
  Seen interview = { "pre_interview", 0, { 0 } };
  Seen interview_held = { "pre_interview_held", 0, { 0 } };
  Seen silent = { "no_report", 0, { 0 } };
  Seen statement = { "statement", 0, { 0 } };
  Seen dispatch = { "dispatch", 0, { 0 } };
  TsDate start = date ("2026-10-01");
  TsDate follow_due = date ("2027-02-15");
  TsDate insured_until = date ("2027-03-31");
  TsDate first_day = date ("2027-06-01");
  TsDate last_report = date ("2027-04-20");
  TsDate issued = date ("2027-05-10");
  TsDate requested = date ("2026-11-30");
  guint fired_days = 0;

  for (int i = 0; i < 365; i++)
    {
      TsDate on = ts_date_add_days (start, i);
      TsNoticeDue due;

      /* The supporter trains again on 2027-02-01: a new due date three
       * years on, far outside the window. */
      if (ts_notice_follow_up (&r, on < date ("2027-02-01") ? follow_due : date ("2030-02-01"),
                               on, &due))
        seen_add (&follow, periods, &due, on), fired_days++;
      /* Renewed on 2027-04-01 for the next 年度. */
      if (ts_notice_insurance (&r, on < date ("2027-04-01") ? insured_until : date ("2028-03-31"),
                               on, &due))
        seen_add (&insurance, periods, &due, on), fired_days++;
      if (ts_notice_pre_interview (&r, first_day, FALSE, on, &due))
        seen_add (&interview, periods, &due, on), fired_days++;
      if (ts_notice_pre_interview (&r, first_day, on >= date ("2027-05-20"), on, &due))
        seen_add (&interview_held, periods, &due, on);
      /* Reports stop after 2027-04-20 and start again on 2027-07-01. */
      if (on >= last_report &&
          ts_notice_no_report (&r, on < date ("2027-07-01") ? last_report : date ("2027-07-01"),
                               on, &due))
        seen_add (&silent, periods, &due, on), fired_days++;
      if (on >= issued && ts_notice_statement (&r, issued, on, &due))
        seen_add (&statement, periods, &due, on), fired_days++;
      /* Accepted on 2027-01-10. */
      if (on >= requested && on < date ("2027-01-10") &&
          ts_notice_dispatch (&r, requested, on, &due))
        seen_add (&dispatch, periods, &due, on), fired_days++;
    }
  /* Many days match a rule; few notices come of them. */
  g_assert_cmpuint (fired_days, >, 100);
  assert_days (&follow, (const char *[]) { "2026-11-17", NULL });
  assert_days (&insurance, (const char *[]) { "2027-01-30", "2027-03-17", NULL });
  assert_days (&interview, (const char *[]) { "2027-05-25", NULL });
  assert_days (&interview_held, (const char *[]) { NULL });
  assert_days (&silent, (const char *[]) { "2027-05-20", "2027-06-20", "2027-08-01",
                                           "2027-09-01", NULL });
  assert_days (&statement, (const char *[]) { "2027-05-10", NULL });
  assert_days (&dispatch, (const char *[]) { "2026-12-04", NULL });
}

/* The lapse is noticed the day after the due day when the supporter has
 * not trained again. */
static void
test_year_lapse (void)
{
  TsNoticeRules r = rules_default ();
  g_autoptr(GHashTable) periods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Seen follow = { "follow_up", 0, { 0 } };
  TsDate start = date ("2026-10-01");

  for (int i = 0; i < 365; i++)
    {
      TsDate on = ts_date_add_days (start, i);
      TsNoticeDue due;

      if (ts_notice_follow_up (&r, date ("2027-02-15"), on, &due))
        seen_add (&follow, periods, &due, on);
    }
  assert_days (&follow, (const char *[]) { "2026-11-17", "2027-02-16", NULL });
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/notices/follow-up", test_follow_up);
  g_test_add_func ("/notices/insurance", test_insurance);
  g_test_add_func ("/notices/pre-interview", test_pre_interview);
  g_test_add_func ("/notices/no-report", test_no_report);
  g_test_add_func ("/notices/statement-dispatch", test_statement_and_dispatch);
  g_test_add_func ("/notices/kind-names", test_kind_names);
  g_test_add_func ("/notices/next-run", test_next_run);
  g_test_add_func ("/notices/year-of-days", test_year_of_days);
  g_test_add_func ("/notices/year-lapse", test_year_lapse);
  return g_test_run ();
}
