/*
 * The contact and consultee descriptors and records: see model/contact.h.
 */
#include "model/contact.h"

#include "core/i18n.h"
#include "model/case.h"

G_STATIC_ASSERT (sizeof (TsContactMethod) == sizeof (int));
G_STATIC_ASSERT (sizeof (TsContactor) == sizeof (int));

/* The CHECK constraints of 0014-contacts.sql list the same words. */
static const char *const method_names[] = {
  "phone", "email", "online", "office_visit", "home_visit", "accompany", "letter", "other", NULL,
};

const TsVocabulary ts_contact_method_vocabulary = {
  method_names,
  N_("Must be one of phone, email, online, office_visit, home_visit, accompany, letter, other"),
};

TS_DEFINE_VOCABULARY (ts_contact_method, TsContactMethod, ts_contact_method_vocabulary)

static const char *const contactor_names[] = {
  "self", "parent", "sibling", "other_family", "agency", "other", NULL,
};

const TsVocabulary ts_contactor_vocabulary = {
  contactor_names,
  N_("Must be one of self, parent, sibling, other_family, agency, other"),
};

TS_DEFINE_VOCABULARY (ts_contactor, TsContactor, ts_contactor_vocabulary)

const char *const ts_contactor_age_bands[] = {
  "10s", "20s", "30s", "40s", "50s", "60s", "70s", "80s+", "unknown", NULL,
};

const TsVocabulary ts_contactor_age_band_vocabulary = {
  ts_contactor_age_bands,
  N_("Must be one of 10s, 20s, 30s, 40s, 50s, 60s, 70s, 80s+, unknown"),
};

/* The words of a case's age band (model/case.c), with its message. */
const TsVocabulary ts_consultee_age_band_vocabulary = {
  ts_case_age_bands,
  N_("Must be one of 10s, 20s, 30s, 40s, 50s, 60s, 70s+, unknown"),
};

const char *const ts_consultee_genders[] = { "female", "male", "other", "unknown", NULL };

const TsVocabulary ts_consultee_gender_vocabulary = {
  ts_consultee_genders,
  N_("Must be one of female, male, other, unknown"),
};

/* ---- consultees ------------------------------------------------------------ */

#define P(member) G_STRUCT_OFFSET (TsConsulteeRecord, member)

/* Created with a first contact (POST /v1/contacts, member "consultee");
 * never changed afterwards. */
static const TsField consultee_fields[] = {
  TS_FIELD_ROW_ID (TsConsulteeRecord),
  { "nickname", TS_FIELD_TEXT, TS_FIELD_WRITABLE, P (nickname), TS_CONSULTEE_FIELD_NICKNAME, 0,
    TS_CONSULTEE_NICKNAME_MAX, NULL },
  { "age_band", TS_FIELD_KEYWORD, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, P (age_band),
    TS_CONSULTEE_FIELD_AGE_BAND, 0, 0, &ts_consultee_age_band_vocabulary },
  { "gender", TS_FIELD_KEYWORD, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, P (gender),
    TS_CONSULTEE_FIELD_GENDER, 0, 0, &ts_consultee_gender_vocabulary },
  { "organisation_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, P (organisation_id), 0, 0, 0, NULL },
  { "first_contact_on", TS_FIELD_DATE, TS_FIELD_READ_ONLY, P (first_contact_on), 0, 0, 0, NULL },
  { "last_contact_on", TS_FIELD_DATE, TS_FIELD_READ_ONLY, P (last_contact_on), 0, 0, 0, NULL },
  { "contacts_count", TS_FIELD_INT64, TS_FIELD_READ_ONLY, P (contacts_count), 0, 0, 0, NULL },
  { "user_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, P (user_id), 0, 0, 0, NULL },
  { "created_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, P (created_at), 0, 0, 0, NULL },
};

#undef P
#define Q(member) G_STRUCT_OFFSET (TsConsulteeQuery, member)

static const TsField consultee_filters[] = {
  { "q", TS_FIELD_TEXT, 0, Q (q), 0, 1, TS_CONSULTEE_SEARCH_MAX, NULL },
};

#undef Q

const TsResource ts_consultee_resource = {
  .name = "consultee",
  .collection = "consultees",
  .cursor_kind = 'q',
  .list_default = TS_CONTACT_LIST_DEFAULT,
  .list_max = TS_CONTACT_LIST_MAX,
  TS_RESOURCE_FIELDS (consultee_fields, TsConsulteeRecord),
  /* GET /v1/consultees finds a person to link a contact to; a person's
   * contacts are GET /v1/contacts?consultee_id=. */
  TS_RESOURCE_FILTERS (consultee_filters, TsConsulteeQuery),
  .not_found = N_("No such consultee"),
  .scope = { G_STRUCT_OFFSET (TsConsulteeRecord, organisation_id) },
};

TS_DEFINE_RECORD (TsConsulteeRecord, ts_consultee_record, ts_consultee_resource)

/* ---- contacts --------------------------------------------------------------- */

#define F(member) G_STRUCT_OFFSET (TsContactRecord, member)

/* The new consultee of a first contact is the body's member "consultee",
 * which the HTTP layer reads beside this table.  Minutes are optional
 * (null: not recorded), so they are read and shown by their own code. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsContactRecord),
  { "date", TS_FIELD_DATE, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (date),
    TS_CONTACT_FIELD_DATE, 0, 0, NULL },
  { "method", TS_FIELD_ENUM, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (method),
    TS_CONTACT_FIELD_METHOD, 0, 0, &ts_contact_method_vocabulary },
  { "contactor", TS_FIELD_ENUM, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (contactor),
    TS_CONTACT_FIELD_CONTACTOR, 0, 0, &ts_contactor_vocabulary },
  { "first_contact", TS_FIELD_BOOL, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (first_contact),
    TS_CONTACT_FIELD_FIRST_CONTACT, 0, 0, NULL },
  { "minutes", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_CUSTOM, F (minutes),
    TS_CONTACT_FIELD_MINUTES, TS_CONTACT_MINUTES_MIN, TS_CONTACT_MINUTES_MAX, NULL },
  { "case_id", TS_FIELD_ID, TS_FIELD_WRITABLE, F (case_id), TS_CONTACT_FIELD_CASE, 0, 0, NULL },
  { "consultee_id", TS_FIELD_ID, TS_FIELD_WRITABLE, F (consultee_id),
    TS_CONTACT_FIELD_CONSULTEE_ID, 0, 0, NULL },
  { "contactor_age_band", TS_FIELD_KEYWORD, TS_FIELD_WRITABLE, F (contactor_age_band),
    TS_CONTACT_FIELD_CONTACTOR_AGE_BAND, 0, 0, &ts_contactor_age_band_vocabulary },
  { "organisation_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (organisation_id), 0, 0, 0, NULL },
  { "user_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (user_id), 0, 0, 0, NULL },
  { "created_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (created_at), 0, 0, 0, NULL },
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsContactQuery, member)

static const TsField filters[] = {
  { "from", TS_FIELD_DATE, 0, Q (from), 0, 0, 0, NULL },
  { "to", TS_FIELD_DATE, 0, Q (to), 0, 0, 0, NULL },
  { "case_id", TS_FIELD_ID, 0, Q (case_id), 0, 1, G_MAXINT64, NULL },
  { "consultee_id", TS_FIELD_ID, 0, Q (consultee_id), 0, 1, G_MAXINT64, NULL },
  { "method", TS_FIELD_ENUM, 0, Q (method), 0, 0, 0, &ts_contact_method_vocabulary },
};

#undef Q

/* Personal records: lists and reads are audited (the generic default). */
const TsResource ts_contact_resource = {
  .name = "contact",
  .collection = "contacts",
  .cursor_kind = 'k',
  .list_default = TS_CONTACT_LIST_DEFAULT,
  .list_max = TS_CONTACT_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsContactRecord),
  TS_RESOURCE_FILTERS (filters, TsContactQuery),
  .not_found = N_("No such contact"),
  .scope = { G_STRUCT_OFFSET (TsContactRecord, organisation_id) },
};

TS_DEFINE_RECORD_NEW (TsContactRecord, ts_contact_record, ts_contact_resource)

void
ts_contact_record_free (TsContactRecord *record)
{
  if (record == NULL)
    return;
  ts_consultee_record_free (record->consultee);
  ts_record_free (&ts_contact_resource, record);
}
