/*
 * Seminar registrations and consultation bookings on a live server (SPEC
 * 2.8, 3.3 Events; issue 18; seed 004 家族セミナー 定員15, 個別相談
 * 第1～第3希望, 巡回相談): confirmed up to the capacity, then waiting; the
 * waiting list moves up exactly once, also under concurrent requests from
 * threads; slots, requests naming 1–3 preferred slots, the optimum
 * allocation (more placed than first-come), reallocation keeping
 * placements; each refused role; bad input; unknown ids; the scope.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"
#define SEMINAR "{\"kind\":\"seminar\",\"title\":\"家族セミナー\",\"date\":\"2026-07-04\"," \
                "\"start\":\"14:00\",\"minutes\":90,\"capacity\":%d,\"municipality_code\":\"131059\"}"
#define DAY "{\"kind\":\"consultation_day\",\"title\":\"巡回相談\",\"date\":\"2026-07-10\"," \
            "\"start\":\"10:00\",\"minutes\":360,\"municipality_code\":\"131059\"}"

typedef struct {
  TsTwoOrgs  o;
} Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_two_orgs_set_up (&f->o, TODAY);
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_two_orgs_tear_down (&f->o);
}

static gint64
post_id (Fixture *f, const char *path, const char *body)
{
  g_autoptr(TsReply) r = ts_harness_request (f->o.h, "POST", path, f->o.coord, body, NULL);

  ts_assert_status (r, 201);
  return json_object_get_int_member (ts_reply_object (r), "id");
}

static gint64
seminar (Fixture *f, int capacity)
{
  g_autofree char *body = g_strdup_printf (SEMINAR, capacity);
  return post_id (f, "/v1/events", body);
}

static const char *
register_status (Fixture *f, gint64 event, const char *nickname, char **out_status, gint64 *out_id)
{
  g_autofree char *body = g_strdup_printf ("{\"nickname\":\"%s\"}", nickname);
  g_autoptr(TsReply) r = ts_harness_call (f->o.h, "POST", f->o.coord, body,
                                          "/v1/events/%" G_GINT64_FORMAT "/registrations", event);

  ts_assert_status (r, 201);
  *out_id = json_object_get_int_member (ts_reply_object (r), "id");
  *out_status = g_strdup (json_object_get_string_member (ts_reply_object (r), "status"));
  return *out_status;
}

static gint64
count_status (Fixture *f, gint64 event, const char *status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM event_registrations WHERE event_id = %"
                                          G_GINT64_FORMAT " AND status = '%s'", event, status);
  return ts_harness_sql_int (f->o.h, sql);
}

/* ---- registrations ------------------------------------------------------------ */

static void
test_registrations (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 event = seminar (f, 2);
  gint64 ids[3];
  g_autofree char *s0 = NULL, *s1 = NULL, *s2 = NULL;

  g_assert_cmpstr (register_status (f, event, "A", &s0, &ids[0]), ==, "confirmed");
  g_assert_cmpstr (register_status (f, event, "B", &s1, &ids[1]), ==, "confirmed");
  g_assert_cmpstr (register_status (f, event, "C", &s2, &ids[2]), ==, "waiting");
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT, event);
    ts_assert_status (r, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "registrations_confirmed"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "registrations_waiting"), ==, 1);
  }
  /* A confirmed one cancels: the waiting one moves up; a second cancel of
   * the same moves nobody. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT
                                            "/registrations/%" G_GINT64_FORMAT "/cancel", event, ids[0]);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "status"), ==, "cancelled");
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT
                                            "/registrations/%" G_GINT64_FORMAT "/cancel", event, ids[0]);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT "/registrations", event);
    JsonArray *a;
    ts_assert_status (r, 200);
    a = json_object_get_array_member (ts_reply_object (r), "registrations");
    g_assert_cmpuint (json_array_get_length (a), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "status"), ==, "confirmed");
  }
  g_assert_cmpint (count_status (f, event, "confirmed"), ==, 2);
  g_assert_cmpint (count_status (f, event, "waiting"), ==, 0);
  /* Reads of the nicknames are audited by the event's id. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE object = 'event_registration'"
                                          " AND action = 'list'"), ==, 1);

  /* No capacity, no registrations; an unknown registration; another
   * event's registration. */
  {
    gint64 open = post_id (f, "/v1/events", DAY);
    g_autoptr(TsReply) a = ts_harness_call (h, "POST", f->o.coord, "{\"nickname\":\"D\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/registrations", open);
    g_autoptr(TsReply) b = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT
                                            "/registrations/99999/cancel", event);
    g_autoptr(TsReply) c = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT
                                            "/registrations/%" G_GINT64_FORMAT "/cancel", open, ids[1]);
    ts_assert_problem (a, 409, "invalid_transition", NULL);
    ts_assert_problem (b, 404, "not_found", NULL);
    ts_assert_problem (c, 404, "not_found", NULL);
  }
}

/* ---- concurrency ------------------------------------------------------------- */

typedef struct {
  const char *base;
  const char *token;
  gint64      event;
  gint64      id;          /* registration to cancel, or 0 to register */
  guint       status;
  char       *reply;
} Shot;

static gpointer
fire (gpointer data)
{
  Shot *s = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = s->id == 0
    ? g_strdup_printf ("%s/v1/events/%" G_GINT64_FORMAT "/registrations", s->base, s->event)
    : g_strdup_printf ("%s/v1/events/%" G_GINT64_FORMAT "/registrations/%" G_GINT64_FORMAT "/cancel",
                       s->base, s->event, s->id);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *auth = g_strconcat ("Bearer ", s->token, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"nickname\":\"n\"}", 16);
  g_autoptr(GBytes) reply = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (s->id == 0)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  s->status = soup_message_get_status (msg);
  s->reply = reply != NULL ? g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply)) : NULL;
  return NULL;
}

static void
fire_all (Shot *shots, guint n)
{
  GThread *threads[32];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (threads));
  for (guint i = 0; i < n; i++)
    threads[i] = g_thread_new ("shot", fire, &shots[i]);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);
}

static void
test_concurrent_registrations (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  enum { CAPACITY = 3, N = 16 };
  gint64 event = seminar (f, CAPACITY);
  Shot shots[N];
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 confirmed_ids[N];
  guint n_confirmed = 0, n_waiting = 0;

  memset (shots, 0, sizeof shots);
  for (guint i = 0; i < N; i++)
    shots[i] = (Shot) { h->base, f->o.coord, event, 0, 0, NULL };
  fire_all (shots, N);
  for (guint i = 0; i < N; i++)
    {
      g_autoptr(JsonParser) p = json_parser_new ();
      JsonObject *o;
      gint64 id;

      g_assert_cmpuint (shots[i].status, ==, 201);
      g_assert_true (json_parser_load_from_data (p, shots[i].reply, -1, NULL));
      o = json_node_get_object (json_parser_get_root (p));
      id = json_object_get_int_member (o, "id");
      g_assert_false (g_hash_table_contains (ids, &id));
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
      if (g_strcmp0 (json_object_get_string_member (o, "status"), "confirmed") == 0)
        confirmed_ids[n_confirmed++] = id;
      else
        n_waiting++;
      g_free (shots[i].reply);
    }
  g_assert_cmpuint (n_confirmed, ==, CAPACITY);
  g_assert_cmpuint (n_waiting, ==, N - CAPACITY);
  g_assert_cmpint (count_status (f, event, "confirmed"), ==, CAPACITY);

  /* Every confirmed one cancels twice at once: each moves exactly one
   * waiting registration up. */
  {
    Shot cancels[2 * CAPACITY];
    guint ok = 0;

    for (guint i = 0; i < 2 * CAPACITY; i++)
      cancels[i] = (Shot) { h->base, f->o.coord, event, confirmed_ids[i % CAPACITY], 0, NULL };
    fire_all (cancels, 2 * CAPACITY);
    for (guint i = 0; i < 2 * CAPACITY; i++)
      {
        g_assert_true (cancels[i].status == 200 || cancels[i].status == 409);
        ok += cancels[i].status == 200;
        g_free (cancels[i].reply);
      }
    g_assert_cmpuint (ok, ==, CAPACITY);
  }
  g_assert_cmpint (count_status (f, event, "confirmed"), ==, CAPACITY);
  g_assert_cmpint (count_status (f, event, "waiting"), ==, N - 2 * CAPACITY);
  g_assert_cmpint (count_status (f, event, "cancelled"), ==, CAPACITY);
}

/* ---- slots and allocation ------------------------------------------------------ */

static gint64
slot (Fixture *f, gint64 event, const char *start)
{
  g_autofree char *path = g_strdup_printf ("/v1/events/%" G_GINT64_FORMAT "/slots", event);
  g_autofree char *body = g_strdup_printf ("{\"start\":\"%s\",\"minutes\":45,\"staff\":\"相談員2名\"}", start);
  return post_id (f, path, body);
}

static gint64
request (Fixture *f, gint64 event, const char *prefs, const char *nickname)
{
  g_autofree char *body = g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":%s,"
                                           "\"nickname\":\"%s\"}", event, prefs, nickname);
  return post_id (f, "/v1/booking-requests", body);
}

/* The slot of request @id in the reply's list, 0 when unplaced. */
static gint64
slot_of (TsReply *r, gint64 id, const char **reason)
{
  JsonArray *a = json_object_get_array_member (ts_reply_object (r), "booking_requests");

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      if (json_object_get_int_member (o, "id") != id)
        continue;
      if (reason != NULL)
        *reason = json_object_get_null_member (o, "reason") ? NULL : json_object_get_string_member (o, "reason");
      return json_object_get_null_member (o, "slot_id") ? 0 : json_object_get_int_member (o, "slot_id");
    }
  g_assert_not_reached ();
}

static void
test_allocation (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 day = post_id (f, "/v1/events", DAY);
  gint64 a = slot (f, day, "10:00");
  gint64 b = slot (f, day, "11:00");
  gint64 c = slot (f, day, "13:00");
  g_autofree char *ab = g_strdup_printf ("[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", a, b);
  g_autofree char *a_only = g_strdup_printf ("[%" G_GINT64_FORMAT "]", a);
  g_autofree char *b_only = g_strdup_printf ("[%" G_GINT64_FORMAT "]", b);
  g_autofree char *c_a = g_strdup_printf ("[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", c, a);
  gint64 r1, r2, r3, r4;
  const char *reason = NULL;

  /* First-come would give r1 slot a (its 第1希望) and leave r2 without one:
   * the optimum moves r1 to its 第2希望 and places both. */
  r1 = request (f, day, ab, "一");
  r2 = request (f, day, a_only, "二");
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT "/allocate", day);
    ts_assert_status (r, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "placed"), ==, 2);
    g_assert_cmpint (slot_of (r, r1, NULL), ==, b);
    g_assert_cmpint (slot_of (r, r2, NULL), ==, a);
  }
  /* A third wants only b: it cannot be placed without unplacing another. */
  r3 = request (f, day, b_only, "三");
  r4 = request (f, day, c_a, "四");
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT "/allocate", day);
    ts_assert_status (r, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "placed"), ==, 3);
    /* r4 takes its 第1希望 c; r1 keeps b, r2 keeps a. */
    g_assert_cmpint (slot_of (r, r1, NULL), ==, b);
    g_assert_cmpint (slot_of (r, r2, NULL), ==, a);
    g_assert_cmpint (slot_of (r, r4, NULL), ==, c);
    g_assert_cmpint (slot_of (r, r3, &reason), ==, 0);
    g_assert_cmpstr (reason, ==, "preferred_slots_taken");
  }
  /* r1 cancels: reallocation places r3 in b and keeps the others. */
  {
    g_autoptr(TsReply) x = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/booking-requests/%" G_GINT64_FORMAT "/cancel", r1);
    g_autoptr(TsReply) r = NULL;
    ts_assert_status (x, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (x), "status"), ==, "cancelled");
    r = ts_harness_call (h, "POST", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT "/allocate", day);
    ts_assert_status (r, 200);
    g_assert_cmpint (slot_of (r, r1, NULL), ==, 0);
    g_assert_cmpint (slot_of (r, r2, NULL), ==, a);
    g_assert_cmpint (slot_of (r, r3, NULL), ==, b);
    g_assert_cmpint (slot_of (r, r4, NULL), ==, c);
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/booking-requests?event_id=%" G_GINT64_FORMAT, day);
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", path, f->o.coord, NULL, NULL);
    ts_assert_status (r, 200);
    g_assert_cmpint (slot_of (r, r3, NULL), ==, b);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT "/slots", day);
    ts_assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r), "slots")), ==, 3);
  }
}

/* ---- refusals ------------------------------------------------------------------- */

static void
test_refused_and_bad (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 day = post_id (f, "/v1/events", DAY);
  gint64 sem = seminar (f, 2);
  gint64 a = slot (f, day, "10:00");
  gint64 other_day = 0;
  const char *refused[] = { f->o.supporter, f->o.host, f->o.auditor };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *t = refused[i];
      g_autoptr(TsReply) r1 = ts_harness_call (h, "POST", t, "{\"nickname\":\"x\"}", "/v1/events/%" G_GINT64_FORMAT "/registrations", sem);
      g_autoptr(TsReply) r2 = ts_harness_call (h, "GET", t, NULL, "/v1/events/%" G_GINT64_FORMAT "/registrations", sem);
      g_autoptr(TsReply) r3 = ts_harness_call (h, "POST", t, "{\"start\":\"10:00\",\"minutes\":45}", "/v1/events/%" G_GINT64_FORMAT "/slots", day);
      g_autoptr(TsReply) r4 = ts_harness_call (h, "POST", t, NULL, "/v1/events/%" G_GINT64_FORMAT "/allocate", day);
      g_autoptr(TsReply) r5 = ts_harness_call (h, "GET", t, NULL, "/v1/booking-requests?event_id=%" G_GINT64_FORMAT, day);
      g_autoptr(TsReply) r6 = ts_harness_request (h, "POST", "/v1/booking-requests", t, "{}", NULL);
      ts_assert_problem (r1, 403, "forbidden", NULL);
      ts_assert_problem (r2, 403, "forbidden", NULL);
      ts_assert_problem (r3, 403, "forbidden", NULL);
      ts_assert_problem (r4, 403, "forbidden", NULL);
      ts_assert_problem (r5, 403, "forbidden", NULL);
      ts_assert_problem (r6, 403, "forbidden", NULL);
    }

  /* Bad requests. */
  {
    g_autofree char *four = g_strdup_printf ("[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]",
                                             a, a + 1, a + 2, a + 3);
    g_autofree char *twice = g_strdup_printf ("[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", a, a);
    const struct {
      char       *body;
      const char *field;
    } bad[] = {
      { g_strdup_printf ("{\"preferences\":[%" G_GINT64_FORMAT "],\"nickname\":\"x\"}", a), "event_id" },
      { g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":[],\"nickname\":\"x\"}", day), "preferences" },
      { g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":%s,\"nickname\":\"x\"}", day, four), "preferences" },
      { g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":%s,\"nickname\":\"x\"}", day, twice), "preferences" },
      { g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":[\"a\"],\"nickname\":\"x\"}", day), "preferences" },
      { g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":[%" G_GINT64_FORMAT "]}", day, a), "nickname" },
      { g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":[99999],\"nickname\":\"x\"}", day), "preferences" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/booking-requests", f->o.coord, bad[i].body, NULL);
        ts_assert_problem (r, 422, "validation_failed", bad[i].field);
        g_free (bad[i].body);
      }
  }
  {
    const struct {
      const char *body;
      const char *field;
    } bad[] = {
      { "{\"minutes\":45}", "start" },
      { "{\"start\":\"9時\",\"minutes\":45}", "start" },
      { "{\"start\":\"10:00\",\"minutes\":0}", "minutes" },
      { "{\"start\":\"23:50\",\"minutes\":45}", "minutes" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, bad[i].body, "/v1/events/%" G_GINT64_FORMAT "/slots", day);
        ts_assert_problem (r, 422, "validation_failed", bad[i].field);
      }
  }
  {
    g_autoptr(TsReply) r1 = ts_harness_call (h, "POST", f->o.coord, "{}", "/v1/events/%" G_GINT64_FORMAT "/registrations", sem);
    g_autofree char *long_name = g_strnfill (51, 'a');
    g_autofree char *body = g_strdup_printf ("{\"nickname\":\"%s\"}", long_name);
    g_autoptr(TsReply) r2 = ts_harness_call (h, "POST", f->o.coord, body, "/v1/events/%" G_GINT64_FORMAT "/registrations", sem);
    g_autoptr(TsReply) r3 = ts_harness_call (h, "POST", f->o.coord, "{\"start\":\"10:00\",\"minutes\":45}",
                                             "/v1/events/%" G_GINT64_FORMAT "/slots", sem);
    g_autoptr(TsReply) r4 = ts_harness_request (h, "GET", "/v1/booking-requests", f->o.coord, NULL, NULL);
    ts_assert_problem (r1, 422, "validation_failed", "nickname");
    ts_assert_problem (r2, 422, "validation_failed", "nickname");
    ts_assert_problem (r3, 409, "invalid_transition", NULL);
    ts_assert_problem (r4, 422, "validation_failed", "event_id");
  }
  /* Unknown ids. */
  {
    g_autoptr(TsReply) r1 = ts_harness_request (h, "POST", "/v1/events/99999/registrations", f->o.coord, "{\"nickname\":\"x\"}", NULL);
    g_autoptr(TsReply) r2 = ts_harness_request (h, "POST", "/v1/events/99999/slots", f->o.coord, "{\"start\":\"10:00\",\"minutes\":45}", NULL);
    g_autoptr(TsReply) r3 = ts_harness_request (h, "POST", "/v1/events/99999/allocate", f->o.coord, NULL, NULL);
    g_autoptr(TsReply) r4 = ts_harness_request (h, "POST", "/v1/booking-requests/99999/cancel", f->o.coord, NULL, NULL);
    g_autoptr(TsReply) r5 = ts_harness_request (h, "POST", "/v1/booking-requests", f->o.coord,
                                                "{\"event_id\":99999,\"preferences\":[1],\"nickname\":\"x\"}", NULL);
    g_autoptr(TsReply) r6 = ts_harness_request (h, "GET", "/v1/booking-requests?event_id=99999", f->o.coord, NULL, NULL);
    ts_assert_problem (r1, 404, "not_found", NULL);
    ts_assert_problem (r2, 404, "not_found", NULL);
    ts_assert_problem (r3, 404, "not_found", NULL);
    ts_assert_problem (r4, 404, "not_found", NULL);
    ts_assert_problem (r5, 404, "not_found", NULL);
    ts_assert_problem (r6, 404, "not_found", NULL);
  }
  /* An oversize body. */
  {
    g_autoptr(GString) big = g_string_new ("{\"nickname\":\"");
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    {
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, big->str, "/v1/events/%" G_GINT64_FORMAT "/registrations", sem);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
  /* Scope: another organisation's event is a missing one, everywhere. */
  {
    g_autoptr(TsReply) r1 = ts_harness_call (h, "POST", f->o.other_coord, "{\"nickname\":\"x\"}", "/v1/events/%" G_GINT64_FORMAT "/registrations", sem);
    g_autoptr(TsReply) r2 = ts_harness_call (h, "GET", f->o.other_coord, NULL, "/v1/events/%" G_GINT64_FORMAT "/registrations", sem);
    g_autoptr(TsReply) r3 = ts_harness_call (h, "POST", f->o.other_coord, "{\"start\":\"10:00\",\"minutes\":45}", "/v1/events/%" G_GINT64_FORMAT "/slots", day);
    g_autoptr(TsReply) r4 = ts_harness_call (h, "POST", f->o.other_coord, NULL, "/v1/events/%" G_GINT64_FORMAT "/allocate", day);
    g_autoptr(TsReply) r5 = ts_harness_call (h, "GET", f->o.other_coord, NULL, "/v1/booking-requests?event_id=%" G_GINT64_FORMAT, day);
    g_autofree char *body = g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":[%" G_GINT64_FORMAT "],\"nickname\":\"x\"}", day, a);
    g_autoptr(TsReply) r6 = ts_harness_request (h, "POST", "/v1/booking-requests", f->o.other_coord, body, NULL);
    g_autofree char *just_a = g_strdup_printf ("[%" G_GINT64_FORMAT "]", a);
    gint64 mine = request (f, day, just_a, "x");
    g_autoptr(TsReply) r7 = ts_harness_call (h, "POST", f->o.other_coord, NULL, "/v1/booking-requests/%" G_GINT64_FORMAT "/cancel", mine);
    ts_assert_problem (r1, 404, "not_found", NULL);
    ts_assert_problem (r2, 404, "not_found", NULL);
    ts_assert_problem (r3, 404, "not_found", NULL);
    ts_assert_problem (r4, 404, "not_found", NULL);
    ts_assert_problem (r5, 404, "not_found", NULL);
    ts_assert_problem (r6, 404, "not_found", NULL);
    ts_assert_problem (r7, 404, "not_found", NULL);
    /* Another event's slot is not one of this event's. */
    other_day = post_id (f, "/v1/events", DAY);
    {
      g_autofree char *b2 = g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":[%" G_GINT64_FORMAT "],\"nickname\":\"x\"}", other_day, a);
      g_autoptr(TsReply) r8 = ts_harness_request (h, "POST", "/v1/booking-requests", f->o.coord, b2, NULL);
      ts_assert_problem (r8, 422, "validation_failed", "preferences");
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/tsunagari/http/bookings/" path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("registrations", test_registrations);
  ADD ("concurrent-registrations", test_concurrent_registrations);
  ADD ("allocation", test_allocation);
  ADD ("refused-and-bad", test_refused_and_bad);
#undef ADD
  return g_test_run ();
}
