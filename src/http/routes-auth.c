/*
 * POST /v1/auth/token signs in; DELETE /v1/auth/token signs out.  A
 * remembered device gets its tokens in routes-devices.c.
 */
#include "http/auth.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "http/input.h"
#include "service/users.h"

void
ts_auth_reply_token (TsRequest *req, const char *token, gint64 expires_at, TsRole role)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *expires = ts_timestamp_from_unix (expires_at);

  json_object_set_string_member (obj, "token", token);
  json_object_set_string_member (obj, "role", ts_role_to_string (role));
  json_object_set_string_member (obj, "expires_at", expires);
  /* The web application needs the caller's own record id for its home page. */
  if (req->ctx->supporter_id > 0)
    json_object_set_int_member (obj, "supporter_id", req->ctx->supporter_id);
  if (req->ctx->host_id > 0)
    json_object_set_int_member (obj, "host_id", req->ctx->host_id);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

static void
handle_login (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *login, *password;
  gint64 expires_at;
  TsRole role;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  login = ts_input_string (&in, "login", TS_REQUIRED, 64);
  password = ts_input_secret (&in, "password", TS_REQUIRED, 1024);
  if (!ts_input_finish (&in, &error) ||
      !ts_service_login (req->service, req->ctx, login, password, &token, &expires_at,
                         &role, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_auth_reply_token (req, token, expires_at, role);
}

static void
handle_logout (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  const char *auth = ts_request_header (req, "Authorization");

  /* The server already checked the token, so it is there. */
  if (!ts_service_logout (req->service, req->ctx, auth + 7, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

void
ts_routes_auth (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/auth/token", TS_ROLE_NONE, TS_ROUTE_PUBLIC | TS_ROUTE_BODY, handle_login, "createToken", NULL },
    { "DELETE", "/v1/auth/token", TS_ROLE_ANY, 0, handle_logout, "deleteToken", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
