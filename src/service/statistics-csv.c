/*
 * The statistics as a spreadsheet (see statistics.h and service/csv.h):
 * a title line naming the year, then each table after its title line and
 * its Japanese header, the tables apart by one empty line, in the order of
 * the JSON.  A suppressed cell (JSON null) is X, the mark of Japan's
 * official statistics for 秘匿, explained by a footnote at the end.
 */
#include "service/statistics.h"

#include "domain/fiscal.h"
#include "service/csv.h"

typedef struct {
  GString  *out;
  gboolean  suppressed;     /* an X was written: the footnote follows */
} Csv;

static const struct {
  const char *name;
  const char *ja;
} method_names[] = {
  { "phone", "電話相談" },
  { "email", "メール相談" },
  { "online", "SNS等オンラインによる相談" },
  { "office_visit", "来所相談" },
  { "home_visit", "訪問による相談" },
  { "accompany", "同行" },
  { "letter", "郵便" },
  { "other", "その他" },
}, age_names[] = {
  { "10s", "10代" },
  { "20s", "20代" },
  { "30s", "30代" },
  { "40s", "40代" },
  { "50s_plus", "50代以上" },
  { "unknown", "年齢不明" },
}, kind_names[] = {
  { "home_visit", "訪問" },
  { "accompany", "同行" },
  { "phone", "電話" },
  { "space", "居場所" },
  { "family_support", "家族支援" },
  { "online", "オンライン" },
}, event_kind_names[] = {
  { "ibasho", "居場所" },
  { "family_meeting", "家族会" },
  { "supporter_meeting", "サポーター例会" },
  { "lecture", "講演会" },
  { "training_day", "研修日" },
  { "consultation_day", "相談日" },
  { "seminar", "家族セミナー" },
};

#define JA(table, name) ja_name (table, G_N_ELEMENTS (table), name)

static const char *
ja_name (const void *table, gsize n, const char *name)
{
  const struct {
    const char *name;
    const char *ja;
  } *t = table;

  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (t[i].name, name) == 0)
      return t[i].ja;
  return name;
}

static void
cell (Csv *csv, JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (node != NULL)
        csv->suppressed = TRUE;
      ts_csv_field (csv->out, node != NULL ? "X" : NULL, FALSE);
    }
  else
    ts_csv_int (csv->out, json_node_get_int (node));
}

static void
cells (Csv *csv, JsonObject *obj, const char *const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    cell (csv, obj, members[i]);
  ts_csv_end_row (csv->out);
}

/* An empty line, the table's title and its header (the column names as
 * written, commas included). */
static void
title (Csv *csv, const char *text, const char *header)
{
  g_string_append (csv->out, "\r\n");
  ts_csv_field (csv->out, text, TRUE);
  ts_csv_end_row (csv->out);
  g_string_append (csv->out, header);
  ts_csv_end_row (csv->out);
}

/* 令和7年4月: the era of the month's first day. */
static char *
month_name (const char *month)
{
  TsEra era;
  int y, m, n;

  if (!ts_month_parse (month, &y, &m) || !ts_wareki_from_date (ts_date_new (y, m, 1), &era, &n))
    return g_strdup (month);
  if (n == 1)
    return g_strdup_printf ("%s元年%d月", ts_era_name (era), m);
  return g_strdup_printf ("%s%d年%d月", ts_era_name (era), n, m);
}

static JsonArray *
array (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

#define FOR_EACH_ROW(arr, row)                                                         \
  for (guint i_ = 0; (arr) != NULL && i_ < json_array_get_length (arr); i_++)           \
    for (JsonObject *row = json_array_get_object_element (arr, i_); row != NULL; row = NULL)

/* A table whose rows are named by their member @key, in Japanese from
 * @names, and end with the 計 row of its totals; member @member of @s. */
#define NAMED_TABLE(csv, s, member, key, names, columns) \
  named_table (csv, s, member, key, names, G_N_ELEMENTS (names), columns)

static void
named_table (Csv *csv, JsonObject *s, const char *member, const char *key, const void *names,
             gsize n_names, const char *const *columns)
{
  JsonArray *arr = array (s, member);
  JsonObject *totals = object (s, "totals");
  JsonObject *total = totals != NULL ? object (totals, member) : NULL;

  FOR_EACH_ROW (arr, row)
  {
    ts_csv_field (csv->out, ja_name (names, n_names, json_object_get_string_member (row, key)),
                  TRUE);
    cells (csv, row, columns);
  }
  ts_csv_field (csv->out, "計", TRUE);
  if (total != NULL)
    cells (csv, total, columns);
  else
    ts_csv_end_row (csv->out);
}

static void
contacts_tables (Csv *csv, JsonObject *s)
{
  static const char *const by[] = { "self", "family", "other", NULL };
  static const char *const month[] = { "total", "first", NULL };
  static const char *const contactor[] = { "self", "self_50_plus", "parent", "parent_80_plus",
                                           "sibling", "other", "total", NULL };
  static const char *const gender[] = { "male", "female", "other", "unknown", "total", NULL };
  JsonArray *arr;

  title (csv, "相談実績", "年度,延べ相談(件),新規相談(件),うち本人,うち家族,うちその他");
  arr = array (s, "years");
  FOR_EACH_ROW (arr, row)
  {
    JsonObject *b = object (row, "first_by_contactor");

    ts_csv_field (csv->out, json_object_get_string_member (row, "label"), TRUE);
    cell (csv, row, "contacts");
    cell (csv, row, "first_contacts");
    if (b != NULL)
      cells (csv, b, by);
    else
      ts_csv_end_row (csv->out);
  }

  title (csv, "月別相談件数", "月,延べ相談(件),新規相談(件)");
  arr = array (s, "contacts_by_month");
  FOR_EACH_ROW (arr, row)
  {
    g_autofree char *name = month_name (json_object_get_string_member (row, "month"));

    ts_csv_field (csv->out, name, TRUE);
    cells (csv, row, month);
  }

  title (csv, "相談手法別実績", "相談手法,件数(延べ数),うち新規");
  NAMED_TABLE (csv, s, "contacts_by_method", "method", method_names, month);

  title (csv, "新規相談_初回相談の相談者",
         "相談手法,当事者,うち50歳以上,親,うち80歳以上,兄弟姉妹,そのほか、不明等,小計");
  NAMED_TABLE (csv, s, "first_contacts_by_contactor", "method", method_names, contactor);

  title (csv, "年代別、性別の実相談人数", "年代,男,女,その他,不明,実人数");
  NAMED_TABLE (csv, s, "persons_by_age_gender", "age_band", age_names, gender);
}

static void
programme_tables (Csv *csv, JsonObject *s)
{
  static const char *const supporters[] = { "registered", "trained", "follow_up_due", "lapsed",
                                            NULL };
  static const char *const activities[] = { "count", "minutes", "honoraria_yen", NULL };
  static const char *const placements[] = { "participants", "days", "short", "regular",
                                            "stipends_yen", NULL };
  static const char *const events[] = { "events", "self", "family", "other", "participants",
                                        "supporters", NULL };
  JsonObject *budget = object (s, "budget");
  JsonArray *arr;

  title (csv, "サポーター(年度末)",
         "市区町村コード,市区町村,登録者数,年度内研修修了者数,フォローアップ研修期限間近,失効");
  arr = array (s, "supporters_by_municipality");
  FOR_EACH_ROW (arr, row)
  {
    ts_csv_field (csv->out, json_object_get_string_member (row, "municipality_code"), TRUE);
    ts_csv_field (csv->out, json_object_get_string_member (row, "municipality_name"), FALSE);
    cells (csv, row, supporters);
  }

  title (csv, "活動実績", "市区町村コード,市区町村,活動の種類,件数,時間(分),謝礼(円)");
  arr = array (s, "activities_by_municipality_kind");
  FOR_EACH_ROW (arr, row)
  {
    ts_csv_field (csv->out, json_object_get_string_member (row, "municipality_code"), TRUE);
    ts_csv_field (csv->out, json_object_get_string_member (row, "municipality_name"), FALSE);
    ts_csv_field (csv->out, JA (kind_names, json_object_get_string_member (row, "kind")), FALSE);
    cells (csv, row, activities);
  }

  title (csv, "職親 受入実績", "受入先,参加者数,参加日数,短期,通常,奨励金(円)");
  arr = array (s, "placements_by_host");
  FOR_EACH_ROW (arr, row)
  {
    ts_csv_field (csv->out, json_object_get_string_member (row, "host_name"), TRUE);
    cells (csv, row, placements);
  }

  title (csv, "行事・居場所の参加実績", "種別,回数,本人,家族,関係者,延べ参加者数,サポーター");
  NAMED_TABLE (csv, s, "events_by_kind", "kind", event_kind_names, events);

  title (csv, "予算執行", "月,支払額(円),累計(円)");
  arr = budget != NULL ? array (budget, "months") : NULL;
  FOR_EACH_ROW (arr, row)
  {
    g_autofree char *name = month_name (json_object_get_string_member (row, "month"));

    ts_csv_field (csv->out, name, TRUE);
    ts_csv_int (csv->out, json_object_get_int_member (row, "paid_yen"));
    ts_csv_int (csv->out, json_object_get_int_member (row, "cumulative_yen"));
    ts_csv_end_row (csv->out);
  }
  ts_csv_field (csv->out, "計", TRUE);
  if (budget != NULL && json_object_has_member (budget, "paid_yen"))
    ts_csv_int (csv->out, json_object_get_int_member (budget, "paid_yen"));
  ts_csv_end_row (csv->out);
  ts_csv_field (csv->out, "予算額", TRUE);
  if (budget != NULL && json_object_has_member (budget, "budget_yen") &&
      !json_object_get_null_member (budget, "budget_yen"))
    ts_csv_int (csv->out, json_object_get_int_member (budget, "budget_yen"));
  else
    ts_csv_field (csv->out, NULL, FALSE);
  ts_csv_end_row (csv->out);
}

GBytes *
ts_statistics_to_csv (JsonObject *s)
{
  Csv csv = { NULL, FALSE };
  g_autofree char *first = g_strdup_printf ("統計,%s,%s,%s",
                                            json_object_get_string_member (s, "label"),
                                            json_object_get_string_member (s, "from"),
                                            json_object_get_string_member (s, "to"));

  csv.out = ts_csv_new (first);
  contacts_tables (&csv, s);
  programme_tables (&csv, s);
  if (csv.suppressed)
    {
      JsonObject *suppression = object (s, "suppression");
      gint64 threshold = suppression != NULL
                           ? json_object_get_int_member (suppression, "threshold") : 3;
      g_autofree char *note = g_strdup_printf (
        "X: 秘匿(%" G_GINT64_FORMAT "人未満の数と、それを計算で導ける数を表示していません)",
        threshold);

      g_string_append (csv.out, "\r\n");
      ts_csv_field (csv.out, note, TRUE);
      ts_csv_end_row (csv.out);
    }
  return g_string_free_to_bytes (csv.out);
}
