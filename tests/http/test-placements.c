/*
 * 職親 placements on a live server (SPEC 2.3, 3.2, issue 6): scheduling
 * with a pre-interview, the 240-day cap at its edges, host capacity,
 * double booking, holiday and closed-weekday warnings, cancelling future
 * days, attendance with the host's stipend in the ledger (replaced before
 * the month is issued, adjusted after), the participant's summary, the
 * host calendar; every refused role, a host reaching another host's
 * placement (404), each bad input, and two concurrent requests that
 * together exceed the cap.
 *
 * "Today" is pinned to 2026-06-15, a Monday (TSUNAGARI_TODAY); 2026-07-20
 * is 海の日.
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"
#include "store/statements.h"

#define TODAY "2026-06-15"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

static TsReply *
place (TsHarness *h, gint64 case_id, gint64 host_id, const char *days)
{
  g_autofree char *body = ts_placement_body (case_id, host_id, days);
  return ts_harness_request (h, "POST", "/v1/placements", h->coordinator, body, NULL);
}

static gint64
place_ok (TsHarness *h, gint64 case_id, gint64 host_id, const char *days)
{
  g_autoptr(TsReply) r = place (h, case_id, host_id, days);
  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static gint64
summary_days_used (TsHarness *h, gint64 case_id)
{
  g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                          "/v1/cases/%" G_GINT64_FORMAT "/placement-summary", case_id);
  ts_assert_status (r, 200);
  return ts_reply_int (r, "days_used");
}

/* ---- create -------------------------------------------------------------- */

static void
test_create (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "たろう", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  gint64 before = ts_harness_audit_entries (f->h);
  g_autofree char *body = NULL;
  g_autoptr(TsReply) r = NULL;
  g_autofree char *location = NULL;
  JsonObject *obj, *pre;
  JsonArray *warnings, *days;

  (void) data;
  /* Monday 2026-07-13 to Sunday 07-26 (14 days, both ends counted):
   * regular.  07-20 is 海の日; 07-25/26 a weekend the host is closed. */
  body = ts_placement_body (kase, host, "\"2026-07-13\",\"2026-07-20\",\"2026-07-21\","
                                     "\"2026-07-25\",\"2026-07-26\"");
  r = ts_harness_request (f->h, "POST", "/v1/placements", f->h->coordinator, body, NULL);
  ts_assert_status (r, 201);
  obj = ts_reply_object (r);
  location = g_strdup_printf ("/v1/placements/%" G_GINT64_FORMAT, ts_reply_int (r, "id"));
  g_assert_cmpstr (ts_reply_header (r, "Location"), ==, location);
  g_assert_cmpstr (ts_reply_str (r, "kind"), ==, "regular");
  g_assert_cmpint (ts_reply_int (r, "days_count"), ==, 5);
  g_assert_cmpint (ts_reply_int (r, "participant_days_used"), ==, 5);
  g_assert_cmpint (ts_reply_int (r, "participant_days_remaining"), ==, 235);
  g_assert_cmpint (ts_reply_int (r, "case_id"), ==, kase);
  g_assert_cmpint (ts_reply_int (r, "host_id"), ==, host);
  g_assert_cmpint (ts_reply_int (r, "hours_per_day"), ==, 4);
  g_assert_cmpstr (ts_reply_str (r, "first_day"), ==, "2026-07-13");
  g_assert_cmpstr (ts_reply_str (r, "last_day"), ==, "2026-07-26");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj, "participant"),
                                                  "nickname"), ==, "たろう");
  pre = json_object_get_object_member (obj, "pre_interview");
  g_assert_cmpstr (json_object_get_string_member (pre, "held_on"), ==, "2026-04-20");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pre, "attendees")), ==, 4);
  days = json_object_get_array_member (obj, "days");
  g_assert_cmpuint (json_array_get_length (days), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 0), "status"),
                   ==, "scheduled");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (days, 0),
                                                               "attended")));

  warnings = json_object_get_array_member (obj, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, 0), "date"),
                   ==, "2026-07-20");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, 0), "kind"),
                   ==, "public_holiday");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, 0), "name"),
                   ==, "海の日");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, 1), "kind"),
                   ==, "host_closed");
  g_assert_false (json_object_has_member (json_array_get_object_element (warnings, 1), "name"));
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
}

/* Span 13 days is short, 14 regular; one day short (seed 002: 1日～2週間未満). */
static void
test_kind_edges (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "じろう", NULL);
  gint64 host = ts_harness_create_host (f->h, "もみじ工房", 1, TRUE);
  g_autoptr(TsReply) one = place (f->h, kase, host, "\"2026-08-03\"");
  g_autoptr(TsReply) thirteen = place (f->h, kase, host, "\"2026-08-10\",\"2026-08-22\"");
  g_autoptr(TsReply) fourteen = place (f->h, kase, host, "\"2026-09-07\",\"2026-09-20\"");

  (void) data;
  ts_assert_status (one, 201);
  g_assert_cmpstr (ts_reply_str (one, "kind"), ==, "short");
  ts_assert_status (thirteen, 201);
  g_assert_cmpstr (ts_reply_str (thirteen, "kind"), ==, "short");
  ts_assert_status (fourteen, 201);
  g_assert_cmpstr (ts_reply_str (fourteen, "kind"), ==, "regular");
  g_assert_cmpint (ts_reply_int (fourteen, "participant_days_used"), ==, 5);
}

static void
test_create_bad_input (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "さぶろう", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  g_autofree char *many = ts_days_json ("2026-07-01", 241);
  g_autofree char *k = g_strdup_printf ("\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT,
                                        kase, host);
  struct {
    char       *body;
    const char *field;
  } cases[] = {
    { g_strdup_printf ("{%s,\"days\":[],\"hours_per_day\":4," TS_PRE_INTERVIEW "}", k), "days" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\",\"2026-07-01\"],\"hours_per_day\":4,"
                       TS_PRE_INTERVIEW "}", k), "days" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-02-30\"],\"hours_per_day\":4," TS_PRE_INTERVIEW "}", k),
      "days" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-7-1\"],\"hours_per_day\":4," TS_PRE_INTERVIEW "}", k),
      "days" },
    { g_strdup_printf ("{%s,\"days\":[20260701],\"hours_per_day\":4," TS_PRE_INTERVIEW "}", k), "days" },
    { g_strdup_printf ("{%s,\"days\":\"2026-07-01\",\"hours_per_day\":4," TS_PRE_INTERVIEW "}", k),
      "days" },
    { g_strdup_printf ("{%s,\"hours_per_day\":4," TS_PRE_INTERVIEW "}", k), "days" },
    { g_strdup_printf ("{%s,\"days\":[%s],\"hours_per_day\":4," TS_PRE_INTERVIEW "}", k, many), "days" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":0," TS_PRE_INTERVIEW "}", k),
      "hours_per_day" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":9," TS_PRE_INTERVIEW "}", k),
      "hours_per_day" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":-1," TS_PRE_INTERVIEW "}", k),
      "hours_per_day" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4.5," TS_PRE_INTERVIEW "}", k),
      "hours_per_day" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"]," TS_PRE_INTERVIEW "}", k), "hours_per_day" },
    { g_strdup_printf ("{\"host_id\":%" G_GINT64_FORMAT ",\"days\":[\"2026-07-01\"],"
                       "\"hours_per_day\":4," TS_PRE_INTERVIEW "}", host), "case_id" },
    { g_strdup_printf ("{\"case_id\":\"1\",\"host_id\":%" G_GINT64_FORMAT ",\"days\":[\"2026-07-01\"],"
                       "\"hours_per_day\":4," TS_PRE_INTERVIEW "}", host), "case_id" },
    { g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"days\":[\"2026-07-01\"],"
                       "\"hours_per_day\":4," TS_PRE_INTERVIEW "}", kase), "host_id" },
    { g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":0,\"days\":[\"2026-07-01\"],"
                       "\"hours_per_day\":4," TS_PRE_INTERVIEW "}", kase), "host_id" },
    /* unknown ids in the body */
    { g_strdup_printf ("{\"case_id\":999999,\"host_id\":%" G_GINT64_FORMAT ",\"days\":[\"2026-07-01\"],"
                       "\"hours_per_day\":4," TS_PRE_INTERVIEW "}", host), "case_id" },
    { g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":999999,\"days\":[\"2026-07-01\"],"
                       "\"hours_per_day\":4," TS_PRE_INTERVIEW "}", kase), "host_id" },
    /* the pre-interview */
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4}", k),
      "pre_interview.held_on" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4}", k),
      "pre_interview.attendees" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"attendees\":[\"participant\",\"host\",\"coordinator\"]}}", k),
      "pre_interview.held_on" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\",\"2026-07-03\"],\"hours_per_day\":4,"
                       "\"pre_interview\":{\"held_on\":\"2026-07-02\","
                       "\"attendees\":[\"participant\",\"host\",\"coordinator\"]}}", k),
      "pre_interview.held_on" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"held_on\":\"2026-06-31\",\"attendees\":[\"participant\",\"host\","
                       "\"coordinator\"]}}", k), "pre_interview.held_on" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"held_on\":\"2026-06-10\"}}", k), "pre_interview.attendees" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"held_on\":\"2026-06-10\",\"attendees\":[]}}", k), "pre_interview.attendees" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"held_on\":\"2026-06-10\",\"attendees\":[\"participant\",\"family\"]}}", k),
      "pre_interview.attendees" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"held_on\":\"2026-06-10\",\"attendees\":[\"participant\",\"host\","
                       "\"coordinator\",\"mayor\"]}}", k), "pre_interview.attendees" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"held_on\":\"2026-06-10\",\"attendees\":[\"participant\",\"host\","
                       "\"coordinator\",\"host\"]}}", k), "pre_interview.attendees" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":"
                       "{\"held_on\":\"2026-06-10\",\"attendees\":\"participant\"}}", k),
      "pre_interview.attendees" },
    { g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,\"pre_interview\":5}", k),
      "pre_interview" },
    { g_strdup ("[1,2]"), "body" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/placements", f->h->coordinator,
                                                 cases[i].body, NULL);
      g_test_message ("%s", cases[i].field);
      ts_assert_problem (r, 422, "validation_failed", cases[i].field);
      g_free (cases[i].body);
    }
  /* Nothing was written. */
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM placements"), ==, 0);

  /* The problem names the repeated, invalid and missing items. */
  {
    g_autoptr(TsReply) dup = place (f->h, kase, host, "\"2026-07-01\",\"2026-07-02\",\"2026-07-01\"");
    g_autoptr(TsReply) bad = place (f->h, kase, host, "\"2026-07-01\",\"2026-02-29\"");
    g_autofree char *b = g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,"
                                          "\"pre_interview\":{\"held_on\":\"2026-06-10\","
                                          "\"attendees\":[\"participant\",\"family\"]}}", k);
    g_autoptr(TsReply) incomplete = ts_harness_request (f->h, "POST", "/v1/placements",
                                                        f->h->coordinator, b, NULL);
    JsonArray *arr;

    ts_assert_problem (dup, 422, "validation_failed", "days");
    arr = json_object_get_array_member (ts_reply_object (dup), "duplicate_days");
    g_assert_cmpuint (json_array_get_length (arr), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (arr, 0), ==, "2026-07-01");
    ts_assert_problem (bad, 422, "validation_failed", "days");
    arr = json_object_get_array_member (ts_reply_object (bad), "invalid_days");
    g_assert_cmpstr (json_array_get_string_element (arr, 0), ==, "2026-02-29");
    ts_assert_problem (incomplete, 422, "validation_failed", "pre_interview.attendees");
    arr = json_object_get_array_member (ts_reply_object (incomplete), "missing_attendees");
    g_assert_cmpuint (json_array_get_length (arr), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (arr, 0), ==, "host");
    g_assert_cmpstr (json_array_get_string_element (arr, 1), ==, "coordinator");
  }
  /* Unknown members, also inside pre_interview, are 400. */
  {
    g_autofree char *b1 = g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,"
                                           TS_PRE_INTERVIEW ",\"kind\":\"short\"}", k);
    g_autofree char *b2 = g_strdup_printf ("{%s,\"days\":[\"2026-07-01\"],\"hours_per_day\":4,"
                                           "\"pre_interview\":{\"held_on\":\"2026-06-10\","
                                           "\"attendees\":[\"participant\",\"host\",\"coordinator\"],"
                                           "\"place\":\"desk\"}}", k);
    g_autoptr(TsReply) r1 = ts_harness_request (f->h, "POST", "/v1/placements", f->h->coordinator,
                                                b1, NULL);
    g_autoptr(TsReply) r2 = ts_harness_request (f->h, "POST", "/v1/placements", f->h->coordinator,
                                                b2, NULL);
    ts_assert_problem (r1, 400, "unknown_field", "kind");
    ts_assert_problem (r2, 400, "unknown_field", "pre_interview.place");
  }
}

static void
test_pre_interview_edges (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "しろう", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  g_autofree char *same_day = g_strdup_printf (
    "{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ",\"days\":[\"" TODAY "\"],"
    "\"hours_per_day\":8,\"pre_interview\":{\"held_on\":\"" TODAY "\","
    "\"attendees\":[\"coordinator\",\"host\",\"participant\"]}}", kase, host);
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/placements", f->h->coordinator,
                                             same_day, NULL);
  JsonArray *attendees;

  (void) data;
  /* On the first day itself (morning interview, afternoon start), today —
   * held, not planned (issue 11): fine; family is optional; attendees come
   * back in the leaflet's order. */
  ts_assert_status (r, 201);
  attendees = json_object_get_array_member (json_object_get_object_member (ts_reply_object (r),
                                                                           "pre_interview"),
                                            "attendees");
  g_assert_cmpuint (json_array_get_length (attendees), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (attendees, 0), ==, "participant");
  g_assert_cmpstr (json_array_get_string_element (attendees, 2), ==, "coordinator");
}

static void
test_create_roles (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "ごろう", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  gint64 supporter = ts_harness_create_supporter (f->h, NULL);
  g_autofree char *sup = ts_harness_user_token (f->h, "supporter", supporter, 0);
  g_autofree char *hosttok = ts_harness_user_token (f->h, "host", 0, host);
  g_autofree char *body = ts_placement_body (kase, host, "\"2026-07-01\"");
  const char *refused[] = { sup, hosttok, f->h->auditor };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", refused[i], body, "/v1/placements");
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", NULL, body, "/v1/placements");
    ts_assert_problem (r, 401, "unauthorized", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->admin, body, "/v1/placements");
    ts_assert_status (r, 201);
  }
}

/* ---- the rules inside the transaction ------------------------------------ */

static void
test_host_not_registered (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "はなこ", NULL);
  gint64 applied = ts_harness_create_host (f->h, "申込中商店", 2, FALSE);
  gint64 suspended = ts_harness_create_host (f->h, "休業中商店", 2, TRUE);
  g_autoptr(TsReply) a = NULL;
  g_autoptr(TsReply) b = NULL;

  (void) data;
  a = place (f->h, kase, applied, "\"2026-07-01\"");
  ts_assert_problem (a, 409, "host_not_registered", NULL);
  g_assert_cmpstr (ts_reply_str (a, "host_status"), ==, "applied");
  {
    g_autoptr(TsReply) s = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/suspend", suspended);
    ts_assert_status (s, 200);
  }
  b = place (f->h, kase, suspended, "\"2026-07-01\"");
  ts_assert_problem (b, 409, "host_not_registered", NULL);
  g_assert_cmpstr (ts_reply_str (b, "host_status"), ==, "suspended");
}

static void
test_case_checks (Fixture *f, gconstpointer data)
{
  gint64 no_consent = ts_harness_create_placement_case (f->h, "みどり", "\"matching\",\"support\"");
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  g_autoptr(TsReply) r = place (f->h, no_consent, host, "\"2026-07-01\"");

  (void) data;
  /* The host meets the person: the consent must cover placements. */
  ts_assert_problem (r, 422, "consent_missing", NULL);
}

static void
test_cap (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "かずき", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  gint64 other = ts_harness_create_host (f->h, "もみじ工房", 1, TRUE);
  g_autofree char *d239 = ts_days_json ("2026-07-01", 239);
  g_autofree char *two = ts_days_json ("2027-03-01", 2);
  g_autoptr(TsReply) first = NULL;
  g_autoptr(TsReply) over = NULL;
  g_autoptr(TsReply) last = NULL;
  g_autoptr(TsReply) more = NULL;

  (void) data;
  first = place (f->h, kase, host, d239);
  ts_assert_status (first, 201);
  g_assert_cmpint (ts_reply_int (first, "participant_days_remaining"), ==, 1);
  /* 239 + 2 at another host: over, with what is left. */
  over = place (f->h, kase, other, two);
  ts_assert_problem (over, 409, "placement_cap_exceeded", NULL);
  g_assert_cmpint (ts_reply_int (over, "remaining_days"), ==, 1);
  g_assert_cmpint (ts_reply_int (over, "days_used"), ==, 239);
  /* 239 + 1 = 240: exactly the cap is accepted. */
  last = place (f->h, kase, other, "\"2027-03-01\"");
  ts_assert_status (last, 201);
  g_assert_cmpint (ts_reply_int (last, "participant_days_used"), ==, 240);
  g_assert_cmpint (ts_reply_int (last, "participant_days_remaining"), ==, 0);
  /* 240 + 1: nothing more. */
  more = place (f->h, kase, other, "\"2027-03-02\"");
  ts_assert_problem (more, 409, "placement_cap_exceeded", NULL);
  g_assert_cmpint (ts_reply_int (more, "remaining_days"), ==, 0);
  g_assert_cmpint (summary_days_used (f->h, kase), ==, 240);
}

static void
test_cap_one_request (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "ゆうき", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  g_autofree char *d240 = ts_days_json ("2026-07-01", 240);
  g_autoptr(TsReply) r = place (f->h, kase, host, d240);

  (void) data;
  ts_assert_status (r, 201);
  g_assert_cmpint (ts_reply_int (r, "days_count"), ==, 240);
  g_assert_cmpstr (ts_reply_str (r, "kind"), ==, "regular");
}

static void
test_capacity (Fixture *f, gconstpointer data)
{
  gint64 a = ts_harness_create_placement_case (f->h, "あ", NULL);
  gint64 b = ts_harness_create_placement_case (f->h, "い", NULL);
  gint64 c = ts_harness_create_placement_case (f->h, "う", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  g_autoptr(TsReply) full = NULL;
  g_autoptr(TsReply) over = NULL;
  JsonArray *days;

  (void) data;
  place_ok (f->h, a, host, "\"2026-07-01\",\"2026-07-02\",\"2026-07-03\"");
  /* Exactly full (2 of 2) is accepted. */
  full = place (f->h, b, host, "\"2026-07-02\",\"2026-07-03\"");
  ts_assert_status (full, 201);
  over = place (f->h, c, host, "\"2026-07-01\",\"2026-07-02\",\"2026-07-03\",\"2026-07-06\"");
  ts_assert_problem (over, 409, "host_capacity_exceeded", NULL);
  days = json_object_get_array_member (ts_reply_object (over), "days");
  g_assert_cmpuint (json_array_get_length (days), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (days, 0), ==, "2026-07-02");
  g_assert_cmpstr (json_array_get_string_element (days, 1), ==, "2026-07-03");
  g_assert_cmpint (ts_reply_int (over, "capacity_per_day"), ==, 2);
  {
    g_autoptr(TsReply) cal = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-07", host);
    JsonArray *cd = json_object_get_array_member (ts_reply_object (cal), "days");
    ts_assert_status (cal, 200);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cd, 0), "participants"),
                     ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cd, 1), "participants"),
                     ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cd, 1), "available"),
                     ==, 0);
  }
}

static void
test_double_booked (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "けんた", NULL);
  gint64 h1 = ts_harness_create_host (f->h, "さくら農園", 3, TRUE);
  gint64 h2 = ts_harness_create_host (f->h, "もみじ工房", 3, TRUE);
  g_autoptr(TsReply) r = NULL;
  JsonArray *days;

  (void) data;
  place_ok (f->h, kase, h1, "\"2026-07-01\",\"2026-07-02\"");
  r = place (f->h, kase, h2, "\"2026-06-30\",\"2026-07-02\"");
  ts_assert_problem (r, 409, "participant_double_booked", NULL);
  days = json_object_get_array_member (ts_reply_object (r), "days");
  g_assert_cmpuint (json_array_get_length (days), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (days, 0), ==, "2026-07-02");
}

/* ---- concurrency -------------------------------------------------------- */

typedef struct {
  const char *base;
  const char *token;
  char       *body;
  GMutex     *lock;
  GCond      *cond;
  gboolean   *go;
  guint       status;
  char       *code;
} Racer;

static gpointer
racer (gpointer data)
{
  Racer *r = data;
  /* SoupSession is not thread-safe: each thread has its own. */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *url = g_strconcat (r->base, "/v1/placements", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", r->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (r->body, strlen (r->body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  g_mutex_lock (r->lock);
  while (!*r->go)
    g_cond_wait (r->cond, r->lock);
  g_mutex_unlock (r->lock);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (msg);
  if (r->status != 201)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                                 (gssize) g_bytes_get_size (reply), NULL));
      r->code = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                         "code"));
    }
  return NULL;
}

/* Two requests for one participant at once, 150 days each at two hosts:
 * each fits the cap alone, together they do not.  Exactly one is
 * accepted, every round. */
static void
test_concurrent_cap (Fixture *f, gconstpointer data)
{
  gint64 h1 = ts_harness_create_host (f->h, "さくら農園", 5, TRUE);
  gint64 h2 = ts_harness_create_host (f->h, "もみじ工房", 5, TRUE);
  g_autofree char *days1 = ts_days_json ("2026-07-01", 150);
  g_autofree char *days2 = ts_days_json ("2027-01-01", 150);

  (void) data;
  for (int round = 0; round < 5; round++)
    {
      g_autofree char *nick = g_strdup_printf ("並行%d", round);
      gint64 kase = ts_harness_create_placement_case (f->h, nick, NULL);
      GMutex lock;
      GCond cond;
      gboolean go = FALSE;
      Racer r[2] = {
        { f->h->base, f->h->coordinator, ts_placement_body (kase, h1, days1), &lock, &cond, &go, 0, NULL },
        { f->h->base, f->h->coordinator, ts_placement_body (kase, h2, days2), &lock, &cond, &go, 0, NULL },
      };
      GThread *threads[2];
      guint accepted = 0;

      g_mutex_init (&lock);
      g_cond_init (&cond);
      for (int i = 0; i < 2; i++)
        threads[i] = g_thread_new ("racer", racer, &r[i]);
      g_usleep (20 * 1000);
      g_mutex_lock (&lock);
      go = TRUE;
      g_cond_broadcast (&cond);
      g_mutex_unlock (&lock);
      for (int i = 0; i < 2; i++)
        g_thread_join (threads[i]);
      for (int i = 0; i < 2; i++)
        {
          if (r[i].status == 201)
            accepted++;
          else
            {
              g_assert_cmpuint (r[i].status, ==, 409);
              g_assert_cmpstr (r[i].code, ==, "placement_cap_exceeded");
            }
          g_free (r[i].body);
          g_free (r[i].code);
        }
      g_assert_cmpuint (accepted, ==, 1);
      g_assert_cmpint (summary_days_used (f->h, kase), ==, 150);
      g_mutex_clear (&lock);
      g_cond_clear (&cond);
    }
}

/* ---- reading ------------------------------------------------------------ */

static void
test_get_and_access (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "のぞみ", NULL);
  gint64 mine = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  gint64 other = ts_harness_create_host (f->h, "もみじ工房", 2, TRUE);
  gint64 p1 = place_ok (f->h, kase, mine, "\"2026-07-01\",\"2026-07-02\"");
  gint64 p2 = place_ok (f->h, kase, other, "\"2026-07-03\"");
  gint64 supporter = ts_harness_create_supporter (f->h, NULL);
  g_autofree char *sup = ts_harness_user_token (f->h, "supporter", supporter, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, mine);
  gint64 before;

  (void) data;
  {
    g_autoptr(TsReply) r = NULL;
    before = ts_harness_audit_entries (f->h);
    r = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements/%" G_GINT64_FORMAT, p1);
    ts_assert_status (r, 200);
    g_assert_cmpint (ts_reply_int (r, "case_id"), ==, kase);
    g_assert_cmpint (ts_reply_int (r, "participant_days_used"), ==, 3);
    g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v1\"");
    /* Read of the case (it shows the nickname): audited. */
    g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
  }
  {
    /* The host sees its placement, the participant by nickname only. */
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", host, NULL, "/v1/placements/%" G_GINT64_FORMAT, p1);
    JsonObject *obj;
    ts_assert_status (r, 200);
    obj = ts_reply_object (r);
    g_assert_false (json_object_has_member (obj, "case_id"));
    g_assert_false (json_object_has_member (obj, "participant_days_used"));
    g_assert_false (json_object_has_member (obj, "created_by"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj, "participant"),
                                                    "nickname"), ==, "のぞみ");
    g_assert_cmpuint (json_object_get_size (json_object_get_object_member (obj, "participant")), ==, 1);
  }
  {
    /* Another host's placement is "not found", like a missing one. */
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", host, NULL, "/v1/placements/%" G_GINT64_FORMAT, p2);
    g_autoptr(TsReply) m = ts_harness_call (f->h, "GET", host, NULL, "/v1/placements/987654");
    g_autoptr(TsReply) a = ts_harness_call (f->h, "POST", host, "{\"date\":\"2026-06-15\",\"attended\":true}",
                                            "/v1/placements/%" G_GINT64_FORMAT "/attendance", p2);
    ts_assert_problem (r, 404, "not_found", NULL);
    ts_assert_problem (m, 404, "not_found", NULL);
    ts_assert_problem (a, 404, "not_found", NULL);
  }
  {
    g_autoptr(TsReply) a = ts_harness_call (f->h, "GET", sup, NULL, "/v1/placements/%" G_GINT64_FORMAT, p1);
    g_autoptr(TsReply) b = ts_harness_call (f->h, "GET", f->h->auditor, NULL, "/v1/placements/%" G_GINT64_FORMAT, p1);
    g_autoptr(TsReply) c = ts_harness_call (f->h, "GET", sup, NULL, "/v1/placements");
    g_autoptr(TsReply) d = ts_harness_call (f->h, "GET", f->h->auditor, NULL, "/v1/placements");
    g_autoptr(TsReply) e = ts_harness_call (f->h, "GET", NULL, NULL, "/v1/placements/%" G_GINT64_FORMAT, p1);
    g_autoptr(TsReply) m = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements/987654");
    g_autoptr(TsReply) q = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                            "/v1/placements/%" G_GINT64_FORMAT "?full=1", p1);
    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (b, 403, "forbidden", NULL);
    ts_assert_problem (c, 403, "forbidden", NULL);
    ts_assert_problem (d, 403, "forbidden", NULL);
    ts_assert_problem (e, 401, "unauthorized", NULL);
    ts_assert_problem (m, 404, "not_found", NULL);
    ts_assert_problem (q, 400, "unknown_field", "full");
  }
}

static guint
list_len (TsHarness *h, const char *token, const char *query)
{
  g_autofree char *path = g_strconcat ("/v1/placements", query, NULL);
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, token, NULL, NULL);

  ts_assert_status (r, 200);
  return json_array_get_length (json_object_get_array_member (ts_reply_object (r), "placements"));
}

static void
test_list (Fixture *f, gconstpointer data)
{
  gint64 a = ts_harness_create_placement_case (f->h, "あきら", NULL);
  gint64 b = ts_harness_create_placement_case (f->h, "いずみ", NULL);
  gint64 h1 = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  gint64 h2 = ts_harness_create_host (f->h, "もみじ工房", 2, TRUE);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, h1);
  g_autofree char *q = NULL;

  (void) data;
  place_ok (f->h, a, h1, "\"2026-07-01\"");
  place_ok (f->h, a, h2, "\"2026-08-03\"");
  place_ok (f->h, b, h1, "\"2026-08-04\"");

  g_assert_cmpuint (list_len (f->h, f->h->coordinator, ""), ==, 3);
  q = g_strdup_printf ("?case_id=%" G_GINT64_FORMAT, a);
  g_assert_cmpuint (list_len (f->h, f->h->coordinator, q), ==, 2);
  g_free (q);
  q = g_strdup_printf ("?host_id=%" G_GINT64_FORMAT "&month=2026-08", h1);
  g_assert_cmpuint (list_len (f->h, f->h->coordinator, q), ==, 1);
  g_assert_cmpuint (list_len (f->h, f->h->coordinator, "?month=2026-08"), ==, 2);
  g_assert_cmpuint (list_len (f->h, f->h->coordinator, "?month=2026-09"), ==, 0);
  /* A host lists its own; asking for another host finds nothing. */
  g_assert_cmpuint (list_len (f->h, host, ""), ==, 2);
  g_free (q);
  q = g_strdup_printf ("?host_id=%" G_GINT64_FORMAT, h2);
  g_assert_cmpuint (list_len (f->h, host, q), ==, 0);
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", host, NULL, "/v1/placements");
    JsonObject *item = json_array_get_object_element (json_object_get_array_member (ts_reply_object (r),
                                                                                    "placements"), 0);
    g_assert_false (json_object_has_member (item, "case_id"));
  }
  /* Paging. */
  {
    g_autoptr(TsReply) p1 = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements?limit=2");
    g_autofree char *path = NULL;
    g_autoptr(TsReply) p2 = NULL;
    ts_assert_status (p1, 200);
    path = g_strdup_printf ("/v1/placements?limit=2&cursor=%s", ts_reply_str (p1, "next_cursor"));
    p2 = ts_harness_request (f->h, "GET", path, f->h->coordinator, NULL, NULL);
    ts_assert_status (p2, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (p2),
                                                                           "placements")), ==, 1);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (p2), "next_cursor")));
  }
  {
    g_autoptr(TsReply) r1 = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements?month=2026-13");
    g_autoptr(TsReply) r2 = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements?case_id=x");
    g_autoptr(TsReply) r3 = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements?status=open");
    g_autoptr(TsReply) r4 = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements?cursor=zz");
    g_autoptr(TsReply) r5 = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements?limit=201");
    ts_assert_problem (r1, 422, "validation_failed", "month");
    ts_assert_problem (r2, 422, "validation_failed", "case_id");
    ts_assert_problem (r3, 400, "unknown_field", "status");
    ts_assert_problem (r4, 422, "validation_failed", "cursor");
    ts_assert_problem (r5, 422, "validation_failed", "limit");
  }
}

/* ---- cancelling ------------------------------------------------------------ */

static void
test_cancel (Fixture *f, gconstpointer data)
{
  gint64 a = ts_harness_create_placement_case (f->h, "まこと", NULL);
  gint64 b = ts_harness_create_placement_case (f->h, "みのる", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  gint64 other = ts_harness_create_host (f->h, "もみじ工房", 1, TRUE);
  gint64 p = place_ok (f->h, a, host, "\"2026-06-12\",\"2026-06-15\",\"2026-06-16\","
                                      "\"2026-06-17\",\"2026-06-18\"");
  g_autofree char *hosttok = ts_harness_user_token (f->h, "host", 0, host);
  g_autoptr(TsReply) r = NULL;
  JsonArray *cancelled;

  (void) data;
  g_assert_cmpint (summary_days_used (f->h, a), ==, 5);
  r = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                       "/v1/placements/%" G_GINT64_FORMAT "/days?from=2026-06-17", p);
  ts_assert_status (r, 200);
  cancelled = json_object_get_array_member (ts_reply_object (r), "cancelled_days");
  g_assert_cmpuint (json_array_get_length (cancelled), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (cancelled, 0), ==, "2026-06-17");
  g_assert_cmpint (ts_reply_int (r, "days_count"), ==, 3);
  g_assert_cmpint (ts_reply_int (r, "days_cancelled"), ==, 2);
  g_assert_cmpint (ts_reply_int (r, "participant_days_used"), ==, 3);
  g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v2\"");
  /* Freed from the cap and from the host's capacity. */
  g_assert_cmpint (summary_days_used (f->h, a), ==, 3);
  place_ok (f->h, b, host, "\"2026-06-17\"");
  /* The participant may be placed elsewhere on the freed day. */
  place_ok (f->h, a, other, "\"2026-06-18\"");

  {
    /* One day, and again: nothing more to cancel, same answer. */
    g_autoptr(TsReply) one = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                              "/v1/placements/%" G_GINT64_FORMAT "/days?date=2026-06-16", p);
    g_autoptr(TsReply) again = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                                "/v1/placements/%" G_GINT64_FORMAT "/days?date=2026-06-16", p);
    ts_assert_status (one, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (one),
                                                                           "cancelled_days")), ==, 1);
    ts_assert_status (again, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (again),
                                                                           "cancelled_days")), ==, 0);
    g_assert_cmpstr (ts_reply_header (again, "ETag"), ==, ts_reply_header (one, "ETag"));
  }
  {
    /* Today and the past are settled by attendance, not cancelled. */
    g_autoptr(TsReply) today = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                                "/v1/placements/%" G_GINT64_FORMAT "/days?date=" TODAY, p);
    g_autoptr(TsReply) past = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                               "/v1/placements/%" G_GINT64_FORMAT "/days?from=2026-06-01", p);
    g_autoptr(TsReply) order = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                                "/v1/placements/%" G_GINT64_FORMAT "/days?from=2026-07-10&to=2026-07-01", p);
    g_autoptr(TsReply) both = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                               "/v1/placements/%" G_GINT64_FORMAT "/days?date=2026-07-01&to=2026-07-02", p);
    g_autoptr(TsReply) bad = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                              "/v1/placements/%" G_GINT64_FORMAT "/days?from=2026-06-31", p);
    g_autoptr(TsReply) unknown = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                                  "/v1/placements/%" G_GINT64_FORMAT "/days?day=2026-07-01", p);
    g_autoptr(TsReply) missing = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                                  "/v1/placements/424242/days");
    g_autoptr(TsReply) host_refused = ts_harness_call (f->h, "DELETE", hosttok, NULL,
                                                       "/v1/placements/%" G_GINT64_FORMAT "/days", p);
    g_autoptr(TsReply) auditor = ts_harness_call (f->h, "DELETE", f->h->auditor, NULL,
                                                  "/v1/placements/%" G_GINT64_FORMAT "/days", p);
    ts_assert_problem (today, 422, "validation_failed", "from");
    ts_assert_problem (past, 422, "validation_failed", "from");
    ts_assert_problem (order, 422, "validation_failed", "to");
    ts_assert_problem (both, 422, "validation_failed", "date");
    ts_assert_problem (bad, 422, "validation_failed", "from");
    ts_assert_problem (unknown, 400, "unknown_field", "day");
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_problem (host_refused, 403, "forbidden", NULL);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
  }
}

/* Retiring a host with future days is refused until they are cancelled. */
static void
test_retire_with_future_days (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "ひろし", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  gint64 p = place_ok (f->h, kase, host, "\"2026-06-10\",\"2026-07-01\"");
  g_autoptr(TsReply) refused = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                                "/v1/hosts/%" G_GINT64_FORMAT "/retire", host);
  g_autoptr(TsReply) cancel = NULL;
  g_autoptr(TsReply) retired = NULL;

  (void) data;
  ts_assert_problem (refused, 409, "invalid_transition", NULL);
  g_assert_cmpint (ts_reply_int (refused, "future_days"), ==, 1);
  cancel = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL, "/v1/placements/%" G_GINT64_FORMAT "/days", p);
  ts_assert_status (cancel, 200);
  retired = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/hosts/%" G_GINT64_FORMAT "/retire", host);
  ts_assert_status (retired, 200);
}

/* ---- attendance and stipends ---------------------------------------------- */

static TsReply *
attend (TsHarness *h, const char *token, gint64 id, const char *date, const char *attended)
{
  g_autofree char *body = g_strdup_printf ("{\"date\":\"%s\",\"attended\":%s}", date, attended);
  return ts_harness_call (h, "POST", token, body, "/v1/placements/%" G_GINT64_FORMAT "/attendance", id);
}

static gint64
ledger_sum (TsHarness *h, const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(sum(amount_yen), 0) FROM ledger_entries"
                                          " WHERE payee_type = 'host' AND kind = '%s'", kind);
  return ts_harness_sql_int (h, sql);
}

static void
test_attendance (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "さとし", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  gint64 p = place_ok (f->h, kase, host, "\"2026-06-11\",\"2026-06-12\",\"2026-06-15\","
                                         "\"2026-06-16\",\"2026-06-17\"");
  g_autofree char *hosttok = ts_harness_user_token (f->h, "host", 0, host);
  gint64 supporter = ts_harness_create_supporter (f->h, NULL);
  g_autofree char *sup = ts_harness_user_token (f->h, "supporter", supporter, 0);
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) byhost = NULL;
  g_autoptr(TsReply) same = NULL;
  g_autoptr(TsReply) undo = NULL;
  gint64 before;

  (void) data;
  before = ts_harness_audit_entries (f->h);
  r = attend (f->h, f->h->coordinator, p, "2026-06-11", "true");
  ts_assert_status (r, 200);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (r), "attended"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (r), "previous")));
  g_assert_cmpint (ts_reply_int (r, "stipend_yen"), ==, 1500);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ts_reply_object (r),
                                                                                 "ledger"), "kind"),
                   ==, "host_stipend");
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
  /* The host records its own participant's attendance, today included. */
  byhost = attend (f->h, hosttok, p, TODAY, "true");
  ts_assert_status (byhost, 200);
  g_assert_cmpint (ledger_sum (f->h, "host_stipend"), ==, 3000);
  /* The same value again changes nothing. */
  same = attend (f->h, f->h->coordinator, p, "2026-06-11", "true");
  ts_assert_status (same, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (same), "ledger")));
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM ledger_entries"), ==, 2);
  /* Before June is issued a new value replaces the old: the month nets to it. */
  undo = attend (f->h, f->h->coordinator, p, "2026-06-11", "false");
  ts_assert_status (undo, 200);
  g_assert_false (json_object_get_boolean_member (ts_reply_object (undo), "attended"));
  g_assert_true (json_object_get_boolean_member (ts_reply_object (undo), "previous"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (ts_reply_object (undo),
                                                                              "ledger"), "amount_yen"),
                   ==, -1500);
  g_assert_cmpint (ledger_sum (f->h, "host_stipend"), ==, 1500);
  g_assert_cmpint (ledger_sum (f->h, "adjustment"), ==, 0);
  /* Absent days pay nothing; the participant is never a payee. */
  {
    g_autoptr(TsReply) absent = attend (f->h, f->h->coordinator, p, "2026-06-12", "false");
    ts_assert_status (absent, 200);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (absent), "ledger")));
    g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM ledger_entries WHERE payee_type <> 'host'"),
                     ==, 0);
  }
  {
    g_autoptr(TsReply) get = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                              "/v1/placements/%" G_GINT64_FORMAT, p);
    g_assert_cmpint (ts_reply_int (get, "days_attended"), ==, 1);
  }

  /* Bad input and refused roles. */
  {
    g_autoptr(TsReply) future = attend (f->h, f->h->coordinator, p, "2026-06-16", "true");
    g_autoptr(TsReply) notday = attend (f->h, f->h->coordinator, p, "2026-06-13", "true");
    g_autoptr(TsReply) invalid = attend (f->h, f->h->coordinator, p, "2026-06-31", "true");
    g_autoptr(TsReply) notbool = attend (f->h, f->h->coordinator, p, "2026-06-12", "1");
    g_autoptr(TsReply) nodate = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"attended\":true}",
                                                 "/v1/placements/%" G_GINT64_FORMAT "/attendance", p);
    g_autoptr(TsReply) noatt = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"date\":\"2026-06-12\"}",
                                                "/v1/placements/%" G_GINT64_FORMAT "/attendance", p);
    g_autoptr(TsReply) extra = ts_harness_call (f->h, "POST", f->h->coordinator,
                                                "{\"date\":\"2026-06-12\",\"attended\":true,\"hours\":3}",
                                                "/v1/placements/%" G_GINT64_FORMAT "/attendance", p);
    g_autoptr(TsReply) missing = attend (f->h, f->h->coordinator, 777777, "2026-06-12", "true");
    g_autoptr(TsReply) s = attend (f->h, sup, p, "2026-06-12", "true");
    g_autoptr(TsReply) a = attend (f->h, f->h->auditor, p, "2026-06-12", "true");
    g_autoptr(TsReply) n = attend (f->h, NULL, p, "2026-06-12", "true");
    ts_assert_problem (future, 422, "validation_failed", "date");
    ts_assert_problem (notday, 422, "validation_failed", "date");
    ts_assert_problem (invalid, 422, "validation_failed", "date");
    ts_assert_problem (notbool, 422, "validation_failed", "attended");
    ts_assert_problem (nodate, 422, "validation_failed", "date");
    ts_assert_problem (noatt, 422, "validation_failed", "attended");
    ts_assert_problem (extra, 400, "unknown_field", "hours");
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_problem (s, 403, "forbidden", NULL);
    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (n, 401, "unauthorized", NULL);
  }
}

typedef struct {
  const char     *month;
  TsStatementRun  run;
} IssueWrite;

static gboolean
write_issue (TsStore *store, gpointer user_data, GError **error)
{
  IssueWrite *w = user_data;
  return ts_store_statements_issue (store, w->month, NULL, g_get_real_time () / G_USEC_PER_SEC,
                                    0, NULL, error);
}

/* After the month's statements are issued a change is an adjustment, paid
 * by the next issued month; a cancelled day takes no attendance. */
static void
test_attendance_after_issue (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "つよし", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  gint64 p = place_ok (f->h, kase, host, "\"2026-05-11\",\"2026-05-12\",\"2026-06-16\"");
  g_autoptr(GError) error = NULL;
  IssueWrite w;

  (void) data;
  memset (&w, 0, sizeof w);
  w.month = "2026-05";
  {
    g_autoptr(TsReply) a = attend (f->h, f->h->coordinator, p, "2026-05-11", "true");
    g_autoptr(TsReply) b = attend (f->h, f->h->coordinator, p, "2026-05-12", "true");
    ts_assert_status (a, 200);
    ts_assert_status (b, 200);
  }
  g_assert_true (ts_store_write (f->h->store, write_issue, &w, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT total_yen FROM statements WHERE month = '2026-05'"
                                             " AND payee_type = 'host'"), ==, 3000);
  {
    g_autoptr(TsReply) r = attend (f->h, f->h->coordinator, p, "2026-05-12", "false");
    JsonObject *ledger;
    ts_assert_status (r, 200);
    ledger = json_object_get_object_member (ts_reply_object (r), "ledger");
    g_assert_cmpstr (json_object_get_string_member (ledger, "kind"), ==, "adjustment");
    g_assert_cmpint (json_object_get_int_member (ledger, "amount_yen"), ==, -1500);
  }
  /* The issued statement never changes; the adjustment waits unissued. */
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT total_yen FROM statements WHERE month = '2026-05'"
                                             " AND payee_type = 'host'"), ==, 3000);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT sum(amount_yen) FROM ledger_entries WHERE kind = 'adjustment'"
                                             " AND adjusts = 'host_stipend' AND statement_id IS NULL"), ==, -1500);
  {
    g_autoptr(TsReply) c = ts_harness_call (f->h, "DELETE", f->h->coordinator, NULL,
                                            "/v1/placements/%" G_GINT64_FORMAT "/days?date=2026-06-16", p);
    ts_assert_status (c, 200);
  }
  /* 2026-06-16 is in the future anyway; move the clock past it. */
  g_setenv ("TSUNAGARI_TODAY", "2026-06-20", TRUE);
  {
    g_autoptr(TsReply) r = attend (f->h, f->h->coordinator, p, "2026-06-16", "true");
    ts_assert_problem (r, 422, "validation_failed", "date");
  }
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
}

/* ---- the participant's summary ------------------------------------------- */

static void
test_summary (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "ともや", NULL);
  gint64 h1 = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  gint64 h2 = ts_harness_create_host (f->h, "もみじ工房", 2, TRUE);
  g_autofree char *regular = ts_days_json ("2026-07-01", 20);
  g_autofree char *hosttok = ts_harness_user_token (f->h, "host", 0, h1);
  g_autoptr(TsReply) r = NULL;
  JsonObject *obj, *by_kind, *first;
  JsonArray *hosts;
  gint64 before;

  (void) data;
  place_ok (f->h, kase, h1, "\"2026-06-10\",\"2026-06-11\"");
  place_ok (f->h, kase, h2, regular);
  place_ok (f->h, kase, h1, "\"2026-08-03\"");
  {
    gint64 other = ts_harness_create_placement_case (f->h, "べつ", NULL);
    gint64 p = place_ok (f->h, other, h1, "\"2026-06-12\"");
    (void) p;
  }
  {
    g_autoptr(TsReply) a = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements?case_id=%" G_GINT64_FORMAT, kase);
    gint64 first_id = json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (ts_reply_object (a), "placements"), 0), "id");
    g_autoptr(TsReply) b = attend (f->h, f->h->coordinator, first_id, "2026-06-10", "true");
    ts_assert_status (b, 200);
  }
  before = ts_harness_audit_entries (f->h);
  r = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                       "/v1/cases/%" G_GINT64_FORMAT "/placement-summary", kase);
  ts_assert_status (r, 200);
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
  obj = ts_reply_object (r);
  g_assert_cmpint (ts_reply_int (r, "cap_days"), ==, 240);
  g_assert_cmpint (ts_reply_int (r, "days_used"), ==, 23);
  g_assert_cmpint (ts_reply_int (r, "days_remaining"), ==, 217);
  g_assert_cmpint (ts_reply_int (r, "days_attended"), ==, 1);
  by_kind = json_object_get_object_member (obj, "by_kind");
  g_assert_cmpint (json_object_get_int_member (by_kind, "short"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (by_kind, "regular"), ==, 20);
  hosts = json_object_get_array_member (obj, "by_host");
  g_assert_cmpuint (json_array_get_length (hosts), ==, 2);
  first = json_array_get_object_element (hosts, 0);
  g_assert_cmpint (json_object_get_int_member (first, "host_id"), ==, h1);
  g_assert_cmpint (json_object_get_int_member (first, "days_used"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (first, "host_name"), ==, "さくら農園");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "placements")), ==, 3);
  {
    g_autoptr(TsReply) a = ts_harness_call (f->h, "GET", hosttok, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/placement-summary", kase);
    g_autoptr(TsReply) b = ts_harness_call (f->h, "GET", f->h->auditor, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/placement-summary", kase);
    g_autoptr(TsReply) c = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/cases/999999/placement-summary");
    g_autoptr(TsReply) d = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/placement-summary?on=2026-06-01", kase);
    g_autoptr(TsReply) e = ts_harness_call (f->h, "GET", NULL, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/placement-summary", kase);
    gint64 none = ts_harness_create_placement_case (f->h, "なし", NULL);
    g_autoptr(TsReply) empty = ts_harness_call (f->h, "GET", f->h->admin, NULL,
                                                "/v1/cases/%" G_GINT64_FORMAT "/placement-summary",
                                                none);
    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (b, 403, "forbidden", NULL);
    ts_assert_problem (c, 404, "not_found", NULL);
    ts_assert_problem (d, 400, "unknown_field", "on");
    ts_assert_problem (e, 401, "unauthorized", NULL);
    ts_assert_status (empty, 200);
    g_assert_cmpint (ts_reply_int (empty, "days_remaining"), ==, 240);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/placements/" path, Fixture, NULL, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("create", test_create);
  ADD ("create/kind-edges", test_kind_edges);
  ADD ("create/bad-input", test_create_bad_input);
  ADD ("create/pre-interview-edges", test_pre_interview_edges);
  ADD ("create/roles", test_create_roles);
  ADD ("host-not-registered", test_host_not_registered);
  ADD ("case-checks", test_case_checks);
  ADD ("cap", test_cap);
  ADD ("cap/one-request", test_cap_one_request);
  ADD ("capacity", test_capacity);
  ADD ("double-booked", test_double_booked);
  ADD ("concurrent-cap", test_concurrent_cap);
  ADD ("get-and-access", test_get_and_access);
  ADD ("list", test_list);
  ADD ("cancel", test_cancel);
  ADD ("retire-with-future-days", test_retire_with_future_days);
  ADD ("attendance", test_attendance);
  ADD ("attendance/after-issue", test_attendance_after_issue);
  ADD ("summary", test_summary);
#undef ADD

  return g_test_run ();
}
