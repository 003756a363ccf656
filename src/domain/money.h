/*
 * What an activity or a placement day is worth: honoraria (謝礼), transport
 * reimbursement and host stipends, in integer yen (SPEC 2.4, 3.2 Rates).
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "domain/rates.h"

G_BEGIN_DECLS

/* Issue 5: "minutes outside 1..720" are refused (720 = a 12-hour day). */
#define TS_ACTIVITY_MINUTES_MIN 1
#define TS_ACTIVITY_MINUTES_MAX 720

/* Issue 5: a report's transport over 50,000 yen is "absurd" and refused
 * with 422; the money rules themselves accept up to TS_YEN_MAX. */
#define TS_ACTIVITY_TRANSPORT_MAX_YEN G_GINT64_CONSTANT (50000)

typedef enum {
  TS_MONEY_OK = 0,
  TS_MONEY_MINUTES_OUT_OF_RANGE,   /* outside 1..720 */
  TS_MONEY_AMOUNT_NEGATIVE,        /* a cost below 0 */
  TS_MONEY_AMOUNT_TOO_LARGE,       /* a cost above TS_YEN_MAX */
  TS_MONEY_UNKNOWN_KIND,
  TS_MONEY_INVALID_RATES,          /* a rate outside 0..TS_YEN_MAX */
  TS_MONEY_INVALID_DATE,
  TS_MONEY_OVERFLOW,               /* a sum beyond gint64 */
} TsMoneyResult;

const char    *ts_money_result_to_string (TsMoneyResult result);

TsMoneyResult  ts_money_honorarium       (const TsRateSet *rates,
                                          TsActivityKind   kind,
                                          int              minutes,
                                          gint64          *out_yen);
TsMoneyResult  ts_money_transport        (const TsRateSet *rates,
                                          TsActivityKind   kind,
                                          gint64           cost_yen,
                                          gint64          *out_yen);

typedef struct {
  gint64 honorarium_yen;
  gint64 transport_yen;          /* reimbursed: the cost, at most the cap */
  gint64 transport_claimed_yen;  /* the cost as reported */
  TsDate rates_effective_from;   /* TS_DATE_NONE when the SPEC defaults applied */
} TsActivityPay;

TsMoneyResult  ts_money_price_activity   (const TsRateSet *sets,
                                          gsize            n_sets,
                                          TsDate           on,
                                          TsActivityKind   kind,
                                          int              minutes,
                                          gint64           transport_cost_yen,
                                          TsActivityPay   *out);

TsMoneyResult  ts_money_host_stipend     (const TsRateSet *sets,
                                          gsize            n_sets,
                                          const TsDate    *days_attended,
                                          gsize            n_days,
                                          gint64          *out_yen);

/* A supporter's hours at an event (issue 18): event_honorarium_per_hour_yen
 * in force on @on × @minutes / 60, rounded down to the yen. */
TsMoneyResult  ts_money_event_honorarium (const TsRateSet *sets,
                                          gsize            n_sets,
                                          TsDate           on,
                                          int              minutes,
                                          gint64          *out_yen);
gboolean       ts_money_add              (gint64 *total,
                                          gint64  yen);

/* A programme budget (POST /v1/budgets) may be far larger than one rate:
 * up to 1兆円.  Bunkyo's was 3,207千円 (seed 004). */
#define TS_BUDGET_MAX_YEN G_GINT64_CONSTANT (1000000000000)
/* The most a fiscal year's payments may total for a budget comparison. */
#define TS_BUDGET_MAX_USED_YEN G_GINT64_CONSTANT (100000000000000)

typedef struct {
  gint64   budget_yen;
  gint64   used_yen;
  gint64   remaining_yen;       /* budget - used; negative when overspent */
  gboolean has_percentage;      /* FALSE when the budget is 0 */
  gint64   used_basis_points;   /* floor (used × 10,000 / budget): 1234 = 12.34% */
} TsBudgetUsage;

TsMoneyResult  ts_money_budget_usage     (gint64         budget_yen,
                                          gint64         used_yen,
                                          TsBudgetUsage *out);
void           ts_money_format_basis_points (gint64 basis_points,
                                             char   buf[32]);

G_END_DECLS
