/*
 * A resource's bodies, renderings, list queries and handlers from its
 * descriptor: see http/resource.h.
 */
#include "http/resource.h"

#include <libsoup/soup.h>

#include "core/json.h"
#include "http/query.h"

/* Generous type-level bounds for texts; the service applies the field's
 * real limit with its own message. */
#define TEXT_READ_MAX 100000

/* ---- bodies ----------------------------------------------------------- */

/* A list of ISO weekdays, 1 (Monday) to 7 (Sunday), into TS_WEEKDAY_BIT bits. */
static void
read_weekdays (TsInput *in, const TsField *f, gpointer draft)
{
  JsonNode *node = ts_input_member (in, f->name, TS_OPTIONAL);
  JsonArray *arr;
  guint bits = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) > 7)
    {
      ts_input_error (in, f->name, N_("Must be a list of weekdays (1 = Monday to 7 = Sunday)"));
      return;
    }
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *item = json_array_get_element (arr, i);
      gint64 d;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_INT64 ||
          (d = json_node_get_int (item)) < 1 || d > 7 || (bits & TS_WEEKDAY_BIT (d)) != 0)
        {
          ts_input_error (in, f->name,
                          N_("Each weekday must be 1 (Monday) to 7 (Sunday), each at most once"));
          return;
        }
      bits |= TS_WEEKDAY_BIT (d);
    }
  TS_FIELD_MEMBER (guint, draft, f) = bits;
}

/* One writable member by its type.  A member that cannot be read is a
 * field error; the service does not check it again. */
static void
read_field (TsInput *in, const TsField *f, gpointer draft)
{
  gint64 v;
  gboolean b;
  int e;

  /* Seen, so that a member that cannot be read is not also unknown. */
  ts_input_member (in, f->name, TS_OPTIONAL);
  switch (f->type)
    {
    case TS_FIELD_TEXT:
    case TS_FIELD_MUNICIPALITY:
      TS_FIELD_MEMBER (char *, draft, f) =
        g_strdup (ts_input_string (in, f->name, TS_OPTIONAL, TEXT_READ_MAX));
      break;
    case TS_FIELD_KEYWORD:
      /* A word of a vocabulary; the service says which words. */
      TS_FIELD_MEMBER (char *, draft, f) = g_strdup (ts_input_string (in, f->name, TS_OPTIONAL, 64));
      break;
    case TS_FIELD_INT:
      if (ts_input_is_null (in, f->name))
        ts_input_error (in, f->name, ts_range_message (f->min, f->max));
      else if (ts_input_int (in, f->name, TS_OPTIONAL, G_MININT32, G_MAXINT32, &v))
        TS_FIELD_MEMBER (int, draft, f) = (int) v;
      break;
    case TS_FIELD_INT64:
    case TS_FIELD_TIMESTAMP:
      if (ts_input_int (in, f->name, TS_OPTIONAL, G_MININT64, G_MAXINT64, &v))
        TS_FIELD_MEMBER (gint64, draft, f) = v;
      break;
    case TS_FIELD_ID:
      if (ts_input_int (in, f->name, TS_OPTIONAL, 1, G_MAXINT64, &v))
        TS_FIELD_MEMBER (gint64, draft, f) = v;
      break;
    case TS_FIELD_BOOL:
      if (ts_input_is_null (in, f->name))
        ts_input_error (in, f->name, N_("Must be true or false"));
      else if (ts_input_bool (in, f->name, TS_OPTIONAL, &b))
        TS_FIELD_MEMBER (gboolean, draft, f) = b;
      break;
    case TS_FIELD_DATE:
      TS_FIELD_MEMBER (TsDate, draft, f) = ts_input_date (in, f->name, TS_OPTIONAL);
      break;
    case TS_FIELD_ENUM:
      {
        const char *text = ts_input_string (in, f->name, TS_OPTIONAL, 64);
        if (text != NULL && ts_vocabulary_from_string (f->vocabulary, text, &e))
          TS_FIELD_MEMBER (int, draft, f) = e;
        else if (!ts_field_errors_has (in->errors, f->name))
          ts_input_error (in, f->name, f->vocabulary->invalid);
      }
      break;
    case TS_FIELD_WEEKDAYS:
    default:
      read_weekdays (in, f, draft);
      break;
    }
}

/* Reads a body into @draft; @present gets the bit of every member the body
 * carries (null included: on PATCH, null clears an optional member).
 * Returns FALSE only for unknown members; other problems are field errors
 * the service reports with its own. */
gboolean
ts_resource_read_body (TsRequest *req, const TsResourceRoutes *routes, gpointer draft,
                       guint *present, GError **error)
{
  const TsResource *res = routes->ops->resource;
  g_auto(TsInput) in = { 0 };

  *present = 0;
  if (!ts_input_init (&in, req->body, req->ctx->errors, NULL))
    return ts_field_errors_check (req->ctx->errors, error);

  for (guint i = 0; i < res->n_fields; i++)
    {
      const TsField *f = &res->fields[i];

      if (!ts_input_has (&in, f->name) || (f->flags & TS_FIELD_CUSTOM) != 0)
        continue;
      if ((f->flags & TS_FIELD_WRITABLE) == 0)
        {
          ts_input_member (&in, f->name, TS_OPTIONAL);
          ts_input_error (&in, f->name,
                          g_str_equal (f->name, "status") && res->status_hint != NULL
                            ? res->status_hint : N_("Read-only"));
          continue;
        }
      *present |= f->bit;
      read_field (&in, f, draft);
    }
  if (routes->read_custom != NULL)
    routes->read_custom (&in, draft, present);
  return ts_input_refuse_unknown (&in, FALSE, error);
}

/* ---- rendering -------------------------------------------------------- */

JsonArray *
ts_json_weekdays (guint bits)
{
  JsonArray *arr = json_array_new ();

  for (int d = 1; d <= 7; d++)
    if (bits & TS_WEEKDAY_BIT (d))
      json_array_add_int_element (arr, d);
  return arr;
}

void
ts_json_set_int_or_null (JsonObject *obj, const char *name, gboolean has, gint64 value)
{
  if (has)
    json_object_set_int_member (obj, name, value);
  else
    json_object_set_null_member (obj, name);
}

void
ts_json_set_time (JsonObject *obj, const char *name, int minutes)
{
  char text[6];

  g_snprintf (text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
  json_object_set_string_member (obj, name, text);
}

static void
render_field (JsonObject *obj, const TsField *f, gconstpointer record)
{
  switch (f->type)
    {
    case TS_FIELD_ID:
      ts_json_set_id_or_null (obj, f->name, TS_FIELD_MEMBER (gint64, record, f));
      break;
    case TS_FIELD_INT:
      json_object_set_int_member (obj, f->name, TS_FIELD_MEMBER (int, record, f));
      break;
    case TS_FIELD_INT64:
      json_object_set_int_member (obj, f->name, TS_FIELD_MEMBER (gint64, record, f));
      break;
    case TS_FIELD_BOOL:
      json_object_set_boolean_member (obj, f->name, TS_FIELD_MEMBER (gboolean, record, f));
      break;
    case TS_FIELD_TEXT:
    case TS_FIELD_MUNICIPALITY:
    case TS_FIELD_KEYWORD:
      ts_json_set_string_or_null (obj, f->name, TS_FIELD_MEMBER (char *, record, f));
      break;
    case TS_FIELD_DATE:
      ts_json_set_date_or_null (obj, f->name, TS_FIELD_MEMBER (TsDate, record, f));
      break;
    case TS_FIELD_TIMESTAMP:
      ts_json_set_timestamp (obj, f->name, TS_FIELD_MEMBER (gint64, record, f));
      break;
    case TS_FIELD_ENUM:
      json_object_set_string_member (obj, f->name,
                                     ts_vocabulary_to_string (f->vocabulary,
                                                              TS_FIELD_MEMBER (int, record, f)));
      break;
    case TS_FIELD_WEEKDAYS:
    default:
      json_object_set_array_member (obj, f->name,
                                    ts_json_weekdays (TS_FIELD_MEMBER (guint, record, f)));
      break;
    }
}

/* The record's fields in the table's order, then what the view adds. */
JsonObject *
ts_resource_to_json (const TsResourceRoutes *routes, gconstpointer view)
{
  const TsResource *res = routes->ops->resource;
  gconstpointer record = TS_VIEW_RECORD (view);
  gboolean own = routes->is_own != NULL && routes->is_own (view);
  JsonObject *obj = json_object_new ();

  for (guint i = 0; i < res->n_fields; i++)
    {
      const TsField *f = &res->fields[i];

      if ((f->flags & TS_FIELD_CUSTOM) != 0 || (own && (f->flags & TS_FIELD_STAFF_ONLY) != 0))
        continue;
      render_field (obj, f, record);
    }
  if (routes->render != NULL)
    routes->render (view, obj);
  return obj;
}

/* The ETag of a record is its version ("v3"); PATCH honours If-Match with it.
 * A record without a version (nothing of it can be changed) has none. */
void
ts_resource_reply_view (TsRequest *req, const TsResourceRoutes *routes, guint status,
                        gconstpointer view)
{
  if (ts_resource_field (routes->ops->resource, "version") != NULL)
    {
      gint64 version = ts_record_get_version (routes->ops->resource, TS_VIEW_RECORD (view));
      g_autofree char *etag = ts_etag_for_version (version);

      ts_request_add_header (req, "ETag", etag);
    }
  ts_request_reply_object (req, status, ts_resource_to_json (routes, view));
}

/* A page's items under the resource's collection name, and its cursor. */
JsonObject *
ts_resource_page_to_json (const TsResourceRoutes *routes, const TsPage *page)
{
  const TsResource *res = routes->ops->resource;
  JsonObject *obj = json_object_new ();
  JsonArray *items = json_array_new ();

  for (guint i = 0; i < page->items->len; i++)
    json_array_add_object_element (items, ts_resource_to_json (routes, page->items->pdata[i]));
  json_object_set_array_member (obj, res->collection, items);
  ts_json_set_cursor (obj, res->cursor_kind, page->next_after_id);
  return obj;
}

void
ts_resource_reply_page (TsRequest *req, const TsResourceRoutes *routes, const TsPage *page)
{
  ts_request_reply_object (req, SOUP_STATUS_OK, ts_resource_page_to_json (routes, page));
}

/* ---- list queries ----------------------------------------------------- */

static void
read_filter (TsRequest *req, const TsField *f, gpointer query)
{
  const char *text = ts_request_query (req, f->name);
  int e;

  if (text == NULL)
    return;
  switch (f->type)
    {
    case TS_FIELD_ENUM:
      if (ts_vocabulary_from_string (f->vocabulary, text, &e))
        TS_FIELD_MEMBER (int, query, f) = e;
      else
        ts_field_errors_add (req->ctx->errors, f->name, f->vocabulary->invalid);
      break;
    case TS_FIELD_ID:
      TS_FIELD_MEMBER (gint64, query, f) = ts_request_query_id (req, f->name);
      break;
    case TS_FIELD_DATE:
      TS_FIELD_MEMBER (TsDate, query, f) = ts_request_query_date (req, f->name);
      break;
    case TS_FIELD_BOOL:
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        TS_FIELD_MEMBER (gboolean, query, f) = g_str_equal (text, "true");
      else
        ts_field_errors_add (req->ctx->errors, f->name, N_("Must be true or false"));
      break;
    case TS_FIELD_TEXT:
    case TS_FIELD_MUNICIPALITY:
    default:
      /* Borrowed from the request, which outlives the query. */
      TS_FIELD_MEMBER (const char *, query, f) = text;
      break;
    }
}

/* ?limit, ?cursor and the resource's filters into a new query (free with
 * g_free); unknown parameters are refused, bad values are field errors
 * that the service reports with its own. */
gpointer
ts_resource_read_query (TsRequest *req, const TsResource *res, GError **error)
{
  g_autoptr(GPtrArray) allowed = g_ptr_array_new ();
  g_autofree TsListQuery *query = ts_query_new (res);
  const char *text;
  guint64 limit;

  for (guint i = 0; i < res->n_filters; i++)
    g_ptr_array_add (allowed, (gpointer) res->filters[i].name);
  g_ptr_array_add (allowed, (gpointer) "limit");
  g_ptr_array_add (allowed, (gpointer) "cursor");
  g_ptr_array_add (allowed, NULL);
  if (!ts_request_check_query (req, (const char *const *) allowed->pdata, error))
    return NULL;

  for (guint i = 0; i < res->n_filters; i++)
    read_filter (req, &res->filters[i], query);
  if ((text = ts_request_query (req, "limit")) != NULL)
    {
      if (g_ascii_string_to_unsigned (text, 10, 1, (guint64) res->list_max, &limit, NULL))
        query->limit = (int) limit;
      else
        ts_field_errors_add (req->ctx->errors, "limit", ts_range_message (1, res->list_max));
    }
  ts_request_query_cursor (req, res->cursor_kind, &query->after_id);
  return g_steal_pointer (&query);
}

/* ---- handlers --------------------------------------------------------- */

/* POST to the collection: 201 with the new record's view, its ETag and its
 * Location. */
void
ts_resource_handle_create (TsRequest *req)
{
  const TsResourceRoutes *routes = req->route->resource;
  const TsResource *res = routes->ops->resource;
  g_autoptr(GError) error = NULL;
  gpointer draft = routes->draft_new != NULL ? routes->draft_new () : ts_record_new (res);
  gpointer view = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, routes, draft, &present, &error) ||
      (view = routes->create (req->service, req->ctx, draft, present, &error)) == NULL)
    ts_request_reply_error (req, error);
  else
    {
      g_autofree char *location = g_strdup_printf ("/v1/%s/%" G_GINT64_FORMAT, res->collection,
                                                   ts_record_get_id (TS_VIEW_RECORD (view)));

      ts_request_add_header (req, "Location", location);
      ts_resource_reply_view (req, routes, SOUP_STATUS_CREATED, view);
      routes->ops->view_free (view);
    }
  routes->ops->record_free (draft);
}

void
ts_resource_handle_list (TsRequest *req)
{
  const TsResourceRoutes *routes = req->route->resource;
  g_autoptr(GError) error = NULL;
  g_autofree gpointer query = NULL;
  g_autoptr(TsPage) page = NULL;

  query = ts_resource_read_query (req, routes->ops->resource, &error);
  if (query == NULL ||
      (page = ts_service_list (req->service, req->ctx, routes->ops, query, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_resource_reply_page (req, routes, page);
}

void
ts_resource_handle_get (TsRequest *req)
{
  const TsResourceRoutes *routes = req->route->resource;
  g_autoptr(GError) error = NULL;
  gpointer view = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      (view = ts_service_get (req->service, req->ctx, routes->ops, req->params[0],
                              &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_resource_reply_view (req, routes, SOUP_STATUS_OK, view);
  routes->ops->view_free (view);
}

void
ts_resource_handle_update (TsRequest *req)
{
  const TsResourceRoutes *routes = req->route->resource;
  const TsResource *res = routes->ops->resource;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) if_match = ts_if_match_parse (ts_request_header (req, "If-Match"));
  gpointer draft = ts_record_new (res);
  gpointer view = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, routes, draft, &present, &error) ||
      (view = ts_service_update (req->service, req->ctx, routes->ops, req->params[0], draft,
                                 present, (const gint64 *) if_match->data, if_match->len,
                                 &error)) == NULL)
    ts_request_reply_error (req, error);
  else
    {
      ts_resource_reply_view (req, routes, SOUP_STATUS_OK, view);
      routes->ops->view_free (view);
    }
  routes->ops->record_free (draft);
}
