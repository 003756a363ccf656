/*
 * The exact batch solver: a maximum-weight b-matching between cases
 * (capacity 1) and supporters (their remaining capacity) over the sparse
 * graph of eligible pairs.
 *
 * Weights are non-negative integers (scaled scores).  The solver
 * maximises the total weight and, among maximal totals, the number of
 * assignments; with pruning it starts from each case's best prune_k pairs
 * and proves the result with the dual values (docs/matching.md).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TS_MATCH_NONE G_MAXUINT32

/* Largest weight of a pair, and largest number of cases, for which the
 * solver's 64-bit arithmetic is exact. */
#define TS_MATCH_MAX_PAIR_WEIGHT G_MAXINT32
#define TS_MATCH_MAX_CASES (1u << 24)

/* Fills *supporters and *weights with the eligible pairs of case
 * @case_index, by ascending supporter index, and returns their number.
 * The arrays stay owned by the callee and valid until the next call.  The
 * solver may ask for a row several times and must get the same answer. */
typedef guint (*TsMatchRowFunc) (guint           case_index,
                                 const guint32 **supporters,
                                 const gint32  **weights,
                                 gpointer        user_data);

/* Progress for a progress bar; return FALSE to cancel. */
typedef gboolean (*TsMatchProgressFunc) (guint64  done,
                                         guint64  total,
                                         gpointer user_data);

/* How a round that added pairs back continues; both are exact, the tests
 * compare them. */
typedef enum {
  TS_MATCH_REPAIR_AUTO = 0,   /* the default: in place */
  TS_MATCH_REPAIR_IN_PLACE,   /* re-route only the cases that gained pairs */
  TS_MATCH_REPAIR_RESOLVE,    /* solve the grown graph from scratch */
} TsMatchRepair;

typedef struct {
  guint                n_cases;
  guint                n_supporters;
  const guint32       *capacity;      /* per supporter: remaining slots */
  TsMatchRowFunc       row_func;
  gpointer             row_data;
  guint                prune_k;       /* 0: keep every pair */
  TsMatchProgressFunc  progress;      /* nullable */
  gpointer             progress_data;
  TsMatchRepair        repair;
} TsMatchProblem;

typedef struct {
  gint64  total_weight;  /* sum of the assigned pairs' weights */
  guint   n_assigned;
  guint   rounds;        /* solves until the duals proved the pruning */
  guint   warm_starts;   /* rounds that repaired the flow in place */
  guint64 pairs;         /* eligible pairs seen */
  guint64 pairs_kept;    /* pairs in the final solved graph */
  guint64 rows_rechecked;
} TsMatchSolveStats;

gboolean ts_match_solve (const TsMatchProblem *problem,
                         guint32              *out_assignment,
                         guint                *out_degree,
                         TsMatchSolveStats    *out_stats,
                         GError              **error);

G_END_DECLS
