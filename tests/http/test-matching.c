/*
 * Matching on a live server (SPEC 2.2, 3.2; issue 4 "Matching"): candidate
 * lists with their factors and every hard-filter reason, the batch (exact
 * totals, determinism, commit, cases that cannot be matched), the
 * configuration; every refused role and every kind of bad input; the
 * supporters cache never answering from stale data.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY), fiscal year 2026.
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "harness.h"
#include "service/matching.h"
#include "service/supporters.h"

#define TODAY "2026-06-15"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

/* A supporter with the harness's defaults (female, 宇都宮市 092011, skills
 * home_visit, interests music) plus @overrides; insured to 2027-03-31
 * unless @overrides says otherwise; trained on @trained_on (NULL: never)
 * and registered when @registered. */
/* Registered, trained in 2025, insured: dispatchable today. */
static gint64
dispatchable (TsHarness *h, const char *overrides)
{
  return ts_harness_create_trained_supporter (h, overrides, "2025-04-10", TRUE);
}

/* A case in 足利市 (092029) with consent to matching unless @extra has its
 * own consent, assessed when @assessed. */
static gint64
make_case (TsHarness *h, const char *extra, gboolean assessed)
{
  g_autofree char *body = g_strdup_printf (
    "{\"nickname\":\"Mさん\",\"municipality_code\":\"092029\",\"age_band\":\"60s\","
    "\"gender\":\"female\",\"household\":\"two\"%s%s%s}",
    extra != NULL && strstr (extra, "\"consent\"") != NULL ? ""
      : ",\"consent\":{\"obtained_on\":\"2026-05-01\",\"scope\":[\"matching\",\"support\"]}",
    extra != NULL ? "," : "", extra != NULL ? extra : "");
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/cases", h->coordinator, body, NULL);
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  if (assessed)
    {
      g_autoptr(TsReply) a = ts_harness_call (h, "POST", h->coordinator,
                                              "{\"held_on\":\"2026-06-01\",\"participants\":[\"coordinator\"],"
                                              "\"summary\":\"ケース会議\"}",
                                              "/v1/cases/%" G_GINT64_FORMAT "/assessment", id);
      ts_assert_status (a, 201);
    }
  return id;
}

static void
exclude (TsHarness *h, gint64 case_id, gint64 supporter_id)
{
  g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                           ",\"reason\":\"conflict_of_interest\"}", supporter_id);
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                          "/v1/cases/%" G_GINT64_FORMAT "/exclusions", case_id);
  ts_assert_status (r, 201);
}

/* With ?excluded=all: every excluded supporter listed, as the tools ask. */
static TsReply *
candidates (TsHarness *h, gint64 case_id, const char *query)
{
  return ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/cases/%" G_GINT64_FORMAT "/candidates%s%s",
                          case_id, query != NULL ? query : "?", query != NULL ? "&excluded=all" : "excluded=all");
}

/* As the web page asks: the default answer, excluded summarised. */
static TsReply *
candidates_page (TsHarness *h, gint64 case_id, const char *query)
{
  return ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/cases/%" G_GINT64_FORMAT "/candidates%s",
                          case_id, query != NULL ? query : "");
}

static JsonArray *
member_array (TsReply *r, const char *name)
{
  return json_object_get_array_member (ts_reply_object (r), name);
}

/* The candidate object for @supporter_id, or NULL. */
static JsonObject *
find_by (JsonArray *arr, const char *member, gint64 id)
{
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      if (json_object_get_int_member (o, member) == id)
        return o;
    }
  return NULL;
}

/* The reasons of an excluded supporter, joined with ','. */
static char *
reasons_of (TsReply *r, gint64 supporter_id)
{
  JsonObject *o = find_by (member_array (r, "excluded"), "supporter_id", supporter_id);
  JsonArray *arr;
  GString *out = g_string_new (NULL);

  if (o == NULL)
    return g_string_free (out, FALSE);
  arr = json_object_get_array_member (o, "reasons");
  for (guint i = 0; i < json_array_get_length (arr); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", json_array_get_string_element (arr, i));
  return g_string_free (out, FALSE);
}

/* ---- candidates ------------------------------------------------------- */

static void
test_candidates_explained (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  /* Case C of seed 004: a teenager referred by a special-needs school,
   * best matched with a welfare professional. */
  gint64 c = make_case (h, "\"needs\":[\"home_visit\",\"phone\"],\"interests\":[\"music\",\"鉄道\"],"
                           "\"location\":{\"lat\":36.34,\"lon\":139.45},"
                           "\"referred_by\":\"special_needs_school\","
                           "\"preferences\":{\"availability\":[{\"weekday\":2,\"from\":\"10:00\","
                           "\"to\":\"12:00\"}]}", TRUE);
  gint64 near = dispatchable (h, "\"location\":{\"lat\":36.35,\"lon\":139.46},\"occupation\":\"社会福祉士\","
                                 "\"skills\":[\"home_visit\",\"phone\"],"
                                 "\"availability\":[{\"weekday\":2,\"from\":\"09:00\",\"to\":\"12:00\"}]");
  gint64 far = dispatchable (h, "\"location\":{\"lat\":36.80,\"lon\":139.90}");
  gint64 nowhere = dispatchable (h, NULL);
  g_autoptr(TsReply) r = candidates (h, c, NULL);
  g_autoptr(TsReply) again = candidates (h, c, NULL);
  g_autoptr(TsReply) one = candidates (h, c, "?limit=1&on=" TODAY);
  JsonArray *list;
  JsonObject *best, *loc;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "case_id"), ==, c);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "on"), ==, TODAY);
  list = member_array (r, "candidates");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "eligible"), ==, 3);
  g_assert_cmpuint (json_array_get_length (member_array (r, "excluded")), ==, 0);
  best = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (best, "supporter_id"), ==, near);
  g_assert_cmpstr (json_object_get_string_member (best, "name"), ==, "試験 花子");

  /* Every candidate: nine factors in the fixed order, score = the sum of
   * the contributions added in that order, exactly; a null value says
   * why and contributes nothing. */
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *cand = json_array_get_object_element (list, i);
      JsonArray *factors = json_object_get_array_member (cand, "factors");
      static const char *const names[] = { "distance", "availability", "needs_skills", "interests",
                                           "peer_experience", "gender", "workload", "continuity",
                                           "occupation" };
      double sum = 0.0;

      g_assert_cmpuint (json_array_get_length (factors), ==, 9);
      for (guint k = 0; k < 9; k++)
        {
          JsonObject *fo = json_array_get_object_element (factors, k);
          JsonNode *value = json_object_get_member (fo, "value");

          g_assert_cmpstr (json_object_get_string_member (fo, "name"), ==, names[k]);
          if (JSON_NODE_HOLDS_NULL (value))
            {
              g_assert_cmpfloat (json_object_get_double_member (fo, "contribution"), ==, 0.0);
              g_assert_true (json_object_has_member (fo, "note"));
            }
          else
            {
              double v = json_node_get_double (value);
              g_assert_cmpfloat (v, >=, 0.0);
              g_assert_cmpfloat (v, <=, 1.0);
              g_assert_cmpfloat (json_object_get_double_member (fo, "contribution"), ==,
                                 v * json_object_get_double_member (fo, "weight"));
              g_assert_false (json_object_has_member (fo, "note"));
            }
          sum += json_object_get_double_member (fo, "contribution");
        }
      g_assert_cmpfloat (json_object_get_double_member (cand, "score"), ==, sum);
      if (i > 0)
        g_assert_cmpfloat (json_object_get_double_member (cand, "score"), <=,
                           json_object_get_double_member (json_array_get_object_element (list, i - 1),
                                                          "score"));
    }
  /* The near welfare professional: distance, availability, needs and
   * occupation all count; the one without a location has a null distance. */
  {
    JsonArray *factors = json_object_get_array_member (best, "factors");
    loc = json_array_get_object_element (factors, 0);
    g_assert_cmpfloat (json_object_get_double_member (loc, "value"), >, 0.9);
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (factors, 1),
                                                      "value"), ==, 1.0);
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (factors, 2),
                                                      "value"), ==, 1.0);
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (factors, 8),
                                                      "value"), ==, 1.0);
  }
  {
    JsonObject *n = find_by (list, "supporter_id", nowhere);
    JsonObject *d = json_array_get_object_element (json_object_get_array_member (n, "factors"), 0);
    g_assert_true (json_object_get_null_member (d, "value"));
    g_assert_nonnull (find_by (list, "supporter_id", far));
  }
  /* Byte-identical for the same data; the limit keeps the best. */
  g_assert_cmpstr (r->body, ==, again->body);
  ts_assert_status (one, 200);
  g_assert_cmpuint (json_array_get_length (member_array (one, "candidates")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (member_array (one, "candidates"), 0),
                                               "supporter_id"), ==, near);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (one), "eligible"), ==, 3);
}

/* Every hard-filter reason of SPEC 2.2, once each, and all that apply. */
static void
test_candidates_hard_filters (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, "\"municipality_code\":\"092011\",\"preferences\":{\"supporter_gender\":"
                           "\"female\",\"gender_required\":true,\"avoid_same_municipality\":true}",
                        TRUE);
  gint64 ok = dispatchable (h, "\"municipality_code\":\"092037\"");
  gint64 applicant = ts_harness_create_trained_supporter (h, "\"municipality_code\":\"092037\"", "2025-04-10", FALSE);
  gint64 lapsed = ts_harness_create_trained_supporter (h, "\"municipality_code\":\"092037\"", "2020-04-10", TRUE);
  gint64 uninsured = dispatchable (h, "\"municipality_code\":\"092037\",\"insurance_until\":\"2026-03-31\"");
  gint64 full = dispatchable (h, "\"municipality_code\":\"092037\",\"max_cases\":0");
  gint64 man = dispatchable (h, "\"municipality_code\":\"092037\",\"gender\":\"male\"");
  gint64 neighbour = dispatchable (h, NULL);
  gint64 excluded = dispatchable (h, "\"municipality_code\":\"092037\"");
  gint64 untrained = ts_harness_create_trained_supporter (h, "\"gender\":\"male\"", NULL, FALSE);
  g_autoptr(TsReply) r = NULL;
  g_autofree char *a = NULL, *b = NULL, *cc = NULL, *d = NULL, *e = NULL, *s = NULL;
  g_autofree char *x = NULL, *all = NULL;

  (void) data;
  exclude (h, c, excluded);
  r = candidates (h, c, NULL);
  ts_assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (member_array (r, "candidates")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (member_array (r, "candidates"), 0),
                                               "supporter_id"), ==, ok);
  g_assert_cmpuint (json_array_get_length (member_array (r, "excluded")), ==, 8);
  a = reasons_of (r, applicant);
  g_assert_cmpstr (a, ==, "not_registered");
  b = reasons_of (r, lapsed);
  g_assert_cmpstr (b, ==, "qualification_lapsed");
  cc = reasons_of (r, uninsured);
  g_assert_cmpstr (cc, ==, "insurance_not_valid");
  d = reasons_of (r, full);
  g_assert_cmpstr (d, ==, "at_capacity");
  e = reasons_of (r, man);
  g_assert_cmpstr (e, ==, "gender_mismatch");
  s = reasons_of (r, neighbour);
  g_assert_cmpstr (s, ==, "same_municipality");
  x = reasons_of (r, excluded);
  g_assert_cmpstr (x, ==, "excluded_pair");
  /* Every reason that applies, in the fixed order. */
  all = reasons_of (r, untrained);
  g_assert_cmpstr (all, ==, "not_registered,qualification_lapsed,gender_mismatch,same_municipality");
  /* The excluded are listed by supporter id. */
  {
    JsonArray *ex = member_array (r, "excluded");
    for (guint i = 1; i < json_array_get_length (ex); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ex, i - 1), "supporter_id"),
                       <, json_object_get_int_member (json_array_get_object_element (ex, i), "supporter_id"));
  }
  /* On another date: insured until 2026-03-31 was fine on 2026-03-01. */
  {
    g_autoptr(TsReply) past = candidates (h, c, "?on=2026-03-01");
    g_autofree char *before = NULL;

    ts_assert_status (past, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (past), "on"), ==, "2026-03-01");
    before = reasons_of (past, uninsured);
    g_assert_cmpstr (before, ==, "");
    g_assert_nonnull (find_by (member_array (past, "candidates"), "supporter_id", uninsured));
  }
}

/* The supporters cache answers only from current data: every kind of
 * change shows in the next list. */
static void
test_candidates_follow_changes (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 s = ts_harness_create_trained_supporter (h, NULL, NULL, FALSE);
  g_autofree char *r0 = NULL, *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL;

  (void) data;
  {
    g_autoptr(TsReply) r = candidates (h, c, NULL);
    r0 = reasons_of (r, s);
    g_assert_cmpstr (r0, ==, "not_registered,qualification_lapsed");
  }
  {
    g_autoptr(TsReply) t = ts_harness_call (h, "POST", h->coordinator,
                                            "{\"kind\":\"initial\",\"completed_on\":\"2025-04-10\"}",
                                            "/v1/supporters/%" G_GINT64_FORMAT "/trainings", s);
    g_autoptr(TsReply) r = candidates (h, c, NULL);
    ts_assert_status (t, 201);
    r1 = reasons_of (r, s);
    g_assert_cmpstr (r1, ==, "not_registered");
  }
  {
    g_autoptr(TsReply) t = ts_harness_call (h, "POST", h->coordinator, NULL,
                                            "/v1/supporters/%" G_GINT64_FORMAT "/register", s);
    g_autoptr(TsReply) r = candidates (h, c, NULL);
    ts_assert_status (t, 200);
    r2 = reasons_of (r, s);
    g_assert_cmpstr (r2, ==, "");
    g_assert_nonnull (find_by (member_array (r, "candidates"), "supporter_id", s));
  }
  {
    g_autoptr(TsReply) t = ts_harness_call (h, "PATCH", h->coordinator, "{\"insurance_until\":null}",
                                            "/v1/supporters/%" G_GINT64_FORMAT, s);
    g_autoptr(TsReply) r = candidates (h, c, NULL);
    ts_assert_status (t, 200);
    r3 = reasons_of (r, s);
    g_assert_cmpstr (r3, ==, "insurance_not_valid");
  }
  {
    g_autoptr(TsReply) t = ts_harness_call (h, "PATCH", h->coordinator,
                                            "{\"insurance_until\":\"2027-03-31\",\"max_cases\":1}",
                                            "/v1/supporters/%" G_GINT64_FORMAT, s);
    g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                             G_GINT64_FORMAT ",\"starts_on\":\"" TODAY "\"}",
                                             make_case (h, NULL, TRUE), s);
    g_autoptr(TsReply) a = ts_harness_request (h, "POST", "/v1/assignments", h->coordinator, body, NULL);
    g_autoptr(TsReply) r = candidates (h, c, NULL);
    ts_assert_status (t, 200);
    ts_assert_status (a, 201);
    r4 = reasons_of (r, s);
    g_assert_cmpstr (r4, ==, "at_capacity");
  }
  /* A new supporter appears at once. */
  {
    gint64 n = dispatchable (h, NULL);
    g_autoptr(TsReply) r = candidates (h, c, NULL);
    g_assert_nonnull (find_by (member_array (r, "candidates"), "supporter_id", n));
  }
}

/* What the decision screen shows beside a name (issue 14): number, town,
 * caseload, distance, the overlap of the times, whether already assigned;
 * the excluded summarised by reason unless all are asked for. */
static void
test_candidates_details (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, "\"location\":{\"lat\":36.34,\"lon\":139.45},"
                           "\"preferences\":{\"availability\":[{\"weekday\":2,\"from\":\"10:00\","
                           "\"to\":\"12:00\"},{\"weekday\":4,\"from\":\"13:00\",\"to\":\"17:00\"}]}",
                        TRUE);
  gint64 near = dispatchable (h, "\"location\":{\"lat\":36.35,\"lon\":139.46},\"max_cases\":3,"
                                 "\"availability\":[{\"weekday\":2,\"from\":\"09:00\",\"to\":\"11:00\"},"
                                 "{\"weekday\":4,\"from\":\"15:00\",\"to\":\"20:00\"}]");
  gint64 nowhere = dispatchable (h, NULL);
  gint64 applicant1 = ts_harness_create_supporter (h, NULL);
  gint64 applicant2 = ts_harness_create_supporter (h, NULL);
  gint64 man = dispatchable (h, "\"gender\":\"male\"");
  g_autoptr(TsReply) r = NULL, all = NULL, s = NULL;
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                           G_GINT64_FORMAT ",\"starts_on\":\"" TODAY "\"}", c, near);
  g_autoptr(TsReply) a = ts_harness_request (h, "POST", "/v1/assignments", h->coordinator, body, NULL);
  g_autoptr(TsReply) other = NULL;
  JsonObject *o, *n;
  JsonArray *overlap, *summary;

  (void) data;
  ts_assert_status (a, 201);
  exclude (h, c, man);
  r = candidates_page (h, c, NULL);
  ts_assert_status (r, 200);
  o = find_by (member_array (r, "candidates"), "supporter_id", near);
  g_assert_nonnull (o);
  s = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT, near);
  ts_assert_status (s, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==,
                   json_object_get_string_member (ts_reply_object (s), "code"));
  g_assert_nonnull (json_object_get_string_member (o, "code"));
  g_assert_cmpstr (json_object_get_string_member (o, "municipality_code"), ==, "092011");
  g_assert_cmpstr (json_object_get_string_member (o, "municipality"), ==, "宇都宮市");
  g_assert_cmpint (json_object_get_int_member (o, "open_cases"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "max_cases"), ==, 3);
  g_assert_true (json_object_get_boolean_member (o, "assigned"));
  /* 36.34,139.45 to 36.35,139.46: about 1.4 km, to 0.1 km. */
  g_assert_cmpfloat (json_object_get_double_member (o, "distance_km"), ==, 1.4);
  overlap = json_object_get_array_member (o, "availability_overlap");
  g_assert_cmpuint (json_array_get_length (overlap), ==, 2);
  {
    JsonObject *t0 = json_array_get_object_element (overlap, 0);
    JsonObject *t1 = json_array_get_object_element (overlap, 1);

    g_assert_cmpint (json_object_get_int_member (t0, "weekday"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (t0, "from"), ==, "10:00");
    g_assert_cmpstr (json_object_get_string_member (t0, "to"), ==, "11:00");
    g_assert_cmpint (json_object_get_int_member (t1, "weekday"), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (t1, "from"), ==, "15:00");
    g_assert_cmpstr (json_object_get_string_member (t1, "to"), ==, "17:00");
  }
  /* No location, no times, no assignment of this case. */
  n = find_by (member_array (r, "candidates"), "supporter_id", nowhere);
  g_assert_true (json_object_get_null_member (n, "distance_km"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (n, "availability_overlap")), ==, 0);
  g_assert_false (json_object_get_boolean_member (n, "assigned"));
  g_assert_cmpint (json_object_get_int_member (n, "open_cases"), ==, 0);

  /* The excluded: counted by reason, not listed. */
  g_assert_false (json_object_has_member (ts_reply_object (r), "excluded"));
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "excluded_total"), ==, 3);
  summary = member_array (r, "excluded_summary");
  g_assert_cmpuint (json_array_get_length (summary), ==, 4);
  {
    /* An applicant counts under each of its reasons, in the fixed order. */
    static const char *const reasons[] = { "not_registered", "qualification_lapsed",
                                           "insurance_not_valid", "excluded_pair" };
    static const gint64 counts[] = { 2, 2, 2, 1 };

    for (guint i = 0; i < 4; i++)
      {
        JsonObject *e = json_array_get_object_element (summary, i);
        g_assert_cmpstr (json_object_get_string_member (e, "reason"), ==, reasons[i]);
        g_assert_cmpint (json_object_get_int_member (e, "count"), ==, counts[i]);
      }
  }
  /* ?excluded=all lists them, each with its name. */
  all = candidates_page (h, c, "?excluded=all");
  ts_assert_status (all, 200);
  g_assert_cmpuint (json_array_get_length (member_array (all, "excluded")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (find_by (member_array (all, "excluded"), "supporter_id",
                                                           applicant1), "name"), ==, "試験 花子");
  g_assert_nonnull (find_by (member_array (all, "excluded"), "supporter_id", applicant2));
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (all), "excluded_total"), ==, 3);
  /* ?excluded=summary is the default. */
  other = candidates_page (h, c, "?excluded=summary");
  g_assert_cmpstr (other->body, ==, r->body);
}

/* The page's answer stays small whatever the pool (issue 14: at most
 * 60 KB): 150 supporters, most of them excluded, and the 20 candidates
 * the page asks for. */
static void
test_candidates_size (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, "\"location\":{\"lat\":36.34,\"lon\":139.45},"
                           "\"preferences\":{\"availability\":[{\"weekday\":2,\"from\":\"10:00\","
                           "\"to\":\"12:00\"}]}", TRUE);
  g_autoptr(TsReply) page = NULL, dflt = NULL, all = NULL;

  (void) data;
  for (guint i = 0; i < 30; i++)
    dispatchable (h, "\"location\":{\"lat\":36.35,\"lon\":139.46},"
                     "\"availability\":[{\"weekday\":2,\"from\":\"09:00\",\"to\":\"11:00\"}]");
  for (guint i = 0; i < 120; i++)
    ts_harness_create_supporter (h, NULL);
  page = candidates_page (h, c, "?limit=20");
  dflt = candidates_page (h, c, NULL);
  all = candidates_page (h, c, "?excluded=all");
  ts_assert_status (page, 200);
  ts_assert_status (dflt, 200);
  ts_assert_status (all, 200);
  g_assert_cmpuint (json_array_get_length (member_array (page, "candidates")), ==, 20);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (page), "excluded_total"), ==, 120);
  g_test_message ("candidates answer: %zu bytes (limit 20), %zu (default), %zu (excluded=all)",
                  strlen (page->body), strlen (dflt->body), strlen (all->body));
  g_assert_cmpuint (strlen (page->body), <, 60 * 1024);
  g_assert_cmpuint (strlen (dflt->body), <, 60 * 1024);
  g_assert_cmpuint (strlen (all->body), >, strlen (dflt->body));
}

static void
test_candidates_audited (Fixture *f, gconstpointer data)
{
  gint64 c = make_case (f->h, NULL, TRUE);
  gint64 before = ts_harness_audit_entries (f->h);
  g_autoptr(TsReply) r = candidates (f->h, c, NULL);

  (void) data;
  ts_assert_status (r, 200);
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
}

static void
test_candidates_bad_input (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 inquiry = make_case (h, NULL, FALSE);
  gint64 no_consent = make_case (h, "\"consent\":{\"obtained_on\":\"2026-05-01\",\"scope\":[\"support\"]}",
                                 TRUE);
  gint64 closed = make_case (h, NULL, TRUE);
  static const char *const bad_limits[] = { "0", "1001", "-1", "abc", "", "1e2", "50.5", NULL };

  (void) data;
  for (guint i = 0; bad_limits[i] != NULL; i++)
    {
      g_autofree char *q = g_strdup_printf ("?limit=%s", bad_limits[i]);
      g_autoptr(TsReply) r = candidates (h, c, q);
      ts_assert_problem (r, 422, "validation_failed", "limit");
    }
  {
    g_autoptr(TsReply) r = candidates (h, c, "?limit=1000");
    ts_assert_status (r, 200);
  }
  {
    g_autoptr(TsReply) r = candidates (h, c, "?on=2025-02-30");
    g_autoptr(TsReply) r2 = candidates (h, c, "?on=tomorrow");
    ts_assert_problem (r, 422, "validation_failed", "on");
    ts_assert_problem (r2, 422, "validation_failed", "on");
  }
  {
    g_autoptr(TsReply) r = candidates_page (h, c, "?excluded=some");
    g_autoptr(TsReply) r2 = candidates_page (h, c, "?excluded=");
    ts_assert_problem (r, 422, "validation_failed", "excluded");
    ts_assert_problem (r2, 422, "validation_failed", "excluded");
  }
  {
    g_autoptr(TsReply) r = candidates (h, c, "?lmit=5");
    ts_assert_problem (r, 400, "unknown_field", "lmit");
  }
  {
    g_autoptr(TsReply) r = candidates (h, 999999, NULL);
    ts_assert_problem (r, 404, "not_found", NULL);
  }
  {
    g_autoptr(TsReply) r = candidates (h, inquiry, NULL);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  {
    g_autoptr(TsReply) r = candidates (h, no_consent, NULL);
    ts_assert_problem (r, 422, "consent_missing", NULL);
  }
  {
    g_autoptr(TsReply) x = ts_harness_call (h, "POST", h->coordinator,
                                            "{\"closed_on\":\"" TODAY "\",\"reason\":\"moved\"}",
                                            "/v1/cases/%" G_GINT64_FORMAT "/close", closed);
    g_autoptr(TsReply) r = candidates (h, closed, NULL);
    ts_assert_status (x, 200);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
}

static void
test_candidates_roles (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 s = dispatchable (h, NULL);
  g_autofree char *sup = ts_harness_user_token (h, "supporter", s, 0);
  g_autofree char *host = ts_harness_user_token (h, "host", 0, 1);
  g_autoptr(TsReply) a = ts_harness_call (h, "GET", h->auditor, NULL, "/v1/cases/%" G_GINT64_FORMAT "/candidates", c);
  g_autoptr(TsReply) b = ts_harness_call (h, "GET", sup, NULL, "/v1/cases/%" G_GINT64_FORMAT "/candidates", c);
  g_autoptr(TsReply) d = ts_harness_call (h, "GET", host, NULL, "/v1/cases/%" G_GINT64_FORMAT "/candidates", c);
  g_autoptr(TsReply) e = ts_harness_call (h, "GET", NULL, NULL, "/v1/cases/%" G_GINT64_FORMAT "/candidates", c);
  g_autoptr(TsReply) ok = ts_harness_call (h, "GET", h->admin, NULL, "/v1/cases/%" G_GINT64_FORMAT "/candidates", c);

  (void) data;
  ts_assert_problem (a, 403, "forbidden", NULL);
  ts_assert_problem (b, 403, "forbidden", NULL);
  ts_assert_problem (d, 403, "forbidden", NULL);
  ts_assert_status (e, 401);
  ts_assert_status (ok, 200);
}

/* ---- configuration ------------------------------------------------------ */

static void
test_config (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *sup = ts_harness_user_token (h, "supporter", dispatchable (h, NULL), 0);
  g_autofree char *host = ts_harness_user_token (h, "host", 0, 1);
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/matching/config", h->coordinator, NULL, NULL);
  g_autoptr(TsReply) au = ts_harness_request (h, "GET", "/v1/matching/config", h->auditor, NULL, NULL);
  g_autoptr(TsReply) s = ts_harness_request (h, "GET", "/v1/matching/config", sup, NULL, NULL);
  g_autoptr(TsReply) ho = ts_harness_request (h, "GET", "/v1/matching/config", host, NULL, NULL);
  g_autoptr(TsReply) none = ts_harness_request (h, "GET", "/v1/matching/config", NULL, NULL, NULL);
  g_autoptr(TsReply) q = ts_harness_request (h, "GET", "/v1/matching/config?x=1", h->admin, NULL, NULL);
  JsonObject *w;
  JsonArray *fit;

  (void) data;
  ts_assert_status (r, 200);
  w = json_object_get_object_member (ts_reply_object (r), "weights");
  g_assert_cmpfloat (json_object_get_double_member (w, "needs_skills"), ==, 3.0);
  g_assert_cmpfloat (json_object_get_double_member (w, "distance"), ==, 2.0);
  g_assert_cmpuint (json_object_get_size (w), ==, 9);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (r), "require_insurance"));
  fit = json_object_get_array_member (json_object_get_object_member (ts_reply_object (r), "occupation_fit"),
                                      "special_needs_school");
  g_assert_cmpuint (json_array_get_length (fit), >=, 4);
  ts_assert_status (au, 200);
  ts_assert_problem (s, 403, "forbidden", NULL);
  ts_assert_problem (ho, 403, "forbidden", NULL);
  ts_assert_status (none, 401);
  ts_assert_problem (q, 400, "unknown_field", "x");
}

/* The [matching] group of the configuration file, unit-tested. */
static void
test_config_keyfile (void)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMatchConfig) config = NULL;
  static const char *const bad[] = {
    "[matching]\nweight_distance=101\n",
    "[matching]\nweight_distance=-1\n",
    "[matching]\nweight_distanse=1\n",
    "[matching]\nweight_distance=abc\n",
    "[matching]\nmax_distance_km=0\n",
    "[matching]\nprune_k=-3\n",
    "[matching]\noccupation_fit_circus=clown\n",
    "[matching]\ncolour=blue\n",
    NULL,
  };

  g_assert_true (g_key_file_load_from_data (kf, "[matching]\nweight_distance=4.5\n"
                                            "max_distance_km=12\nprune_k=0\n"
                                            "occupation_fit_school=教員;養護教諭\n"
                                            "occupation_fit_special_needs_school=\n", -1, 0, NULL));
  config = ts_matching_config_from_keyfile (kf, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ts_match_config_get_weight (config, TS_MATCH_FACTOR_DISTANCE), ==, 4.5);
  g_assert_cmpfloat (ts_match_config_get_weight (config, TS_MATCH_FACTOR_NEEDS_SKILLS), ==, 3.0);
  g_assert_cmpfloat (ts_match_config_get_max_distance_km (config), ==, 12.0);
  g_assert_cmpuint (ts_match_config_get_prune_k (config), ==, 0);
  g_assert_false (ts_match_config_get_require_insurance (config));
  g_assert_cmpstr (ts_match_config_get_occupation_fit (config, "school")[1], ==, "養護教諭");
  g_assert_null (ts_match_config_get_occupation_fit (config, "special_needs_school"));

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GKeyFile) k = g_key_file_new ();
      g_autoptr(GError) e = NULL;
      g_autoptr(TsMatchConfig) cfg = NULL;

      g_assert_true (g_key_file_load_from_data (k, bad[i], -1, 0, NULL));
      cfg = ts_matching_config_from_keyfile (k, TRUE, &e);
      g_assert_null (cfg);
      g_assert_nonnull (e);
      g_assert_nonnull (strstr (e->message, "[matching]"));
    }
}

/* ---- batch -------------------------------------------------------------- */

static TsReply *
batch (TsHarness *h, const char *body)
{
  return ts_harness_request (h, "POST", "/v1/matching/batch", h->coordinator, body, NULL);
}

/* Four cases, three supporters with one slot each: the batch is the best
 * total, and each pair's score is the one the case's candidate list shows,
 * so the total is their sum (added by case id, as the batch adds it). */
static void
test_batch_optimal (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 cases[4];
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) again = NULL;
  g_autoptr(TsReply) omitted = NULL;
  JsonArray *assigned, *unassigned;
  double sum = 0.0;

  (void) data;
  cases[0] = make_case (h, "\"needs\":[\"home_visit\"],\"location\":{\"lat\":36.34,\"lon\":139.45}", TRUE);
  cases[1] = make_case (h, "\"needs\":[\"phone\"],\"location\":{\"lat\":36.56,\"lon\":139.88}", TRUE);
  cases[2] = make_case (h, "\"needs\":[\"accompany\",\"phone\"],\"interests\":[\"鉄道\"]", TRUE);
  cases[3] = make_case (h, "\"needs\":[\"space\"]", TRUE);
  dispatchable (h, "\"max_cases\":1,\"skills\":[\"home_visit\",\"phone\"],\"location\":{\"lat\":36.35,\"lon\":139.46}");
  dispatchable (h, "\"max_cases\":1,\"skills\":[\"phone\",\"accompany\"],\"interests\":[\"鉄道\"]");
  dispatchable (h, "\"max_cases\":1,\"skills\":[\"home_visit\"],\"location\":{\"lat\":36.55,\"lon\":139.87}");
  r = batch (h, "{}");
  again = batch (h, "{}");
  omitted = ts_harness_request (h, "POST", "/v1/matching/batch", h->coordinator, NULL, NULL);

  ts_assert_status (r, 200);
  g_assert_false (json_object_get_boolean_member (ts_reply_object (r), "committed"));
  assigned = member_array (r, "assignments");
  unassigned = member_array (r, "unassigned");
  g_assert_cmpuint (json_array_get_length (assigned), ==, 3);
  g_assert_cmpuint (json_array_get_length (unassigned), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_array_get_object_element (unassigned, 0),
                                                                                "reasons"), 0),
                   ==, "capacity_exhausted");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (unassigned, 0), "nickname"),
                   ==, "Mさん");
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (unassigned, 0), "case_code"));
  for (guint i = 0; i < json_array_get_length (assigned); i++)
    {
      JsonObject *a = json_array_get_object_element (assigned, i);
      gint64 case_id = json_object_get_int_member (a, "case_id");
      gint64 sid = json_object_get_int_member (a, "supporter_id");
      g_autoptr(TsReply) cand = candidates (h, case_id, "?limit=1000");
      JsonObject *c = find_by (member_array (cand, "candidates"), "supporter_id", sid);

      g_assert_nonnull (c);
      g_assert_cmpfloat (json_object_get_double_member (c, "score"), ==,
                         json_object_get_double_member (a, "score"));
      /* The row names its case and supporter (issue 14). */
      {
        g_autoptr(TsReply) k = ts_harness_call (h, "GET", h->coordinator, NULL,
                                                "/v1/cases/%" G_GINT64_FORMAT, case_id);
        g_assert_cmpstr (json_object_get_string_member (a, "case_code"), ==,
                         json_object_get_string_member (ts_reply_object (k), "code"));
        g_assert_cmpstr (json_object_get_string_member (a, "nickname"), ==, "Mさん");
        g_assert_cmpstr (json_object_get_string_member (a, "supporter_name"), ==,
                         json_object_get_string_member (c, "name"));
      }
      if (i > 0)
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assigned, i - 1),
                                                     "case_id"), <, case_id);
      sum += json_object_get_double_member (a, "score");
    }
  g_assert_cmpfloat (json_object_get_double_member (ts_reply_object (r), "total_score"), ==, sum);
  /* The same data, the same bytes; no body means the same as {}. */
  g_assert_cmpstr (r->body, ==, again->body);
  ts_assert_status (omitted, 200);
  g_assert_cmpstr (r->body, ==, omitted->body);

  /* The optimum is not greedy: brute force over the 4 × 3 scores. */
  {
    double s[4][3];
    gint64 ids[3] = { 0 };
    double best = 0.0;

    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(TsReply) cand = candidates (h, cases[i], "?limit=1000");
        JsonArray *list = member_array (cand, "candidates");

        for (guint k = 0; k < 3; k++)
          s[i][k] = -1.0;
        for (guint k = 0; k < json_array_get_length (list); k++)
          {
            JsonObject *o = json_array_get_object_element (list, k);
            gint64 sid = json_object_get_int_member (o, "supporter_id");
            guint slot = 0;

            while (slot < 3 && ids[slot] != 0 && ids[slot] != sid)
              slot++;
            g_assert_cmpuint (slot, <, 3);
            ids[slot] = sid;
            s[i][slot] = json_object_get_double_member (o, "score");
          }
      }
    /* Every injective map of 3 supporters into 4 cases (one case empty). */
    for (guint a = 0; a < 4; a++)
      for (guint b = 0; b < 4; b++)
        for (guint c = 0; c < 4; c++)
          if (a != b && b != c && a != c && s[a][0] >= 0 && s[b][1] >= 0 && s[c][2] >= 0)
            best = MAX (best, s[a][0] + s[b][1] + s[c][2]);
    g_assert_cmpfloat (fabs (best - sum), <, 1e-5);
  }
}

/* Closed, unassessed and unconsented cases are listed, not failed. */
static void
test_batch_unmatchable_cases (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 good = make_case (h, NULL, TRUE);
  gint64 inquiry = make_case (h, NULL, FALSE);
  gint64 no_consent = make_case (h, "\"consent\":{\"obtained_on\":\"2026-05-01\",\"scope\":[\"support\"]}",
                                 TRUE);
  gint64 closed = make_case (h, NULL, TRUE);
  gint64 lonely = make_case (h, "\"preferences\":{\"supporter_gender\":\"male\",\"gender_required\":true}",
                             TRUE);
  g_autoptr(TsReply) x = ts_harness_call (h, "POST", h->coordinator,
                                          "{\"closed_on\":\"" TODAY "\",\"reason\":\"moved\"}",
                                          "/v1/cases/%" G_GINT64_FORMAT "/close", closed);
  g_autofree char *body = NULL;
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) all = NULL;
  JsonArray *un;
  gint64 s = dispatchable (h, NULL);
  const struct { gint64 id; const char *reason; } want[] = {
    { inquiry, "case_not_assessed" }, { no_consent, "consent_missing" }, { closed, "case_closed" },
    { lonely, "no_eligible_supporter" },
  };

  (void) data;
  ts_assert_status (x, 200);
  body = g_strdup_printf ("{\"case_ids\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%"
                          G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "],\"on\":\""
                          TODAY "\"}", lonely, closed, good, no_consent, inquiry);
  r = batch (h, body);
  ts_assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (member_array (r, "assignments")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (member_array (r, "assignments"), 0),
                                               "supporter_id"), ==, s);
  un = member_array (r, "unassigned");
  g_assert_cmpuint (json_array_get_length (un), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *o = find_by (un, "case_id", want[i].id);
      g_assert_nonnull (o);
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "reasons"), 0),
                       ==, want[i].reason);
      /* Blocked or not, the row names its case. */
      g_assert_cmpstr (json_object_get_string_member (o, "nickname"), ==, "Mさん");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "case_code"), "C-"));
    }
  /* By default only the cases open for matching take part. */
  all = batch (h, "{}");
  ts_assert_status (all, 200);
  g_assert_cmpuint (json_array_get_length (member_array (all, "assignments")) +
                    json_array_get_length (member_array (all, "unassigned")), ==, 2);
}

static void
test_batch_commit (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c1 = make_case (h, "\"needs\":[\"home_visit\"]", TRUE);
  gint64 c2 = make_case (h, "\"needs\":[\"phone\"]", TRUE);
  gint64 s1 = dispatchable (h, "\"skills\":[\"home_visit\"],\"max_cases\":1");
  gint64 s2 = dispatchable (h, "\"skills\":[\"phone\"],\"max_cases\":1");
  gint64 before = ts_harness_audit_entries (h);
  g_autoptr(TsReply) r = batch (h, "{\"commit\":true}");
  g_autoptr(TsReply) list = ts_harness_request (h, "GET", "/v1/assignments?active=true", h->coordinator,
                                                NULL, NULL);
  g_autoptr(TsReply) c1v = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/cases/%" G_GINT64_FORMAT, c1);
  g_autoptr(TsReply) next = NULL;
  g_autofree char *explicit_body = NULL;
  JsonArray *assigned;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (r), "committed"));
  assigned = member_array (r, "assignments");
  g_assert_cmpuint (json_array_get_length (assigned), ==, 2);
  g_assert_cmpint (json_object_get_int_member (find_by (assigned, "case_id", c1), "supporter_id"), ==, s1);
  g_assert_cmpint (json_object_get_int_member (find_by (assigned, "case_id", c2), "supporter_id"), ==, s2);
  g_assert_true (json_object_has_member (json_array_get_object_element (assigned, 0), "assignment_id"));
  ts_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (member_array (list, "assignments")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (c1v), "status"), ==, "active");
  /* Two assignments, two activations and the batch itself; the list and
   * the case read since then are reads. */
  g_assert_cmpint (ts_harness_audit_entries (h), >=, before + 5);

  /* Active cases leave the default batch; named, they are listed. */
  next = batch (h, "{\"commit\":true}");
  ts_assert_status (next, 200);
  g_assert_cmpuint (json_array_get_length (member_array (next, "assignments")), ==, 0);
  g_assert_cmpuint (json_array_get_length (member_array (next, "unassigned")), ==, 0);
  explicit_body = g_strdup_printf ("{\"case_ids\":[%" G_GINT64_FORMAT "]}", c2);
  {
    g_autoptr(TsReply) named = batch (h, explicit_body);
    JsonObject *u;

    ts_assert_status (named, 200);
    u = json_array_get_object_element (member_array (named, "unassigned"), 0);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (u, "reasons"), 0),
                     ==, "already_assigned");
  }
}

typedef struct {
  TsHarness *h;
  gint64     victim;
  gboolean   done;
} Sabotage;

/* Runs while the batch scores and solves: takes one proposed supporter
 * out of the register, as a coordinator on another desk might. */
static gboolean
sabotage (guint64 done, guint64 total, gpointer user_data)
{
  Sabotage *s = user_data;
  g_autoptr(TsContext) ctx = NULL;
  g_autoptr(TsSupporterView) view = NULL;

  (void) done;
  (void) total;
  if (s->done)
    return TRUE;
  s->done = TRUE;
  ctx = ts_context_new_local ();
  view = ts_service_supporter_suspend (s->h->service, ctx, s->victim, NULL, NULL);
  g_assert_nonnull (view);
  return TRUE;
}

/* A proposal that is no longer valid when it is committed: nothing is
 * created, and the answer says which pair failed and why. */
static void
test_batch_commit_atomic (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c1 = make_case (h, "\"needs\":[\"home_visit\"]", TRUE);
  gint64 c2 = make_case (h, "\"needs\":[\"phone\"]", TRUE);
  gint64 s1 = dispatchable (h, "\"skills\":[\"home_visit\"],\"max_cases\":1");
  gint64 s2 = dispatchable (h, "\"skills\":[\"phone\"],\"max_cases\":1");
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsBatchResult) result = NULL;
  Sabotage s = { h, s2, FALSE };
  TsBatchInput input = { 0 };
  JsonArray *failures;
  JsonObject *fo;
  g_autoptr(TsReply) list = NULL;

  (void) data;
  (void) s1;
  input.commit = TRUE;
  input.progress = sabotage;
  input.progress_data = &s;
  result = ts_service_matching_batch (h->service, ctx, &input, &error);
  g_assert_null (result);
  g_assert_error (error, TS_ERROR, TS_ERROR_CONFLICT);
  g_assert_true (s.done);
  failures = json_object_get_array_member (ctx->problem_extra, "failures");
  g_assert_cmpuint (json_array_get_length (failures), ==, 1);
  fo = json_array_get_object_element (failures, 0);
  g_assert_cmpint (json_object_get_int_member (fo, "case_id"), ==, c2);
  g_assert_cmpint (json_object_get_int_member (fo, "supporter_id"), ==, s2);
  g_assert_cmpstr (json_object_get_string_member (fo, "code"), ==, "supporter_not_eligible");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fo, "reasons"), 0),
                   ==, "not_registered");
  /* c1's assignment was valid, and was rolled back with the rest. */
  list = ts_harness_request (h, "GET", "/v1/assignments", h->coordinator, NULL, NULL);
  ts_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (member_array (list, "assignments")), ==, 0);
  {
    g_autoptr(TsReply) cv = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/cases/%" G_GINT64_FORMAT, c1);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (cv), "status"), ==, "assessed");
  }
}

static void
test_batch_bad_input (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  g_autoptr(GString) many = g_string_new ("{\"case_ids\":[");
  static const struct { const char *body; guint status; const char *code; const char *field; } cases[] = {
    { "{\"case_ids\":\"1,2\"}", 422, "validation_failed", "case_ids" },
    { "{\"case_ids\":{\"a\":1}}", 422, "validation_failed", "case_ids" },
    { "{\"case_ids\":[1,\"2\"]}", 422, "validation_failed", "case_ids[1]" },
    { "{\"case_ids\":[0]}", 422, "validation_failed", "case_ids[0]" },
    { "{\"case_ids\":[-4]}", 422, "validation_failed", "case_ids[0]" },
    { "{\"case_ids\":[1.5]}", 422, "validation_failed", "case_ids[0]" },
    { "{\"case_ids\":[null]}", 422, "validation_failed", "case_ids[0]" },
    { "{\"case_ids\":[[1]]}", 422, "validation_failed", "case_ids[0]" },
    { "{\"on\":\"2025-02-30\"}", 422, "validation_failed", "on" },
    { "{\"on\":20250101}", 422, "validation_failed", "on" },
    { "{\"commit\":\"yes\"}", 422, "validation_failed", "commit" },
    { "{\"commit\":false,\"dry_run\":true}", 400, "unknown_field", "dry_run" },
    { "[1,2]", 422, "validation_failed", "body" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsReply) r = batch (h, cases[i].body);
      if (r->status != cases[i].status || g_strcmp0 (ts_reply_code (r), cases[i].code) != 0 ||
          !ts_reply_has_field_error (r, cases[i].field))
        g_error ("%s: expected %u %s on %s, got %u: %s", cases[i].body, cases[i].status,
                 cases[i].code, cases[i].field, r->status, r->body);
    }
  /* Duplicates and more than 10,000 ids. */
  {
    g_autofree char *body = g_strdup_printf ("{\"case_ids\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]}",
                                             c, c);
    g_autoptr(TsReply) r = batch (h, body);
    ts_assert_problem (r, 422, "validation_failed", "case_ids[1]");
  }
  for (guint i = 1; i <= 10001; i++)
    g_string_append_printf (many, "%s%u", i > 1 ? "," : "", i);
  g_string_append (many, "]}");
  {
    g_autoptr(TsReply) r = batch (h, many->str);
    ts_assert_problem (r, 422, "validation_failed", "case_ids");
  }
  /* Unknown ids: 404 naming them. */
  {
    g_autofree char *body = g_strdup_printf ("{\"case_ids\":[%" G_GINT64_FORMAT ",777777,888888]}", c);
    g_autoptr(TsReply) r = batch (h, body);
    JsonArray *unknown;

    ts_assert_problem (r, 404, "not_found", NULL);
    unknown = json_object_get_array_member (ts_reply_object (r), "unknown_case_ids");
    g_assert_cmpuint (json_array_get_length (unknown), ==, 2);
    g_assert_cmpint (json_array_get_int_element (unknown, 0), ==, 777777);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/matching/batch?commit=true",
                                               h->coordinator, "{}", NULL);
    ts_assert_problem (r, 400, "unknown_field", "commit");
  }
  /* An empty list is an empty batch, not every case. */
  {
    g_autoptr(TsReply) r = batch (h, "{\"case_ids\":[]}");
    ts_assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (member_array (r, "unassigned")), ==, 0);
    g_assert_cmpfloat (json_object_get_double_member (ts_reply_object (r), "total_score"), ==, 0.0);
  }
  /* One oversize body for the area. */
  {
    g_autoptr(GString) big = g_string_new ("{\"case_ids\":[");
    while (big->len < 1100 * 1024)
      g_string_append (big, "1000000000,");
    g_string_append (big, "1]}");
    {
      g_autoptr(TsReply) r = batch (h, big->str);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
}

static void
test_batch_roles (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *sup = ts_harness_user_token (h, "supporter", dispatchable (h, NULL), 0);
  g_autofree char *host = ts_harness_user_token (h, "host", 0, 1);
  g_autoptr(TsReply) a = ts_harness_request (h, "POST", "/v1/matching/batch", h->auditor, "{}", NULL);
  g_autoptr(TsReply) b = ts_harness_request (h, "POST", "/v1/matching/batch", sup, "{}", NULL);
  g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/matching/batch", host, "{}", NULL);
  g_autoptr(TsReply) d = ts_harness_request (h, "POST", "/v1/matching/batch", NULL, "{}", NULL);
  g_autoptr(TsReply) e = ts_harness_request (h, "POST", "/v1/matching/batch", h->admin, "{}", NULL);

  (void) data;
  ts_assert_problem (a, 403, "forbidden", NULL);
  ts_assert_problem (b, 403, "forbidden", NULL);
  ts_assert_problem (c, 403, "forbidden", NULL);
  ts_assert_status (d, 401);
  ts_assert_status (e, 200);
}

/* `tsunagari match --format json` prints the same JSON as the batch
 * endpoint for the same data. */
static void
test_cli_match (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  const char *binary = g_getenv ("TSUNAGARI_BINARY");
  g_autoptr(TsReply) r = NULL;
  g_autofree char *out = NULL, *err = NULL, *csv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  (void) data;
  if (binary == NULL)
    {
      g_test_skip ("TSUNAGARI_BINARY is not set");
      return;
    }
  make_case (h, "\"needs\":[\"home_visit\"]", TRUE);
  make_case (h, "\"needs\":[\"phone\"]", TRUE);
  dispatchable (h, "\"skills\":[\"home_visit\"],\"max_cases\":1");
  dispatchable (h, "\"skills\":[\"phone\"],\"max_cases\":1");
  r = batch (h, "{\"on\":\"" TODAY "\"}");
  ts_assert_status (r, 200);
  {
    const char *argv[] = { binary, "match", "--database", h->db_path, "--on", TODAY, "--format",
                           "json", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (g_strchomp (out), ==, r->body);
  }
  {
    const char *argv[] = { binary, "match", "--database", h->db_path, "--format", "csv", NULL };
    g_autofree char *e2 = NULL;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &csv,
                                 &e2, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (csv, "case_id,supporter_id,score,reason\n"));
  }
  {
    const char *argv[] = { binary, "match", "--database", h->db_path, "--on", "2025-02-30", NULL };
    g_autofree char *o3 = NULL, *e3 = NULL;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o3,
                                 &e3, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/matching/" path, Fixture, NULL, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("candidates-explained", test_candidates_explained);
  ADD ("candidates-hard-filters", test_candidates_hard_filters);
  ADD ("candidates-follow-changes", test_candidates_follow_changes);
  ADD ("candidates-details", test_candidates_details);
  ADD ("candidates-size", test_candidates_size);
  ADD ("candidates-audited", test_candidates_audited);
  ADD ("candidates-bad-input", test_candidates_bad_input);
  ADD ("candidates-roles", test_candidates_roles);
  ADD ("config", test_config);
  g_test_add_func ("/tsunagari/http/matching/config-keyfile", test_config_keyfile);
  ADD ("batch-optimal", test_batch_optimal);
  ADD ("batch-unmatchable-cases", test_batch_unmatchable_cases);
  ADD ("batch-commit", test_batch_commit);
  ADD ("batch-commit-atomic", test_batch_commit_atomic);
  ADD ("batch-bad-input", test_batch_bad_input);
  ADD ("batch-roles", test_batch_roles);
  ADD ("cli-match", test_cli_match);
#undef ADD
  return g_test_run ();
}
