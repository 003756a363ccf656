/*
 * Activity reports on a live server (SPEC 2.4, 3.2; issue 5): reporting
 * with an Idempotency-Key (also from 8 threads at once), every refusal the
 * issue lists, the states pending → approved | rejected | withdrawn, edits
 * while pending, reversal after approval, pricing at the rates in force on
 * the report's date, lists with filters and cursors, and who sees what:
 * a supporter only their own, an auditor no note and no case.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY), fiscal year 2026.
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"

typedef struct {
  TsHarness *h;
  gint64     sup_a, sup_b;            /* two eligible supporters */
  gint64     case_a, case_b;
  gint64     asg_a, asg_b;            /* each supporter's assignment, from 2026-04-01 */
  char      *tok_a, *tok_b;           /* their tokens */
} Fixture;

/* ---- helpers ----------------------------------------------------------- */

/* A registered supporter, trained on @trained_on, insured until @insured. */
static gint64
supporter (TsHarness *h, const char *trained_on, const char *insured)
{
  g_autofree char *overrides = g_strdup_printf ("\"insurance_until\":\"%s\"", insured);
  g_autofree char *training = g_strdup_printf ("{\"kind\":\"initial\",\"completed_on\":\"%s\"}",
                                               trained_on);
  gint64 id = ts_harness_create_supporter (h, overrides);
  g_autoptr(TsReply) t = ts_harness_call (h, "POST", h->coordinator, training,
                               "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
  g_autoptr(TsReply) r = NULL;

  ts_assert_status (t, 201);
  r = ts_harness_call (h, "POST", h->coordinator, "{\"registered_on\":\"2025-05-01\"}",
            "/v1/supporters/%" G_GINT64_FORMAT "/register", id);
  ts_assert_status (r, 200);
  return id;
}

static gint64
make_case (TsHarness *h)
{
  const char *body = "{\"nickname\":\"Kさん\",\"municipality_code\":\"092029\",\"age_band\":\"20s\","
                     "\"gender\":\"male\",\"household\":\"two\","
                     "\"consent\":{\"obtained_on\":\"2025-03-01\",\"scope\":[\"matching\",\"support\"]}}";
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/cases", h->coordinator, body, NULL);
  g_autoptr(TsReply) a = NULL;
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  a = ts_harness_call (h, "POST", h->coordinator,
            "{\"held_on\":\"2025-03-10\",\"participants\":[\"coordinator\"],\"summary\":\"ケース会議\"}",
            "/v1/cases/%" G_GINT64_FORMAT "/assessment", id);
  ts_assert_status (a, 201);
  return id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->h = ts_harness_new ();
  f->sup_a = supporter (f->h, "2025-04-10", "2027-03-31");
  f->sup_b = supporter (f->h, "2025-04-10", "2027-03-31");
  f->case_a = make_case (f->h);
  f->case_b = make_case (f->h);
  f->asg_a = ts_harness_create_assignment (f->h, f->h->coordinator, f->case_a, f->sup_a,
                                           "2026-04-01");
  f->asg_b = ts_harness_create_assignment (f->h, f->h->coordinator, f->case_b, f->sup_b,
                                           "2026-04-01");
  f->tok_a = ts_harness_user_token (f->h, "supporter", f->sup_a, 0);
  f->tok_b = ts_harness_user_token (f->h, "supporter", f->sup_b, 0);
  /* The literal bodies below name supporter A's assignment as 1. */
  g_assert_cmpint (f->asg_a, ==, 1);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->tok_a);
  g_free (f->tok_b);
  ts_harness_free (f->h);
}

static char *
report_body (gint64 assignment_id, const char *date, const char *extra)
{
  return g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\","
                          "\"start\":\"10:00\",\"minutes\":90,\"kind\":\"home_visit\","
                          "\"transport_yen\":1500,\"note\":\"一緒に散歩をした\"%s%s}",
                          assignment_id, date, extra != NULL ? "," : "", extra != NULL ? extra : "");
}

static TsReply *
report (TsHarness *h, const char *token, gint64 assignment_id, const char *date, const char *extra)
{
  g_autofree char *body = report_body (assignment_id, date, extra);
  return ts_harness_request (h, "POST", "/v1/activities", token, body, NULL);
}

static gint64
report_ok (TsHarness *h, const char *token, gint64 assignment_id, const char *date)
{
  g_autoptr(TsReply) r = report (h, token, assignment_id, date, NULL);
  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static TsReply *
act (TsHarness *h, const char *token, gint64 id, const char *action, const char *body)
{
  return ts_harness_call (h, "POST", token, body, "/v1/activities/%" G_GINT64_FORMAT "/%s", id, action);
}

static guint
count_activities (TsHarness *h, const char *token, const char *query)
{
  g_autofree char *path = g_strconcat ("/v1/activities?limit=200", query != NULL ? "&" : "",
                                       query != NULL ? query : "", NULL);
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, token, NULL, NULL);

  ts_assert_status (r, 200);
  return json_array_get_length (json_object_get_array_member (ts_reply_object (r), "activities"));
}

/* ---- report ------------------------------------------------------------ */

static void
test_report (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autoptr(TsReply) r = report (h, f->tok_a, f->asg_a, "2026-05-10", NULL);
  g_autoptr(TsReply) staff = NULL;
  JsonObject *o;

  (void) data;
  ts_assert_status (r, 201);
  o = ts_reply_object (r);
  g_assert_cmpint (json_object_get_int_member (o, "assignment_id"), ==, f->asg_a);
  g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, f->case_a);
  g_assert_cmpint (json_object_get_int_member (o, "supporter_id"), ==, f->sup_a);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-05-10");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "10:00");
  g_assert_cmpint (json_object_get_int_member (o, "minutes"), ==, 90);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "home_visit");
  g_assert_cmpint (json_object_get_int_member (o, "transport_yen"), ==, 1500);
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "一緒に散歩をした");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "pending");
  g_assert_false (json_object_get_boolean_member (o, "on_behalf"));
  g_assert_true (json_object_get_null_member (o, "honorarium_yen"));
  g_assert_true (json_object_get_null_member (o, "reversal_of"));
  {
    g_autofree char *loc = g_strdup_printf ("/v1/activities/%" G_GINT64_FORMAT, ts_reply_id (r));
    g_assert_cmpstr (ts_reply_header (r, "Location"), ==, loc);
    g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v1\"");
  }

  /* A coordinator on the supporter's behalf, recorded as such; transport
   * and note are optional. */
  staff = ts_harness_request (h, "POST", "/v1/activities", h->coordinator,
                              "{\"assignment_id\":1,\"date\":\"2026-06-15\",\"start\":\"23:59\","
                              "\"minutes\":1,\"kind\":\"phone\"}", NULL);
  ts_assert_status (staff, 201);
  o = ts_reply_object (staff);
  g_assert_true (json_object_get_boolean_member (o, "on_behalf"));
  g_assert_cmpint (json_object_get_int_member (o, "transport_yen"), ==, 0);
  g_assert_true (json_object_get_null_member (o, "note"));
  g_assert_cmpint (json_object_get_int_member (o, "supporter_id"), ==, f->sup_a);
}

static void
test_report_roles (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *host = ts_harness_user_token (h, "host", 0, 7);
  g_autoptr(TsReply) none = report (h, NULL, f->asg_a, "2026-05-10", NULL);
  g_autoptr(TsReply) auditor = report (h, h->auditor, f->asg_a, "2026-05-10", NULL);
  g_autoptr(TsReply) hosted = report (h, host, f->asg_a, "2026-05-10", NULL);
  g_autoptr(TsReply) admin = report (h, h->admin, f->asg_a, "2026-05-10", NULL);
  g_autoptr(TsReply) list_host = ts_harness_request (h, "GET", "/v1/activities", host, NULL, NULL);
  g_autoptr(TsReply) list_none = ts_harness_request (h, "GET", "/v1/activities", NULL, NULL, NULL);

  (void) data;
  ts_assert_status (none, 401);
  ts_assert_problem (auditor, 403, "forbidden", NULL);
  ts_assert_problem (hosted, 403, "forbidden", NULL);
  ts_assert_status (admin, 201);
  ts_assert_problem (list_host, 403, "forbidden", NULL);
  ts_assert_status (list_none, 401);
  g_assert_cmpuint (count_activities (h, h->coordinator, NULL), ==, 1);
}

static void
test_report_bad_input (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *long_note = NULL;
  g_autofree char *ok_note = NULL;
  struct {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } bad[] = {
    { "{\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "assignment_id" },
    { "{\"assignment_id\":1,\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "date" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "start" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"kind\":\"phone\"}",
      422, "validation_failed", "minutes" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60}",
      422, "validation_failed", "kind" },
    /* the future, before the assignment, a date that is not one */
    { "{\"assignment_id\":1,\"date\":\"2026-06-16\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "date" },
    { "{\"assignment_id\":1,\"date\":\"2026-03-31\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "date" },
    { "{\"assignment_id\":1,\"date\":\"2026-02-30\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "date" },
    { "{\"assignment_id\":1,\"date\":\"2026-5-10\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "date" },
    /* minutes outside 1..720, or not a number */
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":0,\"kind\":\"phone\"}",
      422, "validation_failed", "minutes" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":721,\"kind\":\"phone\"}",
      422, "validation_failed", "minutes" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":\"60\",\"kind\":\"phone\"}",
      422, "validation_failed", "minutes" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60.5,\"kind\":\"phone\"}",
      422, "validation_failed", "minutes" },
    /* negative or absurd transport */
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\",\"transport_yen\":-1}",
      422, "validation_failed", "transport_yen" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\",\"transport_yen\":50001}",
      422, "validation_failed", "transport_yen" },
    /* unknown kind */
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"karaoke\"}",
      422, "validation_failed", "kind" },
    /* a start that is not a time */
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"25:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "start" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10h\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "start" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"24:00\",\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "start" },
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":600,\"minutes\":60,\"kind\":\"phone\"}",
      422, "validation_failed", "start" },
    /* unknown fields, and a body that is not an object */
    { "{\"assignment_id\":1,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\",\"mood\":\"good\"}",
      400, "unknown_field", "mood" },
    { "[1,2]", 422, "validation_failed", "body" },
    /* unknown assignment */
    { "{\"assignment_id\":99999,\"date\":\"2026-05-10\",\"start\":\"10:00\",\"minutes\":60,\"kind\":\"phone\"}",
      404, "not_found", NULL },
  };
  g_autoptr(GString) note = g_string_new (NULL);

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/activities", f->tok_a, bad[i].body, NULL);
      if (r->status != bad[i].status || g_strcmp0 (ts_reply_code (r), bad[i].code) != 0 ||
          (bad[i].field != NULL && !ts_reply_has_field_error (r, bad[i].field)))
        g_error ("%s: expected %u %s on %s, got %u: %s", bad[i].body, bad[i].status, bad[i].code,
                 bad[i].field, r->status, r->body);
    }

  /* A note of 1,000 characters is fine, 1,001 is not. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (note, "あ");
  ok_note = g_strdup_printf ("\"note\":\"%s\"", note->str);
  g_string_append (note, "い");
  long_note = g_strdup_printf ("\"note\":\"%s\"", note->str);
  {
    g_autofree char *body_ok = g_strdup_printf (
      "{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-05-10\",\"start\":\"10:00\","
      "\"minutes\":60,\"kind\":\"phone\",%s}", f->asg_a, ok_note);
    g_autofree char *body_long = g_strdup_printf (
      "{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-05-10\",\"start\":\"10:00\","
      "\"minutes\":60,\"kind\":\"phone\",%s}", f->asg_a, long_note);
    g_autoptr(TsReply) good = ts_harness_request (h, "POST", "/v1/activities", f->tok_a, body_ok, NULL);
    g_autoptr(TsReply) bad_note = ts_harness_request (h, "POST", "/v1/activities", f->tok_a, body_long, NULL);

    ts_assert_status (good, 201);
    ts_assert_problem (bad_note, 422, "validation_failed", "note");
  }

  /* After the assignment ended. */
  {
    g_autoptr(TsReply) end = ts_harness_call (h, "POST", h->coordinator, "{\"ended_on\":\"2026-05-31\",\"reason\":\"目標達成\"}",
                                   "/v1/assignments/%" G_GINT64_FORMAT "/end", f->asg_a);
    g_autoptr(TsReply) late = report (h, f->tok_a, f->asg_a, "2026-06-01", NULL);
    g_autoptr(TsReply) within = report (h, f->tok_a, f->asg_a, "2026-05-31", NULL);

    ts_assert_status (end, 200);
    ts_assert_problem (late, 422, "validation_failed", "date");
    /* Reported after the end, for a day while it ran: accepted. */
    ts_assert_status (within, 201);
  }

  /* Every field error of one body at once. */
  {
    g_autoptr(TsReply) r = ts_harness_request (
      h, "POST", "/v1/activities", f->tok_a,
      "{\"assignment_id\":1,\"date\":\"2099-01-01\",\"start\":\"x\",\"minutes\":0,"
      "\"kind\":\"dance\",\"transport_yen\":-5}", NULL);
    ts_assert_problem (r, 422, "validation_failed", "date");
    g_assert_true (ts_reply_has_field_error (r, "start"));
    g_assert_true (ts_reply_has_field_error (r, "minutes"));
    g_assert_true (ts_reply_has_field_error (r, "kind"));
    g_assert_true (ts_reply_has_field_error (r, "transport_yen"));
  }

  /* Oversize bodies are refused before anything is read. */
  {
    g_autoptr(GString) big = g_string_new ("{\"note\":\"");
    g_autoptr(TsReply) r = NULL;
    while (big->len < 2 * 1024 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    r = ts_harness_request (h, "POST", "/v1/activities", f->tok_a, big->str, NULL);
    ts_assert_problem (r, 413, "payload_too_large", NULL);
  }

  /* Only the two good reports exist. */
  g_assert_cmpuint (count_activities (h, h->coordinator, NULL), ==, 2);
}

/* ---- eligibility --------------------------------------------------------- */

static void
test_report_not_eligible (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  /* Insured until the end of April only. */
  gint64 uninsured = supporter (h, "2025-04-10", "2026-04-30");
  /* Trained 2023-01-10: follow-up due 2026-01-10, lapsed from 2026-01-11. */
  gint64 lapsing = supporter (h, "2023-01-10", "2027-03-31");
  gint64 a1 = ts_harness_create_assignment (h, h->coordinator, make_case (h), uninsured,
                                            "2026-04-01");
  gint64 a2 = ts_harness_create_assignment (h, h->coordinator, make_case (h), lapsing,
                                            "2025-12-01");
  g_autofree char *tok1 = ts_harness_user_token (h, "supporter", uninsured, 0);
  g_autofree char *tok2 = ts_harness_user_token (h, "supporter", lapsing, 0);
  g_autoptr(TsReply) ok1 = report (h, tok1, a1, "2026-04-30", NULL);
  g_autoptr(TsReply) no1 = report (h, tok1, a1, "2026-05-01", NULL);
  g_autoptr(TsReply) ok2 = report (h, tok2, a2, "2026-01-10", NULL);
  g_autoptr(TsReply) no2 = report (h, tok2, a2, "2026-01-11", NULL);
  JsonArray *reasons;

  (void) data;
  ts_assert_status (ok1, 201);
  ts_assert_problem (no1, 422, "supporter_not_eligible", NULL);
  reasons = json_object_get_array_member (ts_reply_object (no1), "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (reasons, 0), ==, "insurance_not_valid");

  ts_assert_status (ok2, 201);
  ts_assert_problem (no2, 422, "supporter_not_eligible", NULL);
  reasons = json_object_get_array_member (ts_reply_object (no2), "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (reasons, 0), ==, "qualification_lapsed");

  /* An edit to an uncovered date is refused the same way. */
  {
    g_autoptr(TsReply) edit = ts_harness_call (h, "PATCH", tok1, "{\"date\":\"2026-05-02\"}",
                                    "/v1/activities/%" G_GINT64_FORMAT, ts_reply_id (ok1));
    ts_assert_problem (edit, 422, "supporter_not_eligible", NULL);
  }
}

/* ---- object-level access ------------------------------------------------- */

static void
test_other_supporter (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 mine = report_ok (h, f->tok_a, f->asg_a, "2026-05-10");
  g_autoptr(TsReply) theirs = report (h, f->tok_b, f->asg_a, "2026-05-10", NULL);
  g_autoptr(TsReply) unknown = report (h, f->tok_b, 99999, "2026-05-10", NULL);
  g_autoptr(TsReply) get = ts_harness_call (h, "GET", f->tok_b, NULL, "/v1/activities/%" G_GINT64_FORMAT, mine);
  g_autoptr(TsReply) patch = ts_harness_call (h, "PATCH", f->tok_b, "{\"minutes\":30}",
                                   "/v1/activities/%" G_GINT64_FORMAT, mine);
  g_autoptr(TsReply) withdraw = act (h, f->tok_b, mine, "withdraw", NULL);
  g_autoptr(TsReply) own = ts_harness_call (h, "GET", f->tok_a, NULL, "/v1/activities/%" G_GINT64_FORMAT, mine);
  g_autofree char *filter = g_strdup_printf ("supporter_id=%" G_GINT64_FORMAT, f->sup_a);

  (void) data;
  /* Another supporter's assignment looks exactly like one that does not
   * exist. */
  ts_assert_problem (theirs, 404, "not_found", NULL);
  ts_assert_problem (unknown, 404, "not_found", NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (theirs), "detail"), ==,
                   json_object_get_string_member (ts_reply_object (unknown), "detail"));
  ts_assert_problem (get, 404, "not_found", NULL);
  ts_assert_problem (patch, 404, "not_found", NULL);
  ts_assert_problem (withdraw, 404, "not_found", NULL);
  ts_assert_status (own, 200);

  report_ok (h, f->tok_b, f->asg_b, "2026-05-11");
  g_assert_cmpuint (count_activities (h, f->tok_a, NULL), ==, 1);
  g_assert_cmpuint (count_activities (h, f->tok_b, NULL), ==, 1);
  g_assert_cmpuint (count_activities (h, f->tok_b, filter), ==, 0);
  g_assert_cmpuint (count_activities (h, h->coordinator, NULL), ==, 2);
  g_assert_cmpuint (count_activities (h, h->coordinator, filter), ==, 1);
}

/* ---- Idempotency-Key ---------------------------------------------------- */

static TsReply *
report_with_key (TsHarness *h, const char *token, const char *key, const char *body)
{
  const char *headers[] = { "Idempotency-Key", key, NULL };
  return ts_harness_request (h, "POST", "/v1/activities", token, body, headers);
}

static void
test_idempotency (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *body = report_body (f->asg_a, "2026-05-10", NULL);
  g_autofree char *other = report_body (f->asg_a, "2026-05-11", NULL);
  g_autoptr(TsReply) first = report_with_key (h, f->tok_a, "3f6c2a9e-7b1d-4e0f-9a55-1c2d3e4f5a6b", body);
  g_autoptr(TsReply) again = report_with_key (h, f->tok_a, "3f6c2a9e-7b1d-4e0f-9a55-1c2d3e4f5a6b", body);
  g_autoptr(TsReply) reused = report_with_key (h, f->tok_a, "3f6c2a9e-7b1d-4e0f-9a55-1c2d3e4f5a6b", other);
  /* The same key by another user is another key. */
  g_autoptr(TsReply) staff = report_with_key (h, h->coordinator, "3f6c2a9e-7b1d-4e0f-9a55-1c2d3e4f5a6b", body);
  g_autoptr(GString) long_key = g_string_new (NULL);
  g_autoptr(TsReply) too_long = NULL;
  g_autoptr(TsReply) spaced = NULL;

  (void) data;
  ts_assert_status (first, 201);
  ts_assert_status (again, 201);
  g_assert_cmpstr (first->body, ==, again->body);
  g_assert_cmpstr (ts_reply_header (again, "Idempotent-Replayed"), ==, "true");
  g_assert_null (ts_reply_header (first, "Idempotent-Replayed"));
  ts_assert_problem (reused, 422, "idempotency_key_reused", NULL);
  ts_assert_status (staff, 201);
  g_assert_cmpint (ts_reply_id (staff), !=, ts_reply_id (first));
  g_assert_cmpuint (count_activities (h, h->coordinator, NULL), ==, 2);

  /* The answer stays the first one even after the report changed. */
  {
    g_autoptr(TsReply) approve = act (h, h->coordinator, ts_reply_id (first), "approve", NULL);
    g_autoptr(TsReply) later = report_with_key (h, f->tok_a, "3f6c2a9e-7b1d-4e0f-9a55-1c2d3e4f5a6b", body);
    ts_assert_status (approve, 200);
    ts_assert_status (later, 201);
    g_assert_cmpstr (later->body, ==, first->body);
  }

  for (guint i = 0; i < 256; i++)
    g_string_append_c (long_key, 'k');
  too_long = report_with_key (h, f->tok_a, long_key->str, body);
  ts_assert_problem (too_long, 422, "validation_failed", "Idempotency-Key");
  spaced = report_with_key (h, f->tok_a, "a key", body);
  ts_assert_problem (spaced, 422, "validation_failed", "Idempotency-Key");
  g_assert_cmpuint (count_activities (h, h->coordinator, NULL), ==, 2);
}

/* Eight phones (or one phone's eight retries) at the same moment, each on
 * its own connection: one report, eight identical answers. */
typedef struct {
  const char *base;
  const char *token;
  const char *body;
  GMutex     *lock;
  GCond      *cond;
  gint       *waiting;
  guint       status;
  char       *reply;
} RetryData;

static gpointer
retry_thread (gpointer user_data)
{
  RetryData *d = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *url = g_strconcat (d->base, "/v1/activities", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *auth = g_strconcat ("Bearer ", d->token, NULL);
  g_autoptr(GBytes) body = g_bytes_new (d->body, strlen (d->body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                "phone-queue-0001");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  /* A barrier, so that the requests leave together. */
  g_mutex_lock (d->lock);
  if (--(*d->waiting) == 0)
    g_cond_broadcast (d->cond);
  while (*d->waiting > 0)
    g_cond_wait (d->cond, d->lock);
  g_mutex_unlock (d->lock);

  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  d->status = soup_message_get_status (msg);
  d->reply = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return NULL;
}

static void
test_idempotency_concurrent (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *body = report_body (f->asg_a, "2026-05-10", NULL);
  RetryData d[8];
  GThread *threads[8];
  GMutex lock;
  GCond cond;
  gint waiting = G_N_ELEMENTS (d);
  guint replayed_answers = 0;

  (void) data;
  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    {
      d[i] = (RetryData) { h->base, f->tok_a, body, &lock, &cond, &waiting, 0, NULL };
      threads[i] = g_thread_new ("retry", retry_thread, &d[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    {
      g_assert_cmpuint (d[i].status, ==, 201);
      g_assert_cmpstr (d[i].reply, ==, d[0].reply);
      replayed_answers++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    g_free (d[i].reply);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  g_assert_cmpuint (replayed_answers, ==, 8);
  g_assert_cmpuint (count_activities (h, h->coordinator, NULL), ==, 1);
}

/* ---- life cycle ---------------------------------------------------------- */

static void
test_lifecycle (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 id = report_ok (h, f->tok_a, f->asg_a, "2026-05-10");
  gint64 other = report_ok (h, f->tok_a, f->asg_a, "2026-05-12");
  gint64 third = report_ok (h, f->tok_a, f->asg_a, "2026-05-13");
  JsonObject *o;

  (void) data;
  /* 1,000 per activity + 1,200/h; transport capped at 1,000. */
  ts_harness_set_rates (h, "2026-04-01", 1000, 1200, 1000);

  /* Edit while pending, with If-Match. */
  {
    g_autoptr(TsReply) stale = NULL;
    g_autoptr(TsReply) edit = NULL;
    const char *if_match[] = { "If-Match", "\"v1\"", NULL };
    const char *if_stale[] = { "If-Match", "\"v7\"", NULL };
    g_autofree char *path = g_strdup_printf ("/v1/activities/%" G_GINT64_FORMAT, id);

    stale = ts_harness_request (h, "PATCH", path, f->tok_a, "{\"minutes\":100}", if_stale);
    ts_assert_problem (stale, 412, "precondition_failed", NULL);
    edit = ts_harness_request (h, "PATCH", path, f->tok_a,
                               "{\"minutes\":100,\"kind\":\"accompany\",\"note\":null}", if_match);
    ts_assert_status (edit, 200);
    o = ts_reply_object (edit);
    g_assert_cmpint (json_object_get_int_member (o, "minutes"), ==, 100);
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "accompany");
    g_assert_true (json_object_get_null_member (o, "note"));
    g_assert_cmpstr (ts_reply_header (edit, "ETag"), ==, "\"v2\"");
  }
  {
    g_autoptr(TsReply) bad = ts_harness_call (h, "PATCH", f->tok_a, "{\"minutes\":0,\"assignment_id\":2}",
                                   "/v1/activities/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) unknown = ts_harness_call (h, "PATCH", f->tok_a, "{\"weather\":\"rain\"}",
                                       "/v1/activities/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) missing = ts_harness_call (h, "PATCH", f->tok_a, "{\"minutes\":10}", "/v1/activities/99999");
    g_autoptr(TsReply) auditor = ts_harness_call (h, "PATCH", h->auditor, "{\"minutes\":10}",
                                       "/v1/activities/%" G_GINT64_FORMAT, id);
    ts_assert_problem (bad, 422, "validation_failed", "minutes");
    g_assert_true (ts_reply_has_field_error (bad, "assignment_id"));
    ts_assert_problem (unknown, 400, "unknown_field", "weather");
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
  }

  /* Approve: priced at the rates of its date. 100 min → 1,000 + 2,000. */
  {
    g_autoptr(TsReply) supporter = act (h, f->tok_a, id, "approve", NULL);
    g_autoptr(TsReply) auditor = act (h, h->auditor, id, "approve", NULL);
    g_autoptr(TsReply) body = act (h, h->coordinator, id, "approve", "{\"note\":\"x\"}");
    g_autoptr(TsReply) missing = act (h, h->coordinator, 99999, "approve", NULL);
    g_autoptr(TsReply) ok = act (h, h->coordinator, id, "approve", NULL);
    g_autoptr(TsReply) twice = act (h, h->coordinator, id, "approve", NULL);
    g_autoptr(TsReply) edit = ts_harness_call (h, "PATCH", f->tok_a, "{\"minutes\":10}",
                                    "/v1/activities/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) withdraw = act (h, f->tok_a, id, "withdraw", NULL);

    ts_assert_problem (supporter, 403, "forbidden", NULL);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_problem (body, 400, "unknown_field", "note");
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_status (ok, 200);
    o = ts_reply_object (ok);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "approved");
    g_assert_cmpint (json_object_get_int_member (o, "honorarium_yen"), ==, 3000);
    g_assert_cmpint (json_object_get_int_member (o, "transport_paid_yen"), ==, 1000);
    g_assert_cmpint (json_object_get_int_member (o, "total_yen"), ==, 4000);
    g_assert_cmpstr (json_object_get_string_member (o, "rates_effective_from"), ==, "2026-04-01");
    ts_assert_problem (twice, 409, "invalid_transition", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (twice), "current_status"), ==,
                     "approved");
    ts_assert_problem (edit, 409, "invalid_transition", NULL);
    ts_assert_problem (withdraw, 409, "invalid_transition", NULL);
  }

  /* Reject needs a reason. */
  {
    g_autoptr(TsReply) none = act (h, h->coordinator, other, "reject", "{}");
    g_autoptr(TsReply) blank = act (h, h->coordinator, other, "reject", "{\"reason\":\"  \"}");
    g_autoptr(TsReply) typed = act (h, h->coordinator, other, "reject", "{\"reason\":5}");
    g_autoptr(TsReply) ok = act (h, h->coordinator, other, "reject", "{\"reason\":\"日付の誤り\"}");
    g_autoptr(TsReply) approve = act (h, h->coordinator, other, "approve", NULL);
    ts_assert_problem (none, 422, "validation_failed", "reason");
    ts_assert_problem (blank, 422, "validation_failed", "reason");
    ts_assert_problem (typed, 422, "validation_failed", "reason");
    ts_assert_status (ok, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "status"), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "reject_reason"), ==,
                     "日付の誤り");
    ts_assert_problem (approve, 409, "invalid_transition", NULL);
  }

  /* Withdraw by the supporter while pending. */
  {
    g_autoptr(TsReply) ok = act (h, f->tok_a, third, "withdraw", NULL);
    g_autoptr(TsReply) again = act (h, f->tok_a, third, "withdraw", NULL);
    ts_assert_status (ok, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "status"), ==, "withdrawn");
    ts_assert_problem (again, 409, "invalid_transition", NULL);
  }

  /* A correction after approval: a reversal plus a new report. */
  {
    g_autoptr(TsReply) supporter = act (h, f->tok_a, id, "reverse", "{\"reason\":\"時間の誤り\"}");
    g_autoptr(TsReply) no_reason = act (h, h->coordinator, id, "reverse", "{}");
    g_autoptr(TsReply) pending = act (h, h->coordinator, report_ok (h, f->tok_a, f->asg_a, "2026-05-14"),
                                      "reverse", "{\"reason\":\"x\"}");
    g_autoptr(TsReply) rev = act (h, h->coordinator, id, "reverse", "{\"reason\":\"時間の誤り\"}");
    g_autoptr(TsReply) twice = NULL;
    g_autoptr(TsReply) of_rev = NULL;
    g_autoptr(TsReply) orig = NULL;
    gint64 rev_id;

    ts_assert_problem (supporter, 403, "forbidden", NULL);
    ts_assert_problem (no_reason, 422, "validation_failed", "reason");
    ts_assert_problem (pending, 409, "invalid_transition", NULL);
    ts_assert_status (rev, 201);
    o = ts_reply_object (rev);
    rev_id = ts_reply_id (rev);
    g_assert_cmpint (json_object_get_int_member (o, "reversal_of"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "approved");
    g_assert_cmpint (json_object_get_int_member (o, "honorarium_yen"), ==, -3000);
    g_assert_cmpint (json_object_get_int_member (o, "transport_paid_yen"), ==, -1000);
    g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-05-10");
    g_assert_true (json_object_get_boolean_member (o, "on_behalf"));
    twice = act (h, h->coordinator, id, "reverse", "{\"reason\":\"again\"}");
    ts_assert_problem (twice, 409, "invalid_transition", NULL);
    of_rev = act (h, h->coordinator, rev_id, "reverse", "{\"reason\":\"again\"}");
    ts_assert_problem (of_rev, 409, "invalid_transition", NULL);
    orig = ts_harness_call (h, "GET", f->tok_a, NULL, "/v1/activities/%" G_GINT64_FORMAT, id);
    ts_assert_status (orig, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (orig), "reversed_by"), ==, rev_id);
    /* Both stay in the history, the original unchanged. */
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (orig), "status"), ==, "approved");
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (orig), "honorarium_yen"), ==, 3000);
  }
}

/* A rate change mid-month prices the 14th and the 15th differently, and
 * by_kind overrides apply field by field. */
static void
test_rates_split_month (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 before, after, phone;

  (void) data;
  ts_harness_set_rates (h, "2026-04-01", 1000, 1200, 1000);
  {
    g_autoptr(TsReply) r = ts_harness_request (
      h, "POST", "/v1/rates", h->admin,
      "{\"effective_from\":\"2026-05-15\",\"honorarium_per_activity_yen\":500,"
      "\"honorarium_per_hour_yen\":1000,\"transport_cap_yen\":2000,\"host_stipend_per_day_yen\":1500,"
      "\"by_kind\":{\"phone\":{\"honorarium_per_hour_yen\":600,\"transport_cap_yen\":0}}}", NULL);
    ts_assert_status (r, 201);
  }
  before = report_ok (h, f->tok_a, f->asg_a, "2026-05-14");
  after = report_ok (h, f->tok_a, f->asg_a, "2026-05-15");
  {
    g_autoptr(TsReply) r = ts_harness_request (
      h, "POST", "/v1/activities", f->tok_a,
      "{\"assignment_id\":1,\"date\":\"2026-05-20\",\"start\":\"19:00\",\"minutes\":50,"
      "\"kind\":\"phone\",\"transport_yen\":300}", NULL);
    ts_assert_status (r, 201);
    phone = ts_reply_id (r);
  }
  {
    g_autoptr(TsReply) a = act (h, h->coordinator, before, "approve", NULL);
    g_autoptr(TsReply) b = act (h, h->coordinator, after, "approve", NULL);
    g_autoptr(TsReply) c = act (h, h->coordinator, phone, "approve", NULL);

    /* 90 min: 1,000 + 1,800 and transport 1,500 capped at 1,000 … */
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (a), "honorarium_yen"), ==, 2800);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (a), "transport_paid_yen"), ==, 1000);
    /* … and from the 15th 500 + 1,500, transport 1,500 under the cap. */
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (b), "honorarium_yen"), ==, 2000);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (b), "transport_paid_yen"), ==, 1500);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (b), "rates_effective_from"), ==,
                     "2026-05-15");
    /* Phone: 500 + floor (600 × 50 / 60) = 1,000; no transport. */
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (c), "honorarium_yen"), ==, 1000);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (c), "transport_paid_yen"), ==, 0);
  }
}

/* ---- lists -------------------------------------------------------------- */

/* Walks a list's pages through their cursors and checks the ids seen, in
 * order, and that every page but the last was full. */
static void
assert_pages (TsHarness *h, const char *token, const char *query, const gint64 *expected,
              guint n_expected)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_strdup_printf ("/v1/activities?%s", query);
  guint pages = 0;

  while (path != NULL)
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, token, NULL, NULL);
      JsonArray *items;
      JsonNode *next;

      ts_assert_status (r, 200);
      items = json_object_get_array_member (ts_reply_object (r), "activities");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
          g_array_append_val (seen, id);
        }
      next = json_object_get_member (ts_reply_object (r), "next_cursor");
      g_clear_pointer (&path, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        {
          g_assert_cmpuint (json_array_get_length (items), ==, 2);
          path = g_strdup_printf ("/v1/activities?%s&cursor=%s", query, json_node_get_string (next));
        }
      pages++;
    }
  g_assert_cmpuint (pages, ==, (n_expected + 1) / 2);
  g_assert_cmpmem (seen->data, seen->len * sizeof (gint64), expected, n_expected * sizeof (gint64));
}

static void
test_list (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 ids[5];
  g_autofree char *by_case = g_strdup_printf ("case_id=%" G_GINT64_FORMAT, f->case_b);
  g_autofree char *by_asg = g_strdup_printf ("assignment_id=%" G_GINT64_FORMAT, f->asg_a);

  (void) data;
  ids[0] = report_ok (h, f->tok_a, f->asg_a, "2026-04-20");
  ids[1] = report_ok (h, f->tok_a, f->asg_a, "2026-05-10");
  ids[2] = report_ok (h, f->tok_a, f->asg_a, "2026-05-11");
  ids[3] = report_ok (h, f->tok_b, f->asg_b, "2026-05-12");
  ids[4] = report_ok (h, f->tok_b, f->asg_b, "2026-06-01");
  {
    g_autoptr(TsReply) r = act (h, h->coordinator, ids[1], "approve", NULL);
    ts_assert_status (r, 200);
  }
  g_assert_cmpuint (count_activities (h, h->coordinator, "month=2026-05"), ==, 3);
  g_assert_cmpuint (count_activities (h, h->coordinator, "month=2026-05&status=approved"), ==, 1);
  g_assert_cmpuint (count_activities (h, h->coordinator, "status=pending"), ==, 4);
  g_assert_cmpuint (count_activities (h, h->coordinator, by_case), ==, 2);
  g_assert_cmpuint (count_activities (h, h->coordinator, by_asg), ==, 3);
  g_assert_cmpuint (count_activities (h, f->tok_a, "month=2026-05"), ==, 2);

  /* Pages of two with opaque cursors: in id order, or newest first where
   * ?order=newest asks (the phone's "latest reports"), whatever filter
   * narrows them. */
  {
    const gint64 oldest[] = { ids[0], ids[1], ids[2], ids[3], ids[4] };
    const gint64 newest[] = { ids[4], ids[3], ids[2], ids[1], ids[0] };
    const gint64 own_newest[] = { ids[2], ids[1], ids[0] };
    const gint64 may_newest[] = { ids[3], ids[2], ids[1] };

    assert_pages (h, h->coordinator, "limit=2", oldest, G_N_ELEMENTS (oldest));
    assert_pages (h, h->coordinator, "limit=2&order=oldest", oldest, G_N_ELEMENTS (oldest));
    assert_pages (h, h->coordinator, "limit=2&order=newest", newest, G_N_ELEMENTS (newest));
    assert_pages (h, f->tok_a, "limit=2&order=newest", own_newest, G_N_ELEMENTS (own_newest));
    assert_pages (h, h->coordinator, "limit=2&order=newest&month=2026-05", may_newest,
                  G_N_ELEMENTS (may_newest));
  }

  /* An auditor: amounts and dates, no note, no case, no assignment. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/activities?status=approved",
                                               h->auditor, NULL, NULL);
    g_autoptr(TsReply) one = ts_harness_call (h, "GET", h->auditor, NULL, "/v1/activities/%" G_GINT64_FORMAT,
                                   ids[1]);
    g_autoptr(TsReply) by_case_auditor = ts_harness_call (h, "GET", h->auditor, NULL, "/v1/activities?%s", by_case);
    JsonObject *item;

    ts_assert_status (r, 200);
    item = json_array_get_object_element (json_object_get_array_member (ts_reply_object (r),
                                                                        "activities"), 0);
    g_assert_false (json_object_has_member (item, "note"));
    g_assert_false (json_object_has_member (item, "case_id"));
    g_assert_false (json_object_has_member (item, "assignment_id"));
    g_assert_true (json_object_has_member (item, "honorarium_yen"));
    g_assert_true (json_object_has_member (item, "date"));
    g_assert_null (strstr (r->body, "散歩"));
    ts_assert_status (one, 200);
    g_assert_false (json_object_has_member (ts_reply_object (one), "note"));
    g_assert_false (json_object_has_member (ts_reply_object (one), "case_id"));
    ts_assert_problem (by_case_auditor, 403, "forbidden", NULL);
  }

  /* Bad queries. */
  {
    const struct { const char *query; guint status; const char *field; } bad[] = {
      { "status=done", 422, "status" },
      { "month=2026-13", 422, "month" },
      { "month=2026-5", 422, "month" },
      { "limit=0", 422, "limit" },
      { "limit=201", 422, "limit" },
      { "case_id=abc", 422, "case_id" },
      { "cursor=bm90LWEtY3Vyc29y", 422, "cursor" },
      { "order=latest", 422, "order" },
      { "order=", 422, "order" },
      { "colour=red", 400, "colour" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/activities?%s", bad[i].query);
        if (r->status != bad[i].status || !ts_reply_has_field_error (r, bad[i].field))
          g_error ("%s: expected %u on %s, got %u: %s", bad[i].query, bad[i].status, bad[i].field,
                   r->status, r->body);
      }
  }
  {
    g_autoptr(TsReply) missing = ts_harness_request (h, "GET", "/v1/activities/99999", h->coordinator,
                                                     NULL, NULL);
    ts_assert_problem (missing, 404, "not_found", NULL);
  }
}

/* Reads and writes are in the audit log, which stays intact. */
static gint64
new_report (TsHarness *h, const char *token, gint64 assignment_id, const char *date,
            const char *start, gint64 transport)
{
  g_autofree char *body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\","
                                           "\"start\":\"%s\",\"minutes\":60,\"kind\":\"home_visit\","
                                           "\"transport_yen\":%" G_GINT64_FORMAT "}",
                                           assignment_id, date, start, transport);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/activities", token, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

/* The item of @id in a list answer. */
static JsonObject *
item_of (TsReply *r, gint64 id)
{
  JsonArray *items = json_object_get_array_member (ts_reply_object (r), "activities");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      if (json_object_get_int_member (o, "id") == id)
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

static char *
flags_of (JsonObject *o)
{
  JsonArray *arr = json_object_get_array_member (o, "flags");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", json_array_get_string_element (arr, i));
  return g_string_free (out, FALSE);
}

/* Issue 14: a staff list shows each report's case, its amount and what
 * deserves a second look; a supporter's and an auditor's lists do not. */
static void
test_list_review (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 day, night, other, lone;
  g_autoptr(TsReply) r = NULL, mine = NULL, audit = NULL, after = NULL;
  g_autoptr(TsReply) kase = ts_harness_call (h, "GET", h->coordinator, NULL,
                                             "/v1/cases/%" G_GINT64_FORMAT, f->case_a);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  JsonObject *o;

  (void) data;
  ts_harness_set_rates (h, "2026-04-01", 1000, 800, 1000);
  /* A's day report (transport 1500, over the cap of 1000) and a second
   * one on the same day at 23:00; B's ordinary report and one at 05:30
   * within the cap. */
  day = report_ok (h, f->tok_a, f->asg_a, "2026-05-10");
  night = new_report (h, f->tok_a, f->asg_a, "2026-05-10", "23:00", 1500);
  other = report_ok (h, f->tok_b, f->asg_b, "2026-05-11");
  lone = new_report (h, f->tok_b, f->asg_b, "2026-05-12", "05:30", 800);
  r = ts_harness_request (h, "GET", "/v1/activities?status=pending&limit=200", h->coordinator, NULL, NULL);
  ts_assert_status (r, 200);
  o = item_of (r, day);
  g_assert_cmpstr (json_object_get_string_member (o, "case_code"), ==,
                   json_object_get_string_member (ts_reply_object (kase), "code"));
  g_assert_cmpstr (json_object_get_string_member (o, "case_nickname"), ==,
                   json_object_get_string_member (ts_reply_object (kase), "nickname"));
  g_assert_cmpint (json_object_get_int_member (o, "transport_cap_yen"), ==, 1000);
  g_assert_cmpstr (json_object_get_string_member (o, "supporter_name"), ==, "試験 花子");
  a = flags_of (o);
  g_assert_cmpstr (a, ==, "several_on_day,transport_over_cap");
  b = flags_of (item_of (r, night));
  g_assert_cmpstr (b, ==, "several_on_day,at_night,transport_over_cap");
  c = flags_of (item_of (r, other));
  g_assert_cmpstr (c, ==, "transport_over_cap");
  d = flags_of (item_of (r, lone));
  g_assert_cmpstr (d, ==, "at_night");
  /* The amount of a pending report is what approval pays. */
  {
    gint64 pending = json_object_get_int_member (o, "amount_yen");
    g_autoptr(TsReply) ok = act (h, h->coordinator, day, "approve", NULL);

    ts_assert_status (ok, 200);
    g_assert_cmpint (pending, >, 0);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (ok), "total_yen"), ==, pending);
    after = ts_harness_request (h, "GET", "/v1/activities?limit=200", h->coordinator, NULL, NULL);
    g_assert_cmpint (json_object_get_int_member (item_of (after, day), "amount_yen"), ==, pending);
  }
  /* Withdrawn reports stop counting for the day. */
  {
    g_autoptr(TsReply) w = act (h, f->tok_a, night, "withdraw", NULL);
    g_autoptr(TsReply) again = ts_harness_request (h, "GET", "/v1/activities?limit=200", h->coordinator,
                                                   NULL, NULL);
    g_autofree char *e = NULL;

    ts_assert_status (w, 200);
    e = flags_of (item_of (again, day));
    g_assert_cmpstr (e, ==, "transport_over_cap");
  }
  /* A supporter's own list and an auditor's carry no review. */
  mine = ts_harness_request (h, "GET", "/v1/activities?limit=200", f->tok_a, NULL, NULL);
  audit = ts_harness_request (h, "GET", "/v1/activities?limit=200", h->auditor, NULL, NULL);
  ts_assert_status (mine, 200);
  ts_assert_status (audit, 200);
  g_assert_false (json_object_has_member (item_of (mine, day), "flags"));
  g_assert_false (json_object_has_member (item_of (audit, day), "flags"));
  g_assert_false (json_object_has_member (item_of (audit, day), "case_nickname"));
}

static void
test_audited (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 before, after;
  g_autoptr(TsReply) v1 = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->auditor, NULL, NULL);

  (void) data;
  ts_assert_status (v1, 200);
  before = json_object_get_int_member (ts_reply_object (v1), "entries");
  report_ok (h, f->tok_a, f->asg_a, "2026-05-10");
  count_activities (h, f->tok_a, NULL);
  {
    g_autoptr(TsReply) v2 = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->auditor, NULL, NULL);
    ts_assert_status (v2, 200);
    after = json_object_get_int_member (ts_reply_object (v2), "entries");
    g_assert_true (json_object_get_boolean_member (ts_reply_object (v2), "ok"));
  }
  /* create + list (the verify call itself may add its own). */
  g_assert_cmpint (after - before, >=, 2);
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/activities/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("report", test_report);
  ADD ("report-roles", test_report_roles);
  ADD ("report-bad-input", test_report_bad_input);
  ADD ("report-not-eligible", test_report_not_eligible);
  ADD ("other-supporter", test_other_supporter);
  ADD ("idempotency", test_idempotency);
  ADD ("idempotency-concurrent", test_idempotency_concurrent);
  ADD ("lifecycle", test_lifecycle);
  ADD ("rates-split-month", test_rates_split_month);
  ADD ("list", test_list);
  ADD ("list-review", test_list_review);
  ADD ("audited", test_audited);
#undef ADD
  return g_test_run ();
}
