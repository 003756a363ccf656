/*
 * The payment ledger (see ledger.h).
 */
#include "store/ledger.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/vocabulary.h"

static const char *const payee_names[] = {
  [TS_PAYEE_SUPPORTER] = "supporter",
  [TS_PAYEE_HOST] = "host",
  NULL,
};

static const char *const line_names[] = {
  [TS_LINE_HONORARIUM] = "honorarium",
  [TS_LINE_TRANSPORT] = "transport",
  [TS_LINE_HOST_STIPEND] = "host_stipend",
  [TS_LINE_ADJUSTMENT] = "adjustment",
  [TS_LINE_EVENT] = "event",
  NULL,
};

static const TsVocabulary payee_vocabulary = { payee_names, NULL };

TS_DEFINE_VOCABULARY (ts_payee_type, TsPayeeType, payee_vocabulary)

static const TsVocabulary line_vocabulary = { line_names, NULL };

TS_DEFINE_VOCABULARY (ts_line_kind, TsLineKind, line_vocabulary)

gboolean
ts_store_ledger_append (TsStore *self, const TsLedgerEntry *e, gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail ((e->activity_id > 0) + (e->attendance_id > 0) + (e->event_staff_id > 0) == 1,
                        FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO ledger_entries (payee_type, payee_id, kind, adjusts,"
                           " amount_yen, activity_id, attendance_id, earned_on, earned_month,"
                           " created_at, event_staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ts_payee_type_to_string (e->payee_type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, e->payee_id);
  sqlite3_bind_text (stmt, 3, ts_line_kind_to_string (e->kind), -1, SQLITE_STATIC);
  if (e->kind == TS_LINE_ADJUSTMENT)
    sqlite3_bind_text (stmt, 4, ts_line_kind_to_string (e->adjusts), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, e->amount_yen);
  ts_stmt_bind_id_or_null (stmt, 6, e->activity_id);
  ts_stmt_bind_id_or_null (stmt, 7, e->attendance_id);
  ts_stmt_bind_date_or_null (stmt, 8, e->earned_on);
  sqlite3_bind_text (stmt, 9, e->earned_month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, e->created_at);
  ts_stmt_bind_id_or_null (stmt, 11, e->event_staff_id);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

gboolean
ts_store_ledger_attendance_sum (TsStore *self, gint64 attendance_id, gint64 *out_sum,
                                guint *out_lines, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  stmt = ts_store_prepare_id (self,
                              "SELECT coalesce (sum (amount_yen), 0), count (*) FROM ledger_entries"
                              " WHERE attendance_id = ?", attendance_id, error);
  if (stmt == NULL || ts_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_sum = sqlite3_column_int64 (stmt, 0);
  if (out_lines != NULL)
    *out_lines = (guint) sqlite3_column_int (stmt, 1);
  return TRUE;
}
