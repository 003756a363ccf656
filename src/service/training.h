/*
 * Training courses: creating courses and sessions, enrolment within the
 * course's capacity, attendance per session, and the completion that
 * attendance earns (SPEC 2.1; docs/domain-rules.md "Training courses").
 */
#pragma once

#include "service/service.h"
#include "store/training.h"

G_BEGIN_DECLS

#define TS_TRAINING_TITLE_MAX     200
#define TS_TRAINING_CAPACITY_MAX  10000
#define TS_TRAINING_SESSIONS_MAX  20
#define TS_TRAINING_LIST_LIMIT_DEFAULT 50
#define TS_TRAINING_LIST_LIMIT_MAX     200

typedef struct {
  TsDate      held_on;             /* TS_DATE_NONE when missing or invalid */
  const char *title;               /* optional */
} TsSessionInput;

typedef struct {
  const char           *kind;      /* "initial" or "follow_up"; NULL when missing */
  const char           *title;
  gint64                capacity;  /* 0 when missing */
  const TsSessionInput *sessions;
  guint                 n_sessions;
} TsCourseInput;

TsTrainingCourse  *ts_service_training_course_create (TsService *self, TsContext *ctx,
                                                      const TsCourseInput *input,
                                                      GError **error);
/* Courses after after_id (0: from the start), at most limit of them;
 * *out_more tells whether more follow. */
GPtrArray         *ts_service_training_course_list   (TsService *self, TsContext *ctx,
                                                      const char *kind, gint64 after_id,
                                                      int limit, gboolean *out_more,
                                                      GError **error);
TsTrainingCourse  *ts_service_training_course_get    (TsService *self, TsContext *ctx,
                                                      gint64 id, GError **error);
TsTrainingSession *ts_service_training_session_add   (TsService *self, TsContext *ctx,
                                                      gint64 course_id,
                                                      const TsSessionInput *input,
                                                      GError **error);
TsEnrolment       *ts_service_training_enrol         (TsService *self, TsContext *ctx,
                                                      gint64 course_id, gint64 supporter_id,
                                                      GError **error);
gboolean           ts_service_training_unenrol       (TsService *self, TsContext *ctx,
                                                      gint64 course_id, gint64 supporter_id,
                                                      GError **error);
GPtrArray         *ts_service_training_enrolment_list (TsService *self, TsContext *ctx,
                                                       gint64 course_id, GError **error);
TsEnrolment       *ts_service_training_attendance_set (TsService *self, TsContext *ctx,
                                                       gint64 course_id, gint64 session_id,
                                                       gint64 supporter_id, gboolean attended,
                                                       GError **error);

G_END_DECLS
