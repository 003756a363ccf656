#include "service/service.h"

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
  TsService  *service;
  TsContext  *ctx;
  const char *action;
  const char *object;
  gint64      object_id;
} ReadAudit;

static gboolean
write_read_audit (TsStore *store, gpointer user_data, GError **error)
{
  ReadAudit *r = user_data;
  (void) store;
  return ts_service_audit (r->service, r->ctx, r->action, r->object, r->object_id, error);
}

/* A read of a personal record is answered only after its audit entry is
 * durable: an access that is not in the log never happened for the person
 * whose record it is.  Group commit makes this affordable. */
gboolean
ts_service_audit_read (TsService *self, TsContext *ctx, const char *action,
                       const char *object, gint64 object_id, GError **error)
{
  ReadAudit r = { self, ctx, action, object, object_id };
  return ts_store_write (self->store, write_read_audit, &r, error);
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
