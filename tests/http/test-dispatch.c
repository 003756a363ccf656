/*
 * Dispatch requests on a live server (SPEC 2.6, 3.3; issue 13; 千葉, seed
 * 002): a municipality asks the prefecture for one of its registered
 * supporters.  The whole flow (the receiver sees the case's matching
 * fields only and the case itself stays 404 to it; candidates come from
 * the receiver's own pool; accepting creates the assignment; both sides see
 * the history), consent_missing, decline, withdraw, and for every route:
 * each refused role, the third organisation's 404, bad input, wrong
 * status and the duplicate open request.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"
#define SHARE "[\"matching\",\"support\",\"share_with_agency\"]"
#define NO_SHARE "[\"matching\",\"support\"]"
#define PLAN_SECRET "計画の秘密の目標"

typedef struct {
  TsHarness *h;
  gint64     pref;           /* 千葉県: the organisation asked, with the pool */
  gint64     city;           /* 千葉市: the case's organisation, which asks */
  gint64     third;          /* an organisation with no part in it */
  char      *city_coord;
  char      *pref_coord;
  char      *third_coord;
  char      *supporter;      /* a supporter account of the prefecture's */
  char      *host;
  char      *auditor;        /* the prefecture's auditor */
  gint64     case_id;        /* the city's, assessed, shareable, with a plan */
  gint64     pref_sup;       /* the prefecture's supporter */
  gint64     city_sup;       /* the city's own supporter */
} Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h;

  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  f->h = h = ts_harness_new ();
  f->pref = ts_harness_create_organisation (h, "千葉県", "prefecture", "120006", 0);
  f->city = ts_harness_create_organisation (h, "千葉市", "municipality", "121002", f->pref);
  f->third = ts_harness_create_organisation (h, "銚子市", "municipality", "122025", f->pref);
  f->city_coord = ts_harness_user_token_in (h, "coordinator", f->city, 0, 0);
  f->pref_coord = ts_harness_user_token_in (h, "coordinator", f->pref, 0, 0);
  f->third_coord = ts_harness_user_token_in (h, "coordinator", f->third, 0, 0);
  f->pref_sup = ts_harness_create_registered_supporter (h, f->pref_coord, NULL);
  f->city_sup = ts_harness_create_registered_supporter (h, f->city_coord, NULL);
  f->supporter = ts_harness_user_token_in (h, "supporter", f->pref, f->pref_sup, 0);
  f->host = ts_harness_user_token_in (h, "host", f->pref, 0, 1);
  f->auditor = ts_harness_user_token_in (h, "auditor", f->pref, 0, 0);
  f->case_id = ts_harness_create_case (h, f->city_coord, SHARE, TRUE);
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "PUT", f->city_coord,
                                            "{\"goals\":[\"" PLAN_SECRET "\"],\"review_on\":\"2026-09-01\"}",
                                            "/v1/cases/%" G_GINT64_FORMAT "/plan", f->case_id);
    g_assert_cmpuint (r->status / 100, ==, 2);
  }
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  g_clear_pointer (&f->h, ts_harness_free);
  g_free (f->city_coord);
  g_free (f->pref_coord);
  g_free (f->third_coord);
  g_free (f->supporter);
  g_free (f->host);
  g_free (f->auditor);
}

/* ---- helpers --------------------------------------------------------------- */

static TsReply *
ask (Fixture *f, const char *token, gint64 case_id, gint64 to)
{
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT
                                           ",\"to_organisation_id\":%" G_GINT64_FORMAT
                                           ",\"note\":\"県の登録サポーターをお願いします\"}",
                                           case_id, to);
  return ts_harness_request (f->h, "POST", "/v1/dispatch-requests", token, body, NULL);
}

static gint64
ask_ok (Fixture *f)
{
  g_autoptr(TsReply) r = ask (f, f->city_coord, f->case_id, f->pref);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static TsReply *
verb (Fixture *f, const char *token, gint64 id, const char *name, const char *body)
{
  return ts_harness_call (f->h, "POST", token, body, "/v1/dispatch-requests/%" G_GINT64_FORMAT "/%s",
                          id, name);
}

static TsReply *
get (Fixture *f, const char *token, gint64 id)
{
  return ts_harness_call (f->h, "GET", token, NULL, "/v1/dispatch-requests/%" G_GINT64_FORMAT, id);
}

static TsReply *
accept (Fixture *f, const char *token, gint64 id, gint64 supporter_id)
{
  g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                           ",\"starts_on\":\"" TODAY "\"}", supporter_id);
  return verb (f, token, id, "accept", body);
}

static const char *
status_of (TsReply *r)
{
  return json_object_get_string_member (ts_reply_object (r), "status");
}

/* The actions of a request's history, comma-separated. */
static char *
history (TsReply *r)
{
  JsonArray *arr = json_object_get_array_member (ts_reply_object (r), "history");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (json_array_get_object_element (arr, i),
                                                           "action"));
  return g_string_free (out, FALSE);
}

static JsonObject *
last_event (TsReply *r)
{
  JsonArray *arr = json_object_get_array_member (ts_reply_object (r), "history");

  return json_array_get_object_element (arr, json_array_get_length (arr) - 1);
}

static JsonArray *
items (TsReply *r)
{
  return json_object_get_array_member (ts_reply_object (r), "dispatch_requests");
}

static gint64
audit_count (TsHarness *h, const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE %s", where);
  return ts_harness_sql_int (h, sql);
}

/* The same 404 as an id that does not exist. */
static void
assert_missing (TsReply *r, const char *detail_of_missing)
{
  ts_assert_problem (r, 404, "not_found", NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "detail"), ==,
                   detail_of_missing);
}

static char *
missing_detail (Fixture *f, const char *path)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, f->pref_coord, NULL, NULL);

  ts_assert_status (r, 404);
  return g_strdup (json_object_get_string_member (ts_reply_object (r), "detail"));
}

/* ---- the whole flow -------------------------------------------------------- */

static void
test_flow (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *no_case = missing_detail (f, "/v1/cases/999999");
  gint64 id, assignment;
  JsonObject *o, *c;

  /* The city asks the prefecture. */
  {
    g_autoptr(TsReply) r = ask (f, f->city_coord, f->case_id, f->pref);
    g_autofree char *loc = NULL;
    g_autofree char *hist = NULL;

    ts_assert_status (r, 201);
    id = ts_reply_id (r);
    loc = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT, id);
    g_assert_cmpstr (ts_reply_header (r, "Location"), ==, loc);
    g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v1\"");
    o = ts_reply_object (r);
    g_assert_cmpstr (status_of (r), ==, "open");
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, f->case_id);
    g_assert_cmpint (json_object_get_int_member (o, "from_organisation_id"), ==, f->city);
    g_assert_cmpint (json_object_get_int_member (o, "to_organisation_id"), ==, f->pref);
    g_assert_true (json_object_get_null_member (o, "case"));
    hist = history (r);
    g_assert_cmpstr (hist, ==, "requested");
    g_assert_cmpint (json_object_get_int_member (last_event (r), "organisation_id"), ==, f->city);
  }
  g_assert_cmpint (audit_count (h, "action = 'create' AND object = 'dispatch_request'"), ==, 1);

  /* The prefecture sees the matching fields, and nothing else of the case. */
  {
    g_autoptr(TsReply) r = get (f, f->pref_coord, id);
    g_autoptr(GList) members = NULL;

    ts_assert_status (r, 200);
    c = json_object_get_object_member (ts_reply_object (r), "case");
    g_assert_nonnull (c);
    g_assert_cmpstr (json_object_get_string_member (c, "nickname"), ==, "Dさん");
    g_assert_cmpstr (json_object_get_string_member (c, "municipality_code"), ==, "092029");
    g_assert_cmpstr (json_object_get_string_member (c, "age_band"), ==, "30s");
    g_assert_cmpstr (json_object_get_string_member (c, "gender"), ==, "male");
    g_assert_cmpstr (json_object_get_string_member (c, "household"), ==, "single");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "needs")), ==, 1);
    g_assert_true (json_object_has_member (c, "preferences"));
    g_assert_true (json_object_has_member (c, "location"));
    members = json_object_get_members (c);
    g_assert_cmpuint (g_list_length (members), ==, 9);
    /* No notes, plan, assessment, consent or referral anywhere. */
    g_assert_null (strstr (r->body, PLAN_SECRET));
    g_assert_null (strstr (r->body, "アセスメントの秘密の記録"));
    g_assert_null (strstr (r->body, "紹介元の秘密"));
    g_assert_null (strstr (r->body, "受け手の社協"));
    g_assert_null (strstr (r->body, "share_with_agency"));
    g_assert_null (strstr (r->body, "C-20"));      /* the case's code */
  }
  /* The read of the case's fields is in the log, as the prefecture's. */
  {
    g_autofree char *where = g_strdup_printf ("action = 'read_dispatched' AND object = 'case'"
                                              " AND object_id = %" G_GINT64_FORMAT
                                              " AND organisation_id = %" G_GINT64_FORMAT,
                                              f->case_id, f->pref);
    g_assert_cmpint (audit_count (h, where), ==, 1);
  }
  /* The case record itself stays 404 to the prefecture, in the words of a
   * missing case; so do its plan and candidates. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->pref_coord, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT, f->case_id);
    g_autoptr(TsReply) p = ts_harness_call (h, "GET", f->pref_coord, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/candidates", f->case_id);
    assert_missing (r, no_case);
    ts_assert_status (p, 404);
  }
  /* The city's list shows it without the case's fields; the prefecture's
   * incoming list with them. */
  {
    g_autoptr(TsReply) out = ts_harness_request (h, "GET", "/v1/dispatch-requests?direction=outgoing",
                                                 f->city_coord, NULL, NULL);
    g_autoptr(TsReply) in = ts_harness_request (h, "GET", "/v1/dispatch-requests?direction=incoming",
                                                f->pref_coord, NULL, NULL);
    g_autoptr(TsReply) city_in = ts_harness_request (h, "GET", "/v1/dispatch-requests?direction=incoming",
                                                     f->city_coord, NULL, NULL);
    g_autoptr(TsReply) pref_out = ts_harness_request (h, "GET", "/v1/dispatch-requests?direction=outgoing",
                                                      f->pref_coord, NULL, NULL);

    ts_assert_status (out, 200);
    ts_assert_status (in, 200);
    g_assert_cmpuint (json_array_get_length (items (out)), ==, 1);
    g_assert_true (json_object_get_null_member (json_array_get_object_element (items (out), 0), "case"));
    g_assert_cmpuint (json_array_get_length (items (in)), ==, 1);
    g_assert_nonnull (json_object_get_object_member (json_array_get_object_element (items (in), 0), "case"));
    g_assert_null (strstr (in->body, PLAN_SECRET));
    g_assert_cmpuint (json_array_get_length (items (city_in)), ==, 0);
    g_assert_cmpuint (json_array_get_length (items (pref_out)), ==, 0);
  }
  /* Candidates: the prefecture's own pool only, as for its own cases. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->pref_coord, NULL,
                                            "/v1/dispatch-requests/%" G_GINT64_FORMAT "/candidates", id);
    JsonArray *cands;
    gboolean saw_pref = FALSE;

    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, f->case_id);
    g_assert_true (json_object_has_member (o, "excluded_summary"));
    g_assert_false (json_object_has_member (o, "excluded"));
    {
      g_autoptr(TsReply) all = ts_harness_call (h, "GET", f->pref_coord, NULL,
                                                "/v1/dispatch-requests/%" G_GINT64_FORMAT
                                                "/candidates?excluded=all", id);
      ts_assert_status (all, 200);
      g_assert_true (json_object_has_member (ts_reply_object (all), "excluded"));
    }
    cands = json_object_get_array_member (o, "candidates");
    for (guint i = 0; i < json_array_get_length (cands); i++)
      {
        JsonObject *cand = json_array_get_object_element (cands, i);
        gint64 s = json_object_get_int_member (cand, "supporter_id");
        g_assert_cmpint (s, !=, f->city_sup);
        g_assert_true (json_object_has_member (cand, "factors"));
        saw_pref |= s == f->pref_sup;
      }
    g_assert_true (saw_pref);
    g_assert_null (strstr (r->body, PLAN_SECRET));
  }
  /* The prefecture accepts with its supporter: the assignment exists. */
  {
    g_autoptr(TsReply) r = accept (f, f->pref_coord, id, f->pref_sup);
    g_autofree char *loc = NULL;

    ts_assert_status (r, 201);
    assignment = ts_reply_id (r);
    loc = g_strdup_printf ("/v1/assignments/%" G_GINT64_FORMAT, assignment);
    g_assert_cmpstr (ts_reply_header (r, "Location"), ==, loc);
    o = ts_reply_object (r);
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, f->case_id);
    g_assert_cmpint (json_object_get_int_member (o, "supporter_id"), ==, f->pref_sup);
    g_assert_cmpstr (json_object_get_string_member (o, "starts_on"), ==, TODAY);
    g_assert_true (json_object_get_boolean_member (o, "active"));
  }
  /* Both sides see the history; the receiver still sees the case's
   * fields, the requester never. */
  {
    g_autoptr(TsReply) a = get (f, f->city_coord, id);
    g_autoptr(TsReply) b = get (f, f->pref_coord, id);
    g_autofree char *ha = NULL, *hb = NULL;

    ts_assert_status (a, 200);
    ts_assert_status (b, 200);
    ha = history (a);
    hb = history (b);
    g_assert_cmpstr (ha, ==, "requested,accepted");
    g_assert_cmpstr (hb, ==, ha);
    g_assert_cmpstr (status_of (a), ==, "accepted");
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (a), "assignment_id"), ==, assignment);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (a), "supporter_id"), ==, f->pref_sup);
    g_assert_cmpint (json_object_get_int_member (last_event (a), "organisation_id"), ==, f->pref);
    g_assert_true (json_object_get_null_member (ts_reply_object (a), "case"));
    g_assert_nonnull (json_object_get_object_member (ts_reply_object (b), "case"));
    g_assert_cmpstr (ts_reply_header (a, "ETag"), ==, "\"v2\"");
  }
  /* The supporter's organisation sees the assignment; the case moved on. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->pref_coord, NULL,
                                            "/v1/assignments/%" G_GINT64_FORMAT, assignment);
    g_autoptr(TsReply) kase = ts_harness_call (h, "GET", f->city_coord, NULL,
                                               "/v1/cases/%" G_GINT64_FORMAT, f->case_id);
    ts_assert_status (r, 200);
    ts_assert_status (kase, 200);
    g_assert_cmpstr (status_of (kase), ==, "active");
  }
  g_assert_cmpint (audit_count (h, "action = 'accept' AND object = 'dispatch_request'"), ==, 1);
  g_assert_cmpint (audit_count (h, "action = 'create' AND object = 'assignment'"), ==, 1);
  /* Accepted is final. */
  {
    g_autoptr(TsReply) r = accept (f, f->pref_coord, id, f->pref_sup);
    g_autoptr(TsReply) d = verb (f, f->pref_coord, id, "decline", "{\"reason\":\"x\"}");
    g_autoptr(TsReply) w = verb (f, f->city_coord, id, "withdraw", NULL);
    g_autoptr(TsReply) c2 = ts_harness_call (h, "GET", f->pref_coord, NULL,
                                             "/v1/dispatch-requests/%" G_GINT64_FORMAT "/candidates", id);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
    ts_assert_problem (d, 409, "invalid_transition", NULL);
    ts_assert_problem (w, 409, "invalid_transition", NULL);
    ts_assert_problem (c2, 409, "invalid_transition", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (w), "current_status"), ==,
                     "accepted");
  }
}

/* ---- consent ---------------------------------------------------------------- */

static void
test_consent_missing (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 kase = ts_harness_create_case (f->h, f->city_coord, NO_SHARE, TRUE);
  g_autoptr(TsReply) r = ask (f, f->city_coord, kase, f->pref);
  g_autoptr(TsReply) list = ts_harness_request (f->h, "GET", "/v1/dispatch-requests", f->pref_coord,
                                                NULL, NULL);

  ts_assert_problem (r, 422, "consent_missing", NULL);
  g_assert_cmpuint (json_array_get_length (items (list)), ==, 0);
}

/* ---- decline ------------------------------------------------------------------ */

static void
test_decline (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 id = ask_ok (f);

  /* Bad input first: nothing changes. */
  {
    g_autofree char *long_reason = g_strnfill (501, 'a');
    g_autofree char *too_long = g_strdup_printf ("{\"reason\":\"%s\"}", long_reason);
    g_autoptr(TsReply) missing = verb (f, f->pref_coord, id, "decline", "{}");
    g_autoptr(TsReply) blank = verb (f, f->pref_coord, id, "decline", "{\"reason\":\"  \"}");
    g_autoptr(TsReply) type = verb (f, f->pref_coord, id, "decline", "{\"reason\":5}");
    g_autoptr(TsReply) big = verb (f, f->pref_coord, id, "decline", too_long);
    g_autoptr(TsReply) extra = verb (f, f->pref_coord, id, "decline", "{\"reason\":\"x\",\"foo\":1}");
    g_autoptr(TsReply) none = verb (f, f->pref_coord, id, "decline", NULL);
    g_autoptr(TsReply) unknown = verb (f, f->pref_coord, 999999, "decline", "{\"reason\":\"x\"}");

    ts_assert_problem (missing, 422, "validation_failed", "reason");
    ts_assert_problem (blank, 422, "validation_failed", "reason");
    ts_assert_problem (type, 422, "validation_failed", "reason");
    ts_assert_problem (big, 422, "validation_failed", "reason");
    ts_assert_problem (extra, 400, "unknown_field", "foo");
    ts_assert_problem (none, 415, "unsupported_media_type", NULL);
    ts_assert_problem (unknown, 404, "not_found", NULL);
  }
  /* The requester may not decline (403: it sees the request); a stale
   * If-Match is 412. */
  {
    g_autoptr(TsReply) r = verb (f, f->city_coord, id, "decline", "{\"reason\":\"x\"}");
    const char *stale[] = { "If-Match", "\"v7\"", NULL };
    g_autofree char *path = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT "/decline", id);
    g_autoptr(TsReply) s = ts_harness_request (f->h, "POST", path, f->pref_coord,
                                               "{\"reason\":\"x\"}", stale);
    ts_assert_problem (r, 403, "forbidden", NULL);
    ts_assert_problem (s, 412, "precondition_failed", NULL);
  }
  {
    const char *fresh[] = { "If-Match", "\"v1\"", NULL };
    g_autofree char *path = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT "/decline", id);
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", path, f->pref_coord,
                                               "{\"reason\":\"今月は派遣できるサポーターがいません\"}", fresh);
    g_autofree char *hist = NULL;

    ts_assert_status (r, 200);
    g_assert_cmpstr (status_of (r), ==, "declined");
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "decline_reason"), ==,
                     "今月は派遣できるサポーターがいません");
    hist = history (r);
    g_assert_cmpstr (hist, ==, "requested,declined");
    g_assert_cmpstr (json_object_get_string_member (last_event (r), "note"), ==,
                     "今月は派遣できるサポーターがいません");
    g_assert_cmpint (json_object_get_int_member (last_event (r), "organisation_id"), ==, f->pref);
  }
  /* Declined: the receiver no longer sees the case's fields; the
   * requester sees the reason; no second answer. */
  {
    g_autoptr(TsReply) b = get (f, f->pref_coord, id);
    g_autoptr(TsReply) a = get (f, f->city_coord, id);
    g_autoptr(TsReply) again = verb (f, f->pref_coord, id, "decline", "{\"reason\":\"x\"}");
    g_autoptr(TsReply) acc = accept (f, f->pref_coord, id, f->pref_sup);

    ts_assert_status (b, 200);
    g_assert_true (json_object_get_null_member (ts_reply_object (b), "case"));
    g_assert_cmpstr (status_of (a), ==, "declined");
    ts_assert_problem (again, 409, "invalid_transition", NULL);
    ts_assert_problem (acc, 409, "invalid_transition", NULL);
  }
  g_assert_cmpint (audit_count (f->h, "action = 'decline' AND object = 'dispatch_request'"), ==, 1);
  /* The city may ask again. */
  {
    g_autoptr(TsReply) r = ask (f, f->city_coord, f->case_id, f->pref);
    ts_assert_status (r, 201);
  }
}

/* ---- withdraw ----------------------------------------------------------------- */

static void
test_withdraw (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 a = ask_ok (f);
  gint64 b;

  {
    g_autofree char *long_note = g_strnfill (501, 'a');
    g_autofree char *too_long = g_strdup_printf ("{\"note\":\"%s\"}", long_note);
    g_autoptr(TsReply) big = verb (f, f->city_coord, a, "withdraw", too_long);
    g_autoptr(TsReply) type = verb (f, f->city_coord, a, "withdraw", "{\"note\":[]}");
    g_autoptr(TsReply) extra = verb (f, f->city_coord, a, "withdraw", "{\"reason\":\"x\"}");
    g_autoptr(TsReply) side = verb (f, f->pref_coord, a, "withdraw", NULL);

    ts_assert_problem (big, 422, "validation_failed", "note");
    ts_assert_problem (type, 422, "validation_failed", "note");
    ts_assert_problem (extra, 400, "unknown_field", "reason");
    ts_assert_problem (side, 403, "forbidden", NULL);
  }
  /* Without a body. */
  {
    g_autoptr(TsReply) r = verb (f, f->city_coord, a, "withdraw", NULL);
    g_autofree char *hist = NULL;

    ts_assert_status (r, 200);
    g_assert_cmpstr (status_of (r), ==, "withdrawn");
    hist = history (r);
    g_assert_cmpstr (hist, ==, "requested,withdrawn");
    g_assert_cmpint (json_object_get_int_member (last_event (r), "organisation_id"), ==, f->city);
    g_assert_true (json_object_get_null_member (last_event (r), "note"));
  }
  /* The prefecture sees that it was withdrawn, without the case. */
  {
    g_autoptr(TsReply) r = get (f, f->pref_coord, a);
    g_autoptr(TsReply) again = verb (f, f->city_coord, a, "withdraw", NULL);
    g_autoptr(TsReply) acc = accept (f, f->pref_coord, a, f->pref_sup);

    g_assert_cmpstr (status_of (r), ==, "withdrawn");
    g_assert_true (json_object_get_null_member (ts_reply_object (r), "case"));
    ts_assert_problem (again, 409, "invalid_transition", NULL);
    ts_assert_problem (acc, 409, "invalid_transition", NULL);
  }
  /* With a note. */
  b = ask_ok (f);
  {
    g_autoptr(TsReply) r = verb (f, f->city_coord, b, "withdraw", "{\"note\":\"市のサポーターで対応します\"}");
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (last_event (r), "note"), ==,
                     "市のサポーターで対応します");
  }
  g_assert_cmpint (audit_count (f->h, "action = 'withdraw' AND object = 'dispatch_request'"), ==, 2);
}

/* ---- create: bad input, scope, state ------------------------------------------- */

static void
test_create_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *no_case = missing_detail (f, "/v1/cases/999999");
  gint64 third_case = ts_harness_create_case (h, f->third_coord, SHARE, TRUE);
  gint64 inquiry = ts_harness_create_case (h, f->city_coord, SHARE, FALSE);
  g_autofree char *long_note = g_strnfill (501, 'a');
  struct {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    { "{\"to_organisation_id\":1}", 422, "validation_failed", "case_id" },
    { "{\"case_id\":%C}", 422, "validation_failed", "to_organisation_id" },
    { "{\"case_id\":\"x\",\"to_organisation_id\":%P}", 422, "validation_failed", "case_id" },
    { "{\"case_id\":%C,\"to_organisation_id\":true}", 422, "validation_failed", "to_organisation_id" },
    { "{\"case_id\":0,\"to_organisation_id\":%P}", 422, "validation_failed", "case_id" },
    { "{\"case_id\":%C,\"to_organisation_id\":999999}", 422, "validation_failed", "to_organisation_id" },
    { "{\"case_id\":%C,\"to_organisation_id\":%Y}", 422, "validation_failed", "to_organisation_id" },
    { "{\"case_id\":%C,\"to_organisation_id\":%P,\"note\":\"%L\"}", 422, "validation_failed", "note" },
    { "{\"case_id\":%C,\"to_organisation_id\":%P,\"status\":\"accepted\"}", 422, "validation_failed", "status" },
    { "{\"case_id\":%C,\"to_organisation_id\":%P,\"foo\":1}", 400, "unknown_field", "foo" },
    { "[1]", 422, "validation_failed", "body" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) body = g_string_new (cases[i].body);
      g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, f->case_id);
      g_autofree char *p = g_strdup_printf ("%" G_GINT64_FORMAT, f->pref);
      g_autofree char *y = g_strdup_printf ("%" G_GINT64_FORMAT, f->city);
      g_autoptr(TsReply) r = NULL;

      g_string_replace (body, "%C", c, 0);
      g_string_replace (body, "%P", p, 0);
      g_string_replace (body, "%Y", y, 0);
      g_string_replace (body, "%L", long_note, 0);
      r = ts_harness_request (h, "POST", "/v1/dispatch-requests", f->city_coord, body->str, NULL);
      g_test_message ("%s", body->str);
      ts_assert_problem (r, cases[i].status, cases[i].code, cases[i].field);
    }
  /* An unknown case, and another organisation's, are the same 404. */
  {
    g_autoptr(TsReply) a = ask (f, f->city_coord, 999999, f->pref);
    g_autoptr(TsReply) b = ask (f, f->city_coord, third_case, f->pref);
    assert_missing (a, no_case);
    assert_missing (b, no_case);
  }
  /* Not assessed yet: not matchable. */
  {
    g_autoptr(TsReply) r = ask (f, f->city_coord, inquiry, f->pref);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  /* Oversize. */
  {
    g_autoptr(GString) big = g_string_new ("{\"case_id\":1,\"note\":\"");
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/dispatch-requests", f->city_coord,
                                                 big->str, NULL);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
  /* Nothing was created by any of these. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM dispatch_requests"), ==, 0);
}

static void
test_duplicate (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 id = ask_ok (f);
  g_autoptr(TsReply) again = ask (f, f->city_coord, f->case_id, f->pref);
  g_autoptr(TsReply) other = ask (f, f->city_coord, f->case_id, f->third);

  (void) id;
  ts_assert_problem (again, 409, "already_exists", NULL);
  /* Another organisation may be asked at the same time. */
  ts_assert_status (other, 201);
}

/* ---- roles and the third organisation -------------------------------------------- */

static void
test_roles (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 id = ask_ok (f);
  g_autofree char *no_request = NULL;
  const char *refused[] = { f->supporter, f->host, f->auditor };
  g_autofree char *ask_body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT
                                               ",\"to_organisation_id\":%" G_GINT64_FORMAT "}",
                                               f->case_id, f->third);
  g_autofree char *accept_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                                  ",\"starts_on\":\"" TODAY "\"}", f->pref_sup);
  struct {
    const char *method;
    const char *path;
    const char *body;
  } routes[] = {
    { "POST", "/v1/dispatch-requests", ask_body },
    { "GET", "/v1/dispatch-requests", NULL },
    { "GET", "/v1/dispatch-requests/%I", NULL },
    { "GET", "/v1/dispatch-requests/%I/candidates", NULL },
    { "POST", "/v1/dispatch-requests/%I/accept", accept_body },
    { "POST", "/v1/dispatch-requests/%I/decline", "{\"reason\":\"x\"}" },
    { "POST", "/v1/dispatch-requests/%I/withdraw", "{}" },
  };

  {
    g_autoptr(TsReply) r = get (f, f->pref_coord, 999999);
    ts_assert_status (r, 404);
    no_request = g_strdup (json_object_get_string_member (ts_reply_object (r), "detail"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autoptr(GString) path = g_string_new (routes[i].path);
      g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_string_replace (path, "%I", sid, 0);
      g_test_message ("%s %s", routes[i].method, path->str);
      /* Supporters, hosts and auditors: refused by role. */
      for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
        {
          g_autoptr(TsReply) r = ts_harness_request (h, routes[i].method, path->str, refused[k],
                                                     routes[i].body, NULL);
          ts_assert_problem (r, 403, "forbidden", NULL);
        }
      /* A coordinator of a third organisation: the request does not exist
       * for it (and the case is not its own to ask about). */
      if (strstr (routes[i].path, "%I") != NULL)
        {
          g_autoptr(TsReply) r = ts_harness_request (h, routes[i].method, path->str,
                                                     f->third_coord, routes[i].body, NULL);
          assert_missing (r, no_request);
        }
      {
        g_autoptr(TsReply) r = ts_harness_request (h, routes[i].method, path->str, NULL,
                                                   routes[i].body, NULL);
        ts_assert_status (r, 401);
      }
    }
  /* The third organisation asks about the city's case: "No such case";
   * its lists are empty. */
  {
    g_autoptr(TsReply) r = ask (f, f->third_coord, f->case_id, f->pref);
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/dispatch-requests", f->third_coord,
                                               NULL, NULL);
    ts_assert_problem (r, 404, "not_found", NULL);
    ts_assert_status (l, 200);
    g_assert_cmpuint (json_array_get_length (items (l)), ==, 0);
  }
  /* The requester is on the wrong side for the receiver's verbs (403),
   * and the receiver for withdraw. */
  {
    g_autoptr(TsReply) c = ts_harness_call (h, "GET", f->city_coord, NULL,
                                            "/v1/dispatch-requests/%" G_GINT64_FORMAT "/candidates", id);
    g_autoptr(TsReply) a = accept (f, f->city_coord, id, f->city_sup);
    g_autoptr(TsReply) w = verb (f, f->pref_coord, id, "withdraw", NULL);
    ts_assert_problem (c, 403, "forbidden", NULL);
    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (w, 403, "forbidden", NULL);
  }
  /* An administrator sees every request and may act for either side. */
  {
    g_autoptr(TsReply) r = get (f, h->admin, id);
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/dispatch-requests", h->admin, NULL, NULL);
    ts_assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (items (l)), ==, 1);
  }
  /* Still open after all of that. */
  {
    g_autoptr(TsReply) r = get (f, f->city_coord, id);
    g_assert_cmpstr (status_of (r), ==, "open");
  }
}

/* ---- accept: bad input and refusals ------------------------------------------------ */

static void
test_accept_refusals (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 id = ask_ok (f);
  g_autofree char *no_supporter = missing_detail (f, "/v1/supporters/999999");
  /* Of the prefecture, but never trained nor registered. */
  gint64 untrained;
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/supporters", f->pref_coord,
                                               "{\"name\":\"未研修 太郎\",\"gender\":\"male\","
                                               "\"municipality_code\":\"092011\",\"peer_experience\":\"none\","
                                               "\"skills\":[\"home_visit\"],\"interests\":[],\"availability\":[]}",
                                               NULL);
    ts_assert_status (r, 201);
    untrained = ts_reply_id (r);
  }
  {
    struct {
      const char *body;
      guint       status;
      const char *code;
      const char *field;
    } cases[] = {
      { "{\"starts_on\":\"" TODAY "\"}", 422, "validation_failed", "supporter_id" },
      { "{\"supporter_id\":1}", 422, "validation_failed", "starts_on" },
      { "{\"supporter_id\":\"x\",\"starts_on\":\"" TODAY "\"}", 422, "validation_failed", "supporter_id" },
      { "{\"supporter_id\":-3,\"starts_on\":\"" TODAY "\"}", 422, "validation_failed", "supporter_id" },
      { "{\"supporter_id\":1,\"starts_on\":\"2026-02-30\"}", 422, "validation_failed", "starts_on" },
      { "{\"supporter_id\":1,\"starts_on\":\"1999-12-31\"}", 422, "validation_failed", "starts_on" },
      { "{\"supporter_id\":1,\"starts_on\":\"2030-01-01\"}", 422, "validation_failed", "starts_on" },
      { "{\"supporter_id\":1,\"starts_on\":\"" TODAY "\",\"role\":\"primary\"}", 400, "unknown_field", "role" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(TsReply) r = verb (f, f->pref_coord, id, "accept", cases[i].body);
        g_test_message ("%s", cases[i].body);
        ts_assert_problem (r, cases[i].status, cases[i].code, cases[i].field);
      }
  }
  /* Another organisation's supporter is no supporter at all. */
  {
    g_autoptr(TsReply) a = accept (f, f->pref_coord, id, f->city_sup);
    g_autoptr(TsReply) b = accept (f, f->pref_coord, id, 999999);
    g_autoptr(TsReply) c = accept (f, f->pref_coord, 999999, f->pref_sup);
    assert_missing (a, no_supporter);
    assert_missing (b, no_supporter);
    ts_assert_problem (c, 404, "not_found", NULL);
  }
  /* Every re-check of POST /v1/assignments: not eligible, with reasons. */
  {
    g_autoptr(TsReply) r = accept (f, f->pref_coord, id, untrained);
    ts_assert_problem (r, 409, "supporter_not_eligible", NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r),
                                                                           "reasons")), >, 0);
  }
  /* A stale If-Match. */
  {
    const char *stale[] = { "If-Match", "\"v9\"", NULL };
    g_autofree char *path = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT "/accept", id);
    g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                             ",\"starts_on\":\"" TODAY "\"}", f->pref_sup);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", path, f->pref_coord, body, stale);
    ts_assert_problem (r, 412, "precondition_failed", NULL);
  }
  /* Nothing was assigned, the request is still open. */
  {
    g_autoptr(TsReply) r = get (f, f->city_coord, id);
    g_assert_cmpstr (status_of (r), ==, "open");
    g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM assignments"), ==, 0);
  }
}

/* ---- list: filters and paging --------------------------------------------------------- */

static void
test_list (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 second = ts_harness_create_case (h, f->city_coord, SHARE, TRUE);
  gint64 a = ask_ok (f), b;
  {
    g_autoptr(TsReply) r = ask (f, f->city_coord, second, f->pref);
    ts_assert_status (r, 201);
    b = ts_reply_id (r);
  }
  /* Two pages of one. */
  {
    g_autoptr(TsReply) p1 = ts_harness_request (h, "GET", "/v1/dispatch-requests?limit=1",
                                                f->pref_coord, NULL, NULL);
    const char *cursor;
    g_autofree char *path = NULL;

    ts_assert_status (p1, 200);
    g_assert_cmpuint (json_array_get_length (items (p1)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items (p1), 0), "id"), ==, a);
    cursor = json_object_get_string_member (ts_reply_object (p1), "next_cursor");
    g_assert_nonnull (cursor);
    path = g_strdup_printf ("/v1/dispatch-requests?limit=1&cursor=%s", cursor);
    {
      g_autoptr(TsReply) p2 = ts_harness_request (h, "GET", path, f->pref_coord, NULL, NULL);
      ts_assert_status (p2, 200);
      g_assert_cmpuint (json_array_get_length (items (p2)), ==, 1);
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items (p2), 0), "id"), ==, b);
      g_assert_true (json_object_get_null_member (ts_reply_object (p2), "next_cursor"));
    }
  }
  /* One list entry, and one read of each case shown. */
  g_assert_cmpint (audit_count (h, "action = 'read_dispatched' AND object = 'case'"), ==, 2);
  {
    const char *bad[] = { "direction=sideways", "limit=0", "limit=201", "limit=x", "cursor=zzz", "foo=1" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strdup_printf ("/v1/dispatch-requests?%s", bad[i]);
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, f->pref_coord, NULL, NULL);
        g_test_message ("%s", path);
        g_assert_cmpuint (r->status, >=, 400);
        g_assert_cmpuint (r->status, <, 500);
      }
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/dispatch-requests?direction=sideways",
                                               f->pref_coord, NULL, NULL);
    ts_assert_problem (r, 422, "validation_failed", "direction");
  }
}

/* ---- unknown ids, queries and bodies of the verbs -------------------------------------- */

static void
test_verbs_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 id = ask_ok (f);
  g_autofree char *no_request = NULL;

  {
    g_autoptr(TsReply) r = get (f, f->city_coord, 999999);
    ts_assert_status (r, 404);
    no_request = g_strdup (json_object_get_string_member (ts_reply_object (r), "detail"));
  }
  /* Unknown ids: the same 404 on every verb. */
  {
    g_autoptr(TsReply) c = ts_harness_request (h, "GET", "/v1/dispatch-requests/999999/candidates",
                                               f->pref_coord, NULL, NULL);
    g_autoptr(TsReply) w = verb (f, f->city_coord, 999999, "withdraw", NULL);
    g_autoptr(TsReply) d = verb (f, f->pref_coord, 999999, "decline", "{\"reason\":\"x\"}");
    assert_missing (c, no_request);
    assert_missing (w, no_request);
    assert_missing (d, no_request);
  }
  /* Candidates' query. */
  {
    const char *bad[][2] = {
      { "limit=0", "limit" }, { "limit=1001", "limit" }, { "limit=x", "limit" },
      { "on=2026-13-01", "on" }, { "excluded=none", "excluded" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT
                                                 "/candidates?%s", id, bad[i][0]);
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, f->pref_coord, NULL, NULL);
        g_test_message ("%s", path);
        ts_assert_problem (r, 422, "validation_failed", bad[i][1]);
      }
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT
                                             "/candidates?foo=1", id);
    g_autofree char *ok_path = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT
                                                "/candidates?limit=1&on=" TODAY, id);
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, f->pref_coord, NULL, NULL);
    g_autoptr(TsReply) ok = ts_harness_request (h, "GET", ok_path, f->pref_coord, NULL, NULL);
    g_autoptr(TsReply) g = ts_harness_call (h, "GET", f->pref_coord, NULL,
                                            "/v1/dispatch-requests/%" G_GINT64_FORMAT "?x=1", id);
    ts_assert_problem (r, 400, "unknown_field", "foo");
    ts_assert_problem (g, 400, "unknown_field", "x");
    ts_assert_status (ok, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (ok),
                                                                           "candidates")), <=, 1);
  }
  /* Oversize bodies on the verbs. */
  {
    g_autoptr(GString) big = g_string_new ("{\"reason\":\"");
    const char *names[] = { "accept", "decline", "withdraw" };
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(TsReply) r = verb (f, names[i][0] == 'w' ? f->city_coord : f->pref_coord, id,
                                     names[i], big->str);
        ts_assert_problem (r, 413, "payload_too_large", NULL);
      }
  }
  /* A fresh If-Match is honoured on accept. */
  {
    const char *fresh[] = { "If-Match", "\"v1\"", NULL };
    g_autofree char *path = g_strdup_printf ("/v1/dispatch-requests/%" G_GINT64_FORMAT "/accept", id);
    g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                             ",\"starts_on\":\"" TODAY "\"}", f->pref_sup);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", path, f->pref_coord, body, fresh);
    ts_assert_status (r, 201);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/dispatch/" path, Fixture, NULL, set_up, func, tear_down)

  ADD ("flow", test_flow);
  ADD ("consent-missing", test_consent_missing);
  ADD ("decline", test_decline);
  ADD ("withdraw", test_withdraw);
  ADD ("create-bad-input", test_create_bad_input);
  ADD ("duplicate", test_duplicate);
  ADD ("roles", test_roles);
  ADD ("accept-refusals", test_accept_refusals);
  ADD ("list", test_list);
  ADD ("verbs-bad-input", test_verbs_bad_input);
#undef ADD
  return g_test_run ();
}
