/*
 * GET /v1/reports/annual?fiscal_year=YYYY[&organisation_id=N] (SPEC 3.3;
 * issue 16): the annual report as an A4 PDF in Japanese.  It is the
 * statistics of GET /v1/statistics (the same roles, scope, suppression and
 * audit entry: service/statistics.h) rendered by print/annual.h, which
 * queries nothing itself.  application/pdf is its only type (no Accept or
 * a wildcard gives it; any other Accept is 406).
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "http/negotiate.h"
#include "http/query.h"
#include "http/statistics-private.h"
#include "print/annual.h"
#include "service/statistics.h"

static void
handle_annual (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *name = NULL;
  int fiscal_year;
  gint64 organisation_id;

  ts_request_add_header (req, "Vary", "Accept");
  if (!ts_statistics_read_query (req, &fiscal_year, &organisation_id, &error) ||
      ts_request_negotiate (req, TS_MEDIA_PDF, TS_MEDIA_PDF, &error) == 0 ||
      (node = ts_service_statistics (req->service, req->ctx, fiscal_year, organisation_id,
                                     &error)) == NULL ||
      (pdf = ts_print_annual_report (json_node_get_object (node), &error)) == NULL)
    goto fail;

  ts_statistics_file_names (json_node_get_object (node), "annual-report", "年次報告書", "pdf",
                            fiscal_year, organisation_id, &ascii, &name);
  ts_request_reply_attachment (req, "application/pdf", pdf, ascii, name);
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_reports (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/reports/annual", TS_ROLE_ADMIN | TS_ROLE_COORDINATOR | TS_ROLE_AUDITOR, 0,
      handle_annual, "getAnnualReport", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
