/*
 * The annual report (issue 16, SPEC 3.3 GET /v1/reports/annual): the
 * statistics of a 年度 as an A4 PDF in Japanese, with a title page in 令和
 * years, the 文京 tables (seed 004 相談実績), the programme's tables and
 * charts: contacts by month, persons by age × gender, budget execution.
 *
 * It renders the JSON of GET /v1/statistics (service/statistics.h, the
 * contract in docs/api.md) and queries nothing itself, so the report never
 * shows more than its caller may see: a suppressed cell (JSON null) is
 * printed as X with a footnote.  Unknown members are ignored, missing ones
 * print nothing.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/date.h"

G_BEGIN_DECLS

GBytes *ts_print_annual_report    (JsonObject *statistics,
                                   GError    **error);
/* The same, dated @printed_on (footer and PDF metadata): the same
 * statistics and date give the same bytes. */
GBytes *ts_print_annual_report_on (JsonObject *statistics,
                                   TsDate      printed_on,
                                   GError    **error);

G_END_DECLS
