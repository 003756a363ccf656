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

#include <glib.h>

#include "core/date.h"
#include "store/store.h"

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

const char *ts_host_status_to_string   (TsHostStatus status);
gboolean    ts_host_status_from_string (const char   *text,
                                        TsHostStatus *out);

typedef struct {
  gint64        id;
  char         *name;
  char         *municipality_code;
  char         *industry;           /* NULL: none */
  char         *address;            /* NULL: none */
  char         *contact_person;     /* NULL: none */
  int           capacity_per_day;   /* participants at once, 1..100 */
  guint         weekdays_open;      /* TS_WEEKDAY_BIT bits (domain/placement.h) */
  char         *notes;              /* NULL: none */
  TsHostStatus  status;
  TsDate        registered_on;      /* TS_DATE_NONE until registered */
  gint64        version;
  gint64        created_at;         /* Unix seconds */
  gint64        updated_at;
} TsHostRecord;

TsHostRecord *ts_host_record_new  (void);
TsHostRecord *ts_host_record_copy (const TsHostRecord *record);
void          ts_host_record_free (TsHostRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHostRecord, ts_host_record_free)

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

typedef struct {
  gint64        id;
  TsHostStatus  from_status;
  TsHostStatus  to_status;
  TsDate        changed_on;
  char         *reason;             /* NULL: none given */
  gint64        user_id;            /* 0: the command line */
  gint64        at;
} TsHostStatusChange;

void ts_host_status_change_free (TsHostStatusChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHostStatusChange, ts_host_status_change_free)

typedef struct {
  gboolean      has_status;
  TsHostStatus  status;
  const char   *municipality_code;  /* NULL: any */
  gint64        only_id;            /* > 0: this host only (a host account) */
} TsHostFilter;

/* Writer thread only. */
gboolean ts_store_host_insert               (TsStore            *self,
                                             const TsHostRecord *record,
                                             gint64              now,
                                             gint64             *out_id,
                                             GError            **error);
gboolean ts_store_host_update               (TsStore            *self,
                                             const TsHostRecord *record,
                                             gint64              expected_version,
                                             gint64              now,
                                             GError            **error);
gboolean ts_store_host_survey_insert        (TsStore            *self,
                                             gint64              host_id,
                                             TsDate              surveyed_on,
                                             gboolean            approved,
                                             const char         *notes,
                                             gint64              user_id,
                                             gint64              now,
                                             GError            **error);
gboolean ts_store_host_status_change_insert (TsStore            *self,
                                             gint64              host_id,
                                             TsHostStatus        from_status,
                                             TsHostStatus        to_status,
                                             TsDate              changed_on,
                                             const char         *reason,
                                             gint64              user_id,
                                             gint64              now,
                                             GError            **error);

/* Any thread (inside a write function they see its own changes). */
TsHostRecord *ts_store_host_get            (TsStore            *self,
                                            gint64              id,
                                            GError            **error);
GPtrArray    *ts_store_host_list           (TsStore            *self,
                                            const TsHostFilter *filter,
                                            gint64              after_id,
                                            guint               limit,
                                            GError            **error);
GPtrArray    *ts_store_host_surveys        (TsStore            *self,
                                            gint64              host_id,
                                            GError            **error);
GPtrArray    *ts_store_host_status_changes (TsStore            *self,
                                            gint64              host_id,
                                            GError            **error);

G_END_DECLS
