/*
 * Renders a statistics JSON (the GET /v1/statistics contract) as the annual
 * report PDF, for the docs' sample and the benchmark (tests/bench/print):
 *
 *   print-annual STATISTICS.json OUT.pdf [DATE] [SCALE]
 *
 * DATE (YYYY-MM-DD, default 2026-04-30) is the print date; SCALE (default
 * 1) repeats the rows of the per-municipality, per-kind and per-host tables
 * that many times, as a larger installation would have.  Prints the
 * rendering time in seconds on stdout.
 */
#include <stdio.h>
#include <stdlib.h>

#include "print/annual.h"

static void
scale_rows (JsonObject *st, const char *member, int scale)
{
  JsonNode *node = json_object_get_member (st, member);
  JsonArray *rows;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  rows = json_node_get_array (node);
  n = json_array_get_length (rows);

  for (int k = 1; k < scale; k++)
    for (guint i = 0; i < n; i++)
      json_array_add_element (rows, json_node_copy (json_array_get_element (rows, i)));
}

int
main (int argc, char **argv)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  JsonObject *st;
  TsDate date = ts_date_new (2026, 4, 30);
  int scale = argc > 4 ? atoi (argv[4]) : 1;
  gint64 start;

  if (argc < 3 || (argc > 3 && !ts_date_parse (argv[3], &date)) || scale < 1)
    {
      fprintf (stderr, "Usage: print-annual STATISTICS.json OUT.pdf [DATE] [SCALE]\n");
      return 2;
    }
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  st = json_node_get_object (json_parser_get_root (parser));
  scale_rows (st, "supporters_by_municipality", scale);
  scale_rows (st, "activities_by_municipality_kind", scale);
  scale_rows (st, "placements_by_host", scale);
  start = g_get_monotonic_time ();
  pdf = ts_print_annual_report_on (st, date, &error);
  if (pdf == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%.3f\n", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  if (!g_file_set_contents (argv[2], g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf),
                            &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
