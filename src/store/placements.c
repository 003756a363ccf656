#include "store/placements.h"
#include "store/store-private.h"

#include <json-glib/json-glib.h>

#include "core/error.h"
#include "core/i18n.h"
#include "core/json.h"

/* The placement with its case's nickname, its host's name and its day
 * counts; every reader selects these columns in this order. */
#define PLACEMENT_SELECT \
  "SELECT p.id, p.case_id, p.host_id, p.kind, p.hours_per_day, p.first_day, p.last_day," \
  " p.pre_interview_held_on, p.pre_interview_attendees, p.user_id, p.version," \
  " p.created_at, p.updated_at, c.nickname, h.name," \
  " (SELECT count(*) FROM placement_days d WHERE d.placement_id = p.id" \
  "   AND d.cancelled_at IS NULL)," \
  " (SELECT count(*) FROM placement_days d WHERE d.placement_id = p.id" \
  "   AND d.cancelled_at IS NOT NULL)," \
  " (SELECT count(*) FROM placement_days d WHERE d.placement_id = p.id" \
  "   AND d.attended = 1)," \
  " p.pre_interview_planned_on, c.organisation_id, h.organisation_id" \
  " FROM placements p JOIN cases c ON c.id = p.case_id JOIN hosts h ON h.id = p.host_id"

static TsPlacementRecord *
placement_from_row (TsStmt *stmt)
{
  TsPlacementRecord *r = ts_record_new (&ts_placement_resource);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->case_id = sqlite3_column_int64 (stmt, 1);
  r->host_id = sqlite3_column_int64 (stmt, 2);
  r->kind = ts_stmt_column_dup (stmt, 3);
  r->hours_per_day = sqlite3_column_int (stmt, 4);
  r->first_day = ts_stmt_column_date (stmt, 5);
  r->last_day = ts_stmt_column_date (stmt, 6);
  r->pre_interview_held_on = ts_stmt_column_date (stmt, 7);
  r->pre_interview_attendees = ts_store_strv_from_text ((const char *) sqlite3_column_text (stmt, 8));
  r->user_id = sqlite3_column_int64 (stmt, 9);
  r->version = sqlite3_column_int64 (stmt, 10);
  r->created_at = sqlite3_column_int64 (stmt, 11);
  r->updated_at = sqlite3_column_int64 (stmt, 12);
  r->case_nickname = ts_stmt_column_dup (stmt, 13);
  r->host_name = ts_stmt_column_dup (stmt, 14);
  r->days_scheduled = (guint) sqlite3_column_int64 (stmt, 15);
  r->days_cancelled = (guint) sqlite3_column_int64 (stmt, 16);
  r->days_attended = (guint) sqlite3_column_int64 (stmt, 17);
  r->pre_interview_planned_on = ts_stmt_column_date (stmt, 18);
  r->case_organisation_id = sqlite3_column_int64 (stmt, 19);
  r->host_organisation_id = sqlite3_column_int64 (stmt, 20);
  return r;
}

/* ---- writes --------------------------------------------------------- */

/* Runs an UPDATE of one row: NOT_FOUND with @message when it changed none. */
static gboolean
step_one (TsStore *self, TsStmt *stmt, const char *message, GError **error)
{
  return ts_store_step_changed (self, stmt, TS_ERROR_NOT_FOUND,
                                message, error);
}

/* The dates of the statement's first column, in the order of the rows. */
static GArray *
collect_dates (TsStore *self, TsStmt *stmt, GError **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TsDate));
  int rc;

  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsDate d = ts_stmt_column_date (stmt, 0);
      g_array_append_val (out, d);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
ts_store_placement_insert (TsStore *self, const TsPlacementRecord *record, gint64 now,
                           gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autofree char *attendees = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (record != NULL && record->kind != NULL, FALSE);

  attendees = ts_json_strv_to_text ((const char *const *) record->pre_interview_attendees);
  stmt = ts_store_prepare (self,
                           "INSERT INTO placements (case_id, host_id, kind, hours_per_day,"
                           " first_day, last_day, pre_interview_held_on,"
                           " pre_interview_attendees, user_id, version, created_at, updated_at,"
                           " pre_interview_planned_on)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?10, ?11)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->case_id);
  sqlite3_bind_int64 (stmt, 2, record->host_id);
  sqlite3_bind_text (stmt, 3, record->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, record->hours_per_day);
  ts_stmt_bind_date_or_null (stmt, 5, record->first_day);
  ts_stmt_bind_date_or_null (stmt, 6, record->last_day);
  ts_stmt_bind_date_or_null (stmt, 7, record->pre_interview_held_on);
  sqlite3_bind_text (stmt, 8, attendees, -1, SQLITE_TRANSIENT);
  ts_stmt_bind_id_or_null (stmt, 9, record->user_id);
  sqlite3_bind_int64 (stmt, 10, now);
  ts_stmt_bind_date_or_null (stmt, 11, record->pre_interview_planned_on);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

gboolean
ts_store_placement_days_insert (TsStore *self, gint64 placement_id, gint64 case_id,
                                gint64 host_id, const TsDate *days, gsize n_days,
                                GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (days != NULL || n_days == 0, FALSE);

  for (gsize i = 0; i < n_days; i++)
    {
      g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                                 "INSERT INTO placement_days (placement_id,"
                                                 " case_id, host_id, date) VALUES (?, ?, ?, ?)",
                                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, placement_id);
      sqlite3_bind_int64 (stmt, 2, case_id);
      sqlite3_bind_int64 (stmt, 3, host_id);
      ts_stmt_bind_date_or_null (stmt, 4, days[i]);
      if (!ts_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ts_store_placement_set_pre_interview_held (TsStore *self, gint64 id, TsDate held_on,
                                           const char *const *attendees, gint64 now,
                                           GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (held_on != TS_DATE_NONE && attendees != NULL, FALSE);

  text = ts_json_strv_to_text (attendees);
  stmt = ts_store_prepare (self,
                           "UPDATE placements SET pre_interview_held_on = ?1,"
                           " pre_interview_planned_on = NULL, pre_interview_attendees = ?2,"
                           " version = version + 1, updated_at = ?3 WHERE id = ?4", error);
  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_date_or_null (stmt, 1, held_on);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, id);
  return step_one (self, stmt, N_("No such placement"), error);
}

/* Cancelling days and recording attendance change the placement's
 * representation: new version (ETag). */
gboolean
ts_store_placement_touch (TsStore *self, gint64 id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE placements SET version = version + 1, updated_at = ?"
                           " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  return step_one (self, stmt, N_("No such placement"), error);
}

static int
compare_dates (gconstpointer a, gconstpointer b)
{
  TsDate x = *(const TsDate *) a, y = *(const TsDate *) b;
  return (x > y) - (x < y);
}

/* Cancels the scheduled days of a placement in [from, to]; returns the
 * dates cancelled, ascending (possibly none). */
GArray *
ts_store_placement_cancel_days (TsStore *self, gint64 placement_id, TsDate from, TsDate to,
                                gint64 user_id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  GArray *out;

  g_return_val_if_fail (ts_store_in_writer (self), NULL);
  stmt = ts_store_prepare (self,
                           "UPDATE placement_days SET cancelled_at = ?1, cancelled_by = ?2"
                           " WHERE placement_id = ?3 AND date >= ?4 AND date <= ?5"
                           " AND cancelled_at IS NULL RETURNING date", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  ts_stmt_bind_id_or_null (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, placement_id);
  ts_stmt_bind_date_or_null (stmt, 4, from);
  ts_stmt_bind_date_or_null (stmt, 5, to);
  out = collect_dates (self, stmt, error);
  /* RETURNING gives no order. */
  if (out != NULL)
    g_array_sort (out, compare_dates);
  return out;
}

gboolean
ts_store_placement_day_set_attended (TsStore *self, gint64 day_id, gboolean attended,
                                     gint64 user_id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE placement_days SET attended = ?, recorded_at = ?,"
                           " recorded_by = ? WHERE id = ? AND cancelled_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, attended ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, now);
  ts_stmt_bind_id_or_null (stmt, 3, user_id);
  sqlite3_bind_int64 (stmt, 4, day_id);
  return step_one (self, stmt, N_("No such placement day"), error);
}

/* ---- reads ---------------------------------------------------------- */

TsPlacementRecord *
ts_store_placement_get (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  stmt = ts_store_prepare (self, PLACEMENT_SELECT " WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return ts_store_fetch_one (self, stmt, (TsRowFunc) placement_from_row,
                             N_("No such placement"), error);
}

static GPtrArray *
collect_placements (TsStore *self, TsStmt *stmt, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_placement_record_free);
  int rc;

  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (out, placement_from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&out);
}

/*
 * One page in id order: the placements after @after_id that pass @query's
 * filters, at most @limit.  A period filter keeps the placements with a day
 * (cancelled or not) in it; the (host_id, id) and (case_id, id) indexes
 * serve the other filters.
 */
GPtrArray *
ts_store_placement_list (TsStore *self, const TsPlacementQuery *query, gint64 after_id,
                         guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = ts_store_prepare (self,
                           PLACEMENT_SELECT
                           " WHERE (:case IS NULL OR p.case_id = :case)"
                           " AND (:host IS NULL OR p.host_id = :host)"
                           " AND (:org IS NULL OR c.organisation_id = :org"
                           "   OR h.organisation_id = :org)"
                           " AND (" TS_SCOPE_SQL ("c.organisation_id")
                           "   OR " TS_SCOPE_SQL ("h.organisation_id") ")"
                           " AND (:from IS NULL OR EXISTS (SELECT 1 FROM placement_days d"
                           "   WHERE d.placement_id = p.id AND d.date >= :from"
                           "   AND d.date <= :to))"
                           " AND p.id > :after ORDER BY p.id LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_named_id (stmt, ":case", query->case_id);
  ts_stmt_bind_named_id (stmt, ":host", query->host_id);
  if (query->from != TS_DATE_NONE)
    ts_stmt_bind_period (stmt, query->from, query->to);
  ts_stmt_bind_page (stmt, query->list.scope, query->organisation_id, after_id, limit);
  return collect_placements (self, stmt, error);
}

/* Every placement of a case, oldest first (a person has a handful). */
GPtrArray *
ts_store_placement_list_for_case (TsStore *self, gint64 case_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self, PLACEMENT_SELECT " WHERE p.case_id = ? ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return collect_placements (self, stmt, error);
}

#define DAY_COLUMNS \
  "id, placement_id, date, cancelled_at, cancelled_by, attended, recorded_at, recorded_by"

static void
day_from_row (TsStmt *stmt, TsPlacementDay *d)
{
  d->id = sqlite3_column_int64 (stmt, 0);
  d->placement_id = sqlite3_column_int64 (stmt, 1);
  d->date = ts_stmt_column_date (stmt, 2);
  d->cancelled_at = sqlite3_column_int64 (stmt, 3);
  d->cancelled_by = sqlite3_column_int64 (stmt, 4);
  d->attended = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 5);
  d->recorded_at = sqlite3_column_int64 (stmt, 6);
  d->recorded_by = sqlite3_column_int64 (stmt, 7);
}

/* The days of a placement, ascending, cancelled ones included. */
GArray *
ts_store_placement_days (TsStore *self, gint64 placement_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TsPlacementDay));
  int rc;

  stmt = ts_store_prepare (self,
                           "SELECT " DAY_COLUMNS " FROM placement_days WHERE placement_id = ?"
                           " ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, placement_id);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsPlacementDay d;
      day_from_row (stmt, &d);
      g_array_append_val (out, d);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&out);
}

/* FALSE without an error when the placement has no such day. */
gboolean
ts_store_placement_day_get (TsStore *self, gint64 placement_id, TsDate date,
                            TsPlacementDay *out, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  int rc;

  stmt = ts_store_prepare (self,
                           "SELECT " DAY_COLUMNS " FROM placement_days"
                           " WHERE placement_id = ? AND date = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, placement_id);
  ts_stmt_bind_date_or_null (stmt, 2, date);
  rc = ts_store_step (self, stmt, error);
  if (rc != SQLITE_ROW)
    return FALSE;
  day_from_row (stmt, out);
  return TRUE;
}

/* The participant's scheduled, not cancelled days at every host, ascending:
 * what the 240-day cap counts and what double booking compares with. */
GArray *
ts_store_placement_case_dates (TsStore *self, gint64 case_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT date FROM placement_days"
                           " WHERE case_id = ? AND cancelled_at IS NULL ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return collect_dates (self, stmt, error);
}

/* Participants scheduled (and attended) at a host per date in [from, to],
 * ascending; dates without anybody are left out. */
GArray *
ts_store_placement_host_load (TsStore *self, gint64 host_id, TsDate from, TsDate to,
                              GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TsPlacementDayLoad));
  int rc;

  stmt = ts_store_prepare (self,
                           "SELECT date, count(*), coalesce(sum(attended = 1), 0)"
                           " FROM placement_days WHERE host_id = ? AND date >= ? AND date <= ?"
                           " AND cancelled_at IS NULL GROUP BY date ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, host_id);
  ts_stmt_bind_date_or_null (stmt, 2, from);
  ts_stmt_bind_date_or_null (stmt, 3, to);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsPlacementDayLoad load;
      load.date = ts_stmt_column_date (stmt, 0);
      load.scheduled = (guint) sqlite3_column_int64 (stmt, 1);
      load.attended = (guint) sqlite3_column_int64 (stmt, 2);
      g_array_append_val (out, load);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&out);
}

/* Scheduled, not cancelled days at a host after @after; -1 on error. */
gint64
ts_store_placement_host_future_days (TsStore *self, gint64 host_id, TsDate after,
                                     GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT count(*) FROM placement_days"
                           " WHERE host_id = ? AND date > ? AND cancelled_at IS NULL", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, host_id);
  ts_stmt_bind_date_or_null (stmt, 2, after);
  return ts_store_step_count (self, stmt, error);
}

void
ts_host_attended_day_free (TsHostAttendedDay *day)
{
  if (day == NULL)
    return;
  g_free (day->nickname);
  g_free (day);
}

static gpointer
attended_day_from_row (TsStmt *stmt)
{
  TsHostAttendedDay *day = g_new0 (TsHostAttendedDay, 1);

  day->case_id = sqlite3_column_int64 (stmt, 0);
  day->nickname = ts_stmt_column_dup (stmt, 1);
  day->date = ts_stmt_column_date (stmt, 2);
  day->stipend_yen = sqlite3_column_int64 (stmt, 3);
  return day;
}

GPtrArray *
ts_store_placement_host_attended (TsStore *self, gint64 host_id, TsDate from, TsDate to,
                                  GError **error)
{
  return ts_store_collect_id_period (self,
                                     "SELECT d.case_id, c.nickname, d.date,"
                                     " coalesce((SELECT sum(l.amount_yen) FROM ledger_entries l"
                                     "           WHERE l.attendance_id = d.id), 0)"
                                     " FROM placement_days d JOIN cases c ON c.id = d.case_id"
                                     " WHERE d.host_id = ? AND d.date >= ? AND d.date <= ?"
                                     " AND d.cancelled_at IS NULL AND d.attended = 1"
                                     " ORDER BY d.case_id, d.date",
                                     host_id, from, to, attended_day_from_row,
                                     (GDestroyNotify) ts_host_attended_day_free, error);
}
