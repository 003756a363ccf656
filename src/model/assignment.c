/*
 * The assignment resource's descriptor and record: see model/assignment.h.
 */
#include "model/assignment.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsAssignmentRole) == sizeof (int));

static const char *const role_names[] = { "primary", "co_supporter", NULL };

const TsVocabulary ts_assignment_role_vocabulary = {
  role_names,
  N_("Must be primary or co_supporter"),
};

TS_DEFINE_VOCABULARY (ts_assignment_role, TsAssignmentRole, ts_assignment_role_vocabulary)

/* false = 0, true = 1: the value is the flag. */
static const char *const boolean_names[] = { "false", "true", NULL };

const TsVocabulary ts_boolean_filter_vocabulary = {
  boolean_names,
  N_("Must be true or false"),
};

#define F(member) G_STRUCT_OFFSET (TsAssignmentRecord, member)

/* The end reason is the coordinators' note: a supporter reading their own
 * assignment sees the dates only.  Created with the first four; ended by
 * POST …/end, never edited. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsAssignmentRecord),
  { "case_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (case_id),
    TS_ASSIGNMENT_FIELD_CASE, 0, 0, NULL },
  { "supporter_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (supporter_id),
    TS_ASSIGNMENT_FIELD_SUPPORTER, 0, 0, NULL },
  { "role", TS_FIELD_ENUM, TS_FIELD_WRITABLE, F (role), TS_ASSIGNMENT_FIELD_ROLE, 0, 0,
    &ts_assignment_role_vocabulary },
  { "starts_on", TS_FIELD_DATE, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (starts_on),
    TS_ASSIGNMENT_FIELD_STARTS_ON, 0, 0, NULL },
  { "ended_on", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (ended_on), 0, 0, 0, NULL },
  { "end_reason", TS_FIELD_TEXT, TS_FIELD_STAFF_ONLY, F (end_reason), 0, 0,
    TS_ASSIGNMENT_REASON_MAX, NULL },
  { "active", TS_FIELD_BOOL, TS_FIELD_READ_ONLY, F (active), 0, 0, 0, NULL },
  { "created_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (created_at), 0, 0, 0, NULL },
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsAssignmentQuery, member)

static const TsField filters[] = {
  { "case_id", TS_FIELD_ID, 0, Q (case_id), 0, 0, 0, NULL },
  { "supporter_id", TS_FIELD_ID, 0, Q (supporter_id), 0, 0, 0, NULL },
  { "active", TS_FIELD_ENUM, 0, Q (active), 0, 0, 0, &ts_boolean_filter_vocabulary },
};

#undef Q

const TsResource ts_assignment_resource = {
  .name = "assignment",
  .collection = "assignments",
  .cursor_kind = 'g',
  .list_default = TS_ASSIGNMENT_LIST_DEFAULT,
  .list_max = TS_ASSIGNMENT_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsAssignmentRecord),
  TS_RESOURCE_FILTERS (filters, TsAssignmentQuery),
  .not_found = N_("No such assignment"),
  /* Staff of the case's organisation and of the supporter's (SPEC 2.6,
   * issue 13: a dispatched supporter works for another organisation's
   * case). */
  .scope = { G_STRUCT_OFFSET (TsAssignmentRecord, case_organisation_id),
             G_STRUCT_OFFSET (TsAssignmentRecord, supporter_organisation_id) },
};

TsAssignmentRecord *
ts_assignment_record_new (void)
{
  TsAssignmentRecord *record = ts_record_new (&ts_assignment_resource);

  record->active = TRUE;
  return record;
}

TS_DEFINE_RECORD_FREE (TsAssignmentRecord, ts_assignment_record, ts_assignment_resource)
