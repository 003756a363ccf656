/*
 * /v1/training-courses: courses, their sessions, enrolments and attendance.
 *
 * Coordinators and administrators run courses.  An auditor checks training
 * compliance (SPEC section 1), so they may read courses and enrolment lists
 * (supporter ids and attendance, no names; each list read is logged) but
 * change nothing.  Supporters and hosts have no access.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "service/training.h"

#define READERS (TS_ROLE_STAFF | TS_ROLE_AUDITOR)

static const char *const kind_names[] = { "initial", "follow_up", NULL };

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

static JsonObject *
course_to_json (const TsTrainingCourse *course)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *created = ts_timestamp_from_unix (course->created_at);

  json_object_set_int_member (obj, "id", course->id);
  json_object_set_string_member (obj, "kind", course->kind);
  json_object_set_string_member (obj, "title", course->title);
  json_object_set_int_member (obj, "capacity", course->capacity);
  json_object_set_int_member (obj, "enrolled", course->enrolled);
  json_object_set_int_member (obj, "remaining_seats", MAX (0, course->capacity - course->enrolled));
  json_object_set_int_member (obj, "session_count", course->session_count);
  ts_json_set_date_or_null (obj, "first_held_on", course->first_held_on);
  ts_json_set_date_or_null (obj, "last_held_on", course->last_held_on);
  json_object_set_string_member (obj, "created_at", created);
  if (course->sessions != NULL)
    {
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < course->sessions->len; i++)
        json_array_add_object_element (arr, session_to_json (course->sessions->pdata[i]));
      json_object_set_array_member (obj, "sessions", arr);
    }
  return obj;
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

/* ---- handlers -------------------------------------------------------- */

static void
read_session (TsInput *in, TsSessionInput *out)
{
  out->held_on = ts_input_date (in, "held_on", TS_REQUIRED);
  out->title = ts_input_string (in, "title", TS_OPTIONAL, TS_TRAINING_TITLE_MAX);
}

static void
handle_create (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsTrainingCourse) course = NULL;
  g_autoptr(GArray) sessions = g_array_new (FALSE, TRUE, sizeof (TsSessionInput));
  g_autofree char *location = NULL;
  TsCourseInput input = { 0 };
  gboolean nested_unknown = FALSE;
  JsonNode *list;
  int kind;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  kind = ts_input_enum (&in, "kind", TS_REQUIRED, kind_names);
  input.kind = kind >= 0 ? kind_names[kind] : NULL;
  input.title = ts_input_string (&in, "title", TS_REQUIRED, TS_TRAINING_TITLE_MAX);
  ts_input_int (&in, "capacity", TS_REQUIRED, 1, TS_TRAINING_CAPACITY_MAX, &input.capacity);

  list = ts_input_member (&in, "sessions", TS_REQUIRED);
  if (list != NULL && !JSON_NODE_HOLDS_ARRAY (list))
    ts_input_error (&in, "sessions", N_("Must be a list"));
  else if (list != NULL && json_array_get_length (json_node_get_array (list)) > TS_TRAINING_SESSIONS_MAX)
    ts_input_error (&in, "sessions", N_("A course has at most 20 sessions"));
  else if (list != NULL)
    {
      JsonArray *arr = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          g_auto(TsInput) item = { 0 };
          g_autofree char *prefix = g_strdup_printf ("sessions[%u]", i);
          TsSessionInput s = { TS_DATE_NONE, NULL };

          if (ts_input_init (&item, json_array_get_element (arr, i), req->ctx->errors, prefix))
            {
              read_session (&item, &s);
              ts_input_collect_unknown (&item);
              nested_unknown |= item.unknown != NULL && item.unknown->len > 0;
            }
          g_array_append_val (sessions, s);
        }
      input.sessions = (const TsSessionInput *) sessions->data;
      input.n_sessions = sessions->len;
    }

  /* An unknown member inside a session is as much a client bug as one at
   * the top: 400, naming every unknown field at both levels. */
  if (nested_unknown)
    {
      ts_input_collect_unknown (&in);
      g_set_error_literal (&error, TS_ERROR, TS_ERROR_UNKNOWN_FIELD,
                           N_("The request has fields this service does not know"));
      ts_request_reply_error (req, error);
      return;
    }
  if (!ts_input_finish (&in, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  course = ts_service_training_course_create (req->service, req->ctx, &input, &error);
  if (course == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  location = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT, course->id);
  reply_created (req, location, course_to_json (course));
}

/* A query parameter that must be a decimal integer in [min, max]. */
static gboolean
query_int (TsRequest *req, const char *name, gint64 min, gint64 max, const char *message,
           gint64 *out)
{
  const char *text = ts_request_query (req, name);
  guint64 v;

  if (text == NULL)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &v, NULL))
    {
      ts_field_errors_add (req->ctx->errors, name, message);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

static void
handle_list (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(JsonObject) obj = NULL;
  const char *kind = ts_request_query (req, "kind");
  gint64 limit = TS_TRAINING_LIST_LIMIT_DEFAULT, after = 0;
  gboolean more = FALSE;
  JsonArray *arr;

  if (kind != NULL && !g_strv_contains (kind_names, kind))
    ts_field_errors_add (req->ctx->errors, "kind", N_("Not one of the allowed values"));
  query_int (req, "limit", 1, TS_TRAINING_LIST_LIMIT_MAX,
             N_("Must be an integer from 1 to 200"), &limit);
  /* The cursor is the last id of the previous page; clients treat it as
   * opaque. */
  query_int (req, "cursor", 1, G_MAXINT64, N_("Not a cursor from an earlier page"), &after);
  if (!ts_field_errors_check (req->ctx->errors, &error) ||
      (courses = ts_service_training_course_list (req->service, req->ctx, kind, after,
                                                  (int) limit, &more, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  arr = json_array_new ();
  for (guint i = 0; i < courses->len; i++)
    json_array_add_object_element (arr, course_to_json (courses->pdata[i]));
  obj = json_object_new ();
  json_object_set_array_member (obj, "courses", arr);
  if (more && courses->len > 0)
    {
      g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 ((TsTrainingCourse *) courses->pdata[courses->len - 1])->id);
      json_object_set_string_member (obj, "next_cursor", cursor);
    }
  else
    json_object_set_null_member (obj, "next_cursor");
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

static void
handle_get (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsTrainingCourse) course = ts_service_training_course_get (req->service, req->ctx,
                                                                       req->params[0], &error);
  if (course == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, course_to_json (course));
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
  read_session (&in, &input);
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
      handle_list, "listTrainingCourses", NULL },
    { "GET", "/v1/training-courses/{id}", READERS, 0,
      handle_get, "getTrainingCourse", NULL },
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
