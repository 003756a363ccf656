/*
 * What GET /v1/statistics and GET /v1/reports/annual, the same statistics
 * as a table and as a report, read and answer alike (routes-statistics.c).
 */
#pragma once

#include "http/route.h"

G_BEGIN_DECLS

gboolean ts_statistics_read_query      (TsRequest  *req,
                                        int        *fiscal_year,
                                        gint64     *organisation_id,
                                        GError    **error);
void     ts_statistics_file_names      (JsonObject *stats,
                                        const char *stem,
                                        const char *title,
                                        const char *extension,
                                        int         fiscal_year,
                                        gint64      organisation_id,
                                        char      **out_ascii_name,
                                        char      **out_name);

G_END_DECLS
