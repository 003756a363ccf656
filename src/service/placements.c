/*
 * 職親 placements' use cases (SPEC 2.3, 3.2; issue 6).  The rules are
 * domain/placement.h's, the access rules are in service/placements.h, and
 * docs/domain-rules.md ("職親 placements") explains each decision.
 */
#include "service/placements.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/money.h"
#include "domain/rates.h"
#include "service/hosts.h"
#include "service/rates.h"
#include "store/cases.h"
#include "store/hosts.h"
#include "store/ledger.h"
#include "store/statements.h"

void
ts_service_placement_rules (TsService *self, TsPlacementRules *out)
{
  *out = *ts_service_get_placement_rules (self);
}

/* ---- views ---------------------------------------------------------- */

void
ts_placement_view_free (TsPlacementView *view)
{
  if (view == NULL)
    return;
  ts_placement_record_free (view->record);
  g_clear_pointer (&view->days, g_array_unref);
  g_clear_pointer (&view->warnings, g_array_unref);
  g_free (view);
}

void
ts_placement_page_free (TsPlacementPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

void
ts_placement_summary_free (TsPlacementSummary *summary)
{
  if (summary == NULL)
    return;
  for (guint i = 0; summary->by_host != NULL && i < summary->by_host->len; i++)
    g_free (g_array_index (summary->by_host, TsPlacementHostSummary, i).host_name);
  g_clear_pointer (&summary->by_host, g_array_unref);
  g_clear_pointer (&summary->placements, g_ptr_array_unref);
  g_free (summary);
}

static TsPlacementView *
view_new (TsPlacementRecord *record, TsContext *ctx)
{
  TsPlacementView *view = g_new0 (TsPlacementView, 1);

  view->record = record;
  view->for_host = ctx->role == TS_ROLE_HOST;
  return view;
}

/* ---- who may do what ------------------------------------------------ */

static gboolean
is_staff (TsContext *ctx)
{
  return (ctx->role & TS_ROLE_STAFF) != 0;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such placement"));
}

/* Staff reach every placement, a host account its own host's; to a host
 * account another host's placement is "not found", exactly like one that
 * does not exist. */
static gboolean
may_see (TsContext *ctx, const TsPlacementRecord *record, GError **error)
{
  if (is_staff (ctx))
    return TRUE;
  if (ctx->role == TS_ROLE_HOST && ctx->host_id > 0 && record->host_id == ctx->host_id)
    return TRUE;
  if (ctx->role == TS_ROLE_HOST)
    set_not_found (error);
  else
    ts_service_require_staff (ctx, error);
  return FALSE;
}

/* ---- problem extras ------------------------------------------------- */

static JsonNode *
dates_node (const GArray *dates)
{
  JsonArray *arr = json_array_new ();
  JsonNode *node;

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      char buf[11];
      ts_date_format (g_array_index (dates, TsDate, i), buf);
      json_array_add_string_element (arr, buf);
    }
  node = json_node_init_array (json_node_alloc (), arr);
  json_array_unref (arr);
  return node;
}

static void
add_int_extra (TsContext *ctx, const char *name, gint64 value)
{
  ts_context_add_extra (ctx, name, json_node_init_int (json_node_alloc (), value));
}

static void
add_string_extra (TsContext *ctx, const char *name, const char *value)
{
  ts_context_add_extra (ctx, name, json_node_init_string (json_node_alloc (), value));
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
      add_int_extra (ctx, "max_days_per_request", rules->max_days_per_request);
      break;
    case TS_PLACEMENT_DAYS_INVALID_DATE:
      ts_field_errors_add (ctx->errors, "days", N_("Each day must be a valid date (YYYY-MM-DD)"));
      break;
    case TS_PLACEMENT_DAYS_DUPLICATE:
    default:
      ts_field_errors_add (ctx->errors, "days", N_("A day is listed more than once"));
      ts_context_add_extra (ctx, "duplicate_days", dates_node (duplicates));
      break;
    }
}

/* How a pre-interview's date is being given: at creation, as held or as
 * planned, or when recording a planned one as held. */
typedef enum {
  PRE_INTERVIEW_CREATE_HELD,
  PRE_INTERVIEW_CREATE_PLANNED,
  PRE_INTERVIEW_RECORD_HELD,
} PreInterviewUse;

/* 事前面談 (seed 002): 「就労体験に先立ち、本人、家族、職親、相談窓口担当者との
 * 事前面談を行います」.  Names each field of @check that is wrong, under
 * @prefix ("pre_interview." at creation, "" for the recording's own body),
 * so that one 422 names both when both are wrong. */
static void
report_pre_interview (TsContext *ctx, const TsPreInterviewCheck *check, const char *prefix,
                      PreInterviewUse use)
{
  g_autofree char *date_field = g_strconcat (prefix, use == PRE_INTERVIEW_CREATE_PLANNED
                                                     ? "planned_on" : "held_on", NULL);
  g_autofree char *attendees_field = g_strconcat (prefix, "attendees", NULL);

  switch (check->held_on)
    {
    case TS_PRE_INTERVIEW_HELD_ON_OK:
      break;
    case TS_PRE_INTERVIEW_HELD_ON_MISSING:
      ts_field_errors_add (ctx->errors, date_field,
                           use == PRE_INTERVIEW_RECORD_HELD
                           ? N_("Required")
                           : N_("Required: held_on, or planned_on for an interview still to come"));
      break;
    case TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD:
      ts_field_errors_add (ctx->errors, date_field,
                           use == PRE_INTERVIEW_RECORD_HELD
                           ? N_("Must not be in the future: record the interview once it has been held")
                           : N_("The pre-interview has not been held yet: give its date as planned_on"));
      break;
    case TS_PRE_INTERVIEW_HELD_ON_PLANNED_PAST:
      ts_field_errors_add (ctx->errors, date_field,
                           N_("A planned pre-interview is today or later: give one that took place as held_on"));
      break;
    case TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY:
    default:
      ts_field_errors_add (ctx->errors, date_field,
                           N_("The pre-interview must be held on or before the first day"));
      break;
    }
  switch (check->attendees)
    {
    case TS_PRE_INTERVIEW_ATTENDEES_OK:
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_MISSING:
      ts_field_errors_add (ctx->errors, attendees_field,
                           N_("Required: at least participant, host and coordinator"));
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN:
      ts_field_errors_add (ctx->errors, attendees_field,
                           N_("Each attendee must be one of participant, family, host, coordinator"));
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_DUPLICATE:
      ts_field_errors_add (ctx->errors, attendees_field,
                           N_("An attendee is listed more than once"));
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE:
    default:
      {
        JsonArray *missing = json_array_new ();
        static const TsPreInterviewAttendee order[] = {
          TS_PRE_INTERVIEW_PARTICIPANT, TS_PRE_INTERVIEW_FAMILY,
          TS_PRE_INTERVIEW_HOST, TS_PRE_INTERVIEW_COORDINATOR,
        };

        for (guint i = 0; i < G_N_ELEMENTS (order); i++)
          if (check->missing & order[i])
            json_array_add_string_element (missing,
                                           ts_pre_interview_attendee_to_string (order[i]));
        ts_field_errors_add (ctx->errors, attendees_field,
                             N_("The participant, the host and the coordinator must attend"));
        ts_context_add_extra (ctx, "missing_attendees",
                              json_node_init_array (json_node_alloc (), missing));
        json_array_unref (missing);
      }
      break;
    }
}

/* At creation the interview is either held (held_on, attendees required)
 * or planned (planned_on, attendees optional): exactly one of the two
 * dates (issue 11, item 15). */
static void
check_pre_interview (TsContext *ctx, const TsPlacementInput *in, TsDate first_day,
                     guint *out_present)
{
  TsPreInterviewCheck check;
  gsize n_attendees = in->attendees != NULL ? in->n_attendees : 0;

  if (in->has_planned_on && !in->has_held_on)
    {
      ts_pre_interview_check_planned (in->planned_on, in->attendees, n_attendees, first_day,
                                      ts_date_today (), &check);
      report_pre_interview (ctx, &check, "pre_interview.", PRE_INTERVIEW_CREATE_PLANNED);
    }
  else
    {
      ts_pre_interview_check (in->held_on, in->attendees, n_attendees, first_day,
                              ts_date_today (), &check);
      if (in->has_planned_on)
        ts_field_errors_add (ctx->errors, "pre_interview.planned_on",
                             N_("Give either held_on or planned_on, not both"));
      else
        report_pre_interview (ctx, &check, "pre_interview.", PRE_INTERVIEW_CREATE_HELD);
    }
  *out_present = check.present;
}

/* The attendees in the leaflet's order: 本人、家族、職親、相談窓口担当者. */
static char **
attendees_strv (guint present)
{
  static const TsPreInterviewAttendee order[] = {
    TS_PRE_INTERVIEW_PARTICIPANT, TS_PRE_INTERVIEW_FAMILY,
    TS_PRE_INTERVIEW_HOST, TS_PRE_INTERVIEW_COORDINATOR,
  };
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (present & order[i])
      g_ptr_array_add (out, g_strdup (ts_pre_interview_attendee_to_string (order[i])));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
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

/* A record the request names by id in its body: unknown is a bad field
 * (422 naming it), as for the other use cases' body ids. */
static gboolean
body_reference_missing (GError **local, TsContext *ctx, const char *field,
                        const char *message, GError **error)
{
  if (!g_error_matches (*local, TS_ERROR, TS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (local));
      return FALSE;
    }
  g_clear_error (local);
  ts_field_errors_add (ctx->errors, field, message);
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
  ts_context_add_extra (w->ctx, "days", dates_node (exceeded));
  add_int_extra (w->ctx, "capacity_per_day", host->capacity_per_day);
  g_set_error_literal (error, TS_ERROR, TS_ERROR_HOST_CAPACITY_EXCEEDED,
                       N_("The host already has as many participants as it can take on some of these days"));
  return FALSE;
}

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  const TsPlacementInput *in = w->input;
  g_autoptr(GError) local = NULL;
  g_autoptr(TsCaseRecord) kase = NULL;
  g_autoptr(TsHostRecord) host = NULL;
  g_autoptr(GArray) scheduled = NULL;
  g_autoptr(GArray) clashes = NULL;
  g_autoptr(TsPlacementRecord) record = NULL;
  TsDate first = g_array_index (w->days, TsDate, 0);
  TsDate last = g_array_index (w->days, TsDate, w->days->len - 1);
  guint remaining;

  kase = ts_store_case_get (store, in->case_id, &local);
  if (kase == NULL && !body_reference_missing (&local, w->ctx, "case_id", N_("No such case"),
                                               error))
    return FALSE;
  host = ts_store_host_get (store, in->host_id, &local);
  if (host == NULL && !body_reference_missing (&local, w->ctx, "host_id", N_("No such host"),
                                               error))
    return FALSE;
  if (!ts_field_errors_check (w->ctx->errors, error))
    return FALSE;

  if (kase->status == TS_CASE_CLOSED)
    {
      add_string_extra (w->ctx, "current_status", ts_case_status_to_string (kase->status));
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("A closed case cannot get placements"));
      return FALSE;
    }
  /* The host learns the participant's nickname and meets them: the
   * person must have agreed to that (SPEC 3.2 consent scope placement). */
  if (!ts_case_record_has_consent (kase, TS_CONSENT_PLACEMENT))
    {
      add_string_extra (w->ctx, "required_scope", "placement");
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONSENT_MISSING,
                           N_("The case's consent does not cover placements with a host"));
      return FALSE;
    }
  if (host->status != TS_HOST_REGISTERED)
    {
      add_string_extra (w->ctx, "host_status", ts_host_status_to_string (host->status));
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
      ts_context_add_extra (w->ctx, "days", dates_node (clashes));
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PARTICIPANT_DOUBLE_BOOKED,
                           N_("The participant is already placed on some of these days"));
      return FALSE;
    }
  if (!ts_placement_cap_allows (scheduled->len, w->days->len, w->rules, &remaining))
    {
      add_int_extra (w->ctx, "remaining_days", remaining);
      add_int_extra (w->ctx, "days_used", scheduled->len);
      add_int_extra (w->ctx, "days_requested", w->days->len);
      add_int_extra (w->ctx, "cap_days", w->rules->cap_days);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PLACEMENT_CAP_EXCEEDED,
                           N_("The participant's placement days would exceed the cap"));
      return FALSE;
    }
  if (!check_host_capacity (store, w, host, error))
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
  record->pre_interview_attendees = attendees_strv (w->attendees);
  record->user_id = w->ctx->user_id;
  if (!ts_store_placement_insert (store, record, ts_service_now_unix (), &w->id, error) ||
      !ts_store_placement_days_insert (store, w->id, in->case_id, in->host_id,
                                       (const TsDate *) w->days->data, w->days->len, error))
    return FALSE;
  w->days_used = scheduled->len + w->days->len;
  w->weekdays_open = host->weekdays_open;
  return ts_service_audit (w->service, w->ctx, "create", "placement", w->id, error);
}

typedef struct {
  gint64             id;
  gboolean           participant_days;
  TsPlacementRecord *record;
  GArray            *days;
  GArray            *case_dates;
} LoadOne;

static gboolean
read_one (TsStore *store, gpointer user_data, GError **error)
{
  LoadOne *l = user_data;

  l->record = ts_store_placement_get (store, l->id, error);
  if (l->record == NULL)
    return FALSE;
  l->days = ts_store_placement_days (store, l->id, error);
  if (l->days == NULL)
    return FALSE;
  if (!l->participant_days)
    return TRUE;
  l->case_dates = ts_store_placement_case_dates (store, l->record->case_id, error);
  return l->case_dates != NULL;
}

/* The placement and its days from one snapshot; with @participant_days
 * (staff only) also the participant's days used and remaining. */
static TsPlacementView *
load_view (TsService *self, TsContext *ctx, gint64 id, gboolean participant_days,
           GError **error)
{
  LoadOne l = { id, participant_days, NULL, NULL, NULL };
  TsPlacementView *view;

  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error))
    {
      ts_placement_record_free (l.record);
      g_clear_pointer (&l.days, g_array_unref);
      g_clear_pointer (&l.case_dates, g_array_unref);
      return NULL;
    }
  view = view_new (l.record, ctx);
  view->days = l.days;
  if (l.case_dates != NULL)
    {
      TsPlacementRules rules;

      ts_service_placement_rules (self, &rules);
      view->has_participant_days = TRUE;
      view->participant_days_used = l.case_dates->len;
      view->participant_days_remaining = ts_placement_cap_remaining (l.case_dates->len, &rules);
      g_array_unref (l.case_dates);
    }
  return view;
}

TsPlacementView *
ts_service_placement_create (TsService *self, TsContext *ctx, const TsPlacementInput *input,
                             GError **error)
{
  g_autoptr(GArray) days = NULL;
  TsPlacementRules rules;
  TsPlacementView *view;
  CreateWrite w = { self, ctx, input, &rules, NULL, 0, 0, 0, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  ts_service_placement_rules (self, &rules);
  if (input->case_id <= 0)
    ts_field_errors_add (ctx->errors, "case_id", N_("Required"));
  if (input->host_id <= 0)
    ts_field_errors_add (ctx->errors, "host_id", N_("Required"));
  if (input->hours_per_day == -1)
    ts_field_errors_add (ctx->errors, "hours_per_day", N_("Required"));
  else if (!ts_placement_hours_per_day_valid (input->hours_per_day))
    ts_field_errors_add (ctx->errors, "hours_per_day", N_("Must be from 1 to 8"));
  check_days (ctx, input, &rules, &days);
  check_pre_interview (ctx, input, days != NULL ? g_array_index (days, TsDate, 0) : TS_DATE_NONE,
                       &w.attendees);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  w.days = days;
  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  view = load_view (self, ctx, w.id, FALSE, error);
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

/* ---- read ------------------------------------------------------------- */

TsPlacementView *
ts_service_placement_get (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsPlacementView) view = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!is_staff (ctx) && ctx->role != TS_ROLE_HOST)
    {
      ts_service_require_staff (ctx, error);
      return NULL;
    }
  view = load_view (self, ctx, id, is_staff (ctx), &local);
  if (view == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!may_see (ctx, view->record, error))
    return NULL;
  /* The placement shows the participant's nickname: a read of the case. */
  if (!ts_service_audit_read (self, ctx, "read_placement", "case", view->record->case_id, error))
    return NULL;
  return g_steal_pointer (&view);
}

typedef struct {
  TsPlacementFilter filter;
  gint64            after_id;
  guint             limit;
  GPtrArray        *rows;
} ListRead;

static gboolean
read_list (TsStore *store, gpointer user_data, GError **error)
{
  ListRead *l = user_data;

  l->rows = ts_store_placement_list (store, &l->filter, l->after_id, l->limit + 1, error);
  return l->rows != NULL;
}

TsPlacementPage *
ts_service_placement_list (TsService *self, TsContext *ctx, const TsPlacementQuery *query,
                           GError **error)
{
  g_autoptr(TsPlacementPage) page = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ListRead l = { { 0 }, 0, 0, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!is_staff (ctx) && ctx->role != TS_ROLE_HOST)
    {
      ts_service_require_staff (ctx, error);
      return NULL;
    }
  /* A host never sees case ids: filtering by one would tell it which id
   * belongs to its participant (a page of one) and which do not (empty),
   * so the filter is refused outright, whatever the id. */
  if (ctx->role == TS_ROLE_HOST && query->case_id != 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("A host account cannot filter placements by case"));
      return NULL;
    }
  if (query->limit != 0 && (query->limit < 1 || query->limit > TS_PLACEMENT_LIST_MAX))
    ts_field_errors_add (ctx->errors, "limit", N_("Must be from 1 to 200"));
  if (query->after_id < 0)
    ts_field_errors_add (ctx->errors, "cursor", N_("Not a cursor this service gave out"));
  if (query->case_id < 0)
    ts_field_errors_add (ctx->errors, "case_id", N_("Must be a positive integer"));
  if (query->host_id < 0)
    ts_field_errors_add (ctx->errors, "host_id", N_("Must be a positive integer"));
  if (query->month != 0 && (query->year < 2000 || query->year > 2100 ||
                            query->month < 1 || query->month > 12))
    ts_field_errors_add (ctx->errors, "month", N_("Must be a month from 2000-01 to 2100-12"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  l.filter.case_id = query->case_id;
  l.filter.host_id = query->host_id;
  if (query->month != 0)
    {
      l.filter.from = ts_date_new (query->year, query->month, 1);
      l.filter.to = ts_date_add_days (ts_date_add_months (l.filter.from, 1), -1);
    }
  l.after_id = query->after_id;
  l.limit = query->limit != 0 ? (guint) query->limit : TS_PLACEMENT_LIST_DEFAULT;

  page = g_new0 (TsPlacementPage, 1);
  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_placement_view_free);
  /* A host account lists its own host's placements; asking for another
   * host finds nothing, as if it had none. */
  if (ctx->role == TS_ROLE_HOST)
    {
      if (ctx->host_id <= 0 || (query->host_id != 0 && query->host_id != ctx->host_id))
        return g_steal_pointer (&page);
      l.filter.host_id = ctx->host_id;
    }
  if (!ts_store_read (ts_service_get_store (self), read_list, &l, error))
    return NULL;
  rows = l.rows;
  for (guint i = 0; i < rows->len && i < l.limit; i++)
    g_ptr_array_add (page->items, view_new (g_steal_pointer (&rows->pdata[i]), ctx));
  if (rows->len > l.limit)
    page->next_after_id = ((TsPlacementView *) page->items->pdata[l.limit - 1])->record->id;

  if (!ts_service_audit_read (self, ctx, "list_placements", "case", query->case_id, error))
    return NULL;
  return g_steal_pointer (&page);
}

/* ---- cancelling future days ------------------------------------------- */

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
  TsDate     from;
  TsDate     to;
  GArray    *cancelled;
} CancelWrite;

static gboolean
write_cancel (TsStore *store, gpointer user_data, GError **error)
{
  CancelWrite *w = user_data;
  g_autoptr(TsPlacementRecord) record = ts_store_placement_get (store, w->id, error);
  gint64 now = ts_service_now_unix ();

  if (record == NULL)
    return FALSE;
  w->cancelled = ts_store_placement_cancel_days (store, w->id, w->from, w->to,
                                                 w->ctx->user_id, now, error);
  if (w->cancelled == NULL)
    return FALSE;
  /* Cancelling what is already cancelled changes nothing: no new version,
   * no audit entry, the same answer. */
  if (w->cancelled->len == 0)
    return TRUE;
  if (!ts_store_placement_touch (store, w->id, now, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "cancel_days", "placement", w->id, error);
}

/* Only days after today: a day that has begun may have been worked, and is
 * settled by attendance (attended: false), not by cancelling.  Cancelled
 * days count neither for the cap nor for the host's capacity. */
TsPlacementView *
ts_service_placement_cancel_days (TsService *self, TsContext *ctx, gint64 id, TsDate from,
                                  TsDate to, GArray **out_cancelled, GError **error)
{
  TsDate today = ts_date_today ();
  CancelWrite w = { self, ctx, id, from, to, NULL };
  TsPlacementView *view;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (w.from == TS_DATE_NONE)
    w.from = ts_date_add_days (today, 1);
  else if (w.from <= today)
    ts_field_errors_add (ctx->errors, "from", N_("Only future days can be cancelled"));
  if (w.to == TS_DATE_NONE)
    w.to = ts_date_new (9999, 12, 31);
  else if (w.to <= today)
    ts_field_errors_add (ctx->errors, "to", N_("Only future days can be cancelled"));
  else if (w.to < w.from)
    ts_field_errors_add (ctx->errors, "to", N_("Must not be before from"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  if (!ts_store_write (ts_service_get_store (self), write_cancel, &w, error))
    {
      g_clear_pointer (&w.cancelled, g_array_unref);
      return NULL;
    }
  view = load_view (self, ctx, id, TRUE, error);
  if (view == NULL)
    {
      g_clear_pointer (&w.cancelled, g_array_unref);
      return NULL;
    }
  if (out_cancelled != NULL)
    *out_cancelled = g_steal_pointer (&w.cancelled);
  g_clear_pointer (&w.cancelled, g_array_unref);
  return view;
}

/* ---- recording the planned pre-interview as held ------------------------ */

typedef struct {
  TsService                 *service;
  TsContext                 *ctx;
  gint64                     id;
  const TsPreInterviewInput *input;
} PreInterviewWrite;

static gboolean
write_pre_interview (TsStore *store, gpointer user_data, GError **error)
{
  PreInterviewWrite *w = user_data;
  const TsPreInterviewInput *in = w->input;
  g_autoptr(TsPlacementRecord) record = ts_store_placement_get (store, w->id, error);
  g_auto(GStrv) attendees = NULL;
  TsPreInterviewCheck check;

  if (record == NULL)
    return FALSE;
  /* Now with the first day: on or before it, as at creation. */
  ts_pre_interview_check (in->held_on, in->attendees, in->attendees != NULL ? in->n_attendees : 0,
                          record->first_day, ts_date_today (), &check);
  report_pre_interview (w->ctx, &check, "", PRE_INTERVIEW_RECORD_HELD);
  if (!ts_field_errors_check (w->ctx->errors, error))
    return FALSE;
  attendees = attendees_strv (check.present);
  if (ts_pre_interview_is_held (record->pre_interview_held_on))
    {
      char buf[11];

      /* The same record again (a retried request) is not a change: no new
       * version, no audit entry, the same answer. */
      if (record->pre_interview_held_on == in->held_on &&
          g_strv_equal ((const char *const *) record->pre_interview_attendees,
                        (const char *const *) attendees))
        return TRUE;
      ts_date_format (record->pre_interview_held_on, buf);
      add_string_extra (w->ctx, "held_on", buf);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PRE_INTERVIEW_ALREADY_HELD,
                           N_("The pre-interview is already recorded as held, with other values"));
      return FALSE;
    }
  if (!ts_store_placement_set_pre_interview_held (store, w->id, in->held_on,
                                                  (const char *const *) attendees,
                                                  ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "record_pre_interview", "placement", w->id,
                           error);
}

TsPlacementView *
ts_service_placement_record_pre_interview (TsService *self, TsContext *ctx, gint64 id,
                                           const TsPreInterviewInput *input, GError **error)
{
  PreInterviewWrite w = { self, ctx, id, input };
  TsPreInterviewCheck check;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  /* What can be judged without the placement, before the transaction. */
  ts_pre_interview_check (input->held_on, input->attendees,
                          input->attendees != NULL ? input->n_attendees : 0, TS_DATE_NONE,
                          ts_date_today (), &check);
  report_pre_interview (ctx, &check, "", PRE_INTERVIEW_RECORD_HELD);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_pre_interview, &w, error))
    return NULL;
  return load_view (self, ctx, id, TRUE, error);
}

/* ---- attendance and the host's stipend ---------------------------------- */

typedef struct {
  TsService          *service;
  TsContext          *ctx;
  gint64              id;
  TsDate              date;
  gboolean            attended;
  TsAttendanceResult *out;
} AttendanceWrite;

/*
 * Pays (or takes back) the day's stipend so that the ledger's lines for the
 * day add up to what the day is worth now: the host_stipend_per_day_yen in
 * force on the day when attended (seed 002: 「受け入れ人数1人あたり1500円/日」),
 * nothing otherwise.  While the day's month is not issued the correction is
 * a host_stipend line of that month, so the month's statement shows the
 * value last set; once issued, an adjustment line that the next issued
 * month pays (SPEC 2.4: never an edit of a paid statement).
 */
static gboolean
settle_stipend (TsStore *store, AttendanceWrite *w, const TsPlacementRecord *record,
                const TsPlacementDay *day, GError **error)
{
  g_autoptr(GArray) rates = NULL;
  g_autoptr(GError) local = NULL;
  TsLedgerEntry entry = { 0 };
  TsStatementRun run;
  gboolean issued = FALSE;
  gint64 stipend = 0, paid = 0;
  int year, month;

  rates = ts_service_rate_sets (w->service, error);
  if (rates == NULL)
    return FALSE;
  if (ts_money_host_stipend ((const TsRateSet *) rates->data, rates->len, &day->date, 1,
                             &stipend) != TS_MONEY_OK)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL,
                           "The rate table cannot price a placement day");
      return FALSE;
    }
  w->out->stipend_yen = stipend;
  if (!ts_store_ledger_attendance_sum (store, day->id, &paid, NULL, error))
    return FALSE;
  entry.amount_yen = (w->attended ? stipend : 0) - paid;
  if (entry.amount_yen == 0)
    return TRUE;

  ts_date_get_ymd (day->date, &year, &month, NULL);
  g_snprintf (entry.earned_month, sizeof entry.earned_month, "%04d-%02d", year, month);
  if (!ts_store_statement_run_get (store, entry.earned_month, &run, &issued, &local) &&
      local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  entry.payee_type = TS_PAYEE_HOST;
  entry.payee_id = record->host_id;
  entry.kind = issued ? TS_LINE_ADJUSTMENT : TS_LINE_HOST_STIPEND;
  entry.adjusts = TS_LINE_HOST_STIPEND;
  entry.attendance_id = day->id;
  entry.earned_on = day->date;
  entry.created_at = ts_service_now_unix ();
  if (!ts_store_ledger_append (store, &entry, NULL, error))
    return FALSE;
  w->out->ledger_delta_yen = entry.amount_yen;
  w->out->adjustment = issued;
  return TRUE;
}

static gboolean
write_attendance (TsStore *store, gpointer user_data, GError **error)
{
  AttendanceWrite *w = user_data;
  g_autoptr(TsPlacementRecord) record = ts_store_placement_get (store, w->id, error);
  TsPlacementDay day;
  g_autoptr(GError) local = NULL;
  gint64 now = ts_service_now_unix ();

  if (record == NULL || !may_see (w->ctx, record, error))
    return FALSE;
  /* 「事前面談を行ったうえで…就労体験が可能となる」 (seed 002): before the
   * interview is held nobody attends, and the host is paid nothing. */
  if (!ts_pre_interview_is_held (record->pre_interview_held_on))
    {
      char buf[11];

      ts_date_format (record->pre_interview_planned_on, buf);
      add_string_extra (w->ctx, "pre_interview_planned_on", buf);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PRE_INTERVIEW_NOT_HELD,
                           N_("The pre-interview has not been held yet: record it as held first"));
      return FALSE;
    }
  if (!ts_store_placement_day_get (store, w->id, w->date, &day, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      ts_field_errors_add (w->ctx->errors, "date", N_("Not a day of this placement"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  if (day.cancelled_at != 0)
    {
      ts_field_errors_add (w->ctx->errors, "date", N_("This day was cancelled"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  w->out->date = day.date;
  w->out->previous = day.attended;
  w->out->attended = w->attended ? 1 : 0;
  w->out->recorded_at = day.recorded_at;
  /* The same value again is not a change: no ledger line, no new version,
   * no audit entry, the same answer. */
  if (day.attended == w->out->attended)
    return TRUE;
  if (!ts_store_placement_day_set_attended (store, day.id, w->attended, w->ctx->user_id, now,
                                            error) ||
      !settle_stipend (store, w, record, &day, error) ||
      !ts_store_placement_touch (store, w->id, now, error))
    return FALSE;
  w->out->recorded_at = now;
  return ts_service_audit (w->service, w->ctx, "record_attendance", "placement", w->id, error);
}

gboolean
ts_service_placement_attendance (TsService *self, TsContext *ctx, gint64 id, TsDate date,
                                 int attended, TsAttendanceResult *out, GError **error)
{
  AttendanceWrite w = { self, ctx, id, date, attended == 1, out };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->previous = -1;
  if (!is_staff (ctx) && ctx->role != TS_ROLE_HOST)
    return ts_service_require_staff (ctx, error);
  if (date == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "date", N_("Required"));
  else if (date > ts_date_today ())
    ts_field_errors_add (ctx->errors, "date", N_("Must not be in the future"));
  if (attended != 0 && attended != 1)
    ts_field_errors_add (ctx->errors, "attended", N_("Required"));
  if (!ts_field_errors_check (ctx->errors, error))
    return FALSE;
  return ts_store_write (ts_service_get_store (self), write_attendance, &w, error);
}

/* ---- the participant's summary ---------------------------------------- */

typedef struct {
  gint64     case_id;
  GPtrArray *placements;
} SummaryRead;

static gboolean
read_summary (TsStore *store, gpointer user_data, GError **error)
{
  SummaryRead *s = user_data;
  g_autoptr(GError) local = NULL;

  if (!ts_store_case_exists (store, s->case_id, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such case"));
      return FALSE;
    }
  s->placements = ts_store_placement_list_for_case (store, s->case_id, error);
  return s->placements != NULL;
}

static TsPlacementHostSummary *
host_entry (GArray *by_host, const TsPlacementRecord *p)
{
  guint i;
  TsPlacementHostSummary fresh = { p->host_id, NULL, 0, 0, 0, 0 };

  for (i = 0; i < by_host->len; i++)
    if (g_array_index (by_host, TsPlacementHostSummary, i).host_id == p->host_id)
      return &g_array_index (by_host, TsPlacementHostSummary, i);
  /* Keep the entries by host id. */
  for (i = 0; i < by_host->len; i++)
    if (g_array_index (by_host, TsPlacementHostSummary, i).host_id > p->host_id)
      break;
  fresh.host_name = g_strdup (p->host_name);
  g_array_insert_val (by_host, i, fresh);
  return &g_array_index (by_host, TsPlacementHostSummary, i);
}

/* Days used and remaining under the cap, by host and kind.  Staff only:
 * a host account never sees the participant's placements elsewhere. */
TsPlacementSummary *
ts_service_placement_summary (TsService *self, TsContext *ctx, gint64 case_id, GError **error)
{
  g_autoptr(TsPlacementSummary) summary = NULL;
  SummaryRead s = { case_id, NULL };
  TsPlacementRules rules;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_summary, &s, error))
    {
      g_clear_pointer (&s.placements, g_ptr_array_unref);
      return NULL;
    }
  ts_service_placement_rules (self, &rules);
  summary = g_new0 (TsPlacementSummary, 1);
  summary->case_id = case_id;
  summary->cap_days = rules.cap_days;
  summary->placements = s.placements;
  summary->by_host = g_array_new (FALSE, TRUE, sizeof (TsPlacementHostSummary));
  for (guint i = 0; i < s.placements->len; i++)
    {
      const TsPlacementRecord *p = s.placements->pdata[i];
      TsPlacementHostSummary *h = host_entry (summary->by_host, p);
      gboolean regular = g_strcmp0 (p->kind, "regular") == 0;

      summary->days_used += p->days_scheduled;
      summary->days_attended += p->days_attended;
      h->days_used += p->days_scheduled;
      h->days_attended += p->days_attended;
      if (regular)
        {
          summary->regular_days += p->days_scheduled;
          h->regular_days += p->days_scheduled;
        }
      else
        {
          summary->short_days += p->days_scheduled;
          h->short_days += p->days_scheduled;
        }
    }
  summary->days_remaining = ts_placement_cap_remaining (summary->days_used, &rules);
  if (!ts_service_audit_read (self, ctx, "read_placement_summary", "case", case_id, error))
    return NULL;
  return g_steal_pointer (&summary);
}
