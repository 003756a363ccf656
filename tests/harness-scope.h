/*
 * Organisations for the live-server tests (SPEC 2.6, issue 13): until the
 * API creates them, an organisation is inserted through the store, and a
 * user of any role is created in one and signed in.  The harness's own
 * admin, coordinator and auditor belong to the first organisation
 * (TS_ORGANISATION_FIRST, a prefecture).
 */
#pragma once

#include "harness.h"

G_BEGIN_DECLS

/* A new organisation of @kind ("prefecture", "municipality", "agency")
 * below @parent_id (0: none); its id. */
gint64 ts_harness_scope_organisation (TsHarness  *h,
                                      const char *name,
                                      const char *kind,
                                      gint64      parent_id);
/* A token of a new user of @role ("coordinator", "auditor", "supporter",
 * …) in @organisation_id, for @supporter_id or @host_id (0: none). */
char  *ts_harness_scope_token        (TsHarness  *h,
                                      const char *role,
                                      gint64      organisation_id,
                                      gint64      supporter_id,
                                      gint64      host_id);

/* Hosts with ids 1 to @n (there must be none yet), registered by @token's
 * organisation. */
void   ts_harness_scope_hosts        (TsHarness  *h,
                                      const char *token,
                                      gint64      n);

G_END_DECLS
