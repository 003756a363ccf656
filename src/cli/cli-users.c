/*
 * tsunagari user add|list|disable
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/users.h"

static int
user_add (int argc, char **argv)
{
  g_autofree char *database = NULL, *login = NULL, *role = NULL;
  g_autofree char *generated = NULL;
  gint64 supporter_id = 0, host_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsUser) user = NULL;
  TsUserInput input = { 0 };
  const GOptionEntry entries[] = {
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, N_("Login name"), N_("LOGIN") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("admin, coordinator, supporter, host or auditor"), N_("ROLE") },
    { "supporter-id", 0, 0, G_OPTION_ARG_INT64, &supporter_id, N_("Supporter linked to a supporter account"), N_("ID") },
    { "host-id", 0, 0, G_OPTION_ARG_INT64, &host_id, N_("Host linked to a host account"), N_("ID") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Adds an account.  The password comes from TSUNAGARI_PASSWORD,\n"
                               "or is generated and printed once."),
                             &database, entries))
    return 2;
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  input.login = login;
  input.password = ts_cli_password ("TSUNAGARI_PASSWORD", &generated);
  input.role = ts_role_from_string (role);
  input.supporter_id = supporter_id;
  input.host_id = host_id;
  user = ts_service_user_create (service, ctx, &input, &error);
  if (user == NULL)
    return ts_cli_fail (ctx, error);
  printf (_("User %s (id %lld) added."), user->login, (long long) user->id);
  putchar ('\n');
  if (generated != NULL)
    printf (_("Password: %s (shown only once)\n"), generated);
  return 0;
}

static int
user_list (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(GPtrArray) users = NULL;

  if (!ts_cli_parse_options (&argc, &argv, _("Lists every account."), &database, NULL))
    return 2;
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  users = ts_service_user_list (service, ctx, &error);
  if (users == NULL)
    return ts_cli_fail (NULL, error);
  printf ("%-6s %-24s %-12s %-10s\n", "id", _("login"), _("role"), _("state"));
  for (guint i = 0; i < users->len; i++)
    {
      TsUser *u = users->pdata[i];
      printf ("%-6" G_GINT64_FORMAT " %-24s %-12s %-10s\n", u->id, u->login,
              ts_role_to_string (u->role), u->disabled ? _("disabled") : _("active"));
    }
  return 0;
}

static int
user_disable (int argc, char **argv)
{
  g_autofree char *database = NULL, *login = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsUser) user = NULL;
  g_autoptr(TsUser) updated = NULL;
  TsUserPatch patch = { .set_disabled = TRUE, .disabled = TRUE };
  const GOptionEntry entries[] = {
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, N_("Login name"), N_("LOGIN") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv, _("Disables an account and revokes its tokens."),
                             &database, entries))
    return 2;
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  if (login == NULL ||
      (user = ts_service_user_find (service, ctx, login, &error)) == NULL ||
      (updated = ts_service_user_update (service, ctx, user->id, &patch, &error)) == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, TS_ERROR, TS_ERROR_VALIDATION, _("--login is required"));
      return ts_cli_fail (ctx, error);
    }
  printf (_("User %s disabled."), updated->login);
  putchar ('\n');
  return 0;
}

int
ts_cli_user (int argc, char **argv)
{
  static const char *const usage[] = { N_("Usage: tsunagari user add|list|disable [OPTIONS]"), NULL };
  static const TsCliSubverb subverbs[] = {
    { "add", N_("Add an account"), user_add },
    { "list", N_("List accounts"), user_list },
    { "disable", N_("Disable an account"), user_disable },
    { NULL }
  };

  return ts_cli_dispatch (argc, argv, usage, 8, subverbs);
}
