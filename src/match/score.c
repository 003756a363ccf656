/*
 * Pair scores: preparing a case for the kernel, and the fast path that
 * scores one case against every supporter without factor details.
 */
#include "match/score-private.h"

#include <math.h>
#include <string.h>

void
ts_match_scorer_init (TsMatchScorer       *sc,
                      TsMatchCases        *cases,
                      const TsMatchConfig *config)
{
  TsMatchSupporters *supporters = cases->supporters;
  double max_km = ts_match_config_get_max_distance_km (config);
  double half_angle = max_km / (2.0 * TS_MATCH_EARTH_RADIUS_KM);

  ts_match_cases_seal (cases);
  memset (sc, 0, sizeof *sc);
  sc->cases = cases;
  sc->config = config;
  sc->supporters = (const TsMatchSupporterRec *) supporters->recs->data;
  sc->supporter_interests = (const guint32 *) supporters->interests->data;
  sc->supporter_ranges = (const TsMatchRange *) supporters->ranges->data;
  sc->n_interest_words = (ts_match_interner_get_size (supporters->interner) + 63) / 64;
  sc->interest_bits = g_new0 (guint64, MAX (sc->n_interest_words, 1));
  for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
    sc->weights[k] = ts_match_config_get_weight (config, (TsMatchFactorKind) k);
  sc->max_km = max_km;
  /* The chord of max_km; at or beyond it the distance value is 0. */
  sc->chord2_max = half_angle >= G_PI / 2
                     ? 5.0
                     : 4.0 * sin (half_angle) * sin (half_angle);
  sc->case_index = G_MAXUINT;
}

void
ts_match_scorer_set_case (TsMatchScorer *sc, guint case_index)
{
  TsMatchCases *cases = sc->cases;
  const guint32 *ids;
  const char *const *fit;

  if (sc->c != NULL)
    {
      ids = &g_array_index (cases->interests, guint32, sc->c->interests);
      for (guint k = 0; k < sc->c->n_interests; k++)
        sc->interest_bits[ids[k] >> 6] = 0;
    }

  sc->case_index = case_index;
  sc->c = &g_array_index (cases->recs, TsMatchCaseRec, case_index);
  sc->case_ranges = &g_array_index (cases->ranges, TsMatchRange, 0) +
                    sc->c->availability;
  ids = &g_array_index (cases->interests, guint32, sc->c->interests);
  for (guint k = 0; k < sc->c->n_interests; k++)
    sc->interest_bits[ids[k] >> 6] |= G_GUINT64_CONSTANT (1) << (ids[k] & 63);

  fit = ts_match_config_get_occupation_fit (sc->config, sc->c->referred_by);
  sc->has_occupation_fit = fit != NULL;
  sc->n_occupations = 0;
  g_clear_pointer (&sc->occupations, g_free);
  if (fit != NULL)
    {
      sc->occupations = g_new (guint32, g_strv_length ((char **) fit) + 1);
      for (guint k = 0; fit[k] != NULL; k++)
        {
          guint32 id = ts_match_interner_lookup (cases->supporters->interner,
                                                 fit[k]);

          if (id != 0)
            sc->occupations[sc->n_occupations++] = id;
        }
    }
}

void
ts_match_scorer_clear (TsMatchScorer *sc)
{
  g_clear_pointer (&sc->interest_bits, g_free);
  g_clear_pointer (&sc->occupations, g_free);
}

/* The score of a pair and, when @factors is not NULL, its factors in
 * TsMatchFactorKind order; hard filters are not checked here. */
double
ts_match_cases_score_pair (TsMatchCases        *cases,
                           guint                case_index,
                           guint                supporter_index,
                           const TsMatchConfig *config,
                           TsMatchFactor        factors[TS_MATCH_N_FACTORS])
{
  TsMatchScorer sc;
  guint32 pos;
  gboolean continuity;
  double score;

  g_return_val_if_fail (cases != NULL, 0.0);
  g_return_val_if_fail (config != NULL, 0.0);
  g_return_val_if_fail (case_index < ts_match_cases_get_size (cases), 0.0);
  g_return_val_if_fail (supporter_index <
                        ts_match_supporters_get_size (cases->supporters), 0.0);

  ts_match_scorer_init (&sc, cases, config);
  ts_match_scorer_set_case (&sc, case_index);
  pos = cases->hist_start[case_index];
  continuity = ts_match_sorted_contains (cases->hist, &pos,
                                         cases->hist_start[case_index + 1],
                                         supporter_index);
  score = ts_match_score_kernel (&sc, &sc.supporters[supporter_index],
                                 continuity, factors);
  ts_match_scorer_clear (&sc);
  return score;
}

/* The fast path: scores case @case_index against every supporter (in
 * supporter index order, i.e. by id) and lists each one's hard-filter
 * reasons; excluded supporters get the score 0.  @out_scores and
 * @out_reasons hold ts_match_supporters_get_size() entries. */
void
ts_match_cases_score (TsMatchCases        *cases,
                      guint                case_index,
                      TsDate               on,
                      const TsMatchConfig *config,
                      double              *out_scores,
                      TsMatchReasons      *out_reasons)
{
  TsMatchScorer sc;
  gboolean require_insurance;
  guint32 excl_pos, excl_end, hist_pos, hist_end;
  guint n;

  g_return_if_fail (cases != NULL);
  g_return_if_fail (config != NULL);
  g_return_if_fail (on != TS_DATE_NONE);
  g_return_if_fail (case_index < ts_match_cases_get_size (cases));
  g_return_if_fail (out_scores != NULL && out_reasons != NULL);

  ts_match_scorer_init (&sc, cases, config);
  ts_match_scorer_set_case (&sc, case_index);
  require_insurance = ts_match_config_get_require_insurance (config);
  excl_pos = cases->excl_start[case_index];
  excl_end = cases->excl_start[case_index + 1];
  hist_pos = cases->hist_start[case_index];
  hist_end = cases->hist_start[case_index + 1];
  n = ts_match_supporters_get_size (cases->supporters);

  for (guint j = 0; j < n; j++)
    {
      const TsMatchSupporterRec *s = &sc.supporters[j];
      TsMatchReasons reasons;

      reasons = ts_match_supporter_reasons (s, on, require_insurance) |
                ts_match_pair_reasons (sc.c, s,
                                       ts_match_sorted_contains (cases->excl,
                                                                 &excl_pos,
                                                                 excl_end, j));
      out_reasons[j] = reasons;
      out_scores[j] = reasons != 0
                        ? 0.0
                        : ts_match_score_kernel (&sc, s,
                                                 ts_match_sorted_contains (cases->hist,
                                                                           &hist_pos,
                                                                           hist_end, j),
                                                 NULL);
    }
  ts_match_scorer_clear (&sc);
}

void
ts_match_cases_pair_detail (TsMatchCases      *cases,
                            guint              case_index,
                            guint              supporter_index,
                            TsMatchPairDetail *out,
                            GArray            *overlap)
{
  const TsMatchCaseRec *c;
  const TsMatchSupporterRec *s;
  const TsMatchRange *a, *b;
  guint i = 0, j = 0;

  g_return_if_fail (cases != NULL && out != NULL && overlap != NULL);
  g_return_if_fail (case_index < ts_match_cases_get_size (cases));
  g_return_if_fail (supporter_index < ts_match_supporters_get_size (cases->supporters));

  c = &g_array_index (cases->recs, TsMatchCaseRec, case_index);
  s = &g_array_index (cases->supporters->recs, TsMatchSupporterRec, supporter_index);
  memset (out, 0, sizeof *out);
  out->active_cases = s->active_cases;
  out->max_cases = s->max_cases;
  out->municipality_code = s->municipality;
  if (c->has_location && s->has_location)
    {
      double dx = c->x - s->x, dy = c->y - s->y, dz = c->z - s->z;
      double chord = sqrt (dx * dx + dy * dy + dz * dz);

      out->has_distance = TRUE;
      out->distance_km = 2.0 * TS_MATCH_EARTH_RADIUS_KM * asin (MIN (1.0, chord / 2.0));
    }

  g_array_set_size (overlap, 0);
  a = &g_array_index (cases->ranges, TsMatchRange, 0) + c->availability;
  b = &g_array_index (cases->supporters->ranges, TsMatchRange, 0) + s->availability;
  while (i < c->n_availability && j < s->n_availability)
    {
      guint lo = MAX (a[i].start, b[j].start);
      guint hi = MIN (a[i].end, b[j].end);

      /* A merged range may cross midnight: one slot per day. */
      while (hi > lo)
        {
          guint day_end = (lo / 1440 + 1) * 1440;
          guint end = MIN (hi, day_end);
          TsMatchTimeRange r = { (guint8) (lo / 1440 + 1), (guint16) (lo % 1440),
                                 (guint16) (end - lo / 1440 * 1440) };

          g_array_append_val (overlap, r);
          lo = end;
        }
      if (a[i].end < b[j].end)
        i++;
      else
        j++;
    }
}
