/*
 * Calendar feeds on a live server (SPEC 2.9, 3.3 Calendar; issue 17): a
 * user creates a secret feed URL, a calendar reads it without a bearer
 * token, and Debian's python3-icalendar parses it (tests/ics-events.py):
 * the VTIMEZONE Asia/Tokyo and TZID on DTSTART/DTEND, stable UIDs,
 * SEQUENCE that follows a visit's changes, STATUS:CANCELLED, a long
 * Japanese summary folded at 75 octets with CRLF; each user's own visits
 * only, a host's placement days; revoking makes the URL 404; refusals, bad
 * input, and the audit of every read (the feed's id, never contents).
 *
 * "Today" is pinned to 2026-06-15, a Monday (TSUNAGARI_TODAY).
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "harness.h"

#define TODAY "2026-06-15"
#define SHARE "[\"matching\",\"support\",\"placement\"]"
/* 50 characters, the longest nickname: 150 octets in UTF-8. */
#define LONG_NICKNAME "ながいなまえのひとながいなまえのひとながいなまえのひとながいなまえのひとながいなまえのひとながいな"

typedef TsAssigned Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_assigned_set_up (f, TODAY, SHARE, NULL);
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_assigned_tear_down (f);
}

static gint64
plan (Fixture *f, gint64 assignment_id, const char *date, const char *start)
{
  g_autofree char *body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\","
                                           "\"start\":\"%s\",\"minutes\":90,\"note\":\"玄関先で\"}",
                                           assignment_id, date, start);
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/visits", f->coord, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

/* A new feed of @token's; its path (/calendar/TOKEN.ics). */
static char *
new_feed (Fixture *f, const char *token, gint64 *out_id)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", token,
                                             "{\"label\":\"iPhone\"}", NULL);
  JsonObject *o;

  ts_assert_status (r, 201);
  o = ts_reply_object (r);
  if (out_id != NULL)
    *out_id = json_object_get_int_member (o, "id");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "path"), "/calendar/"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "url"),
                                   json_object_get_string_member (o, "path")));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "url"), "http://"));
  return g_strdup (json_object_get_string_member (o, "path"));
}

/* The feed at @path, read without a token: its raw text, checked for CRLF
 * and 75-octet lines; parsed by python3-icalendar into @out_events. */
static char *
read_feed (Fixture *f, const char *path, JsonArray **out_events)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, NULL, NULL, NULL);
  g_autofree char *file = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "ics-events.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  static JsonNode *root;
  int status = 0;
  int fd;

  ts_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (ts_reply_header (r, "Content-Type"), "text/calendar"));
  /* Every line ends with CRLF and has at most 75 octets. */
  {
    const char *p = r->body;
    while (*p != '\0')
      {
        const char *eol = strstr (p, "\r\n");
        g_assert_nonnull (eol);
        g_assert_cmpint (eol - p, <=, 75);
        g_assert_null (memchr (p, '\n', (gsize) (eol - p)));
        p = eol + 2;
      }
  }
  fd = g_file_open_tmp ("tsunagari-XXXXXX.ics", &file, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (file, r->body, (gssize) r->length, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "/usr/bin/python3", script, file, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_unlink (file);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ics-events.py: %s", err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);
  root = json_node_copy (json_parser_get_root (parser));
  {
    JsonObject *o = json_node_get_object (root);
    JsonArray *tz = json_object_get_array_member (o, "timezones");
    g_assert_cmpuint (json_array_get_length (tz), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (tz, 0), ==, "Asia/Tokyo");
    *out_events = json_object_get_array_member (o, "events");
  }
  return g_strndup (r->body, r->length);
}

static JsonObject *
event_of (JsonArray *events, const char *uid)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      if (g_str_equal (json_object_get_string_member (e, "uid"), uid))
        return e;
    }
  return NULL;
}

/* @e is present, first published (SEQUENCE 1, CONFIRMED), from @start to
 * @end in Asia/Tokyo at both ends. */
static void
assert_confirmed (JsonObject *e, const char *start, const char *end)
{
  g_assert_nonnull (e);
  g_assert_cmpstr (json_object_get_string_member (e, "tzid"), ==, "Asia/Tokyo");
  g_assert_cmpstr (json_object_get_string_member (e, "end_tzid"), ==, "Asia/Tokyo");
  g_assert_cmpstr (json_object_get_string_member (e, "start"), ==, start);
  g_assert_cmpstr (json_object_get_string_member (e, "end"), ==, end);
  g_assert_cmpint (json_object_get_int_member (e, "sequence"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "CONFIRMED");
}

/* ---- the feed -------------------------------------------------------------------- */

static void
test_feed (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 v = plan (f, f->asg, "2026-06-17", "14:00");
  gint64 late = plan (f, f->asg, "2026-06-19", "23:30");
  gint64 other = plan (f, f->asg2, "2026-06-18", "10:00");
  g_autofree char *path = new_feed (f, f->sup_tok, NULL);
  g_autofree char *uid = g_strdup_printf ("visit-%" G_GINT64_FORMAT "@tsunagari", v);
  g_autofree char *late_uid = g_strdup_printf ("visit-%" G_GINT64_FORMAT "@tsunagari", late);
  g_autofree char *other_uid = g_strdup_printf ("visit-%" G_GINT64_FORMAT "@tsunagari", other);
  JsonArray *events;

  {
    g_autofree char *raw = read_feed (f, path, &events);
    JsonObject *e = event_of (events, uid);
    JsonObject *l = event_of (events, late_uid);

    assert_confirmed (e, "2026-06-17T14:00:00+09:00", "2026-06-17T15:30:00+09:00");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (e, "summary"), "訪問: "));
    /* Past midnight: the next day. */
    g_assert_cmpstr (json_object_get_string_member (l, "end"), ==, "2026-06-20T01:00:00+09:00");
    /* Another supporter's visit is not in it; nor is a visit's note. */
    g_assert_null (event_of (events, other_uid));
    g_assert_null (strstr (raw, "玄関先で"));
    g_assert_nonnull (strstr (raw, "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"));
  }
  /* A change raises SEQUENCE; a cancellation says so; the UID stays. */
  {
    g_autoptr(TsReply) p = ts_harness_call (f->h, "PATCH", f->coord, "{\"start\":\"15:00\"}",
                                            "/v1/visits/%" G_GINT64_FORMAT, v);
    g_autofree char *raw = NULL;
    JsonObject *e;

    ts_assert_status (p, 200);
    raw = read_feed (f, path, &events);
    e = event_of (events, uid);
    g_assert_cmpint (json_object_get_int_member (e, "sequence"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (e, "start"), ==, "2026-06-17T15:00:00+09:00");
  }
  {
    g_autoptr(TsReply) c = ts_harness_call (f->h, "POST", f->coord, NULL,
                                            "/v1/visits/%" G_GINT64_FORMAT "/cancel", v);
    g_autofree char *raw = NULL;
    JsonObject *e;

    ts_assert_status (c, 200);
    raw = read_feed (f, path, &events);
    e = event_of (events, uid);
    g_assert_cmpint (json_object_get_int_member (e, "sequence"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "CANCELLED");
  }
  /* A coordinator's feed: both supporters' visits, with the supporter's name;
   * another organisation's: none. */
  {
    g_autofree char *cpath = new_feed (f, f->coord, NULL);
    g_autofree char *opath = new_feed (f, f->other_coord, NULL);
    g_autofree char *craw = read_feed (f, cpath, &events);
    g_autofree char *oraw = NULL;

    g_assert_nonnull (event_of (events, uid));
    g_assert_nonnull (event_of (events, other_uid));
    g_assert_nonnull (strstr (json_object_get_string_member (event_of (events, other_uid), "summary"),
                              "試験 花子"));
    oraw = read_feed (f, opath, &events);
    g_assert_null (event_of (events, uid));
    g_assert_null (event_of (events, other_uid));
  }
}

static void
test_folding (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr(TsReply) p = ts_harness_call (f->h, "PATCH", f->coord,
                                          "{\"nickname\":\"" LONG_NICKNAME "\"}",
                                          "/v1/cases/%" G_GINT64_FORMAT, f->case_id);
  gint64 v;
  g_autofree char *path = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *raw = NULL;
  JsonArray *events;

  ts_assert_status (p, 200);
  v = plan (f, f->asg, "2026-06-17", "14:00");
  path = new_feed (f, f->sup_tok, NULL);
  uid = g_strdup_printf ("visit-%" G_GINT64_FORMAT "@tsunagari", v);
  raw = read_feed (f, path, &events);
  /* Folded (a continuation line starts with a space), and unfolded whole. */
  g_assert_nonnull (strstr (raw, "\r\n "));
  g_assert_cmpstr (json_object_get_string_member (event_of (events, uid), "summary"), ==,
                   "訪問: " LONG_NICKNAME);
  /* In English when the calendar asks for it. */
  {
    const char *headers[] = { "Accept-Language", "en", NULL };
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, NULL, NULL, headers);
    ts_assert_status (r, 200);
    g_assert_nonnull (strstr (r->body, "SUMMARY:Visit: "));
  }
}

static void
test_host_days (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  g_autoptr(TsReply) hr = ts_harness_request (h, "POST", "/v1/hosts", h->coordinator,
                                              "{\"name\":\"さくら農園\",\"municipality_code\":\"052019\","
                                              "\"capacity_per_day\":2}", NULL);
  gint64 host, kase, day;
  g_autofree char *host_tok = NULL;
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *uid = NULL;
  JsonArray *events;
  JsonObject *e;

  ts_assert_status (hr, 201);
  host = ts_reply_id (hr);
  {
    g_autoptr(TsReply) s = ts_harness_call (h, "POST", h->coordinator,
                                            "{\"surveyed_on\":\"2026-05-20\",\"result\":\"approved\"}",
                                            "/v1/hosts/%" G_GINT64_FORMAT "/survey", host);
    ts_assert_status (s, 200);
  }
  kase = ts_harness_create_case (h, h->coordinator, SHARE, TRUE);
  {
    g_autofree char *body = g_strdup_printf (
      "{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ","
      "\"days\":[\"2026-06-22\",\"2026-06-23\"],\"hours_per_day\":4,"
      "\"pre_interview\":{\"held_on\":\"2026-06-10\","
      "\"attendees\":[\"participant\",\"family\",\"host\",\"coordinator\"]}}", kase, host);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/placements", h->coordinator, body, NULL);
    ts_assert_status (r, 201);
  }
  day = ts_harness_sql_int (h, "SELECT min(id) FROM placement_days WHERE date = '2026-06-22'");
  host_tok = ts_harness_user_token (h, "host", 0, host);
  path = new_feed (f, host_tok, NULL);
  raw = read_feed (f, path, &events);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  uid = g_strdup_printf ("placement-day-%" G_GINT64_FORMAT "@tsunagari", day);
  e = event_of (events, uid);
  g_assert_nonnull (e);
  g_assert_cmpstr (json_object_get_string_member (e, "start"), ==, "2026-06-22");
  g_assert_cmpstr (json_object_get_string_member (e, "end"), ==, "2026-06-23");
}

/* ---- revoking, refusals, bad input ---------------------------------------------- */

static void
test_revoke (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 id, other_id;
  g_autofree char *path = new_feed (f, f->sup_tok, &id);
  g_autofree char *other = new_feed (f, f->sup2_tok, &other_id);
  g_autofree char *del = g_strdup_printf ("/v1/calendar-feeds/%" G_GINT64_FORMAT, id);

  {
    g_autoptr(TsReply) l = ts_harness_request (f->h, "GET", "/v1/calendar-feeds", f->sup_tok, NULL, NULL);
    JsonArray *a;

    ts_assert_status (l, 200);
    a = json_object_get_array_member (ts_reply_object (l), "calendar_feeds");
    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "id"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "label"), ==, "iPhone");
    /* The URL is shown once, at creation. */
    g_assert_null (strstr (l->body, path + strlen ("/calendar/")));
  }
  /* Another user's feed is a missing one. */
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "DELETE", f->sup_tok, NULL,
                                            "/v1/calendar-feeds/%" G_GINT64_FORMAT, other_id);
    ts_assert_problem (r, 404, "not_found", NULL);
  }
  {
    g_autoptr(TsReply) d = ts_harness_request (f->h, "DELETE", del, f->sup_tok, NULL, NULL);
    g_autoptr(TsReply) g = ts_harness_request (f->h, "GET", path, NULL, NULL, NULL);
    g_autoptr(TsReply) again = ts_harness_request (f->h, "DELETE", del, f->sup_tok, NULL, NULL);
    g_autoptr(TsReply) still = ts_harness_request (f->h, "GET", other, NULL, NULL, NULL);

    ts_assert_status (d, 204);
    ts_assert_problem (g, 404, "not_found", NULL);
    ts_assert_problem (again, 404, "not_found", NULL);
    ts_assert_status (still, 200);
  }
}

static void
test_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  /* A label too long, of the wrong type; an unknown member. */
  {
    g_autoptr(TsReply) a = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", f->sup_tok,
                                               "{\"label\":\"123456789012345678901234567890123456789012345678901\"}", NULL);
    g_autoptr(TsReply) b = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", f->sup_tok,
                                               "{\"label\":7}", NULL);
    g_autoptr(TsReply) c = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", f->sup_tok,
                                               "{\"colour\":\"red\"}", NULL);
    g_autoptr(TsReply) d = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", NULL, "{}", NULL);
    ts_assert_problem (a, 422, "validation_failed", "label");
    ts_assert_problem (b, 422, "validation_failed", "label");
    ts_assert_problem (c, 400, "unknown_field", NULL);
    ts_assert_problem (d, 401, "unauthorized", NULL);
  }
  /* An oversize body. */
  {
    g_autoptr(GString) big = g_string_new ("{\"label\":\"");
    g_autoptr(TsReply) r = NULL;

    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    r = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", f->sup_tok, big->str, NULL);
    ts_assert_problem (r, 413, "payload_too_large", NULL);
  }
  /* Five feeds a user at most. */
  for (guint i = 0; i < 5; i++)
    g_free (new_feed (f, f->sup_tok, NULL));
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", f->sup_tok, NULL, NULL);
    ts_assert_problem (r, 409, "conflict", NULL);
  }
  /* Unknown tokens and paths; an unknown feed id. */
  {
    const char *paths[] = { "/calendar/nosuchtoken.ics", "/calendar/nosuchtoken", "/calendar/.ics" };
    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", paths[i], NULL, NULL, NULL);
        ts_assert_problem (r, 404, "not_found", NULL);
      }
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "DELETE", "/v1/calendar-feeds/999", f->sup_tok, NULL, NULL);
    ts_assert_problem (r, 404, "not_found", NULL);
  }
}

static void
test_audit (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 id;
  g_autofree char *path = new_feed (f, f->sup_tok, &id);
  g_autofree char *sql = NULL;
  JsonArray *events;

  plan (f, f->asg, "2026-06-17", "14:00");
  g_free (read_feed (f, path, &events));
  g_free (read_feed (f, path, &events));
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'read'"
                         " AND object = 'calendar_feed' AND object_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (ts_harness_sql_int (f->h, sql), ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'create'"
                         " AND object = 'calendar_feed' AND object_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (ts_harness_sql_int (f->h, sql), ==, 1);
  /* The list says when the feed was last read. */
  {
    g_autoptr(TsReply) l = ts_harness_request (f->h, "GET", "/v1/calendar-feeds", f->sup_tok, NULL, NULL);
    JsonObject *feed;

    ts_assert_status (l, 200);
    feed = json_array_get_object_element (json_object_get_array_member (ts_reply_object (l), "calendar_feeds"), 0);
    g_assert_false (json_object_get_null_member (feed, "last_used_at"));
  }
}

/* ---- events (issue 18) ------------------------------------------------------------ */

static gint64
create_event (Fixture *f, const char *title, const char *kind, gint64 staff)
{
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"%s\",\"title\":\"%s\","
                                           "\"date\":\"2026-06-25\",\"start\":\"13:30\","
                                           "\"minutes\":120,\"place\":\"文京シビックセンター\","
                                           "\"capacity\":15,\"municipality_code\":\"131059\","
                                           "\"supporter_ids\":[%" G_GINT64_FORMAT "]}",
                                           kind, title, staff);
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/events", f->coord, body, NULL);

  ts_assert_status (r, 201);
  return json_object_get_int_member (ts_reply_object (r), "id");
}

/* A supporter's feed has the events it staffs (title, place, TZID, a
 * stable UID, SEQUENCE from the version, CANCELLED once cancelled), never
 * another's nor who registered; a coordinator's has its organisation's
 * events, another organisation's coordinator none of them. */
static void
test_events (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 seminar = create_event (f, "家族セミナー", "seminar", f->sup);
  gint64 other = create_event (f, "居場所", "ibasho", f->sup2);
  g_autofree char *path = new_feed (f, f->sup_tok, NULL);
  g_autofree char *coord_path = new_feed (f, f->coord, NULL);
  g_autofree char *other_path = new_feed (f, f->other_coord, NULL);
  g_autofree char *uid = g_strdup_printf ("event-%" G_GINT64_FORMAT "@tsunagari", seminar);
  g_autofree char *other_uid = g_strdup_printf ("event-%" G_GINT64_FORMAT "@tsunagari", other);
  JsonArray *events;

  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->coord, "{\"nickname\":\"はなぞの\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/registrations", seminar);
    ts_assert_status (r, 201);
  }
  {
    g_autofree char *raw = read_feed (f, path, &events);
    JsonObject *e = event_of (events, uid);

    assert_confirmed (e, "2026-06-25T13:30:00+09:00", "2026-06-25T15:30:00+09:00");
    g_assert_cmpstr (json_object_get_string_member (e, "summary"), ==, "家族セミナー");
    g_assert_cmpstr (json_object_get_string_member (e, "location"), ==, "文京シビックセンター");
    /* Not staffed by this supporter: absent.  No registration's name. */
    g_assert_null (event_of (events, other_uid));
    g_assert_null (strstr (raw, "はなぞの"));
  }
  {
    g_autofree char *raw = read_feed (f, coord_path, &events);

    g_assert_nonnull (event_of (events, uid));
    g_assert_nonnull (event_of (events, other_uid));
    g_assert_null (strstr (raw, "はなぞの"));
  }
  {
    g_autofree char *raw = read_feed (f, other_path, &events);

    g_assert_null (event_of (events, uid));
    g_assert_null (event_of (events, other_uid));
  }
  /* A change bumps SEQUENCE, the UID stays. */
  {
    g_autoptr(TsReply) p = ts_harness_call (f->h, "PATCH", f->coord, "{\"start\":\"14:00\"}",
                                            "/v1/events/%" G_GINT64_FORMAT, seminar);
    g_autofree char *raw = NULL;
    JsonObject *e;

    ts_assert_status (p, 200);
    raw = read_feed (f, path, &events);
    e = event_of (events, uid);
    g_assert_nonnull (e);
    g_assert_cmpint (json_object_get_int_member (e, "sequence"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (e, "start"), ==, "2026-06-25T14:00:00+09:00");
    g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "CONFIRMED");
  }
  /* A cancelled event stays, CANCELLED, one SEQUENCE later. */
  {
    g_autoptr(TsReply) c = ts_harness_call (f->h, "POST", f->coord, "{\"reason\":\"台風のため\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/cancel", seminar);
    g_autofree char *raw = NULL;
    JsonObject *e;

    ts_assert_status (c, 200);
    raw = read_feed (f, path, &events);
    e = event_of (events, uid);
    g_assert_nonnull (e);
    g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "CANCELLED");
    g_assert_cmpint (json_object_get_int_member (e, "sequence"), ==, 3);
    g_assert_null (strstr (raw, "台風のため"));
  }
}

/* A new feed's URL, asked for with a forged Host: @base then its path. */
static void
assert_feed_url (Fixture *f, const char *base)
{
  const char *headers[] = { "Host", "evil.example.net", NULL };
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/calendar-feeds", f->sup_tok,
                                             "{}", headers);
  g_autofree char *expected = NULL;

  ts_assert_status (r, 201);
  expected = g_strconcat (base, json_object_get_string_member (ts_reply_object (r), "path"), NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "url"), ==, expected);
}

/* A feed's URL is on [http] public_url where one is configured (whatever
 * Host the request named; its trailing slashes do not double), otherwise
 * on the request's Host. */
static void
test_feed_url (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsConfig *config = ts_service_get_config (f->h->service);

  assert_feed_url (f, "http://evil.example.net");
  g_free (config->public_url);
  config->public_url = g_strdup ("https://tsunagari.example.jp//");
  assert_feed_url (f, "https://tsunagari.example.jp");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/tsunagari/http/calendar/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("feed", test_feed);
  ADD ("feed-url", test_feed_url);
  ADD ("folding", test_folding);
  ADD ("host-days", test_host_days);
  ADD ("revoke", test_revoke);
  ADD ("bad-input", test_bad_input);
  ADD ("audit", test_audit);
  ADD ("events", test_events);
#undef ADD
  return g_test_run ();
}
