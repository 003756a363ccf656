/*
 * Organisations: see store/organisations.h.
 */
#include "store/organisations.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/i18n.h"

#define ORGANISATION_COLUMNS \
  "id, name, kind, municipality_code, parent_id, version, created_at, updated_at"

static gpointer
organisation_from_row (TsStmt *stmt)
{
  TsOrganisationRecord *r = ts_organisation_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->name = ts_stmt_column_dup (stmt, 1);
  if (!ts_organisation_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &r->kind))
    r->kind = TS_ORGANISATION_AGENCY;
  r->municipality_code = ts_stmt_column_dup (stmt, 3);
  r->parent_id = sqlite3_column_int64 (stmt, 4);
  r->version = sqlite3_column_int64 (stmt, 5);
  r->created_at = sqlite3_column_int64 (stmt, 6);
  r->updated_at = sqlite3_column_int64 (stmt, 7);
  return r;
}

/* Parameters 1..4, in the order both INSERT and UPDATE list them. */
static void
bind_organisation (TsStmt *stmt, const TsOrganisationRecord *r)
{
  ts_stmt_bind_text_or_null (stmt, 1, r->name);
  sqlite3_bind_text (stmt, 2, ts_organisation_kind_to_string (r->kind), -1, SQLITE_STATIC);
  ts_stmt_bind_text_or_null (stmt, 3, r->municipality_code);
  ts_stmt_bind_id_or_null (stmt, 4, r->parent_id);
}

gboolean
ts_store_organisation_insert (TsStore *self, const TsOrganisationRecord *record, gint64 now,
                              gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO organisations (name, kind, municipality_code, parent_id,"
                           " version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_organisation (stmt, record);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

gboolean
ts_store_organisation_update (TsStore *self, const TsOrganisationRecord *record,
                              gint64 expected_version, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE organisations SET name = ?1, kind = ?2, municipality_code = ?3,"
                           " parent_id = ?4, version = version + 1, updated_at = ?5"
                           " WHERE id = ?6 AND version = ?7", error);
  if (stmt == NULL)
    return FALSE;
  bind_organisation (stmt, record);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, record->id);
  sqlite3_bind_int64 (stmt, 7, expected_version);
  return ts_store_step_changed (self, stmt, TS_ERROR_PRECONDITION_FAILED,
                                N_("The organisation was changed by someone else; reload it"),
                                error);
}

TsOrganisationRecord *
ts_store_organisation_get (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT " ORGANISATION_COLUMNS
                                                " FROM organisations WHERE id = ?", id, error);

  if (stmt == NULL)
    return NULL;
  return ts_store_fetch_one (self, stmt, (TsRowFunc) organisation_from_row,
                             N_("No such organisation"), error);
}

GPtrArray *
ts_store_organisation_list (TsStore *self, const TsOrganisationQuery *query, gint64 after_id,
                            guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " ORGANISATION_COLUMNS " FROM organisations"
                                             " WHERE (:kind IS NULL OR kind = :kind)"
                                             " AND (:parent IS NULL OR parent_id = :parent)"
                                             " AND id > :after ORDER BY id LIMIT :limit",
                                             error);

  if (stmt == NULL)
    return NULL;
  if (query != NULL && query->kind != TS_FILTER_ANY)
    ts_stmt_bind_named_text (stmt, ":kind", ts_organisation_kind_to_string (query->kind));
  if (query != NULL)
    ts_stmt_bind_named_id (stmt, ":parent", query->parent_id);
  ts_stmt_bind_named_int64 (stmt, ":after", after_id);
  ts_stmt_bind_named_int64 (stmt, ":limit", limit);
  return ts_store_collect (self, stmt, organisation_from_row,
                           (GDestroyNotify) ts_organisation_record_free, error);
}

GArray *
ts_store_organisation_subtree (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "WITH RECURSIVE below (id) AS (SELECT ?"
                                                " UNION SELECT o.id FROM organisations o"
                                                " JOIN below b ON o.parent_id = b.id)"
                                                " SELECT id FROM below ORDER BY id", id, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 v = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, v);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&ids);
}
