/*
 * The event descriptor and records: see model/event.h.
 */
#include "model/event.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsEventKind) == sizeof (int));
G_STATIC_ASSERT (sizeof (TsEventStatus) == sizeof (int));

/* The CHECK constraints of 0017-events.sql list the same words. */
static const char *const kind_names[] = {
  "ibasho", "family_meeting", "supporter_meeting", "lecture", "training_day",
  "consultation_day", "seminar", NULL,
};

const TsVocabulary ts_event_kind_vocabulary = {
  kind_names,
  N_("Must be one of ibasho, family_meeting, supporter_meeting, lecture, training_day, "
     "consultation_day, seminar"),
};

TS_DEFINE_VOCABULARY (ts_event_kind, TsEventKind, ts_event_kind_vocabulary)

static const char *const status_names[] = { "scheduled", "cancelled", NULL };

const TsVocabulary ts_event_status_vocabulary = {
  status_names,
  N_("Must be one of scheduled, cancelled"),
};

TS_DEFINE_VOCABULARY (ts_event_status, TsEventStatus, ts_event_status_vocabulary)

static const char *const registration_names[] = { "confirmed", "waiting", "cancelled", NULL };
static const TsVocabulary registration_vocabulary = { registration_names, NULL };

TS_DEFINE_VOCABULARY (ts_registration_status, TsRegistrationStatus, registration_vocabulary)

static const char *const booking_names[] = { "requested", "placed", "unplaced", "cancelled", NULL };
static const TsVocabulary booking_vocabulary = { booking_names, NULL };

TS_DEFINE_VOCABULARY (ts_booking_status, TsBookingStatus, booking_vocabulary)

#define F(member) G_STRUCT_OFFSET (TsEventRecord, member)

/* TS_FIELD_CUSTOM: "start" is "HH:MM" in JSON and "capacity" is null
 * where there is none (http/routes-events.c). */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsEventRecord),
  { "kind", TS_FIELD_ENUM, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (kind), TS_EVENT_FIELD_KIND,
    0, 0, &ts_event_kind_vocabulary },
  { "title", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (title),
    TS_EVENT_FIELD_TITLE, 0, TS_EVENT_TITLE_MAX, NULL },
  { "date", TS_FIELD_DATE, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (date), TS_EVENT_FIELD_DATE,
    0, 0, NULL },
  { "start", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_CUSTOM,
    F (start_min), TS_EVENT_FIELD_START, 0, 24 * 60 - 1, NULL },
  { "minutes", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (minutes),
    TS_EVENT_FIELD_MINUTES, 1, TS_EVENT_MINUTES_MAX, NULL },
  { "place", TS_FIELD_TEXT, TS_FIELD_WRITABLE, F (place), TS_EVENT_FIELD_PLACE, 0,
    TS_EVENT_PLACE_MAX, NULL },
  { "capacity", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_CUSTOM, F (capacity),
    TS_EVENT_FIELD_CAPACITY, 1, TS_EVENT_CAPACITY_MAX, NULL },
  { "municipality_code", TS_FIELD_MUNICIPALITY, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED,
    F (municipality_code), TS_EVENT_FIELD_MUNICIPALITY, 0, 0, NULL },
  { "organisation_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (organisation_id), 0, 0, 0, NULL },
  { "series_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (series_id), 0, 0, 0, NULL },
  { "status", TS_FIELD_ENUM, TS_FIELD_READ_ONLY, F (status), 0, 0, 0,
    &ts_event_status_vocabulary },
  { "cancel_reason", TS_FIELD_TEXT, TS_FIELD_READ_ONLY, F (cancel_reason), 0, 0,
    TS_EVENT_REASON_MAX, NULL },
  { "version", TS_FIELD_INT64, TS_FIELD_READ_ONLY, F (version), 0, 0, 0, NULL },
  { "user_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (user_id), 0, 0, 0, NULL },
  { "created_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (created_at), 0, 0, 0, NULL },
  { "updated_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (updated_at), 0, 0, 0, NULL },
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsEventQuery, member)

static const TsField filters[] = {
  { "from", TS_FIELD_DATE, 0, Q (from), 0, 0, 0, NULL },
  { "to", TS_FIELD_DATE, 0, Q (to), 0, 0, 0, NULL },
  { "kind", TS_FIELD_ENUM, 0, Q (kind), 0, 0, 0, &ts_event_kind_vocabulary },
};

#undef Q

/* Not personal records: an event is a public gathering; its registrations
 * and booking requests (nicknames) are read through their own routes,
 * which are audited. */
const TsResource ts_event_resource = {
  .name = "event",
  .collection = "events",
  .cursor_kind = 'y',
  .list_default = TS_EVENT_LIST_DEFAULT,
  .list_max = TS_EVENT_LIST_MAX,
  TS_RESOURCE_FIELDS (fields, TsEventRecord),
  TS_RESOURCE_FILTERS (filters, TsEventQuery),
  .status_hint = N_("Changed by POST /v1/events/{id}/cancel"),
  .reads_unlogged = TRUE,
  .not_found = N_("No such event"),
  .scope = { G_STRUCT_OFFSET (TsEventRecord, organisation_id) },
};

TS_DEFINE_RECORD_NEW (TsEventRecord, ts_event_record, ts_event_resource)

void
ts_event_record_free (TsEventRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->supporter_ids, g_array_unref);
  ts_record_free (&ts_event_resource, record);
}

void
ts_event_registration_free (TsEventRegistration *r)
{
  if (r == NULL)
    return;
  g_free (r->nickname);
  g_free (r->contact);
  g_free (r);
}

void
ts_event_slot_free (TsEventSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->staff);
  g_free (slot);
}

void
ts_booking_request_free (TsBookingRequest *r)
{
  if (r == NULL)
    return;
  g_free (r->nickname);
  g_free (r->contact);
  g_free (r->reason);
  g_free (r);
}
