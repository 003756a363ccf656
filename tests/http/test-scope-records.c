/*
 * Who sees what (SPEC 2.6, issue 13) on a live server, for every use case
 * of supporters, cases, hosts, placements and training beyond the generic
 * list/read/update: a coordinator of another organisation gets exactly the
 * answer of a missing id (404 with the same problem, or the same 422 for an
 * id in a body); the record's own coordinator succeeds; an auditor of the
 * parent organisation sees both, one of a sibling neither; the
 * ?organisation_id list filter narrows within the caller's scope.
 *
 * The organisations: A is the installation's first (id 1, a prefecture;
 * the harness's coordinator, auditor and admin belong to it), B and C are
 * municipalities below it.  B's coordinator is the outsider for A's
 * records and the other way round; C's auditor is a sibling's.
 *
 * "Today" is pinned to 2026-06-15, a Monday (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "harness.h"
#include "model/organisation.h"

#define TODAY "2026-06-15"
#define MISSING G_GINT64_CONSTANT (999999)

#define PRE_INTERVIEW \
  "\"pre_interview\":{\"held_on\":\"2026-06-01\"," \
  "\"attendees\":[\"participant\",\"family\",\"host\",\"coordinator\"]}"

typedef struct {
  TsHarness *h;
  gint64     a, b, c;             /* organisations */
  char      *coord_a;             /* = h->coordinator */
  char      *coord_b;
  char      *coord_c;
  char      *auditor_parent;      /* = h->auditor (A, the parent of B and C) */
  char      *auditor_c;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->h = ts_harness_new ();
  f->a = TS_ORGANISATION_FIRST;
  f->b = ts_harness_create_organisation (f->h, "B市", "municipality", "092029", f->a);
  f->c = ts_harness_create_organisation (f->h, "C町", "municipality", "094072", f->a);
  f->coord_a = f->h->coordinator;
  f->coord_b = ts_harness_user_token_in (f->h, "coordinator", f->b, 0, 0);
  f->coord_c = ts_harness_user_token_in (f->h, "coordinator", f->c, 0, 0);
  f->auditor_parent = f->h->auditor;
  f->auditor_c = ts_harness_user_token_in (f->h, "auditor", f->c, 0, 0);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->coord_b);
  g_free (f->coord_c);
  g_free (f->auditor_c);
  ts_harness_free (f->h);
}

/* ---- helpers ----------------------------------------------------------- */

/* The problem without what names the request (its path, its id). */
static char *
problem_text (TsReply *r)
{
  JsonObject *obj = ts_reply_object (r);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  static const char *const members[] = { "type", "title", "status", "detail", "code", "errors" };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (obj, members[i]))
      {
        json_builder_set_member_name (b, members[i]);
        json_builder_add_value (b, json_node_copy (json_object_get_member (obj, members[i])));
      }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* @outside (a record out of the caller's scope) is answered exactly as
 * @missing (an id that does not exist): @status with the same problem. */
static void
assert_as_missing (TsReply *outside, TsReply *missing, guint status)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  ts_assert_status (missing, status);
  ts_assert_status (outside, status);
  a = problem_text (outside);
  b = problem_text (missing);
  g_assert_cmpstr (a, ==, b);
}

/* METHOD @path_format (with one id) for @id and for MISSING, by @token:
 * the same answer.  The format is always one of this file's literals. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
check_as_missing (TsHarness *h, const char *token, const char *method, const char *body,
                  const char *path_format, gint64 id, guint status)
{
  g_autofree char *outside_path = g_strdup_printf (path_format, id);
  g_autofree char *missing_path = g_strdup_printf (path_format, MISSING);
  g_autoptr(TsReply) outside = ts_harness_request (h, method, outside_path, token, body, NULL);
  g_autoptr(TsReply) missing = ts_harness_request (h, method, missing_path, token, body, NULL);

  assert_as_missing (outside, missing, status);
}
#pragma GCC diagnostic pop

static gint64
create_case (TsHarness *h, const char *token, const char *nickname)
{
  g_autofree char *body = g_strdup_printf (
    "{\"nickname\":\"%s\",\"municipality_code\":\"052019\",\"age_band\":\"20s\","
    "\"gender\":\"male\",\"household\":\"two\","
    "\"consent\":{\"obtained_on\":\"2026-04-01\",\"scope\":[\"support\",\"matching\","
    "\"placement\"]}}", nickname);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/cases", token, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static gint64
create_host (TsHarness *h, const char *token, const char *name, gboolean registered)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"municipality_code\":\"052019\","
                                           "\"capacity_per_day\":2}", name);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/hosts", token, body, NULL);
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  if (registered)
    {
      g_autoptr(TsReply) s = ts_harness_call (h, "POST", token,
                                              "{\"surveyed_on\":\"2026-05-20\",\"result\":\"approved\"}",
                                              "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
      ts_assert_status (s, 200);
    }
  return id;
}

/* A supporter of @token's organisation, trained and registered when
 * @registered. */
static gint64
create_supporter (TsHarness *h, const char *token, gboolean registered)
{
  g_autoptr(TsReply) r = ts_harness_request (
    h, "POST", "/v1/supporters", token,
    "{\"name\":\"試験 花子\",\"gender\":\"female\",\"municipality_code\":\"092011\","
    "\"peer_experience\":\"none\",\"skills\":[\"home_visit\"],\"interests\":[\"music\"],"
    "\"availability\":[],\"insurance_until\":\"2027-03-31\"}", NULL);
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  if (registered)
    {
      g_autoptr(TsReply) t = ts_harness_call (h, "POST", token,
                                              "{\"kind\":\"initial\",\"completed_on\":\"2026-05-01\"}",
                                              "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
      g_autoptr(TsReply) g = NULL;

      ts_assert_status (t, 201);
      g = ts_harness_call (h, "POST", token, NULL, "/v1/supporters/%" G_GINT64_FORMAT "/register", id);
      ts_assert_status (g, 200);
    }
  return id;
}

static TsReply *
place (TsHarness *h, const char *token, gint64 case_id, gint64 host_id, const char *day)
{
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%"
                                           G_GINT64_FORMAT ",\"days\":[\"%s\"],"
                                           "\"hours_per_day\":4," PRE_INTERVIEW "}",
                                           case_id, host_id, day);
  return ts_harness_request (h, "POST", "/v1/placements", token, body, NULL);
}

/* Whether the list page at @path (by @token) holds the record @id. */
static gboolean
list_has (TsHarness *h, const char *token, const char *path, const char *member, gint64 id)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, token, NULL, NULL);
  JsonArray *items;

  ts_assert_status (r, 200);
  items = json_object_get_array_member (ts_reply_object (r), member);
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_int_member (json_array_get_object_element (items, i), "id") == id)
      return TRUE;
  return FALSE;
}

static guint
list_length (TsHarness *h, const char *token, const char *path, const char *member)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, token, NULL, NULL);

  ts_assert_status (r, 200);
  return json_array_get_length (json_object_get_array_member (ts_reply_object (r), member));
}

/* ---- cases --------------------------------------------------------------- */

static void
test_case_verbs (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 kase = create_case (h, f->coord_a, "あおい");
  gint64 supporter = create_supporter (h, f->coord_a, FALSE);
  g_autofree char *excl = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                           ",\"reason\":\"other\"}", supporter);
  static const char assess[] = "{\"held_on\":\"2026-06-01\",\"participants\":[\"coordinator\"],"
                               "\"summary\":\"訪問から始める\"}";
  static const char plan[] = "{\"goals\":[\"外出する\"],\"review_on\":\"2026-09-30\"}";
  static const char close[] = "{\"closed_on\":\"2026-06-15\",\"reason\":\"referred_elsewhere\"}";

  (void) data;
  /* B's coordinator: every verb answers as for a missing case. */
  check_as_missing (h, f->coord_b, "GET", NULL, "/v1/cases/%" G_GINT64_FORMAT, kase, 404);
  check_as_missing (h, f->coord_b, "PATCH", "{\"needs\":[\"home_visit\"]}",
                    "/v1/cases/%" G_GINT64_FORMAT, kase, 404);
  check_as_missing (h, f->coord_b, "POST", assess, "/v1/cases/%" G_GINT64_FORMAT "/assessment",
                    kase, 404);
  check_as_missing (h, f->coord_b, "POST", "{}", "/v1/cases/%" G_GINT64_FORMAT "/matching", kase,
                    404);
  check_as_missing (h, f->coord_b, "PUT", plan, "/v1/cases/%" G_GINT64_FORMAT "/plan", kase, 404);
  check_as_missing (h, f->coord_b, "GET", NULL, "/v1/cases/%" G_GINT64_FORMAT "/plan", kase, 404);
  check_as_missing (h, f->coord_b, "POST", excl, "/v1/cases/%" G_GINT64_FORMAT "/exclusions",
                    kase, 404);
  check_as_missing (h, f->coord_b, "GET", NULL, "/v1/cases/%" G_GINT64_FORMAT "/exclusions", kase,
                    404);
  check_as_missing (h, f->coord_b, "GET", NULL,
                    "/v1/cases/%" G_GINT64_FORMAT "/placement-summary", kase, 404);
  check_as_missing (h, f->coord_b, "POST", close, "/v1/cases/%" G_GINT64_FORMAT "/close", kase,
                    404);
  /* Nothing changed: A's coordinator finds the case as it was, and does
   * every step. */
  {
    g_autoptr(TsReply) get = ts_harness_call (h, "GET", f->coord_a, NULL,
                                              "/v1/cases/%" G_GINT64_FORMAT, kase);
    g_autoptr(TsReply) a = NULL, m = NULL, p = NULL, gp = NULL, e = NULL, ge = NULL, c = NULL;

    ts_assert_status (get, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (get), "status"), ==,
                     "inquiry");
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (get), "version"), ==, 1);
    a = ts_harness_call (h, "POST", f->coord_a, assess,
                         "/v1/cases/%" G_GINT64_FORMAT "/assessment", kase);
    ts_assert_status (a, 201);
    m = ts_harness_call (h, "POST", f->coord_a, "{}", "/v1/cases/%" G_GINT64_FORMAT "/matching",
                         kase);
    ts_assert_status (m, 200);
    p = ts_harness_call (h, "PUT", f->coord_a, plan, "/v1/cases/%" G_GINT64_FORMAT "/plan", kase);
    ts_assert_status (p, 200);
    gp = ts_harness_call (h, "GET", f->coord_a, NULL, "/v1/cases/%" G_GINT64_FORMAT "/plan", kase);
    ts_assert_status (gp, 200);
    e = ts_harness_call (h, "POST", f->coord_a, excl,
                         "/v1/cases/%" G_GINT64_FORMAT "/exclusions", kase);
    ts_assert_status (e, 201);
    ge = ts_harness_call (h, "GET", f->coord_a, NULL,
                          "/v1/cases/%" G_GINT64_FORMAT "/exclusions", kase);
    ts_assert_status (ge, 200);
    c = ts_harness_call (h, "POST", f->coord_a, close, "/v1/cases/%" G_GINT64_FORMAT "/close",
                         kase);
    ts_assert_status (c, 200);
  }
  /* The administrator reaches every organisation's case. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->admin, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/plan", kase);
    ts_assert_status (r, 200);
  }
}

/* An excluded supporter of another organisation is unknown, exactly as a
 * missing one (the same 422 naming the field). */
static void
test_case_exclusion_supporter (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 kase = create_case (h, f->coord_a, "あおい");
  gint64 theirs = create_supporter (h, f->coord_b, FALSE);
  gint64 ours = create_supporter (h, f->coord_a, FALSE);
  g_autofree char *outside_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                                   ",\"reason\":\"other\"}", theirs);
  g_autofree char *missing_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                                   ",\"reason\":\"other\"}", MISSING);
  g_autofree char *ours_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                                ",\"reason\":\"other\"}", ours);
  g_autoptr(TsReply) outside = ts_harness_call (h, "POST", f->coord_a, outside_body,
                                                "/v1/cases/%" G_GINT64_FORMAT "/exclusions", kase);
  g_autoptr(TsReply) missing = ts_harness_call (h, "POST", f->coord_a, missing_body,
                                                "/v1/cases/%" G_GINT64_FORMAT "/exclusions", kase);
  g_autoptr(TsReply) ok = ts_harness_call (h, "POST", f->coord_a, ours_body,
                                           "/v1/cases/%" G_GINT64_FORMAT "/exclusions", kase);

  (void) data;
  ts_assert_problem (outside, 422, "validation_failed", "supporter_id");
  assert_as_missing (outside, missing, 422);
  ts_assert_status (ok, 201);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM case_exclusions"), ==, 1);
}

/* ---- supporters -------------------------------------------------------------- */

static void
test_supporter_verbs (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 applicant = create_supporter (h, f->coord_a, FALSE);
  gint64 registered = create_supporter (h, f->coord_a, TRUE);
  g_autofree char *own = NULL;

  (void) data;
  check_as_missing (h, f->coord_b, "GET", NULL, "/v1/supporters/%" G_GINT64_FORMAT, applicant,
                    404);
  check_as_missing (h, f->coord_b, "PATCH", "{\"max_cases\":2}",
                    "/v1/supporters/%" G_GINT64_FORMAT, applicant, 404);
  check_as_missing (h, f->coord_b, "POST", "{\"kind\":\"initial\",\"completed_on\":\"2026-05-01\"}",
                    "/v1/supporters/%" G_GINT64_FORMAT "/trainings", applicant, 404);
  check_as_missing (h, f->coord_b, "POST", NULL, "/v1/supporters/%" G_GINT64_FORMAT "/register",
                    applicant, 404);
  check_as_missing (h, f->coord_b, "POST", "{\"reason\":\"休養\"}",
                    "/v1/supporters/%" G_GINT64_FORMAT "/suspend", registered, 404);
  check_as_missing (h, f->coord_b, "POST", NULL, "/v1/supporters/%" G_GINT64_FORMAT "/retire",
                    registered, 404);
  /* Nothing was recorded for the outsider. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM trainings"), ==, 1);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM supporters"
                                          " WHERE status = 'registered'"), ==, 1);
  /* A's coordinator does what B's could not. */
  {
    g_autoptr(TsReply) s = ts_harness_call (h, "POST", f->coord_a, "{\"reason\":\"休養\"}",
                                            "/v1/supporters/%" G_GINT64_FORMAT "/suspend",
                                            registered);
    g_autoptr(TsReply) g = ts_harness_call (h, "GET", f->coord_a, NULL,
                                            "/v1/supporters/%" G_GINT64_FORMAT, registered);
    ts_assert_status (s, 200);
    ts_assert_status (g, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (g), "status"), ==,
                     "suspended");
  }
  /* A supporter account of B reads itself, and not A's supporters. */
  {
    gint64 theirs = create_supporter (h, f->coord_b, FALSE);
    g_autoptr(TsReply) self = NULL;

    own = ts_harness_user_token_in (h, "supporter", f->b, theirs, 0);
    self = ts_harness_call (h, "GET", own, NULL, "/v1/supporters/%" G_GINT64_FORMAT, theirs);
    ts_assert_status (self, 200);
    check_as_missing (h, own, "GET", NULL, "/v1/supporters/%" G_GINT64_FORMAT, applicant, 404);
  }
}

/* The renewal for a fiscal year covers the caller's organisation only. */
static void
test_insurance_renewal (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 ours = create_supporter (h, f->coord_a, TRUE);
  gint64 theirs = create_supporter (h, f->coord_b, TRUE);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/supporters/insurance-renewals",
                                             f->coord_b, "{\"fiscal_year\":2027}", NULL);
  g_autofree char *ours_sql = g_strdup_printf ("SELECT insurance_until = '2027-03-31' FROM"
                                               " supporters WHERE id = %" G_GINT64_FORMAT, ours);
  g_autofree char *theirs_sql = g_strdup_printf ("SELECT insurance_until = '2028-03-31' FROM"
                                                 " supporters WHERE id = %" G_GINT64_FORMAT, theirs);

  (void) data;
  ts_assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "renewed"), ==, 1);
  g_assert_cmpint (ts_harness_sql_int (h, ours_sql), ==, 1);
  g_assert_cmpint (ts_harness_sql_int (h, theirs_sql), ==, 1);
}

/* ---- hosts ------------------------------------------------------------------- */

static void
test_host_verbs (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 applied = create_host (h, f->coord_a, "さくら農園", FALSE);
  gint64 registered = create_host (h, f->coord_a, "ひまわり商店", TRUE);
  gint64 theirs = create_host (h, f->coord_b, "B市の工房", TRUE);
  static const char survey[] = "{\"surveyed_on\":\"2026-05-20\",\"result\":\"approved\"}";

  (void) data;
  check_as_missing (h, f->coord_b, "GET", NULL, "/v1/hosts/%" G_GINT64_FORMAT, applied, 404);
  check_as_missing (h, f->coord_b, "PATCH", "{\"capacity_per_day\":3}",
                    "/v1/hosts/%" G_GINT64_FORMAT, applied, 404);
  check_as_missing (h, f->coord_b, "POST", survey, "/v1/hosts/%" G_GINT64_FORMAT "/survey",
                    applied, 404);
  check_as_missing (h, f->coord_b, "POST", NULL, "/v1/hosts/%" G_GINT64_FORMAT "/suspend",
                    registered, 404);
  check_as_missing (h, f->coord_b, "POST", NULL, "/v1/hosts/%" G_GINT64_FORMAT "/retire",
                    registered, 404);
  check_as_missing (h, f->coord_b, "GET", NULL,
                    "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-06", registered, 404);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM hosts WHERE status = 'registered'"),
                   ==, 2);
  /* Suspended by its own coordinator; reinstating it is refused to B. */
  {
    g_autoptr(TsReply) s = ts_harness_call (h, "POST", f->coord_a, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/suspend", registered);
    ts_assert_status (s, 200);
  }
  check_as_missing (h, f->coord_b, "POST", NULL, "/v1/hosts/%" G_GINT64_FORMAT "/reinstate",
                    registered, 404);
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->coord_a, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/reinstate", registered);
    g_autoptr(TsReply) sv = ts_harness_call (h, "POST", f->coord_a, survey,
                                             "/v1/hosts/%" G_GINT64_FORMAT "/survey", applied);
    ts_assert_status (r, 200);
    ts_assert_status (sv, 200);
  }
  /* The calendar: the parent's auditor reads both organisations', a
   * sibling's auditor neither. */
  {
    g_autoptr(TsReply) pa = ts_harness_call (h, "GET", f->auditor_parent, NULL,
                                             "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-06",
                                             registered);
    g_autoptr(TsReply) pb = ts_harness_call (h, "GET", f->auditor_parent, NULL,
                                             "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-06",
                                             theirs);
    ts_assert_status (pa, 200);
    ts_assert_status (pb, 200);
  }
  check_as_missing (h, f->auditor_c, "GET", NULL,
                    "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-06", registered, 404);
  check_as_missing (h, f->auditor_c, "GET", NULL,
                    "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-06", theirs, 404);
  /* A host account of B reads itself and its calendar, not A's hosts. */
  {
    g_autofree char *own = ts_harness_user_token_in (h, "host", f->b, 0, theirs);
    g_autoptr(TsReply) self = ts_harness_call (h, "GET", own, NULL,
                                               "/v1/hosts/%" G_GINT64_FORMAT, theirs);
    g_autoptr(TsReply) cal = ts_harness_call (h, "GET", own, NULL,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-06",
                                              theirs);
    ts_assert_status (self, 200);
    ts_assert_status (cal, 200);
    check_as_missing (h, own, "GET", NULL, "/v1/hosts/%" G_GINT64_FORMAT, registered, 404);
  }
}

/* ---- placements -------------------------------------------------------------- */

static void
test_placement_verbs (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 kase = create_case (h, f->coord_a, "あおい");
  gint64 host = create_host (h, f->coord_a, "さくら農園", TRUE);
  g_autoptr(TsReply) created = place (h, f->coord_a, kase, host, "2026-06-22");
  gint64 p;

  (void) data;
  ts_assert_status (created, 201);
  p = ts_reply_id (created);
  check_as_missing (h, f->coord_b, "GET", NULL, "/v1/placements/%" G_GINT64_FORMAT, p, 404);
  check_as_missing (h, f->coord_b, "DELETE", NULL,
                    "/v1/placements/%" G_GINT64_FORMAT "/days?from=2026-06-22&to=2026-06-22", p,
                    404);
  check_as_missing (h, f->coord_b, "POST", "{\"date\":\"2026-06-15\",\"attended\":true}",
                    "/v1/placements/%" G_GINT64_FORMAT "/attendance", p, 404);
  check_as_missing (h, f->coord_b, "POST",
                    "{\"held_on\":\"2026-06-10\","
                    "\"attendees\":[\"participant\",\"host\",\"coordinator\"]}",
                    "/v1/placements/%" G_GINT64_FORMAT "/pre-interview", p, 404);
  g_assert_false (list_has (h, f->coord_b, "/v1/placements", "placements", p));
  g_assert_true (list_has (h, f->coord_a, "/v1/placements", "placements", p));
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM placement_days"
                                          " WHERE cancelled_at IS NULL"), ==, 1);
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "DELETE", f->coord_a, NULL,
                                            "/v1/placements/%" G_GINT64_FORMAT
                                            "/days?from=2026-06-22&to=2026-06-22", p);
    ts_assert_status (r, 200);
  }
}

/* A placement is visible to the case's organisation and to the host's. */
static void
test_placement_two_organisations (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 their_case = create_case (h, f->coord_b, "みどり");
  gint64 our_host = create_host (h, f->coord_a, "さくら農園", TRUE);
  g_autoptr(TsReply) created = place (h, h->admin, their_case, our_host, "2026-06-22");
  gint64 p;

  (void) data;
  ts_assert_status (created, 201);
  p = ts_reply_id (created);
  for (guint i = 0; i < 2; i++)
    {
      const char *token = i == 0 ? f->coord_a : f->coord_b;
      g_autoptr(TsReply) r = ts_harness_call (h, "GET", token, NULL,
                                              "/v1/placements/%" G_GINT64_FORMAT, p);
      ts_assert_status (r, 200);
      g_assert_true (list_has (h, token, "/v1/placements", "placements", p));
    }
  check_as_missing (h, f->coord_c, "GET", NULL, "/v1/placements/%" G_GINT64_FORMAT, p, 404);
  g_assert_false (list_has (h, f->coord_c, "/v1/placements", "placements", p));
  /* ?organisation_id picks either side. */
  {
    g_autofree char *by_a = g_strdup_printf ("/v1/placements?organisation_id=%" G_GINT64_FORMAT,
                                             f->a);
    g_autofree char *by_b = g_strdup_printf ("/v1/placements?organisation_id=%" G_GINT64_FORMAT,
                                             f->b);
    g_autofree char *by_c = g_strdup_printf ("/v1/placements?organisation_id=%" G_GINT64_FORMAT,
                                             f->c);
    g_assert_true (list_has (h, h->admin, by_a, "placements", p));
    g_assert_true (list_has (h, h->admin, by_b, "placements", p));
    g_assert_false (list_has (h, h->admin, by_c, "placements", p));
  }
}

/* A case or host of another organisation in the body is unknown, exactly
 * as a missing one (the same 422 naming the field). */
static void
test_placement_create_scope (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 our_case = create_case (h, f->coord_a, "あおい");
  gint64 our_host = create_host (h, f->coord_a, "さくら農園", TRUE);
  gint64 their_case = create_case (h, f->coord_b, "みどり");
  gint64 their_host = create_host (h, f->coord_b, "B市の工房", TRUE);

  (void) data;
  {
    g_autoptr(TsReply) outside = place (h, f->coord_a, their_case, our_host, "2026-06-22");
    g_autoptr(TsReply) missing = place (h, f->coord_a, MISSING, our_host, "2026-06-22");
    ts_assert_problem (outside, 422, "validation_failed", "case_id");
    assert_as_missing (outside, missing, 422);
  }
  {
    g_autoptr(TsReply) outside = place (h, f->coord_a, our_case, their_host, "2026-06-22");
    g_autoptr(TsReply) missing = place (h, f->coord_a, our_case, MISSING, "2026-06-22");
    ts_assert_problem (outside, 422, "validation_failed", "host_id");
    assert_as_missing (outside, missing, 422);
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM placements"), ==, 0);
  {
    g_autoptr(TsReply) ok = place (h, f->coord_a, our_case, our_host, "2026-06-22");
    ts_assert_status (ok, 201);
  }
}

/* ---- training ---------------------------------------------------------------- */

static gint64
create_course (TsHarness *h, const char *token)
{
  g_autoptr(TsReply) r = ts_harness_request (
    h, "POST", "/v1/training-courses", token,
    "{\"title\":\"養成研修\",\"kind\":\"initial\",\"capacity\":50,"
    "\"sessions\":[{\"held_on\":\"2026-06-01\",\"title\":\"第1回\"}]}", NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static TsReply *
enrol (TsHarness *h, const char *token, gint64 course, gint64 supporter)
{
  g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", supporter);
  return ts_harness_call (h, "POST", token, body,
                          "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
}

static guint
enrolments (TsHarness *h, const char *token, gint64 course)
{
  g_autofree char *path = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT
                                           "/enrolments", course);
  return list_length (h, token, path, "enrolments");
}

static void
test_training (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 course = create_course (h, f->coord_a);
  gint64 ours = create_supporter (h, f->coord_a, FALSE);
  gint64 theirs = create_supporter (h, f->coord_b, FALSE);

  (void) data;
  /* The course is the programme's: every organisation reads it. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->coord_b, NULL,
                                            "/v1/training-courses/%" G_GINT64_FORMAT, course);
    ts_assert_status (r, 200);
    g_assert_cmpuint (list_length (h, f->coord_b, "/v1/training-courses", "courses"), ==, 1);
    g_assert_cmpuint (list_length (h, f->auditor_c, "/v1/training-courses", "courses"), ==, 1);
  }
  /* Enrolling another organisation's supporter: as a missing one. */
  {
    g_autoptr(TsReply) outside = enrol (h, f->coord_b, course, ours);
    g_autoptr(TsReply) missing = enrol (h, f->coord_b, course, MISSING);
    ts_assert_problem (outside, 422, "validation_failed", "supporter_id");
    assert_as_missing (outside, missing, 422);
  }
  {
    g_autoptr(TsReply) a = enrol (h, f->coord_a, course, ours);
    g_autoptr(TsReply) b = enrol (h, f->coord_b, course, theirs);
    ts_assert_status (a, 201);
    ts_assert_status (b, 201);
  }
  /* Each sees its own enrolments; the parent's auditor both, a
   * sibling's none. */
  g_assert_cmpuint (enrolments (h, f->coord_a, course), ==, 1);
  g_assert_cmpuint (enrolments (h, f->coord_b, course), ==, 1);
  g_assert_cmpuint (enrolments (h, f->auditor_parent, course), ==, 2);
  g_assert_cmpuint (enrolments (h, f->auditor_c, course), ==, 0);
  g_assert_cmpuint (enrolments (h, h->admin, course), ==, 2);
  /* Attendance and unenrolment of another organisation's supporter. */
  {
    g_autoptr(TsReply) outside = NULL, missing = NULL;
    g_autofree char *outside_path = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT
                                                     "/enrolments/%" G_GINT64_FORMAT, course, ours);
    g_autofree char *missing_path = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT
                                                     "/enrolments/%" G_GINT64_FORMAT, course,
                                                     MISSING);

    outside = ts_harness_request (h, "DELETE", outside_path, f->coord_b, NULL, NULL);
    missing = ts_harness_request (h, "DELETE", missing_path, f->coord_b, NULL, NULL);
    assert_as_missing (outside, missing, 404);
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM enrolments"), ==, 2);
  /* A supporter's own training record: the verb is refused to B. */
  check_as_missing (h, f->coord_b, "POST", "{\"kind\":\"initial\",\"completed_on\":\"2026-05-01\"}",
                    "/v1/supporters/%" G_GINT64_FORMAT "/trainings", ours, 404);
}

/* ---- training audit ---------------------------------------------------------- */

static JsonObject *
organisation_row (JsonObject *audit, gint64 id)
{
  JsonArray *rows = json_object_get_array_member (audit, "organisations");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (json_object_get_int_member (json_array_get_object_element (rows, i), "id") == id)
      return json_array_get_object_element (rows, i);
  return NULL;
}

static gint64
total (JsonObject *obj)
{
  return json_object_get_int_member (json_object_get_object_member (obj, "counts"), "total");
}

static void
test_training_audit (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *auditor_b = ts_harness_user_token_in (h, "auditor", f->b, 0, 0);

  (void) data;
  create_supporter (h, f->coord_a, TRUE);
  create_supporter (h, f->coord_a, TRUE);
  create_supporter (h, f->coord_b, TRUE);
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/training", f->auditor_parent,
                                               NULL, NULL);
    JsonObject *obj;

    ts_assert_status (r, 200);
    obj = ts_reply_object (r);
    g_assert_cmpint (total (obj), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "organisations")),
                      ==, 3);
    g_assert_nonnull (organisation_row (obj, f->a));
    g_assert_cmpint (total (organisation_row (obj, f->a)), ==, 2);
    g_assert_cmpint (total (organisation_row (obj, f->b)), ==, 1);
    g_assert_cmpint (total (organisation_row (obj, f->c)), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (organisation_row (obj, f->b), "name"), ==,
                     "B市");
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/training", auditor_b, NULL,
                                               NULL);
    JsonObject *obj;

    ts_assert_status (r, 200);
    obj = ts_reply_object (r);
    g_assert_cmpint (total (obj), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "organisations")),
                      ==, 1);
    g_assert_null (organisation_row (obj, f->a));
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/training", f->auditor_c, NULL,
                                               NULL);
    ts_assert_status (r, 200);
    g_assert_cmpint (total (ts_reply_object (r)), ==, 0);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/training", h->admin, NULL,
                                               NULL);
    ts_assert_status (r, 200);
    g_assert_cmpint (total (ts_reply_object (r)), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r),
                                                                           "organisations")),
                      ==, 3);
  }
}

/* ---- ?organisation_id ----------------------------------------------------------- */

static void
test_organisation_filter (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  static const struct {
    const char *collection;
  } lists[] = { { "supporters" }, { "cases" }, { "hosts" } };
  gint64 ids[3][2];

  (void) data;
  ids[0][0] = create_supporter (h, f->coord_a, FALSE);
  ids[0][1] = create_supporter (h, f->coord_b, FALSE);
  ids[1][0] = create_case (h, f->coord_a, "あおい");
  ids[1][1] = create_case (h, f->coord_b, "みどり");
  ids[2][0] = create_host (h, f->coord_a, "さくら農園", FALSE);
  ids[2][1] = create_host (h, f->coord_b, "B市の工房", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const char *c = lists[i].collection;
      g_autofree char *all = g_strdup_printf ("/v1/%s", c);
      g_autofree char *by_a = g_strdup_printf ("/v1/%s?organisation_id=%" G_GINT64_FORMAT, c, f->a);
      g_autofree char *by_b = g_strdup_printf ("/v1/%s?organisation_id=%" G_GINT64_FORMAT, c, f->b);
      g_autofree char *bad = g_strdup_printf ("/v1/%s?organisation_id=abc", c);
      g_autoptr(TsReply) refused = NULL;

      /* Without the filter: each coordinator its own, the admin both. */
      g_assert_cmpuint (list_length (h, f->coord_a, all, c), ==, 1);
      g_assert_true (list_has (h, f->coord_a, all, c, ids[i][0]));
      g_assert_cmpuint (list_length (h, f->coord_b, all, c), ==, 1);
      g_assert_true (list_has (h, f->coord_b, all, c, ids[i][1]));
      g_assert_cmpuint (list_length (h, h->admin, all, c), ==, 2);
      /* The admin picks one organisation. */
      g_assert_cmpuint (list_length (h, h->admin, by_b, c), ==, 1);
      g_assert_true (list_has (h, h->admin, by_b, c, ids[i][1]));
      g_assert_cmpuint (list_length (h, h->admin, by_a, c), ==, 1);
      g_assert_true (list_has (h, h->admin, by_a, c, ids[i][0]));
      /* Within the scope only: another organisation's id is an empty page. */
      g_assert_cmpuint (list_length (h, f->coord_a, by_b, c), ==, 0);
      g_assert_cmpuint (list_length (h, f->coord_a, by_a, c), ==, 1);
      refused = ts_harness_request (h, "GET", bad, h->admin, NULL, NULL);
      ts_assert_problem (refused, 422, "validation_failed", "organisation_id");
    }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/scope-records/" path, Fixture, NULL, set_up, func, tear_down)

  ADD ("case-verbs", test_case_verbs);
  ADD ("case-exclusion-supporter", test_case_exclusion_supporter);
  ADD ("supporter-verbs", test_supporter_verbs);
  ADD ("insurance-renewal", test_insurance_renewal);
  ADD ("host-verbs", test_host_verbs);
  ADD ("placement-verbs", test_placement_verbs);
  ADD ("placement-two-organisations", test_placement_two_organisations);
  ADD ("placement-create", test_placement_create_scope);
  ADD ("training", test_training);
  ADD ("training-audit", test_training_audit);
  ADD ("organisation-filter", test_organisation_filter);
#undef ADD

  return g_test_run ();
}
