/*
 * Consultation records and consultees: see store/contacts.h.
 */
#include "store/contacts.h"
#include "store/store-private.h"

#include "core/i18n.h"

#define CONTACT_COLUMNS \
  "id, contacted_on, method, contactor, first_contact, minutes, case_id, consultee_id," \
  " contactor_age_band, organisation_id, user_id, created_at"

/* The person's contacts, counted by the partial indexes on consultee_id. */
#define CONSULTEE_COLUMNS \
  "c.id, c.nickname, c.age_band, c.gender, c.organisation_id," \
  " (SELECT contacted_on FROM contacts k WHERE k.consultee_id = c.id AND k.first_contact = 1)," \
  " (SELECT max (contacted_on) FROM contacts k WHERE k.consultee_id = c.id)," \
  " (SELECT count (*) FROM contacts k WHERE k.consultee_id = c.id)," \
  " c.user_id, c.created_at"

static gpointer
contact_from_row (TsStmt *stmt)
{
  TsContactRecord *r = ts_contact_record_new ();
  TsContactMethod method = TS_CONTACT_OTHER;
  TsContactor contactor = TS_CONTACTOR_OTHER;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->date = ts_stmt_column_date (stmt, 1);
  /* The schema's CHECK constraints hold the same words. */
  ts_contact_method_from_string ((const char *) sqlite3_column_text (stmt, 2), &method);
  ts_contactor_from_string ((const char *) sqlite3_column_text (stmt, 3), &contactor);
  r->method = method;
  r->contactor = contactor;
  r->first_contact = sqlite3_column_int (stmt, 4) != 0;
  r->minutes = sqlite3_column_int (stmt, 5);
  r->case_id = sqlite3_column_int64 (stmt, 6);
  r->consultee_id = sqlite3_column_int64 (stmt, 7);
  r->contactor_age_band = ts_stmt_column_dup (stmt, 8);
  r->organisation_id = sqlite3_column_int64 (stmt, 9);
  r->user_id = sqlite3_column_int64 (stmt, 10);
  r->created_at = sqlite3_column_int64 (stmt, 11);
  return r;
}

static gpointer
consultee_from_row (TsStmt *stmt)
{
  TsConsulteeRecord *r = ts_consultee_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->nickname = ts_stmt_column_dup (stmt, 1);
  r->age_band = ts_stmt_column_dup (stmt, 2);
  r->gender = ts_stmt_column_dup (stmt, 3);
  r->organisation_id = sqlite3_column_int64 (stmt, 4);
  r->first_contact_on = ts_stmt_column_date (stmt, 5);
  r->last_contact_on = ts_stmt_column_date (stmt, 6);
  r->contacts_count = sqlite3_column_int64 (stmt, 7);
  r->user_id = sqlite3_column_int64 (stmt, 8);
  r->created_at = sqlite3_column_int64 (stmt, 9);
  return r;
}

gboolean
ts_store_consultee_insert (TsStore *self, const TsConsulteeRecord *record, gint64 now,
                           gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO consultees (organisation_id, nickname, age_band, gender,"
                           " user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->organisation_id);
  ts_stmt_bind_text_or_null (stmt, 2, record->nickname);
  ts_stmt_bind_text_or_null (stmt, 3, record->age_band);
  ts_stmt_bind_text_or_null (stmt, 4, record->gender);
  ts_stmt_bind_id_or_null (stmt, 5, record->user_id);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

gboolean
ts_store_contact_insert (TsStore *self, const TsContactRecord *record, gint64 now,
                         gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO contacts (organisation_id, contacted_on, method, contactor,"
                           " first_contact, minutes, case_id, consultee_id, contactor_age_band,"
                           " user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->organisation_id);
  ts_stmt_bind_date_or_null (stmt, 2, record->date);
  sqlite3_bind_text (stmt, 3, ts_contact_method_to_string (record->method), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ts_contactor_to_string (record->contactor), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, record->first_contact ? 1 : 0);
  if (record->minutes > 0)
    sqlite3_bind_int (stmt, 6, record->minutes);
  else
    sqlite3_bind_null (stmt, 6);
  ts_stmt_bind_id_or_null (stmt, 7, record->case_id);
  ts_stmt_bind_id_or_null (stmt, 8, record->consultee_id);
  ts_stmt_bind_text_or_null (stmt, 9, record->contactor_age_band);
  ts_stmt_bind_id_or_null (stmt, 10, record->user_id);
  sqlite3_bind_int64 (stmt, 11, now);
  if (!ts_store_step_write (self, stmt, N_("This person's first contact is already recorded"),
                            error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

TsConsulteeRecord *
ts_store_consultee_get (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT " CONSULTEE_COLUMNS
                                                " FROM consultees c WHERE c.id = ?", id, error);

  if (stmt == NULL)
    return NULL;
  return ts_store_fetch_one (self, stmt, consultee_from_row, N_("No such consultee"), error);
}

TsContactRecord *
ts_store_contact_get (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT " CONTACT_COLUMNS
                                                " FROM contacts WHERE id = ?", id, error);

  if (stmt == NULL)
    return NULL;
  return ts_store_fetch_one (self, stmt, contact_from_row, N_("No such contact"), error);
}

gboolean
ts_store_contact_first_exists (TsStore *self, gint64 case_id, gint64 consultee_id,
                               gboolean *out_exists, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  int rc;

  stmt = ts_store_prepare (self,
                           case_id > 0
                             ? "SELECT 1 FROM contacts WHERE case_id = ? AND first_contact = 1"
                             : "SELECT 1 FROM contacts WHERE consultee_id = ? AND first_contact = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id > 0 ? case_id : consultee_id);
  rc = ts_store_step (self, stmt, error);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

GPtrArray *
ts_store_contact_list (TsStore *self, const TsContactQuery *query, gint64 after_id, guint limit,
                       GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT " CONTACT_COLUMNS " FROM contacts"
                           " WHERE id > :after"
                           " AND " TS_SCOPE_SQL ("organisation_id")
                           " AND " TS_PERIOD_SQL ("contacted_on")
                           " AND (:case IS NULL OR case_id = :case)"
                           " AND (:consultee IS NULL OR consultee_id = :consultee)"
                           " AND (:method IS NULL OR method = :method)"
                           " ORDER BY id LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_page (stmt, query != NULL ? query->list.scope : NULL, 0, after_id, limit);
  if (query != NULL)
    {
      ts_stmt_bind_period (stmt, query->from, query->to);
      ts_stmt_bind_named_id (stmt, ":case", query->case_id);
      ts_stmt_bind_named_id (stmt, ":consultee", query->consultee_id);
      if (query->method != TS_FILTER_ANY)
        ts_stmt_bind_named_text (stmt, ":method", ts_contact_method_to_string (query->method));
    }
  return ts_store_collect (self, stmt, contact_from_row,
                           (GDestroyNotify) ts_contact_record_free, error);
}

GPtrArray *
ts_store_consultee_list (TsStore *self, const TsConsulteeQuery *query, gint64 after_id,
                         guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT " CONSULTEE_COLUMNS " FROM consultees c"
                           " WHERE c.id > :after"
                           " AND " TS_SCOPE_SQL ("c.organisation_id")
                           " ORDER BY c.id LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_page (stmt, query != NULL ? query->list.scope : NULL, 0, after_id, limit);
  return ts_store_collect (self, stmt, consultee_from_row,
                           (GDestroyNotify) ts_consultee_record_free, error);
}

gboolean
ts_store_contact_person_dates (TsStore *self, gint64 case_id, gint64 consultee_id,
                               TsDate *out_first, TsDate *out_earliest, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  int rc;

  stmt = ts_store_prepare (self,
                           case_id > 0
                             ? "SELECT max (CASE WHEN first_contact = 1 THEN contacted_on END),"
                               " min (contacted_on) FROM contacts WHERE case_id = ?"
                             : "SELECT max (CASE WHEN first_contact = 1 THEN contacted_on END),"
                               " min (contacted_on) FROM contacts WHERE consultee_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id > 0 ? case_id : consultee_id);
  rc = ts_store_step (self, stmt, error);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "no aggregate row");
      return FALSE;
    }
  /* NULL (no such contact) reads as TS_DATE_NONE. */
  *out_first = ts_stmt_column_date (stmt, 0);
  *out_earliest = ts_stmt_column_date (stmt, 1);
  return TRUE;
}
