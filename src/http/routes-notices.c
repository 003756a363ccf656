/*
 * Notices (issue 17, docs/api.md "Notices"): the caller's own notices and
 * their read mark; the mail outbox for administrators.
 */
#include "http/route.h"

#include <string.h>

#include "core/date.h"
#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "service/notices.h"

static JsonObject *
notice_to_json (const TsNoticeRecord *n, TsLanguage lang)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *message = ts_service_notice_message (n, lang);

  json_object_set_int_member (obj, "id", n->id);
  json_object_set_string_member (obj, "kind", n->kind);
  json_object_set_string_member (obj, "subject_type", n->subject_type);
  json_object_set_int_member (obj, "subject_id", n->subject_id);
  json_object_set_string_member (obj, "period", n->period);
  ts_json_set_date_or_null (obj, "due_on", n->due_on);
  json_object_set_string_member (obj, "message", message);
  ts_json_set_date_or_null (obj, "created_on", n->created_on);
  ts_json_set_timestamp (obj, "created_at", n->created_at);
  ts_json_set_timestamp (obj, "read_at", n->read_at);
  return obj;
}

static gboolean
query_bool (TsRequest *req, const char *name, gboolean *out)
{
  const char *text = ts_request_query (req, name);

  *out = FALSE;
  if (text == NULL || strcmp (text, "false") == 0)
    return TRUE;
  if (strcmp (text, "true") == 0)
    {
      *out = TRUE;
      return TRUE;
    }
  ts_field_errors_add (req->ctx->errors, name, N_("Must be true or false"));
  return FALSE;
}

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = { "unread", "limit", "cursor", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) notices = NULL;
  g_autoptr(JsonObject) obj = NULL;
  JsonArray *items;
  gboolean unread = FALSE;
  gint64 before = 0, unread_count = 0;
  int limit;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  query_bool (req, "unread", &unread);
  limit = ts_request_query_limit (req, TS_NOTICE_LIST_DEFAULT, TS_NOTICE_LIST_MAX);
  ts_request_query_cursor (req, 'n', &before);
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  notices = ts_service_notice_list (req->service, req->ctx, unread, before, (guint) limit,
                                    &unread_count, &error);
  if (notices == NULL)
    goto fail;
  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < notices->len; i++)
    json_array_add_object_element (items,
                                   notice_to_json (&g_array_index (notices, TsNoticeRecord, i),
                                                   req->ctx->language));
  json_object_set_array_member (obj, "notices", items);
  json_object_set_int_member (obj, "unread_count", unread_count);
  ts_json_set_cursor (obj, 'n', notices->len == (guint) limit
                                  ? g_array_index (notices, TsNoticeRecord, notices->len - 1).id
                                  : 0);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_read (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree TsNoticeRecord *notice = NULL;

  if (!ts_request_check_query (req, NULL, &error) ||
      (notice = ts_service_notice_mark_read (req->service, req->ctx, req->params[0],
                                             &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, notice_to_json (notice, req->ctx->language));
}

static JsonObject *
mail_to_json (const TsMailItem *m, TsLanguage lang)
{
  JsonObject *obj = json_object_new ();
  const char *status = m->sent_at > 0 ? "sent" : m->attempts > 0 ? "failed" : "pending";

  json_object_set_int_member (obj, "id", m->id);
  json_object_set_string_member (obj, "status", status);
  json_object_set_string_member (obj, "address", m->address);
  json_object_set_int_member (obj, "attempts", m->attempts);
  if (m->sent_at > 0)
    json_object_set_null_member (obj, "next_attempt_at");
  else
    ts_json_set_timestamp (obj, "next_attempt_at", m->next_attempt_at);
  ts_json_set_string_or_null (obj, "last_error", m->last_error);
  ts_json_set_timestamp (obj, "sent_at", m->sent_at);
  ts_json_set_timestamp (obj, "created_at", m->created_at);
  json_object_set_object_member (obj, "notice", notice_to_json (&m->notice, lang));
  return obj;
}

static void
handle_outbox (TsRequest *req)
{
  static const char *const allowed[] = { "status", "limit", "cursor", NULL };
  static const char *const statuses[] = { "pending", "failed", "sent", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) obj = NULL;
  const char *status = ts_request_query (req, "status");
  JsonArray *list;
  gint64 before = 0;
  int limit;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  if (status != NULL && !g_strv_contains (statuses, status))
    ts_field_errors_add (req->ctx->errors, "status", N_("Must be one of pending, failed, sent"));
  limit = ts_request_query_limit (req, TS_NOTICE_LIST_DEFAULT, TS_NOTICE_LIST_MAX);
  ts_request_query_cursor (req, 'm', &before);
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  items = ts_service_mail_outbox (req->service, req->ctx, status, before, (guint) limit, &error);
  if (items == NULL)
    goto fail;
  obj = json_object_new ();
  list = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (list, mail_to_json (items->pdata[i], req->ctx->language));
  json_object_set_array_member (obj, "messages", list);
  ts_json_set_cursor (obj, 'm', items->len == (guint) limit
                                  ? ((TsMailItem *) items->pdata[items->len - 1])->id : 0);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_notices (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/notices", TS_ROLE_ANY, 0, handle_list, "listNotices", NULL },
    { "POST", "/v1/notices/{id}/read", TS_ROLE_ANY, 0, handle_read,
      "readNotice", NULL },
    { "GET", "/v1/mail-outbox", TS_ROLE_ADMIN, 0, handle_outbox, "listMailOutbox", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
