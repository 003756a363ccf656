/*
 * The case registry's use cases (SPEC 2.2, 3.2; issue 4): views, who may
 * read what, the rules of a case's description, create, and the hooks of
 * the generic list, read and update (service/resource.h).
 *
 * Bunkyo's ひきこもり地域共生サポート事業 runs ①ケース検討 (an agency asks
 * about using the scheme), ②アセスメント (a case conference with the
 * agencies), ③マッチング with registered supporters, ④支援プラン and ⑤活動管理
 * (seed 004).  The status of a case follows those steps; the transitions are
 * in service/cases.h and docs/api.md, their use cases in cases-status.c.
 */
#include "service/programmes.h"
#include "service/cases-private.h"

#include "core/i18n.h"
#include "domain/municipality.h"
#include "match/vocabulary.h"
#include "service/supporters.h"

/* ---- views ---------------------------------------------------------- */

void
ts_case_view_free (TsCaseView *view)
{
  if (view == NULL)
    return;
  ts_case_record_free (view->record);
  g_free (view->municipality_name);
  g_clear_pointer (&view->assessments, g_ptr_array_unref);
  ts_case_plan_free (view->plan);
  g_free (view);
}

static gpointer
view_new (G_GNUC_UNUSED TsService *self, G_GNUC_UNUSED TsContext *ctx, gpointer data)
{
  TsCaseRecord *record = data;
  TsCaseView *view = g_new0 (TsCaseView, 1);

  view->record = record;
  view->municipality_name = ts_service_municipality_name (record->municipality_code,
                                                          &view->prefecture_name);
  return view;
}

typedef struct {
  gint64        id;
  TsCaseRecord *record;
  GPtrArray    *assessments;
  GPtrArray    *plans;
} LoadOne;

static gboolean
read_one (TsStore *store, gpointer user_data, GError **error)
{
  LoadOne *l = user_data;

  l->record = ts_store_case_get (store, l->id, error);
  if (l->record == NULL)
    return FALSE;
  l->assessments = ts_store_case_assessments (store, l->id, error);
  if (l->assessments == NULL)
    return FALSE;
  l->plans = ts_store_case_plans (store, l->id, error);
  return l->plans != NULL;
}

/* Only while the supporter works with the case, and then only what the
 * visit needs (SPEC 1: case nickname and needs); any other id is "not
 * found", so an account cannot probe which cases exist. */
static TsCaseView *
load_reduced (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(GError) local = NULL;
  TsCaseRecord *record;
  TsCaseView *view;

  if (ctx->supporter_id <= 0 ||
      !ts_store_case_supporter_has_active_assignment (store, id, ctx->supporter_id,
                                                      ts_date_today (), &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        ts_cases_set_not_found (error);
      return NULL;
    }
  record = ts_store_case_get (store, id, error);
  if (record == NULL)
    return NULL;
  view = view_new (self, ctx, record);
  view->reduced = TRUE;
  return view;
}

/* The record, its assessments and its current plan from one snapshot. */
gpointer
ts_cases_load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  LoadOne l = { id, NULL, NULL, NULL };
  TsCaseView *view;

  if (ctx != NULL && ctx->role == TS_ROLE_SUPPORTER)
    return load_reduced (self, ctx, id, error);
  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error))
    {
      ts_case_record_free (l.record);
      g_clear_pointer (&l.assessments, g_ptr_array_unref);
      g_clear_pointer (&l.plans, g_ptr_array_unref);
      return NULL;
    }
  view = view_new (self, ctx, l.record);
  view->assessments = l.assessments;
  if (l.plans->len > 0)
    view->plan = g_ptr_array_steal_index (l.plans, 0);
  g_ptr_array_unref (l.plans);
  return view;
}

/* ---- who may do what ------------------------------------------------ */

void
ts_cases_set_not_found (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such case"));
}

/* A case of an organisation outside the caller's scope is "No such case",
 * exactly as a missing one (SPEC 2.6). */
gboolean
ts_cases_require_case (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsCaseRecord) record = NULL;

  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  record = ts_store_case_get (ts_service_get_store (self), id, error);
  return record != NULL && ts_service_check_scope (ctx, &ts_case_resource, record, error);
}

gboolean
ts_cases_invalid_transition (TsContext *ctx, TsCaseStatus status, const char *message,
                             GError **error)
{
  return ts_service_invalid_transition (ctx, ts_case_status_to_string (status), message, error);
}

/* ---- validation ----------------------------------------------------- */

void
ts_cases_check_text_list (TsContext *ctx, const char *field, char **items, gboolean non_empty,
                          guint max_items, glong max, const char *message)
{
  guint n = items != NULL ? g_strv_length (items) : 0;

  if (items == NULL || (non_empty && n == 0))
    {
      ts_field_errors_add (ctx->errors, field, non_empty && items != NULL
                                                 ? N_("Must not be empty") : N_("Required"));
      return;
    }
  if (n > max_items)
    {
      ts_field_errors_add (ctx->errors, field, message);
      return;
    }
  for (guint i = 0; i < n; i++)
    if (ts_text_is_blank (items[i]) || ts_text_has_control_chars (items[i], FALSE) ||
        g_utf8_strlen (items[i], -1) > max)
      {
        ts_field_errors_add (ctx->errors, field, message);
        return;
      }
}

void
ts_cases_check_word (TsContext *ctx, const char *field, const char *text, gboolean required,
                     const TsVocabulary *vocabulary)
{
  if (text == NULL)
    {
      if (required)
        ts_field_errors_add (ctx->errors, field, N_("Required"));
      return;
    }
  if (!g_strv_contains (vocabulary->names, text))
    ts_field_errors_add (ctx->errors, field, vocabulary->invalid);
}

void
ts_cases_check_note (TsContext *ctx, const char *field, const char *note)
{
  if (note != NULL)
    ts_validate_text (ctx, field, note, FALSE, TS_CASE_NOTE_MAX, TRUE,
                      ts_too_long_message (TS_CASE_NOTE_MAX));
}

void
ts_cases_check_past_date (TsContext *ctx, const char *field, TsDate date, gboolean required)
{
  if (date == TS_DATE_NONE)
    {
      if (required)
        ts_field_errors_add (ctx->errors, field, N_("Required"));
      return;
    }
  if (date > ts_date_today ())
    ts_field_errors_add (ctx->errors, field, N_("Must not be in the future"));
  else if (ts_date_get_year (date) < TS_CASE_EARLIEST_YEAR)
    ts_field_errors_add (ctx->errors, field, N_("Must not be before 2000"));
}

static const char *const preferred_gender_names[] = { "female", "male", "other", NULL };
static const char *const preferred_peer_names[] = { "self", "family", NULL };

static const TsVocabulary preferred_gender_vocabulary = {
  preferred_gender_names, N_("Must be one of female, male, other"),
};

static const TsVocabulary preferred_peer_vocabulary = {
  preferred_peer_names, N_("Must be self or family"),
};

static void
check_preferences (TsContext *ctx, const TsCasePreferences *p)
{
  ts_cases_check_word (ctx, "preferences.supporter_gender", p->supporter_gender, FALSE,
                       &preferred_gender_vocabulary);
  /* A hard gender filter needs a gender to filter on (SPEC 2.2
   * gender_mismatch). */
  if (p->gender_required && p->supporter_gender == NULL)
    ts_field_errors_add (ctx->errors, "preferences.gender_required",
                         N_("Needs preferences.supporter_gender"));
  ts_cases_check_word (ctx, "preferences.peer_experience", p->peer_experience, FALSE,
                       &preferred_peer_vocabulary);
  ts_validate_availability (ctx, "preferences.availability", p->availability,
                            TS_CASE_AVAILABILITY_MAX);
}

/* Consent as Adachi's つなぐシート records it (seed 000): the date it was
 * obtained and what may be shared; an agency is named exactly when the
 * scope allows relaying the information to one.  A consent_scope of
 * G_MAXUINT is one the HTTP layer could not read and has reported. */
static void
check_consent (TsContext *ctx, const TsCaseRecord *d)
{
  ts_cases_check_past_date (ctx, "consent.obtained_on", d->consent_obtained_on, TRUE);
  if (d->consent_scope == G_MAXUINT)
    return;
  if (d->consent_scope == 0)
    ts_field_errors_add (ctx->errors, "consent.scope",
                         N_("Must list at least one of matching, support, placement, share_with_agency"));
  if ((d->consent_scope & TS_CONSENT_SHARE_WITH_AGENCY) && d->consent_agency == NULL)
    ts_field_errors_add (ctx->errors, "consent.agency",
                         N_("Required when the scope has share_with_agency"));
  else if (d->consent_agency != NULL && !(d->consent_scope & TS_CONSENT_SHARE_WITH_AGENCY))
    ts_field_errors_add (ctx->errors, "consent.agency",
                         N_("Only with share_with_agency in the scope"));
  else if (d->consent_agency != NULL)
    ts_validate_text (ctx, "consent.agency", d->consent_agency, FALSE, TS_CASE_AGENCY_MAX, FALSE,
                      ts_too_long_message (TS_CASE_AGENCY_MAX));
}

/* The rules of the TS_FIELD_CUSTOM members in @present (the field table's
 * own are ts_service_check_fields()'s); on create, consent is required. */
static void
check_draft (G_GNUC_UNUSED TsService *self, TsContext *ctx, gconstpointer draft, guint present,
             gboolean creating)
{
  const TsCaseRecord *d = draft;

  if ((present & TS_CASE_FIELD_WITHDRAWAL_YEARS) && d->withdrawal_years != -1 &&
      (d->withdrawal_years < 0 || d->withdrawal_years > TS_CASE_WITHDRAWAL_YEARS_MAX))
    ts_field_errors_add (ctx->errors, "withdrawal_years",
                         ts_range_message (0, TS_CASE_WITHDRAWAL_YEARS_MAX));
  if ((present & TS_CASE_FIELD_WITHDRAWAL_MONTHS) && d->withdrawal_months != -1 &&
      (d->withdrawal_months < 0 || d->withdrawal_months > TS_CASE_WITHDRAWAL_MONTHS_MAX))
    ts_field_errors_add (ctx->errors, "withdrawal_months",
                         ts_range_message (0, TS_CASE_WITHDRAWAL_MONTHS_MAX));
  if (present & TS_CASE_FIELD_NEEDS)
    {
      if (d->needs == NULL)
        ts_field_errors_add (ctx->errors, "needs", N_("Required"));
      for (guint i = 0; d->needs != NULL && d->needs[i] != NULL; i++)
        if (!ts_match_skill_from_string (d->needs[i], NULL))
          {
            ts_field_errors_add (ctx->errors, "needs",
                                 N_("Each need must be one of home_visit, accompany, phone, space, family_support, online"));
            break;
          }
    }
  if (present & TS_CASE_FIELD_INTERESTS)
    ts_cases_check_text_list (ctx, "interests", d->interests, FALSE, TS_CASE_INTERESTS_MAX,
                              TS_CASE_INTEREST_MAX,
                              N_("At most 32 interests of 1 to 40 characters each"));
  if ((present & TS_CASE_FIELD_LOCATION) && d->has_location)
    {
      if (!(d->lat >= -90.0 && d->lat <= 90.0))
        ts_field_errors_add (ctx->errors, "location.lat", N_("Must be a latitude from -90 to 90"));
      if (!(d->lon >= -180.0 && d->lon <= 180.0))
        ts_field_errors_add (ctx->errors, "location.lon",
                             N_("Must be a longitude from -180 to 180"));
    }
  if (present & TS_CASE_FIELD_PREFERENCES)
    check_preferences (ctx, &d->preferences);
  if (present & TS_CASE_FIELD_CONSENT)
    check_consent (ctx, d);
  else if (creating)
    ts_field_errors_add (ctx->errors, "consent", N_("Required"));
}

char **
ts_cases_dup_trimmed_strv (char **items)
{
  char **out = g_new0 (char *, (items != NULL ? g_strv_length (items) : 0) + 1);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    out[i] = ts_text_dup_trimmed (items[i]);
  return out;
}

static void
replace (char **slot, char *value)
{
  g_free (*slot);
  *slot = value;
}

/* Copies the TS_FIELD_CUSTOM members named in @present from @d into @r
 * (ts_record_apply() copies the field table's). */
static void
apply_custom (gpointer record, gconstpointer draft, guint present)
{
  TsCaseRecord *r = record;
  const TsCaseRecord *d = draft;

  if (present & TS_CASE_FIELD_WITHDRAWAL_YEARS)
    r->withdrawal_years = d->withdrawal_years;
  if (present & TS_CASE_FIELD_WITHDRAWAL_MONTHS)
    r->withdrawal_months = d->withdrawal_months;
  if ((present & TS_CASE_FIELD_NEEDS) && d->needs != NULL)
    {
      g_strfreev (r->needs);
      r->needs = g_strdupv (d->needs);
    }
  if ((present & TS_CASE_FIELD_INTERESTS) && d->interests != NULL)
    {
      g_strfreev (r->interests);
      r->interests = ts_cases_dup_trimmed_strv (d->interests);
    }
  if (present & TS_CASE_FIELD_LOCATION)
    {
      r->has_location = d->has_location;
      r->lat = d->has_location ? d->lat : 0.0;
      r->lon = d->has_location ? d->lon : 0.0;
    }
  if (present & TS_CASE_FIELD_PREFERENCES)
    {
      const TsCasePreferences *p = &d->preferences;
      replace (&r->preferences.supporter_gender, g_strdup (p->supporter_gender));
      r->preferences.gender_required = p->gender_required;
      r->preferences.avoid_same_municipality = p->avoid_same_municipality;
      replace (&r->preferences.peer_experience, g_strdup (p->peer_experience));
      g_array_set_size (r->preferences.availability, 0);
      if (p->availability != NULL)
        g_array_append_vals (r->preferences.availability, p->availability->data,
                             p->availability->len);
    }
  if (present & TS_CASE_FIELD_CONSENT)
    {
      r->consent_obtained_on = d->consent_obtained_on;
      r->consent_scope = d->consent_scope & TS_CONSENT_ALL;
      replace (&r->consent_agency, ts_text_dup_trimmed (d->consent_agency));
    }
}

/* ---- create ----------------------------------------------------------- */

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  TsCaseRecord *record;
  gint64        id;
} CreateWrite;

/*
 * The case code: C-YYYY-NNNN, the fiscal year (年度) of the day the case was
 * registered and a sequence number within it.  It says nothing about the
 * person or the place (a code is read aloud at case conferences), and the
 * year tells at a glance which intake a case came from.
 */
static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *c = user_data;
  g_autofree char *prefix = g_strdup_printf ("C-%04d-", ts_fiscal_year (ts_date_today ()));

  g_free (c->record->code);
  c->record->code = ts_store_case_next_code (store, prefix, error);
  if (c->record->code == NULL)
    return FALSE;
  c->record->organisation_id = ts_service_caller_organisation (c->ctx);
  /* Issue 17: intake checks the programme's eligibility. */
  if (!ts_service_programme_check_case (store, c->ctx, c->record, error))
    return FALSE;
  if (!ts_store_case_insert (store, c->record, ts_service_now_unix (), &c->id, error))
    return FALSE;
  return ts_service_audit (c->service, c->ctx, "create", "case", c->id, error);
}

TsCaseView *
ts_service_case_create (TsService *self, TsContext *ctx, const TsCaseRecord *draft,
                        guint present, GError **error)
{
  g_autoptr(TsCaseRecord) record = NULL;
  CreateWrite c = { self, ctx, NULL, 0 };
  guint required = TS_CASE_FIELD_NICKNAME | TS_CASE_FIELD_MUNICIPALITY |
                   TS_CASE_FIELD_AGE_BAND | TS_CASE_FIELD_GENDER | TS_CASE_FIELD_HOUSEHOLD |
                   TS_CASE_FIELD_CONSENT;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_check_draft (self, ctx, &ts_case_ops, draft, present, TRUE, error))
    return NULL;

  /* Only the description comes from the caller: code, status and dates are
   * the registry's to set. */
  record = ts_case_record_new ();
  ts_record_apply (&ts_case_resource, record, draft, present | required);
  apply_custom (record, draft, present | required);
  c.record = record;
  if (!ts_store_write (ts_service_get_store (self), write_create, &c, error))
    return NULL;
  return ts_cases_load_view (self, ctx, c.id, error);
}

/* ---- list, read and update (service/resource.h) ---------------------- */

/* A closed case is a finished record; the 412 of a stale copy comes first,
 * since a client with a stale copy should reload before anything else. */
static gboolean
check_update (TsContext *ctx, gconstpointer record, GError **error)
{
  const TsCaseRecord *r = record;

  if (r->status == TS_CASE_CLOSED)
    return ts_cases_invalid_transition (ctx, r->status, N_("A closed case cannot be changed"),
                                        error);
  return TRUE;
}

/* A change keeps the case within its programme (issue 17). */
static gboolean
check_programme (TsStore *store, TsContext *ctx, gconstpointer record, GError **error)
{
  return ts_service_programme_check_case (store, ctx, record, error);
}

const TsResourceOps ts_case_ops = {
  .resource = &ts_case_resource,
  .check_list = ts_service_check_list_staff,
  /* Staff read every case; a supporter one of their active assignment (the
   * reduced view checks which, in ts_cases_load_view()). */
  .check_read = ts_service_check_read_staff_or_supporter,
  .list_rows = (TsListRowsFunc) ts_store_case_list,
  .view_new = view_new,
  .load_view = ts_cases_load_view,
  .view_free = (GDestroyNotify) ts_case_view_free,
  .check_draft = check_draft,
  .check_update = check_update,
  .fetch = (TsFetchFunc) ts_store_case_get,
  .record_free = (GDestroyNotify) ts_case_record_free,
  .save = (TsSaveFunc) ts_store_case_update,
  .apply_custom = apply_custom,
  .check_record = check_programme,
};

/* ---- steps (cases-private.h) ------------------------------------------ */

gboolean
ts_cases_run_step (TsStore *store, gpointer data, GError **error)
{
  TsCaseStep *step = data;
  g_autoptr(TsCaseRecord) record = ts_store_case_get (store, step->id, error);

  if (record == NULL)
    return FALSE;
  /* Checked again in the write's own transaction: the case may have moved
   * to another organisation since ts_cases_require_case(). */
  if (!step->any_organisation && !ts_service_check_scope (step->ctx, &ts_case_resource, record,
                                                          error))
    return FALSE;
  if (!step->apply (store, step, record, error))
    return FALSE;
  if (step->unchanged)
    return TRUE;
  if (!step->keep_version &&
      !ts_store_case_update (store, record, record->version, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (step->service, step->ctx, step->action, "case", step->id, error);
}

gboolean
ts_cases_write_step (TsCaseStep *step, GError **error)
{
  return ts_store_write (ts_service_get_store (step->service), ts_cases_run_step, step, error);
}
