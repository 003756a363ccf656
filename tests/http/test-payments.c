/*
 * Rates, monthly statements, payment marking, budgets and the payments
 * audit on a live server (SPEC 2.4, 2.5, 3.2; issue 5): a month is issued
 * exactly once (also from 8 threads at once), lines approved after their
 * month was issued become adjustments of the next month issued, issued
 * statements never change, each payee sees only its own statement, the CSV
 * opens in Excel, and `tsunagari export statements` writes the same CSV.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY), fiscal year 2026.
 */
#include <stdarg.h>
#include <string.h>
#include <glib/gstdio.h>

#include "harness.h"
#include "service/statements.h"

#define TODAY "2026-06-15"

typedef struct {
  TsHarness *h;
  gint64     sup_a, sup_b;
  gint64     asg_a, asg_b;
  char      *tok_a, *tok_b;
  char      *host_7, *host_8;          /* tokens of two hosts */
} Fixture;

/* ---- helpers ----------------------------------------------------------- */

static gint64
supporter (TsHarness *h, const char *name)
{
  g_autofree char *overrides = g_strdup_printf ("\"name\":\"%s\"", name);
  return ts_harness_create_registered_supporter (h, h->coordinator, overrides);
}

/* What the placements' attendance use case does for a day attended: one
 * stipend line, inside its own write. */
typedef struct {
  TsService *service;
  gint64     host_id;
  gint64     attendance_id;
  TsDate     day;
} Stipend;

static gboolean
write_stipend (TsStore *store, gpointer user_data, GError **error)
{
  Stipend *s = user_data;
  (void) store;
  return ts_service_ledger_add_host_stipend (s->service, s->host_id, s->attendance_id, s->day,
                                             error);
}

static void
stipend (TsHarness *h, gint64 host_id, gint64 attendance_id, const char *day)
{
  g_autoptr(GError) error = NULL;
  Stipend s = { h->service, host_id, attendance_id, TS_DATE_NONE };

  g_assert_true (ts_date_parse (day, &s.day));
  g_assert_true (ts_store_write (h->store, write_stipend, &s, &error));
  g_assert_no_error (error);
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

static JsonObject *
statement_of (TsReply *r, const char *payee_type, gint64 payee_id)
{
  JsonArray *arr = json_object_get_array_member (ts_reply_object (r), "statements");

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *s = json_array_get_object_element (arr, i);
      if (g_str_equal (json_object_get_string_member (s, "payee_type"), payee_type) &&
          json_object_get_int_member (s, "payee_id") == payee_id)
        return s;
    }
  return NULL;
}

static guint
n_statements (TsReply *r)
{
  return json_array_get_length (json_object_get_array_member (ts_reply_object (r), "statements"));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  TsHarness *h;

  (void) data;
  f->h = h = ts_harness_new ();
  f->sup_a = supporter (h, "試験 一郎");
  f->sup_b = supporter (h, "=1+1");
  f->asg_a = ts_harness_create_assigned_case (h, f->sup_a);
  f->asg_b = ts_harness_create_assigned_case (h, f->sup_b);
  f->tok_a = ts_harness_user_token (h, "supporter", f->sup_a, 0);
  f->tok_b = ts_harness_user_token (h, "supporter", f->sup_b, 0);
  /* Hosts 1 to 8: a statement is its payee's organisation's (SPEC 2.6). */
  ts_harness_create_hosts (h, h->coordinator, 8);
  f->host_7 = ts_harness_user_token (h, "host", 0, 7);
  f->host_8 = ts_harness_user_token (h, "host", 0, 8);
  ts_harness_set_rates (h, "2026-04-01", 1000, 1200, 1000);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->tok_a);
  g_free (f->tok_b);
  g_free (f->host_7);
  g_free (f->host_8);
  ts_harness_free (f->h);
}

/* May 2026: A two approved reports and one pending, B one; host 7 two
 * stipend days and host 8 one.  Returns A's pending report. */
static gint64
fill_may (Fixture *f)
{
  TsHarness *h = f->h;
  gint64 pending;

  ts_harness_approved_activity (h, f->tok_a, f->asg_a, "2026-05-10");
  ts_harness_approved_activity (h, f->tok_a, f->asg_a, "2026-05-20");
  ts_harness_approved_activity (h, f->tok_b, f->asg_b, "2026-05-12");
  pending = ts_harness_report_activity (h, f->tok_a, f->asg_a, "2026-05-25");
  stipend (h, 7, 101, "2026-05-11");
  stipend (h, 7, 102, "2026-05-12");
  stipend (h, 8, 103, "2026-05-13");
  return pending;
}

/* ---- rates ------------------------------------------------------------- */

static void
test_rates (Fixture *f, gconstpointer data)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autofree char *sup = ts_harness_user_token (h, "supporter", ts_harness_create_supporter (h, NULL), 0);
  JsonObject *o;

  (void) f;
  (void) data;
  /* Before any set: the SPEC defaults, and the answer says so. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/rates", h->coordinator, NULL, NULL);
    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    g_assert_true (json_object_get_boolean_member (o, "defaults_in_force"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "rate_sets")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "in_force"),
                                                 "host_stipend_per_day_yen"), ==, 1500);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "defaults"),
                                                 "honorarium_per_hour_yen"), ==, 0);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (
      h, "POST", "/v1/rates", h->admin,
      "{\"effective_from\":\"2026-04-01\",\"honorarium_per_activity_yen\":1000,"
      "\"honorarium_per_hour_yen\":1200,\"transport_cap_yen\":1000,\"host_stipend_per_day_yen\":1500,"
      "\"by_kind\":{\"online\":{\"transport_cap_yen\":0},\"phone\":{\"honorarium_per_hour_yen\":600}}}",
      NULL);
    g_autoptr(TsReply) later = ts_harness_request (
      h, "POST", "/v1/rates", h->admin,
      "{\"effective_from\":\"2026-07-01\",\"honorarium_per_activity_yen\":0,"
      "\"honorarium_per_hour_yen\":1500,\"transport_cap_yen\":2000,\"host_stipend_per_day_yen\":1600}",
      NULL);
    g_autoptr(TsReply) dup = ts_harness_request (
      h, "POST", "/v1/rates", h->admin,
      "{\"effective_from\":\"2026-04-01\",\"honorarium_per_activity_yen\":1,"
      "\"honorarium_per_hour_yen\":1,\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1}", NULL);
    g_autoptr(TsReply) list = NULL;
    JsonObject *phone;

    ts_assert_status (r, 201);
    o = ts_reply_object (r);
    g_assert_cmpstr (json_object_get_string_member (o, "effective_from"), ==, "2026-04-01");
    phone = json_object_get_object_member (json_object_get_object_member (o, "by_kind"), "phone");
    g_assert_cmpint (json_object_get_int_member (phone, "honorarium_per_hour_yen"), ==, 600);
    g_assert_false (json_object_has_member (phone, "transport_cap_yen"));
    ts_assert_status (later, 201);
    ts_assert_problem (dup, 409, "already_exists", NULL);

    list = ts_harness_request (h, "GET", "/v1/rates", h->auditor, NULL, NULL);
    ts_assert_status (list, 200);
    o = ts_reply_object (list);
    g_assert_false (json_object_get_boolean_member (o, "defaults_in_force"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "rate_sets")), ==, 2);
    /* Today is in June: the April set is in force, July's is not yet. */
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "in_force"),
                                                    "effective_from"), ==, "2026-04-01");
  }
  /* Refused roles. */
  {
    const char *body = "{\"effective_from\":\"2026-08-01\",\"honorarium_per_activity_yen\":1,"
                       "\"honorarium_per_hour_yen\":1,\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1}";
    g_autoptr(TsReply) coordinator = ts_harness_request (h, "POST", "/v1/rates", h->coordinator, body, NULL);
    g_autoptr(TsReply) auditor = ts_harness_request (h, "POST", "/v1/rates", h->auditor, body, NULL);
    g_autoptr(TsReply) none = ts_harness_request (h, "POST", "/v1/rates", NULL, body, NULL);
    g_autoptr(TsReply) sup_get = ts_harness_request (h, "GET", "/v1/rates", sup, NULL, NULL);

    ts_assert_problem (coordinator, 403, "forbidden", NULL);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_status (none, 401);
    ts_assert_problem (sup_get, 403, "forbidden", NULL);
  }
  /* Bad input. */
  {
    const struct { const char *body; guint status; const char *code; const char *field; } bad[] = {
      { "{\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,\"transport_cap_yen\":1,"
        "\"host_stipend_per_day_yen\":1}", 422, "validation_failed", "effective_from" },
      { "{\"effective_from\":\"2026-02-30\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1}", 422, "validation_failed", "effective_from" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":-1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1}", 422, "validation_failed",
        "honorarium_per_activity_yen" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":1}", 422, "validation_failed", "host_stipend_per_day_yen" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":\"1\","
        "\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1}", 422, "validation_failed",
        "honorarium_per_hour_yen" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":100000000,\"host_stipend_per_day_yen\":1}", 422, "validation_failed",
        "transport_cap_yen" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1,\"by_kind\":{\"phone\":{\"honorarium_per_hour_yen\":-5}}}",
        422, "validation_failed", "by_kind.phone.honorarium_per_hour_yen" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1,\"by_kind\":{\"karaoke\":{}}}",
        422, "validation_failed", "by_kind.karaoke" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1,\"by_kind\":{\"phone\":{\"bonus\":5}}}",
        400, "unknown_field", "by_kind.phone.bonus" },
      { "{\"effective_from\":\"2026-09-01\",\"honorarium_per_activity_yen\":1,\"honorarium_per_hour_yen\":1,"
        "\"transport_cap_yen\":1,\"host_stipend_per_day_yen\":1,\"currency\":\"JPY\"}",
        400, "unknown_field", "currency" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/rates", h->admin, bad[i].body, NULL);
        if (r->status != bad[i].status || g_strcmp0 (ts_reply_code (r), bad[i].code) != 0 ||
            !ts_reply_has_field_error (r, bad[i].field))
          g_error ("%s: expected %u %s on %s, got %u: %s", bad[i].body, bad[i].status, bad[i].code,
                   bad[i].field, r->status, r->body);
      }
  }
  {
    g_autoptr(TsReply) unknown = ts_harness_request (h, "GET", "/v1/rates?on=2026-01-01", h->admin,
                                                     NULL, NULL);
    ts_assert_problem (unknown, 400, "unknown_field", "on");
  }
}

/* ---- issuing ----------------------------------------------------------- */

static void
test_issue (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autoptr(TsReply) first = NULL;
  g_autoptr(TsReply) again = NULL;
  g_autoptr(TsReply) list = NULL;
  JsonObject *a, *b, *h7, *h8;
  JsonArray *lines;

  (void) data;
  fill_may (f);
  first = issue (h, h->coordinator, "2026-05");
  ts_assert_status (first, 201);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (first), "created"));
  g_assert_true (json_object_get_boolean_member (ts_reply_object (first), "issued"));
  g_assert_cmpuint (n_statements (first), ==, 4);
  a = statement_of (first, "supporter", f->sup_a);
  b = statement_of (first, "supporter", f->sup_b);
  h7 = statement_of (first, "host", 7);
  h8 = statement_of (first, "host", 8);
  g_assert_nonnull (a);
  g_assert_cmpint (json_object_get_int_member (a, "total_yen"), ==, 7600);
  g_assert_cmpint (json_object_get_int_member (a, "n_lines"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (a, "payee_name"), ==, "試験 一郎");
  g_assert_cmpint (json_object_get_int_member (b, "total_yen"), ==, 3800);
  g_assert_cmpint (json_object_get_int_member (h7, "total_yen"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (h8, "total_yen"), ==, 1500);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (first), "total_yen"), ==, 15900);
  g_assert_true (json_object_get_null_member (a, "paid_on"));

  /* Exactly once: the same statements, nothing new. */
  again = issue (h, h->admin, "2026-05");
  ts_assert_status (again, 200);
  g_assert_false (json_object_get_boolean_member (ts_reply_object (again), "created"));
  g_assert_cmpuint (n_statements (again), ==, 4);
  g_assert_cmpint (json_object_get_int_member (statement_of (again, "supporter", f->sup_a), "id"), ==,
                   json_object_get_int_member (a, "id"));
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (again), "issued_at"), ==,
                   json_object_get_string_member (ts_reply_object (first), "issued_at"));

  /* The month with its lines. */
  list = statements (h, h->coordinator, "2026-05");
  ts_assert_status (list, 200);
  g_assert_cmpuint (n_statements (list), ==, 4);
  lines = json_object_get_array_member (statement_of (list, "supporter", f->sup_a), "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 4);
  {
    JsonObject *l0 = json_array_get_object_element (lines, 0);
    JsonObject *l1 = json_array_get_object_element (lines, 1);
    g_assert_cmpstr (json_object_get_string_member (l0, "kind"), ==, "honorarium");
    g_assert_cmpint (json_object_get_int_member (l0, "amount_yen"), ==, 2800);
    g_assert_cmpstr (json_object_get_string_member (l0, "earned_on"), ==, "2026-05-10");
    g_assert_true (json_object_get_null_member (l0, "adjusts"));
    /* What the line pays for (issue 14). */
    g_assert_cmpstr (json_object_get_string_member (l0, "activity_kind"), ==, "home_visit");
    g_assert_cmpint (json_object_get_int_member (l0, "minutes"), ==, 90);
    g_assert_cmpstr (json_object_get_string_member (l1, "kind"), ==, "transport");
    g_assert_cmpint (json_object_get_int_member (l1, "amount_yen"), ==, 1000);
  }
  lines = json_object_get_array_member (statement_of (list, "host", 7), "lines");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "kind"), ==,
                   "host_stipend");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 0),
                                               "attendance_id"), ==, 101);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (lines, 0), "activity_kind"));

  /* A month not issued is empty and says so. */
  {
    g_autoptr(TsReply) april = statements (h, h->coordinator, "2026-04");
    ts_assert_status (april, 200);
    g_assert_false (json_object_get_boolean_member (ts_reply_object (april), "issued"));
    g_assert_cmpuint (n_statements (april), ==, 0);
    g_assert_true (json_object_get_null_member (ts_reply_object (april), "issued_at"));
  }
  /* A month with nothing to pay is still issued, once. */
  {
    g_autoptr(TsReply) empty = issue (h, h->coordinator, "2025-12");
    ts_assert_status (empty, 201);
    g_assert_cmpuint (n_statements (empty), ==, 0);
  }
}

static void
test_issue_bad_input (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  const struct { const char *body; guint status; const char *code; const char *field; } bad[] = {
    { "{}", 422, "validation_failed", "month" },
    { "{\"month\":\"2026-13\"}", 422, "validation_failed", "month" },
    { "{\"month\":\"2026-5\"}", 422, "validation_failed", "month" },
    { "{\"month\":\"2026-05-01\"}", 422, "validation_failed", "month" },
    { "{\"month\":202605}", 422, "validation_failed", "month" },
    /* not begun yet */
    { "{\"month\":\"2026-07\"}", 422, "validation_failed", "month" },
    { "{\"month\":\"2026-05\",\"dry_run\":true}", 400, "unknown_field", "dry_run" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/payments/statements", h->coordinator,
                                                 bad[i].body, NULL);
      if (r->status != bad[i].status || g_strcmp0 (ts_reply_code (r), bad[i].code) != 0 ||
          !ts_reply_has_field_error (r, bad[i].field))
        g_error ("%s: expected %u %s on %s, got %u: %s", bad[i].body, bad[i].status, bad[i].code,
                 bad[i].field, r->status, r->body);
    }
  {
    g_autoptr(TsReply) sup = issue (h, f->tok_a, "2026-05");
    g_autoptr(TsReply) host = issue (h, f->host_7, "2026-05");
    g_autoptr(TsReply) auditor = issue (h, h->auditor, "2026-05");
    g_autoptr(TsReply) none = issue (h, NULL, "2026-05");
    g_autoptr(TsReply) no_month = ts_harness_request (h, "GET", "/v1/payments/statements",
                                                      h->coordinator, NULL, NULL);
    g_autoptr(TsReply) bad_month = statements (h, h->coordinator, "2026-00");
    g_autoptr(TsReply) unknown = ts_harness_call (h, "GET", h->coordinator, NULL,
                                       "/v1/payments/statements?month=2026-05&payee=1");
    g_autoptr(TsReply) missing = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/payments/statements/99999");
    g_autoptr(TsReply) get_none = statements (h, NULL, "2026-05");

    ts_assert_problem (sup, 403, "forbidden", NULL);
    ts_assert_problem (host, 403, "forbidden", NULL);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_status (none, 401);
    ts_assert_problem (no_month, 422, "validation_failed", "month");
    ts_assert_problem (bad_month, 422, "validation_failed", "month");
    ts_assert_problem (unknown, 400, "unknown_field", "payee");
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_status (get_none, 401);
  }
}

/* Anything approved after its month was issued is paid as an adjustment in
 * the next month issued; the issued statement never changes. */
static void
test_adjustments (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 late = fill_may (f);
  gint64 april = ts_harness_report_activity (h, f->tok_a, f->asg_a, "2026-04-28");
  g_autoptr(TsReply) may = issue (h, h->coordinator, "2026-05");
  g_autoptr(TsReply) may_before = NULL;
  g_autoptr(TsReply) may_after = NULL;
  g_autoptr(TsReply) june = NULL;
  g_autoptr(TsReply) june_list = NULL;
  g_autoptr(TsReply) april_issue = NULL;
  gint64 reversed;
  JsonObject *s;
  JsonArray *lines;
  guint adjustments = 0;
  gint64 sum = 0;

  (void) data;
  ts_assert_status (may, 201);
  may_before = statements (h, h->coordinator, "2026-05");
  ts_assert_status (may_before, 200);

  /* Approved late, and a May report reversed after May was issued. */
  ts_harness_approve_activity (h, late);
  {
    g_autoptr(TsReply) list = ts_harness_call (h, "GET", h->coordinator, NULL,
                                    "/v1/activities?month=2026-05&status=approved&supporter_id=%"
                                    G_GINT64_FORMAT, f->sup_a);
    reversed = json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (ts_reply_object (list), "activities"), 0),
      "id");
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, "{\"reason\":\"重複報告\"}",
                                 "/v1/activities/%" G_GINT64_FORMAT "/reverse", reversed);
    ts_assert_status (r, 201);
  }
  ts_harness_approved_activity (h, f->tok_a, f->asg_a, "2026-06-02");
  /* April is not issued: its report is an ordinary line of April. */
  ts_harness_approve_activity (h, april);

  may_after = statements (h, h->coordinator, "2026-05");
  g_assert_cmpstr (may_after->body, ==, may_before->body);

  june = issue (h, h->coordinator, "2026-06");
  ts_assert_status (june, 201);
  june_list = statements (h, h->coordinator, "2026-06");
  s = statement_of (june_list, "supporter", f->sup_a);
  g_assert_nonnull (s);
  lines = json_object_get_array_member (s, "lines");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);
      if (g_str_equal (json_object_get_string_member (l, "kind"), "adjustment"))
        {
          adjustments++;
          g_assert_cmpstr (json_object_get_string_member (l, "earned_month"), ==, "2026-05");
          g_assert_nonnull (json_object_get_string_member (l, "adjusts"));
        }
      sum += json_object_get_int_member (l, "amount_yen");
    }
  /* +2,800 +1,000 (late approval), −2,800 −1,000 (reversal), and June's own
   * 2,800 + 1,000. */
  g_assert_cmpuint (adjustments, ==, 4);
  g_assert_cmpuint (json_array_get_length (lines), ==, 6);
  g_assert_cmpint (sum, ==, 3800);
  g_assert_cmpint (json_object_get_int_member (s, "total_yen"), ==, 3800);
  /* B had nothing in June. */
  g_assert_null (statement_of (june_list, "supporter", f->sup_b));

  april_issue = issue (h, h->coordinator, "2026-04");
  ts_assert_status (april_issue, 201);
  s = statement_of (april_issue, "supporter", f->sup_a);
  g_assert_cmpint (json_object_get_int_member (s, "total_yen"), ==, 3800);
  g_assert_cmpint (json_object_get_int_member (s, "n_lines"), ==, 2);
}

typedef struct {
  const char *base;
  const char *token;
  guint       status;
  char       *reply;
} IssueData;

static gpointer
issue_thread (gpointer user_data)
{
  IssueData *d = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *url = g_strconcat (d->base, "/v1/payments/statements", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *auth = g_strconcat ("Bearer ", d->token, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"month\":\"2026-05\"}",
                                                 strlen ("{\"month\":\"2026-05\"}"));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  d->status = soup_message_get_status (msg);
  d->reply = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return NULL;
}

static void
test_issue_concurrent (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  IssueData d[8];
  GThread *threads[8];
  guint created = 0;
  g_autofree char *ids = NULL;

  (void) data;
  fill_may (f);
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    {
      d[i] = (IssueData) { h->base, i % 2 ? h->admin : h->coordinator, 0, NULL };
      threads[i] = g_thread_new ("issue", issue_thread, &d[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;
      JsonArray *arr;
      GString *these = g_string_new (NULL);

      if (d[i].status != 201 && d[i].status != 200)
        g_error ("issue %u: %u %s", i, d[i].status, d[i].reply);
      g_assert_true (json_parser_load_from_data (parser, d[i].reply, -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      created += json_object_get_boolean_member (o, "created") ? 1 : 0;
      g_assert_cmpuint (d[i].status, ==, json_object_get_boolean_member (o, "created") ? 201 : 200);
      arr = json_object_get_array_member (o, "statements");
      for (guint j = 0; j < json_array_get_length (arr); j++)
        g_string_append_printf (these, "%" G_GINT64_FORMAT ",",
                                json_object_get_int_member (json_array_get_object_element (arr, j), "id"));
      if (ids == NULL)
        ids = g_strdup (these->str);
      g_assert_cmpstr (these->str, ==, ids);
      g_string_free (these, TRUE);
      g_free (d[i].reply);
    }
  g_assert_cmpuint (created, ==, 1);
  {
    g_autoptr(TsReply) list = statements (h, h->coordinator, "2026-05");
    g_assert_cmpuint (n_statements (list), ==, 4);
  }
}

/* ---- who sees what --------------------------------------------------------- */

static void
test_object_access (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autoptr(TsReply) issued = NULL;
  gint64 id_a, id_b, id_7, id_8;

  (void) data;
  fill_may (f);
  issued = issue (h, h->coordinator, "2026-05");
  ts_assert_status (issued, 201);
  id_a = json_object_get_int_member (statement_of (issued, "supporter", f->sup_a), "id");
  id_b = json_object_get_int_member (statement_of (issued, "supporter", f->sup_b), "id");
  id_7 = json_object_get_int_member (statement_of (issued, "host", 7), "id");
  id_8 = json_object_get_int_member (statement_of (issued, "host", 8), "id");

  {
    const struct { const char *token; const char *type; gint64 payee; gint64 own; gint64 other; } who[] = {
      { f->tok_a, "supporter", f->sup_a, id_a, id_b },
      { f->tok_b, "supporter", f->sup_b, id_b, id_a },
      { f->host_7, "host", 7, id_7, id_8 },
      { f->host_8, "host", 8, id_8, id_7 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (who); i++)
      {
        g_autoptr(TsReply) list = statements (h, who[i].token, "2026-05");
        g_autoptr(TsReply) own = ts_harness_call (h, "GET", who[i].token, NULL,
                                       "/v1/payments/statements/%" G_GINT64_FORMAT, who[i].own);
        g_autoptr(TsReply) other = ts_harness_call (h, "GET", who[i].token, NULL,
                                         "/v1/payments/statements/%" G_GINT64_FORMAT, who[i].other);
        g_autoptr(TsReply) supporter_stmt = ts_harness_call (h, "GET", who[i].token, NULL,
                                                  "/v1/payments/statements/%" G_GINT64_FORMAT,
                                                  i < 2 ? id_7 : id_a);
        const char *csv_headers[] = { "Accept", "text/csv", NULL };
        g_autofree char *path = g_strdup ("/v1/payments/statements?month=2026-05");
        g_autoptr(TsReply) csv = ts_harness_request (h, "GET", path, who[i].token, NULL, csv_headers);
        JsonObject *s;

        ts_assert_status (list, 200);
        g_assert_cmpuint (n_statements (list), ==, 1);
        s = statement_of (list, who[i].type, who[i].payee);
        g_assert_nonnull (s);
        /* A payee does not learn the month's total. */
        g_assert_cmpint (json_object_get_int_member (ts_reply_object (list), "total_yen"), ==,
                         json_object_get_int_member (s, "total_yen"));
        ts_assert_status (own, 200);
        ts_assert_problem (other, 404, "not_found", NULL);
        ts_assert_problem (supporter_stmt, 404, "not_found", NULL);
        ts_assert_status (csv, 200);
        /* Header, the lines and the total row of its one statement. */
        {
          g_auto(GStrv) rows = g_strsplit (csv->body, "\r\n", -1);
          guint n = g_strv_length (rows);
          g_assert_cmpuint (n - 2, ==, json_object_get_int_member (s, "n_lines") + 1);
        }
      }
  }
  /* Staff and auditors see every statement. */
  {
    g_autoptr(TsReply) auditor = statements (h, h->auditor, "2026-05");
    g_autoptr(TsReply) admin = statements (h, h->admin, "2026-05");
    g_assert_cmpuint (n_statements (auditor), ==, 4);
    g_assert_cmpuint (n_statements (admin), ==, 4);
  }
}

/* ---- CSV ----------------------------------------------------------------- */

static void
test_csv (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  const char *accept[] = { "Accept", "text/csv", NULL };
  g_autoptr(TsReply) issued = NULL;
  g_autoptr(TsReply) csv = NULL;
  g_auto(GStrv) rows = NULL;
  g_autofree char *out = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *exported = NULL;
  gsize exported_len = 0;

  (void) data;
  fill_may (f);
  issued = issue (h, h->coordinator, "2026-05");
  ts_assert_status (issued, 201);
  csv = ts_harness_request (h, "GET", "/v1/payments/statements?month=2026-05", h->coordinator, NULL,
                            accept);
  ts_assert_status (csv, 200);
  g_assert_true (g_str_has_prefix (ts_reply_header (csv, "Content-Type"), "text/csv"));
  g_assert_nonnull (strstr (ts_reply_header (csv, "Content-Disposition"), "statements-2026-05.csv"));
  /* UTF-8 with a byte order mark, CRLF, Japanese headers. */
  g_assert_true (g_str_has_prefix (csv->body, "\xEF\xBB\xBF" "明細書ID,対象月,支払先区分,"));
  g_assert_true (g_str_has_suffix (csv->body, "\r\n"));
  for (const char *p = csv->body; *p != '\0'; p++)
    if (*p == '\n')
      g_assert_true (p > csv->body && p[-1] == '\r');
  rows = g_strsplit (csv->body, "\r\n", -1);
  /* header + 4 + 2 + 2 + 1 lines + 4 totals + the empty tail */
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 9 + 4 + 1);
  /* A name that a spreadsheet would run as a formula is written as text. */
  g_assert_nonnull (strstr (csv->body, ",'=1+1,"));
  g_assert_null (strstr (csv->body, ",=1+1,"));
  /* Amounts are plain integers. */
  g_assert_nonnull (strstr (csv->body, ",謝礼,,"));
  g_assert_nonnull (strstr (csv->body, ",2800,"));
  g_assert_nonnull (strstr (csv->body, ",合計,,,,,,7600,"));
  g_assert_nonnull (strstr (csv->body, ",職親,7,"));
  /* 発行日時 as Excel reads a moment, in Asia/Tokyo (issue 14): no "T", no
   * "+09:00"; 支払日 empty until paid. */
  g_assert_null (strstr (csv->body, "+09:00"));
  {
    g_autoptr(GRegex) issued_at = g_regex_new (",合計,,,,,,7600,[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2},$",
                                            0, 0, NULL);
    gboolean found = FALSE;

    for (guint i = 1; rows[i] != NULL; i++)
      found = found || g_regex_match (issued_at, rows[i], 0, NULL);
    g_assert_true (found);
  }

  /* The command line writes the same document. */
  dir = g_dir_make_tmp ("tsunagari-export-XXXXXX", NULL);
  out = g_build_filename (dir, "may.csv", NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                 g_getenv ("TSUNAGARI_BINARY"), "export", "statements",
                                                 "--month", "2026-05", "--database", h->db_path,
                                                 "--output", out, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (p, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (out, &exported, &exported_len, NULL));
    g_assert_cmpuint (exported_len, ==, csv->length);
    g_assert_true (memcmp (exported, csv->body, exported_len) == 0);
  }
  /* A month not issued is an error, not an empty file; so is a bad month. */
  {
    const char *months[] = { "2026-04", "2026-13" };
    for (guint i = 0; i < G_N_ELEMENTS (months); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                     G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                     g_getenv ("TSUNAGARI_BINARY"), "export",
                                                     "statements", "--month", months[i],
                                                     "--database", h->db_path, NULL);
        g_assert_no_error (error);
        g_assert_true (g_subprocess_wait (p, NULL, NULL));
        g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 1);
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                 G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                 g_getenv ("TSUNAGARI_BINARY"), "export",
                                                 "statements", "--database", h->db_path, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait (p, NULL, NULL));
    g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 2);
  }
  g_unlink (out);
  g_rmdir (dir);
}

/* ---- payment ------------------------------------------------------------- */

static void
test_paid (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autoptr(TsReply) issued = NULL;
  gint64 id;

  (void) data;
  fill_may (f);
  issued = issue (h, h->coordinator, "2026-05");
  id = json_object_get_int_member (statement_of (issued, "supporter", f->sup_a), "id");
  {
    const struct { const char *body; guint status; const char *code; const char *field; } bad[] = {
      { "{}", 422, "validation_failed", "paid_on" },
      { "{\"paid_on\":\"2026-06-31\"}", 422, "validation_failed", "paid_on" },
      { "{\"paid_on\":\"2026-06-16\"}", 422, "validation_failed", "paid_on" },
      { "{\"paid_on\":\"2026-01-01\"}", 422, "validation_failed", "paid_on" },
      { "{\"paid_on\":20260610}", 422, "validation_failed", "paid_on" },
      { "{\"paid_on\":\"2026-06-10\",\"bank\":\"x\"}", 400, "unknown_field", "bank" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, bad[i].body,
                                     "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id);
        if (r->status != bad[i].status || g_strcmp0 (ts_reply_code (r), bad[i].code) != 0 ||
            !ts_reply_has_field_error (r, bad[i].field))
          g_error ("%s: expected %u %s on %s, got %u: %s", bad[i].body, bad[i].status, bad[i].code,
                   bad[i].field, r->status, r->body);
      }
  }
  {
    const char *body = "{\"paid_on\":\"" TODAY "\"}";
    g_autoptr(TsReply) sup = ts_harness_call (h, "POST", f->tok_a, body, "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id);
    g_autoptr(TsReply) auditor = ts_harness_call (h, "POST", h->auditor, body, "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id);
    g_autoptr(TsReply) none = ts_harness_call (h, "POST", NULL, body, "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id);
    g_autoptr(TsReply) missing = ts_harness_call (h, "POST", h->coordinator, body, "/v1/payments/statements/99999/paid");
    g_autoptr(TsReply) ok = ts_harness_call (h, "POST", h->coordinator, body, "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id);
    g_autoptr(TsReply) same = ts_harness_call (h, "POST", h->admin, body, "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id);
    g_autoptr(TsReply) other = ts_harness_call (h, "POST", h->coordinator, "{\"paid_on\":\"2026-06-14\"}",
                                     "/v1/payments/statements/%" G_GINT64_FORMAT "/paid", id);
    g_autoptr(TsReply) seen = ts_harness_call (h, "GET", f->tok_a, NULL, "/v1/payments/statements/%" G_GINT64_FORMAT, id);

    ts_assert_problem (sup, 403, "forbidden", NULL);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_status (none, 401);
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_status (ok, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "paid_on"), ==, TODAY);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (ok), "total_yen"), ==, 7600);
    ts_assert_status (same, 200);
    g_assert_cmpstr (same->body, ==, ok->body);
    ts_assert_problem (other, 409, "invalid_transition", NULL);
    ts_assert_status (seen, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (seen), "paid_on"), ==, TODAY);
  }
}

/* ---- budgets and the payments audit ---------------------------------------- */

static void
test_budget_and_audit (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  JsonObject *o, *budget, *by_kind, *by_payee;
  JsonArray *months;

  (void) data;
  fill_may (f);
  ts_harness_report_activity (h, f->tok_b, f->asg_b, "2026-06-01");
  /* Approved, not issued: 3,800. */
  ts_harness_approved_activity (h, f->tok_a, f->asg_a, "2026-06-03");
  {
    g_autoptr(TsReply) r = issue (h, h->coordinator, "2026-05");
    ts_assert_status (r, 201);
  }

  /* Bunkyo's budget for the scheme: 3,207千円 in 令和7年度 (seed 004). */
  {
    g_autoptr(TsReply) fy25 = ts_harness_request (h, "POST", "/v1/budgets", h->admin,
                                                  "{\"fiscal_year\":2025,\"amount_yen\":3207000}", NULL);
    g_autoptr(TsReply) fy26 = ts_harness_request (h, "POST", "/v1/budgets", h->admin,
                                                  "{\"fiscal_year\":2026,\"amount_yen\":3000000}", NULL);
    g_autoptr(TsReply) revised = ts_harness_request (h, "POST", "/v1/budgets", h->admin,
                                                     "{\"fiscal_year\":2026,\"amount_yen\":3207000}", NULL);
    g_autoptr(TsReply) list = ts_harness_request (h, "GET", "/v1/budgets", h->auditor, NULL, NULL);
    JsonArray *items;

    ts_assert_status (fy25, 201);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (fy25), "label_ja"), ==, "令和7年度");
    ts_assert_status (fy26, 201);
    ts_assert_status (revised, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (revised), "amount_yen"), ==, 3207000);
    ts_assert_status (list, 200);
    items = json_object_get_array_member (ts_reply_object (list), "budgets");
    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 1), "amount_yen"), ==,
                     3207000);
  }
  {
    const struct { const char *token; const char *body; guint status; const char *field; } bad[] = {
      { NULL, "{\"fiscal_year\":2026,\"amount_yen\":-1}", 422, "amount_yen" },
      { NULL, "{\"fiscal_year\":2026}", 422, "amount_yen" },
      { NULL, "{\"amount_yen\":1}", 422, "fiscal_year" },
      { NULL, "{\"fiscal_year\":\"2026\",\"amount_yen\":1}", 422, "fiscal_year" },
      { NULL, "{\"fiscal_year\":1800,\"amount_yen\":1}", 422, "fiscal_year" },
      { NULL, "{\"fiscal_year\":2026,\"amount_yen\":2000000000000}", 422, "amount_yen" },
      { NULL, "{\"fiscal_year\":2026,\"amount_yen\":1,\"note\":\"補正\"}", 400, "note" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/budgets", h->admin, bad[i].body, NULL);
        if (r->status != bad[i].status || !ts_reply_has_field_error (r, bad[i].field))
          g_error ("%s: expected %u on %s, got %u: %s", bad[i].body, bad[i].status, bad[i].field,
                   r->status, r->body);
      }
  }
  {
    const char *body = "{\"fiscal_year\":2026,\"amount_yen\":1}";
    g_autoptr(TsReply) coordinator = ts_harness_request (h, "POST", "/v1/budgets", h->coordinator, body, NULL);
    g_autoptr(TsReply) auditor = ts_harness_request (h, "POST", "/v1/budgets", h->auditor, body, NULL);
    g_autoptr(TsReply) sup = ts_harness_request (h, "GET", "/v1/budgets", f->tok_a, NULL, NULL);
    ts_assert_problem (coordinator, 403, "forbidden", NULL);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_problem (sup, 403, "forbidden", NULL);
  }

  /* The audit of 令和8年度 (April 2026 – March 2027). */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                               h->auditor, NULL, NULL);
    JsonObject *may;

    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    g_assert_cmpint (json_object_get_int_member (o, "fiscal_year"), ==, 2026);
    g_assert_cmpstr (json_object_get_string_member (o, "label_ja"), ==, "令和8年度");
    g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, "令和8年度");
    g_assert_cmpstr (json_object_get_string_member (o, "first_month"), ==, "2026-04");
    g_assert_cmpstr (json_object_get_string_member (o, "last_month"), ==, "2027-03");
    months = json_object_get_array_member (o, "months");
    g_assert_cmpuint (json_array_get_length (months), ==, 12);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (months, 11), "month"),
                     ==, "2027-03");
    may = json_array_get_object_element (months, 1);
    g_assert_cmpstr (json_object_get_string_member (may, "month"), ==, "2026-05");
    g_assert_cmpint (json_object_get_int_member (may, "total_yen"), ==, 15900);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (months, 0), "total_yen"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "total_yen"), ==, 15900);
    by_kind = json_object_get_object_member (o, "by_kind");
    g_assert_cmpint (json_object_get_int_member (by_kind, "honorarium"), ==, 8400);
    g_assert_cmpint (json_object_get_int_member (by_kind, "transport"), ==, 3000);
    g_assert_cmpint (json_object_get_int_member (by_kind, "host_stipend"), ==, 4500);
    g_assert_cmpint (json_object_get_int_member (by_kind, "adjustment"), ==, 0);
    by_payee = json_object_get_object_member (o, "by_payee_type");
    g_assert_cmpint (json_object_get_int_member (by_payee, "supporter"), ==, 11400);
    g_assert_cmpint (json_object_get_int_member (by_payee, "host"), ==, 4500);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "payees")), ==, 4);
    g_assert_cmpint (json_object_get_int_member (o, "unissued_yen"), ==, 3800);
    budget = json_object_get_object_member (o, "budget");
    g_assert_cmpint (json_object_get_int_member (budget, "amount_yen"), ==, 3207000);
    g_assert_cmpint (json_object_get_int_member (budget, "used_yen"), ==, 15900);
    g_assert_cmpint (json_object_get_int_member (budget, "remaining_yen"), ==, 3207000 - 15900);
    /* floor (15,900 × 10,000 / 3,207,000) = 49 basis points. */
    g_assert_cmpint (json_object_get_int_member (budget, "used_basis_points"), ==, 49);
    g_assert_cmpstr (json_object_get_string_member (budget, "used_percent"), ==, "0.49");
  }
  {
    const char *en[] = { "Accept-Language", "en", NULL };
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                               h->admin, NULL, en);
    g_autoptr(TsReply) none = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2024",
                                                  h->admin, NULL, NULL);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "label"), ==, "FY2026");
    ts_assert_status (none, 200);
    g_assert_true (json_object_get_null_member (ts_reply_object (none), "budget"));
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (none), "total_yen"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (none), "label_ja"), ==, "令和6年度");
  }
  {
    g_autoptr(TsReply) coordinator = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                                         h->coordinator, NULL, NULL);
    g_autoptr(TsReply) sup = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                                 f->tok_a, NULL, NULL);
    g_autoptr(TsReply) host = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                                  f->host_7, NULL, NULL);
    g_autoptr(TsReply) missing = ts_harness_request (h, "GET", "/v1/audit/payments", h->auditor, NULL, NULL);
    g_autoptr(TsReply) word = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=R8",
                                                  h->auditor, NULL, NULL);
    g_autoptr(TsReply) old = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=1700",
                                                 h->auditor, NULL, NULL);
    g_autoptr(TsReply) unknown = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026&month=5",
                                                     h->auditor, NULL, NULL);
    ts_assert_problem (coordinator, 403, "forbidden", NULL);
    ts_assert_problem (sup, 403, "forbidden", NULL);
    ts_assert_problem (host, 403, "forbidden", NULL);
    ts_assert_problem (missing, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (word, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (old, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (unknown, 400, "unknown_field", "month");
  }
}

/* GET /v1/audit/payments with Accept: text/csv (issue 14): the months of
 * the fiscal year, then apart from them the year's totals and the budget. */
static void
test_audit_csv (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  const char *csv_accept[] = { "Accept", "text/csv", NULL };
  g_autofree char *ja_name = g_uri_escape_string ("支払状況_令和8年度.csv", NULL, FALSE);
  g_autofree char *star = g_strconcat ("filename*=UTF-8''", ja_name, NULL);

  (void) data;
  fill_may (f);
  /* Approved, not issued: 3,800. */
  ts_harness_approved_activity (h, f->tok_a, f->asg_a, "2026-06-03");
  {
    g_autoptr(TsReply) r = issue (h, h->coordinator, "2026-05");
    g_autoptr(TsReply) b = ts_harness_request (h, "POST", "/v1/budgets", h->admin,
                                               "{\"fiscal_year\":2026,\"amount_yen\":3207000}", NULL);
    ts_assert_status (r, 201);
    ts_assert_status (b, 201);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                               h->auditor, NULL, csv_accept);
    g_auto(GStrv) lines = NULL;

    ts_assert_status (r, 200);
    g_assert_true (g_str_has_prefix (ts_reply_header (r, "Content-Type"), "text/csv"));
    g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"),
                              "filename=\"payments-audit-2026.csv\""));
    g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"), star));
    g_assert_true (r->length > 3 && memcmp (r->body, "\xEF\xBB\xBF", 3) == 0);
    g_assert_null (strstr (r->body, "+09:00"));
    lines = g_strsplit (r->body + 3, "\r\n", -1);
    /* The header, 12 months, an empty line, the year's header and row, an
     * empty line, the budget's header and row. */
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 12 + 1 + 2 + 1 + 2 + 1);
    g_assert_cmpstr (lines[0], ==, "月,謝礼,交通費,職親謝金,調整,行事謝礼,サポーター分,職親分,合計");
    g_assert_cmpstr (lines[1], ==, "2026-04,0,0,0,0,0,0,0,0");
    g_assert_cmpstr (lines[2], ==, "2026-05,8400,3000,4500,0,0,11400,4500,15900");
    g_assert_cmpstr (lines[12], ==, "2027-03,0,0,0,0,0,0,0,0");
    g_assert_cmpstr (lines[13], ==, "");
    g_assert_cmpstr (lines[14], ==, "年度,謝礼,交通費,職親謝金,調整,行事謝礼,サポーター分,職親分,合計");
    g_assert_cmpstr (lines[15], ==, "令和8年度,8400,3000,4500,0,0,11400,4500,15900");
    g_assert_cmpstr (lines[16], ==, "");
    g_assert_cmpstr (lines[17], ==, "年度,予算,残額,執行率(%),未発行");
    g_assert_cmpstr (lines[18], ==, "令和8年度,3207000,3191100,0.49,3800");
    g_assert_cmpstr (lines[19], ==, "");
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026&table=payees",
                                               h->admin, NULL, csv_accept);
    g_auto(GStrv) lines = NULL;
    guint n = 0;

    ts_assert_status (r, 200);
    g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"), "payments-audit-2026-payees.csv"));
    lines = g_strsplit (r->body + 3, "\r\n", -1);
    g_assert_cmpstr (lines[0], ==, "支払先区分,サポーター番号,支払先名,明細書数,金額");
    while (lines[1 + n][0] != '\0')
      {
        /* A supporter by number (its internal id is not shown), a host by
         * name. */
        g_auto(GStrv) cells = g_strsplit (lines[1 + n], ",", -1);
        g_assert_cmpuint (g_strv_length (cells), ==, 5);
        if (g_str_equal (cells[0], "サポーター"))
          g_assert_cmpstr (cells[1], !=, "");
        else
          {
            g_assert_cmpstr (cells[0], ==, "職親");
            g_assert_cmpstr (cells[1], ==, "");
          }
        n++;
      }
    g_assert_cmpuint (n, ==, 4);
    g_assert_cmpstr (lines[1 + n + 2], ==, "令和8年度,8400,3000,4500,0,0,11400,4500,15900");
  }
  /* A year without a budget: its cells are empty, not 0. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2024",
                                               h->auditor, NULL, csv_accept);
    ts_assert_status (r, 200);
    g_assert_true (g_str_has_suffix (r->body, "年度,予算,残額,執行率(%),未発行\r\n令和6年度,,,,0\r\n"));
  }
  /* Refused roles and bad input, as JSON problems whatever the Accept. */
  {
    const char *refused[] = { h->coordinator, f->tok_a, f->host_7 };
    g_autoptr(TsReply) table = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026&table=people",
                                                   h->auditor, NULL, csv_accept);
    g_autoptr(TsReply) missing = ts_harness_request (h, "GET", "/v1/audit/payments", h->auditor, NULL,
                                                     csv_accept);
    g_autoptr(TsReply) anonymous = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                                       NULL, NULL, csv_accept);

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/payments?fiscal_year=2026",
                                                   refused[i], NULL, csv_accept);
        ts_assert_problem (r, 403, "forbidden", NULL);
      }
    ts_assert_problem (table, 422, "validation_failed", "table");
    ts_assert_problem (missing, 422, "validation_failed", "fiscal_year");
    ts_assert_status (anonymous, 401);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/payments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add ("/tsunagari/http/payments/rates", Fixture, NULL, NULL, test_rates, NULL);
  ADD ("issue", test_issue);
  ADD ("issue-bad-input", test_issue_bad_input);
  ADD ("adjustments", test_adjustments);
  ADD ("issue-concurrent", test_issue_concurrent);
  ADD ("object-access", test_object_access);
  ADD ("csv", test_csv);
  ADD ("paid", test_paid);
  ADD ("budget-and-audit", test_budget_and_audit);
  ADD ("audit-csv", test_audit_csv);
#undef ADD
  return g_test_run ();
}
