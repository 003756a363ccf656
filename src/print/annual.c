/*
 * The annual report: print/annual.h.
 */
#include "print/annual.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/i18n.h"
#include "domain/fiscal.h"
#include "print/document.h"
#include "print/documents.h"

typedef struct {
  TsPrintDocument *doc;
  GPtrArray       *cells;       /* char*, the table being built */
  gboolean         suppressed;  /* an X was printed */
} Report;

static const struct {
  const char *code;
  const char *name;
} names[] = {
  /* contact methods (ts_contact_method_vocabulary) */
  { "phone", "電話" }, { "email", "メール" }, { "online", "オンライン" },
  { "office_visit", "来所" }, { "home_visit", "訪問" }, { "accompany", "同行" },
  { "letter", "手紙" }, { "other", "その他" },
  /* age bands */
  { "10s", "10代" }, { "20s", "20代" }, { "30s", "30代" }, { "40s", "40代" },
  { "50s_plus", "50代以上" }, { "unknown", "年齢不明" },
  /* event kinds (ts_event_kind_vocabulary) */
  { "ibasho", "居場所" }, { "family_meeting", "家族会" },
  { "supporter_meeting", "サポーター例会" }, { "lecture", "講演会" },
  { "training_day", "研修日" }, { "consultation_day", "相談日" },
  { "seminar", "家族セミナー" },
};

static const char *
name_ja (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (code, names[i].code) == 0)
      return names[i].name;
  return code != NULL ? code : "";
}

/* ---- reading the statistics ------------------------------------------- */

static JsonArray *
array_of (JsonObject *obj, const char *member)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_of (JsonObject *obj, const char *member)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
row_of (JsonArray *arr, guint i)
{
  JsonNode *node = json_array_get_element (arr, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_of (JsonObject *obj, const char *member)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* The number of a cell: NAN when suppressed (null) or missing. */
static double
number_of (JsonObject *obj, const char *member)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return NAN;
    }
}

static gboolean
is_null (JsonObject *obj, const char *member)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

/* What a cell shows of a statistics row's member: a number (COUNT, YEN,
 * HOURS from minutes), a text as it is, or an activity kind in Japanese. */
typedef enum { COUNT, YEN, HOURS, TEXT, ACTIVITY_KIND } CellKind;

typedef struct {
  const char *member;
  CellKind    kind;
} Cell;

/* A cell's text: X for a suppressed one, "" for a missing one. */
static void
add_number (Report *r, JsonObject *obj, const char *member, CellKind kind)
{
  double v = number_of (obj, member);

  if (is_null (obj, member))
    {
      r->suppressed = TRUE;
      g_ptr_array_add (r->cells, g_strdup (TS_PRINT_SUPPRESSED));
    }
  else if (isnan (v))
    g_ptr_array_add (r->cells, g_strdup (""));
  else if (kind == YEN)
    g_ptr_array_add (r->cells, ts_print_format_yen ((gint64) v));
  else if (kind == HOURS)
    g_ptr_array_add (r->cells, g_strdup_printf ("%.1f", v / 60.0));
  else
    g_ptr_array_add (r->cells, ts_print_format_int ((gint64) v));
}

static void
add_text (Report *r, const char *text)
{
  g_ptr_array_add (r->cells, g_strdup (text != NULL ? text : ""));
}

static void
add_cell (Report *r, JsonObject *row, const Cell *cell)
{
  if (cell->kind == TEXT)
    add_text (r, string_of (row, cell->member));
  else if (cell->kind == ACTIVITY_KIND)
    add_text (r, ts_print_activity_kind_ja (string_of (row, cell->member)));
  else
    add_number (r, row, cell->member, cell->kind);
}

static void
table_done (Report *r, const TsPrintColumn *columns, guint n_columns, TsPrintTableFlags flags)
{
  guint n_rows = r->cells->len / n_columns;

  ts_print_document_table (r->doc, columns, n_columns, (const char *const *) r->cells->pdata,
                           n_rows, flags);
  g_ptr_array_set_size (r->cells, 0);
}

static char *
month_label (const char *month)
{
  int y, m;

  if (month == NULL || sscanf (month, "%d-%d", &y, &m) != 2)
    return g_strdup (month != NULL ? month : "");
  return g_strdup_printf ("%d月", m);
}

/* ---- the sections ------------------------------------------------------ */

static void
title_page (Report *r, JsonObject *st, const char *label)
{
  TsPrintDocument *doc = r->doc;
  JsonArray *orgs = array_of (st, "organisations");
  JsonObject *suppression = object_of (st, "suppression");
  g_autoptr(GString) who = g_string_new ("");
  g_autofree char *title = g_strdup_printf ("%s\nひきこもり支援事業 年次報告書", label);
  TsDate from = TS_DATE_NONE, to = TS_DATE_NONE;

  ts_print_document_set_y (doc, 90 * TS_PRINT_MM);
  ts_print_document_title (doc, title);
  if (ts_date_parse (string_of (st, "from"), &from) && ts_date_parse (string_of (st, "to"), &to))
    {
      g_autofree char *a = ts_wareki_date (from), *b = ts_wareki_date (to);
      g_autofree char *period = g_strdup_printf ("対象期間　%s～%s", a, b);
      ts_print_document_paragraph (doc, TS_PRINT_STYLE_LARGE, TS_PRINT_ALIGN_CENTER, period);
    }
  ts_print_document_space (doc, 30 * TS_PRINT_MM);
  for (guint i = 0; orgs != NULL && i < json_array_get_length (orgs); i++)
    g_string_append_printf (who, "%s%s", i > 0 ? "\n" : "", string_of (row_of (orgs, i), "name"));
  if (who->len > 0)
    ts_print_document_paragraph (doc, TS_PRINT_STYLE_LARGE, TS_PRINT_ALIGN_CENTER, who->str);
  if (suppression != NULL && json_object_get_boolean_member_with_default (suppression, "applied",
                                                                          FALSE))
    {
      g_autofree char *note = g_strdup_printf (
        "この報告書は、個人が特定されないよう、%d未満の値を秘匿（X）しています。",
        (int) json_object_get_int_member_with_default (suppression, "threshold", 3));
      ts_print_document_space (doc, 20 * TS_PRINT_MM);
      ts_print_document_paragraph (doc, TS_PRINT_STYLE_BODY, TS_PRINT_ALIGN_CENTER, note);
    }
  ts_print_document_new_page (doc);
}

static void
years_table (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "年度", 0.2, TS_PRINT_ALIGN_LEFT },       { "延べ相談件数", 0.16, TS_PRINT_ALIGN_RIGHT },
    { "新規相談件数", 0.16, TS_PRINT_ALIGN_RIGHT }, { "新規：当事者", 0.16, TS_PRINT_ALIGN_RIGHT },
    { "新規：家族", 0.16, TS_PRINT_ALIGN_RIGHT },   { "新規：その他", 0.16, TS_PRINT_ALIGN_RIGHT },
  };
  JsonArray *years = array_of (st, "years");

  ts_print_document_heading (r->doc, "1　相談実績（3か年）");
  for (guint i = 0; years != NULL && i < json_array_get_length (years); i++)
    {
      JsonObject *y = row_of (years, i);
      JsonObject *by = object_of (y, "first_by_contactor");

      add_text (r, string_of (y, "label"));
      add_number (r, y, "contacts", COUNT);
      add_number (r, y, "first_contacts", COUNT);
      add_number (r, by, "self", COUNT);
      add_number (r, by, "family", COUNT);
      add_number (r, by, "other", COUNT);
    }
  table_done (r, columns, G_N_ELEMENTS (columns), 0);
}

static void
months_section (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "月", 0.2, TS_PRINT_ALIGN_LEFT },
    { "延べ相談件数", 0.4, TS_PRINT_ALIGN_RIGHT },
    { "うち新規", 0.4, TS_PRINT_ALIGN_RIGHT },
  };
  JsonArray *months = array_of (st, "contacts_by_month");
  guint n = months != NULL ? json_array_get_length (months) : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *total = g_new0 (double, MAX (n, 1));
  g_autofree double *first = g_new0 (double, MAX (n, 1));

  ts_print_document_heading (r->doc, "2　月別相談件数");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *m = row_of (months, i);

      g_ptr_array_add (labels, month_label (string_of (m, "month")));
      add_text (r, labels->pdata[i]);
      add_number (r, m, "total", COUNT);
      add_number (r, m, "first", COUNT);
      total[i] = number_of (m, "total");
      first[i] = number_of (m, "first");
    }
  table_done (r, columns, G_N_ELEMENTS (columns), 0);
  if (n > 0)
    {
      TsPrintSeries series[] = { { "延べ相談件数", total, FALSE }, { "うち新規", first, FALSE } };
      ts_print_document_chart (r->doc, TS_PRINT_CHART_BARS, "図1　月別相談件数", "件",
                               (const char *const *) labels->pdata, n, series,
                               G_N_ELEMENTS (series), 210);
    }
}

/* A table of counts: a row per element of the statistics' @table (its
 * @key named in Japanese) with the @members' counts, then the 計 row from
 * totals.@table.  The first column is the key's; one column a member. */
static void
counts_table (Report *r, JsonObject *st, const char *table, const char *key,
              const char *const *members, const TsPrintColumn *columns, guint n_columns)
{
  JsonArray *rows = array_of (st, table);
  JsonObject *totals = object_of (object_of (st, "totals"), table);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *m = row_of (rows, i);
      add_text (r, name_ja (string_of (m, key)));
      for (guint c = 0; c + 1 < n_columns; c++)
        add_number (r, m, members[c], COUNT);
    }
  add_text (r, "計");
  for (guint c = 0; c + 1 < n_columns; c++)
    add_number (r, totals, members[c], COUNT);
  table_done (r, columns, n_columns, TS_PRINT_TABLE_TOTAL_ROW);
}

/* A table of a row per element of the statistics' @table, the cell of
 * @cells[c] in column c. */
static void
rows_table (Report *r, JsonObject *st, const char *table, const Cell *cells,
            const TsPrintColumn *columns, guint n_columns)
{
  JsonArray *rows = array_of (st, table);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *m = row_of (rows, i);

      for (guint c = 0; c < n_columns; c++)
        add_cell (r, m, &cells[c]);
    }
  table_done (r, columns, n_columns, 0);
}

static void
methods_table (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "相談方法", 0.3, TS_PRINT_ALIGN_LEFT },
    { "延べ相談件数", 0.35, TS_PRINT_ALIGN_RIGHT },
    { "うち新規", 0.35, TS_PRINT_ALIGN_RIGHT },
  };
  static const char *const members[] = { "total", "first" };

  ts_print_document_heading (r->doc, "3　相談方法別件数");
  counts_table (r, st, "contacts_by_method", "method", members, columns, G_N_ELEMENTS (columns));
}

static void
contactors_table (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "相談方法", 0.16, TS_PRINT_ALIGN_LEFT },  { "当事者", 0.12, TS_PRINT_ALIGN_RIGHT },
    { "うち50歳以上", 0.12, TS_PRINT_ALIGN_RIGHT }, { "親", 0.12, TS_PRINT_ALIGN_RIGHT },
    { "うち80歳以上", 0.12, TS_PRINT_ALIGN_RIGHT }, { "きょうだい", 0.12, TS_PRINT_ALIGN_RIGHT },
    { "そのほか、不明等", 0.12, TS_PRINT_ALIGN_RIGHT }, { "計", 0.12, TS_PRINT_ALIGN_RIGHT },
  };
  static const char *const members[] = {
    "self", "self_50_plus", "parent", "parent_80_plus", "sibling", "other", "total",
  };

  ts_print_document_heading (r->doc, "4　新規相談　初回相談の相談者");
  counts_table (r, st, "first_contacts_by_contactor", "method", members, columns,
                G_N_ELEMENTS (columns));
}

static void
persons_section (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "年代", 0.2, TS_PRINT_ALIGN_LEFT },  { "男性", 0.16, TS_PRINT_ALIGN_RIGHT },
    { "女性", 0.16, TS_PRINT_ALIGN_RIGHT }, { "その他", 0.16, TS_PRINT_ALIGN_RIGHT },
    { "不明", 0.16, TS_PRINT_ALIGN_RIGHT }, { "計", 0.16, TS_PRINT_ALIGN_RIGHT },
  };
  static const char *const members[] = { "male", "female", "other", "unknown", "total" };
  static const char *const series_names[] = { "男性", "女性", "その他", "不明" };
  JsonArray *rows = array_of (st, "persons_by_age_gender");
  JsonObject *totals = object_of (object_of (st, "totals"), "persons_by_age_gender");
  guint n = rows != NULL ? json_array_get_length (rows) : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *values = g_new0 (double, 4 * MAX (n, 1));
  TsPrintSeries series[4];

  ts_print_document_heading (r->doc, "5　実相談人数（年代・性別）");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *m = row_of (rows, i);
      const char *label = name_ja (string_of (m, "age_band"));

      g_ptr_array_add (labels, (gpointer) label);
      add_text (r, label);
      for (guint c = 0; c < G_N_ELEMENTS (members); c++)
        add_number (r, m, members[c], COUNT);
      for (guint s = 0; s < 4; s++)
        values[s * n + i] = number_of (m, members[s]);
    }
  add_text (r, "計");
  for (guint c = 0; c < G_N_ELEMENTS (members); c++)
    add_number (r, totals, members[c], COUNT);
  table_done (r, columns, G_N_ELEMENTS (columns), TS_PRINT_TABLE_TOTAL_ROW);
  if (n == 0)
    return;
  for (guint s = 0; s < 4; s++)
    series[s] = (TsPrintSeries) { series_names[s], values + s * n, FALSE };
  ts_print_document_chart (r->doc, TS_PRINT_CHART_BARS, "図2　実相談人数（年代・性別）", "人",
                           (const char *const *) labels->pdata, n, series, 4, 210);
}

static void
supporters_table (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "市町村", 0.28, TS_PRINT_ALIGN_LEFT },      { "登録者数", 0.18, TS_PRINT_ALIGN_RIGHT },
    { "研修修了者数", 0.18, TS_PRINT_ALIGN_RIGHT }, { "更新期限", 0.18, TS_PRINT_ALIGN_RIGHT },
    { "失効", 0.18, TS_PRINT_ALIGN_RIGHT },
  };
  static const Cell cells[] = {
    { "municipality_name", TEXT }, { "registered", COUNT },   { "trained", COUNT },
    { "follow_up_due", COUNT },    { "lapsed", COUNT },
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (columns));

  ts_print_document_heading (r->doc, "6　サポーター（市町村別、年度末）");
  rows_table (r, st, "supporters_by_municipality", cells, columns, G_N_ELEMENTS (columns));
}

static void
activities_table (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "市町村", 0.24, TS_PRINT_ALIGN_LEFT }, { "活動の種類", 0.18, TS_PRINT_ALIGN_LEFT },
    { "件数", 0.16, TS_PRINT_ALIGN_RIGHT },  { "時間", 0.18, TS_PRINT_ALIGN_RIGHT },
    { "謝礼", 0.24, TS_PRINT_ALIGN_RIGHT },
  };
  static const Cell cells[] = {
    { "municipality_name", TEXT }, { "kind", ACTIVITY_KIND },   { "count", COUNT },
    { "minutes", HOURS },          { "honoraria_yen", YEN },
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (columns));

  ts_print_document_heading (r->doc, "7　サポーターの活動（市町村・種類別）");
  rows_table (r, st, "activities_by_municipality_kind", cells, columns, G_N_ELEMENTS (columns));
}

static void
placements_table (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "職親", 0.3, TS_PRINT_ALIGN_LEFT },     { "参加者", 0.12, TS_PRINT_ALIGN_RIGHT },
    { "延べ日数", 0.12, TS_PRINT_ALIGN_RIGHT }, { "短期", 0.12, TS_PRINT_ALIGN_RIGHT },
    { "定期", 0.12, TS_PRINT_ALIGN_RIGHT },     { "謝金", 0.22, TS_PRINT_ALIGN_RIGHT },
  };
  static const Cell cells[] = {
    { "host_name", TEXT }, { "participants", COUNT }, { "days", COUNT },
    { "short", COUNT },    { "regular", COUNT },      { "stipends_yen", YEN },
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (columns));

  ts_print_document_heading (r->doc, "8　職親の受入（職親別）");
  rows_table (r, st, "placements_by_host", cells, columns, G_N_ELEMENTS (columns));
}

/* 行事・居場所 by kind: 延べ参加者数 = 本人 + 家族 + 関係者 (SPEC 2.8). */
static void
events_table (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "種別", 0.2, TS_PRINT_ALIGN_LEFT },          { "回数", 0.12, TS_PRINT_ALIGN_RIGHT },
    { "本人", 0.12, TS_PRINT_ALIGN_RIGHT },        { "家族", 0.12, TS_PRINT_ALIGN_RIGHT },
    { "関係者", 0.12, TS_PRINT_ALIGN_RIGHT },      { "延べ参加者数", 0.18, TS_PRINT_ALIGN_RIGHT },
    { "サポーター", 0.14, TS_PRINT_ALIGN_RIGHT },
  };
  static const char *const members[] = { "events", "self", "family", "other", "participants",
                                         "supporters" };

  if (array_of (st, "events_by_kind") == NULL)
    return;             /* statistics from before the table existed */
  ts_print_document_heading (r->doc, "9　行事・居場所の参加者（種別）");
  counts_table (r, st, "events_by_kind", "kind", members, columns, G_N_ELEMENTS (columns));
}

static void
budget_section (Report *r, JsonObject *st)
{
  static const TsPrintColumn columns[] = {
    { "月", 0.2, TS_PRINT_ALIGN_LEFT },
    { "支払額", 0.27, TS_PRINT_ALIGN_RIGHT },
    { "累計", 0.27, TS_PRINT_ALIGN_RIGHT },
    { "執行率", 0.26, TS_PRINT_ALIGN_RIGHT },
  };
  JsonObject *budget = object_of (st, "budget");
  JsonArray *months = array_of (budget, "months");
  double budget_yen = number_of (budget, "budget_yen");
  guint n = months != NULL ? json_array_get_length (months) : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *cumulative = g_new0 (double, MAX (n, 1));
  g_autofree double *line = g_new0 (double, MAX (n, 1));
  g_autofree char *head = NULL;

  ts_print_document_heading (r->doc, "10　予算の執行");
  if (!isnan (budget_yen))
    {
      g_autofree char *yen = ts_print_format_yen ((gint64) budget_yen);
      head = g_strdup_printf ("予算額　%s", yen);
    }
  else
    head = g_strdup ("予算額　未設定");
  ts_print_document_paragraph (r->doc, TS_PRINT_STYLE_LABEL, TS_PRINT_ALIGN_LEFT, head);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *m = row_of (months, i);
      double cum = number_of (m, "cumulative_yen");

      g_ptr_array_add (labels, month_label (string_of (m, "month")));
      add_text (r, labels->pdata[i]);
      add_number (r, m, "paid_yen", YEN);
      add_number (r, m, "cumulative_yen", YEN);
      if (!isnan (budget_yen) && budget_yen > 0 && !isnan (cum))
        g_ptr_array_add (r->cells, g_strdup_printf ("%.1f%%", 100.0 * cum / budget_yen));
      else
        add_text (r, "—");
      cumulative[i] = isnan (cum) ? NAN : cum / 10000.0;
      line[i] = isnan (budget_yen) ? NAN : budget_yen / 10000.0;
    }
  table_done (r, columns, G_N_ELEMENTS (columns), 0);
  if (n > 0)
    {
      TsPrintSeries series[] = { { "累計支払額", cumulative, FALSE }, { "予算額", line, TRUE } };
      ts_print_document_chart (r->doc, TS_PRINT_CHART_LINES,
                               "図3　予算の執行（累計支払額と予算額）", "万円",
                               (const char *const *) labels->pdata, n, series,
                               isnan (budget_yen) ? 1 : 2, 230);
    }
}

/* ---- the report -------------------------------------------------------- */

GBytes *
ts_print_annual_report_on (JsonObject *st, TsDate printed_on, GError **error)
{
  g_autoptr(TsPrintDocument) doc = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL, *title = NULL;
  JsonObject *suppression;
  Report r;

  g_return_val_if_fail (st != NULL, NULL);

  if (string_of (st, "label") != NULL)
    label = g_strdup (string_of (st, "label"));
  else if (!isnan (number_of (st, "fiscal_year")))
    label = ts_wareki_fiscal_year_name ((int) number_of (st, "fiscal_year"));
  if (label == NULL)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_BAD_REQUEST,
                           N_("The statistics name no fiscal year"));
      return NULL;
    }
  title = g_strdup_printf ("%s 年次報告書", label);
  doc = ts_print_document_new (title, printed_on, error);
  if (doc == NULL)
    return NULL;
  r = (Report) { doc, cells, FALSE };

  title_page (&r, st, label);
  years_table (&r, st);
  months_section (&r, st);
  methods_table (&r, st);
  contactors_table (&r, st);
  persons_section (&r, st);
  supporters_table (&r, st);
  activities_table (&r, st);
  placements_table (&r, st);
  events_table (&r, st);
  budget_section (&r, st);

  if (r.suppressed)
    {
      g_autofree char *note = NULL;
      suppression = object_of (st, "suppression");
      note = g_strdup_printf ("注）X は秘匿を示します。個人が特定されないよう、%d未満の値と、"
                              "そこから計算できる値を表示していません。",
                              suppression != NULL
                                ? (int) json_object_get_int_member_with_default (suppression,
                                                                                 "threshold", 3)
                                : 3);
      ts_print_document_space (doc, 8);
      ts_print_document_paragraph (doc, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_LEFT, note);
    }
  return ts_print_document_finish (doc, error);
}

GBytes *
ts_print_annual_report (JsonObject *statistics, GError **error)
{
  return ts_print_annual_report_on (statistics, ts_date_today (), error);
}
