/*
 * The placement resource's descriptor and records: see model/placement.h.
 */
#include "model/placement.h"

/* The day counts are rendered as the ints of TS_FIELD_INT. */
G_STATIC_ASSERT (sizeof (guint) == sizeof (int));

#define F(member) G_STRUCT_OFFSET (TsPlacementRecord, member)

/* A host account reads a placement of its own with the participant reduced
 * to the nickname: no case id, nor who created it.  The participant and
 * the pre-interview are objects of their own (http/routes-placements.c). */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsPlacementRecord),
  { "case_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_STAFF_ONLY,
    F (case_id), TS_PLACEMENT_FIELD_CASE_ID, 0, 0, NULL },
  { "participant", TS_FIELD_TEXT, TS_FIELD_CUSTOM, F (case_nickname), 0, 0, 0, NULL },
  { "host_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (host_id),
    TS_PLACEMENT_FIELD_HOST_ID, 0, 0, NULL },
  { "host_name", TS_FIELD_TEXT, TS_FIELD_READ_ONLY, F (host_name), 0, 0, 0, NULL },
  { "kind", TS_FIELD_TEXT, TS_FIELD_READ_ONLY, F (kind), 0, 0, 0, NULL },
  { "hours_per_day", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (hours_per_day),
    TS_PLACEMENT_FIELD_HOURS_PER_DAY, 1, 8, NULL },
  { "first_day", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (first_day), 0, 0, 0, NULL },
  { "last_day", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (last_day), 0, 0, 0, NULL },
  { "days_count", TS_FIELD_INT, TS_FIELD_READ_ONLY, F (days_scheduled), 0, 0, 0, NULL },
  { "days_cancelled", TS_FIELD_INT, TS_FIELD_READ_ONLY, F (days_cancelled), 0, 0, 0, NULL },
  { "days_attended", TS_FIELD_INT, TS_FIELD_READ_ONLY, F (days_attended), 0, 0, 0, NULL },
  { "pre_interview", TS_FIELD_DATE, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_CUSTOM,
    F (pre_interview_held_on), TS_PLACEMENT_FIELD_PRE_INTERVIEW, 0, 0, NULL },
  { "version", TS_FIELD_INT64, TS_FIELD_READ_ONLY, F (version), 0, 0, 0, NULL },
  { "created_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (created_at), 0, 0, 0, NULL },
  { "created_by", TS_FIELD_ID, TS_FIELD_STAFF_ONLY, F (user_id), 0, 0, 0, NULL },
  { "updated_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (updated_at), 0, 0, 0, NULL },
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsPlacementQuery, member)

/* ?month is read as text; the service makes it a period (from, to). */
static const TsField filters[] = {
  { "case_id", TS_FIELD_ID, 0, Q (case_id), 0, 0, 0, NULL },
  { "host_id", TS_FIELD_ID, 0, Q (host_id), 0, 0, 0, NULL },
  { "organisation_id", TS_FIELD_ID, 0, Q (organisation_id), 0, 0, 0, NULL },
  { "month", TS_FIELD_TEXT, 0, Q (month), 0, 0, 0, NULL },
};

#undef Q

const TsResource ts_placement_resource = {
  .name = "placement",
  .collection = "placements",
  .cursor_kind = 'p',
  .list_default = TS_PLACEMENT_LIST_DEFAULT,
  .list_max = TS_PLACEMENT_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsPlacementRecord),
  TS_RESOURCE_FILTERS (filters, TsPlacementQuery),
  .status_hint = NULL,
  .not_found = N_("No such placement"),
  .scope = { G_STRUCT_OFFSET (TsPlacementRecord, case_organisation_id),
             G_STRUCT_OFFSET (TsPlacementRecord, host_organisation_id) },
};

TsPlacementRecord *
ts_placement_record_new (void)
{
  TsPlacementRecord *record = ts_record_new (&ts_placement_resource);

  record->pre_interview_planned_on = TS_DATE_NONE;
  record->pre_interview_attendees = g_new0 (char *, 1);
  return record;
}

/* The record owns its table's texts and, beyond them, the attendees. */
void
ts_placement_record_free (TsPlacementRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->pre_interview_attendees);
  ts_record_free (&ts_placement_resource, record);
}
