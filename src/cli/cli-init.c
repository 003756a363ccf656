/*
 * tsunagari init: create or migrate a database and its first administrator.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "core/password.h"
#include "service/database.h"
#include "service/users.h"

int
ts_cli_init (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsUser) existing = NULL;
  g_autoptr(TsUser) admin = NULL;
  g_autofree char *generated = NULL;
  const char *password;
  TsUserInput input = { 0 };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Creates the database, or migrates it to this version's schema.\n"
                               "The first administrator (login 'admin') gets the password in\n"
                               "TSUNAGARI_ADMIN_PASSWORD, or a generated one printed once."),
                             &database, NULL))
    return 2;

  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  printf (_("Database %s is at schema version %d."), database,
          ts_service_get_schema_version (service));
  putchar ('\n');

  existing = ts_service_user_find (service, ctx, "admin", NULL);
  if (existing != NULL)
    return 0;

  password = g_getenv ("TSUNAGARI_ADMIN_PASSWORD");
  if (password == NULL || *password == '\0')
    password = generated = ts_password_generate ();
  input.login = "admin";
  input.password = password;
  input.role = TS_ROLE_ADMIN;
  admin = ts_service_user_create (service, ctx, &input, &error);
  if (admin == NULL)
    return ts_cli_fail (ctx, error);
  if (generated != NULL)
    {
      printf (_("Administrator login: admin  password: %s"), generated);
      printf ("\n%s\n", _("This password is shown only once."));
    }
  else
    printf ("%s\n", _("Administrator 'admin' created with the password from TSUNAGARI_ADMIN_PASSWORD."));
  return 0;
}
