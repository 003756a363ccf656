/*
 * How the store's own files encode values in columns: vocabulary words,
 * JSON text lists and optional ids (see store-private.h).
 */
#include "store/store-private.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "core/json.h"
#include "store/supporters.h"

gboolean
ts_store_name_lookup (const char *const *names, guint n_names, const char *text, guint *out_index)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (text, names[i]))
      {
        if (out_index != NULL)
          *out_index = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- list columns ---------------------------------------------------- */

/* The list columns hold JSON the store wrote itself, in the one form
 * json-glib's generator gives: no white space, members in a fixed order.
 * Every read of a supporter decodes three of them, so that form is read
 * directly (a json-glib parser costs more than the rest of the row); any
 * other text — escapes, spaces, a hand-edited database — goes through
 * json-glib, and what json-glib cannot read counts as an empty list rather
 * than failing every request that touches the row. */

static char   **strv_from_json         (const char *text);
static GArray  *availability_from_json (const char *text, GArray *out);

static gboolean
eat (const char **p, const char *literal)
{
  gsize len = strlen (literal);

  if (strncmp (*p, literal, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

/* A non-negative integer of at most 9 digits. */
static gboolean
eat_int (const char **p, int *out)
{
  int value = 0;
  guint n = 0;

  while (g_ascii_isdigit ((*p)[n]) && n < 9)
    value = value * 10 + ((*p)[n++] - '0');
  if (n == 0 || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

/* ["a","b"] without escapes. */
static gboolean
strv_from_plain_text (const char *text, char ***out)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  if (!eat (&p, "["))
    return FALSE;
  if (!eat (&p, "]"))
    for (;;)
      {
        const char *start;

        if (!eat (&p, "\""))
          return FALSE;
        for (start = p; *p != '"'; p++)
          if (*p == '\\' || (guchar) *p < 0x20)   /* an escape, a control character or the end */
            return FALSE;
        if (!g_utf8_validate (start, p - start, NULL))
          return FALSE;
        g_ptr_array_add (items, g_strndup (start, (gsize) (p - start)));
        p++;
        if (eat (&p, "]"))
          break;
        if (!eat (&p, ","))
          return FALSE;
      }
  if (*p != '\0')
    return FALSE;
  g_ptr_array_add (items, NULL);
  *out = (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
  return TRUE;
}

/* [{"weekday":1,"from_min":540,"to_min":720}] as written below. */
static gboolean
availability_from_plain_text (const char *text, GArray *out)
{
  const char *p = text;

  if (!eat (&p, "["))
    return FALSE;
  if (!eat (&p, "]"))
    for (;;)
      {
        TsAvailabilitySlot slot;

        if (!eat (&p, "{\"weekday\":") || !eat_int (&p, &slot.weekday) ||
            !eat (&p, ",\"from_min\":") || !eat_int (&p, &slot.from_min) ||
            !eat (&p, ",\"to_min\":") || !eat_int (&p, &slot.to_min) || !eat (&p, "}"))
          return FALSE;
        if (slot.weekday >= 1 && slot.weekday <= 7 && slot.from_min < slot.to_min &&
            slot.to_min <= 1440)
          g_array_append_val (out, slot);
        if (eat (&p, "]"))
          break;
        if (!eat (&p, ","))
          return FALSE;
      }
  return *p == '\0';
}

char **
ts_store_strv_from_text (const char *text)
{
  char **fast = NULL;

  if (text != NULL && strv_from_plain_text (text, &fast))
    return fast;
  return strv_from_json (text);
}

/* Availability (a supporter's, a case's preference) is stored as
 * [{"weekday":1,"from_min":540,"to_min":720}]: minutes, not "HH:MM", so
 * that SQL and the matcher read numbers. */
GArray *
ts_store_availability_from_text (const char *text)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));

  if (text != NULL && availability_from_plain_text (text, out))
    return out;
  g_array_set_size (out, 0);
  return availability_from_json (text, out);
}

static char **
strv_from_json (const char *text)
{
  g_autoptr(JsonNode) node = ts_json_parse_array_text (text);
  JsonArray *arr = json_node_get_array (node);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        g_ptr_array_add (out, g_strdup (json_node_get_string (item)));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static GArray *
availability_from_json (const char *text, GArray *out)
{
  g_autoptr(JsonNode) node = ts_json_parse_array_text (text);
  JsonArray *arr = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      JsonObject *obj;
      TsAvailabilitySlot slot;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      obj = json_node_get_object (item);
      slot.weekday = (int) json_object_get_int_member_with_default (obj, "weekday", 0);
      slot.from_min = (int) json_object_get_int_member_with_default (obj, "from_min", -1);
      slot.to_min = (int) json_object_get_int_member_with_default (obj, "to_min", -1);
      if (slot.weekday >= 1 && slot.weekday <= 7 && slot.from_min >= 0 &&
          slot.from_min < slot.to_min && slot.to_min <= 1440)
        g_array_append_val (out, slot);
    }
  return out;
}

char *
ts_store_availability_to_text (GArray *slots)
{
  g_autoptr(JsonArray) arr = json_array_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();

  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      const TsAvailabilitySlot *slot = &g_array_index (slots, TsAvailabilitySlot, i);
      JsonObject *obj = json_object_new ();
      json_object_set_int_member (obj, "weekday", slot->weekday);
      json_object_set_int_member (obj, "from_min", slot->from_min);
      json_object_set_int_member (obj, "to_min", slot->to_min);
      json_array_add_object_element (arr, obj);
    }
  json_node_init_array (node, arr);
  return ts_json_to_string (node, NULL);
}

/* A user id of 0 means "no user" (a system action): stored as NULL. */
void
ts_stmt_bind_id_or_null (TsStmt *stmt, int idx, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, idx, id);
  else
    sqlite3_bind_null (stmt, idx);
}

/*
 * The next free code with @prefix ("C-2026-", "09-2026-"): the highest
 * sequence number ever issued under it plus one, four digits at least.
 * @max_sql selects max(CAST(substr(code, ?3) AS INTEGER)) of one table's
 * codes in [?1, ?2); the range test ('-' < '.') lets SQLite walk the UNIQUE
 * index on code.  Called in the creating write transaction, so two records
 * never get the same code, and codes of retired records stay taken.
 */
char *
ts_store_next_code (TsStore *self, const char *max_sql, const char *prefix, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autofree char *upper = NULL;
  gsize len;
  gint64 next = 1;

  g_return_val_if_fail (ts_store_in_writer (self), NULL);
  g_return_val_if_fail (prefix != NULL && g_str_has_suffix (prefix, "-"), NULL);

  len = strlen (prefix);
  upper = g_strdup (prefix);
  upper[len - 1] = '.';
  stmt = ts_store_prepare (self, max_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (gint64) len + 1);
  if (ts_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    next = sqlite3_column_int64 (stmt, 0) + 1;
  return g_strdup_printf ("%s%04" G_GINT64_FORMAT, prefix, next);
}

void
ts_stmt_bind_scope (TsStmt *stmt, const GArray *scope)
{
  int idx = sqlite3_bind_parameter_index (stmt, ":scope");
  GString *json;

  g_return_if_fail (idx > 0);
  if (scope == NULL)
    {
      sqlite3_bind_null (stmt, idx);
      return;
    }
  json = g_string_new ("[");
  for (guint i = 0; i < scope->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (scope, gint64, i));
  g_string_append_c (json, ']');
  sqlite3_bind_text (stmt, idx, g_string_free (json, FALSE), -1, g_free);
}

void
ts_stmt_bind_between (TsStmt *stmt, const char *direction, const GArray *scope, gint64 after_id,
                      guint limit)
{
  if (direction != NULL)
    ts_stmt_bind_named_text (stmt, ":dir", direction);
  ts_stmt_bind_page (stmt, scope, 0, after_id, limit);
}
