/*
 * The demo's 職親 placements (issue 14): the placements page, a host's page
 * and its calendar, and host1's own page all have something to show.
 *
 *   あおぞら作業所（架空）, the prefecture's host, registered after its survey:
 *     さくらさん  a regular placement of three weeks about two and a half
 *                months ago, attended but for one day;
 *     ひかりさん  a short one of a week a month ago, and a regular one
 *                running now (its past days attended);
 *     みどりさん  an upcoming week, its pre-interview still planned.
 *   ひだまりベーカリー（架空）, host1's (宇都宮市):
 *     つばささん  a 宇都宮市 case placed there for the weeks around today,
 *                its past days attended.
 *
 * The three prefecture cases are cli-demo-money.c's (consent to matching,
 * support and placement); attendance pays the hosts their stipend, so the
 * months issued after this include the hosts' statements.  Everything goes
 * through the same use cases as the REST API.
 */
#include "cli/cli.h"

#include "service/cases.h"
#include "service/hosts.h"
#include "service/placements.h"

static const char *const attendees[] = { "participant", "family", "host", "coordinator", NULL };

/* @n weekdays (Monday to Friday) from @first on. */
static GArray *
weekdays_from (TsDate first, guint n)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (TsDate));

  for (TsDate d = first; days->len < n; d = ts_date_add_days (d, 1))
    if (ts_date_get_weekday (d) <= 5)
      g_array_append_val (days, d);
  return days;
}

/* A placement of @n weekdays from @first, public holidays left out; the
 * pre-interview held a few
 * days before it, or (@planned) planned for a day before it.  Every past
 * day is recorded as attended but the @absent'th (G_MAXUINT: none). */
static gboolean
place (TsService *service, TsContext *ctx, gint64 case_id, gint64 host_id, TsDate first,
       guint n, gboolean planned, guint absent, TsDate today, GError **error)
{
  g_autoptr(GArray) days = weekdays_from (first, n + 5);
  g_autoptr(TsPlacementView) view = NULL;
  TsPlacementInput in = { 0 };
  TsDate interview = ts_date_add_days (g_array_index (days, TsDate, 0), planned ? -2 : -5);

  in.case_id = case_id;
  in.host_id = host_id;
  in.days = (const TsDate *) days->data;
  in.n_days = days->len;
  in.has_days = TRUE;
  in.hours_per_day = 4;
  in.attendees = attendees;
  in.n_attendees = g_strv_length ((char **) attendees);
  if (planned)
    {
      in.planned_on = interview < today ? today : interview;
      in.has_planned_on = TRUE;
    }
  else
    {
      in.held_on = interview > today ? today : interview;
      in.has_held_on = TRUE;
    }
  /* Checked first, as the desk's form does: the demo leaves out the days
   * it warns about (public holidays) rather than placing anyone on them. */
  {
    g_autoptr(TsPlacementCheck) check = ts_service_placement_check (service, ctx, &in, error);
    guint kept = 0;

    if (check == NULL)
      return ts_cli_report (ctx, *error);
    for (guint i = 0; i < days->len; i++)
      {
        TsDate d = g_array_index (days, TsDate, i);
        gboolean warned = FALSE;

        for (guint j = 0; j < check->warnings->len; j++)
          warned |= g_array_index (check->warnings, TsPlacementWarning, j).date == d;
        if (!warned && kept < n)
          g_array_index (days, TsDate, kept++) = d;
      }
    g_array_set_size (days, kept);
    in.days = (const TsDate *) days->data;
    in.n_days = days->len;
  }
  view = ts_service_placement_create (service, ctx, &in, error);
  if (view == NULL)
    return ts_cli_report (ctx, *error);
  for (guint i = 0; i < days->len && !planned; i++)
    {
      TsDate d = g_array_index (days, TsDate, i);
      TsAttendanceResult result;

      if (d >= today)
        break;
      if (!ts_service_placement_attendance (service, ctx, view->record->id, d, i != absent, &result,
                                            error))
        return ts_cli_report (ctx, *error);
    }
  return TRUE;
}

/* A registered host of @ctx's organisation, open Monday to Friday. */
static gint64
make_host (TsService *service, TsContext *ctx, const char *name, const char *industry,
           int capacity, TsDate surveyed_on, GError **error)
{
  g_autoptr(TsHostView) host = NULL;
  g_autoptr(TsHostView) surveyed = NULL;
  TsHostRecord draft = { 0 };
  TsHostSurveyInput survey = { surveyed_on, "approved", NULL };

  draft.name = (char *) name;
  draft.municipality_code = (char *) "092011";
  draft.industry = (char *) industry;
  draft.contact_person = (char *) "施設長（架空）";
  draft.capacity_per_day = capacity;
  draft.weekdays_open = TS_WEEKDAYS_MONDAY_TO_FRIDAY;
  host = ts_service_host_create (service, ctx, &draft, G_MAXUINT, error);
  if (host == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  surveyed = ts_service_host_survey (service, ctx, host->record->id, &survey, error);
  if (surveyed == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  return host->record->id;
}

/* 宇都宮市's case for host1's bakery: consent to support and placement,
 * assessed. */
static gint64
make_case (TsService *service, TsContext *ctx, TsDate today, GError **error)
{
  const char *const needs[] = { "accompany", NULL };
  const char *const interests[] = { "料理", "パン作り", NULL };
  const char *const participants[] = { "coordinator", NULL };
  TsAssessmentInput a = { ts_date_add_days (today, -50), participants,
                          "デモ: ケース会議で職親での就労体験を検討（架空）" };
  TsCaseRecord draft = { 0 };

  draft.nickname = (char *) "つばささん（架空）";
  draft.municipality_code = (char *) "092011";
  draft.age_band = (char *) "20s";
  draft.gender = (char *) "female";
  draft.household = (char *) "three_plus";
  draft.withdrawal_years = 4;
  draft.needs = (char **) needs;
  draft.interests = (char **) interests;
  draft.referred_by = (char *) "welfare_office";
  draft.referring_agency = (char *) "生活福祉課（架空）";
  draft.consent_obtained_on = ts_date_add_days (today, -60);
  draft.consent_scope = TS_CONSENT_SUPPORT | TS_CONSENT_PLACEMENT;
  return ts_cli_demo_assessed_case (service, ctx, &draft, &a, error);
}

gboolean
ts_cli_demo_placements (TsService *service, TsDate today, const TsCliDemoOrganisations *orgs,
                        gint64 bakery_id, const gint64 *case_ids, guint n_cases, GError **error)
{
  g_autoptr(TsContext) prefecture = ts_cli_demo_context (orgs->prefecture);
  g_autoptr(TsContext) utsunomiya = ts_cli_demo_context (orgs->utsunomiya);
  gint64 host, tsubasa;
  TsDate first;

  g_return_val_if_fail (TS_IS_SERVICE (service), FALSE);
  g_return_val_if_fail (n_cases >= 3, FALSE);

  host = make_host (service, prefecture, "あおぞら作業所（架空）", "軽作業・袋詰め", 3,
                    ts_date_add_days (today, -120), error);
  if (host == 0)
    return FALSE;
  /* さくら: three weeks from a Monday about 75 days ago, one day absent. */
  first = ts_date_add_days (today, -75);
  while (ts_date_get_weekday (first) != 1)
    first = ts_date_add_days (first, 1);
  if (!place (service, prefecture, case_ids[0], host, first, 15, FALSE, 6,
              today, error))
    return FALSE;
  /* ひかり: a week a month ago, then the weeks around today. */
  first = ts_date_add_days (today, -35);
  while (ts_date_get_weekday (first) != 1)
    first = ts_date_add_days (first, 1);
  if (!place (service, prefecture, case_ids[1], host, first, 5, FALSE, G_MAXUINT, today, error) ||
      !place (service, prefecture, case_ids[1], host, ts_date_add_days (today, -9), 12, FALSE,
              G_MAXUINT, today, error))
    return FALSE;
  /* みどり: a week from next week on, the pre-interview planned. */
  if (!place (service, prefecture, case_ids[2], host, ts_date_add_days (today, 7), 5, TRUE,
              G_MAXUINT, today, error))
    return FALSE;

  tsubasa = make_case (service, utsunomiya, today, error);
  if (tsubasa == 0 ||
      !place (service, utsunomiya, tsubasa, bakery_id, ts_date_add_days (today, -8), 10, FALSE,
              G_MAXUINT, today, error))
    return FALSE;
  return TRUE;
}
