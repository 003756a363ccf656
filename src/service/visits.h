/*
 * Planned visits (SPEC 2.9, 3.3 Visits; issue 17).
 *
 * Who may do what: a coordinator or an administrator plans, changes and
 * cancels the visits of assignments in their organisations' scope (the
 * case's or the supporter's, SPEC 2.6); a supporter those of their own
 * assignments (an active one to plan).  Everything else is a missing id to
 * a supporter, and a 403 to a host or an auditor.  A reported visit (a
 * live activity report names it) is not changed nor cancelled any more.
 *
 * Proposals: the next three days' earliest starts that fit both the
 * supporter's and the case's weekly availability and overlap none of the
 * supporter's planned visits (docs/domain-rules.md, "Visit proposals").
 */
#pragma once

#include "model/visit.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  TsVisitRecord *record;
} TsVisitView;

void ts_visit_view_free (TsVisitView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsVisitView, ts_visit_view_free)

/* GET /v1/visits and /v1/visits/{id} (ts_service_list, _get). */
extern const TsResourceOps ts_visit_ops;

#define TS_VISIT_PROPOSALS        3
#define TS_VISIT_PROPOSAL_DAYS    60   /* how far ahead a proposal looks */
#define TS_VISIT_PROPOSAL_STEP    15   /* minutes between candidate starts */

typedef struct {
  TsDate date;
  int    start_min;
  int    end_min;
} TsVisitProposal;

TsVisitView *ts_service_visit_create    (TsService            *self,
                                         TsContext            *ctx,
                                         const TsVisitRecord  *draft,
                                         guint                 present,
                                         GError              **error);
/* PATCH: date, start, minutes, note, over_limit_reason (@present: the
 * TsVisitFields bits); If-Match versions in @if_match. */
TsVisitView *ts_service_visit_update    (TsService            *self,
                                         TsContext            *ctx,
                                         gint64                id,
                                         const TsVisitRecord  *draft,
                                         guint                 present,
                                         const gint64         *if_match,
                                         guint                 n_if_match,
                                         GError              **error);
TsVisitView *ts_service_visit_cancel    (TsService            *self,
                                         TsContext            *ctx,
                                         gint64                id,
                                         GError              **error);
/* Up to TS_VISIT_PROPOSALS slots of @minutes from @from (TS_DATE_NONE:
 * today) for assignment @assignment_id (TsVisitProposal). */
GArray      *ts_service_visit_proposals (TsService            *self,
                                         TsContext            *ctx,
                                         gint64                assignment_id,
                                         TsDate                from,
                                         int                   minutes,
                                         GError              **error);

/* The pure part of the proposals: the earliest start of @minutes on each
 * day from @from (not before @not_before_min on @from itself) that lies
 * within both availabilities (TsAvailabilitySlot arrays; an empty one
 * is 09:00–18:00 every day) and overlaps none of @busy (TsVisitProposal,
 * sorted by date), at most @max of them, looking @days ahead. */
GArray      *ts_visit_proposals_compute (const GArray         *supporter_slots,
                                         const GArray         *case_slots,
                                         const GArray         *busy,
                                         TsDate                from,
                                         int                   not_before_min,
                                         int                   minutes,
                                         guint                 max,
                                         int                   days);

G_END_DECLS
