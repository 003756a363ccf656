/*
 * Volunteer insurance (ボランティア保険) cover for dispatch (SPEC 2.1).
 */
#pragma once

#include <glib.h>

#include "core/date.h"

G_BEGIN_DECLS

gboolean  ts_insurance_covers          (TsDate insurance_until,
                                        TsDate on);
TsDate    ts_insurance_default_until   (TsDate taken_out_on);

G_END_DECLS
