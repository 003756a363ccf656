/*
 * Notices on a live server (issue 17, SPEC 2.9, 3.3): the daily run makes
 * each notice once (a rerun creates nothing), with its audit entry; the
 * caller sees only its own (its account's and its supporter's), marks
 * them read, and someone else's notice is 404; the outbox is the
 * administrator's, and a message that cannot be sent stays queued with
 * its error and a doubling delay.  A year of days over a small database:
 * every rule fires on its day, once.
 *
 * An event's cancel (issue 18) tells its staffed supporters, once, and the
 * mail reaches a real local SMTP server.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY); the runs name their
 * day.
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "harness.h"
#include "ports.h"
#include "service/notices.h"

#define TODAY "2026-06-15"
#define SHARE "[\"matching\",\"support\"]"

typedef struct {
  TsHarness *h;
  gint64     org;
  gint64     other_org;
  char      *coord;
  char      *other_coord;
  char      *auditor;
  char      *supporter;
  char      *host;
  gint64     supporter_id;
} Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h;

  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  f->h = h = ts_harness_new ();
  f->org = ts_harness_create_organisation (h, "宇都宮市", "municipality", "092011", 0);
  f->other_org = ts_harness_create_organisation (h, "那須町", "municipality", "094072", 0);
  f->coord = ts_harness_user_token_in (h, "coordinator", f->org, 0, 0);
  f->other_coord = ts_harness_user_token_in (h, "coordinator", f->other_org, 0, 0);
  f->auditor = ts_harness_user_token_in (h, "auditor", f->org, 0, 0);
  f->supporter_id = ts_harness_create_registered_supporter (h, f->coord,
                                                             "\"email\":\"hanako@example.jp\"");
  f->supporter = ts_harness_user_token_in (h, "supporter", f->org, f->supporter_id, 0);
  f->host = ts_harness_user_token_in (h, "host", f->org, 0, 1);
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  g_clear_pointer (&f->h, ts_harness_free);
  g_free (f->coord);
  g_free (f->other_coord);
  g_free (f->auditor);
  g_free (f->supporter);
  g_free (f->host);
}

static TsDate
date (const char *text)
{
  TsDate d = TS_DATE_NONE;

  g_assert_true (ts_date_parse (text, &d));
  return d;
}

static TsNoticeRun
run_on (Fixture *f, const char *day)
{
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(GError) error = NULL;
  TsNoticeRun run;

  g_assert_true (ts_service_notices_run (f->h->service, ctx, date (day), NULL, NULL, &run,
                                         &error));
  g_assert_no_error (error);
  return run;
}

static JsonArray *
notices_of (TsReply *r)
{
  ts_assert_status (r, 200);
  return json_object_get_array_member (ts_reply_object (r), "notices");
}

static gint64
audited (Fixture *f, const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE object = 'notice'"
                                          " AND action = '%s'", action);

  return ts_harness_sql_int (f->h, sql);
}

static void
test_email_field (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->coord, NULL,
                                          "/v1/supporters/%" G_GINT64_FORMAT, f->supporter_id);

  ts_assert_status (r, 200);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "email"), ==,
                   "hanako@example.jp");
  {
    g_autoptr(TsReply) bad = ts_harness_request (f->h, "POST", "/v1/supporters", f->coord,
                                                 "{\"name\":\"x\",\"gender\":\"female\","
                                                 "\"municipality_code\":\"092011\","
                                                 "\"peer_experience\":\"none\",\"skills\":[],"
                                                 "\"interests\":[],\"availability\":[],"
                                                 "\"email\":12}", NULL);
    ts_assert_problem (bad, 422, "validation_failed", "email");
  }
  {
    g_autoptr(TsReply) bad = ts_harness_call (f->h, "PATCH", f->coord,
                                              "{\"email\":\"hanako at example\"}",
                                              "/v1/supporters/%" G_GINT64_FORMAT, f->supporter_id);
    g_autoptr(TsReply) ok = ts_harness_call (f->h, "PATCH", f->coord,
                                             "{\"email\":\"hanako2@example.jp\"}",
                                             "/v1/supporters/%" G_GINT64_FORMAT, f->supporter_id);
    g_autoptr(TsReply) cleared = ts_harness_call (f->h, "PATCH", f->coord, "{\"email\":null}",
                                                  "/v1/supporters/%" G_GINT64_FORMAT,
                                                  f->supporter_id);

    ts_assert_problem (bad, 422, "validation_failed", "email");
    ts_assert_status (ok, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (ok), "email"), ==,
                     "hanako2@example.jp");
    ts_assert_status (cleared, 200);
    g_assert_true (json_object_get_null_member (ts_reply_object (cleared), "email"));
  }
}

static void
test_run_once (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsNoticeRun run;

  /* Nothing is due on 2027-01-29; 60 days before 2027-03-31 is the 30th. */
  run = run_on (f, "2027-01-29");
  g_assert_cmpuint (run.created, ==, 0);
  run = run_on (f, "2027-01-30");
  /* The supporter and its organisation's one coordinator. */
  g_assert_cmpuint (run.created, ==, 2);
  g_assert_cmpuint (run.queued, ==, 0);       /* no [mail] server configured */
  g_assert_cmpint (audited (f, "create"), ==, 2);
  run = run_on (f, "2027-01-30");
  g_assert_cmpuint (run.found, ==, 2);
  g_assert_cmpuint (run.created, ==, 0);
  run = run_on (f, "2027-02-10");
  g_assert_cmpuint (run.created, ==, 0);
  g_assert_cmpint (audited (f, "create"), ==, 2);

  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/notices", f->supporter, NULL,
                                               (const char *[]) { "Accept-Language", "ja", NULL });
    JsonArray *list = notices_of (r);
    JsonObject *n;

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    n = json_array_get_object_element (list, 0);
    g_assert_cmpstr (json_object_get_string_member (n, "kind"), ==, "insurance_ending");
    g_assert_cmpstr (json_object_get_string_member (n, "subject_type"), ==, "supporter");
    g_assert_cmpint (json_object_get_int_member (n, "subject_id"), ==, f->supporter_id);
    g_assert_cmpstr (json_object_get_string_member (n, "period"), ==, "2027-03-31/60");
    g_assert_cmpstr (json_object_get_string_member (n, "due_on"), ==, "2027-03-31");
    g_assert_cmpstr (json_object_get_string_member (n, "created_on"), ==, "2027-01-30");
    g_assert_nonnull (strstr (json_object_get_string_member (n, "message"), "ボランティア保険"));
    g_assert_true (json_object_get_null_member (n, "read_at"));
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "unread_count"), ==, 1);
  }
  {
    g_autoptr(TsReply) c = ts_harness_request (f->h, "GET", "/v1/notices", f->coord, NULL, NULL);
    g_autoptr(TsReply) o = ts_harness_request (f->h, "GET", "/v1/notices", f->other_coord, NULL,
                                               NULL);
    g_autoptr(TsReply) a = ts_harness_request (f->h, "GET", "/v1/notices", f->h->admin, NULL,
                                               NULL);
    g_autoptr(TsReply) u = ts_harness_request (f->h, "GET", "/v1/notices", f->auditor, NULL,
                                               NULL);

    g_assert_cmpuint (json_array_get_length (notices_of (c)), ==, 1);
    /* Another organisation's coordinator hears nothing of this supporter. */
    g_assert_cmpuint (json_array_get_length (notices_of (o)), ==, 0);
    g_assert_cmpuint (json_array_get_length (notices_of (a)), ==, 0);
    g_assert_cmpuint (json_array_get_length (notices_of (u)), ==, 0);
  }
  /* 14 days before: the second notice. */
  run = run_on (f, "2027-03-17");
  g_assert_cmpuint (run.created, ==, 2);
}

static gint64
first_notice (Fixture *f, const char *token)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/notices", token, NULL, NULL);
  JsonArray *list = notices_of (r);

  g_assert_cmpuint (json_array_get_length (list), >, 0);
  return json_object_get_int_member (json_array_get_object_element (list, 0), "id");
}

static void
test_read (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 mine, coords;

  run_on (f, "2027-01-30");
  mine = first_notice (f, f->supporter);
  coords = first_notice (f, f->coord);
  g_assert_cmpint (mine, !=, coords);

  /* Someone else's notice is as missing as an unknown one. */
  {
    g_autoptr(TsReply) a = ts_harness_call (f->h, "POST", f->coord, NULL,
                                            "/v1/notices/%" G_GINT64_FORMAT "/read", mine);
    g_autoptr(TsReply) b = ts_harness_call (f->h, "POST", f->other_coord, NULL,
                                            "/v1/notices/%" G_GINT64_FORMAT "/read", coords);
    g_autoptr(TsReply) c = ts_harness_call (f->h, "POST", f->h->admin, NULL,
                                            "/v1/notices/%" G_GINT64_FORMAT "/read", mine);
    g_autoptr(TsReply) d = ts_harness_call (f->h, "POST", f->supporter, NULL,
                                            "/v1/notices/%d/read", 999999);

    ts_assert_problem (a, 404, "not_found", NULL);
    ts_assert_problem (b, 404, "not_found", NULL);
    ts_assert_problem (c, 404, "not_found", NULL);
    ts_assert_problem (d, 404, "not_found", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (a), "detail"), ==,
                     json_object_get_string_member (ts_reply_object (d), "detail"));
  }
  g_assert_cmpint (audited (f, "read"), ==, 0);
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->supporter, NULL,
                                            "/v1/notices/%" G_GINT64_FORMAT "/read", mine);
    g_autoptr(TsReply) again = ts_harness_call (f->h, "POST", f->supporter, NULL,
                                                "/v1/notices/%" G_GINT64_FORMAT "/read", mine);
    g_autoptr(TsReply) unread = ts_harness_request (f->h, "GET", "/v1/notices?unread=true",
                                                    f->supporter, NULL, NULL);
    g_autoptr(TsReply) all = ts_harness_request (f->h, "GET", "/v1/notices?unread=false",
                                                 f->supporter, NULL, NULL);

    ts_assert_status (r, 200);
    g_assert_false (json_object_get_null_member (ts_reply_object (r), "read_at"));
    ts_assert_status (again, 200);
    g_assert_cmpuint (json_array_get_length (notices_of (unread)), ==, 0);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (unread), "unread_count"), ==, 0);
    g_assert_cmpuint (json_array_get_length (notices_of (all)), ==, 1);
  }
  /* Read once: one entry. */
  g_assert_cmpint (audited (f, "read"), ==, 1);
  /* The coordinator's own is still unread. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/notices?unread=true", f->coord,
                                               NULL, NULL);
    g_assert_cmpuint (json_array_get_length (notices_of (r)), ==, 1);
  }
}

static void
test_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  static const struct {
    const char *path;
    const char *field;
  } bad[] = {
    { "/v1/notices?unread=yes", "unread" },
    { "/v1/notices?limit=0", "limit" },
    { "/v1/notices?limit=201", "limit" },
    { "/v1/notices?limit=ten", "limit" },
    { "/v1/notices?cursor=zzz", "cursor" },
    { "/v1/mail-outbox?status=lost", "status" },
    { "/v1/mail-outbox?limit=-1", "limit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *token = g_str_has_prefix (bad[i].path, "/v1/mail") ? f->h->admin : f->supporter;
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", bad[i].path, token, NULL, NULL);

      ts_assert_problem (r, 422, "validation_failed", bad[i].field);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/notices?kind=x", f->supporter,
                                               NULL, NULL);
    g_autoptr(TsReply) p = ts_harness_request (f->h, "POST", "/v1/notices/abc/read", f->supporter,
                                               NULL, NULL);
    g_autoptr(TsReply) z = ts_harness_request (f->h, "POST", "/v1/notices/0/read", f->supporter,
                                               NULL, NULL);

    g_assert_cmpuint (r->status, ==, 400);
    g_assert_true (ts_reply_has_field_error (r, "kind"));
    g_assert_cmpuint (p->status, ==, 404);
    g_assert_cmpuint (z->status, ==, 404);
  }
  /* An oversize body is refused before anything is read. */
  {
    gsize n = 2 * 1024 * 1024;
    g_autofree char *big = g_malloc (n);
    g_autoptr(TsReply) r = NULL;

    memset (big, ' ', n);
    r = ts_harness_request_raw (f->h, "POST", "/v1/notices/1/read", f->supporter,
                                "application/json", big, n, NULL);
    g_assert_cmpuint (r->status, ==, 413);
  }
  /* Pages: a cursor this list issued is taken back. */
  run_on (f, "2027-01-30");
  run_on (f, "2027-03-17");
  {
    g_autoptr(TsReply) p1 = ts_harness_request (f->h, "GET", "/v1/notices?limit=1", f->supporter,
                                                NULL, NULL);
    const char *cursor;
    g_autofree char *path = NULL;
    g_autoptr(TsReply) p2 = NULL;

    g_assert_cmpuint (json_array_get_length (notices_of (p1)), ==, 1);
    cursor = json_object_get_string_member (ts_reply_object (p1), "next_cursor");
    g_assert_nonnull (cursor);
    path = g_strdup_printf ("/v1/notices?limit=1&cursor=%s", cursor);
    p2 = ts_harness_request (f->h, "GET", path, f->supporter, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (notices_of (p2)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (notices_of (p2), 0),
                                                 "id"), <,
                     json_object_get_int_member (json_array_get_object_element (notices_of (p1), 0),
                                                 "id"));
  }
}

static void
test_roles (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  const char *refused[] = { f->coord, f->auditor, f->supporter, f->host };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/mail-outbox", refused[i], NULL,
                                                 NULL);
      ts_assert_problem (r, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/notices", NULL, NULL, NULL);
    g_autoptr(TsReply) m = ts_harness_request (f->h, "GET", "/v1/mail-outbox", NULL, NULL, NULL);
    g_autoptr(TsReply) h = ts_harness_request (f->h, "GET", "/v1/notices", f->host, NULL, NULL);

    g_assert_cmpuint (r->status, ==, 401);
    g_assert_cmpuint (m->status, ==, 401);
    ts_assert_status (h, 200);
  }
  /* Only the command line (or an administrator) runs the notices. */
  {
    g_autoptr(TsContext) ctx = ts_context_new ();
    g_autoptr(GError) error = NULL;
    TsNoticeRun run;

    ctx->user_id = 42;
    ctx->role = TS_ROLE_COORDINATOR;
    g_assert_false (ts_service_notices_run (f->h->service, ctx, date ("2027-01-30"), NULL, NULL,
                                            &run, &error));
    g_assert_error (error, TS_ERROR, TS_ERROR_FORBIDDEN);
  }
}

static void
test_outbox_backoff (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsConfig *config = ts_service_get_config (f->h->service);
  g_autoptr(GError) error = NULL;
  TsNoticeRun run;
  TsMailFlush flush;
  gint64 now;

  /* A server that is not there: port 9 of this machine refuses. */
  config->mail_smtp_host = g_strdup ("127.0.0.1");
  config->mail_smtp_port = 9;
  config->mail_from = g_strdup ("tsunagari@example.jp");
  config->mail_retry_seconds = 60;
  run = run_on (f, "2027-01-30");
  /* The supporter has an address; the coordinator's account has none. */
  g_assert_cmpuint (run.created, ==, 2);
  g_assert_cmpuint (run.queued, ==, 1);
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/mail-outbox?status=pending",
                                               f->h->admin, NULL, NULL);
    JsonArray *list;

    ts_assert_status (r, 200);
    list = json_object_get_array_member (ts_reply_object (r), "messages");
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                    "address"), ==, "hanako@example.jp");
  }
  now = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (ts_service_mail_flush (f->h->service, now, &flush, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flush.sent, ==, 0);
  g_assert_cmpuint (flush.failed, ==, 1);
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/mail-outbox?status=failed",
                                               f->h->admin, NULL, NULL);
    g_autoptr(TsReply) s = ts_harness_request (f->h, "GET", "/v1/mail-outbox?status=sent",
                                               f->h->admin, NULL, NULL);
    JsonObject *m;

    ts_assert_status (r, 200);
    m = json_array_get_object_element (json_object_get_array_member (ts_reply_object (r),
                                                                     "messages"), 0);
    g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "failed");
    g_assert_cmpint (json_object_get_int_member (m, "attempts"), ==, 1);
    g_assert_nonnull (json_object_get_string_member (m, "last_error"));
    g_assert_false (json_object_get_null_member (m, "next_attempt_at"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (s),
                                                                           "messages")), ==, 0);
  }
  /* Not due again before its delay; then the delay doubles. */
  g_assert_true (ts_service_mail_flush (f->h->service, now + 1, &flush, &error));
  g_assert_cmpuint (flush.failed, ==, 0);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT next_attempt_at - created_at"
                                             " FROM mail_outbox"), >=, 60);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT next_attempt_at - created_at"
                                             " FROM mail_outbox"), <=, 62);
  g_assert_true (ts_service_mail_flush (f->h->service, now + 120, &flush, &error));
  g_assert_cmpuint (flush.failed, ==, 1);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT attempts FROM mail_outbox"), ==, 2);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT next_attempt_at - strftime('%s', 'now')"
                                             " FROM mail_outbox"), >=, 118);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT next_attempt_at - strftime('%s', 'now')"
                                             " FROM mail_outbox"), <=, 120);
  /* Rerunning the day queues nothing more. */
  run = run_on (f, "2027-01-30");
  g_assert_cmpuint (run.queued, ==, 0);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM mail_outbox"), ==, 1);
}

/* A year of days over a small database: a supporter with insurance to
 * 2027-03-31 and a follow-up due 2028-04-10, an assignment from
 * 2026-06-15 without reports, another organisation's supporter: every
 * notice on its day, once. */
static void
test_year_of_days (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 case_id = ts_harness_create_case (f->h, f->coord, SHARE, TRUE);
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                           G_GINT64_FORMAT ",\"starts_on\":\"2026-06-15\"}",
                                           case_id, f->supporter_id);
  g_autoptr(TsReply) a = ts_harness_request (f->h, "POST", "/v1/assignments", f->coord, body,
                                             NULL);
  TsDate start = date ("2026-06-15");
  guint64 total = 0;

  ts_assert_status (a, 201);
  for (int i = 0; i < 365; i++)
    {
      char day[11];

      ts_date_format (ts_date_add_days (start, i), day);
      total += run_on (f, day).created;
    }
  /* Insurance: 2027-01-30 and 2027-03-17; no report: the 15th of each
   * month from July to May (11); each to the supporter and the
   * coordinator. */
  g_assert_cmpuint (total, ==, 2 * (2 + 11));
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM notices WHERE kind ="
                                             " 'insurance_ending' AND created_on IN"
                                             " ('2027-01-30', '2027-03-17')"), ==, 4);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM notices WHERE kind ="
                                             " 'no_report' AND substr (created_on, 9) = '15'"
                                             " AND created_on = due_on"), ==, 22);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM notices WHERE recipient_type"
                                             " = 'user' AND recipient_id NOT IN (SELECT id FROM"
                                             " users WHERE organisation_id = "
                                             "(SELECT organisation_id FROM supporters WHERE id = "
                                             "(SELECT max (id) FROM supporters)))"), ==, 0);
  g_assert_cmpint (audited (f, "create"), ==, (gint64) total);
}

/* ---- an event's cancel (issue 18) ---------------------------------------------- */

/* The messages a real local SMTP server (tests/smtp-sink.py, Debian's
 * python3-aiosmtpd) receives from one flush of the outbox, decoded by
 * tests/mail-read.py. */
static JsonArray *
flush_to_sink (Fixture *f, JsonParser **parser)
{
  TsConfig *config = ts_service_get_config (f->h->service);
  g_autoptr(GError) error = NULL;
  g_autofree char *sink = g_test_build_filename (G_TEST_DIST, "smtp-sink.py", NULL);
  g_autofree char *reader = g_test_build_filename (G_TEST_DIST, "mail-read.py", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tsunagari-mail-XXXXXX", &error);
  guint port = ts_test_free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GSubprocess) read = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  TsMailFlush flush;

  g_assert_no_error (error);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                           &error, "/usr/bin/python3", sink, port_text, dir, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
  config->mail_smtp_port = (int) port;
  g_assert_true (ts_service_mail_flush (f->h->service, g_get_real_time () / G_USEC_PER_SEC,
                                        &flush, &error));
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (proc), NULL, NULL);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  read = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", reader,
                           dir, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (read, NULL, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (read));
  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*parser, text, -1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }
  return json_node_get_array (json_parser_get_root (*parser));
}

static gint64 count_sql (Fixture *f, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static gint64
count_sql (Fixture *f, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *sql = NULL;

  va_start (ap, fmt);
  sql = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  return ts_harness_sql_int (f->h, sql);
}

#define CANCELLED_TO "SELECT count(*) FROM notices WHERE kind = 'event_cancelled'" \
  " AND recipient_type = 'supporter' AND recipient_id = %" G_GINT64_FORMAT

/* Cancelling an event tells each supporter it staffs, once, in the cancel's
 * own transaction, by mail through the outbox too: the event's date and
 * title, no names; nobody else hears of it, and a second cancel (409)
 * creates nothing. */
static void
test_event_cancelled (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsConfig *config = ts_service_get_config (f->h->service);
  gint64 sup2 = ts_harness_create_registered_supporter (f->h, f->coord,
                                                         "\"email\":\"jiro@example.jp\"");
  gint64 sup3 = ts_harness_create_registered_supporter (f->h, f->coord,
                                                         "\"email\":\"saburo@example.jp\"");
  gint64 event, kept;

  config->mail_smtp_host = g_strdup ("127.0.0.1");
  config->mail_smtp_port = 9;
  config->mail_from = g_strdup ("tsunagari@example.jp");
  {
    g_autofree char *body = g_strdup_printf ("{\"kind\":\"seminar\",\"title\":\"家族セミナー\","
                                             "\"date\":\"2026-06-25\",\"start\":\"13:30\","
                                             "\"minutes\":120,\"capacity\":15,"
                                             "\"municipality_code\":\"092011\","
                                             "\"supporter_ids\":[%" G_GINT64_FORMAT ",%"
                                             G_GINT64_FORMAT "]}", f->supporter_id, sup2);
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/events", f->coord, body, NULL);

    ts_assert_status (r, 201);
    event = ts_reply_id (r);
  }
  {
    g_autofree char *body = g_strdup_printf ("{\"kind\":\"ibasho\",\"title\":\"居場所\","
                                             "\"date\":\"2026-06-26\",\"start\":\"10:00\","
                                             "\"minutes\":60,\"municipality_code\":\"092011\","
                                             "\"supporter_ids\":[%" G_GINT64_FORMAT "]}", sup3);
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/events", f->coord, body, NULL);

    ts_assert_status (r, 201);
    kept = ts_reply_id (r);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->coord, "{\"nickname\":\"はなぞの\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/registrations", event);
    ts_assert_status (r, 201);
  }
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM notices"), ==, 0);
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->coord, "{\"reason\":\"台風のため\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/cancel", event);
    ts_assert_status (r, 200);
  }
  /* One per staffed supporter; none to the unrelated one nor to staff. */
  g_assert_cmpint (count_sql (f, CANCELLED_TO, f->supporter_id), ==, 1);
  g_assert_cmpint (count_sql (f, CANCELLED_TO, sup2), ==, 1);
  g_assert_cmpint (count_sql (f, CANCELLED_TO, sup3), ==, 0);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM notices"), ==, 2);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM notices WHERE subject_type = 'event'"
                              " AND subject_id = %" G_GINT64_FORMAT " AND period = '2026-06-25'",
                              event), ==, 2);
  g_assert_cmpint (audited (f, "create"), ==, 2);
  /* The supporter's account sees it, in Japanese: the date and the title. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/notices", f->supporter, NULL,
                                               (const char *[]) { "Accept-Language", "ja", NULL });
    JsonArray *list = notices_of (r);
    JsonObject *n;
    const char *message;

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    n = json_array_get_object_element (list, 0);
    g_assert_cmpstr (json_object_get_string_member (n, "kind"), ==, "event_cancelled");
    g_assert_cmpstr (json_object_get_string_member (n, "subject_type"), ==, "event");
    g_assert_cmpint (json_object_get_int_member (n, "subject_id"), ==, event);
    g_assert_cmpstr (json_object_get_string_member (n, "due_on"), ==, "2026-06-25");
    message = json_object_get_string_member (n, "message");
    g_assert_nonnull (strstr (message, "家族セミナー"));
    g_assert_nonnull (strstr (message, "2026-06-25"));
    g_assert_nonnull (strstr (message, "中止"));
    g_assert_null (strstr (message, "はなぞの"));
    g_assert_null (strstr (message, "台風"));
  }
  /* The coordinator who cancelled gets nothing. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/notices", f->coord, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (notices_of (r)), ==, 0);
  }
  /* Both supporters have an address: two messages in the outbox. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/mail-outbox?status=pending",
                                               f->h->admin, NULL, NULL);
    JsonArray *list;
    gboolean hanako = FALSE, jiro = FALSE;

    ts_assert_status (r, 200);
    list = json_object_get_array_member (ts_reply_object (r), "messages");
    g_assert_cmpuint (json_array_get_length (list), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *m = json_array_get_object_element (list, i);
        const char *address = json_object_get_string_member (m, "address");
        JsonObject *n = json_object_get_object_member (m, "notice");

        hanako |= g_str_equal (address, "hanako@example.jp");
        jiro |= g_str_equal (address, "jiro@example.jp");
        g_assert_cmpstr (json_object_get_string_member (n, "kind"), ==, "event_cancelled");
        g_assert_nonnull (strstr (json_object_get_string_member (n, "message"), "家族セミナー"));
      }
    g_assert_true (hanako && jiro);
  }
  /* Delivered by a real SMTP server: the date and the title, a link, no
   * names, no reason. */
  {
    g_autoptr(JsonParser) parser = NULL;
    JsonArray *list;

    g_free (config->public_url);
    config->public_url = g_strdup ("https://tsunagari.example.jp/");
    list = flush_to_sink (f, &parser);
    g_assert_cmpuint (json_array_get_length (list), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *m = json_array_get_object_element (list, i);
        const char *subject = json_object_get_string_member (m, "subject");
        const char *body = json_object_get_string_member (m, "body");

        g_assert_cmpstr (subject, ==, "【つながり】2026-06-25の行事「家族セミナー」は中止になりました");
        g_assert_nonnull (strstr (body, "2026-06-25の行事「家族セミナー」は中止になりました"));
        g_assert_nonnull (strstr (body, "https://tsunagari.example.jp/app/notices"));
        g_assert_null (strstr (body, "はなぞの"));
        g_assert_null (strstr (body, "台風"));
      }
    g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM mail_outbox"
                                               " WHERE sent_at IS NULL"), ==, 0);
  }
  /* A second cancel is refused and creates nothing; the other event's
   * supporter still has nothing. */
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "POST", f->coord, "{\"reason\":\"again\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/cancel", event);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM notices"), ==, 2);
  g_assert_cmpint (ts_harness_sql_int (f->h, "SELECT count(*) FROM mail_outbox"), ==, 2);
  g_assert_cmpint (audited (f, "create"), ==, 2);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM events WHERE id = %" G_GINT64_FORMAT
                              " AND status = 'scheduled'", kept), ==, 1);
  /* The daily run leaves it alone. */
  {
    TsNoticeRun run = run_on (f, "2026-06-16");

    g_assert_cmpuint (run.created, ==, 0);
    g_assert_cmpint (count_sql (f, CANCELLED_TO, f->supporter_id), ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/tsunagari/http/notices/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("email-field", test_email_field);
  ADD ("run-once", test_run_once);
  ADD ("read", test_read);
  ADD ("bad-input", test_bad_input);
  ADD ("roles", test_roles);
  ADD ("outbox-backoff", test_outbox_backoff);
  ADD ("year-of-days", test_year_of_days);
  ADD ("event-cancelled", test_event_cancelled);
#undef ADD
  return g_test_run ();
}
