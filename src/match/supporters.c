/*
 * The supporters a matching run chooses from.
 */
#include "match/records-private.h"

#include <stdlib.h>

TsMatchSupporters *
ts_match_supporters_new (void)
{
  TsMatchSupporters *self = g_new0 (TsMatchSupporters, 1);

  self->ref_count = 1;
  self->recs = g_array_new (FALSE, FALSE, sizeof (TsMatchSupporterRec));
  self->interests = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->ranges = g_array_new (FALSE, FALSE, sizeof (TsMatchRange));
  self->interner = ts_match_interner_new ();
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     NULL);
  return self;
}

TsMatchSupporters *
ts_match_supporters_ref (TsMatchSupporters *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ts_match_supporters_unref (TsMatchSupporters *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_array_unref (self->recs);
  g_array_unref (self->interests);
  g_array_unref (self->ranges);
  ts_match_interner_free (self->interner);
  if (self->ids != NULL)
    g_hash_table_unref (self->ids);
  g_free (self);
}

gboolean
ts_match_supporters_add (TsMatchSupporters          *self,
                         const TsMatchSupporterInfo *info,
                         GError                    **error)
{
  TsMatchSupporterRec rec = { 0 };
  guint32 offset, count;
  guint n_interests = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->sealed, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ts_match_id_is_new (self->ids, "supporter", info->id, error))
    return FALSE;
  if ((guint) info->gender > TS_MATCH_GENDER_OTHER ||
      (guint) info->peer_experience > TS_MATCH_PEER_FAMILY ||
      info->max_cases > G_MAXUINT16 || info->active_cases > G_MAXUINT16)
    {
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                   "supporter %" G_GINT64_FORMAT " has an invalid gender, "
                   "peer experience or case count", info->id);
      return FALSE;
    }
  if (info->has_location &&
      !ts_match_location_compile (info->latitude, info->longitude,
                                  &rec.x, &rec.y, &rec.z, error))
    return FALSE;
  if (!ts_match_ranges_compile (info->availability, info->n_availability,
                                self->ranges, &offset, &count, NULL, error))
    return FALSE;

  rec.id = info->id;
  rec.registered = !!info->registered;
  rec.qualified_from = info->qualified_from;
  rec.qualified_until = info->qualified_until;
  rec.insured_until = info->insured_until;
  rec.municipality = info->municipality_code;
  rec.gender = (guint8) info->gender;
  rec.peer = (guint8) info->peer_experience;
  rec.max_cases = (guint16) info->max_cases;
  rec.active_cases = (guint16) info->active_cases;
  rec.workload = info->max_cases == 0 || info->active_cases >= info->max_cases
                   ? 0.0
                   : 1.0 - (double) info->active_cases / (double) info->max_cases;
  rec.skills = info->skills;
  rec.has_location = !!info->has_location;
  rec.occupation = ts_match_interner_intern (self->interner, info->occupation);
  rec.availability = offset;
  rec.n_availability = (guint16) count;

  /* Interests as sorted distinct ids: a case's interest set is a bit set,
   * so a supporter's shared interests are a few bit tests. */
  rec.interests = self->interests->len;
  for (guint i = 0; info->interests != NULL && info->interests[i] != NULL; i++)
    {
      guint32 id = ts_match_interner_intern (self->interner, info->interests[i]);

      if (id != 0)
        {
          g_array_append_val (self->interests, id);
          n_interests++;
        }
    }
  if (n_interests > 1)
    {
      guint32 *ids = &g_array_index (self->interests, guint32, rec.interests);
      guint n = 1;

      qsort (ids, n_interests, sizeof *ids, ts_match_compare_ids);
      for (guint i = 1; i < n_interests; i++)
        if (ids[i] != ids[n - 1])
          ids[n++] = ids[i];
      g_array_set_size (self->interests, rec.interests + n);
      n_interests = n;
    }
  if (n_interests > G_MAXUINT16)
    {
      g_array_set_size (self->interests, rec.interests);
      g_set_error (error, TS_MATCH_ERROR, TS_MATCH_ERROR_INVALID_INPUT,
                   "supporter %" G_GINT64_FORMAT " has too many interests",
                   info->id);
      return FALSE;
    }
  rec.n_interests = (guint16) n_interests;

  g_array_append_val (self->recs, rec);
  g_hash_table_add (self->ids, g_memdup2 (&info->id, sizeof info->id));
  return TRUE;
}

static int
compare_recs (const void *a, const void *b)
{
  const TsMatchSupporterRec *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

/* Sorts the supporters by id, so that indices, iteration order and thus
 * every result are independent of the order they were added in.  Called
 * implicitly by the first query; call it before sharing the container
 * between threads. */
void
ts_match_supporters_seal (TsMatchSupporters *self)
{
  g_return_if_fail (self != NULL);

  if (self->sealed)
    return;
  /* An empty GArray has no data pointer, which qsort must not get. */
  if (self->recs->len > 1)
    qsort (self->recs->data, self->recs->len, sizeof (TsMatchSupporterRec),
           compare_recs);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  self->sealed = TRUE;
}

TS_MATCH_DEFINE_LOOKUPS (TsMatchSupporters, ts_match_supporters, TsMatchSupporterRec)

/* The interner of interests and occupations, for callers that want to
 * show a supporter's interned words again. */
TsMatchInterner *
ts_match_supporters_get_interner (TsMatchSupporters *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->interner;
}

/* The reasons that exclude supporter @index on @on whatever the case:
 * not registered, qualification not valid, insurance not valid, at
 * capacity (SPEC 2.2). */
TsMatchReasons
ts_match_supporters_check (TsMatchSupporters *self,
                           guint              index,
                           TsDate             on,
                           gboolean           require_insurance)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->recs->len, 0);
  g_return_val_if_fail (on != TS_DATE_NONE, 0);

  ts_match_supporters_seal (self);
  return ts_match_supporter_reasons (&g_array_index (self->recs,
                                                     TsMatchSupporterRec,
                                                     index),
                                     on, require_insurance);
}
