/*
 * Programmes: see service/programmes.h.
 */
#include "service/programmes.h"

#include "core/i18n.h"
#include "domain/programme.h"
#include "model/resource.h"
#include "service/validate.h"
#include "store/cases.h"

typedef struct {
  TsService         *service;
  TsContext         *ctx;
  const TsProgramme *programme;
  gint64             id;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;

  if (!ts_store_programme_insert (store, w->programme, ts_service_now_unix (), &w->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "programme", w->id, error);
}

static void
check_range (TsContext *ctx, const char *field, int value, int min, int max)
{
  if (value < min || value > max)
    ts_field_errors_add (ctx->errors, field, ts_range_message (min, max));
}

TsProgramme *
ts_service_programme_create (TsService *self, TsContext *ctx, const TsProgramme *input,
                             GError **error)
{
  g_autoptr(TsProgramme) p = g_new0 (TsProgramme, 1);
  CreateWrite w = { self, ctx, NULL, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (ctx->role != TS_ROLE_ADMIN)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return NULL;
    }
  if (!ts_field_errors_has (ctx->errors, "name"))
    ts_validate_text (ctx, "name", input->name, TRUE, TS_PROGRAMME_NAME_MAX, FALSE,
                      ts_too_long_message (TS_PROGRAMME_NAME_MAX));
  if (input->visit_limit != 0 && !ts_field_errors_has (ctx->errors, "visit_limit"))
    check_range (ctx, "visit_limit", input->visit_limit, 1, TS_PROGRAMME_VISIT_LIMIT_MAX);
  if (input->min_age != -1 && !ts_field_errors_has (ctx->errors, "min_age"))
    check_range (ctx, "min_age", input->min_age, 0, TS_PROGRAMME_AGE_MAX);
  if (input->min_withdrawal_months != -1 &&
      !ts_field_errors_has (ctx->errors, "min_withdrawal_months"))
    check_range (ctx, "min_withdrawal_months", input->min_withdrawal_months, 0,
                 TS_PROGRAMME_MONTHS_MAX);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  *p = *input;
  p->name = ts_text_dup_trimmed (input->name);
  w.programme = p;
  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  return ts_store_programme_get (ts_service_get_store (self), w.id, error);
}

GPtrArray *
ts_service_programme_list (TsService *self, TsContext *ctx, GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  return ts_store_programme_list (ts_service_get_store (self), error);
}

gboolean
ts_service_programme_check_case (TsStore *store, TsContext *ctx, const TsCaseRecord *record,
                                 GError **error)
{
  g_autoptr(TsProgramme) p = NULL;
  g_autoptr(GError) local = NULL;
  const char *names[TS_PROGRAMME_N_REASONS];
  int months;
  guint reasons, n;
  JsonArray *arr;

  if (record->programme_id <= 0)
    return TRUE;
  p = ts_store_programme_get (store, record->programme_id, &local);
  if (p == NULL)
    {
      if (local->code != TS_ERROR_NOT_FOUND)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      ts_field_errors_add (ctx->errors, "programme_id", N_("No such programme"));
      return ts_field_errors_check (ctx->errors, error);
    }
  months = record->withdrawal_months >= 0 ? record->withdrawal_months
           : record->withdrawal_years >= 0 ? record->withdrawal_years * 12
                                           : -1;
  reasons = ts_programme_eligibility (p->min_age, p->min_withdrawal_months, record->age_band,
                                      months);
  if (reasons == 0)
    return TRUE;
  n = ts_programme_reasons_to_strings (reasons, names);
  arr = json_array_new ();
  for (guint i = 0; i < n; i++)
    json_array_add_string_element (arr, names[i]);
  ts_context_add_extra (ctx, "reasons", json_node_init_array (json_node_alloc (), arr));
  json_array_unref (arr);
  g_set_error_literal (error, TS_ERROR, TS_ERROR_PROGRAMME_INELIGIBLE,
                       N_("The case does not meet the programme's eligibility"));
  return FALSE;
}

gboolean
ts_service_programme_check_visit (TsStore *store, TsContext *ctx, gint64 case_id,
                                  gint64 except_visit, const char *reason, GError **error)
{
  g_autoptr(TsCaseRecord) kase = ts_store_case_get (store, case_id, error);
  g_autoptr(TsProgramme) p = NULL;
  gint64 visits;

  if (kase == NULL)
    return FALSE;
  if (kase->programme_id <= 0)
    return TRUE;
  p = ts_store_programme_get (store, kase->programme_id, error);
  if (p == NULL)
    return FALSE;
  if (p->visit_limit <= 0)
    return TRUE;
  visits = ts_store_programme_case_visits (store, case_id, except_visit, error);
  if (visits < 0)
    return FALSE;
  if (visits < p->visit_limit || (reason != NULL && *reason != '\0'))
    return TRUE;
  ts_context_add_extra (ctx, "visit_limit", json_node_init_int (json_node_alloc (), p->visit_limit));
  ts_context_add_extra (ctx, "visits", json_node_init_int (json_node_alloc (), visits));
  g_set_error_literal (error, TS_ERROR, TS_ERROR_VISIT_LIMIT_REACHED,
                       N_("The case has reached its programme's visit limit: give over_limit_reason to go past it"));
  return FALSE;
}
