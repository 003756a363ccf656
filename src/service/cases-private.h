/*
 * What the case registry's files share (cases.c: records, list, read,
 * create, update; cases-status.c: assessment, matching, close;
 * cases-plan.c: support plans and exclusions).  Not for other modules.
 */
#pragma once

#include "service/cases.h"
#include "service/validate.h"

G_BEGIN_DECLS

/* Earlier dates are typing mistakes (0202 for 2022). */
#define TS_CASE_EARLIEST_YEAR 2000

/* The full view (record, assessments, current plan) from one snapshot, or
 * for a supporter the reduced view of a case they work with. */
gpointer  ts_cases_load_view        (TsService     *self,
                                     TsContext     *ctx,
                                     gint64         id,
                                     GError       **error);
void      ts_cases_set_not_found    (GError       **error);
/* Staff, and a case that exists in the caller's scope (404 before the
 * body's 422). */
gboolean  ts_cases_require_case     (TsService     *self,
                                     TsContext     *ctx,
                                     gint64         id,
                                     GError       **error);
/* FALSE with TS_ERROR_INVALID_TRANSITION and the current status in the
 * problem (when @ctx is not NULL). */
gboolean  ts_cases_invalid_transition (TsContext   *ctx,
                                       TsCaseStatus status,
                                       const char  *message,
                                       GError     **error);

/* A date that happened: not in the future, not before 2000. */
void      ts_cases_check_past_date  (TsContext     *ctx,
                                     const char    *field,
                                     TsDate         date,
                                     gboolean       required);
/* Each item of a list of short texts: 1 to @max characters, no control
 * characters, at most @max_items items, and at least one if @non_empty. */
void      ts_cases_check_text_list  (TsContext     *ctx,
                                     const char    *field,
                                     char         **items,
                                     gboolean       non_empty,
                                     guint          max_items,
                                     glong          max,
                                     const char    *message);
/* One of @vocabulary's names (Required when NULL and @required). */
void      ts_cases_check_word       (TsContext          *ctx,
                                     const char         *field,
                                     const char         *text,
                                     gboolean            required,
                                     const TsVocabulary *vocabulary);
/* An optional note: trimmed text of at most TS_CASE_NOTE_MAX characters. */
void      ts_cases_check_note       (TsContext     *ctx,
                                     const char    *field,
                                     const char    *note);
char    **ts_cases_dup_trimmed_strv (char         **items);

/* One step of a case in one transaction: the case is read, @apply checks
 * its state, writes what the step adds (an assessment, a plan revision)
 * and changes the record; the record is then saved (a new version: the
 * ETag changes with everything a case's representation shows) and the
 * step audited as @action.  @apply sets @unchanged when there is nothing
 * to do (no save, no audit); @keep_version audits without saving the
 * record (a sub-record the case's representation does not show). */
typedef struct _TsCaseStep TsCaseStep;
struct _TsCaseStep {
  TsService     *service;
  TsContext     *ctx;
  gint64         id;
  const char    *action;
  gboolean     (*apply) (TsStore       *store,
                         TsCaseStep    *step,
                         TsCaseRecord  *record,
                         GError       **error);
  gconstpointer  input;
  gpointer       data;
  gboolean       keep_version;
  gboolean       unchanged;
  /* The case need not be in @ctx's scope (SPEC 2.6): the assignment's own
   * steps, whose caller the assignment use case has checked. */
  gboolean       any_organisation;
};

/* The step's write function: inside another write function (writer thread
 * only) call it directly; ts_cases_write_step() runs it in its own
 * transaction. */
gboolean  ts_cases_run_step         (TsStore       *store,
                                     gpointer       step,
                                     GError       **error);
gboolean  ts_cases_write_step       (TsCaseStep    *step,
                                     GError       **error);

G_END_DECLS
