/*
 * Programmes (事業; issue 17; seed 001 サポートネット 訪問相談: 原則5回,
 * for people aged 15 or over withdrawn 6 months or more).
 *
 * An administrator creates them; staff list them (a case names its
 * programme).  A case naming a programme is checked against its
 * eligibility when it is registered or changed (422
 * `programme_ineligible` with `reasons`).  Planning a visit, or reporting
 * a home visit that names no planned visit, beyond the programme's visit
 * limit for the case is 409 `visit_limit_reached` unless the request gives
 * `over_limit_reason`, which is recorded with the visit or the report.
 */
#pragma once

#include "model/case.h"
#include "service/service.h"
#include "store/programmes.h"

G_BEGIN_DECLS

#define TS_PROGRAMME_NAME_MAX          100
#define TS_PROGRAMME_VISIT_LIMIT_MAX   1000
#define TS_PROGRAMME_AGE_MAX           120
#define TS_PROGRAMME_MONTHS_MAX        960

/* @input's visit_limit 0, min_age and min_withdrawal_months -1: none. */
TsProgramme *ts_service_programme_create (TsService          *self,
                                          TsContext          *ctx,
                                          const TsProgramme  *input,
                                          GError            **error);
GPtrArray   *ts_service_programme_list   (TsService          *self,
                                          TsContext          *ctx,
                                          GError            **error);

/* Within a write: @record's programme (if any) admits it; otherwise
 * TS_ERROR_PROGRAMME_INELIGIBLE with `reasons`, or a field error on
 * programme_id for an unknown programme. */
gboolean     ts_service_programme_check_case  (TsStore            *store,
                                               TsContext          *ctx,
                                               const TsCaseRecord *record,
                                               GError            **error);
/* Within a write: one more visit of case @case_id (leaving out visit
 * @except_visit) stays within its programme's limit, or @reason is
 * given; otherwise TS_ERROR_VISIT_LIMIT_REACHED with `visit_limit` and
 * `visits`. */
gboolean     ts_service_programme_check_visit (TsStore            *store,
                                               TsContext          *ctx,
                                               gint64              case_id,
                                               gint64              except_visit,
                                               const char         *reason,
                                               GError            **error);

G_END_DECLS
