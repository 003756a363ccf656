/*
 * The supporters snapshot: a compiled, read-only TsMatchSupporters for one
 * date with the supporters' names, built from one committed read
 * transaction and shared through the per-service cache (matching.h says
 * how it stays current).
 */
#include "service/matching-private.h"

TsMatchSnapshot *
ts_match_snapshot_ref (TsMatchSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ts_match_snapshot_unref (TsMatchSnapshot *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  ts_match_supporters_unref (self->supporters);
  g_ptr_array_unref (self->names);
  g_string_chunk_free (self->chunk);
  g_free (self);
}

TsMatchSupporters *
ts_match_snapshot_get_supporters (TsMatchSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->supporters;
}

gint64
ts_match_snapshot_get_version (TsMatchSnapshot *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->version;
}

const char *
ts_match_snapshot_get_name (TsMatchSnapshot *self, gint64 supporter_id)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  if (!ts_match_supporters_find (self->supporters, supporter_id, &index) ||
      index >= self->names->len)
    return NULL;
  return g_ptr_array_index (self->names, index);
}

typedef struct {
  TsService       *service;
  TsMatchingCache *cache;
  TsDate           on;
  gint64           pool;
  TsMatchSnapshot *snapshot;
} SnapshotRead;

/* Inside one read transaction: the version and, on a miss, the rows it
 * stands for come from the same snapshot. */
static gboolean
read_snapshot (TsStore *store, gpointer user_data, GError **error)
{
  SnapshotRead *r = user_data;
  gint64 version = ts_store_match_data_version (store, error);
  TsMatchingBuilder b;
  TsMatchSnapshot *snap;

  if (version < 0)
    return FALSE;
  r->snapshot = ts_matching_cache_lookup (r->cache, r->on, r->pool, version);
  if (r->snapshot != NULL)
    return TRUE;

  ts_matching_cache_lock_load (r->cache);
  r->snapshot = ts_matching_cache_lookup (r->cache, r->on, r->pool, version);
  if (r->snapshot != NULL)
    {
      ts_matching_cache_unlock_load (r->cache);
      return TRUE;
    }
  ts_matching_builder_init (&b, r->service, r->on, TRUE);
  if (!ts_store_match_supporters_foreach (store, r->pool, ts_matching_builder_add_row, &b, error))
    {
      ts_matching_builder_clear (&b);
      ts_matching_cache_unlock_load (r->cache);
      return FALSE;
    }
  ts_match_supporters_seal (b.supporters);
  snap = g_new0 (TsMatchSnapshot, 1);
  snap->ref_count = 1;
  snap->version = version;
  snap->on = r->on;
  snap->pool = r->pool;
  snap->supporters = g_steal_pointer (&b.supporters);
  snap->names = g_steal_pointer (&b.names);
  snap->chunk = g_steal_pointer (&b.chunk);
  ts_matching_builder_clear (&b);
  ts_matching_cache_insert (r->cache, snap);
  ts_matching_cache_unlock_load (r->cache);
  r->snapshot = snap;
  return TRUE;
}

TsMatchSnapshot *
ts_service_matching_snapshot (TsService *self, TsDate on, gint64 pool, GError **error)
{
  SnapshotRead r = { self, NULL, on, pool, NULL };
  TsStore *store;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (on != TS_DATE_NONE, NULL);
  store = ts_service_get_store (self);
  /* A write function sees its own uncommitted rows: a copy built there
   * could outlive a rollback. */
  g_return_val_if_fail (!ts_store_in_writer (store), NULL);

  r.cache = ts_service_get_matching_cache (self);
  if (!ts_store_read (store, read_snapshot, &r, error))
    {
      g_clear_pointer (&r.snapshot, ts_match_snapshot_unref);
      return NULL;
    }
  return r.snapshot;
}

gint64
ts_service_matching_pool (const TsContext *ctx)
{
  return ctx->scope == NULL ? 0 : ctx->organisation_id;
}
