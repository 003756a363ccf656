/*
 * tsunagari demo: fills a database with synthetic, obviously fictional data.
 *
 * One prefecture, 栃木県, with its real municipality codes; about 150
 * supporters (the number Tochigi had registered, seed 002) whose training
 * histories spread over six years so that every qualification status
 * occurs; initial and follow-up courses (three sessions as in Bunkyo's
 * course, seed 004; capacity 50 as in Kagawa's, seed 002); and one account
 * for every role.  Every name ends in （架空）, "fictional".
 *
 * Organisations (SPEC 2.6, seed 002 栃木): 栃木県 is the first
 * organisation, with 宇都宮市 and 那須町 (municipalities running the
 * scheme) and a 社会福祉協議会 (an agency) below it.  Supporters, cases and
 * hosts are spread over the four, each created by a context of its
 * organisation; a municipality's own live in it.  Every organisation has a
 * coordinator; the auditor is the prefecture's and sees all four.  The
 * logins the README and the browser tests use (coordinator, auditor,
 * supporter1–3) are the prefecture's; host1 is its host's (宇都宮市).
 *
 * Everything goes through the same use cases as the REST API, so the demo
 * database is also audited like a real one.  A fixed seed makes it the same
 * for the same "today".
 */
#include "cli/cli.h"

#include <stdio.h>

#include "core/i18n.h"
#include "service/cases.h"
#include "service/dispatch.h"
#include "service/hosts.h"
#include "service/matching.h"
#include "service/organisations.h"
#include "service/reference.h"
#include "service/supporters.h"
#include "service/training.h"
#include "service/users.h"

#define DEMO_SUPPORTERS 150
#define DEMO_PASSWORD "demo-password-1234"

static const char *const surnames[][2] = {
  { "青空", "アオゾラ" }, { "山風", "ヤマカゼ" }, { "川辺", "カワベ" }, { "森野", "モリノ" },
  { "花園", "ハナゾノ" }, { "月見", "ツキミ" }, { "海原", "ウナバラ" }, { "雪村", "ユキムラ" },
  { "若葉", "ワカバ" }, { "朝日", "アサヒ" }, { "夕凪", "ユウナギ" }, { "星川", "ホシカワ" },
  { "野原", "ノハラ" }, { "木漏", "コモレ" }, { "春野", "ハルノ" }, { "秋穂", "アキホ" },
};
static const char *const given[][3] = {
  { "はるか", "ハルカ", "female" }, { "ゆう", "ユウ", "other" }, { "太一", "タイチ", "male" },
  { "さくら", "サクラ", "female" }, { "健", "ケン", "male" }, { "陽子", "ヨウコ", "female" },
  { "大地", "ダイチ", "male" }, { "みどり", "ミドリ", "female" }, { "翔", "ショウ", "male" },
  { "和子", "カズコ", "female" }, { "誠", "マコト", "male" }, { "光", "ヒカル", "unspecified" },
};
static const char *const skill_names[] = {
  "home_visit", "accompany", "phone", "space", "family_support", "online",
};
static const char *const interest_names[] = {
  "ゲーム", "音楽", "読書", "アニメ", "料理", "散歩", "釣り", "写真", "将棋", "園芸",
  "鉄道", "プログラミング", "映画", "手芸",
};
static const char *const occupations[] = {
  "会社員", "自営業", "学生", "主婦・主夫", "退職者", "社会福祉士", "精神保健福祉士",
  "教員", "看護師", "公務員",
};

static TsDate
random_date_between (GRand *rand, TsDate from, TsDate to)
{
  if (to <= from)
    return from;
  return from + (TsDate) g_rand_int_range (rand, 0, (gint32) (to - from + 1));
}

/* A point near the municipality, reproducible from its code: synthetic,
 * inside 栃木県's bounding box (36.2–37.1 N, 139.3–140.3 E).  The
 * demo's cases (cli-demo-cases.c) are placed the same way. */
void
ts_cli_demo_location (GRand *rand, const char *code, double *lat, double *lon)
{
  guint h = g_str_hash (code);
  double clat = 36.25 + (h % 1000) / 1000.0 * 0.8;
  double clon = 139.35 + ((h / 1000) % 1000) / 1000.0 * 0.9;

  *lat = clat + g_rand_double_range (rand, -0.03, 0.03);
  *lon = clon + g_rand_double_range (rand, -0.03, 0.03);
}

static char **
pick (GRand *rand, const char *const *names, guint n, guint min, guint max)
{
  GPtrArray *out = g_ptr_array_new ();
  guint want = (guint) g_rand_int_range (rand, (gint32) min, (gint32) max + 1);

  for (guint i = 0; i < n && out->len < want; i++)
    if (g_rand_int_range (rand, 0, (gint32) n) < (gint32) (want * 2))
      g_ptr_array_add (out, g_strdup (names[i]));
  if (out->len == 0)
    g_ptr_array_add (out, g_strdup (names[g_rand_int_range (rand, 0, (gint32) n)]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

TsContext *
ts_cli_demo_context (gint64 organisation_id)
{
  TsContext *ctx = ts_context_new_local ();

  ts_context_set_scope (ctx, organisation_id, &organisation_id, 1);
  return ctx;
}

/* Supporter @n's organisation: two in five the prefecture's, one each of
 * the municipalities (living there) and the agency. */
static gint64
supporter_organisation (const TsCliDemoOrganisations *orgs, guint n, const char **code)
{
  switch (n % 5)
    {
    case 2:
      *code = "092011";
      return orgs->utsunomiya;
    case 3:
      *code = "094072";
      return orgs->nasu;
    case 4:
      return orgs->agency;
    default:
      return orgs->prefecture;
    }
}

/* One supporter with a training history ending in the status wanted. */
static gint64
make_supporter (TsService *service, GRand *rand, GPtrArray *codes, guint n, TsDate today,
                const TsCliDemoOrganisations *orgs, GError **error)
{
  const char *code = codes->pdata[g_rand_int_range (rand, 0, (gint32) codes->len)];
  gint64 organisation_id = supporter_organisation (orgs, n, &code);
  g_autoptr(TsContext) ctx = ts_cli_demo_context (organisation_id);
  g_autoptr(TsSupporterView) view = NULL;
  guint s = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames));
  guint g = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (given));
  g_autofree char *name = g_strdup_printf ("%s %s（架空）", surnames[s][0], given[g][0]);
  g_autofree char *kana = g_strdup_printf ("%s %s", surnames[s][1], given[g][1]);
  g_auto(GStrv) skills = pick (rand, skill_names, G_N_ELEMENTS (skill_names), 1, 4);
  g_auto(GStrv) interests = pick (rand, interest_names, G_N_ELEMENTS (interest_names), 1, 4);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
  TsSupporterRecord draft = { 0 };
  int fiscal_year = ts_fiscal_year (today);
  int roll = g_rand_int_range (rand, 0, 100);
  TsDate initial = TS_DATE_NONE;
  TsDate registered;
  gint64 id;

  for (int i = g_rand_int_range (rand, 1, 4); i > 0; i--)
    {
      int from = g_rand_int_range (rand, 9, 17) * 60;
      TsAvailabilitySlot slot = { g_rand_int_range (rand, 1, 8), from,
                                  from + g_rand_int_range (rand, 2, 5) * 60 };
      gboolean dup = FALSE;
      for (guint k = 0; k < slots->len; k++)
        dup |= g_array_index (slots, TsAvailabilitySlot, k).weekday == slot.weekday;
      if (!dup)
        g_array_append_val (slots, slot);
    }

  draft.name = name;
  draft.name_kana = kana;
  draft.gender = (char *) given[g][2];
  draft.birth_year = g_rand_int_range (rand, 1950, 2004);
  draft.municipality_code = (char *) code;
  draft.has_location = TRUE;
  ts_cli_demo_location (rand, code, &draft.lat, &draft.lon);
  draft.occupation = (char *) occupations[g_rand_int_range (rand, 0, G_N_ELEMENTS (occupations))];
  draft.peer_experience = (char *) (roll % 7 == 0 ? "self" : roll % 5 == 0 ? "family" : "none");
  draft.skills = skills;
  draft.interests = interests;
  draft.availability = slots;
  draft.max_cases = g_rand_int_range (rand, 1, 4);
  /* Volunteer insurance runs to 31 March; a few let it lapse or never had it. */
  if (roll % 11 == 0)
    draft.insurance_until = TS_DATE_NONE;
  else if (roll % 13 == 0)
    draft.insurance_until = ts_date_new (fiscal_year, 3, 31);
  else
    draft.insurance_until = ts_date_new (fiscal_year + 1, 3, 31);

  view = ts_service_supporter_create (service, ctx, &draft, G_MAXUINT, error);
  if (view == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  id = view->record->id;

  /* Every twelfth person is still waiting for the initial course. */
  if (n % 12 == 11)
    return id;

  initial = random_date_between (rand, ts_date_add_years (today, -6), ts_date_add_days (today, -20));
  {
    TsTrainingInput t = { "initial", initial, 0 };
    g_clear_pointer (&view, ts_supporter_view_free);
    view = ts_service_supporter_add_training (service, ctx, id, &t, error);
    if (view == NULL)
      return ts_cli_report (ctx, *error) ? 0 : 0;
  }
  /* Follow-ups every three years, taken a little before the due date —
   * except by about a third, who let the qualification lapse. */
  for (TsDate last = initial;;)
    {
      TsDate due = ts_date_add_years (last, 3);
      TsDate taken = ts_date_add_days (due, -g_rand_int_range (rand, 0, 60));
      TsTrainingInput t = { "follow_up", taken, 0 };

      if (taken > today || g_rand_int_range (rand, 0, 3) == 0)
        break;
      g_clear_pointer (&view, ts_supporter_view_free);
      view = ts_service_supporter_add_training (service, ctx, id, &t, error);
      if (view == NULL)
        return ts_cli_report (ctx, *error) ? 0 : 0;
      last = taken;
    }

  if (n % 12 == 10)             /* trained, not yet registered */
    return id;
  registered = ts_date_add_days (initial, g_rand_int_range (rand, 7, 60));
  g_clear_pointer (&view, ts_supporter_view_free);
  view = ts_service_supporter_register (service, ctx, id, MIN (today, registered), NULL, error);
  if (view == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  if (n % 25 == 7)
    {
      g_clear_pointer (&view, ts_supporter_view_free);
      view = ts_service_supporter_suspend (service, ctx, id, "デモ: 休止の申し出", error);
    }
  else if (n % 31 == 5)
    {
      g_clear_pointer (&view, ts_supporter_view_free);
      view = ts_service_supporter_retire (service, ctx, id, "デモ: 転居", error);
    }
  if (view == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  return id;
}

/* A course of three sessions; past sessions get attendance, so that the
 * people who attended all of them complete it. */
static gboolean
make_course (TsService *service, const char *kind, const char *title, TsDate first,
             GArray *ids, guint from, guint count, TsDate today, GError **error)
{
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsTrainingCourse) course = NULL;
  TsSessionInput sessions[3] = {
    { first, "第1回 ひきこもりの理解" },
    { ts_date_add_days (first, 7), "第2回 家族支援と傾聴" },
    { ts_date_add_days (first, 14), "第3回 訪問・同行の実際" },
  };
  TsCourseInput input = { kind, title, 50, sessions, 3 };

  course = ts_service_training_course_create (service, ctx, &input, error);
  if (course == NULL)
    return ts_cli_report (ctx, *error);
  for (guint i = from; i < from + count && i < ids->len; i++)
    {
      g_autoptr(TsEnrolment) enrolment = NULL;
      gint64 sid = g_array_index (ids, gint64, i);

      enrolment = ts_service_training_enrol (service, ctx, course->id, sid, NULL);
      if (enrolment == NULL)
        continue;                /* retired people cannot enrol */
      for (guint k = 0; k < course->sessions->len; k++)
        {
          TsTrainingSession *session = course->sessions->pdata[k];
          g_autoptr(TsEnrolment) updated = NULL;

          if (session->held_on > today)
            break;
          /* One in seven missed the last session and has not completed. */
          updated = ts_service_training_attendance_set (service, ctx, course->id, session->id, sid,
                                                        !(k == 2 && i % 7 == 0), error);
          if (updated == NULL)
            return ts_cli_report (ctx, *error);
        }
    }
  return TRUE;
}

/* Two 職親 businesses (Akita's scheme, seed 002): one registered after its
 * pre-visit survey (宇都宮市's), one still waiting for it (那須町's).  The
 * first is host1's. */
static gint64
make_hosts (TsService *service, TsDate today, const TsCliDemoOrganisations *orgs,
            GError **error)
{
  g_autoptr(TsContext) ctx = ts_cli_demo_context (orgs->utsunomiya);
  g_autoptr(TsContext) nasu = ts_cli_demo_context (orgs->nasu);
  g_autoptr(TsHostView) bakery = NULL;
  g_autoptr(TsHostView) farm = NULL;
  g_autoptr(TsHostView) surveyed = NULL;
  TsHostRecord draft = { 0 };
  TsHostSurveyInput survey = { ts_date_add_days (today, -60), "approved", NULL };

  draft.name = (char *) "ひだまりベーカリー（架空）";
  draft.municipality_code = (char *) "092011";
  draft.industry = (char *) "パン製造・販売";
  draft.contact_person = (char *) "店長（架空）";
  draft.capacity_per_day = 2;
  for (int d = 1; d <= 5; d++)         /* Monday to Friday */
    draft.weekdays_open |= TS_WEEKDAY_BIT (d);
  bakery = ts_service_host_create (service, ctx, &draft, G_MAXUINT, error);
  if (bakery == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  surveyed = ts_service_host_survey (service, ctx, bakery->record->id, &survey, error);
  if (surveyed == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;

  draft.name = (char *) "みどり農園（架空）";
  draft.municipality_code = (char *) "094072";
  draft.industry = (char *) "農業";
  draft.capacity_per_day = 3;
  farm = ts_service_host_create (service, nasu, &draft, G_MAXUINT, error);
  if (farm == NULL)
    return ts_cli_report (nasu, *error) ? 0 : 0;
  return bakery->record->id;
}

/* @organisation_id 0: a supporter's or host's account goes with its
 * record's organisation. */
static gboolean
make_user (TsService *service, const char *login, TsRole role, gint64 organisation_id,
           gint64 supporter_id, gint64 host_id, GError **error)
{
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsUser) user = NULL;
  TsUserInput input = { login, DEMO_PASSWORD, role, supporter_id, host_id, organisation_id,
                        NULL };

  user = ts_service_user_create (service, ctx, &input, error);
  return user != NULL || ts_cli_report (ctx, *error);
}

static gint64
make_organisation (TsService *service, const char *name, TsOrganisationKind kind,
                   const char *code, gint64 parent_id, GError **error)
{
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsOrganisationView) view = NULL;
  g_autoptr(TsOrganisationRecord) draft = ts_organisation_record_new ();

  draft->name = g_strdup (name);
  draft->kind = kind;
  draft->municipality_code = g_strdup (code);
  draft->parent_id = parent_id;
  view = ts_service_organisation_create (service, ctx, draft, G_MAXUINT, error);
  if (view == NULL)
    return ts_cli_report (ctx, *error) ? 0 : 0;
  return view->record->id;
}

/* 栃木県 names the installation's first organisation; the others are
 * below it. */
static gboolean
make_organisations (TsService *service, TsCliDemoOrganisations *orgs, GError **error)
{
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(TsOrganisationView) first = NULL;

  first = ts_service_organisation_name_first (service, ctx, "栃木県", "090000", error);
  if (first == NULL)
    return ts_cli_report (ctx, *error);
  orgs->prefecture = first->record->id;
  orgs->utsunomiya = make_organisation (service, "宇都宮市", TS_ORGANISATION_MUNICIPALITY,
                                        "092011", orgs->prefecture, error);
  if (orgs->utsunomiya == 0)
    return FALSE;
  orgs->nasu = make_organisation (service, "那須町", TS_ORGANISATION_MUNICIPALITY, "094072",
                                  orgs->prefecture, error);
  if (orgs->nasu == 0)
    return FALSE;
  orgs->agency = make_organisation (service, "とちぎ社会福祉協議会（架空）",
                                    TS_ORGANISATION_AGENCY, "090000", orgs->prefecture, error);
  return orgs->agency != 0;
}

/* The demo's dispatch requests (SPEC 2.6; 千葉, seed 002: a municipality
 * asks the prefecture for one of its registered supporters): 那須町 asks
 * for two of its open cases; the prefecture accepts the first with its best
 * candidate and leaves the second pending.  Runs after every supporter,
 * case, host and account. */
static gboolean
make_dispatch_requests (TsService *service, const TsCliDemoOrganisations *orgs, TsDate today,
                        GError **error)
{
  g_autoptr(TsContext) nasu = ts_cli_demo_context (orgs->nasu);
  g_autoptr(TsContext) prefecture = ts_cli_demo_context (orgs->prefecture);
  g_autoptr(GPtrArray) open = NULL;
  guint asked = 0;

  open = ts_service_case_list_open_for_matching (service, nasu, error);
  if (open == NULL)
    return ts_cli_report (nasu, *error);
  for (guint i = 0; i < open->len && asked < 2; i++)
    {
      const TsCaseMatchInfo *info = open->pdata[i];
      g_autoptr(TsDispatchView) request = NULL;
      TsDispatchRequestRecord draft = { 0 };

      if (!ts_case_record_has_consent (info->record, TS_CONSENT_SHARE_WITH_AGENCY))
        continue;
      draft.case_id = info->record->id;
      draft.to_organisation_id = orgs->prefecture;
      draft.note = (char *) (asked == 0 ? "町内に登録サポーターがいないため、県のサポーターの派遣を希望します（デモ）"
                                        : "週末の訪問ができるサポーターを希望します（デモ）");
      request = ts_service_dispatch_create (service, nasu, &draft, G_MAXUINT, error);
      if (request == NULL)
        return ts_cli_report (nasu, *error);
      if (asked++ == 0)
        {
          g_autoptr(TsCandidateList) list = NULL;
          g_autoptr(TsAssignmentRecord) assignment = NULL;
          const TsMatchCandidate *best;

          list = ts_service_dispatch_candidates (service, prefecture, request->record->id, today,
                                                 1, error);
          if (list == NULL)
            return ts_cli_report (prefecture, *error);
          if (list->ranking->candidates->len == 0)
            continue;
          best = &g_array_index (list->ranking->candidates, TsMatchCandidate, 0);
          assignment = ts_service_dispatch_accept (service, prefecture, request->record->id,
                                                   best->supporter_id, today, NULL, 0, error);
          if (assignment == NULL)
            return ts_cli_report (prefecture, *error);
        }
    }
  return TRUE;
}

int
ts_cli_demo (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240401);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  TsCliDemoOrganisations orgs = { 0 };
  TsDate today = ts_date_today ();
  int supporters = DEMO_SUPPORTERS;
  gint64 host_id;
  const GOptionEntry entries[] = {
    { "supporters", 0, 0, G_OPTION_ARG_INT, &supporters, N_("How many supporters to create (default 150)"), N_("N") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Fills the database with synthetic, obviously fictional data for\n"
                               "栃木県: supporters with six years of training history, courses,\n"
                               "and one account per role (password demo-password-1234)."),
                             &database, entries))
    return 2;
  if (supporters < 10 || supporters > 100000)
    return ts_cli_usage_error (_("--supporters must be between 10 and 100000"));
  service = ts_cli_open (database, NULL);
  if (service == NULL)
    return 1;

  if (!make_organisations (service, &orgs, &error))
    return 1;
  codes = ts_service_local_municipality_codes ("09");
  for (int i = 0; i < supporters; i++)
    {
      gint64 id = make_supporter (service, rand, codes, (guint) i, today, &orgs, &error);
      if (id == 0)
        return 1;
      g_array_append_val (ids, id);
      ts_cli_progress (_("Supporters"), (guint64) i + 1, (guint64) supporters);
    }

  if (!make_course (service, "initial", "ひきこもりサポーター養成研修（前期）",
                    ts_date_add_days (today, -150), ids, 0, 12, today, &error) ||
      !make_course (service, "initial", "ひきこもりサポーター養成研修（後期）",
                    ts_date_add_days (today, -10), ids, 12, 10, today, &error) ||
      !make_course (service, "follow_up", "フォローアップ研修",
                    ts_date_add_days (today, 30), ids, 22, 15, today, &error))
    return 1;
  ts_cli_progress (_("Courses"), 1, 1);
  /* About 40 cases modelled on Bunkyo's three examples (seed 004). */
  if (!ts_cli_demo_cases (service, rand, today, 40, &orgs, &error))
    return 1;

  host_id = make_hosts (service, today, &orgs, &error);
  if (host_id == 0 ||
      !make_user (service, "coordinator", TS_ROLE_COORDINATOR, orgs.prefecture, 0, 0, &error) ||
      !make_user (service, "auditor", TS_ROLE_AUDITOR, orgs.prefecture, 0, 0, &error) ||
      !make_user (service, "coordinator-utsunomiya", TS_ROLE_COORDINATOR, orgs.utsunomiya, 0, 0,
                  &error) ||
      !make_user (service, "coordinator-nasu", TS_ROLE_COORDINATOR, orgs.nasu, 0, 0, &error) ||
      !make_user (service, "coordinator-agency", TS_ROLE_COORDINATOR, orgs.agency, 0, 0,
                  &error) ||
      !make_user (service, "host1", TS_ROLE_HOST, 0, 0, host_id, &error))
    return 1;
  if (!make_dispatch_requests (service, &orgs, today, &error))
    return 1;
  /* supporter1–3: registered supporters of the prefecture, whom its
   * coordinator (and the browser tests signed in as it) can see, each
   * supporting a case with months of reports (cli-demo-money.c). */
  if (!ts_cli_demo_money (service, today, &orgs, host_id, chosen, &error))
    return 1;
  for (guint i = 0; i < chosen->len; i++)
    {
      g_autofree char *login = g_strdup_printf ("supporter%u", i + 1);

      if (!make_user (service, login, TS_ROLE_SUPPORTER, 0, g_array_index (chosen, gint64, i), 0,
                      &error))
        return 1;
    }
  for (guint i = 0, made = chosen->len; i < ids->len && made < 3; i++)
    {
      g_autoptr(TsContext) ctx = ts_cli_demo_context (orgs.prefecture);
      g_autoptr(TsSupporterView) view = ts_service_supporter_get (service, ctx,
                                                                  g_array_index (ids, gint64, i),
                                                                  TS_DATE_NONE, NULL);
      g_autofree char *login = NULL;
      gboolean taken = FALSE;

      for (guint j = 0; j < chosen->len; j++)
        taken |= g_array_index (chosen, gint64, j) == g_array_index (ids, gint64, i);
      if (taken || view == NULL || view->record->status != TS_SUPPORTER_REGISTERED ||
          view->record->organisation_id != orgs.prefecture)
        continue;
      login = g_strdup_printf ("supporter%u", ++made);
      if (!make_user (service, login, TS_ROLE_SUPPORTER, 0, view->record->id, 0, &error))
        return 1;
    }
  if (!ts_cli_demo_events (service, today, &orgs, chosen, &error))
    return 1;
  printf (_("Demo data: %d supporters, 40 cases, 3 courses, accounts coordinator, auditor, "
            "host1, supporter1–3 (password %s)."), supporters, DEMO_PASSWORD);
  putchar ('\n');
  printf ("%s\n", _("Organisations: 栃木県 (the first), 宇都宮市, 那須町 and an agency below it, "
                    "with the coordinators coordinator-utsunomiya, coordinator-nasu and "
                    "coordinator-agency."));
  printf ("%s\n", _("Dispatch requests: 那須町 asked 栃木県 for a supporter twice; one is "
                    "accepted, one waits for coordinator."));
  return 0;
}
