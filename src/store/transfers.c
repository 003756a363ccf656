/*
 * Case transfers: see store/transfers.h.
 */
#include "store/transfers.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/i18n.h"

#define TRANSFER_COLUMNS \
  "id, case_id, from_organisation_id, to_organisation_id, transferred_on, note, user_id," \
  " created_at"

static gpointer
transfer_from_row (TsStmt *stmt)
{
  TsCaseTransferRecord *r = ts_case_transfer_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->case_id = sqlite3_column_int64 (stmt, 1);
  r->from_organisation_id = sqlite3_column_int64 (stmt, 2);
  r->to_organisation_id = sqlite3_column_int64 (stmt, 3);
  r->transferred_on = ts_stmt_column_date (stmt, 4);
  r->note = ts_stmt_column_dup (stmt, 5);
  r->user_id = sqlite3_column_int64 (stmt, 6);
  r->created_at = sqlite3_column_int64 (stmt, 7);
  return r;
}

gboolean
ts_store_transfer_insert (TsStore *self, const TsCaseTransferRecord *record, gint64 now,
                          gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO case_transfers (case_id, from_organisation_id,"
                           " to_organisation_id, transferred_on, note, user_id, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->case_id);
  sqlite3_bind_int64 (stmt, 2, record->from_organisation_id);
  sqlite3_bind_int64 (stmt, 3, record->to_organisation_id);
  ts_stmt_bind_date_or_null (stmt, 4, record->transferred_on);
  ts_stmt_bind_text_or_null (stmt, 5, record->note);
  ts_stmt_bind_id_or_null (stmt, 6, record->user_id);
  sqlite3_bind_int64 (stmt, 7, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

gboolean
ts_store_case_move_organisation (TsStore *self, gint64 case_id, gint64 organisation_id,
                                 gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE cases SET organisation_id = ?, version = version + 1,"
                           " updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organisation_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, case_id);
  return ts_store_step_changed (self, stmt, TS_ERROR_NOT_FOUND,
                                N_("No such case"), error);
}

TsCaseTransferRecord *
ts_store_transfer_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self, "SELECT " TRANSFER_COLUMNS " FROM case_transfers WHERE id = ?",
                            id, transfer_from_row, N_("No such transfer"), error);
}

GPtrArray *
ts_store_transfer_list_for_case (TsStore *self, gint64 case_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT " TRANSFER_COLUMNS " FROM case_transfers"
                              " WHERE case_id = ? ORDER BY id",
                              case_id, transfer_from_row,
                              (GDestroyNotify) ts_case_transfer_record_free, error);
}

GPtrArray *
ts_store_transfer_list (TsStore *self, const TsTransferQuery *query, gint64 after_id,
                        guint limit, GError **error)
{
  return ts_store_list_between (self, "SELECT " TRANSFER_COLUMNS " FROM case_transfers" TS_BETWEEN_SQL,
                                query != NULL ? query->direction : TS_FILTER_ANY,
                                query != NULL ? query->list.scope : NULL, after_id, limit,
                                transfer_from_row, (GDestroyNotify) ts_case_transfer_record_free, error);
}
