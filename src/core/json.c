#include "core/json.h"

#include <string.h>

#include "core/i18n.h"

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

/* ---- the body's one JSON value ----------------------------------------
 *
 * json-glib is lenient where a service must not be: it keeps the first of
 * several values ("{…}{…}" and "{…} []" parse as the first object) and it
 * returns strings NUL-terminated, so "ab\u0000cd" reads as "ab" and
 * "admin\u0000x" signs in as admin.  So the raw text is checked first by a
 * strict RFC 8259 scanner: exactly one value with only white space around
 * it, and no string (member names included) that holds U+0000.  The
 * scanner keeps its own stack (no recursion) and the path of the value it
 * is in, to name the field. */

typedef struct {
  gboolean  is_object;
  guint     index;                 /* arrays: the current element */
  char     *key;                   /* objects: the current member's name */
} ScanFrame;

static void
scan_frame_clear (gpointer data)
{
  g_free (((ScanFrame *) data)->key);
}

static void
skip_ws (const char *data, gsize len, gsize *i)
{
  while (*i < len && (data[*i] == ' ' || data[*i] == '\t' || data[*i] == '\n' || data[*i] == '\r'))
    (*i)++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int k = 0; k < 4; k++)
    {
      int d = g_ascii_xdigit_value (p[k]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A string starting at data[*i] == '"'.  @out (may be NULL) gets its
 * decoded text, with U+0000 written as the six characters \u0000 so that
 * a name stays printable; *has_nul says whether it held one. */
static gboolean
scan_string (const char *data, gsize len, gsize *i, GString *out, gboolean *has_nul)
{
  gsize p = *i + 1;

  *has_nul = FALSE;
  while (p < len)
    {
      guchar c = (guchar) data[p];

      if (c == '"')
        {
          *i = p + 1;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;               /* raw control characters are not JSON */
      if (c != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, (char) c);
          p++;
          continue;
        }
      if (p + 1 >= len)
        return FALSE;
      switch (data[p + 1])
        {
        case '"': case '\\': case '/':
          if (out != NULL)
            g_string_append_c (out, data[p + 1]);
          p += 2;
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          if (out != NULL)
            g_string_append_c (out, data[p + 1] == 'b' ? '\b' : data[p + 1] == 'f' ? '\f'
                                    : data[p + 1] == 'n' ? '\n' : data[p + 1] == 'r' ? '\r' : '\t');
          p += 2;
          break;
        case 'u':
          {
            int v;

            if (p + 6 > len || (v = hex4 (data + p + 2)) < 0)
              return FALSE;
            p += 6;
            /* A surrogate must be the first of a pair: a lone one names no
             * character.  json-glib refuses it too, but leaks what it had
             * built of the body on that path, so it never sees one. */
            if (v >= 0xDC00 && v <= 0xDFFF)
              return FALSE;
            if (v >= 0xD800 && v <= 0xDBFF)
              {
                int lo;

                if (p + 6 > len || data[p] != '\\' || data[p + 1] != 'u' ||
                    (lo = hex4 (data + p + 2)) < 0xDC00 || lo > 0xDFFF)
                  return FALSE;
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
              }
            if (v == 0)
              {
                *has_nul = TRUE;
                if (out != NULL)
                  g_string_append (out, "\\u0000");
              }
            else if (out != NULL)
              g_string_append_unichar (out, (gunichar) v);
            break;
          }
        default:
          return FALSE;
        }
    }
  return FALSE;
}

static gboolean
scan_number (const char *data, gsize len, gsize *i)
{
  gsize p = *i;

  if (p < len && data[p] == '-')
    p++;
  if (p >= len || !g_ascii_isdigit (data[p]))
    return FALSE;
  if (data[p] == '0')
    p++;
  else
    while (p < len && g_ascii_isdigit (data[p]))
      p++;
  if (p < len && data[p] == '.')
    {
      p++;
      if (p >= len || !g_ascii_isdigit (data[p]))
        return FALSE;
      while (p < len && g_ascii_isdigit (data[p]))
        p++;
    }
  if (p < len && (data[p] == 'e' || data[p] == 'E'))
    {
      p++;
      if (p < len && (data[p] == '+' || data[p] == '-'))
        p++;
      if (p >= len || !g_ascii_isdigit (data[p]))
        return FALSE;
      while (p < len && g_ascii_isdigit (data[p]))
        p++;
    }
  *i = p;
  return TRUE;
}

static gboolean
scan_literal (const char *data, gsize len, gsize *i)
{
  static const char *const words[] = { "true", "false", "null" };

  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    {
      gsize n = strlen (words[k]);
      if (len - *i >= n && memcmp (data + *i, words[k], n) == 0)
        {
          *i += n;
          return TRUE;
        }
    }
  return FALSE;
}

/* "members[2].name": how TsInput and the services name fields. */
static char *
scan_path (GArray *stack)
{
  GString *path = g_string_new (NULL);

  for (guint k = 0; k < stack->len; k++)
    {
      ScanFrame *f = &g_array_index (stack, ScanFrame, k);
      if (f->is_object)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, f->key != NULL ? f->key : "");
        }
      else
        g_string_append_printf (path, "[%u]", f->index);
    }
  if (path->len == 0)
    g_string_append (path, "body");
  return g_string_free (path, FALSE);
}

/* Checks that @data is exactly one JSON value.  For TS_JSON_SCAN_NUL,
 * *out_field (may be NULL) gets the path of the first string that holds
 * U+0000. */
TsJsonScan
ts_json_scan (const char *data, gsize len, char **out_field)
{
  enum { VALUE, KEY, AFTER } state = VALUE;
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (ScanFrame));
  g_autofree char *nul_field = NULL;
  gsize i = 0;

  g_array_set_clear_func (stack, scan_frame_clear);
  if (out_field != NULL)
    *out_field = NULL;
  if (data == NULL)
    return TS_JSON_SCAN_INVALID;

  for (;;)
    {
      skip_ws (data, len, &i);
      if (state == AFTER && stack->len == 0)
        break;
      if (i >= len)
        return TS_JSON_SCAN_INVALID;
      if (state == VALUE)
        {
          char c = data[i];
          gboolean has_nul;

          if (c == '{' || c == '[')
            {
              ScanFrame f = { c == '{', 0, NULL };
              g_array_append_val (stack, f);
              i++;
              skip_ws (data, len, &i);
              if (i < len && data[i] == (c == '{' ? '}' : ']'))
                {
                  i++;
                  g_array_set_size (stack, stack->len - 1);
                  state = AFTER;
                }
              else
                state = c == '{' ? KEY : VALUE;
              continue;
            }
          if (c == '"')
            {
              if (!scan_string (data, len, &i, NULL, &has_nul))
                return TS_JSON_SCAN_INVALID;
              if (has_nul && nul_field == NULL)
                nul_field = scan_path (stack);
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (data, len, &i))
                return TS_JSON_SCAN_INVALID;
            }
          else if (!scan_literal (data, len, &i))
            return TS_JSON_SCAN_INVALID;
          state = AFTER;
        }
      else if (state == KEY)
        {
          ScanFrame *top = &g_array_index (stack, ScanFrame, stack->len - 1);
          g_autoptr(GString) key = g_string_new (NULL);
          gboolean has_nul;

          if (data[i] != '"' || !scan_string (data, len, &i, key, &has_nul))
            return TS_JSON_SCAN_INVALID;
          g_free (top->key);
          top->key = g_string_free (g_steal_pointer (&key), FALSE);
          if (has_nul && nul_field == NULL)
            nul_field = scan_path (stack);
          skip_ws (data, len, &i);
          if (i >= len || data[i] != ':')
            return TS_JSON_SCAN_INVALID;
          i++;
          state = VALUE;
        }
      else
        {
          ScanFrame *top = &g_array_index (stack, ScanFrame, stack->len - 1);

          if (data[i] == ',')
            {
              i++;
              if (top->is_object)
                state = KEY;
              else
                {
                  top->index++;
                  state = VALUE;
                }
            }
          else if (data[i] == (top->is_object ? '}' : ']'))
            {
              i++;
              g_array_set_size (stack, stack->len - 1);
            }
          else
            return TS_JSON_SCAN_INVALID;
        }
    }
  if (i < len)
    return TS_JSON_SCAN_TRAILING;
  if (nul_field != NULL)
    {
      if (out_field != NULL)
        *out_field = g_steal_pointer (&nul_field);
      return TS_JSON_SCAN_NUL;
    }
  return TS_JSON_SCAN_OK;
}

/* A request body: one JSON value, UTF-8 and depth already checked.  A
 * string holding U+0000 is a field error (422) naming its field; anything
 * else that is not exactly one JSON value is 400. */
JsonNode *
ts_json_parse_body (const char *data, gsize len, TsFieldErrors *errors, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *nul_field = NULL;
  TsJsonScan scan = ts_json_scan (data, len, &nul_field);

  if (scan == TS_JSON_SCAN_TRAILING)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_BAD_REQUEST,
                           N_("The body must hold exactly one JSON value"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (scan == TS_JSON_SCAN_INVALID ||
      !json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_BAD_REQUEST,
                           N_("The body is not valid JSON"));
      return NULL;
    }
  if (scan == TS_JSON_SCAN_NUL)
    {
      ts_field_errors_add (errors, nul_field, N_("Must not contain the NUL character (U+0000)"));
      ts_field_errors_check (errors, error);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
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

void
ts_json_set_location (JsonObject *obj, gboolean has, double lat, double lon)
{
  JsonObject *loc;

  if (!has)
    {
      json_object_set_null_member (obj, "location");
      return;
    }
  loc = json_object_new ();
  json_object_set_double_member (loc, "lat", lat);
  json_object_set_double_member (loc, "lon", lon);
  json_object_set_object_member (obj, "location", loc);
}
