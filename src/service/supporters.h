/*
 * The supporter registry (SPEC 2.1, 3.2): profiles, direct training
 * records, registration with a supporter code, suspension and retirement,
 * and the qualification computed for a date.
 *
 * Who may do what is decided here as well as in the route table: staff
 * (admin, coordinator) read and write every supporter; a supporter account
 * reads only its own record, and any other id is "not found" so that it
 * learns nothing about who else is registered.  Every read of a record or a
 * list is in the audit log before the caller sees it.
 */
#pragma once

#include "domain/municipality.h"
#include "domain/qualification.h"
#include "domain/standing.h"
#include "model/supporter.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

/* A supporter as the API shows it: the record, its completions, the
 * qualification on a date and the municipality's name.  With @own (a
 * supporter account reading itself) the status history, whose reasons are
 * the coordinators' notes, is left out. */
typedef struct {
  TsSupporterRecord *record;
  GArray            *trainings;        /* TsTrainingRecord, oldest first */
  GPtrArray         *status_changes;   /* TsStatusChange*; NULL in lists */
  TsDate             on;
  TsQualification    qualification;
  char              *municipality_name;  /* NULL when the code is no longer in the table */
  const char        *prefecture_name;    /* NULL likewise */
  gboolean           own;
} TsSupporterView;

void ts_supporter_view_free (TsSupporterView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsSupporterView, ts_supporter_view_free)

/* List, read and update (service/resource.h).  A list's query is a
 * TsSupporterListQuery; its ?on is set to the date the qualifications are
 * computed for. */
extern const TsResourceOps ts_supporter_ops;

/* The list for callers without the HTTP layer's query (tests, tools):
 * zero members mean "any". */
typedef struct {
  gboolean              has_status;
  TsSupporterStatus     status;
  const char           *municipality_code;  /* NULL: any */
  gboolean              has_qualification;
  TsQualificationStatus qualification;
  TsDate                on;                 /* TS_DATE_NONE: today */
  gint64                after_id;           /* 0: from the start */
  int                   limit;              /* 0: TS_SUPPORTER_LIST_DEFAULT */
  gint64                organisation_id;    /* 0: any in the caller's scope */
} TsSupporterQuery;

typedef struct {
  GPtrArray *items;                         /* TsSupporterView* */
  gint64     next_after_id;                 /* 0: this is the last page */
  TsDate     on;
} TsSupporterPage;

void ts_supporter_page_free (TsSupporterPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsSupporterPage, ts_supporter_page_free)

typedef struct {
  const char *kind;                         /* "initial" or "follow_up" */
  TsDate      completed_on;
  gint64      course_id;                    /* 0: none */
} TsTrainingInput;

TsSupporterView *ts_service_supporter_create       (TsService               *self,
                                                    TsContext               *ctx,
                                                    const TsSupporterRecord *draft,
                                                    guint                    present,
                                                    GError                 **error);
void             ts_service_supporter_create_async (TsService               *self,
                                                    TsContext               *ctx,
                                                    const TsSupporterRecord *draft,
                                                    guint                    present,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
TsSupporterView *ts_service_supporter_create_finish (TsService              *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);
TsSupporterView *ts_service_supporter_get          (TsService               *self,
                                                    TsContext               *ctx,
                                                    gint64                   id,
                                                    TsDate                   on,
                                                    GError                 **error);
void             ts_service_supporter_get_async    (TsService               *self,
                                                    TsContext               *ctx,
                                                    gint64                   id,
                                                    TsDate                   on,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
TsSupporterView *ts_service_supporter_get_finish   (TsService               *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);
TsSupporterPage *ts_service_supporter_list         (TsService               *self,
                                                    TsContext               *ctx,
                                                    const TsSupporterQuery  *query,
                                                    GError                 **error);
TsSupporterView *ts_service_supporter_add_training (TsService               *self,
                                                    TsContext               *ctx,
                                                    gint64                   id,
                                                    const TsTrainingInput   *input,
                                                    GError                 **error);
TsSupporterView *ts_service_supporter_register     (TsService               *self,
                                                    TsContext               *ctx,
                                                    gint64                   id,
                                                    TsDate                   registered_on,
                                                    const char              *reason,
                                                    GError                 **error);
TsSupporterView *ts_service_supporter_suspend      (TsService               *self,
                                                    TsContext               *ctx,
                                                    gint64                   id,
                                                    const char              *reason,
                                                    GError                 **error);
TsSupporterView *ts_service_supporter_retire       (TsService               *self,
                                                    TsContext               *ctx,
                                                    gint64                   id,
                                                    const char              *reason,
                                                    GError                 **error);

/* Insurance renewal for a fiscal year (issue 11; see supporters.c). */
#define TS_INSURANCE_RENEWAL_BATCH    500
#define TS_INSURANCE_RENEWAL_EARLIEST 2000

typedef struct {
  int     fiscal_year;
  TsDate  insured_until;                    /* 31 March of fiscal_year + 1 */
  guint64 renewed;                          /* supporters whose cover changed */
} TsInsuranceRenewal;

typedef void (*TsRenewalProgress) (guint64 done, guint64 total, gpointer user_data);

gboolean ts_service_supporter_renew_insurance (TsService          *self,
                                               TsContext          *ctx,
                                               gint64              fiscal_year,
                                               TsRenewalProgress   progress,
                                               gpointer            user_data,
                                               TsInsuranceRenewal *out,
                                               GError            **error);

/* Helpers shared with the training audit. */
void  ts_service_qualification_rules (TsService            *self,
                                      TsQualificationRules *out);
void  ts_service_supporter_qualify   (TsService            *self,
                                      const TsTrainingRecord *trainings,
                                      guint                 n_trainings,
                                      TsDate                on,
                                      TsQualification      *out);
char *ts_service_municipality_name   (const char           *code,
                                      const char          **out_prefecture);

/* The supporter's status history as domain/standing.h reads it (issue 11):
 * the recorded changes, completed for records older than the history
 * (registered_on without a registration row).  Any thread, also inside a
 * write function.  NULL with @error set on failure. */
GArray *ts_service_supporter_standing (TsStore            *store,
                                       gint64              supporter_id,
                                       TsSupporterStatus   status,
                                       TsDate              registered_on,
                                       GError            **error);

G_END_DECLS
