/*
 * A placement's pre-interview (事前面談) planned, then held, on a live
 * server (issue 11, item 15): a placement may be recorded with its
 * interview only planned (pre_interview.planned_on); its days are booked,
 * but nobody attends and nothing is paid until
 * POST /v1/placements/{id}/pre-interview records it as held, on or before
 * today and the first day.  Every refused role and bad input of the new
 * route, and the create's new shape (exactly one of held_on / planned_on).
 *
 * "Today" is pinned to 2026-06-15, a Monday (TSUNAGARI_TODAY), and moved
 * forward inside a test where the story needs the first day to come.
 */
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"

#define ATTENDEES "\"attendees\":[\"participant\",\"host\",\"coordinator\"]"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

/* POST /v1/placements with @pre_interview (the object's members). */
static TsReply *
place (TsHarness *h, gint64 case_id, gint64 host_id, const char *days, const char *pre_interview)
{
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%"
                                           G_GINT64_FORMAT ",\"days\":[%s],\"hours_per_day\":4,"
                                           "\"pre_interview\":{%s}}",
                                           case_id, host_id, days, pre_interview);
  return ts_harness_request (h, "POST", "/v1/placements", h->coordinator, body, NULL);
}

static TsReply *
record_held (TsHarness *h, const char *token, gint64 id, const char *body)
{
  return ts_harness_call (h, "POST", token, body, "/v1/placements/%" G_GINT64_FORMAT "/pre-interview",
                          id);
}

static TsReply *
attend (TsHarness *h, const char *token, gint64 id, const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"date\":\"%s\",\"attended\":true}", date);
  return ts_harness_call (h, "POST", token, body, "/v1/placements/%" G_GINT64_FORMAT "/attendance",
                          id);
}

static JsonObject *
pre_interview (TsReply *r)
{
  return json_object_get_object_member (ts_reply_object (r), "pre_interview");
}

static gboolean
member_is_null (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

/* ---- planned, then held ------------------------------------------------ */

static void
test_planned_then_held (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "はるき", NULL);
  gint64 other = ts_harness_create_placement_case (f->h, "なつみ", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  g_autofree char *hosttok = ts_harness_user_token (f->h, "host", 0, host);
  g_autoptr(TsReply) created = place (f->h, kase, host,
                                      "\"2026-06-22\",\"2026-06-23\",\"2026-06-24\"",
                                      "\"planned_on\":\"2026-06-18\"");
  gint64 id, version, before;

  (void) data;
  /* A planned interview (after today, before the first day, attendees not
   * known yet): the placement is recorded, not held. */
  ts_assert_status (created, 201);
  id = ts_reply_id (created);
  version = json_object_get_int_member (ts_reply_object (created), "version");
  g_assert_false (json_object_get_boolean_member (pre_interview (created), "held"));
  g_assert_true (member_is_null (pre_interview (created), "held_on"));
  g_assert_cmpstr (json_object_get_string_member (pre_interview (created), "planned_on"), ==,
                   "2026-06-18");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pre_interview (created),
                                                                         "attendees")), ==, 0);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM placements WHERE pre_interview_held_on"
                                             " IS NULL AND pre_interview_planned_on = '2026-06-18'"), ==, 1);

  /* Its days are booked: the host (capacity 1) has no room for another. */
  {
    g_autoptr(TsReply) full = place (f->h, other, host, "\"2026-06-23\"",
                                     "\"held_on\":\"" TODAY "\"," ATTENDEES);
    ts_assert_problem (full, 409, "host_capacity_exceeded", NULL);
  }
  /* The host sees it as planned too. */
  {
    g_autoptr(TsReply) get = ts_harness_call (f->h, "GET", hosttok, NULL,
                                              "/v1/placements/%" G_GINT64_FORMAT, id);
    ts_assert_status (get, 200);
    g_assert_false (json_object_get_boolean_member (pre_interview (get), "held"));
  }

  /* A future date is not held yet: 422 naming held_on; nothing changes. */
  {
    g_autoptr(TsReply) r = record_held (f->h, f->h->coordinator, id,
                                        "{\"held_on\":\"2026-06-17\"," ATTENDEES "}");
    ts_assert_problem (r, 422, "validation_failed", "held_on");
  }

  /* The first day comes; the interview was never recorded as held. */
  g_setenv ("TSUNAGARI_TODAY", "2026-06-22", TRUE);
  before = ts_harness_audit_entries (f->h);
  {
    g_autoptr(TsReply) r = attend (f->h, f->h->coordinator, id, "2026-06-22");
    g_autoptr(TsReply) byhost = attend (f->h, hosttok, id, "2026-06-22");

    ts_assert_problem (r, 409, "pre_interview_not_held", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "pre_interview_planned_on"),
                     ==, "2026-06-18");
    ts_assert_problem (byhost, 409, "pre_interview_not_held", NULL);
  }
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM ledger_entries"), ==, 0);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM placement_days WHERE attended IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before);

  /* Held after the first day: 422, as at creation. */
  {
    g_autoptr(TsReply) r = record_held (f->h, f->h->coordinator, id,
                                        "{\"held_on\":\"2026-06-23\"," ATTENDEES "}");
    ts_assert_problem (r, 422, "validation_failed", "held_on");
  }
  /* Held today, the first day, before the work began: 200, held. */
  {
    g_autoptr(TsReply) r = record_held (f->h, f->h->coordinator, id,
                                        "{\"held_on\":\"2026-06-22\",\"attendees\":"
                                        "[\"coordinator\",\"family\",\"host\",\"participant\"]}");
    JsonArray *attendees;

    ts_assert_status (r, 200);
    g_assert_true (json_object_get_boolean_member (pre_interview (r), "held"));
    g_assert_cmpstr (json_object_get_string_member (pre_interview (r), "held_on"), ==, "2026-06-22");
    g_assert_true (member_is_null (pre_interview (r), "planned_on"));
    attendees = json_object_get_array_member (pre_interview (r), "attendees");
    g_assert_cmpuint (json_array_get_length (attendees), ==, 4);
    g_assert_cmpstr (json_array_get_string_element (attendees, 0), ==, "participant");
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "version"), ==, version + 1);
    g_assert_nonnull (ts_reply_header (r, "ETag"));
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "days_count"), ==, 3);
  }
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM audit_log WHERE action ="
                                             " 'record_pre_interview' AND object = 'placement'"), ==, 1);

  /* Now the participant attends and the host is paid. */
  {
    g_autoptr(TsReply) r = attend (f->h, hosttok, id, "2026-06-22");
    ts_assert_status (r, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "stipend_yen"), ==, 1500);
  }
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM ledger_entries"), ==, 1);

  /* The same record again is no change (a retried request): 200, the
   * same version, no audit entry.  Other values: 409. */
  before = ts_harness_audit_entries (f->h);
  {
    g_autoptr(TsReply) again = record_held (f->h, f->h->admin, id,
                                            "{\"held_on\":\"2026-06-22\",\"attendees\":"
                                            "[\"participant\",\"family\",\"host\",\"coordinator\"]}");
    g_autoptr(TsReply) other_day = record_held (f->h, f->h->coordinator, id,
                                                "{\"held_on\":\"2026-06-19\"," ATTENDEES "}");
    g_autoptr(TsReply) other_people = record_held (f->h, f->h->coordinator, id,
                                                   "{\"held_on\":\"2026-06-22\"," ATTENDEES "}");

    ts_assert_status (again, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (again), "version"), ==,
                     version + 2);  /* + the attendance */
    ts_assert_problem (other_day, 409, "pre_interview_already_held", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (other_day), "held_on"), ==,
                     "2026-06-22");
    ts_assert_problem (other_people, 409, "pre_interview_already_held", NULL);
  }
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before);
}

/* A placement created with a held interview is held at once, in the new
 * shape, and recording it again with the same values changes nothing. */
static void
test_created_held (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "あきら", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  g_autoptr(TsReply) created = place (f->h, kase, host, "\"2026-06-22\"",
                                      "\"held_on\":\"2026-06-10\"," ATTENDEES);
  g_autoptr(TsReply) list = NULL;
  JsonObject *first;

  (void) data;
  ts_assert_status (created, 201);
  g_assert_true (json_object_get_boolean_member (pre_interview (created), "held"));
  g_assert_cmpstr (json_object_get_string_member (pre_interview (created), "held_on"), ==,
                   "2026-06-10");
  g_assert_true (member_is_null (pre_interview (created), "planned_on"));
  list = ts_harness_request (f->h, "GET", "/v1/placements", f->h->coordinator, NULL, NULL);
  ts_assert_status (list, 200);
  first = json_array_get_object_element (json_object_get_array_member (ts_reply_object (list),
                                                                       "placements"), 0);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (first,
                                                                                "pre_interview"),
                                                 "held"));
  {
    g_autoptr(TsReply) same = record_held (f->h, f->h->coordinator, ts_reply_id (created),
                                           "{\"held_on\":\"2026-06-10\"," ATTENDEES "}");
    ts_assert_status (same, 200);
  }
}

/* ---- the create's new shape -------------------------------------------- */

static void
test_create_planned_input (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "ふゆこ", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 2, TRUE);
  static const struct {
    const char *days;
    const char *pre;
    const char *field;
  } bad[] = {
    /* both, neither */
    { "\"2026-07-01\"", "\"held_on\":\"2026-06-10\",\"planned_on\":\"2026-06-20\"," ATTENDEES,
      "pre_interview.planned_on" },
    { "\"2026-07-01\"", ATTENDEES, "pre_interview.held_on" },
    /* planned after the first day, before today, not a date */
    { "\"2026-07-01\"", "\"planned_on\":\"2026-07-02\"", "pre_interview.planned_on" },
    { "\"2026-07-01\"", "\"planned_on\":\"2026-06-14\"", "pre_interview.planned_on" },
    { "\"2026-07-01\"", "\"planned_on\":\"2026-06-31\"", "pre_interview.planned_on" },
    { "\"2026-07-01\"", "\"planned_on\":20260620", "pre_interview.planned_on" },
    /* attendees, when given, are judged as for a held one */
    { "\"2026-07-01\"", "\"planned_on\":\"2026-06-20\",\"attendees\":[\"participant\"]",
      "pre_interview.attendees" },
    { "\"2026-07-01\"", "\"planned_on\":\"2026-06-20\",\"attendees\":[\"participant\",\"host\","
      "\"coordinator\",\"mayor\"]", "pre_interview.attendees" },
    /* held stays a fact: not after today (issue 11, commit 9d65a66) */
    { "\"2026-07-01\"", "\"held_on\":\"2026-06-16\"," ATTENDEES, "pre_interview.held_on" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = place (f->h, kase, host, bad[i].days, bad[i].pre);
      g_test_message ("%u: %s", i, bad[i].pre);
      ts_assert_problem (r, 422, "validation_failed", bad[i].field);
    }
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM placements"), ==, 0);

  /* Planned today for a first day today; planned on the first day with
   * its attendees; a null held_on beside planned_on (a placement's own
   * shape sent back) is the planned form. */
  {
    g_autoptr(TsReply) today = place (f->h, kase, host, "\"" TODAY "\"",
                                      "\"planned_on\":\"" TODAY "\"");
    g_autoptr(TsReply) on_first = place (f->h, kase, host, "\"2026-07-01\"",
                                         "\"planned_on\":\"2026-07-01\"," ATTENDEES);
    g_autoptr(TsReply) with_null = place (f->h, kase, host, "\"2026-07-02\"",
                                          "\"held_on\":null,\"planned_on\":\"2026-06-30\"");

    ts_assert_status (today, 201);
    g_assert_false (json_object_get_boolean_member (pre_interview (today), "held"));
    ts_assert_status (on_first, 201);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pre_interview (on_first),
                                                                           "attendees")), ==, 3);
    ts_assert_status (with_null, 201);
    g_assert_cmpstr (json_object_get_string_member (pre_interview (with_null), "planned_on"), ==,
                     "2026-06-30");
  }
  /* An unknown member inside pre_interview is still 400. */
  {
    g_autoptr(TsReply) r = place (f->h, kase, host, "\"2026-07-03\"",
                                  "\"planned_on\":\"2026-06-30\",\"planned_at\":\"desk\"");
    ts_assert_problem (r, 400, "unknown_field", "pre_interview.planned_at");
  }
}

/* ---- the new route's roles and input ------------------------------------ */

static void
test_record_roles_and_input (Fixture *f, gconstpointer data)
{
  gint64 kase = ts_harness_create_placement_case (f->h, "みのる", NULL);
  gint64 host = ts_harness_create_host (f->h, "さくら農園", 1, TRUE);
  gint64 supporter = ts_harness_create_supporter (f->h, NULL);
  g_autofree char *sup = ts_harness_user_token (f->h, "supporter", supporter, 0);
  g_autofree char *hosttok = ts_harness_user_token (f->h, "host", 0, host);
  g_autoptr(TsReply) created = place (f->h, kase, host, "\"2026-06-22\"",
                                      "\"planned_on\":\"2026-06-18\"");
  const char *ok_body = "{\"held_on\":\"" TODAY "\"," ATTENDEES "}";
  const char *refused[3];
  gint64 id, before;
  static const struct {
    const char *body;
    const char *field;
  } bad[] = {
    { "{" ATTENDEES "}", "held_on" },
    { "{\"held_on\":\"" TODAY "\"}", "attendees" },
    { "{\"held_on\":20260615," ATTENDEES "}", "held_on" },
    { "{\"held_on\":\"2026-02-30\"," ATTENDEES "}", "held_on" },
    { "{\"held_on\":\"" TODAY "\",\"attendees\":\"participant\"}", "attendees" },
    { "{\"held_on\":\"" TODAY "\",\"attendees\":[\"participant\",\"host\"]}", "attendees" },
    { "{\"held_on\":\"" TODAY "\",\"attendees\":[\"participant\",\"host\",\"coordinator\","
      "\"host\"]}", "attendees" },
    { "[1]", "body" },
  };

  (void) data;
  ts_assert_status (created, 201);
  id = ts_reply_id (created);
  refused[0] = sup;
  refused[1] = hosttok;
  refused[2] = f->h->auditor;
  before = ts_harness_audit_entries (f->h);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = record_held (f->h, refused[i], id, ok_body);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = record_held (f->h, NULL, id, ok_body);
    ts_assert_problem (r, 401, "unauthorized", NULL);
  }
  {
    g_autoptr(TsReply) r = record_held (f->h, f->h->coordinator, id + 1000, ok_body);
    ts_assert_problem (r, 404, "not_found", NULL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = record_held (f->h, f->h->coordinator, id, bad[i].body);
      g_test_message ("%u: %s", i, bad[i].body);
      ts_assert_problem (r, 422, "validation_failed", bad[i].field);
    }
  {
    g_autoptr(TsReply) unknown = record_held (f->h, f->h->coordinator, id,
                                              "{\"held_on\":\"" TODAY "\"," ATTENDEES
                                              ",\"planned_on\":\"2026-06-18\"}");
    g_autoptr(TsReply) malformed = record_held (f->h, f->h->coordinator, id, "{\"held_on\":");
    g_autoptr(TsReply) query = ts_harness_call (f->h, "POST", f->h->coordinator, ok_body,
                                                "/v1/placements/%" G_GINT64_FORMAT
                                                "/pre-interview?force=1", id);
    g_autofree char *path = g_strdup_printf ("/v1/placements/%" G_GINT64_FORMAT "/pre-interview", id);
    g_autoptr(TsReply) type = ts_harness_request_raw (f->h, "POST", path, f->h->coordinator,
                                                      "text/plain", ok_body, strlen (ok_body), NULL);
    gsize big_len = 1024 * 1024 + 16;
    g_autofree char *big = g_malloc (big_len);
    g_autoptr(TsReply) too_large = NULL;

    ts_assert_problem (unknown, 400, "unknown_field", "planned_on");
    ts_assert_problem (malformed, 400, "bad_request", NULL);
    ts_assert_status (query, 400);
    ts_assert_problem (type, 415, "unsupported_media_type", NULL);
    memset (big, ' ', big_len);
    big[0] = '{';
    big[big_len - 1] = '}';
    too_large = ts_harness_request_raw (f->h, "POST", path, f->h->coordinator,
                                        "application/json", big, big_len, NULL);
    ts_assert_status (too_large, 413);
  }
  /* Nothing of that was written. */
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM placements WHERE pre_interview_held_on"
                                             " IS NULL AND version = 1"), ==, 1);
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before);

  /* The admin may record it too. */
  {
    g_autoptr(TsReply) r = record_held (f->h, f->h->admin, id, ok_body);
    ts_assert_status (r, 200);
    g_assert_true (json_object_get_boolean_member (pre_interview (r), "held"));
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/pre-interview/" path, Fixture, TODAY, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("planned-then-held", test_planned_then_held);
  ADD ("created-held", test_created_held);
  ADD ("create-planned-input", test_create_planned_input);
  ADD ("record/roles-and-input", test_record_roles_and_input);
#undef ADD

  return g_test_run ();
}
