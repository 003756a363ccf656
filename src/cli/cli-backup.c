/*
 * tsunagari backup and tsunagari audit verify.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/audit.h"

int
ts_cli_backup (int argc, char **argv)
{
  g_autofree char *database = NULL, *to = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  TsStoreBackupInfo info;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("SQLite database file"), N_("PATH") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Backup file to write"), N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context,
                                _("Copies a consistent snapshot of the database in one read transaction;\n"
                                  "safe while the service is running and writing."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!ts_cli_parse (context, &argc, &argv))
    return 2;
  if (database == NULL || to == NULL)
    {
      fprintf (stderr, "%s\n", _("--database and --to are required"));
      return 2;
    }
  if (!ts_store_backup (database, to, &info, &error))
    {
      ts_cli_error (error);
      return 1;
    }
  printf (_("Backup written to %s"), to);
  putchar ('\n');
  /* TRANSLATORS: rows, tables, the newest audit entry's number, seconds */
  printf (_("%lld rows in %u tables, audit log up to entry %lld, taken in %.2f s."),
          (long long) info.rows, info.tables, (long long) info.audit_seq, info.seconds);
  putchar ('\n');
  return 0;
}

int
ts_cli_audit (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  TsAuditVerification v;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("SQLite database file"), N_("PATH") },
    { NULL }
  };

  if (argc < 2 || !g_str_equal (argv[1], "verify"))
    {
      printf ("%s\n\n  verify   %s\n", _("Usage: tsunagari audit verify --database PATH"),
              _("Recompute the audit log's hash chain"));
      return argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")) ? 0 : 2;
    }
  argc--;
  argv++;
  g_option_context_set_summary (context, _("Recomputes the audit log's hash chain."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!ts_cli_parse (context, &argc, &argv))
    return 2;
  service = ts_cli_open (database, NULL, &error);
  if (service == NULL || !ts_service_audit_verify (service, ctx, &v, &error))
    {
      ts_cli_error (error);
      return 1;
    }
  if (v.ok)
    printf (_("Audit log intact: %lld entries."), (long long) v.entries);
  else
    printf (_("Audit log BROKEN at entry %lld (of %lld)."),
            (long long) v.first_bad_seq, (long long) v.entries);
  putchar ('\n');
  return v.ok ? 0 : 3;
}
