/*
 * /healthz and /openapi.json: the two routes that need no token.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "ts-data-resources.h"

static void
handle_healthz (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obj = json_object_new ();

  /* A real query, so that a locked or missing database file shows. */
  if (!ts_service_check (req->service, &error))
    {
      g_clear_error (&error);
      g_set_error_literal (&error, TS_ERROR, TS_ERROR_UNAVAILABLE, N_("The database is not available"));
      ts_request_reply_error (req, error);
      return;
    }
  json_object_set_string_member (obj, "status", "ok");
  json_object_set_string_member (obj, "version", PACKAGE_VERSION);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

static void
handle_openapi (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) doc = g_resource_lookup_data (ts_data_get_resource (),
                                                  "/org/tsunagari/data/openapi.json", 0, &error);

  if (doc == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_add_header (req, "Cache-Control", "public, max-age=300");
  ts_request_reply_bytes (req, SOUP_STATUS_OK, "application/json; charset=utf-8", doc);
}

void
ts_routes_system (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/healthz", TS_ROLE_NONE, TS_ROUTE_PUBLIC, handle_healthz, "getHealth", NULL },
    { "GET", "/openapi.json", TS_ROLE_NONE, TS_ROUTE_PUBLIC, handle_openapi, "getOpenApi", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
