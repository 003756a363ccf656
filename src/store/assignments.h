/*
 * Assignments: a supporter working with a case (table `assignments`,
 * migration 0004).  An assignment is open (active) while ended_on is NULL.
 * The table's unique indexes keep at most one open primary per case and
 * one open row per pair; the service checks both first to explain itself,
 * the indexes hold even if it did not.
 */
#pragma once

#include <glib-object.h>

#include "core/date.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef enum {
  TS_ASSIGNMENT_PRIMARY,
  TS_ASSIGNMENT_CO_SUPPORTER,    /* Bunkyo pairs occasionally work in twos (seed 004) */
} TsAssignmentRole;

const char *ts_assignment_role_to_string   (TsAssignmentRole role);
gboolean    ts_assignment_role_from_string (const char       *text,
                                            TsAssignmentRole *out);

typedef struct {
  gint64            id;
  gint64            case_id;
  gint64            supporter_id;
  TsAssignmentRole  role;
  TsDate            starts_on;
  TsDate            ended_on;      /* TS_DATE_NONE while open */
  char             *end_reason;    /* NULL while open */
  gint64            created_at;    /* Unix seconds */
} TsAssignmentRecord;

void ts_assignment_record_free (TsAssignmentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsAssignmentRecord, ts_assignment_record_free)

typedef struct {
  gint64   case_id;                /* 0: any */
  gint64   supporter_id;           /* 0: any */
  gboolean has_active;
  gboolean active;                 /* with has_active: open (TRUE) or ended */
} TsAssignmentFilter;

/* Writer thread only. */
gboolean ts_store_assignment_insert (TsStore          *self,
                                     gint64            case_id,
                                     gint64            supporter_id,
                                     TsAssignmentRole  role,
                                     TsDate            starts_on,
                                     gint64            now,
                                     gint64           *out_id,
                                     GError          **error);
gboolean ts_store_assignment_end    (TsStore          *self,
                                     gint64            id,
                                     TsDate            ended_on,
                                     const char       *reason,
                                     GError          **error);

/* Any thread. */
TsAssignmentRecord *ts_store_assignment_get  (TsStore                  *self,
                                              gint64                    id,
                                              GError                  **error);
GPtrArray          *ts_store_assignment_list (TsStore                  *self,
                                              const TsAssignmentFilter *filter,
                                              gint64                    after_id,
                                              guint                     limit,
                                              GError                  **error);
/* The open assignments of a case with @role, or -1 with @error set. */
int                 ts_store_assignment_count_open (TsStore          *self,
                                                    gint64            case_id,
                                                    TsAssignmentRole  role,
                                                    GError          **error);
/* Whether the pair has an open assignment. */
gboolean            ts_store_assignment_pair_open  (TsStore  *self,
                                                    gint64    case_id,
                                                    gint64    supporter_id,
                                                    GError  **error);

G_END_DECLS
