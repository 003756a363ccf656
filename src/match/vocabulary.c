/*
 * The matcher's vocabulary and its stable API strings.
 */
#include "match/vocabulary.h"

#include <string.h>

#include "core/vocabulary.h"

G_DEFINE_QUARK (ts-match-error-quark, ts_match_error)

static const char *const gender_names[] = {
  "unspecified", "female", "male", "other",
  NULL,
};

static const char *const peer_names[] = {
  "none", "self", "family",
  NULL,
};

static const char *const skill_names[TS_MATCH_N_SKILLS] = {
  "home_visit", "accompany", "phone", "space", "family_support", "online",
};

static const char *const reason_names[TS_MATCH_N_REASONS] = {
  "not_registered",
  "qualification_lapsed",
  "insurance_not_valid",
  "at_capacity",
  "gender_mismatch",
  "same_municipality",
  "excluded_pair",
};

static const char *const factor_names[TS_MATCH_N_FACTORS] = {
  "distance",
  "availability",
  "needs_skills",
  "interests",
  "peer_experience",
  "gender",
  "workload",
  "continuity",
  "occupation",
};

static gboolean
lookup (const char *const *names, guint n, const char *text, guint *out)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static const TsVocabulary gender_vocabulary = { gender_names, NULL };

TS_DEFINE_VOCABULARY (ts_match_gender, TsMatchGender, gender_vocabulary)

static const TsVocabulary peer_vocabulary = { peer_names, NULL };

TS_DEFINE_VOCABULARY (ts_match_peer, TsMatchPeer, peer_vocabulary)

/* The name of one bit of a mask whose bits follow @names; NULL when @bit
 * is not one of them. */
static const char *
bit_name (const char *const *names, guint n_names, guint bit)
{
  for (guint i = 0; i < n_names; i++)
    if (bit == 1u << i)
      return names[i];
  return NULL;
}

const char *
ts_match_skill_to_string (TsMatchSkill skill)
{
  const char *name = bit_name (skill_names, TS_MATCH_N_SKILLS, (guint) skill);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

gboolean
ts_match_skill_from_string (const char *text, TsMatchSkill *out)
{
  guint i;

  if (!lookup (skill_names, TS_MATCH_N_SKILLS, text, &i))
    return FALSE;
  if (out != NULL)
    *out = (TsMatchSkill) (1u << i);
  return TRUE;
}

gboolean
ts_match_skills_from_strv (const char *const *names,
                           guint32           *out,
                           GError           **error)
{
  guint32 mask = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      TsMatchSkill skill;

      if (!ts_match_skill_from_string (names[i], &skill))
        {
          g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                       "unknown skill or need “%s”", names[i]);
          return FALSE;
        }
      mask |= (guint32) skill;
    }
  *out = mask;
  return TRUE;
}

const char *
ts_match_reason_to_string (TsMatchReason reason)
{
  const char *name = bit_name (reason_names, TS_MATCH_N_REASONS, (guint) reason);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

guint
ts_match_reasons_to_strings (TsMatchReasons reasons,
                             const char    *out[TS_MATCH_N_REASONS])
{
  guint n = 0;

  for (guint i = 0; i < TS_MATCH_N_REASONS; i++)
    if (reasons & (1u << i))
      out[n++] = reason_names[i];
  return n;
}

const char *
ts_match_factor_to_string (TsMatchFactorKind kind)
{
  g_return_val_if_fail ((guint) kind < TS_MATCH_N_FACTORS, NULL);
  return factor_names[kind];
}

gboolean
ts_match_factor_from_string (const char *text, TsMatchFactorKind *out)
{
  guint i;

  if (!lookup (factor_names, TS_MATCH_N_FACTORS, text, &i))
    return FALSE;
  if (out != NULL)
    *out = (TsMatchFactorKind) i;
  return TRUE;
}

const char *
ts_match_unassigned_reason_to_string (TsMatchUnassignedReason reason)
{
  switch (reason)
    {
    case TS_MATCH_UNASSIGNED_NO_ELIGIBLE_SUPPORTER:
      return "no_eligible_supporter";
    case TS_MATCH_UNASSIGNED_CAPACITY_EXHAUSTED:
      return "capacity_exhausted";
    default:
      g_return_val_if_reached (NULL);
    }
}
