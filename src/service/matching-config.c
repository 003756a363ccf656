/*
 * The matching configuration: the [matching] group of the configuration
 * file read over the defaults into the matcher's TsMatchConfig, and the
 * service's own configuration, parsed once (see matching.h).
 */
#include "service/matching-private.h"

#include <string.h>

#define CONFIG_GROUP "matching"

/* The matcher's default occupation fit (welfare, social_worker,
 * psychologist, teacher: Bunkyo's case C, seed 004) speaks English; the
 * occupations coordinators type are Japanese job titles, so the service's
 * default adds them.  A config file replaces the whole list. */
static const char *const default_special_needs_fit[] = {
  "welfare", "social_worker", "psychologist", "teacher",
  "社会福祉士", "精神保健福祉士", "公認心理師", "臨床心理士", "教員", NULL,
};

static void
config_error (GError **error, const char *key, const char *what)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "[%s] %s: %s", CONFIG_GROUP, key, what);
}

static gboolean
read_double (GKeyFile *keyfile, const char *key, double *out, GError **error)
{
  g_autoptr(GError) local = NULL;
  double value = g_key_file_get_double (keyfile, CONFIG_GROUP, key, &local);

  if (local != NULL)
    {
      config_error (error, key, "not a number");
      return FALSE;
    }
  *out = value;
  return TRUE;
}

TsMatchConfig *
ts_matching_config_from_keyfile (GKeyFile *keyfile, gboolean require_insurance, GError **error)
{
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ts_match_config_set_require_insurance (config, require_insurance);
  ts_match_config_set_occupation_fit (config, "special_needs_school", default_special_needs_fit);
  if (keyfile == NULL || !g_key_file_has_group (keyfile, CONFIG_GROUP))
    return g_steal_pointer (&config);

  keys = g_key_file_get_keys (keyfile, CONFIG_GROUP, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      TsMatchFactorKind kind;
      g_autoptr(GError) local = NULL;

      if (g_str_has_prefix (key, "weight_"))
        {
          double weight;

          if (!ts_match_factor_from_string (key + strlen ("weight_"), &kind))
            {
              config_error (error, key, "no such factor");
              return NULL;
            }
          if (!read_double (keyfile, key, &weight, error))
            return NULL;
          if (!ts_match_config_set_weight (config, kind, weight, &local))
            {
              config_error (error, key, "must be from 0 to 100");
              return NULL;
            }
        }
      else if (g_str_equal (key, "max_distance_km"))
        {
          double km;

          if (!read_double (keyfile, key, &km, error))
            return NULL;
          if (!ts_match_config_set_max_distance_km (config, km, &local))
            {
              config_error (error, key, "must be more than 0 and at most 20000");
              return NULL;
            }
        }
      else if (g_str_equal (key, "prune_k"))
        {
          gint64 k = g_key_file_get_int64 (keyfile, CONFIG_GROUP, key, &local);

          if (local != NULL || k < 0 || k > 100000)
            {
              config_error (error, key, "must be an integer from 0 to 100000");
              return NULL;
            }
          ts_match_config_set_prune_k (config, (guint) k);
        }
      else if (g_str_has_prefix (key, "occupation_fit_"))
        {
          const char *kind_name = key + strlen ("occupation_fit_");
          g_auto(GStrv) list = NULL;
          g_autoptr(GPtrArray) words = g_ptr_array_new ();

          if (!g_strv_contains (ts_case_referral_kinds, kind_name))
            {
              config_error (error, key, "no such referral kind");
              return NULL;
            }
          list = g_key_file_get_string_list (keyfile, CONFIG_GROUP, key, NULL, &local);
          if (local != NULL)
            {
              config_error (error, key, "not a list");
              return NULL;
            }
          for (guint k = 0; list != NULL && list[k] != NULL; k++)
            {
              g_strstrip (list[k]);
              if (list[k][0] != '\0')
                g_ptr_array_add (words, list[k]);
            }
          g_ptr_array_add (words, NULL);
          ts_match_config_set_occupation_fit (config, kind_name,
                                              (const char *const *) words->pdata);
        }
      else
        {
          config_error (error, key, "unknown key");
          return NULL;
        }
    }
  return g_steal_pointer (&config);
}

const TsMatchConfig *
ts_service_matching_config (TsService *self, GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return ts_matching_cache_get_config (ts_service_get_matching_cache (self),
                                       ts_service_get_config (self), error);
}
