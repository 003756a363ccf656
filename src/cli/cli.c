#include "cli/cli.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "core/error.h"
#include "core/i18n.h"
#include "core/password.h"
#include "service/database.h"
#include "service/matching.h"

static const TsCliSubverb verbs[] = {
  { "init", N_("Create or migrate a database and its first administrator"), ts_cli_init },
  { "serve", N_("Serve the REST API until SIGTERM or SIGINT"), ts_cli_serve },
  { "user", N_("Add, list or disable user accounts"), ts_cli_user },
  { "backup", N_("Copy a live database safely to a file"), ts_cli_backup },
  { "audit", N_("Verify the hash chain of the audit log"), ts_cli_audit },
  { "demo", N_("Fill a database with synthetic demonstration data"), ts_cli_demo },
  { "export", N_("Write payment statements as CSV"), ts_cli_export },
  { "match", N_("Assign open cases to supporters with the best total score"), ts_cli_match },
  { "supporters", N_("Renew the registered supporters' insurance for a fiscal year"), ts_cli_supporters },
  { "notices", N_("Compute the day's notices and send their mail"), ts_cli_notices },
  { NULL }
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: tsunagari VERB [OPTIONS]"));
  fprintf (out, "%s\n", _("Verbs:"));
  ts_cli_print_verbs (out, verbs, 8);
  fprintf (out, "\n%s\n", _("Run 'tsunagari VERB --help' for the options of a verb."));
}

int
ts_cli_main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (!ts_crypto_init ())
    {
      fprintf (stderr, "%s\n", _("Cannot initialise libsodium"));
      return 1;
    }
  ts_i18n_init ();
  ts_i18n_set_thread_language (ts_i18n_language_from_environment ());

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("tsunagari %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (const TsCliSubverb *v = verbs; v->name != NULL; v++)
    if (g_str_equal (argv[1], v->name))
      return v->run (argc - 1, argv + 1);

  fprintf (stderr, _("Unknown verb: %s"), argv[1]);
  fputc ('\n', stderr);
  print_usage (stderr);
  return 2;
}

static const char *
translate_option (const char *text, gpointer unused)
{
  (void) unused;
  return ts_i18n_gettext (text);
}

/* Every verb's options start with --database; @entries (NULL when there
 * is nothing else) follow it, in --help as well. */
gboolean
ts_cli_parse_options (int *argc, char ***argv, const char *summary, char **database,
                      const GOptionEntry *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  const GOptionEntry database_entry[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, database, N_("SQLite database file"), N_("PATH") },
    { NULL }
  };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, database_entry, NULL);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  /* --help is written during parsing: option descriptions and summaries
   * go through our catalogue like every other message. */
  g_option_context_set_translate_func (context, translate_option, NULL, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* One line a verb: its name in a column @width wide, then its summary. */
void
ts_cli_print_verbs (FILE *out, const TsCliSubverb *table, int width)
{
  for (const TsCliSubverb *v = table; v->name != NULL; v++)
    fprintf (out, "  %-*s %s\n", width, v->name, _(v->summary));
}

/* Runs the subverb argv[1] names.  Otherwise prints the usage (the lines
 * of @usage, N_() and NULL-terminated, then the subverbs): asked for with
 * --help or -h it is an answer (0), otherwise a mistake (2). */
int
ts_cli_dispatch (int argc, char **argv, const char *const *usage, int width,
                 const TsCliSubverb *subverbs)
{
  for (const TsCliSubverb *s = subverbs; argc >= 2 && s->name != NULL; s++)
    if (g_str_equal (argv[1], s->name))
      return s->run (argc - 1, argv + 1);
  for (guint i = 0; usage[i] != NULL; i++)
    printf ("%s\n", _(usage[i]));
  putchar ('\n');
  ts_cli_print_verbs (stdout, subverbs, width);
  return argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")) ? 0 : 2;
}

/* An option missing or malformed: the command line is wrong, exit 2. */
int
ts_cli_usage_error (const char *message)
{
  fprintf (stderr, "%s\n", message);
  return 2;
}

/* The database and its configuration, or NULL with the reason printed. */
TsService *
ts_cli_open (const char *database, const char *config_path)
{
  g_autoptr(TsConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  TsService *service = NULL;

  if (database == NULL)
    g_set_error_literal (&error, TS_ERROR, TS_ERROR_VALIDATION, _("--database is required"));
  else if ((config = ts_config_load (config_path, &error)) != NULL &&
           ts_service_check_config (config, &error))
    service = ts_service_open_database (database, config, &error);
  if (service == NULL)
    ts_cli_error (error);
  return service;
}

/* The same for the verbs that match (serve, match): a bad [matching]
 * section is reported now, before any work or the first request. */
TsService *
ts_cli_open_for_matching (const char *database, const char *config_path)
{
  g_autoptr(TsService) service = ts_cli_open (database, config_path);
  g_autoptr(GError) error = NULL;

  if (service == NULL)
    return NULL;
  if (ts_service_matching_config (service, &error) == NULL)
    {
      ts_cli_error (error);
      return NULL;
    }
  return g_steal_pointer (&service);
}

void
ts_cli_error (const GError *error)
{
  fprintf (stderr, "tsunagari: %s\n", _(error->message));
}

/* Each field a use case refused, with why, as the API's errors[] says. */
void
ts_cli_field_errors (TsContext *ctx)
{
  for (guint i = 0; i < ts_field_errors_len (ctx->errors); i++)
    fprintf (stderr, "%s: %s\n", ts_field_errors_get (ctx->errors, i)->field,
             _(ts_field_errors_get (ctx->errors, i)->message));
}

/* What a use case refused: each field (@ctx may be NULL), then why.
 * FALSE, for the helpers that stop at the first failure. */
gboolean
ts_cli_report (TsContext *ctx, const GError *error)
{
  if (ctx != NULL)
    ts_cli_field_errors (ctx);
  ts_cli_error (error);
  return FALSE;
}

/* The same, for a verb: its exit status. */
int
ts_cli_fail (TsContext *ctx, const GError *error)
{
  ts_cli_report (ctx, error);
  return 1;
}

/* The password in the environment variable @variable or, when it is unset
 * or empty, a generated one, which is also stored in *@generated (to be
 * shown once, and freed by the caller). */
const char *
ts_cli_password (const char *variable, char **generated)
{
  const char *password = g_getenv (variable);

  if (password == NULL || *password == '\0')
    password = *generated = ts_password_generate ();
  return password;
}

/* A bar on a terminal; nothing when the output is a file or a pipe. */
void
ts_cli_progress (const char *label, guint64 done, guint64 total)
{
  const int width = 30;
  int filled;

  if (!isatty (STDERR_FILENO) || total == 0)
    return;
  filled = (int) (done * width / total);
  fprintf (stderr, "\r%-24s [", label);
  for (int i = 0; i < width; i++)
    fputc (i < filled ? '#' : '.', stderr);
  fprintf (stderr, "] %3d%% (%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ")",
           (int) (done * 100 / total), done, total);
  if (done >= total)
    fputc ('\n', stderr);
  fflush (stderr);
}
