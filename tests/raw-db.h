/*
 * A database file read and written as SQLite sees it, past the store: for
 * the tests that build old schemas, break rows on purpose or check what a
 * migration left.  Every failure is a test failure.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @sql (several statements) on @path; any error fails the test. */
void   ts_raw_exec  (const char *path, const char *sql);
/* The first column of @sql's first row (there must be one). */
gint64 ts_raw_count (const char *path, const char *sql);
/* Runs @sql on @path and returns SQLite's result code. */
int    ts_raw_try   (const char *path, const char *sql);
/* Removes @dir and the files in it. */
void   ts_remove_dir (const char *dir);

G_END_DECLS
