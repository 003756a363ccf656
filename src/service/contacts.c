/*
 * Consultation records: see contacts.h.
 */
#include "service/contacts.h"

#include "core/i18n.h"
#include "model/case.h"
#include "service/validate.h"
#include "store/cases.h"
#include "store/contacts.h"

#include <string.h>

#define PERSON_MESSAGE N_("Give exactly one of case_id, consultee_id and consultee")

void
ts_contact_view_free (TsContactView *view)
{
  if (view == NULL)
    return;
  ts_contact_record_free (view->record);
  g_free (view);
}

void
ts_consultee_view_free (TsConsulteeView *view)
{
  if (view == NULL)
    return;
  ts_consultee_record_free (view->record);
  g_free (view);
}

/* Coordinators and administrators only: an auditor gets the statistics,
 * never a person's record. */
static gboolean
require_staff (TsContext *ctx, GError **error)
{
  return ts_service_require_staff (ctx, error);
}

/* ---- create ------------------------------------------------------------------ */

static void
require_present (TsContext *ctx, guint present, guint bit, const char *field)
{
  if ((present & bit) == 0 && !ts_field_errors_has (ctx->errors, field))
    ts_field_errors_add (ctx->errors, field, N_("Required"));
}

/* The new consultee's members, named "consultee.…". */
static void
check_consultee (TsContext *ctx, const TsConsulteeRecord *c)
{
  const struct {
    const char         *field;
    const char         *value;
    const TsVocabulary *vocabulary;
  } words[] = {
    { "consultee.age_band", c->age_band, &ts_consultee_age_band_vocabulary },
    { "consultee.gender", c->gender, &ts_consultee_gender_vocabulary },
  };

  if (!ts_field_errors_has (ctx->errors, "consultee.nickname"))
    ts_validate_text (ctx, "consultee.nickname", c->nickname, FALSE, TS_CONSULTEE_NICKNAME_MAX,
                      FALSE, ts_too_long_message (TS_CONSULTEE_NICKNAME_MAX));
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (ts_field_errors_has (ctx->errors, words[i].field))
        continue;
      if (words[i].value == NULL)
        ts_field_errors_add (ctx->errors, words[i].field, N_("Required"));
      else if (!g_strv_contains (words[i].vocabulary->names, words[i].value))
        ts_field_errors_add (ctx->errors, words[i].field, words[i].vocabulary->invalid);
    }
}

static void
check_draft (TsContext *ctx, const TsContactRecord *draft, guint present)
{
  const struct {
    guint       bit;
    const char *field;
    gboolean    given;
  } persons[] = {
    { TS_CONTACT_FIELD_CASE, "case_id", draft->case_id > 0 },
    { TS_CONTACT_FIELD_CONSULTEE_ID, "consultee_id", draft->consultee_id > 0 },
    { TS_CONTACT_FIELD_CONSULTEE, "consultee", draft->consultee != NULL },
  };
  guint n_persons = 0;

  ts_service_check_fields (ctx, &ts_contact_resource, draft, present, TRUE);
  require_present (ctx, present, TS_CONTACT_FIELD_METHOD, "method");
  require_present (ctx, present, TS_CONTACT_FIELD_CONTACTOR, "contactor");
  require_present (ctx, present, TS_CONTACT_FIELD_FIRST_CONTACT, "first_contact");

  /* Recorded when it happens: not ahead of today, and not before the
   * schemes existed. */
  if (draft->date != TS_DATE_NONE && !ts_field_errors_has (ctx->errors, "date"))
    {
      if (ts_date_get_year (draft->date) < TS_CONTACT_EARLIEST_YEAR)
        ts_field_errors_add (ctx->errors, "date", N_("Must not be before 2000"));
      else if (draft->date > ts_date_today ())
        ts_field_errors_add (ctx->errors, "date", N_("Must not be in the future"));
    }
  /* null or absent: not recorded; the HTTP layer reported a wrong type. */
  if ((present & TS_CONTACT_FIELD_MINUTES) != 0 && draft->minutes != 0 &&
      !ts_field_errors_has (ctx->errors, "minutes") &&
      (draft->minutes < TS_CONTACT_MINUTES_MIN || draft->minutes > TS_CONTACT_MINUTES_MAX))
    ts_field_errors_add (ctx->errors, "minutes",
                         ts_range_message (TS_CONTACT_MINUTES_MIN, TS_CONTACT_MINUTES_MAX));

  /* The person: exactly one of the three. */
  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    if (persons[i].given || ts_field_errors_has (ctx->errors, persons[i].field))
      n_persons++;
  if (n_persons == 0)
    ts_field_errors_add (ctx->errors, "consultee", PERSON_MESSAGE);
  else if (n_persons > 1)
    for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
      if (persons[i].given && !ts_field_errors_has (ctx->errors, persons[i].field))
        ts_field_errors_add (ctx->errors, persons[i].field, PERSON_MESSAGE);

  /* A new consultee comes with its first contact, or with a continuing
   * one when the first was never recorded (docs/domain-rules.md "Contacts
   * without a first contact"): it counts in 延べ and 実人数, not in 新規. */
  if (draft->consultee != NULL)
    check_consultee (ctx, draft->consultee);
  if (draft->contactor_age_band != NULL && (present & TS_CONTACT_FIELD_FIRST_CONTACT) != 0 &&
      !draft->first_contact && !ts_field_errors_has (ctx->errors, "contactor_age_band"))
    ts_field_errors_add (ctx->errors, "contactor_age_band",
                         N_("Recorded on a first contact only"));
}

typedef struct {
  TsService             *service;
  TsContext             *ctx;
  const TsContactRecord *draft;
  gint64                 id;
} CreateWrite;

/* A second first contact of one person: the unique indexes say the same
 * for two requests at once. */
static gboolean
check_first (TsStore *store, gint64 case_id, gint64 consultee_id, GError **error)
{
  gboolean exists = FALSE;

  if (!ts_store_contact_first_exists (store, case_id, consultee_id, &exists, error))
    return FALSE;
  if (exists)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_ALREADY_EXISTS,
                           N_("This person's first contact is already recorded"));
      return FALSE;
    }
  return TRUE;
}

/* The order of a person's contacts (docs/domain-rules.md "Contacts
 * without a first contact"): a continuing contact is not dated before the
 * person's recorded first contact, and a first contact not after a contact
 * already recorded.  A person without a recorded first contact may have
 * continuing contacts. */
static gboolean
check_order (TsStore *store, TsContext *ctx, const TsContactRecord *draft, gint64 case_id,
             gint64 consultee_id, GError **error)
{
  TsDate first = TS_DATE_NONE, earliest = TS_DATE_NONE;

  if (!ts_store_contact_person_dates (store, case_id, consultee_id, &first, &earliest, error))
    return FALSE;
  if (!draft->first_contact && first != TS_DATE_NONE && draft->date < first)
    ts_field_errors_add (ctx->errors, "date", N_("Must not be before this person's first contact"));
  else if (draft->first_contact && earliest != TS_DATE_NONE && draft->date > earliest)
    ts_field_errors_add (
      ctx->errors, "date",
      N_("A first contact must not be later than this person's recorded contacts"));
  return ts_field_errors_check (ctx->errors, error);
}

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  const TsContactRecord *draft = w->draft;
  g_autoptr(TsContactRecord) record = ts_contact_record_new ();
  gint64 now = ts_service_now_unix ();

  record->date = draft->date;
  record->method = draft->method;
  record->contactor = draft->contactor;
  record->first_contact = draft->first_contact;
  record->minutes = draft->minutes;
  record->contactor_age_band = g_strdup (draft->contactor_age_band);
  record->user_id = w->ctx->user_id;

  /* The person first: another organisation's is answered as a missing one. */
  if (draft->case_id > 0)
    {
      g_autoptr(TsCaseRecord) kase = ts_store_case_get (store, draft->case_id, error);

      if (kase == NULL || !ts_service_check_scope (w->ctx, &ts_case_resource, kase, error))
        return FALSE;
      if ((draft->first_contact && !check_first (store, kase->id, 0, error)) ||
          !check_order (store, w->ctx, draft, kase->id, 0, error))
        return FALSE;
      record->case_id = kase->id;
      record->organisation_id = kase->organisation_id;
    }
  else if (draft->consultee_id > 0)
    {
      g_autoptr(TsConsulteeRecord) person = ts_store_consultee_get (store, draft->consultee_id,
                                                                   error);

      if (person == NULL ||
          !ts_service_check_scope (w->ctx, &ts_consultee_resource, person, error))
        return FALSE;
      if ((draft->first_contact && !check_first (store, 0, person->id, error)) ||
          !check_order (store, w->ctx, draft, 0, person->id, error))
        return FALSE;
      record->consultee_id = person->id;
      record->organisation_id = person->organisation_id;
    }
  else
    {
      g_autoptr(TsConsulteeRecord) person = ts_consultee_record_new ();

      person->organisation_id = ts_service_caller_organisation (w->ctx);
      person->nickname = ts_text_dup_trimmed (draft->consultee->nickname);
      if (person->nickname != NULL && *person->nickname == '\0')
        g_clear_pointer (&person->nickname, g_free);
      person->age_band = g_strdup (draft->consultee->age_band);
      person->gender = g_strdup (draft->consultee->gender);
      person->user_id = w->ctx->user_id;
      if (!ts_store_consultee_insert (store, person, now, &record->consultee_id, error) ||
          !ts_service_audit (w->service, w->ctx, "create", "consultee", record->consultee_id,
                             error))
        return FALSE;
      record->organisation_id = person->organisation_id;
    }

  if (!ts_store_contact_insert (store, record, now, &w->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "contact", w->id, error);
}

TsContactRecord *
ts_service_contact_create (TsService *self, TsContext *ctx, const TsContactRecord *draft,
                           guint present, GError **error)
{
  CreateWrite w = { self, ctx, draft, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!require_staff (ctx, error))
    return NULL;
  check_draft (ctx, draft, present);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  return ts_store_contact_get (ts_service_get_store (self), w.id, error);
}

/* ---- GET /v1/contacts, /v1/contacts/{id} (service/resource.h) ---------------- */

static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  const TsContactQuery *q = query;

  if (!require_staff (ctx, error))
    return FALSE;
  ts_validate_date_range (ctx, q->from, q->to);
  return TRUE;
}

TS_DEFINE_VIEW_NEW (contact_view_new, TsContactView)

const TsResourceOps ts_contact_ops = {
  .resource = &ts_contact_resource,
  .check_list = check_list,
  .check_read = ts_service_check_read_staff,
  .list_rows = (TsListRowsFunc) ts_store_contact_list,
  .view_new = contact_view_new,
  .fetch = (TsFetchFunc) ts_store_contact_get,
  .view_free = (GDestroyNotify) ts_contact_view_free,
  .record_free = (GDestroyNotify) ts_contact_record_free,
};

/* ---- GET /v1/consultees/{id} ------------------------------------------------- */

TS_DEFINE_VIEW_NEW (consultee_view_new, TsConsulteeView)

/* ---- GET /v1/consultees ------------------------------------------------------ */

static gboolean
check_consultee_list (G_GNUC_UNUSED TsService *self, TsContext *ctx,
                      G_GNUC_UNUSED gpointer query, GError **error)
{
  return require_staff (ctx, error);
}

/* The nickname, or the id ("12" finds consultee 12), folded as the
 * supporters' search folds (service/validate.h). */
static gboolean
consultee_matches (const TsConsulteeRecord *r, const char *folded_query)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
  g_autofree char *nickname = NULL;

  if (g_strcmp0 (id, folded_query) == 0)
    return TRUE;
  if (r->nickname == NULL)
    return FALSE;
  nickname = ts_text_search_fold (r->nickname);
  return strstr (nickname, folded_query) != NULL;
}

/* Reads pages in id order until @limit consultees match ?q or the table
 * ends, all in the list's snapshot. */
static GPtrArray *
consultee_list_views (TsService *self, TsContext *ctx, TsStore *store, gconstpointer query,
                      gint64 after_id, guint limit, GError **error)
{
  const TsConsulteeQuery *q = query;
  g_autofree char *search = q->q != NULL ? ts_text_search_fold (q->q) : NULL;
  guint chunk = search != NULL ? MAX (limit, 100) : limit;
  g_autoptr(GPtrArray) views = NULL;

  views = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_consultee_view_free);

  for (;;)
    {
      g_autoptr(GPtrArray) rows = ts_store_consultee_list (store, q, after_id, chunk, error);

      if (rows == NULL)
        return NULL;
      if (rows->len == 0)
        break;
      after_id = ((TsConsulteeRecord *) rows->pdata[rows->len - 1])->id;
      for (guint i = 0; i < rows->len && views->len < limit; i++)
        {
          TsConsulteeRecord *record = rows->pdata[i];

          if (search != NULL && !consultee_matches (record, search))
            continue;
          rows->pdata[i] = NULL;
          g_ptr_array_add (views, consultee_view_new (self, ctx, record));
        }
      if (views->len == limit || rows->len < chunk)
        break;
    }
  return g_steal_pointer (&views);
}

/* A person's contacts are GET /v1/contacts?consultee_id=. */
const TsResourceOps ts_consultee_ops = {
  .resource = &ts_consultee_resource,
  .check_list = check_consultee_list,
  .list_views = consultee_list_views,
  .check_read = ts_service_check_read_staff,
  .view_new = consultee_view_new,
  .fetch = (TsFetchFunc) ts_store_consultee_get,
  .view_free = (GDestroyNotify) ts_consultee_view_free,
  .record_free = (GDestroyNotify) ts_consultee_record_free,
};
