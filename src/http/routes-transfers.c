/*
 * Case transfers (SPEC 2.6, 3.3; issue 13; 足立 つなぐシート, seed 000):
 * POST and GET /v1/cases/{id}/transfers, and GET /v1/transfers, the
 * transfers to and from the caller's organisations.  Staff only; the rules
 * are the service's (service/transfers.h).
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/transfers.h"

static const TsResourceRoutes transfer_routes = {
  .ops = &ts_case_transfer_ops,
};

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCaseTransferRecord) draft = ts_case_transfer_record_new ();
  g_autoptr(TsCaseTransferRecord) record = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &transfer_routes, draft, &present, &error))
    goto fail;
  record = ts_service_transfer_create (req->service, req->ctx, req->params[0], draft, present,
                                       &error);
  if (record == NULL)
    goto fail;
  {
    TsCaseTransferView view = { record };
    ts_resource_reply_view (req, &transfer_routes, SOUP_STATUS_CREATED, &view);
  }
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_list_for_case (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *obj;
  JsonArray *items;

  if (!ts_request_check_query (req, NULL, &error) ||
      (rows = ts_service_transfer_list_for_case (req->service, req->ctx, req->params[0],
                                                 &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  items = json_array_new ();
  json_object_set_int_member (obj, "case_id", req->params[0]);
  for (guint i = 0; i < rows->len; i++)
    {
      TsCaseTransferView view = { rows->pdata[i] };
      json_array_add_object_element (items, ts_resource_to_json (&transfer_routes, &view));
    }
  json_object_set_array_member (obj, "transfers", items);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

void
ts_routes_transfers (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/cases/{id}/transfers", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_create,
      "createCaseTransfer", NULL },
    { "GET", "/v1/cases/{id}/transfers", TS_ROLE_STAFF, 0, handle_list_for_case,
      "listCaseTransfers", NULL },
    { "GET", "/v1/transfers", TS_ROLE_STAFF, 0, ts_resource_handle_list, "listTransfers",
      &transfer_routes },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
