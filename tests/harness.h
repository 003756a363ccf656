/*
 * The live-server test harness: a fresh database in a temporary directory,
 * the real TsHttpServer on 127.0.0.1:0 running on its own thread, and a
 * SoupSession to talk to it.  No component of ours is mocked.
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "http/server.h"
#include "service/service.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  char         *dir;
  char         *db_path;
  TsStore      *store;
  TsService    *service;
  TsHttpServer *server;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupSession  *session;
  char         *base;
  guint         port;

  char         *admin;            /* bearer tokens */
  char         *coordinator;
  char         *auditor;
} TsHarness;

typedef struct {
  guint               status;
  char               *body;
  gsize               length;
  JsonNode           *json;
  SoupMessageHeaders *headers;
} TsReply;

#define TS_HARNESS_PASSWORD "harness-password-1234"

TsHarness  *ts_harness_new          (void);
void        ts_harness_free         (TsHarness *h);
char       *ts_harness_login        (TsHarness *h, const char *login, const char *password);
char       *ts_harness_user_token   (TsHarness *h, const char *role, gint64 supporter_id,
                                     gint64 host_id);
/* An account of @role in organisation @organisation_id (SPEC 2.6), signed
 * in; its login is "@role-in-N". */
char       *ts_harness_user_token_in (TsHarness *h, const char *role, gint64 organisation_id,
                                      gint64 supporter_id, gint64 host_id);
/* Hosts with ids 1 to @n (there must be none yet), registered by @token's
 * organisation. */
void        ts_harness_create_hosts (TsHarness *h, const char *token, gint64 n);
/* An insured supporter with an initial training on 2025-04-10, registered
 * on 2025-05-01, created by @token (so of its organisation); @overrides as for
 * ts_harness_create_supporter. */
gint64      ts_harness_create_registered_supporter (TsHarness *h, const char *token,
                                                    const char *overrides);
/* A case created (and, when @assessed, assessed) by @token; @consent_scope
 * is the JSON list of the consent scope, e.g.
 * "[\"matching\",\"support\",\"share_with_agency\"]". */
gint64      ts_harness_create_case  (TsHarness *h, const char *token, const char *consent_scope,
                                     gboolean assessed);
/* An organisation created by the administrator; @parent_id 0: none. */
gint64      ts_harness_create_organisation (TsHarness *h, const char *name, const char *kind,
                                            const char *municipality_code, gint64 parent_id);
/* An assignment by @token of @supporter_id to @case_id from @starts_on;
 * its id. */
gint64      ts_harness_create_assignment (TsHarness *h, const char *token, gint64 case_id,
                                          gint64 supporter_id, const char *starts_on);
/* A case of the coordinator's (Mさん, consent of 2025-03-01 to matching and
 * support, assessed on 2025-03-10) assigned to @supporter_id from
 * 2026-04-01, the kind of case a statement is printed for; the assignment's
 * id. */
gint64      ts_harness_create_assigned_case (TsHarness *h, gint64 supporter_id);
/* The activity report of a statement's line: 90 minutes of home visit on
 * @date with 1,500 yen transport, by @token; its id.  At the rates of
 * ts_harness_set_rates (h, …, 1000, 1200, 1000): 1,000 + 1,800 = 2,800 yen
 * honorarium and 1,000 transport (the cap). */
gint64      ts_harness_report_activity (TsHarness *h, const char *token, gint64 assignment_id,
                                        const char *date);
/* The coordinator's approval of activity report @id. */
void        ts_harness_approve_activity (TsHarness *h, gint64 id);
/* ts_harness_report_activity(), then approved by the coordinator. */
gint64      ts_harness_approved_activity (TsHarness *h, const char *token, gint64 assignment_id,
                                          const char *date);
/* The rates in force from @effective_from (a host's day: 1,500 yen), set
 * by the administrator. */
void        ts_harness_set_rates    (TsHarness *h, const char *effective_from, gint64 per_activity,
                                     gint64 per_hour, gint64 transport_cap);
/* A case of the coordinator's with consent of 2026-04-01 to @scope (the
 * members of the JSON list; NULL: "support" and "placement"), as a 職親
 * placement needs it. */
gint64      ts_harness_create_placement_case (TsHarness *h, const char *nickname,
                                              const char *scope);
/* A host of the coordinator's with @capacity participants a day, open
 * Monday to Friday; when @registered, surveyed and approved on
 * 2026-05-20. */
gint64      ts_harness_create_host  (TsHarness *h, const char *name, int capacity,
                                     gboolean registered);
/* A 職親 placement's pre-interview, held on 2026-04-20, as a member of the
 * placement's JSON object. */
#define TS_PRE_INTERVIEW \
  "\"pre_interview\":{\"held_on\":\"2026-04-20\"," \
  "\"attendees\":[\"participant\",\"family\",\"host\",\"coordinator\"]}"
/* The JSON object of a placement of @case_id at @host_id on @days (the
 * members of a JSON list), 4 hours a day, with TS_PRE_INTERVIEW. */
char       *ts_placement_body       (gint64 case_id, gint64 host_id, const char *days);
/* `"d1","d2",…`: @n consecutive days from @first (YYYY-MM-DD), the members
 * of a JSON list. */
char       *ts_days_json            (const char *first, guint n);
/* The ids of a list page, GET /v1/@collection@query as the coordinator
 * (@query: "" or "?…"), and its next cursor in @next_cursor (NULL at the
 * end) unless @next_cursor is NULL. */
GArray     *ts_harness_list_ids     (TsHarness *h, const char *collection, const char *query,
                                     char **next_cursor);
/* The entries of the audit log, its chain checked (GET /v1/audit/log/verify
 * as the auditor). */
gint64      ts_harness_audit_entries (TsHarness *h);
TsReply    *ts_harness_request      (TsHarness *h, const char *method, const char *path,
                                     const char *token, const char *json_body,
                                     const char *const *headers);
TsReply    *ts_harness_request_raw  (TsHarness *h, const char *method, const char *path,
                                     const char *token, const char *content_type,
                                     const char *body, gsize length,
                                     const char *const *headers);
gint64      ts_harness_create_supporter (TsHarness *h, const char *json_overrides);
gint64      ts_harness_create_trained_supporter (TsHarness *h, const char *json_overrides,
                                                 const char *trained_on, gboolean registered);
TsReply    *ts_harness_call         (TsHarness *h, const char *method, const char *token,
                                     const char *json_body, const char *path_format, ...)
                                     G_GNUC_PRINTF (5, 6);
/* The first column of @sql's first row (there must be one), read on a
 * connection of its own once the store's queued writes (the audit entries
 * of reads) have landed. */
gint64      ts_harness_sql_int      (TsHarness *h, const char *sql);

void        ts_reply_free           (TsReply *r);
JsonObject *ts_reply_object         (TsReply *r);
const char *ts_reply_header         (TsReply *r, const char *name);
const char *ts_reply_code           (TsReply *r);
gboolean    ts_reply_has_field_error (TsReply *r, const char *field);
gint64      ts_reply_id             (TsReply *r);
/* Member @member of the reply's object. */
gint64      ts_reply_int            (TsReply *r, const char *member);
const char *ts_reply_str            (TsReply *r, const char *member);
void        ts_assert_problem       (TsReply *r, guint status, const char *code,
                                     const char *field);

/* The fixture most HTTP tests share: a fresh harness per test.  Given to
 * g_test_add() with a date ("YYYY-MM-DD") as its data, set-up pins
 * TSUNAGARI_TODAY to it and tear-down pins it back, for tests that move
 * "today"; with NULL, "today" is left as the test program set it. */
typedef struct {
  TsHarness *h;
} TsHarnessFixture;

void        ts_harness_fixture_set_up    (TsHarnessFixture *f, gconstpointer today);
void        ts_harness_fixture_tear_down (TsHarnessFixture *f, gconstpointer today);

/* Two municipalities side by side, for the tests of organisation scoping
 * (SPEC 2.6): 文京区 records, 台東区 is the other one.  The coordinator,
 * the auditor, a registered supporter with its account and a host account
 * are 文京's.  Set-up pins TSUNAGARI_TODAY to @today; tear-down unsets it. */
typedef struct {
  TsHarness *h;
  gint64     bunkyo;
  gint64     taito;
  char      *coord;          /* 文京's */
  char      *other_coord;    /* 台東's */
  char      *auditor;        /* 文京's */
  char      *supporter;      /* the account of @sup */
  char      *host;           /* a host account of 文京 */
  gint64     sup;            /* 文京's registered supporter */
} TsTwoOrgs;

void        ts_two_orgs_set_up           (TsTwoOrgs *o, const char *today);
void        ts_two_orgs_tear_down        (TsTwoOrgs *o);

/* Two municipalities (文京区 @org plans, 台東区 @other_org) where each
 * coordinator has assigned registered supporters of its own to assessed
 * cases of its own with consent to @consent_scope (as for
 * ts_harness_create_case), from 2026-04-01: 文京's @sup (created with
 * @sup_overrides) to @case_id as @asg and @sup2 to @case2 as @asg2, signed
 * in as @sup_tok and @sup2_tok; 台東's one as @other_asg.  The auditor and
 * the account of host 1 are 文京's.  Set-up pins TSUNAGARI_TODAY to @today;
 * tear-down unsets it. */
typedef struct {
  TsHarness *h;
  gint64     org;
  gint64     other_org;
  char      *coord;
  char      *other_coord;
  char      *auditor;
  char      *host;
  gint64     sup;
  gint64     sup2;
  char      *sup_tok;
  char      *sup2_tok;
  gint64     case_id;
  gint64     case2;
  gint64     asg;
  gint64     asg2;
  gint64     other_asg;
} TsAssigned;

void        ts_assigned_set_up           (TsAssigned *a, const char *today,
                                          const char *consent_scope, const char *sup_overrides);
void        ts_assigned_tear_down        (TsAssigned *a);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsReply, ts_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHarness, ts_harness_free)

#define ts_assert_status(r, expected)                                          \
  G_STMT_START {                                                               \
    if ((r)->status != (guint) (expected))                                     \
      g_error ("%s:%d: expected status %u, got %u: %s", __FILE__, __LINE__,    \
               (guint) (expected), (r)->status, (r)->body ? (r)->body : "");   \
  } G_STMT_END

G_END_DECLS
