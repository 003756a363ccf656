/*
 * Assignments (SPEC 2.2, 3.2; issue 4): a supporter working with a case
 * (table `assignments`, migration 0004).  An assignment is open (active)
 * while ended_on is none; it is created and ended, never edited, so it has
 * no version and its descriptor no update.
 *
 * A TsAssignmentRecord is one row as plain data; the service checks it
 * (service/assignments.h), the store only reads and writes it.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

typedef enum {
  TS_ASSIGNMENT_PRIMARY,
  TS_ASSIGNMENT_CO_SUPPORTER,    /* Bunkyo pairs occasionally work in twos (seed 004) */
} TsAssignmentRole;

extern const TsVocabulary ts_assignment_role_vocabulary;

TS_DECLARE_VOCABULARY (ts_assignment_role, TsAssignmentRole)

/* A yes-or-no list filter (?active=true): an enum filter over these two
 * names, so that leaving it out means "any" (TS_FILTER_ANY). */
extern const TsVocabulary ts_boolean_filter_vocabulary;

/* The bits of a draft's "present" mask: which members a body carried. */
typedef enum {
  TS_ASSIGNMENT_FIELD_CASE      = 1 << 0,
  TS_ASSIGNMENT_FIELD_SUPPORTER = 1 << 1,
  TS_ASSIGNMENT_FIELD_ROLE      = 1 << 2,
  TS_ASSIGNMENT_FIELD_STARTS_ON = 1 << 3,
} TsAssignmentFields;

#define TS_ASSIGNMENT_REASON_MAX    500
#define TS_ASSIGNMENT_LIST_DEFAULT  50
#define TS_ASSIGNMENT_LIST_MAX      200

typedef struct {
  gint64            id;
  gint64            case_id;
  gint64            supporter_id;
  TsAssignmentRole  role;
  TsDate            starts_on;
  TsDate            ended_on;      /* TS_DATE_NONE while open */
  char             *end_reason;    /* NULL while open; coordinators' note */
  gboolean          active;        /* ended_on is none, as the row was read */
  gint64            created_at;    /* Unix seconds */
  /* SPEC 2.6: the organisations of its case and of its supporter (read
   * with the row, never written): staff of either see the assignment. */
  gint64            case_organisation_id;
  gint64            supporter_organisation_id;
} TsAssignmentRecord;

extern const TsResource ts_assignment_resource;

TsAssignmentRecord *ts_assignment_record_new  (void);
void                ts_assignment_record_free (TsAssignmentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsAssignmentRecord, ts_assignment_record_free)

/* GET /v1/assignments: ?case_id, ?supporter_id, ?active. */
typedef struct {
  TsListQuery  list;
  gint64       case_id;            /* 0: any */
  gint64       supporter_id;       /* 0: any (a supporter: their own) */
  int          active;             /* 1 open, 0 ended, TS_FILTER_ANY */
} TsAssignmentQuery;

G_END_DECLS
