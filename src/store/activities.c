/*
 * Activity reports and Idempotency-Key answers (see activities.h).
 */
#include "store/activities.h"
#include "store/store-private.h"

#include <string.h>

#include "core/error.h"
#include "core/i18n.h"
#include "store/supporters.h"

/* "YYYY-MM" of a date, the `month` column. */
static void
month_of (TsDate date, char buf[8])
{
  int y, m;

  ts_date_get_ymd (date, &y, &m, NULL);
  g_snprintf (buf, 8, "%04d-%02d", y, m);
}

#define ACTIVITY_COLUMNS \
  "a.id, a.assignment_id, a.supporter_id, a.case_id, a.date, a.start_min, a.minutes," \
  " a.kind, a.transport_yen, a.note, a.status, a.reported_by, a.on_behalf, a.reversal_of," \
  " (SELECT r.id FROM activities r WHERE r.reversal_of = a.id), a.honorarium_yen," \
  " a.transport_paid_yen, a.rates_effective_from, a.decided_by, a.decided_at," \
  " a.reject_reason, a.version, a.created_at, a.updated_at," \
  " (SELECT s.organisation_id FROM supporters s WHERE s.id = a.supporter_id)," \
  " (SELECT c.organisation_id FROM cases c WHERE c.id = a.case_id), a.visit_id," \
  " a.over_limit_reason"

static TsActivityRecord *
activity_from_row (TsStmt *stmt)
{
  TsActivityRecord *r = ts_activity_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->assignment_id = sqlite3_column_int64 (stmt, 1);
  r->supporter_id = sqlite3_column_int64 (stmt, 2);
  r->case_id = sqlite3_column_int64 (stmt, 3);
  r->date = ts_stmt_column_date (stmt, 4);
  r->start_min = sqlite3_column_int (stmt, 5);
  r->minutes = sqlite3_column_int (stmt, 6);
  r->kind = ts_stmt_column_dup (stmt, 7);
  r->transport_yen = sqlite3_column_int64 (stmt, 8);
  r->note = ts_stmt_column_dup (stmt, 9);
  if (!ts_activity_status_from_string ((const char *) sqlite3_column_text (stmt, 10), &r->status))
    r->status = TS_ACTIVITY_PENDING;
  r->reported_by = sqlite3_column_int64 (stmt, 11);
  r->on_behalf = sqlite3_column_int (stmt, 12) != 0;
  r->reversal_of = sqlite3_column_int64 (stmt, 13);
  r->reversed_by = sqlite3_column_int64 (stmt, 14);
  r->priced = sqlite3_column_type (stmt, 15) != SQLITE_NULL;
  r->honorarium_yen = sqlite3_column_int64 (stmt, 15);
  r->transport_paid_yen = sqlite3_column_int64 (stmt, 16);
  r->rates_effective_from = ts_stmt_column_date (stmt, 17);
  r->decided_by = sqlite3_column_int64 (stmt, 18);
  r->decided_at = sqlite3_column_int64 (stmt, 19);
  r->reject_reason = ts_stmt_column_dup (stmt, 20);
  r->version = sqlite3_column_int64 (stmt, 21);
  r->created_at = sqlite3_column_int64 (stmt, 22);
  r->updated_at = sqlite3_column_int64 (stmt, 23);
  r->supporter_organisation_id = sqlite3_column_int64 (stmt, 24);
  r->case_organisation_id = sqlite3_column_int64 (stmt, 25);
  r->visit_id = sqlite3_column_int64 (stmt, 26);
  r->over_limit_reason = ts_stmt_column_dup (stmt, 27);
  return r;
}

/* ---- writes --------------------------------------------------------- */

gboolean
ts_store_activity_insert (TsStore *self, const TsActivityRecord *r, gint64 now,
                          gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  char month[8];

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO activities (assignment_id, supporter_id, case_id, date,"
                           " month, start_min, minutes, kind, transport_yen, note, status,"
                           " reported_by, on_behalf, reversal_of, honorarium_yen,"
                           " transport_paid_yen, rates_effective_from, decided_by, decided_at,"
                           " created_at, updated_at, visit_id, over_limit_reason)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                           " ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  month_of (r->date, month);
  sqlite3_bind_int64 (stmt, 1, r->assignment_id);
  sqlite3_bind_int64 (stmt, 2, r->supporter_id);
  sqlite3_bind_int64 (stmt, 3, r->case_id);
  ts_stmt_bind_date_or_null (stmt, 4, r->date);
  sqlite3_bind_text (stmt, 5, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, r->start_min);
  sqlite3_bind_int (stmt, 7, r->minutes);
  sqlite3_bind_text (stmt, 8, r->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, r->transport_yen);
  ts_stmt_bind_text_or_null (stmt, 10, r->note);
  sqlite3_bind_text (stmt, 11, ts_activity_status_to_string (r->status), -1, SQLITE_STATIC);
  ts_stmt_bind_id_or_null (stmt, 12, r->reported_by);
  sqlite3_bind_int (stmt, 13, r->on_behalf ? 1 : 0);
  ts_stmt_bind_id_or_null (stmt, 14, r->reversal_of);
  if (r->priced)
    {
      sqlite3_bind_int64 (stmt, 15, r->honorarium_yen);
      sqlite3_bind_int64 (stmt, 16, r->transport_paid_yen);
    }
  else
    {
      sqlite3_bind_null (stmt, 15);
      sqlite3_bind_null (stmt, 16);
    }
  ts_stmt_bind_date_or_null (stmt, 17, r->rates_effective_from);
  ts_stmt_bind_id_or_null (stmt, 18, r->decided_by);
  if (r->decided_at > 0)
    sqlite3_bind_int64 (stmt, 19, r->decided_at);
  else
    sqlite3_bind_null (stmt, 19);
  sqlite3_bind_int64 (stmt, 20, now);
  sqlite3_bind_int64 (stmt, 21, now);
  ts_stmt_bind_id_or_null (stmt, 22, r->visit_id);
  ts_stmt_bind_text_or_null (stmt, 23, r->over_limit_reason);
  return ts_store_step_insert (self, stmt,
                               N_("This visit is already reported: withdraw that report first"),
                               out_id, error);
}

/* Steps an update of a pending row (*@stmt, released here) and says why it
 * changed nothing: gone, decided, or a newer version. */
static gboolean
step_pending (TsStore *self, TsStmt **stmt, gint64 id, GError **error)
{
  g_autoptr(TsActivityRecord) now = NULL;

  if (!ts_store_step_done (self, *stmt, error))
    return FALSE;
  if (ts_store_changes (self) > 0)
    return TRUE;
  g_clear_pointer (stmt, ts_stmt_release);
  now = ts_store_activity_get (self, id, error);
  if (now == NULL)
    return FALSE;
  if (now->status != TS_ACTIVITY_PENDING)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                         N_("The report is no longer pending"));
  else
    g_set_error_literal (error, TS_ERROR, TS_ERROR_PRECONDITION_FAILED,
                         N_("The report was changed by someone else"));
  return FALSE;
}

gboolean
ts_store_activity_update (TsStore *self, const TsActivityRecord *r, gint64 expected_version,
                          gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  char month[8];

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self,
                           "UPDATE activities SET date = ?, month = ?, start_min = ?, minutes = ?,"
                           " kind = ?, transport_yen = ?, note = ?, version = version + 1,"
                           " updated_at = ?"
                           " WHERE id = ? AND version = ? AND status = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  month_of (r->date, month);
  ts_stmt_bind_date_or_null (stmt, 1, r->date);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, r->start_min);
  sqlite3_bind_int (stmt, 4, r->minutes);
  sqlite3_bind_text (stmt, 5, r->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, r->transport_yen);
  ts_stmt_bind_text_or_null (stmt, 7, r->note);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_int64 (stmt, 9, r->id);
  sqlite3_bind_int64 (stmt, 10, expected_version);
  return step_pending (self, &stmt, r->id, error);
}

gboolean
ts_store_activity_decide (TsStore *self, const TsActivityRecord *r, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (r->status != TS_ACTIVITY_PENDING, FALSE);

  stmt = ts_store_prepare (self,
                           "UPDATE activities SET status = ?, honorarium_yen = ?,"
                           " transport_paid_yen = ?, rates_effective_from = ?, decided_by = ?,"
                           " decided_at = ?, reject_reason = ?, version = version + 1,"
                           " updated_at = ?"
                           " WHERE id = ? AND status = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ts_activity_status_to_string (r->status), -1, SQLITE_STATIC);
  if (r->status == TS_ACTIVITY_APPROVED)
    {
      sqlite3_bind_int64 (stmt, 2, r->honorarium_yen);
      sqlite3_bind_int64 (stmt, 3, r->transport_paid_yen);
    }
  else
    {
      sqlite3_bind_null (stmt, 2);
      sqlite3_bind_null (stmt, 3);
    }
  ts_stmt_bind_date_or_null (stmt, 4, r->status == TS_ACTIVITY_APPROVED
                                        ? r->rates_effective_from : TS_DATE_NONE);
  ts_stmt_bind_id_or_null (stmt, 5, r->decided_by);
  sqlite3_bind_int64 (stmt, 6, now);
  ts_stmt_bind_text_or_null (stmt, 7, r->status == TS_ACTIVITY_REJECTED ? r->reject_reason : NULL);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_int64 (stmt, 9, r->id);
  return step_pending (self, &stmt, r->id, error);
}

/* ---- reads ---------------------------------------------------------- */

TsActivityRecord *
ts_store_activity_get (TsStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  return ts_store_fetch_id (self, "SELECT " ACTIVITY_COLUMNS " FROM activities a WHERE a.id = ?",
                            id, (TsRowFunc) activity_from_row, N_("No such activity report"),
                            error);
}

/* One query in several shapes, so that SQLite can use the index that fits:
 * by assignment; by supporter or by case through their assignments (a
 * handful each, migration 0006 keeps no index of its own for them); by
 * month; by status; anything else in id order.  Each shape is LIST_SQL of
 * its first condition; the others follow, all with named parameters
 * (TS_SCOPE_SQL names its own).  Newest first walks the ids down from the
 * cursor instead of up; no cursor (0) starts at the newest. */
#define LIST_SQL(where, page) \
  "SELECT " ACTIVITY_COLUMNS " FROM activities a WHERE " where \
  " AND (" TS_SCOPE_SQL ("(SELECT s.organisation_id FROM supporters s WHERE s.id = a.supporter_id)") \
  " OR " TS_SCOPE_SQL ("(SELECT c.organisation_id FROM cases c WHERE c.id = a.case_id)") ")" \
  " AND (:supporter = 0 OR a.supporter_id = :supporter) AND (:case = 0 OR a.case_id = :case)" \
  " AND (:assignment = 0 OR a.assignment_id = :assignment) AND (:month IS NULL OR a.month = :month)" \
  " AND (:status IS NULL OR a.status = :status) AND " page " LIMIT :limit"
#define OLDEST_PAGE "a.id > :after ORDER BY a.id"
#define NEWEST_PAGE "(:after = 0 OR a.id < :after) ORDER BY a.id DESC"
#define LIST_SQL_IN_ORDER(newest, where) \
  ((newest) ? LIST_SQL (where, NEWEST_PAGE) : LIST_SQL (where, OLDEST_PAGE))

GPtrArray *
ts_store_activity_list (TsStore *self, const TsActivityQuery *filter, gint64 after_id,
                        guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  gboolean newest = filter->order == TS_LIST_ORDER_NEWEST;
  const char *sql;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  if (filter->assignment_id > 0)
    sql = LIST_SQL_IN_ORDER (newest, "a.assignment_id = :assignment");
  else if (filter->supporter_id > 0)
    sql = LIST_SQL_IN_ORDER (newest, "a.assignment_id IN"
                             " (SELECT s.id FROM assignments s WHERE s.supporter_id = :supporter)");
  else if (filter->case_id > 0)
    sql = LIST_SQL_IN_ORDER (newest, "a.assignment_id IN"
                             " (SELECT s.id FROM assignments s WHERE s.case_id = :case)");
  else if (filter->month != NULL)
    sql = LIST_SQL_IN_ORDER (newest, "a.month = :month");
  else if (filter->status != TS_FILTER_ANY)
    sql = LIST_SQL_IN_ORDER (newest, "a.status = :status");
  else
    sql = LIST_SQL_IN_ORDER (newest, "1");
  stmt = ts_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_named_int64 (stmt, ":supporter", MAX (filter->supporter_id, 0));
  ts_stmt_bind_named_int64 (stmt, ":case", MAX (filter->case_id, 0));
  ts_stmt_bind_named_int64 (stmt, ":assignment", MAX (filter->assignment_id, 0));
  ts_stmt_bind_named_text (stmt, ":month", filter->month);
  ts_stmt_bind_named_text (stmt, ":status", filter->status != TS_FILTER_ANY
                                            ? ts_activity_status_to_string (filter->status)
                                            : NULL);
  ts_stmt_bind_named_int64 (stmt, ":after", after_id);
  ts_stmt_bind_named_int64 (stmt, ":limit", limit);
  ts_stmt_bind_scope (stmt, filter->list.scope);
  return ts_store_collect (self, stmt, (TsRowFunc) activity_from_row,
                           (GDestroyNotify) ts_activity_record_free, error);
}

/* ---- eligibility facts ------------------------------------------------ */

void
ts_reporter_facts_clear (TsReporterFacts *facts)
{
  g_clear_pointer (&facts->trainings, g_array_unref);
}

/* Two small reads instead of the whole supporter record: a report is the
 * most frequent write there is, and its rules need only these columns. */
int
ts_store_activity_count_day (TsStore *self, gint64 supporter_id, TsDate date, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), -1);
  stmt = ts_store_prepare (self,
                           "SELECT count(*) FROM activities WHERE supporter_id = ? AND date = ?"
                           " AND status IN ('pending', 'approved') AND reversal_of IS NULL",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, supporter_id);
  ts_stmt_bind_date_or_null (stmt, 2, date);
  return (int) ts_store_step_count (self, stmt, error);
}

gboolean
ts_store_activity_reporter_facts (TsStore *self, gint64 supporter_id, TsReporterFacts *out,
                                  GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(TsStmt) trainings = NULL;
  const char *status;
  int rc;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  memset (out, 0, sizeof *out);
  stmt = ts_store_prepare (self,
                           "SELECT status, registered_on, insurance_until FROM supporters"
                           " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, supporter_id);
  if (!ts_store_step_row (self, stmt, N_("No such supporter"), error))
    return FALSE;
  status = (const char *) sqlite3_column_text (stmt, 0);
  g_strlcpy (out->status, status != NULL ? status : "", sizeof out->status);
  out->registered_on = ts_stmt_column_date (stmt, 1);
  out->insurance_until = ts_stmt_column_date (stmt, 2);

  trainings = ts_store_prepare (self,
                                "SELECT kind, completed_on FROM trainings WHERE supporter_id = ?"
                                " ORDER BY completed_on, id", error);
  if (trainings == NULL)
    return FALSE;
  sqlite3_bind_int64 (trainings, 1, supporter_id);
  out->trainings = g_array_new (FALSE, TRUE, sizeof (TsTrainingRecord));
  while ((rc = ts_store_step (self, trainings, error)) == SQLITE_ROW)
    {
      TsTrainingRecord t = { 0 };
      const char *kind = (const char *) sqlite3_column_text (trainings, 0);

      t.supporter_id = supporter_id;
      g_strlcpy (t.kind, kind != NULL ? kind : "", sizeof t.kind);
      t.completed_on = ts_stmt_column_date (trainings, 1);
      g_array_append_val (out->trainings, t);
    }
  if (rc != SQLITE_DONE)
    {
      ts_reporter_facts_clear (out);
      return FALSE;
    }
  return TRUE;
}

/* ---- Idempotency-Key ------------------------------------------------ */

void
ts_idempotency_record_free (TsIdempotencyRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->request_hash);
  g_free (record->response_body);
  g_free (record);
}

TsIdempotencyRecord *
ts_store_idempotency_get (TsStore *self, gint64 user_id, const char *key, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  TsIdempotencyRecord *r;
  int rc;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  stmt = ts_store_prepare (self,
                           "SELECT request_hash, status, response_body, created_at"
                           " FROM idempotency_keys WHERE user_id = ? AND key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = ts_store_step (self, stmt, error);
  if (rc != SQLITE_ROW)
    return NULL;
  r = g_new0 (TsIdempotencyRecord, 1);
  r->request_hash = ts_stmt_column_dup (stmt, 0);
  r->status = (guint) sqlite3_column_int (stmt, 1);
  r->response_body = ts_stmt_column_dup (stmt, 2);
  r->created_at = sqlite3_column_int64 (stmt, 3);
  return r;
}

gboolean
ts_store_idempotency_insert (TsStore *self, gint64 user_id, const char *key,
                             const char *request_hash, guint status, const char *response_body,
                             gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO idempotency_keys (user_id, key, request_hash, status,"
                           " response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, request_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) status);
  sqlite3_bind_text (stmt, 5, response_body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_idempotency_purge (TsStore *self, gint64 before, guint *out_removed, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self, "DELETE FROM idempotency_keys WHERE created_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, before);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_removed != NULL)
    *out_removed = (guint) ts_store_changes (self);
  return TRUE;
}
