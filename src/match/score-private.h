/*
 * The scoring kernel shared by ranking, the fast path and the batch.
 */
#pragma once

#include <math.h>

#include "match/records-private.h"
#include "match/score.h"

G_BEGIN_DECLS

/* Everything the kernel needs about one case, prepared once per case. */
typedef struct {
  const TsMatchCaseRec      *c;
  const TsMatchRange        *case_ranges;
  const TsMatchSupporterRec *supporters;
  const guint32             *supporter_interests;  /* pool */
  const TsMatchRange        *supporter_ranges;     /* pool */
  guint64                   *interest_bits;        /* the case's set, by id */
  guint                      n_interest_words;
  guint32                   *occupations;          /* fitting ids, sorted */
  guint                      n_occupations;
  gboolean                   has_occupation_fit;
  double                     weights[TS_MATCH_N_FACTORS];
  double                     max_km;
  double                     chord2_max;
  const TsMatchConfig       *config;
  TsMatchCases              *cases;
  guint                      case_index;
} TsMatchScorer;

void ts_match_scorer_init     (TsMatchScorer       *sc,
                               TsMatchCases        *cases,
                               const TsMatchConfig *config);
void ts_match_scorer_set_case (TsMatchScorer *sc,
                               guint          case_index);
void ts_match_scorer_clear    (TsMatchScorer *sc);

static inline double
ts_match_factor_put (TsMatchFactor     *f,
                     TsMatchFactorKind  kind,
                     double             value,
                     double             weight)
{
  double contribution = value * weight;

  if (f != NULL)
    {
      f[kind].kind = kind;
      f[kind].has_value = TRUE;
      f[kind].value = value;
      f[kind].weight = weight;
      f[kind].contribution = contribution;
    }
  return contribution;
}

static inline void
ts_match_factor_null (TsMatchFactor     *f,
                      TsMatchFactorKind  kind,
                      double             weight)
{
  if (f != NULL)
    {
      f[kind].kind = kind;
      f[kind].has_value = FALSE;
      f[kind].value = 0.0;
      f[kind].weight = weight;
      f[kind].contribution = 0.0;
    }
}

/* The score of the prepared case with supporter @s; fills @f when not
 * NULL.  A factor without a value adds nothing, which is the same as
 * adding its 0.0 contribution, so the sum never depends on @f. */
static inline double
ts_match_score_kernel (const TsMatchScorer       *sc,
                       const TsMatchSupporterRec *s,
                       gboolean                   continuity,
                       TsMatchFactor             *f)
{
  const TsMatchCaseRec *c = sc->c;
  const double *w = sc->weights;
  double score = 0.0;

  /* Distance: 1 at the same place, falling linearly to 0 at max_km.  The
   * great-circle distance comes from the chord between unit vectors,
   * d = 2R asin(chord / 2), which is the haversine formula with
   * hav(d / R) = chord² / 4; pairs beyond max_km skip the asin. */
  if (c->has_location && s->has_location)
    {
      double dx = c->x - s->x, dy = c->y - s->y, dz = c->z - s->z;
      double chord2 = dx * dx + dy * dy + dz * dz;
      double value = 0.0;

      if (chord2 < sc->chord2_max)
        {
          double km = 2.0 * TS_MATCH_EARTH_RADIUS_KM * asin (sqrt (chord2) / 2.0);

          value = 1.0 - MIN (km, sc->max_km) / sc->max_km;
        }
      score += ts_match_factor_put (f, TS_MATCH_FACTOR_DISTANCE, value,
                                    w[TS_MATCH_FACTOR_DISTANCE]);
    }
  else
    ts_match_factor_null (f, TS_MATCH_FACTOR_DISTANCE,
                          w[TS_MATCH_FACTOR_DISTANCE]);

  /* Availability: the share of the case's preferred minutes of the week
   * that the supporter is available in. */
  if (c->n_availability > 0)
    {
      const TsMatchRange *a = sc->case_ranges;
      const TsMatchRange *b = sc->supporter_ranges + s->availability;
      guint na = c->n_availability, nb = s->n_availability, i = 0, j = 0;
      guint32 overlap = 0;

      while (i < na && j < nb)
        {
          guint lo = MAX (a[i].start, b[j].start);
          guint hi = MIN (a[i].end, b[j].end);

          if (hi > lo)
            overlap += hi - lo;
          if (a[i].end < b[j].end)
            i++;
          else
            j++;
        }
      score += ts_match_factor_put (f, TS_MATCH_FACTOR_AVAILABILITY,
                                    (double) overlap / (double) c->available_minutes,
                                    w[TS_MATCH_FACTOR_AVAILABILITY]);
    }
  else
    ts_match_factor_null (f, TS_MATCH_FACTOR_AVAILABILITY,
                          w[TS_MATCH_FACTOR_AVAILABILITY]);

  /* Needs and skills: the share of the case's needs the supporter covers. */
  if (c->n_needs > 0)
    score += ts_match_factor_put (f, TS_MATCH_FACTOR_NEEDS_SKILLS,
                                  (double) ts_match_popcount (c->needs & s->skills) /
                                  (double) c->n_needs,
                                  w[TS_MATCH_FACTOR_NEEDS_SKILLS]);
  else
    ts_match_factor_null (f, TS_MATCH_FACTOR_NEEDS_SKILLS,
                          w[TS_MATCH_FACTOR_NEEDS_SKILLS]);

  /* Interests: the share of the case's interests the supporter shares. */
  if (c->n_interests_all > 0)
    {
      const guint32 *ids = sc->supporter_interests + s->interests;
      guint shared = 0;

      for (guint k = 0; k < s->n_interests; k++)
        {
          guint32 id = ids[k];

          if (id < sc->n_interest_words * 64u)
            shared += (guint) ((sc->interest_bits[id >> 6] >> (id & 63)) & 1);
        }
      score += ts_match_factor_put (f, TS_MATCH_FACTOR_INTERESTS,
                                    (double) shared / (double) c->n_interests_all,
                                    w[TS_MATCH_FACTOR_INTERESTS]);
    }
  else
    ts_match_factor_null (f, TS_MATCH_FACTOR_INTERESTS,
                          w[TS_MATCH_FACTOR_INTERESTS]);

  /* Peer experience: the kind the case asks for, exactly. */
  if (c->peer != TS_MATCH_PEER_NONE)
    score += ts_match_factor_put (f, TS_MATCH_FACTOR_PEER_EXPERIENCE,
                                  s->peer == c->peer ? 1.0 : 0.0,
                                  w[TS_MATCH_FACTOR_PEER_EXPERIENCE]);
  else
    ts_match_factor_null (f, TS_MATCH_FACTOR_PEER_EXPERIENCE,
                          w[TS_MATCH_FACTOR_PEER_EXPERIENCE]);

  /* Gender: whether the preference, hard or soft, is met (a hard one
   * always is for an eligible supporter). */
  if (c->gender_preference != TS_MATCH_GENDER_UNSPECIFIED)
    score += ts_match_factor_put (f, TS_MATCH_FACTOR_GENDER,
                                  s->gender == c->gender_preference ? 1.0 : 0.0,
                                  w[TS_MATCH_FACTOR_GENDER]);
  else
    ts_match_factor_null (f, TS_MATCH_FACTOR_GENDER, w[TS_MATCH_FACTOR_GENDER]);

  score += ts_match_factor_put (f, TS_MATCH_FACTOR_WORKLOAD, s->workload,
                                w[TS_MATCH_FACTOR_WORKLOAD]);
  score += ts_match_factor_put (f, TS_MATCH_FACTOR_CONTINUITY,
                                continuity ? 1.0 : 0.0,
                                w[TS_MATCH_FACTOR_CONTINUITY]);

  /* Occupation fit: only for referral kinds the configuration maps. */
  if (sc->has_occupation_fit)
    {
      gboolean fits = FALSE;

      for (guint k = 0; k < sc->n_occupations && !fits; k++)
        fits = s->occupation != 0 && sc->occupations[k] == s->occupation;
      score += ts_match_factor_put (f, TS_MATCH_FACTOR_OCCUPATION,
                                    fits ? 1.0 : 0.0,
                                    w[TS_MATCH_FACTOR_OCCUPATION]);
    }
  else
    ts_match_factor_null (f, TS_MATCH_FACTOR_OCCUPATION,
                          w[TS_MATCH_FACTOR_OCCUPATION]);

  return score;
}

G_END_DECLS
