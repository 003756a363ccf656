/*
 * The five roles of SPEC section 1, as bits so that a route can allow several.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TS_ROLE_NONE        = 0,
  TS_ROLE_ADMIN       = 1 << 0,
  TS_ROLE_COORDINATOR = 1 << 1,
  TS_ROLE_SUPPORTER   = 1 << 2,
  TS_ROLE_HOST        = 1 << 3,
  TS_ROLE_AUDITOR     = 1 << 4,
} TsRole;

#define TS_ROLE_ANY (TS_ROLE_ADMIN | TS_ROLE_COORDINATOR | TS_ROLE_SUPPORTER | \
                     TS_ROLE_HOST | TS_ROLE_AUDITOR)
#define TS_ROLE_STAFF (TS_ROLE_ADMIN | TS_ROLE_COORDINATOR)

const char *ts_role_to_string   (TsRole role);
TsRole      ts_role_from_string (const char *text);

G_END_DECLS
