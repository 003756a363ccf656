/*
 * Organisations for the dispatch and transfer tests: see harness-dispatch.h.
 */
#include "harness-dispatch.h"

#include <string.h>

#include "core/context.h"
#include "model/organisation.h"
#include "service/users.h"
#include "store/organisations.h"

typedef struct {
  const TsOrganisationRecord *record;
  gint64                      id;
} OrgWrite;

static gboolean
write_org (TsStore *store, gpointer user_data, GError **error)
{
  OrgWrite *w = user_data;

  return ts_store_organisation_insert (store, w->record, g_get_real_time () / G_USEC_PER_SEC,
                                       &w->id, error);
}

gint64
ts_harness_organisation (TsHarness *h, const char *name, const char *kind,
                         const char *municipality_code, gint64 parent_id)
{
  g_autoptr(TsOrganisationRecord) record = ts_organisation_record_new ();
  g_autoptr(GError) error = NULL;
  OrgWrite w = { record, 0 };

  record->name = g_strdup (name);
  g_assert_true (ts_organisation_kind_from_string (kind, &record->kind));
  record->municipality_code = g_strdup (municipality_code);
  record->parent_id = parent_id;
  g_assert_true (ts_store_write (h->store, write_org, &w, &error));
  g_assert_no_error (error);
  return w.id;
}

char *
ts_harness_org_token (TsHarness *h, gint64 organisation_id, const char *role,
                      gint64 supporter_id, gint64 host_id)
{
  static gint counter = 0;
  g_autofree char *login = g_strdup_printf ("org%" G_GINT64_FORMAT "-%s-%d", organisation_id,
                                            role, g_atomic_int_add (&counter, 1));
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsUser) user = NULL;
  TsUserInput input = {
    .login = login,
    .password = TS_HARNESS_PASSWORD,
    .role = ts_role_from_string (role),
    .supporter_id = supporter_id,
    .host_id = host_id,
    .organisation_id = organisation_id,
  };

  user = ts_service_user_create (h->service, ctx, &input, &error);
  g_assert_no_error (error);
  return ts_harness_login (h, login, TS_HARNESS_PASSWORD);
}

gint64
ts_harness_org_supporter (TsHarness *h, const char *token, const char *overrides)
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
    g_autoptr(TsReply) g = ts_harness_call (h, "POST", token, NULL,
                                            "/v1/supporters/%" G_GINT64_FORMAT "/register", id);
    ts_assert_status (g, 200);
  }
  return id;
}

gint64
ts_harness_org_case (TsHarness *h, const char *token, const char *consent_scope, gboolean assessed)
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
