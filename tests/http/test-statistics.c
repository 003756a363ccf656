/*
 * The statistics of a 年度 on a live server (SPEC 2.7, 3.3; issue 16; seed
 * 004 文京 相談実績), against a synthetic 令和7年度 (fiscal year 2025)
 * whose every count is known:
 *
 * - 文京 (A, below the harness's prefecture) records six persons' contacts
 *   across the year's boundaries (a first contact on 1 April 2025 and a
 *   continuing one on 31 March 2026 count; 31 March 2025 and 1 April 2026
 *   do not), one person contacted twice counted once in 実相談人数, a
 *   self contactor of 50 or more and a parent of 80 or more, a contact
 *   about a case, and one contact in each of the two years before;
 * - 台東 (B, also below it) three first contacts by phone in October;
 * - A's supporters (registered, trained in the year, due soon, lapsed, and
 *   one registered after the year), activities on both sides of the
 *   year's end, a rejected one, a 職親 placement across it, statements and
 *   the budget.
 *
 * Checked: every table and total for A's coordinator, the whole
 * programme for the administrator, the CSV byte for byte, each refused
 * role, bad input, the scope (B's coordinator sees none of A's, an
 * organisation outside the caller's scope is a missing one), the audit
 * entry of a read, and the suppression an auditor of the prefecture sees
 * (cells of 1 or 2 and their complementary cells null, X in the CSV)
 * while A's own auditor, A's coordinator and the administrator see the
 * real counts.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "core/config.h"
#include "harness.h"

#define TODAY "2026-06-15"

typedef struct {
  TsHarness *h;
  gint64     org_a, org_b;
  char      *coord_a, *coord_b, *auditor_a, *supporter, *host;
  gint64     case_id, host_id;
  gint64     honoraria;       /* of the year's two approved activities */
  gint64     stipends;        /* of the year's two attended days */
} Fixture;

static Fixture fx;            /* built once: every test reads it */

/* ---- building the year --------------------------------------------------- */

static gint64
contact (const char *token, const char *body, const char *member)
{
  g_autoptr(TsReply) r = ts_harness_request (fx.h, "POST", "/v1/contacts", token, body, NULL);

  ts_assert_status (r, 201);
  return json_object_get_int_member (ts_reply_object (r), member);
}

/* A first contact creating its consultee; its id. */
static gint64
first (const char *token, const char *date, const char *method, const char *contactor,
       const char *contactor_age, const char *age_band, const char *gender)
{
  g_autofree char *body = g_strdup_printf (
    "{\"date\":\"%s\",\"method\":\"%s\",\"contactor\":\"%s\",\"first_contact\":true%s%s%s,"
    "\"consultee\":{\"age_band\":\"%s\",\"gender\":\"%s\"}}",
    date, method, contactor, contactor_age != NULL ? ",\"contactor_age_band\":\"" : "",
    contactor_age != NULL ? contactor_age : "", contactor_age != NULL ? "\"" : "", age_band,
    gender);

  return contact (token, body, "consultee_id");
}

static void
again (const char *token, const char *person, gint64 id, const char *date, const char *method,
       const char *contactor, gboolean is_first)
{
  g_autofree char *body = g_strdup_printf (
    "{\"date\":\"%s\",\"method\":\"%s\",\"contactor\":\"%s\",\"first_contact\":%s,"
    "\"minutes\":20,\"%s\":%" G_GINT64_FORMAT "}",
    date, method, contactor, is_first ? "true" : "false", person, id);

  contact (token, body, "id");
}

static gint64
supporter (const char *token, const char *name, const char *trained_on, const char *registered_on)
{
  g_autofree char *body = g_strdup_printf (
    "{\"name\":\"%s\",\"gender\":\"female\",\"municipality_code\":\"092011\","
    "\"peer_experience\":\"none\",\"skills\":[],\"interests\":[],\"availability\":[],"
    "\"insurance_until\":\"2027-03-31\"}", name);
  g_autoptr(TsReply) r = ts_harness_request (fx.h, "POST", "/v1/supporters", token, body, NULL);
  g_autofree char *training = g_strdup_printf ("{\"kind\":\"initial\",\"completed_on\":\"%s\"}",
                                               trained_on);
  g_autoptr(TsReply) t = NULL;
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  t = ts_harness_call (fx.h, "POST", token, training, "/v1/supporters/%" G_GINT64_FORMAT "/trainings",
                       id);
  ts_assert_status (t, 201);
  if (registered_on != NULL)
    {
      g_autofree char *reg = g_strdup_printf ("{\"registered_on\":\"%s\"}", registered_on);
      g_autoptr(TsReply) g = ts_harness_call (fx.h, "POST", token, reg,
                                              "/v1/supporters/%" G_GINT64_FORMAT "/register", id);
      ts_assert_status (g, 200);
    }
  return id;
}

static gint64
make_case (const char *token)
{
  const char *body = "{\"nickname\":\"Kさん\",\"municipality_code\":\"092029\",\"age_band\":\"30s\","
                     "\"gender\":\"male\",\"household\":\"two\","
                     "\"consent\":{\"obtained_on\":\"2025-03-01\","
                     "\"scope\":[\"matching\",\"support\",\"placement\"]}}";
  g_autoptr(TsReply) r = ts_harness_request (fx.h, "POST", "/v1/cases", token, body, NULL);
  g_autoptr(TsReply) a = NULL;
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  a = ts_harness_call (fx.h, "POST", token,
                       "{\"held_on\":\"2025-03-10\",\"participants\":[\"coordinator\"],"
                       "\"summary\":\"ケース会議\"}",
                       "/v1/cases/%" G_GINT64_FORMAT "/assessment", id);
  ts_assert_status (a, 201);
  return id;
}

/* An activity reported by the supporter; approved when @approve, else
 * rejected.  Its honorarium when approved. */
static gint64
activity (gint64 assignment_id, const char *date, int minutes, const char *kind, gboolean approve)
{
  g_autofree char *body = g_strdup_printf (
    "{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\",\"start\":\"10:00\","
    "\"minutes\":%d,\"kind\":\"%s\",\"transport_yen\":400}", assignment_id, date, minutes, kind);
  g_autoptr(TsReply) r = ts_harness_request (fx.h, "POST", "/v1/activities", fx.supporter, body,
                                             NULL);
  g_autoptr(TsReply) d = NULL;

  ts_assert_status (r, 201);
  d = ts_harness_call (fx.h, "POST", fx.coord_a, approve ? NULL : "{\"reason\":\"重複\"}",
                       "/v1/activities/%" G_GINT64_FORMAT "/%s", ts_reply_id (r),
                       approve ? "approve" : "reject");
  ts_assert_status (d, 200);
  return approve ? json_object_get_int_member (ts_reply_object (d), "honorarium_yen") : 0;
}

static gint64
attend (gint64 placement_id, const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"date\":\"%s\",\"attended\":true}", date);
  g_autoptr(TsReply) r = ts_harness_call (fx.h, "POST", fx.coord_a, body,
                                          "/v1/placements/%" G_GINT64_FORMAT "/attendance",
                                          placement_id);

  ts_assert_status (r, 200);
  return json_object_get_int_member (ts_reply_object (r), "stipend_yen");
}

/* An event of A with its attendance counts (and @supporter attended when
 * not 0); cancelled afterwards when @cancel.  Added after the statements
 * so that the supporter's event pay changes none of them. */
static void
event (const char *kind, const char *date, int self, int family, int other, gint64 supporter,
       gboolean cancel)
{
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"%s\",\"title\":\"行事\",\"date\":\"%s\",\"start\":\"13:30\","
    "\"minutes\":120,\"municipality_code\":\"131059\"}", kind, date);
  g_autofree char *counts = NULL;
  g_autoptr(TsReply) r = ts_harness_request (fx.h, "POST", "/v1/events", fx.coord_a, body, NULL);
  g_autoptr(TsReply) a = NULL;
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  if (supporter != 0)
    counts = g_strdup_printf ("{\"supporter_ids\":[%" G_GINT64_FORMAT "],\"counts\":{\"self\":%d,"
                              "\"family\":%d,\"other\":%d}}", supporter, self, family, other);
  else
    counts = g_strdup_printf ("{\"supporter_ids\":[],\"counts\":{\"self\":%d,\"family\":%d,"
                              "\"other\":%d}}", self, family, other);
  a = ts_harness_call (fx.h, "POST", fx.coord_a, counts,
                       "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
  ts_assert_status (a, 200);
  if (cancel)
    {
      g_autoptr(TsReply) c = ts_harness_call (fx.h, "POST", fx.coord_a, "{\"reason\":\"台風\"}",
                                              "/v1/events/%" G_GINT64_FORMAT "/cancel", id);
      ts_assert_status (c, 200);
    }
}

static void
build_year (void)
{
  TsHarness *h;
  gint64 p1, p2, sup, assignment, placement;

  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  fx.h = h = ts_harness_new ();
  fx.org_a = ts_harness_create_organisation (h, "文京区", "municipality", "131059", 1);
  fx.org_b = ts_harness_create_organisation (h, "台東区", "municipality", "131067", 1);
  fx.coord_a = ts_harness_user_token_in (h, "coordinator", fx.org_a, 0, 0);
  fx.coord_b = ts_harness_user_token_in (h, "coordinator", fx.org_b, 0, 0);
  fx.auditor_a = ts_harness_user_token_in (h, "auditor", fx.org_a, 0, 0);

  /* The rates of the year: 1,000 yen an activity and 1,200 an hour. */
  ts_harness_set_rates (h, "2025-04-01", 1000, 1200, 1000);

  /* A's persons.  P1 (40s, male): a parent of 80 or more first on 1 April
   * 2025, again on 31 March and on 1 April 2026 (the next year). */
  p1 = first (fx.coord_a, "2025-04-01", "phone", "parent", "80s+", "40s", "male");
  again (fx.coord_a, "consultee_id", p1, "2026-03-31", "phone", "parent", FALSE);
  again (fx.coord_a, "consultee_id", p1, "2026-04-01", "office_visit", "parent", FALSE);
  /* P2 (50s, female): first on 31 March 2025 (the year before: self, 50
   * or more by the person's age band), again in May. */
  p2 = first (fx.coord_a, "2025-03-31", "office_visit", "self", NULL, "50s", "female");
  again (fx.coord_a, "consultee_id", p2, "2025-05-10", "office_visit", "self", FALSE);
  /* P3 (50s, male): a self contactor of 50 or more, by mail. */
  first (fx.coord_a, "2025-06-01", "email", "self", "50s", "50s", "male");
  /* P4: the case (30s, male), its first contact by a sibling and another. */
  fx.case_id = make_case (fx.coord_a);
  again (fx.coord_a, "case_id", fx.case_id, "2025-07-15", "office_visit", "sibling", TRUE);
  again (fx.coord_a, "case_id", fx.case_id, "2025-08-01", "phone", "sibling", FALSE);
  /* P5 (20s, other) by an agency online; P6 (age and gender unknown) by
   * other family by letter; P7 (30s, female) in 令和5年度. */
  first (fx.coord_a, "2025-09-09", "online", "agency", NULL, "20s", "other");
  first (fx.coord_a, "2026-01-20", "letter", "other_family", "unknown", "unknown", "unknown");
  first (fx.coord_a, "2023-05-01", "phone", "self", NULL, "30s", "female");
  /* B's three persons (30s, female), by phone in October. */
  for (int i = 0; i < 3; i++)
    first (fx.coord_b, "2025-10-10", "phone", "self", NULL, "30s", "female");

  /* A's supporters at the year end: registered and trained in the year;
   * lapsed (due 2025-01-10); due soon (2026-05-15); trained in the year
   * and not registered; registered after the year; two retired, after the
   * year and during it. */
  sup = supporter (fx.coord_a, "試験 一", "2025-04-10", "2025-05-01");
  supporter (fx.coord_a, "試験 二", "2022-01-10", "2022-02-01");
  supporter (fx.coord_a, "試験 三", "2023-05-15", "2023-06-01");
  supporter (fx.coord_a, "試験 四", "2025-10-01", NULL);
  supporter (fx.coord_a, "試験 五", "2026-04-10", "2026-04-20");
  /* The roster on the year's last day comes from the status history: one
   * retired after the year (today) was on it; one retired in September
   * 2025 was not. */
  {
    gint64 later = supporter (fx.coord_a, "試験 六", "2024-01-10", "2024-02-01");
    gint64 during = supporter (fx.coord_a, "試験 七", "2024-01-10", "2024-02-01");
    g_autofree char *backdate = g_strdup_printf (
      "UPDATE supporter_status_changes SET changed_on = '2025-09-01'"
      " WHERE supporter_id = %" G_GINT64_FORMAT " AND to_status = 'retired' RETURNING 1", during);

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "POST", fx.coord_a, "{}",
                                                "/v1/supporters/%" G_GINT64_FORMAT "/retire",
                                                i == 0 ? later : during);
        ts_assert_status (r, 200);
      }
    g_assert_cmpint (ts_harness_sql_int (h, backdate), ==, 1);
  }
  fx.supporter = ts_harness_user_token_in (h, "supporter", fx.org_a, sup, 0);

  /* Activities: two in the year (one on 31 March), one on 1 April 2026,
   * one rejected. */
  {
    g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                             G_GINT64_FORMAT ",\"starts_on\":\"2025-05-01\"}",
                                             fx.case_id, sup);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/assignments", fx.coord_a, body, NULL);

    ts_assert_status (r, 201);
    assignment = ts_reply_id (r);
  }
  fx.honoraria = activity (assignment, "2025-05-10", 90, "home_visit", TRUE);
  fx.honoraria += activity (assignment, "2026-03-31", 30, "phone", TRUE);
  activity (assignment, "2026-04-01", 60, "home_visit", TRUE);
  activity (assignment, "2025-06-01", 60, "home_visit", FALSE);

  /* 職親: a host of A, a placement across the year's end. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/hosts", fx.coord_a,
                                               "{\"name\":\"さくら農園\",\"municipality_code\":\"092011\","
                                               "\"capacity_per_day\":2}", NULL);
    g_autoptr(TsReply) s = NULL;
    g_autoptr(TsReply) p = NULL;
    g_autofree char *body = NULL;

    ts_assert_status (r, 201);
    fx.host_id = ts_reply_id (r);
    s = ts_harness_call (h, "POST", fx.coord_a,
                         "{\"surveyed_on\":\"2026-03-01\",\"result\":\"approved\"}",
                         "/v1/hosts/%" G_GINT64_FORMAT "/survey", fx.host_id);
    ts_assert_status (s, 200);
    body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ","
                            "\"days\":[\"2026-03-30\",\"2026-03-31\",\"2026-04-01\"],"
                            "\"hours_per_day\":4,\"pre_interview\":{\"held_on\":\"2026-03-20\","
                            "\"attendees\":[\"participant\",\"family\",\"host\",\"coordinator\"]}}",
                            fx.case_id, fx.host_id);
    p = ts_harness_request (h, "POST", "/v1/placements", fx.coord_a, body, NULL);
    ts_assert_status (p, 201);
    placement = ts_reply_id (p);
  }
  fx.stipends = attend (placement, "2026-03-30") + attend (placement, "2026-03-31");
  attend (placement, "2026-04-01");
  fx.host = ts_harness_user_token_in (h, "host", fx.org_a, 0, fx.host_id);

  /* Statements for May 2025 and March 2026; the budget. */
  {
    g_autoptr(TsReply) may = ts_harness_request (h, "POST", "/v1/payments/statements", fx.coord_a,
                                                 "{\"month\":\"2025-05\"}", NULL);
    g_autoptr(TsReply) march = ts_harness_request (h, "POST", "/v1/payments/statements",
                                                   fx.coord_a, "{\"month\":\"2026-03\"}", NULL);
    g_autoptr(TsReply) budget = ts_harness_request (h, "POST", "/v1/budgets", h->admin,
                                                    "{\"fiscal_year\":2025,\"amount_yen\":3207000}",
                                                    NULL);

    ts_assert_status (may, 201);
    ts_assert_status (march, 201);
    g_assert_cmpint (budget->status / 100, ==, 2);
  }

  /* 行事・居場所 (issue 18): 居場所 on 31 March 2025 and 1 April 2026
   * (other years), on 1 April 2025 and 31 March 2026 (this one, the
   * latter staffed); a 家族会 staffed; a cancelled 講演会 not counted. */
  event ("ibasho", "2025-03-31", 5, 5, 5, 0, FALSE);
  event ("ibasho", "2025-04-01", 3, 2, 1, 0, FALSE);
  event ("ibasho", "2026-03-31", 1, 0, 0, sup, FALSE);
  event ("ibasho", "2026-04-01", 4, 4, 4, sup, FALSE);
  event ("family_meeting", "2025-09-11", 0, 7, 2, sup, FALSE);
  event ("lecture", "2025-10-01", 9, 9, 9, sup, TRUE);
}

/* ---- reading -------------------------------------------------------------- */

static TsReply *
get (const char *token, const char *query, const char *accept)
{
  g_autofree char *path = g_strconcat ("/v1/statistics", query, NULL);
  const char *headers[] = { "Accept", accept, NULL };

  return ts_harness_request (fx.h, "GET", path, token, NULL, accept != NULL ? headers : NULL);
}

static JsonObject *
stats_of (TsReply *r)
{
  ts_assert_status (r, 200);
  return ts_reply_object (r);
}

/* The cells of @obj named by @names, as "1,2,X": X for null. */
static char *
cells (JsonObject *obj, const char *const *names)
{
  GString *s = g_string_new ("");

  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *n = json_object_get_member (obj, names[i]);

      g_assert_nonnull (n);
      if (i > 0)
        g_string_append_c (s, ',');
      if (JSON_NODE_HOLDS_NULL (n))
        g_string_append_c (s, 'X');
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, json_node_get_int (n));
    }
  return g_string_free (s, FALSE);
}

/* Every row of the array @member, each as cells() with @names, "|" apart. */
static char *
rows (JsonObject *stats, const char *member, const char *const *names)
{
  JsonArray *arr = json_object_get_array_member (stats, member);
  GString *s = g_string_new ("");

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *row = cells (json_array_get_object_element (arr, i), names);

      g_string_append_printf (s, "%s%s", i > 0 ? "|" : "", row);
    }
  return g_string_free (s, FALSE);
}

static const char *const YEAR[] = { "contacts", "first_contacts", NULL };
static const char *const BY[] = { "self", "family", "other", NULL };
static const char *const MONTH[] = { "total", "first", NULL };
static const char *const CONTACTOR[] = { "self", "self_50_plus", "parent", "parent_80_plus",
                                         "sibling", "other", "total", NULL };
static const char *const GENDER[] = { "male", "female", "other", "unknown", "total", NULL };

static void
assert_rows (JsonObject *stats, const char *member, const char *const *names, const char *want)
{
  g_autofree char *got = rows (stats, member, names);

  g_assert_cmpstr (got, ==, want);
}

static void
assert_total (JsonObject *stats, const char *table, const char *const *names, const char *want)
{
  g_autofree char *got = cells (json_object_get_object_member (
                                  json_object_get_object_member (stats, "totals"), table), names);

  g_assert_cmpstr (got, ==, want);
}

static void
assert_years (JsonObject *stats, const char *want)
{
  JsonArray *arr = json_object_get_array_member (stats, "years");
  GString *s = g_string_new ("");
  g_autofree char *got = NULL;

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *y = json_array_get_object_element (arr, i);
      g_autofree char *a = cells (y, YEAR);
      g_autofree char *b = cells (json_object_get_object_member (y, "first_by_contactor"), BY);

      g_string_append_printf (s, "%s%s:%s,%s", i > 0 ? "|" : "",
                              json_object_get_string_member (y, "label"), a, b);
    }
  got = g_string_free (s, FALSE);
  g_assert_cmpstr (got, ==, want);
}

/* ---- tests ---------------------------------------------------------------- */

/* A's coordinator: A's real counts, every table. */
static void
test_tables (void)
{
  g_autoptr(TsReply) r = get (fx.coord_a, "?fiscal_year=2025", NULL);
  JsonObject *s = stats_of (r);
  JsonObject *o, *b;
  JsonArray *arr;

  g_assert_cmpint (json_object_get_int_member (s, "fiscal_year"), ==, 2025);
  g_assert_cmpstr (json_object_get_string_member (s, "label"), ==, "令和7年度");
  g_assert_cmpstr (json_object_get_string_member (s, "from"), ==, "2025-04-01");
  g_assert_cmpstr (json_object_get_string_member (s, "to"), ==, "2026-03-31");
  arr = json_object_get_array_member (s, "organisations");
  g_assert_cmpuint (json_array_get_length (arr), ==, 1);
  o = json_array_get_object_element (arr, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, fx.org_a);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "文京区");
  o = json_object_get_object_member (s, "suppression");
  g_assert_false (json_object_get_boolean_member (o, "applied"));
  g_assert_cmpint (json_object_get_int_member (o, "threshold"), ==, 3);

  /* 相談実績: 令和5年度 P7; 令和6年度 P2's first (31 March 2025); 令和7年度
   * eight contacts, five first (self P3; family P1, P4, P6; other P5). */
  assert_years (s, "令和5年度:1,1,1,0,0|令和6年度:1,1,1,0,0|令和7年度:8,5,1,3,1");
  assert_rows (s, "contacts_by_month", MONTH,
               "1,1|1,0|1,1|1,1|1,0|1,1|0,0|0,0|0,0|1,1|0,0|1,0");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (s, "contacts_by_month"), 0),
                     "month"), ==, "2025-04");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (s, "contacts_by_month"), 11),
                     "month"), ==, "2026-03");
  /* phone, email, online, office_visit, home_visit, accompany, letter, other */
  assert_rows (s, "contacts_by_method", MONTH, "3,1|1,1|1,1|2,1|0,0|0,0|1,1|0,0");
  assert_total (s, "contacts_by_method", MONTH, "8,5");
  assert_rows (s, "first_contacts_by_contactor", CONTACTOR,
               "0,0,1,1,0,0,1|1,1,0,0,0,0,1|0,0,0,0,0,1,1|0,0,0,0,1,0,1|"
               "0,0,0,0,0,0,0|0,0,0,0,0,0,0|0,0,0,0,0,1,1|0,0,0,0,0,0,0");
  assert_total (s, "first_contacts_by_contactor", CONTACTOR, "1,1,1,1,1,2,5");
  /* 実相談人数: six persons, P1 and P4 once each. */
  assert_rows (s, "persons_by_age_gender", GENDER,
               "0,0,0,0,0|0,0,1,0,1|1,0,0,0,1|1,0,0,0,1|1,1,0,0,2|0,0,0,1,1");
  assert_total (s, "persons_by_age_gender", GENDER, "3,1,1,1,6");
  {
    static const char *const bands[] = { "10s", "20s", "30s", "40s", "50s_plus", "unknown" };
    arr = json_object_get_array_member (s, "persons_by_age_gender");
    for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (arr, i),
                                                      "age_band"), ==, bands[i]);
  }

  /* The programme's tables. */
  {
    static const char *const sup[] = { "registered", "trained", "follow_up_due", "lapsed", NULL };
    static const char *const act[] = { "count", "minutes", "honoraria_yen", NULL };
    static const char *const plc[] = { "participants", "days", "short", "regular",
                                       "stipends_yen", NULL };
    const char *want_plc = "1,2,1,0,3000";
    JsonObject *a0, *a1;

    assert_rows (s, "supporters_by_municipality", sup, "4,2,1,1");
    o = json_array_get_object_element (json_object_get_array_member (s, "supporters_by_municipality"), 0);
    g_assert_cmpstr (json_object_get_string_member (o, "municipality_code"), ==, "092011");
    g_assert_cmpstr (json_object_get_string_member (o, "municipality_name"), ==, "宇都宮市");

    arr = json_object_get_array_member (s, "activities_by_municipality_kind");
    g_assert_cmpuint (json_array_get_length (arr), ==, 2);
    a0 = json_array_get_object_element (arr, 0);
    a1 = json_array_get_object_element (arr, 1);
    g_assert_cmpstr (json_object_get_string_member (a0, "municipality_code"), ==, "092029");
    g_assert_cmpstr (json_object_get_string_member (a0, "kind"), ==, "home_visit");
    g_assert_cmpstr (json_object_get_string_member (a1, "kind"), ==, "phone");
    g_assert_cmpstr (json_object_get_string_member (a0, "municipality_name"), ==, "足利市");
    /* 1,000 yen each and 1,200 an hour: 90 minutes 2,800, 30 minutes
     * 1,600; 1 April 2026 and the rejected one not counted. */
    assert_rows (s, "activities_by_municipality_kind", act, "1,90,2800|1,30,1600");
    g_assert_cmpint (fx.honoraria, ==, 2800 + 1600);

    assert_rows (s, "placements_by_host", plc, want_plc);
    o = json_array_get_object_element (json_object_get_array_member (s, "placements_by_host"), 0);
    g_assert_cmpint (json_object_get_int_member (o, "host_id"), ==, fx.host_id);
    g_assert_cmpstr (json_object_get_string_member (o, "host_name"), ==, "さくら農園");
    g_assert_cmpint (fx.stipends, ==, 3000);
  }

  /* Payments against the budget: May's and March's statements. */
  b = json_object_get_object_member (s, "budget");
  g_assert_cmpint (json_object_get_int_member (b, "budget_yen"), ==, 3207000);
  arr = json_object_get_array_member (b, "months");
  g_assert_cmpuint (json_array_get_length (arr), ==, 12);
  {
    gint64 may = ts_harness_sql_int (fx.h, "SELECT total (total_yen) FROM statements WHERE month = '2025-05'");
    gint64 march = ts_harness_sql_int (fx.h, "SELECT total (total_yen) FROM statements WHERE month = '2026-03'");
    JsonObject *m1 = json_array_get_object_element (arr, 1);
    JsonObject *m11 = json_array_get_object_element (arr, 11);

    /* May's: the activity's honorarium and transport; March's: the
     * activity's and two days' stipends. */
    g_assert_cmpint (may, ==, 2800 + 400);
    g_assert_cmpint (march, ==, 1600 + 400 + 3000);
    g_assert_cmpstr (json_object_get_string_member (m1, "month"), ==, "2025-05");
    g_assert_cmpint (json_object_get_int_member (m1, "paid_yen"), ==, may);
    g_assert_cmpint (json_object_get_int_member (m1, "cumulative_yen"), ==, may);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (arr, 6), "paid_yen"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (arr, 6),
                                                 "cumulative_yen"), ==, may);
    g_assert_cmpint (json_object_get_int_member (m11, "paid_yen"), ==, march);
    g_assert_cmpint (json_object_get_int_member (m11, "cumulative_yen"), ==, may + march);
    g_assert_cmpint (json_object_get_int_member (b, "paid_yen"), ==, may + march);
  }
}

/* The administrator: the whole programme (A and B), or one organisation. */
static void
test_admin (void)
{
  g_autoptr(TsReply) all = get (fx.h->admin, "?fiscal_year=2025", NULL);
  g_autofree char *query = g_strdup_printf ("?fiscal_year=2025&organisation_id=%" G_GINT64_FORMAT,
                                            fx.org_b);
  g_autoptr(TsReply) one = get (fx.h->admin, query, NULL);
  JsonObject *s = stats_of (all);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "organisations")), ==, 3);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (s, "suppression"),
                                                  "applied"));
  assert_years (s, "令和5年度:1,1,1,0,0|令和6年度:1,1,1,0,0|令和7年度:11,8,4,3,1");
  assert_rows (s, "contacts_by_method", MONTH, "6,4|1,1|1,1|2,1|0,0|0,0|1,1|0,0");
  assert_total (s, "contacts_by_method", MONTH, "11,8");
  assert_total (s, "first_contacts_by_contactor", CONTACTOR, "4,1,1,1,1,2,8");
  assert_rows (s, "persons_by_age_gender", GENDER,
               "0,0,0,0,0|0,0,1,0,1|1,3,0,0,4|1,0,0,0,1|1,1,0,0,2|0,0,0,1,1");
  assert_total (s, "persons_by_age_gender", GENDER, "3,4,1,1,9");

  /* Payments as the payments audit counts them, month by month. */
  {
    g_autoptr(TsReply) pay = ts_harness_request (fx.h, "GET", "/v1/audit/payments?fiscal_year=2025",
                                                 fx.h->admin, NULL, NULL);
    JsonArray *want = json_object_get_array_member (ts_reply_object (pay), "months");
    JsonArray *got = json_object_get_array_member (json_object_get_object_member (s, "budget"),
                                                   "months");

    ts_assert_status (pay, 200);
    g_assert_cmpuint (json_array_get_length (got), ==, json_array_get_length (want));
    for (guint i = 0; i < json_array_get_length (want); i++)
      {
        JsonObject *w = json_array_get_object_element (want, i);
        JsonObject *g = json_array_get_object_element (got, i);

        g_assert_cmpstr (json_object_get_string_member (g, "month"), ==,
                         json_object_get_string_member (w, "month"));
        g_assert_cmpint (json_object_get_int_member (g, "paid_yen"), ==,
                         json_object_get_int_member (w, "total_yen"));
      }
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "budget"),
                                                 "paid_yen"), ==,
                     json_object_get_int_member (ts_reply_object (pay), "total_yen"));
  }

  s = stats_of (one);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "organisations")), ==, 1);
  assert_years (s, "令和5年度:0,0,0,0,0|令和6年度:0,0,0,0,0|令和7年度:3,3,3,0,0");
  assert_rows (s, "supporters_by_municipality", CONTACTOR + 7, "");
}

/* An auditor of the prefecture: cells of 1 and 2 and their complementary
 * cells are null; A's own auditor sees A's real counts. */
static void
test_suppression (void)
{
  g_autoptr(TsReply) r = get (fx.h->auditor, "?fiscal_year=2025", NULL);
  g_autofree char *query = g_strdup_printf ("?fiscal_year=2025&organisation_id=%" G_GINT64_FORMAT,
                                            fx.org_a);
  g_autoptr(TsReply) own = get (fx.auditor_a, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) one = get (fx.h->auditor, query, NULL);
  JsonObject *s = stats_of (r);
  JsonObject *o = json_object_get_object_member (s, "suppression");

  g_assert_true (json_object_get_boolean_member (o, "applied"));
  g_assert_cmpint (json_object_get_int_member (o, "threshold"), ==, 3);
  /* 令和5年度 and 6年度: 1 each, suppressed; 令和7年度's 延べ 11 and 新規 8
   * shown, its breakdown 4/3/1: other (1) suppressed, and family (3) with
   * it, as 8 − 4 − 3 would give it; self 4 is shown. */
  assert_years (s, "令和5年度:X,X,X,0,0|令和6年度:X,X,X,0,0|令和7年度:11,8,4,X,X");
  /* By method: phone's 6 and 4 shown, the 1s and 2s not. */
  assert_rows (s, "contacts_by_method", MONTH, "6,4|X,X|X,X|X,X|0,0|0,0|X,X|0,0");
  assert_total (s, "contacts_by_method", MONTH, "11,8");
  /* October's three contacts are shown; every other month has 1. */
  assert_rows (s, "contacts_by_month", MONTH, "X,X|X,0|X,X|X,X|X,0|X,X|3,3|0,0|0,0|X,X|0,0|X,0");
  /* By phone: the parent (1) is suppressed; the self contactors (3)
   * with it, or 4 − 1 would tell. */
  {
    JsonObject *phone = json_array_get_object_element (
      json_object_get_array_member (s, "first_contacts_by_contactor"), 0);
    g_autofree char *got = cells (phone, CONTACTOR);

    g_assert_cmpstr (got, ==, "X,0,X,X,0,0,4");
  }
  /* 30代: female 3 shown to the administrator, suppressed here with the
   * male 1 beside it (else 4 − 3 would tell); the row's 4 stays, as two
   * cells share it. */
  {
    JsonObject *thirties = json_array_get_object_element (
      json_object_get_array_member (s, "persons_by_age_gender"), 2);
    g_autofree char *got = cells (thirties, GENDER);

    g_assert_cmpstr (got, ==, "X,X,0,0,4");
  }
  /* The programme's: one registered supporter row of 4 shown, the rest
   * of 1 suppressed; the activities' and the placement's money with
   * their counts. */
  {
    static const char *const sup[] = { "registered", "trained", "follow_up_due", "lapsed", NULL };
    static const char *const act[] = { "count", "minutes", "honoraria_yen", NULL };
    static const char *const plc[] = { "participants", "days", "short", "regular",
                                       "stipends_yen", NULL };

    assert_rows (s, "supporters_by_municipality", sup, "4,X,X,X");
    assert_rows (s, "activities_by_municipality_kind", act, "X,X,X|X,X,X");
    assert_rows (s, "placements_by_host", plc, "X,X,X,X,X");
  }

  /* A's own auditor: A's real counts. */
  s = stats_of (own);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (s, "suppression"),
                                                  "applied"));
  assert_years (s, "令和5年度:1,1,1,0,0|令和6年度:1,1,1,0,0|令和7年度:8,5,1,3,1");
  assert_total (s, "persons_by_age_gender", GENDER, "3,1,1,1,6");
  /* The prefecture's auditor asking for A alone: still another
   * organisation's, suppressed. */
  s = stats_of (one);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (s, "suppression"),
                                                 "applied"));
  assert_years (s, "令和5年度:X,X,X,0,0|令和6年度:X,X,X,0,0|令和7年度:8,5,X,X,X");
}

/* [statistics] small_cell_threshold: 1 hides nothing, 4 hides the 3s. */
static void
test_threshold (void)
{
  TsConfig *config = ts_service_get_config (fx.h->service);
  int saved;

  g_assert_nonnull (config);
  saved = config->statistics_small_cell_threshold;
  g_assert_cmpint (saved, ==, 3);
  config->statistics_small_cell_threshold = 1;
  {
    g_autoptr(TsReply) r = get (fx.h->auditor, "?fiscal_year=2025", NULL);
    JsonObject *s = stats_of (r);

    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "suppression"),
                                                 "threshold"), ==, 1);
    assert_years (s, "令和5年度:1,1,1,0,0|令和6年度:1,1,1,0,0|令和7年度:11,8,4,3,1");
  }
  config->statistics_small_cell_threshold = 4;
  {
    g_autoptr(TsReply) r = get (fx.h->auditor, "?fiscal_year=2025", NULL);
    JsonObject *s = stats_of (r);

    /* October's 3 is hidden now. */
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
      json_array_get_object_element (json_object_get_array_member (s, "contacts_by_month"), 6),
      "total")));
  }
  config->statistics_small_cell_threshold = saved;
}

/* B's coordinator sees none of A's; an organisation outside one's scope is
 * answered as a missing one. */
static void
test_scope (void)
{
  g_autoptr(TsReply) r = get (fx.coord_b, "?fiscal_year=2025", NULL);
  g_autofree char *a = g_strdup_printf ("?fiscal_year=2025&organisation_id=%" G_GINT64_FORMAT,
                                        fx.org_a);
  g_autoptr(TsReply) other = get (fx.coord_b, a, NULL);
  g_autoptr(TsReply) missing = get (fx.coord_b, "?fiscal_year=2025&organisation_id=999999", NULL);
  g_autoptr(TsReply) from_a = get (fx.auditor_a, "?fiscal_year=2025&organisation_id=1", NULL);
  g_autoptr(TsReply) admin_missing = get (fx.h->admin, "?fiscal_year=2025&organisation_id=999999",
                                          NULL);
  JsonObject *s = stats_of (r);

  assert_years (s, "令和5年度:0,0,0,0,0|令和6年度:0,0,0,0,0|令和7年度:3,3,3,0,0");
  assert_total (s, "persons_by_age_gender", GENDER, "0,3,0,0,3");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "supporters_by_municipality")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "activities_by_municipality_kind")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "placements_by_host")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "budget"), "paid_yen"), ==, 0);

  ts_assert_problem (missing, 404, "not_found", NULL);
  ts_assert_problem (other, 404, "not_found", NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (other), "detail"), ==,
                   json_object_get_string_member (ts_reply_object (missing), "detail"));
  ts_assert_problem (from_a, 404, "not_found", NULL);
  ts_assert_problem (admin_missing, 404, "not_found", NULL);
}

static void
test_refused (void)
{
  g_autoptr(TsReply) sup = get (fx.supporter, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) host = get (fx.host, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) anon = get (NULL, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) csv = get (fx.supporter, "?fiscal_year=2025", "text/csv");

  ts_assert_problem (sup, 403, "forbidden", NULL);
  ts_assert_problem (host, 403, "forbidden", NULL);
  ts_assert_problem (csv, 403, "forbidden", NULL);
  ts_assert_status (anon, 401);
}

static void
test_bad_input (void)
{
  const struct {
    const char *query;
    const char *field;
  } cases[] = {
    { "", "fiscal_year" },
    { "?fiscal_year=", "fiscal_year" },
    { "?fiscal_year=abc", "fiscal_year" },
    { "?fiscal_year=2025.5", "fiscal_year" },
    { "?fiscal_year=99999999999", "fiscal_year" },
    { "?fiscal_year=1999", "fiscal_year" },
    { "?fiscal_year=2028", "fiscal_year" },
    { "?fiscal_year=-2025", "fiscal_year" },
    { "?fiscal_year=2025&organisation_id=abc", "organisation_id" },
    { "?fiscal_year=2025&organisation_id=0", "organisation_id" },
    { "?fiscal_year=2025&organisation_id=-1", "organisation_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsReply) r = get (fx.h->admin, cases[i].query, NULL);

      ts_assert_problem (r, 422, "validation_failed", cases[i].field);
    }
  {
    g_autoptr(TsReply) r = get (fx.h->admin, "?fiscal_year=2025&month=4", NULL);
    g_autoptr(TsReply) next = get (fx.h->admin, "?fiscal_year=2027", NULL);
    g_autoptr(TsReply) earliest = get (fx.h->admin, "?fiscal_year=2000", NULL);

    ts_assert_problem (r, 400, "unknown_field", "month");
    ts_assert_status (next, 200);
    ts_assert_status (earliest, 200);
  }
}

/* One audit entry per read, an aggregate one: no case id. */
static void
test_audited (void)
{
  const char *count = "SELECT count (*) FROM audit_log WHERE object = 'statistics'";
  gint64 before = ts_harness_sql_int (fx.h, count);
  g_autoptr(TsReply) r = get (fx.coord_a, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) csv = get (fx.coord_a, "?fiscal_year=2025", "text/csv");

  ts_assert_status (r, 200);
  ts_assert_status (csv, 200);
  g_assert_cmpint (ts_harness_sql_int (fx.h, count), ==, before + 2);
  g_assert_cmpint (ts_harness_sql_int (fx.h, "SELECT count (*) FROM audit_log WHERE object = 'statistics'"
                                             " AND action = 'read' AND object_id IS NULL"), >=, 2);
  g_assert_cmpint (ts_harness_sql_int (fx.h, "SELECT count (*) FROM audit_log"
                                             " WHERE object IN ('case', 'contact', 'consultee')"
                                             " AND action = 'read'"), ==, 0);
}

#include "test-statistics-csv.h"
#include "test-statistics-events.h"

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  build_year ();
  g_test_add_func ("/statistics/tables", test_tables);
  g_test_add_func ("/statistics/admin", test_admin);
  g_test_add_func ("/statistics/suppression", test_suppression);
  g_test_add_func ("/statistics/threshold", test_threshold);
  g_test_add_func ("/statistics/scope", test_scope);
  g_test_add_func ("/statistics/refused", test_refused);
  g_test_add_func ("/statistics/bad-input", test_bad_input);
  g_test_add_func ("/statistics/audited", test_audited);
  g_test_add_func ("/statistics/csv", test_csv);
  g_test_add_func ("/statistics/csv-suppressed", test_csv_suppressed);
  g_test_add_func ("/statistics/events", test_events);
  g_test_add_func ("/statistics/events-suppressed", test_events_suppressed);
  rc = g_test_run ();
  g_clear_pointer (&fx.h, ts_harness_free);
  g_free (fx.coord_a);
  g_free (fx.coord_b);
  g_free (fx.auditor_a);
  g_free (fx.supporter);
  g_free (fx.host);
  g_unsetenv ("TSUNAGARI_TODAY");
  return rc;
}
