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
  g_autoptr(GError) error = NULL;
  TsDatabaseBackupInfo info;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Backup file to write"), N_("FILE") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Copies a consistent snapshot of the database in one read transaction;\n"
                               "safe while the service is running and writing."),
                             &database, entries))
    return 2;
  if (database == NULL || to == NULL)
    return ts_cli_usage_error (_("--database and --to are required"));
  if (!ts_service_backup_database (database, to, &info, &error))
    return ts_cli_fail (NULL, error);
  printf (_("Backup written to %s"), to);
  putchar ('\n');
  /* TRANSLATORS: rows, tables, the newest audit entry's number, seconds */
  printf (_("%lld rows in %u tables, audit log up to entry %lld, taken in %.2f s."),
          (long long) info.rows, info.tables, (long long) info.audit_seq, info.seconds);
  putchar ('\n');
  return 0;
}
