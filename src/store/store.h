/*
 * TsStore: the one object that owns the SQLite database.
 *
 * Reads run on a connection private to the calling thread and never wait for
 * writes (WAL).  Writes are functions handed to one writer thread, which runs
 * the writes of all requests waiting at that moment in one transaction, each
 * inside its own savepoint, and commits them with one fsync (group commit).
 * ts_store_write() returns only once that commit is durable
 * (synchronous=FULL), so a 2xx answered after it survives kill -9.
 * ts_store_write_async() is the same write without a waiting thread: its
 * callback runs in the caller's main context once the commit is durable.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TS_TYPE_STORE (ts_store_get_type ())
G_DECLARE_FINAL_TYPE (TsStore, ts_store, TS, STORE, GObject)

/* Runs on the writer thread inside a savepoint; returning FALSE rolls back
 * only this function's changes. */
typedef gboolean (*TsStoreWriteFunc) (TsStore  *store,
                                      gpointer  user_data,
                                      GError  **error);
typedef gboolean (*TsStoreReadFunc)  (TsStore  *store,
                                      gpointer  user_data,
                                      GError  **error);

/* What a backup holds, and how long it took to take. */
typedef struct {
  gint64 rows;          /* rows in all tables */
  guint  tables;
  gint64 audit_seq;     /* the newest audit entry it holds */
  double seconds;
} TsStoreBackupInfo;

TsStore  *ts_store_open               (const char *path,
                                       GError    **error);
int       ts_store_get_schema_version (TsStore    *self);
int       ts_store_get_latest_schema_version (void);
gboolean  ts_store_write              (TsStore         *self,
                                       TsStoreWriteFunc func,
                                       gpointer         user_data,
                                       GError         **error);
void      ts_store_write_async        (TsStore            *self,
                                       TsStoreWriteFunc    func,
                                       gpointer            user_data,
                                       GDestroyNotify      destroy,
                                       GAsyncReadyCallback callback,
                                       gpointer            callback_data);
gboolean  ts_store_write_finish       (TsStore         *self,
                                       GAsyncResult    *result,
                                       GError         **error);
gboolean  ts_store_sync               (TsStore         *self,
                                       GError         **error);
gboolean  ts_store_set_busy_timeout   (TsStore         *self,
                                       guint            milliseconds,
                                       GError         **error);
gboolean  ts_store_read               (TsStore         *self,
                                       TsStoreReadFunc  func,
                                       gpointer         user_data,
                                       GError         **error);
gboolean  ts_store_in_writer          (TsStore    *self);
gboolean  ts_store_check              (TsStore    *self,
                                       GError    **error);
gboolean  ts_store_backup             (const char        *database_path,
                                       const char        *destination,
                                       TsStoreBackupInfo *info,
                                       GError           **error);
void      ts_store_close              (TsStore    *self);
guint64   ts_store_get_commit_count   (TsStore    *self);

G_END_DECLS
