/*
 * Notice mail end to end (issue 17): `tsunagari notices run` as the real
 * binary against a seeded database, through a REAL local SMTP server
 * (tests/smtp-sink.py, Debian's python3-aiosmtpd), the delivered messages
 * read back with Python's email package (tests/mail-read.py): the
 * recipients, the decoded Japanese subject and body, the encoding (RFC
 * 2047 words, UTF-8 base64 text), nothing of a case or a name in any
 * message, and a rerun that sends nothing.  Then the server goes away:
 * the day's new messages stay queued with their error and a delay, and
 * go out once it is back.
 *
 * The year of days is run in-process over the same service function
 * (tests/http/test-notices.c, year-of-days; tests/domain/test-notices.c):
 * 365 processes here would cost more than a minute of the suite.
 */
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ports.h"
#include "process.h"

#define PYTHON "/usr/bin/python3"

typedef TsProcessTmpdir Fixture;

static const char *const env[] = {
  "TSUNAGARI_ADMIN_PASSWORD", "cli-test-password",
  "LANGUAGE", "en",
  NULL
};

static int
run_logged (char **out, int status)
{
  if (out != NULL && *out != NULL)
    g_test_message ("%s", *out);
  return status;
}

#define run(out, ...) run_logged (out, ts_process_run (out, env, __VA_ARGS__))

typedef struct {
  GSubprocess *proc;
  char        *dir;
} Sink;

static void
sink_start (Sink *s, guint port, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "smtp-sink.py", NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  s->dir = g_strdup (dir);
  s->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, PYTHON, script, port_text, dir, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
}

static void
sink_stop (Sink *s)
{
  g_autoptr(GError) error = NULL;

  /* The end of its standard input stops it. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (s->proc), NULL, NULL);
  g_assert_true (g_subprocess_wait (s->proc, NULL, &error));
  g_clear_object (&s->proc);
  g_clear_pointer (&s->dir, g_free);
}

/* The messages in @dir, as tests/mail-read.py decodes them. */
static JsonArray *
messages (const char *dir, JsonParser **parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "mail-read.py", NULL);
  g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, PYTHON,
                                                  script, dir, NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*parser, text, -1, &error));
  return json_node_get_array (json_parser_get_root (*parser));
}

static guint
count_to (JsonArray *list, const char *address)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonArray *rcpt = json_object_get_array_member (json_array_get_object_element (list, i),
                                                      "rcpt_tos");

      if (json_array_get_length (rcpt) == 1 &&
          g_str_equal (json_array_get_string_element (rcpt, 0), address))
        n++;
    }
  return n;
}

/* Names and case contents that must never be in a message. */
static const char *const secrets[] = {
  "山田", "花子", "佐藤", "次郎", "ひみつのたろう", "C-0001", "家族と不和", NULL
};

static void
assert_message (JsonObject *m)
{
  const char *subject = json_object_get_string_member (m, "subject");
  const char *body = json_object_get_string_member (m, "body");
  const char *raw = json_object_get_string_member (m, "raw");

  g_assert_cmpstr (json_object_get_string_member (m, "mail_from"), ==, "tsunagari@example.jp");
  g_assert_true (g_str_has_prefix (subject, "【つながり】"));
  /* RFC 2047: encoded-words of at most 75 characters, the subject's
   * lines within 78 (RFC 5322), every line within 998. */
  g_assert_cmpint (json_object_get_int_member (m, "subject_words"), >=, 2);
  g_assert_cmpint (json_object_get_int_member (m, "longest_word"), <=, 75);
  g_assert_cmpint (json_object_get_int_member (m, "longest_subject_line"), <=, 78);
  g_assert_cmpint (json_object_get_int_member (m, "longest_line"), <=, 998);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (m, "subject_raw"),
                                   "=?UTF-8?B?"));
  g_assert_cmpstr (json_object_get_string_member (m, "content_type"), ==, "text/plain");
  g_assert_cmpstr (json_object_get_string_member (m, "charset"), ==, "utf-8");
  g_assert_cmpstr (json_object_get_string_member (m, "transfer_encoding"), ==, "base64");
  g_assert_nonnull (strstr (body, "つながりからのお知らせです。"));
  g_assert_nonnull (strstr (body, "https://tsunagari.example.jp/app/notices"));
  /* The raw message is ASCII only: everything Japanese is encoded. */
  g_assert_null (strstr (raw, "\xef\xbf\xbd"));
  for (guint i = 0; secrets[i] != NULL; i++)
    {
      g_assert_null (strstr (subject, secrets[i]));
      g_assert_null (strstr (body, secrets[i]));
    }
}

static void
seed (const char *db)
{
  ts_process_file_exec (db,
    "INSERT INTO users (login, password_hash, role, created_at, organisation_id, email) VALUES"
    " ('coord1', 'x', 'coordinator', 0, 1, 'coord@example.jp'),"
    " ('coord2', 'x', 'coordinator', 0, 1, NULL);"
    "INSERT INTO users (login, password_hash, role, created_at, organisation_id, email, disabled)"
    " VALUES ('gone', 'x', 'coordinator', 0, 1, 'gone@example.jp', 1);"
    "INSERT INTO supporters (id, name, gender, municipality_code, peer_experience, status,"
    " registered_on, insurance_until, created_at, updated_at, email) VALUES"
    " (1, '山田 花子', 'female', '092011', 'none', 'registered', '2025-05-01', '2027-03-31', 0, 0,"
    "  'hanako@example.jp'),"
    " (2, '佐藤 次郎', 'male', '092011', 'none', 'registered', '2025-05-01', '2027-03-31', 0, 0,"
    "  NULL);"
    "INSERT INTO users (login, password_hash, role, supporter_id, created_at, organisation_id,"
    " email) VALUES ('jiro', 'x', 'supporter', 2, 0, 1, 'jiro@example.jp');"
    "INSERT INTO trainings (supporter_id, kind, completed_on, created_at) VALUES"
    " (1, 'initial', '2025-04-10', 0), (2, 'initial', '2025-04-10', 0);"
    "INSERT INTO cases (id, code, nickname, municipality_code, age_band, gender, household,"
    " consent_obtained_on, status, created_at, updated_at) VALUES"
    " (1, 'C-0001', 'ひみつのたろう', '092011', '20s', 'male', 'two', '2026-11-01', 'active', 0, 0);"
    "INSERT INTO assignments (case_id, supporter_id, starts_on, created_at) VALUES"
    " (1, 1, '2026-12-01', 0);");
}

static char *
write_config (const char *dir, guint port)
{
  g_autofree char *path = g_build_filename (dir, "tsunagari.conf", NULL);
  g_autofree char *text = g_strdup_printf ("[http]\npublic_url=https://tsunagari.example.jp/\n"
                                           "[mail]\nsmtp_host=127.0.0.1\nsmtp_port=%u\n"
                                           "from=tsunagari@example.jp\nretry_seconds=1\n", port);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

static void
test_mail (Fixture *f, gconstpointer data)
{
  guint port = ts_test_free_port ();
  g_autofree char *config = write_config (f->dir, port);
  g_autofree char *first = g_build_filename (f->dir, "mail-1", NULL);
  g_autofree char *second = g_build_filename (f->dir, "mail-2", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *list;
  Sink sink = { 0 };

  (void) data;
  g_assert_cmpint (run (NULL, "init", "--database", f->db, NULL), ==, 0);
  seed (f->db);

  /* 2027-01-30: insurance ends in 60 days for both supporters, and the
   * first has not reported since the assignment began on 2026-12-01. */
  sink_start (&sink, port, first);
  g_assert_cmpint (run (&out, "notices", "run", "--database", f->db, "--config", config,
                        "--on", "2027-01-30", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "9 new notices, 6 to mail; 6 mail sent, 0 failed"));
  list = messages (first, &parser);
  g_assert_cmpuint (json_array_get_length (list), ==, 6);
  /* Nine notices (each to its supporter and the two enabled
   * coordinators), six with an address: the supporter's own, the other
   * supporter's account's, and the coordinator who has one (not a
   * disabled account's). */
  g_assert_cmpuint (count_to (list, "hanako@example.jp"), ==, 2);
  g_assert_cmpuint (count_to (list, "jiro@example.jp"), ==, 1);
  g_assert_cmpuint (count_to (list, "coord@example.jp"), ==, 3);
  g_assert_cmpuint (count_to (list, "gone@example.jp"), ==, 0);
  {
    guint insurance = 0, silent = 0;

    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *m = json_array_get_object_element (list, i);
        const char *subject = json_object_get_string_member (m, "subject");

        assert_message (m);
        if (g_str_equal (subject, "【つながり】ボランティア保険の期限は2027-03-31までです"))
          insurance++;
        if (g_str_equal (subject, "【つながり】1か月以上、活動報告がありません（2027-01-01時点）"))
          silent++;
      }
    g_assert_cmpuint (insurance, ==, 4);
    g_assert_cmpuint (silent, ==, 2);
  }
  g_clear_object (&parser);

  /* The same day again: nothing new, nothing sent. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, "notices", "run", "--database", f->db, "--config", config,
                        "--on", "2027-01-30", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 new notices, 0 to mail; 0 mail sent, 0 failed"));
  list = messages (first, &parser);
  g_assert_cmpuint (json_array_get_length (list), ==, 6);
  g_clear_object (&parser);
  sink_stop (&sink);

  /* 2027-03-17 with the server gone: 14 days before the end, and still
   * no report (the step of 2027-03-01): 9 new notices and 6 messages, all
   * kept with their error and a delay. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, "notices", "run", "--database", f->db, "--config", config,
                        "--on", "2027-03-17", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "9 new notices, 6 to mail; 0 mail sent, 6 failed"));
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL"
                                               " AND attempts = 1 AND last_error IS NOT NULL"
                                               " AND next_attempt_at > created_at"), ==, 6);
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL"),
                   ==, 6);

  /* Back: after the delay (retry_seconds=1) they go out, once. */
  sink_start (&sink, port, second);
  g_usleep (1100 * 1000);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, "notices", "run", "--database", f->db, "--config", config,
                        "--on", "2027-03-17", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 new notices, 0 to mail; 6 mail sent, 0 failed"));
  list = messages (second, &parser);
  g_assert_cmpuint (json_array_get_length (list), ==, 6);
  g_assert_cmpuint (count_to (list, "hanako@example.jp"), ==, 2);
  g_assert_cmpuint (count_to (list, "jiro@example.jp"), ==, 1);
  g_assert_cmpuint (count_to (list, "coord@example.jp"), ==, 3);
  for (guint i = 0; i < json_array_get_length (list); i++)
    assert_message (json_array_get_object_element (list, i));
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL"),
                   ==, 0);
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT max (attempts) FROM mail_outbox"), ==, 2);
  g_clear_object (&parser);
  sink_stop (&sink);
  /* One audit entry per notice, and the chain still verifies. */
  g_assert_cmpint (ts_process_file_int (f->db, "SELECT count(*) FROM audit_log WHERE object = 'notice'"
                                               " AND action = 'create'"), ==, 18);
  g_assert_cmpint (run (NULL, "audit", "verify", "--database", f->db, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no " PYTHON);
      return g_test_run ();
    }
  ts_process_add_tmpdir_test ("/tsunagari/process/notices/mail", test_mail);
  return g_test_run ();
}
