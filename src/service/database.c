#include "service/database.h"

#include "store/store.h"

TsService *
ts_service_open_database (const char *path, TsConfig *config, GError **error)
{
  g_autoptr(TsStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  store = ts_store_open (path, error);
  if (store == NULL)
    return NULL;
  return ts_service_new (store, config);
}

int
ts_service_get_schema_version (TsService *self)
{
  g_return_val_if_fail (TS_IS_SERVICE (self), 0);
  return ts_store_get_schema_version (ts_service_get_store (self));
}

gboolean
ts_service_backup_database (const char *database_path, const char *destination,
                            TsDatabaseBackupInfo *info, GError **error)
{
  TsStoreBackupInfo taken = { 0 };

  if (!ts_store_backup (database_path, destination, &taken, error))
    return FALSE;
  if (info == NULL)
    return TRUE;
  info->rows = taken.rows;
  info->tables = taken.tables;
  info->audit_seq = taken.audit_seq;
  info->seconds = taken.seconds;
  return TRUE;
}

void
ts_service_close_database (TsService *self)
{
  g_return_if_fail (TS_IS_SERVICE (self));
  ts_store_close (ts_service_get_store (self));
}
