/*
 * The annual report on a live server (issue 16, SPEC 3.3):
 * GET /v1/reports/annual?fiscal_year=YYYY as an A4 PDF, read with
 * poppler-utils: the statistics of the caller's scope in 令和 years, the
 * suppression an auditor of another organisation gets (X and its
 * footnote), the refused roles, bad input, 406 and the audit entry.
 *
 * The year: 文京区 (A, below the harness's prefecture) records four first
 * contacts by phone in October 2025 and one by mail in November; the
 * budget of 令和7年度 is 1,000,000 yen.  "Today" is 2026-06-15.
 */
#include <string.h>

#include "harness.h"
#include "pdf-check.h"

#define TODAY "2026-06-15"

static const char *const accept_pdf[] = { "Accept", "application/pdf", NULL };

typedef struct {
  TsHarness *h;
  gint64     org_a;
  char      *coord_a, *auditor_a;
} Fixture;

static void
first (Fixture *f, const char *date, const char *method, const char *contactor)
{
  g_autofree char *body = g_strdup_printf (
    "{\"date\":\"%s\",\"method\":\"%s\",\"contactor\":\"%s\",\"first_contact\":true,"
    "\"consultee\":{\"age_band\":\"20s\",\"gender\":\"male\"}}", date, method, contactor);
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/contacts", f->coord_a, body, NULL);

  ts_assert_status (r, 201);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  f->h = ts_harness_new ();
  f->org_a = ts_harness_create_organisation (f->h, "文京区", "municipality", "131059", 1);
  f->coord_a = ts_harness_user_token_in (f->h, "coordinator", f->org_a, 0, 0);
  f->auditor_a = ts_harness_user_token_in (f->h, "auditor", f->org_a, 0, 0);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *date = g_strdup_printf ("2025-10-%02d", 6 + i);
      first (f, date, "phone", "self");
    }
  first (f, "2025-11-04", "email", "parent");
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/budgets", f->h->admin,
                                               "{\"fiscal_year\":2025,\"amount_yen\":1000000}",
                                               NULL);
    g_assert_cmpuint (r->status / 100, ==, 2);
  }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->coord_a);
  g_free (f->auditor_a);
  ts_harness_free (f->h);
}

static char *
report_text (Fixture *f, const char *token, const char *query)
{
  g_autofree char *path = g_strconcat ("/v1/reports/annual", query, NULL);
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, token, NULL, accept_pdf);

  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_header (r, "Content-Type"), ==, "application/pdf");
  g_assert_nonnull (strstr (ts_reply_header (r, "Content-Disposition"),
                            "filename=\"annual-report-2025"));
  ts_pdf_assert_a4 (r->body, r->length, 0, 50);
  return ts_pdf_text (r->body, r->length);
}

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL, *admin = NULL, *own = NULL;
  gint64 before;

  (void) data;
  before = ts_harness_sql_int (f->h, "SELECT count(*) FROM audit_log");
  text = report_text (f, f->coord_a, "?fiscal_year=2025");
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM audit_log"), ==, before + 1);
  ts_assert_text_has (text, "令和7年度 ひきこもり支援事業 年次報告書");
  ts_assert_text_has (text, "対象期間 令和7年4月1日～令和8年3月31日");
  ts_assert_text_has (text, "文京区");
  ts_assert_text_has (text, "10月 4 4");
  ts_assert_text_has (text, "11月 1 1");
  ts_assert_text_has (text, "電話 4 4");
  ts_assert_text_has (text, "メール 1 1");
  ts_assert_text_has (text, "計 5 5");
  ts_assert_text_has (text, "予算額 1,000,000円");
  ts_assert_text_has (text, "図1 月別相談件数");
  g_assert_null (strstr (text, "秘匿"));

  /* A's own auditor and the administrator: the same counts. */
  own = report_text (f, f->auditor_a, "?fiscal_year=2025");
  ts_assert_text_has (own, "メール 1 1");
  admin = report_text (f, f->h->admin, "?fiscal_year=2025");
  ts_assert_text_has (admin, "計 5 5");
  ts_assert_text_has (admin, "予算額 1,000,000円");
}

/* The prefecture's auditor sees A's counts below 3 as X (and the cells
 * that would give them away: service/statistics.h), with the note. */
static void
test_suppressed (Fixture *f, gconstpointer data)
{
  g_autofree char *text = report_text (f, f->h->auditor, "?fiscal_year=2025");

  (void) data;
  ts_assert_text_has (text, "3未満の値を秘匿（X）");
  ts_assert_text_has (text, "11月 X X");
  ts_assert_text_has (text, "メール X X");
  ts_assert_text_has (text, "注）X は秘匿を示します");
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *sup = ts_harness_user_token (f->h, "supporter",
                                                ts_harness_create_supporter (f->h, NULL), 0);
  g_autofree char *host = NULL;
  g_autofree char *outside = NULL;

  (void) data;
  ts_harness_create_hosts (f->h, f->h->coordinator, 1);
  host = ts_harness_user_token (f->h, "host", 0, 1);
  {
    g_autoptr(TsReply) a = ts_harness_request (f->h, "GET", "/v1/reports/annual?fiscal_year=2025",
                                               sup, NULL, accept_pdf);
    g_autoptr(TsReply) b = ts_harness_request (f->h, "GET", "/v1/reports/annual?fiscal_year=2025",
                                               host, NULL, accept_pdf);
    g_autoptr(TsReply) c = ts_harness_request (f->h, "GET", "/v1/reports/annual?fiscal_year=2025",
                                               NULL, NULL, accept_pdf);
    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (b, 403, "forbidden", NULL);
    g_assert_cmpuint (c->status, ==, 401);
  }
  {
    static const char *const bad[] = {
      "", "?fiscal_year=", "?fiscal_year=abc", "?fiscal_year=1999", "?fiscal_year=2100",
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strconcat ("/v1/reports/annual", bad[i], NULL);
        g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, f->coord_a, NULL, accept_pdf);
        ts_assert_problem (r, 422, "validation_failed", "fiscal_year");
      }
  }
  {
    const char *const json[] = { "Accept", "application/json", NULL };
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/reports/annual?fiscal_year=2025",
                                               f->coord_a, NULL, json);
    g_autoptr(TsReply) none = ts_harness_request (f->h, "GET",
                                                  "/v1/reports/annual?fiscal_year=2025",
                                                  f->coord_a, NULL, NULL);
    g_autoptr(TsReply) unknown = ts_harness_request (f->h, "GET",
                                                     "/v1/reports/annual?fiscal_year=2025&x=1",
                                                     f->coord_a, NULL, accept_pdf);
    ts_assert_problem (r, 406, "not_acceptable", NULL);
    ts_assert_status (none, 200);
    g_assert_cmpstr (ts_reply_header (none, "Content-Type"), ==, "application/pdf");
    g_assert_cmpuint (unknown->status, >=, 400);
    g_assert_cmpuint (unknown->status, <, 500);
  }
  {
    /* An organisation outside the caller's scope is a missing one. */
    g_autoptr(TsReply) missing = ts_harness_request (
      f->h, "GET", "/v1/reports/annual?fiscal_year=2025&organisation_id=987654", f->coord_a,
      NULL, accept_pdf);
    g_autoptr(TsReply) out_of_scope = NULL;
    outside = g_strdup_printf ("/v1/reports/annual?fiscal_year=2025&organisation_id=1");
    out_of_scope = ts_harness_request (f->h, "GET", outside, f->coord_a, NULL, accept_pdf);
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_problem (out_of_scope, missing->status, ts_reply_code (missing), NULL);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_add ("/reports/annual", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);
  g_test_add ("/reports/suppressed", Fixture, NULL, fixture_set_up, test_suppressed,
              fixture_tear_down);
  g_test_add ("/reports/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  return g_test_run ();
}
