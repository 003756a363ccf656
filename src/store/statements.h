/*
 * Monthly statements (tables `statements` and `statement_runs`, migration
 * 0006), the programme budgets and the sums the payments audit reads.
 *
 * A month is issued per organisation (migration 0012) by one write: every
 * statement of the month of the organisation's payees, the lines they take
 * from the ledger and the (month, organisation) statement_runs row, or
 * nothing at all.  The row makes a second issue find the first; the UNIQUE
 * (month, payee) and the triggers hold even if a caller forgot to look.
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "store/ledger.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64      id;
  char        month[8];             /* "YYYY-MM" */
  TsPayeeType payee_type;
  gint64      payee_id;
  char       *payee_name;           /* as when issued; NULL: unknown */
  gint64      total_yen;
  guint       n_lines;
  gint64      issued_at;            /* Unix seconds */
  TsDate      paid_on;              /* TS_DATE_NONE: not paid yet */
  GArray     *lines;                /* TsLedgerEntry by id; NULL when not read */
  gint64      organisation_id;      /* the payee's (SPEC 2.6), as it is now */
} TsStatementRecord;

void ts_statement_record_free (TsStatementRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStatementRecord, ts_statement_record_free)

/* A month issued for one organisation (SPEC 2.6: every write is limited
 * to the caller's organisation; schema 12): the statements of the payees
 * of that organisation (supporters.organisation_id,
 * hosts.organisation_id). */
typedef struct {
  char   month[8];
  gint64 organisation_id;
  gint64 issued_at;
  gint64 user_id;
  guint  n_statements;
  gint64 total_yen;
} TsStatementRun;

/* Writer thread only.  Issues @month ("YYYY-MM") for every organisation
 * of @scope (gint64 ascending; NULL: every organisation) that has not
 * issued it yet, and writes a run per organisation issued: a statement
 * per payee of those organisations with unissued lines earned in @month,
 * plus unissued adjustment lines earned in earlier months (approved or
 * reversed after their own month was issued: "paid in the next month that
 * is issued", SPEC 3.2).  Appends the runs written to @out_runs (may be
 * NULL): none when every organisation of @scope had issued @month. */
gboolean ts_store_statements_issue      (TsStore         *self,
                                         const char      *month,
                                         const GArray    *scope,
                                         gint64           now,
                                         gint64           user_id,
                                         GArray          *out_runs,
                                         GError         **error);
/* @paid_on once; TS_ERROR_INVALID_TRANSITION when already paid. */
gboolean ts_store_statement_mark_paid   (TsStore         *self,
                                         gint64           id,
                                         TsDate           paid_on,
                                         gint64           user_id,
                                         GError         **error);

/* Any thread, also inside a write function.  The runs of @month of the
 * organisations of @scope (NULL: all), by organisation: GArray of
 * TsStatementRun.  *@out_n_organisations (may be NULL): how many
 * organisations @scope holds, issued or not. */
GArray  *ts_store_statement_runs        (TsStore         *self,
                                         const char      *month,
                                         const GArray    *scope,
                                         guint           *out_n_organisations,
                                         GError         **error);
/* Any thread, also inside a write function.  Whether the organisation of
 * the payee has issued @month. */
gboolean ts_store_statement_month_issued_for (TsStore    *self,
                                              const char *month,
                                              TsPayeeType payee_type,
                                              gint64      payee_id,
                                              gboolean   *out_issued,
                                              GError    **error);

typedef struct {
  const char  *month;               /* required */
  gboolean     has_payee;
  TsPayeeType  payee_type;
  gint64       payee_id;
  gboolean     with_lines;
  /* SPEC 2.6: only statements of payees of these organisations (gint64
   * ascending); NULL: all. */
  const GArray *scope;
} TsStatementFilter;

/* The statements of a month by payee (supporters first, then hosts, each
 * by id), in one snapshot with their lines; GPtrArray of
 * TsStatementRecord*. */
GPtrArray         *ts_store_statement_list (TsStore                 *self,
                                            const TsStatementFilter *filter,
                                            GError                 **error);
/* One statement with its lines; NULL with TS_ERROR_NOT_FOUND. */
TsStatementRecord *ts_store_statement_get  (TsStore                 *self,
                                            gint64                   id,
                                            GError                 **error);

/* ---- budgets ---------------------------------------------------------- */

typedef struct {
  int    fiscal_year;
  gint64 amount_yen;
  gint64 user_id;
  gint64 updated_at;
} TsBudgetRecord;

/* Writer thread only: sets (or replaces) a fiscal year's budget. */
gboolean ts_store_budget_set  (TsStore              *self,
                               const TsBudgetRecord *budget,
                               gboolean             *out_created,
                               GError              **error);
/* Any thread.  *@out_found FALSE when none is set. */
gboolean ts_store_budget_get  (TsStore              *self,
                               int                   fiscal_year,
                               TsBudgetRecord       *out,
                               gboolean             *out_found,
                               GError              **error);
/* Every budget, oldest year first: GArray of TsBudgetRecord. */
GArray  *ts_store_budget_list (TsStore              *self,
                               GError              **error);

/* ---- the payments audit ----------------------------------------------- */

/* One sum of issued lines: statements of @month, lines of @kind for
 * payees of @payee_type of @organisation_id. */
typedef struct {
  gint64      organisation_id;      /* the payee's (SPEC 2.6) */
  char        month[8];
  TsPayeeType payee_type;
  TsLineKind  kind;
  gint64      total_yen;
  guint       n_lines;
} TsPaymentsSum;

/* One payee's issued total over the months. */
typedef struct {
  gint64      organisation_id;      /* the payee's (SPEC 2.6) */
  TsPayeeType payee_type;
  gint64      payee_id;
  char       *payee_name;
  char       *payee_code;           /* a supporter's number (NULL: a host) */
  gint64      total_yen;
  guint       n_statements;
} TsPayeeSum;

void ts_payee_sum_clear (gpointer sum);

typedef struct {
  GArray *sums;                     /* TsPaymentsSum */
  GArray *payees;                   /* TsPayeeSum, by payee type and id */
  gint64  unissued_yen;             /* approved lines earned in the months, not yet issued */
  guint   unissued_lines;
} TsPaymentsTotals;

void ts_payments_totals_free (TsPaymentsTotals *totals);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPaymentsTotals, ts_payments_totals_free)

/* The issued lines of the statements of months @first … @last ("YYYY-MM",
 * inclusive), in one snapshot, of payees of the organisations in @scope
 * (gint64 ascending; NULL: all), by organisation. */
TsPaymentsTotals *ts_store_payments_totals (TsStore      *self,
                                            const char   *first_month,
                                            const char   *last_month,
                                            const GArray *scope,
                                            GError      **error);

G_END_DECLS
