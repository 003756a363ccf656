/*
 * Notices (issue 17, SPEC 2.9): the pure date rules that say, for a date,
 * whether a subject needs a notice and for which period.  A period is the
 * key that makes a notice exist once (docs/domain-rules.md "Notices"):
 * rerunning a day, or every day of a window, finds the same period, and
 * the store keeps one notice per kind, subject, period and recipient.
 */
#pragma once

#include <glib.h>

#include "core/config.h"
#include "core/date.h"

G_BEGIN_DECLS

typedef enum {
  TS_NOTICE_FOLLOW_UP_DUE,         /* フォローアップ研修 due within 90 days */
  TS_NOTICE_FOLLOW_UP_LAPSED,      /* … and lapsed */
  TS_NOTICE_INSURANCE_ENDING,      /* ボランティア保険 ends (31 March), 60 and 14 days before */
  TS_NOTICE_PRE_INTERVIEW_MISSING, /* a 職親 placement within 7 days, no 事前面談 held */
  TS_NOTICE_NO_REPORT,             /* an active assignment, no report for a month */
  TS_NOTICE_STATEMENT_ISSUED,      /* 支払通知書 issued */
  TS_NOTICE_DISPATCH_WAITING,      /* a dispatch request open more than 3 days */
  TS_NOTICE_EVENT_CANCELLED,       /* an event its supporter staffs is cancelled (issue 18);
                                    * made by the cancel, not by the daily run */
  TS_NOTICE_N_KINDS
} TsNoticeKind;

typedef struct {
  int follow_up_window_days;       /* default 90 (SPEC 2.1's due-soon window) */
  int lapsed_window_days;          /* default 30: a lapse older than this is not news */
  int insurance_first_days;        /* default 60 */
  int insurance_second_days;       /* default 14 */
  int pre_interview_days;          /* default 7 */
  int no_report_months;            /* default 1 */
  int statement_window_days;       /* default 7: a missed run still tells */
  int dispatch_wait_days;          /* default 3: waiting MORE than this */
  int run_hour;                    /* default 6: serve's daily run, Asia/Tokyo */
} TsNoticeRules;

TS_DECLARE_CONFIG_RULES (ts_notice_rules, TsNoticeRules)

/* What a rule found: the period key ("2027-03-31", "2027-03-31/14") and
 * the date the notice is about (the due date, the end of cover, the first
 * day, …). */
typedef struct {
  TsNoticeKind kind;
  char         period[24];
  TsDate       due_on;
} TsNoticeDue;

/* @due_on: the supporter's follow_up_due_on (TS_DATE_NONE: untrained). */
gboolean ts_notice_follow_up      (const TsNoticeRules *rules, TsDate due_on, TsDate on,
                                   TsNoticeDue *out);
/* @insurance_until: the last insured day (TS_DATE_NONE: not insured). */
gboolean ts_notice_insurance      (const TsNoticeRules *rules, TsDate insurance_until, TsDate on,
                                   TsNoticeDue *out);
gboolean ts_notice_pre_interview  (const TsNoticeRules *rules, TsDate first_day,
                                   gboolean interview_held, TsDate on, TsNoticeDue *out);
/* @since: the supporter's last report, or the start of their earliest
 * active assignment when that is later (or they never reported).  One
 * notice per whole month of silence. */
gboolean ts_notice_no_report      (const TsNoticeRules *rules, TsDate since, TsDate on,
                                   TsNoticeDue *out);
gboolean ts_notice_statement      (const TsNoticeRules *rules, TsDate issued_on, TsDate on,
                                   TsNoticeDue *out);
gboolean ts_notice_dispatch       (const TsNoticeRules *rules, TsDate requested_on, TsDate on,
                                   TsNoticeDue *out);

const char *ts_notice_kind_to_string   (TsNoticeKind kind);
gboolean    ts_notice_kind_from_string (const char *name, TsNoticeKind *out);

/* The next daily run at or after @now (Unix seconds): @run_hour:00 in
 * Asia/Tokyo, today's when it is still ahead, else tomorrow's. */
gint64      ts_notice_next_run       (gint64 now, int run_hour);

G_END_DECLS
