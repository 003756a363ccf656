/*
 * The exact batch solver.
 *
 * The batch is a min-cost flow: source -> case (capacity 1), case ->
 * supporter (capacity 1, cost -W), supporter -> sink (remaining capacity),
 * plus a direct case -> sink edge of cost 0 that stands for "unassigned",
 * so that every case routes one unit and the minimum cost is the maximum
 * total weight.  Successive shortest paths add one case at a time: a
 * Dijkstra search over reduced costs from the new case finds the cheapest
 * way to place it (possibly moving others along an alternating path, or
 * leaving it or another case unassigned), and the node potentials keep
 * every reduced cost non-negative.  After each case the flow is a minimum
 * cost flow of the cases added so far, so after the last one it is the
 * optimum (Ahuja, Magnanti, Orlin, "Network Flows", ch. 9).
 *
 * Potentials are kept as LP duals relative to the sink: u[i] for a case,
 * v[j] >= 0 for a supporter (0 unless it is full).  A pair's reduced cost
 * is u[i] + v[j] - W(i, j) >= 0, tight on assigned pairs.  Those duals
 * prove the pruning: a pair left out of the graph can only raise the total
 * if W(i, j) > u[i] + v[j].
 *
 * Repairs after pairs were added back keep the same invariants with a more
 * general search: the cases that gained pairs are taken out of the flow,
 * which leaves a deficit at the supporter (or the sink) their unit went
 * to, and each is routed again to the nearest deficit, through the sink
 * when that is cheaper.
 *
 * W(i, j) = w(i, j) × (n_cases + 1) + 1: the +1 per assignment can never
 * outweigh one unit of w, so the optimum maximises the total of w first and
 * the number of assignments second, and an assignment of weight 0 is still
 * made when it costs nothing.
 */
#include "match/solver.h"

#include <stdlib.h>
#include <string.h>

#include "match/heap-private.h"
#include "match/vocabulary.h"

typedef struct {
  gint64  key;
  guint32 node;
} HeapEntry;

/* Nodes: cases 0..nc-1, supporters nc..nc+ns-1, the sink nc+ns. */
typedef struct {
  guint          nc;
  guint          ns;
  guint32        sink;
  gint64         scale;       /* n_cases + 1 */
  /* the solved graph, CSR by case, supporters ascending */
  gsize         *start;
  guint32       *sup;
  gint32        *w;
  gint64        *W;
  /* the flow */
  const guint32 *cap;
  guint32       *assigned;    /* case -> supporter, or TS_MATCH_NONE */
  guint8        *routed;      /* case: its unit reaches the sink */
  guint32       *slot_start;  /* supporter -> first slot */
  guint32       *slots;       /* assigned cases, load[j] used per supporter */
  guint32       *load;
  guint32       *flow_out;    /* supporter -> sink; above load while the
                               * supporter has a deficit */
  guint          sink_deficit;
  gint64        *u;           /* duals relative to the sink's potential */
  gint64        *v;
  /* Dijkstra scratch; a node's entries are valid when its stamp matches */
  gint64        *dist;
  guint32       *pred;
  guint32       *seen;
  guint32       *done;
  guint32        stamp;
  guint32       *settled;
  guint          n_settled;
  gint64         bound;       /* distance of the nearest deficit found */
  HeapEntry     *heap;
  gsize          n_heap;
  gsize          heap_size;
} Solver;

static inline gboolean
heap_less (const HeapEntry *a, const HeapEntry *b)
{
  return a->key < b->key || (a->key == b->key && a->node < b->node);
}

static void
heap_push (Solver *s, gint64 key, guint32 node)
{
  gsize i;

  if (s->n_heap == s->heap_size)
    {
      s->heap_size *= 2;
      s->heap = g_renew (HeapEntry, s->heap, s->heap_size);
    }
  i = s->n_heap++;
  s->heap[i].key = key;
  s->heap[i].node = node;
  while (i > 0)
    {
      gsize parent = (i - 1) / 2;
      HeapEntry tmp;

      if (!heap_less (&s->heap[i], &s->heap[parent]))
        break;
      tmp = s->heap[i];
      s->heap[i] = s->heap[parent];
      s->heap[parent] = tmp;
      i = parent;
    }
}

static HeapEntry
heap_pop (Solver *s)
{
  HeapEntry top = s->heap[0];
  gsize i = 0, n = --s->n_heap;

  if (n == 0)
    return top;
  s->heap[0] = s->heap[n];
  for (;;)
    {
      gsize l = 2 * i + 1, r = l + 1, m = i;
      HeapEntry tmp;

      if (l < n && heap_less (&s->heap[l], &s->heap[m]))
        m = l;
      if (r < n && heap_less (&s->heap[r], &s->heap[m]))
        m = r;
      if (m == i)
        break;
      tmp = s->heap[i];
      s->heap[i] = s->heap[m];
      s->heap[m] = tmp;
      i = m;
    }
  return top;
}

/* A node where a search may end: a supporter sending more to the sink
 * than it receives, or the sink while it expects more. */
static inline gboolean
is_deficit (const Solver *s, guint32 node)
{
  if (node == s->sink)
    return s->sink_deficit > 0;
  if (node >= s->nc)
    return s->flow_out[node - s->nc] > s->load[node - s->nc];
  return FALSE;
}

static inline void
relax (Solver *s, guint32 node, gint64 d, guint32 from)
{
  if (d < s->bound && (s->seen[node] != s->stamp || d < s->dist[node]))
    {
      s->seen[node] = s->stamp;
      s->dist[node] = d;
      s->pred[node] = from;
      heap_push (s, d, node);
      if (is_deficit (s, node))
        s->bound = d;
    }
}

static void
expand_case (Solver *s, guint32 x, gint64 d)
{
  gint64 base = d + s->u[x];
  guint32 own = s->assigned[x];

  /* Leaving the case unassigned, unless it already is. */
  if (own != TS_MATCH_NONE || !s->routed[x])
    relax (s, s->sink, base, x);
  for (gsize e = s->start[x]; e < s->start[x + 1]; e++)
    {
      guint32 j = s->sup[e];

      if (j != own)
        relax (s, s->nc + j, base + s->v[j] - s->W[e], x);
    }
}

static void
expand_supporter (Solver *s, guint32 j, gint64 d)
{
  const guint32 *slots = s->slots + s->slot_start[j];

  if (s->flow_out[j] < s->cap[j])
    relax (s, s->sink, d - s->v[j], s->nc + j);
  /* Its cases may move elsewhere; assigned pairs are tight, so reaching
   * them costs nothing. */
  for (guint k = 0; k < s->load[j]; k++)
    relax (s, slots[k], d, s->nc + j);
}

/* Only while repairing after pairs were added does a search pass through
 * the sink: to a supporter whose slot it frees, or to an unassigned case. */
static void
expand_sink (Solver *s, gint64 d)
{
  for (guint j = 0; j < s->ns; j++)
    if (s->flow_out[j] > 0)
      relax (s, s->nc + j, d + s->v[j], s->sink);
  for (guint i = 0; i < s->nc; i++)
    if (s->assigned[i] == TS_MATCH_NONE && s->routed[i])
      relax (s, i, d - s->u[i], s->sink);
}

static void
slot_remove (Solver *s, guint32 j, guint32 i)
{
  guint32 *slots = s->slots + s->slot_start[j];
  guint k = 0;

  while (slots[k] != i)
    k++;
  slots[k] = slots[--s->load[j]];
}

/* Applies the residual edge a -> b of an augmenting path.  Paths are
 * applied from their end, so a case's new place is set before it is
 * taken out of its old one. */
static void
apply_edge (Solver *s, guint32 a, guint32 b)
{
  const guint32 nc = s->nc, sink = s->sink;

  if (a < nc && b < sink)          /* case -> supporter */
    {
      guint32 j = b - nc;

      s->slots[s->slot_start[j] + s->load[j]++] = a;
      s->assigned[a] = j;
    }
  else if (a < nc)                 /* case -> sink: unassigned */
    s->assigned[a] = TS_MATCH_NONE;
  else if (a < sink && b < nc)     /* supporter -> its case */
    slot_remove (s, a - nc, b);
  else if (a < sink)               /* supporter -> sink: one more slot used */
    s->flow_out[a - nc]++;
  else if (b >= nc)                /* sink -> supporter: one slot freed */
    s->flow_out[b - nc]--;
  /* sink -> unassigned case: it is placed by its next edge */
}

/* Routes the unit of case @i0 along a shortest path over reduced costs to
 * the nearest deficit, then updates the potentials so that every reduced
 * cost stays non-negative (successive shortest paths). */
static void
search (Solver *s, guint32 i0)
{
  const guint32 nc = s->nc, sink = s->sink;
  guint32 end = TS_MATCH_NONE;
  gint64 D = 0, sink_shift = 0;

  s->stamp++;
  if (G_UNLIKELY (s->stamp == 0))
    {
      memset (s->seen, 0, sizeof (guint32) * (sink + 1));
      memset (s->done, 0, sizeof (guint32) * (sink + 1));
      s->stamp = 1;
    }
  s->n_settled = 0;
  s->n_heap = 0;
  s->bound = G_MAXINT64;
  relax (s, i0, 0, TS_MATCH_NONE);

  while (s->n_heap > 0)
    {
      HeapEntry top = heap_pop (s);
      guint32 x = top.node;
      gint64 d = top.key;

      if (s->done[x] == s->stamp || d != s->dist[x])
        continue;
      if (is_deficit (s, x))
        {
          end = x;
          D = d;
          break;
        }
      s->done[x] = s->stamp;
      s->settled[s->n_settled++] = x;
      if (x < nc)
        expand_case (s, x, d);
      else if (x < sink)
        expand_supporter (s, x - nc, d);
      else
        expand_sink (s, d);
    }
  /* The case can always go unassigned, and through the sink every deficit
   * is reachable, so a search always ends. */
  g_assert (end != TS_MATCH_NONE);

  /* New potentials pi + min(dist, D), kept relative to the sink's. */
  if (s->done[sink] == s->stamp)
    sink_shift = s->dist[sink] - D;
  if (sink_shift == 0)
    for (guint k = 0; k < s->n_settled; k++)
      {
        guint32 x = s->settled[k];

        if (x < nc)
          s->u[x] += s->dist[x] - D;
        else if (x < sink)
          s->v[x - nc] += D - s->dist[x];
      }
  else
    {
      for (guint32 i = 0; i < nc; i++)
        s->u[i] += (s->done[i] == s->stamp ? s->dist[i] - D : 0) - sink_shift;
      for (guint32 j = 0; j < s->ns; j++)
        {
          guint32 x = nc + j;

          s->v[j] += sink_shift - (s->done[x] == s->stamp ? s->dist[x] - D : 0);
          /* An empty supporter's dual may be raised to 0: it only makes
           * its edges dearer, and keeps every v >= 0 for the proof. */
          if (s->flow_out[j] == 0 && s->v[j] < 0)
            s->v[j] = 0;
        }
    }

  for (guint32 x = end; x != i0;)
    {
      guint32 p = s->pred[x];

      apply_edge (s, p, x);
      x = p;
    }
  s->routed[i0] = TRUE;
  if (end == sink)
    s->sink_deficit--;
}

/* The smallest dual that keeps the edges of an unrouted case
 * non-negative; its best edge then has reduced cost 0. */
static void
init_case_dual (Solver *s, guint32 i)
{
  gint64 u = 0;

  for (gsize e = s->start[i]; e < s->start[i + 1]; e++)
    u = MAX (u, s->W[e] - s->v[s->sup[e]]);
  s->u[i] = u;
}

/* Takes case @i out of the flow, leaving a deficit where its unit went:
 * at its supporter, or at the sink.  Nothing points at the case any more,
 * so its dual may be raised freely. */
static void
unroute (Solver *s, guint32 i)
{
  if (s->assigned[i] != TS_MATCH_NONE)
    {
      slot_remove (s, s->assigned[i], i);
      s->assigned[i] = TS_MATCH_NONE;
    }
  else if (s->routed[i])
    s->sink_deficit++;
  s->routed[i] = FALSE;
}

static gboolean
report (const TsMatchProblem *problem, guint64 done, guint64 total,
        GError **error)
{
  if (problem->progress == NULL ||
      problem->progress (done, total, problem->progress_data))
    return TRUE;
  g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_CANCELLED,
               "matching was cancelled");
  return FALSE;
}

static void
compute_weights (Solver *s, gsize from)
{
  for (gsize e = from; e < s->start[s->nc]; e++)
    s->W[e] = (gint64) s->w[e] * s->scale + 1;
}

/* Solves the flow from scratch on the current graph: adds the cases one
 * by one, each routed to the sink. */
static gboolean
solve_graph (Solver               *s,
             const TsMatchProblem *problem,
             gboolean              report_progress,
             GError              **error)
{
  const guint nc = s->nc;

  compute_weights (s, 0);
  memset (s->load, 0, sizeof (guint32) * s->ns);
  memset (s->flow_out, 0, sizeof (guint32) * s->ns);
  memset (s->v, 0, sizeof (gint64) * s->ns);
  memset (s->routed, 0, nc);
  s->sink_deficit = 0;
  for (guint i = 0; i < nc; i++)
    s->assigned[i] = TS_MATCH_NONE;

  for (guint i = 0; i < nc; i++)
    {
      if (s->start[i] == s->start[i + 1])
        {
          /* No eligible supporter: unassigned, at no cost. */
          s->u[i] = 0;
          s->routed[i] = TRUE;
        }
      else
        {
          init_case_dual (s, i);
          s->sink_deficit++;
          search (s, i);
        }
      if (report_progress && (i % 64 == 63 || i + 1 == nc) &&
          !report (problem, (guint64) nc + i + 1, 2 * (guint64) nc, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint32  w;
  guint32 sup;
} Pair;

/* Whether @a is a better pair than @b: heavier, then lower index. */
static inline gboolean
pair_better (const Pair *a, const Pair *b)
{
  return a->w > b->w || (a->w == b->w && a->sup < b->sup);
}

/* The best pairs kept so far, worst at the root. */
TS_MATCH_DEFINE_WORST_HEAP (keep, Pair, pair_better)

static int
compare_pairs_by_sup (const void *a, const void *b)
{
  const Pair *x = a, *y = b;

  return (x->sup > y->sup) - (x->sup < y->sup);
}

static gboolean
check_row (guint           n,
           const guint32  *sup,
           const gint32   *w,
           guint           n_supporters,
           GError        **error)
{
  for (guint k = 0; k < n; k++)
    if (w[k] < 0 || sup[k] >= n_supporters || (k > 0 && sup[k] <= sup[k - 1]))
      {
        g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                     "a row of the matching graph has a negative weight or "
                     "unsorted supporters");
        return FALSE;
      }
  return TRUE;
}

static void
solver_clear (Solver *s)
{
  g_free (s->start);
  g_free (s->sup);
  g_free (s->w);
  g_free (s->W);
  g_free (s->assigned);
  g_free (s->routed);
  g_free (s->flow_out);
  g_free (s->slot_start);
  g_free (s->slots);
  g_free (s->load);
  g_free (s->u);
  g_free (s->v);
  g_free (s->dist);
  g_free (s->pred);
  g_free (s->seen);
  g_free (s->done);
  g_free (s->settled);
  g_free (s->heap);
}

/* Solves @problem exactly.  @out_assignment (n_cases) receives each case's
 * supporter index or TS_MATCH_NONE; @out_degree (n_cases, nullable) its
 * number of eligible pairs.  Deterministic: the result depends only on the
 * rows and capacities, never on memory addresses or timing. */
gboolean
ts_match_solve (const TsMatchProblem *problem,
                guint32              *out_assignment,
                guint                *out_degree,
                TsMatchSolveStats    *out_stats,
                GError              **error)
{
  Solver s = { 0 };
  TsMatchSolveStats stats = { 0 };
  g_autofree gint32 *threshold = NULL;  /* heaviest pruned weight, or -1 */
  g_autofree Pair *keep = NULL;
  g_autoptr(GArray) kept_sup = NULL;
  g_autoptr(GArray) kept_w = NULL;
  g_autoptr(GArray) extra = NULL;  /* Pair + case, pairs to add back */
  guint nc, ns, k;
  gsize n_slots = 0;
  gboolean ok = FALSE, warm;

  g_return_val_if_fail (problem != NULL, FALSE);
  g_return_val_if_fail (problem->row_func != NULL, FALSE);
  g_return_val_if_fail (problem->n_supporters == 0 || problem->capacity != NULL,
                        FALSE);
  g_return_val_if_fail (out_assignment != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  nc = problem->n_cases;
  ns = problem->n_supporters;
  k = problem->prune_k;
  if (nc >= TS_MATCH_MAX_CASES || (guint64) nc + ns + 1 > G_MAXUINT32)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_TOO_LARGE,
                   "at most %u cases can be matched at once",
                   TS_MATCH_MAX_CASES - 1);
      return FALSE;
    }

  s.nc = nc;
  s.ns = ns;
  s.sink = nc + ns;
  s.scale = (gint64) nc + 1;
  s.cap = problem->capacity;
  s.start = g_new0 (gsize, nc + 1);
  threshold = g_new (gint32, MAX (nc, 1));
  keep = g_new (Pair, MAX (k, 1));
  kept_sup = g_array_new (FALSE, FALSE, sizeof (guint32));
  kept_w = g_array_new (FALSE, FALSE, sizeof (gint32));

  /* Keep each case's best k pairs, remembering the heaviest one left out:
   * the proof below only needs to look again at a row when that weight
   * could beat the case's dual value. */
  for (guint i = 0; i < nc; i++)
    {
      const guint32 *sup;
      const gint32 *w;
      guint n = problem->row_func (i, &sup, &w, problem->row_data);

      if (!check_row (n, sup, w, ns, error))
        goto out;
      if (out_degree != NULL)
        out_degree[i] = n;
      stats.pairs += n;
      threshold[i] = -1;
      if (k == 0 || n <= k)
        {
          g_array_append_vals (kept_sup, sup, n);
          g_array_append_vals (kept_w, w, n);
        }
      else
        {
          guint m = 0;

          for (guint e = 0; e < n; e++)
            {
              Pair p = { w[e], sup[e] };

              if (m < k)
                {
                  keep[m++] = p;
                  if (m == k)
                    for (guint h = k / 2; h-- > 0;)
                      keep_sift_down (keep, k, h);
                }
              else if (pair_better (&p, &keep[0]))
                {
                  threshold[i] = MAX (threshold[i], keep[0].w);
                  keep[0] = p;
                  keep_sift_down (keep, k, 0);
                }
              else
                threshold[i] = MAX (threshold[i], p.w);
            }
          qsort (keep, k, sizeof *keep, compare_pairs_by_sup);
          for (guint e = 0; e < k; e++)
            {
              g_array_append_val (kept_sup, keep[e].sup);
              g_array_append_val (kept_w, keep[e].w);
            }
        }
      s.start[i + 1] = kept_sup->len;
      if ((i % 64 == 63 || i + 1 == nc) &&
          !report (problem, i + 1, 2 * (guint64) nc, error))
        goto out;
    }
  s.sup = (guint32 *) g_array_steal (kept_sup, NULL);
  s.w = (gint32 *) g_array_steal (kept_w, NULL);
  s.W = g_new (gint64, MAX (s.start[nc], 1));

  s.slot_start = g_new (guint32, ns + 1);
  for (guint j = 0; j < ns; j++)
    {
      s.slot_start[j] = (guint32) n_slots;
      n_slots += MIN (s.cap[j], nc);
    }
  if (n_slots > G_MAXUINT32)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_TOO_LARGE,
                   "too many supporter slots to match at once");
      goto out;
    }
  s.slot_start[ns] = (guint32) n_slots;
  s.slots = g_new (guint32, MAX (n_slots, 1));
  s.assigned = g_new (guint32, MAX (nc, 1));
  s.routed = g_new0 (guint8, MAX (nc, 1));
  s.load = g_new (guint32, MAX (ns, 1));
  s.flow_out = g_new (guint32, MAX (ns, 1));
  s.u = g_new0 (gint64, MAX (nc, 1));
  s.v = g_new0 (gint64, MAX (ns, 1));
  s.dist = g_new (gint64, nc + ns + 1);
  s.pred = g_new (guint32, nc + ns + 1);
  s.seen = g_new0 (guint32, nc + ns + 1);
  s.done = g_new0 (guint32, nc + ns + 1);
  s.settled = g_new (guint32, nc + ns + 1);
  s.heap_size = 1024;
  s.heap = g_new (HeapEntry, s.heap_size);
  extra = g_array_new (FALSE, FALSE, sizeof (Pair));

  stats.rounds = 1;
  if (!solve_graph (&s, problem, TRUE, error))
    goto out;

  for (;;)
    {
      g_autoptr(GArray) added_case = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (guint32));

      /* The proof: a pruned pair could raise the total only if its
       * reduced cost u + v - W were negative.  v >= 0, so a case whose
       * dual is at least its heaviest pruned pair is settled without
       * looking at the row again. */
      g_array_set_size (extra, 0);
      for (guint i = 0; i < nc; i++)
        {
          const guint32 *sup;
          const gint32 *w;
          guint n, before = extra->len;

          if (threshold[i] < 0 ||
              (gint64) threshold[i] * s.scale + 1 <= s.u[i])
            continue;
          n = problem->row_func (i, &sup, &w, problem->row_data);
          stats.rows_rechecked++;
          for (guint e = 0; e < n; e++)
            if ((gint64) w[e] * s.scale + 1 > s.u[i] + s.v[sup[e]])
              {
                Pair p = { w[e], sup[e] };

                g_array_append_val (extra, p);
                g_array_append_val (added_case, i);
              }
          if (extra->len > before)
            g_array_append_val (affected, i);
        }
      if (extra->len == 0)
        break;
      stats.rounds++;

      /* Repair in place: take the cases that gained pairs out of the
       * flow, leaving a deficit where each unit went, and route them
       * again.  Their edges are the only ones that changed and nothing
       * reaches an unrouted case, so the potentials stay valid and each
       * case costs one shortest path instead of a whole new solve. */
      warm = problem->repair != TS_MATCH_REPAIR_RESOLVE;
      if (warm)
        for (guint a = 0; a < affected->len; a++)
          unroute (&s, g_array_index (affected, guint32, a));

      /* Add the pairs back: the graph only grows, so the loop ends, at
       * worst with every pair. */
      {
        gsize total = s.start[nc] + extra->len, e = 0, x = 0;
        gsize *start = g_new0 (gsize, nc + 1);
        guint32 *sup = g_new (guint32, total);
        gint32 *w = g_new (gint32, total);
        Pair *add = (Pair *) extra->data;
        const guint32 *add_case = (const guint32 *) added_case->data;

        for (guint i = 0; i < nc; i++)
          {
            gsize a = x;

            while (x < extra->len && add_case[x] == i)
              x++;
            /* Rows were read in supporter order, so both lists are sorted. */
            {
              gsize p = s.start[i], q = a;

              while (p < s.start[i + 1] || q < x)
                {
                  if (q == x || (p < s.start[i + 1] && s.sup[p] < add[q].sup))
                    {
                      sup[e] = s.sup[p];
                      w[e++] = s.w[p++];
                    }
                  else
                    {
                      sup[e] = add[q].sup;
                      w[e++] = add[q++].w;
                    }
                }
            }
            start[i + 1] = e;
          }
        g_free (s.start);
        g_free (s.sup);
        g_free (s.w);
        s.start = start;
        s.sup = sup;
        s.w = w;
        s.W = g_renew (gint64, s.W, MAX (total, 1));
      }

      if (warm)
        {
          compute_weights (&s, 0);
          for (guint a = 0; a < affected->len; a++)
            {
              guint32 i = g_array_index (affected, guint32, a);

              init_case_dual (&s, i);
              search (&s, i);
            }
          stats.warm_starts++;
        }
      else if (!solve_graph (&s, problem, FALSE, error))
        goto out;
    }

  stats.pairs_kept = s.start[nc];
  for (guint i = 0; i < nc; i++)
    {
      out_assignment[i] = s.assigned[i];
      if (s.assigned[i] != TS_MATCH_NONE)
        {
          stats.n_assigned++;
          for (gsize e = s.start[i]; e < s.start[i + 1]; e++)
            if (s.sup[e] == s.assigned[i])
              stats.total_weight += s.w[e];
        }
    }
  if (!report (problem, 2 * (guint64) nc, 2 * (guint64) nc, error))
    goto out;
  ok = TRUE;

out:
  solver_clear (&s);
  if (ok && out_stats != NULL)
    *out_stats = stats;
  return ok;
}
