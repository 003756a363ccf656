/*
 * Printable documents (issue 16, SPEC 3.3): A4 PDFs a clerk can file,
 * drawn with cairo and laid out with pango.
 *
 * A TsPrintDocument is a flow of pages: headings, paragraphs, tables that
 * break across pages (repeating their header row) and charts are placed
 * one below the other from the top margin; a block that does not fit
 * starts a new page.  Every page gets a footer with the document's title,
 * "n / N" and the print date in 令和, drawn when the document is finished
 * (the pages are recorded until then, so the total is known).
 *
 * The fonts are chosen by family name: IPAexMincho for text and IPAexGothic
 * for headings, tables and figures (Debian fonts-ipaexfont-mincho and
 * fonts-ipaexfont-gothic).  A document cannot be made without a Japanese
 * font: ts_print_document_new() answers TS_ERROR_UNAVAILABLE then, rather
 * than a PDF of empty boxes.
 *
 * The output is deterministic: the PDF's creation date is the document's
 * date, so that the same input gives the same bytes.
 *
 * Layer: print may use core, model, domain and service; http uses print.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/date.h"

G_BEGIN_DECLS

/* A4 in PostScript points (1/72 inch). */
#define TS_PRINT_A4_WIDTH  595.2756
#define TS_PRINT_A4_HEIGHT 841.8898
#define TS_PRINT_MM        (72.0 / 25.4)

typedef struct _TsPrintDocument TsPrintDocument;

typedef enum {
  TS_PRINT_ALIGN_LEFT,
  TS_PRINT_ALIGN_CENTER,
  TS_PRINT_ALIGN_RIGHT,
} TsPrintAlign;

typedef enum {
  TS_PRINT_STYLE_BODY,      /* Mincho 10.5 pt */
  TS_PRINT_STYLE_SMALL,     /* Gothic 8 pt */
  TS_PRINT_STYLE_TABLE,     /* Gothic 9 pt */
  TS_PRINT_STYLE_LABEL,     /* Gothic 10 pt */
  TS_PRINT_STYLE_HEADING,   /* Gothic bold 13 pt */
  TS_PRINT_STYLE_TITLE,     /* Mincho bold 20 pt */
  TS_PRINT_STYLE_LARGE,     /* Mincho 16 pt */
} TsPrintStyle;

typedef struct {
  const char   *header;
  double        width;     /* a share of the text width; the shares need not add up to 1 */
  TsPrintAlign  align;
} TsPrintColumn;

typedef enum {
  TS_PRINT_TABLE_TOTAL_ROW = 1 << 0,   /* the last row is a 計 row: drawn bold and shaded */
} TsPrintTableFlags;

typedef struct {
  const char   *name;
  const double *values;    /* one per label; NAN: suppressed (drawn as X) */
  gboolean      dashed;    /* line charts: a dashed line (a budget, a target) */
} TsPrintSeries;

typedef enum {
  TS_PRINT_CHART_BARS,     /* grouped bars: one group per label, one bar per series */
  TS_PRINT_CHART_LINES,    /* one line per series over the labels */
} TsPrintChartKind;

/* The text of a suppressed cell (秘匿: the mark of Japan's official
 * statistics). */
#define TS_PRINT_SUPPRESSED "X"

/* The first installed family of @candidates (NULL-terminated), or NULL
 * with TS_ERROR_UNAVAILABLE naming them. */
const char      *ts_print_font_pick          (const char *const *candidates,
                                              GError           **error);
/* Whether the Japanese fonts are there (cached after the first success). */
gboolean         ts_print_fonts_check        (GError **error);

/* @printed_on: the date of the footer and of the PDF's metadata. */
TsPrintDocument *ts_print_document_new       (const char *title,
                                              TsDate      printed_on,
                                              GError    **error);
void             ts_print_document_free      (TsPrintDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPrintDocument, ts_print_document_free)

/* The width of the text area, in points. */
double           ts_print_document_text_width (TsPrintDocument *doc);
/* The cursor: the top of the next block, from the page's top edge. */
double           ts_print_document_get_y     (TsPrintDocument *doc);
void             ts_print_document_set_y     (TsPrintDocument *doc,
                                              double           y);
/* Ensures @height points fit below the cursor (else a new page) and
 * answers the cursor. */
double           ts_print_document_reserve   (TsPrintDocument *doc,
                                              double           height);
void             ts_print_document_new_page  (TsPrintDocument *doc);
void             ts_print_document_space     (TsPrintDocument *doc,
                                              double           points);
/* The current page, for free drawing in points from its top left corner. */
cairo_t         *ts_print_document_cairo     (TsPrintDocument *doc);

/* Text at a free position: @x, @y its top left (@width the box its
 * alignment refers to; 0: no wrapping), answering its height. */
double           ts_print_document_text_at   (TsPrintDocument *doc,
                                              double           x,
                                              double           y,
                                              double           width,
                                              TsPrintStyle     style,
                                              TsPrintAlign     align,
                                              const char      *text);

void             ts_print_document_title     (TsPrintDocument *doc,
                                              const char      *text);
void             ts_print_document_heading   (TsPrintDocument *doc,
                                              const char      *text);
void             ts_print_document_paragraph (TsPrintDocument *doc,
                                              TsPrintStyle     style,
                                              TsPrintAlign     align,
                                              const char      *text);
/* @cells: @n_rows × @n_columns texts, row by row; NULL prints nothing. */
void             ts_print_document_table     (TsPrintDocument     *doc,
                                              const TsPrintColumn *columns,
                                              guint                n_columns,
                                              const char *const   *cells,
                                              guint                n_rows,
                                              TsPrintTableFlags    flags);
/* A chart of @n_series over @n_labels labels, @height points high with
 * its title, legend and axes. */
void             ts_print_document_chart     (TsPrintDocument     *doc,
                                              TsPrintChartKind     kind,
                                              const char          *title,
                                              const char          *unit,
                                              const char *const   *labels,
                                              guint                n_labels,
                                              const TsPrintSeries *series,
                                              guint                n_series,
                                              double               height);

/* Draws the footers and writes the PDF (transfer full).  The document
 * takes no more content afterwards. */
GBytes          *ts_print_document_finish    (TsPrintDocument *doc,
                                              GError         **error);

/* "12,345" and "12,345円"; "-1,200円" below zero. */
char            *ts_print_format_int         (gint64 value);
char            *ts_print_format_yen         (gint64 value);
/* "令和7年4月" for 2025-04 (the era of the month's first day). */
char            *ts_print_wareki_month       (int year,
                                              int month);

G_END_DECLS
