/*
 * The activity report resource's descriptor and record: see
 * model/activity.h.
 */
#include "model/activity.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsActivityStatus) == sizeof (int));

static const char *const status_names[] = {
  "pending", "approved", "rejected", "withdrawn", NULL,
};

const TsVocabulary ts_activity_status_vocabulary = {
  status_names,
  N_("Must be one of pending, approved, rejected, withdrawn"),
};

TS_DEFINE_VOCABULARY (ts_activity_status, TsActivityStatus, ts_activity_status_vocabulary)

#define F(member) G_STRUCT_OFFSET (TsActivityRecord, member)

/*
 * TS_FIELD_STAFF_ONLY marks what an auditor's reduced view leaves out: what
 * happened and for whom (the note, the reason, the case and the
 * assignment); the supporter reporting sees all of it.  TS_FIELD_CUSTOM:
 * "start" is "HH:MM" in JSON, and the amounts are null until the report is
 * priced (http/routes-activities.c).  The kind's words are the rates'
 * (domain/rates.h), checked by the service.
 */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsActivityRecord),
  { "supporter_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (supporter_id), 0, 0, 0, NULL },
  { "assignment_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_STAFF_ONLY,
    F (assignment_id), TS_ACTIVITY_FIELD_ASSIGNMENT, 0, 0, NULL },
  { "case_id", TS_FIELD_ID, TS_FIELD_STAFF_ONLY, F (case_id), 0, 0, 0, NULL },
  { "date", TS_FIELD_DATE, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (date),
    TS_ACTIVITY_FIELD_DATE, 0, 0, NULL },
  { "start", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_CUSTOM,
    F (start_min), TS_ACTIVITY_FIELD_START, 0, 24 * 60 - 1, NULL },
  { "minutes", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (minutes),
    TS_ACTIVITY_FIELD_MINUTES, 1, 720, NULL },
  { "kind", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (kind),
    TS_ACTIVITY_FIELD_KIND, 0, 50, NULL },
  { "transport_yen", TS_FIELD_INT64, TS_FIELD_WRITABLE, F (transport_yen),
    TS_ACTIVITY_FIELD_TRANSPORT, 0, 0, NULL },
  { "note", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_MULTILINE | TS_FIELD_STAFF_ONLY,
    F (note), TS_ACTIVITY_FIELD_NOTE, 0, TS_ACTIVITY_NOTE_MAX, NULL },
  { "status", TS_FIELD_ENUM, TS_FIELD_READ_ONLY, F (status), 0, 0, 0,
    &ts_activity_status_vocabulary },
  { "reported_by", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (reported_by), 0, 0, 0, NULL },
  { "on_behalf", TS_FIELD_BOOL, TS_FIELD_READ_ONLY, F (on_behalf), 0, 0, 0, NULL },
  { "reversal_of", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (reversal_of), 0, 0, 0, NULL },
  { "reversed_by", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (reversed_by), 0, 0, 0, NULL },
  { "honorarium_yen", TS_FIELD_INT64, TS_FIELD_CUSTOM, F (honorarium_yen), 0, 0, 0, NULL },
  { "transport_paid_yen", TS_FIELD_INT64, TS_FIELD_CUSTOM, F (transport_paid_yen), 0, 0, 0,
    NULL },
  { "rates_effective_from", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (rates_effective_from), 0, 0,
    0, NULL },
  { "reject_reason", TS_FIELD_TEXT, TS_FIELD_STAFF_ONLY, F (reject_reason), 0, 0,
    TS_ACTIVITY_REASON_MAX, NULL },
  { "decided_by", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (decided_by), 0, 0, 0, NULL },
  { "decided_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (decided_at), 0, 0, 0, NULL },
  TS_FIELD_ROWS_VERSIONED (TsActivityRecord, TS_FIELD_READ_ONLY),
  { "visit_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_STAFF_ONLY, F (visit_id),
    TS_ACTIVITY_FIELD_VISIT, 0, 0, NULL },
  { "over_limit_reason", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_MULTILINE | TS_FIELD_STAFF_ONLY,
    F (over_limit_reason), TS_ACTIVITY_FIELD_OVER_LIMIT, 0, TS_ACTIVITY_REASON_MAX, NULL },
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsActivityQuery, member)

static const TsField filters[] = {
  { "supporter_id", TS_FIELD_ID, 0, Q (supporter_id), 0, 0, 0, NULL },
  { "case_id", TS_FIELD_ID, 0, Q (case_id), 0, 0, 0, NULL },
  { "assignment_id", TS_FIELD_ID, 0, Q (assignment_id), 0, 0, 0, NULL },
  { "month", TS_FIELD_TEXT, 0, Q (month), 0, 0, 0, NULL },
  { "status", TS_FIELD_ENUM, 0, Q (status), 0, 0, 0, &ts_activity_status_vocabulary },
  { "order", TS_FIELD_ENUM, 0, Q (order), 0, 0, 0, &ts_list_order_vocabulary },
};

#undef Q

const TsResource ts_activity_resource = {
  .name = "activity",
  .collection = "activities",
  .cursor_kind = 'a',
  .list_default = TS_ACTIVITY_LIST_DEFAULT,
  .list_max = TS_ACTIVITY_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsActivityRecord),
  TS_RESOURCE_FILTERS (filters, TsActivityQuery),
  .status_hint = N_("Read-only: use /withdraw, /approve, /reject or /reverse"),
  .not_found = N_("No such activity report"),
  /* Staff of the supporter's organisation (it pays) and of the case's (it
   * reads the reports on its case): SPEC 2.6, issue 13. */
  .scope = { G_STRUCT_OFFSET (TsActivityRecord, supporter_organisation_id),
             G_STRUCT_OFFSET (TsActivityRecord, case_organisation_id) },
};

TS_DEFINE_RECORD (TsActivityRecord, ts_activity_record, ts_activity_resource)
