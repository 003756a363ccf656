/*
 * The training compliance report (SPEC 2.5): 「研修の受講状況」 on a date.
 *
 * Tochigi requires follow-up training every three years (seed 002); the
 * prefecture audits that its registered supporters keep to it.  Every
 * number comes from the same ts_qualification_compute() the supporter
 * records show, so the report and the records never disagree.
 *
 * An auditor audits its own organisation and every one below it, with the
 * counts per organisation; an administrator every organisation (SPEC 2.6).
 */
#include "service/training-audit.h"

#include <string.h>

#include "core/i18n.h"
#include "service/resource.h"
#include "store/organisations.h"
#include "store/supporters.h"

static void
place_free (TsTrainingAuditPlace *place)
{
  g_free (place->municipality_code);
  g_free (place->municipality_name);
  g_free (place);
}

static void
organisation_free (TsTrainingAuditOrganisation *organisation)
{
  g_free (organisation->name);
  g_free (organisation);
}

static void
entry_free (TsTrainingAuditEntry *entry)
{
  g_free (entry->code);
  g_free (entry->name);
  g_free (entry->municipality_code);
  g_free (entry->municipality_name);
  g_free (entry);
}

void
ts_training_audit_free (TsTrainingAudit *audit)
{
  if (audit == NULL)
    return;
  g_clear_pointer (&audit->places, g_ptr_array_unref);
  g_clear_pointer (&audit->organisations, g_ptr_array_unref);
  g_clear_pointer (&audit->lapsed, g_ptr_array_unref);
  g_clear_pointer (&audit->due_soon, g_ptr_array_unref);
  g_free (audit);
}

static void
count (TsQualificationCounts *c, TsQualificationStatus status)
{
  c->total++;
  switch (status)
    {
    case TS_QUALIFICATION_VALID:
      c->valid++;
      break;
    case TS_QUALIFICATION_DUE_SOON:
      c->due_soon++;
      break;
    case TS_QUALIFICATION_LAPSED:
      c->lapsed++;
      break;
    case TS_QUALIFICATION_UNTRAINED:
    default:
      c->untrained++;
      break;
    }
}

static int
compare_places (gconstpointer a, gconstpointer b)
{
  const TsTrainingAuditPlace *pa = *(TsTrainingAuditPlace *const *) a;
  const TsTrainingAuditPlace *pb = *(TsTrainingAuditPlace *const *) b;
  return strcmp (pa->municipality_code, pb->municipality_code);
}

static int
compare_organisations (gconstpointer a, gconstpointer b)
{
  const TsTrainingAuditOrganisation *oa = *(TsTrainingAuditOrganisation *const *) a;
  const TsTrainingAuditOrganisation *ob = *(TsTrainingAuditOrganisation *const *) b;
  return oa->organisation_id < ob->organisation_id ? -1
         : oa->organisation_id > ob->organisation_id;
}

/* Most urgent first: the earliest due date, then the id. */
static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const TsTrainingAuditEntry *ea = *(TsTrainingAuditEntry *const *) a;
  const TsTrainingAuditEntry *eb = *(TsTrainingAuditEntry *const *) b;

  if (ea->qualification.follow_up_due_on != eb->qualification.follow_up_due_on)
    return ea->qualification.follow_up_due_on < eb->qualification.follow_up_due_on ? -1 : 1;
  return ea->id < eb->id ? -1 : ea->id > eb->id;
}

typedef struct {
  const GArray *scope;
  GPtrArray    *roster;
  GArray       *trainings;
  GPtrArray    *organisations;      /* TsOrganisationRecord*: the caller's scope */
} RosterRead;

/* The organisations the audit covers: every one in @scope (NULL: all). */
static gboolean
read_organisations (TsStore *store, RosterRead *r, GError **error)
{
  r->organisations = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_organisation_record_free);
  if (r->scope == NULL)
    {
      TsOrganisationQuery q = { { 0, 0, NULL }, TS_FILTER_ANY, 0 };

      return ts_service_list_all (store, (TsListRowsFunc) ts_store_organisation_list, &q,
                                  TS_ORGANISATION_LIST_MAX, r->organisations, error);
    }
  for (guint i = 0; i < r->scope->len; i++)
    {
      TsOrganisationRecord *o = ts_store_organisation_get (store,
                                                           g_array_index (r->scope, gint64, i),
                                                           error);
      if (o == NULL)
        return FALSE;
      g_ptr_array_add (r->organisations, o);
    }
  return TRUE;
}

static gboolean
read_roster (TsStore *store, gpointer user_data, GError **error)
{
  RosterRead *r = user_data;

  if (!read_organisations (store, r, error))
    return FALSE;
  r->roster = ts_store_supporter_list_roster (store, r->scope, error);
  if (r->roster == NULL)
    return FALSE;
  if (r->roster->len == 0)
    {
      r->trainings = g_array_new (FALSE, FALSE, sizeof (TsTrainingRecord));
      return TRUE;
    }
  r->trainings = ts_store_supporter_trainings_range (
    store, ((TsSupporterRecord *) r->roster->pdata[0])->id,
    ((TsSupporterRecord *) r->roster->pdata[r->roster->len - 1])->id, error);
  return r->trainings != NULL;
}

TsTrainingAudit *
ts_service_training_audit (TsService *self, TsContext *ctx, TsDate on, GError **error)
{
  g_autoptr(TsTrainingAudit) audit = NULL;
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(GHashTable) organisations = NULL;
  RosterRead r = { ctx->scope, NULL, NULL, NULL };
  guint t = 0;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if ((ctx->role & (TS_ROLE_AUDITOR | TS_ROLE_ADMIN)) == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return NULL;
    }
  if (!ts_store_read (ts_service_get_store (self), read_roster, &r, error))
    {
      g_clear_pointer (&r.roster, g_ptr_array_unref);
      g_clear_pointer (&r.trainings, g_array_unref);
      g_clear_pointer (&r.organisations, g_ptr_array_unref);
      return NULL;
    }

  audit = g_new0 (TsTrainingAudit, 1);
  audit->on = on != TS_DATE_NONE ? on : ts_date_today ();
  audit->places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  audit->lapsed = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  audit->due_soon = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  places = g_hash_table_new (g_str_hash, g_str_equal);
  /* Every organisation audited has its row, with zeros when it has no
   * supporters on the roster. */
  audit->organisations = g_ptr_array_new_with_free_func ((GDestroyNotify) organisation_free);
  organisations = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < r.organisations->len; i++)
    {
      const TsOrganisationRecord *o = r.organisations->pdata[i];
      TsTrainingAuditOrganisation *row = g_new0 (TsTrainingAuditOrganisation, 1);

      row->organisation_id = o->id;
      row->name = g_strdup (o->name);
      g_ptr_array_add (audit->organisations, row);
      g_hash_table_insert (organisations, &row->organisation_id, row);
    }

  for (guint i = 0; i < r.roster->len; i++)
    {
      TsSupporterRecord *s = r.roster->pdata[i];
      TsTrainingAuditPlace *place;
      TsTrainingAuditOrganisation *organisation;
      TsQualification q;
      guint first;

      while (t < r.trainings->len &&
             g_array_index (r.trainings, TsTrainingRecord, t).supporter_id < s->id)
        t++;
      first = t;
      while (t < r.trainings->len &&
             g_array_index (r.trainings, TsTrainingRecord, t).supporter_id == s->id)
        t++;
      /* Someone registered after the audit date was not on the roster then. */
      if (s->registered_on == TS_DATE_NONE || s->registered_on > audit->on)
        continue;
      ts_service_supporter_qualify (self,
                                    t > first ? &g_array_index (r.trainings, TsTrainingRecord, first)
                                              : NULL,
                                    t - first, audit->on, &q);

      count (&audit->counts, q.status);
      place = g_hash_table_lookup (places, s->municipality_code);
      if (place == NULL)
        {
          place = g_new0 (TsTrainingAuditPlace, 1);
          place->municipality_code = g_strdup (s->municipality_code);
          place->municipality_name = ts_service_municipality_name (s->municipality_code,
                                                                   &place->prefecture_name);
          g_ptr_array_add (audit->places, place);
          g_hash_table_insert (places, place->municipality_code, place);
        }
      count (&place->counts, q.status);
      organisation = g_hash_table_lookup (organisations, &s->organisation_id);
      if (organisation == NULL)
        {
          /* A link the service never made (the schema does not keep it):
           * the row still counts, without a name. */
          organisation = g_new0 (TsTrainingAuditOrganisation, 1);
          organisation->organisation_id = s->organisation_id;
          g_ptr_array_add (audit->organisations, organisation);
          g_hash_table_insert (organisations, &organisation->organisation_id, organisation);
        }
      count (&organisation->counts, q.status);

      if (q.status == TS_QUALIFICATION_LAPSED || q.status == TS_QUALIFICATION_DUE_SOON)
        {
          TsTrainingAuditEntry *e = g_new0 (TsTrainingAuditEntry, 1);
          e->id = s->id;
          e->organisation_id = s->organisation_id;
          e->code = g_strdup (s->code);
          e->name = g_strdup (s->name);
          e->status = s->status;
          e->municipality_code = g_strdup (s->municipality_code);
          e->municipality_name = g_strdup (place->municipality_name);
          e->qualification = q;
          g_ptr_array_add (q.status == TS_QUALIFICATION_LAPSED ? audit->lapsed : audit->due_soon, e);
        }
    }
  g_ptr_array_unref (r.roster);
  g_array_unref (r.trainings);
  g_ptr_array_unref (r.organisations);

  g_ptr_array_sort (audit->places, compare_places);
  g_ptr_array_sort (audit->organisations, compare_organisations);
  g_ptr_array_sort (audit->lapsed, compare_entries);
  g_ptr_array_sort (audit->due_soon, compare_entries);

  /* The report names supporters, so reading it is logged like a list. */
  if (!ts_service_audit_read (self, ctx, "training_audit", "supporter", 0, error))
    return NULL;
  return g_steal_pointer (&audit);
}
