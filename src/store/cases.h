/*
 * Cases: the pseudonymous case registry (SPEC 2.2, 3.2), with assessments,
 * support-plan revisions and excluded supporter pairs.
 *
 * A TsCaseRecord is one row of `cases` as plain data; the service validates
 * it, the store only reads and writes it.  Every change to a case's
 * representation bumps its `version` (the ETag); updates are optimistic
 * (`WHERE id = ? AND version = ?`).
 *
 * For the matcher and the assignment use cases, TsCaseMatchInfo bundles a
 * case with what matching needs besides the row: its excluded supporters and
 * the supporters who ever had an assignment with it (continuity).  Both
 * loaders work on any thread, also inside a write function (where they see
 * the transaction's own state, for re-checks before committing).
 */
#pragma once

#include <glib-object.h>

#include "core/date.h"
#include "store/store.h"
#include "store/supporters.h"

G_BEGIN_DECLS

/* Bunkyo's steps (seed 004): ①ケース検討 inquiry, ②アセスメント assessed,
 * ③マッチング matching, ⑤支援 active (an assignment exists), and closed. */
typedef enum {
  TS_CASE_INQUIRY,
  TS_CASE_ASSESSED,
  TS_CASE_MATCHING,
  TS_CASE_ACTIVE,
  TS_CASE_CLOSED,
} TsCaseStatus;

const char *ts_case_status_to_string   (TsCaseStatus status);
gboolean    ts_case_status_from_string (const char   *text,
                                        TsCaseStatus *out);

/* What the person consented to share (Adachi's つなぐシート, seed 000). */
typedef enum {
  TS_CONSENT_MATCHING          = 1 << 0,   /* shown to the matcher and to supporters */
  TS_CONSENT_SUPPORT           = 1 << 1,   /* support by an assigned supporter */
  TS_CONSENT_PLACEMENT         = 1 << 2,   /* shared with a 職親 host */
  TS_CONSENT_SHARE_WITH_AGENCY = 1 << 3,   /* relayed to consent.agency */
} TsConsentScope;

#define TS_CONSENT_ALL (TS_CONSENT_MATCHING | TS_CONSENT_SUPPORT | TS_CONSENT_PLACEMENT | \
                        TS_CONSENT_SHARE_WITH_AGENCY)

const char *ts_consent_scope_to_string   (TsConsentScope scope);
gboolean    ts_consent_scope_from_string (const char     *text,
                                          TsConsentScope *out);
/* The names of the bits in @scope, in the canonical order above; free the
 * array only (the strings are static). */
const char **ts_consent_scope_to_strv    (guint scope);

/* The vocabularies of SPEC 3.2 a case uses; NULL-terminated. */
extern const char *const ts_case_age_bands[];
extern const char *const ts_case_households[];
extern const char *const ts_case_referral_kinds[];
extern const char *const ts_case_close_reasons[];
extern const char *const ts_case_exclusion_reasons[];

typedef struct {
  char    *supporter_gender;        /* female, male, other; NULL: none */
  gboolean gender_required;         /* hard filter, else a soft factor */
  gboolean avoid_same_municipality; /* 広域連携 (seed 004) */
  char    *peer_experience;         /* self, family; NULL: none */
  GArray  *availability;            /* TsAvailabilitySlot, never NULL */
} TsCasePreferences;

typedef struct {
  gint64            id;
  char             *code;           /* C-2026-0001 */
  char             *nickname;       /* 相談上の名前 */
  char             *municipality_code;
  char             *age_band;       /* 10s … 70s+, unknown (年齢不明) */
  char             *gender;         /* female, male, other, unspecified */
  char             *household;      /* single, two, three_plus */
  int               withdrawal_years; /* -1: not known */
  char            **needs;          /* skill vocabulary; never NULL */
  char            **interests;      /* never NULL */
  gboolean          has_location;
  double            lat;
  double            lon;
  TsCasePreferences preferences;
  char             *referred_by;    /* one of ts_case_referral_kinds; NULL: not recorded */
  char             *referring_agency; /* the agency's name; NULL: none */
  TsDate            consent_obtained_on;
  guint             consent_scope;  /* TsConsentScope bits */
  char             *consent_agency; /* NULL: none */
  TsCaseStatus      status;
  TsDate            closed_on;      /* TS_DATE_NONE unless closed */
  char             *close_reason;   /* one of ts_case_close_reasons; NULL unless closed */
  char             *close_note;
  gint64            version;
  gint64            created_at;     /* Unix seconds */
  gint64            updated_at;
} TsCaseRecord;

#define TS_TYPE_CASE_RECORD (ts_case_record_get_type ())
GType         ts_case_record_get_type (void) G_GNUC_CONST;
TsCaseRecord *ts_case_record_new      (void);
TsCaseRecord *ts_case_record_copy     (const TsCaseRecord *record);
void          ts_case_record_free     (TsCaseRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseRecord, ts_case_record_free)

gboolean ts_case_record_has_consent (const TsCaseRecord *record,
                                     TsConsentScope      scope);

typedef struct {
  gint64  id;
  gint64  case_id;
  TsDate  held_on;
  char  **participants;             /* roles or agencies, never NULL */
  char   *summary;
  gint64  user_id;                  /* 0: the command line */
  gint64  created_at;
} TsCaseAssessment;

void ts_case_assessment_free (TsCaseAssessment *assessment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseAssessment, ts_case_assessment_free)

typedef struct {
  gint64  id;
  gint64  case_id;
  int     revision;                 /* 1, 2, … */
  char  **goals;                    /* never NULL */
  TsDate  review_on;
  gint64  user_id;                  /* who revised it; 0: the command line */
  gint64  revised_at;
} TsCasePlan;

void ts_case_plan_free (TsCasePlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCasePlan, ts_case_plan_free)

typedef struct {
  gint64  id;
  gint64  case_id;
  gint64  supporter_id;
  char   *reason;                   /* one of ts_case_exclusion_reasons */
  char   *note;                     /* NULL: none */
  gint64  user_id;
  gint64  created_at;
} TsCaseExclusion;

void ts_case_exclusion_free (TsCaseExclusion *exclusion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseExclusion, ts_case_exclusion_free)

/* A case with what the matcher needs beyond its row. */
typedef struct {
  TsCaseRecord *record;
  GArray       *excluded_supporter_ids;  /* gint64, ascending, never NULL */
  GArray       *past_supporter_ids;      /* gint64, ascending: every supporter
                                          * with an assignment of this case,
                                          * ended or not; never NULL */
} TsCaseMatchInfo;

void ts_case_match_info_free (TsCaseMatchInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseMatchInfo, ts_case_match_info_free)

typedef struct {
  gboolean      has_status;
  TsCaseStatus  status;
  const char   *municipality_code;  /* NULL: any */
} TsCaseFilter;

/* Writer thread only. */
gboolean ts_store_case_insert            (TsStore            *self,
                                          const TsCaseRecord *record,
                                          gint64              now,
                                          gint64             *out_id,
                                          GError            **error);
gboolean ts_store_case_update            (TsStore            *self,
                                          const TsCaseRecord *record,
                                          gint64              expected_version,
                                          gint64              now,
                                          GError            **error);
char    *ts_store_case_next_code         (TsStore            *self,
                                          const char         *prefix,
                                          GError            **error);
gboolean ts_store_case_assessment_insert (TsStore            *self,
                                          gint64              case_id,
                                          TsDate              held_on,
                                          const char *const  *participants,
                                          const char         *summary,
                                          gint64              user_id,
                                          gint64              now,
                                          GError            **error);
gboolean ts_store_case_plan_insert       (TsStore            *self,
                                          gint64              case_id,
                                          int                 revision,
                                          const char *const  *goals,
                                          TsDate              review_on,
                                          gint64              user_id,
                                          gint64              now,
                                          GError            **error);
gboolean ts_store_case_exclusion_insert  (TsStore            *self,
                                          gint64              case_id,
                                          gint64              supporter_id,
                                          const char         *reason,
                                          const char         *note,
                                          gint64              user_id,
                                          gint64              now,
                                          gint64             *out_id,
                                          GError            **error);

/* Any thread. */
gboolean      ts_store_case_exists       (TsStore  *self,
                                          gint64    id,
                                          GError  **error);
TsCaseRecord *ts_store_case_get          (TsStore  *self,
                                          gint64    id,
                                          GError  **error);
GPtrArray    *ts_store_case_list         (TsStore            *self,
                                          const TsCaseFilter *filter,
                                          gint64              after_id,
                                          guint               limit,
                                          GError            **error);
GPtrArray    *ts_store_case_assessments  (TsStore  *self,
                                          gint64    case_id,
                                          GError  **error);
GPtrArray    *ts_store_case_plans        (TsStore  *self,
                                          gint64    case_id,
                                          GError  **error);
GPtrArray    *ts_store_case_exclusions   (TsStore  *self,
                                          gint64    case_id,
                                          GError  **error);
int           ts_store_case_open_assignments (TsStore  *self,
                                              gint64    case_id,
                                              GError  **error);
gboolean      ts_store_case_supporter_has_active_assignment (TsStore  *self,
                                                             gint64    case_id,
                                                             gint64    supporter_id,
                                                             TsDate    on,
                                                             GError  **error);
TsCaseMatchInfo *ts_store_case_get_for_matching   (TsStore  *self,
                                                   gint64    id,
                                                   GError  **error);
GPtrArray       *ts_store_case_list_open_for_matching (TsStore  *self,
                                                       GError  **error);

G_END_DECLS
