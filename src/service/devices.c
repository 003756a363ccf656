/*
 * Remembered devices: see service/devices.h and docs/api.md.
 */
#include "service/devices.h"

#include <string.h>

#include "core/i18n.h"
#include "core/password.h"
#include "model/resource.h"
#include "service/users.h"
#include "service/validate.h"
#include "store/hosts.h"
#include "store/supporters.h"
#include "store/users.h"

#define NO_DEVICE N_("This device is not remembered: sign in with your login and password")
#define NOT_FOUND N_("No such device")

/* ---- PINs ------------------------------------------------------------- */

/* 4 to 8 ASCII digits, neither one digit repeated (0000) nor a run up or
 * down (1234, 9876): the first guesses of anyone holding the phone. */
static void
check_pin (TsContext *ctx, const char *pin)
{
  gsize len = strlen (pin);
  gboolean same = TRUE, up = TRUE, down = TRUE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      len = 0;
  if (len < 4 || len > TS_DEVICE_PIN_MAX)
    {
      ts_field_errors_add (ctx->errors, "pin", N_("The PIN must be 4 to 8 digits"));
      return;
    }
  for (gsize i = 1; i < len; i++)
    {
      same &= pin[i] == pin[i - 1];
      up &= pin[i] == pin[i - 1] + 1;
      down &= pin[i] == pin[i - 1] - 1;
    }
  if (same || up || down)
    ts_field_errors_add (ctx->errors, "pin",
                         N_("The PIN is too easy to guess: not one digit repeated or a run such as 1234"));
}

/* ---- credentials ------------------------------------------------------ */

/* "<id>.<secret>" as the cookie holds it: the id, and the secret's digest. */
static gboolean
credential_parse (const char *credential, gint64 *out_id, guint8 digest[TS_TOKEN_DIGEST_LEN])
{
  const char *dot = credential != NULL ? strchr (credential, '.') : NULL;
  g_autofree char *id_text = NULL;
  guint64 id;

  if (dot == NULL || dot == credential || dot[1] == '\0' || strlen (dot + 1) > 128 ||
      dot - credential > 19)
    return FALSE;
  id_text = g_strndup (credential, (gsize) (dot - credential));
  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;
  *out_id = (gint64) id;
  ts_token_digest (dot + 1, digest);
  return TRUE;
}

static gboolean
digest_equal (const guint8 *a, const guint8 *b)
{
  guint8 diff = 0;

  for (guint i = 0; i < TS_TOKEN_DIGEST_LEN; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

/* The device @credential names, its secret right; else NULL with
 * TS_ERROR_UNAUTHORIZED (unknown id and wrong secret alike). */
static TsDevice *
device_from_credential (TsStore *store, const char *credential, GError **error)
{
  guint8 digest[TS_TOKEN_DIGEST_LEN];
  g_autoptr(TsDevice) device = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id;

  if (!credential_parse (credential, &id, digest))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAUTHORIZED, NO_DEVICE);
      return NULL;
    }
  device = ts_store_device_get (store, id, &local);
  if (device == NULL && local->code != TS_ERROR_NOT_FOUND)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (device == NULL || !digest_equal (device->secret_hash, digest))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAUTHORIZED, NO_DEVICE);
      return NULL;
    }
  return g_steal_pointer (&device);
}

/* The organisation whose staff manage @user's devices (SPEC 2.6): its
 * supporter's or host's, which check_links keeps equal to the account's. */
static gint64
owner_organisation (TsStore *store, const TsUser *user)
{
  if (user->supporter_id > 0)
    {
      g_autoptr(TsSupporterRecord) s = ts_store_supporter_get (store, user->supporter_id, NULL);
      if (s != NULL)
        return s->organisation_id;
    }
  if (user->host_id > 0)
    {
      g_autoptr(TsHostRecord) h = ts_store_host_get (store, user->host_id, NULL);
      if (h != NULL)
        return h->organisation_id;
    }
  return user->organisation_id;
}

/* An audit entry of the device's owner's organisation by nobody signed in:
 * a wrong PIN, a revocation after too many. */
static gboolean
audit_anonymous (TsService *self, TsContext *ctx, gint64 organisation_id, const char *action,
                 gint64 device_id, GError **error)
{
  TsContext anonymous = *ctx;

  anonymous.user_id = 0;
  anonymous.role = TS_ROLE_NONE;
  anonymous.organisation_id = organisation_id;
  return ts_service_audit (self, &anonymous, action, "device", device_id, error);
}

/* ---- remembering a device --------------------------------------------- */

typedef struct {
  TsService *service;
  TsContext *ctx;
  TsDevice  *device;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  g_autoptr(GPtrArray) active = ts_store_device_list_user (store, w->device->user_id,
                                                           w->device->created_at, error);

  if (active == NULL)
    return FALSE;
  if (active->len >= TS_DEVICES_PER_USER)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("Ten devices are remembered already: forget one first"));
      return FALSE;
    }
  if (!ts_store_device_insert (store, w->device, &w->device->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "device", w->device->id, error);
}

TsDevice *
ts_service_device_create (TsService *self, TsContext *ctx, const char *bearer, const char *label,
                          const char *pin, char **out_credential, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  TsConfig *config = ts_service_get_config (self);
  g_autoptr(TsDevice) device = g_new0 (TsDevice, 1);
  g_autofree char *secret = NULL;
  guint8 digest[TS_TOKEN_DIGEST_LEN];
  CreateWrite w = { self, ctx, NULL };
  gint64 minted_by;
  g_autoptr(GError) local = NULL;

  /* The route admits supporters and hosts only; staff accounts never
   * remember a device (they sign in with their password every time). */
  if (ctx->role != TS_ROLE_SUPPORTER && ctx->role != TS_ROLE_HOST)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("Only supporter and host accounts remember a device"));
      return NULL;
    }
  ts_token_digest (bearer, digest);
  minted_by = ts_store_token_device (store, digest, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* Else a PIN would renew itself for ever: a device is remembered after a
   * sign-in with the password only. */
  if (minted_by != 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("Sign in with your password to remember a device"));
      return NULL;
    }

  device->label = ts_text_dup_trimmed (label);
  ts_validate_text (ctx, "label", device->label, TRUE, TS_DEVICE_LABEL_MAX, FALSE,
                    ts_too_long_message (TS_DEVICE_LABEL_MAX));
  check_pin (ctx, pin != NULL ? pin : "");
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  device->pin_hash = ts_password_hash (pin, config->password_hash_ops,
                                       (gsize) config->password_hash_memory_kib);
  if (device->pin_hash == NULL)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE, "Out of memory hashing a PIN");
      return NULL;
    }
  secret = ts_token_generate ();
  ts_token_digest (secret, device->secret_hash);
  device->user_id = ctx->user_id;
  device->created_at = ts_service_now_unix ();
  device->expires_at = device->created_at + (gint64) config->device_lifetime_days * 86400;
  w.device = device;
  if (!ts_store_write (store, write_create, &w, error))
    return NULL;
  *out_credential = g_strdup_printf ("%" G_GINT64_FORMAT ".%s", device->id, secret);
  memset (secret, 0, strlen (secret));
  return g_steal_pointer (&device);
}

/* ---- a token with the PIN --------------------------------------------- */

typedef struct {
  TsDevice *device;
  gint64    now;
  int       max;
  int       attempt;
} AttemptWrite;

static gboolean
write_attempt (TsStore *store, gpointer user_data, GError **error)
{
  AttemptWrite *a = user_data;
  return ts_store_device_pin_attempt (store, a->device->id, a->now, a->max, &a->attempt, error);
}

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  TsDevice     *device;
  gint64        organisation_id;   /* the owner's */
  gboolean      right;
  int           attempt;
  int           max;
  const guint8 *digest;
  gint64        now;
  gint64        expires_at;
  gboolean      done;              /* right: the token was minted; wrong: the device revoked */
} PinWrite;

static gboolean
write_pin (TsStore *store, gpointer user_data, GError **error)
{
  PinWrite *w = user_data;
  gint64 id = w->device->id;

  if (w->right)
    {
      if (!ts_store_device_pin_right (store, id, w->device->user_id, w->digest, w->now,
                                      w->expires_at, &w->done, error))
        return FALSE;
      return !w->done || ts_service_audit (w->service, w->ctx, "sign_in", "device", id, error);
    }
  if (!audit_anonymous (w->service, w->ctx, w->organisation_id, "pin_failed", id, error))
    return FALSE;
  /* The attempt that used the last try revokes the device. */
  if (w->attempt < w->max)
    return TRUE;
  if (!ts_store_device_revoke (store, id, 0, w->now, &w->done, error))
    return FALSE;
  return !w->done || audit_anonymous (w->service, w->ctx, w->organisation_id, "revoke", id, error);
}

static gboolean
device_usable (const TsDevice *device, gint64 now, GError **error)
{
  if (device->revoked_at != 0 || device->expires_at <= now)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_DEVICE_REVOKED,
                           device->revoked_at != 0
                             ? N_("This device is no longer remembered: sign in with your login and password")
                             : N_("This device was remembered too long ago: sign in with your login and password"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ts_service_device_token (TsService *self, TsContext *ctx, const char *credential,
                         const char *pin, char **out_token, gint64 *out_expires_at,
                         TsRole *out_role, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  TsConfig *config = ts_service_get_config (self);
  g_autoptr(TsDevice) device = NULL;
  g_autoptr(TsUser) user = NULL;
  g_autofree char *token = NULL;
  guint8 digest[TS_TOKEN_DIGEST_LEN];
  AttemptWrite a = { NULL, ts_service_now_unix (), config->device_max_failed_pins, 0 };
  PinWrite w = { self, ctx, NULL, 0, FALSE, 0, config->device_max_failed_pins, digest,
                 0, 0, FALSE };

  if (pin != NULL)
    {
      gsize len = strlen (pin);
      gboolean digits = len >= 4 && len <= TS_DEVICE_PIN_MAX;

      for (gsize i = 0; i < len && digits; i++)
        digits = g_ascii_isdigit (pin[i]);
      /* Not a PIN at all (an empty submit): not counted as a wrong one. */
      if (!digits)
        ts_field_errors_add (ctx->errors, "pin", N_("The PIN must be 4 to 8 digits"));
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return FALSE;
  device = device_from_credential (store, credential, error);
  if (device == NULL || !device_usable (device, a.now, error))
    return FALSE;
  user = ts_store_user_get (store, device->user_id, NULL);
  if (user == NULL || user->disabled ||
      (user->role != TS_ROLE_SUPPORTER && user->role != TS_ROLE_HOST))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_DEVICE_REVOKED,
                           N_("This device is no longer remembered: sign in with your login and password"));
      return FALSE;
    }

  /* Counted before the PIN is checked, in the writer, so that parallel
   * guesses never check more PINs than the tries left. */
  a.device = device;
  if (!ts_store_write (store, write_attempt, &a, error))
    return FALSE;
  if (a.attempt == 0)
    {
      g_autoptr(TsDevice) now = ts_store_device_get (store, device->id, error);

      if (now == NULL || !device_usable (now, a.now, error))
        return FALSE;
      /* Every try left is being checked right now. */
      ctx->retry_after = 1;
      g_set_error_literal (error, TS_ERROR, TS_ERROR_TOO_MANY_ATTEMPTS,
                           N_("Other PINs for this device are being checked: try again in a moment"));
      return FALSE;
    }

  w.device = device;
  w.organisation_id = owner_organisation (store, user);
  w.attempt = a.attempt;
  w.now = a.now;
  w.right = ts_password_verify (device->pin_hash, pin);
  if (w.right)
    {
      token = ts_token_generate ();
      ts_token_digest (token, digest);
      w.expires_at = w.now + (gint64) config->token_lifetime_hours * 3600;
      if (!ts_service_user_set_caller (self, ctx, user, error))
        return FALSE;
    }
  if (!ts_store_write (store, write_pin, &w, error))
    return FALSE;
  if (!w.right)
    {
      /* The last try, whether this attempt or a revocation in between
       * ended the device. */
      if (w.done || w.attempt >= w.max)
        g_set_error_literal (error, TS_ERROR, TS_ERROR_DEVICE_REVOKED,
                             N_("Too many wrong PINs: this device is no longer remembered; sign in with your login and password"));
      else
        {
          ts_context_add_extra (ctx, "attempts_left",
                                json_node_init_int (json_node_alloc (), w.max - w.attempt));
          g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_PIN, N_("Wrong PIN"));
        }
      return FALSE;
    }
  if (!w.done)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_DEVICE_REVOKED,
                           N_("This device is no longer remembered: sign in with your login and password"));
      return FALSE;
    }
  *out_token = g_steal_pointer (&token);
  *out_expires_at = w.expires_at;
  *out_role = user->role;
  return TRUE;
}

/* ---- listing and revoking --------------------------------------------- */

static gboolean
is_staff (const TsContext *ctx)
{
  return ctx->role == TS_ROLE_ADMIN || ctx->role == TS_ROLE_COORDINATOR ||
         ctx->role == TS_ROLE_AUDITOR;
}

/* @user_id's account when the caller may manage its devices: its own, or
 * staff of its organisation, or an administrator; else NULL with the words
 * of a missing id (@not_found), so that ids cannot be probed. */
static TsUser *
owner_in_reach (TsService *self, TsContext *ctx, gint64 user_id, const char *not_found,
                GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(TsUser) user = NULL;
  g_autoptr(GError) local = NULL;

  user = ts_store_user_get (store, user_id, &local);
  if (user == NULL && local->code != TS_ERROR_NOT_FOUND)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (user != NULL && user->id != ctx->user_id &&
      !(is_staff (ctx) && ts_context_sees (ctx, owner_organisation (store, user))))
    g_clear_pointer (&user, ts_user_free);
  if (user == NULL)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, not_found);
  return g_steal_pointer (&user);
}

/* A supporter's or host's record as the 404 rule has it: its own for a
 * supporter or host account, one of an organisation in scope for staff. */
static gboolean
linked_in_reach (TsService *self, TsContext *ctx, const TsDeviceOwner *owner, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  gint64 organisation_id = 0;
  gboolean found = FALSE;

  if (owner->supporter_id > 0)
    {
      g_autoptr(TsSupporterRecord) s = ts_store_supporter_get (store, owner->supporter_id, NULL);

      found = s != NULL;
      organisation_id = found ? s->organisation_id : 0;
    }
  else
    {
      g_autoptr(TsHostRecord) h = ts_store_host_get (store, owner->host_id, NULL);

      found = h != NULL;
      organisation_id = found ? h->organisation_id : 0;
    }
  if (found && (is_staff (ctx) ? ts_context_sees (ctx, organisation_id)
                               : (owner->supporter_id > 0 ? ctx->supporter_id == owner->supporter_id
                                                          : ctx->host_id == owner->host_id)))
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND,
                       owner->supporter_id > 0 ? N_("No such supporter") : N_("No such host"));
  return FALSE;
}

GPtrArray *
ts_service_device_list (TsService *self, TsContext *ctx, const TsDeviceOwner *owner,
                        GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(TsUser) user = NULL;
  gint64 user_id = owner->user_id > 0 ? owner->user_id : ctx->user_id;

  if ((owner->user_id > 0) + (owner->supporter_id > 0) + (owner->host_id > 0) > 1)
    {
      ts_field_errors_add (ctx->errors, owner->user_id > 0 ? "user_id" : "supporter_id",
                           N_("Give at most one of user_id, supporter_id and host_id"));
      ts_field_errors_check (ctx->errors, error);
      return NULL;
    }
  if (owner->supporter_id > 0 || owner->host_id > 0)
    {
      if (!linked_in_reach (self, ctx, owner, error))
        return NULL;
      return ts_store_device_list_linked (store, owner->supporter_id, owner->host_id,
                                          ts_service_now_unix (), error);
    }
  user = owner_in_reach (self, ctx, user_id, N_("No such user"), error);
  if (user == NULL)
    return NULL;
  return ts_store_device_list_user (store, user_id, ts_service_now_unix (), error);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
  gboolean   changed;
} RevokeWrite;

static gboolean
write_revoke (TsStore *store, gpointer user_data, GError **error)
{
  RevokeWrite *w = user_data;

  if (!ts_store_device_revoke (store, w->id, w->ctx->user_id, ts_service_now_unix (),
                               &w->changed, error))
    return FALSE;
  return !w->changed || ts_service_audit (w->service, w->ctx, "revoke", "device", w->id, error);
}

gboolean
ts_service_device_revoke (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(TsDevice) device = NULL;
  g_autoptr(TsUser) owner = NULL;
  RevokeWrite w = { self, ctx, id, FALSE };

  /* An auditor reads; the route does not admit one. */
  if (ctx->role == TS_ROLE_AUDITOR)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return FALSE;
    }
  device = ts_store_device_get (store, id, error);
  if (device == NULL)
    return FALSE;
  owner = owner_in_reach (self, ctx, device->user_id, NOT_FOUND, error);
  if (owner == NULL)
    return FALSE;
  /* Revoked already: nothing to do, and nothing to audit. */
  return ts_store_write (store, write_revoke, &w, error);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
  gint64     user_id;
  gint64     organisation_id;
  TsRole     role;
  gboolean   changed;
} ForgetWrite;

static gboolean
write_forget (TsStore *store, gpointer user_data, GError **error)
{
  ForgetWrite *w = user_data;
  TsContext owner = *w->ctx;

  if (!ts_store_device_revoke (store, w->id, w->user_id, ts_service_now_unix (),
                               &w->changed, error))
    return FALSE;
  /* By its owner, who holds the phone (not necessarily signed in). */
  owner.user_id = w->user_id;
  owner.role = w->role;
  owner.organisation_id = w->organisation_id;
  return !w->changed || ts_service_audit (w->service, &owner, "revoke", "device", w->id, error);
}

gboolean
ts_service_device_forget (TsService *self, TsContext *ctx, const char *credential,
                          GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(TsDevice) device = NULL;
  g_autoptr(TsUser) user = NULL;
  g_autoptr(GError) local = NULL;
  ForgetWrite w = { self, ctx, 0, 0, 0, TS_ROLE_NONE, FALSE };

  if (credential == NULL)
    return TRUE;
  device = device_from_credential (store, credential, &local);
  if (device == NULL)
    {
      if (local->code == TS_ERROR_UNAUTHORIZED)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  user = ts_store_user_get (store, device->user_id, error);
  if (user == NULL)
    return FALSE;
  w.id = device->id;
  w.user_id = user->id;
  w.organisation_id = user->organisation_id;
  w.role = user->role;
  return ts_store_write (store, write_forget, &w, error);
}

gboolean
ts_service_devices_revoke_user (TsService *self, TsContext *ctx, TsStore *store, gint64 user_id,
                                GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!ts_store_devices_revoke_user (store, user_id, ctx->user_id, ts_service_now_unix (), ids,
                                     error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!ts_service_audit (self, ctx, "revoke", "device", g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}
