/*
 * The 職親 host registry's use cases (SPEC 2.3, 3.2; issue 6).  The
 * lifecycle and who may do what are in service/hosts.h.
 */
#include "service/hosts.h"
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
ts_host_page_free (TsHostPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

void
ts_host_calendar_free (TsHostCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_clear_pointer (&calendar->days, g_array_unref);
  g_free (calendar);
}

static TsHostView *
view_new (TsHostRecord *record, TsContext *ctx)
{
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

/* The record, its surveys and its history from one snapshot. */
static TsHostView *
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  LoadOne l = { id, NULL, NULL, NULL };
  TsHostView *view;

  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error))
    {
      ts_host_record_free (l.record);
      g_clear_pointer (&l.surveys, g_ptr_array_unref);
      g_clear_pointer (&l.status_changes, g_ptr_array_unref);
      return NULL;
    }
  view = view_new (l.record, ctx);
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
  ts_context_add_extra (ctx, "current_status",
                        json_node_init_string (json_node_alloc (),
                                               ts_host_status_to_string (status)));
  g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION, message);
  return FALSE;
}

/* ---- validation ----------------------------------------------------- */

static const char *
too_long (glong max)
{
  switch (max)
    {
    case TS_HOST_NAME_MAX:
      return N_("Must be at most 100 characters");
    case TS_HOST_ADDRESS_MAX:
      return N_("Must be at most 200 characters");
    case TS_HOST_REASON_MAX:
      return N_("Must be at most 500 characters");
    case TS_HOST_NOTES_MAX:
    default:
      return N_("Must be at most 1000 characters");
    }
}

/* A text of 1 to @max characters without control characters (@multiline
 * allows line breaks); optional texts may be NULL (absent or cleared). */
static void
check_text (TsContext *ctx, const char *field, const char *text, gboolean required,
            glong max, gboolean multiline)
{
  ts_validate_text (ctx, field, text, required, max, multiline, too_long (max));
}

/* The HTTP layer reports values it could not read and leaves -1 (capacity)
 * or G_MAXUINT (weekdays) behind; those are not checked again. */
static void
check_draft (TsContext *ctx, const TsHostRecord *d, guint present, gboolean creating)
{
  if (creating || (present & TS_HOST_FIELD_NAME))
    check_text (ctx, "name", d->name, TRUE, TS_HOST_NAME_MAX, FALSE);
  if (creating || (present & TS_HOST_FIELD_MUNICIPALITY))
    ts_validate_municipality (ctx, "municipality_code", d->municipality_code);
  if (present & TS_HOST_FIELD_INDUSTRY)
    check_text (ctx, "industry", d->industry, FALSE, TS_HOST_INDUSTRY_MAX, FALSE);
  if (present & TS_HOST_FIELD_ADDRESS)
    check_text (ctx, "address", d->address, FALSE, TS_HOST_ADDRESS_MAX, FALSE);
  if (present & TS_HOST_FIELD_CONTACT_PERSON)
    check_text (ctx, "contact_person", d->contact_person, FALSE, TS_HOST_CONTACT_MAX, FALSE);
  if (present & TS_HOST_FIELD_NOTES)
    check_text (ctx, "notes", d->notes, FALSE, TS_HOST_NOTES_MAX, TRUE);
  if ((present & TS_HOST_FIELD_CAPACITY) && d->capacity_per_day != -1 &&
      (d->capacity_per_day < 1 || d->capacity_per_day > TS_HOST_CAPACITY_MAX))
    ts_field_errors_add (ctx->errors, "capacity_per_day", N_("Must be from 1 to 100"));
  if ((present & TS_HOST_FIELD_WEEKDAYS_OPEN) && d->weekdays_open != G_MAXUINT &&
      (d->weekdays_open & ~TS_WEEKDAYS_ALL) != 0)
    ts_field_errors_add (ctx->errors, "weekdays_open", N_("Each must be 1 (Monday) to 7 (Sunday)"));
}

static void
replace (char **slot, char *value)
{
  g_free (*slot);
  *slot = value;
}

static void
apply_draft (TsHostRecord *r, const TsHostRecord *d, guint present)
{
  if (present & TS_HOST_FIELD_NAME)
    replace (&r->name, ts_text_dup_trimmed (d->name));
  if (present & TS_HOST_FIELD_MUNICIPALITY)
    replace (&r->municipality_code, g_strdup (d->municipality_code));
  if (present & TS_HOST_FIELD_INDUSTRY)
    replace (&r->industry, ts_text_dup_trimmed (d->industry));
  if (present & TS_HOST_FIELD_ADDRESS)
    replace (&r->address, ts_text_dup_trimmed (d->address));
  if (present & TS_HOST_FIELD_CONTACT_PERSON)
    replace (&r->contact_person, ts_text_dup_trimmed (d->contact_person));
  if (present & TS_HOST_FIELD_NOTES)
    replace (&r->notes, ts_text_dup_trimmed (d->notes));
  if (present & TS_HOST_FIELD_CAPACITY)
    r->capacity_per_day = d->capacity_per_day;
  if (present & TS_HOST_FIELD_WEEKDAYS_OPEN)
    r->weekdays_open = d->weekdays_open;
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

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  check_draft (ctx, draft, present, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  record = ts_host_record_new ();
  apply_draft (record, draft, present | TS_HOST_FIELD_NAME | TS_HOST_FIELD_MUNICIPALITY);
  c.record = record;
  if (!ts_store_write (ts_service_get_store (self), write_create, &c, error))
    return NULL;
  return load_view (self, ctx, c.id, error);
}

/* ---- read ------------------------------------------------------------- */

TsHostView *
ts_service_host_get (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsHostView) view = NULL;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_host_check_access (ctx, id, error))
    return NULL;
  view = load_view (self, ctx, id, error);
  if (view == NULL)
    return NULL;
  /* A record names a contact person: the read is logged before it is
   * answered, as for supporters. */
  if (!ts_service_audit_read (self, ctx, "read", "host", id, error))
    return NULL;
  return g_steal_pointer (&view);
}

typedef struct {
  TsHostFilter filter;
  gint64       after_id;
  guint        limit;
  GPtrArray   *rows;
} ListRead;

static gboolean
read_list (TsStore *store, gpointer user_data, GError **error)
{
  ListRead *l = user_data;

  /* One more than shown tells whether a next page exists. */
  l->rows = ts_store_host_list (store, &l->filter, l->after_id, l->limit + 1, error);
  return l->rows != NULL;
}

TsHostPage *
ts_service_host_list (TsService *self, TsContext *ctx, const TsHostQuery *query,
                      GError **error)
{
  g_autoptr(TsHostPage) page = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ListRead l = { { 0 }, 0, 0, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (ctx->role != TS_ROLE_HOST && !ts_service_require_staff (ctx, error))
    return NULL;
  if (query->limit != 0 && (query->limit < 1 || query->limit > TS_HOST_LIST_MAX))
    ts_field_errors_add (ctx->errors, "limit", N_("Must be from 1 to 200"));
  if (query->after_id < 0)
    ts_field_errors_add (ctx->errors, "cursor", N_("Not a cursor this service gave out"));
  if (query->municipality_code != NULL)
    ts_validate_municipality (ctx, "municipality_code", query->municipality_code);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  l.filter.has_status = query->has_status;
  l.filter.status = query->status;
  l.filter.municipality_code = query->municipality_code;
  /* A host account's list is its own record. */
  if (ctx->role == TS_ROLE_HOST)
    l.filter.only_id = ctx->host_id > 0 ? ctx->host_id : G_MAXINT64;
  l.after_id = query->after_id;
  l.limit = query->limit != 0 ? (guint) query->limit : TS_HOST_LIST_DEFAULT;
  if (!ts_store_read (ts_service_get_store (self), read_list, &l, error))
    return NULL;
  rows = l.rows;

  page = g_new0 (TsHostPage, 1);
  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_host_view_free);
  for (guint i = 0; i < rows->len && i < l.limit; i++)
    g_ptr_array_add (page->items, view_new (g_steal_pointer (&rows->pdata[i]), ctx));
  if (rows->len > l.limit)
    page->next_after_id = ((TsHostView *) page->items->pdata[l.limit - 1])->record->id;

  if (!ts_service_audit_read (self, ctx, "list", "host", 0, error))
    return NULL;
  return g_steal_pointer (&page);
}

/* ---- update ----------------------------------------------------------- */

typedef struct {
  TsService          *service;
  TsContext          *ctx;
  gint64              id;
  const TsHostRecord *draft;
  guint               present;
  const gint64       *if_match;
  guint               n_if_match;
} UpdateWrite;

/* A lower capacity or fewer open weekdays apply to new placements; days
 * already scheduled stay (the coordinator cancels them if need be). */
static gboolean
write_update (TsStore *store, gpointer user_data, GError **error)
{
  UpdateWrite *u = user_data;
  g_autoptr(TsHostRecord) record = ts_store_host_get (store, u->id, error);
  gint64 expected;

  if (record == NULL)
    return FALSE;
  expected = record->version;
  if (!ts_service_version_matches (record->version, u->if_match, u->n_if_match))
    expected = u->if_match[0];
  if (expected == record->version && record->status == TS_HOST_RETIRED)
    return invalid_transition (u->ctx, record->status, N_("A retired host cannot be changed"),
                               error);
  apply_draft (record, u->draft, u->present);
  if (!ts_store_host_update (store, record, expected, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (u->service, u->ctx, "update", "host", u->id, error);
}

TsHostView *
ts_service_host_update (TsService *self, TsContext *ctx, gint64 id, const TsHostRecord *draft,
                        guint present, const gint64 *if_match, guint n_if_match,
                        GError **error)
{
  UpdateWrite u = { self, ctx, id, draft, present, if_match, n_if_match };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (if_match != NULL || n_if_match == 0, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  check_draft (ctx, draft, present, FALSE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_update, &u, error))
    return NULL;
  return load_view (self, ctx, id, error);
}

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

  if (record == NULL)
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
    check_text (ctx, "notes", input->notes, FALSE, TS_HOST_NOTES_MAX, TRUE);
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

  if (record == NULL)
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
    check_text (ctx, "reason", reason, FALSE, TS_HOST_REASON_MAX, TRUE);
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
  if (c->record == NULL)
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
  CalendarRead c = { id, TS_DATE_NONE, TS_DATE_NONE, NULL, NULL };
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
