/*
 * Notices and the mail outbox: see store/notices.h.
 */
#include "store/notices.h"
#include "store/store-private.h"

#include <string.h>

#include "core/error.h"
#include "core/i18n.h"

#define NOTICE_COLUMNS \
  "n.id, n.kind, n.subject_type, n.subject_id, n.period, n.recipient_type, n.recipient_id," \
  " n.organisation_id, n.due_on, n.created_on, n.created_at, n.read_at, n.title"
#define N_NOTICE_COLUMNS 13
#define MAIL_COLUMNS \
  "m.id, m.address, m.attempts, m.next_attempt_at, m.last_error, m.sent_at, m.created_at"

void
ts_mail_item_free (TsMailItem *item)
{
  if (item == NULL)
    return;
  g_free (item->address);
  g_free (item->last_error);
  g_free (item);
}

static void
copy_text (char *dest, gsize size, TsStmt *stmt, int col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  g_strlcpy (dest, text != NULL ? text : "", size);
}

static void
notice_fill (TsStmt *stmt, int col, TsNoticeRecord *n)
{
  n->id = sqlite3_column_int64 (stmt, col + 0);
  copy_text (n->kind, sizeof n->kind, stmt, col + 1);
  copy_text (n->subject_type, sizeof n->subject_type, stmt, col + 2);
  n->subject_id = sqlite3_column_int64 (stmt, col + 3);
  copy_text (n->period, sizeof n->period, stmt, col + 4);
  copy_text (n->recipient_type, sizeof n->recipient_type, stmt, col + 5);
  n->recipient_id = sqlite3_column_int64 (stmt, col + 6);
  n->organisation_id = sqlite3_column_int64 (stmt, col + 7);
  n->due_on = ts_stmt_column_date (stmt, col + 8);
  n->created_on = ts_stmt_column_date (stmt, col + 9);
  n->created_at = sqlite3_column_int64 (stmt, col + 10);
  n->read_at = sqlite3_column_int64 (stmt, col + 11);
  copy_text (n->title, sizeof n->title, stmt, col + 12);
}

static void
notice_from_row (TsStmt *stmt, gpointer element)
{
  notice_fill (stmt, 0, element);
}

static gpointer
notice_new_from_row (TsStmt *stmt)
{
  TsNoticeRecord *n = g_new0 (TsNoticeRecord, 1);

  notice_fill (stmt, 0, n);
  return n;
}

static gpointer
mail_from_row (TsStmt *stmt)
{
  TsMailItem *m = g_new0 (TsMailItem, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->address = ts_stmt_column_dup (stmt, 1);
  m->attempts = sqlite3_column_int (stmt, 2);
  m->next_attempt_at = sqlite3_column_int64 (stmt, 3);
  m->last_error = ts_stmt_column_dup (stmt, 4);
  m->sent_at = sqlite3_column_int64 (stmt, 5);
  m->created_at = sqlite3_column_int64 (stmt, 6);
  notice_fill (stmt, 7, &m->notice);
  return m;
}

static void
subject_from_row (TsStmt *stmt, gpointer element)
{
  TsNoticeSubject *s = element;

  s->id = sqlite3_column_int64 (stmt, 0);
  s->supporter_id = sqlite3_column_int64 (stmt, 1);
  s->organisation_id = sqlite3_column_int64 (stmt, 2);
  s->date = ts_stmt_column_date (stmt, 3);
  s->at = sqlite3_column_int64 (stmt, 4);
}

static gboolean
subjects (TsStore *self, TsStmt *stmt, GArray *out, GError **error)
{
  if (stmt == NULL)
    return FALSE;
  return ts_store_collect_into (self, stmt, out, subject_from_row, error);
}

gboolean
ts_store_notice_supporters (TsStore *self, GArray *out, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT id, id, organisation_id, insurance_until, 0"
                                             " FROM supporters WHERE status = 'registered'"
                                             " ORDER BY id", error);

  return subjects (self, stmt, out, error);
}

gboolean
ts_store_notice_placements (TsStore *self, TsDate from, TsDate to, GArray *out, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT p.id, 0, c.organisation_id, p.first_day, 0"
                                             " FROM placements p JOIN cases c ON c.id = p.case_id"
                                             " WHERE p.pre_interview_held_on IS NULL"
                                             " AND p.first_day BETWEEN ? AND ? ORDER BY p.id",
                                             error);

  if (stmt != NULL)
    {
      ts_stmt_bind_date_or_null (stmt, 1, from);
      ts_stmt_bind_date_or_null (stmt, 2, to);
    }
  return subjects (self, stmt, out, error);
}

gboolean
ts_store_notice_silences (TsStore *self, TsDate on, GArray *out, GError **error)
{
  /* A report counts unless it was rejected or withdrawn; a reversal row is
   * the ledger's, not a report. */
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT a.supporter_id, a.supporter_id,"
                                             " s.organisation_id,"
                                             " max (min (a.starts_on), coalesce ((SELECT max (x.date)"
                                             "   FROM assignments y JOIN activities x"
                                             "   ON x.assignment_id = y.id"
                                             "   WHERE y.supporter_id = a.supporter_id"
                                             "   AND x.status IN ('pending', 'approved')"
                                             "   AND x.reversal_of IS NULL), '')), 0"
                                             " FROM assignments a JOIN supporters s"
                                             " ON s.id = a.supporter_id"
                                             " WHERE a.ended_on IS NULL AND a.starts_on <= ?"
                                             " GROUP BY a.supporter_id ORDER BY a.supporter_id",
                                             error);

  if (stmt != NULL)
    ts_stmt_bind_date_or_null (stmt, 1, on);
  return subjects (self, stmt, out, error);
}

gboolean
ts_store_notice_statements (TsStore *self, gint64 issued_since, GArray *out, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT st.id, st.payee_id, s.organisation_id, NULL,"
                                             " st.issued_at FROM statements st"
                                             " JOIN supporters s ON s.id = st.payee_id"
                                             " WHERE st.payee_type = 'supporter'"
                                             " AND st.issued_at >= ? ORDER BY st.id", error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, issued_since);
  return subjects (self, stmt, out, error);
}

gboolean
ts_store_notice_dispatches (TsStore *self, GArray *out, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT id, 0, to_organisation_id, NULL, created_at"
                                             " FROM dispatch_requests WHERE status = 'open'"
                                             " ORDER BY id", error);

  return subjects (self, stmt, out, error);
}

static void
id_from_row (TsStmt *stmt, gpointer element)
{
  *(gint64 *) element = sqlite3_column_int64 (stmt, 0);
}

gboolean
ts_store_notice_coordinators (TsStore *self, gint64 organisation_id, GArray *out, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT id FROM users WHERE organisation_id = ?"
                                                " AND role = 'coordinator' AND disabled = 0"
                                                " ORDER BY id", organisation_id, error);

  if (stmt == NULL)
    return FALSE;
  return ts_store_collect_into (self, stmt, out, id_from_row, error);
}

gboolean
ts_store_notice_insert (TsStore *self, const TsNoticeRecord *n, gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  *out_id = 0;
  stmt = ts_store_prepare (self,
                           "INSERT INTO notices (kind, subject_type, subject_id, period,"
                           " recipient_type, recipient_id, organisation_id, due_on, created_on,"
                           " created_at, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, n->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, n->subject_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, n->subject_id);
  sqlite3_bind_text (stmt, 4, n->period, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, n->recipient_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, n->recipient_id);
  sqlite3_bind_int64 (stmt, 7, n->organisation_id);
  ts_stmt_bind_date_or_null (stmt, 8, n->due_on);
  ts_stmt_bind_date_or_null (stmt, 9, n->created_on);
  sqlite3_bind_int64 (stmt, 10, n->created_at);
  ts_stmt_bind_text_or_null (stmt, 11, n->title[0] != '\0' ? n->title : NULL);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (ts_store_changes (self) > 0)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

char *
ts_store_notice_address (TsStore *self, const char *recipient_type, gint64 recipient_id,
                         GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  int rc;

  if (g_strcmp0 (recipient_type, "user") == 0)
    stmt = ts_store_prepare_id (self,
                                "SELECT email FROM users WHERE id = ? AND disabled = 0",
                                recipient_id, error);
  else
    stmt = ts_store_prepare_id (self,
                                "SELECT coalesce (s.email, (SELECT u.email FROM users u"
                                " WHERE u.supporter_id = s.id AND u.disabled = 0"
                                " AND u.email IS NOT NULL ORDER BY u.id LIMIT 1))"
                                " FROM supporters s WHERE s.id = ?", recipient_id, error);
  if (stmt == NULL)
    return NULL;
  rc = ts_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return ts_stmt_column_dup (stmt, 0);
  return NULL;
}

gboolean
ts_store_mail_enqueue (TsStore *self, gint64 notice_id, const char *address, gint64 now,
                       GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO mail_outbox (notice_id, address, next_attempt_at,"
                           " created_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_text (stmt, 2, address, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_mail_sent (TsStore *self, gint64 id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1,"
                           " last_error = NULL WHERE id = ? AND sent_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_mail_failed (TsStore *self, gint64 id, gint64 next_attempt_at, const char *message,
                      GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                           " last_error = ? WHERE id = ? AND sent_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, next_attempt_at);
  sqlite3_bind_text (stmt, 2, message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_notice_mark_read (TsStore *self, gint64 id, gint64 now, gboolean *out_changed,
                           GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  *out_changed = FALSE;
  stmt = ts_store_prepare (self, "UPDATE notices SET read_at = ? WHERE id = ? AND read_at IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  *out_changed = ts_store_changes (self) > 0;
  return TRUE;
}

TsNoticeRecord *
ts_store_notice_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self, "SELECT " NOTICE_COLUMNS " FROM notices n WHERE n.id = ?", id,
                            notice_new_from_row, N_("No such notice"), error);
}

#define OWN_SQL \
  " ((n.recipient_type = 'user' AND n.recipient_id = :user)" \
  " OR (n.recipient_type = 'supporter' AND n.recipient_id = :supporter))"

GArray *
ts_store_notice_list (TsStore *self, gint64 user_id, gint64 supporter_id, gboolean unread_only,
                      gint64 before_id, guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " NOTICE_COLUMNS " FROM notices n WHERE"
                                             OWN_SQL " AND (:unread = 0 OR n.read_at IS NULL)"
                                             " AND n.id < :before ORDER BY n.id DESC"
                                             " LIMIT :limit", error);
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TsNoticeRecord));

  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_named_int64 (stmt, ":user", user_id);
  ts_stmt_bind_named_int64 (stmt, ":supporter", supporter_id > 0 ? supporter_id : -1);
  ts_stmt_bind_named_int64 (stmt, ":unread", unread_only ? 1 : 0);
  ts_stmt_bind_named_int64 (stmt, ":before", before_id > 0 ? before_id : G_MAXINT64);
  ts_stmt_bind_named_int64 (stmt, ":limit", limit);
  if (!ts_store_collect_into (self, stmt, out, notice_from_row, error))
    return NULL;
  return g_steal_pointer (&out);
}

gint64
ts_store_notice_unread (TsStore *self, gint64 user_id, gint64 supporter_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT count (*) FROM notices n WHERE" OWN_SQL
                                             " AND n.read_at IS NULL", error);

  if (stmt == NULL)
    return -1;
  ts_stmt_bind_named_int64 (stmt, ":user", user_id);
  ts_stmt_bind_named_int64 (stmt, ":supporter", supporter_id > 0 ? supporter_id : -1);
  return ts_store_step_count (self, stmt, error);
}

GPtrArray *
ts_store_mail_due (TsStore *self, gint64 now, guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " MAIL_COLUMNS ", " NOTICE_COLUMNS
                                             " FROM mail_outbox m JOIN notices n"
                                             " ON n.id = m.notice_id"
                                             " WHERE m.sent_at IS NULL AND m.next_attempt_at <= ?"
                                             " ORDER BY m.next_attempt_at, m.id LIMIT ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, limit);
  return ts_store_collect (self, stmt, mail_from_row, (GDestroyNotify) ts_mail_item_free, error);
}

GPtrArray *
ts_store_mail_list (TsStore *self, const char *status, gint64 before_id, guint limit,
                    GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " MAIL_COLUMNS ", " NOTICE_COLUMNS
                                             " FROM mail_outbox m JOIN notices n"
                                             " ON n.id = m.notice_id WHERE m.id < :before AND"
                                             " (:status IS NULL"
                                             " OR (:status = 'sent' AND m.sent_at IS NOT NULL)"
                                             " OR (:status = 'failed' AND m.sent_at IS NULL"
                                             "     AND m.attempts > 0)"
                                             " OR (:status = 'pending' AND m.sent_at IS NULL"
                                             "     AND m.attempts = 0))"
                                             " ORDER BY m.id DESC LIMIT :limit", error);

  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_named_text (stmt, ":status", status);
  ts_stmt_bind_named_int64 (stmt, ":before", before_id > 0 ? before_id : G_MAXINT64);
  ts_stmt_bind_named_int64 (stmt, ":limit", limit);
  return ts_store_collect (self, stmt, mail_from_row, (GDestroyNotify) ts_mail_item_free, error);
}
