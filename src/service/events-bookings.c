/*
 * Seminar registrations (定員 and waiting list), consultation slots,
 * booking requests and their allocation: see events.h.
 */
#include "service/events.h"

#include "core/i18n.h"
#include "match/booking.h"
#include "service/validate.h"
#include "store/events.h"

/* ---- shared ---------------------------------------------------------------- */

static void
check_person (TsContext *ctx, const char *nickname, const char *contact)
{
  if (!ts_field_errors_has (ctx->errors, "nickname"))
    ts_validate_text (ctx, "nickname", nickname, TRUE, TS_EVENT_NICKNAME_MAX, FALSE,
                      ts_too_long_message (TS_EVENT_NICKNAME_MAX));
  if (!ts_field_errors_has (ctx->errors, "contact"))
    ts_validate_text (ctx, "contact", contact, FALSE, TS_EVENT_CONTACT_MAX, FALSE,
                      ts_too_long_message (TS_EVENT_CONTACT_MAX));
}

static char *
dup_or_null (const char *text)
{
  char *t = ts_text_dup_trimmed (text);

  if (t != NULL && *t == '\0')
    g_clear_pointer (&t, g_free);
  return t;
}

static gboolean
refuse (GError **error, TsErrorCode code, const char *message)
{
  g_set_error_literal (error, TS_ERROR, code, message);
  return FALSE;
}

/* ---- registrations ---------------------------------------------------------- */

typedef struct {
  TsService           *service;
  TsContext           *ctx;
  gint64               event_id;
  gint64               id;
  TsEventRegistration *draft;
} RegisterWrite;

/* Confirmed while fewer than the capacity are, else waiting.  Writes are
 * serialised by the store's one writer, so the count and the insert are
 * one step for every concurrent request. */
static gboolean
write_register (TsStore *store, gpointer user_data, GError **error)
{
  RegisterWrite *w = user_data;
  g_autoptr(TsEventRecord) event = NULL;
  gint64 confirmed = 0, total = 0, waiting = 0;

  event = ts_service_event_fetch_for_staff (store, w->ctx, w->event_id, TRUE, error);
  if (event == NULL)
    return FALSE;
  if (event->capacity <= 0)
    return refuse (error, TS_ERROR_INVALID_TRANSITION,
                   N_("The event has no capacity: it takes no registrations"));
  if (!ts_store_registration_count (store, w->event_id, TS_REGISTRATION_CONFIRMED, &confirmed,
                                    error) ||
      !ts_store_registration_count (store, w->event_id, TS_REGISTRATION_WAITING, &waiting, error))
    return FALSE;
  total = confirmed + waiting;
  if (total >= TS_EVENT_REGISTRATIONS_MAX)
    return refuse (error, TS_ERROR_CONFLICT, N_("The event's registrations are full"));
  w->draft->event_id = w->event_id;
  w->draft->status = confirmed < event->capacity ? TS_REGISTRATION_CONFIRMED
                                                 : TS_REGISTRATION_WAITING;
  if (!ts_store_registration_insert (store, w->draft, ts_service_now_unix (), &w->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "event_registration", w->id, error);
}

TsEventRegistration *
ts_service_registration_create (TsService *self, TsContext *ctx, gint64 event_id,
                                const char *nickname, const char *contact, GError **error)
{
  g_autoptr(TsEventRegistration) draft = g_new0 (TsEventRegistration, 1);
  RegisterWrite w = { self, ctx, event_id, 0, draft };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!ts_service_require_staff (ctx, error))
    return NULL;
  check_person (ctx, nickname, contact);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  draft->nickname = dup_or_null (nickname);
  draft->contact = dup_or_null (contact);
  if (!ts_store_write (ts_service_get_store (self), write_register, &w, error))
    return NULL;
  return ts_store_registration_get (ts_service_get_store (self), w.id, error);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     event_id;
  gint64     id;
} CancelRegistration;

/* A confirmed one cancelled: the first waiting one moves up, in the same
 * transaction (exactly once: a second cancellation of the same
 * registration is refused before it could move another one up). */
static gboolean
write_cancel_registration (TsStore *store, gpointer user_data, GError **error)
{
  CancelRegistration *w = user_data;
  g_autoptr(TsEventRecord) event = NULL;
  g_autoptr(TsEventRegistration) r = NULL;
  gint64 now = ts_service_now_unix ();
  gint64 next = 0;

  event = ts_service_event_fetch_for_staff (store, w->ctx, w->event_id, FALSE, error);
  if (event == NULL)
    return FALSE;
  r = ts_store_registration_get (store, w->id, error);
  if (r == NULL)
    return FALSE;
  if (r->event_id != w->event_id)
    return refuse (error, TS_ERROR_NOT_FOUND, N_("No such registration"));
  if (!ts_store_registration_set_status (store, w->id, TS_REGISTRATION_CANCELLED, now, error) ||
      !ts_service_audit (w->service, w->ctx, "cancel", "event_registration", w->id, error))
    return FALSE;
  if (r->status != TS_REGISTRATION_CONFIRMED)
    return TRUE;
  if (!ts_store_registration_first_waiting (store, w->event_id, &next, error))
    return FALSE;
  if (next == 0)
    return TRUE;
  return ts_store_registration_set_status (store, next, TS_REGISTRATION_CONFIRMED, now, error) &&
         ts_service_audit (w->service, w->ctx, "confirm", "event_registration", next, error);
}

TsEventRegistration *
ts_service_registration_cancel (TsService *self, TsContext *ctx, gint64 event_id,
                                gint64 registration_id, GError **error)
{
  CancelRegistration w = { self, ctx, event_id, registration_id };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_cancel_registration, &w, error))
    return NULL;
  return ts_store_registration_get (ts_service_get_store (self), registration_id, error);
}

typedef struct {
  TsContext *ctx;
  gint64     event_id;
  int        what;                 /* 0 registrations, 1 slots, 2 requests */
  GPtrArray *rows;
} ListRead;

static gboolean
read_list (TsStore *store, gpointer user_data, GError **error)
{
  ListRead *l = user_data;
  g_autoptr(TsEventRecord) event = ts_service_event_fetch_for_staff (store, l->ctx, l->event_id,
                                                                     FALSE, error);

  if (event == NULL)
    return FALSE;
  l->rows = l->what == 0 ? ts_store_registration_list (store, l->event_id, error)
            : l->what == 1 ? ts_store_slot_list (store, l->event_id, error)
                           : ts_store_booking_list (store, l->event_id, error);
  return l->rows != NULL;
}

static GPtrArray *
list_of (TsService *self, TsContext *ctx, gint64 event_id, int what, const char *audited,
         GError **error)
{
  ListRead l = { ctx, event_id, what, NULL };

  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_read (ts_service_get_store (self), read_list, &l, error))
    return NULL;
  /* Nicknames and contacts: the read is logged, by the event's id. */
  if (audited != NULL && !ts_service_audit_read (self, ctx, "list", audited, event_id, error))
    {
      g_ptr_array_unref (l.rows);
      return NULL;
    }
  return l.rows;
}

GPtrArray *
ts_service_registration_list (TsService *self, TsContext *ctx, gint64 event_id, GError **error)
{
  return list_of (self, ctx, event_id, 0, "event_registration", error);
}

/* ---- slots -------------------------------------------------------------------- */

typedef struct {
  TsService   *service;
  TsContext   *ctx;
  gint64       event_id;
  TsEventSlot *slot;
} SlotWrite;

static gboolean
write_slot (TsStore *store, gpointer user_data, GError **error)
{
  SlotWrite *w = user_data;
  g_autoptr(TsEventRecord) event = NULL;
  g_autoptr(GPtrArray) slots = NULL;

  event = ts_service_event_fetch_for_staff (store, w->ctx, w->event_id, TRUE, error);
  if (event == NULL)
    return FALSE;
  if (event->kind != TS_EVENT_CONSULTATION_DAY)
    return refuse (error, TS_ERROR_INVALID_TRANSITION,
                   N_("Only a consultation day has slots"));
  slots = ts_store_slot_list (store, w->event_id, error);
  if (slots == NULL)
    return FALSE;
  if (slots->len >= TS_EVENT_SLOTS_MAX)
    return refuse (error, TS_ERROR_CONFLICT, N_("The event has the most slots it may have"));
  w->slot->event_id = w->event_id;
  if (!ts_store_slot_insert (store, w->slot, ts_service_now_unix (), &w->slot->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "event_slot", w->slot->id, error);
}

TsEventSlot *
ts_service_slot_create (TsService *self, TsContext *ctx, gint64 event_id, int start_min,
                        int minutes, const char *staff, GError **error)
{
  g_autoptr(TsEventSlot) slot = g_new0 (TsEventSlot, 1);
  SlotWrite w = { self, ctx, event_id, slot };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_field_errors_has (ctx->errors, "minutes") &&
      (minutes < 1 || minutes > TS_EVENT_MINUTES_MAX))
    ts_field_errors_add (ctx->errors, "minutes", ts_range_message (1, TS_EVENT_MINUTES_MAX));
  else if (!ts_field_errors_has (ctx->errors, "start") && !ts_field_errors_has (ctx->errors, "minutes") &&
           start_min + minutes > 24 * 60)
    ts_field_errors_add (ctx->errors, "minutes", N_("Must end on the same day"));
  if (!ts_field_errors_has (ctx->errors, "staff"))
    ts_validate_text (ctx, "staff", staff, FALSE, TS_EVENT_PLACE_MAX, FALSE,
                      ts_too_long_message (TS_EVENT_PLACE_MAX));
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  slot->start_min = start_min;
  slot->minutes = minutes;
  slot->staff = dup_or_null (staff);
  if (!ts_store_write (ts_service_get_store (self), write_slot, &w, error))
    return NULL;
  return g_steal_pointer (&slot);
}

GPtrArray *
ts_service_slot_list (TsService *self, TsContext *ctx, gint64 event_id, GError **error)
{
  return list_of (self, ctx, event_id, 1, NULL, error);
}

/* ---- booking requests ---------------------------------------------------------- */

typedef struct {
  TsService        *service;
  TsContext        *ctx;
  TsBookingRequest *draft;
} BookingWrite;

/* The index of slot @id in @slots, or -1 when the event has none such. */
static int
slot_index (GPtrArray *slots, gint64 id)
{
  for (guint i = 0; i < slots->len; i++)
    if (((TsEventSlot *) slots->pdata[i])->id == id)
      return (int) i;
  return -1;
}

static gboolean
write_booking (TsStore *store, gpointer user_data, GError **error)
{
  BookingWrite *w = user_data;
  g_autoptr(TsEventRecord) event = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  event = ts_service_event_fetch_for_staff (store, w->ctx, w->draft->event_id, TRUE, error);
  if (event == NULL)
    return FALSE;
  slots = ts_store_slot_list (store, event->id, error);
  requests = slots != NULL ? ts_store_booking_list (store, event->id, error) : NULL;
  if (requests == NULL)
    return FALSE;
  if (requests->len >= TS_EVENT_REQUESTS_MAX)
    return refuse (error, TS_ERROR_CONFLICT, N_("The event has the most requests it may have"));
  for (guint i = 0; i < w->draft->n_preferences; i++)
    if (slot_index (slots, w->draft->preferences[i]) < 0)
      {
        ts_field_errors_add (w->ctx->errors, "preferences", N_("Must name slots of the event"));
        return ts_field_errors_check (w->ctx->errors, error);
      }
  if (!ts_store_booking_insert (store, w->draft, ts_service_now_unix (), &w->draft->id, error))
    return FALSE;
  return ts_service_audit (w->service, w->ctx, "create", "booking_request", w->draft->id, error);
}

TsBookingRequest *
ts_service_booking_create (TsService *self, TsContext *ctx, gint64 event_id,
                           const gint64 *preferences, guint n_preferences, const char *nickname,
                           const char *contact, GError **error)
{
  g_autoptr(TsBookingRequest) draft = g_new0 (TsBookingRequest, 1);
  BookingWrite w = { self, ctx, draft };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (event_id <= 0 && !ts_field_errors_has (ctx->errors, "event_id"))
    ts_field_errors_add (ctx->errors, "event_id", N_("Required"));
  if (!ts_field_errors_has (ctx->errors, "preferences"))
    {
      if (n_preferences < 1 || n_preferences > TS_BOOKING_PREFERENCES_MAX)
        ts_field_errors_add (ctx->errors, "preferences", N_("Must name 1 to 3 slots"));
      else
        for (guint i = 0; i < n_preferences; i++)
          for (guint j = 0; j < i; j++)
            if (preferences[i] == preferences[j] && !ts_field_errors_has (ctx->errors, "preferences"))
              ts_field_errors_add (ctx->errors, "preferences", N_("Must not name a slot twice"));
    }
  check_person (ctx, nickname, contact);
  if (!ts_field_errors_check (ctx->errors, error))
    return NULL;
  draft->event_id = event_id;
  for (guint i = 0; i < n_preferences; i++)
    draft->preferences[i] = preferences[i];
  draft->n_preferences = n_preferences;
  draft->nickname = dup_or_null (nickname);
  draft->contact = dup_or_null (contact);
  if (!ts_store_write (ts_service_get_store (self), write_booking, &w, error))
    return NULL;
  return ts_store_booking_get (ts_service_get_store (self), draft->id, error);
}

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     id;
} BookingCancel;

static gboolean
write_booking_cancel (TsStore *store, gpointer user_data, GError **error)
{
  BookingCancel *w = user_data;
  g_autoptr(TsBookingRequest) r = ts_store_booking_get (store, w->id, error);
  g_autoptr(TsEventRecord) event = NULL;

  if (r == NULL)
    return FALSE;
  /* Another organisation's event's request is a missing request. */
  event = ts_service_event_fetch_for_staff (store, w->ctx, r->event_id, FALSE, error);
  if (event == NULL)
    {
      g_clear_error (error);
      return refuse (error, TS_ERROR_NOT_FOUND, N_("No such booking request"));
    }
  if (r->status == TS_BOOKING_CANCELLED)
    return refuse (error, TS_ERROR_INVALID_TRANSITION, N_("The request is already cancelled"));
  return ts_store_booking_set (store, w->id, TS_BOOKING_CANCELLED, 0, NULL, ts_service_now_unix (),
                               error) &&
         ts_service_audit (w->service, w->ctx, "cancel", "booking_request", w->id, error);
}

TsBookingRequest *
ts_service_booking_cancel (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  BookingCancel w = { self, ctx, id };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_booking_cancel, &w, error))
    return NULL;
  return ts_store_booking_get (ts_service_get_store (self), id, error);
}

GPtrArray *
ts_service_booking_list (TsService *self, TsContext *ctx, gint64 event_id, GError **error)
{
  return list_of (self, ctx, event_id, 2, "booking_request", error);
}

/* ---- allocation ------------------------------------------------------------------ */

typedef struct {
  TsService *service;
  TsContext *ctx;
  gint64     event_id;
  guint      placed;
} AllocateWrite;

static gboolean
write_allocate (TsStore *store, gpointer user_data, GError **error)
{
  AllocateWrite *w = user_data;
  g_autoptr(TsEventRecord) event = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  g_autofree TsBookingInput *in = NULL;
  g_autofree int *out = NULL;
  gint64 now = ts_service_now_unix ();

  event = ts_service_event_fetch_for_staff (store, w->ctx, w->event_id, TRUE, error);
  if (event == NULL)
    return FALSE;
  slots = ts_store_slot_list (store, event->id, error);
  all = slots != NULL ? ts_store_booking_list (store, event->id, error) : NULL;
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    if (((TsBookingRequest *) all->pdata[i])->status != TS_BOOKING_CANCELLED)
      g_ptr_array_add (open, all->pdata[i]);

  in = g_new0 (TsBookingInput, open->len + 1);
  out = g_new0 (int, open->len + 1);
  for (guint i = 0; i < open->len; i++)
    {
      const TsBookingRequest *r = open->pdata[i];

      in[i].kept_slot = r->status == TS_BOOKING_PLACED ? slot_index (slots, r->slot_id) : -1;
      for (guint k = 0; k < r->n_preferences; k++)
        in[i].preferences[in[i].n_preferences++] = slot_index (slots, r->preferences[k]);
    }
  if (!ts_booking_allocate (in, open->len, slots->len, out, &w->placed, error))
    return FALSE;

  /* Every open request's slot is cleared first, so that two requests may
   * swap slots under the one-request-per-slot index. */
  for (guint i = 0; i < open->len; i++)
    {
      const TsBookingRequest *r = open->pdata[i];
      if (r->status == TS_BOOKING_PLACED &&
          !ts_store_booking_set (store, r->id, TS_BOOKING_REQUESTED, 0, NULL, now, error))
        return FALSE;
    }
  for (guint i = 0; i < open->len; i++)
    {
      const TsBookingRequest *r = open->pdata[i];
      gboolean ok = out[i] >= 0
                      ? ts_store_booking_set (store, r->id, TS_BOOKING_PLACED,
                                              ((TsEventSlot *) slots->pdata[out[i]])->id, NULL, now,
                                              error)
                      : ts_store_booking_set (store, r->id, TS_BOOKING_UNPLACED, 0,
                                              "preferred_slots_taken", now, error);
      if (!ok)
        return FALSE;
    }
  return ts_service_audit (w->service, w->ctx, "allocate", "event", event->id, error);
}

GPtrArray *
ts_service_event_allocate (TsService *self, TsContext *ctx, gint64 event_id, guint *out_placed,
                           GError **error)
{
  AllocateWrite w = { self, ctx, event_id, 0 };

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!ts_service_require_staff (ctx, error))
    return NULL;
  if (!ts_store_write (ts_service_get_store (self), write_allocate, &w, error))
    return NULL;
  if (out_placed != NULL)
    *out_placed = w.placed;
  return ts_store_booking_list (ts_service_get_store (self), event_id, error);
}
