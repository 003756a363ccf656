/*
 * The real tsunagari binary as a process, for the tests that run it:
 * temporary directories, `tsunagari init` and `tsunagari serve`, one-off
 * commands, HTTP requests to a served process, and SQLite read and
 * written behind its back.  The binary is $TSUNAGARI_BINARY.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A temporary directory and the database path inside it; also a GTest
 * fixture, with ts_process_tmpdir_setup() and ts_process_tmpdir_teardown(). */
typedef struct {
  char *dir;
  char *db;                      /* @dir/db.sqlite, not created */
} TsProcessTmpdir;

/* A running `tsunagari serve`. */
typedef struct {
  GSubprocess      *proc;
  GDataInputStream *out;         /* its standard output, after the URL line */
  char             *base;        /* "http://127.0.0.1:PORT", no trailing slash */
  guint             port;
} TsProcessServer;

/**
 * ts_process_tmpdir_new:
 *
 * Returns: (transfer full): a new empty temporary directory named after the
 *   test program.  Asserts on failure.
 */
char    *ts_process_tmpdir_new       (void);

/**
 * ts_process_tmpdir_remove:
 * @dir: a directory made by ts_process_tmpdir_new()
 *
 * Deletes the files in @dir (not recursively), then @dir itself.
 */
void     ts_process_tmpdir_remove    (const char *dir);

/**
 * ts_process_tmpdir_setup:
 * @t: the fixture
 * @data: unused
 *
 * GTest fixture setup: fills @t with a new directory and its database path.
 */
void     ts_process_tmpdir_setup     (TsProcessTmpdir *t, gconstpointer data);

/**
 * ts_process_tmpdir_teardown:
 * @t: the fixture
 * @data: unused
 *
 * GTest fixture teardown: removes @t's directory and frees @t's strings.
 */
void     ts_process_tmpdir_teardown  (TsProcessTmpdir *t, gconstpointer data);

/**
 * ts_process_add_tmpdir_test:
 * @path: the test's path
 * @func: `void func (TsProcessTmpdir *, gconstpointer)`
 *
 * Adds a test run in a fresh #TsProcessTmpdir.
 */
#define ts_process_add_tmpdir_test(path, func)                                   \
  g_test_add ((path), TsProcessTmpdir, NULL, ts_process_tmpdir_setup, (func),    \
              ts_process_tmpdir_teardown)

/**
 * ts_process_run:
 * @out: (out) (optional): standard output and error, merged
 * @env: (nullable): NULL-terminated name, value pairs to set
 * @...: the arguments after the binary's name, then NULL
 *
 * Runs the binary to its end.
 *
 * Returns: its exit status.
 */
int      ts_process_run              (char **out, const char *const *env, ...)
                                      G_GNUC_NULL_TERMINATED;

/**
 * ts_process_make_db:
 * @password: the administrator's password, as TSUNAGARI_ADMIN_PASSWORD
 * @dir_out: (out): the new directory holding the database
 *
 * Runs `tsunagari init` on db.sqlite in a new temporary directory.
 *
 * Returns: (transfer full): the database's path.
 */
char    *ts_process_make_db          (const char *password, char **dir_out);

/**
 * ts_process_server_start:
 * @s: where to keep the server
 * @launcher: (nullable): how to spawn it (its flags must include
 *   %G_SUBPROCESS_FLAGS_STDOUT_PIPE), or %NULL for a plain one
 * @db: the database
 * @...: more arguments to `serve`, then NULL
 *
 * Starts `tsunagari serve --database @db --listen 127.0.0.1:0 ...` and reads
 * the line with its URL.  Further lines are ts_process_server_read_line()'s.
 */
void     ts_process_server_start     (TsProcessServer *s, GSubprocessLauncher *launcher,
                                      const char *db, ...) G_GNUC_NULL_TERMINATED;

/**
 * ts_process_server_read_line:
 * @s: a started server
 *
 * Returns: (transfer full): the next line of its standard output.  Asserts
 *   there is one.
 */
char    *ts_process_server_read_line (TsProcessServer *s);

/**
 * ts_process_server_clear:
 * @s: a server, started or not
 *
 * Drops @s's process (without signalling it) and frees the rest.
 */
void     ts_process_server_clear     (TsProcessServer *s);

/**
 * ts_process_request_full:
 * @session: the session to send with
 * @base: the server's base URL
 * @method: the HTTP method
 * @path: the path, appended to @base
 * @token: (nullable): a bearer token
 * @body: (nullable): a JSON request body
 * @out_json: (out) (optional) (nullable): the reply parsed, %NULL when it is
 *   not JSON
 * @sent: (nullable): set to 1 (atomically) once the whole request is on the
 *   wire
 *
 * Returns: the reply's status, or 0 when there was no reply (the server
 *   died or was unreachable).
 */
guint    ts_process_request_full     (SoupSession *session, const char *base,
                                      const char *method, const char *path,
                                      const char *token, const char *body,
                                      JsonNode **out_json, gint *sent);

/**
 * ts_process_request:
 *
 * ts_process_request_full() without @sent.
 */
guint    ts_process_request          (SoupSession *session, const char *base,
                                      const char *method, const char *path,
                                      const char *token, const char *body,
                                      JsonNode **out_json);

/**
 * ts_process_login:
 * @base: the server's base URL
 * @password: the password of the user "admin"
 *
 * Signs in as "admin"; asserts it succeeds.
 *
 * Returns: (transfer full): the bearer token.
 */
char    *ts_process_login            (const char *base, const char *password);

/**
 * ts_process_db_open:
 * @path: a database file
 *
 * Returns: (transfer full): @path opened, waiting up to 10 s for locks.
 *   Close it with sqlite3_close().
 */
sqlite3 *ts_process_db_open          (const char *path);

/**
 * ts_process_db_exec:
 * @db: an open database
 * @sql: statements
 *
 * Runs @sql; a failure is fatal.
 */
void     ts_process_db_exec          (sqlite3 *db, const char *sql);

/**
 * ts_process_db_int:
 * @db: an open database
 * @sql: a query with at least one row
 *
 * Returns: the first column of @sql's first row, as an integer.
 */
gint64   ts_process_db_int           (sqlite3 *db, const char *sql);

/**
 * ts_process_file_exec:
 * @path: a database file
 *
 * ts_process_db_exec() on @path, opened and closed around it.
 */
void     ts_process_file_exec        (const char *path, const char *sql);

/**
 * ts_process_file_int:
 * @path: a database file
 *
 * ts_process_db_int() on @path, opened and closed around it.
 */
gint64   ts_process_file_int         (const char *path, const char *sql);

G_END_DECLS
