/*
 * RFC 9457 problem details: the one mapping from a GError to an HTTP status
 * and a body.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/context.h"

G_BEGIN_DECLS

guint     ts_problem_status (const GError *error);
JsonNode *ts_problem_build  (const GError *error,
                             TsContext    *ctx,
                             const char   *instance);

G_END_DECLS
