/*
 * The matching engine (SPEC 2.2): explainable candidate lists and the
 * optimal batch assignment.  Pure: no I/O, no database, no JSON.
 *
 * Typical use by the service:
 *
 *   supporters = ts_match_supporters_new ();
 *   for each supporter row: ts_match_supporters_add (supporters, &info, &error);
 *   cases = ts_match_cases_new (supporters);
 *   for each case: ts_match_cases_add (cases, &case_info, &error);
 *   for each excluded pair / earlier assignment:
 *     ts_match_cases_add_exclusion () / ts_match_cases_add_history ();
 *   ranking = ts_match_rank (cases, case_id, on, config, limit, &error);
 *   batch = ts_match_batch (cases, on, config, progress, data, &error);
 */
#pragma once

#include "match/batch.h"
#include "match/cases.h"
#include "match/config.h"
#include "match/interner.h"
#include "match/rank.h"
#include "match/score.h"
#include "match/solver.h"
#include "match/supporters.h"
#include "match/vocabulary.h"
