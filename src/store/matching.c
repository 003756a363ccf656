/*
 * What the matcher reads about supporters, in bulk (see matching.h).
 */
#include "store/matching.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/i18n.h"

/* The list columns hold JSON the store wrote itself; json_valid() keeps a
 * hand-edited row from failing the whole statement (it reads as empty, as
 * the supporter registry reads it).  Items of the wrong JSON type are
 * skipped the same way. */
#define ROW_COLUMNS \
  "s.id, s.name, s.status, s.gender, s.municipality_code, s.lat, s.lon, s.occupation," \
  " s.peer_experience," \
  " (SELECT group_concat (j.value, char (31)) FROM json_each (CASE WHEN json_valid (s.skills)" \
  "   THEN s.skills ELSE '[]' END) j WHERE j.type = 'text')," \
  " (SELECT group_concat (j.value, char (31)) FROM json_each (CASE WHEN json_valid (s.interests)" \
  "   THEN s.interests ELSE '[]' END) j WHERE j.type = 'text')," \
  " (SELECT group_concat (json_extract (j.value, '$.weekday') || ',' ||" \
  "   json_extract (j.value, '$.from_min') || ',' || json_extract (j.value, '$.to_min'), ';')" \
  "   FROM json_each (CASE WHEN json_valid (s.availability) THEN s.availability ELSE '[]' END) j" \
  "   WHERE j.type = 'object')," \
  " s.max_cases, s.insurance_until, s.organisation_id"

static const char *
column_text (TsStmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static void
row_from_stmt (TsStmt *stmt, TsMatchSupporterRow *row)
{
  row->id = sqlite3_column_int64 (stmt, 0);
  row->name = column_text (stmt, 1);
  if (!ts_supporter_status_from_string (column_text (stmt, 2), &row->status))
    row->status = TS_SUPPORTER_APPLICANT;
  row->gender = column_text (stmt, 3);
  row->municipality_code = column_text (stmt, 4);
  row->has_location = sqlite3_column_type (stmt, 5) != SQLITE_NULL &&
                      sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  row->lat = row->has_location ? sqlite3_column_double (stmt, 5) : 0.0;
  row->lon = row->has_location ? sqlite3_column_double (stmt, 6) : 0.0;
  row->occupation = column_text (stmt, 7);
  row->peer_experience = column_text (stmt, 8);
  row->skills = column_text (stmt, 9);
  row->interests = column_text (stmt, 10);
  row->availability = column_text (stmt, 11);
  row->max_cases = sqlite3_column_int (stmt, 12);
  row->insurance_until = ts_stmt_column_date (stmt, 13);
  row->organisation_id = sqlite3_column_int64 (stmt, 14);
}

/*
 * Merges three statements ordered by supporter id: the supporters, their
 * completions (supporter_id, kind, completed_on) and their open assignment
 * counts (supporter_id, count).  SQLite steps them side by side on this
 * connection, so nothing but one supporter's completions is buffered.
 */
static gboolean
merge_rows (TsStore                 *self,
            TsStmt                  *supporters,
            TsStmt                  *trainings,
            TsStmt                  *counts,
            TsMatchSupporterRowFunc  func,
            gpointer                 user_data,
            guint                   *out_n,
            GError                 **error)
{
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (TsMatchTrainingRow));
  int rc_t = ts_store_step (self, trainings, error);
  int rc_c = rc_t == SQLITE_ROW || rc_t == SQLITE_DONE ? ts_store_step (self, counts, error)
                                                       : rc_t;
  int rc;

  *out_n = 0;
  if ((rc_t != SQLITE_ROW && rc_t != SQLITE_DONE) || (rc_c != SQLITE_ROW && rc_c != SQLITE_DONE))
    return FALSE;

  while ((rc = ts_store_step (self, supporters, error)) == SQLITE_ROW)
    {
      TsMatchSupporterRow row = { 0 };

      row_from_stmt (supporters, &row);
      g_array_set_size (own, 0);
      while (rc_t == SQLITE_ROW && sqlite3_column_int64 (trainings, 0) < row.id)
        rc_t = ts_store_step (self, trainings, error);
      while (rc_t == SQLITE_ROW && sqlite3_column_int64 (trainings, 0) == row.id)
        {
          const char *kind = column_text (trainings, 1);
          TsMatchTrainingRow t = {
            kind != NULL && g_str_equal (kind, "initial"),
            ts_stmt_column_date (trainings, 2),
          };

          if (t.completed_on != TS_DATE_NONE)
            g_array_append_val (own, t);
          rc_t = ts_store_step (self, trainings, error);
        }
      while (rc_c == SQLITE_ROW && sqlite3_column_int64 (counts, 0) < row.id)
        rc_c = ts_store_step (self, counts, error);
      if (rc_c == SQLITE_ROW && sqlite3_column_int64 (counts, 0) == row.id)
        row.open_assignments = (guint) sqlite3_column_int (counts, 1);
      if ((rc_t != SQLITE_ROW && rc_t != SQLITE_DONE) ||
          (rc_c != SQLITE_ROW && rc_c != SQLITE_DONE))
        return FALSE;

      row.trainings = (const TsMatchTrainingRow *) own->data;
      row.n_trainings = own->len;
      if (!func (&row, user_data, error))
        return FALSE;
      (*out_n)++;
    }
  return rc == SQLITE_DONE;
}

/* What the matcher reads: the supporters, their completions and their open
 * assignment counts, each ordered by supporter id, of everyone on the
 * register or of the one supporter whose id the statements bind as ?. */
typedef struct {
  const char *supporters;
  const char *trainings;
  const char *counts;
} MatchSql;

/* Retired people leave the register for good: listing each of them as
 * "not_registered" in every candidate list would bury the few who are
 * merely suspended or still in training.  ?1 is the pool's organisation,
 * 0 for all; the other two statements read every supporter's rows, which
 * the merge skips (SPEC 2.6: a pool is one organisation's supporters). */
static const MatchSql match_all = {
  "SELECT " ROW_COLUMNS " FROM supporters s WHERE s.status <> 'retired'"
  " AND (?1 = 0 OR s.organisation_id = ?1) ORDER BY s.id",
  "SELECT supporter_id, kind, completed_on FROM trainings"
  " ORDER BY supporter_id, completed_on, id",
  "SELECT supporter_id, count(*) FROM assignments"
  " WHERE ended_on IS NULL GROUP BY supporter_id ORDER BY supporter_id",
};

static const MatchSql match_one = {
  "SELECT " ROW_COLUMNS " FROM supporters s WHERE s.id = ?",
  "SELECT supporter_id, kind, completed_on FROM trainings"
  " WHERE supporter_id = ? ORDER BY completed_on, id",
  "SELECT supporter_id, count(*) FROM assignments"
  " WHERE supporter_id = ? AND ended_on IS NULL",
};

/* match_one: @id is bound to its three statements; match_all: @id is the
 * pool, bound to the supporters' statement. */
static gboolean
match_rows (TsStore                 *self,
            const MatchSql          *sql,
            gint64                   id,
            TsMatchSupporterRowFunc  func,
            gpointer                 user_data,
            guint                   *out_n,
            GError                 **error)
{
  g_autoptr(TsStmt) supporters = NULL;
  g_autoptr(TsStmt) trainings = NULL;
  g_autoptr(TsStmt) counts = NULL;
  struct {
    TsStmt    **stmt;
    const char *sql;
  } all[] = {
    { &supporters, sql->supporters },
    { &trainings, sql->trainings },
    { &counts, sql->counts },
  };

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      *all[i].stmt = ts_store_prepare (self, all[i].sql, error);
      if (*all[i].stmt == NULL)
        return FALSE;
      if (sql == &match_one || i == 0)
        sqlite3_bind_int64 (*all[i].stmt, 1, id);
    }
  return merge_rows (self, supporters, trainings, counts, func, user_data, out_n, error);
}

gboolean
ts_store_match_supporters_foreach (TsStore                 *self,
                                   gint64                   pool,
                                   TsMatchSupporterRowFunc  func,
                                   gpointer                 user_data,
                                   GError                 **error)
{
  guint n;

  return match_rows (self, &match_all, pool, func, user_data, &n, error);
}

gboolean
ts_store_match_supporter_one (TsStore                 *self,
                              gint64                   id,
                              TsMatchSupporterRowFunc  func,
                              gpointer                 user_data,
                              GError                 **error)
{
  guint n = 0;

  if (!match_rows (self, &match_one, id, func, user_data, &n, error))
    return FALSE;
  if (n == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
      return FALSE;
    }
  return TRUE;
}

gint64
ts_store_match_data_version (TsStore *self, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), -1);

  stmt = ts_store_prepare (self, "SELECT version FROM match_data_version WHERE id = 1", error);
  if (stmt == NULL)
    return -1;
  if (ts_store_step (self, stmt, error) != SQLITE_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "No match data version");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}
