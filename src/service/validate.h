/*
 * Field checks the registries' use cases share (supporters, cases, hosts):
 * each adds its field errors to ctx->errors with the same messages, so a
 * client sees one wording for one rule whichever record it edits.
 */
#pragma once

#include "core/context.h"
#include "core/date.h"
#include "domain/municipality.h"

G_BEGIN_DECLS

/* The rule for the characters of person-readable text is in validate.c. */
const char *ts_text_char_problem   (const char *text, gboolean multiline);
gboolean ts_text_has_visible       (const char *text);
gboolean ts_text_is_space          (const char *text);
gboolean ts_text_is_blank          (const char *text);
gboolean ts_text_has_control_chars (const char *text, gboolean allow_newlines);
char    *ts_text_dup_trimmed       (const char *text);
/* A text folded for a ?q search (supporters, consultees): NFKC, case
 * folded, hiragana as katakana, spaces removed.  Compare with strstr(). */
char    *ts_text_search_fold       (const char *text);

void ts_validate_text         (TsContext  *ctx,
                               const char *field,
                               const char *text,
                               gboolean    required,
                               glong       max,
                               gboolean    multiline,
                               const char *too_long_message);
void ts_validate_municipality (TsContext  *ctx,
                               const char *field,
                               const char *code);
void ts_validate_municipality_of (TsContext          *ctx,
                                  const char         *field,
                                  const char         *code,
                                  TsMunicipalityKind  kinds,
                                  const char         *wrong_kind);
void ts_validate_availability (TsContext  *ctx,
                               const char *field,
                               GArray     *slots,
                               guint       max_slots);

/* A list's ?from and ?to (either may be TS_DATE_NONE): "to" must not be
 * before "from".  A "to" already reported is not checked again. */
void ts_validate_date_range   (TsContext  *ctx,
                               TsDate      from,
                               TsDate      to);

/* A plausible e-mail address (users', supporters' for notices). */
gboolean ts_email_plausible (const char *email);

G_END_DECLS
