/*
 * The spreadsheets the service writes (issue 14): documents Excel opens as
 * they are, whatever the reader's locale.
 *
 * - UTF-8 with a byte order mark (without it, a Japanese Excel reads
 *   Shift_JIS), CRLF line ends (RFC 4180), fixed Japanese headers.
 * - Dates as YYYY-MM-DD, which Excel reads as a date; a moment in time as
 *   YYYY-MM-DD HH:MM in Asia/Tokyo (no "T", no "+09:00", which Excel
 *   leaves as text).
 * - Amounts as plain integers of yen.
 * - Totals apart from the data rows: after one empty line, in a block of
 *   their own, so that a filter or a sum over the data column never counts
 *   them twice.
 * - Text that a spreadsheet would run as a formula prefixed with an
 *   apostrophe (names are typed in by people).
 */
#pragma once

#include <glib.h>

#include "core/date.h"

G_BEGIN_DECLS

/* A new document: the byte order mark, then @header (the column names
 * separated by commas) and its line end. */
GString *ts_csv_new         (const char *header);
/* The cells of a row: text after a comma (none when first), RFC 4180
 * quoted, with an apostrophe before what a spreadsheet would run as a
 * formula; NULL is an empty cell.  An integer is written as it is, a
 * negative one included. */
void     ts_csv_field       (GString    *out,
                             const char *text,
                             gboolean    first);
void     ts_csv_int         (GString    *out,
                             gint64      value);
/* YYYY-MM-DD; TS_DATE_NONE is an empty cell.  Never the first cell. */
void     ts_csv_date        (GString    *out,
                             TsDate      date);
/* YYYY-MM-DD HH:MM in Asia/Tokyo; 0 is an empty cell.  Never the first. */
void     ts_csv_timestamp   (GString    *out,
                             gint64      unix_seconds);
/* Ends a row. */
void     ts_csv_end_row     (GString    *out);

/* A Content-Disposition for the download: @ascii_name for old clients,
 * and @name (UTF-8, Japanese) as RFC 6266 filename*. */
char    *ts_csv_disposition (const char *ascii_name,
                             const char *name);

G_END_DECLS
