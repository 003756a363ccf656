/*
 * Matching use cases (see matching.h): configuration, the supporters cache,
 * candidate lists and the batch.
 */
#include "service/matching.h"

#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "domain/qualification.h"
#include "service/assignments.h"
#include "service/cases.h"
#include "service/supporters.h"
#include "store/assignments.h"
#include "store/matching.h"

/* ---- configuration ---------------------------------------------------- */

#define CONFIG_GROUP "matching"

/* The matcher's default occupation fit (welfare, social_worker,
 * psychologist, teacher: Bunkyo's case C, seed 004) speaks English; the
 * occupations coordinators type are Japanese job titles, so the service's
 * default adds them.  A config file replaces the whole list. */
static const char *const default_special_needs_fit[] = {
  "welfare", "social_worker", "psychologist", "teacher",
  "社会福祉士", "精神保健福祉士", "公認心理師", "臨床心理士", "教員", NULL,
};

static void
config_error (GError **error, const char *key, const char *what)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "[%s] %s: %s", CONFIG_GROUP, key, what);
}

static gboolean
read_double (GKeyFile *keyfile, const char *key, double *out, GError **error)
{
  g_autoptr(GError) local = NULL;
  double value = g_key_file_get_double (keyfile, CONFIG_GROUP, key, &local);

  if (local != NULL)
    {
      config_error (error, key, "not a number");
      return FALSE;
    }
  *out = value;
  return TRUE;
}

TsMatchConfig *
ts_matching_config_from_keyfile (GKeyFile *keyfile, gboolean require_insurance, GError **error)
{
  g_autoptr(TsMatchConfig) config = ts_match_config_new ();
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ts_match_config_set_require_insurance (config, require_insurance);
  ts_match_config_set_occupation_fit (config, "special_needs_school", default_special_needs_fit);
  if (keyfile == NULL || !g_key_file_has_group (keyfile, CONFIG_GROUP))
    return g_steal_pointer (&config);

  keys = g_key_file_get_keys (keyfile, CONFIG_GROUP, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      TsMatchFactorKind kind;
      g_autoptr(GError) local = NULL;

      if (g_str_has_prefix (key, "weight_"))
        {
          double weight;

          if (!ts_match_factor_from_string (key + strlen ("weight_"), &kind))
            {
              config_error (error, key, "no such factor");
              return NULL;
            }
          if (!read_double (keyfile, key, &weight, error))
            return NULL;
          if (!ts_match_config_set_weight (config, kind, weight, &local))
            {
              config_error (error, key, "must be from 0 to 100");
              return NULL;
            }
        }
      else if (g_str_equal (key, "max_distance_km"))
        {
          double km;

          if (!read_double (keyfile, key, &km, error))
            return NULL;
          if (!ts_match_config_set_max_distance_km (config, km, &local))
            {
              config_error (error, key, "must be more than 0 and at most 20000");
              return NULL;
            }
        }
      else if (g_str_equal (key, "prune_k"))
        {
          gint64 k = g_key_file_get_int64 (keyfile, CONFIG_GROUP, key, &local);

          if (local != NULL || k < 0 || k > 100000)
            {
              config_error (error, key, "must be an integer from 0 to 100000");
              return NULL;
            }
          ts_match_config_set_prune_k (config, (guint) k);
        }
      else if (g_str_has_prefix (key, "occupation_fit_"))
        {
          const char *kind_name = key + strlen ("occupation_fit_");
          g_auto(GStrv) list = NULL;
          g_autoptr(GPtrArray) words = g_ptr_array_new ();

          if (!g_strv_contains (ts_case_referral_kinds, kind_name))
            {
              config_error (error, key, "no such referral kind");
              return NULL;
            }
          list = g_key_file_get_string_list (keyfile, CONFIG_GROUP, key, NULL, &local);
          if (local != NULL)
            {
              config_error (error, key, "not a list");
              return NULL;
            }
          for (guint k = 0; list != NULL && list[k] != NULL; k++)
            {
              g_strstrip (list[k]);
              if (list[k][0] != '\0')
                g_ptr_array_add (words, list[k]);
            }
          g_ptr_array_add (words, NULL);
          ts_match_config_set_occupation_fit (config, kind_name,
                                              (const char *const *) words->pdata);
        }
      else
        {
          config_error (error, key, "unknown key");
          return NULL;
        }
    }
  return g_steal_pointer (&config);
}

/* ---- per-service state ------------------------------------------------ */

/* A few dates at once: today's lists, a batch planned for the first of
 * next month, a coordinator looking back. */
#define N_CACHED 4

struct _TsMatchSnapshot {
  gint               ref_count;
  gint64             version;
  TsDate             on;
  TsMatchSupporters *supporters;
  GPtrArray         *names;       /* borrowed from chunk, by supporter index */
  GStringChunk      *chunk;
  guint64            used;        /* for least-recently-used eviction */
};

typedef struct {
  GMutex           lock;          /* config and entries */
  GMutex           load_lock;     /* one load at a time */
  gboolean         config_done;
  TsMatchConfig   *config;
  GError          *config_error;
  TsMatchSnapshot *entries[N_CACHED];
  guint64          tick;
} MatchingState;

static GMutex state_create_lock;

static void
state_free (gpointer data)
{
  MatchingState *st = data;

  for (guint i = 0; i < N_CACHED; i++)
    g_clear_pointer (&st->entries[i], ts_match_snapshot_unref);
  g_clear_pointer (&st->config, ts_match_config_free);
  g_clear_error (&st->config_error);
  g_mutex_clear (&st->lock);
  g_mutex_clear (&st->load_lock);
  g_free (st);
}

/* The state lives on the service object (whose struct is not ours), for
 * as long as the service. */
static MatchingState *
state_get (TsService *self)
{
  MatchingState *st;

  g_mutex_lock (&state_create_lock);
  st = g_object_get_data (G_OBJECT (self), "ts-matching-state");
  if (st == NULL)
    {
      st = g_new0 (MatchingState, 1);
      g_mutex_init (&st->lock);
      g_mutex_init (&st->load_lock);
      g_object_set_data_full (G_OBJECT (self), "ts-matching-state", st, state_free);
    }
  g_mutex_unlock (&state_create_lock);
  return st;
}

const TsMatchConfig *
ts_service_matching_config (TsService *self, GError **error)
{
  MatchingState *st;
  const TsMatchConfig *config;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  st = state_get (self);
  g_mutex_lock (&st->lock);
  if (!st->config_done)
    {
      TsConfig *c = ts_service_get_config (self);
      st->config = ts_matching_config_from_keyfile (c->keyfile, c->insurance_required,
                                                    &st->config_error);
      if (st->config_error != NULL)
        g_warning ("Invalid matching configuration: %s", st->config_error->message);
      st->config_done = TRUE;
    }
  config = st->config;
  if (config == NULL)
    g_set_error_literal (error, TS_ERROR, TS_ERROR_UNAVAILABLE,
                         N_("The matching configuration is invalid; see the service log"));
  g_mutex_unlock (&st->lock);
  return config;
}

/* ---- snapshots -------------------------------------------------------- */

TsMatchSnapshot *
ts_match_snapshot_ref (TsMatchSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ts_match_snapshot_unref (TsMatchSnapshot *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  ts_match_supporters_unref (self->supporters);
  g_ptr_array_unref (self->names);
  g_string_chunk_free (self->chunk);
  g_free (self);
}

TsMatchSupporters *
ts_match_snapshot_get_supporters (TsMatchSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->supporters;
}

gint64
ts_match_snapshot_get_version (TsMatchSnapshot *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->version;
}

const char *
ts_match_snapshot_get_name (TsMatchSnapshot *self, gint64 supporter_id)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  if (!ts_match_supporters_find (self->supporters, supporter_id, &index) ||
      index >= self->names->len)
    return NULL;
  return g_ptr_array_index (self->names, index);
}

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

/* Turns one supporter row into the matcher's input; the scratch buffers
 * are reused from row to row so that loading allocates per row only what
 * the matcher keeps. */
typedef struct {
  TsQualificationRules rules;
  TsDate               on;
  TsMatchSupporters   *supporters;
  GPtrArray           *names;     /* NULL: not kept */
  GStringChunk        *chunk;
  gboolean             strict;    /* a row the matcher refuses is an error */
  GString             *scratch;
  GPtrArray           *words;
  GArray              *ranges;
  GArray              *completions;
} Builder;

static void
builder_init (Builder *b, TsService *service, TsDate on, gboolean keep_names)
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

static void
builder_clear (Builder *b)
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
split_words (Builder *b, const char *text)
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

static gboolean
builder_add_row (const TsMatchSupporterRow *row, gpointer user_data, GError **error)
{
  Builder *b = user_data;
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

static TsMatchSnapshot *
cache_lookup (MatchingState *st, TsDate on, gint64 version)
{
  TsMatchSnapshot *found = NULL;

  g_mutex_lock (&st->lock);
  for (guint i = 0; i < N_CACHED; i++)
    {
      TsMatchSnapshot *s = st->entries[i];

      if (s == NULL)
        continue;
      /* Versions only grow: an older copy will never be current again. */
      if (s->version < version)
        {
          g_clear_pointer (&st->entries[i], ts_match_snapshot_unref);
          continue;
        }
      if (s->version == version && s->on == on)
        {
          s->used = ++st->tick;
          found = ts_match_snapshot_ref (s);
        }
    }
  g_mutex_unlock (&st->lock);
  return found;
}

static void
cache_insert (MatchingState *st, TsMatchSnapshot *snap)
{
  guint slot = N_CACHED;

  g_mutex_lock (&st->lock);
  for (guint i = 0; i < N_CACHED; i++)
    {
      TsMatchSnapshot *s = st->entries[i];

      if (s != NULL && s->version > snap->version)
        {
          /* Someone already saw newer data: this copy is useless. */
          g_mutex_unlock (&st->lock);
          return;
        }
      if (s != NULL && s->on == snap->on)
        slot = i;
    }
  for (guint i = 0; i < N_CACHED && slot == N_CACHED; i++)
    if (st->entries[i] == NULL)
      slot = i;
  if (slot == N_CACHED)
    {
      slot = 0;
      for (guint i = 1; i < N_CACHED; i++)
        if (st->entries[i]->used < st->entries[slot]->used)
          slot = i;
    }
  g_clear_pointer (&st->entries[slot], ts_match_snapshot_unref);
  snap->used = ++st->tick;
  st->entries[slot] = ts_match_snapshot_ref (snap);
  g_mutex_unlock (&st->lock);
}

typedef struct {
  TsService       *service;
  MatchingState   *state;
  TsDate           on;
  TsMatchSnapshot *snapshot;
} SnapshotRead;

/* Inside one read transaction: the version and, on a miss, the rows it
 * stands for come from the same snapshot. */
static gboolean
read_snapshot (TsStore *store, gpointer user_data, GError **error)
{
  SnapshotRead *r = user_data;
  gint64 version = ts_store_match_data_version (store, error);
  Builder b;
  TsMatchSnapshot *snap;

  if (version < 0)
    return FALSE;
  r->snapshot = cache_lookup (r->state, r->on, version);
  if (r->snapshot != NULL)
    return TRUE;

  g_mutex_lock (&r->state->load_lock);
  r->snapshot = cache_lookup (r->state, r->on, version);
  if (r->snapshot != NULL)
    {
      g_mutex_unlock (&r->state->load_lock);
      return TRUE;
    }
  builder_init (&b, r->service, r->on, TRUE);
  if (!ts_store_match_supporters_foreach (store, builder_add_row, &b, error))
    {
      builder_clear (&b);
      g_mutex_unlock (&r->state->load_lock);
      return FALSE;
    }
  ts_match_supporters_seal (b.supporters);
  snap = g_new0 (TsMatchSnapshot, 1);
  snap->ref_count = 1;
  snap->version = version;
  snap->on = r->on;
  snap->supporters = g_steal_pointer (&b.supporters);
  snap->names = g_steal_pointer (&b.names);
  snap->chunk = g_steal_pointer (&b.chunk);
  builder_clear (&b);
  cache_insert (r->state, snap);
  g_mutex_unlock (&r->state->load_lock);
  r->snapshot = snap;
  return TRUE;
}

TsMatchSnapshot *
ts_service_matching_snapshot (TsService *self, TsDate on, GError **error)
{
  SnapshotRead r = { self, NULL, on, NULL };
  TsStore *store;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (on != TS_DATE_NONE, NULL);
  store = ts_service_get_store (self);
  /* A write function sees its own uncommitted rows: a copy built there
   * could outlive a rollback. */
  g_return_val_if_fail (!ts_store_in_writer (store), NULL);

  r.state = state_get (self);
  if (!ts_store_read (store, read_snapshot, &r, error))
    {
      g_clear_pointer (&r.snapshot, ts_match_snapshot_unref);
      return NULL;
    }
  return r.snapshot;
}

/* ---- cases ------------------------------------------------------------ */

static gboolean
add_case (TsMatchCases *cases, const TsCaseMatchInfo *info, GError **error)
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
  /* No location: no fallback either (see builder_add_row). */
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

gboolean
ts_service_matching_check_pair (TsService *self, const TsCaseMatchInfo *info,
                                gint64 supporter_id, TsDate on, TsMatchReasons *out_reasons,
                                GError **error)
{
  const TsMatchConfig *config;
  g_autoptr(TsMatchCases) cases = NULL;
  Builder b;
  gboolean ok;

  g_return_val_if_fail (TS_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (info != NULL && out_reasons != NULL, FALSE);
  g_return_val_if_fail (on != TS_DATE_NONE, FALSE);

  *out_reasons = 0;
  config = ts_service_matching_config (self, error);
  if (config == NULL)
    return FALSE;
  /* One supporter and one case, read as the caller's transaction sees
   * them, through the same conversion and the same rules as a candidate
   * list. */
  builder_init (&b, self, on, FALSE);
  b.strict = TRUE;
  ok = ts_store_match_supporter_one (ts_service_get_store (self), supporter_id,
                                     builder_add_row, &b, error);
  if (ok)
    {
      cases = ts_match_cases_new (b.supporters);
      ok = add_case (cases, info, error);
    }
  if (ok)
    *out_reasons = ts_match_cases_check (cases, 0, 0, on, config);
  builder_clear (&b);
  return ok;
}

void
ts_matching_add_reasons_extra (TsContext *ctx, TsMatchReasons reasons)
{
  const char *names[TS_MATCH_N_REASONS];
  guint n = ts_match_reasons_to_strings (reasons, names);
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (arr, names[i]);
  ts_context_add_extra (ctx, "reasons", json_node_init_array (json_node_alloc (), arr));
  json_array_unref (arr);
}

/* ---- who may ---------------------------------------------------------- */

/* ---- candidates ------------------------------------------------------- */

void
ts_candidate_list_free (TsCandidateList *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->ranking, ts_match_ranking_free);
  g_clear_pointer (&list->snapshot, ts_match_snapshot_unref);
  g_free (list);
}

typedef struct {
  gint64           id;
  TsCaseMatchInfo *info;
} CaseRead;

static gboolean
read_case (TsStore *store, gpointer user_data, GError **error)
{
  CaseRead *r = user_data;

  r->info = ts_store_case_get_for_matching (store, r->id, error);
  return r->info != NULL;
}

TsCandidateList *
ts_service_matching_candidates (TsService *self, TsContext *ctx, gint64 case_id, TsDate on,
                                int limit, GError **error)
{
  g_autoptr(TsCandidateList) list = NULL;
  g_autoptr(TsCaseMatchInfo) info = NULL;
  g_autoptr(TsMatchCases) cases = NULL;
  const TsMatchConfig *config;
  CaseRead r = { case_id, NULL };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (limit != 0 && (limit < 1 || limit > TS_MATCHING_LIMIT_MAX))
    ts_field_errors_add (ctx->errors, "limit", N_("Must be from 1 to 1000"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  config = ts_service_matching_config (self, error);
  if (config == NULL)
    return NULL;

  if (!ts_store_read (ts_service_get_store (self), read_case, &r, error))
    return NULL;
  info = r.info;
  if (!ts_service_case_check_matchable (info->record, ctx, error))
    return NULL;

  list = g_new0 (TsCandidateList, 1);
  list->case_id = case_id;
  list->on = on != TS_DATE_NONE ? on : ts_date_today ();
  list->config = config;
  list->snapshot = ts_service_matching_snapshot (self, list->on, error);
  if (list->snapshot == NULL)
    return NULL;
  cases = ts_match_cases_new (list->snapshot->supporters);
  if (!add_case (cases, info, error))
    return NULL;
  list->ranking = ts_match_rank (cases, case_id, list->on, config,
                                 limit != 0 ? (guint) limit : TS_MATCHING_LIMIT_DEFAULT, error);
  if (list->ranking == NULL)
    return NULL;

  /* The list shows the case's needs through its factors and names the
   * people who could visit: a read of the case record (SPEC 2.5). */
  if (!ts_service_audit_read (self, ctx, "candidates", "case", case_id, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- batch ------------------------------------------------------------ */

void
ts_batch_result_free (TsBatchResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->assignments, g_array_unref);
  g_clear_pointer (&result->unassigned, g_array_unref);
  g_free (result);
}

typedef struct {
  const TsBatchInput *input;
  GPtrArray          *infos;        /* TsCaseMatchInfo*, by case id */
  GArray             *unknown;      /* gint64 */
  GHashTable         *has_primary;  /* case ids with an active primary */
} BatchRead;

static gboolean
note_primary (TsStore *store, BatchRead *r, const TsCaseMatchInfo *info, GError **error)
{
  int n;

  if (info->record->status != TS_CASE_ACTIVE)
    return TRUE;
  n = ts_store_assignment_count_open (store, info->record->id, TS_ASSIGNMENT_PRIMARY, error);
  if (n < 0)
    return FALSE;
  if (n > 0)
    g_hash_table_add (r->has_primary, g_memdup2 (&info->record->id, sizeof (gint64)));
  return TRUE;
}

static gboolean
read_batch_cases (TsStore *store, gpointer user_data, GError **error)
{
  BatchRead *r = user_data;
  const TsBatchInput *in = r->input;

  if (!in->has_case_ids)
    {
      r->infos = ts_store_case_list_open_for_matching (store, error);
      return r->infos != NULL;
    }
  r->infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_case_match_info_free);
  for (guint i = 0; i < in->n_case_ids; i++)
    {
      g_autoptr(GError) local = NULL;
      TsCaseMatchInfo *info = ts_store_case_get_for_matching (store, in->case_ids[i], &local);

      if (info == NULL)
        {
          if (!g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_array_append_val (r->unknown, in->case_ids[i]);
          continue;
        }
      g_ptr_array_add (r->infos, info);
      if (!note_primary (store, r, info, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_unassigned (gconstpointer a, gconstpointer b)
{
  const TsBatchUnassigned *x = a, *y = b;
  return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

static int
compare_infos (gconstpointer a, gconstpointer b)
{
  const TsCaseMatchInfo *x = *(TsCaseMatchInfo *const *) a;
  const TsCaseMatchInfo *y = *(TsCaseMatchInfo *const *) b;
  return (x->record->id > y->record->id) - (x->record->id < y->record->id);
}

typedef struct {
  TsService     *service;
  TsContext     *ctx;
  TsBatchResult *result;
  JsonArray     *failures;
} CommitWrite;

/*
 * Creates every assignment of the batch in one transaction.  Each is
 * checked again as the transaction sees the data, after the ones before
 * it: the supporters' capacity counts the batch's own assignments.  All
 * pairs are checked so that the answer lists every failure; one failure
 * rolls all of them back.
 */
static gboolean
write_commit (TsStore *store, gpointer user_data, GError **error)
{
  CommitWrite *w = user_data;
  TsBatchResult *result = w->result;

  (void) store;
  for (guint i = 0; i < result->assignments->len; i++)
    {
      TsBatchAssignment *a = &g_array_index (result->assignments, TsBatchAssignment, i);
      TsAssignmentInput input = { a->case_id, a->supporter_id, result->on, "primary" };
      g_autoptr(GError) local = NULL;
      TsMatchReasons reasons = 0;

      if (ts_service_assignment_insert_checked (w->service, w->ctx, &input, &a->assignment_id,
                                                &reasons, &local))
        continue;
      if (local->domain != TS_ERROR || local->code == TS_ERROR_INTERNAL ||
          local->code == TS_ERROR_UNAVAILABLE)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      {
        JsonObject *f = json_object_new ();
        JsonArray *names = json_array_new ();
        const char *strings[TS_MATCH_N_REASONS];
        guint n = ts_match_reasons_to_strings (reasons, strings);

        json_object_set_int_member (f, "case_id", a->case_id);
        json_object_set_int_member (f, "supporter_id", a->supporter_id);
        json_object_set_string_member (f, "code", ts_error_code_to_string (local->code));
        for (guint k = 0; k < n; k++)
          json_array_add_string_element (names, strings[k]);
        json_object_set_array_member (f, "reasons", names);
        json_array_add_object_element (w->failures, f);
      }
    }
  if (json_array_get_length (w->failures) > 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("Some proposed assignments are no longer possible; none was created"));
      return FALSE;
    }
  return ts_service_audit (w->service, w->ctx, "match_batch", "case", 0, error);
}

TsBatchResult *
ts_service_matching_batch (TsService *self, TsContext *ctx, const TsBatchInput *input,
                           GError **error)
{
  g_autoptr(TsBatchResult) result = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) has_primary = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  g_autoptr(TsMatchSnapshot) snapshot = NULL;
  g_autoptr(TsMatchCases) cases = NULL;
  g_autoptr(TsMatchBatch) batch = NULL;
  const TsMatchConfig *config;
  BatchRead r = { input, NULL, unknown, has_primary };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (input->has_case_ids)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

      if (input->n_case_ids > TS_MATCHING_BATCH_MAX_IDS)
        ts_field_errors_add (ctx->errors, "case_ids", N_("At most 10000 case ids"));
      else
        for (guint i = 0; i < input->n_case_ids; i++)
          {
            char field[32];

            g_snprintf (field, sizeof field, "case_ids[%u]", i);
            if (input->case_ids[i] <= 0)
              ts_field_errors_add (ctx->errors, field, N_("Must be a positive integer"));
            else if (!g_hash_table_add (seen, (gpointer) &input->case_ids[i]))
              ts_field_errors_add (ctx->errors, field, N_("Listed twice"));
          }
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  config = ts_service_matching_config (self, error);
  if (config == NULL)
    return NULL;

  if (!ts_store_read (ts_service_get_store (self), read_batch_cases, &r, error))
    {
      g_clear_pointer (&r.infos, g_ptr_array_unref);
      return NULL;
    }
  infos = r.infos;
  if (unknown->len > 0)
    {
      JsonArray *ids = json_array_new ();

      for (guint i = 0; i < unknown->len; i++)
        json_array_add_int_element (ids, g_array_index (unknown, gint64, i));
      ts_context_add_extra (ctx, "unknown_case_ids", json_node_init_array (json_node_alloc (), ids));
      json_array_unref (ids);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such case"));
      return NULL;
    }
  g_ptr_array_sort (infos, compare_infos);

  result = g_new0 (TsBatchResult, 1);
  result->on = input->on != TS_DATE_NONE ? input->on : ts_date_today ();
  result->assignments = g_array_new (FALSE, FALSE, sizeof (TsBatchAssignment));
  result->unassigned = g_array_new (FALSE, FALSE, sizeof (TsBatchUnassigned));

  snapshot = ts_service_matching_snapshot (self, result->on, error);
  if (snapshot == NULL)
    return NULL;
  cases = ts_match_cases_new (snapshot->supporters);
  /* Cases the matcher must not see are answered here, with the case
   * registry's reason, instead of failing the whole batch (issue 4). */
  for (guint i = 0; i < infos->len; i++)
    {
      const TsCaseMatchInfo *info = infos->pdata[i];
      TsCaseMatchBlock block = ts_case_match_block (info->record);
      TsBatchUnassigned u = { info->record->id, NULL };

      if (block != TS_CASE_MATCHABLE)
        u.reason = ts_case_match_block_to_string (block);
      else if (g_hash_table_contains (has_primary, &info->record->id))
        u.reason = "already_assigned";
      if (u.reason != NULL)
        {
          g_array_append_val (result->unassigned, u);
          continue;
        }
      if (!add_case (cases, info, error))
        return NULL;
    }

  batch = ts_match_batch (cases, result->on, config, input->progress, input->progress_data,
                          error);
  if (batch == NULL)
    return NULL;
  for (guint i = 0; i < batch->assignments->len; i++)
    {
      const TsMatchAssignment *m = &g_array_index (batch->assignments, TsMatchAssignment, i);
      TsBatchAssignment a = { m->case_id, m->supporter_id, m->score, 0 };
      g_array_append_val (result->assignments, a);
    }
  for (guint i = 0; i < batch->unassigned->len; i++)
    {
      const TsMatchUnassigned *m = &g_array_index (batch->unassigned, TsMatchUnassigned, i);
      TsBatchUnassigned u = { m->case_id, ts_match_unassigned_reason_to_string (m->reason) };
      g_array_append_val (result->unassigned, u);
    }
  g_array_sort (result->unassigned, compare_unassigned);
  result->total_score = batch->total_score;
  result->stats = batch->stats;

  if (input->commit)
    {
      CommitWrite w = { self, ctx, result, json_array_new () };
      gboolean ok = ts_store_write (ts_service_get_store (self), write_commit, &w, error);

      if (!ok && json_array_get_length (w.failures) > 0)
        {
          /* Only the list of failures explains a refused batch; a case's
           * status from one of them would mislead. */
          if (ctx->problem_extra != NULL)
            json_object_remove_member (ctx->problem_extra, "current_status");
          ts_context_add_extra (ctx, "failures",
                                json_node_init_array (json_node_alloc (), w.failures));
        }
      json_array_unref (w.failures);
      if (!ok)
        return NULL;
      result->committed = TRUE;
    }
  else if (!ts_service_audit_read (self, ctx, "match_batch", "case", 0, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* ---- JSON text ------------------------------------------------------------ */

/*
 * Candidate lists and batches are written with a GString rather than a
 * json-glib tree: a list among 10,000 supporters names every excluded one,
 * and building tens of thousands of nodes would cost more than ranking.
 * The REST API and `tsunagari match --format json` print the same text.
 * Numbers are written as the shortest decimal that reads back as the same
 * double (15, 16 or 17 significant digits), so the output is byte-identical
 * for the same input and a client that adds a candidate's contributions in
 * the order listed gets its score exactly.
 */

/* Integers without printf: a list among 10,000 supporters has thousands. */
static void
append_int (GString *out, gint64 value)
{
  char buf[24];
  guint64 u = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  int n = 0;

  do
    {
      buf[n++] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (value < 0)
    buf[n++] = '-';
  while (n > 0)
    g_string_append_c (out, buf[--n]);
}

void
ts_matching_append_double (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Whole numbers (weights, values 0 and 1) print as "%.15g" would. */
  if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    {
      append_int (out, (gint64) value);
      return;
    }
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.16g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
}

static void
append_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_date (GString *out, TsDate date)
{
  char buf[11];

  ts_date_format (date, buf);
  append_string (out, buf);
}

/* The JSON list of every set of reasons, made once: an excluded
 * supporter's entry is then two appends. */
static gpointer
make_reason_lists (gpointer unused)
{
  char **lists = g_new0 (char *, 1u << TS_MATCH_N_REASONS);

  (void) unused;
  for (guint mask = 0; mask < (1u << TS_MATCH_N_REASONS); mask++)
    {
      const char *names[TS_MATCH_N_REASONS];
      guint n = ts_match_reasons_to_strings (mask, names);
      GString *out = g_string_new ("[");

      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s\"%s\"", i > 0 ? "," : "", names[i]);
      g_string_append_c (out, ']');
      lists[mask] = g_string_free (out, FALSE);
    }
  return lists;
}

static void
append_reasons (GString *out, TsMatchReasons reasons)
{
  static GOnce once = G_ONCE_INIT;
  char **lists = g_once (&once, make_reason_lists, NULL);

  g_string_append (out, lists[reasons & ((1u << TS_MATCH_N_REASONS) - 1)]);
}

/* Why a factor has no value (JSON null, contribution 0). */
static const char *
factor_note (TsMatchFactorKind kind)
{
  switch (kind)
    {
    case TS_MATCH_FACTOR_DISTANCE:
      return N_("No location is recorded for the case or the supporter");
    case TS_MATCH_FACTOR_AVAILABILITY:
      return N_("The case states no preferred times");
    case TS_MATCH_FACTOR_NEEDS_SKILLS:
      return N_("The case lists no needs");
    case TS_MATCH_FACTOR_INTERESTS:
      return N_("The case lists no interests");
    case TS_MATCH_FACTOR_PEER_EXPERIENCE:
      return N_("The case states no peer-experience preference");
    case TS_MATCH_FACTOR_GENDER:
      return N_("The case states no gender preference");
    case TS_MATCH_FACTOR_OCCUPATION:
      return N_("The case's referral kind has no occupation mapping");
    case TS_MATCH_FACTOR_WORKLOAD:
    case TS_MATCH_FACTOR_CONTINUITY:
    default:
      return N_("Not computable");
    }
}

GString *
ts_matching_candidates_to_json (const TsCandidateList *list, TsLanguage lang)
{
  const TsMatchRanking *r = list->ranking;
  GString *out = g_string_sized_new (256 + 600 * r->candidates->len + 48 * r->excluded->len);

  g_string_append_printf (out, "{\"case_id\":%" G_GINT64_FORMAT ",\"on\":", list->case_id);
  append_date (out, list->on);
  g_string_append_printf (out, ",\"eligible\":%u,\"candidates\":[", r->n_eligible);
  for (guint i = 0; i < r->candidates->len; i++)
    {
      const TsMatchCandidate *c = &g_array_index (r->candidates, TsMatchCandidate, i);

      g_string_append_printf (out, "%s{\"supporter_id\":%" G_GINT64_FORMAT ",\"name\":",
                              i > 0 ? "," : "", c->supporter_id);
      append_string (out, ts_match_snapshot_get_name (list->snapshot, c->supporter_id));
      g_string_append (out, ",\"score\":");
      ts_matching_append_double (out, c->score);
      g_string_append (out, ",\"factors\":[");
      for (guint k = 0; k < TS_MATCH_N_FACTORS; k++)
        {
          const TsMatchFactor *f = &c->factors[k];

          g_string_append (out, k > 0 ? ",{\"name\":" : "{\"name\":");
          append_string (out, ts_match_factor_to_string (f->kind));
          g_string_append (out, ",\"value\":");
          if (f->has_value)
            ts_matching_append_double (out, f->value);
          else
            g_string_append (out, "null");
          g_string_append (out, ",\"weight\":");
          ts_matching_append_double (out, f->weight);
          g_string_append (out, ",\"contribution\":");
          ts_matching_append_double (out, f->contribution);
          if (!f->has_value)
            {
              g_string_append (out, ",\"note\":");
              append_string (out, ts_i18n_gettext_lang (lang, factor_note (f->kind)));
            }
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "],\"excluded\":[");
  for (guint i = 0; i < r->excluded->len; i++)
    {
      const TsMatchExcluded *e = &g_array_index (r->excluded, TsMatchExcluded, i);

      g_string_append (out, i > 0 ? ",{\"supporter_id\":" : "{\"supporter_id\":");
      append_int (out, e->supporter_id);
      g_string_append (out, ",\"reasons\":");
      append_reasons (out, e->reasons);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return out;
}

GString *
ts_matching_batch_to_json (const TsBatchResult *result)
{
  GString *out = g_string_sized_new (128 + 80 * (result->assignments->len +
                                                 result->unassigned->len));

  g_string_append (out, "{\"on\":");
  append_date (out, result->on);
  g_string_append_printf (out, ",\"committed\":%s,\"assignments\":[",
                          result->committed ? "true" : "false");
  for (guint i = 0; i < result->assignments->len; i++)
    {
      const TsBatchAssignment *a = &g_array_index (result->assignments, TsBatchAssignment, i);

      g_string_append_printf (out, "%s{\"case_id\":%" G_GINT64_FORMAT ",\"supporter_id\":%"
                              G_GINT64_FORMAT ",\"score\":", i > 0 ? "," : "", a->case_id,
                              a->supporter_id);
      ts_matching_append_double (out, a->score);
      if (result->committed)
        g_string_append_printf (out, ",\"assignment_id\":%" G_GINT64_FORMAT, a->assignment_id);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"unassigned\":[");
  for (guint i = 0; i < result->unassigned->len; i++)
    {
      const TsBatchUnassigned *u = &g_array_index (result->unassigned, TsBatchUnassigned, i);

      g_string_append_printf (out, "%s{\"case_id\":%" G_GINT64_FORMAT ",\"reasons\":[",
                              i > 0 ? "," : "", u->case_id);
      append_string (out, u->reason);
      g_string_append (out, "]}");
    }
  g_string_append (out, "],\"total_score\":");
  ts_matching_append_double (out, result->total_score);
  g_string_append_c (out, '}');
  return out;
}
