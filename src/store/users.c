#include "store/users.h"
#include "store/store-private.h"

#include "core/error.h"
#include "core/password.h"

void
ts_user_free (TsUser *user)
{
  if (user == NULL)
    return;
  g_free (user->login);
  g_free (user->email);
  g_free (user);
}

#define USER_COLUMNS \
  "id, login, role, supporter_id, host_id, disabled, created_at, organisation_id, email"

static TsUser *
user_from_row (TsStmt *stmt)
{
  TsUser *user = g_new0 (TsUser, 1);
  user->id = sqlite3_column_int64 (stmt, 0);
  user->login = ts_stmt_column_dup (stmt, 1);
  user->role = ts_role_from_string ((const char *) sqlite3_column_text (stmt, 2));
  user->supporter_id = sqlite3_column_int64 (stmt, 3);
  user->host_id = sqlite3_column_int64 (stmt, 4);
  user->disabled = sqlite3_column_int (stmt, 5) != 0;
  user->created_at = sqlite3_column_int64 (stmt, 6);
  user->organisation_id = sqlite3_column_int64 (stmt, 7);
  user->email = ts_stmt_column_dup (stmt, 8);
  return user;
}

gboolean
ts_store_user_insert (TsStore *self, const TsUser *user, const char *password_hash,
                      gint64 *out_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO users (login, password_hash, role, supporter_id,"
                           " host_id, created_at, organisation_id, email)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user->login, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ts_role_to_string (user->role), -1, SQLITE_STATIC);
  ts_stmt_bind_id_or_null (stmt, 4, user->supporter_id);
  ts_stmt_bind_id_or_null (stmt, 5, user->host_id);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 7, user->organisation_id);
  ts_stmt_bind_text_or_null (stmt, 8, user->email);
  return ts_store_step_insert (self, stmt, "A user with this login already exists", out_id,
                               error);
}

gboolean
ts_store_user_update (TsStore *self, const TsUser *user, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "UPDATE users SET role = ?, supporter_id = ?, host_id = ?,"
                           " disabled = ?, organisation_id = ?, email = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ts_role_to_string (user->role), -1, SQLITE_STATIC);
  ts_stmt_bind_id_or_null (stmt, 2, user->supporter_id);
  ts_stmt_bind_id_or_null (stmt, 3, user->host_id);
  sqlite3_bind_int (stmt, 4, user->disabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, user->organisation_id);
  ts_stmt_bind_text_or_null (stmt, 6, user->email);
  sqlite3_bind_int64 (stmt, 7, user->id);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_user_set_password (TsStore *self, gint64 id, const char *password_hash,
                            GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self, "UPDATE users SET password_hash = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return ts_store_step_done (self, stmt, error);
}

TsUser *
ts_store_user_get (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " USER_COLUMNS " FROM users WHERE id = ?",
                                             error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return ts_store_fetch_one (self, stmt, (TsRowFunc) user_from_row, "No such user", error);
}

TsUser *
ts_store_user_get_by_login (TsStore *self, const char *login, char **out_password_hash,
                            GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " USER_COLUMNS ", password_hash"
                                             " FROM users WHERE login = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_STATIC);
  if (!ts_store_step_row (self, stmt, "No such user", error))
    return NULL;
  if (out_password_hash != NULL)
    *out_password_hash = ts_stmt_column_dup (stmt, 9);
  return user_from_row (stmt);
}

GPtrArray *
ts_store_user_list (TsStore *self, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " USER_COLUMNS " FROM users ORDER BY id",
                                             error);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_user_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&users);
}

/* The accounts that sign in as @supporter_id and are not disabled, oldest
 * first (retirement disables them, issue 11). */
GPtrArray *
ts_store_users_of_supporter (TsStore *self, gint64 supporter_id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT " USER_COLUMNS " FROM users"
                                             " WHERE supporter_id = ? AND disabled = 0"
                                             " ORDER BY id", error);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_user_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, supporter_id);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&users);
}

gboolean
ts_store_token_insert (TsStore *self, const guint8 *digest, gint64 user_id,
                       gint64 created_at, gint64 expires_at, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self,
                           "INSERT INTO tokens (hash, user_id, created_at, expires_at)"
                           " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, digest, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, created_at);
  sqlite3_bind_int64 (stmt, 4, expires_at);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_token_revoke (TsStore *self, const guint8 *digest, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self, "UPDATE tokens SET revoked = 1 WHERE hash = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, digest, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  return ts_store_step_done (self, stmt, error);
}

gboolean
ts_store_tokens_revoke_user (TsStore *self, gint64 user_id, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  stmt = ts_store_prepare (self, "UPDATE tokens SET revoked = 1 WHERE user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  return ts_store_step_done (self, stmt, error);
}

/* A token is good while it is neither revoked nor expired and its user is
 * not disabled; disabling a user therefore locks them out at once. */
TsUser *
ts_store_token_lookup (TsStore *self, const guint8 *digest, gint64 now, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT u.id, u.login, u.role, u.supporter_id,"
                                             " u.host_id, u.disabled, u.created_at,"
                                             " u.organisation_id, u.email"
                                             " FROM tokens t JOIN users u ON u.id = t.user_id"
                                             " WHERE t.hash = ? AND t.revoked = 0"
                                             " AND t.expires_at > ? AND u.disabled = 0",
                                             error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, digest, TS_TOKEN_DIGEST_LEN, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  rc = ts_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return user_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAUTHORIZED, "Unknown or expired token");
  return NULL;
}

/* What is kept of a login as typed: HMAC-SHA-256 under this database's
 * own random key (migration 0008), never the text. */
static gboolean
login_hash (TsStore *self, const char *login, guint8 out[32], GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT key FROM login_hash_key WHERE id = 1",
                                             error);
  g_autoptr(GHmac) hmac = NULL;
  gsize len = 32;

  if (stmt == NULL)
    return FALSE;
  if (ts_store_step (self, stmt, error) != SQLITE_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "The login hash key is missing");
      return FALSE;
    }
  hmac = g_hmac_new (G_CHECKSUM_SHA256, sqlite3_column_blob (stmt, 0),
                     (gsize) sqlite3_column_bytes (stmt, 0));
  g_hmac_update (hmac, (const guchar *) login, -1);
  g_hmac_get_digest (hmac, out, &len);
  return TRUE;
}

/* One sign-in attempt, counted before its password is checked, in the
 * writer's transaction so that parallel attempts are counted one after the
 * other.  First forgets every row older than @since (of any login, known or
 * not).  Then, for @login: with @max failures in the window it is refused
 * (TS_LOGIN_REFUSED, @out_oldest is the oldest failure's time); with fewer
 * failures but @max failures and attempts in progress together, the caller
 * must wait for one of those to finish (TS_LOGIN_WAIT); otherwise the
 * attempt is recorded as in progress and its row id returned in @out_id
 * (TS_LOGIN_ALLOWED), for ts_store_login_attempt_finish().  An attempt in
 * progress for longer than @stale_after seconds (its process died) counts
 * as a failure. */
gboolean
ts_store_login_attempt (TsStore *self, const char *login, gint64 now, gint64 since, int max,
                        gint64 stale_after, TsLoginAttempt *out_state, gint64 *out_id,
                        gint64 *out_oldest, GError **error)
{
  g_autoptr(TsStmt) purge = NULL;
  g_autoptr(TsStmt) count = NULL;
  g_autoptr(TsStmt) insert = NULL;
  guint8 hash[32];
  int failures, pending;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  *out_state = TS_LOGIN_REFUSED;
  *out_id = 0;
  *out_oldest = 0;
  if (!login_hash (self, login, hash, error))
    return FALSE;
  purge = ts_store_prepare (self, "DELETE FROM login_failures WHERE at <= ?", error);
  if (purge == NULL)
    return FALSE;
  sqlite3_bind_int64 (purge, 1, since);
  if (!ts_store_step_done (self, purge, error))
    return FALSE;

  count = ts_store_prepare (self,
                            "SELECT coalesce(sum(pending = 0 OR at <= ?1), 0),"
                            " coalesce(sum(pending = 1 AND at > ?1), 0),"
                            " min(CASE WHEN pending = 0 OR at <= ?1 THEN at END)"
                            " FROM login_failures WHERE login_hash = ?2", error);
  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, now - stale_after);
  sqlite3_bind_blob (count, 2, hash, sizeof hash, SQLITE_STATIC);
  if (ts_store_step (self, count, error) != SQLITE_ROW)
    return FALSE;
  failures = sqlite3_column_int (count, 0);
  pending = sqlite3_column_int (count, 1);
  if (failures >= max)
    {
      *out_oldest = sqlite3_column_int64 (count, 2);
      return TRUE;
    }
  if (failures + pending >= max)
    {
      *out_state = TS_LOGIN_WAIT;
      return TRUE;
    }

  insert = ts_store_prepare (self,
                             "INSERT INTO login_failures (login_hash, at, pending) VALUES (?, ?, 1)",
                             error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_blob (insert, 1, hash, sizeof hash, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 2, now);
  if (!ts_store_step_done (self, insert, error))
    return FALSE;
  *out_id = ts_store_last_insert_rowid (self);
  *out_state = TS_LOGIN_ALLOWED;
  return TRUE;
}

/* The attempt @id has been checked: a wrong password stays counted as a
 * failure; a right one deletes it and every failure of @login. */
gboolean
ts_store_login_attempt_finish (TsStore *self, const char *login, gint64 id, gboolean success,
                               GError **error)
{
  g_autoptr(TsStmt) own = NULL;
  g_autoptr(TsStmt) clear = NULL;
  guint8 hash[32];

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  if (!success)
    {
      own = ts_store_prepare (self, "UPDATE login_failures SET pending = 0 WHERE id = ?", error);
      if (own == NULL)
        return FALSE;
      sqlite3_bind_int64 (own, 1, id);
      return ts_store_step_done (self, own, error);
    }
  own = ts_store_prepare (self, "DELETE FROM login_failures WHERE id = ?", error);
  if (own == NULL)
    return FALSE;
  sqlite3_bind_int64 (own, 1, id);
  if (!ts_store_step_done (self, own, error))
    return FALSE;
  if (!login_hash (self, login, hash, error))
    return FALSE;
  /* Other attempts still in progress keep their rows. */
  clear = ts_store_prepare (self,
                            "DELETE FROM login_failures WHERE login_hash = ? AND pending = 0",
                            error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_blob (clear, 1, hash, sizeof hash, SQLITE_STATIC);
  return ts_store_step_done (self, clear, error);
}
