/*
 * What the files of the placements' use cases share: who may see a
 * placement, the view read from one snapshot, the problem extras, and the
 * pre-interview's checks (at creation and when it is recorded as held).
 * Only src/service/placements*.c include it.
 *
 *   placements.c               views, access, list and read, cancelling, summary
 *   placements-create.c        a new placement and its rules
 *   placements-pre-interview.c the pre-interview's checks and its recording
 *   placements-attendance.c    attendance and the host's stipend
 */
#pragma once

#include <json-glib/json-glib.h>

#include "service/placements.h"
#include "store/placements.h"

G_BEGIN_DECLS

gboolean          ts_placements_is_staff          (TsContext               *ctx);
/* Staff see every placement, a host account its own host's; to a host
 * account another host's placement is "not found". */
gboolean          ts_placements_may_see           (TsContext               *ctx,
                                                   const TsPlacementRecord *record,
                                                   GError                 **error);
/* The placement and its days from one snapshot; with @participant_days
 * (staff only) also the participant's days used and remaining. */
TsPlacementView  *ts_placements_load_view         (TsService               *self,
                                                   TsContext               *ctx,
                                                   gint64                   id,
                                                   gboolean                 participant_days,
                                                   GError                 **error);

/* Problem extras: dates as ["YYYY-MM-DD", …], numbers and texts. */
JsonNode         *ts_placements_dates_node        (const GArray            *dates);
void              ts_placements_add_int_extra     (TsContext               *ctx,
                                                   const char              *name,
                                                   gint64                   value);
void              ts_placements_add_string_extra  (TsContext               *ctx,
                                                   const char              *name,
                                                   const char              *value);

/* The pre-interview of a new placement (held, or planned), reported under
 * "pre_interview."; @out_present gets the attendees' bits. */
void              ts_placements_check_pre_interview (TsContext              *ctx,
                                                     const TsPlacementInput *in,
                                                     TsDate                  first_day,
                                                     guint                  *out_present);
/* The attendees in the leaflet's order, NULL-terminated (g_strfreev). */
char            **ts_placements_attendees_strv    (guint                    present);

G_END_DECLS
