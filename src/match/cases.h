/*
 * The cases of a matching run, with their excluded pairs and history.
 *
 * A TsMatchCases belongs to one TsMatchSupporters: a case's interests are
 * looked up in the supporters' interner, and its excluded pairs and
 * continuity history are resolved to supporter indices.
 */
#pragma once

#include <glib.h>

#include "match/config.h"
#include "match/supporters.h"
#include "match/vocabulary.h"

G_BEGIN_DECLS

typedef struct {
  gint64                  id;
  guint32                 municipality_code;
  TsMatchGender           gender_preference;        /* UNSPECIFIED: none */
  gboolean                gender_required;          /* hard, else soft */
  gboolean                avoid_same_municipality;
  TsMatchPeer             peer_experience;          /* NONE: no preference */
  guint32                 needs;                    /* TsMatchSkill bits */
  gboolean                has_location;
  double                  latitude;
  double                  longitude;
  const char             *referred_by;              /* referral kind, or NULL */
  const char *const      *interests;                /* NULL-terminated, or NULL */
  const TsMatchTimeRange *availability;             /* preferred times */
  guint                   n_availability;           /* 0: no preference */
} TsMatchCaseInfo;

typedef struct _TsMatchCases TsMatchCases;

TsMatchCases      *ts_match_cases_new           (TsMatchSupporters *supporters);
void               ts_match_cases_free          (TsMatchCases *self);
gboolean           ts_match_cases_add           (TsMatchCases          *self,
                                                 const TsMatchCaseInfo *info,
                                                 GError               **error);
void               ts_match_cases_add_exclusion (TsMatchCases *self,
                                                 gint64        case_id,
                                                 gint64        supporter_id);
void               ts_match_cases_add_history   (TsMatchCases *self,
                                                 gint64        case_id,
                                                 gint64        supporter_id);
TsMatchSupporters *ts_match_cases_get_supporters (TsMatchCases *self);
guint              ts_match_cases_get_size      (const TsMatchCases *self);
gint64             ts_match_cases_get_id        (TsMatchCases *self,
                                                 guint         index);
gboolean           ts_match_cases_find          (TsMatchCases *self,
                                                 gint64        id,
                                                 guint        *out_index);
TsMatchReasons     ts_match_cases_check         (TsMatchCases        *self,
                                                 guint                case_index,
                                                 guint                supporter_index,
                                                 TsDate               on,
                                                 const TsMatchConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMatchCases, ts_match_cases_free)

G_END_DECLS
