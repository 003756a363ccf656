/*
 * A supporter's qualification on a date, from their training completions
 * (SPEC 2.1).
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "core/vocabulary.h"
#include "core/config.h"

G_BEGIN_DECLS

typedef enum {
  TS_TRAINING_KIND_INITIAL,    /* 養成研修 */
  TS_TRAINING_KIND_FOLLOW_UP,  /* フォローアップ研修 */
} TsTrainingKind;

typedef struct {
  TsTrainingKind kind;
  TsDate         completed_on;
} TsTrainingCompletion;

typedef struct {
  int follow_up_interval_years; /* SPEC 2.1 default 3 (Tochigi, seed 002) */
  int due_soon_window_days;     /* SPEC 2.1 default 90 */
} TsQualificationRules;

#define TS_QUALIFICATION_RULES_DEFAULT_INTERVAL_YEARS 3
#define TS_QUALIFICATION_RULES_DEFAULT_WINDOW_DAYS    90
#define TS_QUALIFICATION_RULES_INIT \
  { TS_QUALIFICATION_RULES_DEFAULT_INTERVAL_YEARS, \
    TS_QUALIFICATION_RULES_DEFAULT_WINDOW_DAYS }

typedef enum {
  TS_QUALIFICATION_UNTRAINED,
  TS_QUALIFICATION_VALID,
  TS_QUALIFICATION_DUE_SOON,
  TS_QUALIFICATION_LAPSED,
} TsQualificationStatus;

typedef struct {
  TsQualificationStatus status;
  TsDate                initial_completed_on; /* TS_DATE_NONE when untrained */
  TsDate                last_training_on;     /* TS_DATE_NONE when untrained */
  TsDate                follow_up_due_on;     /* TS_DATE_NONE when untrained */
} TsQualification;

TS_DECLARE_CONFIG_RULES (ts_qualification_rules, TsQualificationRules)

void         ts_qualification_compute             (const TsTrainingCompletion *completions,
                                                   gsize                       n_completions,
                                                   TsDate                      on,
                                                   const TsQualificationRules *rules,
                                                   TsQualification            *out);

gboolean     ts_qualification_is_current          (const TsQualification *qualification);
gboolean     ts_qualification_allows_registration (const TsQualification *qualification);

TS_DECLARE_VOCABULARY (ts_qualification_status, TsQualificationStatus)
TS_DECLARE_VOCABULARY (ts_training_kind, TsTrainingKind)

G_END_DECLS
