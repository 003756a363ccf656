/* The CSV tests of test-statistics.c (included by it): A's coordinator's
 * spreadsheet byte for byte, and the prefecture auditor's with its X
 * cells and their footnote. */

static const char expected_csv[] =
  "\xEF\xBB\xBF"
  "統計,令和7年度,2025-04-01,2026-03-31\r\n"
  "\r\n"
  "相談実績\r\n"
  "年度,延べ相談(件),新規相談(件),うち本人,うち家族,うちその他\r\n"
  "令和5年度,1,1,1,0,0\r\n"
  "令和6年度,1,1,1,0,0\r\n"
  "令和7年度,8,5,1,3,1\r\n"
  "\r\n"
  "月別相談件数\r\n"
  "月,延べ相談(件),新規相談(件)\r\n"
  "令和7年4月,1,1\r\n"
  "令和7年5月,1,0\r\n"
  "令和7年6月,1,1\r\n"
  "令和7年7月,1,1\r\n"
  "令和7年8月,1,0\r\n"
  "令和7年9月,1,1\r\n"
  "令和7年10月,0,0\r\n"
  "令和7年11月,0,0\r\n"
  "令和7年12月,0,0\r\n"
  "令和8年1月,1,1\r\n"
  "令和8年2月,0,0\r\n"
  "令和8年3月,1,0\r\n"
  "\r\n"
  "相談手法別実績\r\n"
  "相談手法,件数(延べ数),うち新規\r\n"
  "電話相談,3,1\r\n"
  "メール相談,1,1\r\n"
  "SNS等オンラインによる相談,1,1\r\n"
  "来所相談,2,1\r\n"
  "訪問による相談,0,0\r\n"
  "同行,0,0\r\n"
  "郵便,1,1\r\n"
  "その他,0,0\r\n"
  "計,8,5\r\n"
  "\r\n"
  "新規相談_初回相談の相談者\r\n"
  "相談手法,当事者,うち50歳以上,親,うち80歳以上,兄弟姉妹,そのほか、不明等,小計\r\n"
  "電話相談,0,0,1,1,0,0,1\r\n"
  "メール相談,1,1,0,0,0,0,1\r\n"
  "SNS等オンラインによる相談,0,0,0,0,0,1,1\r\n"
  "来所相談,0,0,0,0,1,0,1\r\n"
  "訪問による相談,0,0,0,0,0,0,0\r\n"
  "同行,0,0,0,0,0,0,0\r\n"
  "郵便,0,0,0,0,0,1,1\r\n"
  "その他,0,0,0,0,0,0,0\r\n"
  "計,1,1,1,1,1,2,5\r\n"
  "\r\n"
  "年代別、性別の実相談人数\r\n"
  "年代,男,女,その他,不明,実人数\r\n"
  "10代,0,0,0,0,0\r\n"
  "20代,0,0,1,0,1\r\n"
  "30代,1,0,0,0,1\r\n"
  "40代,1,0,0,0,1\r\n"
  "50代以上,1,1,0,0,2\r\n"
  "年齢不明,0,0,0,1,1\r\n"
  "計,3,1,1,1,6\r\n"
  "\r\n"
  "サポーター(年度末)\r\n"
  "市区町村コード,市区町村,登録者数,年度内研修修了者数,フォローアップ研修期限間近,失効\r\n"
  "092011,宇都宮市,4,2,1,1\r\n"
  "\r\n"
  "活動実績\r\n"
  "市区町村コード,市区町村,活動の種類,件数,時間(分),謝礼(円)\r\n"
  "092029,足利市,訪問,1,90,2800\r\n"
  "092029,足利市,電話,1,30,1600\r\n"
  "\r\n"
  "職親 受入実績\r\n"
  "受入先,参加者数,参加日数,短期,通常,奨励金(円)\r\n"
  "さくら農園,1,2,1,0,3000\r\n"
  "\r\n"
  "行事・居場所の参加実績\r\n"
  "種別,回数,本人,家族,関係者,延べ参加者数,サポーター\r\n"
  "居場所,2,4,2,1,7,1\r\n"
  "家族会,1,0,7,2,9,1\r\n"
  "サポーター例会,0,0,0,0,0,0\r\n"
  "講演会,0,0,0,0,0,0\r\n"
  "研修日,0,0,0,0,0,0\r\n"
  "相談日,0,0,0,0,0,0\r\n"
  "家族セミナー,0,0,0,0,0,0\r\n"
  "計,3,4,9,3,16,2\r\n"
  "\r\n"
  "予算執行\r\n"
  "月,支払額(円),累計(円)\r\n"
  "令和7年4月,0,0\r\n"
  "令和7年5月,3200,3200\r\n"
  "令和7年6月,0,3200\r\n"
  "令和7年7月,0,3200\r\n"
  "令和7年8月,0,3200\r\n"
  "令和7年9月,0,3200\r\n"
  "令和7年10月,0,3200\r\n"
  "令和7年11月,0,3200\r\n"
  "令和7年12月,0,3200\r\n"
  "令和8年1月,0,3200\r\n"
  "令和8年2月,0,3200\r\n"
  "令和8年3月,5000,8200\r\n"
  "計,8200\r\n"
  "予算額,3207000\r\n";

static void
test_csv (void)
{
  g_autoptr(TsReply) r = get (fx.coord_a, "?fiscal_year=2025", "text/csv");

  ts_assert_status (r, 200);
  g_assert_cmpstr (ts_reply_header (r, "Content-Type"), ==, "text/csv; charset=utf-8");
  g_assert_cmpstr (ts_reply_header (r, "Content-Disposition"), ==,
                   "attachment; filename=\"statistics-2025.csv\"; filename*=UTF-8''"
                   "%E7%B5%B1%E8%A8%88_%E4%BB%A4%E5%92%8C7%E5%B9%B4%E5%BA%A6.csv");
  g_assert_cmpuint (r->length, ==, strlen (expected_csv));
  g_assert_cmpstr (r->body, ==, expected_csv);
  /* Nothing suppressed: no footnote. */
  g_assert_null (strstr (r->body, "秘匿"));
}

static void
test_csv_suppressed (void)
{
  g_autofree char *query = g_strdup_printf ("?fiscal_year=2025&organisation_id=%" G_GINT64_FORMAT,
                                            fx.org_a);
  g_autoptr(TsReply) r = get (fx.h->auditor, "?fiscal_year=2025", "text/csv");
  g_autoptr(TsReply) one = get (fx.h->auditor, query, "text/csv");
  const char *footnote = "\r\nX: 秘匿(3人未満の数と、それを計算で導ける数を表示していません)\r\n";

  ts_assert_status (r, 200);
  g_assert_nonnull (strstr (r->body, "\r\n令和5年度,X,X,X,0,0\r\n令和6年度,X,X,X,0,0\r\n"
                                     "令和7年度,11,8,4,X,X\r\n"));
  g_assert_nonnull (strstr (r->body, "\r\n電話相談,X,0,X,X,0,0,4\r\n"));
  g_assert_nonnull (strstr (r->body, "\r\n30代,X,X,0,0,4\r\n"));
  g_assert_nonnull (strstr (r->body, "\r\n092011,宇都宮市,4,X,X,X\r\n"));
  g_assert_nonnull (strstr (r->body, "\r\nさくら農園,X,X,X,X,X\r\n"));
  g_assert_nonnull (strstr (r->body, "\r\n居場所,2,4,X,X,7,X\r\n家族会,1,0,X,X,9,X\r\n"));
  g_assert_nonnull (strstr (r->body, "\r\n家族セミナー,0,0,0,0,0,0\r\n計,3,4,9,3,16,X\r\n"));
  g_assert_true (g_str_has_suffix (r->body, footnote));
  g_autofree char *disposition = g_strdup_printf (
    "attachment; filename=\"statistics-2025-organisation-%" G_GINT64_FORMAT ".csv\"; "
    "filename*=UTF-8''%%E7%%B5%%B1%%E8%%A8%%88_%%E4%%BB%%A4%%E5%%92%%8C7%%E5%%B9%%B4%%E5%%BA%%A6_"
    "%%E7%%B5%%84%%E7%%B9%%94%%E5%%88%%A5.csv", fx.org_a);

  ts_assert_status (one, 200);
  g_assert_cmpstr (ts_reply_header (one, "Content-Disposition"), ==, disposition);
  g_assert_true (g_str_has_suffix (one->body, footnote));
}
