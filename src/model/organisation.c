/*
 * The organisation resource's descriptor and records: see
 * model/organisation.h.
 */
#include "model/organisation.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsOrganisationKind) == sizeof (int));

static const char *const kind_names[] = {
  "prefecture", "municipality", "agency", NULL,
};

const TsVocabulary ts_organisation_kind_vocabulary = {
  kind_names,
  N_("Must be one of prefecture, municipality, agency"),
};

TS_DEFINE_VOCABULARY (ts_organisation_kind, TsOrganisationKind, ts_organisation_kind_vocabulary)

#define F(member) G_STRUCT_OFFSET (TsOrganisationRecord, member)

/* The municipality code is checked by the service: a prefecture's own code
 * is allowed here, unlike a supporter's or a case's. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsOrganisationRecord),
  { "name", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (name),
    TS_ORGANISATION_FIELD_NAME, 0, TS_ORGANISATION_NAME_MAX, NULL },
  { "kind", TS_FIELD_ENUM, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (kind),
    TS_ORGANISATION_FIELD_KIND, 0, 0, &ts_organisation_kind_vocabulary },
  { "municipality_code", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_CUSTOM,
    F (municipality_code), TS_ORGANISATION_FIELD_MUNICIPALITY, 0, 6, NULL },
  { "parent_id", TS_FIELD_ID, TS_FIELD_WRITABLE, F (parent_id), TS_ORGANISATION_FIELD_PARENT,
    1, G_MAXINT64, NULL },
  TS_FIELD_ROWS_VERSIONED (TsOrganisationRecord, TS_FIELD_READ_ONLY),
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsOrganisationQuery, member)

static const TsField filters[] = {
  { "kind", TS_FIELD_ENUM, 0, Q (kind), 0, 0, 0, &ts_organisation_kind_vocabulary },
  { "parent_id", TS_FIELD_ID, 0, Q (parent_id), 0, 1, G_MAXINT64, NULL },
};

#undef Q

/* Organisations are not personal records: every caller reads the list (a
 * coordinator picks whom to ask for a supporter), and reads are not
 * audited. */
const TsResource ts_organisation_resource = {
  .name = "organisation",
  .collection = "organisations",
  .cursor_kind = 'o',
  .list_default = TS_ORGANISATION_LIST_DEFAULT,
  .list_max = TS_ORGANISATION_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsOrganisationRecord),
  TS_RESOURCE_FILTERS (filters, TsOrganisationQuery),
  .reads_unlogged = TRUE,
};

TS_DEFINE_RECORD (TsOrganisationRecord, ts_organisation_record, ts_organisation_resource)
