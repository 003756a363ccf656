/*
 * Translations chosen per request.
 *
 * The service answers each request in the language of its Accept-Language
 * header, so the process-wide gettext locale cannot be used: the catalogue
 * is read from the compiled .mo file once, and every thread carries the
 * language it is currently speaking.  This also works on a machine that has
 * no ja_JP locale generated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TS_LANGUAGE_EN,
  TS_LANGUAGE_JA,
} TsLanguage;

void         ts_i18n_init                 (void);
const char  *ts_i18n_gettext_lang         (TsLanguage lang, const char *msgid);
const char  *ts_i18n_gettext              (const char *msgid) G_GNUC_FORMAT (1);
void         ts_i18n_set_thread_language  (TsLanguage lang);
TsLanguage   ts_i18n_get_thread_language  (void);
TsLanguage   ts_i18n_language_from_header (const char *accept_language);
TsLanguage   ts_i18n_language_from_environment (void);
const char  *ts_i18n_language_tag         (TsLanguage lang);

#define _(s) ts_i18n_gettext (s)
#define N_(s) (s)

G_END_DECLS
