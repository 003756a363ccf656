/*
 * TsService: the use cases.  Each public function is one use case and at
 * most one write transaction: it validates with domain/, reads and writes
 * through store/, and appends the audit entry inside the same transaction.
 */
#pragma once

#include <gio/gio.h>

#include "core/config.h"
#include "core/context.h"
#include "domain/placement.h"
#include "domain/qualification.h"
#include "model/resource.h"
#include "store/store.h"

G_BEGIN_DECLS

#define TS_TYPE_SERVICE (ts_service_get_type ())
G_DECLARE_FINAL_TYPE (TsService, ts_service, TS, SERVICE, GObject)

TsService *ts_service_new        (TsStore *store, TsConfig *config);
TsStore   *ts_service_get_store  (TsService *self);
TsConfig  *ts_service_get_config (TsService *self);
gboolean   ts_service_check_config (TsConfig *config,
                                    GError  **error);
const TsQualificationRules *ts_service_get_qualification_rules (TsService *self);
const TsPlacementRules     *ts_service_get_placement_rules     (TsService *self);

/* Appends an audit entry for the caller in the current write transaction. */
gboolean   ts_service_audit      (TsService   *self,
                                  TsContext   *ctx,
                                  const char  *action,
                                  const char  *object,
                                  gint64       object_id,
                                  GError     **error);
/* Records that the caller read a record; returns once the entry is
 * durable (group-committed with other writes), or fails with
 * TS_ERROR_UNAVAILABLE and the record must not be sent. */
gboolean   ts_service_audit_read (TsService   *self,
                                  TsContext   *ctx,
                                  const char  *action,
                                  const char  *object,
                                  gint64       object_id,
                                  GError     **error);
void       ts_service_audit_read_async  (TsService          *self,
                                         TsContext          *ctx,
                                         const char         *action,
                                         const char         *object,
                                         gint64              object_id,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean   ts_service_audit_read_finish (TsService          *self,
                                         GAsyncResult       *result,
                                         GError            **error);
gboolean   ts_service_check      (TsService *self, GError **error);

/* Helpers every use case shares. */
gboolean   ts_service_require_staff   (TsContext *ctx, GError **error);
/* Staff, or a supporter's account (which records it reaches is the use
 * case's to say); anyone else is refused as for staff only. */
gboolean   ts_service_require_staff_or_supporter (TsContext *ctx, GError **error);
gint64     ts_service_caller_organisation (const TsContext *ctx);
gboolean   ts_service_check_scope     (TsContext        *ctx,
                                       const TsResource *resource,
                                       gconstpointer     record,
                                       GError          **error);
gint64     ts_service_now_unix        (void);
gboolean   ts_service_version_matches (gint64        version,
                                       const gint64 *if_match,
                                       guint         n_if_match);

G_END_DECLS
