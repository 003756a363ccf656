/*
 * GET /v1/statistics?fiscal_year=YYYY[&organisation_id=N] (SPEC 2.7, 3.3;
 * issue 16): the statistics of a 年度 as JSON, or with Accept: text/csv as
 * a spreadsheet for Excel (service/statistics.h).
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "http/negotiate.h"
#include "http/query.h"
#include "http/statistics-private.h"
#include "service/statistics.h"

/* ?fiscal_year=YYYY[&organisation_id=N] */
gboolean
ts_statistics_read_query (TsRequest *req, int *fiscal_year, gint64 *organisation_id,
                          GError **error)
{
  static const char *const allowed[] = { "fiscal_year", "organisation_id", NULL };
  const char *text = ts_request_query (req, "fiscal_year");
  gint64 year = 0;

  if (!ts_request_check_query (req, allowed, error))
    return FALSE;
  if (text == NULL)
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Required"));
  else if (!g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &year, NULL))
    ts_field_errors_add (req->ctx->errors, "fiscal_year", N_("Must be an integer"));
  *fiscal_year = (int) year;
  *organisation_id = ts_request_query_id (req, "organisation_id");
  return ts_field_errors_check (req->ctx->errors, error);
}

/* The names of the statistics @stats as a file: "@stem-2025.pdf" (or
 * "@stem-2025-organisation-3.pdf" for one organisation's), in Japanese
 * "@title_<the year's label>[_組織別].pdf", with @extension. */
void
ts_statistics_file_names (JsonObject *stats, const char *stem, const char *title,
                          const char *extension, int fiscal_year, gint64 organisation_id,
                          char **out_ascii_name, char **out_name)
{
  *out_ascii_name = organisation_id > 0
                      ? g_strdup_printf ("%s-%d-organisation-%" G_GINT64_FORMAT ".%s", stem,
                                         fiscal_year, organisation_id, extension)
                      : g_strdup_printf ("%s-%d.%s", stem, fiscal_year, extension);
  *out_name = g_strdup_printf ("%s_%s%s.%s", title,
                               json_object_get_string_member_with_default (stats, "label", ""),
                               organisation_id > 0 ? "_組織別" : "", extension);
}

static void
handle_statistics (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  int fiscal_year;
  gint64 organisation_id;

  if (!ts_statistics_read_query (req, &fiscal_year, &organisation_id, &error) ||
      (node = ts_service_statistics (req->service, req->ctx, fiscal_year, organisation_id,
                                     &error)) == NULL)
    goto fail;

  ts_request_add_header (req, "Vary", "Accept");
  if (ts_request_accepts_csv (req))
    {
      g_autoptr(GBytes) csv = ts_statistics_to_csv (json_node_get_object (node));
      g_autofree char *ascii = NULL;
      g_autofree char *name = NULL;

      ts_statistics_file_names (json_node_get_object (node), "statistics", "統計", "csv",
                                fiscal_year, organisation_id, &ascii, &name);
      ts_request_reply_csv (req, csv, ascii, name);
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
