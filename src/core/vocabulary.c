/*
 * Names of enum values: see core/vocabulary.h.
 */
#include "core/vocabulary.h"

const char *
ts_vocabulary_to_string (const TsVocabulary *vocabulary, int value)
{
  g_return_val_if_fail (vocabulary != NULL, NULL);

  for (int i = 0; value >= 0 && vocabulary->names[i] != NULL; i++)
    if (i == value)
      return vocabulary->names[i];
  g_return_val_if_reached (NULL);
}

gboolean
ts_vocabulary_from_string (const TsVocabulary *vocabulary, const char *text, int *out)
{
  g_return_val_if_fail (vocabulary != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (int i = 0; vocabulary->names[i] != NULL; i++)
    if (g_str_equal (vocabulary->names[i], text))
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}
