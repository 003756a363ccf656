/*
 * /v1/cases: the pseudonymous case registry (SPEC 2.2, 3.2; issue 4).
 *
 * The list and PATCH are the generic handlers of http/resource.c, driven by
 * the case's descriptor (model/case.h); this file reads and renders the
 * members the descriptor leaves to it (nested objects, lists, a nullable
 * number) and carries the special verbs.  Handlers read types (strings,
 * numbers, dates, "HH:MM"), the service checks the rules; both add to the
 * same field-error list, so a client sees every bad field of a request in
 * one 422.  The ETag of a case is its version ("v7"); PATCH honours
 * If-Match with it.  A supporter reading a case of their active assignment
 * gets the reduced view, without an ETag.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/availability.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/cases.h"

/* Generous type-level bounds; the service applies the real limits with
 * its own messages. */
#define TEXT_READ_MAX 10000

/* ---- rendering ------------------------------------------------------ */

static JsonObject *
plan_to_json (const TsCasePlan *plan)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "revision", plan->revision);
  json_object_set_array_member (obj, "goals", ts_json_array_from_strv ((const char *const *) plan->goals));
  ts_json_set_date_or_null (obj, "review_on", plan->review_on);
  ts_json_set_timestamp (obj, "revised_at", plan->revised_at);
  ts_json_set_id_or_null (obj, "revised_by", plan->user_id);
  return obj;
}

static JsonObject *
assessment_to_json (const TsCaseAssessment *a)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", a->id);
  ts_json_set_date_or_null (obj, "held_on", a->held_on);
  json_object_set_array_member (obj, "participants",
                                ts_json_array_from_strv ((const char *const *) a->participants));
  json_object_set_string_member (obj, "summary", a->summary);
  ts_json_set_timestamp (obj, "recorded_at", a->created_at);
  ts_json_set_id_or_null (obj, "recorded_by", a->user_id);
  return obj;
}

static JsonObject *
exclusion_to_json (const TsCaseExclusion *e)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", e->id);
  json_object_set_int_member (obj, "case_id", e->case_id);
  json_object_set_int_member (obj, "supporter_id", e->supporter_id);
  json_object_set_string_member (obj, "reason", e->reason);
  ts_json_set_string_or_null (obj, "note", e->note);
  ts_json_set_timestamp (obj, "created_at", e->created_at);
  ts_json_set_id_or_null (obj, "created_by", e->user_id);
  return obj;
}

/* What a case's view adds to the fields of its table: the members the
 * table leaves to this file, the municipality's names and, in a single
 * record, the conferences and the current plan.  A supporter working with
 * the case (the reduced view, issue 4) sees the nickname, age band, needs,
 * interests, preferences and the municipality's name only. */
static void
render_case (gconstpointer data, JsonObject *obj)
{
  const TsCaseView *view = data;
  const TsCaseRecord *r = view->record;
  JsonObject *consent;
  g_autofree const char **scope = NULL;

  json_object_set_array_member (obj, "needs", ts_json_array_from_strv ((const char *const *) r->needs));
  json_object_set_array_member (obj, "interests",
                                ts_json_array_from_strv ((const char *const *) r->interests));
  json_object_set_object_member (obj, "preferences", ts_case_preferences_to_json (&r->preferences));
  ts_json_set_string_or_null (obj, "municipality_name", view->municipality_name);
  if (view->reduced)
    return;

  ts_json_set_string_or_null (obj, "prefecture_name", view->prefecture_name);
  ts_json_set_int_or_null (obj, "withdrawal_years", r->withdrawal_years >= 0,
                           r->withdrawal_years);
  ts_json_set_int_or_null (obj, "withdrawal_months", r->withdrawal_months >= 0,
                           r->withdrawal_months);
  ts_json_set_location (obj, r->has_location, r->lat, r->lon);

  consent = json_object_new ();
  scope = ts_consent_scope_to_strv (r->consent_scope);
  ts_json_set_date_or_null (consent, "obtained_on", r->consent_obtained_on);
  json_object_set_array_member (consent, "scope", ts_json_array_from_strv (scope));
  ts_json_set_string_or_null (consent, "agency", r->consent_agency);
  json_object_set_object_member (obj, "consent", consent);

  /* Single-record reads carry the conferences and the current plan; list
   * items leave them out. */
  if (view->assessments != NULL)
    {
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < view->assessments->len; i++)
        json_array_add_object_element (arr, assessment_to_json (view->assessments->pdata[i]));
      json_object_set_array_member (obj, "assessments", arr);
      if (view->plan != NULL)
        json_object_set_object_member (obj, "plan", plan_to_json (view->plan));
      else
        json_object_set_null_member (obj, "plan");
    }
}

static gboolean
is_reduced (gconstpointer view)
{
  return ((const TsCaseView *) view)->reduced;
}

static void read_custom (TsInput *in, gpointer draft, guint *present);

static gpointer
create_case (TsService *service, TsContext *ctx, gconstpointer draft, guint present,
             GError **error)
{
  return ts_service_case_create (service, ctx, draft, present, error);
}

static const TsResourceRoutes case_routes = {
  .ops = &ts_case_ops,
  .render = render_case,
  .read_custom = read_custom,
  .is_own = is_reduced,
  .create = create_case,
};

/* A strong entity tag: the representation changes exactly when the version
 * does (every write to the case, its assessments or its plan bumps it).
 * The reduced view has none: its reader cannot write. */
static void
reply_view (TsRequest *req, guint status, TsCaseView *view)
{
  if (view->reduced)
    ts_request_reply_object (req, status, ts_resource_to_json (&case_routes, view));
  else
    ts_resource_reply_view (req, &case_routes, status, view);
}

static JsonObject *
plans_to_json (gint64 case_id, GPtrArray *plans)
{
  JsonObject *obj = json_object_new ();
  JsonArray *revisions = json_array_new ();

  json_object_set_int_member (obj, "case_id", case_id);
  if (plans->len > 0)
    json_object_set_object_member (obj, "current", plan_to_json (plans->pdata[0]));
  else
    json_object_set_null_member (obj, "current");
  for (guint i = 0; i < plans->len; i++)
    json_array_add_object_element (revisions, plan_to_json (plans->pdata[i]));
  json_object_set_array_member (obj, "revisions", revisions);
  return obj;
}

/* ---- request bodies --------------------------------------------------- */

/* What a view shows besides its record's fields: read-only too. */
static const char *const read_only_extras[] = {
  "assessments", "plan", "municipality_name", "prefecture_name", NULL
};

static void
note_unknown (TsInput *in, gboolean *unknown)
{
  if (ts_input_collect_unknown (in))
    *unknown = TRUE;
}

static GArray *
read_availability (TsInput *in, gboolean *unknown)
{
  JsonNode *node = ts_input_member (in, "availability", TS_OPTIONAL);
  g_autofree char *base = ts_input_field_name (in, "availability");
  GArray *slots;
  JsonArray *arr;

  if (node == NULL)
    return g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_input_error (in, "availability", N_("Must be a list"));
      return g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
    }
  arr = json_node_get_array (node);
  slots = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
  /* Far more than the service allows; it reports the real limit. */
  if (json_array_get_length (arr) > 1000)
    {
      ts_input_error (in, "availability", N_("Too many items"));
      return slots;
    }
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s[%u]", base, i);

      ts_availability_read_slot (in, json_array_get_element (arr, i), prefix, slots, unknown);
    }
  return slots;
}

/* preferences: an object replaced as a whole; null clears every
 * preference.  Returns whether the member counts as present. */
static gboolean
read_preferences (TsInput *in, TsCasePreferences *p, gboolean *unknown)
{
  JsonNode *node = ts_input_member (in, "preferences", TS_OPTIONAL);
  g_auto(TsInput) pin = { 0 };

  if (node == NULL)
    return ts_input_has (in, "preferences");
  if (!ts_input_init (&pin, node, in->errors, "preferences"))
    return FALSE;
  p->supporter_gender = g_strdup (ts_input_string (&pin, "supporter_gender", TS_OPTIONAL, 64));
  ts_input_bool (&pin, "gender_required", TS_OPTIONAL, &p->gender_required);
  ts_input_bool (&pin, "avoid_same_municipality", TS_OPTIONAL, &p->avoid_same_municipality);
  p->peer_experience = g_strdup (ts_input_string (&pin, "peer_experience", TS_OPTIONAL, 64));
  g_clear_pointer (&p->availability, g_array_unref);
  p->availability = read_availability (&pin, unknown);
  note_unknown (&pin, unknown);
  return TRUE;
}

/* consent: {obtained_on, scope, agency?}, replaced as a whole and never
 * null.  An unreadable scope is G_MAXUINT for the service. */
static gboolean
read_consent (TsInput *in, TsCaseRecord *draft, gboolean *unknown)
{
  JsonNode *node = ts_input_member (in, "consent", TS_OPTIONAL);
  g_auto(TsInput) cin = { 0 };
  JsonNode *scope;

  if (node == NULL)
    {
      if (ts_input_has (in, "consent"))
        ts_input_error (in, "consent", N_("Required"));
      return FALSE;
    }
  if (!ts_input_init (&cin, node, in->errors, "consent"))
    return FALSE;
  draft->consent_obtained_on = ts_input_date (&cin, "obtained_on", TS_REQUIRED);
  draft->consent_scope = G_MAXUINT;
  scope = ts_input_member (&cin, "scope", TS_REQUIRED);
  if (scope != NULL && !JSON_NODE_HOLDS_ARRAY (scope))
    ts_input_error (&cin, "scope", N_("Must be a list"));
  else if (scope != NULL)
    {
      JsonArray *arr = json_node_get_array (scope);
      guint bits = 0;
      gboolean ok = TRUE;

      for (guint i = 0; ok && i < json_array_get_length (arr); i++)
        {
          JsonNode *item = json_array_get_element (arr, i);
          TsConsentScope s;

          ok = JSON_NODE_HOLDS_VALUE (item) &&
               json_node_get_value_type (item) == G_TYPE_STRING &&
               ts_consent_scope_from_string (json_node_get_string (item), &s);
          if (ok)
            bits |= s;
        }
      if (ok)
        draft->consent_scope = bits;
      else
        ts_input_error (&cin, "scope",
                        N_("Each item must be one of matching, support, placement, share_with_agency"));
    }
  draft->consent_agency = g_strdup (ts_input_string (&cin, "agency", TS_OPTIONAL, TEXT_READ_MAX));
  note_unknown (&cin, unknown);
  return TRUE;
}

/* Reads the members the field table leaves to this file (TS_FIELD_CUSTOM)
 * into @draft, for ts_resource_read_body(); @present gets their bits (null
 * included: on PATCH, null clears an optional member).  Type errors are
 * left in the field errors for the service to report with its own. */
static void
read_custom (TsInput *in, gpointer data, guint *present)
{
  TsCaseRecord *draft = data;
  gboolean nested_unknown = FALSE;
  gint64 v;

  if (ts_input_has (in, "withdrawal_years"))
    {
      *present |= TS_CASE_FIELD_WITHDRAWAL_YEARS;
      draft->withdrawal_years = -1;
      if (ts_input_int (in, "withdrawal_years", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
        draft->withdrawal_years = v >= 0 ? (int) v : -2;
    }
  if (ts_input_has (in, "withdrawal_months"))
    {
      *present |= TS_CASE_FIELD_WITHDRAWAL_MONTHS;
      draft->withdrawal_months = -1;
      if (ts_input_int (in, "withdrawal_months", TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
        draft->withdrawal_months = v >= 0 ? (int) v : -2;
    }
  if (ts_input_has (in, "needs"))
    *present |= TS_CASE_FIELD_NEEDS;
  draft->needs = ts_input_string_array (in, "needs", TS_OPTIONAL, 64, 64);
  if (ts_input_has (in, "interests"))
    *present |= TS_CASE_FIELD_INTERESTS;
  draft->interests = ts_input_string_array (in, "interests", TS_OPTIONAL, 1000, 1000);
  if (ts_input_has (in, "location"))
    *present |= TS_CASE_FIELD_LOCATION;
  if (ts_input_location (in, &draft->has_location, &draft->lat, &draft->lon))
    nested_unknown = TRUE;
  if (read_preferences (in, &draft->preferences, &nested_unknown))
    *present |= TS_CASE_FIELD_PREFERENCES;
  if (read_consent (in, draft, &nested_unknown))
    *present |= TS_CASE_FIELD_CONSENT;

  for (guint i = 0; read_only_extras[i] != NULL; i++)
    if (ts_input_has (in, read_only_extras[i]))
      {
        ts_input_member (in, read_only_extras[i], TS_OPTIONAL);
        ts_input_error (in, read_only_extras[i], N_("Read-only"));
      }
  /* A nested object's unknown members make the body's: the field errors
   * name them, and the generic reader refuses the body with 400. */
  if (nested_unknown)
    {
      if (in->unknown == NULL)
        in->unknown = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (in->unknown, g_strdup ("(nested)"));
    }
}

/* ---- handlers ---------------------------------------------------------- */

/* The generic read, answered without an ETag when the view is reduced. */
static void
handle_get (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCaseView) view = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      (view = ts_service_get (req->service, req->ctx, &ts_case_ops, req->params[0],
                              &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  reply_view (req, SOUP_STATUS_OK, view);
}

static void
handle_assess (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCaseView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_auto(GStrv) participants = NULL;
  g_autofree char *summary = NULL;
  TsAssessmentInput input = { 0 };

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  input.held_on = ts_input_date (&in, "held_on", TS_REQUIRED);
  participants = ts_input_string_array (&in, "participants", TS_REQUIRED, 1000, TEXT_READ_MAX);
  input.participants = (const char *const *) participants;
  summary = g_strdup (ts_input_string (&in, "summary", TS_REQUIRED, TEXT_READ_MAX * 2));
  input.summary = summary;
  if (!ts_input_refuse_unknown (&in, FALSE, &error) ||
      (view = ts_service_case_assess (req->service, req->ctx, req->params[0], &input,
                                      &error)) == NULL)
    goto fail;
  reply_view (req, SOUP_STATUS_CREATED, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

/* The body is optional and has no members: {} or nothing. */
static void
handle_start_matching (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCaseView) view = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_request_check_empty_body (req, &error))
    goto fail;
  view = ts_service_case_start_matching (req->service, req->ctx, req->params[0], &error);
  if (view == NULL)
    goto fail;
  reply_view (req, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_close (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCaseView) view = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *reason = NULL;
  g_autofree char *note = NULL;
  TsCaseCloseInput input = { 0 };

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  input.closed_on = ts_input_date (&in, "closed_on", TS_REQUIRED);
  input.reason = reason = g_strdup (ts_input_string (&in, "reason", TS_REQUIRED, 64));
  input.note = note = g_strdup (ts_input_string (&in, "note", TS_OPTIONAL, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error) ||
      (view = ts_service_case_close (req->service, req->ctx, req->params[0], &input,
                                     &error)) == NULL)
    goto fail;
  reply_view (req, SOUP_STATUS_OK, view);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_revise_plan (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_auto(TsInput) in = { 0 };
  g_auto(GStrv) goals = NULL;
  TsPlanInput input = { 0 };
  gboolean revised = FALSE;
  JsonObject *obj;

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  goals = ts_input_string_array (&in, "goals", TS_REQUIRED, 1000, TEXT_READ_MAX);
  input.goals = (const char *const *) goals;
  input.review_on = ts_input_date (&in, "review_on", TS_REQUIRED);
  if (!ts_input_refuse_unknown (&in, FALSE, &error) ||
      (plans = ts_service_case_revise_plan (req->service, req->ctx, req->params[0], &input,
                                            &revised, &error)) == NULL)
    goto fail;
  obj = plans_to_json (req->params[0], plans);
  json_object_set_boolean_member (obj, "revised", revised);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_get_plan (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      (plans = ts_service_case_get_plan (req->service, req->ctx, req->params[0], &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, plans_to_json (req->params[0], plans));
}

static void
handle_add_exclusion (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCaseExclusion) exclusion = NULL;
  g_auto(TsInput) in = { 0 };
  g_autofree char *reason = NULL;
  g_autofree char *note = NULL;
  TsExclusionInput input = { 0 };

  if (!ts_request_open_body (req, &in, &error))
    goto fail;
  if (!ts_input_int (&in, "supporter_id", TS_REQUIRED, 1, G_MAXINT64, &input.supporter_id) &&
      in.obj != NULL)
    input.supporter_id = -1;
  input.reason = reason = g_strdup (ts_input_string (&in, "reason", TS_REQUIRED, 64));
  input.note = note = g_strdup (ts_input_string (&in, "note", TS_OPTIONAL, TEXT_READ_MAX));
  if (!ts_input_refuse_unknown (&in, FALSE, &error) ||
      (exclusion = ts_service_case_add_exclusion (req->service, req->ctx, req->params[0],
                                                  &input, &error)) == NULL)
    goto fail;
  ts_request_reply_object (req, SOUP_STATUS_CREATED, exclusion_to_json (exclusion));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_list_exclusions (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *obj;
  JsonArray *arr;

  if (!ts_request_check_query (req, NULL, &error) ||
      (items = ts_service_case_list_exclusions (req->service, req->ctx, req->params[0],
                                                &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  arr = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (arr, exclusion_to_json (items->pdata[i]));
  json_object_set_int_member (obj, "case_id", req->params[0]);
  json_object_set_array_member (obj, "exclusions", arr);
  ts_request_reply_object (req, SOUP_STATUS_OK, obj);
}

void
ts_routes_cases (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/cases", TS_ROLE_STAFF, TS_ROUTE_BODY, ts_resource_handle_create,
      "createCase", &case_routes },
    { "GET", "/v1/cases", TS_ROLE_STAFF, 0, ts_resource_handle_list, "listCases",
      &case_routes },
    { "GET", "/v1/cases/{id}", TS_ROLE_STAFF | TS_ROLE_SUPPORTER, 0, handle_get, "getCase",
      &case_routes },
    { "PATCH", "/v1/cases/{id}", TS_ROLE_STAFF, TS_ROUTE_BODY, ts_resource_handle_update,
      "updateCase", &case_routes },
    { "POST", "/v1/cases/{id}/assessment", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_assess,
      "assessCase", NULL },
    { "POST", "/v1/cases/{id}/matching", TS_ROLE_STAFF, TS_ROUTE_OPTIONAL_BODY,
      handle_start_matching, "startCaseMatching", NULL },
    { "POST", "/v1/cases/{id}/close", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_close, "closeCase",
      NULL },
    { "PUT", "/v1/cases/{id}/plan", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_revise_plan,
      "reviseCasePlan", NULL },
    { "GET", "/v1/cases/{id}/plan", TS_ROLE_STAFF, 0, handle_get_plan, "getCasePlan", NULL },
    { "POST", "/v1/cases/{id}/exclusions", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_add_exclusion,
      "addCaseExclusion", NULL },
    { "GET", "/v1/cases/{id}/exclusions", TS_ROLE_STAFF, 0, handle_list_exclusions,
      "listCaseExclusions", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
