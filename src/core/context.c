#include "core/context.h"

#include <string.h>

TsContext *
ts_context_new (void)
{
  TsContext *self = g_new0 (TsContext, 1);
  guint8 raw[16];

  static const char hex[] = "0123456789abcdef";

  /* A request id ties a problem report to a log line: it must be unique,
   * not secret, so GLib's generator (seeded once from the OS) does, without
   * a getrandom() call per request. */
  for (guint i = 0; i < sizeof raw; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (raw + i, &r, 4);
    }
  for (guint i = 0; i < sizeof raw; i++)
    {
      self->request_id[2 * i] = hex[raw[i] >> 4];
      self->request_id[2 * i + 1] = hex[raw[i] & 0xf];
    }
  self->request_id[2 * sizeof raw] = '\0';
  self->errors = ts_field_errors_new ();
  self->language = TS_LANGUAGE_JA;
  return self;
}

/* The command line runs as the machine's administrator: whoever can read the
 * database file can do anything anyway.  Its writes are audited as role
 * admin without a user. */
TsContext *
ts_context_new_local (void)
{
  TsContext *self = ts_context_new ();
  self->role = TS_ROLE_ADMIN;
  self->language = ts_i18n_language_from_environment ();
  return self;
}

void
ts_context_free (TsContext *self)
{
  if (self == NULL)
    return;
  ts_field_errors_free (self->errors);
  g_clear_pointer (&self->scope, g_array_unref);
  g_clear_pointer (&self->problem_extra, json_object_unref);
  g_free (self);
}

void
ts_context_add_extra (TsContext *self, const char *name, JsonNode *value)
{
  if (self->problem_extra == NULL)
    self->problem_extra = json_object_new ();
  json_object_set_member (self->problem_extra, name, value);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* The caller belongs to @organisation_id and sees the records of the
 * organisations in @visible (any order; @organisation_id is added), or of
 * every organisation when @visible is NULL. */
void
ts_context_set_scope (TsContext *self, gint64 organisation_id, const gint64 *visible,
                      guint n_visible)
{
  self->organisation_id = organisation_id;
  g_clear_pointer (&self->scope, g_array_unref);
  if (visible == NULL)
    return;
  self->scope = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_visible + 1);
  g_array_append_val (self->scope, organisation_id);
  for (guint i = 0; i < n_visible; i++)
    if (visible[i] != organisation_id)
      g_array_append_val (self->scope, visible[i]);
  g_array_sort (self->scope, compare_ids);
}

/* Whether a record of @organisation_id is in the caller's scope. */
gboolean
ts_context_sees (const TsContext *self, gint64 organisation_id)
{
  guint lo = 0, hi;

  if (self->scope == NULL)
    return TRUE;
  hi = self->scope->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (self->scope, gint64, mid);
      if (v == organisation_id)
        return TRUE;
      if (v < organisation_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}
