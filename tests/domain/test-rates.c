/*
 * The effective-dated rate table (SPEC 2.4, 3.2 Rates): which set is in
 * force on a date, the SPEC defaults, by_kind overrides and validation.
 */
#include <string.h>

#include "domain/rates.h"

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

static void
test_kind_strings (void)
{
  static const char *const names[] = {
    "home_visit", "accompany", "phone", "space", "family_support", "online",
  };
  TsActivityKind kind;

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, TS_ACTIVITY_N_KINDS);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (ts_activity_kind_from_string (names[i], &kind));
      g_assert_cmpint (kind, ==, (int) i);
      g_assert_cmpstr (ts_activity_kind_to_string (kind), ==, names[i]);
    }
  g_assert_false (ts_activity_kind_from_string ("visit", &kind));
  g_assert_false (ts_activity_kind_from_string ("Phone", &kind));
  g_assert_false (ts_activity_kind_from_string ("", &kind));
  g_assert_false (ts_activity_kind_from_string (NULL, &kind));
}

static void
assert_is_spec_default (const TsRateSet *s)
{
  g_assert_cmpuint (s->effective_from, ==, TS_DATE_NONE);
  g_assert_cmpint (s->honorarium_per_activity_yen, ==, 0);
  g_assert_cmpint (s->honorarium_per_hour_yen, ==, 0);
  g_assert_cmpint (s->transport_cap_yen, ==, 0);
  /* 「1人あたり1500円/日」 (Akita 職親, seed 002) */
  g_assert_cmpint (s->host_stipend_per_day_yen, ==, 1500);
  for (guint k = 0; k < TS_ACTIVITY_N_KINDS; k++)
    g_assert_cmpuint (s->by_kind[k].set, ==, 0);
}

static void
test_defaults_before_any_set (void)
{
  TsRateSet later = rate_set ("2025-04-01", 1000, 2000, 3000, 2500);
  TsRateSet init;
  const TsRateSet *s;
  gboolean is_default = FALSE;

  ts_rate_set_init_default (&init);
  assert_is_spec_default (&init);
  assert_is_spec_default (ts_rate_set_get_default ());

  s = ts_rate_table_in_force (NULL, 0, date ("2025-04-01"), &is_default);
  g_assert_true (is_default);
  assert_is_spec_default (s);

  /* A table that starts later: the day before it still has the defaults. */
  s = ts_rate_table_in_force (&later, 1, date ("2025-03-31"), &is_default);
  g_assert_true (is_default);
  assert_is_spec_default (s);

  s = ts_rate_table_in_force (&later, 1, date ("2025-04-01"), &is_default);
  g_assert_false (is_default);
  g_assert_true (s == &later);

  /* out_is_default is optional. */
  s = ts_rate_table_in_force (&later, 1, date ("2024-01-01"), NULL);
  assert_is_spec_default (s);
}

static void
test_boundaries (void)
{
  /* Out of order on purpose: the store need not sort. */
  TsRateSet sets[] = {
    rate_set ("2025-10-15", 0, 1200, 0, 1500),
    rate_set ("2024-04-01", 0, 900, 0, 1500),
    rate_set ("2025-04-01", 0, 1000, 0, 1500),
  };
  static const struct {
    const char *on;
    int         expected;   /* index into sets, -1 = defaults */
  } cases[] = {
    { "2024-03-31", -1 },
    { "2024-04-01", 1 },
    { "2024-04-02", 1 },
    { "2025-03-31", 1 },
    { "2025-04-01", 2 },
    { "2025-10-14", 2 },
    { "2025-10-15", 0 },
    { "2025-10-16", 0 },
    { "2099-12-31", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean is_default = TRUE;
      const TsRateSet *s = ts_rate_table_in_force (sets, G_N_ELEMENTS (sets),
                                                   date (cases[i].on), &is_default);

      g_test_message ("on %s", cases[i].on);
      if (cases[i].expected < 0)
        {
          g_assert_true (is_default);
          assert_is_spec_default (s);
        }
      else
        {
          g_assert_false (is_default);
          g_assert_true (s == &sets[cases[i].expected]);
        }
    }
}

static void
test_by_kind_resolve (void)
{
  TsRateSet s = rate_set ("2025-04-01", 500, 1000, 800, 1500);
  TsKindRates k;

  /* phone: only the per-hour rate is overridden. */
  s.by_kind[TS_ACTIVITY_KIND_PHONE].set = TS_RATE_FIELD_HONORARIUM_PER_HOUR;
  s.by_kind[TS_ACTIVITY_KIND_PHONE].honorarium_per_hour_yen = 600;
  s.by_kind[TS_ACTIVITY_KIND_PHONE].honorarium_per_activity_yen = 99999; /* not set: ignored */
  /* online: an explicit 0 cap is an override, not "absent". */
  s.by_kind[TS_ACTIVITY_KIND_ONLINE].set = TS_RATE_FIELD_TRANSPORT_CAP;
  s.by_kind[TS_ACTIVITY_KIND_ONLINE].transport_cap_yen = 0;
  /* accompany: everything overridden. */
  s.by_kind[TS_ACTIVITY_KIND_ACCOMPANY].set = TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY |
                                              TS_RATE_FIELD_HONORARIUM_PER_HOUR |
                                              TS_RATE_FIELD_TRANSPORT_CAP;
  s.by_kind[TS_ACTIVITY_KIND_ACCOMPANY].honorarium_per_activity_yen = 1;
  s.by_kind[TS_ACTIVITY_KIND_ACCOMPANY].honorarium_per_hour_yen = 2;
  s.by_kind[TS_ACTIVITY_KIND_ACCOMPANY].transport_cap_yen = 3;

  g_assert_true (ts_rate_set_resolve_kind (&s, TS_ACTIVITY_KIND_PHONE, &k));
  g_assert_cmpint (k.honorarium_per_activity_yen, ==, 500);
  g_assert_cmpint (k.honorarium_per_hour_yen, ==, 600);
  g_assert_cmpint (k.transport_cap_yen, ==, 800);

  g_assert_true (ts_rate_set_resolve_kind (&s, TS_ACTIVITY_KIND_ONLINE, &k));
  g_assert_cmpint (k.honorarium_per_activity_yen, ==, 500);
  g_assert_cmpint (k.honorarium_per_hour_yen, ==, 1000);
  g_assert_cmpint (k.transport_cap_yen, ==, 0);

  g_assert_true (ts_rate_set_resolve_kind (&s, TS_ACTIVITY_KIND_ACCOMPANY, &k));
  g_assert_cmpint (k.honorarium_per_activity_yen, ==, 1);
  g_assert_cmpint (k.honorarium_per_hour_yen, ==, 2);
  g_assert_cmpint (k.transport_cap_yen, ==, 3);

  g_assert_true (ts_rate_set_resolve_kind (&s, TS_ACTIVITY_KIND_HOME_VISIT, &k));
  g_assert_cmpint (k.honorarium_per_activity_yen, ==, 500);
  g_assert_cmpint (k.honorarium_per_hour_yen, ==, 1000);
  g_assert_cmpint (k.transport_cap_yen, ==, 800);

  k.transport_cap_yen = 4242;
  g_assert_false (ts_rate_set_resolve_kind (&s, (TsActivityKind) TS_ACTIVITY_N_KINDS, &k));
  g_assert_cmpint (k.transport_cap_yen, ==, 4242);
}

static void
test_validate (void)
{
  TsRateSet s = rate_set ("2025-04-01", 0, 0, 0, 0);
  TsRateIssue issues[TS_RATE_SET_MAX_ISSUES];
  gsize n;

  /* All zeros is a valid set; so is every field at the maximum. */
  g_assert_cmpuint (ts_rate_set_validate (&s, issues, G_N_ELEMENTS (issues)), ==, 0);
  g_assert_true (ts_rate_set_is_valid (&s));
  s = rate_set ("2025-04-01", TS_YEN_MAX, TS_YEN_MAX, TS_YEN_MAX, TS_YEN_MAX);
  g_assert_true (ts_rate_set_is_valid (&s));

  /* One code per field, with its JSON name, in field order. */
  s = rate_set ("2025-04-01", -1, 1000, TS_YEN_MAX + 1, -1500);
  n = ts_rate_set_validate (&s, issues, G_N_ELEMENTS (issues));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (issues[0].code, ==, TS_RATE_ISSUE_NEGATIVE);
  g_assert_cmpstr (issues[0].field, ==, "honorarium_per_activity_yen");
  g_assert_cmpint (issues[1].code, ==, TS_RATE_ISSUE_TOO_LARGE);
  g_assert_cmpstr (issues[1].field, ==, "transport_cap_yen");
  g_assert_cmpint (issues[2].code, ==, TS_RATE_ISSUE_NEGATIVE);
  g_assert_cmpstr (issues[2].field, ==, "host_stipend_per_day_yen");
  g_assert_false (ts_rate_set_is_valid (&s));

  s = rate_set ("2025-04-01", 0, -1, 0, 0);
  n = ts_rate_set_validate (&s, issues, G_N_ELEMENTS (issues));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (issues[0].field, ==, "honorarium_per_hour_yen");

  /* Overrides: only given fields are checked, and named by kind. */
  s = rate_set ("2025-04-01", 0, 0, 0, 0);
  s.by_kind[TS_ACTIVITY_KIND_PHONE].honorarium_per_activity_yen = -5;   /* not set */
  s.by_kind[TS_ACTIVITY_KIND_PHONE].set = TS_RATE_FIELD_HONORARIUM_PER_HOUR;
  s.by_kind[TS_ACTIVITY_KIND_PHONE].honorarium_per_hour_yen = -1;
  s.by_kind[TS_ACTIVITY_KIND_FAMILY_SUPPORT].set = TS_RATE_FIELD_TRANSPORT_CAP;
  s.by_kind[TS_ACTIVITY_KIND_FAMILY_SUPPORT].transport_cap_yen = TS_YEN_MAX + 1;
  n = ts_rate_set_validate (&s, issues, G_N_ELEMENTS (issues));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (issues[0].code, ==, TS_RATE_ISSUE_NEGATIVE);
  g_assert_cmpstr (issues[0].field, ==, "by_kind.phone.honorarium_per_hour_yen");
  g_assert_cmpint (issues[1].code, ==, TS_RATE_ISSUE_TOO_LARGE);
  g_assert_cmpstr (issues[1].field, ==, "by_kind.family_support.transport_cap_yen");

  /* Missing date. */
  s = rate_set ("2025-04-01", 0, 0, 0, 0);
  s.effective_from = TS_DATE_NONE;
  n = ts_rate_set_validate (&s, issues, G_N_ELEMENTS (issues));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (issues[0].code, ==, TS_RATE_ISSUE_MISSING);
  g_assert_cmpstr (issues[0].field, ==, "effective_from");

  /* Everything wrong: TS_RATE_SET_MAX_ISSUES holds it all, a smaller
   * array gets the first ones and the count of all. */
  s = rate_set ("2025-04-01", -1, -1, -1, -1);
  s.effective_from = TS_DATE_NONE;
  s.event_honorarium_per_hour_yen = -1;   /* issue 18 */
  for (guint k = 0; k < TS_ACTIVITY_N_KINDS; k++)
    {
      s.by_kind[k].set = TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY |
                         TS_RATE_FIELD_HONORARIUM_PER_HOUR |
                         TS_RATE_FIELD_TRANSPORT_CAP;
      s.by_kind[k].honorarium_per_activity_yen = -1;
      s.by_kind[k].honorarium_per_hour_yen = -1;
      s.by_kind[k].transport_cap_yen = -1;
    }
  n = ts_rate_set_validate (&s, issues, G_N_ELEMENTS (issues));
  g_assert_cmpuint (n, ==, TS_RATE_SET_MAX_ISSUES);
  g_assert_cmpstr (issues[TS_RATE_SET_MAX_ISSUES - 1].field, ==,
                   "by_kind.online.transport_cap_yen");
  for (gsize i = 0; i < n; i++)
    for (gsize j = i + 1; j < n; j++)
      g_assert_cmpstr (issues[i].field, !=, issues[j].field);
  g_assert_cmpuint (ts_rate_set_validate (&s, issues, 2), ==, TS_RATE_SET_MAX_ISSUES);
  g_assert_cmpuint (ts_rate_set_validate (&s, NULL, 0), ==, TS_RATE_SET_MAX_ISSUES);
}

static void
test_issue_messages (void)
{
  g_assert_cmpstr (ts_rate_issue_message (TS_RATE_ISSUE_MISSING), ==, "Required");
  g_assert_cmpstr (ts_rate_issue_message (TS_RATE_ISSUE_NEGATIVE), ==, "Must not be negative");
  g_assert_cmpstr (ts_rate_issue_message (TS_RATE_ISSUE_TOO_LARGE), ==, "Out of range");
}

static void
test_duplicates (void)
{
  TsRateSet sets[] = {
    rate_set ("2025-04-01", 0, 0, 0, 1500),
    rate_set ("2025-10-15", 0, 0, 0, 1500),
    rate_set ("2026-04-01", 0, 0, 0, 1500),
    rate_set ("2025-10-15", 0, 0, 0, 2000),
  };
  gsize first = 99, second = 99;

  g_assert_true (ts_rate_table_contains (sets, 3, date ("2025-10-15")));
  g_assert_false (ts_rate_table_contains (sets, 3, date ("2025-10-14")));
  g_assert_false (ts_rate_table_contains (NULL, 0, date ("2025-10-15")));

  g_assert_false (ts_rate_table_find_duplicate (sets, 3, &first, &second));
  g_assert_cmpuint (first, ==, 99);
  g_assert_false (ts_rate_table_find_duplicate (NULL, 0, NULL, NULL));
  g_assert_true (ts_rate_table_find_duplicate (sets, 4, &first, &second));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (second, ==, 3);

  /* Should a duplicate reach the table anyway, the answer is still the
   * same one every time: the first in array order. */
  g_assert_true (ts_rate_table_in_force (sets, 4, date ("2025-12-01"), NULL) == &sets[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/rates/kind-strings", test_kind_strings);
  g_test_add_func ("/tsunagari/domain/rates/defaults-before-any-set", test_defaults_before_any_set);
  g_test_add_func ("/tsunagari/domain/rates/boundaries", test_boundaries);
  g_test_add_func ("/tsunagari/domain/rates/by-kind-resolve", test_by_kind_resolve);
  g_test_add_func ("/tsunagari/domain/rates/validate", test_validate);
  g_test_add_func ("/tsunagari/domain/rates/issue-messages", test_issue_messages);
  g_test_add_func ("/tsunagari/domain/rates/duplicates", test_duplicates);

  return g_test_run ();
}
