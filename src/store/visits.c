/*
 * Planned visits: see store/visits.h.
 */
#include "store/visits.h"
#include "store/store-private.h"

#include "core/i18n.h"

/* The live report: pending or approved, not a reversal row (the partial
 * unique index activities_visit of 0015-visits.sql). */
#define VISIT_COLUMNS \
  "v.id, v.assignment_id, a.case_id, a.supporter_id, v.visit_on, v.start_min, v.minutes," \
  " v.note, v.status, v.over_limit_reason," \
  " (SELECT x.id FROM activities x WHERE x.visit_id = v.id AND x.reversal_of IS NULL" \
  "  AND x.status IN ('pending', 'approved'))," \
  " c.nickname, s.name, v.user_id, v.version, v.created_at, v.updated_at," \
  " c.organisation_id, s.organisation_id"
#define VISIT_FROM \
  " FROM visits v JOIN assignments a ON a.id = v.assignment_id" \
  " JOIN cases c ON c.id = a.case_id JOIN supporters s ON s.id = a.supporter_id"

static gpointer
visit_from_row (TsStmt *stmt)
{
  TsVisitRecord *r = ts_visit_record_new ();
  TsVisitStatus status = TS_VISIT_PLANNED;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->assignment_id = sqlite3_column_int64 (stmt, 1);
  r->case_id = sqlite3_column_int64 (stmt, 2);
  r->supporter_id = sqlite3_column_int64 (stmt, 3);
  r->date = ts_stmt_column_date (stmt, 4);
  r->start_min = sqlite3_column_int (stmt, 5);
  r->minutes = sqlite3_column_int (stmt, 6);
  r->note = ts_stmt_column_dup (stmt, 7);
  /* The schema's CHECK constraint holds the same words. */
  ts_visit_status_from_string ((const char *) sqlite3_column_text (stmt, 8), &status);
  r->status = status;
  r->over_limit_reason = ts_stmt_column_dup (stmt, 9);
  r->activity_id = sqlite3_column_int64 (stmt, 10);
  r->case_nickname = ts_stmt_column_dup (stmt, 11);
  r->supporter_name = ts_stmt_column_dup (stmt, 12);
  r->user_id = sqlite3_column_int64 (stmt, 13);
  r->version = sqlite3_column_int64 (stmt, 14);
  r->created_at = sqlite3_column_int64 (stmt, 15);
  r->updated_at = sqlite3_column_int64 (stmt, 16);
  r->case_organisation_id = sqlite3_column_int64 (stmt, 17);
  r->supporter_organisation_id = sqlite3_column_int64 (stmt, 18);
  /* Computed for today by the service; a row alone knows this much. */
  r->report = r->status == TS_VISIT_CANCELLED ? TS_VISIT_REPORT_CANCELLED
              : r->activity_id > 0            ? TS_VISIT_REPORT_REPORTED
                                              : TS_VISIT_REPORT_UPCOMING;
  return r;
}

/* Parameters 1..6, in the order both INSERT and UPDATE list them. */
static void
bind_visit (TsStmt *stmt, const TsVisitRecord *r)
{
  ts_stmt_bind_date_or_null (stmt, 1, r->date);
  sqlite3_bind_int (stmt, 2, r->start_min);
  sqlite3_bind_int (stmt, 3, r->minutes);
  ts_stmt_bind_text_or_null (stmt, 4, r->note);
  sqlite3_bind_text (stmt, 5, ts_visit_status_to_string (r->status), -1, SQLITE_STATIC);
  ts_stmt_bind_text_or_null (stmt, 6, r->over_limit_reason);
}

gboolean
ts_store_visit_insert (TsStore *self, const TsVisitRecord *record, gint64 now, gint64 *out_id,
                       GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO visits (visit_on, start_min, minutes, note, status,"
                           " over_limit_reason, assignment_id, user_id, version, created_at,"
                           " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9)",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_visit (stmt, record);
  sqlite3_bind_int64 (stmt, 7, record->assignment_id);
  ts_stmt_bind_id_or_null (stmt, 8, record->user_id);
  sqlite3_bind_int64 (stmt, 9, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

gboolean
ts_store_visit_update (TsStore *self, const TsVisitRecord *record, gint64 expected_version,
                       gint64 now, GError **error)
{
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  return ts_store_record_update (self,
                                 "UPDATE visits SET visit_on = ?1, start_min = ?2, minutes = ?3,"
                                 " note = ?4, status = ?5, over_limit_reason = ?6,"
                                 TS_VERSIONED_SQL,
                                 (TsBindFunc) bind_visit, record, record->id, expected_version,
                                 now, NULL,
                                 N_("The visit was changed by someone else; reload it and try again"),
                                 error);
}

TsVisitRecord *
ts_store_visit_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self, "SELECT " VISIT_COLUMNS VISIT_FROM " WHERE v.id = ?", id,
                            visit_from_row, N_("No such visit"), error);
}

GPtrArray *
ts_store_visit_list (TsStore *self, const TsVisitQuery *query, gint64 after_id, guint limit,
                     GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT " VISIT_COLUMNS VISIT_FROM
                           " WHERE v.id > :after"
                           " AND (" TS_SCOPE_SQL ("c.organisation_id")
                           " OR " TS_SCOPE_SQL ("s.organisation_id") ")"
                           " AND " TS_PERIOD_SQL ("v.visit_on")
                           " AND (:assignment IS NULL OR v.assignment_id = :assignment)"
                           " AND (:supporter IS NULL OR a.supporter_id = :supporter)"
                           " AND (:status IS NULL OR v.status = :status)"
                           " ORDER BY v.id LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_page (stmt, query != NULL ? query->list.scope : NULL, 0, after_id, limit);
  if (query != NULL)
    {
      ts_stmt_bind_period (stmt, query->from, query->to);
      ts_stmt_bind_named_id (stmt, ":assignment", query->assignment_id);
      ts_stmt_bind_named_id (stmt, ":supporter", query->supporter_id);
      if (query->status != TS_FILTER_ANY)
        ts_stmt_bind_named_text (stmt, ":status", ts_visit_status_to_string (query->status));
    }
  return ts_store_collect (self, stmt, visit_from_row, (GDestroyNotify) ts_visit_record_free,
                           error);
}

GPtrArray *
ts_store_visit_supporter_planned (TsStore *self, gint64 supporter_id, TsDate from, TsDate to,
                                  GError **error)
{
  return ts_store_collect_id_period (self,
                                     "SELECT " VISIT_COLUMNS VISIT_FROM
                                     " WHERE a.supporter_id = ?1 AND v.status = 'planned'"
                                     " AND v.visit_on BETWEEN ?2 AND ?3"
                                     " ORDER BY v.visit_on, v.start_min, v.id",
                                     supporter_id, from, to, visit_from_row,
                                     (GDestroyNotify) ts_visit_record_free, error);
}
