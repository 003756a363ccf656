/*
 * The matching use cases' per-service cache, a member of TsService
 * (service-private.h): the [matching] configuration parsed once, and the
 * compiled supporters of the last few dates, each kept with the data
 * version it was built from (matching.h says why a stale copy is never
 * used).  Its lock guards both; a second lock lets one load run at a time.
 */
#include "service/matching-private.h"

#include "core/error.h"
#include "core/i18n.h"

/* A few dates at once (today's lists, a batch planned for the first of
 * next month, a coordinator looking back) for a few organisations' pools. */
#define N_CACHED 8

struct _TsMatchingCache {
  GMutex           lock;          /* config and entries */
  GMutex           load_lock;     /* one load at a time */
  gboolean         config_done;
  TsMatchConfig   *config;
  GError          *config_error;
  TsMatchSnapshot *entries[N_CACHED];
  guint64          tick;
};

TsMatchingCache *
ts_matching_cache_new (void)
{
  TsMatchingCache *cache = g_new0 (TsMatchingCache, 1);

  g_mutex_init (&cache->lock);
  g_mutex_init (&cache->load_lock);
  return cache;
}

void
ts_matching_cache_free (TsMatchingCache *cache)
{
  if (cache == NULL)
    return;
  for (guint i = 0; i < N_CACHED; i++)
    g_clear_pointer (&cache->entries[i], ts_match_snapshot_unref);
  g_clear_pointer (&cache->config, ts_match_config_free);
  g_clear_error (&cache->config_error);
  g_mutex_clear (&cache->lock);
  g_mutex_clear (&cache->load_lock);
  g_free (cache);
}

const TsMatchConfig *
ts_matching_cache_get_config (TsMatchingCache *cache, TsConfig *config, GError **error)
{
  const TsMatchConfig *match_config;

  g_mutex_lock (&cache->lock);
  if (!cache->config_done)
    {
      cache->config = ts_matching_config_from_keyfile (config->keyfile,
                                                       config->insurance_required,
                                                       &cache->config_error);
      if (cache->config_error != NULL)
        g_warning ("Invalid matching configuration: %s", cache->config_error->message);
      cache->config_done = TRUE;
    }
  match_config = cache->config;
  if (match_config == NULL)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                         N_("The matching configuration is invalid; see the service log"));
  g_mutex_unlock (&cache->lock);
  return match_config;
}

TsMatchSnapshot *
ts_matching_cache_lookup (TsMatchingCache *cache, TsDate on, gint64 pool, gint64 version)
{
  TsMatchSnapshot *found = NULL;

  g_mutex_lock (&cache->lock);
  for (guint i = 0; i < N_CACHED; i++)
    {
      TsMatchSnapshot *s = cache->entries[i];

      if (s == NULL)
        continue;
      /* Versions only grow: an older copy will never be current again. */
      if (s->version < version)
        {
          g_clear_pointer (&cache->entries[i], ts_match_snapshot_unref);
          continue;
        }
      if (s->version == version && s->on == on && s->pool == pool)
        {
          s->used = ++cache->tick;
          found = ts_match_snapshot_ref (s);
        }
    }
  g_mutex_unlock (&cache->lock);
  return found;
}

void
ts_matching_cache_insert (TsMatchingCache *cache, TsMatchSnapshot *snap)
{
  guint slot = N_CACHED;

  g_mutex_lock (&cache->lock);
  for (guint i = 0; i < N_CACHED; i++)
    {
      TsMatchSnapshot *s = cache->entries[i];

      if (s != NULL && s->version > snap->version)
        {
          /* Someone already saw newer data: this copy is useless. */
          g_mutex_unlock (&cache->lock);
          return;
        }
      if (s != NULL && s->on == snap->on && s->pool == snap->pool)
        slot = i;
    }
  for (guint i = 0; i < N_CACHED && slot == N_CACHED; i++)
    if (cache->entries[i] == NULL)
      slot = i;
  if (slot == N_CACHED)
    {
      slot = 0;
      for (guint i = 1; i < N_CACHED; i++)
        if (cache->entries[i]->used < cache->entries[slot]->used)
          slot = i;
    }
  g_clear_pointer (&cache->entries[slot], ts_match_snapshot_unref);
  snap->used = ++cache->tick;
  cache->entries[slot] = ts_match_snapshot_ref (snap);
  g_mutex_unlock (&cache->lock);
}

void
ts_matching_cache_lock_load (TsMatchingCache *cache)
{
  g_mutex_lock (&cache->load_lock);
}

void
ts_matching_cache_unlock_load (TsMatchingCache *cache)
{
  g_mutex_unlock (&cache->load_lock);
}
