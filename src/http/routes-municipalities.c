/*
 * /v1/municipalities: the municipality code table (全国地方公共団体コード)
 * compiled into the program, so that a form can offer places by name
 * instead of asking for six digits (issue 14).  Public reference data: no
 * personal information, no read audit, any signed-in role.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "service/reference.h"

static gboolean
prefecture_code_valid (const char *code)
{
  int n;

  if (strlen (code) != 2 || !g_ascii_isdigit (code[0]) || !g_ascii_isdigit (code[1]))
    return FALSE;
  n = (code[0] - '0') * 10 + (code[1] - '0');
  return n >= 1 && n <= 47;
}

static JsonObject *
place_to_json (const TsPlace *p)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "code", p->code);
  json_object_set_string_member (obj, "name", p->name);
  json_object_set_string_member (obj, "kana", p->kana);
  json_object_set_string_member (obj, "kind", p->kind);
  json_object_set_string_member (obj, "prefecture_code", p->prefecture_code);
  json_object_set_string_member (obj, "prefecture", p->prefecture);
  ts_json_set_string_or_null (obj, "city_code", p->city_code);
  return obj;
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = { "prefecture_code", "kind", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) places = NULL;
  const char *prefecture_code;
  const char *kind;
  JsonObject *obj;
  JsonArray *list;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  prefecture_code = ts_request_query (req, "prefecture_code");
  kind = ts_request_query (req, "kind");
  if (prefecture_code != NULL && !prefecture_code_valid (prefecture_code))
    ts_field_errors_add (req->ctx->errors, "prefecture_code",
                         N_("Must be a prefecture code from 01 to 47"));
  if (!ts_service_places (prefecture_code, kind, &places))
    ts_field_errors_add (req->ctx->errors, "kind",
                         N_("Must be one of prefecture, municipality, special_ward, designated_ward"));
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;

  obj = json_object_new ();
  list = json_array_sized_new (places->len);
  for (guint i = 0; i < places->len; i++)
    json_array_add_object_element (list, place_to_json (&g_array_index (places, TsPlace, i)));
  json_object_set_array_member (obj, "municipalities", list);
  /* The table changes only with the program. */
  ts_request_add_header (req, "Cache-Control", "private, max-age=86400");
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_municipalities (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/municipalities", TS_ROLE_ANY, 0, handle_list, "listMunicipalities", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
