/*
 * Training courses' use cases: see service/training.h.
 */
#include "service/training.h"

#include "core/i18n.h"
#include "service/validate.h"
#include "store/supporters.h"
#include "store/training.h"

/* ---- validation ------------------------------------------------------ */

static void
check_title (TsContext *ctx, const char *field, const char *title)
{
  ts_validate_text (ctx, field, title, FALSE, TS_TRAINING_TITLE_MAX, FALSE,
                    ts_too_long_message (TS_TRAINING_TITLE_MAX));
}

/* Sessions are numbered in the order given, which must be date order: the
 * completion is dated by the last session (issue 3), and a course whose
 * "session 3" comes before "session 2" is a typing error.  Two sessions on
 * one day (morning and afternoon) are allowed. */
static void
check_sessions (TsContext *ctx, GPtrArray *sessions)
{
  TsDate previous = TS_DATE_NONE;

  if (ts_field_errors_has (ctx->errors, "sessions"))
    return;
  if (sessions == NULL)
    {
      ts_field_errors_add (ctx->errors, "sessions", N_("Required"));
      return;
    }
  if (sessions->len == 0)
    {
      ts_field_errors_add (ctx->errors, "sessions", N_("A course needs at least one session"));
      return;
    }
  if (sessions->len > TS_TRAINING_SESSIONS_MAX)
    {
      ts_field_errors_add (ctx->errors, "sessions", N_("A course has at most 20 sessions"));
      return;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      const TsTrainingSession *s = sessions->pdata[i];
      g_autofree char *held_on = g_strdup_printf ("sessions[%u].held_on", i);
      g_autofree char *title = g_strdup_printf ("sessions[%u].title", i);

      check_title (ctx, title, s->title);
      if (s->held_on == TS_DATE_NONE)
        {
          ts_field_errors_add (ctx->errors, held_on, N_("Required"));
          continue;
        }
      if (previous != TS_DATE_NONE && s->held_on < previous)
        ts_field_errors_add (ctx->errors, held_on,
                             N_("Sessions must be listed in date order"));
      previous = s->held_on;
    }
}

/* A new course: the members the field table requires, then its checks
 * (title, capacity's range), then the sessions.  A member the body lacks
 * is "Required" rather than out of range. */
static void
check_course (TsContext *ctx, const TsTrainingCourse *draft, guint present)
{
  if ((present & TS_COURSE_FIELD_KIND) == 0)
    ts_field_errors_add (ctx->errors, "kind", N_("Required"));
  if ((present & TS_COURSE_FIELD_CAPACITY) == 0)
    ts_field_errors_add (ctx->errors, "capacity", N_("Required"));
  ts_service_check_fields (ctx, &ts_course_resource, draft, present, TRUE);
  check_sessions (ctx, draft->sessions);
}

/* ---- audit ----------------------------------------------------------- */

/* A completion gained or lost through attendance changes the supporter's
 * qualification: it is logged against the supporter, like a direct record. */
static gboolean
audit_completion (TsService *self, TsContext *ctx, TsCompletionChange change,
                  gint64 supporter_id, GError **error)
{
  static const char *const actions[] = {
    [TS_COMPLETION_UNCHANGED] = NULL,
    [TS_COMPLETION_ADDED] = "complete",
    [TS_COMPLETION_REDATED] = "redate_completion",
    [TS_COMPLETION_WITHDRAWN] = "withdraw_completion",
  };

  if (change == TS_COMPLETION_UNCHANGED)
    return TRUE;
  return ts_service_audit (self, ctx, actions[change], "training", supporter_id, error);
}

/* ---- courses --------------------------------------------------------- */

void
ts_course_view_free (TsCourseView *view)
{
  if (view == NULL)
    return;
  ts_training_course_free (view->record);
  g_free (view);
}

TS_DEFINE_VIEW_NEW (view_new, TsCourseView)

/* The course with its sessions. */
static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsTrainingCourse *course = ts_store_training_course_get (ts_service_get_store (self), id, TRUE,
                                                           error);

  return course != NULL ? view_new (self, ctx, course) : NULL;
}

/* Whoever the route lets in (staff and auditors) reads every course. */
static gboolean
check_list (G_GNUC_UNUSED TsService *self, G_GNUC_UNUSED TsContext *ctx,
            G_GNUC_UNUSED gpointer query, G_GNUC_UNUSED GError **error)
{
  return TRUE;
}

static gboolean
check_read (G_GNUC_UNUSED TsContext *ctx, G_GNUC_UNUSED gint64 id, G_GNUC_UNUSED GError **error)
{
  return TRUE;
}

/* A course is never edited (sessions are added with their own verb): no
 * update hooks. */
const TsResourceOps ts_course_ops = {
  .resource = &ts_course_resource,
  .check_list = check_list,
  .check_read = check_read,
  .list_rows = (TsListRowsFunc) ts_store_training_course_list,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_course_view_free,
  .record_free = (GDestroyNotify) ts_training_course_free,
};

typedef struct {
  TsService              *service;
  TsContext              *ctx;
  const TsTrainingCourse *course;
  gint64                  id;
} CreateCourse;

static gboolean
write_create_course (TsStore *store, gpointer user_data, GError **error)
{
  CreateCourse *c = user_data;

  if (!ts_store_training_course_insert (store, c->course, &c->id, error))
    return FALSE;
  for (guint i = 0; i < c->course->sessions->len; i++)
    {
      const TsTrainingSession *s = c->course->sessions->pdata[i];

      if (!ts_store_training_session_insert (store, c->id, s->held_on, s->title, NULL, error))
        return FALSE;
    }
  return ts_service_audit (c->service, c->ctx, "create", "training_course", c->id, error);
}

TsCourseView *
ts_service_course_create (TsService *self, TsContext *ctx, const TsTrainingCourse *draft,
                          guint present, GError **error)
{
  g_autoptr(TsTrainingCourse) course = NULL;
  CreateCourse c = { self, ctx, NULL, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  check_course (ctx, draft, present);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  /* Titles are stored trimmed, the sessions' like the course's. */
  course = ts_training_course_new ();
  ts_record_apply (&ts_course_resource, course, draft, present);
  course->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_training_session_free);
  for (guint i = 0; i < draft->sessions->len; i++)
    {
      const TsTrainingSession *s = draft->sessions->pdata[i];
      g_autofree char *title = ts_text_dup_trimmed (s->title);

      g_ptr_array_add (course->sessions, ts_training_session_new (s->held_on, title));
    }
  c.course = course;
  if (!ts_store_write (ts_service_get_store (self), write_create_course, &c, error))
    return NULL;
  return load_view (self, ctx, c.id, error);
}

TsTrainingCourse *
ts_service_training_course_create (TsService *self, TsContext *ctx, const TsCourseInput *input,
                                   GError **error)
{
  g_autoptr(TsTrainingCourse) draft = ts_training_course_new ();
  g_autoptr(TsCourseView) view = NULL;
  guint present = TS_COURSE_FIELD_TITLE;

  g_return_val_if_fail (input != NULL, NULL);

  if (ts_course_kind_from_string (input->kind, &draft->kind))
    present |= TS_COURSE_FIELD_KIND;
  if (input->capacity != 0)
    present |= TS_COURSE_FIELD_CAPACITY;
  draft->title = g_strdup (input->title);
  draft->capacity = (int) CLAMP (input->capacity, -1, G_MAXINT32);
  draft->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_training_session_free);
  for (guint i = 0; i < input->n_sessions; i++)
    g_ptr_array_add (draft->sessions,
                     ts_training_session_new (input->sessions[i].held_on,
                                              input->sessions[i].title));
  view = ts_service_course_create (self, ctx, draft, present, error);
  return view != NULL ? g_steal_pointer (&view->record) : NULL;
}

/* ---- sessions -------------------------------------------------------- */

typedef struct {
  TsService            *service;
  TsContext            *ctx;
  gint64                course_id;
  const TsSessionInput *input;
  char                 *title;      /* trimmed, as a new course's */
  gint64                id;
} AddSession;

static gboolean
write_add_session (TsStore *store, gpointer user_data, GError **error)
{
  AddSession *a = user_data;
  g_autoptr(TsTrainingCourse) course = NULL;
  g_autoptr(GArray) enrolled = NULL;

  course = ts_store_training_course_get (store, a->course_id, FALSE, error);
  if (course == NULL)
    return FALSE;
  if (course->session_count >= TS_TRAINING_SESSIONS_MAX)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("A course has at most 20 sessions"));
      return FALSE;
    }
  if (course->last_held_on != TS_DATE_NONE && a->input->held_on < course->last_held_on)
    {
      g_autofree char *last = ts_date_to_string (course->last_held_on);

      ts_field_errors_add (a->ctx->errors, "held_on",
                           N_("A new session cannot be earlier than the course's last session"));
      ts_context_add_extra (a->ctx, "last_held_on",
                            json_node_init_string (json_node_alloc (), last));
      return ts_field_errors_check (a->ctx->errors, error);
    }
  if (!ts_store_training_session_insert (store, a->course_id, a->input->held_on,
                                         a->title, &a->id, error))
    return FALSE;
  if (!ts_service_audit (a->service, a->ctx, "add_session", "training_course", a->course_id,
                         error))
    return FALSE;

  /* A new session is one more that every enrolled supporter must attend:
   * completions earned on the old sessions are withdrawn until then. */
  enrolled = ts_store_training_enrolled_ids (store, a->course_id, error);
  if (enrolled == NULL)
    return FALSE;
  for (guint i = 0; i < enrolled->len; i++)
    {
      gint64 supporter_id = g_array_index (enrolled, gint64, i);
      TsCompletionChange change;

      if (!ts_store_training_completion_sync (store, a->course_id, supporter_id, &change, error) ||
          !audit_completion (a->service, a->ctx, change, supporter_id, error))
        return FALSE;
    }
  return TRUE;
}

TsTrainingSession *
ts_service_training_session_add (TsService *self, TsContext *ctx, gint64 course_id,
                                 const TsSessionInput *input, GError **error)
{
  g_autofree char *title = ts_text_dup_trimmed (input->title);
  AddSession a = { self, ctx, course_id, input, title, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (input->held_on == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "held_on", N_("Required"));
  check_title (ctx, "title", input->title);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_add_session, &a, error))
    return NULL;
  return ts_store_training_session_get (ts_service_get_store (self), course_id, a.id, error);
}

/* ---- enrolment ------------------------------------------------------- */

/* The supporter named in a body: an unknown id is a bad field (422), like
 * any other reference in a request body; the course in the path is 404.
 * A supporter of an organisation outside the caller's scope is unknown
 * (SPEC 2.6): courses are the programme's, the supporters are not. */
static gboolean
check_supporter (TsStore *store, TsContext *ctx, gint64 supporter_id, char **out_status,
                 GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(TsSupporterRecord) supporter = ts_store_supporter_get (store, supporter_id, &local);

  if (supporter != NULL && ts_record_in_scope (&ts_supporter_resource, supporter, ctx))
    {
      if (out_status != NULL)
        *out_status = g_strdup (ts_supporter_status_to_string (supporter->status));
      return TRUE;
    }
  if (local != NULL && !g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  ts_field_errors_add (ctx->errors, "supporter_id", N_("No such supporter"));
  return ts_field_errors_check (ctx->errors, error);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     course_id;
  gint64     supporter_id;
} Enrol;

static gboolean
write_enrol (TsStore *store, gpointer user_data, GError **error)
{
  Enrol *e = user_data;
  g_autoptr(TsTrainingCourse) course = NULL;
  g_autofree char *status = NULL;

  course = ts_store_training_course_get (store, e->course_id, FALSE, error);
  if (course == NULL)
    return FALSE;
  if (!check_supporter (store, e->ctx, e->supporter_id, &status, error))
    return FALSE;
  /* A retired supporter has left the programme; a suspended one may still
   * train, to be ready when the suspension ends. */
  if (g_strcmp0 (status, "retired") == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("A retired supporter cannot enrol in a course"));
      return FALSE;
    }
  if (!ts_store_training_enrol (store, e->course_id, e->supporter_id, error))
    return FALSE;
  return ts_service_audit (e->service, e->ctx, "enrol", "enrolment", e->supporter_id, error) &&
         ts_service_audit (e->service, e->ctx, "enrol", "training_course", e->course_id, error);
}

/* A change of supporter @supporter_id's enrolment in course @course_id
 * (enrolling it, recording its attendance): @write in one transaction,
 * then the enrolment as it is now. */
static TsEnrolment *
change_enrolment (TsService *self, TsContext *ctx, gint64 course_id, gint64 supporter_id,
                  TsStoreWriteFunc write, gpointer data, GError **error)
{
  if (supporter_id <= 0)
    ts_field_errors_add (ctx->errors, "supporter_id", N_("Required"));
  if (!ts_field_errors_check (ctx->errors, error) ||
      !ts_store_write (ts_service_get_store (self), write, data, error))
    return NULL;
  return ts_store_training_enrolment_get (ts_service_get_store (self), course_id, supporter_id,
                                          error);
}

TsEnrolment *
ts_service_training_enrol (TsService *self, TsContext *ctx, gint64 course_id,
                           gint64 supporter_id, GError **error)
{
  Enrol e = { self, ctx, course_id, supporter_id };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return change_enrolment (self, ctx, course_id, supporter_id, write_enrol, &e, error);
}

static gboolean
write_unenrol (TsStore *store, gpointer user_data, GError **error)
{
  Enrol *e = user_data;
  g_autoptr(TsEnrolment) enrolment = NULL;
  g_autoptr(GError) local = NULL;
  TsCompletionChange change;
  g_autoptr(TsSupporterRecord) supporter = NULL;

  enrolment = ts_store_training_enrolment_get (store, e->course_id, e->supporter_id, &local);
  if (enrolment == NULL)
    {
      /* The enrolment is the resource named by the path. */
      if (g_error_matches (local, TS_ERROR, TS_ERROR_NOT_ENROLLED))
        local->code = TS_ERROR_NOT_FOUND;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* The enrolment of a supporter outside the caller's scope is answered
   * as one that does not exist (SPEC 2.6). */
  supporter = ts_store_supporter_get (store, e->supporter_id, error);
  if (supporter == NULL)
    return FALSE;
  if (!ts_record_in_scope (&ts_supporter_resource, supporter, e->ctx))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND,
                           N_("The supporter is not enrolled in this course"));
      return FALSE;
    }
  /* Attended sessions are history a completion or an audit rests on. */
  if (enrolment->attended > 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("The supporter has attended a session of this course; the enrolment is kept"));
      return FALSE;
    }
  if (!ts_store_training_unenrol (store, e->course_id, e->supporter_id, error) ||
      !ts_store_training_completion_sync (store, e->course_id, e->supporter_id, &change, error) ||
      !audit_completion (e->service, e->ctx, change, e->supporter_id, error))
    return FALSE;
  return ts_service_audit (e->service, e->ctx, "unenrol", "enrolment", e->supporter_id, error) &&
         ts_service_audit (e->service, e->ctx, "unenrol", "training_course", e->course_id, error);
}

gboolean
ts_service_training_unenrol (TsService *self, TsContext *ctx, gint64 course_id,
                             gint64 supporter_id, GError **error)
{
  Enrol e = { self, ctx, course_id, supporter_id };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  return ts_store_write (ts_service_get_store (self), write_unenrol, &e, error);
}

/* The list names supporters by id and shows their training: it is a read
 * of personal records and is logged before it is answered.  It holds the
 * supporters of the caller's organisations only (SPEC 2.6). */
GPtrArray *
ts_service_training_enrolment_list (TsService *self, TsContext *ctx, gint64 course_id,
                                    GError **error)
{
  TsStore *store;
  g_autoptr(GPtrArray) enrolments = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  store = ts_service_get_store (self);
  enrolments = ts_store_training_enrolment_list (store, course_id, ctx->scope, error);
  if (enrolments == NULL)
    return NULL;
  if (!ts_service_audit_read (self, ctx, "list_enrolments", "training_course", course_id, error))
    return NULL;
  return g_steal_pointer (&enrolments);
}

/* ---- attendance ------------------------------------------------------ */

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     course_id;
  gint64     session_id;
  gint64     supporter_id;
  gboolean   attended;
  TsDate     today;
} Attendance;

static gboolean
write_attendance (TsStore *store, gpointer user_data, GError **error)
{
  Attendance *a = user_data;
  g_autoptr(TsTrainingCourse) course = NULL;
  g_autoptr(TsTrainingSession) session = NULL;
  g_autoptr(TsEnrolment) enrolment = NULL;
  TsCompletionChange change;

  course = ts_store_training_course_get (store, a->course_id, FALSE, error);
  if (course == NULL)
    return FALSE;
  session = ts_store_training_session_get (store, a->course_id, a->session_id, error);
  if (session == NULL)
    return FALSE;
  if (!check_supporter (store, a->ctx, a->supporter_id, NULL, error))
    return FALSE;
  enrolment = ts_store_training_enrolment_get (store, a->course_id, a->supporter_id, error);
  if (enrolment == NULL)
    return FALSE;
  /* Attendance is a record of what happened: a session that has not taken
   * place yet (in Asia/Tokyo) has no attendance, present or absent. */
  if (session->held_on > a->today)
    {
      g_autofree char *held_on = ts_date_to_string (session->held_on);

      ts_field_errors_add (a->ctx->errors, "attended",
                           N_("Attendance cannot be recorded before the session is held"));
      ts_context_add_extra (a->ctx, "held_on",
                            json_node_init_string (json_node_alloc (), held_on));
      return ts_field_errors_check (a->ctx->errors, error);
    }

  if (!ts_store_training_attendance_set (store, a->session_id, a->supporter_id, a->attended,
                                         error) ||
      !ts_store_training_completion_sync (store, a->course_id, a->supporter_id, &change, error))
    return FALSE;
  return ts_service_audit (a->service, a->ctx, a->attended ? "attended" : "absent",
                           "attendance", a->supporter_id, error) &&
         ts_service_audit (a->service, a->ctx, "record_attendance", "training_session",
                           a->session_id, error) &&
         audit_completion (a->service, a->ctx, change, a->supporter_id, error);
}

TsEnrolment *
ts_service_training_attendance_set (TsService *self, TsContext *ctx, gint64 course_id,
                                    gint64 session_id, gint64 supporter_id, gboolean attended,
                                    GError **error)
{
  Attendance a = { self, ctx, course_id, session_id, supporter_id, attended, ts_date_today () };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return change_enrolment (self, ctx, course_id, supporter_id, write_attendance, &a, error);
}
