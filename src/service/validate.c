/*
 * Shared field checks (see validate.h).
 */
#include "service/validate.h"

#include "core/error.h"
#include "core/i18n.h"
#include "domain/municipality.h"
#include "store/supporters.h"

gboolean
ts_text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
ts_text_has_control_chars (const char *text, gboolean allow_newlines)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
        continue;
      if (g_unichar_iscntrl (c))
        return TRUE;
    }
  return FALSE;
}

char *
ts_text_dup_trimmed (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

/* A text of 1 to @max characters without control characters (@multiline
 * allows line breaks); optional texts may be NULL (absent or cleared). */
void
ts_validate_text (TsContext *ctx, const char *field, const char *text, gboolean required,
                  glong max, gboolean multiline, const char *too_long_message)
{
  if (text == NULL || ts_text_is_blank (text))
    {
      if (required)
        ts_field_errors_add (ctx->errors, field, N_("Required"));
      else if (text != NULL)
        ts_field_errors_add (ctx->errors, field, N_("Must not be empty; use null to clear it"));
      return;
    }
  if (!g_utf8_validate (text, -1, NULL) || ts_text_has_control_chars (text, multiline))
    ts_field_errors_add (ctx->errors, field, N_("Must not contain control characters"));
  else if (g_utf8_strlen (text, -1) > max)
    ts_field_errors_add (ctx->errors, field, too_long_message);
}

void
ts_validate_municipality (TsContext *ctx, const char *field, const char *code)
{
  switch (ts_municipality_validate_code (code, TS_MUNICIPALITY_KIND_LOCAL, NULL))
    {
    case TS_MUNICIPALITY_CODE_OK:
      break;
    case TS_MUNICIPALITY_CODE_MISSING:
      ts_field_errors_add (ctx->errors, field, N_("Required"));
      break;
    case TS_MUNICIPALITY_CODE_MALFORMED:
      ts_field_errors_add (ctx->errors, field, N_("Must be a 6-digit local government code"));
      break;
    case TS_MUNICIPALITY_CODE_BAD_CHECK_DIGIT:
      ts_field_errors_add (ctx->errors, field,
                           N_("The check digit (the sixth digit) of this local government code is wrong"));
      break;
    case TS_MUNICIPALITY_CODE_UNKNOWN:
      ts_field_errors_add (ctx->errors, field, N_("No municipality has this code"));
      break;
    case TS_MUNICIPALITY_CODE_WRONG_KIND:
    default:
      ts_field_errors_add (ctx->errors, field,
                           N_("Must be a municipality or ward, not a prefecture"));
      break;
    }
}

/* Weekly time ranges under @field ("availability",
 * "preferences.availability"); @max_slots is 21 for every caller, which
 * the message states. */
void
ts_validate_availability (TsContext *ctx, const char *field, GArray *slots, guint max_slots)
{
  if (slots == NULL)
    return;
  if (slots->len > max_slots)
    {
      ts_field_errors_add (ctx->errors, field, N_("At most 21 time ranges"));
      return;
    }
  for (guint i = 0; i < slots->len; i++)
    {
      const TsAvailabilitySlot *s = &g_array_index (slots, TsAvailabilitySlot, i);
      g_autofree char *name = NULL;

      name = g_strdup_printf ("%s[%u].weekday", field, i);
      if (s->weekday < 1 || s->weekday > 7)
        ts_field_errors_add (ctx->errors, name, N_("Must be 1 (Monday) to 7 (Sunday)"));
      /* A negative time is one the HTTP layer could not read and has
       * already reported. */
      if (s->from_min < 0 || s->to_min < 0)
        continue;
      g_free (name);
      name = g_strdup_printf ("%s[%u].from", field, i);
      if (s->from_min >= 24 * 60)
        ts_field_errors_add (ctx->errors, name, N_("Must be a time of day, 00:00 to 23:59"));
      g_free (name);
      name = g_strdup_printf ("%s[%u].to", field, i);
      if (s->to_min > 24 * 60)
        ts_field_errors_add (ctx->errors, name, N_("Must be a time of day, 00:00 to 24:00"));
      else if (s->to_min <= s->from_min)
        ts_field_errors_add (ctx->errors, name, N_("Must be later than from"));
    }
}
