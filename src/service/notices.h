/*
 * Notices (issue 17, SPEC 2.9, docs/api.md "Notices"): the daily run that
 * finds what needs someone's attention (domain/notices.h), each notice
 * once with its audit entry; the caller's own notices in the application;
 * the mail outbox, sent from a worker thread with backoff (service/mail.c).
 */
#pragma once

#include "domain/notices.h"
#include "service/service.h"
#include "store/notices.h"

G_BEGIN_DECLS

#define TS_NOTICE_LIST_DEFAULT 50
#define TS_NOTICE_LIST_MAX     200

typedef void (*TsNoticeProgress) (guint64 done, guint64 total, gpointer user_data);

typedef struct {
  guint64 found;                   /* notices due on the day, new or not */
  guint64 created;                 /* new ones */
  guint64 queued;                  /* new messages in the outbox */
} TsNoticeRun;

/* Computes the notices due on @on (TS_DATE_NONE: today) and creates the
 * new ones, each with an audit entry, and their mail when [mail] has a
 * server.  Rerunning a day creates nothing. */
gboolean   ts_service_notices_run   (TsService *self, TsContext *ctx, TsDate on,
                                     TsNoticeProgress progress, gpointer user_data,
                                     TsNoticeRun *out, GError **error);

/* Issue 18's "cancel with notice": inside the cancel's write (@store is
 * the writer's), a notice `event_cancelled` to each supporter @event
 * (still as before the cancel) staffs, period the event's date, so once
 * per event and supporter; each audited, its mail queued as the daily
 * run's.  A cancel that is rolled back takes its notices with it. */
gboolean   ts_service_notices_event_cancelled (TsService *self, TsContext *ctx, TsStore *store,
                                               gint64 event_id, gint64 organisation_id,
                                               TsDate date, const char *title, GError **error);

/* The caller's own notices (its account's, and its supporter's), newest
 * first, before @before_id (0: the newest); *out_unread: how many unread. */
GArray    *ts_service_notice_list   (TsService *self, TsContext *ctx, gboolean unread_only,
                                     gint64 before_id, guint limit, gint64 *out_unread,
                                     GError **error);
/* Marks the caller's notice @id read (another's is TS_ERROR_NOT_FOUND). */
TsNoticeRecord *ts_service_notice_mark_read (TsService *self, TsContext *ctx, gint64 id,
                                             GError **error);
/* What a notice says, in @lang: one line, no names, no case contents. */
char      *ts_service_notice_message (const TsNoticeRecord *notice, TsLanguage lang);

/* The outbox (administrators): @status pending, failed, sent or NULL. */
GPtrArray *ts_service_mail_outbox   (TsService *self, TsContext *ctx, const char *status,
                                     gint64 before_id, guint limit, GError **error);

/* ---- mail (service/mail.c) ---- */

typedef struct {
  guint sent;
  guint failed;
} TsMailFlush;

/* Sends the outbox's messages due at @now through [mail]'s server; a
 * failure is kept with its error and tried again later (backoff).  Never
 * fails for a message: FALSE only when the database does. */
gboolean   ts_service_mail_flush    (TsService *self, gint64 now, TsMailFlush *out,
                                     GError **error);
/* RFC 2047: @text as UTF-8 "B" encoded-words of at most 68 characters
 * (75 allowed), folded with CRLF SP, so that "Subject: " and each line
 * stay within 78; plain ASCII text is returned as it is. */
char      *ts_mail_encode_header    (const char *text);

/* serve's background thread: the daily run at [notices] run_hour
 * (Asia/Tokyo) and the outbox, never on a request's thread. */
typedef struct _TsNoticeWorker TsNoticeWorker;
TsNoticeWorker *ts_notice_worker_start (TsService *service);
void            ts_notice_worker_stop  (TsNoticeWorker *worker);

G_END_DECLS
