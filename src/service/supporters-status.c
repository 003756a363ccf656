/*
 * A supporter's status (SPEC 3.2): registration with a supporter code,
 * suspension, retirement, and the history domain/standing.h reads.
 *
 * Status transitions (the seeds describe 登録 after the 養成研修, seed 002;
 * suspension and retirement are ours, docs/api.md):
 *
 *   applicant  --register-->  registered  --suspend-->  suspended
 *                             registered  <--register-- suspended  (reinstatement)
 *   applicant | registered | suspended  --retire-->  retired  (final)
 *
 * Every other request for a transition is TS_ERROR_INVALID_TRANSITION.
 */
#include "service/supporters-private.h"

#include <string.h>

#include "core/i18n.h"
#include "domain/insurance.h"
#include "service/cases.h"
#include "service/validate.h"
#include "store/assignments.h"
#include "store/users.h"

static TsStanding
standing_of (TsSupporterStatus status)
{
  switch (status)
    {
    case TS_SUPPORTER_REGISTERED:
      return TS_STANDING_REGISTERED;
    case TS_SUPPORTER_SUSPENDED:
      return TS_STANDING_SUSPENDED;
    case TS_SUPPORTER_RETIRED:
      return TS_STANDING_RETIRED;
    case TS_SUPPORTER_APPLICANT:
    default:
      return TS_STANDING_APPLICANT;
    }
}

/*
 * Records registered before the history existed (migration 0003) have a
 * registered_on but no registration row: it is put first.  A record whose
 * current status is suspended or retired with no row saying when is taken
 * to have had that status since registration — nobody can tell when it
 * began, and a day worked while paused must not be paid on a guess.
 */
GArray *
ts_service_supporter_standing (TsStore *store, gint64 supporter_id, TsSupporterStatus status,
                               TsDate registered_on, GError **error)
{
  g_autoptr(GPtrArray) rows = ts_store_supporter_status_changes (store, supporter_id, error);
  GArray *out;

  if (rows == NULL)
    return NULL;
  out = g_array_sized_new (FALSE, FALSE, sizeof (TsStandingChange), rows->len + 2);
  if (registered_on != TS_DATE_NONE &&
      (rows->len == 0 ||
       ((TsStatusChange *) rows->pdata[0])->from_status != TS_SUPPORTER_APPLICANT))
    {
      TsStandingChange c = { TS_STANDING_REGISTERED, registered_on };
      g_array_append_val (out, c);
      if (rows->len == 0 && status != TS_SUPPORTER_REGISTERED && status != TS_SUPPORTER_APPLICANT)
        {
          c.to = standing_of (status);
          g_array_append_val (out, c);
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const TsStatusChange *row = rows->pdata[i];
      TsStandingChange c = { standing_of (row->to_status), row->changed_on };
      g_array_append_val (out, c);
    }
  return out;
}

/* ---- transitions ------------------------------------------------------ */

typedef enum {
  ACTION_REGISTER,
  ACTION_SUSPEND,
  ACTION_RETIRE,
} StatusAction;

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  gint64        id;
  StatusAction  action;
  TsDate        on;
  const char   *reason;
} StatusWrite;

/*
 * The supporter code (サポーター証番号): PP-YYYY-NNNN, the JIS prefecture
 * code of the supporter's municipality at registration, the fiscal year
 * (年度) of the registration date and a sequence number within the two.
 * Tochigi's card is issued by the prefecture (seed 002, 那須町 uses
 * 「ポラリスとちぎ」's サポーター証), so the prefecture leads; the year
 * tells at a glance which intake a supporter came from.
 */
static char *
new_code (TsStore *store, const TsSupporterRecord *record, TsDate on, GError **error)
{
  g_autofree char *prefix = NULL;
  char pref[3] = { 0 };

  if (record->municipality_code == NULL || strlen (record->municipality_code) < 2)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "Supporter without a municipality");
      return NULL;
    }
  memcpy (pref, record->municipality_code, 2);
  prefix = g_strdup_printf ("%s-%04d-", pref, ts_fiscal_year (on));
  return ts_store_supporter_next_code (store, prefix, error);
}

/*
 * Retirement ends the supporter's work (issue 11): every open assignment
 * ends on the retirement date with the reason recorded (an assignment that
 * was to start later ends on its start date, the earliest end it can
 * have), each case whose last assignment ended goes back to matching, and
 * every account that signs in as the supporter is disabled with its tokens
 * revoked — in the retirement's own transaction, each with its audit entry.
 */
static gboolean
end_service (StatusWrite *w, TsStore *store, GError **error)
{
  g_autoptr(GPtrArray) running = NULL;
  g_autoptr(GPtrArray) users = NULL;
  TsAssignmentFilter filter = { 0, w->id, TRUE, TRUE };
  /* The end reason is stored text, read by staff: in the language of the
   * coordinator who recorded the retirement, like a reason they type. */
  const char *reason = ts_i18n_gettext_lang (w->ctx->language, N_("The supporter retired"));

  running = ts_store_assignment_list (store, &filter, 0, G_MAXINT, error);
  if (running == NULL)
    return FALSE;
  for (guint i = 0; i < running->len; i++)
    {
      const TsAssignmentRecord *a = running->pdata[i];

      if (!ts_store_assignment_end (store, a->id, MAX (w->on, a->starts_on), reason, error) ||
          !ts_service_case_assignment_ended (w->service, w->ctx, a->case_id, error) ||
          !ts_service_audit (w->service, w->ctx, "end", "assignment", a->id, error))
        return FALSE;
    }
  users = ts_store_users_of_supporter (store, w->id, error);
  if (users == NULL)
    return FALSE;
  for (guint i = 0; i < users->len; i++)
    {
      const TsUser *u = users->pdata[i];
      TsUser disabled = *u;

      disabled.disabled = TRUE;
      if (!ts_store_user_update (store, &disabled, error) ||
          !ts_store_tokens_revoke_user (store, u->id, error) ||
          !ts_service_audit (w->service, w->ctx, "disable", "user", u->id, error))
        return FALSE;
    }
  return TRUE;
}

/* A reinstatement dated before the suspension it ends would rewrite the
 * history the reports are judged by: refused. */
static gboolean
check_after_last_change (StatusWrite *w, TsStore *store, GError **error)
{
  g_autoptr(GPtrArray) rows = ts_store_supporter_status_changes (store, w->id, error);

  if (rows == NULL)
    return FALSE;
  if (rows->len > 0 && ((TsStatusChange *) rows->pdata[rows->len - 1])->changed_on > w->on)
    {
      ts_field_errors_add (w->ctx->errors, "registered_on",
                           N_("Must not be before the suspension it ends"));
      return ts_field_errors_check (w->ctx->errors, error);
    }
  return TRUE;
}

static gboolean
write_status (TsStore *store, gpointer user_data, GError **error)
{
  StatusWrite *w = user_data;
  g_autoptr(TsSupporterRecord) record = ts_store_supporter_get (store, w->id, error);
  TsSupporterStatus from, to;
  const char *audit_action;

  if (record == NULL || !ts_service_check_scope (w->ctx, &ts_supporter_resource, record, error))
    return FALSE;
  from = record->status;
  switch (w->action)
    {
    case ACTION_REGISTER:
      if (from != TS_SUPPORTER_APPLICANT && from != TS_SUPPORTER_SUSPENDED)
        goto invalid;
      to = TS_SUPPORTER_REGISTERED;
      audit_action = from == TS_SUPPORTER_APPLICANT ? "register" : "reinstate";
      if (from == TS_SUPPORTER_SUSPENDED && !check_after_last_change (w, store, error))
        return FALSE;
      {
        g_autoptr(GArray) trainings = ts_store_supporter_trainings (store, w->id, error);
        TsQualification q;

        if (trainings == NULL)
          return FALSE;
        ts_service_supporter_qualify (w->service, (const TsTrainingRecord *) trainings->data,
                                      trainings->len, w->on, &q);
        if (!ts_qualification_allows_registration (&q))
          {
            g_set_error_literal (error, TS_ERROR, TS_ERROR_TRAINING_INCOMPLETE,
                                 N_("The supporter has not completed the initial training on or before the registration date"));
            return FALSE;
          }
      }
      if (from == TS_SUPPORTER_APPLICANT)
        record->registered_on = w->on;
      if (record->code == NULL)
        {
          record->code = new_code (store, record, w->on, error);
          if (record->code == NULL)
            return FALSE;
        }
      break;
    case ACTION_SUSPEND:
      if (from != TS_SUPPORTER_REGISTERED)
        goto invalid;
      to = TS_SUPPORTER_SUSPENDED;
      audit_action = "suspend";
      break;
    case ACTION_RETIRE:
    default:
      if (from == TS_SUPPORTER_RETIRED)
        goto invalid;
      to = TS_SUPPORTER_RETIRED;
      audit_action = "retire";
      break;
    }

  record->status = to;
  if (!ts_store_supporter_update (store, record, record->version, ts_service_now_unix (), error) ||
      !ts_store_supporter_status_change_insert (store, w->id, from, to, w->on, w->reason,
                                                w->ctx->user_id, ts_service_now_unix (), error))
    return FALSE;
  if (to == TS_SUPPORTER_RETIRED && !end_service (w, store, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, audit_action, "supporter", w->id, error);

invalid:
  {
    const char *message = w->action == ACTION_REGISTER
                            ? N_("Only an applicant or a suspended supporter can be registered")
                          : w->action == ACTION_SUSPEND
                            ? N_("Only a registered supporter can be suspended")
                            : N_("The supporter has already retired");

    return ts_service_invalid_transition (w->ctx, ts_supporter_status_to_string (from), message,
                                          error);
  }
}

static TsSupporterView *
change_status (TsService *self, TsContext *ctx, gint64 id, StatusAction action, TsDate on,
               const char *reason, GError **error)
{
  StatusWrite w = { self, ctx, id, action, TS_DATE_NONE, NULL };
  g_autofree char *trimmed = ts_text_dup_trimmed (reason);
  TsDate today = ts_date_today ();

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_supporter_check_verb (self, ctx, id, error))
    return NULL;
  if (on != TS_DATE_NONE && on > today)
    ts_field_errors_add (ctx->errors, "registered_on", N_("Must not be in the future"));
  if (trimmed != NULL && ts_text_is_blank (trimmed))
    g_clear_pointer (&trimmed, g_free);
  if (trimmed != NULL && (ts_text_has_control_chars (trimmed, FALSE) ||
                          g_utf8_strlen (trimmed, -1) > TS_SUPPORTER_REASON_MAX))
    ts_field_errors_add (ctx->errors, "reason",
                         N_("Must be at most 500 characters without control characters"));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;

  w.on = on != TS_DATE_NONE ? on : today;
  w.reason = trimmed;
  if (!ts_store_write (ts_service_get_store (self), write_status, &w, error))
    return NULL;
  return ts_supporter_load_view (self, ctx, id, TS_DATE_NONE, error);
}

TsSupporterView *
ts_service_supporter_register (TsService *self, TsContext *ctx, gint64 id,
                               TsDate registered_on, const char *reason, GError **error)
{
  return change_status (self, ctx, id, ACTION_REGISTER, registered_on, reason, error);
}

TsSupporterView *
ts_service_supporter_suspend (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                              GError **error)
{
  return change_status (self, ctx, id, ACTION_SUSPEND, TS_DATE_NONE, reason, error);
}

TsSupporterView *
ts_service_supporter_retire (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                             GError **error)
{
  return change_status (self, ctx, id, ACTION_RETIRE, TS_DATE_NONE, reason, error);
}
