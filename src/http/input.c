#include "http/input.h"

#include <string.h>

#include "core/i18n.h"
#include "service/validate.h"

gboolean
ts_input_init (TsInput *in, JsonNode *node, TsFieldErrors *errors, const char *prefix)
{
  memset (in, 0, sizeof *in);
  in->errors = errors;
  in->prefix = g_strdup (prefix != NULL ? prefix : "");
  in->seen = g_hash_table_new (g_str_hash, g_str_equal);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      ts_field_errors_add (errors, *in->prefix ? in->prefix : "body",
                           N_("Must be a JSON object"));
      return FALSE;
    }
  in->obj = json_object_ref (json_node_get_object (node));
  return TRUE;
}

void
ts_input_clear (TsInput *in)
{
  g_clear_pointer (&in->obj, json_object_unref);
  g_clear_pointer (&in->seen, g_hash_table_unref);
  g_clear_pointer (&in->unknown, g_ptr_array_unref);
  g_clear_pointer (&in->prefix, g_free);
}

char *
ts_input_field_name (TsInput *in, const char *name)
{
  if (in->prefix == NULL || *in->prefix == '\0')
    return g_strdup (name);
  return g_strconcat (in->prefix, ".", name, NULL);
}

void
ts_input_error (TsInput *in, const char *name, const char *message)
{
  g_autofree char *field = ts_input_field_name (in, name);
  ts_field_errors_add (in->errors, field, message);
}

gboolean
ts_input_has (TsInput *in, const char *name)
{
  return in->obj != NULL && json_object_has_member (in->obj, name);
}

gboolean
ts_input_is_null (TsInput *in, const char *name)
{
  JsonNode *node;
  if (in->obj == NULL)
    return FALSE;
  node = json_object_get_member (in->obj, name);
  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

/* The member, or NULL when it is absent or null; a missing required member
 * is reported here. */
JsonNode *
ts_input_member (TsInput *in, const char *name, TsPresence presence)
{
  JsonNode *node;

  if (in->obj == NULL)
    return NULL;
  g_hash_table_add (in->seen, (gpointer) name);
  node = json_object_get_member (in->obj, name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (presence == TS_REQUIRED)
        ts_input_error (in, name, N_("Required"));
      return NULL;
    }
  return node;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Member @name when it is a string; NULL when it is absent, or with its
 * field error when it is not a string. */
static const char *
string_member (TsInput *in, const char *name, TsPresence presence)
{
  JsonNode *node = ts_input_member (in, name, presence);

  if (node == NULL)
    return NULL;
  if (!node_is_string (node))
    {
      ts_input_error (in, name, N_("Must be a string"));
      return NULL;
    }
  return json_node_get_string (node);
}

/* Member @name when it is a JSON value of @type or @or_type; NULL when it
 * is absent, or with the field error @message when it is not. */
static JsonNode *
value_member (TsInput *in, const char *name, TsPresence presence, GType type, GType or_type,
              const char *message)
{
  JsonNode *node = ts_input_member (in, name, presence);
  GType found;

  if (node == NULL)
    return NULL;
  found = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (found == G_TYPE_INVALID || (found != type && found != or_type))
    {
      ts_input_error (in, name, message);
      return NULL;
    }
  return node;
}

/* @s within @max_chars characters, or its field error. */
static gboolean
check_length (TsInput *in, const char *name, const char *s, glong max_chars)
{
  if (g_utf8_strlen (s, -1) <= max_chars)
    return TRUE;
  ts_input_error (in, name, N_("Too long"));
  return FALSE;
}

const char *
ts_input_string (TsInput *in, const char *name, TsPresence presence, glong max_chars)
{
  const char *s = string_member (in, name, presence);
  const char *problem;

  if (s == NULL)
    return NULL;
  /* Every string of every body meets the character rule of person-readable
   * text (service/validate.c); U+0000 never gets here (core/json.c).  The
   * services refuse line breaks where a text is one line. */
  if ((problem = ts_text_char_problem (s, TRUE)) != NULL)
    {
      ts_input_error (in, name, problem);
      return NULL;
    }
  if (presence == TS_REQUIRED && ts_text_is_blank (s))
    {
      ts_input_error (in, name, N_("Must not be empty"));
      return NULL;
    }
  return check_length (in, name, s, max_chars) ? s : NULL;
}

/* A password: any characters but U+0000 (refused for every body in
 * core/json.c), since it is typed, never shown, and one set before the text
 * rule existed must still sign in.  Required means not empty. */
const char *
ts_input_secret (TsInput *in, const char *name, TsPresence presence, glong max_chars)
{
  const char *s = string_member (in, name, presence);

  if (s == NULL)
    return NULL;
  if (presence == TS_REQUIRED && *s == '\0')
    {
      ts_input_error (in, name, N_("Must not be empty"));
      return NULL;
    }
  return check_length (in, name, s, max_chars) ? s : NULL;
}

gboolean
ts_input_int (TsInput *in, const char *name, TsPresence presence, gint64 min, gint64 max,
              gint64 *out)
{
  JsonNode *node = value_member (in, name, presence, G_TYPE_INT64, G_TYPE_INT64,
                                 N_("Must be an integer"));
  gint64 v;

  if (node == NULL)
    return FALSE;
  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      ts_input_error (in, name, v < 0 && min >= 0 ? N_("Must not be negative")
                                                 : N_("Out of range"));
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
ts_input_double (TsInput *in, const char *name, TsPresence presence, double min, double max,
                 double *out)
{
  JsonNode *node = value_member (in, name, presence, G_TYPE_INT64, G_TYPE_DOUBLE,
                                 N_("Must be a number"));
  double v;

  if (node == NULL)
    return FALSE;
  v = json_node_get_double (node);
  if (!(v >= min && v <= max))
    {
      ts_input_error (in, name, N_("Out of range"));
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
ts_input_bool (TsInput *in, const char *name, TsPresence presence, gboolean *out)
{
  JsonNode *node = value_member (in, name, presence, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN,
                                 N_("Must be true or false"));

  if (node == NULL)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

TsDate
ts_input_date (TsInput *in, const char *name, TsPresence presence)
{
  JsonNode *node = ts_input_member (in, name, presence);
  TsDate date;

  if (node == NULL)
    return TS_DATE_NONE;
  if (!node_is_string (node) || !ts_date_parse (json_node_get_string (node), &date))
    {
      ts_input_error (in, name, N_("Must be a valid date (YYYY-MM-DD)"));
      return TS_DATE_NONE;
    }
  return date;
}

static int
enum_index (const char *const *values, const char *s)
{
  for (int i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], s))
      return i;
  return -1;
}

int
ts_input_enum (TsInput *in, const char *name, TsPresence presence, const char *const *values)
{
  const char *s = string_member (in, name, presence);
  int idx;

  if (s == NULL)
    return -1;
  idx = enum_index (values, s);
  if (idx < 0)
    ts_input_error (in, name, N_("Not one of the allowed values"));
  return idx;
}

static char **
read_string_array (TsInput *in, const char *name, TsPresence presence,
                   const char *const *values, guint max_items, glong max_chars)
{
  JsonNode *node = ts_input_member (in, name, presence);
  g_autoptr(GPtrArray) out = NULL;
  JsonArray *arr;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_input_error (in, name, N_("Must be a list"));
      return NULL;
    }
  arr = json_node_get_array (node);
  if (json_array_get_length (arr) > max_items)
    {
      ts_input_error (in, name, N_("Too many items"));
      return NULL;
    }
  out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      const char *problem;
      const char *s;
      gboolean dup = FALSE;

      if (!node_is_string (item))
        {
          ts_input_error (in, name, N_("Must be a list of strings"));
          return NULL;
        }
      s = json_node_get_string (item);
      if (values != NULL && enum_index (values, s) < 0)
        {
          ts_input_error (in, name, N_("Contains a value that is not allowed"));
          return NULL;
        }
      if ((problem = ts_text_char_problem (s, FALSE)) != NULL)
        {
          ts_input_error (in, name, problem);
          return NULL;
        }
      if (ts_text_is_blank (s) || g_utf8_strlen (s, -1) > max_chars)
        {
          ts_input_error (in, name, N_("Contains an empty or too long item"));
          return NULL;
        }
      for (guint j = 0; j < out->len; j++)
        dup |= g_str_equal (out->pdata[j], s);
      if (!dup)
        g_ptr_array_add (out, g_strdup (s));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

char **
ts_input_enum_array (TsInput *in, const char *name, TsPresence presence,
                     const char *const *values)
{
  return read_string_array (in, name, presence, values, 64, 64);
}

char **
ts_input_string_array (TsInput *in, const char *name, TsPresence presence,
                       guint max_items, glong max_chars)
{
  return read_string_array (in, name, presence, NULL, max_items, max_chars);
}

/* Makes each member never read a field error (an unknown field), and says
 * whether there was any. */
gboolean
ts_input_collect_unknown (TsInput *in)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (in->obj == NULL)
    return FALSE;
  json_object_iter_init (&iter, in->obj);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_hash_table_contains (in->seen, name))
      {
        g_autofree char *field = ts_input_field_name (in, name);
        ts_field_errors_add (in->errors, field, N_("Unknown field"));
        if (in->unknown == NULL)
          in->unknown = g_ptr_array_new_with_free_func (g_free);
        g_ptr_array_add (in->unknown, g_steal_pointer (&field));
      }
  return in->unknown != NULL && in->unknown->len > 0;
}

gboolean
ts_input_location (TsInput *in, gboolean *out_has, double *out_lat, double *out_lon)
{
  JsonNode *node = ts_input_member (in, "location", TS_OPTIONAL);
  g_auto(TsInput) loc = { 0 };

  *out_has = FALSE;
  if (node == NULL || !ts_input_init (&loc, node, in->errors, "location"))
    return FALSE;
  *out_has = TRUE;
  if (!ts_input_double (&loc, "lat", TS_REQUIRED, -G_MAXDOUBLE, G_MAXDOUBLE, out_lat))
    *out_lat = 0.0;
  if (!ts_input_double (&loc, "lon", TS_REQUIRED, -G_MAXDOUBLE, G_MAXDOUBLE, out_lon))
    *out_lon = 0.0;
  return ts_input_collect_unknown (&loc);
}

/* An optional time of day, "HH:MM", into *@out_minutes; null is as if it
 * were not there.  Whether there was a good one: a bad one is a field
 * error. */
gboolean
ts_input_time (TsInput *in, const char *name, int *out_minutes)
{
  const char *text;

  if (!ts_input_has (in, name) ||
      (text = ts_input_string (in, name, TS_OPTIONAL, 64)) == NULL)
    return FALSE;
  if (ts_time_parse (text, out_minutes))
    return TRUE;
  ts_input_error (in, name, N_("Must be a time of day (HH:MM)"));
  return FALSE;
}

/* Unknown fields are a client bug (a typo would otherwise be silently
 * ignored) and get 400; bad values get 422.  Both list every field. */
gboolean
ts_input_finish (TsInput *in, GError **error)
{
  if (ts_input_collect_unknown (in))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNKNOWN_FIELD,
                           N_("The request has fields this service does not know"));
      return FALSE;
    }
  return ts_field_errors_check (in->errors, error);
}

/* Only the unknown-member part of ts_input_finish(): for handlers that
 * leave type errors to the service, to be reported with its own.
 * nested_unknown says a nested object read with its own TsInput had some. */
gboolean
ts_input_refuse_unknown (TsInput *in, gboolean nested_unknown, GError **error)
{
  if (ts_input_collect_unknown (in) || nested_unknown)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNKNOWN_FIELD,
                           N_("The request has fields this service does not know"));
      return FALSE;
    }
  return TRUE;
}

/* "HH:MM", 00:00 to 24:00. */
gboolean
ts_time_parse (const char *text, int *out_minutes)
{
  int h, m;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0))
    return FALSE;
  *out_minutes = h * 60 + m;
  return TRUE;
}
