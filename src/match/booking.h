/*
 * Consultation slot allocation (SPEC 2.8; issue 18; seed 004 個別相談
 * 第1～第3希望): requests name up to three preferred slots, each slot takes
 * one request.  The allocation is an optimum, never first-come:
 *   1. as many requests placed as possible;
 *   2. among those, as many previously placed requests kept in their slot
 *      as possible (a reallocation after a cancellation);
 *   3. among those, the best preference ranks (the least sum of ranks,
 *      第1希望 = 0, 第2 = 1, 第3 = 2).
 * The three goals are one maximum-weight matching, solved by the batch
 * solver (match/solver.h) with lexicographic weights:
 *   w = PLACE + KEEP × kept + (2 − rank),
 * where KEEP exceeds every possible sum of rank terms and PLACE every sum
 * of keep and rank terms, so that no gain in a later goal can pay for a
 * loss in an earlier one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most requests and slots one allocation takes: the weights stay
 * within the solver's 32-bit pair weight. */
#define TS_BOOKING_MAX_REQUESTS 1000
#define TS_BOOKING_MAX_SLOTS    1000
#define TS_BOOKING_RANKS        3

/* One request: its preferred slots by index (0 … n_slots − 1), best
 * first, distinct; @kept_slot is its current slot, or -1. */
typedef struct {
  int n_preferences;
  int preferences[TS_BOOKING_RANKS];
  int kept_slot;
} TsBookingInput;

/* Fills @out_slot[i] with the slot index of request i or -1; returns the
 * number placed.  FALSE with @error on input out of range. */
gboolean ts_booking_allocate (const TsBookingInput *requests,
                              guint                 n_requests,
                              guint                 n_slots,
                              int                  *out_slot,
                              guint                *out_placed,
                              GError              **error);

G_END_DECLS
