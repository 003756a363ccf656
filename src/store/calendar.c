/*
 * Calendar feeds and the items they show: see store/calendar.h.
 */
#include "store/calendar.h"
#include "store/store-private.h"

#include "core/i18n.h"

#define NO_FEED N_("No such calendar feed")

void
ts_calendar_feed_free (TsCalendarFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->label);
  g_free (feed);
}

void
ts_calendar_item_free (TsCalendarItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->subtitle);
  g_free (item);
}

static gpointer
feed_from_row (TsStmt *stmt)
{
  TsCalendarFeed *f = g_new0 (TsCalendarFeed, 1);

  f->id = sqlite3_column_int64 (stmt, 0);
  f->user_id = sqlite3_column_int64 (stmt, 1);
  f->label = ts_stmt_column_dup (stmt, 2);
  f->created_at = sqlite3_column_int64 (stmt, 3);
  f->last_used_at = sqlite3_column_int64 (stmt, 4);
  f->revoked_at = sqlite3_column_int64 (stmt, 5);
  return f;
}

#define FEED_COLUMNS "id, user_id, label, created_at, last_used_at, revoked_at"

gboolean
ts_store_calendar_feed_insert (TsStore *self, gint64 user_id, const char *label,
                               const guint8 digest[TS_TOKEN_DIGEST_LEN], gint64 now,
                               gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO calendar_feeds (user_id, label, token_hash, created_at)"
                           " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  ts_stmt_bind_text_or_null (stmt, 2, label);
  sqlite3_bind_blob (stmt, 3, digest, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

gboolean
ts_store_calendar_feed_revoke (TsStore *self, gint64 id, gint64 user_id, gint64 now,
                               GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE calendar_feeds SET revoked_at = ?3"
                           " WHERE id = ?1 AND user_id = ?2 AND revoked_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, now);
  return ts_store_step_changed (self, stmt, TS_ERROR_NOT_FOUND, NO_FEED, error);
}

gboolean
ts_store_calendar_feed_touch (TsStore *self, gint64 id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self, "UPDATE calendar_feeds SET last_used_at = ?2 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  return ts_store_step_done (self, stmt, error);
}

GPtrArray *
ts_store_calendar_feed_list (TsStore *self, gint64 user_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT " FEED_COLUMNS " FROM calendar_feeds"
                              " WHERE user_id = ? AND revoked_at IS NULL ORDER BY id",
                              user_id, feed_from_row, (GDestroyNotify) ts_calendar_feed_free,
                              error);
}

TsCalendarFeed *
ts_store_calendar_feed_find (TsStore *self, const guint8 digest[TS_TOKEN_DIGEST_LEN],
                             GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT " FEED_COLUMNS " FROM calendar_feeds"
                           " WHERE token_hash = ? AND revoked_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, digest, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  return ts_store_fetch_one (self, stmt, feed_from_row, NO_FEED, error);
}

static gpointer
item_from_row (TsStmt *stmt)
{
  TsCalendarItem *item = g_new0 (TsCalendarItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->date = ts_stmt_column_date (stmt, 1);
  item->title = ts_stmt_column_dup (stmt, 2);
  item->subtitle = ts_stmt_column_dup (stmt, 3);
  item->cancelled = sqlite3_column_int (stmt, 4) != 0;
  item->sequence = item->cancelled ? 1 : 0;
  return item;
}

static GPtrArray *
collect_items (TsStore *self, const char *sql, gint64 id, TsDate from, TsDate to, GError **error)
{
  return ts_store_collect_id_period (self, sql, id, from, to, item_from_row,
                                     (GDestroyNotify) ts_calendar_item_free, error);
}

GPtrArray *
ts_store_calendar_host_days (TsStore *self, gint64 host_id, TsDate from, TsDate to,
                             GError **error)
{
  return collect_items (self,
                        "SELECT d.id, d.date, c.nickname, NULL, d.cancelled_at IS NOT NULL"
                        " FROM placement_days d JOIN cases c ON c.id = d.case_id"
                        " WHERE d.host_id = ?1 AND d.date BETWEEN ?2 AND ?3"
                        " ORDER BY d.date, d.id", host_id, from, to, error);
}

GPtrArray *
ts_store_calendar_sessions (TsStore *self, gint64 supporter_id, TsDate from, TsDate to,
                            GError **error)
{
  return collect_items (self,
                        "SELECT s.id, s.held_on, t.title, s.title, 0"
                        " FROM training_sessions s JOIN training_courses t ON t.id = s.course_id"
                        " WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM enrolments e"
                        "   WHERE e.course_id = s.course_id AND e.supporter_id = ?1))"
                        " AND s.held_on BETWEEN ?2 AND ?3"
                        " ORDER BY s.held_on, s.id", supporter_id, from, to, error);
}
