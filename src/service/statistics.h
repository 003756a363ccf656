/*
 * The statistics of a 年度 (SPEC 2.7, 3.3; issue 16): the 文京 tables of
 * seed 004 (相談実績: 延べ and 新規 over three years, 相談手法別実績,
 * 新規相談_初回相談の相談者, 年代別、性別の実相談人数) and the programme's
 * own (supporters at the year end, activities, 職親 placements, payments
 * against the budget), as one JSON object whose members are fixed by the
 * contract with the annual report (docs/api.md, "Statistics").
 *
 * Who may read them: an administrator (every organisation, or one with
 * @organisation_id), a coordinator (its own organisation), an auditor (its
 * own and every one below it, or one of them).  An organisation outside
 * the caller's scope is answered like a missing one.  What an auditor sees
 * of any organisation other than its own has its small cells suppressed
 * (null) with the complementary suppression (statistics-suppress.c).
 * Reading them is audited once, as an aggregate read without case ids.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "service/service.h"

G_BEGIN_DECLS

/* The earliest 年度 the statistics answer (contacts are not recorded before
 * 2000); the latest is next year's. */
#define TS_STATISTICS_EARLIEST_YEAR 2000
#define TS_STATISTICS_THRESHOLD_DEFAULT 3

/* The JSON object (a JsonNode holding it): what GET /v1/statistics
 * answers, suppression applied for the caller.  @organisation_id 0: the
 * caller's whole scope. */
JsonNode *ts_service_statistics     (TsService  *self,
                                     TsContext  *ctx,
                                     int         fiscal_year,
                                     gint64      organisation_id,
                                     GError    **error);

/* The same tables as a spreadsheet for Excel (service/csv.h: UTF-8 with a
 * byte order mark, CRLF, Japanese headers, 令和 labels); each table after
 * its title line, the tables apart by an empty line, a suppressed cell as
 * X with a footnote at the end. */
GBytes   *ts_statistics_to_csv      (JsonObject *statistics);

G_END_DECLS
