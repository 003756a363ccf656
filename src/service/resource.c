/*
 * The use cases every resource shares: see service/resource.h.
 */
#include "service/resource.h"

#include "core/i18n.h"
#include "service/validate.h"

void
ts_page_free (TsPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

/* ---- field checks ----------------------------------------------------- */

static gboolean
field_in (const TsField *field, guint present, gboolean creating)
{
  if ((field->flags & TS_FIELD_WRITABLE) == 0)
    return FALSE;
  return creating || (present & field->bit) != 0;
}

void
ts_service_check_fields (TsContext *ctx, const TsResource *resource, gconstpointer draft,
                         guint present, gboolean creating)
{
  for (guint i = 0; i < resource->n_fields; i++)
    {
      const TsField *f = &resource->fields[i];
      gboolean required = (f->flags & TS_FIELD_REQUIRED) != 0;

      if (!field_in (f, present, creating) || (f->flags & TS_FIELD_CUSTOM) != 0 ||
          ts_field_errors_has (ctx->errors, f->name))
        continue;
      switch (f->type)
        {
        case TS_FIELD_TEXT:
          ts_validate_text (ctx, f->name, TS_FIELD_MEMBER (char *, draft, f), required, f->max,
                            (f->flags & TS_FIELD_MULTILINE) != 0, ts_too_long_message (f->max));
          break;
        case TS_FIELD_MUNICIPALITY:
          if (required || TS_FIELD_MEMBER (char *, draft, f) != NULL)
            ts_validate_municipality (ctx, f->name, TS_FIELD_MEMBER (char *, draft, f));
          break;
        case TS_FIELD_INT:
          {
            int v = TS_FIELD_MEMBER (int, draft, f);
            if (v < f->min || v > f->max)
              ts_field_errors_add (ctx->errors, f->name, ts_range_message (f->min, f->max));
          }
          break;
        case TS_FIELD_WEEKDAYS:
          if ((TS_FIELD_MEMBER (guint, draft, f) & ~TS_WEEKDAYS_ALL) != 0)
            ts_field_errors_add (ctx->errors, f->name, N_("Each must be 1 (Monday) to 7 (Sunday)"));
          break;
        case TS_FIELD_DATE:
          if (required && TS_FIELD_MEMBER (TsDate, draft, f) == TS_DATE_NONE)
            ts_field_errors_add (ctx->errors, f->name, N_("Required"));
          break;
        case TS_FIELD_ID:
          if (required && TS_FIELD_MEMBER (gint64, draft, f) <= 0)
            ts_field_errors_add (ctx->errors, f->name, N_("Required"));
          break;
        case TS_FIELD_KEYWORD:
          {
            const char *text = TS_FIELD_MEMBER (char *, draft, f);
            if (text == NULL && required)
              ts_field_errors_add (ctx->errors, f->name, N_("Required"));
            else if (text != NULL && !g_strv_contains (f->vocabulary->names, text))
              ts_field_errors_add (ctx->errors, f->name, f->vocabulary->invalid);
          }
          break;
        case TS_FIELD_INT64:
        case TS_FIELD_BOOL:
        case TS_FIELD_TIMESTAMP:
        case TS_FIELD_ENUM:
        default:
          /* Their type says it all; the HTTP layer read them. */
          break;
        }
    }
}

void
ts_record_apply (const TsResource *resource, gpointer record, gconstpointer draft,
                 guint present)
{
  for (guint i = 0; i < resource->n_fields; i++)
    {
      const TsField *f = &resource->fields[i];

      if ((f->flags & TS_FIELD_WRITABLE) == 0 || (present & f->bit) == 0)
        continue;
      switch (f->type)
        {
        case TS_FIELD_TEXT:
        case TS_FIELD_MUNICIPALITY:
        case TS_FIELD_KEYWORD:
          {
            char **slot = &TS_FIELD_MEMBER (char *, record, f);
            g_free (*slot);
            *slot = ts_text_dup_trimmed (TS_FIELD_MEMBER (char *, draft, f));
          }
          break;
        case TS_FIELD_ID:
        case TS_FIELD_INT64:
        case TS_FIELD_TIMESTAMP:
          TS_FIELD_MEMBER (gint64, record, f) = TS_FIELD_MEMBER (gint64, draft, f);
          break;
        case TS_FIELD_DATE:
          TS_FIELD_MEMBER (TsDate, record, f) = TS_FIELD_MEMBER (TsDate, draft, f);
          break;
        case TS_FIELD_WEEKDAYS:
          TS_FIELD_MEMBER (guint, record, f) = TS_FIELD_MEMBER (guint, draft, f);
          break;
        case TS_FIELD_INT:
        case TS_FIELD_BOOL:
        case TS_FIELD_ENUM:
        default:
          TS_FIELD_MEMBER (int, record, f) = TS_FIELD_MEMBER (int, draft, f);
          break;
        }
    }
}

/* ---- list ------------------------------------------------------------- */

typedef struct {
  const TsResourceOps *ops;
  gconstpointer        query;
  gint64               after_id;
  guint                limit;
  GPtrArray           *rows;              /* records, or views with list_views */
  TsService           *service;
  TsContext           *ctx;
} ListRead;

static gboolean
read_list (TsStore *store, gpointer user_data, GError **error)
{
  ListRead *l = user_data;

  /* One more than shown tells whether a next page exists. */
  if (l->ops->list_views != NULL)
    l->rows = l->ops->list_views (l->service, l->ctx, store, l->query, l->after_id,
                                  l->limit + 1, error);
  else
    l->rows = l->ops->list_rows (store, l->query, l->after_id, l->limit + 1, error);
  return l->rows != NULL;
}

/* A text filter (a search): valid UTF-8, not only spaces, at most
 * f->max characters. */
static void
check_text_filter (TsContext *ctx, const TsField *f, const char *text)
{
  gboolean blank = TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      ts_field_errors_add (ctx->errors, f->name, N_("Must be valid UTF-8 text"));
      return;
    }
  /* Blank whatever its spaces: an ideographic space (U+3000) is one. */
  for (const char *p = text; *p != '\0' && blank; p = g_utf8_next_char (p))
    blank = g_unichar_isspace (g_utf8_get_char (p));
  if (blank)
    ts_field_errors_add (ctx->errors, f->name, N_("Must not be empty"));
  else if (f->max > 0 && g_utf8_strlen (text, -1) > f->max)
    ts_field_errors_add (ctx->errors, f->name, ts_too_long_message (f->max));
}

TsPage *
ts_service_list (TsService *self, TsContext *ctx, const TsResourceOps *ops, gpointer query,
                 GError **error)
{
  const TsResource *res;
  const TsListQuery *head = query;
  g_autoptr(TsPage) page = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ListRead l = { ops, query, 0, 0, NULL, self, ctx };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (ops != NULL && query != NULL, NULL);

  res = ops->resource;
  if (!ops->check_list (self, ctx, query, error))
    return NULL;
  if (head->limit != 0 && (head->limit < 1 || head->limit > res->list_max))
    ts_field_errors_add (ctx->errors, "limit", ts_range_message (1, res->list_max));
  if (head->after_id < 0)
    ts_field_errors_add (ctx->errors, "cursor", N_("Not a cursor this service issued"));
  for (guint i = 0; i < res->n_filters; i++)
    {
      const TsField *f = &res->filters[i];
      if (f->type == TS_FIELD_MUNICIPALITY && TS_FIELD_MEMBER (char *, query, f) != NULL &&
          !ts_field_errors_has (ctx->errors, f->name))
        ts_validate_municipality (ctx, f->name, TS_FIELD_MEMBER (char *, query, f));
      if (f->type == TS_FIELD_TEXT && TS_FIELD_MEMBER (char *, query, f) != NULL)
        check_text_filter (ctx, f, TS_FIELD_MEMBER (char *, query, f));
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  /* The caller's organisations, never the client's: the store's lists
   * hold nothing else (SPEC 2.6).  A supporter's or a host's account is
   * narrowed to its own records by check_list instead (see
   * ts_service_check_scope()). */
  ((TsListQuery *) query)->scope = ctx->role == TS_ROLE_SUPPORTER || ctx->role == TS_ROLE_HOST
                                     ? NULL : ctx->scope;
  l.after_id = head->after_id;
  l.limit = head->limit != 0 ? (guint) head->limit : (guint) res->list_default;
  if (!ts_store_read (ts_service_get_store (self), read_list, &l, error))
    return NULL;
  rows = l.rows;

  page = g_new0 (TsPage, 1);
  page->items = g_ptr_array_new_with_free_func (ops->view_free);
  for (guint i = 0; i < rows->len && i < l.limit; i++)
    g_ptr_array_add (page->items, ops->list_views != NULL
                                    ? g_steal_pointer (&rows->pdata[i])
                                    : ops->view_new (self, ctx, g_steal_pointer (&rows->pdata[i])));
  if (rows->len > l.limit)
    page->next_after_id = ts_record_get_id (TS_VIEW_RECORD (page->items->pdata[l.limit - 1]));

  /* One entry per list call: who looked at the register, and when. */
  if (ops->audit_read != NULL)
    {
      if (!ops->audit_read (self, ctx, query, page, NULL, error))
        return NULL;
    }
  else if (!res->reads_unlogged &&
           !ts_service_audit_read (self, ctx, "list", res->name, 0, error))
    return NULL;
  return g_steal_pointer (&page);
}

gboolean
ts_service_invalid_transition (TsContext *ctx, const char *current_status, const char *message,
                               GError **error)
{
  if (ctx != NULL)
    ts_context_add_extra (ctx, "current_status",
                          json_node_init_string (json_node_alloc (), current_status));
  g_set_error_literal (error, TS_ERROR, TS_ERROR_INVALID_TRANSITION, message);
  return FALSE;
}

gboolean
ts_service_check_own (TsContext *ctx, gint64 supporter_id, const char *not_found, GError **error)
{
  if (ctx->role != TS_ROLE_SUPPORTER ||
      (ctx->supporter_id > 0 && supporter_id == ctx->supporter_id))
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, not_found);
  return FALSE;
}

gint64
ts_service_own_filter (gint64 own_id)
{
  return own_id > 0 ? own_id : G_MAXINT64;
}

gboolean
ts_service_list_all (TsStore *store, TsListRowsFunc list_rows, gconstpointer query,
                     guint page_size, GPtrArray *into, GError **error)
{
  gint64 after_id = 0;

  g_return_val_if_fail (page_size > 0, FALSE);

  for (;;)
    {
      GPtrArray *page = list_rows (store, query, after_id, page_size, error);
      guint n;

      if (page == NULL)
        return FALSE;
      n = page->len;
      g_ptr_array_extend_and_steal (into, page);
      if (n < page_size)
        return TRUE;
      after_id = ts_record_get_id (into->pdata[into->len - 1]);
    }
}

/* ---- read ------------------------------------------------------------- */

gboolean
ts_service_check_list_staff (G_GNUC_UNUSED TsService *self, TsContext *ctx,
                             G_GNUC_UNUSED gpointer query, GError **error)
{
  return ts_service_require_staff (ctx, error);
}

gboolean
ts_service_check_read_staff (TsContext *ctx, G_GNUC_UNUSED gint64 id, GError **error)
{
  return ts_service_require_staff (ctx, error);
}

gboolean
ts_service_check_read_staff_or_supporter (TsContext *ctx, G_GNUC_UNUSED gint64 id,
                                          GError **error)
{
  return ts_service_require_staff_or_supporter (ctx, error);
}

/* The full view of record @id (see TsResourceOps.load_view). */
static gpointer
load_view (TsService *self, TsContext *ctx, const TsResourceOps *ops, gint64 id, GError **error)
{
  gpointer record;

  if (ops->load_view != NULL)
    return ops->load_view (self, ctx, id, error);
  record = ops->fetch (ts_service_get_store (self), id, error);
  return record != NULL ? ops->view_new (self, ctx, record) : NULL;
}

gpointer
ts_service_get (TsService *self, TsContext *ctx, const TsResourceOps *ops, gint64 id,
                GError **error)
{
  gpointer view;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (ops != NULL, NULL);

  if (!ops->check_read (ctx, id, error))
    return NULL;
  view = load_view (self, ctx, ops, id, error);
  if (view == NULL)
    return NULL;
  if (!ts_service_check_scope (ctx, ops->resource, TS_VIEW_RECORD (view), error))
    {
      ops->view_free (view);
      return NULL;
    }
  /* Personal records are logged before they are answered. */
  if (ops->audit_read != NULL
      ? !ops->audit_read (self, ctx, NULL, NULL, view, error)
      : !ops->resource->reads_unlogged &&
        !ts_service_audit_read (self, ctx, "read", ops->resource->name, id, error))
    {
      ops->view_free (view);
      return NULL;
    }
  return view;
}

/* ---- update ----------------------------------------------------------- */

typedef struct {
  TsService           *service;
  TsContext           *ctx;
  const TsResourceOps *ops;
  gint64               id;
  gconstpointer        draft;
  guint                present;
  const gint64        *if_match;
  guint                n_if_match;
} UpdateWrite;

static gboolean
write_update (TsStore *store, gpointer user_data, GError **error)
{
  UpdateWrite *u = user_data;
  const TsResource *res = u->ops->resource;
  gpointer record = u->ops->fetch (store, u->id, error);
  gint64 version, expected;
  gboolean ok = FALSE;

  if (record == NULL)
    return FALSE;
  if (!ts_service_check_scope (u->ctx, res, record, error))
    goto out;
  /* With If-Match the expected version is the client's: the UPDATE's
   * WHERE version = ? then refuses a record someone else changed since the
   * client read it (412).  Without it, the patch applies to the current
   * record.  A stale copy is answered before the record's own state: the
   * client should reload before anything else. */
  version = ts_record_get_version (res, record);
  expected = version;
  if (!ts_service_version_matches (version, u->if_match, u->n_if_match))
    expected = u->if_match[0];
  if (expected == version && u->ops->check_update != NULL &&
      !u->ops->check_update (u->ctx, record, error))
    goto out;
  ts_record_apply (res, record, u->draft, u->present);
  if (u->ops->apply_custom != NULL)
    u->ops->apply_custom (record, u->draft, u->present);
  if (u->ops->check_record != NULL && !u->ops->check_record (store, u->ctx, record, error))
    goto out;
  if (!u->ops->save (store, record, expected, ts_service_now_unix (), error))
    goto out;
  ok = ts_service_audit (u->service, u->ctx, "update", res->name, u->id, error);
out:
  u->ops->record_free (record);
  return ok;
}

gboolean
ts_service_check_draft (TsService *self, TsContext *ctx, const TsResourceOps *ops,
                        gconstpointer draft, guint present, gboolean creating, GError **error)
{
  if (!ts_service_require_staff (ctx, error))
    return FALSE;
  ts_service_check_fields (ctx, ops->resource, draft, present, creating);
  if (ops->check_draft != NULL)
    ops->check_draft (self, ctx, draft, present, creating);
  return ts_field_errors_check (ctx->errors, error);
}

gpointer
ts_service_update (TsService *self, TsContext *ctx, const TsResourceOps *ops, gint64 id,
                   gconstpointer draft, guint present, const gint64 *if_match, guint n_if_match,
                   GError **error)
{
  UpdateWrite u = { self, ctx, ops, id, draft, present, if_match, n_if_match };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (ops != NULL && draft != NULL, NULL);
  g_return_val_if_fail (if_match != NULL || n_if_match == 0, NULL);

  if (!ts_service_check_draft (self, ctx, ops, draft, present, FALSE, error) ||
      !ts_store_write (ts_service_get_store (self), write_update, &u, error))
    return NULL;
  return load_view (self, ctx, ops, id, error);
}
