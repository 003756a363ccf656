/*
 * tsunagari init: create or migrate a database, name its first
 * organisation and create its first administrator.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/database.h"
#include "service/organisations.h"
#include "service/resource.h"
#include "service/users.h"

/* SPEC 2.6: the first organisation (migration 11 made it, holding every
 * record of an upgraded database) is named with --organisation and
 * --municipality-code, on the first init or any later one.  Without them
 * it is left as it is, with a reminder while it has no code. */
static int
name_first_organisation (TsService *service, TsContext *ctx, const char *name, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsOrganisationView) view = NULL;

  if (name == NULL && code == NULL)
    {
      view = ts_service_get (service, ctx, &ts_organisation_ops, TS_ORGANISATION_FIRST, &error);
      if (view == NULL)
        return ts_cli_fail (ctx, error);
      if (view->record->municipality_code == NULL)
        printf ("%s\n", _("The first organisation has no name or code yet: run tsunagari init "
                          "again with --organisation NAME --municipality-code CODE."));
      return 0;
    }
  view = ts_service_organisation_name_first (service, ctx, name, code, &error);
  if (view == NULL)
    return ts_cli_fail (ctx, error);
  printf (_("First organisation: %s (%s, %s)."), view->record->name, view->record->municipality_code,
          ts_organisation_kind_to_string (view->record->kind));
  putchar ('\n');
  return 0;
}

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
  g_autofree char *organisation = NULL;
  g_autofree char *code = NULL;
  TsUserInput input = { 0 };
  int status;
  const GOptionEntry entries[] = {
    /* The bytes as given (G_OPTION_ARG_STRING would convert from the
     * locale's charset, and fail on Japanese under LANG=C): UTF-8 checked
     * below. */
    { "organisation", 0, 0, G_OPTION_ARG_FILENAME, &organisation,
      N_("The name of the installation's first organisation"), N_("NAME") },
    { "municipality-code", 0, 0, G_OPTION_ARG_FILENAME, &code,
      N_("Its local government code: a prefecture's (090000) or a municipality's"), N_("CODE") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Creates the database, or migrates it to this version's schema.\n"
                               "The first administrator (login 'admin') gets the password in\n"
                               "TSUNAGARI_ADMIN_PASSWORD, or a generated one printed once.\n"
                               "--organisation and --municipality-code name the first\n"
                               "organisation, which holds every record of an upgraded database."),
                             &database, entries))
    return 2;
  if ((organisation == NULL) != (code == NULL))
    return ts_cli_usage_error (_("--organisation and --municipality-code go together"));
  if ((organisation != NULL && !g_utf8_validate (organisation, -1, NULL)) ||
      (code != NULL && !g_utf8_validate (code, -1, NULL)))
    return ts_cli_usage_error (_("--organisation and --municipality-code must be UTF-8 text"));

  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  printf (_("Database %s is at schema version %d."), database,
          ts_service_get_schema_version (service));
  putchar ('\n');
  status = name_first_organisation (service, ctx, organisation, code);
  if (status != 0)
    return status;

  existing = ts_service_user_find (service, ctx, "admin", NULL);
  if (existing != NULL)
    return 0;

  input.login = "admin";
  input.password = ts_cli_password ("TSUNAGARI_ADMIN_PASSWORD", &generated);
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
