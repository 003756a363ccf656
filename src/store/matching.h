/*
 * What the matcher reads about supporters, in bulk.
 *
 * Candidate lists and batches score every supporter, so the rows are read
 * with three statements whatever their number (supporters with their list
 * columns flattened by SQLite's json_each, the training completions and the
 * open assignment counts, both merged by supporter id) and handed to a
 * callback one at a time, with strings borrowed from SQLite: nothing is
 * copied that the caller does not keep.
 *
 * The data version (migration 0005) changes with every write to the
 * supporters, trainings or assignments tables, so that a copy built from one
 * snapshot is known to be current while the version is unchanged.
 */
#pragma once

#include "core/date.h"
#include "store/store.h"
#include "store/supporters.h"

G_BEGIN_DECLS

typedef struct {
  gboolean initial;               /* else follow-up */
  TsDate   completed_on;
} TsMatchTrainingRow;

/* One supporter, valid only during the callback.  The list columns are
 * flattened: skills and interests are separated by U+001F (unit
 * separator; neither may contain control characters), availability is
 * "weekday,from_min,to_min" items separated by ';'.  NULL: empty. */
typedef struct {
  gint64                    id;
  const char               *name;
  TsSupporterStatus         status;
  const char               *gender;
  const char               *municipality_code;
  gboolean                  has_location;
  double                    lat;
  double                    lon;
  const char               *occupation;       /* NULL: none */
  const char               *peer_experience;
  const char               *skills;
  const char               *interests;
  const char               *availability;
  int                       max_cases;
  TsDate                    insurance_until;  /* TS_DATE_NONE: not insured */
  guint                     open_assignments; /* not ended, whatever the start */
  const TsMatchTrainingRow *trainings;        /* by completion date */
  guint                     n_trainings;
  gint64                    organisation_id;  /* SPEC 2.6: whose pool it is in */
} TsMatchSupporterRow;

typedef gboolean (*TsMatchSupporterRowFunc) (const TsMatchSupporterRow *row,
                                             gpointer                   user_data,
                                             GError                   **error);

/* Any thread; inside ts_store_read() (or a write function) for one
 * snapshot.  Every supporter but the retired ones, in id order, of
 * organisation @pool (0: of every organisation). */
gboolean ts_store_match_supporters_foreach (TsStore                 *self,
                                            gint64                   pool,
                                            TsMatchSupporterRowFunc  func,
                                            gpointer                 user_data,
                                            GError                 **error);
/* One supporter whatever its status; FALSE with TS_ERROR_NOT_FOUND when
 * there is none.  For the re-checks inside a write function. */
gboolean ts_store_match_supporter_one      (TsStore                 *self,
                                            gint64                   id,
                                            TsMatchSupporterRowFunc  func,
                                            gpointer                 user_data,
                                            GError                 **error);
/* The data version; -1 with @error set on failure. */
gint64   ts_store_match_data_version       (TsStore                 *self,
                                            GError                 **error);

G_END_DECLS
