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
#include "store/assignments.h"
#include "store/supporters.h"

void
ts_candidate_list_free (TsCandidateList *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->ranking, ts_match_ranking_free);
  g_clear_pointer (&list->snapshot, ts_match_snapshot_unref);
  for (guint i = 0; list->details != NULL && i < list->details->len; i++)
    {
      TsCandidateDetail *d = &g_array_index (list->details, TsCandidateDetail, i);

      g_free (d->code);
      g_free (d->municipality_code);
      g_array_unref (d->overlap);
    }
  g_clear_pointer (&list->details, g_array_unref);
  g_free (list);
}

typedef struct {
  gint64           id;
  TsCaseMatchInfo *info;
} CaseRead;

static int
compare_id (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
read_case (TsStore *store, gpointer user_data, GError **error)
{
  CaseRead *r = user_data;

  r->info = ts_store_case_get_for_matching (store, r->id, error);
  return r->info != NULL;
}

typedef struct {
  TsCandidateList       *list;
  const TsCaseMatchInfo *info;
} DetailsRead;

/* The supporter number and town of each listed candidate, and whether it
 * already works with the case: a read per candidate (at most the limit),
 * never one per supporter of the pool. */
static gboolean
read_details (TsStore *store, gpointer user_data, GError **error)
{
  DetailsRead *r = user_data;
  GArray *candidates = r->list->ranking->candidates;

  for (guint i = 0; i < candidates->len; i++)
    {
      const TsMatchCandidate *c = &g_array_index (candidates, TsMatchCandidate, i);
      TsCandidateDetail *d = &g_array_index (r->list->details, TsCandidateDetail, i);
      g_autoptr(TsSupporterRecord) s = ts_store_supporter_get (store, c->supporter_id, error);
      guint index;

      if (s == NULL)
        return FALSE;
      d->code = g_strdup (s->code);
      d->municipality_code = g_strdup (s->municipality_code);
      /* Only someone who ever had an assignment of the case can have an
       * open one. */
      if (g_array_binary_search (r->info->past_supporter_ids, &c->supporter_id,
                                 compare_id, &index))
        {
          GError *local = NULL;

          d->assigned = ts_store_assignment_pair_open (store, r->list->case_id,
                                                       c->supporter_id, &local);
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
add_details (TsService *self, TsCandidateList *list, TsMatchCases *cases,
             const TsCaseMatchInfo *info, GError **error)
{
  GArray *candidates = list->ranking->candidates;
  DetailsRead r = { list, info };
  guint case_index;

  list->details = g_array_sized_new (FALSE, TRUE, sizeof (TsCandidateDetail), candidates->len);
  g_array_set_size (list->details, candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    g_array_index (list->details, TsCandidateDetail, i).overlap =
      g_array_new (FALSE, FALSE, sizeof (TsMatchTimeRange));
  if (!ts_match_cases_find (cases, list->case_id, &case_index))
    return TRUE;
  for (guint i = 0; i < candidates->len; i++)
    {
      const TsMatchCandidate *c = &g_array_index (candidates, TsMatchCandidate, i);
      TsCandidateDetail *d = &g_array_index (list->details, TsCandidateDetail, i);
      guint index;

      if (ts_match_supporters_find (ts_match_cases_get_supporters (cases), c->supporter_id,
                                    &index))
        ts_match_cases_pair_detail (cases, case_index, index, &d->pair, d->overlap);
    }
  return ts_store_read (ts_service_get_store (self), read_details, &r, error);
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
  if (!add_details (self, list, cases, info, error))
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

