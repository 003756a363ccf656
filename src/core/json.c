#include "core/json.h"

/* json-glib parses recursively and has no depth limit of its own, so a body
 * of a million '[' would exhaust the stack: the nesting is measured on the
 * raw bytes first, skipping strings. */
gboolean
ts_json_depth_within (const char *data, gsize len, int max_depth)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

char *
ts_json_to_string (JsonNode *node, gsize *length)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, length);
}

void
ts_json_set_string_or_null (JsonObject *obj, const char *name, const char *value)
{
  if (value == NULL)
    json_object_set_null_member (obj, name);
  else
    json_object_set_string_member (obj, name, value);
}

void
ts_json_set_date_or_null (JsonObject *obj, const char *name, TsDate date)
{
  char buf[11];
  if (date == TS_DATE_NONE)
    {
      json_object_set_null_member (obj, name);
      return;
    }
  ts_date_format (date, buf);
  json_object_set_string_member (obj, name, buf);
}

void
ts_json_set_id_or_null (JsonObject *obj, const char *name, gint64 id)
{
  if (id == 0)
    json_object_set_null_member (obj, name);
  else
    json_object_set_int_member (obj, name, id);
}

/* Timestamps are stored as Unix seconds and shown in Asia/Tokyo (RFC 3339);
 * 0 means "not yet" (a statement not issued) and is null. */
void
ts_json_set_timestamp (JsonObject *obj, const char *name, gint64 unix_seconds)
{
  g_autofree char *text = NULL;

  if (unix_seconds <= 0)
    {
      json_object_set_null_member (obj, name);
      return;
    }
  text = ts_timestamp_from_unix (unix_seconds);
  json_object_set_string_member (obj, name, text);
}

/* Lists (skills, interests, availability) are stored as JSON text that the
 * service wrote itself. */
JsonNode *
ts_json_parse_array_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonNode *empty = json_node_init_array (json_node_alloc (), NULL);
      json_node_take_array (empty, json_array_new ());
      return empty;
    }
  return json_node_copy (root);
}

char *
ts_json_strv_to_text (const char *const *strv)
{
  g_autoptr(JsonArray) arr = json_array_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (arr, strv[i]);
  json_node_init_array (node, arr);
  return ts_json_to_string (node, NULL);
}

JsonArray *
ts_json_array_from_strv (const char *const *strv)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (arr, strv[i]);
  return arr;
}
