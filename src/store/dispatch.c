/*
 * Dispatch requests: see store/dispatch.h.
 */
#include "store/dispatch.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/i18n.h"

#define REQUEST_COLUMNS \
  "id, case_id, from_organisation_id, to_organisation_id, note, status, supporter_id," \
  " assignment_id, decline_reason, user_id, version, created_at, updated_at"

static gpointer
request_from_row (TsStmt *stmt)
{
  TsDispatchRequestRecord *r = ts_dispatch_request_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->case_id = sqlite3_column_int64 (stmt, 1);
  r->from_organisation_id = sqlite3_column_int64 (stmt, 2);
  r->to_organisation_id = sqlite3_column_int64 (stmt, 3);
  r->note = ts_stmt_column_dup (stmt, 4);
  if (!ts_dispatch_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &r->status))
    r->status = TS_DISPATCH_OPEN;
  r->supporter_id = sqlite3_column_int64 (stmt, 6);
  r->assignment_id = sqlite3_column_int64 (stmt, 7);
  r->decline_reason = ts_stmt_column_dup (stmt, 8);
  r->user_id = sqlite3_column_int64 (stmt, 9);
  r->version = sqlite3_column_int64 (stmt, 10);
  r->created_at = sqlite3_column_int64 (stmt, 11);
  r->updated_at = sqlite3_column_int64 (stmt, 12);
  return r;
}

gboolean
ts_store_dispatch_insert (TsStore *self, const TsDispatchRequestRecord *record, gint64 now,
                          gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO dispatch_requests (case_id, from_organisation_id,"
                           " to_organisation_id, note, status, user_id, version, created_at,"
                           " updated_at) VALUES (?1, ?2, ?3, ?4, 'open', ?5, 1, ?6, ?6)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->case_id);
  sqlite3_bind_int64 (stmt, 2, record->from_organisation_id);
  sqlite3_bind_int64 (stmt, 3, record->to_organisation_id);
  ts_stmt_bind_text_or_null (stmt, 4, record->note);
  ts_stmt_bind_id_or_null (stmt, 5, record->user_id);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_insert (self, stmt,
                               N_("The case already has an open dispatch request to this organisation"),
                               out_id, error);
}

gboolean
ts_store_dispatch_event_insert (TsStore *self, gint64 request_id, TsDispatchAction action,
                                gint64 organisation_id, gint64 user_id, const char *note,
                                gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO dispatch_request_events (request_id, action,"
                           " organisation_id, user_id, note, at) VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request_id);
  sqlite3_bind_text (stmt, 2, ts_dispatch_action_to_string (action), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, organisation_id);
  ts_stmt_bind_id_or_null (stmt, 4, user_id);
  ts_stmt_bind_text_or_null (stmt, 5, note);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_dispatch_set_status (TsStore *self, const TsDispatchRequestRecord *record,
                              gint64 expected_version, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE dispatch_requests SET status = ?1, supporter_id = ?2,"
                           " assignment_id = ?3, decline_reason = ?4," TS_VERSIONED_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ts_dispatch_status_to_string (record->status), -1, SQLITE_STATIC);
  ts_stmt_bind_id_or_null (stmt, 2, record->supporter_id);
  ts_stmt_bind_id_or_null (stmt, 3, record->assignment_id);
  ts_stmt_bind_text_or_null (stmt, 4, record->decline_reason);
  return ts_store_step_versioned (self, stmt, now, record->id, expected_version, NULL,
                                  N_("The dispatch request was changed by someone else; reload it"),
                                  error);
}

TsDispatchRequestRecord *
ts_store_dispatch_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self, "SELECT " REQUEST_COLUMNS " FROM dispatch_requests WHERE id = ?",
                            id, request_from_row, N_("No such dispatch request"), error);
}

GPtrArray *
ts_store_dispatch_list (TsStore *self, const TsDispatchQuery *query, gint64 after_id,
                        guint limit, GError **error)
{
  return ts_store_list_between (self, "SELECT " REQUEST_COLUMNS " FROM dispatch_requests" TS_BETWEEN_SQL,
                                query != NULL ? query->direction : TS_FILTER_ANY,
                                query != NULL ? query->list.scope : NULL, after_id, limit,
                                request_from_row, (GDestroyNotify) ts_dispatch_request_record_free, error);
}

static gpointer
event_from_row (TsStmt *stmt)
{
  TsDispatchEvent *e = g_new0 (TsDispatchEvent, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->request_id = sqlite3_column_int64 (stmt, 1);
  if (!ts_dispatch_action_from_string ((const char *) sqlite3_column_text (stmt, 2), &e->action))
    e->action = TS_DISPATCH_EVENT_REQUESTED;
  e->organisation_id = sqlite3_column_int64 (stmt, 3);
  e->user_id = sqlite3_column_int64 (stmt, 4);
  e->note = ts_stmt_column_dup (stmt, 5);
  e->at = sqlite3_column_int64 (stmt, 6);
  return e;
}

GPtrArray *
ts_store_dispatch_events (TsStore *self, gint64 request_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, request_id, action, organisation_id, user_id, note, at"
                              " FROM dispatch_request_events WHERE request_id = ? ORDER BY id",
                              request_id, event_from_row, (GDestroyNotify) ts_dispatch_event_free,
                              error);
}

GPtrArray *
ts_store_dispatch_for_case (TsStore *self, gint64 case_id, gboolean open_only, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT " REQUEST_COLUMNS
                                                " FROM dispatch_requests WHERE case_id = ?1"
                                                " AND (?2 = 0 OR status = 'open') ORDER BY id",
                                                case_id, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 2, open_only ? 1 : 0);
  return ts_store_collect (self, stmt, request_from_row,
                           (GDestroyNotify) ts_dispatch_request_record_free, error);
}
