/*
 * GET /v1/audit/log: the entries in the caller's scope (SPEC 2.6), oldest
 * first, a page at a time, optionally only those of the days from/to; with
 * Accept: text/csv, the same entries as a spreadsheet (issue 14).
 * GET /v1/audit/log/verify: recomputes the audit log's hash chain.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "http/query.h"
#include "service/audit.h"
#include "http/negotiate.h"
#include "service/csv.h"

/* The list's cursors ("l" for log); a cursor of another list is refused. */
#define CURSOR_KIND 'l'

static JsonObject *
entry_to_json (const TsAuditRecord *e)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "seq", e->seq);
  ts_json_set_timestamp (obj, "at", e->at);
  ts_json_set_id_or_null (obj, "user_id", e->user_id);
  ts_json_set_string_or_null (obj, "role", e->role);
  ts_json_set_string_or_null (obj, "action", e->action);
  ts_json_set_string_or_null (obj, "object", e->object);
  ts_json_set_id_or_null (obj, "object_id", e->object_id);
  ts_json_set_string_or_null (obj, "request_id", e->request_id);
  ts_json_set_id_or_null (obj, "organisation_id", e->organisation_id);
  return obj;
}

/* ---- CSV -------------------------------------------------------------- */

static const char *
role_ja (const char *role)
{
  static const char *const names[][2] = {
    { "admin", "管理者" },
    { "coordinator", "コーディネーター" },
    { "auditor", "監査担当" },
    { "supporter", "サポーター" },
    { "host", "職親" },
  };

  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (role, names[i][0]))
      return names[i][1];
  return role;
}

/* A row per entry: its number (the one verify names), when in Asia/Tokyo,
 * who (role and user number), what (action, kind of object and its
 * number) and the organisation.  Then, after an empty line, the count,
 * the first and last numbers, and whether more entries follow (the next
 * document starts after the last number: ?cursor=). */
static GBytes *
log_to_csv (GArray *entries, guint shown, gboolean more)
{
  GString *out = ts_csv_new ("番号,日時,役割,利用者ID,操作,対象,対象ID,組織ID");

  for (guint i = 0; i < shown; i++)
    {
      const TsAuditRecord *e = &g_array_index (entries, TsAuditRecord, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT, e->seq);
      ts_csv_timestamp (out, e->at);
      ts_csv_field (out, role_ja (e->role), FALSE);
      if (e->user_id > 0)
        ts_csv_int (out, e->user_id);
      else
        ts_csv_field (out, NULL, FALSE);
      ts_csv_field (out, e->action, FALSE);
      ts_csv_field (out, e->object, FALSE);
      if (e->object_id > 0)
        ts_csv_int (out, e->object_id);
      else
        ts_csv_field (out, NULL, FALSE);
      if (e->organisation_id > 0)
        ts_csv_int (out, e->organisation_id);
      else
        ts_csv_field (out, NULL, FALSE);
      ts_csv_end_row (out);
    }
  ts_csv_end_row (out);
  g_string_append (out, "件数,最初の番号,最後の番号,続き\r\n");
  g_string_append_printf (out, "%u", shown);
  if (shown > 0)
    {
      ts_csv_int (out, g_array_index (entries, TsAuditRecord, 0).seq);
      ts_csv_int (out, g_array_index (entries, TsAuditRecord, shown - 1).seq);
    }
  else
    g_string_append (out, ",,");
  ts_csv_field (out, more ? "あり" : "なし", FALSE);
  ts_csv_end_row (out);
  return g_string_free_to_bytes (out);
}

static void
reply_csv (TsRequest *req, GArray *entries, guint shown, gboolean more, TsDate from, TsDate to)
{
  g_autoptr(GBytes) csv = log_to_csv (entries, shown, more);
  char first[11] = "", last[11] = "";
  g_autofree char *range = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *name = NULL;

  /* Named after its days: those asked for, else the first entry's to
   * today. */
  if (from == TS_DATE_NONE)
    from = shown > 0 ? ts_date_from_unix (g_array_index (entries, TsAuditRecord, 0).at)
                     : ts_date_today ();
  ts_date_format (from, first);
  ts_date_format (to != TS_DATE_NONE ? to : ts_date_today (), last);
  range = g_strdup_printf ("%s_%s", first, last);
  ascii = g_strdup_printf ("audit-log-%s.csv", range);
  name = g_strdup_printf ("監査ログ_%s.csv", range);
  ts_request_reply_csv (req, csv, ascii, name);
}

/* ---- handlers --------------------------------------------------------- */

static void
handle_list (TsRequest *req)
{
  static const char *const allowed[] = { "cursor", "limit", "from", "to", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(JsonObject) obj = NULL;
  JsonArray *items;
  gboolean csv = ts_request_accepts_csv (req);
  gint64 after = 0;
  TsDate from, to;
  int limit;
  guint shown;

  if (!ts_request_check_query (req, allowed, &error))
    goto fail;
  ts_request_query_cursor (req, CURSOR_KIND, &after);
  /* A document holds many more entries than a page. */
  limit = csv ? ts_request_query_limit (req, TS_AUDIT_CSV_MAX, TS_AUDIT_CSV_MAX)
              : ts_request_query_limit (req, TS_AUDIT_LIST_DEFAULT, TS_AUDIT_LIST_MAX);
  from = ts_request_query_date (req, "from");
  to = ts_request_query_date (req, "to");
  if (!ts_field_errors_check (req->ctx->errors, &error))
    goto fail;
  /* One more than the page: whether there is a next one. */
  entries = ts_service_audit_list (req->service, req->ctx, after, from, to, (guint) limit + 1,
                                   &error);
  if (entries == NULL)
    goto fail;
  shown = MIN (entries->len, (guint) limit);
  ts_request_add_header (req, "Vary", "Accept");
  if (csv)
    {
      reply_csv (req, entries, shown, entries->len > shown, from, to);
      return;
    }
  obj = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < shown; i++)
    json_array_add_object_element (items, entry_to_json (&g_array_index (entries, TsAuditRecord, i)));
  json_object_set_array_member (obj, "entries", items);
  ts_json_set_cursor (obj, CURSOR_KIND, entries->len > shown
                                          ? g_array_index (entries, TsAuditRecord, shown - 1).seq
                                          : 0);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
  return;

fail:
  ts_request_reply_error (req, error);
}

static void
handle_verify (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obj = NULL;
  TsAuditVerification v;

  if (!ts_service_audit_verify (req->service, req->ctx, &v, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  obj = json_object_new ();
  json_object_set_boolean_member (obj, "ok", v.ok);
  json_object_set_int_member (obj, "entries", v.entries);
  if (v.ok)
    json_object_set_null_member (obj, "first_bad_seq");
  else
    json_object_set_int_member (obj, "first_bad_seq", v.first_bad_seq);
  ts_request_reply_object (req, SOUP_STATUS_OK, g_steal_pointer (&obj));
}

void
ts_routes_audit (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/audit/log", TS_ROLE_AUDITOR | TS_ROLE_ADMIN, 0, handle_list, "listAuditLog", NULL },
    { "GET", "/v1/audit/log/verify", TS_ROLE_AUDITOR | TS_ROLE_ADMIN, 0, handle_verify, "verifyAuditLog", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
