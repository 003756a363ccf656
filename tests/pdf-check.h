/*
 * Checks of a PDF by the tools a reader would use (issue 16): poppler's
 * pdftotext (its text), pdfinfo (page size, count, metadata) and pdftoppm
 * (it renders).  The tools are found on PATH; a missing one fails the test
 * (scripts/deps.sh installs poppler-utils), it is never skipped.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of the PDF (pdftotext, UTF-8), with line breaks and runs of
 * spaces collapsed to one space so that assertions do not depend on how a
 * table wraps. */
char    *ts_pdf_text          (const void *pdf, gsize length);
/* pdfinfo's value of @key ("Pages", "Page size", "Title", ...). */
char    *ts_pdf_info          (const void *pdf, gsize length, const char *key);
/* Asserts a PDF: %PDF- header, A4 pages (595.276 x 841.89 pts), @pages
 * pages (0: any), Creator tsunagari, and that pdftoppm renders its first
 * page at @dpi to a PNG of the size A4 has at that resolution. */
void     ts_pdf_assert_a4     (const void *pdf, gsize length, guint pages, int dpi);
/* Asserts @needle is in @text, with a message naming both. */
#define ts_assert_text_has(text, needle)                                           \
  G_STMT_START {                                                                   \
    if (strstr ((text), (needle)) == NULL)                                         \
      g_error ("%s:%d: \"%s\" is not in the PDF's text: %s", __FILE__, __LINE__,   \
               (needle), (text));                                                  \
  } G_STMT_END

G_END_DECLS
