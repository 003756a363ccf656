/*
 * A closed set of names for an enum whose values are 0, 1, 2, …: the one
 * way a status, a kind or a gender is turned into its API name and back.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @invalid is the field error for any other text (N_(), listing the names);
 * NULL where no client sends the value. */
typedef struct {
  const char *const *names;           /* by value, NULL-terminated */
  const char        *invalid;
} TsVocabulary;

const char *ts_vocabulary_to_string   (const TsVocabulary *vocabulary,
                                       int                 value);
gboolean    ts_vocabulary_from_string (const TsVocabulary *vocabulary,
                                       const char         *text,
                                       int                *out);

/* Declares prefix_to_string() and prefix_from_string() for the enum @Type;
 * TS_DEFINE_VOCABULARY defines them over a TsVocabulary in a .c file. */
#define TS_DECLARE_VOCABULARY(prefix, Type)                                   \
  const char *prefix##_to_string   (Type value);                             \
  gboolean    prefix##_from_string (const char *text, Type *out);

#define TS_DEFINE_VOCABULARY(prefix, Type, vocabulary)                        \
  const char *                                                                \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    return ts_vocabulary_to_string (&(vocabulary), (int) value);              \
  }                                                                           \
                                                                              \
  gboolean                                                                    \
  prefix##_from_string (const char *text, Type *out)                          \
  {                                                                           \
    int value;                                                                \
                                                                              \
    if (!ts_vocabulary_from_string (&(vocabulary), text, &value))             \
      return FALSE;                                                           \
    if (out != NULL)                                                          \
      *out = (Type) value;                                                    \
    return TRUE;                                                              \
  }

G_END_DECLS
