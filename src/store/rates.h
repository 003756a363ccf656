/*
 * Rate sets (table `rate_sets` with `rate_overrides`, migration 0006): the
 * effective-dated amounts that price activities and placement days.
 *
 * The rows are plain data in the store's own terms; the service turns them
 * into the domain's TsRateSet (domain/rates.h), which the store does not
 * know.  Add-only: a set is never changed once activities may have been
 * priced at it.
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "store/store.h"

G_BEGIN_DECLS

/* One by_kind override; a field counts only with its has_ flag. */
typedef struct {
  char     kind[16];                 /* home_visit, accompany, … */
  gboolean has_per_activity;
  gboolean has_per_hour;
  gboolean has_transport_cap;
  gint64   honorarium_per_activity_yen;
  gint64   honorarium_per_hour_yen;
  gint64   transport_cap_yen;
} TsRateOverrideRow;

typedef struct {
  gint64  id;
  TsDate  effective_from;
  gint64  honorarium_per_activity_yen;
  gint64  honorarium_per_hour_yen;
  gint64  transport_cap_yen;
  gint64  host_stipend_per_day_yen;
  gint64  event_honorarium_per_hour_yen;   /* migration 0017 */
  GArray *overrides;                 /* TsRateOverrideRow; never NULL in lists */
  gint64  user_id;                   /* 0: the command line */
  gint64  created_at;
} TsRateRow;

/* Frees the overrides of every row, for g_array_set_clear_func(). */
void     ts_rate_row_clear    (gpointer row);

/* Writer thread only.  A second set with the same effective_from is
 * TS_ERROR_ALREADY_EXISTS. */
gboolean ts_store_rate_insert (TsStore          *self,
                               const TsRateRow  *row,
                               gint64           *out_id,
                               GError          **error);

/* Any thread, also inside a write function.  Every set, oldest
 * effective_from first, as a GArray of TsRateRow. */
GArray  *ts_store_rate_list   (TsStore          *self,
                               GError          **error);
/* The same, inside ts_store_read() or a write function: in the caller's
 * snapshot, without a transaction of its own. */
GArray  *ts_store_rate_list_in (TsStore          *self,
                                GError          **error);

G_END_DECLS
