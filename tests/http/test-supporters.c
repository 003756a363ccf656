/*
 * The supporter registry on a live server (SPEC 2.1, 3.2, issue 3):
 * create, read, list with filters and cursors, PATCH with If-Match, direct
 * training records, registration with a supporter code, suspension and
 * retirement; every refused role and every kind of bad input.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY), fiscal year 2026, so
 * that qualification and supporter codes are predictable.
 */
#include <stdarg.h>
#include <string.h>
#include <sqlite3.h>

#include "harness.h"

#define TODAY "2026-06-15"

#define FULL_BODY                                                              \
  "{\"name\":\"試験 太郎\",\"name_kana\":\"しけん たろう\",\"gender\":\"male\","   \
  "\"birth_year\":1980,\"municipality_code\":\"092011\","                      \
  "\"location\":{\"lat\":36.555,\"lon\":139.882},\"occupation\":\"社会福祉士\","  \
  "\"peer_experience\":\"family\",\"skills\":[\"home_visit\",\"phone\"],"       \
  "\"interests\":[\"将棋\",\"music\"],"                                          \
  "\"availability\":[{\"weekday\":1,\"from\":\"09:00\",\"to\":\"12:30\"},"     \
  "{\"weekday\":6,\"from\":\"13:00\",\"to\":\"24:00\"}],"                       \
  "\"max_cases\":3,\"insurance_until\":\"2027-03-31\"}"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

static JsonObject *
qualification (TsReply *r)
{
  return json_object_get_object_member (ts_reply_object (r), "qualification");
}

/* A supporter with the harness's defaults plus @overrides. */
static gint64
create (TsHarness *h, const char *overrides)
{
  return ts_harness_create_supporter (h, overrides);
}

static void
add_training (TsHarness *h, gint64 id, const char *kind, const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"%s\",\"completed_on\":\"%s\"}", kind, date);
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                          "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
  ts_assert_status (r, 201);
}

/* Follows next_cursor from @query to the end; returns every id seen, in
 * order, and checks that no page is longer than @limit. */
static GArray *
walk (TsHarness *h, const char *filters, guint limit, guint *n_pages)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor = NULL;

  *n_pages = 0;
  do
    {
      g_autofree char *query = NULL;
      g_autoptr(GArray) ids = NULL;
      char *next = NULL;

      if (cursor != NULL)
        query = g_strdup_printf ("?limit=%u%s&cursor=%s", limit, filters, cursor);
      else
        query = g_strdup_printf ("?limit=%u%s", limit, filters);
      ids = ts_harness_list_ids (h, "supporters", query, &next);
      g_assert_cmpuint (ids->len, <=, limit);
      if (next != NULL)
        g_assert_cmpuint (ids->len, ==, limit);
      g_array_append_vals (all, ids->data, ids->len);
      g_free (cursor);
      cursor = next;
      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <, 100);
    }
  while (cursor != NULL);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (g_array_index (all, gint64, i - 1), <, g_array_index (all, gint64, i));
  return all;
}

/* ---- create -------------------------------------------------------------- */

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                             FULL_BODY, NULL);
  JsonObject *obj, *loc, *q;
  JsonArray *avail;
  gint64 id;
  g_autofree char *location = NULL;

  (void) data;
  ts_assert_status (r, 201);
  obj = ts_reply_object (r);
  id = json_object_get_int_member (obj, "id");
  location = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (ts_reply_header (r, "Location"), ==, location);
  g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v1\"");
  g_assert_cmpstr (ts_reply_str (r, "name"), ==, "試験 太郎");
  g_assert_cmpstr (ts_reply_str (r, "name_kana"), ==, "しけん たろう");
  g_assert_cmpstr (ts_reply_str (r, "gender"), ==, "male");
  g_assert_cmpint (json_object_get_int_member (obj, "birth_year"), ==, 1980);
  g_assert_cmpstr (ts_reply_str (r, "municipality_code"), ==, "092011");
  g_assert_cmpstr (ts_reply_str (r, "municipality_name"), ==, "宇都宮市");
  g_assert_cmpstr (ts_reply_str (r, "prefecture_name"), ==, "栃木県");
  loc = json_object_get_object_member (obj, "location");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (loc, "lat"), 36.555, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (loc, "lon"), 139.882, 1e-9);
  g_assert_cmpstr (ts_reply_str (r, "occupation"), ==, "社会福祉士");
  g_assert_cmpstr (ts_reply_str (r, "peer_experience"), ==, "family");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "skills")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj, "interests"), 0),
                   ==, "将棋");
  avail = json_object_get_array_member (obj, "availability");
  g_assert_cmpuint (json_array_get_length (avail), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (avail, 0), "to"),
                   ==, "12:30");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (avail, 1), "to"),
                   ==, "24:00");
  g_assert_cmpint (json_object_get_int_member (obj, "max_cases"), ==, 3);
  g_assert_cmpstr (ts_reply_str (r, "insurance_until"), ==, "2027-03-31");
  g_assert_cmpstr (ts_reply_str (r, "status"), ==, "applicant");
  g_assert_true (json_node_is_null (json_object_get_member (obj, "code")));
  g_assert_true (json_node_is_null (json_object_get_member (obj, "registered_on")));
  q = qualification (r);
  g_assert_cmpstr (json_object_get_string_member (q, "status"), ==, "untrained");
  g_assert_cmpstr (json_object_get_string_member (q, "on"), ==, TODAY);
  g_assert_true (json_node_is_null (json_object_get_member (q, "follow_up_due_on")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "trainings")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "version"), ==, 1);
  g_assert_true (g_str_has_suffix (ts_reply_str (r, "created_at"), "+09:00"));
  g_assert_true (g_str_has_suffix (ts_reply_str (r, "updated_at"), "+09:00"));

  /* The answer is built from what was inserted, not read back: it must
   * be exactly what a read of the stored row gives. */
  {
    g_autoptr(TsReply) again = ts_harness_request (f->h, "GET", location, f->h->coordinator,
                                                   NULL, NULL);
    ts_assert_status (again, 200);
    g_assert_true (json_node_equal (r->json, again->json));
    g_assert_cmpstr (ts_reply_header (again, "ETag"), ==, ts_reply_header (r, "ETag"));
  }
}

static void
test_create_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->admin,
                                             "{\"name\":\"  最小 限 \",\"gender\":\"unspecified\","
                                             "\"municipality_code\":\"141011\","
                                             "\"peer_experience\":\"none\"}", NULL);
  JsonObject *obj;

  (void) data;
  ts_assert_status (r, 201);
  obj = ts_reply_object (r);
  g_assert_cmpstr (ts_reply_str (r, "name"), ==, "最小 限");
  g_assert_cmpint (json_object_get_int_member (obj, "max_cases"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "skills")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "interests")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "availability")), ==, 0);
  g_assert_true (json_node_is_null (json_object_get_member (obj, "location")));
  g_assert_true (json_node_is_null (json_object_get_member (obj, "insurance_until")));
  g_assert_true (json_node_is_null (json_object_get_member (obj, "birth_year")));
  /* A designated city's ward is named with its city. */
  g_assert_cmpstr (ts_reply_str (r, "municipality_name"), ==, "横浜市鶴見区");
  g_assert_cmpstr (ts_reply_str (r, "prefecture_name"), ==, "神奈川県");
}

static void
test_create_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                             "{}", NULL);
  (void) data;
  ts_assert_problem (r, 422, "validation_failed", "name");
  g_assert_true (ts_reply_has_field_error (r, "gender"));
  g_assert_true (ts_reply_has_field_error (r, "municipality_code"));
  g_assert_true (ts_reply_has_field_error (r, "peer_experience"));
}

static void
test_create_wrong_types (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_request (
    f->h, "POST", "/v1/supporters", f->h->coordinator,
    "{\"name\":5,\"name_kana\":true,\"gender\":[],\"birth_year\":\"1980\","
    "\"municipality_code\":92011,\"location\":[1,2],\"occupation\":{},"
    "\"peer_experience\":1,\"skills\":\"phone\",\"interests\":[1],"
    "\"availability\":{},\"max_cases\":\"2\",\"insurance_until\":20270331}", NULL);
  const char *fields[] = { "name", "name_kana", "gender", "birth_year", "municipality_code",
                           "location", "occupation", "peer_experience", "skills", "interests",
                           "availability", "max_cases", "insurance_until" };

  (void) data;
  ts_assert_problem (r, 422, "validation_failed", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!ts_reply_has_field_error (r, fields[i]))
      g_error ("no error for %s: %s", fields[i], r->body);
}

static void
test_create_out_of_range (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) body = g_string_new ("{\"name\":\"");
  g_autoptr(TsReply) r = NULL;
  const char *fields[] = { "name", "name_kana", "gender", "birth_year", "location.lat",
                           "location.lon", "occupation", "peer_experience", "skills",
                           "interests", "availability[0].weekday", "availability[1].to",
                           "availability[2].from", "max_cases" };

  (void) data;
  for (int i = 0; i < 101; i++)
    g_string_append (body, "あ");
  g_string_append (body, "\",\"name_kana\":\"Taro\",\"gender\":\"woman\",\"birth_year\":1899,"
                   "\"municipality_code\":\"092011\",\"location\":{\"lat\":90.5,\"lon\":-180.5},"
                   "\"occupation\":\"");
  for (int i = 0; i < 101; i++)
    g_string_append (body, "x");
  g_string_append (body, "\",\"peer_experience\":\"peer\",\"skills\":[\"cooking\"],"
                   "\"interests\":[\"0123456789012345678901234567890123456789X\"],"
                   "\"availability\":[{\"weekday\":8,\"from\":\"09:00\",\"to\":\"10:00\"},"
                   "{\"weekday\":1,\"from\":\"10:00\",\"to\":\"09:59\"},"
                   "{\"weekday\":2,\"from\":\"25:00\",\"to\":\"26:00\"}],"
                   "\"max_cases\":21}");
  r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator, body->str, NULL);
  ts_assert_problem (r, 422, "validation_failed", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!ts_reply_has_field_error (r, fields[i]))
      g_error ("no error for %s: %s", fields[i], r->body);
}

static void
test_create_limits (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) interests = g_string_new ("\"interests\":[");
  g_autoptr(GString) slots = g_string_new ("\"availability\":[");
  g_autofree char *overrides = NULL;
  g_autofree char *body = NULL;
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) ok = NULL;

  (void) data;
  for (int i = 0; i < 33; i++)
    g_string_append_printf (interests, "%s\"i%d\"", i ? "," : "", i);
  g_string_append (interests, "]");
  for (int i = 0; i < 22; i++)
    g_string_append_printf (slots, "%s{\"weekday\":%d,\"from\":\"09:00\",\"to\":\"10:00\"}",
                            i ? "," : "", i % 7 + 1);
  g_string_append (slots, "]");
  body = g_strdup_printf ("{\"name\":\"a\",\"gender\":\"other\",\"municipality_code\":\"092011\","
                          "\"peer_experience\":\"self\",%s,%s,\"max_cases\":-1,"
                          "\"birth_year\":2027}", interests->str, slots->str);
  r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator, body, NULL);
  ts_assert_problem (r, 422, "validation_failed", "interests");
  g_assert_true (ts_reply_has_field_error (r, "availability"));
  g_assert_true (ts_reply_has_field_error (r, "max_cases"));
  g_assert_true (ts_reply_has_field_error (r, "birth_year"));

  /* The limits themselves are accepted: 32 interests, 21 ranges, 20 cases,
   * born this year. */
  g_string_truncate (interests, 0);
  g_string_append (interests, "\"interests\":[");
  for (int i = 0; i < 32; i++)
    g_string_append_printf (interests, "%s\"i%d\"", i ? "," : "", i);
  g_string_append (interests, "]");
  g_string_truncate (slots, 0);
  g_string_append (slots, "\"availability\":[");
  for (int i = 0; i < 21; i++)
    g_string_append_printf (slots, "%s{\"weekday\":%d,\"from\":\"00:00\",\"to\":\"23:59\"}",
                            i ? "," : "", i % 7 + 1);
  g_string_append (slots, "]");
  overrides = g_strdup_printf ("%s,%s,\"max_cases\":20,\"birth_year\":2026,\"name_kana\":\"シケン・ハナコ　ー\"",
                               interests->str, slots->str);
  body = (g_free (body), g_strdup_printf ("{\"name\":\"a\",\"gender\":\"other\","
                                          "\"municipality_code\":\"092011\","
                                          "\"peer_experience\":\"self\",%s}", overrides));
  ok = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator, body, NULL);
  ts_assert_status (ok, 201);
}

static void
test_create_unknown_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) r1 = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                              "{\"nmae\":\"x\",\"name\":\"x\",\"gender\":\"male\","
                                              "\"municipality_code\":\"092011\","
                                              "\"peer_experience\":\"none\"}", NULL);
  g_autoptr(TsReply) r2 = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                              "{\"name\":\"x\",\"gender\":\"male\","
                                              "\"municipality_code\":\"092011\","
                                              "\"peer_experience\":\"none\","
                                              "\"location\":{\"lat\":1,\"lon\":2,\"alt\":3},"
                                              "\"availability\":[{\"weekday\":1,\"from\":\"09:00\","
                                              "\"to\":\"10:00\",\"note\":\"x\"}]}", NULL);
  g_autoptr(TsReply) r3 = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                              "{\"name\":\"x\",\"gender\":\"male\","
                                              "\"municipality_code\":\"092011\","
                                              "\"peer_experience\":\"none\",\"status\":\"registered\","
                                              "\"code\":\"09-2026-0001\"}", NULL);
  g_autoptr(TsReply) list = NULL;

  (void) data;
  ts_assert_problem (r1, 400, "unknown_field", "nmae");
  ts_assert_problem (r2, 400, "unknown_field", "location.alt");
  g_assert_true (ts_reply_has_field_error (r2, "availability[0].note"));
  /* Computed members are named as read-only, not unknown. */
  ts_assert_problem (r3, 422, "validation_failed", "status");
  g_assert_true (ts_reply_has_field_error (r3, "code"));

  /* Nothing was stored by any of them. */
  list = ts_harness_request (f->h, "GET", "/v1/supporters", f->h->coordinator, NULL, NULL);
  ts_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (list),
                                                                         "supporters")), ==, 0);
}

static void
test_create_bad_body (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) malformed = ts_harness_request (f->h, "POST", "/v1/supporters",
                                                     f->h->coordinator, "{\"name\":", NULL);
  g_autoptr(TsReply) array = ts_harness_request (f->h, "POST", "/v1/supporters",
                                                 f->h->coordinator, "[]", NULL);
  g_autoptr(TsReply) type = ts_harness_request_raw (f->h, "POST", "/v1/supporters",
                                                    f->h->coordinator, "text/plain", "{}", 2, NULL);
  g_autoptr(TsReply) bad_date = ts_harness_request (f->h, "POST", "/v1/supporters",
                                                    f->h->coordinator,
                                                    "{\"name\":\"x\",\"gender\":\"male\","
                                                    "\"municipality_code\":\"092011\","
                                                    "\"peer_experience\":\"none\","
                                                    "\"insurance_until\":\"2025-02-30\"}", NULL);
  gsize big_len = 1024 * 1024 + 16;
  g_autofree char *big = g_malloc (big_len);
  g_autoptr(TsReply) too_large = NULL;

  (void) data;
  ts_assert_problem (malformed, 400, "bad_request", NULL);
  ts_assert_problem (array, 422, "validation_failed", "body");
  ts_assert_problem (type, 415, "unsupported_media_type", NULL);
  ts_assert_problem (bad_date, 422, "validation_failed", "insurance_until");

  memset (big, ' ', big_len);
  big[0] = '{';
  big[big_len - 1] = '}';
  too_large = ts_harness_request_raw (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                      "application/json", big, big_len, NULL);
  ts_assert_status (too_large, 413);
}

static void
test_municipality_codes (Fixture *f, gconstpointer data)
{
  const struct {
    const char *code;
    const char *message;
  } cases[] = {
    { "09201", NULL },               /* five digits */
    { "０９２０１１", NULL },         /* full-width digits */
    { "092012", NULL },              /* check digit: 092011 is right */
    { "099996", NULL },              /* well formed, no such place */
    { "090000", NULL },              /* a prefecture, not a place to live */
  };
  const char *const en[] = { "Accept-Language", "en", NULL };
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\":\"x\",\"gender\":\"male\","
                                               "\"municipality_code\":\"%s\","
                                               "\"peer_experience\":\"none\"}", cases[i].code);
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                                 body, en);
      JsonArray *errors;

      ts_assert_problem (r, 422, "validation_failed", "municipality_code");
      errors = json_object_get_array_member (ts_reply_object (r), "errors");
      g_hash_table_add (messages, g_strdup (json_object_get_string_member (
                                    json_array_get_object_element (errors, 0), "message")));
    }
  /* Malformed (twice), bad check digit, unknown, wrong kind: four
   * different messages a coordinator can act on. */
  g_assert_cmpuint (g_hash_table_size (messages), ==, 4);
  g_assert_true (g_hash_table_contains (messages,
                                        "The check digit (the sixth digit) of this local government code is wrong"));
  g_assert_true (g_hash_table_contains (messages, "No municipality has this code"));
}

static void
test_create_roles (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *supporter = ts_harness_user_token (f->h, "supporter", id, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 7);
  const char *refused[] = { supporter, host, f->h->auditor };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", refused[i],
                                                 FULL_BODY, NULL);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", NULL, FULL_BODY, NULL);
    g_autoptr(TsReply) bad = ts_harness_request (f->h, "POST", "/v1/supporters", "not-a-token",
                                                 FULL_BODY, NULL);
    ts_assert_problem (r, 401, "unauthorized", NULL);
    ts_assert_problem (bad, 401, "unauthorized", NULL);
  }
}

/* ---- read ---------------------------------------------------------------- */

static void
test_get (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  gint64 other = create (f->h, NULL);
  g_autofree char *own = ts_harness_user_token (f->h, "supporter", id, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 3);
  g_autoptr(TsReply) staff = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                              "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) admin = ts_harness_call (f->h, "GET", f->h->admin, NULL,
                                              "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) self = ts_harness_call (f->h, "GET", own, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) foreign = ts_harness_call (f->h, "GET", own, NULL,
                                                "/v1/supporters/%" G_GINT64_FORMAT, other);
  g_autoptr(TsReply) missing_for_supporter = ts_harness_call (f->h, "GET", own, NULL, "/v1/supporters/99999");
  g_autoptr(TsReply) by_host = ts_harness_call (f->h, "GET", host, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) by_auditor = ts_harness_call (f->h, "GET", f->h->auditor, NULL,
                                                   "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) anonymous = ts_harness_call (f->h, "GET", NULL, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) unknown = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/supporters/99999");
  g_autoptr(TsReply) zero = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/supporters/0");

  (void) data;
  ts_assert_status (staff, 200);
  g_assert_cmpstr (ts_reply_header (staff, "ETag"), ==, "\"v1\"");
  g_assert_true (json_object_has_member (ts_reply_object (staff), "status_history"));
  ts_assert_status (admin, 200);
  ts_assert_status (self, 200);
  g_assert_cmpint (ts_reply_id (self), ==, id);
  g_assert_false (json_object_has_member (ts_reply_object (self), "status_history"));
  /* Another supporter's record and a missing one look the same. */
  ts_assert_problem (foreign, 404, "not_found", NULL);
  ts_assert_problem (missing_for_supporter, 404, "not_found", NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (foreign), "detail"), ==,
                   json_object_get_string_member (ts_reply_object (missing_for_supporter), "detail"));
  ts_assert_problem (by_host, 403, "forbidden", NULL);
  ts_assert_problem (by_auditor, 403, "forbidden", NULL);
  ts_assert_problem (anonymous, 401, "unauthorized", NULL);
  ts_assert_problem (unknown, 404, "not_found", NULL);
  ts_assert_status (zero, 404);
}

static void
test_get_on (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autoptr(TsReply) before = NULL;
  g_autoptr(TsReply) today = NULL;
  g_autoptr(TsReply) later = NULL;
  g_autoptr(TsReply) bad = NULL;
  g_autoptr(TsReply) unknown = NULL;

  (void) data;
  add_training (f->h, id, "initial", "2024-02-29");
  before = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                            "/v1/supporters/%" G_GINT64_FORMAT "?on=2024-02-28", id);
  today = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id);
  later = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                           "/v1/supporters/%" G_GINT64_FORMAT "?on=2027-03-01", id);
  bad = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                         "/v1/supporters/%" G_GINT64_FORMAT "?on=2025-02-30", id);
  unknown = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                             "/v1/supporters/%" G_GINT64_FORMAT "?date=2025-01-01", id);

  ts_assert_status (before, 200);
  g_assert_cmpstr (json_object_get_string_member (qualification (before), "status"), ==, "untrained");
  g_assert_cmpstr (json_object_get_string_member (qualification (before), "on"), ==, "2024-02-28");
  ts_assert_status (today, 200);
  /* 29 February + 3 years = 28 February 2027; 2026-06-15 is more than 90
   * days before it. */
  g_assert_cmpstr (json_object_get_string_member (qualification (today), "status"), ==, "valid");
  g_assert_cmpstr (json_object_get_string_member (qualification (today), "initial_completed_on"),
                   ==, "2024-02-29");
  g_assert_cmpstr (json_object_get_string_member (qualification (today), "last_training_on"),
                   ==, "2024-02-29");
  g_assert_cmpstr (json_object_get_string_member (qualification (today), "follow_up_due_on"),
                   ==, "2027-02-28");
  ts_assert_status (later, 200);
  g_assert_cmpstr (json_object_get_string_member (qualification (later), "status"), ==, "lapsed");
  ts_assert_problem (bad, 422, "validation_failed", "on");
  ts_assert_problem (unknown, 400, "unknown_field", "date");
}

static void
test_reads_are_audited (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *own = ts_harness_user_token (f->h, "supporter", id, 0);
  gint64 n0, n1, n2, n3, n4;

  (void) data;
  n0 = ts_harness_audit_entries (f->h);
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                            "/v1/supporters/%" G_GINT64_FORMAT, id);
    ts_assert_status (r, 200);
  }
  n1 = ts_harness_audit_entries (f->h);
  g_assert_cmpint (n1, ==, n0 + 1);
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/supporters?limit=1",
                                               f->h->coordinator, NULL, NULL);
    ts_assert_status (r, 200);
  }
  n2 = ts_harness_audit_entries (f->h);
  g_assert_cmpint (n2, ==, n1 + 1);
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", own, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id);
    ts_assert_status (r, 200);
  }
  n3 = ts_harness_audit_entries (f->h);
  g_assert_cmpint (n3, ==, n2 + 1);
  /* A refused read reads nothing and logs nothing. */
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", own, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id + 1);
    ts_assert_status (r, 404);
  }
  n4 = ts_harness_audit_entries (f->h);
  g_assert_cmpint (n4, ==, n3);
}

/* ---- list ---------------------------------------------------------------- */

static void
test_list_roles (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *supporter = ts_harness_user_token (f->h, "supporter", id, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 1);
  const char *refused[] = { supporter, host, f->h->auditor };
  g_autoptr(TsReply) ok = ts_harness_request (f->h, "GET", "/v1/supporters", f->h->admin, NULL, NULL);
  g_autoptr(TsReply) anonymous = ts_harness_request (f->h, "GET", "/v1/supporters", NULL, NULL, NULL);
  JsonObject *obj;

  (void) data;
  ts_assert_status (ok, 200);
  obj = ts_reply_object (ok);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "supporters")), ==, 1);
  g_assert_true (json_node_is_null (json_object_get_member (obj, "next_cursor")));
  g_assert_cmpstr (json_object_get_string_member (obj, "on"), ==, TODAY);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/supporters", refused[i], NULL, NULL);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  ts_assert_problem (anonymous, 401, "unauthorized", NULL);
}

static void
test_list_bad_query (Fixture *f, gconstpointer data)
{
  const struct {
    const char *query;
    guint       status;
    const char *field;
  } cases[] = {
    { "?limit=0", 422, "limit" },
    { "?limit=201", 422, "limit" },
    { "?limit=abc", 422, "limit" },
    { "?limit=-5", 422, "limit" },
    { "?limit=", 422, "limit" },
    { "?cursor=zzz", 422, "cursor" },
    { "?cursor=MTIz", 422, "cursor" },          /* "123" in base64: not ours */
    { "?cursor=", 422, "cursor" },
    { "?status=active", 422, "status" },
    { "?qualification=expired", 422, "qualification" },
    { "?municipality_code=092012", 422, "municipality_code" },
    { "?municipality_code=abc", 422, "municipality_code" },
    { "?on=2025-02-30", 422, "on" },
    { "?on=tomorrow", 422, "on" },
    { "?stauts=registered", 400, "stauts" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/supporters", cases[i].query, NULL);
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", path, f->h->coordinator, NULL, NULL);
      ts_assert_problem (r, cases[i].status, cases[i].status == 400 ? "unknown_field" : "validation_failed",
                         cases[i].field);
    }
  /* Every bad parameter at once. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/supporters?limit=0&on=x&status=y",
                                               f->h->coordinator, NULL, NULL);
    ts_assert_problem (r, 422, "validation_failed", "limit");
    g_assert_true (ts_reply_has_field_error (r, "on"));
    g_assert_true (ts_reply_has_field_error (r, "status"));
  }
}

static void
test_list_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) utsunomiya = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) filtered = NULL;
  g_autoptr(GArray) registered = NULL;
  g_autoptr(GArray) both = NULL;
  guint pages;

  (void) data;
  for (int i = 0; i < 11; i++)
    {
      gint64 id = create (f->h, i % 3 == 0 ? "\"municipality_code\":\"092029\"" : NULL);
      if (i % 3 != 0)
        g_array_append_val (utsunomiya, id);
      if (i % 2 == 0)
        {
          g_autoptr(TsReply) r = NULL;
          add_training (f->h, id, "initial", "2025-05-01");
          r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                               "/v1/supporters/%" G_GINT64_FORMAT "/register", id);
          ts_assert_status (r, 200);
        }
    }

  all = walk (f->h, "", 3, &pages);
  g_assert_cmpuint (all->len, ==, 11);
  g_assert_cmpuint (pages, ==, 4);

  /* A page size that divides the total exactly still ends with a null
   * cursor, not an empty extra page. */
  {
    g_autoptr(GArray) exact = NULL;
    g_autoptr(TsReply) r = NULL;
    exact = walk (f->h, "", 11, &pages);
    g_assert_cmpuint (exact->len, ==, 11);
    g_assert_cmpuint (pages, ==, 1);
    r = ts_harness_request (f->h, "GET", "/v1/supporters", f->h->coordinator, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r),
                                                                           "supporters")), ==, 11);
  }

  filtered = walk (f->h, "&municipality_code=092011", 2, &pages);
  g_assert_cmpuint (filtered->len, ==, utsunomiya->len);
  for (guint i = 0; i < filtered->len; i++)
    g_assert_cmpint (g_array_index (filtered, gint64, i), ==, g_array_index (utsunomiya, gint64, i));

  registered = walk (f->h, "&status=registered", 4, &pages);
  g_assert_cmpuint (registered->len, ==, 6);
  g_assert_cmpuint (pages, ==, 2);

  both = walk (f->h, "&status=applicant&municipality_code=092029", 1, &pages);
  /* i = 3 and 9 are in 足利市 and stayed applicants. */
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_cmpuint (pages, ==, 2);
}

/* ?q finds a supporter by name, kana or number, however it is typed:
 * without the space, in hiragana, full-width; a page keeps reading until
 * it has `limit` matches. */
static void
test_list_search (Fixture *f, gconstpointer data)
{
  gint64 hanako, ichiro, suzuki;
  g_autofree char *code = NULL;
  g_autofree char *by_code = NULL;

  (void) data;
  hanako = ts_harness_create_supporter (f->h, "\"name\":\"佐藤 花子\",\"name_kana\":\"サトウ ハナコ\"");
  for (int i = 0; i < 5; i++)
    create (f->h, NULL);
  ichiro = ts_harness_create_supporter (f->h, "\"name\":\"佐藤 一郎\",\"name_kana\":\"さとう いちろう\"");
  suzuki = ts_harness_create_supporter (f->h, "\"name\":\"鈴木 はなこ\"");
  add_training (f->h, ichiro, "initial", "2025-05-01");
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                            "/v1/supporters/%" G_GINT64_FORMAT "/register", ichiro);
    ts_assert_status (r, 200);
    code = g_strdup (json_object_get_string_member (ts_reply_object (r), "code"));
  }
  {
    const struct { const char *q; gint64 want[3]; } cases[] = {
      { "%E4%BD%90%E8%97%A4%E8%8A%B1%E5%AD%90", { hanako, 0, 0 } },    /* 佐藤花子, no space */
      { "%E3%81%95%E3%81%A8%E3%81%86", { hanako, ichiro, 0 } },         /* さとう */
      { "%E3%83%8F%E3%83%8A%E3%82%B3", { hanako, suzuki, 0 } },         /* ハナコ: kana and a name */
      { "%E4%BD%90%E8%97%A4", { hanako, ichiro, 0 } },                  /* 佐藤 */
      { "%E6%9D%BE%E6%9C%AC", { 0, 0, 0 } },                            /* 松本: nobody */
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *query = g_strconcat ("&q=", cases[i].q, NULL);
        guint pages;
        g_autoptr(GArray) found = walk (f->h, query, 1, &pages);
        guint n = 0;

        while (n < 3 && cases[i].want[n] != 0)
          n++;
        g_assert_cmpuint (found->len, ==, n);
        for (guint j = 0; j < n; j++)
          g_assert_cmpint (g_array_index (found, gint64, j), ==, cases[i].want[j]);
      }
  }
  /* The number, typed in full-width digits. */
  {
    GString *wide = g_string_new ("&q=");
    guint pages;
    g_autoptr(GArray) found = NULL;

    for (const char *p = code; *p != '\0'; p++)
      {
        if (g_ascii_isdigit (*p))
          {
            char buf[8];
            gint len = g_unichar_to_utf8 (0xFF10 + (*p - '0'), buf);
            for (gint k = 0; k < len; k++)
              g_string_append_printf (wide, "%%%02X", (guchar) buf[k]);
          }
        else
          g_string_append_c (wide, *p);
      }
    by_code = g_string_free (wide, FALSE);
    found = walk (f->h, by_code, 50, &pages);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (g_array_index (found, gint64, 0), ==, ichiro);
  }
  /* Bad searches: only spaces (an ideographic one too), too long; a query
   * that is not UTF-8 is refused whole, before any filter is read. */
  {
    g_autofree char *long_q = NULL;
    GString *s = g_string_new ("/v1/supporters?q=");
    const char *bad[] = { "/v1/supporters?q=%20%E3%80%80", NULL };
    g_autoptr(TsReply) not_utf8 = ts_harness_request (f->h, "GET", "/v1/supporters?q=%FF%FE",
                                                      f->h->coordinator, NULL, NULL);

    ts_assert_problem (not_utf8, 400, "bad_request", NULL);
    for (int i = 0; i < 51; i++)
      g_string_append (s, "%E3%81%82");
    bad[1] = long_q = g_string_free (s, FALSE);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", bad[i], f->h->coordinator, NULL, NULL);
        ts_assert_problem (r, 422, "validation_failed", "q");
      }
  }
}

/* The qualification filter is computed: a page must keep reading until
 * it has `limit` matches, however sparse they are. */
static void
test_list_qualification (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) lapsed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) got = NULL;
  guint pages;
  int n_due_soon = 0, n_untrained = 0, n_valid = 0;

  (void) data;
  for (int i = 0; i < 130; i++)
    {
      gint64 id = create (f->h, NULL);
      switch (i % 13)
        {
        case 0:
          /* due 2025-01-10: lapsed on 2026-06-15 */
          add_training (f->h, id, "initial", "2022-01-10");
          g_array_append_val (lapsed, id);
          break;
        case 1:
          /* due 2026-08-01: 47 days ahead */
          add_training (f->h, id, "initial", "2023-08-01");
          n_due_soon++;
          break;
        case 2:
          n_untrained++;
          break;
        default:
          add_training (f->h, id, "initial", "2025-01-01");
          n_valid++;
          break;
        }
    }
  (void) n_valid;

  got = walk (f->h, "&qualification=lapsed", 3, &pages);
  g_assert_cmpuint (got->len, ==, lapsed->len);
  g_assert_cmpuint (pages, ==, 4);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpint (g_array_index (got, gint64, i), ==, g_array_index (lapsed, gint64, i));

  {
    g_autoptr(GArray) due = walk (f->h, "&qualification=due_soon", 200, &pages);
    g_autoptr(GArray) none = walk (f->h, "&qualification=untrained&status=applicant", 4, &pages);
    g_autoptr(GArray) registered = walk (f->h, "&qualification=valid&status=registered", 5, &pages);
    g_assert_cmpuint (due->len, ==, (guint) n_due_soon);
    g_assert_cmpuint (none->len, ==, (guint) n_untrained);
    g_assert_cmpuint (registered->len, ==, 0);
  }

  /* On 2024-12-01 the 2022 trainings were still valid and due soon. */
  {
    g_autoptr(GArray) then = walk (f->h, "&qualification=due_soon&on=2024-12-01", 7, &pages);
    g_assert_cmpuint (then->len, ==, lapsed->len);
  }
}

/* ---- update -------------------------------------------------------------- */

static void
test_patch (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, "\"name_kana\":\"シケン\",\"occupation\":\"教員\","
                            "\"location\":{\"lat\":36.5,\"lon\":139.9},\"birth_year\":1970,"
                            "\"insurance_until\":\"2027-03-31\"");
  g_autoptr(TsReply) get = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                            "/v1/supporters/%" G_GINT64_FORMAT, id);
  const char *etag = ts_reply_header (get, "ETag");
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) cleared = NULL;
  g_autoptr(TsReply) after = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, id);
  JsonObject *obj;

  (void) data;
  g_assert_cmpstr (etag, ==, "\"v1\"");
  r = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                          "{\"max_cases\":5,\"skills\":[\"online\"],\"municipality_code\":\"131016\","
                          "\"availability\":[{\"weekday\":7,\"from\":\"18:00\",\"to\":\"21:00\"}]}",
                          (const char *[]) { "If-Match", etag, NULL });
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_header (r, "ETag"), ==, "\"v2\"");
  obj = ts_reply_object (r);
  g_assert_cmpint (json_object_get_int_member (obj, "max_cases"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (obj, "version"), ==, 2);
  g_assert_cmpstr (ts_reply_str (r, "municipality_name"), ==, "千代田区");
  g_assert_cmpstr (ts_reply_str (r, "prefecture_name"), ==, "東京都");
  /* Untouched members keep their values. */
  g_assert_cmpstr (ts_reply_str (r, "name_kana"), ==, "シケン");
  g_assert_cmpstr (ts_reply_str (r, "occupation"), ==, "教員");

  /* null clears an optional member. */
  cleared = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                "{\"name_kana\":null,\"occupation\":null,\"location\":null,"
                                "\"birth_year\":null,\"insurance_until\":null}", NULL);
  ts_assert_status (cleared, 200);
  obj = ts_reply_object (cleared);
  g_assert_true (json_node_is_null (json_object_get_member (obj, "name_kana")));
  g_assert_true (json_node_is_null (json_object_get_member (obj, "occupation")));
  g_assert_true (json_node_is_null (json_object_get_member (obj, "location")));
  g_assert_true (json_node_is_null (json_object_get_member (obj, "birth_year")));
  g_assert_true (json_node_is_null (json_object_get_member (obj, "insurance_until")));
  g_assert_cmpstr (ts_reply_header (cleared, "ETag"), ==, "\"v3\"");

  after = ts_harness_request (f->h, "GET", path, f->h->coordinator, NULL, NULL);
  g_assert_cmpstr (ts_reply_header (after, "ETag"), ==, "\"v3\"");
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (after), "max_cases"), ==, 5);
}

static void
test_patch_if_match (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, id);
  const char *body = "{\"max_cases\":4}";
  g_autoptr(TsReply) first = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, body,
                                                 (const char *[]) { "If-Match", "\"v1\"", NULL });
  g_autoptr(TsReply) stale = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                 "{\"max_cases\":9}",
                                                 (const char *[]) { "If-Match", "\"v1\"", NULL });
  g_autoptr(TsReply) weak = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, body,
                                                (const char *[]) { "If-Match", "W/\"v2\"", NULL });
  g_autoptr(TsReply) garbage = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, body,
                                                   (const char *[]) { "If-Match", "v2", NULL });
  g_autoptr(TsReply) list = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, body,
                                                (const char *[]) { "If-Match", "\"v1\", \"v2\"", NULL });
  g_autoptr(TsReply) star = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, body,
                                                (const char *[]) { "If-Match", "*", NULL });
  g_autoptr(TsReply) none = ts_harness_request (f->h, "PATCH", path, f->h->coordinator, body, NULL);
  g_autoptr(TsReply) check = ts_harness_request (f->h, "GET", path, f->h->coordinator, NULL, NULL);

  (void) data;
  ts_assert_status (first, 200);
  g_assert_cmpstr (ts_reply_header (first, "ETag"), ==, "\"v2\"");
  ts_assert_problem (stale, 412, "precondition_failed", NULL);
  ts_assert_problem (weak, 412, "precondition_failed", NULL);
  ts_assert_problem (garbage, 412, "precondition_failed", NULL);
  ts_assert_status (list, 200);
  g_assert_cmpstr (ts_reply_header (list, "ETag"), ==, "\"v3\"");
  ts_assert_status (star, 200);
  ts_assert_status (none, 200);
  g_assert_cmpstr (ts_reply_header (none, "ETag"), ==, "\"v5\"");
  /* The stale write changed nothing. */
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (check), "max_cases"), ==, 4);
}

static void
test_patch_bad (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autofree char *supporter = ts_harness_user_token (f->h, "supporter", id, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 2);
  const char *refused[] = { supporter, host, f->h->auditor };
  g_autoptr(TsReply) nulls = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                 "{\"name\":null,\"gender\":null,\"skills\":null,"
                                                 "\"municipality_code\":null,\"max_cases\":null}",
                                                 NULL);
  g_autoptr(TsReply) empty = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                 "{\"name\":\"   \",\"name_kana\":\"\"}", NULL);
  g_autoptr(TsReply) types = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                 "{\"max_cases\":2.5,\"birth_year\":1e3}", NULL);
  g_autoptr(TsReply) unknown_field = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                         "{\"fax\":\"03-0000-0000\"}", NULL);
  g_autoptr(TsReply) read_only = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                     "{\"status\":\"registered\",\"version\":7}", NULL);
  g_autoptr(TsReply) unknown_id = ts_harness_request (f->h, "PATCH", "/v1/supporters/424242",
                                                      f->h->coordinator, "{\"max_cases\":1}", NULL);
  g_autoptr(TsReply) bad_place = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                     "{\"municipality_code\":\"092012\"}", NULL);
  g_autoptr(TsReply) bad_date = ts_harness_request (f->h, "PATCH", path, f->h->coordinator,
                                                    "{\"insurance_until\":\"2026-13-01\"}", NULL);
  g_autoptr(TsReply) anonymous = ts_harness_request (f->h, "PATCH", path, NULL, "{}", NULL);
  g_autoptr(TsReply) check = ts_harness_request (f->h, "GET", path, f->h->coordinator, NULL, NULL);

  (void) data;
  ts_assert_problem (nulls, 422, "validation_failed", "name");
  g_assert_true (ts_reply_has_field_error (nulls, "gender"));
  g_assert_true (ts_reply_has_field_error (nulls, "skills"));
  g_assert_true (ts_reply_has_field_error (nulls, "municipality_code"));
  g_assert_true (ts_reply_has_field_error (nulls, "max_cases"));
  ts_assert_problem (empty, 422, "validation_failed", "name");
  g_assert_true (ts_reply_has_field_error (empty, "name_kana"));
  ts_assert_problem (types, 422, "validation_failed", "max_cases");
  g_assert_true (ts_reply_has_field_error (types, "birth_year"));
  ts_assert_problem (unknown_field, 400, "unknown_field", "fax");
  ts_assert_problem (read_only, 422, "validation_failed", "status");
  g_assert_true (ts_reply_has_field_error (read_only, "version"));
  ts_assert_problem (unknown_id, 404, "not_found", NULL);
  ts_assert_problem (bad_place, 422, "validation_failed", "municipality_code");
  ts_assert_problem (bad_date, 422, "validation_failed", "insurance_until");
  ts_assert_problem (anonymous, 401, "unauthorized", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "PATCH", path, refused[i],
                                                 "{\"max_cases\":1}", NULL);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  /* None of it was written. */
  g_assert_cmpstr (ts_reply_header (check, "ETag"), ==, "\"v1\"");
}

/* ---- trainings ----------------------------------------------------------- */

static void
test_trainings (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
  g_autoptr(TsReply) first = ts_harness_request (f->h, "POST", path, f->h->coordinator,
                                                 "{\"kind\":\"initial\",\"completed_on\":\"2022-05-20\"}",
                                                 NULL);
  g_autoptr(TsReply) again = ts_harness_request (f->h, "POST", path, f->h->coordinator,
                                                 "{\"kind\":\"initial\",\"completed_on\":\"2022-05-20\"}",
                                                 NULL);
  g_autoptr(TsReply) follow = ts_harness_request (f->h, "POST", path, f->h->admin,
                                                  "{\"kind\":\"follow_up\",\"completed_on\":\"" TODAY "\","
                                                  "\"course_id\":null}", NULL);
  JsonArray *trainings;
  JsonObject *t;

  (void) data;
  ts_assert_status (first, 201);
  g_assert_cmpstr (ts_reply_header (first, "ETag"), ==, "\"v2\"");
  /* 2022-05-20 + 3 years: lapsed since 2025-05-21. */
  g_assert_cmpstr (json_object_get_string_member (qualification (first), "status"), ==, "lapsed");
  trainings = json_object_get_array_member (ts_reply_object (first), "trainings");
  g_assert_cmpuint (json_array_get_length (trainings), ==, 1);
  t = json_array_get_object_element (trainings, 0);
  g_assert_cmpstr (json_object_get_string_member (t, "kind"), ==, "initial");
  g_assert_cmpstr (json_object_get_string_member (t, "completed_on"), ==, "2022-05-20");
  g_assert_true (json_node_is_null (json_object_get_member (t, "course_id")));
  g_assert_cmpstr (json_object_get_string_member (t, "source"), ==, "direct");
  g_assert_cmpint (json_object_get_int_member (t, "id"), >, 0);

  ts_assert_problem (again, 409, "already_exists", NULL);

  /* A follow-up completed today renews it for three years. */
  ts_assert_status (follow, 201);
  g_assert_cmpstr (json_object_get_string_member (qualification (follow), "status"), ==, "valid");
  g_assert_cmpstr (json_object_get_string_member (qualification (follow), "follow_up_due_on"),
                   ==, "2029-06-15");
  g_assert_cmpstr (json_object_get_string_member (qualification (follow), "initial_completed_on"),
                   ==, "2022-05-20");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (follow),
                                                                         "trainings")), ==, 2);
}

static void
test_trainings_bad (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
  g_autofree char *supporter = ts_harness_user_token (f->h, "supporter", id, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 9);
  const char *refused[] = { supporter, host, f->h->auditor };
  const struct {
    const char *body;
    guint       status;
    const char *field;
  } cases[] = {
    { "{}", 422, "kind" },
    { "{\"kind\":\"initial\"}", 422, "completed_on" },
    { "{\"completed_on\":\"2024-01-01\"}", 422, "kind" },
    { "{\"kind\":\"refresher\",\"completed_on\":\"2024-01-01\"}", 422, "kind" },
    { "{\"kind\":1,\"completed_on\":\"2024-01-01\"}", 422, "kind" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2025-02-30\"}", 422, "completed_on" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2024/01/01\"}", 422, "completed_on" },
    { "{\"kind\":\"initial\",\"completed_on\":20240101}", 422, "completed_on" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2026-06-16\"}", 422, "completed_on" },
    { "{\"kind\":\"initial\",\"completed_on\":\"1999-12-31\"}", 422, "completed_on" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\",\"course_id\":0}", 422, "course_id" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\",\"course_id\":-3}", 422, "course_id" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\",\"course_id\":\"1\"}", 422, "course_id" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\",\"course_id\":777}", 422, "course_id" },
    { "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\",\"hours\":3}", 400, "hours" },
  };
  g_autoptr(TsReply) unknown_id = ts_harness_request (f->h, "POST", "/v1/supporters/5555/trainings",
                                                      f->h->coordinator,
                                                      "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\"}",
                                                      NULL);
  g_autoptr(TsReply) anonymous = ts_harness_request (f->h, "POST", path, NULL,
                                                     "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\"}",
                                                     NULL);
  g_autoptr(TsReply) check = NULL;

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", path, f->h->coordinator,
                                                 cases[i].body, NULL);
      ts_assert_problem (r, cases[i].status,
                         cases[i].status == 400 ? "unknown_field" : "validation_failed", cases[i].field);
    }
  ts_assert_problem (unknown_id, 404, "not_found", NULL);
  ts_assert_problem (anonymous, 401, "unauthorized", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", path, refused[i],
                                                 "{\"kind\":\"initial\",\"completed_on\":\"2024-01-01\"}",
                                                 NULL);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  check = ts_harness_call (f->h, "GET", f->h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (check),
                                                                         "trainings")), ==, 0);
  g_assert_cmpstr (ts_reply_header (check, "ETag"), ==, "\"v1\"");
}

/* A course row written straight into the database: this file tests the
 * supporter registry, not the course endpoints. */
static gint64
insert_course (TsHarness *h, const char *kind)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO training_courses (kind, title, capacity,"
                                          " created_at) VALUES ('%s', '研修', 50, 0)", kind);
  gint64 id;

  g_assert_cmpint (sqlite3_open (h->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  id = sqlite3_last_insert_rowid (db);
  sqlite3_close (db);
  return id;
}

/* A direct record may name the course it came from; the course must exist
 * and be of the same kind. */
static void
test_trainings_course (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  gint64 course_id = insert_course (f->h, "initial");
  g_autofree char *good = NULL;
  g_autofree char *wrong_kind = NULL;
  g_autoptr(TsReply) r1 = NULL;
  g_autoptr(TsReply) r2 = NULL;
  g_autoptr(TsReply) r3 = NULL;

  (void) data;
  good = g_strdup_printf ("{\"kind\":\"initial\",\"completed_on\":\"2025-01-01\","
                          "\"course_id\":%" G_GINT64_FORMAT "}", course_id);
  wrong_kind = g_strdup_printf ("{\"kind\":\"follow_up\",\"completed_on\":\"2025-01-01\","
                                "\"course_id\":%" G_GINT64_FORMAT "}", course_id);
  r1 = ts_harness_call (f->h, "POST", f->h->coordinator, wrong_kind,
                        "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
  ts_assert_problem (r1, 422, "validation_failed", "course_id");
  r2 = ts_harness_call (f->h, "POST", f->h->coordinator, good, "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
  ts_assert_status (r2, 201);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (ts_reply_object (r2), "trainings"), 0),
                     "course_id"), ==, course_id);
  r3 = ts_harness_call (f->h, "POST", f->h->coordinator, good, "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
  ts_assert_problem (r3, 409, "already_exists", NULL);
}

/* ---- status -------------------------------------------------------------- */

static void
test_register (Fixture *f, gconstpointer data)
{
  gint64 a = create (f->h, NULL);
  gint64 b = create (f->h, "\"municipality_code\":\"131016\"");
  gint64 c = create (f->h, NULL);
  gint64 d = create (f->h, NULL);
  g_autoptr(TsReply) early = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                              "/v1/supporters/%" G_GINT64_FORMAT "/register", a);
  g_autoptr(TsReply) ra = NULL;
  g_autoptr(TsReply) rb = NULL;
  g_autoptr(TsReply) rc = NULL;
  g_autoptr(TsReply) rd = NULL;
  g_autoptr(TsReply) before_training = NULL;
  g_autoptr(TsReply) follow_up_only = NULL;
  g_autoptr(TsReply) twice = NULL;

  (void) data;
  ts_assert_problem (early, 409, "training_incomplete", NULL);

  add_training (f->h, a, "initial", "2026-04-10");
  add_training (f->h, b, "initial", "2026-04-10");
  add_training (f->h, c, "initial", "2025-10-01");
  add_training (f->h, d, "follow_up", "2025-10-01");

  ra = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT "/register", a);
  ts_assert_status (ra, 200);
  g_assert_cmpstr (ts_reply_str (ra, "status"), ==, "registered");
  g_assert_cmpstr (ts_reply_str (ra, "code"), ==, "09-2026-0001");
  g_assert_cmpstr (ts_reply_str (ra, "registered_on"), ==, TODAY);
  g_assert_nonnull (ts_reply_header (ra, "ETag"));

  /* Codes count per prefecture and fiscal year. */
  rb = ts_harness_call (f->h, "POST", f->h->coordinator, "{}", "/v1/supporters/%" G_GINT64_FORMAT "/register", b);
  ts_assert_status (rb, 200);
  g_assert_cmpstr (ts_reply_str (rb, "code"), ==, "13-2026-0001");

  /* A registration dated in March 2026 belongs to fiscal year 2025. */
  before_training = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"registered_on\":\"2025-09-30\"}",
                                     "/v1/supporters/%" G_GINT64_FORMAT "/register", c);
  ts_assert_problem (before_training, 409, "training_incomplete", NULL);
  rc = ts_harness_call (f->h, "POST", f->h->coordinator,
                        "{\"registered_on\":\"2026-03-31\",\"reason\":\"2025年度の名簿から移行\"}",
                        "/v1/supporters/%" G_GINT64_FORMAT "/register", c);
  ts_assert_status (rc, 200);
  g_assert_cmpstr (ts_reply_str (rc, "code"), ==, "09-2025-0001");
  g_assert_cmpstr (ts_reply_str (rc, "registered_on"), ==, "2026-03-31");

  /* A follow-up without the initial course does not qualify. */
  follow_up_only = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                    "/v1/supporters/%" G_GINT64_FORMAT "/register", d);
  ts_assert_problem (follow_up_only, 409, "training_incomplete", NULL);
  add_training (f->h, d, "initial", "2026-05-01");
  rd = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT "/register", d);
  ts_assert_status (rd, 200);
  g_assert_cmpstr (ts_reply_str (rd, "code"), ==, "09-2026-0002");

  twice = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT "/register", a);
  ts_assert_problem (twice, 409, "invalid_transition", NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (twice), "current_status"), ==,
                   "registered");
}

static void
test_register_bad (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT "/register", id);
  g_autofree char *supporter = ts_harness_user_token (f->h, "supporter", id, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 4);
  const char *refused[] = { supporter, host, f->h->auditor };
  g_autoptr(TsReply) future = NULL;
  g_autoptr(TsReply) malformed = NULL;
  g_autoptr(TsReply) wrong_type = NULL;
  g_autoptr(TsReply) unknown = NULL;
  g_autoptr(TsReply) not_object = NULL;
  g_autoptr(TsReply) unknown_id = NULL;
  g_autoptr(TsReply) anonymous = NULL;
  g_autoptr(TsReply) text = NULL;

  (void) data;
  add_training (f->h, id, "initial", "2025-01-01");
  future = ts_harness_request (f->h, "POST", path, f->h->coordinator,
                               "{\"registered_on\":\"2026-06-16\"}", NULL);
  malformed = ts_harness_request (f->h, "POST", path, f->h->coordinator,
                                  "{\"registered_on\":\"2025-02-30\"}", NULL);
  wrong_type = ts_harness_request (f->h, "POST", path, f->h->coordinator, "{\"reason\":42}", NULL);
  unknown = ts_harness_request (f->h, "POST", path, f->h->coordinator, "{\"code\":\"X\"}", NULL);
  not_object = ts_harness_request (f->h, "POST", path, f->h->coordinator, "\"now\"", NULL);
  unknown_id = ts_harness_request (f->h, "POST", "/v1/supporters/31337/register",
                                   f->h->coordinator, NULL, NULL);
  anonymous = ts_harness_request (f->h, "POST", path, NULL, NULL, NULL);
  text = ts_harness_request_raw (f->h, "POST", path, f->h->coordinator, "text/plain", "x", 1, NULL);

  ts_assert_problem (future, 422, "validation_failed", "registered_on");
  ts_assert_problem (malformed, 422, "validation_failed", "registered_on");
  ts_assert_problem (wrong_type, 422, "validation_failed", "reason");
  ts_assert_problem (unknown, 400, "unknown_field", "code");
  ts_assert_problem (not_object, 422, "validation_failed", "body");
  ts_assert_problem (unknown_id, 404, "not_found", NULL);
  ts_assert_problem (anonymous, 401, "unauthorized", NULL);
  ts_assert_problem (text, 415, "unsupported_media_type", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", path, refused[i], NULL, NULL);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) check = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                                "/v1/supporters/%" G_GINT64_FORMAT, id);
    g_assert_cmpstr (ts_reply_str (check, "status"), ==, "applicant");
  }
}

static void
test_transitions (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  gint64 applicant = create (f->h, NULL);
  g_autofree char *base = g_strdup_printf ("/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autofree char *suspend = g_strconcat (base, "/suspend", NULL);
  g_autofree char *retire = g_strconcat (base, "/retire", NULL);
  g_autofree char *reg = g_strconcat (base, "/register", NULL);
  g_autoptr(TsReply) r = NULL;
  JsonArray *history;
  g_autofree char *code = NULL;
  g_autoptr(GString) long_reason = g_string_new ("{\"reason\":\"");

  (void) data;
  /* An applicant cannot be suspended. */
  r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT "/suspend",
                       applicant);
  ts_assert_problem (r, 409, "invalid_transition", NULL);
  g_clear_pointer (&r, ts_reply_free);
  r = ts_harness_request (f->h, "POST", suspend, f->h->coordinator, NULL, NULL);
  ts_assert_problem (r, 409, "invalid_transition", NULL);
  g_clear_pointer (&r, ts_reply_free);

  add_training (f->h, id, "initial", "2025-01-01");
  r = ts_harness_request (f->h, "POST", reg, f->h->coordinator, NULL, NULL);
  ts_assert_status (r, 200);
  code = g_strdup (ts_reply_str (r, "code"));
  g_clear_pointer (&r, ts_reply_free);

  for (int i = 0; i < 501; i++)
    g_string_append (long_reason, "x");
  g_string_append (long_reason, "\"}");
  r = ts_harness_request (f->h, "POST", suspend, f->h->coordinator, long_reason->str, NULL);
  ts_assert_problem (r, 422, "validation_failed", "reason");
  g_clear_pointer (&r, ts_reply_free);

  r = ts_harness_request (f->h, "POST", suspend, f->h->coordinator,
                          "{\"reason\":\"本人の申し出により休止\"}", NULL);
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_str (r, "status"), ==, "suspended");
  g_clear_pointer (&r, ts_reply_free);
  r = ts_harness_request (f->h, "POST", suspend, f->h->coordinator, NULL, NULL);
  ts_assert_problem (r, 409, "invalid_transition", NULL);
  g_clear_pointer (&r, ts_reply_free);

  /* Reinstatement keeps the code and the first registration date. */
  r = ts_harness_request (f->h, "POST", reg, f->h->coordinator, NULL, NULL);
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_str (r, "status"), ==, "registered");
  g_assert_cmpstr (ts_reply_str (r, "code"), ==, code);
  g_assert_cmpstr (ts_reply_str (r, "registered_on"), ==, TODAY);
  g_clear_pointer (&r, ts_reply_free);

  r = ts_harness_request (f->h, "POST", retire, f->h->admin, "{\"reason\":\"転居\"}", NULL);
  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_str (r, "status"), ==, "retired");
  history = json_object_get_array_member (ts_reply_object (r), "status_history");
  g_assert_cmpuint (json_array_get_length (history), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0), "to"),
                   ==, "registered");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 1), "reason"),
                   ==, "本人の申し出により休止");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 3), "from"),
                   ==, "registered");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 3), "on"),
                   ==, TODAY);
  g_clear_pointer (&r, ts_reply_free);

  /* Retired is final. */
  r = ts_harness_request (f->h, "POST", retire, f->h->coordinator, NULL, NULL);
  ts_assert_problem (r, 409, "invalid_transition", NULL);
  g_clear_pointer (&r, ts_reply_free);
  r = ts_harness_request (f->h, "POST", reg, f->h->coordinator, NULL, NULL);
  ts_assert_problem (r, 409, "invalid_transition", NULL);
  g_clear_pointer (&r, ts_reply_free);
  r = ts_harness_request (f->h, "POST", suspend, f->h->coordinator, NULL, NULL);
  ts_assert_problem (r, 409, "invalid_transition", NULL);
  g_clear_pointer (&r, ts_reply_free);

  /* An applicant may retire directly (withdrew before registering). */
  r = ts_harness_call (f->h, "POST", f->h->coordinator, NULL, "/v1/supporters/%" G_GINT64_FORMAT "/retire",
                       applicant);
  ts_assert_status (r, 200);
  g_assert_true (json_node_is_null (json_object_get_member (ts_reply_object (r), "code")));
}

static void
test_status_roles (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autofree char *supporter = ts_harness_user_token (f->h, "supporter", id, 0);
  g_autofree char *host = ts_harness_user_token (f->h, "host", 0, 5);
  const char *refused[] = { supporter, host, f->h->auditor };
  const char *actions[] = { "suspend", "retire" };

  (void) data;
  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      g_autoptr(TsReply) anonymous = ts_harness_call (f->h, "POST", NULL, NULL,
                                                      "/v1/supporters/%" G_GINT64_FORMAT "/%s", id, actions[a]);
      g_autoptr(TsReply) unknown_id = ts_harness_call (f->h, "POST", f->h->coordinator, NULL,
                                                       "/v1/supporters/99999/%s", actions[a]);
      g_autoptr(TsReply) unknown_field = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"why\":\"x\"}",
                                                          "/v1/supporters/%" G_GINT64_FORMAT "/%s", id,
                                                          actions[a]);
      g_autoptr(TsReply) wrong_type = ts_harness_call (f->h, "POST", f->h->coordinator, "{\"reason\":[]}",
                                                       "/v1/supporters/%" G_GINT64_FORMAT "/%s", id, actions[a]);
      g_autoptr(TsReply) no_dates = ts_harness_call (f->h, "POST", f->h->coordinator,
                                                     "{\"registered_on\":\"2026-01-01\"}",
                                                     "/v1/supporters/%" G_GINT64_FORMAT "/%s", id, actions[a]);

      ts_assert_problem (anonymous, 401, "unauthorized", NULL);
      ts_assert_problem (unknown_id, 404, "not_found", NULL);
      ts_assert_problem (unknown_field, 400, "unknown_field", "why");
      ts_assert_problem (wrong_type, 422, "validation_failed", "reason");
      ts_assert_problem (no_dates, 400, "unknown_field", "registered_on");
      for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
        {
          g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", refused[i], NULL,
                                                  "/v1/supporters/%" G_GINT64_FORMAT "/%s", id, actions[a]);
          ts_assert_problem (r, 403, "forbidden", NULL);
        }
    }
}

static void
test_methods (Fixture *f, gconstpointer data)
{
  gint64 id = create (f->h, NULL);
  g_autoptr(TsReply) del = ts_harness_call (f->h, "DELETE", f->h->admin, NULL, "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) put = ts_harness_call (f->h, "PUT", f->h->admin, "{}", "/v1/supporters/%" G_GINT64_FORMAT, id);
  g_autoptr(TsReply) get_register = ts_harness_call (f->h, "GET", f->h->admin, NULL,
                                                     "/v1/supporters/%" G_GINT64_FORMAT "/register", id);

  (void) data;
  /* Supporters are retired, never deleted: the history stays auditable. */
  ts_assert_problem (del, 405, "method_not_allowed", NULL);
  ts_assert_problem (put, 405, "method_not_allowed", NULL);
  ts_assert_problem (get_register, 405, "method_not_allowed", NULL);
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/supporters/" path, Fixture, NULL, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("create", test_create);
  ADD ("create/defaults", test_create_defaults);
  ADD ("create/missing", test_create_missing);
  ADD ("create/wrong-types", test_create_wrong_types);
  ADD ("create/out-of-range", test_create_out_of_range);
  ADD ("create/limits", test_create_limits);
  ADD ("create/unknown-fields", test_create_unknown_fields);
  ADD ("create/bad-body", test_create_bad_body);
  ADD ("create/municipality-codes", test_municipality_codes);
  ADD ("create/roles", test_create_roles);
  ADD ("get", test_get);
  ADD ("get/on", test_get_on);
  ADD ("get/audited", test_reads_are_audited);
  ADD ("list/roles", test_list_roles);
  ADD ("list/bad-query", test_list_bad_query);
  ADD ("list/pages", test_list_pages);
  ADD ("list/search", test_list_search);
  ADD ("list/qualification", test_list_qualification);
  ADD ("patch", test_patch);
  ADD ("patch/if-match", test_patch_if_match);
  ADD ("patch/bad", test_patch_bad);
  ADD ("trainings", test_trainings);
  ADD ("trainings/bad", test_trainings_bad);
  ADD ("trainings/course", test_trainings_course);
  ADD ("register", test_register);
  ADD ("register/bad", test_register_bad);
  ADD ("transitions", test_transitions);
  ADD ("status/roles", test_status_roles);
  ADD ("methods", test_methods);
#undef ADD

  return g_test_run ();
}
