/*
 * Planned visits: see service/visits.h.
 */
#include "service/visits.h"

#include <stdlib.h>

#include "core/i18n.h"
#include "model/assignment.h"
#include "model/case.h"
#include "model/supporter.h"
#include "service/programmes.h"
#include "service/validate.h"
#include "store/assignments.h"
#include "store/cases.h"
#include "store/supporters.h"
#include "store/visits.h"

#define NO_VISIT N_("No such visit")
#define NO_ASSIGNMENT N_("No such assignment")

/* 09:00–18:00: the day an availability that says nothing leaves open. */
#define DEFAULT_FROM_MIN (9 * 60)
#define DEFAULT_TO_MIN   (18 * 60)

void
ts_visit_view_free (TsVisitView *view)
{
  if (view == NULL)
    return;
  ts_visit_record_free (view->record);
  g_free (view);
}

/* ---- views ------------------------------------------------------------ */

/* 未報告: planned, its date past, and no live report names it. */
static void
compute_report (TsVisitRecord *r, TsDate today)
{
  if (r->status == TS_VISIT_CANCELLED)
    r->report = TS_VISIT_REPORT_CANCELLED;
  else if (r->activity_id > 0)
    r->report = TS_VISIT_REPORT_REPORTED;
  else if (r->date < today)
    r->report = TS_VISIT_REPORT_UNREPORTED;
  else
    r->report = TS_VISIT_REPORT_UPCOMING;
}

static gpointer
view_new (G_GNUC_UNUSED TsService *self, G_GNUC_UNUSED TsContext *ctx, gpointer record)
{
  TsVisitView *view = g_new0 (TsVisitView, 1);

  view->record = record;
  compute_report (view->record, ts_date_today ());
  return view;
}

/* A supporter's own visits only: another's is a missing id.  Staff are
 * scoped by the generic code (ts_service_check_scope). */
static gboolean
visit_visible (TsContext *ctx, const TsVisitRecord *r, GError **error)
{
  return ts_service_check_own (ctx, r->supporter_id, NO_VISIT, error) &&
         ts_service_check_scope (ctx, &ts_visit_resource, r, error);
}

static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsVisitRecord) r = ts_store_visit_get (ts_service_get_store (self), id, error);

  if (r == NULL || !visit_visible (ctx, r, error))
    return NULL;
  return view_new (self, ctx, g_steal_pointer (&r));
}

/* Supporters and staff (ts_service_require_staff_or_supporter() in every
 * use case here): a host and an auditor have no visits to see. */
static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  TsVisitQuery *q = query;

  if (!ts_service_require_staff_or_supporter (ctx, error))
    return FALSE;
  if (ctx->role == TS_ROLE_SUPPORTER)
    q->supporter_id = ts_service_own_filter (ctx->supporter_id);
  ts_validate_date_range (ctx, q->from, q->to);
  return TRUE;
}

const TsResourceOps ts_visit_ops = {
  .resource = &ts_visit_resource,
  .check_list = check_list,
  .check_read = ts_service_check_read_staff_or_supporter,
  .list_rows = (TsListRowsFunc) ts_store_visit_list,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_visit_view_free,
  .fetch = (TsFetchFunc) ts_store_visit_get,
  .record_free = (GDestroyNotify) ts_visit_record_free,
  .save = (TsSaveFunc) ts_store_visit_update,
};

/* ---- rules -------------------------------------------------------------- */

/* The assignment as the caller may plan for it: a supporter's own, staff's
 * in scope; anything else is "No such assignment". */
static TsAssignmentRecord *
load_assignment (TsStore *store, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsAssignmentRecord) a = ts_store_assignment_get (store, id, error);

  if (a == NULL || !ts_service_check_own (ctx, a->supporter_id, NO_ASSIGNMENT, error) ||
      !ts_service_check_scope (ctx, &ts_assignment_resource, a, error))
    return NULL;
  return g_steal_pointer (&a);
}

/* A visit's date: not before 2000 nor more than a year ahead (typing
 * mistakes); within the assignment when it is known. */
static void
check_date (TsContext *ctx, TsDate date, const TsAssignmentRecord *a)
{
  if (date == TS_DATE_NONE || ts_field_errors_has (ctx->errors, "date"))
    return;
  if (ts_date_get_year (date) < TS_VISIT_EARLIEST_YEAR)
    ts_field_errors_add (ctx->errors, "date", N_("Must not be before 2000"));
  else if (date > ts_date_add_days (ts_date_today (), TS_VISIT_AHEAD_DAYS))
    ts_field_errors_add (ctx->errors, "date", N_("Must be within a year from today"));
  else if (a != NULL && date < a->starts_on)
    ts_field_errors_add (ctx->errors, "date", N_("Before the assignment started"));
  else if (a != NULL && a->ended_on != TS_DATE_NONE && date > a->ended_on)
    ts_field_errors_add (ctx->errors, "date", N_("After the assignment ended"));
}

static void
check_draft (TsContext *ctx, const TsVisitRecord *d, guint present, gboolean creating)
{
  if (creating)
    for (guint i = 0; i < ts_visit_resource.n_fields; i++)
      {
        const TsField *f = &ts_visit_resource.fields[i];
        if ((f->flags & TS_FIELD_REQUIRED) != 0 && (present & f->bit) == 0 &&
            !ts_field_errors_has (ctx->errors, f->name))
          ts_field_errors_add (ctx->errors, f->name, N_("Required"));
      }
  ts_service_check_fields (ctx, &ts_visit_resource, d, present, creating);
  if ((present & TS_VISIT_FIELD_START) && (d->start_min < 0 || d->start_min >= 24 * 60) &&
      !ts_field_errors_has (ctx->errors, "start"))
    ts_field_errors_add (ctx->errors, "start", N_("Must be a time of day (HH:MM)"));
  if ((present & TS_VISIT_FIELD_DATE) != 0)
    check_date (ctx, d->date, NULL);
}

/* One supporter, one place at a time: a planned visit must not overlap
 * another of the supporter's planned visits (any case), touching ends
 * allowed.  The proposals never offer such a time; this holds a visit
 * planned or moved by hand to the same rule.  @r's own id (0 when new) is
 * left out. */
static gboolean
check_overlap (TsStore *store, TsContext *ctx, gint64 supporter_id, const TsVisitRecord *r,
               GError **error)
{
  g_autoptr(GPtrArray) planned = ts_store_visit_supporter_planned (store, supporter_id, r->date,
                                                                   r->date, error);

  if (planned == NULL)
    return FALSE;
  for (guint i = 0; i < planned->len; i++)
    {
      const TsVisitRecord *other = planned->pdata[i];

      if (other->id == r->id || other->start_min >= r->start_min + r->minutes ||
          r->start_min >= other->start_min + other->minutes)
        continue;
      ts_context_add_extra (ctx, "visit_id", json_node_init_int (json_node_alloc (), other->id));
      g_set_error_literal (error, TS_ERROR, TS_ERROR_VISIT_OVERLAP,
                           N_("The supporter has another visit planned at that time"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
invalid_transition (TsContext *ctx, const TsVisitRecord *r, const char *message, GError **error)
{
  return ts_service_invalid_transition (ctx, ts_visit_status_to_string (r->status), message,
                                        error);
}

/* ---- create ------------------------------------------------------------- */

typedef struct {
  TsService           *service;
  TsContext           *ctx;
  const TsVisitRecord *draft;
  gint64               id;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  g_autoptr(TsAssignmentRecord) a = load_assignment (store, w->ctx, w->draft->assignment_id, error);
  g_autoptr(TsVisitRecord) r = NULL;

  if (a == NULL)
    return FALSE;
  /* A new visit is for a running assignment. */
  if (!a->active)
    ts_field_errors_add (w->ctx->errors, "assignment_id", N_("The assignment has ended"));
  check_date (w->ctx, w->draft->date, a);
  if (!ts_field_errors_check (w->ctx->errors, error))
    return FALSE;
  r = ts_visit_record_new ();
  ts_record_apply (&ts_visit_resource, r, w->draft, ~0u);
  r->start_min = w->draft->start_min;
  if (!check_overlap (store, w->ctx, a->supporter_id, r, error) ||
      !ts_service_programme_check_visit (store, w->ctx, a->case_id, 0,
                                         w->draft->over_limit_reason, error))
    return FALSE;
  r->assignment_id = a->id;
  r->status = TS_VISIT_PLANNED;
  r->user_id = w->ctx->user_id;
  if (!ts_store_visit_insert (store, r, ts_service_now_unix (), &w->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "visit", w->id, error);
}

TsVisitView *
ts_service_visit_create (TsService *self, TsContext *ctx, const TsVisitRecord *draft,
                         guint present, GError **error)
{
  CreateWrite w = { self, ctx, draft, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_require_staff_or_supporter (ctx, error))
    return NULL;
  check_draft (ctx, draft, present, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  return load_view (self, ctx, w.id, error);
}

/* ---- change and cancel -------------------------------------------------- */

typedef struct {
  TsService           *service;
  TsContext           *ctx;
  gint64               id;
  const TsVisitRecord *draft;
  guint                present;
  const gint64        *if_match;
  guint                n_if_match;
  gboolean             cancel;
} ChangeWrite;

static gboolean
write_change (TsStore *store, gpointer user_data, GError **error)
{
  ChangeWrite *w = user_data;
  g_autoptr(TsVisitRecord) r = ts_store_visit_get (store, w->id, error);
  g_autoptr(TsAssignmentRecord) a = NULL;

  if (r == NULL || !visit_visible (w->ctx, r, error))
    return FALSE;
  /* A stale copy first: the client reloads before anything else. */
  if (!ts_service_version_matches (r->version, w->if_match, w->n_if_match))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PRECONDITION_FAILED,
                           N_("The visit was changed by someone else; reload it and try again"));
      return FALSE;
    }
  if (r->status == TS_VISIT_CANCELLED)
    return invalid_transition (w->ctx, r, N_("A cancelled visit cannot be changed"), error);
  if (r->activity_id > 0)
    return invalid_transition (w->ctx, r, N_("A reported visit cannot be changed"), error);
  if (w->cancel)
    r->status = TS_VISIT_CANCELLED;
  else
    {
      ts_record_apply (&ts_visit_resource, r, w->draft, w->present);
      if (w->present & TS_VISIT_FIELD_START)
        r->start_min = w->draft->start_min;
      if (w->present & (TS_VISIT_FIELD_DATE | TS_VISIT_FIELD_START | TS_VISIT_FIELD_MINUTES))
        {
          a = ts_store_assignment_get (store, r->assignment_id, error);
          if (a == NULL)
            return FALSE;
          if (w->present & TS_VISIT_FIELD_DATE)
            check_date (w->ctx, r->date, a);
          if (!ts_field_errors_check (w->ctx->errors, error) ||
              !check_overlap (store, w->ctx, a->supporter_id, r, error))
            return FALSE;
        }
    }
  if (!ts_store_visit_update (store, r, r->version, ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, w->cancel ? "cancel" : "update", "visit", r->id,
                           error);
}

TsVisitView *
ts_service_visit_update (TsService *self, TsContext *ctx, gint64 id, const TsVisitRecord *draft,
                         guint present, const gint64 *if_match, guint n_if_match, GError **error)
{
  ChangeWrite w = { self, ctx, id, draft, present, if_match, n_if_match, FALSE };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!ts_service_require_staff_or_supporter (ctx, error))
    return NULL;
  if (present & TS_VISIT_FIELD_ASSIGNMENT)
    ts_field_errors_add (ctx->errors, "assignment_id",
                         N_("Cannot be changed: cancel the visit and plan another"));
  check_draft (ctx, draft, present, FALSE);
  if (!ts_field_errors_check (ctx->errors, error) ||
      !ts_store_write (ts_service_get_store (self), write_change, &w, error))
    return NULL;
  return load_view (self, ctx, id, error);
}

TsVisitView *
ts_service_visit_cancel (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  ChangeWrite w = { self, ctx, id, NULL, 0, NULL, 0, TRUE };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff_or_supporter (ctx, error) ||
      !ts_store_write (ts_service_get_store (self), write_change, &w, error))
    return NULL;
  return load_view (self, ctx, id, error);
}

/* ---- proposals ------------------------------------------------------------ */

/* The ranges of @slots on @weekday, or the default day when it has none
 * at all; appended to @out as pairs of ints. */
static void
day_ranges (const GArray *slots, int weekday, GArray *out)
{
  g_array_set_size (out, 0);
  if (slots == NULL || slots->len == 0)
    {
      int pair[2] = { DEFAULT_FROM_MIN, DEFAULT_TO_MIN };
      g_array_append_vals (out, pair, 2);
      return;
    }
  for (guint i = 0; i < slots->len; i++)
    {
      const TsAvailabilitySlot *s = &g_array_index (slots, TsAvailabilitySlot, i);
      if (s->weekday == weekday)
        {
          int pair[2] = { s->from_min, s->to_min };
          g_array_append_vals (out, pair, 2);
        }
    }
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static gboolean
overlaps_busy (const GArray *busy, TsDate date, int start, int end)
{
  for (guint i = 0; busy != NULL && i < busy->len; i++)
    {
      const TsVisitProposal *b = &g_array_index (busy, TsVisitProposal, i);
      if (b->date == date && start < b->end_min && b->start_min < end)
        return TRUE;
    }
  return FALSE;
}

GArray *
ts_visit_proposals_compute (const GArray *supporter_slots, const GArray *case_slots,
                            const GArray *busy, TsDate from, int not_before_min, int minutes,
                            guint max, int days)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (TsVisitProposal));
  g_autoptr(GArray) s = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (int));

  for (int k = 0; k < days && out->len < max; k++)
    {
      TsDate date = ts_date_add_days (from, k);
      int weekday = ts_date_get_weekday (date);
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (int));
      int first = k == 0 ? not_before_min : 0;

      day_ranges (supporter_slots, weekday, s);
      day_ranges (case_slots, weekday, c);
      /* Every start on the grid within both ranges of one pair. */
      for (guint i = 0; i + 1 < s->len; i += 2)
        for (guint j = 0; j + 1 < c->len; j += 2)
          {
            int lo = MAX (g_array_index (s, int, i), g_array_index (c, int, j));
            int hi = MIN (g_array_index (s, int, i + 1), g_array_index (c, int, j + 1));

            for (int t = lo; t + minutes <= hi; t += TS_VISIT_PROPOSAL_STEP)
              if (t >= first && !overlaps_busy (busy, date, t, t + minutes))
                {
                  g_array_append_val (starts, t);
                  break;
                }
          }
      if (starts->len > 0)
        {
          TsVisitProposal p;

          g_array_sort (starts, compare_int);
          p.date = date;
          p.start_min = g_array_index (starts, int, 0);
          p.end_min = p.start_min + minutes;
          g_array_append_val (out, p);
        }
    }
  return out;
}

typedef struct {
  TsContext          *ctx;
  gint64              assignment_id;
  TsDate              from;
  TsAssignmentRecord *assignment;
  TsSupporterRecord  *supporter;
  TsCaseRecord       *kase;
  GPtrArray          *planned;
} ProposalRead;

static gboolean
read_proposal (TsStore *store, gpointer user_data, GError **error)
{
  ProposalRead *p = user_data;

  p->assignment = load_assignment (store, p->ctx, p->assignment_id, error);
  if (p->assignment == NULL)
    return FALSE;
  p->supporter = ts_store_supporter_get (store, p->assignment->supporter_id, error);
  if (p->supporter == NULL)
    return FALSE;
  p->kase = ts_store_case_get (store, p->assignment->case_id, error);
  if (p->kase == NULL)
    return FALSE;
  p->planned = ts_store_visit_supporter_planned (store, p->assignment->supporter_id, p->from,
                                                 ts_date_add_days (p->from,
                                                                   TS_VISIT_PROPOSAL_DAYS),
                                                 error);
  return p->planned != NULL;
}

static void
proposal_read_clear (ProposalRead *p)
{
  ts_assignment_record_free (p->assignment);
  ts_supporter_record_free (p->supporter);
  ts_case_record_free (p->kase);
  g_clear_pointer (&p->planned, g_ptr_array_unref);
}

GArray *
ts_service_visit_proposals (TsService *self, TsContext *ctx, gint64 assignment_id, TsDate from,
                            int minutes, GError **error)
{
  ProposalRead p = { ctx, assignment_id, from, NULL, NULL, NULL, NULL };
  g_autoptr(GArray) busy = NULL;
  TsDate today = ts_date_today ();
  int not_before = 0;
  GArray *out;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff_or_supporter (ctx, error))
    return NULL;
  if (minutes < TS_VISIT_MINUTES_MIN || minutes > TS_VISIT_MINUTES_MAX)
    ts_field_errors_add (ctx->errors, "minutes",
                         ts_range_message (TS_VISIT_MINUTES_MIN, TS_VISIT_MINUTES_MAX));
  if (from == TS_DATE_NONE)
    from = today;
  else if (from < today)
    ts_field_errors_add (ctx->errors, "from", N_("Must not be in the past"));
  else
    check_date (ctx, from, NULL);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  p.from = from;
  if (!ts_store_read (ts_service_get_store (self), read_proposal, &p, error))
    {
      proposal_read_clear (&p);
      return NULL;
    }
  if (!p.assignment->active)
    {
      proposal_read_clear (&p);
      ts_field_errors_add (ctx->errors, "assignment_id", N_("The assignment has ended"));
      ts_field_errors_check (ctx->errors, error);
      return NULL;
    }
  busy = g_array_new (FALSE, TRUE, sizeof (TsVisitProposal));
  for (guint i = 0; i < p.planned->len; i++)
    {
      const TsVisitRecord *v = p.planned->pdata[i];
      TsVisitProposal b = { v->date, v->start_min, v->start_min + v->minutes };
      g_array_append_val (busy, b);
    }
  /* Today: from the next quarter hour on. */
  if (from == today)
    {
      g_autofree char *hm = ts_timestamp_format (ts_service_now_unix (), "%H:%M");
      int h = atoi (hm), m = atoi (hm + 3);

      not_before = ((h * 60 + m) / TS_VISIT_PROPOSAL_STEP + 1) * TS_VISIT_PROPOSAL_STEP;
    }
  out = ts_visit_proposals_compute (p.supporter->availability, p.kase->preferences.availability,
                                    busy, from, not_before, minutes, TS_VISIT_PROPOSALS,
                                    TS_VISIT_PROPOSAL_DAYS);
  if (!ts_service_audit_read (self, ctx, "visit-proposals", "assignment", assignment_id, error))
    g_clear_pointer (&out, g_array_unref);
  proposal_read_clear (&p);
  return out;
}
