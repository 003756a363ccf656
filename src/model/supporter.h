/*
 * Supporters (SPEC 2.1, 3.2): the registry's people, their training
 * completions and their status history.
 *
 * A TsSupporterRecord is one row of `supporters` as plain data; the service
 * validates it, the store only reads and writes it.  Lists (skills,
 * interests, availability) are JSON text in the table and parsed values here.
 * Every change to a supporter bumps its `version`, which the HTTP layer
 * shows as the ETag: updates are optimistic (`WHERE id = ? AND version = ?`).
 *
 * The descriptor ts_supporter_resource names the fields a client sees and
 * writes.  The nested and list-shaped ones (birth_year, which may be null,
 * location, skills, interests, availability) are TS_FIELD_CUSTOM: the
 * supporter's own code reads, checks, copies and renders them.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

/* SPEC 3.2: the status of a supporter.  applicant → registered ⇄
 * suspended; anything but retired → retired (service/supporters-status.c). */
typedef enum {
  TS_SUPPORTER_APPLICANT,
  TS_SUPPORTER_REGISTERED,
  TS_SUPPORTER_SUSPENDED,
  TS_SUPPORTER_RETIRED,
} TsSupporterStatus;

extern const TsVocabulary ts_supporter_status_vocabulary;

TS_DECLARE_VOCABULARY (ts_supporter_status, TsSupporterStatus)

/* The qualification a list may be filtered by, in the order of
 * TsQualificationStatus (domain/qualification.h), which the model cannot
 * name: the service computes it, the list's ?qualification reads it. */
extern const TsVocabulary ts_supporter_qualification_vocabulary;

/* The bits of a draft's "present" mask: which members a body carried. */
typedef enum {
  TS_SUPPORTER_FIELD_NAME            = 1 << 0,
  TS_SUPPORTER_FIELD_NAME_KANA       = 1 << 1,
  TS_SUPPORTER_FIELD_GENDER          = 1 << 2,
  TS_SUPPORTER_FIELD_BIRTH_YEAR      = 1 << 3,
  TS_SUPPORTER_FIELD_MUNICIPALITY    = 1 << 4,
  TS_SUPPORTER_FIELD_LOCATION        = 1 << 5,
  TS_SUPPORTER_FIELD_OCCUPATION      = 1 << 6,
  TS_SUPPORTER_FIELD_PEER_EXPERIENCE = 1 << 7,
  TS_SUPPORTER_FIELD_SKILLS          = 1 << 8,
  TS_SUPPORTER_FIELD_INTERESTS       = 1 << 9,
  TS_SUPPORTER_FIELD_AVAILABILITY    = 1 << 10,
  TS_SUPPORTER_FIELD_MAX_CASES       = 1 << 11,
  TS_SUPPORTER_FIELD_INSURANCE_UNTIL = 1 << 12,
  TS_SUPPORTER_FIELD_EMAIL           = 1 << 13,
} TsSupporterFields;

/* Limits of SPEC 3.2's supporter fields. */
#define TS_SUPPORTER_NAME_MAX          100
#define TS_SUPPORTER_OCCUPATION_MAX    100
#define TS_SUPPORTER_EMAIL_MAX         254  /* for notices (issue 17) */
#define TS_SUPPORTER_INTERESTS_MAX     32
#define TS_SUPPORTER_INTEREST_MAX      40
#define TS_SUPPORTER_AVAILABILITY_MAX  21
#define TS_SUPPORTER_MAX_CASES_LIMIT   20
#define TS_SUPPORTER_REASON_MAX        500
#define TS_SUPPORTER_LIST_DEFAULT      50
#define TS_SUPPORTER_LIST_MAX          200
#define TS_SUPPORTER_SEARCH_MAX        50   /* characters of ?q */

/* One weekly time range of SPEC 3.2's availability, in minutes after
 * midnight: 0 <= from_min < to_min <= 1440. */
typedef struct {
  int weekday;                     /* 1..7, ISO (1 = Monday) */
  int from_min;
  int to_min;
} TsAvailabilitySlot;

typedef struct {
  gint64             id;
  char              *code;         /* サポーター証番号; NULL until registered */
  char              *name;
  char              *name_kana;    /* NULL: none */
  char              *gender;       /* female, male, other, unspecified */
  int                birth_year;   /* 0: not given */
  char              *municipality_code;
  gboolean           has_location;
  double             lat;
  double             lon;
  char              *occupation;   /* NULL: none */
  char              *peer_experience; /* none, self, family */
  char             **skills;       /* never NULL */
  char             **interests;    /* never NULL */
  GArray            *availability; /* TsAvailabilitySlot, never NULL */
  int                max_cases;
  TsDate             insurance_until; /* TS_DATE_NONE: not insured */
  TsSupporterStatus  status;
  TsDate             registered_on;   /* TS_DATE_NONE until registered */
  gint64             organisation_id; /* who registered it (SPEC 2.6) */
  gint64             version;
  gint64             created_at;   /* Unix seconds */
  gint64             updated_at;
  char              *email;        /* NULL: none; notices are mailed there (issue 17) */
} TsSupporterRecord;

extern const TsResource ts_supporter_resource;

TsSupporterRecord *ts_supporter_record_new  (void);
TsSupporterRecord *ts_supporter_record_copy (const TsSupporterRecord *record);
void               ts_supporter_record_free (TsSupporterRecord       *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsSupporterRecord, ts_supporter_record_free)

/* GET /v1/supporters: ?status, ?municipality_code, ?qualification, ?on,
 * ?organisation_id, ?q (a search in name, kana and number). */
typedef struct {
  TsListQuery  list;
  int          status;              /* TsSupporterStatus or TS_FILTER_ANY */
  const char  *municipality_code;   /* NULL: any */
  int          qualification;       /* TsQualificationStatus or TS_FILTER_ANY */
  TsDate       on;                  /* TS_DATE_NONE: today (the service sets it) */
  gint64       organisation_id;     /* 0: any in the caller's scope (SPEC 2.6) */
  const char  *q;                   /* NULL: no search */
} TsSupporterListQuery;

/* One completion in `trainings` (direct, or derived from a course). */
typedef struct {
  gint64  id;
  gint64  supporter_id;
  char    kind[16];                /* "initial" or "follow_up" */
  char    source[8];               /* "direct" or "course" */
  TsDate  completed_on;
  gint64  course_id;               /* 0: none */
  gint64  created_at;
} TsTrainingRecord;

G_END_DECLS
