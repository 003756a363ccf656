/*
 * 職親 hosts (SPEC 2.3; Akita, seed 002): the businesses that take
 * participants in for work experience, their pre-visit surveys
 * (事前訪問調査) and their status history.
 *
 * A TsHostRecord is one row of `hosts` as plain data; the service validates
 * it, the store only reads and writes it.  Every change bumps `version` (the
 * ETag); updates are optimistic (`WHERE id = ? AND version = ?`).
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

/* applied → (survey) → surveyed → registered, or rejected; registered ⇄
 * suspended; anything but retired → retired (service/hosts.h). */
typedef enum {
  TS_HOST_APPLIED,
  TS_HOST_SURVEYED,
  TS_HOST_REGISTERED,
  TS_HOST_REJECTED,
  TS_HOST_SUSPENDED,
  TS_HOST_RETIRED,
} TsHostStatus;

extern const TsVocabulary ts_host_status_vocabulary;

TS_DECLARE_VOCABULARY (ts_host_status, TsHostStatus)

/* The bits of a draft's "present" mask: which members a body carried. */
typedef enum {
  TS_HOST_FIELD_NAME           = 1 << 0,
  TS_HOST_FIELD_MUNICIPALITY   = 1 << 1,
  TS_HOST_FIELD_INDUSTRY       = 1 << 2,
  TS_HOST_FIELD_ADDRESS        = 1 << 3,
  TS_HOST_FIELD_CONTACT_PERSON = 1 << 4,
  TS_HOST_FIELD_CAPACITY       = 1 << 5,
  TS_HOST_FIELD_WEEKDAYS_OPEN  = 1 << 6,
  TS_HOST_FIELD_NOTES          = 1 << 7,
} TsHostFields;

#define TS_HOST_NAME_MAX           100
#define TS_HOST_INDUSTRY_MAX       100
#define TS_HOST_ADDRESS_MAX        200
#define TS_HOST_CONTACT_MAX        100
#define TS_HOST_NOTES_MAX          1000
#define TS_HOST_CAPACITY_MAX       100
#define TS_HOST_REASON_MAX         500
#define TS_HOST_LIST_DEFAULT       50
#define TS_HOST_LIST_MAX           200

typedef struct {
  gint64        id;
  char         *name;
  char         *municipality_code;
  char         *industry;           /* NULL: none */
  char         *address;            /* NULL: none */
  char         *contact_person;     /* NULL: none */
  int           capacity_per_day;   /* participants at once, 1..100 */
  guint         weekdays_open;      /* TS_WEEKDAY_BIT bits (core/date.h) */
  char         *notes;              /* NULL: none */
  TsHostStatus  status;
  TsDate        registered_on;      /* TS_DATE_NONE until registered */
  gint64        organisation_id; /* who registered it (SPEC 2.6) */
  gint64        version;
  gint64        created_at;         /* Unix seconds */
  gint64        updated_at;
} TsHostRecord;

extern const TsResource ts_host_resource;

TsHostRecord *ts_host_record_new  (void);
TsHostRecord *ts_host_record_copy (const TsHostRecord *record);
void          ts_host_record_free (TsHostRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHostRecord, ts_host_record_free)

/* GET /v1/hosts: ?status, ?municipality_code. */
typedef struct {
  TsListQuery  list;
  int          status;              /* TsHostStatus or TS_FILTER_ANY */
  const char  *municipality_code;   /* NULL: any */
  gint64       only_id;             /* > 0: this host only (set for a host account) */
  gint64       organisation_id;     /* 0: any in the caller's scope (SPEC 2.6) */
} TsHostQuery;

typedef struct {
  gint64    id;
  gint64    host_id;
  TsDate    surveyed_on;
  gboolean  approved;
  char     *notes;                  /* NULL: none */
  gint64    user_id;                /* 0: the command line */
  gint64    created_at;
} TsHostSurvey;

void ts_host_survey_free (TsHostSurvey *survey);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHostSurvey, ts_host_survey_free)

G_END_DECLS
