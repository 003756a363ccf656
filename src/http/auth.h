/*
 * What the sign-in routes share (routes-auth.c, routes-devices.c).
 */
#pragma once

#include "core/role.h"
#include "http/route.h"

G_BEGIN_DECLS

/* 200 with a new bearer token, as POST /v1/auth/token answers: token,
 * role, expires_at, and the caller's supporter_id or host_id. */
void  ts_auth_reply_token (TsRequest *req, const char *token, gint64 expires_at, TsRole role);

G_END_DECLS
