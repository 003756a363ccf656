/*
 * Organisations' use cases (SPEC 2.6, 3.3; issue 13): see
 * service/organisations.h.
 */
#include "service/organisations.h"

#include "core/i18n.h"
#include "domain/municipality.h"
#include "service/supporters.h"
#include "service/validate.h"
#include "store/organisations.h"

/* ---- views ------------------------------------------------------------- */

void
ts_organisation_view_free (TsOrganisationView *view)
{
  if (view == NULL)
    return;
  ts_organisation_record_free (view->record);
  g_free (view->municipality_name);
  g_free (view);
}

static gpointer
view_new (G_GNUC_UNUSED TsService *self, G_GNUC_UNUSED TsContext *ctx, gpointer data)
{
  TsOrganisationRecord *record = data;
  TsOrganisationView *view = g_new0 (TsOrganisationView, 1);

  view->record = record;
  view->municipality_name = ts_service_municipality_name (record->municipality_code,
                                                          &view->prefecture_name);
  return view;
}

static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsOrganisationRecord *record = ts_store_organisation_get (ts_service_get_store (self), id,
                                                            error);

  return record != NULL ? view_new (self, ctx, record) : NULL;
}

/* ---- who may do what --------------------------------------------------- */

static gboolean
forbidden (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
  return FALSE;
}

/* Every staff role reads the organisations (a coordinator picks whom to
 * ask for a supporter, an auditor names whom it audits); supporter and
 * host accounts do not. */
static gboolean
check_read (TsContext *ctx, G_GNUC_UNUSED gint64 id, GError **error)
{
  if ((ctx->role & (TS_ROLE_STAFF | TS_ROLE_AUDITOR)) != 0)
    return TRUE;
  return forbidden (error);
}

static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, G_GNUC_UNUSED gpointer query,
            GError **error)
{
  return check_read (ctx, 0, error);
}

static gboolean
require_admin (TsContext *ctx, GError **error)
{
  return ctx->role == TS_ROLE_ADMIN || forbidden (error);
}

/* ---- the rules of a record ---------------------------------------------- */

/* The code's level follows the kind: a prefecture's own code, a local one
 * for a municipality, either for an agency. */
static void
check_code (TsContext *ctx, TsOrganisationKind kind, const char *code)
{
  /* Without a valid kind only the code itself is checked. */
  gboolean kind_known = !ts_field_errors_has (ctx->errors, "kind");
  TsMunicipalityKind kinds = !kind_known ? TS_MUNICIPALITY_KIND_ANY
                             : kind == TS_ORGANISATION_PREFECTURE ? TS_MUNICIPALITY_KIND_PREFECTURE
                             : kind == TS_ORGANISATION_MUNICIPALITY ? TS_MUNICIPALITY_KIND_LOCAL
                             : TS_MUNICIPALITY_KIND_ANY;
  const char *field = "municipality_code";

  if (ts_field_errors_has (ctx->errors, field))
    return;
  ts_validate_municipality_of (ctx, field, code, kinds,
                               kind == TS_ORGANISATION_PREFECTURE
                                 ? N_("A prefecture's code is its prefecture's own code (such as 090000)")
                                 : N_("Must be a municipality or ward, not a prefecture"));
}

/* Whether @parent_id may be the parent of organisation @id (0: a new one):
 * it exists and is neither @id nor below it.  A read error is returned. */
static gboolean
check_parent (TsService *self, TsContext *ctx, gint64 id, gint64 parent_id, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(TsOrganisationRecord) parent = NULL;
  g_autoptr(GError) local = NULL;

  if (parent_id == 0 || ts_field_errors_has (ctx->errors, "parent_id"))
    return TRUE;
  parent = ts_store_organisation_get (store, parent_id, &local);
  if (parent == NULL)
    {
      if (!g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      ts_field_errors_add (ctx->errors, "parent_id", N_("No such organisation"));
      return TRUE;
    }
  if (id != 0)
    {
      g_autoptr(GArray) below = ts_store_organisation_subtree (store, id, error);

      if (below == NULL)
        return FALSE;
      for (guint i = 0; i < below->len; i++)
        if (g_array_index (below, gint64, i) == parent_id)
          {
            ts_field_errors_add (ctx->errors, "parent_id",
                                 N_("An organisation cannot be below itself"));
            break;
          }
    }
  return TRUE;
}

/* The whole record as it would be written: the field table's checks, the
 * code against the kind, the parent. */
static gboolean
check_record (TsService *self, TsContext *ctx, const TsOrganisationRecord *record,
              const TsOrganisationRecord *draft, guint present, gboolean creating,
              GError **error)
{
  ts_service_check_fields (ctx, &ts_organisation_resource, draft, present, creating);
  if (creating || (present & (TS_ORGANISATION_FIELD_KIND | TS_ORGANISATION_FIELD_MUNICIPALITY)) != 0)
    check_code (ctx, record->kind, record->municipality_code);
  if (!check_parent (self, ctx, record->id, record->parent_id, error))
    return FALSE;
  return ts_field_errors_check (ctx->errors, error);
}

/* ---- create ------------------------------------------------------------- */

typedef struct {
  TsService            *service;
  TsContext            *ctx;
  TsOrganisationRecord *record;
  gint64                id;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *c = user_data;

  if (c->record->parent_id != 0)
    {
      /* Checked before; kept in the transaction (the schema's reference
       * is not enforced on every connection). */
      g_autoptr(TsOrganisationRecord) parent = ts_store_organisation_get (store,
                                                                          c->record->parent_id,
                                                                          error);
      if (parent == NULL)
        return FALSE;
    }
  if (!ts_store_organisation_insert (store, c->record, ts_service_now_unix (), &c->id, error))
    return FALSE;
  return ts_service_audit (c->service, c->ctx, "create", "organisation", c->id, error);
}

TsOrganisationView *
ts_service_organisation_create (TsService *self, TsContext *ctx,
                                const TsOrganisationRecord *draft, guint present,
                                GError **error)
{
  g_autoptr(TsOrganisationRecord) record = NULL;
  CreateWrite c = { self, ctx, NULL, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!require_admin (ctx, error))
    return NULL;
  record = ts_organisation_record_new ();
  ts_record_apply (&ts_organisation_resource, record, draft, present);
  if ((present & TS_ORGANISATION_FIELD_KIND) == 0)
    ts_field_errors_add (ctx->errors, "kind", N_("Required"));
  if (!check_record (self, ctx, record, draft, present, TRUE, error))
    return NULL;
  c.record = record;
  if (!ts_store_write (ts_service_get_store (self), write_create, &c, error))
    return NULL;
  return load_view (self, ctx, c.id, error);
}

/* ---- update --------------------------------------------------------------- */

/* In the write transaction, after the checks made before it: an
 * administrator who moved the parent in between cannot make a cycle. */
static gboolean
save (TsStore *store, gconstpointer data, gint64 expected_version, gint64 now, GError **error)
{
  const TsOrganisationRecord *record = data;

  if (record->parent_id != 0)
    {
      g_autoptr(GArray) below = ts_store_organisation_subtree (store, record->id, error);

      if (below == NULL)
        return FALSE;
      for (guint i = 0; i < below->len; i++)
        if (g_array_index (below, gint64, i) == record->parent_id)
          {
            g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                                 N_("An organisation cannot be below itself"));
            return FALSE;
          }
    }
  return ts_store_organisation_update (store, record, expected_version, now, error);
}

/* The generic update's rule for every caller, whichever way it came. */
static gboolean
check_update (TsContext *ctx, G_GNUC_UNUSED gconstpointer record, GError **error)
{
  return require_admin (ctx, error);
}

TsOrganisationView *
ts_service_organisation_update (TsService *self, TsContext *ctx, gint64 id,
                                const TsOrganisationRecord *draft, guint present,
                                const gint64 *if_match, guint n_if_match, GError **error)
{
  g_autoptr(TsOrganisationRecord) merged = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!require_admin (ctx, error))
    return NULL;
  merged = ts_store_organisation_get (ts_service_get_store (self), id, error);
  if (merged == NULL)
    return NULL;
  /* The record as the patch would leave it: a new kind is checked against
   * the code it keeps, a new parent against the tree. */
  ts_record_apply (&ts_organisation_resource, merged, draft, present);
  if (!check_record (self, ctx, merged, draft, present, FALSE, error))
    return NULL;
  return ts_service_update (self, ctx, &ts_organisation_ops, id, draft, present, if_match,
                            n_if_match, error);
}

TsOrganisationView *
ts_service_organisation_name_first (TsService *self, TsContext *ctx, const char *name,
                                    const char *municipality_code, GError **error)
{
  g_autoptr(TsOrganisationRecord) draft = ts_organisation_record_new ();
  const TsMunicipality *m = municipality_code != NULL ? ts_municipality_lookup (municipality_code)
                                                      : NULL;

  draft->name = g_strdup (name);
  draft->municipality_code = g_strdup (municipality_code);
  draft->kind = m != NULL && m->kind == TS_MUNICIPALITY_KIND_PREFECTURE
                  ? TS_ORGANISATION_PREFECTURE : TS_ORGANISATION_MUNICIPALITY;
  return ts_service_organisation_update (self, ctx, TS_ORGANISATION_FIRST, draft,
                                         TS_ORGANISATION_FIELD_NAME | TS_ORGANISATION_FIELD_KIND |
                                         TS_ORGANISATION_FIELD_MUNICIPALITY, NULL, 0, error);
}

gboolean
ts_service_organisation_exists (TsService *self, gint64 id, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(TsOrganisationRecord) record = ts_store_organisation_get (ts_service_get_store (self),
                                                                      id, &local);

  if (record != NULL)
    return TRUE;
  if (!g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

const TsResourceOps ts_organisation_ops = {
  .resource = &ts_organisation_resource,
  .check_list = check_list,
  .check_read = check_read,
  .list_rows = (TsListRowsFunc) ts_store_organisation_list,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_organisation_view_free,
  .check_update = check_update,
  .fetch = (TsFetchFunc) ts_store_organisation_get,
  .save = save,
  .record_free = (GDestroyNotify) ts_organisation_record_free,
};
