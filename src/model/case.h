/*
 * Cases: the pseudonymous case registry (SPEC 2.2, 3.2), with assessments,
 * support-plan revisions and excluded supporter pairs.
 *
 * A TsCaseRecord is one row of `cases` as plain data; the service validates
 * it, the store only reads and writes it.  Every change to a case's
 * representation bumps its `version` (the ETag); updates are optimistic
 * (`WHERE id = ? AND version = ?`).
 *
 * The descriptor ts_case_resource names the fields a client sees and
 * writes.  The nested and list-shaped ones (withdrawal_years, which may be
 * null, needs, interests, location, preferences, consent) are
 * TS_FIELD_CUSTOM: the case's own code reads, checks, copies and renders
 * them.  The fields a supporter's reduced view leaves out are STAFF_ONLY.
 */
#pragma once

#include <glib-object.h>

#include "model/resource.h"

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

extern const TsVocabulary ts_case_status_vocabulary;

TS_DECLARE_VOCABULARY (ts_case_status, TsCaseStatus)

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

/* The same, with the one message for a word not in them. */
extern const TsVocabulary ts_case_close_reason_vocabulary;
extern const TsVocabulary ts_case_exclusion_reason_vocabulary;

/* The bits of a draft's "present" mask: which members a body carried. */
typedef enum {
  TS_CASE_FIELD_NICKNAME         = 1 << 0,
  TS_CASE_FIELD_MUNICIPALITY     = 1 << 1,
  TS_CASE_FIELD_AGE_BAND         = 1 << 2,
  TS_CASE_FIELD_GENDER           = 1 << 3,
  TS_CASE_FIELD_HOUSEHOLD        = 1 << 4,
  TS_CASE_FIELD_WITHDRAWAL_YEARS = 1 << 5,
  TS_CASE_FIELD_NEEDS            = 1 << 6,
  TS_CASE_FIELD_INTERESTS        = 1 << 7,
  TS_CASE_FIELD_LOCATION         = 1 << 8,
  TS_CASE_FIELD_PREFERENCES      = 1 << 9,
  TS_CASE_FIELD_REFERRED_BY      = 1 << 10,
  TS_CASE_FIELD_REFERRING_AGENCY = 1 << 11,
  TS_CASE_FIELD_CONSENT          = 1 << 12,
  TS_CASE_FIELD_PROGRAMME        = 1 << 13,   /* issue 17 */
  TS_CASE_FIELD_WITHDRAWAL_MONTHS = 1 << 14,  /* issue 17 */
} TsCaseFields;

/* Limits of the case fields, shared with the HTTP layer's documentation. */
#define TS_CASE_NICKNAME_MAX          50
#define TS_CASE_AGENCY_MAX            100
#define TS_CASE_WITHDRAWAL_YEARS_MAX  80
#define TS_CASE_WITHDRAWAL_MONTHS_MAX 960
#define TS_CASE_INTERESTS_MAX         32
#define TS_CASE_INTEREST_MAX          40
#define TS_CASE_AVAILABILITY_MAX      21
#define TS_CASE_PARTICIPANTS_MAX      20
#define TS_CASE_PARTICIPANT_MAX       100
#define TS_CASE_SUMMARY_MAX           4000
#define TS_CASE_GOALS_MAX             20
#define TS_CASE_GOAL_MAX              200
#define TS_CASE_NOTE_MAX              500
#define TS_CASE_LIST_DEFAULT          50
#define TS_CASE_LIST_MAX              200

/* The size of one TsAvailabilitySlot (three ints; store/cases.c asserts
 * it), for the arrays a record owns. */
#define TS_CASE_AVAILABILITY_SLOT_SIZE (3 * sizeof (int))

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
  gint64            organisation_id; /* who registered it (SPEC 2.6) */
  gint64            version;
  gint64            created_at;     /* Unix seconds */
  gint64            updated_at;
  /* Issue 17: the programme it belongs to (0: none) and its withdrawal in
   * months (-1: not known; withdrawal_years cannot say 6 months). */
  gint64            programme_id;
  int               withdrawal_months;
} TsCaseRecord;

extern const TsResource ts_case_resource;

#define TS_TYPE_CASE_RECORD (ts_case_record_get_type ())
GType         ts_case_record_get_type (void) G_GNUC_CONST;
TsCaseRecord *ts_case_record_new      (void);
TsCaseRecord *ts_case_record_copy     (const TsCaseRecord *record);
void          ts_case_record_free     (TsCaseRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseRecord, ts_case_record_free)

gboolean ts_case_record_has_consent (const TsCaseRecord *record,
                                     TsConsentScope      scope);

/* GET /v1/cases: ?status, ?municipality_code. */
typedef struct {
  TsListQuery  list;
  int          status;              /* TsCaseStatus or TS_FILTER_ANY */
  const char  *municipality_code;   /* NULL: any */
  gint64       organisation_id;     /* 0: any in the caller's scope (SPEC 2.6) */
} TsCaseQuery;

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

/* A case with what the matcher needs beyond its row (store/cases.h loads
 * it). */
typedef struct {
  TsCaseRecord *record;
  GArray       *excluded_supporter_ids;  /* gint64, ascending, never NULL */
  GArray       *past_supporter_ids;      /* gint64, ascending: every supporter
                                          * with an assignment of this case,
                                          * ended or not; never NULL */
} TsCaseMatchInfo;

TsCaseMatchInfo *ts_case_match_info_new  (TsCaseRecord    *record);
void             ts_case_match_info_free (TsCaseMatchInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCaseMatchInfo, ts_case_match_info_free)

G_END_DECLS
