/*
 * Training courses (養成研修, フォローアップ研修): their sessions, enrolments
 * and attendance, and the completions that attendance produces.
 *
 * A course is completed by a supporter when every one of its sessions was
 * attended; the completion is dated the course's last session (SPEC 2.1,
 * Bunkyo's outreach course has three sessions, seed 004).  A course is
 * created with its sessions and never edited: it has no version, and its
 * descriptor no update.  Courses are not personal records, so reading them
 * is not logged; the enrolments (supporters and their attendance) are.
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

/* The two kinds of training SPEC 2.1 knows (domain/qualification.h reads
 * the same names from a supporter's completions). */
typedef enum {
  TS_COURSE_INITIAL,
  TS_COURSE_FOLLOW_UP,
} TsCourseKind;

extern const TsVocabulary ts_course_kind_vocabulary;

TS_DECLARE_VOCABULARY (ts_course_kind, TsCourseKind)

/* The bits of a draft's "present" mask: which members a body carried. */
typedef enum {
  TS_COURSE_FIELD_KIND     = 1 << 0,
  TS_COURSE_FIELD_TITLE    = 1 << 1,
  TS_COURSE_FIELD_CAPACITY = 1 << 2,
} TsCourseFields;

#define TS_TRAINING_TITLE_MAX          200
#define TS_TRAINING_CAPACITY_MAX       10000
#define TS_TRAINING_SESSIONS_MAX       20
#define TS_TRAINING_LIST_LIMIT_DEFAULT 50
#define TS_TRAINING_LIST_LIMIT_MAX     200

typedef struct {
  gint64  id;
  gint64  course_id;
  int     position;               /* 1..n in date order */
  TsDate  held_on;
  char   *title;                  /* NULL when none */
} TsTrainingSession;

typedef struct {
  gint64        id;
  TsCourseKind  kind;
  char         *title;
  int           capacity;
  int           enrolled;
  int           remaining_seats;  /* capacity - enrolled, never below 0 */
  int           session_count;
  TsDate        first_held_on;    /* TS_DATE_NONE without sessions */
  TsDate        last_held_on;
  gint64        created_at;
  GPtrArray    *sessions;         /* TsTrainingSession*; NULL in lists */
} TsTrainingCourse;

extern const TsResource ts_course_resource;

/* GET /v1/training-courses: ?kind. */
typedef struct {
  TsListQuery  list;
  int          kind;              /* TsCourseKind or TS_FILTER_ANY */
} TsCourseQuery;

/* What is recorded for one session of one enrolment. */
typedef enum {
  TS_ATTENDANCE_UNRECORDED = -1,
  TS_ATTENDANCE_ABSENT     = 0,
  TS_ATTENDANCE_ATTENDED   = 1,
} TsAttendanceMark;

typedef struct {
  gint64            course_id;
  gint64            supporter_id;
  gint64            enrolled_at;
  guint             n_sessions;
  gint64           *session_ids;  /* in position order */
  TsAttendanceMark *marks;        /* one per session */
  int               attended;     /* how many sessions were attended */
  gboolean          completed;
  TsDate            completed_on; /* TS_DATE_NONE unless completed */
} TsEnrolment;

typedef enum {
  TS_COMPLETION_UNCHANGED,
  TS_COMPLETION_ADDED,
  TS_COMPLETION_REDATED,
  TS_COMPLETION_WITHDRAWN,
} TsCompletionChange;

TsTrainingSession *ts_training_session_new  (TsDate held_on, const char *title);
void               ts_training_session_free (TsTrainingSession *session);
TsTrainingCourse  *ts_training_course_new   (void);
void               ts_training_course_free  (TsTrainingCourse *course);
void               ts_enrolment_free        (TsEnrolment *enrolment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsTrainingSession, ts_training_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsTrainingCourse, ts_training_course_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsEnrolment, ts_enrolment_free)

G_END_DECLS
