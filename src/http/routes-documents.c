/*
 * The printable documents (issue 16, SPEC 3.3): the サポーター証
 * (GET /v1/supporters/{id}/card, a PDF only) and the 職親 受入実績報告書
 * (GET /v1/hosts/{id}/report?month=YYYY-MM: JSON, or the PDF with
 * Accept: application/pdf).  The 支払通知書 is the statement's own route
 * (routes-payments.c).  Who may read them: service/documents.h; what they
 * look like: print/documents.h.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/negotiate.h"
#include "http/query.h"
#include "http/resource.h"
#include "print/document.h"
#include "print/documents.h"
#include "service/documents.h"

static void
handle_card (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsSupporterCard) card = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *filename = NULL;

  ts_request_add_header (req, "Vary", "Accept");
  if (!ts_request_check_query (req, NULL, &error) ||
      ts_request_negotiate (req, TS_MEDIA_PDF, TS_MEDIA_PDF, &error) == 0 ||
      (card = ts_service_supporter_card (req->service, req->ctx, req->params[0], &error)) == NULL ||
      (pdf = ts_print_supporter_card (card, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  filename = g_strdup_printf ("supporter-card-%" G_GINT64_FORMAT ".pdf", req->params[0]);
  ts_request_reply_pdf (req, pdf, filename);
}

static JsonObject *
host_report_to_json (const TsHostReport *r)
{
  JsonObject *obj = json_object_new ();
  JsonArray *participants = json_array_new ();
  g_autofree char *label = ts_print_wareki_month (r->year, r->month);
  char month[8];

  g_snprintf (month, sizeof month, "%04d-%02d", r->year, r->month);
  json_object_set_int_member (obj, "host_id", r->host->record->id);
  json_object_set_string_member (obj, "host_name", r->host->record->name);
  json_object_set_string_member (obj, "month", month);
  ts_json_set_string_or_null (obj, "label_ja", label);
  ts_json_set_string_or_null (obj, "organisation_name", r->organisation_name);
  for (guint i = 0; i < r->participants->len; i++)
    {
      const TsHostReportParticipant *p = r->participants->pdata[i];
      JsonObject *item = json_object_new ();
      JsonArray *dates = json_array_new ();

      json_object_set_string_member (item, "nickname", p->nickname);
      for (guint d = 0; d < p->dates->len; d++)
        {
          char buf[11];
          ts_date_format (g_array_index (p->dates, TsDate, d), buf);
          json_array_add_string_element (dates, buf);
        }
      json_object_set_array_member (item, "dates", dates);
      json_object_set_int_member (item, "days", p->dates->len);
      ts_json_set_int_or_null (item, "stipend_per_day_yen", p->stipend_per_day_yen != 0,
                               p->stipend_per_day_yen);
      json_object_set_int_member (item, "stipend_yen", p->stipend_yen);
      json_array_add_object_element (participants, item);
    }
  json_object_set_array_member (obj, "participants", participants);
  json_object_set_int_member (obj, "days", r->days);
  json_object_set_int_member (obj, "stipend_yen", r->stipend_yen);
  return obj;
}

static void
handle_host_report (TsRequest *req)
{
  static const char *const allowed[] = { "month", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsHostReport) report = NULL;
  int year = 0, month = 0;
  TsMedia media;

  ts_request_add_header (req, "Vary", "Accept");
  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  ts_request_query_month (req, "month", &year, &month);
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  media = ts_request_negotiate (req, TS_MEDIA_JSON | TS_MEDIA_PDF, TS_MEDIA_JSON, &error);
  if (media == 0)
    goto fail;
  report = ts_service_host_report (req->service, req->ctx, req->params[0], year, month, &error);
  if (report == NULL)
    goto fail;
  if (media == TS_MEDIA_PDF)
    {
      g_autoptr(GBytes) pdf = ts_print_host_report (report, &error);
      g_autofree char *filename = NULL;

      if (pdf == NULL)
        goto fail;
      filename = g_strdup_printf ("host-report-%" G_GINT64_FORMAT "-%04d-%02d.pdf",
                                  req->params[0], year, month);
      ts_request_reply_pdf (req, pdf, filename);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, host_report_to_json (report));
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_documents (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/supporters/{id}/card", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0, handle_card,
      "getSupporterCard", NULL },
    { "GET", "/v1/hosts/{id}/report", TS_ROLE_STAFF | TS_ROLE_HOST, 0, handle_host_report,
      "getHostReport", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
