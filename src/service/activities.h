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

#include "model/activity.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

#define TS_IDEMPOTENCY_KEY_MAX        255
/* Keys are kept at least this long (issue 5: "at least 30 days"). */
#define TS_IDEMPOTENCY_KEEP_DAYS      30

/* A report as the API shows it: with @reduced (an auditor) without what
 * happened or for whom (the model's STAFF_ONLY fields). */
/* What a list shows staff about a report to decide on it (issue 14). */
typedef enum {
  TS_ACTIVITY_FLAG_SEVERAL_ON_DAY     = 1 << 0,  /* the supporter reported others that day */
  TS_ACTIVITY_FLAG_AT_NIGHT           = 1 << 1,  /* starts 22:00–05:59 */
  TS_ACTIVITY_FLAG_TRANSPORT_OVER_CAP = 1 << 2,  /* the cost reported exceeds the cap */
} TsActivityFlags;

#define TS_ACTIVITY_NIGHT_FROM_MIN  (22 * 60)
#define TS_ACTIVITY_NIGHT_UNTIL_MIN (6 * 60)

typedef struct {
  gboolean  has_review;        /* a staff list item: the members below */
  char     *supporter_name;
  char     *case_code;
  char     *case_nickname;
  gint64    amount_yen;        /* priced, or what approval would pay now */
  gint64    transport_cap_yen; /* for the kind, on the report's date */
  guint     flags;             /* TsActivityFlags */
} TsActivityReview;

typedef struct {
  TsActivityRecord *record;
  gboolean          reduced;
  TsActivityReview  review;
} TsActivityView;

/* The flags' names in the API, in bit order; NULL-terminated. */
extern const char *const ts_activity_flag_names[];

void ts_activity_view_free (TsActivityView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsActivityView, ts_activity_view_free)

/* List and read: service/resource.h. */
extern const TsResourceOps ts_activity_ops;

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

/* A new report from @draft's writable fields (@present: those a body
 * carried; the others keep the draft's defaults).  With @idem's key, either
 * *@out is the new report (and idem->body its stored answer) or
 * idem->replayed is TRUE and *@out NULL. */
gboolean          ts_service_activity_report   (TsService              *self,
                                                TsContext              *ctx,
                                                const TsActivityRecord *draft,
                                                guint                   present,
                                                TsIdempotency          *idem,
                                                TsActivityRecord      **out,
                                                GError                **error);
/* A pending report's fields in @present; @if_match: the versions the
 * client may have (empty: any).  Not ts_service_update: a supporter edits
 * their own report, and a new date is checked against the assignment and
 * the supporter's standing in the same transaction. */
TsActivityRecord *ts_service_activity_update   (TsService              *self,
                                                TsContext              *ctx,
                                                gint64                  id,
                                                const TsActivityRecord *draft,
                                                guint                   present,
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
