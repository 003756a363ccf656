/*
 * Batch matching: filter, score, solve.
 *
 * The graph is never stored whole.  Each case's row (its eligible
 * supporters and their scaled scores) is computed on demand by the same
 * kernel as the candidate list; the solver keeps only each case's best
 * prune_k pairs and asks for a row again only when its dual values cannot
 * rule out the pairs it left out.  Memory stays O(cases × prune_k +
 * supporters) whatever the number of eligible pairs.
 */
#include "match/batch.h"

#include "match/score-private.h"

/* Rows the solver asks for again (to check its proof) are kept, up to this
 * many pairs (8 bytes each), so that later rounds do not score them a
 * third time. */
#define ROW_CACHE_PAIRS (16u << 20)

typedef struct {
  guint32 *sup;
  gint32  *w;
  guint    n;
  guint    requests;
} CachedRow;

typedef struct {
  TsMatchScorer  sc;
  TsMatchCases  *cases;
  guint32       *dispatchable;  /* supporters that pass the supporter-only
                                 * filters, by index */
  guint          n_dispatchable;
  guint32       *row_sup;
  gint32        *row_w;
  CachedRow     *cache;
  gsize          cached_pairs;
} BatchRows;

static gint32
scale_score (double score)
{
  return (gint32) llround (score * TS_MATCH_SCORE_SCALE);
}

static guint
batch_row (guint           case_index,
           const guint32 **out_sup,
           const gint32  **out_w,
           gpointer        user_data)
{
  BatchRows *rows = user_data;
  TsMatchCases *cases = rows->cases;
  const TsMatchSupporterRec *recs = rows->sc.supporters;
  guint32 excl_pos = cases->excl_start[case_index];
  guint32 excl_end = cases->excl_start[case_index + 1];
  guint32 hist_pos = cases->hist_start[case_index];
  guint32 hist_end = cases->hist_start[case_index + 1];
  CachedRow *cached = &rows->cache[case_index];
  guint n = 0;

  if (cached->sup != NULL)
    {
      *out_sup = cached->sup;
      *out_w = cached->w;
      return cached->n;
    }
  if (rows->sc.case_index != case_index)
    ts_match_scorer_set_case (&rows->sc, case_index);

  for (guint k = 0; k < rows->n_dispatchable; k++)
    {
      guint32 j = rows->dispatchable[k];
      const TsMatchSupporterRec *s = &recs[j];
      double score;

      if (ts_match_pair_reasons (rows->sc.c, s,
                                 ts_match_sorted_contains (cases->excl,
                                                           &excl_pos,
                                                           excl_end, j)) != 0)
        continue;
      score = ts_match_score_kernel (&rows->sc, s,
                                     ts_match_sorted_contains (cases->hist,
                                                               &hist_pos,
                                                               hist_end, j),
                                     NULL);
      rows->row_sup[n] = j;
      rows->row_w[n] = scale_score (score);
      n++;
    }
  *out_sup = rows->row_sup;
  *out_w = rows->row_w;
  if (++cached->requests >= 2 && rows->cached_pairs + n <= ROW_CACHE_PAIRS)
    {
      cached->sup = g_memdup2 (rows->row_sup, sizeof (guint32) * MAX (n, 1));
      cached->w = g_memdup2 (rows->row_w, sizeof (gint32) * MAX (n, 1));
      cached->n = n;
      rows->cached_pairs += n;
    }
  return n;
}

void
ts_match_batch_free (TsMatchBatch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->assignments);
  g_array_unref (batch->unassigned);
  g_free (batch);
}

/* Assigns the cases of @cases optimally on @on.  Every case is either
 * assigned or listed as unassigned with its reason; the result depends
 * only on the content of @cases and @config, not on the order things were
 * added.  @progress (nullable) sees done/total for a progress bar and may
 * cancel by returning FALSE. */
TsMatchBatch *
ts_match_batch (TsMatchCases        *cases,
                TsDate               on,
                const TsMatchConfig *config,
                TsMatchProgressFunc  progress,
                gpointer             user_data,
                GError             **error)
{
  g_autoptr(TsMatchBatch) batch = NULL;
  g_autofree guint32 *capacity = NULL;
  g_autofree guint32 *assignment = NULL;
  g_autofree guint *degree = NULL;
  BatchRows rows = { 0 };
  TsMatchProblem problem = { 0 };
  gboolean require_insurance;
  guint nc, ns;
  gboolean ok;

  g_return_val_if_fail (cases != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (on != TS_DATE_NONE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ts_match_cases_seal (cases);
  nc = ts_match_cases_get_size (cases);
  ns = ts_match_supporters_get_size (cases->supporters);
  require_insurance = ts_match_config_get_require_insurance (config);

  ts_match_scorer_init (&rows.sc, cases, config);
  rows.cases = cases;
  rows.dispatchable = g_new (guint32, MAX (ns, 1));
  rows.row_sup = g_new (guint32, MAX (ns, 1));
  rows.row_w = g_new (gint32, MAX (ns, 1));
  rows.cache = g_new0 (CachedRow, MAX (nc, 1));
  capacity = g_new0 (guint32, MAX (ns, 1));
  for (guint j = 0; j < ns; j++)
    {
      const TsMatchSupporterRec *s = &rows.sc.supporters[j];

      if (ts_match_supporter_reasons (s, on, require_insurance) == 0)
        {
          rows.dispatchable[rows.n_dispatchable++] = j;
          capacity[j] = (guint32) (s->max_cases - s->active_cases);
        }
    }

  problem.n_cases = nc;
  problem.n_supporters = ns;
  problem.capacity = capacity;
  problem.row_func = batch_row;
  problem.row_data = &rows;
  problem.prune_k = ts_match_config_get_prune_k (config);
  problem.progress = progress;
  problem.progress_data = user_data;

  batch = g_new0 (TsMatchBatch, 1);
  batch->assignments = g_array_new (FALSE, FALSE, sizeof (TsMatchAssignment));
  batch->unassigned = g_array_new (FALSE, FALSE, sizeof (TsMatchUnassigned));
  assignment = g_new (guint32, MAX (nc, 1));
  degree = g_new (guint, MAX (nc, 1));

  ok = ts_match_solve (&problem, assignment, degree, &batch->stats, error);
  if (ok)
    {
      for (guint i = 0; i < nc; i++)
        {
          gint64 case_id = g_array_index (cases->recs, TsMatchCaseRec, i).id;

          if (assignment[i] != TS_MATCH_NONE)
            {
              TsMatchAssignment a;
              guint32 j = assignment[i];
              guint32 pos = cases->hist_start[i];

              ts_match_scorer_set_case (&rows.sc, i);
              a.case_id = case_id;
              a.supporter_id = rows.sc.supporters[j].id;
              a.score = ts_match_score_kernel (&rows.sc,
                                               &rows.sc.supporters[j],
                                               ts_match_sorted_contains (cases->hist,
                                                                         &pos,
                                                                         cases->hist_start[i + 1],
                                                                         j),
                                               NULL);
              batch->total_score += a.score;
              batch->total_scaled += scale_score (a.score);
              g_array_append_val (batch->assignments, a);
            }
          else
            {
              TsMatchUnassigned u = {
                case_id,
                degree[i] == 0 ? TS_MATCH_UNASSIGNED_NO_ELIGIBLE_SUPPORTER
                               : TS_MATCH_UNASSIGNED_CAPACITY_EXHAUSTED,
              };

              g_array_append_val (batch->unassigned, u);
            }
        }
    }

  ts_match_scorer_clear (&rows.sc);
  g_free (rows.dispatchable);
  g_free (rows.row_sup);
  g_free (rows.row_w);
  for (guint i = 0; i < nc; i++)
    {
      g_free (rows.cache[i].sup);
      g_free (rows.cache[i].w);
    }
  g_free (rows.cache);
  if (!ok)
    return NULL;
  return g_steal_pointer (&batch);
}
