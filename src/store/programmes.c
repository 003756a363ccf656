/*
 * Programmes: see store/programmes.h.
 */
#include "store/programmes.h"
#include "store/store-private.h"

#include "core/i18n.h"

#define PROGRAMME_COLUMNS "id, name, visit_limit, min_age, min_withdrawal_months, created_at"

void
ts_programme_free (TsProgramme *programme)
{
  if (programme == NULL)
    return;
  g_free (programme->name);
  g_free (programme);
}

static gpointer
programme_from_row (TsStmt *stmt)
{
  TsProgramme *p = g_new0 (TsProgramme, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->name = ts_stmt_column_dup (stmt, 1);
  p->visit_limit = sqlite3_column_int (stmt, 2);
  p->min_age = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 3);
  p->min_withdrawal_months = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                               ? -1 : sqlite3_column_int (stmt, 4);
  p->created_at = sqlite3_column_int64 (stmt, 5);
  return p;
}

static void
bind_int_or_null (TsStmt *stmt, int idx, int value, int none)
{
  if (value == none)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int (stmt, idx, value);
}

gboolean
ts_store_programme_insert (TsStore *self, const TsProgramme *programme, gint64 now,
                           gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO programmes (name, visit_limit, min_age,"
                           " min_withdrawal_months, created_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, programme->name, -1, SQLITE_STATIC);
  bind_int_or_null (stmt, 2, programme->visit_limit, 0);
  bind_int_or_null (stmt, 3, programme->min_age, -1);
  bind_int_or_null (stmt, 4, programme->min_withdrawal_months, -1);
  sqlite3_bind_int64 (stmt, 5, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

TsProgramme *
ts_store_programme_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self, "SELECT " PROGRAMME_COLUMNS " FROM programmes WHERE id = ?", id,
                            programme_from_row, N_("No such programme"), error);
}

GPtrArray *
ts_store_programme_list (TsStore *self, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " PROGRAMME_COLUMNS " FROM programmes"
                                             " ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  return ts_store_collect (self, stmt, programme_from_row, (GDestroyNotify) ts_programme_free,
                           error);
}

gint64
ts_store_programme_case_visits (TsStore *self, gint64 case_id, gint64 except_visit,
                                GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT (SELECT count (*) FROM visits v JOIN assignments a"
                           "   ON a.id = v.assignment_id"
                           "   WHERE a.case_id = ?1 AND v.status = 'planned' AND v.id <> ?2)"
                           " + (SELECT count (*) FROM activities x WHERE x.case_id = ?1"
                           "   AND x.visit_id IS NULL AND x.kind = 'home_visit'"
                           "   AND x.reversal_of IS NULL AND x.status IN ('pending', 'approved'))",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, except_visit);
  return ts_store_step_count (self, stmt, error);
}
