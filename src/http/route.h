/*
 * The route table and what a handler sees of a request.
 *
 * A route is {method, path pattern, allowed roles, handler}.  The server
 * authenticates the caller and checks the role once, before any handler runs;
 * a route that lists no role is refused to everybody (default deny) unless
 * it is explicitly public.  Handlers run on a worker thread and may block on
 * the store; they answer with ts_request_reply_*().
 *
 * A TS_ROUTE_INLINE route runs on the main loop instead, saving the
 * thread hand-offs that cost more than the work itself: for a bounded point
 * read (a handful of primary-key reads, an audit entry queued with
 * ts_service_audit_read()), or for a write that never waits on the writer
 * but submits its write with an _async() service call: its handler calls
 * ts_request_defer(), and the callback answers and calls
 * ts_request_complete() once the write is durable.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "core/context.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct _TsRequest TsRequest;
typedef struct _TsResourceRoutes TsResourceRoutes;   /* http/resource.h */
typedef void (*TsHandler) (TsRequest *req);

typedef enum {
  TS_ROUTE_PUBLIC = 1 << 0,        /* no token needed */
  TS_ROUTE_BODY   = 1 << 1,        /* expects a JSON body */
  TS_ROUTE_OPTIONAL_BODY = 1 << 2, /* may carry a JSON body */
  TS_ROUTE_TAIL   = 1 << 3,        /* the pattern's last {…} takes the rest of the path */
  TS_ROUTE_INLINE = 1 << 4,        /* runs on the main loop: see below */
} TsRouteFlags;

typedef struct {
  const char  *method;
  const char  *pattern;            /* "/v1/supporters/{id}": {…} is a positive integer */
  guint        roles;              /* TsRole bits allowed */
  TsRouteFlags flags;
  TsHandler    handler;
  const char  *operation_id;       /* as in data/openapi.json */
  const TsResourceRoutes *resource; /* for the generic handlers of http/resource.h */
} TsRoute;

#define TS_MAX_PATH_PARAMS 4

struct _TsRequest {
  TsService   *service;
  TsContext   *ctx;
  const TsRoute *route;
  char        *method;
  char        *path;
  GHashTable  *query;              /* char* → char*, may be NULL */
  gint64       params[TS_MAX_PATH_PARAMS];
  guint        n_params;
  SoupMessageHeaders *headers;     /* the request's, read with ts_request_header() */
  GBytes      *raw_body;
  JsonNode    *body;

  SoupServerMessage *msg;         /* paused while a worker or a deferred handler answers */
  gboolean     deferred;

  guint        status;
  GBytes      *reply_body;
  char        *reply_type;
  GPtrArray   *reply_headers;      /* name, value, name, value, … */
  const char  *reply_encoding;     /* "gzip" when reply_node() compressed the body */
  gboolean     reply_varies;       /* the body depends on Accept-Encoding */
};

const char *ts_request_header       (TsRequest *req, const char *name);
const char *ts_request_query        (TsRequest *req, const char *name);
void        ts_request_reply_json   (TsRequest *req, guint status, JsonNode *node);
void        ts_request_reply_object (TsRequest *req, guint status,
                                     JsonObject *obj /* (transfer full) */);
void        ts_request_reply_bytes  (TsRequest *req, guint status,
                                     const char *content_type, GBytes *body);
void        ts_request_reply_empty  (TsRequest *req, guint status);
void        ts_request_reply_error  (TsRequest *req, const GError *error);
void        ts_request_add_header   (TsRequest *req, const char *name,
                                     const char *value);
gboolean    ts_request_accepts_csv  (TsRequest *req);
void        ts_request_defer        (TsRequest *req);
void        ts_request_complete     (TsRequest *req);

/* Every route group appends its routes to the table. */
void        ts_routes_system        (GArray *routes);
void        ts_routes_auth          (GArray *routes);
void        ts_routes_devices       (GArray *routes);
void        ts_routes_users         (GArray *routes);
void        ts_routes_audit         (GArray *routes);
void        ts_routes_supporters    (GArray *routes);
void        ts_routes_training      (GArray *routes);
void        ts_routes_training_audit (GArray *routes);
void        ts_routes_assignments   (GArray *routes);
void        ts_routes_matching      (GArray *routes);
void        ts_routes_cases         (GArray *routes);
void        ts_routes_hosts         (GArray *routes);
void        ts_routes_organisations (GArray *routes);
void        ts_routes_placements    (GArray *routes);
void        ts_routes_rates         (GArray *routes);
void        ts_routes_municipalities (GArray *routes);
void        ts_routes_activities    (GArray *routes);
void        ts_routes_payments      (GArray *routes);
void        ts_routes_dispatch      (GArray *routes);
void        ts_routes_transfers     (GArray *routes);
void        ts_routes_contacts      (GArray *routes);
void        ts_routes_visits        (GArray *routes);
void        ts_routes_statistics    (GArray *routes);
void        ts_routes_notices       (GArray *routes);
void        ts_routes_documents     (GArray *routes);
void        ts_routes_reports       (GArray *routes);
void        ts_routes_events        (GArray *routes);

void        ts_routes_web           (GArray *routes);

const TsRoute *ts_routes_get_all    (guint *n_routes);

G_END_DECLS
