#include "store/cases.h"
#include "store/store-private.h"

#include <json-glib/json-glib.h>

#include "core/error.h"
#include "core/i18n.h"
#include "core/json.h"

/* The records' arrays of slots are made in model/, which cannot see the
 * type. */
G_STATIC_ASSERT (sizeof (TsAvailabilitySlot) == TS_CASE_AVAILABILITY_SLOT_SIZE);

/* ---- the JSON text columns ------------------------------------------ */

static guint
scope_from_text (const char *text)
{
  g_auto(GStrv) names = ts_store_strv_from_text (text);
  guint scope = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      TsConsentScope s;
      if (ts_consent_scope_from_string (names[i], &s))
        scope |= s;
    }
  return scope;
}

static char *
scope_to_text (guint scope)
{
  g_autofree const char **names = ts_consent_scope_to_strv (scope);
  return ts_json_strv_to_text (names);
}

/* ---- rows ----------------------------------------------------------- */

#define CASE_COLUMNS \
  "id, code, nickname, municipality_code, age_band, gender, household, withdrawal_years," \
  " needs, interests, lat, lon, pref_supporter_gender, pref_gender_required," \
  " pref_avoid_same_municipality, pref_peer_experience, pref_availability, referred_by," \
  " referring_agency, consent_obtained_on, consent_scope, consent_agency, status, closed_on," \
  " close_reason, close_note, version, created_at, updated_at, organisation_id," \
  " programme_id, withdrawal_months"

static TsCaseRecord *
case_from_row (TsStmt *stmt)
{
  TsCaseRecord *r = g_new0 (TsCaseRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->code = ts_stmt_column_dup (stmt, 1);
  r->nickname = ts_stmt_column_dup (stmt, 2);
  r->municipality_code = ts_stmt_column_dup (stmt, 3);
  r->age_band = ts_stmt_column_dup (stmt, 4);
  r->gender = ts_stmt_column_dup (stmt, 5);
  r->household = ts_stmt_column_dup (stmt, 6);
  r->withdrawal_years = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                          ? -1 : sqlite3_column_int (stmt, 7);
  r->needs = ts_store_strv_from_text ((const char *) sqlite3_column_text (stmt, 8));
  r->interests = ts_store_strv_from_text ((const char *) sqlite3_column_text (stmt, 9));
  r->has_location = ts_stmt_column_location (stmt, 10, &r->lat, &r->lon);
  r->preferences.supporter_gender = ts_stmt_column_dup (stmt, 12);
  r->preferences.gender_required = sqlite3_column_int (stmt, 13) != 0;
  r->preferences.avoid_same_municipality = sqlite3_column_int (stmt, 14) != 0;
  r->preferences.peer_experience = ts_stmt_column_dup (stmt, 15);
  r->preferences.availability = ts_store_availability_from_text ((const char *) sqlite3_column_text (stmt, 16));
  r->referred_by = ts_stmt_column_dup (stmt, 17);
  r->referring_agency = ts_stmt_column_dup (stmt, 18);
  r->consent_obtained_on = ts_stmt_column_date (stmt, 19);
  r->consent_scope = scope_from_text ((const char *) sqlite3_column_text (stmt, 20));
  r->consent_agency = ts_stmt_column_dup (stmt, 21);
  if (!ts_case_status_from_string ((const char *) sqlite3_column_text (stmt, 22), &r->status))
    r->status = TS_CASE_INQUIRY;
  r->closed_on = ts_stmt_column_date (stmt, 23);
  r->close_reason = ts_stmt_column_dup (stmt, 24);
  r->close_note = ts_stmt_column_dup (stmt, 25);
  r->version = sqlite3_column_int64 (stmt, 26);
  r->created_at = sqlite3_column_int64 (stmt, 27);
  r->updated_at = sqlite3_column_int64 (stmt, 28);
  r->organisation_id = sqlite3_column_int64 (stmt, 29);
  r->programme_id = sqlite3_column_int64 (stmt, 30);
  r->withdrawal_months = sqlite3_column_type (stmt, 31) == SQLITE_NULL
                           ? -1 : sqlite3_column_int (stmt, 31);
  return r;
}

/* Binds every column but id, version, the timestamps and the organisation,
 * in the order both INSERT and UPDATE list them (parameters 1..25, 28 and
 * 29; the INSERT's :now and :org are 26 and 27). */
static void
bind_case (TsStmt *stmt, const TsCaseRecord *r)
{
  g_autofree char *needs = ts_json_strv_to_text ((const char *const *) r->needs);
  g_autofree char *interests = ts_json_strv_to_text ((const char *const *) r->interests);
  g_autofree char *availability = ts_store_availability_to_text (r->preferences.availability);
  g_autofree char *scope = scope_to_text (r->consent_scope);

  ts_stmt_bind_text_or_null (stmt, 1, r->code);
  ts_stmt_bind_text_or_null (stmt, 2, r->nickname);
  ts_stmt_bind_text_or_null (stmt, 3, r->municipality_code);
  ts_stmt_bind_text_or_null (stmt, 4, r->age_band);
  ts_stmt_bind_text_or_null (stmt, 5, r->gender);
  ts_stmt_bind_text_or_null (stmt, 6, r->household);
  if (r->withdrawal_years >= 0)
    sqlite3_bind_int (stmt, 7, r->withdrawal_years);
  else
    sqlite3_bind_null (stmt, 7);
  ts_stmt_bind_text_or_null (stmt, 8, needs);
  ts_stmt_bind_text_or_null (stmt, 9, interests);
  ts_stmt_bind_location (stmt, 10, r->has_location, r->lat, r->lon);
  ts_stmt_bind_text_or_null (stmt, 12, r->preferences.supporter_gender);
  sqlite3_bind_int (stmt, 13, r->preferences.gender_required ? 1 : 0);
  sqlite3_bind_int (stmt, 14, r->preferences.avoid_same_municipality ? 1 : 0);
  ts_stmt_bind_text_or_null (stmt, 15, r->preferences.peer_experience);
  ts_stmt_bind_text_or_null (stmt, 16, availability);
  ts_stmt_bind_text_or_null (stmt, 17, r->referred_by);
  ts_stmt_bind_text_or_null (stmt, 18, r->referring_agency);
  ts_stmt_bind_date_or_null (stmt, 19, r->consent_obtained_on);
  ts_stmt_bind_text_or_null (stmt, 20, scope);
  ts_stmt_bind_text_or_null (stmt, 21, r->consent_agency);
  sqlite3_bind_text (stmt, 22, ts_case_status_to_string (r->status), -1, SQLITE_STATIC);
  ts_stmt_bind_date_or_null (stmt, 23, r->closed_on);
  ts_stmt_bind_text_or_null (stmt, 24, r->close_reason);
  ts_stmt_bind_text_or_null (stmt, 25, r->close_note);
  ts_stmt_bind_id_or_null (stmt, 28, r->programme_id);
  if (r->withdrawal_months >= 0)
    sqlite3_bind_int (stmt, 29, r->withdrawal_months);
  else
    sqlite3_bind_null (stmt, 29);
}

/* ---- writes --------------------------------------------------------- */

gboolean
ts_store_case_insert (TsStore *self, const TsCaseRecord *record, gint64 now, gint64 *out_id,
                      GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL && record->code != NULL, FALSE);

  return ts_store_record_insert (self,
                                 "INSERT INTO cases (code, nickname, municipality_code, age_band,"
                                 " gender, household, withdrawal_years, needs, interests, lat, lon,"
                                 " pref_supporter_gender, pref_gender_required,"
                                 " pref_avoid_same_municipality, pref_peer_experience,"
                                 " pref_availability, referred_by, referring_agency,"
                                 " consent_obtained_on, consent_scope, consent_agency, status,"
                                 " closed_on, close_reason, close_note, version, created_at,"
                                 " updated_at, organisation_id, programme_id, withdrawal_months)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                                 " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, 1,"
                                 " :now, :now, :org, ?28, ?29)",
                                 (TsBindFunc) bind_case, record, record->organisation_id, now,
                                 N_("A case with this code already exists"), out_id, error);
}

/* Writes every column of @record if the stored version is still
 * @expected_version; otherwise TS_ERROR_PRECONDITION_FAILED and nothing is
 * written.  The version goes up by one. */
gboolean
ts_store_case_update (TsStore *self, const TsCaseRecord *record, gint64 expected_version,
                      gint64 now, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  return ts_store_record_update (self,
                                 "UPDATE cases SET code = ?1, nickname = ?2, municipality_code = ?3,"
                                 " age_band = ?4, gender = ?5, household = ?6,"
                                 " withdrawal_years = ?7, needs = ?8, interests = ?9, lat = ?10,"
                                 " lon = ?11, pref_supporter_gender = ?12,"
                                 " pref_gender_required = ?13, pref_avoid_same_municipality = ?14,"
                                 " pref_peer_experience = ?15, pref_availability = ?16,"
                                 " referred_by = ?17, referring_agency = ?18,"
                                 " consent_obtained_on = ?19, consent_scope = ?20,"
                                 " consent_agency = ?21, status = ?22, closed_on = ?23,"
                                 " close_reason = ?24, close_note = ?25, programme_id = ?28,"
                                 " withdrawal_months = ?29," TS_VERSIONED_SQL,
                                 (TsBindFunc) bind_case, record, record->id, expected_version,
                                 now, N_("A case with this code already exists"),
                                 N_("The case was changed by someone else; reload it and try again"),
                                 error);
}

/* The next free case code with @prefix (see ts_store_next_code). */
char *
ts_store_case_next_code (TsStore *self, const char *prefix, GError **error)
{
  return ts_store_next_code (self,
                             "SELECT max(CAST(substr(code, ?3) AS INTEGER)) FROM cases"
                             " WHERE code >= ?1 AND code < ?2", prefix, error);
}

gboolean
ts_store_case_assessment_insert (TsStore *self, gint64 case_id, TsDate held_on,
                                 const char *const *participants, const char *summary,
                                 gint64 user_id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (held_on != TS_DATE_NONE && summary != NULL, FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO case_assessments (case_id, held_on, participants,"
                           " summary, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  text = ts_json_strv_to_text (participants);
  sqlite3_bind_int64 (stmt, 1, case_id);
  ts_stmt_bind_date_or_null (stmt, 2, held_on);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_id_or_null (stmt, 5, user_id);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_write (self, stmt, NULL, error);
}

gboolean
ts_store_case_plan_insert (TsStore *self, gint64 case_id, int revision,
                           const char *const *goals, TsDate review_on, gint64 user_id,
                           gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (revision >= 1 && review_on != TS_DATE_NONE, FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO case_plans (case_id, revision, goals, review_on,"
                           " user_id, revised_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  text = ts_json_strv_to_text (goals);
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int (stmt, 2, revision);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_date_or_null (stmt, 4, review_on);
  ts_stmt_bind_id_or_null (stmt, 5, user_id);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_write (self, stmt, N_("Someone else revised the plan at the same time; reload it and try again"),
                     error);
}

gboolean
ts_store_case_exclusion_insert (TsStore *self, gint64 case_id, gint64 supporter_id,
                                const char *reason, const char *note, gint64 user_id,
                                gint64 now, gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  stmt = ts_store_prepare (self,
                           "INSERT INTO case_exclusions (case_id, supporter_id, reason, note,"
                           " user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, supporter_id);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_text_or_null (stmt, 4, note);
  ts_stmt_bind_id_or_null (stmt, 5, user_id);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_insert (self, stmt, N_("This supporter is already excluded for this case"),
                               out_id, error);
}

/* ---- reads ---------------------------------------------------------- */

gboolean
ts_store_case_exists (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT 1 FROM cases WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return ts_store_step (self, stmt, error) == SQLITE_ROW;
}

TsCaseRecord *
ts_store_case_get (TsStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  return ts_store_fetch_id (self, "SELECT " CASE_COLUMNS " FROM cases WHERE id = ?", id,
                            (TsRowFunc) case_from_row, N_("No such case"), error);
}

/*
 * One page in id order (keyset pagination): the cases after @after_id that
 * pass @query's filters, at most @limit of them.
 */
static const char *const list_sql[] = TS_STATUS_PLACE_SQL ("SELECT " CASE_COLUMNS " FROM cases");

GPtrArray *
ts_store_case_list (TsStore *self, const TsCaseQuery *query, gint64 after_id, guint limit,
                    GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), NULL);

  return ts_store_list_status_place (self, list_sql,
                                     query != NULL && query->status != TS_FILTER_ANY
                                       ? ts_case_status_to_string (query->status) : NULL,
                                     query != NULL ? query->municipality_code : NULL,
                                     query != NULL ? query->list.scope : NULL,
                                     query != NULL ? query->organisation_id : 0,
                                     after_id, limit, (TsRowFunc) case_from_row,
                                     (GDestroyNotify) ts_case_record_free, error);
}

static gpointer
assessment_from_row (TsStmt *stmt)
{
  TsCaseAssessment *a = g_new0 (TsCaseAssessment, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->case_id = sqlite3_column_int64 (stmt, 1);
  a->held_on = ts_stmt_column_date (stmt, 2);
  a->participants = ts_store_strv_from_text ((const char *) sqlite3_column_text (stmt, 3));
  a->summary = ts_stmt_column_dup (stmt, 4);
  a->user_id = sqlite3_column_int64 (stmt, 5);
  a->created_at = sqlite3_column_int64 (stmt, 6);
  return a;
}

/* A case's assessments, oldest first. */
GPtrArray *
ts_store_case_assessments (TsStore *self, gint64 case_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, case_id, held_on, participants, summary, user_id,"
                              " created_at FROM case_assessments WHERE case_id = ?"
                              " ORDER BY held_on, id",
                              case_id, assessment_from_row,
                              (GDestroyNotify) ts_case_assessment_free, error);
}

static gpointer
plan_from_row (TsStmt *stmt)
{
  TsCasePlan *p = g_new0 (TsCasePlan, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->case_id = sqlite3_column_int64 (stmt, 1);
  p->revision = sqlite3_column_int (stmt, 2);
  p->goals = ts_store_strv_from_text ((const char *) sqlite3_column_text (stmt, 3));
  p->review_on = ts_stmt_column_date (stmt, 4);
  p->user_id = sqlite3_column_int64 (stmt, 5);
  p->revised_at = sqlite3_column_int64 (stmt, 6);
  return p;
}

/* Every revision of a case's plan, newest (the current one) first. */
GPtrArray *
ts_store_case_plans (TsStore *self, gint64 case_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, case_id, revision, goals, review_on, user_id,"
                              " revised_at FROM case_plans WHERE case_id = ?"
                              " ORDER BY revision DESC",
                              case_id, plan_from_row, (GDestroyNotify) ts_case_plan_free, error);
}

static gpointer
exclusion_from_row (TsStmt *stmt)
{
  TsCaseExclusion *e = g_new0 (TsCaseExclusion, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->case_id = sqlite3_column_int64 (stmt, 1);
  e->supporter_id = sqlite3_column_int64 (stmt, 2);
  e->reason = ts_stmt_column_dup (stmt, 3);
  e->note = ts_stmt_column_dup (stmt, 4);
  e->user_id = sqlite3_column_int64 (stmt, 5);
  e->created_at = sqlite3_column_int64 (stmt, 6);
  return e;
}

/* A case's excluded supporters, in supporter id order. */
GPtrArray *
ts_store_case_exclusions (TsStore *self, gint64 case_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, case_id, supporter_id, reason, note, user_id,"
                              " created_at FROM case_exclusions WHERE case_id = ?"
                              " ORDER BY supporter_id",
                              case_id, exclusion_from_row,
                              (GDestroyNotify) ts_case_exclusion_free, error);
}

/* The assignments of a case that have not ended (whatever their start
 * date), or -1 with @error set. */
int
ts_store_case_open_assignments (TsStore *self, gint64 case_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT count(*) FROM assignments"
                                             " WHERE case_id = ? AND ended_on IS NULL", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return (int) ts_store_step_count (self, stmt, error);
}

/* Whether @supporter_id has an active assignment of @case_id on @on: not
 * ended, and started on or before @on, and the supporter is registered
 * (a suspension pauses case access, issue 11; a retirement has ended the
 * assignments).  FALSE with @error unset means no. */
gboolean
ts_store_case_supporter_has_active_assignment (TsStore *self, gint64 case_id,
                                               gint64 supporter_id, TsDate on, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT 1 FROM assignments a"
                                             " JOIN supporters s ON s.id = a.supporter_id"
                                             " WHERE a.supporter_id = ? AND a.case_id = ?"
                                             " AND a.ended_on IS NULL AND a.starts_on <= ?"
                                             " AND s.status = 'registered'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, supporter_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  ts_stmt_bind_date_or_null (stmt, 3, on);
  return ts_store_step (self, stmt, error) == SQLITE_ROW;
}

/* ---- for the matcher ------------------------------------------------ */

/* Reads (case id, supporter id) rows in case order and appends each
 * supporter id to its case's array in @by_id (cases not in it are other
 * cases' rows, skipped). */
static gboolean
collect_pairs (TsStore *self, TsStmt *stmt, GHashTable *by_id, gboolean excluded,
               GError **error)
{
  int rc;

  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      gint64 supporter_id = sqlite3_column_int64 (stmt, 1);
      TsCaseMatchInfo *info = g_hash_table_lookup (by_id, &case_id);

      if (info == NULL)
        continue;
      g_array_append_val (excluded ? info->excluded_supporter_ids : info->past_supporter_ids,
                          supporter_id);
    }
  return rc == SQLITE_DONE;
}

/*
 * One case with its excluded and past supporters.  Call it inside
 * ts_store_read() or a write function so that the three statements see one
 * snapshot.
 */
TsCaseMatchInfo *
ts_store_case_get_for_matching (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsCaseMatchInfo) info = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(TsStmt) excluded = NULL;
  g_autoptr(TsStmt) past = NULL;
  TsCaseRecord *record;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);

  record = ts_store_case_get (self, id, error);
  if (record == NULL)
    return NULL;
  info = ts_case_match_info_new (record);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_insert (by_id, &info->record->id, info);

  excluded = ts_store_prepare (self,
                               "SELECT case_id, supporter_id FROM case_exclusions"
                               " WHERE case_id = ? ORDER BY supporter_id", error);
  if (excluded == NULL)
    return NULL;
  sqlite3_bind_int64 (excluded, 1, id);
  if (!collect_pairs (self, excluded, by_id, TRUE, error))
    return NULL;

  past = ts_store_prepare (self,
                           "SELECT DISTINCT case_id, supporter_id FROM assignments"
                           " WHERE case_id = ? ORDER BY supporter_id", error);
  if (past == NULL)
    return NULL;
  sqlite3_bind_int64 (past, 1, id);
  if (!collect_pairs (self, past, by_id, FALSE, error))
    return NULL;
  return g_steal_pointer (&info);
}

/*
 * Every case open for matching — status assessed or matching, and consent
 * to matching — in id order, with excluded and past supporters.  Three
 * statements whatever the number of cases; call it inside ts_store_read()
 * or a write function for one snapshot.
 */
GPtrArray *
ts_store_case_list_open_for_matching (TsStore *self, GError **error)
{
  return ts_store_case_list_open_for_matching_in (self, NULL, error);
}

/* The same, of the organisations in @scope only (NULL: all; SPEC 2.6). */
GPtrArray *
ts_store_case_list_open_for_matching_in (TsStore *self, const GArray *scope, GError **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(TsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);

  stmt = ts_store_prepare (self,
                           "SELECT " CASE_COLUMNS " FROM cases"
                           " WHERE status IN ('assessed', 'matching')"
                           " AND EXISTS (SELECT 1 FROM json_each (cases.consent_scope)"
                           "             WHERE json_each.value = 'matching')"
                           " AND " TS_SCOPE_SQL ("organisation_id")
                           " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_scope (stmt, scope);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_case_match_info_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsCaseMatchInfo *info = ts_case_match_info_new (case_from_row (stmt));
      g_ptr_array_add (out, info);
      g_hash_table_insert (by_id, &info->record->id, info);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  g_clear_pointer (&stmt, ts_stmt_release);
  if (out->len == 0)
    return g_steal_pointer (&out);

  stmt = ts_store_prepare (self,
                           "SELECT e.case_id, e.supporter_id FROM case_exclusions e"
                           " JOIN cases c ON c.id = e.case_id"
                           " WHERE c.status IN ('assessed', 'matching')"
                           " ORDER BY e.case_id, e.supporter_id", error);
  if (stmt == NULL || !collect_pairs (self, stmt, by_id, TRUE, error))
    return NULL;
  g_clear_pointer (&stmt, ts_stmt_release);

  stmt = ts_store_prepare (self,
                           "SELECT DISTINCT a.case_id, a.supporter_id FROM assignments a"
                           " JOIN cases c ON c.id = a.case_id"
                           " WHERE c.status IN ('assessed', 'matching')"
                           " ORDER BY a.case_id, a.supporter_id", error);
  if (stmt == NULL || !collect_pairs (self, stmt, by_id, FALSE, error))
    return NULL;
  return g_steal_pointer (&out);
}
