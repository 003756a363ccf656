/*
 * The cases of a matching run, with their excluded pairs and history.
 */
#include "match/records-private.h"

#include <stdlib.h>
#include <string.h>

TsMatchCases *
ts_match_cases_new (TsMatchSupporters *supporters)
{
  TsMatchCases *self;

  g_return_val_if_fail (supporters != NULL, NULL);

  ts_match_supporters_seal (supporters);
  self = g_new0 (TsMatchCases, 1);
  self->supporters = ts_match_supporters_ref (supporters);
  self->recs = g_array_new (FALSE, FALSE, sizeof (TsMatchCaseRec));
  self->interests = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->ranges = g_array_new (FALSE, FALSE, sizeof (TsMatchRange));
  self->strings = g_string_chunk_new (256);
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     NULL);
  self->exclusions = g_array_new (FALSE, FALSE, sizeof (TsMatchIdPair));
  self->history = g_array_new (FALSE, FALSE, sizeof (TsMatchIdPair));
  return self;
}

void
ts_match_cases_free (TsMatchCases *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->recs);
  g_array_unref (self->interests);
  g_array_unref (self->ranges);
  g_string_chunk_free (self->strings);
  if (self->ids != NULL)
    g_hash_table_unref (self->ids);
  g_array_unref (self->exclusions);
  g_array_unref (self->history);
  g_free (self->excl_start);
  g_free (self->excl);
  g_free (self->hist_start);
  g_free (self->hist);
  ts_match_supporters_unref (self->supporters);
  g_free (self);
}

gboolean
ts_match_cases_add (TsMatchCases          *self,
                    const TsMatchCaseInfo *info,
                    GError               **error)
{
  TsMatchCaseRec rec = { 0 };
  g_autoptr(GHashTable) seen = NULL;
  guint n_known = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->sealed, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ts_match_id_is_new (self->ids, "case", info->id, error))
    return FALSE;
  if ((guint) info->gender_preference > TS_MATCH_GENDER_OTHER ||
      (guint) info->peer_experience > TS_MATCH_PEER_FAMILY)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                   "case %" G_GINT64_FORMAT " has an invalid gender or peer "
                   "experience preference", info->id);
      return FALSE;
    }
  if (info->has_location &&
      !ts_match_location_compile (info->latitude, info->longitude,
                                  &rec.x, &rec.y, &rec.z, error))
    return FALSE;
  if (!ts_match_ranges_compile (info->availability, info->n_availability,
                                self->ranges, &rec.availability,
                                &rec.n_availability, &rec.available_minutes,
                                error))
    return FALSE;

  rec.id = info->id;
  rec.municipality = info->municipality_code;
  /* A requirement without a gender to require is no requirement. */
  rec.gender_preference = (guint8) info->gender_preference;
  rec.gender_required = info->gender_required &&
                        info->gender_preference != TS_MATCH_GENDER_UNSPECIFIED;
  rec.avoid_same_municipality = !!info->avoid_same_municipality;
  rec.peer = (guint8) info->peer_experience;
  rec.needs = info->needs;
  rec.n_needs = ts_match_popcount (info->needs);
  rec.has_location = !!info->has_location;
  rec.referred_by = info->referred_by != NULL && info->referred_by[0] != '\0'
                      ? g_string_chunk_insert_const (self->strings,
                                                     info->referred_by)
                      : NULL;

  /* Interests nobody has still count in the denominator of the shared
   * interests factor: the case's interests are what it is measured on. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  rec.interests = self->interests->len;
  for (guint i = 0; info->interests != NULL && info->interests[i] != NULL; i++)
    {
      const char *word = info->interests[i];
      guint32 id;

      if (word[0] == '\0' || !g_hash_table_add (seen, (gpointer) word))
        continue;
      rec.n_interests_all++;
      id = ts_match_interner_lookup (self->supporters->interner, word);
      if (id != 0)
        {
          g_array_append_val (self->interests, id);
          n_known++;
        }
    }
  if (n_known > 1)
    qsort (&g_array_index (self->interests, guint32, rec.interests), n_known,
           sizeof (guint32), ts_match_compare_ids);
  rec.n_interests = n_known;

  g_array_append_val (self->recs, rec);
  g_hash_table_add (self->ids, g_memdup2 (&info->id, sizeof info->id));
  return TRUE;
}

/* Records that the pair must never be matched (a conflict of interest, an
 * earlier breakdown); unknown ids are ignored. */
void
ts_match_cases_add_exclusion (TsMatchCases *self,
                              gint64        case_id,
                              gint64        supporter_id)
{
  TsMatchIdPair pair = { case_id, supporter_id };

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);

  g_array_append_val (self->exclusions, pair);
}

/* Records that the supporter has worked with the case before. */
void
ts_match_cases_add_history (TsMatchCases *self,
                            gint64        case_id,
                            gint64        supporter_id)
{
  TsMatchIdPair pair = { case_id, supporter_id };

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);

  g_array_append_val (self->history, pair);
}

static int
compare_recs (const void *a, const void *b)
{
  const TsMatchCaseRec *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

typedef struct {
  guint32 case_index;
  guint32 supporter_index;
} IndexPair;

static int
compare_index_pairs (const void *a, const void *b)
{
  const IndexPair *x = a, *y = b;

  if (x->case_index != y->case_index)
    return x->case_index < y->case_index ? -1 : 1;
  return (x->supporter_index > y->supporter_index) -
         (x->supporter_index < y->supporter_index);
}

/* Resolves id pairs to a per-case sorted list of supporter indices. */
static void
compile_pairs (TsMatchCases *self,
               GArray       *pairs,
               guint32     **out_start,
               guint32     **out_list)
{
  guint n_cases = self->recs->len;
  g_autofree IndexPair *tmp = g_new (IndexPair, MAX (pairs->len, 1));
  guint32 *start = g_new0 (guint32, n_cases + 1);
  guint32 *list;
  guint n = 0, m = 0;

  for (guint i = 0; i < pairs->len; i++)
    {
      const TsMatchIdPair *p = &g_array_index (pairs, TsMatchIdPair, i);
      guint ci, si;

      if (ts_match_cases_find (self, p->case_id, &ci) &&
          ts_match_supporters_find (self->supporters, p->supporter_id, &si))
        {
          tmp[n].case_index = ci;
          tmp[n].supporter_index = si;
          n++;
        }
    }
  qsort (tmp, n, sizeof *tmp, compare_index_pairs);
  list = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && compare_index_pairs (&tmp[i], &tmp[i - 1]) == 0)
        continue;
      list[m++] = tmp[i].supporter_index;
      start[tmp[i].case_index + 1]++;
    }
  for (guint i = 0; i < n_cases; i++)
    start[i + 1] += start[i];
  *out_start = start;
  *out_list = list;
}

/* Sorts the cases by id and resolves their pairs; called implicitly by the
 * first query.  Adding afterwards is a programmer error. */
void
ts_match_cases_seal (TsMatchCases *self)
{
  g_return_if_fail (self != NULL);

  if (self->sealed)
    return;
  if (self->recs->len > 1)
    qsort (self->recs->data, self->recs->len, sizeof (TsMatchCaseRec),
           compare_recs);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  self->sealed = TRUE;
  compile_pairs (self, self->exclusions, &self->excl_start, &self->excl);
  compile_pairs (self, self->history, &self->hist_start, &self->hist);
}

TsMatchSupporters *
ts_match_cases_get_supporters (TsMatchCases *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->supporters;
}

TS_MATCH_DEFINE_LOOKUPS (TsMatchCases, ts_match_cases, TsMatchCaseRec)

/* Every hard-filter reason that applies to the pair on @on, in the fixed
 * order; 0 when the supporter may be dispatched to the case.  The service
 * re-checks an assignment with this before creating it. */
TsMatchReasons
ts_match_cases_check (TsMatchCases        *self,
                      guint                case_index,
                      guint                supporter_index,
                      TsDate               on,
                      const TsMatchConfig *config)
{
  const TsMatchCaseRec *c;
  const TsMatchSupporterRec *s;
  guint32 pos;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (on != TS_DATE_NONE, 0);
  g_return_val_if_fail (case_index < self->recs->len, 0);
  g_return_val_if_fail (supporter_index < self->supporters->recs->len, 0);

  ts_match_cases_seal (self);
  c = &g_array_index (self->recs, TsMatchCaseRec, case_index);
  s = &g_array_index (self->supporters->recs, TsMatchSupporterRec,
                      supporter_index);
  pos = self->excl_start[case_index];
  return ts_match_supporter_reasons (s, on,
                                     ts_match_config_get_require_insurance (config)) |
         ts_match_pair_reasons (c, s,
                                ts_match_sorted_contains (self->excl, &pos,
                                                          self->excl_start[case_index + 1],
                                                          supporter_index));
}
