/*
 * The planned visit's descriptor and record: see model/visit.h.
 */
#include "model/visit.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsVisitStatus) == sizeof (int));
G_STATIC_ASSERT (sizeof (TsVisitReport) == sizeof (int));

/* The CHECK constraint of 0015-visits.sql lists the same words. */
static const char *const status_names[] = { "planned", "cancelled", NULL };

const TsVocabulary ts_visit_status_vocabulary = {
  status_names,
  N_("Must be one of planned, cancelled"),
};

TS_DEFINE_VOCABULARY (ts_visit_status, TsVisitStatus, ts_visit_status_vocabulary)

static const char *const report_names[] = {
  "upcoming", "reported", "unreported", "cancelled", NULL,
};

const TsVocabulary ts_visit_report_vocabulary = {
  report_names,
  N_("Must be one of upcoming, reported, unreported, cancelled"),
};

TS_DEFINE_VOCABULARY (ts_visit_report, TsVisitReport, ts_visit_report_vocabulary)

#define F(member) G_STRUCT_OFFSET (TsVisitRecord, member)

/* TS_FIELD_CUSTOM: "start" is "HH:MM" in JSON (http/routes-visits.c).
 * The case's nickname only, never its contents: a supporter's phone and a
 * calendar show it. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsVisitRecord),
  { "assignment_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (assignment_id),
    TS_VISIT_FIELD_ASSIGNMENT, 0, 0, NULL },
  { "case_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (case_id), 0, 0, 0, NULL },
  { "supporter_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (supporter_id), 0, 0, 0, NULL },
  { "date", TS_FIELD_DATE, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (date), TS_VISIT_FIELD_DATE,
    0, 0, NULL },
  { "start", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_CUSTOM,
    F (start_min), TS_VISIT_FIELD_START, 0, 24 * 60 - 1, NULL },
  { "minutes", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (minutes),
    TS_VISIT_FIELD_MINUTES, TS_VISIT_MINUTES_MIN, TS_VISIT_MINUTES_MAX, NULL },
  { "note", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_MULTILINE, F (note), TS_VISIT_FIELD_NOTE,
    0, TS_VISIT_NOTE_MAX, NULL },
  { "over_limit_reason", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_MULTILINE,
    F (over_limit_reason), TS_VISIT_FIELD_OVER_LIMIT, 0, TS_VISIT_REASON_MAX, NULL },
  { "status", TS_FIELD_ENUM, TS_FIELD_READ_ONLY, F (status), 0, 0, 0,
    &ts_visit_status_vocabulary },
  { "report", TS_FIELD_ENUM, TS_FIELD_READ_ONLY, F (report), 0, 0, 0,
    &ts_visit_report_vocabulary },
  { "activity_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (activity_id), 0, 0, 0, NULL },
  { "case_nickname", TS_FIELD_TEXT, TS_FIELD_READ_ONLY, F (case_nickname), 0, 0, 0, NULL },
  { "supporter_name", TS_FIELD_TEXT, TS_FIELD_READ_ONLY, F (supporter_name), 0, 0, 0, NULL },
  { "user_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (user_id), 0, 0, 0, NULL },
  TS_FIELD_ROWS_VERSIONED (TsVisitRecord, TS_FIELD_READ_ONLY),
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsVisitQuery, member)

static const TsField filters[] = {
  { "from", TS_FIELD_DATE, 0, Q (from), 0, 0, 0, NULL },
  { "to", TS_FIELD_DATE, 0, Q (to), 0, 0, 0, NULL },
  { "assignment_id", TS_FIELD_ID, 0, Q (assignment_id), 0, 1, G_MAXINT64, NULL },
  { "supporter_id", TS_FIELD_ID, 0, Q (supporter_id), 0, 1, G_MAXINT64, NULL },
  { "status", TS_FIELD_ENUM, 0, Q (status), 0, 0, 0, &ts_visit_status_vocabulary },
};

#undef Q

/* Lists and reads are audited (the generic default): a visit says who
 * sees whom, and when. */
const TsResource ts_visit_resource = {
  .name = "visit",
  .collection = "visits",
  .cursor_kind = 'v',
  .list_default = TS_VISIT_LIST_DEFAULT,
  .list_max = TS_VISIT_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsVisitRecord),
  TS_RESOURCE_FILTERS (filters, TsVisitQuery),
  .status_hint = N_("Read-only: use /cancel"),
  .not_found = N_("No such visit"),
  .scope = { G_STRUCT_OFFSET (TsVisitRecord, case_organisation_id),
             G_STRUCT_OFFSET (TsVisitRecord, supporter_organisation_id) },
};

TS_DEFINE_RECORD (TsVisitRecord, ts_visit_record, ts_visit_resource)
