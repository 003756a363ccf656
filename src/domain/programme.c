/*
 * Programme eligibility: see domain/programme.h.
 */
#include "domain/programme.h"

#include <stdlib.h>

static const char *const reason_names[TS_PROGRAMME_N_REASONS] = {
  "age_below", "age_unknown", "withdrawal_too_short", "withdrawal_unknown",
};

/* The oldest age of a band ("10s": 19; "70s+": no end); -1 unknown. */
static int
band_oldest (const char *band)
{
  char *end = NULL;
  long decade;

  if (band == NULL || !g_ascii_isdigit (band[0]))
    return -1;
  decade = strtol (band, &end, 10);
  if (end == NULL || *end != 's')
    return -1;
  if (end[1] == '+')
    return G_MAXINT;
  return (int) decade + 9;
}

guint
ts_programme_eligibility (int min_age, int min_withdrawal_months, const char *age_band,
                          int withdrawal_months)
{
  guint reasons = 0;

  if (min_age >= 0)
    {
      int oldest = band_oldest (age_band);
      if (oldest < 0)
        reasons |= TS_PROGRAMME_REASON_AGE_UNKNOWN;
      else if (oldest < min_age)
        reasons |= TS_PROGRAMME_REASON_AGE_BELOW;
    }
  if (min_withdrawal_months >= 0)
    {
      if (withdrawal_months < 0)
        reasons |= TS_PROGRAMME_REASON_WITHDRAWAL_UNKNOWN;
      else if (withdrawal_months < min_withdrawal_months)
        reasons |= TS_PROGRAMME_REASON_WITHDRAWAL_SHORT;
    }
  return reasons;
}

guint
ts_programme_reasons_to_strings (guint reasons, const char *out[TS_PROGRAMME_N_REASONS])
{
  guint n = 0;

  for (guint i = 0; i < TS_PROGRAMME_N_REASONS; i++)
    if (reasons & (1u << i))
      out[n++] = reason_names[i];
  return n;
}
