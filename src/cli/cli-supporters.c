/*
 * tsunagari supporters renew-insurance
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/supporters.h"

static void
progress (guint64 done, guint64 total, gpointer user_data)
{
  (void) user_data;
  ts_cli_progress (_("Renewing insurance"), done, total);
}

static int
renew_insurance (int argc, char **argv)
{
  g_autofree char *database = NULL;
  gint64 fiscal_year = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autofree char *until = NULL;
  g_autofree char *count = NULL;
  TsInsuranceRenewal result;
  const GOptionEntry entries[] = {
    { "fiscal-year", 0, 0, G_OPTION_ARG_INT64, &fiscal_year,
      N_("Fiscal year (年度) to insure for, e.g. 2026 for April 2026 – March 2027"), N_("YYYY") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Insures every registered supporter until 31 March at the end of\n"
                               "the fiscal year.  Later dates are kept; running it again changes nothing."),
                             &database, entries))
    return 2;
  if (fiscal_year == 0)
    return ts_cli_usage_error (_("--fiscal-year is required"));
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  if (!ts_service_supporter_renew_insurance (service, ctx, fiscal_year, progress, NULL, &result,
                                             &error))
    return ts_cli_fail (ctx, error);
  until = ts_date_to_string (result.insured_until);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, result.renewed);
  printf (_("Fiscal year %d: %s supporters renewed, insured until %s."),
          result.fiscal_year, count, until);
  putchar ('\n');
  return 0;
}

int
ts_cli_supporters (int argc, char **argv)
{
  static const char *const usage[] = {
    N_("Usage: tsunagari supporters renew-insurance [OPTIONS]"), NULL
  };
  static const TsCliSubverb subverbs[] = {
    { "renew-insurance", N_("Insure every registered supporter for a fiscal year"), renew_insurance },
    { NULL }
  };

  return ts_cli_dispatch (argc, argv, usage, 16, subverbs);
}
