/*
 * What the supporter registry's service files share (service/supporters.c,
 * supporters-status.c, supporters-training.c, supporters-insurance.c).
 */
#pragma once

#include "service/supporters.h"
#include "store/supporters.h"

G_BEGIN_DECLS

/* A view of @record (transfer full) with its completions (NULL: none) and
 * history (NULL in lists), qualified on @on, for a caller with @ctx. */
TsSupporterView *ts_supporter_view_new  (TsService          *self,
                                         TsContext          *ctx,
                                         TsSupporterRecord  *record,
                                         GArray             *trainings,
                                         GPtrArray          *status_changes,
                                         TsDate              on);
/* The record, its completions and its history from one snapshot, on @on
 * (TS_DATE_NONE: today). */
TsSupporterView *ts_supporter_load_view (TsService          *self,
                                         TsContext          *ctx,
                                         gint64              id,
                                         TsDate              on,
                                         GError            **error);
/* Staff only, and supporter @id must exist (404 before any 422). */
gboolean         ts_supporter_check_verb (TsService         *self,
                                          TsContext         *ctx,
                                          gint64             id,
                                          GError           **error);

G_END_DECLS
