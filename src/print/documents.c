/*
 * The サポーター証, the 支払通知書 and the 職親 受入実績報告書:
 * print/documents.h.
 */
#include "print/documents.h"

#include <stdio.h>
#include <string.h>

#include "domain/fiscal.h"
#include "print/document.h"
#include "service/statements.h"

static const struct {
  const char *kind;
  const char *name;
} activity_kinds[] = {
  { "home_visit", "家庭訪問" }, { "accompany", "同行" },      { "phone", "電話" },
  { "space", "居場所" },        { "family_support", "家族支援" }, { "online", "オンライン" },
};

const char *
ts_print_activity_kind_ja (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (activity_kinds); i++)
    if (g_strcmp0 (kind, activity_kinds[i].kind) == 0)
      return activity_kinds[i].name;
  return kind;
}

static char *
wareki_or_dash (TsDate date)
{
  char *text = date != TS_DATE_NONE ? ts_wareki_date (date) : NULL;

  return text != NULL ? text : g_strdup ("—");
}

/* A row of label and value, at @x over @width. */
static double
field (TsPrintDocument *doc, double x, double y, double width, const char *label,
       const char *value, TsPrintStyle style)
{
  double h;

  ts_print_document_text_at (doc, x, y + 2, 0, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_LEFT, label);
  h = ts_print_document_text_at (doc, x + 48, y, width - 48, style, TS_PRINT_ALIGN_LEFT, value);
  return MAX (h, 12);
}

/* ---- サポーター証 ------------------------------------------------------ */

#define CARD_W (91 * TS_PRINT_MM)
#define CARD_H (55 * TS_PRINT_MM)

static void
crop_marks (cairo_t *cr, double x, double y, double w, double h)
{
  const double gap = 3 * TS_PRINT_MM, len = 6 * TS_PRINT_MM;
  const double xs[2] = { x, x + w }, ys[2] = { y, y + h };

  cairo_save (cr);
  cairo_set_line_width (cr, 0.3);
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      {
        double sx = i == 0 ? -1 : 1, sy = j == 0 ? -1 : 1;

        cairo_move_to (cr, xs[i] + sx * gap, ys[j]);
        cairo_line_to (cr, xs[i] + sx * (gap + len), ys[j]);
        cairo_move_to (cr, xs[i], ys[j] + sy * gap);
        cairo_line_to (cr, xs[i], ys[j] + sy * (gap + len));
      }
  cairo_stroke (cr);
  cairo_restore (cr);
}

GBytes *
ts_print_supporter_card (const TsSupporterCard *card, GError **error)
{
  const TsSupporterRecord *s = card->supporter->record;
  g_autoptr(TsPrintDocument) doc = NULL;
  g_autofree char *valid = wareki_or_dash (card->supporter->qualification.follow_up_due_on);
  g_autofree char *issued = wareki_or_dash (card->issued_on);
  g_autofree char *title = g_strdup_printf ("サポーター証 %s", s->code);
  g_autofree char *issuer = g_strdup_printf ("%s　発行日 %s",
                                             card->organisation_name != NULL
                                               ? card->organisation_name : "",
                                             issued);
  cairo_t *cr;
  double x, y, top, inner, w;

  doc = ts_print_document_new (title, card->issued_on, error);
  if (doc == NULL)
    return NULL;
  cr = ts_print_document_cairo (doc);
  x = (TS_PRINT_A4_WIDTH - CARD_W) / 2;
  top = y = ts_print_document_get_y (doc) + 12 * TS_PRINT_MM;
  crop_marks (cr, x, y, CARD_W, CARD_H);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.16, 0.35, 0.62);
  cairo_rectangle (cr, x, y, CARD_W, 9 * TS_PRINT_MM);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  ts_print_document_text_at (doc, x, y + 6, CARD_W, TS_PRINT_STYLE_HEADING, TS_PRINT_ALIGN_CENTER,
                             "ひきこもりサポーター証");
  cairo_restore (cr);
  cairo_save (cr);
  cairo_set_line_width (cr, 0.4);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_rectangle (cr, x, y, CARD_W, CARD_H);
  cairo_stroke (cr);
  cairo_restore (cr);

  inner = x + 5 * TS_PRINT_MM;
  w = CARD_W - 10 * TS_PRINT_MM;
  y += 11 * TS_PRINT_MM;
  y += field (doc, inner, y, w, "番号", s->code, TS_PRINT_STYLE_LABEL) + 2;
  if (s->name_kana != NULL)
    ts_print_document_text_at (doc, inner + 48, y, w - 48, TS_PRINT_STYLE_SMALL,
                               TS_PRINT_ALIGN_LEFT, s->name_kana);
  y += 9;
  y += field (doc, inner, y, w, "氏名", s->name, TS_PRINT_STYLE_LARGE) + 2;
  y += field (doc, inner, y, w, "市町村",
              card->supporter->municipality_name != NULL ? card->supporter->municipality_name
                                                         : s->municipality_code,
              TS_PRINT_STYLE_LABEL) + 1;
  field (doc, inner, y, w, "有効期限", valid, TS_PRINT_STYLE_LABEL);
  ts_print_document_text_at (doc, inner, top + CARD_H - 4 * TS_PRINT_MM - 10, w,
                             TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_RIGHT, issuer);

  ts_print_document_set_y (doc, ts_print_document_get_y (doc) + CARD_H + 30 * TS_PRINT_MM);
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_BODY, TS_PRINT_ALIGN_LEFT,
                               "この証は、上記の者がひきこもりサポーターとして登録されていることを"
                               "証明するものです。有効期限は、フォローアップ研修の受講期限です。"
                               "期限までに研修を受講すると更新されます。");
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_LEFT,
                               "四隅のトンボに沿って切り取り、名刺サイズ（91×55mm）でお使いください。");
  return ts_print_document_finish (doc, error);
}

/* ---- 支払通知書 -------------------------------------------------------- */

static char *
line_description (const TsLedgerEntry *e)
{
  if (e->kind == TS_LINE_ADJUSTMENT)
    return g_strdup_printf ("%s（%s）", ts_line_kind_name_ja (e->kind),
                            ts_line_kind_name_ja (e->adjusts));
  if (e->activity_kind[0] != '\0')
    return g_strdup_printf ("%s（%s %d分）", ts_line_kind_name_ja (e->kind),
                            ts_print_activity_kind_ja (e->activity_kind),
                            (int) e->activity_minutes);
  return g_strdup (ts_line_kind_name_ja (e->kind));
}

GBytes *
ts_print_statement (const TsStatementDocument *sd, GError **error)
{
  static const TsPrintColumn columns[] = {
    { "日付", 0.25, TS_PRINT_ALIGN_LEFT },
    { "内容", 0.5, TS_PRINT_ALIGN_LEFT },
    { "金額", 0.25, TS_PRINT_ALIGN_RIGHT },
  };
  const TsStatementRecord *s = sd->statement;
  g_autoptr(TsPrintDocument) doc = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *month = NULL, *issued = wareki_or_dash (sd->issued_on);
  g_autofree char *payee = NULL, *intro = NULL, *total = ts_print_format_yen (s->total_yen);
  g_autofree char *head = NULL, *number = NULL, *summary = NULL;
  int y = 0, m = 0;
  guint n_lines = s->lines != NULL ? s->lines->len : 0;

  if (sscanf (s->month, "%d-%d", &y, &m) != 2 || (month = ts_print_wareki_month (y, m)) == NULL)
    month = g_strdup (s->month);
  payee = g_strdup_printf ("%s　様", s->payee_name != NULL ? s->payee_name : "");
  head = g_strdup_printf ("支払通知書（%s分）", month);
  doc = ts_print_document_new (head, sd->issued_on, error);
  if (doc == NULL)
    return NULL;

  ts_print_document_title (doc, "支払通知書");
  number = g_strdup_printf ("通知書番号 %" G_GINT64_FORMAT "\n発行日 %s", s->id, issued);
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_LABEL, TS_PRINT_ALIGN_RIGHT, number);
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_LARGE, TS_PRINT_ALIGN_LEFT, payee);
  ts_print_document_space (doc, 6);
  intro = g_strdup_printf ("%s分の%sを、下記のとおりお支払いします。", month,
                           s->payee_type == TS_PAYEE_HOST ? "職親謝金" : "謝礼および交通費");
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_BODY, TS_PRINT_ALIGN_LEFT, intro);
  summary = g_strdup_printf ("支払金額　%s", total);
  ts_print_document_space (doc, 4);
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_HEADING, TS_PRINT_ALIGN_CENTER, summary);
  if (s->paid_on != TS_DATE_NONE)
    {
      g_autofree char *paid_on = ts_wareki_date (s->paid_on);
      g_autofree char *paid = g_strdup_printf ("支払日 %s", paid_on != NULL ? paid_on : "");
      ts_print_document_paragraph (doc, TS_PRINT_STYLE_LABEL, TS_PRINT_ALIGN_CENTER, paid);
    }
  ts_print_document_space (doc, 6);

  for (guint i = 0; i < n_lines; i++)
    {
      const TsLedgerEntry *e = &g_array_index (s->lines, TsLedgerEntry, i);

      g_ptr_array_add (cells, wareki_or_dash (e->earned_on));
      g_ptr_array_add (cells, line_description (e));
      g_ptr_array_add (cells, ts_print_format_yen (e->amount_yen));
    }
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, g_strdup ("合計"));
  g_ptr_array_add (cells, g_strdup (total));
  ts_print_document_table (doc, columns, G_N_ELEMENTS (columns),
                           (const char *const *) cells->pdata, n_lines + 1,
                           TS_PRINT_TABLE_TOTAL_ROW);
  ts_print_document_space (doc, 12);
  if (sd->organisation_name != NULL)
    {
      g_autofree char *issuer = g_strdup_printf ("発行者　%s", sd->organisation_name);
      ts_print_document_paragraph (doc, TS_PRINT_STYLE_BODY, TS_PRINT_ALIGN_RIGHT, issuer);
    }
  return ts_print_document_finish (doc, error);
}

/* ---- 職親 受入実績報告書 ------------------------------------------------ */

/* "1日、2日、8日": the days of the month attended. */
static char *
days_text (GArray *dates)
{
  GString *out = g_string_new ("");

  for (guint i = 0; i < dates->len; i++)
    {
      int d;
      ts_date_get_ymd (g_array_index (dates, TsDate, i), NULL, NULL, &d);
      g_string_append_printf (out, "%s%d日", i > 0 ? "、" : "", d);
    }
  return g_string_free (out, FALSE);
}

GBytes *
ts_print_host_report (const TsHostReport *r, GError **error)
{
  static const TsPrintColumn columns[] = {
    { "ニックネーム", 0.2, TS_PRINT_ALIGN_LEFT },
    { "受入日", 0.4, TS_PRINT_ALIGN_LEFT },
    { "日数", 0.1, TS_PRINT_ALIGN_RIGHT },
    { "日額", 0.14, TS_PRINT_ALIGN_RIGHT },
    { "謝金", 0.16, TS_PRINT_ALIGN_RIGHT },
  };
  g_autoptr(TsPrintDocument) doc = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *month = ts_print_wareki_month (r->year, r->month);
  g_autofree char *issued = wareki_or_dash (r->issued_on);
  g_autofree char *title = NULL, *head = NULL;
  guint n = r->participants->len;

  if (month == NULL)
    month = g_strdup_printf ("%04d-%02d", r->year, r->month);
  title = g_strdup_printf ("職親 受入実績報告書（%s）", month);
  doc = ts_print_document_new (title, r->issued_on, error);
  if (doc == NULL)
    return NULL;
  ts_print_document_title (doc, "職親 受入実績報告書");
  head = g_strdup_printf ("対象月　%s\n職親　%s\n報告日　%s", month, r->host->record->name,
                          issued);
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_LABEL, TS_PRINT_ALIGN_LEFT, head);
  ts_print_document_space (doc, 6);
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_BODY, TS_PRINT_ALIGN_LEFT,
                               "職親としての受入実績を、下記のとおり報告します。");
  ts_print_document_space (doc, 4);

  for (guint i = 0; i < n; i++)
    {
      const TsHostReportParticipant *p = r->participants->pdata[i];

      g_ptr_array_add (cells, g_strdup (p->nickname));
      g_ptr_array_add (cells, days_text (p->dates));
      g_ptr_array_add (cells, g_strdup_printf ("%u日", p->dates->len));
      g_ptr_array_add (cells, p->stipend_per_day_yen != 0 ? ts_print_format_yen (p->stipend_per_day_yen)
                                                          : g_strdup ("—"));
      g_ptr_array_add (cells, ts_print_format_yen (p->stipend_yen));
    }
  g_ptr_array_add (cells, g_strdup ("合計"));
  g_ptr_array_add (cells, g_strdup_printf ("%u人", n));
  g_ptr_array_add (cells, g_strdup_printf ("%u日", r->days));
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, ts_print_format_yen (r->stipend_yen));
  ts_print_document_table (doc, columns, G_N_ELEMENTS (columns),
                           (const char *const *) cells->pdata, n + 1, TS_PRINT_TABLE_TOTAL_ROW);
  if (n == 0)
    ts_print_document_paragraph (doc, TS_PRINT_STYLE_BODY, TS_PRINT_ALIGN_LEFT,
                                 "この月の受入実績はありません。");
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_LEFT,
                               "日額が「—」の行は、期間中に謝金の単価が変わったか、調整があったものです。"
                               "謝金は台帳に記録された額の合計です。");
  ts_print_document_space (doc, 12);
  if (r->organisation_name != NULL)
    {
      g_autofree char *issuer = g_strdup_printf ("提出先　%s", r->organisation_name);
      ts_print_document_paragraph (doc, TS_PRINT_STYLE_BODY, TS_PRINT_ALIGN_RIGHT, issuer);
    }
  return ts_print_document_finish (doc, error);
}
