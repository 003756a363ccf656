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
#include "print/annual.h"
#include "service/csv.h"
#include "service/statistics.h"

static void
handle_annual (TsRequest *req)
{
  static const char *const allowed[] = { "fiscal_year", "organisation_id", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const char *text = ts_request_query (req, "fiscal_year");
  gint64 fiscal_year = 0, organisation_id;
  g_autofree char *ascii = NULL, *name = NULL, *disposition = NULL;

  ts_request_add_header (req, "Vary", "Accept");
  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if (text == NULL)
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Required"));
  else if (!g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &fiscal_year, NULL))
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Must be an integer"));
  organisation_id = ts_request_query_id (req, "organisation_id");
  if (!ts_field_errors_check (req->ctx->errors, &error) ||
      ts_request_negotiate (req, TS_MEDIA_PDF, TS_MEDIA_PDF, &error) == 0 ||
      (node = ts_service_statistics (req->service, req->ctx, (int) fiscal_year, organisation_id,
                                     &error)) == NULL ||
      (pdf = ts_print_annual_report (json_node_get_object (node), &error)) == NULL)
    goto fail;

  ascii = organisation_id > 0
            ? g_strdup_printf ("annual-report-%d-organisation-%" G_GINT64_FORMAT ".pdf",
                               (int) fiscal_year, organisation_id)
            : g_strdup_printf ("annual-report-%d.pdf", (int) fiscal_year);
  name = g_strdup_printf ("年次報告書_%s%s.pdf",
                          json_object_get_string_member_with_default (json_node_get_object (node),
                                                                      "label", ""),
                          organisation_id > 0 ? "_組織別" : "");
  disposition = ts_csv_disposition (ascii, name);
  ts_request_add_header (req, "Content-Disposition", disposition);
  ts_request_reply_bytes (req, SOUP_STATUS_OK, "application/pdf", pdf);
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
