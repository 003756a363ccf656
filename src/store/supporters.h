/*
 * Supporters, their direct training records and their status history.
 *
 * A TsSupporterRecord is one row of `supporters` as plain data; the service
 * validates it, the store only reads and writes it.  Lists (skills,
 * interests, availability) are JSON text in the table and parsed values here.
 * Every change to a supporter bumps its `version`, which the HTTP layer
 * shows as the ETag: updates are optimistic (`WHERE id = ? AND version = ?`).
 */
#pragma once

#include <glib-object.h>

#include "core/date.h"
#include "store/store.h"

G_BEGIN_DECLS

/* SPEC 3.2: the computed status of a supporter. */
typedef enum {
  TS_SUPPORTER_APPLICANT,
  TS_SUPPORTER_REGISTERED,
  TS_SUPPORTER_SUSPENDED,
  TS_SUPPORTER_RETIRED,
} TsSupporterStatus;

const char *ts_supporter_status_to_string   (TsSupporterStatus status);
gboolean    ts_supporter_status_from_string (const char        *text,
                                             TsSupporterStatus *out);

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
  gint64             version;
  gint64             created_at;   /* Unix seconds */
  gint64             updated_at;
} TsSupporterRecord;

#define TS_TYPE_SUPPORTER_RECORD (ts_supporter_record_get_type ())
GType              ts_supporter_record_get_type (void) G_GNUC_CONST;
TsSupporterRecord *ts_supporter_record_new      (void);
TsSupporterRecord *ts_supporter_record_copy     (const TsSupporterRecord *record);
void               ts_supporter_record_free     (TsSupporterRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsSupporterRecord, ts_supporter_record_free)

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

/* One row of the status history. */
typedef struct {
  gint64             id;
  TsSupporterStatus  from_status;
  TsSupporterStatus  to_status;
  TsDate             changed_on;
  char              *reason;       /* NULL: none given */
  gint64             user_id;      /* 0: the command line */
  gint64             at;
} TsStatusChange;

void ts_status_change_free (TsStatusChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStatusChange, ts_status_change_free)

typedef struct {
  gboolean           has_status;
  TsSupporterStatus  status;
  const char        *municipality_code; /* NULL: any */
} TsSupporterFilter;

/* Writer thread only. */
gboolean ts_store_supporter_insert   (TsStore                 *self,
                                      const TsSupporterRecord *record,
                                      gint64                   now,
                                      gint64                  *out_id,
                                      GError                 **error);
gboolean ts_store_supporter_update   (TsStore                 *self,
                                      const TsSupporterRecord *record,
                                      gint64                   expected_version,
                                      gint64                   now,
                                      GError                 **error);
gboolean ts_store_supporter_touch    (TsStore                 *self,
                                      gint64                   id,
                                      gint64                   now,
                                      GError                 **error);
char    *ts_store_supporter_next_code (TsStore                *self,
                                       const char             *prefix,
                                       GError                **error);
gboolean ts_store_supporter_training_insert (TsStore          *self,
                                             gint64            supporter_id,
                                             const char       *kind,
                                             TsDate            completed_on,
                                             gint64            course_id,
                                             gint64            now,
                                             gint64           *out_id,
                                             GError          **error);
gboolean ts_store_supporter_status_change_insert (TsStore           *self,
                                                  gint64             supporter_id,
                                                  TsSupporterStatus  from_status,
                                                  TsSupporterStatus  to_status,
                                                  TsDate             changed_on,
                                                  const char        *reason,
                                                  gint64             user_id,
                                                  gint64             now,
                                                  GError           **error);

/* Any thread. */
gboolean           ts_store_supporter_exists (TsStore *self, gint64 id, GError **error);
TsSupporterRecord *ts_store_supporter_get    (TsStore *self, gint64 id, GError **error);
GPtrArray         *ts_store_supporter_list   (TsStore                 *self,
                                              const TsSupporterFilter *filter,
                                              gint64                   after_id,
                                              guint                    limit,
                                              GError                 **error);
GPtrArray         *ts_store_supporter_list_roster (TsStore  *self,
                                                   GError  **error);
GArray            *ts_store_supporter_trainings   (TsStore  *self,
                                                   gint64    supporter_id,
                                                   GError  **error);
GArray            *ts_store_supporter_trainings_range (TsStore  *self,
                                                       gint64    first_id,
                                                       gint64    last_id,
                                                       GError  **error);
GPtrArray         *ts_store_supporter_status_changes  (TsStore  *self,
                                                       gint64    supporter_id,
                                                       GError  **error);
gboolean           ts_store_supporter_training_exists (TsStore    *self,
                                                       gint64      supporter_id,
                                                       const char *kind,
                                                       TsDate      completed_on,
                                                       gint64      course_id,
                                                       GError    **error);
char              *ts_store_supporter_course_kind     (TsStore  *self,
                                                       gint64    course_id,
                                                       GError  **error);

/* Insurance renewal for a fiscal year (issue 11): registered supporters
 * insured until before @until, or not at all. */
gboolean ts_store_supporter_insurance_renewable (TsStore  *self,
                                                 TsDate    until,
                                                 gint64   *out_count,
                                                 GError  **error);
gboolean ts_store_supporter_insurance_renew     (TsStore  *self,
                                                 TsDate    until,
                                                 guint     limit,
                                                 gint64    now,
                                                 GArray   *out_ids,
                                                 GError  **error);

G_END_DECLS
