/*
 * tsunagari match: the batch matching of POST /v1/matching/batch from the
 * command line (issue 4), over every case open for matching.
 *
 *   tsunagari match --database PATH [--on DATE] [--commit]
 *                   [--format table|json|csv] [--config FILE]
 *
 * It runs the same use case as the REST API, as the local administrator:
 * the same optimum, the same audit entries, and with --format json the same
 * bytes.  A progress bar goes to standard error on a terminal.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/matching.h"

static gboolean
progress (guint64 done, guint64 total, gpointer user_data)
{
  (void) user_data;
  ts_cli_progress (_("Matching"), done, total);
  return TRUE;
}

static void
print_table (const TsBatchResult *result)
{
  char on[11];

  ts_date_format (result->on, on);
  printf ("%-10s %-12s %12s  %s\n", _("case"), _("supporter"), _("score"), _("reason"));
  for (guint i = 0; i < result->assignments->len; i++)
    {
      const TsBatchAssignment *a = &g_array_index (result->assignments, TsBatchAssignment, i);

      printf ("%-10" G_GINT64_FORMAT " %-12" G_GINT64_FORMAT " %12.6f\n", a->case_id,
              a->supporter_id, a->score);
    }
  for (guint i = 0; i < result->unassigned->len; i++)
    {
      const TsBatchUnassigned *u = &g_array_index (result->unassigned, TsBatchUnassigned, i);
      printf ("%-10" G_GINT64_FORMAT " %-12s %12s  %s\n", u->case_id, "-", "-", u->reason);
    }
  printf (_("%u assigned, %u unassigned, total score %.6f on %s%s"),
          result->assignments->len, result->unassigned->len, result->total_score, on,
          result->committed ? _(" (committed)") : "");
  putchar ('\n');
}

/* Excel-friendly enough and exact: the scores as in the JSON. */
static void
print_csv (const TsBatchResult *result)
{
  g_autoptr(GString) out = g_string_new ("case_id,supporter_id,score,reason\n");

  for (guint i = 0; i < result->assignments->len; i++)
    {
      const TsBatchAssignment *a = &g_array_index (result->assignments, TsBatchAssignment, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",", a->case_id,
                              a->supporter_id);
      ts_matching_append_double (out, a->score);
      g_string_append (out, ",\n");
    }
  for (guint i = 0; i < result->unassigned->len; i++)
    {
      const TsBatchUnassigned *u = &g_array_index (result->unassigned, TsBatchUnassigned, i);
      g_string_append_printf (out, "%" G_GINT64_FORMAT ",,,%s\n", u->case_id, u->reason);
    }
  fputs (out->str, stdout);
}

int
ts_cli_match (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *config = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *format = NULL;
  gboolean commit = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = NULL;
  g_autoptr(TsBatchResult) result = NULL;
  TsBatchInput input = { 0 };
  const GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      N_("Date the hard filters are checked for and assignments start (default: today)"),
      N_("DATE") },
    { "commit", 0, 0, G_OPTION_ARG_NONE, &commit,
      N_("Create the assignments (all in one transaction, or none)"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table (default), json or csv"),
      N_("FORMAT") },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config, N_("Configuration file"), N_("FILE") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Assigns every case open for matching (assessed or matching, with\n"
                               "consent) to registered supporters so that the total score is the\n"
                               "highest possible, as POST /v1/matching/batch does."),
                             &database, entries))
    return 2;
  if (argc > 1)
    {
      fprintf (stderr, _("Unexpected argument: %s"), argv[1]);
      fputc ('\n', stderr);
      return 2;
    }
  if (format == NULL)
    format = g_strdup ("table");
  if (!g_str_equal (format, "table") && !g_str_equal (format, "json") &&
      !g_str_equal (format, "csv"))
    return ts_cli_usage_error (_("--format must be table, json or csv"));
  if (on_text != NULL && !ts_date_parse (on_text, &input.on))
    return ts_cli_usage_error (_("--on must be a valid date (YYYY-MM-DD)"));

  service = ts_cli_open_for_matching (database, config);
  if (service == NULL)
    return 1;
  ctx = ts_context_new_local ();
  input.commit = commit;
  input.progress = progress;
  result = ts_service_matching_batch (service, ctx, &input, &error);
  if (result == NULL)
    {
      ts_cli_field_errors (ctx);
      if (ctx->problem_extra != NULL && json_object_has_member (ctx->problem_extra, "failures"))
        {
          JsonArray *failures = json_object_get_array_member (ctx->problem_extra, "failures");

          for (guint i = 0; i < json_array_get_length (failures); i++)
            {
              JsonObject *f = json_array_get_object_element (failures, i);
              g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          json_object_get_int_member (f, "case_id"));
              g_autofree char *supporter_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                               json_object_get_int_member (f, "supporter_id"));

              fprintf (stderr, _("case %s, supporter %s: %s"), case_id, supporter_id,
                       json_object_get_string_member (f, "code"));
              fputc ('\n', stderr);
            }
        }
      ts_cli_error (error);
      return 1;
    }

  if (g_str_equal (format, "json"))
    {
      g_autoptr(GString) text = ts_matching_batch_to_json (result);
      puts (text->str);
    }
  else if (g_str_equal (format, "csv"))
    print_csv (result);
  else
    print_table (result);
  return 0;
}
