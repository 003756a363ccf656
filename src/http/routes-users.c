/*
 * /v1/users: accounts, administrators only.  Every account belongs to an
 * organisation (SPEC 2.6) and may have an e-mail address for notices.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "service/users.h"

static const char *const role_names[] = {
  "admin", "coordinator", "supporter", "host", "auditor", NULL
};

static JsonObject *
user_to_json (const TsUser *user)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *created = ts_timestamp_from_unix (user->created_at);

  json_object_set_int_member (obj, "id", user->id);
  json_object_set_string_member (obj, "login", user->login);
  json_object_set_string_member (obj, "role", ts_role_to_string (user->role));
  ts_json_set_id_or_null (obj, "supporter_id", user->supporter_id);
  ts_json_set_id_or_null (obj, "host_id", user->host_id);
  json_object_set_boolean_member (obj, "disabled", user->disabled);
  json_object_set_string_member (obj, "created_at", created);
  json_object_set_int_member (obj, "organisation_id", user->organisation_id);
  ts_json_set_string_or_null (obj, "email", user->email);
  return obj;
}

static void
handle_create (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsUser) user = NULL;
  TsUserInput input = { 0 };
  int role;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  input.login = ts_input_string (&in, "login", TS_REQUIRED, 64);
  input.password = ts_input_secret (&in, "password", TS_REQUIRED, 1024);
  role = ts_input_enum (&in, "role", TS_REQUIRED, role_names);
  ts_input_int (&in, "supporter_id", TS_OPTIONAL, 1, G_MAXINT64, &input.supporter_id);
  ts_input_int (&in, "host_id", TS_OPTIONAL, 1, G_MAXINT64, &input.host_id);
  ts_input_int (&in, "organisation_id", TS_OPTIONAL, 1, G_MAXINT64, &input.organisation_id);
  input.email = ts_input_string (&in, "email", TS_OPTIONAL, 1024);
  input.role = role >= 0 ? ts_role_from_string (role_names[role]) : TS_ROLE_NONE;
  /* Bad values are reported by the service together with its own checks,
   * so that every bad field is listed at once. */
  if (!ts_input_refuse_unknown (&in, FALSE, &error) ||
      (user = ts_service_user_create (req->service, req->ctx, &input, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_CREATED, user_to_json (user));
}

static void
handle_list (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = ts_service_user_list (req->service, req->ctx, &error);
  g_autoptr(JsonObject) obj = NULL;
  JsonArray *arr;

  if (users == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  arr = json_array_new ();
  for (guint i = 0; i < users->len; i++)
    json_array_add_object_element (arr, user_to_json (users->pdata[i]));
  obj = json_object_new ();
  json_object_set_array_member (obj, "users", arr);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

static void
handle_update (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsUser) user = NULL;
  TsUserPatch patch = { 0 };
  int role;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  role = ts_input_enum (&in, "role", TS_OPTIONAL, role_names);
  if (role >= 0)
    {
      patch.set_role = TRUE;
      patch.role = ts_role_from_string (role_names[role]);
    }
  patch.set_disabled = ts_input_bool (&in, "disabled", TS_OPTIONAL, &patch.disabled);
  if (ts_input_has (&in, "supporter_id"))
    {
      patch.set_supporter_id = TRUE;
      ts_input_int (&in, "supporter_id", TS_OPTIONAL, 1, G_MAXINT64, &patch.supporter_id);
    }
  if (ts_input_has (&in, "host_id"))
    {
      patch.set_host_id = TRUE;
      ts_input_int (&in, "host_id", TS_OPTIONAL, 1, G_MAXINT64, &patch.host_id);
    }
  patch.password = ts_input_secret (&in, "password", TS_OPTIONAL, 1024);
  if (ts_input_has (&in, "organisation_id"))
    {
      patch.set_organisation_id = TRUE;
      if (ts_input_is_null (&in, "organisation_id"))
        {
          ts_input_member (&in, "organisation_id", TS_OPTIONAL);
          ts_input_error (&in, "organisation_id", N_("Must be an integer"));
        }
      else
        ts_input_int (&in, "organisation_id", TS_OPTIONAL, 1, G_MAXINT64,
                      &patch.organisation_id);
    }
  if (ts_input_has (&in, "email"))
    {
      patch.set_email = TRUE;
      patch.email = ts_input_string (&in, "email", TS_OPTIONAL, 1024);
    }
  if (!ts_input_refuse_unknown (&in, FALSE, &error) ||
      (user = ts_service_user_update (req->service, req->ctx, req->params[0], &patch,
                                      &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, user_to_json (user));
}

void
ts_routes_users (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/users", TS_ROLE_ADMIN, TS_ROUTE_BODY, handle_create, "createUser", NULL },
    { "GET", "/v1/users", TS_ROLE_ADMIN, 0, handle_list, "listUsers", NULL },
    { "PATCH", "/v1/users/{id}", TS_ROLE_ADMIN, TS_ROUTE_BODY, handle_update, "updateUser", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
