/*
 * GET /v1/audit/training on a live server (SPEC 2.5, issue 3): counts by
 * qualification status overall and per municipality, the lapsed and
 * due-soon lists, the CSV for Excel, roles and bad input.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"

typedef struct {
  TsHarness *h;
  gint64     a, b, c, d, e, g, hh, retired;
} Fixture;

static void
post_ok (TsHarness *h, gint64 id, const char *action, const char *body)
{
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                          "/v1/supporters/%" G_GINT64_FORMAT "/%s", id, action);
  if (r->status != 200 && r->status != 201)
    g_error ("%s: %u %s", action, r->status, r->body);
}

static void
train (TsHarness *h, gint64 id, const char *kind, const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"%s\",\"completed_on\":\"%s\"}", kind, date);
  post_ok (h, id, "trainings", body);
}

static gint64
supporter (TsHarness *h, const char *name, const char *code)
{
  g_autofree char *overrides = g_strdup_printf ("\"name\":\"%s\",\"municipality_code\":\"%s\"",
                                                name, code);
  return ts_harness_create_supporter (h, overrides);
}

/*
 * On 2026-06-15:
 *   a 宇都宮市 valid    (initial 2025-01-01, registered 2025-04-01)
 *   b 宇都宮市 due_soon (initial 2023-08-01 → due 2026-08-01)
 *   c 足利市   lapsed   (initial 2022-01-10 → due 2025-01-10), suspended, registered 2025-06-01
 *   d 足利市   valid    (initial 2021-03-01, follow-up 2024-03-01 → due 2027-03-01)
 *   e 宇都宮市 applicant with an old training: not on the roster
 *   g 栃木市   due_soon (initial 2023-07-01 → due 2026-07-01), a name Excel would run
 *   hh 宇都宮市 lapsed  (initial 2022-06-20 → due 2025-06-20)
 *   retired 宇都宮市 lapsed, retired: not on the roster
 */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  TsHarness *h;

  (void) data;
  f->h = h = ts_harness_new ();
  f->a = supporter (h, "試験 Ａ", "092011");
  train (h, f->a, "initial", "2025-01-01");
  post_ok (h, f->a, "register", "{\"registered_on\":\"2025-04-01\"}");
  f->b = supporter (h, "試験 Ｂ", "092011");
  train (h, f->b, "initial", "2023-08-01");
  post_ok (h, f->b, "register", NULL);
  f->c = supporter (h, "試験, \\\"Ｃ\\\"", "092029");
  train (h, f->c, "initial", "2022-01-10");
  post_ok (h, f->c, "register", "{\"registered_on\":\"2025-06-01\"}");
  post_ok (h, f->c, "suspend", NULL);
  f->d = supporter (h, "試験 Ｄ", "092029");
  train (h, f->d, "initial", "2021-03-01");
  train (h, f->d, "follow_up", "2024-03-01");
  post_ok (h, f->d, "register", NULL);
  f->e = supporter (h, "試験 Ｅ", "092011");
  train (h, f->e, "initial", "2020-01-01");
  f->g = supporter (h, "=HYPERLINK(\\\"x\\\")", "092037");
  train (h, f->g, "initial", "2023-07-01");
  post_ok (h, f->g, "register", NULL);
  f->hh = supporter (h, "試験 Ｈ", "092011");
  train (h, f->hh, "initial", "2022-06-20");
  post_ok (h, f->hh, "register", NULL);
  f->retired = supporter (h, "試験 Ｒ", "092011");
  train (h, f->retired, "initial", "2022-02-01");
  post_ok (h, f->retired, "register", NULL);
  post_ok (h, f->retired, "retire", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  ts_harness_free (f->h);
}

static void
assert_counts (JsonObject *counts, int total, int valid, int due_soon, int lapsed, int untrained)
{
  g_assert_cmpint (json_object_get_int_member (counts, "total"), ==, total);
  g_assert_cmpint (json_object_get_int_member (counts, "valid"), ==, valid);
  g_assert_cmpint (json_object_get_int_member (counts, "due_soon"), ==, due_soon);
  g_assert_cmpint (json_object_get_int_member (counts, "lapsed"), ==, lapsed);
  g_assert_cmpint (json_object_get_int_member (counts, "untrained"), ==, untrained);
}

static void
test_json (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/audit/training", f->h->auditor,
                                             NULL, NULL);
  JsonObject *obj, *e;
  JsonArray *places, *lapsed, *due;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (ts_reply_header (r, "Content-Type"), "application/json"));
  obj = ts_reply_object (r);
  g_assert_cmpstr (json_object_get_string_member (obj, "on"), ==, TODAY);
  assert_counts (json_object_get_object_member (obj, "counts"), 6, 2, 2, 2, 0);

  places = json_object_get_array_member (obj, "municipalities");
  g_assert_cmpuint (json_array_get_length (places), ==, 3);
  e = json_array_get_object_element (places, 0);
  g_assert_cmpstr (json_object_get_string_member (e, "municipality_code"), ==, "092011");
  g_assert_cmpstr (json_object_get_string_member (e, "municipality_name"), ==, "宇都宮市");
  g_assert_cmpstr (json_object_get_string_member (e, "prefecture_name"), ==, "栃木県");
  assert_counts (json_object_get_object_member (e, "counts"), 3, 1, 1, 1, 0);
  e = json_array_get_object_element (places, 1);
  g_assert_cmpstr (json_object_get_string_member (e, "municipality_name"), ==, "足利市");
  assert_counts (json_object_get_object_member (e, "counts"), 2, 1, 0, 1, 0);
  e = json_array_get_object_element (places, 2);
  g_assert_cmpstr (json_object_get_string_member (e, "municipality_code"), ==, "092037");
  assert_counts (json_object_get_object_member (e, "counts"), 1, 0, 1, 0, 0);

  /* Most overdue first. */
  lapsed = json_object_get_array_member (obj, "lapsed");
  g_assert_cmpuint (json_array_get_length (lapsed), ==, 2);
  e = json_array_get_object_element (lapsed, 0);
  g_assert_cmpint (json_object_get_int_member (e, "id"), ==, f->c);
  /* a registered on 2025-04-01 took the first code of fiscal year 2025 */
  g_assert_cmpstr (json_object_get_string_member (e, "code"), ==, "09-2025-0002");
  g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, "試験, \"Ｃ\"");
  g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "suspended");
  g_assert_cmpstr (json_object_get_string_member (e, "municipality_code"), ==, "092029");
  g_assert_cmpstr (json_object_get_string_member (e, "municipality_name"), ==, "足利市");
  g_assert_cmpstr (json_object_get_string_member (e, "follow_up_due_on"), ==, "2025-01-10");
  g_assert_cmpstr (json_object_get_string_member (e, "qualification"), ==, "lapsed");
  e = json_array_get_object_element (lapsed, 1);
  g_assert_cmpint (json_object_get_int_member (e, "id"), ==, f->hh);
  g_assert_cmpstr (json_object_get_string_member (e, "follow_up_due_on"), ==, "2025-06-20");

  due = json_object_get_array_member (obj, "due_soon");
  g_assert_cmpuint (json_array_get_length (due), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (due, 0), "id"), ==, f->g);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (due, 0),
                                                  "follow_up_due_on"), ==, "2026-07-01");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (due, 1), "id"), ==, f->b);
}

static void
test_on (Fixture *f, gconstpointer data)
{
  /* On 2026-01-01 only a (registered 2025-04-01) and c (2025-06-01) were
   * registered; c's qualification had lapsed a year before. */
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/audit/training?on=2026-01-01",
                                             f->h->admin, NULL, NULL);
  g_autoptr(TsReply) later = ts_harness_request (f->h, "GET", "/v1/audit/training?on=2027-02-01",
                                                 f->h->auditor, NULL, NULL);
  JsonObject *obj;

  (void) data;
  ts_assert_status (r, 200);
  obj = ts_reply_object (r);
  g_assert_cmpstr (json_object_get_string_member (obj, "on"), ==, "2026-01-01");
  assert_counts (json_object_get_object_member (obj, "counts"), 2, 1, 0, 1, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "due_soon")), ==, 0);

  /* On 2027-02-01: a valid (due 2028-01-01), d due soon (2027-03-01), the
   * rest lapsed. */
  ts_assert_status (later, 200);
  assert_counts (json_object_get_object_member (ts_reply_object (later), "counts"), 6, 1, 1, 4, 0);
}

static void
test_csv (Fixture *f, gconstpointer data)
{
  const char *const accept[] = { "Accept", "text/csv", "Accept-Language", "en", NULL };
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/audit/training", f->h->auditor,
                                             NULL, accept);
  g_auto(GStrv) lines = NULL;
  g_autofree char *row_c = NULL;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (ts_reply_header (r, "Content-Type"), "text/csv"));
  g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"),
                            "filename=\"training-audit-" TODAY ".csv\""));
  /* The Japanese name for the browser (RFC 6266 filename*): 研修状況_DATE.csv */
  g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"),
                            "filename*=UTF-8''%E7%A0%94%E4%BF%AE%E7%8A%B6%E6%B3%81_" TODAY ".csv"));
  /* UTF-8 with a byte order mark, CRLF, fixed Japanese headers whatever
   * the Accept-Language. */
  g_assert_true (r->length > 3 && memcmp (r->body, "\xEF\xBB\xBF", 3) == 0);
  g_assert_true (g_str_has_suffix (r->body, "\r\n"));
  /* Dates as Excel reads them: no time, no zone. */
  g_assert_null (strstr (r->body, "+09:00"));
  g_assert_null (strstr (r->body, "T00:"));
  lines = g_strsplit (r->body + 3, "\r\n", -1);
  /* The header, 4 supporters, an empty line, the totals' header and row. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4 + 1 + 2 + 1);
  /* The supporter number, not the internal id. */
  g_assert_cmpstr (lines[0], ==, "サポーター番号,氏名,市区町村コード,市区町村,状態,最終研修日,フォローアップ期限");
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_null (strchr (lines[i], '\n'));
  row_c = g_strdup_printf ("%" G_GINT64_FORMAT ",", f->c);
  g_assert_false (g_str_has_prefix (lines[1], row_c));
  g_assert_cmpstr (lines[1], ==, "09-2025-0002,\"試験, \"\"Ｃ\"\"\",092029,足利市,失効,2022-01-10,2025-01-10");
  g_assert_true (g_str_has_suffix (lines[2], ",092011,宇都宮市,失効,2022-06-20,2025-06-20"));
  /* A name that starts like a formula is defused. */
  g_assert_nonnull (strstr (lines[3], ",\"'=HYPERLINK(\"\"x\"\")\",092037,栃木市,期限間近,"));
  g_assert_true (g_str_has_suffix (lines[3], ",期限間近,2023-07-01,2026-07-01"));
  g_assert_true (g_str_has_suffix (lines[4], ",期限間近,2023-08-01,2026-08-01"));
  /* The totals apart from the data rows, after an empty line. */
  g_assert_cmpstr (lines[5], ==, "");
  g_assert_cmpstr (lines[6], ==, "基準日,合計,有効,期限間近,失効,未受講");
  g_assert_cmpstr (lines[7], ==, TODAY ",6,2,2,2,0");
  g_assert_cmpstr (lines[8], ==, "");
}

static void
test_csv_municipalities (Fixture *f, gconstpointer data)
{
  const char *const accept[] = { "Accept", "text/csv", NULL };
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/audit/training?table=municipalities",
                                             f->h->admin, NULL, accept);
  g_auto(GStrv) lines = NULL;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_true (memcmp (r->body, "\xEF\xBB\xBF", 3) == 0);
  lines = g_strsplit (r->body + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 3 + 1 + 2 + 1);
  g_assert_cmpstr (lines[0], ==, "市区町村コード,市区町村,都道府県,合計,有効,期限間近,失効,未受講");
  g_assert_cmpstr (lines[1], ==, "092011,宇都宮市,栃木県,3,1,1,1,0");
  g_assert_cmpstr (lines[2], ==, "092029,足利市,栃木県,2,1,0,1,0");
  g_assert_cmpstr (lines[3], ==, "092037,栃木市,栃木県,1,0,1,0,0");
  /* The totals in a block of their own, not a row among the places. */
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_cmpstr (lines[5], ==, "基準日,合計,有効,期限間近,失効,未受講");
  g_assert_cmpstr (lines[6], ==, TODAY ",6,2,2,2,0");
  g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"),
                            "training-audit-" TODAY "-municipalities.csv"));
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  g_autofree char *own = ts_harness_user_token (f->h, "supporter", f->a, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 1);
  const char *refused[] = { f->h->coordinator, own, host };
  g_autoptr(TsReply) anonymous = ts_harness_request (f->h, "GET", "/v1/audit/training", NULL, NULL, NULL);
  g_autoptr(TsReply) post = ts_harness_request (f->h, "POST", "/v1/audit/training", f->h->auditor,
                                                "{}", NULL);

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/audit/training", refused[i],
                                                 NULL, NULL);
      ts_assert_status (r, 403);
      g_assert_cmpstr (ts_reply_code (r), ==, "forbidden");
    }
  ts_assert_status (anonymous, 401);
  g_assert_cmpstr (ts_reply_code (anonymous), ==, "unauthorized");
  ts_assert_status (post, 405);
}

static void
test_bad_query (Fixture *f, gconstpointer data)
{
  const struct {
    const char *query;
    guint       status;
    const char *field;
  } cases[] = {
    { "?on=2025-02-30", 422, "on" },
    { "?on=2025-2-3", 422, "on" },
    { "?on=", 422, "on" },
    { "?table=people", 422, "table" },
    { "?date=2025-01-01", 400, "date" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/audit/training", cases[i].query, NULL);
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, f->h->auditor, NULL, NULL);
      ts_assert_status (r, cases[i].status);
      if (!ts_reply_has_field_error (r, cases[i].field))
        g_error ("no error for %s: %s", cases[i].field, r->body);
    }
}

/* The report names supporters: reading it is in the audit log. */
static void
test_audited (Fixture *f, gconstpointer data)
{
  gint64 before = ts_harness_audit_entries (f->h);
  gint64 after;

  (void) data;
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/audit/training", f->h->auditor,
                                               NULL, NULL);
    ts_assert_status (r, 200);
  }
  after = ts_harness_audit_entries (f->h);
  g_assert_cmpint (after, ==, before + 1);
}

static void
test_empty (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  const char *const accept[] = { "Accept", "text/csv", NULL };
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/training", h->auditor, NULL, NULL);
  g_autoptr(TsReply) csv = ts_harness_request (h, "GET", "/v1/audit/training", h->auditor, NULL, accept);

  ts_assert_status (r, 200);
  assert_counts (json_object_get_object_member (ts_reply_object (r), "counts"), 0, 0, 0, 0, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r),
                                                                         "municipalities")), ==, 0);
  ts_assert_status (csv, 200);
  g_assert_cmpstr (csv->body + 3, ==,
                   "サポーター番号,氏名,市区町村コード,市区町村,状態,最終研修日,フォローアップ期限\r\n"
                   "\r\n"
                   "基準日,合計,有効,期限間近,失効,未受講\r\n"
                   TODAY ",0,0,0,0,0\r\n");
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/training-audit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("json", test_json);
  ADD ("on", test_on);
  ADD ("csv", test_csv);
  ADD ("csv/municipalities", test_csv_municipalities);
  ADD ("roles", test_roles);
  ADD ("bad-query", test_bad_query);
  ADD ("audited", test_audited);
  g_test_add_func ("/tsunagari/training-audit/empty", test_empty);
#undef ADD

  return g_test_run ();
}
