/*
 * What the files of the matching use cases share (see matching.h for the
 * API and for how the supporters cache stays current): the snapshot's
 * fields, the cache's operations, and the conversion of store rows into
 * the matcher's input.  Only src/service/matching-*.c include it.
 */
#pragma once

#include "domain/qualification.h"
#include "match/match.h"
#include "service/matching.h"
#include "service/service-private.h"
#include "store/cases.h"
#include "store/matching.h"

G_BEGIN_DECLS

/* ---- the snapshot (matching-snapshot.c) --------------------------------- */

struct _TsMatchSnapshot {
  gint               ref_count;
  gint64             version;
  TsDate             on;
  gint64             pool;        /* the organisation; 0: all */
  TsMatchSupporters *supporters;
  GPtrArray         *names;       /* borrowed from chunk, by supporter index */
  GStringChunk      *chunk;
  guint64            used;        /* for least-recently-used eviction, under
                                   * the cache's lock */
};

/* ---- the per-service cache (matching-cache.c) --------------------------- */

/* The service's [matching] configuration, parsed on first use (an invalid
 * one is logged once and refused every time). */
const TsMatchConfig *ts_matching_cache_get_config (TsMatchingCache  *cache,
                                                   TsConfig         *config,
                                                   GError          **error);
/* A new reference to the copy of @pool for @on built from data @version,
 * or NULL; drops every copy older than @version. */
TsMatchSnapshot     *ts_matching_cache_lookup     (TsMatchingCache  *cache,
                                                   TsDate            on,
                                                   gint64            pool,
                                                   gint64            version);
/* Keeps a reference to @snapshot unless a newer version was seen. */
void                 ts_matching_cache_insert     (TsMatchingCache  *cache,
                                                   TsMatchSnapshot  *snapshot);
/* One load at a time: the others wait and then find it cached. */
void                 ts_matching_cache_lock_load   (TsMatchingCache *cache);
void                 ts_matching_cache_unlock_load (TsMatchingCache *cache);

/* ---- store rows into the matcher's input (matching-input.c) ------------- */

/* Turns supporter rows into the matcher's input; the scratch buffers are
 * reused from row to row so that loading allocates per row only what the
 * matcher keeps. */
typedef struct {
  TsQualificationRules rules;
  TsDate               on;
  TsMatchSupporters   *supporters;
  GPtrArray           *names;     /* NULL: not kept */
  GStringChunk        *chunk;
  gboolean             strict;    /* a row the matcher refuses is an error */
  GString             *scratch;
  GPtrArray           *words;
  GArray              *ranges;
  GArray              *completions;
} TsMatchingBuilder;

void     ts_matching_builder_init    (TsMatchingBuilder         *b,
                                      TsService                 *service,
                                      TsDate                     on,
                                      gboolean                   keep_names);
void     ts_matching_builder_clear   (TsMatchingBuilder         *b);
/* A TsMatchSupporterRowFunc; @user_data is the builder. */
gboolean ts_matching_builder_add_row (const TsMatchSupporterRow *row,
                                      gpointer                   user_data,
                                      GError                   **error);

/* Adds @info's case, its exclusions and its history to @cases. */
gboolean ts_matching_add_case        (TsMatchCases              *cases,
                                      const TsCaseMatchInfo     *info,
                                      GError                   **error);

G_END_DECLS
