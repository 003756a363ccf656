/*
 * Activity reports (SPEC 2.4, 3.2; issue 5): a supporter reports what they
 * did for a case they are assigned to, usually from a phone; a coordinator
 * approves or rejects it; an approved report is priced at the rates in
 * force on its date and becomes lines of the payment ledger.
 *
 *   pending --approve--> approved   (lines appended to the ledger)
 *   pending --reject (reason)--> rejected
 *   pending --withdraw--> withdrawn (by the supporter, or staff)
 *   approved --reverse (reason)--> a new approved reversal row with the
 *            negative amounts; the corrected report is a new report
 *
 * Who sees what is decided here: a supporter reaches only their own
 * reports and assignments (anything else is "not found"), staff every
 * report, an auditor every report without its note, reason, case or
 * assignment (amounts and dates only).  Every read is in the audit log.
 *
 * Idempotency-Key: the answer to a report is stored with the key in the
 * report's own transaction, and a retry by the same user with the same
 * request gets that answer back and creates nothing — also when retries
 * arrive at once, since the writer thread runs one write function at a time
 * and the second finds the first's row.
 */
#pragma once

#include "service/service.h"
#include "store/activities.h"

G_BEGIN_DECLS

/* Issue 5's limits. */
#define TS_ACTIVITY_NOTE_MAX          1000
#define TS_ACTIVITY_REASON_MAX        500
#define TS_ACTIVITY_LIST_DEFAULT      50
#define TS_ACTIVITY_LIST_MAX          200
#define TS_IDEMPOTENCY_KEY_MAX        255
/* Keys are kept at least this long (issue 5: "at least 30 days"). */
#define TS_IDEMPOTENCY_KEEP_DAYS      30

/* Which members of an input the caller supplied (PATCH). */
typedef enum {
  TS_ACTIVITY_FIELD_ASSIGNMENT = 1 << 0,
  TS_ACTIVITY_FIELD_DATE       = 1 << 1,
  TS_ACTIVITY_FIELD_START      = 1 << 2,
  TS_ACTIVITY_FIELD_MINUTES    = 1 << 3,
  TS_ACTIVITY_FIELD_KIND       = 1 << 4,
  TS_ACTIVITY_FIELD_TRANSPORT  = 1 << 5,
  TS_ACTIVITY_FIELD_NOTE       = 1 << 6,
} TsActivityFields;

typedef struct {
  gint64      assignment_id;
  TsDate      date;
  int         start_min;            /* minutes after midnight */
  int         minutes;
  const char *kind;
  gint64      transport_yen;
  const char *note;                 /* NULL: none */
  guint       present;              /* TsActivityFields */
} TsActivityInput;

/* Renders the answer to a new report, inside its write transaction, so
 * that the very bytes sent are the ones stored with the key. */
typedef char *(*TsActivityRenderFunc) (const TsActivityRecord *record,
                                       gpointer                user_data);

typedef struct {
  const char           *key;        /* NULL: no Idempotency-Key */
  const char           *request_hash;
  guint                 status;     /* the status the caller answers with */
  TsActivityRenderFunc  render;
  gpointer              render_data;
  /* out */
  gboolean              replayed;   /* an earlier answer: status and body */
  guint                 replay_status;
  char                 *body;       /* the stored (or replayed) answer */
} TsIdempotency;

void ts_idempotency_clear (TsIdempotency *idem);

typedef struct {
  gint64            supporter_id;   /* 0: any (a supporter: always their own) */
  gint64            case_id;
  gint64            assignment_id;
  const char       *month;          /* "YYYY-MM" */
  gboolean          has_status;
  TsActivityStatus  status;
  gint64            after_id;
  int               limit;          /* 0: TS_ACTIVITY_LIST_DEFAULT */
} TsActivityQuery;

typedef struct {
  GPtrArray *items;                 /* TsActivityRecord* */
  gint64     next_after_id;         /* 0: the last page */
} TsActivityPage;

void ts_activity_page_free (TsActivityPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsActivityPage, ts_activity_page_free)

/* A new report.  With @idem's key, either *@out is the new report (and
 * idem->body its stored answer) or idem->replayed is TRUE and *@out NULL. */
gboolean          ts_service_activity_report   (TsService              *self,
                                                TsContext              *ctx,
                                                const TsActivityInput  *input,
                                                TsIdempotency          *idem,
                                                TsActivityRecord      **out,
                                                GError                **error);
TsActivityRecord *ts_service_activity_get      (TsService              *self,
                                                TsContext              *ctx,
                                                gint64                  id,
                                                GError                **error);
TsActivityPage   *ts_service_activity_list     (TsService              *self,
                                                TsContext              *ctx,
                                                const TsActivityQuery  *query,
                                                GError                **error);
/* A pending report's fields; @if_match: the versions the client may have
 * (empty: any). */
TsActivityRecord *ts_service_activity_update   (TsService              *self,
                                                TsContext              *ctx,
                                                gint64                  id,
                                                const TsActivityInput  *input,
                                                const gint64           *if_match,
                                                guint                   n_if_match,
                                                GError                **error);
TsActivityRecord *ts_service_activity_withdraw (TsService              *self,
                                                TsContext              *ctx,
                                                gint64                  id,
                                                GError                **error);
TsActivityRecord *ts_service_activity_approve  (TsService              *self,
                                                TsContext              *ctx,
                                                gint64                  id,
                                                GError                **error);
TsActivityRecord *ts_service_activity_reject   (TsService              *self,
                                                TsContext              *ctx,
                                                gint64                  id,
                                                const char             *reason,
                                                GError                **error);
/* Returns the new reversal row. */
TsActivityRecord *ts_service_activity_reverse  (TsService              *self,
                                                TsContext              *ctx,
                                                gint64                  id,
                                                const char             *reason,
                                                GError                **error);

G_END_DECLS
