/*
 * The command line: `tsunagari VERB [OPTIONS]`, in the style of git and
 * systemctl.  Each verb group lives in its own file.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "core/date.h"
#include "service/cases.h"
#include "service/service.h"

G_BEGIN_DECLS

int ts_cli_main (int argc, char **argv);

/* Verbs: argv[0] is the verb itself. */
int ts_cli_init   (int argc, char **argv);
int ts_cli_serve  (int argc, char **argv);
int ts_cli_user   (int argc, char **argv);
int ts_cli_backup (int argc, char **argv);
int ts_cli_audit  (int argc, char **argv);
int ts_cli_demo   (int argc, char **argv);
int ts_cli_export (int argc, char **argv);
int ts_cli_match  (int argc, char **argv);
int ts_cli_supporters (int argc, char **argv);
int ts_cli_notices (int argc, char **argv);

/* The demo's organisations (SPEC 2.6; cli-demo.c): 栃木県 is the
 * installation's first, with two municipalities and an agency below it. */
typedef struct {
  gint64 prefecture;
  gint64 utsunomiya;                /* 宇都宮市 092011 */
  gint64 nasu;                      /* 那須町 094072 */
  gint64 agency;
} TsCliDemoOrganisations;

/* A command-line context acting for @organisation_id: what it creates
 * belongs there, and it sees that organisation's records only. */
TsContext *ts_cli_demo_context (gint64 organisation_id);

/* The demo's cases (cli-demo-cases.c), after its supporters, spread over
 * @orgs (a municipality's cases live in it). */
gboolean ts_cli_demo_cases (TsService *service, GRand *rand, TsDate today, guint n_cases,
                            const TsCliDemoOrganisations *orgs, GError **error);

/* A case of the demo created from @draft and assessed (cli-demo-cases.c):
 * its id, or 0 with the error reported. */
gint64 ts_cli_demo_assessed_case (TsService               *service,
                                  TsContext               *ctx,
                                  const TsCaseRecord      *draft,
                                  const TsAssessmentInput *assessment,
                                  GError                 **error);

/* The demo's money (cli-demo-money.c): rates, a budget, three prefecture
 * cases supported for the last months by the supporters it appends to
 * @supporter_ids (supporter1–3), reports approved and issued, approved and
 * not issued, and pending; the placements of ts_cli_demo_placements(). */
gboolean ts_cli_demo_money (TsService *service, TsDate today, const TsCliDemoOrganisations *orgs,
                            gint64 bakery_id, GArray *supporter_ids, GError **error);

/* The demo's 職親 placements (cli-demo-placements.c), called by
 * ts_cli_demo_money() with its three cases before it issues the past
 * months: a host of the prefecture with past, current and upcoming
 * placements and their attendance, and a 宇都宮市 case at host1's
 * @bakery_id. */
gboolean ts_cli_demo_placements (TsService *service, TsDate today,
                                 const TsCliDemoOrganisations *orgs, gint64 bakery_id,
                                 const gint64 *case_ids, guint n_cases, GError **error);

/* The demo's events (cli-demo-events.c, issue 18): a monthly 家族会 series
 * with counts, a 巡回相談 day with slots and allocated requests (the first of
 * @supporter_ids planned as its staff), a 家族セミナー with registrations. */
gboolean ts_cli_demo_events (TsService *service, TsDate today, const TsCliDemoOrganisations *orgs,
                             const GArray *supporter_ids, GError **error);

/* A point near a municipality for the demo's supporters and cases
 * (cli-demo.c): synthetic, reproducible from the code, inside 栃木県. */
void ts_cli_demo_location (GRand *rand, const char *code, double *lat, double *lon);

/* A verb, or a subverb (user add, audit verify, …), with its line in the
 * usage: run gets argv[0] = name.  Tables of them end with { NULL }. */
typedef struct {
  const char *name;
  const char *summary;          /* N_(): translated when printed */
  int (*run) (int argc, char **argv);
} TsCliSubverb;

/* Shared by the verbs. */
gboolean   ts_cli_parse_options (int *argc, char ***argv, const char *summary, char **database,
                                 const GOptionEntry *entries);
void       ts_cli_print_verbs (FILE *out, const TsCliSubverb *table, int width);
int        ts_cli_dispatch (int argc, char **argv, const char *const *usage, int width,
                            const TsCliSubverb *subverbs);
int        ts_cli_usage_error (const char *message);
TsService *ts_cli_open    (const char *database, const char *config_path);
TsService *ts_cli_open_for_matching (const char *database, const char *config_path);
void       ts_cli_error   (const GError *error);
void       ts_cli_field_errors (TsContext *ctx);
gboolean   ts_cli_report  (TsContext *ctx, const GError *error);
int        ts_cli_fail    (TsContext *ctx, const GError *error);
void       ts_cli_progress (const char *label, guint64 done, guint64 total);
const char *ts_cli_password (const char *variable, char **generated);

G_END_DECLS
