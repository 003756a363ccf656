/*
 * Dispatch requests: creating one, reading and listing them with their
 * history and the receiver's view of the case (see dispatch.h).  The
 * verbs are in dispatch-verbs.c.
 */
#include "service/dispatch-private.h"

#include "core/i18n.h"
#include "model/case.h"
#include "service/cases.h"
#include "service/validate.h"
#include "store/cases.h"
#include "store/dispatch.h"
#include "store/organisations.h"

void
ts_dispatch_view_free (TsDispatchView *view)
{
  if (view == NULL)
    return;
  ts_dispatch_request_record_free (view->record);
  g_clear_pointer (&view->events, g_ptr_array_unref);
  g_clear_pointer (&view->shared_case, ts_case_record_free);
  g_free (view);
}

gboolean
ts_dispatch_is_receiver (const TsContext *ctx, const TsDispatchRequestRecord *record)
{
  return ts_context_sees (ctx, record->to_organisation_id);
}

gboolean
ts_dispatch_is_requester (const TsContext *ctx, const TsDispatchRequestRecord *record)
{
  return ts_context_sees (ctx, record->from_organisation_id);
}

/* ---- the receiver's view of the case ------------------------------------ */

/* A new record with the matching fields of @full and nothing else (SPEC
 * 2.6): no notes, plan, assessment, consent, referral or close fields can
 * leave the service through it, whatever the renderer does. */
static TsCaseRecord *
matching_fields_only (const TsCaseRecord *full)
{
  TsCaseRecord *r = ts_case_record_new ();

  r->id = full->id;
  r->nickname = g_strdup (full->nickname);
  r->municipality_code = g_strdup (full->municipality_code);
  r->age_band = g_strdup (full->age_band);
  r->gender = g_strdup (full->gender);
  r->household = g_strdup (full->household);
  g_strfreev (r->needs);
  r->needs = g_strdupv (full->needs);
  g_strfreev (r->interests);
  r->interests = g_strdupv (full->interests);
  r->has_location = full->has_location;
  r->lat = full->lat;
  r->lon = full->lon;
  r->preferences.supporter_gender = g_strdup (full->preferences.supporter_gender);
  r->preferences.gender_required = full->preferences.gender_required;
  r->preferences.avoid_same_municipality = full->preferences.avoid_same_municipality;
  r->preferences.peer_experience = g_strdup (full->preferences.peer_experience);
  if (full->preferences.availability != NULL)
    {
      g_array_unref (r->preferences.availability);
      r->preferences.availability = g_array_copy (full->preferences.availability);
    }
  return r;
}

TsDispatchView *
ts_dispatch_view_load (TsStore *store, TsContext *ctx, TsDispatchRequestRecord *record,
                       gboolean with_case, GError **error)
{
  g_autoptr(TsDispatchView) view = g_new0 (TsDispatchView, 1);

  view->record = record;
  view->events = ts_store_dispatch_events (store, record->id, error);
  if (view->events == NULL)
    return NULL;
  if (with_case && ts_dispatch_is_receiver (ctx, record) &&
      (record->status == TS_DISPATCH_OPEN || record->status == TS_DISPATCH_ACCEPTED))
    {
      g_autoptr(TsCaseRecord) full = ts_store_case_get (store, record->case_id, error);

      if (full == NULL)
        return NULL;
      view->shared_case = matching_fields_only (full);
    }
  return g_steal_pointer (&view);
}

/* ---- audit of reads ------------------------------------------------------ */

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  const char   *action;
  const char   *object;
  gint64        object_id;
  const GArray *case_ids;
} ReadsWrite;

static gboolean
write_reads (G_GNUC_UNUSED TsStore *store, gpointer user_data, GError **error)
{
  ReadsWrite *w = user_data;

  if (!ts_service_audit (w->service, w->ctx, w->action, w->object, w->object_id, error))
    return FALSE;
  for (guint i = 0; w->case_ids != NULL && i < w->case_ids->len; i++)
    if (!ts_service_audit (w->service, w->ctx, "read_dispatched", "case",
                           g_array_index (w->case_ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

gboolean
ts_dispatch_audit_reads (TsService *self, TsContext *ctx, const char *action, const char *object,
                         gint64 object_id, const GArray *case_ids, GError **error)
{
  ReadsWrite w = { self, ctx, action, object, object_id, case_ids };
  g_autoptr(GError) local = NULL;

  if (ts_store_write (ts_service_get_store (self), write_reads, &w, &local))
    return TRUE;
  /* As for every read: not answered without its entries, and no record
   * named in the message. */
  g_warning ("The audit entries of a read could not be written: %s", local->message);
  g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                       N_("The read could not be recorded in the audit log; try again later"));
  return FALSE;
}

/* ---- read (service/resource.h) ------------------------------------------- */

typedef struct {
  TsContext      *ctx;
  gint64          id;
  TsDispatchView *view;
} ViewRead;

static gboolean
read_view (TsStore *store, gpointer user_data, GError **error)
{
  ViewRead *r = user_data;
  TsDispatchRequestRecord *record = ts_store_dispatch_get (store, r->id, error);

  if (record == NULL)
    return FALSE;
  /* Out of scope: never read the case for it (ts_service_get answers
   * "No such dispatch request"). */
  r->view = ts_dispatch_view_load (store, r->ctx, record,
                                   ts_record_in_scope (&ts_dispatch_request_resource, record,
                                                       r->ctx), error);
  return r->view != NULL;
}

static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  ViewRead r = { ctx, id, NULL };

  if (!ts_store_read (ts_service_get_store (self), read_view, &r, error))
    return NULL;
  return r.view;
}

/* A dispatch request shows the matching fields of its case to the
 * organisation asked: each such case is logged as read with the request
 * (with the list, for a list). */
static gboolean
audit_read (TsService *self, TsContext *ctx, G_GNUC_UNUSED gconstpointer query,
            const TsPage *page, gconstpointer view, GError **error)
{
  const TsDispatchView *const *views = page != NULL ? (gconstpointer) page->items->pdata
                                                    : (gconstpointer) &view;
  guint n = page != NULL ? page->items->len : 1;
  g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    if (views[i]->shared_case != NULL)
      g_array_append_val (cases, views[i]->record->case_id);
  if (page != NULL)
    return ts_dispatch_audit_reads (self, ctx, "list", "dispatch_request", 0, cases, error);
  return ts_dispatch_audit_reads (self, ctx, "read", "dispatch_request", views[0]->record->id,
                                  cases, error);
}

/* ---- list ------------------------------------------------------------------ */

/* Each request with its events, and its case's matching fields where the
 * caller is the organisation asked, from the list's snapshot. */
static GPtrArray *
list_views (G_GNUC_UNUSED TsService *self, TsContext *ctx, TsStore *store, gconstpointer query,
            gint64 after_id, guint limit, GError **error)
{
  g_autoptr(GPtrArray) rows = ts_store_dispatch_list (store, query, after_id, limit, error);
  g_autoptr(GPtrArray) views = NULL;

  if (rows == NULL)
    return NULL;
  views = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_dispatch_view_free);
  for (guint i = 0; i < rows->len; i++)
    {
      TsDispatchView *view = ts_dispatch_view_load (store, ctx, g_steal_pointer (&rows->pdata[i]),
                                                    TRUE, error);

      if (view == NULL)
        return NULL;
      g_ptr_array_add (views, view);
    }
  return g_steal_pointer (&views);
}

const TsResourceOps ts_dispatch_request_ops = {
  .resource = &ts_dispatch_request_resource,
  .check_list = ts_service_check_list_staff,
  .check_read = ts_service_check_read_staff,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_dispatch_view_free,
  .record_free = (GDestroyNotify) ts_dispatch_request_record_free,
  .audit_read = audit_read,
  .list_views = list_views,
};

TsPage *
ts_service_dispatch_list (TsService *self, TsContext *ctx, TsDispatchQuery *query,
                          GError **error)
{
  return ts_service_list (self, ctx, &ts_dispatch_request_ops, query, error);
}

/* ---- create ---------------------------------------------------------------- */

gboolean
ts_dispatch_check_receiver_organisation (TsStore *store, TsContext *ctx, const char *field,
                                         gint64 to_organisation_id, gint64 case_organisation_id,
                                         GError **error)
{
  g_autoptr(TsOrganisationRecord) org = NULL;
  g_autoptr(GError) local = NULL;

  org = ts_store_organisation_get (store, to_organisation_id, &local);
  if (org == NULL)
    {
      if (!g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      ts_field_errors_add (ctx->errors, field, N_("No such organisation"));
    }
  else if (to_organisation_id == case_organisation_id)
    ts_field_errors_add (ctx->errors, field, N_("Must be another organisation than the case's"));
  return ts_field_errors_check (ctx->errors, error);
}

TsCaseRecord *
ts_dispatch_case_to_share (TsStore *store, TsContext *ctx, gint64 case_id,
                           gint64 to_organisation_id, GError **error)
{
  g_autoptr(TsCaseRecord) kase = ts_store_case_get (store, case_id, error);

  if (kase == NULL || !ts_service_check_scope (ctx, &ts_case_resource, kase, error))
    return NULL;
  if (!ts_case_record_has_consent (kase, TS_CONSENT_SHARE_WITH_AGENCY))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONSENT_MISSING,
                           N_("The case's consent scope does not include share_with_agency"));
      return NULL;
    }
  if (!ts_dispatch_check_receiver_organisation (store, ctx, "to_organisation_id",
                                                to_organisation_id, kase->organisation_id, error))
    return NULL;
  return g_steal_pointer (&kase);
}

typedef struct {
  TsService                     *service;
  TsContext                     *ctx;
  const TsDispatchRequestRecord *draft;
  gint64                         id;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  g_autoptr(TsCaseRecord) kase = NULL;
  g_autoptr(TsDispatchRequestRecord) record = ts_dispatch_request_record_new ();
  gint64 now = ts_service_now_unix ();

  /* The case first (404 as a missing one when out of scope), then its
   * consent, then the organisation asked, then whether it may be matched. */
  kase = ts_dispatch_case_to_share (store, w->ctx, w->draft->case_id,
                                    w->draft->to_organisation_id, error);
  if (kase == NULL || !ts_service_case_check_matchable (kase, w->ctx, error))
    return FALSE;

  record->case_id = kase->id;
  record->from_organisation_id = kase->organisation_id;
  record->to_organisation_id = w->draft->to_organisation_id;
  record->note = w->draft->note != NULL ? ts_text_dup_trimmed (w->draft->note) : NULL;
  record->user_id = w->ctx->user_id;
  if (!ts_store_dispatch_insert (store, record, now, &w->id, error) ||
      !ts_store_dispatch_event_insert (store, w->id, TS_DISPATCH_EVENT_REQUESTED,
                                       record->from_organisation_id, w->ctx->user_id,
                                       record->note, now, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "dispatch_request", w->id, error);
}

typedef struct {
  TsContext      *ctx;
  gint64          id;
  TsDispatchView *view;
} PlainRead;

static gboolean
read_plain (TsStore *store, gpointer user_data, GError **error)
{
  PlainRead *r = user_data;
  TsDispatchRequestRecord *record = ts_store_dispatch_get (store, r->id, error);

  if (record == NULL)
    return FALSE;
  r->view = ts_dispatch_view_load (store, r->ctx, record, FALSE, error);
  return r->view != NULL;
}

/* The request after a write: with its history, without the case's fields
 * (those are shown, and audited, by the reads). */
TsDispatchView *
ts_dispatch_view_after_write (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  PlainRead r = { ctx, id, NULL };

  if (!ts_store_read (ts_service_get_store (self), read_plain, &r, error))
    return NULL;
  return r.view;
}

TsDispatchView *
ts_service_dispatch_create (TsService *self, TsContext *ctx,
                            const TsDispatchRequestRecord *draft, guint present, GError **error)
{
  CreateWrite w = { self, ctx, draft, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_check_draft (self, ctx, &ts_dispatch_request_ops, draft, present, TRUE,
                               error) ||
      !ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  return ts_dispatch_view_after_write (self, ctx, w.id, error);
}

/* ---- for transfers ----------------------------------------------------------- */

gboolean
ts_dispatch_withdraw_open_for_case (TsService *self, TsContext *ctx, gint64 case_id,
                                    const char *note, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(GPtrArray) open = ts_store_dispatch_for_case (store, case_id, TRUE, error);
  gint64 now = ts_service_now_unix ();

  if (open == NULL)
    return FALSE;
  for (guint i = 0; i < open->len; i++)
    {
      TsDispatchRequestRecord *record = open->pdata[i];

      record->status = TS_DISPATCH_WITHDRAWN;
      if (!ts_store_dispatch_set_status (store, record, record->version, now, error) ||
          !ts_store_dispatch_event_insert (store, record->id, TS_DISPATCH_EVENT_WITHDRAWN,
                                           record->from_organisation_id, ctx->user_id, note,
                                           now, error) ||
          !ts_service_audit (self, ctx, "withdraw", "dispatch_request", record->id, error))
        return FALSE;
    }
  return TRUE;
}
