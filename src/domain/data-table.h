/*
 * The reference tables compiled into the library (the .tsv files of data/ as a
 * GResource): municipalities, public holidays.  Each is read once into a
 * text of its own whose tabs and newlines the parser cuts to NULs, so that
 * its rows point into it and nothing more is allocated per field.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*TsDataRowFunc) (char *line, gsize line_no, gpointer user_data);

/* A copy of @resource, NUL-terminated; *@out_n_lines counts its lines, an
 * upper bound of its rows. */
char *ts_data_table_load     (const char   *resource,
                              gsize        *out_n_lines);
/* Checks that the first line of @text is @header and calls @row for every
 * other non-empty line, cut at its newline; returns the last line's
 * number. */
gsize ts_data_table_each_row (char         *text,
                              const char   *resource,
                              const char   *header,
                              TsDataRowFunc row,
                              gpointer      user_data);
/* A table is checked by its generator and the tests, so a row that does
 * not parse means a broken build, not bad input. */
G_GNUC_NORETURN
void  ts_data_table_corrupt  (const char   *resource,
                              gsize         line_no,
                              const char   *why);

G_END_DECLS
