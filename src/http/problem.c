#include "http/problem.h"

#include <libsoup/soup.h>

#include "core/i18n.h"

typedef struct {
  TsErrorCode code;
  guint       status;
  const char *title;
  const char *detail;              /* when the error's own words cannot be shown */
} ProblemKind;

/* The one table that gives every error its status.  Titles are short and
 * translated; the detail comes from the error itself when it is one of
 * the service's translated messages, else from this table (see
 * detail_for()). */
static const ProblemKind kinds[] = {
  { TS_ERROR_INTERNAL, SOUP_STATUS_INTERNAL_SERVER_ERROR, N_("Internal error"), NULL },
  { TS_ERROR_BAD_REQUEST, SOUP_STATUS_BAD_REQUEST, N_("Malformed request"), NULL },
  { TS_ERROR_JSON_TOO_DEEP, SOUP_STATUS_BAD_REQUEST, N_("JSON nested too deeply"), NULL },
  { TS_ERROR_UNKNOWN_FIELD, SOUP_STATUS_BAD_REQUEST, N_("Unknown fields in the request"), NULL },
  { TS_ERROR_VALIDATION, SOUP_STATUS_UNPROCESSABLE_ENTITY, N_("Invalid fields in the request"), NULL },
  { TS_ERROR_UNAUTHORIZED, SOUP_STATUS_UNAUTHORIZED, N_("Authentication required"), NULL },
  { TS_ERROR_INVALID_CREDENTIALS, SOUP_STATUS_UNAUTHORIZED, N_("Wrong login or password"), NULL },
  { TS_ERROR_FORBIDDEN, SOUP_STATUS_FORBIDDEN, N_("Not allowed for your role"), NULL },
  { TS_ERROR_NOT_FOUND, SOUP_STATUS_NOT_FOUND, N_("Not found"), NULL },
  { TS_ERROR_METHOD_NOT_ALLOWED, SOUP_STATUS_METHOD_NOT_ALLOWED, N_("Method not allowed"), NULL },
  { TS_ERROR_NOT_ACCEPTABLE, SOUP_STATUS_NOT_ACCEPTABLE, N_("No acceptable representation"), NULL },
  { TS_ERROR_CONFLICT, SOUP_STATUS_CONFLICT, N_("Conflict with the current state"),
    N_("The request conflicts with the records as they are now") },
  { TS_ERROR_ALREADY_EXISTS, SOUP_STATUS_CONFLICT, N_("Already exists"),
    N_("A record with these values already exists") },
  { TS_ERROR_INVALID_TRANSITION, SOUP_STATUS_CONFLICT, N_("Not possible in the current status"), NULL },
  { TS_ERROR_PRECONDITION_FAILED, SOUP_STATUS_PRECONDITION_FAILED, N_("The record was changed by someone else"), NULL },
  { TS_ERROR_PAYLOAD_TOO_LARGE, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, N_("Request body too large"), NULL },
  { TS_ERROR_UNSUPPORTED_MEDIA_TYPE, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, N_("Unsupported content type"), NULL },
  { TS_ERROR_TOO_MANY_ATTEMPTS, 429, N_("Too many failed sign-ins"),
    N_("Too many failed sign-ins for this login: wait for the time in Retry-After, then try again") },
  { TS_ERROR_TRAINING_INCOMPLETE, SOUP_STATUS_CONFLICT, N_("Initial training not completed"), NULL },
  { TS_ERROR_COURSE_FULL, SOUP_STATUS_CONFLICT, N_("The course is full"), NULL },
  { TS_ERROR_NOT_ENROLLED, SOUP_STATUS_CONFLICT, N_("The supporter is not enrolled in this course"), NULL },
  { TS_ERROR_UNAVAILABLE, SOUP_STATUS_SERVICE_UNAVAILABLE, N_("Service unavailable"),
    N_("The service cannot answer this request just now; try again in a moment") },
  { TS_ERROR_CONSENT_MISSING, SOUP_STATUS_UNPROCESSABLE_ENTITY, N_("Consent does not cover this"), NULL },
  { TS_ERROR_SUPPORTER_NOT_ELIGIBLE, SOUP_STATUS_CONFLICT, N_("The supporter cannot be assigned to this case"), NULL },
  { TS_ERROR_IDEMPOTENCY_KEY_REUSED, SOUP_STATUS_UNPROCESSABLE_ENTITY, N_("The Idempotency-Key was used for another request"), NULL },
  { TS_ERROR_REPORT_NOT_ELIGIBLE, SOUP_STATUS_UNPROCESSABLE_ENTITY, N_("The supporter was not eligible on that date"), NULL },
  { TS_ERROR_PLACEMENT_CAP_EXCEEDED, SOUP_STATUS_CONFLICT, N_("The participant's placement days would exceed the cap"), NULL },
  { TS_ERROR_HOST_CAPACITY_EXCEEDED, SOUP_STATUS_CONFLICT, N_("The host has no room on some of these days"), NULL },
  { TS_ERROR_PARTICIPANT_DOUBLE_BOOKED, SOUP_STATUS_CONFLICT, N_("The participant is already placed on some of these days"), NULL },
  { TS_ERROR_HOST_NOT_REGISTERED, SOUP_STATUS_CONFLICT, N_("The host is not registered"), NULL },
  { TS_ERROR_URI_TOO_LONG, SOUP_STATUS_REQUEST_URI_TOO_LONG, N_("Request line too long"), NULL },
  { TS_ERROR_HEADERS_TOO_LARGE, 431, N_("Request headers too large"), NULL },
  { TS_ERROR_REQUEST_TIMEOUT, SOUP_STATUS_REQUEST_TIMEOUT, N_("Request timeout"), NULL },
  { TS_ERROR_PRE_INTERVIEW_NOT_HELD, SOUP_STATUS_CONFLICT, N_("The pre-interview has not been held"), NULL },
  { TS_ERROR_PRE_INTERVIEW_ALREADY_HELD, SOUP_STATUS_CONFLICT, N_("The pre-interview is already recorded as held"), NULL },
  { TS_ERROR_INVALID_PIN, SOUP_STATUS_UNAUTHORIZED, N_("Wrong PIN"), NULL },
  { TS_ERROR_DEVICE_REVOKED, SOUP_STATUS_UNAUTHORIZED, N_("This device is no longer remembered"),
    N_("This device is no longer remembered: sign in with your login and password") },
  { TS_ERROR_PROGRAMME_INELIGIBLE, SOUP_STATUS_UNPROCESSABLE_ENTITY,
    N_("The case does not meet the programme's eligibility"), NULL },
  { TS_ERROR_VISIT_LIMIT_REACHED, SOUP_STATUS_CONFLICT, N_("The programme's visit limit is reached"),
    N_("The case has reached its programme's visit limit: give over_limit_reason to go past it") },
  { TS_ERROR_VISIT_OVERLAP, SOUP_STATUS_CONFLICT,
    N_("The supporter has another visit planned at that time"), NULL },
};

static const ProblemKind *
kind_for (const GError *error)
{
  if (error != NULL && error->domain == TS_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      if (kinds[i].code == (TsErrorCode) error->code)
        return &kinds[i];
  return &kinds[0];
}

guint
ts_problem_status (const GError *error)
{
  return kind_for (error)->status;
}

/* A problem's texts never name internals (SQLite's words, file names, SQL)
 * and are always in the client's language.  The error's message is shown
 * only when it is one of the service's own translated messages: a msgid
 * that the Japanese catalogue holds.  Anything else (an error from the
 * store, an unmarked string) gets the kind's own detail; its words go to
 * the log with the request id (a warning for 5xx, from the server; a debug
 * message otherwise, since a client can cause as many as it likes).
 * Internal errors never show theirs. */
static const char *
detail_for (const ProblemKind *kind, const GError *error, TsContext *ctx, TsLanguage lang)
{
  const char *fallback = kind->detail != NULL ? kind->detail : kind->title;

  if (kind->code == TS_ERROR_INTERNAL || error == NULL || error->domain != TS_ERROR)
    return ts_i18n_gettext_lang (lang, N_("The request could not be completed"));
  if (error->message != NULL &&
      ts_i18n_gettext_lang (TS_LANGUAGE_JA, error->message) != error->message)
    return ts_i18n_gettext_lang (lang, error->message);
  if (kind->status < 500)
    g_debug ("request %s: %s: %s", ctx != NULL ? ctx->request_id : "-",
             ts_error_code_to_string (kind->code), error->message);
  return ts_i18n_gettext_lang (lang, fallback);
}

JsonNode *
ts_problem_build (const GError *error, TsContext *ctx, const char *instance)
{
  const ProblemKind *kind = kind_for (error);
  const char *code = ts_error_code_to_string (kind->code);
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *type = g_strconcat ("/problems/", code, NULL);
  TsLanguage lang = ctx != NULL ? ctx->language : TS_LANGUAGE_JA;
  guint n_errors = ctx != NULL ? ts_field_errors_len (ctx->errors) : 0;

  json_object_set_string_member (obj, "type", type);
  json_object_set_string_member (obj, "title", ts_i18n_gettext_lang (lang, kind->title));
  json_object_set_int_member (obj, "status", kind->status);
  json_object_set_string_member (obj, "detail", detail_for (kind, error, ctx, lang));
  json_object_set_string_member (obj, "code", code);
  if (instance != NULL)
    json_object_set_string_member (obj, "instance", instance);
  if (ctx != NULL)
    json_object_set_string_member (obj, "request_id", ctx->request_id);

  if (n_errors > 0)
    {
      JsonArray *errors = json_array_new ();
      for (guint i = 0; i < n_errors; i++)
        {
          const TsFieldError *fe = ts_field_errors_get (ctx->errors, i);
          JsonObject *e = json_object_new ();
          json_object_set_string_member (e, "field", fe->field);
          json_object_set_string_member (e, "message", ts_i18n_gettext_lang (lang, fe->message));
          json_array_add_object_element (errors, e);
        }
      json_object_set_array_member (obj, "errors", errors);
    }
  /* Extras come last: a service that composed a more precise detail in the
   * client's language (one naming the dates or the numbers of this
   * refusal, issue 14) adds it as the extra `detail`, which replaces the
   * general one above; the other extras give the same facts to programs. */
  if (ctx != NULL && ctx->problem_extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, ctx->problem_extra);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (obj, name, json_node_copy (value));
    }
  return json_node_init_object (json_node_alloc (), obj);
}
