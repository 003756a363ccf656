/*
 * What the dispatch and transfer use cases share (service/ only).
 */
#pragma once

#include "service/dispatch.h"
#include "store/store.h"

G_BEGIN_DECLS

/* A request with its history, and with the case's matching fields when
 * @with_case and the caller is the receiver of an open or accepted
 * request.  Takes @record (freed on failure too).  Any thread; inside a
 * read or write function. */
TsDispatchView *ts_dispatch_view_load (TsStore                 *store,
                                       TsContext               *ctx,
                                       TsDispatchRequestRecord *record,
                                       gboolean                 with_case,
                                       GError                 **error);

/* The request after a write, with its history and without the case's
 * fields (not in a write function). */
TsDispatchView *ts_dispatch_view_after_write (TsService  *self,
                                              TsContext  *ctx,
                                              gint64      id,
                                              GError    **error);

/* Inside a write function: every open request of @case_id becomes
 * withdrawn, each with its event (@note) and audit entry. */
gboolean        ts_dispatch_withdraw_open_for_case (TsService  *self,
                                                    TsContext  *ctx,
                                                    gint64      case_id,
                                                    const char *note,
                                                    GError    **error);

/* Which side of @record the caller is on (an administrator is on both). */
gboolean        ts_dispatch_is_receiver  (const TsContext               *ctx,
                                          const TsDispatchRequestRecord *record);
gboolean        ts_dispatch_is_requester (const TsContext               *ctx,
                                          const TsDispatchRequestRecord *record);

/* Refuses @to_organisation_id unless it names an existing organisation
 * other than @case_organisation_id (field errors on @field). */
gboolean        ts_dispatch_check_receiver_organisation (TsStore    *store,
                                                         TsContext  *ctx,
                                                         const char *field,
                                                         gint64      to_organisation_id,
                                                         gint64      case_organisation_id,
                                                         GError    **error);

/* The case @case_id, read for sharing it with @to_organisation_id (a
 * dispatch request, a transfer): in the caller's scope (else "No such
 * case"), with share_with_agency in its consent (else consent_missing), and
 * to another organisation that exists (field errors on
 * "to_organisation_id").  Writer thread. */
TsCaseRecord   *ts_dispatch_case_to_share (TsStore    *store,
                                           TsContext  *ctx,
                                           gint64      case_id,
                                           gint64      to_organisation_id,
                                           GError    **error);

/* The read-audit entries of one answer, in one durable write: @action on
 * @object @object_id, and "read_dispatched" of each case in @case_ids.
 * TS_ERROR_UNAVAILABLE when they cannot be written. */
gboolean        ts_dispatch_audit_reads (TsService    *self,
                                         TsContext    *ctx,
                                         const char   *action,
                                         const char   *object,
                                         gint64        object_id,
                                         const GArray *case_ids,
                                         GError      **error);

G_END_DECLS
