/*
 * Candidates: the ranked, explained list of supporters for one case, and
 * the check of one (case, supporter) pair by the same rules for the
 * assignment use cases.  The other concerns of matching.h each have their
 * file: matching-config.c, matching-cache.c, matching-snapshot.c,
 * matching-input.c, matching-batch.c and matching-json.c.
 */
#include "service/matching-private.h"

#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/case.h"
#include "service/cases.h"

void
ts_candidate_list_free (TsCandidateList *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->ranking, ts_match_ranking_free);
  g_clear_pointer (&list->snapshot, ts_match_snapshot_unref);
  g_free (list);
}

typedef struct {
  gint64           id;
  TsCaseMatchInfo *info;
} CaseRead;

static gboolean
read_case (TsStore *store, gpointer user_data, GError **error)
{
  CaseRead *r = user_data;

  r->info = ts_store_case_get_for_matching (store, r->id, error);
  return r->info != NULL;
}

/* @shared: the case is another organisation's, shown through a dispatch
 * request the caller checked; otherwise it must be in the caller's scope.
 * Either way the candidates come from the caller's own pool. */
static TsCandidateList *
candidates (TsService *self, TsContext *ctx, gint64 case_id, gboolean shared, TsDate on,
            int limit, GError **error)
{
  g_autoptr(TsCandidateList) list = NULL;
  g_autoptr(TsCaseMatchInfo) info = NULL;
  g_autoptr(TsMatchCases) cases = NULL;
  const TsMatchConfig *config;
  CaseRead r = { case_id, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (limit != 0 && (limit < 1 || limit > TS_MATCHING_LIMIT_MAX))
    ts_field_errors_add (ctx->errors, "limit", N_("Must be from 1 to 1000"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  config = ts_service_matching_config (self, error);
  if (config == NULL)
    return NULL;

  if (!ts_store_read (ts_service_get_store (self), read_case, &r, error))
    return NULL;
  info = r.info;
  if (!shared && !ts_service_check_scope (ctx, &ts_case_resource, info->record, error))
    return NULL;
  if (!ts_service_case_check_matchable (info->record, ctx, error))
    return NULL;

  list = g_new0 (TsCandidateList, 1);
  list->case_id = case_id;
  list->on = on != TS_DATE_NONE ? on : ts_date_today ();
  list->config = config;
  list->snapshot = ts_service_matching_snapshot (self, list->on, ts_service_matching_pool (ctx),
                                                 error);
  if (list->snapshot == NULL)
    return NULL;
  cases = ts_match_cases_new (ts_match_snapshot_get_supporters (list->snapshot));
  if (!ts_matching_add_case (cases, info, error))
    return NULL;
  list->ranking = ts_match_rank (cases, case_id, list->on, config,
                                 limit != 0 ? (guint) limit : TS_MATCHING_LIMIT_DEFAULT, error);
  if (list->ranking == NULL)
    return NULL;

  /* The list shows the case's needs through its factors and names the
   * people who could visit: a read of the case record (SPEC 2.5). */
  if (!ts_service_audit_read (self, ctx, "candidates", "case", case_id, error))
    return NULL;
  return g_steal_pointer (&list);
}

TsCandidateList *
ts_service_matching_candidates (TsService *self, TsContext *ctx, gint64 case_id, TsDate on,
                                int limit, GError **error)
{
  return candidates (self, ctx, case_id, FALSE, on, limit, error);
}

TsCandidateList *
ts_service_matching_candidates_shared (TsService *self, TsContext *ctx, gint64 case_id,
                                       TsDate on, int limit, GError **error)
{
  return candidates (self, ctx, case_id, TRUE, on, limit, error);
}

gboolean
ts_service_matching_check_pair (TsService *self, const TsCaseMatchInfo *info,
                                gint64 supporter_id, TsDate on, TsMatchReasons *out_reasons,
                                GError **error)
{
  const TsMatchConfig *config;
  g_autoptr(TsMatchCases) cases = NULL;
  TsMatchingBuilder b;
  gboolean ok;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (info != NULL && out_reasons != NULL, FALSE);
  g_return_val_if_fail (on != TS_DATE_NONE, FALSE);

  *out_reasons = 0;
  config = ts_service_matching_config (self, error);
  if (config == NULL)
    return FALSE;
  /* One supporter and one case, read as the caller's transaction sees
   * them, through the same conversion and the same rules as a candidate
   * list. */
  ts_matching_builder_init (&b, self, on, FALSE);
  b.strict = TRUE;
  ok = ts_store_match_supporter_one (ts_service_get_store (self), supporter_id,
                                     ts_matching_builder_add_row, &b, error);
  if (ok)
    {
      cases = ts_match_cases_new (b.supporters);
      ok = ts_matching_add_case (cases, info, error);
    }
  if (ok)
    *out_reasons = ts_match_cases_check (cases, 0, 0, on, config);
  ts_matching_builder_clear (&b);
  return ok;
}

