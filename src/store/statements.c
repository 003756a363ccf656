/*
 * Monthly statements, budgets and the payments audit's sums (see
 * statements.h).
 */
#include "store/statements.h"
#include "store/store-private.h"

#include <string.h>

#include "core/error.h"
#include "core/i18n.h"

void
ts_statement_record_free (TsStatementRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->payee_name);
  g_clear_pointer (&record->lines, g_array_unref);
  g_free (record);
}

/* ---- issuing -------------------------------------------------------- */

/* The organisation of a statement's or a line's payee (SPEC 2.6): the
 * supporter's or the host's, as it is now. */
#define PAYEE_ORGANISATION(t) \
  "(CASE " t ".payee_type WHEN 'host'" \
  " THEN (SELECT h.organisation_id FROM hosts h WHERE h.id = " t ".payee_id)" \
  " ELSE (SELECT s.organisation_id FROM supporters s WHERE s.id = " t ".payee_id) END)"

/* The lines a run of ?1 issues, of payees of the organisations bound to
 * :scope: not issued yet, earned in ?1, or earlier as an adjustment (an
 * earlier month's line approved after that month was issued), or earlier
 * in a month that the payee's organisation has issued already (a line the
 * run of its own month could not take: its payee had moved from another
 * organisation, or already had a statement of that month from the
 * organisation it belonged to then).  A payee that already has a
 * statement of ?1 (issued by the organisation it belonged to then) gets
 * none now: its lines wait for the organisation's next month. */
#define LINES_TO_ISSUE \
  " le.statement_id IS NULL AND le.earned_month <= ?1" \
  " AND (le.earned_month = ?1 OR le.kind = 'adjustment'" \
  " OR EXISTS (SELECT 1 FROM statement_runs r WHERE r.month = le.earned_month" \
  " AND r.organisation_id = " PAYEE_ORGANISATION ("le") "))" \
  " AND " TS_SCOPE_SQL (PAYEE_ORGANISATION ("le"))

/* Host names come from the placements' table; a database without it (or
 * without host lines) keeps NULL, which the statement shows as unknown. */
static void
fill_host_names (TsStore *self, gint64 first_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "UPDATE statements SET payee_name ="
                                                " (SELECT h.name FROM hosts h"
                                                " WHERE h.id = statements.payee_id)"
                                                " WHERE id >= ? AND payee_type = 'host'"
                                                " AND payee_name IS NULL", first_id, &error);
  if (stmt == NULL || !ts_store_step_done (self, stmt, &error))
    g_debug ("payee labels not filled: %s", error != NULL ? error->message : "?");
}

static void
run_from_row (TsStmt *stmt, gpointer element)
{
  TsStatementRun *run = element;
  const char *month = (const char *) sqlite3_column_text (stmt, 0);

  memset (run, 0, sizeof *run);
  g_strlcpy (run->month, month != NULL ? month : "", sizeof run->month);
  run->organisation_id = sqlite3_column_int64 (stmt, 1);
  run->issued_at = sqlite3_column_int64 (stmt, 2);
  run->user_id = sqlite3_column_int64 (stmt, 3);
  run->n_statements = (guint) sqlite3_column_int64 (stmt, 4);
  run->total_yen = sqlite3_column_int64 (stmt, 5);
}

static void
id_from_row (TsStmt *stmt, gpointer element)
{
  *(gint64 *) element = sqlite3_column_int64 (stmt, 0);
}

gboolean
ts_store_statements_issue (TsStore *self, const char *month, const GArray *scope, gint64 now,
                           gint64 user_id, GArray *out_runs, GError **error)
{
  g_autoptr(TsStmt) orgs = NULL;
  g_autoptr(TsStmt) first = NULL;
  g_autoptr(TsStmt) insert = NULL;
  g_autoptr(TsStmt) assign = NULL;
  g_autoptr(TsStmt) runs = NULL;
  g_autoptr(TsStmt) read = NULL;
  g_autoptr(GArray) issuing = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 first_id;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (month != NULL && strlen (month) == 7, FALSE);

  /* The organisations of @scope that have not issued the month.  (?1
   * comes first in each statement's text: :scope then takes index 2.) */
  orgs = ts_store_prepare (self,
                           "SELECT o.id FROM organisations o WHERE NOT EXISTS"
                           " (SELECT 1 FROM statement_runs r WHERE r.month = ?1"
                           " AND r.organisation_id = o.id) AND " TS_SCOPE_SQL ("o.id")
                           " ORDER BY o.id",
                           error);
  if (orgs == NULL)
    return FALSE;
  sqlite3_bind_text (orgs, 1, month, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_scope (orgs, scope);
  if (!ts_store_collect_into (self, orgs, issuing, id_from_row, error))
    return FALSE;
  if (issuing->len == 0)
    return TRUE;

  /* This run's statements are those after the last one there is. */
  first = ts_store_prepare (self, "SELECT coalesce (max (id), 0) + 1 FROM statements", error);
  if (first == NULL || ts_store_step (self, first, error) != SQLITE_ROW)
    return FALSE;
  first_id = sqlite3_column_int64 (first, 0);

  /* One statement per payee with lines to pay, supporters first; the name
   * is kept as it was on the day of issue, so that the statement reads the
   * same for ever. */
  insert = ts_store_prepare (self,
                             "INSERT INTO statements (month, payee_type, payee_id, payee_name,"
                             " total_yen, n_lines, issued_at)"
                             " SELECT ?1, le.payee_type, le.payee_id,"
                             " CASE le.payee_type WHEN 'supporter' THEN"
                             " (SELECT s.name FROM supporters s WHERE s.id = le.payee_id) END,"
                             " sum (le.amount_yen), count (*), ?2"
                             " FROM ledger_entries le WHERE" LINES_TO_ISSUE
                             " AND NOT EXISTS (SELECT 1 FROM statements o WHERE o.month = ?1"
                             " AND o.payee_type = le.payee_type AND o.payee_id = le.payee_id)"
                             " GROUP BY le.payee_type, le.payee_id"
                             " ORDER BY le.payee_type DESC, le.payee_id", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, now);
  ts_stmt_bind_scope (insert, issuing);
  if (!ts_store_step_done (self, insert, error))
    return FALSE;
  fill_host_names (self, first_id);

  /* The same lines, now owned by this run's statements. */
#define NEW_STATEMENT \
  "(SELECT st.id FROM statements st WHERE st.id >= ?2 AND st.month = ?1" \
  " AND st.payee_type = le.payee_type AND st.payee_id = le.payee_id)"
  assign = ts_store_prepare (self,
                             "UPDATE ledger_entries AS le SET statement_id = " NEW_STATEMENT
                             " WHERE" LINES_TO_ISSUE " AND " NEW_STATEMENT " IS NOT NULL", error);
#undef NEW_STATEMENT
  if (assign == NULL)
    return FALSE;
  sqlite3_bind_text (assign, 1, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (assign, 2, first_id);
  ts_stmt_bind_scope (assign, issuing);
  if (!ts_store_step_done (self, assign, error))
    return FALSE;

  /* A run per organisation issued, with the count and total of its
   * payees' statements. */
  runs = ts_store_prepare (self,
                           "INSERT INTO statement_runs (month, organisation_id, issued_at, user_id,"
                           " n_statements, total_yen)"
                           " SELECT ?1, o.id, ?2, ?3,"
                           " (SELECT count (*) FROM statements st WHERE st.id >= ?4"
                           " AND " PAYEE_ORGANISATION ("st") " = o.id),"
                           " (SELECT coalesce (sum (st.total_yen), 0) FROM statements st"
                           " WHERE st.id >= ?4 AND " PAYEE_ORGANISATION ("st") " = o.id)"
                           " FROM organisations o WHERE " TS_SCOPE_SQL ("o.id"), error);
  if (runs == NULL)
    return FALSE;
  sqlite3_bind_text (runs, 1, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (runs, 2, now);
  ts_stmt_bind_id_or_null (runs, 3, user_id);
  sqlite3_bind_int64 (runs, 4, first_id);
  ts_stmt_bind_scope (runs, issuing);
  if (!ts_store_step_done (self, runs, error))
    return FALSE;
  if (out_runs == NULL)
    return TRUE;

  read = ts_store_prepare (self,
                           "SELECT month, organisation_id, issued_at, user_id, n_statements,"
                           " total_yen FROM statement_runs WHERE month = ?1"
                           " AND " TS_SCOPE_SQL ("organisation_id") " ORDER BY organisation_id",
                           error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_text (read, 1, month, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_scope (read, issuing);
  return ts_store_collect_into (self, read, out_runs, run_from_row, error);
}

gboolean
ts_store_statement_mark_paid (TsStore *self, gint64 id, TsDate paid_on, gint64 user_id,
                              GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self,
                           "UPDATE statements SET paid_on = ?, paid_by = ?"
                           " WHERE id = ? AND paid_on IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_date_or_null (stmt, 1, paid_on);
  ts_stmt_bind_id_or_null (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (ts_store_changes (self) == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("The statement is already marked as paid"));
      return FALSE;
    }
  return TRUE;
}

GArray *
ts_store_statement_runs (TsStore *self, const char *month, const GArray *scope,
                         guint *out_n_organisations, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TsStatementRun));
  guint n = 0;
  int rc;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  /* Every organisation of the scope, with its run when it has one. */
  stmt = ts_store_prepare (self,
                           "SELECT ?1, o.id, r.issued_at, r.user_id, r.n_statements, r.total_yen"
                           " FROM organisations o LEFT JOIN statement_runs r"
                           " ON r.month = ?1 AND r.organisation_id = o.id"
                           " WHERE " TS_SCOPE_SQL ("o.id") " ORDER BY o.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_scope (stmt, scope);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsStatementRun run;

      n++;
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        continue;
      run_from_row (stmt, &run);
      g_array_append_val (out, run);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  if (out_n_organisations != NULL)
    *out_n_organisations = n;
  return g_steal_pointer (&out);
}

gboolean
ts_store_statement_month_issued_for (TsStore *self, const char *month, TsPayeeType payee_type,
                                     gint64 payee_id, gboolean *out_issued, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  *out_issued = FALSE;
  stmt = ts_store_prepare (self,
                           "SELECT EXISTS (SELECT 1 FROM statement_runs r WHERE r.month = ?1"
                           " AND r.organisation_id = (CASE ?2 WHEN 'host'"
                           " THEN (SELECT h.organisation_id FROM hosts h WHERE h.id = ?3)"
                           " ELSE (SELECT s.organisation_id FROM supporters s WHERE s.id = ?3)"
                           " END))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ts_payee_type_to_string (payee_type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, payee_id);
  rc = ts_store_step (self, stmt, error);
  if (rc != SQLITE_ROW)
    return FALSE;
  *out_issued = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* ---- reading statements ---------------------------------------------- */

#define STATEMENT_COLUMNS \
  "st.id, st.month, st.payee_type, st.payee_id, st.payee_name, st.total_yen, st.n_lines," \
  " st.issued_at, st.paid_on, " PAYEE_ORGANISATION ("st")

#define LINE_COLUMNS \
  "le.id, le.payee_type, le.payee_id, le.kind, le.adjusts, le.amount_yen, le.activity_id," \
  " le.attendance_id, le.earned_on, le.earned_month, le.statement_id, le.created_at," \
  " (SELECT a.kind FROM activities a WHERE a.id = le.activity_id)," \
  " (SELECT a.minutes FROM activities a WHERE a.id = le.activity_id)," \
  " le.event_staff_id," \
  " (SELECT es.event_id FROM event_staff es WHERE es.id = le.event_staff_id)," \
  " (SELECT es.minutes FROM event_staff es WHERE es.id = le.event_staff_id)"

static void
statement_fill (TsStmt *stmt, TsStatementRecord *r)
{
  const char *month = (const char *) sqlite3_column_text (stmt, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  g_strlcpy (r->month, month != NULL ? month : "", sizeof r->month);
  ts_payee_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &r->payee_type);
  r->payee_id = sqlite3_column_int64 (stmt, 3);
  r->payee_name = ts_stmt_column_dup (stmt, 4);
  r->total_yen = sqlite3_column_int64 (stmt, 5);
  r->n_lines = (guint) sqlite3_column_int64 (stmt, 6);
  r->issued_at = sqlite3_column_int64 (stmt, 7);
  r->paid_on = ts_stmt_column_date (stmt, 8);
  r->organisation_id = sqlite3_column_int64 (stmt, 9);
}

static gpointer
statement_from_row (TsStmt *stmt)
{
  TsStatementRecord *r = g_new0 (TsStatementRecord, 1);

  statement_fill (stmt, r);
  return r;
}

static void
line_from_row (TsStmt *stmt, TsLedgerEntry *e)
{
  const char *month = (const char *) sqlite3_column_text (stmt, 9);
  const char *kind;

  memset (e, 0, sizeof *e);
  e->id = sqlite3_column_int64 (stmt, 0);
  ts_payee_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &e->payee_type);
  e->payee_id = sqlite3_column_int64 (stmt, 2);
  ts_line_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &e->kind);
  e->adjusts = e->kind;
  ts_line_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &e->adjusts);
  e->amount_yen = sqlite3_column_int64 (stmt, 5);
  e->activity_id = sqlite3_column_int64 (stmt, 6);
  e->attendance_id = sqlite3_column_int64 (stmt, 7);
  e->earned_on = ts_stmt_column_date (stmt, 8);
  g_strlcpy (e->earned_month, month != NULL ? month : "", sizeof e->earned_month);
  e->statement_id = sqlite3_column_int64 (stmt, 10);
  e->created_at = sqlite3_column_int64 (stmt, 11);
  kind = (const char *) sqlite3_column_text (stmt, 12);
  g_strlcpy (e->activity_kind, kind != NULL ? kind : "", sizeof e->activity_kind);
  e->activity_minutes = sqlite3_column_int (stmt, 13);
  e->event_staff_id = sqlite3_column_int64 (stmt, 14);
  e->event_id = sqlite3_column_int64 (stmt, 15);
  e->event_minutes = sqlite3_column_int (stmt, 16);
}

typedef struct {
  const TsStatementFilter *filter;
  GPtrArray               *out;
} ListData;

/* sql with ?1 and ?2 bound to two texts (a month and a payee type, or the
 * first and last month of a range); NULL binds NULL. */
static TsStmt *
prepare_texts (TsStore *self, const char *sql, const char *first, const char *second,
               GError **error)
{
  TsStmt *stmt = ts_store_prepare (self, sql, error);

  if (stmt != NULL)
    {
      ts_stmt_bind_text_or_null (stmt, 1, first);
      ts_stmt_bind_text_or_null (stmt, 2, second);
    }
  return stmt;
}

/* Lines come in statement order (statement ids were given in the same
 * order as the list), so each is appended to the current statement. */
static gboolean
attach_lines (TsStore *self, TsStmt *stmt, GPtrArray *statements, GError **error)
{
  guint next = 0;
  int rc;

  for (guint i = 0; i < statements->len; i++)
    ((TsStatementRecord *) statements->pdata[i])->lines =
      g_array_new (FALSE, TRUE, sizeof (TsLedgerEntry));
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsLedgerEntry e;

      line_from_row (stmt, &e);
      while (next < statements->len &&
             ((TsStatementRecord *) statements->pdata[next])->id != e.statement_id)
        next++;
      if (next == statements->len)
        {
          g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL,
                               "A ledger line out of statement order");
          return FALSE;
        }
      g_array_append_val (((TsStatementRecord *) statements->pdata[next])->lines, e);
    }
  return rc == SQLITE_DONE;
}

static gboolean
list_statements (TsStore *self, gpointer user_data, GError **error)
{
  ListData *d = user_data;
  const TsStatementFilter *f = d->filter;
  const char *payee_type = f->has_payee ? ts_payee_type_to_string (f->payee_type) : NULL;
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(TsStmt) lines = NULL;

  /* The month's statements, of one payee when the filter names one. */
  stmt = prepare_texts (self,
                        "SELECT " STATEMENT_COLUMNS " FROM statements st"
                        " WHERE st.month = ?1 AND (?2 IS NULL OR (st.payee_type = ?2"
                        " AND st.payee_id = ?3)) AND " TS_SCOPE_SQL (PAYEE_ORGANISATION ("st"))
                        " ORDER BY st.id", f->month, payee_type, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, f->payee_id);
  ts_stmt_bind_scope (stmt, f->scope);
  d->out = ts_store_collect (self, stmt, statement_from_row,
                             (GDestroyNotify) ts_statement_record_free, error);
  if (d->out == NULL)
    return FALSE;
  if (!f->with_lines || d->out->len == 0)
    return TRUE;

  lines = prepare_texts (self,
                         "SELECT " LINE_COLUMNS " FROM statements st"
                         " JOIN ledger_entries le ON le.statement_id = st.id"
                         " WHERE st.month = ?1 AND (?2 IS NULL OR (st.payee_type = ?2"
                         " AND st.payee_id = ?3)) AND " TS_SCOPE_SQL (PAYEE_ORGANISATION ("st"))
                         " ORDER BY st.id, le.id", f->month, payee_type, error);
  if (lines == NULL)
    return FALSE;
  sqlite3_bind_int64 (lines, 3, f->payee_id);
  ts_stmt_bind_scope (lines, f->scope);
  return attach_lines (self, lines, d->out, error);
}

GPtrArray *
ts_store_statement_list (TsStore *self, const TsStatementFilter *filter, GError **error)
{
  ListData d = { filter, NULL };

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  g_return_val_if_fail (filter->month != NULL, NULL);
  if (!ts_store_read (self, list_statements, &d, error))
    {
      g_clear_pointer (&d.out, g_ptr_array_unref);
      return NULL;
    }
  return d.out;
}

/* Fills the record whose id is set. */
static gboolean
get_statement (TsStore *self, gpointer user_data, GError **error)
{
  TsStatementRecord *r = user_data;
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(TsStmt) lines = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  stmt = ts_store_prepare_id (self,
                              "SELECT " STATEMENT_COLUMNS " FROM statements st WHERE st.id = ?",
                              r->id, error);
  if (stmt == NULL)
    return FALSE;
  if (!ts_store_step_row (self, stmt, N_("No such statement"), error))
    return FALSE;
  statement_fill (stmt, r);
  lines = ts_store_prepare_id (self,
                               "SELECT " LINE_COLUMNS " FROM ledger_entries le"
                               " WHERE le.statement_id = ? ORDER BY le.id", r->id, error);
  g_ptr_array_add (one, r);
  return lines != NULL && attach_lines (self, lines, one, error);
}

TsStatementRecord *
ts_store_statement_get (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStatementRecord) r = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  r = g_new0 (TsStatementRecord, 1);
  r->id = id;
  if (!ts_store_read (self, get_statement, r, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* ---- budgets -------------------------------------------------------- */

gboolean
ts_store_budget_set (TsStore *self, const TsBudgetRecord *b, gboolean *out_created,
                     GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  TsBudgetRecord old;
  gboolean found;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  if (!ts_store_budget_get (self, b->fiscal_year, &old, &found, error))
    return FALSE;
  stmt = ts_store_prepare (self,
                           "INSERT INTO budgets (fiscal_year, amount_yen, user_id, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (fiscal_year) DO UPDATE SET"
                           " amount_yen = ?2, user_id = ?3, updated_at = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, b->fiscal_year);
  sqlite3_bind_int64 (stmt, 2, b->amount_yen);
  ts_stmt_bind_id_or_null (stmt, 3, b->user_id);
  sqlite3_bind_int64 (stmt, 4, b->updated_at);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_created != NULL)
    *out_created = !found;
  return TRUE;
}

static void
budget_from_row (TsStmt *stmt, gpointer element)
{
  TsBudgetRecord *out = element;

  out->fiscal_year = sqlite3_column_int (stmt, 0);
  out->amount_yen = sqlite3_column_int64 (stmt, 1);
  out->user_id = sqlite3_column_int64 (stmt, 2);
  out->updated_at = sqlite3_column_int64 (stmt, 3);
}

gboolean
ts_store_budget_get (TsStore *self, int fiscal_year, TsBudgetRecord *out, gboolean *out_found,
                     GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  *out_found = FALSE;
  stmt = ts_store_prepare (self,
                           "SELECT fiscal_year, amount_yen, user_id, updated_at FROM budgets"
                           " WHERE fiscal_year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, fiscal_year);
  return ts_store_fetch_into (self, stmt, out, budget_from_row, out_found, error);
}

GArray *
ts_store_budget_list (TsStore *self, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TsBudgetRecord));

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  stmt = ts_store_prepare (self,
                           "SELECT fiscal_year, amount_yen, user_id, updated_at FROM budgets"
                           " ORDER BY fiscal_year", error);
  if (stmt == NULL || !ts_store_collect_into (self, stmt, out, budget_from_row, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* ---- the payments audit --------------------------------------------- */

void
ts_payee_sum_clear (gpointer data)
{
  TsPayeeSum *sum = data;
  g_clear_pointer (&sum->payee_name, g_free);
  g_clear_pointer (&sum->payee_code, g_free);
}

void
ts_payments_totals_free (TsPaymentsTotals *totals)
{
  if (totals == NULL)
    return;
  g_clear_pointer (&totals->sums, g_array_unref);
  g_clear_pointer (&totals->payees, g_array_unref);
  g_free (totals);
}

typedef struct {
  const char       *first;
  const char       *last;
  const GArray     *scope;
  TsPaymentsTotals *totals;
} TotalsData;

static void
sum_from_row (TsStmt *stmt, gpointer element)
{
  TsPaymentsSum *s = element;

  g_strlcpy (s->month, (const char *) sqlite3_column_text (stmt, 0), sizeof s->month);
  ts_payee_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &s->payee_type);
  ts_line_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &s->kind);
  s->total_yen = sqlite3_column_int64 (stmt, 3);
  s->n_lines = (guint) sqlite3_column_int64 (stmt, 4);
  s->organisation_id = sqlite3_column_int64 (stmt, 5);
}

static void
payee_sum_from_row (TsStmt *stmt, gpointer element)
{
  TsPayeeSum *p = element;

  ts_payee_type_from_string ((const char *) sqlite3_column_text (stmt, 0), &p->payee_type);
  p->payee_id = sqlite3_column_int64 (stmt, 1);
  p->payee_name = ts_stmt_column_dup (stmt, 3);
  p->total_yen = sqlite3_column_int64 (stmt, 4);
  p->n_statements = (guint) sqlite3_column_int64 (stmt, 5);
  p->organisation_id = sqlite3_column_int64 (stmt, 6);
  p->payee_code = ts_stmt_column_dup (stmt, 7);
}

/* Every sum by the payee's organisation (SPEC 2.6, issue 13: "payment
 * audits group by organisation"), of the organisations in scope only. */
static gboolean
read_totals (TsStore *self, gpointer user_data, GError **error)
{
  TotalsData *d = user_data;
  g_autoptr(TsStmt) sums = NULL;
  g_autoptr(TsStmt) payees = NULL;
  g_autoptr(TsStmt) unissued = NULL;

  sums = prepare_texts (self,
                        "SELECT st.month, le.payee_type, le.kind, sum (le.amount_yen), count (*),"
                        " " PAYEE_ORGANISATION ("le") " AS org"
                        " FROM statements st JOIN ledger_entries le ON le.statement_id = st.id"
                        " WHERE st.month BETWEEN ?1 AND ?2"
                        " AND " TS_SCOPE_SQL (PAYEE_ORGANISATION ("le"))
                        " GROUP BY org, st.month, le.payee_type, le.kind"
                        " ORDER BY org, st.month, le.payee_type DESC, le.kind",
                        d->first, d->last, error);
  if (sums == NULL)
    return FALSE;
  ts_stmt_bind_scope (sums, d->scope);
  if (!ts_store_collect_into (self, sums, d->totals->sums, sum_from_row, error))
    return FALSE;

  /* SQLite takes the bare payee_name from the row of max (month): the
   * name on the latest statement. */
  payees = prepare_texts (self,
                          "SELECT st.payee_type, st.payee_id, max (st.month), st.payee_name,"
                          " sum (st.total_yen), count (*), " PAYEE_ORGANISATION ("st") " AS org,"
                          " (SELECT sp.code FROM supporters sp WHERE sp.id = st.payee_id"
                          "  AND st.payee_type = 'supporter')"
                          " FROM statements st WHERE st.month BETWEEN ?1 AND ?2"
                          " AND " TS_SCOPE_SQL (PAYEE_ORGANISATION ("st"))
                          " GROUP BY st.payee_type, st.payee_id"
                          " ORDER BY org, st.payee_type DESC, st.payee_id", d->first, d->last,
                          error);
  if (payees == NULL)
    return FALSE;
  ts_stmt_bind_scope (payees, d->scope);
  if (!ts_store_collect_into (self, payees, d->totals->payees, payee_sum_from_row, error))
    return FALSE;

  unissued = prepare_texts (self,
                            "SELECT coalesce (sum (le.amount_yen), 0), count (*)"
                            " FROM ledger_entries le"
                            " WHERE le.statement_id IS NULL AND le.earned_month BETWEEN ?1 AND ?2"
                            " AND " TS_SCOPE_SQL (PAYEE_ORGANISATION ("le")),
                            d->first, d->last, error);
  if (unissued == NULL)
    return FALSE;
  ts_stmt_bind_scope (unissued, d->scope);
  if (ts_store_step (self, unissued, error) != SQLITE_ROW)
    return FALSE;
  d->totals->unissued_yen = sqlite3_column_int64 (unissued, 0);
  d->totals->unissued_lines = (guint) sqlite3_column_int64 (unissued, 1);
  return TRUE;
}

TsPaymentsTotals *
ts_store_payments_totals (TsStore *self, const char *first_month, const char *last_month,
                          const GArray *scope, GError **error)
{
  g_autoptr(TsPaymentsTotals) totals = g_new0 (TsPaymentsTotals, 1);
  TotalsData d = { first_month, last_month, scope, totals };

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  totals->sums = g_array_new (FALSE, TRUE, sizeof (TsPaymentsSum));
  totals->payees = g_array_new (FALSE, TRUE, sizeof (TsPayeeSum));
  g_array_set_clear_func (totals->payees, ts_payee_sum_clear);
  if (!ts_store_read (self, read_totals, &d, error))
    return NULL;
  return g_steal_pointer (&totals);
}
