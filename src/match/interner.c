/*
 * String interning for the matcher.
 */
#include "match/interner.h"

struct _TsMatchInterner {
  GHashTable *ids;      /* owned string -> GUINT_TO_POINTER (id) */
  GPtrArray  *strings;  /* id -> string (borrowed from ids); [0] = NULL */
};

TsMatchInterner *
ts_match_interner_new (void)
{
  TsMatchInterner *self = g_new0 (TsMatchInterner, 1);

  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->strings = g_ptr_array_new ();
  g_ptr_array_add (self->strings, NULL);
  return self;
}

void
ts_match_interner_free (TsMatchInterner *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->strings);
  g_hash_table_unref (self->ids);
  g_free (self);
}

/* Returns the id of @text, adding it if new; NULL and "" are 0 (none). */
guint32
ts_match_interner_intern (TsMatchInterner *self, const char *text)
{
  gpointer value;
  char *copy;
  guint32 id;

  g_return_val_if_fail (self != NULL, 0);

  if (text == NULL || *text == '\0')
    return 0;
  if (g_hash_table_lookup_extended (self->ids, text, NULL, &value))
    return GPOINTER_TO_UINT (value);

  id = self->strings->len;
  copy = g_strdup (text);
  g_hash_table_insert (self->ids, copy, GUINT_TO_POINTER (id));
  g_ptr_array_add (self->strings, copy);
  return id;
}

/* Returns the id of @text, or 0 when it was never interned. */
guint32
ts_match_interner_lookup (const TsMatchInterner *self, const char *text)
{
  g_return_val_if_fail (self != NULL, 0);

  if (text == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->ids, text));
}

const char *
ts_match_interner_get_string (const TsMatchInterner *self, guint32 id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id < self->strings->len, NULL);

  return g_ptr_array_index (self->strings, id);
}

/* One more than the largest id: the size of a bit set over all ids. */
guint32
ts_match_interner_get_size (const TsMatchInterner *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->strings->len;
}
