/*
 * Who sees what of assignments, activity reports, statements and the
 * payments audit across organisations (SPEC 2.6, issue 13), on a live
 * server.
 *
 * The first organisation (a prefecture: the harness's admin, coordinator
 * and auditor) has three municipalities below it, A, B and C.  A's
 * supporter works for A's case (asg_a) and, dispatched, for B's case
 * (asg_x, created as a dispatch request's acceptance creates it).  Staff
 * of the case's organisation and of the supporter's see an assignment and
 * its reports; only the supporter's organisation acts on the reports and
 * its payments; C sees nothing, and is answered exactly as for a missing
 * id.  An auditor sees its organisation and those below it.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY), fiscal year 2026.
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"
#include "service/assignments.h"

#define TODAY "2026-06-15"

typedef struct {
  TsHarness *h;
  gint64     org_a, org_b, org_c;
  char      *coord_a, *coord_b, *coord_c;
  char      *auditor_a, *auditor_c;   /* h->auditor is the prefecture's */
  gint64     sup_a, sup_b;            /* registered by A and by B */
  gint64     case_a, case_b;
  gint64     asg_a;                   /* A's case, A's supporter */
  gint64     asg_x;                   /* B's case, A's supporter (dispatched) */
  char      *tok_sup_a;               /* A's supporter's account */
} Fixture;

/* ---- helpers ----------------------------------------------------------- */

static const char *
member (TsReply *r, const char *name)
{
  return json_object_get_string_member (ts_reply_object (r), name);
}

/* SPEC 2.6: out of scope is answered exactly as a missing id. */
static void
assert_like_missing (TsReply *r, TsReply *missing)
{
  ts_assert_status (missing, 404);
  ts_assert_status (r, 404);
  g_assert_cmpstr (ts_reply_code (r), ==, "not_found");
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "type", "title", "detail", "code" };
      g_assert_cmpstr (member (r, names[i]), ==, member (missing, names[i]));
    }
}

static gint64
make_case (TsHarness *h, const char *token)
{
  const char *body = "{\"nickname\":\"Kさん\",\"municipality_code\":\"092029\",\"age_band\":\"20s\","
                     "\"gender\":\"male\",\"household\":\"two\","
                     "\"consent\":{\"obtained_on\":\"2025-03-01\","
                     "\"scope\":[\"matching\",\"support\"]}}";
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/cases", token, body, NULL);
  g_autoptr(TsReply) a = NULL;
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  a = ts_harness_call (h, "POST", token,
            "{\"held_on\":\"2025-03-10\",\"participants\":[\"coordinator\"],\"summary\":\"ケース会議\"}",
            "/v1/cases/%" G_GINT64_FORMAT "/assessment", id);
  ts_assert_status (a, 201);
  return id;
}

static char *
assignment_body (gint64 case_id, gint64 supporter_id)
{
  return g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%" G_GINT64_FORMAT
                          ",\"starts_on\":\"2026-04-01\"}", case_id, supporter_id);
}

static TsReply *
assign (TsHarness *h, const char *token, gint64 case_id, gint64 supporter_id)
{
  g_autofree char *body = assignment_body (case_id, supporter_id);
  return ts_harness_request (h, "POST", "/v1/assignments", token, body, NULL);
}

/* As a dispatch request's acceptance creates it: signed in as a
 * coordinator of @organisation_id, the case reached through the request
 * (case_shared). */
static TsAssignmentRecord *
assign_shared (Fixture *f, gint64 organisation_id, gint64 case_id, gint64 supporter_id,
               gboolean case_shared, GError **error)
{
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  TsAssignmentInput input = { case_id, supporter_id, 0, "primary", case_shared };

  g_assert_true (ts_date_parse ("2026-04-01", &input.starts_on));
  ctx->role = TS_ROLE_COORDINATOR;
  ts_context_set_scope (ctx, organisation_id, &organisation_id, 1);
  return ts_service_assignment_create (f->h->service, ctx, &input, error);
}

static gint64
report (TsHarness *h, const char *token, gint64 assignment_id)
{
  g_autofree char *body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ","
                                           "\"date\":\"2026-05-10\",\"start\":\"10:00\","
                                           "\"minutes\":90,\"kind\":\"home_visit\","
                                           "\"transport_yen\":500}", assignment_id);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/activities", token, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

/* The ids of a list page's @collection, in order, as "1,2,3". */
static char *
list_ids (TsHarness *h, const char *token, const char *path, const char *collection)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, token, NULL, NULL);
  GString *s = g_string_new ("");
  JsonArray *items;

  ts_assert_status (r, 200);
  items = json_object_get_array_member (ts_reply_object (r), collection);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            json_object_get_int_member (json_array_get_object_element (items, i),
                                                        "id"));
  return g_string_free (s, FALSE);
}

static void
assert_ids (TsHarness *h, const char *token, const char *path, const char *collection,
            const char *expected)
{
  g_autofree char *ids = list_ids (h, token, path, collection);
  g_assert_cmpstr (ids, ==, expected);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(TsAssignmentRecord) x = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsReply) a = NULL;

  (void) data;
  f->h = ts_harness_new ();
  f->org_a = ts_harness_create_organisation (f->h, "宇都宮市", "municipality", "092011", 1);
  f->org_b = ts_harness_create_organisation (f->h, "那須町", "municipality", "094072", 1);
  f->org_c = ts_harness_create_organisation (f->h, "足利市", "municipality", "092029", 1);
  f->coord_a = ts_harness_user_token_in (f->h, "coordinator", f->org_a, 0, 0);
  f->coord_b = ts_harness_user_token_in (f->h, "coordinator", f->org_b, 0, 0);
  f->coord_c = ts_harness_user_token_in (f->h, "coordinator", f->org_c, 0, 0);
  f->auditor_a = ts_harness_user_token_in (f->h, "auditor", f->org_a, 0, 0);
  f->auditor_c = ts_harness_user_token_in (f->h, "auditor", f->org_c, 0, 0);
  f->sup_a = ts_harness_create_registered_supporter (f->h, f->coord_a, NULL);
  f->sup_b = ts_harness_create_registered_supporter (f->h, f->coord_b, NULL);
  f->case_a = make_case (f->h, f->coord_a);
  f->case_b = make_case (f->h, f->coord_b);
  a = assign (f->h, f->coord_a, f->case_a, f->sup_a);
  ts_assert_status (a, 201);
  f->asg_a = ts_reply_id (a);
  x = assign_shared (f, f->org_a, f->case_b, f->sup_a, TRUE, &error);
  g_assert_no_error (error);
  f->asg_x = x->id;
  g_assert_cmpint (x->case_organisation_id, ==, f->org_b);
  g_assert_cmpint (x->supporter_organisation_id, ==, f->org_a);
  f->tok_sup_a = ts_harness_user_token_in (f->h, "supporter", f->org_a, f->sup_a, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->coord_a);
  g_free (f->coord_b);
  g_free (f->coord_c);
  g_free (f->auditor_a);
  g_free (f->auditor_c);
  g_free (f->tok_sup_a);
  ts_harness_free (f->h);
}

/* ---- assignments ------------------------------------------------------- */

/* POST /v1/assignments: the case and the supporter are of the caller's
 * organisation, or they are missing; a dispatch request's acceptance
 * (case_shared) skips the case's check only. */
static void
test_assignment_create (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) no_case = assign (f->h, f->coord_b, 999999, f->sup_b);
  g_autoptr(TsReply) no_sup = assign (f->h, f->coord_b, f->case_b, 999999);
  g_autoptr(TsReply) other_case = assign (f->h, f->coord_b, f->case_a, f->sup_b);
  g_autoptr(TsReply) other_sup = assign (f->h, f->coord_b, f->case_b, f->sup_a);
  g_autoptr(TsReply) third = assign (f->h, f->coord_c, f->case_a, f->sup_a);
  g_autoptr(TsReply) own = NULL;
  g_autoptr(TsAssignmentRecord) r = NULL;
  g_autoptr(GError) error = NULL;

  (void) data;
  assert_like_missing (other_case, no_case);
  assert_like_missing (other_sup, no_sup);
  assert_like_missing (third, no_case);

  /* Without the request, A reaches B's case no more than anyone... */
  r = assign_shared (f, f->org_a, f->case_b, f->sup_a, FALSE, &error);
  g_assert_null (r);
  g_assert_error (error, TS_ERROR, TS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such case");
  g_clear_error (&error);
  /* ...and with it, B's supporter is still not A's to send. */
  r = assign_shared (f, f->org_a, f->case_b, f->sup_b, TRUE, &error);
  g_assert_null (r);
  g_assert_error (error, TS_ERROR, TS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such supporter");
  g_clear_error (&error);
  r = assign_shared (f, f->org_a, f->case_a, f->sup_b, FALSE, &error);
  g_assert_null (r);
  g_assert_error (error, TS_ERROR, TS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such supporter");
  g_clear_error (&error);

  /* B's own pair is fine (as co-supporter: the case has A's primary). */
  {
    g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                             G_GINT64_FORMAT ",\"starts_on\":\"2026-04-01\","
                                             "\"role\":\"co_supporter\"}", f->case_b, f->sup_b);
    own = ts_harness_request (f->h, "POST", "/v1/assignments", f->coord_b, body, NULL);
    ts_assert_status (own, 201);
  }
}

static void
test_assignment_read (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) missing = ts_harness_call (f->h, "GET", f->coord_b, NULL, "/v1/assignments/999999");
  g_autoptr(TsReply) b_own_case = NULL;
  g_autoptr(TsReply) b_other = NULL;
  g_autoptr(TsReply) c_x = NULL;
  g_autoptr(TsReply) sup_x = NULL;
  g_autofree char *a_both = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                             f->asg_a, f->asg_x);
  g_autofree char *x_only = g_strdup_printf ("%" G_GINT64_FORMAT, f->asg_x);

  (void) data;
  b_own_case = ts_harness_call (f->h, "GET", f->coord_b, NULL, "/v1/assignments/%" G_GINT64_FORMAT,
                     f->asg_x);
  ts_assert_status (b_own_case, 200);
  b_other = ts_harness_call (f->h, "GET", f->coord_b, NULL, "/v1/assignments/%" G_GINT64_FORMAT, f->asg_a);
  assert_like_missing (b_other, missing);
  c_x = ts_harness_call (f->h, "GET", f->coord_c, NULL, "/v1/assignments/%" G_GINT64_FORMAT, f->asg_x);
  assert_like_missing (c_x, missing);
  /* The supporter's own account keeps reading its own. */
  sup_x = ts_harness_call (f->h, "GET", f->tok_sup_a, NULL, "/v1/assignments/%" G_GINT64_FORMAT, f->asg_x);
  ts_assert_status (sup_x, 200);

  assert_ids (f->h, f->coord_a, "/v1/assignments", "assignments", a_both);
  assert_ids (f->h, f->coord_b, "/v1/assignments", "assignments", x_only);
  assert_ids (f->h, f->coord_c, "/v1/assignments", "assignments", "");
  assert_ids (f->h, f->h->admin, "/v1/assignments", "assignments", a_both);
  assert_ids (f->h, f->tok_sup_a, "/v1/assignments", "assignments", a_both);
  /* A filter does not reach past the scope. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/assignments?case_id=%" G_GINT64_FORMAT,
                                             f->case_a);
    assert_ids (f->h, f->coord_b, path, "assignments", "");
    g_autofree char *a_only = g_strdup_printf ("%" G_GINT64_FORMAT, f->asg_a);

    assert_ids (f->h, f->coord_a, path, "assignments", a_only);
  }
}

/* Either side's staff may end it; a third organisation cannot find it. */
static void
test_assignment_end (Fixture *f, gconstpointer data)
{
  const char *body = "{\"ended_on\":\"2026-06-01\",\"reason\":\"終結\"}";
  g_autoptr(TsReply) missing = ts_harness_call (f->h, "POST", f->coord_c, body, "/v1/assignments/999999/end");
  g_autoptr(TsReply) c_end = NULL;
  g_autoptr(TsReply) b_end_a = NULL;
  g_autoptr(TsReply) b_end_x = NULL;

  (void) data;
  c_end = ts_harness_call (f->h, "POST", f->coord_c, body, "/v1/assignments/%" G_GINT64_FORMAT "/end",
                f->asg_x);
  assert_like_missing (c_end, missing);
  b_end_a = ts_harness_call (f->h, "POST", f->coord_b, body, "/v1/assignments/%" G_GINT64_FORMAT "/end",
                  f->asg_a);
  assert_like_missing (b_end_a, missing);
  b_end_x = ts_harness_call (f->h, "POST", f->coord_b, body, "/v1/assignments/%" G_GINT64_FORMAT "/end",
                  f->asg_x);
  ts_assert_status (b_end_x, 200);
  g_assert_false (json_object_get_boolean_member (ts_reply_object (b_end_x), "active"));
}

/* ---- activity reports ------------------------------------------------- */

static TsReply *
act (TsHarness *h, const char *token, gint64 id, const char *action, const char *body)
{
  return ts_harness_call (h, "POST", token, body, "/v1/activities/%" G_GINT64_FORMAT "/%s", id, action);
}

/* The case's organisation reads the reports on its case and nothing else
 * of the supporter's; acting on them is the supporter's organisation's
 * (403: it may know the report exists); a third organisation finds
 * nothing (404 as a missing id). */
static void
test_activity_scope (Fixture *f, gconstpointer data)
{
  gint64 act_a = report (f->h, f->tok_sup_a, f->asg_a);
  gint64 act_x = report (f->h, f->tok_sup_a, f->asg_x);
  g_autoptr(TsReply) missing = ts_harness_call (f->h, "GET", f->coord_c, NULL, "/v1/activities/999999");
  g_autoptr(TsReply) missing_act = act (f->h, f->coord_c, 999999, "approve", NULL);
  g_autofree char *both = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, act_a, act_x);
  g_autofree char *x_only = g_strdup_printf ("%" G_GINT64_FORMAT, act_x);
  g_autofree char *behalf = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ","
                                             "\"date\":\"2026-05-11\",\"start\":\"10:00\","
                                             "\"minutes\":60,\"kind\":\"phone\"}", f->asg_x);

  (void) data;
  {
    g_autoptr(TsReply) b_x = ts_harness_call (f->h, "GET", f->coord_b, NULL, "/v1/activities/%" G_GINT64_FORMAT,
                                   act_x);
    g_autoptr(TsReply) b_a = ts_harness_call (f->h, "GET", f->coord_b, NULL, "/v1/activities/%" G_GINT64_FORMAT,
                                   act_a);
    g_autoptr(TsReply) c_x = ts_harness_call (f->h, "GET", f->coord_c, NULL, "/v1/activities/%" G_GINT64_FORMAT,
                                   act_x);
    ts_assert_status (b_x, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (b_x), "case_id"), ==, f->case_b);
    assert_like_missing (b_a, missing);
    assert_like_missing (c_x, missing);
  }
  assert_ids (f->h, f->coord_a, "/v1/activities", "activities", both);
  assert_ids (f->h, f->coord_b, "/v1/activities", "activities", x_only);
  assert_ids (f->h, f->coord_c, "/v1/activities", "activities", "");
  /* Auditors: the prefecture's and A's see both, the sibling C's neither. */
  assert_ids (f->h, f->h->auditor, "/v1/activities", "activities", both);
  assert_ids (f->h, f->auditor_a, "/v1/activities", "activities", both);
  assert_ids (f->h, f->auditor_c, "/v1/activities", "activities", "");

  /* B reads but does not decide, nor report on A's supporter's behalf. */
  {
    g_autoptr(TsReply) approve = act (f->h, f->coord_b, act_x, "approve", NULL);
    g_autoptr(TsReply) reject = act (f->h, f->coord_b, act_x, "reject", "{\"reason\":\"重複\"}");
    g_autoptr(TsReply) withdraw = act (f->h, f->coord_b, act_x, "withdraw", NULL);
    g_autoptr(TsReply) patch = ts_harness_call (f->h, "PATCH", f->coord_b, "{\"minutes\":30}",
                                     "/v1/activities/%" G_GINT64_FORMAT, act_x);
    g_autoptr(TsReply) report_b = ts_harness_request (f->h, "POST", "/v1/activities", f->coord_b,
                                                      behalf, NULL);
    g_autoptr(TsReply) report_c = ts_harness_request (f->h, "POST", "/v1/activities", f->coord_c,
                                                      behalf, NULL);
    g_autoptr(TsReply) c_approve = act (f->h, f->coord_c, act_x, "approve", NULL);

    ts_assert_problem (approve, 403, "forbidden", NULL);
    ts_assert_problem (reject, 403, "forbidden", NULL);
    ts_assert_problem (withdraw, 403, "forbidden", NULL);
    ts_assert_problem (patch, 403, "forbidden", NULL);
    ts_assert_problem (report_b, 403, "forbidden", NULL);
    {
      g_autoptr(TsReply) no_asg = ts_harness_request (f->h, "POST", "/v1/activities", f->coord_c,
                                                      "{\"assignment_id\":999999,"
                                                      "\"date\":\"2026-05-11\",\"start\":\"10:00\","
                                                      "\"minutes\":60,\"kind\":\"phone\"}", NULL);
      assert_like_missing (report_c, no_asg);
    }
    assert_like_missing (c_approve, missing_act);
  }
  /* Still pending: none of it took. */
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count (*) FROM activities"
                                              " WHERE status = 'pending'"), ==, 2);
  {
    g_autoptr(TsReply) approve = act (f->h, f->coord_a, act_x, "approve", NULL);
    g_autoptr(TsReply) behalf_a = ts_harness_request (f->h, "POST", "/v1/activities", f->coord_a,
                                                      behalf, NULL);
    ts_assert_status (approve, 200);
    ts_assert_status (behalf_a, 201);
  }
}

/* ---- statements and the payments audit ---------------------------------- */

/* A's supporter's reports approved, and one of B's supporter on B's own
 * case; May 2026 issued by the administrator. */
static void
pay_may (Fixture *f)
{
  gint64 asg_b = 0;
  g_autofree char *tok_sup_b = ts_harness_user_token_in (f->h, "supporter", f->org_b, f->sup_b, 0);
  g_autoptr(TsReply) a = NULL;
  g_autoptr(TsReply) issue = NULL;
  gint64 ids[3];

  ts_harness_set_rates (f->h, "2026-04-01", 2000, 0, 1000);
  {
    g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                             G_GINT64_FORMAT ",\"starts_on\":\"2026-04-01\","
                                             "\"role\":\"co_supporter\"}", f->case_b, f->sup_b);
    a = ts_harness_request (f->h, "POST", "/v1/assignments", f->coord_b, body, NULL);
    ts_assert_status (a, 201);
    asg_b = ts_reply_id (a);
  }
  ids[0] = report (f->h, f->tok_sup_a, f->asg_a);
  ids[1] = report (f->h, f->tok_sup_a, f->asg_x);
  ids[2] = report (f->h, tok_sup_b, asg_b);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TsReply) r = act (f->h, i < 2 ? f->coord_a : f->coord_b, ids[i], "approve", NULL);
      ts_assert_status (r, 200);
    }
  issue = ts_harness_request (f->h, "POST", "/v1/payments/statements", f->h->admin,
                              "{\"month\":\"2026-05\"}", NULL);
  ts_assert_status (issue, 201);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (issue), "n_statements"), ==, 2);
}

/* The statement of @supporter_id in May, read by the administrator. */
static JsonObject *
statement_of (Fixture *f, gint64 supporter_id, TsReply **keep)
{
  JsonArray *items;

  *keep = ts_harness_request (f->h, "GET", "/v1/payments/statements?month=2026-05", f->h->admin,
                              NULL, NULL);
  ts_assert_status (*keep, 200);
  items = json_object_get_array_member (ts_reply_object (*keep), "statements");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *s = json_array_get_object_element (items, i);
      if (json_object_get_int_member (s, "payee_id") == supporter_id)
        return s;
    }
  g_error ("no statement for supporter %" G_GINT64_FORMAT, supporter_id);
  return NULL;
}

static void
test_statement_scope (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) all = NULL;
  g_autoptr(TsReply) all_b = NULL;
  JsonObject *st_a, *st_b;
  gint64 id_a, id_b;
  const char *paid = "{\"paid_on\":\"2026-06-10\"}";
  const char *accept[] = { "Accept", "text/csv", NULL };
  g_autoptr(TsReply) missing = NULL;
  g_autoptr(TsReply) missing_paid = NULL;

  (void) data;
  pay_may (f);
  st_a = statement_of (f, f->sup_a, &all);
  st_b = statement_of (f, f->sup_b, &all_b);
  id_a = json_object_get_int_member (st_a, "id");
  id_b = json_object_get_int_member (st_b, "id");
  g_assert_cmpint (json_object_get_int_member (st_a, "organisation_id"), ==, f->org_a);
  g_assert_cmpint (json_object_get_int_member (st_b, "organisation_id"), ==, f->org_b);
  missing = ts_harness_call (f->h, "GET", f->coord_b, NULL, "/v1/payments/statements/999999");
  missing_paid = ts_harness_call (f->h, "POST", f->coord_b, paid, "/v1/payments/statements/999999/paid");

  {
    g_autoptr(TsReply) a_a = ts_harness_call (f->h, "GET", f->coord_a, NULL,
                                   "/v1/payments/statements/%" G_GINT64_FORMAT, id_a);
    g_autoptr(TsReply) b_a = ts_harness_call (f->h, "GET", f->coord_b, NULL,
                                   "/v1/payments/statements/%" G_GINT64_FORMAT, id_a);
    g_autoptr(TsReply) c_a = ts_harness_call (f->h, "GET", f->auditor_c, NULL,
                                   "/v1/payments/statements/%" G_GINT64_FORMAT, id_a);
    g_autoptr(TsReply) p_a = ts_harness_call (f->h, "GET", f->h->auditor, NULL,
                                   "/v1/payments/statements/%" G_GINT64_FORMAT, id_a);
    g_autoptr(TsReply) b_paid = ts_harness_call (f->h, "POST", f->coord_b, paid,
                                      "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id_a);
    g_autoptr(TsReply) a_paid = ts_harness_call (f->h, "POST", f->coord_a, paid,
                                      "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id_a);

    ts_assert_status (a_a, 200);
    assert_like_missing (b_a, missing);
    assert_like_missing (c_a, missing);
    ts_assert_status (p_a, 200);
    assert_like_missing (b_paid, missing_paid);
    ts_assert_status (a_paid, 200);
  }
  /* The month as each sees it: its organisation's statements and their
   * total, not the month's. */
  {
    g_autofree char *only_a = g_strdup_printf ("%" G_GINT64_FORMAT, id_a);
    g_autofree char *only_b = g_strdup_printf ("%" G_GINT64_FORMAT, id_b);
    g_autoptr(TsReply) month_b = NULL;

    assert_ids (f->h, f->coord_a, "/v1/payments/statements?month=2026-05", "statements", only_a);
    assert_ids (f->h, f->coord_b, "/v1/payments/statements?month=2026-05", "statements", only_b);
    assert_ids (f->h, f->coord_c, "/v1/payments/statements?month=2026-05", "statements", "");
    assert_ids (f->h, f->auditor_c, "/v1/payments/statements?month=2026-05", "statements", "");
    month_b = ts_harness_request (f->h, "GET", "/v1/payments/statements?month=2026-05",
                                  f->coord_b, NULL, NULL);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (month_b), "total_yen"), ==,
                     json_object_get_int_member (st_b, "total_yen"));
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (month_b), "n_statements"), ==, 1);
  }
  /* The export (CSV) is the same list: C's has the header row only. */
  {
    g_autoptr(TsReply) csv_c = ts_harness_request (f->h, "GET",
                                                   "/v1/payments/statements?month=2026-05",
                                                   f->coord_c, NULL, accept);
    g_autoptr(TsReply) csv_b = ts_harness_request (f->h, "GET",
                                                   "/v1/payments/statements?month=2026-05",
                                                   f->coord_b, NULL, accept);
    g_autofree char *b_row = g_strdup_printf ("\r\n%" G_GINT64_FORMAT ",", id_b);
    g_autofree char *a_row = g_strdup_printf ("\r\n%" G_GINT64_FORMAT ",", id_a);

    ts_assert_status (csv_c, 200);
    /* One line: the header's. */
    g_assert_true (g_str_has_suffix (csv_c->body, "\r\n"));
    g_assert_cmpuint (strstr (csv_c->body, "\r\n") + 2 - csv_c->body, ==, strlen (csv_c->body));
    ts_assert_status (csv_b, 200);
    g_assert_nonnull (strstr (csv_b->body, b_row));
    g_assert_null (strstr (csv_b->body, a_row));
  }
}

static JsonArray *
audit_organisations (TsHarness *h, const char *token, TsReply **keep)
{
  *keep = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026", token, NULL, NULL);
  ts_assert_status (*keep, 200);
  return json_object_get_array_member (ts_reply_object (*keep), "organisations");
}

/* The audit groups the year by the payees' organisation; an auditor sees
 * its organisation and those below it. */
static void
test_payments_audit (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) all = NULL;
  g_autoptr(TsReply) all_b = NULL;
  g_autoptr(TsReply) p = NULL;
  g_autoptr(TsReply) a = NULL;
  g_autoptr(TsReply) c = NULL;
  JsonObject *st_a, *st_b;
  JsonArray *orgs;
  JsonObject *row;

  (void) data;
  pay_may (f);
  st_a = statement_of (f, f->sup_a, &all);
  st_b = statement_of (f, f->sup_b, &all_b);
  /* Two reports of A's supporter, one of B's, at 2,000 yen and 500 of
   * transport each. */
  g_assert_cmpint (json_object_get_int_member (st_a, "total_yen"), ==, 5000);
  g_assert_cmpint (json_object_get_int_member (st_b, "total_yen"), ==, 2500);

  orgs = audit_organisations (f->h, f->h->auditor, &p);
  g_assert_cmpuint (json_array_get_length (orgs), ==, 2);
  row = json_array_get_object_element (orgs, 0);
  g_assert_cmpint (json_object_get_int_member (row, "organisation_id"), ==, f->org_a);
  g_assert_cmpint (json_object_get_int_member (row, "total_yen"), ==,
                   json_object_get_int_member (st_a, "total_yen"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (row, "by_payee_type"),
                                               "supporter"), ==,
                   json_object_get_int_member (st_a, "total_yen"));
  row = json_array_get_object_element (orgs, 1);
  g_assert_cmpint (json_object_get_int_member (row, "organisation_id"), ==, f->org_b);
  g_assert_cmpint (json_object_get_int_member (row, "total_yen"), ==,
                   json_object_get_int_member (st_b, "total_yen"));
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (p), "total_yen"), ==,
                   json_object_get_int_member (st_a, "total_yen") +
                   json_object_get_int_member (st_b, "total_yen"));
  {
    JsonArray *payees = json_object_get_array_member (ts_reply_object (p), "payees");
    g_assert_cmpuint (json_array_get_length (payees), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (payees, 0),
                                                 "organisation_id"), ==, f->org_a);
  }

  orgs = audit_organisations (f->h, f->auditor_a, &a);
  g_assert_cmpuint (json_array_get_length (orgs), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (orgs, 0),
                                               "organisation_id"), ==, f->org_a);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (a), "total_yen"), ==,
                   json_object_get_int_member (st_a, "total_yen"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (a),
                                                                         "payees")), ==, 1);

  orgs = audit_organisations (f->h, f->auditor_c, &c);
  g_assert_cmpuint (json_array_get_length (orgs), ==, 0);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (c), "total_yen"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (c),
                                                                         "payees")), ==, 0);
}

/* ---- the audit log ------------------------------------------------------- */

/* Every entry of a GET /v1/audit/log, page by page (limit 7); asserts that
 * each is of an organisation @allowed accepts. */
static guint
audit_entries (TsHarness *h, const char *token, const gint64 *allowed, guint n_allowed,
               gboolean *saw_null)
{
  g_autofree char *cursor = NULL;
  guint n = 0, pages = 0;

  *saw_null = FALSE;
  do
    {
      g_autofree char *path = cursor != NULL
                                ? g_strdup_printf ("/v1/audit/log?limit=7&cursor=%s", cursor)
                                : g_strdup ("/v1/audit/log?limit=7");
      g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, token, NULL, NULL);
      JsonArray *entries;
      JsonNode *next;

      ts_assert_status (r, 200);
      entries = json_object_get_array_member (ts_reply_object (r), "entries");
      g_assert_cmpuint (json_array_get_length (entries), <=, 7);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *e = json_array_get_object_element (entries, i);
          JsonNode *org = json_object_get_member (e, "organisation_id");
          gboolean ok = FALSE;

          g_assert_nonnull (org);
          g_assert_true (json_object_has_member (e, "seq"));
          g_assert_true (json_object_has_member (e, "action"));
          if (JSON_NODE_HOLDS_NULL (org))
            {
              *saw_null = TRUE;
              ok = allowed == NULL;
            }
          else
            for (guint j = 0; allowed == NULL || j < n_allowed; j++)
              if (allowed == NULL || json_node_get_int (org) == allowed[j])
                {
                  ok = TRUE;
                  break;
                }
          if (!ok)
            g_error ("an entry out of scope: %s", r->body);
          n++;
        }
      g_clear_pointer (&cursor, g_free);
      next = json_object_get_member (ts_reply_object (r), "next_cursor");
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, >=, 1);
  return n;
}

/* An auditor reads the entries of its organisation and those below it;
 * an administrator every entry, also those of the command line (none). */
static void
test_audit_log (Fixture *f, gconstpointer data)
{
  const gint64 prefecture[] = { 1, f->org_a, f->org_b, f->org_c };
  const gint64 only_a[] = { f->org_a };
  const gint64 only_c[] = { f->org_c };
  gboolean saw_null;
  guint all, p, a, c;
  gint64 total;

  (void) data;
  {
    /* Something of C's own. */
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/assignments", f->coord_c, NULL,
                                               NULL);
    ts_assert_status (r, 200);
  }
  all = audit_entries (f->h, f->h->admin, NULL, 0, &saw_null);
  g_assert_true (saw_null);                 /* the harness's users, made by the command line */
  total = ts_harness_sql_int (f->h, "SELECT count (*) FROM audit_log");
  /* The admin's own list entries are written after each page is read. */
  g_assert_cmpint (all, <, total);
  p = audit_entries (f->h, f->h->auditor, prefecture, G_N_ELEMENTS (prefecture), &saw_null);
  g_assert_false (saw_null);
  /* The prefecture's auditor: every entry with an organisation (all are
   * below it) but its last page's own. */
  g_assert_cmpint (p, ==, ts_harness_sql_int (f->h, "SELECT count (*) FROM audit_log"
                                                    " WHERE organisation_id IS NOT NULL") - 1);
  a = audit_entries (f->h, f->auditor_a, only_a, 1, &saw_null);
  g_assert_cmpuint (a, >, 0);
  c = audit_entries (f->h, f->auditor_c, only_c, 1, &saw_null);
  g_assert_cmpuint (c, >, 0);
  g_assert_cmpuint (a + c, <, p);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit_log"
                                            " WHERE organisation_id = %" G_GINT64_FORMAT, f->org_a);
    /* Every entry of A's but the one its last page left (each page is
     * logged once read, and the next page sees it). */
    g_assert_cmpint (a, ==, ts_harness_sql_int (f->h, sql) - 1);
  }
}

static void
test_audit_log_refused (Fixture *f, gconstpointer data)
{
  (void) data;
  {
    g_autoptr(TsReply) coord = ts_harness_request (f->h, "GET", "/v1/audit/log", f->coord_a,
                                                   NULL, NULL);
    g_autoptr(TsReply) admin_coord = ts_harness_request (f->h, "GET", "/v1/audit/log",
                                                         f->h->coordinator, NULL, NULL);
    g_autoptr(TsReply) sup = ts_harness_request (f->h, "GET", "/v1/audit/log", f->tok_sup_a,
                                                 NULL, NULL);
    g_autoptr(TsReply) anon = ts_harness_request (f->h, "GET", "/v1/audit/log", NULL, NULL, NULL);

    ts_assert_problem (coord, 403, "forbidden", NULL);
    ts_assert_problem (admin_coord, 403, "forbidden", NULL);
    ts_assert_problem (sup, 403, "forbidden", NULL);
    ts_assert_status (anon, 401);
  }
  {
    static const struct {
      const char *query;
      guint       status;
      const char *code;
      const char *field;
    } bad[] = {
      { "?limit=0", 422, "validation_failed", "limit" },
      { "?limit=201", 422, "validation_failed", "limit" },
      { "?limit=x", 422, "validation_failed", "limit" },
      { "?cursor=bogus", 422, "validation_failed", "cursor" },
      { "?seq=1", 400, "unknown_field", "seq" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strconcat ("/v1/audit/log", bad[i].query, NULL);
        g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, f->h->auditor, NULL, NULL);
        if (r->status != bad[i].status || g_strcmp0 (ts_reply_code (r), bad[i].code) != 0 ||
            !ts_reply_has_field_error (r, bad[i].field))
          g_error ("%s: expected %u %s on %s, got %u: %s", bad[i].query, bad[i].status,
                   bad[i].code, bad[i].field, r->status, r->body);
      }
  }
  {
    /* A cursor of another list is not this one's. */
    g_autoptr(TsReply) page = ts_harness_request (f->h, "GET", "/v1/assignments?limit=1",
                                                  f->h->admin, NULL, NULL);
    const char *other = json_object_get_string_member (ts_reply_object (page), "next_cursor");
    g_autofree char *path = g_strdup_printf ("/v1/audit/log?cursor=%s", other);
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, f->h->auditor, NULL, NULL);

    g_assert_nonnull (other);
    ts_assert_problem (r, 422, "validation_failed", "cursor");
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/scope-money/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("assignment-create", test_assignment_create);
  ADD ("assignment-read", test_assignment_read);
  ADD ("assignment-end", test_assignment_end);
  ADD ("activity", test_activity_scope);
  ADD ("statement", test_statement_scope);
  ADD ("payments-audit", test_payments_audit);
  ADD ("audit-log", test_audit_log);
  ADD ("audit-log-refused", test_audit_log_refused);
#undef ADD
  return g_test_run ();
}
