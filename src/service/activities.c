/*
 * Activity reports (see activities.h).
 */
#include "service/activities.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/insurance.h"
#include "domain/money.h"
#include "domain/qualification.h"
#include "match/vocabulary.h"
#include "service/programmes.h"
#include "service/rates.h"
#include "service/statements.h"
#include "service/supporters.h"
#include "service/validate.h"
#include "store/activities.h"
#include "store/assignments.h"
#include "store/cases.h"
#include "store/supporters.h"
#include "store/visits.h"

void
ts_idempotency_clear (TsIdempotency *idem)
{
  if (idem == NULL)
    return;
  g_clear_pointer (&idem->body, g_free);
}

void
ts_activity_view_free (TsActivityView *view)
{
  if (view == NULL)
    return;
  ts_activity_record_free (view->record);
  g_free (view->review.supporter_name);
  g_free (view->review.case_code);
  g_free (view->review.case_nickname);
  g_free (view);
}

const char *const ts_activity_flag_names[] = {
  "several_on_day", "at_night", "transport_over_cap", NULL,
};

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- validation ------------------------------------------------------ */

/* The rules of one report's fields (issue 5) for those in @present (all
 * when @creating), beyond the texts and ranges of its field table. */
static void
check_draft (TsContext *ctx, const TsActivityRecord *d, guint present, gboolean creating)
{
  TsActivityKind kind;

  /* A member a new report lacks is "Required", whatever its type. */
  if (creating)
    for (guint i = 0; i < ts_activity_resource.n_fields; i++)
      {
        const TsField *f = &ts_activity_resource.fields[i];
        if ((f->flags & TS_FIELD_REQUIRED) != 0 && (present & f->bit) == 0 &&
            !ts_field_errors_has (ctx->errors, f->name))
          ts_field_errors_add (ctx->errors, f->name, N_("Required"));
      }
  ts_service_check_fields (ctx, &ts_activity_resource, d, present, creating);
  if (creating)
    present = ~0u;
  if ((present & TS_ACTIVITY_FIELD_DATE) && d->date > ts_date_today () &&
      !ts_field_errors_has (ctx->errors, "date"))
    ts_field_errors_add (ctx->errors, "date", N_("Must not be in the future"));
  /* 24:00 parses, but a report starts on its own date. */
  if ((present & TS_ACTIVITY_FIELD_START) && (d->start_min < 0 || d->start_min >= 24 * 60) &&
      !ts_field_errors_has (ctx->errors, "start"))
    ts_field_errors_add (ctx->errors, "start", N_("Must be a time of day (HH:MM)"));
  if ((present & TS_ACTIVITY_FIELD_KIND) && !ts_field_errors_has (ctx->errors, "kind") &&
      !ts_activity_kind_from_string (d->kind, &kind))
    ts_field_errors_add (ctx->errors, "kind",
                         N_("Must be one of home_visit, accompany, phone, space, family_support, online"));
  if ((present & TS_ACTIVITY_FIELD_TRANSPORT) && !ts_field_errors_has (ctx->errors, "transport_yen"))
    {
      if (d->transport_yen < 0)
        ts_field_errors_add (ctx->errors, "transport_yen", N_("Must not be negative"));
      else if (d->transport_yen > TS_ACTIVITY_TRANSPORT_MAX_YEN)
        ts_field_errors_add (ctx->errors, "transport_yen", N_("Must be at most 50,000 yen"));
    }
}

/* An Idempotency-Key is an opaque token of visible ASCII (a UUID, usually). */
static gboolean
key_valid (const char *key)
{
  gsize len = key != NULL ? strlen (key) : 0;

  if (len == 0 || len > TS_IDEMPOTENCY_KEY_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (key[i] < 0x21 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

/*
 * SPEC 2.6, issue 13: "the assigned supporter's activity reports and
 * payments stay with the organisation that pays them (the supporter's),
 * and the case's organisation sees the reports on its case."  Staff of the
 * case's organisation read a report by another organisation's supporter
 * (so they may know it exists: 403, not 404), but reporting on the
 * supporter's behalf, changing, withdrawing, approving, rejecting and
 * reversing it are the supporter's organisation's.
 */
static gboolean
check_pays (TsContext *ctx, gint64 supporter_organisation_id, GError **error)
{
  if (ctx->role == TS_ROLE_SUPPORTER || ts_context_sees (ctx, supporter_organisation_id))
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                       N_("Only the supporter's organisation acts on the supporter's reports"));
  return FALSE;
}

/* The assignment behind a report, as the caller may see it: a supporter's
 * own only, anything else is "not found" so that nothing is revealed. */
static TsAssignmentRecord *
load_assignment (TsStore *store, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsAssignmentRecord) a = ts_store_assignment_get (store, id, error);

  if (a == NULL || !ts_service_check_own (ctx, a->supporter_id, N_("No such assignment"), error))
    return NULL;
  /* Staff: an assignment of their organisations' cases or supporters
   * (SPEC 2.6), and only the supporter's organisation reports for them. */
  if (ctx->role != TS_ROLE_SUPPORTER &&
      (!ts_service_check_scope (ctx, &ts_assignment_resource, a, error) ||
       !check_pays (ctx, a->supporter_organisation_id, error)))
    return NULL;
  return g_steal_pointer (&a);
}

/* SPEC 2.4: "only for their own active assignments, within the assignment
 * period" — a report may come in after the assignment ended, for a day
 * when it was running. */
static void
check_period (TsContext *ctx, const TsAssignmentRecord *a, TsDate date)
{
  if (date < a->starts_on)
    ts_field_errors_add (ctx->errors, "date", N_("Before the assignment started"));
  else if (a->ended_on != TS_DATE_NONE && date > a->ended_on)
    ts_field_errors_add (ctx->errors, "date", N_("After the assignment ended"));
}

/*
 * SPEC 2.1: a supporter whose qualification is lapsed on a date, who is not
 * registered, or whose insurance does not cover the date "cannot be
 * dispatched on that date.  Activity reports also require it."  The reasons
 * are the matcher's words.  Registration is judged on the report's date
 * from the status history (issue 11): a supporter suspended or retired
 * since can still report a day worked while registered, but not a day of a
 * suspension nor one after the retirement date (not_registered).
 */
static gboolean
check_eligible (TsService *self, TsContext *ctx, gint64 supporter_id, TsDate on, GError **error)
{
  TsReporterFacts facts;
  TsSupporterStatus status = TS_SUPPORTER_APPLICANT;
  TsQualification q;
  TsMatchReasons reasons = 0;
  const char *names[TS_MATCH_N_REASONS];
  g_autoptr(GArray) standing = NULL;
  JsonArray *arr;
  guint n;

  if (!ts_store_activity_reporter_facts (ts_service_get_store (self), supporter_id, &facts, error))
    return FALSE;
  ts_supporter_status_from_string (facts.status, &status);
  standing = ts_service_supporter_standing (ts_service_get_store (self), supporter_id, status,
                                            facts.registered_on, error);
  if (standing == NULL)
    {
      ts_reporter_facts_clear (&facts);
      return FALSE;
    }
  if (!ts_standing_allows_work ((const TsStandingChange *) standing->data, standing->len, on))
    reasons |= TS_MATCH_REASON_NOT_REGISTERED;
  ts_service_supporter_qualify (self, (const TsTrainingRecord *) facts.trainings->data,
                                facts.trainings->len, on, &q);
  if (!ts_qualification_is_current (&q))
    reasons |= TS_MATCH_REASON_QUALIFICATION_LAPSED;
  if (ts_service_get_config (self)->insurance_required &&
      !ts_insurance_covers (facts.insurance_until, on))
    reasons |= TS_MATCH_REASON_INSURANCE_NOT_VALID;
  ts_reporter_facts_clear (&facts);
  if (reasons == 0)
    return TRUE;

  n = ts_match_reasons_to_strings (reasons, names);
  arr = json_array_new ();
  for (guint i = 0; i < n; i++)
    json_array_add_string_element (arr, names[i]);
  ts_context_add_extra (ctx, "reasons", json_node_init_array (json_node_alloc (), arr));
  json_array_unref (arr);
  g_set_error_literal (error, TS_ERROR, TS_ERROR_REPORT_NOT_ELIGIBLE,
                       N_("The supporter's qualification, registration or insurance did not cover that date"));
  return FALSE;
}

static void
invalid_transition (TsContext *ctx, const TsActivityRecord *r, const char *message, GError **error)
{
  ts_service_invalid_transition (ctx, ts_activity_status_to_string (r->status), message, error);
}

/* A report the caller may read: a supporter reaches only their own. */
static TsActivityRecord *
load_visible (TsStore *store, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsActivityRecord) r = ts_store_activity_get (store, id, error);

  if (r == NULL ||
      !ts_service_check_own (ctx, r->supporter_id, N_("No such activity report"), error))
    return NULL;
  /* Staff and auditors: a report of their organisations' supporters or
   * cases (SPEC 2.6); any other is missing. */
  if (ctx->role != TS_ROLE_SUPPORTER &&
      !ts_service_check_scope (ctx, &ts_activity_resource, r, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* A report the caller may change or decide on: visible, and of a
 * supporter of the caller's organisations (check_pays). */
static TsActivityRecord *
load_own (TsStore *store, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsActivityRecord) r = load_visible (store, ctx, id, error);

  if (r == NULL || !check_pays (ctx, r->supporter_organisation_id, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* An auditor sees amounts and dates, never what happened or for whom. */
static void
reduce_for (TsContext *ctx, TsActivityRecord *r)
{
  if (ctx->role != TS_ROLE_AUDITOR)
    return;
  g_clear_pointer (&r->note, g_free);
  g_clear_pointer (&r->reject_reason, g_free);
  r->case_id = 0;
  r->assignment_id = 0;
}

/* ---- Idempotency-Key ------------------------------------------------- */

/* TRUE with *@found when an answer is stored for the caller's key (then
 * @idem holds it); FALSE with TS_ERROR_IDEMPOTENCY_KEY_REUSED when the key
 * was used for another request. */
static gboolean
idempotency_lookup (TsStore *store, TsContext *ctx, TsIdempotency *idem, gboolean *found,
                    GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(TsIdempotencyRecord) rec = ts_store_idempotency_get (store, ctx->user_id, idem->key,
                                                                 &local);

  *found = FALSE;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (rec == NULL)
    return TRUE;
  if (!g_str_equal (rec->request_hash, idem->request_hash))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_IDEMPOTENCY_KEY_REUSED,
                           N_("This Idempotency-Key was already used for a different request"));
      return FALSE;
    }
  *found = TRUE;
  idem->replayed = TRUE;
  idem->replay_status = rec->status;
  g_free (idem->body);
  idem->body = g_steal_pointer (&rec->response_body);
  return TRUE;
}

G_LOCK_DEFINE_STATIC (purge);
static gint64 last_purge;

/* Answers older than the keeping time go, at most once an hour, inside a
 * write that is happening anyway. */
static gboolean
purge_keys_sometimes (TsStore *store, gint64 now, GError **error)
{
  gboolean due;

  G_LOCK (purge);
  due = now - last_purge >= 3600;
  if (due)
    last_purge = now;
  G_UNLOCK (purge);
  if (!due)
    return TRUE;
  return ts_store_idempotency_purge (store, now - (gint64) TS_IDEMPOTENCY_KEEP_DAYS * 86400,
                                     NULL, error);
}

/* ---- report ---------------------------------------------------------- */

typedef struct {
  TsService              *service;
  TsContext              *ctx;
  const TsActivityRecord *draft;
  TsIdempotency          *idem;
  TsActivityRecord       *record;
} ReportWrite;

/* Issue 17: a report may name its planned visit — one of the same
 * assignment, not cancelled, and not reported yet (one live report per
 * visit; the unique index activities_visit says the same). */
static gboolean
check_visit (TsStore *store, TsContext *ctx, const TsAssignmentRecord *a, gint64 visit_id,
             GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(TsVisitRecord) v = ts_store_visit_get (store, visit_id, &local);

  if (v == NULL && local->code != TS_ERROR_NOT_FOUND)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (v == NULL || v->assignment_id != a->id)
    ts_field_errors_add (ctx->errors, "visit_id", N_("Must be a visit of the same assignment"));
  else if (v->status == TS_VISIT_CANCELLED)
    ts_field_errors_add (ctx->errors, "visit_id", N_("The visit was cancelled"));
  else if (v->activity_id > 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_ALREADY_EXISTS,
                           N_("This visit is already reported: withdraw that report first"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_report (TsStore *store, gpointer user_data, GError **error)
{
  ReportWrite *w = user_data;
  const TsActivityRecord *in = w->draft;
  TsContext *ctx = w->ctx;
  g_autoptr(TsAssignmentRecord) a = NULL;
  g_autoptr(TsActivityRecord) r = ts_activity_record_new ();
  gint64 now = now_seconds ();
  gint64 id;

  /* The writer runs one write function at a time: a concurrent retry
   * finds the first one's row here. */
  if (w->idem != NULL && w->idem->key != NULL)
    {
      gboolean found;
      if (!idempotency_lookup (store, ctx, w->idem, &found, error))
        return FALSE;
      if (found)
        return TRUE;
    }

  a = load_assignment (store, ctx, in->assignment_id, error);
  if (a == NULL)
    return FALSE;
  check_period (ctx, a, in->date);
  if (in->visit_id > 0 && !check_visit (store, ctx, a, in->visit_id, error))
    return FALSE;
  /* A home visit of no planned visit counts against the programme's limit
   * (a planned one was counted when it was planned). */
  if (in->visit_id <= 0 && g_strcmp0 (in->kind, "home_visit") == 0 &&
      !ts_service_programme_check_visit (store, ctx, a->case_id, 0, in->over_limit_reason, error))
    return FALSE;
  if (!ts_field_errors_check (ctx->errors, error) ||
      !check_eligible (w->service, ctx, a->supporter_id, in->date, error))
    return FALSE;

  ts_record_apply (&ts_activity_resource, r, in, ~0u);
  r->supporter_id = a->supporter_id;
  r->case_id = a->case_id;
  r->supporter_organisation_id = a->supporter_organisation_id;
  r->case_organisation_id = a->case_organisation_id;
  r->status = TS_ACTIVITY_PENDING;
  r->reported_by = ctx->user_id;
  r->on_behalf = ctx->role != TS_ROLE_SUPPORTER;
  if (!ts_store_activity_insert (store, r, now, &id, error) ||
      !ts_service_audit (w->service, ctx, "create", "activity", id, error))
    return FALSE;
  /* The row as inserted: no need to read it back. */
  r->id = id;
  r->version = 1;
  r->created_at = r->updated_at = now;
  w->record = g_steal_pointer (&r);

  if (w->idem != NULL && w->idem->key != NULL)
    {
      g_free (w->idem->body);
      w->idem->body = w->idem->render (w->record, w->idem->render_data);
      if (!ts_store_idempotency_insert (store, ctx->user_id, w->idem->key, w->idem->request_hash,
                                        w->idem->status, w->idem->body, now, error) ||
          !purge_keys_sometimes (store, now, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ts_service_activity_report (TsService *self, TsContext *ctx, const TsActivityRecord *draft,
                            guint present, TsIdempotency *idem, TsActivityRecord **out,
                            GError **error)
{
  TsStore *store = ts_service_get_store (self);
  ReportWrite w = { self, ctx, draft, idem, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  *out = NULL;

  if (idem != NULL && idem->key != NULL)
    {
      gboolean found;

      g_return_val_if_fail (idem->render != NULL && idem->request_hash != NULL, FALSE);
      if (!key_valid (idem->key))
        {
          ts_field_errors_add (ctx->errors, "Idempotency-Key",
                               N_("Must be 1 to 255 visible ASCII characters"));
          return ts_field_errors_check (ctx->errors, error);
        }
      /* A retry of an answered request is answered without waiting for
       * the writer; the check inside the write covers concurrent ones. */
      if (!idempotency_lookup (store, ctx, idem, &found, error))
        return FALSE;
      if (found)
        return TRUE;
    }

  check_draft (ctx, draft, present, TRUE);
  if (!ts_field_errors_check (ctx->errors, error))
    return FALSE;
  if (!ts_store_write (store, write_report, &w, error))
    return FALSE;
  *out = w.record;
  return TRUE;
}

/* ---- list and read (service/resource.h) ------------------------------ */

/* An auditor may not select by case or assignment; a supporter's list is
 * their own, and another supporter's reports are simply not there. */
static gboolean
check_list (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer query, GError **error)
{
  TsActivityQuery *q = query;
  int y, m;

  if (ctx->role == TS_ROLE_AUDITOR && (q->case_id != 0 || q->assignment_id != 0))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("Auditors cannot select reports by case or assignment"));
      return FALSE;
    }
  if (q->month != NULL)
    {
      /* The column's form, whatever the client's ("2026-6"). */
      if (ts_month_parse (q->month, &y, &m))
        g_snprintf (q->month_text, sizeof q->month_text, "%04d-%02d", y, m);
      else
        ts_field_errors_add (ctx->errors, "month", N_("Must be a month (YYYY-MM)"));
      q->month = q->month_text;
    }
  if (ctx->role == TS_ROLE_SUPPORTER)
    q->supporter_id = q->supporter_id == 0 || q->supporter_id == ctx->supporter_id
                        ? ctx->supporter_id : G_MAXINT64;     /* nobody's */
  return TRUE;
}

/* Who may read which report is load_visible's. */
static gboolean
check_read (G_GNUC_UNUSED TsContext *ctx, G_GNUC_UNUSED gint64 id, G_GNUC_UNUSED GError **error)
{
  return TRUE;
}

static gpointer
view_new (G_GNUC_UNUSED TsService *self, TsContext *ctx, gpointer record)
{
  TsActivityView *view = g_new0 (TsActivityView, 1);

  reduce_for (ctx, record);
  view->record = record;
  view->reduced = ctx->role == TS_ROLE_AUDITOR;
  return view;
}

static gpointer
load_view (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsActivityRecord *r = load_visible (ts_service_get_store (self), ctx, id, error);

  return r != NULL ? view_new (self, ctx, r) : NULL;
}

/* A staff list item's review (issue 14): the case it was for, the amount
 * and what deserves a second look.  @sets: the rates, for pricing a report
 * not yet priced as approval would now; @cases: case records by id, read
 * once per list. */
static gboolean
add_review (TsStore *store, TsActivityView *view, const GArray *sets, GHashTable *cases,
            GHashTable *names, GError **error)
{
  TsActivityRecord *r = view->record;
  TsActivityReview *rv = &view->review;
  TsCaseRecord *kase;
  TsActivityKind kind;
  TsActivityPay pay;
  TsKindRates rates;
  const TsRateSet *set;
  gboolean is_default = FALSE;
  int same_day;

  rv->has_review = TRUE;
  if (!g_hash_table_contains (names, &r->supporter_id))
    {
      g_autoptr(TsSupporterRecord) s = ts_store_supporter_get (store, r->supporter_id, error);

      if (s == NULL)
        return FALSE;
      g_hash_table_insert (names, g_memdup2 (&r->supporter_id, sizeof r->supporter_id),
                           g_strdup (s->name));
    }
  rv->supporter_name = g_strdup (g_hash_table_lookup (names, &r->supporter_id));
  kase = g_hash_table_lookup (cases, &r->case_id);
  if (kase == NULL && r->case_id != 0)
    {
      kase = ts_store_case_get (store, r->case_id, error);
      if (kase == NULL)
        return FALSE;
      g_hash_table_insert (cases, g_memdup2 (&r->case_id, sizeof r->case_id), kase);
    }
  if (kase != NULL)
    {
      rv->case_code = g_strdup (kase->code);
      rv->case_nickname = g_strdup (kase->nickname);
    }
  if (!ts_activity_kind_from_string (r->kind, &kind))
    kind = (TsActivityKind) TS_ACTIVITY_N_KINDS;
  if (r->priced)
    rv->amount_yen = r->honorarium_yen + r->transport_paid_yen;
  else if (ts_money_price_activity ((const TsRateSet *) sets->data, sets->len, r->date, kind,
                                    r->minutes, r->transport_yen, &pay) == TS_MONEY_OK)
    rv->amount_yen = pay.honorarium_yen + pay.transport_yen;
  set = ts_rate_table_in_force ((const TsRateSet *) sets->data, sets->len, r->date, &is_default);
  if (set == NULL)
    set = ts_rate_set_get_default ();
  if (ts_rate_set_resolve_kind (set, kind, &rates))
    {
      rv->transport_cap_yen = rates.transport_cap_yen;
      if (r->transport_yen > rates.transport_cap_yen)
        rv->flags |= TS_ACTIVITY_FLAG_TRANSPORT_OVER_CAP;
    }
  if (r->start_min >= TS_ACTIVITY_NIGHT_FROM_MIN || r->start_min < TS_ACTIVITY_NIGHT_UNTIL_MIN)
    rv->flags |= TS_ACTIVITY_FLAG_AT_NIGHT;
  if (r->reversal_of == 0 && r->status <= TS_ACTIVITY_APPROVED)
    {
      same_day = ts_store_activity_count_day (store, r->supporter_id, r->date, error);
      if (same_day < 0)
        return FALSE;
      if (same_day > 1)
        rv->flags |= TS_ACTIVITY_FLAG_SEVERAL_ON_DAY;
    }
  return TRUE;
}

/* The list: staff get each report's review, in the list's snapshot. */
static GPtrArray *
list_views (TsService *self, TsContext *ctx, TsStore *store, gconstpointer query,
            gint64 after_id, guint limit, GError **error)
{
  g_autoptr(GPtrArray) rows = ts_store_activity_list (store, query, after_id, limit, error);
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GArray) sets = NULL;
  g_autoptr(GHashTable) cases = NULL;
  g_autoptr(GHashTable) names = NULL;
  gboolean staff = (ctx->role & TS_ROLE_STAFF) != 0;

  if (rows == NULL)
    return NULL;
  if (staff)
    {
      sets = ts_service_rate_sets_in (store, error);
      if (sets == NULL)
        return NULL;
      cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     (GDestroyNotify) ts_case_record_free);
      names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
    }
  views = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_activity_view_free);
  for (guint i = 0; i < rows->len; i++)
    {
      TsActivityView *view = view_new (self, ctx, g_steal_pointer (&rows->pdata[i]));

      g_ptr_array_add (views, view);
      if (staff && !add_review (store, view, sets, cases, names, error))
        return NULL;
    }
  return g_steal_pointer (&views);
}

const TsResourceOps ts_activity_ops = {
  .list_views = list_views,
  .resource = &ts_activity_resource,
  .check_list = check_list,
  .check_read = check_read,
  .list_rows = (TsListRowsFunc) ts_store_activity_list,
  .view_new = view_new,
  .load_view = load_view,
  .view_free = (GDestroyNotify) ts_activity_view_free,
  .record_free = (GDestroyNotify) ts_activity_record_free,
};

/* ---- changes while pending -------------------------------------------- */

typedef struct {
  TsService              *service;
  TsContext              *ctx;
  gint64                  id;
  const TsActivityRecord *draft;
  guint                   present;
  const gint64           *if_match;
  guint                   n_if_match;
  const char             *reason;
  TsActivityRecord       *record;   /* the new state */
} ChangeWrite;

/* The report a change or a decision is for, refused with @message unless
 * it is pending. */
static TsActivityRecord *
load_pending (TsStore *store, ChangeWrite *w, const char *message, GError **error)
{
  g_autoptr(TsActivityRecord) r = load_own (store, w->ctx, w->id, error);

  if (r == NULL)
    return NULL;
  if (r->status != TS_ACTIVITY_PENDING)
    {
      invalid_transition (w->ctx, r, message, error);
      return NULL;
    }
  return g_steal_pointer (&r);
}

/* Runs @write for report @id (with @reason, for a rejection or a
 * reversal) and answers the report it leaves in w->record. */
static TsActivityRecord *
run_change (TsService *self, TsContext *ctx, gint64 id, const char *reason,
            TsStoreWriteFunc write, GError **error)
{
  ChangeWrite w = { self, ctx, id, NULL, 0, NULL, 0, reason, NULL };

  if (!ts_store_write (ts_service_get_store (self), write, &w, error))
    return NULL;
  return w.record;
}

/* A withdrawal's or a rejection's end: who decided, the store's write,
 * the audit entry @action, and the report as it is now. */
static gboolean
write_decision (TsStore *store, ChangeWrite *w, TsActivityRecord *r, const char *action,
                GError **error)
{
  r->decided_by = w->ctx->user_id;
  if (!ts_store_activity_decide (store, r, now_seconds (), error) ||
      !ts_service_audit (w->service, w->ctx, action, "activity", r->id, error))
    return FALSE;
  w->record = ts_store_activity_get (store, r->id, error);
  return w->record != NULL;
}

static gboolean
write_update (TsStore *store, gpointer user_data, GError **error)
{
  ChangeWrite *w = user_data;
  g_autoptr(TsActivityRecord) r = load_pending (store, w,
                                                N_("Only a pending report can be changed"),
                                                error);
  g_autoptr(TsAssignmentRecord) a = NULL;

  if (r == NULL)
    return FALSE;
  if (!ts_service_version_matches (r->version, w->if_match, w->n_if_match))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PRECONDITION_FAILED,
                           N_("The report was changed by someone else"));
      return FALSE;
    }
  ts_record_apply (&ts_activity_resource, r, w->draft, w->present);
  if (w->present & TS_ACTIVITY_FIELD_DATE)
    {
      a = ts_store_assignment_get (store, r->assignment_id, error);
      if (a == NULL)
        return FALSE;
      check_period (w->ctx, a, r->date);
      if (!ts_field_errors_check (w->ctx->errors, error) ||
          !check_eligible (w->service, w->ctx, r->supporter_id, r->date, error))
        return FALSE;
    }
  if (!ts_store_activity_update (store, r, r->version, now_seconds (), error) ||
      !ts_service_audit (w->service, w->ctx, "update", "activity", r->id, error))
    return FALSE;
  w->record = ts_store_activity_get (store, r->id, error);
  return w->record != NULL;
}

TsActivityRecord *
ts_service_activity_update (TsService *self, TsContext *ctx, gint64 id,
                            const TsActivityRecord *draft, guint present,
                            const gint64 *if_match, guint n_if_match, GError **error)
{
  ChangeWrite w = { self, ctx, id, draft, present, if_match, n_if_match, NULL, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (present & TS_ACTIVITY_FIELD_ASSIGNMENT)
    ts_field_errors_add (ctx->errors, "assignment_id",
                         N_("Cannot be changed: withdraw the report and report again"));
  if (present & TS_ACTIVITY_FIELD_VISIT)
    ts_field_errors_add (ctx->errors, "visit_id",
                         N_("Cannot be changed: withdraw the report and report again"));
  check_draft (ctx, draft, present, FALSE);
  if (!ts_field_errors_check (ctx->errors, error) ||
      !ts_store_write (ts_service_get_store (self), write_update, &w, error))
    return NULL;
  return w.record;
}

static gboolean
write_withdraw (TsStore *store, gpointer user_data, GError **error)
{
  ChangeWrite *w = user_data;
  g_autoptr(TsActivityRecord) r = load_pending (store, w,
                                                N_("Only a pending report can be withdrawn"),
                                                error);

  if (r == NULL)
    return FALSE;
  r->status = TS_ACTIVITY_WITHDRAWN;
  return write_decision (store, w, r, "withdraw", error);
}

TsActivityRecord *
ts_service_activity_withdraw (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return run_change (self, ctx, id, NULL, write_withdraw, error);
}

/* ---- decisions -------------------------------------------------------- */

/* The lines an approved report owes (honorarium always, so that every
 * approved report shows on its statement; transport when a cost was
 * reported), with @sign -1 for a reversal. */
static gboolean
append_lines (TsService *self, const TsActivityRecord *r, gint64 activity_id,
              gint64 honorarium_yen, gint64 transport_yen, GError **error)
{
  if (!ts_service_ledger_append (self, TS_PAYEE_SUPPORTER, r->supporter_id, TS_LINE_HONORARIUM,
                                 honorarium_yen, activity_id, 0, r->date, error))
    return FALSE;
  if (r->transport_yen > 0 &&
      !ts_service_ledger_append (self, TS_PAYEE_SUPPORTER, r->supporter_id, TS_LINE_TRANSPORT,
                                 transport_yen, activity_id, 0, r->date, error))
    return FALSE;
  return TRUE;
}

static gboolean
write_approve (TsStore *store, gpointer user_data, GError **error)
{
  ChangeWrite *w = user_data;
  g_autoptr(TsActivityRecord) r = load_pending (store, w,
                                                N_("Only a pending report can be approved"),
                                                error);
  g_autoptr(GArray) sets = NULL;
  TsActivityKind kind;
  TsActivityPay pay;
  TsMoneyResult priced;

  if (r == NULL)
    return FALSE;
  /* Priced at the rates in force on the report's own date, as this
   * transaction sees them (domain/money.c). */
  sets = ts_service_rate_sets (w->service, error);
  if (sets == NULL)
    return FALSE;
  if (!ts_activity_kind_from_string (r->kind, &kind))
    kind = (TsActivityKind) TS_ACTIVITY_N_KINDS;
  priced = ts_money_price_activity ((const TsRateSet *) sets->data, sets->len, r->date, kind,
                                    r->minutes, r->transport_yen, &pay);
  if (priced != TS_MONEY_OK)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL, "Cannot price activity %" G_GINT64_FORMAT
                   ": %s", r->id, ts_money_result_to_string (priced));
      return FALSE;
    }
  r->status = TS_ACTIVITY_APPROVED;
  r->priced = TRUE;
  r->honorarium_yen = pay.honorarium_yen;
  r->transport_paid_yen = pay.transport_yen;
  r->rates_effective_from = pay.rates_effective_from;
  r->decided_by = w->ctx->user_id;
  if (!ts_store_activity_decide (store, r, now_seconds (), error) ||
      !append_lines (w->service, r, r->id, pay.honorarium_yen, pay.transport_yen, error) ||
      !ts_service_audit (w->service, w->ctx, "approve", "activity", r->id, error))
    return FALSE;
  w->record = ts_store_activity_get (store, r->id, error);
  return w->record != NULL;
}

TsActivityRecord *
ts_service_activity_approve (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return run_change (self, ctx, id, NULL, write_approve, error);
}

static gboolean
check_reason (TsContext *ctx, const char *reason, GError **error)
{
  ts_validate_text (ctx, "reason", reason != NULL ? reason : "", TRUE, TS_ACTIVITY_REASON_MAX,
                    TRUE, ts_too_long_message (TS_ACTIVITY_REASON_MAX));
  return ts_field_errors_check (ctx->errors, error);
}

static gboolean
write_reject (TsStore *store, gpointer user_data, GError **error)
{
  ChangeWrite *w = user_data;
  g_autoptr(TsActivityRecord) r = load_pending (store, w,
                                                N_("Only a pending report can be rejected"),
                                                error);

  if (r == NULL)
    return FALSE;
  r->status = TS_ACTIVITY_REJECTED;
  g_free (r->reject_reason);
  r->reject_reason = g_strdup (w->reason);
  return write_decision (store, w, r, "reject", error);
}

TsActivityRecord *
ts_service_activity_reject (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                            GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!check_reason (ctx, reason, error))
    return NULL;
  return run_change (self, ctx, id, reason, write_reject, error);
}

/*
 * SPEC 2.4: approved reports never change; "a correction after approval is
 * a reversal plus a new report, both visible in the history" (issue 5).
 * The reversal is a report of its own, approved at once, with the original's
 * facts and the negative of its amounts; its ledger lines cancel the
 * original's in the same statement when the month is not issued yet, or
 * are adjustments of the next statement when it is.  The reason is kept as
 * the reversal's note.
 */
static gboolean
write_reverse (TsStore *store, gpointer user_data, GError **error)
{
  ChangeWrite *w = user_data;
  g_autoptr(TsActivityRecord) orig = load_own (store, w->ctx, w->id, error);
  g_autoptr(TsActivityRecord) rev = ts_activity_record_new ();
  gint64 now = now_seconds ();
  gint64 id;

  if (orig == NULL)
    return FALSE;
  if (orig->status != TS_ACTIVITY_APPROVED || orig->reversal_of != 0 || orig->reversed_by != 0)
    {
      invalid_transition (w->ctx, orig,
                          N_("Only an approved report that is not a reversal and not reversed yet can be reversed"),
                          error);
      return FALSE;
    }
  rev->assignment_id = orig->assignment_id;
  rev->supporter_id = orig->supporter_id;
  rev->case_id = orig->case_id;
  rev->date = orig->date;
  rev->start_min = orig->start_min;
  rev->minutes = orig->minutes;
  rev->kind = g_strdup (orig->kind);
  rev->transport_yen = orig->transport_yen;
  rev->note = g_strdup (w->reason);
  rev->status = TS_ACTIVITY_APPROVED;
  rev->reported_by = w->ctx->user_id;
  rev->on_behalf = TRUE;
  rev->reversal_of = orig->id;
  rev->priced = TRUE;
  rev->honorarium_yen = -orig->honorarium_yen;
  rev->transport_paid_yen = -orig->transport_paid_yen;
  rev->rates_effective_from = orig->rates_effective_from;
  rev->decided_by = w->ctx->user_id;
  rev->decided_at = now;
  if (!ts_store_activity_insert (store, rev, now, &id, error) ||
      !append_lines (w->service, orig, id, rev->honorarium_yen, rev->transport_paid_yen, error) ||
      !ts_service_audit (w->service, w->ctx, "reverse", "activity", orig->id, error) ||
      !ts_service_audit (w->service, w->ctx, "create", "activity", id, error))
    return FALSE;
  w->record = ts_store_activity_get (store, id, error);
  return w->record != NULL;
}

TsActivityRecord *
ts_service_activity_reverse (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                             GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!check_reason (ctx, reason, error))
    return NULL;
  return run_change (self, ctx, id, reason, write_reverse, error);
}
