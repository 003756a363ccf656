/*
 * Matching use cases (SPEC 2.2, 3.2; issue 4): the explainable candidate
 * list of a case, the optimal batch assignment of many cases, and the
 * matching configuration.  The rules themselves are the pure matcher's
 * (src/match/, docs/matching.md); the use cases load its inputs from the
 * store, keep them cached while they are current, and record who looked.
 * One file per concern: matching-config.c, matching-cache.c,
 * matching-snapshot.c, matching-input.c, matching.c (candidates),
 * matching-batch.c and matching-json.c.
 *
 * The supporters cache.  Ranking 10,000 supporters takes a fraction of a
 * millisecond, reading and compiling them tens of milliseconds, so the
 * compiled TsMatchSupporters of the last few dates are kept, each with the
 * data version (migration 0005) of the snapshot it was built from.  Every
 * write to supporters, trainings or assignments, by anyone, bumps that
 * version in its own transaction; a request reads the current version and
 * uses a cached copy only when it was built from exactly that version, so
 * a stale copy is never used.  Copies are built only from committed
 * snapshots (never inside a write function), shared read-only between
 * threads, and dropped as soon as a newer version is seen.  The cache is
 * a member of the TsService (one per service, freed with it).
 */
#pragma once

#include "match/match.h"
#include "service/service.h"
#include "store/cases.h"

G_BEGIN_DECLS

#define TS_MATCHING_LIMIT_DEFAULT  50
#define TS_MATCHING_LIMIT_MAX      1000
#define TS_MATCHING_BATCH_MAX_IDS  10000

/* ---- configuration ---------------------------------------------------- */

/* Reads the [matching] group of @keyfile over the defaults (see
 * data/tsunagari.conf): weight_<factor> (0..100), max_distance_km,
 * prune_k and occupation_fit_<referral kind> (a ';' list; empty removes
 * the mapping).  Unknown keys and bad values are errors that name the key. */
TsMatchConfig       *ts_matching_config_from_keyfile (GKeyFile  *keyfile,
                                                      gboolean   require_insurance,
                                                      GError   **error);
/* The service's configuration, parsed once; NULL with the parse error. */
const TsMatchConfig *ts_service_matching_config      (TsService  *self,
                                                      GError    **error);

/* A compiled, read-only set of supporters for one date (see above). */
typedef struct _TsMatchSnapshot TsMatchSnapshot;

TsMatchSnapshot   *ts_match_snapshot_ref            (TsMatchSnapshot *self);
void               ts_match_snapshot_unref          (TsMatchSnapshot *self);
TsMatchSupporters *ts_match_snapshot_get_supporters (TsMatchSnapshot *self);
const char        *ts_match_snapshot_get_name       (TsMatchSnapshot *self,
                                                     gint64           supporter_id);
gint64             ts_match_snapshot_get_version    (TsMatchSnapshot *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMatchSnapshot, ts_match_snapshot_unref)

/* The snapshot of organisation @pool's supporters (0: every
 * organisation's) for @on: the cached one when current, else loaded now
 * (not in a write function). */
TsMatchSnapshot *ts_service_matching_snapshot (TsService  *self,
                                               TsDate      on,
                                               gint64      pool,
                                               GError    **error);
/* The pool a caller draws supporters from (SPEC 2.6): its organisation's,
 * or every one for a caller who sees every organisation (an
 * administrator, the command line). */
gint64           ts_service_matching_pool     (const TsContext *ctx);

/* ---- candidates ------------------------------------------------------- */

/* What the decision screen shows beside a candidate's name (issue 14). */
typedef struct {
  char              *code;              /* サポーター証番号; NULL: none yet */
  char              *municipality_code;
  gboolean           assigned;          /* has an open assignment of the case */
  TsMatchPairDetail  pair;              /* distance, caseload */
  GArray            *overlap;           /* TsMatchTimeRange, by weekday and time */
} TsCandidateDetail;

typedef struct {
  gint64           case_id;
  TsDate           on;
  TsMatchRanking  *ranking;
  TsMatchSnapshot *snapshot;        /* for the supporters' names */
  const TsMatchConfig *config;
  GArray          *details;         /* TsCandidateDetail, as ranking->candidates */
  gboolean         all_excluded;    /* list every excluded supporter, else only
                                     * the counts by reason */
} TsCandidateList;

void ts_candidate_list_free (TsCandidateList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCandidateList, ts_candidate_list_free)

/* Staff only.  @on TS_DATE_NONE: today; @limit 0: the default.  The case
 * must be in the caller's scope (else "No such case", as a missing one)
 * and matchable (assessed, matching or active, with consent to matching);
 * the candidates are the caller's organisation's supporters (SPEC 2.6).
 * Audited as a read of the case. */
TsCandidateList *ts_service_matching_candidates (TsService  *self,
                                                 TsContext  *ctx,
                                                 gint64      case_id,
                                                 TsDate      on,
                                                 int         limit,
                                                 GError    **error);
/* For a dispatch request (SPEC 2.6): the same list for a case of another
 * organisation, which the caller's service code has checked may be shown
 * to the caller; the candidates are the caller's own pool. */
TsCandidateList *ts_service_matching_candidates_shared (TsService  *self,
                                                        TsContext  *ctx,
                                                        gint64      case_id,
                                                        TsDate      on,
                                                        int         limit,
                                                        GError    **error);

/* ---- batch ------------------------------------------------------------ */

typedef struct {
  gint64 case_id;
  gint64 supporter_id;
  double score;                     /* as in the case's candidate list */
  gint64 assignment_id;             /* with commit; else 0 */
  const char *case_code;            /* in the result's strings */
  const char *nickname;
  const char *supporter_name;
} TsBatchAssignment;

typedef struct {
  gint64      case_id;
  const char *reason;               /* static: case_closed, consent_missing,
                                     * case_not_assessed, already_assigned,
                                     * no_eligible_supporter, capacity_exhausted */
  const char *case_code;            /* in the result's strings */
  const char *nickname;
} TsBatchUnassigned;

typedef struct {
  TsDate            on;
  gboolean          committed;
  GArray           *assignments;    /* TsBatchAssignment, by case id */
  GArray           *unassigned;     /* TsBatchUnassigned, by case id */
  double            total_score;    /* the sum of the scores, by case id */
  TsMatchSolveStats stats;
  GStringChunk     *strings;        /* the cases' codes and nicknames, the
                                     * supporters' names */
} TsBatchResult;

void ts_batch_result_free (TsBatchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsBatchResult, ts_batch_result_free)

typedef struct {
  gboolean             has_case_ids; /* FALSE: every case open for matching */
  const gint64        *case_ids;
  guint                n_case_ids;
  TsDate               on;          /* TS_DATE_NONE: today */
  gboolean             commit;
  TsMatchProgressFunc  progress;    /* nullable */
  gpointer             progress_data;
} TsBatchInput;

/* Staff only.  Unknown case ids: TS_ERROR_NOT_FOUND with the ids in the
 * problem's `unknown_case_ids`.  With commit, every assignment is created
 * in one transaction after its eligibility is checked again there; if any
 * check fails nothing is created (TS_ERROR_CONFLICT with `failures`). */
TsBatchResult *ts_service_matching_batch (TsService          *self,
                                          TsContext          *ctx,
                                          const TsBatchInput *input,
                                          GError            **error);

/* ---- for the assignment use cases --------------------------------------- */

/* Every hard-filter reason that keeps @supporter_id from @info's case on
 * @on, from the store as the caller's transaction sees it (call it inside
 * the write function that then creates the assignment).  The one rule
 * set is the matcher's (ts_match_cases_check).  TS_ERROR_NOT_FOUND when
 * the supporter does not exist. */
gboolean ts_service_matching_check_pair (TsService             *self,
                                         const TsCaseMatchInfo *info,
                                         gint64                 supporter_id,
                                         TsDate                 on,
                                         TsMatchReasons        *out_reasons,
                                         GError               **error);

/* ---- JSON, shared by the REST API and the command line ------------------ */

GString *ts_matching_candidates_to_json (const TsCandidateList *list,
                                         TsLanguage             lang);
GString *ts_matching_batch_to_json      (const TsBatchResult   *result);
void     ts_matching_append_double      (GString               *out,
                                         double                 value);
/* ?excluded=: "summary" (the default: counts by reason) or "all" (every
 * excluded supporter with its name and reasons). */
gboolean ts_matching_excluded_from_string (const char *text,
                                           gboolean   *out_all);

/* Adds `reasons: [...]` to the problem, in the matcher's fixed order. */
void     ts_matching_add_reasons_extra  (TsContext     *ctx,
                                         TsMatchReasons reasons);

G_END_DECLS
