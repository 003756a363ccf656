/*
 * The compiled records behind TsMatchSupporters and TsMatchCases.
 *
 * Private to src/match/ (and the benchmark, which compares the scoring
 * loop with a bare loop over the same array).  A supporter record is one
 * cache-friendly struct; variable-length sets live in shared pools and are
 * referenced by offset, so loading 20,000 supporters makes a handful of
 * allocations, not tens of thousands.
 */
#pragma once

#include <glib.h>

#include "match/cases.h"
#include "match/interner.h"
#include "match/supporters.h"

G_BEGIN_DECLS

/* A half-open interval [start, end) of minutes since Monday 00:00. */
typedef struct {
  guint16 start;
  guint16 end;
} TsMatchRange;

#define TS_MATCH_MINUTES_PER_WEEK (7 * 24 * 60)

typedef struct {
  double  x, y, z;          /* unit vector of the location */
  double  workload;         /* 1 - active / max, precomputed */
  guint32 skills;
  guint32 municipality;
  guint32 occupation;       /* interned, 0: none */
  guint32 interests;        /* offset into the interest pool (sorted ids) */
  guint32 availability;     /* offset into the range pool */
  guint16 n_interests;
  guint16 n_availability;
  guint16 max_cases;
  guint16 active_cases;
  guint8  gender;
  guint8  peer;
  guint8  has_location;
  guint8  registered;
  TsDate  qualified_from;
  TsDate  qualified_until;
  TsDate  insured_until;
  gint64  id;
} TsMatchSupporterRec;

struct _TsMatchSupporters {
  gint             ref_count;
  gboolean         sealed;
  GArray          *recs;       /* TsMatchSupporterRec, by id once sealed */
  GArray          *interests;  /* guint32 pool */
  GArray          *ranges;     /* TsMatchRange pool */
  TsMatchInterner *interner;   /* interests and occupations */
  GHashTable      *ids;        /* id set while adding; NULL once sealed */
};

typedef struct {
  gint64      id;
  double      x, y, z;
  guint32     needs;
  guint32     n_needs;
  guint32     municipality;
  guint8      gender_preference;
  guint8      gender_required;
  guint8      avoid_same_municipality;
  guint8      peer;
  guint8      has_location;
  const char *referred_by;      /* in the cases' string chunk */
  guint32     interests;        /* offset: ids known to the supporters */
  guint32     n_interests;      /* how many of them */
  guint32     n_interests_all;  /* all distinct interests, known or not */
  guint32     availability;     /* offset into the range pool */
  guint32     n_availability;
  guint32     available_minutes;
} TsMatchCaseRec;

typedef struct {
  gint64 case_id;
  gint64 supporter_id;
} TsMatchIdPair;

struct _TsMatchCases {
  TsMatchSupporters *supporters;
  gboolean           sealed;
  GArray            *recs;        /* TsMatchCaseRec, by id once sealed */
  GArray            *interests;   /* guint32 pool */
  GArray            *ranges;      /* TsMatchRange pool */
  GStringChunk      *strings;
  GHashTable        *ids;         /* id set while adding */
  GArray            *exclusions;  /* TsMatchIdPair */
  GArray            *history;     /* TsMatchIdPair */
  /* once sealed: per case, the sorted supporter indices of its pairs */
  guint32           *excl_start;  /* n_cases + 1 */
  guint32           *excl;
  guint32           *hist_start;
  guint32           *hist;
};

void ts_match_cases_seal (TsMatchCases *self);

/* qsort() order of guint32 ids (interned words). */
int ts_match_compare_ids (const void *a,
                          const void *b);

/* Whether @id is not yet in @ids, the id set of a container being filled;
 * otherwise fails with "@what @id added twice". */
gboolean ts_match_id_is_new (GHashTable  *ids,
                             const char  *what,
                             gint64       id,
                             GError     **error);

/* Binary search of @n records of @size bytes sorted by the gint64 at
 * @id_offset. */
gboolean ts_match_find_id (const void *recs,
                           guint       n,
                           gsize       size,
                           gsize       id_offset,
                           gint64      id,
                           guint      *out_index);

/* The lookups by id that TsMatchSupporters and TsMatchCases share, over
 * their `recs` array of @Rec sorted by its gint64 `id` once sealed:
 * type_name##_get_size(), _get_id() and _find() as declared in their
 * headers. */
#define TS_MATCH_DEFINE_LOOKUPS(TypeName, type_name, Rec) \
  guint \
  type_name##_get_size (const TypeName *self) \
  { \
    g_return_val_if_fail (self != NULL, 0); \
 \
    return self->recs->len; \
  } \
 \
  gint64 \
  type_name##_get_id (TypeName *self, guint index) \
  { \
    g_return_val_if_fail (self != NULL, 0); \
    g_return_val_if_fail (index < self->recs->len, 0); \
 \
    type_name##_seal (self); \
    return g_array_index (self->recs, Rec, index).id; \
  } \
 \
  gboolean \
  type_name##_find (TypeName *self, gint64 id, guint *out_index) \
  { \
    g_return_val_if_fail (self != NULL, FALSE); \
 \
    type_name##_seal (self); \
    return ts_match_find_id (self->recs->data, self->recs->len, sizeof (Rec), \
                             G_STRUCT_OFFSET (Rec, id), id, out_index); \
  }

gboolean ts_match_ranges_compile (const TsMatchTimeRange *ranges,
                                  guint                   n_ranges,
                                  GArray                 *pool,
                                  guint32                *out_offset,
                                  guint32                *out_count,
                                  guint32                *out_minutes,
                                  GError                **error);
gboolean ts_match_location_compile (double   latitude,
                                    double   longitude,
                                    double  *x,
                                    double  *y,
                                    double  *z,
                                    GError **error);

static inline guint
ts_match_popcount (guint32 bits)
{
  return (guint) __builtin_popcount (bits);
}

/* The hard filters that depend on the supporter alone (SPEC 2.1, 2.2). */
static inline TsMatchReasons
ts_match_supporter_reasons (const TsMatchSupporterRec *s,
                            TsDate                     on,
                            gboolean                   require_insurance)
{
  TsMatchReasons reasons = 0;

  if (!s->registered)
    reasons |= TS_MATCH_REASON_NOT_REGISTERED;
  /* Untrained (no initial course) and lapsed (past the follow-up due
   * date) both mean "qualification not valid on the date". */
  if (s->qualified_from == TS_DATE_NONE || on < s->qualified_from ||
      s->qualified_until == TS_DATE_NONE || on > s->qualified_until)
    reasons |= TS_MATCH_REASON_QUALIFICATION_LAPSED;
  if (require_insurance &&
      (s->insured_until == TS_DATE_NONE || on > s->insured_until))
    reasons |= TS_MATCH_REASON_INSURANCE_NOT_VALID;
  if (s->active_cases >= s->max_cases)
    reasons |= TS_MATCH_REASON_AT_CAPACITY;
  return reasons;
}

/* The hard filters that depend on the pair. */
static inline TsMatchReasons
ts_match_pair_reasons (const TsMatchCaseRec      *c,
                       const TsMatchSupporterRec *s,
                       gboolean                   excluded)
{
  TsMatchReasons reasons = 0;

  if (c->gender_required && c->gender_preference != s->gender)
    reasons |= TS_MATCH_REASON_GENDER_MISMATCH;
  /* People avoid help near home for fear of being known (seed 004). */
  if (c->avoid_same_municipality && c->municipality == s->municipality)
    reasons |= TS_MATCH_REASON_SAME_MUNICIPALITY;
  if (excluded)
    reasons |= TS_MATCH_REASON_EXCLUDED_PAIR;
  return reasons;
}

/* Whether @index is in the sorted list [*pos, end), advancing *pos: the
 * callers visit supporters in index order, so a merge walk replaces a
 * lookup per pair. */
static inline gboolean
ts_match_sorted_contains (const guint32 *list,
                          guint32       *pos,
                          guint32        end,
                          guint32        index)
{
  while (*pos < end && list[*pos] < index)
    (*pos)++;
  return *pos < end && list[*pos] == index;
}

G_END_DECLS
