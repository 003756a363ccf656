/*
 * Organisations for the live-server tests: see harness-scope.h.
 */
#include "harness-scope.h"

#include "model/organisation.h"
#include "service/users.h"
#include "store/organisations.h"

typedef struct {
  TsOrganisationRecord *record;
  gint64                id;
} OrganisationWrite;

static gboolean
write_organisation (TsStore *store, gpointer user_data, GError **error)
{
  OrganisationWrite *w = user_data;

  return ts_store_organisation_insert (store, w->record, g_get_real_time () / G_USEC_PER_SEC,
                                       &w->id, error);
}

gint64
ts_harness_scope_organisation (TsHarness *h, const char *name, const char *kind,
                               gint64 parent_id)
{
  g_autoptr(TsOrganisationRecord) record = ts_organisation_record_new ();
  g_autoptr(GError) error = NULL;
  OrganisationWrite w = { record, 0 };

  record->name = g_strdup (name);
  g_assert_true (ts_organisation_kind_from_string (kind, &record->kind));
  record->parent_id = parent_id;
  g_assert_true (ts_store_write (h->store, write_organisation, &w, &error));
  g_assert_no_error (error);
  g_assert_cmpint (w.id, >, 0);
  return w.id;
}

char *
ts_harness_scope_token (TsHarness *h, const char *role, gint64 organisation_id,
                        gint64 supporter_id, gint64 host_id)
{
  static gint counter = 0;
  g_autofree char *login = g_strdup_printf ("scoped-%s-%d", role,
                                            g_atomic_int_add (&counter, 1));
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsUser) user = NULL;
  TsUserInput input = { login, TS_HARNESS_PASSWORD, ts_role_from_string (role), supporter_id,
                        host_id, organisation_id, NULL };

  user = ts_service_user_create (h->service, ctx, &input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->organisation_id, ==, organisation_id);
  return ts_harness_login (h, login, TS_HARNESS_PASSWORD);
}

void
ts_harness_scope_hosts (TsHarness *h, const char *token, gint64 n)
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
