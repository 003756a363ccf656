/*
 * Programmes (事業; issue 17, schema 15): a name, an optional limit of
 * visits per case and the eligibility minimums checked at intake.
 * Installation-wide: an administrator keeps them.
 */
#pragma once

#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  char   *name;
  int     visit_limit;              /* 0: none */
  int     min_age;                  /* -1: none */
  int     min_withdrawal_months;    /* -1: none */
  gint64  created_at;
} TsProgramme;

void ts_programme_free (TsProgramme *programme);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsProgramme, ts_programme_free)

/* Writer thread only. */
gboolean     ts_store_programme_insert (TsStore            *self,
                                        const TsProgramme  *programme,
                                        gint64              now,
                                        gint64             *out_id,
                                        GError            **error);
/* Any thread. */
/* TS_ERROR_NOT_FOUND "No such programme". */
TsProgramme *ts_store_programme_get    (TsStore  *self,
                                        gint64    id,
                                        GError  **error);
GPtrArray   *ts_store_programme_list   (TsStore  *self,
                                        GError  **error);
/* What a case's programme limit counts: its planned visits (not
 * cancelled) and its live home-visit reports that name no visit; leaving
 * out visit @except_visit (0: none).  -1 on error. */
gint64       ts_store_programme_case_visits (TsStore  *self,
                                             gint64    case_id,
                                             gint64    except_visit,
                                             GError  **error);

G_END_DECLS
