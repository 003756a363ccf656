/*
 * Case transfers (SPEC 2.6; 足立 つなぐシート, seed 000): the records are in
 * model/dispatch.h.  A transfer is written once and never changed; moving
 * the case itself is ts_store_case_move_organisation().
 */
#pragma once

#include <glib.h>

#include "model/dispatch.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_transfer_insert        (TsStore                    *self,
                                          const TsCaseTransferRecord *record,
                                          gint64                      now,
                                          gint64                     *out_id,
                                          GError                    **error);
/* The case now belongs to @organisation_id; its version is bumped (its
 * representation shows the organisation). */
gboolean ts_store_case_move_organisation (TsStore                    *self,
                                          gint64                      case_id,
                                          gint64                      organisation_id,
                                          gint64                      now,
                                          GError                    **error);

/* Any thread. */
TsCaseTransferRecord *ts_store_transfer_get (TsStore  *self,
                                             gint64    id,
                                             GError  **error);
/* The transfers of @case_id, oldest first. */
GPtrArray *ts_store_transfer_list_for_case (TsStore  *self,
                                            gint64    case_id,
                                            GError  **error);
/* A page in id order of the transfers after @after_id whose new
 * (incoming), old (outgoing) or either organisation is in the query's
 * scope.  Fits TsListRowsFunc. */
GPtrArray *ts_store_transfer_list          (TsStore               *self,
                                            const TsTransferQuery *query,
                                            gint64                 after_id,
                                            guint                  limit,
                                            GError               **error);

G_END_DECLS
