/*
 * Remembered devices (issue 15, schema 13): a supporter's or host's phone
 * that gets bearer tokens with a short PIN.  Only a SHA-256 of the device's
 * secret and an Argon2id hash of its PIN are kept.
 */
#pragma once

#include "core/password.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *label;
  guint8  secret_hash[TS_TOKEN_DIGEST_LEN];
  char   *pin_hash;
  gint64  created_at;
  gint64  expires_at;
  gint64  last_used_at;             /* 0: never */
  int     failed_pins;              /* wrong PINs (and checks in progress) since the last right one */
  gint64  revoked_at;               /* 0: not revoked */
  gint64  revoked_by;               /* 0: by the service (wrong PINs) or not revoked */
} TsDevice;

void      ts_device_free (TsDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDevice, ts_device_free)

/* Writer thread only. */
gboolean  ts_store_device_insert     (TsStore *self, const TsDevice *device,
                                      gint64 *out_id, GError **error);
/* Counts a PIN check before it is made: failed_pins + 1 unless the device
 * is revoked, expired or already at @max (wrong PINs and checks in
 * progress).  *out_attempt: the attempt's number (1..@max), 0 when it was
 * not counted. */
gboolean  ts_store_device_pin_attempt (TsStore *self, gint64 id, gint64 now, int max,
                                       int *out_attempt, GError **error);
/* A right PIN: failed_pins back to 0, last_used_at @now, and a bearer
 * token (@digest) minted from the device.  *out_done FALSE: the device was
 * revoked in the meantime, nothing written. */
gboolean  ts_store_device_pin_right  (TsStore *self, gint64 id, gint64 user_id,
                                      const guint8 *digest, gint64 now,
                                      gint64 token_expires_at, gboolean *out_done,
                                      GError **error);
/* Revokes the device and every token minted from it; @revoked_by 0: the
 * service.  *out_changed FALSE: it was revoked already. */
gboolean  ts_store_device_revoke     (TsStore *self, gint64 id, gint64 revoked_by,
                                      gint64 now, gboolean *out_changed, GError **error);
/* Revokes every device of @user_id that is not revoked yet, and their
 * tokens; appends their ids to @out_ids (gint64). */
gboolean  ts_store_devices_revoke_user (TsStore *self, gint64 user_id, gint64 revoked_by,
                                        gint64 now, GArray *out_ids, GError **error);

/* Any thread. */
TsDevice  *ts_store_device_get       (TsStore *self, gint64 id, GError **error);
/* @user_id's devices neither revoked nor expired at @now, oldest first. */
GPtrArray *ts_store_device_list_user (TsStore *self, gint64 user_id, gint64 now,
                                      GError **error);
/* The same for every account linked to supporter @supporter_id (@host_id
 * 0) or to host @host_id. */
GPtrArray *ts_store_device_list_linked (TsStore *self, gint64 supporter_id, gint64 host_id,
                                        gint64 now, GError **error);
/* The device a bearer token was minted from: 0 for a sign-in with a
 * password or an unknown token. */
gint64     ts_store_token_device     (TsStore *self, const guint8 *digest, GError **error);

G_END_DECLS
