/*
 * Group activities, events and consultation bookings (SPEC 2.8, 3.3
 * Events; issue 18; seeds 001, 002, 004).
 *
 * Who: coordinators and administrators create, change, cancel events and
 * record their attendance, registrations, slots, booking requests and
 * allocations, within their organisation's scope (SPEC 2.6: another
 * organisation's event is 404 "No such event", as a missing one).  A
 * supporter lists and reads the events it staffs (planned or attended);
 * every other event is 404 to it.  Hosts and auditors are refused (403);
 * the year-end statistics give an auditor the counts
 * (ts_service_event_counts()).
 *
 * The rules:
 * - an event: kind, title (≤ 100), date (2000 or later), start "HH:MM",
 *   minutes 1–720, place (≤ 200), capacity 1–10000 or none,
 *   municipality_code; optional planned staff (supporter_ids) of the
 *   caller's scope; a series: repeat {rule: "monthly_nth_weekday",
 *   count 2–24, nth 1–5 or -1 (last), weekday 1–7; nth and weekday default
 *   to the first date's}, all in one transaction, sharing series_id;
 * - a cancelled event is final (409 invalid_transition) and takes no
 *   attendance, registrations, slots or requests;
 * - attendance: on or after the event's date; the named supporters
 *   replace the previous ones: each newly attended one is paid the event's
 *   minutes at the event rate in force on its date (a ledger line of kind
 *   event, an adjustment when the month is issued); one no longer named
 *   gets a reversal of what was paid; counts 0–10000 each;
 * - registrations (an event with a capacity): confirmed while fewer than
 *   the capacity are confirmed, else waiting; a cancellation of a
 *   confirmed one confirms the first waiting one, in the same write
 *   transaction (one writer: exactly once under concurrent requests);
 * - slots (a consultation day): start and minutes within the day; booking
 *   requests name 1–3 distinct slots of that event; the allocation is the
 *   optimum of match/booking.h; a cancelled request frees its slot and
 *   the next allocation keeps every other placement where it can.
 * Every write is audited; reads of registrations and booking requests
 * (nicknames, contacts) too.  Entries name ids, never nicknames.
 */
#pragma once

#include "model/event.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  TsEventRecord *record;
  GArray        *staff;             /* TsEventStaff; NULL in list items */
  TsEventCounts  counts;
  gint64         confirmed;         /* registrations */
  gint64         waiting;
  GPtrArray     *series;            /* create with repeat: every event made */
} TsEventView;

void ts_event_view_free (TsEventView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsEventView, ts_event_view_free)

/* GET /v1/events, /v1/events/{id}, PATCH /v1/events/{id}. */
extern const TsResourceOps ts_event_ops;

/* @draft as read from POST /v1/events (@present: TsEventFields bits, with
 * draft->repeat and draft->supporter_ids). */
TsEventView *ts_service_event_create     (TsService           *self,
                                          TsContext           *ctx,
                                          const TsEventRecord *draft,
                                          guint                present,
                                          GError             **error);
TsEventView *ts_service_event_cancel     (TsService           *self,
                                          TsContext           *ctx,
                                          gint64               id,
                                          const char          *reason,
                                          GError             **error);
/* @supporter_ids: gint64, distinct. */
TsEventView *ts_service_event_attendance (TsService           *self,
                                          TsContext           *ctx,
                                          gint64               id,
                                          const GArray        *supporter_ids,
                                          const TsEventCounts *counts,
                                          GError             **error);

/* The statistics hook (for the year-end statistics, branch h-stats): the
 * events of fiscal year @fiscal_year (1 April – 31 March) in @ctx's scope
 * that are not cancelled, per kind (indexed by TsEventKind): events with
 * counts recorded, 本人, 家族, 関係者 (延べ参加者数 = their sum) and the
 * named supporters who attended.  Staff and auditors; no audit entry
 * (counts only). */
typedef struct {
  gint64 events;
  gint64 self;
  gint64 family;
  gint64 other;
  gint64 supporters;
} TsEventCountRow;

#define TS_EVENT_N_KINDS 7

gboolean     ts_service_event_counts     (TsService           *self,
                                          TsContext           *ctx,
                                          int                  fiscal_year,
                                          TsEventCountRow      out[TS_EVENT_N_KINDS],
                                          GError             **error);
/* The same narrowed to @organisation_id (0: the caller's whole scope, as
 * above); one outside the caller's scope is TS_ERROR_NOT_FOUND with the
 * words of a missing one (SPEC 2.6). */
gboolean     ts_service_event_counts_of  (TsService           *self,
                                          TsContext           *ctx,
                                          int                  fiscal_year,
                                          gint64               organisation_id,
                                          TsEventCountRow      out[TS_EVENT_N_KINDS],
                                          GError             **error);

/* ---- seminar registrations (events-bookings.c) ---- */

TsEventRegistration *ts_service_registration_create (TsService  *self,
                                                     TsContext  *ctx,
                                                     gint64      event_id,
                                                     const char *nickname,
                                                     const char *contact,
                                                     GError    **error);
TsEventRegistration *ts_service_registration_cancel (TsService  *self,
                                                     TsContext  *ctx,
                                                     gint64      event_id,
                                                     gint64      registration_id,
                                                     GError    **error);
/* Every registration of the event, id order. */
GPtrArray           *ts_service_registration_list   (TsService  *self,
                                                     TsContext  *ctx,
                                                     gint64      event_id,
                                                     GError    **error);

/* ---- consultation slots and booking requests ---- */

TsEventSlot      *ts_service_slot_create    (TsService  *self,
                                             TsContext  *ctx,
                                             gint64      event_id,
                                             int         start_min,
                                             int         minutes,
                                             const char *staff,
                                             GError    **error);
GPtrArray        *ts_service_slot_list      (TsService  *self,
                                             TsContext  *ctx,
                                             gint64      event_id,
                                             GError    **error);
TsBookingRequest *ts_service_booking_create (TsService    *self,
                                             TsContext    *ctx,
                                             gint64        event_id,
                                             const gint64 *preferences,
                                             guint         n_preferences,
                                             const char   *nickname,
                                             const char   *contact,
                                             GError      **error);
TsBookingRequest *ts_service_booking_cancel (TsService  *self,
                                             TsContext  *ctx,
                                             gint64      id,
                                             GError    **error);
GPtrArray        *ts_service_booking_list   (TsService  *self,
                                             TsContext  *ctx,
                                             gint64      event_id,
                                             GError    **error);
/* Places the event's open requests (match/booking.h) and answers them
 * all, id order; @out_placed: how many are placed. */
GPtrArray        *ts_service_event_allocate (TsService  *self,
                                             TsContext  *ctx,
                                             gint64      event_id,
                                             guint      *out_placed,
                                             GError    **error);

/* Shared by events.c and events-bookings.c: the event @id if @ctx may
 * change it (staff, in scope), else NULL with 403/404.  Inside a write or
 * read function. */
TsEventRecord *ts_service_event_fetch_for_staff (TsStore   *store,
                                                 TsContext *ctx,
                                                 gint64     id,
                                                 gboolean   scheduled,
                                                 GError   **error);

G_END_DECLS
