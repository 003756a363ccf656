#include "store/store-private.h"

#include <string.h>
#include <glib/gstdio.h>

#include "core/date.h"
#include "core/error.h"
#include "ts-schema-resources.h"

/* Waiting longer than this for a lock means something is wrong: the
 * writer thread is the only writer inside this process, so the lock can only
 * be held by another process (the CLI's `backup`, or `init` run by mistake
 * against a serving database). */
#define BUSY_TIMEOUT_MS 10000
/* How long a backup waits for a lock its snapshot cannot share. */
#define BACKUP_BUSY_WAIT_US (30 * G_USEC_PER_SEC)
/* How many waiting writes one commit may carry. */
#define MAX_GROUP 512
/* The longest a commit waits for the rest of a group (see writer_main). */
#define MAX_GATHER_US 1000

typedef struct {
  sqlite3    *db;
  GHashTable *stmts;              /* SQL text (static) → sqlite3_stmt* */
} TsConnection;

typedef struct {
  TsStoreWriteFunc func;
  gpointer         user_data;
  GError          *error;
  gboolean         done;
  gboolean         ok;
  GCond            done_cond;      /* the waiting thread's own: one wake-up per job */
  GTask           *task;           /* ts_store_write_async(): completed, not waited for */
} TsWriteJob;

struct _TsStore {
  GObject        parent_instance;

  char          *path;
  TsConnection  *writer;
  GThread       *writer_thread;
  GAsyncQueue   *jobs;
  GMutex         done_lock;        /* guards every job's done, ok and error */
  gboolean       closed;
  guint64        commits;

  GMutex         readers_lock;
  GHashTable    *readers;         /* GThread* → TsConnection* */
};

G_DEFINE_TYPE (TsStore, ts_store, G_TYPE_OBJECT)

/* Sentinel job that tells the writer thread to finish. */
static TsWriteJob stop_job;

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
connection_free (TsConnection *conn)
{
  if (conn == NULL)
    return;
  g_hash_table_unref (conn->stmts);
  sqlite3_close_v2 (conn->db);
  g_free (conn);
}

static gboolean
exec_pragma (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;
  /* Fixed PRAGMA text, never input. */
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK) /* -- migration */
    {
      g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE, "SQLite: %s (%s)",
                   msg != NULL ? msg : "error", sql);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static TsConnection *
connection_open (const char *path, gboolean create, GError **error)
{
  g_autoptr(GError) local = NULL;
  TsConnection *conn = g_new0 (TsConnection, 1);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  if (create)
    flags |= SQLITE_OPEN_CREATE;
  conn->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       finalize_stmt);
  rc = sqlite3_open_v2 (path, &conn->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                   "Cannot open database %s: %s", path,
                   conn->db != NULL ? sqlite3_errmsg (conn->db) : sqlite3_errstr (rc));
      connection_free (conn);
      return NULL;
    }
  sqlite3_extended_result_codes (conn->db, 1);
  sqlite3_busy_timeout (conn->db, BUSY_TIMEOUT_MS);
  /* WAL lets readers proceed while the writer commits; synchronous=FULL
   * makes every commit durable before it returns. */
  if (!exec_pragma (conn->db, "PRAGMA journal_mode=WAL", error) ||
      !exec_pragma (conn->db, "PRAGMA synchronous=FULL", error) ||
      !exec_pragma (conn->db, "PRAGMA foreign_keys=ON", error) ||
      !exec_pragma (conn->db, "PRAGMA trusted_schema=OFF", error))
    {
      connection_free (conn);
      return NULL;
    }
  return conn;
}

static TsConnection *
current_connection (TsStore *self)
{
  GThread *thread = g_thread_self ();
  TsConnection *conn;

  if (thread == self->writer_thread || self->writer_thread == NULL)
    return self->writer;

  g_mutex_lock (&self->readers_lock);
  conn = g_hash_table_lookup (self->readers, thread);
  if (conn == NULL)
    {
      g_autoptr(GError) error = NULL;
      conn = connection_open (self->path, FALSE, &error);
      if (conn == NULL)
        g_critical ("Cannot open a read connection: %s", error->message);
      else
        g_hash_table_insert (self->readers, thread, conn);
    }
  g_mutex_unlock (&self->readers_lock);
  return conn;
}

void
ts_store_set_error (TsStore *self, int rc, GError **error)
{
  TsConnection *conn = current_connection (self);
  int primary = rc & 0xff;
  TsErrorCode code = TS_ERROR_INTERNAL;

  if (primary == SQLITE_CONSTRAINT)
    code = TS_ERROR_CONFLICT;
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED ||
           primary == SQLITE_FULL || primary == SQLITE_IOERR ||
           primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY)
    code = TS_ERROR_UNAVAILABLE;
  g_set_error (error, TS_ERROR, code, "SQLite: %s",
               conn != NULL ? sqlite3_errmsg (conn->db) : sqlite3_errstr (rc));
}

/* Statements prepared because the cached one for the same SQL was busy:
 * the same query run again while its rows are still being read further up
 * the stack (a nested read during an iteration).  They belong to the
 * calling thread, as its connection does, and ts_stmt_release() finalizes
 * them instead of resetting them for the cache.  Created on first need, so
 * the usual release costs one thread-local read. */
static GPrivate uncached_stmts = G_PRIVATE_INIT ((GDestroyNotify) g_ptr_array_unref);

void
ts_stmt_release (TsStmt *stmt)
{
  GPtrArray *uncached;

  if (stmt == NULL)
    return;
  uncached = g_private_get (&uncached_stmts);
  if (uncached != NULL && uncached->len > 0 && g_ptr_array_remove_fast (uncached, stmt))
    {
      sqlite3_finalize (stmt);
      return;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* The same SQL is still being stepped further up the stack: its cached
 * statement cannot be lent twice, so this use gets a statement of its own
 * (see uncached_stmts). */
static TsStmt *
prepare_uncached (TsConnection *conn, const char *sql, GError **error)
{
  GPtrArray *uncached;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, 0, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL,
                   "SQLite: %s in %s (prepared again while in use)",
                   sqlite3_errmsg (conn->db), sql);
      sqlite3_finalize (stmt);
      return NULL;
    }
  uncached = g_private_get (&uncached_stmts);
  if (uncached == NULL)
    {
      uncached = g_ptr_array_new ();
      g_private_set (&uncached_stmts, uncached);
    }
  g_ptr_array_add (uncached, stmt);
  return stmt;
}

/* Statements are cached per connection by their SQL text, which is always a
 * string literal: the cache keys are never freed. */
TsStmt *
ts_store_prepare (TsStore *self, const char *sql, GError **error)
{
  TsConnection *conn;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  conn = current_connection (self);
  if (conn == NULL)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                           "No database connection");
      return NULL;
    }
  stmt = g_hash_table_lookup (conn->stmts, sql);
  if (stmt != NULL && !sqlite3_stmt_busy (stmt))
    return stmt;
  if (stmt != NULL)
    return prepare_uncached (conn, sql, error);
  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL, "SQLite: %s in %s",
                   sqlite3_errmsg (conn->db), sql);
      return NULL;
    }
  g_hash_table_insert (conn->stmts, (gpointer) sql, stmt);
  return stmt;
}

int
ts_store_step (TsStore *self, TsStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ts_store_set_error (self, rc, error);
  return rc;
}

gboolean
ts_store_step_done (TsStore *self, TsStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  ts_store_set_error (self, rc, error);
  return FALSE;
}

gboolean
ts_store_step_write (TsStore *self, TsStmt *stmt, const char *duplicate_message, GError **error)
{
  return ts_store_step_write_as (self, stmt, TS_ERROR_ALREADY_EXISTS, duplicate_message, error);
}

gboolean
ts_store_step_write_as (TsStore *self, TsStmt *stmt, TsErrorCode duplicate_code,
                        const char *duplicate_message, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT_UNIQUE && duplicate_message != NULL)
    {
      g_set_error_literal (error, TS_ERROR, duplicate_code, duplicate_message);
      return FALSE;
    }
  ts_store_set_error (self, rc, error);
  return FALSE;
}

gint64
ts_store_last_insert_rowid (TsStore *self)
{
  return sqlite3_last_insert_rowid (current_connection (self)->db);
}

int
ts_store_changes (TsStore *self)
{
  return sqlite3_changes (current_connection (self)->db);
}

void
ts_stmt_bind_text_or_null (TsStmt *stmt, int idx, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

void
ts_stmt_bind_date_or_null (TsStmt *stmt, int idx, guint32 date)
{
  char buf[11];
  if (date == TS_DATE_NONE)
    {
      sqlite3_bind_null (stmt, idx);
      return;
    }
  ts_date_format (date, buf);
  sqlite3_bind_text (stmt, idx, buf, 10, SQLITE_TRANSIENT);
}

guint32
ts_stmt_column_date (TsStmt *stmt, int col)
{
  TsDate date = TS_DATE_NONE;
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  if (text != NULL)
    ts_date_parse (text, &date);
  return date;
}

char *
ts_stmt_column_dup (TsStmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

TsStmt *
ts_store_prepare_id (TsStore *self, const char *sql, gint64 id, GError **error)
{
  TsStmt *stmt = ts_store_prepare (self, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

GPtrArray *
ts_store_collect (TsStore *self, TsStmt *stmt, TsRowFunc from_row, GDestroyNotify free_func,
                  GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (out, from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&out);
}

gpointer
ts_store_fetch_one (TsStore *self, TsStmt *stmt, TsRowFunc from_row, const char *not_found,
                    GError **error)
{
  if (!ts_store_step_row (self, stmt, not_found, error))
    return NULL;
  return from_row (stmt);
}

gboolean
ts_store_step_changed (TsStore *self, TsStmt *stmt, TsErrorCode code, const char *message,
                       GError **error)
{
  if (!ts_store_step_done (self, stmt, error))
    return FALSE;
  if (ts_store_changes (self) > 0)
    return TRUE;
  g_set_error_literal (error, TS_ERROR, code, message);
  return FALSE;
}

gboolean
ts_store_collect_into (TsStore *self, TsStmt *stmt, GArray *out,
                       void (*from_row) (TsStmt *stmt, gpointer element), GError **error)
{
  guint size = g_array_get_element_size (out);
  int rc;

  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gpointer element;

      g_array_set_size (out, out->len + 1);
      element = out->data + (gsize) (out->len - 1) * size;
      memset (element, 0, size);
      from_row (stmt, element);
    }
  return rc == SQLITE_DONE;
}

/* ---- transactions --------------------------------------------------- */

static gboolean
exec_simple (TsStore *self, const char *sql, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  return ts_store_step_done (self, stmt, error);
}

static void
finish_job (TsStore *self, TsWriteJob *job, gboolean ok, GError *error)
{
  if (job->task != NULL)
    {
      /* GTask runs the callback in the caller's main context. */
      if (ok)
        g_task_return_boolean (job->task, TRUE);
      else
        g_task_return_error (job->task, error != NULL ? error
                             : g_error_new_literal (TS_ERROR, TS_ERROR_INTERNAL, "The write failed"));
      g_object_unref (job->task);
      g_free (job);
      return;
    }
  g_mutex_lock (&self->done_lock);
  job->ok = ok;
  job->error = error;
  job->done = TRUE;
  g_cond_signal (&job->done_cond);
  g_mutex_unlock (&self->done_lock);
}

static gpointer
writer_main (gpointer data)
{
  TsStore *self = data;
  g_autoptr(GPtrArray) group = g_ptr_array_new ();
  gboolean stopping = FALSE;
  guint last_len = 0;
  gint64 last_commit_us = 0;

  while (!stopping)
    {
      g_autoptr(GError) begin_error = NULL;
      g_autoptr(GError) commit_error = NULL;
      TsWriteJob *job = g_async_queue_pop (self->jobs);
      gboolean committed;
      g_autofree gboolean *results = NULL;
      GError **errors;

      gint64 gather_until = g_get_monotonic_time () + MIN (MAX_GATHER_US, last_commit_us / 2);
      gint64 started;

      g_ptr_array_set_size (group, 0);
      while (job != NULL)
        {
          if (job == &stop_job)
            {
              stopping = TRUE;
              break;
            }
          g_ptr_array_add (group, job);
          if (group->len >= MAX_GROUP)
            break;
          /* Everything queued while the last commit was on its way to the
           * disk (writes, and the audit entries of reads) shares this one. */
          job = g_async_queue_try_pop (self->jobs);
          /* The requests the last commit answered are on their way back
           * with their next write (a read's audit entry): when fewer than
           * last time have arrived, wait a little for the rest — at most
           * half a commit — so that one fsync carries them all, instead
           * of the first going alone and the others waiting a whole
           * commit for the next. */
          if (job == NULL && group->len < last_len)
            {
              gint64 left = gather_until - g_get_monotonic_time ();
              if (left > 0)
                job = g_async_queue_timeout_pop (self->jobs, (guint64) left);
            }
        }
      if (group->len == 0)
        continue;
      last_len = group->len;
      started = g_get_monotonic_time ();

      results = g_new0 (gboolean, group->len);
      errors = g_new0 (GError *, group->len);
      if (!exec_simple (self, "BEGIN IMMEDIATE", &begin_error))
        {
          for (guint i = 0; i < group->len; i++)
            finish_job (self, group->pdata[i], FALSE, g_error_copy (begin_error));
          g_free (errors);
          continue;
        }

      for (guint i = 0; i < group->len; i++)
        {
          TsWriteJob *j = group->pdata[i];
          if (!exec_simple (self, "SAVEPOINT job", &errors[i]))
            continue;
          results[i] = j->func (self, j->user_data, &errors[i]);
          if (!results[i])
            {
              if (errors[i] == NULL)
                g_set_error_literal (&errors[i], TS_ERROR, TS_ERROR_INTERNAL,
                                     "A write failed without saying why");
              exec_simple (self, "ROLLBACK TO job", NULL);
            }
          exec_simple (self, "RELEASE job", NULL);
        }

      committed = exec_simple (self, "COMMIT", &commit_error);
      if (!committed)
        exec_simple (self, "ROLLBACK", NULL);
      else
        self->commits++;
      last_commit_us = g_get_monotonic_time () - started;

      for (guint i = 0; i < group->len; i++)
        {
          if (!committed)
            {
              g_clear_error (&errors[i]);
              finish_job (self, group->pdata[i], FALSE, g_error_copy (commit_error));
            }
          else
            finish_job (self, group->pdata[i], results[i], errors[i]);
        }
      g_free (errors);
    }
  return NULL;
}

gboolean
ts_store_write (TsStore *self, TsStoreWriteFunc func, gpointer user_data, GError **error)
{
  TsWriteJob job = { func, user_data, NULL, FALSE, FALSE, { 0 }, NULL };

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* A write function that writes more runs inside the same transaction. */
  if (ts_store_in_writer (self))
    return func (self, user_data, error);

  if (self->closed)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE, "The store is closed");
      return FALSE;
    }

  g_cond_init (&job.done_cond);
  g_async_queue_push (self->jobs, &job);
  g_mutex_lock (&self->done_lock);
  while (!job.done)
    g_cond_wait (&job.done_cond, &self->done_lock);
  g_mutex_unlock (&self->done_lock);
  g_cond_clear (&job.done_cond);

  if (!job.ok)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }
  g_clear_error (&job.error);
  return TRUE;
}

/* The write of ts_store_write() for a caller that must not block (the
 * main loop): @callback runs in the thread-default main context of the
 * caller once the commit is durable, or has failed; call
 * ts_store_write_finish() there.  @destroy frees @user_data afterwards. */
void
ts_store_write_async (TsStore *self, TsStoreWriteFunc func, gpointer user_data,
                      GDestroyNotify destroy, GAsyncReadyCallback callback,
                      gpointer callback_data)
{
  g_autoptr(GTask) task = NULL;
  TsWriteJob *job;

  g_return_if_fail (TS_IS_STORE (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, NULL, callback, callback_data);
  g_task_set_source_tag (task, ts_store_write_async);
  g_task_set_task_data (task, user_data, destroy);
  if (self->closed)
    {
      g_task_return_new_error (task, TS_ERROR, TS_ERROR_UNAVAILABLE, "The store is closed");
      return;
    }
  job = g_new0 (TsWriteJob, 1);
  job->func = func;
  job->user_data = user_data;
  job->task = g_steal_pointer (&task);
  g_async_queue_push (self->jobs, job);
}

gboolean
ts_store_write_finish (TsStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
write_busy_timeout (TsStore *store, gpointer user_data, GError **error)
{
  (void) error;
  sqlite3_busy_timeout (store->writer->db, GPOINTER_TO_INT (user_data));
  return TRUE;
}

/* How long the writer waits for a lock held by another process (the
 * default is BUSY_TIMEOUT_MS) before the writes waiting for it fail with
 * TS_ERROR_UNAVAILABLE, and with them the reads whose audit entries they
 * are.  Set on the writer thread, between two transactions. */
gboolean
ts_store_set_busy_timeout (TsStore *self, guint milliseconds, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  return ts_store_write (self, write_busy_timeout,
                         GINT_TO_POINTER ((int) MIN (milliseconds, G_MAXINT)), error);
}

static gboolean
write_nothing (TsStore *store, gpointer user_data, GError **error)
{
  (void) store;
  (void) user_data;
  (void) error;
  return TRUE;
}

/* Returns once every write queued before it is durable: the queue is first
 * in, first out. */
gboolean
ts_store_sync (TsStore *self, GError **error)
{
  return ts_store_write (self, write_nothing, NULL, error);
}

/* Runs func inside one read transaction on this thread's connection, so that
 * all its statements see the same snapshot. */
gboolean
ts_store_read (TsStore *self, TsStoreReadFunc func, gpointer user_data, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  if (ts_store_in_writer (self))
    return func (self, user_data, error);
  if (!exec_simple (self, "BEGIN", error))
    return FALSE;
  ok = func (self, user_data, error);
  exec_simple (self, ok ? "COMMIT" : "ROLLBACK", NULL);
  return ok;
}

gboolean
ts_store_in_writer (TsStore *self)
{
  return self->writer_thread != NULL && g_thread_self () == self->writer_thread;
}

/* ---- migrations ----------------------------------------------------- */

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static char **
list_migrations (void)
{
  /* Referencing the bundle keeps its object file, and with it the
   * constructor that registers it, in every program linking the library. */
  g_auto(GStrv) names = NULL;
  (void) ts_schema_get_resource ();
  names = g_resources_enumerate_children ("/org/tsunagari/schema", 0, NULL);
  GPtrArray *sql = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (sql, g_strdup (names[i]));
  g_ptr_array_sort (sql, compare_names);
  g_ptr_array_add (sql, NULL);
  return (char **) g_ptr_array_free (sql, FALSE);
}

int
ts_store_get_latest_schema_version (void)
{
  g_auto(GStrv) names = list_migrations ();
  return (int) g_strv_length (names);
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int v = -1;
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* Migration N is the file whose name starts with the zero-padded number N;
 * PRAGMA user_version holds the number of the last one applied.  Each runs
 * in its own transaction together with the version bump. */
static gboolean
migrate (TsStore *self, GError **error)
{
  g_auto(GStrv) names = list_migrations ();
  int version = read_user_version (self->writer->db);
  int latest = (int) g_strv_length (names);

  if (version < 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                           "Cannot read the schema version");
      return FALSE;
    }
  if (version > latest)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                   "The database has schema version %d, newer than this program's %d",
                   version, latest);
      return FALSE;
    }

  for (int n = version; n < latest; n++)
    {
      g_autofree char *path = g_strconcat ("/org/tsunagari/schema/", names[n], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
      g_autofree char *script = NULL;
      g_autofree char *bump = NULL;
      char *msg = NULL;

      if (bytes == NULL)
        return FALSE;
      if (atoi (names[n]) != n + 1)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL,
                       "Migration %s is out of sequence", names[n]);
          return FALSE;
        }
      bump = g_strdup_printf ("PRAGMA user_version = %d;", n + 1);
      script = g_strconcat ("BEGIN IMMEDIATE;\n",
                            (const char *) g_bytes_get_data (bytes, NULL),
                            "\n", bump, "\nCOMMIT;", NULL);
      /* A compiled-in migration script, never input. */
      if (sqlite3_exec (self->writer->db, script, NULL, NULL, &msg) != SQLITE_OK) /* -- migration */
        {
          g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                       "Migration %s failed: %s", names[n], msg);
          sqlite3_free (msg);
          exec_pragma (self->writer->db, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return TRUE;
}

int
ts_store_get_schema_version (TsStore *self)
{
  return read_user_version (self->writer->db);
}

/* ---- life cycle ----------------------------------------------------- */

TsStore *
ts_store_open (const char *path, GError **error)
{
  g_autoptr(TsStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->writer = connection_open (path, TRUE, error);
  if (self->writer == NULL)
    return NULL;
  if (!migrate (self, error))
    return NULL;
  self->writer_thread = g_thread_new ("ts-writer", writer_main, self);
  return g_steal_pointer (&self);
}

/* Finishes every queued write, then stops the writer. */
void
ts_store_close (TsStore *self)
{
  g_return_if_fail (TS_IS_STORE (self));
  if (self->closed)
    return;
  self->closed = TRUE;
  if (self->writer_thread != NULL)
    {
      g_async_queue_push (self->jobs, &stop_job);
      g_thread_join (self->writer_thread);
      self->writer_thread = NULL;
    }
}

gboolean
ts_store_check (TsStore *self, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT count(*) FROM users", error);

  if (stmt == NULL)
    return FALSE;
  return ts_store_step (self, stmt, error) == SQLITE_ROW;
}

guint64
ts_store_get_commit_count (TsStore *self)
{
  return self->commits;
}

/* Counts the rows of every table of a database (the backup's report). */
static gboolean
count_rows (sqlite3 *db, TsStoreBackupInfo *info)
{
  sqlite3_stmt *tables = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT name FROM sqlite_schema WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                               -1, &tables, NULL);

  while (rc == SQLITE_OK && sqlite3_step (tables) == SQLITE_ROW)
    {
      /* The name comes from the schema, quoted as an identifier (%w). */
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"",
                                   (const char *) sqlite3_column_text (tables, 0));
      sqlite3_stmt *count = NULL;

      rc = sqlite3_prepare_v2 (db, sql, -1, &count, NULL);
      sqlite3_free (sql);
      if (rc == SQLITE_OK && (rc = sqlite3_step (count)) == SQLITE_ROW)
        {
          info->tables++;
          info->rows += sqlite3_column_int64 (count, 0);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (count);
    }
  sqlite3_finalize (tables);
  if (rc != SQLITE_OK)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "SELECT coalesce(max(seq), 0) FROM audit_log", -1, &tables, NULL);
  if (rc == SQLITE_OK && sqlite3_step (tables) == SQLITE_ROW)
    info->audit_seq = sqlite3_column_int64 (tables, 0);
  sqlite3_finalize (tables);
  return rc == SQLITE_OK;
}

/* One sqlite3_backup_step() over every page copies the database inside one
 * read transaction of the source: a consistent snapshot that writers (WAL)
 * never disturb, in a time bounded by the database's size.  Copying a few
 * pages per step instead, as the backup API is often used, restarts from
 * the first page whenever another connection commits, and so never ends
 * while the service keeps writing. */
gboolean
ts_store_backup (const char        *database_path,
                 const char        *destination,
                 TsStoreBackupInfo *info,
                 GError           **error)
{
  g_autofree char *tmp = g_strconcat (destination, ".partial", NULL);
  TsStoreBackupInfo local_info = { 0 };
  TsConnection *src;
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  gint64 started = g_get_monotonic_time ();
  gint64 deadline = started + BACKUP_BUSY_WAIT_US;
  int rc;

  src = connection_open (database_path, FALSE, error);
  if (src == NULL)
    return FALSE;
  g_unlink (tmp);
  rc = sqlite3_open_v2 (tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE, "Cannot create %s: %s",
                   tmp, sqlite3_errstr (rc));
      sqlite3_close_v2 (dst);
      connection_free (src);
      return FALSE;
    }
  backup = sqlite3_backup_init (dst, "main", src->db, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (dst);
  else
    {
      /* BUSY only while another connection holds a lock the read
       * transaction cannot share (a checkpoint truncating the WAL, an
       * EXCLUSIVE transaction): wait for it, for a bounded time. */
      while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          if (g_get_monotonic_time () > deadline)
            break;
          g_usleep (10 * 1000);
        }
      sqlite3_backup_finish (backup);
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL); /* -- migration: fixed text */
  if (rc == SQLITE_OK && !count_rows (dst, &local_info))
    rc = sqlite3_errcode (dst);
  sqlite3_close_v2 (dst);
  connection_free (src);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE, "Backup failed: %s",
                   sqlite3_errstr (rc));
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, destination) != 0)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE, "Cannot rename %s to %s",
                   tmp, destination);
      g_unlink (tmp);
      return FALSE;
    }
  local_info.seconds = (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC;
  if (info != NULL)
    *info = local_info;
  return TRUE;
}

static void
ts_store_finalize (GObject *object)
{
  TsStore *self = TS_STORE (object);

  ts_store_close (self);
  g_hash_table_unref (self->readers);
  connection_free (self->writer);
  g_async_queue_unref (self->jobs);
  g_mutex_clear (&self->done_lock);
  g_mutex_clear (&self->readers_lock);
  g_free (self->path);
  G_OBJECT_CLASS (ts_store_parent_class)->finalize (object);
}

static void
ts_store_class_init (TsStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ts_store_finalize;
}

static void
ts_store_init (TsStore *self)
{
  self->jobs = g_async_queue_new ();
  self->readers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) connection_free);
  g_mutex_init (&self->done_lock);
  g_mutex_init (&self->readers_lock);
}
