#include "store/supporters.h"
#include "store/store-private.h"

gboolean
ts_store_supporter_exists (TsStore *self, gint64 id, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, "SELECT 1 FROM supporters WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return ts_store_step (self, stmt, error) == SQLITE_ROW;
}
