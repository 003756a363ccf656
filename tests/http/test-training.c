/*
 * Training courses on a live server: courses and sessions, enrolment within
 * capacity (also under concurrency), attendance and the completion it earns
 * (SPEC 2.1, issue 3), roles, and every kind of bad input.
 *
 * "Today" is pinned to 2025-06-30 (TSUNAGARI_TODAY) so that session dates
 * are in the past or the future on purpose.
 */
#include <stdarg.h>
#include <string.h>
#include <sqlite3.h>

#include "harness.h"
#include "store/training.h"

#define TODAY "2025-06-30"

/* Bunkyo's outreach-supporter course has three sessions (seed 004). */
#define THREE_SESSIONS \
  "[{\"held_on\":\"2025-04-12\",\"title\":\"ひきこもりの理解\"}," \
  "{\"held_on\":\"2025-05-10\",\"title\":\"アウトリーチの実際\"}," \
  "{\"held_on\":\"2025-06-14\"}]"

/* ---- helpers --------------------------------------------------------- */

/* The database as a second, independent connection sees it: what was
 * committed, nothing more. */
static sqlite3 *
raw_open (TsHarness *h)
{
  sqlite3 *db = NULL;

  /* Reads are audited after their answer: let queued entries land first. */
  g_assert_true (ts_store_sync (h->store, NULL));
  g_assert_cmpint (sqlite3_open (h->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static void
raw_exec (TsHarness *h, const char *sql)
{
  sqlite3 *db = raw_open (h);
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

/* The first column of the first row as text, or NULL without a row. */
static char *
raw_text (TsHarness *h, const char *sql)
{
  sqlite3 *db = raw_open (h);
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return out;
}

static gint64
raw_int (TsHarness *h, const char *sql)
{
  g_autofree char *text = raw_text (h, sql);
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

/* Whether /v1/supporters is served (it is built alongside this area). */
static gboolean
have_supporters_api (TsHarness *h)
{
  g_autoptr(TsReply) probe = ts_harness_request (h, "GET", "/v1/supporters", h->coordinator,
                                                 NULL, NULL);
  return probe->status != 404;
}

/* A supporter through POST /v1/supporters; while that endpoint is not
 * built yet, a minimal row written straight into the database. */
static gint64
make_supporter (TsHarness *h)
{
  if (have_supporters_api (h))
    return ts_harness_create_supporter (h, NULL);
  raw_exec (h, "INSERT INTO supporters (name, gender, municipality_code, peer_experience,"
               " created_at, updated_at) VALUES ('試験 花子', 'female', '092011', 'none', 0, 0)");
  return raw_int (h, "SELECT max(id) FROM supporters");
}

/* A completion recorded directly (historical import), not from attendance. */
static void
add_direct_training (TsHarness *h, gint64 supporter, const char *completed_on, gint64 course)
{
  if (have_supporters_api (h))
    {
      g_autofree char *body = course > 0
        ? g_strdup_printf ("{\"kind\":\"initial\",\"completed_on\":\"%s\",\"course_id\":%"
                           G_GINT64_FORMAT "}", completed_on, course)
        : g_strdup_printf ("{\"kind\":\"initial\",\"completed_on\":\"%s\"}", completed_on);
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                              "/v1/supporters/%" G_GINT64_FORMAT "/trainings", supporter);
      ts_assert_status (r, 201);
    }
  else
    {
      g_autofree char *sql = NULL;
      g_autofree char *course_text = course > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, course)
                                                : g_strdup ("NULL");
      sql = g_strdup_printf ("INSERT INTO trainings (supporter_id, kind, completed_on, course_id,"
                             " created_at) VALUES (%" G_GINT64_FORMAT ", 'initial', '%s', %s, 0)",
                             supporter, completed_on, course_text);
      raw_exec (h, sql);
    }
}

static void
retire_supporter (TsHarness *h, gint64 supporter)
{
  if (have_supporters_api (h))
    {
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, NULL,
                                              "/v1/supporters/%" G_GINT64_FORMAT "/retire", supporter);
      ts_assert_status (r, 200);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE supporters SET status = 'retired'"
                                              " WHERE id = %" G_GINT64_FORMAT, supporter);
      raw_exec (h, sql);
    }
}

static gint64
make_course (TsHarness *h, const char *kind, int capacity, const char *sessions)
{
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"%s\",\"title\":\"アウトリーチサポーター養成研修\","
                                           "\"capacity\":%d,\"sessions\":%s}",
                                           kind, capacity, sessions);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/training-courses", h->coordinator,
                                             body, NULL);
  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static gint64
session_id (TsHarness *h, gint64 course, int position)
{
  g_autoptr(TsReply) r = ts_harness_call (h, "GET", h->coordinator, NULL,
                                          "/v1/training-courses/%" G_GINT64_FORMAT, course);
  JsonArray *sessions;

  ts_assert_status (r, 200);
  sessions = json_object_get_array_member (ts_reply_object (r), "sessions");
  return json_object_get_int_member (json_array_get_object_element (sessions, (guint) position - 1),
                                     "id");
}

static guint
enrol (TsHarness *h, gint64 course, gint64 supporter)
{
  g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", supporter);
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                          "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
  return r->status;
}

static TsReply *
attend (TsHarness *h, gint64 course, gint64 session, gint64 supporter, gboolean attended)
{
  g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT ",\"attended\":%s}",
                                           supporter, attended ? "true" : "false");
  return ts_harness_call (h, "POST", h->coordinator, body,
                          "/v1/training-courses/%" G_GINT64_FORMAT "/sessions/%" G_GINT64_FORMAT "/attendance",
                          course, session);
}

/* The course-derived completion of a supporter, as stored. */
static char *
stored_completion (TsHarness *h, gint64 supporter, gint64 course)
{
  g_autofree char *sql = g_strdup_printf ("SELECT completed_on || ' ' || kind || ' ' || source"
                                          " FROM trainings WHERE supporter_id = %" G_GINT64_FORMAT
                                          " AND course_id = %" G_GINT64_FORMAT, supporter, course);
  return raw_text (h, sql);
}

/* ---- the rule itself -------------------------------------------------- */

static void
test_completion_rule (void)
{
  TsDate d[3] = { ts_date_new (2025, 4, 12), ts_date_new (2025, 5, 10), ts_date_new (2025, 6, 14) };
  TsDate unordered[3] = { d[2], d[0], d[1] };
  TsAttendanceMark all[3] = { TS_ATTENDANCE_ATTENDED, TS_ATTENDANCE_ATTENDED, TS_ATTENDANCE_ATTENDED };
  TsAttendanceMark absent[3] = { TS_ATTENDANCE_ATTENDED, TS_ATTENDANCE_ABSENT, TS_ATTENDANCE_ATTENDED };
  TsAttendanceMark missing[3] = { TS_ATTENDANCE_ATTENDED, TS_ATTENDANCE_ATTENDED, TS_ATTENDANCE_UNRECORDED };

  g_assert_cmpuint (ts_training_completion_date (d, all, 3), ==, d[2]);
  g_assert_cmpuint (ts_training_completion_date (unordered, all, 3), ==, d[2]);
  g_assert_cmpuint (ts_training_completion_date (d, absent, 3), ==, TS_DATE_NONE);
  g_assert_cmpuint (ts_training_completion_date (d, missing, 3), ==, TS_DATE_NONE);
  g_assert_cmpuint (ts_training_completion_date (d, all, 1), ==, d[0]);
  /* A course without sessions completes nobody. */
  g_assert_cmpuint (ts_training_completion_date (NULL, NULL, 0), ==, TS_DATE_NONE);
}

/* ---- courses ---------------------------------------------------------- */

static void
test_create_and_read (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) created = NULL, got = NULL, auditor = NULL, admin = NULL;
  g_autofree char *location = NULL;
  JsonObject *c;
  JsonArray *sessions;
  gint64 id;

  created = ts_harness_request (h, "POST", "/v1/training-courses", h->coordinator,
                                "{\"kind\":\"initial\",\"title\":\"アウトリーチサポーター養成研修\","
                                "\"capacity\":50,\"sessions\":" THREE_SESSIONS "}", NULL);
  ts_assert_status (created, 201);
  c = ts_reply_object (created);
  id = json_object_get_int_member (c, "id");
  g_assert_cmpint (id, >, 0);
  location = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (ts_reply_header (created, "Location"), ==, location);
  g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "initial");
  g_assert_cmpint (json_object_get_int_member (c, "capacity"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (c, "enrolled"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (c, "remaining_seats"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (c, "session_count"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (c, "first_held_on"), ==, "2025-04-12");
  g_assert_cmpstr (json_object_get_string_member (c, "last_held_on"), ==, "2025-06-14");
  sessions = json_object_get_array_member (c, "sessions");
  g_assert_cmpuint (json_array_get_length (sessions), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (sessions, i),
                                                 "position"), ==, i + 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sessions, 1), "title"),
                   ==, "アウトリーチの実際");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (sessions, 2),
                                                               "title")));

  got = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/%" G_GINT64_FORMAT, id);
  ts_assert_status (got, 200);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (got), "title"), ==,
                   "アウトリーチサポーター養成研修");
  auditor = ts_harness_call (h, "GET", h->auditor, NULL, "/v1/training-courses/%" G_GINT64_FORMAT, id);
  ts_assert_status (auditor, 200);
  admin = ts_harness_call (h, "GET", h->admin, NULL, "/v1/training-courses/%" G_GINT64_FORMAT, id);
  ts_assert_status (admin, 200);

  /* Two sessions on one day (morning and afternoon) are allowed. */
  make_course (h, "follow_up", 30, "[{\"held_on\":\"2025-05-01\"},{\"held_on\":\"2025-05-01\"}]");
}

static void
test_list (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) all = NULL, initial = NULL, page1 = NULL, page2 = NULL, auditor = NULL;
  g_autofree char *path = NULL;
  const char *cursor;
  JsonArray *courses;

  make_course (h, "initial", 50, THREE_SESSIONS);
  make_course (h, "follow_up", 30, "[{\"held_on\":\"2025-05-20\"}]");
  make_course (h, "initial", 10, "[{\"held_on\":\"2025-06-01\"}]");

  all = ts_harness_request (h, "GET", "/v1/training-courses", h->coordinator, NULL, NULL);
  ts_assert_status (all, 200);
  courses = json_object_get_array_member (ts_reply_object (all), "courses");
  g_assert_cmpuint (json_array_get_length (courses), ==, 3);
  g_assert_false (json_object_has_member (json_array_get_object_element (courses, 0), "sessions"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (courses, 0),
                                               "session_count"), ==, 3);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (all), "next_cursor")));

  initial = ts_harness_request (h, "GET", "/v1/training-courses?kind=initial", h->coordinator,
                                NULL, NULL);
  ts_assert_status (initial, 200);
  courses = json_object_get_array_member (ts_reply_object (initial), "courses");
  g_assert_cmpuint (json_array_get_length (courses), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (courses, i),
                                                    "kind"), ==, "initial");

  page1 = ts_harness_request (h, "GET", "/v1/training-courses?limit=2", h->coordinator, NULL, NULL);
  ts_assert_status (page1, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (page1),
                                                                         "courses")), ==, 2);
  cursor = json_object_get_string_member (ts_reply_object (page1), "next_cursor");
  g_assert_nonnull (cursor);
  path = g_strdup_printf ("/v1/training-courses?limit=2&cursor=%s", cursor);
  page2 = ts_harness_request (h, "GET", path, h->coordinator, NULL, NULL);
  ts_assert_status (page2, 200);
  courses = json_object_get_array_member (ts_reply_object (page2), "courses");
  g_assert_cmpuint (json_array_get_length (courses), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (courses, 0), "kind"),
                   ==, "initial");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (page2), "next_cursor")));

  auditor = ts_harness_request (h, "GET", "/v1/training-courses", h->auditor, NULL, NULL);
  ts_assert_status (auditor, 200);
}

/* ---- the whole path to a qualification ------------------------------- */

static void
test_attend_all_completes (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) enrolled = NULL, list = NULL, supporter = NULL;
  g_autofree char *completion = NULL;
  g_autofree char *body = NULL;
  gint64 course = make_course (h, "initial", 50, THREE_SESSIONS);
  gint64 s = make_supporter (h);
  gint64 other = make_supporter (h);
  JsonObject *e;
  JsonArray *marks;

  body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", s);
  enrolled = ts_harness_call (h, "POST", h->coordinator, body,
                              "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
  ts_assert_status (enrolled, 201);
  e = ts_reply_object (enrolled);
  g_assert_cmpint (json_object_get_int_member (e, "supporter_id"), ==, s);
  g_assert_false (json_object_get_boolean_member (e, "completed"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (e, "completed_on")));
  g_assert_cmpuint (enrol (h, course, other), ==, 201);

  for (int pos = 1; pos <= 3; pos++)
    {
      g_autoptr(TsReply) r = attend (h, course, session_id (h, course, pos), s, TRUE);
      ts_assert_status (r, 200);
      e = ts_reply_object (r);
      g_assert_cmpint (json_object_get_int_member (e, "attended_sessions"), ==, pos);
      g_assert_cmpint (json_object_get_boolean_member (e, "completed"), ==, pos == 3);
      if (pos < 3)
        g_assert_null (stored_completion (h, s, course));
      else
        g_assert_cmpstr (json_object_get_string_member (e, "completed_on"), ==, "2025-06-14");
    }
  completion = stored_completion (h, s, course);
  g_assert_cmpstr (completion, ==, "2025-06-14 initial course");
  /* The other supporter attended only the first session. */
  {
    g_autoptr(TsReply) r = attend (h, course, session_id (h, course, 1), other, TRUE);
    ts_assert_status (r, 200);
    g_assert_false (json_object_get_boolean_member (ts_reply_object (r), "completed"));
    g_assert_null (stored_completion (h, other, course));
  }

  list = ts_harness_call (h, "GET", h->coordinator, NULL,
                          "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
  ts_assert_status (list, 200);
  {
    JsonArray *arr = json_object_get_array_member (ts_reply_object (list), "enrolments");
    JsonObject *first, *second;

    g_assert_cmpuint (json_array_get_length (arr), ==, 2);
    first = json_array_get_object_element (arr, 0);
    second = json_array_get_object_element (arr, 1);
    g_assert_cmpint (json_object_get_int_member (first, "supporter_id"), ==, s);
    g_assert_true (json_object_get_boolean_member (first, "completed"));
    g_assert_cmpstr (json_object_get_string_member (first, "completed_on"), ==, "2025-06-14");
    marks = json_object_get_array_member (second, "sessions");
    g_assert_cmpuint (json_array_get_length (marks), ==, 3);
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (marks, 0), "attended"));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (marks, 1),
                                                                 "attended")));
    g_assert_false (json_object_get_boolean_member (second, "completed"));
  }

  /* The supporter record shows the completion and a valid qualification
   * (while GET /v1/supporters/{id} is not built yet, the stored row above
   * is the evidence). */
  if (have_supporters_api (h))
    {
      supporter = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT, s);
      JsonObject *q;

      ts_assert_status (supporter, 200);
      q = json_object_get_object_member (ts_reply_object (supporter), "qualification");
      g_assert_cmpstr (json_object_get_string_member (q, "status"), ==, "valid");
      g_assert_cmpstr (json_object_get_string_member (q, "initial_completed_on"), ==, "2025-06-14");
      g_assert_cmpstr (json_object_get_string_member (q, "follow_up_due_on"), ==, "2028-06-14");
    }
}

/* Correcting an attendance to absent withdraws the course's completion;
 * a completion recorded directly is never touched. */
static void
test_correction_withdraws (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 50, THREE_SESSIONS);
  gint64 s = make_supporter (h);
  g_autofree char *direct = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *c = NULL;

  g_assert_cmpuint (enrol (h, course, s), ==, 201);
  /* A historical completion from 2019, recorded directly. */
  add_direct_training (h, s, "2019-03-01", 0);

  for (int pos = 1; pos <= 3; pos++)
    {
      g_autoptr(TsReply) r = attend (h, course, session_id (h, course, pos), s, TRUE);
      ts_assert_status (r, 200);
    }
  c = stored_completion (h, s, course);
  g_assert_cmpstr (c, ==, "2025-06-14 initial course");

  {
    g_autoptr(TsReply) r = attend (h, course, session_id (h, course, 2), s, FALSE);
    ts_assert_status (r, 200);
    g_assert_false (json_object_get_boolean_member (ts_reply_object (r), "completed"));
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "attended_sessions"), ==, 2);
  }
  g_assert_null (stored_completion (h, s, course));
  sql = g_strdup_printf ("SELECT completed_on FROM trainings WHERE supporter_id = %" G_GINT64_FORMAT
                         " AND course_id IS NULL", s);
  direct = raw_text (h, sql);
  g_assert_cmpstr (direct, ==, "2019-03-01");

  /* Attending again restores it, once (idempotent). */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(TsReply) r = attend (h, course, session_id (h, course, 2), s, TRUE);
      ts_assert_status (r, 200);
      g_assert_true (json_object_get_boolean_member (ts_reply_object (r), "completed"));
    }
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM trainings WHERE supporter_id = %" G_GINT64_FORMAT, s);
  g_assert_cmpint (raw_int (h, sql), ==, 2);
}

/* A direct record that names the course wins over attendance bookkeeping. */
static void
test_direct_record_for_course_kept (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 50, "[{\"held_on\":\"2025-04-12\"}]");
  gint64 s = make_supporter (h);
  g_autofree char *c = NULL;

  g_assert_cmpuint (enrol (h, course, s), ==, 201);
  add_direct_training (h, s, "2025-04-12", course);
  {
    g_autoptr(TsReply) yes = attend (h, course, session_id (h, course, 1), s, TRUE);
    g_autoptr(TsReply) no = attend (h, course, session_id (h, course, 1), s, FALSE);
    ts_assert_status (yes, 200);
    ts_assert_status (no, 200);
  }
  c = stored_completion (h, s, course);
  g_assert_cmpstr (c, ==, "2025-04-12 initial direct");
}

static void
test_follow_up_completion (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "follow_up", 30, "[{\"held_on\":\"2025-05-20\"}]");
  gint64 s = make_supporter (h);
  g_autoptr(TsReply) r = NULL;
  g_autofree char *c = NULL;

  g_assert_cmpuint (enrol (h, course, s), ==, 201);
  r = attend (h, course, session_id (h, course, 1), s, TRUE);
  ts_assert_status (r, 200);
  c = stored_completion (h, s, course);
  g_assert_cmpstr (c, ==, "2025-05-20 follow_up course");
}

/* A session added later is one more to attend: the completion waits for it
 * and then takes its date. */
static void
test_added_session (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 50, "[{\"held_on\":\"2025-04-12\"}]");
  gint64 s = make_supporter (h);
  g_autoptr(TsReply) first = NULL, added = NULL, earlier = NULL, last = NULL, got = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL;

  g_assert_cmpuint (enrol (h, course, s), ==, 201);
  first = attend (h, course, session_id (h, course, 1), s, TRUE);
  ts_assert_status (first, 200);
  c1 = stored_completion (h, s, course);
  g_assert_cmpstr (c1, ==, "2025-04-12 initial course");

  added = ts_harness_call (h, "POST", h->coordinator, "{\"held_on\":\"2025-05-17\",\"title\":\"事例検討\"}",
                           "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);
  ts_assert_status (added, 201);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (added), "position"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (added), "held_on"), ==, "2025-05-17");
  g_assert_null (stored_completion (h, s, course));

  earlier = ts_harness_call (h, "POST", h->coordinator, "{\"held_on\":\"2025-05-16\"}",
                             "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);
  ts_assert_status (earlier, 422);
  g_assert_true (ts_reply_has_field_error (earlier, "held_on"));
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (earlier), "last_held_on"), ==,
                   "2025-05-17");

  last = attend (h, course, json_object_get_int_member (ts_reply_object (added), "id"), s, TRUE);
  ts_assert_status (last, 200);
  c2 = stored_completion (h, s, course);
  g_assert_cmpstr (c2, ==, "2025-05-17 initial course");

  got = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/%" G_GINT64_FORMAT, course);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (got), "session_count"), ==, 2);
}

/* ---- capacity ---------------------------------------------------------- */

static void
test_capacity (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 2, THREE_SESSIONS);
  gint64 a = make_supporter (h), b = make_supporter (h), c = make_supporter (h);
  g_autoptr(TsReply) full = NULL, again = NULL, got = NULL, cancel = NULL, cancel_again = NULL;
  g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", c);
  g_autofree char *dup = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", a);

  g_assert_cmpuint (enrol (h, course, a), ==, 201);
  g_assert_cmpuint (enrol (h, course, b), ==, 201);
  got = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/%" G_GINT64_FORMAT, course);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (got), "enrolled"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (got), "remaining_seats"), ==, 0);

  full = ts_harness_call (h, "POST", h->coordinator, body, "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments",
                          course);
  ts_assert_status (full, 409);
  g_assert_cmpstr (ts_reply_code (full), ==, "course_full");
  again = ts_harness_call (h, "POST", h->coordinator, dup, "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments",
                           course);
  ts_assert_status (again, 409);
  g_assert_cmpstr (ts_reply_code (again), ==, "already_exists");

  /* Cancelling an enrolment (nothing attended yet) frees the seat. */
  cancel = ts_harness_call (h, "DELETE", h->coordinator, NULL,
                            "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments/%" G_GINT64_FORMAT, course, b);
  ts_assert_status (cancel, 204);
  cancel_again = ts_harness_call (h, "DELETE", h->coordinator, NULL,
                                  "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments/%" G_GINT64_FORMAT,
                                  course, b);
  ts_assert_status (cancel_again, 404);
  g_assert_cmpuint (enrol (h, course, c), ==, 201);
}

typedef struct {
  TsHarness *h;
  gint64     course;
  gint64     supporter;
  guint      status;
  char      *code;
} EnrolJob;

/* Each thread has its own session: nothing is shared but the server. */
static gpointer
enrol_thread (gpointer data)
{
  EnrolJob *job = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/v1/training-courses/%" G_GINT64_FORMAT "/enrolments",
                                          job->h->base, job->course);
  g_autofree char *auth = g_strconcat ("Bearer ", job->h->coordinator, NULL);
  g_autofree char *body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", job->supporter);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  job->status = soup_message_get_status (msg);
  if (job->status != 201 &&
      json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                  (gssize) g_bytes_get_size (reply), NULL))
    job->code = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                         "code"));
  return NULL;
}

static void
test_capacity_concurrent (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 5, THREE_SESSIONS);
  EnrolJob jobs[8];
  GThread *threads[8];
  g_autoptr(TsReply) got = NULL;
  g_autofree char *sql = NULL;
  guint ok = 0, full = 0;

  for (guint i = 0; i < 8; i++)
    jobs[i] = (EnrolJob) { h, course, make_supporter (h), 0, NULL };
  for (guint i = 0; i < 8; i++)
    threads[i] = g_thread_new ("enrol", enrol_thread, &jobs[i]);
  for (guint i = 0; i < 8; i++)
    {
      g_thread_join (threads[i]);
      if (jobs[i].status == 201)
        ok++;
      else if (jobs[i].status == 409 && g_strcmp0 (jobs[i].code, "course_full") == 0)
        full++;
      g_free (jobs[i].code);
    }
  g_assert_cmpuint (ok, ==, 5);
  g_assert_cmpuint (full, ==, 3);

  got = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/%" G_GINT64_FORMAT, course);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (got), "enrolled"), ==, 5);
  sql = g_strdup_printf ("SELECT count(*) FROM enrolments WHERE course_id = %" G_GINT64_FORMAT, course);
  g_assert_cmpint (raw_int (h, sql), ==, 5);
}

/* ---- roles ------------------------------------------------------------- */

static void
test_roles (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 50, THREE_SESSIONS);
  gint64 s = make_supporter (h);
  gint64 session = session_id (h, course, 1);
  g_autofree char *supporter_token = ts_harness_user_token (h, "supporter", s, 0);
  g_autofree char *host_token = ts_harness_user_token (h, "host", 0, 7);
  g_autofree char *course_path = g_strdup_printf ("/v1/training-courses/%" G_GINT64_FORMAT, course);
  g_autofree char *sessions_path = g_strconcat (course_path, "/sessions", NULL);
  g_autofree char *enrol_path = g_strconcat (course_path, "/enrolments", NULL);
  g_autofree char *cancel_path = g_strdup_printf ("%s/%" G_GINT64_FORMAT, enrol_path, s);
  g_autofree char *attend_path = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/attendance",
                                                  sessions_path, session);
  g_autofree char *enrol_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", s);
  g_autofree char *attend_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                                  ",\"attended\":true}", s);
  const char *course_body = "{\"kind\":\"initial\",\"title\":\"x\",\"capacity\":5,"
                            "\"sessions\":[{\"held_on\":\"2025-04-01\"}]}";
  struct {
    const char *method;
    const char *path;
    const char *body;
    gboolean    auditor_may;
  } ops[] = {
    { "POST", "/v1/training-courses", course_body, FALSE },
    { "GET", "/v1/training-courses", NULL, TRUE },
    { "GET", course_path, NULL, TRUE },
    { "POST", sessions_path, "{\"held_on\":\"2025-07-01\"}", FALSE },
    { "POST", enrol_path, enrol_body, FALSE },
    { "GET", enrol_path, NULL, TRUE },
    { "POST", attend_path, attend_body, FALSE },
    { "DELETE", cancel_path, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(TsReply) none = ts_harness_request (h, ops[i].method, ops[i].path, NULL,
                                                    ops[i].body, NULL);
      g_autoptr(TsReply) sup = ts_harness_request (h, ops[i].method, ops[i].path, supporter_token,
                                                   ops[i].body, NULL);
      g_autoptr(TsReply) host = ts_harness_request (h, ops[i].method, ops[i].path, host_token,
                                                    ops[i].body, NULL);
      g_autoptr(TsReply) aud = ts_harness_request (h, ops[i].method, ops[i].path, h->auditor,
                                                   ops[i].body, NULL);

      ts_assert_status (none, 401);
      ts_assert_status (sup, 403);
      g_assert_cmpstr (ts_reply_code (sup), ==, "forbidden");
      ts_assert_status (host, 403);
      if (ops[i].auditor_may)
        ts_assert_status (aud, 200);
      else
        ts_assert_status (aud, 403);
    }

  /* Coordinators and administrators do all of it, in order. */
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      const char *token = i % 2 == 0 ? h->coordinator : h->admin;
      g_autoptr(TsReply) r = ts_harness_request (h, ops[i].method, ops[i].path, token,
                                                 ops[i].body, NULL);

      if (g_str_equal (ops[i].method, "GET"))
        ts_assert_status (r, 200);
      else if (g_str_equal (ops[i].method, "DELETE"))
        ts_assert_status (r, 409);   /* the session was attended: the enrolment is kept */
      else if (ops[i].path == attend_path)
        ts_assert_status (r, 200);
      else
        ts_assert_status (r, 201);
    }
}

/* ---- bad input ---------------------------------------------------------- */

static void
expect_field (TsHarness *h, const char *body, guint status, const char *code, const char *field)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/training-courses", h->coordinator,
                                             body, NULL);
  if (r->status != status)
    g_error ("%s: expected %u, got %u: %s", body, status, r->status, r->body);
  g_assert_cmpstr (ts_reply_code (r), ==, code);
  if (field != NULL && !ts_reply_has_field_error (r, field))
    g_error ("%s: no error for %s: %s", body, field, r->body);
}

static void
test_create_bad_input (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(GString) many = g_string_new ("{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":[");
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *body = NULL;
  g_autoptr(TsReply) missing_all = NULL, list = NULL;

#define OK_SESSIONS "[{\"held_on\":\"2025-04-01\"}]"
  missing_all = ts_harness_request (h, "POST", "/v1/training-courses", h->coordinator, "{}", NULL);
  ts_assert_status (missing_all, 422);
  g_assert_true (ts_reply_has_field_error (missing_all, "kind"));
  g_assert_true (ts_reply_has_field_error (missing_all, "title"));
  g_assert_true (ts_reply_has_field_error (missing_all, "capacity"));
  g_assert_true (ts_reply_has_field_error (missing_all, "sessions"));

  /* Wrong types. */
  expect_field (h, "{\"kind\":1,\"title\":\"t\",\"capacity\":5,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "kind");
  expect_field (h, "{\"kind\":\"initial\",\"title\":[],\"capacity\":5,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "title");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":\"50\",\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "capacity");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5.5,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "capacity");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":{}}",
                422, "validation_failed", "sessions");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":[\"2025-04-01\"]}",
                422, "validation_failed", "sessions[0]");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":[{\"held_on\":20250401}]}",
                422, "validation_failed", "sessions[0].held_on");

  /* Out of range and unknown values. */
  expect_field (h, "{\"kind\":\"refresher\",\"title\":\"t\",\"capacity\":5,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "kind");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"  \",\"capacity\":5,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "title");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":0,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "capacity");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":-1,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "capacity");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":10001,\"sessions\":" OK_SESSIONS "}",
                422, "validation_failed", "capacity");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":[]}",
                422, "validation_failed", "sessions");
  for (int i = 0; i < 201; i++)
    g_string_append (long_title, "研");
  body = g_strdup_printf ("{\"kind\":\"initial\",\"title\":\"%s\",\"capacity\":5,\"sessions\":"
                          OK_SESSIONS "}", long_title->str);
  expect_field (h, body, 422, "validation_failed", "title");
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":"
                          "[{\"held_on\":\"2025-04-01\",\"title\":\"%s\"}]}", long_title->str);
  expect_field (h, body, 422, "validation_failed", "sessions[0].title");
  for (int i = 0; i < 21; i++)
    g_string_append_printf (many, "%s{\"held_on\":\"2025-04-%02d\"}", i > 0 ? "," : "", i + 1);
  g_string_append (many, "]}");
  expect_field (h, many->str, 422, "validation_failed", "sessions");

  /* Dates: malformed, impossible, out of order. */
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":[{\"held_on\":\"2025-02-30\"}]}",
                422, "validation_failed", "sessions[0].held_on");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":[{\"held_on\":\"2025-4-1\"}]}",
                422, "validation_failed", "sessions[0].held_on");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":[{\"title\":\"a\"}]}",
                422, "validation_failed", "sessions[0].held_on");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":"
                   "[{\"held_on\":\"2025-05-10\"},{\"held_on\":\"2025-04-12\"}]}",
                422, "validation_failed", "sessions[1].held_on");

  /* Unknown fields, at the top and inside a session. */
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":" OK_SESSIONS
                   ",\"venue\":\"x\"}", 400, "unknown_field", "venue");
  expect_field (h, "{\"kind\":\"initial\",\"title\":\"t\",\"capacity\":5,\"sessions\":"
                   "[{\"held_on\":\"2025-04-01\",\"room\":\"A\"}]}", 400, "unknown_field",
                "sessions[0].room");

  /* Not an object; not JSON. */
  expect_field (h, "[]", 422, "validation_failed", "body");
  expect_field (h, "{\"kind\":", 400, "bad_request", NULL);

  /* Nothing of this was stored. */
  list = ts_harness_request (h, "GET", "/v1/training-courses", h->coordinator, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (list),
                                                                         "courses")), ==, 0);
#undef OK_SESSIONS
}

static void
test_other_bad_input (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 50,
                               "[{\"held_on\":\"2025-04-12\"},{\"held_on\":\"2025-07-15\"}]");
  gint64 other_course = make_course (h, "follow_up", 50, "[{\"held_on\":\"2025-04-12\"}]");
  gint64 s = make_supporter (h);
  gint64 stranger = make_supporter (h);
  gint64 retired = make_supporter (h);
  gint64 past = session_id (h, course, 1), future = session_id (h, course, 2);
  gint64 foreign = session_id (h, other_course, 1);
  g_autofree char *big = g_malloc (2 * 1024 * 1024);

  g_assert_cmpuint (enrol (h, course, s), ==, 201);
  retire_supporter (h, retired);

#define CHECK(r, st, c) G_STMT_START { ts_assert_status ((r), (st)); \
    g_assert_cmpstr (ts_reply_code (r), ==, (c)); } G_STMT_END
  {
    /* Unknown ids in the path: 404. */
    g_autoptr(TsReply) get = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/999");
    g_autoptr(TsReply) list = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/999/enrolments");
    g_autoptr(TsReply) enrol_r = ts_harness_call (h, "POST", h->coordinator, "{\"supporter_id\":1}",
                                                  "/v1/training-courses/999/enrolments");
    g_autoptr(TsReply) session = ts_harness_call (h, "POST", h->coordinator, "{\"held_on\":\"2025-08-01\"}",
                                                  "/v1/training-courses/999/sessions");
    g_autoptr(TsReply) att = ts_harness_call (h, "POST", h->coordinator, "{\"supporter_id\":1,\"attended\":true}",
                                              "/v1/training-courses/999/sessions/%" G_GINT64_FORMAT "/attendance", past);
    g_autoptr(TsReply) no_session = attend (h, course, 99999, s, TRUE);
    g_autoptr(TsReply) wrong_course = attend (h, course, foreign, s, TRUE);
    g_autoptr(TsReply) zero = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/0");
    g_autoptr(TsReply) text = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses/abc");

    CHECK (get, 404, "not_found");
    CHECK (list, 404, "not_found");
    CHECK (enrol_r, 404, "not_found");
    CHECK (session, 404, "not_found");
    CHECK (att, 404, "not_found");
    CHECK (no_session, 404, "not_found");
    CHECK (wrong_course, 404, "not_found");
    CHECK (zero, 404, "not_found");
    CHECK (text, 404, "not_found");
  }
  {
    /* Enrolment bodies. */
    g_autoptr(TsReply) missing = ts_harness_call (h, "POST", h->coordinator, "{}",
                                                  "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
    g_autoptr(TsReply) type = ts_harness_call (h, "POST", h->coordinator, "{\"supporter_id\":\"1\"}",
                                               "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
    g_autoptr(TsReply) negative = ts_harness_call (h, "POST", h->coordinator, "{\"supporter_id\":-3}",
                                                   "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
    g_autoptr(TsReply) unknown = ts_harness_call (h, "POST", h->coordinator, "{\"supporter_id\":99999}",
                                                  "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
    g_autoptr(TsReply) extra = ts_harness_call (h, "POST", h->coordinator, "{\"supporter_id\":1,\"note\":\"x\"}",
                                                "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
    g_autofree char *retired_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", retired);
    g_autoptr(TsReply) gone = ts_harness_call (h, "POST", h->coordinator, retired_body,
                                               "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);

    CHECK (missing, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (missing, "supporter_id"));
    CHECK (type, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (type, "supporter_id"));
    CHECK (negative, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (negative, "supporter_id"));
    CHECK (unknown, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (unknown, "supporter_id"));
    CHECK (extra, 400, "unknown_field");
    g_assert_true (ts_reply_has_field_error (extra, "note"));
    CHECK (gone, 409, "invalid_transition");
  }
  {
    /* Attendance bodies and rules. */
    g_autoptr(TsReply) missing = ts_harness_call (h, "POST", h->coordinator, "{\"supporter_id\":1}",
                                                  "/v1/training-courses/%" G_GINT64_FORMAT "/sessions/%"
                                                  G_GINT64_FORMAT "/attendance", course, past);
    g_autofree char *type_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                                  ",\"attended\":\"yes\"}", s);
    g_autoptr(TsReply) type = ts_harness_call (h, "POST", h->coordinator, type_body,
                                               "/v1/training-courses/%" G_GINT64_FORMAT "/sessions/%"
                                               G_GINT64_FORMAT "/attendance", course, past);
    g_autofree char *extra_body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT
                                                   ",\"attended\":true,\"minutes\":90}", s);
    g_autoptr(TsReply) extra = ts_harness_call (h, "POST", h->coordinator, extra_body,
                                                "/v1/training-courses/%" G_GINT64_FORMAT "/sessions/%"
                                                G_GINT64_FORMAT "/attendance", course, past);
    g_autoptr(TsReply) unknown = attend (h, course, past, 99999, TRUE);
    g_autoptr(TsReply) not_enrolled = attend (h, course, past, stranger, TRUE);
    g_autoptr(TsReply) too_early = attend (h, course, future, s, TRUE);
    g_autoptr(TsReply) too_early_absent = attend (h, course, future, s, FALSE);

    CHECK (missing, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (missing, "attended"));
    CHECK (type, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (type, "attended"));
    CHECK (extra, 400, "unknown_field");
    CHECK (unknown, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (unknown, "supporter_id"));
    CHECK (not_enrolled, 409, "not_enrolled");
    CHECK (too_early, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (too_early, "attended"));
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (too_early), "held_on"), ==,
                     "2025-07-15");
    CHECK (too_early_absent, 422, "validation_failed");
  }
  {
    /* Adding sessions. */
    g_autoptr(TsReply) missing = ts_harness_call (h, "POST", h->coordinator, "{\"title\":\"x\"}",
                                                  "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);
    g_autoptr(TsReply) bad_date = ts_harness_call (h, "POST", h->coordinator, "{\"held_on\":\"2025-02-30\"}",
                                                   "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);
    g_autoptr(TsReply) extra = ts_harness_call (h, "POST", h->coordinator, "{\"held_on\":\"2025-08-01\",\"x\":1}",
                                                "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);
    g_autoptr(TsReply) empty_title = ts_harness_call (h, "POST", h->coordinator,
                                                      "{\"held_on\":\"2025-08-01\",\"title\":\" \"}",
                                                      "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);

    CHECK (missing, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (missing, "held_on"));
    CHECK (bad_date, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (bad_date, "held_on"));
    CHECK (extra, 400, "unknown_field");
    CHECK (empty_title, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (empty_title, "title"));

    /* At most 20 sessions: the course has 2. */
    for (int i = 0; i < 18; i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, "{\"held_on\":\"2025-08-01\"}",
                                                "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);
        ts_assert_status (r, 201);
      }
    {
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, "{\"held_on\":\"2025-08-01\"}",
                                              "/v1/training-courses/%" G_GINT64_FORMAT "/sessions", course);
      CHECK (r, 409, "conflict");
    }
  }
  {
    /* List queries. */
    g_autoptr(TsReply) kind = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses?kind=other");
    g_autoptr(TsReply) limit = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses?limit=0");
    g_autoptr(TsReply) limit_big = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses?limit=201");
    g_autoptr(TsReply) limit_text = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses?limit=ten");
    g_autoptr(TsReply) cursor = ts_harness_call (h, "GET", h->coordinator, NULL, "/v1/training-courses?cursor=-1");

    CHECK (kind, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (kind, "kind"));
    CHECK (limit, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (limit, "limit"));
    CHECK (limit_big, 422, "validation_failed");
    CHECK (limit_text, 422, "validation_failed");
    CHECK (cursor, 422, "validation_failed");
    g_assert_true (ts_reply_has_field_error (cursor, "cursor"));
  }
  {
    /* Cancelling: unknown enrolment, and after attendance. */
    g_autoptr(TsReply) att = attend (h, course, past, s, TRUE);
    g_autoptr(TsReply) kept = ts_harness_call (h, "DELETE", h->coordinator, NULL,
                                               "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments/%"
                                               G_GINT64_FORMAT, course, s);
    g_autoptr(TsReply) unknown = ts_harness_call (h, "DELETE", h->coordinator, NULL,
                                                  "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments/%"
                                                  G_GINT64_FORMAT, course, stranger);
    g_autoptr(TsReply) no_course = ts_harness_call (h, "DELETE", h->coordinator, NULL,
                                                    "/v1/training-courses/999/enrolments/%" G_GINT64_FORMAT, s);

    ts_assert_status (att, 200);
    CHECK (kept, 409, "invalid_transition");
    CHECK (unknown, 404, "not_found");
    CHECK (no_course, 404, "not_found");
  }
  {
    /* One oversize body for the area. */
    g_autoptr(TsReply) r = NULL;
    memset (big, ' ', 2 * 1024 * 1024);
    big[0] = '{';
    big[2 * 1024 * 1024 - 1] = '}';
    r = ts_harness_request_raw (h, "POST", "/v1/training-courses", h->coordinator,
                                "application/json", big, 2 * 1024 * 1024, NULL);
    CHECK (r, 413, "payload_too_large");
  }
  {
    /* Wrong content type. */
    g_autoptr(TsReply) r = ts_harness_request_raw (h, "POST", "/v1/training-courses", h->coordinator,
                                                   "text/plain", "{}", 2, NULL);
    CHECK (r, 415, "unsupported_media_type");
  }
#undef CHECK
}

/* ---- audit ------------------------------------------------------------- */

static void
test_audit (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  gint64 course = make_course (h, "initial", 50, "[{\"held_on\":\"2025-04-12\"}]");
  gint64 s = make_supporter (h);
  g_autoptr(TsReply) att = NULL, list = NULL, aud_list = NULL, verify = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpuint (enrol (h, course, s), ==, 201);
  att = attend (h, course, session_id (h, course, 1), s, TRUE);
  ts_assert_status (att, 200);
  list = ts_harness_call (h, "GET", h->coordinator, NULL,
                          "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
  ts_assert_status (list, 200);
  aud_list = ts_harness_call (h, "GET", h->auditor, NULL,
                              "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", course);
  ts_assert_status (aud_list, 200);

  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE object = 'training_course'"
                         " AND action = 'create' AND object_id = %" G_GINT64_FORMAT, course);
  g_assert_cmpint (raw_int (h, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE object = 'enrolment'"
                         " AND action = 'enrol' AND object_id = %" G_GINT64_FORMAT, s);
  g_assert_cmpint (raw_int (h, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE object = 'attendance'"
                         " AND action = 'attended' AND object_id = %" G_GINT64_FORMAT, s);
  g_assert_cmpint (raw_int (h, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE object = 'training'"
                         " AND action = 'complete' AND object_id = %" G_GINT64_FORMAT, s);
  g_assert_cmpint (raw_int (h, sql), ==, 1);
  g_free (sql);
  /* Both enrolment list reads, the auditor's included, are logged with the
   * reader's role. */
  sql = g_strdup_printf ("SELECT group_concat(role, ',') FROM (SELECT role FROM audit_log"
                         " WHERE action = 'list_enrolments' AND object = 'training_course'"
                         " AND object_id = %" G_GINT64_FORMAT " ORDER BY seq)", course);
  {
    g_autofree char *roles = raw_text (h, sql);
    g_assert_cmpstr (roles, ==, "coordinator,auditor");
  }

  verify = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->auditor, NULL, NULL);
  ts_assert_status (verify, 200);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (verify), "ok"));
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/training/completion-rule", test_completion_rule);
  g_test_add_func ("/tsunagari/training/create-and-read", test_create_and_read);
  g_test_add_func ("/tsunagari/training/list", test_list);
  g_test_add_func ("/tsunagari/training/attend-all-completes", test_attend_all_completes);
  g_test_add_func ("/tsunagari/training/correction-withdraws", test_correction_withdraws);
  g_test_add_func ("/tsunagari/training/direct-record-kept", test_direct_record_for_course_kept);
  g_test_add_func ("/tsunagari/training/follow-up-completion", test_follow_up_completion);
  g_test_add_func ("/tsunagari/training/added-session", test_added_session);
  g_test_add_func ("/tsunagari/training/capacity", test_capacity);
  g_test_add_func ("/tsunagari/training/capacity-concurrent", test_capacity_concurrent);
  g_test_add_func ("/tsunagari/training/roles", test_roles);
  g_test_add_func ("/tsunagari/training/create-bad-input", test_create_bad_input);
  g_test_add_func ("/tsunagari/training/other-bad-input", test_other_bad_input);
  g_test_add_func ("/tsunagari/training/audit", test_audit);
  return g_test_run ();
}
