/*
 * The printable documents on a live server (issue 16, SPEC 3.3): the
 * サポーター証, the 支払通知書 and the 職親 受入実績報告書 as A4 PDFs,
 * checked the way a reader would (pdftotext, pdfinfo, pdftoppm), with who
 * may read them, the audit entry of each read, Accept (406) and bad input.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY): 令和8年6月15日.
 */
#include <string.h>

#include "harness.h"
#include "pdf-check.h"
#include "domain/fiscal.h"

#define TODAY "2026-06-15"

static const char *const accept_pdf[] = { "Accept", "application/pdf", NULL };
static const char *const accept_json[] = { "Accept", "application/json", NULL };
static const char *const accept_csv[] = { "Accept", "text/csv", NULL };

typedef struct {
  TsHarness *h;
  gint64     sup_a, sup_b;
  char      *tok_a, *tok_b;
} Fixture;

/* ---- helpers ----------------------------------------------------------- */

/* A supporter with its name's kana, trained on 2025-04-10 and, when
 * @registered, registered on 2025-05-01. */
static gint64
supporter (TsHarness *h, const char *name, const char *kana, gboolean registered)
{
  g_autofree char *overrides = g_strdup_printf (
    "\"name\":\"%s\",\"name_kana\":\"%s\",\"municipality_code\":\"092029\"", name, kana);

  if (registered)
    return ts_harness_create_registered_supporter (h, h->coordinator, overrides);
  return ts_harness_create_trained_supporter (h, overrides, "2025-04-10", FALSE);
}

static gint64
audit_entries (TsHarness *h)
{
  return ts_harness_sql_int (h, "SELECT count(*) FROM audit_log");
}

static TsReply *
get (TsHarness *h, const char *token, const char *const *headers, const char *path)
{
  return ts_harness_request (h, "GET", path, token, NULL, headers);
}

static char *
pdf_text_of (TsReply *r)
{
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_header (r, "Content-Type"), ==, "application/pdf");
  g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"), "attachment; filename="));
  g_assert_nonnull (strstr (ts_reply_header (r, "Vary"), "Accept"));
  ts_pdf_assert_a4 (r->body, r->length, 1, 50);
  return ts_pdf_text (r->body, r->length);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  f->h = ts_harness_new ();
  f->sup_a = supporter (f->h, "試験 一郎", "シケン イチロウ", TRUE);
  f->sup_b = supporter (f->h, "見本 花子", "ミホン ハナコ", TRUE);
  f->tok_a = ts_harness_user_token (f->h, "supporter", f->sup_a, 0);
  f->tok_b = ts_harness_user_token (f->h, "supporter", f->sup_b, 0);
  ts_harness_set_rates (f->h, "2026-04-01", 1000, 1200, 1000);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->tok_a);
  g_free (f->tok_b);
  ts_harness_free (f->h);
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
}

/* ---- サポーター証 ------------------------------------------------------ */

static void
test_card (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT "/card", f->sup_a);
  g_autofree char *path_b = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT "/card", f->sup_b);
  g_autofree char *due = NULL, *code = NULL, *text = NULL;
  gint64 before;

  (void) data;
  {
    /* What the card must say: the record's code and follow-up due date. */
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/supporters/%" G_GINT64_FORMAT, f->sup_a);
    TsDate d;
    ts_assert_status (r, 200);
    code = g_strdup (json_object_get_string_member (ts_reply_object (r), "code"));
    g_assert_true (ts_date_parse (json_object_get_string_member (
                                    json_object_get_object_member (ts_reply_object (r),
                                                                   "qualification"),
                                    "follow_up_due_on"), &d));
    due = ts_wareki_date (d);
  }
  before = audit_entries (h);
  {
    g_autoptr(TsReply) r = get (h, h->coordinator, accept_pdf, path);
    text = pdf_text_of (r);
  }
  g_assert_cmpint (audit_entries (h), ==, before + 1);
  ts_assert_text_has (text, "サポーター証");
  ts_assert_text_has (text, code);
  ts_assert_text_has (text, "試験 一郎");
  ts_assert_text_has (text, "シケン イチロウ");
  ts_assert_text_has (text, "足利市");
  ts_assert_text_has (text, "有効期限");
  ts_assert_text_has (text, due);
  ts_assert_text_has (text, "令和10年4月10日");     /* 2025-04-10 + 3 years: 2028 */
  ts_assert_text_has (text, "発行日 令和8年6月15日");
  ts_assert_text_has (text, "1/1");
  {
    /* No Accept, or a wildcard: the card is a PDF all the same. */
    g_autoptr(TsReply) none = get (h, h->coordinator, NULL, path);
    const char *const wild[] = { "Accept", "*/*", NULL };
    g_autoptr(TsReply) any = get (h, h->coordinator, wild, path);
    g_autoptr(TsReply) admin = get (h, h->admin, accept_pdf, path);
    ts_assert_status (none, 200);
    ts_assert_status (any, 200);
    ts_assert_status (admin, 200);
    g_assert_cmpstr (ts_reply_header (none, "Content-Type"), ==, "application/pdf");
    g_assert_cmpstr (ts_reply_header (any, "Content-Type"), ==, "application/pdf");
    /* The same document on the same day: the same bytes. */
    g_assert_cmpuint (none->length, ==, any->length);
    g_assert_cmpmem (none->body, none->length, any->body, any->length);
  }
  {
    /* The supporter's own card; another's is missing to them, as the record is. */
    g_autoptr(TsReply) own = get (h, f->tok_a, accept_pdf, path);
    g_autoptr(TsReply) other = get (h, f->tok_a, accept_pdf, path_b);
    g_autoptr(TsReply) other_record = ts_harness_call (h, "GET", f->tok_a, NULL,
                                                       "/v1/supporters/%" G_GINT64_FORMAT,
                                                       f->sup_b);
    g_autofree char *own_text = pdf_text_of (own);
    ts_assert_text_has (own_text, "試験 一郎");
    ts_assert_problem (other, other_record->status, ts_reply_code (other_record), NULL);
    g_assert_cmpuint (other->status, ==, 404);
  }
  {
    g_autofree char *host = ts_harness_user_token (h, "host", 0, 1);
    g_autoptr(TsReply) auditor = get (h, h->auditor, accept_pdf, path);
    g_autoptr(TsReply) by_host = get (h, host, accept_pdf, path);
    g_autoptr(TsReply) anonymous = get (h, NULL, accept_pdf, path);
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_problem (by_host, 403, "forbidden", NULL);
    g_assert_cmpuint (anonymous->status, ==, 401);
  }
  {
    gint64 unregistered = supporter (h, "未登 三郎", "ミトウ サブロウ", FALSE);
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/supporters/987654/card",
                                               h->coordinator, NULL, accept_pdf);
    g_autoptr(TsReply) json = get (h, h->coordinator, accept_json, path);
    g_autoptr(TsReply) query = ts_harness_call (h, "GET", h->coordinator, NULL,
                                                "/v1/supporters/%" G_GINT64_FORMAT "/card?x=1",
                                                f->sup_a);
    g_autoptr(TsReply) not_yet = ts_harness_call (h, "GET", h->coordinator, NULL,
                                                  "/v1/supporters/%" G_GINT64_FORMAT "/card",
                                                  unregistered);
    ts_assert_problem (r, 404, "not_found", NULL);
    ts_assert_problem (json, 406, "not_acceptable", NULL);
    g_assert_cmpuint (query->status, >=, 400);
    g_assert_cmpuint (query->status, <, 500);
    ts_assert_problem (not_yet, 409, "conflict", NULL);
  }
  {
    /* A suspended supporter's registration is not in force: no card. */
    g_autoptr(TsReply) s = ts_harness_call (h, "POST", h->coordinator, "{\"reason\":\"休止\"}",
                                            "/v1/supporters/%" G_GINT64_FORMAT "/suspend", f->sup_b);
    g_autoptr(TsReply) r = get (h, h->coordinator, accept_pdf, path_b);
    ts_assert_status (s, 200);
    ts_assert_problem (r, 409, "conflict", NULL);
  }
}

/* ---- 支払通知書 -------------------------------------------------------- */

static gint64
statement_id (TsHarness *h, const char *month, gint64 payee_id)
{
  g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->admin, NULL,
                                          "/v1/payments/statements?month=%s", month);
  JsonArray *arr;

  ts_assert_status (r, 200);
  arr = json_object_get_array_member (ts_reply_object (r), "statements");
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *s = json_array_get_object_element (arr, i);
      if (json_object_get_int_member (s, "payee_id") == payee_id)
        return json_object_get_int_member (s, "id");
    }
  g_error ("no statement of payee %" G_GINT64_FORMAT, payee_id);
  return 0;
}

static void
test_statement (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 asg_a = ts_harness_create_assigned_case (h, f->sup_a);
  gint64 asg_b = ts_harness_create_assigned_case (h, f->sup_b);
  gint64 id_a, id_b, before;
  g_autofree char *path = NULL, *path_b = NULL, *text = NULL;

  (void) data;
  ts_harness_approved_activity (h, f->tok_a, asg_a, "2026-05-10");
  ts_harness_approved_activity (h, f->tok_a, asg_a, "2026-05-20");
  ts_harness_approved_activity (h, f->tok_b, asg_b, "2026-05-12");
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/payments/statements", h->coordinator,
                                               "{\"month\":\"2026-05\"}", NULL);
    ts_assert_status (r, 201);
  }
  id_a = statement_id (h, "2026-05", f->sup_a);
  id_b = statement_id (h, "2026-05", f->sup_b);
  path = g_strdup_printf ("/v1/payments/statements/%" G_GINT64_FORMAT, id_a);
  path_b = g_strdup_printf ("/v1/payments/statements/%" G_GINT64_FORMAT, id_b);

  before = audit_entries (h);
  {
    g_autoptr(TsReply) r = get (h, h->coordinator, accept_pdf, path);
    text = pdf_text_of (r);
  }
  g_assert_cmpint (audit_entries (h), ==, before + 1);
  ts_assert_text_has (text, "支払通知書");
  ts_assert_text_has (text, "試験 一郎");
  ts_assert_text_has (text, "令和8年5月分");
  ts_assert_text_has (text, "令和8年5月10日");
  ts_assert_text_has (text, "令和8年5月20日");
  ts_assert_text_has (text, "謝礼（家庭訪問 90分）");
  ts_assert_text_has (text, "交通費（家庭訪問 90分）");
  ts_assert_text_has (text, "2,800円");
  ts_assert_text_has (text, "1,000円");
  ts_assert_text_has (text, "合計 7,600円");
  ts_assert_text_has (text, "発行日 令和8年6月15日");
  g_assert_null (strstr (text, "見本 花子"));
  {
    /* JSON stays the default, for every role that had it. */
    g_autoptr(TsReply) none = get (h, h->coordinator, NULL, path);
    g_autoptr(TsReply) json = get (h, h->coordinator, accept_json, path);
    g_autoptr(TsReply) auditor = get (h, h->auditor, NULL, path);
    g_autoptr(TsReply) csv = get (h, h->coordinator, accept_csv, path);
    ts_assert_status (none, 200);
    ts_assert_status (json, 200);
    ts_assert_status (auditor, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (none), "total_yen"), ==, 7600);
    g_assert_cmpstr (ts_reply_header (none, "Vary"), ==, "Accept, Accept-Encoding");
    ts_assert_problem (csv, 406, "not_acceptable", NULL);
  }
  {
    /* The supporter's own; another's is missing to them, in JSON as in PDF. */
    g_autoptr(TsReply) own = get (h, f->tok_a, accept_pdf, path);
    g_autoptr(TsReply) other = get (h, f->tok_a, accept_pdf, path_b);
    g_autoptr(TsReply) other_json = get (h, f->tok_a, NULL, path_b);
    g_autofree char *own_text = pdf_text_of (own);
    ts_assert_text_has (own_text, "7,600円");
    ts_assert_problem (other, 404, "not_found", NULL);
    ts_assert_problem (other_json, 404, "not_found", NULL);
  }
  {
    g_autoptr(TsReply) auditor = get (h, h->auditor, accept_pdf, path);
    g_autoptr(TsReply) missing = get (h, h->coordinator, accept_pdf,
                                      "/v1/payments/statements/987654");
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_problem (missing, 404, "not_found", NULL);
  }
}

/* ---- 職親 受入実績報告書 ------------------------------------------------ */

static gint64
host_with_days (TsHarness *h, const char *name, const char *nickname, const char *days)
{
  g_autofree char *hbody = g_strdup_printf ("{\"name\":\"%s\",\"municipality_code\":\"092029\","
                                            "\"capacity_per_day\":2}", name);
  g_autofree char *cbody = g_strdup_printf (
    "{\"nickname\":\"%s\",\"municipality_code\":\"092029\",\"age_band\":\"20s\","
    "\"gender\":\"male\",\"household\":\"two\","
    "\"consent\":{\"obtained_on\":\"2026-04-01\",\"scope\":[\"support\",\"placement\"]}}", nickname);
  g_autoptr(TsReply) host = ts_harness_request (h, "POST", "/v1/hosts", h->coordinator, hbody, NULL);
  g_autoptr(TsReply) kase = ts_harness_request (h, "POST", "/v1/cases", h->coordinator, cbody, NULL);
  g_autoptr(TsReply) survey = NULL;
  g_autoptr(TsReply) placement = NULL;
  g_autofree char *pbody = NULL;

  ts_assert_status (host, 201);
  ts_assert_status (kase, 201);
  survey = ts_harness_call (h, "POST", h->coordinator,
                            "{\"surveyed_on\":\"2026-05-20\",\"result\":\"approved\"}",
                            "/v1/hosts/%" G_GINT64_FORMAT "/survey", ts_reply_id (host));
  ts_assert_status (survey, 200);
  pbody = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ","
                           "\"days\":[%s],\"hours_per_day\":4,\"pre_interview\":{\"held_on\":"
                           "\"2026-05-25\",\"attendees\":[\"participant\",\"family\",\"host\","
                           "\"coordinator\"]}}", ts_reply_id (kase), ts_reply_id (host), days);
  placement = ts_harness_request (h, "POST", "/v1/placements", h->coordinator, pbody, NULL);
  ts_assert_status (placement, 201);
  return ts_reply_id (placement) * 1000000 + ts_reply_id (host);
}

static void
attend (TsHarness *h, gint64 placement_id, const char *date, gboolean attended)
{
  g_autofree char *body = g_strdup_printf ("{\"date\":\"%s\",\"attended\":%s}", date,
                                           attended ? "true" : "false");
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                          "/v1/placements/%" G_GINT64_FORMAT "/attendance",
                                          placement_id);
  ts_assert_status (r, 200);
}

static void
test_host_report (Fixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 both = host_with_days (h, "さくら農園", "のぞみ",
                                "\"2026-06-01\",\"2026-06-02\",\"2026-06-03\",\"2026-06-04\","
                                "\"2026-07-01\"");
  gint64 placement = both / 1000000, host = both % 1000000;
  gint64 other_both = host_with_days (h, "もみじ工房", "たける", "\"2026-06-05\"");
  gint64 other = other_both % 1000000, before;
  g_autofree char *path = g_strdup_printf ("/v1/hosts/%" G_GINT64_FORMAT "/report?month=2026-06",
                                           host);
  g_autofree char *path_other = g_strdup_printf ("/v1/hosts/%" G_GINT64_FORMAT
                                                 "/report?month=2026-06", other);
  g_autofree char *host_tok = ts_harness_user_token (h, "host", 0, host);
  g_autofree char *text = NULL;
  JsonObject *o, *p;

  (void) data;
  attend (h, placement, "2026-06-01", TRUE);
  attend (h, placement, "2026-06-02", TRUE);
  attend (h, placement, "2026-06-03", FALSE);     /* absent: not in the report */
  attend (h, placement, "2026-06-04", TRUE);
  attend (h, other_both / 1000000, "2026-06-05", TRUE);

  before = audit_entries (h);
  {
    g_autoptr(TsReply) r = get (h, h->coordinator, NULL, path);
    JsonArray *dates;
    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    g_assert_cmpstr (json_object_get_string_member (o, "month"), ==, "2026-06");
    g_assert_cmpstr (json_object_get_string_member (o, "label_ja"), ==, "令和8年6月");
    g_assert_cmpstr (json_object_get_string_member (o, "host_name"), ==, "さくら農園");
    g_assert_cmpint (json_object_get_int_member (o, "days"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (o, "stipend_yen"), ==, 4500);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "participants")), ==, 1);
    p = json_array_get_object_element (json_object_get_array_member (o, "participants"), 0);
    g_assert_cmpstr (json_object_get_string_member (p, "nickname"), ==, "のぞみ");
    g_assert_false (json_object_has_member (p, "case_id"));
    dates = json_object_get_array_member (p, "dates");
    g_assert_cmpuint (json_array_get_length (dates), ==, 3);
    g_assert_cmpstr (json_array_get_string_element (dates, 2), ==, "2026-06-04");
    g_assert_cmpint (json_object_get_int_member (p, "stipend_per_day_yen"), ==, 1500);
  }
  /* The host's read and one of the case shown. */
  g_assert_cmpint (audit_entries (h), ==, before + 2);
  {
    g_autoptr(TsReply) r = get (h, h->coordinator, accept_pdf, path);
    text = pdf_text_of (r);
  }
  ts_assert_text_has (text, "職親 受入実績報告書");
  ts_assert_text_has (text, "さくら農園");
  ts_assert_text_has (text, "令和8年6月");
  ts_assert_text_has (text, "のぞみ");
  ts_assert_text_has (text, "1日、2日、4日");
  ts_assert_text_has (text, "3日");
  ts_assert_text_has (text, "1,500円");
  ts_assert_text_has (text, "4,500円");
  g_assert_null (strstr (text, "3日、"));
  g_assert_null (strstr (text, "たける"));
  {
    /* The host's own report; another host's is missing to it. */
    g_autoptr(TsReply) own = get (h, host_tok, accept_pdf, path);
    g_autoptr(TsReply) others = get (h, host_tok, accept_pdf, path_other);
    g_autoptr(TsReply) others_json = get (h, host_tok, NULL, path_other);
    g_autofree char *own_text = pdf_text_of (own);
    ts_assert_text_has (own_text, "のぞみ");
    ts_assert_problem (others, 404, "not_found", NULL);
    ts_assert_problem (others_json, 404, "not_found", NULL);
  }
  {
    /* A month without attendance: an empty report, not an error. */
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/report?month=2026-05",
                                            host);
    ts_assert_status (r, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "days"), ==, 0);
  }
  {
    g_autoptr(TsReply) auditor = get (h, h->auditor, accept_pdf, path);
    g_autoptr(TsReply) sup = get (h, f->tok_a, accept_pdf, path);
    g_autoptr(TsReply) csv = get (h, h->coordinator, accept_csv, path);
    g_autoptr(TsReply) missing = get (h, h->coordinator, accept_pdf,
                                      "/v1/hosts/987654/report?month=2026-06");
    ts_assert_problem (auditor, 403, "forbidden", NULL);
    ts_assert_problem (sup, 403, "forbidden", NULL);
    ts_assert_problem (csv, 406, "not_acceptable", NULL);
    ts_assert_problem (missing, 404, "not_found", NULL);
  }
  {
    static const char *const bad[] = { "2026-13", "2026-6", "June", "1999-12", "" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                                "/v1/hosts/%" G_GINT64_FORMAT "/report?month=%s",
                                                host, bad[i]);
        ts_assert_problem (r, 422, "validation_failed", "month");
      }
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/report?day=1", host);
    g_assert_cmpuint (r->status, >=, 400);
    g_assert_cmpuint (r->status, <, 500);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_add ("/documents/card", Fixture, NULL, fixture_set_up, test_card, fixture_tear_down);
  g_test_add ("/documents/statement", Fixture, NULL, fixture_set_up, test_statement,
              fixture_tear_down);
  g_test_add ("/documents/host-report", Fixture, NULL, fixture_set_up, test_host_report,
              fixture_tear_down);
  return g_test_run ();
}
