/*
 * The demo's cases (issue 4): about forty pseudonymous cases in 栃木県
 * modelled on the three examples of Bunkyo's scheme (seed 004):
 *
 *   A → M  a woman in her sixties in a two-person household (living with
 *          her aged mother), home visits and family support;
 *   B → N  a man in his fifties living alone, withdrawn for about thirty
 *          years, accompanied to shops, the barber and offices, and who
 *          would rather not be helped by a neighbour;
 *   C → O  a teenager referred by a special-needs school (特別支援学校),
 *          best matched with a welfare professional.
 *
 * Every nickname ends in （架空）, "fictional".  Most cases consent to
 * matching; a few do not (they can be supported but not matched), a few
 * are still inquiries, some are in matching, and a few are already active
 * with the best candidate the matcher proposes — so `scripts/run-demo`
 * shows meaningful candidate lists and a batch with work to do.
 * Everything goes through the same use cases as the REST API.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/assignments.h"
#include "service/cases.h"
#include "service/matching.h"
#include "service/reference.h"

typedef struct {
  const char        *age_band;
  const char        *gender;
  const char        *household;
  int                years_min, years_max;
  const char *const  needs[4];
  const char *const  interests[5];
  const char        *referred_by;
  const char        *agency;
  const char        *supporter_gender;   /* NULL: no preference */
  gboolean           gender_required;
  gboolean           avoid_same_municipality;
  const char        *peer_experience;    /* NULL: none */
  int                weekday, from_hour, to_hour;
} Profile;

static const Profile profiles[] = {
  /* A → M */
  { "60s", "female", "two", 10, 25, { "home_visit", "family_support", NULL },
    { "園芸", "料理", "散歩", NULL }, "community_general_support_center",
    "地域包括支援センター（架空）", "female", FALSE, FALSE, "family", 3, 10, 12 },
  /* B → N */
  { "50s", "male", "single", 25, 35, { "accompany", "home_visit", NULL },
    { "鉄道", "将棋", "釣り", NULL }, "welfare_office", "生活福祉課（架空）",
    "male", TRUE, TRUE, NULL, 2, 13, 17 },
  /* C → O */
  { "10s", "male", "three_plus", 1, 4, { "home_visit", "online", NULL },
    { "ゲーム", "アニメ", "プログラミング", NULL }, "special_needs_school",
    "特別支援学校（架空）", NULL, FALSE, FALSE, "self", 6, 13, 16 },
};

static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* Assigns the best candidate of @case_id, as a coordinator confirming the
 * matcher's first proposal would. */
static gboolean
assign_best (TsService *service, gint64 organisation_id, gint64 case_id, TsDate today,
             GError **error)
{
  g_autoptr(TsContext) ctx = ts_cli_demo_context (organisation_id);
  g_autoptr(TsCandidateList) list = NULL;
  g_autoptr(TsAssignmentRecord) record = NULL;
  TsAssignmentInput input = { .case_id = case_id, .starts_on = today, .role = "primary" };

  list = ts_service_matching_candidates (service, ctx, case_id, today, 1, error);
  if (list == NULL)
    return ts_cli_report (ctx, *error);
  if (list->ranking->candidates->len == 0)
    return TRUE;
  input.supporter_id = g_array_index (list->ranking->candidates, TsMatchCandidate, 0).supporter_id;
  record = ts_service_assignment_create (service, ctx, &input, error);
  return record != NULL || ts_cli_report (ctx, *error);
}

/* Case @i's organisation, and the code its own municipality forces (NULL:
 * anywhere in the prefecture). */
static gint64
case_organisation (const TsCliDemoOrganisations *orgs, guint i, const char **code)
{
  switch (i % 4)
    {
    case 1:
      *code = "092011";
      return orgs->utsunomiya;
    case 2:
      *code = "094072";
      return orgs->nasu;
    case 3:
      return orgs->agency;
    default:
      return orgs->prefecture;
    }
}

/* Creates the case of @draft and assesses it with @assessment; its id, 0
 * after a failure (reported). */
gint64
ts_cli_demo_assessed_case (TsService               *service,
                           TsContext               *ctx,
                           const TsCaseRecord      *draft,
                           const TsAssessmentInput *assessment,
                           GError                 **error)
{
  g_autoptr(TsCaseView) view = NULL;
  gint64 id;

  view = ts_service_case_create (service, ctx, draft, G_MAXUINT, error);
  if (view == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  id = view->record->id;
  g_clear_pointer (&view, ts_case_view_free);
  view = ts_service_case_assess (service, ctx, id, assessment, error);
  if (view == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  return id;
}

gboolean
ts_cli_demo_cases (TsService *service, GRand *rand, TsDate today, guint n_cases,
                   const TsCliDemoOrganisations *orgs, GError **error)
{
  g_autoptr(GPtrArray) codes = ts_service_local_municipality_codes ("09");

  g_return_val_if_fail (TS_IS_SERVICE (service), FALSE);
  g_return_val_if_fail (codes != NULL && codes->len > 0, FALSE);

  for (guint i = 0; i < n_cases; i++)
    {
      const Profile *p = &profiles[i % G_N_ELEMENTS (profiles)];
      const char *code = codes->pdata[g_rand_int_range (rand, 0, (gint32) codes->len)];
      gint64 organisation_id = case_organisation (orgs, i, &code);
      g_autoptr(TsContext) ctx = ts_cli_demo_context (organisation_id);
      g_autoptr(TsCaseView) view = NULL;
      g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
      g_autofree char *nickname = g_strdup_printf ("%cさん（架空）", letters[(i * 7) % 26]);
      TsAvailabilitySlot slot = { p->weekday, p->from_hour * 60, p->to_hour * 60 };
      TsCaseRecord draft = { 0 };
      gint64 id;

      ts_cli_progress (_("Cases"), i, n_cases);
      g_array_append_val (slots, slot);
      draft.nickname = nickname;
      draft.municipality_code = (char *) code;
      draft.age_band = (char *) p->age_band;
      draft.gender = (char *) p->gender;
      draft.household = (char *) p->household;
      draft.withdrawal_years = g_rand_int_range (rand, p->years_min, p->years_max + 1);
      draft.needs = (char **) p->needs;
      draft.interests = (char **) p->interests;
      draft.has_location = TRUE;
      ts_cli_demo_location (rand, code, &draft.lat, &draft.lon);
      draft.preferences.supporter_gender = (char *) p->supporter_gender;
      draft.preferences.gender_required = p->gender_required;
      draft.preferences.avoid_same_municipality = p->avoid_same_municipality;
      draft.preferences.peer_experience = (char *) p->peer_experience;
      draft.preferences.availability = slots;
      draft.referred_by = (char *) p->referred_by;
      draft.referring_agency = (char *) p->agency;
      draft.consent_obtained_on = ts_date_add_days (today, -g_rand_int_range (rand, 10, 200));
      /* A few consented to support only: they show as consent_missing in
       * a batch and cannot be matched. */
      draft.consent_scope = i % 9 == 4 ? TS_CONSENT_SUPPORT
                                       : TS_CONSENT_MATCHING | TS_CONSENT_SUPPORT;
      /* 那須町 may ask the prefecture for one of its supporters (千葉's
       * scheme, seed 002): its families agree to share the case with it. */
      if (organisation_id == orgs->nasu && draft.consent_scope != TS_CONSENT_SUPPORT)
        {
          draft.consent_scope |= TS_CONSENT_SHARE_WITH_AGENCY;
          draft.consent_agency = (char *) "栃木県ひきこもり地域支援センター（架空）";
        }

      view = ts_service_case_create (service, ctx, &draft, G_MAXUINT, error);
      if (view == NULL)
        return ts_cli_report (ctx, *error);
      id = view->record->id;

      /* Every tenth is still an inquiry waiting for its case conference. */
      if (i % 10 == 9)
        continue;
      {
        const char *const participants[] = { "coordinator", p->agency, NULL };
        TsAssessmentInput a = { ts_date_add_days (draft.consent_obtained_on, 7), participants,
                                "デモ: ケース会議で支援方針を確認（架空）" };
        g_clear_pointer (&view, ts_case_view_free);
        view = ts_service_case_assess (service, ctx, id, &a, error);
        if (view == NULL)
          return ts_cli_report (ctx, *error);
      }
      if (i % 9 == 4)
        continue;
      if (i % 4 == 1)
        {
          g_clear_pointer (&view, ts_case_view_free);
          view = ts_service_case_start_matching (service, ctx, id, error);
          if (view == NULL)
            return ts_cli_report (ctx, *error);
        }
      /* About one in six is already being supported. */
      if (i % 6 == 2 && !assign_best (service, organisation_id, id, today, error))
        return FALSE;
    }
  ts_cli_progress (_("Cases"), n_cases, n_cases);
  return TRUE;
}
