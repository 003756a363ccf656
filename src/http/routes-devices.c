/*
 * Remembered devices (issue 15, docs/api.md "Remembered devices").
 *
 * A signed-in supporter or host remembers its phone (POST
 * /v1/auth/devices): the answer sets the ts_device cookie, which holds the
 * device's id and secret, is HttpOnly (no page script reads it),
 * SameSite=Strict (no other site's page sends it) and is sent only to
 * /v1/auth/device… .  Later, in any tab, POST /v1/auth/device/token with
 * the PIN gives a bearer token; DELETE /v1/auth/device forgets the phone on
 * sign-out.  The device's secret is never in a JSON body.
 */
#include "http/auth.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "service/devices.h"

#define COOKIE_NAME "ts_device"
#define COOKIE_PATH "/v1/auth/device"

/* The ts_device cookie of the request, NULL when it has none. */
static char *
cookie_read (TsRequest *req)
{
  const char *header = ts_request_header (req, "Cookie");
  g_auto(GStrv) pairs = NULL;

  if (header == NULL)
    return NULL;
  pairs = g_strsplit (header, ";", 64);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = g_strstrip (pairs[i]);

      if (g_str_has_prefix (pair, COOKIE_NAME "="))
        return g_strdup (pair + strlen (COOKIE_NAME "="));
    }
  return NULL;
}

/* Secure when the phone reached us over TLS: the service itself speaks
 * plain HTTP behind the proxy that terminates TLS (docs/operations.md),
 * which says so with X-Forwarded-Proto. */
static gboolean
request_is_https (TsRequest *req)
{
  const char *proto = ts_request_header (req, "X-Forwarded-Proto");
  g_autofree char *first = NULL;

  if (proto == NULL)
    return FALSE;
  first = g_strndup (proto, strcspn (proto, ","));
  return g_ascii_strcasecmp (g_strstrip (first), "https") == 0;
}

/* @credential NULL clears the cookie. */
static void
cookie_set (TsRequest *req, const char *credential, gint64 max_age)
{
  g_autofree char *value = g_strdup_printf (COOKIE_NAME "=%s; Path=" COOKIE_PATH
                                            "; Max-Age=%" G_GINT64_FORMAT
                                            "; HttpOnly; SameSite=Strict%s",
                                            credential != NULL ? credential : "",
                                            MAX (max_age, 0),
                                            request_is_https (req) ? "; Secure" : "");

  ts_request_add_header (req, "Set-Cookie", value);
}

static JsonObject *
device_to_json (const TsDevice *d)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *created = ts_timestamp_from_unix (d->created_at);
  g_autofree char *expires = ts_timestamp_from_unix (d->expires_at);

  json_object_set_int_member (obj, "id", d->id);
  json_object_set_int_member (obj, "user_id", d->user_id);
  json_object_set_string_member (obj, "label", d->label);
  json_object_set_string_member (obj, "created_at", created);
  ts_json_set_timestamp (obj, "last_used_at", d->last_used_at);
  json_object_set_string_member (obj, "expires_at", expires);
  return obj;
}

static void
handle_create (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDevice) device = NULL;
  g_autofree char *credential = NULL;
  const char *auth = ts_request_header (req, "Authorization");
  const char *label, *pin;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  label = ts_input_string (&in, "label", TS_REQUIRED, TS_DEVICE_LABEL_MAX);
  pin = ts_input_secret (&in, "pin", TS_REQUIRED, TS_DEVICE_PIN_MAX);
  /* The server already checked the bearer token, so it is there. */
  if (!ts_request_check_query (req, NULL, &error) || !ts_input_finish (&in, &error) ||
      (device = ts_service_device_create (req->service, req->ctx, auth + 7, label, pin,
                                          &credential, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  cookie_set (req, credential, device->expires_at - device->created_at);
  memset (credential, 0, strlen (credential));
  ts_request_reply_object (req, SOUP_STATUS_CREATED, device_to_json (device));
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = { "user_id", "supporter_id", "host_id", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(JsonObject) obj = NULL;
  JsonArray *items;
  TsDeviceOwner owner = { 0 };

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  owner.user_id = ts_request_query_id (req, "user_id");
  owner.supporter_id = ts_request_query_id (req, "supporter_id");
  owner.host_id = ts_request_query_id (req, "host_id");
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  devices = ts_service_device_list (req->service, req->ctx, &owner, &error);
  if (devices == NULL)
    goto fail;
  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < devices->len; i++)
    json_array_add_object_element (items, device_to_json (devices->pdata[i]));
  json_object_set_array_member (obj, "devices", items);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_revoke (TsRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_service_device_revoke (req->service, req->ctx, req->params[0], &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

static void
handle_token (TsRequest *req)
{
  g_auto(TsInput) in = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *credential = cookie_read (req);
  g_autofree char *token = NULL;
  const char *pin;
  gint64 expires_at;
  TsRole role;

  ts_input_init (&in, req->body, req->ctx->errors, NULL);
  pin = ts_input_secret (&in, "pin", TS_REQUIRED, TS_DEVICE_PIN_MAX);
  if (!ts_request_check_query (req, NULL, &error) || !ts_input_finish (&in, &error) ||
      !ts_service_device_token (req->service, req->ctx, credential, pin, &token, &expires_at,
                                &role, &error))
    {
      /* A device that is gone is forgotten by the phone too. */
      if (error->code == TS_ERROR_DEVICE_REVOKED)
        cookie_set (req, NULL, 0);
      ts_request_reply_error (req, error);
      return;
    }
  ts_auth_reply_token (req, token, expires_at, role);
}

static void
handle_forget (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *credential = cookie_read (req);

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_service_device_forget (req->service, req->ctx, credential, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  cookie_set (req, NULL, 0);
  ts_request_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

void
ts_routes_devices (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/auth/devices", TS_ROLE_SUPPORTER | TS_ROLE_HOST, TS_ROUTE_BODY,
      handle_create, "createDevice", NULL },
    { "GET", "/v1/auth/devices", TS_ROLE_ANY, 0, handle_list, "listDevices", NULL },
    { "DELETE", "/v1/auth/devices/{id}", TS_ROLE_STAFF | TS_ROLE_SUPPORTER | TS_ROLE_HOST, 0,
      handle_revoke, "deleteDevice", NULL },
    { "POST", "/v1/auth/device/token", TS_ROLE_NONE, TS_ROUTE_PUBLIC | TS_ROUTE_BODY,
      handle_token, "createDeviceToken", NULL },
    { "DELETE", "/v1/auth/device", TS_ROLE_NONE, TS_ROUTE_PUBLIC, handle_forget,
      "forgetDevice", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
