/*
 * Soft factors and pair scores.
 *
 * Every factor has a value normalised to 0..1, or no value when it cannot
 * be computed or the case expresses no preference; its contribution is
 * value × weight (0 without a value) and a pair's score is the sum of the
 * contributions, added in TsMatchFactorKind order.  Ranking, the fast path
 * below and the batch all evaluate one inline function, so the same pair
 * gets a bit-identical score everywhere.
 */
#pragma once

#include <glib.h>

#include "match/cases.h"
#include "match/config.h"

G_BEGIN_DECLS

#define TS_MATCH_EARTH_RADIUS_KM 6371.0

typedef struct {
  TsMatchFactorKind kind;
  gboolean          has_value;     /* FALSE: JSON null, contribution 0 */
  double            value;         /* 0..1 */
  double            weight;
  double            contribution;  /* value × weight */
} TsMatchFactor;

double ts_match_cases_score_pair (TsMatchCases        *cases,
                                  guint                case_index,
                                  guint                supporter_index,
                                  const TsMatchConfig *config,
                                  TsMatchFactor        factors[TS_MATCH_N_FACTORS]);
void   ts_match_cases_score      (TsMatchCases        *cases,
                                  guint                case_index,
                                  TsDate               on,
                                  const TsMatchConfig *config,
                                  double              *out_scores,
                                  TsMatchReasons      *out_reasons);

/* What a coordinator reads beside a candidate's score (issue 14): the
 * great-circle distance, the weekly times both the case prefers and the
 * supporter is available (split at midnight, by weekday and time) and
 * the supporter's caseload.  Hard filters are not checked here. */
typedef struct {
  gboolean has_distance;   /* both have a location */
  double   distance_km;
  guint    active_cases;
  guint    max_cases;
  guint32  municipality_code;
} TsMatchPairDetail;

void   ts_match_cases_pair_detail (TsMatchCases      *cases,
                                   guint              case_index,
                                   guint              supporter_index,
                                   TsMatchPairDetail *out,
                                   GArray            *overlap);  /* TsMatchTimeRange */

G_END_DECLS
