/*
 * The domain rules of issue 11 (items 12–15) on a live server:
 *
 *  12  retirement ends the supporter's assignments and accounts in one
 *      transaction; suspension pauses case access and reporting for its
 *      dates; reports are judged against the status history;
 *  13  "avoid the same municipality" compares a designated city's wards as
 *      the city (札幌市中央区 ~ 札幌市北区 ~ 札幌市);
 *  14  bulk insurance renewal for a fiscal year;
 *  15  a placement needs a pre-interview that was held, not one planned.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY), fiscal year 2026; a
 * few steps move it to record a status change on an earlier day, as a
 * coordinator would have done then.
 */
#include <string.h>

#include <sqlite3.h>

#include "harness.h"
#include "store/users.h"

#define TODAY "2026-06-15"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

/* A case in @municipality with consent to matching and support, assessed;
 * @extra is spliced into the object. */
static gint64
make_case (TsHarness *h, const char *municipality, const char *extra)
{
  g_autofree char *body = g_strdup_printf (
    "{\"nickname\":\"Kさん\",\"municipality_code\":\"%s\",\"age_band\":\"20s\","
    "\"gender\":\"male\",\"household\":\"two\","
    "\"consent\":{\"obtained_on\":\"2025-03-01\",\"scope\":[\"matching\",\"support\",\"placement\"]}%s%s}",
    municipality, extra != NULL ? "," : "", extra != NULL ? extra : "");
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

/* Registered on 2025-05-01 (trained 2025-04-10, insured to 2027-03-31). */
static gint64
registered_supporter (TsHarness *h, const char *overrides)
{
  gint64 id = ts_harness_create_trained_supporter (h, overrides, "2025-04-10", FALSE);
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, "{\"registered_on\":\"2025-05-01\"}",
                                          "/v1/supporters/%" G_GINT64_FORMAT "/register", id);

  ts_assert_status (r, 200);
  return id;
}

static TsReply *
report (TsHarness *h, const char *token, gint64 assignment_id, const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\","
                                           "\"start\":\"10:00\",\"minutes\":60,\"kind\":\"home_visit\"}",
                                           assignment_id, date);
  return ts_harness_request (h, "POST", "/v1/activities", token, body, NULL);
}

static void
assert_not_registered (TsReply *r)
{
  JsonArray *reasons;

  ts_assert_problem (r, 422, "supporter_not_eligible", NULL);
  reasons = json_object_get_array_member (ts_reply_object (r), "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (reasons, 0), ==, "not_registered");
}

/* Changes the database behind the service's back, as an older release
 * or a repair by hand would have left it. */
static void
raw_sql (TsHarness *h, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (h->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A status change recorded on @day (the service dates it today). */
static void
change_status_on (TsHarness *h, gint64 supporter_id, const char *action, const char *day)
{
  g_autoptr(TsReply) r = NULL;

  g_setenv ("TSUNAGARI_TODAY", day, TRUE);
  r = ts_harness_call (h, "POST", h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT "/%s",
                       supporter_id, action);
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  ts_assert_status (r, 200);
}

/* ---- 12: retirement ------------------------------------------------------- */

static void
test_retire_ends_service (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sid = registered_supporter (h, NULL);
  gint64 kase = make_case (h, "092029", NULL);
  gint64 other = make_case (h, "092029", NULL);
  gint64 asg = ts_harness_create_assignment (h, h->coordinator, kase, sid, "2026-04-01");
  gint64 later = ts_harness_create_assignment (h, h->coordinator, other, sid, "2026-07-01");
  g_autofree char *token = ts_harness_user_token (h, "supporter", sid, 0);
  g_autofree char *sql = NULL;
  gint64 audit_before;

  (void) data;
  /* Before: the supporter reads the case and reports. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", token, NULL, "/v1/cases/%" G_GINT64_FORMAT, kase);
    g_autoptr(TsReply) rep = report (h, token, asg, "2026-06-01");
    ts_assert_status (r, 200);
    ts_assert_status (rep, 201);
  }
  audit_before = ts_harness_sql_int (h, "SELECT count(*) FROM audit_log");

  /* Retired on 2026-06-10. */
  change_status_on (h, sid, "retire", "2026-06-10");

  /* Every open assignment ended on the retirement date (or on its start,
   * when that was later), with the reason recorded. */
  {
    g_autoptr(TsReply) a = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/assignments/%" G_GINT64_FORMAT, asg);
    g_autoptr(TsReply) b = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/assignments/%" G_GINT64_FORMAT, later);
    g_autoptr(TsReply) c = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT, kase);
    ts_assert_status (a, 200);
    g_assert_cmpstr (ts_reply_str (a, "ended_on"), ==, "2026-06-10");
    g_assert_nonnull (ts_reply_str (a, "end_reason"));
    g_assert_cmpstr (ts_reply_str (a, "end_reason"), !=, "");
    ts_assert_status (b, 200);
    g_assert_cmpstr (ts_reply_str (b, "ended_on"), ==, "2026-07-01");
    /* Nobody works with the case any more: back to matching. */
    ts_assert_status (c, 200);
    g_assert_cmpstr (ts_reply_str (c, "status"), ==, "matching");
  }
  /* The account is disabled and its token revoked. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", token, NULL, "/v1/cases/%" G_GINT64_FORMAT, kase);
    g_autoptr(GPtrArray) users = ts_store_users_of_supporter (h->store, sid, NULL);

    ts_assert_problem (r, 401, "unauthorized", NULL);
    g_assert_nonnull (users);
    g_assert_cmpuint (users->len, ==, 0);
    sql = g_strdup_printf ("SELECT count(*) FROM tokens t JOIN users u ON u.id = t.user_id"
                           " WHERE u.supporter_id = %" G_GINT64_FORMAT " AND t.revoked = 0", sid);
    g_assert_cmpint (ts_harness_sql_int (h, sql), ==, 0);
  }
  /* Nor can an administrator enable it again, or give the retired
   * supporter a new account. */
  {
    g_autofree char *q = g_strdup_printf ("SELECT id FROM users WHERE supporter_id = %" G_GINT64_FORMAT, sid);
    gint64 uid = ts_harness_sql_int (h, q);
    g_autofree char *body = g_strdup_printf ("{\"login\":\"retired-again\",\"password\":\"kumo-no-ue-7319\","
                                             "\"role\":\"supporter\",\"supporter_id\":%" G_GINT64_FORMAT "}", sid);
    g_autoptr(TsReply) enable = ts_harness_call (h, "PATCH", h->admin, "{\"disabled\":false}",
                                                 "/v1/users/%" G_GINT64_FORMAT, uid);
    g_autoptr(TsReply) create = ts_harness_request (h, "POST", "/v1/users", h->admin, body, NULL);

    g_assert_cmpint (uid, >, 0);
    ts_assert_problem (enable, 422, "validation_failed", "supporter_id");
    ts_assert_problem (create, 422, "validation_failed", "supporter_id");
  }
  /* Audited in the same transaction: retire, two assignment ends, one
   * account disabled. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'retire'"), ==, 1);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'end'"
                                          " AND object = 'assignment'"), ==, 2);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'disable'"
                                          " AND object = 'user'"), ==, 1);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log"), >=, audit_before + 4);

  /* Reports, on the supporter's behalf: the retirement day is the last day
   * of service; the day after is refused. */
  {
    g_autoptr(TsReply) last = report (h, h->coordinator, asg, "2026-06-10");
    g_autoptr(TsReply) after = report (h, h->coordinator, asg, "2026-06-11");
    ts_assert_status (last, 201);
    /* The assignment ended on the 10th, so the 11th is outside it too. */
    ts_assert_status (after, 422);
  }
}

/* The check is the status history, not the assignment period: a report
 * after the retirement on an assignment that the coordinator had ended
 * later by hand (before the fix, nothing ended it) is still refused. */
static void
test_report_after_retirement_refused (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sid = registered_supporter (h, NULL);
  gint64 kase = make_case (h, "092029", NULL);
  gint64 asg = ts_harness_create_assignment (h, h->coordinator, kase, sid, "2026-04-01");
  g_autofree char *sql = NULL;

  (void) data;
  change_status_on (h, sid, "retire", "2026-06-10");
  /* Reopen the assignment behind the service's back, as an old database
   * would have it. */
  sql = g_strdup_printf ("UPDATE assignments SET ended_on = NULL, end_reason = NULL WHERE id = %"
                         G_GINT64_FORMAT, asg);
  raw_sql (h, sql);
  {
    g_autoptr(TsReply) ok = report (h, h->coordinator, asg, "2026-06-10");
    g_autoptr(TsReply) no = report (h, h->coordinator, asg, "2026-06-12");
    ts_assert_status (ok, 201);
    assert_not_registered (no);
  }
}

/* A supporter registered before the status history existed (migration
 * 0003) has no history row: registered since registered_on, and a status
 * of suspended or retired with no row saying when is taken to hold since
 * registration — a day worked while paused is not paid on a guess. */
static void
test_standing_without_history (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sid = registered_supporter (h, NULL);
  gint64 kase = make_case (h, "092029", NULL);
  gint64 asg = ts_harness_create_assignment (h, h->coordinator, kase, sid, "2026-04-01");
  g_autofree char *forget = g_strdup_printf ("DELETE FROM supporter_status_changes"
                                             " WHERE supporter_id = %" G_GINT64_FORMAT, sid);
  g_autofree char *suspend = g_strdup_printf ("UPDATE supporters SET status = 'suspended'"
                                              " WHERE id = %" G_GINT64_FORMAT, sid);
  g_autofree char *again = g_strdup_printf ("UPDATE supporters SET status = 'registered'"
                                            " WHERE id = %" G_GINT64_FORMAT, sid);

  (void) data;
  raw_sql (h, forget);
  {
    g_autoptr(TsReply) ok = report (h, h->coordinator, asg, "2026-05-01");
    ts_assert_status (ok, 201);
  }
  raw_sql (h, suspend);
  {
    g_autoptr(TsReply) no = report (h, h->coordinator, asg, "2026-05-02");
    assert_not_registered (no);
  }
  raw_sql (h, again);
  {
    g_autoptr(TsReply) ok = report (h, h->coordinator, asg, "2026-05-03");
    ts_assert_status (ok, 201);
  }
}

/* ---- 12: suspension --------------------------------------------------------- */

static void
test_suspension_pauses (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sid = registered_supporter (h, NULL);
  gint64 kase = make_case (h, "092029", NULL);
  gint64 asg = ts_harness_create_assignment (h, h->coordinator, kase, sid, "2026-04-01");
  g_autofree char *token = ts_harness_user_token (h, "supporter", sid, 0);

  (void) data;
  /* Suspended today: no case access; the assignment stays open. */
  change_status_on (h, sid, "suspend", "2026-06-05");
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", token, NULL, "/v1/cases/%" G_GINT64_FORMAT, kase);
    g_autoptr(TsReply) a = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/assignments/%" G_GINT64_FORMAT, asg);
    g_autoptr(TsReply) before = report (h, token, asg, "2026-06-04");
    g_autoptr(TsReply) during = report (h, token, asg, "2026-06-05");

    ts_assert_problem (r, 404, "not_found", NULL);
    ts_assert_status (a, 200);
    g_assert_true (json_object_get_null_member (ts_reply_object (a), "ended_on"));
    /* A day worked before the suspension can still be reported. */
    ts_assert_status (before, 201);
    assert_not_registered (during);
  }
  /* Reinstated on 2026-06-10: access again; the suspended days stay
   * refused, the days from reinstatement are accepted. */
  change_status_on (h, sid, "register", "2026-06-10");
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", token, NULL, "/v1/cases/%" G_GINT64_FORMAT, kase);
    g_autoptr(TsReply) first = report (h, token, asg, "2026-06-05");
    g_autoptr(TsReply) last = report (h, token, asg, "2026-06-09");
    g_autoptr(TsReply) back = report (h, token, asg, "2026-06-10");
    g_autoptr(TsReply) old = report (h, token, asg, "2026-06-03");

    ts_assert_status (r, 200);
    assert_not_registered (first);
    assert_not_registered (last);
    ts_assert_status (back, 201);
    ts_assert_status (old, 201);
  }
  /* A reinstatement may not be dated before the suspension it ends. */
  change_status_on (h, sid, "suspend", "2026-06-12");
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, "{\"registered_on\":\"2026-06-11\"}",
                                            "/v1/supporters/%" G_GINT64_FORMAT "/register", sid);
    ts_assert_problem (r, 422, "validation_failed", "registered_on");
  }
}

/* ---- 13: designated-city wards ---------------------------------------------- */

static char *
reasons_of (TsReply *r, gint64 supporter_id)
{
  JsonArray *ex = json_object_get_array_member (ts_reply_object (r), "excluded");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (ex); i++)
    {
      JsonObject *o = json_array_get_object_element (ex, i);
      JsonArray *arr;

      if (json_object_get_int_member (o, "supporter_id") != supporter_id)
        continue;
      arr = json_object_get_array_member (o, "reasons");
      for (guint j = 0; j < json_array_get_length (arr); j++)
        g_string_append_printf (out, "%s%s", j > 0 ? "," : "", json_array_get_string_element (arr, j));
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_candidate (TsReply *r, gint64 supporter_id)
{
  JsonArray *list = json_object_get_array_member (ts_reply_object (r), "candidates");

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (json_object_get_int_member (json_array_get_object_element (list, i), "supporter_id") == supporter_id)
      return TRUE;
  return FALSE;
}

static void
test_designated_city_wards (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  /* A case in 札幌市中央区 that wants no supporter from its municipality. */
  gint64 kase = make_case (h, "011011", "\"preferences\":{\"avoid_same_municipality\":true}");
  gint64 kita = registered_supporter (h, "\"municipality_code\":\"011029\"");   /* 札幌市北区 */
  gint64 city = registered_supporter (h, "\"municipality_code\":\"011002\"");   /* 札幌市 */
  gint64 chuo = registered_supporter (h, "\"municipality_code\":\"011011\"");   /* 札幌市中央区 */
  gint64 chiba = registered_supporter (h, "\"municipality_code\":\"121011\"");  /* 千葉市中央区 */
  gint64 tokyo = registered_supporter (h, "\"municipality_code\":\"131024\"");  /* 東京都中央区 */
  gint64 otaru = registered_supporter (h, "\"municipality_code\":\"012033\"");  /* 小樽市 */
  g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                          "/v1/cases/%" G_GINT64_FORMAT "/candidates?excluded=all", kase);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  (void) data;
  ts_assert_status (r, 200);
  a = reasons_of (r, kita);
  b = reasons_of (r, city);
  c = reasons_of (r, chuo);
  g_assert_cmpstr (a, ==, "same_municipality");
  g_assert_cmpstr (b, ==, "same_municipality");
  g_assert_cmpstr (c, ==, "same_municipality");
  /* Another city's 中央区, Tokyo's 中央区 and a neighbouring city are not
   * the same municipality. */
  g_assert_true (is_candidate (r, chiba));
  g_assert_true (is_candidate (r, tokyo));
  g_assert_true (is_candidate (r, otaru));

  /* The other way round: a case in 横浜市 itself and a supporter in one of
   * its wards (鶴見区). */
  {
    gint64 yokohama = make_case (h, "141003", "\"preferences\":{\"avoid_same_municipality\":true}");
    gint64 tsurumi = registered_supporter (h, "\"municipality_code\":\"141011\"");
    g_autoptr(TsReply) y = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/candidates?excluded=all", yokohama);
    g_autofree char *t = NULL;

    ts_assert_status (y, 200);
    t = reasons_of (y, tsurumi);
    g_assert_cmpstr (t, ==, "same_municipality");
  }
}

/* ---- 14: insurance renewal -------------------------------------------------- */

static TsReply *
renew (TsHarness *h, const char *token, const char *body)
{
  return ts_harness_request (h, "POST", "/v1/supporters/insurance-renewals", token, body, NULL);
}

static const char *
insured_until (TsHarness *h, gint64 id, char **out)
{
  g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                          "/v1/supporters/%" G_GINT64_FORMAT, id);
  JsonObject *o;

  ts_assert_status (r, 200);
  o = ts_reply_object (r);
  *out = json_object_get_null_member (o, "insurance_until")
           ? NULL : g_strdup (json_object_get_string_member (o, "insurance_until"));
  return *out;
}

static void
test_insurance_renewal (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 expiring = registered_supporter (h, "\"insurance_until\":\"2026-03-31\"");
  gint64 uninsured = ts_harness_create_trained_supporter (h, NULL, "2025-04-10", FALSE);
  gint64 ahead = registered_supporter (h, "\"insurance_until\":\"2028-03-31\"");
  gint64 applicant = ts_harness_create_supporter (h, "\"insurance_until\":\"2025-03-31\"");
  gint64 suspended = registered_supporter (h, "\"insurance_until\":\"2026-03-31\"");
  g_autofree char *u1 = NULL, *u2 = NULL, *u3 = NULL, *u4 = NULL, *u5 = NULL;
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) again = NULL;

  (void) data;
  /* The uninsured one is registered without insurance. */
  {
    g_autoptr(TsReply) p = ts_harness_call (h, "PATCH", h->coordinator, "{\"insurance_until\":null}",
                                            "/v1/supporters/%" G_GINT64_FORMAT, uninsured);
    g_autoptr(TsReply) reg = ts_harness_call (h, "POST", h->coordinator, NULL,
                                              "/v1/supporters/%" G_GINT64_FORMAT "/register", uninsured);
    ts_assert_status (p, 200);
    ts_assert_status (reg, 200);
  }
  change_status_on (h, suspended, "suspend", TODAY);

  r = renew (h, h->coordinator, "{\"fiscal_year\":2026}");
  ts_assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "fiscal_year"), ==, 2026);
  g_assert_cmpstr (ts_reply_str (r, "insured_until"), ==, "2027-03-31");
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "renewed"), ==, 2);
  g_assert_cmpstr (insured_until (h, expiring, &u1), ==, "2027-03-31");
  g_assert_cmpstr (insured_until (h, uninsured, &u2), ==, "2027-03-31");
  /* A later cover is kept; applicants and suspended supporters are not
   * registered and are left alone. */
  g_assert_cmpstr (insured_until (h, ahead, &u3), ==, "2028-03-31");
  g_assert_cmpstr (insured_until (h, applicant, &u4), ==, "2025-03-31");
  g_assert_cmpstr (insured_until (h, suspended, &u5), ==, "2026-03-31");
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"
                                          " AND object = 'supporter'"), ==, 2);

  /* Idempotent in effect: a second run renews nobody. */
  again = renew (h, h->admin, "{\"fiscal_year\":2026}");
  ts_assert_status (again, 200);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (again), "renewed"), ==, 0);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"), ==, 2);

  /* The next fiscal year (renewing in March for April) is allowed. */
  {
    g_autoptr(TsReply) next = renew (h, h->coordinator, "{\"fiscal_year\":2027}");
    ts_assert_status (next, 200);
    g_assert_cmpstr (ts_reply_str (next, "insured_until"), ==, "2028-03-31");
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (next), "renewed"), ==, 2);
  }
}

static void
test_insurance_renewal_refused (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sid = registered_supporter (h, NULL);
  g_autofree char *supporter = ts_harness_user_token (h, "supporter", sid, 0);
  g_autofree char *host = ts_harness_user_token (h, "host", 0, 7);
  const char *body = "{\"fiscal_year\":2026}";
  g_autofree char *big = NULL;

  (void) data;
  {
    g_autoptr(TsReply) a = renew (h, h->auditor, body);
    g_autoptr(TsReply) s = renew (h, supporter, body);
    g_autoptr(TsReply) o = renew (h, host, body);
    g_autoptr(TsReply) n = renew (h, NULL, body);
    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (s, 403, "forbidden", NULL);
    ts_assert_problem (o, 403, "forbidden", NULL);
    ts_assert_problem (n, 401, "unauthorized", NULL);
  }
  {
    g_autoptr(TsReply) missing = renew (h, h->coordinator, "{}");
    g_autoptr(TsReply) type = renew (h, h->coordinator, "{\"fiscal_year\":\"2026\"}");
    g_autoptr(TsReply) fraction = renew (h, h->coordinator, "{\"fiscal_year\":2026.5}");
    g_autoptr(TsReply) early = renew (h, h->coordinator, "{\"fiscal_year\":1999}");
    g_autoptr(TsReply) late = renew (h, h->coordinator, "{\"fiscal_year\":2028}");
    g_autoptr(TsReply) negative = renew (h, h->coordinator, "{\"fiscal_year\":-1}");
    g_autoptr(TsReply) unknown = renew (h, h->coordinator, "{\"fiscal_year\":2026,\"all\":true}");
    g_autoptr(TsReply) array = renew (h, h->coordinator, "[2026]");
    g_autoptr(TsReply) none = renew (h, h->coordinator, NULL);

    ts_assert_problem (missing, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (type, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (fraction, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (early, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (late, 422, "validation_failed", "fiscal_year");
    ts_assert_problem (negative, 422, "validation_failed", "fiscal_year");
    g_assert_cmpuint (unknown->status, ==, 400);
    ts_assert_problem (array, 422, "validation_failed", "body");
    g_assert_false (ts_reply_has_field_error (array, "fiscal_year"));
    g_assert_cmpuint (none->status, >=, 400);
    g_assert_cmpuint (none->status, <, 500);
  }
  /* Oversize body: 413 before anything is read. */
  big = g_strdup_printf ("{\"fiscal_year\":2026,\"pad\":\"%0*d\"}", 2 * 1024 * 1024, 0);
  {
    g_autoptr(TsReply) r = renew (h, h->coordinator, big);
    g_assert_cmpuint (r->status, ==, 413);
  }
  /* Nothing was renewed by any of these. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'renew_insurance'"), ==, 0);
}

/* ---- 15: the pre-interview must have been held ------------------------------ */

static gint64
create_host (TsHarness *h)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/hosts", h->coordinator,
    "{\"name\":\"さくら農園\",\"municipality_code\":\"052019\",\"capacity_per_day\":2}", NULL);
  g_autoptr(TsReply) s = NULL;
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  s = ts_harness_call (h, "POST", h->coordinator, "{\"surveyed_on\":\"2026-05-20\",\"result\":\"approved\"}",
                       "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
  ts_assert_status (s, 200);
  return id;
}

static TsReply *
place (TsHarness *h, gint64 kase, gint64 host, const char *days, const char *held_on)
{
  g_autofree char *body = g_strdup_printf (
    "{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ",\"days\":[%s],"
    "\"hours_per_day\":4,\"pre_interview\":{\"held_on\":\"%s\","
    "\"attendees\":[\"participant\",\"host\",\"coordinator\"]}}", kase, host, days, held_on);
  return ts_harness_request (h, "POST", "/v1/placements", h->coordinator, body, NULL);
}

static void
test_pre_interview_must_be_held (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 kase = make_case (h, "052019", NULL);
  gint64 host = create_host (h);

  (void) data;
  /* Planned for next week, before a first day the week after: it has not
   * taken place, so it does not satisfy the rule. */
  {
    g_autoptr(TsReply) r = place (h, kase, host, "\"2026-07-01\"", "2026-06-22");
    g_autoptr(TsReply) tomorrow = place (h, kase, host, "\"2026-07-01\"", "2026-06-16");
    ts_assert_problem (r, 422, "validation_failed", "pre_interview.held_on");
    ts_assert_problem (tomorrow, 422, "validation_failed", "pre_interview.held_on");
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM placements"), ==, 0);
  /* Held today, or earlier: accepted, for a first day today or later. */
  {
    g_autoptr(TsReply) today = place (h, kase, host, "\"2026-07-01\"", TODAY);
    g_autoptr(TsReply) same = place (h, kase, host, "\"" TODAY "\"", TODAY);
    ts_assert_status (today, 201);
    ts_assert_status (same, 201);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/domain-rules/" path, Fixture, TODAY, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("retire-ends-service", test_retire_ends_service);
  ADD ("report-after-retirement-refused", test_report_after_retirement_refused);
  ADD ("standing-without-history", test_standing_without_history);
  ADD ("suspension-pauses", test_suspension_pauses);
  ADD ("designated-city-wards", test_designated_city_wards);
  ADD ("insurance-renewal", test_insurance_renewal);
  ADD ("insurance-renewal-refused", test_insurance_renewal_refused);
  ADD ("pre-interview-must-be-held", test_pre_interview_must_be_held);

  return g_test_run ();
}
