/*
 * Consultation slot allocation (match/booking.h; issue 18) against brute
 * force on small random instances: the allocation places as many requests
 * as any assignment can, keeps as many previous placements as any such
 * assignment can, and has the least sum of preference ranks among those;
 * it is a valid assignment (distinct slots, each one of its request's
 * preferences).  Plus one instance where first-come places fewer.
 */
#include <string.h>

#include "match/booking.h"

typedef struct {
  int placed;
  int kept;
  int ranks;       /* lower is better */
} Score;

static gboolean
better (Score a, Score b)
{
  if (a.placed != b.placed)
    return a.placed > b.placed;
  if (a.kept != b.kept)
    return a.kept > b.kept;
  return a.ranks < b.ranks;
}

static int
rank_of (const TsBookingInput *in, int slot)
{
  for (int k = 0; k < in->n_preferences; k++)
    if (in->preferences[k] == slot)
      return k;
  return -1;
}

static Score
score_of (const TsBookingInput *in, guint n, const int *slots)
{
  Score s = { 0, 0, 0 };

  for (guint i = 0; i < n; i++)
    if (slots[i] >= 0)
      {
        s.placed++;
        s.kept += in[i].kept_slot == slots[i];
        s.ranks += rank_of (&in[i], slots[i]);
      }
  return s;
}

/* Every assignment: request i takes nothing or one of its free preferred
 * slots. */
static void
brute (const TsBookingInput *in, guint n, guint i, int *cur, gboolean *used, Score *best)
{
  if (i == n)
    {
      Score s = score_of (in, n, cur);
      if (better (s, *best))
        *best = s;
      return;
    }
  cur[i] = -1;
  brute (in, n, i + 1, cur, used, best);
  for (int k = 0; k < in[i].n_preferences; k++)
    {
      int slot = in[i].preferences[k];
      if (used[slot])
        continue;
      used[slot] = TRUE;
      cur[i] = slot;
      brute (in, n, i + 1, cur, used, best);
      used[slot] = FALSE;
    }
  cur[i] = -1;
}

static void
random_instance (GRand *rand, TsBookingInput *in, guint n, guint n_slots, gboolean with_kept)
{
  gboolean taken[16] = { FALSE };

  for (guint i = 0; i < n; i++)
    {
      int want = g_rand_int_range (rand, 1, MIN (3, (int) n_slots) + 1);

      in[i].n_preferences = 0;
      in[i].kept_slot = -1;
      while (in[i].n_preferences < want)
        {
          int s = g_rand_int_range (rand, 0, (int) n_slots);
          if (rank_of (&in[i], s) < 0)
            in[i].preferences[in[i].n_preferences++] = s;
        }
      /* A previous placement: one of its preferences not taken by another. */
      if (with_kept && g_rand_boolean (rand))
        {
          int s = in[i].preferences[g_rand_int_range (rand, 0, in[i].n_preferences)];
          if (!taken[s])
            {
              taken[s] = TRUE;
              in[i].kept_slot = s;
            }
        }
    }
}

static void
test_against_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  guint runs = g_getenv ("TSUNAGARI_TEST_LIGHT") != NULL ? 200 : 2000;

  for (guint run = 0; run < runs; run++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, 8);
      guint n_slots = (guint) g_rand_int_range (rand, 1, 7);
      TsBookingInput in[8];
      int out[8], cur[8];
      gboolean used[16] = { FALSE };
      Score best = { -1, -1, 0 };
      Score got;
      guint placed = 0;
      g_autoptr(GError) error = NULL;

      random_instance (rand, in, n, n_slots, run % 2 == 1);
      g_assert_true (ts_booking_allocate (in, n, n_slots, out, &placed, &error));
      g_assert_no_error (error);

      /* Valid: each a preference of its own, no slot twice. */
      for (guint i = 0; i < n; i++)
        if (out[i] >= 0)
          {
            g_assert_cmpint (rank_of (&in[i], out[i]), >=, 0);
            g_assert_false (used[out[i]]);
            used[out[i]] = TRUE;
          }
      memset (used, 0, sizeof used);
      brute (in, n, 0, cur, used, &best);
      got = score_of (in, n, out);
      g_assert_cmpuint (placed, ==, (guint) got.placed);
      g_assert_cmpint (got.placed, ==, best.placed);
      g_assert_cmpint (got.kept, ==, best.kept);
      g_assert_cmpint (got.ranks, ==, best.ranks);
    }
}

/* First-come in request order: each takes its best free preference. */
static int
first_come (const TsBookingInput *in, guint n, guint n_slots)
{
  gboolean used[16] = { FALSE };
  int placed = 0;

  g_assert_cmpuint (n_slots, <=, 16);
  for (guint i = 0; i < n; i++)
    for (int k = 0; k < in[i].n_preferences; k++)
      if (!used[in[i].preferences[k]])
        {
          used[in[i].preferences[k]] = TRUE;
          placed++;
          break;
        }
  return placed;
}

static void
test_first_come_places_fewer (void)
{
  /* 巡回相談: three slots; the first request names all three, the next two
   * only their 第1希望 (slot 0, slot 1). */
  const TsBookingInput in[] = {
    { 3, { 0, 1, 2 }, -1 },
    { 1, { 0 }, -1 },
    { 1, { 1 }, -1 },
  };
  int out[3];
  guint placed = 0;

  g_assert_cmpint (first_come (in, 3, 3), ==, 2);
  g_assert_true (ts_booking_allocate (in, 3, 3, out, &placed, NULL));
  g_assert_cmpuint (placed, ==, 3);
  g_assert_cmpint (out[0], ==, 2);
  g_assert_cmpint (out[1], ==, 0);
  g_assert_cmpint (out[2], ==, 1);
}

static void
test_bad_input (void)
{
  const TsBookingInput twice[] = { { 2, { 1, 1 }, -1 } };
  const TsBookingInput outside[] = { { 1, { 5 }, -1 } };
  int out[1];
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  g_assert_false (ts_booking_allocate (twice, 1, 3, out, NULL, &e1));
  g_assert_nonnull (e1);
  g_assert_false (ts_booking_allocate (outside, 1, 3, out, NULL, &e2));
  g_assert_nonnull (e2);
  /* No slots: nobody placed. */
  {
    const TsBookingInput one[] = { { 0, { 0 }, -1 } };
    guint placed = 9;
    g_assert_true (ts_booking_allocate (one, 1, 0, out, &placed, NULL));
    g_assert_cmpuint (placed, ==, 0);
    g_assert_cmpint (out[0], ==, -1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/match/booking/against-brute-force", test_against_brute_force);
  g_test_add_func ("/tsunagari/match/booking/first-come-places-fewer", test_first_come_places_fewer);
  g_test_add_func ("/tsunagari/match/booking/bad-input", test_bad_input);
  return g_test_run ();
}
