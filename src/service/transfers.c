/*
 * Case transfers: see transfers.h.
 */
#include "service/transfers.h"

#include "core/i18n.h"
#include "model/case.h"
#include "service/dispatch-private.h"
#include "service/validate.h"
#include "store/cases.h"
#include "store/transfers.h"

/* A transfer is recorded when it happens: not ahead of today, and not
 * before the schemes existed. */
#define EARLIEST_YEAR 2000

void
ts_case_transfer_view_free (TsCaseTransferView *view)
{
  if (view == NULL)
    return;
  ts_case_transfer_record_free (view->record);
  g_free (view);
}

/* ---- create ----------------------------------------------------------------- */

typedef struct {
  TsService                  *service;
  TsContext                  *ctx;
  gint64                      case_id;
  const TsCaseTransferRecord *draft;
  gint64                      id;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  g_autoptr(TsCaseRecord) kase = ts_dispatch_case_to_share (store, w->ctx, w->case_id,
                                                            w->draft->to_organisation_id, error);
  g_autoptr(TsCaseTransferRecord) record = ts_case_transfer_record_new ();
  const char *withdrawn_note;
  gint64 now = ts_service_now_unix ();

  if (kase == NULL)
    return FALSE;

  record->case_id = kase->id;
  record->from_organisation_id = kase->organisation_id;
  record->to_organisation_id = w->draft->to_organisation_id;
  record->transferred_on = w->draft->transferred_on != TS_DATE_NONE ? w->draft->transferred_on
                                                                    : ts_date_today ();
  record->note = w->draft->note != NULL ? ts_text_dup_trimmed (w->draft->note) : NULL;
  record->user_id = w->ctx->user_id;
  /* The requests the old organisation made for the case end with it: the
   * history says why, in the words of the caller's language. */
  withdrawn_note = ts_i18n_gettext_lang (w->ctx->language,
                                         N_("Withdrawn: the case was transferred to another organisation"));
  if (!ts_store_transfer_insert (store, record, now, &w->id, error) ||
      !ts_store_case_move_organisation (store, kase->id, record->to_organisation_id, now,
                                        error) ||
      !ts_dispatch_withdraw_open_for_case (w->service, w->ctx, kase->id, withdrawn_note, error) ||
      !ts_service_audit (w->service, w->ctx, "create", "case_transfer", w->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "transfer", "case", kase->id, error);
}

TsCaseTransferRecord *
ts_service_transfer_create (TsService *self, TsContext *ctx, gint64 case_id,
                            const TsCaseTransferRecord *draft, guint present, GError **error)
{
  CreateWrite w = { self, ctx, case_id, draft, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  ts_service_check_fields (ctx, &ts_case_transfer_resource, draft, present, TRUE);
  if (draft->transferred_on != TS_DATE_NONE && !ts_field_errors_has (ctx->errors, "transferred_on"))
    {
      if (ts_date_get_year (draft->transferred_on) < EARLIEST_YEAR)
        ts_field_errors_add (ctx->errors, "transferred_on", N_("Must not be before 2000"));
      else if (draft->transferred_on > ts_date_today ())
        ts_field_errors_add (ctx->errors, "transferred_on", N_("Must not be in the future"));
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  return ts_store_transfer_get (ts_service_get_store (self), w.id, error);
}

/* ---- a case's transfers --------------------------------------------------------- */

typedef struct {
  TsContext *ctx;
  gint64     case_id;
  GPtrArray *rows;
} CaseRead;

static gboolean
read_for_case (TsStore *store, gpointer user_data, GError **error)
{
  CaseRead *r = user_data;
  g_autoptr(TsCaseRecord) kase = ts_store_case_get (store, r->case_id, error);

  if (kase == NULL || !ts_service_check_scope (r->ctx, &ts_case_resource, kase, error))
    return FALSE;
  r->rows = ts_store_transfer_list_for_case (store, r->case_id, error);
  return r->rows != NULL;
}

GPtrArray *
ts_service_transfer_list_for_case (TsService *self, TsContext *ctx, gint64 case_id,
                                   GError **error)
{
  CaseRead r = { ctx, case_id, NULL };
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_for_case, &r, error))
    return NULL;
  rows = r.rows;
  if (!ts_service_audit_read (self, ctx, "list_transfers", "case", case_id, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* ---- GET /v1/transfers (service/resource.h) --------------------------------------- */

TS_DEFINE_VIEW_NEW (view_new, TsCaseTransferView)

const TsResourceOps ts_case_transfer_ops = {
  .resource = &ts_case_transfer_resource,
  .check_list = ts_service_check_list_staff,
  .check_read = ts_service_check_read_staff,
  .list_rows = (TsListRowsFunc) ts_store_transfer_list,
  .view_new = view_new,
  .fetch = (TsFetchFunc) ts_store_transfer_get,
  .view_free = (GDestroyNotify) ts_case_transfer_view_free,
  .record_free = (GDestroyNotify) ts_case_transfer_record_free,
};
