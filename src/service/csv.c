#include "service/csv.h"

#include <string.h>

#include "core/date.h"

GString *
ts_csv_new (const char *header)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  g_string_append (out, header);
  ts_csv_end_row (out);
  return out;
}

/* RFC 4180 quoting, and an apostrophe before text a spreadsheet would run
 * as a formula (=, +, -, @; tab and CR as OWASP lists them): names are typed
 * in by people. */
void
ts_csv_field (GString *out, const char *text, gboolean first)
{
  gboolean quote;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;
  quote = strpbrk (text, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/* Amounts are plain integers (a negative one is a number, not a formula:
 * it is written unquoted and without an apostrophe). */
void
ts_csv_int (GString *out, gint64 value)
{
  g_string_append_printf (out, ",%" G_GINT64_FORMAT, value);
}

void
ts_csv_date (GString *out, TsDate date)
{
  char buf[11];

  ts_date_format (date, buf);
  g_string_append_c (out, ',');
  g_string_append (out, buf);
}

void
ts_csv_timestamp (GString *out, gint64 unix_seconds)
{
  g_autofree char *text = NULL;

  g_string_append_c (out, ',');
  if (unix_seconds == 0)
    return;
  text = ts_timestamp_format (unix_seconds, "%Y-%m-%d %H:%M");
  g_string_append (out, text);
}

void
ts_csv_end_row (GString *out)
{
  g_string_append (out, "\r\n");
}

char *
ts_csv_disposition (const char *ascii_name, const char *name)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return g_strdup_printf ("attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii_name, escaped);
}
