/*
 * Compiling input fields into the matcher's record form, shared by
 * supporters and cases.
 */
#include "match/records-private.h"

#include <math.h>
#include <stdlib.h>

int
ts_match_compare_ids (const void *a, const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

gboolean
ts_match_id_is_new (GHashTable *ids, const char *what, gint64 id, GError **error)
{
  if (!g_hash_table_contains (ids, &id))
    return TRUE;
  g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
               "%s %" G_GINT64_FORMAT " added twice", what, id);
  return FALSE;
}

gboolean
ts_match_find_id (const void *recs, guint n, gsize size, gsize id_offset, gint64 id,
                  guint *out_index)
{
  const guint8 *base = recs;
  guint lo = 0, hi = n;

#define ID_AT(i) (*(const gint64 *) (base + (gsize) (i) * size + id_offset))
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ID_AT (mid) < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < n && ID_AT (lo) == id)
    {
      if (out_index != NULL)
        *out_index = lo;
      return TRUE;
    }
  return FALSE;
#undef ID_AT
}

static int
compare_ranges (const void *a, const void *b)
{
  const TsMatchRange *ra = a, *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return (ra->end > rb->end) - (ra->end < rb->end);
}

/* Appends @ranges to @pool as sorted, merged minute-of-week intervals, so
 * that an overlap is one merge walk and overlapping input ranges are not
 * counted twice. */
gboolean
ts_match_ranges_compile (const TsMatchTimeRange *ranges,
                         guint                   n_ranges,
                         GArray                 *pool,
                         guint32                *out_offset,
                         guint32                *out_count,
                         guint32                *out_minutes,
                         GError                **error)
{
  g_autofree TsMatchRange *tmp = NULL;
  guint n = 0;
  guint32 minutes = 0;

  g_return_val_if_fail (n_ranges == 0 || ranges != NULL, FALSE);

  if (n_ranges > G_MAXUINT16)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                   "too many availability ranges");
      return FALSE;
    }
  tmp = g_new (TsMatchRange, MAX (n_ranges, 1));
  for (guint i = 0; i < n_ranges; i++)
    {
      const TsMatchTimeRange *r = &ranges[i];
      guint base;

      if (r->weekday < 1 || r->weekday > 7 || r->from >= r->to ||
          r->to > 24 * 60)
        {
          g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                       "availability range %u is not a weekday 1..7 with "
                       "from < to <= 24:00", i);
          return FALSE;
        }
      base = (guint) (r->weekday - 1) * 24 * 60;
      tmp[i].start = (guint16) (base + r->from);
      tmp[i].end = (guint16) (base + r->to);
    }
  if (n_ranges > 1)
    qsort (tmp, n_ranges, sizeof *tmp, compare_ranges);
  for (guint i = 0; i < n_ranges; i++)
    {
      if (n > 0 && tmp[i].start <= tmp[n - 1].end)
        tmp[n - 1].end = MAX (tmp[n - 1].end, tmp[i].end);
      else
        tmp[n++] = tmp[i];
    }
  for (guint i = 0; i < n; i++)
    minutes += (guint32) (tmp[i].end - tmp[i].start);

  *out_offset = pool->len;
  *out_count = n;
  if (out_minutes != NULL)
    *out_minutes = minutes;
  g_array_append_vals (pool, tmp, n);
  return TRUE;
}

/* A location as a unit vector: the chord between two vectors gives the
 * great-circle distance without cancellation for near points, and needs
 * no trigonometry per pair except one asin. */
gboolean
ts_match_location_compile (double   latitude,
                           double   longitude,
                           double  *x,
                           double  *y,
                           double  *z,
                           GError **error)
{
  double phi, lambda;

  if (!isfinite (latitude) || !isfinite (longitude) ||
      latitude < -90.0 || latitude > 90.0 ||
      longitude < -180.0 || longitude > 180.0)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                   "location is not a latitude/longitude in degrees");
      return FALSE;
    }
  phi = latitude * G_PI / 180.0;
  lambda = longitude * G_PI / 180.0;
  *x = cos (phi) * cos (lambda);
  *y = cos (phi) * sin (lambda);
  *z = sin (phi);
  return TRUE;
}
