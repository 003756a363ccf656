/*
 * The 職親 host registry's use cases (SPEC 2.3, 3.2; issue 6).  The
 * lifecycle and who may do what are in service/hosts.h.
 */
#include "service/hosts.h"
#include "service/resource.h"
#include "store/hosts.h"
#include "service/validate.h"

#include "core/i18n.h"
#include "domain/holidays.h"
#include "domain/municipality.h"
#include "domain/placement.h"
#include "service/supporters.h"
#include "store/placements.h"

/* Earlier dates are typing mistakes (0202 for 2022). */
#define EARLIEST_YEAR 2000

/* ---- views ---------------------------------------------------------- */

void
ts_host_view_free (TsHostView *view)
{
  if (view == NULL)
    return;
  ts_host_record_free (view->record);
  g_free (view->municipality_name);
  g_clear_pointer (&view->surveys, g_ptr_array_unref);
  g_clear_pointer (&view->status_changes, g_ptr_array_unref);
  g_free (view);
}

void
ts_host_calendar_free (TsHostCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_clear_pointer (&calendar->days, g_array_unref);
  g_free (calendar);
}

static gpointer
view_new (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer data)
{
  TsHostRecord *record = data;
  TsHostView *view = g_new0 (TsHostView, 1);

  view->record = record;
  view->municipality_name = ts_service_municipality_name (record->municipality_code,
                                                          &view->prefecture_name);
  view->own = ctx != NULL && ctx->role == TS_ROLE_HOST;
  return view;
}

typedef struct {
  gint64        id;
  TsHostRecord *record;
  GPtrArray    *surveys;
  GPtrArray    *status_changes;
} LoadOne;

static gboolean
read_one (TsStore *store, gpointer user_data, GError **error)
{
  LoadOne *l = user_data;

  l->record = ts_store_host_get (store, l->id, error);
  if (l->record == NULL)
    return FALSE;
  l->surveys = ts_store_host_surveys (store, l->id, error);
  if (l->surveys == NULL)
    return FALSE;
  l->status_changes = ts_store_host_status_changes (store, l->id, error);
  return l->status_changes != NULL;
}

/* A host of an organisation outside the caller's scope is "No such host",
 * exactly as a missing one (SPEC 2.6); a host account always sees itself. */
static gboolean
host_in_scope (TsContext *ctx, const TsHostRecord *record, GError **error)
{
  if (ctx->role == TS_ROLE_HOST && ctx->host_id > 0 && ctx->host_id == record->id)
    return TRUE;
  return ts_service_check_scope (ctx, &ts_host_resource, record, error);
}

/* The record, its surveys and its history from one snapshot. */
static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  LoadOne l = { id, NULL, NULL, NULL };
  TsHostView *view;

  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error) ||
      !host_in_scope (ctx, l.record, error))
    {
      ts_host_record_free (l.record);
      g_clear_pointer (&l.surveys, g_ptr_array_unref);
      g_clear_pointer (&l.status_changes, g_ptr_array_unref);
      return NULL;
    }
  view = view_new (self, ctx, l.record);
  view->surveys = l.surveys;
  view->status_changes = l.status_changes;
  return view;
}

/* ---- who may do what ------------------------------------------------ */

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such host"));
}

/* A host account reaches its own host only; to it every other id is "not
 * found", so that it cannot probe which businesses take part. */
gboolean
ts_service_host_check_access (TsContext *ctx, gint64 host_id, GError **error)
{
  if ((ctx->role & TS_ROLE_STAFF) != 0)
    return TRUE;
  if (ctx->role == TS_ROLE_HOST && ctx->host_id > 0 && ctx->host_id == host_id)
    return TRUE;
  if (ctx->role == TS_ROLE_HOST)
    set_not_found (error);
  else
    g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
  return FALSE;
}

static gboolean
invalid_transition (TsContext *ctx, TsHostStatus status, const char *message, GError **error)
{
  return ts_service_invalid_transition (ctx, ts_host_status_to_string (status), message, error);
}

/* ---- create ----------------------------------------------------------- */

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  TsHostRecord *record;
  gint64        id;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *c = user_data;

  c->record->organisation_id = ts_service_caller_organisation (c->ctx);
  if (!ts_store_host_insert (store, c->record, ts_service_now_unix (), &c->id, error))
    return FALSE;
  return ts_service_audit (c->service, c->ctx, "create", "host", c->id, error);
}

/* A new host is an application (申込書): status applied, whatever the body
 * says; the survey decides the rest. */
TsHostView *
ts_service_host_create (TsService *self, TsContext *ctx, const TsHostRecord *draft,
                        guint present, GError **error)
{
  g_autoptr(TsHostRecord) record = NULL;
  CreateWrite c = { self, ctx, NULL, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_check_draft (self, ctx, &ts_host_ops, draft, present, TRUE, error))
    return NULL;

  record = ts_host_record_new ();
  ts_record_apply (&ts_host_resource, record, draft,
                   present | TS_HOST_FIELD_NAME | TS_HOST_FIELD_MUNICIPALITY);
  c.record = record;
  if (!ts_store_write (ts_service_get_store (self), write_create, &c, error))
    return NULL;
  return load_view (self, ctx, c.id, error);
}

/* ---- list, read and update (service/resource.h) ---------------------- */

static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  TsHostQuery *q = query;

  if (ctx->role != TS_ROLE_HOST && !ts_service_require_staff (ctx, error))
    return FALSE;
  /* A host account's list is its own record. */
  if (ctx->role == TS_ROLE_HOST)
    q->only_id = ts_service_own_filter (ctx->host_id);
  return TRUE;
}

/* A closed record is final; the 412 of a stale copy comes first. */
static gboolean
check_update (TsContext *ctx, gconstpointer record, GError **error)
{
  const TsHostRecord *r = record;

  if (r->status == TS_HOST_RETIRED)
    return invalid_transition (ctx, r->status, N_("A retired host cannot be changed"), error);
  return TRUE;
}

/* A lower capacity or fewer open weekdays apply to new placements; days
 * already scheduled stay (the coordinator cancels them if need be). */
const TsResourceOps ts_host_ops = {
  .resource = &ts_host_resource,
  .check_list = check_list,
  .check_read = ts_service_host_check_access,
  .list_rows = (TsListRowsFunc) ts_store_host_list,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_host_view_free,
  .check_update = check_update,
  .fetch = (TsFetchFunc) ts_store_host_get,
  .save = (TsSaveFunc) ts_store_host_update,
  .record_free = (GDestroyNotify) ts_host_record_free,
};

/* ---- survey and status ------------------------------------------------ */

typedef struct {
  TsService               *service;
  TsContext               *ctx;
  gint64                   id;
  const TsHostSurveyInput *input;
  gboolean                 approved;
  char                    *notes;
} SurveyWrite;

static gboolean
change_status (TsStore *store, TsContext *ctx, TsHostRecord *record, TsHostStatus to,
               TsDate on, const char *reason, gint64 now, GError **error)
{
  TsHostStatus from = record->status;

  record->status = to;
  return ts_store_host_status_change_insert (store, record->id, from, to, on, reason,
                                             ctx->user_id, now, error);
}

/* 事前訪問調査: an approved survey registers the business in the same
 * transaction (the history shows both steps, on the survey's date); a
 * rejected one leaves it rejected, and it may apply and be surveyed again. */
static gboolean
write_survey (TsStore *store, gpointer user_data, GError **error)
{
  SurveyWrite *w = user_data;
  g_autoptr(TsHostRecord) record = ts_store_host_get (store, w->id, error);
  TsDate on = w->input->surveyed_on;
  gint64 now = ts_service_now_unix ();

  if (record == NULL || !host_in_scope (w->ctx, record, error))
    return FALSE;
  if (record->status != TS_HOST_APPLIED && record->status != TS_HOST_SURVEYED &&
      record->status != TS_HOST_REJECTED)
    return invalid_transition (w->ctx, record->status,
                               N_("Only an applying or rejected host can be surveyed"), error);
  if (!ts_store_host_survey_insert (store, w->id, on, w->approved, w->notes,
                                    w->ctx->user_id, now, error))
    return FALSE;
  if (w->approved)
    {
      if (record->status != TS_HOST_SURVEYED &&
          !change_status (store, w->ctx, record, TS_HOST_SURVEYED, on, NULL, now, error))
        return FALSE;
      if (!change_status (store, w->ctx, record, TS_HOST_REGISTERED, on, NULL, now, error))
        return FALSE;
      record->registered_on = on;
    }
  else if (record->status != TS_HOST_REJECTED &&
           !change_status (store, w->ctx, record, TS_HOST_REJECTED, on, NULL, now, error))
    return FALSE;
  if (!ts_store_host_update (store, record, record->version, now, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "survey", "host", w->id, error);
}

TsHostView *
ts_service_host_survey (TsService *self, TsContext *ctx, gint64 id,
                        const TsHostSurveyInput *input, GError **error)
{
  g_autofree char *notes = NULL;
  SurveyWrite w = { self, ctx, id, input, FALSE, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (input->surveyed_on == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "surveyed_on", N_("Required"));
  else if (input->surveyed_on > ts_date_today ())
    ts_field_errors_add (ctx->errors, "surveyed_on", N_("Must not be in the future"));
  else if (ts_date_get_year (input->surveyed_on) < EARLIEST_YEAR)
    ts_field_errors_add (ctx->errors, "surveyed_on", N_("Must not be before 2000"));
  if (input->result == NULL)
    ts_field_errors_add (ctx->errors, "result", N_("Required"));
  else if (!g_str_equal (input->result, "approved") && !g_str_equal (input->result, "rejected"))
    ts_field_errors_add (ctx->errors, "result", N_("Must be approved or rejected"));
  if (input->notes != NULL)
    ts_validate_text (ctx, "notes", input->notes, FALSE, TS_HOST_NOTES_MAX, TRUE,
                      ts_too_long_message (TS_HOST_NOTES_MAX));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  notes = ts_text_dup_trimmed (input->notes);
  w.notes = notes;
  w.approved = g_str_equal (input->result, "approved");
  if (!ts_store_write (ts_service_get_store (self), write_survey, &w, error))
    return NULL;
  return load_view (self, ctx, id, error);
}

typedef struct {
  TsService  *service;
  TsContext  *ctx;
  gint64      id;
  const char *action;
  char       *reason;
} StatusWrite;

static gboolean
write_status (TsStore *store, gpointer user_data, GError **error)
{
  StatusWrite *w = user_data;
  g_autoptr(TsHostRecord) record = ts_store_host_get (store, w->id, error);
  TsDate today = ts_date_today ();
  gint64 now = ts_service_now_unix ();
  TsHostStatus to;

  if (record == NULL || !host_in_scope (w->ctx, record, error))
    return FALSE;
  if (g_str_equal (w->action, "suspend"))
    {
      if (record->status != TS_HOST_REGISTERED)
        return invalid_transition (w->ctx, record->status,
                                   N_("Only a registered host can be suspended"), error);
      to = TS_HOST_SUSPENDED;
    }
  else if (g_str_equal (w->action, "reinstate"))
    {
      if (record->status != TS_HOST_SUSPENDED)
        return invalid_transition (w->ctx, record->status,
                                   N_("Only a suspended host can be reinstated"), error);
      to = TS_HOST_REGISTERED;
    }
  else
    {
      gint64 future;

      if (record->status == TS_HOST_RETIRED)
        return invalid_transition (w->ctx, record->status, N_("The host is already retired"),
                                   error);
      /* Retiring must not drop a participant's agreed days silently:
       * the coordinator cancels them first (and tells the participant). */
      future = ts_store_placement_host_future_days (store, w->id, today, error);
      if (future < 0)
        return FALSE;
      if (future > 0)
        {
          ts_context_add_extra (w->ctx, "future_days",
                                json_node_init_int (json_node_alloc (), future));
          return invalid_transition (w->ctx, record->status,
                                     N_("The host still has future placement days; cancel them first"),
                                     error);
        }
      to = TS_HOST_RETIRED;
    }
  if (!change_status (store, w->ctx, record, to, today, w->reason, now, error))
    return FALSE;
  if (!ts_store_host_update (store, record, record->version, now, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, w->action, "host", w->id, error);
}

TsHostView *
ts_service_host_set_status (TsService *self, TsContext *ctx, gint64 id, const char *action,
                            const char *reason, GError **error)
{
  g_autofree char *trimmed = NULL;
  StatusWrite w = { self, ctx, id, action, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (g_strcmp0 (action, "suspend") == 0 ||
                        g_strcmp0 (action, "reinstate") == 0 ||
                        g_strcmp0 (action, "retire") == 0, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (reason != NULL)
    ts_validate_text (ctx, "reason", reason, FALSE, TS_HOST_REASON_MAX, TRUE,
                      ts_too_long_message (TS_HOST_REASON_MAX));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  trimmed = ts_text_dup_trimmed (reason);
  w.reason = trimmed;
  if (!ts_store_write (ts_service_get_store (self), write_status, &w, error))
    return NULL;
  return load_view (self, ctx, id, error);
}

/* ---- calendar --------------------------------------------------------- */

typedef struct {
  TsContext    *ctx;
  gint64        id;
  TsDate        first;
  TsDate        last;
  TsHostRecord *record;
  GArray       *load;
} CalendarRead;

static gboolean
read_calendar (TsStore *store, gpointer user_data, GError **error)
{
  CalendarRead *c = user_data;

  c->record = ts_store_host_get (store, c->id, error);
  if (c->record == NULL || !host_in_scope (c->ctx, c->record, error))
    return FALSE;
  c->load = ts_store_placement_host_load (store, c->id, c->first, c->last, error);
  return c->load != NULL;
}

/* Participants per day against capacity: counts only, which is why an
 * auditor may read it too. */
TsHostCalendar *
ts_service_host_calendar (TsService *self, TsContext *ctx, gint64 id, int year, int month,
                          GError **error)
{
  g_autoptr(TsHostRecord) record = NULL;
  g_autoptr(GArray) load = NULL;
  TsHostCalendar *calendar;
  CalendarRead c = { ctx, id, TS_DATE_NONE, TS_DATE_NONE, NULL, NULL };
  guint next = 0;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (ctx->role != TS_ROLE_AUDITOR && !ts_service_host_check_access (ctx, id, error))
    return NULL;
  if (year < EARLIEST_YEAR || year > 2100 || month < 1 || month > 12)
    {
      ts_field_errors_add (ctx->errors, "month", N_("Must be a month from 2000-01 to 2100-12"));
      ts_field_errors_check (ctx->errors, error);
      return NULL;
    }
  c.first = ts_date_new (year, month, 1);
  c.last = ts_date_add_days (ts_date_add_months (c.first, 1), -1);
  if (!ts_store_read (ts_service_get_store (self), read_calendar, &c, error))
    {
      ts_host_record_free (c.record);
      g_clear_pointer (&c.load, g_array_unref);
      return NULL;
    }
  record = c.record;
  load = c.load;

  calendar = g_new0 (TsHostCalendar, 1);
  calendar->host_id = id;
  calendar->year = year;
  calendar->month = month;
  calendar->capacity_per_day = record->capacity_per_day;
  calendar->weekdays_open = record->weekdays_open;
  calendar->days = g_array_new (FALSE, TRUE, sizeof (TsHostCalendarDay));
  for (TsDate d = c.first; d <= c.last; d++)
    {
      TsHostCalendarDay day = { d, 0, 0, FALSE, NULL };

      if (next < load->len && g_array_index (load, TsPlacementDayLoad, next).date == d)
        {
          day.scheduled = g_array_index (load, TsPlacementDayLoad, next).scheduled;
          day.attended = g_array_index (load, TsPlacementDayLoad, next).attended;
          next++;
        }
      day.open = (record->weekdays_open & TS_WEEKDAY_BIT (ts_date_get_weekday (d))) != 0;
      day.holiday_name = ts_holiday_name (d);
      g_array_append_val (calendar->days, day);
    }
  return calendar;
}
