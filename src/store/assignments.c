/*
 * Assignments (see assignments.h).
 */
#include "store/assignments.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/i18n.h"

/* With the organisations of the case and of the supporter (SPEC 2.6):
 * both rows exist (the table's foreign keys). */
#define ASSIGNMENT_COLUMNS \
  "a.id, a.case_id, a.supporter_id, a.role, a.starts_on, a.ended_on, a.end_reason," \
  " a.created_at, c.organisation_id, s.organisation_id"
#define ASSIGNMENT_FROM \
  " FROM assignments a JOIN cases c ON c.id = a.case_id" \
  " JOIN supporters s ON s.id = a.supporter_id"
#define ASSIGNMENT_SCOPE \
  " AND (" TS_SCOPE_SQL ("c.organisation_id") " OR " TS_SCOPE_SQL ("s.organisation_id") ")"

static TsAssignmentRecord *
assignment_from_row (TsStmt *stmt)
{
  TsAssignmentRecord *r = ts_assignment_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->case_id = sqlite3_column_int64 (stmt, 1);
  r->supporter_id = sqlite3_column_int64 (stmt, 2);
  if (!ts_assignment_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &r->role))
    r->role = TS_ASSIGNMENT_PRIMARY;
  r->starts_on = ts_stmt_column_date (stmt, 4);
  r->ended_on = ts_stmt_column_date (stmt, 5);
  r->end_reason = ts_stmt_column_dup (stmt, 6);
  r->active = r->ended_on == TS_DATE_NONE;
  r->created_at = sqlite3_column_int64 (stmt, 7);
  r->case_organisation_id = sqlite3_column_int64 (stmt, 8);
  r->supporter_organisation_id = sqlite3_column_int64 (stmt, 9);
  return r;
}

/* ---- writes --------------------------------------------------------- */

gboolean
ts_store_assignment_insert (TsStore *self, gint64 case_id, gint64 supporter_id,
                            TsAssignmentRole role, TsDate starts_on, gint64 now,
                            gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO assignments (case_id, supporter_id, role, starts_on,"
                           " created_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, supporter_id);
  sqlite3_bind_text (stmt, 3, ts_assignment_role_to_string (role), -1, SQLITE_STATIC);
  ts_stmt_bind_date_or_null (stmt, 4, starts_on);
  sqlite3_bind_int64 (stmt, 5, now);
  /* The service checked both indexes first; a UNIQUE violation is the race
   * it lost. */
  if (!ts_store_step_write_as (self, stmt, TS_ERROR_CONFLICT,
                               N_("The case already has this assignment or an active primary supporter"),
                               error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

gboolean
ts_store_assignment_end (TsStore *self, gint64 id, TsDate ended_on, const char *reason,
                         GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);

  stmt = ts_store_prepare (self,
                           "UPDATE assignments SET ended_on = ?, end_reason = ?"
                           " WHERE id = ? AND ended_on IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_date_or_null (stmt, 1, ended_on);
  ts_stmt_bind_text_or_null (stmt, 2, reason);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (ts_store_changes (self) != 1)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("The assignment has already ended"));
      return FALSE;
    }
  return TRUE;
}

/* ---- reads ---------------------------------------------------------- */

TsAssignmentRecord *
ts_store_assignment_get (TsStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), NULL);

  return ts_store_fetch_id (self, "SELECT " ASSIGNMENT_COLUMNS ASSIGNMENT_FROM " WHERE a.id = ?",
                            id, (TsRowFunc) assignment_from_row, N_("No such assignment"),
                            error);
}

/*
 * One page in id order (keyset pagination).  The filters are optional
 * parameters of one statement ("? = 0 OR case_id = ?"); SQLite still uses
 * the primary key for the order and the page, and a case's or a
 * supporter's assignments are few.
 */
static GPtrArray *
list_in_scope (TsStore *self, const TsAssignmentFilter *filter, const GArray *scope,
               gint64 after_id, guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->supporter_id > 0)
    stmt = ts_store_prepare (self,
                             "SELECT " ASSIGNMENT_COLUMNS ASSIGNMENT_FROM
                             " WHERE a.supporter_id = :supporter_id"
                             " AND (:case_id = 0 OR a.case_id = :case_id)"
                             " AND (:active < 0 OR (a.ended_on IS NULL) = :active)"
                             ASSIGNMENT_SCOPE
                             " AND a.id > :after ORDER BY a.id LIMIT :limit", error);
  else if (filter->case_id > 0)
    stmt = ts_store_prepare (self,
                             "SELECT " ASSIGNMENT_COLUMNS ASSIGNMENT_FROM
                             " WHERE a.case_id = :case_id AND (:supporter_id = 0)"
                             " AND (:active < 0 OR (a.ended_on IS NULL) = :active)"
                             ASSIGNMENT_SCOPE
                             " AND a.id > :after ORDER BY a.id LIMIT :limit", error);
  else
    stmt = ts_store_prepare (self,
                             "SELECT " ASSIGNMENT_COLUMNS ASSIGNMENT_FROM
                             " WHERE (:case_id = 0) AND (:supporter_id = 0)"
                             " AND (:active < 0 OR (a.ended_on IS NULL) = :active)"
                             ASSIGNMENT_SCOPE
                             " AND a.id > :after ORDER BY a.id LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_named_int64 (stmt, ":case_id", filter->case_id);
  ts_stmt_bind_named_int64 (stmt, ":supporter_id", filter->supporter_id);
  ts_stmt_bind_named_int64 (stmt, ":active", filter->has_active ? (filter->active ? 1 : 0) : -1);
  ts_stmt_bind_scope (stmt, scope);
  ts_stmt_bind_named_int64 (stmt, ":after", after_id);
  ts_stmt_bind_named_int64 (stmt, ":limit", limit);
  return ts_store_collect (self, stmt, (TsRowFunc) assignment_from_row,
                           (GDestroyNotify) ts_assignment_record_free, error);
}

GPtrArray *
ts_store_assignment_list (TsStore *self, const TsAssignmentFilter *filter, gint64 after_id,
                          guint limit, GError **error)
{
  return list_in_scope (self, filter, NULL, after_id, limit, error);
}

GPtrArray *
ts_store_assignment_query (TsStore *self, const TsAssignmentQuery *query, gint64 after_id,
                           guint limit, GError **error)
{
  TsAssignmentFilter filter = {
    query->case_id, query->supporter_id, query->active != TS_FILTER_ANY, query->active == 1,
  };

  return list_in_scope (self, &filter, query->list.scope, after_id, limit, error);
}

int
ts_store_assignment_count_open (TsStore *self, gint64 case_id, TsAssignmentRole role,
                                GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), -1);

  stmt = ts_store_prepare (self,
                           "SELECT count(*) FROM assignments"
                           " WHERE case_id = ? AND role = ? AND ended_on IS NULL", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, ts_assignment_role_to_string (role), -1, SQLITE_STATIC);
  return (int) ts_store_step_count (self, stmt, error);
}

gboolean
ts_store_assignment_supporter_organisation (TsStore *self, gint64 id, gint64 *out_organisation_id,
                                            GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT organisation_id FROM supporters"
                                                " WHERE id = ?", id, error);

  if (stmt == NULL)
    return FALSE;
  if (!ts_store_step_row (self, stmt, N_("No such supporter"), error))
    return FALSE;
  *out_organisation_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
ts_store_assignment_pair_open (TsStore *self, gint64 case_id, gint64 supporter_id,
                               GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);

  stmt = ts_store_prepare (self,
                           "SELECT 1 FROM assignments WHERE case_id = ? AND supporter_id = ?"
                           " AND ended_on IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, supporter_id);
  return ts_store_step (self, stmt, error) == SQLITE_ROW;
}
