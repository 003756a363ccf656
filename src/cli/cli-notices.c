/*
 * tsunagari notices run (issue 17): the daily notices for cron or a
 * systemd timer (data/tsunagari-notices.timer), then the outbox's mail.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/notices.h"

static void
progress (guint64 done, guint64 total, gpointer user_data)
{
  (void) user_data;
  /* Only worth a bar for many recipients. */
  if (total >= 100)
    ts_cli_progress (_("Computing notices"), done, total);
}

static int
run (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *on_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  gboolean no_mail = FALSE;
  TsDate on = TS_DATE_NONE;
  TsNoticeRun result;
  TsMailFlush flush = { 0 };
  char day[11];
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_("Configuration file (GKeyFile): [notices] and [mail]"), N_("FILE") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      N_("The day to compute the notices of (default: today in Asia/Tokyo)"), N_("DATE") },
    { "no-mail", 0, 0, G_OPTION_ARG_NONE, &no_mail,
      N_("Only queue the mail; do not send the outbox"), NULL },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Computes the day's notices (follow-up training, insurance, pre-\n"
                               "interviews, reports, statements, dispatch requests), each once,\n"
                               "then sends the outbox's due mail through [mail]'s SMTP server.\n"
                               "Running it again the same day creates and sends nothing new."),
                             &database, entries))
    return 2;
  if (on_text != NULL && !ts_date_parse (on_text, &on))
    return ts_cli_usage_error (_("--on must be a date YYYY-MM-DD"));
  service = ts_cli_open (database, config_path);
  if (service == NULL)
    return 1;
  if (on == TS_DATE_NONE)
    on = ts_date_today ();
  if (!ts_service_notices_run (service, ctx, on, progress, NULL, &result, &error))
    return ts_cli_fail (ctx, error);
  if (!no_mail && !ts_service_mail_flush (service, ts_service_now_unix (), &flush, &error))
    return ts_cli_fail (ctx, error);
  ts_date_format (on, day);
  {
    g_autofree char *created = g_strdup_printf ("%" G_GUINT64_FORMAT, result.created);
    g_autofree char *queued = g_strdup_printf ("%" G_GUINT64_FORMAT, result.queued);
    g_autofree char *sent = g_strdup_printf ("%u", flush.sent);
    g_autofree char *failed = g_strdup_printf ("%u", flush.failed);

    printf (_("%s: %s new notices, %s to mail; %s mail sent, %s failed (kept for a retry)."),
            day, created, queued, sent, failed);
  }
  putchar ('\n');
  return 0;
}

int
ts_cli_notices (int argc, char **argv)
{
  static const char *const usage[] = {
    N_("Usage: tsunagari notices run [OPTIONS]"), NULL
  };
  static const TsCliSubverb subverbs[] = {
    { "run", N_("Compute the day's notices and send their mail"), run },
    { NULL }
  };

  return ts_cli_dispatch (argc, argv, usage, 16, subverbs);
}
