/*
 * Japanese public holidays (国民の祝日, 振替休日, 国民の休日).
 *
 * The table is compiled in from data/holidays-jp.tsv (see
 * scripts/gen-holidays and data/holidays-jp.LICENSE) and read once, on first
 * use, by whichever thread gets there first.
 */
#pragma once

#include <glib.h>

#include "core/date.h"

G_BEGIN_DECLS

const char *ts_holiday_name           (TsDate  date);
gboolean    ts_holidays_covers        (TsDate  date);
void        ts_holidays_covered_range (TsDate *first,
                                       TsDate *last);

G_END_DECLS
