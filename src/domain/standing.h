/*
 * A supporter's standing on a date, from the history of status changes
 * (registration, suspension, reinstatement, retirement; issue 11).
 *
 * The current status says what is true today; reports, case access and
 * dispatch ask what was true on a given day, which only the history
 * answers.  Pure: the service reads the history and asks here.
 */
#pragma once

#include <glib.h>

#include "core/date.h"

G_BEGIN_DECLS

typedef enum {
  TS_STANDING_APPLICANT,    /* not registered (yet) */
  TS_STANDING_REGISTERED,   /* may work: be dispatched, read cases, report */
  TS_STANDING_SUSPENDED,    /* paused */
  TS_STANDING_RETIRED,      /* final */
} TsStanding;

typedef struct {
  TsStanding to;            /* the status the change set */
  TsDate     on;            /* the date it was recorded for */
} TsStandingChange;

TsStanding ts_standing_on          (const TsStandingChange *changes,
                                    gsize                   n_changes,
                                    TsDate                  date);
gboolean   ts_standing_allows_work (const TsStandingChange *changes,
                                    gsize                   n_changes,
                                    TsDate                  date);
TsDate     ts_standing_effective_on (const TsStandingChange *change);

G_END_DECLS
