/*
 * Assignment use cases (SPEC 2.2, 3.2; issue 4): a coordinator confirms a
 * supporter for a case, lists and ends assignments; a supporter sees only
 * their own.
 *
 * Creating an assignment checks, inside its write transaction, what
 * could have changed since anyone looked: the case is still matchable
 * (status and consent), it has no active primary supporter unless the new
 * one is explicitly a co-supporter (Bunkyo pairs occasionally work in twos,
 * seed 004), the pair is not already active, and every hard filter of the
 * matcher on the start date (ts_service_matching_check_pair).  The first
 * assignment moves the case to `active`, ending the last one moves it back
 * to `matching` (the case registry's rules, service/cases.h).
 */
#pragma once

#include "match/vocabulary.h"
#include "model/assignment.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  gint64      case_id;
  gint64      supporter_id;
  TsDate      starts_on;
  const char *role;                 /* "primary" (NULL) or "co_supporter" */
  gboolean    case_shared;         /* set by a dispatch acceptance only: the case is another organisation's */
} TsAssignmentInput;

/* An assignment as the API shows it: with @own (a supporter reading their
 * own) without the coordinators' end reason. */
typedef struct {
  TsAssignmentRecord *record;
  gboolean            own;
} TsAssignmentView;

void ts_assignment_view_free (TsAssignmentView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsAssignmentView, ts_assignment_view_free)

/* List and read: service/resource.h.  Staff reach every assignment, a
 * supporter their own (any other id is "not found"). */
extern const TsResourceOps ts_assignment_ops;

TsAssignmentRecord *ts_service_assignment_create (TsService               *self,
                                                  TsContext               *ctx,
                                                  const TsAssignmentInput *input,
                                                  GError                 **error);
TsAssignmentRecord *ts_service_assignment_end    (TsService               *self,
                                                  TsContext               *ctx,
                                                  gint64                   id,
                                                  TsDate                   ended_on,
                                                  const char              *reason,
                                                  GError                 **error);

/* Inside a write function (the batch commit): every check of
 * ts_service_assignment_create, then the insert, the case's status and the
 * audit entry.  An ineligible supporter is TS_ERROR_SUPPORTER_NOT_ELIGIBLE
 * with *out_reasons set; other refusals keep their codes.  @input must be
 * valid (the caller validated it). */
gboolean ts_service_assignment_insert_checked (TsService               *self,
                                               TsContext               *ctx,
                                               const TsAssignmentInput *input,
                                               gint64                  *out_id,
                                               TsMatchReasons          *out_reasons,
                                               GError                 **error);

G_END_DECLS
