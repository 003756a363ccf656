#include "store/supporters.h"
#include "store/store-private.h"

#include <json-glib/json-glib.h>

#include "core/error.h"
#include "core/i18n.h"
#include "core/json.h"

/* ---- rows ----------------------------------------------------------- */

#define SUPPORTER_COLUMNS \
  "id, code, name, name_kana, gender, birth_year, municipality_code, lat, lon," \
  " occupation, peer_experience, skills, interests, availability, max_cases," \
  " insurance_until, status, registered_on, version, created_at, updated_at, organisation_id," \
  " email"

static TsSupporterRecord *
supporter_from_row (TsStmt *stmt)
{
  TsSupporterRecord *r = g_new0 (TsSupporterRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->code = ts_stmt_column_dup (stmt, 1);
  r->name = ts_stmt_column_dup (stmt, 2);
  r->name_kana = ts_stmt_column_dup (stmt, 3);
  r->gender = ts_stmt_column_dup (stmt, 4);
  r->birth_year = sqlite3_column_int (stmt, 5);
  r->municipality_code = ts_stmt_column_dup (stmt, 6);
  r->has_location = ts_stmt_column_location (stmt, 7, &r->lat, &r->lon);
  r->occupation = ts_stmt_column_dup (stmt, 9);
  r->peer_experience = ts_stmt_column_dup (stmt, 10);
  r->skills = ts_store_strv_from_text ((const char *) sqlite3_column_text (stmt, 11));
  r->interests = ts_store_strv_from_text ((const char *) sqlite3_column_text (stmt, 12));
  r->availability = ts_store_availability_from_text ((const char *) sqlite3_column_text (stmt, 13));
  r->max_cases = sqlite3_column_int (stmt, 14);
  r->insurance_until = ts_stmt_column_date (stmt, 15);
  if (!ts_supporter_status_from_string ((const char *) sqlite3_column_text (stmt, 16), &r->status))
    r->status = TS_SUPPORTER_APPLICANT;
  r->registered_on = ts_stmt_column_date (stmt, 17);
  r->version = sqlite3_column_int64 (stmt, 18);
  r->created_at = sqlite3_column_int64 (stmt, 19);
  r->updated_at = sqlite3_column_int64 (stmt, 20);
  r->organisation_id = sqlite3_column_int64 (stmt, 21);
  r->email = ts_stmt_column_dup (stmt, 22);
  return r;
}

/* Binds the profile columns, in the order both INSERT and UPDATE list them
 * (parameters 1..17 and :email). */
static void
bind_profile (TsStmt *stmt, const TsSupporterRecord *r)
{
  g_autofree char *skills = ts_json_strv_to_text ((const char *const *) r->skills);
  g_autofree char *interests = ts_json_strv_to_text ((const char *const *) r->interests);
  g_autofree char *availability = ts_store_availability_to_text (r->availability);

  ts_stmt_bind_text_or_null (stmt, 1, r->code);
  ts_stmt_bind_text_or_null (stmt, 2, r->name);
  ts_stmt_bind_text_or_null (stmt, 3, r->name_kana);
  ts_stmt_bind_text_or_null (stmt, 4, r->gender);
  if (r->birth_year > 0)
    sqlite3_bind_int (stmt, 5, r->birth_year);
  else
    sqlite3_bind_null (stmt, 5);
  ts_stmt_bind_text_or_null (stmt, 6, r->municipality_code);
  ts_stmt_bind_location (stmt, 7, r->has_location, r->lat, r->lon);
  ts_stmt_bind_text_or_null (stmt, 9, r->occupation);
  ts_stmt_bind_text_or_null (stmt, 10, r->peer_experience);
  ts_stmt_bind_text_or_null (stmt, 11, skills);
  ts_stmt_bind_text_or_null (stmt, 12, interests);
  ts_stmt_bind_text_or_null (stmt, 13, availability);
  sqlite3_bind_int (stmt, 14, r->max_cases);
  ts_stmt_bind_date_or_null (stmt, 15, r->insurance_until);
  sqlite3_bind_text (stmt, 16, ts_supporter_status_to_string (r->status), -1, SQLITE_STATIC);
  ts_stmt_bind_date_or_null (stmt, 17, r->registered_on);
  ts_stmt_bind_named_text (stmt, ":email", r->email);
}

gboolean
ts_store_supporter_insert (TsStore *self, const TsSupporterRecord *record, gint64 now,
                           gint64 *out_id, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  return ts_store_record_insert (self,
                                 "INSERT INTO supporters (code, name, name_kana, gender, birth_year,"
                                 " municipality_code, lat, lon, occupation, peer_experience, skills,"
                                 " interests, availability, max_cases, insurance_until, status,"
                                 " registered_on, version, created_at, updated_at, organisation_id,"
                                 " email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                                 " ?12, ?13, ?14, ?15, ?16, ?17, 1, :now, :now, :org, :email)",
                                 (TsBindFunc) bind_profile, record, record->organisation_id, now,
                                 "A supporter with this code already exists", out_id, error);
}

/* Writes every column of @record and bumps the version, provided the row is
 * still at @expected_version: a concurrent change makes it fail with
 * TS_ERROR_PRECONDITION_FAILED, never overwrite. */
gboolean
ts_store_supporter_update (TsStore *self, const TsSupporterRecord *record,
                           gint64 expected_version, gint64 now, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  return ts_store_record_update (self,
                                 "UPDATE supporters SET code = ?1, name = ?2, name_kana = ?3,"
                                 " gender = ?4, birth_year = ?5, municipality_code = ?6, lat = ?7,"
                                 " lon = ?8, occupation = ?9, peer_experience = ?10, skills = ?11,"
                                 " interests = ?12, availability = ?13, max_cases = ?14,"
                                 " insurance_until = ?15, status = ?16, registered_on = ?17,"
                                 " email = :email," TS_VERSIONED_SQL,
                                 (TsBindFunc) bind_profile, record, record->id, expected_version,
                                 now, "A supporter with this code already exists",
                                 N_("The supporter was changed by someone else; reload it and try again"),
                                 error);
}

/* A new training changes the supporter's representation (its
 * qualification), so it gets a new version and ETag too. */
gboolean
ts_store_supporter_touch (TsStore *self, gint64 id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE supporters SET version = version + 1, updated_at = ?"
                           " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  return ts_store_step_changed (self, stmt, TS_ERROR_NOT_FOUND,
                                N_("No such supporter"), error);
}

/* The next free supporter code with @prefix (see ts_store_next_code). */
char *
ts_store_supporter_next_code (TsStore *self, const char *prefix, GError **error)
{
  return ts_store_next_code (self,
                             "SELECT max(CAST(substr(code, ?3) AS INTEGER)) FROM supporters"
                             " WHERE code >= ?1 AND code < ?2", prefix, error);
}

TsSupporterRecord *
ts_store_supporter_get (TsStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  return ts_store_fetch_id (self, "SELECT " SUPPORTER_COLUMNS " FROM supporters WHERE id = ?", id,
                            (TsRowFunc) supporter_from_row, N_("No such supporter"), error);
}

gboolean
ts_store_supporter_exists (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT 1 FROM supporters WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return ts_store_step (self, stmt, error) == SQLITE_ROW;
}

static GPtrArray *
collect_supporters (TsStore *self, TsStmt *stmt, GError **error)
{
  return ts_store_collect (self, stmt, (TsRowFunc) supporter_from_row,
                           (GDestroyNotify) ts_supporter_record_free, error);
}

/*
 * One page in id order (keyset pagination): the supporters after
 * @after_id that pass @query's status and place, at most @limit of them.
 * Callers ask for one more than they show to learn whether there is a
 * next page.
 */
static const char *const list_sql[] =
  TS_STATUS_PLACE_SQL ("SELECT " SUPPORTER_COLUMNS " FROM supporters");

GPtrArray *
ts_store_supporter_list (TsStore *self, const TsSupporterListQuery *query, gint64 after_id,
                         guint limit, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), NULL);

  return ts_store_list_status_place (self, list_sql,
                                     query != NULL && query->status != TS_FILTER_ANY
                                       ? ts_supporter_status_to_string (query->status) : NULL,
                                     query != NULL ? query->municipality_code : NULL,
                                     query != NULL ? query->list.scope : NULL,
                                     query != NULL ? query->organisation_id : 0,
                                     after_id, limit, (TsRowFunc) supporter_from_row,
                                     (GDestroyNotify) ts_supporter_record_free, error);
}

/* The supporters a training audit covers: the current roster, registered
 * or suspended, in id order. */
GPtrArray *
ts_store_supporter_list_roster (TsStore *self, const GArray *scope, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  stmt = ts_store_prepare (self,
                           "SELECT " SUPPORTER_COLUMNS " FROM supporters"
                           " WHERE status IN ('registered', 'suspended')"
                           " AND " TS_SCOPE_SQL ("organisation_id") " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_scope (stmt, scope);
  return collect_supporters (self, stmt, error);
}

/* ---- trainings ------------------------------------------------------ */

/* Fills a zeroed element (ts_store_collect_into). */
static void
training_from_row (TsStmt *stmt, gpointer element)
{
  TsTrainingRecord *t = element;

  t->id = sqlite3_column_int64 (stmt, 0);
  t->supporter_id = sqlite3_column_int64 (stmt, 1);
  g_strlcpy (t->kind, (const char *) sqlite3_column_text (stmt, 2), sizeof t->kind);
  t->completed_on = ts_stmt_column_date (stmt, 3);
  t->course_id = sqlite3_column_int64 (stmt, 4);
  t->created_at = sqlite3_column_int64 (stmt, 5);
  g_strlcpy (t->source, sqlite3_column_type (stmt, 6) == SQLITE_NULL
                          ? "direct" : (const char *) sqlite3_column_text (stmt, 6),
             sizeof t->source);
}

static GArray *
collect_trainings (TsStore *self, TsStmt *stmt, GError **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TsTrainingRecord));

  if (!ts_store_collect_into (self, stmt, out, training_from_row, error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
ts_store_supporter_training_insert (TsStore *self, gint64 supporter_id, const char *kind,
                                    TsDate completed_on, gint64 course_id, gint64 now,
                                    gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (kind != NULL && completed_on != TS_DATE_NONE, FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO trainings (supporter_id, kind, completed_on, course_id,"
                           " created_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, supporter_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_date_or_null (stmt, 3, completed_on);
  ts_stmt_bind_id_or_null (stmt, 4, course_id);
  sqlite3_bind_int64 (stmt, 5, now);
  return ts_store_step_insert (self, stmt,
                               N_("A completion of this course is already recorded for this supporter"),
                               out_id, error);
}

#define TRAINING_COLUMNS "id, supporter_id, kind, completed_on, course_id, created_at, source"

/* The completions of every supporter whose id is in [first_id, last_id],
 * by supporter then date: one query for a whole page of supporters.
 * Supporters in the range that are not on the page (filtered out) are the
 * caller's to skip. */
GArray *
ts_store_supporter_trainings_range (TsStore *self, gint64 first_id, gint64 last_id,
                                    GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " TRAINING_COLUMNS " FROM trainings"
                                             " WHERE supporter_id BETWEEN ? AND ?"
                                             " ORDER BY supporter_id, completed_on, id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  return collect_trainings (self, stmt, error);
}

/* One supporter's completions, oldest first: a range of one. */
GArray *
ts_store_supporter_trainings (TsStore *self, gint64 supporter_id, GError **error)
{
  return ts_store_supporter_trainings_range (self, supporter_id, supporter_id, error);
}

/* Whether the same completion is already recorded, so that a client that
 * retries a POST after a lost answer does not record it twice. */
gboolean
ts_store_supporter_training_exists (TsStore *self, gint64 supporter_id, const char *kind,
                                    TsDate completed_on, gint64 course_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT 1 FROM trainings WHERE supporter_id = ?"
                                             " AND kind = ? AND completed_on = ?"
                                             " AND course_id IS ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, supporter_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_date_or_null (stmt, 3, completed_on);
  ts_stmt_bind_id_or_null (stmt, 4, course_id);
  return ts_store_step (self, stmt, error) == SQLITE_ROW;
}

/* The kind of a training course ("initial" or "follow_up"), or NULL with
 * TS_ERROR_NOT_FOUND. */
char *
ts_store_supporter_course_kind (TsStore *self, gint64 course_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT kind FROM training_courses WHERE id = ?",
                                             error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, course_id);
  if (!ts_store_step_row (self, stmt, N_("No such training course"), error))
    return NULL;
  return ts_stmt_column_dup (stmt, 0);
}

/* ---- status history ------------------------------------------------- */

gboolean
ts_store_supporter_status_change_insert (TsStore *self, gint64 supporter_id,
                                         TsSupporterStatus from_status,
                                         TsSupporterStatus to_status, TsDate changed_on,
                                         const char *reason, gint64 user_id, gint64 now,
                                         GError **error)
{
  return ts_store_status_change_insert (self,
                                        "INSERT INTO supporter_status_changes (supporter_id,"
                                        " from_status, to_status, changed_on, reason, user_id,"
                                        " at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                        supporter_id, ts_supporter_status_to_string (from_status),
                                        ts_supporter_status_to_string (to_status), changed_on,
                                        reason, user_id, now, error);
}

static gpointer
status_change_from_row (TsStmt *stmt)
{
  return ts_stmt_column_status_change (stmt, &ts_supporter_status_vocabulary);
}

GPtrArray *
ts_store_supporter_status_changes (TsStore *self, gint64 supporter_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, from_status, to_status, changed_on, reason, user_id, at"
                              " FROM supporter_status_changes WHERE supporter_id = ? ORDER BY id",
                              supporter_id, status_change_from_row,
                              (GDestroyNotify) ts_status_change_free, error);
}

/* ---- insurance renewal (issue 11) --------------------------------------- */

#define RENEWABLE " FROM supporters WHERE status = 'registered'" \
                  " AND (insurance_until IS NULL OR insurance_until < :until)" \
                  " AND " TS_SCOPE_SQL ("organisation_id")

/* How many registered supporters are insured until before @until (or not
 * at all): those a renewal to @until changes.  Any thread. */
gboolean
ts_store_supporter_insurance_renewable (TsStore *self, TsDate until, const GArray *scope,
                                        gint64 *out_count, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT count(*)" RENEWABLE, error);

  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_named_date (stmt, ":until", until);
  ts_stmt_bind_scope (stmt, scope);
  if (ts_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Sets insurance_until = @until on at most @limit of those supporters, in
 * id order, and appends their ids to @out_ids.  Cover is only ever
 * extended: a later date already recorded is kept.  Writer thread only. */
gboolean
ts_store_supporter_insurance_renew (TsStore *self, TsDate until, const GArray *scope,
                                    guint limit, gint64 now, GArray *out_ids, GError **error)
{
  g_autoptr(TsStmt) select = NULL;
  g_autoptr(TsStmt) update = NULL;
  guint first = out_ids->len;
  int rc;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  select = ts_store_prepare (self, "SELECT id" RENEWABLE " ORDER BY id LIMIT :limit", error);
  if (select == NULL)
    return FALSE;
  ts_stmt_bind_named_date (select, ":until", until);
  ts_stmt_bind_scope (select, scope);
  ts_stmt_bind_named_int64 (select, ":limit", limit);
  while ((rc = ts_store_step (self, select, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_array_append_val (out_ids, id);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&select, ts_stmt_release);

  update = ts_store_prepare (self,
                             "UPDATE supporters SET insurance_until = ?, version = version + 1,"
                             " updated_at = ? WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  for (guint i = first; i < out_ids->len; i++)
    {
      sqlite3_reset (update);
      ts_stmt_bind_date_or_null (update, 1, until);
      sqlite3_bind_int64 (update, 2, now);
      sqlite3_bind_int64 (update, 3, g_array_index (out_ids, gint64, i));
      if (!ts_store_step_done (self, update, error))
        return FALSE;
    }
  return TRUE;
}
