/*
 * Notice mail (issue 17, docs/operations.md "Mail"): the outbox sent
 * through [mail]'s SMTP server with libcurl (its SMTP client and its MIME
 * builder, curl_mime), and serve's background thread.
 *
 * A message says only what to look at and where (SPEC 2.9: no case
 * contents, no names): the notice's one line, in Japanese, and a link to
 * the application's notices page.  The subject is RFC 2047 "B" encoded
 * UTF-8; the body is a text/plain; charset=UTF-8 part in base64.
 */
#include "service/notices.h"

#include <string.h>

#include <curl/curl.h>

#include "core/error.h"
#include "core/i18n.h"

#define FLUSH_BATCH        50
#define MAX_BACKOFF        86400
#define WORKER_TICK_SECONDS 30

static gpointer
curl_init_once (gpointer unused)
{
  (void) unused;
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

/* ---- RFC 2047 ---- */

char *
ts_mail_encode_header (const char *text)
{
  /* "=?UTF-8?B?" + base64 + "?=" within 75 characters (RFC 2047), and
   * with "Subject: " before the first within a line of 78 (RFC 5322): 42
   * bytes of UTF-8 (56 base64 characters, a 68-character word), cut
   * between characters. */
  const gsize max_bytes = 42;
  GString *out;
  const char *p = text;
  gboolean ascii = TRUE;

  for (const char *c = text; *c != '\0'; c++)
    if ((guchar) *c >= 0x80 || *c == '\r' || *c == '\n' || (c[0] == '=' && c[1] == '?'))
      ascii = FALSE;
  if (ascii)
    return g_strdup (text);
  out = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if ((gsize) (next - p) > max_bytes)
            break;
          end = next;
        }
      b64 = g_base64_encode ((const guchar *) p, (gsize) (end - p));
      if (out->len > 0)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", b64);
      p = end;
    }
  return g_string_free (out, FALSE);
}

/* An address we put in an SMTP command and a header: printable ASCII,
 * one '@', nothing that ends or splits a header or a path. */
static gboolean
address_safe (const char *address)
{
  const char *at = strchr (address, '@');

  if (at == NULL || at == address || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *c = address; *c != '\0'; c++)
    if ((guchar) *c <= 0x20 || (guchar) *c >= 0x7f || strchr ("<>,;\"()[]\\", *c) != NULL)
      return FALSE;
  return strlen (address) <= 254;
}

/* RFC 5322 date, in English whatever the locale. */
static char *
mail_date (gint64 now)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) tokyo = g_date_time_to_timezone (dt, tz);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0900",
                          days[g_date_time_get_day_of_week (tokyo) - 1],
                          g_date_time_get_day_of_month (tokyo),
                          months[g_date_time_get_month (tokyo) - 1],
                          g_date_time_get_year (tokyo), g_date_time_get_hour (tokyo),
                          g_date_time_get_minute (tokyo), g_date_time_get_second (tokyo));
}

static void
compose (const TsConfig *config, const TsMailItem *item, char **out_subject, char **out_body)
{
  g_autofree char *line = ts_service_notice_message (&item->notice, TS_LANGUAGE_JA);
  g_autofree char *subject = g_strdup_printf ("%s%s",
                                              ts_i18n_gettext_lang (TS_LANGUAGE_JA,
                                                                    N_("[Tsunagari] ")),
                                              line);
  g_autofree char *link = ts_config_public_link (config, "/app/notices");
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "%s\r\n\r\n%s\r\n\r\n",
                          ts_i18n_gettext_lang (TS_LANGUAGE_JA,
                                                N_("A notice from Tsunagari.")), line);
  g_string_append (body, ts_i18n_gettext_lang (TS_LANGUAGE_JA,
                                               N_("Please see the notices in the application.")));
  g_string_append (body, "\r\n");
  if (link != NULL)
    g_string_append_printf (body, "%s\r\n", link);
  g_string_append_printf (body, "\r\n%s\r\n",
                          ts_i18n_gettext_lang (TS_LANGUAGE_JA,
                                                N_("This message was sent automatically; replies are not read.")));
  *out_subject = ts_mail_encode_header (subject);
  *out_body = g_string_free (body, FALSE);
}

/* Sends one message; FALSE with @error (its text is kept in the outbox). */
static gboolean
send_one (const TsConfig *config, const TsMailItem *item, gint64 now, GError **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *h_date = NULL;
  g_autofree char *h_from = NULL;
  g_autofree char *h_to = NULL;
  g_autofree char *h_subject = NULL;
  g_autofree char *h_id = NULL;
  const char *domain;
  struct curl_slist *rcpt = NULL;
  struct curl_slist *headers = NULL;
  curl_mime *mime;
  curl_mimepart *part;
  char errbuf[CURL_ERROR_SIZE] = "";
  CURL *curl;
  CURLcode rc;

  if (!address_safe (item->address) || !address_safe (config->mail_from))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_VALIDATION, "invalid address");
      return FALSE;
    }
  compose (config, item, &subject, &body);
  domain = strchr (config->mail_from, '@') + 1;
  url = g_strdup_printf ("smtp://%s:%d", config->mail_smtp_host, config->mail_smtp_port);
  from = g_strdup_printf ("<%s>", config->mail_from);
  to = g_strdup_printf ("<%s>", item->address);
  {
    g_autofree char *d = mail_date (now);
    h_date = g_strdup_printf ("Date: %s", d);
  }
  h_from = g_strdup_printf ("From: %s", from);
  h_to = g_strdup_printf ("To: %s", to);
  h_subject = g_strdup_printf ("Subject: %s", subject);
  h_id = g_strdup_printf ("Message-ID: <notice-%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT
                          "@%s>", item->notice.id, item->id, domain);

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "curl_easy_init failed");
      return FALSE;
    }
  rcpt = curl_slist_append (rcpt, to);
  headers = curl_slist_append (headers, h_date);
  headers = curl_slist_append (headers, h_from);
  headers = curl_slist_append (headers, h_to);
  headers = curl_slist_append (headers, h_subject);
  headers = curl_slist_append (headers, h_id);
  headers = curl_slist_append (headers, "Auto-Submitted: auto-generated");
  mime = curl_mime_init (curl);
  part = curl_mime_addpart (mime);
  curl_mime_data (part, body, CURL_ZERO_TERMINATED);
  curl_mime_type (part, "text/plain; charset=UTF-8");
  curl_mime_encoder (part, "base64");

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_MIMEPOST, mime);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);
  if (config->mail_starttls)
    curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (config->mail_username != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, config->mail_username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD,
                        config->mail_password != NULL ? config->mail_password : "");
    }
  rc = curl_easy_perform (curl);
  /* TS_ERROR_UNAVAILABLE: the server could not be reached (the rest of
   * the outbox waits too); TS_ERROR_INTERNAL: this message was refused. */
  if (rc != CURLE_OK)
    g_set_error (error, TS_ERROR,
                 rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                 rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_USE_SSL_FAILED ||
                 rc == CURLE_LOGIN_DENIED
                   ? TS_ERROR_UNAVAILABLE : TS_ERROR_INTERNAL,
                 "%s", errbuf[0] != '\0' ? errbuf : curl_easy_strerror (rc));
  curl_easy_cleanup (curl);
  curl_mime_free (mime);
  curl_slist_free_all (rcpt);
  curl_slist_free_all (headers);
  return rc == CURLE_OK;
}

typedef struct {
  gint64      id;
  gboolean    sent;
  gint64      now;
  gint64      next_attempt_at;
  const char *message;
} ResultWrite;

static gboolean
write_result (TsStore *store, gpointer user_data, GError **error)
{
  ResultWrite *w = user_data;

  if (w->sent)
    return ts_store_mail_sent (store, w->id, w->now, error);
  return ts_store_mail_failed (store, w->id, w->next_attempt_at, w->message, error);
}

gboolean
ts_service_mail_flush (TsService *self, gint64 now, TsMailFlush *out, GError **error)
{
  static GOnce curl_once = G_ONCE_INIT;
  TsConfig *config = ts_service_get_config (self);
  TsStore *store = ts_service_get_store (self);

  g_autoptr(GError) down = NULL;    /* the server is unreachable: no more tries now */

  memset (out, 0, sizeof *out);
  if (config->mail_smtp_host == NULL)
    return TRUE;
  g_once (&curl_once, curl_init_once, NULL);
  for (;;)
    {
      g_autoptr(GPtrArray) items = ts_store_mail_due (store, now, FLUSH_BATCH, error);

      if (items == NULL)
        return FALSE;
      for (guint i = 0; i < items->len; i++)
        {
          const TsMailItem *item = items->pdata[i];
          g_autoptr(GError) failure = NULL;
          ResultWrite w = { item->id, FALSE, ts_service_now_unix (), 0, NULL };

          if (down != NULL)
            failure = g_error_copy (down);
          else
            w.sent = send_one (config, item, w.now, &failure);
          if (!w.sent && down == NULL && failure->code == TS_ERROR_UNAVAILABLE)
            down = g_error_copy (failure);
          if (!w.sent)
            {
              /* retry_seconds, doubling per failure, at most a day. */
              gint64 delay = config->mail_retry_seconds;

              for (int k = 0; k < item->attempts && delay < MAX_BACKOFF; k++)
                delay *= 2;
              w.next_attempt_at = w.now + MIN (delay, MAX_BACKOFF);
              w.message = failure->message;
            }
          if (!ts_store_write (store, write_result, &w, error))
            return FALSE;
          if (w.sent)
            out->sent++;
          else
            out->failed++;
        }
      if (items->len < FLUSH_BATCH)
        break;
    }
  if (out->failed > 0)
    g_message ("mail: %u sent, %u kept for a retry (%s)", out->sent, out->failed,
               down != NULL ? down->message : "refused by the server");
  return TRUE;
}

/* ---- serve's background thread ---- */

struct _TsNoticeWorker {
  TsService *service;
  GThread   *thread;
  GMutex     lock;
  GCond      cond;
  gboolean   stop;
};

static gpointer
worker_main (gpointer data)
{
  TsNoticeWorker *w = data;
  TsConfig *config = ts_service_get_config (w->service);
  TsNoticeRules rules;
  gint64 next_run;

  if (!ts_notice_rules_load (&rules, config->keyfile, NULL))
    ts_notice_rules_init_default (&rules);
  next_run = ts_notice_next_run (ts_service_now_unix (), rules.run_hour);
  g_mutex_lock (&w->lock);
  while (!w->stop)
    {
      gint64 now = ts_service_now_unix ();
      gint64 wake;

      g_mutex_unlock (&w->lock);
      if (now >= next_run)
        {
          g_autoptr(TsContext) ctx = ts_context_new_local ();
          g_autoptr(GError) error = NULL;
          TsNoticeRun run;

          if (ts_service_notices_run (w->service, ctx, ts_date_from_unix (now), NULL, NULL, &run,
                                      &error))
            g_message ("notices: %" G_GUINT64_FORMAT " new, %" G_GUINT64_FORMAT " to mail",
                       run.created, run.queued);
          else
            g_warning ("notices: %s", error->message);
          next_run = ts_notice_next_run (now + 1, rules.run_hour);
        }
      {
        g_autoptr(GError) error = NULL;
        TsMailFlush flush;

        if (!ts_service_mail_flush (w->service, ts_service_now_unix (), &flush, &error))
          g_warning ("mail: %s", error->message);
      }
      g_mutex_lock (&w->lock);
      wake = MIN (next_run, ts_service_now_unix () + WORKER_TICK_SECONDS);
      while (!w->stop && ts_service_now_unix () < wake)
        g_cond_wait_until (&w->cond, &w->lock,
                           g_get_monotonic_time () +
                           (wake - ts_service_now_unix ()) * G_TIME_SPAN_SECOND);
    }
  g_mutex_unlock (&w->lock);
  return NULL;
}

TsNoticeWorker *
ts_notice_worker_start (TsService *service)
{
  TsNoticeWorker *w = g_new0 (TsNoticeWorker, 1);

  w->service = g_object_ref (service);
  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  w->thread = g_thread_new ("ts-notices", worker_main, w);
  return w;
}

void
ts_notice_worker_stop (TsNoticeWorker *w)
{
  if (w == NULL)
    return;
  g_mutex_lock (&w->lock);
  w->stop = TRUE;
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->lock);
  g_thread_join (w->thread);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_object_unref (w->service);
  g_free (w);
}
