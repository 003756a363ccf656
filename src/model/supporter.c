/*
 * The supporter resource's descriptor and records: see model/supporter.h.
 */
#include "model/supporter.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsSupporterStatus) == sizeof (int));

static const char *const status_names[] = {
  "applicant", "registered", "suspended", "retired", NULL,
};

const TsVocabulary ts_supporter_status_vocabulary = {
  status_names, N_("Must be one of applicant, registered, suspended, retired"),
};

TS_DEFINE_VOCABULARY (ts_supporter_status, TsSupporterStatus, ts_supporter_status_vocabulary)

/* As TsQualificationStatus numbers them: untrained, valid, due_soon, lapsed. */
static const char *const qualification_names[] = {
  "untrained", "valid", "due_soon", "lapsed", NULL,
};

const TsVocabulary ts_supporter_qualification_vocabulary = {
  qualification_names, N_("Must be one of valid, due_soon, lapsed, untrained"),
};

/* The matching's words (match/vocabulary.h), which a client writes. */
static const char *const gender_names[] = { "female", "male", "other", "unspecified", NULL };
static const char *const peer_names[] = { "none", "self", "family", NULL };

static const TsVocabulary gender_vocabulary = {
  gender_names, N_("Must be one of female, male, other, unspecified"),
};

static const TsVocabulary peer_vocabulary = {
  peer_names, N_("Must be one of none, self, family"),
};

#define F(member) G_STRUCT_OFFSET (TsSupporterRecord, member)
#define WRITABLE TS_FIELD_WRITABLE
#define REQUIRED (TS_FIELD_WRITABLE | TS_FIELD_REQUIRED)
#define CUSTOM TS_FIELD_CUSTOM

/* The CUSTOM fields are typed by what they hold at their offset (a pointer
 * as INT64), so that the generic code never treats them as texts; they are
 * not WRITABLE for it either: service/supporters.c copies them. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsSupporterRecord),
  { "code", TS_FIELD_TEXT, TS_FIELD_READ_ONLY, F (code), 0, 0, 0, NULL },
  { "name", TS_FIELD_TEXT, REQUIRED, F (name), TS_SUPPORTER_FIELD_NAME, 0,
    TS_SUPPORTER_NAME_MAX, NULL },
  { "name_kana", TS_FIELD_TEXT, WRITABLE, F (name_kana), TS_SUPPORTER_FIELD_NAME_KANA, 0,
    TS_SUPPORTER_NAME_MAX, NULL },
  { "gender", TS_FIELD_KEYWORD, REQUIRED, F (gender), TS_SUPPORTER_FIELD_GENDER, 0, 0,
    &gender_vocabulary },
  { "birth_year", TS_FIELD_INT, CUSTOM, F (birth_year), TS_SUPPORTER_FIELD_BIRTH_YEAR, 0, 0,
    NULL },
  { "municipality_code", TS_FIELD_MUNICIPALITY, REQUIRED, F (municipality_code),
    TS_SUPPORTER_FIELD_MUNICIPALITY, 0, 64, NULL },
  { "location", TS_FIELD_BOOL, CUSTOM, F (has_location), TS_SUPPORTER_FIELD_LOCATION, 0, 0,
    NULL },
  { "occupation", TS_FIELD_TEXT, WRITABLE, F (occupation), TS_SUPPORTER_FIELD_OCCUPATION, 0,
    TS_SUPPORTER_OCCUPATION_MAX, NULL },
  { "peer_experience", TS_FIELD_KEYWORD, REQUIRED, F (peer_experience),
    TS_SUPPORTER_FIELD_PEER_EXPERIENCE, 0, 0, &peer_vocabulary },
  { "skills", TS_FIELD_INT64, CUSTOM, F (skills), TS_SUPPORTER_FIELD_SKILLS, 0, 0, NULL },
  { "interests", TS_FIELD_INT64, CUSTOM, F (interests), TS_SUPPORTER_FIELD_INTERESTS, 0,
    TS_SUPPORTER_INTERESTS_MAX, NULL },
  { "availability", TS_FIELD_INT64, CUSTOM, F (availability), TS_SUPPORTER_FIELD_AVAILABILITY,
    0, TS_SUPPORTER_AVAILABILITY_MAX, NULL },
  { "max_cases", TS_FIELD_INT, WRITABLE, F (max_cases), TS_SUPPORTER_FIELD_MAX_CASES, 0,
    TS_SUPPORTER_MAX_CASES_LIMIT, NULL },
  { "insurance_until", TS_FIELD_DATE, WRITABLE, F (insurance_until),
    TS_SUPPORTER_FIELD_INSURANCE_UNTIL, 0, 0, NULL },
  { "email", TS_FIELD_TEXT, WRITABLE, F (email), TS_SUPPORTER_FIELD_EMAIL, 3,
    TS_SUPPORTER_EMAIL_MAX, NULL },
  { "status", TS_FIELD_ENUM, TS_FIELD_READ_ONLY, F (status), 0, 0, 0,
    &ts_supporter_status_vocabulary },
  { "registered_on", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (registered_on), 0, 0, 0, NULL },
  { "organisation_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (organisation_id), 0, 0, 0, NULL },
  TS_FIELD_ROWS_VERSIONED (TsSupporterRecord, TS_FIELD_READ_ONLY),
};

#undef F
#undef WRITABLE
#undef REQUIRED
#undef CUSTOM
#define Q(member) G_STRUCT_OFFSET (TsSupporterListQuery, member)

static const TsField filters[] = {
  { "status", TS_FIELD_ENUM, 0, Q (status), 0, 0, 0, &ts_supporter_status_vocabulary },
  { "municipality_code", TS_FIELD_MUNICIPALITY, 0, Q (municipality_code), 0, 0, 0, NULL },
  { "qualification", TS_FIELD_ENUM, 0, Q (qualification), 0, 0, 0,
    &ts_supporter_qualification_vocabulary },
  { "on", TS_FIELD_DATE, 0, Q (on), 0, 0, 0, NULL },
  { "organisation_id", TS_FIELD_ID, 0, Q (organisation_id), 0, 0, 0, NULL },
  { "q", TS_FIELD_TEXT, 0, Q (q), 0, 1, TS_SUPPORTER_SEARCH_MAX, NULL },
};

#undef Q

const TsResource ts_supporter_resource = {
  .name = "supporter",
  .collection = "supporters",
  .cursor_kind = 's',
  .list_default = TS_SUPPORTER_LIST_DEFAULT,
  .list_max = TS_SUPPORTER_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsSupporterRecord),
  TS_RESOURCE_FILTERS (filters, TsSupporterListQuery),
  .status_hint = N_("Read-only: use /register, /suspend or /retire"),
  .not_found = N_("No such supporter"),
  .scope = { G_STRUCT_OFFSET (TsSupporterRecord, organisation_id) },
};

/* A draft (ts_record_new) leaves the lists NULL: "not in the body".  A
 * record always has them. */
TsSupporterRecord *
ts_supporter_record_new (void)
{
  TsSupporterRecord *record = ts_record_new (&ts_supporter_resource);

  record->skills = g_new0 (char *, 1);
  record->interests = g_new0 (char *, 1);
  record->availability = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
  record->max_cases = 2;
  record->status = TS_SUPPORTER_APPLICANT;
  return record;
}

TsSupporterRecord *
ts_supporter_record_copy (const TsSupporterRecord *record)
{
  TsSupporterRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);
  copy = ts_record_copy (&ts_supporter_resource, record);
  copy->skills = g_strdupv (record->skills);
  copy->interests = g_strdupv (record->interests);
  if (record->availability != NULL)
    copy->availability = g_array_copy (record->availability);
  return copy;
}

void
ts_supporter_record_free (TsSupporterRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->skills);
  g_strfreev (record->interests);
  g_clear_pointer (&record->availability, g_array_unref);
  ts_record_free (&ts_supporter_resource, record);
}
