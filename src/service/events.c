/*
 * Events: create (one or a series), list, read, update, cancel, attendance
 * and the statistics hook.  The rules are in events.h; registrations,
 * slots and bookings are in events-bookings.c.
 */
#include "service/events.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/fiscal.h"
#include "domain/money.h"
#include "model/supporter.h"
#include "service/notices.h"
#include "service/rates.h"
#include "service/statements.h"
#include "service/validate.h"
#include "store/events.h"
#include "store/supporters.h"

void
ts_event_view_free (TsEventView *view)
{
  if (view == NULL)
    return;
  ts_event_record_free (view->record);
  g_clear_pointer (&view->staff, g_array_unref);
  g_clear_pointer (&view->series, g_ptr_array_unref);
  g_free (view);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such event"));
}

TsEventRecord *
ts_service_event_fetch_for_staff (TsStore *store, TsContext *ctx, gint64 id, gboolean scheduled,
                                  GError **error)
{
  g_autoptr(TsEventRecord) record = NULL;

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  record = ts_store_event_get (store, id, error);
  if (record == NULL || !ts_service_check_scope (ctx, &ts_event_resource, record, error))
    return NULL;
  if (scheduled && record->status == TS_EVENT_CANCELLED)
    {
      ts_service_invalid_transition (ctx, "cancelled", N_("The event is cancelled"), error);
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* ---- checks ------------------------------------------------------------------ */

static void
check_custom (TsContext *ctx, const TsEventRecord *draft, guint present, gboolean creating)
{
  /* The generic checks leave required enums and custom members to us. */
  if (creating && (present & TS_EVENT_FIELD_KIND) == 0 && !ts_field_errors_has (ctx->errors, "kind"))
    ts_field_errors_add (ctx->errors, "kind", N_("Required"));
  if (creating && (present & TS_EVENT_FIELD_START) == 0 && !ts_field_errors_has (ctx->errors, "start"))
    ts_field_errors_add (ctx->errors, "start", N_("Required"));
  if ((present & TS_EVENT_FIELD_DATE) != 0 && draft->date != TS_DATE_NONE &&
      !ts_field_errors_has (ctx->errors, "date") &&
      ts_date_get_year (draft->date) < TS_EVENT_EARLIEST_YEAR)
    ts_field_errors_add (ctx->errors, "date", N_("Must not be before 2000"));
  if ((present & TS_EVENT_FIELD_CAPACITY) != 0 && draft->capacity != 0 &&
      !ts_field_errors_has (ctx->errors, "capacity") &&
      (draft->capacity < 1 || draft->capacity > TS_EVENT_CAPACITY_MAX))
    ts_field_errors_add (ctx->errors, "capacity", ts_range_message (1, TS_EVENT_CAPACITY_MAX));
  if ((present & TS_EVENT_FIELD_START) != 0 && !ts_field_errors_has (ctx->errors, "minutes") &&
      !ts_field_errors_has (ctx->errors, "start") && (present & TS_EVENT_FIELD_MINUTES) != 0 &&
      draft->start_min + draft->minutes > 24 * 60)
    ts_field_errors_add (ctx->errors, "minutes", N_("Must end on the same day"));
}

static void
check_repeat (TsContext *ctx, const TsEventRecord *draft, guint present)
{
  const TsEventRepeat *r = &draft->repeat;

  if ((present & TS_EVENT_FIELD_REPEAT) == 0 || ts_field_errors_has (ctx->errors, "repeat"))
    return;
  if (r->count < 2 || r->count > TS_EVENT_SERIES_MAX)
    ts_field_errors_add (ctx->errors, "repeat.count", ts_range_message (2, TS_EVENT_SERIES_MAX));
  if (r->nth != 0 && r->nth != -1 && (r->nth < 1 || r->nth > 5))
    ts_field_errors_add (ctx->errors, "repeat.nth", N_("Must be 1 to 5, or -1 for the last"));
  if (r->weekday != 0 && (r->weekday < 1 || r->weekday > 7))
    ts_field_errors_add (ctx->errors, "repeat.weekday", ts_range_message (1, 7));
}

static void
check_draft (G_GNUC_UNUSED TsService *self, TsContext *ctx, gconstpointer data, guint present,
             gboolean creating)
{
  check_custom (ctx, data, present, creating);
  /* A series and the planned staff are made with the event only. */
  if (!creating && (present & TS_EVENT_FIELD_REPEAT) != 0 && !ts_field_errors_has (ctx->errors, "repeat"))
    ts_field_errors_add (ctx->errors, "repeat", N_("Only when the event is created"));
  if (!creating && (present & TS_EVENT_FIELD_STAFF) != 0 &&
      !ts_field_errors_has (ctx->errors, "supporter_ids"))
    ts_field_errors_add (ctx->errors, "supporter_ids", N_("Only when the event is created"));
}

/* ---- series ------------------------------------------------------------------ */

static int
days_in_month (int y, int m)
{
  TsDate first = ts_date_new (y, m, 1);

  return (int) (ts_date_add_months (first, 1) - first);
}

/* The @nth (-1: last) ISO @weekday of month @y-@m, TS_DATE_NONE when the
 * month has none (a fifth Thursday). */
static TsDate
nth_weekday (int y, int m, int nth, int weekday)
{
  int n_days = days_in_month (y, m);
  int day;

  if (nth == -1)
    {
      int last_wd = ts_date_get_weekday (ts_date_new (y, m, n_days));
      day = n_days - (last_wd - weekday + 7) % 7;
    }
  else
    {
      int first_wd = ts_date_get_weekday (ts_date_new (y, m, 1));
      day = 1 + (weekday - first_wd + 7) % 7 + 7 * (nth - 1);
      if (day > n_days)
        return TS_DATE_NONE;
    }
  return ts_date_new (y, m, day);
}

/* The dates of a series: the rule's dates from the first date's month on,
 * not before it, @count of them. */
static GArray *
series_dates (TsDate first, const TsEventRepeat *r)
{
  GArray *dates = g_array_new (FALSE, FALSE, sizeof (TsDate));
  int y, m, d;
  int nth = r->nth != 0 ? r->nth : 0;
  int weekday = r->weekday != 0 ? r->weekday : ts_date_get_weekday (first);

  ts_date_get_ymd (first, &y, &m, &d);
  if (nth == 0)
    nth = (d - 1) / 7 + 1;
  for (int i = 0; (int) dates->len < r->count && i < 5 * r->count + 2; i++)
    {
      TsDate date = nth_weekday (y, m, nth, weekday);

      if (date != TS_DATE_NONE && date >= first)
        g_array_append_val (dates, date);
      if (++m > 12)
        {
          m = 1;
          y++;
        }
    }
  return dates;
}

/* ---- create ------------------------------------------------------------------ */

/* Each named supporter must be in the caller's scope: another
 * organisation's is "No such supporter", as a missing one. */
static gboolean
check_supporters (TsStore *store, TsContext *ctx, const GArray *ids, GError **error)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(TsSupporterRecord) s = ts_store_supporter_get (store, g_array_index (ids, gint64, i),
                                                               error);

      if (s == NULL || !ts_service_check_scope (ctx, &ts_supporter_resource, s, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  TsService           *service;
  TsContext           *ctx;
  const TsEventRecord *draft;
  GArray              *dates;
  GArray              *ids;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  g_autoptr(TsEventRecord) record = ts_event_record_new ();
  gint64 now = ts_service_now_unix ();

  if (!check_supporters (store, w->ctx, w->draft->supporter_ids, error))
    return FALSE;
  ts_record_apply (&ts_event_resource, record, w->draft,
                   TS_EVENT_FIELD_KIND | TS_EVENT_FIELD_TITLE | TS_EVENT_FIELD_DATE |
                   TS_EVENT_FIELD_MINUTES | TS_EVENT_FIELD_PLACE | TS_EVENT_FIELD_MUNICIPALITY);
  record->start_min = w->draft->start_min;
  record->capacity = w->draft->capacity;
  record->organisation_id = ts_service_caller_organisation (w->ctx);
  record->user_id = w->ctx->user_id;
  for (guint i = 0; i < w->dates->len; i++)
    {
      gint64 id = 0;

      record->date = g_array_index (w->dates, TsDate, i);
      if (!ts_store_event_insert (store, record, now, &id, error))
        return FALSE;
      if (w->dates->len > 1 && i == 0)
        {
          record->series_id = id;
          if (!ts_store_event_set_series (store, id, id, error))
            return FALSE;
        }
      for (guint j = 0; w->draft->supporter_ids != NULL && j < w->draft->supporter_ids->len; j++)
        if (!ts_store_event_staff_set (store, id, g_array_index (w->draft->supporter_ids, gint64, j),
                                       FALSE, 0, NULL, error))
          return FALSE;
      if (!ts_service_audit (w->service, w->ctx, "create", "event", id, error))
        return FALSE;
      g_array_append_val (w->ids, id);
    }
  return TRUE;
}

static gpointer load_view (TsService *self, TsContext *ctx, gint64 id, GError **error);

TsEventView *
ts_service_event_create (TsService *self, TsContext *ctx, const TsEventRecord *draft,
                         guint present, GError **error)
{
  g_autoptr(GArray) dates = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CreateWrite w = { self, ctx, draft, NULL, ids };
  TsEventView *view;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  ts_service_check_fields (ctx, &ts_event_resource, draft, present, TRUE);
  check_custom (ctx, draft, present, TRUE);
  check_repeat (ctx, draft, present);
  if (draft->supporter_ids != NULL && draft->supporter_ids->len > TS_EVENT_STAFF_MAX &&
      !ts_field_errors_has (ctx->errors, "supporter_ids"))
    ts_field_errors_add (ctx->errors, "supporter_ids", ts_range_message (0, TS_EVENT_STAFF_MAX));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  if ((present & TS_EVENT_FIELD_REPEAT) != 0)
    dates = series_dates (draft->date, &draft->repeat);
  else
    {
      dates = g_array_new (FALSE, FALSE, sizeof (TsDate));
      g_array_append_val (dates, draft->date);
    }
  w.dates = dates;
  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  view = load_view (self, ctx, g_array_index (ids, gint64, 0), error);
  if (view != NULL && ids->len > 1)
    {
      view->series = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_event_record_free);
      for (guint i = 0; i < ids->len; i++)
        {
          TsEventRecord *r = ts_store_event_get (ts_service_get_store (self),
                                                 g_array_index (ids, gint64, i), error);
          if (r == NULL)
            {
              ts_event_view_free (view);
              return NULL;
            }
          g_ptr_array_add (view->series, r);
        }
    }
  return view;
}

/* ---- list, read, update (service/resource.h) --------------------------------- */

static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  TsEventQuery *q = query;

  /* A supporter lists the events it staffs, whichever organisation holds
   * them. */
  if (ctx->role == TS_ROLE_SUPPORTER)
    q->staff_supporter_id = ts_service_own_filter (ctx->supporter_id);
  else if (!ts_service_require_staff (ctx, error))
    return FALSE;
  ts_validate_date_range (ctx, q->from, q->to);
  return TRUE;
}

TS_DEFINE_VIEW_NEW (view_new, TsEventView)

typedef struct {
  gint64       id;
  TsEventView *view;
} LoadOne;

static gboolean
read_one (TsStore *store, gpointer user_data, GError **error)
{
  LoadOne *l = user_data;
  TsEventRecord *record = ts_store_event_get (store, l->id, error);

  if (record == NULL)
    return FALSE;
  l->view = view_new (NULL, NULL, record);
  l->view->staff = ts_store_event_staff (store, l->id, error);
  return l->view->staff != NULL &&
         ts_store_event_counts_get (store, l->id, &l->view->counts, error) &&
         ts_store_registration_count (store, l->id, TS_REGISTRATION_CONFIRMED,
                                      &l->view->confirmed, error) &&
         ts_store_registration_count (store, l->id, TS_REGISTRATION_WAITING, &l->view->waiting,
                                      error);
}

static gboolean
staffs (const TsEventView *view, gint64 supporter_id)
{
  for (guint i = 0; supporter_id > 0 && view->staff != NULL && i < view->staff->len; i++)
    if (g_array_index (view->staff, TsEventStaff, i).supporter_id == supporter_id)
      return TRUE;
  return FALSE;
}

static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  LoadOne l = { id, NULL };

  if (!ts_store_read (ts_service_get_store (self), read_one, &l, error))
    {
      ts_event_view_free (l.view);
      return NULL;
    }
  /* A supporter reads the events it staffs; any other is "No such
   * event". */
  if (ctx->role == TS_ROLE_SUPPORTER && !staffs (l.view, ctx->supporter_id))
    {
      ts_event_view_free (l.view);
      set_not_found (error);
      return NULL;
    }
  /* A supporter sees its own row of the staff, not what others were paid. */
  if (ctx->role == TS_ROLE_SUPPORTER)
    for (guint i = l.view->staff->len; i > 0; i--)
      if (g_array_index (l.view->staff, TsEventStaff, i - 1).supporter_id != ctx->supporter_id)
        g_array_remove_index (l.view->staff, i - 1);
  return l.view;
}

static gboolean
check_update (TsContext *ctx, gconstpointer data, GError **error)
{
  const TsEventRecord *r = data;

  if (r->status == TS_EVENT_CANCELLED)
    return ts_service_invalid_transition (ctx, "cancelled",
                                          N_("A cancelled event cannot be changed"), error);
  return TRUE;
}

static void
apply_custom (gpointer data, gconstpointer draft_data, guint present)
{
  TsEventRecord *record = data;
  const TsEventRecord *draft = draft_data;

  if (present & TS_EVENT_FIELD_START)
    record->start_min = draft->start_min;
  if (present & TS_EVENT_FIELD_CAPACITY)
    record->capacity = draft->capacity;
}

const TsResourceOps ts_event_ops = {
  .resource = &ts_event_resource,
  .check_list = check_list,
  .check_read = ts_service_check_read_staff_or_supporter,
  .list_rows = (TsListRowsFunc) ts_store_event_list,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_event_view_free,
  .check_draft = check_draft,
  .check_update = check_update,
  .fetch = (TsFetchFunc) ts_store_event_get,
  .save = (TsSaveFunc) ts_store_event_update,
  .record_free = (GDestroyNotify) ts_event_record_free,
  .apply_custom = apply_custom,
};

/* ---- cancel ------------------------------------------------------------------ */

typedef struct {
  TsService  *service;
  TsContext  *ctx;
  gint64      id;
  const char *reason;
} CancelWrite;

static gboolean
write_cancel (TsStore *store, gpointer user_data, GError **error)
{
  CancelWrite *w = user_data;
  g_autoptr(TsEventRecord) record = ts_service_event_fetch_for_staff (store, w->ctx, w->id, TRUE,
                                                                      error);

  if (record == NULL)
    return FALSE;
  if (!ts_store_event_cancel (store, w->id, w->reason, ts_service_now_unix (), error))
    return FALSE;
  /* Its staff hear of it in the same transaction: a cancel never commits
   * without its notices (docs/domain-rules.md "Notices"). */
  if (!ts_service_notices_event_cancelled (w->service, w->ctx, store, w->id,
                                           record->organisation_id, record->date, record->title,
                                           error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "cancel", "event", w->id, error);
}

TsEventView *
ts_service_event_cancel (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                         GError **error)
{
  g_autofree char *trimmed = ts_text_dup_trimmed (reason);
  CancelWrite w = { self, ctx, id, trimmed };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_field_errors_has (ctx->errors, "reason"))
    ts_validate_text (ctx, "reason", trimmed, TRUE, TS_EVENT_REASON_MAX, TRUE,
                      ts_too_long_message (TS_EVENT_REASON_MAX));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_cancel, &w, error))
    return NULL;
  return load_view (self, ctx, id, error);
}

/* ---- attendance ---------------------------------------------------------------- */

typedef struct {
  TsService           *service;
  TsContext           *ctx;
  gint64               id;
  const GArray        *ids;
  const TsEventCounts *counts;
} AttendanceWrite;

static gboolean
named (const GArray *ids, gint64 supporter_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == supporter_id)
      return TRUE;
  return FALSE;
}

static gboolean
write_attendance (TsStore *store, gpointer user_data, GError **error)
{
  AttendanceWrite *w = user_data;
  g_autoptr(TsEventRecord) event = NULL;
  g_autoptr(GArray) staff = NULL;
  g_autoptr(GArray) sets = NULL;
  gint64 now = ts_service_now_unix ();

  event = ts_service_event_fetch_for_staff (store, w->ctx, w->id, TRUE, error);
  if (event == NULL)
    return FALSE;
  if (event->date > ts_date_today ())
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION,
                           N_("The event has not taken place yet"));
      return FALSE;
    }
  if (!check_supporters (store, w->ctx, w->ids, error))
    return FALSE;
  staff = ts_store_event_staff (store, w->id, error);
  sets = ts_service_rate_sets_in (store, error);
  if (staff == NULL || sets == NULL)
    return FALSE;

  /* Those no longer named: a reversal of what was paid, and the row back
   * to planned. */
  for (guint i = 0; i < staff->len; i++)
    {
      const TsEventStaff *s = &g_array_index (staff, TsEventStaff, i);

      if (!s->attended || named (w->ids, s->supporter_id))
        continue;
      if (s->paid_yen != 0 &&
          !ts_service_ledger_append_event (w->service, s->supporter_id, s->id, -s->paid_yen,
                                           event->date, error))
        return FALSE;
      if (!ts_store_event_staff_set (store, w->id, s->supporter_id, FALSE, 0, NULL, error))
        return FALSE;
    }
  /* Those newly named: the event's minutes at the event rate in force on
   * its date.  One named again keeps what it was paid. */
  for (guint i = 0; i < w->ids->len; i++)
    {
      gint64 supporter_id = g_array_index (w->ids, gint64, i);
      gint64 staff_id = 0, yen = 0;
      gboolean paid = FALSE;
      TsMoneyResult r;

      for (guint j = 0; j < staff->len; j++)
        {
          const TsEventStaff *s = &g_array_index (staff, TsEventStaff, j);
          if (s->supporter_id == supporter_id && s->attended)
            paid = TRUE;
        }
      if (paid)
        continue;
      if (!ts_store_event_staff_set (store, w->id, supporter_id, TRUE, event->minutes, &staff_id,
                                     error))
        return FALSE;
      r = ts_money_event_honorarium ((const TsRateSet *) sets->data, sets->len, event->date,
                                     event->minutes, &yen);
      if (r != TS_MONEY_OK)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL, "Cannot price an event's hours: %s",
                       ts_money_result_to_string (r));
          return FALSE;
        }
      if (!ts_service_ledger_append_event (w->service, supporter_id, staff_id, yen, event->date,
                                           error))
        return FALSE;
    }
  if (!ts_store_event_counts_set (store, w->id, w->counts, now, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "attendance", "event", w->id, error);
}

TsEventView *
ts_service_event_attendance (TsService *self, TsContext *ctx, gint64 id,
                             const GArray *supporter_ids, const TsEventCounts *counts,
                             GError **error)
{
  AttendanceWrite w = { self, ctx, id, supporter_ids, counts };
  const struct {
    const char *field;
    int         value;
  } numbers[] = {
    { "counts.self", counts->self },
    { "counts.family", counts->family },
    { "counts.other", counts->other },
  };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (supporter_ids != NULL && counts != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!ts_field_errors_has (ctx->errors, numbers[i].field) &&
        (numbers[i].value < 0 || numbers[i].value > TS_EVENT_COUNT_MAX))
      ts_field_errors_add (ctx->errors, numbers[i].field, ts_range_message (0, TS_EVENT_COUNT_MAX));
  if (supporter_ids->len > TS_EVENT_STAFF_MAX && !ts_field_errors_has (ctx->errors, "supporter_ids"))
    ts_field_errors_add (ctx->errors, "supporter_ids", ts_range_message (0, TS_EVENT_STAFF_MAX));
  for (guint i = 0; i < supporter_ids->len; i++)
    for (guint j = 0; j < i; j++)
      if (g_array_index (supporter_ids, gint64, i) == g_array_index (supporter_ids, gint64, j) &&
          !ts_field_errors_has (ctx->errors, "supporter_ids"))
        ts_field_errors_add (ctx->errors, "supporter_ids", N_("Must not name a supporter twice"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_attendance, &w, error))
    return NULL;
  return load_view (self, ctx, id, error);
}

/* ---- the statistics hook --------------------------------------------------------- */

typedef struct {
  const GArray    *scope;
  TsDate           from;
  TsDate           to;
  TsEventCountRow *out;
} CountsRead;

static gboolean
read_counts (TsStore *store, gpointer user_data, GError **error)
{
  CountsRead *c = user_data;

  for (int k = 0; k < TS_EVENT_N_KINDS; k++)
    {
      gint64 sums[5];

      if (!ts_store_event_counts_sum (store, c->scope, c->from, c->to, k, sums, error))
        return FALSE;
      c->out[k].events = sums[0];
      c->out[k].self = sums[1];
      c->out[k].family = sums[2];
      c->out[k].other = sums[3];
      c->out[k].supporters = sums[4];
    }
  return TRUE;
}

gboolean
ts_service_event_counts_of (TsService *self, TsContext *ctx, int fiscal_year,
                            gint64 organisation_id, TsEventCountRow out[TS_EVENT_N_KINDS],
                            GError **error)
{
  g_autoptr(GArray) one = NULL;
  CountsRead c = { NULL, TS_DATE_NONE, TS_DATE_NONE, out };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  if (ctx->role != TS_ROLE_AUDITOR && !ts_service_require_staff (ctx, error))
    return FALSE;
  memset (out, 0, sizeof (TsEventCountRow) * TS_EVENT_N_KINDS);
  if (!ts_fiscal_year_is_valid (fiscal_year))
    {
      ts_field_errors_add (ctx->errors, "fiscal_year", N_("Not a fiscal year"));
      return ts_field_errors_check (ctx->errors, error);
    }
  c.scope = ctx->scope;
  if (organisation_id > 0)
    {
      /* Outside the caller's scope: the words of a missing one. */
      if (!ts_context_sees (ctx, organisation_id))
        {
          g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such organisation"));
          return FALSE;
        }
      one = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (one, organisation_id);
      c.scope = one;
    }
  c.from = ts_date_new (fiscal_year, 4, 1);
  c.to = ts_date_new (fiscal_year + 1, 3, 31);
  return ts_store_read (ts_service_get_store (self), read_counts, &c, error);
}

gboolean
ts_service_event_counts (TsService *self, TsContext *ctx, int fiscal_year,
                         TsEventCountRow out[TS_EVENT_N_KINDS], GError **error)
{
  return ts_service_event_counts_of (self, ctx, fiscal_year, 0, out, error);
}
