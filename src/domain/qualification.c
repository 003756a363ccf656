/*
 * A supporter's qualification on a date (SPEC 2.1).
 *
 * Tochigi asks its ひきこもりサポーター for follow-up training every three years:
 * 「活動報告や3年ごとのフォローアップ研修も求められている」 (seed 002, 栃木県).
 * Both numbers, the interval and the warning window, are configuration
 * ([training] in the configuration file); their defaults and ranges are
 * defined once, in rule_table below.
 *
 * Everything here is a pure function of the completions and the date, so the
 * same history gives the same answer for "today", for ?on=DATE and for an
 * audit of a past date.
 */
#include "domain/qualification.h"

#include "core/config.h"
#include "core/vocabulary.h"

/* The one definition of these rule numbers: configuration key, default and
 * range.  An interval under a year or over twenty, or a warning window
 * longer than a year, is a configuration mistake, not a policy. */
static const TsConfigInt rule_table[] = {
  TS_CONFIG_INT ("training", TsQualificationRules, follow_up_interval_years,
                 TS_QUALIFICATION_RULES_DEFAULT_INTERVAL_YEARS, 1, 20),
  { "training", "due_soon_days", TS_QUALIFICATION_RULES_DEFAULT_WINDOW_DAYS, 0, 365,
    G_STRUCT_OFFSET (TsQualificationRules, due_soon_window_days) },
};

TS_DEFINE_CONFIG_RULES (ts_qualification_rules, TsQualificationRules, rule_table)

/*
 * Computes the qualification on @on from @completions (in any order).
 * @rules may be NULL for the defaults.
 *
 * Decisions the SPEC leaves open, made here once for every caller:
 *
 * - Only completions dated on or before @on count.  A qualification "on D"
 *   answers what was true on D; a course recorded with a later date (a
 *   planned course entered in advance, or an audit of a past date) must not
 *   make someone dispatchable before they attended it.
 *
 * - The qualification starts with the initial course (養成研修): seed 002
 *   describes registration and the follow-up courses as coming after it
 *   (香川県: 「ひきこもりサポーターとして登録した後は、フォローアップ研修に
 *   参加することができる」).  A follow-up completion with no initial
 *   completion on or before @on therefore qualifies nobody, and a follow-up
 *   dated before the initial completion renews nothing.
 *
 * - initial_completed_on is the first initial completion; someone who took
 *   the initial course again later simply has a later training.
 *
 * - A renewal counts from the day of the training, not from the old due date:
 *   SPEC 2.1 defines follow_up_due_on from "the latest initial-or-follow-up
 *   completion date", so an early follow-up moves the next one earlier too.
 */
void
ts_qualification_compute (const TsTrainingCompletion *completions,
                          gsize                       n_completions,
                          TsDate                      on,
                          const TsQualificationRules *rules,
                          TsQualification            *out)
{
  TsQualificationRules defaults = TS_QUALIFICATION_RULES_INIT;
  TsDate initial = TS_DATE_NONE;
  TsDate last = TS_DATE_NONE;
  TsDate due;

  g_return_if_fail (out != NULL);
  g_return_if_fail (completions != NULL || n_completions == 0);
  g_return_if_fail (on != TS_DATE_NONE);
  g_return_if_fail (rules == NULL || ts_qualification_rules_valid (rules));

  if (rules == NULL)
    rules = &defaults;

  out->status = TS_QUALIFICATION_UNTRAINED;
  out->initial_completed_on = TS_DATE_NONE;
  out->last_training_on = TS_DATE_NONE;
  out->follow_up_due_on = TS_DATE_NONE;

  for (gsize i = 0; i < n_completions; i++)
    {
      const TsTrainingCompletion *c = &completions[i];

      if (c->kind == TS_TRAINING_KIND_INITIAL &&
          c->completed_on != TS_DATE_NONE && c->completed_on <= on &&
          (initial == TS_DATE_NONE || c->completed_on < initial))
        initial = c->completed_on;
    }
  if (initial == TS_DATE_NONE)
    return;

  for (gsize i = 0; i < n_completions; i++)
    {
      TsDate d = completions[i].completed_on;

      if (d != TS_DATE_NONE && d >= initial && d <= on && d > last)
        last = d;
    }

  /* 29 February + 3 years is 28 February (ts_date_add_years): the
   * qualification must not outlive its three years by a day. */
  due = ts_date_add_years (last, rules->follow_up_interval_years);
  if (due == TS_DATE_NONE)
    due = ts_date_new (9999, 12, 31); /* beyond the calendar we represent */

  out->initial_completed_on = initial;
  out->last_training_on = last;
  out->follow_up_due_on = due;

  /* SPEC 2.1: valid while D <= due (the due day itself still counts), lapsed
   * from the day after; due_soon is a warning inside "valid", so someone who
   * is due_soon can still be dispatched. */
  if (on > due)
    out->status = TS_QUALIFICATION_LAPSED;
  else if ((gint64) due - (gint64) on <= rules->due_soon_window_days)
    out->status = TS_QUALIFICATION_DUE_SOON;
  else
    out->status = TS_QUALIFICATION_VALID;
}

/* Whether the training side of dispatch eligibility is met (SPEC 2.1: only a
 * lapsed or untrained qualification blocks dispatch and activity reports). */
gboolean
ts_qualification_is_current (const TsQualification *qualification)
{
  g_return_val_if_fail (qualification != NULL, FALSE);

  return qualification->status == TS_QUALIFICATION_VALID ||
         qualification->status == TS_QUALIFICATION_DUE_SOON;
}

/*
 * SPEC 2.1: 「登録」 follows the initial course and is refused without it
 * (千葉県, seed 002: 「サポーター登録後は…」 after the 養成研修; 香川県:
 * 「養成研修を受講すると、サポーターの登録用紙が配布され…」).  A lapsed
 * qualification does not block registration: it blocks dispatch, and a
 * follow-up course renews it.  @qualification is computed for the
 * registration date.
 */
gboolean
ts_qualification_allows_registration (const TsQualification *qualification)
{
  g_return_val_if_fail (qualification != NULL, FALSE);

  return qualification->initial_completed_on != TS_DATE_NONE;
}

static const char * const status_names[] = {
  [TS_QUALIFICATION_UNTRAINED] = "untrained",
  [TS_QUALIFICATION_VALID] = "valid",
  [TS_QUALIFICATION_DUE_SOON] = "due_soon",
  [TS_QUALIFICATION_LAPSED] = "lapsed",
  NULL,
};

static const char * const kind_names[] = {
  [TS_TRAINING_KIND_INITIAL] = "initial",
  [TS_TRAINING_KIND_FOLLOW_UP] = "follow_up",
  NULL,
};

static const TsVocabulary status_vocabulary = { status_names, NULL };

TS_DEFINE_VOCABULARY (ts_qualification_status, TsQualificationStatus, status_vocabulary)

static const TsVocabulary kind_vocabulary = { kind_names, NULL };

TS_DEFINE_VOCABULARY (ts_training_kind, TsTrainingKind, kind_vocabulary)
