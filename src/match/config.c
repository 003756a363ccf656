/*
 * Matching configuration and its defaults.
 *
 * The default weights rank what a coordinator checks first at the case
 * conference (seed 004): can the supporter do what the case needs, at the
 * times the person can receive them, and has the pair already built trust.
 * Distance, peer experience and the gender preference come next; shared
 * interests and workload only separate otherwise similar supporters.
 */
#include "match/config.h"

#include <math.h>
#include <string.h>

struct _TsMatchConfig {
  double      weights[TS_MATCH_N_FACTORS];
  double      max_distance_km;
  gboolean    require_insurance;
  guint       prune_k;
  GHashTable *occupation_fit;  /* referral kind -> GStrv */
};

static const double default_weights[TS_MATCH_N_FACTORS] = {
  [TS_MATCH_FACTOR_DISTANCE] = 2.0,
  [TS_MATCH_FACTOR_AVAILABILITY] = 2.0,
  [TS_MATCH_FACTOR_NEEDS_SKILLS] = 3.0,
  [TS_MATCH_FACTOR_INTERESTS] = 1.0,
  [TS_MATCH_FACTOR_PEER_EXPERIENCE] = 1.5,
  [TS_MATCH_FACTOR_GENDER] = 1.5,
  [TS_MATCH_FACTOR_WORKLOAD] = 1.0,
  [TS_MATCH_FACTOR_CONTINUITY] = 2.0,
  [TS_MATCH_FACTOR_OCCUPATION] = 1.5,
};

/* Bunkyo's case C: a teenager referred by a special-needs school was
 * matched with a welfare professional (seed 004). */
static const char *const special_needs_school_fit[] = {
  "welfare", "social_worker", "psychologist", "teacher", NULL,
};

TsMatchConfig *
ts_match_config_new (void)
{
  TsMatchConfig *self = g_new0 (TsMatchConfig, 1);

  memcpy (self->weights, default_weights, sizeof self->weights);
  self->max_distance_km = TS_MATCH_DEFAULT_MAX_DISTANCE_KM;
  /* SPEC 2.1: the default configuration requires insurance for dispatch. */
  self->require_insurance = TRUE;
  self->prune_k = TS_MATCH_DEFAULT_PRUNE_K;
  self->occupation_fit = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                g_free,
                                                (GDestroyNotify) g_strfreev);
  ts_match_config_set_occupation_fit (self, "special_needs_school",
                                      special_needs_school_fit);
  return self;
}

TsMatchConfig *
ts_match_config_copy (const TsMatchConfig *self)
{
  TsMatchConfig *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ts_match_config_new ();
  g_hash_table_remove_all (copy->occupation_fit);
  memcpy (copy->weights, self->weights, sizeof copy->weights);
  copy->max_distance_km = self->max_distance_km;
  copy->require_insurance = self->require_insurance;
  copy->prune_k = self->prune_k;
  g_hash_table_iter_init (&iter, self->occupation_fit);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->occupation_fit, g_strdup (key),
                         g_strdupv (value));
  return copy;
}

void
ts_match_config_free (TsMatchConfig *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->occupation_fit);
  g_free (self);
}

double
ts_match_config_get_weight (const TsMatchConfig *self, TsMatchFactorKind kind)
{
  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail ((guint) kind < TS_MATCH_N_FACTORS, 0.0);

  return self->weights[kind];
}

gboolean
ts_match_config_set_weight (TsMatchConfig     *self,
                            TsMatchFactorKind  kind,
                            double             weight,
                            GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < TS_MATCH_N_FACTORS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Negative weights would make scores negative, and the batch optimum
   * relies on every eligible pair being worth at least nothing. */
  if (!isfinite (weight) || weight < 0.0 || weight > TS_MATCH_MAX_WEIGHT)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_CONFIG,
                   "weight of %s must be between 0 and %g",
                   ts_match_factor_to_string (kind), TS_MATCH_MAX_WEIGHT);
      return FALSE;
    }
  self->weights[kind] = weight;
  return TRUE;
}

double
ts_match_config_get_max_distance_km (const TsMatchConfig *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->max_distance_km;
}

gboolean
ts_match_config_set_max_distance_km (TsMatchConfig *self,
                                     double         km,
                                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Half the Earth's circumference bounds every great-circle distance. */
  if (!isfinite (km) || km <= 0.0 || km > 20000.0)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_CONFIG,
                   "max distance must be between 0 and 20000 km");
      return FALSE;
    }
  self->max_distance_km = km;
  return TRUE;
}

gboolean
ts_match_config_get_require_insurance (const TsMatchConfig *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->require_insurance;
}

void
ts_match_config_set_require_insurance (TsMatchConfig *self, gboolean require)
{
  g_return_if_fail (self != NULL);

  self->require_insurance = !!require;
}

/* How many best eligible supporters per case the batch solver starts with;
 * 0 keeps every eligible pair.  It changes speed and memory, never the
 * optimum total (docs/matching.md). */
guint
ts_match_config_get_prune_k (const TsMatchConfig *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->prune_k;
}

void
ts_match_config_set_prune_k (TsMatchConfig *self, guint k)
{
  g_return_if_fail (self != NULL);

  self->prune_k = k;
}

/* Replaces the occupations that fit cases referred by @referral_kind;
 * NULL or an empty list removes the mapping. */
void
ts_match_config_set_occupation_fit (TsMatchConfig     *self,
                                    const char        *referral_kind,
                                    const char *const *occupations)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (referral_kind != NULL);

  if (occupations == NULL || occupations[0] == NULL)
    {
      g_hash_table_remove (self->occupation_fit, referral_kind);
      return;
    }

  list = g_ptr_array_new ();
  for (guint i = 0; occupations[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < list->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (list, j), occupations[i]);
      if (!seen && occupations[i][0] != '\0')
        g_ptr_array_add (list, g_strdup (occupations[i]));
    }
  g_ptr_array_add (list, NULL);
  g_hash_table_insert (self->occupation_fit, g_strdup (referral_kind),
                       g_ptr_array_free (g_steal_pointer (&list), FALSE));
}

const char *const *
ts_match_config_get_occupation_fit (const TsMatchConfig *self,
                                    const char          *referral_kind)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (referral_kind == NULL)
    return NULL;
  return g_hash_table_lookup (self->occupation_fit, referral_kind);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The mapped referral kinds, sorted, as borrowed strings. */
GPtrArray *
ts_match_config_list_referral_kinds (const TsMatchConfig *self)
{
  GPtrArray *kinds;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  kinds = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->occupation_fit);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (kinds, key);
  g_ptr_array_sort (kinds, compare_strings);
  return kinds;
}
