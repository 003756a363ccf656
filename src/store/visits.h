/*
 * Planned visits (SPEC 2.9; issue 17): the records are in model/visit.h.
 * A visit is read with its assignment's case and supporter (ids, the
 * case's nickname, the supporter's name, both organisations) and the id of
 * the live report that names it.
 */
#pragma once

#include <glib.h>

#include "model/visit.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean       ts_store_visit_insert (TsStore              *self,
                                      const TsVisitRecord  *record,
                                      gint64                now,
                                      gint64               *out_id,
                                      GError              **error);
/* Writes date, start, minutes, note, status and the over-limit reason and
 * bumps the version, provided the row is still at @expected_version
 * (else TS_ERROR_PRECONDITION_FAILED).  Fits TsSaveFunc. */
gboolean       ts_store_visit_update (TsStore              *self,
                                      const TsVisitRecord  *record,
                                      gint64                expected_version,
                                      gint64                now,
                                      GError              **error);

/* Any thread. */
/* TS_ERROR_NOT_FOUND "No such visit". */
TsVisitRecord *ts_store_visit_get    (TsStore              *self,
                                      gint64                id,
                                      GError              **error);
/* A page in id order of the visits after @after_id matching @query, whose
 * case's or supporter's organisation is in its scope.  Fits
 * TsListRowsFunc. */
GPtrArray     *ts_store_visit_list   (TsStore              *self,
                                      const TsVisitQuery   *query,
                                      gint64                after_id,
                                      guint                 limit,
                                      GError              **error);
/* The planned visits of supporter @supporter_id from @from to @to (both
 * included), by date and start: what a proposal must not overlap. */
GPtrArray     *ts_store_visit_supporter_planned (TsStore  *self,
                                                 gint64    supporter_id,
                                                 TsDate    from,
                                                 TsDate    to,
                                                 GError  **error);

G_END_DECLS
