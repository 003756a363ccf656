/*
 * The case registry (SPEC 2.2, 3.2; Bunkyo's scheme, seed 004): pseudonymous
 * cases, assessments, support plans with their revisions, excluded supporter
 * pairs, and the status that follows the scheme's steps:
 *
 *   inquiry --assess--> assessed --start matching--> matching
 *   assessed | matching --first assignment--> active
 *   active --last open assignment ended--> matching
 *   inquiry | assessed | matching | active (no open assignment) --close--> closed
 *
 * Who may do what is decided here as well as in the route table: staff
 * (admin, coordinator) read and write every case.  A supporter reads one
 * case only while they have an active assignment of it (not ended, started
 * on or before today), and then only a reduced view (nickname, age band,
 * needs, interests, preferences, municipality name); any other case is
 * "not found".  Auditors and hosts are refused.  Every read of a case
 * record — one case, a list page, a plan, the exclusions — is in the audit
 * log before the caller sees it; the log names the case id only.
 *
 * For the matcher and the assignment use cases (other files build on these):
 * - ts_case_match_block() / ts_service_case_check_matchable(): whether a
 *   case may be matched or assigned now (status, and consent to matching).
 * - ts_service_case_get_for_matching() and
 *   ts_service_case_list_open_for_matching(): the plain records with
 *   excluded and past supporters.  They do not write the audit log: the
 *   caller appends its own read entry (e.g. "candidates", "match_batch").
 * - ts_service_case_assignment_started() / _ended(): the status changes an
 *   assignment causes, to be called inside the assignment's write function.
 */
#pragma once

#include "model/case.h"
#include "service/resource.h"
#include "service/service.h"
#include "store/cases.h"

G_BEGIN_DECLS

/* A case as the API shows it.  With @reduced (a supporter's view) only the
 * nickname, age band, needs, interests, preferences and municipality name
 * may be shown. */
typedef struct {
  TsCaseRecord *record;
  char         *municipality_name;   /* NULL when the code is no longer in the table */
  const char   *prefecture_name;     /* NULL likewise */
  GPtrArray    *assessments;         /* TsCaseAssessment*, oldest first; NULL in lists */
  TsCasePlan   *plan;                /* the current plan; NULL: none, or in lists */
  gboolean      reduced;
} TsCaseView;

void ts_case_view_free (TsCaseView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseView, ts_case_view_free)

/* List, read and update: service/resource.h.  A supporter's read is
 * the reduced view of a case of their active assignment. */
extern const TsResourceOps ts_case_ops;

typedef struct {
  TsDate              held_on;
  const char *const  *participants;  /* roles or agencies, not names of persons */
  const char         *summary;
} TsAssessmentInput;

typedef struct {
  TsDate      closed_on;
  const char *reason;                /* one of ts_case_close_reasons */
  const char *note;                  /* NULL: none */
} TsCaseCloseInput;

typedef struct {
  const char *const *goals;
  TsDate             review_on;
} TsPlanInput;

typedef struct {
  gint64      supporter_id;
  const char *reason;                /* one of ts_case_exclusion_reasons */
  const char *note;                  /* NULL: none */
} TsExclusionInput;

TsCaseView *ts_service_case_create   (TsService          *self,
                                      TsContext          *ctx,
                                      const TsCaseRecord *draft,
                                      guint               present,
                                      GError            **error);
TsCaseView *ts_service_case_assess   (TsService               *self,
                                      TsContext               *ctx,
                                      gint64                   id,
                                      const TsAssessmentInput *input,
                                      GError                 **error);
TsCaseView *ts_service_case_start_matching (TsService  *self,
                                            TsContext  *ctx,
                                            gint64      id,
                                            GError    **error);
TsCaseView *ts_service_case_close    (TsService              *self,
                                      TsContext              *ctx,
                                      gint64                  id,
                                      const TsCaseCloseInput *input,
                                      GError                **error);
/* Both return every revision, newest (the current plan) first. */
GPtrArray  *ts_service_case_revise_plan (TsService         *self,
                                         TsContext         *ctx,
                                         gint64             id,
                                         const TsPlanInput *input,
                                         gboolean          *out_revised,
                                         GError           **error);
GPtrArray  *ts_service_case_get_plan    (TsService  *self,
                                         TsContext  *ctx,
                                         gint64      id,
                                         GError    **error);
TsCaseExclusion *ts_service_case_add_exclusion   (TsService              *self,
                                                  TsContext              *ctx,
                                                  gint64                  id,
                                                  const TsExclusionInput *input,
                                                  GError                **error);
GPtrArray       *ts_service_case_list_exclusions (TsService  *self,
                                                  TsContext  *ctx,
                                                  gint64      id,
                                                  GError    **error);

/* ---- for matching and assignments ------------------------------------- */

/* Why a case cannot be matched or assigned now. */
typedef enum {
  TS_CASE_MATCHABLE = 0,
  TS_CASE_BLOCKED_CLOSED,           /* "case_closed" */
  TS_CASE_BLOCKED_NOT_ASSESSED,     /* "case_not_assessed": still an inquiry */
  TS_CASE_BLOCKED_CONSENT_MISSING,  /* "consent_missing": scope lacks matching */
} TsCaseMatchBlock;

TsCaseMatchBlock ts_case_match_block           (const TsCaseRecord *record);
const char      *ts_case_match_block_to_string (TsCaseMatchBlock    block);

/* TRUE when @record is assessed, matching or active (a co-supporter) and
 * its consent scope has matching.  Otherwise FALSE with
 * TS_ERROR_INVALID_TRANSITION (closed, or not assessed yet) or
 * TS_ERROR_CONSENT_MISSING; with @ctx, the problem gets `current_status`. */
gboolean         ts_service_case_check_matchable (const TsCaseRecord *record,
                                                  TsContext          *ctx,
                                                  GError            **error);

/* Staff only, of the caller's organisations (another's case is "No such
 * case"); no audit entry (see above). */
TsCaseMatchInfo *ts_service_case_get_for_matching       (TsService  *self,
                                                         TsContext  *ctx,
                                                         gint64      id,
                                                         GError    **error);
GPtrArray       *ts_service_case_list_open_for_matching (TsService  *self,
                                                         TsContext  *ctx,
                                                         GError    **error);

/* Inside the assignment's write function (writer thread only).  _started
 * checks ts_service_case_check_matchable(), moves an assessed or matching
 * case to active and audits it; an active case (co-supporter) stays.
 * _ended, called after the assignment's ended_on is written, moves an
 * active case back to matching when no open assignment remains. */
gboolean ts_service_case_assignment_started (TsService  *self,
                                             TsContext  *ctx,
                                             gint64      case_id,
                                             GError    **error);
gboolean ts_service_case_assignment_ended   (TsService  *self,
                                             TsContext  *ctx,
                                             gint64      case_id,
                                             GError    **error);

G_END_DECLS
