/*
 * The print layer (issue 16): the font check, the formats, a table that
 * breaks across pages, and the annual report rendered from a statistics
 * JSON that follows the contract (tests/fixtures/statistics-fy2025.json),
 * each PDF checked with poppler-utils (pdftotext, pdfinfo, pdftoppm).
 */
#include <string.h>

#include "pdf-check.h"
#include "core/error.h"
#include "print/annual.h"
#include "print/document.h"

static JsonObject *
load_fixture (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "statistics-fy2025.json",
                                                 NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static guint
count (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_font_pick (void)
{
  static const char *const missing[] = { "No Such Family Ever", NULL };
  static const char *const second[] = { "No Such Family Ever", "IPAexGothic", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_null (ts_print_font_pick (missing, &error));
  g_assert_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "No Such Family Ever"));
  g_assert_nonnull (strstr (error->message, "fonts-ipaexfont"));
  g_clear_error (&error);
  g_assert_cmpstr (ts_print_font_pick (second, &error), ==, "IPAexGothic");
  g_assert_no_error (error);
  g_assert_true (ts_print_fonts_check (&error));
  g_assert_no_error (error);
}

static void
test_formats (void)
{
  static const struct {
    gint64      value;
    const char *text;
  } ints[] = {
    { 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1,000" }, { 12345, "12,345" },
    { 1234567, "1,234,567" }, { -1200, "-1,200" }, { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      g_autofree char *text = ts_print_format_int (ints[i].value);
      g_assert_cmpstr (text, ==, ints[i].text);
    }
  {
    g_autofree char *yen = ts_print_format_yen (7600);
    g_autofree char *a = ts_print_wareki_month (2019, 4);
    g_autofree char *b = ts_print_wareki_month (2019, 5);
    g_autofree char *c = ts_print_wareki_month (2026, 3);
    g_autofree char *d = ts_print_wareki_month (2026, 13);
    g_assert_cmpstr (yen, ==, "7,600円");
    g_assert_cmpstr (a, ==, "平成31年4月");
    g_assert_cmpstr (b, ==, "令和元年5月");
    g_assert_cmpstr (c, ==, "令和8年3月");
    g_assert_null (d);
  }
}

/* 150 rows do not fit a page: the table goes on, under its header again,
 * and every page has its footer. */
static void
test_table_breaks (void)
{
  static const TsPrintColumn columns[] = {
    { "番号", 1, TS_PRINT_ALIGN_RIGHT }, { "名前", 3, TS_PRINT_ALIGN_LEFT },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPrintDocument) doc = ts_print_document_new ("試験の表", ts_date_new (2026, 6, 15),
                                                          &error);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL, *pages = NULL, *title = NULL;
  guint n_pages;

  g_assert_no_error (error);
  ts_print_document_heading (doc, "見出し");
  for (guint i = 0; i < 150; i++)
    {
      g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
      g_ptr_array_add (cells, g_strdup_printf ("行%u", i + 1));
    }
  ts_print_document_table (doc, columns, 2, (const char *const *) cells->pdata, 150, 0);
  pdf = ts_print_document_finish (doc, &error);
  g_assert_no_error (error);
  ts_pdf_assert_a4 (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), 0, 30);
  pages = ts_pdf_info (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), "Pages");
  n_pages = (guint) g_ascii_strtoull (pages, NULL, 10);
  g_assert_cmpuint (n_pages, >=, 3);
  title = ts_pdf_info (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), "Title");
  g_assert_cmpstr (title, ==, "試験の表");
  text = ts_pdf_text (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_assert_cmpuint (count (text, "番号"), ==, n_pages);
  g_assert_cmpuint (count (text, "印刷日 令和8年6月15日"), ==, n_pages);
  ts_assert_text_has (text, "行1 ");
  ts_assert_text_has (text, "行150");
  {
    g_autofree char *last = g_strdup_printf ("%u/%u", n_pages, n_pages);
    ts_assert_text_has (text, "1/");
    ts_assert_text_has (text, last);
  }
}

static void
test_annual (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *st = load_fixture (parser);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = ts_print_annual_report_on (st, ts_date_new (2026, 4, 30), &error);
  g_autoptr(GBytes) again = NULL;
  g_autofree char *text = NULL, *title = NULL, *pages = NULL;
  gconstpointer data;
  gsize size;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  data = g_bytes_get_data (pdf, &size);
  ts_pdf_assert_a4 (data, size, 0, 50);
  pages = ts_pdf_info (data, size, "Pages");
  g_assert_cmpuint (g_ascii_strtoull (pages, NULL, 10), >=, 4);
  title = ts_pdf_info (data, size, "Title");
  g_assert_cmpstr (title, ==, "令和7年度 年次報告書");
  text = ts_pdf_text (data, size);
  /* The title page, in 令和 years. */
  ts_assert_text_has (text, "令和7年度 ひきこもり支援事業 年次報告書");
  ts_assert_text_has (text, "対象期間 令和7年4月1日～令和8年3月31日");
  ts_assert_text_has (text, "栃木県ひきこもり地域支援センター（架空）");
  ts_assert_text_has (text, "3未満の値を秘匿（X）");
  /* The 文京 tables. */
  ts_assert_text_has (text, "相談実績（3か年）");
  ts_assert_text_has (text, "令和5年度 164 43 5 27 11");
  ts_assert_text_has (text, "相談方法別件数");
  ts_assert_text_has (text, "計 221 65");
  ts_assert_text_has (text, "うち50歳");
  ts_assert_text_has (text, "うち80歳");
  ts_assert_text_has (text, "計 19 12 23 11 4 22 68");
  ts_assert_text_has (text, "実相談人数（年代・性別）");
  ts_assert_text_has (text, "50代以上");
  ts_assert_text_has (text, "年齢不明");
  ts_assert_text_has (text, "計 52 27 0 0 79");
  /* The programme's own. */
  ts_assert_text_has (text, "足利市 7 4 3 0");
  ts_assert_text_has (text, "宇都宮市 家庭訪問 40 60.0 120,000円");
  ts_assert_text_has (text, "宇都宮市 同行 X X X");
  ts_assert_text_has (text, "あおぞら作業所（架空） 4 62 2 2 93,000円");
  ts_assert_text_has (text, "みどり農園（架空） X 30 X X 45,000円");
  /* 行事・居場所: 延べ参加者数 = 本人 + 家族 + 関係者, X for null. */
  ts_assert_text_has (text, "行事・居場所の参加者（種別）");
  ts_assert_text_has (text, "延べ参加者数");
  ts_assert_text_has (text, "居場所 24 150 40 12 202 48");
  ts_assert_text_has (text, "相談日 6 X 40 X 44 X");
  ts_assert_text_has (text, "計 52 183 259 42 484 129");
  ts_assert_text_has (text, "予算の執行");
  ts_assert_text_has (text, "予算額 4,800,000円");
  /* The charts' titles, and the footnote of the X cells. */
  ts_assert_text_has (text, "図1 月別相談件数");
  ts_assert_text_has (text, "図2 実相談人数（年代・性別）");
  ts_assert_text_has (text, "図3 予算の執行（累計支払額と予算額）");
  ts_assert_text_has (text, "注）X は秘匿を示します");
  ts_assert_text_has (text, "印刷日 令和8年4月30日");
  g_assert_null (strstr (text, "extra_member"));

  /* The same statistics on the same date: the same bytes. */
  again = ts_print_annual_report_on (st, ts_date_new (2026, 4, 30), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pdf, again));
}

/* Nothing suppressed, tables empty: no footnote; without a year: an error. */
static void
test_annual_sparse (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  g_assert_true (json_parser_load_from_data (parser, "{\"fiscal_year\":2024,\"budget\":"
                                             "{\"budget_yen\":null,\"months\":[]}}", -1, &error));
  pdf = ts_print_annual_report_on (json_node_get_object (json_parser_get_root (parser)),
                                   ts_date_new (2025, 4, 1), &error);
  g_assert_no_error (error);
  ts_pdf_assert_a4 (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), 0, 20);
  text = ts_pdf_text (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  ts_assert_text_has (text, "令和6年度 ひきこもり支援事業 年次報告書");
  ts_assert_text_has (text, "予算額 未設定");
  g_assert_null (strstr (text, "秘匿"));
  g_clear_pointer (&pdf, g_bytes_unref);

  g_assert_true (json_parser_load_from_data (parser, "{\"years\":[]}", -1, &error));
  pdf = ts_print_annual_report (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_null (pdf);
  g_assert_error (error, TS_ERROR, TS_ERROR_BAD_REQUEST);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/print/font-pick", test_font_pick);
  g_test_add_func ("/print/formats", test_formats);
  g_test_add_func ("/print/table-breaks", test_table_breaks);
  g_test_add_func ("/print/annual", test_annual);
  g_test_add_func ("/print/annual-sparse", test_annual_sparse);
  return g_test_run ();
}
