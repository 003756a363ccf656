/*
 * Consultation records on a live server (SPEC 2.7, 3.3; issue 16; seed 004
 * 文京 相談実績): a first contact that creates its consultee, continuing
 * contacts on it, contacts about a case; the one first contact of a
 * person; each refused role; bad input for every field; the organisation
 * scope (another organisation's case, consultee or contact is answered as
 * a missing one); the audit entries of writes and reads, which name ids
 * and never a nickname.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"
#define SHARE "[\"matching\",\"support\"]"
#define NICKNAME "やまだ"
#define FIRST "{\"date\":\"2026-06-10\",\"method\":\"phone\",\"contactor\":\"parent\"," \
              "\"first_contact\":true,\"minutes\":30,\"contactor_age_band\":\"80s+\","   \
              "\"consultee\":{\"nickname\":\"" NICKNAME "\",\"age_band\":\"40s\",\"gender\":\"male\"}}"

typedef struct {
  TsTwoOrgs  o;
  gint64     case_id;         /* 文京's */
  gint64     other_case;      /* 台東's */
} Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_two_orgs_set_up (&f->o, TODAY);
  f->case_id = ts_harness_create_case (f->o.h, f->o.coord, SHARE, FALSE);
  f->other_case = ts_harness_create_case (f->o.h, f->o.other_coord, SHARE, FALSE);
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_two_orgs_tear_down (&f->o);
}

static TsReply *
post (Fixture *f, const char *token, const char *body)
{
  return ts_harness_request (f->o.h, "POST", "/v1/contacts", token, body, NULL);
}

/* A contact recorded by @token; its reply's object member @member. */
static gint64
record (Fixture *f, const char *token, const char *body, const char *member)
{
  g_autoptr(TsReply) r = post (f, token, body);

  ts_assert_status (r, 201);
  return json_object_get_int_member (ts_reply_object (r), member);
}

static JsonArray *
contacts_of (TsReply *r)
{
  ts_assert_status (r, 200);
  return json_object_get_array_member (ts_reply_object (r), "contacts");
}

static char *
detail_of (TsReply *r)
{
  ts_assert_problem (r, 404, "not_found", NULL);
  return g_strdup (json_object_get_string_member (ts_reply_object (r), "detail"));
}

/* The detail of a missing @path, read by @token. */
static char *
missing_detail (Fixture *f, const char *token, const char *path)
{
  g_autoptr(TsReply) r = ts_harness_request (f->o.h, "GET", path, token, NULL, NULL);
  return detail_of (r);
}

/* ---- success ------------------------------------------------------------------ */

static void
test_first_and_continuing (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 first, consultee, next;
  g_autofree char *body = NULL;

  /* A first contact without a case creates the consultee. */
  {
    g_autoptr(TsReply) r = post (f, f->o.coord, FIRST);
    g_autofree char *location = NULL;
    JsonObject *o;

    ts_assert_status (r, 201);
    o = ts_reply_object (r);
    first = ts_reply_id (r);
    consultee = json_object_get_int_member (o, "consultee_id");
    g_assert_cmpint (consultee, >, 0);
    location = g_strdup_printf ("/v1/contacts/%" G_GINT64_FORMAT, first);
    g_assert_cmpstr (ts_reply_header (r, "Location"), ==, location);
    g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-06-10");
    g_assert_cmpstr (json_object_get_string_member (o, "method"), ==, "phone");
    g_assert_cmpstr (json_object_get_string_member (o, "contactor"), ==, "parent");
    g_assert_true (json_object_get_boolean_member (o, "first_contact"));
    g_assert_cmpint (json_object_get_int_member (o, "minutes"), ==, 30);
    g_assert_true (json_object_get_null_member (o, "case_id"));
    g_assert_cmpstr (json_object_get_string_member (o, "contactor_age_band"), ==, "80s+");
    g_assert_cmpint (json_object_get_int_member (o, "organisation_id"), ==, f->o.bunkyo);
    g_assert_cmpint (json_object_get_int_member (o, "user_id"), >, 0);
    /* The contact names its person by id only. */
    g_assert_null (strstr (r->body, NICKNAME));
  }
  /* A continuing contact names the consultee; minutes are optional. */
  body = g_strdup_printf ("{\"date\":\"2026-06-14\",\"method\":\"office_visit\","
                          "\"contactor\":\"self\",\"first_contact\":false,\"minutes\":null,"
                          "\"consultee_id\":%" G_GINT64_FORMAT "}", consultee);
  {
    g_autoptr(TsReply) r = post (f, f->o.coord, body);
    JsonObject *o;

    ts_assert_status (r, 201);
    o = ts_reply_object (r);
    next = ts_reply_id (r);
    g_assert_cmpint (next, >, first);
    g_assert_cmpint (json_object_get_int_member (o, "consultee_id"), ==, consultee);
    g_assert_false (json_object_get_boolean_member (o, "first_contact"));
    g_assert_true (json_object_get_null_member (o, "minutes"));
    g_assert_true (json_object_get_null_member (o, "contactor_age_band"));
  }
  /* The consultee: the light record, its first contact and its count. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL,
                                            "/v1/consultees/%" G_GINT64_FORMAT, consultee);
    JsonObject *o;

    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    g_assert_cmpstr (json_object_get_string_member (o, "nickname"), ==, NICKNAME);
    g_assert_cmpstr (json_object_get_string_member (o, "age_band"), ==, "40s");
    g_assert_cmpstr (json_object_get_string_member (o, "gender"), ==, "male");
    g_assert_cmpstr (json_object_get_string_member (o, "first_contact_on"), ==, "2026-06-10");
    g_assert_cmpstr (json_object_get_string_member (o, "last_contact_on"), ==, "2026-06-14");
    g_assert_cmpint (json_object_get_int_member (o, "contacts_count"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (o, "organisation_id"), ==, f->o.bunkyo);
  }
  /* One read of the contact. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL,
                                            "/v1/contacts/%" G_GINT64_FORMAT, next);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "method"), ==,
                     "office_visit");
  }
  /* A person has one first contact. */
  {
    g_autofree char *again = g_strdup_printf ("{\"date\":\"2026-06-15\",\"method\":\"phone\","
                                              "\"contactor\":\"self\",\"first_contact\":true,"
                                              "\"consultee_id\":%" G_GINT64_FORMAT "}", consultee);
    g_autoptr(TsReply) r = post (f, f->o.coord, again);
    ts_assert_problem (r, 409, "already_exists", NULL);
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM consultees"), ==, 1);
}

static void
test_case_contacts (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  g_autofree char *first = g_strdup_printf ("{\"date\":\"2026-04-01\",\"method\":\"home_visit\","
                                            "\"contactor\":\"agency\",\"first_contact\":true,"
                                            "\"minutes\":720,\"case_id\":%" G_GINT64_FORMAT "}",
                                            f->case_id);
  g_autofree char *later = g_strdup_printf ("{\"date\":\"2026-05-01\",\"method\":\"accompany\","
                                            "\"contactor\":\"sibling\",\"first_contact\":false,"
                                            "\"minutes\":1,\"case_id\":%" G_GINT64_FORMAT "}",
                                            f->case_id);
  gint64 a, b, c;

  a = record (f, f->o.coord, first, "id");
  b = record (f, f->o.coord, later, "id");
  c = record (f, f->o.coord, FIRST, "id");
  /* A second first contact of the case. */
  {
    g_autoptr(TsReply) r = post (f, f->o.coord, first);
    ts_assert_problem (r, 409, "already_exists", NULL);
  }
  /* The contact is the case's organisation's. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL,
                                            "/v1/contacts/%" G_GINT64_FORMAT, a);
    JsonObject *o = ts_reply_object (r);

    ts_assert_status (r, 200);
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, f->case_id);
    g_assert_true (json_object_get_null_member (o, "consultee_id"));
    g_assert_cmpint (json_object_get_int_member (o, "minutes"), ==, 720);
    g_assert_cmpint (json_object_get_int_member (o, "organisation_id"), ==, f->o.bunkyo);
  }
  /* The lists and their filters. */
  {
    g_autofree char *by_case = g_strdup_printf ("/v1/contacts?case_id=%" G_GINT64_FORMAT,
                                                f->case_id);
    g_autoptr(TsReply) all = ts_harness_request (h, "GET", "/v1/contacts", f->o.coord, NULL, NULL);
    g_autoptr(TsReply) cased = ts_harness_request (h, "GET", by_case, f->o.coord, NULL, NULL);
    g_autoptr(TsReply) visits = ts_harness_request (h, "GET", "/v1/contacts?method=home_visit",
                                                    f->o.coord, NULL, NULL);
    g_autoptr(TsReply) april = ts_harness_request (h, "GET",
                                                   "/v1/contacts?from=2026-04-01&to=2026-04-30",
                                                   f->o.coord, NULL, NULL);
    g_autoptr(TsReply) june = ts_harness_request (h, "GET", "/v1/contacts?from=2026-06-01",
                                                  f->o.coord, NULL, NULL);
    g_autoptr(TsReply) admin = ts_harness_request (h, "GET", "/v1/contacts", h->admin, NULL, NULL);

    g_assert_cmpuint (json_array_get_length (contacts_of (all)), ==, 3);
    g_assert_cmpuint (json_array_get_length (contacts_of (cased)), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (contacts_of (cased), 1),
                                                 "id"), ==, b);
    g_assert_cmpuint (json_array_get_length (contacts_of (visits)), ==, 1);
    g_assert_cmpuint (json_array_get_length (contacts_of (april)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (contacts_of (april), 0),
                                                 "id"), ==, a);
    g_assert_cmpuint (json_array_get_length (contacts_of (june)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (contacts_of (june), 0),
                                                 "id"), ==, c);
    g_assert_cmpuint (json_array_get_length (contacts_of (admin)), ==, 3);
  }
  /* Paging. */
  {
    g_autoptr(TsReply) p1 = ts_harness_request (h, "GET", "/v1/contacts?limit=2", f->o.coord, NULL, NULL);
    g_autofree char *next = NULL;
    JsonObject *o;

    g_assert_cmpuint (json_array_get_length (contacts_of (p1)), ==, 2);
    o = ts_reply_object (p1);
    g_assert_false (json_object_get_null_member (o, "next_cursor"));
    next = g_strdup_printf ("/v1/contacts?limit=2&cursor=%s",
                            json_object_get_string_member (o, "next_cursor"));
    {
      g_autoptr(TsReply) p2 = ts_harness_request (h, "GET", next, f->o.coord, NULL, NULL);
      g_assert_cmpuint (json_array_get_length (contacts_of (p2)), ==, 1);
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (contacts_of (p2), 0),
                                                   "id"), ==, c);
      g_assert_true (json_object_get_null_member (ts_reply_object (p2), "next_cursor"));
    }
  }
  /* An administrator records too: the contact is its person's
   * organisation's, the new consultee the administrator's. */
  {
    g_autofree char *other = g_strdup_printf ("{\"date\":\"2026-06-01\",\"method\":\"email\","
                                              "\"contactor\":\"self\",\"first_contact\":false,"
                                              "\"case_id\":%" G_GINT64_FORMAT "}", f->other_case);
    g_autoptr(TsReply) r = post (f, h->admin, other);

    ts_assert_status (r, 201);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "organisation_id"), ==,
                     f->o.taito);
  }
}

/* ---- roles ---------------------------------------------------------------------- */

static void
test_roles (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 contact = record (f, f->o.coord, FIRST, "id");
  gint64 consultee = record (f, f->o.coord, "{\"date\":\"2026-06-11\",\"method\":\"letter\","
                             "\"contactor\":\"other\",\"first_contact\":true,"
                             "\"consultee\":{\"age_band\":\"unknown\",\"gender\":\"unknown\"}}",
                             "consultee_id");
  const char *refused[] = { f->o.auditor, f->o.supporter, f->o.host, h->auditor };
  g_autofree char *one = g_strdup_printf ("/v1/contacts/%" G_GINT64_FORMAT, contact);
  g_autofree char *person = g_strdup_printf ("/v1/consultees/%" G_GINT64_FORMAT, consultee);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) c = post (f, refused[i], FIRST);
      g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/contacts", refused[i], NULL, NULL);
      g_autoptr(TsReply) g = ts_harness_request (h, "GET", one, refused[i], NULL, NULL);
      g_autoptr(TsReply) p = ts_harness_request (h, "GET", person, refused[i], NULL, NULL);

      ts_assert_problem (c, 403, "forbidden", NULL);
      ts_assert_problem (l, 403, "forbidden", NULL);
      ts_assert_problem (g, 403, "forbidden", NULL);
      ts_assert_problem (p, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/contacts", NULL, FIRST, NULL);
    ts_assert_status (r, 401);
  }
  /* The administrator reads everything; the recording coordinator too. */
  {
    g_autoptr(TsReply) g = ts_harness_request (h, "GET", one, h->admin, NULL, NULL);
    g_autoptr(TsReply) p = ts_harness_request (h, "GET", person, h->admin, NULL, NULL);
    g_autoptr(TsReply) mine = ts_harness_request (h, "GET", person, f->o.coord, NULL, NULL);

    ts_assert_status (g, 200);
    ts_assert_status (p, 200);
    ts_assert_status (mine, 200);
    g_assert_true (json_object_get_null_member (ts_reply_object (mine), "nickname"));
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM contacts"), ==, 2);
}

/* ---- bad input ----------------------------------------------------------------------- */

#define BASE "\"date\":\"2026-06-10\",\"method\":\"phone\",\"contactor\":\"self\""
#define NEW_PERSON "\"consultee\":{\"age_band\":\"20s\",\"gender\":\"female\"}"

static void
test_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  g_autofree char *long_name = NULL;
  g_autofree char *case_text = g_strdup_printf ("%" G_GINT64_FORMAT, f->case_id);
  gint64 consultee = record (f, f->o.coord, FIRST, "consultee_id");
  g_autofree char *consultee_text = g_strdup_printf ("%" G_GINT64_FORMAT, consultee);
  struct {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    /* missing */
    { "{}", 422, "validation_failed", "date" },
    { "{\"method\":\"phone\",\"contactor\":\"self\",\"first_contact\":true," NEW_PERSON "}", 422,
      "validation_failed", "date" },
    { "{\"date\":\"2026-06-10\",\"contactor\":\"self\",\"first_contact\":true," NEW_PERSON "}", 422,
      "validation_failed", "method" },
    { "{\"date\":\"2026-06-10\",\"method\":\"phone\",\"first_contact\":true," NEW_PERSON "}", 422,
      "validation_failed", "contactor" },
    { "{" BASE "," NEW_PERSON "}", 422, "validation_failed", "first_contact" },
    { "{" BASE ",\"first_contact\":true}", 422, "validation_failed", "consultee" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"gender\":\"female\"}}", 422,
      "validation_failed", "consultee.age_band" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"age_band\":\"20s\"}}", 422,
      "validation_failed", "consultee.gender" },
    /* wrong type */
    { "[]", 422, "validation_failed", "body" },
    { "{\"date\":20260610,\"method\":\"phone\",\"contactor\":\"self\",\"first_contact\":true,"
      NEW_PERSON "}", 422, "validation_failed", "date" },
    { "{\"date\":\"2026-06-10\",\"method\":1,\"contactor\":\"self\",\"first_contact\":true,"
      NEW_PERSON "}", 422, "validation_failed", "method" },
    { "{" BASE ",\"first_contact\":\"yes\"," NEW_PERSON "}", 422, "validation_failed", "first_contact" },
    { "{" BASE ",\"first_contact\":null," NEW_PERSON "}", 422, "validation_failed", "first_contact" },
    { "{" BASE ",\"first_contact\":true,\"minutes\":\"30\"," NEW_PERSON "}", 422, "validation_failed",
      "minutes" },
    { "{" BASE ",\"first_contact\":true,\"minutes\":1.5," NEW_PERSON "}", 422, "validation_failed",
      "minutes" },
    { "{" BASE ",\"first_contact\":false,\"case_id\":\"%C\"}", 422, "validation_failed", "case_id" },
    { "{" BASE ",\"first_contact\":false,\"consultee_id\":true}", 422, "validation_failed",
      "consultee_id" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":\"new\"}", 422, "validation_failed", "consultee" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"nickname\":7,\"age_band\":\"20s\","
      "\"gender\":\"female\"}}", 422, "validation_failed", "consultee.nickname" },
    { "{" BASE ",\"first_contact\":true,\"contactor_age_band\":80," NEW_PERSON "}", 422,
      "validation_failed", "contactor_age_band" },
    /* out of range */
    { "{\"date\":\"2026-06-16\",\"method\":\"phone\",\"contactor\":\"self\",\"first_contact\":true,"
      NEW_PERSON "}", 422, "validation_failed", "date" },
    { "{\"date\":\"1999-12-31\",\"method\":\"phone\",\"contactor\":\"self\",\"first_contact\":true,"
      NEW_PERSON "}", 422, "validation_failed", "date" },
    { "{\"date\":\"2026-02-30\",\"method\":\"phone\",\"contactor\":\"self\",\"first_contact\":true,"
      NEW_PERSON "}", 422, "validation_failed", "date" },
    { "{" BASE ",\"first_contact\":true,\"minutes\":0," NEW_PERSON "}", 422, "validation_failed",
      "minutes" },
    { "{" BASE ",\"first_contact\":true,\"minutes\":721," NEW_PERSON "}", 422, "validation_failed",
      "minutes" },
    { "{" BASE ",\"first_contact\":true,\"minutes\":-5," NEW_PERSON "}", 422, "validation_failed",
      "minutes" },
    { "{" BASE ",\"first_contact\":false,\"case_id\":0}", 422, "validation_failed", "case_id" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"nickname\":\"%L\",\"age_band\":\"20s\","
      "\"gender\":\"female\"}}", 422, "validation_failed", "consultee.nickname" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"nickname\":\"a\\nb\",\"age_band\":\"20s\","
      "\"gender\":\"female\"}}", 422, "validation_failed", "consultee.nickname" },
    /* unknown vocabulary */
    { "{\"date\":\"2026-06-10\",\"method\":\"fax\",\"contactor\":\"self\",\"first_contact\":true,"
      NEW_PERSON "}", 422, "validation_failed", "method" },
    { "{\"date\":\"2026-06-10\",\"method\":\"phone\",\"contactor\":\"neighbour\","
      "\"first_contact\":true," NEW_PERSON "}", 422, "validation_failed", "contactor" },
    { "{" BASE ",\"first_contact\":true,\"contactor_age_band\":\"90s\"," NEW_PERSON "}", 422,
      "validation_failed", "contactor_age_band" },
    { "{" BASE ",\"first_contact\":true,\"contactor_age_band\":\"70s+\"," NEW_PERSON "}", 422,
      "validation_failed", "contactor_age_band" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"age_band\":\"80s+\",\"gender\":\"female\"}}",
      422, "validation_failed", "consultee.age_band" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"age_band\":\"20s\",\"gender\":\"unspecified\"}}",
      422, "validation_failed", "consultee.gender" },
    /* the person: exactly one of three, a consultee on a first contact only */
    { "{" BASE ",\"first_contact\":false,\"case_id\":%C,\"consultee_id\":%P}", 422,
      "validation_failed", "case_id" },
    { "{" BASE ",\"first_contact\":false,\"case_id\":%C,\"consultee_id\":%P}", 422,
      "validation_failed", "consultee_id" },
    { "{" BASE ",\"first_contact\":true,\"consultee_id\":%P," NEW_PERSON "}", 422,
      "validation_failed", "consultee" },
    { "{" BASE ",\"first_contact\":true,\"case_id\":%C," NEW_PERSON "}", 422, "validation_failed",
      "case_id" },
    { "{" BASE ",\"first_contact\":false,\"contactor_age_band\":\"50s\",\"consultee_id\":%P}", 422,
      "validation_failed", "contactor_age_band" },
    /* unknown and read-only members */
    { "{" BASE ",\"first_contact\":true,\"note\":\"x\"," NEW_PERSON "}", 400, "unknown_field", "note" },
    { "{" BASE ",\"first_contact\":true,\"consultee\":{\"age_band\":\"20s\",\"gender\":\"female\","
      "\"name\":\"山田\"}}", 400, "unknown_field", "consultee.name" },
    { "{" BASE ",\"first_contact\":true,\"organisation_id\":1," NEW_PERSON "}", 422,
      "validation_failed", "organisation_id" },
  };

  long_name = g_strnfill (51, 'a');
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) body = g_string_new (cases[i].body);
      g_autoptr(TsReply) r = NULL;

      g_string_replace (body, "%C", case_text, 0);
      g_string_replace (body, "%P", consultee_text, 0);
      g_string_replace (body, "%L", long_name, 0);
      g_test_message ("%s", body->str);
      r = post (f, f->o.coord, body->str);
      ts_assert_problem (r, cases[i].status, cases[i].code, cases[i].field);
    }
  /* 50 characters are allowed. */
  {
    g_autofree char *fifty = g_strnfill (50, 'b');
    g_autofree char *body = g_strdup_printf ("{" BASE ",\"first_contact\":true,\"consultee\":"
                                             "{\"nickname\":\"%s\",\"age_band\":\"70s+\","
                                             "\"gender\":\"other\"}}", fifty);
    g_autoptr(TsReply) r = post (f, f->o.coord, body);
    ts_assert_status (r, 201);
  }
  /* Unknown ids: the words of a missing case or consultee. */
  {
    g_autofree char *no_case = missing_detail (f, f->o.coord, "/v1/cases/999999");
    g_autoptr(TsReply) a = post (f, f->o.coord, "{" BASE ",\"first_contact\":false,\"case_id\":999999}");
    g_autoptr(TsReply) b = post (f, f->o.coord, "{" BASE ",\"first_contact\":false,\"consultee_id\":999999}");
    g_autoptr(TsReply) c = ts_harness_request (h, "GET", "/v1/contacts/999999", f->o.coord, NULL, NULL);
    g_autoptr(TsReply) d = ts_harness_request (h, "GET", "/v1/consultees/999999", f->o.coord, NULL, NULL);
    g_autofree char *da = detail_of (a);
    g_autofree char *db = detail_of (b);
    g_autofree char *dc = detail_of (c);
    g_autofree char *dd = detail_of (d);

    g_assert_cmpstr (da, ==, no_case);
    g_assert_cmpstr (db, ==, dd);
    g_assert_cmpstr (db, !=, da);
    g_assert_cmpstr (dc, !=, dd);
  }
  /* An oversize body. */
  {
    g_autoptr(GString) big = g_string_new ("{" BASE ",\"first_contact\":true,\"consultee\":{\"nickname\":\"");
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\",\"age_band\":\"20s\",\"gender\":\"female\"}}");
    {
      g_autoptr(TsReply) r = post (f, f->o.coord, big->str);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
  /* The list's parameters. */
  {
    const struct {
      const char *path;
      guint       status;
      const char *code;
      const char *field;
    } lists[] = {
      { "/v1/contacts?method=fax", 422, "validation_failed", "method" },
      { "/v1/contacts?from=2026-13-01", 422, "validation_failed", "from" },
      { "/v1/contacts?from=2026-06-10&to=2026-06-01", 422, "validation_failed", "to" },
      { "/v1/contacts?case_id=x", 422, "validation_failed", "case_id" },
      { "/v1/contacts?consultee_id=0", 422, "validation_failed", "consultee_id" },
      { "/v1/contacts?limit=0", 422, "validation_failed", "limit" },
      { "/v1/contacts?limit=201", 422, "validation_failed", "limit" },
      { "/v1/contacts?cursor=nonsense", 422, "validation_failed", "cursor" },
      { "/v1/contacts?nickname=x", 400, "unknown_field", "nickname" },
      { "/v1/contacts/1?x=1", 400, "unknown_field", "x" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", lists[i].path, f->o.coord, NULL, NULL);
        g_test_message ("%s", lists[i].path);
        ts_assert_problem (r, lists[i].status, lists[i].code, lists[i].field);
      }
  }
  /* Nothing but the two good ones was recorded. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM consultees"), ==, 2);
}

/* ---- scope ------------------------------------------------------------------------------ */

static void
test_scope (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 contact = record (f, f->o.coord, FIRST, "id");
  gint64 consultee;
  g_autofree char *no_case = missing_detail (f, f->o.other_coord, "/v1/cases/999999");
  g_autofree char *no_consultee = missing_detail (f, f->o.other_coord, "/v1/consultees/999999");
  g_autofree char *no_contact = missing_detail (f, f->o.other_coord, "/v1/contacts/999999");

  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL,
                                            "/v1/contacts/%" G_GINT64_FORMAT, contact);
    ts_assert_status (r, 200);
    consultee = json_object_get_int_member (ts_reply_object (r), "consultee_id");
  }
  /* 台東's coordinator: 文京's case, consultee and contact are missing ids. */
  {
    g_autofree char *on_case = g_strdup_printf ("{" BASE ",\"first_contact\":false,\"case_id\":%"
                                                G_GINT64_FORMAT "}", f->case_id);
    g_autofree char *on_consultee = g_strdup_printf ("{" BASE ",\"first_contact\":false,"
                                                     "\"consultee_id\":%" G_GINT64_FORMAT "}",
                                                     consultee);
    g_autoptr(TsReply) a = post (f, f->o.other_coord, on_case);
    g_autoptr(TsReply) b = post (f, f->o.other_coord, on_consultee);
    g_autoptr(TsReply) c = ts_harness_call (h, "GET", f->o.other_coord, NULL,
                                            "/v1/contacts/%" G_GINT64_FORMAT, contact);
    g_autoptr(TsReply) d = ts_harness_call (h, "GET", f->o.other_coord, NULL,
                                            "/v1/consultees/%" G_GINT64_FORMAT, consultee);
    g_autofree char *da = detail_of (a);
    g_autofree char *db = detail_of (b);
    g_autofree char *dc = detail_of (c);
    g_autofree char *dd = detail_of (d);

    g_assert_cmpstr (da, ==, no_case);
    g_assert_cmpstr (db, ==, no_consultee);
    g_assert_cmpstr (dc, ==, no_contact);
    g_assert_cmpstr (dd, ==, no_consultee);
  }
  /* Its lists hold nothing of 文京's, whatever they ask for. */
  {
    g_autofree char *by_case = g_strdup_printf ("/v1/contacts?case_id=%" G_GINT64_FORMAT,
                                                f->case_id);
    g_autofree char *by_person = g_strdup_printf ("/v1/contacts?consultee_id=%" G_GINT64_FORMAT,
                                                  consultee);
    g_autoptr(TsReply) all = ts_harness_request (h, "GET", "/v1/contacts", f->o.other_coord, NULL, NULL);
    g_autoptr(TsReply) cased = ts_harness_request (h, "GET", by_case, f->o.other_coord, NULL, NULL);
    g_autoptr(TsReply) person = ts_harness_request (h, "GET", by_person, f->o.other_coord, NULL, NULL);
    g_autoptr(TsReply) mine = ts_harness_request (h, "GET", by_person, f->o.coord, NULL, NULL);

    g_assert_cmpuint (json_array_get_length (contacts_of (all)), ==, 0);
    g_assert_cmpuint (json_array_get_length (contacts_of (cased)), ==, 0);
    g_assert_cmpuint (json_array_get_length (contacts_of (person)), ==, 0);
    g_assert_cmpuint (json_array_get_length (contacts_of (mine)), ==, 1);
  }
  /* Its own first contact is its own: 文京 does not see it. */
  {
    g_autofree char *own = g_strdup_printf ("{" BASE ",\"first_contact\":true,\"case_id\":%"
                                            G_GINT64_FORMAT "}", f->other_case);
    gint64 theirs = record (f, f->o.other_coord, own, "id");
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL,
                                            "/v1/contacts/%" G_GINT64_FORMAT, theirs);
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/contacts", f->o.coord, NULL, NULL);
    g_autofree char *d = detail_of (r);

    g_assert_cmpstr (d, ==, no_contact);
    g_assert_cmpuint (json_array_get_length (contacts_of (l)), ==, 1);
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM contacts"), ==, 2);
}

/* ---- audit ------------------------------------------------------------------------------ */

static gint64
audited (TsHarness *h, const char *action, const char *object, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s'"
                                          " AND object = '%s' AND coalesce(object_id, 0) = %"
                                          G_GINT64_FORMAT, action, object, id);
  return ts_harness_sql_int (h, sql);
}

static void
test_audit (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 contact, consultee;

  {
    g_autoptr(TsReply) r = post (f, f->o.coord, FIRST);
    ts_assert_status (r, 201);
    contact = ts_reply_id (r);
    consultee = json_object_get_int_member (ts_reply_object (r), "consultee_id");
  }
  g_assert_cmpint (audited (h, "create", "contact", contact), ==, 1);
  g_assert_cmpint (audited (h, "create", "consultee", consultee), ==, 1);
  g_assert_cmpint (audited (h, "list", "contact", 0), ==, 0);
  g_assert_cmpint (audited (h, "read", "contact", contact), ==, 0);
  g_assert_cmpint (audited (h, "read", "consultee", consultee), ==, 0);
  {
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/contacts", f->o.coord, NULL, NULL);
    g_autoptr(TsReply) g = ts_harness_call (h, "GET", f->o.coord, NULL,
                                            "/v1/contacts/%" G_GINT64_FORMAT, contact);
    g_autoptr(TsReply) p = ts_harness_call (h, "GET", f->o.coord, NULL,
                                            "/v1/consultees/%" G_GINT64_FORMAT, consultee);
    ts_assert_status (l, 200);
    ts_assert_status (g, 200);
    ts_assert_status (p, 200);
    g_assert_nonnull (strstr (p->body, NICKNAME));
  }
  g_assert_cmpint (audited (h, "list", "contact", 0), ==, 1);
  g_assert_cmpint (audited (h, "read", "contact", contact), ==, 1);
  g_assert_cmpint (audited (h, "read", "consultee", consultee), ==, 1);
  /* A refused read leaves no entry. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.other_coord, NULL,
                                            "/v1/consultees/%" G_GINT64_FORMAT, consultee);
    ts_assert_status (r, 404);
  }
  g_assert_cmpint (audited (h, "read", "consultee", consultee), ==, 1);
  /* The entries name ids, never the person. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE"
                                          " instr(coalesce(action, '') || coalesce(object, '') ||"
                                          " coalesce(role, '') || coalesce(request_id, ''),"
                                          " '" NICKNAME "') > 0"), ==, 0);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE object IN"
                                          " ('contact', 'consultee')"), ==, 5);
}

/* ---- the consultee search ------------------------------------------------------------ */

/* A new consultee of @token's organisation named @nickname (JSON text,
 * quoted, or null), by a first contact on @date. */
static gint64
new_consultee (Fixture *f, const char *token, const char *nickname, const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"date\":\"%s\",\"method\":\"phone\","
                                           "\"contactor\":\"self\",\"first_contact\":true,"
                                           "\"consultee\":{\"nickname\":%s,"
                                           "\"age_band\":\"unknown\",\"gender\":\"unknown\"}}",
                                           date, nickname);
  return record (f, token, body, "consultee_id");
}

/* The ids in the "consultees" of a 200 reply. */
static GArray *
consultee_ids (TsReply *r)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *a;

  ts_assert_status (r, 200);
  a = json_object_get_array_member (ts_reply_object (r), "consultees");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (a, i), "id");
      g_array_append_val (ids, id);
    }
  return ids;
}

static GArray *
search (Fixture *f, const char *token, const char *query)
{
  g_autofree char *path = g_strconcat ("/v1/consultees", query, NULL);
  g_autoptr(TsReply) r = ts_harness_request (f->o.h, "GET", path, token, NULL, NULL);
  return consultee_ids (r);
}

static void
test_consultee_search (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 yamada = new_consultee (f, f->o.coord, "\"やまだ　たろう\"", "2026-06-01");
  gint64 suzuki = new_consultee (f, f->o.coord, "\"スズキ\"", "2026-06-02");
  gint64 nameless = new_consultee (f, f->o.coord, "null", "2026-06-03");
  gint64 theirs = new_consultee (f, f->o.other_coord, "\"ヤマダ\"", "2026-06-04");

  /* Without ?q: the organisation's consultees in id order, with their
   * contacts' dates and count. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/consultees", f->o.coord, NULL, NULL);
    g_autoptr(GArray) ids = consultee_ids (r);
    JsonObject *first;

    g_assert_cmpuint (ids->len, ==, 3);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, yamada);
    g_assert_cmpint (g_array_index (ids, gint64, 1), ==, suzuki);
    g_assert_cmpint (g_array_index (ids, gint64, 2), ==, nameless);
    first = json_array_get_object_element (
      json_object_get_array_member (ts_reply_object (r), "consultees"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "first_contact_on"), ==, "2026-06-01");
    g_assert_cmpint (json_object_get_int_member (first, "contacts_count"), ==, 1);
  }
  /* Folded as the supporters' search: katakana finds hiragana, spaces and
   * full-width letters do not matter; the id finds a nameless person. */
  {
    g_autofree char *by_id = g_strdup_printf ("?q=%" G_GINT64_FORMAT, nameless);
    g_autoptr(GArray) kana = search (f, f->o.coord, "?q=%E3%83%A4%E3%83%9E%E3%83%80"); /* ヤマダ */
    g_autoptr(GArray) spaced = search (f, f->o.coord, "?q=%E3%81%A0%20%E3%81%9F"); /* だ た */
    g_autoptr(GArray) hira = search (f, f->o.coord, "?q=%E3%81%99%E3%81%9A"); /* すず */
    g_autoptr(GArray) id = search (f, f->o.coord, by_id);
    g_autoptr(GArray) none = search (f, f->o.coord, "?q=zz");

    g_assert_cmpuint (kana->len, ==, 1);
    g_assert_cmpint (g_array_index (kana, gint64, 0), ==, yamada);
    g_assert_cmpuint (spaced->len, ==, 1);
    g_assert_cmpint (g_array_index (spaced, gint64, 0), ==, yamada);
    g_assert_cmpuint (hira->len, ==, 1);
    g_assert_cmpint (g_array_index (hira, gint64, 0), ==, suzuki);
    g_assert_cmpuint (id->len, ==, 1);
    g_assert_cmpint (g_array_index (id, gint64, 0), ==, nameless);
    g_assert_cmpuint (none->len, ==, 0);
  }
  /* Pages: limit and cursor, a search reading past the rows it skips. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/consultees?limit=2", f->o.coord,
                                               NULL, NULL);
    g_autoptr(GArray) page1 = consultee_ids (r);
    const char *next = json_object_get_string_member (ts_reply_object (r), "next_cursor");
    g_autofree char *path = g_strdup_printf ("?limit=2&cursor=%s", next);
    g_autoptr(GArray) page2 = search (f, f->o.coord, path);

    g_assert_cmpuint (page1->len, ==, 2);
    g_assert_cmpuint (page2->len, ==, 1);
    g_assert_cmpint (g_array_index (page2, gint64, 0), ==, nameless);
  }
  /* Scope (SPEC 2.6): 台東's ヤマダ is not 文京's, and the reverse; the
   * administrator finds both. */
  {
    g_autoptr(GArray) other = search (f, f->o.other_coord, "?q=%E3%83%A4%E3%83%9E%E3%83%80");
    g_autoptr(GArray) admin = search (f, h->admin, "?q=%E3%83%A4%E3%83%9E%E3%83%80");
    g_autoptr(GArray) all_other = search (f, f->o.other_coord, "");

    g_assert_cmpuint (other->len, ==, 1);
    g_assert_cmpint (g_array_index (other, gint64, 0), ==, theirs);
    g_assert_cmpuint (admin->len, ==, 2);
    g_assert_cmpuint (all_other->len, ==, 1);
  }
  /* Refused roles: auditors get the statistics, never a person. */
  {
    const char *refused[] = { f->o.auditor, f->o.supporter, f->o.host, h->auditor };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/consultees?q=a", refused[i],
                                                   NULL, NULL);
        ts_assert_problem (r, 403, "forbidden", NULL);
      }
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/consultees", NULL, NULL, NULL);
      ts_assert_status (r, 401);
    }
  }
  /* Bad input: an empty or blank or too long search, a bad limit, a bad
   * cursor, an unknown parameter, not UTF-8. */
  {
    GString *s = g_string_new ("/v1/consultees?q=");
    g_autofree char *long_q = NULL;
    const struct {
      const char *path;
      guint       status;
      const char *code;
      const char *field;
    } bad[] = {
      { "/v1/consultees?q=", 422, "validation_failed", "q" },
      { "/v1/consultees?q=%20%E3%80%80", 422, "validation_failed", "q" },
      { NULL, 422, "validation_failed", "q" },
      { "/v1/consultees?limit=0", 422, "validation_failed", "limit" },
      { "/v1/consultees?limit=201", 422, "validation_failed", "limit" },
      { "/v1/consultees?limit=x", 422, "validation_failed", "limit" },
      { "/v1/consultees?cursor=nonsense", 422, "validation_failed", "cursor" },
      { "/v1/consultees?nickname=a", 400, "unknown_field", "nickname" },
      { "/v1/consultees?q=%FF%FE", 400, "bad_request", NULL },
    };

    for (int i = 0; i < 51; i++)
      g_string_append (s, "%E3%81%82");
    long_q = g_string_free (s, FALSE);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", bad[i].path != NULL ? bad[i].path
                                                                              : long_q,
                                                   f->o.coord, NULL, NULL);
        ts_assert_problem (r, bad[i].status, bad[i].code, bad[i].field);
      }
  }
  /* Audited as a read of the list, once per answered call (here: 11). */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'list'"
                                          " AND object = 'consultee'"), ==, 11);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE object ="
                                          " 'consultee' AND instr(coalesce(request_id, ''),"
                                          " 'やまだ') > 0"), ==, 0);
}

/* ---- a person's contacts without (or before) a first contact ----------------------------- */

/* docs/domain-rules.md "Contacts without a first contact": continuing
 * contacts about a case whose first contact was never recorded are kept;
 * a continuing contact is not dated before the recorded first contact, a
 * first contact not after a recorded contact. */
static void
test_order (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  g_autofree char *later = g_strdup_printf ("{\"date\":\"2026-06-12\",\"method\":\"phone\","
                                            "\"contactor\":\"self\",\"first_contact\":false,"
                                            "\"case_id\":%" G_GINT64_FORMAT "}", f->case_id);
  g_autofree char *first_after = g_strdup_printf ("{\"date\":\"2026-06-13\",\"method\":\"phone\","
                                                  "\"contactor\":\"self\",\"first_contact\":true,"
                                                  "\"case_id\":%" G_GINT64_FORMAT "}", f->case_id);
  g_autofree char *first_before = g_strdup_printf ("{\"date\":\"2026-06-05\",\"method\":\"phone\","
                                                   "\"contactor\":\"self\",\"first_contact\":true,"
                                                   "\"case_id\":%" G_GINT64_FORMAT "}", f->case_id);
  g_autofree char *earlier = g_strdup_printf ("{\"date\":\"2026-06-04\",\"method\":\"phone\","
                                              "\"contactor\":\"self\",\"first_contact\":false,"
                                              "\"case_id\":%" G_GINT64_FORMAT "}", f->case_id);
  gint64 consultee = record (f, f->o.coord, FIRST, "consultee_id");
  g_autofree char *before_first = g_strdup_printf ("{\"date\":\"2026-06-09\",\"method\":\"phone\","
                                                   "\"contactor\":\"self\",\"first_contact\":false,"
                                                   "\"consultee_id\":%" G_GINT64_FORMAT "}",
                                                   consultee);

  /* A case without a recorded first contact: a continuing contact is kept. */
  record (f, f->o.coord, later, "id");
  /* Its first contact cannot come after it … */
  {
    g_autoptr(TsReply) r = post (f, f->o.coord, first_after);
    ts_assert_problem (r, 422, "validation_failed", "date");
  }
  /* … but on or before it, it can; then nothing goes before it. */
  record (f, f->o.coord, first_before, "id");
  {
    g_autoptr(TsReply) r = post (f, f->o.coord, earlier);
    ts_assert_problem (r, 422, "validation_failed", "date");
  }
  /* A consultee's first contact is 2026-06-10 (FIRST): not on the 9th. */
  {
    g_autoptr(TsReply) r = post (f, f->o.coord, before_first);
    ts_assert_problem (r, 422, "validation_failed", "date");
  }
  /* A person in contact since before the records began: a continuing
   * contact creates the consultee, without a first contact (新規 counts
   * none); its first contact may be entered later, dated before. */
  {
    gint64 ongoing;
    g_autofree char *path = NULL;
    g_autofree char *historic = NULL;

    {
      g_autoptr(TsReply) r = post (f, f->o.coord, "{\"date\":\"2026-06-11\",\"method\":\"phone\","
                                   "\"contactor\":\"self\",\"first_contact\":false,"
                                   "\"consultee\":{\"age_band\":\"50s\",\"gender\":\"female\"}}");
      ts_assert_status (r, 201);
      g_assert_false (json_object_get_boolean_member (ts_reply_object (r), "first_contact"));
      ongoing = json_object_get_int_member (ts_reply_object (r), "consultee_id");
    }
    path = g_strdup_printf ("/v1/consultees/%" G_GINT64_FORMAT, ongoing);
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, f->o.coord, NULL, NULL);
      ts_assert_status (r, 200);
      g_assert_true (json_object_get_null_member (ts_reply_object (r), "first_contact_on"));
      g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "contacts_count"), ==, 1);
    }
    /* Still no contactor's age band on a continuing contact. */
    {
      g_autoptr(TsReply) r = post (f, f->o.coord, "{\"date\":\"2026-06-11\",\"method\":\"phone\","
                                   "\"contactor\":\"self\",\"first_contact\":false,"
                                   "\"contactor_age_band\":\"50s\","
                                   "\"consultee\":{\"age_band\":\"50s\",\"gender\":\"female\"}}");
      ts_assert_problem (r, 422, "validation_failed", "contactor_age_band");
    }
    historic = g_strdup_printf ("{\"date\":\"2025-04-02\",\"method\":\"office_visit\","
                                "\"contactor\":\"parent\",\"first_contact\":true,"
                                "\"consultee_id\":%" G_GINT64_FORMAT "}", ongoing);
    record (f, f->o.coord, historic, "id");
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, f->o.coord, NULL, NULL);
      ts_assert_status (r, 200);
      g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "first_contact_on"), ==,
                       "2025-04-02");
    }
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM contacts"), ==, 5);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM contacts WHERE first_contact = 1"),
                   ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/tsunagari/http/contacts/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("first-and-continuing", test_first_and_continuing);
  ADD ("case-contacts", test_case_contacts);
  ADD ("roles", test_roles);
  ADD ("bad-input", test_bad_input);
  ADD ("scope", test_scope);
  ADD ("audit", test_audit);
  ADD ("consultee-search", test_consultee_search);
  ADD ("order", test_order);
#undef ADD
  return g_test_run ();
}
