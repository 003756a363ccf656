/*
 * Shared field checks (see validate.h).
 */
#include "service/validate.h"

#include "core/error.h"
#include "core/i18n.h"
#include "domain/municipality.h"
#include "store/supporters.h"

/* ---- the characters of person-readable text -------------------------
 *
 * Names, nicknames, notes and every other text a person reads (on screen,
 * in CSV, on a statement) are refused when they hold a character that can
 * hide or disguise what is written:
 *
 *  - control characters (C0, C1, DEL); a multi-line text keeps line feed,
 *    carriage return and tab;
 *  - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, even in
 *    multi-line text: they are line breaks that CSV readers and JavaScript
 *    treat differently, and a text that needs one has \n;
 *  - format characters (Unicode category Cf): zero-width space U+200B,
 *    soft hyphen U+00AD, the byte order mark U+FEFF, and every
 *    text-direction control (U+200E/U+200F, U+202A-U+202E, U+2066-U+2069),
 *    which can make "txt.exe" show as "exe.txt".  Only U+200C and U+200D
 *    (zero-width non-joiner and joiner) are kept, since emoji sequences and
 *    some scripts need them;
 *  - the 66 non-characters (U+FDD0-U+FDEF and U+xxFFFE/U+xxFFFF of every
 *    plane), which Unicode reserves for a program's internal use.
 *
 * Private-use characters stay allowed: municipalities write rare kanji of
 * people's names (外字) with them.  Variation selectors (異体字) are marks,
 * not format characters, and stay allowed too.
 *
 * A name must also hold at least one visible character (g_unichar_isgraph,
 * less the characters that show nothing on their own, below): white space
 * alone, U+200D alone, two Hangul fillers or a lone variation selector is
 * no name. */

static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/* The msgid saying what is wrong with @text's characters, or NULL. */
const char *
ts_text_char_problem (const char *text, gboolean multiline)
{
  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return N_("Must be UTF-8 text");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\n' || c == '\r' || c == '\t'))
        continue;
      if (g_unichar_iscntrl (c))
        return N_("Must not contain control characters");
      if (c == 0x2028 || c == 0x2029)
        return N_("Must not contain Unicode line or paragraph separators (U+2028, U+2029)");
      if (is_noncharacter (c))
        return N_("Must not contain non-characters (such as U+FFFF)");
      if (g_unichar_type (c) == G_UNICODE_FORMAT && c != 0x200C && c != 0x200D)
        return N_("Must not contain invisible formatting or text-direction characters (such as U+200B, U+202E, U+FEFF)");
    }
  return NULL;
}

/* Characters GLib calls graphic that show nothing on their own: marks
 * (combining characters, variation selectors U+FE00-U+FE0F, the grapheme
 * joiner U+034F), which only change the character before them, and the
 * letters that are blank by design — the Hangul fillers U+115F, U+1160,
 * U+3164 and U+FFA0 and the blank Braille pattern U+2800.  They are
 * allowed inside a name, but a name made only of them is no name. */
static gboolean
shows_nothing_alone (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_FORMAT:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
    }
}

gboolean
ts_text_has_visible (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isgraph (c) && !shows_nothing_alone (c))
        return TRUE;
    }
  return FALSE;
}

/* Empty or white space only. */
gboolean
ts_text_is_space (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* No visible character: empty, white space, or only invisible ones. */
gboolean
ts_text_is_blank (const char *text)
{
  return !ts_text_has_visible (text);
}

/* Any character ts_text_char_problem() refuses, not only C0 and C1. */
gboolean
ts_text_has_control_chars (const char *text, gboolean allow_newlines)
{
  return ts_text_char_problem (text, allow_newlines) != NULL;
}

char *
ts_text_dup_trimmed (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

/* A name, kana or number folded for a ?q search: NFKC (full-width
 * letters and digits become ASCII, half-width kana full-width), case
 * folded, hiragana as katakana, and without spaces, so that 「さとう　はなこ」
 * finds サトウ ハナコ and 「09-2026」 a number. */
char *
ts_text_search_fold (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = nfkc != NULL ? g_utf8_casefold (nfkc, -1) : g_strdup ("");
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      if (c >= 0x3041 && c <= 0x3096)    /* ぁ…ゖ → ァ…ヶ */
        c += 0x60;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A text of 1 to @max characters, at least one of them visible, none of
 * them refused by ts_text_char_problem() (@multiline allows line breaks);
 * optional texts may be NULL (absent or cleared). */
void
ts_validate_text (TsContext *ctx, const char *field, const char *text, gboolean required,
                  glong max, gboolean multiline, const char *too_long_message)
{
  const char *problem;

  if (text != NULL && (problem = ts_text_char_problem (text, multiline)) != NULL)
    {
      ts_field_errors_add (ctx->errors, field, problem);
      return;
    }
  if (text == NULL || ts_text_is_blank (text))
    {
      if (text != NULL && !ts_text_is_space (text))
        ts_field_errors_add (ctx->errors, field, N_("Must contain at least one visible character"));
      else if (required)
        ts_field_errors_add (ctx->errors, field, N_("Required"));
      else if (text != NULL)
        ts_field_errors_add (ctx->errors, field, N_("Must not be empty; use null to clear it"));
      return;
    }
  if (g_utf8_strlen (text, -1) > max)
    ts_field_errors_add (ctx->errors, field, too_long_message);
}

void
ts_validate_municipality (TsContext *ctx, const char *field, const char *code)
{
  ts_validate_municipality_of (ctx, field, code, TS_MUNICIPALITY_KIND_LOCAL,
                               N_("Must be a municipality or ward, not a prefecture"));
}

/* A code of one of @kinds; @wrong_kind (N_()) when it is another's. */
void
ts_validate_municipality_of (TsContext *ctx, const char *field, const char *code,
                             TsMunicipalityKind kinds, const char *wrong_kind)
{
  switch (ts_municipality_validate_code (code, kinds, NULL))
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
      ts_field_errors_add (ctx->errors, field, wrong_kind);
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

void
ts_validate_date_range (TsContext *ctx, TsDate from, TsDate to)
{
  if (from != TS_DATE_NONE && to != TS_DATE_NONE && from > to &&
      !ts_field_errors_has (ctx->errors, "to"))
    ts_field_errors_add (ctx->errors, "to", N_("Must not be before from"));
}

/* A plausible address, no more (the mail server has the last word): one
 * @, a local part of at most 64 characters, a domain of dot-separated
 * labels with at least one dot, no spaces or control characters. */
gboolean
ts_email_plausible (const char *email)
{
  const char *at = strchr (email, '@');
  const char *domain;
  gsize local;

  if (at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;
  local = (gsize) (at - email);
  domain = at + 1;
  if (local == 0 || local > 64 || *domain == '\0' || strchr (domain, '.') == NULL ||
      *domain == '.' || domain[strlen (domain) - 1] == '.' || strstr (domain, "..") != NULL)
    return FALSE;
  for (const char *p = email; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || strchr ("()<>,;:\\\"[]", *p) != NULL)
      return FALSE;
  return g_utf8_validate (email, -1, NULL);
}
