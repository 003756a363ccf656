/*
 * The effective-dated rate table (SPEC 2.4, 3.2 Rates).
 *
 * SPEC 2.4: 「Honoraria (謝礼) are computed from an effective-dated rate table
 * (per activity and/or per hour by kind)」.  Bunkyo's coordinators manage the
 * honoraria as part of activity management (「活動管理(謝礼や保険等含む)」,
 * seed 004), and the amounts change with each year's budget, so an activity
 * is always priced at the set in force on its own date, never at today's.
 *
 * Before any set exists the SPEC defaults apply: the host stipend of 1,500
 * JPY per participant-day that Akita pays its 職親 (「1人あたり1500円/日」,
 * seed 002) and 0 for everything else.
 */
#include "domain/rates.h"

#include <string.h>

#include "core/i18n.h"

static const char *const kind_names[TS_ACTIVITY_N_KINDS] = {
  [TS_ACTIVITY_KIND_HOME_VISIT] = "home_visit",
  [TS_ACTIVITY_KIND_ACCOMPANY] = "accompany",
  [TS_ACTIVITY_KIND_PHONE] = "phone",
  [TS_ACTIVITY_KIND_SPACE] = "space",
  [TS_ACTIVITY_KIND_FAMILY_SUPPORT] = "family_support",
  [TS_ACTIVITY_KIND_ONLINE] = "online",
};

const char *
ts_activity_kind_to_string (TsActivityKind kind)
{
  g_return_val_if_fail ((guint) kind < TS_ACTIVITY_N_KINDS, NULL);

  return kind_names[kind];
}

gboolean
ts_activity_kind_from_string (const char     *text,
                              TsActivityKind *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < TS_ACTIVITY_N_KINDS; i++)
    if (strcmp (text, kind_names[i]) == 0)
      {
        *out = (TsActivityKind) i;
        return TRUE;
      }
  return FALSE;
}

static const TsRateSet default_set = {
  .effective_from = TS_DATE_NONE,
  .host_stipend_per_day_yen = TS_RATE_DEFAULT_HOST_STIPEND_PER_DAY_YEN,
};

void
ts_rate_set_init_default (TsRateSet *set)
{
  g_return_if_fail (set != NULL);

  *set = default_set;
}

/* The SPEC defaults, with effective_from TS_DATE_NONE. */
const TsRateSet *
ts_rate_set_get_default (void)
{
  return &default_set;
}

/*
 * The rates for @kind: each field of the kind's override replaces the
 * general field on its own, so an override that gives only a per-hour rate
 * keeps the general per-activity amount and cap.  Returns FALSE (and leaves
 * @out untouched) for a kind outside the vocabulary.
 */
gboolean
ts_rate_set_resolve_kind (const TsRateSet *set,
                          TsActivityKind   kind,
                          TsKindRates     *out)
{
  const TsRateOverride *o;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if ((guint) kind >= TS_ACTIVITY_N_KINDS)
    return FALSE;

  o = &set->by_kind[kind];
  out->honorarium_per_activity_yen =
    (o->set & TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY) ? o->honorarium_per_activity_yen
                                                     : set->honorarium_per_activity_yen;
  out->honorarium_per_hour_yen =
    (o->set & TS_RATE_FIELD_HONORARIUM_PER_HOUR) ? o->honorarium_per_hour_yen
                                                 : set->honorarium_per_hour_yen;
  out->transport_cap_yen =
    (o->set & TS_RATE_FIELD_TRANSPORT_CAP) ? o->transport_cap_yen
                                           : set->transport_cap_yen;
  return TRUE;
}

/*
 * The set in force on @on: the one with the latest effective_from on or
 * before @on.  A set applies from its effective_from "until a later one"
 * (SPEC 3.2), so a change on the 15th prices the 14th at the old set and the
 * 15th at the new one, and a month can be split between two sets.
 *
 * @sets may be in any order.  When no set is in force yet (an empty table,
 * or only sets from later dates) the result is the SPEC defaults and
 * *@out_is_default is TRUE; GET /v1/rates and a statement can say so.  The
 * pointer is into @sets or to static storage: never freed by the caller.
 *
 * A validated table has no two sets with one effective_from; if it had,
 * the first in array order would win, so the answer is still deterministic.
 */
const TsRateSet *
ts_rate_table_in_force (const TsRateSet *sets,
                        gsize            n_sets,
                        TsDate           on,
                        gboolean        *out_is_default)
{
  const TsRateSet *best = NULL;

  g_return_val_if_fail (sets != NULL || n_sets == 0, NULL);
  g_return_val_if_fail (on != TS_DATE_NONE, NULL);

  for (gsize i = 0; i < n_sets; i++)
    {
      const TsRateSet *s = &sets[i];

      if (s->effective_from == TS_DATE_NONE || s->effective_from > on)
        continue;
      if (best == NULL || s->effective_from > best->effective_from)
        best = s;
    }

  if (out_is_default != NULL)
    *out_is_default = best == NULL;
  return best != NULL ? best : &default_set;
}

/* For POST /v1/rates: a second set with the same effective_from is a
 * conflict (409), not a replacement, because activities may already have
 * been priced at the first. */
gboolean
ts_rate_table_contains (const TsRateSet *sets,
                        gsize            n_sets,
                        TsDate           effective_from)
{
  g_return_val_if_fail (sets != NULL || n_sets == 0, FALSE);

  for (gsize i = 0; i < n_sets; i++)
    if (sets[i].effective_from == effective_from)
      return TRUE;
  return FALSE;
}

/* Whether two sets share an effective_from; the first such pair (by the
 * second index, then the first) goes to @out_first < @out_second. */
gboolean
ts_rate_table_find_duplicate (const TsRateSet *sets,
                              gsize            n_sets,
                              gsize           *out_first,
                              gsize           *out_second)
{
  g_return_val_if_fail (sets != NULL || n_sets == 0, FALSE);

  for (gsize j = 1; j < n_sets; j++)
    for (gsize i = 0; i < j; i++)
      if (sets[i].effective_from == sets[j].effective_from)
        {
          if (out_first != NULL)
            *out_first = i;
          if (out_second != NULL)
            *out_second = j;
          return TRUE;
        }
  return FALSE;
}

/* The JSON names of the fields, as TsInput and the problem body use them. */
#define KIND_FIELDS(kind) \
  { "by_kind." kind ".honorarium_per_activity_yen", \
    "by_kind." kind ".honorarium_per_hour_yen", \
    "by_kind." kind ".transport_cap_yen" }

static const char *const override_fields[TS_ACTIVITY_N_KINDS][3] = {
  [TS_ACTIVITY_KIND_HOME_VISIT] = KIND_FIELDS ("home_visit"),
  [TS_ACTIVITY_KIND_ACCOMPANY] = KIND_FIELDS ("accompany"),
  [TS_ACTIVITY_KIND_PHONE] = KIND_FIELDS ("phone"),
  [TS_ACTIVITY_KIND_SPACE] = KIND_FIELDS ("space"),
  [TS_ACTIVITY_KIND_FAMILY_SUPPORT] = KIND_FIELDS ("family_support"),
  [TS_ACTIVITY_KIND_ONLINE] = KIND_FIELDS ("online"),
};

static void
check_amount (gint64       yen,
              const char  *field,
              TsRateIssue *issues,
              gsize        max_issues,
              gsize       *n)
{
  TsRateIssueCode code;

  if (yen < 0)
    code = TS_RATE_ISSUE_NEGATIVE;
  else if (yen > TS_YEN_MAX)
    code = TS_RATE_ISSUE_TOO_LARGE;
  else
    return;

  if (*n < max_issues)
    {
      issues[*n].code = code;
      issues[*n].field = field;
    }
  (*n)++;
}

/*
 * Checks every field of @set and writes up to @max_issues issues, in field
 * order, to @issues (which may be NULL when @max_issues is 0).  Returns the
 * number of issues found, which may exceed @max_issues;
 * TS_RATE_SET_MAX_ISSUES always holds them all.
 *
 * Negative amounts are refused (422, SPEC/issue: "negative amounts → 422")
 * rather than read as deductions: a deduction is an adjustment line in the
 * ledger, never a rate.  0 is a valid amount everywhere (no per-activity
 * part, no transport).  Only given override fields are checked.
 */
gsize
ts_rate_set_validate (const TsRateSet *set,
                      TsRateIssue     *issues,
                      gsize            max_issues)
{
  gsize n = 0;

  g_return_val_if_fail (set != NULL, 0);
  g_return_val_if_fail (issues != NULL || max_issues == 0, 0);

  if (set->effective_from == TS_DATE_NONE)
    {
      if (n < max_issues)
        {
          issues[n].code = TS_RATE_ISSUE_MISSING;
          issues[n].field = "effective_from";
        }
      n++;
    }

  check_amount (set->honorarium_per_activity_yen, "honorarium_per_activity_yen",
                issues, max_issues, &n);
  check_amount (set->honorarium_per_hour_yen, "honorarium_per_hour_yen",
                issues, max_issues, &n);
  check_amount (set->transport_cap_yen, "transport_cap_yen",
                issues, max_issues, &n);
  check_amount (set->host_stipend_per_day_yen, "host_stipend_per_day_yen",
                issues, max_issues, &n);
  check_amount (set->event_honorarium_per_hour_yen, "event_honorarium_per_hour_yen",
                issues, max_issues, &n);

  for (guint k = 0; k < TS_ACTIVITY_N_KINDS; k++)
    {
      const TsRateOverride *o = &set->by_kind[k];

      if (o->set & TS_RATE_FIELD_HONORARIUM_PER_ACTIVITY)
        check_amount (o->honorarium_per_activity_yen, override_fields[k][0],
                      issues, max_issues, &n);
      if (o->set & TS_RATE_FIELD_HONORARIUM_PER_HOUR)
        check_amount (o->honorarium_per_hour_yen, override_fields[k][1],
                      issues, max_issues, &n);
      if (o->set & TS_RATE_FIELD_TRANSPORT_CAP)
        check_amount (o->transport_cap_yen, override_fields[k][2],
                      issues, max_issues, &n);
    }

  return n;
}

gboolean
ts_rate_set_is_valid (const TsRateSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);

  return ts_rate_set_validate (set, NULL, 0) == 0;
}

/* The untranslated message for a field error; the caller passes it to
 * ts_field_errors_add(), which translates at render time.  These are the
 * msgids TsInput already uses, so they are translated already. */
const char *
ts_rate_issue_message (TsRateIssueCode code)
{
  switch (code)
    {
    case TS_RATE_ISSUE_MISSING:
      return N_("Required");
    case TS_RATE_ISSUE_NEGATIVE:
      return N_("Must not be negative");
    case TS_RATE_ISSUE_TOO_LARGE:
      return N_("Out of range");
    default:
      g_return_val_if_reached (NULL);
    }
}
