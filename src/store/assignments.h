/*
 * Assignments: a supporter working with a case (table `assignments`,
 * migration 0004).  An assignment is open (active) while ended_on is NULL.
 * The table's unique indexes keep at most one open primary per case and
 * one open row per pair; the service checks both first to explain itself,
 * the indexes hold even if it did not.
 */
#pragma once

#include "model/assignment.h"
#include "store/store.h"

G_BEGIN_DECLS

/* The list's filters as the supporters' service asks them (a supporter's
 * open assignments, when they retire); the API's list takes the model's
 * TsAssignmentQuery (ts_store_assignment_query). */
typedef struct {
  gint64   case_id;                /* 0: any */
  gint64   supporter_id;           /* 0: any */
  gboolean has_active;
  gboolean active;                 /* with has_active: open (TRUE) or ended */
} TsAssignmentFilter;

/* Writer thread only. */
gboolean ts_store_assignment_insert (TsStore          *self,
                                     gint64            case_id,
                                     gint64            supporter_id,
                                     TsAssignmentRole  role,
                                     TsDate            starts_on,
                                     gint64            now,
                                     gint64           *out_id,
                                     GError          **error);
gboolean ts_store_assignment_end    (TsStore          *self,
                                     gint64            id,
                                     TsDate            ended_on,
                                     const char       *reason,
                                     GError          **error);

/* Any thread. */
TsAssignmentRecord *ts_store_assignment_get  (TsStore                  *self,
                                              gint64                    id,
                                              GError                  **error);
GPtrArray          *ts_store_assignment_list (TsStore                  *self,
                                              const TsAssignmentFilter *filter,
                                              gint64                    after_id,
                                              guint                     limit,
                                              GError                  **error);
/* A page of GET /v1/assignments (TsListRowsFunc of service/resource.h):
 * only assignments whose case's or supporter's organisation is in
 * @query->list.scope (SPEC 2.6). */
GPtrArray          *ts_store_assignment_query (TsStore                 *self,
                                               const TsAssignmentQuery *query,
                                               gint64                   after_id,
                                               guint                    limit,
                                               GError                 **error);
/* The open assignments of a case with @role, or -1 with @error set. */
int                 ts_store_assignment_count_open (TsStore          *self,
                                                    gint64            case_id,
                                                    TsAssignmentRole  role,
                                                    GError          **error);
/* The organisation of supporter @id (SPEC 2.6); FALSE with
 * TS_ERROR_NOT_FOUND "No such supporter" when there is none. */
gboolean            ts_store_assignment_supporter_organisation (TsStore  *self,
                                                                gint64    id,
                                                                gint64   *out_organisation_id,
                                                                GError  **error);
/* Whether the pair has an open assignment. */
gboolean            ts_store_assignment_pair_open  (TsStore  *self,
                                                    gint64    case_id,
                                                    gint64    supporter_id,
                                                    GError  **error);

G_END_DECLS
