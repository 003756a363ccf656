/*
 * Who sees what (SPEC 2.6), route by route: a role × organisation matrix
 * over the whole route table.
 *
 * The world: the prefecture (organisation 1, the harness's own accounts)
 * with two municipalities below it, A and B.  A's coordinator registers a
 * supporter, a case, a host, an assignment, a visit report, a placement
 * and a statement.  Then every route of the table is probed:
 *
 * - out of scope (B's coordinator and auditor, the prefecture's
 *   coordinator, a supporter and a host account of B): the answer with A's
 *   ids must be the answer with ids that do not exist — same status, same
 *   problem, same field errors — so that nobody can tell A's records exist;
 * - lists must hold none of A's records for them;
 * - in scope (A's coordinator, the prefecture's auditor above A, the
 *   administrator): a read of A's record is not answered as a missing one;
 * - shared by a request: C, which A asked for a supporter, reads the
 *   request and nothing else of A's (the case itself stays missing to it);
 * - transferred: C registered a case and transferred it to A; C's answers
 *   on it are those of a missing case, A reads it.
 *
 * The probes are a table keyed by the route's method and pattern; a route of
 * ts_routes_get_all() without a probe fails the test, so that a new route
 * cannot skip the matrix.
 */
#include <string.h>

#include "harness.h"
#include "http/route.h"
#include "service/notices.h"

#define TODAY "2026-06-15"
#define MISSING "987654321"

typedef enum {
  PROBE_NONE,       /* no organisation's record in it (public, installation-wide) */
  PROBE_RECORD,     /* names A's records: out of scope answers as for missing ids */
  PROBE_LIST,       /* a list: none of A's records out of scope */
} ProbeKind;

typedef struct {
  const char *method;
  const char *pattern;
  ProbeKind   kind;
  const char *path;       /* the pattern with {case}, {sup}, … (and ?query) */
  const char *body;       /* with the same placeholders; NULL: none */
} Probe;

#define ASSESSMENT "{\"held_on\":\"2026-06-01\",\"participants\":[\"coordinator\"],\"summary\":\"会議\"}"
#define REPORT "{\"assignment_id\":{asg},\"date\":\"2026-06-12\",\"start\":\"10:00\",\"minutes\":60," \
               "\"kind\":\"home_visit\"}"
#define PLACEMENT "{\"case_id\":{case},\"host_id\":{host},\"days\":[\"2026-07-14\"],\"hours_per_day\":4," \
                  "\"pre_interview\":{\"held_on\":\"2026-06-10\",\"attendees\":[\"participant\",\"family\",\"host\",\"coordinator\"]}}"

static const Probe probes[] = {
  { "GET", "/", PROBE_NONE, "/", NULL },
  { "GET", "/app", PROBE_NONE, "/app", NULL },
  { "GET", "/app/{path}", PROBE_NONE, "/app/cases", NULL },
  { "GET", "/healthz", PROBE_NONE, "/healthz", NULL },
  { "GET", "/openapi.json", PROBE_NONE, "/openapi.json", NULL },
  { "GET", "/static/{path}", PROBE_NONE, "/static/css/app.css", NULL },
  { "GET", "/sw.js", PROBE_NONE, "/sw.js", NULL },
  { "POST", "/v1/auth/token", PROBE_NONE, "/v1/auth/token", NULL },
  { "DELETE", "/v1/auth/token", PROBE_NONE, "/v1/auth/token", NULL },
  /* Remembered devices (issue 15): one's own; staff see those of the
   * accounts of their organisations' supporters and hosts. */
  { "POST", "/v1/auth/devices", PROBE_NONE, "/v1/auth/devices", NULL },
  { "GET", "/v1/auth/devices", PROBE_RECORD, "/v1/auth/devices?user_id={usr}", NULL },
  { "DELETE", "/v1/auth/devices/{id}", PROBE_RECORD, "/v1/auth/devices/{dev}", NULL },
  { "POST", "/v1/auth/device/token", PROBE_NONE, "/v1/auth/device/token", NULL },
  { "DELETE", "/v1/auth/device", PROBE_NONE, "/v1/auth/device", NULL },
  { "GET", "/v1/users", PROBE_NONE, "/v1/users", NULL },
  { "POST", "/v1/users", PROBE_NONE, "/v1/users", NULL },
  { "PATCH", "/v1/users/{id}", PROBE_NONE, "/v1/users/1", NULL },
  { "GET", "/v1/municipalities", PROBE_NONE, "/v1/municipalities?prefecture_code=09", NULL },
  { "GET", "/v1/rates", PROBE_NONE, "/v1/rates", NULL },
  { "POST", "/v1/rates", PROBE_NONE, "/v1/rates", NULL },
  { "GET", "/v1/budgets", PROBE_NONE, "/v1/budgets", NULL },
  { "POST", "/v1/budgets", PROBE_NONE, "/v1/budgets", NULL },
  { "GET", "/v1/matching/config", PROBE_NONE, "/v1/matching/config", NULL },
  { "GET", "/v1/audit/log/verify", PROBE_NONE, "/v1/audit/log/verify", NULL },
  { "GET", "/v1/audit/log", PROBE_LIST, "/v1/audit/log?limit=200", NULL },
  /* Organisations are not personal records: staff read them all. */
  { "GET", "/v1/organisations", PROBE_NONE, "/v1/organisations", NULL },
  { "POST", "/v1/organisations", PROBE_NONE, "/v1/organisations", NULL },
  { "GET", "/v1/organisations/{id}", PROBE_NONE, "/v1/organisations/1", NULL },
  { "PATCH", "/v1/organisations/{id}", PROBE_NONE, "/v1/organisations/1", NULL },
  /* Training courses are the programme's, installation-wide; who enrols
   * names a supporter. */
  { "GET", "/v1/training-courses", PROBE_NONE, "/v1/training-courses", NULL },
  { "POST", "/v1/training-courses", PROBE_NONE, "/v1/training-courses", NULL },
  { "GET", "/v1/training-courses/{id}", PROBE_NONE, "/v1/training-courses/{course}", NULL },
  { "POST", "/v1/training-courses/{id}/sessions", PROBE_NONE, "/v1/training-courses/{course}/sessions", NULL },
  { "GET", "/v1/training-courses/{id}/enrolments", PROBE_LIST, "/v1/training-courses/{course}/enrolments", NULL },
  { "POST", "/v1/training-courses/{id}/enrolments", PROBE_RECORD,
    "/v1/training-courses/{course}/enrolments", "{\"supporter_id\":{sup}}" },
  { "DELETE", "/v1/training-courses/{id}/enrolments/{supporter_id}", PROBE_RECORD,
    "/v1/training-courses/{course}/enrolments/{sup}", NULL },
  { "POST", "/v1/training-courses/{id}/sessions/{session_id}/attendance", PROBE_RECORD,
    "/v1/training-courses/{course}/sessions/{session}/attendance",
    "{\"supporter_id\":{sup},\"attended\":true}" },

  { "GET", "/v1/supporters", PROBE_LIST, "/v1/supporters", NULL },
  { "POST", "/v1/supporters", PROBE_NONE, "/v1/supporters", NULL },
  { "POST", "/v1/supporters/insurance-renewals", PROBE_NONE, "/v1/supporters/insurance-renewals", NULL },
  { "GET", "/v1/supporters/{id}", PROBE_RECORD, "/v1/supporters/{sup}", NULL },
  { "PATCH", "/v1/supporters/{id}", PROBE_RECORD, "/v1/supporters/{sup}", "{\"occupation\":\"teacher\"}" },
  { "POST", "/v1/supporters/{id}/trainings", PROBE_RECORD, "/v1/supporters/{sup}/trainings",
    "{\"kind\":\"follow_up\",\"completed_on\":\"2026-06-01\"}" },
  { "POST", "/v1/supporters/{id}/register", PROBE_RECORD, "/v1/supporters/{sup}/register", "{}" },
  { "POST", "/v1/supporters/{id}/suspend", PROBE_RECORD, "/v1/supporters/{sup}/suspend", "{\"reason\":\"x\"}" },
  { "POST", "/v1/supporters/{id}/retire", PROBE_RECORD, "/v1/supporters/{sup}/retire", "{\"reason\":\"x\"}" },

  { "GET", "/v1/cases", PROBE_LIST, "/v1/cases", NULL },
  { "POST", "/v1/cases", PROBE_NONE, "/v1/cases", NULL },
  { "GET", "/v1/cases/{id}", PROBE_RECORD, "/v1/cases/{case}", NULL },
  { "PATCH", "/v1/cases/{id}", PROBE_RECORD, "/v1/cases/{case}", "{\"referring_agency\":\"保健所\"}" },
  { "POST", "/v1/cases/{id}/assessment", PROBE_RECORD, "/v1/cases/{case}/assessment", ASSESSMENT },
  { "GET", "/v1/cases/{id}/candidates", PROBE_RECORD, "/v1/cases/{case}/candidates", NULL },
  { "POST", "/v1/cases/{id}/close", PROBE_RECORD, "/v1/cases/{case}/close",
    "{\"closed_on\":\"" TODAY "\",\"reason\":\"moved\"}" },
  { "GET", "/v1/cases/{id}/exclusions", PROBE_RECORD, "/v1/cases/{case}/exclusions", NULL },
  { "POST", "/v1/cases/{id}/exclusions", PROBE_RECORD, "/v1/cases/{case}/exclusions",
    "{\"supporter_id\":{sup},\"reason\":\"conflict_of_interest\"}" },
  { "POST", "/v1/cases/{id}/matching", PROBE_RECORD, "/v1/cases/{case}/matching", NULL },
  { "GET", "/v1/cases/{id}/placement-summary", PROBE_RECORD, "/v1/cases/{case}/placement-summary", NULL },
  { "GET", "/v1/cases/{id}/plan", PROBE_RECORD, "/v1/cases/{case}/plan", NULL },
  { "PUT", "/v1/cases/{id}/plan", PROBE_RECORD, "/v1/cases/{case}/plan",
    "{\"goals\":[\"外出\"],\"review_on\":\"2026-09-01\"}" },

  { "GET", "/v1/assignments", PROBE_LIST, "/v1/assignments", NULL },
  { "POST", "/v1/assignments", PROBE_RECORD, "/v1/assignments",
    "{\"case_id\":{case},\"supporter_id\":{sup},\"starts_on\":\"" TODAY "\",\"role\":\"co_supporter\"}" },
  { "GET", "/v1/assignments/{id}", PROBE_RECORD, "/v1/assignments/{asg}", NULL },
  { "POST", "/v1/assignments/{id}/end", PROBE_RECORD, "/v1/assignments/{asg}/end",
    "{\"ended_on\":\"" TODAY "\",\"reason\":\"x\"}" },
  { "POST", "/v1/matching/batch", PROBE_RECORD, "/v1/matching/batch", "{\"case_ids\":[{case}]}" },

  { "GET", "/v1/activities", PROBE_LIST, "/v1/activities", NULL },
  { "POST", "/v1/activities", PROBE_RECORD, "/v1/activities", REPORT },
  { "GET", "/v1/activities/{id}", PROBE_RECORD, "/v1/activities/{act}", NULL },
  { "PATCH", "/v1/activities/{id}", PROBE_RECORD, "/v1/activities/{act}", "{\"minutes\":30}" },
  { "POST", "/v1/activities/{id}/approve", PROBE_RECORD, "/v1/activities/{act}/approve", NULL },
  { "POST", "/v1/activities/{id}/reject", PROBE_RECORD, "/v1/activities/{act}/reject", "{\"reason\":\"x\"}" },
  { "POST", "/v1/activities/{id}/reverse", PROBE_RECORD, "/v1/activities/{act}/reverse", "{\"reason\":\"x\"}" },
  { "POST", "/v1/activities/{id}/withdraw", PROBE_RECORD, "/v1/activities/{act}/withdraw", NULL },

  { "GET", "/v1/payments/statements", PROBE_LIST, "/v1/payments/statements?month=2026-06", NULL },
  { "POST", "/v1/payments/statements", PROBE_NONE, "/v1/payments/statements", NULL },
  { "GET", "/v1/payments/statements/{id}", PROBE_RECORD, "/v1/payments/statements/{stmt}", NULL },
  { "POST", "/v1/payments/statements/{id}/paid", PROBE_RECORD, "/v1/payments/statements/{stmt}/paid",
    "{\"paid_on\":\"" TODAY "\"}" },
  { "GET", "/v1/audit/payments", PROBE_NONE, "/v1/audit/payments", NULL },
  { "GET", "/v1/audit/training", PROBE_NONE, "/v1/audit/training", NULL },

  { "GET", "/v1/hosts", PROBE_LIST, "/v1/hosts", NULL },
  { "POST", "/v1/hosts", PROBE_NONE, "/v1/hosts", NULL },
  { "GET", "/v1/hosts/{id}", PROBE_RECORD, "/v1/hosts/{host}", NULL },
  { "PATCH", "/v1/hosts/{id}", PROBE_RECORD, "/v1/hosts/{host}", "{\"industry\":\"農業\"}" },
  { "GET", "/v1/hosts/{id}/calendar", PROBE_RECORD, "/v1/hosts/{host}/calendar?month=2026-07", NULL },
  /* Issue 16: the printable documents. */
  { "GET", "/v1/supporters/{id}/card", PROBE_RECORD, "/v1/supporters/{sup}/card", NULL },
  { "GET", "/v1/hosts/{id}/report", PROBE_RECORD, "/v1/hosts/{host}/report?month=2026-07", NULL },
  { "GET", "/v1/reports/annual", PROBE_RECORD,
    "/v1/reports/annual?fiscal_year=2025&organisation_id={org_a}", NULL },
  { "POST", "/v1/hosts/{id}/survey", PROBE_RECORD, "/v1/hosts/{host}/survey",
    "{\"surveyed_on\":\"2026-06-01\",\"result\":\"approved\"}" },
  { "POST", "/v1/hosts/{id}/suspend", PROBE_RECORD, "/v1/hosts/{host}/suspend", "{\"reason\":\"x\"}" },
  { "POST", "/v1/hosts/{id}/reinstate", PROBE_RECORD, "/v1/hosts/{host}/reinstate", "{\"reason\":\"x\"}" },
  { "POST", "/v1/hosts/{id}/retire", PROBE_RECORD, "/v1/hosts/{host}/retire", "{\"reason\":\"x\"}" },

  { "POST", "/v1/dispatch-requests", PROBE_RECORD, "/v1/dispatch-requests",
    "{\"case_id\":{case},\"to_organisation_id\":{org_b}}" },
  { "GET", "/v1/dispatch-requests", PROBE_LIST, "/v1/dispatch-requests", NULL },
  { "GET", "/v1/dispatch-requests/{id}", PROBE_RECORD, "/v1/dispatch-requests/{req}", NULL },
  { "GET", "/v1/dispatch-requests/{id}/candidates", PROBE_RECORD, "/v1/dispatch-requests/{req}/candidates",
    NULL },
  { "POST", "/v1/dispatch-requests/{id}/accept", PROBE_RECORD, "/v1/dispatch-requests/{req}/accept",
    "{\"supporter_id\":{sup},\"starts_on\":\"" TODAY "\"}" },
  { "POST", "/v1/dispatch-requests/{id}/decline", PROBE_RECORD, "/v1/dispatch-requests/{req}/decline",
    "{\"reason\":\"x\"}" },
  { "POST", "/v1/dispatch-requests/{id}/withdraw", PROBE_RECORD, "/v1/dispatch-requests/{req}/withdraw",
    NULL },
  { "POST", "/v1/cases/{id}/transfers", PROBE_RECORD, "/v1/cases/{case}/transfers",
    "{\"to_organisation_id\":{org_b}}" },
  { "GET", "/v1/cases/{id}/transfers", PROBE_RECORD, "/v1/cases/{case}/transfers", NULL },
  { "GET", "/v1/transfers", PROBE_LIST, "/v1/transfers", NULL },

  { "GET", "/v1/placements", PROBE_LIST, "/v1/placements", NULL },
  { "POST", "/v1/placements", PROBE_RECORD, "/v1/placements", PLACEMENT },
  { "POST", "/v1/placements/check", PROBE_RECORD, "/v1/placements/check", PLACEMENT },
  { "GET", "/v1/placements/{id}", PROBE_RECORD, "/v1/placements/{plc}", NULL },
  { "POST", "/v1/placements/{id}/attendance", PROBE_RECORD, "/v1/placements/{plc}/attendance",
    "{\"date\":\"2026-07-14\",\"attended\":true}" },
  { "DELETE", "/v1/placements/{id}/days", PROBE_RECORD, "/v1/placements/{plc}/days?from=2026-07-14", NULL },
  { "POST", "/v1/placements/{id}/pre-interview", PROBE_RECORD, "/v1/placements/{plc}/pre-interview",
    "{\"held_on\":\"2026-06-10\",\"attendees\":[\"participant\",\"family\",\"host\",\"coordinator\"]}" },

  /* Consultation records (issue 16): A's consultee and its first contact. */
  { "POST", "/v1/contacts", PROBE_RECORD, "/v1/contacts",
    "{\"date\":\"2026-06-12\",\"method\":\"phone\",\"contactor\":\"parent\","
    "\"first_contact\":false,\"consultee_id\":{consultee}}" },
  { "GET", "/v1/contacts", PROBE_LIST, "/v1/contacts", NULL },
  { "GET", "/v1/contacts/{id}", PROBE_RECORD, "/v1/contacts/{contact}", NULL },
  { "GET", "/v1/consultees", PROBE_LIST, "/v1/consultees", NULL },
  { "GET", "/v1/consultees/{id}", PROBE_RECORD, "/v1/consultees/{consultee}", NULL },

  /* Planned visits (issue 17): A's visit of its assignment. */
  { "POST", "/v1/visits", PROBE_RECORD, "/v1/visits",
    "{\"assignment_id\":{asg},\"date\":\"2026-06-20\",\"start\":\"10:00\",\"minutes\":60}" },
  { "GET", "/v1/visits", PROBE_LIST, "/v1/visits", NULL },
  { "GET", "/v1/visits/{id}", PROBE_RECORD, "/v1/visits/{visit}", NULL },
  { "PATCH", "/v1/visits/{id}", PROBE_RECORD, "/v1/visits/{visit}", "{\"note\":\"x\"}" },
  { "POST", "/v1/visits/{id}/cancel", PROBE_RECORD, "/v1/visits/{visit}/cancel", NULL },
  { "GET", "/v1/assignments/{id}/visit-proposals", PROBE_RECORD,
    "/v1/assignments/{asg}/visit-proposals?from=2026-06-16", NULL },
  /* Calendar feeds are their user's own: no organisation's record. */
  { "POST", "/v1/calendar-feeds", PROBE_NONE, "/v1/calendar-feeds", NULL },
  { "GET", "/v1/calendar-feeds", PROBE_NONE, "/v1/calendar-feeds", NULL },
  { "DELETE", "/v1/calendar-feeds/{id}", PROBE_NONE, "/v1/calendar-feeds/" MISSING, NULL },
  { "GET", "/calendar/{token}", PROBE_NONE, "/calendar/nosuchtoken.ics", NULL },
  /* Programmes are installation-wide. */
  { "POST", "/v1/programmes", PROBE_NONE, "/v1/programmes", "{\"name\":\"訪問相談\"}" },
  { "GET", "/v1/programmes", PROBE_NONE, "/v1/programmes", NULL },
  /* Statistics (issue 16): A's alone, asked for by its id. */
  { "GET", "/v1/statistics", PROBE_RECORD, "/v1/statistics?fiscal_year=2025&organisation_id={org_a}",
    NULL },
  /* Notices (issue 17): one's own only; A's supporter's notice is missing
   * to everyone else.  The outbox is the administrator's, installation-wide. */
  { "GET", "/v1/notices", PROBE_LIST, "/v1/notices", NULL },
  { "POST", "/v1/notices/{id}/read", PROBE_RECORD, "/v1/notices/{ntc}/read", NULL },
  { "GET", "/v1/mail-outbox", PROBE_NONE, "/v1/mail-outbox", NULL },
  /* Events and bookings (issue 18): A's consultation day with a capacity,
   * its slot, a registration and a booking request. */
  { "POST", "/v1/events", PROBE_RECORD, "/v1/events",
    "{\"kind\":\"ibasho\",\"title\":\"x\",\"date\":\"2026-06-20\",\"start\":\"10:00\","
    "\"minutes\":60,\"municipality_code\":\"092011\",\"supporter_ids\":[{sup}]}" },
  { "GET", "/v1/events", PROBE_LIST, "/v1/events", NULL },
  { "GET", "/v1/events/{id}", PROBE_RECORD, "/v1/events/{event}", NULL },
  { "PATCH", "/v1/events/{id}", PROBE_RECORD, "/v1/events/{event}", "{\"title\":\"x\"}" },
  { "POST", "/v1/events/{id}/cancel", PROBE_RECORD, "/v1/events/{event}/cancel", "{\"reason\":\"x\"}" },
  { "POST", "/v1/events/{id}/attendance", PROBE_RECORD, "/v1/events/{event}/attendance",
    "{\"supporter_ids\":[],\"counts\":{\"self\":1}}" },
  { "POST", "/v1/events/{id}/registrations", PROBE_RECORD, "/v1/events/{event}/registrations",
    "{\"nickname\":\"x\"}" },
  { "GET", "/v1/events/{id}/registrations", PROBE_RECORD, "/v1/events/{event}/registrations", NULL },
  { "POST", "/v1/events/{id}/registrations/{rid}/cancel", PROBE_RECORD,
    "/v1/events/{event}/registrations/{reg}/cancel", NULL },
  { "POST", "/v1/events/{id}/slots", PROBE_RECORD, "/v1/events/{event}/slots",
    "{\"start\":\"10:00\",\"minutes\":45}" },
  { "GET", "/v1/events/{id}/slots", PROBE_RECORD, "/v1/events/{event}/slots", NULL },
  { "POST", "/v1/events/{id}/allocate", PROBE_RECORD, "/v1/events/{event}/allocate", NULL },
  { "POST", "/v1/booking-requests", PROBE_RECORD, "/v1/booking-requests",
    "{\"event_id\":{event},\"preferences\":[{slot}],\"nickname\":\"x\"}" },
  { "GET", "/v1/booking-requests", PROBE_RECORD, "/v1/booking-requests?event_id={event}", NULL },
  { "POST", "/v1/booking-requests/{id}/cancel", PROBE_RECORD, "/v1/booking-requests/{booking}/cancel",
    NULL },
};

/* ---- the world -------------------------------------------------------- */

typedef struct {
  TsHarness *h;
  gint64     org_a, org_b, org_c;
  char      *coord_a, *coord_b, *auditor_b, *supporter_b, *host_b, *coord_c;
  gint64     sup, kase, host, asg, act, plc, stmt, course, session;
  gint64     req;          /* A asks C for a supporter for its case: open */
  gint64     moved;        /* a case C registered and transferred to A */
  gint64     transfer;
  gint64     dev, usr;     /* A's supporter's remembered device, and its account */
  gint64     contact;      /* A's first contact, which created its consultee */
  gint64     consultee;
  gint64     visit;        /* A's planned visit of its assignment */
  gint64     ntc;          /* a notice to A's supporter (issue 17) */
  gint64     event, slot, reg, booking;   /* A's consultation day and its bookings */
} World;

static gint64
created (TsHarness *h, const char *token, const char *body, const char *path_format, ...)
  G_GNUC_PRINTF (4, 5);

static gint64
created (TsHarness *h, const char *token, const char *body, const char *path_format, ...)
{
  va_list args;
  g_autofree char *path = NULL;
  g_autoptr(TsReply) r = NULL;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  r = ts_harness_request (h, "POST", path, token, body, NULL);
  if (r->status != 200 && r->status != 201)
    g_error ("POST %s: %u %s", path, r->status, r->body);
  return json_object_has_member (ts_reply_object (r), "id") ? ts_reply_id (r) : 0;
}

static gint64
first_id (TsReply *r, const char *member)
{
  JsonArray *items;

  ts_assert_status (r, 200);
  items = json_object_get_array_member (ts_reply_object (r), member);
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  return json_object_get_int_member (json_array_get_object_element (items, 0), "id");
}

static void
world_set_up (World *w)
{
  TsHarness *h;
  g_autofree char *sup_token = NULL;
  g_autofree char *body = NULL;

  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  w->h = h = ts_harness_new ();
  w->org_a = ts_harness_create_organisation (h, "宇都宮市", "municipality", "092011", 1);
  w->org_b = ts_harness_create_organisation (h, "足利市", "municipality", "092029", 1);
  w->coord_a = ts_harness_user_token_in (h, "coordinator", w->org_a, 0, 0);
  w->coord_b = ts_harness_user_token_in (h, "coordinator", w->org_b, 0, 0);
  w->auditor_b = ts_harness_user_token_in (h, "auditor", w->org_b, 0, 0);
  w->org_c = ts_harness_create_organisation (h, "とちぎ社協", "agency", "090000", 1);
  w->coord_c = ts_harness_user_token_in (h, "coordinator", w->org_c, 0, 0);

  /* B's own supporter and host, for their accounts. */
  {
    gint64 sup_b = created (h, w->coord_b, "{\"name\":\"足利 次郎\",\"gender\":\"male\","
                            "\"municipality_code\":\"092029\",\"peer_experience\":\"none\"}",
                            "/v1/supporters");
    gint64 host_b = created (h, w->coord_b, "{\"name\":\"足利農園\",\"municipality_code\":\"092029\"}",
                             "/v1/hosts");
    w->supporter_b = ts_harness_user_token_in (h, "supporter", w->org_b, sup_b, 0);
    w->host_b = ts_harness_user_token_in (h, "host", w->org_b, 0, host_b);
  }

  /* A's records, registered by A's coordinator. */
  w->sup = created (h, w->coord_a, "{\"name\":\"宇都宮 花子\",\"gender\":\"female\","
                    "\"municipality_code\":\"092011\",\"peer_experience\":\"none\","
                    "\"skills\":[\"home_visit\"],\"insurance_until\":\"2027-03-31\"}",
                    "/v1/supporters");
  created (h, w->coord_a, "{\"kind\":\"initial\",\"completed_on\":\"2026-04-10\"}",
           "/v1/supporters/%" G_GINT64_FORMAT "/trainings", w->sup);
  created (h, w->coord_a, "{\"registered_on\":\"2026-05-01\"}",
           "/v1/supporters/%" G_GINT64_FORMAT "/register", w->sup);
  w->kase = created (h, w->coord_a, "{\"nickname\":\"Aさん\",\"municipality_code\":\"092011\","
                     "\"age_band\":\"20s\",\"gender\":\"male\",\"household\":\"two\","
                     "\"consent\":{\"obtained_on\":\"2026-05-01\",\"agency\":\"栃木県ひきこもり地域支援センター\",\"scope\":[\"matching\",\"support\","
                     "\"placement\",\"share_with_agency\"]}}", "/v1/cases");
  created (h, w->coord_a, ASSESSMENT, "/v1/cases/%" G_GINT64_FORMAT "/assessment", w->kase);
  body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%" G_GINT64_FORMAT
                          ",\"starts_on\":\"2026-06-01\"}", w->kase, w->sup);
  w->asg = created (h, w->coord_a, body, "/v1/assignments");
  g_clear_pointer (&body, g_free);
  sup_token = ts_harness_user_token_in (h, "supporter", w->org_a, w->sup, 0);
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/auth/devices", sup_token,
                                               "{\"label\":\"phone\",\"pin\":\"2580\"}", NULL);
    ts_assert_status (r, 201);
    w->dev = ts_reply_id (r);
    w->usr = json_object_get_int_member (ts_reply_object (r), "user_id");
  }
  body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-06-10\","
                          "\"start\":\"10:00\",\"minutes\":90,\"kind\":\"home_visit\"}", w->asg);
  w->act = created (h, sup_token, body, "/v1/activities");
  g_clear_pointer (&body, g_free);
  created (h, w->coord_a, NULL, "/v1/activities/%" G_GINT64_FORMAT "/approve", w->act);
  created (h, w->coord_a, "{\"month\":\"2026-06\"}", "/v1/payments/statements");
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/payments/statements?month=2026-06",
                                               w->coord_a, NULL, NULL);
    w->stmt = first_id (r, "statements");
  }
  w->host = created (h, w->coord_a, "{\"name\":\"宇都宮農園\",\"municipality_code\":\"092011\"}",
                     "/v1/hosts");
  created (h, w->coord_a, "{\"surveyed_on\":\"2026-06-01\",\"result\":\"approved\"}",
           "/v1/hosts/%" G_GINT64_FORMAT "/survey", w->host);
  body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ","
                          "\"days\":[\"2026-07-13\",\"2026-07-14\"],\"hours_per_day\":4,"
                          "\"pre_interview\":{\"held_on\":\"2026-06-10\","
                          "\"attendees\":[\"participant\",\"family\",\"host\",\"coordinator\"]}}", w->kase, w->host);
  w->plc = created (h, w->coord_a, body, "/v1/placements");
  w->course = created (h, w->coord_a, "{\"kind\":\"follow_up\",\"title\":\"フォローアップ研修\","
                       "\"capacity\":10,\"sessions\":[{\"held_on\":\"2026-07-01\"}]}",
                       "/v1/training-courses");
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", w->coord_a, NULL,
                                            "/v1/training-courses/%" G_GINT64_FORMAT, w->course);
    ts_assert_status (r, 200);
    w->session = json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (ts_reply_object (r), "sessions"), 0),
      "id");
  }
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"supporter_id\":%" G_GINT64_FORMAT "}", w->sup);
  created (h, w->coord_a, body, "/v1/training-courses/%" G_GINT64_FORMAT "/enrolments", w->course);

  /* Shared through a request: A asks C for a supporter for its case. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"to_organisation_id\":%" G_GINT64_FORMAT "}",
                          w->kase, w->org_c);
  w->req = created (h, w->coord_a, body, "/v1/dispatch-requests");
  /* Transferred: C registered a case and handed it to A. */
  w->moved = created (h, w->coord_c, "{\"nickname\":\"Cさん\",\"municipality_code\":\"092011\","
                      "\"age_band\":\"30s\",\"gender\":\"female\",\"household\":\"single\","
                      "\"consent\":{\"obtained_on\":\"2026-05-01\",\"agency\":\"宇都宮市\","
                      "\"scope\":[\"matching\",\"support\",\"share_with_agency\"]}}", "/v1/cases");
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"to_organisation_id\":%" G_GINT64_FORMAT ",\"note\":\"転居\"}", w->org_a);
  w->transfer = created (h, w->coord_c, body, "/v1/cases/%" G_GINT64_FORMAT "/transfers", w->moved);

  /* A consultation record of A's: a first contact that creates its consultee. */
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/contacts", w->coord_a,
                                               "{\"date\":\"2026-06-11\",\"method\":\"phone\","
                                               "\"contactor\":\"parent\",\"first_contact\":true,"
                                               "\"consultee\":{\"age_band\":\"40s\",\"gender\":\"male\"}}",
                                               NULL);
    ts_assert_status (r, 201);
    w->contact = ts_reply_id (r);
    w->consultee = json_object_get_int_member (ts_reply_object (r), "consultee_id");
  }
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"assignment_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-06-18\","
                          "\"start\":\"14:00\",\"minutes\":60}", w->asg);
  w->visit = created (h, w->coord_a, body, "/v1/visits");

  /* A notice to A's supporter: its insurance ends in 60 days. */
  {
    g_autoptr(TsContext) ctx = ts_context_new_local ();
    g_autoptr(GError) error = NULL;
    TsNoticeRun run;
    TsDate on;

    g_assert_true (ts_date_parse ("2027-01-30", &on));
    g_assert_true (ts_service_notices_run (h->service, ctx, on, NULL, NULL, &run, &error));
    w->ntc = ts_harness_sql_int (h, "SELECT min (id) FROM notices"
                                    " WHERE recipient_type = 'supporter'");
    g_assert_cmpint (w->ntc, >, 0);
  }
  /* An event of A's with a slot, a registration and a booking request. */
  w->event = created (h, w->coord_a, "{\"kind\":\"consultation_day\",\"title\":\"巡回相談\","
                      "\"date\":\"2026-06-10\",\"start\":\"10:00\",\"minutes\":360,\"capacity\":5,"
                      "\"municipality_code\":\"092011\"}", "/v1/events");
  w->slot = created (h, w->coord_a, "{\"start\":\"10:00\",\"minutes\":45}",
                     "/v1/events/%" G_GINT64_FORMAT "/slots", w->event);
  w->reg = created (h, w->coord_a, "{\"nickname\":\"A\"}",
                    "/v1/events/%" G_GINT64_FORMAT "/registrations", w->event);
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"event_id\":%" G_GINT64_FORMAT ",\"preferences\":[%" G_GINT64_FORMAT "],"
                          "\"nickname\":\"A\"}", w->event, w->slot);
  w->booking = created (h, w->coord_a, body, "/v1/booking-requests");
}

static void
world_tear_down (World *w)
{
  g_free (w->coord_a);
  g_free (w->coord_b);
  g_free (w->auditor_b);
  g_free (w->supporter_b);
  g_free (w->host_b);
  g_free (w->coord_c);
  ts_harness_free (w->h);
  g_unsetenv ("TSUNAGARI_TODAY");
}

/* @text with {sup}, {case}, … replaced by A's ids, or by an id nobody has
 * (@missing); {course}, {session} and {org_b} are the same in both.  With
 * @moved, {case} is the case C transferred to A. */
static char *
expand (const World *w, const char *text, gboolean missing, gboolean moved)
{
  struct {
    const char *name;
    gint64      id;
    gboolean    scoped;
  } vars[] = {
    { "{sup}", w->sup, TRUE }, { "{case}", moved ? w->moved : w->kase, TRUE },
    { "{host}", w->host, TRUE }, { "{req}", w->req, TRUE }, { "{org_b}", w->org_b, FALSE },
    { "{asg}", w->asg, TRUE }, { "{act}", w->act, TRUE }, { "{plc}", w->plc, TRUE },
    { "{stmt}", w->stmt, TRUE }, { "{course}", w->course, FALSE },
    { "{session}", w->session, FALSE }, { "{dev}", w->dev, TRUE }, { "{usr}", w->usr, TRUE },
    { "{contact}", w->contact, TRUE },
    { "{consultee}", w->consultee, TRUE },
    { "{visit}", w->visit, TRUE },
    { "{org_a}", w->org_a, TRUE },
    { "{ntc}", w->ntc, TRUE },
    { "{event}", w->event, TRUE }, { "{slot}", w->slot, TRUE }, { "{reg}", w->reg, TRUE },
    { "{booking}", w->booking, TRUE },
  };
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (text);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *id = missing && vars[i].scoped
                              ? g_strdup (MISSING)
                              : g_strdup_printf ("%" G_GINT64_FORMAT, vars[i].id);
      g_string_replace (out, vars[i].name, id, 0);
    }
  return g_string_free (out, FALSE);
}

/* The answer without what names the request itself: its path, its id, the
 * ids it sent back as unknown. */
static char *
canonical (TsReply *r)
{
  static const char *const echoes[] = { "instance", "request_id", "unknown_case_ids" };
  g_autoptr(JsonGenerator) gen = NULL;
  g_autofree char *text = NULL;
  JsonObject *obj;

  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    return g_strdup_printf ("%u", r->status);
  obj = json_node_get_object (r->json);
  for (guint i = 0; i < G_N_ELEMENTS (echoes); i++)
    if (json_object_has_member (obj, echoes[i]))
      json_object_remove_member (obj, echoes[i]);
  gen = json_generator_new ();
  json_generator_set_root (gen, r->json);
  text = json_generator_to_data (gen, NULL);
  return g_strdup_printf ("%u %s", r->status, text);
}

static TsReply *
probe (const World *w, const Probe *p, const char *token, gboolean missing, gboolean moved)
{
  g_autofree char *path = expand (w, p->path, missing, moved);
  g_autofree char *body = expand (w, p->body, missing, moved);

  return ts_harness_request (w->h, p->method, path, token, body, NULL);
}

/* Whether any item of any array member of the answer is A's: one of A's
 * records of the route's kind, or anything that names A as its
 * organisation. */
static gboolean
lists_a_record (const World *w, const Probe *p, TsReply *r)
{
  const struct {
    const char *path;
    gint64      id;
  } kinds[] = {
    { "/enrolments", w->sup }, { "/v1/supporters", w->sup }, { "/v1/cases", w->kase },
    { "/v1/hosts", w->host }, { "/v1/assignments", w->asg }, { "/v1/activities", w->act },
    { "/v1/placements", w->plc }, { "/v1/payments/statements", w->stmt },
    { "/v1/dispatch-requests", w->req }, { "/v1/transfers", w->transfer },
    { "/v1/contacts", w->contact }, { "/v1/consultees", w->consultee },
    { "/v1/visits", w->visit }, { "/v1/notices", w->ntc },
    { "/v1/contacts", w->contact }, { "/v1/events", w->event },
  };
  const char *key = strstr (p->path, "/enrolments") ? "supporter_id" : "id";
  gint64 own = 0;
  JsonObject *obj;
  GList *members;
  gboolean found = FALSE;

  if (r->status != 200 || r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds) && own == 0; i++)
    if (strstr (p->path, kinds[i].path) != NULL)
      own = kinds[i].id;

  obj = json_node_get_object (r->json);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL && !found; l = l->next)
    {
      JsonNode *node = json_object_get_member (obj, l->data);
      JsonArray *items;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      items = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (items) && !found; i++)
        {
          JsonNode *element = json_array_get_element (items, i);
          JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

          if (item == NULL)
            continue;
          found = (own > 0 && json_object_has_member (item, key) &&
                   json_object_get_int_member (item, key) == own) ||
                  (json_object_has_member (item, "organisation_id") &&
                   json_object_get_int_member (item, "organisation_id") == w->org_a);
        }
    }
  g_list_free (members);
  return found;
}

static const Probe *
find_probe (const TsRoute *route)
{
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    if (g_str_equal (probes[i].method, route->method) &&
        g_str_equal (probes[i].pattern, route->pattern))
      return &probes[i];
  return NULL;
}

/* ---- the tests ---------------------------------------------------------- */

/* Every route has a probe, and every probe a route. */
static void
test_every_route_probed (void)
{
  guint n;
  const TsRoute *routes = ts_routes_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (find_probe (&routes[i]) == NULL)
      g_error ("route %s %s has no probe in tests/http/test-scope-matrix.c: say which "
               "organisation's records it reaches", routes[i].method, routes[i].pattern);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      gboolean routed = FALSE;
      for (guint j = 0; j < n && !routed; j++)
        routed = g_str_equal (probes[i].method, routes[j].method) &&
                 g_str_equal (probes[i].pattern, routes[j].pattern);
      if (!routed)
        g_error ("probe %s %s has no route", probes[i].method, probes[i].pattern);
    }
}

static gboolean
names (const Probe *p, const char *placeholder)
{
  return strstr (p->path, placeholder) != NULL ||
         (p->body != NULL && strstr (p->body, placeholder) != NULL);
}

/* Out of scope: A's ids answered exactly as missing ones (with @moved, the
 * case C transferred away), lists without A's records. */
static guint
check_outside (const World *w, const Probe *p, const char *who, const char *token,
               gboolean moved, GString *failures)
{
  if (p->kind == PROBE_RECORD)
    {
      g_autoptr(TsReply) a = probe (w, p, token, FALSE, moved);
      g_autoptr(TsReply) m = probe (w, p, token, TRUE, moved);
      g_autofree char *ca = canonical (a);
      g_autofree char *cm = canonical (m);

      if (!g_str_equal (ca, cm))
        g_string_append_printf (failures, "%s %s%s as %s: A's record is answered\n  %.300s\n"
                                "but a missing one\n  %.300s\n", p->method, p->path,
                                moved ? " (the transferred case)" : "", who, ca, cm);
      return 1;
    }
  if (p->kind == PROBE_LIST && !moved)
    {
      g_autoptr(TsReply) r = probe (w, p, token, FALSE, FALSE);

      if (lists_a_record (w, p, r))
        g_string_append_printf (failures, "%s %s as %s lists A's record: %.300s\n", p->method,
                                p->path, who, r->body);
      return 1;
    }
  return 0;
}

/* In scope: a read of A's record is never answered as a missing one. */
static guint
check_inside (const World *w, const Probe *p, const char *who, const char *token,
              gboolean moved, GString *failures)
{
  g_autoptr(TsReply) a = NULL;
  g_autoptr(TsReply) m = NULL;

  if (p->kind != PROBE_RECORD || !g_str_equal (p->method, "GET"))
    return 0;
  a = probe (w, p, token, FALSE, moved);
  m = probe (w, p, token, TRUE, moved);
  if (m->status == 404 && a->status == 404)
    g_string_append_printf (failures, "%s %s%s as %s: A's record is answered as a missing one: "
                            "%.300s\n", p->method, p->path, moved ? " (the transferred case)" : "",
                            who, a->body);
  return 1;
}

static void
test_matrix (void)
{
  World w = { 0 };
  guint n, checked = 0;
  const TsRoute *routes;
  g_autoptr(GString) failures = g_string_new (NULL);

  world_set_up (&w);
  routes = ts_routes_get_all (&n);
  {
    const struct {
      const char *who;
      const char *token;
    } outside[] = {
      { "B's coordinator", w.coord_b },
      { "B's auditor (a sibling of A)", w.auditor_b },
      { "the prefecture's coordinator (above A, not of A)", w.h->coordinator },
      { "B's supporter", w.supporter_b },
      { "B's host", w.host_b },
    }, inside[] = {
      { "A's coordinator", w.coord_a },
      { "the prefecture's auditor (above A)", w.h->auditor },
      { "the administrator", w.h->admin },
    };

    for (guint i = 0; i < n; i++)
      {
        const Probe *p = find_probe (&routes[i]);

        g_assert_nonnull (p);
        for (guint k = 0; k < G_N_ELEMENTS (outside); k++)
          checked += check_outside (&w, p, outside[k].who, outside[k].token, FALSE, failures);
        for (guint k = 0; k < G_N_ELEMENTS (inside); k++)
          checked += check_inside (&w, p, inside[k].who, inside[k].token, FALSE, failures);

        /* Shared by a request: C, asked for a supporter, sees the request
         * and nothing else of A's. */
        if (names (p, "{req}"))
          checked += check_inside (&w, p, "C (asked through the request)", w.coord_c, FALSE,
                                   failures);
        else if (p->kind == PROBE_LIST && (g_str_has_prefix (p->path, "/v1/dispatch-requests") ||
                                           g_str_has_prefix (p->path, "/v1/transfers")))
          {
            /* C is a party to the request and to the transfer: it lists both. */
            g_autoptr(TsReply) r = probe (&w, p, w.coord_c, FALSE, FALSE);

            if (!lists_a_record (&w, p, r))
              g_string_append_printf (failures, "%s %s as C does not list its own request or "
                                      "transfer: %.300s\n", p->method, p->path, r->body);
            checked++;
          }
        else
          checked += check_outside (&w, p, "C (asked through the request)", w.coord_c, FALSE,
                                    failures);

        /* Transferred: C gave its case to A and lost it; A has it. */
        if (names (p, "{case}"))
          {
            checked += check_outside (&w, p, "C (who transferred the case)", w.coord_c, TRUE,
                                      failures);
            checked += check_inside (&w, p, "A's coordinator (who received it)", w.coord_a, TRUE,
                                     failures);
          }
      }
  }
  g_test_message ("%u probes", checked);
  if (failures->len > 0)
    g_error ("the scope matrix failed:\n%s", failures->str);
  g_assert_cmpuint (checked, >, 300);
  world_tear_down (&w);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsunagari/scope-matrix/every-route-probed", test_every_route_probed);
  g_test_add_func ("/tsunagari/scope-matrix/matrix", test_matrix);
  return g_test_run ();
}
