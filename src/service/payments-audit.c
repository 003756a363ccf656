/*
 * The payments audit and the programme budgets (see payments-audit.h).
 */
#include "service/payments-audit.h"

#include "core/i18n.h"

void
ts_payments_audit_free (TsPaymentsAudit *audit)
{
  if (audit == NULL)
    return;
  g_free (audit->label_ja);
  g_clear_pointer (&audit->payees, g_array_unref);
  g_clear_pointer (&audit->organisations, g_array_unref);
  g_free (audit);
}

static gboolean
check_fiscal_year (TsContext *ctx, int fiscal_year, GError **error)
{
  /* Years a programme can have had: from the start of the Gregorian
   * calendar in Japan to far enough ahead for any budget plan. */
  if (fiscal_year < 1873 || fiscal_year > 9998 || !ts_fiscal_year_is_valid (fiscal_year))
    ts_field_errors_add (ctx->errors, "fiscal_year", N_("Must be a year from 1873 to 9998"));
  return ts_field_errors_check (ctx->errors, error);
}

static gboolean
overflow (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "A payments total overflows");
  return FALSE;
}

/* The row of @organisation_id, the last one or a new one: the store sorts
 * the sums by organisation. */
static TsPaymentsAuditOrganisation *
audit_organisation (GArray *organisations, gint64 organisation_id)
{
  TsPaymentsAuditOrganisation row = { 0 };

  if (organisations->len > 0 &&
      g_array_index (organisations, TsPaymentsAuditOrganisation,
                     organisations->len - 1).organisation_id == organisation_id)
    return &g_array_index (organisations, TsPaymentsAuditOrganisation, organisations->len - 1);
  row.organisation_id = organisation_id;
  g_array_append_val (organisations, row);
  return &g_array_index (organisations, TsPaymentsAuditOrganisation, organisations->len - 1);
}

TsPaymentsAudit *
ts_service_payments_audit (TsService *self, TsContext *ctx, int fiscal_year, GError **error)
{
  g_autoptr(TsPaymentsAudit) audit = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!check_fiscal_year (ctx, fiscal_year, error))
    return NULL;
  audit = ts_service_payments_audit_compute (self, fiscal_year, ctx->scope, error);
  if (audit == NULL ||
      !ts_service_audit_read (self, ctx, "read", "payments_audit", fiscal_year, error))
    return NULL;
  return g_steal_pointer (&audit);
}

TsPaymentsAudit *
ts_service_payments_audit_compute (TsService *self, int fiscal_year, const GArray *scope,
                                   GError **error)
{
  g_autoptr(TsPaymentsAudit) audit = NULL;
  g_autoptr(TsPaymentsTotals) totals = NULL;
  TsYearMonth months[TS_FISCAL_YEAR_N_MONTHS];
  TsBudgetRecord budget;
  TsStore *store = ts_service_get_store (self);

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (ts_fiscal_year_is_valid (fiscal_year), NULL);

  audit = g_new0 (TsPaymentsAudit, 1);
  audit->fiscal_year = fiscal_year;
  audit->label_ja = ts_wareki_fiscal_year_name (fiscal_year);
  ts_fiscal_year_months (fiscal_year, months);
  for (int i = 0; i < TS_FISCAL_YEAR_N_MONTHS; i++)
    g_snprintf (audit->months[i].month, sizeof audit->months[i].month, "%04d-%02d",
                months[i].year, months[i].month);

  totals = ts_store_payments_totals (store, audit->months[0].month,
                                     audit->months[TS_FISCAL_YEAR_N_MONTHS - 1].month,
                                     scope, error);
  if (totals == NULL)
    return NULL;
  audit->organisations = g_array_new (FALSE, TRUE, sizeof (TsPaymentsAuditOrganisation));
  /* Every sum goes through ts_money_add, which refuses to overflow.  The
   * sums come by organisation: each starts a row of its own. */
  for (guint i = 0; i < totals->sums->len; i++)
    {
      const TsPaymentsSum *s = &g_array_index (totals->sums, TsPaymentsSum, i);
      int y, m, idx;
      TsPaymentsAuditMonth *pm;
      TsPaymentsAuditOrganisation *po;

      if (!ts_month_parse (s->month, &y, &m) || !ts_fiscal_year_contains_month (fiscal_year, y, m))
        continue;
      idx = ts_fiscal_month_index (m);
      pm = &audit->months[idx];
      po = audit_organisation (audit->organisations, s->organisation_id);
      if (!ts_money_add (&po->total_yen, s->total_yen) ||
          !ts_money_add (&po->by_kind[s->kind], s->total_yen) ||
          !ts_money_add (&po->by_payee_type[s->payee_type], s->total_yen) ||
          !ts_money_add (&pm->total_yen, s->total_yen) ||
          !ts_money_add (&pm->by_kind[s->kind], s->total_yen) ||
          !ts_money_add (&pm->by_payee_type[s->payee_type], s->total_yen) ||
          !ts_money_add (&audit->total_yen, s->total_yen) ||
          !ts_money_add (&audit->by_kind[s->kind], s->total_yen) ||
          !ts_money_add (&audit->by_payee_type[s->payee_type], s->total_yen))
        {
          overflow (error);
          return NULL;
        }
    }
  audit->payees = g_steal_pointer (&totals->payees);
  audit->unissued_yen = totals->unissued_yen;

  if (!ts_store_budget_get (store, fiscal_year, &budget, &audit->has_budget, error))
    return NULL;
  if (audit->has_budget &&
      ts_money_budget_usage (budget.amount_yen, audit->total_yen, &audit->usage) != TS_MONEY_OK)
    {
      overflow (error);
      return NULL;
    }
  return g_steal_pointer (&audit);
}

typedef struct {
  TsService      *service;
  TsContext      *ctx;
  TsBudgetRecord *budget;
  gboolean        created;
} BudgetWrite;

static gboolean
write_budget (TsStore *store, gpointer user_data, GError **error)
{
  BudgetWrite *w = user_data;

  return ts_store_budget_set (store, w->budget, &w->created, error) &&
         ts_service_audit (w->service, w->ctx, w->created ? "create" : "update", "budget",
                           w->budget->fiscal_year, error);
}

gboolean
ts_service_budget_set (TsService *self, TsContext *ctx, int fiscal_year, gint64 amount_yen,
                       TsBudgetRecord *out, gboolean *out_created, GError **error)
{
  TsBudgetRecord budget = { fiscal_year, amount_yen, ctx->user_id,
                            g_get_real_time () / G_USEC_PER_SEC };
  BudgetWrite w = { self, ctx, &budget, FALSE };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  if (amount_yen < 0)
    ts_field_errors_add (ctx->errors, "amount_yen", N_("Must not be negative"));
  else if (amount_yen > TS_BUDGET_MAX_YEN)
    ts_field_errors_add (ctx->errors, "amount_yen", N_("Out of range"));
  if (!check_fiscal_year (ctx, fiscal_year, error) ||
      !ts_store_write (ts_service_get_store (self), write_budget, &w, error))
    return FALSE;
  if (out != NULL)
    *out = budget;
  if (out_created != NULL)
    *out_created = w.created;
  return TRUE;
}

GArray *
ts_service_budget_list (TsService *self, TsContext *ctx, GError **error)
{
  (void) ctx;
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return ts_store_budget_list (ts_service_get_store (self), error);
}
