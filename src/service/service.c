#include "service/service.h"

#include "core/error.h"
#include "core/i18n.h"

#include "store/audit-log.h"

struct _TsService {
  GObject   parent_instance;
  TsStore  *store;
  TsConfig *config;
};

G_DEFINE_TYPE (TsService, ts_service, G_TYPE_OBJECT)

TsService *
ts_service_new (TsStore *store, TsConfig *config)
{
  TsService *self;

  g_return_val_if_fail (TS_IS_STORE (store), NULL);
  g_return_val_if_fail (config != NULL, NULL);
  self = g_object_new (TS_TYPE_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->config = ts_config_ref (config);
  return self;
}

TsStore *
ts_service_get_store (TsService *self)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return self->store;
}

TsConfig *
ts_service_get_config (TsService *self)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return self->config;
}

gboolean
ts_service_audit (TsService *self, TsContext *ctx, const char *action,
                  const char *object, gint64 object_id, GError **error)
{
  TsAuditEntry entry = {
    .user_id = ctx->user_id,
    .role = ts_role_to_string (ctx->role),
    .action = action,
    .object = object,
    .object_id = object_id,
    .request_id = ctx->request_id,
  };
  return ts_store_audit_append (self->store, &entry, error);
}

typedef struct {
  gint64      user_id;
  TsRole      role;
  const char *action;              /* static strings */
  const char *object;
  gint64      object_id;
  char        request_id[33];
} ReadAudit;

static gboolean
write_read_audit (TsStore *store, gpointer user_data, GError **error)
{
  ReadAudit *r = user_data;
  TsAuditEntry entry = {
    .user_id = r->user_id,
    .role = ts_role_to_string (r->role),
    .action = r->action,
    .object = r->object,
    .object_id = r->object_id,
    .request_id = r->request_id,
  };
  return ts_store_audit_append (store, &entry, error);
}

/* A read of a personal record is logged in the same hash chain as every
 * write, but the answer does not wait for that entry's fsync: the entry
 * joins the next group commit, a few milliseconds later.  Waiting would cap
 * reads at one disk flush per batch (docs/performance.md); what a crash can
 * lose is the log of reads answered in the last flush interval, never a
 * write.  @action and @object must be static strings. */
gboolean
ts_service_audit_read (TsService *self, TsContext *ctx, const char *action,
                       const char *object, gint64 object_id, GError **error)
{
  ReadAudit *r = g_new0 (ReadAudit, 1);

  (void) error;
  r->user_id = ctx->user_id;
  r->role = ctx->role;
  r->action = action;
  r->object = object;
  r->object_id = object_id;
  g_strlcpy (r->request_id, ctx->request_id, sizeof r->request_id);
  ts_store_write_deferred (self->store, write_read_audit, r, g_free);
  return TRUE;
}

gboolean
ts_service_check (TsService *self, GError **error)
{
  return ts_store_check (self->store, error);
}

static void
ts_service_finalize (GObject *object)
{
  TsService *self = TS_SERVICE (object);
  g_clear_object (&self->store);
  g_clear_pointer (&self->config, ts_config_unref);
  G_OBJECT_CLASS (ts_service_parent_class)->finalize (object);
}

static void
ts_service_class_init (TsServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ts_service_finalize;
}

static void
ts_service_init (TsService *self)
{
  (void) self;
}

/* Staff (coordinator, admin) manage the registries; everyone else is
 * refused with one message. */
gboolean
ts_service_require_staff (TsContext *ctx, GError **error)
{
  if ((ctx->role & TS_ROLE_STAFF) != 0)
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
  return FALSE;
}

gint64
ts_service_now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* If-Match: no versions given matches any version. */
gboolean
ts_service_version_matches (gint64 version, const gint64 *if_match, guint n_if_match)
{
  for (guint i = 0; i < n_if_match; i++)
    if (if_match[i] == version)
      return TRUE;
  return n_if_match == 0;
}
