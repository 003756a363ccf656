/*
 * 職親 placements' attendance (SPEC 2.3; seed 002): recording whether the
 * participant came on a day, which pays the host its stipend (or takes it
 * back) through the statement ledger.
 */
#include "service/placements-private.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/money.h"
#include "domain/rates.h"
#include "service/rates.h"
#include "store/ledger.h"
#include "store/statements.h"

/* ---- attendance and the host's stipend ---------------------------------- */

typedef struct {
  TsService          *service;
  TsContext          *ctx;
  gint64              id;
  TsDate              date;
  gboolean            attended;
  TsAttendanceResult *out;
} AttendanceWrite;

/*
 * Pays (or takes back) the day's stipend so that the ledger's lines for the
 * day add up to what the day is worth now: the host_stipend_per_day_yen in
 * force on the day when attended (seed 002: 「受け入れ人数1人あたり1500円/日」),
 * nothing otherwise.  While the day's month is not issued the correction is
 * a host_stipend line of that month, so the month's statement shows the
 * value last set; once issued, an adjustment line that the next issued
 * month pays (SPEC 2.4: never an edit of a paid statement).
 */
static gboolean
settle_stipend (TsStore *store, AttendanceWrite *w, const TsPlacementRecord *record,
                const TsPlacementDay *day, GError **error)
{
  g_autoptr(GArray) rates = NULL;
  TsLedgerEntry entry = { 0 };
  gboolean issued = FALSE;
  gint64 stipend = 0, paid = 0;
  int year, month;

  rates = ts_service_rate_sets (w->service, error);
  if (rates == NULL)
    return FALSE;
  if (ts_money_host_stipend ((const TsRateSet *) rates->data, rates->len, &day->date, 1,
                             &stipend) != TS_MONEY_OK)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL,
                           "The rate table cannot price a placement day");
      return FALSE;
    }
  w->out->stipend_yen = stipend;
  if (!ts_store_ledger_attendance_sum (store, day->id, &paid, NULL, error))
    return FALSE;
  entry.amount_yen = (w->attended ? stipend : 0) - paid;
  if (entry.amount_yen == 0)
    return TRUE;

  ts_date_get_ymd (day->date, &year, &month, NULL);
  g_snprintf (entry.earned_month, sizeof entry.earned_month, "%04d-%02d", year, month);
  /* Issued for the host's organisation (SPEC 2.6: a run per organisation). */
  if (!ts_store_statement_month_issued_for (store, entry.earned_month, TS_PAYEE_HOST,
                                            record->host_id, &issued, error))
    return FALSE;
  entry.payee_type = TS_PAYEE_HOST;
  entry.payee_id = record->host_id;
  entry.kind = issued ? TS_LINE_ADJUSTMENT : TS_LINE_HOST_STIPEND;
  entry.adjusts = TS_LINE_HOST_STIPEND;
  entry.attendance_id = day->id;
  entry.earned_on = day->date;
  entry.created_at = ts_service_now_unix ();
  if (!ts_store_ledger_append (store, &entry, NULL, error))
    return FALSE;
  w->out->ledger_delta_yen = entry.amount_yen;
  w->out->adjustment = issued;
  return TRUE;
}

static gboolean
write_attendance (TsStore *store, gpointer user_data, GError **error)
{
  AttendanceWrite *w = user_data;
  g_autoptr(TsPlacementRecord) record = ts_store_placement_get (store, w->id, error);
  TsPlacementDay day;
  g_autoptr(GError) local = NULL;
  gint64 now = ts_service_now_unix ();

  if (record == NULL || !ts_placements_may_see (w->ctx, record, error))
    return FALSE;
  /* 「事前面談を行ったうえで…就労体験が可能となる」 (seed 002): before the
   * interview is held nobody attends, and the host is paid nothing. */
  if (!ts_pre_interview_is_held (record->pre_interview_held_on))
    {
      char buf[11];

      ts_date_format (record->pre_interview_planned_on, buf);
      ts_placements_add_string_extra (w->ctx, "pre_interview_planned_on", buf);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PRE_INTERVIEW_NOT_HELD,
                           N_("The pre-interview has not been held yet: record it as held first"));
      return FALSE;
    }
  if (!ts_store_placement_day_get (store, w->id, w->date, &day, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      ts_field_errors_add (w->ctx->errors, "date", N_("Not a day of this placement"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  if (day.cancelled_at != 0)
    {
      ts_field_errors_add (w->ctx->errors, "date", N_("This day was cancelled"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  w->out->date = day.date;
  w->out->previous = day.attended;
  w->out->attended = w->attended ? 1 : 0;
  w->out->recorded_at = day.recorded_at;
  /* The same value again is not a change: no ledger line, no new version,
   * no audit entry, the same answer. */
  if (day.attended == w->out->attended)
    return TRUE;
  if (!ts_store_placement_day_set_attended (store, day.id, w->attended, w->ctx->user_id, now,
                                            error) ||
      !settle_stipend (store, w, record, &day, error) ||
      !ts_store_placement_touch (store, w->id, now, error))
    return FALSE;
  w->out->recorded_at = now;
  return ts_service_audit (w->service, w->ctx, "record_attendance", "placement", w->id, error);
}

gboolean
ts_service_placement_attendance (TsService *self, TsContext *ctx, gint64 id, TsDate date,
                                 int attended, TsAttendanceResult *out, GError **error)
{
  AttendanceWrite w = { self, ctx, id, date, attended == 1, out };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->previous = -1;
  if (!ts_placements_is_staff (ctx) && ctx->role != TS_ROLE_HOST)
    return ts_service_require_staff (ctx, error);
  if (date == TS_DATE_NONE)
    ts_field_errors_add (ctx->errors, "date", N_("Required"));
  else if (date > ts_date_today ())
    ts_field_errors_add (ctx->errors, "date", N_("Must not be in the future"));
  if (attended != 0 && attended != 1)
    ts_field_errors_add (ctx->errors, "attended", N_("Required"));
  if (!ts_field_errors_check (ctx->errors, error))
    return FALSE;
  return ts_store_write (ts_service_get_store (self), write_attendance, &w, error);
}

