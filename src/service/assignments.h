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
  /* Never from a client.  TRUE when the caller reaches the case through a
   * dispatch request it accepts (SPEC 2.6: the request's checks stand for
   * the case's scope); the supporter must still be of the caller's
   * organisations. */
  gboolean    case_shared;
} TsAssignmentInput;

/* An assignment as the API shows it: with @own (a supporter reading their
 * own) without the coordinators' end reason, and the case as a supporter
 * working with it may see it (the reduced view's nickname, needs and
 * place), so that a phone lists its assignments in one request. */
typedef struct {
  TsAssignmentRecord *record;
  gboolean            own;
  char               *case_nickname;
  char              **case_needs;
  char               *case_municipality_name;
} TsAssignmentView;

void ts_assignment_view_free (TsAssignmentView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsAssignmentView, ts_assignment_view_free)

/* List and read: service/resource.h.  Staff reach the assignments whose
 * case or supporter belongs to one of their organisations (SPEC 2.6: the
 * case's organisation and the one that dispatched the supporter), a
 * supporter their own; any other id is "not found".  Either side's staff
 * may end an assignment. */
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

/* Inside a write function (the batch commit, a dispatch request's
 * acceptance): every check of ts_service_assignment_create, then the
 * insert, the case's status and the audit entry.  A case outside the
 * caller's organisations is "No such case" (unless @input->case_shared), a
 * supporter outside them "No such supporter", both 404 as a missing id.  An ineligible supporter is TS_ERROR_SUPPORTER_NOT_ELIGIBLE
 * with *out_reasons set; other refusals keep their codes.  @input must be
 * valid (the caller validated it). */
gboolean ts_service_assignment_insert_checked (TsService               *self,
                                               TsContext               *ctx,
                                               const TsAssignmentInput *input,
                                               gint64                  *out_id,
                                               TsMatchReasons          *out_reasons,
                                               GError                 **error);

G_END_DECLS
