/*
 * Organisations (SPEC 2.6): the records are in model/organisation.h; the
 * store reads and writes them and answers the tree's questions.
 */
#pragma once

#include <glib.h>

#include "model/organisation.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean              ts_store_organisation_insert  (TsStore                    *self,
                                                     const TsOrganisationRecord *record,
                                                     gint64                      now,
                                                     gint64                     *out_id,
                                                     GError                    **error);
gboolean              ts_store_organisation_update  (TsStore                    *self,
                                                     const TsOrganisationRecord *record,
                                                     gint64                      expected_version,
                                                     gint64                      now,
                                                     GError                    **error);

/* Any thread. */
TsOrganisationRecord *ts_store_organisation_get     (TsStore                    *self,
                                                     gint64                      id,
                                                     GError                    **error);
GPtrArray            *ts_store_organisation_list    (TsStore                    *self,
                                                     const TsOrganisationQuery  *query,
                                                     gint64                      after_id,
                                                     guint                       limit,
                                                     GError                    **error);
/* @id and every organisation below it, gint64 ascending. */
GArray               *ts_store_organisation_subtree (TsStore                    *self,
                                                     gint64                      id,
                                                     GError                    **error);

G_END_DECLS
