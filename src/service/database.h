/*
 * The database as a whole, for the command line's verbs (issue 12): open
 * (create or migrate), schema version, backup and close.  The interfaces
 * reach the store only through the service; these are the verbs that are
 * about the file rather than about a use case.
 */
#pragma once

#include "core/config.h"
#include "service/service.h"

G_BEGIN_DECLS

/* What a backup holds, and how long it took to take. */
typedef struct {
  gint64 rows;          /* rows in all tables */
  guint  tables;
  gint64 audit_seq;     /* the newest audit entry it holds */
  double seconds;
} TsDatabaseBackupInfo;

/* Opens the database at @path, creating it or migrating it to this
 * version's schema, and returns the service on it with @config. */
TsService *ts_service_open_database         (const char  *path,
                                             TsConfig    *config,
                                             GError     **error);
/* The schema version the open database is at. */
int        ts_service_get_schema_version    (TsService   *self);
/* Copies a consistent snapshot of the database at @database_path to
 * @destination in one read transaction; safe while a service writes. */
gboolean   ts_service_backup_database       (const char            *database_path,
                                             const char            *destination,
                                             TsDatabaseBackupInfo  *info,
                                             GError               **error);
/* Finishes every queued write and stops the writer; no write may follow. */
void       ts_service_close_database        (TsService   *self);

G_END_DECLS
