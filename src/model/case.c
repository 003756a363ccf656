/*
 * The case resource's descriptor, vocabularies and records: see
 * model/case.h.
 */
#include "model/case.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsCaseStatus) == sizeof (int));

/* ---- vocabularies --------------------------------------------------- */

static const char *const status_names[] = {
  "inquiry", "assessed", "matching", "active", "closed", NULL,
};

const TsVocabulary ts_case_status_vocabulary = {
  status_names,
  N_("Must be one of inquiry, assessed, matching, active, closed"),
};

TS_DEFINE_VOCABULARY (ts_case_status, TsCaseStatus, ts_case_status_vocabulary)

/* In bit order: the canonical order in which a scope is stored and shown. */
static const char *const scope_names[] = {
  "matching", "support", "placement", "share_with_agency", NULL,
};

const char *
ts_consent_scope_to_string (TsConsentScope scope)
{
  for (guint i = 0; scope_names[i] != NULL; i++)
    if (scope == (1u << i))
      return scope_names[i];
  g_return_val_if_reached (NULL);
}

gboolean
ts_consent_scope_from_string (const char *text, TsConsentScope *out)
{
  for (guint i = 0; text != NULL && scope_names[i] != NULL; i++)
    if (g_str_equal (scope_names[i], text))
      {
        if (out != NULL)
          *out = (TsConsentScope) (1u << i);
        return TRUE;
      }
  return FALSE;
}

const char **
ts_consent_scope_to_strv (guint scope)
{
  const char **out = g_new0 (const char *, G_N_ELEMENTS (scope_names));
  guint n = 0;

  for (guint i = 0; scope_names[i] != NULL; i++)
    if (scope & (1u << i))
      out[n++] = scope_names[i];
  return out;
}

/* The CHECK constraints of 0004-cases.sql list the same words. */
const char *const ts_case_age_bands[] = {
  "10s", "20s", "30s", "40s", "50s", "60s", "70s+", "unknown", NULL,
};

const char *const ts_case_households[] = {
  "single", "two", "three_plus", NULL,
};

/* Who referred the case.  The kinds are those of the agencies in Bunkyo's
 * examples (seed 004: 生活あんしん拠点, 生活福祉課, 社協, 医療, 基幹相談支援センター,
 * 特支学校) and of the first contact in its statistics (本人, 家族); the
 * matcher's occupation fit keys on them (special_needs_school → welfare
 * professionals, Bunkyo's case C). */
const char *const ts_case_referral_kinds[] = {
  "family",                            /* 家族 */
  "self",                              /* 本人 */
  "welfare_office",                    /* 福祉事務所・生活福祉課 */
  "health_center",                     /* 保健所・保健センター */
  "school",                            /* 学校 */
  "special_needs_school",              /* 特別支援学校 */
  "medical",                           /* 医療機関 */
  "community_general_support_center",  /* 地域包括支援センター */
  "social_welfare_council",            /* 社会福祉協議会 */
  "disability_consultation_center",    /* 基幹相談支援センター・計画相談 */
  "hikikomori_support_center",         /* ひきこもり地域支援センター */
  "other",
  NULL,
};

const char *const ts_case_close_reasons[] = {
  "goal_reached", "referred_elsewhere", "declined", "moved", "no_contact", "other", NULL,
};

const char *const ts_case_exclusion_reasons[] = {
  "conflict_of_interest", "breakdown", "request", "other", NULL,
};

static const char *const gender_names[] = { "female", "male", "other", "unspecified", NULL };

static const TsVocabulary age_band_vocabulary = {
  ts_case_age_bands, N_("Must be one of 10s, 20s, 30s, 40s, 50s, 60s, 70s+, unknown"),
};

static const TsVocabulary gender_vocabulary = {
  gender_names, N_("Must be one of female, male, other, unspecified"),
};

static const TsVocabulary household_vocabulary = {
  ts_case_households, N_("Must be one of single, two, three_plus"),
};

static const TsVocabulary referral_vocabulary = {
  ts_case_referral_kinds,
  N_("Must be one of family, self, welfare_office, health_center, school, special_needs_school, medical, community_general_support_center, social_welfare_council, disability_consultation_center, hikikomori_support_center, other"),
};

const TsVocabulary ts_case_close_reason_vocabulary = {
  ts_case_close_reasons,
  N_("Must be one of goal_reached, referred_elsewhere, declined, moved, no_contact, other"),
};

const TsVocabulary ts_case_exclusion_reason_vocabulary = {
  ts_case_exclusion_reasons,
  N_("Must be one of conflict_of_interest, breakdown, request, other"),
};

/* ---- descriptor ----------------------------------------------------- */

#define F(member) G_STRUCT_OFFSET (TsCaseRecord, member)
#define WRITABLE TS_FIELD_WRITABLE
#define REQUIRED (TS_FIELD_WRITABLE | TS_FIELD_REQUIRED)
#define STAFF TS_FIELD_STAFF_ONLY
#define CUSTOM TS_FIELD_CUSTOM

/* A supporter's reduced view shows only the fields not STAFF_ONLY (and of
 * the view's additions, the municipality's name).  The CUSTOM fields are
 * typed by what they hold at their offset, so that the generic code never
 * treats them as texts. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsCaseRecord),
  { "code", TS_FIELD_TEXT, STAFF, F (code), 0, 0, 0, NULL },
  { "nickname", TS_FIELD_TEXT, REQUIRED, F (nickname), TS_CASE_FIELD_NICKNAME, 0,
    TS_CASE_NICKNAME_MAX, NULL },
  { "municipality_code", TS_FIELD_MUNICIPALITY, REQUIRED | STAFF, F (municipality_code),
    TS_CASE_FIELD_MUNICIPALITY, 0, 64, NULL },
  { "age_band", TS_FIELD_KEYWORD, REQUIRED, F (age_band), TS_CASE_FIELD_AGE_BAND, 0, 0,
    &age_band_vocabulary },
  { "gender", TS_FIELD_KEYWORD, REQUIRED | STAFF, F (gender), TS_CASE_FIELD_GENDER, 0, 0,
    &gender_vocabulary },
  { "household", TS_FIELD_KEYWORD, REQUIRED | STAFF, F (household), TS_CASE_FIELD_HOUSEHOLD,
    0, 0, &household_vocabulary },
  { "withdrawal_years", TS_FIELD_INT, CUSTOM | STAFF, F (withdrawal_years),
    TS_CASE_FIELD_WITHDRAWAL_YEARS, 0, TS_CASE_WITHDRAWAL_YEARS_MAX, NULL },
  { "needs", TS_FIELD_INT64, CUSTOM, F (needs), TS_CASE_FIELD_NEEDS, 0, 0, NULL },
  { "interests", TS_FIELD_INT64, CUSTOM, F (interests), TS_CASE_FIELD_INTERESTS, 0,
    TS_CASE_INTERESTS_MAX, NULL },
  { "location", TS_FIELD_BOOL, CUSTOM | STAFF, F (has_location), TS_CASE_FIELD_LOCATION, 0, 0,
    NULL },
  { "preferences", TS_FIELD_INT64, CUSTOM, F (preferences), TS_CASE_FIELD_PREFERENCES, 0, 0,
    NULL },
  { "referred_by", TS_FIELD_KEYWORD, WRITABLE | STAFF, F (referred_by),
    TS_CASE_FIELD_REFERRED_BY, 0, 0, &referral_vocabulary },
  { "referring_agency", TS_FIELD_TEXT, WRITABLE | STAFF, F (referring_agency),
    TS_CASE_FIELD_REFERRING_AGENCY, 0, TS_CASE_AGENCY_MAX, NULL },
  { "consent", TS_FIELD_DATE, CUSTOM | STAFF, F (consent_obtained_on), TS_CASE_FIELD_CONSENT,
    0, 0, NULL },
  { "status", TS_FIELD_ENUM, STAFF, F (status), 0, 0, 0, &ts_case_status_vocabulary },
  { "closed_on", TS_FIELD_DATE, STAFF, F (closed_on), 0, 0, 0, NULL },
  { "close_reason", TS_FIELD_TEXT, STAFF, F (close_reason), 0, 0, 0, NULL },
  { "close_note", TS_FIELD_TEXT, STAFF, F (close_note), 0, 0, TS_CASE_NOTE_MAX, NULL },
  { "organisation_id", TS_FIELD_ID, STAFF, F (organisation_id), 0, 0, 0, NULL },
  TS_FIELD_ROWS_VERSIONED (TsCaseRecord, STAFF),
  { "programme_id", TS_FIELD_ID, WRITABLE | STAFF, F (programme_id), TS_CASE_FIELD_PROGRAMME, 0,
    0, NULL },
  { "withdrawal_months", TS_FIELD_INT, CUSTOM | STAFF, F (withdrawal_months),
    TS_CASE_FIELD_WITHDRAWAL_MONTHS, 0, TS_CASE_WITHDRAWAL_MONTHS_MAX, NULL },
};

#undef F
#undef WRITABLE
#undef REQUIRED
#undef STAFF
#undef CUSTOM
#define Q(member) G_STRUCT_OFFSET (TsCaseQuery, member)

static const TsField filters[] = {
  { "status", TS_FIELD_ENUM, 0, Q (status), 0, 0, 0, &ts_case_status_vocabulary },
  { "municipality_code", TS_FIELD_MUNICIPALITY, 0, Q (municipality_code), 0, 0, 0, NULL },
  { "organisation_id", TS_FIELD_ID, 0, Q (organisation_id), 0, 0, 0, NULL },
};

#undef Q

const TsResource ts_case_resource = {
  .name = "case",
  .collection = "cases",
  .cursor_kind = 'c',
  .list_default = TS_CASE_LIST_DEFAULT,
  .list_max = TS_CASE_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsCaseRecord),
  TS_RESOURCE_FILTERS (filters, TsCaseQuery),
  .status_hint = N_("Read-only: use /assessment, /matching or /close"),
  .not_found = N_("No such case"),
  .scope = { G_STRUCT_OFFSET (TsCaseRecord, organisation_id) },
};

/* ---- records -------------------------------------------------------- */

TsCaseRecord *
ts_case_record_new (void)
{
  TsCaseRecord *record = ts_record_new (&ts_case_resource);

  record->withdrawal_years = -1;
  record->withdrawal_months = -1;
  record->needs = g_new0 (char *, 1);
  record->interests = g_new0 (char *, 1);
  record->preferences.availability = g_array_new (FALSE, FALSE,
                                                  TS_CASE_AVAILABILITY_SLOT_SIZE);
  record->status = TS_CASE_INQUIRY;
  return record;
}

/* The field table's texts are copied by ts_record_copy(); the rest here. */
TsCaseRecord *
ts_case_record_copy (const TsCaseRecord *record)
{
  TsCaseRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);
  copy = ts_record_copy (&ts_case_resource, record);
  copy->needs = g_strdupv (record->needs);
  copy->interests = g_strdupv (record->interests);
  copy->preferences.supporter_gender = g_strdup (record->preferences.supporter_gender);
  copy->preferences.peer_experience = g_strdup (record->preferences.peer_experience);
  copy->preferences.availability = record->preferences.availability != NULL
    ? g_array_copy (record->preferences.availability)
    : g_array_new (FALSE, FALSE, TS_CASE_AVAILABILITY_SLOT_SIZE);
  copy->consent_agency = g_strdup (record->consent_agency);
  return copy;
}

void
ts_case_record_free (TsCaseRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->needs);
  g_strfreev (record->interests);
  g_free (record->preferences.supporter_gender);
  g_free (record->preferences.peer_experience);
  g_clear_pointer (&record->preferences.availability, g_array_unref);
  g_free (record->consent_agency);
  ts_record_free (&ts_case_resource, record);
}

G_DEFINE_BOXED_TYPE (TsCaseRecord, ts_case_record, ts_case_record_copy, ts_case_record_free)

gboolean
ts_case_record_has_consent (const TsCaseRecord *record, TsConsentScope scope)
{
  g_return_val_if_fail (record != NULL, FALSE);
  return (record->consent_scope & scope) == (guint) scope;
}

void
ts_case_assessment_free (TsCaseAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_strfreev (assessment->participants);
  g_free (assessment->summary);
  g_free (assessment);
}

void
ts_case_plan_free (TsCasePlan *plan)
{
  if (plan == NULL)
    return;
  g_strfreev (plan->goals);
  g_free (plan);
}

void
ts_case_exclusion_free (TsCaseExclusion *exclusion)
{
  if (exclusion == NULL)
    return;
  g_free (exclusion->reason);
  g_free (exclusion->note);
  g_free (exclusion);
}

TsCaseMatchInfo *
ts_case_match_info_new (TsCaseRecord *record)
{
  TsCaseMatchInfo *info = g_new0 (TsCaseMatchInfo, 1);

  info->record = record;
  info->excluded_supporter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  info->past_supporter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return info;
}

void
ts_case_match_info_free (TsCaseMatchInfo *info)
{
  if (info == NULL)
    return;
  ts_case_record_free (info->record);
  g_clear_pointer (&info->excluded_supporter_ids, g_array_unref);
  g_clear_pointer (&info->past_supporter_ids, g_array_unref);
  g_free (info);
}
