/*
 * Dispatch requests and their history (SPEC 2.6; schema 11): the records
 * are in model/dispatch.h; the store reads and writes them.  Changes are
 * optimistic (`WHERE id = ? AND version = ?`).  At most one request per
 * case and receiving organisation is open (the unique index
 * dispatch_requests_open): a second one is TS_ERROR_ALREADY_EXISTS.
 */
#pragma once

#include <glib.h>

#include "model/dispatch.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_dispatch_insert       (TsStore                       *self,
                                         const TsDispatchRequestRecord *record,
                                         gint64                         now,
                                         gint64                        *out_id,
                                         GError                       **error);
gboolean ts_store_dispatch_event_insert (TsStore                       *self,
                                         gint64                         request_id,
                                         TsDispatchAction               action,
                                         gint64                         organisation_id,
                                         gint64                         user_id,
                                         const char                    *note,
                                         gint64                         now,
                                         GError                       **error);
/* The request's status and what comes with it (supporter and assignment
 * when accepted, the reason when declined), if its version is still
 * @expected_version (else TS_ERROR_PRECONDITION_FAILED). */
gboolean ts_store_dispatch_set_status   (TsStore                       *self,
                                         const TsDispatchRequestRecord *record,
                                         gint64                         expected_version,
                                         gint64                         now,
                                         GError                       **error);

/* Any thread. */
TsDispatchRequestRecord *ts_store_dispatch_get (TsStore  *self,
                                                gint64    id,
                                                GError  **error);
/* A page in id order of the requests after @after_id whose receiver
 * (incoming), requester (outgoing) or either (any direction) is in the
 * query's scope.  Fits TsListRowsFunc. */
GPtrArray *ts_store_dispatch_list       (TsStore               *self,
                                         const TsDispatchQuery *query,
                                         gint64                 after_id,
                                         guint                  limit,
                                         GError               **error);
/* TsDispatchEvent*, oldest first. */
GPtrArray *ts_store_dispatch_events     (TsStore  *self,
                                         gint64    request_id,
                                         GError  **error);
/* The requests of @case_id, oldest first; only the open ones with
 * @open_only. */
GPtrArray *ts_store_dispatch_for_case   (TsStore  *self,
                                         gint64    case_id,
                                         gboolean  open_only,
                                         GError  **error);

G_END_DECLS
