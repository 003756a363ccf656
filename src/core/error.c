#include "core/error.h"
#include "core/i18n.h"

G_DEFINE_QUARK (ts-error-quark, ts_error)

/* The stable codes of SPEC 3.2: clients switch on these, so they never change
 * once released. */
static const char *const code_names[TS_ERROR_LAST] = {
  [TS_ERROR_INTERNAL] = "internal_error",
  [TS_ERROR_BAD_REQUEST] = "bad_request",
  [TS_ERROR_JSON_TOO_DEEP] = "json_too_deep",
  [TS_ERROR_UNKNOWN_FIELD] = "unknown_field",
  [TS_ERROR_VALIDATION] = "validation_failed",
  [TS_ERROR_UNAUTHORIZED] = "unauthorized",
  [TS_ERROR_INVALID_CREDENTIALS] = "invalid_credentials",
  [TS_ERROR_FORBIDDEN] = "forbidden",
  [TS_ERROR_NOT_FOUND] = "not_found",
  [TS_ERROR_METHOD_NOT_ALLOWED] = "method_not_allowed",
  [TS_ERROR_NOT_ACCEPTABLE] = "not_acceptable",
  [TS_ERROR_CONFLICT] = "conflict",
  [TS_ERROR_ALREADY_EXISTS] = "already_exists",
  [TS_ERROR_INVALID_TRANSITION] = "invalid_transition",
  [TS_ERROR_PRECONDITION_FAILED] = "precondition_failed",
  [TS_ERROR_PAYLOAD_TOO_LARGE] = "payload_too_large",
  [TS_ERROR_UNSUPPORTED_MEDIA_TYPE] = "unsupported_media_type",
  [TS_ERROR_TOO_MANY_ATTEMPTS] = "too_many_attempts",
  [TS_ERROR_TRAINING_INCOMPLETE] = "training_incomplete",
  [TS_ERROR_COURSE_FULL] = "course_full",
  [TS_ERROR_NOT_ENROLLED] = "not_enrolled",
  [TS_ERROR_UNAVAILABLE] = "service_unavailable",
  [TS_ERROR_CONSENT_MISSING] = "consent_missing",
  [TS_ERROR_SUPPORTER_NOT_ELIGIBLE] = "supporter_not_eligible",
  [TS_ERROR_IDEMPOTENCY_KEY_REUSED] = "idempotency_key_reused",
  /* The same condition as for an assignment, reported with 422 for an
   * activity report (issue 5) where an assignment says 409 (SPEC 3.2). */
  [TS_ERROR_REPORT_NOT_ELIGIBLE] = "supporter_not_eligible",
  [TS_ERROR_PLACEMENT_CAP_EXCEEDED] = "placement_cap_exceeded",
  [TS_ERROR_HOST_CAPACITY_EXCEEDED] = "host_capacity_exceeded",
  [TS_ERROR_PARTICIPANT_DOUBLE_BOOKED] = "participant_double_booked",
  [TS_ERROR_HOST_NOT_REGISTERED] = "host_not_registered",
  [TS_ERROR_URI_TOO_LONG] = "uri_too_long",
  [TS_ERROR_HEADERS_TOO_LARGE] = "headers_too_large",
  [TS_ERROR_REQUEST_TIMEOUT] = "request_timeout",
  [TS_ERROR_PRE_INTERVIEW_NOT_HELD] = "pre_interview_not_held",
  [TS_ERROR_PRE_INTERVIEW_ALREADY_HELD] = "pre_interview_already_held",
  [TS_ERROR_INVALID_PIN] = "invalid_pin",
  [TS_ERROR_DEVICE_REVOKED] = "device_revoked",
  [TS_ERROR_PROGRAMME_INELIGIBLE] = "programme_ineligible",
  [TS_ERROR_VISIT_LIMIT_REACHED] = "visit_limit_reached",
  [TS_ERROR_VISIT_OVERLAP] = "visit_overlap",
};

const char *
ts_error_code_to_string (TsErrorCode code)
{
  g_return_val_if_fail (code < TS_ERROR_LAST, "internal_error");
  return code_names[code];
}

struct _TsFieldErrors {
  GArray *items;
};

static void
field_error_clear (gpointer data)
{
  TsFieldError *e = data;
  g_free (e->field);
  g_free (e->message);
}

TsFieldErrors *
ts_field_errors_new (void)
{
  TsFieldErrors *self = g_new0 (TsFieldErrors, 1);
  self->items = g_array_new (FALSE, FALSE, sizeof (TsFieldError));
  g_array_set_clear_func (self->items, field_error_clear);
  return self;
}

void
ts_field_errors_free (TsFieldErrors *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->items);
  g_free (self);
}

void
ts_field_errors_add (TsFieldErrors *self, const char *field, const char *message)
{
  TsFieldError e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL && message != NULL);

  /* One message per field is enough for a person to act on. */
  if (ts_field_errors_has (self, field))
    return;
  e.field = g_strdup (field);
  e.message = g_strdup (message);
  g_array_append_val (self->items, e);
}

guint
ts_field_errors_len (TsFieldErrors *self)
{
  return self != NULL ? self->items->len : 0;
}

const TsFieldError *
ts_field_errors_get (TsFieldErrors *self, guint i)
{
  g_return_val_if_fail (self != NULL && i < self->items->len, NULL);
  return &g_array_index (self->items, TsFieldError, i);
}

gboolean
ts_field_errors_has (TsFieldErrors *self, const char *field)
{
  for (guint i = 0; self != NULL && i < self->items->len; i++)
    if (g_str_equal (g_array_index (self->items, TsFieldError, i).field, field))
      return TRUE;
  return FALSE;
}

/* Returns FALSE with TS_ERROR_VALIDATION when any field error was collected. */
gboolean
ts_field_errors_check (TsFieldErrors *self, GError **error)
{
  if (ts_field_errors_len (self) == 0)
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_VALIDATION,
                       N_("The request has invalid fields"));
  return FALSE;
}
