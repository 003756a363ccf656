/*
 * Planned visits (訪問予定; SPEC 2.9, 3.3 Visits; issue 17): a date, a start
 * and minutes for an assignment, planned by a coordinator or by the
 * assigned supporter (table `visits`, migration 0015).
 *
 * A visit is planned or cancelled.  Its report state is computed: reported
 * when a live activity report names it (activities.visit_id), unreported
 * (未報告) when its date is past with none, upcoming before that.  Changes
 * are optimistic (`WHERE id = ? AND version = ?`); the version is the ETag
 * and the calendar feed's SEQUENCE.  Plain data only: the service checks
 * the rules (service/visits.h), the store reads and writes the rows.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

typedef enum {
  TS_VISIT_PLANNED,
  TS_VISIT_CANCELLED,
} TsVisitStatus;

extern const TsVocabulary ts_visit_status_vocabulary;

TS_DECLARE_VOCABULARY (ts_visit_status, TsVisitStatus)

/* Computed for today in Asia/Tokyo: reported (a live report names it),
 * unreported (未報告: its date is past and none does), upcoming (today or
 * later, none yet), cancelled. */
typedef enum {
  TS_VISIT_REPORT_UPCOMING,
  TS_VISIT_REPORT_REPORTED,
  TS_VISIT_REPORT_UNREPORTED,
  TS_VISIT_REPORT_CANCELLED,
} TsVisitReport;

extern const TsVocabulary ts_visit_report_vocabulary;

TS_DECLARE_VOCABULARY (ts_visit_report, TsVisitReport)

/* The bits of a draft's "present" mask: which members a body carried. */
typedef enum {
  TS_VISIT_FIELD_ASSIGNMENT = 1 << 0,
  TS_VISIT_FIELD_DATE       = 1 << 1,
  TS_VISIT_FIELD_START      = 1 << 2,
  TS_VISIT_FIELD_MINUTES    = 1 << 3,
  TS_VISIT_FIELD_NOTE       = 1 << 4,
  TS_VISIT_FIELD_OVER_LIMIT = 1 << 5,
} TsVisitFields;

#define TS_VISIT_NOTE_MAX          500
#define TS_VISIT_REASON_MAX        500
#define TS_VISIT_MINUTES_MIN       1
#define TS_VISIT_MINUTES_MAX       720
#define TS_VISIT_EARLIEST_YEAR     2000
#define TS_VISIT_AHEAD_DAYS        366   /* planned at most a year ahead */
#define TS_VISIT_LIST_DEFAULT      50
#define TS_VISIT_LIST_MAX          200

typedef struct {
  gint64         id;
  gint64         assignment_id;
  gint64         case_id;             /* the assignment's (read) */
  gint64         supporter_id;        /* the assignment's (read) */
  TsDate         date;
  int            start_min;           /* minutes after midnight; "HH:MM" in JSON */
  int            minutes;
  char          *note;                /* NULL: none */
  TsVisitStatus  status;
  TsVisitReport  report;              /* computed by the service for today */
  gint64         activity_id;         /* the live report naming it; 0: none */
  char          *over_limit_reason;   /* beyond the programme's limit; NULL: none */
  char          *case_nickname;       /* the case's nickname only (read) */
  char          *supporter_name;      /* the supporter's name (read) */
  gint64         user_id;             /* who planned it; 0: the command line */
  gint64         version;
  gint64         created_at;
  gint64         updated_at;
  /* SPEC 2.6 (read with the row): staff of the case's or of the
   * supporter's organisation see the visit, as its assignment. */
  gint64         case_organisation_id;
  gint64         supporter_organisation_id;
} TsVisitRecord;

extern const TsResource ts_visit_resource;

TsVisitRecord *ts_visit_record_new  (void);
void           ts_visit_record_free (TsVisitRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsVisitRecord, ts_visit_record_free)

/* GET /v1/visits: ?from, ?to (dates, both included), ?assignment_id,
 * ?supporter_id, ?status. */
typedef struct {
  TsListQuery  list;
  TsDate       from;
  TsDate       to;
  gint64       assignment_id;         /* 0: any */
  gint64       supporter_id;          /* 0: any (a supporter: always their own) */
  int          status;                /* TsVisitStatus or TS_FILTER_ANY */
} TsVisitQuery;

G_END_DECLS
