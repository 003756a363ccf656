/*
 * Planned visits on a live server (SPEC 2.9, 3.3 Visits; issue 17): a
 * coordinator and a supporter plan; change with If-Match, cancel; a report
 * names its visit (one live report a visit), which turns it reported, and a
 * visit past its date without one is unreported (未報告); the proposals
 * that fit both availabilities and the supporter's other visits; each
 * refused role; bad input; the organisation scope; the audit entries.
 *
 * "Today" is pinned to 2026-06-15, a Monday (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"
#define SHARE "[\"matching\",\"support\"]"

typedef TsAssigned Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  /* The supporter: Monday 10–12 and Wednesday 13–17. */
  ts_assigned_set_up (f, TODAY, SHARE,
                      "\"availability\":[{\"weekday\":1,\"from\":\"10:00\",\"to\":\"12:00\"},"
                      "{\"weekday\":3,\"from\":\"13:00\",\"to\":\"17:00\"}]");
  /* The case: Wednesday 14–18 and Friday 9–12. */
  {
    g_autoptr(TsReply) r = ts_harness_call (
      f->h, "PATCH", f->coord,
      "{\"preferences\":{\"availability\":[{\"weekday\":3,\"from\":\"14:00\",\"to\":\"18:00\"},"
      "{\"weekday\":5,\"from\":\"09:00\",\"to\":\"12:00\"}]}}",
      "/v1/cases/%" G_GINT64_FORMAT, f->case_id);
    ts_assert_status (r, 200);
  }
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_assigned_tear_down (f);
}

static char *
visit_body (gint64 assignment_id, const char *date, const char *start)
{
  return g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\","
                          "\"start\":\"%s\",\"minutes\":60,\"note\":\"玄関先で\"}",
                          assignment_id, date, start);
}

static TsReply *
plan (Fixture *f, const char *token, gint64 assignment_id, const char *date, const char *start)
{
  g_autofree char *body = visit_body (assignment_id, date, start);
  return ts_harness_request (f->h, "POST", "/v1/visits", token, body, NULL);
}

static gint64
planned (Fixture *f, const char *token, gint64 assignment_id, const char *date, const char *start)
{
  g_autoptr(TsReply) r = plan (f, token, assignment_id, date, start);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static char *
get_report (Fixture *f, gint64 id)
{
  g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->coord, NULL,
                                          "/v1/visits/%" G_GINT64_FORMAT, id);
  ts_assert_status (r, 200);
  return g_strdup (json_object_get_string_member (ts_reply_object (r), "report"));
}

static TsReply *
report (Fixture *f, const char *token, gint64 assignment_id, gint64 visit_id)
{
  g_autofree char *body = g_strdup_printf (
    "{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-06-10\",\"start\":\"14:00\","
    "\"minutes\":60,\"kind\":\"home_visit\",\"visit_id\":%" G_GINT64_FORMAT "}",
    assignment_id, visit_id);
  return ts_harness_request (f->h, "POST", "/v1/activities", token, body, NULL);
}

/* ---- success ------------------------------------------------------------------ */

static void
test_plan_and_read (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 v1, v2;

  {
    g_autoptr(TsReply) r = plan (f, f->coord, f->asg, "2026-06-17", "14:00");
    g_autofree char *location = NULL;
    JsonObject *o;

    ts_assert_status (r, 201);
    v1 = ts_reply_id (r);
    location = g_strdup_printf ("/v1/visits/%" G_GINT64_FORMAT, v1);
    g_assert_cmpstr (ts_reply_header (r, "Location"), ==, location);
    g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v1\"");
    o = ts_reply_object (r);
    g_assert_cmpint (json_object_get_int_member (o, "assignment_id"), ==, f->asg);
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, f->case_id);
    g_assert_cmpint (json_object_get_int_member (o, "supporter_id"), ==, f->sup);
    g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-06-17");
    g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "14:00");
    g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "15:00");
    g_assert_cmpint (json_object_get_int_member (o, "minutes"), ==, 60);
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "玄関先で");
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "planned");
    g_assert_cmpstr (json_object_get_string_member (o, "report"), ==, "upcoming");
    g_assert_true (json_object_get_null_member (o, "activity_id"));
    g_assert_nonnull (json_object_get_string_member (o, "case_nickname"));
    g_assert_cmpint (json_object_get_int_member (o, "version"), ==, 1);
  }
  /* The supporter plans for their own assignment. */
  v2 = planned (f, f->sup_tok, f->asg, "2026-06-24", "14:30");
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->sup_tok, NULL,
                                            "/v1/visits/%" G_GINT64_FORMAT, v1);
    ts_assert_status (r, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "user_id"), >, 0);
  }
  /* Another supporter's visit, in between. */
  planned (f, f->coord, f->asg2, "2026-06-18", "10:00");
  /* A supporter's list is their own. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/visits", f->sup_tok, NULL, NULL);
    JsonArray *a;

    ts_assert_status (r, 200);
    a = json_object_get_array_member (ts_reply_object (r), "visits");
    g_assert_cmpuint (json_array_get_length (a), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "id"), ==, v1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 1), "id"), ==, v2);
  }
  /* The coordinator's: all three; by date range and by assignment. */
  {
    g_autoptr(TsReply) all = ts_harness_request (f->h, "GET", "/v1/visits", f->coord, NULL, NULL);
    g_autoptr(TsReply) range = ts_harness_request (f->h, "GET",
                                                   "/v1/visits?from=2026-06-18&to=2026-06-30",
                                                   f->coord, NULL, NULL);
    g_autoptr(TsReply) by = ts_harness_call (f->h, "GET", f->coord, NULL,
                                             "/v1/visits?assignment_id=%" G_GINT64_FORMAT,
                                             f->asg2);

    ts_assert_status (all, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (all), "visits")), ==, 3);
    ts_assert_status (range, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (range), "visits")), ==, 2);
    ts_assert_status (by, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (by), "visits")), ==, 1);
  }
}

static void
test_change_and_cancel (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 id = planned (f, f->coord, f->asg, "2026-06-17", "14:00");
  const char *v1[] = { "If-Match", "\"v1\"", NULL };
  g_autofree char *path = g_strdup_printf ("/v1/visits/%" G_GINT64_FORMAT, id);
  g_autofree char *cancel = g_strdup_printf ("/v1/visits/%" G_GINT64_FORMAT "/cancel", id);

  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "PATCH", path, f->sup_tok,
                                               "{\"start\":\"15:00\",\"minutes\":90}", v1);
    JsonObject *o;

    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v2\"");
    g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "15:00");
    g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "16:30");
    g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-06-17");
  }
  /* A stale copy. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "PATCH", path, f->coord,
                                               "{\"note\":\"変更\"}", v1);
    ts_assert_problem (r, 412, "precondition_failed", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", cancel, f->coord, NULL, NULL);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "status"), ==, "cancelled");
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "report"), ==, "cancelled");
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "version"), ==, 3);
  }
  {
    g_autoptr(TsReply) again = ts_harness_request (f->h, "POST", cancel, f->coord, "{}", NULL);
    g_autoptr(TsReply) change = ts_harness_request (f->h, "PATCH", path, f->coord,
                                                    "{\"note\":\"x\"}", NULL);
    ts_assert_problem (again, 409, "invalid_transition", NULL);
    ts_assert_problem (change, 409, "invalid_transition", NULL);
  }
}

static void
test_report_and_unreported (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 past = planned (f, f->coord, f->asg, "2026-06-10", "14:00");
  gint64 other = planned (f, f->coord, f->asg2, "2026-06-10", "10:00");
  gint64 activity;
  g_autofree char *before = get_report (f, past);

  /* 未報告: its date past, no report. */
  g_assert_cmpstr (before, ==, "unreported");
  /* A visit of another assignment. */
  {
    g_autoptr(TsReply) r = report (f, f->sup_tok, f->asg, other);
    ts_assert_problem (r, 422, "validation_failed", "visit_id");
  }
  {
    g_autoptr(TsReply) r = report (f, f->sup_tok, f->asg, past);
    ts_assert_status (r, 201);
    activity = ts_reply_id (r);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "visit_id"), ==, past);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->sup_tok, NULL,
                                            "/v1/visits/%" G_GINT64_FORMAT, past);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "report"), ==, "reported");
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "activity_id"), ==, activity);
  }
  /* One live report a visit; a reported visit stays as it is. */
  {
    g_autoptr(TsReply) r = report (f, f->sup_tok, f->asg, past);
    g_autoptr(TsReply) p = ts_harness_call (f->h, "PATCH", f->coord, "{\"note\":\"x\"}",
                                            "/v1/visits/%" G_GINT64_FORMAT, past);
    g_autoptr(TsReply) c = ts_harness_call (f->h, "POST", f->coord, NULL,
                                            "/v1/visits/%" G_GINT64_FORMAT "/cancel", past);
    ts_assert_problem (r, 409, "already_exists", NULL);
    ts_assert_problem (p, 409, "invalid_transition", NULL);
    ts_assert_problem (c, 409, "invalid_transition", NULL);
  }
  /* A report's visit cannot be changed; withdrawing the report frees it. */
  {
    g_autoptr(TsReply) p = ts_harness_call (f->h, "PATCH", f->sup_tok, "{\"visit_id\":1}",
                                            "/v1/activities/%" G_GINT64_FORMAT, activity);
    g_autoptr(TsReply) w = ts_harness_call (f->h, "POST", f->sup_tok, NULL,
                                            "/v1/activities/%" G_GINT64_FORMAT "/withdraw",
                                            activity);
    g_autofree char *after = NULL;

    ts_assert_problem (p, 422, "validation_failed", "visit_id");
    ts_assert_status (w, 200);
    after = get_report (f, past);
    g_assert_cmpstr (after, ==, "unreported");
  }
  {
    g_autoptr(TsReply) r = report (f, f->sup_tok, f->asg, past);
    ts_assert_status (r, 201);
  }
  /* A cancelled visit is not reported. */
  {
    gint64 gone = planned (f, f->coord, f->asg, "2026-06-11", "14:00");
    g_autoptr(TsReply) c = ts_harness_call (f->h, "POST", f->coord, NULL,
                                            "/v1/visits/%" G_GINT64_FORMAT "/cancel", gone);
    g_autoptr(TsReply) r = NULL;

    ts_assert_status (c, 200);
    r = report (f, f->sup_tok, f->asg, gone);
    ts_assert_problem (r, 422, "validation_failed", "visit_id");
  }
}

static void
test_proposals (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  g_autofree char *path = g_strdup_printf ("/v1/assignments/%" G_GINT64_FORMAT
                                           "/visit-proposals?from=2026-06-16&minutes=60", f->asg);
  static const char *const expected[][2] = {
    /* Wednesday 17th: 14:00 is taken, 15:00 is next; then the next Wednesdays. */
    { "2026-06-17", "15:00" }, { "2026-06-24", "14:00" }, { "2026-07-01", "14:00" },
  };

  planned (f, f->coord, f->asg, "2026-06-17", "14:00");
  for (guint who = 0; who < 2; who++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, who == 0 ? f->coord : f->sup_tok,
                                                 NULL, NULL);
      JsonArray *a;

      ts_assert_status (r, 200);
      a = json_object_get_array_member (ts_reply_object (r), "proposals");
      g_assert_cmpuint (json_array_get_length (a), ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          JsonObject *p = json_array_get_object_element (a, i);
          g_assert_cmpstr (json_object_get_string_member (p, "date"), ==, expected[i][0]);
          g_assert_cmpstr (json_object_get_string_member (p, "start"), ==, expected[i][1]);
        }
    }
  /* A longer visit fits fewer ranges: 3 hours on Wednesday 14–17 only. */
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->coord, NULL,
                                            "/v1/assignments/%" G_GINT64_FORMAT
                                            "/visit-proposals?from=2026-06-16&minutes=180", f->asg);
    JsonArray *a;

    ts_assert_status (r, 200);
    a = json_object_get_array_member (ts_reply_object (r), "proposals");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "date"),
                     ==, "2026-06-24");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "end"),
                     ==, "17:00");
  }
  /* Bad input, refused roles, scope. */
  {
    const char *bad[] = { "minutes=0", "minutes=721", "minutes=x", "from=2026-06-01",
                          "from=2026-13-01", "color=red" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->coord, NULL,
                                                "/v1/assignments/%" G_GINT64_FORMAT
                                                "/visit-proposals?%s", f->asg, bad[i]);
        g_assert_cmpuint (r->status, >=, 400);
        g_assert_cmpuint (r->status, <, 500);
        g_assert_cmpuint (r->status, !=, 404);
      }
  }
  {
    g_autofree char *p = g_strdup_printf ("/v1/assignments/%" G_GINT64_FORMAT "/visit-proposals",
                                          f->asg);
    g_autoptr(TsReply) host = ts_harness_request (f->h, "GET", p, f->host, NULL, NULL);
    g_autoptr(TsReply) aud = ts_harness_request (f->h, "GET", p, f->auditor, NULL, NULL);
    g_autoptr(TsReply) other = ts_harness_request (f->h, "GET", p, f->sup2_tok, NULL, NULL);
    g_autoptr(TsReply) org = ts_harness_request (f->h, "GET", p, f->other_coord, NULL, NULL);
    g_autoptr(TsReply) none = ts_harness_request (f->h, "GET", "/v1/assignments/9999/visit-proposals",
                                                  f->coord, NULL, NULL);
    ts_assert_problem (host, 403, "forbidden", NULL);
    ts_assert_problem (aud, 403, "forbidden", NULL);
    ts_assert_problem (other, 404, "not_found", NULL);
    ts_assert_problem (org, 404, "not_found", NULL);
    ts_assert_problem (none, 404, "not_found", NULL);
  }
}

/* ---- refusals ------------------------------------------------------------------- */

static void
test_roles_and_scope (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 id = planned (f, f->coord, f->asg, "2026-06-17", "14:00");
  g_autofree char *path = g_strdup_printf ("/v1/visits/%" G_GINT64_FORMAT, id);
  g_autofree char *cancel = g_strdup_printf ("/v1/visits/%" G_GINT64_FORMAT "/cancel", id);
  g_autofree char *body = visit_body (f->asg, "2026-06-17", "14:00");
  const char *forbidden[] = { f->host, f->auditor };
  g_autofree char *missing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autoptr(TsReply) c = ts_harness_request (f->h, "POST", "/v1/visits", forbidden[i], body, NULL);
      g_autoptr(TsReply) l = ts_harness_request (f->h, "GET", "/v1/visits", forbidden[i], NULL, NULL);
      g_autoptr(TsReply) g = ts_harness_request (f->h, "GET", path, forbidden[i], NULL, NULL);
      g_autoptr(TsReply) p = ts_harness_request (f->h, "PATCH", path, forbidden[i], "{\"note\":\"x\"}", NULL);
      g_autoptr(TsReply) x = ts_harness_request (f->h, "POST", cancel, forbidden[i], NULL, NULL);
      ts_assert_problem (c, 403, "forbidden", NULL);
      ts_assert_problem (l, 403, "forbidden", NULL);
      ts_assert_problem (g, 403, "forbidden", NULL);
      ts_assert_problem (p, 403, "forbidden", NULL);
      ts_assert_problem (x, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/visits/99999", f->coord, NULL, NULL);
    ts_assert_problem (r, 404, "not_found", NULL);
    missing = g_strdup (json_object_get_string_member (ts_reply_object (r), "detail"));
  }
  /* Another supporter and another organisation: the words of a missing id. */
  {
    const char *outsiders[] = { f->sup2_tok, f->other_coord };
    for (guint i = 0; i < G_N_ELEMENTS (outsiders); i++)
      {
        g_autoptr(TsReply) g = ts_harness_request (f->h, "GET", path, outsiders[i], NULL, NULL);
        g_autoptr(TsReply) p = ts_harness_request (f->h, "PATCH", path, outsiders[i], "{\"note\":\"x\"}", NULL);
        g_autoptr(TsReply) x = ts_harness_request (f->h, "POST", cancel, outsiders[i], NULL, NULL);
        g_autoptr(TsReply) c = ts_harness_request (f->h, "POST", "/v1/visits", outsiders[i], body, NULL);
        g_autoptr(TsReply) l = ts_harness_request (f->h, "GET", "/v1/visits", outsiders[i], NULL, NULL);

        ts_assert_problem (g, 404, "not_found", NULL);
        g_assert_cmpstr (json_object_get_string_member (ts_reply_object (g), "detail"), ==, missing);
        ts_assert_problem (p, 404, "not_found", NULL);
        ts_assert_problem (x, 404, "not_found", NULL);
        ts_assert_problem (c, 404, "not_found", NULL);
        ts_assert_status (l, 200);
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (l), "visits")), ==, 0);
      }
  }
  /* The other organisation's own assignment is its own to plan. */
  {
    g_autoptr(TsReply) r = plan (f, f->other_coord, f->other_asg, "2026-06-17", "14:00");
    g_autoptr(TsReply) mine = plan (f, f->coord, f->other_asg, "2026-06-17", "14:00");
    ts_assert_status (r, 201);
    ts_assert_problem (mine, 404, "not_found", NULL);
  }
  /* Without a token. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/visits", NULL, NULL, NULL);
    ts_assert_problem (r, 401, "unauthorized", NULL);
  }
}

static void
test_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  const struct {
    const char *body;
    const char *field;
  } bad[] = {
    { "{\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":60}", "assignment_id" },
    { "{\"assignment_id\":1,\"start\":\"14:00\",\"minutes\":60}", "date" },
    { "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"minutes\":60}", "start" },
    { "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\"}", "minutes" },
    { "{\"assignment_id\":\"1\",\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":60}", "assignment_id" },
    { "{\"assignment_id\":1,\"date\":\"2026-13-01\",\"start\":\"14:00\",\"minutes\":60}", "date" },
    { "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"24:30\",\"minutes\":60}", "start" },
    { "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":0}", "minutes" },
    { "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":721}", "minutes" },
    { "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":\"60\"}", "minutes" },
    { "{\"assignment_id\":1,\"date\":\"1999-12-31\",\"start\":\"14:00\",\"minutes\":60}", "date" },
    { "{\"assignment_id\":1,\"date\":\"2028-01-01\",\"start\":\"14:00\",\"minutes\":60}", "date" },
    /* Before the assignment started (2026-04-01). */
    { "{\"assignment_id\":1,\"date\":\"2026-03-31\",\"start\":\"14:00\",\"minutes\":60}", "date" },
  };

  g_assert_cmpint (f->asg, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/visits", f->coord, bad[i].body, NULL);
      g_test_message ("%s", bad[i].body);
      ts_assert_problem (r, 422, "validation_failed", bad[i].field);
    }
  /* A note too long, an unknown member, a read-only one, an unknown assignment. */
  {
    g_autoptr(GString) note = g_string_new ("{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":60,\"note\":\"");
    g_autoptr(TsReply) a = NULL;
    g_autoptr(TsReply) b = NULL;
    g_autoptr(TsReply) c = NULL;
    g_autoptr(TsReply) d = NULL;

    for (guint i = 0; i < 501; i++)
      g_string_append (note, "あ");
    g_string_append (note, "\"}");
    a = ts_harness_request (f->h, "POST", "/v1/visits", f->coord, note->str, NULL);
    ts_assert_problem (a, 422, "validation_failed", "note");
    b = ts_harness_request (f->h, "POST", "/v1/visits", f->coord,
                            "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":60,\"colour\":\"red\"}", NULL);
    ts_assert_problem (b, 400, "unknown_field", NULL);
    c = ts_harness_request (f->h, "POST", "/v1/visits", f->coord,
                            "{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":60,\"status\":\"cancelled\"}", NULL);
    g_assert_cmpuint (c->status, >=, 400);
    g_assert_cmpuint (c->status, <, 500);
    d = plan (f, f->coord, 9999, "2026-06-17", "14:00");
    ts_assert_problem (d, 404, "not_found", NULL);
  }
  /* An ended assignment takes no new visit. */
  {
    g_autoptr(TsReply) e = ts_harness_call (f->h, "POST", f->coord,
                                            "{\"ended_on\":\"2026-06-12\",\"reason\":\"completed\"}",
                                            "/v1/assignments/%" G_GINT64_FORMAT "/end", f->asg2);
    g_autoptr(TsReply) r = NULL;

    ts_assert_status (e, 200);
    r = plan (f, f->coord, f->asg2, "2026-06-10", "10:00");
    ts_assert_problem (r, 422, "validation_failed", "assignment_id");
  }
  /* PATCH: the assignment cannot move; the list's parameters. */
  {
    gint64 id = planned (f, f->coord, f->asg, "2026-06-17", "14:00");
    g_autoptr(TsReply) p = ts_harness_call (f->h, "PATCH", f->coord, "{\"assignment_id\":2}",
                                            "/v1/visits/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) q = ts_harness_call (f->h, "PATCH", f->coord, "{\"minutes\":-5}",
                                            "/v1/visits/%" G_GINT64_FORMAT, id);
    const char *lists[] = { "/v1/visits?from=2026-02-30", "/v1/visits?from=2026-06-20&to=2026-06-01",
                            "/v1/visits?status=done", "/v1/visits?limit=0", "/v1/visits?assignment_id=x",
                            "/v1/visits?colour=red" };

    ts_assert_problem (p, 422, "validation_failed", "assignment_id");
    ts_assert_problem (q, 422, "validation_failed", "minutes");
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", lists[i], f->coord, NULL, NULL);
        g_test_message ("%s", lists[i]);
        g_assert_cmpuint (r->status, >=, 400);
        g_assert_cmpuint (r->status, <, 500);
      }
  }
  /* An oversize body. */
  {
    g_autoptr(GString) big = g_string_new ("{\"assignment_id\":1,\"date\":\"2026-06-17\",\"start\":\"14:00\",\"minutes\":60,\"note\":\"");
    g_autoptr(TsReply) r = NULL;

    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    r = ts_harness_request (f->h, "POST", "/v1/visits", f->coord, big->str, NULL);
    ts_assert_problem (r, 413, "payload_too_large", NULL);
  }
}

/* ---- programmes (seed 001 サポートネット 訪問相談) ---------------------------------- */

static TsReply *
new_case (Fixture *f, const char *extra)
{
  g_autofree char *body = g_strdup_printf (
    "{\"nickname\":\"Pさん\",\"municipality_code\":\"131059\",\"gender\":\"male\","
    "\"household\":\"single\",\"consent\":{\"obtained_on\":\"2026-05-01\","
    "\"scope\":[\"matching\",\"support\"]},%s}", extra);
  return ts_harness_request (f->h, "POST", "/v1/cases", f->coord, body, NULL);
}

static void
assert_reasons (TsReply *r, const char *const *expected)
{
  JsonArray *a;
  guint n = g_strv_length ((char **) expected);

  ts_assert_problem (r, 422, "programme_ineligible", NULL);
  a = json_object_get_array_member (ts_reply_object (r), "reasons");
  g_assert_cmpuint (json_array_get_length (a), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (a, i), ==, expected[i]);
}

/* One supporter, one place at a time: a visit planned or moved onto
 * another of the supporter's planned visits is 409 visit_overlap naming the
 * other; touching ends, another supporter's visits and cancelled ones do
 * not count. */
static void
test_overlap (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 first = planned (f, f->coord, f->asg, "2026-06-17", "14:00");
  gint64 next = planned (f, f->coord, f->asg, "2026-06-17", "15:00");
  gint64 count;
  g_autofree char *first_path = g_strdup_printf ("/v1/visits/%" G_GINT64_FORMAT, first);
  g_autofree char *next_path = g_strdup_printf ("/v1/visits/%" G_GINT64_FORMAT, next);

  planned (f, f->sup_tok, f->asg, "2026-06-17", "13:00");
  planned (f, f->coord, f->asg2, "2026-06-17", "14:00");
  planned (f, f->coord, f->asg, "2026-06-18", "14:30");
  count = ts_harness_sql_int (f->h, "SELECT count(*) FROM visits");
  {
    g_autoptr(TsReply) r = plan (f, f->sup_tok, f->asg, "2026-06-17", "14:30");
    ts_assert_problem (r, 409, "visit_overlap", NULL);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "visit_id"), ==, first);
    g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM visits"), ==, count);
  }
  {
    g_autoptr(TsReply) onto = ts_harness_request (f->h, "PATCH", next_path, f->coord,
                                                  "{\"start\":\"14:30\"}", NULL);
    g_autoptr(TsReply) longer = ts_harness_request (f->h, "PATCH", first_path, f->coord,
                                                    "{\"minutes\":90}", NULL);
    g_autoptr(TsReply) other_day = ts_harness_request (f->h, "PATCH", next_path, f->coord,
                                                       "{\"date\":\"2026-06-18\"}", NULL);
    g_autoptr(TsReply) same = ts_harness_request (f->h, "PATCH", first_path, f->coord,
                                                  "{\"start\":\"14:00\",\"minutes\":60}", NULL);

    ts_assert_problem (onto, 409, "visit_overlap", NULL);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (onto), "visit_id"), ==, first);
    ts_assert_problem (longer, 409, "visit_overlap", NULL);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (longer), "visit_id"), ==, next);
    ts_assert_problem (other_day, 409, "visit_overlap", NULL);
    ts_assert_status (same, 200);
  }
  {
    g_autofree char *cancel = g_strdup_printf ("%s/cancel", first_path);
    g_autoptr(TsReply) c = ts_harness_request (f->h, "POST", cancel, f->coord, NULL, NULL);

    ts_assert_status (c, 200);
    planned (f, f->sup_tok, f->asg, "2026-06-17", "14:00");
  }
}

static void
test_programmes (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 prog, kase, asg;
  g_autofree char *with = NULL;

  /* 原則5回 (here 2, to keep the test short), 15 or over, 6 months or more. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/programmes", h->admin,
                                               "{\"name\":\"サポートネット 訪問相談\",\"visit_limit\":2,"
                                               "\"min_age\":15,\"min_withdrawal_months\":6}", NULL);
    ts_assert_status (r, 201);
    prog = ts_reply_id (r);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "visit_limit"), ==, 2);
  }
  {
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/programmes", f->coord, NULL, NULL);
    g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/programmes", f->coord, "{\"name\":\"x\"}", NULL);
    g_autoptr(TsReply) s = ts_harness_request (h, "GET", "/v1/programmes", f->sup_tok, NULL, NULL);
    g_autoptr(TsReply) m = ts_harness_request (h, "POST", "/v1/programmes", h->admin, "{}", NULL);
    g_autoptr(TsReply) z = ts_harness_request (h, "POST", "/v1/programmes", h->admin,
                                               "{\"name\":\"x\",\"visit_limit\":0}", NULL);
    g_autoptr(TsReply) t = ts_harness_request (h, "POST", "/v1/programmes", h->admin,
                                               "{\"name\":\"x\",\"min_age\":\"15\"}", NULL);
    g_autoptr(TsReply) u = ts_harness_request (h, "POST", "/v1/programmes", h->admin,
                                               "{\"name\":\"x\",\"limit\":5}", NULL);
    ts_assert_status (l, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (l), "programmes")), ==, 1);
    ts_assert_problem (c, 403, "forbidden", NULL);
    ts_assert_problem (s, 403, "forbidden", NULL);
    ts_assert_problem (m, 422, "validation_failed", "name");
    ts_assert_problem (z, 422, "validation_failed", "visit_limit");
    ts_assert_problem (t, 422, "validation_failed", "min_age");
    ts_assert_problem (u, 400, "unknown_field", NULL);
  }
  /* Intake: withdrawn 3 months is too short; unknown age and withdrawal are
   * reasons of their own; 10s (10–19) is admitted at 15. */
  {
    g_autofree char *a = g_strdup_printf ("\"age_band\":\"10s\",\"withdrawal_months\":3,"
                                          "\"programme_id\":%" G_GINT64_FORMAT, prog);
    g_autofree char *b = g_strdup_printf ("\"age_band\":\"unknown\",\"programme_id\":%"
                                          G_GINT64_FORMAT, prog);
    g_autofree char *c = g_strdup_printf ("\"age_band\":\"10s\",\"withdrawal_months\":6,"
                                          "\"programme_id\":%" G_GINT64_FORMAT, prog);
    g_autoptr(TsReply) ra = new_case (f, a);
    g_autoptr(TsReply) rb = new_case (f, b);
    g_autoptr(TsReply) rc = new_case (f, c);
    g_autoptr(TsReply) rd = new_case (f, "\"age_band\":\"30s\",\"programme_id\":9999");
    const char *const short_only[] = { "withdrawal_too_short", NULL };
    const char *const unknown[] = { "age_unknown", "withdrawal_unknown", NULL };

    assert_reasons (ra, short_only);
    assert_reasons (rb, unknown);
    ts_assert_status (rc, 201);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (rc), "withdrawal_months"), ==, 6);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (rc), "programme_id"), ==, prog);
    ts_assert_problem (rd, 422, "validation_failed", "programme_id");
    kase = ts_reply_id (rc);
  }
  /* A change keeps it eligible; withdrawal_years still counts (× 12). */
  {
    g_autoptr(TsReply) p = ts_harness_call (h, "PATCH", f->coord, "{\"withdrawal_months\":2}",
                                            "/v1/cases/%" G_GINT64_FORMAT, kase);
    g_autoptr(TsReply) q = ts_harness_call (h, "PATCH", f->coord,
                                            "{\"withdrawal_months\":null,\"withdrawal_years\":1}",
                                            "/v1/cases/%" G_GINT64_FORMAT, kase);
    g_autoptr(TsReply) w = ts_harness_call (h, "PATCH", f->coord, "{\"withdrawal_months\":-3}",
                                            "/v1/cases/%" G_GINT64_FORMAT, kase);
    const char *const short_only[] = { "withdrawal_too_short", NULL };

    assert_reasons (p, short_only);
    ts_assert_status (q, 200);
    g_assert_true (json_object_get_null_member (ts_reply_object (q), "withdrawal_months"));
    ts_assert_problem (w, 422, "validation_failed", "withdrawal_months");
  }
  /* The visit limit: two visits, then a reason is needed. */
  {
    g_autoptr(TsReply) a = ts_harness_call (h, "POST", f->coord, "{\"held_on\":\"2026-06-01\","
                                            "\"participants\":[\"coordinator\"],\"summary\":\"会議\"}",
                                            "/v1/cases/%" G_GINT64_FORMAT "/assessment", kase);
    ts_assert_status (a, 201);
  }
  asg = ts_harness_create_assignment (h, f->coord, kase, f->sup2, "2026-04-01");
  planned (f, f->coord, asg, "2026-06-16", "10:00");
  planned (f, f->sup2_tok, asg, "2026-06-23", "10:00");
  {
    g_autoptr(TsReply) r = plan (f, f->coord, asg, "2026-06-30", "10:00");
    ts_assert_problem (r, 409, "visit_limit_reached", NULL);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "visit_limit"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "visits"), ==, 2);
  }
  with = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-06-30\","
                          "\"start\":\"10:00\",\"minutes\":60,"
                          "\"over_limit_reason\":\"ケース会議で継続を決定\"}", asg);
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/visits", f->coord, with, NULL);
    ts_assert_status (r, 201);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "over_limit_reason"), ==,
                     "ケース会議で継続を決定");
  }
  /* A home visit reported without a planned visit counts too. */
  {
    g_autofree char *body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ","
                                             "\"date\":\"2026-06-12\",\"start\":\"10:00\","
                                             "\"minutes\":60,\"kind\":\"home_visit\"}", asg);
    g_autofree char *reason = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ","
                                               "\"date\":\"2026-06-12\",\"start\":\"10:00\","
                                               "\"minutes\":60,\"kind\":\"home_visit\","
                                               "\"over_limit_reason\":\"緊急の訪問\"}", asg);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/activities", f->sup2_tok, body, NULL);
    g_autoptr(TsReply) ok = ts_harness_request (h, "POST", "/v1/activities", f->sup2_tok, reason, NULL);
    ts_assert_problem (r, 409, "visit_limit_reached", NULL);
    ts_assert_status (ok, 201);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "over_limit_reason"), ==,
                     "緊急の訪問");
  }
  /* A case of no programme has no limit. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-07-%02u", i + 1);
      planned (f, f->coord, f->asg, date, "10:00");
    }
}

/* ---- audit ------------------------------------------------------------------------ */

static gint64
audited (TsHarness *h, const char *action, const char *object, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s'"
                                          " AND object = '%s' AND coalesce(object_id, 0) = %"
                                          G_GINT64_FORMAT, action, object, id);
  return ts_harness_sql_int (h, sql);
}

static void
test_audit (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 id = planned (f, f->sup_tok, f->asg, "2026-06-17", "14:00");

  {
    g_autoptr(TsReply) g = ts_harness_call (f->h, "GET", f->coord, NULL,
                                            "/v1/visits/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) l = ts_harness_request (f->h, "GET", "/v1/visits", f->coord, NULL, NULL);
    g_autoptr(TsReply) p = ts_harness_call (f->h, "PATCH", f->coord, "{\"note\":\"変更\"}",
                                            "/v1/visits/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) c = ts_harness_call (f->h, "POST", f->coord, NULL,
                                            "/v1/visits/%" G_GINT64_FORMAT "/cancel", id);
    g_autoptr(TsReply) q = ts_harness_call (f->h, "GET", f->coord, NULL,
                                            "/v1/assignments/%" G_GINT64_FORMAT
                                            "/visit-proposals?from=2026-06-16", f->asg);
    ts_assert_status (g, 200);
    ts_assert_status (l, 200);
    ts_assert_status (p, 200);
    ts_assert_status (c, 200);
    ts_assert_status (q, 200);
  }
  g_assert_cmpint (audited (f->h, "create", "visit", id), ==, 1);
  g_assert_cmpint (audited (f->h, "read", "visit", id), ==, 1);
  g_assert_cmpint (audited (f->h, "list", "visit", 0), ==, 1);
  g_assert_cmpint (audited (f->h, "update", "visit", id), ==, 1);
  g_assert_cmpint (audited (f->h, "cancel", "visit", id), ==, 1);
  g_assert_cmpint (audited (f->h, "visit-proposals", "assignment", f->asg), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/tsunagari/http/visits/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("plan-and-read", test_plan_and_read);
  ADD ("change-and-cancel", test_change_and_cancel);
  ADD ("report-and-unreported", test_report_and_unreported);
  ADD ("proposals", test_proposals);
  ADD ("roles-and-scope", test_roles_and_scope);
  ADD ("bad-input", test_bad_input);
  ADD ("overlap", test_overlap);
  ADD ("programmes", test_programmes);
  ADD ("audit", test_audit);
#undef ADD
  return g_test_run ();
}
