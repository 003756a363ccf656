/*
 * The resource descriptors (src/model/, issue 12) held to their invariants
 * and to the API's description: the generic code trusts a descriptor
 * blindly (offsets, bits, vocabularies), so a mistake in one would be a
 * wrong answer or a crash far from its cause.  No database, no server.
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "model/organisation.h"
#include "model/registry.h"
#include "model/visit.h"

static const TsResource *const *
resources (guint *n)
{
  const TsResource *const *all = ts_model_get_resources (n);

  g_assert_cmpuint (*n, >=, 7);
  return all;
}

static void
check_vocabulary (const char *where, const TsVocabulary *v)
{
  guint n = 0;

  if (v == NULL || v->names == NULL)
    g_error ("%s: an enum field without a vocabulary", where);
  for (; v->names[n] != NULL; n++)
    for (guint j = 0; j < n; j++)
      if (g_str_equal (v->names[j], v->names[n]))
        g_error ("%s: \"%s\" twice in the vocabulary", where, v->names[n]);
  if (n == 0)
    g_error ("%s: an empty vocabulary", where);
}

/* What the generic code assumes of every descriptor. */
static void
test_invariants (void)
{
  guint n;
  const TsResource *const *all = resources (&n);

  for (guint r = 0; r < n; r++)
    {
      const TsResource *res = all[r];
      guint bits = 0;

      g_test_message ("%s", res->name);
      g_assert_nonnull (res->collection);
      g_assert_cmpint (res->list_default, >=, 1);
      g_assert_cmpint (res->list_default, <=, res->list_max);
      g_assert_cmpuint (res->query_size, >=, sizeof (TsListQuery));
      g_assert_cmpuint (res->n_fields, >=, 2);
      /* Every record starts with its id (ts_record_get_id). */
      g_assert_cmpstr (res->fields[0].name, ==, "id");
      g_assert_cmpint (res->fields[0].type, ==, TS_FIELD_ID);
      g_assert_cmpuint (res->fields[0].offset, ==, 0);

      for (guint i = 0; i < res->n_fields; i++)
        {
          const TsField *f = &res->fields[i];
          g_autofree char *where = g_strdup_printf ("%s.%s", res->name, f->name);

          g_assert_cmpuint (f->offset, <, res->record_size);
          g_assert_true (ts_resource_field (res, f->name) == f);   /* names are unique */
          if ((f->flags & TS_FIELD_WRITABLE) != 0)
            {
              /* One bit of the present mask each (a custom member may do
               * without: its resource reads it). */
              gboolean custom = (f->flags & TS_FIELD_CUSTOM) != 0;
              if ((f->bit == 0 && !custom) || (f->bit & (f->bit - 1)) != 0 || (bits & f->bit) != 0)
                g_error ("%s: a writable field needs a bit of its own", where);
              bits |= f->bit;
              if ((f->type == TS_FIELD_TEXT) && (f->flags & TS_FIELD_CUSTOM) == 0 &&
                  f->max <= 0)
                g_error ("%s: a writable text needs its maximum length", where);
              if (f->type == TS_FIELD_INT && f->min > f->max)
                g_error ("%s: an empty range", where);
            }
          else if ((f->flags & TS_FIELD_REQUIRED) != 0)
            g_error ("%s: required but not writable", where);
          if (f->type == TS_FIELD_ENUM || f->type == TS_FIELD_KEYWORD)
            check_vocabulary (where, f->vocabulary);
        }
      for (guint i = 0; i < res->n_filters; i++)
        {
          const TsField *f = &res->filters[i];
          g_autofree char *where = g_strdup_printf ("%s?%s", res->name, f->name);

          if (f->offset < sizeof (TsListQuery) || f->offset >= res->query_size)
            g_error ("%s: the filter's offset is outside the query after its head", where);
          g_assert_true (!g_str_equal (f->name, "limit") && !g_str_equal (f->name, "cursor"));
          if (f->type == TS_FIELD_ENUM || f->type == TS_FIELD_KEYWORD)
            check_vocabulary (where, f->vocabulary);
        }
      /* A new record and query come out as the table says: dates none,
       * enum filters "any". */
      {
        gpointer record = ts_record_new (res);
        gpointer query = ts_query_new (res);

        for (guint i = 0; i < res->n_fields; i++)
          if (res->fields[i].type == TS_FIELD_DATE)
            g_assert_cmpuint (TS_FIELD_MEMBER (TsDate, record, &res->fields[i]), ==,
                              TS_DATE_NONE);
        for (guint i = 0; i < res->n_filters; i++)
          if (res->filters[i].type == TS_FIELD_ENUM)
            g_assert_cmpint (TS_FIELD_MEMBER (int, query, &res->filters[i]), ==,
                             TS_FILTER_ANY);
        ts_record_free (res, record);
        g_free (query);
      }
    }
}

/* A cursor names its list: no two lists may share a kind, or a cursor of
 * one would be taken by the other. */
static void
test_distinct_lists (void)
{
  guint n;
  const TsResource *const *all = resources (&n);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        if (all[a]->cursor_kind == all[b]->cursor_kind)
          g_error ("%s and %s share the cursor kind '%c'", all[a]->name, all[b]->name,
                   all[a]->cursor_kind);
        g_assert_cmpstr (all[a]->collection, !=, all[b]->collection);
        g_assert_cmpstr (all[a]->name, !=, all[b]->name);
      }
}

static JsonObject *
openapi_schemas (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "openapi.json",
                                                 NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s: %s", path, error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_object_member (json_object_get_object_member (root, "components"),
                                        "schemas");
}

/* The properties of schema @name (following one allOf level), or NULL. */
static JsonObject *
properties_of (JsonObject *schemas, const char *name)
{
  JsonObject *schema;

  if (!json_object_has_member (schemas, name))
    return NULL;
  schema = json_object_get_object_member (schemas, name);
  if (json_object_has_member (schema, "properties"))
    return json_object_get_object_member (schema, "properties");
  if (json_object_has_member (schema, "allOf"))
    {
      JsonArray *parts = json_object_get_array_member (schema, "allOf");
      for (guint i = 0; i < json_array_get_length (parts); i++)
        {
          JsonObject *part = json_array_get_object_element (parts, i);
          if (json_object_has_member (part, "properties"))
            return json_object_get_object_member (part, "properties");
        }
    }
  return NULL;
}

/* The enum values a property allows, following a $ref; NULL if none. */
static JsonArray *
enum_of (JsonObject *schemas, JsonObject *property)
{
  if (json_object_has_member (property, "enum"))
    return json_object_get_array_member (property, "enum");
  if (json_object_has_member (property, "$ref"))
    {
      const char *ref = json_object_get_string_member (property, "$ref");
      const char *name = strrchr (ref, '/');
      JsonObject *target;

      if (name == NULL || !json_object_has_member (schemas, name + 1))
        return NULL;
      target = json_object_get_object_member (schemas, name + 1);
      if (json_object_has_member (target, "enum"))
        return json_object_get_array_member (target, "enum");
    }
  return NULL;
}

/* Each descriptor against its schemas in data/openapi.json: every field is
 * a property of the record, every writable one a property of the body that
 * creates it, no read-only one; an enum allows exactly its vocabulary; a
 * list page carries the collection. */
static void
test_openapi (void)
{
  static const struct {
    const char *name;
    const char *record;
    const char *input;
    const char *page;
  } schemas_of[] = {
    { "supporter", "Supporter", "SupporterInput", "SupporterPage" },
    { "training_course", "TrainingCourse", "TrainingCourseInput", NULL },
    { "case", "Case", "CaseInput", "CasePage" },
    { "assignment", "Assignment", "AssignmentInput", "AssignmentPage" },
    { "activity", "Activity", "ActivityInput", "ActivityPage" },
    { "host", "Host", "HostInput", "HostPage" },
    { "placement", "Placement", "PlacementInput", "PlacementPage" },
    { "organisation", "Organisation", "OrganisationInput", "OrganisationPage" },
    { "dispatch_request", "DispatchRequest", "DispatchRequestInput", "DispatchRequestPage" },
    { "case_transfer", "CaseTransfer", "CaseTransferInput", "CaseTransferPage" },
    { "contact", "Contact", "ContactInput", "ContactPage" },
    { "consultee", "Consultee", "ConsulteeInput", NULL },
    { "visit", "Visit", "VisitInput", "VisitPage" },
    { "event", "Event", "EventInput", "EventPage" },
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *schemas = openapi_schemas (parser);
  guint n, checked = 0;
  const TsResource *const *all = resources (&n);

  for (guint r = 0; r < n; r++)
    {
      const TsResource *res = all[r];
      JsonObject *record = NULL, *input = NULL, *page = NULL;

      for (guint s = 0; s < G_N_ELEMENTS (schemas_of); s++)
        if (g_str_equal (schemas_of[s].name, res->name))
          {
            record = properties_of (schemas, schemas_of[s].record);
            input = properties_of (schemas, schemas_of[s].input);
            page = schemas_of[s].page != NULL ? properties_of (schemas, schemas_of[s].page)
                                              : NULL;
            checked++;
          }
      if (record == NULL)
        g_error ("%s: no schema of the record in data/openapi.json", res->name);
      if (page != NULL && !json_object_has_member (page, res->collection))
        g_error ("%s: the page has no member \"%s\"", res->name, res->collection);
      for (guint i = 0; i < res->n_fields; i++)
        {
          const TsField *f = &res->fields[i];
          JsonArray *values;

          if (!json_object_has_member (record, f->name))
            g_error ("%s.%s: not a property of the record's schema", res->name, f->name);
          if (input != NULL && (f->flags & TS_FIELD_CUSTOM) == 0)
            {
              gboolean in_input = json_object_has_member (input, f->name);
              if ((f->flags & TS_FIELD_WRITABLE) != 0 && !in_input)
                g_error ("%s.%s: writable, but not in the input schema", res->name, f->name);
              if ((f->flags & TS_FIELD_WRITABLE) == 0 && in_input)
                g_error ("%s.%s: read-only, but in the input schema", res->name, f->name);
            }
          if ((f->type == TS_FIELD_ENUM || f->type == TS_FIELD_KEYWORD) &&
              (values = enum_of (schemas, json_object_get_object_member (record, f->name))) != NULL)
            {
              guint k = 0;
              for (; f->vocabulary->names[k] != NULL; k++)
                if (k >= json_array_get_length (values) ||
                    g_strcmp0 (json_array_get_string_element (values, k),
                               f->vocabulary->names[k]) != 0)
                  g_error ("%s.%s: the vocabulary and the schema's enum differ at %u",
                           res->name, f->name, k);
              g_assert_cmpuint (k, ==, json_array_get_length (values));
            }
        }
    }
  g_assert_cmpuint (checked, ==, n);
}

static void
test_messages (void)
{
  g_assert_cmpstr (ts_range_message (1, 200), ==, "Must be from 1 to 200");
  g_assert_cmpstr (ts_range_message (3, 9), ==, "Out of range");
  g_assert_cmpstr (ts_too_long_message (100), ==, "Must be at most 100 characters");
  g_assert_cmpstr (ts_too_long_message (77), ==, "Too long");
}

/* The rows of TS_FIELD_ROWS_VERSIONED and the functions of TS_DEFINE_RECORD
 * (model/resource.h). */
static void
test_shared_rows (void)
{
  static const struct {
    const char   *name;
    TsFieldType   type;
  } versioned[] = {
    { "version", TS_FIELD_INT64 },
    { "created_at", TS_FIELD_TIMESTAMP },
    { "updated_at", TS_FIELD_TIMESTAMP },
  };
  guint n, n_versioned = 0;
  const TsResource *const *all = resources (&n);
  TsVisitRecord *visit;
  TsOrganisationRecord *organisation;

  for (guint r = 0; r < n; r++)
    for (guint i = 0; i + G_N_ELEMENTS (versioned) <= all[r]->n_fields; i++)
      {
        const TsField *f = &all[r]->fields[i];

        /* Placements and events show more between them: written by hand. */
        if (!g_str_equal (f[0].name, versioned[0].name) ||
            !g_str_equal (f[1].name, versioned[1].name) ||
            !g_str_equal (f[2].name, versioned[2].name))
          continue;
        n_versioned++;
        for (guint k = 0; k < G_N_ELEMENTS (versioned); k++)
          {
            g_assert_cmpuint (f[k].offset, >, 0);
            g_assert_cmpint (f[k].type, ==, versioned[k].type);
            g_assert_cmpint (f[k].flags & TS_FIELD_WRITABLE, ==, 0);
            g_assert_cmpuint (f[k].bit, ==, 0);
            g_assert_null (f[k].vocabulary);
          }
        g_assert_cmpuint (f[0].flags, ==, f[1].flags);
        g_assert_cmpuint (f[1].flags, ==, f[2].flags);
      }
  g_assert_cmpuint (n_versioned, >=, 5);

  visit = ts_visit_record_new ();
  g_assert_cmpint (visit->id, ==, 0);
  g_assert_null (visit->note);
  ts_visit_record_free (visit);
  ts_visit_record_free (NULL);
  organisation = ts_organisation_record_new ();
  g_assert_null (organisation->name);
  ts_organisation_record_free (organisation);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/model/invariants", test_invariants);
  g_test_add_func ("/tsunagari/model/distinct-lists", test_distinct_lists);
  g_test_add_func ("/tsunagari/model/openapi", test_openapi);
  g_test_add_func ("/tsunagari/model/messages", test_messages);
  g_test_add_func ("/tsunagari/model/shared-rows", test_shared_rows);
  return g_test_run ();
}
