/*
 * Store rows into the matcher's input: a supporter row (with its training
 * completions and open assignments) into a TsMatchSupporterInfo, and a
 * case record into a TsMatchCaseInfo.  The rules stay the matcher's and the
 * domain's; this file only converts, the same way for a candidate list, a
 * batch and the check of one pair.
 */
#include "service/matching-private.h"

#include <string.h>

#include "core/error.h"
#include "domain/municipality.h"
#include "service/supporters.h"

/* "092011" → 92011; anything else → 0, which matches no case. */
static guint32
parse_code (const char *code)
{
  guint64 value = 0;

  if (code == NULL || strlen (code) != 6 ||
      !g_ascii_string_to_unsigned (code, 10, 0, 999999, &value, NULL))
    return 0;
  return (guint32) value;
}

void
ts_matching_builder_init (TsMatchingBuilder *b, TsService *service, TsDate on,
                          gboolean keep_names)
{
  memset (b, 0, sizeof *b);
  ts_service_qualification_rules (service, &b->rules);
  b->on = on;
  b->supporters = ts_match_supporters_new ();
  if (keep_names)
    {
      b->names = g_ptr_array_new ();
      b->chunk = g_string_chunk_new (64 * 1024);
    }
  b->scratch = g_string_new (NULL);
  b->words = g_ptr_array_new ();
  b->ranges = g_array_new (FALSE, FALSE, sizeof (TsMatchTimeRange));
  b->completions = g_array_new (FALSE, FALSE, sizeof (TsTrainingCompletion));
}

void
ts_matching_builder_clear (TsMatchingBuilder *b)
{
  g_clear_pointer (&b->supporters, ts_match_supporters_unref);
  g_clear_pointer (&b->names, g_ptr_array_unref);
  g_clear_pointer (&b->chunk, g_string_chunk_free);
  g_string_free (b->scratch, TRUE);
  g_ptr_array_unref (b->words);
  g_array_unref (b->ranges);
  g_array_unref (b->completions);
}

/* Splits @text at U+001F into b->words (NULL-terminated), in b->scratch. */
static const char *const *
split_words (TsMatchingBuilder *b, const char *text)
{
  g_ptr_array_set_size (b->words, 0);
  if (text != NULL && text[0] != '\0')
    {
      char *p;

      g_string_assign (b->scratch, text);
      p = b->scratch->str;
      g_ptr_array_add (b->words, p);
      for (; *p != '\0'; p++)
        if (*p == '\x1f')
          {
            *p = '\0';
            g_ptr_array_add (b->words, p + 1);
          }
    }
  g_ptr_array_add (b->words, NULL);
  return (const char *const *) b->words->pdata;
}

/* "1,540,720;3,600,900" → ranges; malformed items are skipped. */
static void
parse_availability (GArray *ranges, const char *text)
{
  const char *p = text;

  g_array_set_size (ranges, 0);
  while (p != NULL && *p != '\0')
    {
      gint64 v[3];
      char *end = NULL;
      gboolean ok = TRUE;

      for (int k = 0; k < 3; k++)
        {
          v[k] = g_ascii_strtoll (p, &end, 10);
          if (end == p || (k < 2 && *end != ','))
            {
              ok = FALSE;
              break;
            }
          p = k < 2 ? end + 1 : end;
        }
      if (ok && v[0] >= 1 && v[0] <= 7 && v[1] >= 0 && v[1] < v[2] && v[2] <= 1440)
        {
          TsMatchTimeRange r = { (guint8) v[0], (guint16) v[1], (guint16) v[2] };
          g_array_append_val (ranges, r);
        }
      p = strchr (p, ';');
      if (p != NULL)
        p++;
    }
}

static guint32
skills_mask (const char *const *names)
{
  guint32 mask = 0;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      TsMatchSkill skill;
      if (ts_match_skill_from_string (names[i], &skill))
        mask |= skill;
    }
  return mask;
}

gboolean
ts_matching_builder_add_row (const TsMatchSupporterRow *row, gpointer user_data,
                             GError **error)
{
  TsMatchingBuilder *b = user_data;
  TsMatchSupporterInfo info = { 0 };
  g_autoptr(GError) local = NULL;
  TsQualification q;

  g_array_set_size (b->completions, 0);
  for (guint i = 0; i < row->n_trainings; i++)
    {
      TsTrainingCompletion c = {
        row->trainings[i].initial ? TS_TRAINING_KIND_INITIAL : TS_TRAINING_KIND_FOLLOW_UP,
        row->trainings[i].completed_on,
      };
      g_array_append_val (b->completions, c);
    }
  /* The domain computes the qualification on the date; the matcher gets
   * it as the window [initial completion, follow-up due date] around that
   * date, so that it does not repeat the rules (docs/matching.md). */
  ts_qualification_compute ((const TsTrainingCompletion *) b->completions->data,
                            b->completions->len, b->on, &b->rules, &q);

  info.id = row->id;
  info.registered = row->status == TS_SUPPORTER_REGISTERED;
  info.qualified_from = q.initial_completed_on;
  info.qualified_until = q.initial_completed_on != TS_DATE_NONE ? q.follow_up_due_on
                                                                : TS_DATE_NONE;
  info.insured_until = row->insurance_until;
  /* "Same municipality" means the same city: a designated city's wards
   * compare as their city (ts_municipality_city_code). */
  info.municipality_code = parse_code (ts_municipality_city_code (row->municipality_code));
  if (!ts_match_gender_from_string (row->gender, &info.gender))
    info.gender = TS_MATCH_GENDER_UNSPECIFIED;
  if (!ts_match_peer_from_string (row->peer_experience, &info.peer_experience))
    info.peer_experience = TS_MATCH_PEER_NONE;
  info.max_cases = (guint) CLAMP (row->max_cases, 0, G_MAXUINT16);
  info.active_cases = MIN (row->open_assignments, G_MAXUINT16);
  info.skills = skills_mask (split_words (b, row->skills));
  /* SPEC 3.2 names the municipality's office as the fallback location;
   * the municipality table has no coordinates, so a supporter without a
   * location has none and the distance factor says so (value null). */
  info.has_location = row->has_location;
  info.latitude = row->lat;
  info.longitude = row->lon;
  info.occupation = row->occupation;
  parse_availability (b->ranges, row->availability);
  info.availability = (const TsMatchTimeRange *) b->ranges->data;
  info.n_availability = b->ranges->len;
  info.interests = split_words (b, row->interests);

  if (!ts_match_supporters_add (b->supporters, &info, &local))
    {
      if (b->strict)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL, "%s", local->message);
          return FALSE;
        }
      /* A row the registry's own validation should have refused: leave
       * it out rather than fail every candidate list. */
      g_warning ("Matching skips supporter %" G_GINT64_FORMAT ": %s", row->id, local->message);
      return TRUE;
    }
  if (b->names != NULL)
    g_ptr_array_add (b->names, g_string_chunk_insert_const (b->chunk,
                                                            row->name != NULL ? row->name : ""));
  return TRUE;
}

gboolean
ts_matching_add_case (TsMatchCases *cases, const TsCaseMatchInfo *info, GError **error)
{
  const TsCaseRecord *r = info->record;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TsMatchTimeRange));
  TsMatchCaseInfo c = { 0 };
  g_autoptr(GError) local = NULL;

  c.id = r->id;
  c.municipality_code = parse_code (ts_municipality_city_code (r->municipality_code));
  if (r->preferences.supporter_gender == NULL ||
      !ts_match_gender_from_string (r->preferences.supporter_gender, &c.gender_preference))
    c.gender_preference = TS_MATCH_GENDER_UNSPECIFIED;
  c.gender_required = r->preferences.gender_required;
  c.avoid_same_municipality = r->preferences.avoid_same_municipality;
  if (r->preferences.peer_experience == NULL ||
      !ts_match_peer_from_string (r->preferences.peer_experience, &c.peer_experience))
    c.peer_experience = TS_MATCH_PEER_NONE;
  c.needs = skills_mask ((const char *const *) r->needs);
  /* No location: no fallback either (see ts_matching_builder_add_row). */
  c.has_location = r->has_location;
  c.latitude = r->lat;
  c.longitude = r->lon;
  c.referred_by = r->referred_by;
  c.interests = (const char *const *) r->interests;
  for (guint i = 0; r->preferences.availability != NULL && i < r->preferences.availability->len; i++)
    {
      const TsAvailabilitySlot *s = &g_array_index (r->preferences.availability,
                                                    TsAvailabilitySlot, i);
      if (s->weekday >= 1 && s->weekday <= 7 && s->from_min >= 0 && s->from_min < s->to_min &&
          s->to_min <= 1440)
        {
          TsMatchTimeRange range = { (guint8) s->weekday, (guint16) s->from_min,
                                     (guint16) s->to_min };
          g_array_append_val (ranges, range);
        }
    }
  c.availability = (const TsMatchTimeRange *) ranges->data;
  c.n_availability = ranges->len;
  if (!ts_match_cases_add (cases, &c, &local))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_INTERNAL, "%s", local->message);
      return FALSE;
    }
  for (guint i = 0; i < info->excluded_supporter_ids->len; i++)
    ts_match_cases_add_exclusion (cases, r->id, g_array_index (info->excluded_supporter_ids,
                                                                gint64, i));
  for (guint i = 0; i < info->past_supporter_ids->len; i++)
    ts_match_cases_add_history (cases, r->id, g_array_index (info->past_supporter_ids,
                                                              gint64, i));
  return TRUE;
}

