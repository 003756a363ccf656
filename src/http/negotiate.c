/*
 * Accept: http/negotiate.h.
 */
#include "http/negotiate.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/i18n.h"
#include "service/csv.h"

static TsMedia
media_of (const char *type)
{
  if (g_ascii_strcasecmp (type, "application/json") == 0)
    return TS_MEDIA_JSON;
  if (g_ascii_strcasecmp (type, "application/pdf") == 0)
    return TS_MEDIA_PDF;
  if (g_ascii_strcasecmp (type, "text/csv") == 0)
    return TS_MEDIA_CSV;
  return 0;
}

/* The types a wildcard media range covers (application/ and text/ ones). */
static guint
wildcard_of (const char *type)
{
  if (strcmp (type, "*/*") == 0)
    return TS_MEDIA_JSON | TS_MEDIA_PDF | TS_MEDIA_CSV;
  if (g_ascii_strcasecmp (type, "application/*") == 0)
    return TS_MEDIA_JSON | TS_MEDIA_PDF;
  if (g_ascii_strcasecmp (type, "text/*") == 0)
    return TS_MEDIA_CSV;
  return 0;
}

TsMedia
ts_request_negotiate (TsRequest *req, guint offered, TsMedia preferred, GError **error)
{
  const char *accept = ts_request_header (req, "Accept");
  g_auto(GStrv) ranges = NULL;
  guint explicit = 0, wild = 0;

  g_return_val_if_fail ((offered & preferred) != 0, 0);

  if (accept == NULL || *accept == '\0')
    return preferred;
  ranges = g_strsplit (accept, ",", -1);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (ranges[i], ";", -1);
      g_autofree char *type = g_strstrip (g_strdup (parts[0]));
      gboolean refused = FALSE;

      for (guint p = 1; parts[p] != NULL; p++)
        {
          const char *param = g_strstrip (parts[p]);
          if ((param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
            refused = g_ascii_strtod (param + 2, NULL) <= 0;
        }
      if (refused)
        continue;
      explicit |= media_of (type);
      wild |= wildcard_of (type);
    }
  if ((explicit & offered & preferred) != 0)
    return preferred;
  for (guint bit = 1; bit <= TS_MEDIA_CSV; bit <<= 1)
    if ((explicit & offered & bit) != 0)
      return bit;
  if ((wild & offered & preferred) != 0)
    return preferred;
  for (guint bit = 1; bit <= TS_MEDIA_CSV; bit <<= 1)
    if ((wild & offered & bit) != 0)
      return bit;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_ACCEPTABLE,
                       N_("This resource is not available in the type that Accept asks for"));
  return 0;
}

void
ts_request_reply_attachment (TsRequest *req, const char *content_type, GBytes *body,
                             const char *ascii_name, const char *name)
{
  g_autofree char *disposition = name != NULL
                                   ? ts_csv_disposition (ascii_name, name)
                                   : g_strdup_printf ("attachment; filename=\"%s\"", ascii_name);

  ts_request_add_header (req, "Content-Disposition", disposition);
  ts_request_reply_bytes (req, SOUP_STATUS_OK, content_type, body);
}

void
ts_request_reply_pdf (TsRequest *req, GBytes *pdf, const char *filename)
{
  ts_request_reply_attachment (req, "application/pdf", pdf, filename, NULL);
}

void
ts_request_reply_csv (TsRequest *req, GBytes *csv, const char *ascii_name, const char *name)
{
  ts_request_reply_attachment (req, "text/csv; charset=utf-8", csv, ascii_name, name);
}
