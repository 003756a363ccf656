/*
 * Organisations for the tests (SPEC 2.6) until the API creates them: an
 * organisation written through the store, and a signed-in user of a given
 * organisation.
 */
#pragma once

#include "harness.h"
#include "model/organisation.h"

G_BEGIN_DECLS

/* A new organisation below @parent_id (0: none); its id. */
gint64  ts_harness_add_organisation (TsHarness          *h,
                                     const char         *name,
                                     TsOrganisationKind  kind,
                                     gint64              parent_id);
/* A bearer token of a new user with @role ("coordinator", "auditor", …) in
 * @organisation_id, linked to @supporter_id or @host_id (0: none). */
char   *ts_harness_org_token        (TsHarness          *h,
                                     const char         *role,
                                     gint64              organisation_id,
                                     gint64              supporter_id,
                                     gint64              host_id);

G_END_DECLS
