/*
 * Remembered devices (issue 15, docs/api.md "Remembered devices"): a
 * supporter's or host's phone, signed in with a password, remembers itself
 * with a PIN of 4 to 8 digits; later it gets a bearer token with the PIN
 * and the device's secret (which the HTTP layer keeps in an HttpOnly
 * cookie) alone.  Revocable by its owner, by staff of the owner's
 * organisation (SPEC 2.6) and by an administrator; revoking a device
 * revokes every token it minted.
 */
#pragma once

#include "core/role.h"
#include "service/service.h"
#include "store/devices.h"

G_BEGIN_DECLS

#define TS_DEVICE_LABEL_MAX 64
#define TS_DEVICE_PIN_MAX   8
/* Devices one account may have remembered at once. */
#define TS_DEVICES_PER_USER 10

/* Remembers the caller's device; @bearer is the token the caller signed in
 * with (a token minted from a device cannot remember another one).
 * *out_secret: the device's credential "<id>.<secret>" for the cookie,
 * never stored. */
TsDevice  *ts_service_device_create (TsService *self, TsContext *ctx, const char *bearer,
                                     const char *label, const char *pin,
                                     char **out_credential, GError **error);
/* A new bearer token for the device named by @credential, given its PIN;
 * fills the caller in @ctx as ts_service_login() does. */
gboolean   ts_service_device_token  (TsService *self, TsContext *ctx, const char *credential,
                                     const char *pin, char **out_token,
                                     gint64 *out_expires_at, TsRole *out_role,
                                     GError **error);
/* Whose devices a list shows: at most one of the three; none: the
 * caller's own. */
typedef struct {
  gint64 user_id;
  gint64 supporter_id;             /* every account of this supporter */
  gint64 host_id;                  /* every account of this host */
} TsDeviceOwner;

/* The devices, neither revoked nor expired, of @owner's account(s). */
GPtrArray *ts_service_device_list   (TsService *self, TsContext *ctx,
                                     const TsDeviceOwner *owner, GError **error);
gboolean   ts_service_device_revoke (TsService *self, TsContext *ctx, gint64 id,
                                     GError **error);
/* Revokes the device named by @credential, when it names one (the
 * device forgetting itself on sign-out); no device is no error. */
gboolean   ts_service_device_forget (TsService *self, TsContext *ctx, const char *credential,
                                     GError **error);

/* Inside a write of another use case (a user disabled, its password
 * changed): revokes @user_id's devices and their tokens, one audit entry
 * each. */
gboolean   ts_service_devices_revoke_user (TsService *self, TsContext *ctx, TsStore *store,
                                           gint64 user_id, GError **error);

G_END_DECLS
