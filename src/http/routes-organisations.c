/*
 * /v1/organisations (SPEC 2.6, 3.3; issue 13): who runs the programme.
 *
 * Administrators create and change organisations; every staff role lists
 * and reads them.  The ETag of an organisation is its version ("v3");
 * PATCH honours If-Match with it.  The rules are the service's
 * (service/organisations.h).
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/organisations.h"

/* municipality_code is read here (its level depends on the kind, which
 * the service checks) and rendered with the place's names. */
static void
read_custom (TsInput *in, gpointer data, guint *present)
{
  TsOrganisationRecord *draft = data;

  if (!ts_input_has (in, "municipality_code"))
    return;
  *present |= TS_ORGANISATION_FIELD_MUNICIPALITY;
  draft->municipality_code = g_strdup (ts_input_string (in, "municipality_code", TS_OPTIONAL,
                                                        64));
}

static void
render (gconstpointer data, JsonObject *obj)
{
  const TsOrganisationView *view = data;

  ts_json_set_string_or_null (obj, "municipality_code", view->record->municipality_code);
  ts_json_set_string_or_null (obj, "municipality_name", view->municipality_name);
  ts_json_set_string_or_null (obj, "prefecture_name", view->prefecture_name);
}

static const TsResourceRoutes organisation_routes = {
  .ops = &ts_organisation_ops,
  .render = render,
  .read_custom = read_custom,
};

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsOrganisationRecord) draft = ts_organisation_record_new ();
  g_autoptr(TsOrganisationView) view = NULL;
  g_autofree char *location = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &organisation_routes, draft, &present, &error) ||
      (view = ts_service_organisation_create (req->service, req->ctx, draft, present,
                                              &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  location = g_strdup_printf ("/v1/organisations/%" G_GINT64_FORMAT, view->record->id);
  ts_request_add_header (req, "Location", location);
  ts_resource_reply_view (req, &organisation_routes, SOUP_STATUS_CREATED, view);
}

/* The generic PATCH, through the service's own update: it checks the
 * patch against the record it changes (kind and code, the parent's tree)
 * before the versioned write. */
static void
handle_update (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  g_autoptr(TsOrganisationRecord) draft = ts_organisation_record_new ();
  g_autoptr(TsOrganisationView) view = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &organisation_routes, draft, &present, &error) ||
      (view = ts_service_organisation_update (req->service, req->ctx, req->params[0], draft,
                                              present, (const gint64 *) if_match->data,
                                              if_match->len, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_resource_reply_view (req, &organisation_routes, SOUP_STATUS_OK, view);
}

void
ts_routes_organisations (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/organisations", TS_ROLE_ADMIN, TS_ROUTE_BODY, handle_create,
      "createOrganisation", NULL },
    { "GET", "/v1/organisations", TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0, ts_resource_handle_list,
      "listOrganisations", &organisation_routes },
    { "GET", "/v1/organisations/{id}", TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0,
      ts_resource_handle_get, "getOrganisation", &organisation_routes },
    { "PATCH", "/v1/organisations/{id}", TS_ROLE_ADMIN, TS_ROUTE_BODY, handle_update,
      "updateOrganisation", &organisation_routes },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
