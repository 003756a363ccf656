/*
 * The host resource's descriptor and records: see model/host.h.
 */
#include "model/host.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsHostStatus) == sizeof (int));

static const char *const status_names[] = {
  "applied", "surveyed", "registered", "rejected", "suspended", "retired", NULL,
};

const TsVocabulary ts_host_status_vocabulary = {
  status_names,
  N_("Must be one of applied, surveyed, registered, rejected, suspended, retired"),
};

TS_DEFINE_VOCABULARY (ts_host_status, TsHostStatus, ts_host_status_vocabulary)

#define F(member) G_STRUCT_OFFSET (TsHostRecord, member)

/* Type-level bounds only where the type says it all; the service checks the
 * rest (capacity, municipality) with the registry's own messages. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsHostRecord),
  { "name", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (name),
    TS_HOST_FIELD_NAME, 0, TS_HOST_NAME_MAX, NULL },
  { "municipality_code", TS_FIELD_MUNICIPALITY, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED,
    F (municipality_code), TS_HOST_FIELD_MUNICIPALITY, 0, 64, NULL },
  { "industry", TS_FIELD_TEXT, TS_FIELD_WRITABLE, F (industry), TS_HOST_FIELD_INDUSTRY, 0,
    TS_HOST_INDUSTRY_MAX, NULL },
  { "address", TS_FIELD_TEXT, TS_FIELD_WRITABLE, F (address), TS_HOST_FIELD_ADDRESS, 0,
    TS_HOST_ADDRESS_MAX, NULL },
  { "contact_person", TS_FIELD_TEXT, TS_FIELD_WRITABLE, F (contact_person),
    TS_HOST_FIELD_CONTACT_PERSON, 0, TS_HOST_CONTACT_MAX, NULL },
  { "capacity_per_day", TS_FIELD_INT, TS_FIELD_WRITABLE, F (capacity_per_day),
    TS_HOST_FIELD_CAPACITY, 1, TS_HOST_CAPACITY_MAX, NULL },
  { "weekdays_open", TS_FIELD_WEEKDAYS, TS_FIELD_WRITABLE, F (weekdays_open),
    TS_HOST_FIELD_WEEKDAYS_OPEN, 0, 0, NULL },
  { "notes", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_MULTILINE | TS_FIELD_STAFF_ONLY,
    F (notes), TS_HOST_FIELD_NOTES, 0, TS_HOST_NOTES_MAX, NULL },
  { "status", TS_FIELD_ENUM, TS_FIELD_READ_ONLY, F (status), 0, 0, 0,
    &ts_host_status_vocabulary },
  { "registered_on", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (registered_on), 0, 0, 0, NULL },
  { "organisation_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (organisation_id), 0, 0, 0, NULL },
  TS_FIELD_ROWS_VERSIONED (TsHostRecord, TS_FIELD_READ_ONLY),
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsHostQuery, member)

static const TsField filters[] = {
  { "status", TS_FIELD_ENUM, 0, Q (status), 0, 0, 0, &ts_host_status_vocabulary },
  { "municipality_code", TS_FIELD_MUNICIPALITY, 0, Q (municipality_code), 0, 0, 0, NULL },
  { "organisation_id", TS_FIELD_ID, 0, Q (organisation_id), 0, 0, 0, NULL },
};

#undef Q

const TsResource ts_host_resource = {
  .name = "host",
  .collection = "hosts",
  .cursor_kind = 'h',
  .list_default = TS_HOST_LIST_DEFAULT,
  .list_max = TS_HOST_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsHostRecord),
  TS_RESOURCE_FILTERS (filters, TsHostQuery),
  .status_hint = N_("Read-only: use /survey, /suspend, /reinstate or /retire"),
  .not_found = N_("No such host"),
  .scope = { G_STRUCT_OFFSET (TsHostRecord, organisation_id) },
};

TsHostRecord *
ts_host_record_new (void)
{
  TsHostRecord *record = ts_record_new (&ts_host_resource);

  record->capacity_per_day = 1;
  record->weekdays_open = TS_WEEKDAYS_MONDAY_TO_FRIDAY;
  record->status = TS_HOST_APPLIED;
  return record;
}

TsHostRecord *
ts_host_record_copy (const TsHostRecord *record)
{
  return ts_record_copy (&ts_host_resource, record);
}

TS_DEFINE_RECORD_FREE (TsHostRecord, ts_host_record, ts_host_resource)

void
ts_host_survey_free (TsHostSurvey *survey)
{
  if (survey == NULL)
    return;
  g_free (survey->notes);
  g_free (survey);
}
