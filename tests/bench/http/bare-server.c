/*
 * bare-server: the reference program of the HTTP benchmark.
 *
 * It does the work one tsunagari request needs and nothing else: libsoup 3
 * on a single-threaded main loop, one SQLite connection in WAL mode with
 * synchronous=FULL, statements prepared once, one JSON parse per request
 * body and one transaction per write.  No authentication, no validation
 * beyond the JSON types, no audit entry, no writer thread.  The service's
 * figures are read as ratios against this program measured in the same run
 * on the same machine, so that the targets in docs/performance.md do not
 * depend on how fast the host's disk or CPU is.
 *
 *   GET  /ping                 200 "ok"
 *   GET  /v1/supporters/{id}   one primary-key SELECT, JSON body
 *   POST /v1/supporters        one JSON parse, BEGIN IMMEDIATE; INSERT; COMMIT
 */
#include <glib.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define BARE_PREFIX "/v1/supporters"

typedef struct
{
  sqlite3 *db;
  sqlite3_stmt *select_one;
  sqlite3_stmt *begin;
  sqlite3_stmt *insert;
  sqlite3_stmt *commit;
  sqlite3_stmt *rollback;
} BareStore;

static const char bare_schema[] =
  "CREATE TABLE IF NOT EXISTS supporter ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  gender TEXT NOT NULL,"
  "  municipality_code TEXT NOT NULL,"
  "  peer_experience TEXT NOT NULL,"
  "  skills TEXT NOT NULL,"
  "  interests TEXT NOT NULL,"
  "  availability TEXT NOT NULL,"
  "  max_cases INTEGER NOT NULL,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
  ")";

static gboolean
bare_exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("bare-server: %s: %s\n", sql, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bare_prepare (sqlite3 *db, const char *sql, sqlite3_stmt **out)
{
  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL)
      != SQLITE_OK)
    {
      g_printerr ("bare-server: %s: %s\n", sql, sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
bare_store_open (BareStore *store, const char *path)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
              | SQLITE_OPEN_NOMUTEX;

  if (sqlite3_open_v2 (path, &store->db, flags, NULL) != SQLITE_OK)
    {
      g_printerr ("bare-server: cannot open %s: %s\n", path,
                  sqlite3_errmsg (store->db));
      return FALSE;
    }
  sqlite3_busy_timeout (store->db, 5000);

  /* The same durability settings the service uses: a COMMIT returns only
   * once the WAL frame is on disk. */
  return bare_exec (store->db, "PRAGMA journal_mode=WAL")
         && bare_exec (store->db, "PRAGMA synchronous=FULL")
         && bare_exec (store->db, "PRAGMA foreign_keys=ON")
         && bare_exec (store->db, bare_schema)
         && bare_prepare (store->db,
                          "SELECT id, name, gender, municipality_code,"
                          " peer_experience, skills, interests, availability,"
                          " max_cases, created_at"
                          " FROM supporter WHERE id = ?1",
                          &store->select_one)
         && bare_prepare (store->db, "BEGIN IMMEDIATE", &store->begin)
         && bare_prepare (store->db,
                          "INSERT INTO supporter (name, gender,"
                          " municipality_code, peer_experience, skills,"
                          " interests, availability, max_cases)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                          &store->insert)
         && bare_prepare (store->db, "COMMIT", &store->commit)
         && bare_prepare (store->db, "ROLLBACK", &store->rollback);
}

static void
bare_store_close (BareStore *store)
{
  sqlite3_finalize (store->select_one);
  sqlite3_finalize (store->begin);
  sqlite3_finalize (store->insert);
  sqlite3_finalize (store->commit);
  sqlite3_finalize (store->rollback);
  sqlite3_close (store->db);
}

static gboolean
bare_step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static void
bare_respond (SoupServerMessage *msg,
              guint              status,
              const char        *content_type,
              char              *body)
{
  gsize length = strlen (body);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    body, length);
}

static void
bare_respond_json (SoupServerMessage *msg, guint status, JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  bare_respond (msg, status, "application/json",
                json_to_string (root, FALSE));
}

static void
bare_respond_problem (SoupServerMessage *msg, guint status, const char *code)
{
  bare_respond (msg, status, "application/problem+json",
                g_strdup_printf ("{\"status\":%u,\"code\":\"%s\"}", status,
                                 code));
}

/* The list columns hold the JSON text the client sent; they go back into
 * the response as JSON values, not as strings. */
static void
bare_add_json_column (JsonBuilder  *builder,
                      const char   *name,
                      sqlite3_stmt *stmt,
                      int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  JsonNode *node = json_from_string (text != NULL ? text : "[]", NULL);

  json_builder_set_member_name (builder, name);
  if (node != NULL)
    json_builder_add_value (builder, node);
  else
    json_builder_add_null_value (builder);
}

static void
bare_add_text_column (JsonBuilder  *builder,
                      const char   *name,
                      sqlite3_stmt *stmt,
                      int           column)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (
    builder, (const char *) sqlite3_column_text (stmt, column));
}

static void
bare_get_supporter (BareStore         *store,
                    SoupServerMessage *msg,
                    const char        *id_text)
{
  g_autoptr(JsonBuilder) builder = NULL;
  sqlite3_stmt *stmt = store->select_one;
  guint64 id = 0;
  int rc;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    {
      bare_respond_problem (msg, SOUP_STATUS_NOT_FOUND, "not_found");
      return;
    }

  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        bare_respond_problem (msg, SOUP_STATUS_NOT_FOUND, "not_found");
      else
        bare_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                              "internal");
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  bare_add_text_column (builder, "name", stmt, 1);
  bare_add_text_column (builder, "gender", stmt, 2);
  bare_add_text_column (builder, "municipality_code", stmt, 3);
  bare_add_text_column (builder, "peer_experience", stmt, 4);
  bare_add_json_column (builder, "skills", stmt, 5);
  bare_add_json_column (builder, "interests", stmt, 6);
  bare_add_json_column (builder, "availability", stmt, 7);
  json_builder_set_member_name (builder, "max_cases");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 8));
  bare_add_text_column (builder, "created_at", stmt, 9);
  json_builder_end_object (builder);
  sqlite3_reset (stmt);

  bare_respond_json (msg, SOUP_STATUS_OK, builder);
}

static const char *
bare_member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
bare_member_array_text (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_to_string (node, FALSE);
}

static void
bare_post_supporter (BareStore *store, SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *skills = NULL;
  g_autofree char *interests = NULL;
  g_autofree char *availability = NULL;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  JsonNode *root;
  JsonNode *node;
  JsonObject *object;
  const char *name, *gender, *municipality_code, *peer_experience;
  gint64 max_cases = 2;
  sqlite3_stmt *stmt = store->insert;
  gint64 id;

  body = soup_message_body_flatten (request);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   (gssize) g_bytes_get_size (body), NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bare_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, "invalid_json");
      return;
    }

  object = json_node_get_object (root);
  name = bare_member_string (object, "name");
  gender = bare_member_string (object, "gender");
  municipality_code = bare_member_string (object, "municipality_code");
  peer_experience = bare_member_string (object, "peer_experience");
  skills = bare_member_array_text (object, "skills");
  interests = bare_member_array_text (object, "interests");
  availability = bare_member_array_text (object, "availability");
  node = json_object_get_member (object, "max_cases");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          bare_respond_problem (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                "validation_failed");
          return;
        }
      max_cases = json_node_get_int (node);
    }
  if (name == NULL || gender == NULL || municipality_code == NULL
      || peer_experience == NULL || skills == NULL || interests == NULL
      || availability == NULL)
    {
      bare_respond_problem (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                            "validation_failed");
      return;
    }

  if (!bare_step_done (store->begin))
    {
      bare_respond_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "busy");
      return;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, gender, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, municipality_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, peer_experience, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, skills, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, interests, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, availability, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, max_cases);
  if (!bare_step_done (stmt))
    {
      sqlite3_clear_bindings (stmt);
      bare_step_done (store->rollback);
      bare_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                            "internal");
      return;
    }
  sqlite3_clear_bindings (stmt);
  id = sqlite3_last_insert_rowid (store->db);
  if (!bare_step_done (store->commit))
    {
      bare_step_done (store->rollback);
      bare_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                            "internal");
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  bare_respond_json (msg, SOUP_STATUS_CREATED, builder);
}

static void
bare_handle (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  BareStore *store = user_data;
  const char *method = soup_server_message_get_method (msg);

  (void) server;
  (void) query;

  if (g_str_equal (path, "/ping") && g_str_equal (method, SOUP_METHOD_GET))
    bare_respond (msg, SOUP_STATUS_OK, "text/plain", g_strdup ("ok"));
  else if (g_str_equal (path, BARE_PREFIX) && g_str_equal (method, SOUP_METHOD_POST))
    bare_post_supporter (store, msg);
  else if (g_str_has_prefix (path, BARE_PREFIX "/")
           && g_str_equal (method, SOUP_METHOD_GET))
    bare_get_supporter (store, msg, path + strlen (BARE_PREFIX "/"));
  else
    bare_respond_problem (msg, SOUP_STATUS_NOT_FOUND, "not_found");
}

static gboolean
bare_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *database = NULL;
  g_autoslist(GUri) uris = NULL;
  BareStore store = { 0 };
  int port = 0;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      "Loopback port to listen on (0: any free port)", "N" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      "SQLite database file (created if missing)", "PATH" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- tsunagari HTTP benchmark reference");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bare-server: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (database == NULL || port < 0 || port > 65535)
    {
      g_printerr ("bare-server: usage: bare-server --port N --database PATH\n");
      return EXIT_FAILURE;
    }

  if (!bare_store_open (&store, database))
    {
      bare_store_close (&store);
      return EXIT_FAILURE;
    }

  server = soup_server_new ("server-header", "bare-server", NULL);
  soup_server_add_handler (server, NULL, bare_handle, &store, NULL);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", (guint) port);
  if (!soup_server_listen (server, address, 0, &error))
    {
      g_printerr ("bare-server: cannot listen on 127.0.0.1:%d: %s\n", port,
                  error->message);
      bare_store_close (&store);
      return EXIT_FAILURE;
    }

  uris = soup_server_get_uris (server);
  if (uris != NULL)
    g_print ("listening on http://127.0.0.1:%d/\n", g_uri_get_port (uris->data));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, bare_quit, loop);
  g_unix_signal_add (SIGTERM, bare_quit, loop);
  g_main_loop_run (loop);

  soup_server_disconnect (server);
  bare_store_close (&store);
  return EXIT_SUCCESS;
}
