/*
 * What every resource of the API shares since issue 12 moved the lists,
 * reads and updates onto one generic layer (model/, service/resource.c,
 * http/resource.c): one mistake in a list query gets one message whichever
 * list it is sent to, and If-Match follows one rule for every record.
 */
#include <string.h>

#include "harness.h"

#define CONSENT_ALL "{\"obtained_on\":\"2026-05-01\",\"scope\":[\"matching\",\"support\"]}"

static const char *const lists[] = {
  "/v1/supporters", "/v1/cases", "/v1/hosts", "/v1/placements", "/v1/assignments",
  "/v1/activities",
};

static const char *const english[] = { "Accept-Language", "en", NULL };

/* The message of the field error on @field; NULL when there is none. */
static const char *
field_message (TsReply *r, const char *field)
{
  JsonObject *obj = ts_reply_object (r);
  JsonArray *errors;

  if (obj == NULL || !json_object_has_member (obj, "errors"))
    return NULL;
  errors = json_object_get_array_member (obj, "errors");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);
      if (g_strcmp0 (json_object_get_string_member (e, "field"), field) == 0)
        return json_object_get_string_member (e, "message");
    }
  return NULL;
}

/* Sends @query to every list and asserts each answers @status with the
 * same message on @field. */
static void
assert_one_message (TsHarness *h, const char *query, guint status, const char *field,
                    const char *expected)
{
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *path = g_strconcat (lists[i], query, NULL);
      g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, h->coordinator, NULL, english);
      const char *message;

      if (r->status != status)
        g_error ("GET %s: expected %u, got %u: %s", path, status, r->status, r->body);
      message = field_message (r, field);
      if (g_strcmp0 (message, expected) != 0)
        g_error ("GET %s: expected \"%s\" on %s, got \"%s\": %s", path, expected, field,
                 message != NULL ? message : "(none)", r->body);
    }
}

static void
test_list_query_messages (TsHarnessFixture *f, gconstpointer data)
{
  (void) data;
  assert_one_message (f->h, "?limit=0", 422, "limit", "Must be from 1 to 200");
  assert_one_message (f->h, "?limit=201", 422, "limit", "Must be from 1 to 200");
  assert_one_message (f->h, "?limit=ten", 422, "limit", "Must be from 1 to 200");
  assert_one_message (f->h, "?cursor=bm90LWEtY3Vyc29y", 422, "cursor",
                      "Not a cursor this service issued");
  assert_one_message (f->h, "?stauts=active", 400, "stauts", "Unknown query parameter");
  /* And a good limit is a page of at most that many. */
  assert_one_message (f->h, "?limit=200", 200, "limit", NULL);
}

/* A cursor of one list is not a cursor of another. */
static void
test_cursor_of_another_list (TsHarnessFixture *f, gconstpointer data)
{
  g_autoptr(TsReply) page = NULL;
  g_autoptr(TsReply) other = NULL;
  g_autofree char *path = NULL;
  const char *cursor;

  (void) data;
  ts_harness_create_supporter (f->h, NULL);
  ts_harness_create_supporter (f->h, NULL);
  page = ts_harness_request (f->h, "GET", "/v1/supporters?limit=1", f->h->coordinator, NULL,
                             NULL);
  ts_assert_status (page, 200);
  cursor = json_object_get_string_member (ts_reply_object (page), "next_cursor");
  g_assert_nonnull (cursor);
  path = g_strconcat ("/v1/hosts?cursor=", cursor, NULL);
  other = ts_harness_request (f->h, "GET", path, f->h->coordinator, NULL, NULL);
  ts_assert_problem (other, 422, "validation_failed", "cursor");
}

static gint64
create (TsHarness *h, const char *path, const char *body)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", path, h->coordinator, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

/* PATCHes @path with If-Match @tag (NULL: none) and returns the status. */
static guint
patch_status (TsHarness *h, const char *path, const char *body, const char *tag)
{
  const char *headers[] = { "If-Match", tag, NULL };
  g_autoptr(TsReply) r = ts_harness_request (h, "PATCH", path, h->coordinator, body,
                                             tag != NULL ? headers : NULL);

  return r->status;
}

/* One If-Match rule for every record: the current strong tag or "*" (or
 * none) applies the change, a stale, weak or foreign tag is 412 and
 * changes nothing. */
static void
test_if_match_one_rule (TsHarnessFixture *f, gconstpointer data)
{
  struct {
    const char *collection;
    const char *create_body;
    const char *patch_body;
  } records[] = {
    { "/v1/supporters", NULL, "{\"occupation\":\"教員\"}" },
    { "/v1/cases",
      "{\"nickname\":\"Mさん\",\"municipality_code\":\"131059\",\"age_band\":\"60s\","
      "\"gender\":\"female\",\"household\":\"two\",\"consent\":" CONSENT_ALL "}",
      "{\"nickname\":\"Kさん\"}" },
    { "/v1/hosts", "{\"name\":\"さくら農園\",\"municipality_code\":\"052019\"}",
      "{\"industry\":\"農業\"}" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      gint64 id = records[i].create_body != NULL
                    ? create (f->h, records[i].collection, records[i].create_body)
                    : ts_harness_create_supporter (f->h, NULL);
      g_autofree char *path = g_strdup_printf ("%s/%" G_GINT64_FORMAT, records[i].collection,
                                               id);
      g_autoptr(TsReply) before = ts_harness_request (f->h, "GET", path, f->h->coordinator,
                                                      NULL, NULL);
      g_autoptr(TsReply) after = NULL;
      g_autofree char *current = NULL;
      const char *body = records[i].patch_body;

      ts_assert_status (before, 200);
      current = g_strdup (ts_reply_header (before, "ETag"));
      g_assert_cmpstr (current, ==, "\"v1\"");

      g_assert_cmpuint (patch_status (f->h, path, body, "\"v7\""), ==, 412);
      g_assert_cmpuint (patch_status (f->h, path, body, "W/\"v1\""), ==, 412);
      g_assert_cmpuint (patch_status (f->h, path, body, "\"etag-of-something-else\""), ==, 412);
      g_assert_cmpuint (patch_status (f->h, path, body, current), ==, 200);
      /* The tag the client held is now stale. */
      g_assert_cmpuint (patch_status (f->h, path, body, current), ==, 412);
      g_assert_cmpuint (patch_status (f->h, path, body, "\"v7\", \"v2\""), ==, 200);
      g_assert_cmpuint (patch_status (f->h, path, body, "*"), ==, 200);
      g_assert_cmpuint (patch_status (f->h, path, body, NULL), ==, 200);

      after = ts_harness_request (f->h, "GET", path, f->h->coordinator, NULL, NULL);
      ts_assert_status (after, 200);
      /* Four changes applied, the refused ones none. */
      g_assert_cmpstr (ts_reply_header (after, "ETag"), ==, "\"v5\"");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                        \
  g_test_add (path, TsHarnessFixture, NULL, ts_harness_fixture_set_up, func,   \
              ts_harness_fixture_tear_down)
  ADD ("/tsunagari/resources/list-query-messages", test_list_query_messages);
  ADD ("/tsunagari/resources/cursor-of-another-list", test_cursor_of_another_list);
  ADD ("/tsunagari/resources/if-match-one-rule", test_if_match_one_rule);
#undef ADD
  return g_test_run ();
}
