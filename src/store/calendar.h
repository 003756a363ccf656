/*
 * Calendar feeds (SPEC 2.9, 3.3 Calendar; issue 17, schema 15): a user's
 * secret URL that a phone's calendar subscribes to.  Only a SHA-256 of the
 * feed's token is kept (as for bearer tokens).  Also what a feed shows
 * beyond visits (store/visits.h): a host's placement days and training
 * sessions, as plain items.
 */
#pragma once

#include "core/date.h"
#include "core/password.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *label;                    /* NULL: none */
  gint64  created_at;
  gint64  last_used_at;             /* 0: never */
  gint64  revoked_at;               /* 0: live */
} TsCalendarFeed;

void ts_calendar_feed_free (TsCalendarFeed *feed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCalendarFeed, ts_calendar_feed_free)

/* One entry of a feed other than a visit: a placement day (its case's
 * nickname) or a training session (its course's and session's titles). */
typedef struct {
  gint64  id;
  TsDate  date;
  char   *title;                    /* the nickname, or the course's title */
  char   *subtitle;                 /* the session's title; NULL: none */
  gboolean cancelled;
  gint64  sequence;                 /* 0, or 1 once cancelled */
} TsCalendarItem;

void ts_calendar_item_free (TsCalendarItem *item);

/* Writer thread only. */
gboolean        ts_store_calendar_feed_insert (TsStore      *self,
                                               gint64        user_id,
                                               const char   *label,
                                               const guint8  digest[TS_TOKEN_DIGEST_LEN],
                                               gint64        now,
                                               gint64       *out_id,
                                               GError      **error);
/* Revokes user @user_id's live feed @id; another's, a revoked or a missing
 * one is TS_ERROR_NOT_FOUND "No such calendar feed". */
gboolean        ts_store_calendar_feed_revoke (TsStore  *self,
                                               gint64    id,
                                               gint64    user_id,
                                               gint64    now,
                                               GError  **error);
gboolean        ts_store_calendar_feed_touch  (TsStore  *self,
                                               gint64    id,
                                               gint64    now,
                                               GError  **error);

/* Any thread. */
/* The live feeds of @user_id, in id order. */
GPtrArray      *ts_store_calendar_feed_list   (TsStore  *self,
                                               gint64    user_id,
                                               GError  **error);
/* The live feed whose token has @digest; TS_ERROR_NOT_FOUND otherwise. */
TsCalendarFeed *ts_store_calendar_feed_find   (TsStore      *self,
                                               const guint8  digest[TS_TOKEN_DIGEST_LEN],
                                               GError      **error);
/* Host @host_id's placement days from @from to @to, cancelled ones too. */
GPtrArray      *ts_store_calendar_host_days   (TsStore  *self,
                                               gint64    host_id,
                                               TsDate    from,
                                               TsDate    to,
                                               GError  **error);
/* The training sessions from @from to @to: of the courses supporter
 * @supporter_id is enrolled in, or every one with @supporter_id 0. */
GPtrArray      *ts_store_calendar_sessions    (TsStore  *self,
                                               gint64    supporter_id,
                                               TsDate    from,
                                               TsDate    to,
                                               GError  **error);

G_END_DECLS
