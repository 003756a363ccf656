/*
 * Matching configuration: the weight of every soft factor, the distance
 * that normalises travel, the occupation-fit mapping and the solver's
 * pruning width.  ts_match_config_new() gives the documented defaults
 * (docs/matching.md); the service overrides them from its config file.
 */
#pragma once

#include <glib.h>

#include "match/vocabulary.h"

G_BEGIN_DECLS

/* Scores are sums of weight × value with values in 0..1; capping each
 * weight keeps every score below 1000, which the batch solver needs to
 * scale scores to exact integers (TS_MATCH_SCORE_SCALE). */
#define TS_MATCH_MAX_WEIGHT 100.0

#define TS_MATCH_DEFAULT_MAX_DISTANCE_KM 30.0
#define TS_MATCH_DEFAULT_PRUNE_K 16

typedef struct _TsMatchConfig TsMatchConfig;

TsMatchConfig     *ts_match_config_new                 (void);
TsMatchConfig     *ts_match_config_copy                (const TsMatchConfig *self);
void               ts_match_config_free                (TsMatchConfig *self);

double             ts_match_config_get_weight          (const TsMatchConfig *self,
                                                        TsMatchFactorKind    kind);
gboolean           ts_match_config_set_weight          (TsMatchConfig     *self,
                                                        TsMatchFactorKind  kind,
                                                        double             weight,
                                                        GError           **error);
double             ts_match_config_get_max_distance_km (const TsMatchConfig *self);
gboolean           ts_match_config_set_max_distance_km (TsMatchConfig *self,
                                                        double         km,
                                                        GError       **error);
gboolean           ts_match_config_get_require_insurance (const TsMatchConfig *self);
void               ts_match_config_set_require_insurance (TsMatchConfig *self,
                                                          gboolean       require);
guint              ts_match_config_get_prune_k         (const TsMatchConfig *self);
void               ts_match_config_set_prune_k         (TsMatchConfig *self,
                                                        guint          k);

void               ts_match_config_set_occupation_fit  (TsMatchConfig     *self,
                                                        const char        *referral_kind,
                                                        const char *const *occupations);
const char *const *ts_match_config_get_occupation_fit  (const TsMatchConfig *self,
                                                        const char          *referral_kind);
GPtrArray         *ts_match_config_list_referral_kinds (const TsMatchConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMatchConfig, ts_match_config_free)

G_END_DECLS
