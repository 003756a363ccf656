/*
 * /v1/training-courses: courses, their sessions, enrolments and attendance.
 *
 * Coordinators and administrators run courses.  An auditor checks training
 * compliance (SPEC section 1), so they may read courses and enrolment lists
 * (supporter ids and attendance, no names; each list read is logged) but
 * change nothing.  Supporters and hosts have no access.
 */
#include "http/resource.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "service/training.h"

#define READERS (TS_ROLE_STAFF | TS_ROLE_AUDITOR)

/* Generous type-level bounds for a session's title; the service applies the
 * real limit with the course title's message. */
#define TITLE_READ_MAX 100000

/* ---- JSON ------------------------------------------------------------ */

static JsonObject *
session_to_json (const TsTrainingSession *session)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", session->id);
  json_object_set_int_member (obj, "course_id", session->course_id);
  json_object_set_int_member (obj, "position", session->position);
  ts_json_set_date_or_null (obj, "held_on", session->held_on);
  ts_json_set_string_or_null (obj, "title", session->title);
  return obj;
}

/* What a course's view adds to its record: in a single course, its
 * sessions. */
static void
render_course (gconstpointer data, JsonObject *obj)
{
  const TsTrainingCourse *course = ((const TsCourseView *) data)->record;

  if (course->sessions != NULL)
    {
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < course->sessions->len; i++)
        json_array_add_object_element (arr, session_to_json (course->sessions->pdata[i]));
      json_object_set_array_member (obj, "sessions", arr);
    }
}

static JsonObject *
enrolment_to_json (const TsEnrolment *e)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *enrolled_at = ts_timestamp_from_unix (e->enrolled_at);
  JsonArray *sessions = json_array_new ();

  json_object_set_int_member (obj, "course_id", e->course_id);
  json_object_set_int_member (obj, "supporter_id", e->supporter_id);
  json_object_set_string_member (obj, "enrolled_at", enrolled_at);
  for (guint i = 0; i < e->n_sessions; i++)
    {
      JsonObject *s = json_object_new ();
      json_object_set_int_member (s, "session_id", e->session_ids[i]);
      if (e->marks[i] == TS_ATTENDANCE_UNRECORDED)
        json_object_set_null_member (s, "attended");
      else
        json_object_set_boolean_member (s, "attended", e->marks[i] == TS_ATTENDANCE_ATTENDED);
      json_array_add_object_element (sessions, s);
    }
  json_object_set_array_member (obj, "sessions", sessions);
  json_object_set_int_member (obj, "attended_sessions", e->attended);
  json_object_set_boolean_member (obj, "completed", e->completed);
  ts_json_set_date_or_null (obj, "completed_on", e->completed_on);
  return obj;
}

static void
reply_created (TsRequest *req, const char *location, JsonObject *obj)
{
  ts_request_add_header (req, "Location", location);
  ts_request_reply_object (req, SOUP_STATUS_CREATED, obj);
}

/* ---- request bodies --------------------------------------------------- */

/* A session, in a new course's list or added to a course.  Type errors are
 * the reader's; what is required and the title's limit are the service's. */
static void
read_session (TsInput *in, TsDate *held_on, const char **title)
{
  *held_on = ts_input_date (in, "held_on", TS_OPTIONAL);
  *title = ts_input_string (in, "title", TS_OPTIONAL, TITLE_READ_MAX);
}

/* A new course's "sessions": a list of objects.  An unknown member inside
 * a session is as much a client bug as one at the top: it joins the body's
 * unknown fields (400, naming every one at both levels). */
static void
read_sessions (TsInput *in, gpointer data, G_GNUC_UNUSED guint *present)
{
  TsTrainingCourse *draft = data;
  JsonNode *list = ts_input_member (in, "sessions", TS_OPTIONAL);
  JsonArray *arr;

  if (list == NULL)
    {
      if (ts_input_has (in, "sessions"))
        ts_input_error (in, "sessions", N_("Must be a list"));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      ts_input_error (in, "sessions", N_("Must be a list"));
      return;
    }
  arr = json_node_get_array (list);
  if (json_array_get_length (arr) > TS_TRAINING_SESSIONS_MAX)
    {
      ts_input_error (in, "sessions", N_("A course has at most 20 sessions"));
      return;
    }
  draft->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_training_session_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_auto(TsInput) item = { 0 };
      g_autofree char *prefix = g_strdup_printf ("sessions[%u]", i);
      TsDate held_on = TS_DATE_NONE;
      const char *title = NULL;

      if (ts_input_init (&item, json_array_get_element (arr, i), in->errors, prefix))
        {
          read_session (&item, &held_on, &title);
          ts_input_collect_unknown (&item);
          for (guint k = 0; item.unknown != NULL && k < item.unknown->len; k++)
            {
              if (in->unknown == NULL)
                in->unknown = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (in->unknown, g_strdup (item.unknown->pdata[k]));
            }
        }
      g_ptr_array_add (draft->sessions, ts_training_session_new (held_on, title));
    }
}

static const TsResourceRoutes course_routes = {
  .ops = &ts_course_ops,
  .render = render_course,
  .read_custom = read_sessions,
};

/* ---- handlers -------------------------------------------------------- */

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsTrainingCourse) draft = ts_training_course_new ();
  g_autoptr(TsCourseView) view = NULL;
  g_autofree char *location = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &course_routes, draft, &present, &error) ||
      (view = ts_service_course_create (req->service, req->ctx, draft, present, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  location = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT, view->record->id);
  ts_request_add_header (req, "Location", location);
  ts_resource_reply_view (req, &course_routes, SOUP_STATUS_CREATED, view);
}

static void
handle_add_session (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsTrainingSession) session = NULL;
  g_autofree char *location = NULL;
  TsSessionInput input = { TS_DATE_NONE, NULL };

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  read_session (&in, &input.held_on, &input.title);
  if (!ts_input_finish (&in, &error) ||
      (session = ts_service_training_session_add (req->service, req->ctx, req->params[0],
                                                  &input, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  location = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT, req->params[0]);
  reply_created (req, location, session_to_json (session));
}

static void
handle_enrol (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsEnrolment) enrolment = NULL;
  g_autofree char *location = NULL;
  gint64 supporter_id = 0;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  ts_input_int (&in, "supporter_id", TS_REQUIRED, 1, G_MAXINT64, &supporter_id);
  if (!ts_input_finish (&in, &error) ||
      (enrolment = ts_service_training_enrol (req->service, req->ctx, req->params[0],
                                              supporter_id, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  location = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT "/enrolments/%"
                              G_GINT64_FORMAT, req->params[0], supporter_id);
  reply_created (req, location, enrolment_to_json (enrolment));
}

static void
handle_unenrol (TsRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (!ts_service_training_unenrol (req->service, req->ctx, req->params[0], req->params[1],
                                    &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

static void
handle_enrolments (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(JsonObject) obj = NULL;
  JsonArray *arr;

  enrolments = ts_service_training_enrolment_list (req->service, req->ctx, req->params[0], &error);
  if (enrolments == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  arr = json_array_new ();
  for (guint i = 0; i < enrolments->len; i++)
    json_array_add_object_element (arr, enrolment_to_json (enrolments->pdata[i]));
  obj = json_object_new ();
  json_object_set_int_member (obj, "course_id", req->params[0]);
  json_object_set_array_member (obj, "enrolments", arr);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

static void
handle_attendance (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsEnrolment) enrolment = NULL;
  gint64 supporter_id = 0;
  gboolean attended = FALSE;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  ts_input_int (&in, "supporter_id", TS_REQUIRED, 1, G_MAXINT64, &supporter_id);
  ts_input_bool (&in, "attended", TS_REQUIRED, &attended);
  if (!ts_input_finish (&in, &error) ||
      (enrolment = ts_service_training_attendance_set (req->service, req->ctx, req->params[0],
                                                       req->params[1], supporter_id, attended,
                                                       &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, enrolment_to_json (enrolment));
}

void
ts_routes_training (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/training-courses", TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_create, "createTrainingCourse", NULL },
    { "GET", "/v1/training-courses", READERS, 0,
      ts_resource_handle_list, "listTrainingCourses", &course_routes },
    { "GET", "/v1/training-courses/{id}", READERS, 0,
      ts_resource_handle_get, "getTrainingCourse", &course_routes },
    { "POST", "/v1/training-courses/{id}/sessions", TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_add_session, "addTrainingSession", NULL },
    { "POST", "/v1/training-courses/{id}/enrolments", TS_ROLE_STAFF, TS_ROUTE_BODY,
      handle_enrol, "enrolInTrainingCourse", NULL },
    { "GET", "/v1/training-courses/{id}/enrolments", READERS, 0,
      handle_enrolments, "listTrainingEnrolments", NULL },
    { "DELETE", "/v1/training-courses/{id}/enrolments/{supporter_id}", TS_ROLE_STAFF, 0,
      handle_unenrol, "cancelTrainingEnrolment", NULL },
    { "POST", "/v1/training-courses/{id}/sessions/{session_id}/attendance", TS_ROLE_STAFF,
      TS_ROUTE_BODY, handle_attendance, "recordTrainingAttendance", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
