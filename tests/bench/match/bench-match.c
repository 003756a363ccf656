/*
 * Matching benchmark (issue 4): synthetic instances with a fixed seed.
 *
 *   bench-match e2e   CASES SUPPORTERS   load + filter + score + solve
 *   bench-match solve CASES SUPPORTERS [DUMP]
 *                                        the solver alone on the full
 *                                        score matrix, unpruned and pruned,
 *                                        greedy for comparison; DUMP writes
 *                                        the matrix for scipy
 *   bench-match score CASES SUPPORTERS   scoring loop vs a bare C loop
 *
 * Each prints one JSON object.  Run every mode in its own process: peak
 * memory is the process's maximum resident set.  tests/bench/match/run
 * drives all of them and scipy.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "core/date.h"
#include "match/match.h"
#include "match/score-private.h"

#define SEED 20250601

static const char *const interests_vocab[] = {
  "games", "anime", "manga", "music", "guitar", "piano", "karaoke", "cooking",
  "baking", "walking", "cycling", "fishing", "camping", "gardening",
  "reading", "novels", "history", "trains", "cars", "photography", "drawing",
  "calligraphy", "crafts", "knitting", "movies", "dramas", "idols", "sports",
  "baseball", "soccer", "pets", "cats", "dogs", "computers", "programming",
  "shogi", "go", "puzzles", "travel", "languages",
};

static const char *const occupations_vocab[] = {
  "welfare", "social_worker", "psychologist", "teacher", "nurse",
  "office_worker", "retired", "student", "self_employed", "homemaker",
};

static TsDate bench_on;

/* BENCH_ALL_DISPATCHABLE=1: every supporter passes the supporter-only
 * filters, so a 5000 × 2500 instance has as many free slots as cases
 * (the hardest shape for an assignment solver). */
static gboolean all_dispatchable;

static const char *
variant (void)
{
  return all_dispatchable ? "all-dispatchable" : "standard";
}

static double
peak_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (double) ru.ru_maxrss / 1024.0;
}

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static guint
pick (GRand *r, guint n)
{
  return (guint) g_rand_int_range (r, 0, (gint32) n);
}

static const char **
random_words (GRand *r, const char *const *vocab, guint n_vocab, guint max,
              GPtrArray *storage)
{
  guint n = pick (r, max + 1);
  const char **words = g_new0 (const char *, n + 1);

  for (guint k = 0; k < n; k++)
    words[k] = vocab[pick (r, n_vocab)];
  g_ptr_array_add (storage, words);
  return words;
}

static TsMatchTimeRange *
random_ranges (GRand *r, guint min, guint max, guint *n_out, GPtrArray *storage)
{
  guint n = min + pick (r, max - min + 1);
  TsMatchTimeRange *ranges = g_new0 (TsMatchTimeRange, MAX (n, 1));

  for (guint k = 0; k < n; k++)
    {
      guint from = (8 + pick (r, 12)) * 60;

      ranges[k].weekday = (guint8) (1 + pick (r, 7));
      ranges[k].from = (guint16) from;
      ranges[k].to = (guint16) (from + (1 + pick (r, 8)) * 30);
    }
  g_ptr_array_add (storage, ranges);
  *n_out = n;
  return ranges;
}

/* About 40% of the pairs pass the hard filters: ~86% of the supporters
 * may be dispatched, every case requires a gender, half avoid their own
 * municipality, and a few pairs are excluded.  Remaining capacities are
 * 1..3.  Locations spread over Tokyo's wards and Tama (about 70 × 35 km). */
static TsMatchCases *
make_instance (guint n_cases, guint n_supporters, double *load_ms)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (SEED + n_cases * 7 + n_supporters);
  g_autoptr(GPtrArray) storage = g_ptr_array_new_with_free_func (g_free);
  g_autofree TsMatchSupporterInfo *sinfo = g_new0 (TsMatchSupporterInfo, n_supporters);
  g_autofree TsMatchCaseInfo *cinfo = g_new0 (TsMatchCaseInfo, n_cases);
  g_autoptr(GArray) excl = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) hist = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TsMatchSupporters) supporters = NULL;
  TsMatchCases *cases;
  gint64 start;

  for (guint j = 0; j < n_supporters; j++)
    {
      TsMatchSupporterInfo *s = &sinfo[j];

      s->id = 100000 + (gint64) j * 3;
      s->registered = g_rand_double (r) >= 0.05 || all_dispatchable;
      s->qualified_from = ts_date_add_days (bench_on, -(gint) pick (r, 2000) - 1);
      s->qualified_until = g_rand_double (r) < 0.05 && !all_dispatchable
                             ? ts_date_add_days (bench_on, -1 - (gint) pick (r, 300))
                             : ts_date_add_days (bench_on, (gint) pick (r, 1000));
      s->insured_until = g_rand_double (r) < 0.05 && !all_dispatchable
                           ? TS_DATE_NONE
                           : ts_date_new (2026, 3, 31);
      s->municipality_code = 131000 + 1 + pick (r, 23);
      s->gender = g_rand_boolean (r) ? TS_MATCH_GENDER_FEMALE : TS_MATCH_GENDER_MALE;
      s->peer_experience = g_rand_double (r) < 0.7
                             ? TS_MATCH_PEER_NONE
                             : (TsMatchPeer) (1 + pick (r, 2));
      s->max_cases = 1 + pick (r, 3);
      s->active_cases = 0;
      s->skills = 1 + pick (r, 63);
      s->has_location = g_rand_double (r) < 0.97;
      s->latitude = 35.55 + 0.30 * g_rand_double (r);
      s->longitude = 139.20 + 0.75 * g_rand_double (r);
      s->occupation = g_rand_double (r) < 0.9
                        ? occupations_vocab[pick (r, G_N_ELEMENTS (occupations_vocab))]
                        : NULL;
      s->interests = random_words (r, interests_vocab,
                                   G_N_ELEMENTS (interests_vocab), 5, storage);
      s->availability = random_ranges (r, 1, 4, &s->n_availability, storage);
    }
  for (guint i = 0; i < n_cases; i++)
    {
      TsMatchCaseInfo *c = &cinfo[i];

      c->id = 1 + (gint64) i * 2;
      c->municipality_code = 131000 + 1 + pick (r, 23);
      c->avoid_same_municipality = g_rand_boolean (r);
      c->gender_preference = g_rand_boolean (r) ? TS_MATCH_GENDER_FEMALE
                                                : TS_MATCH_GENDER_MALE;
      c->gender_required = TRUE;
      c->peer_experience = g_rand_double (r) < 0.7
                             ? TS_MATCH_PEER_NONE
                             : (TsMatchPeer) (1 + pick (r, 2));
      c->needs = 0;
      for (guint k = 0, n = 1 + pick (r, 3); k < n; k++)
        c->needs |= 1u << pick (r, TS_MATCH_N_SKILLS);
      c->has_location = g_rand_double (r) < 0.95;
      c->latitude = 35.55 + 0.30 * g_rand_double (r);
      c->longitude = 139.20 + 0.75 * g_rand_double (r);
      c->referred_by = g_rand_double (r) < 0.2 ? "special_needs_school" : NULL;
      c->interests = random_words (r, interests_vocab,
                                   G_N_ELEMENTS (interests_vocab), 4, storage);
      c->availability = g_rand_double (r) < 0.6
                          ? random_ranges (r, 1, 3, &c->n_availability, storage)
                          : NULL;
      for (guint k = 0, n = pick (r, 3); k < n; k++)
        {
          gint64 pair[2] = { c->id, sinfo[pick (r, n_supporters)].id };

          g_array_append_vals (excl, pair, 2);
        }
      for (guint k = 0, n = pick (r, 2); k < n; k++)
        {
          gint64 pair[2] = { c->id, sinfo[pick (r, n_supporters)].id };

          g_array_append_vals (hist, pair, 2);
        }
    }

  /* What the service does after reading the rows from SQLite. */
  start = g_get_monotonic_time ();
  supporters = ts_match_supporters_new ();
  for (guint j = 0; j < n_supporters; j++)
    if (!ts_match_supporters_add (supporters, &sinfo[j], NULL))
      g_error ("bad supporter");
  cases = ts_match_cases_new (supporters);
  for (guint i = 0; i < n_cases; i++)
    if (!ts_match_cases_add (cases, &cinfo[i], NULL))
      g_error ("bad case");
  for (guint k = 0; k < excl->len; k += 2)
    ts_match_cases_add_exclusion (cases, g_array_index (excl, gint64, k),
                                  g_array_index (excl, gint64, k + 1));
  for (guint k = 0; k < hist->len; k += 2)
    ts_match_cases_add_history (cases, g_array_index (hist, gint64, k),
                                g_array_index (hist, gint64, k + 1));
  ts_match_cases_get_id (cases, 0);  /* seal */
  *load_ms = ms_since (start);
  return cases;
}

/* ---- e2e ---------------------------------------------------------------- */

static int
run_e2e (guint nc, guint ns)
{
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  double load_ms, batch_ms;
  gint64 start;

  cases = make_instance (nc, ns, &load_ms);
  start = g_get_monotonic_time ();
  batch = ts_match_batch (cases, bench_on, config, NULL, NULL, &error);
  batch_ms = ms_since (start);
  if (batch == NULL)
    g_error ("%s", error->message);
  printf ("{\"mode\": \"e2e\", \"variant\": \"%s\", \"cases\": %u, \"supporters\": %u, "
          "\"load_ms\": %.1f, \"batch_ms\": %.1f, \"e2e_ms\": %.1f, "
          "\"peak_mb\": %.1f, \"total_scaled\": %" G_GINT64_FORMAT ", "
          "\"total_score\": %.6f, \"assigned\": %u, \"unassigned\": %u, "
          "\"pairs\": %" G_GUINT64_FORMAT ", \"density\": %.4f, "
          "\"kept\": %" G_GUINT64_FORMAT ", \"rounds\": %u, "
          "\"rechecked\": %" G_GUINT64_FORMAT ", \"prune_k\": %u}\n",
          variant (), nc, ns, load_ms, batch_ms, load_ms + batch_ms, peak_mb (),
          batch->total_scaled, batch->total_score, batch->assignments->len,
          batch->unassigned->len, batch->stats.pairs,
          (double) batch->stats.pairs / ((double) nc * ns),
          batch->stats.pairs_kept, batch->stats.rounds,
          batch->stats.rows_rechecked, ts_match_config_get_prune_k (config));
  return 0;
}

/* ---- solver alone ------------------------------------------------------- */

typedef struct {
  guint    nc;
  guint    ns;
  guint32 *cap;
  gsize   *start;
  guint32 *sup;
  gint32  *w;
} Matrix;

static guint
matrix_row (guint i, const guint32 **sup, const gint32 **w, gpointer data)
{
  Matrix *m = data;

  *sup = m->sup + m->start[i];
  *w = m->w + m->start[i];
  return (guint) (m->start[i + 1] - m->start[i]);
}

/* The eligible pairs and their scaled scores, exactly as the batch sees
 * them. */
static void
build_matrix (TsMatchCases *cases, const TsMatchConfig *config, Matrix *m)
{
  TsMatchSupporters *supporters = ts_match_cases_get_supporters (cases);
  guint nc = ts_match_cases_get_size (cases);
  guint ns = ts_match_supporters_get_size (supporters);
  g_autofree double *scores = g_new (double, ns);
  g_autofree TsMatchReasons *reasons = g_new (TsMatchReasons, ns);
  gsize n = 0, size = (gsize) nc * ns / 2 + 16;

  m->nc = nc;
  m->ns = ns;
  m->cap = g_new0 (guint32, ns);
  m->start = g_new0 (gsize, nc + 1);
  m->sup = g_new (guint32, size);
  m->w = g_new (gint32, size);
  for (guint j = 0; j < ns; j++)
    if (ts_match_supporters_check (supporters, j, bench_on, TRUE) == 0)
      m->cap[j] = (guint32) cases->supporters->recs->len == 0
                    ? 0
                    : g_array_index (cases->supporters->recs, TsMatchSupporterRec, j).max_cases -
                      g_array_index (cases->supporters->recs, TsMatchSupporterRec, j).active_cases;
  for (guint i = 0; i < nc; i++)
    {
      ts_match_cases_score (cases, i, bench_on, config, scores, reasons);
      for (guint j = 0; j < ns; j++)
        if (reasons[j] == 0)
          {
            if (n == size)
              {
                size *= 2;
                m->sup = g_renew (guint32, m->sup, size);
                m->w = g_renew (gint32, m->w, size);
              }
            m->sup[n] = j;
            m->w[n++] = (gint32) llround (scores[j] * TS_MATCH_SCORE_SCALE);
          }
      m->start[i + 1] = n;
    }
}

static void
dump_matrix (const Matrix *m, const char *path)
{
  FILE *f = fopen (path, "wb");
  guint32 header[4] = { 0x424d5354 /* "TSMB" */, 1, m->nc, m->ns };
  guint64 *start = g_new (guint64, m->nc + 1);

  if (f == NULL)
    g_error ("cannot write %s", path);
  for (guint i = 0; i <= m->nc; i++)
    start[i] = m->start[i];
  if (fwrite (header, sizeof header, 1, f) != 1 ||
      fwrite (m->cap, sizeof (guint32), m->ns, f) != m->ns ||
      fwrite (start, sizeof (guint64), m->nc + 1, f) != m->nc + 1 ||
      fwrite (m->sup, sizeof (guint32), m->start[m->nc], f) != m->start[m->nc] ||
      fwrite (m->w, sizeof (gint32), m->start[m->nc], f) != m->start[m->nc] ||
      fclose (f) != 0)
    g_error ("cannot write %s", path);
  g_free (start);
}

static int
compare_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Greedy: heaviest pair first, as a coordinator would go down the list. */
static void
greedy (const Matrix *m, gint64 *out_total, guint *out_count)
{
  gsize n = m->start[m->nc];
  g_autofree guint64 *keys = g_new (guint64, MAX (n, 1));
  g_autofree guint32 *load = g_new0 (guint32, m->ns);
  g_autofree gboolean *done = g_new0 (gboolean, m->nc);
  guint case_bits = g_bit_storage (m->nc), sup_bits = g_bit_storage (m->ns);
  gint64 total = 0;
  guint count = 0;

  g_assert (case_bits + sup_bits + 31 <= 64);
  for (guint i = 0; i < m->nc; i++)
    for (gsize e = m->start[i]; e < m->start[i + 1]; e++)
      keys[e] = ((guint64) (G_MAXINT32 - m->w[e]) << (case_bits + sup_bits)) |
                ((guint64) i << sup_bits) | m->sup[e];
  qsort (keys, n, sizeof *keys, compare_u64);
  for (gsize k = 0; k < n; k++)
    {
      guint32 j = (guint32) (keys[k] & ((G_GUINT64_CONSTANT (1) << sup_bits) - 1));
      guint32 i = (guint32) ((keys[k] >> sup_bits) & ((G_GUINT64_CONSTANT (1) << case_bits) - 1));

      if (!done[i] && load[j] < m->cap[j])
        {
          done[i] = TRUE;
          load[j]++;
          total += G_MAXINT32 - (gint64) (keys[k] >> (case_bits + sup_bits));
          count++;
        }
    }
  *out_total = total;
  *out_count = count;
}

static double
time_solve (const Matrix *m, guint prune_k, TsMatchSolveStats *stats)
{
  TsMatchProblem problem = {
    m->nc, m->ns, m->cap, matrix_row, (gpointer) m, prune_k, NULL, NULL,
    TS_MATCH_REPAIR_AUTO,
  };
  g_autofree guint32 *assignment = g_new (guint32, m->nc);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!ts_match_solve (&problem, assignment, NULL, stats, &error))
    g_error ("%s", error->message);
  return ms_since (start);
}

static int
run_solve (guint nc, guint ns, const char *dump)
{
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  TsMatchSolveStats pruned, full;
  Matrix m = { 0 };
  double load_ms, matrix_ms, pruned_ms, full_ms = -1, greedy_gap;
  gint64 start, greedy_total;
  guint greedy_count;

  cases = make_instance (nc, ns, &load_ms);
  start = g_get_monotonic_time ();
  build_matrix (cases, config, &m);
  matrix_ms = ms_since (start);
  if (dump != NULL)
    dump_matrix (&m, dump);

  pruned_ms = time_solve (&m, ts_match_config_get_prune_k (config), &pruned);
  /* Unpruned on dense 5000-case instances takes minutes: skip it there. */
  if ((guint64) nc * ns <= 20000000)
    {
      full_ms = time_solve (&m, 0, &full);
      if (full.total_weight != pruned.total_weight ||
          full.n_assigned != pruned.n_assigned)
        g_error ("pruned and unpruned optimum differ");
    }
  greedy (&m, &greedy_total, &greedy_count);
  greedy_gap = 100.0 * (double) (pruned.total_weight - greedy_total) /
               (double) pruned.total_weight;

  printf ("{\"mode\": \"solve\", \"variant\": \"%s\", \"cases\": %u, \"supporters\": %u, "
          "\"pairs\": %" G_GSIZE_FORMAT ", \"matrix_ms\": %.1f, "
          "\"solve_ms\": %.1f, \"solve_unpruned_ms\": %.1f, "
          "\"peak_mb\": %.1f, \"total_scaled\": %" G_GINT64_FORMAT ", "
          "\"assigned\": %u, \"rounds\": %u, \"kept\": %" G_GUINT64_FORMAT ", "
          "\"rechecked\": %" G_GUINT64_FORMAT ", \"warm\": %u, "
          "\"greedy_total\": %" G_GINT64_FORMAT ", \"greedy_assigned\": %u, "
          "\"greedy_gap_percent\": %.3f}\n",
          variant (), nc, ns, m.start[m.nc], matrix_ms, pruned_ms, full_ms, peak_mb (),
          pruned.total_weight, pruned.n_assigned, pruned.rounds,
          pruned.pairs_kept, pruned.rows_rechecked, pruned.warm_starts, greedy_total,
          greedy_count, greedy_gap);
  g_free (m.cap);
  g_free (m.start);
  g_free (m.sup);
  g_free (m.w);
  return 0;
}

/* ---- scoring loop ------------------------------------------------------- */

/* The same rules written as one plain loop over the same record array:
 * what a hand-tuned C programmer would write with no API around it. */
static void
bare_loop (TsMatchCases *cases, guint ci, const TsMatchConfig *config,
           double *out, TsMatchReasons *out_reasons)
{
  const TsMatchSupporterRec *recs = (const TsMatchSupporterRec *) cases->supporters->recs->data;
  const guint32 *pool = (const guint32 *) cases->supporters->interests->data;
  const TsMatchRange *sranges = (const TsMatchRange *) cases->supporters->ranges->data;
  const TsMatchCaseRec *c = &g_array_index (cases->recs, TsMatchCaseRec, ci);
  const TsMatchRange *cranges = (const TsMatchRange *) cases->ranges->data + c->availability;
  const guint32 *cint = (const guint32 *) cases->interests->data + c->interests;
  guint ns = cases->supporters->recs->len;
  guint64 bits[8] = { 0 };
  guint32 occ[8];
  guint n_occ = 0;
  const char *const *fit = ts_match_config_get_occupation_fit (config, c->referred_by);
  double w[TS_MATCH_N_FACTORS];
  double max_km = ts_match_config_get_max_distance_km (config);
  double half = max_km / (2.0 * TS_MATCH_EARTH_RADIUS_KM);
  double chord2_max = 4.0 * sin (half) * sin (half);
  guint32 ep = cases->excl_start[ci], ee = cases->excl_start[ci + 1];
  guint32 hp = cases->hist_start[ci], he = cases->hist_start[ci + 1];

  for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
    w[k] = ts_match_config_get_weight (config, k);
  for (guint k = 0; k < c->n_interests; k++)
    bits[cint[k] >> 6] |= G_GUINT64_CONSTANT (1) << (cint[k] & 63);
  for (guint k = 0; fit != NULL && fit[k] != NULL; k++)
    {
      guint32 id = ts_match_interner_lookup (cases->supporters->interner, fit[k]);

      if (id != 0)
        occ[n_occ++] = id;
    }

  for (guint j = 0; j < ns; j++)
    {
      const TsMatchSupporterRec *s = &recs[j];
      TsMatchReasons r = 0;
      double score = 0.0;
      gboolean hist = FALSE;

      if (!s->registered)
        r |= TS_MATCH_REASON_NOT_REGISTERED;
      if (s->qualified_from == 0 || bench_on < s->qualified_from ||
          bench_on > s->qualified_until)
        r |= TS_MATCH_REASON_QUALIFICATION_LAPSED;
      if (s->insured_until == 0 || bench_on > s->insured_until)
        r |= TS_MATCH_REASON_INSURANCE_NOT_VALID;
      if (s->active_cases >= s->max_cases)
        r |= TS_MATCH_REASON_AT_CAPACITY;
      if (c->gender_required && c->gender_preference != s->gender)
        r |= TS_MATCH_REASON_GENDER_MISMATCH;
      if (c->avoid_same_municipality && c->municipality == s->municipality)
        r |= TS_MATCH_REASON_SAME_MUNICIPALITY;
      while (ep < ee && cases->excl[ep] < j)
        ep++;
      if (ep < ee && cases->excl[ep] == j)
        r |= TS_MATCH_REASON_EXCLUDED_PAIR;
      out_reasons[j] = r;
      if (r != 0)
        {
          out[j] = 0.0;
          continue;
        }
      while (hp < he && cases->hist[hp] < j)
        hp++;
      hist = hp < he && cases->hist[hp] == j;

      if (c->has_location && s->has_location)
        {
          double dx = c->x - s->x, dy = c->y - s->y, dz = c->z - s->z;
          double chord2 = dx * dx + dy * dy + dz * dz;

          if (chord2 < chord2_max)
            score += (1.0 - MIN (2.0 * TS_MATCH_EARTH_RADIUS_KM * asin (sqrt (chord2) / 2.0),
                                 max_km) / max_km) * w[0];
          else
            score += 0.0 * w[0];
        }
      if (c->n_availability > 0)
        {
          const TsMatchRange *b = sranges + s->availability;
          guint i = 0, k = 0;
          guint32 overlap = 0;

          while (i < c->n_availability && k < s->n_availability)
            {
              guint lo = MAX (cranges[i].start, b[k].start);
              guint hi = MIN (cranges[i].end, b[k].end);

              if (hi > lo)
                overlap += hi - lo;
              if (cranges[i].end < b[k].end)
                i++;
              else
                k++;
            }
          score += (double) overlap / (double) c->available_minutes * w[1];
        }
      if (c->n_needs > 0)
        score += (double) __builtin_popcount (c->needs & s->skills) / (double) c->n_needs * w[2];
      if (c->n_interests_all > 0)
        {
          guint shared = 0;

          for (guint k = 0; k < s->n_interests; k++)
            shared += (guint) ((bits[pool[s->interests + k] >> 6] >>
                                (pool[s->interests + k] & 63)) & 1);
          score += (double) shared / (double) c->n_interests_all * w[3];
        }
      if (c->peer != TS_MATCH_PEER_NONE)
        score += (s->peer == c->peer ? 1.0 : 0.0) * w[4];
      if (c->gender_preference != TS_MATCH_GENDER_UNSPECIFIED)
        score += (s->gender == c->gender_preference ? 1.0 : 0.0) * w[5];
      score += s->workload * w[6];
      score += (hist ? 1.0 : 0.0) * w[7];
      if (fit != NULL)
        {
          gboolean fits = FALSE;

          for (guint k = 0; k < n_occ; k++)
            fits |= s->occupation != 0 && occ[k] == s->occupation;
          score += (fits ? 1.0 : 0.0) * w[8];
        }
      out[j] = score;
    }
}

static int
run_score (guint nc, guint ns)
{
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_autoptr(TsMatchCases) cases = NULL;
  g_autofree double *a = g_new (double, ns);
  g_autofree double *b = g_new (double, ns);
  g_autofree TsMatchReasons *ra = g_new (TsMatchReasons, ns);
  g_autofree TsMatchReasons *rb = g_new (TsMatchReasons, ns);
  double load_ms, best_lib = G_MAXDOUBLE, best_bare = G_MAXDOUBLE;
  double checksum = 0.0;
  guint eligible = 0;

  cases = make_instance (nc, ns, &load_ms);
  g_assert (ts_match_interner_get_size (cases->supporters->interner) <= 8 * 64);
  for (guint rep = 0; rep < 5; rep++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < nc; i++)
        {
          ts_match_cases_score (cases, i, bench_on, config, a, ra);
          checksum += a[i % ns];
        }
      best_lib = MIN (best_lib, ms_since (start));
      start = g_get_monotonic_time ();
      for (guint i = 0; i < nc; i++)
        {
          bare_loop (cases, i, config, b, rb);
          checksum += b[i % ns];
        }
      best_bare = MIN (best_bare, ms_since (start));
    }
  /* Both loops agree on every pair of the last case. */
  for (guint j = 0; j < ns; j++)
    {
      if (ra[j] != rb[j] || fabs (a[j] - b[j]) > 1e-9)
        g_error ("the loops disagree on supporter %u", j);
      eligible += ra[j] == 0;
    }
  printf ("{\"mode\": \"score\", \"cases\": %u, \"supporters\": %u, "
          "\"library_ns_per_pair\": %.1f, \"bare_ns_per_pair\": %.1f, "
          "\"ratio\": %.2f, \"eligible_share\": %.3f, \"checksum\": %.3f}\n",
          nc, ns, best_lib * 1e6 / ((double) nc * ns),
          best_bare * 1e6 / ((double) nc * ns), best_lib / best_bare,
          (double) eligible / ns, checksum);
  return 0;
}

int
main (int argc, char **argv)
{
  guint nc, ns;

  if (argc < 4)
    {
      fprintf (stderr, "usage: %s e2e|solve|score CASES SUPPORTERS [DUMP]\n",
               argv[0]);
      return 2;
    }
  bench_on = ts_date_new (2025, 6, 1);
  all_dispatchable = g_strcmp0 (g_getenv ("BENCH_ALL_DISPATCHABLE"), "1") == 0;
  nc = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  ns = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  if (nc == 0 || ns == 0)
    return 2;
  if (g_str_equal (argv[1], "e2e"))
    return run_e2e (nc, ns);
  if (g_str_equal (argv[1], "solve"))
    return run_solve (nc, ns, argc > 4 ? argv[4] : NULL);
  if (g_str_equal (argv[1], "score"))
    return run_score (nc, ns);
  return 2;
}
