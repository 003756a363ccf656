#include "harness.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "core/password.h"
#include "service/users.h"

typedef struct {
  TsHarness *h;
  GMutex     lock;
  GCond      cond;
  gboolean   ready;
} StartData;

static gboolean
signal_ready (gpointer user_data)
{
  StartData *sd = user_data;
  g_mutex_lock (&sd->lock);
  sd->ready = TRUE;
  g_cond_signal (&sd->cond);
  g_mutex_unlock (&sd->lock);
  return G_SOURCE_REMOVE;
}

static gpointer
server_thread (gpointer user_data)
{
  StartData *sd = user_data;
  TsHarness *h = sd->h;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (h->context);
  h->server = ts_http_server_new (h->service);
  if (!ts_http_server_listen (h->server, "127.0.0.1", 0, &error))
    g_error ("listen: %s", error->message);
  h->port = ts_http_server_get_port (h->server);
  {
    GSource *idle = g_idle_source_new ();
    g_source_set_callback (idle, signal_ready, sd, NULL);
    g_source_attach (idle, h->context);
    g_source_unref (idle);
  }
  g_main_loop_run (h->loop);
  ts_http_server_shutdown (h->server);
  g_clear_object (&h->server);
  g_main_context_pop_thread_default (h->context);
  return NULL;
}

static void
create_user_in (TsHarness *h, const char *login, TsRole role, gint64 organisation_id,
                gint64 supporter_id, gint64 host_id)
{
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsUser) user = NULL;
  TsUserInput input = { login, TS_HARNESS_PASSWORD, role, supporter_id, host_id,
                        organisation_id, NULL };

  user = ts_service_user_create (h->service, ctx, &input, &error);
  g_assert_no_error (error);
}

static void
create_user (TsHarness *h, const char *login, TsRole role, gint64 supporter_id, gint64 host_id)
{
  create_user_in (h, login, role, 0, supporter_id, host_id);
}

TsHarness *
ts_harness_new (void)
{
  TsHarness *h = g_new0 (TsHarness, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsConfig) config = ts_config_new_default ();
  StartData sd = { h, { 0 }, { 0 }, FALSE };

  g_assert_true (ts_crypto_init ());
  h->dir = g_dir_make_tmp ("tsunagari-test-XXXXXX", &error);
  g_assert_no_error (error);
  h->db_path = g_build_filename (h->dir, "test.sqlite", NULL);
  h->store = ts_store_open (h->db_path, &error);
  g_assert_no_error (error);
  /* Argon2id at its smallest cost: the tests sign in hundreds of times and
   * check the logic, not the hash's strength. */
  config->password_hash_ops = 1;
  config->password_hash_memory_kib = 8;
  h->service = ts_service_new (h->store, config);

  create_user (h, "admin", TS_ROLE_ADMIN, 0, 0);
  create_user (h, "coordinator", TS_ROLE_COORDINATOR, 0, 0);
  create_user (h, "auditor", TS_ROLE_AUDITOR, 0, 0);

  h->context = g_main_context_new ();
  h->loop = g_main_loop_new (h->context, FALSE);
  g_mutex_init (&sd.lock);
  g_cond_init (&sd.cond);
  g_mutex_lock (&sd.lock);
  h->thread = g_thread_new ("ts-test-server", server_thread, &sd);
  while (!sd.ready)
    g_cond_wait (&sd.cond, &sd.lock);
  g_mutex_unlock (&sd.lock);
  g_mutex_clear (&sd.lock);
  g_cond_clear (&sd.cond);

  h->base = g_strdup_printf ("http://127.0.0.1:%u", h->port);
  h->session = soup_session_new_with_options ("timeout", 60, NULL);

  h->admin = ts_harness_login (h, "admin", TS_HARNESS_PASSWORD);
  h->coordinator = ts_harness_login (h, "coordinator", TS_HARNESS_PASSWORD);
  h->auditor = ts_harness_login (h, "auditor", TS_HARNESS_PASSWORD);
  return h;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

void
ts_harness_free (TsHarness *h)
{
  if (h == NULL)
    return;
  g_clear_object (&h->session);
  g_main_context_invoke (h->context, quit_loop, h->loop);
  g_thread_join (h->thread);
  g_main_loop_unref (h->loop);
  g_main_context_unref (h->context);
  ts_store_close (h->store);
  g_clear_object (&h->service);
  g_clear_object (&h->store);
  remove_tree (h->dir);
  g_free (h->dir);
  g_free (h->db_path);
  g_free (h->base);
  g_free (h->admin);
  g_free (h->coordinator);
  g_free (h->auditor);
  g_free (h);
}

gint64
ts_harness_sql_int (TsHarness *h, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_true (ts_store_sync (h->store, NULL));
  g_assert_cmpint (sqlite3_open (h->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

TsReply *
ts_harness_request_raw (TsHarness *h, const char *method, const char *path, const char *token,
                        const char *content_type, const char *body, gsize length,
                        const char *const *headers)
{
  g_autofree char *url = g_strconcat (h->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TsReply *r;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, length);
      soup_message_set_request_body_from_bytes (msg, content_type, b);
    }
  bytes = soup_session_send_and_read (h->session, msg, NULL, &error);
  g_assert_no_error (error);

  r = g_new0 (TsReply, 1);
  r->status = soup_message_get_status (msg);
  /* Every byte, NUL-terminated: a PDF holds NULs (issue 16). */
  r->length = g_bytes_get_size (bytes);
  r->body = g_malloc (r->length + 1);
  if (r->length > 0)    /* an empty GBytes may hold no data pointer */
    memcpy (r->body, g_bytes_get_data (bytes, NULL), r->length);
  r->body[r->length] = '\0';
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (r->length > 0)
    {
      const char *type = soup_message_headers_get_content_type (r->headers, NULL);
      if (type != NULL && strstr (type, "json") != NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          if (json_parser_load_from_data (parser, r->body, (gssize) r->length, NULL))
            r->json = json_node_ref (json_parser_get_root (parser));
        }
    }
  return r;
}

TsReply *
ts_harness_request (TsHarness *h, const char *method, const char *path, const char *token,
                    const char *json_body, const char *const *headers)
{
  return ts_harness_request_raw (h, method, path, token, "application/json", json_body,
                                 json_body != NULL ? strlen (json_body) : 0, headers);
}

char *
ts_harness_login (TsHarness *h, const char *login, const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"login\":\"%s\",\"password\":\"%s\"}", login, password);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/auth/token", NULL, body, NULL);

  ts_assert_status (r, 200);
  return g_strdup (json_object_get_string_member (ts_reply_object (r), "token"));
}

char *
ts_harness_user_token (TsHarness *h, const char *role, gint64 supporter_id, gint64 host_id)
{
  static gint counter = 0;
  g_autofree char *login = g_strdup_printf ("%s-%d", role, g_atomic_int_add (&counter, 1));

  create_user (h, login, ts_role_from_string (role), supporter_id, host_id);
  return ts_harness_login (h, login, TS_HARNESS_PASSWORD);
}

char *
ts_harness_user_token_in (TsHarness *h, const char *role, gint64 organisation_id,
                          gint64 supporter_id, gint64 host_id)
{
  static gint counter = 0;
  g_autofree char *login = g_strdup_printf ("%s-in-%d", role, g_atomic_int_add (&counter, 1));

  create_user_in (h, login, ts_role_from_string (role), organisation_id, supporter_id, host_id);
  return ts_harness_login (h, login, TS_HARNESS_PASSWORD);
}

gint64
ts_harness_create_organisation (TsHarness *h, const char *name, const char *kind,
                                const char *municipality_code, gint64 parent_id)
{
  g_autofree char *parent = parent_id != 0
                              ? g_strdup_printf (",\"parent_id\":%" G_GINT64_FORMAT, parent_id)
                              : g_strdup ("");
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"kind\":\"%s\","
                                           "\"municipality_code\":\"%s\"%s}",
                                           name, kind, municipality_code, parent);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/organisations", h->admin, body,
                                             NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

void
ts_harness_create_hosts (TsHarness *h, const char *token, gint64 n)
{
  for (gint64 i = 1; i <= n; i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (
        h, "POST", "/v1/hosts", token,
        "{\"name\":\"さくら農園\",\"municipality_code\":\"052019\",\"industry\":\"農業\","
        "\"address\":\"秋田市山王1-1-1\",\"contact_person\":\"佐藤 一郎\","
        "\"capacity_per_day\":2,\"weekdays_open\":[1,2,3,4,5,6]}", NULL);

      ts_assert_status (r, 201);
      g_assert_cmpint (ts_reply_id (r), ==, i);
    }
}

/* A supporter with every required field; json_overrides are extra members
 * ("\"max_cases\": 3") spliced into the object. */
gint64
ts_harness_create_supporter (TsHarness *h, const char *json_overrides)
{
  g_autofree char *body = g_strdup_printf (
    "{\"name\":\"試験 花子\",\"gender\":\"female\",\"municipality_code\":\"092011\","
    "\"peer_experience\":\"none\",\"skills\":[\"home_visit\"],\"interests\":[\"music\"],"
    "\"availability\":[]%s%s}",
    json_overrides != NULL ? "," : "", json_overrides != NULL ? json_overrides : "");
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/supporters", h->coordinator, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

/* An insured supporter (unless json_overrides says otherwise), with an
 * initial training completed on trained_on when given, registered when
 * registered. */
gint64
ts_harness_create_trained_supporter (TsHarness *h, const char *json_overrides,
                                     const char *trained_on, gboolean registered)
{
  g_autofree char *json = NULL;
  gint64 id;

  if (json_overrides == NULL || strstr (json_overrides, "insurance_until") == NULL)
    json = g_strdup_printf ("\"insurance_until\":\"2027-03-31\"%s%s",
                            json_overrides != NULL ? "," : "",
                            json_overrides != NULL ? json_overrides : "");
  else
    json = g_strdup (json_overrides);
  id = ts_harness_create_supporter (h, json);
  if (trained_on != NULL)
    {
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"initial\",\"completed_on\":\"%s\"}",
                                               trained_on);
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, body,
                                              "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
      ts_assert_status (r, 201);
    }
  if (registered)
    {
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, NULL,
                                              "/v1/supporters/%" G_GINT64_FORMAT "/register", id);
      ts_assert_status (r, 200);
    }
  return id;
}

/* ts_harness_request() with a printf-style path. */
TsReply *
ts_harness_call (TsHarness *h, const char *method, const char *token, const char *json_body,
                 const char *path_format, ...)
{
  va_list args;
  g_autofree char *path = NULL;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return ts_harness_request (h, method, path, token, json_body, NULL);
}

void
ts_assert_problem (TsReply *r, guint status, const char *code, const char *field)
{
  ts_assert_status (r, status);
  g_assert_cmpstr (ts_reply_code (r), ==, code);
  if (field != NULL && !ts_reply_has_field_error (r, field))
    g_error ("expected a field error for %s: %s", field, r->body);
}

void
ts_reply_free (TsReply *r)
{
  if (r == NULL)
    return;
  g_free (r->body);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_free (r);
}

JsonObject *
ts_reply_object (TsReply *r)
{
  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    g_error ("reply is not a JSON object (status %u): %s", r->status, r->body);
  return json_node_get_object (r->json);
}

const char *
ts_reply_header (TsReply *r, const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

const char *
ts_reply_code (TsReply *r)
{
  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (r->json), "code", NULL);
}

gboolean
ts_reply_has_field_error (TsReply *r, const char *field)
{
  JsonArray *errors;

  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json) ||
      !json_object_has_member (json_node_get_object (r->json), "errors"))
    return FALSE;
  errors = json_object_get_array_member (json_node_get_object (r->json), "errors");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (errors, i), "field"),
                   field) == 0)
      return TRUE;
  return FALSE;
}

gint64
ts_reply_id (TsReply *r)
{
  return ts_reply_int (r, "id");
}

gint64
ts_reply_int (TsReply *r, const char *member)
{
  return json_object_get_int_member (ts_reply_object (r), member);
}

const char *
ts_reply_str (TsReply *r, const char *member)
{
  return json_object_get_string_member (ts_reply_object (r), member);
}

void
ts_harness_fixture_set_up (TsHarnessFixture *f, gconstpointer today)
{
  if (today != NULL)
    g_setenv ("TSUNAGARI_TODAY", today, TRUE);
  f->h = ts_harness_new ();
}

void
ts_harness_fixture_tear_down (TsHarnessFixture *f, gconstpointer today)
{
  g_clear_pointer (&f->h, ts_harness_free);
  if (today != NULL)
    g_setenv ("TSUNAGARI_TODAY", today, TRUE);
}

void
ts_two_orgs_set_up (TsTwoOrgs *o, const char *today)
{
  TsHarness *h;

  g_setenv ("TSUNAGARI_TODAY", today, TRUE);
  o->h = h = ts_harness_new ();
  o->bunkyo = ts_harness_create_organisation (h, "文京区", "municipality", "131059", 0);
  o->taito = ts_harness_create_organisation (h, "台東区", "municipality", "131067", 0);
  o->coord = ts_harness_user_token_in (h, "coordinator", o->bunkyo, 0, 0);
  o->other_coord = ts_harness_user_token_in (h, "coordinator", o->taito, 0, 0);
  o->auditor = ts_harness_user_token_in (h, "auditor", o->bunkyo, 0, 0);
  o->sup = ts_harness_create_registered_supporter (h, o->coord, NULL);
  o->supporter = ts_harness_user_token_in (h, "supporter", o->bunkyo, o->sup, 0);
  o->host = ts_harness_user_token_in (h, "host", o->bunkyo, 0, 1);
}

void
ts_two_orgs_tear_down (TsTwoOrgs *o)
{
  g_clear_pointer (&o->h, ts_harness_free);
  g_clear_pointer (&o->coord, g_free);
  g_clear_pointer (&o->other_coord, g_free);
  g_clear_pointer (&o->auditor, g_free);
  g_clear_pointer (&o->supporter, g_free);
  g_clear_pointer (&o->host, g_free);
  g_unsetenv ("TSUNAGARI_TODAY");
}

/* An insured supporter with an initial training on 2025-04-10, registered
 * on 2025-05-01, created by @token (so of its organisation). */
gint64
ts_harness_create_registered_supporter (TsHarness *h, const char *token,
                                        const char *overrides)
{
  g_autofree char *body = g_strdup_printf (
    "{\"name\":\"試験 花子\",\"gender\":\"female\",\"municipality_code\":\"092011\","
    "\"peer_experience\":\"none\",\"skills\":[\"home_visit\"],\"interests\":[\"music\"],"
    "\"availability\":[],\"insurance_until\":\"2027-03-31\"%s%s}",
    overrides != NULL ? "," : "", overrides != NULL ? overrides : "");
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/supporters", token, body, NULL);
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  {
    g_autoptr(TsReply) t = ts_harness_call (h, "POST", token,
                                            "{\"kind\":\"initial\",\"completed_on\":\"2025-04-10\"}",
                                            "/v1/supporters/%" G_GINT64_FORMAT "/trainings", id);
    ts_assert_status (t, 201);
  }
  {
    g_autoptr(TsReply) g = ts_harness_call (h, "POST", token, "{\"registered_on\":\"2025-05-01\"}",
                                            "/v1/supporters/%" G_GINT64_FORMAT "/register", id);
    ts_assert_status (g, 200);
  }
  return id;
}

/* A case created (and, when @assessed, assessed) by @token. */
gint64
ts_harness_create_case (TsHarness *h, const char *token, const char *consent_scope,
                        gboolean assessed)
{
  g_autofree char *body = g_strdup_printf (
    "{\"nickname\":\"Dさん\",\"municipality_code\":\"092029\",\"age_band\":\"30s\","
    "\"gender\":\"male\",\"household\":\"single\",\"needs\":[\"home_visit\"],"
    "\"interests\":[\"music\"],\"referring_agency\":\"紹介元の秘密\","
    "\"consent\":{\"obtained_on\":\"2026-05-01\",\"scope\":%s%s}}",
    consent_scope,
    strstr (consent_scope, "share_with_agency") != NULL ? ",\"agency\":\"受け手の社協\"" : "");
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/cases", token, body, NULL);
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  if (assessed)
    {
      g_autoptr(TsReply) a = ts_harness_call (h, "POST", token,
                                              "{\"held_on\":\"2026-06-01\",\"participants\":[\"coordinator\"],"
                                              "\"summary\":\"アセスメントの秘密の記録\"}",
                                              "/v1/cases/%" G_GINT64_FORMAT "/assessment", id);
      ts_assert_status (a, 201);
    }
  return id;
}

gint64
ts_harness_create_assignment (TsHarness *h, const char *token, gint64 case_id,
                              gint64 supporter_id, const char *starts_on)
{
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                                           G_GINT64_FORMAT ",\"starts_on\":\"%s\"}",
                                           case_id, supporter_id, starts_on);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/assignments", token, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

gint64
ts_harness_create_assigned_case (TsHarness *h, gint64 supporter_id)
{
  const char *body = "{\"nickname\":\"Mさん\",\"municipality_code\":\"092029\",\"age_band\":\"30s\","
                     "\"gender\":\"female\",\"household\":\"single\","
                     "\"consent\":{\"obtained_on\":\"2025-03-01\","
                     "\"scope\":[\"matching\",\"support\"]}}";
  g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/cases", h->coordinator, body, NULL);
  g_autoptr(TsReply) a = NULL;

  ts_assert_status (c, 201);
  a = ts_harness_call (h, "POST", h->coordinator,
                       "{\"held_on\":\"2025-03-10\",\"participants\":[\"coordinator\"],"
                       "\"summary\":\"会議\"}",
                       "/v1/cases/%" G_GINT64_FORMAT "/assessment", ts_reply_id (c));
  ts_assert_status (a, 201);
  return ts_harness_create_assignment (h, h->coordinator, ts_reply_id (c), supporter_id,
                                       "2026-04-01");
}

gint64
ts_harness_report_activity (TsHarness *h, const char *token, gint64 assignment_id,
                            const char *date)
{
  g_autofree char *body = g_strdup_printf (
    "{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\",\"start\":\"10:00\",\"minutes\":90,"
    "\"kind\":\"home_visit\",\"transport_yen\":1500}", assignment_id, date);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/activities", token, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

void
ts_harness_approve_activity (TsHarness *h, gint64 id)
{
  g_autoptr(TsReply) r = ts_harness_call (h, "POST", h->coordinator, NULL,
                                          "/v1/activities/%" G_GINT64_FORMAT "/approve", id);

  ts_assert_status (r, 200);
}

gint64
ts_harness_approved_activity (TsHarness *h, const char *token, gint64 assignment_id,
                              const char *date)
{
  gint64 id = ts_harness_report_activity (h, token, assignment_id, date);

  ts_harness_approve_activity (h, id);
  return id;
}

void
ts_harness_set_rates (TsHarness *h, const char *effective_from, gint64 per_activity,
                      gint64 per_hour, gint64 transport_cap)
{
  g_autofree char *body = g_strdup_printf (
    "{\"effective_from\":\"%s\",\"honorarium_per_activity_yen\":%" G_GINT64_FORMAT ","
    "\"honorarium_per_hour_yen\":%" G_GINT64_FORMAT ",\"transport_cap_yen\":%" G_GINT64_FORMAT ","
    "\"host_stipend_per_day_yen\":1500}", effective_from, per_activity, per_hour, transport_cap);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/rates", h->admin, body, NULL);

  ts_assert_status (r, 201);
}

gint64
ts_harness_create_placement_case (TsHarness *h, const char *nickname, const char *scope)
{
  g_autofree char *body = g_strdup_printf (
    "{\"nickname\":\"%s\",\"municipality_code\":\"052019\",\"age_band\":\"20s\","
    "\"gender\":\"male\",\"household\":\"two\","
    "\"consent\":{\"obtained_on\":\"2026-04-01\",\"scope\":[%s]}}",
    nickname, scope != NULL ? scope : "\"support\",\"placement\"");
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/cases", h->coordinator, body, NULL);

  ts_assert_status (r, 201);
  return ts_reply_id (r);
}

gint64
ts_harness_create_host (TsHarness *h, const char *name, int capacity, gboolean registered)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"municipality_code\":\"052019\","
                                           "\"capacity_per_day\":%d}", name, capacity);
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/hosts", h->coordinator, body, NULL);
  gint64 id;

  ts_assert_status (r, 201);
  id = ts_reply_id (r);
  if (registered)
    {
      g_autoptr(TsReply) s = ts_harness_call (h, "POST", h->coordinator,
                                              "{\"surveyed_on\":\"2026-05-20\","
                                              "\"result\":\"approved\"}",
                                              "/v1/hosts/%" G_GINT64_FORMAT "/survey", id);
      ts_assert_status (s, 200);
    }
  return id;
}

gint64
ts_harness_audit_entries (TsHarness *h)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/audit/log/verify", h->auditor,
                                             NULL, NULL);

  ts_assert_status (r, 200);
  g_assert_true (json_object_get_boolean_member (ts_reply_object (r), "ok"));
  return json_object_get_int_member (ts_reply_object (r), "entries");
}

void
ts_assigned_set_up (TsAssigned *a, const char *today, const char *consent_scope,
                    const char *sup_overrides)
{
  TsHarness *h;
  gint64 other_sup, other_case;

  g_setenv ("TSUNAGARI_TODAY", today, TRUE);
  a->h = h = ts_harness_new ();
  a->org = ts_harness_create_organisation (h, "文京区", "municipality", "131059", 0);
  a->other_org = ts_harness_create_organisation (h, "台東区", "municipality", "131067", 0);
  a->coord = ts_harness_user_token_in (h, "coordinator", a->org, 0, 0);
  a->other_coord = ts_harness_user_token_in (h, "coordinator", a->other_org, 0, 0);
  a->auditor = ts_harness_user_token_in (h, "auditor", a->org, 0, 0);
  a->host = ts_harness_user_token_in (h, "host", a->org, 0, 1);
  a->sup = ts_harness_create_registered_supporter (h, a->coord, sup_overrides);
  a->sup2 = ts_harness_create_registered_supporter (h, a->coord, NULL);
  a->sup_tok = ts_harness_user_token_in (h, "supporter", a->org, a->sup, 0);
  a->sup2_tok = ts_harness_user_token_in (h, "supporter", a->org, a->sup2, 0);
  a->case_id = ts_harness_create_case (h, a->coord, consent_scope, TRUE);
  a->case2 = ts_harness_create_case (h, a->coord, consent_scope, TRUE);
  a->asg = ts_harness_create_assignment (h, a->coord, a->case_id, a->sup, "2026-04-01");
  a->asg2 = ts_harness_create_assignment (h, a->coord, a->case2, a->sup2, "2026-04-01");
  other_sup = ts_harness_create_registered_supporter (h, a->other_coord, NULL);
  other_case = ts_harness_create_case (h, a->other_coord, consent_scope, TRUE);
  a->other_asg = ts_harness_create_assignment (h, a->other_coord, other_case, other_sup,
                                               "2026-04-01");
}

void
ts_assigned_tear_down (TsAssigned *a)
{
  g_clear_pointer (&a->h, ts_harness_free);
  g_clear_pointer (&a->coord, g_free);
  g_clear_pointer (&a->other_coord, g_free);
  g_clear_pointer (&a->auditor, g_free);
  g_clear_pointer (&a->host, g_free);
  g_clear_pointer (&a->sup_tok, g_free);
  g_clear_pointer (&a->sup2_tok, g_free);
  g_unsetenv ("TSUNAGARI_TODAY");
}

char *
ts_placement_body (gint64 case_id, gint64 host_id, const char *days)
{
  return g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ","
                          "\"days\":[%s],\"hours_per_day\":4," TS_PRE_INTERVIEW "}",
                          case_id, host_id, days);
}

char *
ts_days_json (const char *first, guint n)
{
  GString *out = g_string_new (NULL);
  TsDate d;

  g_assert_true (ts_date_parse (first, &d));
  for (guint i = 0; i < n; i++)
    {
      char buf[11];
      ts_date_format (ts_date_add_days (d, (int) i), buf);
      g_string_append_printf (out, "%s\"%s\"", i > 0 ? "," : "", buf);
    }
  return g_string_free (out, FALSE);
}

GArray *
ts_harness_list_ids (TsHarness *h, const char *collection, const char *query, char **next_cursor)
{
  g_autofree char *path = g_strconcat ("/v1/", collection, query, NULL);
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, h->coordinator, NULL, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *arr;
  JsonNode *next;

  ts_assert_status (r, 200);
  arr = json_object_get_array_member (ts_reply_object (r), collection);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (arr, i), "id");
      g_array_append_val (ids, id);
    }
  next = json_object_get_member (ts_reply_object (r), "next_cursor");
  if (next_cursor != NULL)
    *next_cursor = JSON_NODE_HOLDS_NULL (next) ? NULL : g_strdup (json_node_get_string (next));
  return ids;
}
