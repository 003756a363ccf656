/*
 * Unit and property tests of the matching engine (SPEC 2.2).
 *
 * The solver is checked against brute force on thousands of random small
 * instances; the pipeline against permutations of its input, the pruned
 * solve against the unpruned one, and the hard filters and factors against
 * hand-computed cases.  Set TSUNAGARI_TEST_LIGHT=1 (valgrind does it
 * implicitly) to run a tenth of the random instances.
 */
#include <math.h>
#include <string.h>

#include "core/date.h"
#include "match/match.h"

#define ON (ts_date_new (2025, 6, 1))

static guint
iterations (guint normal)
{
  const char *preload = g_getenv ("LD_PRELOAD");
  gboolean light = g_getenv ("TSUNAGARI_TEST_LIGHT") != NULL ||
                   (preload != NULL && strstr (preload, "vgpreload") != NULL);

  if (g_test_slow ())
    return normal * 10;
  return light ? MAX (normal / 10, 1) : normal;
}

static TsMatchSupporterInfo
eligible_supporter (gint64 id)
{
  TsMatchSupporterInfo info = { 0 };

  info.id = id;
  info.registered = TRUE;
  info.qualified_from = ts_date_new (2020, 4, 1);
  info.qualified_until = ts_date_new (2027, 3, 31);
  info.insured_until = ts_date_new (2026, 3, 31);
  info.municipality_code = 131059;
  info.gender = TS_MATCH_GENDER_FEMALE;
  info.max_cases = 2;
  return info;
}

static void
add_supporter (TsMatchSupporters *supporters, const TsMatchSupporterInfo *info)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ts_match_supporters_add (supporters, info, &error));
  g_assert_no_error (error);
}

static void
add_case (TsMatchCases *cases, const TsMatchCaseInfo *info)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ts_match_cases_add (cases, info, &error));
  g_assert_no_error (error);
}

/* The reason strings of @reasons joined by commas. */
static char *
reasons_string (TsMatchReasons reasons)
{
  const char *names[TS_MATCH_N_REASONS + 1] = { NULL };

  ts_match_reasons_to_strings (reasons, names);
  return g_strjoinv (",", (char **) names);
}

static void
test_vocabulary (void)
{
  TsMatchGender gender;
  TsMatchPeer peer;
  TsMatchFactorKind kind;
  guint32 skills = 0;
  g_autoptr(GError) error = NULL;
  const char *needs[] = { "home_visit", "online", NULL };
  const char *bad[] = { "juggling", NULL };

  g_assert_true (ts_match_gender_from_string ("female", &gender));
  g_assert_cmpint (gender, ==, TS_MATCH_GENDER_FEMALE);
  g_assert_false (ts_match_gender_from_string ("f", &gender));
  g_assert_true (ts_match_peer_from_string ("family", &peer));
  g_assert_cmpstr (ts_match_peer_to_string (peer), ==, "family");
  g_assert_true (ts_match_skills_from_strv (needs, &skills, &error));
  g_assert_cmpuint (skills, ==,
                    TS_MATCH_SKILL_HOME_VISIT | TS_MATCH_SKILL_ONLINE);
  g_assert_false (ts_match_skills_from_strv (bad, &skills, &error));
  g_assert_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT);
  for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
    {
      g_assert_true (ts_match_factor_from_string (ts_match_factor_to_string (k),
                                                  &kind));
      g_assert_cmpuint (kind, ==, k);
    }
  g_assert_cmpstr (ts_match_unassigned_reason_to_string (TS_MATCH_UNASSIGNED_CAPACITY_EXHAUSTED),
                   ==, "capacity_exhausted");
}

static void
test_interner (void)
{
  g_autoptr(TsMatchInterner) interner = ts_match_interner_new ();
  guint32 a = ts_match_interner_intern (interner, "games");
  guint32 b = ts_match_interner_intern (interner, "music");

  g_assert_cmpuint (a, ==, 1);
  g_assert_cmpuint (b, ==, 2);
  g_assert_cmpuint (ts_match_interner_intern (interner, "games"), ==, a);
  g_assert_cmpuint (ts_match_interner_intern (interner, ""), ==, 0);
  g_assert_cmpuint (ts_match_interner_lookup (interner, "anime"), ==, 0);
  g_assert_cmpstr (ts_match_interner_get_string (interner, b), ==, "music");
  g_assert_cmpuint (ts_match_interner_get_size (interner), ==, 3);
}

static void
test_config (void)
{
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchConfig) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  const char *const *fit;
  const char *school[] = { "teacher", "teacher", "psychologist", NULL };

  g_assert_cmpfloat (ts_match_config_get_weight (config, TS_MATCH_FACTOR_NEEDS_SKILLS),
                     ==, 3.0);
  g_assert_true (ts_match_config_get_require_insurance (config));
  g_assert_false (ts_match_config_set_weight (config, TS_MATCH_FACTOR_DISTANCE,
                                              -1.0, &error));
  g_assert_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_CONFIG);
  g_clear_error (&error);
  g_assert_false (ts_match_config_set_weight (config, TS_MATCH_FACTOR_DISTANCE,
                                              NAN, &error));
  g_clear_error (&error);
  g_assert_false (ts_match_config_set_max_distance_km (config, 0.0, &error));
  g_clear_error (&error);
  g_assert_true (ts_match_config_set_weight (config, TS_MATCH_FACTOR_DISTANCE,
                                             4.0, &error));

  fit = ts_match_config_get_occupation_fit (config, "special_needs_school");
  g_assert_nonnull (fit);
  g_assert_true (g_strv_contains (fit, "welfare"));
  ts_match_config_set_occupation_fit (config, "school", school);
  fit = ts_match_config_get_occupation_fit (config, "school");
  g_assert_cmpuint (g_strv_length ((char **) fit), ==, 2);

  copy = ts_match_config_copy (config);
  ts_match_config_set_occupation_fit (config, "school", NULL);
  g_assert_null (ts_match_config_get_occupation_fit (config, "school"));
  g_assert_nonnull (ts_match_config_get_occupation_fit (copy, "school"));
  g_assert_cmpfloat (ts_match_config_get_weight (copy, TS_MATCH_FACTOR_DISTANCE),
                     ==, 4.0);
  kinds = ts_match_config_list_referral_kinds (copy);
  g_assert_cmpuint (kinds->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (kinds, 0), ==, "school");
  g_assert_cmpstr (g_ptr_array_index (kinds, 1), ==, "special_needs_school");
}

static void
test_invalid_input (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(GError) error = NULL;
  TsMatchSupporterInfo s = eligible_supporter (1);
  TsMatchCaseInfo c = { .id = 1 };
  TsMatchTimeRange bad_range = { 8, 600, 700 };
  TsMatchTimeRange backwards = { 1, 700, 600 };

  add_supporter (supporters, &s);
  g_assert_false (ts_match_supporters_add (supporters, &s, &error));
  g_assert_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  s.id = 2;
  s.availability = &bad_range;
  s.n_availability = 1;
  g_assert_false (ts_match_supporters_add (supporters, &s, &error));
  g_clear_error (&error);
  s.availability = &backwards;
  g_assert_false (ts_match_supporters_add (supporters, &s, &error));
  g_clear_error (&error);
  s.n_availability = 0;
  s.has_location = TRUE;
  s.latitude = 91.0;
  g_assert_false (ts_match_supporters_add (supporters, &s, &error));
  g_clear_error (&error);

  cases = ts_match_cases_new (supporters);
  add_case (cases, &c);
  g_assert_false (ts_match_cases_add (cases, &c, &error));
  g_assert_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (ts_match_rank (cases, 99, ON, config, 10, &error));
  g_assert_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT);
}

/* Every hard-filter reason is produced, all that apply are listed, in the
 * fixed order, and eligibility is exactly their absence. */
static void
test_filters_each_reason (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchRanking) ranking = NULL;
  g_autoptr(GError) error = NULL;
  TsMatchCaseInfo c = { 0 };
  TsMatchSupporterInfo s;
  const char *expected[] = {
    /* 1 */ "not_registered,qualification_lapsed",
    /* 2 */ "qualification_lapsed",
    /* 3 */ "insurance_not_valid",
    /* 4 */ "at_capacity",
    /* 5 */ "gender_mismatch",
    /* 6 */ "same_municipality",
    /* 7 */ "excluded_pair",
    /* 8 */ "not_registered,qualification_lapsed,insurance_not_valid,"
            "at_capacity,gender_mismatch,same_municipality,excluded_pair",
  };

  s = eligible_supporter (1);  /* an applicant who never trained */
  s.registered = FALSE;
  s.qualified_from = TS_DATE_NONE;
  s.qualified_until = TS_DATE_NONE;
  add_supporter (supporters, &s);
  s = eligible_supporter (2);
  s.qualified_until = ts_date_new (2025, 5, 31);
  add_supporter (supporters, &s);
  s = eligible_supporter (3);
  s.insured_until = ts_date_new (2025, 3, 31);
  add_supporter (supporters, &s);
  s = eligible_supporter (4);
  s.active_cases = 2;
  add_supporter (supporters, &s);
  s = eligible_supporter (5);
  s.gender = TS_MATCH_GENDER_MALE;
  add_supporter (supporters, &s);
  s = eligible_supporter (6);
  s.municipality_code = 131016;
  add_supporter (supporters, &s);
  s = eligible_supporter (7);
  add_supporter (supporters, &s);
  s = eligible_supporter (8);
  s.registered = FALSE;
  s.qualified_until = ts_date_new (2024, 1, 1);
  s.insured_until = TS_DATE_NONE;
  s.max_cases = 1;
  s.active_cases = 1;
  s.gender = TS_MATCH_GENDER_MALE;
  s.municipality_code = 131016;
  add_supporter (supporters, &s);
  s = eligible_supporter (9);
  add_supporter (supporters, &s);

  cases = ts_match_cases_new (supporters);
  c.id = 100;
  c.municipality_code = 131016;
  c.avoid_same_municipality = TRUE;
  c.gender_preference = TS_MATCH_GENDER_FEMALE;
  c.gender_required = TRUE;
  add_case (cases, &c);
  ts_match_cases_add_exclusion (cases, 100, 7);
  ts_match_cases_add_exclusion (cases, 100, 8);
  ts_match_cases_add_exclusion (cases, 100, 8);
  ts_match_cases_add_exclusion (cases, 100, 12345);  /* unknown: ignored */

  ranking = ts_match_rank (cases, 100, ON, config, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranking->excluded->len, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < ranking->excluded->len; k++)
    {
      TsMatchExcluded *x = &g_array_index (ranking->excluded, TsMatchExcluded, k);
      g_autofree char *got = reasons_string (x->reasons);
      guint si;

      g_assert_cmpint (x->supporter_id, ==, k + 1);
      g_assert_cmpstr (got, ==, expected[k]);
      g_assert_true (ts_match_supporters_find (supporters, x->supporter_id, &si));
      g_assert_cmpuint (ts_match_cases_check (cases, 0, si, ON, config), ==,
                        x->reasons);
    }
  g_assert_cmpuint (ranking->n_eligible, ==, 1);
  g_assert_cmpuint (ranking->candidates->len, ==, 1);
  g_assert_cmpint (g_array_index (ranking->candidates, TsMatchCandidate, 0).supporter_id,
                   ==, 9);

  /* Without the insurance requirement, supporter 3 becomes eligible. */
  ts_match_config_set_require_insurance (config, FALSE);
  g_clear_pointer (&ranking, ts_match_ranking_free);
  ranking = ts_match_rank (cases, 100, ON, config, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranking->n_eligible, ==, 2);
}

/* Qualification and insurance at their boundary days (SPEC 2.1). */
static void
test_filters_dates (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  TsMatchSupporterInfo s = eligible_supporter (1);
  TsDate from = ts_date_new (2022, 2, 28);
  TsDate until = ts_date_add_years (ts_date_new (2024, 2, 29), 3);

  s.qualified_from = from;
  s.qualified_until = until;  /* 2027-02-28 */
  s.insured_until = ts_date_new (2027, 3, 31);
  add_supporter (supporters, &s);

  g_assert_cmpuint (until, ==, ts_date_new (2027, 2, 28));
  g_assert_cmpuint (ts_match_supporters_check (supporters, 0, from - 1, TRUE),
                    ==, TS_MATCH_REASON_QUALIFICATION_LAPSED);
  g_assert_cmpuint (ts_match_supporters_check (supporters, 0, from, TRUE), ==, 0);
  g_assert_cmpuint (ts_match_supporters_check (supporters, 0, until, TRUE), ==, 0);
  g_assert_cmpuint (ts_match_supporters_check (supporters, 0, until + 1, TRUE),
                    ==, TS_MATCH_REASON_QUALIFICATION_LAPSED);
  g_assert_cmpuint (ts_match_supporters_check (supporters, 0,
                                               ts_date_new (2027, 4, 1), FALSE),
                    ==, TS_MATCH_REASON_QUALIFICATION_LAPSED);
  g_assert_cmpuint (ts_match_supporters_check (supporters, 0,
                                               ts_date_new (2027, 4, 1), TRUE),
                    ==, TS_MATCH_REASON_QUALIFICATION_LAPSED |
                        TS_MATCH_REASON_INSURANCE_NOT_VALID);
}

static double
haversine_km (double lat1, double lon1, double lat2, double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double h = sin (dp / 2) * sin (dp / 2) +
             cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * 6371.0 * asin (sqrt (h));
}

/* Every factor against a hand computation (a case like Bunkyo's case C). */
static void
test_score_factors (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchRanking) ranking = NULL;
  g_autoptr(GError) error = NULL;
  TsMatchSupporterInfo s = eligible_supporter (10);
  TsMatchCaseInfo c = { 0 };
  const char *s_interests[] = { "music", "games", "cooking", "games", NULL };
  const char *c_interests[] = { "games", "anime", NULL };
  TsMatchTimeRange s_avail[] = { { 3, 13 * 60, 17 * 60 }, { 1, 10 * 60, 12 * 60 } };
  TsMatchTimeRange c_avail[] = {
    { 1, 11 * 60, 13 * 60 }, { 3, 16 * 60, 18 * 60 }, { 3, 16 * 60, 17 * 60 },
  };
  const TsMatchCandidate *cand;
  double expected[TS_MATCH_N_FACTORS], sum = 0.0, km;

  s.peer_experience = TS_MATCH_PEER_SELF;
  s.active_cases = 1;
  s.skills = TS_MATCH_SKILL_HOME_VISIT | TS_MATCH_SKILL_ACCOMPANY;
  s.has_location = TRUE;
  s.latitude = 35.681236;  /* Tokyo Station */
  s.longitude = 139.767125;
  s.occupation = "welfare";
  s.interests = s_interests;
  s.availability = s_avail;
  s.n_availability = G_N_ELEMENTS (s_avail);
  add_supporter (supporters, &s);

  cases = ts_match_cases_new (supporters);
  c.id = 1;
  c.municipality_code = 131016;
  c.avoid_same_municipality = TRUE;
  c.gender_preference = TS_MATCH_GENDER_FEMALE;
  c.peer_experience = TS_MATCH_PEER_SELF;
  c.needs = TS_MATCH_SKILL_HOME_VISIT | TS_MATCH_SKILL_PHONE;
  c.has_location = TRUE;
  c.latitude = 35.707658;  /* Bunkyo City Office */
  c.longitude = 139.752284;
  c.referred_by = "special_needs_school";
  c.interests = c_interests;
  c.availability = c_avail;
  c.n_availability = G_N_ELEMENTS (c_avail);
  add_case (cases, &c);
  ts_match_cases_add_history (cases, 1, 10);

  ranking = ts_match_rank (cases, 1, ON, config, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranking->candidates->len, ==, 1);
  cand = &g_array_index (ranking->candidates, TsMatchCandidate, 0);

  km = haversine_km (35.681236, 139.767125, 35.707658, 139.752284);
  g_assert_cmpfloat (km, >, 3.0);
  g_assert_cmpfloat (km, <, 3.5);
  expected[TS_MATCH_FACTOR_DISTANCE] = 1.0 - km / 30.0;
  expected[TS_MATCH_FACTOR_AVAILABILITY] = 120.0 / 240.0;  /* Mon 60 + Wed 60 */
  expected[TS_MATCH_FACTOR_NEEDS_SKILLS] = 0.5;
  expected[TS_MATCH_FACTOR_INTERESTS] = 0.5;  /* anime counts, nobody has it */
  expected[TS_MATCH_FACTOR_PEER_EXPERIENCE] = 1.0;
  expected[TS_MATCH_FACTOR_GENDER] = 1.0;
  expected[TS_MATCH_FACTOR_WORKLOAD] = 0.5;
  expected[TS_MATCH_FACTOR_CONTINUITY] = 1.0;
  expected[TS_MATCH_FACTOR_OCCUPATION] = 1.0;

  for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
    {
      const TsMatchFactor *f = &cand->factors[k];

      g_assert_cmpuint (f->kind, ==, k);
      g_assert_true (f->has_value);
      g_assert_cmpfloat_with_epsilon (f->value, expected[k], 1e-9);
      g_assert_cmpfloat (f->weight, ==, ts_match_config_get_weight (config, k));
      g_assert_cmpfloat (f->contribution, ==, f->value * f->weight);
      sum += f->contribution;
    }
  /* Exactly the sum, in factor order. */
  g_assert_cmpfloat (cand->score, ==, sum);
  g_assert_cmpfloat (ts_match_cases_score_pair (cases, 0, 0, config, NULL), ==,
                     sum);
}

/* What the decision screen shows beside a candidate (issue 14): the
 * distance, the caseload and the shared times, split at midnight even
 * where a merged range crosses it. */
static void
test_pair_detail (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchRanking) ranking = NULL;
  g_autoptr(GArray) overlap = g_array_new (FALSE, FALSE, sizeof (TsMatchTimeRange));
  g_autoptr(GError) error = NULL;
  TsMatchSupporterInfo s = eligible_supporter (10);
  TsMatchCaseInfo c = { 0 };
  TsMatchTimeRange s_avail[] = { { 1, 22 * 60, 24 * 60 }, { 2, 0, 2 * 60 }, { 5, 9 * 60, 10 * 60 } };
  TsMatchTimeRange c_avail[] = { { 1, 23 * 60, 24 * 60 }, { 2, 0, 60 }, { 4, 9 * 60, 10 * 60 } };
  TsMatchPairDetail d;
  const TsMatchTimeRange *t;

  s.active_cases = 1;
  s.has_location = TRUE;
  s.latitude = 35.681236;
  s.longitude = 139.767125;
  s.availability = s_avail;
  s.n_availability = G_N_ELEMENTS (s_avail);
  add_supporter (supporters, &s);
  cases = ts_match_cases_new (supporters);
  c.id = 1;
  c.municipality_code = 131016;
  c.has_location = TRUE;
  c.latitude = 35.707658;
  c.longitude = 139.752284;
  c.availability = c_avail;
  c.n_availability = G_N_ELEMENTS (c_avail);
  add_case (cases, &c);
  ranking = ts_match_rank (cases, 1, ON, config, 0, &error);
  g_assert_no_error (error);

  ts_match_cases_pair_detail (cases, 0, 0, &d, overlap);
  g_assert_true (d.has_distance);
  g_assert_cmpfloat_with_epsilon (d.distance_km, haversine_km (35.681236, 139.767125, 35.707658,
                                                               139.752284), 1e-6);
  g_assert_cmpuint (d.active_cases, ==, 1);
  g_assert_cmpuint (d.max_cases, ==, 2);
  g_assert_cmpuint (d.municipality_code, ==, 131059);
  g_assert_cmpuint (overlap->len, ==, 2);
  t = &g_array_index (overlap, TsMatchTimeRange, 0);
  g_assert_cmpuint (t->weekday, ==, 1);
  g_assert_cmpuint (t->from, ==, 23 * 60);
  g_assert_cmpuint (t->to, ==, 24 * 60);
  t = &g_array_index (overlap, TsMatchTimeRange, 1);
  g_assert_cmpuint (t->weekday, ==, 2);
  g_assert_cmpuint (t->from, ==, 0);
  g_assert_cmpuint (t->to, ==, 60);

  /* Without a location on one side: no distance. */
  {
    g_autoptr(TsMatchCases) other = ts_match_cases_new (supporters);
    g_autoptr(TsMatchRanking) r2 = NULL;
    TsMatchCaseInfo c2 = { 0 };

    c2.id = 2;
    c2.municipality_code = 131016;
    add_case (other, &c2);
    r2 = ts_match_rank (other, 2, ON, config, 0, &error);
    g_assert_no_error (error);
    ts_match_cases_pair_detail (other, 0, 0, &d, overlap);
    g_assert_false (d.has_distance);
    g_assert_cmpuint (overlap->len, ==, 0);
  }
}

/* Factors that cannot be computed or have no preference are null. */
static void
test_score_null_factors (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  TsMatchSupporterInfo s = eligible_supporter (10);
  TsMatchCaseInfo c = { .id = 1, .has_location = TRUE, .latitude = 35.7,
                        .longitude = 139.7, .referred_by = "unmapped_agency" };
  TsMatchFactor f[TS_MATCH_N_FACTORS];
  double score, sum = 0.0;
  const TsMatchFactorKind nulls[] = {
    TS_MATCH_FACTOR_DISTANCE, TS_MATCH_FACTOR_AVAILABILITY,
    TS_MATCH_FACTOR_NEEDS_SKILLS, TS_MATCH_FACTOR_INTERESTS,
    TS_MATCH_FACTOR_PEER_EXPERIENCE, TS_MATCH_FACTOR_GENDER,
    TS_MATCH_FACTOR_OCCUPATION,
  };

  add_supporter (supporters, &s);  /* no location */
  cases = ts_match_cases_new (supporters);
  add_case (cases, &c);

  score = ts_match_cases_score_pair (cases, 0, 0, config, f);
  for (guint k = 0; k < G_N_ELEMENTS (nulls); k++)
    {
      g_assert_false (f[nulls[k]].has_value);
      g_assert_cmpfloat (f[nulls[k]].contribution, ==, 0.0);
      g_assert_cmpfloat (f[nulls[k]].weight, >, 0.0);
    }
  g_assert_true (f[TS_MATCH_FACTOR_WORKLOAD].has_value);
  g_assert_cmpfloat (f[TS_MATCH_FACTOR_WORKLOAD].value, ==, 1.0);
  g_assert_true (f[TS_MATCH_FACTOR_CONTINUITY].has_value);
  g_assert_cmpfloat (f[TS_MATCH_FACTOR_CONTINUITY].value, ==, 0.0);
  for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
    sum += f[k].contribution;
  g_assert_cmpfloat (score, ==, sum);
  g_assert_cmpfloat (score, ==, ts_match_config_get_weight (config,
                                                            TS_MATCH_FACTOR_WORKLOAD));
}

/* ---- random instances ------------------------------------------------- */

typedef struct {
  gint64 case_id;
  gint64 supporter_id;
} IdPair;

static const char *const vocab_interests[] = {
  "games", "anime", "music", "cooking", "walking", "reading", "drawing",
  "trains",
};
static const char *const vocab_occupations[] = {
  "welfare", "teacher", "office_worker", "nurse", "psychologist",
};

typedef struct {
  TsMatchSupporterInfo *supporters;
  TsMatchCaseInfo      *cases;
  guint                 n_supporters;
  guint                 n_cases;
  IdPair        *exclusions;
  guint                 n_exclusions;
  IdPair        *history;
  guint                 n_history;
  GPtrArray            *storage;  /* everything the infos point to */
} Instance;

static void
instance_free (Instance *inst)
{
  g_free (inst->supporters);
  g_free (inst->cases);
  g_free (inst->exclusions);
  g_free (inst->history);
  g_ptr_array_unref (inst->storage);
  g_free (inst);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Instance, instance_free)

static const char **
random_interests (GRand *r, GPtrArray *storage)
{
  guint n = (guint) g_rand_int_range (r, 0, 4);
  const char **list = g_new0 (const char *, n + 1);

  for (guint k = 0; k < n; k++)
    list[k] = vocab_interests[g_rand_int_range (r, 0, G_N_ELEMENTS (vocab_interests))];
  g_ptr_array_add (storage, list);
  return list;
}

static TsMatchTimeRange *
random_ranges (GRand *r, GPtrArray *storage, guint *n_out)
{
  guint n = (guint) g_rand_int_range (r, 0, 4);
  TsMatchTimeRange *ranges = g_new0 (TsMatchTimeRange, MAX (n, 1));

  for (guint k = 0; k < n; k++)
    {
      guint from = (guint) g_rand_int_range (r, 8, 20) * 60;

      ranges[k].weekday = (guint8) g_rand_int_range (r, 1, 8);
      ranges[k].from = (guint16) from;
      ranges[k].to = (guint16) (from + (guint) g_rand_int_range (r, 1, 5) * 30);
    }
  g_ptr_array_add (storage, ranges);
  *n_out = n;
  return ranges;
}

/* A random instance.  @continuous: random locations make ties between
 * pair scores unlikely; without them scores are coarse and ties common. */
static Instance *
random_instance (GRand *r, guint n_cases, guint n_supporters,
                 gboolean continuous, double p_exclusion)
{
  Instance *inst = g_new0 (Instance, 1);
  g_autoptr(GArray) excl = g_array_new (FALSE, FALSE, sizeof (IdPair));
  g_autoptr(GArray) hist = g_array_new (FALSE, FALSE, sizeof (IdPair));

  inst->storage = g_ptr_array_new_with_free_func (g_free);
  inst->n_supporters = n_supporters;
  inst->n_cases = n_cases;
  inst->supporters = g_new0 (TsMatchSupporterInfo, MAX (n_supporters, 1));
  inst->cases = g_new0 (TsMatchCaseInfo, MAX (n_cases, 1));

  for (guint j = 0; j < n_supporters; j++)
    {
      TsMatchSupporterInfo *s = &inst->supporters[j];

      *s = eligible_supporter (1000 + 7 * (gint64) j);
      s->registered = g_rand_double (r) < 0.95;
      if (g_rand_double (r) < 0.05)
        s->qualified_until = ts_date_new (2025, 1, 1);
      s->gender = g_rand_boolean (r) ? TS_MATCH_GENDER_FEMALE : TS_MATCH_GENDER_MALE;
      s->peer_experience = (TsMatchPeer) g_rand_int_range (r, 0, 3);
      s->municipality_code = 131000 + (guint32) g_rand_int_range (r, 1, 6);
      s->max_cases = (guint) g_rand_int_range (r, 1, 4);
      s->active_cases = (guint) g_rand_int_range (r, 0, (gint32) s->max_cases + 1);
      if (s->active_cases == s->max_cases && g_rand_double (r) < 0.8)
        s->active_cases = 0;
      s->skills = (guint32) g_rand_int_range (r, 0, 64);
      s->has_location = continuous && g_rand_double (r) < 0.9;
      s->latitude = 35.55 + 0.3 * g_rand_double (r);
      s->longitude = 139.55 + 0.35 * g_rand_double (r);
      s->occupation = g_rand_double (r) < 0.8
                        ? vocab_occupations[g_rand_int_range (r, 0, G_N_ELEMENTS (vocab_occupations))]
                        : NULL;
      s->interests = random_interests (r, inst->storage);
      s->availability = random_ranges (r, inst->storage, &s->n_availability);
    }

  for (guint i = 0; i < n_cases; i++)
    {
      TsMatchCaseInfo *c = &inst->cases[i];

      c->id = 500 + 3 * (gint64) i;
      c->municipality_code = 131000 + (guint32) g_rand_int_range (r, 1, 6);
      c->avoid_same_municipality = g_rand_double (r) < 0.5;
      c->gender_preference = (TsMatchGender) g_rand_int_range (r, 0, 3);
      c->gender_required = g_rand_double (r) < 0.3;
      c->peer_experience = (TsMatchPeer) g_rand_int_range (r, 0, 3);
      c->needs = (guint32) g_rand_int_range (r, 0, 64);
      c->has_location = continuous && g_rand_double (r) < 0.9;
      c->latitude = 35.55 + 0.3 * g_rand_double (r);
      c->longitude = 139.55 + 0.35 * g_rand_double (r);
      c->referred_by = g_rand_double (r) < 0.3 ? "special_needs_school" : NULL;
      c->interests = random_interests (r, inst->storage);
      c->availability = random_ranges (r, inst->storage, &c->n_availability);

      for (guint j = 0; j < n_supporters; j++)
        {
          IdPair p = { c->id, inst->supporters[j].id };

          if (g_rand_double (r) < p_exclusion)
            g_array_append_val (excl, p);
          if (g_rand_double (r) < 0.05)
            g_array_append_val (hist, p);
        }
    }
  inst->n_exclusions = excl->len;
  inst->exclusions = (IdPair *) g_array_steal (excl, NULL);
  inst->n_history = hist->len;
  inst->history = (IdPair *) g_array_steal (hist, NULL);
  return inst;
}

/* A random permutation of 0..n-1 (identity when @r is NULL). */
static guint *
permutation (GRand *r, guint n)
{
  guint *p = g_new (guint, MAX (n, 1));

  for (guint k = 0; k < n; k++)
    p[k] = k;
  for (guint k = n; r != NULL && k > 1; k--)
    {
      guint m = (guint) g_rand_int_range (r, 0, (gint32) k), tmp = p[k - 1];

      p[k - 1] = p[m];
      p[m] = tmp;
    }
  return p;
}

/* Loads @inst in the order given by @r (or as generated). */
static TsMatchCases *
instance_load (const Instance *inst, GRand *r)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  TsMatchCases *cases;
  g_autofree guint *ps = permutation (r, inst->n_supporters);
  g_autofree guint *pc = permutation (r, inst->n_cases);
  g_autofree guint *pe = permutation (r, inst->n_exclusions);
  g_autofree guint *ph = permutation (r, inst->n_history);

  for (guint k = 0; k < inst->n_supporters; k++)
    add_supporter (supporters, &inst->supporters[ps[k]]);
  cases = ts_match_cases_new (supporters);
  for (guint k = 0; k < inst->n_cases; k++)
    add_case (cases, &inst->cases[pc[k]]);
  for (guint k = 0; k < inst->n_exclusions; k++)
    ts_match_cases_add_exclusion (cases, inst->exclusions[pe[k]].case_id,
                                  inst->exclusions[pe[k]].supporter_id);
  for (guint k = 0; k < inst->n_history; k++)
    ts_match_cases_add_history (cases, inst->history[ph[k]].case_id,
                                inst->history[ph[k]].supporter_id);
  return cases;
}

/* A canonical text of a ranking, every double in exact hex. */
static char *
ranking_text (const TsMatchRanking *ranking)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "case %" G_GINT64_FORMAT " eligible %u\n",
                          ranking->case_id, ranking->n_eligible);
  for (guint k = 0; k < ranking->candidates->len; k++)
    {
      const TsMatchCandidate *c = &g_array_index (ranking->candidates,
                                                  TsMatchCandidate, k);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %a", c->supporter_id,
                              c->score);
      for (guint f = 0; f < TS_MATCH_N_FACTORS; f++)
        g_string_append_printf (out, " %d:%a:%a:%a", c->factors[f].has_value,
                                c->factors[f].value, c->factors[f].weight,
                                c->factors[f].contribution);
      g_string_append_c (out, '\n');
    }
  for (guint k = 0; k < ranking->excluded->len; k++)
    {
      const TsMatchExcluded *x = &g_array_index (ranking->excluded,
                                                 TsMatchExcluded, k);

      g_string_append_printf (out, "x %" G_GINT64_FORMAT " %u\n",
                              x->supporter_id, x->reasons);
    }
  return g_string_free (out, FALSE);
}

static char *
batch_text (const TsMatchBatch *batch)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < batch->assignments->len; k++)
    {
      const TsMatchAssignment *a = &g_array_index (batch->assignments,
                                                   TsMatchAssignment, k);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %a\n", a->case_id, a->supporter_id, a->score);
    }
  for (guint k = 0; k < batch->unassigned->len; k++)
    {
      const TsMatchUnassigned *u = &g_array_index (batch->unassigned,
                                                   TsMatchUnassigned, k);

      g_string_append_printf (out, "- %" G_GINT64_FORMAT " %d\n", u->case_id,
                              u->reason);
    }
  g_string_append_printf (out, "total %a %" G_GINT64_FORMAT "\n",
                          batch->total_score, batch->total_scaled);
  return g_string_free (out, FALSE);
}

/* Candidate lists: ties by id, limit, the fast path agreeing bit for bit,
 * and byte-identical output whatever the input order. */
static void
test_rank_random (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (20250601);
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  guint n = iterations (200);

  for (guint it = 0; it < n; it++)
    {
      g_autoptr(Instance) inst = random_instance (r, 3, 1 + it % 40,
                                                  it % 2 == 0, 0.1);
      g_autoptr(TsMatchCases) a = instance_load (inst, NULL);
      g_autoptr(TsMatchCases) b = instance_load (inst, r);
      guint ns = inst->n_supporters;
      g_autofree double *scores = g_new (double, ns);
      g_autofree TsMatchReasons *reasons = g_new (TsMatchReasons, ns);

      for (guint i = 0; i < inst->n_cases; i++)
        {
          gint64 id = inst->cases[i].id;
          guint limit = it % 3 == 0 ? 0 : 1 + it % 7;
          g_autoptr(TsMatchRanking) ra = ts_match_rank (a, id, ON, config, limit, NULL);
          g_autoptr(TsMatchRanking) rb = ts_match_rank (b, id, ON, config, limit, NULL);
          g_autoptr(TsMatchRanking) all = ts_match_rank (a, id, ON, config, 0, NULL);
          g_autofree char *ta = ranking_text (ra);
          g_autofree char *tb = ranking_text (rb);
          guint ci;

          g_assert_cmpstr (ta, ==, tb);
          g_assert_cmpuint (ra->n_eligible + ra->excluded->len, ==, ns);
          g_assert_cmpuint (ra->candidates->len, ==,
                            limit == 0 ? ra->n_eligible : MIN (limit, ra->n_eligible));
          g_assert_cmpuint (all->candidates->len, ==, ra->n_eligible);

          g_assert_true (ts_match_cases_find (a, id, &ci));
          ts_match_cases_score (a, ci, ON, config, scores, reasons);
          for (guint k = 0; k < all->candidates->len; k++)
            {
              const TsMatchCandidate *c = &g_array_index (all->candidates,
                                                          TsMatchCandidate, k);
              double sum = 0.0;
              guint si;

              /* The top of the full list is the limited list. */
              if (k < ra->candidates->len)
                g_assert_cmpint (c->supporter_id, ==,
                                 g_array_index (ra->candidates, TsMatchCandidate, k).supporter_id);
              if (k > 0)
                {
                  const TsMatchCandidate *p = &g_array_index (all->candidates,
                                                              TsMatchCandidate, k - 1);

                  g_assert_true (p->score > c->score ||
                                 (p->score == c->score &&
                                  p->supporter_id < c->supporter_id));
                }
              for (guint f = 0; f < TS_MATCH_N_FACTORS; f++)
                {
                  g_assert_true (c->factors[f].value >= 0.0 &&
                                 c->factors[f].value <= 1.0);
                  sum += c->factors[f].contribution;
                }
              g_assert_cmpfloat (c->score, ==, sum);
              g_assert_true (ts_match_supporters_find (ts_match_cases_get_supporters (a),
                                                       c->supporter_id, &si));
              g_assert_cmpuint (reasons[si], ==, 0);
              g_assert_cmpfloat (scores[si], ==, c->score);
            }
        }
    }
}

/* Ties break by supporter id, identical supporters in any order. */
static void
test_rank_ties (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchRanking) ranking = NULL;
  const gint64 ids[] = { 42, 7, 19, 3, 100 };
  TsMatchCaseInfo c = { .id = 1, .needs = TS_MATCH_SKILL_PHONE };

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      TsMatchSupporterInfo s = eligible_supporter (ids[k]);

      s.skills = ids[k] == 100 ? TS_MATCH_SKILL_PHONE : 0;
      add_supporter (supporters, &s);
    }
  cases = ts_match_cases_new (supporters);
  add_case (cases, &c);
  ranking = ts_match_rank (cases, 1, ON, config, 4, NULL);
  g_assert_cmpuint (ranking->candidates->len, ==, 4);
  g_assert_cmpint (g_array_index (ranking->candidates, TsMatchCandidate, 0).supporter_id, ==, 100);
  g_assert_cmpint (g_array_index (ranking->candidates, TsMatchCandidate, 1).supporter_id, ==, 3);
  g_assert_cmpint (g_array_index (ranking->candidates, TsMatchCandidate, 2).supporter_id, ==, 7);
  g_assert_cmpint (g_array_index (ranking->candidates, TsMatchCandidate, 3).supporter_id, ==, 19);
}

/* Moving a supporter nearer to the case never lowers its distance value
 * nor its place in the candidate list. */
static void
test_rank_nearer (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  guint n = iterations (300);

  for (guint it = 0; it < n; it++)
    {
      g_autoptr(Instance) inst = random_instance (r, 1, 2 + it % 30, TRUE, 0.0);
      TsMatchCaseInfo *c = &inst->cases[0];
      guint pick = (guint) g_rand_int_range (r, 0, (gint32) inst->n_supporters);
      TsMatchSupporterInfo *s = &inst->supporters[pick];
      double t = g_rand_double (r);
      gint64 id = s->id;
      double before_value = -1, after_value = -1;
      guint before_pos = G_MAXUINT, after_pos = G_MAXUINT;

      c->has_location = TRUE;
      c->avoid_same_municipality = FALSE;
      c->gender_required = FALSE;
      s->registered = TRUE;
      s->qualified_until = ts_date_new (2027, 3, 31);
      s->active_cases = 0;
      s->has_location = TRUE;

      for (guint round = 0; round < 2; round++)
        {
          g_autoptr(TsMatchCases) cases = instance_load (inst, NULL);
          g_autoptr(TsMatchRanking) ranking = ts_match_rank (cases, c->id, ON,
                                                             config, 0, NULL);

          for (guint k = 0; k < ranking->candidates->len; k++)
            {
              const TsMatchCandidate *cand = &g_array_index (ranking->candidates,
                                                             TsMatchCandidate, k);

              if (cand->supporter_id != id)
                continue;
              if (round == 0)
                {
                  before_pos = k;
                  before_value = cand->factors[TS_MATCH_FACTOR_DISTANCE].value;
                }
              else
                {
                  after_pos = k;
                  after_value = cand->factors[TS_MATCH_FACTOR_DISTANCE].value;
                }
            }
          /* Move it part of the way towards the case. */
          s->latitude += t * (c->latitude - s->latitude);
          s->longitude += t * (c->longitude - s->longitude);
        }
      g_assert_cmpuint (before_pos, !=, G_MAXUINT);
      g_assert_cmpuint (after_pos, <=, before_pos);
      g_assert_cmpfloat (after_value, >=, before_value);
    }
}

/* ---- the solver against brute force ------------------------------------ */

typedef struct {
  guint    nc;
  guint    ns;
  guint32 *cap;
  gsize   *start;
  guint32 *sup;
  gint32  *w;
} Graph;

static void
graph_free (Graph *g)
{
  g_free (g->cap);
  g_free (g->start);
  g_free (g->sup);
  g_free (g->w);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Graph, graph_free)

static guint
graph_row (guint i, const guint32 **sup, const gint32 **w, gpointer data)
{
  Graph *g = data;

  *sup = g->sup + g->start[i];
  *w = g->w + g->start[i];
  return (guint) (g->start[i + 1] - g->start[i]);
}

/* Small weights make many ties; zero weights test "more assignments". */
static Graph *
random_graph (GRand *r, guint nc, guint ns, double density, gint32 max_w)
{
  Graph *g = g_new0 (Graph, 1);
  g_autoptr(GArray) sup = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) w = g_array_new (FALSE, FALSE, sizeof (gint32));

  g->nc = nc;
  g->ns = ns;
  g->cap = g_new (guint32, MAX (ns, 1));
  g->start = g_new0 (gsize, nc + 1);
  for (guint j = 0; j < ns; j++)
    g->cap[j] = (guint32) g_rand_int_range (r, 1, 4);
  for (guint i = 0; i < nc; i++)
    {
      for (guint j = 0; j < ns; j++)
        if (g_rand_double (r) < density)
          {
            gint32 x = g_rand_int_range (r, 0, max_w + 1);

            g_array_append_val (sup, j);
            g_array_append_val (w, x);
          }
      g->start[i + 1] = sup->len;
    }
  g->sup = (guint32 *) g_array_steal (sup, NULL);
  g->w = (gint32 *) g_array_steal (w, NULL);
  return g;
}

typedef struct {
  gint64 best_total;
  guint  best_count;
} Brute;

static void
brute (const Graph *g, guint i, guint32 *load, gint64 total, guint count,
       Brute *b)
{
  if (i == g->nc)
    {
      if (total > b->best_total ||
          (total == b->best_total && count > b->best_count))
        {
          b->best_total = total;
          b->best_count = count;
        }
      return;
    }
  brute (g, i + 1, load, total, count, b);
  for (gsize e = g->start[i]; e < g->start[i + 1]; e++)
    {
      guint32 j = g->sup[e];

      if (load[j] < g->cap[j])
        {
          load[j]++;
          brute (g, i + 1, load, total + g->w[e], count + 1, b);
          load[j]--;
        }
    }
}

/* The solver's answer is feasible and as good as the best of all. */
static void
check_against_brute (const Graph *g, guint prune_k, TsMatchRepair repair)
{
  TsMatchProblem problem = {
    .n_cases = g->nc,
    .n_supporters = g->ns,
    .capacity = g->cap,
    .row_func = graph_row,
    .row_data = (gpointer) g,
    .prune_k = prune_k,
    .repair = repair,
  };
  g_autofree guint32 *assignment = g_new (guint32, MAX (g->nc, 1));
  g_autofree guint *degree = g_new (guint, MAX (g->nc, 1));
  g_autofree guint32 *load = g_new0 (guint32, MAX (g->ns, 1));
  TsMatchSolveStats stats;
  Brute b = { -1, 0 };
  gint64 total = 0;
  guint count = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (ts_match_solve (&problem, assignment, degree, &stats, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g->nc; i++)
    {
      g_assert_cmpuint (degree[i], ==, g->start[i + 1] - g->start[i]);
      if (assignment[i] == TS_MATCH_NONE)
        continue;
      {
        gboolean found = FALSE;

        for (gsize e = g->start[i]; e < g->start[i + 1]; e++)
          if (g->sup[e] == assignment[i])
            {
              found = TRUE;
              total += g->w[e];
            }
        g_assert_true (found);  /* only eligible pairs */
      }
      count++;
      load[assignment[i]]++;
    }
  for (guint j = 0; j < g->ns; j++)
    g_assert_cmpuint (load[j], <=, g->cap[j]);

  memset (load, 0, sizeof (guint32) * g->ns);
  brute (g, 0, load, 0, 0, &b);
  g_assert_cmpint (total, ==, b.best_total);
  g_assert_cmpuint (count, ==, b.best_count);
  g_assert_cmpint (stats.total_weight, ==, total);
  g_assert_cmpuint (stats.n_assigned, ==, count);
}

static void
test_solver_brute_force (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (4);
  guint n = iterations (10000);

  for (guint it = 0; it < n; it++)
    {
      guint nc = (guint) g_rand_int_range (r, 1, 7);
      guint ns = (guint) g_rand_int_range (r, 1, 7);
      double density = g_rand_double_range (r, 0.2, 1.0);
      /* every third instance has many ties, some only zero weights */
      gint32 max_w = it % 3 == 0 ? (it % 2 ? 2 : 0) : 1000000;
      g_autoptr(Graph) g = random_graph (r, nc, ns, density, max_w);

      check_against_brute (g, 0, TS_MATCH_REPAIR_AUTO);
      /* Pruning to one or two pairs per case forces the proof to add
       * pairs back, repaired in place or solved again; the optimum must
       * not change. */
      check_against_brute (g, 1, TS_MATCH_REPAIR_IN_PLACE);
      check_against_brute (g, 1, TS_MATCH_REPAIR_RESOLVE);
      check_against_brute (g, 2, TS_MATCH_REPAIR_IN_PLACE);
      check_against_brute (g, 2, TS_MATCH_REPAIR_RESOLVE);
    }
}

static void
solve_graph_total (const Graph *g, guint prune_k, TsMatchRepair repair,
                   TsMatchSolveStats *stats)
{
  TsMatchProblem problem = {
    .n_cases = g->nc,
    .n_supporters = g->ns,
    .capacity = g->cap,
    .row_func = graph_row,
    .row_data = (gpointer) g,
    .prune_k = prune_k,
    .repair = repair,
  };
  g_autofree guint32 *assignment = g_new (guint32, MAX (g->nc, 1));

  g_assert_true (ts_match_solve (&problem, assignment, NULL, stats, NULL));
}

/* Too big for brute force, with heavy contention for few supporters:
 * pruning with either repair gives the unpruned optimum. */
static void
test_solver_pruned (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (10);
  guint n = iterations (300);
  guint64 warm = 0;

  for (guint it = 0; it < n; it++)
    {
      guint nc = (guint) g_rand_int_range (r, 10, 80);
      guint ns = (guint) g_rand_int_range (r, 3, 40);
      gint32 max_w = it % 2 ? 5 : 1000000;
      g_autoptr(Graph) g = random_graph (r, nc, ns, g_rand_double_range (r, 0.1, 0.9),
                                         max_w);
      TsMatchSolveStats full, pruned;

      solve_graph_total (g, 0, TS_MATCH_REPAIR_AUTO, &full);
      for (guint k = 1; k <= 4; k++)
        {
          solve_graph_total (g, k, TS_MATCH_REPAIR_IN_PLACE, &pruned);
          g_assert_cmpint (pruned.total_weight, ==, full.total_weight);
          g_assert_cmpuint (pruned.n_assigned, ==, full.n_assigned);
          warm += pruned.warm_starts;
          solve_graph_total (g, k, TS_MATCH_REPAIR_RESOLVE, &pruned);
          g_assert_cmpint (pruned.total_weight, ==, full.total_weight);
          g_assert_cmpuint (pruned.n_assigned, ==, full.n_assigned);
          g_assert_cmpuint (pruned.warm_starts, ==, 0);
        }
    }
  g_assert_cmpuint (warm, >, n);
}

/* The whole pipeline against brute force on the scaled scores. */
static void
test_batch_brute_force (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (5);
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  guint n = iterations (3000);

  for (guint it = 0; it < n; it++)
    {
      guint nc = (guint) g_rand_int_range (r, 1, 7);
      guint ns = (guint) g_rand_int_range (r, 1, 7);
      g_autoptr(Instance) inst = random_instance (r, nc, ns, it % 2 == 0, 0.25);
      g_autoptr(TsMatchCases) cases = instance_load (inst, r);
      g_autoptr(TsMatchBatch) batch = NULL;
      g_autoptr(Graph) g = g_new0 (Graph, 1);
      g_autoptr(GArray) sup = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) w = g_array_new (FALSE, FALSE, sizeof (gint32));
      TsMatchSupporters *supporters = ts_match_cases_get_supporters (cases);
      g_autofree double *scores = g_new (double, ns);
      g_autofree TsMatchReasons *reasons = g_new (TsMatchReasons, ns);
      g_autofree guint32 *load = g_new0 (guint32, ns);
      Brute b = { -1, 0 };
      double total = 0.0;
      g_autoptr(GError) error = NULL;

      ts_match_config_set_prune_k (config, it % 3);
      batch = ts_match_batch (cases, ON, config, NULL, NULL, &error);
      g_assert_no_error (error);

      /* The graph, built independently from the fast path. */
      g->nc = nc;
      g->ns = ns;
      g->cap = g_new0 (guint32, ns);
      g->start = g_new0 (gsize, nc + 1);
      for (guint j = 0; j < ns; j++)
        if (ts_match_supporters_check (supporters, j, ON, TRUE) == 0)
          g->cap[j] = inst->supporters[0].max_cases;  /* overwritten below */
      for (guint j = 0; j < ns; j++)
        {
          gint64 id = ts_match_supporters_get_id (supporters, j);

          for (guint k = 0; k < ns; k++)
            if (inst->supporters[k].id == id)
              g->cap[j] = ts_match_supporters_check (supporters, j, ON, TRUE) == 0
                            ? inst->supporters[k].max_cases - inst->supporters[k].active_cases
                            : 0;
        }
      for (guint i = 0; i < nc; i++)
        {
          ts_match_cases_score (cases, i, ON, config, scores, reasons);
          for (guint j = 0; j < ns; j++)
            if (reasons[j] == 0)
              {
                gint32 x = (gint32) llround (scores[j] * TS_MATCH_SCORE_SCALE);

                g_array_append_val (sup, j);
                g_array_append_val (w, x);
              }
          g->start[i + 1] = sup->len;
        }
      g->sup = (guint32 *) g_array_steal (sup, NULL);
      g->w = (gint32 *) g_array_steal (w, NULL);
      brute (g, 0, load, 0, 0, &b);

      g_assert_cmpint (batch->total_scaled, ==, b.best_total);
      g_assert_cmpuint (batch->assignments->len, ==, b.best_count);
      g_assert_cmpuint (batch->assignments->len + batch->unassigned->len, ==, nc);

      memset (load, 0, sizeof (guint32) * ns);
      for (guint k = 0; k < batch->assignments->len; k++)
        {
          const TsMatchAssignment *a = &g_array_index (batch->assignments,
                                                       TsMatchAssignment, k);
          guint ci, si;

          g_assert_true (ts_match_cases_find (cases, a->case_id, &ci));
          g_assert_true (ts_match_supporters_find (supporters, a->supporter_id, &si));
          g_assert_cmpuint (ts_match_cases_check (cases, ci, si, ON, config), ==, 0);
          g_assert_cmpfloat (a->score, ==,
                             ts_match_cases_score_pair (cases, ci, si, config, NULL));
          load[si]++;
          g_assert_cmpuint (load[si], <=, g->cap[si]);
          total += a->score;
          if (k > 0)
            g_assert_cmpint (a->case_id, >,
                             g_array_index (batch->assignments, TsMatchAssignment, k - 1).case_id);
        }
      g_assert_cmpfloat (total, ==, batch->total_score);
      for (guint k = 0; k < batch->unassigned->len; k++)
        {
          const TsMatchUnassigned *u = &g_array_index (batch->unassigned,
                                                       TsMatchUnassigned, k);
          guint ci;

          g_assert_true (ts_match_cases_find (cases, u->case_id, &ci));
          if (g->start[ci + 1] == g->start[ci])
            g_assert_cmpint (u->reason, ==, TS_MATCH_UNASSIGNED_NO_ELIGIBLE_SUPPORTER);
          else
            {
              /* Every eligible supporter of the case is full. */
              g_assert_cmpint (u->reason, ==, TS_MATCH_UNASSIGNED_CAPACITY_EXHAUSTED);
              for (gsize e = g->start[ci]; e < g->start[ci + 1]; e++)
                g_assert_cmpuint (load[g->sup[e]], ==, g->cap[g->sup[e]]);
            }
        }
    }
}

/* Permuting the input order never changes the result, byte for byte. */
static void
test_batch_permutation (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (6);
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  guint n = iterations (300);

  for (guint it = 0; it < n; it++)
    {
      /* Coarse scores (no locations) make ties common. */
      g_autoptr(Instance) inst = random_instance (r, 1 + it % 12, 1 + it % 9,
                                                  it % 4 == 0, 0.2);
      g_autoptr(TsMatchCases) a = instance_load (inst, NULL);
      g_autoptr(TsMatchCases) b = instance_load (inst, r);
      g_autoptr(TsMatchBatch) ba = NULL;
      g_autoptr(TsMatchBatch) bb = NULL;
      g_autofree char *ta = NULL;
      g_autofree char *tb = NULL;

      ts_match_config_set_prune_k (config, it % 4);
      ba = ts_match_batch (a, ON, config, NULL, NULL, NULL);
      bb = ts_match_batch (b, ON, config, NULL, NULL, NULL);
      ta = batch_text (ba);
      tb = batch_text (bb);
      g_assert_cmpstr (ta, ==, tb);
    }
}

/* Pruned solves equal the unpruned optimum on medium instances. */
static void
test_batch_pruned (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (8);
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  guint n = iterations (10) > 3 ? 4 : 1;
  guint64 rechecked = 0, rounds = 0;

  for (guint it = 0; it < n; it++)
    {
      g_autoptr(Instance) inst = random_instance (r, 300, 600 / (1 + it % 2 * 3),
                                                  TRUE, 0.3);
      g_autoptr(TsMatchCases) cases = instance_load (inst, NULL);
      g_autoptr(TsMatchBatch) full = NULL;

      ts_match_config_set_prune_k (config, 0);
      full = ts_match_batch (cases, ON, config, NULL, NULL, NULL);
      g_assert_cmpuint (full->stats.rounds, ==, 1);
      for (guint k = 1; k <= 8; k *= 2)
        {
          g_autoptr(TsMatchBatch) pruned = NULL;

          ts_match_config_set_prune_k (config, k);
          pruned = ts_match_batch (cases, ON, config, NULL, NULL, NULL);
          g_assert_cmpint (pruned->total_scaled, ==, full->total_scaled);
          g_assert_cmpuint (pruned->assignments->len, ==, full->assignments->len);
          g_assert_cmpuint (pruned->stats.pairs, ==, full->stats.pairs);
          g_assert_cmpuint (pruned->stats.pairs_kept, <, full->stats.pairs);
          rechecked += pruned->stats.rows_rechecked;
          rounds += pruned->stats.rounds;
        }
    }
  /* The proof did have to look again and add pairs back somewhere. */
  g_assert_cmpuint (rechecked, >, 0);
  g_assert_cmpuint (rounds, >, 4 * n);
}

/* Zero scores are still assigned: more assignments break ties. */
static void
test_batch_zero_weights (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchBatch) batch = NULL;
  TsMatchSupporterInfo s;

  for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
    g_assert_true (ts_match_config_set_weight (config, k, 0.0, NULL));
  s = eligible_supporter (1);
  s.max_cases = 2;
  add_supporter (supporters, &s);
  s = eligible_supporter (2);
  s.max_cases = 1;
  add_supporter (supporters, &s);
  cases = ts_match_cases_new (supporters);
  for (gint64 id = 10; id < 15; id++)
    {
      TsMatchCaseInfo c = { .id = id };

      add_case (cases, &c);
    }
  batch = ts_match_batch (cases, ON, config, NULL, NULL, NULL);
  g_assert_cmpuint (batch->assignments->len, ==, 3);
  g_assert_cmpfloat (batch->total_score, ==, 0.0);
  g_assert_cmpuint (batch->unassigned->len, ==, 2);
  for (guint k = 0; k < 2; k++)
    g_assert_cmpint (g_array_index (batch->unassigned, TsMatchUnassigned, k).reason,
                     ==, TS_MATCH_UNASSIGNED_CAPACITY_EXHAUSTED);
}

/* The optimum is not greedy: the best pair for one case would leave the
 * other without anyone. */
static void
test_batch_not_greedy (void)
{
  g_autoptr(TsMatchSupporters) supporters = ts_match_supporters_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchBatch) batch = NULL;
  TsMatchSupporterInfo s;
  TsMatchCaseInfo c = { 0 };

  s = eligible_supporter (1);
  s.max_cases = 1;
  s.skills = TS_MATCH_SKILL_PHONE | TS_MATCH_SKILL_HOME_VISIT;
  s.municipality_code = 131001;
  add_supporter (supporters, &s);
  s = eligible_supporter (2);
  s.max_cases = 1;
  s.skills = TS_MATCH_SKILL_PHONE;
  s.municipality_code = 131002;
  add_supporter (supporters, &s);
  cases = ts_match_cases_new (supporters);
  /* Case 10 may only go to supporter 1 (2 lives in its municipality). */
  c.id = 10;
  c.needs = TS_MATCH_SKILL_HOME_VISIT;
  c.municipality_code = 131002;
  c.avoid_same_municipality = TRUE;
  add_case (cases, &c);
  /* Case 11 prefers supporter 1 slightly but can take 2. */
  c.id = 11;
  c.needs = TS_MATCH_SKILL_PHONE | TS_MATCH_SKILL_HOME_VISIT;
  c.municipality_code = 131003;
  add_case (cases, &c);
  c.id = 12;  /* nobody at all */
  c.gender_preference = TS_MATCH_GENDER_OTHER;
  c.gender_required = TRUE;
  add_case (cases, &c);

  batch = ts_match_batch (cases, ON, config, NULL, NULL, NULL);
  g_assert_cmpuint (batch->assignments->len, ==, 2);
  g_assert_cmpint (g_array_index (batch->assignments, TsMatchAssignment, 0).supporter_id, ==, 1);
  g_assert_cmpint (g_array_index (batch->assignments, TsMatchAssignment, 1).supporter_id, ==, 2);
  g_assert_cmpuint (batch->unassigned->len, ==, 1);
  g_assert_cmpint (g_array_index (batch->unassigned, TsMatchUnassigned, 0).case_id, ==, 12);
  g_assert_cmpint (g_array_index (batch->unassigned, TsMatchUnassigned, 0).reason,
                   ==, TS_MATCH_UNASSIGNED_NO_ELIGIBLE_SUPPORTER);
}

typedef struct {
  guint64 calls;
  guint64 last;
  guint64 total;
  guint64 cancel_after;
} Progress;

static gboolean
on_progress (guint64 done, guint64 total, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >=, p->last);
  g_assert_cmpuint (done, <=, total);
  p->last = done;
  p->total = total;
  return ++p->calls < p->cancel_after;
}

static void
test_batch_progress (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (9);
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(Instance) inst = random_instance (r, 200, 100, TRUE, 0.1);
  g_autoptr(TsMatchCases) cases = instance_load (inst, NULL);
  g_autoptr(TsMatchBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  Progress p = { 0, 0, 0, G_MAXUINT64 };

  batch = ts_match_batch (cases, ON, config, on_progress, &p, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
  g_assert_cmpuint (p.last, ==, p.total);
  g_assert_cmpuint (p.calls, >, 2);

  p = (Progress) { 0, 0, 0, 2 };
  g_clear_pointer (&batch, ts_match_batch_free);
  batch = ts_match_batch (cases, ON, config, on_progress, &p, &error);
  g_assert_null (batch);
  g_assert_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/match/vocabulary", test_vocabulary);
  g_test_add_func ("/tsunagari/match/pair-detail", test_pair_detail);
  g_test_add_func ("/tsunagari/match/interner", test_interner);
  g_test_add_func ("/tsunagari/match/config", test_config);
  g_test_add_func ("/tsunagari/match/invalid-input", test_invalid_input);
  g_test_add_func ("/tsunagari/match/filters/each-reason", test_filters_each_reason);
  g_test_add_func ("/tsunagari/match/filters/dates", test_filters_dates);
  g_test_add_func ("/tsunagari/match/score/factors", test_score_factors);
  g_test_add_func ("/tsunagari/match/score/null-factors", test_score_null_factors);
  g_test_add_func ("/tsunagari/match/rank/random", test_rank_random);
  g_test_add_func ("/tsunagari/match/rank/ties", test_rank_ties);
  g_test_add_func ("/tsunagari/match/rank/nearer", test_rank_nearer);
  g_test_add_func ("/tsunagari/match/solver/brute-force", test_solver_brute_force);
  g_test_add_func ("/tsunagari/match/solver/pruned", test_solver_pruned);
  g_test_add_func ("/tsunagari/match/batch/brute-force", test_batch_brute_force);
  g_test_add_func ("/tsunagari/match/batch/permutation", test_batch_permutation);
  g_test_add_func ("/tsunagari/match/batch/pruned", test_batch_pruned);
  g_test_add_func ("/tsunagari/match/batch/zero-weights", test_batch_zero_weights);
  g_test_add_func ("/tsunagari/match/batch/not-greedy", test_batch_not_greedy);
  g_test_add_func ("/tsunagari/match/batch/progress", test_batch_progress);

  return g_test_run ();
}
