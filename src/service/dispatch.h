/*
 * Dispatch requests (SPEC 2.6, 3.3; issue 13; 千葉, seed 002): the case's
 * organisation asks another organisation for a supporter of its pool.
 *
 * - Create: staff of the case's organisation (the case in the caller's
 *   scope, else "No such case" as a missing one), with share_with_agency
 *   in the case's consent scope (else TS_ERROR_CONSENT_MISSING), to an
 *   existing organisation other than the case's, for a matchable case; at
 *   most one open request per case and receiver (TS_ERROR_ALREADY_EXISTS).
 * - Both sides read a request and its history (the descriptor's scope
 *   names both organisations); anyone else gets "No such dispatch
 *   request".  The receiver also sees, while the request is open or
 *   accepted, the case's matching fields only (TsDispatchView.shared_case:
 *   a record holding nothing else); that is audited as a read of the case.
 * - The receiver ranks candidates from its own pool, accepts with one of
 *   its supporters (the assignment is created with every re-check of
 *   POST /v1/assignments, in the same transaction) or declines with a
 *   reason; the requester may withdraw.  Only while open
 *   (TS_ERROR_INVALID_TRANSITION otherwise); the wrong side, which sees the
 *   request, gets TS_ERROR_FORBIDDEN.  If-Match (the version) is optional.
 * Every write is audited.
 */
#pragma once

#include "model/assignment.h"
#include "model/case.h"
#include "model/dispatch.h"
#include "service/matching.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  TsDispatchRequestRecord *record;
  GPtrArray               *events;       /* TsDispatchEvent*, oldest first */
  /* The receiver's view of the case while the request is open or
   * accepted: only nickname, municipality_code, age_band, gender,
   * household, needs, interests, preferences and location are set.  NULL
   * for the requester, and once the request is declined or withdrawn. */
  TsCaseRecord            *shared_case;
} TsDispatchView;

void ts_dispatch_view_free (TsDispatchView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDispatchView, ts_dispatch_view_free)

/* The read of one request (service/resource.h: ts_service_get), staff
 * only; its audit entries name the request and, when its case's fields
 * are shown, the case. */
extern const TsResourceOps ts_dispatch_request_ops;

/* @draft: case_id, to_organisation_id, note (the members in @present). */
TsDispatchView *ts_service_dispatch_create   (TsService                     *self,
                                              TsContext                     *ctx,
                                              const TsDispatchRequestRecord *draft,
                                              guint                          present,
                                              GError                       **error);
/* Staff only: the requests of the caller's organisations (?direction). */
TsPage          *ts_service_dispatch_list     (TsService        *self,
                                               TsContext        *ctx,
                                               TsDispatchQuery  *query,
                                               GError          **error);
/* The receiver's candidates for an open request: its own pool, ranked and
 * explained as for its own cases (ts_service_matching_candidates_shared). */
TsCandidateList *ts_service_dispatch_candidates (TsService  *self,
                                                 TsContext  *ctx,
                                                 gint64      id,
                                                 TsDate      on,
                                                 int         limit,
                                                 GError    **error);
/* The new assignment.  An ineligible supporter is
 * TS_ERROR_SUPPORTER_NOT_ELIGIBLE with the problem's `reasons`. */
TsAssignmentRecord *ts_service_dispatch_accept (TsService     *self,
                                                TsContext     *ctx,
                                                gint64         id,
                                                gint64         supporter_id,
                                                TsDate         starts_on,
                                                const gint64  *if_match,
                                                guint          n_if_match,
                                                GError       **error);
/* @reason: required, at most TS_DISPATCH_REASON_MAX characters. */
TsDispatchView *ts_service_dispatch_decline  (TsService     *self,
                                              TsContext     *ctx,
                                              gint64         id,
                                              const char    *reason,
                                              const gint64  *if_match,
                                              guint          n_if_match,
                                              GError       **error);
/* @note: optional, at most TS_DISPATCH_NOTE_MAX characters. */
TsDispatchView *ts_service_dispatch_withdraw (TsService     *self,
                                              TsContext     *ctx,
                                              gint64         id,
                                              const char    *note,
                                              const gint64  *if_match,
                                              guint          n_if_match,
                                              GError       **error);

G_END_DECLS
