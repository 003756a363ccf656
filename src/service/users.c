#include "service/users.h"

#include <string.h>

#include "core/i18n.h"
#include "core/password.h"
#include "model/organisation.h"
#include "service/devices.h"
#include "service/organisations.h"
#include "service/validate.h"
#include "store/organisations.h"
#include "store/hosts.h"
#include "store/supporters.h"

static gboolean
login_valid (const char *login)
{
  gsize len = login != NULL ? strlen (login) : 0;

  if (len < 3 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (login[i]) && strchr ("._-@", login[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* The password policy is core/password.c's; each refusal says why. */
static void
check_password (TsService *self, TsContext *ctx, const char *password, const char *login)
{
  TsConfig *config = ts_service_get_config (self);
  const char *message = NULL;

  switch (ts_password_check (password != NULL ? password : "", login,
                             config->min_password_length))
    {
    case TS_PASSWORD_OK:
      break;
    case TS_PASSWORD_NOT_TEXT:
      message = N_("Must be UTF-8 text");
      break;
    case TS_PASSWORD_TOO_SHORT:
      message = N_("The password is shorter than the configured minimum (12 characters unless changed)");
      break;
    case TS_PASSWORD_TOO_LONG:
      message = N_("The password is too long");
      break;
    case TS_PASSWORD_HAS_LOGIN:
      message = N_("The password must not be or contain the login");
      break;
    case TS_PASSWORD_REPETITIVE:
      message = N_("The password is too simple: one or two characters, a repeated pattern or a run such as abcd or 1234");
      break;
    case TS_PASSWORD_COMMON:
    default:
      message = N_("The password is one of the most commonly used passwords");
      break;
    }
  if (message != NULL)
    ts_field_errors_add (ctx->errors, "password", message);
}

static void
check_email (TsContext *ctx, const char *email)
{
  if (email == NULL)
    return;
  if (g_utf8_strlen (email, -1) > TS_USER_EMAIL_MAX)
    ts_field_errors_add (ctx->errors, "email", ts_too_long_message (TS_USER_EMAIL_MAX));
  else if (!ts_email_plausible (email))
    ts_field_errors_add (ctx->errors, "email", N_("Must be an e-mail address (name@example.jp)"));
}

/* A supporter account reaches exactly one supporter's data and a host
 * account one host's: the link is required, and only for those roles.
 * Retirement disabled the accounts of the supporter (issue 11): an
 * enabled account may not link to a retired supporter again.
 *
 * SPEC 2.6: the account belongs to an existing organisation, and a
 * supporter or host account to its supporter's or host's.  An
 * *organisation_id of 0 (not given) becomes that organisation, or for
 * any other account the installation's first. */
static gboolean
check_links (TsService *self, TsContext *ctx, TsRole role, gint64 supporter_id,
             gint64 host_id, gboolean enabled, gint64 *organisation_id, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  gint64 linked = 0;

  if (role == TS_ROLE_SUPPORTER)
    {
      g_autoptr(TsSupporterRecord) supporter = NULL;

      if (supporter_id <= 0)
        ts_field_errors_add (ctx->errors, "supporter_id",
                             N_("A supporter account needs a supporter_id"));
      else if ((supporter = ts_store_supporter_get (store, supporter_id, NULL)) == NULL)
        ts_field_errors_add (ctx->errors, "supporter_id", N_("No such supporter"));
      else if (enabled && supporter->status == TS_SUPPORTER_RETIRED)
        ts_field_errors_add (ctx->errors, "supporter_id",
                             N_("The supporter has ended their activity: their account stays disabled"));
      else
        linked = supporter->organisation_id;
    }
  else if (supporter_id != 0)
    ts_field_errors_add (ctx->errors, "supporter_id",
                         N_("Only a supporter account is linked to a supporter"));

  if (role == TS_ROLE_HOST)
    {
      g_autoptr(TsHostRecord) host = NULL;

      if (host_id <= 0)
        ts_field_errors_add (ctx->errors, "host_id", N_("A host account needs a host_id"));
      /* A host id without its host is accepted as before (the account
       * then reaches nothing); an existing host fixes the organisation. */
      else if ((host = ts_store_host_get (store, host_id, NULL)) != NULL)
        linked = host->organisation_id;
    }
  else if (host_id != 0)
    ts_field_errors_add (ctx->errors, "host_id", N_("Only a host account is linked to a host"));

  if (*organisation_id == 0)
    *organisation_id = linked != 0 ? linked : TS_ORGANISATION_FIRST;
  else if (ts_field_errors_has (ctx->errors, "organisation_id"))
    return TRUE;
  else if (!ts_service_organisation_exists (self, *organisation_id, error))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      ts_field_errors_add (ctx->errors, "organisation_id", N_("No such organisation"));
      return TRUE;
    }
  if (linked != 0 && linked != *organisation_id)
    ts_field_errors_add (ctx->errors, "organisation_id",
                         role == TS_ROLE_SUPPORTER
                           ? N_("A supporter account belongs to its supporter's organisation")
                           : N_("A host account belongs to its host's organisation"));
  return TRUE;
}

typedef struct {
  TsService         *service;
  TsContext         *ctx;
  const TsUserInput *input;
  const char        *hash;
  gint64             organisation_id;
  char              *email;
  gint64             id;
} CreateUser;

static gboolean
write_create_user (TsStore *store, gpointer user_data, GError **error)
{
  CreateUser *c = user_data;

  TsUser user = {
    .login = (char *) c->input->login,
    .role = c->input->role,
    .supporter_id = c->input->supporter_id,
    .host_id = c->input->host_id,
    .organisation_id = c->organisation_id,
    .email = c->email,
  };

  if (!ts_store_user_insert (store, &user, c->hash, &c->id, error))
    return FALSE;
  return ts_service_audit (c->service, c->ctx, "create", "user", c->id, error);
}

TsUser *
ts_service_user_create (TsService *self, TsContext *ctx, const TsUserInput *input,
                        GError **error)
{
  TsConfig *config = ts_service_get_config (self);
  g_autofree char *hash = NULL;
  g_autofree char *email = NULL;
  CreateUser c = { self, ctx, input, NULL, input->organisation_id, NULL, 0 };

  if (!login_valid (input->login))
    ts_field_errors_add (ctx->errors, "login",
                         N_("The login must be 3 to 64 letters, digits or . _ - @"));
  check_password (self, ctx, input->password, input->login);
  email = ts_text_dup_trimmed (input->email);
  check_email (ctx, email);
  if (input->role == TS_ROLE_NONE)
    ts_field_errors_add (ctx->errors, "role", N_("Unknown role"));
  else if (!check_links (self, ctx, input->role, input->supporter_id, input->host_id, TRUE,
                         &c.organisation_id, error))
    return NULL;
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  c.email = email;

  hash = ts_password_hash (input->password, config->password_hash_ops,
                           (gsize) config->password_hash_memory_kib);
  if (hash == NULL)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE, "Out of memory hashing a password");
      return NULL;
    }
  c.hash = hash;
  if (!ts_store_write (ts_service_get_store (self), write_create_user, &c, error))
    return NULL;
  return ts_store_user_get (ts_service_get_store (self), c.id, error);
}

GPtrArray *
ts_service_user_list (TsService *self, TsContext *ctx, GError **error)
{
  (void) ctx;
  return ts_store_user_list (ts_service_get_store (self), error);
}

TsUser *
ts_service_user_find (TsService *self, TsContext *ctx, const char *login, GError **error)
{
  (void) ctx;
  return ts_store_user_get_by_login (ts_service_get_store (self), login, NULL, error);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  TsUser    *user;                 /* the new state */
  const char *hash;
  gboolean   revoke;
} UpdateUser;

static gboolean
write_update_user (TsStore *store, gpointer user_data, GError **error)
{
  UpdateUser *u = user_data;

  if (!ts_store_user_update (store, u->user, error))
    return FALSE;
  if (u->hash != NULL && !ts_store_user_set_password (store, u->user->id, u->hash, error))
    return FALSE;
  /* A changed role, password or a disabled account ends every session. */
  if (u->revoke && !ts_store_tokens_revoke_user (store, u->user->id, error))
    return FALSE;
  /* So do its remembered devices (issue 15): a PIN must not outlive them. */
  if (u->revoke && !ts_service_devices_revoke_user (u->service, u->ctx, store, u->user->id, error))
    return FALSE;
  return ts_service_audit (u->service, u->ctx, "update", "user", u->user->id, error);
}

TsUser *
ts_service_user_update (TsService *self, TsContext *ctx, gint64 id,
                        const TsUserPatch *patch, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  TsConfig *config = ts_service_get_config (self);
  g_autoptr(TsUser) user = ts_store_user_get (store, id, error);
  g_autofree char *hash = NULL;
  UpdateUser u = { self, ctx, NULL, NULL, FALSE };

  if (user == NULL)
    return NULL;
  if (patch->set_role)
    {
      u.revoke |= user->role != patch->role;
      user->role = patch->role;
      if (patch->role != TS_ROLE_SUPPORTER && !patch->set_supporter_id)
        user->supporter_id = 0;
      if (patch->role != TS_ROLE_HOST && !patch->set_host_id)
        user->host_id = 0;
    }
  if (patch->set_supporter_id)
    {
      u.revoke |= user->supporter_id != patch->supporter_id;
      user->supporter_id = patch->supporter_id;
    }
  if (patch->set_host_id)
    {
      u.revoke |= user->host_id != patch->host_id;
      user->host_id = patch->host_id;
    }
  if (patch->set_disabled)
    {
      u.revoke |= patch->disabled;
      user->disabled = patch->disabled;
    }
  if (patch->password != NULL)
    {
      check_password (self, ctx, patch->password, user->login);
      u.revoke = TRUE;
    }
  if (patch->set_email)
    {
      g_free (user->email);
      user->email = ts_text_dup_trimmed (patch->email);
      check_email (ctx, user->email);
    }
  if (patch->set_organisation_id)
    {
      /* A new organisation changes what the account sees: its sessions end. */
      u.revoke |= user->organisation_id != patch->organisation_id;
      user->organisation_id = patch->organisation_id;
    }
  if (user->role == TS_ROLE_NONE)
    ts_field_errors_add (ctx->errors, "role", N_("Unknown role"));
  else if (!check_links (self, ctx, user->role, user->supporter_id, user->host_id,
                         !user->disabled, &user->organisation_id, error))
    return NULL;
  /* An administrator cannot lock themselves out of the last way in. */
  if (id == ctx->user_id && (user->disabled || user->role != TS_ROLE_ADMIN))
    ts_field_errors_add (ctx->errors, patch->set_disabled ? "disabled" : "role",
                         N_("You cannot disable your own account or remove your own administrator role"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  if (patch->password != NULL)
    {
      hash = ts_password_hash (patch->password, config->password_hash_ops,
                               (gsize) config->password_hash_memory_kib);
      u.hash = hash;
    }
  u.user = user;
  if (!ts_store_write (store, write_update_user, &u, error))
    return NULL;
  return ts_store_user_get (store, id, error);
}

/* ---- sign-in -------------------------------------------------------- */

/* An attempt left in progress this long (its process died before it was
 * checked) counts as a failure. */
#define ATTEMPT_STALE_SECONDS 60
/* How long an attempt waits for the attempts in progress ahead of it. */
#define ATTEMPT_WAIT_US (10 * G_USEC_PER_SEC)

/* Wakes attempts waiting for others of their login to finish. */
static GMutex attempts_lock;
static GCond  attempts_done;

typedef struct {
  const char     *login;
  gint64          now;
  gint64          since;
  int             max;
  TsLoginAttempt  state;
  gint64          id;
  gint64          oldest;
} LoginAttempt;

static gboolean
write_login_attempt (TsStore *store, gpointer user_data, GError **error)
{
  LoginAttempt *a = user_data;
  return ts_store_login_attempt (store, a->login, a->now, a->since, a->max,
                                 ATTEMPT_STALE_SECONDS, &a->state, &a->id, &a->oldest, error);
}

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  const char   *login;
  gint64        attempt_id;
  gint64        user_id;
  gboolean      success;
  const guint8 *digest;
  gint64        now;
  gint64        expires_at;
} LoginWrite;

static gboolean
write_login (TsStore *store, gpointer user_data, GError **error)
{
  LoginWrite *w = user_data;

  if (!ts_store_login_attempt_finish (store, w->login, w->attempt_id, w->success, error))
    return FALSE;
  if (!w->success)
    return ts_service_audit (w->service, w->ctx, "login_failed", "user", w->user_id, error);
  if (!ts_store_token_insert (store, w->digest, w->user_id, w->now, w->expires_at, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "login", "token", 0, error);
}

static gboolean
finish_attempt (TsStore *store, LoginWrite *w, GError **error)
{
  gboolean ok = ts_store_write (store, write_login, w, error);

  g_mutex_lock (&attempts_lock);
  g_cond_broadcast (&attempts_done);
  g_mutex_unlock (&attempts_lock);
  return ok;
}

/* Every attempt is first recorded, in one write transaction, as in
 * progress for its login (unknown logins too, so that throttling reveals
 * nothing), and refused with 429 when the window already holds the maximum
 * of failures.  The writer counts parallel attempts one after the other:
 * when failures and attempts in progress together reach the maximum, a new
 * attempt waits for one of those to finish instead of having its password
 * checked.  So at most max_failed_logins passwords of one login are checked
 * per window however many arrive at once, and parallel sign-ins with the
 * right password are not refused.  A right password clears the login's
 * failures. */
/* Who is asking, and which organisations' records they see (SPEC 2.6):
 * an administrator every organisation's, an auditor its own and every one
 * below it, anyone else its own only. */
static gboolean
set_caller (TsService *self, TsContext *ctx, const TsUser *user, GError **error)
{
  ctx->user_id = user->id;
  ctx->role = user->role;
  ctx->supporter_id = user->supporter_id;
  ctx->host_id = user->host_id;
  if (user->role == TS_ROLE_ADMIN)
    ts_context_set_scope (ctx, user->organisation_id, NULL, 0);
  else if (user->role == TS_ROLE_AUDITOR)
    {
      g_autoptr(GArray) below = ts_store_organisation_subtree (ts_service_get_store (self),
                                                               user->organisation_id, error);
      if (below == NULL)
        return FALSE;
      ts_context_set_scope (ctx, user->organisation_id, (const gint64 *) (gpointer) below->data,
                            below->len);
    }
  else
    ts_context_set_scope (ctx, user->organisation_id, &user->organisation_id, 1);
  return TRUE;
}

gboolean
ts_service_user_set_caller (TsService *self, TsContext *ctx, const TsUser *user, GError **error)
{
  return set_caller (self, ctx, user, error);
}

gboolean
ts_service_login (TsService *self, TsContext *ctx, const char *login, const char *password,
                  char **out_token, gint64 *out_expires_at, TsRole *out_role, GError **error)
{
  /* An Argon2id hash of a random password, so that an unknown login costs
   * the same time as a wrong password and reveals nothing. */
  static gsize dummy_once = 0;
  static char *dummy_hash = NULL;
  TsStore *store = ts_service_get_store (self);
  TsConfig *config = ts_service_get_config (self);
  gint64 window = (gint64) config->failed_login_window_minutes * 60;
  gint64 give_up = g_get_monotonic_time () + ATTEMPT_WAIT_US;
  g_autofree char *hash = NULL;
  g_autoptr(TsUser) user = NULL;
  g_autofree char *token = NULL;
  guint8 digest[TS_TOKEN_DIGEST_LEN];
  LoginWrite w = { self, ctx, login, 0, 0, FALSE, digest, 0, 0 };
  LoginAttempt attempt = { login, 0, 0, config->max_failed_logins, TS_LOGIN_REFUSED, 0, 0 };
  gboolean good;

  if (g_once_init_enter (&dummy_once))
    {
      g_autofree char *random = ts_password_generate ();
      dummy_hash = ts_password_hash (random, config->password_hash_ops,
                                     (gsize) config->password_hash_memory_kib);
      g_once_init_leave (&dummy_once, 1);
    }

  for (;;)
    {
      attempt.now = g_get_real_time () / G_USEC_PER_SEC;
      attempt.since = attempt.now - window;
      if (!ts_store_write (store, write_login_attempt, &attempt, error))
        return FALSE;
      if (attempt.state != TS_LOGIN_WAIT || g_get_monotonic_time () >= give_up)
        break;
      /* Woken when any attempt finishes; the timeout covers one that
       * finished between the count and this wait. */
      g_mutex_lock (&attempts_lock);
      g_cond_wait_until (&attempts_done, &attempts_lock,
                         MIN (give_up, g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND));
      g_mutex_unlock (&attempts_lock);
    }
  if (attempt.state != TS_LOGIN_ALLOWED)
    {
      ctx->retry_after = attempt.state == TS_LOGIN_WAIT
                         ? 1 : (int) MAX (1, attempt.oldest + window - attempt.now);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_TOO_MANY_ATTEMPTS,
                           "Too many failed sign-ins for this login");
      return FALSE;
    }
  w.attempt_id = attempt.id;
  w.now = attempt.now;

  user = ts_store_user_get_by_login (store, login, &hash, NULL);
  good = ts_password_verify (hash != NULL ? hash : dummy_hash, password);
  if (user == NULL || user->disabled || !good)
    {
      w.user_id = user != NULL ? user->id : 0;
      if (!finish_attempt (store, &w, error))
        return FALSE;
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_CREDENTIALS,
                           "Wrong login or password");
      return FALSE;
    }

  token = ts_token_generate ();
  ts_token_digest (token, digest);
  w.success = TRUE;
  w.user_id = user->id;
  w.expires_at = w.now + (gint64) config->token_lifetime_hours * 3600;
  if (!set_caller (self, ctx, user, error))
    return FALSE;
  if (!finish_attempt (store, &w, error))
    return FALSE;

  *out_token = g_steal_pointer (&token);
  *out_expires_at = w.expires_at;
  *out_role = user->role;
  return TRUE;
}

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  const guint8 *digest;
} LogoutWrite;

static gboolean
write_logout (TsStore *store, gpointer user_data, GError **error)
{
  LogoutWrite *w = user_data;
  if (!ts_store_token_revoke (store, w->digest, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "logout", "token", 0, error);
}

gboolean
ts_service_logout (TsService *self, TsContext *ctx, const char *token, GError **error)
{
  guint8 digest[TS_TOKEN_DIGEST_LEN];
  LogoutWrite w = { self, ctx, digest };

  ts_token_digest (token, digest);
  return ts_store_write (ts_service_get_store (self), write_logout, &w, error);
}

gboolean
ts_service_authenticate (TsService *self, TsContext *ctx, const char *token, GError **error)
{
  guint8 digest[TS_TOKEN_DIGEST_LEN];
  g_autoptr(TsUser) user = NULL;

  if (token == NULL || *token == '\0' || strlen (token) > 256)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAUTHORIZED, "No token");
      return FALSE;
    }
  ts_token_digest (token, digest);
  user = ts_store_token_lookup (ts_service_get_store (self), digest,
                                g_get_real_time () / G_USEC_PER_SEC, error);
  if (user == NULL)
    {
      if (error != NULL && *error != NULL && (*error)->code == TS_ERROR_NOT_FOUND)
        (*error)->code = TS_ERROR_UNAUTHORIZED;
      return FALSE;
    }
  return set_caller (self, ctx, user, error);
}
