/*
 * The HTTP side of a resource, driven by its descriptor (model/resource.h):
 * a body read against the field table, a record rendered from it, a list
 * query with its filters, and the list, get, create and update handlers.
 *
 * A route of the table points at the resource's TsResourceRoutes; the
 * generic handlers find everything there.  What a resource shows beyond its
 * record (names looked up, histories) it adds in @render.
 */
#pragma once

#include "http/input.h"
#include "http/route.h"
#include "service/resource.h"

G_BEGIN_DECLS

struct _TsResourceRoutes {
  const TsResourceOps *ops;
  /* The members a view adds to its record's (and the TS_FIELD_CUSTOM ones). */
  void      (*render)      (gconstpointer view, JsonObject *obj);
  /* Reads the TS_FIELD_CUSTOM members of a body; NULL when there are none. */
  void      (*read_custom) (TsInput *in, gpointer draft, guint *present);
  /* Whether the view is its subject's own (its STAFF_ONLY fields left out). */
  gboolean  (*is_own)      (gconstpointer view);
  /* For ts_resource_handle_create: a new draft (NULL: ts_record_new()),
   * and the service's create, which answers the new record's view. */
  gpointer  (*draft_new)   (void);
  gpointer  (*create)      (TsService *service, TsContext *ctx, gconstpointer draft,
                            guint present, GError **error);
};

gboolean    ts_resource_read_body   (TsRequest              *req,
                                     const TsResourceRoutes *routes,
                                     gpointer                draft,
                                     guint                  *present,
                                     GError                **error);
JsonObject *ts_resource_to_json     (const TsResourceRoutes *routes,
                                     gconstpointer           view);
gpointer    ts_resource_read_query  (TsRequest              *req,
                                     const TsResource       *resource,
                                     GError                **error);
void        ts_resource_reply_view  (TsRequest              *req,
                                     const TsResourceRoutes *routes,
                                     guint                   status,
                                     gconstpointer           view);
void        ts_resource_reply_page  (TsRequest              *req,
                                     const TsResourceRoutes *routes,
                                     const TsPage           *page);
JsonObject *ts_resource_page_to_json (const TsResourceRoutes *routes,
                                      const TsPage           *page);

/* A TS_FIELD_WEEKDAYS value as the API shows it: [1, 2, 3, 4, 5]. */
JsonArray  *ts_json_weekdays        (guint                   bits);
/* @value, or null when the record has none (@has FALSE). */
void        ts_json_set_int_or_null (JsonObject             *obj,
                                     const char             *name,
                                     gboolean                has,
                                     gint64                  value);
/* A time of day, in minutes after midnight, as the API shows it: "09:30". */
void        ts_json_set_time        (JsonObject             *obj,
                                     const char             *name,
                                     int                     minutes);

/* The handlers a route may name; they read req->route->resource. */
void        ts_resource_handle_create (TsRequest *req);
void        ts_resource_handle_list   (TsRequest *req);
void        ts_resource_handle_get    (TsRequest *req);
void        ts_resource_handle_update (TsRequest *req);

G_END_DECLS
