/*
 * Honoraria (謝礼), transport and host stipends in integer yen (SPEC 2.4,
 * 3.2 Rates).
 *
 * Money is gint64 yen and no floating point touches it (issue 5): a
 * statement must come out the same on every machine and every run, and a
 * sum of doubles does not.  Every input is bounded first (rates and costs
 * 0..TS_YEN_MAX = 10,000,000, minutes 1..720), so the one product formed,
 * per-hour × minutes ≤ 7.2 × 10^9, is far inside gint64; sums of many lines
 * go through ts_money_add(), which refuses to overflow.
 *
 * Sources: Bunkyo pays its supporters honoraria managed by the coordinators
 * (「活動管理(謝礼や保険等含む)」, seed 004); Akita pays each 職親 host
 * 「就労体験の受け入れ人数1人あたり1500円/日」 (seed 002).
 */
#include "domain/money.h"

#include <stdio.h>

const char *
ts_money_result_to_string (TsMoneyResult result)
{
  switch (result)
    {
    case TS_MONEY_OK: return "ok";
    case TS_MONEY_MINUTES_OUT_OF_RANGE: return "minutes_out_of_range";
    case TS_MONEY_AMOUNT_NEGATIVE: return "amount_negative";
    case TS_MONEY_AMOUNT_TOO_LARGE: return "amount_too_large";
    case TS_MONEY_UNKNOWN_KIND: return "unknown_kind";
    case TS_MONEY_INVALID_RATES: return "invalid_rates";
    case TS_MONEY_INVALID_DATE: return "invalid_date";
    case TS_MONEY_OVERFLOW: return "overflow";
    default: g_return_val_if_reached (NULL);
    }
}

static gboolean
yen_in_range (gint64 yen)
{
  return yen >= 0 && yen <= TS_YEN_MAX;
}

/* The resolved rates for @kind, refusing values a validated table cannot
 * hold (a row written by hand into the database, say) rather than
 * computing with them. */
static TsMoneyResult
resolve (const TsRateSet *rates,
         TsActivityKind   kind,
         TsKindRates     *out)
{
  if (!ts_rate_set_resolve_kind (rates, kind, out))
    return TS_MONEY_UNKNOWN_KIND;
  if (!yen_in_range (out->honorarium_per_activity_yen) ||
      !yen_in_range (out->honorarium_per_hour_yen) ||
      !yen_in_range (out->transport_cap_yen))
    return TS_MONEY_INVALID_RATES;
  return TS_MONEY_OK;
}

/*
 * The honorarium for one activity of @kind lasting @minutes:
 *
 *   per-activity + floor (per-hour × minutes / 60)
 *
 * with the kind's by_kind override applied field by field (SPEC 3.2:
 * "rounded down to the yen").  The per-hour part is rounded per activity,
 * not over a month's total minutes: each activity is a line of its own on
 * the statement and must be reproducible on its own.  Both operands are
 * non-negative, so C's truncating division is the floor.
 *
 * Example: 1,000 yen/h for 50 minutes is 50,000 / 60 = 833 yen.
 */
TsMoneyResult
ts_money_honorarium (const TsRateSet *rates,
                     TsActivityKind   kind,
                     int              minutes,
                     gint64          *out_yen)
{
  TsKindRates k;
  TsMoneyResult r;

  g_return_val_if_fail (rates != NULL, TS_MONEY_INVALID_RATES);
  g_return_val_if_fail (out_yen != NULL, TS_MONEY_INVALID_RATES);

  r = resolve (rates, kind, &k);
  if (r != TS_MONEY_OK)
    return r;
  if (minutes < TS_ACTIVITY_MINUTES_MIN || minutes > TS_ACTIVITY_MINUTES_MAX)
    return TS_MONEY_MINUTES_OUT_OF_RANGE;

  *out_yen = k.honorarium_per_activity_yen +
             (k.honorarium_per_hour_yen * (gint64) minutes) / 60;
  return TS_MONEY_OK;
}

/*
 * Transport reimbursed for one activity: the cost, up to the kind's cap
 * (SPEC 2.4 "reimbursed at cost up to a per-activity cap").
 *
 * A cap of 0 means nothing is paid, not "no limit": the cap is the most
 * that is paid, and before any rate set exists the SPEC makes every rate
 * but the host stipend 0, so until an administrator sets a cap no transport
 * is paid.  A programme that wants no practical limit sets a cap at least
 * as large as the largest cost a report may carry (50,000 yen).
 */
TsMoneyResult
ts_money_transport (const TsRateSet *rates,
                    TsActivityKind   kind,
                    gint64           cost_yen,
                    gint64          *out_yen)
{
  TsKindRates k;
  TsMoneyResult r;

  g_return_val_if_fail (rates != NULL, TS_MONEY_INVALID_RATES);
  g_return_val_if_fail (out_yen != NULL, TS_MONEY_INVALID_RATES);

  r = resolve (rates, kind, &k);
  if (r != TS_MONEY_OK)
    return r;
  if (cost_yen < 0)
    return TS_MONEY_AMOUNT_NEGATIVE;
  if (cost_yen > TS_YEN_MAX)
    return TS_MONEY_AMOUNT_TOO_LARGE;

  *out_yen = MIN (cost_yen, k.transport_cap_yen);
  return TS_MONEY_OK;
}

/*
 * Prices one activity on @on at the set in force that day (the latest
 * effective_from ≤ @on, else the SPEC defaults), so that a rate change on
 * the 15th prices the 14th and the 15th of the same month differently.
 * @out is written only on success.
 */
TsMoneyResult
ts_money_price_activity (const TsRateSet *sets,
                         gsize            n_sets,
                         TsDate           on,
                         TsActivityKind   kind,
                         int              minutes,
                         gint64           transport_cost_yen,
                         TsActivityPay   *out)
{
  const TsRateSet *rates;
  gboolean is_default = FALSE;
  gint64 honorarium = 0, transport = 0;
  TsMoneyResult r;

  g_return_val_if_fail (sets != NULL || n_sets == 0, TS_MONEY_INVALID_RATES);
  g_return_val_if_fail (out != NULL, TS_MONEY_INVALID_RATES);

  if (on == TS_DATE_NONE)
    return TS_MONEY_INVALID_DATE;

  rates = ts_rate_table_in_force (sets, n_sets, on, &is_default);
  r = ts_money_honorarium (rates, kind, minutes, &honorarium);
  if (r != TS_MONEY_OK)
    return r;
  r = ts_money_transport (rates, kind, transport_cost_yen, &transport);
  if (r != TS_MONEY_OK)
    return r;

  out->honorarium_yen = honorarium;
  out->transport_yen = transport;
  out->transport_claimed_yen = transport_cost_yen;
  out->rates_effective_from = is_default ? TS_DATE_NONE : rates->effective_from;
  return TS_MONEY_OK;
}

/*
 * The stipend owed to a host for @days_attended: one entry per participant
 * per day attended (the same date twice means two participants that day),
 * each priced at the host_stipend_per_day_yen in force on that date
 * (default 1,500 yen, Akita seed 002).  Days not attended are not passed
 * in and earn nothing.  @out_yen is written only on success.
 */
TsMoneyResult
ts_money_host_stipend (const TsRateSet *sets,
                       gsize            n_sets,
                       const TsDate    *days_attended,
                       gsize            n_days,
                       gint64          *out_yen)
{
  gint64 total = 0;

  g_return_val_if_fail (sets != NULL || n_sets == 0, TS_MONEY_INVALID_RATES);
  g_return_val_if_fail (days_attended != NULL || n_days == 0, TS_MONEY_INVALID_DATE);
  g_return_val_if_fail (out_yen != NULL, TS_MONEY_INVALID_RATES);

  for (gsize i = 0; i < n_days; i++)
    {
      const TsRateSet *rates;

      if (days_attended[i] == TS_DATE_NONE)
        return TS_MONEY_INVALID_DATE;
      rates = ts_rate_table_in_force (sets, n_sets, days_attended[i], NULL);
      if (!yen_in_range (rates->host_stipend_per_day_yen))
        return TS_MONEY_INVALID_RATES;
      if (!ts_money_add (&total, rates->host_stipend_per_day_yen))
        return TS_MONEY_OVERFLOW;
    }

  *out_yen = total;
  return TS_MONEY_OK;
}

/*
 * Adds @yen (which may be negative: a reversal or adjustment line) to
 * *@total.  Returns FALSE and leaves *@total unchanged if the sum would
 * leave gint64; statement and audit totals use it for every line.
 */
gboolean
ts_money_add (gint64 *total,
              gint64  yen)
{
  g_return_val_if_fail (total != NULL, FALSE);

  if ((yen > 0 && *total > G_MAXINT64 - yen) ||
      (yen < 0 && *total < G_MININT64 - yen))
    return FALSE;
  *total += yen;
  return TRUE;
}

/* Floor division for a positive divisor (C truncates towards zero). */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && a < 0)
    q--;
  return q;
}

/*
 * Used, remaining and percentage of a fiscal year's budget for
 * GET /v1/audit/payments (SPEC 2.5: "against the programme budget"; Bunkyo:
 * 「【予算】 3,207千円」, seed 004).  The percentage is integer basis points,
 * rounded down, so the audit shows no more of the budget as used than was,
 * and no floating point touches the money; render it with
 * ts_money_format_basis_points().  @used_yen may be negative (a year whose
 * only lines are reversals).  A budget of 0 has no percentage.
 */
TsMoneyResult
ts_money_budget_usage (gint64         budget_yen,
                       gint64         used_yen,
                       TsBudgetUsage *out)
{
  g_return_val_if_fail (out != NULL, TS_MONEY_AMOUNT_TOO_LARGE);

  if (budget_yen < 0)
    return TS_MONEY_AMOUNT_NEGATIVE;
  if (budget_yen > TS_BUDGET_MAX_YEN ||
      used_yen > TS_BUDGET_MAX_USED_YEN || used_yen < -TS_BUDGET_MAX_USED_YEN)
    return TS_MONEY_AMOUNT_TOO_LARGE;

  out->budget_yen = budget_yen;
  out->used_yen = used_yen;
  out->remaining_yen = budget_yen - used_yen;
  out->has_percentage = budget_yen > 0;
  /* |used| ≤ 10^14, so used × 10,000 ≤ 10^18 < G_MAXINT64. */
  out->used_basis_points = budget_yen > 0 ? floor_div (used_yen * 10000, budget_yen) : 0;
  return TS_MONEY_OK;
}

/* "12.34" for 1234, "-0.05" for -5, "100.00" for 10000: a percentage
 * with two decimals, written without floating point. */
void
ts_money_format_basis_points (gint64 basis_points,
                              char   buf[32])
{
  guint64 magnitude;

  g_return_if_fail (buf != NULL);

  magnitude = basis_points < 0 ? (guint64) -(basis_points + 1) + 1 : (guint64) basis_points;
  snprintf (buf, 32, "%s%" G_GUINT64_FORMAT ".%02u",
            basis_points < 0 ? "-" : "",
            magnitude / 100, (guint) (magnitude % 100));
}

TsMoneyResult
ts_money_event_honorarium (const TsRateSet *sets, gsize n_sets, TsDate on, int minutes,
                           gint64 *out_yen)
{
  const TsRateSet *rates;

  g_return_val_if_fail (out_yen != NULL, TS_MONEY_INVALID_RATES);
  *out_yen = 0;
  if (on == TS_DATE_NONE)
    return TS_MONEY_INVALID_DATE;
  if (minutes < TS_ACTIVITY_MINUTES_MIN || minutes > TS_ACTIVITY_MINUTES_MAX)
    return TS_MONEY_MINUTES_OUT_OF_RANGE;
  rates = ts_rate_table_in_force (sets, n_sets, on, NULL);
  if (rates->event_honorarium_per_hour_yen < 0 || rates->event_honorarium_per_hour_yen > TS_YEN_MAX)
    return TS_MONEY_INVALID_RATES;
  /* Both factors are bounded (TS_YEN_MAX, 720): the product fits. */
  *out_yen = rates->event_honorarium_per_hour_yen * minutes / 60;
  return TS_MONEY_OK;
}
