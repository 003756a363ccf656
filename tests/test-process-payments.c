/*
 * Issuing a month's statements survives SIGKILL of the real server binary
 * (issue 5): after a restart the month is either not issued at all (no
 * statement, no run, every ledger line still unissued) or issued completely
 * (one statement per payee, every line on its statement, totals that add
 * up), never anything in between; and issuing it then works exactly once.
 *
 * The data is written straight into the database file before the server
 * starts: 2,000 supporters with 10 approved reports each in May 2026 and
 * their ledger lines, so that a statement run takes long enough for kills
 * to land before, during and after it.
 */
#include <signal.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "process.h"

#define PASSWORD "process-test-password"
#define PAYEES 2000
#define PER_PAYEE 10
#define MONTH "2026-05"

/* Approved reports as the service leaves them: 90 minutes priced at
 * 1,000 + 1,800 yen, 1,000 yen transport, and their two ledger lines. */
static gint64
seed (const char *path)
{
  sqlite3 *db = ts_process_db_open (path);
  sqlite3_stmt *sup, *cas, *asg, *act, *line;
  gint64 expected = 0;

  ts_process_db_exec (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO supporters (id, name, gender, municipality_code, peer_experience, status,"
    " registered_on, insurance_until, created_at, updated_at)"
    " VALUES (?1, '試験 ' || ?1, 'other', '092011', 'none', 'registered', '2025-05-01',"
    " '2027-03-31', 0, 0)", -1, &sup, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO cases (id, code, nickname, municipality_code, age_band, gender, household,"
    " consent_obtained_on, consent_scope, status, created_at, updated_at)"
    " VALUES (?1, 'C-' || ?1, 'N', '092011', '30s', 'male', 'single', '2025-01-01',"
    " '[\"matching\",\"support\"]', 'active', 0, 0)", -1, &cas, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO assignments (id, case_id, supporter_id, starts_on, created_at)"
    " VALUES (?1, ?1, ?1, '2026-04-01', 0)", -1, &asg, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO activities (assignment_id, supporter_id, case_id, date, month, start_min,"
    " minutes, kind, transport_yen, status, on_behalf, honorarium_yen, transport_paid_yen,"
    " rates_effective_from, created_at, updated_at)"
    " VALUES (?1, ?1, ?1, ?2, '" MONTH "', 600, 90, 'home_visit', 1500, 'approved', 0, 2800,"
    " 1000, '2026-04-01', 0, 0)", -1, &act, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO ledger_entries (payee_type, payee_id, kind, amount_yen, activity_id,"
    " earned_on, earned_month, created_at) VALUES ('supporter', ?1, ?2, ?3, ?4, ?5, '" MONTH "', 0)",
    -1, &line, NULL), ==, SQLITE_OK);

  for (int p = 1; p <= PAYEES; p++)
    {
      sqlite3_stmt *each[] = { sup, cas, asg };
      for (guint i = 0; i < G_N_ELEMENTS (each); i++)
        {
          sqlite3_bind_int (each[i], 1, p);
          g_assert_cmpint (sqlite3_step (each[i]), ==, SQLITE_DONE);
          sqlite3_reset (each[i]);
        }
      for (int a = 0; a < PER_PAYEE; a++)
        {
          char date[11];
          gint64 activity;

          g_snprintf (date, sizeof date, MONTH "-%02d", 1 + (p + a) % 28);
          sqlite3_bind_int (act, 1, p);
          sqlite3_bind_text (act, 2, date, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (act), ==, SQLITE_DONE);
          sqlite3_reset (act);
          activity = sqlite3_last_insert_rowid (db);
          for (int k = 0; k < 2; k++)
            {
              sqlite3_bind_int (line, 1, p);
              sqlite3_bind_text (line, 2, k == 0 ? "honorarium" : "transport", -1, SQLITE_STATIC);
              sqlite3_bind_int (line, 3, k == 0 ? 2800 : 1000);
              sqlite3_bind_int64 (line, 4, activity);
              sqlite3_bind_text (line, 5, date, -1, SQLITE_TRANSIENT);
              g_assert_cmpint (sqlite3_step (line), ==, SQLITE_DONE);
              sqlite3_reset (line);
              expected += k == 0 ? 2800 : 1000;
            }
        }
    }
  sqlite3_finalize (sup);
  sqlite3_finalize (cas);
  sqlite3_finalize (asg);
  sqlite3_finalize (act);
  sqlite3_finalize (line);
  ts_process_db_exec (db, "COMMIT");
  sqlite3_close (db);
  return expected;
}

/* Either nothing of the month is issued or all of it is, consistently.
 * Returns whether it is issued. */
static gboolean
check_all_or_nothing (const char *path, gint64 expected_total)
{
  sqlite3 *db = ts_process_db_open (path);
  gint64 runs = ts_process_db_int (db, "SELECT count (*) FROM statement_runs WHERE month = '" MONTH "'");
  gint64 statements = ts_process_db_int (db, "SELECT count (*) FROM statements WHERE month = '" MONTH "'");
  gint64 issued_lines = ts_process_db_int (db, "SELECT count (*) FROM ledger_entries"
                                                " WHERE statement_id IS NOT NULL");
  gint64 lines = ts_process_db_int (db, "SELECT count (*) FROM ledger_entries");

  if (runs == 0)
    {
      g_assert_cmpint (statements, ==, 0);
      g_assert_cmpint (issued_lines, ==, 0);
      sqlite3_close (db);
      return FALSE;
    }
  g_assert_cmpint (runs, ==, 1);
  g_assert_cmpint (statements, ==, PAYEES);
  g_assert_cmpint (issued_lines, ==, lines);
  g_assert_cmpint (ts_process_db_int (db, "SELECT coalesce (sum (total_yen), 0) FROM statements"), ==,
                   expected_total);
  g_assert_cmpint (ts_process_db_int (db, "SELECT total_yen FROM statement_runs"), ==, expected_total);
  g_assert_cmpint (ts_process_db_int (db, "SELECT n_statements FROM statement_runs"), ==, PAYEES);
  /* Every statement's total is the sum of its own lines. */
  g_assert_cmpint (ts_process_db_int (db,
    "SELECT count (*) FROM statements s WHERE s.total_yen <>"
    " (SELECT sum (amount_yen) FROM ledger_entries l WHERE l.statement_id = s.id)"
    " OR s.n_lines <> (SELECT count (*) FROM ledger_entries l WHERE l.statement_id = s.id)"), ==, 0);
  sqlite3_close (db);
  return TRUE;
}

typedef struct {
  const char *base;
  const char *token;
  guint       status;
  gint64      elapsed_us;
} IssueData;

static gpointer
issue_thread (gpointer user_data)
{
  IssueData *d = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  gint64 start = g_get_monotonic_time ();

  d->status = ts_process_request (session, d->base, "POST", "/v1/payments/statements", d->token,
                                  "{\"month\":\"" MONTH "\"}", NULL);
  d->elapsed_us = g_get_monotonic_time () - start;
  return NULL;
}

static void
test_sigkill_during_statement_run (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = ts_process_make_db (PASSWORD, &dir);
  gint64 expected = seed (db);
  guint killed_before = 0, killed_answered = 0, attempts = 0;
  gboolean issued = FALSE;
  /* Microseconds between sending the request and the kill; growing, so
   * that the kills fall before, inside and after the run's transaction. */
  gint64 delay = 1000;

  g_test_message ("%d payees, %d lines, %" G_GINT64_FORMAT " yen", PAYEES, PAYEES * PER_PAYEE * 2,
                  expected);
  while (!issued)
    {
      TsProcessServer s = { 0 };
      g_autofree char *token = NULL;
      IssueData d = { 0 };
      GThread *thread;

      g_assert_cmpuint (attempts, <, 40);
      ts_process_server_start (&s, NULL, db, NULL);
      token = ts_process_login (s.base, PASSWORD);
      d = (IssueData) { s.base, token, 0, 0 };
      thread = g_thread_new ("issue", issue_thread, &d);
      g_usleep ((gulong) delay);
      /* No warning, no shutdown. */
      g_subprocess_send_signal (s.proc, SIGKILL);
      g_subprocess_wait (s.proc, NULL, NULL);
      g_thread_join (thread);
      ts_process_server_clear (&s);

      issued = check_all_or_nothing (db, expected);
      if (!issued)
        killed_before++;
      /* An answered request was durable before it was answered. */
      if (d.status == 201)
        {
          killed_answered++;
          g_assert_true (issued);
        }
      g_test_message ("kill after %" G_GINT64_FORMAT " µs: %s (request %u)", delay,
                      issued ? "complete" : "nothing", d.status);
      attempts++;
      delay = delay * 3 / 2;
    }
  g_test_message ("%u kills left nothing, then the run was complete (%u answered)", killed_before,
                  killed_answered);
  g_assert_cmpuint (killed_before, >=, 1);

  /* After the restart the month is issued, exactly once. */
  {
    TsProcessServer s = { 0 };
    g_autofree char *token = NULL;
    g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
    g_autoptr(JsonNode) json = NULL;

    ts_process_server_start (&s, NULL, db, NULL);
    token = ts_process_login (s.base, PASSWORD);
    g_assert_cmpuint (ts_process_request (session, s.base, "POST", "/v1/payments/statements", token,
                                          "{\"month\":\"" MONTH "\"}", &json), ==, 200);
    g_assert_false (json_object_get_boolean_member (json_node_get_object (json), "created"));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "n_statements"), ==,
                     PAYEES);
    g_clear_pointer (&json, json_node_unref);
    g_assert_cmpuint (ts_process_request (session, s.base, "GET", "/v1/audit/log/verify", token, NULL,
                                          &json), ==, 200);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (json), "ok"));
    g_subprocess_send_signal (s.proc, SIGTERM);
    g_assert_true (g_subprocess_wait (s.proc, NULL, NULL));
    ts_process_server_clear (&s);
  }
  g_assert_true (check_all_or_nothing (db, expected));
  ts_process_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/process/sigkill-during-statement-run",
                   test_sigkill_during_statement_run);
  return g_test_run ();
}
