/*
 * The 職親 host registry on a live server (SPEC 2.3, 3.2, issue 6): create,
 * read, list, PATCH with If-Match, the survey that registers a host,
 * suspension, reinstatement and retirement, the calendar; every refused
 * role, a host account reaching another host (404), and bad input.
 *
 * "Today" is pinned to 2026-06-15, a Monday (TSUNAGARI_TODAY).
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"

#define FULL_BODY                                                              \
  "{\"name\":\"さくら農園\",\"municipality_code\":\"052019\","                  \
  "\"industry\":\"農業\",\"address\":\"秋田市山王1-1-1\","                       \
  "\"contact_person\":\"佐藤 一郎\",\"capacity_per_day\":2,"                     \
  "\"weekdays_open\":[1,2,3,4,5,6],\"notes\":\"駐車場あり\"}"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

static gint64
create_host (TsHarness *h, const char *body)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/hosts", h->coordinator,
                                             body != NULL ? body : FULL_BODY, NULL);
  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

static void
survey (TsHarness *h, gint64 id, const char *result)
{
  g_autofree char *body = g_strdup_printf ("{\"surveyed_on\":\"2026-06-01\",\"result\":\"%s\"}",
                                           result);
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                          "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
  ts_assert_status (r, 200);
}

/* ---- create -------------------------------------------------------------- */

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = NULL;
  g_autofree char *location = NULL;
  JsonObject *obj;
  JsonArray *weekdays;
  gint64 id, before = ts_harness_audit_entries (f->h);

  (void) data;
  r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->coordinator, FULL_BODY, NULL);
  ts_assert_status (r, 201);
  obj = ts_reply_object (r);
  id = json_object_get_int_member (obj, "id");
  location = g_strdup_printf ("/v1/hosts/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (ts_reply_header (r, "Location"), ==, location);
  g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v1\"");
  g_assert_cmpstr (ts_reply_str (r, "name"), ==, "さくら農園");
  g_assert_cmpstr (ts_reply_str (r, "municipality_code"), ==, "052019");
  g_assert_cmpstr (ts_reply_str (r, "municipality_name"), ==, "秋田市");
  g_assert_cmpstr (ts_reply_str (r, "prefecture_name"), ==, "秋田県");
  g_assert_cmpstr (ts_reply_str (r, "industry"), ==, "農業");
  g_assert_cmpstr (ts_reply_str (r, "contact_person"), ==, "佐藤 一郎");
  g_assert_cmpstr (ts_reply_str (r, "notes"), ==, "駐車場あり");
  g_assert_cmpint (json_object_get_int_member (obj, "capacity_per_day"), ==, 2);
  weekdays = json_object_get_array_member (obj, "weekdays_open");
  g_assert_cmpuint (json_array_get_length (weekdays), ==, 6);
  g_assert_cmpint (json_array_get_int_element (weekdays, 5), ==, 6);
  g_assert_cmpstr (ts_reply_str (r, "status"), ==, "applied");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (obj, "registered_on")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "surveys")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "version"), ==, 1);
  /* One entry for the write. */
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
}

static void
test_create_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->admin,
                                             "{\"name\":\"  ひまわり食堂 \",\"municipality_code\":\"052019\"}",
                                             NULL);
  JsonObject *obj;
  JsonArray *weekdays;

  (void) data;
  ts_assert_status (r, 201);
  obj = ts_reply_object (r);
  g_assert_cmpstr (ts_reply_str (r, "name"), ==, "ひまわり食堂");
  g_assert_cmpint (json_object_get_int_member (obj, "capacity_per_day"), ==, 1);
  weekdays = json_object_get_array_member (obj, "weekdays_open");
  g_assert_cmpuint (json_array_get_length (weekdays), ==, 5);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (obj, "industry")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (obj, "notes")));
}

static void
test_create_bad_input (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *body;
    const char *field;
  } cases[] = {
    { "{\"municipality_code\":\"052019\"}", "name" },
    { "{\"name\":\"   \",\"municipality_code\":\"052019\"}", "name" },
    { "{\"name\":\"x\"}", "municipality_code" },
    { "{\"name\":5,\"municipality_code\":\"052019\"}", "name" },
    { "{\"name\":\"x\",\"municipality_code\":\"052018\"}", "municipality_code" },
    { "{\"name\":\"x\",\"municipality_code\":\"050008\"}", "municipality_code" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"capacity_per_day\":0}", "capacity_per_day" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"capacity_per_day\":101}", "capacity_per_day" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"capacity_per_day\":-1}", "capacity_per_day" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"capacity_per_day\":\"2\"}", "capacity_per_day" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"capacity_per_day\":null}", "capacity_per_day" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"weekdays_open\":[0]}", "weekdays_open" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"weekdays_open\":[8]}", "weekdays_open" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"weekdays_open\":[1,1]}", "weekdays_open" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"weekdays_open\":\"weekdays\"}", "weekdays_open" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"weekdays_open\":[\"1\"]}", "weekdays_open" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"notes\":\"\"}", "notes" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"status\":\"registered\"}", "status" },
    { "{\"name\":\"x\",\"municipality_code\":\"052019\",\"industry\":\"a\\u0001b\"}", "industry" },
    { "[]", "body" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->coordinator,
                                                 cases[i].body, NULL);
      g_test_message ("%s", cases[i].body);
      ts_assert_problem (r, 422, "validation_failed", cases[i].field);
    }
  {
    g_autofree char *name = g_strnfill (101, 'a');
    g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"municipality_code\":\"052019\"}", name);
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->coordinator, body, NULL);
    ts_assert_problem (r, 422, "validation_failed", "name");
  }
}

static void
test_create_unknown_field (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->coordinator,
                                             "{\"name\":\"x\",\"municipality_code\":\"052019\","
                                             "\"capacity\":3}", NULL);
  (void) data;
  ts_assert_problem (r, 400, "unknown_field", "capacity");
}

static void
test_create_too_large (Fixture *f, gconstpointer data)
{
  gsize n = 2 * 1024 * 1024;
  g_autofree char *notes = g_strnfill (n, 'a');
  g_autofree char *body = g_strdup_printf ("{\"name\":\"x\",\"municipality_code\":\"052019\","
                                           "\"notes\":\"%s\"}", notes);
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->coordinator,
                                             body, NULL);
  (void) data;
  ts_assert_status (r, 413);
}

/* ---- roles and objects --------------------------------------------------- */

static void
test_roles (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  gint64 supporter = ts_harness_create_supporter (f->h, NULL);
  g_autofree char *sup = ts_harness_user_token (f->h, "supporter", supporter, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, id);
  const char *refused[] = { sup, f->h->auditor };
  const char *body = "{\"name\":\"x\",\"municipality_code\":\"052019\"}";

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) a = ts_harness_call (f->h, "POST", refused[i], body, "/v1/hosts");
      g_autoptr(TsReply) b = ts_harness_call (f->h, "GET", refused[i], NULL, "/v1/hosts");
      g_autoptr(TsReply) c = ts_harness_call (f->h, "GET", refused[i], NULL, "/v1/hosts/%" G_GINT64_FORMAT, id);
      g_autoptr(TsReply) d = ts_harness_call (f->h, "PATCH", refused[i], body, "/v1/hosts/%" G_GINT64_FORMAT, id);
      g_autoptr(TsReply) e = ts_harness_call (f->h, "POST", refused[i],
                                              "{\"surveyed_on\":\"2026-06-01\",\"result\":\"approved\"}",
                                              "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
      g_autoptr(TsReply) g = ts_harness_call (f->h, "POST", refused[i], NULL,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/suspend", id);
      g_autoptr(TsReply) k = ts_harness_call (f->h, "POST", refused[i], NULL,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/retire", id);
      g_autoptr(TsReply) m = ts_harness_call (f->h, "POST", refused[i], NULL,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/reinstate", id);
      ts_assert_problem (a, 403, "forbidden", NULL);
      ts_assert_problem (b, 403, "forbidden", NULL);
      ts_assert_problem (c, 403, "forbidden", NULL);
      ts_assert_problem (d, 403, "forbidden", NULL);
      ts_assert_problem (e, 403, "forbidden", NULL);
      ts_assert_problem (g, 403, "forbidden", NULL);
      ts_assert_problem (k, 403, "forbidden", NULL);
      ts_assert_problem (m, 403, "forbidden", NULL);
    }
  /* A host account reads but never writes its record. */
  {
    g_autoptr(TsReply) a = ts_harness_call (f->h, "POST", host, body, "/v1/hosts");
    g_autoptr(TsReply) d = ts_harness_call (f->h, "PATCH", host, body, "/v1/hosts/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) e = ts_harness_call (f->h, "POST", host,
                                            "{\"surveyed_on\":\"2026-06-01\",\"result\":\"approved\"}",
                                            "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
    g_autoptr(TsReply) g = ts_harness_call (f->h, "POST", host, NULL, "/v1/hosts/%" G_GINT64_FORMAT "/retire", id);
    ts_assert_problem (a, 403, "forbidden", NULL);
    ts_assert_problem (d, 403, "forbidden", NULL);
    ts_assert_problem (e, 403, "forbidden", NULL);
    ts_assert_problem (g, 403, "forbidden", NULL);
  }
  {
    g_autoptr(TsReply) a = ts_harness_call (f->h, "GET", NULL, NULL, "/v1/hosts");
    g_autoptr(TsReply) b = ts_harness_call (f->h, "POST", NULL, body, "/v1/hosts");
    g_autoptr(TsReply) c = ts_harness_call (f->h, "GET", "not-a-token", NULL, "/v1/hosts/%" G_GINT64_FORMAT, id);
    ts_assert_problem (a, 401, "unauthorized", NULL);
    ts_assert_problem (b, 401, "unauthorized", NULL);
    ts_assert_problem (c, 401, "unauthorized", NULL);
  }
}

static void
test_host_account (Fixture *f, gconstpointer data)
{
  gint64 mine = create_host (f->h, NULL);
  gint64 other = create_host (f->h, "{\"name\":\"もみじ工房\",\"municipality_code\":\"052027\"}");
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, mine);
  g_autoptr(TsReply) own = NULL;
  g_autoptr(TsReply) theirs = NULL;
  g_autoptr(TsReply) missing = NULL;
  g_autoptr(TsReply) list = NULL;
  g_autoptr(TsReply) list_other = NULL;
  g_autoptr(TsReply) cal = NULL;
  JsonArray *hosts;

  (void) data;
  survey (f->h, mine, "approved");
  own = ts_harness_call (f->h, "GET", host, NULL, "/v1/hosts/%" G_GINT64_FORMAT, mine);
  ts_assert_status (own, 200);
  g_assert_cmpstr (ts_reply_str (own, "name"), ==, "さくら農園");
  /* The coordinators' notes are theirs. */
  g_assert_false (json_object_has_member (ts_reply_object (own), "notes"));
  g_assert_false (json_object_has_member (
    json_array_get_object_element (json_object_get_array_member (ts_reply_object (own), "surveys"), 0),
    "notes"));
  /* Another host is indistinguishable from no host. */
  theirs = ts_harness_call (f->h, "GET", host, NULL, "/v1/hosts/%" G_GINT64_FORMAT, other);
  missing = ts_harness_call (f->h, "GET", host, NULL, "/v1/hosts/999999");
  ts_assert_problem (theirs, 404, "not_found", NULL);
  ts_assert_problem (missing, 404, "not_found", NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (theirs), "detail"), ==,
                   json_object_get_string_member (ts_reply_object (missing), "detail"));
  cal = ts_harness_call (f->h, "GET", host, NULL, "/v1/hosts/%" G_GINT64_FORMAT "/calendar", other);
  ts_assert_problem (cal, 404, "not_found", NULL);
  /* Its list is itself. */
  list = ts_harness_call (f->h, "GET", host, NULL, "/v1/hosts");
  ts_assert_status (list, 200);
  hosts = json_object_get_array_member (ts_reply_object (list), "hosts");
  g_assert_cmpuint (json_array_get_length (hosts), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (hosts, 0), "id"), ==, mine);
  list_other = ts_harness_call (f->h, "GET", host, NULL, "/v1/hosts?status=applied");
  ts_assert_status (list_other, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (list_other),
                                                                         "hosts")), ==, 0);
}

/* ---- read and list --------------------------------------------------------- */

static void
test_get (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  gint64 before = ts_harness_audit_entries (f->h);
  g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) missing = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts/424242");
  g_autoptr(TsReply) bad = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts/%" G_GINT64_FORMAT "?x=1", id);

  (void) data;
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_str (r, "notes"), ==, "駐車場あり");
  g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v1\"");
  ts_assert_problem (missing, 404, "not_found", NULL);
  ts_assert_problem (bad, 400, "unknown_field", "x");
  /* The read of a record naming a contact person is in the audit log. */
  g_assert_cmpint (ts_harness_audit_entries (f->h), ==, before + 1);
}

static void
test_list (Fixture *f, gconstpointer data)
{
  gint64 ids[5];
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) registered = NULL;
  g_autoptr(GArray) nikaho = NULL;
  g_autoptr(GArray) page1 = NULL;
  g_autoptr(GArray) page2 = NULL;
  g_autoptr(GArray) page3 = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autofree char *q2 = NULL;
  g_autofree char *q3 = NULL;
  char *cursor3 = NULL;

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = create_host (f->h, i == 4 ? "{\"name\":\"にかほ商店\",\"municipality_code\":\"052141\"}"
                                       : NULL);
  survey (f->h, ids[1], "approved");
  survey (f->h, ids[2], "rejected");

  all = ts_harness_list_ids (f->h, "hosts", "", NULL);
  g_assert_cmpuint (all->len, ==, 5);
  registered = ts_harness_list_ids (f->h, "hosts", "?status=registered", NULL);
  g_assert_cmpuint (registered->len, ==, 1);
  g_assert_cmpint (g_array_index (registered, gint64, 0), ==, ids[1]);
  nikaho = ts_harness_list_ids (f->h, "hosts", "?municipality_code=052141", NULL);
  g_assert_cmpuint (nikaho->len, ==, 1);
  g_assert_cmpint (g_array_index (nikaho, gint64, 0), ==, ids[4]);

  page1 = ts_harness_list_ids (f->h, "hosts", "?limit=2", &cursor);
  g_assert_cmpuint (page1->len, ==, 2);
  g_assert_nonnull (cursor);
  q2 = g_strdup_printf ("?limit=2&cursor=%s", cursor);
  page2 = ts_harness_list_ids (f->h, "hosts", q2, &cursor2);
  g_assert_cmpuint (page2->len, ==, 2);
  g_assert_cmpint (g_array_index (page2, gint64, 0), ==, ids[2]);
  q3 = g_strdup_printf ("?limit=2&cursor=%s", cursor2);
  page3 = ts_harness_list_ids (f->h, "hosts", q3, &cursor3);
  g_assert_cmpuint (page3->len, ==, 1);
  g_assert_null (cursor3);

  {
    g_autoptr(TsReply) a = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts?status=open");
    g_autoptr(TsReply) b = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts?limit=0");
    g_autoptr(TsReply) c = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts?cursor=abc");
    g_autoptr(TsReply) d = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts?municipality_code=12");
    g_autoptr(TsReply) e = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts?sort=name");
    ts_assert_problem (a, 422, "validation_failed", "status");
    ts_assert_problem (b, 422, "validation_failed", "limit");
    ts_assert_problem (c, 422, "validation_failed", "cursor");
    ts_assert_problem (d, 422, "validation_failed", "municipality_code");
    ts_assert_problem (e, 400, "unknown_field", "sort");
  }
}

/* ---- update --------------------------------------------------------------- */

static void
test_update (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) stale = NULL;
  g_autoptr(TsReply) cleared = NULL;
  g_autoptr(TsReply) bad = NULL;
  g_autoptr(TsReply) ro = NULL;
  g_autoptr(TsReply) missing = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/hosts/%" G_GINT64_FORMAT, id);

  (void) data;
  r = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                          "{\"capacity_per_day\":3,\"weekdays_open\":[6,7]}",
                          (const char *[]) { "If-Match", "\"v1\"", NULL });
  ts_assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "capacity_per_day"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r),
                                                                         "weekdays_open")), ==, 2);
  g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v2\"");
  g_assert_cmpstr (ts_reply_str (r, "name"), ==, "さくら農園");

  stale = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, "{\"capacity_per_day\":1}",
                              (const char *[]) { "If-Match", "\"v1\"", NULL });
  ts_assert_problem (stale, 412, "precondition_failed", NULL);

  cleared = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                "{\"notes\":null,\"industry\":null}", NULL);
  ts_assert_status (cleared, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (cleared), "notes")));

  bad = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                            "{\"name\":null,\"capacity_per_day\":200}", NULL);
  ts_assert_problem (bad, 422, "validation_failed", "name");
  g_assert_true (ts_reply_has_field_error (bad, "capacity_per_day"));
  ro = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, "{\"status\":\"registered\"}", NULL);
  ts_assert_problem (ro, 422, "validation_failed", "status");
  missing = ts_harness_request (f->h, "PATCH", "/v1/hosts/77777", f->h->coordinator,
                                "{\"capacity_per_day\":2}", NULL);
  ts_assert_problem (missing, 404, "not_found", NULL);
}

/* ---- lifecycle ------------------------------------------------------------- */

static void
test_survey_approved (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator,
                                          "{\"surveyed_on\":\"2026-06-10\",\"result\":\"approved\","
                                          "\"notes\":\"作業場は安全\"}",
                                          "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
  JsonArray *changes, *surveys;
  JsonObject *c;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_str (r, "status"), ==, "registered");
  g_assert_cmpstr (ts_reply_str (r, "registered_on"), ==, "2026-06-10");
  surveys = json_object_get_array_member (ts_reply_object (r), "surveys");
  g_assert_cmpuint (json_array_get_length (surveys), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (surveys, 0), "result"),
                   ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (surveys, 0), "notes"),
                   ==, "作業場は安全");
  /* applied → surveyed → registered, both on the survey's date. */
  changes = json_object_get_array_member (ts_reply_object (r), "status_changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  c = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "from"), ==, "applied");
  g_assert_cmpstr (json_object_get_string_member (c, "to"), ==, "surveyed");
  c = json_array_get_object_element (changes, 1);
  g_assert_cmpstr (json_object_get_string_member (c, "to"), ==, "registered");
  g_assert_cmpstr (json_object_get_string_member (c, "changed_on"), ==, "2026-06-10");

  /* A registered host is not surveyed again. */
  {
    g_autoptr(TsReply) again = ts_harness_call (f->h, "POST", f->h->coordinator,
                                                "{\"surveyed_on\":\"2026-06-11\",\"result\":\"approved\"}",
                                                "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
    ts_assert_problem (again, 409, "invalid_transition", NULL);
    g_assert_cmpstr (ts_reply_str (again, "current_status"), ==, "registered");
  }
}

static void
test_survey_rejected (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator,
                                          "{\"surveyed_on\":\"2026-06-01\",\"result\":\"rejected\"}",
                                          "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
  g_autoptr(TsReply) again = NULL;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_str (r, "status"), ==, "rejected");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ts_reply_object (r), "registered_on")));
  /* A business may apply again and be surveyed again. */
  again = ts_harness_call (f->h, "POST", f->h->coordinator,
                           "{\"surveyed_on\":\"2026-06-12\",\"result\":\"approved\"}",
                           "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
  ts_assert_status (again, 200);
  g_assert_cmpstr (ts_reply_str (again, "status"), ==, "registered");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (again),
                                                                         "surveys")), ==, 2);
}

static void
test_survey_bad_input (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *body;
    guint       status;
    const char *field;
  } cases[] = {
    { "{\"result\":\"approved\"}", 422, "surveyed_on" },
    { "{\"surveyed_on\":\"2026-06-01\"}", 422, "result" },
    { "{\"surveyed_on\":\"2026-06-01\",\"result\":\"maybe\"}", 422, "result" },
    { "{\"surveyed_on\":\"2026-02-30\",\"result\":\"approved\"}", 422, "surveyed_on" },
    { "{\"surveyed_on\":\"2026-06-16\",\"result\":\"approved\"}", 422, "surveyed_on" },
    { "{\"surveyed_on\":\"1999-12-31\",\"result\":\"approved\"}", 422, "surveyed_on" },
    { "{\"surveyed_on\":20260601,\"result\":\"approved\"}", 422, "surveyed_on" },
    { "{\"surveyed_on\":\"2026-06-01\",\"result\":true}", 422, "result" },
    { "{\"surveyed_on\":\"2026-06-01\",\"result\":\"approved\",\"score\":5}", 400, "score" },
  };
  gint64 id = create_host (f->h, NULL);

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, cases[i].body,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
      g_test_message ("%s", cases[i].body);
      ts_assert_problem (r, cases[i].status, cases[i].status == 400 ? "unknown_field"
                                                                     : "validation_failed",
                         cases[i].field);
    }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator,
                                            "{\"surveyed_on\":\"2026-06-01\",\"result\":\"approved\"}",
                                            "/v1/hosts/55555/survey");
    ts_assert_problem (r, 404, "not_found", NULL);
  }
}

/* The status verbs' body is optional (ts_request_open_optional_body()):
 * one that is not an object is a field error, and nothing changes. */
static void
test_status_not_an_object (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) after = NULL;

  (void) data;
  survey (f->h, id, "approved");
  r = ts_harness_call (f->h, "POST", f->h->coordinator, "[1]",
                       "/v1/hosts/%" G_GINT64_FORMAT "/suspend", id);
  ts_assert_problem (r, 422, "validation_failed", "body");
  after = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/hosts/%" G_GINT64_FORMAT, id);
  ts_assert_status (after, 200);
  g_assert_cmpstr (ts_reply_str (after, "status"), ==, "registered");
}

static void
test_suspend_reinstate_retire (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  gint64 applied = create_host (f->h, NULL);

  (void) data;
  {
    /* Only a registered host can be suspended. */
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/suspend", applied);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
    g_assert_cmpstr (ts_reply_str (r, "current_status"), ==, "applied");
  }
  survey (f->h, id, "approved");
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"reason\":\"改装工事のため\"}",
                                            "/v1/hosts/%" G_GINT64_FORMAT "/suspend", id);
    JsonArray *changes;
    ts_assert_status (r, 200);
    g_assert_cmpstr (ts_reply_str (r, "status"), ==, "suspended");
    changes = json_object_get_array_member (ts_reply_object (r), "status_changes");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 2), "reason"),
                     ==, "改装工事のため");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 2), "changed_on"),
                     ==, TODAY);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/suspend", id);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, "{}",
                                            "/v1/hosts/%" G_GINT64_FORMAT "/reinstate", id);
    ts_assert_status (r, 200);
    g_assert_cmpstr (ts_reply_str (r, "status"), ==, "registered");
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/reinstate", id);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  {
    g_autoptr(TsReply) bad = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"reason\":5}",
                                              "/v1/hosts/%" G_GINT64_FORMAT "/retire", id);
    g_autoptr(TsReply) unknown = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"why\":\"x\"}",
                                                  "/v1/hosts/%" G_GINT64_FORMAT "/retire", id);
    g_autoptr(TsReply) missing = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/hosts/98765/retire");
    ts_assert_problem (bad, 422, "validation_failed", "reason");
    ts_assert_problem (unknown, 400, "unknown_field", "why");
    ts_assert_problem (missing, 404, "not_found", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"reason\":\"廃業\"}",
                                            "/v1/hosts/%" G_GINT64_FORMAT "/retire", id);
    g_autoptr(TsReply) again = NULL;
    g_autoptr(TsReply) patch = NULL;
    ts_assert_status (r, 200);
    g_assert_cmpstr (ts_reply_str (r, "status"), ==, "retired");
    again = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/hosts/%" G_GINT64_FORMAT "/retire", id);
    ts_assert_problem (again, 409, "invalid_transition", NULL);
    patch = ts_harness_call (f->h, "PATCH", f->h->coordinator, "{\"capacity_per_day\":2}",
                             "/v1/hosts/%" G_GINT64_FORMAT, id);
    ts_assert_problem (patch, 409, "invalid_transition", NULL);
  }
  {
    /* An application can be withdrawn (retired) too. */
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                            "/v1/hosts/%" G_GINT64_FORMAT "/retire", applied);
    ts_assert_status (r, 200);
  }
}

/* ---- calendar --------------------------------------------------------------- */

static void
test_calendar (Fixture *f, gconstpointer data)
{
  gint64 id = create_host (f->h, NULL);
  gint64 supporter = ts_harness_create_supporter (f->h, NULL);
  g_autofree char *sup = ts_harness_user_token (f->h, "supporter", supporter, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, id);
  g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                          "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-07", id);
  JsonArray *days;
  JsonObject *d20;

  (void) data;
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_str (r, "month"), ==, "2026-07");
  days = json_object_get_array_member (ts_reply_object (r), "days");
  g_assert_cmpuint (json_array_get_length (days), ==, 31);
  d20 = json_array_get_object_element (days, 19);
  g_assert_cmpstr (json_object_get_string_member (d20, "date"), ==, "2026-07-20");
  g_assert_cmpstr (json_object_get_string_member (d20, "holiday"), ==, "海の日");
  g_assert_cmpint (json_object_get_int_member (d20, "weekday"), ==, 1);
  g_assert_true (json_object_get_boolean_member (d20, "open"));
  g_assert_cmpint (json_object_get_int_member (d20, "participants"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (d20, "available"), ==, 2);
  /* 2026-07-05 is a Sunday: closed. */
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (days, 4), "open"));

  {
    g_autoptr(TsReply) own = ts_harness_call (f->h, "GET", host, NULL,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/calendar", id);
    g_autoptr(TsReply) audit = ts_harness_call (f->h, "GET", f->h->auditor, NULL,
                                                "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-02", id);
    g_autoptr(TsReply) refused = ts_harness_call (f->h, "GET", sup, NULL,
                                                  "/v1/hosts/%" G_GINT64_FORMAT "/calendar", id);
    g_autoptr(TsReply) bad = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                              "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=2026-13", id);
    g_autoptr(TsReply) bad2 = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                               "/v1/hosts/%" G_GINT64_FORMAT "/calendar?month=1999-12", id);
    g_autoptr(TsReply) unknown = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                                  "/v1/hosts/%" G_GINT64_FORMAT "/calendar?year=2026", id);
    g_autoptr(TsReply) missing = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                                  "/v1/hosts/31337/calendar");
    g_autoptr(TsReply) anon = ts_harness_call (f->h, "GET", NULL, NULL,
                                               "/v1/hosts/%" G_GINT64_FORMAT "/calendar", id);
    ts_assert_status (own, 200);
    g_assert_cmpstr (ts_reply_str (own, "month"), ==, "2026-06");
    ts_assert_status (audit, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (audit),
                                                                           "days")), ==, 28);
    ts_assert_problem (refused, 403, "forbidden", NULL);
    ts_assert_problem (bad, 422, "validation_failed", "month");
    ts_assert_problem (bad2, 422, "validation_failed", "month");
    ts_assert_problem (unknown, 400, "unknown_field", "year");
    ts_assert_problem (missing, 404, "not_found", NULL);
    ts_assert_problem (anon, 401, "unauthorized", NULL);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/hosts/" path, Fixture, NULL, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("create", test_create);
  ADD ("create/defaults", test_create_defaults);
  ADD ("create/bad-input", test_create_bad_input);
  ADD ("create/unknown-field", test_create_unknown_field);
  ADD ("create/too-large", test_create_too_large);
  ADD ("roles", test_roles);
  ADD ("host-account", test_host_account);
  ADD ("get", test_get);
  ADD ("list", test_list);
  ADD ("update", test_update);
  ADD ("survey/approved", test_survey_approved);
  ADD ("survey/rejected", test_survey_rejected);
  ADD ("survey/bad-input", test_survey_bad_input);
  ADD ("status", test_suspend_reinstate_retire);
  ADD ("status/not-an-object", test_status_not_an_object);
  ADD ("calendar", test_calendar);
#undef ADD

  return g_test_run ();
}
