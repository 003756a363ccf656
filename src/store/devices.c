/*
 * Remembered devices: see store/devices.h.
 */
#include "store/devices.h"
#include "store/store-private.h"

#include <string.h>

#include "core/error.h"
#include "core/i18n.h"

#define DEVICE_COLUMNS \
  "id, user_id, label, secret_hash, pin_hash, created_at, expires_at, last_used_at," \
  " failed_pins, revoked_at, revoked_by"

void
ts_device_free (TsDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->label);
  if (device->pin_hash != NULL)
    {
      memset (device->pin_hash, 0, strlen (device->pin_hash));
      g_free (device->pin_hash);
    }
  g_free (device);
}

static gpointer
device_from_row (TsStmt *stmt)
{
  TsDevice *d = g_new0 (TsDevice, 1);
  const void *secret = sqlite3_column_blob (stmt, 3);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->user_id = sqlite3_column_int64 (stmt, 1);
  d->label = ts_stmt_column_dup (stmt, 2);
  if (secret != NULL && sqlite3_column_bytes (stmt, 3) == TS_TOKEN_DIGEST_LEN)
    memcpy (d->secret_hash, secret, TS_TOKEN_DIGEST_LEN);
  d->pin_hash = ts_stmt_column_dup (stmt, 4);
  d->created_at = sqlite3_column_int64 (stmt, 5);
  d->expires_at = sqlite3_column_int64 (stmt, 6);
  d->last_used_at = sqlite3_column_int64 (stmt, 7);
  d->failed_pins = sqlite3_column_int (stmt, 8);
  d->revoked_at = sqlite3_column_int64 (stmt, 9);
  d->revoked_by = sqlite3_column_int64 (stmt, 10);
  return d;
}

gboolean
ts_store_device_insert (TsStore *self, const TsDevice *device, gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO devices (user_id, label, secret_hash, pin_hash, created_at,"
                           " expires_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, device->user_id);
  sqlite3_bind_text (stmt, 2, device->label, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 3, device->secret_hash, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, device->pin_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, device->created_at);
  sqlite3_bind_int64 (stmt, 6, device->expires_at);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = ts_store_last_insert_rowid (self);
  return TRUE;
}

gboolean
ts_store_device_pin_attempt (TsStore *self, gint64 id, gint64 now, int max, int *out_attempt,
                             GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(TsStmt) count = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  *out_attempt = 0;
  stmt = ts_store_prepare (self,
                           "UPDATE devices SET failed_pins = failed_pins + 1"
                           " WHERE id = ? AND revoked_at IS NULL AND expires_at > ?"
                           " AND failed_pins < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int (stmt, 3, max);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (ts_store_changes (self) == 0)
    return TRUE;
  count = ts_store_prepare_id (self, "SELECT failed_pins FROM devices WHERE id = ?", id, error);
  if (count == NULL || ts_store_step (self, count, error) != SQLITE_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "The device vanished");
      return FALSE;
    }
  *out_attempt = sqlite3_column_int (count, 0);
  return TRUE;
}

gboolean
ts_store_device_pin_right (TsStore *self, gint64 id, gint64 user_id, const guint8 *digest,
                           gint64 now, gint64 token_expires_at, gboolean *out_done,
                           GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(TsStmt) token = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  *out_done = FALSE;
  stmt = ts_store_prepare (self,
                           "UPDATE devices SET failed_pins = 0, last_used_at = ?"
                           " WHERE id = ? AND revoked_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (ts_store_changes (self) == 0)
    return TRUE;
  token = ts_store_prepare (self,
                            "INSERT INTO tokens (hash, user_id, created_at, expires_at, device_id)"
                            " VALUES (?, ?, ?, ?, ?)", error);
  if (token == NULL)
    return FALSE;
  sqlite3_bind_blob (token, 1, digest, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  sqlite3_bind_int64 (token, 2, user_id);
  sqlite3_bind_int64 (token, 3, now);
  sqlite3_bind_int64 (token, 4, token_expires_at);
  sqlite3_bind_int64 (token, 5, id);
  if (!ts_store_step_done (self, token, error))
    return FALSE;
  *out_done = TRUE;
  return TRUE;
}

gboolean
ts_store_device_revoke (TsStore *self, gint64 id, gint64 revoked_by, gint64 now,
                        gboolean *out_changed, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(TsStmt) tokens = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  *out_changed = FALSE;
  stmt = ts_store_prepare (self,
                           "UPDATE devices SET revoked_at = ?, revoked_by = ?"
                           " WHERE id = ? AND revoked_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  ts_stmt_bind_id_or_null (stmt, 2, revoked_by);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  *out_changed = ts_store_changes (self) > 0;
  /* Every token the device minted, whether or not the device was revoked
   * already: none may outlive it. */
  tokens = ts_store_prepare_id (self, "UPDATE tokens SET revoked = 1"
                                " WHERE device_id = ? AND revoked = 0", id, error);
  return tokens != NULL && ts_store_step_done (self, tokens, error);
}

gboolean
ts_store_devices_revoke_user (TsStore *self, gint64 user_id, gint64 revoked_by, gint64 now,
                              GArray *out_ids, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare_id (self, "SELECT id FROM devices WHERE user_id = ?"
                              " AND revoked_at IS NULL ORDER BY id", user_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, ts_stmt_release);
  for (guint i = 0; i < ids->len; i++)
    {
      gboolean changed;

      if (!ts_store_device_revoke (self, g_array_index (ids, gint64, i), revoked_by, now,
                                   &changed, error))
        return FALSE;
    }
  if (out_ids != NULL)
    g_array_append_vals (out_ids, ids->data, ids->len);
  return TRUE;
}

TsDevice *
ts_store_device_get (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self, "SELECT " DEVICE_COLUMNS
                                                " FROM devices WHERE id = ?", id, error);

  if (stmt == NULL)
    return NULL;
  return ts_store_fetch_one (self, stmt, device_from_row, N_("No such device"), error);
}

GPtrArray *
ts_store_device_list_user (TsStore *self, gint64 user_id, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self, "SELECT " DEVICE_COLUMNS
                                                " FROM devices WHERE user_id = ?"
                                                " AND revoked_at IS NULL AND expires_at > ?"
                                                " ORDER BY id", user_id, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, now);
  return ts_store_collect (self, stmt, device_from_row, (GDestroyNotify) ts_device_free, error);
}

GPtrArray *
ts_store_device_list_linked (TsStore *self, gint64 supporter_id, gint64 host_id, gint64 now,
                             GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare_id (self,
                                                supporter_id > 0
                                                  ? "SELECT " DEVICE_COLUMNS " FROM devices"
                                                    " WHERE user_id IN (SELECT id FROM users"
                                                    " WHERE supporter_id = ?)"
                                                    " AND revoked_at IS NULL AND expires_at > ?"
                                                    " ORDER BY id"
                                                  : "SELECT " DEVICE_COLUMNS " FROM devices"
                                                    " WHERE user_id IN (SELECT id FROM users"
                                                    " WHERE host_id = ?)"
                                                    " AND revoked_at IS NULL AND expires_at > ?"
                                                    " ORDER BY id",
                                                supporter_id > 0 ? supporter_id : host_id, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, now);
  return ts_store_collect (self, stmt, device_from_row, (GDestroyNotify) ts_device_free, error);
}

gint64
ts_store_token_device (TsStore *self, const guint8 *digest, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT device_id FROM tokens WHERE hash = ?",
                                             error);
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_blob (stmt, 1, digest, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  rc = ts_store_step (self, stmt, error);
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}
