/*
 * The matcher's vocabulary: the enumerations shared by its inputs and
 * outputs, with the stable strings of the REST API (SPEC 3.2).
 *
 * Sets over a small fixed vocabulary (skills and needs, hard-filter
 * reasons) are bit masks, so that a scoring loop over tens of thousands of
 * supporters tests them with one AND.
 */
#pragma once

#include <glib.h>
#include "core/vocabulary.h"

G_BEGIN_DECLS

#define TS_MATCH_ERROR (ts_match_error_quark ())

typedef enum {
  TS_MATCH_ERROR_INVALID_INPUT,
  TS_MATCH_ERROR_INVALID_CONFIG,
  TS_MATCH_ERROR_TOO_LARGE,
  TS_MATCH_ERROR_CANCELLED,
} TsMatchError;

GQuark ts_match_error_quark (void);

typedef enum {
  TS_MATCH_GENDER_UNSPECIFIED = 0,
  TS_MATCH_GENDER_FEMALE,
  TS_MATCH_GENDER_MALE,
  TS_MATCH_GENDER_OTHER,
} TsMatchGender;

typedef enum {
  TS_MATCH_PEER_NONE = 0,
  TS_MATCH_PEER_SELF,
  TS_MATCH_PEER_FAMILY,
} TsMatchPeer;

/* Supporters' skills and cases' needs share one vocabulary (SPEC 3.2). */
typedef enum {
  TS_MATCH_SKILL_HOME_VISIT     = 1 << 0,
  TS_MATCH_SKILL_ACCOMPANY      = 1 << 1,
  TS_MATCH_SKILL_PHONE          = 1 << 2,
  TS_MATCH_SKILL_SPACE          = 1 << 3,
  TS_MATCH_SKILL_FAMILY_SUPPORT = 1 << 4,
  TS_MATCH_SKILL_ONLINE         = 1 << 5,
} TsMatchSkill;

#define TS_MATCH_N_SKILLS 6

/* Hard filters (SPEC 2.2).  The bit order is the order in which reasons
 * are listed, so that every answer lists them the same way. */
typedef enum {
  TS_MATCH_REASON_NOT_REGISTERED        = 1 << 0,
  TS_MATCH_REASON_QUALIFICATION_LAPSED  = 1 << 1,
  TS_MATCH_REASON_INSURANCE_NOT_VALID   = 1 << 2,
  TS_MATCH_REASON_AT_CAPACITY           = 1 << 3,
  TS_MATCH_REASON_GENDER_MISMATCH       = 1 << 4,
  TS_MATCH_REASON_SAME_MUNICIPALITY     = 1 << 5,
  TS_MATCH_REASON_EXCLUDED_PAIR         = 1 << 6,
} TsMatchReason;

#define TS_MATCH_N_REASONS 7

/* A set of TsMatchReason bits; 0 means eligible. */
typedef guint32 TsMatchReasons;

/* Soft factors, in the fixed order in which they are listed and summed. */
typedef enum {
  TS_MATCH_FACTOR_DISTANCE = 0,
  TS_MATCH_FACTOR_AVAILABILITY,
  TS_MATCH_FACTOR_NEEDS_SKILLS,
  TS_MATCH_FACTOR_INTERESTS,
  TS_MATCH_FACTOR_PEER_EXPERIENCE,
  TS_MATCH_FACTOR_GENDER,
  TS_MATCH_FACTOR_WORKLOAD,
  TS_MATCH_FACTOR_CONTINUITY,
  TS_MATCH_FACTOR_OCCUPATION,
} TsMatchFactorKind;

#define TS_MATCH_N_FACTORS 9

/* Why a case of a batch stays unassigned. */
typedef enum {
  /* every supporter is excluded by a hard filter */
  TS_MATCH_UNASSIGNED_NO_ELIGIBLE_SUPPORTER = 1,
  /* eligible supporters exist, but the optimum fills all of them */
  TS_MATCH_UNASSIGNED_CAPACITY_EXHAUSTED,
} TsMatchUnassignedReason;

TS_DECLARE_VOCABULARY (ts_match_gender, TsMatchGender)
TS_DECLARE_VOCABULARY (ts_match_peer, TsMatchPeer)
const char *ts_match_skill_to_string       (TsMatchSkill skill);
gboolean    ts_match_skill_from_string     (const char   *text,
                                            TsMatchSkill *out);
gboolean    ts_match_skills_from_strv      (const char *const *names,
                                            guint32           *out,
                                            GError           **error);
const char *ts_match_reason_to_string      (TsMatchReason reason);
guint       ts_match_reasons_to_strings    (TsMatchReasons reasons,
                                            const char    *out[TS_MATCH_N_REASONS]);
const char *ts_match_factor_to_string      (TsMatchFactorKind kind);
gboolean    ts_match_factor_from_string    (const char        *text,
                                            TsMatchFactorKind *out);
const char *ts_match_unassigned_reason_to_string (TsMatchUnassignedReason reason);

G_END_DECLS
