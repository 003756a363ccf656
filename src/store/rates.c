/*
 * Rate sets (see rates.h).
 */
#include "store/rates.h"
#include "store/store-private.h"

#include <string.h>

#include "core/error.h"
#include "core/i18n.h"

void
ts_rate_row_clear (gpointer data)
{
  TsRateRow *row = data;

  g_clear_pointer (&row->overrides, g_array_unref);
}

static void
bind_optional (TsStmt *stmt, int idx, gboolean has, gint64 value)
{
  if (has)
    sqlite3_bind_int64 (stmt, idx, value);
  else
    sqlite3_bind_null (stmt, idx);
}

gboolean
ts_store_rate_insert (TsStore *self, const TsRateRow *row, gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO rate_sets (effective_from, honorarium_per_activity_yen,"
                           " honorarium_per_hour_yen, transport_cap_yen, host_stipend_per_day_yen,"
                           " user_id, created_at, event_honorarium_per_hour_yen)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_date_or_null (stmt, 1, row->effective_from);
  sqlite3_bind_int64 (stmt, 2, row->honorarium_per_activity_yen);
  sqlite3_bind_int64 (stmt, 3, row->honorarium_per_hour_yen);
  sqlite3_bind_int64 (stmt, 4, row->transport_cap_yen);
  sqlite3_bind_int64 (stmt, 5, row->host_stipend_per_day_yen);
  if (row->user_id > 0)
    sqlite3_bind_int64 (stmt, 6, row->user_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int64 (stmt, 7, row->created_at);
  sqlite3_bind_int64 (stmt, 8, row->event_honorarium_per_hour_yen);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_ALREADY_EXISTS,
                           N_("A rate set with this effective_from already exists"));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      ts_store_set_error (self, rc, error);
      return FALSE;
    }
  id = ts_store_last_insert_rowid (self);

  for (guint i = 0; row->overrides != NULL && i < row->overrides->len; i++)
    {
      const TsRateOverrideRow *o = &g_array_index (row->overrides, TsRateOverrideRow, i);
      g_autoptr(TsStmt) ins = NULL;

      if (!o->has_per_activity && !o->has_per_hour && !o->has_transport_cap)
        continue;
      ins = ts_store_prepare (self,
                              "INSERT INTO rate_overrides (rate_set_id, kind,"
                              " honorarium_per_activity_yen, honorarium_per_hour_yen,"
                              " transport_cap_yen) VALUES (?, ?, ?, ?, ?)", error);
      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, id);
      sqlite3_bind_text (ins, 2, o->kind, -1, SQLITE_TRANSIENT);
      bind_optional (ins, 3, o->has_per_activity, o->honorarium_per_activity_yen);
      bind_optional (ins, 4, o->has_per_hour, o->honorarium_per_hour_yen);
      bind_optional (ins, 5, o->has_transport_cap, o->transport_cap_yen);
      if (!ts_store_step_done (self, ins, error))
        return FALSE;
    }
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

static gboolean
read_overrides (TsStore *self, GArray *rows, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT rate_set_id, kind, honorarium_per_activity_yen,"
                                             " honorarium_per_hour_yen, transport_cap_yen"
                                             " FROM rate_overrides ORDER BY rate_set_id, kind",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 set_id = sqlite3_column_int64 (stmt, 0);
      TsRateOverrideRow o = { 0 };

      g_strlcpy (o.kind, (const char *) sqlite3_column_text (stmt, 1), sizeof o.kind);
      o.has_per_activity = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      o.honorarium_per_activity_yen = sqlite3_column_int64 (stmt, 2);
      o.has_per_hour = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      o.honorarium_per_hour_yen = sqlite3_column_int64 (stmt, 3);
      o.has_transport_cap = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      o.transport_cap_yen = sqlite3_column_int64 (stmt, 4);
      for (guint i = 0; i < rows->len; i++)
        {
          TsRateRow *row = &g_array_index (rows, TsRateRow, i);
          if (row->id == set_id)
            {
              g_array_append_val (row->overrides, o);
              break;
            }
        }
    }
  return rc == SQLITE_DONE;
}

static gboolean
list_rates (TsStore *self, gpointer user_data, GError **error)
{
  GArray *rows = user_data;
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT id, effective_from, honorarium_per_activity_yen,"
                                             " honorarium_per_hour_yen, transport_cap_yen,"
                                             " host_stipend_per_day_yen, user_id, created_at,"
                                             " coalesce (event_honorarium_per_hour_yen,"
                                             " honorarium_per_hour_yen)"
                                             " FROM rate_sets ORDER BY effective_from", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsRateRow row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.effective_from = ts_stmt_column_date (stmt, 1);
      row.honorarium_per_activity_yen = sqlite3_column_int64 (stmt, 2);
      row.honorarium_per_hour_yen = sqlite3_column_int64 (stmt, 3);
      row.transport_cap_yen = sqlite3_column_int64 (stmt, 4);
      row.host_stipend_per_day_yen = sqlite3_column_int64 (stmt, 5);
      row.user_id = sqlite3_column_int64 (stmt, 6);
      row.created_at = sqlite3_column_int64 (stmt, 7);
      row.event_honorarium_per_hour_yen = sqlite3_column_int64 (stmt, 8);
      row.overrides = g_array_new (FALSE, TRUE, sizeof (TsRateOverrideRow));
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  return read_overrides (self, rows, error);
}

GArray *
ts_store_rate_list (TsStore *self, GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TsRateRow));

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  g_array_set_clear_func (rows, ts_rate_row_clear);
  /* Two statements, one snapshot. */
  if (!ts_store_read (self, list_rates, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

GArray *
ts_store_rate_list_in (TsStore *self, GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TsRateRow));

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  g_array_set_clear_func (rows, ts_rate_row_clear);
  if (!list_rates (self, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}
