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
#include "service/service.h"
#include "store/assignments.h"

G_BEGIN_DECLS

#define TS_ASSIGNMENT_REASON_MAX    500
#define TS_ASSIGNMENT_LIST_DEFAULT  50
#define TS_ASSIGNMENT_LIST_MAX      200

typedef struct {
  gint64      case_id;
  gint64      supporter_id;
  TsDate      starts_on;
  const char *role;                 /* "primary" (NULL) or "co_supporter" */
} TsAssignmentInput;

typedef struct {
  gint64   case_id;                 /* 0: any */
  gint64   supporter_id;            /* 0: any (a supporter: their own) */
  gboolean has_active;
  gboolean active;
  gint64   after_id;
  int      limit;                   /* 0: TS_ASSIGNMENT_LIST_DEFAULT */
} TsAssignmentQuery;

typedef struct {
  GPtrArray *items;                 /* TsAssignmentRecord* */
  gint64     next_after_id;         /* 0: the last page */
} TsAssignmentPage;

void ts_assignment_page_free (TsAssignmentPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsAssignmentPage, ts_assignment_page_free)

TsAssignmentRecord *ts_service_assignment_create (TsService               *self,
                                                  TsContext               *ctx,
                                                  const TsAssignmentInput *input,
                                                  GError                 **error);
TsAssignmentRecord *ts_service_assignment_get    (TsService               *self,
                                                  TsContext               *ctx,
                                                  gint64                   id,
                                                  GError                 **error);
TsAssignmentPage   *ts_service_assignment_list   (TsService               *self,
                                                  TsContext               *ctx,
                                                  const TsAssignmentQuery *query,
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
