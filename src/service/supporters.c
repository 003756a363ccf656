/*
 * The supporter registry's use cases (SPEC 2.1 and 3.2).
 *
 * Status transitions (the seeds describe 登録 after the 養成研修, seed 002;
 * suspension and retirement are ours, docs/api.md):
 *
 *   applicant  --register-->  registered  --suspend-->  suspended
 *                             registered  <--register-- suspended  (reinstatement)
 *   applicant | registered | suspended  --retire-->  retired  (final)
 *
 * Every other request for a transition is TS_ERROR_INVALID_TRANSITION.
 */
#include "service/supporters.h"
#include "service/validate.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/insurance.h"
#include "match/vocabulary.h"
#include "service/cases.h"
#include "store/assignments.h"
#include "store/users.h"

/* ---- views ---------------------------------------------------------- */

void
ts_supporter_view_free (TsSupporterView *view)
{
  if (view == NULL)
    return;
  ts_supporter_record_free (view->record);
  g_clear_pointer (&view->trainings, g_array_unref);
  g_clear_pointer (&view->status_changes, g_ptr_array_unref);
  g_free (view->municipality_name);
  g_free (view);
}

void
ts_supporter_page_free (TsSupporterPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

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

/* The name a person reads next to a code: a designated city's ward is
 * shown with its city ("横浜市鶴見区"), since ward names repeat across cities. */
char *
ts_service_municipality_name (const char *code, const char **out_prefecture)
{
  const TsMunicipality *m = code != NULL ? ts_municipality_lookup (code) : NULL;
  const TsMunicipality *city;

  if (out_prefecture != NULL)
    *out_prefecture = m != NULL ? m->prefecture : NULL;
  if (m == NULL)
    return NULL;
  if (m->city_code != NULL && (city = ts_municipality_lookup (m->city_code)) != NULL)
    return g_strconcat (city->name, m->name, NULL);
  return g_strdup (m->name);
}

static TsStanding
standing_of (TsSupporterStatus status)
{
  switch (status)
    {
    case TS_SUPPORTER_REGISTERED:
      return TS_STANDING_REGISTERED;
    case TS_SUPPORTER_SUSPENDED:
      return TS_STANDING_SUSPENDED;
    case TS_SUPPORTER_RETIRED:
      return TS_STANDING_RETIRED;
    case TS_SUPPORTER_APPLICANT:
    default:
      return TS_STANDING_APPLICANT;
    }
}

/*
 * Records registered before the history existed (migration 0003) have a
 * registered_on but no registration row: it is put first.  A record whose
 * current status is suspended or retired with no row saying when is taken
 * to have had that status since registration — nobody can tell when it
 * began, and a day worked while paused must not be paid on a guess.
 */
GArray *
ts_service_supporter_standing (TsStore *store, gint64 supporter_id, TsSupporterStatus status,
                               TsDate registered_on, GError **error)
{
  g_autoptr(GPtrArray) rows = ts_store_supporter_status_changes (store, supporter_id, error);
  GArray *out;

  if (rows == NULL)
    return NULL;
  out = g_array_sized_new (FALSE, FALSE, sizeof (TsStandingChange), rows->len + 2);
  if (registered_on != TS_DATE_NONE &&
      (rows->len == 0 ||
       ((TsStatusChange *) rows->pdata[0])->from_status != TS_SUPPORTER_APPLICANT))
    {
      TsStandingChange c = { TS_STANDING_REGISTERED, registered_on };
      g_array_append_val (out, c);
      if (rows->len == 0 && status != TS_SUPPORTER_REGISTERED && status != TS_SUPPORTER_APPLICANT)
        {
          c.to = standing_of (status);
          g_array_append_val (out, c);
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const TsStatusChange *row = rows->pdata[i];
      TsStandingChange c = { standing_of (row->to_status), row->changed_on };
      g_array_append_val (out, c);
    }
  return out;
}

static TsSupporterView *
view_new (TsService *self, TsSupporterRecord *record, GArray *trainings,
          GPtrArray *status_changes, TsDate on)
{
  TsSupporterView *view = g_new0 (TsSupporterView, 1);

  view->record = record;
  view->trainings = trainings != NULL ? trainings
                                      : g_array_new (FALSE, FALSE, sizeof (TsTrainingRecord));
  view->status_changes = status_changes;
  view->on = on;
  ts_service_supporter_qualify (self, (const TsTrainingRecord *) view->trainings->data,
                                view->trainings->len, on, &view->qualification);
  view->municipality_name = ts_service_municipality_name (record->municipality_code,
                                                          &view->prefecture_name);
  return view;
}

typedef struct {
  gint64             id;
  TsSupporterRecord *record;
  GArray            *trainings;
  GPtrArray         *status_changes;
} LoadOne;

static gboolean
read_one (TsStore *store, gpointer user_data, GError **error)
{
  LoadOne *l = user_data;

  l->record = ts_store_supporter_get (store, l->id, error);
  if (l->record == NULL)
    return FALSE;
  l->trainings = ts_store_supporter_trainings (store, l->id, error);
  if (l->trainings == NULL)
    return FALSE;
  l->status_changes = ts_store_supporter_status_changes (store, l->id, error);
  return l->status_changes != NULL;
}

/* The record, its completions and its history from one snapshot. */
static TsSupporterView *
load_view (TsService *self, gint64 id, TsDate on, GError **error)
{
  LoadOne l = { id, NULL, NULL, NULL };

  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error))
    {
      ts_supporter_record_free (l.record);
      g_clear_pointer (&l.trainings, g_array_unref);
      g_clear_pointer (&l.status_changes, g_ptr_array_unref);
      return NULL;
    }
  return view_new (self, l.record, l.trainings, l.status_changes,
                   on != TS_DATE_NONE ? on : ts_date_today ());
}

/* ---- who may do what ------------------------------------------------ */

static gboolean
is_staff (TsContext *ctx)
{
  return (ctx->role & TS_ROLE_STAFF) != 0;
}

/* A supporter account sees its own record only; any other id answers as
 * if it did not exist, so that existence is not revealed. */
static gboolean
may_read (TsContext *ctx, gint64 id, GError **error)
{
  if (is_staff (ctx))
    return TRUE;
  if (ctx->role == TS_ROLE_SUPPORTER && ctx->supporter_id == id)
    return TRUE;
  if (ctx->role == TS_ROLE_SUPPORTER)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
  else
    g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
  return FALSE;
}

/* ---- validation ----------------------------------------------------- */

/* Names and occupation: 1 to 100 characters, no control characters. */
static void
check_text (TsContext *ctx, const char *field, const char *text, gboolean required)
{
  ts_validate_text (ctx, field, text, required, TS_SUPPORTER_NAME_MAX, FALSE,
                    N_("Must be at most 100 characters"));
}

/* A reading (フリガナ) in kana: hiragana or katakana with the long vowel
 * mark and middle dot, separated by ASCII or ideographic spaces.
 * Half-width katakana is refused so that sorting and searching by reading
 * see one form. */
static gboolean
is_kana (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c >= 0x3041 && c <= 0x309F) ||   /* hiragana, incl. ゛゜ゝゞ */
          (c >= 0x30A0 && c <= 0x30FF) ||   /* katakana, incl. ・ー */
          (c >= 0x31F0 && c <= 0x31FF) ||   /* small katakana for Ainu */
          c == ' ' || c == 0x3000)
        continue;
      return FALSE;
    }
  return TRUE;
}

/* Validates the members of @draft named in @present; on create, the
 * required ones must be present too. */
static void
check_draft (TsContext *ctx, const TsSupporterRecord *d, guint present, gboolean creating)
{
  int this_year = ts_date_get_year (ts_date_today ());

  if (creating || (present & TS_SUPPORTER_FIELD_NAME))
    check_text (ctx, "name", d->name, TRUE);

  if ((present & TS_SUPPORTER_FIELD_NAME_KANA) && d->name_kana != NULL)
    {
      check_text (ctx, "name_kana", d->name_kana, FALSE);
      if (!ts_field_errors_has (ctx->errors, "name_kana") && !is_kana (d->name_kana))
        ts_field_errors_add (ctx->errors, "name_kana",
                             N_("Must be written in hiragana or full-width katakana"));
    }

  if (creating || (present & TS_SUPPORTER_FIELD_GENDER))
    {
      if (d->gender == NULL)
        ts_field_errors_add (ctx->errors, "gender", N_("Required"));
      else if (!ts_match_gender_from_string (d->gender, NULL))
        ts_field_errors_add (ctx->errors, "gender",
                             N_("Must be one of female, male, other, unspecified"));
    }

  if ((present & TS_SUPPORTER_FIELD_BIRTH_YEAR) && d->birth_year != 0 &&
      (d->birth_year < 1900 || d->birth_year > this_year))
    ts_field_errors_add (ctx->errors, "birth_year", N_("Must be a year from 1900 to this year"));

  if (creating || (present & TS_SUPPORTER_FIELD_MUNICIPALITY))
    ts_validate_municipality (ctx, "municipality_code", d->municipality_code);

  if ((present & TS_SUPPORTER_FIELD_LOCATION) && d->has_location)
    {
      if (!(d->lat >= -90.0 && d->lat <= 90.0))
        ts_field_errors_add (ctx->errors, "location.lat", N_("Must be a latitude from -90 to 90"));
      if (!(d->lon >= -180.0 && d->lon <= 180.0))
        ts_field_errors_add (ctx->errors, "location.lon",
                             N_("Must be a longitude from -180 to 180"));
    }

  if ((present & TS_SUPPORTER_FIELD_OCCUPATION) && d->occupation != NULL)
    check_text (ctx, "occupation", d->occupation, FALSE);

  if (creating || (present & TS_SUPPORTER_FIELD_PEER_EXPERIENCE))
    {
      if (d->peer_experience == NULL)
        ts_field_errors_add (ctx->errors, "peer_experience", N_("Required"));
      else if (!ts_match_peer_from_string (d->peer_experience, NULL))
        ts_field_errors_add (ctx->errors, "peer_experience",
                             N_("Must be one of none, self, family"));
    }

  if (present & TS_SUPPORTER_FIELD_SKILLS)
    {
      if (d->skills == NULL)
        ts_field_errors_add (ctx->errors, "skills", N_("Required"));
      for (guint i = 0; d->skills != NULL && d->skills[i] != NULL; i++)
        if (!ts_match_skill_from_string (d->skills[i], NULL))
          {
            ts_field_errors_add (ctx->errors, "skills",
                                 N_("Each skill must be one of home_visit, accompany, phone, space, family_support, online"));
            break;
          }
    }

  if (present & TS_SUPPORTER_FIELD_INTERESTS)
    {
      guint n = d->interests != NULL ? g_strv_length (d->interests) : 0;
      if (d->interests == NULL)
        ts_field_errors_add (ctx->errors, "interests", N_("Required"));
      else if (n > TS_SUPPORTER_INTERESTS_MAX)
        ts_field_errors_add (ctx->errors, "interests", N_("At most 32 interests"));
      for (guint i = 0; i < n; i++)
        if (ts_text_is_blank (d->interests[i]) || ts_text_has_control_chars (d->interests[i], FALSE) ||
            g_utf8_strlen (d->interests[i], -1) > TS_SUPPORTER_INTEREST_MAX)
          {
            ts_field_errors_add (ctx->errors, "interests",
                                 N_("Each interest must be 1 to 40 characters"));
            break;
          }
    }

  if (present & TS_SUPPORTER_FIELD_AVAILABILITY)
    {
      if (d->availability == NULL)
        ts_field_errors_add (ctx->errors, "availability", N_("Required"));
      ts_validate_availability (ctx, "availability", d->availability, TS_SUPPORTER_AVAILABILITY_MAX);
    }

  if ((present & TS_SUPPORTER_FIELD_MAX_CASES) &&
      (d->max_cases < 0 || d->max_cases > TS_SUPPORTER_MAX_CASES_LIMIT))
    ts_field_errors_add (ctx->errors, "max_cases", N_("Must be from 0 to 20"));

  /* insurance_until: any real date; a past date simply means "not insured
   * now", which is worth recording too (SPEC 2.1). */
}

/* Copies the members named in @present from @d into @r. */
static void
apply_draft (TsSupporterRecord *r, const TsSupporterRecord *d, guint present)
{
  if (present & TS_SUPPORTER_FIELD_NAME)
    {
      g_free (r->name);
      r->name = ts_text_dup_trimmed (d->name);
    }
  if (present & TS_SUPPORTER_FIELD_NAME_KANA)
    {
      g_free (r->name_kana);
      r->name_kana = ts_text_dup_trimmed (d->name_kana);
    }
  if (present & TS_SUPPORTER_FIELD_GENDER)
    {
      g_free (r->gender);
      r->gender = g_strdup (d->gender);
    }
  if (present & TS_SUPPORTER_FIELD_BIRTH_YEAR)
    r->birth_year = d->birth_year;
  if (present & TS_SUPPORTER_FIELD_MUNICIPALITY)
    {
      g_free (r->municipality_code);
      r->municipality_code = g_strdup (d->municipality_code);
    }
  if (present & TS_SUPPORTER_FIELD_LOCATION)
    {
      r->has_location = d->has_location;
      r->lat = d->has_location ? d->lat : 0.0;
      r->lon = d->has_location ? d->lon : 0.0;
    }
  if (present & TS_SUPPORTER_FIELD_OCCUPATION)
    {
      g_free (r->occupation);
      r->occupation = ts_text_dup_trimmed (d->occupation);
    }
  if (present & TS_SUPPORTER_FIELD_PEER_EXPERIENCE)
    {
      g_free (r->peer_experience);
      r->peer_experience = g_strdup (d->peer_experience);
    }
  if ((present & TS_SUPPORTER_FIELD_SKILLS) && d->skills != NULL)
    {
      g_strfreev (r->skills);
      r->skills = g_strdupv (d->skills);
    }
  if ((present & TS_SUPPORTER_FIELD_INTERESTS) && d->interests != NULL)
    {
      g_strfreev (r->interests);
      r->interests = g_new0 (char *, g_strv_length (d->interests) + 1);
      for (guint i = 0; d->interests[i] != NULL; i++)
        r->interests[i] = ts_text_dup_trimmed (d->interests[i]);
    }
  if ((present & TS_SUPPORTER_FIELD_AVAILABILITY) && d->availability != NULL)
    {
      g_array_unref (r->availability);
      r->availability = g_array_copy (d->availability);
    }
  if (present & TS_SUPPORTER_FIELD_MAX_CASES)
    r->max_cases = d->max_cases;
  if (present & TS_SUPPORTER_FIELD_INSURANCE_UNTIL)
    r->insurance_until = d->insurance_until;
}

/* ---- create ----------------------------------------------------------- */

typedef struct {
  TsService         *service;
  TsContext         *ctx;
  TsSupporterRecord *record;
  gint64             id;
  gint64             now;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *c = user_data;

  if (!ts_store_supporter_insert (store, c->record, c->now, &c->id, error))
    return FALSE;
  return ts_service_audit (c->service, c->ctx, "create", "supporter", c->id, error);
}

/* Checks the draft and makes the record to insert: only the profile comes
 * from the caller, status, code and dates are the registry's to set. */
static CreateWrite *
prepare_create (TsService *self, TsContext *ctx, const TsSupporterRecord *draft,
                guint present, GError **error)
{
  CreateWrite *c;

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  check_draft (ctx, draft, present, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  c = g_new0 (CreateWrite, 1);
  c->service = self;
  c->ctx = ctx;
  c->now = ts_service_now_unix ();
  c->record = ts_supporter_record_new ();
  apply_draft (c->record, draft, present | TS_SUPPORTER_FIELD_NAME | TS_SUPPORTER_FIELD_GENDER |
               TS_SUPPORTER_FIELD_MUNICIPALITY | TS_SUPPORTER_FIELD_PEER_EXPERIENCE);
  return c;
}

static void
create_write_free (CreateWrite *c)
{
  ts_supporter_record_free (c->record);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CreateWrite, create_write_free)

/* The row is exactly what was inserted: the answer needs no read back
 * (which would start on a page cache that the commit just made stale). */
static TsSupporterView *
created_view (CreateWrite *c)
{
  TsSupporterRecord *record = g_steal_pointer (&c->record);

  record->id = c->id;
  record->version = 1;
  record->created_at = record->updated_at = c->now;
  return view_new (c->service, record, NULL,
                   g_ptr_array_new_with_free_func ((GDestroyNotify) ts_status_change_free),
                   ts_date_today ());
}

TsSupporterView *
ts_service_supporter_create (TsService *self, TsContext *ctx, const TsSupporterRecord *draft,
                             guint present, GError **error)
{
  g_autoptr(CreateWrite) c = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  c = prepare_create (self, ctx, draft, present, error);
  if (c == NULL || !ts_store_write (ts_service_get_store (self), write_create, c, error))
    return NULL;
  return created_view (c);
}

static void
create_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!ts_store_write_finish (TS_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, created_view (g_task_get_task_data (task)),
                         (GDestroyNotify) ts_supporter_view_free);
}

/* ts_service_supporter_create() for the main loop: @callback runs there
 * once the new supporter is durable; @ctx must live until then. */
void
ts_service_supporter_create_async (TsService *self, TsContext *ctx,
                                   const TsSupporterRecord *draft, guint present,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  CreateWrite *c;

  g_return_if_fail (TS_IS_SERVICE (self));
  g_return_if_fail (draft != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ts_service_supporter_create_async);
  c = prepare_create (self, ctx, draft, present, &error);
  if (c == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, c, (GDestroyNotify) create_write_free);
  ts_store_write_async (ts_service_get_store (self), write_create, c, NULL,
                        create_written, g_steal_pointer (&task));
}

TsSupporterView *
ts_service_supporter_create_finish (TsService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- read ------------------------------------------------------------- */

TsSupporterView *
ts_service_supporter_get (TsService *self, TsContext *ctx, gint64 id, TsDate on,
                          GError **error)
{
  g_autoptr(TsSupporterView) view = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!may_read (ctx, id, error))
    return NULL;
  view = load_view (self, id, on, error);
  if (view == NULL)
    return NULL;
  if (!ts_service_audit_read (self, ctx, "read", "supporter", id, error))
    return NULL;
  return g_steal_pointer (&view);
}

/* The record read, held until its audit entry is durable. */
typedef struct {
  TsSupporterView *view;
} GetRead;

static void
get_read_free (GetRead *g)
{
  g_clear_pointer (&g->view, ts_supporter_view_free);
  g_free (g);
}

static void
get_audited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GetRead *g = g_task_get_task_data (task);
  GError *error = NULL;

  if (!ts_service_audit_read_finish (TS_SERVICE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&g->view), (GDestroyNotify) ts_supporter_view_free);
}

/* ts_service_supporter_get() for the main loop: the point read runs here,
 * the audit entry is written without a waiting thread, and @callback gets
 * the record once that entry is durable. */
void
ts_service_supporter_get_async (TsService *self, TsContext *ctx, gint64 id, TsDate on,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GetRead *g;

  g_return_if_fail (TS_IS_SERVICE (self));
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ts_service_supporter_get_async);
  g = g_new0 (GetRead, 1);
  g_task_set_task_data (task, g, (GDestroyNotify) get_read_free);
  if (!may_read (ctx, id, &error) || (g->view = load_view (self, id, on, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ts_service_audit_read_async (self, ctx, "read", "supporter", id, get_audited,
                               g_steal_pointer (&task));
}

TsSupporterView *
ts_service_supporter_get_finish (TsService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  TsService              *service;
  const TsSupporterQuery *query;
  TsDate                  on;
  guint                   limit;
  GPtrArray              *items;
  gint64                  next_after_id;
} ListRead;

/* Reads pages in id order until @limit supporters pass the filters (one
 * more tells that a next page exists) or the table ends.  The
 * qualification filter is computed, not stored, so a page may need several
 * reads; all of them see one snapshot. */
static gboolean
read_list (TsStore *store, gpointer user_data, GError **error)
{
  ListRead *l = user_data;
  const TsSupporterQuery *q = l->query;
  TsSupporterFilter filter = { q->has_status, q->status, q->municipality_code };
  guint chunk = q->has_qualification ? MAX (l->limit + 1, 100) : l->limit + 1;
  gint64 after = q->after_id;

  for (;;)
    {
      g_autoptr(GPtrArray) rows = ts_store_supporter_list (store, &filter, after, chunk, error);
      g_autoptr(GArray) trainings = NULL;
      guint t = 0;
      guint n_rows;

      if (rows == NULL)
        return FALSE;
      n_rows = rows->len;
      if (n_rows == 0)
        return TRUE;
      trainings = ts_store_supporter_trainings_range (
        store, ((TsSupporterRecord *) rows->pdata[0])->id,
        ((TsSupporterRecord *) rows->pdata[n_rows - 1])->id, error);
      if (trainings == NULL)
        return FALSE;
      after = ((TsSupporterRecord *) rows->pdata[n_rows - 1])->id;

      for (guint i = 0; i < n_rows; i++)
        {
          TsSupporterRecord *record = rows->pdata[i];
          GArray *own = g_array_new (FALSE, FALSE, sizeof (TsTrainingRecord));
          TsSupporterView *view;

          /* Both are in supporter id order: a merge, not a lookup. */
          while (t < trainings->len &&
                 g_array_index (trainings, TsTrainingRecord, t).supporter_id < record->id)
            t++;
          while (t < trainings->len &&
                 g_array_index (trainings, TsTrainingRecord, t).supporter_id == record->id)
            {
              g_array_append_val (own, g_array_index (trainings, TsTrainingRecord, t));
              t++;
            }
          rows->pdata[i] = NULL;
          view = view_new (l->service, record, own, NULL, l->on);
          if (q->has_qualification && view->qualification.status != q->qualification)
            {
              ts_supporter_view_free (view);
              continue;
            }
          if (l->items->len == l->limit)
            {
              ts_supporter_view_free (view);
              l->next_after_id = ((TsSupporterView *) l->items->pdata[l->limit - 1])->record->id;
              return TRUE;
            }
          g_ptr_array_add (l->items, view);
        }
      if (n_rows < chunk)
        return TRUE;
    }
}

TsSupporterPage *
ts_service_supporter_list (TsService *self, TsContext *ctx, const TsSupporterQuery *query,
                           GError **error)
{
  g_autoptr(TsSupporterPage) page = NULL;
  ListRead l = { self, query, TS_DATE_NONE, 0, NULL, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (query->limit != 0 && (query->limit < 1 || query->limit > TS_SUPPORTER_LIST_MAX))
    ts_field_errors_add (ctx->errors, "limit", N_("Must be from 1 to 200"));
  if (query->after_id < 0)
    ts_field_errors_add (ctx->errors, "cursor", N_("Not a cursor this service gave out"));
  if (query->municipality_code != NULL)
    ts_validate_municipality (ctx, "municipality_code", query->municipality_code);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  l.on = query->on != TS_DATE_NONE ? query->on : ts_date_today ();
  l.limit = query->limit != 0 ? (guint) query->limit : TS_SUPPORTER_LIST_DEFAULT;
  page = g_new0 (TsSupporterPage, 1);
  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_supporter_view_free);
  page->on = l.on;
  l.items = page->items;
  if (!ts_store_read (ts_service_get_store (self), read_list, &l, error))
    return NULL;
  page->next_after_id = l.next_after_id;

  /* One entry per list call: the log says who looked at the register and
   * when, and the request id ties it to the server's access log. */
  if (!ts_service_audit_read (self, ctx, "list", "supporter", 0, error))
    return NULL;
  return g_steal_pointer (&page);
}

/* ---- update ----------------------------------------------------------- */

typedef struct {
  TsService               *service;
  TsContext               *ctx;
  gint64                   id;
  const TsSupporterRecord *draft;
  guint                    present;
  const gint64            *if_match;
  guint                    n_if_match;
} UpdateWrite;

static gboolean
write_update (TsStore *store, gpointer user_data, GError **error)
{
  UpdateWrite *u = user_data;
  g_autoptr(TsSupporterRecord) record = ts_store_supporter_get (store, u->id, error);
  gint64 expected;

  if (record == NULL)
    return FALSE;
  /* With If-Match the expected version is the client's: the UPDATE's
   * WHERE version = ? then refuses a record someone else changed since the
   * client read it.  Without it, the patch applies to the current record. */
  expected = record->version;
  if (u->n_if_match > 0 && !ts_service_version_matches (record->version, u->if_match, u->n_if_match))
    expected = u->if_match[0];
  apply_draft (record, u->draft, u->present);
  if (!ts_store_supporter_update (store, record, expected, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (u->service, u->ctx, "update", "supporter", u->id, error);
}

TsSupporterView *
ts_service_supporter_update (TsService *self, TsContext *ctx, gint64 id,
                             const TsSupporterRecord *draft, guint present,
                             const gint64 *if_match, guint n_if_match, GError **error)
{
  UpdateWrite u = { self, ctx, id, draft, present, if_match, n_if_match };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (if_match != NULL || n_if_match == 0, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_supporter_exists (ts_service_get_store (self), id, NULL))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
      return NULL;
    }
  check_draft (ctx, draft, present, FALSE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_update, &u, error))
    return NULL;
  return load_view (self, id, TS_DATE_NONE, error);
}

/* ---- trainings -------------------------------------------------------- */

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

  if (!ts_store_supporter_exists (store, w->id, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
      return FALSE;
    }
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

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_supporter_exists (ts_service_get_store (self), id, NULL))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
      return NULL;
    }
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
  return load_view (self, id, TS_DATE_NONE, error);
}

/* ---- status ----------------------------------------------------------- */

typedef enum {
  ACTION_REGISTER,
  ACTION_SUSPEND,
  ACTION_RETIRE,
} StatusAction;

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  gint64        id;
  StatusAction  action;
  TsDate        on;
  const char   *reason;
} StatusWrite;

/*
 * The supporter code (サポーター証番号): PP-YYYY-NNNN, the JIS prefecture
 * code of the supporter's municipality at registration, the fiscal year
 * (年度) of the registration date and a sequence number within the two.
 * Tochigi's card is issued by the prefecture (seed 002, 那須町 uses
 * 「ポラリスとちぎ」's サポーター証), so the prefecture leads; the year
 * tells at a glance which intake a supporter came from.
 */
static char *
new_code (TsStore *store, const TsSupporterRecord *record, TsDate on, GError **error)
{
  g_autofree char *prefix = NULL;
  char pref[3] = { 0 };

  if (record->municipality_code == NULL || strlen (record->municipality_code) < 2)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "Supporter without a municipality");
      return NULL;
    }
  memcpy (pref, record->municipality_code, 2);
  prefix = g_strdup_printf ("%s-%04d-", pref, ts_fiscal_year (on));
  return ts_store_supporter_next_code (store, prefix, error);
}

/*
 * Retirement ends the supporter's work (issue 11): every open assignment
 * ends on the retirement date with the reason recorded (an assignment that
 * was to start later ends on its start date, the earliest end it can
 * have), each case whose last assignment ended goes back to matching, and
 * every account that signs in as the supporter is disabled with its tokens
 * revoked — in the retirement's own transaction, each with its audit entry.
 */
static gboolean
end_service (StatusWrite *w, TsStore *store, GError **error)
{
  g_autoptr(GPtrArray) running = NULL;
  g_autoptr(GPtrArray) users = NULL;
  TsAssignmentFilter filter = { 0, w->id, TRUE, TRUE };
  /* The end reason is stored text, read by staff: in the language of the
   * coordinator who recorded the retirement, like a reason they type. */
  const char *reason = ts_i18n_gettext_lang (w->ctx->language, N_("The supporter retired"));

  running = ts_store_assignment_list (store, &filter, 0, G_MAXINT, error);
  if (running == NULL)
    return FALSE;
  for (guint i = 0; i < running->len; i++)
    {
      const TsAssignmentRecord *a = running->pdata[i];

      if (!ts_store_assignment_end (store, a->id, MAX (w->on, a->starts_on), reason, error) ||
          !ts_service_case_assignment_ended (w->service, w->ctx, a->case_id, error) ||
          !ts_service_audit (w->service, w->ctx, "end", "assignment", a->id, error))
        return FALSE;
    }
  users = ts_store_users_of_supporter (store, w->id, error);
  if (users == NULL)
    return FALSE;
  for (guint i = 0; i < users->len; i++)
    {
      const TsUser *u = users->pdata[i];

      if (!ts_store_user_update (store, u->id, u->role, u->supporter_id, u->host_id, TRUE,
                                 error) ||
          !ts_store_tokens_revoke_user (store, u->id, error) ||
          !ts_service_audit (w->service, w->ctx, "disable", "user", u->id, error))
        return FALSE;
    }
  return TRUE;
}

/* A reinstatement dated before the suspension it ends would rewrite the
 * history the reports are judged by: refused. */
static gboolean
check_after_last_change (StatusWrite *w, TsStore *store, GError **error)
{
  g_autoptr(GPtrArray) rows = ts_store_supporter_status_changes (store, w->id, error);

  if (rows == NULL)
    return FALSE;
  if (rows->len > 0 && ((TsStatusChange *) rows->pdata[rows->len - 1])->changed_on > w->on)
    {
      ts_field_errors_add (w->ctx->errors, "registered_on",
                           N_("Must not be before the suspension it ends"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  return TRUE;
}

static gboolean
write_status (TsStore *store, gpointer user_data, GError **error)
{
  StatusWrite *w = user_data;
  g_autoptr(TsSupporterRecord) record = ts_store_supporter_get (store, w->id, error);
  TsSupporterStatus from, to;
  const char *audit_action;

  if (record == NULL)
    return FALSE;
  from = record->status;
  switch (w->action)
    {
    case ACTION_REGISTER:
      if (from != TS_SUPPORTER_APPLICANT && from != TS_SUPPORTER_SUSPENDED)
        goto invalid;
      to = TS_SUPPORTER_REGISTERED;
      audit_action = from == TS_SUPPORTER_APPLICANT ? "register" : "reinstate";
      if (from == TS_SUPPORTER_SUSPENDED && !check_after_last_change (w, store, error))
        return FALSE;
      {
        g_autoptr(GArray) trainings = ts_store_supporter_trainings (store, w->id, error);
        TsQualification q;

        if (trainings == NULL)
          return FALSE;
        ts_service_supporter_qualify (w->service, (const TsTrainingRecord *) trainings->data,
                                      trainings->len, w->on, &q);
        if (!ts_qualification_allows_registration (&q))
          {
            g_set_error_literal (error, TS_ERROR, TS_ERROR_TRAINING_INCOMPLETE,
                                 N_("The supporter has not completed the initial training on or before the registration date"));
            return FALSE;
          }
      }
      if (from == TS_SUPPORTER_APPLICANT)
        record->registered_on = w->on;
      if (record->code == NULL)
        {
          record->code = new_code (store, record, w->on, error);
          if (record->code == NULL)
            return FALSE;
        }
      break;
    case ACTION_SUSPEND:
      if (from != TS_SUPPORTER_REGISTERED)
        goto invalid;
      to = TS_SUPPORTER_SUSPENDED;
      audit_action = "suspend";
      break;
    case ACTION_RETIRE:
    default:
      if (from == TS_SUPPORTER_RETIRED)
        goto invalid;
      to = TS_SUPPORTER_RETIRED;
      audit_action = "retire";
      break;
    }

  record->status = to;
  if (!ts_store_supporter_update (store, record, record->version, ts_service_now_unix (), error) ||
      !ts_store_supporter_status_change_insert (store, w->id, from, to, w->on, w->reason,
                                                w->ctx->user_id, ts_service_now_unix (), error))
    return FALSE;
  if (to == TS_SUPPORTER_RETIRED && !end_service (w, store, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, audit_action, "supporter", w->id, error);

invalid:
  ts_context_add_extra (w->ctx, "current_status",
                        json_node_init_string (json_node_alloc (),
                                               ts_supporter_status_to_string (from)));
  g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                       w->action == ACTION_REGISTER
                         ? N_("Only an applicant or a suspended supporter can be registered")
                       : w->action == ACTION_SUSPEND
                         ? N_("Only a registered supporter can be suspended")
                         : N_("The supporter has already retired"));
  return FALSE;
}

static TsSupporterView *
change_status (TsService *self, TsContext *ctx, gint64 id, StatusAction action, TsDate on,
               const char *reason, GError **error)
{
  StatusWrite w = { self, ctx, id, action, TS_DATE_NONE, NULL };
  g_autofree char *trimmed = ts_text_dup_trimmed (reason);
  TsDate today = ts_date_today ();

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_supporter_exists (ts_service_get_store (self), id, NULL))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
      return NULL;
    }
  if (on != TS_DATE_NONE && on > today)
    ts_field_errors_add (ctx->errors, "registered_on", N_("Must not be in the future"));
  if (trimmed != NULL && ts_text_is_blank (trimmed))
    g_clear_pointer (&trimmed, g_free);
  if (trimmed != NULL && (ts_text_has_control_chars (trimmed, FALSE) ||
                          g_utf8_strlen (trimmed, -1) > TS_SUPPORTER_REASON_MAX))
    ts_field_errors_add (ctx->errors, "reason",
                         N_("Must be at most 500 characters without control characters"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  w.on = on != TS_DATE_NONE ? on : today;
  w.reason = trimmed;
  if (!ts_store_write (ts_service_get_store (self), write_status, &w, error))
    return NULL;
  return load_view (self, id, TS_DATE_NONE, error);
}

TsSupporterView *
ts_service_supporter_register (TsService *self, TsContext *ctx, gint64 id,
                               TsDate registered_on, const char *reason, GError **error)
{
  return change_status (self, ctx, id, ACTION_REGISTER, registered_on, reason, error);
}

TsSupporterView *
ts_service_supporter_suspend (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                              GError **error)
{
  return change_status (self, ctx, id, ACTION_SUSPEND, TS_DATE_NONE, reason, error);
}

TsSupporterView *
ts_service_supporter_retire (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                             GError **error)
{
  return change_status (self, ctx, id, ACTION_RETIRE, TS_DATE_NONE, reason, error);
}

/* ---- insurance renewal ------------------------------------------------ */

typedef struct {
  TsService *service;
  TsContext *ctx;
  TsDate     until;
  GArray    *ids;
} RenewWrite;

static gboolean
write_renew (TsStore *store, gpointer user_data, GError **error)
{
  RenewWrite *w = user_data;

  g_array_set_size (w->ids, 0);
  if (!ts_store_supporter_insurance_renew (store, w->until, TS_INSURANCE_RENEWAL_BATCH,
                                           ts_service_now_unix (), w->ids, error))
    return FALSE;
  for (guint i = 0; i < w->ids->len; i++)
    if (!ts_service_audit (w->service, w->ctx, "renew_insurance", "supporter",
                           g_array_index (w->ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

/*
 * Volunteer activity insurance is taken out per fiscal year and ends on
 * 31 March (ts_insurance_default_until); the coordinators renew it for the
 * whole registry at once (seed 004: 「活動管理(謝礼や保険等含む)」).  Every
 * registered supporter whose cover ends before 31 March of the year after
 * @fiscal_year (or who has none) is insured to that day; a later date is
 * kept, suspended, retired and applicant supporters are left alone.  Run
 * twice, the second run renews nobody.
 *
 * The work goes in batches of TS_INSURANCE_RENEWAL_BATCH supporters, one
 * write transaction each with one audit entry per supporter, so that a
 * large registry does not hold the writer for long; an interrupted run is
 * finished by running it again.  @progress (may be NULL) is called after
 * each batch with the number done and the number there were at the start.
 */
gboolean
ts_service_supporter_renew_insurance (TsService *self, TsContext *ctx, gint64 fiscal_year,
                                      TsRenewalProgress progress, gpointer user_data,
                                      TsInsuranceRenewal *out, GError **error)
{
  TsStore *store;
  RenewWrite w = { self, ctx, TS_DATE_NONE, NULL };
  int current = ts_fiscal_year (ts_date_today ());
  gint64 total = 0;
  guint64 done = 0;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  store = ts_service_get_store (self);
  memset (out, 0, sizeof *out);

  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  /* The current fiscal year or the next (renewing in March for April);
   * earlier years back to 2000 for records entered afterwards. */
  if (!ts_field_errors_has (ctx->errors, "fiscal_year") &&
      (fiscal_year < TS_INSURANCE_RENEWAL_EARLIEST || fiscal_year > current + 1))
    ts_field_errors_add (ctx->errors, "fiscal_year",
                         N_("Must be a fiscal year from 2000 to the next one"));
  if (!ts_field_errors_check (ctx->errors, error))
    return FALSE;

  w.until = ts_insurance_default_until (ts_date_new ((int) fiscal_year, 4, 1));
  if (!ts_store_supporter_insurance_renewable (store, w.until, &total, error))
    return FALSE;
  out->fiscal_year = (int) fiscal_year;
  out->insured_until = w.until;
  w.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  do
    {
      if (!ts_store_write (store, write_renew, &w, error))
        {
          g_array_unref (w.ids);
          return FALSE;
        }
      done += w.ids->len;
      out->renewed = done;
      if (progress != NULL && w.ids->len > 0)
        progress (done, (guint64) MAX (total, (gint64) done), user_data);
    }
  while (w.ids->len == TS_INSURANCE_RENEWAL_BATCH);
  g_array_unref (w.ids);
  return TRUE;
}
