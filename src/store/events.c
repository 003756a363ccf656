/*
 * Events and their bookings: see store/events.h.
 */
#include "store/events.h"
#include "store/store-private.h"

#include <string.h>

#include "core/i18n.h"

#define EVENT_COLUMNS \
  "id, kind, title, date, start_min, minutes, place, capacity, municipality_code," \
  " organisation_id, series_id, status, cancel_reason, version, user_id, created_at, updated_at"

static gpointer
event_from_row (TsStmt *stmt)
{
  TsEventRecord *r = ts_event_record_new ();
  TsEventKind kind = TS_EVENT_IBASHO;
  TsEventStatus status = TS_EVENT_SCHEDULED;

  r->id = sqlite3_column_int64 (stmt, 0);
  /* The schema's CHECK constraints hold the same words. */
  ts_event_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
  r->kind = kind;
  r->title = ts_stmt_column_dup (stmt, 2);
  r->date = ts_stmt_column_date (stmt, 3);
  r->start_min = sqlite3_column_int (stmt, 4);
  r->minutes = sqlite3_column_int (stmt, 5);
  r->place = ts_stmt_column_dup (stmt, 6);
  r->capacity = sqlite3_column_int (stmt, 7);
  r->municipality_code = ts_stmt_column_dup (stmt, 8);
  r->organisation_id = sqlite3_column_int64 (stmt, 9);
  r->series_id = sqlite3_column_int64 (stmt, 10);
  ts_event_status_from_string ((const char *) sqlite3_column_text (stmt, 11), &status);
  r->status = status;
  r->cancel_reason = ts_stmt_column_dup (stmt, 12);
  r->version = sqlite3_column_int64 (stmt, 13);
  r->user_id = sqlite3_column_int64 (stmt, 14);
  r->created_at = sqlite3_column_int64 (stmt, 15);
  r->updated_at = sqlite3_column_int64 (stmt, 16);
  return r;
}

static void
bind_capacity (TsStmt *stmt, int idx, int capacity)
{
  if (capacity > 0)
    sqlite3_bind_int (stmt, idx, capacity);
  else
    sqlite3_bind_null (stmt, idx);
}

/* Parameters 1..8, in the order both INSERT and UPDATE list them. */
static void
bind_event (TsStmt *stmt, const TsEventRecord *r)
{
  sqlite3_bind_text (stmt, 1, ts_event_kind_to_string (r->kind), -1, SQLITE_STATIC);
  ts_stmt_bind_text_or_null (stmt, 2, r->title);
  ts_stmt_bind_date_or_null (stmt, 3, r->date);
  sqlite3_bind_int (stmt, 4, r->start_min);
  sqlite3_bind_int (stmt, 5, r->minutes);
  ts_stmt_bind_text_or_null (stmt, 6, r->place);
  bind_capacity (stmt, 7, r->capacity);
  ts_stmt_bind_text_or_null (stmt, 8, r->municipality_code);
}

gboolean
ts_store_event_insert (TsStore *self, const TsEventRecord *r, gint64 now, gint64 *out_id,
                       GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO events (kind, title, date, start_min, minutes, place,"
                           " capacity, municipality_code, organisation_id, series_id, user_id,"
                           " created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_event (stmt, r);
  sqlite3_bind_int64 (stmt, 9, r->organisation_id);
  ts_stmt_bind_id_or_null (stmt, 10, r->series_id);
  ts_stmt_bind_id_or_null (stmt, 11, r->user_id);
  sqlite3_bind_int64 (stmt, 12, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

gboolean
ts_store_event_update (TsStore *self, const TsEventRecord *r, gint64 expected_version,
                       gint64 now, GError **error)
{
  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  return ts_store_record_update (self,
                                 "UPDATE events SET kind = ?1, title = ?2, date = ?3, start_min = ?4,"
                                 " minutes = ?5, place = ?6, capacity = ?7, municipality_code = ?8,"
                                 TS_VERSIONED_SQL,
                                 (TsBindFunc) bind_event, r, r->id, expected_version, now, NULL,
                                 N_("The event was changed by someone else; reload it and try again"),
                                 error);
}

gboolean
ts_store_event_cancel (TsStore *self, gint64 id, const char *reason, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE events SET status = 'cancelled', cancel_reason = ?1,"
                           " version = version + 1, updated_at = ?2"
                           " WHERE id = ?3 AND status = 'scheduled'", error);
  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_text_or_null (stmt, 1, reason);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, id);
  return ts_store_step_changed (self, stmt, TS_ERROR_INVALID_TRANSITION,
                                N_("The event is already cancelled"), error);
}

TsEventRecord *
ts_store_event_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self, "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?", id,
                            event_from_row, N_("No such event"), error);
}

GPtrArray *
ts_store_event_list (TsStore *self, const TsEventQuery *q, gint64 after_id, guint limit,
                     GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT " EVENT_COLUMNS " FROM events"
                           " WHERE id > :after"
                           " AND " TS_SCOPE_SQL ("organisation_id")
                           " AND " TS_PERIOD_SQL ("date")
                           " AND (:kind IS NULL OR kind = :kind)"
                           " AND (:staff IS NULL OR id IN (SELECT event_id FROM event_staff"
                           " WHERE supporter_id = :staff))"
                           " ORDER BY id LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_page (stmt, q != NULL ? q->list.scope : NULL, 0, after_id, limit);
  if (q != NULL)
    {
      ts_stmt_bind_period (stmt, q->from, q->to);
      if (q->kind != TS_FILTER_ANY)
        ts_stmt_bind_named_text (stmt, ":kind", ts_event_kind_to_string (q->kind));
      ts_stmt_bind_named_id (stmt, ":staff", q->staff_supporter_id);
    }
  return ts_store_collect (self, stmt, event_from_row, (GDestroyNotify) ts_event_record_free,
                           error);
}

/* ---- staff and counts ---------------------------------------------------- */

static void
staff_from_row (TsStmt *stmt, gpointer element)
{
  TsEventStaff *s = element;

  s->id = sqlite3_column_int64 (stmt, 0);
  s->supporter_id = sqlite3_column_int64 (stmt, 1);
  s->attended = sqlite3_column_int (stmt, 2) != 0;
  s->minutes = sqlite3_column_int (stmt, 3);
  s->paid_yen = sqlite3_column_int64 (stmt, 4);
}

GArray *
ts_store_event_staff (TsStore *self, gint64 event_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT s.id, s.supporter_id, s.attended, s.minutes,"
                                                " (SELECT coalesce (sum (le.amount_yen), 0)"
                                                " FROM ledger_entries le"
                                                " WHERE le.event_staff_id = s.id)"
                                                " FROM event_staff s WHERE s.event_id = ?"
                                                " ORDER BY s.supporter_id", event_id, error);
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TsEventStaff));

  if (stmt == NULL || !ts_store_collect_into (self, stmt, out, staff_from_row, error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
ts_store_event_staff_set (TsStore *self, gint64 event_id, gint64 supporter_id, gboolean attended,
                          int minutes, gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(TsStmt) id = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO event_staff (event_id, supporter_id, attended, minutes)"
                           " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (event_id, supporter_id)"
                           " DO UPDATE SET attended = ?3, minutes = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, supporter_id);
  sqlite3_bind_int (stmt, 3, attended ? 1 : 0);
  sqlite3_bind_int (stmt, 4, minutes);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id == NULL)
    return TRUE;
  id = ts_store_prepare (self, "SELECT id FROM event_staff WHERE event_id = ? AND supporter_id = ?",
                         error);
  if (id == NULL)
    return FALSE;
  sqlite3_bind_int64 (id, 1, event_id);
  sqlite3_bind_int64 (id, 2, supporter_id);
  if (ts_store_step (self, id, error) != SQLITE_ROW)
    return FALSE;
  *out_id = sqlite3_column_int64 (id, 0);
  return TRUE;
}

static void
counts_from_row (TsStmt *stmt, gpointer element)
{
  TsEventCounts *c = element;

  c->self = sqlite3_column_int (stmt, 0);
  c->family = sqlite3_column_int (stmt, 1);
  c->other = sqlite3_column_int (stmt, 2);
}

gboolean
ts_store_event_counts_get (TsStore *self, gint64 event_id, TsEventCounts *out, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT self_count, family_count, other_count"
                                                " FROM event_counts WHERE event_id = ?",
                                                event_id, error);

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  return ts_store_fetch_into (self, stmt, out, counts_from_row, &out->recorded, error);
}

gboolean
ts_store_event_counts_set (TsStore *self, gint64 event_id, const TsEventCounts *c, gint64 now,
                           GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO event_counts (event_id, self_count, family_count,"
                           " other_count, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (event_id) DO UPDATE SET self_count = ?2,"
                           " family_count = ?3, other_count = ?4, recorded_at = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int (stmt, 2, c->self);
  sqlite3_bind_int (stmt, 3, c->family);
  sqlite3_bind_int (stmt, 4, c->other);
  sqlite3_bind_int64 (stmt, 5, now);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_event_counts_sum (TsStore *self, const GArray *scope, TsDate from, TsDate to, int kind,
                           gint64 out[5], GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  stmt = ts_store_prepare (self,
                           "SELECT count (*), coalesce (sum (c.self_count), 0),"
                           " coalesce (sum (c.family_count), 0), coalesce (sum (c.other_count), 0),"
                           " (SELECT count (*) FROM event_staff s JOIN events e2"
                           " ON e2.id = s.event_id WHERE s.attended = 1"
                           " AND e2.status = 'scheduled' AND e2.date BETWEEN :from AND :to"
                           " AND (:kind IS NULL OR e2.kind = :kind)"
                           " AND " TS_SCOPE_SQL ("e2.organisation_id") ")"
                           " FROM events e JOIN event_counts c ON c.event_id = e.id"
                           " WHERE e.status = 'scheduled' AND e.date BETWEEN :from AND :to"
                           " AND (:kind IS NULL OR e.kind = :kind)"
                           " AND " TS_SCOPE_SQL ("e.organisation_id"), error);
  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_scope (stmt, scope);
  ts_stmt_bind_period (stmt, from, to);
  if (kind != TS_FILTER_ANY)
    ts_stmt_bind_named_text (stmt, ":kind", ts_event_kind_to_string ((TsEventKind) kind));
  if (ts_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  for (int i = 0; i < 5; i++)
    out[i] = sqlite3_column_int64 (stmt, i);
  return TRUE;
}

/* ---- registrations ------------------------------------------------------- */

#define REGISTRATION_COLUMNS "id, event_id, nickname, contact, status, created_at, updated_at"

static gpointer
registration_from_row (TsStmt *stmt)
{
  TsEventRegistration *r = g_new0 (TsEventRegistration, 1);
  TsRegistrationStatus status = TS_REGISTRATION_CANCELLED;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->event_id = sqlite3_column_int64 (stmt, 1);
  r->nickname = ts_stmt_column_dup (stmt, 2);
  r->contact = ts_stmt_column_dup (stmt, 3);
  ts_registration_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &status);
  r->status = status;
  r->created_at = sqlite3_column_int64 (stmt, 5);
  r->updated_at = sqlite3_column_int64 (stmt, 6);
  return r;
}

gboolean
ts_store_registration_insert (TsStore *self, const TsEventRegistration *r, gint64 now,
                              gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO event_registrations (event_id, nickname, contact, status,"
                           " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->event_id);
  ts_stmt_bind_text_or_null (stmt, 2, r->nickname);
  ts_stmt_bind_text_or_null (stmt, 3, r->contact);
  sqlite3_bind_text (stmt, 4, ts_registration_status_to_string (r->status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

TsEventRegistration *
ts_store_registration_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self,
                            "SELECT " REGISTRATION_COLUMNS " FROM event_registrations WHERE id = ?",
                            id, registration_from_row, N_("No such registration"), error);
}

GPtrArray *
ts_store_registration_list (TsStore *self, gint64 event_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT " REGISTRATION_COLUMNS " FROM event_registrations"
                              " WHERE event_id = ? ORDER BY id", event_id, registration_from_row,
                              (GDestroyNotify) ts_event_registration_free, error);
}

gboolean
ts_store_registration_count (TsStore *self, gint64 event_id, TsRegistrationStatus status,
                             gint64 *out_count, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT count (*) FROM event_registrations"
                                                " WHERE event_id = ? AND status = ?",
                                                event_id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, ts_registration_status_to_string (status), -1, SQLITE_STATIC);
  if (ts_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
ts_store_registration_first_waiting (TsStore *self, gint64 event_id, gint64 *out_id,
                                     GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                "SELECT min (id) FROM event_registrations"
                                                " WHERE event_id = ? AND status = 'waiting'",
                                                event_id, error);

  if (stmt == NULL || ts_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
ts_store_registration_set_status (TsStore *self, gint64 id, TsRegistrationStatus status,
                                  gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE event_registrations SET status = ?1, updated_at = ?2"
                           " WHERE id = ?3 AND status <> 'cancelled'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ts_registration_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, id);
  return ts_store_step_changed (self, stmt, TS_ERROR_INVALID_TRANSITION,
                                N_("The registration is already cancelled"), error);
}

/* ---- slots and booking requests ------------------------------------------ */

static gpointer
slot_from_row (TsStmt *stmt)
{
  TsEventSlot *s = g_new0 (TsEventSlot, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->event_id = sqlite3_column_int64 (stmt, 1);
  s->start_min = sqlite3_column_int (stmt, 2);
  s->minutes = sqlite3_column_int (stmt, 3);
  s->staff = ts_stmt_column_dup (stmt, 4);
  s->created_at = sqlite3_column_int64 (stmt, 5);
  return s;
}

gboolean
ts_store_slot_insert (TsStore *self, const TsEventSlot *s, gint64 now, gint64 *out_id,
                      GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO event_slots (event_id, start_min, minutes, staff, created_at)"
                           " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->event_id);
  sqlite3_bind_int (stmt, 2, s->start_min);
  sqlite3_bind_int (stmt, 3, s->minutes);
  ts_stmt_bind_text_or_null (stmt, 4, s->staff);
  sqlite3_bind_int64 (stmt, 5, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

GPtrArray *
ts_store_slot_list (TsStore *self, gint64 event_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT id, event_id, start_min, minutes, staff, created_at"
                              " FROM event_slots WHERE event_id = ? ORDER BY start_min, id",
                              event_id, slot_from_row, (GDestroyNotify) ts_event_slot_free, error);
}

#define BOOKING_COLUMNS \
  "id, event_id, nickname, contact, preference_1, preference_2, preference_3, status, slot_id," \
  " reason, created_at, updated_at"

static gpointer
booking_from_row (TsStmt *stmt)
{
  TsBookingRequest *r = g_new0 (TsBookingRequest, 1);
  TsBookingStatus status = TS_BOOKING_REQUESTED;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->event_id = sqlite3_column_int64 (stmt, 1);
  r->nickname = ts_stmt_column_dup (stmt, 2);
  r->contact = ts_stmt_column_dup (stmt, 3);
  for (int i = 0; i < TS_BOOKING_PREFERENCES_MAX; i++)
    {
      gint64 p = sqlite3_column_int64 (stmt, 4 + i);
      if (p > 0)
        r->preferences[r->n_preferences++] = p;
    }
  ts_booking_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &status);
  r->status = status;
  r->slot_id = sqlite3_column_int64 (stmt, 8);
  r->reason = ts_stmt_column_dup (stmt, 9);
  r->created_at = sqlite3_column_int64 (stmt, 10);
  r->updated_at = sqlite3_column_int64 (stmt, 11);
  return r;
}

gboolean
ts_store_booking_insert (TsStore *self, const TsBookingRequest *r, gint64 now, gint64 *out_id,
                         GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO booking_requests (event_id, nickname, contact,"
                           " preference_1, preference_2, preference_3, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->event_id);
  ts_stmt_bind_text_or_null (stmt, 2, r->nickname);
  ts_stmt_bind_text_or_null (stmt, 3, r->contact);
  for (int i = 0; i < TS_BOOKING_PREFERENCES_MAX; i++)
    ts_stmt_bind_id_or_null (stmt, 4 + i, (guint) i < r->n_preferences ? r->preferences[i] : 0);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  return ts_store_step_insert (self, stmt, NULL, out_id, error);
}

TsBookingRequest *
ts_store_booking_get (TsStore *self, gint64 id, GError **error)
{
  return ts_store_fetch_id (self, "SELECT " BOOKING_COLUMNS " FROM booking_requests WHERE id = ?",
                            id, booking_from_row, N_("No such booking request"), error);
}

GPtrArray *
ts_store_booking_list (TsStore *self, gint64 event_id, GError **error)
{
  return ts_store_collect_id (self,
                              "SELECT " BOOKING_COLUMNS " FROM booking_requests"
                              " WHERE event_id = ? ORDER BY id", event_id, booking_from_row,
                              (GDestroyNotify) ts_booking_request_free, error);
}

gboolean
ts_store_booking_set (TsStore *self, gint64 id, TsBookingStatus status, gint64 slot_id,
                      const char *reason, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE booking_requests SET status = ?1, slot_id = ?2, reason = ?3,"
                           " updated_at = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ts_booking_status_to_string (status), -1, SQLITE_STATIC);
  ts_stmt_bind_id_or_null (stmt, 2, slot_id);
  ts_stmt_bind_text_or_null (stmt, 3, reason);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, id);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_event_set_series (TsStore *self, gint64 id, gint64 series_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self, "UPDATE events SET series_id = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, series_id);
  sqlite3_bind_int64 (stmt, 2, id);
  return ts_store_step_done (self, stmt, error);
}
