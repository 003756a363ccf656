/*
 * The store: migrations, group commit, savepoints, the audit chain, backup.
 */
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "raw-db.h"

#include "core/error.h"
#include "core/password.h"
#include "core/json.h"
#include "store/audit-log.h"
#include "store/store.h"
#include "store/store-private.h"
#include "store/supporters.h"

typedef struct {
  char    *dir;
  char    *path;
  TsStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  (void) data;
  f->dir = g_dir_make_tmp ("tsunagari-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "db.sqlite", NULL);
  f->store = ts_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  (void) data;
  g_clear_object (&f->store);
  ts_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_fresh_database (Fixture *f, gconstpointer data)
{
  (void) data;
  g_assert_cmpint (ts_store_get_schema_version (f->store), ==,
                   ts_store_get_latest_schema_version ());
  g_assert_cmpint (ts_store_get_latest_schema_version (), >=, 1);
}

/* Every file tests/fixtures/schema-vN.sqlite was written by the release
 * with schema N and holds one admin user and a few audit entries; opening
 * it must migrate it to the latest schema and keep its data usable. */
static void
test_migrate_fixtures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autoptr(GDir) dir = g_dir_open (fixtures, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = NULL, *tmpdir = NULL, *copy = NULL, *contents = NULL;
      g_autoptr(TsStore) store = NULL;
      TsAuditVerification v;
      gsize len;

      if (!g_str_has_prefix (name, "schema-v") || !g_str_has_suffix (name, ".sqlite"))
        continue;
      src = g_build_filename (fixtures, name, NULL);
      tmpdir = g_dir_make_tmp ("tsunagari-migrate-XXXXXX", &error);
      g_assert_no_error (error);
      copy = g_build_filename (tmpdir, "db.sqlite", NULL);
      g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));

      store = ts_store_open (copy, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ts_store_get_schema_version (store), ==,
                       ts_store_get_latest_schema_version ());
      g_assert_true (ts_store_check (store, &error));
      g_assert_true (ts_store_audit_verify (store, &v, &error));
      g_assert_no_error (error);
      g_assert_true (v.ok);
      g_assert_cmpint (v.entries, >, 0);
      g_clear_object (&store);
      ts_remove_dir (tmpdir);
      n++;
    }
  g_assert_cmpuint (n, >=, 1);
}

/* Builds a database at schema @version from the compiled-in migrations,
 * as the release with that schema left it. */
static void
raw_migrate_to (const char *path, int version)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/org/tsunagari/schema", 0, NULL);
  g_autoptr(GPtrArray) sql = g_ptr_array_new ();
  sqlite3 *db = NULL;

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql") && atoi (names[i]) <= version)
      g_ptr_array_add (sql, names[i]);
  g_assert_cmpuint (sql->len, ==, (guint) version);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int n = 1; n <= version; n++)
    for (guint i = 0; i < sql->len; i++)
      if (atoi (sql->pdata[i]) == n)
        {
          g_autofree char *res = g_strconcat ("/org/tsunagari/schema/", sql->pdata[i], NULL);
          g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, NULL);
          g_autofree char *script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", n);
          char *msg = NULL;

          if (sqlite3_exec (db, script, NULL, NULL, &msg) != SQLITE_OK)
            g_error ("%s: %s", (char *) sql->pdata[i], msg);
          g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
        }
  sqlite3_close (db);
}

#define INSERT_UNKNOWN_AGE                                                        \
  "INSERT INTO cases (code, nickname, municipality_code, age_band, gender, household," \
  " consent_obtained_on, created_at, updated_at) VALUES ('C-8', 'y', '131059', 'unknown'," \
  " 'male', 'single', '2026-04-01', 1, 1)"

/* Migration 0009 rebuilds the cases table to allow age_band 'unknown'
 * (issue 11, item 16): the rows keep their ids, the rows of the child
 * tables keep pointing at them, and the new value is accepted. */
static void
test_migrate_case_age_band_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagari-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "db.sqlite", NULL);
  g_autoptr(TsStore) store = NULL;

  raw_migrate_to (path, 8);
  ts_raw_exec (path,
            "INSERT INTO cases (id, code, nickname, municipality_code, age_band, gender,"
            " household, consent_obtained_on, created_at, updated_at)"
            " VALUES (7, 'C-7', 'x', '131059', '70s+', 'male', 'single', '2026-04-01', 1, 1);"
            "INSERT INTO case_assessments (case_id, held_on, summary, created_at)"
            " VALUES (7, '2026-04-02', 's', 1)");
  g_assert_cmpint (ts_raw_try (path, INSERT_UNKNOWN_AGE), ==, SQLITE_CONSTRAINT);

  store = ts_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ts_store_get_schema_version (store), ==, ts_store_get_latest_schema_version ());
  g_clear_object (&store);

  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM cases WHERE id = 7 AND code = 'C-7'"), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM case_assessments a JOIN cases c"
                                    " ON c.id = a.case_id WHERE c.id = 7"), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE"
                                    " '%cases_before_0009%'"), ==, 0);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                    " AND tbl_name = 'cases' AND name LIKE 'cases_%'"
                                    " AND name <> 'cases_organisation'"), ==, 2);
  g_assert_cmpint (ts_raw_try (path, INSERT_UNKNOWN_AGE), ==, SQLITE_OK);
  ts_remove_dir (dir);
}

#define INSERT_PLANNED_PLACEMENT(planned, held)                                   \
  "INSERT INTO placements (case_id, host_id, kind, hours_per_day, first_day, last_day," \
  " pre_interview_held_on, pre_interview_planned_on, created_at, updated_at)"   \
  " VALUES (7, 3, 'short', 4, '2026-07-01', '2026-07-02', " held ", " planned ", 1, 1)"

/* Migration 0010 rebuilds the placements table so that a pre-interview may
 * be only planned (issue 11, item 15): the placements keep their ids and
 * dates, their days keep pointing at them, and a placement with a planned
 * interview (exactly one of the two dates, on or before the first day)
 * can now be stored. */
static void
test_migrate_placement_planned_pre_interview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagari-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "db.sqlite", NULL);
  g_autoptr(TsStore) store = NULL;

  raw_migrate_to (path, 9);
  ts_raw_exec (path,
            "INSERT INTO cases (id, code, nickname, municipality_code, age_band, gender,"
            " household, consent_obtained_on, created_at, updated_at)"
            " VALUES (7, 'C-7', 'x', '052019', '20s', 'male', 'single', '2026-04-01', 1, 1);"
            "INSERT INTO hosts (id, name, municipality_code, status, registered_on,"
            " created_at, updated_at) VALUES (3, 'h', '052019', 'registered', '2026-04-01', 1, 1);"
            "INSERT INTO placements (id, case_id, host_id, kind, hours_per_day, first_day,"
            " last_day, pre_interview_held_on, pre_interview_attendees, user_id, version,"
            " created_at, updated_at) VALUES (5, 7, 3, 'short', 4, '2026-06-01', '2026-06-02',"
            " '2026-05-20', '[\"participant\",\"host\",\"coordinator\"]', NULL, 3, 10, 20);"
            "INSERT INTO placement_days (id, placement_id, case_id, host_id, date, attended,"
            " recorded_at) VALUES (11, 5, 7, 3, '2026-06-01', 1, 30);"
            "INSERT INTO placement_days (id, placement_id, case_id, host_id, date)"
            " VALUES (12, 5, 7, 3, '2026-06-02')");
  /* Before: the interview date is required. */
  g_assert_cmpint (ts_raw_try (path, "INSERT INTO placements (case_id, host_id, kind, hours_per_day,"
                                  " first_day, last_day, created_at, updated_at)"
                                  " VALUES (7, 3, 'short', 4, '2026-07-01', '2026-07-01', 1, 1)"),
                   ==, SQLITE_CONSTRAINT);

  store = ts_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ts_store_get_schema_version (store), ==, ts_store_get_latest_schema_version ());
  g_assert_cmpint (ts_store_get_schema_version (store), >=, 10);
  g_clear_object (&store);

  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM placements WHERE id = 5 AND case_id = 7"
                                    " AND host_id = 3 AND first_day = '2026-06-01'"
                                    " AND last_day = '2026-06-02'"
                                    " AND pre_interview_held_on = '2026-05-20'"
                                    " AND pre_interview_planned_on IS NULL"
                                    " AND pre_interview_attendees LIKE '%coordinator%'"
                                    " AND user_id IS NULL AND version = 3"
                                    " AND created_at = 10 AND updated_at = 20"), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM placement_days d JOIN placements p"
                                    " ON p.id = d.placement_id WHERE p.id = 5"), ==, 2);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM placement_days WHERE id = 11"
                                    " AND attended = 1 AND recorded_at = 30"), ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE"
                                    " '%placements_before_0010%'"), ==, 0);
  /* placement_days still refers to placements by its own name. */
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM sqlite_schema WHERE name ="
                                    " 'placement_days' AND sql LIKE '%REFERENCES placements (id)%'"),
                   ==, 1);
  g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                    " AND tbl_name = 'placements' AND name IN"
                                    " ('placements_case', 'placements_host')"), ==, 2);
  /* A planned interview can now be stored; exactly one of the two dates,
   * each on or before the first day. */
  g_assert_cmpint (ts_raw_try (path, INSERT_PLANNED_PLACEMENT ("'2026-06-30'", "NULL")), ==, SQLITE_OK);
  g_assert_cmpint (ts_raw_try (path, INSERT_PLANNED_PLACEMENT ("NULL", "NULL")), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (ts_raw_try (path, INSERT_PLANNED_PLACEMENT ("'2026-06-30'", "'2026-06-29'")),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (ts_raw_try (path, INSERT_PLANNED_PLACEMENT ("'2026-07-02'", "NULL")),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (ts_raw_try (path, INSERT_PLANNED_PLACEMENT ("NULL", "'2026-07-02'")),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (ts_raw_try (path, INSERT_PLANNED_PLACEMENT ("NULL", "'2026-07-01'")), ==, SQLITE_OK);
  ts_remove_dir (dir);
}

static void
test_newer_schema_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStore) again = NULL;

  (void) data;
  g_clear_object (&f->store);
  ts_raw_exec (f->path, "PRAGMA user_version = 999");
  again = ts_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE);
}

typedef struct {
  TsStore *store;
  int      n;
  gboolean fail_odd;
  int      thread;
} Writer;

typedef struct {
  Writer *w;
  int     i;
} WriteOne;

static gboolean
write_entry (TsStore *store, gpointer user_data, GError **error)
{
  WriteOne *one = user_data;
  TsAuditEntry e = { .user_id = one->w->thread + 1, .role = "admin", .action = "test",
                     .object = "thing", .object_id = one->i + 1, .request_id = NULL };

  if (!ts_store_audit_append (store, &e, error))
    return FALSE;
  /* A failing write rolls back only itself, after it has written. */
  if (one->w->fail_odd && one->i % 2 == 1)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT, "odd");
      return FALSE;
    }
  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  for (int i = 0; i < w->n; i++)
    {
      g_autoptr(GError) error = NULL;
      WriteOne one = { w, i };
      gboolean ok = ts_store_write (w->store, write_entry, &one, &error);
      if (w->fail_odd && i % 2 == 1)
        g_assert_error (error, TS_ERROR, TS_ERROR_CONFLICT);
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
    }
  return NULL;
}

static void
run_writers (TsStore *store, int threads, int per_thread, gboolean fail_odd)
{
  g_autofree GThread **t = g_new0 (GThread *, threads);
  g_autofree Writer *w = g_new0 (Writer, threads);

  for (int i = 0; i < threads; i++)
    {
      w[i] = (Writer) { store, per_thread, fail_odd, i };
      t[i] = g_thread_new ("writer", writer_thread, &w[i]);
    }
  for (int i = 0; i < threads; i++)
    g_thread_join (t[i]);
}

static void
test_group_commit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  TsAuditVerification v;
  guint64 before = ts_store_get_commit_count (f->store);

  (void) data;
  run_writers (f->store, 16, 40, FALSE);
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_true (v.ok);
  g_assert_cmpint (v.entries, ==, 16 * 40);
  /* Sixteen writers waiting on fsync must have shared commits. */
  g_assert_cmpuint (ts_store_get_commit_count (f->store) - before, <, 16 * 40);
}

static void
test_savepoint_isolation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  TsAuditVerification v;

  (void) data;
  run_writers (f->store, 8, 20, TRUE);
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_true (v.ok);
  g_assert_cmpint (v.entries, ==, 8 * 10);
}

static void
append_some (TsStore *store, int n)
{
  Writer w = { store, n, FALSE, 0 };
  writer_thread (&w);
}

static gboolean
write_one_entry (TsStore *store, gpointer user_data, GError **error)
{
  TsAuditEntry e = { .user_id = 1, .role = "admin", .action = "read", .object = "thing",
                     .object_id = GPOINTER_TO_INT (user_data), .request_id = NULL };
  return ts_store_audit_append (store, &e, error);
}

typedef struct {
  GMainLoop *loop;
  guint      left;
  guint      failed;
} AsyncWait;

static void
async_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncWait *w = user_data;
  g_autoptr(GError) error = NULL;

  if (!ts_store_write_finish (TS_STORE (source), result, &error))
    w->failed++;
  if (--w->left == 0)
    g_main_loop_quit (w->loop);
}

/* Writes queued while a commit is on its way to the disk (the audit
 * entries of concurrent reads) share the next one: 50 of them take far
 * fewer than 50 commits, and every one is durable when its callback runs. */
static void
test_async_writes_share_commits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(TsStore) again = NULL;
  AsyncWait w = { loop, 50, 0 };
  guint64 commits = ts_store_get_commit_count (f->store);
  TsAuditVerification v;

  (void) data;
  g_main_context_push_thread_default (context);
  for (int i = 1; i <= 50; i++)
    ts_store_write_async (f->store, write_one_entry, GINT_TO_POINTER (i), NULL,
                          async_written, &w);
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (context);
  g_assert_cmpuint (w.failed, ==, 0);
  g_assert_cmpuint (ts_store_get_commit_count (f->store) - commits, <, 50);

  /* Reopened: all 50 are there. */
  ts_store_close (f->store);
  g_clear_object (&f->store);
  again = ts_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ts_store_audit_verify (again, &v, &error));
  g_assert_true (v.ok);
  g_assert_cmpint (v.entries, ==, 50);
}

/* A write that cannot get the lock another process holds fails with
 * TS_ERROR_UNAVAILABLE once the busy timeout has passed; it is never
 * dropped silently. */
static void
test_write_fails_when_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;
  TsAuditVerification v;

  (void) data;
  g_assert_true (ts_store_set_busy_timeout (f->store, 50, &error));
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (ts_store_write (f->store, write_one_entry, GINT_TO_POINTER (1), &error));
  g_assert_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (ts_store_write (f->store, write_one_entry, GINT_TO_POINTER (2), &error));
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_cmpint (v.entries, ==, 1);
}

static gboolean
write_fails (TsStore *store, gpointer user_data, GError **error)
{
  (void) store;
  (void) user_data;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT, "refused on purpose");
  return FALSE;
}

typedef struct {
  TsStore *store;
  guint    pending;
  guint    ok;
  guint    failed;
  gboolean in_loop_thread;
} AsyncRun;

static void
write_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;
  g_autoptr(GError) error = NULL;

  /* The callback runs in the caller's main context, not on the writer. */
  run->in_loop_thread &= !ts_store_in_writer (run->store);
  if (ts_store_write_finish (TS_STORE (source), result, &error))
    run->ok++;
  else
    {
      g_assert_error (error, TS_ERROR, TS_ERROR_CONFLICT);
      run->failed++;
    }
  run->pending--;
}

/* ts_store_write_async(): the callback comes in the caller's main context
 * once the write is committed; a failing write fails alone. */
static void
test_async_writes (Fixture *f, gconstpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  AsyncRun run = { f->store, 0, 0, 0, TRUE };
  TsAuditVerification v;

  (void) data;
  g_main_context_push_thread_default (context);
  for (int i = 1; i <= 30; i++)
    {
      run.pending++;
      if (i % 10 == 0)
        ts_store_write_async (f->store, write_fails, NULL, NULL, write_done, &run);
      else
        ts_store_write_async (f->store, write_one_entry, GINT_TO_POINTER (i), NULL,
                              write_done, &run);
    }
  while (run.pending > 0)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  g_assert_true (run.in_loop_thread);
  g_assert_cmpuint (run.ok, ==, 27);
  g_assert_cmpuint (run.failed, ==, 3);
  /* Acknowledged means committed: another connection sees every entry. */
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_true (v.ok);
  g_assert_cmpint (v.entries, ==, 27);
}

static void
test_audit_tamper_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  TsAuditVerification v;

  (void) data;
  append_some (f->store, 10);
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_true (v.ok);
  g_assert_cmpint (v.entries, ==, 10);

  ts_raw_exec (f->path, "UPDATE audit_log SET action = 'other' WHERE seq = 4");
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_false (v.ok);
  g_assert_cmpint (v.first_bad_seq, ==, 4);
}

static void
test_audit_tamper_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  TsAuditVerification v;

  (void) data;
  append_some (f->store, 10);
  ts_raw_exec (f->path, "DELETE FROM audit_log WHERE seq = 6");
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_false (v.ok);
  g_assert_cmpint (v.first_bad_seq, ==, 6);
}

static void
test_audit_tamper_truncate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  TsAuditVerification v;

  (void) data;
  append_some (f->store, 10);
  ts_raw_exec (f->path, "DELETE FROM audit_log WHERE seq >= 9");
  g_assert_true (ts_store_audit_verify (f->store, &v, &error));
  g_assert_false (v.ok);
  g_assert_cmpint (v.first_bad_seq, ==, 9);
}

static gpointer
background_writes (gpointer data)
{
  append_some (data, 200);
  return NULL;
}

static void
test_backup_while_writing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "backup.sqlite", NULL);
  g_autoptr(TsStore) copy = NULL;
  GThread *t;
  TsAuditVerification v;

  (void) data;
  append_some (f->store, 5);
  t = g_thread_new ("bg", background_writes, f->store);
  g_assert_true (ts_store_backup (f->path, dest, NULL, &error));
  g_assert_no_error (error);
  g_thread_join (t);

  copy = ts_store_open (dest, &error);
  g_assert_no_error (error);
  g_assert_true (ts_store_audit_verify (copy, &v, &error));
  g_assert_true (v.ok);
  g_assert_cmpint (v.entries, >=, 5);
  g_assert_cmpint (v.entries, <=, 205);
  g_clear_object (&copy);
  {
    g_autofree char *wal = g_strconcat (dest, "-wal", NULL);
    g_autofree char *shm = g_strconcat (dest, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
}


/* ---- list columns ------------------------------------------------------ */

static void
assert_strv (const char *text, const char *const *expected)
{
  g_auto(GStrv) got = ts_store_strv_from_text (text);

  g_assert_nonnull (got);
  if (!g_strv_equal ((const char *const *) got, expected))
    {
      g_autofree char *joined = g_strjoinv ("|", got);
      g_error ("%s read as %s", text != NULL ? text : "(null)", joined);
    }
}

/* The store's own form is read directly, any other through json-glib:
 * both must give the same lists. */
static void
test_list_columns (void)
{
  const char *none[] = { NULL };
  const char *ab[] = { "a", "b", NULL };
  const char *jp[] = { "将棋", "é", NULL };
  const char *quote[] = { "a\"b", NULL };
  const char *tricky[] = { "a\"b", "c\\d", "tab\there", "line\n", "将棋/音楽", "", NULL };

  assert_strv ("[]", none);
  assert_strv ("[\"a\",\"b\"]", ab);
  assert_strv ("[\"将棋\",\"é\"]", jp);
  assert_strv ("[ \"a\" , \"b\" ]", ab);              /* spaces: json-glib */
  assert_strv ("[\"a\\\"b\"]", quote);                /* an escape: json-glib */
  assert_strv ("[\"\\u5c06\\u68cb\",\"\\u00e9\"]", jp);
  assert_strv ("[\"a\",1,\"b\"]", ab);                 /* non-strings skipped */
  assert_strv ("[\"a\"", none);                        /* not JSON: empty */
  assert_strv ("[\"a\",]", none);
  assert_strv ("[\"a\"]x", none);
  assert_strv ("{\"a\":1}", none);
  assert_strv ("", none);
  assert_strv (NULL, none);
  assert_strv ("[\"\xff\"]", none);                    /* not UTF-8 */

  /* Whatever the store writes reads back the same. */
  {
    g_autofree char *text = ts_json_strv_to_text (tricky);
    assert_strv (text, tricky);
  }

  {
    TsAvailabilitySlot slots[] = { { 1, 540, 720 }, { 7, 0, 1440 }, { 3, 600, 601 } };
    g_autoptr(GArray) in = g_array_new (FALSE, FALSE, sizeof (TsAvailabilitySlot));
    g_autoptr(GArray) back = NULL;
    g_autoptr(GArray) spaced = NULL;
    g_autoptr(GArray) bad = NULL;
    g_autoptr(GArray) garbage = NULL;
    g_autofree char *text = NULL;

    g_array_append_vals (in, slots, G_N_ELEMENTS (slots));
    text = ts_store_availability_to_text (in);
    back = ts_store_availability_from_text (text);
    g_assert_cmpuint (back->len, ==, in->len);
    g_assert_cmpmem (back->data, back->len * sizeof (TsAvailabilitySlot),
                     in->data, in->len * sizeof (TsAvailabilitySlot));

    spaced = ts_store_availability_from_text ("[ {\"to_min\": 720, \"weekday\": 1, \"from_min\": 540} ]");
    g_assert_cmpuint (spaced->len, ==, 1);
    g_assert_cmpmem (spaced->data, sizeof (TsAvailabilitySlot), &slots[0], sizeof (TsAvailabilitySlot));

    /* Out-of-range slots are dropped on both paths. */
    bad = ts_store_availability_from_text ("[{\"weekday\":8,\"from_min\":540,\"to_min\":720},"
                                           "{\"weekday\":1,\"from_min\":720,\"to_min\":540},"
                                           "{\"weekday\":1,\"from_min\":540,\"to_min\":1441},"
                                           "{\"weekday\":1,\"from_min\":540,\"to_min\":720}]");
    g_assert_cmpuint (bad->len, ==, 1);
    garbage = ts_store_availability_from_text ("[{\"weekday\":1,\"from_min\":540");
    g_assert_cmpuint (garbage->len, ==, 0);
  }
}

/* Issue 12: the same SQL prepared again while its cached statement is still
 * being stepped (a nested read during an iteration) gets a statement of its
 * own, finalized when released, and leaves the outer iteration undisturbed;
 * when that statement cannot be prepared, the error says why. */
#define COUNT_TO_SQL \
  "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) SELECT x FROM n"

static guint
open_statements (sqlite3 *db)
{
  guint n = 0;

  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    n++;
  return n;
}

/* Counts 1..limit, and for each x counts 1..x with the same SQL (and for
 * x == limit once more, three deep); returns the sum of the inner counts. */
static gint64
nested_counts (TsStore *store, int limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStmt) outer = NULL;
  sqlite3 *db;
  guint before;
  gint64 total = 0;
  int x = 0;

  /* Cached and idle: every prepare lends the same statement. */
  outer = ts_store_prepare (store, COUNT_TO_SQL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outer);
  db = sqlite3_db_handle (outer);
  before = open_statements (db);
  sqlite3_bind_int (outer, 1, limit);
  while (ts_store_step (store, outer, &error) == SQLITE_ROW)
    {
      g_autoptr(TsStmt) inner = NULL;
      int y = 0;

      x++;
      g_assert_cmpint (sqlite3_column_int (outer, 0), ==, x);
      inner = ts_store_prepare (store, COUNT_TO_SQL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (inner);
      g_assert_true (inner != outer);
      g_assert_cmpuint (open_statements (db), ==, before + 1);
      sqlite3_bind_int (inner, 1, x);
      while (ts_store_step (store, inner, &error) == SQLITE_ROW)
        {
          y++;
          g_assert_cmpint (sqlite3_column_int (inner, 0), ==, y);
          if (x == limit && y == 1)
            {
              g_autoptr(TsStmt) deeper = ts_store_prepare (store, COUNT_TO_SQL, &error);
              int z = 0;

              g_assert_no_error (error);
              g_assert_true (deeper != outer && deeper != inner);
              g_assert_cmpuint (open_statements (db), ==, before + 2);
              sqlite3_bind_int (deeper, 1, 2);
              while (ts_store_step (store, deeper, &error) == SQLITE_ROW)
                z++;
              g_assert_no_error (error);
              g_assert_cmpint (z, ==, 2);
            }
        }
      g_assert_no_error (error);
      g_assert_cmpint (y, ==, x);
      total += y;
      /* The failure case: the SQL cannot be prepared (here: over a length
       * limit) while the cached statement is busy; NULL with an error. */
      if (x == 1)
        {
          g_autoptr(GError) local = NULL;
          int old = sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 16);
          TsStmt *failed = ts_store_prepare (store, COUNT_TO_SQL, &local);

          sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, old);
          g_assert_null (failed);
          g_assert_error (local, TS_ERROR, TS_ERROR_INTERNAL);
          g_test_message ("%s", local->message);
          g_assert_nonnull (strstr (local->message, "prepared again while in use"));
        }
      g_clear_pointer (&inner, ts_stmt_release);
      /* Finalized, not put back: the connection holds what it held. */
      g_assert_cmpuint (open_statements (db), ==, before);
    }
  g_assert_no_error (error);
  g_assert_cmpint (x, ==, limit);
  g_clear_pointer (&outer, ts_stmt_release);

  /* The cache still lends its statement, which works from the start. */
  {
    g_autoptr(TsStmt) again = ts_store_prepare (store, COUNT_TO_SQL, &error);
    int n = 0;

    g_assert_no_error (error);
    g_assert_true (sqlite3_db_handle (again) == db);
    g_assert_cmpuint (open_statements (db), ==, before);
    sqlite3_bind_int (again, 1, 4);
    while (ts_store_step (store, again, &error) == SQLITE_ROW)
      n++;
    g_assert_no_error (error);
    g_assert_cmpint (n, ==, 4);
  }
  return total;
}

static gboolean
write_nested_counts (TsStore *store, gpointer user_data, GError **error)
{
  (void) error;
  *(gint64 *) user_data = nested_counts (store, 3);
  return TRUE;
}

static void
test_reentrant_prepare (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  (void) data;
  /* A reader's connection (this thread's) ... */
  g_assert_cmpint (nested_counts (f->store, 4), ==, 1 + 2 + 3 + 4);
  g_assert_cmpint (nested_counts (f->store, 4), ==, 1 + 2 + 3 + 4);
  /* ... and the writer's, inside a write. */
  g_assert_true (ts_store_write (f->store, write_nested_counts, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 1 + 2 + 3);
}

/* Issue 12: one fixture per schema version (tests/fixtures/make-fixtures
 * builds them), each migrated to the newest with its rows intact.  A
 * migration without a fixture fails here: rerun the script. */
/* Rows of later versions' tables: in every fixture from the version that
 * made the table on, and still there, as they were, after migrating. */
static const struct {
  int         since;
  const char *sql;                      /* a count that must be 1 */
} fixture_rows[] = {
  { 3, "SELECT count(*) FROM supporter_status_changes"
       " WHERE supporter_id = 1 AND to_status = 'registered'" },
  /* 0009 rebuilt cases: the row keeps its id, age band and children. */
  { 4, "SELECT count(*) FROM cases WHERE id = 1 AND code = 'C-0001' AND age_band = '30s'"
       " AND status = 'active' AND version = 2" },
  { 4, "SELECT count(*) FROM case_assessments a JOIN cases c ON c.id = a.case_id" },
  { 4, "SELECT count(*) FROM assignments WHERE case_id = 1 AND supporter_id = 1" },
  { 6, "SELECT count(*) FROM activities WHERE id = 1 AND minutes = 90 AND transport_yen = 420"
       " AND status = 'approved' AND honorarium_yen = 3000" },
  { 7, "SELECT count(*) FROM hosts WHERE id = 1 AND status = 'registered'" },
  /* 0010 rebuilt placements: a held interview stays held, none planned. */
  { 7, "SELECT count(*) FROM placements WHERE id = 1 AND first_day = '2026-07-01'"
       " AND pre_interview_held_on = '2026-06-20' AND pre_interview_planned_on IS NULL" },
  { 7, "SELECT count(*) FROM placement_days d JOIN placements p ON p.id = d.placement_id"
       " WHERE d.date = '2026-07-01'" },
  { 13, "SELECT count(*) FROM devices WHERE id = 1 AND revoked_at IS NULL" },
  { 14, "SELECT count(*) FROM contacts c JOIN consultees p ON p.id = c.consultee_id"
        " WHERE c.first_contact = 1 AND c.contactor_age_band = '80s+'" },
  { 15, "SELECT count(*) FROM visits v JOIN assignments a ON a.id = v.assignment_id"
        " WHERE v.status = 'planned' AND v.version = 1" },
  { 15, "SELECT count(*) FROM calendar_feeds WHERE user_id = 1 AND revoked_at IS NULL" },
  { 15, "SELECT count(*) FROM programmes WHERE visit_limit = 5 AND min_withdrawal_months = 6" },
  { 16, "SELECT count(*) FROM mail_outbox m JOIN notices n ON n.id = m.notice_id"
        " WHERE m.sent_at IS NULL AND n.read_at IS NULL" },
  /* 0018 rebuilt notices: the row keeps its id, kind and outbox message. */
  { 16, "SELECT count(*) FROM notices WHERE id = 1 AND kind = 'insurance_ending'"
        " AND period = '2027-03-31/60' AND title IS NULL" },
  /* 0017 rebuilt the ledger: the line keeps its id and kind; a rate set
   * pays event hours at its hourly honorarium. */
  { 6, "SELECT count(*) FROM ledger_entries WHERE id = 1 AND kind = 'honorarium'"
       " AND activity_id = 1 AND event_staff_id IS NULL" },
  { 6, "SELECT count(*) FROM rate_sets WHERE event_honorarium_per_hour_yen = 1200" },
  { 17, "SELECT count(*) FROM ledger_entries le JOIN event_staff s ON s.id = le.event_staff_id"
        " JOIN events e ON e.id = s.event_id JOIN event_counts c ON c.event_id = e.id"
        " WHERE le.kind = 'event' AND e.series_id = 1 AND c.family_count = 5" },
  { 17, "SELECT count(*) FROM booking_requests b JOIN event_slots s ON s.id = b.slot_id"
        " WHERE b.status = 'placed'" },
};

static void
test_migrate_every_version (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children ("/org/tsunagari/schema", 0, NULL);
  int latest = ts_store_get_latest_schema_version ();
  guint n_sql = 0;

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    n_sql += g_str_has_suffix (names[i], ".sql");
  g_assert_cmpint ((int) n_sql, ==, latest);

  for (int v = 1; v <= latest; v++)
    {
      g_autofree char *name = g_strdup_printf ("schema-v%d.sqlite", v);
      g_autofree char *src = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
      g_autofree char *dir = g_dir_make_tmp ("tsunagari-migrate-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "db.sqlite", NULL);
      g_autofree char *contents = NULL;
      g_autoptr(TsStore) store = NULL;
      gsize len;

      g_test_message ("%s", name);
      g_assert_no_error (error);
      if (!g_file_test (src, G_FILE_TEST_EXISTS))
        g_error ("No fixture %s for schema version %d: run tests/fixtures/make-fixtures", src, v);
      g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
      g_assert_cmpint (ts_raw_count (path, "PRAGMA user_version"), ==, v);

      store = ts_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ts_store_get_schema_version (store), ==, latest);
      g_assert_true (ts_store_check (store, &error));
      g_assert_no_error (error);
      g_clear_object (&store);
      g_assert_cmpint (ts_raw_count (path, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

      /* Version 1's tables. */
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM users WHERE login = 'admin'"), ==, 1);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM audit_log"), ==, 1);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM supporters"), ==, 2);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM supporters WHERE id = 1"
                                        " AND code = 'S-0001' AND name = '佐藤 花子'"
                                        " AND municipality_code = '131059' AND status = 'registered'"
                                        " AND insurance_until = '2027-03-31' AND version = 3"
                                        " AND availability LIKE '%\"weekday\":2%'"), ==, 1);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM supporters WHERE id = 2"
                                        " AND code IS NULL AND status = 'applicant'"), ==, 1);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM training_courses c"
                                        " JOIN training_sessions s ON s.course_id = c.id"
                                        " WHERE c.title = '基礎研修 2026春'"), ==, 1);
      /* 0002: a training without a source is a direct one. */
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM trainings WHERE supporter_id = 1"
                                        " AND kind = 'initial' AND source = 'direct'"
                                        " AND completed_on = '2026-04-05'"), ==, 1);
      /* 0008: failures held the typed login and go; those already hashed stay. */
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM login_failures"), ==, v >= 8 ? 1 : 0);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM login_failures WHERE login_hash IS NULL"
                                        " OR typeof (login_hash) != 'blob'"), ==, 0);
      g_assert_cmpint (ts_raw_count (path, "SELECT count(*) FROM login_hash_key WHERE length (key) = 32"), ==, 1);

      /* Later versions' tables hold their rows from the version that made them. */
      for (guint i = 0; i < G_N_ELEMENTS (fixture_rows); i++)
        if (v >= fixture_rows[i].since)
          g_assert_cmpint (ts_raw_count (path, fixture_rows[i].sql), ==, 1);
      ts_remove_dir (dir);
    }
}

static void
one_column_from_row (TsStmt *stmt, gpointer element)
{
  *(gint64 *) element = sqlite3_column_int64 (stmt, 0);
}

/* The binds and steps every table's file shares (rows.c). */
static void
test_shared_steps (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStmt) stmt = NULL;
  gint64 value = 0;
  gboolean found = TRUE;

  (void) data;
  /* A date and an id by name; TS_DATE_NONE and 0 are NULL. */
  stmt = ts_store_prepare (f->store, "SELECT :date, :id, :none IS NULL, :zero IS NULL", &error);
  g_assert_no_error (error);
  ts_stmt_bind_named_date (stmt, ":date", ts_date_new (2026, 12, 6));
  ts_stmt_bind_named_id (stmt, ":id", 42);
  ts_stmt_bind_named_date (stmt, ":none", TS_DATE_NONE);
  ts_stmt_bind_named_id (stmt, ":zero", 0);
  g_assert_true (ts_store_step_row (f->store, stmt, "none", &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2026-12-06");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 42);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_clear_pointer (&stmt, ts_stmt_release);

  /* No row: not found, with the message given. */
  stmt = ts_store_prepare (f->store, "SELECT 1 WHERE 0", &error);
  g_assert_no_error (error);
  g_assert_false (ts_store_step_row (f->store, stmt, "No such thing", &error));
  g_assert_error (error, TS_ERROR, TS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such thing");
  g_clear_error (&error);
  g_clear_pointer (&stmt, ts_stmt_release);

  stmt = ts_store_prepare (f->store, "SELECT count (*) FROM (VALUES (1), (2), (3))", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ts_store_step_count (f->store, stmt, &error), ==, 3);
  g_assert_no_error (error);
  g_clear_pointer (&stmt, ts_stmt_release);

  /* At most one row into a struct, and whether there was one. */
  stmt = ts_store_prepare (f->store, "SELECT 7 WHERE ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, 0);
  g_assert_true (ts_store_fetch_into (f->store, stmt, &value, one_column_from_row, &found,
                                      &error));
  g_assert_no_error (error);
  g_assert_false (found);
  g_assert_cmpint (value, ==, 0);
  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, 1);
  g_assert_true (ts_store_fetch_into (f->store, stmt, &value, one_column_from_row, &found,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpint (value, ==, 7);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ts_crypto_init ();

#define ADD(path, fn) g_test_add ("/tsunagari/store/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("fresh-database", test_fresh_database);
  ADD ("newer-schema-refused", test_newer_schema_refused);
  ADD ("group-commit", test_group_commit);
  ADD ("savepoint-isolation", test_savepoint_isolation);
  ADD ("async-writes-share-commits", test_async_writes_share_commits);
  ADD ("write-fails-when-locked", test_write_fails_when_locked);
  ADD ("async-writes", test_async_writes);
  ADD ("audit-tamper-update", test_audit_tamper_update);
  ADD ("audit-tamper-delete", test_audit_tamper_delete);
  ADD ("audit-tamper-truncate", test_audit_tamper_truncate);
  ADD ("backup-while-writing", test_backup_while_writing);
  ADD ("reentrant-prepare", test_reentrant_prepare);
  ADD ("shared-steps", test_shared_steps);
#undef ADD
  g_test_add_func ("/tsunagari/store/migrate-fixtures", test_migrate_fixtures);
  g_test_add_func ("/tsunagari/store/migrate-case-age-band-unknown", test_migrate_case_age_band_unknown);
  g_test_add_func ("/tsunagari/store/migrate-placement-planned-pre-interview",
                   test_migrate_placement_planned_pre_interview);
  g_test_add_func ("/tsunagari/store/list-columns", test_list_columns);
  g_test_add_func ("/tsunagari/store/migrate-every-version", test_migrate_every_version);
  return g_test_run ();
}
