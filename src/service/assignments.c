/*
 * Assignment use cases (see assignments.h).
 */
#include "service/assignments.h"

#include "core/i18n.h"
#include "service/cases.h"
#include "service/matching.h"
#include "service/validate.h"
#include "store/cases.h"

/* Assignments are recorded when the case conference confirms them; a date
 * more than a year ahead, or before the schemes existed, is a typing
 * mistake. */
#define EARLIEST_YEAR 2000
#define MAX_DAYS_AHEAD 366

void
ts_assignment_page_free (TsAssignmentPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static gboolean
is_staff (TsContext *ctx)
{
  return (ctx->role & TS_ROLE_STAFF) != 0;
}

/* ---- create ------------------------------------------------------------- */

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

/* ---- read ----------------------------------------------------------------- */

TsAssignmentRecord *
ts_service_assignment_get (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsAssignmentRecord) record = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!is_staff (ctx) && ctx->role != TS_ROLE_SUPPORTER)
    {
      ts_service_require_staff (ctx, error);
      return NULL;
    }
  record = ts_store_assignment_get (ts_service_get_store (self), id, error);
  if (record == NULL)
    return NULL;
  /* Someone else's assignment answers as if it did not exist. */
  if (!is_staff (ctx) && record->supporter_id != ctx->supporter_id)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such assignment"));
      return NULL;
    }
  if (!ts_service_audit_read (self, ctx, "read", "assignment", id, error))
    return NULL;
  return g_steal_pointer (&record);
}

typedef struct {
  TsAssignmentFilter filter;
  gint64             after_id;
  guint              limit;
  GPtrArray         *items;
} ListRead;

static gboolean
read_list (TsStore *store, gpointer user_data, GError **error)
{
  ListRead *l = user_data;

  l->items = ts_store_assignment_list (store, &l->filter, l->after_id, l->limit + 1, error);
  return l->items != NULL;
}

TsAssignmentPage *
ts_service_assignment_list (TsService *self, TsContext *ctx, const TsAssignmentQuery *query,
                            GError **error)
{
  g_autoptr(TsAssignmentPage) page = NULL;
  ListRead l = { { 0 }, 0, 0, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  l.filter.case_id = query->case_id;
  l.filter.supporter_id = query->supporter_id;
  l.filter.has_active = query->has_active;
  l.filter.active = query->active;
  if (!is_staff (ctx))
    {
      if (ctx->role != TS_ROLE_SUPPORTER)
        {
          ts_service_require_staff (ctx, error);
          return NULL;
        }
      /* A supporter lists their own assignments only (SPEC 1). */
      if (query->supporter_id != 0 && query->supporter_id != ctx->supporter_id)
        {
          g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                               N_("Supporters see only their own assignments"));
          return NULL;
        }
      l.filter.supporter_id = ctx->supporter_id;
    }
  if (query->limit != 0 && (query->limit < 1 || query->limit > TS_ASSIGNMENT_LIST_MAX))
    ts_field_errors_add (ctx->errors, "limit", N_("Must be from 1 to 200"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  l.after_id = query->after_id;
  l.limit = query->limit != 0 ? (guint) query->limit : TS_ASSIGNMENT_LIST_DEFAULT;
  if (!ts_store_read (ts_service_get_store (self), read_list, &l, error))
    return NULL;

  page = g_new0 (TsAssignmentPage, 1);
  page->items = l.items;
  if (page->items->len > l.limit)
    {
      g_ptr_array_set_size (page->items, l.limit);
      page->next_after_id = ((TsAssignmentRecord *) page->items->pdata[l.limit - 1])->id;
    }
  if (!ts_service_audit_read (self, ctx, "list", "assignment", 0, error))
    return NULL;
  return g_steal_pointer (&page);
}

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
                        TS_ASSIGNMENT_REASON_MAX, TRUE, N_("Must be at most 500 characters"));
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  w.reason = trimmed;
  if (!ts_store_write (ts_service_get_store (self), write_end, &w, error))
    return NULL;
  return ts_store_assignment_get (ts_service_get_store (self), id, error);
}
