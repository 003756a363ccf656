/*
 * The payment ledger and monthly statements (see statements.h).
 */
#include "service/statements.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/money.h"
#include "service/csv.h"
#include "service/rates.h"

void
ts_statement_month_free (TsStatementMonth *month)
{
  if (month == NULL)
    return;
  g_clear_pointer (&month->statements, g_ptr_array_unref);
  g_clear_pointer (&month->runs, g_array_unref);
  g_free (month);
}

static void
format_month (TsDate date, char buf[8])
{
  int y, m;

  ts_date_get_ymd (date, &y, &m, NULL);
  g_snprintf (buf, 8, "%04d-%02d", y, m);
}

/* ---- the ledger ------------------------------------------------------ */

/* Appends @e (payee, amount, what it pays for and its date given) as a
 * line of @kind, or as an adjustment of it when its month is issued. */
static gboolean
append_line (TsService *self, TsLedgerEntry *e, TsLineKind kind, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  gboolean issued;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (store), FALSE);
  g_return_val_if_fail (kind != TS_LINE_ADJUSTMENT, FALSE);

  format_month (e->earned_on, e->earned_month);
  /* Read inside the same transaction as the issue would be: the month is
   * either issued for the payee's organisation before this line
   * (adjustment) or after it (included; SPEC 2.6: a run per organisation,
   * so another organisation's run of the month changes nothing here). */
  if (!ts_store_statement_month_issued_for (store, e->earned_month, e->payee_type, e->payee_id,
                                            &issued, error))
    return FALSE;
  e->kind = issued ? TS_LINE_ADJUSTMENT : kind;
  e->adjusts = kind;
  e->created_at = g_get_real_time () / G_USEC_PER_SEC;
  return ts_store_ledger_append (store, e, NULL, error);
}

gboolean
ts_service_ledger_append (TsService *self, TsPayeeType payee_type, gint64 payee_id,
                          TsLineKind kind, gint64 amount_yen, gint64 activity_id,
                          gint64 attendance_id, TsDate earned_on, GError **error)
{
  TsLedgerEntry e = { 0 };

  e.payee_type = payee_type;
  e.payee_id = payee_id;
  e.amount_yen = amount_yen;
  e.activity_id = activity_id;
  e.attendance_id = attendance_id;
  e.earned_on = earned_on;
  return append_line (self, &e, kind, error);
}

gboolean
ts_service_ledger_append_event (TsService *self, gint64 supporter_id, gint64 event_staff_id,
                                gint64 amount_yen, TsDate earned_on, GError **error)
{
  TsLedgerEntry e = { 0 };

  e.payee_type = TS_PAYEE_SUPPORTER;
  e.payee_id = supporter_id;
  e.amount_yen = amount_yen;
  e.event_staff_id = event_staff_id;
  e.earned_on = earned_on;
  return append_line (self, &e, TS_LINE_EVENT, error);
}

gboolean
ts_service_ledger_add_host_stipend (TsService *self, gint64 host_id, gint64 attendance_id,
                                    TsDate day, GError **error)
{
  g_autoptr(GArray) sets = NULL;
  gint64 yen = 0;
  TsMoneyResult r;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  sets = ts_service_rate_sets (self, error);
  if (sets == NULL)
    return FALSE;
  /* One participant, one day (SPEC 2.3: 1,500 JPY per participant and day
   * by default). */
  r = ts_money_host_stipend ((const TsRateSet *) sets->data, sets->len, &day, 1, &yen);
  if (r != TS_MONEY_OK)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL, "Cannot price a host stipend: %s",
                   ts_money_result_to_string (r));
      return FALSE;
    }
  return ts_service_ledger_append (self, TS_PAYEE_HOST, host_id, TS_LINE_HOST_STIPEND, yen, 0,
                                   attendance_id, day, error);
}

gboolean
ts_service_ledger_reverse_host_stipend (TsService *self, gint64 host_id, gint64 attendance_id,
                                        TsDate day, GError **error)
{
  gint64 sum = 0;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  if (!ts_store_ledger_attendance_sum (ts_service_get_store (self), attendance_id, &sum, NULL,
                                       error))
    return FALSE;
  if (sum == 0)
    return TRUE;
  return ts_service_ledger_append (self, TS_PAYEE_HOST, host_id, TS_LINE_HOST_STIPEND, -sum, 0,
                                   attendance_id, day, error);
}

/* ---- issuing ---------------------------------------------------------- */

/* "YYYY-MM" that names a real month; issuing also refuses a month that has
 * not begun (its statements could only be empty, and every line of it
 * would become an adjustment). */
static gboolean
parse_month (TsContext *ctx, const char *text, gboolean not_future, char out[8], GError **error)
{
  int y, m, ty, tm;

  if (text == NULL)
    ts_field_errors_add (ctx->errors, "month", N_("Required"));
  else if (!ts_month_parse (text, &y, &m))
    ts_field_errors_add (ctx->errors, "month", N_("Must be a month (YYYY-MM)"));
  else
    {
      ts_date_get_ymd (ts_date_today (), &ty, &tm, NULL);
      if (not_future && (y > ty || (y == ty && m > tm)))
        ts_field_errors_add (ctx->errors, "month", N_("The month has not begun yet"));
      g_snprintf (out, 8, "%04d-%02d", y, m);
    }
  return ts_field_errors_check (ctx->errors, error);
}

typedef struct {
  TsService        *service;
  TsContext        *ctx;
  TsStatementMonth *result;
} IssueWrite;

static gboolean
write_issue (TsStore *store, gpointer user_data, GError **error)
{
  IssueWrite *w = user_data;
  TsStatementMonth *m = w->result;
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (TsStatementRun));
  int y, mo;

  /* Exactly once per organisation: each run row is written together with
   * its organisation's statements, and every later call (also one queued
   * behind this one) finds them and issues only the organisations still
   * without one.  A coordinator issues its own organisation's payees
   * (SPEC 2.6); an administrator and the command line every organisation
   * that has not issued the month. */
  if (!ts_store_statements_issue (store, m->month, w->ctx->scope,
                                  g_get_real_time () / G_USEC_PER_SEC, w->ctx->user_id, runs,
                                  error))
    return FALSE;
  if (runs->len == 0)
    return TRUE;
  ts_month_parse (m->month, &y, &mo);
  if (!ts_service_audit (w->service, w->ctx, "issue", "statements", y * 100 + mo, error))
    return FALSE;
  m->created = TRUE;
  return TRUE;
}

/* The run's count and total over the statements the caller sees (its own
 * as a payee, its organisations' as staff): never the month's totals of
 * other organisations (SPEC 2.6). */
static void
sum_run (TsStatementMonth *m)
{
  m->run.n_statements = m->statements->len;
  m->run.total_yen = 0;
  for (guint i = 0; i < m->statements->len; i++)
    ts_money_add (&m->run.total_yen, ((TsStatementRecord *) m->statements->pdata[i])->total_yen);
}

/* The month's runs of the caller's organisations (SPEC 2.6) and the
 * statements of @filter.  The month is issued for the caller when every
 * organisation it sees has issued it, at the latest of their runs; each
 * run's count and total are those of the statements the caller sees. */
static gboolean
read_month (TsService *self, TsContext *ctx, TsStatementMonth *m, TsStatementFilter *filter,
            GError **error)
{
  TsStore *store = ts_service_get_store (self);
  guint n_organisations = 0;

  /* Runs first: an issue that commits between the two reads can then add
   * statements without their run (not issued yet), never a run without
   * its statements. */
  m->runs = ts_store_statement_runs (store, m->month, ctx->scope, &n_organisations, error);
  if (m->runs == NULL)
    return FALSE;
  filter->month = m->month;
  m->statements = ts_store_statement_list (store, filter, error);
  if (m->statements == NULL)
    return FALSE;
  memset (&m->run, 0, sizeof m->run);
  g_strlcpy (m->run.month, m->month, sizeof m->run.month);
  m->issued = n_organisations > 0 && m->runs->len == n_organisations;
  for (guint i = 0; i < m->runs->len; i++)
    {
      TsStatementRun *run = &g_array_index (m->runs, TsStatementRun, i);

      if (run->issued_at > m->run.issued_at)
        {
          m->run.issued_at = run->issued_at;
          m->run.user_id = run->user_id;
        }
      run->n_statements = 0;
      run->total_yen = 0;
      for (guint j = 0; j < m->statements->len; j++)
        {
          const TsStatementRecord *s = m->statements->pdata[j];

          if (s->organisation_id != run->organisation_id)
            continue;
          run->n_statements++;
          ts_money_add (&run->total_yen, s->total_yen);
        }
      if (filter->has_payee)
        run->user_id = 0;
    }
  sum_run (m);
  return TRUE;
}

TsStatementMonth *
ts_service_statements_issue (TsService *self, TsContext *ctx, const char *month, GError **error)
{
  g_autoptr(TsStatementMonth) m = g_new0 (TsStatementMonth, 1);
  IssueWrite w = { self, ctx, m };
  TsStatementFilter filter = { 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!parse_month (ctx, month, TRUE, m->month, error) ||
      !ts_store_write (ts_service_get_store (self), write_issue, &w, error))
    return NULL;
  filter.scope = ctx->scope;
  if (!read_month (self, ctx, m, &filter, error))
    return NULL;
  return g_steal_pointer (&m);
}

/* ---- reading ---------------------------------------------------------- */

/* A supporter reaches only their own statements and a host only its own;
 * staff and auditors those of their organisations' payees (visible()). */
static gboolean
restrict_to_caller (TsContext *ctx, TsStatementFilter *filter)
{
  gboolean supporter = ctx->role == TS_ROLE_SUPPORTER;

  if (!supporter && ctx->role != TS_ROLE_HOST)
    return FALSE;
  filter->has_payee = TRUE;
  filter->payee_type = supporter ? TS_PAYEE_SUPPORTER : TS_PAYEE_HOST;
  filter->payee_id = supporter ? ctx->supporter_id : ctx->host_id;
  return TRUE;
}

TsStatementMonth *
ts_service_statements_list (TsService *self, TsContext *ctx, const char *month, GError **error)
{
  g_autoptr(TsStatementMonth) m = g_new0 (TsStatementMonth, 1);
  TsStatementFilter filter = { 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!parse_month (ctx, month, FALSE, m->month, error))
    return NULL;
  filter.with_lines = TRUE;
  /* A payee its own statement; staff and auditors their organisations'
   * payees' (SPEC 2.6). */
  if (!restrict_to_caller (ctx, &filter))
    filter.scope = ctx->scope;
  if (!read_month (self, ctx, m, &filter, error) ||
      !ts_service_audit_read (self, ctx, "list", "statement", 0, error))
    return NULL;
  /* A payee sees its own statement, not who issued the month. */
  if (filter.has_payee)
    m->run.user_id = 0;
  return g_steal_pointer (&m);
}

static gboolean
visible (TsContext *ctx, const TsStatementRecord *r)
{
  TsStatementFilter own = { 0 };

  if (!restrict_to_caller (ctx, &own))
    return ts_context_sees (ctx, r->organisation_id);
  return r->payee_type == own.payee_type && r->payee_id == own.payee_id;
}

TsStatementRecord *
ts_service_statement_get (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsStatementRecord) r = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  r = ts_store_statement_get (ts_service_get_store (self), id, error);
  if (r == NULL)
    return NULL;
  if (!visible (ctx, r))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such statement"));
      return NULL;
    }
  if (!ts_service_audit_read (self, ctx, "read", "statement", id, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* ---- payment ---------------------------------------------------------- */

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
  TsDate     paid_on;
} PaidWrite;

static gboolean
write_paid (TsStore *store, gpointer user_data, GError **error)
{
  PaidWrite *w = user_data;
  g_autoptr(TsStatementRecord) r = ts_store_statement_get (store, w->id, error);
  int y, m;

  if (r == NULL)
    return FALSE;
  /* The payee's organisation records its payment (SPEC 2.6). */
  if (!visible (w->ctx, r))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such statement"));
      return FALSE;
    }
  if (r->paid_on != TS_DATE_NONE)
    {
      char date[11];

      /* A retry of the same request is answered as if it were the first. */
      if (r->paid_on == w->paid_on)
        return TRUE;
      ts_date_format (r->paid_on, date);
      ts_context_add_extra (w->ctx, "paid_on", json_node_init_string (json_node_alloc (), date));
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("The statement is already marked as paid on another date"));
      return FALSE;
    }
  /* A statement pays what was earned in its month: it cannot have been
   * paid before the month began. */
  if (ts_month_parse (r->month, &y, &m) && w->paid_on < ts_date_new (y, m, 1))
    {
      ts_field_errors_add (w->ctx->errors, "paid_on", N_("Must not be before the statement's month"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  return ts_store_statement_mark_paid (store, w->id, w->paid_on, w->ctx->user_id, error) &&
         ts_service_audit (w->service, w->ctx, "paid", "statement", w->id, error);
}

TsStatementRecord *
ts_service_statement_mark_paid (TsService *self, TsContext *ctx, gint64 id, TsDate paid_on,
                                GError **error)
{
  PaidWrite w = { self, ctx, id, paid_on };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (paid_on == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "paid_on", N_("Required"));
  else if (paid_on > ts_date_today ())
    ts_field_errors_add (ctx->errors, "paid_on", N_("Must not be in the future"));
  if (!ts_field_errors_check (ctx->errors, error) ||
      !ts_store_write (ts_service_get_store (self), write_paid, &w, error))
    return NULL;
  return ts_store_statement_get (ts_service_get_store (self), id, error);
}

/* ---- CSV -------------------------------------------------------------- */

static void
csv_text (GString *out, const char *text)
{
  ts_csv_field (out, text, FALSE);
}

static void
csv_id (GString *out, gint64 id)
{
  if (id > 0)
    ts_csv_int (out, id);
  else
    g_string_append_c (out, ',');
}

static const char *
payee_ja (TsPayeeType type)
{
  return type == TS_PAYEE_HOST ? "職親" : "サポーター";
}

const char *
ts_line_kind_name_ja (TsLineKind kind)
{
  switch (kind)
    {
    case TS_LINE_HONORARIUM:
      return "謝礼";
    case TS_LINE_TRANSPORT:
      return "交通費";
    case TS_LINE_HOST_STIPEND:
      return "職親謝金";
    case TS_LINE_EVENT:
      return "行事謝礼";
    case TS_LINE_ADJUSTMENT:
    default:
      return "調整";
    }
}

static void
csv_statement_start (GString *out, const TsStatementRecord *s)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, s->id);
  ts_csv_field (out, buf, TRUE);
  csv_text (out, s->month);
  csv_text (out, payee_ja (s->payee_type));
  ts_csv_int (out, s->payee_id);
  csv_text (out, s->payee_name);
}

/* 発行日時 as Excel reads a moment (YYYY-MM-DD HH:MM, Asia/Tokyo; issue 14:
 * no "T", no "+09:00"), 支払日 as a date. */
static void
csv_statement_end (GString *out, const TsStatementRecord *s)
{
  ts_csv_timestamp (out, s->issued_at);
  ts_csv_date (out, s->paid_on);
  ts_csv_end_row (out);
}

GBytes *
ts_statement_month_to_csv (const TsStatementMonth *month)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  g_string_append (out, "明細書ID,対象月,支払先区分,支払先ID,支払先名,明細ID,区分,調整対象,"
                        "活動ID,出席ID,発生日,発生月,金額(円),発行日時,支払日\r\n");
  for (guint i = 0; month->statements != NULL && i < month->statements->len; i++)
    {
      const TsStatementRecord *s = month->statements->pdata[i];

      for (guint j = 0; s->lines != NULL && j < s->lines->len; j++)
        {
          const TsLedgerEntry *e = &g_array_index (s->lines, TsLedgerEntry, j);
          char date[11];

          csv_statement_start (out, s);
          ts_csv_int (out, e->id);
          csv_text (out, ts_line_kind_name_ja (e->kind));
          csv_text (out, e->kind == TS_LINE_ADJUSTMENT ? ts_line_kind_name_ja (e->adjusts) : NULL);
          csv_id (out, e->activity_id);
          csv_id (out, e->attendance_id);
          ts_date_format (e->earned_on, date);
          csv_text (out, date);
          csv_text (out, e->earned_month);
          ts_csv_int (out, e->amount_yen);
          csv_statement_end (out, s);
        }
      /* The statement's total, on a row of its own. */
      csv_statement_start (out, s);
      g_string_append_c (out, ',');
      csv_text (out, "合計");
      g_string_append (out, ",,,,,");
      ts_csv_int (out, s->total_yen);
      csv_statement_end (out, s);
    }
  return g_string_free_to_bytes (out);
}
