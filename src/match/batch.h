/*
 * Batch matching (POST /v1/matching/batch, `tsunagari match`): the
 * assignment of many open cases that maximises the total of the pair
 * scores the candidate lists report, under each supporter's remaining
 * capacity, one supporter per case.
 */
#pragma once

#include <glib.h>

#include "match/cases.h"
#include "match/config.h"
#include "match/solver.h"

G_BEGIN_DECLS

/* The solver works on integer weights round(score × TS_MATCH_SCORE_SCALE):
 * the optimum is exact for scores rounded to 1e-6. */
#define TS_MATCH_SCORE_SCALE 1e6

typedef struct {
  gint64 case_id;
  gint64 supporter_id;
  double score;  /* the same score as in the case's candidate list */
} TsMatchAssignment;

typedef struct {
  gint64                  case_id;
  TsMatchUnassignedReason reason;
} TsMatchUnassigned;

typedef struct {
  GArray            *assignments;   /* TsMatchAssignment, by case id */
  GArray            *unassigned;    /* TsMatchUnassigned, by case id */
  double             total_score;   /* sum of the scores, by case id */
  gint64             total_scaled;  /* the solver's objective */
  TsMatchSolveStats  stats;
} TsMatchBatch;

TsMatchBatch *ts_match_batch      (TsMatchCases        *cases,
                                   TsDate               on,
                                   const TsMatchConfig *config,
                                   TsMatchProgressFunc  progress,
                                   gpointer             user_data,
                                   GError             **error);
void          ts_match_batch_free (TsMatchBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMatchBatch, ts_match_batch_free)

G_END_DECLS
