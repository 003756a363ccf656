/*
 * Insurance renewal for a fiscal year (issue 11).
 */
#include "service/supporters-private.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/insurance.h"

typedef struct {
  TsService *service;
  TsContext *ctx;
  TsDate     until;
  GArray    *ids;
} RenewWrite;

static gboolean
write_renew (TsStore *store, gpointer user_data, GError **error)
{
  RenewWrite *w = user_data;

  g_array_set_size (w->ids, 0);
  if (!ts_store_supporter_insurance_renew (store, w->until, w->ctx->scope,
                                           TS_INSURANCE_RENEWAL_BATCH,
                                           ts_service_now_unix (), w->ids, error))
    return FALSE;
  for (guint i = 0; i < w->ids->len; i++)
    if (!ts_service_audit (w->service, w->ctx, "renew_insurance", "supporter",
                           g_array_index (w->ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

/*
 * Volunteer activity insurance is taken out per fiscal year and ends on
 * 31 March (ts_insurance_default_until); the coordinators renew it for the
 * whole registry at once (seed 004: 「活動管理(謝礼や保険等含む)」).  Every
 * registered supporter whose cover ends before 31 March of the year after
 * @fiscal_year (or who has none) is insured to that day (of the caller's
 * organisations only, SPEC 2.6: a coordinator renews its own registry); a later date is
 * kept, suspended, retired and applicant supporters are left alone.  Run
 * twice, the second run renews nobody.
 *
 * The work goes in batches of TS_INSURANCE_RENEWAL_BATCH supporters, one
 * write transaction each with one audit entry per supporter, so that a
 * large registry does not hold the writer for long; an interrupted run is
 * finished by running it again.  @progress (may be NULL) is called after
 * each batch with the number done and the number there were at the start.
 */
gboolean
ts_service_supporter_renew_insurance (TsService *self, TsContext *ctx, gint64 fiscal_year,
                                      TsRenewalProgress progress, gpointer user_data,
                                      TsInsuranceRenewal *out, GError **error)
{
  TsStore *store;
  RenewWrite w = { self, ctx, TS_DATE_NONE, NULL };
  int current = ts_fiscal_year (ts_date_today ());
  gint64 total = 0;
  guint64 done = 0;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  store = ts_service_get_store (self);
  memset (out, 0, sizeof *out);

  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  /* The current fiscal year or the next (renewing in March for April);
   * earlier years back to 2000 for records entered afterwards. */
  if (!ts_field_errors_has (ctx->errors, "fiscal_year") &&
      (fiscal_year < TS_INSURANCE_RENEWAL_EARLIEST || fiscal_year > current + 1))
    ts_field_errors_add (ctx->errors, "fiscal_year",
                         N_("Must be a fiscal year from 2000 to the next one"));
  if (!ts_field_errors_check (ctx->errors, error))
    return FALSE;

  w.until = ts_insurance_default_until (ts_date_new ((int) fiscal_year, 4, 1));
  if (!ts_store_supporter_insurance_renewable (store, w.until, ctx->scope, &total, error))
    return FALSE;
  out->fiscal_year = (int) fiscal_year;
  out->insured_until = w.until;
  w.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  do
    {
      if (!ts_store_write (store, write_renew, &w, error))
        {
          g_array_unref (w.ids);
          return FALSE;
        }
      done += w.ids->len;
      out->renewed = done;
      if (progress != NULL && w.ids->len > 0)
        progress (done, (guint64) MAX (total, (gint64) done), user_data);
    }
  while (w.ids->len == TS_INSURANCE_RENEWAL_BATCH);
  g_array_unref (w.ids);
  return TRUE;
}
