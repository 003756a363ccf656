/*
 * Users, bearer tokens and failed sign-ins.
 */
#pragma once

#include "core/role.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64   id;
  char    *login;
  TsRole   role;
  gint64   supporter_id;
  gint64   host_id;
  gboolean disabled;
  gint64   created_at;
  gint64   organisation_id;         /* SPEC 2.6: every user belongs to one */
  char    *email;                   /* NULL: none (notices go nowhere) */
} TsUser;

void     ts_user_free (TsUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsUser, ts_user_free)

/* Writer thread only. */
/* Both write @user's role, supporter, host, organisation and e-mail;
 * the update also its disabled flag. */
gboolean ts_store_user_insert      (TsStore *self, const TsUser *user,
                                    const char *password_hash,
                                    gint64 *out_id, GError **error);
gboolean ts_store_user_update      (TsStore *self, const TsUser *user, GError **error);
gboolean ts_store_user_set_password (TsStore *self, gint64 id,
                                     const char *password_hash, GError **error);
gboolean ts_store_token_insert     (TsStore *self, const guint8 *digest,
                                    gint64 user_id, gint64 created_at,
                                    gint64 expires_at, GError **error);
gboolean ts_store_token_revoke     (TsStore *self, const guint8 *digest,
                                    GError **error);
gboolean ts_store_tokens_revoke_user (TsStore *self, gint64 user_id,
                                      GError **error);
typedef enum {
  TS_LOGIN_REFUSED,                /* too many failures in the window */
  TS_LOGIN_WAIT,                   /* too many attempts in progress: try again soon */
  TS_LOGIN_ALLOWED,                /* recorded: check the password */
} TsLoginAttempt;

gboolean ts_store_login_attempt    (TsStore *self, const char *login,
                                    gint64 now, gint64 since, int max,
                                    gint64 stale_after, TsLoginAttempt *out_state,
                                    gint64 *out_id, gint64 *out_oldest,
                                    GError **error);
gboolean ts_store_login_attempt_finish (TsStore *self, const char *login,
                                        gint64 id, gboolean success,
                                        GError **error);

/* Any thread. */
TsUser  *ts_store_user_get         (TsStore *self, gint64 id, GError **error);
TsUser  *ts_store_user_get_by_login (TsStore *self, const char *login,
                                     char **out_password_hash, GError **error);
GPtrArray *ts_store_user_list      (TsStore *self, GError **error);
GPtrArray *ts_store_users_of_supporter (TsStore *self, gint64 supporter_id,
                                        GError **error);
TsUser  *ts_store_token_lookup     (TsStore *self, const guint8 *digest,
                                    gint64 now, GError **error);

G_END_DECLS
