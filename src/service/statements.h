/*
 * The payment ledger and monthly statements (SPEC 2.4, 3.2 Payments;
 * issue 5).
 *
 * Every amount owed is appended to the ledger when it becomes owed: an
 * activity's honorarium and transport when it is approved, a host's stipend
 * when a placement day is recorded as attended.  Issuing a month creates,
 * in one transaction, a statement per payee of the organisations issued
 * (SPEC 2.6: the caller's; an administrator's: every one not issued yet)
 * from the lines not yet issued, plus each organisation's run record for
 * the month, so that a month is issued exactly once per organisation,
 * whatever the number of concurrent calls and whenever the process dies.
 *
 * A line earned in a month that its payee's organisation has already
 * issued is an adjustment (kind `adjustment`, `adjusts` the component) and
 * is paid in the next month that organisation issues; an issued statement
 * never changes.  Only its payment date is recorded later, once.
 *
 * A supporter sees only their own statement, a host only its own; staff
 * and auditors those of their organisations' payees.
 */
#pragma once

#include "service/service.h"
#include "store/ledger.h"
#include "store/statements.h"

G_BEGIN_DECLS

/* Inside a write function.  Appends a line owed to a payee, earned on
 * @earned_on: as @kind while that month is not issued, else as an
 * adjustment of @kind.  Exactly one of @activity_id and @attendance_id. */
gboolean ts_service_ledger_append              (TsService   *self,
                                                TsPayeeType  payee_type,
                                                gint64       payee_id,
                                                TsLineKind   kind,
                                                gint64       amount_yen,
                                                gint64       activity_id,
                                                gint64       attendance_id,
                                                TsDate       earned_on,
                                                GError     **error);
/* The same for a supporter's hours at an event (issue 18): a line of kind
 * event for one event_staff row, or an adjustment of it. */
gboolean ts_service_ledger_append_event        (TsService   *self,
                                                gint64       supporter_id,
                                                gint64       event_staff_id,
                                                gint64       amount_yen,
                                                TsDate       earned_on,
                                                GError     **error);

/* For the placements' attendance use case, inside its write function:
 * the stipend for one participant-day attended (placement_days.id), at the
 * rate in force that day; and its reversal when the day is corrected to
 * not attended (nothing when it has no lines, or they already net to 0). */
gboolean ts_service_ledger_add_host_stipend     (TsService  *self,
                                                 gint64      host_id,
                                                 gint64      attendance_id,
                                                 TsDate      day,
                                                 GError    **error);
gboolean ts_service_ledger_reverse_host_stipend (TsService  *self,
                                                 gint64      host_id,
                                                 gint64      attendance_id,
                                                 TsDate      day,
                                                 GError    **error);

/* A month's statements as one document.  The month is issued per
 * organisation (SPEC 2.6): @runs holds the runs of the organisations the
 * caller sees, each with the count and total of the statements the caller
 * sees; @issued is TRUE when every one of them has issued the month, and
 * @run then sums the statements, at the latest run's time. */
typedef struct {
  char            month[8];         /* "YYYY-MM" */
  gboolean        issued;
  gboolean        created;          /* an organisation issued by this very call */
  TsStatementRun  run;              /* the caller's sums; issued_at when issued */
  GArray         *runs;             /* TsStatementRun, by organisation */
  GPtrArray      *statements;       /* TsStatementRecord*, by payee */
} TsStatementMonth;

void ts_statement_month_free (TsStatementMonth *month);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStatementMonth, ts_statement_month_free)

/* Staff.  @month "YYYY-MM", not after the current month.  Issues the
 * month for the organisations of the caller's scope that have not issued
 * it (an administrator's: every organisation).  The statements are
 * returned without their lines. */
TsStatementMonth  *ts_service_statements_issue    (TsService   *self,
                                                   TsContext   *ctx,
                                                   const char  *month,
                                                   GError     **error);
/* The statements of @month the caller may see, with their lines. */
TsStatementMonth  *ts_service_statements_list     (TsService   *self,
                                                   TsContext   *ctx,
                                                   const char  *month,
                                                   GError     **error);
TsStatementRecord *ts_service_statement_get       (TsService   *self,
                                                   TsContext   *ctx,
                                                   gint64       id,
                                                   GError     **error);
/* Staff.  The same date again changes nothing; another date is
 * TS_ERROR_INVALID_TRANSITION. */
TsStatementRecord *ts_service_statement_mark_paid (TsService   *self,
                                                   TsContext   *ctx,
                                                   gint64       id,
                                                   TsDate       paid_on,
                                                   GError     **error);

/* The month as CSV for a spreadsheet: UTF-8 with a byte order mark, CRLF,
 * Japanese column headers, one row per line and a total row per statement,
 * amounts as integers, and text that a spreadsheet would run as a formula
 * prefixed with an apostrophe.  Shared by the API and `tsunagari export`. */
GBytes            *ts_statement_month_to_csv      (const TsStatementMonth *month);

/* A statement line's kind as the spreadsheets name it (謝礼, 交通費,
 * 職親謝金, 調整). */
const char        *ts_line_kind_name_ja           (TsLineKind   kind);

G_END_DECLS
