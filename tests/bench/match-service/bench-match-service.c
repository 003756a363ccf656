/*
 * Matching end to end (issue 4): the batch through the service (load from
 * the store, filter, score, solve, answer) and the candidate list over
 * HTTP.  tests/bench/match-service/run drives it; docs/performance.md
 * keeps the figures.
 *
 *   bench-match-service create PATH CASES SUPPORTERS [ORGANISATIONS]
 *       a fresh database with synthetic data (fixed seed), written with
 *       plain SQL in one transaction, and a coordinator account of
 *       organisation 1; with ORGANISATIONS > 1 (SPEC 2.6) the supporters
 *       and cases are dealt round-robin over that many organisations
 *   bench-match-service batch PATH [ORGANISATION]
 *       the batch without commit, twice: cold (the supporters cache empty,
 *       as after a restart or a write) and warm; one JSON line.  With
 *       ORGANISATION, as a coordinator of it: its cases from its pool
 *   bench-match-service http URL CASE_ID REQUESTS
 *       GET /v1/cases/{id}/candidates?limit=50&excluded=all REQUESTS times on one
 *       keep-alive connection; latency percentiles as one JSON line
 *
 * The instance is shaped like tests/bench/match's: ~86% of the supporters
 * dispatchable, every case requiring a gender, half avoiding their own
 * municipality (~42% of the pairs allowed), capacities 1–3, a few excluded
 * pairs and earlier assignments (continuity).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <libsoup/soup.h>
#include <sqlite3.h>

#include "core/password.h"
#include "domain/municipality.h"
#include "service/matching.h"
#include "service/users.h"

#define SEED 20250601
#define PASSWORD "bench-staff-password-0123"

static const char *const interests_vocab[] = {
  "games", "anime", "manga", "music", "guitar", "piano", "karaoke", "cooking",
  "baking", "walking", "cycling", "fishing", "camping", "gardening",
  "reading", "novels", "history", "trains", "cars", "photography", "drawing",
  "calligraphy", "crafts", "knitting", "movies", "dramas", "idols", "sports",
  "baseball", "soccer", "pets", "cats", "dogs", "computers", "programming",
  "shogi", "go", "puzzles", "travel", "languages",
};
static const char *const occupations_vocab[] = {
  "welfare", "social_worker", "psychologist", "teacher", "nurse",
  "office_worker", "retired", "student", "self_employed", "homemaker",
};
static const char *const skills_vocab[] = {
  "home_visit", "accompany", "phone", "space", "family_support", "online",
};

static double
peak_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (double) ru.ru_maxrss / 1024.0;
}

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static guint
pick (GRand *r, guint n)
{
  return (guint) g_rand_int_range (r, 0, (gint32) n);
}

static void
check (sqlite3 *db, int rc)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("SQLite: %s", sqlite3_errmsg (db));
}

static char *
words_json (GRand *r, const char *const *vocab, guint n_vocab, guint min, guint max)
{
  GString *out = g_string_new ("[");
  guint n = min + pick (r, max - min + 1);

  for (guint k = 0; k < n; k++)
    g_string_append_printf (out, "%s\"%s\"", k > 0 ? "," : "", vocab[pick (r, n_vocab)]);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static char *
slots_json (GRand *r, guint min, guint max)
{
  GString *out = g_string_new ("[");
  guint n = min + pick (r, max - min + 1);

  for (guint k = 0; k < n; k++)
    {
      guint from = (8 + pick (r, 12)) * 60;
      g_string_append_printf (out, "%s{\"weekday\":%u,\"from_min\":%u,\"to_min\":%u}",
                              k > 0 ? "," : "", 1 + pick (r, 7), from, from + (1 + pick (r, 8)) * 30);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static void
bind_date (sqlite3_stmt *stmt, int idx, TsDate date)
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

static int
do_create (const char *path, guint n_cases, guint n_supporters, guint n_orgs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) r = g_rand_new_with_seed (SEED + n_cases * 7 + n_supporters);
  g_autoptr(GPtrArray) codes = ts_municipality_list ("09", TS_MUNICIPALITY_KIND_LOCAL);
  TsDate on = ts_date_today ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db = NULL;
  sqlite3_stmt *sup, *train, *cas, *excl, *hist;

  /* The schema comes from the store's own migrations. */
  {
    g_autoptr(TsStore) store = ts_store_open (path, &error);
    g_autoptr(TsConfig) config = ts_config_new_default ();
    g_autoptr(TsService) service = NULL;
    g_autoptr(TsContext) ctx = ts_context_new_local ();
    g_autoptr(TsUser) user = NULL;
    TsUserInput input = { "coordinator", PASSWORD, TS_ROLE_COORDINATOR, 0, 0, 0, NULL };

    if (store == NULL)
      g_error ("%s", error->message);
    service = ts_service_new (store, config);
    user = ts_service_user_create (service, ctx, &input, &error);
    if (user == NULL)
      g_error ("%s", error->message);
    ts_store_close (store);
  }
  if (n_orgs < 1)
    n_orgs = 1;

  check (db, sqlite3_open (path, &db));
  /* One big transaction: a cache that holds it all keeps SQLite from
   * spilling pages to the WAL before the commit. */
  check (db, sqlite3_exec (db, "PRAGMA journal_mode=WAL; PRAGMA cache_size=-524288; BEGIN", NULL,
                           NULL, NULL));
  check (db, sqlite3_prepare_v2 (db,
    "INSERT INTO supporters (id, code, name, gender, municipality_code, lat, lon, occupation,"
    " peer_experience, skills, interests, availability, max_cases, insurance_until, status,"
    " registered_on, created_at, updated_at, organisation_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17,"
    " ?18)", -1, &sup, NULL));
  for (guint k = 2; k <= n_orgs; k++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO organisations (id, name, kind, parent_id,"
                                              " created_at, updated_at)"
                                              " VALUES (%u, '市町村 %u', 'municipality', 1, 0, 0)",
                                              k, k);
      check (db, sqlite3_exec (db, sql, NULL, NULL, NULL));
    }
  check (db, sqlite3_prepare_v2 (db,
    "INSERT INTO trainings (supporter_id, kind, completed_on, created_at) VALUES (?, 'initial', ?, ?)",
    -1, &train, NULL));
  for (guint j = 0; j < n_supporters; j++)
    {
      static const char *const peers[] = { "self", "family" };
      gint64 id = 100000 + (gint64) j * 3;
      gboolean registered = g_rand_double (r) >= 0.05;
      gboolean lapsed = g_rand_double (r) < 0.05;
      gboolean insured = g_rand_double (r) >= 0.05;
      const TsMunicipality *m = codes->pdata[pick (r, codes->len)];
      g_autofree char *code = g_strdup_printf ("09-2026-%06u", j + 1);
      g_autofree char *name = g_strdup_printf ("試験 %u（架空）", j + 1);
      g_autofree char *skills = NULL, *interests = NULL, *slots = NULL;
      TsDate trained;

      sqlite3_bind_int64 (sup, 1, id);
      if (registered)
        sqlite3_bind_text (sup, 2, code, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (sup, 2);
      sqlite3_bind_text (sup, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (sup, 4, g_rand_boolean (r) ? "female" : "male", -1, SQLITE_STATIC);
      sqlite3_bind_text (sup, 5, m->code, -1, SQLITE_STATIC);
      if (g_rand_double (r) < 0.97)
        {
          sqlite3_bind_double (sup, 6, 36.25 + 0.80 * g_rand_double (r));
          sqlite3_bind_double (sup, 7, 139.35 + 0.90 * g_rand_double (r));
        }
      else
        {
          sqlite3_bind_null (sup, 6);
          sqlite3_bind_null (sup, 7);
        }
      if (g_rand_double (r) < 0.9)
        sqlite3_bind_text (sup, 8, occupations_vocab[pick (r, G_N_ELEMENTS (occupations_vocab))],
                           -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (sup, 8);
      sqlite3_bind_text (sup, 9, g_rand_double (r) < 0.7 ? "none" : peers[pick (r, 2)], -1,
                         SQLITE_STATIC);
      skills = words_json (r, skills_vocab, G_N_ELEMENTS (skills_vocab), 1, 4);
      interests = words_json (r, interests_vocab, G_N_ELEMENTS (interests_vocab), 0, 5);
      slots = slots_json (r, 1, 4);
      sqlite3_bind_text (sup, 10, skills, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (sup, 11, interests, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (sup, 12, slots, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (sup, 13, 1 + (int) pick (r, 3));
      bind_date (sup, 14, insured ? ts_date_add_years (on, 1) : TS_DATE_NONE);
      sqlite3_bind_text (sup, 15, registered ? "registered" : "applicant", -1, SQLITE_STATIC);
      /* Valid: trained within the last three years; lapsed: before. */
      trained = lapsed ? ts_date_add_days (ts_date_add_years (on, -3), -1 - (gint) pick (r, 300))
                       : ts_date_add_days (on, -1 - (gint) pick (r, 1000));
      bind_date (sup, 16, registered ? ts_date_add_days (trained, 14) : TS_DATE_NONE);
      sqlite3_bind_int64 (sup, 17, now);
      sqlite3_bind_int64 (sup, 18, 1 + (gint64) (j % n_orgs));
      check (db, sqlite3_step (sup));
      sqlite3_reset (sup);
      sqlite3_bind_int64 (train, 1, id);
      bind_date (train, 2, trained);
      sqlite3_bind_int64 (train, 3, now);
      check (db, sqlite3_step (train));
      sqlite3_reset (train);
    }

  check (db, sqlite3_prepare_v2 (db,
    "INSERT INTO cases (id, code, nickname, municipality_code, age_band, gender, household,"
    " needs, interests, lat, lon, pref_supporter_gender, pref_gender_required,"
    " pref_avoid_same_municipality, pref_peer_experience, pref_availability, referred_by,"
    " consent_obtained_on, consent_scope, status, created_at, updated_at, organisation_id)"
    " VALUES (?1, ?2, 'Bさん（架空）', ?3, '30s', 'male', 'single', ?4, ?5, ?6, ?7, ?8, 1, ?9,"
    " ?10, ?11, ?12, ?13, '[\"matching\",\"support\"]', 'assessed', ?14, ?14, ?15)",
    -1, &cas, NULL));
  check (db, sqlite3_prepare_v2 (db,
    "INSERT OR IGNORE INTO case_exclusions (case_id, supporter_id, reason, created_at)"
    " VALUES (?, ?, 'conflict_of_interest', ?)", -1, &excl, NULL));
  check (db, sqlite3_prepare_v2 (db,
    "INSERT INTO assignments (case_id, supporter_id, role, starts_on, ended_on, end_reason,"
    " created_at) VALUES (?1, ?2, 'primary', ?3, ?3, 'bench', ?4)", -1, &hist, NULL));
  for (guint i = 0; i < n_cases; i++)
    {
      static const char *const peers[] = { "self", "family" };
      gint64 id = 1 + (gint64) i * 2;
      g_autofree char *code = g_strdup_printf ("C-2026-%06u", i + 1);
      g_autofree char *needs = words_json (r, skills_vocab, G_N_ELEMENTS (skills_vocab), 1, 3);
      g_autofree char *interests = words_json (r, interests_vocab, G_N_ELEMENTS (interests_vocab),
                                               0, 4);
      g_autofree char *slots = g_rand_double (r) < 0.6 ? slots_json (r, 1, 3) : g_strdup ("[]");
      const TsMunicipality *m = codes->pdata[pick (r, codes->len)];

      sqlite3_bind_int64 (cas, 1, id);
      sqlite3_bind_text (cas, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (cas, 3, m->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (cas, 4, needs, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (cas, 5, interests, -1, SQLITE_TRANSIENT);
      if (g_rand_double (r) < 0.95)
        {
          sqlite3_bind_double (cas, 6, 36.25 + 0.80 * g_rand_double (r));
          sqlite3_bind_double (cas, 7, 139.35 + 0.90 * g_rand_double (r));
        }
      else
        {
          sqlite3_bind_null (cas, 6);
          sqlite3_bind_null (cas, 7);
        }
      sqlite3_bind_text (cas, 8, g_rand_boolean (r) ? "female" : "male", -1, SQLITE_STATIC);
      sqlite3_bind_int (cas, 9, g_rand_boolean (r));
      if (g_rand_double (r) < 0.7)
        sqlite3_bind_null (cas, 10);
      else
        sqlite3_bind_text (cas, 10, peers[pick (r, 2)], -1, SQLITE_STATIC);
      sqlite3_bind_text (cas, 11, slots, -1, SQLITE_TRANSIENT);
      if (g_rand_double (r) < 0.2)
        sqlite3_bind_text (cas, 12, "special_needs_school", -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (cas, 12);
      bind_date (cas, 13, ts_date_add_days (on, -30));
      sqlite3_bind_int64 (cas, 14, now);
      sqlite3_bind_int64 (cas, 15, 1 + (gint64) (i % n_orgs));
      check (db, sqlite3_step (cas));
      sqlite3_reset (cas);
      for (guint k = 0, n = pick (r, 3); k < n; k++)
        {
          sqlite3_bind_int64 (excl, 1, id);
          sqlite3_bind_int64 (excl, 2, 100000 + (gint64) pick (r, n_supporters) * 3);
          sqlite3_bind_int64 (excl, 3, now);
          check (db, sqlite3_step (excl));
          sqlite3_reset (excl);
        }
      for (guint k = 0, n = pick (r, 2); k < n; k++)
        {
          sqlite3_bind_int64 (hist, 1, id);
          sqlite3_bind_int64 (hist, 2, 100000 + (gint64) pick (r, n_supporters) * 3);
          bind_date (hist, 3, ts_date_add_days (on, -400));
          sqlite3_bind_int64 (hist, 4, now);
          check (db, sqlite3_step (hist));
          sqlite3_reset (hist);
        }
    }
  sqlite3_finalize (sup);
  sqlite3_finalize (train);
  sqlite3_finalize (cas);
  sqlite3_finalize (excl);
  sqlite3_finalize (hist);
  check (db, sqlite3_exec (db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL));
  sqlite3_close (db);
  printf ("{\"mode\":\"create\",\"cases\":%u,\"supporters\":%u,\"ms\":%.0f}\n", n_cases,
          n_supporters, ms_since (start));
  return 0;
}

static int
do_batch (const char *path, gint64 organisation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsStore) store = ts_store_open (path, &error);
  g_autoptr(TsConfig) config = ts_config_new_default ();
  g_autoptr(TsService) service = NULL;
  double ms[2], json_ms = 0.0, load_ms;
  guint assigned = 0, unassigned = 0, n_supporters;
  double total = 0.0;
  TsMatchSolveStats stats = { 0 };

  if (store == NULL)
    g_error ("%s", error->message);
  service = ts_service_new (store, config);

  for (int run = 0; run < 2; run++)
    {
      g_autoptr(TsContext) ctx = ts_context_new_local ();
      g_autoptr(TsBatchResult) result = NULL;
      if (organisation > 0)
        {
          ctx->role = TS_ROLE_COORDINATOR;
          ts_context_set_scope (ctx, organisation, &organisation, 1);
        }
      g_autoptr(GString) text = NULL;
      TsBatchInput input = { 0 };
      gint64 start = g_get_monotonic_time (), t;

      result = ts_service_matching_batch (service, ctx, &input, &error);
      if (result == NULL)
        g_error ("%s", error->message);
      t = g_get_monotonic_time ();
      text = ts_matching_batch_to_json (result);
      json_ms = ms_since (t);
      ms[run] = ms_since (start);
      assigned = result->assignments->len;
      unassigned = result->unassigned->len;
      total = result->total_score;
      stats = result->stats;
    }
  /* The load alone: a snapshot for another date is a cache miss. */
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(TsMatchSnapshot) snap = ts_service_matching_snapshot (service,
                                                                    ts_date_add_days (ts_date_today (), 1),
                                                                    organisation, &error);
    if (snap == NULL)
      g_error ("%s", error->message);
    load_ms = ms_since (start);
    n_supporters = ts_match_supporters_get_size (ts_match_snapshot_get_supporters (snap));
  }
  printf ("{\"mode\":\"batch\",\"supporters\":%u,\"cold_ms\":%.0f,\"warm_ms\":%.0f,"
          "\"supporters_load_ms\":%.0f,\"json_ms\":%.1f,\"assigned\":%u,\"unassigned\":%u,"
          "\"total_score\":%.6f,\"rounds\":%u,\"peak_mb\":%.0f}\n",
          n_supporters, ms[0], ms[1], load_ms, json_ms, assigned, unassigned, total, stats.rounds,
          peak_mb ());
  ts_store_close (store);
  return 0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static GBytes *
send (SoupSession *session, const char *method, const char *url, const char *token,
      const char *body, guint *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL)
    g_error ("%s %s: %s", method, url, error->message);
  *status = soup_message_get_status (msg);
  return reply;
}

static int
do_http (const char *base, gint64 case_id, guint n)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *login_url = g_strconcat (base, "/v1/auth/token", NULL);
  g_autofree char *url = g_strdup_printf ("%s/v1/cases/%" G_GINT64_FORMAT "/candidates?limit=50&excluded=all",
                                          base, case_id);
  g_autoptr(GBytes) login = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree double *lat = g_new (double, n);
  const char *token;
  guint status;
  double first = 0.0;
  gsize bytes = 0;

  login = send (session, "POST", login_url, NULL,
                "{\"login\":\"coordinator\",\"password\":\"" PASSWORD "\"}", &status);
  if (status != 200 || !json_parser_load_from_data (parser, g_bytes_get_data (login, NULL),
                                                    (gssize) g_bytes_get_size (login), NULL))
    g_error ("login failed: %u", status);
  token = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                         "token");
  for (guint i = 0; i <= n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) reply = send (session, "GET", url, token, NULL, &status);
      double ms = ms_since (start);

      if (status != 200)
        g_error ("candidates: %u %.*s", status, (int) g_bytes_get_size (reply),
                 (const char *) g_bytes_get_data (reply, NULL));
      /* The first request fills the supporters cache. */
      if (i == 0)
        first = ms;
      else
        lat[i - 1] = ms;
      bytes = g_bytes_get_size (reply);
    }
  qsort (lat, n, sizeof *lat, compare_doubles);
  printf ("{\"mode\":\"http\",\"requests\":%u,\"first_ms\":%.2f,\"median_ms\":%.2f,"
          "\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"body_bytes\":%" G_GSIZE_FORMAT "}\n",
          n, first, lat[n / 2], lat[(n * 9) / 10], lat[(n * 99) / 100], lat[n - 1], bytes);
  return 0;
}

int
main (int argc, char **argv)
{
  if (!ts_crypto_init ())
    g_error ("libsodium");
  if ((argc == 5 || argc == 6) && g_str_equal (argv[1], "create"))
    return do_create (argv[2], (guint) atoi (argv[3]), (guint) atoi (argv[4]),
                      argc == 6 ? (guint) atoi (argv[5]) : 1);
  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "batch"))
    return do_batch (argv[2], argc == 4 ? g_ascii_strtoll (argv[3], NULL, 10) : 0);
  if (argc == 5 && g_str_equal (argv[1], "http"))
    return do_http (argv[2], g_ascii_strtoll (argv[3], NULL, 10), (guint) atoi (argv[4]));
  fprintf (stderr, "usage: %s create PATH CASES SUPPORTERS [ORGANISATIONS]"
           " | batch PATH [ORGANISATION] | http URL CASE_ID N\n", argv[0]);
  return 2;
}
