/*
 * Matching results as JSON: the text of candidate lists and batches that
 * the REST API and the command line print, and the `reasons` a refused
 * assignment adds to its problem.
 */
#include "service/matching.h"

#include <math.h>

#include "domain/municipality.h"

#include "core/date.h"
#include "core/i18n.h"

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

/* "09:30" from minutes after midnight (0..1440). */
static void
append_time (GString *out, guint minutes)
{
  g_string_append_printf (out, "\"%02u:%02u\"", minutes / 60, minutes % 60);
}

/* The municipality's name as people say it: a designated city's ward
 * with its city (札幌市中央区); NULL for an unknown code. */
static const char *
municipality_name (const char *code, char *buf, gsize size)
{
  const TsMunicipality *m = code != NULL ? ts_municipality_lookup (code) : NULL;
  const TsMunicipality *city;

  if (m == NULL)
    return NULL;
  if (m->city_code != NULL && (city = ts_municipality_lookup (m->city_code)) != NULL)
    {
      g_snprintf (buf, size, "%s%s", city->name, m->name);
      return buf;
    }
  return m->name;
}

static void
append_detail (GString *out, const TsCandidateDetail *d)
{
  char buf[256];
  const char *town = municipality_name (d->municipality_code, buf, sizeof buf);

  g_string_append (out, ",\"code\":");
  if (d->code != NULL)
    append_string (out, d->code);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"municipality_code\":");
  append_string (out, d->municipality_code != NULL ? d->municipality_code : "");
  g_string_append (out, ",\"municipality\":");
  if (town != NULL)
    append_string (out, town);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"open_cases\":");
  append_int (out, d->pair.active_cases);
  g_string_append (out, ",\"max_cases\":");
  append_int (out, d->pair.max_cases);
  g_string_append (out, ",\"distance_km\":");
  if (d->pair.has_distance)
    ts_matching_append_double (out, round (d->pair.distance_km * 10.0) / 10.0);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"availability_overlap\":[");
  for (guint k = 0; d->overlap != NULL && k < d->overlap->len; k++)
    {
      const TsMatchTimeRange *t = &g_array_index (d->overlap, TsMatchTimeRange, k);

      g_string_append (out, k > 0 ? ",{\"weekday\":" : "{\"weekday\":");
      append_int (out, t->weekday);
      g_string_append (out, ",\"from\":");
      append_time (out, t->from);
      g_string_append (out, ",\"to\":");
      append_time (out, t->to);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"assigned\":%s", d->assigned ? "true" : "false");
}

/* How many excluded supporters each reason keeps out (one supporter
 * counts under each of its reasons), in the matcher's fixed order;
 * reasons that keep nobody out are left out. */
static void
append_excluded_summary (GString *out, const GArray *excluded)
{
  guint counts[TS_MATCH_N_REASONS] = { 0 };
  gboolean first = TRUE;

  for (guint i = 0; i < excluded->len; i++)
    {
      TsMatchReasons reasons = g_array_index (excluded, TsMatchExcluded, i).reasons;

      for (guint k = 0; k < TS_MATCH_N_REASONS; k++)
        if (reasons & (1u << k))
          counts[k]++;
    }
  g_string_append_c (out, '[');
  for (guint k = 0; k < TS_MATCH_N_REASONS; k++)
    {
      const char *names[TS_MATCH_N_REASONS];

      if (counts[k] == 0 || ts_match_reasons_to_strings (1u << k, names) != 1)
        continue;
      g_string_append (out, first ? "{\"reason\":\"" : ",{\"reason\":\"");
      g_string_append (out, names[0]);
      g_string_append (out, "\",\"count\":");
      append_int (out, counts[k]);
      g_string_append_c (out, '}');
      first = FALSE;
    }
  g_string_append_c (out, ']');
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
      if (list->details != NULL)
        append_detail (out, &g_array_index (list->details, TsCandidateDetail, i));
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
  g_string_append (out, "],\"excluded_total\":");
  append_int (out, r->excluded->len);
  g_string_append (out, ",\"excluded_summary\":");
  append_excluded_summary (out, r->excluded);
  if (list->all_excluded)
    {
      g_string_append (out, ",\"excluded\":[");
      for (guint i = 0; i < r->excluded->len; i++)
        {
          const TsMatchExcluded *e = &g_array_index (r->excluded, TsMatchExcluded, i);

          g_string_append (out, i > 0 ? ",{\"supporter_id\":" : "{\"supporter_id\":");
          append_int (out, e->supporter_id);
          g_string_append (out, ",\"name\":");
          append_string (out, ts_match_snapshot_get_name (list->snapshot, e->supporter_id));
          g_string_append (out, ",\"reasons\":");
          append_reasons (out, e->reasons);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
  return out;
}

gboolean
ts_matching_excluded_from_string (const char *text, gboolean *out_all)
{
  if (g_strcmp0 (text, "summary") == 0)
    *out_all = FALSE;
  else if (g_strcmp0 (text, "all") == 0)
    *out_all = TRUE;
  else
    return FALSE;
  return TRUE;
}

static void
append_nullable (GString *out, const char *text)
{
  if (text != NULL)
    append_string (out, text);
  else
    g_string_append (out, "null");
}

static void
append_names (GString *out, const char *case_code, const char *nickname)
{
  g_string_append (out, ",\"case_code\":");
  append_nullable (out, case_code);
  g_string_append (out, ",\"nickname\":");
  append_nullable (out, nickname);
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
      append_names (out, a->case_code, a->nickname);
      g_string_append (out, ",\"supporter_name\":");
      append_nullable (out, a->supporter_name);
      if (result->committed)
        g_string_append_printf (out, ",\"assignment_id\":%" G_GINT64_FORMAT, a->assignment_id);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"unassigned\":[");
  for (guint i = 0; i < result->unassigned->len; i++)
    {
      const TsBatchUnassigned *u = &g_array_index (result->unassigned, TsBatchUnassigned, i);

      g_string_append_printf (out, "%s{\"case_id\":%" G_GINT64_FORMAT,
                              i > 0 ? "," : "", u->case_id);
      append_names (out, u->case_code, u->nickname);
      g_string_append (out, ",\"reasons\":[");
      append_string (out, u->reason);
      g_string_append (out, "]}");
    }
  g_string_append (out, "],\"total_score\":");
  ts_matching_append_double (out, result->total_score);
  g_string_append_c (out, '}');
  return out;
}

/* ---- the reasons of a refused pair ------------------------------------ */

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
