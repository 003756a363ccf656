/*
 * The training course resource's descriptor and records: see model/course.h.
 */
#include "model/course.h"

#include "core/i18n.h"

G_STATIC_ASSERT (sizeof (TsCourseKind) == sizeof (int));

static const char *const kind_names[] = { "initial", "follow_up", NULL };

const TsVocabulary ts_course_kind_vocabulary = {
  kind_names,
  N_("Must be initial or follow_up"),
};

TS_DEFINE_VOCABULARY (ts_course_kind, TsCourseKind, ts_course_kind_vocabulary)

#define F(member) G_STRUCT_OFFSET (TsTrainingCourse, member)

/* The sessions are a list of objects (a GPtrArray of the record): the HTTP
 * layer reads and renders them itself (TS_FIELD_CUSTOM), the service checks
 * them.  Their type is one the generic record code leaves alone (no text to
 * free or copy) and they have no bit, so that ts_record_apply() never copies
 * the pointer: a draft's sessions are read from draft->sessions. */
static const TsField fields[] = {
  TS_FIELD_ROW_ID (TsTrainingCourse),
  { "kind", TS_FIELD_ENUM, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (kind),
    TS_COURSE_FIELD_KIND, 0, 0, &ts_course_kind_vocabulary },
  { "title", TS_FIELD_TEXT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (title),
    TS_COURSE_FIELD_TITLE, 0, TS_TRAINING_TITLE_MAX, NULL },
  { "capacity", TS_FIELD_INT, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED, F (capacity),
    TS_COURSE_FIELD_CAPACITY, 1, TS_TRAINING_CAPACITY_MAX, NULL },
  { "enrolled", TS_FIELD_INT, TS_FIELD_READ_ONLY, F (enrolled), 0, 0, 0, NULL },
  { "remaining_seats", TS_FIELD_INT, TS_FIELD_READ_ONLY, F (remaining_seats), 0, 0, 0, NULL },
  { "session_count", TS_FIELD_INT, TS_FIELD_READ_ONLY, F (session_count), 0, 0, 0, NULL },
  { "first_held_on", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (first_held_on), 0, 0, 0, NULL },
  { "last_held_on", TS_FIELD_DATE, TS_FIELD_READ_ONLY, F (last_held_on), 0, 0, 0, NULL },
  { "created_at", TS_FIELD_TIMESTAMP, TS_FIELD_READ_ONLY, F (created_at), 0, 0, 0, NULL },
  { "sessions", TS_FIELD_INT64, TS_FIELD_WRITABLE | TS_FIELD_REQUIRED | TS_FIELD_CUSTOM,
    F (sessions), 0, 0, 0, NULL },
};

#undef F
#define Q(member) G_STRUCT_OFFSET (TsCourseQuery, member)

static const TsField filters[] = {
  { "kind", TS_FIELD_ENUM, 0, Q (kind), 0, 0, 0, &ts_course_kind_vocabulary },
};

#undef Q

const TsResource ts_course_resource = {
  .name = "training_course",
  .collection = "courses",
  .cursor_kind = 't',
  .list_default = TS_TRAINING_LIST_LIMIT_DEFAULT,
  .list_max = TS_TRAINING_LIST_LIMIT_MAX,
  TS_RESOURCE_FIELDS (fields, TsTrainingCourse),
  TS_RESOURCE_FILTERS (filters, TsCourseQuery),
  .reads_unlogged = TRUE,
};

TsTrainingSession *
ts_training_session_new (TsDate held_on, const char *title)
{
  TsTrainingSession *session = g_new0 (TsTrainingSession, 1);

  session->held_on = held_on;
  session->title = g_strdup (title);
  return session;
}

void
ts_training_session_free (TsTrainingSession *session)
{
  if (session == NULL)
    return;
  g_free (session->title);
  g_free (session);
}

TS_DEFINE_RECORD_NEW (TsTrainingCourse, ts_training_course, ts_course_resource)

/* The record owns its sessions besides the texts of its field table. */
void
ts_training_course_free (TsTrainingCourse *course)
{
  if (course == NULL)
    return;
  g_clear_pointer (&course->sessions, g_ptr_array_unref);
  ts_record_free (&ts_course_resource, course);
}

void
ts_enrolment_free (TsEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;
  g_free (enrolment->session_ids);
  g_free (enrolment->marks);
  g_free (enrolment);
}
