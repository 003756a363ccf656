/*
 * GET /v1/audit/log (issue 13, issue 14): the entries of the caller's scope
 * a page at a time, only those of the days from/to when asked, and with
 * Accept: text/csv the same entries as a spreadsheet Excel opens as it is:
 * UTF-8 with a byte order mark, Japanese headers, the time of an entry as
 * YYYY-MM-DD HH:MM in Asia/Tokyo (no "T", no "+09:00"), the count apart
 * from the data rows.  Roles and bad input are refused as JSON problems.
 */
#include <string.h>

#include "harness.h"

#define CSV_HEADER "番号,日時,役割,利用者ID,操作,対象,対象ID,組織ID"

static const char *const csv_accept[] = { "Accept", "text/csv", NULL };

/* Today in Asia/Tokyo, when the entries are written. */
static char *
tokyo_today (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz != NULL ? tz : g_time_zone_new_offset (9 * 3600));

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The rows of a CSV answer: after the header, up to the empty line. */
static GStrv
csv_lines (TsReply *r)
{
  g_assert_true (r->length > 3 && memcmp (r->body, "\xEF\xBB\xBF", 3) == 0);
  g_assert_true (g_str_has_suffix (r->body, "\r\n"));
  return g_strsplit (r->body + 3, "\r\n", -1);
}

static guint
data_rows (GStrv lines)
{
  guint n = 0;

  while (lines[1 + n] != NULL && lines[1 + n][0] != '\0')
    n++;
  return n;
}

static void
test_csv (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *today = tokyo_today ();
  g_autoptr(GRegex) when = g_regex_new ("^[0-9]+,[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2},",
                                        0, 0, NULL);
  g_autoptr(TsReply) r = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *star = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *escaped = NULL;
  guint n;

  (void) data;
  ts_harness_create_supporter (h, NULL);
  r = ts_harness_request (h, "GET", "/v1/audit/log", h->auditor, NULL, csv_accept);
  ts_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (ts_reply_header (r, "Content-Type"), "text/csv"));
  g_assert_nonnull (strstr (ts_reply_header (r, "Vary"), "Accept"));
  /* Named after its days, in Japanese for the browser. */
  ascii = g_strdup_printf ("filename=\"audit-log-%s_%s.csv\"", today, today);
  ja = g_strdup_printf ("監査ログ_%s_%s.csv", today, today);
  escaped = g_uri_escape_string (ja, NULL, FALSE);
  star = g_strconcat ("filename*=UTF-8''", escaped, NULL);
  g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"), ascii));
  g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"), star));
  g_assert_null (strstr (r->body, "+09:00"));
  lines = csv_lines (r);
  g_assert_cmpstr (lines[0], ==, CSV_HEADER);
  n = data_rows (lines);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 1; i <= n; i++)
    if (!g_regex_match (when, lines[i], 0, NULL))
      g_error ("row %u: %s", i, lines[i]);
  /* The supporter's creation, by the coordinator, with its number. */
  g_assert_nonnull (strstr (r->body, ",コーディネーター,"));
  g_assert_nonnull (strstr (r->body, ",create,supporter,1,"));
  /* The count apart, after an empty line. */
  g_assert_cmpstr (lines[n + 1], ==, "");
  g_assert_cmpstr (lines[n + 2], ==, "件数,最初の番号,最後の番号,続き");
  /* Its count, first and last numbers (the numbers of the rows). */
  totals = g_strdup_printf ("%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",なし", n,
                            g_ascii_strtoll (lines[1], NULL, 10), g_ascii_strtoll (lines[n], NULL, 10));
  g_assert_cmpstr (lines[n + 3], ==, totals);
  g_assert_cmpstr (lines[n + 4], ==, "");
  g_assert_null (lines[n + 5]);
}

/* limit and cursor page the document too; the totals say more follow. */
static void
test_csv_paged (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autoptr(TsReply) first = NULL;
  g_autoptr(TsReply) json = NULL;
  g_autoptr(TsReply) rest = NULL;
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  g_autofree char *path = NULL;
  const char *cursor;

  (void) data;
  ts_harness_create_supporter (h, NULL);
  ts_harness_create_supporter (h, NULL);
  first = ts_harness_request (h, "GET", "/v1/audit/log?limit=2", h->auditor, NULL, csv_accept);
  ts_assert_status (first, 200);
  a = csv_lines (first);
  g_assert_cmpuint (data_rows (a), ==, 2);
  g_assert_cmpstr (a[3], ==, "");
  g_assert_true (g_str_has_prefix (a[5], "2,"));
  g_assert_true (g_str_has_suffix (a[5], ",あり"));
  json = ts_harness_request (h, "GET", "/v1/audit/log?limit=2", h->auditor, NULL, NULL);
  ts_assert_status (json, 200);
  cursor = json_object_get_string_member (ts_reply_object (json), "next_cursor");
  g_assert_nonnull (cursor);
  path = g_strdup_printf ("/v1/audit/log?limit=2&cursor=%s", cursor);
  rest = ts_harness_request (h, "GET", path, h->auditor, NULL, csv_accept);
  ts_assert_status (rest, 200);
  b = csv_lines (rest);
  /* The next document starts after the first one's last number. */
  g_assert_cmpint (g_ascii_strtoll (b[1], NULL, 10), >, g_ascii_strtoll (a[2], NULL, 10));
}

/* from/to: the days of the entries, in Asia/Tokyo, both included. */
static void
test_days (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *today = tokyo_today ();
  g_autofree char *path = g_strdup_printf ("/v1/audit/log?from=%s&to=%s&limit=200", today, today);
  g_autoptr(TsReply) now = NULL;
  g_autoptr(TsReply) all = NULL;
  g_autoptr(TsReply) old = NULL;
  g_autoptr(TsReply) old_json = NULL;
  g_autoptr(TsReply) since = NULL;
  g_autofree char *since_path = g_strdup_printf ("/v1/audit/log?from=%s", today);

  (void) data;
  ts_harness_create_supporter (h, NULL);
  all = ts_harness_request (h, "GET", "/v1/audit/log?limit=200", h->auditor, NULL, NULL);
  now = ts_harness_request (h, "GET", path, h->auditor, NULL, NULL);
  ts_assert_status (now, 200);
  /* Every entry so far was written today (the read of `all` too). */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (now), "entries")),
                    ==,
                    json_array_get_length (json_object_get_array_member (ts_reply_object (all), "entries")) + 1);
  old = ts_harness_request (h, "GET", "/v1/audit/log?from=2000-01-01&to=2000-01-02", h->auditor, NULL,
                            csv_accept);
  ts_assert_status (old, 200);
  g_assert_nonnull (strstr (ts_reply_header (old, "Content-Disposition"), "audit-log-2000-01-01_2000-01-02.csv"));
  g_assert_cmpstr (old->body + 3, ==, CSV_HEADER "\r\n\r\n件数,最初の番号,最後の番号,続き\r\n0,,,なし\r\n");
  old_json = ts_harness_request (h, "GET", "/v1/audit/log?to=2000-01-02", h->auditor, NULL, NULL);
  ts_assert_status (old_json, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (old_json), "entries")),
                    ==, 0);
  since = ts_harness_request (h, "GET", since_path, h->auditor, NULL, NULL);
  ts_assert_status (since, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (since), "entries")),
                    >, 0);
}

/* An auditor of an organisation reads the entries of its scope only, in the
 * CSV as in the list (SPEC 2.6). */
static void
test_scope (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 org = ts_harness_create_organisation (h, "監査の試験", "municipality", "092011", 0);
  g_autofree char *auditor = ts_harness_user_token_in (h, "auditor", org, 0, 0);
  g_autofree char *suffix = g_strdup_printf (",%" G_GINT64_FORMAT, org);
  g_autoptr(TsReply) mine = NULL;
  g_autoptr(TsReply) every = NULL;
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  (void) data;
  ts_harness_create_supporter (h, NULL);
  mine = ts_harness_request (h, "GET", "/v1/audit/log", auditor, NULL, csv_accept);
  every = ts_harness_request (h, "GET", "/v1/audit/log", h->admin, NULL, csv_accept);
  ts_assert_status (mine, 200);
  ts_assert_status (every, 200);
  a = csv_lines (mine);
  b = csv_lines (every);
  g_assert_cmpuint (data_rows (a), >=, 1);
  g_assert_cmpuint (data_rows (a), <, data_rows (b));
  for (guint i = 1; i <= data_rows (a); i++)
    if (!g_str_has_suffix (a[i], suffix))
      g_error ("out of scope: %s", a[i]);
}

/* The refusal of to before from, in Japanese: the field's name is not in
 * the message (issue 14). */
static void
test_refused_ja (TsHarnessFixture *f, gconstpointer data)
{
  const char *const ja[] = { "Accept-Language", "ja", NULL };
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/audit/log?from=2026-06-02&to=2026-06-01",
                                             f->h->auditor, NULL, ja);
  JsonObject *e;

  (void) data;
  ts_assert_problem (r, 422, "validation_failed", "to");
  e = json_array_get_object_element (json_object_get_array_member (ts_reply_object (r), "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (e, "field"), ==, "to");
  g_assert_cmpstr (json_object_get_string_member (e, "message"), ==, "開始日より前の日付は指定できません");
}

static void
test_refused (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 s = ts_harness_create_supporter (h, NULL);
  g_autofree char *own = ts_harness_user_token (h, "supporter", s, 0);
  const char *refused[] = { h->coordinator, own };
  const struct {
    const char *query;
    guint       status;
    const char *code;
    const char *field;
  } bad[] = {
    { "?from=2026-02-30", 422, "validation_failed", "from" },
    { "?to=yesterday", 422, "validation_failed", "to" },
    { "?from=2026-06-02&to=2026-06-01", 422, "validation_failed", "to" },
    { "?limit=0", 422, "validation_failed", "limit" },
    { "?cursor=nonsense", 422, "validation_failed", "cursor" },
    { "?action=read", 400, "unknown_field", "action" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/log", refused[i], NULL, csv_accept);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) anonymous = ts_harness_request (h, "GET", "/v1/audit/log", NULL, NULL, csv_accept);
    ts_assert_status (anonymous, 401);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/audit/log", bad[i].query, NULL);
      g_autoptr(TsReply) csv = ts_harness_request (h, "GET", path, h->auditor, NULL, csv_accept);
      g_autoptr(TsReply) json = ts_harness_request (h, "GET", path, h->auditor, NULL, NULL);

      ts_assert_problem (csv, bad[i].status, bad[i].code, bad[i].field);
      ts_assert_problem (json, bad[i].status, bad[i].code, bad[i].field);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/audit-log/" path, TsHarnessFixture, NULL, ts_harness_fixture_set_up, \
              func, ts_harness_fixture_tear_down)

  ADD ("csv", test_csv);
  ADD ("csv-paged", test_csv_paged);
  ADD ("days", test_days);
  ADD ("scope", test_scope);
  ADD ("refused", test_refused);
  ADD ("refused-ja", test_refused_ja);
#undef ADD
  return g_test_run ();
}
