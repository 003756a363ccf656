/*
 * 職親 placements' use cases (SPEC 2.3, 3.2; issue 6): the views, who may
 * see a placement, its list and read (service/resource.h), cancelling
 * future days and the participant's summary.  Creating a placement, its
 * pre-interview and attendance are in placements-*.c
 * (placements-private.h); the rules are domain/placement.h's, the access
 * rules are in service/placements.h, and docs/domain-rules.md ("職親
 * placements") explains each decision.
 */
#include "service/placements-private.h"

#include "core/i18n.h"
#include "domain/fiscal.h"
#include "store/cases.h"

void
ts_service_placement_rules (TsService *self, TsPlacementRules *out)
{
  *out = *ts_service_get_placement_rules (self);
}

char *
ts_placement_date_text (TsLanguage lang, TsDate date)
{
  char *wareki = lang == TS_LANGUAGE_JA ? ts_wareki_date (date) : NULL;

  return wareki != NULL ? wareki : ts_date_to_string (date);
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

static gpointer
view_new (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer record)
{
  TsPlacementView *view = g_new0 (TsPlacementView, 1);

  view->record = record;
  view->for_host = ctx->role == TS_ROLE_HOST;
  return view;
}

/* ---- who may do what ------------------------------------------------ */

gboolean
ts_placements_is_staff (TsContext *ctx)
{
  return (ctx->role & TS_ROLE_STAFF) != 0;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such placement"));
}

/* To a host account another host's placement is "not found", exactly like
 * one that does not exist; so is, to anyone, a placement whose case and
 * host both belong to organisations outside the caller's scope (SPEC 2.6). */
gboolean
ts_placements_may_see (TsContext *ctx, const TsPlacementRecord *record, GError **error)
{
  if (!ts_service_check_scope (ctx, &ts_placement_resource, record, error))
    return FALSE;
  if (ts_placements_is_staff (ctx))
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

JsonNode *
ts_placements_dates_node (const GArray *dates)
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

void
ts_placements_add_int_extra (TsContext *ctx, const char *name, gint64 value)
{
  ts_context_add_extra (ctx, name, json_node_init_int (json_node_alloc (), value));
}

void
ts_placements_add_string_extra (TsContext *ctx, const char *name, const char *value)
{
  ts_context_add_extra (ctx, name, json_node_init_string (json_node_alloc (), value));
}

/* ---- one placement -------------------------------------------------- */

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

TsPlacementView *
ts_placements_load_view (TsService *self, TsContext *ctx, gint64 id, gboolean participant_days,
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
  view = view_new (self, ctx, l.record);
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

/* ---- list and read (service/resource.h) ------------------------------- */

/* Staff and host accounts; the others are refused (403). */
static gboolean
check_role (TsContext *ctx, GError **error)
{
  if (ts_placements_is_staff (ctx) || ctx->role == TS_ROLE_HOST)
    return TRUE;
  return ts_service_require_staff (ctx, error);
}

static gboolean
check_read (TsContext *ctx, G_GNUC_UNUSED gint64 id, GError **error)
{
  return check_role (ctx, error);
}

static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  TsPlacementQuery *q = query;
  int year = 0, month = 0;

  /* What the query string got wrong is answered before who may ask. */
  if (q->month != NULL && !ts_month_parse (q->month, &year, &month))
    ts_field_errors_add (ctx->errors, "month", N_("Must be a month (YYYY-MM)"));
  if (!ts_field_errors_check (ctx->errors, error) || !check_role (ctx, error))
    return FALSE;
  /* A host never sees case ids: filtering by one would tell it which id
   * belongs to its participant (a page of one) and which do not (empty),
   * so the filter is refused outright, whatever the id. */
  if (ctx->role == TS_ROLE_HOST && q->case_id != 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("A host account cannot filter placements by case"));
      return FALSE;
    }
  if (q->month != NULL && (year < 2000 || year > 2100 || month < 1 || month > 12))
    ts_field_errors_add (ctx->errors, "month", N_("Must be a month from 2000-01 to 2100-12"));
  else if (q->month != NULL)
    {
      q->from = ts_date_new (year, month, 1);
      q->to = ts_date_add_days (ts_date_add_months (q->from, 1), -1);
    }
  /* A host account lists its own host's placements; asking for another
   * host finds nothing (no host has the largest id), as if it had none. */
  if (ctx->role == TS_ROLE_HOST)
    q->host_id = ctx->host_id <= 0 || (q->host_id != 0 && q->host_id != ctx->host_id)
                 ? G_MAXINT64 : ctx->host_id;
  return TRUE;
}

static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsPlacementView *view = ts_placements_load_view (self, ctx, id,
                                                   ts_placements_is_staff (ctx), error);

  if (view != NULL && !ts_placements_may_see (ctx, view->record, error))
    g_clear_pointer (&view, ts_placement_view_free);
  return view;
}

/* A placement shows the participant's nickname: its reads are reads of
 * the case (a list's, of the case it is filtered by; 0 for none). */
static gboolean
audit_read (TsService *self, TsContext *ctx, gconstpointer query,
            G_GNUC_UNUSED const TsPage *page, gconstpointer view, GError **error)
{
  if (view != NULL)
    return ts_service_audit_read (self, ctx, "read_placement", "case",
                                  ((const TsPlacementView *) view)->record->case_id, error);
  return ts_service_audit_read (self, ctx, "list_placements", "case",
                                ((const TsPlacementQuery *) query)->case_id, error);
}

const TsResourceOps ts_placement_ops = {
  .resource = &ts_placement_resource,
  .check_list = check_list,
  .check_read = check_read,
  .list_rows = (TsListRowsFunc) ts_store_placement_list,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_placement_view_free,
  .audit_read = audit_read,
};

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

  if (record == NULL || !ts_service_check_scope (w->ctx, &ts_placement_resource, record, error))
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
  view = ts_placements_load_view (self, ctx, id, TRUE, error);
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

/* ---- the participant's summary ---------------------------------------- */

typedef struct {
  TsContext *ctx;
  gint64     case_id;
  GPtrArray *placements;
} SummaryRead;

static gboolean
read_summary (TsStore *store, gpointer user_data, GError **error)
{
  SummaryRead *s = user_data;
  g_autoptr(TsCaseRecord) kase = ts_store_case_get (store, s->case_id, error);

  /* The case's own organisation decides (SPEC 2.6): out of scope is "No
   * such case", as for a missing one. */
  if (kase == NULL || !ts_service_check_scope (s->ctx, &ts_case_resource, kase, error))
    return FALSE;
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
  SummaryRead s = { ctx, case_id, NULL };
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
