/*
 * Dispatch requests and case transfers (SPEC 2.6, 3.3; issue 13): how a
 * case is shared with, or moved to, another organisation.
 *
 * A dispatch request (千葉, seed 002: the prefecture's registered
 * supporters are dispatched to the municipalities that ask) is made by the
 * case's organisation to another one, which accepts it with a supporter of
 * its own pool (creating the assignment) or declines it with a reason; the
 * requester may withdraw it while it is open.  Both sides see it: its
 * descriptor's scope names both organisations.  Its history is a list of
 * events (table dispatch_request_events).
 *
 * A transfer (足立 つなぐシート, seed 000) moves a case to another
 * organisation; the transfer record stays visible to both.
 *
 * Plain data only: the service checks the rules (service/dispatch.h,
 * service/transfers.h), the store reads and writes the rows.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

typedef enum {
  TS_DISPATCH_OPEN,
  TS_DISPATCH_ACCEPTED,
  TS_DISPATCH_DECLINED,
  TS_DISPATCH_WITHDRAWN,
} TsDispatchStatus;

extern const TsVocabulary ts_dispatch_status_vocabulary;

TS_DECLARE_VOCABULARY (ts_dispatch_status, TsDispatchStatus)

/* The history's actions: requested, then one of the other three. */
typedef enum {
  TS_DISPATCH_EVENT_REQUESTED,
  TS_DISPATCH_EVENT_ACCEPTED,
  TS_DISPATCH_EVENT_DECLINED,
  TS_DISPATCH_EVENT_WITHDRAWN,
} TsDispatchAction;

extern const TsVocabulary ts_dispatch_action_vocabulary;

TS_DECLARE_VOCABULARY (ts_dispatch_action, TsDispatchAction)

/* A list's ?direction, seen from the caller's organisations: requests (or
 * transfers) they received, or those they made; leaving it out is both. */
typedef enum {
  TS_DISPATCH_INCOMING,
  TS_DISPATCH_OUTGOING,
} TsDispatchDirection;

extern const TsVocabulary ts_dispatch_direction_vocabulary;

TS_DECLARE_VOCABULARY (ts_dispatch_direction, TsDispatchDirection)

/* The bits of a draft's "present" mask. */
typedef enum {
  TS_DISPATCH_FIELD_CASE            = 1 << 0,
  TS_DISPATCH_FIELD_TO_ORGANISATION = 1 << 1,
  TS_DISPATCH_FIELD_NOTE            = 1 << 2,
} TsDispatchFields;

#define TS_DISPATCH_NOTE_MAX      500
#define TS_DISPATCH_REASON_MAX    500
#define TS_DISPATCH_LIST_DEFAULT  50
#define TS_DISPATCH_LIST_MAX      200

typedef struct {
  gint64            id;
  gint64            case_id;
  gint64            from_organisation_id; /* the case's organisation when asked */
  gint64            to_organisation_id;   /* the one asked for a supporter */
  char             *note;                 /* the requester's; NULL: none */
  TsDispatchStatus  status;
  gint64            supporter_id;         /* once accepted; else 0 */
  gint64            assignment_id;        /* once accepted; else 0 */
  char             *decline_reason;       /* once declined; else NULL */
  gint64            user_id;              /* who asked; 0: the command line */
  gint64            version;
  gint64            created_at;           /* Unix seconds */
  gint64            updated_at;
} TsDispatchRequestRecord;

extern const TsResource ts_dispatch_request_resource;

TsDispatchRequestRecord *ts_dispatch_request_record_new  (void);
void                     ts_dispatch_request_record_free (TsDispatchRequestRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDispatchRequestRecord, ts_dispatch_request_record_free)

/* GET /v1/dispatch-requests: ?direction. */
typedef struct {
  TsListQuery  list;
  int          direction;            /* TsDispatchDirection or TS_FILTER_ANY */
} TsDispatchQuery;

/* One line of a request's history. */
typedef struct {
  gint64            id;
  gint64            request_id;
  TsDispatchAction  action;
  gint64            organisation_id;  /* the side that acted */
  gint64            user_id;          /* 0: the command line */
  char             *note;             /* NULL: none */
  gint64            at;               /* Unix seconds */
} TsDispatchEvent;

void ts_dispatch_event_free (TsDispatchEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDispatchEvent, ts_dispatch_event_free)

/* ---- transfers -------------------------------------------------------- */

typedef enum {
  TS_TRANSFER_FIELD_TO_ORGANISATION = 1 << 0,
  TS_TRANSFER_FIELD_TRANSFERRED_ON  = 1 << 1,
  TS_TRANSFER_FIELD_NOTE            = 1 << 2,
} TsTransferFields;

#define TS_TRANSFER_NOTE_MAX      500
#define TS_TRANSFER_LIST_DEFAULT  50
#define TS_TRANSFER_LIST_MAX      200

typedef struct {
  gint64   id;
  gint64   case_id;
  gint64   from_organisation_id;
  gint64   to_organisation_id;
  TsDate   transferred_on;
  char    *note;                     /* NULL: none */
  gint64   user_id;                  /* who moved it; 0: the command line */
  gint64   created_at;
} TsCaseTransferRecord;

extern const TsResource ts_case_transfer_resource;

TsCaseTransferRecord *ts_case_transfer_record_new  (void);
void                  ts_case_transfer_record_free (TsCaseTransferRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseTransferRecord, ts_case_transfer_record_free)

/* GET /v1/transfers: ?direction. */
typedef struct {
  TsListQuery  list;
  int          direction;            /* TsDispatchDirection or TS_FILTER_ANY */
} TsTransferQuery;

G_END_DECLS
