/*
 * Payments (SPEC 3.2 Payments, 2.5 Audit; issue 5): monthly statements
 * issued once from the ledger, their payment dates, the programme budgets
 * and the payments audit of a fiscal year.
 *
 * GET /v1/payments/statements answers JSON, or with Accept: text/csv the
 * spreadsheet of service/statements.c (UTF-8 with a BOM, CRLF, Japanese
 * headers), the same document `tsunagari export statements` writes.
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/negotiate.h"
#include "http/query.h"
#include "print/documents.h"
#include "service/csv.h"
#include "service/payments-audit.h"
#include "service/reference.h"
#include "service/documents.h"
#include "service/statements.h"

/* ---- rendering ------------------------------------------------------ */

/* Who is paid, as a statement and the audit's list of payees name them. */
static void
set_payee (JsonObject *obj, TsPayeeType payee_type, gint64 payee_id, const char *payee_name)
{
  json_object_set_string_member (obj, "payee_type", ts_payee_type_to_string (payee_type));
  json_object_set_int_member (obj, "payee_id", payee_id);
  ts_json_set_string_or_null (obj, "payee_name", payee_name);
}

static JsonObject *
line_to_json (const TsLedgerEntry *e)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", e->id);
  json_object_set_string_member (obj, "kind", ts_line_kind_to_string (e->kind));
  ts_json_set_string_or_null (obj, "adjusts", e->kind == TS_LINE_ADJUSTMENT
                                                ? ts_line_kind_to_string (e->adjusts) : NULL);
  json_object_set_int_member (obj, "amount_yen", e->amount_yen);
  ts_json_set_id_or_null (obj, "activity_id", e->activity_id);
  ts_json_set_id_or_null (obj, "attendance_id", e->attendance_id);
  ts_json_set_date_or_null (obj, "earned_on", e->earned_on);
  json_object_set_string_member (obj, "earned_month", e->earned_month);
  /* What the line pays for (issue 14): the report's kind and length. */
  ts_json_set_string_or_null (obj, "activity_kind", e->activity_kind[0] != '\0' ? e->activity_kind : NULL);
  if (e->activity_kind[0] != '\0')
    json_object_set_int_member (obj, "minutes", e->activity_minutes);
  else if (e->event_staff_id > 0)
    json_object_set_int_member (obj, "minutes", e->event_minutes);
  else
    json_object_set_null_member (obj, "minutes");
  /* An event's hours (issue 18): the event it pays for. */
  ts_json_set_id_or_null (obj, "event_id", e->event_id);
  return obj;
}

static JsonObject *
statement_to_json (const TsStatementRecord *s)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", s->id);
  set_payee (obj, s->payee_type, s->payee_id, s->payee_name);
  ts_json_set_id_or_null (obj, "organisation_id", s->organisation_id);
  json_object_set_string_member (obj, "month", s->month);
  if (s->lines != NULL)
    {
      JsonArray *lines = json_array_new ();
      for (guint i = 0; i < s->lines->len; i++)
        json_array_add_object_element (lines, line_to_json (&g_array_index (s->lines,
                                                                             TsLedgerEntry, i)));
      json_object_set_array_member (obj, "lines", lines);
    }
  json_object_set_int_member (obj, "n_lines", s->n_lines);
  json_object_set_int_member (obj, "total_yen", s->total_yen);
  ts_json_set_timestamp (obj, "issued_at", s->issued_at);
  ts_json_set_date_or_null (obj, "paid_on", s->paid_on);
  return obj;
}

static JsonObject *
month_to_json (const TsStatementMonth *m)
{
  JsonObject *obj = json_object_new ();
  JsonArray *statements = json_array_new ();
  JsonArray *runs = json_array_new ();

  json_object_set_string_member (obj, "month", m->month);
  json_object_set_boolean_member (obj, "issued", m->issued);
  ts_json_set_timestamp (obj, "issued_at", m->issued ? m->run.issued_at : 0);
  json_object_set_int_member (obj, "n_statements", m->statements->len);
  json_object_set_int_member (obj, "total_yen", m->run.total_yen);
  /* The month is issued per organisation (SPEC 2.6): the runs of the
   * organisations the caller sees; `issued` when every one has one. */
  for (guint i = 0; m->runs != NULL && i < m->runs->len; i++)
    {
      const TsStatementRun *run = &g_array_index (m->runs, TsStatementRun, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "organisation_id", run->organisation_id);
      ts_json_set_timestamp (item, "issued_at", run->issued_at);
      json_object_set_int_member (item, "n_statements", run->n_statements);
      json_object_set_int_member (item, "total_yen", run->total_yen);
      json_array_add_object_element (runs, item);
    }
  json_object_set_array_member (obj, "runs", runs);
  for (guint i = 0; i < m->statements->len; i++)
    json_array_add_object_element (statements, statement_to_json (m->statements->pdata[i]));
  json_object_set_array_member (obj, "statements", statements);
  return obj;
}

/* ---- statements ----------------------------------------------------- */

static void
handle_issue (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStatementMonth) m = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *month = NULL;
  JsonObject *obj;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  month = g_strdup (ts_input_string (&in, "month", TS_REQUIRED, 64));
  if (!ts_request_input_done (req, &in, &error))
    goto fail;
  m = ts_service_statements_issue (req->service, req->ctx, month, &error);
  if (m == NULL)
    goto fail;
  obj = month_to_json (m);
  json_object_set_boolean_member (obj, "created", m->created);
  ts_request_reply_object (req, m->created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = { "month", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStatementMonth) m = NULL;

  if (!ts_request_check_query (req, allowed, &error) ||
      (m = ts_service_statements_list (req->service, req->ctx, ts_request_query (req, "month"),
                                       &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_add_header (req, "Vary", "Accept");
  if (ts_request_accepts_csv (req))
    {
      g_autoptr(GBytes) csv = ts_statement_month_to_csv (m);
      g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"statements-%s.csv\"",
                                                      m->month);
      ts_request_add_header (req, "Content-Disposition", disposition);
      ts_request_reply_bytes (req, SOUP_STATUS_OK, "text/csv; charset=utf-8", csv);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, month_to_json (m));
}

/* JSON, or with Accept: application/pdf the 支払通知書 (issue 16). */
static void
handle_get (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStatementRecord) s = NULL;
  TsMedia media;

  ts_request_add_header (req, "Vary", "Accept");
  if (!ts_request_check_query (req, NULL, &error) ||
      (media = ts_request_negotiate (req, TS_MEDIA_JSON | TS_MEDIA_PDF, TS_MEDIA_JSON,
                                     &error)) == 0)
    {
      ts_request_reply_error (req, error);
      return;
    }
  if (media == TS_MEDIA_PDF)
    {
      g_autoptr(TsStatementDocument) doc = NULL;
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *filename = NULL;

      if ((doc = ts_service_statement_document (req->service, req->ctx, req->params[0],
                                                &error)) == NULL ||
          (pdf = ts_print_statement (doc, &error)) == NULL)
        {
          ts_request_reply_error (req, error);
          return;
        }
      filename = g_strdup_printf ("statement-%" G_GINT64_FORMAT "-%s.pdf", doc->statement->id,
                                  doc->statement->month);
      ts_request_reply_pdf (req, pdf, filename);
      return;
    }
  if ((s = ts_service_statement_get (req->service, req->ctx, req->params[0], &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, statement_to_json (s));
}

static void
handle_paid (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStatementRecord) s = NULL;
  g_auto(TsInput) in = { 0 };
  TsDate paid_on = TS_DATE_NONE;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  paid_on = ts_input_date (&in, "paid_on", TS_REQUIRED);
  if (!ts_request_input_done (req, &in, &error))
    goto fail;
  s = ts_service_statement_mark_paid (req->service, req->ctx, req->params[0], paid_on, &error);
  if (s == NULL)
    goto fail;
  ts_request_reply_object (req, SOUP_STATUS_OK, statement_to_json (s));
  return;

fail:
  ts_request_reply_error (req, error);
}

/* ---- budgets -------------------------------------------------------- */

static JsonObject *
budget_to_json (const TsBudgetRecord *b)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *label = ts_service_fiscal_year_name_ja (b->fiscal_year);

  json_object_set_int_member (obj, "fiscal_year", b->fiscal_year);
  ts_json_set_string_or_null (obj, "label_ja", label);
  json_object_set_int_member (obj, "amount_yen", b->amount_yen);
  ts_json_set_timestamp (obj, "updated_at", b->updated_at);
  return obj;
}

static void
handle_set_budget (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsInput) in = { 0 };
  TsBudgetRecord budget;
  gint64 fiscal_year = 0, amount = 0;
  gboolean created;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  ts_input_int (&in, "fiscal_year", TS_REQUIRED, G_MININT32, G_MAXINT32, &fiscal_year);
  ts_input_int (&in, "amount_yen", TS_REQUIRED, G_MININT64, G_MAXINT64, &amount);
  if (!ts_request_input_done (req, &in, &error))
    goto fail;
  if (!ts_service_budget_set (req->service, req->ctx, (int) fiscal_year, amount, &budget,
                              &created, &error))
    goto fail;
  ts_request_reply_object (req, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK,
                           budget_to_json (&budget));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_list_budgets (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) budgets = NULL;
  JsonObject *obj;
  JsonArray *items;

  if (!ts_request_check_query (req, NULL, &error) ||
      (budgets = ts_service_budget_list (req->service, req->ctx, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < budgets->len; i++)
    json_array_add_object_element (items, budget_to_json (&g_array_index (budgets,
                                                                           TsBudgetRecord, i)));
  json_object_set_array_member (obj, "budgets", items);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

/* ---- the payments audit --------------------------------------------- */

static JsonObject *
by_kind_to_json (const gint64 *by_kind)
{
  JsonObject *obj = json_object_new ();

  for (guint k = 0; k < TS_LINE_N_KINDS; k++)
    json_object_set_int_member (obj, ts_line_kind_to_string ((TsLineKind) k), by_kind[k]);
  return obj;
}

static JsonObject *
by_payee_to_json (const gint64 *by_payee)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "supporter", by_payee[TS_PAYEE_SUPPORTER]);
  json_object_set_int_member (obj, "host", by_payee[TS_PAYEE_HOST]);
  return obj;
}

/* A total with its split by kind of line and by payee type, for each month
 * and for the whole year alike. */
static void
set_sums (JsonObject *obj, gint64 total_yen, const gint64 *by_kind, const gint64 *by_payee_type)
{
  json_object_set_int_member (obj, "total_yen", total_yen);
  json_object_set_object_member (obj, "by_kind", by_kind_to_json (by_kind));
  json_object_set_object_member (obj, "by_payee_type", by_payee_to_json (by_payee_type));
}

static JsonObject *
audit_to_json (const TsPaymentsAudit *a, TsLanguage language)
{
  JsonObject *obj = json_object_new ();
  JsonArray *months = json_array_new ();
  JsonArray *payees = json_array_new ();
  JsonArray *organisations = json_array_new ();
  g_autofree char *label_en = g_strdup_printf ("FY%d", a->fiscal_year);

  json_object_set_int_member (obj, "fiscal_year", a->fiscal_year);
  ts_json_set_string_or_null (obj, "label_ja", a->label_ja);
  /* Japanese output names the year in 令和 (SPEC 2.4); English by its
   * Gregorian start. */
  json_object_set_string_member (obj, "label", language == TS_LANGUAGE_JA && a->label_ja != NULL
                                                 ? a->label_ja : label_en);
  json_object_set_string_member (obj, "first_month", a->months[0].month);
  json_object_set_string_member (obj, "last_month", a->months[G_N_ELEMENTS (a->months) - 1].month);
  for (guint i = 0; i < G_N_ELEMENTS (a->months); i++)
    {
      const TsPaymentsAuditMonth *m = &a->months[i];
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "month", m->month);
      set_sums (item, m->total_yen, m->by_kind, m->by_payee_type);
      json_array_add_object_element (months, item);
    }
  json_object_set_array_member (obj, "months", months);
  set_sums (obj, a->total_yen, a->by_kind, a->by_payee_type);
  for (guint i = 0; i < a->payees->len; i++)
    {
      const TsPayeeSum *p = &g_array_index (a->payees, TsPayeeSum, i);
      JsonObject *item = json_object_new ();

      set_payee (item, p->payee_type, p->payee_id, p->payee_name);
      ts_json_set_id_or_null (item, "organisation_id", p->organisation_id);
      json_object_set_int_member (item, "total_yen", p->total_yen);
      json_object_set_int_member (item, "statements", p->n_statements);
      json_array_add_object_element (payees, item);
    }
  json_object_set_array_member (obj, "payees", payees);
  /* SPEC 2.6: the year by the payees' organisation. */
  for (guint i = 0; i < a->organisations->len; i++)
    {
      const TsPaymentsAuditOrganisation *o = &g_array_index (a->organisations,
                                                             TsPaymentsAuditOrganisation, i);
      JsonObject *item = json_object_new ();

      ts_json_set_id_or_null (item, "organisation_id", o->organisation_id);
      set_sums (item, o->total_yen, o->by_kind, o->by_payee_type);
      json_array_add_object_element (organisations, item);
    }
  json_object_set_array_member (obj, "organisations", organisations);
  json_object_set_int_member (obj, "unissued_yen", a->unissued_yen);
  if (a->has_budget)
    {
      JsonObject *budget = json_object_new ();

      json_object_set_int_member (budget, "amount_yen", a->usage.budget_yen);
      json_object_set_int_member (budget, "used_yen", a->usage.used_yen);
      json_object_set_int_member (budget, "remaining_yen", a->usage.remaining_yen);
      if (a->usage.has_percentage)
        {
          char percent[32];

          ts_money_format_basis_points (a->usage.used_basis_points, percent);
          json_object_set_int_member (budget, "used_basis_points", a->usage.used_basis_points);
          json_object_set_string_member (budget, "used_percent", percent);
        }
      else
        {
          json_object_set_null_member (budget, "used_basis_points");
          json_object_set_null_member (budget, "used_percent");
        }
      json_object_set_object_member (obj, "budget", budget);
    }
  else
    json_object_set_null_member (obj, "budget");
  return obj;
}

/* ---- the payments audit as CSV ---------------------------------------- */

/* The columns of a month and of the year's total alike: by kind of line,
 * by payee type, the total. */
static void
csv_sums_header (GString *out, const char *first)
{
  g_string_append (out, first);
  for (guint k = 0; k < TS_LINE_N_KINDS; k++)
    {
      g_string_append_c (out, ',');
      g_string_append (out, ts_line_kind_name_ja ((TsLineKind) k));
    }
  g_string_append (out, ",サポーター分,職親分,合計\r\n");
}

static void
csv_sums (GString *out, const char *first, gint64 total_yen, const gint64 *by_kind,
          const gint64 *by_payee_type)
{
  ts_csv_field (out, first, TRUE);
  for (guint k = 0; k < TS_LINE_N_KINDS; k++)
    ts_csv_int (out, by_kind[k]);
  ts_csv_int (out, by_payee_type[TS_PAYEE_SUPPORTER]);
  ts_csv_int (out, by_payee_type[TS_PAYEE_HOST]);
  ts_csv_int (out, total_yen);
  ts_csv_end_row (out);
}

/* table=months (default): a row per month of the fiscal year, April first;
 * table=payees: a row per payee (by type, a supporter's number and the
 * name; the internal id is not shown).  Then, after an empty line, the year's totals, and after another
 * the budget: its amount, what is left, the share used and what is
 * approved but not issued yet.  Amounts are integers of yen. */
static GBytes *
payments_audit_to_csv (const TsPaymentsAudit *a, gboolean payees)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  const char *year = a->label_ja != NULL ? a->label_ja : "";

  if (!payees)
    {
      csv_sums_header (out, "月");
      for (guint i = 0; i < G_N_ELEMENTS (a->months); i++)
        csv_sums (out, a->months[i].month, a->months[i].total_yen, a->months[i].by_kind,
                  a->months[i].by_payee_type);
    }
  else
    {
      g_string_append (out, "支払先区分,サポーター番号,支払先名,明細書数,金額\r\n");
      for (guint i = 0; i < a->payees->len; i++)
        {
          const TsPayeeSum *p = &g_array_index (a->payees, TsPayeeSum, i);

          ts_csv_field (out, p->payee_type == TS_PAYEE_HOST ? "職親" : "サポーター", TRUE);
          ts_csv_field (out, p->payee_code, FALSE);
          ts_csv_field (out, p->payee_name, FALSE);
          ts_csv_int (out, p->n_statements);
          ts_csv_int (out, p->total_yen);
          ts_csv_end_row (out);
        }
    }
  ts_csv_end_row (out);
  csv_sums_header (out, "年度");
  csv_sums (out, year, a->total_yen, a->by_kind, a->by_payee_type);
  ts_csv_end_row (out);
  g_string_append (out, "年度,予算,残額,執行率(%),未発行\r\n");
  ts_csv_field (out, year, TRUE);
  if (a->has_budget)
    {
      ts_csv_int (out, a->usage.budget_yen);
      ts_csv_int (out, a->usage.remaining_yen);
      if (a->usage.has_percentage)
        {
          char percent[32];

          ts_money_format_basis_points (a->usage.used_basis_points, percent);
          ts_csv_field (out, percent, FALSE);
        }
      else
        ts_csv_field (out, NULL, FALSE);
    }
  else
    g_string_append (out, ",,,");
  ts_csv_int (out, a->unissued_yen);
  ts_csv_end_row (out);
  return g_string_free_to_bytes (out);
}

static void
reply_payments_csv (TsRequest *req, const TsPaymentsAudit *audit, gboolean payees)
{
  g_autoptr(GBytes) csv = payments_audit_to_csv (audit, payees);
  g_autofree char *ascii = g_strdup_printf ("payments-audit-%d%s.csv", audit->fiscal_year,
                                            payees ? "-payees" : "");
  g_autofree char *name = g_strdup_printf ("支払状況_%s%s.csv", payees ? "支払先別_" : "",
                                           audit->label_ja != NULL ? audit->label_ja : ascii);

  ts_request_reply_csv (req, csv, ascii, name);
}

static void
handle_audit (TsRequest *req)
{
  static const char *const allowed[] = { "fiscal_year", "table", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPaymentsAudit) audit = NULL;
  const char *text = ts_request_query (req, "fiscal_year");
  const char *table = ts_request_query (req, "table");
  gint64 fiscal_year = 0;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if (text == NULL)
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Required"));
  else if (!g_ascii_string_to_signed (text, 10, 1, 9999, &fiscal_year, NULL))
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Must be a year from 1873 to 9998"));
  if (table != NULL && !g_str_equal (table, "months") && !g_str_equal (table, "payees"))
    ts_field_errors_add (req->ctx->errors, "table", N_("Must be months or payees"));
  if (!ts_field_errors_check (req->ctx->errors, &error) ||
      (audit = ts_service_payments_audit (req->service, req->ctx, (int) fiscal_year,
                                          &error)) == NULL)
    goto fail;
  ts_request_add_header (req, "Vary", "Accept");
  if (ts_request_accepts_csv (req))
    {
      reply_payments_csv (req, audit, table != NULL && g_str_equal (table, "payees"));
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, audit_to_json (audit, req->ctx->language));
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_payments (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/payments/statements", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_issue,
      "issueStatements", NULL },
    { "GET", "/v1/payments/statements",
      TS_ROLE_STAFF | TS_ROLE_AUDITOR | TS_ROLE_SUPPORTER | TS_ROLE_HOST, 0, handle_list,
      "listStatements", NULL },
    { "GET", "/v1/payments/statements/{id}",
      TS_ROLE_STAFF | TS_ROLE_AUDITOR | TS_ROLE_SUPPORTER | TS_ROLE_HOST, 0, handle_get,
      "getStatement", NULL },
    { "POST", "/v1/payments/statements/{id}/paid", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_paid,
      "markStatementPaid", NULL },
    { "POST", "/v1/budgets", TS_ROLE_ADMIN, TS_ROUTE_BODY, handle_set_budget, "setBudget", NULL },
    { "GET", "/v1/budgets", TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0, handle_list_budgets,
      "listBudgets", NULL },
    { "GET", "/v1/audit/payments", TS_ROLE_AUDITOR | TS_ROLE_ADMIN, 0, handle_audit,
      "getPaymentsAudit", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
