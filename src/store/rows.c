/*
 * What every table's file does the same way: binding a list's page and
 * filters, reading a row or the rows of one id, and stepping an insert, an
 * optimistic update or a status history row (see store-private.h).
 */
#include "store/store-private.h"

#include "core/i18n.h"
#include "model/dispatch.h"

void
ts_stmt_bind_named_text (TsStmt *stmt, const char *name, const char *text)
{
  ts_stmt_bind_text_or_null (stmt, sqlite3_bind_parameter_index (stmt, name), text);
}

void
ts_stmt_bind_named_int64 (TsStmt *stmt, const char *name, gint64 value)
{
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, name), value);
}

void
ts_stmt_bind_named_date (TsStmt *stmt, const char *name, TsDate date)
{
  ts_stmt_bind_date_or_null (stmt, sqlite3_bind_parameter_index (stmt, name), date);
}

void
ts_stmt_bind_named_id (TsStmt *stmt, const char *name, gint64 id)
{
  ts_stmt_bind_id_or_null (stmt, sqlite3_bind_parameter_index (stmt, name), id);
}

void
ts_stmt_bind_period (TsStmt *stmt, TsDate from, TsDate to)
{
  ts_stmt_bind_named_date (stmt, ":from", from);
  ts_stmt_bind_named_date (stmt, ":to", to);
}

void
ts_stmt_bind_location (TsStmt *stmt, int idx, gboolean has_location, double lat, double lon)
{
  if (has_location)
    {
      sqlite3_bind_double (stmt, idx, lat);
      sqlite3_bind_double (stmt, idx + 1, lon);
    }
  else
    {
      sqlite3_bind_null (stmt, idx);
      sqlite3_bind_null (stmt, idx + 1);
    }
}

gboolean
ts_stmt_column_location (TsStmt *stmt, int col, double *out_lat, double *out_lon)
{
  gboolean has_location = sqlite3_column_type (stmt, col) != SQLITE_NULL &&
                          sqlite3_column_type (stmt, col + 1) != SQLITE_NULL;

  *out_lat = has_location ? sqlite3_column_double (stmt, col) : 0.0;
  *out_lon = has_location ? sqlite3_column_double (stmt, col + 1) : 0.0;
  return has_location;
}

void
ts_stmt_bind_page (TsStmt *stmt, const GArray *scope, gint64 organisation_id, gint64 after_id,
                   guint limit)
{
  ts_stmt_bind_scope (stmt, scope);
  if (organisation_id > 0)
    ts_stmt_bind_named_int64 (stmt, ":org", organisation_id);
  ts_stmt_bind_named_int64 (stmt, ":after", after_id);
  ts_stmt_bind_named_int64 (stmt, ":limit", limit);
}

GPtrArray *
ts_store_list_status_place (TsStore *self, const char *const sql[4], const char *status,
                            const char *place, const GArray *scope, gint64 organisation_id,
                            gint64 after_id, guint limit, TsRowFunc from_row,
                            GDestroyNotify free_func, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self, sql[(status != NULL ? 2 : 0) + (place != NULL ? 1 : 0)], error);
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    ts_stmt_bind_named_text (stmt, ":status", status);
  if (place != NULL)
    ts_stmt_bind_named_text (stmt, ":place", place);
  ts_stmt_bind_page (stmt, scope, organisation_id, after_id, limit);
  return ts_store_collect (self, stmt, from_row, free_func, error);
}

GPtrArray *
ts_store_list_between (TsStore *self, const char *sql, int direction, const GArray *scope,
                       gint64 after_id, guint limit, TsRowFunc from_row, GDestroyNotify free_func,
                       GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_between (stmt,
                        direction != TS_FILTER_ANY
                          ? ts_dispatch_direction_to_string ((TsDispatchDirection) direction)
                          : NULL,
                        scope, after_id, limit);
  return ts_store_collect (self, stmt, from_row, free_func, error);
}

gpointer
ts_store_fetch_id (TsStore *self, const char *sql, gint64 id, TsRowFunc from_row,
                   const char *not_found, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self, sql, id, error);

  if (stmt == NULL)
    return NULL;
  return ts_store_fetch_one (self, stmt, from_row, not_found, error);
}

GPtrArray *
ts_store_collect_id (TsStore *self, const char *sql, gint64 id, TsRowFunc from_row,
                     GDestroyNotify free_func, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self, sql, id, error);

  if (stmt == NULL)
    return NULL;
  return ts_store_collect (self, stmt, from_row, free_func, error);
}

GPtrArray *
ts_store_collect_id_period (TsStore *self, const char *sql, gint64 id, TsDate from, TsDate to,
                            TsRowFunc from_row, GDestroyNotify free_func, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self, sql, id, error);

  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_date_or_null (stmt, 2, from);
  ts_stmt_bind_date_or_null (stmt, 3, to);
  return ts_store_collect (self, stmt, from_row, free_func, error);
}

gboolean
ts_store_step_row (TsStore *self, TsStmt *stmt, const char *not_found, GError **error)
{
  int rc = ts_store_step (self, stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, not_found);
  return rc == SQLITE_ROW;
}

gboolean
ts_store_fetch_into (TsStore *self, TsStmt *stmt, gpointer element,
                     void (*from_row) (TsStmt *stmt, gpointer element), gboolean *out_found,
                     GError **error)
{
  int rc = ts_store_step (self, stmt, error);

  if (rc == SQLITE_ROW)
    from_row (stmt, element);
  if (out_found != NULL)
    *out_found = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gint64
ts_store_step_count (TsStore *self, TsStmt *stmt, GError **error)
{
  if (ts_store_step (self, stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
ts_store_step_insert (TsStore *self, TsStmt *stmt, const char *duplicate_message, gint64 *out_id,
                      GError **error)
{
  if (!ts_store_step_write (self, stmt, duplicate_message, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

gboolean
ts_store_step_versioned (TsStore *self, TsStmt *stmt, gint64 now, gint64 id,
                         gint64 expected_version, const char *duplicate_message,
                         const char *stale_message, GError **error)
{
  ts_stmt_bind_named_int64 (stmt, ":now", now);
  ts_stmt_bind_named_int64 (stmt, ":id", id);
  ts_stmt_bind_named_int64 (stmt, ":version", expected_version);
  if (!ts_store_step_write (self, stmt, duplicate_message, error))
    return FALSE;
  if (ts_store_changes (self) > 0)
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_PRECONDITION_FAILED, stale_message);
  return FALSE;
}

gboolean
ts_store_record_insert (TsStore *self, const char *sql, TsBindFunc bind, gconstpointer record,
                        gint64 organisation_id, gint64 now, const char *duplicate_message,
                        gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, record);
  ts_stmt_bind_named_int64 (stmt, ":now", now);
  ts_stmt_bind_named_int64 (stmt, ":org", organisation_id);
  return ts_store_step_insert (self, stmt, duplicate_message, out_id, error);
}

gboolean
ts_store_record_update (TsStore *self, const char *sql, TsBindFunc bind, gconstpointer record,
                        gint64 id, gint64 expected_version, gint64 now,
                        const char *duplicate_message, const char *stale_message,
                        GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, record);
  return ts_store_step_versioned (self, stmt, now, id, expected_version, duplicate_message,
                                  stale_message, error);
}

TsStatusChange *
ts_stmt_column_status_change (TsStmt *stmt, const TsVocabulary *statuses)
{
  TsStatusChange *c = g_new0 (TsStatusChange, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  if (!ts_vocabulary_from_string (statuses, (const char *) sqlite3_column_text (stmt, 1),
                                  &c->from_status))
    c->from_status = 0;
  if (!ts_vocabulary_from_string (statuses, (const char *) sqlite3_column_text (stmt, 2),
                                  &c->to_status))
    c->to_status = 0;
  c->changed_on = ts_stmt_column_date (stmt, 3);
  c->reason = ts_stmt_column_dup (stmt, 4);
  c->user_id = sqlite3_column_int64 (stmt, 5);
  c->at = sqlite3_column_int64 (stmt, 6);
  return c;
}

gboolean
ts_store_status_change_insert (TsStore *self, const char *sql, gint64 owner_id,
                               const char *from_status, const char *to_status, TsDate changed_on,
                               const char *reason, gint64 user_id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare_id (self, sql, owner_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, from_status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to_status, -1, SQLITE_STATIC);
  ts_stmt_bind_date_or_null (stmt, 4, changed_on);
  ts_stmt_bind_text_or_null (stmt, 5, reason);
  ts_stmt_bind_id_or_null (stmt, 6, user_id);
  sqlite3_bind_int64 (stmt, 7, now);
  return ts_store_step_done (self, stmt, error);
}
