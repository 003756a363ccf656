/*
 * tsunagari audit verify [--anchor 'SEQ HASH'] and tsunagari audit anchor.
 *
 * The hash chain shows an edited or deleted entry, but a log rewritten
 * from its first entry, or cut short together with its head, is as
 * consistent as an untouched one.  `anchor` prints the newest entry's
 * number and hash for the operator to keep outside the database (the
 * journal, each day); `verify --anchor` then fails when the log no longer
 * holds that entry with that hash.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/audit.h"

static int
run_verify (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *anchor_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  TsAuditAnchor anchor = { 0 };
  TsAuditVerification v;
  const GOptionEntry entries[] = {
    { "anchor", 0, 0, G_OPTION_ARG_STRING, &anchor_text,
      N_("An entry printed earlier by 'audit anchor', which must still be in the log"),
      N_("'SEQ HASH'") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Recomputes the audit log's hash chain and, with --anchor, checks that\n"
                               "the log still holds that entry with that hash."),
                             &database, entries))
    return 2;
  if (anchor_text != NULL && !ts_audit_anchor_parse (anchor_text, &anchor))
    return ts_cli_usage_error (_("--anchor must be an entry number and a 64-digit hash, as 'audit anchor' prints them"));
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  if (!ts_service_audit_verify_anchored (service, ctx, &anchor, &v, &error))
    return ts_cli_fail (NULL, error);
  if (v.ok)
    printf (_("Audit log intact: %lld entries."), (long long) v.entries);
  else
    printf (_("Audit log BROKEN at entry %lld (of %lld)."),
            (long long) v.first_bad_seq, (long long) v.entries);
  putchar ('\n');
  if (anchor.seq != 0)
    {
      if (v.anchor_ok)
        printf (_("Anchor %lld %s: the log holds this entry with this hash."),
                (long long) anchor.seq, anchor.hash);
      else
        printf (_("Anchor %lld %s does NOT hold: the log has lost this entry or changed it."),
                (long long) anchor.seq, anchor.hash);
      putchar ('\n');
    }
  return v.ok && v.anchor_ok ? 0 : 3;
}

static int
run_anchor (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  TsAuditAnchor anchor;

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Prints the newest audit entry as 'SEQ HASH'. Keep it outside the\n"
                               "database (for example in the journal, each day) and check it later\n"
                               "with 'tsunagari audit verify --anchor'."),
                             &database, NULL))
    return 2;
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;
  if (!ts_service_audit_anchor (service, ctx, &anchor, &error))
    return ts_cli_fail (NULL, error);
  if (anchor.seq == 0)
    {
      fprintf (stderr, "%s\n", _("The audit log is empty: nothing to anchor yet"));
      return 1;
    }
  /* Machine-readable: exactly what --anchor takes. */
  printf ("%lld %s\n", (long long) anchor.seq, anchor.hash);
  return 0;
}

int
ts_cli_audit (int argc, char **argv)
{
  static const char *const usage[] = {
    N_("Usage: tsunagari audit verify --database PATH [--anchor 'SEQ HASH']"),
    N_("       tsunagari audit anchor --database PATH"),
    NULL
  };
  static const TsCliSubverb subverbs[] = {
    { "verify", N_("Recompute the audit log's hash chain"), run_verify },
    { "anchor", N_("Print the newest entry's number and hash, to keep elsewhere"), run_anchor },
    { NULL }
  };

  return ts_cli_dispatch (argc, argv, usage, 8, subverbs);
}
