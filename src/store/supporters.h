/*
 * Supporters and their training records.
 */
#pragma once

#include "store/store.h"

G_BEGIN_DECLS

gboolean ts_store_supporter_exists (TsStore *self, gint64 id, GError **error);

G_END_DECLS
