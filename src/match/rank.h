/*
 * The candidate list of one case (GET /v1/cases/{id}/candidates).
 */
#pragma once

#include <glib.h>

#include "match/cases.h"
#include "match/config.h"
#include "match/score.h"

G_BEGIN_DECLS

typedef struct {
  gint64        supporter_id;
  double        score;                        /* sum of the contributions */
  TsMatchFactor factors[TS_MATCH_N_FACTORS];  /* in TsMatchFactorKind order */
} TsMatchCandidate;

typedef struct {
  gint64         supporter_id;
  TsMatchReasons reasons;  /* every reason that applies */
} TsMatchExcluded;

typedef struct {
  gint64  case_id;
  GArray *candidates;  /* TsMatchCandidate: score descending, then id */
  GArray *excluded;    /* TsMatchExcluded: by supporter id */
  guint   n_eligible;  /* eligible supporters, before the limit */
} TsMatchRanking;

TsMatchRanking *ts_match_rank         (TsMatchCases        *cases,
                                       gint64               case_id,
                                       TsDate               on,
                                       const TsMatchConfig *config,
                                       guint                limit,
                                       GError             **error);
void            ts_match_ranking_free (TsMatchRanking *ranking);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMatchRanking, ts_match_ranking_free)

G_END_DECLS
