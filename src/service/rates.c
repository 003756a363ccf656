/*
 * Rate-set use cases (see rates.h).
 */
#include "service/rates.h"

#include <string.h>

#include "core/i18n.h"
#include "store/rates.h"

void
ts_rate_table_free (TsRateTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->sets, g_array_unref);
  g_free (table);
}

/* A store row into the domain's plain struct; override rows of a kind the
 * domain does not know (none, by the schema's CHECK) are skipped. */
static void
row_to_set (const TsRateRow *row, TsRateSet *set)
{
  memset (set, 0, sizeof *set);
  set->effective_from = row->effective_from;
  set->honorarium_per_activity_yen = row->honorarium_per_activity_yen;
  set->honorarium_per_hour_yen = row->honorarium_per_hour_yen;
  set->transport_cap_yen = row->transport_cap_yen;
  set->host_stipend_per_day_yen = row->host_stipend_per_day_yen;
  set->event_honorarium_per_hour_yen = row->event_honorarium_per_hour_yen;
  for (guint i = 0; row->overrides != NULL && i < row->overrides->len; i++)
    {
      const TsRateOverrideRow *o = &g_array_index (row->overrides, TsRateOverrideRow, i);
      TsActivityKind kind;
      TsRateOverride *out;

      if (!ts_activity_kind_from_string (o->kind, &kind))
        continue;
      out = &set->by_kind[kind];
      if (o->has_per_activity)
        {
          out->set |= TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY;
          out->honorarium_per_activity_yen = o->honorarium_per_activity_yen;
        }
      if (o->has_per_hour)
        {
          out->set |= TS_RATE_FIELD_HONORARIUM_PER_HOUR;
          out->honorarium_per_hour_yen = o->honorarium_per_hour_yen;
        }
      if (o->has_transport_cap)
        {
          out->set |= TS_RATE_FIELD_TRANSPORT_CAP;
          out->transport_cap_yen = o->transport_cap_yen;
        }
    }
}

static TsRateRow
set_to_row (const TsRateSet *set)
{
  TsRateRow row = { 0 };

  row.effective_from = set->effective_from;
  row.honorarium_per_activity_yen = set->honorarium_per_activity_yen;
  row.honorarium_per_hour_yen = set->honorarium_per_hour_yen;
  row.transport_cap_yen = set->transport_cap_yen;
  row.host_stipend_per_day_yen = set->host_stipend_per_day_yen;
  row.event_honorarium_per_hour_yen = set->event_honorarium_per_hour_yen;
  row.overrides = g_array_new (FALSE, TRUE, sizeof (TsRateOverrideRow));
  for (guint k = 0; k < TS_ACTIVITY_N_KINDS; k++)
    {
      const TsRateOverride *o = &set->by_kind[k];
      TsRateOverrideRow r = { 0 };

      if (o->set == 0)
        continue;
      g_strlcpy (r.kind, ts_activity_kind_to_string ((TsActivityKind) k), sizeof r.kind);
      r.has_per_activity = (o->set & TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY) != 0;
      r.honorarium_per_activity_yen = o->honorarium_per_activity_yen;
      r.has_per_hour = (o->set & TS_RATE_FIELD_HONORARIUM_PER_HOUR) != 0;
      r.honorarium_per_hour_yen = o->honorarium_per_hour_yen;
      r.has_transport_cap = (o->set & TS_RATE_FIELD_TRANSPORT_CAP) != 0;
      r.transport_cap_yen = o->transport_cap_yen;
      g_array_append_val (row.overrides, r);
    }
  return row;
}

static GArray *
records_from_rows (GArray *rows)
{
  GArray *out;

  if (rows == NULL)
    return NULL;
  out = g_array_sized_new (FALSE, TRUE, sizeof (TsRateSetRecord), rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const TsRateRow *row = &g_array_index (rows, TsRateRow, i);
      TsRateSetRecord rec = { 0 };

      rec.id = row->id;
      row_to_set (row, &rec.set);
      rec.user_id = row->user_id;
      rec.created_at = row->created_at;
      g_array_append_val (out, rec);
    }
  return out;
}

static GArray *
load_records (TsService *self, GError **error)
{
  g_autoptr(GArray) rows = ts_store_rate_list (ts_service_get_store (self), error);

  return rows != NULL ? records_from_rows (rows) : NULL;
}

static GArray *
sets_from_records (GArray *records)
{
  GArray *sets = g_array_sized_new (FALSE, TRUE, sizeof (TsRateSet), records->len);

  for (guint i = 0; i < records->len; i++)
    g_array_append_val (sets, g_array_index (records, TsRateSetRecord, i).set);
  return sets;
}

GArray *
ts_service_rate_sets_in (TsStore *store, GError **error)
{
  g_autoptr(GArray) rows = ts_store_rate_list_in (store, error);
  g_autoptr(GArray) records = NULL;

  if (rows == NULL)
    return NULL;
  records = records_from_rows (rows);
  return sets_from_records (records);
}

GArray *
ts_service_rate_sets (TsService *self, GError **error)
{
  g_autoptr(GArray) records = load_records (self, error);
  GArray *sets;

  if (records == NULL)
    return NULL;
  sets = g_array_sized_new (FALSE, TRUE, sizeof (TsRateSet), records->len);
  for (guint i = 0; i < records->len; i++)
    g_array_append_val (sets, g_array_index (records, TsRateSetRecord, i).set);
  return sets;
}

typedef struct {
  TsService       *service;
  TsContext       *ctx;
  const TsRateSet *set;
  gint64           id;
} CreateRate;

static gboolean
write_create_rate (TsStore *store, gpointer user_data, GError **error)
{
  CreateRate *c = user_data;
  TsRateRow row = set_to_row (c->set);
  gboolean ok;

  row.user_id = c->ctx->user_id;
  row.created_at = g_get_real_time () / G_USEC_PER_SEC;
  ok = ts_store_rate_insert (store, &row, &c->id, error);
  ts_rate_row_clear (&row);
  if (!ok)
    return FALSE;
  return ts_service_audit (c->service, c->ctx, "create", "rate_set", c->id, error);
}

TsRateSetRecord *
ts_service_rate_create (TsService *self, TsContext *ctx, const TsRateSet *set, GError **error)
{
  TsRateIssue issues[TS_RATE_SET_MAX_ISSUES];
  gsize n = ts_rate_set_validate (set, issues, G_N_ELEMENTS (issues));
  CreateRate c = { self, ctx, set, 0 };
  g_autoptr(GArray) records = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  for (gsize i = 0; i < MIN (n, G_N_ELEMENTS (issues)); i++)
    ts_field_errors_add (ctx->errors, issues[i].field, ts_rate_issue_message (issues[i].code));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_create_rate, &c, error))
    return NULL;

  records = load_records (self, error);
  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    if (g_array_index (records, TsRateSetRecord, i).id == c.id)
      return g_memdup2 (&g_array_index (records, TsRateSetRecord, i), sizeof (TsRateSetRecord));
  g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "The new rate set vanished");
  return NULL;
}

TsRateTable *
ts_service_rate_list (TsService *self, TsContext *ctx, GError **error)
{
  g_autoptr(TsRateTable) table = g_new0 (TsRateTable, 1);
  g_autoptr(GArray) sets = NULL;
  const TsRateSet *in_force;

  (void) ctx;
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  table->sets = load_records (self, error);
  if (table->sets == NULL)
    return NULL;
  table->on = ts_date_today ();
  sets = g_array_sized_new (FALSE, TRUE, sizeof (TsRateSet), table->sets->len);
  for (guint i = 0; i < table->sets->len; i++)
    g_array_append_val (sets, g_array_index (table->sets, TsRateSetRecord, i).set);
  in_force = ts_rate_table_in_force ((const TsRateSet *) sets->data, sets->len, table->on,
                                     &table->defaults_in_force);
  table->in_force = table->defaults_in_force
    ? in_force
    : &g_array_index (table->sets, TsRateSetRecord,
                      (guint) (in_force - (const TsRateSet *) sets->data)).set;
  return g_steal_pointer (&table);
}
