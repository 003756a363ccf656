/*
 * Consultation records (相談記録; SPEC 2.7, 3.3; issue 16; seed 004 文京
 * 相談実績): one contact each, about a person who is a case or a light
 * consultee record.
 *
 * A contact has its date, method, who made contact (the contactor), whether
 * it is the person's first consultation (初回: 新規相談) or a continuing
 * one, its minutes where recorded, and the person: a case (case_id) or a
 * consultee (consultee_id).  A first contact also records the contactor's
 * age band where known (親 うち80歳以上 of the 文京 tables).  A consultee is
 * the person of a contact who is not a case: a nickname at most, an age
 * band (a case's, including unknown: 年齢不明) and a gender (including
 * other and unknown), so that later contacts count the same person once
 * (実相談人数).
 *
 * Both belong to an organisation (SPEC 2.6) and are never changed: the
 * year-end statistics count them.  Plain data only: the service checks
 * the rules (service/contacts.h), the store reads and writes the rows.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

/* The 文京 tables' 相談手法: 電話, メール, SNS等オンライン, 来所, 訪問, 同行,
 * 郵便, その他. */
typedef enum {
  TS_CONTACT_PHONE,
  TS_CONTACT_EMAIL,
  TS_CONTACT_ONLINE,
  TS_CONTACT_OFFICE_VISIT,
  TS_CONTACT_HOME_VISIT,
  TS_CONTACT_ACCOMPANY,
  TS_CONTACT_LETTER,
  TS_CONTACT_OTHER,
} TsContactMethod;

extern const TsVocabulary ts_contact_method_vocabulary;

TS_DECLARE_VOCABULARY (ts_contact_method, TsContactMethod)

/* The 文京 tables' 最初の相談者: 当事者, 親, 兄弟姉妹, そのほか (other family,
 * an agency, anyone else). */
typedef enum {
  TS_CONTACTOR_SELF,
  TS_CONTACTOR_PARENT,
  TS_CONTACTOR_SIBLING,
  TS_CONTACTOR_OTHER_FAMILY,
  TS_CONTACTOR_AGENCY,
  TS_CONTACTOR_OTHER,
} TsContactor;

extern const TsVocabulary ts_contactor_vocabulary;

TS_DECLARE_VOCABULARY (ts_contactor, TsContactor)

/* The contactor's age band: by decade, with 70s and 80s+ apart (a parent
 * of 80 or more is the 8050 problem), and unknown.  NULL-terminated. */
extern const char *const ts_contactor_age_bands[];
extern const TsVocabulary ts_contactor_age_band_vocabulary;

/* A consultee's age band: a case's (ts_case_age_bands: 10s … 70s+,
 * unknown), and its gender: female, male, other, unknown. */
extern const TsVocabulary ts_consultee_age_band_vocabulary;
extern const char *const ts_consultee_genders[];
extern const TsVocabulary ts_consultee_gender_vocabulary;

/* The bits of a contact draft's "present" mask. */
typedef enum {
  TS_CONTACT_FIELD_DATE               = 1 << 0,
  TS_CONTACT_FIELD_METHOD             = 1 << 1,
  TS_CONTACT_FIELD_CONTACTOR          = 1 << 2,
  TS_CONTACT_FIELD_FIRST_CONTACT      = 1 << 3,
  TS_CONTACT_FIELD_MINUTES            = 1 << 4,
  TS_CONTACT_FIELD_CASE               = 1 << 5,
  TS_CONTACT_FIELD_CONSULTEE_ID       = 1 << 6,
  TS_CONTACT_FIELD_CONTACTOR_AGE_BAND = 1 << 7,
  TS_CONTACT_FIELD_CONSULTEE          = 1 << 8,   /* the new consultee (read by http/) */
} TsContactFields;

typedef enum {
  TS_CONSULTEE_FIELD_NICKNAME = 1 << 0,
  TS_CONSULTEE_FIELD_AGE_BAND = 1 << 1,
  TS_CONSULTEE_FIELD_GENDER   = 1 << 2,
} TsConsulteeFields;

#define TS_CONTACT_MINUTES_MIN       1
#define TS_CONTACT_MINUTES_MAX       720
#define TS_CONTACT_EARLIEST_YEAR     2000
#define TS_CONSULTEE_NICKNAME_MAX    50
#define TS_CONTACT_LIST_DEFAULT      50
#define TS_CONTACT_LIST_MAX          200

typedef struct {
  gint64   id;
  char    *nickname;                 /* NULL: none given */
  char    *age_band;                 /* 10s … 70s+, unknown */
  char    *gender;                   /* female, male, other, unknown */
  gint64   organisation_id;          /* the organisation that recorded it (SPEC 2.6) */
  TsDate   first_contact_on;         /* computed: its first contact's date */
  TsDate   last_contact_on;          /* computed: its latest contact's date */
  gint64   contacts_count;           /* computed: its contacts */
  gint64   user_id;                  /* who recorded it; 0: the command line */
  gint64   created_at;               /* Unix seconds */
} TsConsulteeRecord;

extern const TsResource ts_consultee_resource;

TsConsulteeRecord *ts_consultee_record_new  (void);
void               ts_consultee_record_free (TsConsulteeRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsConsulteeRecord, ts_consultee_record_free)

#define TS_CONSULTEE_SEARCH_MAX 50   /* characters of ?q */

/* GET /v1/consultees: ?q (a search in the nickname, or the id). */
typedef struct {
  TsListQuery  list;
  const char  *q;                   /* NULL: no search */
} TsConsulteeQuery;

typedef struct {
  gint64              id;
  TsDate              date;
  TsContactMethod     method;
  TsContactor         contactor;
  gboolean            first_contact;  /* 初回 (新規相談) */
  int                 minutes;        /* 0: not recorded */
  gint64              case_id;        /* the person: a case, */
  gint64              consultee_id;   /* or a consultee (exactly one of the two) */
  char               *contactor_age_band; /* first contacts only; NULL: not recorded */
  gint64              organisation_id; /* its person's organisation (SPEC 2.6) */
  gint64              user_id;        /* who recorded it; 0: the command line */
  gint64              created_at;     /* Unix seconds */
  /* A draft's new consultee (its present bits in consultee_present);
   * NULL otherwise.  Owned. */
  TsConsulteeRecord  *consultee;
  guint               consultee_present;
} TsContactRecord;

extern const TsResource ts_contact_resource;

TsContactRecord *ts_contact_record_new  (void);
void             ts_contact_record_free (TsContactRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsContactRecord, ts_contact_record_free)

/* GET /v1/contacts: ?from, ?to (dates, both included), ?case_id,
 * ?consultee_id, ?method. */
typedef struct {
  TsListQuery  list;
  TsDate       from;
  TsDate       to;
  gint64       case_id;
  gint64       consultee_id;
  int          method;               /* TsContactMethod or TS_FILTER_ANY */
} TsContactQuery;

G_END_DECLS
