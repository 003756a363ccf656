/*
 * Notices: the pure date rules (domain/notices.h, docs/domain-rules.md
 * "Notices").
 */
#include "domain/notices.h"

#include <string.h>

static const TsConfigInt rule_table[] = {
  TS_CONFIG_INT ("notices", TsNoticeRules, follow_up_window_days, 90, 1, 365),
  TS_CONFIG_INT ("notices", TsNoticeRules, lapsed_window_days, 30, 1, 365),
  TS_CONFIG_INT ("notices", TsNoticeRules, insurance_first_days, 60, 1, 365),
  TS_CONFIG_INT ("notices", TsNoticeRules, insurance_second_days, 14, 1, 365),
  TS_CONFIG_INT ("notices", TsNoticeRules, pre_interview_days, 7, 0, 90),
  TS_CONFIG_INT ("notices", TsNoticeRules, no_report_months, 1, 1, 12),
  TS_CONFIG_INT ("notices", TsNoticeRules, statement_window_days, 7, 0, 90),
  TS_CONFIG_INT ("notices", TsNoticeRules, dispatch_wait_days, 3, 0, 90),
  TS_CONFIG_INT ("notices", TsNoticeRules, run_hour, 6, 0, 23),
};

TS_DEFINE_CONFIG_RULES (ts_notice_rules, TsNoticeRules, rule_table)

static const char *const kind_names[TS_NOTICE_N_KINDS] = {
  "follow_up_due", "follow_up_lapsed", "insurance_ending", "pre_interview_missing",
  "no_report", "statement_issued", "dispatch_waiting",
  "event_cancelled",
};

const char *
ts_notice_kind_to_string (TsNoticeKind kind)
{
  g_return_val_if_fail ((guint) kind < TS_NOTICE_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
ts_notice_kind_from_string (const char *name, TsNoticeKind *out)
{
  for (guint i = 0; name != NULL && i < TS_NOTICE_N_KINDS; i++)
    if (strcmp (name, kind_names[i]) == 0)
      {
        *out = (TsNoticeKind) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
found (TsNoticeDue *out, TsNoticeKind kind, TsDate due_on, const char *suffix)
{
  char date[11];

  ts_date_format (due_on, date);
  out->kind = kind;
  out->due_on = due_on;
  g_snprintf (out->period, sizeof out->period, "%s%s", date, suffix != NULL ? suffix : "");
  return TRUE;
}

/* Days are day numbers: @a − @b as a signed count. */
static gint64
days_between (TsDate a, TsDate b)
{
  return (gint64) a - (gint64) b;
}

/* Whether @later is @window days or fewer after @earlier, both of them
 * dates. */
static gboolean
within_days (TsDate earlier, TsDate later, int window)
{
  gint64 days;

  if (earlier == TS_DATE_NONE || later == TS_DATE_NONE)
    return FALSE;
  days = days_between (later, earlier);
  return days >= 0 && days <= window;
}

gboolean
ts_notice_follow_up (const TsNoticeRules *rules, TsDate due_on, TsDate on, TsNoticeDue *out)
{
  gint64 left;

  if (due_on == TS_DATE_NONE || on == TS_DATE_NONE)
    return FALSE;
  left = days_between (due_on, on);
  /* SPEC 2.1 (domain/qualification.c): valid through the due day itself,
   * lapsed from the day after. */
  if (left >= 0 && left <= rules->follow_up_window_days)
    return found (out, TS_NOTICE_FOLLOW_UP_DUE, due_on, NULL);
  if (left < 0 && -left <= rules->lapsed_window_days)
    return found (out, TS_NOTICE_FOLLOW_UP_LAPSED, due_on, NULL);
  return FALSE;
}

gboolean
ts_notice_insurance (const TsNoticeRules *rules, TsDate insurance_until, TsDate on,
                     TsNoticeDue *out)
{
  gint64 left;
  int second = MIN (rules->insurance_second_days, rules->insurance_first_days);
  char suffix[8];

  if (insurance_until == TS_DATE_NONE || on == TS_DATE_NONE)
    return FALSE;
  left = days_between (insurance_until, on);
  if (left < 0 || left > rules->insurance_first_days)
    return FALSE;
  /* The last insured day is insurance_until itself: 0 days left still
   * belongs to the second notice. */
  g_snprintf (suffix, sizeof suffix, "/%d", left <= second ? second : rules->insurance_first_days);
  return found (out, TS_NOTICE_INSURANCE_ENDING, insurance_until, suffix);
}

gboolean
ts_notice_pre_interview (const TsNoticeRules *rules, TsDate first_day, gboolean interview_held,
                         TsDate on, TsNoticeDue *out)
{
  if (interview_held || !within_days (on, first_day, rules->pre_interview_days))
    return FALSE;
  return found (out, TS_NOTICE_PRE_INTERVIEW_MISSING, first_day, NULL);
}

gboolean
ts_notice_no_report (const TsNoticeRules *rules, TsDate since, TsDate on, TsNoticeDue *out)
{
  TsDate due = TS_DATE_NONE;

  if (since == TS_DATE_NONE || on == TS_DATE_NONE || on < since)
    return FALSE;
  /* The latest whole step of no_report_months since @since that has come:
   * each step of silence is its own period. */
  for (int k = rules->no_report_months;; k += rules->no_report_months)
    {
      TsDate next = ts_date_add_months (since, k);

      if (next == TS_DATE_NONE || next > on)
        break;
      due = next;
    }
  if (due == TS_DATE_NONE)
    return FALSE;
  return found (out, TS_NOTICE_NO_REPORT, due, NULL);
}

gboolean
ts_notice_statement (const TsNoticeRules *rules, TsDate issued_on, TsDate on, TsNoticeDue *out)
{
  if (!within_days (issued_on, on, rules->statement_window_days))
    return FALSE;
  return found (out, TS_NOTICE_STATEMENT_ISSUED, issued_on, NULL);
}

gboolean
ts_notice_dispatch (const TsNoticeRules *rules, TsDate requested_on, TsDate on, TsNoticeDue *out)
{
  if (requested_on == TS_DATE_NONE || on == TS_DATE_NONE ||
      days_between (on, requested_on) <= rules->dispatch_wait_days)
    return FALSE;
  return found (out, TS_NOTICE_DISPATCH_WAITING, requested_on, NULL);
}

gint64
ts_notice_next_run (gint64 now, int run_hour)
{
  /* Asia/Tokyo has kept +09:00 without daylight saving since 1951. */
  const gint64 offset = 9 * 3600;
  gint64 local = now + offset;
  gint64 day_start = local - (((local % 86400) + 86400) % 86400);
  gint64 run = day_start + (gint64) run_hour * 3600;

  if (run < local)
    run += 86400;
  return run - offset;
}
