/*
 * Organisations for the dispatch and transfer tests (issue 13), on top of
 * tests/harness.h: organisations written straight through the store (no
 * organisations API is needed), accounts that belong to one, and the
 * supporters and cases those accounts register (a record belongs to its
 * creator's organisation).
 */
#pragma once

#include "harness.h"

G_BEGIN_DECLS

/* A new organisation (kind: prefecture, municipality, agency; parent 0:
 * none). */
gint64  ts_harness_organisation      (TsHarness  *h,
                                      const char *name,
                                      const char *kind,
                                      const char *municipality_code,
                                      gint64      parent_id);
/* A signed-in account of @role in @organisation_id. */
char   *ts_harness_org_token         (TsHarness  *h,
                                      gint64      organisation_id,
                                      const char *role,
                                      gint64      supporter_id,
                                      gint64      host_id);
/* An insured supporter with an initial training on 2025-04-10, registered,
 * created by @token (so of its organisation); @overrides as for
 * ts_harness_create_supporter. */
gint64  ts_harness_org_supporter     (TsHarness  *h,
                                      const char *token,
                                      const char *overrides);
/* A case created (and, when @assessed, assessed) by @token; @consent_scope
 * is the JSON list of the consent scope, e.g.
 * "[\"matching\",\"support\",\"share_with_agency\"]". */
gint64  ts_harness_org_case          (TsHarness  *h,
                                      const char *token,
                                      const char *consent_scope,
                                      gboolean    assessed);

G_END_DECLS
