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
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsUser) existing = NULL;
  g_autoptr(TsUser) admin = NULL;
  g_autofree char *generated = NULL;
  const char *password;
  TsUserInput input = { 0 };
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("SQLite database file"), N_("PATH") },
    { NULL }
  };

  g_option_context_set_summary (context,
                                _("Creates the database, or migrates it to this version's schema.\n"
                                  "The first administrator (login 'admin') gets the password in\n"
                                  "TSUNAGARI_ADMIN_PASSWORD, or a generated one printed once."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!ts_cli_parse (context, &argc, &argv))
    return 2;

  service = ts_cli_open (database, NULL, &error);
  if (service == NULL)
    {
      ts_cli_error (error);
      return 1;
    }
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
    {
      for (guint i = 0; i < ts_field_errors_len (ctx->errors); i++)
        fprintf (stderr, "%s: %s\n", ts_field_errors_get (ctx->errors, i)->field,
                 _(ts_field_errors_get (ctx->errors, i)->message));
      ts_cli_error (error);
      return 1;
    }
  if (generated != NULL)
    {
      printf (_("Administrator login: admin  password: %s"), generated);
      printf ("\n%s\n", _("This password is shown only once."));
    }
  else
    printf ("%s\n", _("Administrator 'admin' created with the password from TSUNAGARI_ADMIN_PASSWORD."));
  return 0;
}
