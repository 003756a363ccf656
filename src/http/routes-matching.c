/*
 * Matching over HTTP (SPEC 3.2, issue 4): a case's candidates, the batch
 * and the configuration.
 *
 * Candidate lists and batches are written by the service's
 * ts_matching_*_to_json() (shared with `tsunagari match`), see there.
 */
#include "http/route.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/i18n.h"
#include "http/input.h"
#include "http/query.h"
#include "service/matching.h"

static void
reply_text (TsRequest *req, guint status, GString *text)
{
  gsize len = text->len;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_string_free (text, FALSE), len);

  ts_request_reply_bytes (req, status, "application/json; charset=utf-8", bytes);
}

/* ---- requests ------------------------------------------------------------- */

static void
handle_candidates (TsRequest *req)
{
  static const char *const allowed[] = { "limit", "on", "excluded", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCandidateList) list = NULL;
  const char *text;
  TsDate on = TS_DATE_NONE;
  gboolean all_excluded = FALSE;
  int limit = 0;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if ((text = ts_request_query (req, "limit")) != NULL)
    {
      guint64 value = 0;
      if (!g_ascii_string_to_unsigned (text, 10, 1, TS_MATCHING_LIMIT_MAX, &value, NULL))
        ts_field_errors_add (req->ctx->errors, "limit", N_("Must be from 1 to 1000"));
      limit = (int) value;
    }
  if ((text = ts_request_query (req, "on")) != NULL && !ts_date_parse (text, &on))
    ts_field_errors_add (req->ctx->errors, "on", N_("Must be a valid date (YYYY-MM-DD)"));
  if ((text = ts_request_query (req, "excluded")) != NULL &&
      !ts_matching_excluded_from_string (text, &all_excluded))
    ts_field_errors_add (req->ctx->errors, "excluded", N_("Must be summary or all"));
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  list = ts_service_matching_candidates (req->service, req->ctx, req->params[0], on, limit,
                                         &error);
  if (list == NULL)
    goto fail;
  list->all_excluded = all_excluded;
  reply_text (req, SOUP_STATUS_OK, ts_matching_candidates_to_json (list, req->ctx->language));
  return;

fail:
  ts_request_reply_error (req, error);
}

/* case_ids: a list of positive integers, at most 10,000; every bad item
 * is named ("case_ids[3]"), but a list that is too long is refused as a
 * whole before its items are read. */
static GArray *
read_case_ids (TsInput *in)
{
  JsonNode *node = ts_input_member (in, "case_ids", TS_OPTIONAL);
  JsonArray *arr;
  GArray *ids;
  guint n;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_input_error (in, "case_ids", N_("Must be a list of case ids"));
      return NULL;
    }
  arr = json_node_get_array (node);
  n = json_array_get_length (arr);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (n, TS_MATCHING_BATCH_MAX_IDS));
  if (n > TS_MATCHING_BATCH_MAX_IDS)
    {
      ts_input_error (in, "case_ids", N_("At most 10000 case ids"));
      return ids;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      gint64 id = 0;

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_INT64 &&
          json_node_get_int (item) > 0)
        id = json_node_get_int (item);
      else
        {
          char field[32];
          g_snprintf (field, sizeof field, "case_ids[%u]", i);
          ts_field_errors_add (in->errors, field, N_("Must be a positive integer"));
        }
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
handle_batch (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsBatchResult) result = NULL;
  g_autoptr(GArray) ids = NULL;
  g_auto(TsInput) in = { 0 };
  TsBatchInput input = { 0 };

  if (!ts_request_open_optional_body (req, &in, &error))
    goto fail;
  ids = read_case_ids (&in);
  input.on = ts_input_date (&in, "on", TS_OPTIONAL);
  ts_input_bool (&in, "commit", TS_OPTIONAL, &input.commit);
  if (!ts_input_finish (&in, &error))
    goto fail;
  if (ids != NULL)
    {
      input.has_case_ids = TRUE;
      input.case_ids = (const gint64 *) ids->data;
      input.n_case_ids = ids->len;
    }
  result = ts_service_matching_batch (req->service, req->ctx, &input, &error);
  if (result == NULL)
    goto fail;
  reply_text (req, SOUP_STATUS_OK, ts_matching_batch_to_json (result));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_config (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obj = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  const TsMatchConfig *config;
  JsonObject *weights, *fit;

  if (!ts_request_check_query (req, NULL, &error) ||
      (config = ts_service_matching_config (req->service, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  weights = json_object_new ();
  for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
    json_object_set_double_member (weights, ts_match_factor_to_string ((TsMatchFactorKind) k),
                                   ts_match_config_get_weight (config, (TsMatchFactorKind) k));
  json_object_set_object_member (obj, "weights", weights);
  json_object_set_double_member (obj, "max_distance_km",
                                 ts_match_config_get_max_distance_km (config));
  json_object_set_boolean_member (obj, "require_insurance",
                                  ts_match_config_get_require_insurance (config));
  json_object_set_int_member (obj, "prune_k", ts_match_config_get_prune_k (config));
  fit = json_object_new ();
  kinds = ts_match_config_list_referral_kinds (config);
  for (guint i = 0; i < kinds->len; i++)
    {
      const char *const *words = ts_match_config_get_occupation_fit (config, kinds->pdata[i]);
      JsonArray *arr = json_array_new ();

      for (guint k = 0; words != NULL && words[k] != NULL; k++)
        json_array_add_string_element (arr, words[k]);
      json_object_set_array_member (fit, kinds->pdata[i], arr);
    }
  json_object_set_object_member (obj, "occupation_fit", fit);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

void
ts_routes_matching (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/cases/{id}/candidates", TS_ROLE_STAFF, 0, handle_candidates,
      "getCaseCandidates", NULL },
    { "POST", "/v1/matching/batch", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY, handle_batch,
      "runMatchingBatch", NULL },
    { "GET", "/v1/matching/config", TS_ROLE_STAFF | TS_ROLE_AUDITOR, 0, handle_config,
      "getMatchingConfig", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
