/*
 * Notices: the daily run, the caller's notices and the outbox's view (see
 * service/notices.h; the rules are domain/notices.c's).
 */
#include "service/notices.h"

#include <string.h>

#include "core/error.h"
#include "core/i18n.h"
#include "service/supporters.h"
#include "store/events.h"
#include "store/supporters.h"

/* Writes of one run go in batches, so that requests' writes interleave. */
#define RUN_BATCH 200

typedef struct {
  TsNoticeDue due;
  const char *subject_type;
  gint64      subject_id;
  gint64      supporter_id;        /* 0: no supporter hears of it */
  gint64      organisation_id;
  gboolean    coordinators;        /* the organisation's coordinators hear of it */
} Found;

static void
add_found (GArray *found, const TsNoticeDue *due, const char *subject_type,
           const TsNoticeSubject *s, gboolean to_supporter, gboolean coordinators)
{
  Found f = { *due, subject_type, s->id, to_supporter ? s->supporter_id : 0,
              s->organisation_id, coordinators };

  g_array_append_val (found, f);
}

/* Every rule over its records, for @on. */
static gboolean
find_due (TsService *self, const TsNoticeRules *rules, TsDate on, GArray *found,
          GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TsNoticeSubject));
  g_autoptr(GArray) trainings = NULL;
  TsNoticeDue due;
  guint t = 0;

  /* Registered supporters: follow-up training and insurance. */
  if (!ts_store_notice_supporters (store, rows, error))
    return FALSE;
  if (rows->len > 0)
    {
      trainings = ts_store_supporter_trainings_range (store,
                                                      g_array_index (rows, TsNoticeSubject, 0).id,
                                                      g_array_index (rows, TsNoticeSubject,
                                                                     rows->len - 1).id, error);
      if (trainings == NULL)
        return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const TsNoticeSubject *s = &g_array_index (rows, TsNoticeSubject, i);
      const TsTrainingRecord *first;
      guint n = 0;
      TsQualification q;

      while (t < trainings->len && g_array_index (trainings, TsTrainingRecord, t).supporter_id < s->id)
        t++;
      first = t < trainings->len ? &g_array_index (trainings, TsTrainingRecord, t) : NULL;
      while (t + n < trainings->len &&
             g_array_index (trainings, TsTrainingRecord, t + n).supporter_id == s->id)
        n++;
      ts_service_supporter_qualify (self, first, n, on, &q);
      if (ts_notice_follow_up (rules, q.follow_up_due_on, on, &due))
        add_found (found, &due, "supporter", s, TRUE, TRUE);
      if (ts_notice_insurance (rules, s->date, on, &due))
        add_found (found, &due, "supporter", s, TRUE, TRUE);
    }

  /* Placements within the window without a held pre-interview. */
  g_array_set_size (rows, 0);
  if (!ts_store_notice_placements (store, on, ts_date_add_days (on, rules->pre_interview_days),
                                   rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const TsNoticeSubject *s = &g_array_index (rows, TsNoticeSubject, i);

      if (ts_notice_pre_interview (rules, s->date, FALSE, on, &due))
        add_found (found, &due, "placement", s, FALSE, TRUE);
    }

  /* A month (or more) without reports. */
  g_array_set_size (rows, 0);
  if (!ts_store_notice_silences (store, on, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const TsNoticeSubject *s = &g_array_index (rows, TsNoticeSubject, i);

      if (ts_notice_no_report (rules, s->date, on, &due))
        add_found (found, &due, "supporter", s, TRUE, TRUE);
    }

  /* Statements issued lately: to their supporter.  Two days of margin
   * for the difference between the day in Tokyo and Unix seconds. */
  g_array_set_size (rows, 0);
  {
    g_autoptr(GDateTime) since = NULL;
    int y, m, d;

    ts_date_get_ymd (ts_date_add_days (on, -(rules->statement_window_days + 2)), &y, &m, &d);
    since = g_date_time_new_utc (y, m, d, 0, 0, 0);
    if (!ts_store_notice_statements (store, g_date_time_to_unix (since), rows, error))
      return FALSE;
  }
  for (guint i = 0; i < rows->len; i++)
    {
      const TsNoticeSubject *s = &g_array_index (rows, TsNoticeSubject, i);

      if (ts_notice_statement (rules, ts_date_from_unix (s->at), on, &due))
        add_found (found, &due, "statement", s, TRUE, FALSE);
    }

  /* Dispatch requests waiting at their receiver. */
  g_array_set_size (rows, 0);
  if (!ts_store_notice_dispatches (store, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const TsNoticeSubject *s = &g_array_index (rows, TsNoticeSubject, i);

      if (ts_notice_dispatch (rules, ts_date_from_unix (s->at), on, &due))
        add_found (found, &due, "dispatch_request", s, FALSE, TRUE);
    }
  return TRUE;
}

typedef struct {
  TsService      *service;
  TsContext      *ctx;
  TsNoticeRecord *notices;
  guint           n;
  gboolean        mail;
  gint64          now;
  guint64         created;
  guint64         queued;
} RunWrite;

/* Inside a write: each notice of @w once, audited, its mail queued. */
static gboolean
insert_notices (TsStore *store, RunWrite *w, GError **error)
{
  w->created = w->queued = 0;
  for (guint i = 0; i < w->n; i++)
    {
      TsNoticeRecord *n = &w->notices[i];
      g_autofree char *address = NULL;
      gint64 id;

      if (!ts_store_notice_insert (store, n, &id, error))
        return FALSE;
      if (id == 0)
        continue;
      w->created++;
      if (!ts_service_audit (w->service, w->ctx, "create", "notice", id, error))
        return FALSE;
      if (!w->mail)
        continue;
      address = ts_store_notice_address (store, n->recipient_type, n->recipient_id, error);
      if (address == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (address == NULL)
        continue;
      if (!ts_store_mail_enqueue (store, id, address, w->now, error))
        return FALSE;
      w->queued++;
    }
  return TRUE;
}

static gboolean
write_run (TsStore *store, gpointer user_data, GError **error)
{
  return insert_notices (store, user_data, error);
}

gboolean
ts_service_notices_event_cancelled (TsService *self, TsContext *ctx, TsStore *store,
                                    gint64 event_id, gint64 organisation_id, TsDate date,
                                    const char *title, GError **error)
{
  g_autoptr(GArray) staff = ts_store_event_staff (store, event_id, error);
  g_autoptr(GArray) notices = NULL;
  RunWrite w = { self, ctx, NULL, 0, ts_service_get_config (self)->mail_smtp_host != NULL,
                 ts_service_now_unix (), 0, 0 };

  if (staff == NULL)
    return FALSE;
  notices = g_array_sized_new (FALSE, TRUE, sizeof (TsNoticeRecord), staff->len);
  for (guint i = 0; i < staff->len; i++)
    {
      TsNoticeRecord n;

      memset (&n, 0, sizeof n);
      g_strlcpy (n.kind, ts_notice_kind_to_string (TS_NOTICE_EVENT_CANCELLED), sizeof n.kind);
      g_strlcpy (n.subject_type, "event", sizeof n.subject_type);
      n.subject_id = event_id;
      ts_date_format (date, n.period);
      g_strlcpy (n.recipient_type, "supporter", sizeof n.recipient_type);
      n.recipient_id = g_array_index (staff, TsEventStaff, i).supporter_id;
      n.organisation_id = organisation_id;
      n.due_on = date;
      n.created_on = ts_date_today ();
      n.created_at = w.now;
      g_strlcpy (n.title, title != NULL ? title : "", sizeof n.title);
      g_array_append_val (notices, n);
    }
  w.notices = (TsNoticeRecord *) (gpointer) notices->data;
  w.n = notices->len;
  return insert_notices (store, &w, error);
}

static gboolean
flush_batch (TsService *self, TsContext *ctx, GArray *batch, gboolean mail, TsNoticeRun *out,
             GError **error)
{
  RunWrite w = { self, ctx, (TsNoticeRecord *) (gpointer) batch->data, batch->len, mail,
                 ts_service_now_unix (), 0, 0 };

  if (batch->len == 0)
    return TRUE;
  if (!ts_store_write (ts_service_get_store (self), write_run, &w, error))
    return FALSE;
  out->created += w.created;
  out->queued += w.queued;
  g_array_set_size (batch, 0);
  return TRUE;
}

static void
notice_for (TsNoticeRecord *n, const Found *f, const char *recipient_type, gint64 recipient_id,
            TsDate on, gint64 now)
{
  memset (n, 0, sizeof *n);
  g_strlcpy (n->kind, ts_notice_kind_to_string (f->due.kind), sizeof n->kind);
  g_strlcpy (n->subject_type, f->subject_type, sizeof n->subject_type);
  n->subject_id = f->subject_id;
  g_strlcpy (n->period, f->due.period, sizeof n->period);
  g_strlcpy (n->recipient_type, recipient_type, sizeof n->recipient_type);
  n->recipient_id = recipient_id;
  n->organisation_id = f->organisation_id;
  n->due_on = f->due.due_on;
  n->created_on = on;
  n->created_at = now;
}

gboolean
ts_service_notices_run (TsService *self, TsContext *ctx, TsDate on, TsNoticeProgress progress,
                        gpointer user_data, TsNoticeRun *out, GError **error)
{
  TsConfig *config = ts_service_get_config (self);
  TsStore *store = ts_service_get_store (self);
  g_autoptr(GArray) found = g_array_new (FALSE, TRUE, sizeof (Found));
  g_autoptr(GArray) batch = g_array_new (FALSE, TRUE, sizeof (TsNoticeRecord));
  g_autoptr(GHashTable) coordinators = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free,
                                                              (GDestroyNotify) g_array_unref);
  gboolean mail = config->mail_smtp_host != NULL;
  TsNoticeRules rules;
  gint64 now = ts_service_now_unix ();

  memset (out, 0, sizeof *out);
  if (ctx->user_id != 0 && ctx->role != TS_ROLE_ADMIN)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return FALSE;
    }
  if (!ts_notice_rules_load (&rules, config->keyfile, NULL))
    ts_notice_rules_init_default (&rules);
  if (on == TS_DATE_NONE)
    on = ts_date_today ();
  if (!find_due (self, &rules, on, found, error))
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      const Found *f = &g_array_index (found, Found, i);
      TsNoticeRecord n;

      if (f->supporter_id != 0)
        {
          notice_for (&n, f, "supporter", f->supporter_id, on, now);
          g_array_append_val (batch, n);
        }
      if (f->coordinators)
        {
          GArray *ids = g_hash_table_lookup (coordinators, &f->organisation_id);

          if (ids == NULL)
            {
              ids = g_array_new (FALSE, FALSE, sizeof (gint64));
              if (!ts_store_notice_coordinators (store, f->organisation_id, ids, error))
                {
                  g_array_unref (ids);
                  return FALSE;
                }
              g_hash_table_insert (coordinators, g_memdup2 (&f->organisation_id, sizeof (gint64)),
                                   ids);
            }
          for (guint k = 0; k < ids->len; k++)
            {
              notice_for (&n, f, "user", g_array_index (ids, gint64, k), on, now);
              g_array_append_val (batch, n);
            }
        }
      out->found += batch->len;
      if (batch->len >= RUN_BATCH && !flush_batch (self, ctx, batch, mail, out, error))
        return FALSE;
      if (progress != NULL)
        progress (i + 1, found->len, user_data);
    }
  return flush_batch (self, ctx, batch, mail, out, error);
}

/* ---- what a notice says ---- */

static const char *const messages[TS_NOTICE_N_KINDS] = {
  N_("Follow-up training is due by %s"),
  N_("Follow-up training was due on %s and has lapsed"),
  N_("Volunteer insurance ends on %s"),
  N_("A placement starts on %s without a held pre-interview"),
  N_("No activity report for a month or more (as of %s)"),
  N_("A payment statement was issued on %s"),
  N_("A dispatch request received on %s has waited more than three days"),
  /* The event's date, then its title. */
  N_("The event on %s, “%s”, is cancelled"),
};

char *
ts_service_notice_message (const TsNoticeRecord *notice, TsLanguage lang)
{
  TsNoticeKind kind;
  char date[11] = "";

  if (!ts_notice_kind_from_string (notice->kind, &kind))
    return g_strdup (notice->kind);
  if (notice->due_on != TS_DATE_NONE)
    ts_date_format (notice->due_on, date);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* Only event_cancelled's line takes the title; the others ignore it. */
  return g_strdup_printf (ts_i18n_gettext_lang (lang, messages[kind]), date, notice->title);
#pragma GCC diagnostic pop
}

/* ---- the caller's notices ---- */

static gint64
own_supporter (const TsContext *ctx)
{
  return ctx->role == TS_ROLE_SUPPORTER ? ctx->supporter_id : 0;
}

GArray *
ts_service_notice_list (TsService *self, TsContext *ctx, gboolean unread_only, gint64 before_id,
                        guint limit, gint64 *out_unread, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(GArray) list = NULL;

  if (ctx->user_id == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return NULL;
    }
  list = ts_store_notice_list (store, ctx->user_id, own_supporter (ctx), unread_only, before_id,
                               limit, error);
  if (list == NULL)
    return NULL;
  *out_unread = ts_store_notice_unread (store, ctx->user_id, own_supporter (ctx), error);
  if (*out_unread < 0)
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
is_own (const TsContext *ctx, const TsNoticeRecord *n)
{
  if (g_strcmp0 (n->recipient_type, "user") == 0)
    return ctx->user_id != 0 && n->recipient_id == ctx->user_id;
  return own_supporter (ctx) != 0 && n->recipient_id == own_supporter (ctx);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
} ReadWrite;

static gboolean
write_read (TsStore *store, gpointer user_data, GError **error)
{
  ReadWrite *w = user_data;
  gboolean changed;

  if (!ts_store_notice_mark_read (store, w->id, ts_service_now_unix (), &changed, error))
    return FALSE;
  return !changed || ts_service_audit (w->service, w->ctx, "read", "notice", w->id, error);
}

TsNoticeRecord *
ts_service_notice_mark_read (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  TsStore *store = ts_service_get_store (self);
  g_autoptr(GError) local = NULL;
  TsNoticeRecord *notice = ts_store_notice_get (store, id, &local);
  ReadWrite w = { self, ctx, id };

  /* Someone else's notice is as missing as an unknown one (SPEC 2.6). */
  if (notice == NULL || !is_own (ctx, notice))
    {
      g_free (notice);
      if (local != NULL && local->code != TS_ERROR_NOT_FOUND)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such notice"));
      return NULL;
    }
  g_free (notice);
  if (!ts_store_write (store, write_read, &w, error))
    return NULL;
  return ts_store_notice_get (store, id, error);
}

GPtrArray *
ts_service_mail_outbox (TsService *self, TsContext *ctx, const char *status, gint64 before_id,
                        guint limit, GError **error)
{
  if (ctx->role != TS_ROLE_ADMIN)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return NULL;
    }
  /* Addresses are personal data: who looked is recorded. */
  if (!ts_service_audit_read (self, ctx, "list", "mail_outbox", 0, error))
    return NULL;
  return ts_store_mail_list (ts_service_get_store (self), status, before_id, limit, error);
}
