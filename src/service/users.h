/*
 * Users, sign-in and tokens.
 */
#pragma once

#include "service/service.h"
#include "store/users.h"

G_BEGIN_DECLS

typedef struct {
  const char *login;
  const char *password;
  TsRole      role;
  gint64      supporter_id;
  gint64      host_id;
  /* 0: a supporter account's supporter's, a host account's host's, any
   * other account's TS_ORGANISATION_FIRST. */
  gint64      organisation_id;
  const char *email;               /* NULL: none */
} TsUserInput;

typedef struct {
  gboolean    set_role;
  TsRole      role;
  gboolean    set_supporter_id;
  gint64      supporter_id;
  gboolean    set_host_id;
  gint64      host_id;
  gboolean    set_disabled;
  gboolean    disabled;
  const char *password;            /* NULL: unchanged */
  gboolean    set_organisation_id;
  gint64      organisation_id;
  gboolean    set_email;
  const char *email;               /* with set_email, NULL removes it */
} TsUserPatch;

/* The longest e-mail address an account may have (RFC 5321's path). */
#define TS_USER_EMAIL_MAX 254

TsUser    *ts_service_user_create (TsService *self, TsContext *ctx,
                                   const TsUserInput *input, GError **error);
GPtrArray *ts_service_user_list   (TsService *self, TsContext *ctx, GError **error);
TsUser    *ts_service_user_update (TsService *self, TsContext *ctx, gint64 id,
                                   const TsUserPatch *patch, GError **error);
TsUser    *ts_service_user_find   (TsService *self, TsContext *ctx,
                                   const char *login, GError **error);

gboolean   ts_service_login        (TsService *self, TsContext *ctx,
                                    const char *login, const char *password,
                                    char **out_token, gint64 *out_expires_at,
                                    TsRole *out_role, GError **error);
gboolean   ts_service_logout       (TsService *self, TsContext *ctx,
                                    const char *token, GError **error);
gboolean   ts_service_authenticate (TsService *self, TsContext *ctx,
                                    const char *token, GError **error);
/* Makes @user the caller of @ctx, with its organisations (SPEC 2.6), as a
 * sign-in does. */
gboolean   ts_service_user_set_caller (TsService *self, TsContext *ctx,
                                       const TsUser *user, GError **error);

G_END_DECLS
