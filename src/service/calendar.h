/*
 * Calendar feeds (SPEC 2.9, 3.3 Calendar; issue 17).
 *
 * Each user may keep a few secret feed URLs (TS_CALENDAR_FEEDS_MAX) that a
 * phone's calendar subscribes to; only a SHA-256 of the token is stored.
 * The feed is RFC 5545 text/calendar: the visits the user sees (a
 * supporter's own; a coordinator's organisations'), a host's placement
 * days, training sessions (a supporter's enrolled courses'; every one for
 * staff), from TS_CALENDAR_PAST_DAYS ago to TS_CALENDAR_AHEAD_DAYS ahead.
 * A visit shows its case's nickname only, never the case's contents nor
 * the visit's note.  Every read of a feed is audited (its id only).
 */
#pragma once

#include "service/service.h"
#include "store/calendar.h"

G_BEGIN_DECLS

#define TS_CALENDAR_FEEDS_MAX     5
#define TS_CALENDAR_LABEL_MAX     50
#define TS_CALENDAR_PAST_DAYS     90
#define TS_CALENDAR_AHEAD_DAYS    366
#define TS_CALENDAR_TOKEN_MAX     128

/* A new feed of the caller's; its token (transfer full) is shown once. */
TsCalendarFeed *ts_service_calendar_feed_create (TsService   *self,
                                                 TsContext   *ctx,
                                                 const char  *label,
                                                 char       **out_token,
                                                 GError     **error);
/* The caller's live feeds (TsCalendarFeed). */
GPtrArray      *ts_service_calendar_feed_list   (TsService   *self,
                                                 TsContext   *ctx,
                                                 GError     **error);
/* Revokes the caller's feed @id: its URL answers 404 from then on. */
gboolean        ts_service_calendar_feed_revoke (TsService   *self,
                                                 TsContext   *ctx,
                                                 gint64       id,
                                                 GError     **error);
/* The feed of @token as text/calendar (CRLF, folded at 75 octets), its
 * summaries in @lang; TS_ERROR_NOT_FOUND for an unknown or revoked one.
 * @ctx is filled with the feed's user. */
GBytes         *ts_service_calendar_feed_render (TsService   *self,
                                                 TsContext   *ctx,
                                                 const char  *token,
                                                 TsLanguage   lang,
                                                 GError     **error);

/* RFC 5545 content lines: @name and @value (already escaped where text)
 * appended to @out, folded at 75 octets without splitting a character,
 * ended by CRLF. */
void            ts_ical_append_line   (GString     *out,
                                       const char  *name,
                                       const char  *value);
/* TEXT escaping of RFC 5545 3.3.11 (backslash, semicolon, comma, newline). */
char           *ts_ical_escape_text   (const char  *text);

G_END_DECLS
