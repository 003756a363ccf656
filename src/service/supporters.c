/*
 * The supporter registry's profiles (SPEC 2.1 and 3.2): views, create, and
 * list, read and update through the generic use cases (service/resource.h).
 * Status transitions are in supporters-status.c, training completions in
 * supporters-training.c, the insurance renewal in supporters-insurance.c.
 */
#include "service/supporters-private.h"
#include "service/validate.h"

#include <string.h>

#include "core/i18n.h"
#include "match/vocabulary.h"

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

TsSupporterView *
ts_supporter_view_new (TsService *self, TsContext *ctx, TsSupporterRecord *record,
                       GArray *trainings, GPtrArray *status_changes, TsDate on)
{
  TsSupporterView *view = g_new0 (TsSupporterView, 1);

  view->record = record;
  view->trainings = trainings != NULL ? trainings
                                      : g_array_new (FALSE, FALSE, sizeof (TsTrainingRecord));
  view->status_changes = status_changes;
  view->on = on;
  view->own = ctx->role == TS_ROLE_SUPPORTER;
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

/* A supporter of an organisation outside the caller's scope is "No such
 * supporter", exactly as a missing one (SPEC 2.6); a supporter account
 * always sees itself (may_read() lets it read nothing else). */
TsSupporterView *
ts_supporter_load_view (TsService *self, TsContext *ctx, gint64 id, TsDate on, GError **error)
{
  LoadOne l = { id, NULL, NULL, NULL };

  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error) ||
      (!(ctx->role == TS_ROLE_SUPPORTER && ctx->supporter_id == id) &&
       !ts_service_check_scope (ctx, &ts_supporter_resource, l.record, error)))
    {
      ts_supporter_record_free (l.record);
      g_clear_pointer (&l.trainings, g_array_unref);
      g_clear_pointer (&l.status_changes, g_ptr_array_unref);
      return NULL;
    }
  return ts_supporter_view_new (self, ctx, l.record, l.trainings, l.status_changes,
                                on != TS_DATE_NONE ? on : ts_date_today ());
}

static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  return ts_supporter_load_view (self, ctx, id, TS_DATE_NONE, error);
}

/* ---- who may do what ------------------------------------------------ */

/* A supporter account sees its own record only; any other id answers as
 * if it did not exist, so that existence is not revealed. */
static gboolean
may_read (TsContext *ctx, gint64 id, GError **error)
{
  if ((ctx->role & TS_ROLE_STAFF) != 0)
    return TRUE;
  if (ctx->role == TS_ROLE_SUPPORTER && ctx->supporter_id == id)
    return TRUE;
  if (ctx->role == TS_ROLE_SUPPORTER)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
  else
    g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
  return FALSE;
}

/* Staff, and a supporter in the caller's scope (SPEC 2.6: out of scope is
 * "No such supporter", as a missing one). */
gboolean
ts_supporter_check_verb (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsSupporterRecord) record = NULL;

  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  record = ts_store_supporter_get (ts_service_get_store (self), id, error);
  return record != NULL && ts_service_check_scope (ctx, &ts_supporter_resource, record, error);
}

/* ---- validation ----------------------------------------------------- */

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

static void
check_interests (TsContext *ctx, char **interests)
{
  guint n = interests != NULL ? g_strv_length (interests) : 0;

  if (interests == NULL)
    ts_field_errors_add (ctx->errors, "interests", N_("Required"));
  else if (n > TS_SUPPORTER_INTERESTS_MAX)
    ts_field_errors_add (ctx->errors, "interests", N_("At most 32 interests"));
  for (guint i = 0; i < n; i++)
    if (ts_text_is_blank (interests[i]) || ts_text_has_control_chars (interests[i], FALSE) ||
        g_utf8_strlen (interests[i], -1) > TS_SUPPORTER_INTEREST_MAX)
      {
        ts_field_errors_add (ctx->errors, "interests",
                             N_("Each interest must be 1 to 40 characters"));
        break;
      }
}

/* The rules beyond the field table (ts_service_check_fields): the reading
 * in kana, and the CUSTOM members in @present. */
static void
check_draft (G_GNUC_UNUSED TsService *self, TsContext *ctx, gconstpointer draft, guint present,
             G_GNUC_UNUSED gboolean creating)
{
  const TsSupporterRecord *d = draft;
  int this_year = ts_date_get_year (ts_date_today ());

  if ((present & TS_SUPPORTER_FIELD_NAME_KANA) && d->name_kana != NULL &&
      !ts_field_errors_has (ctx->errors, "name_kana") && !is_kana (d->name_kana))
    ts_field_errors_add (ctx->errors, "name_kana",
                         N_("Must be written in hiragana or full-width katakana"));

  if ((present & TS_SUPPORTER_FIELD_EMAIL) && d->email != NULL &&
      !ts_field_errors_has (ctx->errors, "email") && !ts_email_plausible (d->email))
    ts_field_errors_add (ctx->errors, "email", N_("Must be an e-mail address (name@example.jp)"));

  if ((present & TS_SUPPORTER_FIELD_BIRTH_YEAR) && d->birth_year != 0 &&
      (d->birth_year < 1900 || d->birth_year > this_year))
    ts_field_errors_add (ctx->errors, "birth_year", N_("Must be a year from 1900 to this year"));

  if ((present & TS_SUPPORTER_FIELD_LOCATION) && d->has_location)
    {
      if (!(d->lat >= -90.0 && d->lat <= 90.0))
        ts_field_errors_add (ctx->errors, "location.lat", N_("Must be a latitude from -90 to 90"));
      if (!(d->lon >= -180.0 && d->lon <= 180.0))
        ts_field_errors_add (ctx->errors, "location.lon",
                             N_("Must be a longitude from -180 to 180"));
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
    check_interests (ctx, d->interests);

  if (present & TS_SUPPORTER_FIELD_AVAILABILITY)
    {
      if (d->availability == NULL)
        ts_field_errors_add (ctx->errors, "availability", N_("Required"));
      ts_validate_availability (ctx, "availability", d->availability, TS_SUPPORTER_AVAILABILITY_MAX);
    }

  /* insurance_until: any real date; a past date simply means "not insured
   * now", which is worth recording too (SPEC 2.1). */
}

/* Copies the CUSTOM members named in @present from @draft into @record
 * (ts_record_apply() copies the others). */
static void
apply_custom (gpointer record, gconstpointer draft, guint present)
{
  TsSupporterRecord *r = record;
  const TsSupporterRecord *d = draft;

  if (present & TS_SUPPORTER_FIELD_BIRTH_YEAR)
    r->birth_year = d->birth_year;
  if (present & TS_SUPPORTER_FIELD_LOCATION)
    {
      r->has_location = d->has_location;
      r->lat = d->has_location ? d->lat : 0.0;
      r->lon = d->has_location ? d->lon : 0.0;
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

  c->record->organisation_id = ts_service_caller_organisation (c->ctx);
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
  const guint required = TS_SUPPORTER_FIELD_NAME | TS_SUPPORTER_FIELD_GENDER |
                         TS_SUPPORTER_FIELD_MUNICIPALITY | TS_SUPPORTER_FIELD_PEER_EXPERIENCE;
  CreateWrite *c;

  if (!ts_service_check_draft (self, ctx, &ts_supporter_ops, draft, present, TRUE, error))
    return NULL;
  c = g_new0 (CreateWrite, 1);
  c->service = self;
  c->ctx = ctx;
  c->now = ts_service_now_unix ();
  c->record = ts_supporter_record_new ();
  ts_record_apply (&ts_supporter_resource, c->record, draft, present | required);
  apply_custom (c->record, draft, present);
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
  return ts_supporter_view_new (c->service, c->ctx, record, NULL,
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
  view = ts_supporter_load_view (self, ctx, id, on, error);
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
  if (!may_read (ctx, id, &error) || (g->view = ts_supporter_load_view (self, ctx, id, on, &error)) == NULL)
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

/* ---- list ------------------------------------------------------------- */

static gboolean
search_matches (const TsSupporterRecord *r, const char *folded_query)
{
  const char *texts[] = { r->name, r->name_kana, r->code };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *folded = NULL;

      if (texts[i] == NULL)
        continue;
      folded = ts_text_search_fold (texts[i]);
      if (strstr (folded, folded_query) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Staff only; the qualifications are computed for ?on, today by default,
 * which the page shows. */
static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  TsSupporterListQuery *q = query;

  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  if (q->on == TS_DATE_NONE)
    q->on = ts_date_today ();
  return TRUE;
}

/* Reads pages in id order until @limit supporters pass the filters or the
 * table ends.  The qualification filter is computed, not stored, and the
 * search folds what it compares, so a page may need several reads; all of
 * them are in the list's snapshot. */
static GPtrArray *
list_views (TsService *self, TsContext *ctx, TsStore *store, gconstpointer query,
            gint64 after_id, guint limit, GError **error)
{
  const TsSupporterListQuery *q = query;
  gboolean by_qualification = q->qualification != TS_FILTER_ANY;
  g_autofree char *search = q->q != NULL ? ts_text_search_fold (q->q) : NULL;
  guint chunk = by_qualification || search != NULL ? MAX (limit, 100) : limit;
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_supporter_view_free);

  for (;;)
    {
      g_autoptr(GPtrArray) rows = ts_store_supporter_list (store, q, after_id, chunk, error);
      g_autoptr(GArray) trainings = NULL;
      guint t = 0;

      if (rows == NULL)
        return NULL;
      if (rows->len == 0)
        break;
      trainings = ts_store_supporter_trainings_range (
        store, ((TsSupporterRecord *) rows->pdata[0])->id,
        ((TsSupporterRecord *) rows->pdata[rows->len - 1])->id, error);
      if (trainings == NULL)
        return NULL;
      after_id = ((TsSupporterRecord *) rows->pdata[rows->len - 1])->id;

      for (guint i = 0; i < rows->len && views->len < limit; i++)
        {
          TsSupporterRecord *record = rows->pdata[i];
          GArray *own;
          TsSupporterView *view;

          if (search != NULL && !search_matches (record, search))
            continue;
          rows->pdata[i] = NULL;
          own = g_array_new (FALSE, FALSE, sizeof (TsTrainingRecord));

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
          view = ts_supporter_view_new (self, ctx, record, own, NULL, q->on);
          if (by_qualification && (int) view->qualification.status != q->qualification)
            ts_supporter_view_free (view);
          else
            g_ptr_array_add (views, view);
        }
      if (views->len == limit || rows->len < chunk)
        break;
    }
  return g_steal_pointer (&views);
}

G_STATIC_ASSERT (sizeof (TsQualificationStatus) == sizeof (int));

/* The typed list of tests and tools: the query the HTTP layer reads, from
 * members where zero means "any". */
TsSupporterPage *
ts_service_supporter_list (TsService *self, TsContext *ctx, const TsSupporterQuery *query,
                           GError **error)
{
  TsSupporterListQuery q = { { query->after_id, query->limit, NULL },
                             query->has_status ? (int) query->status : TS_FILTER_ANY,
                             query->municipality_code,
                             query->has_qualification ? (int) query->qualification : TS_FILTER_ANY,
                             query->on, query->organisation_id, NULL };
  g_autoptr(TsPage) page = ts_service_list (self, ctx, &ts_supporter_ops, &q, error);
  TsSupporterPage *out;

  if (page == NULL)
    return NULL;
  out = g_new0 (TsSupporterPage, 1);
  out->items = g_steal_pointer (&page->items);
  out->next_after_id = page->next_after_id;
  out->on = q.on;
  return out;
}

/* ---- list, read and update (service/resource.h) ---------------------- */

const TsResourceOps ts_supporter_ops = {
  .resource = &ts_supporter_resource,
  .check_list = check_list,
  .check_read = may_read,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_supporter_view_free,
  .check_draft = check_draft,
  .fetch = (TsFetchFunc) ts_store_supporter_get,
  .record_free = (GDestroyNotify) ts_supporter_record_free,
  .save = (TsSaveFunc) ts_store_supporter_update,
  .apply_custom = apply_custom,
  .list_views = list_views,
};
