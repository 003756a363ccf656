/*
 * 職親 placements, issue 14: refusals that name their dates and the days
 * remaining (in the problem's detail, in Japanese and English, and as
 * extension members), and POST /v1/placements/check, which answers what
 * the create would — the same refusals, or the placement's days, the
 * participant's days remaining and the translated warnings — and writes
 * nothing but the audit entry of a read.
 *
 * "Today" is pinned to 2026-06-15, a Monday; 2026-07-20 is 海の日.
 */
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"

typedef TsHarnessFixture Fixture;

static const char *const japanese[] = { "Accept-Language", "ja", NULL };
static const char *const english[] = { "Accept-Language", "en", NULL };

/* ---- helpers ----------------------------------------------------------- */

/* POST @path ("/v1/placements" or "/v1/placements/check") as the
 * coordinator, in @lang (a headers list). */
static TsReply *
post (TsHarness *h, const char *path, gint64 case_id, gint64 host_id, const char *days,
      const char *const *lang)
{
  g_autofree char *body = ts_placement_body (case_id, host_id, days);
  return ts_harness_request (h, "POST", path, h->coordinator, body, lang);
}

static gint64
placements_rows (TsHarness *h)
{
  return ts_harness_sql_int (h, "SELECT (SELECT count(*) FROM placements) * 100000"
                                " + (SELECT count(*) FROM placement_days)");
}

static void
assert_dates (TsReply *r, const char *member, const char *const *expected)
{
  JsonArray *arr = json_object_get_array_member (ts_reply_object (r), member);
  guint n = g_strv_length ((char **) expected);

  g_assert_nonnull (arr);
  g_assert_cmpuint (json_array_get_length (arr), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (arr, i), ==, expected[i]);
}

/* ---- refusals that name their dates and numbers ------------------------- */

/* Seven clashing days: the detail names the first five as the Japanese
 * page shows dates, and counts the rest; `days` lists all seven. */
static void
test_double_booked_names_dates (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "けんた", NULL);
  gint64 h1 = ts_harness_create_host (f->h, "さくら農園", 3, TRUE);
  gint64 h2 = ts_harness_create_host (f->h, "もみじ工房", 3, TRUE);
  g_autofree char *seven = ts_days_json ("2026-07-01", 7);
  g_autofree char *eight = ts_days_json ("2026-06-30", 8);
  const char *const clashes[] = { "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04",
                                  "2026-07-05", "2026-07-06", "2026-07-07", NULL };
  g_autoptr(TsReply) ok = NULL;
  g_autoptr(TsReply) ja = NULL;
  g_autoptr(TsReply) en = NULL;

  (void) data;
  ok = post (f->h, "/v1/placements", kase, h1, seven, NULL);
  ts_assert_status (ok, 201);
  ja = post (f->h, "/v1/placements", kase, h2, eight, japanese);
  ts_assert_problem (ja, 409, "participant_double_booked", NULL);
  g_assert_cmpstr (ts_reply_str (ja, "detail"), ==,
                   "参加者は令和8年7月1日、令和8年7月2日、令和8年7月3日、令和8年7月4日、"
                   "令和8年7月5日 ほか2日にすでに就労体験を予定しています");
  assert_dates (ja, "days", clashes);
  en = post (f->h, "/v1/placements", kase, h2, eight, english);
  ts_assert_problem (en, 409, "participant_double_booked", NULL);
  g_assert_cmpstr (ts_reply_str (en, "detail"), ==,
                   "The participant is already placed on 2026-07-01, 2026-07-02, 2026-07-03, "
                   "2026-07-04, 2026-07-05 and 2 more days");
  assert_dates (en, "days", clashes);
}

/* The cap's refusal says how many days remain and how many were asked. */
static void
test_cap_names_days_remaining (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "かずき", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  gint64 other = ts_harness_create_host (f->h, "もみじ工房", 1, TRUE);
  g_autofree char *d228 = ts_days_json ("2026-07-01", 228);
  g_autofree char *d20 = ts_days_json ("2027-03-01", 20);
  g_autoptr(TsReply) first = NULL;
  g_autoptr(TsReply) ja = NULL;
  g_autoptr(TsReply) en = NULL;

  (void) data;
  first = post (f->h, "/v1/placements", kase, host, d228, NULL);
  ts_assert_status (first, 201);
  ja = post (f->h, "/v1/placements", kase, other, d20, japanese);
  ts_assert_problem (ja, 409, "placement_cap_exceeded", NULL);
  g_assert_cmpstr (ts_reply_str (ja, "detail"), ==,
                   "参加者の残り日数は12日（上限240日）ですが、20日を申し込んでいます");
  g_assert_cmpint (ts_reply_int (ja, "remaining_days"), ==, 12);
  g_assert_cmpint (ts_reply_int (ja, "days_requested"), ==, 20);
  g_assert_cmpint (ts_reply_int (ja, "days_used"), ==, 228);
  g_assert_cmpint (ts_reply_int (ja, "cap_days"), ==, 240);
  en = post (f->h, "/v1/placements", kase, other, d20, english);
  ts_assert_problem (en, 409, "placement_cap_exceeded", NULL);
  g_assert_cmpstr (ts_reply_str (en, "detail"), ==,
                   "12 days remain of the participant's 240; 20 were asked");
}

static void
test_capacity_names_dates (Fixture *f, gconstpointer data)
{
  gint64 a = ts_harness_create_placement_case (f->h, "あ", NULL);
  gint64 b = ts_harness_create_placement_case (f->h, "い", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  const char *const full[] = { "2026-07-02", "2026-07-03", NULL };
  g_autoptr(TsReply) ok = NULL;
  g_autoptr(TsReply) ja = NULL;
  g_autoptr(TsReply) en = NULL;

  (void) data;
  ok = post (f->h, "/v1/placements", a, host, "\"2026-07-02\",\"2026-07-03\"", NULL);
  ts_assert_status (ok, 201);
  ja = post (f->h, "/v1/placements", b, host, "\"2026-07-01\",\"2026-07-02\",\"2026-07-03\"",
             japanese);
  ts_assert_problem (ja, 409, "host_capacity_exceeded", NULL);
  g_assert_cmpstr (ts_reply_str (ja, "detail"), ==,
                   "令和8年7月2日、令和8年7月3日は職親の受け入れ人数（1日1人）に空きがありません");
  assert_dates (ja, "days", full);
  g_assert_cmpint (ts_reply_int (ja, "capacity_per_day"), ==, 1);
  en = post (f->h, "/v1/placements", b, host, "\"2026-07-01\",\"2026-07-02\",\"2026-07-03\"",
             english);
  g_assert_cmpstr (ts_reply_str (en, "detail"), ==,
                   "The host has no room left on 2026-07-02, 2026-07-03 (capacity: 1 a day)");
}

/* ---- POST /v1/placements/check ----------------------------------------- */

/* What the create would answer, nothing written; warnings translated. */
static void
test_check (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "たろう", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  gint64 rows = placements_rows (f->h);
  const char *const days[] = { "2026-07-13", "2026-07-20", "2026-07-25", NULL };
  g_autoptr(TsReply) ja = NULL;
  g_autoptr(TsReply) en = NULL;
  g_autoptr(TsReply) list = NULL;
  JsonArray *warnings;
  JsonObject *w;

  (void) data;
  /* Given in any order, as the create takes them. */
  ja = post (f->h, "/v1/placements/check", kase, host,
             "\"2026-07-25\",\"2026-07-13\",\"2026-07-20\"", japanese);
  ts_assert_status (ja, 200);
  g_assert_cmpint (ts_reply_int (ja, "case_id"), ==, kase);
  g_assert_cmpint (ts_reply_int (ja, "host_id"), ==, host);
  g_assert_cmpstr (ts_reply_str (ja, "kind"), ==, "short");
  g_assert_cmpint (ts_reply_int (ja, "hours_per_day"), ==, 4);
  g_assert_cmpstr (ts_reply_str (ja, "first_day"), ==, "2026-07-13");
  g_assert_cmpstr (ts_reply_str (ja, "last_day"), ==, "2026-07-25");
  g_assert_cmpint (ts_reply_int (ja, "days_count"), ==, 3);
  assert_dates (ja, "days", days);
  g_assert_cmpint (ts_reply_int (ja, "participant_days_used"), ==, 3);
  g_assert_cmpint (ts_reply_int (ja, "participant_days_remaining"), ==, 237);
  g_assert_false (json_object_has_member (ts_reply_object (ja), "id"));
  warnings = json_object_get_array_member (ts_reply_object (ja), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);
  w = json_array_get_object_element (warnings, 0);
  g_assert_cmpstr (json_object_get_string_member (w, "date"), ==, "2026-07-20");
  g_assert_cmpstr (json_object_get_string_member (w, "kind"), ==, "public_holiday");
  g_assert_cmpstr (json_object_get_string_member (w, "name"), ==, "海の日");
  g_assert_cmpstr (json_object_get_string_member (w, "message"), ==, "令和8年7月20日は祝日（海の日）です");
  w = json_array_get_object_element (warnings, 1);
  g_assert_cmpstr (json_object_get_string_member (w, "kind"), ==, "host_closed");
  g_assert_cmpstr (json_object_get_string_member (w, "message"), ==, "令和8年7月25日は職親の休業日です");

  en = post (f->h, "/v1/placements/check", kase, host, "\"2026-07-20\"", english);
  ts_assert_status (en, 200);
  w = json_array_get_object_element (json_object_get_array_member (ts_reply_object (en), "warnings"), 0);
  g_assert_cmpstr (json_object_get_string_member (w, "message"), ==, "2026-07-20 is a public holiday (海の日)");

  /* Nothing written: no placement, no day, the summary unchanged; each
   * check is one audit entry, a read of the case. */
  g_assert_cmpint (placements_rows (f->h), ==, rows);
  list = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                          "/v1/placements?case_id=%" G_GINT64_FORMAT, kase);
  ts_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (list),
                                                                         "placements")), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = "
                                            "'check_placement' AND object = 'case' AND object_id = %"
                                            G_GINT64_FORMAT, kase);
    g_assert_cmpint (ts_harness_sql_int (f->h, sql), ==, 2);
    g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM audit_log WHERE action = 'create'"
                                               " AND object = 'placement'"), ==, 0);
  }
  /* The create with the same body then answers the same days. */
  {
    g_autoptr(TsReply) created = post (f->h, "/v1/placements", kase, host,
                                       "\"2026-07-25\",\"2026-07-13\",\"2026-07-20\"", japanese);
    ts_assert_status (created, 201);
    g_assert_cmpint (ts_reply_int (created, "participant_days_remaining"), ==, 237);
    w = json_array_get_object_element (json_object_get_array_member (ts_reply_object (created),
                                                                     "warnings"), 0);
    g_assert_cmpstr (json_object_get_string_member (w, "message"), ==, "令和8年7月20日は祝日（海の日）です");
  }
}

/* The check's refusals are the create's, body for body. */
static void
test_check_refusals (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "けんた", NULL);
  gint64 no_consent = ts_harness_create_placement_case (f->h, "みどり", "\"matching\",\"support\"");
  gint64 h1 = ts_harness_create_host (f->h, "さくら農園", 3, TRUE);
  gint64 h2 = ts_harness_create_host (f->h, "もみじ工房", 3, TRUE);
  g_autofree char *d240 = ts_days_json ("2026-08-01", 240);
  g_autoptr(TsReply) ok = NULL;
  gint64 rows;

  (void) data;
  ok = post (f->h, "/v1/placements", kase, h1, "\"2026-07-01\",\"2026-07-02\"", NULL);
  ts_assert_status (ok, 201);
  rows = placements_rows (f->h);
  {
    g_autoptr(TsReply) check = post (f->h, "/v1/placements/check", kase, h2,
                                     "\"2026-06-30\",\"2026-07-02\"", japanese);
    g_autoptr(TsReply) create = post (f->h, "/v1/placements", kase, h2,
                                      "\"2026-06-30\",\"2026-07-02\"", japanese);
    const char *const clash[] = { "2026-07-02", NULL };

    ts_assert_problem (check, 409, "participant_double_booked", NULL);
    ts_assert_problem (create, 409, "participant_double_booked", NULL);
    g_assert_cmpstr (ts_reply_str (check, "detail"), ==, ts_reply_str (create, "detail"));
    g_assert_cmpstr (ts_reply_str (check, "detail"), ==, "参加者は令和8年7月2日にすでに就労体験を予定しています");
    assert_dates (check, "days", clash);
  }
  {
    g_autoptr(TsReply) check = post (f->h, "/v1/placements/check", kase, h2, d240, english);
    ts_assert_problem (check, 409, "placement_cap_exceeded", NULL);
    g_assert_cmpint (ts_reply_int (check, "remaining_days"), ==, 238);
    g_assert_cmpint (ts_reply_int (check, "days_requested"), ==, 240);
  }
  {
    g_autoptr(TsReply) check = post (f->h, "/v1/placements/check", no_consent, h2,
                                     "\"2026-07-01\"", NULL);
    ts_assert_problem (check, 422, "consent_missing", NULL);
  }
  g_assert_cmpint (placements_rows (f->h), ==, rows);
}

static void
test_check_roles (Fixture *f, gconstpointer data)
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
      g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", refused[i], body, "/v1/placements/check");
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", NULL, body, "/v1/placements/check");
    ts_assert_problem (r, 401, "unauthorized", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->admin, body, "/v1/placements/check");
    ts_assert_status (r, 200);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/placements/check");
    g_assert_cmpuint (r->status, ==, 405);
  }
  g_assert_cmpint (placements_rows (f->h), ==, 0);
}

static void
test_check_bad_input (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 kase = ts_harness_create_placement_case (h, "じろう", NULL);
  gint64 host = ts_harness_create_host (h, "さくら農園", 2, TRUE);

  (void) data;
  /* Every bad field in one 422, as for the create. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/placements/check", h->coordinator,
                                               "{\"days\":[\"2026-07-01\",\"2026-02-30\"],"
                                               "\"hours_per_day\":12}", japanese);
    ts_assert_problem (r, 422, "validation_failed", NULL);
    g_assert_true (ts_reply_has_field_error (r, "case_id"));
    g_assert_true (ts_reply_has_field_error (r, "host_id"));
    g_assert_true (ts_reply_has_field_error (r, "days"));
    g_assert_true (ts_reply_has_field_error (r, "hours_per_day"));
    g_assert_true (ts_reply_has_field_error (r, "pre_interview.held_on"));
  }
  /* Unknown ids name their field. */
  {
    g_autoptr(TsReply) r = post (h, "/v1/placements/check", 999999, host, "\"2026-07-01\"", NULL);
    ts_assert_problem (r, 422, "validation_failed", "case_id");
  }
  {
    g_autoptr(TsReply) r = post (h, "/v1/placements/check", kase, 999999, "\"2026-07-01\"", NULL);
    ts_assert_problem (r, 422, "validation_failed", "host_id");
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/placements/check", h->coordinator,
                                               "{\"case_id\":1,\"dry\":true}", NULL);
    ts_assert_problem (r, 400, "unknown_field", "dry");
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/placements/check?dry_run=1",
                                               h->coordinator, "{}", NULL);
    ts_assert_problem (r, 400, "unknown_field", "dry_run");
  }
  {
    /* Not an object: refused as the create refuses it. */
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/placements/check", h->coordinator,
                                               "[1,2]", NULL);
    g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/placements", h->coordinator,
                                               "[1,2]", NULL);
    g_assert_cmpuint (r->status, >=, 400);
    g_assert_cmpuint (r->status, <, 500);
    g_assert_cmpuint (r->status, ==, c->status);
    g_assert_cmpstr (ts_reply_code (r), ==, ts_reply_code (c));
  }
  {
    g_autoptr(GString) big = g_string_new ("{\"case_id\":1,\"pad\":\"");
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/placements/check", h->coordinator,
                                                 big->str, NULL);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
  g_assert_cmpint (placements_rows (h), ==, 0);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'check_placement'"),
                   ==, 0);
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/placements-check/" path, Fixture, NULL, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("refusal/double-booked-dates", test_double_booked_names_dates);
  ADD ("refusal/cap-days-remaining", test_cap_names_days_remaining);
  ADD ("refusal/capacity-dates", test_capacity_names_dates);
  ADD ("check", test_check);
  ADD ("check/refusals", test_check_refusals);
  ADD ("check/roles", test_check_roles);
  ADD ("check/bad-input", test_check_bad_input);
#undef ADD

  return g_test_run ();
}
