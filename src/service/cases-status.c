/*
 * A case's status steps (service/cases.h): ②アセスメント (assessment),
 * ③マッチング (start matching, and whether a case may be matched or
 * assigned), the changes an assignment causes, and closing.  Every other
 * request for a transition is TS_ERROR_INVALID_TRANSITION with the current
 * status in the problem.
 */
#include "service/cases-private.h"

#include "core/i18n.h"

/* ---- assessment ------------------------------------------------------- */

typedef struct {
  char **participants;
  char  *summary;
} Assessment;

/* ②アセスメント: the first conference turns an inquiry into an assessed
 * case; later ones (a review during matching or support) are recorded too
 * and leave the status alone.  The assessments are part of the case's
 * representation: new ETag. */
static gboolean
apply_assess (TsStore *store, TsCaseStep *step, TsCaseRecord *record, GError **error)
{
  const TsAssessmentInput *input = step->input;
  const Assessment *a = step->data;

  if (record->status == TS_CASE_CLOSED)
    return ts_cases_invalid_transition (step->ctx, record->status,
                                        N_("A closed case cannot be assessed"), error);
  if (!ts_store_case_assessment_insert (store, step->id, input->held_on,
                                        (const char *const *) a->participants, a->summary,
                                        step->ctx->user_id, ts_service_now_unix (), error))
    return FALSE;
  if (record->status == TS_CASE_INQUIRY)
    record->status = TS_CASE_ASSESSED;
  return TRUE;
}

TsCaseView *
ts_service_case_assess (TsService *self, TsContext *ctx, gint64 id,
                        const TsAssessmentInput *input, GError **error)
{
  g_auto(GStrv) participants = NULL;
  g_autofree char *summary = NULL;
  Assessment a = { NULL, NULL };
  TsCaseStep step = { self, ctx, id, "assess", apply_assess, input, &a, FALSE, FALSE,
                      FALSE };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_cases_require_case (self, ctx, id, error))
    return NULL;
  ts_cases_check_past_date (ctx, "held_on", input->held_on, TRUE);
  ts_cases_check_text_list (ctx, "participants", (char **) input->participants, TRUE,
                            TS_CASE_PARTICIPANTS_MAX, TS_CASE_PARTICIPANT_MAX,
                            N_("At most 20 participants of 1 to 100 characters each"));
  ts_validate_text (ctx, "summary", input->summary, TRUE, TS_CASE_SUMMARY_MAX, TRUE,
                    ts_too_long_message (TS_CASE_SUMMARY_MAX));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  participants = ts_cases_dup_trimmed_strv ((char **) input->participants);
  summary = ts_text_dup_trimmed (input->summary);
  a.participants = participants;
  a.summary = summary;
  if (!ts_cases_write_step (&step, error))
    return NULL;
  return ts_cases_load_view (self, ctx, id, error);
}

/* ---- matching --------------------------------------------------------- */

TsCaseMatchBlock
ts_case_match_block (const TsCaseRecord *record)
{
  g_return_val_if_fail (record != NULL, TS_CASE_BLOCKED_CLOSED);

  if (record->status == TS_CASE_CLOSED)
    return TS_CASE_BLOCKED_CLOSED;
  if (record->status == TS_CASE_INQUIRY)
    return TS_CASE_BLOCKED_NOT_ASSESSED;
  /* Matching shows the case to the matcher and, once assigned, to a
   * supporter: only with the person's consent (seed 000). */
  if (!ts_case_record_has_consent (record, TS_CONSENT_MATCHING))
    return TS_CASE_BLOCKED_CONSENT_MISSING;
  return TS_CASE_MATCHABLE;
}

const char *
ts_case_match_block_to_string (TsCaseMatchBlock block)
{
  switch (block)
    {
    case TS_CASE_MATCHABLE:
      return "matchable";
    case TS_CASE_BLOCKED_CLOSED:
      return "case_closed";
    case TS_CASE_BLOCKED_NOT_ASSESSED:
      return "case_not_assessed";
    case TS_CASE_BLOCKED_CONSENT_MISSING:
      return "consent_missing";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ts_service_case_check_matchable (const TsCaseRecord *record, TsContext *ctx, GError **error)
{
  g_return_val_if_fail (record != NULL, FALSE);

  switch (ts_case_match_block (record))
    {
    case TS_CASE_MATCHABLE:
      return TRUE;
    case TS_CASE_BLOCKED_CLOSED:
      return ts_cases_invalid_transition (ctx, record->status, N_("The case is closed"), error);
    case TS_CASE_BLOCKED_NOT_ASSESSED:
      return ts_cases_invalid_transition (ctx, record->status,
                                          N_("The case must be assessed before matching"),
                                          error);
    case TS_CASE_BLOCKED_CONSENT_MISSING:
    default:
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONSENT_MISSING,
                           N_("The case's consent does not cover matching"));
      return FALSE;
    }
}

static gboolean
apply_start_matching (G_GNUC_UNUSED TsStore *store, TsCaseStep *step, TsCaseRecord *record,
                      GError **error)
{
  if (record->status != TS_CASE_ASSESSED)
    return ts_cases_invalid_transition (step->ctx, record->status,
                                        N_("Only an assessed case can go to matching"), error);
  if (!ts_service_case_check_matchable (record, step->ctx, error))
    return FALSE;
  record->status = TS_CASE_MATCHING;
  return TRUE;
}

TsCaseView *
ts_service_case_start_matching (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsCaseStep step = { self, ctx, id, "start_matching", apply_start_matching, NULL, NULL,
                      FALSE, FALSE, FALSE };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_cases_require_case (self, ctx, id, error) || !ts_cases_write_step (&step, error))
    return NULL;
  return ts_cases_load_view (self, ctx, id, error);
}

typedef struct {
  gint64           id;
  TsCaseMatchInfo *info;
  GPtrArray       *open;
  const TsContext *ctx;              /* whose cases (SPEC 2.6) */
} MatchRead;

static gboolean
read_for_matching (TsStore *store, gpointer user_data, GError **error)
{
  MatchRead *m = user_data;

  if (m->id > 0)
    {
      m->info = ts_store_case_get_for_matching (store, m->id, error);
      return m->info != NULL &&
             ts_service_check_scope ((TsContext *) m->ctx, &ts_case_resource, m->info->record,
                                     error);
    }
  m->open = ts_store_case_list_open_for_matching_in (store, m->ctx->scope, error);
  return m->open != NULL;
}

TsCaseMatchInfo *
ts_service_case_get_for_matching (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  MatchRead m = { id, NULL, NULL, ctx };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (id > 0, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_for_matching, &m, error))
    {
      ts_case_match_info_free (m.info);
      return NULL;
    }
  return m.info;
}

GPtrArray *
ts_service_case_list_open_for_matching (TsService *self, TsContext *ctx, GError **error)
{
  MatchRead m = { 0, NULL, NULL, ctx };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_for_matching, &m, error))
    {
      g_clear_pointer (&m.open, g_ptr_array_unref);
      return NULL;
    }
  return m.open;
}

static gboolean
apply_started (G_GNUC_UNUSED TsStore *store, TsCaseStep *step, TsCaseRecord *record,
               GError **error)
{
  if (!ts_service_case_check_matchable (record, step->ctx, error))
    return FALSE;
  step->unchanged = record->status == TS_CASE_ACTIVE;
  record->status = TS_CASE_ACTIVE;
  return TRUE;
}

/* Nobody works with the case any more: it needs a new supporter (or the
 * coordinator closes it). */
static gboolean
apply_ended (TsStore *store, TsCaseStep *step, TsCaseRecord *record, GError **error)
{
  int open;

  if (record->status != TS_CASE_ACTIVE)
    {
      step->unchanged = TRUE;
      return TRUE;
    }
  open = ts_store_case_open_assignments (store, step->id, error);
  if (open < 0)
    return FALSE;
  step->unchanged = open > 0;
  record->status = TS_CASE_MATCHING;
  return TRUE;
}

/* Inside the assignment's own write function: the same transaction. */
static gboolean
run_in_writer (TsService *self, TsContext *ctx, gint64 case_id, const char *action,
               gboolean (*apply) (TsStore *, TsCaseStep *, TsCaseRecord *, GError **),
               GError **error)
{
  TsCaseStep step = { self, ctx, case_id, action, apply, NULL, NULL, FALSE, FALSE, TRUE };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (ts_store_in_writer (ts_service_get_store (self)), FALSE);

  return ts_cases_run_step (ts_service_get_store (self), &step, error);
}

gboolean
ts_service_case_assignment_started (TsService *self, TsContext *ctx, gint64 case_id,
                                    GError **error)
{
  return run_in_writer (self, ctx, case_id, "activate", apply_started, error);
}

gboolean
ts_service_case_assignment_ended (TsService *self, TsContext *ctx, gint64 case_id,
                                  GError **error)
{
  return run_in_writer (self, ctx, case_id, "deactivate", apply_ended, error);
}

/* ---- close ------------------------------------------------------------ */

/* Ending a supporter's work is the assignment's own step (with its date
 * and reason); closing must not end it silently. */
static gboolean
apply_close (TsStore *store, TsCaseStep *step, TsCaseRecord *record, GError **error)
{
  const TsCaseCloseInput *input = step->input;
  int open;

  if (record->status == TS_CASE_CLOSED)
    return ts_cases_invalid_transition (step->ctx, record->status,
                                        N_("The case is already closed"), error);
  open = ts_store_case_open_assignments (store, step->id, error);
  if (open < 0)
    return FALSE;
  if (open > 0)
    {
      ts_context_add_extra (step->ctx, "open_assignments",
                            json_node_init_int (json_node_alloc (), open));
      return ts_cases_invalid_transition (step->ctx, record->status,
                                          N_("The case still has open assignments; end them first"),
                                          error);
    }
  record->status = TS_CASE_CLOSED;
  record->closed_on = input->closed_on;
  g_free (record->close_reason);
  record->close_reason = g_strdup (input->reason);
  g_free (record->close_note);
  record->close_note = g_strdup (step->data);
  return TRUE;
}

TsCaseView *
ts_service_case_close (TsService *self, TsContext *ctx, gint64 id,
                       const TsCaseCloseInput *input, GError **error)
{
  g_autofree char *note = NULL;
  TsCaseStep step = { self, ctx, id, "close", apply_close, input, NULL, FALSE, FALSE,
                      FALSE };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_cases_require_case (self, ctx, id, error))
    return NULL;
  ts_cases_check_past_date (ctx, "closed_on", input->closed_on, TRUE);
  ts_cases_check_word (ctx, "reason", input->reason, TRUE, &ts_case_close_reason_vocabulary);
  ts_cases_check_note (ctx, "note", input->note);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  note = ts_text_dup_trimmed (input->note);
  step.data = note;
  if (!ts_cases_write_step (&step, error))
    return NULL;
  return ts_cases_load_view (self, ctx, id, error);
}
