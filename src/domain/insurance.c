/*
 * Volunteer insurance (ボランティア保険) cover for dispatch.
 *
 * SPEC 2.1: a supporter whose insurance does not cover a date cannot be
 * dispatched on it, and activity reports need it too; Bunkyo's scheme lists
 * insurance among the things its coordinators manage (「活動管理(謝礼や保険等
 * 含む)」, seed 004).  A supporter record keeps only the last day of cover.
 */
#include "domain/insurance.h"

/*
 * Whether insurance that runs to @insurance_until (inclusive) covers @on.
 * No date means not insured (SPEC 3.2: `insurance_until?`, "no date = not
 * insured"), never "insured indefinitely".
 */
gboolean
ts_insurance_covers (TsDate insurance_until,
                     TsDate on)
{
  g_return_val_if_fail (on != TS_DATE_NONE, FALSE);

  return insurance_until != TS_DATE_NONE && on <= insurance_until;
}

/*
 * The usual end of cover for a policy taken out on @taken_out_on: 31 March
 * of the same fiscal year (SPEC 2.1 "usually valid to 31 March"; volunteer
 * activity insurance in Japan is sold per fiscal year, April to March).  A
 * form can offer this as the default for insurance_until.
 */
TsDate
ts_insurance_default_until (TsDate taken_out_on)
{
  g_return_val_if_fail (taken_out_on != TS_DATE_NONE, TS_DATE_NONE);

  return ts_date_new (ts_fiscal_year (taken_out_on) + 1, 3, 31);
}
