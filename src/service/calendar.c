/*
 * Calendar feeds: see service/calendar.h.
 */
#include "service/calendar.h"

#include <string.h>

#include "core/i18n.h"
#include "core/password.h"
#include "model/event.h"
#include "model/visit.h"
#include "service/resource.h"
#include "service/users.h"
#include "service/validate.h"
#include "store/events.h"
#include "store/users.h"
#include "store/visits.h"

#define NO_FEED N_("No such calendar feed")
#define ICAL_LINE_MAX 75
#define VISIT_PAGE 200
#define EVENT_PAGE 200

/* ---- RFC 5545 ------------------------------------------------------------ */

char *
ts_ical_escape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case ';': g_string_append (out, "\\;"); break;
      case ',': g_string_append (out, "\\,"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

/* RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets; a longer one
 * goes on in lines that start with one space.  A UTF-8 sequence is never
 * split. */
void
ts_ical_append_line (GString *out, const char *name, const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);
  gsize len = strlen (line), pos = 0, limit = ICAL_LINE_MAX;

  while (len - pos > limit)
    {
      gsize cut = pos + limit;

      while (cut > pos && ((guchar) line[cut] & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, (gssize) (cut - pos));
      g_string_append (out, "\r\n ");
      pos = cut;
      limit = ICAL_LINE_MAX - 1;   /* the leading space counts */
    }
  g_string_append (out, line + pos);
  g_string_append (out, "\r\n");
}

static void
append_text (GString *out, const char *name, const char *text)
{
  g_autofree char *escaped = ts_ical_escape_text (text);
  ts_ical_append_line (out, name, escaped);
}

static void
append_utc (GString *out, const char *name, gint64 unix_seconds)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (unix_seconds);
  g_autofree char *text = g_date_time_format (t, "%Y%m%dT%H%M%SZ");

  ts_ical_append_line (out, name, text);
}

/* A local time of Asia/Tokyo: @minutes after midnight of @date (a day
 * later past 24:00). */
static void
append_local (GString *out, const char *name, TsDate date, int minutes)
{
  int y, m, d;
  char buf[32];
  g_autofree char *prop = g_strconcat (name, ";TZID=Asia/Tokyo", NULL);

  date = ts_date_add_days (date, minutes / (24 * 60));
  minutes %= 24 * 60;
  ts_date_get_ymd (date, &y, &m, &d);
  g_snprintf (buf, sizeof buf, "%04d%02d%02dT%02d%02d00", y, m, d, minutes / 60, minutes % 60);
  ts_ical_append_line (out, prop, buf);
}

static void
append_day (GString *out, const char *name, TsDate date)
{
  int y, m, d;
  char buf[16];
  g_autofree char *prop = g_strconcat (name, ";VALUE=DATE", NULL);

  ts_date_get_ymd (date, &y, &m, &d);
  g_snprintf (buf, sizeof buf, "%04d%02d%02d", y, m, d);
  ts_ical_append_line (out, prop, buf);
}

static void
append_header (GString *out, TsLanguage lang)
{
  ts_ical_append_line (out, "BEGIN", "VCALENDAR");
  ts_ical_append_line (out, "VERSION", "2.0");
  ts_ical_append_line (out, "PRODID", "-//tsunagari//calendar feed//JA");
  ts_ical_append_line (out, "CALSCALE", "GREGORIAN");
  ts_ical_append_line (out, "METHOD", "PUBLISH");
  append_text (out, "X-WR-CALNAME", ts_i18n_gettext_lang (lang, N_("tsunagari visits")));
  ts_ical_append_line (out, "X-WR-TIMEZONE", "Asia/Tokyo");
  /* Japan has kept +09:00 without daylight saving since 1951. */
  ts_ical_append_line (out, "BEGIN", "VTIMEZONE");
  ts_ical_append_line (out, "TZID", "Asia/Tokyo");
  ts_ical_append_line (out, "BEGIN", "STANDARD");
  ts_ical_append_line (out, "DTSTART", "19700101T000000");
  ts_ical_append_line (out, "TZOFFSETFROM", "+0900");
  ts_ical_append_line (out, "TZOFFSETTO", "+0900");
  ts_ical_append_line (out, "TZNAME", "JST");
  ts_ical_append_line (out, "END", "STANDARD");
  ts_ical_append_line (out, "END", "VTIMEZONE");
}

static void
append_visit (GString *out, const TsVisitRecord *v, gboolean staff, TsLanguage lang, gint64 now)
{
  g_autofree char *uid = g_strdup_printf ("visit-%" G_GINT64_FORMAT "@tsunagari", v->id);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, v->version);
  g_autofree char *summary = NULL;
  const char *nickname = v->case_nickname != NULL ? v->case_nickname : "";

  if (staff && v->supporter_name != NULL)
    summary = g_strdup_printf ("%s: %s (%s)", ts_i18n_gettext_lang (lang, N_("Visit")), nickname,
                               v->supporter_name);
  else
    summary = g_strdup_printf ("%s: %s", ts_i18n_gettext_lang (lang, N_("Visit")), nickname);
  ts_ical_append_line (out, "BEGIN", "VEVENT");
  ts_ical_append_line (out, "UID", uid);
  append_utc (out, "DTSTAMP", now);
  append_utc (out, "LAST-MODIFIED", v->updated_at);
  append_local (out, "DTSTART", v->date, v->start_min);
  append_local (out, "DTEND", v->date, v->start_min + v->minutes);
  ts_ical_append_line (out, "SEQUENCE", seq);
  append_text (out, "SUMMARY", summary);
  ts_ical_append_line (out, "STATUS", v->status == TS_VISIT_CANCELLED ? "CANCELLED" : "CONFIRMED");
  ts_ical_append_line (out, "TRANSP", "OPAQUE");
  ts_ical_append_line (out, "END", "VEVENT");
}

static void
append_item (GString *out, const char *kind, const TsCalendarItem *item, const char *summary,
             gint64 now)
{
  g_autofree char *uid = g_strdup_printf ("%s-%" G_GINT64_FORMAT "@tsunagari", kind, item->id);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, item->sequence);

  ts_ical_append_line (out, "BEGIN", "VEVENT");
  ts_ical_append_line (out, "UID", uid);
  append_utc (out, "DTSTAMP", now);
  append_day (out, "DTSTART", item->date);
  append_day (out, "DTEND", ts_date_add_days (item->date, 1));
  ts_ical_append_line (out, "SEQUENCE", seq);
  append_text (out, "SUMMARY", summary);
  ts_ical_append_line (out, "STATUS", item->cancelled ? "CANCELLED" : "CONFIRMED");
  ts_ical_append_line (out, "TRANSP", "TRANSPARENT");
  ts_ical_append_line (out, "END", "VEVENT");
}

/* An event (issue 18): its title and place, never who attends or
 * registered; the version is the SEQUENCE (a change or the cancel bumps
 * it). */
static void
append_event (GString *out, const TsEventRecord *e, gint64 now)
{
  g_autofree char *uid = g_strdup_printf ("event-%" G_GINT64_FORMAT "@tsunagari", e->id);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->version);

  ts_ical_append_line (out, "BEGIN", "VEVENT");
  ts_ical_append_line (out, "UID", uid);
  append_utc (out, "DTSTAMP", now);
  append_utc (out, "LAST-MODIFIED", e->updated_at);
  append_local (out, "DTSTART", e->date, e->start_min);
  append_local (out, "DTEND", e->date, e->start_min + e->minutes);
  ts_ical_append_line (out, "SEQUENCE", seq);
  append_text (out, "SUMMARY", e->title);
  if (e->place != NULL && *e->place != '\0')
    append_text (out, "LOCATION", e->place);
  ts_ical_append_line (out, "STATUS", e->status == TS_EVENT_CANCELLED ? "CANCELLED" : "CONFIRMED");
  ts_ical_append_line (out, "TRANSP", "OPAQUE");
  ts_ical_append_line (out, "END", "VEVENT");
}

/* ---- feeds ------------------------------------------------------------------ */

typedef struct {
  TsService  *service;
  TsContext  *ctx;
  const char *label;
  guint8      digest[TS_TOKEN_DIGEST_LEN];
  gint64      id;
} CreateWrite;

static gboolean
write_create (TsStore *store, gpointer user_data, GError **error)
{
  CreateWrite *w = user_data;
  g_autoptr(GPtrArray) live = ts_store_calendar_feed_list (store, w->ctx->user_id, error);

  if (live == NULL)
    return FALSE;
  if (live->len >= TS_CALENDAR_FEEDS_MAX)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("You have the most calendar feeds allowed; revoke one first"));
      return FALSE;
    }
  if (!ts_store_calendar_feed_insert (store, w->ctx->user_id, w->label, w->digest,
                                      ts_service_now_unix (), &w->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "calendar_feed", w->id, error);
}

/* A signed-in user only: the command line has no calendar. */
static gboolean
require_user (TsContext *ctx, GError **error)
{
  if (ctx->user_id > 0)
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
  return FALSE;
}

TsCalendarFeed *
ts_service_calendar_feed_create (TsService *self, TsContext *ctx, const char *label,
                                 char **out_token, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  CreateWrite w = { self, ctx, NULL, { 0 }, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (out_token != NULL, NULL);
  *out_token = NULL;

  if (!require_user (ctx, error))
    return NULL;
  if (label != NULL)
    ts_validate_text (ctx, "label", label, FALSE, TS_CALENDAR_LABEL_MAX, FALSE,
                      ts_too_long_message (TS_CALENDAR_LABEL_MAX));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  trimmed = ts_text_dup_trimmed (label);
  if (trimmed != NULL && *trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  w.label = trimmed;
  token = ts_token_generate ();
  ts_token_digest (token, w.digest);
  if (!ts_store_write (ts_service_get_store (self), write_create, &w, error))
    return NULL;
  feeds = ts_store_calendar_feed_list (ts_service_get_store (self), ctx->user_id, error);
  if (feeds == NULL)
    return NULL;
  for (guint i = 0; i < feeds->len; i++)
    if (((TsCalendarFeed *) feeds->pdata[i])->id == w.id)
      {
        *out_token = g_steal_pointer (&token);
        return g_ptr_array_steal_index (feeds, i);
      }
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, NO_FEED);
  return NULL;
}

GPtrArray *
ts_service_calendar_feed_list (TsService *self, TsContext *ctx, GError **error)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!require_user (ctx, error))
    return NULL;
  return ts_store_calendar_feed_list (ts_service_get_store (self), ctx->user_id, error);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
} RevokeWrite;

static gboolean
write_revoke (TsStore *store, gpointer user_data, GError **error)
{
  RevokeWrite *w = user_data;

  if (!ts_store_calendar_feed_revoke (store, w->id, w->ctx->user_id, ts_service_now_unix (),
                                      error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "revoke", "calendar_feed", w->id, error);
}

gboolean
ts_service_calendar_feed_revoke (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  RevokeWrite w = { self, ctx, id };

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);

  if (!require_user (ctx, error))
    return FALSE;
  return ts_store_write (ts_service_get_store (self), write_revoke, &w, error);
}

/* ---- rendering ---------------------------------------------------------------- */

typedef struct {
  TsContext *ctx;
  TsDate     from;
  TsDate     to;
  GPtrArray *visits;
  GPtrArray *days;
  GPtrArray *sessions;
  GPtrArray *events;
} FeedRead;

/* A feed's lists hold what the caller's own lists would: staff's, their
 * organisations' records (SPEC 2.6); a supporter's, its own (through
 * @supporter_id, the query's filter by supporter). */
static void
narrow_query (const FeedRead *r, TsListQuery *list, gint64 *supporter_id)
{
  list->scope = r->ctx->scope;
  if (r->ctx->role == TS_ROLE_SUPPORTER)
    {
      *supporter_id = ts_service_own_filter (r->ctx->supporter_id);
      list->scope = NULL;
    }
}

static gboolean
read_visits (TsStore *store, FeedRead *r, GError **error)
{
  g_autofree TsVisitQuery *q = g_new0 (TsVisitQuery, 1);

  q->from = r->from;
  q->to = r->to;
  q->status = TS_FILTER_ANY;
  narrow_query (r, &q->list, &q->supporter_id);
  return ts_service_list_all (store, (TsListRowsFunc) ts_store_visit_list, q, VISIT_PAGE, r->visits,
                              error);
}

/* A supporter's feed: the events it staffs; staff's: their
 * organisations' events (SPEC 2.6), cancelled ones too. */
static gboolean
read_events (TsStore *store, FeedRead *r, GError **error)
{
  g_autofree TsEventQuery *q = g_new0 (TsEventQuery, 1);

  q->from = r->from;
  q->to = r->to;
  q->kind = TS_FILTER_ANY;
  narrow_query (r, &q->list, &q->staff_supporter_id);
  return ts_service_list_all (store, (TsListRowsFunc) ts_store_event_list, q, EVENT_PAGE, r->events,
                              error);
}

static gboolean
read_feed (TsStore *store, gpointer user_data, GError **error)
{
  FeedRead *r = user_data;
  TsContext *ctx = r->ctx;

  if ((ctx->role == TS_ROLE_SUPPORTER || (ctx->role & TS_ROLE_STAFF) != 0) &&
      !read_visits (store, r, error))
    return FALSE;
  if ((ctx->role == TS_ROLE_SUPPORTER || (ctx->role & TS_ROLE_STAFF) != 0) &&
      !read_events (store, r, error))
    return FALSE;
  if (ctx->role == TS_ROLE_HOST && ctx->host_id > 0)
    {
      r->days = ts_store_calendar_host_days (store, ctx->host_id, r->from, r->to, error);
      if (r->days == NULL)
        return FALSE;
    }
  if (ctx->role == TS_ROLE_SUPPORTER || (ctx->role & TS_ROLE_STAFF) != 0)
    {
      r->sessions = ts_store_calendar_sessions (store,
                                                ctx->role == TS_ROLE_SUPPORTER
                                                  ? MAX (ctx->supporter_id, 1) : 0,
                                                r->from, r->to, error);
      if (r->sessions == NULL)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 id;
} TouchWrite;

static gboolean
write_touch (TsStore *store, gpointer user_data, GError **error)
{
  return ts_store_calendar_feed_touch (store, ((TouchWrite *) user_data)->id,
                                       ts_service_now_unix (), error);
}

/* The feed of a token, as its user would see it: a disabled user's feed
 * is gone, as a revoked one. */
static TsCalendarFeed *
find_feed (TsService *self, TsContext *ctx, const char *token, GError **error)
{
  guint8 digest[TS_TOKEN_DIGEST_LEN];
  g_autoptr(TsCalendarFeed) feed = NULL;
  g_autoptr(TsUser) user = NULL;

  if (token == NULL || *token == '\0' || strlen (token) > TS_CALENDAR_TOKEN_MAX)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, NO_FEED);
      return NULL;
    }
  ts_token_digest (token, digest);
  feed = ts_store_calendar_feed_find (ts_service_get_store (self), digest, error);
  if (feed == NULL)
    return NULL;
  user = ts_store_user_get (ts_service_get_store (self), feed->user_id, error);
  if (user == NULL)
    return NULL;
  if (user->disabled)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, NO_FEED);
      return NULL;
    }
  if (!ts_service_user_set_caller (self, ctx, user, error))
    return NULL;
  return g_steal_pointer (&feed);
}

GBytes *
ts_service_calendar_feed_render (TsService *self, TsContext *ctx, const char *token,
                                 TsLanguage lang, GError **error)
{
  g_autoptr(TsCalendarFeed) feed = NULL;
  GString *out;
  TsDate today = ts_date_today ();
  gint64 now = ts_service_now_unix ();
  gboolean staff;
  FeedRead r = { ctx, ts_date_add_days (today, -TS_CALENDAR_PAST_DAYS),
                 ts_date_add_days (today, TS_CALENDAR_AHEAD_DAYS), NULL, NULL, NULL, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  feed = find_feed (self, ctx, token, error);
  if (feed == NULL)
    return NULL;
  r.visits = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_visit_record_free);
  r.events = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_event_record_free);
  if (!ts_store_read (ts_service_get_store (self), read_feed, &r, error) ||
      !ts_service_audit_read (self, ctx, "read", "calendar_feed", feed->id, error) ||
      !ts_store_write (ts_service_get_store (self), write_touch, &(TouchWrite) { feed->id }, error))
    {
      g_ptr_array_unref (r.visits);
      g_ptr_array_unref (r.events);
      g_clear_pointer (&r.days, g_ptr_array_unref);
      g_clear_pointer (&r.sessions, g_ptr_array_unref);
      return NULL;
    }
  staff = (ctx->role & TS_ROLE_STAFF) != 0;
  out = g_string_new (NULL);
  append_header (out, lang);
  for (guint i = 0; i < r.visits->len; i++)
    append_visit (out, r.visits->pdata[i], staff, lang, now);
  for (guint i = 0; i < r.events->len; i++)
    append_event (out, r.events->pdata[i], now);
  for (guint i = 0; r.days != NULL && i < r.days->len; i++)
    {
      const TsCalendarItem *item = r.days->pdata[i];
      g_autofree char *summary = g_strdup_printf ("%s: %s",
                                                  ts_i18n_gettext_lang (lang, N_("Placement day")),
                                                  item->title != NULL ? item->title : "");
      append_item (out, "placement-day", item, summary, now);
    }
  for (guint i = 0; r.sessions != NULL && i < r.sessions->len; i++)
    {
      const TsCalendarItem *item = r.sessions->pdata[i];
      g_autofree char *summary = item->subtitle != NULL
                                   ? g_strdup_printf ("%s: %s", item->title, item->subtitle)
                                   : g_strdup (item->title);
      append_item (out, "training-session", item, summary, now);
    }
  ts_ical_append_line (out, "END", "VCALENDAR");
  g_ptr_array_unref (r.visits);
  g_ptr_array_unref (r.events);
  g_clear_pointer (&r.days, g_ptr_array_unref);
  g_clear_pointer (&r.sessions, g_ptr_array_unref);
  return g_string_free_to_bytes (out);
}
