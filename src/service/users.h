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
  gint64      organisation_id;     /* 0: TS_ORGANISATION_FIRST */
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
} TsUserPatch;

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

G_END_DECLS
