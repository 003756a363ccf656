#include "store/training.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/i18n.h"

/* SPEC 2.1: "a course is completed when every session was attended", and
 * issue 3: "the completion date is the last session's date".  Sessions are
 * kept in date order, but the latest date is taken explicitly so that the
 * rule does not depend on it.  A course without sessions completes nobody. */
TsDate
ts_training_completion_date (const TsDate *held_on, const TsAttendanceMark *marks,
                             guint n_sessions)
{
  TsDate last = TS_DATE_NONE;

  if (n_sessions == 0)
    return TS_DATE_NONE;
  g_return_val_if_fail (held_on != NULL && marks != NULL, TS_DATE_NONE);
  for (guint i = 0; i < n_sessions; i++)
    {
      if (marks[i] != TS_ATTENDANCE_ATTENDED || held_on[i] == TS_DATE_NONE)
        return TS_DATE_NONE;
      last = MAX (last, held_on[i]);
    }
  return last;
}

/* ---- writes ---------------------------------------------------------- */

gboolean
ts_store_training_course_insert (TsStore *self, const TsTrainingCourse *course,
                                 gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO training_courses (kind, title, capacity, created_at)"
                           " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ts_course_kind_to_string (course->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course->title, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, course->capacity);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

/* The new session takes the next position; callers keep dates in order. */
gboolean
ts_store_training_session_insert (TsStore *self, gint64 course_id, TsDate held_on,
                                  const char *title, gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO training_sessions (course_id, position, held_on, title)"
                           " SELECT ?1, COALESCE (max (position), 0) + 1, ?2, ?3"
                           " FROM training_sessions WHERE course_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);
  ts_stmt_bind_date_or_null (stmt, 2, held_on);
  ts_stmt_bind_text_or_null (stmt, 3, title);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

/* Counting and inserting happen in the same write transaction on the one
 * writer thread, so concurrent enrolments can never take more seats than the
 * course has (Kagawa's course had 50, seed 002). */
gboolean
ts_store_training_enrol (TsStore *self, gint64 course_id, gint64 supporter_id,
                         GError **error)
{
  g_autoptr(TsStmt) seats = NULL;
  g_autoptr(TsStmt) insert = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  seats = ts_store_prepare (self,
                            "SELECT c.capacity,"
                            " (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id),"
                            " EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id"
                            "         AND e.supporter_id = ?2)"
                            " FROM training_courses c WHERE c.id = ?1", error);
  if (seats == NULL)
    return FALSE;
  sqlite3_bind_int64 (seats, 1, course_id);
  sqlite3_bind_int64 (seats, 2, supporter_id);
  if (!ts_store_step_row (self, seats, N_("No such training course"), error))
    return FALSE;
  /* Already enrolled is the more useful answer even when the course is full. */
  if (sqlite3_column_int (seats, 2) != 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_ALREADY_EXISTS,
                           N_("The supporter is already enrolled in this course"));
      return FALSE;
    }
  if (sqlite3_column_int64 (seats, 1) >= sqlite3_column_int64 (seats, 0))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_COURSE_FULL,
                           N_("Every seat of this course is taken"));
      return FALSE;
    }

  insert = ts_store_prepare (self,
                             "INSERT INTO enrolments (course_id, supporter_id, enrolled_at)"
                             " VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, course_id);
  sqlite3_bind_int64 (insert, 2, supporter_id);
  sqlite3_bind_int64 (insert, 3, g_get_real_time () / G_USEC_PER_SEC);
  return ts_store_step_done (self, insert, error);
}

/* Removes the enrolment and whatever attendance was recorded for it. */
gboolean
ts_store_training_unenrol (TsStore *self, gint64 course_id, gint64 supporter_id,
                           GError **error)
{
  g_autoptr(TsStmt) attendance = NULL;
  g_autoptr(TsStmt) enrolment = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  attendance = ts_store_prepare (self,
                                 "DELETE FROM attendance WHERE supporter_id = ?2 AND session_id IN"
                                 " (SELECT id FROM training_sessions WHERE course_id = ?1)", error);
  if (attendance == NULL)
    return FALSE;
  sqlite3_bind_int64 (attendance, 1, course_id);
  sqlite3_bind_int64 (attendance, 2, supporter_id);
  if (!ts_store_step_done (self, attendance, error))
    return FALSE;

  enrolment = ts_store_prepare (self,
                                "DELETE FROM enrolments WHERE course_id = ? AND supporter_id = ?",
                                error);
  if (enrolment == NULL)
    return FALSE;
  sqlite3_bind_int64 (enrolment, 1, course_id);
  sqlite3_bind_int64 (enrolment, 2, supporter_id);
  if (!ts_store_step_done (self, enrolment, error))
    return FALSE;
  if (ts_store_changes (self) == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_ENROLLED,
                           N_("The supporter is not enrolled in this course"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ts_store_training_attendance_set (TsStore *self, gint64 session_id, gint64 supporter_id,
                                  gboolean attended, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO attendance (session_id, supporter_id, attended)"
                           " VALUES (?, ?, ?) ON CONFLICT (session_id, supporter_id)"
                           " DO UPDATE SET attended = excluded.attended", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, supporter_id);
  sqlite3_bind_int (stmt, 3, attended ? 1 : 0);
  return ts_store_step_done (self, stmt, error);
}

/* ---- reads ----------------------------------------------------------- */

static TsTrainingSession *
session_from_row (TsStmt *stmt)
{
  TsTrainingSession *s = ts_training_session_new (ts_stmt_column_date (stmt, 3), NULL);
  s->id = sqlite3_column_int64 (stmt, 0);
  s->course_id = sqlite3_column_int64 (stmt, 1);
  s->position = sqlite3_column_int (stmt, 2);
  s->title = ts_stmt_column_dup (stmt, 4);
  return s;
}

static GPtrArray *
load_sessions (TsStore *self, gint64 course_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT id, course_id, position, held_on, title"
                                             " FROM training_sessions WHERE course_id = ?"
                                             " ORDER BY position", error);
  g_autoptr(GPtrArray) sessions = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_training_session_free);
  sqlite3_bind_int64 (stmt, 1, course_id);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (sessions, session_from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&sessions);
}

#define COURSE_COLUMNS \
  "c.id, c.kind, c.title, c.capacity, c.created_at," \
  " (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id)," \
  " (SELECT count(*) FROM training_sessions s WHERE s.course_id = c.id)," \
  " (SELECT min (held_on) FROM training_sessions s WHERE s.course_id = c.id)," \
  " (SELECT max (held_on) FROM training_sessions s WHERE s.course_id = c.id)"

static TsTrainingCourse *
course_from_row (TsStmt *stmt)
{
  TsTrainingCourse *c = ts_training_course_new ();
  c->id = sqlite3_column_int64 (stmt, 0);
  /* The table's CHECK allows only the vocabulary's names. */
  ts_course_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &c->kind);
  c->title = ts_stmt_column_dup (stmt, 2);
  c->capacity = sqlite3_column_int (stmt, 3);
  c->created_at = sqlite3_column_int64 (stmt, 4);
  c->enrolled = sqlite3_column_int (stmt, 5);
  c->remaining_seats = MAX (0, c->capacity - c->enrolled);
  c->session_count = sqlite3_column_int (stmt, 6);
  c->first_held_on = ts_stmt_column_date (stmt, 7);
  c->last_held_on = ts_stmt_column_date (stmt, 8);
  return c;
}

typedef struct {
  gint64            id;
  gboolean          with_sessions;
  TsTrainingCourse *course;
} CourseRead;

static gboolean
read_course (TsStore *self, gpointer user_data, GError **error)
{
  CourseRead *r = user_data;
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " COURSE_COLUMNS
                                             " FROM training_courses c WHERE c.id = ?", error);
  g_autoptr(TsTrainingCourse) course = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  if (!ts_store_step_row (self, stmt, N_("No such training course"), error))
    return FALSE;
  course = course_from_row (stmt);
  if (r->with_sessions && (course->sessions = load_sessions (self, r->id, error)) == NULL)
    return FALSE;
  r->course = g_steal_pointer (&course);
  return TRUE;
}

TsTrainingCourse *
ts_store_training_course_get (TsStore *self, gint64 id, gboolean with_sessions,
                              GError **error)
{
  CourseRead r = { id, with_sessions, NULL };

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  if (!ts_store_read (self, read_course, &r, error))
    return NULL;
  return r.course;
}

/* Courses in id order after after_id; ?kind narrows them to one kind. */
GPtrArray *
ts_store_training_course_list (TsStore *self, const TsCourseQuery *query, gint64 after_id,
                               guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " COURSE_COLUMNS
                                             " FROM training_courses c"
                                             " WHERE (?1 IS NULL OR c.kind = ?1) AND c.id > ?2"
                                             " ORDER BY c.id LIMIT ?3", error);
  g_autoptr(GPtrArray) courses = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  courses = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_training_course_free);
  if (query != NULL && query->kind != TS_FILTER_ANY)
    sqlite3_bind_text (stmt, 1, ts_course_kind_to_string (query->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, after_id);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (courses, course_from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&courses);
}

TsTrainingSession *
ts_store_training_session_get (TsStore *self, gint64 course_id, gint64 session_id,
                               GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT id, course_id, position, held_on, title"
                                             " FROM training_sessions"
                                             " WHERE id = ? AND course_id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, course_id);
  return ts_store_fetch_one (self, stmt, (TsRowFunc) session_from_row,
                             N_("No such session in this training course"), error);
}

static TsEnrolment *
enrolment_new (gint64 course_id, gint64 supporter_id, gint64 enrolled_at, GPtrArray *sessions)
{
  TsEnrolment *e = g_new0 (TsEnrolment, 1);

  e->course_id = course_id;
  e->supporter_id = supporter_id;
  e->enrolled_at = enrolled_at;
  e->n_sessions = sessions->len;
  e->session_ids = g_new0 (gint64, MAX (sessions->len, 1));
  e->marks = g_new0 (TsAttendanceMark, MAX (sessions->len, 1));
  for (guint i = 0; i < sessions->len; i++)
    {
      e->session_ids[i] = ((TsTrainingSession *) sessions->pdata[i])->id;
      e->marks[i] = TS_ATTENDANCE_UNRECORDED;
    }
  return e;
}

static void
enrolment_mark (TsEnrolment *e, gint64 session_id, gboolean attended)
{
  for (guint i = 0; i < e->n_sessions; i++)
    if (e->session_ids[i] == session_id)
      e->marks[i] = attended ? TS_ATTENDANCE_ATTENDED : TS_ATTENDANCE_ABSENT;
}

static void
enrolment_evaluate (TsEnrolment *e, GPtrArray *sessions)
{
  g_autofree TsDate *held_on = g_new0 (TsDate, MAX (sessions->len, 1));

  for (guint i = 0; i < sessions->len; i++)
    held_on[i] = ((TsTrainingSession *) sessions->pdata[i])->held_on;
  e->attended = 0;
  for (guint i = 0; i < e->n_sessions; i++)
    e->attended += e->marks[i] == TS_ATTENDANCE_ATTENDED;
  e->completed_on = ts_training_completion_date (held_on, e->marks, e->n_sessions);
  e->completed = e->completed_on != TS_DATE_NONE;
}

typedef struct {
  gint64        course_id;
  gint64        supporter_id;       /* 0: every enrolment */
  const GArray *scope;              /* the supporters' organisations; NULL: all */
  GPtrArray    *enrolments;
} EnrolmentRead;

static gboolean
course_exists (TsStore *self, gint64 course_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT 1 FROM training_courses WHERE id = ?",
                                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);
  return ts_store_step_row (self, stmt, N_("No such training course"), error);
}

static gboolean
read_enrolments (TsStore *self, gpointer user_data, GError **error)
{
  EnrolmentRead *r = user_data;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(GHashTable) by_supporter = NULL;
  g_autoptr(TsStmt) rows = NULL;
  g_autoptr(TsStmt) marks = NULL;
  int rc;

  if (!course_exists (self, r->course_id, error))
    return FALSE;
  sessions = load_sessions (self, r->course_id, error);
  if (sessions == NULL)
    return FALSE;

  rows = ts_store_prepare (self,
                           "SELECT e.supporter_id, e.enrolled_at FROM enrolments e"
                           " JOIN supporters s ON s.id = e.supporter_id"
                           " WHERE e.course_id = ?1 AND (?2 = 0 OR e.supporter_id = ?2)"
                           " AND " TS_SCOPE_SQL ("s.organisation_id")
                           " ORDER BY e.supporter_id", error);
  if (rows == NULL)
    return FALSE;
  enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_enrolment_free);
  by_supporter = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_bind_int64 (rows, 1, r->course_id);
  sqlite3_bind_int64 (rows, 2, r->supporter_id);
  ts_stmt_bind_scope (rows, r->scope);
  while ((rc = ts_store_step (self, rows, error)) == SQLITE_ROW)
    {
      TsEnrolment *e = enrolment_new (r->course_id, sqlite3_column_int64 (rows, 0),
                                      sqlite3_column_int64 (rows, 1), sessions);
      g_ptr_array_add (enrolments, e);
      g_hash_table_insert (by_supporter, &e->supporter_id, e);
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  marks = ts_store_prepare (self,
                            "SELECT a.supporter_id, a.session_id, a.attended"
                            " FROM attendance a JOIN training_sessions s ON s.id = a.session_id"
                            " WHERE s.course_id = ?1 AND (?2 = 0 OR a.supporter_id = ?2)", error);
  if (marks == NULL)
    return FALSE;
  sqlite3_bind_int64 (marks, 1, r->course_id);
  sqlite3_bind_int64 (marks, 2, r->supporter_id);
  while ((rc = ts_store_step (self, marks, error)) == SQLITE_ROW)
    {
      gint64 supporter_id = sqlite3_column_int64 (marks, 0);
      TsEnrolment *e = g_hash_table_lookup (by_supporter, &supporter_id);
      if (e != NULL)
        enrolment_mark (e, sqlite3_column_int64 (marks, 1), sqlite3_column_int (marks, 2) != 0);
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < enrolments->len; i++)
    enrolment_evaluate (enrolments->pdata[i], sessions);
  r->enrolments = g_steal_pointer (&enrolments);
  return TRUE;
}

/* Every enrolment of the course with its attendance, by supporter id: of
 * the supporters of the organisations in @scope (NULL: all, SPEC 2.6). */
GPtrArray *
ts_store_training_enrolment_list (TsStore *self, gint64 course_id, const GArray *scope,
                                  GError **error)
{
  EnrolmentRead r = { course_id, 0, scope, NULL };

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  if (!ts_store_read (self, read_enrolments, &r, error))
    return NULL;
  return r.enrolments;
}

TsEnrolment *
ts_store_training_enrolment_get (TsStore *self, gint64 course_id, gint64 supporter_id,
                                 GError **error)
{
  EnrolmentRead r = { course_id, supporter_id, NULL, NULL };
  TsEnrolment *e;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  g_return_val_if_fail (supporter_id > 0, NULL);
  if (!ts_store_read (self, read_enrolments, &r, error))
    return NULL;
  if (r.enrolments->len == 0)
    {
      g_ptr_array_unref (r.enrolments);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_ENROLLED,
                           N_("The supporter is not enrolled in this course"));
      return NULL;
    }
  e = g_ptr_array_steal_index (r.enrolments, 0);
  g_ptr_array_unref (r.enrolments);
  return e;
}

GArray *
ts_store_training_enrolled_ids (TsStore *self, gint64 course_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT supporter_id FROM enrolments"
                                             " WHERE course_id = ? ORDER BY supporter_id", error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int64 (stmt, 1, course_id);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&ids);
}

/* ---- the derived completion ----------------------------------------- */

/* Brings the supporter's completion of this course in line with their
 * attendance: added when every session is attended, re-dated when the last
 * session's date moved, withdrawn when an attendance was corrected to
 * absent.  Only rows with source 'course' are touched: a completion
 * recorded directly, even one naming this course, is a statement about the
 * past that attendance bookkeeping must not overrule. */
gboolean
ts_store_training_completion_sync (TsStore *self, gint64 course_id, gint64 supporter_id,
                                   TsCompletionChange *out_change, GError **error)
{
  EnrolmentRead r = { course_id, supporter_id, NULL, NULL };
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(TsStmt) kind_stmt = NULL;
  g_autoptr(TsStmt) existing = NULL;
  g_autoptr(TsStmt) change = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *old_kind = NULL;
  TsDate completed_on = TS_DATE_NONE, old_date = TS_DATE_NONE;
  gboolean have_row = FALSE, derived = FALSE;
  TsCompletionChange result = TS_COMPLETION_UNCHANGED;
  int rc;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (supporter_id > 0, FALSE);

  if (!read_enrolments (self, &r, error))
    return FALSE;
  enrolments = r.enrolments;
  if (enrolments->len > 0)
    completed_on = ((TsEnrolment *) enrolments->pdata[0])->completed_on;

  kind_stmt = ts_store_prepare (self, "SELECT kind FROM training_courses WHERE id = ?", error);
  if (kind_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (kind_stmt, 1, course_id);
  if (ts_store_step (self, kind_stmt, error) != SQLITE_ROW)
    return FALSE;
  kind = ts_stmt_column_dup (kind_stmt, 0);

  existing = ts_store_prepare (self,
                               "SELECT completed_on, kind, source = 'course' FROM trainings"
                               " WHERE supporter_id = ? AND course_id = ?", error);
  if (existing == NULL)
    return FALSE;
  sqlite3_bind_int64 (existing, 1, supporter_id);
  sqlite3_bind_int64 (existing, 2, course_id);
  rc = ts_store_step (self, existing, error);
  if (rc == SQLITE_ROW)
    {
      have_row = TRUE;
      old_date = ts_stmt_column_date (existing, 0);
      old_kind = ts_stmt_column_dup (existing, 1);
      derived = sqlite3_column_int (existing, 2) != 0;
    }
  else if (rc != SQLITE_DONE)
    return FALSE;

  if (completed_on != TS_DATE_NONE && !have_row)
    {
      change = ts_store_prepare (self,
                                 "INSERT INTO trainings (supporter_id, kind, completed_on,"
                                 " course_id, created_at, source)"
                                 " VALUES (?1, ?3, ?4, ?2, ?5, 'course')", error);
      result = TS_COMPLETION_ADDED;
    }
  else if (completed_on != TS_DATE_NONE && derived &&
           (completed_on != old_date || g_strcmp0 (kind, old_kind) != 0))
    {
      change = ts_store_prepare (self,
                                 "UPDATE trainings SET kind = ?3, completed_on = ?4"
                                 " WHERE supporter_id = ?1 AND course_id = ?2"
                                 " AND source = 'course'", error);
      result = TS_COMPLETION_REDATED;
    }
  else if (completed_on == TS_DATE_NONE && derived)
    {
      change = ts_store_prepare (self,
                                 "DELETE FROM trainings WHERE supporter_id = ?1"
                                 " AND course_id = ?2 AND source = 'course'", error);
      result = TS_COMPLETION_WITHDRAWN;
    }
  else
    {
      if (out_change != NULL)
        *out_change = TS_COMPLETION_UNCHANGED;
      return TRUE;
    }

  if (change == NULL)
    return FALSE;
  sqlite3_bind_int64 (change, 1, supporter_id);
  sqlite3_bind_int64 (change, 2, course_id);
  if (result != TS_COMPLETION_WITHDRAWN)
    {
      sqlite3_bind_text (change, 3, kind, -1, SQLITE_STATIC);
      ts_stmt_bind_date_or_null (change, 4, completed_on);
      if (result == TS_COMPLETION_ADDED)
        sqlite3_bind_int64 (change, 5, g_get_real_time () / G_USEC_PER_SEC);
    }
  if (!ts_store_step_done (self, change, error))
    return FALSE;
  if (out_change != NULL)
    *out_change = result;
  return TRUE;
}
