/*
 * Descriptors' generic record handling: see model/resource.h.
 */
#include "model/resource.h"

#include <string.h>

#include "core/i18n.h"

const TsField *
ts_resource_field (const TsResource *resource, const char *name)
{
  for (guint i = 0; i < resource->n_fields; i++)
    if (g_str_equal (resource->fields[i].name, name))
      return &resource->fields[i];
  return NULL;
}

/* Dates start as "none" rather than 0 (which is a date). */
static void
init_fields (const TsField *fields, guint n_fields, gpointer record)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == TS_FIELD_DATE)
      TS_FIELD_MEMBER (TsDate, record, &fields[i]) = TS_DATE_NONE;
}

gpointer
ts_record_new (const TsResource *resource)
{
  gpointer record = g_malloc0 (resource->record_size);

  init_fields (resource->fields, resource->n_fields, record);
  return record;
}

static const char *const order_names[] = { "oldest", "newest", NULL };

const TsVocabulary ts_list_order_vocabulary = {
  order_names,
  N_("Must be one of oldest, newest"),
};

gpointer
ts_query_new (const TsResource *resource)
{
  gpointer query = g_malloc0 (resource->query_size);

  init_fields (resource->filters, resource->n_filters, query);
  for (guint i = 0; i < resource->n_filters; i++)
    if (resource->filters[i].type == TS_FIELD_ENUM)
      TS_FIELD_MEMBER (int, query, &resource->filters[i]) = TS_FILTER_ANY;
  return query;
}

gboolean
ts_record_in_scope (const TsResource *resource, gconstpointer record, const TsContext *ctx)
{
  if (resource->scope[0] == 0)
    return TRUE;
  for (guint i = 0; i < TS_RESOURCE_SCOPE_MAX && resource->scope[i] != 0; i++)
    if (ts_context_sees (ctx, G_STRUCT_MEMBER (gint64, record, resource->scope[i])))
      return TRUE;
  return FALSE;
}

/* A record owns the texts of its field table; a resource whose record owns
 * more (lists, nested records) frees those itself before calling this. */
void
ts_record_clear (const TsResource *resource, gpointer record)
{
  for (guint i = 0; i < resource->n_fields; i++)
    if (resource->fields[i].type == TS_FIELD_TEXT ||
        resource->fields[i].type == TS_FIELD_MUNICIPALITY ||
        resource->fields[i].type == TS_FIELD_KEYWORD)
      g_clear_pointer (&TS_FIELD_MEMBER (char *, record, &resource->fields[i]), g_free);
}

void
ts_record_free (const TsResource *resource, gpointer record)
{
  if (record == NULL)
    return;
  ts_record_clear (resource, record);
  g_free (record);
}

gpointer
ts_record_copy (const TsResource *resource, gconstpointer record)
{
  gpointer copy = g_memdup2 (record, resource->record_size);

  for (guint i = 0; i < resource->n_fields; i++)
    if (resource->fields[i].type == TS_FIELD_TEXT ||
        resource->fields[i].type == TS_FIELD_MUNICIPALITY ||
        resource->fields[i].type == TS_FIELD_KEYWORD)
      {
        char **slot = &TS_FIELD_MEMBER (char *, copy, &resource->fields[i]);
        *slot = g_strdup (*slot);
      }
  return copy;
}

gint64
ts_record_get_id (gconstpointer record)
{
  return *(const gint64 *) record;
}

gint64
ts_record_get_version (const TsResource *resource, gconstpointer record)
{
  const TsField *field = ts_resource_field (resource, "version");

  g_return_val_if_fail (field != NULL && field->type == TS_FIELD_INT64, 0);
  return G_STRUCT_MEMBER (gint64, record, field->offset);
}

/* Messages are looked up, not formatted, so that each is one msgid in
 * po/ with its own translation. */
const char *
ts_range_message (gint64 min, gint64 max)
{
  static const struct {
    gint64      min, max;
    const char *message;
  } ranges[] = {
    { 0, 20, N_("Must be from 0 to 20") },
    { 0, 80, N_("Must be from 0 to 80") },
    { 1, 8, N_("Must be from 1 to 8") },
    { 1, 100, N_("Must be from 1 to 100") },
    { 1, 200, N_("Must be from 1 to 200") },
    { 1, 720, N_("Must be from 1 to 720") },
    { 1, 1000, N_("Must be from 1 to 1000") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (ranges[i].min == min && ranges[i].max == max)
      return ranges[i].message;
  return N_("Out of range");
}

const char *
ts_too_long_message (gint64 max)
{
  static const struct {
    gint64      max;
    const char *message;
  } lengths[] = {
    { 50, N_("Must be at most 50 characters") },
    { 100, N_("Must be at most 100 characters") },
    { 200, N_("Must be at most 200 characters") },
    { 500, N_("Must be at most 500 characters") },
    { 1000, N_("Must be at most 1000 characters") },
    { 4000, N_("Must be at most 4000 characters") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    if (lengths[i].max == max)
      return lengths[i].message;
  return N_("Too long");
}

void
ts_status_change_free (TsStatusChange *change)
{
  if (change == NULL)
    return;
  g_free (change->reason);
  g_free (change);
}
