/*
 * 職親 hosts (SPEC 2.3; Akita, seed 002): the businesses that take people
 * in for work experience.
 *
 * 「企業・事業所：各地域の窓口へ申込書を提出し、事前訪問調査を受けた後に職親と
 * して登録」: a business applies, has a pre-visit survey, and only then is
 * registered.  The lifecycle (docs/api.md, "Hosts and placements"):
 *
 *   applied | rejected --survey (approved)--> surveyed --> registered
 *                                             (both steps in one request)
 *   applied | rejected --survey (rejected)--> rejected
 *   registered --suspend--> suspended --reinstate--> registered
 *   any but retired --retire--> retired (final; refused while future
 *                                        placement days are scheduled)
 *
 * Who may do what: staff (admin, coordinator) read and write every host.  A
 * host account (role host, linked to host_id) reads its own record, without
 * the coordinators' notes, and any other id is "not found".  Auditors and
 * supporters are refused, except for the calendar: an auditor may read a
 * host's participants per day (counts only, no case identity).
 * Every write is audited in its transaction; every read of a host record
 * (it names a contact person) before it is answered.
 */
#pragma once

#include "service/service.h"
#include "model/host.h"
#include "service/resource.h"

G_BEGIN_DECLS

/* A host as the API shows it.  With @own (a host account reading itself)
 * the coordinators' notes and survey notes are left out. */
typedef struct {
  TsHostRecord *record;
  char         *municipality_name;   /* NULL when the code is no longer in the table */
  const char   *prefecture_name;
  GPtrArray    *surveys;             /* TsHostSurvey*, oldest first; NULL in lists */
  GPtrArray    *status_changes;      /* TsStatusChange*, oldest first; NULL in lists */
  gboolean      own;
} TsHostView;

void ts_host_view_free (TsHostView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHostView, ts_host_view_free)

/* List, read and update: service/resource.h. */
extern const TsResourceOps ts_host_ops;

typedef struct {
  TsDate      surveyed_on;
  const char *result;                /* "approved" or "rejected" */
  const char *notes;                 /* NULL: none */
} TsHostSurveyInput;

/* GET /v1/hosts/{id}/calendar: one entry per day of a month. */
typedef struct {
  TsDate      date;
  guint       scheduled;             /* participants scheduled, not cancelled */
  guint       attended;
  gboolean    open;                  /* the weekday is one the host opens on */
  const char *holiday_name;          /* static; NULL: not a public holiday */
} TsHostCalendarDay;

typedef struct {
  gint64  host_id;
  int     year;
  int     month;
  int     capacity_per_day;
  guint   weekdays_open;
  GArray *days;                      /* TsHostCalendarDay, every day of the month */
} TsHostCalendar;

void ts_host_calendar_free (TsHostCalendar *calendar);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHostCalendar, ts_host_calendar_free)

TsHostView     *ts_service_host_create    (TsService               *self,
                                           TsContext               *ctx,
                                           const TsHostRecord      *draft,
                                           guint                    present,
                                           GError                 **error);
TsHostView     *ts_service_host_survey    (TsService               *self,
                                           TsContext               *ctx,
                                           gint64                   id,
                                           const TsHostSurveyInput *input,
                                           GError                 **error);
/* @action: "suspend", "reinstate" or "retire". */
TsHostView     *ts_service_host_set_status (TsService              *self,
                                            TsContext              *ctx,
                                            gint64                  id,
                                            const char             *action,
                                            const char             *reason,
                                            GError                **error);
TsHostCalendar *ts_service_host_calendar  (TsService               *self,
                                           TsContext               *ctx,
                                           gint64                   id,
                                           int                      year,
                                           int                      month,
                                           GError                 **error);

/* For the placements: whether the caller may see host @id's data (staff,
 * or the host's own account).  FALSE with TS_ERROR_NOT_FOUND otherwise. */
gboolean        ts_service_host_check_access (TsContext  *ctx,
                                              gint64      host_id,
                                              GError    **error);

G_END_DECLS
