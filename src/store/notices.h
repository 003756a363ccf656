/*
 * Notices and the mail outbox (issue 17, schema 16): what the daily run
 * found, once per kind, subject, period and recipient, and the messages
 * that carry them to an address.
 */
#pragma once

#include "core/date.h"
#include "model/event.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  char    kind[24];                /* domain/notices.h names */
  char    subject_type[20];        /* supporter, placement, statement, dispatch_request, event */
  gint64  subject_id;
  char    period[24];
  char    recipient_type[12];      /* user, supporter */
  gint64  recipient_id;
  gint64  organisation_id;
  TsDate  due_on;                  /* TS_DATE_NONE: none */
  TsDate  created_on;
  gint64  created_at;
  gint64  read_at;                 /* 0: unread */
  /* What the notice is about when a date does not say it (schema 18): an
   * event's title; "": none. */
  char    title[TS_EVENT_TITLE_MAX * 4 + 1];
} TsNoticeRecord;

/* A message of the outbox, with what its notice says. */
typedef struct {
  gint64          id;
  char           *address;
  int             attempts;
  gint64          next_attempt_at;
  char           *last_error;      /* NULL: none */
  gint64          sent_at;         /* 0: not sent */
  gint64          created_at;
  TsNoticeRecord  notice;
} TsMailItem;

void ts_mail_item_free (TsMailItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMailItem, ts_mail_item_free)

/* What a rule is computed over: one row per subject.  @date and @at are
 * the rule's date and timestamp (insurance_until, first_day, the start of
 * the silence; issued_at, created_at). */
typedef struct {
  gint64 id;
  gint64 supporter_id;             /* 0: the subject is no supporter's */
  gint64 organisation_id;          /* whose coordinators hear of it */
  TsDate date;
  gint64 at;
} TsNoticeSubject;

/* Any thread.  Each fills @out (TsNoticeSubject). */
gboolean ts_store_notice_supporters  (TsStore *self, GArray *out, GError **error);
gboolean ts_store_notice_placements  (TsStore *self, TsDate from, TsDate to, GArray *out,
                                      GError **error);
/* Supporters with an active assignment started by @on: date = the later
 * of their last report and their earliest active assignment's start. */
gboolean ts_store_notice_silences    (TsStore *self, TsDate on, GArray *out, GError **error);
gboolean ts_store_notice_statements  (TsStore *self, gint64 issued_since, GArray *out,
                                      GError **error);
gboolean ts_store_notice_dispatches  (TsStore *self, GArray *out, GError **error);
/* The enabled coordinators of @organisation_id (gint64), by id. */
gboolean ts_store_notice_coordinators (TsStore *self, gint64 organisation_id, GArray *out,
                                       GError **error);

/* Writer thread only.  *out_id: the new notice, 0 when it existed. */
gboolean ts_store_notice_insert      (TsStore *self, const TsNoticeRecord *notice,
                                      gint64 *out_id, GError **error);
/* The recipient's address: a user's own, a supporter's, else the first
 * of its enabled accounts'; NULL (no error) when there is none. */
char    *ts_store_notice_address     (TsStore *self, const char *recipient_type,
                                      gint64 recipient_id, GError **error);
gboolean ts_store_mail_enqueue       (TsStore *self, gint64 notice_id, const char *address,
                                      gint64 now, GError **error);
gboolean ts_store_mail_sent          (TsStore *self, gint64 id, gint64 now, GError **error);
gboolean ts_store_mail_failed        (TsStore *self, gint64 id, gint64 next_attempt_at,
                                      const char *message, GError **error);
/* Marks @id read; *out_changed FALSE when it was read already. */
gboolean ts_store_notice_mark_read   (TsStore *self, gint64 id, gint64 now,
                                      gboolean *out_changed, GError **error);

/* Any thread. */
TsNoticeRecord *ts_store_notice_get  (TsStore *self, gint64 id, GError **error);
/* The notices of a user (and, @supporter_id not 0, of that supporter),
 * newest first, before @before_id (0: from the newest). */
GArray  *ts_store_notice_list        (TsStore *self, gint64 user_id, gint64 supporter_id,
                                      gboolean unread_only, gint64 before_id, guint limit,
                                      GError **error);
gint64   ts_store_notice_unread      (TsStore *self, gint64 user_id, gint64 supporter_id,
                                      GError **error);
/* Unsent messages due at @now, oldest first. */
GPtrArray *ts_store_mail_due         (TsStore *self, gint64 now, guint limit, GError **error);
/* The outbox for administrators: @status "pending" (never tried), "failed"
 * (tried, unsent), "sent" or NULL (all); newest first, before @before_id. */
GPtrArray *ts_store_mail_list        (TsStore *self, const char *status, gint64 before_id,
                                      guint limit, GError **error);

G_END_DECLS
