/*
 * Dispatch requests: the receiver's candidates, accept and decline, the
 * requester's withdraw (see dispatch.h).
 *
 * Every verb reads the request inside its own write transaction and
 * answers in one order: a request the caller cannot see is "No such
 * dispatch request" (404, as a missing one); the wrong side, which sees
 * it, 403; a stale If-Match 412; a request no longer open 409.
 */
#include "service/dispatch-private.h"

#include "core/i18n.h"
#include "model/supporter.h"
#include "service/assignments.h"
#include "service/validate.h"
#include "store/assignments.h"
#include "store/dispatch.h"
#include "store/supporters.h"

/* As POST /v1/assignments: a year ahead at most, not before 2000. */
#define EARLIEST_YEAR 2000
#define MAX_DAYS_AHEAD 366

typedef enum {
  SIDE_RECEIVER,
  SIDE_REQUESTER,
} Side;

/* The request @id as the caller may act on it from @side, open, at the
 * version the client read (if it said). */
static TsDispatchRequestRecord *
get_open (TsStore *store, TsContext *ctx, gint64 id, Side side, const gint64 *if_match,
          guint n_if_match, GError **error)
{
  g_autoptr(TsDispatchRequestRecord) record = ts_store_dispatch_get (store, id, error);

  if (record == NULL ||
      !ts_service_check_scope (ctx, &ts_dispatch_request_resource, record, error))
    return NULL;
  if (side == SIDE_RECEIVER && !ts_dispatch_is_receiver (ctx, record))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("Only the organisation asked may do this with a dispatch request"));
      return NULL;
    }
  if (side == SIDE_REQUESTER && !ts_dispatch_is_requester (ctx, record))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                           N_("Only the organisation that asked may withdraw a dispatch request"));
      return NULL;
    }
  if (!ts_service_version_matches (record->version, if_match, n_if_match))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_PRECONDITION_FAILED,
                           N_("The dispatch request was changed by someone else; reload it"));
      return NULL;
    }
  if (record->status != TS_DISPATCH_OPEN)
    {
      ts_service_invalid_transition (ctx, ts_dispatch_status_to_string (record->status),
                                     N_("The dispatch request is no longer open"), error);
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* ---- candidates ------------------------------------------------------------ */

typedef struct {
  TsContext *ctx;
  gint64     id;
  gint64     case_id;
} CandidatesRead;

static gboolean
read_for_candidates (TsStore *store, gpointer user_data, GError **error)
{
  CandidatesRead *r = user_data;
  g_autoptr(TsDispatchRequestRecord) record = get_open (store, r->ctx, r->id, SIDE_RECEIVER,
                                                        NULL, 0, error);

  if (record == NULL)
    return FALSE;
  r->case_id = record->case_id;
  return TRUE;
}

TsCandidateList *
ts_service_dispatch_candidates (TsService *self, TsContext *ctx, gint64 id, TsDate on,
                                int limit, GError **error)
{
  CandidatesRead r = { ctx, id, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_for_candidates, &r, error))
    return NULL;
  /* The case is shown to the receiver through this request: ranked
   * against the receiver's own pool, audited as a read of the case. */
  return ts_service_matching_candidates_shared (self, ctx, r.case_id, on, limit, error);
}

/* ---- accept ------------------------------------------------------------------ */

typedef struct {
  TsService      *service;
  TsContext      *ctx;
  gint64          id;
  gint64          supporter_id;
  TsDate          starts_on;
  const gint64   *if_match;
  guint           n_if_match;
  gint64          assignment_id;
  TsMatchReasons  reasons;
} AcceptWrite;

static gboolean
write_accept (TsStore *store, gpointer user_data, GError **error)
{
  AcceptWrite *w = user_data;
  g_autoptr(TsDispatchRequestRecord) record = NULL;
  g_autoptr(TsSupporterRecord) supporter = NULL;
  gint64 now = ts_service_now_unix ();

  record = get_open (store, w->ctx, w->id, SIDE_RECEIVER, w->if_match, w->n_if_match, error);
  if (record == NULL)
    return FALSE;
  /* One of the receiver's own supporters: another organisation's is
   * "No such supporter", as a missing one. */
  supporter = ts_store_supporter_get (store, w->supporter_id, error);
  if (supporter == NULL ||
      !ts_service_check_scope (w->ctx, &ts_supporter_resource, supporter, error))
    return FALSE;
  if (supporter->organisation_id != record->to_organisation_id)
    {
      ts_field_errors_add (w->ctx->errors, "supporter_id",
                           N_("Must be a supporter of the organisation asked"));
      return ts_field_errors_check (w->ctx->errors, error);
    }

  {
    TsAssignmentInput input = {
      .case_id = record->case_id,
      .supporter_id = w->supporter_id,
      .starts_on = w->starts_on,
      .role = NULL,
      .case_shared = TRUE,
    };
    if (!ts_service_assignment_insert_checked (w->service, w->ctx, &input, &w->assignment_id,
                                               &w->reasons, error))
      return FALSE;
  }
  record->status = TS_DISPATCH_ACCEPTED;
  record->supporter_id = w->supporter_id;
  record->assignment_id = w->assignment_id;
  if (!ts_store_dispatch_set_status (store, record, record->version, now, error) ||
      !ts_store_dispatch_event_insert (store, record->id, TS_DISPATCH_EVENT_ACCEPTED,
                                       record->to_organisation_id, w->ctx->user_id, NULL, now,
                                       error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "accept", "dispatch_request", record->id, error);
}

TsAssignmentRecord *
ts_service_dispatch_accept (TsService *self, TsContext *ctx, gint64 id, gint64 supporter_id,
                            TsDate starts_on, const gint64 *if_match, guint n_if_match,
                            GError **error)
{
  AcceptWrite w = { self, ctx, id, supporter_id, starts_on, if_match, n_if_match, 0, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (if_match != NULL || n_if_match == 0, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (supporter_id <= 0 && !ts_field_errors_has (ctx->errors, "supporter_id"))
    ts_field_errors_add (ctx->errors, "supporter_id", N_("Required"));
  if (!ts_field_errors_has (ctx->errors, "starts_on"))
    {
      if (starts_on == TS_DATE_NONE)
        ts_field_errors_add (ctx->errors, "starts_on", N_("Required"));
      else if (ts_date_get_year (starts_on) < EARLIEST_YEAR)
        ts_field_errors_add (ctx->errors, "starts_on", N_("Must not be before 2000"));
      else if (starts_on > ts_date_add_days (ts_date_today (), MAX_DAYS_AHEAD))
        ts_field_errors_add (ctx->errors, "starts_on", N_("Must be at most a year from today"));
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_accept, &w, error))
    {
      if (w.reasons != 0)
        ts_matching_add_reasons_extra (ctx, w.reasons);
      return NULL;
    }
  return ts_store_assignment_get (ts_service_get_store (self), w.assignment_id, error);
}

/* ---- decline and withdraw ------------------------------------------------------ */

typedef struct {
  TsService    *service;
  TsContext    *ctx;
  gint64        id;
  Side          side;
  const char   *text;             /* the reason, or the note */
  const gint64 *if_match;
  guint         n_if_match;
} CloseWrite;

static gboolean
write_close (TsStore *store, gpointer user_data, GError **error)
{
  CloseWrite *w = user_data;
  g_autoptr(TsDispatchRequestRecord) record = NULL;
  gboolean decline = w->side == SIDE_RECEIVER;
  gint64 now = ts_service_now_unix ();

  record = get_open (store, w->ctx, w->id, w->side, w->if_match, w->n_if_match, error);
  if (record == NULL)
    return FALSE;
  record->status = decline ? TS_DISPATCH_DECLINED : TS_DISPATCH_WITHDRAWN;
  if (decline)
    record->decline_reason = g_strdup (w->text);
  if (!ts_store_dispatch_set_status (store, record, record->version, now, error) ||
      !ts_store_dispatch_event_insert (store, record->id,
                                       decline ? TS_DISPATCH_EVENT_DECLINED
                                               : TS_DISPATCH_EVENT_WITHDRAWN,
                                       decline ? record->to_organisation_id
                                               : record->from_organisation_id,
                                       w->ctx->user_id, w->text, now, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, decline ? "decline" : "withdraw",
                           "dispatch_request", record->id, error);
}

static TsDispatchView *
close_request (TsService *self, TsContext *ctx, gint64 id, Side side, const char *text,
               const gint64 *if_match, guint n_if_match, GError **error)
{
  const char *field = side == SIDE_RECEIVER ? "reason" : "note";
  glong max = side == SIDE_RECEIVER ? TS_DISPATCH_REASON_MAX : TS_DISPATCH_NOTE_MAX;
  g_autofree char *trimmed = ts_text_dup_trimmed (text);
  CloseWrite w = { self, ctx, id, side, NULL, if_match, n_if_match };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  g_return_val_if_fail (if_match != NULL || n_if_match == 0, NULL);

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_field_errors_has (ctx->errors, field))
    ts_validate_text (ctx, field, text, side == SIDE_RECEIVER, max, TRUE,
                      ts_too_long_message (max));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  w.text = trimmed;
  if (!ts_store_write (ts_service_get_store (self), write_close, &w, error))
    return NULL;
  return ts_dispatch_view_after_write (self, ctx, id, error);
}

TsDispatchView *
ts_service_dispatch_decline (TsService *self, TsContext *ctx, gint64 id, const char *reason,
                             const gint64 *if_match, guint n_if_match, GError **error)
{
  return close_request (self, ctx, id, SIDE_RECEIVER, reason, if_match, n_if_match, error);
}

TsDispatchView *
ts_service_dispatch_withdraw (TsService *self, TsContext *ctx, gint64 id, const char *note,
                              const gint64 *if_match, guint n_if_match, GError **error)
{
  return close_request (self, ctx, id, SIDE_REQUESTER, note, if_match, n_if_match, error);
}
