/*
 * The dispatch request and case transfer descriptors and records: see
 * model/dispatch.h.
 */
#include "model/dispatch.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsDispatchStatus) == sizeof (int));
G_STATIC_ASSERT (sizeof (TsDispatchAction) == sizeof (int));

static const char *const status_names[] = {
  "open", "accepted", "declined", "withdrawn", NULL,
};

const TsVocabulary ts_dispatch_status_vocabulary = {
  status_names,
  N_("Must be one of open, accepted, declined, withdrawn"),
};

TS_DEFINE_VOCABULARY (ts_dispatch_status, TsDispatchStatus, ts_dispatch_status_vocabulary)

static const char *const action_names[] = {
  "requested", "accepted", "declined", "withdrawn", NULL,
};

const TsVocabulary ts_dispatch_action_vocabulary = { action_names, NULL };

TS_DEFINE_VOCABULARY (ts_dispatch_action, TsDispatchAction, ts_dispatch_action_vocabulary)

static const char *const direction_names[] = { "incoming", "outgoing", NULL };

const TsVocabulary ts_dispatch_direction_vocabulary = {
  direction_names,
  N_("Must be incoming or outgoing"),
};

TS_DEFINE_VOCABULARY (ts_dispatch_direction, TsDispatchDirection,
                      ts_dispatch_direction_vocabulary)

/* ---- dispatch requests -------------------------------------------------- */

#define F(member) G_STRUCT_OFFSET (TsDispatchRequestRecord, member)

/* Created with the case, the organisation asked and a note; everything
 * else changes only through the verbs (accept, decline, withdraw). */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsDispatchRequestRecord),
  { "case_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (case_id),
    TS_DISPATCH_FIELD_CASE, 0, 0, NULL },
  { "from_organisation_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (from_organisation_id), 0, 0, 0,
    NULL },
  { "to_organisation_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED,
    F (to_organisation_id), TS_DISPATCH_FIELD_TO_ORGANISATION, 0, 0, NULL },
  { "note", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_MULTILINE, F (note),
    TS_DISPATCH_FIELD_NOTE, 0, TS_DISPATCH_NOTE_MAX, NULL },
  { "status", TS_FIELD_ENUM, TS_FIELD_READ_ONLY, F (status), 0, 0, 0,
    &ts_dispatch_status_vocabulary },
  { "supporter_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (supporter_id), 0, 0, 0, NULL },
  { "assignment_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (assignment_id), 0, 0, 0, NULL },
  { "decline_reason", TS_FIELD_TEXT, TS_FIELD_READ_ONLY, F (decline_reason), 0, 0,
    TS_DISPATCH_REASON_MAX, NULL },
  { "user_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (user_id), 0, 0, 0, NULL },
  TS_FIELD_ROWS_VERSIONED (TsDispatchRequestRecord, TS_FIELD_READ_ONLY),
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsDispatchQuery, member)

static const TsField filters[] = {
  { "direction", TS_FIELD_ENUM, 0, Q (direction), 0, 0, 0, &ts_dispatch_direction_vocabulary },
};

#undef Q

/* Both sides see a request: the organisation that asked and the one asked
 * (SPEC 2.6); anyone else gets "No such dispatch request". */
const TsResource ts_dispatch_request_resource = {
  .name = "dispatch_request",
  .collection = "dispatch_requests",
  .cursor_kind = 'd',
  .list_default = TS_DISPATCH_LIST_DEFAULT,
  .list_max = TS_DISPATCH_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsDispatchRequestRecord),
  TS_RESOURCE_FILTERS (filters, TsDispatchQuery),
  .status_hint = N_("Read-only: use /accept, /decline or /withdraw"),
  .not_found = N_("No such dispatch request"),
  .scope = { G_STRUCT_OFFSET (TsDispatchRequestRecord, from_organisation_id),
             G_STRUCT_OFFSET (TsDispatchRequestRecord, to_organisation_id) },
};

TS_DEFINE_RECORD (TsDispatchRequestRecord, ts_dispatch_request_record,
                  ts_dispatch_request_resource)

void
ts_dispatch_event_free (TsDispatchEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->note);
  g_free (event);
}

/* ---- transfers ------------------------------------------------------------ */

#define T(member) G_STRUCT_OFFSET (TsCaseTransferRecord, member)

/* The case comes from the path (POST /v1/cases/{id}/transfers); the
 * record is never changed afterwards. */
static const TsField transfer_fields[] = {
  TS_FIELD_ROW_ID (TsCaseTransferRecord),
  { "case_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, T (case_id), 0, 0, 0, NULL },
  { "from_organisation_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, T (from_organisation_id), 0, 0, 0,
    NULL },
  { "to_organisation_id", TS_FIELD_ID, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED,
    T (to_organisation_id), TS_TRANSFER_FIELD_TO_ORGANISATION, 0, 0, NULL },
  { "transferred_on", TS_FIELD_DATE, TS_FIELD_WRITABLE, T (transferred_on),
    TS_TRANSFER_FIELD_TRANSFERRED_ON, 0, 0, NULL },
  { "note", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_MULTILINE, T (note),
    TS_TRANSFER_FIELD_NOTE, 0, TS_TRANSFER_NOTE_MAX, NULL },
  { "user_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, T (user_id), 0, 0, 0, NULL },
  { "created_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, T (created_at), 0, 0, 0, NULL },
};

#undef T
#define Q(member) G_STRUCT_OFFSET (TsTransferQuery, member)

static const TsField transfer_filters[] = {
  { "direction", TS_FIELD_ENUM, 0, Q (direction), 0, 0, 0, &ts_dispatch_direction_vocabulary },
};

#undef Q

/* Both the old and the new organisation see a transfer, and nothing of
 * the case through it. */
const TsResource ts_case_transfer_resource = {
  .name = "case_transfer",
  .collection = "transfers",
  .cursor_kind = 'x',
  .list_default = TS_TRANSFER_LIST_DEFAULT,
  .list_max = TS_TRANSFER_LIST_MAX,
  TS_RESOURCE_FIELDS (transfer_fields, TsCaseTransferRecord),
  TS_RESOURCE_FILTERS (transfer_filters, TsTransferQuery),
  .not_found = N_("No such transfer"),
  .scope = { G_STRUCT_OFFSET (TsCaseTransferRecord, from_organisation_id),
             G_STRUCT_OFFSET (TsCaseTransferRecord, to_organisation_id) },
};

TS_DEFINE_RECORD (TsCaseTransferRecord, ts_case_transfer_record, ts_case_transfer_resource)
