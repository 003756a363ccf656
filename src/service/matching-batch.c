/*
 * The batch: the optimal assignment of many cases at once, either as a
 * proposal (audited as a read) or committed in one transaction in which
 * every proposed assignment is checked again.
 */
#include "service/matching-private.h"

#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "service/assignments.h"
#include "service/cases.h"
#include "store/assignments.h"

void
ts_batch_result_free (TsBatchResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->assignments, g_array_unref);
  g_clear_pointer (&result->unassigned, g_array_unref);
  g_clear_pointer (&result->strings, g_string_chunk_free);
  g_free (result);
}

typedef struct {
  const TsBatchInput *input;
  GPtrArray          *infos;        /* TsCaseMatchInfo*, by case id */
  GArray             *unknown;      /* gint64 */
  GHashTable         *has_primary;  /* case ids with an active primary */
  const TsContext    *ctx;          /* whose cases (SPEC 2.6) */
} BatchRead;

static gboolean
note_primary (TsStore *store, BatchRead *r, const TsCaseMatchInfo *info, GError **error)
{
  int n;

  if (info->record->status != TS_CASE_ACTIVE)
    return TRUE;
  n = ts_store_assignment_count_open (store, info->record->id, TS_ASSIGNMENT_PRIMARY, error);
  if (n < 0)
    return FALSE;
  if (n > 0)
    g_hash_table_add (r->has_primary, g_memdup2 (&info->record->id, sizeof (gint64)));
  return TRUE;
}

static gboolean
read_batch_cases (TsStore *store, gpointer user_data, GError **error)
{
  BatchRead *r = user_data;
  const TsBatchInput *in = r->input;

  if (!in->has_case_ids)
    {
      r->infos = ts_store_case_list_open_for_matching_in (store, r->ctx->scope, error);
      return r->infos != NULL;
    }
  r->infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_case_match_info_free);
  for (guint i = 0; i < in->n_case_ids; i++)
    {
      g_autoptr(GError) local = NULL;
      TsCaseMatchInfo *info = ts_store_case_get_for_matching (store, in->case_ids[i], &local);

      /* Another organisation's case is unknown here, exactly as a missing
       * one (SPEC 2.6). */
      if (info != NULL && !ts_record_in_scope (&ts_case_resource, info->record, r->ctx))
        {
          g_clear_pointer (&info, ts_case_match_info_free);
          g_set_error_literal (&local, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such case"));
        }
      if (info == NULL)
        {
          if (!g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_array_append_val (r->unknown, in->case_ids[i]);
          continue;
        }
      g_ptr_array_add (r->infos, info);
      if (!note_primary (store, r, info, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_unassigned (gconstpointer a, gconstpointer b)
{
  const TsBatchUnassigned *x = a, *y = b;
  return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

static int
compare_infos (gconstpointer a, gconstpointer b)
{
  const TsCaseMatchInfo *x = *(TsCaseMatchInfo *const *) a;
  const TsCaseMatchInfo *y = *(TsCaseMatchInfo *const *) b;
  return (x->record->id > y->record->id) - (x->record->id < y->record->id);
}

/* The case's code and nickname for the rows of the answer (issue 14: a
 * row says which case, not "#2"); @infos is sorted by id. */
static void
name_case (TsBatchResult *result, GPtrArray *infos, gint64 case_id, const char **code,
           const char **nickname)
{
  guint lo = 0, hi = infos->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const TsCaseRecord *rec = ((const TsCaseMatchInfo *) infos->pdata[mid])->record;

      if (rec->id == case_id)
        {
          *code = rec->code != NULL ? g_string_chunk_insert_const (result->strings, rec->code) : NULL;
          *nickname = rec->nickname != NULL
            ? g_string_chunk_insert_const (result->strings, rec->nickname) : NULL;
          return;
        }
      if (rec->id < case_id)
        lo = mid + 1;
      else
        hi = mid;
    }
}

typedef struct {
  TsService     *service;
  TsContext     *ctx;
  TsBatchResult *result;
  JsonArray     *failures;
} CommitWrite;

/*
 * Creates every assignment of the batch in one transaction.  Each is
 * checked again as the transaction sees the data, after the ones before
 * it: the supporters' capacity counts the batch's own assignments.  All
 * pairs are checked so that the answer lists every failure; one failure
 * rolls all of them back.
 */
static gboolean
write_commit (TsStore *store, gpointer user_data, GError **error)
{
  CommitWrite *w = user_data;
  TsBatchResult *result = w->result;

  (void) store;
  for (guint i = 0; i < result->assignments->len; i++)
    {
      TsBatchAssignment *a = &g_array_index (result->assignments, TsBatchAssignment, i);
      TsAssignmentInput input = {
        .case_id = a->case_id,
        .supporter_id = a->supporter_id,
        .starts_on = result->on,
        .role = "primary",
      };
      g_autoptr(GError) local = NULL;
      TsMatchReasons reasons = 0;

      if (ts_service_assignment_insert_checked (w->service, w->ctx, &input, &a->assignment_id,
                                                &reasons, &local))
        continue;
      if (local->domain != TS_ERROR || local->code == TS_ERROR_INTERNAL ||
          local->code == TS_ERROR_UNAVAILABLE)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      {
        JsonObject *f = json_object_new ();
        JsonArray *names = json_array_new ();
        const char *strings[TS_MATCH_N_REASONS];
        guint n = ts_match_reasons_to_strings (reasons, strings);

        json_object_set_int_member (f, "case_id", a->case_id);
        json_object_set_int_member (f, "supporter_id", a->supporter_id);
        json_object_set_string_member (f, "code", ts_error_code_to_string (local->code));
        for (guint k = 0; k < n; k++)
          json_array_add_string_element (names, strings[k]);
        json_object_set_array_member (f, "reasons", names);
        json_array_add_object_element (w->failures, f);
      }
    }
  if (json_array_get_length (w->failures) > 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("Some proposed assignments are no longer possible; none was created"));
      return FALSE;
    }
  return ts_service_audit (w->service, w->ctx, "match_batch", "case", 0, error);
}

TsBatchResult *
ts_service_matching_batch (TsService *self, TsContext *ctx, const TsBatchInput *input,
                           GError **error)
{
  g_autoptr(TsBatchResult) result = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) has_primary = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  g_autoptr(TsMatchSnapshot) snapshot = NULL;
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchBatch) batch = NULL;
  const TsMatchConfig *config;
  BatchRead r = { input, NULL, unknown, has_primary, ctx };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (input->has_case_ids)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

      if (input->n_case_ids > TS_MATCHING_BATCH_MAX_IDS)
        ts_field_errors_add (ctx->errors, "case_ids", N_("At most 10000 case ids"));
      else
        for (guint i = 0; i < input->n_case_ids; i++)
          {
            char field[32];

            g_snprintf (field, sizeof field, "case_ids[%u]", i);
            if (input->case_ids[i] <= 0)
              ts_field_errors_add (ctx->errors, field, N_("Must be a positive integer"));
            else if (!g_hash_table_add (seen, (gpointer) &input->case_ids[i]))
              ts_field_errors_add (ctx->errors, field, N_("Listed twice"));
          }
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  config = ts_service_matching_config (self, error);
  if (config == NULL)
    return NULL;

  if (!ts_store_read (ts_service_get_store (self), read_batch_cases, &r, error))
    {
      g_clear_pointer (&r.infos, g_ptr_array_unref);
      return NULL;
    }
  infos = r.infos;
  if (unknown->len > 0)
    {
      JsonArray *ids = json_array_new ();

      for (guint i = 0; i < unknown->len; i++)
        json_array_add_int_element (ids, g_array_index (unknown, gint64, i));
      ts_context_add_extra (ctx, "unknown_case_ids", json_node_init_array (json_node_alloc (), ids));
      json_array_unref (ids);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such case"));
      return NULL;
    }
  g_ptr_array_sort (infos, compare_infos);

  result = g_new0 (TsBatchResult, 1);
  result->on = input->on != TS_DATE_NONE ? input->on : ts_date_today ();
  result->assignments = g_array_new (FALSE, FALSE, sizeof (TsBatchAssignment));
  result->unassigned = g_array_new (FALSE, FALSE, sizeof (TsBatchUnassigned));
  result->strings = g_string_chunk_new (1024);

  /* The caller's cases, matched from the caller's pool (SPEC 2.6). */
  snapshot = ts_service_matching_snapshot (self, result->on, ts_service_matching_pool (ctx),
                                           error);
  if (snapshot == NULL)
    return NULL;
  cases = ts_match_cases_new (ts_match_snapshot_get_supporters (snapshot));
  /* Cases the matcher must not see are answered here, with the case
   * registry's reason, instead of failing the whole batch (issue 4). */
  for (guint i = 0; i < infos->len; i++)
    {
      const TsCaseMatchInfo *info = infos->pdata[i];
      TsCaseMatchBlock block = ts_case_match_block (info->record);
      TsBatchUnassigned u = { info->record->id, NULL, NULL, NULL };

      if (block != TS_CASE_MATCHABLE)
        u.reason = ts_case_match_block_to_string (block);
      else if (g_hash_table_contains (has_primary, &info->record->id))
        u.reason = "already_assigned";
      if (u.reason != NULL)
        {
          g_array_append_val (result->unassigned, u);
          continue;
        }
      if (!ts_matching_add_case (cases, info, error))
        return NULL;
    }

  batch = ts_match_batch (cases, result->on, config, input->progress, input->progress_data,
                          error);
  if (batch == NULL)
    return NULL;
  for (guint i = 0; i < batch->assignments->len; i++)
    {
      const TsMatchAssignment *m = &g_array_index (batch->assignments, TsMatchAssignment, i);
      TsBatchAssignment a = { m->case_id, m->supporter_id, m->score, 0, NULL, NULL, NULL };
      const char *name = ts_match_snapshot_get_name (snapshot, m->supporter_id);

      name_case (result, infos, m->case_id, &a.case_code, &a.nickname);
      a.supporter_name = name != NULL ? g_string_chunk_insert_const (result->strings, name) : NULL;
      g_array_append_val (result->assignments, a);
    }
  for (guint i = 0; i < batch->unassigned->len; i++)
    {
      const TsMatchUnassigned *m = &g_array_index (batch->unassigned, TsMatchUnassigned, i);
      TsBatchUnassigned u = { m->case_id, ts_match_unassigned_reason_to_string (m->reason),
                              NULL, NULL };
      g_array_append_val (result->unassigned, u);
    }
  g_array_sort (result->unassigned, compare_unassigned);
  for (guint i = 0; i < result->unassigned->len; i++)
    {
      TsBatchUnassigned *u = &g_array_index (result->unassigned, TsBatchUnassigned, i);
      name_case (result, infos, u->case_id, &u->case_code, &u->nickname);
    }
  result->total_score = batch->total_score;
  result->stats = batch->stats;

  if (input->commit)
    {
      CommitWrite w = { self, ctx, result, json_array_new () };
      gboolean ok = ts_store_write (ts_service_get_store (self), write_commit, &w, error);

      if (!ok && json_array_get_length (w.failures) > 0)
        {
          /* Only the list of failures explains a refused batch; a case's
           * status from one of them would mislead. */
          if (ctx->problem_extra != NULL)
            json_object_remove_member (ctx->problem_extra, "current_status");
          ts_context_add_extra (ctx, "failures",
                                json_node_init_array (json_node_alloc (), w.failures));
        }
      json_array_unref (w.failures);
      if (!ok)
        return NULL;
      result->committed = TRUE;
    }
  else if (!ts_service_audit_read (self, ctx, "match_batch", "case", 0, error))
    return NULL;
  return g_steal_pointer (&result);
}
