/*
 * 職親 hosts (SPEC 2.3; Akita, seed 002): the businesses that take
 * participants in for work experience, their pre-visit surveys
 * (事前訪問調査) and their status history.
 *
 * The records are in model/host.h; the store only reads and writes them.
 * Every change bumps `version` (the ETag); updates are optimistic
 * (`WHERE id = ? AND version = ?`).
 */
#pragma once

#include <glib.h>

#include "model/host.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_host_insert               (TsStore            *self,
                                             const TsHostRecord *record,
                                             gint64              now,
                                             gint64             *out_id,
                                             GError            **error);
gboolean ts_store_host_update               (TsStore            *self,
                                             const TsHostRecord *record,
                                             gint64              expected_version,
                                             gint64              now,
                                             GError            **error);
gboolean ts_store_host_survey_insert        (TsStore            *self,
                                             gint64              host_id,
                                             TsDate              surveyed_on,
                                             gboolean            approved,
                                             const char         *notes,
                                             gint64              user_id,
                                             gint64              now,
                                             GError            **error);
gboolean ts_store_host_status_change_insert (TsStore            *self,
                                             gint64              host_id,
                                             TsHostStatus        from_status,
                                             TsHostStatus        to_status,
                                             TsDate              changed_on,
                                             const char         *reason,
                                             gint64              user_id,
                                             gint64              now,
                                             GError            **error);

/* Any thread (inside a write function they see its own changes). */
TsHostRecord *ts_store_host_get            (TsStore            *self,
                                            gint64              id,
                                            GError            **error);
GPtrArray    *ts_store_host_list           (TsStore            *self,
                                            const TsHostQuery  *filter,
                                            gint64              after_id,
                                            guint               limit,
                                            GError            **error);
GPtrArray    *ts_store_host_surveys        (TsStore            *self,
                                            gint64              host_id,
                                            GError            **error);
GPtrArray    *ts_store_host_status_changes (TsStore            *self,
                                            gint64              host_id,
                                            GError            **error);

G_END_DECLS
