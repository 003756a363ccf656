/*
 * Training courses: creating courses and sessions, enrolment within the
 * course's capacity, attendance per session, and the completion that
 * attendance earns (SPEC 2.1; docs/domain-rules.md "Training courses").
 */
#pragma once

#include "model/course.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

/* A course as the API shows it: the record with its sessions.  Courses are
 * listed and read with ts_course_ops (service/resource.h); reading them is
 * not logged (they are not personal records). */
typedef struct {
  TsTrainingCourse *record;
} TsCourseView;

void ts_course_view_free (TsCourseView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCourseView, ts_course_view_free)

extern const TsResourceOps ts_course_ops;

typedef struct {
  TsDate      held_on;             /* TS_DATE_NONE when missing or invalid */
  const char *title;               /* optional */
} TsSessionInput;

/* A course as plain values, for callers without a body (the demo data). */
typedef struct {
  const char           *kind;      /* "initial" or "follow_up"; NULL when missing */
  const char           *title;
  gint64                capacity;  /* 0 when missing */
  const TsSessionInput *sessions;
  guint                 n_sessions;
} TsCourseInput;

/* A course from a draft read against its field table (@present: the
 * members the body carried) and its sessions (draft->sessions, NULL when
 * the body had none). */
TsCourseView      *ts_service_course_create          (TsService *self, TsContext *ctx,
                                                      const TsTrainingCourse *draft,
                                                      guint present, GError **error);
/* The same from plain values (the command line's demo data). */
TsTrainingCourse  *ts_service_training_course_create (TsService *self, TsContext *ctx,
                                                      const TsCourseInput *input,
                                                      GError **error);
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
