/*
 * GET /v1/statistics?fiscal_year=YYYY[&organisation_id=N] (SPEC 2.7, 3.3;
 * issue 16): the statistics of a 年度 as JSON, or with Accept: text/csv as
 * a spreadsheet for Excel (service/statistics.h).
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "http/query.h"
#include "service/csv.h"
#include "service/statistics.h"

static void
handle_statistics (TsRequest *req)
{
  static const char *const allowed[] = { "fiscal_year", "organisation_id", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *text = ts_request_query (req, "fiscal_year");
  gint64 fiscal_year = 0, organisation_id;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if (text == NULL)
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Required"));
  else if (!g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &fiscal_year, NULL))
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Must be an integer"));
  organisation_id = ts_request_query_id (req, "organisation_id");
  if (!ts_field_errors_check (req->ctx->errors, &error) ||
      (node = ts_service_statistics (req->service, req->ctx, (int) fiscal_year, organisation_id,
                                     &error)) == NULL)
    goto fail;

  ts_request_add_header (req, "Vary", "Accept");
  if (ts_request_accepts_csv (req))
    {
      g_autoptr(GBytes) csv = ts_statistics_to_csv (json_node_get_object (node));
      JsonObject *obj = json_node_get_object (node);
      g_autofree char *ascii = NULL;
      g_autofree char *name = NULL;
      g_autofree char *disposition = NULL;

      ascii = organisation_id > 0
                ? g_strdup_printf ("statistics-%d-organisation-%" G_GINT64_FORMAT ".csv",
                                   (int) fiscal_year, organisation_id)
                : g_strdup_printf ("statistics-%d.csv", (int) fiscal_year);
      name = g_strdup_printf ("統計_%s%s.csv", json_object_get_string_member (obj, "label"),
                              organisation_id > 0 ? "_組織別" : "");
      disposition = ts_csv_disposition (ascii, name);
      ts_request_add_header (req, "Content-Disposition", disposition);
      ts_request_reply_bytes (req, SOUP_STATUS_OK, "text/csv; charset=utf-8", csv);
      return;
    }
  ts_request_reply_json (req, SOUP_STATUS_OK, node);
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_statistics (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/statistics", TS_ROLE_ADMIN | TS_ROLE_COORDINATOR | TS_ROLE_AUDITOR, 0,
      handle_statistics, "getStatistics", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
