/*
 * The demo's money (issue 14): rates that are not 0 and a budget, three
 * prefecture cases supported by supporter1–3 for the last few months, with
 * approved reports in issued statements, the last month approved but not
 * issued, and reports still waiting for approval, so that every page of
 * the coordinator's desk has something to show.
 */
#include "cli/cli.h"

#include <string.h>

#include "core/date.h"
#include "service/activities.h"
#include "service/assignments.h"
#include "service/visits.h"
#include "service/cases.h"
#include "service/matching.h"
#include "service/payments-audit.h"
#include "service/rates.h"
#include "service/statements.h"
#include "service/supporters.h"

static const char *const nicknames[] = { "さくらさん（架空）", "ひかりさん（架空）", "みどりさん（架空）" };

/* Whether @id is among the eligible candidates of @list. */
static gboolean
listed (const TsCandidateList *list, gint64 id)
{
  for (guint i = 0; i < list->ranking->candidates->len; i++)
    if (g_array_index (list->ranking->candidates, TsMatchCandidate, i).supporter_id == id)
      return TRUE;
  return FALSE;
}

static gint64
make_case (TsService *service, TsContext *ctx, guint i, TsDate today, GError **error)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
  const char *const needs[] = { "home_visit", "phone", NULL };
  const char *const interests[] = { "散歩", "音楽", NULL };
  const char *const participants[] = { "coordinator", NULL };
  TsAvailabilitySlot slot = { (int) (i % 5) + 1, 10 * 60, 15 * 60 };
  TsCaseRecord draft = { 0 };
  TsAssessmentInput a = { ts_date_add_days (today, -130), participants,
                          "デモ: ケース会議で支援方針を確認（架空）" };

  g_array_append_val (slots, slot);
  draft.nickname = (char *) nicknames[i];
  draft.municipality_code = (char *) "092011";
  draft.age_band = (char *) (i == 1 ? "20s" : "30s");
  draft.gender = (char *) (i == 2 ? "female" : "male");
  draft.household = (char *) "two";
  draft.withdrawal_years = 3 + (int) i;
  draft.needs = (char **) needs;
  draft.interests = (char **) interests;
  draft.has_location = TRUE;
  draft.lat = 36.555 + 0.01 * i;
  draft.lon = 139.882 - 0.01 * i;
  draft.preferences.availability = slots;
  draft.referred_by = (char *) "welfare_office";
  draft.referring_agency = (char *) "生活福祉課（架空）";
  draft.consent_obtained_on = ts_date_add_days (today, -140);
  /* Matching, support and 職親 placement. */
  draft.consent_scope = TS_CONSENT_MATCHING | TS_CONSENT_SUPPORT | TS_CONSENT_PLACEMENT;
  return ts_cli_demo_assessed_case (service, ctx, &draft, &a, error);
}

/* One report on @date, approved unless @pending. */
/* Planned visits (issue 17): one two days ago not reported yet (未報告),
 * and the next two, a week apart. */
static gboolean
plan_visits (TsService *service, TsContext *ctx, gint64 assignment_id, TsDate today, int i,
             GError **error)
{
  const int days[] = { -2, 2 + i, 9 + i };

  for (guint k = 0; k < G_N_ELEMENTS (days); k++)
    {
      g_autoptr(TsVisitRecord) draft = ts_visit_record_new ();
      g_autoptr(TsVisitView) view = NULL;

      draft->assignment_id = assignment_id;
      draft->date = ts_date_add_days (today, days[k]);
      draft->start_min = 14 * 60 + 30 * i;
      draft->minutes = 60;
      view = ts_service_visit_create (service, ctx, draft,
                                      TS_VISIT_FIELD_ASSIGNMENT | TS_VISIT_FIELD_DATE |
                                        TS_VISIT_FIELD_START | TS_VISIT_FIELD_MINUTES, error);
      if (view == NULL)
        return ts_cli_report (ctx, *error);
    }
  return TRUE;
}

static gboolean
report (TsService *service, TsContext *ctx, gint64 assignment_id, TsDate date, int start_min,
        gboolean pending, GError **error)
{
  g_autoptr(TsActivityRecord) draft = ts_activity_record_new ();
  g_autoptr(TsActivityRecord) out = NULL;
  g_autoptr(TsActivityRecord) approved = NULL;
  TsIdempotency idem = { 0 };
  gboolean ok;

  draft->assignment_id = assignment_id;
  draft->date = date;
  draft->start_min = start_min;
  draft->minutes = 90;
  draft->kind = g_strdup ("home_visit");
  draft->transport_yen = 620;
  draft->note = g_strdup ("デモ: 自宅を訪問して近況を聞いた（架空）");
  ok = ts_service_activity_report (service, ctx, draft,
                                   TS_ACTIVITY_FIELD_ASSIGNMENT | TS_ACTIVITY_FIELD_DATE |
                                   TS_ACTIVITY_FIELD_START | TS_ACTIVITY_FIELD_MINUTES |
                                   TS_ACTIVITY_FIELD_KIND | TS_ACTIVITY_FIELD_TRANSPORT |
                                   TS_ACTIVITY_FIELD_NOTE, &idem, &out, error);
  ts_idempotency_clear (&idem);
  if (!ok)
    return ts_cli_report (ctx, *error);
  if (pending)
    return TRUE;
  approved = ts_service_activity_approve (service, ctx, out->id, error);
  return approved != NULL || ts_cli_report (ctx, *error);
}

static void
month_text (TsDate date, char out[8])
{
  int y, m, d;

  ts_date_get_ymd (date, &y, &m, &d);
  g_snprintf (out, 8, "%04d-%02d", y, m);
}

gboolean
ts_cli_demo_money (TsService *service, TsDate today, const TsCliDemoOrganisations *orgs,
                   gint64 bakery_id, GArray *supporter_ids, GError **error)
{
  gint64 case_ids[G_N_ELEMENTS (nicknames)] = { 0 };
  g_autoptr(TsContext) admin = ts_context_new_local ();
  g_autoptr(TsContext) ctx = ts_cli_demo_context (orgs->prefecture);
  g_autofree TsRateSetRecord *rates = NULL;
  TsRateSet set;
  TsBudgetRecord budget = { 0 };
  gboolean created = FALSE;
  int fiscal_year = ts_fiscal_year (today);
  TsDate start = ts_date_add_days (today, -100);
  int y, m, d;

  g_return_val_if_fail (TS_IS_SERVICE (service), FALSE);

  /* Rates from the previous fiscal year on; this year's budget. */
  ts_rate_set_init_default (&set);
  set.effective_from = ts_date_new (fiscal_year - 1, 4, 1);
  set.honorarium_per_activity_yen = 1000;
  set.honorarium_per_hour_yen = 1200;
  set.event_honorarium_per_hour_yen = 1000;
  set.transport_cap_yen = 1000;
  set.host_stipend_per_day_yen = 1500;
  rates = ts_service_rate_create (service, admin, &set, error);
  if (rates == NULL)
    return ts_cli_report (admin, *error);
  if (!ts_service_budget_set (service, admin, fiscal_year, 3207000, &budget, &created, error))
    return ts_cli_report (admin, *error);

  /* Each case gets the best supporter eligible from 100 days ago to today
   * and not yet chosen: supporter1–3. */
  for (guint i = 0; i < G_N_ELEMENTS (nicknames); i++)
    {
      gint64 case_id = make_case (service, ctx, i, today, error);
      g_autoptr(TsCandidateList) then = NULL;
      g_autoptr(TsCandidateList) now = NULL;
      g_autoptr(TsAssignmentRecord) assignment = NULL;
      TsAssignmentInput input = { .case_id = case_id, .starts_on = start, .role = "primary" };

      if (case_id == 0)
        return FALSE;
      case_ids[i] = case_id;
      then = ts_service_matching_candidates (service, ctx, case_id, start, 100, error);
      now = then != NULL ? ts_service_matching_candidates (service, ctx, case_id, today, 100, error)
                         : NULL;
      if (now == NULL)
        return ts_cli_report (ctx, *error);
      for (guint k = 0; k < then->ranking->candidates->len && input.supporter_id == 0; k++)
        {
          gint64 id = g_array_index (then->ranking->candidates, TsMatchCandidate, k).supporter_id;
          /* One case each: nobody already supporting another. */
          gboolean taken = g_array_index (then->details, TsCandidateDetail, k).pair.active_cases > 0;

          for (guint j = 0; j < supporter_ids->len; j++)
            taken |= g_array_index (supporter_ids, gint64, j) == id;
          if (!taken && listed (now, id))
            {
              g_autoptr(TsSupporterView) s = ts_service_supporter_get (service, ctx, id,
                                                                      TS_DATE_NONE, NULL);

              /* Reports need the registration before their date. */
              if (s != NULL && s->record->registered_on != TS_DATE_NONE &&
                  s->record->registered_on <= start)
                input.supporter_id = id;
            }
        }
      if (input.supporter_id == 0)
        continue;
      assignment = ts_service_assignment_create (service, ctx, &input, error);
      if (assignment == NULL)
        return ts_cli_report (ctx, *error);
      g_array_append_val (supporter_ids, input.supporter_id);

      /* Two visits a month, approved; the last ones wait for approval. */
      for (TsDate visit = ts_date_add_days (start, 3 + (int) i); visit < today;
           visit = ts_date_add_days (visit, 14))
        {
          gboolean recent = ts_date_add_days (visit, 16) >= today;

          if (!report (service, ctx, assignment->id, visit, 10 * 60 + 60 * (int) i, recent, error))
            return FALSE;
        }
      if (!plan_visits (service, ctx, assignment->id, today, (int) i, error))
        return FALSE;
    }

  /* 職親 placements of these cases, their past days attended: the hosts'
   * stipends are in the months issued below. */
  if (!ts_cli_demo_placements (service, today, orgs, bakery_id, case_ids, G_N_ELEMENTS (case_ids),
                               error))
    return FALSE;

  /* The months before last are issued; last month is approved and waits
   * for its statements. */
  ts_date_get_ymd (today, &y, &m, &d);
  for (int back = 3; back >= 2; back--)
    {
      char month[8];
      g_autoptr(TsStatementMonth) issued = NULL;
      TsDate first = ts_date_new (m - back >= 1 ? y : y - 1, m - back >= 1 ? m - back : m - back + 12, 1);

      month_text (first, month);
      issued = ts_service_statements_issue (service, admin, month, error);
      if (issued == NULL)
        return ts_cli_report (admin, *error);
    }
  return TRUE;
}
