/*
 * Activity reports (SPEC 2.4, 3.2; issue 5): what a supporter did for a
 * case they are assigned to (table `activities`, migration 0006).
 *
 * A TsActivityRecord is one row as plain data; the service validates and
 * prices it (service/activities.h), the store only reads and writes it.
 * Approved rows never change (a trigger refuses it); a correction is a
 * reversal row plus a new report.  Edits while pending are optimistic
 * (`WHERE id = ? AND version = ?`); the version is the ETag.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

typedef enum {
  TS_ACTIVITY_PENDING,
  TS_ACTIVITY_APPROVED,
  TS_ACTIVITY_REJECTED,
  TS_ACTIVITY_WITHDRAWN,
} TsActivityStatus;

extern const TsVocabulary ts_activity_status_vocabulary;

TS_DECLARE_VOCABULARY (ts_activity_status, TsActivityStatus)

/* The bits of a draft's "present" mask: which members a body carried. */
typedef enum {
  TS_ACTIVITY_FIELD_ASSIGNMENT = 1 << 0,
  TS_ACTIVITY_FIELD_DATE       = 1 << 1,
  TS_ACTIVITY_FIELD_START      = 1 << 2,
  TS_ACTIVITY_FIELD_MINUTES    = 1 << 3,
  TS_ACTIVITY_FIELD_KIND       = 1 << 4,
  TS_ACTIVITY_FIELD_TRANSPORT  = 1 << 5,
  TS_ACTIVITY_FIELD_NOTE       = 1 << 6,
  TS_ACTIVITY_FIELD_VISIT      = 1 << 7,   /* issue 17: the planned visit it reports */
  TS_ACTIVITY_FIELD_OVER_LIMIT = 1 << 8,   /* issue 17: why past the programme's limit */
} TsActivityFields;

/* Issue 5's limits; minutes and transport are domain/money.h's. */
#define TS_ACTIVITY_NOTE_MAX          1000
#define TS_ACTIVITY_REASON_MAX        500
#define TS_ACTIVITY_LIST_DEFAULT      50
#define TS_ACTIVITY_LIST_MAX          200

typedef struct {
  gint64            id;
  gint64            assignment_id;
  gint64            supporter_id;
  gint64            case_id;
  TsDate            date;
  int               start_min;          /* minutes after midnight; "HH:MM" in JSON */
  int               minutes;
  char             *kind;               /* home_visit, accompany, … (domain/rates.h) */
  gint64            transport_yen;      /* the cost reported */
  char             *note;               /* NULL: none */
  TsActivityStatus  status;
  gint64            reported_by;        /* user id; 0: the command line */
  gboolean          on_behalf;          /* reported by staff for the supporter */
  gint64            reversal_of;        /* 0: not a reversal */
  gint64            reversed_by;        /* the reversal row's id; 0: none (read only) */
  gboolean          priced;             /* approved: the amounts below are paid */
  gint64            honorarium_yen;
  gint64            transport_paid_yen;
  TsDate            rates_effective_from; /* TS_DATE_NONE: the SPEC defaults */
  gint64            decided_by;         /* 0: not decided */
  gint64            decided_at;
  char             *reject_reason;      /* NULL unless rejected */
  gint64            version;
  gint64            created_at;
  gint64            updated_at;
  /* SPEC 2.6 (read with the row, never written): the supporter's
   * organisation pays and decides, the case's reads the reports on its
   * case. */
  gint64            supporter_organisation_id;
  gint64            case_organisation_id;
  /* Issue 17: the planned visit this report is of (0: none). */
  gint64            visit_id;
  char             *over_limit_reason;  /* NULL: none */
} TsActivityRecord;

extern const TsResource ts_activity_resource;

TsActivityRecord *ts_activity_record_new  (void);
void              ts_activity_record_free (TsActivityRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsActivityRecord, ts_activity_record_free)

/* GET /v1/activities: ?supporter_id, ?case_id, ?assignment_id, ?month,
 * ?status, ?order (newest: the most recently reported first).  The service checks ?month and writes it to @month_text in the
 * column's form. */
typedef struct {
  TsListQuery  list;
  gint64       supporter_id;            /* 0: any (a supporter: always their own) */
  gint64       case_id;                 /* 0: any */
  gint64       assignment_id;           /* 0: any */
  const char  *month;                   /* "YYYY-MM"; NULL: any */
  int          status;                  /* TsActivityStatus or TS_FILTER_ANY */
  int          order;                   /* TsListOrder or TS_FILTER_ANY (oldest) */
  char         month_text[8];
} TsActivityQuery;

G_END_DECLS
