/*
 * Group activities, events and consultation bookings (SPEC 2.8, 3.3
 * Events; issue 18; seeds 001, 002, 004).
 *
 * An event is a 居場所 (drop-in space), 家族会, サポーター例会, 講演会,
 * training day, consultation day (巡回相談, 個別相談) or 家族セミナー: a kind,
 * a title, a date, a start and its minutes, a place, a capacity (定員)
 * where there is one, the municipality it serves and the organisation that
 * holds it (SPEC 2.6).  A series made in one step shares the id of its
 * first event (series_id).  Its attendance is named supporters (paid at
 * the event rate) and counted others; a seminar has registrations, a
 * consultation day slots and booking requests.
 *
 * Plain data only: the service checks the rules (service/events.h), the
 * store reads and writes the rows (store/events.h).
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

typedef enum {
  TS_EVENT_IBASHO,
  TS_EVENT_FAMILY_MEETING,
  TS_EVENT_SUPPORTER_MEETING,
  TS_EVENT_LECTURE,
  TS_EVENT_TRAINING_DAY,
  TS_EVENT_CONSULTATION_DAY,
  TS_EVENT_SEMINAR,
} TsEventKind;

extern const TsVocabulary ts_event_kind_vocabulary;

TS_DECLARE_VOCABULARY (ts_event_kind, TsEventKind)

typedef enum {
  TS_EVENT_SCHEDULED,
  TS_EVENT_CANCELLED,
} TsEventStatus;

extern const TsVocabulary ts_event_status_vocabulary;

TS_DECLARE_VOCABULARY (ts_event_status, TsEventStatus)

typedef enum {
  TS_EVENT_FIELD_KIND         = 1 << 0,
  TS_EVENT_FIELD_TITLE        = 1 << 1,
  TS_EVENT_FIELD_DATE         = 1 << 2,
  TS_EVENT_FIELD_START        = 1 << 3,
  TS_EVENT_FIELD_MINUTES      = 1 << 4,
  TS_EVENT_FIELD_PLACE        = 1 << 5,
  TS_EVENT_FIELD_CAPACITY     = 1 << 6,
  TS_EVENT_FIELD_MUNICIPALITY = 1 << 7,
  TS_EVENT_FIELD_REPEAT       = 1 << 8,   /* POST only: a series (read by http/) */
  TS_EVENT_FIELD_STAFF        = 1 << 9,   /* POST only: supporter_ids, the planned staff */
} TsEventFields;

#define TS_EVENT_TITLE_MAX      100
#define TS_EVENT_PLACE_MAX      200
#define TS_EVENT_REASON_MAX     500
#define TS_EVENT_MINUTES_MAX    720
#define TS_EVENT_CAPACITY_MAX   10000
#define TS_EVENT_COUNT_MAX      10000
#define TS_EVENT_SERIES_MAX     24        /* two years of a monthly series */
#define TS_EVENT_STAFF_MAX      50
#define TS_EVENT_NICKNAME_MAX   50
#define TS_EVENT_CONTACT_MAX    200
#define TS_EVENT_SLOTS_MAX      100
#define TS_EVENT_REQUESTS_MAX   500
#define TS_EVENT_REGISTRATIONS_MAX 1000
#define TS_EVENT_EARLIEST_YEAR  2000
#define TS_EVENT_LIST_DEFAULT   100
#define TS_EVENT_LIST_MAX       500

/* A series: monthly on the n-th (1–5, or -1: last) ISO weekday (1–7) of
 * each month, @count events from the first date's month. */
typedef struct {
  int nth;
  int weekday;
  int count;
} TsEventRepeat;

typedef struct {
  gint64         id;
  TsEventKind    kind;
  char          *title;
  TsDate         date;
  int            start_min;         /* minutes after midnight */
  int            minutes;
  char          *place;             /* NULL: none */
  int            capacity;          /* 0: none (定員 where there is one) */
  char          *municipality_code;
  gint64         organisation_id;   /* the organisation that holds it (SPEC 2.6) */
  gint64         series_id;         /* 0: not in a series */
  TsEventStatus  status;
  char          *cancel_reason;
  gint64         version;
  gint64         user_id;
  gint64         created_at;
  gint64         updated_at;
  /* A draft's extras (POST only): the series and the planned staff. */
  TsEventRepeat  repeat;
  GArray        *supporter_ids;     /* gint64; NULL: none given */
} TsEventRecord;

extern const TsResource ts_event_resource;

TsEventRecord *ts_event_record_new  (void);
void           ts_event_record_free (TsEventRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsEventRecord, ts_event_record_free)

/* GET /v1/events: ?from, ?to (dates, both included), ?kind. */
typedef struct {
  TsListQuery  list;
  TsDate       from;
  TsDate       to;
  int          kind;                /* TsEventKind or TS_FILTER_ANY */
  /* Set by the service for a supporter: the events it staffs; 0: any. */
  gint64       staff_supporter_id;
} TsEventQuery;

/* One named supporter of an event: planned, or attended with the minutes
 * paid. */
typedef struct {
  gint64   id;
  gint64   supporter_id;
  gboolean attended;
  int      minutes;
  gint64   paid_yen;                /* the ledger's sum for this row */
} TsEventStaff;

/* The counted others: 本人, 家族, 関係者. */
typedef struct {
  gboolean recorded;
  int      self;
  int      family;
  int      other;
} TsEventCounts;

typedef enum {
  TS_REGISTRATION_CONFIRMED,
  TS_REGISTRATION_WAITING,
  TS_REGISTRATION_CANCELLED,
} TsRegistrationStatus;

TS_DECLARE_VOCABULARY (ts_registration_status, TsRegistrationStatus)

typedef struct {
  gint64               id;
  gint64               event_id;
  char                *nickname;
  char                *contact;
  TsRegistrationStatus status;
  gint64               created_at;
  gint64               updated_at;
} TsEventRegistration;

void ts_event_registration_free (TsEventRegistration *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsEventRegistration, ts_event_registration_free)

typedef struct {
  gint64  id;
  gint64  event_id;
  int     start_min;
  int     minutes;
  char   *staff;                    /* NULL: none named */
  gint64  created_at;
} TsEventSlot;

void ts_event_slot_free (TsEventSlot *slot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsEventSlot, ts_event_slot_free)

typedef enum {
  TS_BOOKING_REQUESTED,
  TS_BOOKING_PLACED,
  TS_BOOKING_UNPLACED,
  TS_BOOKING_CANCELLED,
} TsBookingStatus;

TS_DECLARE_VOCABULARY (ts_booking_status, TsBookingStatus)

#define TS_BOOKING_PREFERENCES_MAX 3

typedef struct {
  gint64          id;
  gint64          event_id;
  char           *nickname;
  char           *contact;
  gint64          preferences[TS_BOOKING_PREFERENCES_MAX]; /* 0: none */
  guint           n_preferences;
  TsBookingStatus status;
  gint64          slot_id;          /* placed: its slot */
  char           *reason;           /* unplaced: why (a stable word) */
  gint64          created_at;
  gint64          updated_at;
} TsBookingRequest;

void ts_booking_request_free (TsBookingRequest *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsBookingRequest, ts_booking_request_free)

G_END_DECLS
