/*
 * Consultation slot allocation: see booking.h.
 */
#include "match/booking.h"

#include "core/error.h"
#include "match/solver.h"

typedef struct {
  const TsBookingInput *requests;
  guint                 n_requests;
  gint32                keep;
  gint32                place;
  /* one row's answer, slots ascending */
  guint32               slots[TS_BOOKING_RANKS];
  gint32                weights[TS_BOOKING_RANKS];
} Rows;

static guint
row (guint i, const guint32 **slots, const gint32 **weights, gpointer user_data)
{
  Rows *r = user_data;
  const TsBookingInput *in = &r->requests[i];
  guint n = 0;

  for (int k = 0; k < in->n_preferences; k++)
    {
      guint32 s = (guint32) in->preferences[k];
      gint32 w = r->place + (TS_BOOKING_RANKS - 1 - k);
      guint j;

      if (in->kept_slot == in->preferences[k])
        w += r->keep;
      /* Insert in ascending slot order (at most three). */
      for (j = n; j > 0 && r->slots[j - 1] > s; j--)
        {
          r->slots[j] = r->slots[j - 1];
          r->weights[j] = r->weights[j - 1];
        }
      r->slots[j] = s;
      r->weights[j] = w;
      n++;
    }
  *slots = r->slots;
  *weights = r->weights;
  return n;
}

gboolean
ts_booking_allocate (const TsBookingInput *requests, guint n_requests, guint n_slots,
                     int *out_slot, guint *out_placed, GError **error)
{
  g_autofree guint32 *capacity = NULL;
  g_autofree guint32 *assignment = NULL;
  TsMatchProblem problem = { 0 };
  TsMatchSolveStats stats = { 0 };
  Rows rows = { 0 };

  g_return_val_if_fail (n_requests == 0 || (requests != NULL && out_slot != NULL), FALSE);
  if (n_requests > TS_BOOKING_MAX_REQUESTS || n_slots > TS_BOOKING_MAX_SLOTS)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_VALIDATION, "Too many requests or slots");
      return FALSE;
    }
  for (guint i = 0; i < n_requests; i++)
    {
      const TsBookingInput *in = &requests[i];

      if (in->n_preferences < 0 || in->n_preferences > TS_BOOKING_RANKS)
        goto bad;
      for (int k = 0; k < in->n_preferences; k++)
        {
          if (in->preferences[k] < 0 || (guint) in->preferences[k] >= n_slots)
            goto bad;
          for (int l = 0; l < k; l++)
            if (in->preferences[l] == in->preferences[k])
              goto bad;
        }
    }
  if (out_placed != NULL)
    *out_placed = 0;
  if (n_requests == 0 || n_slots == 0)
    {
      for (guint i = 0; i < n_requests; i++)
        out_slot[i] = -1;
      return TRUE;
    }

  /* Lexicographic weights (booking.h): the rank terms of all requests sum
   * to at most 2n < KEEP, and keep plus rank terms to at most
   * n × KEEP + 2n < PLACE. */
  rows.requests = requests;
  rows.n_requests = n_requests;
  rows.keep = (gint32) (2 * n_requests + 1);
  rows.place = (gint32) (n_requests * (guint) rows.keep + 2 * n_requests + 1);

  capacity = g_new (guint32, n_slots);
  for (guint j = 0; j < n_slots; j++)
    capacity[j] = 1;
  assignment = g_new (guint32, n_requests);
  problem.n_cases = n_requests;
  problem.n_supporters = n_slots;
  problem.capacity = capacity;
  problem.row_func = row;
  problem.row_data = &rows;
  if (!ts_match_solve (&problem, assignment, NULL, &stats, error))
    return FALSE;
  for (guint i = 0; i < n_requests; i++)
    out_slot[i] = assignment[i] == TS_MATCH_NONE ? -1 : (int) assignment[i];
  if (out_placed != NULL)
    *out_placed = stats.n_assigned;
  return TRUE;

bad:
  g_set_error_literal (error, TS_ERROR, TS_ERROR_VALIDATION,
                       "A preference names no slot of the event, or one twice");
  return FALSE;
}
