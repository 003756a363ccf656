/*
 * tsunagari export statements --month YYYY-MM --database PATH [--output FILE]
 *
 * Writes a month's issued statements as the CSV that
 * GET /v1/payments/statements answers with Accept: text/csv (UTF-8 with a
 * byte order mark, CRLF, Japanese headers; service/statements.c), for the
 * prefecture's accounting spreadsheet.  The command line acts as the local
 * administrator, and the read is in the audit log like any other.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/statements.h"

static int
export_statements (int argc, char **argv)
{
  g_autofree char *database = NULL, *month = NULL, *output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsStatementMonth) m = NULL;
  g_autoptr(GBytes) csv = NULL;
  gsize len;
  const char *data;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month of the statements"), N_("YYYY-MM") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write (default: standard output)"), N_("FILE") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Writes a month's issued payment statements as CSV (UTF-8 with a\n"
                               "byte order mark, for spreadsheets)."),
                             &database, entries))
    return 2;
  if (database == NULL || month == NULL)
    return ts_cli_usage_error (_("--database and --month are required"));
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  m = ts_service_statements_list (service, ctx, month, &error);
  if (m == NULL)
    return ts_cli_fail (ctx, error);
  /* An empty file for a month nobody issued would look like a month
   * without payments. */
  if (!m->issued)
    {
      fprintf (stderr, _("The statements of %s have not been issued yet"), m->month);
      fputc ('\n', stderr);
      return 1;
    }
  csv = ts_statement_month_to_csv (m);
  data = g_bytes_get_data (csv, &len);
  if (output != NULL)
    {
      if (!g_file_set_contents (output, data, (gssize) len, &error))
        return ts_cli_fail (NULL, error);
      fprintf (stderr, _("%u statements of %s written to %s"), m->statements->len, m->month,
               output);
      fputc ('\n', stderr);
      return 0;
    }
  if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      fprintf (stderr, "%s\n", _("Cannot write to standard output"));
      return 1;
    }
  return 0;
}

int
ts_cli_export (int argc, char **argv)
{
  static const char *const usage[] = {
    N_("Usage: tsunagari export statements --month YYYY-MM --database PATH [--output FILE]"), NULL
  };
  static const TsCliSubverb subverbs[] = {
    { "statements", N_("A month's payment statements as CSV"), export_statements },
    { NULL }
  };

  return ts_cli_dispatch (argc, argv, usage, 12, subverbs);
}
