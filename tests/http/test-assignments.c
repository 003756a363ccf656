/*
 * Assignments on a live server (SPEC 2.2, 3.2; issue 4 "Assignments"):
 * create with every re-check (hard filters, the case's status and consent,
 * one primary unless a co-supporter is explicit), list with filters and
 * cursors, read, end; a supporter sees only their own; every refused role
 * and every kind of bad input; the case's status follows.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY), fiscal year 2026.
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

static gint64
dispatchable (TsHarness *h, const char *overrides)
{
  return ts_harness_create_trained_supporter (h, overrides, "2025-04-10", TRUE);
}

static gint64
make_case (TsHarness *h, const char *extra, gboolean assessed)
{
  g_autofree char *body = g_strdup_printf (
    "{\"nickname\":\"Nさん\",\"municipality_code\":\"092029\",\"age_band\":\"50s\","
    "\"gender\":\"male\",\"household\":\"single\"%s%s%s}",
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

static TsReply *
assign (TsHarness *h, const char *token, gint64 case_id, gint64 supporter_id, const char *extra)
{
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                           G_GINT64_FORMAT ",\"starts_on\":\"" TODAY "\"%s%s}",
                                           case_id, supporter_id, extra != NULL ? "," : "",
                                           extra != NULL ? extra : "");
  return ts_harness_request (h, "POST", "/v1/assignments", token, body, NULL);
}

static gint64
assign_ok (TsHarness *h, gint64 case_id, gint64 supporter_id, const char *extra)
{
  g_autoptr(TsReply) r = assign (h, h->coordinator, case_id, supporter_id, extra);
  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static const char *
case_status (TsHarness *h, gint64 case_id, char buf[16])
{
  g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/cases/%" G_GINT64_FORMAT, case_id);
  ts_assert_status (r, 200);
  g_strlcpy (buf, json_object_get_string_member (ts_reply_object (r), "status"), 16);
  return buf;
}

static char *
reasons (TsReply *r)
{
  JsonArray *arr = json_object_get_array_member (ts_reply_object (r), "reasons");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", json_array_get_string_element (arr, i));
  return g_string_free (out, FALSE);
}

static gint64
audit_entries (TsHarness *h)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->auditor, NULL, NULL);
  ts_assert_status (r, 200);
  return json_object_get_int_member (ts_reply_object (r), "entries");
}

static guint
list_len (TsReply *r)
{
  return json_array_get_length (json_object_get_array_member (ts_reply_object (r), "assignments"));
}

/* ---- create ------------------------------------------------------------ */

static void
test_create (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 s = dispatchable (h, NULL);
  gint64 before = audit_entries (h);
  g_autoptr(TsReply) r = assign (h, h->coordinator, c, s, NULL);
  JsonObject *o;
  char buf[16];

  (void) data;
  ts_assert_status (r, 201);
  o = ts_reply_object (r);
  g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, c);
  g_assert_cmpint (json_object_get_int_member (o, "supporter_id"), ==, s);
  g_assert_cmpstr (json_object_get_string_member (o, "role"), ==, "primary");
  g_assert_cmpstr (json_object_get_string_member (o, "starts_on"), ==, TODAY);
  g_assert_true (json_object_get_null_member (o, "ended_on"));
  g_assert_true (json_object_get_boolean_member (o, "active"));
  {
    g_autofree char *loc = g_strdup_printf ("/v1/assignments/%" G_GINT64_FORMAT, ts_reply_id (r));
    g_assert_cmpstr (ts_reply_header (r, "Location"), ==, loc);
  }
  /* The first assignment activates the case; both writes are audited. */
  g_assert_cmpstr (case_status (h, c, buf), ==, "active");
  g_assert_cmpint (audit_entries (h), >=, before + 2);
}

/* 409 supporter_not_eligible with every reason, in order, re-checked at
 * the moment of writing. */
static void
test_create_not_eligible (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, "\"municipality_code\":\"092011\",\"preferences\":{\"supporter_gender\":"
                           "\"female\",\"gender_required\":true,\"avoid_same_municipality\":true}",
                        TRUE);
  const struct { const char *overrides; const char *trained; gboolean reg; const char *want; } cases[] = {
    { "\"municipality_code\":\"092037\"", "2025-04-10", FALSE, "not_registered" },
    { "\"municipality_code\":\"092037\"", "2020-04-10", TRUE, "qualification_lapsed" },
    { "\"municipality_code\":\"092037\",\"insurance_until\":\"2026-03-31\"", "2025-04-10", TRUE,
      "insurance_not_valid" },
    { "\"municipality_code\":\"092037\",\"max_cases\":0", "2025-04-10", TRUE, "at_capacity" },
    { "\"municipality_code\":\"092037\",\"gender\":\"male\"", "2025-04-10", TRUE, "gender_mismatch" },
    { NULL, "2025-04-10", TRUE, "same_municipality" },
    { "\"gender\":\"male\"", NULL, FALSE,
      "not_registered,qualification_lapsed,gender_mismatch,same_municipality" },
  };
  char buf[16];

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 s = ts_harness_create_trained_supporter (h, cases[i].overrides, cases[i].trained, cases[i].reg);
      g_autoptr(TsReply) r = assign (h, h->coordinator, c, s, NULL);
      g_autofree char *got = NULL;

      ts_assert_problem (r, 409, "supporter_not_eligible", NULL);
      got = reasons (r);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
  /* An excluded pair. */
  {
    gint64 s = dispatchable (h, "\"municipality_code\":\"092037\"");
    g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                             ",\"reason\":\"breakdown\"}", s);
    g_autoptr(TsReply) x = ts_harness_call (h, "POST", h->coordinator, body,
                                            "/v1/cases/%" G_GINT64_FORMAT "/exclusions", c);
    g_autoptr(TsReply) r = assign (h, h->coordinator, c, s, NULL);
    g_autofree char *got = NULL;

    ts_assert_status (x, 201);
    ts_assert_problem (r, 409, "supporter_not_eligible", NULL);
    got = reasons (r);
    g_assert_cmpstr (got, ==, "excluded_pair");
  }
  /* Qualification and insurance are judged on the start date. */
  {
    gint64 s = dispatchable (h, "\"municipality_code\":\"092037\",\"insurance_until\":\"2026-03-31\"");
    g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                             G_GINT64_FORMAT ",\"starts_on\":\"2026-03-31\"}", c, s);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/assignments", h->coordinator, body, NULL);
    ts_assert_status (r, 201);
  }
  g_assert_cmpstr (case_status (h, c, buf), ==, "active");
}

/* Capacity counts active assignments, and ending one frees the slot. */
static void
test_capacity (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c1 = make_case (h, NULL, TRUE);
  gint64 c2 = make_case (h, NULL, TRUE);
  gint64 s = dispatchable (h, "\"max_cases\":1");
  gint64 a = assign_ok (h, c1, s, NULL);
  g_autoptr(TsReply) full = assign (h, h->coordinator, c2, s, NULL);
  g_autoptr(TsReply) end = ts_harness_call (h, "POST", h->coordinator,
                                            "{\"ended_on\":\"" TODAY "\",\"reason\":\"目標達成\"}",
                                            "/v1/assignments/%" G_GINT64_FORMAT "/end", a);
  g_autoptr(TsReply) again = assign (h, h->coordinator, c2, s, NULL);
  g_autofree char *got = NULL;

  (void) data;
  ts_assert_problem (full, 409, "supporter_not_eligible", NULL);
  got = reasons (full);
  g_assert_cmpstr (got, ==, "at_capacity");
  ts_assert_status (end, 200);
  ts_assert_status (again, 201);
}

/* One active primary per case; a second supporter only as co_supporter. */
static void
test_primary_and_co_supporter (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 other = make_case (h, NULL, TRUE);
  gint64 s1 = dispatchable (h, NULL);
  gint64 s2 = dispatchable (h, NULL);
  gint64 s3 = dispatchable (h, NULL);
  g_autoptr(TsReply) co_first = assign (h, h->coordinator, other, s1, "\"role\":\"co_supporter\"");
  gint64 primary = assign_ok (h, c, s1, "\"role\":\"primary\"");
  g_autoptr(TsReply) second = assign (h, h->coordinator, c, s2, NULL);
  g_autoptr(TsReply) co = assign (h, h->admin, c, s2, "\"role\":\"co_supporter\"");
  g_autoptr(TsReply) same = assign (h, h->coordinator, c, s2, "\"role\":\"co_supporter\"");
  g_autoptr(TsReply) same_primary = assign (h, h->coordinator, c, s1, "\"role\":\"co_supporter\"");
  g_autoptr(TsReply) third = assign (h, h->coordinator, c, s3, "\"role\":\"co_supporter\"");
  char buf[16];

  (void) data;
  ts_assert_problem (co_first, 409, "conflict", NULL);
  ts_assert_problem (second, 409, "conflict", NULL);
  ts_assert_status (co, 201);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (co), "role"), ==, "co_supporter");
  ts_assert_problem (same, 409, "already_exists", NULL);
  ts_assert_problem (same_primary, 409, "already_exists", NULL);
  ts_assert_status (third, 201);
  /* Ending the primary keeps the case active while co-supporters work;
   * then a new primary may come. */
  {
    g_autoptr(TsReply) e = ts_harness_call (h, "POST", h->coordinator,
                                            "{\"ended_on\":\"" TODAY "\",\"reason\":\"転居\"}",
                                            "/v1/assignments/%" G_GINT64_FORMAT "/end", primary);
    g_autoptr(TsReply) p = assign (h, h->coordinator, c, dispatchable (h, NULL), NULL);
    ts_assert_status (e, 200);
    g_assert_cmpstr (case_status (h, c, buf), ==, "active");
    ts_assert_status (p, 201);
  }
}

/* The case decides too: closed, not assessed, no consent to matching. */
static void
test_case_state (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 s = dispatchable (h, NULL);
  gint64 inquiry = make_case (h, NULL, FALSE);
  gint64 no_consent = make_case (h, "\"consent\":{\"obtained_on\":\"2026-05-01\",\"scope\":[\"support\"]}",
                                 TRUE);
  gint64 closed = make_case (h, NULL, TRUE);
  g_autoptr(TsReply) x = ts_harness_call (h, "POST", h->coordinator,
                                          "{\"closed_on\":\"" TODAY "\",\"reason\":\"declined\"}",
                                          "/v1/cases/%" G_GINT64_FORMAT "/close", closed);
  g_autoptr(TsReply) a = assign (h, h->coordinator, inquiry, s, NULL);
  g_autoptr(TsReply) b = assign (h, h->coordinator, no_consent, s, NULL);
  g_autoptr(TsReply) c = assign (h, h->coordinator, closed, s, NULL);

  (void) data;
  ts_assert_status (x, 200);
  ts_assert_problem (a, 409, "invalid_transition", NULL);
  ts_assert_problem (b, 422, "consent_missing", NULL);
  ts_assert_problem (c, 409, "invalid_transition", NULL);
}

static void
test_create_bad_input (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 s = dispatchable (h, NULL);
  g_autofree char *ok_ids = g_strdup_printf ("\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                             G_GINT64_FORMAT, c, s);
  struct { char *body; guint status; const char *code; const char *field; } cases[] = {
    { g_strdup ("{}"), 422, "validation_failed", "case_id" },
    { g_strdup ("{}"), 422, "validation_failed", "supporter_id" },
    { g_strdup ("{}"), 422, "validation_failed", "starts_on" },
    { g_strdup_printf ("{%s,\"starts_on\":\"2025-02-30\"}", ok_ids), 422, "validation_failed", "starts_on" },
    { g_strdup_printf ("{%s,\"starts_on\":\"26-06-15\"}", ok_ids), 422, "validation_failed", "starts_on" },
    { g_strdup_printf ("{%s,\"starts_on\":\"1999-12-31\"}", ok_ids), 422, "validation_failed", "starts_on" },
    { g_strdup_printf ("{%s,\"starts_on\":\"2027-07-01\"}", ok_ids), 422, "validation_failed", "starts_on" },
    { g_strdup_printf ("{%s,\"starts_on\":\"" TODAY "\",\"role\":\"boss\"}", ok_ids), 422,
      "validation_failed", "role" },
    { g_strdup_printf ("{%s,\"starts_on\":\"" TODAY "\",\"role\":1}", ok_ids), 422,
      "validation_failed", "role" },
    { g_strdup_printf ("{\"case_id\":\"1\",\"supporter_id\":%" G_GINT64_FORMAT ",\"starts_on\":\"" TODAY "\"}", s),
      422, "validation_failed", "case_id" },
    { g_strdup_printf ("{\"case_id\":0,\"supporter_id\":%" G_GINT64_FORMAT ",\"starts_on\":\"" TODAY "\"}", s),
      422, "validation_failed", "case_id" },
    { g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":-2,\"starts_on\":\"" TODAY "\"}", c),
      422, "validation_failed", "supporter_id" },
    { g_strdup_printf ("{%s,\"starts_on\":\"" TODAY "\",\"note\":\"x\"}", ok_ids), 400,
      "unknown_field", "note" },
    { g_strdup ("[]"), 422, "validation_failed", "body" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/assignments", h->coordinator,
                                                 cases[i].body, NULL);
      if (r->status != cases[i].status || g_strcmp0 (ts_reply_code (r), cases[i].code) != 0 ||
          !ts_reply_has_field_error (r, cases[i].field))
        g_error ("%s: expected %u %s on %s, got %u: %s", cases[i].body, cases[i].status,
                 cases[i].code, cases[i].field, r->status, r->body);
      g_free (cases[i].body);
    }
  {
    g_autoptr(TsReply) r = assign (h, h->coordinator, 999999, s, NULL);
    g_autoptr(TsReply) r2 = assign (h, h->coordinator, c, 999999, NULL);
    ts_assert_problem (r, 404, "not_found", NULL);
    ts_assert_problem (r2, 404, "not_found", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/assignments?x=1", h->coordinator, "{}", NULL);
    ts_assert_problem (r, 400, "unknown_field", "x");
  }
  {
    g_autoptr(GString) big = g_string_new ("{\"case_id\":1,\"pad\":\"");
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/assignments", h->coordinator,
                                                 big->str, NULL);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
  /* Nothing was created by any of these. */
  {
    g_autoptr(TsReply) list = ts_harness_request (h, "GET", "/v1/assignments", h->coordinator, NULL, NULL);
    g_assert_cmpuint (list_len (list), ==, 0);
  }
}

static void
test_create_roles (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 s = dispatchable (h, NULL);
  g_autofree char *sup = ts_harness_user_token (h, "supporter", s, 0);
  g_autofree char *host = ts_harness_user_token (h, "host", 0, 1);
  g_autoptr(TsReply) a = assign (h, h->auditor, c, s, NULL);
  g_autoptr(TsReply) b = assign (h, sup, c, s, NULL);
  g_autoptr(TsReply) d = assign (h, host, c, s, NULL);
  g_autoptr(TsReply) e = assign (h, NULL, c, s, NULL);

  (void) data;
  ts_assert_problem (a, 403, "forbidden", NULL);
  ts_assert_problem (b, 403, "forbidden", NULL);
  ts_assert_problem (d, 403, "forbidden", NULL);
  ts_assert_status (e, 401);
}

/* ---- read ------------------------------------------------------------- */

static void
test_list_and_get (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c1 = make_case (h, NULL, TRUE);
  gint64 c2 = make_case (h, NULL, TRUE);
  gint64 c3 = make_case (h, NULL, TRUE);
  gint64 s1 = dispatchable (h, "\"max_cases\":3");
  gint64 s2 = dispatchable (h, NULL);
  gint64 a1 = assign_ok (h, c1, s1, NULL);
  gint64 a2 = assign_ok (h, c2, s1, NULL);
  gint64 a3 = assign_ok (h, c3, s2, NULL);
  g_autofree char *sup1 = ts_harness_user_token (h, "supporter", s1, 0);
  g_autofree char *sup2 = ts_harness_user_token (h, "supporter", s2, 0);
  g_autofree char *host = ts_harness_user_token (h, "host", 0, 1);
  g_autoptr(TsReply) end = ts_harness_call (h, "POST", h->coordinator,
                                            "{\"ended_on\":\"" TODAY "\",\"reason\":\"関係の終了\"}",
                                            "/v1/assignments/%" G_GINT64_FORMAT "/end", a2);
  g_autofree char *next = NULL;

  (void) data;
  ts_assert_status (end, 200);
  {
    g_autoptr(TsReply) all = ts_harness_request (h, "GET", "/v1/assignments", h->coordinator, NULL, NULL);
    g_autoptr(TsReply) by_case = ts_harness_call (h, "GET", h->admin, NULL, "/v1/assignments?case_id=%" G_GINT64_FORMAT, c3);
    g_autoptr(TsReply) by_sup = ts_harness_call (h, "GET", h->coordinator, NULL,
                                                 "/v1/assignments?supporter_id=%" G_GINT64_FORMAT, s1);
    g_autoptr(TsReply) active = ts_harness_call (h, "GET", h->coordinator, NULL,
                                                 "/v1/assignments?supporter_id=%" G_GINT64_FORMAT "&active=true", s1);
    g_autoptr(TsReply) ended = ts_harness_request (h, "GET", "/v1/assignments?active=false",
                                                   h->coordinator, NULL, NULL);
    g_autoptr(TsReply) both = ts_harness_call (h, "GET", h->coordinator, NULL,
                                               "/v1/assignments?case_id=%" G_GINT64_FORMAT "&supporter_id=%"
                                               G_GINT64_FORMAT, c3, s1);

    ts_assert_status (all, 200);
    g_assert_cmpuint (list_len (all), ==, 3);
    g_assert_cmpuint (list_len (by_case), ==, 1);
    g_assert_cmpuint (list_len (by_sup), ==, 2);
    g_assert_cmpuint (list_len (active), ==, 1);
    g_assert_cmpuint (list_len (ended), ==, 1);
    g_assert_cmpuint (list_len (both), ==, 0);
    g_assert_true (json_object_get_null_member (ts_reply_object (all), "next_cursor"));
  }
  /* Pages in id order with an opaque cursor. */
  {
    g_autoptr(TsReply) p1 = ts_harness_request (h, "GET", "/v1/assignments?limit=2", h->coordinator, NULL, NULL);
    JsonArray *items;

    ts_assert_status (p1, 200);
    g_assert_cmpuint (list_len (p1), ==, 2);
    next = g_strdup (json_object_get_string_member (ts_reply_object (p1), "next_cursor"));
    items = json_object_get_array_member (ts_reply_object (p1), "assignments");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), ==, a1);
  }
  {
    g_autoptr(TsReply) p2 = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/assignments?limit=2&cursor=%s", next);
    ts_assert_status (p2, 200);
    g_assert_cmpuint (list_len (p2), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                       json_object_get_array_member (ts_reply_object (p2), "assignments"), 0), "id"), ==, a3);
  }
  /* A supporter sees their own, without the coordinators' notes. */
  {
    g_autoptr(TsReply) own = ts_harness_request (h, "GET", "/v1/assignments", sup1, NULL, NULL);
    g_autoptr(TsReply) own2 = ts_harness_call (h, "GET", sup1, NULL, "/v1/assignments?supporter_id=%" G_GINT64_FORMAT, s1);
    g_autoptr(TsReply) other = ts_harness_call (h, "GET", sup1, NULL, "/v1/assignments?supporter_id=%" G_GINT64_FORMAT, s2);
    g_autoptr(TsReply) other_case = ts_harness_call (h, "GET", sup2, NULL, "/v1/assignments?case_id=%" G_GINT64_FORMAT, c1);
    g_autoptr(TsReply) get_own = ts_harness_call (h, "GET", sup1, NULL, "/v1/assignments/%" G_GINT64_FORMAT, a2);
    g_autoptr(TsReply) get_other = ts_harness_call (h, "GET", sup1, NULL, "/v1/assignments/%" G_GINT64_FORMAT, a3);

    ts_assert_status (own, 200);
    g_assert_cmpuint (list_len (own), ==, 2);
    /* Each with its case as the supporter may see it (the reduced view),
     * so that a phone needs no request per case. */
    {
      JsonObject *first = json_array_get_object_element (
        json_object_get_array_member (ts_reply_object (own), "assignments"), 0);
      JsonObject *kase = json_object_get_object_member (first, "case");
      g_autoptr(TsReply) reduced = ts_harness_call (h, "GET", sup1, NULL, "/v1/cases/%" G_GINT64_FORMAT,
                                                    json_object_get_int_member (first, "case_id"));
      JsonArray *needs = json_object_get_array_member (kase, "needs");
      JsonArray *expected = json_object_get_array_member (ts_reply_object (reduced), "needs");

      ts_assert_status (reduced, 200);
      g_assert_cmpstr (json_object_get_string_member (kase, "nickname"), ==,
                       json_object_get_string_member (ts_reply_object (reduced), "nickname"));
      g_assert_cmpuint (json_array_get_length (needs), ==, json_array_get_length (expected));
      for (guint i = 0; i < json_array_get_length (needs); i++)
        g_assert_cmpstr (json_array_get_string_element (needs, i), ==, json_array_get_string_element (expected, i));
      g_assert_cmpstr (json_object_get_string_member (kase, "municipality_name"), ==,
                       json_object_get_string_member (ts_reply_object (reduced), "municipality_name"));
      g_assert_false (json_object_has_member (kase, "age_band"));
    }
    g_assert_false (json_object_has_member (json_array_get_object_element (
                      json_object_get_array_member (ts_reply_object (own), "assignments"), 0), "end_reason"));
    g_assert_cmpuint (list_len (own2), ==, 2);
    ts_assert_problem (other, 403, "forbidden", NULL);
    ts_assert_status (other_case, 200);
    g_assert_cmpuint (list_len (other_case), ==, 0);
    ts_assert_status (get_own, 200);
    g_assert_false (json_object_has_member (ts_reply_object (get_own), "end_reason"));
    ts_assert_problem (get_other, 404, "not_found", NULL);
  }
  /* Staff read one, with the note; reads are audited. */
  {
    gint64 before = audit_entries (h);
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/assignments/%" G_GINT64_FORMAT, a2);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "end_reason"), ==, "関係の終了");
    g_assert_false (json_object_get_boolean_member (ts_reply_object (r), "active"));
    g_assert_cmpint (audit_entries (h), ==, before + 1);
  }
  /* Refused roles, unknown ids and bad parameters. */
  {
    g_autoptr(TsReply) a = ts_harness_request (h, "GET", "/v1/assignments", h->auditor, NULL, NULL);
    g_autoptr(TsReply) b = ts_harness_request (h, "GET", "/v1/assignments", host, NULL, NULL);
    g_autoptr(TsReply) d = ts_harness_call (h, "GET", h->auditor, NULL, "/v1/assignments/%" G_GINT64_FORMAT, a1);
    g_autoptr(TsReply) e = ts_harness_call (h, "GET", host, NULL, "/v1/assignments/%" G_GINT64_FORMAT, a1);
    g_autoptr(TsReply) g = ts_harness_request (h, "GET", "/v1/assignments", NULL, NULL, NULL);
    g_autoptr(TsReply) u = ts_harness_request (h, "GET", "/v1/assignments/999999", h->coordinator, NULL, NULL);

    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (b, 403, "forbidden", NULL);
    ts_assert_problem (d, 403, "forbidden", NULL);
    ts_assert_problem (e, 403, "forbidden", NULL);
    ts_assert_status (g, 401);
    ts_assert_problem (u, 404, "not_found", NULL);
  }
  {
    static const struct { const char *query; const char *field; guint status; } bad[] = {
      { "?limit=0", "limit", 422 }, { "?limit=201", "limit", 422 }, { "?limit=x", "limit", 422 },
      { "?active=yes", "active", 422 }, { "?case_id=0", "case_id", 422 },
      { "?supporter_id=abc", "supporter_id", 422 }, { "?cursor=zzz", "cursor", 422 },
      { "?status=active", "status", 400 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strconcat ("/v1/assignments", bad[i].query, NULL);
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, h->coordinator, NULL, NULL);
        if (r->status != bad[i].status || !ts_reply_has_field_error (r, bad[i].field))
          g_error ("%s: expected %u on %s, got %u: %s", bad[i].query, bad[i].status, bad[i].field,
                   r->status, r->body);
      }
  }
}

/* ---- end ---------------------------------------------------------------- */

static void
test_end (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 c = make_case (h, NULL, TRUE);
  gint64 s = dispatchable (h, NULL);
  gint64 a = assign_ok (h, c, s, NULL);
  g_autofree char *sup = ts_harness_user_token (h, "supporter", s, 0);
  char buf[16];

  (void) data;
  {
    static const struct { const char *body; guint status; const char *code; const char *field; } bad[] = {
      { "{}", 422, "validation_failed", "ended_on" },
      { "{}", 422, "validation_failed", "reason" },
      { "{\"ended_on\":\"2026-02-30\",\"reason\":\"x\"}", 422, "validation_failed", "ended_on" },
      { "{\"ended_on\":\"2026-06-16\",\"reason\":\"x\"}", 422, "validation_failed", "ended_on" },
      { "{\"ended_on\":\"2026-06-14\",\"reason\":\"x\"}", 422, "validation_failed", "ended_on" },
      { "{\"ended_on\":\"" TODAY "\",\"reason\":\"  \"}", 422, "validation_failed", "reason" },
      { "{\"ended_on\":\"" TODAY "\",\"reason\":7}", 422, "validation_failed", "reason" },
      { "{\"ended_on\":\"" TODAY "\",\"reason\":\"a\\u0007b\"}", 422, "validation_failed", "reason" },
      { "{\"ended_on\":\"" TODAY "\",\"reason\":\"x\",\"why\":1}", 400, "unknown_field", "why" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, bad[i].body,
                                                "/v1/assignments/%" G_GINT64_FORMAT "/end", a);
        if (r->status != bad[i].status || g_strcmp0 (ts_reply_code (r), bad[i].code) != 0 ||
            !ts_reply_has_field_error (r, bad[i].field))
          g_error ("%s: expected %u %s on %s, got %u: %s", bad[i].body, bad[i].status, bad[i].code,
                   bad[i].field, r->status, r->body);
      }
  }
  {
    g_autoptr(GString) long_reason = g_string_new ("{\"ended_on\":\"" TODAY "\",\"reason\":\"");
    for (guint i = 0; i < 501; i++)
      g_string_append (long_reason, "あ");
    g_string_append (long_reason, "\"}");
    {
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, long_reason->str,
                                              "/v1/assignments/%" G_GINT64_FORMAT "/end", a);
      ts_assert_problem (r, 422, "validation_failed", "reason");
    }
  }
  {
    const char *body = "{\"ended_on\":\"" TODAY "\",\"reason\":\"本人の希望\"}";
    g_autoptr(TsReply) au = ts_harness_call (h, "POST", h->auditor, body, "/v1/assignments/%" G_GINT64_FORMAT "/end", a);
    g_autoptr(TsReply) su = ts_harness_call (h, "POST", sup, body, "/v1/assignments/%" G_GINT64_FORMAT "/end", a);
    g_autoptr(TsReply) no = ts_harness_call (h, "POST", NULL, body, "/v1/assignments/%" G_GINT64_FORMAT "/end", a);
    g_autoptr(TsReply) unknown = ts_harness_call (h, "POST", h->coordinator, body, "/v1/assignments/999999/end");
    g_autoptr(TsReply) ok = ts_harness_call (h, "POST", h->coordinator, body, "/v1/assignments/%" G_GINT64_FORMAT "/end", a);
    g_autoptr(TsReply) twice = ts_harness_call (h, "POST", h->coordinator, body, "/v1/assignments/%" G_GINT64_FORMAT "/end", a);

    ts_assert_problem (au, 403, "forbidden", NULL);
    ts_assert_problem (su, 403, "forbidden", NULL);
    ts_assert_status (no, 401);
    ts_assert_problem (unknown, 404, "not_found", NULL);
    ts_assert_status (ok, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "ended_on"), ==, TODAY);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "end_reason"), ==, "本人の希望");
    g_assert_false (json_object_get_boolean_member (ts_reply_object (ok), "active"));
    ts_assert_problem (twice, 409, "invalid_transition", NULL);
  }
  /* No active assignment left: the case is back in matching. */
  g_assert_cmpstr (case_status (h, c, buf), ==, "matching");
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/assignments/" path, Fixture, NULL, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("create", test_create);
  ADD ("create-not-eligible", test_create_not_eligible);
  ADD ("capacity", test_capacity);
  ADD ("primary-and-co-supporter", test_primary_and_co_supporter);
  ADD ("case-state", test_case_state);
  ADD ("create-bad-input", test_create_bad_input);
  ADD ("create-roles", test_create_roles);
  ADD ("list-and-get", test_list_and_get);
  ADD ("end", test_end);
#undef ADD
  return g_test_run ();
}
