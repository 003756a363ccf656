/*
 * Sign-in throttling on a live server (issue 11, item 3): attempts are
 * counted before their password is checked, so 40 parallel wrong passwords
 * for one login get at most 5 × 401 and the right password is refused
 * (429) once the limit is reached, even among parallel attempts; parallel
 * right passwords are all accepted; what was typed as the login is kept
 * only as a keyed hash, and rows older than the window are purged.
 */
#include <string.h>

#include "harness.h"

#define WRONG "wrong-password-0000"

typedef struct {
  const char *base;
  char       *body;
  GMutex     *lock;
  GCond      *cond;
  gint       *waiting;
  guint       status;
} Attempt;

static gpointer
attempt_thread (gpointer user_data)
{
  Attempt *a = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *url = g_strconcat (a->base, "/v1/auth/token", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (a->body, strlen (a->body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  /* A barrier, so that the attempts leave together. */
  g_mutex_lock (a->lock);
  if (--(*a->waiting) == 0)
    g_cond_broadcast (a->cond);
  while (*a->waiting > 0)
    g_cond_wait (a->cond, a->lock);
  g_mutex_unlock (a->lock);

  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  a->status = soup_message_get_status (msg);
  return NULL;
}

/* Sends one sign-in per password at once; returns their statuses. */
static guint *
parallel_logins (TsHarness *h, const char *login, const char *const *passwords, guint n)
{
  g_autofree Attempt *a = g_new0 (Attempt, n);
  g_autofree GThread **threads = g_new0 (GThread *, n);
  guint *statuses = g_new0 (guint, n);
  GMutex lock;
  GCond cond;
  gint waiting = (gint) n;

  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint i = 0; i < n; i++)
    {
      a[i] = (Attempt) { h->base, NULL, &lock, &cond, &waiting, 0 };
      a[i].body = g_strdup_printf ("{\"login\":\"%s\",\"password\":\"%s\"}", login, passwords[i]);
      threads[i] = g_thread_new ("login", attempt_thread, &a[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      g_thread_join (threads[i]);
      statuses[i] = a[i].status;
      g_free (a[i].body);
    }
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  return statuses;
}

static void
count_statuses (const guint *statuses, guint n, guint *n401, guint *n429, guint *n200)
{
  *n401 = *n429 = *n200 = 0;
  for (guint i = 0; i < n; i++)
    {
      if (statuses[i] == 401)
        (*n401)++;
      else if (statuses[i] == 429)
        (*n429)++;
      else if (statuses[i] == 200)
        (*n200)++;
      else
        g_error ("unexpected status %u", statuses[i]);
    }
}

static void
test_parallel_wrong (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  const char *wrong[40], *mixed[8];
  g_autofree guint *first = NULL;
  g_autofree guint *second = NULL;
  guint n401, n429, n200;

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    wrong[i] = WRONG;
  first = parallel_logins (h, "auditor", wrong, G_N_ELEMENTS (wrong));
  count_statuses (first, G_N_ELEMENTS (wrong), &n401, &n429, &n200);
  g_test_message ("40 parallel wrong passwords: %u × 401, %u × 429", n401, n429);
  g_assert_cmpuint (n200, ==, 0);
  g_assert_cmpuint (n401, <=, 5);
  g_assert_cmpuint (n401 + n429, ==, 40);

  /* The limit is reached: the right password is refused, even when it is
   * one of several attempts sent at once. */
  for (guint i = 0; i < G_N_ELEMENTS (mixed); i++)
    mixed[i] = i == 5 ? TS_HARNESS_PASSWORD : WRONG;
  second = parallel_logins (h, "auditor", mixed, G_N_ELEMENTS (mixed));
  count_statuses (second, G_N_ELEMENTS (mixed), &n401, &n429, &n200);
  g_assert_cmpuint (second[5], ==, 429);
  g_assert_cmpuint (n429, ==, G_N_ELEMENTS (mixed));
}

/* The right password arriving among the first attempts is checked and
 * accepted; sent after them it is refused. */
static void
test_right_password_in_the_crowd (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) late = NULL;
  const char *mixed[40];
  g_autofree guint *statuses = NULL;
  guint n401, n429, n200;

  for (guint i = 0; i < G_N_ELEMENTS (mixed); i++)
    mixed[i] = i == 25 ? TS_HARNESS_PASSWORD : WRONG;
  statuses = parallel_logins (h, "auditor", mixed, G_N_ELEMENTS (mixed));
  count_statuses (statuses, G_N_ELEMENTS (mixed), &n401, &n429, &n200);
  g_assert_cmpuint (n200, <=, 1);
  if (n200 == 0)
    {
      /* Refused: five wrong passwords were checked first, and the window
       * is full for the right one sent afterwards too. */
      g_assert_cmpuint (statuses[25], ==, 429);
      g_assert_cmpuint (n401, ==, 5);
      late = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                                 "{\"login\":\"auditor\",\"password\":\"" TS_HARNESS_PASSWORD "\"}",
                                 NULL);
      ts_assert_status (late, 429);
    }
  else
    {
      /* Checked among the first five: it cleared the failures before it
       * (at most four), and at most five more could follow. */
      g_assert_cmpuint (statuses[25], ==, 200);
      g_assert_cmpuint (n401, <=, 9);
    }
}

/* Parallel sign-ins with the right password wait for each other instead
 * of being refused. */
static void
test_parallel_right (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  const char *right[12];
  g_autofree guint *statuses = NULL;
  guint n401, n429, n200;

  for (guint i = 0; i < G_N_ELEMENTS (right); i++)
    right[i] = TS_HARNESS_PASSWORD;
  statuses = parallel_logins (h, "coordinator", right, G_N_ELEMENTS (right));
  count_statuses (statuses, G_N_ELEMENTS (right), &n401, &n429, &n200);
  g_assert_cmpuint (n200, ==, G_N_ELEMENTS (right));
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* What was typed as a login is never stored; old rows of any login go. */
static void
test_typed_login_not_kept (void)
{
  g_autoptr(TsHarness) h = ts_harness_new ();
  g_autoptr(TsReply) r = NULL;
  g_autoptr(TsReply) again = NULL;
  g_autofree char *wal = g_strconcat (h->db_path, "-wal", NULL);
  const char *typed = "Secret-Typed-In-The-Login-Field";
  g_autofree char *body = g_strdup_printf ("{\"login\":\"%s\",\"password\":\"" WRONG "\"}", typed);

  r = ts_harness_request (h, "POST", "/v1/auth/token", NULL, body, NULL);
  ts_assert_status (r, 401);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM login_failures"), ==, 1);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM pragma_table_info('login_failures')"
                                       " WHERE name = 'login'"), ==, 0);
  g_assert_false (file_contains (h->db_path, typed));
  g_assert_false (file_contains (wal, typed));

  /* A failure older than the window (15 minutes by default) is purged by
   * the next attempt of any login. */
  g_assert_cmpint (ts_harness_sql_int (h, "UPDATE login_failures SET at = at - 16 * 60 RETURNING 1"), ==, 1);
  again = ts_harness_request (h, "POST", "/v1/auth/token", NULL,
                              "{\"login\":\"auditor\",\"password\":\"" WRONG "\"}", NULL);
  ts_assert_status (again, 401);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM login_failures"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/auth/parallel-wrong", test_parallel_wrong);
  g_test_add_func ("/tsunagari/auth/right-password-in-the-crowd", test_right_password_in_the_crowd);
  g_test_add_func ("/tsunagari/auth/parallel-right", test_parallel_right);
  g_test_add_func ("/tsunagari/auth/typed-login-not-kept", test_typed_login_not_kept);
  return g_test_run ();
}
