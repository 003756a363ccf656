/*
 * Events on a live server (SPEC 2.8, 3.3 Events; issue 18; seeds 001, 002,
 * 004): create, read, list, change and cancel; a monthly series in one
 * step (seed 001's family groups on the second Thursday); attendance with
 * named supporters paid at the event rate in force on the event's date
 * through the ledger and the monthly statements, and counted others that
 * the statistics hook sums; each refused role; bad input; unknown ids;
 * the organisation scope.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "harness.h"
#include "service/events.h"

#define TODAY "2026-06-15"
#define EVENT "{\"kind\":\"ibasho\",\"title\":\"居場所\",\"date\":\"2026-05-14\"," \
              "\"start\":\"13:30\",\"minutes\":120,\"place\":\"公民館\",\"municipality_code\":\"131059\"}"

typedef struct {
  TsTwoOrgs  o;
  gint64     sup2;          /* 文京's second supporter */
  gint64     other_sup;     /* 台東's */
} Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_two_orgs_set_up (&f->o, TODAY);
  f->sup2 = ts_harness_create_registered_supporter (f->o.h, f->o.coord, NULL);
  f->other_sup = ts_harness_create_registered_supporter (f->o.h, f->o.other_coord, NULL);
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  ts_two_orgs_tear_down (&f->o);
}

static gint64
create (Fixture *f, const char *body)
{
  g_autoptr(TsReply) r = ts_harness_request (f->o.h, "POST", "/v1/events", f->o.coord, body, NULL);

  ts_assert_status (r, 201);
  return json_object_get_int_member (ts_reply_object (r), "id");
}

static JsonArray *
events_of (TsReply *r)
{
  ts_assert_status (r, 200);
  return json_object_get_array_member (ts_reply_object (r), "events");
}

/* ---- success ---------------------------------------------------------------- */

static void
test_create_read_change (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 id;

  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/events", f->o.coord, EVENT, NULL);
    JsonObject *o;

    ts_assert_status (r, 201);
    o = ts_reply_object (r);
    id = json_object_get_int_member (o, "id");
    g_assert_nonnull (ts_reply_header (r, "Location"));
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "ibasho");
    g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "13:30");
    g_assert_cmpint (json_object_get_int_member (o, "minutes"), ==, 120);
    g_assert_true (json_object_get_null_member (o, "capacity"));
    g_assert_cmpint (json_object_get_int_member (o, "organisation_id"), ==, f->o.bunkyo);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "scheduled");
    g_assert_true (json_object_get_null_member (o, "counts"));
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT, id);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "title"), ==, "居場所");
  }
  create (f, "{\"kind\":\"seminar\",\"title\":\"家族セミナー\",\"date\":\"2026-07-04\","
             "\"start\":\"14:00\",\"minutes\":90,\"capacity\":15,\"municipality_code\":\"131059\"}");
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/events?from=2026-05-01&to=2026-05-31",
                                               f->o.coord, NULL, NULL);
    JsonArray *a = events_of (r);
    g_assert_cmpuint (json_array_get_length (a), ==, 1);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/events?kind=seminar", f->o.coord, NULL, NULL);
    JsonArray *a = events_of (r);
    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "capacity"),
                     ==, 15);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "PATCH", f->o.coord,
                                            "{\"title\":\"居場所（午後）\",\"capacity\":20,\"start\":\"14:00\"}",
                                            "/v1/events/%" G_GINT64_FORMAT, id);
    JsonObject *o;
    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "居場所（午後）");
    g_assert_cmpint (json_object_get_int_member (o, "capacity"), ==, 20);
    g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "14:00");
    g_assert_cmpint (json_object_get_int_member (o, "version"), ==, 2);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "PATCH", f->o.coord, "{\"capacity\":null}",
                                            "/v1/events/%" G_GINT64_FORMAT, id);
    ts_assert_status (r, 200);
    g_assert_true (json_object_get_null_member (ts_reply_object (r), "capacity"));
  }
  /* An audit entry per write. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE object = 'event'"
                                          " AND action IN ('create', 'update')"), ==, 4);
}

/* Seed 001: 家族会 monthly on the second Thursday. */
static void
test_series (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  static const char *const second_thursdays[] = {
    "2026-04-09", "2026-05-14", "2026-06-11", "2026-07-09", "2026-08-13", "2026-09-10",
  };
  g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/events", f->o.coord,
                                             "{\"kind\":\"family_meeting\",\"title\":\"家族会\","
                                             "\"date\":\"2026-04-09\",\"start\":\"18:30\",\"minutes\":120,"
                                             "\"municipality_code\":\"131059\","
                                             "\"repeat\":{\"rule\":\"monthly_nth_weekday\",\"count\":6}}",
                                             NULL);
  JsonArray *series;
  gint64 first;

  ts_assert_status (r, 201);
  first = json_object_get_int_member (ts_reply_object (r), "id");
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "series_id"), ==, first);
  series = json_object_get_array_member (ts_reply_object (r), "series");
  g_assert_cmpuint (json_array_get_length (series), ==, G_N_ELEMENTS (second_thursdays));
  for (guint i = 0; i < G_N_ELEMENTS (second_thursdays); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (series, i), "date"),
                     ==, second_thursdays[i]);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM events WHERE series_id IS NOT NULL"
                                          " AND series_id = (SELECT min (id) FROM events)"), ==, 6);

  /* The last Friday, named explicitly, from a date that is none. */
  {
    g_autoptr(TsReply) last = ts_harness_request (h, "POST", "/v1/events", f->o.coord,
                                                  "{\"kind\":\"supporter_meeting\",\"title\":\"例会\","
                                                  "\"date\":\"2026-01-01\",\"start\":\"10:00\",\"minutes\":60,"
                                                  "\"municipality_code\":\"131059\",\"repeat\":{\"rule\":"
                                                  "\"monthly_nth_weekday\",\"count\":3,\"nth\":-1,\"weekday\":5}}",
                                                  NULL);
    JsonArray *s;
    ts_assert_status (last, 201);
    s = json_object_get_array_member (ts_reply_object (last), "series");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (s, 0), "date"), ==, "2026-01-30");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (s, 1), "date"), ==, "2026-02-27");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (s, 2), "date"), ==, "2026-03-27");
  }
}

static void
test_cancel (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 id = create (f, EVENT);

  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, "{}", "/v1/events/%" G_GINT64_FORMAT "/cancel", id);
    ts_assert_problem (r, 422, "validation_failed", "reason");
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, "{\"reason\":\"台風のため\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/cancel", id);
    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "status"), ==, "cancelled");
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "cancel_reason"), ==, "台風のため");
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, "{\"reason\":\"again\"}",
                                            "/v1/events/%" G_GINT64_FORMAT "/cancel", id);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "PATCH", f->o.coord, "{\"title\":\"x\"}",
                                            "/v1/events/%" G_GINT64_FORMAT, id);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord,
                                            "{\"supporter_ids\":[],\"counts\":{\"self\":1}}",
                                            "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
}

/* ---- attendance and payment ---------------------------------------------------- */

static void
post_rates (Fixture *f, const char *from, int per_hour, int event_per_hour)
{
  g_autofree char *body = g_strdup_printf ("{\"effective_from\":\"%s\",\"honorarium_per_activity_yen\":0,"
                                           "\"honorarium_per_hour_yen\":%d,\"transport_cap_yen\":0,"
                                           "\"host_stipend_per_day_yen\":1500,"
                                           "\"event_honorarium_per_hour_yen\":%d}",
                                           from, per_hour, event_per_hour);
  g_autoptr(TsReply) r = ts_harness_request (f->o.h, "POST", "/v1/rates", f->o.h->admin, body, NULL);

  ts_assert_status (r, 201);
  g_assert_cmpint (json_object_get_int_member (ts_reply_object (r), "event_honorarium_per_hour_yen"),
                   ==, event_per_hour);
}

/* The event lines of @supporter's statement of @month, their sum. */
static gint64
statement_event_yen (Fixture *f, const char *month, gint64 supporter, guint *n_lines)
{
  g_autofree char *body = g_strdup_printf ("{\"month\":\"%s\"}", month);
  g_autoptr(TsReply) issue = ts_harness_request (f->o.h, "POST", "/v1/payments/statements", f->o.coord,
                                                 body, NULL);
  g_autoptr(TsReply) r = NULL;
  JsonArray *statements;
  gint64 sum = 0;

  g_assert_true (issue->status == 200 || issue->status == 201);
  r = ts_harness_call (f->o.h, "GET", f->o.coord, NULL, "/v1/payments/statements?month=%s", month);
  ts_assert_status (r, 200);
  statements = json_object_get_array_member (ts_reply_object (r), "statements");
  *n_lines = 0;
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *s = json_array_get_object_element (statements, i);
      JsonArray *lines;

      if (json_object_get_int_member (s, "payee_id") != supporter ||
          g_strcmp0 (json_object_get_string_member (s, "payee_type"), "supporter") != 0)
        continue;
      lines = json_object_get_array_member (s, "lines");
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonObject *l = json_array_get_object_element (lines, j);
          const char *kind = json_object_get_string_member (l, "kind");
          const char *adjusts = json_object_get_null_member (l, "adjusts")
                                  ? NULL : json_object_get_string_member (l, "adjusts");

          if (g_strcmp0 (kind, "event") == 0 || g_strcmp0 (adjusts, "event") == 0)
            {
              sum += json_object_get_int_member (l, "amount_yen");
              (*n_lines)++;
            }
        }
    }
  return sum;
}

static void
test_attendance_paid (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 may, june;
  guint n = 0;

  /* The event rate changes on 1 June: May's event is paid at the old one. */
  post_rates (f, "2026-04-01", 1200, 1000);
  post_rates (f, "2026-06-01", 1200, 1500);
  may = create (f, EVENT);    /* 2026-05-14, 120 minutes */
  june = create (f, "{\"kind\":\"ibasho\",\"title\":\"居場所\",\"date\":\"2026-06-11\","
                    "\"start\":\"13:30\",\"minutes\":90,\"municipality_code\":\"131059\"}");

  {
    g_autofree char *body = g_strdup_printf ("{\"supporter_ids\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "],"
                                             "\"counts\":{\"self\":4,\"family\":3,\"other\":1}}", f->o.sup, f->sup2);
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, body,
                                            "/v1/events/%" G_GINT64_FORMAT "/attendance", may);
    JsonObject *o, *counts;
    JsonArray *staff;

    ts_assert_status (r, 200);
    o = ts_reply_object (r);
    counts = json_object_get_object_member (o, "counts");
    g_assert_cmpint (json_object_get_int_member (counts, "self"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (counts, "family"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (counts, "other"), ==, 1);
    staff = json_object_get_array_member (o, "staff");
    g_assert_cmpuint (json_array_get_length (staff), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (staff, 0), "paid_yen"), ==, 2000);
  }
  {
    g_autofree char *body = g_strdup_printf ("{\"supporter_ids\":[%" G_GINT64_FORMAT "],"
                                             "\"counts\":{\"self\":2,\"family\":0,\"other\":0}}", f->o.sup);
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, body,
                                            "/v1/events/%" G_GINT64_FORMAT "/attendance", june);
    ts_assert_status (r, 200);
  }
  /* 120 minutes at 1,000 yen an hour in May; 90 minutes at 1,500 in June. */
  g_assert_cmpint (statement_event_yen (f, "2026-05", f->o.sup, &n), ==, 2000);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (statement_event_yen (f, "2026-05", f->sup2, &n), ==, 2000);

  /* May is issued: taking sup2 off May's event is a reversal in June's
   * statement, and naming sup again pays nothing twice. */
  {
    g_autofree char *body = g_strdup_printf ("{\"supporter_ids\":[%" G_GINT64_FORMAT "],"
                                             "\"counts\":{\"self\":4,\"family\":3,\"other\":1}}", f->o.sup);
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, body,
                                            "/v1/events/%" G_GINT64_FORMAT "/attendance", may);
    ts_assert_status (r, 200);
  }
  g_assert_cmpint (statement_event_yen (f, "2026-06", f->o.sup, &n), ==, 2250);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (statement_event_yen (f, "2026-06", f->sup2, &n), ==, -2000);
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM ledger_entries WHERE kind = 'adjustment'"
                                          " AND adjusts = 'event' AND amount_yen = -2000"), ==, 1);

  /* The statistics hook: 延べ参加者数 of 居場所 in 年度 2026. */
  {
    g_autoptr(TsContext) ctx = ts_context_new_local ();
    g_autoptr(GError) error = NULL;
    TsEventCountRow rows[TS_EVENT_N_KINDS];
    gint64 scope[] = { f->o.bunkyo };

    ctx->role = TS_ROLE_AUDITOR;
    ts_context_set_scope (ctx, f->o.bunkyo, scope, 1);
    g_assert_true (ts_service_event_counts (h->service, ctx, 2026, rows, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rows[TS_EVENT_IBASHO].events, ==, 2);
    g_assert_cmpint (rows[TS_EVENT_IBASHO].self, ==, 6);
    g_assert_cmpint (rows[TS_EVENT_IBASHO].family, ==, 3);
    g_assert_cmpint (rows[TS_EVENT_IBASHO].other, ==, 1);
    g_assert_cmpint (rows[TS_EVENT_IBASHO].supporters, ==, 2);
    g_assert_cmpint (rows[TS_EVENT_SEMINAR].events, ==, 0);
    /* Another year, and another organisation's scope, count nothing. */
    g_assert_true (ts_service_event_counts (h->service, ctx, 2025, rows, &error));
    g_assert_cmpint (rows[TS_EVENT_IBASHO].events, ==, 0);
    scope[0] = f->o.taito;
    ts_context_set_scope (ctx, f->o.taito, scope, 1);
    g_assert_true (ts_service_event_counts (h->service, ctx, 2026, rows, &error));
    g_assert_cmpint (rows[TS_EVENT_IBASHO].self, ==, 0);
  }

  /* Not yet held: no attendance. */
  {
    gint64 later = create (f, "{\"kind\":\"lecture\",\"title\":\"講演会\",\"date\":\"2026-06-20\","
                              "\"start\":\"13:30\",\"minutes\":90,\"municipality_code\":\"131059\"}");
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, "{\"supporter_ids\":[],\"counts\":{}}",
                                            "/v1/events/%" G_GINT64_FORMAT "/attendance", later);
    ts_assert_problem (r, 409, "invalid_transition", NULL);
  }
}

/* ---- who may ---------------------------------------------------------------------- */

static void
test_supporter_sees_staffed (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  g_autofree char *staffed_body = g_strdup_printf ("{\"kind\":\"ibasho\",\"title\":\"居場所\","
                                                   "\"date\":\"2026-06-25\",\"start\":\"13:30\",\"minutes\":120,"
                                                   "\"municipality_code\":\"131059\",\"supporter_ids\":[%" G_GINT64_FORMAT "]}",
                                                   f->o.sup);
  gint64 staffed = create (f, staffed_body);
  gint64 other = create (f, EVENT);

  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/events", f->o.supporter, NULL, NULL);
    JsonArray *a = events_of (r);
    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "id"), ==, staffed);
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.supporter, NULL, "/v1/events/%" G_GINT64_FORMAT, staffed);
    ts_assert_status (r, 200);
  }
  /* With a colleague planned too, the supporter sees its own row only. */
  {
    g_autofree char *both = g_strdup_printf ("{\"kind\":\"ibasho\",\"title\":\"居場所\","
                                             "\"date\":\"2026-06-26\",\"start\":\"13:30\",\"minutes\":120,"
                                             "\"municipality_code\":\"131059\",\"supporter_ids\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]}",
                                             f->o.sup, f->sup2);
    gint64 id = create (f, both);
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.supporter, NULL, "/v1/events/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) c = ts_harness_call (h, "GET", f->o.coord, NULL, "/v1/events/%" G_GINT64_FORMAT, id);
    ts_assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r), "staff")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (c), "staff")), ==, 2);
  }
  /* PATCH does not take a series or the staff. */
  {
    g_autoptr(TsReply) a = ts_harness_call (h, "PATCH", f->o.coord, "{\"supporter_ids\":[]}", "/v1/events/%" G_GINT64_FORMAT, other);
    g_autoptr(TsReply) b = ts_harness_call (h, "PATCH", f->o.coord, "{\"repeat\":{\"rule\":\"monthly_nth_weekday\",\"count\":3}}",
                                            "/v1/events/%" G_GINT64_FORMAT, other);
    ts_assert_problem (a, 422, "validation_failed", "supporter_ids");
    ts_assert_problem (b, 422, "validation_failed", "repeat");
  }
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.supporter, NULL, "/v1/events/%" G_GINT64_FORMAT, other);
    ts_assert_problem (r, 404, "not_found", NULL);
  }
}

static void
test_refused_roles (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 id = create (f, EVENT);
  const char *writers_refused[] = { f->o.supporter, f->o.host, f->o.auditor };
  const char *readers_refused[] = { f->o.host, f->o.auditor };

  for (guint i = 0; i < G_N_ELEMENTS (writers_refused); i++)
    {
      const char *t = writers_refused[i];
      g_autoptr(TsReply) a = ts_harness_request (h, "POST", "/v1/events", t, EVENT, NULL);
      g_autoptr(TsReply) b = ts_harness_call (h, "PATCH", t, "{\"title\":\"x\"}", "/v1/events/%" G_GINT64_FORMAT, id);
      g_autoptr(TsReply) c = ts_harness_call (h, "POST", t, "{\"reason\":\"x\"}", "/v1/events/%" G_GINT64_FORMAT "/cancel", id);
      g_autoptr(TsReply) d = ts_harness_call (h, "POST", t, "{\"supporter_ids\":[],\"counts\":{}}",
                                              "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
      ts_assert_problem (a, 403, "forbidden", NULL);
      ts_assert_problem (b, 403, "forbidden", NULL);
      ts_assert_problem (c, 403, "forbidden", NULL);
      ts_assert_problem (d, 403, "forbidden", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (readers_refused); i++)
    {
      g_autoptr(TsReply) a = ts_harness_request (h, "GET", "/v1/events", readers_refused[i], NULL, NULL);
      g_autoptr(TsReply) b = ts_harness_call (h, "GET", readers_refused[i], NULL, "/v1/events/%" G_GINT64_FORMAT, id);
      ts_assert_problem (a, 403, "forbidden", NULL);
      ts_assert_problem (b, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/events", NULL, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 401);
  }
}

/* ---- bad input ---------------------------------------------------------------------- */

static void
test_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  const struct {
    const char *body;
    const char *field;
  } bad[] = {
    { "{\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\"}", "kind" },
    { "{\"kind\":\"party\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\"}", "kind" },
    { "{\"kind\":\"ibasho\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\"}", "title" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-02-30\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\"}", "date" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"1999-12-31\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\"}", "date" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"minutes\":60,\"municipality_code\":\"131059\"}", "start" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"25:00\",\"minutes\":60,\"municipality_code\":\"131059\"}", "start" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":0,\"municipality_code\":\"131059\"}", "minutes" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":\"60\",\"municipality_code\":\"131059\"}", "minutes" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"23:30\",\"minutes\":60,\"municipality_code\":\"131059\"}", "minutes" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"capacity\":0,\"municipality_code\":\"131059\"}", "capacity" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"999999\"}", "municipality_code" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\",\"repeat\":{\"rule\":\"monthly_nth_weekday\",\"count\":25}}", "repeat.count" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\",\"repeat\":{\"rule\":\"weekly\",\"count\":3}}", "repeat.rule" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\",\"repeat\":{\"rule\":\"monthly_nth_weekday\",\"count\":3,\"nth\":6}}", "repeat.nth" },
    { "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-05-14\",\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\",\"supporter_ids\":[\"a\"]}", "supporter_ids" },
  };
  gint64 id = create (f, EVENT);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/events", f->o.coord, bad[i].body, NULL);
      g_test_message ("bad %u", i);
      ts_assert_problem (r, 422, "validation_failed", bad[i].field);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/events", f->o.coord,
                                               "{\"kind\":\"ibasho\",\"colour\":\"red\"}", NULL);
    g_assert_cmpuint (r->status, ==, 400);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/events", f->o.coord, "[1]", NULL);
    g_assert_cmpuint (r->status / 100, ==, 4);
  }
  /* A long title. */
  {
    g_autofree char *title = g_strnfill (TS_EVENT_TITLE_MAX + 1, 'a');
    g_autofree char *body = g_strdup_printf ("{\"kind\":\"ibasho\",\"title\":\"%s\",\"date\":\"2026-05-14\","
                                             "\"start\":\"13:30\",\"minutes\":60,\"municipality_code\":\"131059\"}", title);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/events", f->o.coord, body, NULL);
    ts_assert_problem (r, 422, "validation_failed", "title");
  }
  /* Attendance. */
  {
    const struct {
      const char *body;
      const char *field;
    } att[] = {
      { "{\"counts\":{\"self\":1}}", "supporter_ids" },
      { "{\"supporter_ids\":[]}", "counts" },
      { "{\"supporter_ids\":[0],\"counts\":{}}", "supporter_ids" },
      { "{\"supporter_ids\":[],\"counts\":{\"self\":-1}}", "counts.self" },
      { "{\"supporter_ids\":[],\"counts\":{\"family\":10001}}", "counts.family" },
      { "{\"supporter_ids\":[],\"counts\":{\"other\":\"3\"}}", "counts.other" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (att); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, att[i].body,
                                                "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
        ts_assert_problem (r, 422, "validation_failed", att[i].field);
      }
    {
      g_autofree char *body = g_strdup_printf ("{\"supporter_ids\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "],\"counts\":{}}",
                                               f->o.sup, f->o.sup);
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, body,
                                              "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
      ts_assert_problem (r, 422, "validation_failed", "supporter_ids");
    }
    {
      g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, "{\"supporter_ids\":[99999],\"counts\":{}}",
                                              "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
      ts_assert_problem (r, 404, "not_found", NULL);
    }
  }
  /* Unknown ids. */
  {
    g_autoptr(TsReply) a = ts_harness_request (h, "GET", "/v1/events/99999", f->o.coord, NULL, NULL);
    g_autoptr(TsReply) b = ts_harness_request (h, "PATCH", "/v1/events/99999", f->o.coord, "{\"title\":\"x\"}", NULL);
    g_autoptr(TsReply) c = ts_harness_request (h, "POST", "/v1/events/99999/cancel", f->o.coord, "{\"reason\":\"x\"}", NULL);
    g_autoptr(TsReply) d = ts_harness_request (h, "POST", "/v1/events/99999/attendance", f->o.coord,
                                               "{\"supporter_ids\":[],\"counts\":{}}", NULL);
    ts_assert_problem (a, 404, "not_found", NULL);
    ts_assert_problem (b, 404, "not_found", NULL);
    ts_assert_problem (c, 404, "not_found", NULL);
    ts_assert_problem (d, 404, "not_found", NULL);
  }
  /* An oversize body. */
  {
    g_autoptr(GString) big = g_string_new ("{\"kind\":\"ibasho\",\"title\":\"");
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    {
      g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/events", f->o.coord, big->str, NULL);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
  /* The list's parameters. */
  {
    const struct {
      const char *path;
      const char *field;
    } lists[] = {
      { "/v1/events?kind=party", "kind" },
      { "/v1/events?from=2026-13-01", "from" },
      { "/v1/events?from=2026-06-10&to=2026-06-01", "to" },
      { "/v1/events?limit=0", "limit" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autoptr(TsReply) r = ts_harness_request (h, "GET", lists[i].path, f->o.coord, NULL, NULL);
        ts_assert_problem (r, 422, "validation_failed", lists[i].field);
      }
  }
}

/* ---- scope ------------------------------------------------------------------------- */

static void
test_scope (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->o.h;
  gint64 id = create (f, EVENT);
  g_autoptr(TsReply) missing = ts_harness_request (h, "GET", "/v1/events/99999", f->o.coord, NULL, NULL);
  const char *words = json_object_get_string_member (ts_reply_object (missing), "detail");

  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->o.other_coord, NULL, "/v1/events/%" G_GINT64_FORMAT, id);
    ts_assert_problem (r, 404, "not_found", NULL);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "detail"), ==, words);
  }
  {
    g_autoptr(TsReply) a = ts_harness_call (h, "PATCH", f->o.other_coord, "{\"title\":\"x\"}", "/v1/events/%" G_GINT64_FORMAT, id);
    g_autoptr(TsReply) b = ts_harness_call (h, "POST", f->o.other_coord, "{\"reason\":\"x\"}", "/v1/events/%" G_GINT64_FORMAT "/cancel", id);
    g_autoptr(TsReply) c = ts_harness_call (h, "POST", f->o.other_coord, "{\"supporter_ids\":[],\"counts\":{}}",
                                            "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
    ts_assert_problem (a, 404, "not_found", NULL);
    ts_assert_problem (b, 404, "not_found", NULL);
    ts_assert_problem (c, 404, "not_found", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/events", f->o.other_coord, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (events_of (r)), ==, 0);
  }
  /* Another organisation's supporter is a missing one. */
  {
    g_autofree char *body = g_strdup_printf ("{\"supporter_ids\":[%" G_GINT64_FORMAT "],\"counts\":{}}", f->other_sup);
    g_autoptr(TsReply) r = ts_harness_call (h, "POST", f->o.coord, body, "/v1/events/%" G_GINT64_FORMAT "/attendance", id);
    ts_assert_problem (r, 404, "not_found", NULL);
    g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM ledger_entries"), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/tsunagari/http/events/" path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("create-read-change", test_create_read_change);
  ADD ("series", test_series);
  ADD ("cancel", test_cancel);
  ADD ("attendance-paid", test_attendance_paid);
  ADD ("supporter-sees-staffed", test_supporter_sees_staffed);
  ADD ("refused-roles", test_refused_roles);
  ADD ("bad-input", test_bad_input);
  ADD ("scope", test_scope);
#undef ADD
  return g_test_run ();
}
