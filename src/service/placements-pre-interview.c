/*
 * 職親 placements' pre-interview (事前面談; seed 002, issue 11): its checks
 * at creation (held, or planned) and the recording of a planned one as
 * held.
 */
#include "service/placements-private.h"

#include "core/i18n.h"

/* ---- checks ------------------------------------------------------------- */

/* How a pre-interview's date is being given: at creation, as held or as
 * planned, or when recording a planned one as held. */
typedef enum {
  PRE_INTERVIEW_CREATE_HELD,
  PRE_INTERVIEW_CREATE_PLANNED,
  PRE_INTERVIEW_RECORD_HELD,
} PreInterviewUse;

/* 事前面談 (seed 002): 「就労体験に先立ち、本人、家族、職親、相談窓口担当者との
 * 事前面談を行います」.  Names each field of @check that is wrong, under
 * @prefix ("pre_interview." at creation, "" for the recording's own body),
 * so that one 422 names both when both are wrong. */
static void
report_pre_interview (TsContext *ctx, const TsPreInterviewCheck *check, const char *prefix,
                      PreInterviewUse use)
{
  g_autofree char *date_field = g_strconcat (prefix, use == PRE_INTERVIEW_CREATE_PLANNED
                                                     ? "planned_on" : "held_on", NULL);
  g_autofree char *attendees_field = g_strconcat (prefix, "attendees", NULL);

  switch (check->held_on)
    {
    case TS_PRE_INTERVIEW_HELD_ON_OK:
      break;
    case TS_PRE_INTERVIEW_HELD_ON_MISSING:
      ts_field_errors_add (ctx->errors, date_field,
                           use == PRE_INTERVIEW_RECORD_HELD
                           ? N_("Required")
                           : N_("Required: held_on, or planned_on for an interview still to come"));
      break;
    case TS_PRE_INTERVIEW_HELD_ON_NOT_YET_HELD:
      ts_field_errors_add (ctx->errors, date_field,
                           use == PRE_INTERVIEW_RECORD_HELD
                           ? N_("Must not be in the future: record the interview once it has been held")
                           : N_("The pre-interview has not been held yet: give its date as planned_on"));
      break;
    case TS_PRE_INTERVIEW_HELD_ON_PLANNED_PAST:
      ts_field_errors_add (ctx->errors, date_field,
                           N_("A planned pre-interview is today or later: give one that took place as held_on"));
      break;
    case TS_PRE_INTERVIEW_HELD_ON_AFTER_FIRST_DAY:
    default:
      ts_field_errors_add (ctx->errors, date_field,
                           N_("The pre-interview must be held on or before the first day"));
      break;
    }
  switch (check->attendees)
    {
    case TS_PRE_INTERVIEW_ATTENDEES_OK:
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_MISSING:
      ts_field_errors_add (ctx->errors, attendees_field,
                           N_("Required: at least participant, host and coordinator"));
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_UNKNOWN:
      ts_field_errors_add (ctx->errors, attendees_field,
                           N_("Each attendee must be one of participant, family, host, coordinator"));
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_DUPLICATE:
      ts_field_errors_add (ctx->errors, attendees_field,
                           N_("An attendee is listed more than once"));
      break;
    case TS_PRE_INTERVIEW_ATTENDEES_INCOMPLETE:
    default:
      {
        JsonArray *missing = json_array_new ();
        static const TsPreInterviewAttendee order[] = {
          TS_PRE_INTERVIEW_PARTICIPANT, TS_PRE_INTERVIEW_FAMILY,
          TS_PRE_INTERVIEW_HOST, TS_PRE_INTERVIEW_COORDINATOR,
        };

        for (guint i = 0; i < G_N_ELEMENTS (order); i++)
          if (check->missing & order[i])
            json_array_add_string_element (missing,
                                           ts_pre_interview_attendee_to_string (order[i]));
        ts_field_errors_add (ctx->errors, attendees_field,
                             N_("The participant, the host and the coordinator must attend"));
        ts_context_add_extra (ctx, "missing_attendees",
                              json_node_init_array (json_node_alloc (), missing));
        json_array_unref (missing);
      }
      break;
    }
}

/* At creation the interview is either held (held_on, attendees required)
 * or planned (planned_on, attendees optional): exactly one of the two
 * dates (issue 11, item 15). */
void
ts_placements_check_pre_interview (TsContext *ctx, const TsPlacementInput *in,
                                   TsDate first_day, guint *out_present)
{
  TsPreInterviewCheck check;
  gsize n_attendees = in->attendees != NULL ? in->n_attendees : 0;

  if (in->has_planned_on && !in->has_held_on)
    {
      ts_pre_interview_check_planned (in->planned_on, in->attendees, n_attendees, first_day,
                                      ts_date_today (), &check);
      report_pre_interview (ctx, &check, "pre_interview.", PRE_INTERVIEW_CREATE_PLANNED);
    }
  else
    {
      ts_pre_interview_check (in->held_on, in->attendees, n_attendees, first_day,
                              ts_date_today (), &check);
      if (in->has_planned_on)
        ts_field_errors_add (ctx->errors, "pre_interview.planned_on",
                             N_("Give either held_on or planned_on, not both"));
      else
        report_pre_interview (ctx, &check, "pre_interview.", PRE_INTERVIEW_CREATE_HELD);
    }
  *out_present = check.present;
}

/* The attendees in the leaflet's order: 本人、家族、職親、相談窓口担当者. */
char **
ts_placements_attendees_strv (guint present)
{
  static const TsPreInterviewAttendee order[] = {
    TS_PRE_INTERVIEW_PARTICIPANT, TS_PRE_INTERVIEW_FAMILY,
    TS_PRE_INTERVIEW_HOST, TS_PRE_INTERVIEW_COORDINATOR,
  };
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (present & order[i])
      g_ptr_array_add (out, g_strdup (ts_pre_interview_attendee_to_string (order[i])));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* ---- recording the planned pre-interview as held ------------------------ */

typedef struct {
  TsService                 *service;
  TsContext                 *ctx;
  gint64                     id;
  const TsPreInterviewInput *input;
} PreInterviewWrite;

static gboolean
write_pre_interview (TsStore *store, gpointer user_data, GError **error)
{
  PreInterviewWrite *w = user_data;
  const TsPreInterviewInput *in = w->input;
  g_autoptr(TsPlacementRecord) record = ts_store_placement_get (store, w->id, error);
  g_auto(GStrv) attendees = NULL;
  TsPreInterviewCheck check;

  if (record == NULL || !ts_service_check_scope (w->ctx, &ts_placement_resource, record, error))
    return FALSE;
  /* Now with the first day: on or before it, as at creation. */
  ts_pre_interview_check (in->held_on, in->attendees, in->attendees != NULL ? in->n_attendees : 0,
                          record->first_day, ts_date_today (), &check);
  report_pre_interview (w->ctx, &check, "", PRE_INTERVIEW_RECORD_HELD);
  if (!ts_field_errors_check (w->ctx->errors, error))
    return FALSE;
  attendees = ts_placements_attendees_strv (check.present);
  if (ts_pre_interview_is_held (record->pre_interview_held_on))
    {
      char buf[11];

      /* The same record again (a retried request) is not a change: no new
       * version, no audit entry, the same answer. */
      if (record->pre_interview_held_on == in->held_on &&
          g_strv_equal ((const char *const *) record->pre_interview_attendees,
                        (const char *const *) attendees))
        return TRUE;
      ts_date_format (record->pre_interview_held_on, buf);
      ts_placements_add_string_extra (w->ctx, "held_on", buf);
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PRE_INTERVIEW_ALREADY_HELD,
                           N_("The pre-interview is already recorded as held, with other values"));
      return FALSE;
    }
  if (!ts_store_placement_set_pre_interview_held (store, w->id, in->held_on,
                                                  (const char *const *) attendees,
                                                  ts_service_now_unix (), error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "record_pre_interview", "placement", w->id,
                           error);
}

TsPlacementView *
ts_service_placement_record_pre_interview (TsService *self, TsContext *ctx, gint64 id,
                                           const TsPreInterviewInput *input, GError **error)
{
  PreInterviewWrite w = { self, ctx, id, input };
  TsPreInterviewCheck check;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  /* What can be judged without the placement, before the transaction. */
  ts_pre_interview_check (input->held_on, input->attendees,
                          input->attendees != NULL ? input->n_attendees : 0, TS_DATE_NONE,
                          ts_date_today (), &check);
  report_pre_interview (ctx, &check, "", PRE_INTERVIEW_RECORD_HELD);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_pre_interview, &w, error))
    return NULL;
  return ts_placements_load_view (self, ctx, id, TRUE, error);
}

