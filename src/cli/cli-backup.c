/*
 * tsunagari backup.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/database.h"

int
ts_cli_backup (int argc, char **argv)
{
  g_autofree char *database = NULL, *to = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  TsDatabaseBackupInfo info;
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
  if (!ts_service_backup_database (database, to, &info, &error))
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
