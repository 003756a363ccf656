/*
 * The route table and data/openapi.json describe the same operations.
 */
#include <json-glib/json-glib.h>

#include "http/route.h"

static JsonObject *
load_paths (JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "openapi.json", NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "paths");
}

static void
test_routes_documented (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *paths = load_paths (parser);
  guint n;
  const TsRoute *routes = ts_routes_get_all (&n);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *method = g_ascii_strdown (routes[i].method, -1);
      JsonObject *item, *op;

      if (!json_object_has_member (paths, routes[i].pattern))
        g_error ("route %s %s is not in openapi.json", routes[i].method, routes[i].pattern);
      item = json_object_get_object_member (paths, routes[i].pattern);
      if (!json_object_has_member (item, method))
        g_error ("route %s %s is not in openapi.json", routes[i].method, routes[i].pattern);
      op = json_object_get_object_member (item, method);
      g_assert_cmpstr (json_object_get_string_member (op, "operationId"), ==, routes[i].operation_id);
    }
}

static void
test_document_routed (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *paths = load_paths (parser);
  g_autoptr(GList) names = json_object_get_members (paths);
  guint n, documented = 0;
  const TsRoute *routes = ts_routes_get_all (&n);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *item = json_object_get_object_member (paths, l->data);
      g_autoptr(GList) methods = json_object_get_members (item);

      for (GList *m = methods; m != NULL; m = m->next)
        {
          g_autofree char *upper = g_ascii_strup (m->data, -1);
          gboolean found = FALSE;

          if (g_str_equal (m->data, "parameters") || g_str_equal (m->data, "summary") ||
              g_str_equal (m->data, "description"))
            continue;
          for (guint i = 0; i < n && !found; i++)
            found = g_str_equal (routes[i].pattern, l->data) && g_str_equal (routes[i].method, upper);
          if (!found)
            g_error ("openapi.json documents %s %s, which has no route", upper, (char *) l->data);
          documented++;
        }
    }
  g_assert_cmpuint (documented, ==, n);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/openapi/routes-documented", test_routes_documented);
  g_test_add_func ("/tsunagari/openapi/document-routed", test_document_routed);
  return g_test_run ();
}
