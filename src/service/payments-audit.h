/*
 * The payments audit (SPEC 2.5; issue 5): a fiscal year's (年度, April to
 * March) issued payments by month, by line kind and by payee, against the
 * programme budget (Bunkyo's scheme had 3,207千円 in 令和7年度, seed 004).
 *
 * The sums are of issued statement lines, by the month of the statement
 * that pays them: an adjustment counts in the month it is paid.  Approved
 * lines not issued yet are shown apart (`unissued_yen`).
 */
#pragma once

#include "domain/fiscal.h"
#include "domain/money.h"
#include "service/service.h"
#include "store/statements.h"

G_BEGIN_DECLS

typedef struct {
  char   month[8];                          /* "YYYY-MM" */
  gint64 total_yen;
  gint64 by_kind[TS_LINE_N_KINDS];          /* indexed by TsLineKind */
  gint64 by_payee_type[2];                  /* indexed by TsPayeeType */
} TsPaymentsAuditMonth;

/* One organisation's part of the year (SPEC 2.6, issue 13: "payment
 * audits group by organisation"): the payees' organisation. */
typedef struct {
  gint64 organisation_id;
  gint64 total_yen;
  gint64 by_kind[TS_LINE_N_KINDS];
  gint64 by_payee_type[2];
} TsPaymentsAuditOrganisation;

typedef struct {
  int                   fiscal_year;
  char                 *label_ja;           /* 令和7年度 */
  TsPaymentsAuditMonth  months[TS_FISCAL_YEAR_N_MONTHS];   /* April first */
  gint64                total_yen;
  gint64                by_kind[TS_LINE_N_KINDS];
  gint64                by_payee_type[2];
  GArray               *payees;             /* TsPayeeSum, by organisation */
  GArray               *organisations;      /* TsPaymentsAuditOrganisation by id */
  gint64                unissued_yen;
  gboolean              has_budget;
  TsBudgetUsage         usage;              /* with has_budget */
} TsPaymentsAudit;

void ts_payments_audit_free (TsPaymentsAudit *audit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPaymentsAudit, ts_payments_audit_free)

/* Auditors and administrators; audited as a read.  An auditor audits the
 * payees of its organisation and every one below it (SPEC 2.6), an
 * administrator all; the budget is the programme's, installation-wide. */
TsPaymentsAudit *ts_service_payments_audit (TsService  *self,
                                            TsContext  *ctx,
                                            int         fiscal_year,
                                            GError    **error);

/* The same sums for the payees of the organisations in @scope (NULL:
 * all), with no role check and no audit entry: for a use case that checks
 * and audits its caller itself (the statistics, issue 16). */
TsPaymentsAudit *ts_service_payments_audit_compute (TsService     *self,
                                                    int            fiscal_year,
                                                    const GArray  *scope,
                                                    GError       **error);

/* POST /v1/budgets: sets or replaces a fiscal year's budget. */
gboolean         ts_service_budget_set     (TsService       *self,
                                            TsContext       *ctx,
                                            int              fiscal_year,
                                            gint64           amount_yen,
                                            TsBudgetRecord  *out,
                                            gboolean        *out_created,
                                            GError         **error);
/* Every budget, oldest year first (GArray of TsBudgetRecord). */
GArray          *ts_service_budget_list    (TsService       *self,
                                            TsContext       *ctx,
                                            GError         **error);

G_END_DECLS
