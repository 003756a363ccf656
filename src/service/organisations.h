/*
 * Organisations (SPEC 2.6, 3.3; issue 13): the prefecture, the
 * municipalities and the agencies that run one installation's programme.
 *
 * Who may do what: an administrator creates and changes them; every staff
 * role (administrator, coordinator, auditor) lists and reads them, since a
 * coordinator picks whom to ask for a supporter.  Supporter and host
 * accounts are refused.  Organisations are not personal records: reads
 * leave no audit entry, writes do.
 *
 * The rules of a record (422 with the field named):
 * - name: 1 to 100 characters of person-readable text;
 * - municipality_code: a code of the table, of the kind's level: a
 *   prefecture's own code (090000) for kind prefecture, a local code
 *   (municipality or ward) for kind municipality, either for an agency;
 * - parent_id: an existing organisation, and never the organisation itself
 *   or one below it (no cycles).
 */
#pragma once

#include "model/organisation.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  TsOrganisationRecord *record;
  char                 *municipality_name;  /* NULL without a code, or one no longer in the table */
  const char           *prefecture_name;
} TsOrganisationView;

void ts_organisation_view_free (TsOrganisationView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsOrganisationView, ts_organisation_view_free)

/* List and read: service/resource.h. */
extern const TsResourceOps ts_organisation_ops;

TsOrganisationView *ts_service_organisation_create (TsService                  *self,
                                                    TsContext                  *ctx,
                                                    const TsOrganisationRecord *draft,
                                                    guint                       present,
                                                    GError                    **error);
/* PATCH: the draft's members in @present, checked against the record they
 * change (a kind needs a code of its level; a parent must not be below
 * the organisation), then the generic versioned update (If-Match). */
TsOrganisationView *ts_service_organisation_update (TsService                  *self,
                                                    TsContext                  *ctx,
                                                    gint64                      id,
                                                    const TsOrganisationRecord *draft,
                                                    guint                       present,
                                                    const gint64               *if_match,
                                                    guint                       n_if_match,
                                                    GError                    **error);

/* `tsunagari init --organisation NAME --municipality-code CODE`: names
 * the installation's first organisation (TS_ORGANISATION_FIRST).  Its
 * kind follows the code: prefecture for a prefecture's own code,
 * municipality for any other.  Checked and audited as a PATCH. */
TsOrganisationView *ts_service_organisation_name_first (TsService   *self,
                                                        TsContext   *ctx,
                                                        const char  *name,
                                                        const char  *municipality_code,
                                                        GError     **error);

/* For the users: whether organisation @id exists (FALSE on a read error
 * too; @error set only then). */
gboolean            ts_service_organisation_exists (TsService                  *self,
                                                    gint64                      id,
                                                    GError                    **error);

G_END_DECLS
