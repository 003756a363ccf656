/*
 * A supporter's standing on a date (see standing.h and
 * docs/domain-rules.md, "Suspension and retirement").
 */
#include "domain/standing.h"

/*
 * The first day a change counts for.  Registration, suspension and
 * reinstatement count from their own date: a supporter suspended on the
 * 10th does not work on the 10th, one reinstated on the 20th works on the
 * 20th.  Retirement counts from the day after: its date is the last day of
 * service, like the end date of the assignments it ends (an assignment's
 * ended_on is its last day), so a visit made on the morning of the
 * retirement day can still be reported.
 */
TsDate
ts_standing_effective_on (const TsStandingChange *change)
{
  g_return_val_if_fail (change != NULL, TS_DATE_NONE);

  if (change->on == TS_DATE_NONE)
    return TS_DATE_NONE;
  if (change->to == TS_STANDING_RETIRED)
    return ts_date_add_days (change->on, 1);
  return change->on;
}

/*
 * The standing on @date: the status set by the last change (in the order
 * the changes were made) that counts on or before @date; applicant before
 * the first.  Changes without a date are skipped.
 */
TsStanding
ts_standing_on (const TsStandingChange *changes, gsize n_changes, TsDate date)
{
  TsStanding standing = TS_STANDING_APPLICANT;

  g_return_val_if_fail (changes != NULL || n_changes == 0, TS_STANDING_APPLICANT);

  for (gsize i = 0; i < n_changes; i++)
    {
      TsDate from = ts_standing_effective_on (&changes[i]);

      if (from != TS_DATE_NONE && from <= date)
        standing = changes[i].to;
    }
  return standing;
}

/* Whether the supporter could work on @date: registered on that day. */
gboolean
ts_standing_allows_work (const TsStandingChange *changes, gsize n_changes, TsDate date)
{
  return ts_standing_on (changes, n_changes, date) == TS_STANDING_REGISTERED;
}
