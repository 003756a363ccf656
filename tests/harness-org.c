#include "harness-org.h"

#include "service/users.h"
#include "store/organisations.h"

typedef struct {
  TsOrganisationRecord *record;
  gint64                id;
} AddOrganisation;

static gboolean
write_organisation (TsStore *store, gpointer user_data, GError **error)
{
  AddOrganisation *a = user_data;

  return ts_store_organisation_insert (store, a->record, g_get_real_time () / G_USEC_PER_SEC,
                                       &a->id, error);
}

gint64
ts_harness_add_organisation (TsHarness *h, const char *name, TsOrganisationKind kind,
                             gint64 parent_id)
{
  g_autoptr(GError) error = NULL;
  TsOrganisationRecord record = { 0, (char *) name, kind, NULL, parent_id, 1, 0, 0 };
  AddOrganisation a = { &record, 0 };

  g_assert_true (ts_store_write (h->store, write_organisation, &a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a.id, >, 0);
  return a.id;
}

char *
ts_harness_org_token (TsHarness *h, const char *role, gint64 organisation_id,
                      gint64 supporter_id, gint64 host_id)
{
  static gint counter = 0;
  g_autofree char *login = g_strdup_printf ("org%" G_GINT64_FORMAT "-%s-%d", organisation_id,
                                            role, g_atomic_int_add (&counter, 1));
  g_autoptr(TsContext) ctx = ts_context_new_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsUser) user = NULL;
  TsUserInput input = { login, TS_HARNESS_PASSWORD, ts_role_from_string (role), supporter_id,
                        host_id, organisation_id, NULL };

  user = ts_service_user_create (h->service, ctx, &input, &error);
  g_assert_no_error (error);
  return ts_harness_login (h, login, TS_HARNESS_PASSWORD);
}
