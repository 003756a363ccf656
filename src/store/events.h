/*
 * Events, their staff and counts, seminar registrations, consultation
 * slots and booking requests (SPEC 2.8; issue 18): the records are in
 * model/event.h, the rules in service/events.h.
 */
#pragma once

#include <glib.h>

#include "model/event.h"
#include "store/store.h"

G_BEGIN_DECLS

/* ---- events (writer thread only for writes) ---- */

gboolean       ts_store_event_insert  (TsStore             *self,
                                       const TsEventRecord *record,
                                       gint64               now,
                                       gint64              *out_id,
                                       GError             **error);
/* Fits TsSaveFunc: an optimistic update of the writable fields. */
gboolean       ts_store_event_update  (TsStore             *self,
                                       const TsEventRecord *record,
                                       gint64               expected_version,
                                       gint64               now,
                                       GError             **error);
gboolean       ts_store_event_cancel  (TsStore             *self,
                                       gint64               id,
                                       const char          *reason,
                                       gint64               now,
                                       GError             **error);
/* TS_ERROR_NOT_FOUND "No such event". */
TsEventRecord *ts_store_event_get     (TsStore             *self,
                                       gint64               id,
                                       GError             **error);
/* Fits TsListRowsFunc: date order would break keyset paging, so id order;
 * the client sorts a month's page by date. */
GPtrArray     *ts_store_event_list    (TsStore             *self,
                                       const TsEventQuery  *query,
                                       gint64               after_id,
                                       guint                limit,
                                       GError             **error);

/* ---- staff and counts ---- */

/* GArray of TsEventStaff, supporter_id order, each with its ledger sum. */
GArray        *ts_store_event_staff   (TsStore             *self,
                                       gint64               event_id,
                                       GError             **error);
/* Adds or updates the row of (@event_id, @supporter_id); its id in
 * @out_id. */
gboolean       ts_store_event_staff_set (TsStore           *self,
                                         gint64             event_id,
                                         gint64             supporter_id,
                                         gboolean           attended,
                                         int                minutes,
                                         gint64            *out_id,
                                         GError           **error);
gboolean       ts_store_event_counts_get (TsStore          *self,
                                          gint64            event_id,
                                          TsEventCounts    *out,
                                          GError          **error);
gboolean       ts_store_event_counts_set (TsStore             *self,
                                          gint64               event_id,
                                          const TsEventCounts *counts,
                                          gint64               now,
                                          GError             **error);
/* The sums of the recorded counts of the events dated @from … @to (both
 * included), not cancelled, within @scope (NULL: all), of kind @kind
 * (TS_FILTER_ANY: any): events, 本人, 家族, 関係者 and named supporters who
 * attended. */
gboolean       ts_store_event_counts_sum (TsStore          *self,
                                          const GArray     *scope,
                                          TsDate            from,
                                          TsDate            to,
                                          int               kind,
                                          gint64            out[5],
                                          GError          **error);

/* ---- registrations ---- */

gboolean       ts_store_registration_insert (TsStore                   *self,
                                             const TsEventRegistration *r,
                                             gint64                     now,
                                             gint64                    *out_id,
                                             GError                   **error);
TsEventRegistration *ts_store_registration_get (TsStore  *self,
                                                gint64    id,
                                                GError  **error);
/* Every registration of the event, id order. */
GPtrArray     *ts_store_registration_list (TsStore  *self,
                                           gint64    event_id,
                                           GError  **error);
gboolean       ts_store_registration_count (TsStore              *self,
                                            gint64                event_id,
                                            TsRegistrationStatus  status,
                                            gint64               *out_count,
                                            GError              **error);
/* The first waiting registration's id, 0 when none waits. */
gboolean       ts_store_registration_first_waiting (TsStore  *self,
                                                    gint64    event_id,
                                                    gint64   *out_id,
                                                    GError  **error);
gboolean       ts_store_registration_set_status (TsStore              *self,
                                                 gint64                id,
                                                 TsRegistrationStatus  status,
                                                 gint64                now,
                                                 GError              **error);

/* ---- slots and booking requests ---- */

gboolean       ts_store_slot_insert   (TsStore            *self,
                                       const TsEventSlot  *slot,
                                       gint64              now,
                                       gint64             *out_id,
                                       GError            **error);
/* Every slot of the event, (start, id) order. */
GPtrArray     *ts_store_slot_list     (TsStore            *self,
                                       gint64              event_id,
                                       GError            **error);
gboolean       ts_store_booking_insert (TsStore                *self,
                                        const TsBookingRequest *r,
                                        gint64                  now,
                                        gint64                 *out_id,
                                        GError                **error);
TsBookingRequest *ts_store_booking_get (TsStore  *self,
                                        gint64    id,
                                        GError  **error);
/* Every request of the event, id order. */
GPtrArray     *ts_store_booking_list  (TsStore            *self,
                                       gint64              event_id,
                                       GError            **error);
/* Sets status, slot_id (0: none) and reason (NULL: none). */
gboolean       ts_store_booking_set   (TsStore            *self,
                                       gint64              id,
                                       TsBookingStatus     status,
                                       gint64              slot_id,
                                       const char         *reason,
                                       gint64              now,
                                       GError            **error);

G_END_DECLS

G_BEGIN_DECLS
/* A series' first event names itself (writer thread only). */
gboolean       ts_store_event_set_series (TsStore  *self,
                                          gint64    id,
                                          gint64    series_id,
                                          GError  **error);
G_END_DECLS
