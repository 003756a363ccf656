/*
 * A new 職親 placement (SPEC 2.3, 3.2; issue 6): the request's own checks,
 * then the rules that need the store (the case, the host, the cap, double
 * booking, the host's capacity) inside the write transaction.  The single
 * writer thread runs one write function at a time, so two requests for the
 * same participant (or the same host and day) can never together pass the
 * cap (or the capacity) that each passes alone.
 */
#include "service/placements-private.h"

#include "core/i18n.h"
#include "service/cases.h"
#include "service/hosts.h"
#include "store/cases.h"
#include "store/hosts.h"

/* ---- refusals that name their dates and numbers (issue 14) ------------ */

/* How many of a refusal's dates its detail names; the rest are counted.
 * The problem's `days` extra lists every one. */
#define DETAIL_DATES_MAX 5

/* The translation of @msgid in @lang, checked as a printf format. */
static const char *tr (TsLanguage lang, const char *msgid) G_GNUC_FORMAT (2);

static const char *
tr (TsLanguage lang, const char *msgid)
{
  return ts_i18n_gettext_lang (lang, msgid);
}

/* The first DETAIL_DATES_MAX of @dates as the page of that language shows
 * them (令和8年12月3日、令和8年12月4日 ほか3日 / 2026-12-03, 2026-12-04 and 3
 * more days). */
static char *
dates_text (TsLanguage lang, const GArray *dates)
{
  GString *out = g_string_new (NULL);
  guint shown = MIN (dates->len, DETAIL_DATES_MAX);

  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *date = ts_placement_date_text (lang, g_array_index (dates, TsDate, i));

      if (i > 0)
        g_string_append (out, lang == TS_LANGUAGE_JA ? "、" : ", ");
      g_string_append (out, date);
    }
  if (dates->len > shown)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out, tr (lang, N_("and %u more days")), dates->len - shown);
    }
  return g_string_free (out, FALSE);
}

/* The refusal's detail, in the client's language, replaces the kind's
 * general one (http/problem.c: an extra named `detail`). */
static void
set_detail (TsContext *ctx, char *text)
{
  ts_placements_add_string_extra (ctx, "detail", text);
  g_free (text);
}

/* ---- create: checks before the transaction --------------------------- */

static void
check_days (TsContext *ctx, const TsPlacementInput *in, const TsPlacementRules *rules,
            GArray **out_sorted)
{
  g_autoptr(GArray) duplicates = NULL;

  *out_sorted = NULL;
  if (!in->has_days)
    {
      ts_field_errors_add (ctx->errors, "days", N_("Required"));
      return;
    }
  switch (ts_placement_days_validate (in->days, in->n_days, rules, out_sorted, &duplicates))
    {
    case TS_PLACEMENT_DAYS_OK:
      break;
    case TS_PLACEMENT_DAYS_EMPTY:
      ts_field_errors_add (ctx->errors, "days", N_("Must list at least one day"));
      break;
    case TS_PLACEMENT_DAYS_TOO_MANY:
      ts_field_errors_add (ctx->errors, "days", N_("Too many days for one placement request"));
      ts_placements_add_int_extra (ctx, "max_days_per_request", rules->max_days_per_request);
      break;
    case TS_PLACEMENT_DAYS_INVALID_DATE:
      ts_field_errors_add (ctx->errors, "days", N_("Each day must be a valid date (YYYY-MM-DD)"));
      break;
    case TS_PLACEMENT_DAYS_DUPLICATE:
    default:
      ts_field_errors_add (ctx->errors, "days", N_("A day is listed more than once"));
      ts_context_add_extra (ctx, "duplicate_days", ts_placements_dates_node (duplicates));
      break;
    }
}

/* ---- create: the transaction ------------------------------------------ */

typedef struct {
  TsService              *service;
  TsContext              *ctx;
  const TsPlacementInput *input;
  const TsPlacementRules *rules;
  GArray                 *days;            /* sorted, distinct */
  guint                   attendees;       /* TsPreInterviewAttendee bits */
  gint64                  id;
  guint                   days_used;       /* after this placement */
  guint                   weekdays_open;
} CreateWrite;

/* A record the request names by id in its body, through its resource's
 * fetch: unknown is a bad field (422 naming it), as for the other use
 * cases' body ids, and one of an organisation outside the caller's scope is
 * answered exactly as a missing one (SPEC 2.6).  *@out is NULL then; FALSE
 * only for another failure. */
static gboolean
fetch_body_reference (TsStore *store, TsContext *ctx, const TsResourceOps *ops, gint64 id,
                      const char *field, gpointer *out, GError **error)
{
  g_autoptr(GError) local = NULL;
  gpointer record = ops->fetch (store, id, &local);

  if (record != NULL && !ts_record_in_scope (ops->resource, record, ctx))
    g_clear_pointer (&record, ops->record_free);
  else if (record == NULL && !g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (record == NULL)
    ts_field_errors_add (ctx->errors, field, ops->resource->not_found);
  *out = record;
  return TRUE;
}

static gboolean
check_host_capacity (TsStore *store, CreateWrite *w, const TsHostRecord *host,
                     GError **error)
{
  g_autoptr(GArray) load = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) exceeded = NULL;
  TsDate first = g_array_index (w->days, TsDate, 0);
  TsDate last = g_array_index (w->days, TsDate, w->days->len - 1);

  load = ts_store_placement_host_load (store, host->id, first, last, error);
  if (load == NULL)
    return FALSE;
  counts = g_array_sized_new (FALSE, FALSE, sizeof (TsPlacementDayCount), load->len);
  for (guint i = 0; i < load->len; i++)
    {
      TsPlacementDayCount c = { g_array_index (load, TsPlacementDayLoad, i).date,
                                g_array_index (load, TsPlacementDayLoad, i).scheduled };
      g_array_append_val (counts, c);
    }
  exceeded = ts_placement_capacity_exceeded_days ((const TsPlacementDayCount *) counts->data,
                                                  counts->len,
                                                  (const TsDate *) w->days->data, w->days->len,
                                                  (guint) host->capacity_per_day);
  if (exceeded->len == 0)
    return TRUE;
  {
    g_autofree char *dates = dates_text (w->ctx->language, exceeded);

    set_detail (w->ctx, g_strdup_printf (tr (w->ctx->language,
                                             N_("The host has no room left on %s (capacity: %d a day)")),
                                         dates, host->capacity_per_day));
  }
  ts_context_add_extra (w->ctx, "days", ts_placements_dates_node (exceeded));
  ts_placements_add_int_extra (w->ctx, "capacity_per_day", host->capacity_per_day);
  g_set_error_literal (error, TS_ERROR, TS_ERROR_HOST_CAPACITY_EXCEEDED,
                       N_("The host already has as many participants as it can take on some of these days"));
  return FALSE;
}

/* Every rule that needs the store, in the order docs/api.md gives; sets
 * w->days_used (after this placement) and w->weekdays_open.  The create
 * runs it in its write transaction, the check (POST /v1/placements/check)
 * in a read one. */
static gboolean
check_rules (TsStore *store, CreateWrite *w, GError **error)
{
  const TsPlacementInput *in = w->input;
  g_autoptr(TsCaseRecord) kase = NULL;
  g_autoptr(TsHostRecord) host = NULL;
  g_autoptr(GArray) scheduled = NULL;
  g_autoptr(GArray) clashes = NULL;
  guint remaining;

  if (!fetch_body_reference (store, w->ctx, &ts_case_ops, in->case_id, "case_id",
                             (gpointer *) &kase, error) ||
      !fetch_body_reference (store, w->ctx, &ts_host_ops, in->host_id, "host_id",
                             (gpointer *) &host, error))
    return FALSE;
  if (!ts_field_errors_check (w->ctx->errors, error))
    return FALSE;

  if (kase->status == TS_CASE_CLOSED)
    {
      ts_placements_add_string_extra (w->ctx, "current_status",
                                      ts_case_status_to_string (kase->status));
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("A closed case cannot get placements"));
      return FALSE;
    }
  /* The host learns the participant's nickname and meets them: the
   * person must have agreed to that (SPEC 3.2 consent scope placement). */
  if (!ts_case_record_has_consent (kase, TS_CONSENT_PLACEMENT))
    {
      ts_placements_add_string_extra (w->ctx, "required_scope", "placement");
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONSENT_MISSING,
                           N_("The case's consent does not cover placements with a host"));
      return FALSE;
    }
  if (host->status != TS_HOST_REGISTERED)
    {
      ts_placements_add_string_extra (w->ctx, "host_status",
                                      ts_host_status_to_string (host->status));
      g_set_error_literal (error, TS_ERROR, TS_ERROR_HOST_NOT_REGISTERED,
                           N_("Only a registered host receives placements"));
      return FALSE;
    }

  /* Read here, inside the transaction: what the writer thread committed
   * for any earlier request is counted, so concurrent requests for the
   * same participant cannot together pass the cap. */
  scheduled = ts_store_placement_case_dates (store, in->case_id, error);
  if (scheduled == NULL)
    return FALSE;
  /* Nothing scheduled yet cannot clash (and the domain's bsearch() must
   * not be handed the empty array's NULL data). */
  if (scheduled->len > 0)
    clashes = ts_placement_double_booked_days ((const TsDate *) scheduled->data, scheduled->len,
                                               (const TsDate *) w->days->data, w->days->len);
  if (clashes != NULL && clashes->len > 0)
    {
      g_autofree char *dates = dates_text (w->ctx->language, clashes);

      set_detail (w->ctx, g_strdup_printf (tr (w->ctx->language,
                                               N_("The participant is already placed on %s")),
                                           dates));
      ts_context_add_extra (w->ctx, "days", ts_placements_dates_node (clashes));
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PARTICIPANT_DOUBLE_BOOKED,
                           N_("The participant is already placed on some of these days"));
      return FALSE;
    }
  if (!ts_placement_cap_allows (scheduled->len, w->days->len, w->rules, &remaining))
    {
      set_detail (w->ctx, g_strdup_printf (tr (w->ctx->language,
                                               N_("%u days remain of the participant's %u; %u were asked")),
                                           remaining, w->rules->cap_days, w->days->len));
      ts_placements_add_int_extra (w->ctx, "remaining_days", remaining);
      ts_placements_add_int_extra (w->ctx, "days_used", scheduled->len);
      ts_placements_add_int_extra (w->ctx, "days_requested", w->days->len);
      ts_placements_add_int_extra (w->ctx, "cap_days", w->rules->cap_days);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PLACEMENT_CAP_EXCEEDED,
                           N_("The participant's placement days would exceed the cap"));
      return FALSE;
    }
  if (!check_host_capacity (store, w, host, error))
    return FALSE;
  w->days_used = scheduled->len + w->days->len;
  w->weekdays_open = host->weekdays_open;
  return TRUE;
}

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  const TsPlacementInput *in = w->input;
  g_autoptr(TsPlacementRecord) record = NULL;
  TsDate first = g_array_index (w->days, TsDate, 0);
  TsDate last = g_array_index (w->days, TsDate, w->days->len - 1);

  if (!check_rules (store, w, error))
    return FALSE;
  record = ts_placement_record_new ();
  record->case_id = in->case_id;
  record->host_id = in->host_id;
  record->kind = g_strdup (ts_placement_kind_to_string (ts_placement_kind_for_span (first, last,
                                                                                    w->rules)));
  record->hours_per_day = (int) in->hours_per_day;
  record->first_day = first;
  record->last_day = last;
  if (in->has_planned_on)
    record->pre_interview_planned_on = in->planned_on;
  else
    record->pre_interview_held_on = in->held_on;
  g_strfreev (record->pre_interview_attendees);
  record->pre_interview_attendees = ts_placements_attendees_strv (w->attendees);
  record->user_id = w->ctx->user_id;
  if (!ts_store_placement_insert (store, record, ts_service_now_unix (), &w->id, error) ||
      !ts_store_placement_days_insert (store, w->id, in->case_id, in->host_id,
                                       (const TsDate *) w->days->data, w->days->len, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "placement", w->id, error);
}

/* The request's own checks, before any transaction: every bad field in
 * one 422.  *out_days gets the days sorted. */
static gboolean
check_request (TsContext *ctx, const TsPlacementInput *input, const TsPlacementRules *rules,
               GArray **out_days, guint *out_attendees, GError **error)
{
  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  if (input->case_id <= 0)
    ts_field_errors_add (ctx->errors, "case_id", N_("Required"));
  if (input->host_id <= 0)
    ts_field_errors_add (ctx->errors, "host_id", N_("Required"));
  if (input->hours_per_day == -1)
    ts_field_errors_add (ctx->errors, "hours_per_day", N_("Required"));
  else if (!ts_placement_hours_per_day_valid (input->hours_per_day))
    ts_field_errors_add (ctx->errors, "hours_per_day", N_("Must be from 1 to 8"));
  check_days (ctx, input, rules, out_days);
  ts_placements_check_pre_interview (ctx, input,
                                     *out_days != NULL ? g_array_index (*out_days, TsDate, 0)
                                                       : TS_DATE_NONE,
                                     out_attendees);
  return ts_field_errors_check (ctx->errors, error);
}

/* What a create and a check do before the store: the rules in force and
 * the request's own checks, which fill @days (sorted) and @w. */
static gboolean
begin_create (TsService *self, TsContext *ctx, const TsPlacementInput *input,
              TsPlacementRules *rules, GArray **days, CreateWrite *w, GError **error)
{
  *w = (CreateWrite) { self, ctx, input, rules, NULL, 0, 0, 0, 0 };
  ts_service_placement_rules (self, rules);
  if (!check_request (ctx, input, rules, days, &w->attendees, error))
    return FALSE;
  w->days = *days;
  return TRUE;
}

TsPlacementView *
ts_service_placement_create (TsService *self, TsContext *ctx, const TsPlacementInput *input,
                             GError **error)
{
  g_autoptr(GArray) days = NULL;
  TsPlacementRules rules;
  TsPlacementView *view;
  CreateWrite w;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!begin_create (self, ctx, input, &rules, &days, &w, error) ||
      !ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  view = ts_placements_load_view (self, ctx, w.id, FALSE, error);
  if (view == NULL)
    return NULL;
  /* Holidays and closed weekdays are accepted, with a warning (issue 6). */
  view->warnings = ts_placement_warnings ((const TsDate *) days->data, days->len,
                                          w.weekdays_open);
  view->has_participant_days = TRUE;
  view->participant_days_used = w.days_used;
  view->participant_days_remaining = ts_placement_cap_remaining (w.days_used, &rules);
  return view;
}

/* ---- check: the same rules, nothing written (issue 14) ------------------ */

void
ts_placement_check_free (TsPlacementCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->days, g_array_unref);
  g_clear_pointer (&check->warnings, g_array_unref);
  g_free (check);
}

static gboolean
read_check (TsStore *store, gpointer user_data, GError **error)
{
  return check_rules (store, user_data, error);
}

/* What ts_service_placement_create() would answer for @input — the same
 * 422, 409 and 404 — or, when it would accept it, the placement's kind,
 * period, days, the participant's days after it and the warnings, so
 * that a form can show the warnings and ask before saving.  Runs in a
 * read transaction: a create right after it may still be refused (another
 * request came first).  Nothing is written but the audit entry of the
 * read (the answer shows the participant's days). */
TsPlacementCheck *
ts_service_placement_check (TsService *self, TsContext *ctx, const TsPlacementInput *input,
                            GError **error)
{
  g_autoptr(GArray) days = NULL;
  TsPlacementRules rules;
  TsPlacementCheck *check;
  CreateWrite w;
  TsDate first, last;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!begin_create (self, ctx, input, &rules, &days, &w, error) ||
      !ts_store_read (ts_service_get_store (self), read_check, &w, error))
    return NULL;
  if (!ts_service_audit_read (self, ctx, "check_placement", "case", input->case_id, error))
    return NULL;

  first = g_array_index (days, TsDate, 0);
  last = g_array_index (days, TsDate, days->len - 1);
  check = g_new0 (TsPlacementCheck, 1);
  check->case_id = input->case_id;
  check->host_id = input->host_id;
  check->kind = ts_placement_kind_for_span (first, last, &rules);
  check->first_day = first;
  check->last_day = last;
  check->hours_per_day = (int) input->hours_per_day;
  check->participant_days_used = w.days_used;
  check->participant_days_remaining = ts_placement_cap_remaining (w.days_used, &rules);
  check->warnings = ts_placement_warnings ((const TsDate *) days->data, days->len,
                                           w.weekdays_open);
  check->days = g_steal_pointer (&days);
  return check;
}
