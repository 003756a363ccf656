/*
 * GET /v1/audit/training?on=DATE: training compliance (SPEC 2.5), as JSON or,
 * with Accept: text/csv, as a spreadsheet for the prefecture's staff.
 *
 * The CSV is a Japanese document whatever the Accept-Language: UTF-8 with a
 * byte order mark (so that Excel does not read it as Shift_JIS), CRLF line
 * ends (RFC 4180) and fixed Japanese headers.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/date.h"
#include "core/json.h"
#include "http/query.h"
#include "http/negotiate.h"
#include "service/csv.h"
#include "service/training-audit.h"

/* Declared here until http/route.h lists it with the other groups. */

static JsonObject *
counts_to_json (const TsQualificationCounts *c)
{
  JsonObject *obj = json_object_new ();
  json_object_set_int_member (obj, "total", c->total);
  json_object_set_int_member (obj, "valid", c->valid);
  json_object_set_int_member (obj, "due_soon", c->due_soon);
  json_object_set_int_member (obj, "lapsed", c->lapsed);
  json_object_set_int_member (obj, "untrained", c->untrained);
  return obj;
}

static JsonArray *
entries_to_json (GPtrArray *entries)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      const TsTrainingAuditEntry *e = entries->pdata[i];
      JsonObject *obj = json_object_new ();

      json_object_set_int_member (obj, "id", e->id);
      json_object_set_int_member (obj, "organisation_id", e->organisation_id);
      ts_json_set_string_or_null (obj, "code", e->code);
      json_object_set_string_member (obj, "name", e->name);
      json_object_set_string_member (obj, "status", ts_supporter_status_to_string (e->status));
      json_object_set_string_member (obj, "municipality_code", e->municipality_code);
      ts_json_set_string_or_null (obj, "municipality_name", e->municipality_name);
      json_object_set_string_member (obj, "qualification",
                                     ts_qualification_status_to_string (e->qualification.status));
      ts_json_set_date_or_null (obj, "last_training_on", e->qualification.last_training_on);
      ts_json_set_date_or_null (obj, "follow_up_due_on", e->qualification.follow_up_due_on);
      json_array_add_object_element (arr, obj);
    }
  return arr;
}

/* SPEC 2.6: the organisations audited (an auditor's own and every one
 * below it), each with its roster's counts, by id. */
static JsonArray *
organisations_to_json (GPtrArray *organisations)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < organisations->len; i++)
    {
      const TsTrainingAuditOrganisation *o = organisations->pdata[i];
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", o->organisation_id);
      ts_json_set_string_or_null (item, "name", o->name);
      json_object_set_object_member (item, "counts", counts_to_json (&o->counts));
      json_array_add_object_element (arr, item);
    }
  return arr;
}

static JsonObject *
audit_to_json (const TsTrainingAudit *audit)
{
  JsonObject *obj = json_object_new ();
  JsonArray *places = json_array_new ();

  ts_json_set_date_or_null (obj, "on", audit->on);
  json_object_set_string_member (obj, "roster", "registered_and_suspended");
  json_object_set_object_member (obj, "counts", counts_to_json (&audit->counts));
  for (guint i = 0; i < audit->places->len; i++)
    {
      const TsTrainingAuditPlace *p = audit->places->pdata[i];
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "municipality_code", p->municipality_code);
      ts_json_set_string_or_null (item, "municipality_name", p->municipality_name);
      ts_json_set_string_or_null (item, "prefecture_name", p->prefecture_name);
      json_object_set_object_member (item, "counts", counts_to_json (&p->counts));
      json_array_add_object_element (places, item);
    }
  json_object_set_array_member (obj, "municipalities", places);
  json_object_set_array_member (obj, "organisations", organisations_to_json (audit->organisations));
  json_object_set_array_member (obj, "lapsed", entries_to_json (audit->lapsed));
  json_object_set_array_member (obj, "due_soon", entries_to_json (audit->due_soon));
  return obj;
}

/* ---- CSV -------------------------------------------------------------- */

static const char *
status_ja (TsQualificationStatus status)
{
  switch (status)
    {
    case TS_QUALIFICATION_VALID:
      return "有効";
    case TS_QUALIFICATION_DUE_SOON:
      return "期限間近";
    case TS_QUALIFICATION_LAPSED:
      return "失効";
    case TS_QUALIFICATION_UNTRAINED:
    default:
      return "未受講";
    }
}

static void
csv_entries (GString *out, GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const TsTrainingAuditEntry *e = entries->pdata[i];

      ts_csv_field (out, e->code, TRUE);
      ts_csv_field (out, e->name, FALSE);
      ts_csv_field (out, e->municipality_code, FALSE);
      ts_csv_field (out, e->municipality_name, FALSE);
      ts_csv_field (out, status_ja (e->qualification.status), FALSE);
      ts_csv_date (out, e->qualification.last_training_on);
      ts_csv_date (out, e->qualification.follow_up_due_on);
      ts_csv_end_row (out);
    }
}

static void
csv_counts (GString *out, const TsQualificationCounts *c)
{
  ts_csv_int (out, c->total);
  ts_csv_int (out, c->valid);
  ts_csv_int (out, c->due_soon);
  ts_csv_int (out, c->lapsed);
  ts_csv_int (out, c->untrained);
  ts_csv_end_row (out);
}

/* The totals, after an empty line: the date of the count, then the roster
 * by qualification. */
static void
csv_totals (GString *out, const TsTrainingAudit *audit)
{
  char on[11];

  ts_date_format (audit->on, on);
  ts_csv_end_row (out);
  g_string_append (out, "基準日,合計,有効,期限間近,失効,未受講\r\n");
  ts_csv_field (out, on, TRUE);
  csv_counts (out, &audit->counts);
}

/* table=supporters (default): one row per lapsed or due-soon supporter,
 * lapsed first, by supporter number (the internal id is not shown); then
 * the totals.  table=municipalities: the counts per municipality, then the
 * totals.  The totals come after an empty line, apart from the data rows. */
static GBytes *
audit_to_csv (const TsTrainingAudit *audit, gboolean municipalities)
{
  GString *out;

  if (!municipalities)
    {
      out = ts_csv_new ("サポーター番号,氏名,市区町村コード,市区町村,状態,最終研修日,フォローアップ期限");
      csv_entries (out, audit->lapsed);
      csv_entries (out, audit->due_soon);
    }
  else
    {
      out = ts_csv_new ("市区町村コード,市区町村,都道府県,合計,有効,期限間近,失効,未受講");
      for (guint i = 0; i < audit->places->len; i++)
        {
          const TsTrainingAuditPlace *p = audit->places->pdata[i];
          ts_csv_field (out, p->municipality_code, TRUE);
          ts_csv_field (out, p->municipality_name, FALSE);
          ts_csv_field (out, p->prefecture_name, FALSE);
          csv_counts (out, &p->counts);
        }
    }
  csv_totals (out, audit);
  return g_string_free_to_bytes (out);
}

/* ---- handler ---------------------------------------------------------- */

static void
handle_training_audit (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsTrainingAudit) audit = NULL;
  static const char *const allowed[] = { "on", "table", NULL };
  const char *table = ts_request_query (req, "table");
  TsDate on;

  if (!ts_request_check_query (req, allowed, &error))
    {
      ts_request_reply_error (req, error);
      return;
    }
  on = ts_request_query_date (req, "on");
  if (table != NULL && !g_str_equal (table, "supporters") && !g_str_equal (table, "municipalities"))
    ts_field_errors_add (req->ctx->errors, "table", N_("Must be supporters or municipalities"));
  if (!ts_field_errors_check (req->ctx->errors, &error) ||
      (audit = ts_service_training_audit (req->service, req->ctx, on, &error)) == NULL)
    {
      ts_request_reply_error (req, error);
      return;
    }

  ts_request_add_header (req, "Vary", "Accept");
  if (ts_request_accepts_csv (req))
    {
      g_autoptr(GBytes) csv = audit_to_csv (audit, table != NULL &&
                                            g_str_equal (table, "municipalities"));
      gboolean by_place = table != NULL && g_str_equal (table, "municipalities");
      char date[11];
      g_autofree char *ascii = NULL;
      g_autofree char *name = NULL;

      ts_date_format (audit->on, date);
      ascii = g_strdup_printf ("training-audit-%s%s.csv", date, by_place ? "-municipalities" : "");
      name = g_strdup_printf ("研修状況_%s%s.csv", by_place ? "市区町村別_" : "", date);
      ts_request_reply_csv (req, csv, ascii, name);
      return;
    }
  ts_request_reply_object (req, SOUP_STATUS_OK, audit_to_json (audit));
}

void
ts_routes_training_audit (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/v1/audit/training", TS_ROLE_AUDITOR | TS_ROLE_ADMIN, 0, handle_training_audit,
      "getTrainingAudit", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
