/*
 * The candidate list of one case.
 *
 * The whole population is scored on the fast path; only the candidates
 * that make the list are scored again with their factors, by the same
 * kernel, so the listed score is bit-identical to the one that ranked it.
 */
#include "match/rank.h"

#include "match/heap-private.h"
#include "match/score-private.h"

typedef struct {
  double  score;
  guint32 index;  /* supporter index: ids ascend with it */
} Entry;

/* Whether @a ranks before @b: higher score, then lower id. */
static inline gboolean
ranks_before (const Entry *a, const Entry *b)
{
  return a->score > b->score || (a->score == b->score && a->index < b->index);
}

/* The best @limit of n supporters: worst kept entry at the root. */
TS_MATCH_DEFINE_WORST_HEAP (entry, Entry, ranks_before)

static int
compare_entries (const void *a, const void *b)
{
  if (ranks_before (a, b))
    return -1;
  return ranks_before (b, a) ? 1 : 0;
}

void
ts_match_ranking_free (TsMatchRanking *ranking)
{
  if (ranking == NULL)
    return;
  g_array_unref (ranking->candidates);
  g_array_unref (ranking->excluded);
  g_free (ranking);
}

/* Ranks the eligible supporters of case @case_id on @on and keeps the
 * best @limit (0: all), listing every excluded supporter with all its
 * reasons.  The same input gives the same list, ties broken by id. */
TsMatchRanking *
ts_match_rank (TsMatchCases        *cases,
               gint64               case_id,
               TsDate               on,
               const TsMatchConfig *config,
               guint                limit,
               GError             **error)
{
  g_autoptr(TsMatchRanking) ranking = NULL;
  g_autofree double *scores = NULL;
  g_autofree TsMatchReasons *reasons = NULL;
  g_autofree Entry *heap = NULL;
  TsMatchScorer sc;
  guint case_index, n, n_heap = 0;
  guint32 hist_pos;

  g_return_val_if_fail (cases != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (on != TS_DATE_NONE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ts_match_cases_find (cases, case_id, &case_index))
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                   "case %" G_GINT64_FORMAT " is not among the cases",
                   case_id);
      return NULL;
    }

  n = ts_match_supporters_get_size (cases->supporters);
  scores = g_new (double, MAX (n, 1));
  reasons = g_new (TsMatchReasons, MAX (n, 1));
  ts_match_cases_score (cases, case_index, on, config, scores, reasons);

  ranking = g_new0 (TsMatchRanking, 1);
  ranking->case_id = case_id;
  ranking->candidates = g_array_new (FALSE, FALSE, sizeof (TsMatchCandidate));
  ranking->excluded = g_array_new (FALSE, FALSE, sizeof (TsMatchExcluded));

  if (limit == 0 || limit > n)
    limit = n;
  heap = g_new (Entry, MAX (limit, 1));
  for (guint j = 0; j < n; j++)
    {
      Entry e = { scores[j], j };

      if (reasons[j] != 0)
        {
          TsMatchExcluded x = {
            ts_match_supporters_get_id (cases->supporters, j), reasons[j]
          };

          g_array_append_val (ranking->excluded, x);
          continue;
        }
      ranking->n_eligible++;
      if (n_heap < limit)
        {
          heap[n_heap] = e;
          entry_sift_up (heap, n_heap++);
        }
      else if (limit > 0 && ranks_before (&e, &heap[0]))
        {
          heap[0] = e;
          entry_sift_down (heap, n_heap, 0);
        }
    }
  qsort (heap, n_heap, sizeof *heap, compare_entries);

  ts_match_scorer_init (&sc, cases, config);
  ts_match_scorer_set_case (&sc, case_index);
  g_array_set_size (ranking->candidates, n_heap);
  for (guint k = 0; k < n_heap; k++)
    {
      TsMatchCandidate *cand = &g_array_index (ranking->candidates,
                                               TsMatchCandidate, k);
      guint j = heap[k].index;

      hist_pos = cases->hist_start[case_index];
      cand->supporter_id = sc.supporters[j].id;
      cand->score = ts_match_score_kernel (&sc, &sc.supporters[j],
                                           ts_match_sorted_contains (cases->hist,
                                                                     &hist_pos,
                                                                     cases->hist_start[case_index + 1],
                                                                     j),
                                           cand->factors);
      /* The fast path and the detailed path are one function. */
      g_assert (cand->score == heap[k].score);
    }
  ts_match_scorer_clear (&sc);
  return g_steal_pointer (&ranking);
}
