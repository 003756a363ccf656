/*
 * The error domain shared by every layer.
 *
 * Each code is a condition a caller can act on; the HTTP layer maps each one,
 * in one table (http/problem.c), to a status and the stable `code` string of
 * the problem+json body.  Nothing else picks status numbers.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TS_ERROR (ts_error_quark ())

typedef enum {
  TS_ERROR_INTERNAL,
  TS_ERROR_BAD_REQUEST,          /* the body is not JSON, or not the JSON we read */
  TS_ERROR_JSON_TOO_DEEP,
  TS_ERROR_UNKNOWN_FIELD,        /* details in TsFieldErrors */
  TS_ERROR_VALIDATION,           /* details in TsFieldErrors */
  TS_ERROR_UNAUTHORIZED,
  TS_ERROR_INVALID_CREDENTIALS,
  TS_ERROR_FORBIDDEN,
  TS_ERROR_NOT_FOUND,
  TS_ERROR_METHOD_NOT_ALLOWED,
  TS_ERROR_NOT_ACCEPTABLE,
  TS_ERROR_CONFLICT,
  TS_ERROR_ALREADY_EXISTS,
  TS_ERROR_INVALID_TRANSITION,
  TS_ERROR_PRECONDITION_FAILED,
  TS_ERROR_PAYLOAD_TOO_LARGE,
  TS_ERROR_UNSUPPORTED_MEDIA_TYPE,
  TS_ERROR_TOO_MANY_ATTEMPTS,
  TS_ERROR_TRAINING_INCOMPLETE,
  TS_ERROR_COURSE_FULL,
  TS_ERROR_NOT_ENROLLED,
  TS_ERROR_UNAVAILABLE,
  TS_ERROR_CONSENT_MISSING,      /* a case's consent scope lacks what is asked */
  TS_ERROR_SUPPORTER_NOT_ELIGIBLE, /* a hard filter excludes the pair; `reasons` extra */
  TS_ERROR_IDEMPOTENCY_KEY_REUSED, /* the same Idempotency-Key with another request */
  TS_ERROR_REPORT_NOT_ELIGIBLE,  /* an activity's date is not covered; `reasons` extra */
  TS_ERROR_PLACEMENT_CAP_EXCEEDED,     /* 240-day cap (SPEC 2.3); `remaining_days` extra */
  TS_ERROR_HOST_CAPACITY_EXCEEDED,     /* a host's participants per day; `days` extra */
  TS_ERROR_PARTICIPANT_DOUBLE_BOOKED,  /* a participant twice on a day; `days` extra */
  TS_ERROR_HOST_NOT_REGISTERED,        /* only registered hosts receive placements */
  TS_ERROR_URI_TOO_LONG,               /* the request line is over [http] max_request_line_kib */
  TS_ERROR_HEADERS_TOO_LARGE,          /* the request head is over [http] max_header_kib */
  TS_ERROR_REQUEST_TIMEOUT,            /* a request head or body did not arrive in time */
  TS_ERROR_PRE_INTERVIEW_NOT_HELD,     /* a placement's pre-interview is only planned */
  TS_ERROR_PRE_INTERVIEW_ALREADY_HELD, /* recorded as held before, with other values */
  TS_ERROR_INVALID_PIN,                /* a remembered device's wrong PIN; `attempts_left` extra */
  TS_ERROR_DEVICE_REVOKED,             /* a remembered device revoked or expired: sign in again */
  TS_ERROR_PROGRAMME_INELIGIBLE,       /* a case outside its programme's eligibility; `reasons` extra */
  TS_ERROR_VISIT_LIMIT_REACHED,        /* a programme's visits per case; `visit_limit` extra */
  TS_ERROR_VISIT_OVERLAP,              /* the supporter's other planned visit; `visit_id` extra */
  TS_ERROR_LAST
} TsErrorCode;

GQuark ts_error_quark (void);

const char *ts_error_code_to_string (TsErrorCode code);

/* Field-level problems of one request, collected so that a client sees
 * every bad field at once. */
typedef struct {
  char *field;
  char *message;                 /* untranslated msgid, translated when rendered */
} TsFieldError;

typedef struct _TsFieldErrors TsFieldErrors;

TsFieldErrors *ts_field_errors_new   (void);
void           ts_field_errors_free  (TsFieldErrors *self);
void           ts_field_errors_add   (TsFieldErrors *self,
                                      const char    *field,
                                      const char    *message);
guint          ts_field_errors_len   (TsFieldErrors *self);
const TsFieldError *ts_field_errors_get (TsFieldErrors *self, guint i);
gboolean       ts_field_errors_has   (TsFieldErrors *self, const char *field);
gboolean       ts_field_errors_check (TsFieldErrors *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsFieldErrors, ts_field_errors_free)

G_END_DECLS
