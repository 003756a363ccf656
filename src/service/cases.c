/*
 * The case registry's use cases (SPEC 2.2, 3.2; issue 4).
 *
 * Bunkyo's ひきこもり地域共生サポート事業 runs ①ケース検討 (an agency asks
 * about using the scheme), ②アセスメント (a case conference with the
 * agencies), ③マッチング with registered supporters, ④支援プラン and ⑤活動管理
 * (seed 004).  The status of a case follows those steps; the transitions are
 * in service/cases.h and docs/api.md.  Every other request for a transition
 * is TS_ERROR_INVALID_TRANSITION with the current status in the problem.
 */
#include "service/cases.h"
#include "service/validate.h"

#include "core/i18n.h"
#include "domain/municipality.h"
#include "match/vocabulary.h"
#include "service/supporters.h"
#include "store/supporters.h"

/* Earlier dates are typing mistakes (0202 for 2022). */
#define EARLIEST_YEAR 2000

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

void
ts_case_page_free (TsCasePage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static TsCaseView *
view_new (TsCaseRecord *record)
{
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

/* The record, its assessments and its current plan from one snapshot. */
static TsCaseView *
load_view (TsService *self, gint64 id, GError **error)
{
  LoadOne l = { id, NULL, NULL, NULL };
  TsCaseView *view;

  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error))
    {
      ts_case_record_free (l.record);
      g_clear_pointer (&l.assessments, g_ptr_array_unref);
      g_clear_pointer (&l.plans, g_ptr_array_unref);
      return NULL;
    }
  view = view_new (l.record);
  view->assessments = l.assessments;
  if (l.plans->len > 0)
    view->plan = g_ptr_array_steal_index (l.plans, 0);
  g_ptr_array_unref (l.plans);
  return view;
}

/* ---- who may do what ------------------------------------------------ */

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such case"));
}

/* Staff, and a case that exists. */
static gboolean
require_staff_and_case (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  if (ts_store_case_exists (ts_service_get_store (self), id, &local))
    return TRUE;
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    set_not_found (error);
  return FALSE;
}

static void
add_current_status (TsContext *ctx, TsCaseStatus status)
{
  if (ctx != NULL)
    ts_context_add_extra (ctx, "current_status",
                          json_node_init_string (json_node_alloc (),
                                                 ts_case_status_to_string (status)));
}

static gboolean
invalid_transition (TsContext *ctx, TsCaseStatus status, const char *message, GError **error)
{
  add_current_status (ctx, status);
  g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION, message);
  return FALSE;
}

/* ---- validation ----------------------------------------------------- */

static const char *
too_long (glong max)
{
  switch (max)
    {
    case TS_CASE_NICKNAME_MAX:
      return N_("Must be at most 50 characters");
    case TS_CASE_AGENCY_MAX:
      return N_("Must be at most 100 characters");
    case TS_CASE_NOTE_MAX:
      return N_("Must be at most 500 characters");
    case TS_CASE_SUMMARY_MAX:
    default:
      return N_("Must be at most 4000 characters");
    }
}

/* A short text (nickname, agency, note): 1 to @max characters, no control
 * characters; @multiline allows line breaks (summaries, notes). */
static void
check_text (TsContext *ctx, const char *field, const char *text, gboolean required,
            glong max, gboolean multiline)
{
  ts_validate_text (ctx, field, text, required, max, multiline, too_long (max));
}

/* Each item of a list of short texts: 1 to @max characters, no control
 * characters, at most @max_items items, and at least one if @non_empty. */
static void
check_text_list (TsContext *ctx, const char *field, char **items, gboolean non_empty,
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

static gboolean
in_list (const char *const *values, const char *text)
{
  return text != NULL && g_strv_contains (values, text);
}

static void
check_enum (TsContext *ctx, const char *field, const char *text, gboolean required,
            const char *const *values, const char *message)
{
  if (text == NULL)
    {
      if (required)
        ts_field_errors_add (ctx->errors, field, N_("Required"));
      return;
    }
  if (!in_list (values, text))
    ts_field_errors_add (ctx->errors, field, message);
}

/* A date that happened: not in the future, not before 2000. */
static void
check_past_date (TsContext *ctx, const char *field, TsDate date, gboolean required)
{
  if (date == TS_DATE_NONE)
    {
      if (required)
        ts_field_errors_add (ctx->errors, field, N_("Required"));
      return;
    }
  if (date > ts_date_today ())
    ts_field_errors_add (ctx->errors, field, N_("Must not be in the future"));
  else if (ts_date_get_year (date) < EARLIEST_YEAR)
    ts_field_errors_add (ctx->errors, field, N_("Must not be before 2000"));
}

static const char *const gender_names[] = { "female", "male", "other", "unspecified", NULL };
static const char *const preferred_gender_names[] = { "female", "male", "other", NULL };
static const char *const preferred_peer_names[] = { "self", "family", NULL };

static void
check_preferences (TsContext *ctx, const TsCasePreferences *p)
{
  check_enum (ctx, "preferences.supporter_gender", p->supporter_gender, FALSE,
              preferred_gender_names, N_("Must be one of female, male, other"));
  /* A hard gender filter needs a gender to filter on (SPEC 2.2
   * gender_mismatch). */
  if (p->gender_required && p->supporter_gender == NULL)
    ts_field_errors_add (ctx->errors, "preferences.gender_required",
                         N_("Needs preferences.supporter_gender"));
  check_enum (ctx, "preferences.peer_experience", p->peer_experience, FALSE,
              preferred_peer_names, N_("Must be self or family"));
  ts_validate_availability (ctx, "preferences.availability", p->availability, TS_CASE_AVAILABILITY_MAX);
}

/* Consent as Adachi's つなぐシート records it (seed 000): the date it was
 * obtained and what may be shared; an agency is named exactly when the
 * scope allows relaying the information to one.  A consent_scope of
 * G_MAXUINT is one the HTTP layer could not read and has reported. */
static void
check_consent (TsContext *ctx, const TsCaseRecord *d)
{
  check_past_date (ctx, "consent.obtained_on", d->consent_obtained_on, TRUE);
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
    check_text (ctx, "consent.agency", d->consent_agency, FALSE, TS_CASE_AGENCY_MAX, FALSE);
}

/* Validates the members of @d named in @present; on create, the required
 * ones must be present too. */
static void
check_draft (TsContext *ctx, const TsCaseRecord *d, guint present, gboolean creating)
{
  if (creating || (present & TS_CASE_FIELD_NICKNAME))
    check_text (ctx, "nickname", d->nickname, TRUE, TS_CASE_NICKNAME_MAX, FALSE);
  if (creating || (present & TS_CASE_FIELD_MUNICIPALITY))
    ts_validate_municipality (ctx, "municipality_code", d->municipality_code);
  if (creating || (present & TS_CASE_FIELD_AGE_BAND))
    check_enum (ctx, "age_band", d->age_band, TRUE, ts_case_age_bands,
                N_("Must be one of 10s, 20s, 30s, 40s, 50s, 60s, 70s+, unknown"));
  if (creating || (present & TS_CASE_FIELD_GENDER))
    check_enum (ctx, "gender", d->gender, TRUE, gender_names,
                N_("Must be one of female, male, other, unspecified"));
  if (creating || (present & TS_CASE_FIELD_HOUSEHOLD))
    check_enum (ctx, "household", d->household, TRUE, ts_case_households,
                N_("Must be one of single, two, three_plus"));
  if ((present & TS_CASE_FIELD_WITHDRAWAL_YEARS) && d->withdrawal_years != -1 &&
      (d->withdrawal_years < 0 || d->withdrawal_years > TS_CASE_WITHDRAWAL_YEARS_MAX))
    ts_field_errors_add (ctx->errors, "withdrawal_years", N_("Must be from 0 to 80"));

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
    check_text_list (ctx, "interests", d->interests, FALSE, TS_CASE_INTERESTS_MAX,
                     TS_CASE_INTEREST_MAX, N_("At most 32 interests of 1 to 40 characters each"));

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
  if (present & TS_CASE_FIELD_REFERRED_BY)
    check_enum (ctx, "referred_by", d->referred_by, FALSE, ts_case_referral_kinds,
                N_("Must be one of family, self, welfare_office, health_center, school, special_needs_school, medical, community_general_support_center, social_welfare_council, disability_consultation_center, hikikomori_support_center, other"));
  if ((present & TS_CASE_FIELD_REFERRING_AGENCY) && d->referring_agency != NULL)
    check_text (ctx, "referring_agency", d->referring_agency, FALSE, TS_CASE_AGENCY_MAX, FALSE);
  if (present & TS_CASE_FIELD_CONSENT)
    check_consent (ctx, d);
  else if (creating)
    ts_field_errors_add (ctx->errors, "consent", N_("Required"));
}

static char **
dup_trimmed_strv (char **items)
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

/* Copies the members named in @present from @d into @r. */
static void
apply_draft (TsCaseRecord *r, const TsCaseRecord *d, guint present)
{
  if (present & TS_CASE_FIELD_NICKNAME)
    replace (&r->nickname, ts_text_dup_trimmed (d->nickname));
  if (present & TS_CASE_FIELD_MUNICIPALITY)
    replace (&r->municipality_code, g_strdup (d->municipality_code));
  if (present & TS_CASE_FIELD_AGE_BAND)
    replace (&r->age_band, g_strdup (d->age_band));
  if (present & TS_CASE_FIELD_GENDER)
    replace (&r->gender, g_strdup (d->gender));
  if (present & TS_CASE_FIELD_HOUSEHOLD)
    replace (&r->household, g_strdup (d->household));
  if (present & TS_CASE_FIELD_WITHDRAWAL_YEARS)
    r->withdrawal_years = d->withdrawal_years;
  if ((present & TS_CASE_FIELD_NEEDS) && d->needs != NULL)
    {
      g_strfreev (r->needs);
      r->needs = g_strdupv (d->needs);
    }
  if ((present & TS_CASE_FIELD_INTERESTS) && d->interests != NULL)
    {
      g_strfreev (r->interests);
      r->interests = dup_trimmed_strv (d->interests);
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
  if (present & TS_CASE_FIELD_REFERRED_BY)
    replace (&r->referred_by, g_strdup (d->referred_by));
  if (present & TS_CASE_FIELD_REFERRING_AGENCY)
    replace (&r->referring_agency, ts_text_dup_trimmed (d->referring_agency));
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

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  check_draft (ctx, draft, present, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  /* Only the description comes from the caller: code, status and dates are
   * the registry's to set. */
  record = ts_case_record_new ();
  apply_draft (record, draft, present | TS_CASE_FIELD_NICKNAME | TS_CASE_FIELD_MUNICIPALITY |
               TS_CASE_FIELD_AGE_BAND | TS_CASE_FIELD_GENDER | TS_CASE_FIELD_HOUSEHOLD |
               TS_CASE_FIELD_CONSENT);
  c.record = record;
  if (!ts_store_write (ts_service_get_store (self), write_create, &c, error))
    return NULL;
  return load_view (self, c.id, error);
}

/* ---- read ------------------------------------------------------------- */

TsCaseView *
ts_service_case_get (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsCaseView) view = NULL;
  TsStore *store;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  store = ts_service_get_store (self);

  if (ctx->role == TS_ROLE_SUPPORTER)
    {
      g_autoptr(GError) local = NULL;

      /* Only while the supporter works with the case, and then only what
       * the visit needs (SPEC 1: case nickname and needs); any other id is
       * "not found", so an account cannot probe which cases exist. */
      if (ctx->supporter_id <= 0 ||
          !ts_store_case_supporter_has_active_assignment (store, id, ctx->supporter_id,
                                                          ts_date_today (), &local))
        {
          if (local != NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          else
            set_not_found (error);
          return NULL;
        }
      {
        TsCaseRecord *record = ts_store_case_get (store, id, error);
        if (record == NULL)
          return NULL;
        view = view_new (record);
        view->reduced = TRUE;
      }
    }
  else
    {
      if (!ts_service_require_staff (ctx, error))
        return NULL;
      view = load_view (self, id, error);
      if (view == NULL)
        return NULL;
    }
  /* A read whose audit entry cannot be written is not answered. */
  if (!ts_service_audit_read (self, ctx, "read", "case", id, error))
    return NULL;
  return g_steal_pointer (&view);
}

typedef struct {
  const TsCaseQuery *query;
  guint              limit;
  GPtrArray         *rows;
} ListRead;

static gboolean
read_list (TsStore *store, gpointer user_data, GError **error)
{
  ListRead *l = user_data;
  TsCaseFilter filter = { l->query->has_status, l->query->status,
                          l->query->municipality_code };

  /* One more than shown tells whether a next page exists. */
  l->rows = ts_store_case_list (store, &filter, l->query->after_id, l->limit + 1, error);
  return l->rows != NULL;
}

TsCasePage *
ts_service_case_list (TsService *self, TsContext *ctx, const TsCaseQuery *query,
                      GError **error)
{
  g_autoptr(TsCasePage) page = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ListRead l = { query, 0, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (query->limit != 0 && (query->limit < 1 || query->limit > TS_CASE_LIST_MAX))
    ts_field_errors_add (ctx->errors, "limit", N_("Must be from 1 to 200"));
  if (query->after_id < 0)
    ts_field_errors_add (ctx->errors, "cursor", N_("Not a cursor this service gave out"));
  if (query->municipality_code != NULL)
    ts_validate_municipality (ctx, "municipality_code", query->municipality_code);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  l.limit = query->limit != 0 ? (guint) query->limit : TS_CASE_LIST_DEFAULT;
  if (!ts_store_read (ts_service_get_store (self), read_list, &l, error))
    return NULL;
  rows = l.rows;

  page = g_new0 (TsCasePage, 1);
  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_case_view_free);
  for (guint i = 0; i < rows->len && i < l.limit; i++)
    g_ptr_array_add (page->items, view_new (g_steal_pointer (&rows->pdata[i])));
  if (rows->len > l.limit)
    page->next_after_id = ((TsCaseView *) page->items->pdata[l.limit - 1])->record->id;

  /* One entry per list call: who looked at the register, and when. */
  if (!ts_service_audit_read (self, ctx, "list", "case", 0, error))
    return NULL;
  return g_steal_pointer (&page);
}

/* ---- update ----------------------------------------------------------- */

typedef struct {
  TsService          *service;
  TsContext          *ctx;
  gint64              id;
  const TsCaseRecord *draft;
  guint               present;
  const gint64       *if_match;
  guint               n_if_match;
} UpdateWrite;

static gboolean
write_update (TsStore *store, gpointer user_data, GError **error)
{
  UpdateWrite *u = user_data;
  g_autoptr(TsCaseRecord) record = ts_store_case_get (store, u->id, error);
  gint64 expected;

  if (record == NULL)
    return FALSE;
  /* With If-Match the expected version is the client's: the UPDATE's
   * WHERE version = ? then refuses a record someone else changed since the
   * client read it.  Without it, the patch applies to the current record. */
  expected = record->version;
  if (!ts_service_version_matches (record->version, u->if_match, u->n_if_match))
    expected = u->if_match[0];
  /* A closed case is a finished record; the 412 above comes first, since a
   * client with a stale copy should reload before anything else. */
  if (expected == record->version && record->status == TS_CASE_CLOSED)
    return invalid_transition (u->ctx, record->status, N_("A closed case cannot be changed"),
                               error);
  apply_draft (record, u->draft, u->present);
  if (!ts_store_case_update (store, record, expected, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (u->service, u->ctx, "update", "case", u->id, error);
}

TsCaseView *
ts_service_case_update (TsService *self, TsContext *ctx, gint64 id, const TsCaseRecord *draft,
                        guint present, const gint64 *if_match, guint n_if_match, GError **error)
{
  UpdateWrite u = { self, ctx, id, draft, present, if_match, n_if_match };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (if_match != NULL || n_if_match == 0, NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  check_draft (ctx, draft, present, FALSE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_update, &u, error))
    return NULL;
  return load_view (self, id, error);
}

/* ---- assessment ------------------------------------------------------- */

typedef struct {
  TsService               *service;
  TsContext               *ctx;
  gint64                   id;
  const TsAssessmentInput *input;
  char                   **participants;
  char                    *summary;
} AssessWrite;

/* ②アセスメント: the first conference turns an inquiry into an assessed
 * case; later ones (a review during matching or support) are recorded too
 * and leave the status alone. */
static gboolean
write_assess (TsStore *store, gpointer user_data, GError **error)
{
  AssessWrite *w = user_data;
  g_autoptr(TsCaseRecord) record = ts_store_case_get (store, w->id, error);

  if (record == NULL)
    return FALSE;
  if (record->status == TS_CASE_CLOSED)
    return invalid_transition (w->ctx, record->status,
                               N_("A closed case cannot be assessed"), error);
  if (!ts_store_case_assessment_insert (store, w->id, w->input->held_on,
                                        (const char *const *) w->participants, w->summary,
                                        w->ctx->user_id, ts_service_now_unix (), error))
    return FALSE;
  if (record->status == TS_CASE_INQUIRY)
    record->status = TS_CASE_ASSESSED;
  /* The assessments are part of the case's representation: new ETag. */
  if (!ts_store_case_update (store, record, record->version, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "assess", "case", w->id, error);
}

TsCaseView *
ts_service_case_assess (TsService *self, TsContext *ctx, gint64 id,
                        const TsAssessmentInput *input, GError **error)
{
  g_auto(GStrv) participants = NULL;
  g_autofree char *summary = NULL;
  AssessWrite w = { self, ctx, id, input, NULL, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  check_past_date (ctx, "held_on", input->held_on, TRUE);
  check_text_list (ctx, "participants", (char **) input->participants, TRUE,
                   TS_CASE_PARTICIPANTS_MAX, TS_CASE_PARTICIPANT_MAX,
                   N_("At most 20 participants of 1 to 100 characters each"));
  check_text (ctx, "summary", input->summary, TRUE, TS_CASE_SUMMARY_MAX, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  participants = dup_trimmed_strv ((char **) input->participants);
  summary = ts_text_dup_trimmed (input->summary);
  w.participants = participants;
  w.summary = summary;
  if (!ts_store_write (ts_service_get_store (self), write_assess, &w, error))
    return NULL;
  return load_view (self, id, error);
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
      return invalid_transition (ctx, record->status, N_("The case is closed"), error);
    case TS_CASE_BLOCKED_NOT_ASSESSED:
      return invalid_transition (ctx, record->status,
                                 N_("The case must be assessed before matching"), error);
    case TS_CASE_BLOCKED_CONSENT_MISSING:
    default:
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONSENT_MISSING,
                           N_("The case's consent does not cover matching"));
      return FALSE;
    }
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
} IdWrite;

static gboolean
write_start_matching (TsStore *store, gpointer user_data, GError **error)
{
  IdWrite *w = user_data;
  g_autoptr(TsCaseRecord) record = ts_store_case_get (store, w->id, error);

  if (record == NULL)
    return FALSE;
  if (record->status != TS_CASE_ASSESSED)
    return invalid_transition (w->ctx, record->status,
                               N_("Only an assessed case can go to matching"), error);
  if (!ts_service_case_check_matchable (record, w->ctx, error))
    return FALSE;
  record->status = TS_CASE_MATCHING;
  if (!ts_store_case_update (store, record, record->version, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "start_matching", "case", w->id, error);
}

TsCaseView *
ts_service_case_start_matching (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  IdWrite w = { self, ctx, id };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_start_matching, &w, error))
    return NULL;
  return load_view (self, id, error);
}

typedef struct {
  gint64           id;
  TsCaseMatchInfo *info;
  GPtrArray       *open;
} MatchRead;

static gboolean
read_for_matching (TsStore *store, gpointer user_data, GError **error)
{
  MatchRead *m = user_data;

  if (m->id > 0)
    {
      m->info = ts_store_case_get_for_matching (store, m->id, error);
      return m->info != NULL;
    }
  m->open = ts_store_case_list_open_for_matching (store, error);
  return m->open != NULL;
}

TsCaseMatchInfo *
ts_service_case_get_for_matching (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  MatchRead m = { id, NULL, NULL };

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
  MatchRead m = { 0, NULL, NULL };

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

gboolean
ts_service_case_assignment_started (TsService *self, TsContext *ctx, gint64 case_id,
                                    GError **error)
{
  TsStore *store;
  g_autoptr(TsCaseRecord) record = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  store = ts_service_get_store (self);
  g_return_val_if_fail (ts_store_in_writer (store), FALSE);

  record = ts_store_case_get (store, case_id, error);
  if (record == NULL)
    return FALSE;
  if (!ts_service_case_check_matchable (record, ctx, error))
    return FALSE;
  if (record->status == TS_CASE_ACTIVE)
    return TRUE;
  record->status = TS_CASE_ACTIVE;
  if (!ts_store_case_update (store, record, record->version, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (self, ctx, "activate", "case", case_id, error);
}

gboolean
ts_service_case_assignment_ended (TsService *self, TsContext *ctx, gint64 case_id,
                                  GError **error)
{
  TsStore *store;
  g_autoptr(TsCaseRecord) record = NULL;
  int open;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  store = ts_service_get_store (self);
  g_return_val_if_fail (ts_store_in_writer (store), FALSE);

  record = ts_store_case_get (store, case_id, error);
  if (record == NULL)
    return FALSE;
  if (record->status != TS_CASE_ACTIVE)
    return TRUE;
  open = ts_store_case_open_assignments (store, case_id, error);
  if (open < 0)
    return FALSE;
  if (open > 0)
    return TRUE;
  /* Nobody works with the case any more: it needs a new supporter (or the
   * coordinator closes it). */
  record->status = TS_CASE_MATCHING;
  if (!ts_store_case_update (store, record, record->version, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (self, ctx, "deactivate", "case", case_id, error);
}

/* ---- close ------------------------------------------------------------ */

typedef struct {
  TsService              *service;
  TsContext              *ctx;
  gint64                  id;
  const TsCaseCloseInput *input;
  char                   *note;
} CloseWrite;

static gboolean
write_close (TsStore *store, gpointer user_data, GError **error)
{
  CloseWrite *w = user_data;
  g_autoptr(TsCaseRecord) record = ts_store_case_get (store, w->id, error);
  int open;

  if (record == NULL)
    return FALSE;
  if (record->status == TS_CASE_CLOSED)
    return invalid_transition (w->ctx, record->status, N_("The case is already closed"), error);
  /* Ending a supporter's work is the assignment's own step (with its date
   * and reason); closing must not end it silently. */
  open = ts_store_case_open_assignments (store, w->id, error);
  if (open < 0)
    return FALSE;
  if (open > 0)
    {
      ts_context_add_extra (w->ctx, "open_assignments",
                            json_node_init_int (json_node_alloc (), open));
      return invalid_transition (w->ctx, record->status,
                                 N_("The case still has open assignments; end them first"),
                                 error);
    }
  record->status = TS_CASE_CLOSED;
  record->closed_on = w->input->closed_on;
  replace (&record->close_reason, g_strdup (w->input->reason));
  replace (&record->close_note, g_strdup (w->note));
  if (!ts_store_case_update (store, record, record->version, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "close", "case", w->id, error);
}

TsCaseView *
ts_service_case_close (TsService *self, TsContext *ctx, gint64 id,
                       const TsCaseCloseInput *input, GError **error)
{
  g_autofree char *note = NULL;
  CloseWrite w = { self, ctx, id, input, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  check_past_date (ctx, "closed_on", input->closed_on, TRUE);
  check_enum (ctx, "reason", input->reason, TRUE, ts_case_close_reasons,
              N_("Must be one of goal_reached, referred_elsewhere, declined, moved, no_contact, other"));
  if (input->note != NULL)
    check_text (ctx, "note", input->note, FALSE, TS_CASE_NOTE_MAX, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  note = ts_text_dup_trimmed (input->note);
  w.note = note;
  if (!ts_store_write (ts_service_get_store (self), write_close, &w, error))
    return NULL;
  return load_view (self, id, error);
}

/* ---- support plan ----------------------------------------------------- */

typedef struct {
  TsService         *service;
  TsContext         *ctx;
  gint64             id;
  char             **goals;
  TsDate             review_on;
  gboolean           revised;
} PlanWrite;

static gboolean
same_plan (const TsCasePlan *plan, char **goals, TsDate review_on)
{
  guint n = g_strv_length (goals);

  if (plan->review_on != review_on || g_strv_length (plan->goals) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (plan->goals[i], goals[i]))
      return FALSE;
  return TRUE;
}

/* ④支援プラン: each change is a new revision; the old ones stay.  Sending
 * the current plan again changes nothing, so a retried PUT does not add a
 * revision. */
static gboolean
write_plan (TsStore *store, gpointer user_data, GError **error)
{
  PlanWrite *w = user_data;
  g_autoptr(TsCaseRecord) record = ts_store_case_get (store, w->id, error);
  g_autoptr(GPtrArray) plans = NULL;
  int revision = 1;

  if (record == NULL)
    return FALSE;
  if (record->status == TS_CASE_CLOSED)
    return invalid_transition (w->ctx, record->status,
                               N_("A closed case's plan cannot be changed"), error);
  if (record->status == TS_CASE_INQUIRY)
    return invalid_transition (w->ctx, record->status,
                               N_("The case must be assessed before a support plan is made"),
                               error);
  plans = ts_store_case_plans (store, w->id, error);
  if (plans == NULL)
    return FALSE;
  if (plans->len > 0)
    {
      const TsCasePlan *current = plans->pdata[0];
      if (same_plan (current, w->goals, w->review_on))
        return TRUE;
      revision = current->revision + 1;
    }
  if (!ts_store_case_plan_insert (store, w->id, revision, (const char *const *) w->goals,
                                  w->review_on, w->ctx->user_id, ts_service_now_unix (), error))
    return FALSE;
  /* The current plan is part of the case's representation: new ETag. */
  if (!ts_store_case_update (store, record, record->version, ts_service_now_unix (), error))
    return FALSE;
  w->revised = TRUE;
  return ts_service_audit (w->service, w->ctx, "revise_plan", "case", w->id, error);
}

typedef struct {
  gint64     id;
  GPtrArray *items;
} ListById;

static gboolean
read_plans (TsStore *store, gpointer user_data, GError **error)
{
  ListById *l = user_data;
  l->items = ts_store_case_plans (store, l->id, error);
  return l->items != NULL;
}

GPtrArray *
ts_service_case_revise_plan (TsService *self, TsContext *ctx, gint64 id,
                             const TsPlanInput *input, gboolean *out_revised, GError **error)
{
  g_auto(GStrv) goals = NULL;
  PlanWrite w = { self, ctx, id, NULL, TS_DATE_NONE, FALSE };
  ListById l = { id, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  check_text_list (ctx, "goals", (char **) input->goals, TRUE, TS_CASE_GOALS_MAX,
                   TS_CASE_GOAL_MAX, N_("At most 20 goals of 1 to 200 characters each"));
  if (input->review_on == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "review_on", N_("Required"));
  else if (input->review_on < ts_date_today ())
    ts_field_errors_add (ctx->errors, "review_on", N_("Must not be in the past"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  goals = dup_trimmed_strv ((char **) input->goals);
  w.goals = goals;
  w.review_on = input->review_on;
  if (!ts_store_write (ts_service_get_store (self), write_plan, &w, error))
    return NULL;
  if (out_revised != NULL)
    *out_revised = w.revised;
  if (!ts_store_read (ts_service_get_store (self), read_plans, &l, error))
    return NULL;
  return l.items;
}

GPtrArray *
ts_service_case_get_plan (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) plans = NULL;
  ListById l = { id, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_plans, &l, error))
    return NULL;
  plans = l.items;
  if (!ts_service_audit_read (self, ctx, "read_plan", "case", id, error))
    return NULL;
  return g_steal_pointer (&plans);
}

/* ---- exclusions ------------------------------------------------------- */

typedef struct {
  TsService              *service;
  TsContext              *ctx;
  gint64                  id;
  const TsExclusionInput *input;
  char                   *note;
  gint64                  exclusion_id;
} ExclusionWrite;

static gboolean
write_exclusion (TsStore *store, gpointer user_data, GError **error)
{
  ExclusionWrite *w = user_data;
  g_autoptr(TsCaseRecord) record = ts_store_case_get (store, w->id, error);
  g_autoptr(GError) local = NULL;

  if (record == NULL)
    return FALSE;
  if (record->status == TS_CASE_CLOSED)
    return invalid_transition (w->ctx, record->status,
                               N_("A closed case cannot get new exclusions"), error);
  if (!ts_store_supporter_exists (store, w->input->supporter_id, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      ts_field_errors_add (w->ctx->errors, "supporter_id", N_("No such supporter"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  if (!ts_store_case_exclusion_insert (store, w->id, w->input->supporter_id, w->input->reason,
                                       w->note, w->ctx->user_id, ts_service_now_unix (),
                                       &w->exclusion_id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "add_exclusion", "case", w->id, error);
}

static gboolean
read_exclusions (TsStore *store, gpointer user_data, GError **error)
{
  ListById *l = user_data;
  l->items = ts_store_case_exclusions (store, l->id, error);
  return l->items != NULL;
}

TsCaseExclusion *
ts_service_case_add_exclusion (TsService *self, TsContext *ctx, gint64 id,
                               const TsExclusionInput *input, GError **error)
{
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) all = NULL;
  ExclusionWrite w = { self, ctx, id, input, NULL, 0 };
  ListById l = { id, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  if (input->supporter_id == 0)
    ts_field_errors_add (ctx->errors, "supporter_id", N_("Required"));
  else if (input->supporter_id < 0)
    ts_field_errors_add (ctx->errors, "supporter_id", N_("Must be a positive integer"));
  check_enum (ctx, "reason", input->reason, TRUE, ts_case_exclusion_reasons,
              N_("Must be one of conflict_of_interest, breakdown, request, other"));
  if (input->note != NULL)
    check_text (ctx, "note", input->note, FALSE, TS_CASE_NOTE_MAX, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  note = ts_text_dup_trimmed (input->note);
  w.note = note;
  if (!ts_store_write (ts_service_get_store (self), write_exclusion, &w, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_exclusions, &l, error))
    return NULL;
  all = l.items;
  for (guint i = 0; i < all->len; i++)
    if (((TsCaseExclusion *) all->pdata[i])->id == w.exclusion_id)
      return g_ptr_array_steal_index (all, i);
  set_not_found (error);
  return NULL;
}

GPtrArray *
ts_service_case_list_exclusions (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) items = NULL;
  ListById l = { id, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!require_staff_and_case (self, ctx, id, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_exclusions, &l, error))
    return NULL;
  items = l.items;
  if (!ts_service_audit_read (self, ctx, "list_exclusions", "case", id, error))
    return NULL;
  return g_steal_pointer (&items);
}
