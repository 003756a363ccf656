/*
 * A month's statements are issued per organisation (SPEC 2.6: every write
 * is limited to the caller's organisation; issue 13, schema 12), on a live
 * server.
 *
 * Two municipalities below the harness's prefecture, A (宇都宮市) and B
 * (那須町), each with a supporter working for a case of its own.  A's
 * coordinator issuing May issues A's payees only; B's report approved
 * afterwards is an ordinary May line of B, issued when B issues May; A's
 * own late approval is an adjustment of A's next month.  An administrator
 * issues every organisation that has not issued the month.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"

typedef struct {
  TsHarness *h;
  gint64     org_a, org_b;
  char      *coord_a, *coord_b, *auditor_a;
  gint64     sup_a, sup_b;
  gint64     asg_a, asg_b;
  char      *tok_sup_a, *tok_sup_b;
} Fixture;

/* A case of @token's organisation and its assignment to @supporter_id. */
static gint64
assignment (TsHarness *h, const char *token, gint64 supporter_id)
{
  const char *body = "{\"nickname\":\"Kさん\",\"municipality_code\":\"092029\",\"age_band\":\"20s\","
                     "\"gender\":\"male\",\"household\":\"two\","
                     "\"consent\":{\"obtained_on\":\"2025-03-01\","
                     "\"scope\":[\"matching\",\"support\"]}}";
  g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/cases", token, body, NULL);
  g_autoptr(TsReply) a = NULL;
  gint64 case_id;

  ts_assert_status (c, 201);
  case_id = ts_reply_id (c);
  a = ts_harness_call (h, "POST", token,
            "{\"held_on\":\"2025-03-10\",\"participants\":[\"coordinator\"],\"summary\":\"ケース会議\"}",
            "/v1/cases/%" G_GINT64_FORMAT "/assessment", case_id);
  ts_assert_status (a, 201);
  return ts_harness_create_assignment (h, token, case_id, supporter_id, "2026-04-01");
}

/* A report of May 2026 (2,000 + 500 transport at the fixture's rates). */
static gint64
report (TsHarness *h, const char *token, gint64 assignment_id, const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ","
                                           "\"date\":\"%s\",\"start\":\"10:00\","
                                           "\"minutes\":90,\"kind\":\"home_visit\","
                                           "\"transport_yen\":500}", assignment_id, date);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/activities", token, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static void
approve (TsHarness *h, const char *token, gint64 id)
{
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", token, NULL, "/v1/activities/%" G_GINT64_FORMAT "/approve",
                               id);
  ts_assert_status (r, 200);
}

static TsReply *
issue (TsHarness *h, const char *token, const char *month)
{
  g_autofree char *body = g_strdup_printf ("{\"month\":\"%s\"}", month);
  return ts_harness_request (h, "POST", "/v1/payments/statements", token, body, NULL);
}

static TsReply *
statements (TsHarness *h, const char *token, const char *month)
{
  return ts_harness_call (h, "GET", token, NULL, "/v1/payments/statements?month=%s", month);
}

/* The statement of a supporter in a month's document; NULL: none. */
static JsonObject *
statement_of (TsReply *r, gint64 supporter_id)
{
  JsonArray *items = json_object_get_array_member (ts_reply_object (r), "statements");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *s = json_array_get_object_element (items, i);
      if (g_strcmp0 (json_object_get_string_member (s, "payee_type"), "supporter") == 0 &&
          json_object_get_int_member (s, "payee_id") == supporter_id)
        return s;
    }
  return NULL;
}

/* The organisations of the document's runs, as "3,4". */
static char *
run_organisations (TsReply *r)
{
  JsonArray *runs = json_object_get_array_member (ts_reply_object (r), "runs");
  GString *s = g_string_new ("");

  for (guint i = 0; i < json_array_get_length (runs); i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            json_object_get_int_member (json_array_get_object_element (runs, i),
                                                        "organisation_id"));
  return g_string_free (s, FALSE);
}

static gboolean
issued (TsReply *r)
{
  return json_object_get_boolean_member (ts_reply_object (r), "issued");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->h = ts_harness_new ();
  ts_harness_set_rates (f->h, "2026-04-01", 2000, 0, 1000);
  f->org_a = ts_harness_create_organisation (f->h, "宇都宮市", "municipality", "092011", 1);
  f->org_b = ts_harness_create_organisation (f->h, "那須町", "municipality", "094072", 1);
  f->coord_a = ts_harness_user_token_in (f->h, "coordinator", f->org_a, 0, 0);
  f->coord_b = ts_harness_user_token_in (f->h, "coordinator", f->org_b, 0, 0);
  f->auditor_a = ts_harness_user_token_in (f->h, "auditor", f->org_a, 0, 0);
  f->sup_a = ts_harness_create_registered_supporter (f->h, f->coord_a, NULL);
  f->sup_b = ts_harness_create_registered_supporter (f->h, f->coord_b, NULL);
  f->asg_a = assignment (f->h, f->coord_a, f->sup_a);
  f->asg_b = assignment (f->h, f->coord_b, f->sup_b);
  f->tok_sup_a = ts_harness_user_token_in (f->h, "supporter", f->org_a, f->sup_a, 0);
  f->tok_sup_b = ts_harness_user_token_in (f->h, "supporter", f->org_b, f->sup_b, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->coord_a);
  g_free (f->coord_b);
  g_free (f->auditor_a);
  g_free (f->tok_sup_a);
  g_free (f->tok_sup_b);
  ts_harness_free (f->h);
}

/* A issues May: A's payee has its statement, B's not; B's report approved
 * afterwards is an ordinary May line, issued when B issues May; A issuing
 * May again creates nothing; A's own late approval is an adjustment of
 * its June. */
static void
test_issue_per_organisation (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 rep_a = report (h, f->tok_sup_a, f->asg_a, "2026-05-10");
  gint64 rep_b = report (h, f->tok_sup_b, f->asg_b, "2026-05-11");
  gint64 late_a = report (h, f->tok_sup_a, f->asg_a, "2026-05-20");
  g_autoptr(TsReply) first = NULL;
  g_autoptr(TsReply) again = NULL;
  g_autoptr(TsReply) by_b = NULL;
  g_autoptr(TsReply) all = NULL;
  g_autoptr(TsReply) june = NULL;
  g_autofree char *orgs_a = g_strdup_printf ("%" G_GINT64_FORMAT, f->org_a);
  g_autofree char *orgs_ab = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                              f->org_a, f->org_b);
  JsonObject *st_a, *line;
  JsonArray *lines;

  (void) data;
  approve (h, f->coord_a, rep_a);
  first = issue (h, f->coord_a, "2026-05");
  ts_assert_status (first, 201);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (first), "created"));
  g_assert_true (issued (first));
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (first), "n_statements"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (first), "total_yen"), ==, 2500);
  st_a = statement_of (first, f->sup_a);
  g_assert_nonnull (st_a);
  {
    g_autofree char *runs = run_organisations (first);
    JsonObject *run = json_array_get_object_element (
      json_object_get_array_member (ts_reply_object (first), "runs"), 0);

    g_assert_cmpstr (runs, ==, orgs_a);
    g_assert_cmpint (json_object_get_int_member (run, "n_statements"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (run, "total_yen"), ==, 2500);
    g_assert_cmpstr (json_object_get_string_member (run, "issued_at"), ==,
                     json_object_get_string_member (ts_reply_object (first), "issued_at"));
  }

  /* B has issued nothing: its coordinator sees May not issued, and the
   * administrator sees A's run only. */
  {
    g_autoptr(TsReply) b = statements (h, f->coord_b, "2026-05");
    g_autoptr(TsReply) admin = statements (h, h->admin, "2026-05");
    g_autofree char *runs = run_organisations (admin);

    ts_assert_status (b, 200);
    g_assert_false (issued (b));
    g_assert_true (json_object_get_null_member (ts_reply_object (b), "issued_at"));
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (b), "n_statements"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (b),
                                                                           "runs")), ==, 0);
    ts_assert_status (admin, 200);
    g_assert_false (issued (admin));
    g_assert_cmpstr (runs, ==, orgs_a);
    g_assert_nonnull (statement_of (admin, f->sup_a));
    g_assert_null (statement_of (admin, f->sup_b));
  }

  /* Approved after A's run: B's is an ordinary May line, A's an
   * adjustment. */
  approve (h, f->coord_b, rep_b);
  approve (h, f->coord_a, late_a);
  by_b = issue (h, f->coord_b, "2026-05");
  ts_assert_status (by_b, 201);
  g_assert_true (issued (by_b));
  g_assert_null (statement_of (by_b, f->sup_a));
  g_assert_nonnull (statement_of (by_b, f->sup_b));
  {
    g_autoptr(TsReply) list = statements (h, f->coord_b, "2026-05");

    lines = json_object_get_array_member (statement_of (list, f->sup_b), "lines");
    g_assert_cmpuint (json_array_get_length (lines), ==, 2);
    line = json_array_get_object_element (lines, 0);
    g_assert_cmpstr (json_object_get_string_member (line, "kind"), ==, "honorarium");
    g_assert_true (json_object_get_null_member (line, "adjusts"));
    g_assert_cmpint (json_object_get_int_member (statement_of (list, f->sup_b), "total_yen"), ==,
                     2500);
  }

  /* Once per organisation: A again creates nothing, and answers the
   * first run. */
  again = issue (h, f->coord_a, "2026-05");
  ts_assert_status (again, 200);
  g_assert_false (json_object_get_boolean_member (ts_reply_object (again), "created"));
  g_assert_cmpint (json_object_get_int_member (statement_of (again, f->sup_a), "id"), ==,
                   json_object_get_int_member (st_a, "id"));
  g_assert_cmpint (json_object_get_int_member (statement_of (again, f->sup_a), "total_yen"), ==,
                   2500);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (again), "issued_at"), ==,
                   json_object_get_string_member (ts_reply_object (first), "issued_at"));

  /* The administrator sees both runs, and the prefecture's still missing:
   * not issued until it issues the remaining organisation. */
  {
    g_autoptr(TsReply) admin = statements (h, h->admin, "2026-05");
    g_autofree char *runs = run_organisations (admin);

    g_assert_false (issued (admin));
    g_assert_cmpstr (runs, ==, orgs_ab);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (admin), "n_statements"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (admin), "total_yen"), ==, 5000);
  }
  all = issue (h, h->admin, "2026-05");
  ts_assert_status (all, 201);
  g_assert_true (issued (all));
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (all), "n_statements"), ==, 2);
  {
    g_autofree char *runs = run_organisations (all);
    g_autofree char *expected = g_strdup_printf ("1,%s", orgs_ab);
    g_autoptr(TsReply) none = issue (h, h->admin, "2026-05");

    g_assert_cmpstr (runs, ==, expected);
    ts_assert_status (none, 200);
    g_assert_false (json_object_get_boolean_member (ts_reply_object (none), "created"));
  }

  /* A's late approval is paid in A's June, as an adjustment of May. */
  june = issue (h, f->coord_a, "2026-06");
  ts_assert_status (june, 201);
  {
    g_autoptr(TsReply) list = statements (h, f->coord_a, "2026-06");

    g_assert_null (statement_of (list, f->sup_b));
    lines = json_object_get_array_member (statement_of (list, f->sup_a), "lines");
    g_assert_cmpuint (json_array_get_length (lines), ==, 2);
    line = json_array_get_object_element (lines, 0);
    g_assert_cmpstr (json_object_get_string_member (line, "kind"), ==, "adjustment");
    g_assert_cmpstr (json_object_get_string_member (line, "adjusts"), ==, "honorarium");
    g_assert_cmpstr (json_object_get_string_member (line, "earned_month"), ==, "2026-05");
  }
}

/* A payee sees its own organisation's run with its own statement's
 * numbers only; those who may not issue are refused. */
static void
test_issue_refused_and_payee_view (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autoptr(TsReply) by_supporter = issue (h, f->tok_sup_a, "2026-05");
  g_autoptr(TsReply) by_auditor = issue (h, f->auditor_a, "2026-05");
  g_autoptr(TsReply) future = issue (h, f->coord_a, "2026-07");
  g_autoptr(TsReply) first = NULL;
  g_autoptr(TsReply) own = NULL;
  JsonObject *run;

  (void) data;
  ts_assert_problem (by_supporter, 403, "forbidden", NULL);
  ts_assert_problem (by_auditor, 403, "forbidden", NULL);
  ts_assert_problem (future, 422, "validation_failed", "month");
  approve (h, f->coord_a, report (h, f->tok_sup_a, f->asg_a, "2026-05-10"));
  {
    /* A second payee of A, so that A's run holds more than the payee's. */
    gint64 other = ts_harness_create_registered_supporter (h, f->coord_a, NULL);
    g_autofree char *tok = ts_harness_user_token_in (h, "supporter", f->org_a, other, 0);
    gint64 asg = assignment (h, f->coord_a, other);

    approve (h, f->coord_a, report (h, tok, asg, "2026-05-12"));
  }
  first = issue (h, f->coord_a, "2026-05");
  ts_assert_status (first, 201);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (first), "total_yen"), ==, 5000);

  own = statements (h, f->tok_sup_a, "2026-05");
  ts_assert_status (own, 200);
  g_assert_true (issued (own));
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (own), "n_statements"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (own), "total_yen"), ==, 2500);
  run = json_array_get_object_element (json_object_get_array_member (ts_reply_object (own), "runs"),
                                       0);
  g_assert_cmpint (json_object_get_int_member (run, "organisation_id"), ==, f->org_a);
  g_assert_cmpint (json_object_get_int_member (run, "n_statements"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (run, "total_yen"), ==, 2500);
  {
    /* B's supporter: May not issued by B. */
    g_autoptr(TsReply) b = statements (h, f->tok_sup_b, "2026-05");

    ts_assert_status (b, 200);
    g_assert_false (issued (b));
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (b), "n_statements"), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/payment-runs/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("per-organisation", test_issue_per_organisation);
  ADD ("refused-and-payee-view", test_issue_refused_and_payee_view);
#undef ADD
  return g_test_run ();
}
