/*
 * The page flow of a printable document: print/document.h.
 *
 * Each page is drawn on a cairo recording surface; ts_print_document_finish()
 * replays them onto one PDF surface written into memory, adding every
 * page's footer once the number of pages is known.
 */
#include "print/document.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "core/error.h"
#include "core/i18n.h"
#include "domain/fiscal.h"

#define MARGIN_SIDE   (20.0 * TS_PRINT_MM)
#define MARGIN_TOP    (18.0 * TS_PRINT_MM)
#define MARGIN_BOTTOM (22.0 * TS_PRINT_MM)
#define FOOTER_Y      (TS_PRINT_A4_HEIGHT - 12.0 * TS_PRINT_MM)
#define CELL_PAD_X    3.0
#define CELL_PAD_Y    2.5

struct _TsPrintDocument {
  char                 *title;
  TsDate                printed_on;
  GPtrArray            *pages;          /* cairo_surface_t*: recording surfaces */
  cairo_t              *cr;             /* the last page's */
  double                y;
  PangoFontDescription *fonts[TS_PRINT_STYLE_LARGE + 1];
  gboolean              finished;
};

/* ---- fonts ---------------------------------------------------------- */

static const char *const gothic_families[] = {
  "IPAexGothic", "IPAGothic", "Noto Sans CJK JP", NULL
};
static const char *const mincho_families[] = {
  "IPAexMincho", "IPAMincho", "Noto Serif CJK JP", "IPAexGothic", "IPAGothic",
  "Noto Sans CJK JP", NULL
};

static const char *gothic_family;
static const char *mincho_family;

const char *
ts_print_font_pick (const char *const *candidates, GError **error)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n = 0;
  const char *found = NULL;
  g_autofree char *names = NULL;

  g_return_val_if_fail (candidates != NULL, NULL);

  pango_font_map_list_families (map, &families, &n);
  for (guint c = 0; candidates[c] != NULL && found == NULL; c++)
    for (int i = 0; i < n; i++)
      if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), candidates[c]) == 0)
        {
          found = candidates[c];
          break;
        }
  g_free (families);
  if (found != NULL)
    return found;
  names = g_strjoinv (", ", (char **) candidates);
  g_set_error (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
               _("No Japanese font is installed (looked for %s): install fonts-ipaexfont-gothic "
                 "and fonts-ipaexfont-mincho"),
               names);
  return NULL;
}

gboolean
ts_print_fonts_check (GError **error)
{
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  const char *gothic, *mincho;

  if (gothic_family != NULL)
    return TRUE;
  gothic = ts_print_font_pick (gothic_families, error);
  if (gothic == NULL)
    return FALSE;
  mincho = ts_print_font_pick (mincho_families, error);
  if (mincho == NULL)
    return FALSE;
  mincho_family = mincho;
  gothic_family = gothic;
  return TRUE;
}

static PangoFontDescription *
font_new (const char *family, double size, PangoWeight weight)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  return desc;
}

/* ---- pages ---------------------------------------------------------- */

TsPrintDocument *
ts_print_document_new (const char *title, TsDate printed_on, GError **error)
{
  TsPrintDocument *doc;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (printed_on != TS_DATE_NONE, NULL);

  if (!ts_print_fonts_check (error))
    return NULL;
  doc = g_new0 (TsPrintDocument, 1);
  doc->title = g_strdup (title);
  doc->printed_on = printed_on;
  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  doc->fonts[TS_PRINT_STYLE_BODY] = font_new (mincho_family, 10.5, PANGO_WEIGHT_NORMAL);
  doc->fonts[TS_PRINT_STYLE_SMALL] = font_new (gothic_family, 8, PANGO_WEIGHT_NORMAL);
  doc->fonts[TS_PRINT_STYLE_TABLE] = font_new (gothic_family, 9, PANGO_WEIGHT_NORMAL);
  doc->fonts[TS_PRINT_STYLE_LABEL] = font_new (gothic_family, 10, PANGO_WEIGHT_NORMAL);
  doc->fonts[TS_PRINT_STYLE_HEADING] = font_new (gothic_family, 13, PANGO_WEIGHT_BOLD);
  doc->fonts[TS_PRINT_STYLE_TITLE] = font_new (mincho_family, 20, PANGO_WEIGHT_BOLD);
  doc->fonts[TS_PRINT_STYLE_LARGE] = font_new (mincho_family, 16, PANGO_WEIGHT_NORMAL);
  ts_print_document_new_page (doc);
  return doc;
}

void
ts_print_document_free (TsPrintDocument *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->cr, cairo_destroy);
  g_ptr_array_unref (doc->pages);
  for (guint i = 0; i < G_N_ELEMENTS (doc->fonts); i++)
    g_clear_pointer (&doc->fonts[i], pango_font_description_free);
  g_free (doc->title);
  g_free (doc);
}

void
ts_print_document_new_page (TsPrintDocument *doc)
{
  cairo_rectangle_t extents = { 0, 0, TS_PRINT_A4_WIDTH, TS_PRINT_A4_HEIGHT };
  cairo_surface_t *page;

  g_return_if_fail (!doc->finished);
  g_clear_pointer (&doc->cr, cairo_destroy);
  page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  g_ptr_array_add (doc->pages, page);
  doc->cr = cairo_create (page);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
  doc->y = MARGIN_TOP;
}

double
ts_print_document_text_width (TsPrintDocument *doc)
{
  (void) doc;
  return TS_PRINT_A4_WIDTH - 2 * MARGIN_SIDE;
}

double
ts_print_document_get_y (TsPrintDocument *doc)
{
  return doc->y;
}

void
ts_print_document_set_y (TsPrintDocument *doc, double y)
{
  doc->y = y;
}

double
ts_print_document_reserve (TsPrintDocument *doc, double height)
{
  if (doc->y + height > TS_PRINT_A4_HEIGHT - MARGIN_BOTTOM && doc->y > MARGIN_TOP)
    ts_print_document_new_page (doc);
  return doc->y;
}

void
ts_print_document_space (TsPrintDocument *doc, double points)
{
  doc->y += points;
}

cairo_t *
ts_print_document_cairo (TsPrintDocument *doc)
{
  return doc->cr;
}

/* ---- text ----------------------------------------------------------- */

static PangoLayout *
layout_new (TsPrintDocument *doc, cairo_t *cr, double width, TsPrintStyle style,
            TsPrintAlign align, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics unhinted: the layout is the same at any scale. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_layout_set_font_description (layout, doc->fonts[style]);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align == TS_PRINT_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                      : align == TS_PRINT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                      : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
text_on (TsPrintDocument *doc, cairo_t *cr, double x, double y, double width, TsPrintStyle style,
         TsPrintAlign align, const char *text)
{
  g_autoptr(PangoLayout) layout = layout_new (doc, cr, width, style, align, text);
  double height = layout_height (layout);

  cairo_save (cr);
  if (width <= 0 && align != TS_PRINT_ALIGN_LEFT)
    {
      /* No box: @x is the right end or the centre of the text. */
      int w, h;
      pango_layout_get_size (layout, &w, &h);
      x -= (double) w / PANGO_SCALE / (align == TS_PRINT_ALIGN_RIGHT ? 1 : 2);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return height;
}

static double
text_height (TsPrintDocument *doc, double width, TsPrintStyle style, const char *text)
{
  g_autoptr(PangoLayout) layout = layout_new (doc, doc->cr, width, style, TS_PRINT_ALIGN_LEFT,
                                              text);
  return layout_height (layout);
}

double
ts_print_document_text_at (TsPrintDocument *doc, double x, double y, double width,
                           TsPrintStyle style, TsPrintAlign align, const char *text)
{
  g_return_val_if_fail (doc != NULL && !doc->finished, 0);
  return text_on (doc, doc->cr, x, y, width, style, align, text);
}

void
ts_print_document_paragraph (TsPrintDocument *doc, TsPrintStyle style, TsPrintAlign align,
                             const char *text)
{
  double width = ts_print_document_text_width (doc);
  double height = text_height (doc, width, style, text);

  ts_print_document_reserve (doc, height);
  doc->y += text_on (doc, doc->cr, MARGIN_SIDE, doc->y, width, style, align, text);
  doc->y += 3;
}

void
ts_print_document_title (TsPrintDocument *doc, const char *text)
{
  ts_print_document_paragraph (doc, TS_PRINT_STYLE_TITLE, TS_PRINT_ALIGN_CENTER, text);
  doc->y += 8;
}

void
ts_print_document_heading (TsPrintDocument *doc, const char *text)
{
  double width = ts_print_document_text_width (doc);
  double height = text_height (doc, width, TS_PRINT_STYLE_HEADING, text);

  /* A heading never ends a page: it keeps some room for what follows. */
  doc->y += 6;
  ts_print_document_reserve (doc, height + 60);
  doc->y += text_on (doc, doc->cr, MARGIN_SIDE, doc->y, width, TS_PRINT_STYLE_HEADING,
                     TS_PRINT_ALIGN_LEFT, text);
  cairo_save (doc->cr);
  cairo_set_line_width (doc->cr, 0.8);
  cairo_move_to (doc->cr, MARGIN_SIDE, doc->y + 1.5);
  cairo_line_to (doc->cr, MARGIN_SIDE + width, doc->y + 1.5);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);
  doc->y += 6;
}

/* ---- tables --------------------------------------------------------- */

typedef struct {
  double x[64 + 1];                      /* the columns' left edges and the right end */
} ColumnEdges;

static double
row_height (TsPrintDocument *doc, const ColumnEdges *edges, guint n_columns,
            const char *const *texts)
{
  double height = 0;

  for (guint c = 0; c < n_columns; c++)
    height = MAX (height, text_height (doc, edges->x[c + 1] - edges->x[c] - 2 * CELL_PAD_X,
                                       TS_PRINT_STYLE_TABLE, texts[c]));
  return height + 2 * CELL_PAD_Y;
}

static void
draw_row (TsPrintDocument *doc, const ColumnEdges *edges, const TsPrintColumn *columns,
          guint n_columns, const char *const *texts, double height, gboolean shaded,
          gboolean header)
{
  cairo_t *cr = doc->cr;
  double left = edges->x[0], right = edges->x[n_columns];

  cairo_save (cr);
  if (shaded)
    {
      cairo_set_source_rgb (cr, header ? 0.85 : 0.93, header ? 0.88 : 0.93, header ? 0.93 : 0.93);
      cairo_rectangle (cr, left, doc->y, right - left, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < n_columns; c++)
    text_on (doc, cr, edges->x[c] + CELL_PAD_X, doc->y + CELL_PAD_Y,
             edges->x[c + 1] - edges->x[c] - 2 * CELL_PAD_X, TS_PRINT_STYLE_TABLE,
             header ? TS_PRINT_ALIGN_CENTER : columns[c].align, texts[c]);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, left, doc->y, right - left, height);
  for (guint c = 1; c < n_columns; c++)
    {
      cairo_move_to (cr, edges->x[c], doc->y);
      cairo_line_to (cr, edges->x[c], doc->y + height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  doc->y += height;
}

void
ts_print_document_table (TsPrintDocument *doc, const TsPrintColumn *columns, guint n_columns,
                         const char *const *cells, guint n_rows, TsPrintTableFlags flags)
{
  g_autofree const char **headers = NULL;
  ColumnEdges edges;
  double total = 0, width = ts_print_document_text_width (doc), header_h;

  g_return_if_fail (doc != NULL && !doc->finished);
  g_return_if_fail (n_columns > 0 && n_columns <= 64);

  for (guint c = 0; c < n_columns; c++)
    total += columns[c].width;
  edges.x[0] = MARGIN_SIDE;
  for (guint c = 0; c < n_columns; c++)
    edges.x[c + 1] = edges.x[c] + width * columns[c].width / total;
  headers = g_new0 (const char *, n_columns);
  for (guint c = 0; c < n_columns; c++)
    headers[c] = columns[c].header;
  header_h = row_height (doc, &edges, n_columns, headers);

  ts_print_document_reserve (doc, header_h * 2);
  draw_row (doc, &edges, columns, n_columns, headers, header_h, TRUE, TRUE);
  for (guint r = 0; r < n_rows; r++)
    {
      const char *const *texts = cells + (gsize) r * n_columns;
      double h = row_height (doc, &edges, n_columns, texts);

      if (doc->y + h > TS_PRINT_A4_HEIGHT - MARGIN_BOTTOM)
        {
          /* The table goes on over the page, under its header again. */
          ts_print_document_new_page (doc);
          draw_row (doc, &edges, columns, n_columns, headers, header_h, TRUE, TRUE);
        }
      draw_row (doc, &edges, columns, n_columns, texts, h,
                (flags & TS_PRINT_TABLE_TOTAL_ROW) != 0 && r == n_rows - 1, FALSE);
    }
  doc->y += 6;
}

/* ---- charts --------------------------------------------------------- */

/* Colours that stay apart in greyscale print too. */
static const double palette[][3] = {
  { 0.16, 0.35, 0.62 }, { 0.89, 0.47, 0.16 }, { 0.35, 0.62, 0.30 },
  { 0.55, 0.55, 0.55 }, { 0.60, 0.30, 0.55 }, { 0.80, 0.70, 0.20 },
};

static double
nice_step (double max, int ticks)
{
  double raw = max / ticks, power, f;

  if (raw <= 0)
    return 1;
  power = pow (10, floor (log10 (raw)));
  f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
}

static char *
format_tick (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return ts_print_format_int ((gint64) round (value));
  return g_strdup_printf ("%.1f", value);
}

typedef struct {
  double left, top, width, height;     /* the plot area */
  double max;
} Plot;

/* Title, legend, axes and grid; answers the plot area. */
static Plot
chart_frame (TsPrintDocument *doc, const char *title, const char *unit,
             const char *const *labels, guint n_labels, const TsPrintSeries *series,
             guint n_series, double height, gboolean lines)
{
  cairo_t *cr;
  double width = ts_print_document_text_width (doc), step, legend_x;
  Plot p;
  int ticks = 5;

  ts_print_document_reserve (doc, height);
  cr = doc->cr;
  doc->y += text_on (doc, cr, MARGIN_SIDE, doc->y, width, TS_PRINT_STYLE_LABEL,
                     TS_PRINT_ALIGN_LEFT, title);
  /* The legend, on one line. */
  legend_x = MARGIN_SIDE;
  for (guint s = 0; s < n_series; s++)
    {
      g_autoptr(PangoLayout) layout = layout_new (doc, cr, 0, TS_PRINT_STYLE_SMALL,
                                                  TS_PRINT_ALIGN_LEFT, series[s].name);
      int w, h;
      const double *c = palette[s % G_N_ELEMENTS (palette)];

      cairo_save (cr);
      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      if (lines)
        {
          double dash[] = { 4, 2 };
          cairo_set_line_width (cr, 1.5);
          if (series[s].dashed)
            cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, legend_x, doc->y + 5);
          cairo_line_to (cr, legend_x + 14, doc->y + 5);
          cairo_stroke (cr);
        }
      else
        {
          cairo_rectangle (cr, legend_x, doc->y + 1.5, 14, 7);
          cairo_fill (cr);
        }
      cairo_restore (cr);
      pango_layout_get_size (layout, &w, &h);
      text_on (doc, cr, legend_x + 17, doc->y, 0, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_LEFT,
               series[s].name);
      legend_x += 17 + (double) w / PANGO_SCALE + 12;
    }
  doc->y += 13;

  p.max = 0;
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < n_labels; i++)
      if (!isnan (series[s].values[i]))
        p.max = MAX (p.max, series[s].values[i]);
  step = nice_step (p.max > 0 ? p.max : 1, ticks);
  ticks = (int) ceil ((p.max > 0 ? p.max : 1) / step - 1e-9);
  p.max = step * ticks;

  p.left = MARGIN_SIDE + 42;
  p.top = doc->y + 16;
  p.width = width - 42;
  p.height = height - (p.top - (doc->y - 13)) - 40;
  if (p.height < 40)
    p.height = 40;

  cairo_save (cr);
  if (unit != NULL)
    text_on (doc, cr, p.left - 4, p.top - 19, 0, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_RIGHT, unit);
  cairo_set_line_width (cr, 0.3);
  for (int t = 0; t <= ticks; t++)
    {
      double y = p.top + p.height - p.height * t / ticks;
      g_autofree char *label = format_tick (step * t);

      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_move_to (cr, p.left, y);
      cairo_line_to (cr, p.left + p.width, y);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      text_on (doc, cr, p.left - 4, y - 5, 0, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_RIGHT, label);
    }
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, p.left, p.top);
  cairo_line_to (cr, p.left, p.top + p.height);
  cairo_line_to (cr, p.left + p.width, p.top + p.height);
  cairo_stroke (cr);
  for (guint i = 0; i < n_labels; i++)
    text_on (doc, cr, p.left + p.width * (i + 0.5) / n_labels, p.top + p.height + 3, 0,
             TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_CENTER, labels[i]);
  cairo_restore (cr);
  return p;
}

/* Grouped bars: one group per label, one bar per series. */
static void
draw_bars (TsPrintDocument *doc, cairo_t *cr, Plot p, guint n_labels,
           const TsPrintSeries *series, guint n_series)
{
  double group = p.width / n_labels;
  double bar = group * 0.8 / n_series;

  for (guint i = 0; i < n_labels; i++)
    for (guint s = 0; s < n_series; s++)
      {
        double v = series[s].values[i];
        double x = p.left + group * i + group * 0.1 + bar * s;
        const double *c = palette[s % G_N_ELEMENTS (palette)];

        if (isnan (v))
          {
            cairo_set_source_rgb (cr, 0, 0, 0);
            text_on (doc, cr, x + bar / 2, p.top + p.height - 11, 0, TS_PRINT_STYLE_SMALL,
                     TS_PRINT_ALIGN_CENTER, TS_PRINT_SUPPRESSED);
            continue;
          }
        cairo_set_source_rgb (cr, c[0], c[1], c[2]);
        cairo_rectangle (cr, x, p.top + p.height - p.height * v / p.max, bar * 0.92,
                         p.height * v / p.max);
        cairo_fill (cr);
      }
}

/* One line per series over the labels, with a dot at each value of a
 * solid one. */
static void
draw_lines (cairo_t *cr, Plot p, guint n_labels, const TsPrintSeries *series, guint n_series)
{
  cairo_set_line_width (cr, 1.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < n_series; s++)
    {
      const double *c = palette[s % G_N_ELEMENTS (palette)];
      double dash[] = { 5, 3 };
      gboolean drawing = FALSE;

      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      cairo_set_dash (cr, dash, series[s].dashed ? 2 : 0, 0);
      for (guint i = 0; i < n_labels; i++)
        {
          double v = series[s].values[i];
          double x = p.left + p.width * (i + 0.5) / n_labels;
          double y = p.top + p.height - p.height * v / p.max;

          if (isnan (v))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      cairo_stroke (cr);
      if (!series[s].dashed)
        for (guint i = 0; i < n_labels; i++)
          if (!isnan (series[s].values[i]))
            {
              cairo_arc (cr, p.left + p.width * (i + 0.5) / n_labels,
                         p.top + p.height - p.height * series[s].values[i] / p.max, 2, 0,
                         2 * G_PI);
              cairo_fill (cr);
            }
    }
}

void
ts_print_document_chart (TsPrintDocument *doc, TsPrintChartKind kind, const char *title,
                         const char *unit, const char *const *labels, guint n_labels,
                         const TsPrintSeries *series, guint n_series, double height)
{
  cairo_t *cr;
  Plot p;

  g_return_if_fail (doc != NULL && !doc->finished);
  g_return_if_fail (n_labels > 0 && n_series > 0);

  p = chart_frame (doc, title, unit, labels, n_labels, series, n_series, height,
                   kind == TS_PRINT_CHART_LINES);
  cr = doc->cr;
  cairo_save (cr);
  if (kind == TS_PRINT_CHART_LINES)
    draw_lines (cr, p, n_labels, series, n_series);
  else
    draw_bars (doc, cr, p, n_labels, series, n_series);
  cairo_restore (cr);
  doc->y = p.top + p.height + 24;
}

/* ---- the PDF -------------------------------------------------------- */

static cairo_status_t
write_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ts_print_document_finish (TsPrintDocument *doc, GError **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *printed = NULL, *created = NULL;
  cairo_surface_t *pdf;
  cairo_t *cr;
  cairo_status_t status;
  guint n = doc->pages->len;
  int y, m, d;

  g_return_val_if_fail (doc != NULL && !doc->finished, NULL);
  doc->finished = TRUE;
  g_clear_pointer (&doc->cr, cairo_destroy);

  printed = ts_wareki_date (doc->printed_on);
  ts_date_get_ymd (doc->printed_on, &y, &m, &d);
  created = g_strdup_printf ("%04d-%02d-%02dT00:00:00+09:00", y, m, d);

  pdf = cairo_pdf_surface_create_for_stream (write_bytes, out, TS_PRINT_A4_WIDTH,
                                             TS_PRINT_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "tsunagari");
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATE_DATE, created);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_MOD_DATE, created);
  cr = cairo_create (pdf);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u / %u", i + 1, n);
      g_autofree char *date = g_strdup_printf ("印刷日 %s", printed != NULL ? printed : "");

      cairo_set_source_surface (cr, doc->pages->pdata[i], 0, 0);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      text_on (doc, cr, MARGIN_SIDE, FOOTER_Y, 0, TS_PRINT_STYLE_SMALL, TS_PRINT_ALIGN_LEFT,
               doc->title);
      text_on (doc, cr, TS_PRINT_A4_WIDTH / 2, FOOTER_Y, 0, TS_PRINT_STYLE_SMALL,
               TS_PRINT_ALIGN_CENTER, number);
      text_on (doc, cr, TS_PRINT_A4_WIDTH - MARGIN_SIDE, FOOTER_Y, 0, TS_PRINT_STYLE_SMALL,
               TS_PRINT_ALIGN_RIGHT, date);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL, "cairo: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ---- formats -------------------------------------------------------- */

char *
ts_print_format_int (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             value < 0 ? (guint64) 0 - (guint64) value
                                                       : (guint64) value);
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
ts_print_format_yen (gint64 value)
{
  g_autofree char *number = ts_print_format_int (value);

  return g_strconcat (number, "円", NULL);
}

char *
ts_print_wareki_month (int year, int month)
{
  g_autofree char *date = NULL;

  if (month < 1 || month > 12)
    return NULL;
  date = ts_wareki_date (ts_date_new (year, month, 1));
  if (date == NULL || !g_str_has_suffix (date, "1日"))
    return NULL;
  date[strlen (date) - strlen ("1日")] = '\0';
  return g_steal_pointer (&date);
}
