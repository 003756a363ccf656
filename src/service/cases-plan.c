/*
 * A case's sub-records: ④支援プラン (the support plan and its revisions)
 * and the supporters excluded from its matching (service/cases.h).
 */
#include "service/cases-private.h"

#include "core/i18n.h"
#include "store/supporters.h"

/* ---- reads ------------------------------------------------------------ */

typedef GPtrArray *(*SubRecordsFunc) (TsStore *store, gint64 case_id, GError **error);

typedef struct {
  gint64          id;
  SubRecordsFunc  func;
  GPtrArray      *items;
} SubRecordsRead;

static gboolean
read_sub_records (TsStore *store, gpointer user_data, GError **error)
{
  SubRecordsRead *r = user_data;

  r->items = r->func (store, r->id, error);
  return r->items != NULL;
}

/* A case's plans or exclusions; with @audit_action, a read the audit log
 * records before it is answered (a write's own answer is not a read). */
static GPtrArray *
load_sub_records (TsService *self, TsContext *ctx, gint64 id, SubRecordsFunc func,
                  const char *audit_action, GError **error)
{
  SubRecordsRead r = { id, func, NULL };
  g_autoptr(GPtrArray) items = NULL;

  if (!ts_store_read (ts_service_get_store (self), read_sub_records, &r, error))
    return NULL;
  items = r.items;
  if (audit_action != NULL && !ts_service_audit_read (self, ctx, audit_action, "case", id, error))
    return NULL;
  return g_steal_pointer (&items);
}

/* ---- support plan ----------------------------------------------------- */

typedef struct {
  char     **goals;
  TsDate     review_on;
} Plan;

static gboolean
same_plan (const TsCasePlan *plan, const Plan *p)
{
  guint n = g_strv_length (p->goals);

  if (plan->review_on != p->review_on || g_strv_length (plan->goals) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (plan->goals[i], p->goals[i]))
      return FALSE;
  return TRUE;
}

/* ④支援プラン: each change is a new revision; the old ones stay.  Sending
 * the current plan again changes nothing, so a retried PUT does not add a
 * revision.  The current plan is part of the case's representation: new
 * ETag. */
static gboolean
apply_plan (TsStore *store, TsCaseStep *step, TsCaseRecord *record, GError **error)
{
  const Plan *p = step->data;
  g_autoptr(GPtrArray) plans = NULL;
  int revision = 1;

  if (record->status == TS_CASE_CLOSED)
    return ts_cases_invalid_transition (step->ctx, record->status,
                                        N_("A closed case's plan cannot be changed"), error);
  if (record->status == TS_CASE_INQUIRY)
    return ts_cases_invalid_transition (step->ctx, record->status,
                                        N_("The case must be assessed before a support plan is made"),
                                        error);
  plans = ts_store_case_plans (store, step->id, error);
  if (plans == NULL)
    return FALSE;
  if (plans->len > 0)
    {
      const TsCasePlan *current = plans->pdata[0];
      step->unchanged = same_plan (current, p);
      revision = current->revision + 1;
    }
  return step->unchanged ||
         ts_store_case_plan_insert (store, step->id, revision, (const char *const *) p->goals,
                                    p->review_on, step->ctx->user_id, ts_service_now_unix (),
                                    error);
}

GPtrArray *
ts_service_case_revise_plan (TsService *self, TsContext *ctx, gint64 id,
                             const TsPlanInput *input, gboolean *out_revised, GError **error)
{
  g_auto(GStrv) goals = NULL;
  Plan p = { NULL, TS_DATE_NONE };
  TsCaseStep step = { self, ctx, id, "revise_plan", apply_plan, input, &p, FALSE, FALSE,
                      FALSE };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_cases_require_case (self, ctx, id, error))
    return NULL;
  ts_cases_check_text_list (ctx, "goals", (char **) input->goals, TRUE, TS_CASE_GOALS_MAX,
                            TS_CASE_GOAL_MAX, N_("At most 20 goals of 1 to 200 characters each"));
  if (input->review_on == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "review_on", N_("Required"));
  else if (input->review_on < ts_date_today ())
    ts_field_errors_add (ctx->errors, "review_on", N_("Must not be in the past"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  goals = ts_cases_dup_trimmed_strv ((char **) input->goals);
  p.goals = goals;
  p.review_on = input->review_on;
  if (!ts_cases_write_step (&step, error))
    return NULL;
  if (out_revised != NULL)
    *out_revised = !step.unchanged;
  return load_sub_records (self, ctx, id, ts_store_case_plans, NULL, error);
}

GPtrArray *
ts_service_case_get_plan (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_cases_require_case (self, ctx, id, error))
    return NULL;
  return load_sub_records (self, ctx, id, ts_store_case_plans, "read_plan", error);
}

/* ---- exclusions ------------------------------------------------------- */

typedef struct {
  char   *note;
  gint64  exclusion_id;
} Exclusion;

/* The exclusions are not part of the case's representation: the case
 * keeps its version. */
static gboolean
apply_exclusion (TsStore *store, TsCaseStep *step, TsCaseRecord *record, GError **error)
{
  const TsExclusionInput *input = step->input;
  Exclusion *e = step->data;
  g_autoptr(GError) local = NULL;
  g_autoptr(TsSupporterRecord) supporter = NULL;

  if (record->status == TS_CASE_CLOSED)
    return ts_cases_invalid_transition (step->ctx, record->status,
                                        N_("A closed case cannot get new exclusions"), error);
  /* A supporter outside the caller's scope is answered as a missing one
   * (SPEC 2.6). */
  supporter = ts_store_supporter_get (store, input->supporter_id, &local);
  if (supporter == NULL || !ts_record_in_scope (&ts_supporter_resource, supporter, step->ctx))
    {
      if (local != NULL && !g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      ts_field_errors_add (step->ctx->errors, "supporter_id", N_("No such supporter"));
      return ts_field_errors_check (step->ctx->errors, error);
    }
  return ts_store_case_exclusion_insert (store, step->id, input->supporter_id, input->reason,
                                         e->note, step->ctx->user_id, ts_service_now_unix (),
                                         &e->exclusion_id, error);
}

TsCaseExclusion *
ts_service_case_add_exclusion (TsService *self, TsContext *ctx, gint64 id,
                               const TsExclusionInput *input, GError **error)
{
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) all = NULL;
  Exclusion e = { NULL, 0 };
  TsCaseStep step = { self, ctx, id, "add_exclusion", apply_exclusion, input, &e, TRUE, FALSE,
                      FALSE };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_cases_require_case (self, ctx, id, error))
    return NULL;
  if (input->supporter_id == 0)
    ts_field_errors_add (ctx->errors, "supporter_id", N_("Required"));
  else if (input->supporter_id < 0)
    ts_field_errors_add (ctx->errors, "supporter_id", N_("Must be a positive integer"));
  ts_cases_check_word (ctx, "reason", input->reason, TRUE, &ts_case_exclusion_reason_vocabulary);
  ts_cases_check_note (ctx, "note", input->note);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  note = ts_text_dup_trimmed (input->note);
  e.note = note;
  if (!ts_cases_write_step (&step, error))
    return NULL;
  all = load_sub_records (self, ctx, id, ts_store_case_exclusions, NULL, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (((TsCaseExclusion *) all->pdata[i])->id == e.exclusion_id)
      return g_ptr_array_steal_index (all, i);
  ts_cases_set_not_found (error);
  return NULL;
}

GPtrArray *
ts_service_case_list_exclusions (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_cases_require_case (self, ctx, id, error))
    return NULL;
  return load_sub_records (self, ctx, id, ts_store_case_exclusions, "list_exclusions", error);
}
