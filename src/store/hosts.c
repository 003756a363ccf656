#include "store/hosts.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/i18n.h"

/* ---- rows ----------------------------------------------------------- */

#define HOST_COLUMNS \
  "id, name, municipality_code, industry, address, contact_person, capacity_per_day," \
  " weekdays_open, notes, status, registered_on, version, created_at, updated_at, organisation_id"

static TsHostRecord *
host_from_row (TsStmt *stmt)
{
  TsHostRecord *r = g_new0 (TsHostRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->name = ts_stmt_column_dup (stmt, 1);
  r->municipality_code = ts_stmt_column_dup (stmt, 2);
  r->industry = ts_stmt_column_dup (stmt, 3);
  r->address = ts_stmt_column_dup (stmt, 4);
  r->contact_person = ts_stmt_column_dup (stmt, 5);
  r->capacity_per_day = sqlite3_column_int (stmt, 6);
  r->weekdays_open = (guint) sqlite3_column_int (stmt, 7) & 0x7fu;
  r->notes = ts_stmt_column_dup (stmt, 8);
  if (!ts_host_status_from_string ((const char *) sqlite3_column_text (stmt, 9), &r->status))
    r->status = TS_HOST_APPLIED;
  r->registered_on = ts_stmt_column_date (stmt, 10);
  r->version = sqlite3_column_int64 (stmt, 11);
  r->created_at = sqlite3_column_int64 (stmt, 12);
  r->updated_at = sqlite3_column_int64 (stmt, 13);
  r->organisation_id = sqlite3_column_int64 (stmt, 14);
  return r;
}

/* Parameters 1..10, in the order both INSERT and UPDATE list them. */
static void
bind_host (TsStmt *stmt, const TsHostRecord *r)
{
  ts_stmt_bind_text_or_null (stmt, 1, r->name);
  ts_stmt_bind_text_or_null (stmt, 2, r->municipality_code);
  ts_stmt_bind_text_or_null (stmt, 3, r->industry);
  ts_stmt_bind_text_or_null (stmt, 4, r->address);
  ts_stmt_bind_text_or_null (stmt, 5, r->contact_person);
  sqlite3_bind_int (stmt, 6, r->capacity_per_day);
  sqlite3_bind_int (stmt, 7, (int) r->weekdays_open);
  ts_stmt_bind_text_or_null (stmt, 8, r->notes);
  sqlite3_bind_text (stmt, 9, ts_host_status_to_string (r->status), -1, SQLITE_STATIC);
  ts_stmt_bind_date_or_null (stmt, 10, r->registered_on);
}

gboolean
ts_store_host_insert (TsStore *self, const TsHostRecord *record, gint64 now, gint64 *out_id,
                      GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  return ts_store_record_insert (self,
                                 "INSERT INTO hosts (name, municipality_code, industry, address,"
                                 " contact_person, capacity_per_day, weekdays_open, notes, status,"
                                 " registered_on, version, created_at, updated_at, organisation_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, :now, :now,"
                                 " :org)",
                                 (TsBindFunc) bind_host, record, record->organisation_id, now,
                                 NULL, out_id, error);
}

/* Writes every column of @record and bumps the version, provided the row is
 * still at @expected_version: a concurrent change makes it fail with
 * TS_ERROR_PRECONDITION_FAILED, never overwrite. */
gboolean
ts_store_host_update (TsStore *self, const TsHostRecord *record, gint64 expected_version,
                      gint64 now, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  return ts_store_record_update (self,
                                 "UPDATE hosts SET name = ?1, municipality_code = ?2, industry = ?3,"
                                 " address = ?4, contact_person = ?5, capacity_per_day = ?6,"
                                 " weekdays_open = ?7, notes = ?8, status = ?9, registered_on = ?10,"
                                 TS_VERSIONED_SQL,
                                 (TsBindFunc) bind_host, record, record->id, expected_version,
                                 now, NULL,
                                 N_("The host was changed by someone else; reload it and try again"),
                                 error);
}

gboolean
ts_store_host_survey_insert (TsStore *self, gint64 host_id, TsDate surveyed_on,
                             gboolean approved, const char *notes, gint64 user_id, gint64 now,
                             GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO host_surveys (host_id, surveyed_on, result, notes,"
                           " user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, host_id);
  ts_stmt_bind_date_or_null (stmt, 2, surveyed_on);
  sqlite3_bind_text (stmt, 3, approved ? "approved" : "rejected", -1, SQLITE_STATIC);
  ts_stmt_bind_text_or_null (stmt, 4, notes);
  ts_stmt_bind_id_or_null (stmt, 5, user_id);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_host_status_change_insert (TsStore *self, gint64 host_id, TsHostStatus from_status,
                                    TsHostStatus to_status, TsDate changed_on,
                                    const char *reason, gint64 user_id, gint64 now,
                                    GError **error)
{
  return ts_store_status_change_insert (self,
                                        "INSERT INTO host_status_changes (host_id, from_status,"
                                        " to_status, changed_on, reason, user_id, at)"
                                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                        host_id, ts_host_status_to_string (from_status),
                                        ts_host_status_to_string (to_status), changed_on, reason,
                                        user_id, now, error);
}

TsHostRecord *
ts_store_host_get (TsStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  return ts_store_fetch_id (self, "SELECT " HOST_COLUMNS " FROM hosts WHERE id = ?", id,
                            (TsRowFunc) host_from_row, N_("No such host"), error);
}

/*
 * One page in id order (keyset pagination): the hosts after @after_id that
 * pass @filter, at most @limit.  Callers ask for one more than they show to
 * learn whether there is a next page.  NULL parameters match anything, which
 * keeps this to one statement: the hosts of a prefecture number hundreds,
 * not the supporters' tens of thousands.
 */
GPtrArray *
ts_store_host_list (TsStore *self, const TsHostQuery *filter, gint64 after_id, guint limit,
                    GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);

  stmt = ts_store_prepare (self,
                           "SELECT " HOST_COLUMNS " FROM hosts"
                           " WHERE (:status IS NULL OR status = :status)"
                           " AND (:place IS NULL OR municipality_code = :place)"
                           " AND (:only IS NULL OR id = :only) AND " TS_PAGE_SQL, error);
  if (stmt == NULL)
    return NULL;
  if (filter != NULL && filter->status != TS_FILTER_ANY)
    ts_stmt_bind_named_text (stmt, ":status", ts_host_status_to_string (filter->status));
  if (filter != NULL)
    ts_stmt_bind_named_text (stmt, ":place", filter->municipality_code);
  if (filter != NULL && filter->only_id > 0)
    ts_stmt_bind_named_int64 (stmt, ":only", filter->only_id);
  ts_stmt_bind_page (stmt, filter != NULL ? filter->list.scope : NULL,
                     filter != NULL ? filter->organisation_id : 0, after_id, limit);
  return ts_store_collect (self, stmt, (TsRowFunc) host_from_row,
                           (GDestroyNotify) ts_host_record_free, error);
}

static gpointer
survey_from_row (TsStmt *stmt)
{
  TsHostSurvey *s = g_new0 (TsHostSurvey, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->host_id = sqlite3_column_int64 (stmt, 1);
  s->surveyed_on = ts_stmt_column_date (stmt, 2);
  s->approved = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "approved") == 0;
  s->notes = ts_stmt_column_dup (stmt, 4);
  s->user_id = sqlite3_column_int64 (stmt, 5);
  s->created_at = sqlite3_column_int64 (stmt, 6);
  return s;
}

GPtrArray *
ts_store_host_surveys (TsStore *self, gint64 host_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, host_id, surveyed_on, result, notes, user_id, created_at"
                              " FROM host_surveys WHERE host_id = ? ORDER BY id",
                              host_id, survey_from_row, (GDestroyNotify) ts_host_survey_free,
                              error);
}

static gpointer
status_change_from_row (TsStmt *stmt)
{
  return ts_stmt_column_status_change (stmt, &ts_host_status_vocabulary);
}

GPtrArray *
ts_store_host_status_changes (TsStore *self, gint64 host_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, from_status, to_status, changed_on, reason, user_id, at"
                              " FROM host_status_changes WHERE host_id = ? ORDER BY id",
                              host_id, status_change_from_row,
                              (GDestroyNotify) ts_status_change_free, error);
}
