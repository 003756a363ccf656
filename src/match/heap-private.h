/*
 * A bounded heap that keeps the best entries seen so far with the worst at
 * its root, so that keeping the best k of n costs O(n log k): the
 * candidate list (rank.c) and the pruning of the batch's pairs (solver.c).
 * Shared by the files of src/match/ only.
 */
#pragma once

#include <glib.h>

/* Defines, for entries of @Type ordered by @better (a static inline
 * gboolean better (const Type *a, const Type *b): whether @a is the better
 * one), prefix_sift_down (heap, n, i), which moves a worse entry at @i
 * down a heap of @n, and prefix_sift_up (heap, i), which moves a new
 * entry at @i up.  Each heap gets its own copy, with its comparison in
 * its loop (the compiler inlines it or not as it did the hand-written
 * ones); the one a file does not call is no warning. */
#define TS_MATCH_DEFINE_WORST_HEAP(prefix, Type, better) \
  static G_GNUC_UNUSED void prefix##_sift_down (Type *heap, guint n, guint i) \
  { \
    for (;;) \
      { \
        guint l = 2 * i + 1, r = l + 1, worst = i; \
        Type  tmp; \
\
        if (l < n && better (&heap[worst], &heap[l])) \
          worst = l; \
        if (r < n && better (&heap[worst], &heap[r])) \
          worst = r; \
        if (worst == i) \
          return; \
        tmp = heap[i]; \
        heap[i] = heap[worst]; \
        heap[worst] = tmp; \
        i = worst; \
      } \
  } \
\
  static G_GNUC_UNUSED void prefix##_sift_up (Type *heap, guint i) \
  { \
    while (i > 0) \
      { \
        guint parent = (i - 1) / 2; \
        Type  tmp; \
\
        if (!better (&heap[parent], &heap[i])) \
          return; \
        tmp = heap[i]; \
        heap[i] = heap[parent]; \
        heap[parent] = tmp; \
        i = parent; \
      } \
  }
