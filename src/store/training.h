/*
 * Training courses (養成研修, フォローアップ研修): their sessions, enrolments
 * and attendance, and the completions that attendance produces.
 *
 * A course is completed by a supporter when every one of its sessions was
 * attended; the completion is dated the course's last session (SPEC 2.1,
 * Bunkyo's outreach course has three sessions, seed 004).  The store keeps a
 * derived completion in `trainings` (source 'course') in step with attendance:
 * ts_store_training_completion_sync() adds, re-dates or withdraws it and never
 * touches a completion recorded directly (source 'direct').  The records
 * are in model/course.h; the store only reads and writes them.
 */
#pragma once

#include "model/course.h"
#include "store/store.h"

G_BEGIN_DECLS

/* The completion rule, without a database: completed when there is at least
 * one session and every session is attended; the date is the latest
 * session date.  Returns TS_DATE_NONE when not completed. */
TsDate   ts_training_completion_date (const TsDate           *held_on,
                                      const TsAttendanceMark *marks,
                                      guint                   n_sessions);

/* Writer thread only. */
gboolean ts_store_training_course_insert   (TsStore *self, const TsTrainingCourse *course,
                                            gint64 *out_id, GError **error);
gboolean ts_store_training_session_insert  (TsStore *self, gint64 course_id,
                                            TsDate held_on, const char *title,
                                            gint64 *out_id, GError **error);
gboolean ts_store_training_enrol           (TsStore *self, gint64 course_id,
                                            gint64 supporter_id, GError **error);
gboolean ts_store_training_unenrol         (TsStore *self, gint64 course_id,
                                            gint64 supporter_id, GError **error);
gboolean ts_store_training_attendance_set  (TsStore *self, gint64 session_id,
                                            gint64 supporter_id, gboolean attended,
                                            GError **error);
gboolean ts_store_training_completion_sync (TsStore *self, gint64 course_id,
                                            gint64 supporter_id,
                                            TsCompletionChange *out_change,
                                            GError **error);

/* Any thread. */
TsTrainingCourse  *ts_store_training_course_get  (TsStore *self, gint64 id,
                                                  gboolean with_sessions,
                                                  GError **error);
GPtrArray         *ts_store_training_course_list (TsStore *self,
                                                  const TsCourseQuery *query,
                                                  gint64 after_id, guint limit,
                                                  GError **error);
TsTrainingSession *ts_store_training_session_get (TsStore *self, gint64 course_id,
                                                  gint64 session_id, GError **error);
GPtrArray         *ts_store_training_enrolment_list (TsStore *self, gint64 course_id,
                                                     const GArray *scope, GError **error);
TsEnrolment       *ts_store_training_enrolment_get  (TsStore *self, gint64 course_id,
                                                     gint64 supporter_id, GError **error);
GArray            *ts_store_training_enrolled_ids   (TsStore *self, gint64 course_id,
                                                     GError **error);

G_END_DECLS
