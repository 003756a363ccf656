/*
 * A supporter's training completions (SPEC 3.2) and the qualification
 * computed from them for a date.
 */
#include "service/supporters-private.h"

#include "core/i18n.h"

void
ts_service_qualification_rules (TsService *self, TsQualificationRules *out)
{
  *out = *ts_service_get_qualification_rules (self);
}

void
ts_service_supporter_qualify (TsService *self, const TsTrainingRecord *trainings,
                              guint n_trainings, TsDate on, TsQualification *out)
{
  TsQualificationRules rules;
  g_autofree TsTrainingCompletion *completions = g_new0 (TsTrainingCompletion, MAX (n_trainings, 1));
  guint n = 0;

  ts_service_qualification_rules (self, &rules);
  for (guint i = 0; i < n_trainings; i++)
    {
      TsTrainingKind kind;
      if (!ts_training_kind_from_string (trainings[i].kind, &kind))
        continue;
      completions[n].kind = kind;
      completions[n].completed_on = trainings[i].completed_on;
      n++;
    }
  ts_qualification_compute (completions, n, on, &rules, out);
}

/* ---- completions ------------------------------------------------------ */

/* Earlier dates are typing mistakes (0202 for 2022): supporter training
 * schemes in the seeds start in the 2010s. */
#define EARLIEST_TRAINING_YEAR 2000

typedef struct {
  TsService             *service;
  TsContext             *ctx;
  gint64                 id;
  const TsTrainingInput *input;
} TrainingWrite;

static gboolean
write_training (TsStore *store, gpointer user_data, GError **error)
{
  TrainingWrite *w = user_data;
  const TsTrainingInput *in = w->input;
  gint64 now = ts_service_now_unix ();
  gint64 training_id = 0;
  g_autoptr(TsSupporterRecord) supporter = ts_store_supporter_get (store, w->id, error);

  if (supporter == NULL ||
      !ts_service_check_scope (w->ctx, &ts_supporter_resource, supporter, error))
    return FALSE;
  if (in->course_id > 0)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *kind = ts_store_supporter_course_kind (store, in->course_id, &local);

      if (kind == NULL && local->code != TS_ERROR_NOT_FOUND)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (kind == NULL)
        ts_field_errors_add (w->ctx->errors, "course_id", N_("No such training course"));
      else if (!g_str_equal (kind, in->kind))
        ts_field_errors_add (w->ctx->errors, "course_id",
                             N_("The course is of the other kind (initial or follow_up)"));
      if (!ts_field_errors_check (w->ctx->errors, error))
        return FALSE;
    }
  if (ts_store_supporter_training_exists (store, w->id, in->kind, in->completed_on,
                                          in->course_id, NULL))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_ALREADY_EXISTS,
                           N_("This completion is already recorded"));
      return FALSE;
    }
  if (!ts_store_supporter_training_insert (store, w->id, in->kind, in->completed_on,
                                           in->course_id, now, &training_id, error) ||
      !ts_store_supporter_touch (store, w->id, now, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "add_training", "supporter", w->id, error);
}

TsSupporterView *
ts_service_supporter_add_training (TsService *self, TsContext *ctx, gint64 id,
                                   const TsTrainingInput *input, GError **error)
{
  TrainingWrite w = { self, ctx, id, input };
  TsDate today = ts_date_today ();

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_supporter_check_verb (self, ctx, id, error))
    return NULL;
  if (input->kind == NULL)
    ts_field_errors_add (ctx->errors, "kind", N_("Required"));
  else if (!ts_training_kind_from_string (input->kind, NULL))
    ts_field_errors_add (ctx->errors, "kind", N_("Must be initial or follow_up"));
  if (input->completed_on == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "completed_on", N_("Required"));
  else if (input->completed_on > today)
    ts_field_errors_add (ctx->errors, "completed_on", N_("Must not be in the future"));
  else if (ts_date_get_year (input->completed_on) < EARLIEST_TRAINING_YEAR)
    ts_field_errors_add (ctx->errors, "completed_on", N_("Must not be before 2000"));
  if (input->course_id < 0)
    ts_field_errors_add (ctx->errors, "course_id", N_("Must be a positive integer"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  if (!ts_store_write (ts_service_get_store (self), write_training, &w, error))
    return NULL;
  return ts_supporter_load_view (self, ctx, id, TS_DATE_NONE, error);
}
