#include "http/query.h"

#include <string.h>

#include "core/i18n.h"

/* The query string as sent, before libsoup decodes it into the table the
 * handlers read: that decoding cuts a value at %00 ("valid%00" reads as
 * "valid"), silently drops a parameter with a bad escape ("%zz", "%2") and
 * passes bytes that are not UTF-8.  Each of these is refused here, for every
 * route at once, with 400 naming the parameter. */
static gboolean
percent_decode (const char *text, gsize len, GString *out, gboolean *has_nul)
{
  *has_nul = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '+')
        g_string_append_c (out, ' ');
      else if (text[i] != '%')
        g_string_append_c (out, text[i]);
      else
        {
          int hi, lo;
          if (i + 2 >= len || (hi = g_ascii_xdigit_value (text[i + 1])) < 0 ||
              (lo = g_ascii_xdigit_value (text[i + 2])) < 0)
            return FALSE;
          if (hi == 0 && lo == 0)
            *has_nul = TRUE;
          else
            g_string_append_c (out, (char) (hi * 16 + lo));
          i += 2;
        }
    }
  return TRUE;
}

gboolean
ts_query_check_raw (const char *raw_query, TsFieldErrors *errors, GError **error)
{
  g_auto(GStrv) pairs = NULL;
  gboolean bad = FALSE;

  if (raw_query == NULL || *raw_query == '\0')
    return TRUE;
  pairs = g_strsplit (raw_query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      gsize name_len = eq != NULL ? (gsize) (eq - pairs[i]) : strlen (pairs[i]);
      g_autoptr(GString) name = g_string_new (NULL);
      g_autoptr(GString) value = g_string_new (NULL);
      gboolean name_ok, value_ok = TRUE, name_nul, value_nul = FALSE;
      const char *message = NULL;

      if (*pairs[i] == '\0')
        continue;
      name_ok = percent_decode (pairs[i], name_len, name, &name_nul);
      if (eq != NULL)
        value_ok = percent_decode (eq + 1, strlen (eq + 1), value, &value_nul);
      if (name_nul || value_nul)
        message = N_("Must not contain the NUL character (U+0000)");
      else if (!name_ok || !value_ok)
        message = N_("Not valid percent-encoding");
      else if (!g_utf8_validate (name->str, (gssize) name->len, NULL) ||
               !g_utf8_validate (value->str, (gssize) value->len, NULL))
        message = N_("Must be UTF-8 text");
      if (message == NULL)
        continue;
      /* The field is the name as decoded when it can be shown, else as sent. */
      if (!name_ok || name_nul || !g_utf8_validate (name->str, (gssize) name->len, NULL))
        {
          g_string_truncate (name, 0);
          g_string_append_len (name, pairs[i], (gssize) name_len);
          if (!g_utf8_validate (name->str, (gssize) name->len, NULL))
            g_string_assign (name, "query");
        }
      ts_field_errors_add (errors, name->str, message);
      bad = TRUE;
    }
  if (bad)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_BAD_REQUEST,
                         N_("The query string has a parameter that cannot be read"));
  return !bad;
}

/* Unknown parameters are refused like unknown body members: a typo such as
 * ?stauts=active must not silently list everything. */
gboolean
ts_request_check_query (TsRequest *req, const char *const *allowed, GError **error)
{
  GHashTableIter iter;
  gpointer key;
  gboolean unknown = FALSE;

  if (req->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, req->query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (allowed == NULL || !g_strv_contains (allowed, key))
      {
        ts_field_errors_add (req->ctx->errors, key, N_("Unknown query parameter"));
        unknown = TRUE;
      }
  if (unknown)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_UNKNOWN_FIELD,
                         N_("The request has fields this service does not know"));
  return !unknown;
}

/* 0 when absent; a bad value is a field error and also gives 0. */
gint64
ts_request_query_id (TsRequest *req, const char *name)
{
  const char *text = ts_request_query (req, name);
  guint64 v = 0;

  if (text == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
    {
      ts_field_errors_add (req->ctx->errors, name, N_("Must be a positive integer"));
      return 0;
    }
  return (gint64) v;
}

TsDate
ts_request_query_date (TsRequest *req, const char *name)
{
  const char *text = ts_request_query (req, name);
  TsDate date;

  if (text == NULL)
    return TS_DATE_NONE;
  if (!ts_date_parse (text, &date))
    {
      ts_field_errors_add (req->ctx->errors, name, N_("Must be a valid date (YYYY-MM-DD)"));
      return TS_DATE_NONE;
    }
  return date;
}

/* ?@name=YYYY-MM, by default this month; a bad one is a field error. */
gboolean
ts_request_query_month (TsRequest *req, const char *name, int *year, int *month)
{
  const char *text = ts_request_query (req, name);

  if (text == NULL)
    {
      ts_date_get_ymd (ts_date_today (), year, month, NULL);
      return TRUE;
    }
  if (!ts_month_parse (text, year, month))
    {
      ts_field_errors_add (req->ctx->errors, name, N_("Must be a month (YYYY-MM)"));
      return FALSE;
    }
  return TRUE;
}

/* A verb's request: no query, and a body read into @in when it is an
 * object.  When it is not, @in reads nothing and the field error waits for
 * the service's, to be reported with them. */
gboolean
ts_request_open_body (TsRequest *req, TsInput *in, GError **error)
{
  if (!ts_request_check_query (req, NULL, error))
    return FALSE;
  ts_input_init (in, req->body, req->ctx->errors, NULL);
  return TRUE;
}

/* The same for a verb whose body is optional: no body reads as {}. */
gboolean
ts_request_open_optional_body (TsRequest *req, TsInput *in, GError **error)
{
  g_autoptr(JsonNode) none = NULL;

  if (!ts_request_check_query (req, NULL, error))
    return FALSE;
  if (req->body == NULL)
    {
      g_autoptr(JsonObject) empty = json_object_new ();
      none = json_node_init_object (json_node_alloc (), empty);
    }
  ts_input_init (in, req->body != NULL ? req->body : none, req->ctx->errors, NULL);
  return TRUE;
}

/* The body of a verb that takes none: no body at all, or {}. */
gboolean
ts_request_check_empty_body (TsRequest *req, GError **error)
{
  g_auto(TsInput) in = { 0 };

  if (req->body == NULL)
    return TRUE;
  if (!ts_input_init (&in, req->body, req->ctx->errors, NULL))
    return ts_field_errors_check (req->ctx->errors, error);
  return ts_input_refuse_unknown (&in, FALSE, error);
}

/* The end of reading a body: members it does not know are refused when it
 * was an object to read (ts_input_init() said so), then every field error
 * found on the way, the body's and the query's. */
gboolean
ts_request_input_done (TsRequest *req, TsInput *in, GError **error)
{
  if (in->obj != NULL && !ts_input_refuse_unknown (in, FALSE, error))
    return FALSE;
  return ts_field_errors_check (req->ctx->errors, error);
}

int
ts_request_query_limit (TsRequest *req, int default_limit, int max_limit)
{
  const char *text = ts_request_query (req, "limit");
  guint64 v;

  if (text == NULL)
    return default_limit;
  if (!g_ascii_string_to_unsigned (text, 10, 1, (guint64) max_limit, &v, NULL))
    {
      ts_field_errors_add (req->ctx->errors, "limit", N_("Out of range"));
      return default_limit;
    }
  return (int) v;
}

/* A cursor is the base64url text of "<kind>1:<id of the last item shown>":
 * opaque to clients, and only the exact text this service wrote is accepted
 * back, so a cursor of one list cannot be used on another. */
char *
ts_cursor_encode (char kind, gint64 after_id)
{
  g_autofree char *plain = g_strdup_printf ("%c1:%" G_GINT64_FORMAT, kind, after_id);
  g_autofree char *b64 = g_base64_encode ((const guchar *) plain, strlen (plain));
  GString *out = g_string_new (NULL);

  for (const char *p = b64; *p != '\0' && *p != '='; p++)
    g_string_append_c (out, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  return g_string_free (out, FALSE);
}

/* A list page's "next_cursor": the cursor after @next_after_id, or null
 * on the last page (@next_after_id 0). */
void
ts_json_set_cursor (JsonObject *obj, char kind, gint64 next_after_id)
{
  if (next_after_id > 0)
    {
      g_autofree char *cursor = ts_cursor_encode (kind, next_after_id);
      json_object_set_string_member (obj, "next_cursor", cursor);
    }
  else
    json_object_set_null_member (obj, "next_cursor");
}

gboolean
ts_cursor_decode (char kind, const char *text, gint64 *out_after_id)
{
  gsize len = text != NULL ? strlen (text) : 0;
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *again = NULL;
  g_autofree char *str = NULL;
  char prefix[4] = { kind, '1', ':', '\0' };
  gsize plain_len;
  gint64 id;
  char *end;

  if (len == 0 || len > 40)
    return FALSE;
  b64 = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
      g_string_append_c (b64, c == '-' ? '+' : c == '_' ? '/' : c);
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  plain = g_base64_decode (b64->str, &plain_len);
  if (plain == NULL || plain_len < 4 || plain_len > 24)
    return FALSE;
  str = g_strndup ((const char *) plain, plain_len);
  if (!g_str_has_prefix (str, prefix) || !g_ascii_isdigit (str[3]))
    return FALSE;
  id = g_ascii_strtoll (str + 3, &end, 10);
  if (*end != '\0' || id <= 0 || id == G_MAXINT64)
    return FALSE;
  again = ts_cursor_encode (kind, id);
  if (!g_str_equal (again, text))
    return FALSE;
  *out_after_id = id;
  return TRUE;
}

/* Reads ?cursor=; a bad one is a field error.  0 when absent. */
gboolean
ts_request_query_cursor (TsRequest *req, char kind, gint64 *out_after_id)
{
  const char *text = ts_request_query (req, "cursor");

  *out_after_id = 0;
  if (text == NULL)
    return TRUE;
  if (!ts_cursor_decode (kind, text, out_after_id))
    {
      ts_field_errors_add (req->ctx->errors, "cursor", N_("Not a cursor this service issued"));
      return FALSE;
    }
  return TRUE;
}

/* ETags are "v<version>" of the record's optimistic-locking counter. */
char *
ts_etag_for_version (gint64 version)
{
  return g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);
}

/* The versions named by If-Match; empty for no condition.  A weak tag, or
 * one this service never issued, cannot match (strong comparison), so it is
 * kept as -1 and the service answers 412.  "*" matches any current
 * representation: the same as no condition, since the record exists (404
 * otherwise). */
GArray *
ts_if_match_parse (const char *header)
{
  g_auto(GStrv) parts = NULL;
  GArray *versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean any = FALSE;

  if (header == NULL)
    return versions;
  parts = g_strsplit (header, ",", 32);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      gint64 version = -1;
      gsize len = strlen (tag);

      if (g_str_equal (tag, "*"))
        {
          any = TRUE;
          continue;
        }
      if (len >= 4 && tag[0] == '"' && tag[1] == 'v' && tag[len - 1] == '"')
        {
          g_autofree char *digits = g_strndup (tag + 2, len - 3);
          guint64 v;
          if (g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &v, NULL))
            version = (gint64) v;
        }
      g_array_append_val (versions, version);
    }
  if (any)
    g_array_set_size (versions, 0);
  return versions;
}
