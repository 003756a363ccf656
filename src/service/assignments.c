/*
 * Assignment use cases (see assignments.h).
 */
#include "service/assignments.h"

#include "core/i18n.h"
#include "model/case.h"
#include "service/cases.h"
#include "service/matching.h"
#include "service/supporters.h"
#include "service/validate.h"
#include "store/assignments.h"
#include "store/cases.h"

/* Assignments are recorded when the case conference confirms them; a date
 * more than a year ahead, or before the schemes existed, is a typing
 * mistake. */
#define EARLIEST_YEAR 2000
#define MAX_DAYS_AHEAD 366

void
ts_assignment_view_free (TsAssignmentView *view)
{
  if (view == NULL)
    return;
  ts_assignment_record_free (view->record);
  g_free (view->case_nickname);
  g_strfreev (view->case_needs);
  g_free (view->case_municipality_name);
  g_free (view);
}

static gboolean
is_staff (TsContext *ctx)
{
  return (ctx->role & TS_ROLE_STAFF) != 0;
}

/* ---- create ------------------------------------------------------------- */

/* A supporter of another organisation is "No such supporter", exactly as a
 * missing one: a coordinator assigns from its own pool (SPEC 2.6). */
static gboolean
check_supporter_scope (TsStore *store, TsContext *ctx, gint64 supporter_id, GError **error)
{
  gint64 organisation_id = 0;

  if (!ts_store_assignment_supporter_organisation (store, supporter_id, &organisation_id, error))
    return FALSE;
  if (ts_context_sees (ctx, organisation_id))
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such supporter"));
  return FALSE;
}

gboolean
ts_service_assignment_insert_checked (TsService *self, TsContext *ctx,
                                      const TsAssignmentInput *input, gint64 *out_id,
                                      TsMatchReasons *out_reasons, GError **error)
{
  TsStore *store;
  g_autoptr(TsCaseMatchInfo) info = NULL;
  TsAssignmentRole role = TS_ASSIGNMENT_PRIMARY;
  g_autoptr(GError) local = NULL;
  TsMatchReasons reasons = 0;
  gint64 id = 0;
  int primaries;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (input != NULL && out_reasons != NULL, FALSE);
  store = ts_service_get_store (self);
  g_return_val_if_fail (ts_store_in_writer (store), FALSE);

  *out_reasons = 0;
  if (input->role != NULL && !ts_assignment_role_from_string (input->role, &role))
    g_return_val_if_reached (FALSE);

  /* Both parties exist (404), then the case may be matched at all (its
   * status and consent), then the case's own rules, then the supporter. */
  info = ts_store_case_get_for_matching (store, input->case_id, error);
  if (info == NULL)
    return FALSE;
  /* SPEC 2.6: the case and the supporter are of the caller's
   * organisations, or answered as missing ones; a dispatch request's
   * acceptance has checked the case through its request. */
  if (!input->case_shared && !ts_service_check_scope (ctx, &ts_case_resource, info->record, error))
    return FALSE;
  if (!check_supporter_scope (store, ctx, input->supporter_id, error))
    return FALSE;
  if (!ts_service_matching_check_pair (self, info, input->supporter_id, input->starts_on,
                                       &reasons, error))
    return FALSE;
  if (!ts_service_case_check_matchable (info->record, ctx, error))
    return FALSE;
  if (ts_store_assignment_pair_open (store, input->case_id, input->supporter_id, &local))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_ALREADY_EXISTS,
                           N_("The supporter is already assigned to this case"));
      return FALSE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  primaries = ts_store_assignment_count_open (store, input->case_id, TS_ASSIGNMENT_PRIMARY, error);
  if (primaries < 0)
    return FALSE;
  if (role == TS_ASSIGNMENT_PRIMARY && primaries > 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("The case already has an active primary supporter; add a second supporter with role co_supporter"));
      return FALSE;
    }
  if (role == TS_ASSIGNMENT_CO_SUPPORTER && primaries == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("A co-supporter joins the case's active primary supporter; the case has none"));
      return FALSE;
    }
  if (reasons != 0)
    {
      *out_reasons = reasons;
      g_set_error_literal (error, TS_ERROR, TS_ERROR_SUPPORTER_NOT_ELIGIBLE,
                           N_("The supporter cannot be dispatched to this case on the start date"));
      return FALSE;
    }

  if (!ts_store_assignment_insert (store, input->case_id, input->supporter_id, role,
                                   input->starts_on, ts_service_now_unix (), &id, error) ||
      !ts_service_case_assignment_started (self, ctx, input->case_id, error) ||
      !ts_service_audit (self, ctx, "create", "assignment", id, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

typedef struct {
  TsService               *service;
  TsContext               *ctx;
  const TsAssignmentInput *input;
  gint64                   id;
  TsMatchReasons           reasons;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;

  (void) store;
  return ts_service_assignment_insert_checked (w->service, w->ctx, w->input, &w->id,
                                               &w->reasons, error);
}

static void
check_date_range (TsContext *ctx, const char *field, TsDate date)
{
  TsDate today = ts_date_today ();

  if (date == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, field, N_("Required"));
  else if (ts_date_get_year (date) < EARLIEST_YEAR)
    ts_field_errors_add (ctx->errors, field, N_("Must not be before 2000"));
  else if (date > ts_date_add_days (today, MAX_DAYS_AHEAD))
    ts_field_errors_add (ctx->errors, field, N_("Must be at most a year from today"));
}

TsAssignmentRecord *
ts_service_assignment_create (TsService *self, TsContext *ctx, const TsAssignmentInput *input,
                              GError **error)
{
  CreateWrite w = { self, ctx, input, 0, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (input->case_id <= 0 && !ts_field_errors_has (ctx->errors, "case_id"))
    ts_field_errors_add (ctx->errors, "case_id", N_("Required"));
  if (input->supporter_id <= 0 && !ts_field_errors_has (ctx->errors, "supporter_id"))
    ts_field_errors_add (ctx->errors, "supporter_id", N_("Required"));
  if (!ts_field_errors_has (ctx->errors, "starts_on"))
    check_date_range (ctx, "starts_on", input->starts_on);
  if (input->role != NULL && !ts_assignment_role_from_string (input->role, NULL))
    ts_field_errors_add (ctx->errors, "role", N_("Must be primary or co_supporter"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    {
      if (w.reasons != 0)
        ts_matching_add_reasons_extra (ctx, w.reasons);
      return NULL;
    }
  return ts_store_assignment_get (ts_service_get_store (self), w.id, error);
}

/* ---- list and read (service/resource.h) ------------------------------- */

static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  TsAssignmentQuery *q = query;

  if (!ts_service_require_staff_or_supporter (ctx, error))
    return FALSE;
  if (is_staff (ctx))
    return TRUE;
  /* A supporter lists their own assignments only (SPEC 1). */
  if (q->supporter_id != 0 && q->supporter_id != ctx->supporter_id)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("Supporters see only their own assignments"));
      return FALSE;
    }
  q->supporter_id = ctx->supporter_id;
  return TRUE;
}

static gpointer
view_new (TsService *self, TsContext *ctx, gpointer record)
{
  TsAssignmentView *view = g_new0 (TsAssignmentView, 1);
  g_autoptr(TsCaseRecord) kase = NULL;

  view->record = record;
  view->own = ctx != NULL && ctx->role == TS_ROLE_SUPPORTER;
  /* The case's reduced view; a case that cannot be read leaves it out. */
  kase = ts_store_case_get (ts_service_get_store (self), view->record->case_id, NULL);
  if (kase != NULL)
    {
      view->case_nickname = g_strdup (kase->nickname);
      view->case_needs = g_strdupv (kase->needs);
      view->case_municipality_name = ts_service_municipality_name (kase->municipality_code, NULL);
    }
  return view;
}

/* Someone else's assignment answers as if it did not exist. */
static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsAssignmentRecord) record = ts_store_assignment_get (ts_service_get_store (self),
                                                                  id, error);

  if (record == NULL)
    return NULL;
  if (!is_staff (ctx) && record->supporter_id != ctx->supporter_id)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such assignment"));
      return NULL;
    }
  return view_new (self, ctx, g_steal_pointer (&record));
}

const TsResourceOps ts_assignment_ops = {
  .resource = &ts_assignment_resource,
  .check_list = check_list,
  .check_read = ts_service_check_read_staff_or_supporter,
  .list_rows = (TsListRowsFunc) ts_store_assignment_query,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_assignment_view_free,
  .record_free = (GDestroyNotify) ts_assignment_record_free,
};

/* ---- end ------------------------------------------------------------------ */

typedef struct {
  TsService  *service;
  TsContext  *ctx;
  gint64      id;
  TsDate      ended_on;
  const char *reason;
} EndWrite;

static gboolean
write_end (TsStore *store, gpointer user_data, GError **error)
{
  EndWrite *w = user_data;
  g_autoptr(TsAssignmentRecord) record = ts_store_assignment_get (store, w->id, error);

  if (record == NULL)
    return FALSE;
  /* Staff of the case's organisation or of the supporter's (SPEC 2.6). */
  if (!ts_service_check_scope (w->ctx, &ts_assignment_resource, record, error))
    return FALSE;
  if (record->ended_on != TS_DATE_NONE)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("The assignment has already ended"));
      return FALSE;
    }
  if (w->ended_on < record->starts_on)
    {
      ts_field_errors_add (w->ctx->errors, "ended_on", N_("Must not be before starts_on"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  if (!ts_store_assignment_end (store, w->id, w->ended_on, w->reason, error) ||
      !ts_service_case_assignment_ended (w->service, w->ctx, record->case_id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "end", "assignment", w->id, error);
}

TsAssignmentRecord *
ts_service_assignment_end (TsService *self, TsContext *ctx, gint64 id, TsDate ended_on,
                           const char *reason, GError **error)
{
  g_autofree char *trimmed = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;
  EndWrite w = { self, ctx, id, ended_on, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_field_errors_has (ctx->errors, "ended_on"))
    {
      if (ended_on == TS_DATE_NONE)
        ts_field_errors_add (ctx->errors, "ended_on", N_("Required"));
      else if (ended_on > ts_date_today ())
        ts_field_errors_add (ctx->errors, "ended_on", N_("Must not be in the future"));
    }
  if (!ts_field_errors_has (ctx->errors, "reason"))
    {
      ts_validate_text (ctx, "reason", trimmed != NULL ? trimmed : "", TRUE,
                        TS_ASSIGNMENT_REASON_MAX, TRUE,
                        ts_too_long_message (TS_ASSIGNMENT_REASON_MAX));
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  w.reason = trimmed;
  if (!ts_store_write (ts_service_get_store (self), write_end, &w, error))
    return NULL;
  return ts_store_assignment_get (ts_service_get_store (self), id, error);
}
