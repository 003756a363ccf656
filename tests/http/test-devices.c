/*
 * Remembered devices (issue 15, "Opening the app in a dead zone") on a live
 * server: a supporter's or host's phone, signed in with its password,
 * remembers itself with a PIN (the ts_device cookie, HttpOnly, SameSite
 * Strict, only for /v1/auth/device…); a new tab gets a bearer token with the
 * PIN alone; wrong PINs count down to the device's revocation; the owner,
 * staff of its organisation and an administrator list and revoke it, and
 * revoking it ends the tokens it gave; the phone forgets it on sign-out;
 * disabling the account or changing its password revokes it too.  Every
 * step is audited, never with the PIN.
 */
#include <string.h>

#include "harness.h"

#define PIN "2580"
#define LIFETIME_SECONDS (90 * 86400)

typedef struct {
  char   *token;                /* the owner's password sign-in */
  char   *cookie;               /* "ts_device=<id>.<secret>", as the browser sends it */
  gint64  id;
  gint64  user_id;
} Device;

static void
device_clear (Device *d)
{
  g_free (d->token);
  g_free (d->cookie);
}

/* "ts_device=VALUE" from a Set-Cookie header. */
static char *
cookie_pair (const char *set_cookie)
{
  g_assert_nonnull (set_cookie);
  g_assert_true (g_str_has_prefix (set_cookie, "ts_device="));
  return g_strndup (set_cookie, strcspn (set_cookie, ";"));
}

static gboolean
has_attribute (const char *set_cookie, const char *attribute)
{
  g_auto(GStrv) parts = g_strsplit (set_cookie, ";", -1);

  for (guint i = 1; parts[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[i]), attribute) == 0)
      return TRUE;
  return FALSE;
}

static TsReply *
remember (TsHarness *h, const char *token, const char *body, const char *const *headers)
{
  return ts_harness_request (h, "POST", "/v1/auth/devices", token, body, headers);
}

/* @token's phone remembered with PIN. */
static void
remember_ok (TsHarness *h, const char *token, Device *d)
{
  g_autoptr(TsReply) r = remember (h, token, "{\"label\":\"私のスマホ\",\"pin\":\"" PIN "\"}", NULL);

  ts_assert_status (r, 201);
  d->token = g_strdup (token);
  d->cookie = cookie_pair (ts_reply_header (r, "Set-Cookie"));
  d->id = ts_reply_id (r);
  d->user_id = json_object_get_int_member (ts_reply_object (r), "user_id");
}

static TsReply *
pin_token (TsHarness *h, const char *cookie, const char *pin)
{
  g_autofree char *body = g_strdup_printf ("{\"pin\":\"%s\"}", pin);
  const char *headers[] = { "Cookie", cookie, NULL };

  return ts_harness_request (h, "POST", "/v1/auth/device/token", NULL, body,
                             cookie != NULL ? headers : NULL);
}

static char *
pin_token_ok (TsHarness *h, const char *cookie)
{
  g_autoptr(TsReply) r = pin_token (h, cookie, PIN);

  ts_assert_status (r, 200);
  return g_strdup (json_object_get_string_member (ts_reply_object (r), "token"));
}

static guint
status_of (TsHarness *h, const char *method, const char *path, const char *token)
{
  g_autoptr(TsReply) r = ts_harness_request (h, method, path, token, NULL, NULL);
  return r->status;
}

static gint64 count (TsHarness *h, const char *sql_format, ...) G_GNUC_PRINTF (2, 3);

static gint64
count (TsHarness *h, const char *sql_format, ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);
  return ts_harness_sql_int (h, sql);
}

/* ---- success paths -------------------------------------------------------- */

static void
test_remember_and_sign_in (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) t = NULL;
  g_autoptr(TsReply) l = NULL;
  g_autofree char *max_age = g_strdup_printf ("Max-Age=%d", LIFETIME_SECONDS);
  const char *set_cookie, *secret;
  JsonObject *obj, *listed;
  const char *minted;

  (void) data;
  r = remember (h, token, "{\"label\":\" 私のスマホ \",\"pin\":\"" PIN "\"}", NULL);
  ts_assert_status (r, 201);
  obj = ts_reply_object (r);
  g_assert_cmpstr (json_object_get_string_member (obj, "label"), ==, "私のスマホ");
  g_assert_true (json_object_get_null_member (obj, "last_used_at"));
  g_assert_true (json_object_has_member (obj, "created_at"));
  g_assert_true (json_object_has_member (obj, "expires_at"));
  g_assert_cmpint (json_object_get_int_member (obj, "user_id"), >, 0);

  /* The cookie: the device's id and a secret, for /v1/auth/device only,
   * out of page scripts' and other sites' reach; not Secure over plain HTTP. */
  set_cookie = ts_reply_header (r, "Set-Cookie");
  g_assert_nonnull (set_cookie);
  g_assert_true (has_attribute (set_cookie, "HttpOnly"));
  g_assert_true (has_attribute (set_cookie, "SameSite=Strict"));
  g_assert_true (has_attribute (set_cookie, "Path=/v1/auth/device"));
  g_assert_true (has_attribute (set_cookie, max_age));
  g_assert_false (has_attribute (set_cookie, "Secure"));
  {
    g_autofree char *pair = cookie_pair (set_cookie);
    g_autofree char *prefix = g_strdup_printf ("ts_device=%" G_GINT64_FORMAT ".",
                                               ts_reply_id (r));

    g_assert_true (g_str_has_prefix (pair, prefix));
    secret = pair + strlen (prefix);
    g_assert_cmpuint (strlen (secret), >=, 32);
    /* Never in a body. */
    g_assert_null (strstr (r->body, secret));
    /* Kept only as hashes: neither the secret nor the PIN is stored. */
    g_assert_cmpint (ts_harness_sql_int (h, "SELECT count (*) FROM devices WHERE length (secret_hash) = 32"
                                            " AND pin_hash LIKE '$argon2id$%' AND pin_hash NOT LIKE '%" PIN "%'"),
                     ==, 1);

    /* A new tab: the PIN and the cookie alone give a token. */
    t = pin_token (h, pair, PIN);
    ts_assert_status (t, 200);
    obj = ts_reply_object (t);
    g_assert_cmpstr (json_object_get_string_member (obj, "role"), ==, "supporter");
    g_assert_cmpint (json_object_get_int_member (obj, "supporter_id"), ==, sup);
    g_assert_true (json_object_has_member (obj, "expires_at"));
    g_assert_null (strstr (t->body, secret));
    minted = json_object_get_string_member (obj, "token");
    g_assert_cmpstr (minted, !=, token);
    g_assert_cmpint (count (h, "SELECT count (*) FROM tokens WHERE device_id = %" G_GINT64_FORMAT,
                            ts_reply_id (r)), ==, 1);
  }

  /* The minted token works, and the device shows when it was last used. */
  l = ts_harness_request (h, "GET", "/v1/auth/devices", minted, NULL, NULL);
  ts_assert_status (l, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (l), "devices")),
                    ==, 1);
  listed = json_array_get_object_element (json_object_get_array_member (ts_reply_object (l), "devices"), 0);
  g_assert_cmpint (json_object_get_int_member (listed, "id"), ==, ts_reply_id (r));
  g_assert_false (json_object_get_null_member (listed, "last_used_at"));
  g_assert_false (json_object_has_member (listed, "pin"));
  g_assert_false (json_object_has_member (listed, "pin_hash"));
  g_assert_false (json_object_has_member (listed, "secret_hash"));
}

static void
test_host_device (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *token = NULL;
  g_autofree char *minted = NULL;
  g_autoptr(TsReply) t = NULL;
  Device d = { 0 };

  (void) data;
  ts_harness_create_hosts (h, h->coordinator, 1);
  token = ts_harness_user_token (h, "host", 0, 1);
  remember_ok (h, token, &d);
  t = pin_token (h, d.cookie, PIN);
  ts_assert_status (t, 200);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (t), "role"), ==, "host");
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (t), "host_id"), ==, 1);
  g_assert_cmpuint (status_of (h, "GET", "/v1/hosts/1",
                               json_object_get_string_member (ts_reply_object (t), "token")), ==, 200);
  /* The host's staff list it by the host's record; another host's account does not. */
  {
    g_autofree char *other = NULL;
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/auth/devices?host_id=1", h->coordinator,
                                               NULL, NULL);
    g_autoptr(TsReply) o = NULL;

    ts_assert_status (l, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (l), "devices")),
                      ==, 1);
    other = ts_harness_user_token (h, "supporter", ts_harness_create_supporter (h, NULL), 0);
    o = ts_harness_request (h, "GET", "/v1/auth/devices?host_id=1", other, NULL, NULL);
    ts_assert_problem (o, 404, "not_found", NULL);
  }
  device_clear (&d);
}

/* Behind the TLS proxy (X-Forwarded-Proto: https) the cookie is Secure. */
static void
test_cookie_secure (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  const char *https[] = { "X-Forwarded-Proto", "https", NULL };
  g_autoptr(TsReply) r = remember (h, token, "{\"label\":\"phone\",\"pin\":\"" PIN "\"}", https);
  g_autofree char *pair = NULL;
  g_autoptr(TsReply) forget = NULL;
  const char *headers[] = { "Cookie", NULL, "X-Forwarded-Proto", "https", NULL };

  (void) data;
  ts_assert_status (r, 201);
  g_assert_true (has_attribute (ts_reply_header (r, "Set-Cookie"), "Secure"));
  g_assert_true (has_attribute (ts_reply_header (r, "Set-Cookie"), "HttpOnly"));
  pair = cookie_pair (ts_reply_header (r, "Set-Cookie"));
  headers[1] = pair;
  forget = ts_harness_request (h, "DELETE", "/v1/auth/device", NULL, NULL, headers);
  ts_assert_status (forget, 204);
  g_assert_true (has_attribute (ts_reply_header (forget, "Set-Cookie"), "Secure"));
  g_assert_true (has_attribute (ts_reply_header (forget, "Set-Cookie"), "Max-Age=0"));
}

/* ---- refused roles -------------------------------------------------------- */

static void
test_refused_roles (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autofree char *minted = NULL;
  g_autofree char *path = NULL;
  const char *staff[] = { h->admin, h->coordinator, h->auditor };
  Device d = { 0 };

  (void) data;
  /* Staff accounts never remember a device. */
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      g_autoptr(TsReply) r = remember (h, staff[i], "{\"label\":\"pc\",\"pin\":\"" PIN "\"}", NULL);
      ts_assert_problem (r, 403, "forbidden", NULL);
      g_assert_null (ts_reply_header (r, "Set-Cookie"));
    }
  /* Nobody signed in. */
  {
    g_autoptr(TsReply) r = remember (h, NULL, "{\"label\":\"pc\",\"pin\":\"" PIN "\"}", NULL);
    ts_assert_problem (r, 401, "unauthorized", NULL);
    g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", NULL), ==, 401);
    g_assert_cmpuint (status_of (h, "DELETE", "/v1/auth/devices/1", NULL), ==, 401);
  }

  remember_ok (h, token, &d);
  /* A token from a PIN cannot remember another device: a PIN would renew
   * itself for ever. */
  minted = pin_token_ok (h, d.cookie);
  {
    g_autoptr(TsReply) r = remember (h, minted, "{\"label\":\"again\",\"pin\":\"" PIN "\"}", NULL);
    ts_assert_problem (r, 403, "forbidden", NULL);
  }
  /* An auditor reads devices but does not revoke them. */
  path = g_strdup_printf ("/v1/auth/devices/%" G_GINT64_FORMAT, d.id);
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "DELETE", path, h->auditor, NULL, NULL);
    ts_assert_problem (r, 403, "forbidden", NULL);
  }
  g_assert_cmpint (count (h, "SELECT count (*) FROM devices WHERE id = %" G_GINT64_FORMAT
                          " AND revoked_at IS NULL", d.id), ==, 1);
  device_clear (&d);
}

/* ---- bad input ------------------------------------------------------------ */

static void
test_bad_input (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  static const char *const bad_pins[] = {
    "123", "", "123456789", "12a4", "12 4", "１２３４", "1111", "00000000", "1234", "4321",
    "345678", "9876", "0123",
  };
  static const char *const good_pins[] = { "2580", "1235", "90210", "13572468" };
  Device d = { 0 };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad_pins); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"label\":\"phone\",\"pin\":\"%s\"}", bad_pins[i]);
      g_autoptr(TsReply) r = remember (h, token, body, NULL);

      if (r->status != 422 || !ts_reply_has_field_error (r, "pin"))
        g_error ("PIN \"%s\": %u %s", bad_pins[i], r->status, r->body);
      g_assert_null (ts_reply_header (r, "Set-Cookie"));
    }
  /* The reasons read in Japanese (the default language). */
  {
    g_autoptr(TsReply) r = remember (h, token, "{\"label\":\"phone\",\"pin\":\"1234\"}", NULL);
    g_autoptr(TsReply) s = remember (h, token, "{\"label\":\"phone\",\"pin\":\"12\"}", NULL);

    g_assert_nonnull (strstr (r->body, "PIN"));
    g_assert_null (strstr (r->body, "too easy"));
    g_assert_null (strstr (s->body, "must be 4 to 8"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (good_pins); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"label\":\"phone %u\",\"pin\":\"%s\"}", i,
                                               good_pins[i]);
      g_autoptr(TsReply) r = remember (h, token, body, NULL);
      ts_assert_status (r, 201);
    }
  {
    g_autoptr(TsReply) a = remember (h, token, "{\"pin\":\"" PIN "\"}", NULL);
    g_autoptr(TsReply) b = remember (h, token, "{\"label\":\"phone\"}", NULL);
    g_autoptr(TsReply) c = remember (h, token, "{\"label\":\"phone\",\"pin\":2580}", NULL);
    g_autoptr(TsReply) e = remember (h, token, "{\"label\":\"   \",\"pin\":\"" PIN "\"}", NULL);
    g_autoptr(TsReply) g = remember (h, token, "{\"label\":\"phone\",\"pin\":\"" PIN "\",\"secret\":\"x\"}", NULL);
    g_autoptr(TsReply) k = remember (h, token, "[1]", NULL);
    g_autofree char *long_label = g_strnfill (65, 'a');
    g_autofree char *long_body = g_strdup_printf ("{\"label\":\"%s\",\"pin\":\"" PIN "\"}", long_label);
    g_autoptr(TsReply) l = remember (h, token, long_body, NULL);

    ts_assert_problem (a, 422, "validation_failed", "label");
    ts_assert_problem (b, 422, "validation_failed", "pin");
    ts_assert_problem (c, 422, "validation_failed", "pin");
    ts_assert_problem (e, 422, "validation_failed", "label");
    ts_assert_problem (g, 400, "unknown_field", NULL);
    ts_assert_status (k, 422);
    ts_assert_problem (l, 422, "validation_failed", "label");
  }
  /* Oversize bodies, for both bodies taken. */
  {
    gsize n = 2 * 1024 * 1024;
    g_autofree char *big = g_malloc (n + 32);
    g_autoptr(TsReply) r = NULL;
    g_autoptr(TsReply) s = NULL;

    memcpy (big, "{\"label\":\"", 10);
    memset (big + 10, 'a', n);
    memcpy (big + 10 + n, "\",\"pin\":\"2580\"}", 16);
    r = ts_harness_request_raw (h, "POST", "/v1/auth/devices", token, "application/json", big,
                                strlen (big), NULL);
    s = ts_harness_request_raw (h, "POST", "/v1/auth/device/token", NULL, "application/json", big,
                                strlen (big), NULL);
    ts_assert_problem (r, 413, "payload_too_large", NULL);
    ts_assert_problem (s, 413, "payload_too_large", NULL);
  }

  /* Ten remembered devices at once at most (four above, six more). */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(TsReply) r = remember (h, token, "{\"label\":\"more\",\"pin\":\"" PIN "\"}", NULL);
      ts_assert_status (r, 201);
    }
  {
    g_autoptr(TsReply) r = remember (h, token, "{\"label\":\"eleventh\",\"pin\":\"" PIN "\"}", NULL);
    ts_assert_problem (r, 409, "conflict", NULL);
  }

  /* The PIN route: a PIN that is not one, the wrong type, no PIN. */
  {
    const char *no_cookie[] = { NULL };
    g_autoptr(TsReply) a = pin_token (h, "ts_device=1.x", "12a4");
    g_autoptr(TsReply) b = ts_harness_request (h, "POST", "/v1/auth/device/token", NULL,
                                               "{\"pin\":2580}", no_cookie);
    g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/auth/device/token", NULL, "{}", NULL);
    g_autoptr(TsReply) e = ts_harness_request (h, "POST", "/v1/auth/device/token", NULL,
                                               "{\"pin\":\"2580\",\"login\":\"x\"}", NULL);

    ts_assert_problem (a, 422, "validation_failed", "pin");
    ts_assert_problem (b, 422, "validation_failed", "pin");
    ts_assert_problem (c, 422, "validation_failed", "pin");
    ts_assert_problem (e, 400, "unknown_field", NULL);
  }
  /* Unknown ids, a bad user_id, a query the routes do not take. */
  {
    g_autoptr(TsReply) a = ts_harness_request (h, "DELETE", "/v1/auth/devices/987654", token, NULL, NULL);
    g_autoptr(TsReply) b = ts_harness_request (h, "DELETE", "/v1/auth/devices/987654", h->admin, NULL, NULL);
    g_autoptr(TsReply) c = ts_harness_request (h, "GET", "/v1/auth/devices?user_id=abc", token, NULL, NULL);
    g_autoptr(TsReply) e = ts_harness_request (h, "GET", "/v1/auth/devices?user_id=987654", h->admin, NULL, NULL);
    g_autoptr(TsReply) g = ts_harness_request (h, "GET", "/v1/auth/devices?colour=red", token, NULL, NULL);

    ts_assert_problem (a, 404, "not_found", NULL);
    ts_assert_problem (b, 404, "not_found", NULL);
    ts_assert_problem (c, 422, "validation_failed", "user_id");
    ts_assert_problem (e, 404, "not_found", NULL);
    g_assert_cmpuint (g->status, ==, 400);
  }
  device_clear (&d);
}

/* ---- cookies that name no device -------------------------------------- */

static void
test_no_device (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autofree char *wrong_secret = NULL;
  g_autofree char *other_id = NULL;
  Device d = { 0 };

  (void) data;
  remember_ok (h, token, &d);
  wrong_secret = g_strdup_printf ("ts_device=%" G_GINT64_FORMAT ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", d.id);
  other_id = g_strdup_printf ("ts_device=987654%s", strchr (d.cookie, '.'));
  {
    const char *const cookies[] = { NULL, "ts_device=", "ts_device=abc", "other=1", wrong_secret, other_id };

    for (guint i = 0; i < G_N_ELEMENTS (cookies); i++)
      {
        g_autoptr(TsReply) r = pin_token (h, cookies[i], PIN);
        ts_assert_problem (r, 401, "unauthorized", NULL);
      }
  }
  /* Nothing was counted against the device. */
  g_assert_cmpint (count (h, "SELECT failed_pins FROM devices WHERE id = %" G_GINT64_FORMAT, d.id), ==, 0);
  /* Another cookie next to it is fine. */
  {
    g_autofree char *both = g_strdup_printf ("theme=dark; %s", d.cookie);
    g_autofree char *minted = pin_token_ok (h, both);
    g_assert_nonnull (minted);
  }
  device_clear (&d);
}

/* ---- wrong PINs ----------------------------------------------------------- */

static void
test_wrong_pins (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autofree char *minted = NULL;
  Device d = { 0 };

  (void) data;
  remember_ok (h, token, &d);
  minted = pin_token_ok (h, d.cookie);

  /* Two wrong, then the right one: the count starts again. */
  for (int left = 4; left >= 3; left--)
    {
      g_autoptr(TsReply) r = pin_token (h, d.cookie, "9999");
      ts_assert_problem (r, 401, "invalid_pin", NULL);
      g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "attempts_left"), ==, left);
      g_assert_null (ts_reply_header (r, "Set-Cookie"));
    }
  g_free (pin_token_ok (h, d.cookie));
  for (int left = 4; left >= 1; left--)
    {
      g_autoptr(TsReply) r = pin_token (h, d.cookie, "0000");
      ts_assert_problem (r, 401, "invalid_pin", NULL);
      g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "attempts_left"), ==, left);
    }
  /* The fifth wrong PIN in a row revokes the device and clears the cookie. */
  {
    g_autoptr(TsReply) r = pin_token (h, d.cookie, "0000");
    ts_assert_problem (r, 401, "device_revoked", NULL);
    g_assert_false (json_object_has_member (ts_reply_object (r), "attempts_left"));
    g_assert_true (has_attribute (ts_reply_header (r, "Set-Cookie"), "Max-Age=0"));
  }
  /* Now even the right PIN is refused, and the tokens it gave are gone;
   * the password sign-in still works. */
  {
    g_autoptr(TsReply) r = pin_token (h, d.cookie, PIN);
    ts_assert_problem (r, 401, "device_revoked", NULL);
  }
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", minted), ==, 401);
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", token), ==, 200);
  g_assert_cmpint (count (h, "SELECT count (*) FROM devices WHERE id = %" G_GINT64_FORMAT
                          " AND revoked_at IS NOT NULL AND revoked_by IS NULL", d.id), ==, 1);
  /* Audited: seven wrong PINs, the revocation by nobody signed in, with the
   * owner's organisation. */
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE object = 'device' AND object_id = %"
                          G_GINT64_FORMAT " AND action = 'pin_failed' AND user_id IS NULL"
                          " AND organisation_id = 1", d.id), ==, 7);
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE object = 'device' AND object_id = %"
                          G_GINT64_FORMAT " AND action = 'revoke'", d.id), ==, 1);
  device_clear (&d);
}

/* Parallel guesses never check more PINs than the tries left. */
typedef struct {
  TsHarness  *h;
  const char *cookie;
  guint       status;
} Guess;

/* A session of its own per thread, as a phone's tabs would. */
static gpointer
guess_thread (gpointer data)
{
  Guess *g = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *url = g_strconcat (g->h->base, "/v1/auth/device/token", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"pin\":\"0000\"}", 14);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", g->cookie);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g->status = soup_message_get_status (msg);
  return NULL;
}

static void
test_parallel_guesses (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  Guess guesses[16];
  GThread *threads[G_N_ELEMENTS (guesses)];
  guint n401 = 0;
  Device d = { 0 };

  (void) data;
  remember_ok (h, token, &d);
  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      guesses[i] = (Guess) { h, d.cookie, 0 };
      threads[i] = g_thread_new ("guess", guess_thread, &guesses[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (guesses[i].status == 401 || guesses[i].status == 429);
      n401 += guesses[i].status == 401;
    }
  g_assert_cmpuint (n401, >=, 1);
  /* At most five PINs were checked, and the device is revoked. */
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'pin_failed'"
                          " AND object_id = %" G_GINT64_FORMAT, d.id), <=, 5);
  {
    g_autoptr(TsReply) r = pin_token (h, d.cookie, PIN);
    if (r->status == 401)
      ts_assert_problem (r, 401, "device_revoked", NULL);
    else
      g_error ("the right PIN after 16 parallel wrong ones: %u %s", r->status, r->body);
  }
  device_clear (&d);
}

/* ---- revoking ------------------------------------------------------------- */

static void
test_owner_revokes (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autofree char *other = ts_harness_user_token (h, "supporter", ts_harness_create_supporter (h, NULL), 0);
  g_autofree char *minted = NULL;
  g_autofree char *path = NULL;
  Device d = { 0 }, keep = { 0 };

  (void) data;
  remember_ok (h, token, &d);
  remember_ok (h, token, &keep);
  minted = pin_token_ok (h, d.cookie);
  path = g_strdup_printf ("/v1/auth/devices/%" G_GINT64_FORMAT, d.id);

  /* Another supporter: the words of a missing id. */
  {
    g_autoptr(TsReply) a = ts_harness_request (h, "DELETE", path, other, NULL, NULL);
    g_autoptr(TsReply) m = ts_harness_request (h, "DELETE", "/v1/auth/devices/987654", other, NULL, NULL);
    g_autofree char *user = g_strdup_printf ("/v1/auth/devices?user_id=%" G_GINT64_FORMAT, d.user_id);
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", user, other, NULL, NULL);
    g_autoptr(TsReply) own = ts_harness_request (h, "GET", user, token, NULL, NULL);

    ts_assert_problem (a, 404, "not_found", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (a), "detail"), ==,
                     json_object_get_string_member (ts_reply_object (m), "detail"));
    ts_assert_problem (l, 404, "not_found", NULL);
    ts_assert_status (own, 200);
  }
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", minted), ==, 200);

  /* The owner revokes it, with the token it gave: that token ends too. */
  g_assert_cmpuint (status_of (h, "DELETE", path, minted), ==, 204);
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", minted), ==, 401);
  {
    g_autoptr(TsReply) r = pin_token (h, d.cookie, PIN);
    ts_assert_problem (r, 401, "device_revoked", NULL);
  }
  /* Again: nothing left to do. */
  g_assert_cmpuint (status_of (h, "DELETE", path, token), ==, 204);
  /* The other device and the password sign-in are untouched. */
  {
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/auth/devices", token, NULL, NULL);
    JsonArray *items;

    ts_assert_status (l, 200);
    items = json_object_get_array_member (ts_reply_object (l), "devices");
    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), ==,
                     keep.id);
  }
  g_free (pin_token_ok (h, keep.cookie));
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE object = 'device' AND object_id = %"
                          G_GINT64_FORMAT " AND action = 'revoke' AND user_id IS NOT NULL", d.id), ==, 1);
  g_assert_cmpint (count (h, "SELECT count (*) FROM devices WHERE id = %" G_GINT64_FORMAT
                          " AND revoked_by = user_id", d.id), ==, 1);
  device_clear (&d);
  device_clear (&keep);
}

/* Staff of the owner's organisation list and revoke it; another
 * organisation's answers are those of a missing id (SPEC 2.6). */
static void
test_staff_scope (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 org_a = ts_harness_create_organisation (h, "宇都宮市", "municipality", "092011", 1);
  gint64 org_b = ts_harness_create_organisation (h, "足利市", "municipality", "092029", 1);
  g_autofree char *coord_a = ts_harness_user_token_in (h, "coordinator", org_a, 0, 0);
  g_autofree char *coord_b = ts_harness_user_token_in (h, "coordinator", org_b, 0, 0);
  g_autofree char *auditor_b = ts_harness_user_token_in (h, "auditor", org_b, 0, 0);
  g_autofree char *token = NULL;
  g_autofree char *minted = NULL;
  g_autofree char *path = NULL;
  g_autofree char *list = NULL;
  g_autofree char *missing_list = g_strdup ("/v1/auth/devices?user_id=987654");
  gint64 sup;
  Device d = { 0 };

  (void) data;
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/supporters", coord_a,
                                               "{\"name\":\"宇都宮 花子\",\"gender\":\"female\","
                                               "\"municipality_code\":\"092011\",\"peer_experience\":\"none\"}",
                                               NULL);
    ts_assert_status (r, 201);
    sup = ts_reply_id (r);
  }
  token = ts_harness_user_token_in (h, "supporter", org_a, sup, 0);
  remember_ok (h, token, &d);
  minted = pin_token_ok (h, d.cookie);
  path = g_strdup_printf ("/v1/auth/devices/%" G_GINT64_FORMAT, d.id);
  list = g_strdup_printf ("/v1/auth/devices?user_id=%" G_GINT64_FORMAT, d.user_id);

  /* B's staff and the prefecture's coordinator (above A, not of A): as missing. */
  {
    const char *outside[] = { coord_b, auditor_b, h->coordinator };

    for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
      {
        g_autoptr(TsReply) a = ts_harness_request (h, "GET", list, outside[i], NULL, NULL);
        g_autoptr(TsReply) m = ts_harness_request (h, "GET", missing_list, outside[i], NULL, NULL);

        ts_assert_problem (a, 404, "not_found", NULL);
        g_assert_cmpstr (json_object_get_string_member (ts_reply_object (a), "detail"), ==,
                         json_object_get_string_member (ts_reply_object (m), "detail"));
      }
    for (guint i = 0; i < 3; i += 2)
      {
        g_autoptr(TsReply) a = ts_harness_request (h, "DELETE", path, outside[i], NULL, NULL);
        g_autoptr(TsReply) m = ts_harness_request (h, "DELETE", "/v1/auth/devices/987654", outside[i],
                                                   NULL, NULL);

        ts_assert_problem (a, 404, "not_found", NULL);
        g_assert_cmpstr (json_object_get_string_member (ts_reply_object (a), "detail"), ==,
                         json_object_get_string_member (ts_reply_object (m), "detail"));
      }
  }
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", minted), ==, 200);

  /* In scope: A's coordinator, the prefecture's auditor above A, the administrator. */
  {
    const char *inside[] = { coord_a, h->auditor, h->admin };

    for (guint i = 0; i < G_N_ELEMENTS (inside); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", list, inside[i], NULL, NULL);
        JsonArray *items;

        ts_assert_status (r, 200);
        items = json_object_get_array_member (ts_reply_object (r), "devices");
        g_assert_cmpuint (json_array_get_length (items), ==, 1);
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"),
                         ==, d.id);
      }
  }
  /* By the supporter's record: the same answers. */
  {
    g_autofree char *by_sup = g_strdup_printf ("/v1/auth/devices?supporter_id=%" G_GINT64_FORMAT, sup);
    g_autoptr(TsReply) in = ts_harness_request (h, "GET", by_sup, coord_a, NULL, NULL);
    g_autoptr(TsReply) own = ts_harness_request (h, "GET", by_sup, token, NULL, NULL);
    g_autoptr(TsReply) out = ts_harness_request (h, "GET", by_sup, coord_b, NULL, NULL);
    g_autoptr(TsReply) missing = ts_harness_request (h, "GET", "/v1/auth/devices?supporter_id=987654",
                                                     coord_b, NULL, NULL);
    g_autofree char *both_path = g_strdup_printf ("%s&user_id=%" G_GINT64_FORMAT, by_sup, d.user_id);
    g_autoptr(TsReply) both = ts_harness_request (h, "GET", both_path, coord_a, NULL, NULL);

    ts_assert_status (in, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (in), "devices")),
                      ==, 1);
    ts_assert_status (own, 200);
    ts_assert_problem (out, 404, "not_found", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (out), "detail"), ==,
                     json_object_get_string_member (ts_reply_object (missing), "detail"));
    ts_assert_problem (both, 422, "validation_failed", NULL);
  }

  /* A's coordinator revokes it: its token stops at once. */
  g_assert_cmpuint (status_of (h, "DELETE", path, coord_a), ==, 204);
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", minted), ==, 401);
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", list, coord_a, NULL, NULL);
    ts_assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r), "devices")),
                      ==, 0);
  }
  /* The administrator revokes another one of A's. */
  {
    Device e = { 0 };
    g_autofree char *other = NULL;

    remember_ok (h, token, &e);
    other = g_strdup_printf ("/v1/auth/devices/%" G_GINT64_FORMAT, e.id);
    g_assert_cmpuint (status_of (h, "DELETE", other, h->admin), ==, 204);
    g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'revoke'"
                            " AND object = 'device' AND object_id = %" G_GINT64_FORMAT
                            " AND role = 'admin'", e.id), ==, 1);
    device_clear (&e);
  }
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'revoke' AND object = 'device'"
                          " AND object_id = %" G_GINT64_FORMAT " AND role = 'coordinator'"
                          " AND organisation_id = (SELECT organisation_id FROM users WHERE role = 'coordinator'"
                          " AND id = audit_log.user_id)", d.id), ==, 1);
  device_clear (&d);
}

/* ---- sign-out ------------------------------------------------------------- */

static void
test_forget_on_sign_out (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autofree char *minted = NULL;
  Device d = { 0 };

  (void) data;
  remember_ok (h, token, &d);
  minted = pin_token_ok (h, d.cookie);
  {
    const char *headers[] = { "Cookie", d.cookie, NULL };
    g_autoptr(TsReply) r = ts_harness_request (h, "DELETE", "/v1/auth/device", NULL, NULL, headers);
    const char *set_cookie;

    ts_assert_status (r, 204);
    set_cookie = ts_reply_header (r, "Set-Cookie");
    g_assert_nonnull (set_cookie);
    g_assert_true (g_str_has_prefix (set_cookie, "ts_device=;"));
    g_assert_true (has_attribute (set_cookie, "Max-Age=0"));
    g_assert_true (has_attribute (set_cookie, "Path=/v1/auth/device"));
    g_assert_true (has_attribute (set_cookie, "HttpOnly"));
  }
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", minted), ==, 401);
  {
    g_autoptr(TsReply) r = pin_token (h, d.cookie, PIN);
    ts_assert_problem (r, 401, "device_revoked", NULL);
  }
  /* By its owner, audited once; again, or without a cookie: nothing to forget. */
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'revoke' AND object = 'device'"
                          " AND object_id = %" G_GINT64_FORMAT " AND role = 'supporter'"
                          " AND user_id = (SELECT user_id FROM devices WHERE id = audit_log.object_id)",
                          d.id), ==, 1);
  {
    const char *headers[] = { "Cookie", d.cookie, NULL };
    g_autoptr(TsReply) again = ts_harness_request (h, "DELETE", "/v1/auth/device", NULL, NULL, headers);
    g_autoptr(TsReply) none = ts_harness_request (h, "DELETE", "/v1/auth/device", NULL, NULL, NULL);

    ts_assert_status (again, 204);
    ts_assert_status (none, 204);
    g_assert_true (has_attribute (ts_reply_header (none, "Set-Cookie"), "Max-Age=0"));
  }
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'revoke' AND object = 'device'"
                          " AND object_id = %" G_GINT64_FORMAT, d.id), ==, 1);
  /* Signing out of the password session is the other call. */
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", token), ==, 200);
  device_clear (&d);
}

/* ---- the account changes -------------------------------------------------- */

static void
test_account_changes (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autofree char *minted = NULL;
  g_autofree char *user = NULL;
  g_autofree char *second = NULL;
  g_autofree char *login = NULL;
  Device d = { 0 }, e = { 0 };

  (void) data;
  remember_ok (h, token, &d);
  minted = pin_token_ok (h, d.cookie);
  user = g_strdup_printf ("/v1/users/%" G_GINT64_FORMAT, d.user_id);

  /* A new password: every device of the account is revoked. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "PATCH", user, h->admin,
                                               "{\"password\":\"another-long-pass-9137\"}", NULL);
    ts_assert_status (r, 200);
    login = g_strdup (json_object_get_string_member (ts_reply_object (r), "login"));
  }
  g_assert_cmpuint (status_of (h, "GET", "/v1/auth/devices", minted), ==, 401);
  {
    g_autoptr(TsReply) r = pin_token (h, d.cookie, PIN);
    ts_assert_problem (r, 401, "device_revoked", NULL);
  }
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'revoke' AND object = 'device'"
                          " AND object_id = %" G_GINT64_FORMAT " AND role = 'admin'", d.id), ==, 1);

  /* Disabled: the same. */
  second = ts_harness_login (h, login, "another-long-pass-9137");
  remember_ok (h, second, &e);
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "PATCH", user, h->admin, "{\"disabled\":true}", NULL);
    ts_assert_status (r, 200);
  }
  {
    g_autoptr(TsReply) r = pin_token (h, e.cookie, PIN);
    ts_assert_problem (r, 401, "device_revoked", NULL);
  }
  g_assert_cmpint (count (h, "SELECT count (*) FROM devices WHERE user_id = %" G_GINT64_FORMAT
                          " AND revoked_at IS NULL", d.user_id), ==, 0);
  device_clear (&d);
  device_clear (&e);
}

/* ---- the audit ------------------------------------------------------------ */

static void
test_audit (TsHarnessFixture *f, gconstpointer data)
{
  TsHarness *h = f->h;
  gint64 sup = ts_harness_create_supporter (h, NULL);
  g_autofree char *token = ts_harness_user_token (h, "supporter", sup, 0);
  g_autofree char *minted = NULL;
  Device d = { 0 };

  (void) data;
  remember_ok (h, token, &d);
  minted = pin_token_ok (h, d.cookie);
  {
    g_autoptr(TsReply) r = pin_token (h, d.cookie, "7391");
    ts_assert_status (r, 401);
  }
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'create' AND object = 'device'"
                          " AND object_id = %" G_GINT64_FORMAT " AND role = 'supporter'", d.id), ==, 1);
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'sign_in' AND object = 'device'"
                          " AND object_id = %" G_GINT64_FORMAT " AND role = 'supporter'"
                          " AND user_id = (SELECT user_id FROM devices WHERE id = audit_log.object_id)",
                          d.id), ==, 1);
  g_assert_cmpint (count (h, "SELECT count (*) FROM audit_log WHERE action = 'pin_failed' AND object = 'device'"
                          " AND object_id = %" G_GINT64_FORMAT, d.id), ==, 1);
  /* No PIN, right or wrong, nor the secret, anywhere in the log. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count (*) FROM audit_log WHERE"
                                          " instr (action || object || coalesce (request_id, '') ||"
                                          " coalesce (object_id, ''), '" PIN "') > 0"
                                          " OR instr (action || object || coalesce (request_id, ''), '7391') > 0"),
                   ==, 0);
  {
    g_autofree char *secret_sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE"
                                                   " instr (action || object || coalesce (request_id, ''), '%s') > 0",
                                                   strchr (d.cookie, '.') + 1);
    g_autoptr(TsReply) log = ts_harness_request (h, "GET", "/v1/audit/log?limit=200", h->admin, NULL, NULL);

    g_assert_cmpint (ts_harness_sql_int (h, secret_sql), ==, 0);
    ts_assert_status (log, 200);
    g_assert_nonnull (strstr (log->body, "pin_failed"));
    g_assert_null (strstr (log->body, PIN));
    g_assert_null (strstr (log->body, strchr (d.cookie, '.') + 1));
  }
  device_clear (&d);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add ("/tsunagari/devices/" name, TsHarnessFixture, NULL, \
                                  ts_harness_fixture_set_up, fn, ts_harness_fixture_tear_down)
  ADD ("remember-and-sign-in", test_remember_and_sign_in);
  ADD ("host-device", test_host_device);
  ADD ("cookie-secure", test_cookie_secure);
  ADD ("refused-roles", test_refused_roles);
  ADD ("bad-input", test_bad_input);
  ADD ("no-device", test_no_device);
  ADD ("wrong-pins", test_wrong_pins);
  ADD ("parallel-guesses", test_parallel_guesses);
  ADD ("owner-revokes", test_owner_revokes);
  ADD ("staff-scope", test_staff_scope);
  ADD ("forget-on-sign-out", test_forget_on_sign_out);
  ADD ("account-changes", test_account_changes);
  ADD ("audit", test_audit);
#undef ADD
  return g_test_run ();
}
