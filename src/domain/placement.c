/*
 * 職親 work-experience placements (SPEC 2.3, Akita, seed 002).
 *
 * Akita's leaflet (seed 002, 「社会とのつながり支援（職親）事業とは」):
 *
 *   ① 短期参加（1日～2週間未満）
 *   ② 通常参加（2週間以上）
 *   ※短期参加と通常参加を組み合わせることもできます。（①②合わせて240日以内）
 *   就労体験に先立ち、本人、家族、職親、相談窓口担当者との事前面談を行います。
 *
 * The functions here decide each of those rules from the request and from
 * numbers the service has read inside its write transaction (days already
 * used, the participant's scheduled dates, the host's count per day), so the
 * service can re-check them where concurrent requests are serialised.
 * docs/domain-rules.md, "職親 placements", explains each decision.
 */
#include "domain/placement.h"

#include <stdlib.h>

#include "core/config.h"
#include "domain/holidays.h"

/* The one definition of these rule numbers: configuration key ([placement]),
 * default and range.  A one-day placement is short whatever the
 * configuration: the leaflet's 「1日からの短期参加もできます」 makes one day
 * the shortest short placement, so a regular placement needs at least two
 * days of span. */
static const TsConfigInt rule_table[] = {
  TS_CONFIG_INT ("placement", TsPlacementRules, cap_days,
                 TS_PLACEMENT_RULES_DEFAULT_CAP_DAYS, 1, 3660),
  TS_CONFIG_INT ("placement", TsPlacementRules, max_days_per_request,
                 TS_PLACEMENT_RULES_DEFAULT_MAX_DAYS_PER_REQUEST, 1, 3660),
  TS_CONFIG_INT ("placement", TsPlacementRules, regular_min_span_days,
                 TS_PLACEMENT_RULES_DEFAULT_REGULAR_MIN_SPAN_DAYS, 2, 366),
};

TS_DEFINE_CONFIG_RULES (ts_placement_rules, TsPlacementRules, rule_table)

gboolean
ts_placement_hours_per_day_valid (gint64 hours)
{
  return hours >= TS_PLACEMENT_MIN_HOURS_PER_DAY &&
         hours <= TS_PLACEMENT_MAX_HOURS_PER_DAY;
}

/* --- Kind ------------------------------------------------------------- */

/*
 * The span of a placement in calendar days, counting both its first and its
 * last day: a placement on one day has a span of 1, one from a Monday to the
 * Sunday of the following week a span of 14 — two weeks.  Counting both ends
 * is what makes 「2週間未満」 mean "fewer than 14 calendar days": the
 * placement that covers exactly two weeks of the calendar is regular
 * (「2週間以上」), one that stops a day earlier is short.
 */
guint
ts_placement_span_days (TsDate first,
                        TsDate last)
{
  g_return_val_if_fail (first != TS_DATE_NONE, 0);
  g_return_val_if_fail (last >= first, 0);

  return last - first + 1;
}

/* The span, not the number of days attended, decides the kind (SPEC 2.3):
 * a placement on every Monday for a month is regular although it has only
 * four or five days. */
TsPlacementKind
ts_placement_kind_for_span (TsDate                  first,
                            TsDate                  last,
                            const TsPlacementRules *rules)
{
  g_return_val_if_fail (rules != NULL, TS_PLACEMENT_KIND_SHORT);

  if (ts_placement_span_days (first, last) >= rules->regular_min_span_days)
    return TS_PLACEMENT_KIND_REGULAR;
  return TS_PLACEMENT_KIND_SHORT;
}

const char *
ts_placement_kind_to_string (TsPlacementKind kind)
{
  switch (kind)
    {
    case TS_PLACEMENT_KIND_SHORT:
      return "short";
    case TS_PLACEMENT_KIND_REGULAR:
      return "regular";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ts_placement_kind_from_string (const char      *text,
                               TsPlacementKind *out)
{
  TsPlacementKind kind;

  if (g_strcmp0 (text, "short") == 0)
    kind = TS_PLACEMENT_KIND_SHORT;
  else if (g_strcmp0 (text, "regular") == 0)
    kind = TS_PLACEMENT_KIND_REGULAR;
  else
    return FALSE;
  if (out != NULL)
    *out = kind;
  return TRUE;
}

/* --- Helpers on date arrays ---------------------------------------------- */

static int
compare_dates (const void *a,
               const void *b)
{
  TsDate x = *(const TsDate *) a;
  TsDate y = *(const TsDate *) b;

  return (x > y) - (x < y);
}

static GArray *
dates_new (gsize reserve)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (TsDate), (guint) reserve);
}

static GArray *
dates_copy_sorted (const TsDate *days,
                   gsize         n_days)
{
  GArray *sorted = dates_new (n_days);

  if (n_days > 0)
    g_array_append_vals (sorted, days, (guint) n_days);
  g_array_sort (sorted, compare_dates);
  return sorted;
}

/* Sorts @dates and drops repeats, in place. */
static GArray *
dates_sort_unique (GArray *dates)
{
  guint kept = 0;

  g_array_sort (dates, compare_dates);
  for (guint i = 0; i < dates->len; i++)
    {
      TsDate d = g_array_index (dates, TsDate, i);

      if (kept == 0 || g_array_index (dates, TsDate, kept - 1) != d)
        g_array_index (dates, TsDate, kept++) = d;
    }
  g_array_set_size (dates, kept);
  return dates;
}

/* --- The list of days in a request -------------------------------------- */

/*
 * Checks the days of one placement request.  The first problem in this order
 * is returned: no days; more than rules->max_days_per_request entries (a
 * request can never need more days than the cap, and the limit bounds the
 * work one request causes); an entry that is not a date; a date given twice
 * (the caller meant something, but we cannot tell what).
 *
 * @out_sorted (optional) receives the days ascending when the result is OK,
 * NULL otherwise.  @out_duplicates (optional) receives the dates that occur
 * more than once (empty unless the result is DUPLICATE).
 */
TsPlacementDaysResult
ts_placement_days_validate (const TsDate           *days,
                            gsize                   n_days,
                            const TsPlacementRules *rules,
                            GArray                **out_sorted,
                            GArray                **out_duplicates)
{
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GArray) duplicates = dates_new (0);
  TsPlacementDaysResult result = TS_PLACEMENT_DAYS_OK;

  g_return_val_if_fail (days != NULL || n_days == 0, TS_PLACEMENT_DAYS_EMPTY);
  g_return_val_if_fail (rules != NULL, TS_PLACEMENT_DAYS_EMPTY);

  if (out_sorted != NULL)
    *out_sorted = NULL;
  if (out_duplicates != NULL)
    *out_duplicates = NULL;

  if (n_days == 0)
    result = TS_PLACEMENT_DAYS_EMPTY;
  else if (n_days > rules->max_days_per_request)
    result = TS_PLACEMENT_DAYS_TOO_MANY;
  else
    {
      sorted = dates_copy_sorted (days, n_days);
      /* TS_DATE_NONE is 0, so it sorts first. */
      if (g_array_index (sorted, TsDate, 0) == TS_DATE_NONE)
        result = TS_PLACEMENT_DAYS_INVALID_DATE;
      else
        {
          for (guint i = 1; i < sorted->len; i++)
            {
              TsDate d = g_array_index (sorted, TsDate, i);

              if (d == g_array_index (sorted, TsDate, i - 1) &&
                  (duplicates->len == 0 ||
                   g_array_index (duplicates, TsDate, duplicates->len - 1) != d))
                g_array_append_val (duplicates, d);
            }
          if (duplicates->len > 0)
            result = TS_PLACEMENT_DAYS_DUPLICATE;
        }
    }

  if (out_sorted != NULL && result == TS_PLACEMENT_DAYS_OK)
    *out_sorted = g_steal_pointer (&sorted);
  if (out_duplicates != NULL)
    *out_duplicates = g_steal_pointer (&duplicates);
  return result;
}

const char *
ts_placement_days_result_to_string (TsPlacementDaysResult result)
{
  switch (result)
    {
    case TS_PLACEMENT_DAYS_OK:
      return "ok";
    case TS_PLACEMENT_DAYS_EMPTY:
      return "empty";
    case TS_PLACEMENT_DAYS_TOO_MANY:
      return "too_many";
    case TS_PLACEMENT_DAYS_INVALID_DATE:
      return "invalid_date";
    case TS_PLACEMENT_DAYS_DUPLICATE:
      return "duplicate";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- The participant's cap and double booking --------------------------- */

/*
 * Participation days the participant may still be scheduled for:
 * rules->cap_days less @days_used (scheduled, not cancelled, over all their
 * placements at all hosts), and never below 0 — if the cap has been lowered
 * below what is already scheduled, nothing more fits but nothing is undone.
 */
guint
ts_placement_cap_remaining (guint                   days_used,
                            const TsPlacementRules *rules)
{
  g_return_val_if_fail (rules != NULL, 0);

  return days_used >= rules->cap_days ? 0 : rules->cap_days - days_used;
}

/*
 * Whether @new_days more participation days fit under the cap
 * (「①②合わせて240日以内」: 240 days in total is allowed, 241 is not).
 * @new_days must be the request's distinct days that are not already
 * scheduled for the participant (double bookings are refused before this
 * is asked).  @out_remaining_days (optional) receives the days remaining
 * before the request, which is what a refusal reports.
 */
gboolean
ts_placement_cap_allows (guint                   days_used,
                         guint                   new_days,
                         const TsPlacementRules *rules,
                         guint                  *out_remaining_days)
{
  guint remaining;

  g_return_val_if_fail (rules != NULL, FALSE);

  remaining = ts_placement_cap_remaining (days_used, rules);
  if (out_remaining_days != NULL)
    *out_remaining_days = remaining;
  return new_days <= remaining;
}

/*
 * The dates of @days on which the participant is already scheduled
 * (@scheduled: their scheduled, not cancelled days at any host).  One person
 * cannot do two work experiences on one day, and counting such a day twice
 * would also eat into the 240-day cap for nothing.
 */
GArray *
ts_placement_double_booked_days (const TsDate *scheduled,
                                 gsize         n_scheduled,
                                 const TsDate *days,
                                 gsize         n_days)
{
  g_autoptr(GArray) sorted = NULL;
  GArray *clashes = dates_new (0);

  g_return_val_if_fail (scheduled != NULL || n_scheduled == 0, clashes);
  g_return_val_if_fail (days != NULL || n_days == 0, clashes);

  if (n_scheduled == 0)
    return clashes;              /* bsearch must not see a NULL array */
  sorted = dates_copy_sorted (scheduled, n_scheduled);
  for (gsize i = 0; i < n_days; i++)
    {
      if (bsearch (&days[i], sorted->data, sorted->len, sizeof (TsDate),
                   compare_dates) != NULL)
        g_array_append_val (clashes, days[i]);
    }
  return dates_sort_unique (clashes);
}

/* --- The host's capacity per day ---------------------------------------- */

/*
 * The dates of @days on which the host would have more participants than
 * @capacity_per_day if this placement (one participant) were added.
 * @counts gives the participants already scheduled at the host per date
 * (dates without an entry have none; repeated entries for a date add up).
 * A day exactly at capacity after the addition is fine.
 */
GArray *
ts_placement_capacity_exceeded_days (const TsPlacementDayCount *counts,
                                     gsize                      n_counts,
                                     const TsDate              *days,
                                     gsize                      n_days,
                                     guint                      capacity_per_day)
{
  g_autoptr(GHashTable) load = NULL;
  GArray *exceeded = dates_new (0);

  g_return_val_if_fail (counts != NULL || n_counts == 0, exceeded);
  g_return_val_if_fail (days != NULL || n_days == 0, exceeded);

  /* date -> participants on that date, existing plus requested. */
  load = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (gsize i = 0; i < n_counts; i++)
    {
      gpointer key = GUINT_TO_POINTER (counts[i].date);
      guint64 n = GPOINTER_TO_UINT (g_hash_table_lookup (load, key));

      n = MIN (n + counts[i].participants, G_MAXUINT);
      g_hash_table_insert (load, key, GUINT_TO_POINTER ((guint) n));
    }
  for (gsize i = 0; i < n_days; i++)
    {
      gpointer key = GUINT_TO_POINTER (days[i]);
      guint64 n = GPOINTER_TO_UINT (g_hash_table_lookup (load, key));

      n = MIN (n + 1, G_MAXUINT);
      g_hash_table_insert (load, key, GUINT_TO_POINTER ((guint) n));
      if (n > capacity_per_day)
        g_array_append_val (exceeded, days[i]);
    }
  return dates_sort_unique (exceeded);
}

/* --- Warnings ------------------------------------------------------------ */

/*
 * Warnings for @days (issue 6: such days are accepted, because the host and
 * participant agree the days between them — 「期間や頻度、作業の内容について
 * は職親と相談」 — but somebody should look twice): one for each day that is
 * a public holiday, one for each day whose ISO weekday is not in
 * @weekdays_open (bit weekday − 1).  A day can have both.  Warnings come in
 * the order of @days, a day's holiday before its closed weekday.
 *
 * Days outside ts_holidays_covered_range() are never holiday warnings: the
 * table cannot tell.
 */
GArray *
ts_placement_warnings (const TsDate *days,
                       gsize         n_days,
                       guint         weekdays_open)
{
  GArray *warnings = g_array_new (FALSE, TRUE, sizeof (TsPlacementWarning));

  g_return_val_if_fail (days != NULL || n_days == 0, warnings);
  g_return_val_if_fail ((weekdays_open & ~TS_WEEKDAYS_ALL) == 0, warnings);

  for (gsize i = 0; i < n_days; i++)
    {
      const char *holiday;

      if (days[i] == TS_DATE_NONE)
        continue;
      holiday = ts_holiday_name (days[i]);
      if (holiday != NULL)
        {
          TsPlacementWarning w = { days[i], TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY, holiday };
          g_array_append_val (warnings, w);
        }
      if ((weekdays_open & TS_WEEKDAY_BIT (ts_date_get_weekday (days[i]))) == 0)
        {
          TsPlacementWarning w = { days[i], TS_PLACEMENT_WARNING_HOST_CLOSED, NULL };
          g_array_append_val (warnings, w);
        }
    }
  return warnings;
}

const char *
ts_placement_warning_kind_to_string (TsPlacementWarningKind kind)
{
  switch (kind)
    {
    case TS_PLACEMENT_WARNING_PUBLIC_HOLIDAY:
      return "public_holiday";
    case TS_PLACEMENT_WARNING_HOST_CLOSED:
      return "host_closed";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- The pre-interview (事前面談) ---------------------------------------- */

static const struct {
  TsPreInterviewAttendee  attendee;
  const char             *name;
} attendee_names[] = {
  { TS_PRE_INTERVIEW_PARTICIPANT, "participant" },
  { TS_PRE_INTERVIEW_FAMILY, "family" },
  { TS_PRE_INTERVIEW_HOST, "host" },
  { TS_PRE_INTERVIEW_COORDINATOR, "coordinator" },
};

const char *
ts_pre_interview_attendee_to_string (TsPreInterviewAttendee attendee)
{
  for (gsize i = 0; i < G_N_ELEMENTS (attendee_names); i++)
    {
      if (attendee_names[i].attendee == attendee)
        return attendee_names[i].name;
    }
  g_return_val_if_reached (NULL);
}

gboolean
ts_pre_interview_attendee_from_string (const char             *text,
                                       TsPreInterviewAttendee *out)
{
  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (attendee_names); i++)
    {
      if (g_str_equal (text, attendee_names[i].name))
        {
          if (out != NULL)
            *out = attendee_names[i].attendee;
          return TRUE;
        }
    }
  return FALSE;
}

/* The date's part of both checks, held or planned: missing, after the
 * first day, or on the wrong side of today (@wrong_side_of_today, which
 * gets @verdict); the rules are taken in that order. */
static TsPreInterviewHeldOnResult
check_date (TsDate                     on,
            TsDate                     first_day,
            gboolean                   wrong_side_of_today,
            TsPreInterviewHeldOnResult verdict)
{
  if (on == TS_DATE_NONE)
    return TS_PRE_INTERVIEW_HELD_ON_MISSING;
  if (first_day != TS_DATE_NONE && on > first_day)
    return TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY;
  if (wrong_side_of_today)
    return verdict;
  return TS_PRE_INTERVIEW_HELD_ON_OK;
}

/* The attendees' part of both checks: out->attendees, present, missing,
 * attendee_index. */
static void
check_attendees (const char *const   *attendees,
                 gsize                n_attendees,
                 TsPreInterviewCheck *out)
{
  TsPreInterviewAttendeesResult problem = TS_PRE_INTERVIEW_ATTENDEES_OK;

  out->present = 0;
  out->missing = 0;
  out->attendee_index = -1;

  for (gsize i = 0; i < n_attendees; i++)
    {
      TsPreInterviewAttendee a;

      if (!ts_pre_interview_attendee_from_string (attendees[i], &a))
        {
          if (problem == TS_PRE_INTERVIEW_ATTENDEES_OK)
            {
              problem = TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN;
              out->attendee_index = (gssize) i;
            }
          continue;
        }
      if ((out->present & a) != 0 && problem == TS_PRE_INTERVIEW_ATTENDEES_OK)
        {
          problem = TS_PRE_INTERVIEW_ATTENDEES_DUPLICATE;
          out->attendee_index = (gssize) i;
        }
      out->present |= a;
    }
  out->missing = TS_PRE_INTERVIEW_REQUIRED & ~out->present;

  if (n_attendees == 0)
    out->attendees = TS_PRE_INTERVIEW_ATTENDEES_MISSING;
  else if (problem != TS_PRE_INTERVIEW_ATTENDEES_OK)
    out->attendees = problem;
  else if (out->missing != 0)
    out->attendees = TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE;
  else
    out->attendees = TS_PRE_INTERVIEW_ATTENDEES_OK;
}

/* Whether both parts of a check passed. */
static gboolean
check_passed (const TsPreInterviewCheck *out)
{
  return out->held_on == TS_PRE_INTERVIEW_HELD_ON_OK &&
         out->attendees == TS_PRE_INTERVIEW_ATTENDEES_OK;
}

/*
 * Checks the pre-interview recorded with a placement; TRUE when both fields
 * are acceptable.  @out receives one result per field, so that the caller
 * can name each field that is wrong in one response.
 *
 * 「就労体験に先立ち、本人、家族、職親、相談窓口担当者との事前面談を行います」
 * (seed 002): the interview comes before the work experience, so @held_on
 * must be on or before @first_day (the same day is allowed: an interview in
 * the morning before the first afternoon).  The leaflet lists four parties;
 * family is optional here because not every participant has family who can
 * or should come (the participant's choice), but without the participant,
 * the host or the desk's staff it is not the interview the leaflet means.
 *
 * The interview must also have been held: @held_on on or before @today.
 * 「事前面談を行ったうえで申し込み手続きをし、マッチングをすると就労体験が可能
 * となる」 (seed 002): the interview comes before the application, so a
 * placement's interview counts as held only once it took place (issue 11: a
 * future date was accepted as held).  When the interview is after the first
 * day, that is the result; otherwise a date after @today is NOT_YET_HELD.
 * An interview still to come is recorded as planned
 * (ts_pre_interview_check_planned()) and does not satisfy the rule.
 *
 * @first_day may be TS_DATE_NONE when the days themselves were invalid; the
 * order is then not checked.  @attendees may be NULL when @n_attendees is 0;
 * a NULL entry counts as an unknown value.
 */
gboolean
ts_pre_interview_check (TsDate               held_on,
                        const char *const   *attendees,
                        gsize                n_attendees,
                        TsDate               first_day,
                        TsDate               today,
                        TsPreInterviewCheck *out)
{
  g_return_val_if_fail (attendees != NULL || n_attendees == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  out->held_on = check_date (held_on, first_day, held_on > today,
                             TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD);
  check_attendees (attendees, n_attendees, out);

  return check_passed (out);
}

/*
 * Checks a pre-interview that is still to take place (issue 11): a
 * placement may be recorded with its interview planned, and the interview
 * recorded as held later with ts_pre_interview_check().  Until then it
 * does not satisfy the rule: nobody attends (ts_pre_interview_is_held()).
 *
 * @planned_on must be on or before @first_day, as a held one, and today or
 * later: an interview that already took place is recorded as held, with
 * its date (PLANNED_PAST otherwise).  Who is to attend may be left open:
 * no @attendees is fine here; given, they are judged as for a held one.
 * out->held_on carries the result for @planned_on; never NOT_YET_HELD.
 */
gboolean
ts_pre_interview_check_planned (TsDate               planned_on,
                                const char *const   *attendees,
                                gsize                n_attendees,
                                TsDate               first_day,
                                TsDate               today,
                                TsPreInterviewCheck *out)
{
  g_return_val_if_fail (attendees != NULL || n_attendees == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  out->held_on = check_date (planned_on, first_day, planned_on < today,
                             TS_PRE_INTERVIEW_HELD_ON_PLANNED_PAST);
  check_attendees (attendees, n_attendees, out);
  if (out->attendees == TS_PRE_INTERVIEW_ATTENDEES_MISSING)
    out->attendees = TS_PRE_INTERVIEW_ATTENDEES_OK;

  return check_passed (out);
}

/* 「事前面談を行ったうえで申し込み手続きをし、マッチングをすると就労体験が可能
 * となる」 (seed 002): the rule is satisfied by an interview that was held,
 * recorded with its date; a planned one (no held date yet) does not. */
gboolean
ts_pre_interview_is_held (TsDate held_on)
{
  return held_on != TS_DATE_NONE;
}

const char *
ts_pre_interview_held_on_result_to_string (TsPreInterviewHeldOnResult result)
{
  switch (result)
    {
    case TS_PRE_INTERVIEW_HELD_ON_OK:
      return "ok";
    case TS_PRE_INTERVIEW_HELD_ON_MISSING:
      return "missing";
    case TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY:
      return "after_first_day";
    case TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD:
      return "not_yet_held";
    case TS_PRE_INTERVIEW_HELD_ON_PLANNED_PAST:
      return "planned_past";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ts_pre_interview_attendees_result_to_string (TsPreInterviewAttendeesResult result)
{
  switch (result)
    {
    case TS_PRE_INTERVIEW_ATTENDEES_OK:
      return "ok";
    case TS_PRE_INTERVIEW_ATTENDEES_MISSING:
      return "missing";
    case TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN:
      return "unknown";
    case TS_PRE_INTERVIEW_ATTENDEES_DUPLICATE:
      return "duplicate";
    case TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE:
      return "incomplete";
    default:
      g_return_val_if_reached (NULL);
    }
}
