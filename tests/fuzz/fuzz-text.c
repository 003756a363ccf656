/*
 * Fuzz target: the parsers of text that arrives in paths, query strings
 * and headers — dates, months, times of day, municipality codes and
 * Accept-Language.
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "core/date.h"
#include "core/i18n.h"
#include "domain/municipality.h"
#include "http/input.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  TsDate date;
  int y, m, minutes;

  if (ts_date_parse (text, &date))
    {
      char buf[11];
      ts_date_format (date, buf);
      /* Whatever parses prints back as itself. */
      g_assert_cmpstr (buf, ==, text);
    }
  ts_month_parse (text, &y, &m);
  if (ts_time_parse (text, &minutes))
    g_assert_true (minutes >= 0 && minutes <= 24 * 60);
  ts_municipality_validate_code (text, TS_MUNICIPALITY_KIND_ANY, NULL);
  ts_i18n_language_from_header (text);
  return 0;
}
