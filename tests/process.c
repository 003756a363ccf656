/*
 * The real tsunagari binary as a process: see process.h.
 */
#include "process.h"

#include <string.h>
#include <glib/gstdio.h>

char *
ts_process_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  const char *prgname = g_get_prgname ();
  g_autofree char *name = g_path_get_basename (prgname != NULL ? prgname : "tsunagari-test");
  g_autofree char *tmpl = g_strconcat (name, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
ts_process_tmpdir_remove (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

void
ts_process_tmpdir_setup (TsProcessTmpdir *t, gconstpointer data)
{
  (void) data;
  t->dir = ts_process_tmpdir_new ();
  t->db = g_build_filename (t->dir, "db.sqlite", NULL);
}

void
ts_process_tmpdir_teardown (TsProcessTmpdir *t, gconstpointer data)
{
  (void) data;
  ts_process_tmpdir_remove (t->dir);
  g_clear_pointer (&t->dir, g_free);
  g_clear_pointer (&t->db, g_free);
}

int
ts_process_run (char **out, const char *const *env, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TSUNAGARI_BINARY"));
  va_start (ap, env);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_buf, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  return g_subprocess_get_exit_status (proc);
}

char *
ts_process_make_db (const char *password, char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ts_process_tmpdir_new ();
  g_autofree char *db = g_build_filename (dir, "db.sqlite", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) init = NULL;

  g_subprocess_launcher_setenv (launcher, "TSUNAGARI_ADMIN_PASSWORD", password, TRUE);
  init = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TSUNAGARI_BINARY"),
                                      "init", "--database", db, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (init, NULL, &error));
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return g_steal_pointer (&db);
}

void
ts_process_server_start (TsProcessServer *s, GSubprocessLauncher *launcher, const char *db, ...)
{
  g_autoptr(GSubprocessLauncher) plain = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *url, *colon;
  const char *arg;
  va_list ap;

  memset (s, 0, sizeof *s);
  if (launcher == NULL)
    launcher = plain = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("TSUNAGARI_BINARY"));
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  va_start (ap, db);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  s->proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  s->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
  line = ts_process_server_read_line (s);
  url = strstr (line, "http://");
  g_assert_nonnull (url);
  g_assert_true (g_str_has_suffix (url, "/"));
  s->base = g_strndup (url, strlen (url) - 1);   /* without the trailing slash */
  colon = strrchr (s->base, ':');
  g_assert_nonnull (colon);
  s->port = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
  g_assert_cmpuint (s->port, >, 0);
}

char *
ts_process_server_read_line (TsProcessServer *s)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line (s->out, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

void
ts_process_server_clear (TsProcessServer *s)
{
  g_clear_object (&s->out);
  g_clear_object (&s->proc);
  g_clear_pointer (&s->base, g_free);
}

static void
wrote_body (SoupMessage *msg, gpointer user_data)
{
  (void) msg;
  g_atomic_int_set ((gint *) user_data, 1);
}

guint
ts_process_request_full (SoupSession *session, const char *base, const char *method,
                         const char *path, const char *token, const char *body,
                         JsonNode **out_json, gint *sent)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;

  if (sent != NULL)
    g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body), sent);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  if (reply == NULL)
    return 0;                    /* the server died under us */
  if (out_json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      *out_json = NULL;
      if (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                      (gssize) g_bytes_get_size (reply), NULL))
        *out_json = json_node_ref (json_parser_get_root (parser));
    }
  return soup_message_get_status (msg);
}

guint
ts_process_request (SoupSession *session, const char *base, const char *method, const char *path,
                    const char *token, const char *body, JsonNode **out_json)
{
  return ts_process_request_full (session, base, method, path, token, body, out_json, NULL);
}

char *
ts_process_login (const char *base, const char *password)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  guint status;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "login");
  json_builder_add_string_value (b, "admin");
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, password);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);
  status = ts_process_request (session, base, "POST", "/v1/auth/token", NULL, body, &json);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (json), "token"));
}

sqlite3 *
ts_process_db_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

void
ts_process_db_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

gint64
ts_process_db_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

void
ts_process_file_exec (const char *path, const char *sql)
{
  sqlite3 *db = ts_process_db_open (path);

  ts_process_db_exec (db, sql);
  sqlite3_close (db);
}

gint64
ts_process_file_int (const char *path, const char *sql)
{
  sqlite3 *db = ts_process_db_open (path);
  gint64 v = ts_process_db_int (db, sql);

  sqlite3_close (db);
  return v;
}
