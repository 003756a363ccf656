#include "service/service.h"
#include "service/service-private.h"

#include "core/error.h"
#include "core/i18n.h"
#include "domain/notices.h"
#include "model/organisation.h"

#include "store/audit-log.h"

struct _TsService {
  GObject   parent_instance;
  TsStore  *store;
  TsConfig *config;
  /* The domain's rule numbers, read once from the configuration file. */
  TsQualificationRules qualification_rules;
  TsPlacementRules     placement_rules;
  /* The matching use cases' configuration and supporters snapshots, for
   * as long as the service; thread-safe (it has its own locks). */
  TsMatchingCache     *matching_cache;
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
  /* A configuration that ts_service_check_config() refused never gets
   * here from the command line; a caller that skipped it gets the
   * defaults for the rules that are out of range. */
  if (!ts_qualification_rules_load (&self->qualification_rules, config->keyfile, NULL))
    ts_qualification_rules_init_default (&self->qualification_rules);
  if (!ts_placement_rules_load (&self->placement_rules, config->keyfile, NULL))
    ts_placement_rules_init_default (&self->placement_rules);
  return self;
}

/* Checks the rule numbers of the configuration file, which the domain
 * defines (with their ranges) and the service reads. */
gboolean
ts_service_check_config (TsConfig *config, GError **error)
{
  TsQualificationRules qualification;
  TsPlacementRules placement;
  TsNoticeRules notices;

  g_return_val_if_fail (config != NULL, FALSE);
  return ts_qualification_rules_load (&qualification, config->keyfile, error) &&
         ts_placement_rules_load (&placement, config->keyfile, error) &&
         ts_notice_rules_load (&notices, config->keyfile, error);
}

const TsQualificationRules *
ts_service_get_qualification_rules (TsService *self)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return &self->qualification_rules;
}

const TsPlacementRules *
ts_service_get_placement_rules (TsService *self)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return &self->placement_rules;
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

TsMatchingCache *
ts_service_get_matching_cache (TsService *self)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  return self->matching_cache;
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
    .organisation_id = ctx->organisation_id,
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
  gint64      organisation_id;
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
    .organisation_id = r->organisation_id,
  };
  return ts_store_audit_append (store, &entry, error);
}

/* The entry could not be written (the database is locked by another
 * process for longer than the busy timeout, the disk is full …): the read
 * is refused rather than answered without its entry, and the operator
 * hears of it.  The message names no record. */
static void
read_audit_failed (GError *cause, GError **error)
{
  g_warning ("The audit entry of a read could not be written: %s", cause->message);
  g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                       N_("The read could not be recorded in the audit log; try again later"));
}

static ReadAudit *
read_audit_new (TsContext *ctx, const char *action, const char *object, gint64 object_id)
{
  ReadAudit *r = g_new0 (ReadAudit, 1);

  r->user_id = ctx->user_id;
  r->role = ctx->role;
  r->action = action;
  r->object = object;
  r->object_id = object_id;
  r->organisation_id = ctx->organisation_id;
  g_strlcpy (r->request_id, ctx->request_id, sizeof r->request_id);
  return r;
}

/* A read of a personal record is answered only once its audit entry is
 * durable (SPEC 2.5: every read is in the log, kill -9 included).  The
 * entry is an ordinary write: it joins the writer's next group commit with
 * every other write and read waiting at that moment, so concurrent reads
 * share one fsync instead of paying one each.  When it cannot be written
 * the read fails with 503 (TS_ERROR_UNAVAILABLE) and the record is not
 * sent.  @action and @object must be static strings.  From the main loop,
 * use ts_service_audit_read_async(). */
gboolean
ts_service_audit_read (TsService *self, TsContext *ctx, const char *action,
                       const char *object, gint64 object_id, GError **error)
{
  g_autofree ReadAudit *r = read_audit_new (ctx, action, object, object_id);
  g_autoptr(GError) local = NULL;

  if (ts_store_write (self->store, write_read_audit, r, &local))
    return TRUE;
  read_audit_failed (local, error);
  return FALSE;
}

static void
read_audit_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) local = NULL;
  GError *error = NULL;

  if (ts_store_write_finish (TS_STORE (source), result, &local))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  read_audit_failed (local, &error);
  g_task_return_error (task, error);
}

/* ts_service_audit_read() without a waiting thread: @callback runs in the
 * caller's thread-default main context once the entry is durable or has
 * failed; ts_service_audit_read_finish() tells which. */
void
ts_service_audit_read_async (TsService *self, TsContext *ctx, const char *action,
                             const char *object, gint64 object_id,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (TS_IS_SERVICE (self));
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ts_service_audit_read_async);
  ts_store_write_async (self->store, write_read_audit,
                        read_audit_new (ctx, action, object, object_id), g_free,
                        read_audit_written, task);
}

gboolean
ts_service_audit_read_finish (TsService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
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
  g_clear_pointer (&self->matching_cache, ts_matching_cache_free);
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
  self->matching_cache = ts_matching_cache_new ();
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

gboolean
ts_service_require_staff_or_supporter (TsContext *ctx, GError **error)
{
  return ctx->role == TS_ROLE_SUPPORTER || ts_service_require_staff (ctx, error);
}

/* The organisation a new record belongs to: the caller's (SPEC 2.6); the
 * command line's is the installation's first. */
gint64
ts_service_caller_organisation (const TsContext *ctx)
{
  return ctx->organisation_id > 0 ? ctx->organisation_id : TS_ORGANISATION_FIRST;
}

/* SPEC 2.6: a record of an organisation outside the caller's scope is
 * answered exactly as a missing one (404 with the same words), so that
 * nobody can probe which ids exist elsewhere. */
gboolean
ts_service_check_scope (TsContext *ctx, const TsResource *resource, gconstpointer record,
                        GError **error)
{
  /* A supporter's or a host's account reaches its own records through its
   * links (its assignments, its placements), which each resource checks;
   * a supporter dispatched to another organisation's case still reads the
   * visit's fields of that case. */
  if (ctx->role == TS_ROLE_SUPPORTER || ctx->role == TS_ROLE_HOST)
    return TRUE;
  if (ts_record_in_scope (resource, record, ctx))
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND,
                       resource->not_found != NULL ? resource->not_found : N_("Not found"));
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
