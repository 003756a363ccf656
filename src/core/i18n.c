#include "core/i18n.h"

#include <string.h>

static GHashTable *ja_catalogue;   /* msgid → msgstr, both inside ja_data */
static GBytes *ja_data;
static GPrivate thread_language;   /* GINT_TO_POINTER (TsLanguage + 1) */

static guint32
read_u32 (const guint8 *p, gboolean swap)
{
  guint32 v;
  memcpy (&v, p, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* Reads a GNU .mo file (see the gettext manual, "The Format of GNU MO Files"). */
static GHashTable *
parse_mo (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gboolean swap;
  guint32 n, orig_off, trans_off;
  GHashTable *table;

  if (size < 28)
    return NULL;
  if (read_u32 (data, FALSE) == 0x950412de)
    swap = FALSE;
  else if (read_u32 (data, TRUE) == 0x950412de)
    swap = TRUE;
  else
    return NULL;

  n = read_u32 (data + 8, swap);
  orig_off = read_u32 (data + 12, swap);
  trans_off = read_u32 (data + 16, swap);
  if ((guint64) orig_off + (guint64) n * 8 > size ||
      (guint64) trans_off + (guint64) n * 8 > size)
    return NULL;

  table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (data + orig_off + i * 8, swap);
      guint32 ooff = read_u32 (data + orig_off + i * 8 + 4, swap);
      guint32 tlen = read_u32 (data + trans_off + i * 8, swap);
      guint32 toff = read_u32 (data + trans_off + i * 8 + 4, swap);

      if ((guint64) ooff + olen >= size || (guint64) toff + tlen >= size)
        continue;
      if (olen == 0 || tlen == 0)    /* the header entry, or untranslated */
        continue;
      g_hash_table_insert (table, (gpointer) (data + ooff), (gpointer) (data + toff));
    }
  return table;
}

static gpointer
load_catalogues (gpointer unused)
{
  /* The installed catalogue first; the build tree's for tests and for
   * running uninstalled (scripts/run-demo). */
  const char *override = g_getenv ("TSUNAGARI_LOCALEDIR");
  const char *dirs[] = { override, LOCALEDIR, TS_PO_BUILDDIR };

  (void) unused;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GMappedFile) mapped = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], "ja", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      mapped = g_mapped_file_new (path, FALSE, NULL);
      if (mapped == NULL)
        continue;
      ja_data = g_mapped_file_get_bytes (mapped);
      ja_catalogue = parse_mo (ja_data);
      if (ja_catalogue != NULL)
        break;
      g_clear_pointer (&ja_data, g_bytes_unref);
    }
  return NULL;
}

void
ts_i18n_init (void)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, load_catalogues, NULL);
}

const char *
ts_i18n_gettext_lang (TsLanguage lang, const char *msgid)
{
  const char *str;

  if (msgid == NULL || lang != TS_LANGUAGE_JA)
    return msgid;
  ts_i18n_init ();
  if (ja_catalogue == NULL)
    return msgid;
  str = g_hash_table_lookup (ja_catalogue, msgid);
  return str != NULL ? str : msgid;
}

void
ts_i18n_set_thread_language (TsLanguage lang)
{
  g_private_set (&thread_language, GINT_TO_POINTER (lang + 1));
}

TsLanguage
ts_i18n_get_thread_language (void)
{
  gpointer p = g_private_get (&thread_language);
  if (p == NULL)
    return ts_i18n_language_from_environment ();
  return (TsLanguage) (GPOINTER_TO_INT (p) - 1);
}

const char *
ts_i18n_gettext (const char *msgid)
{
  return ts_i18n_gettext_lang (ts_i18n_get_thread_language (), msgid);
}

/* Japanese is the default for the people this serves; English is chosen
 * when it is preferred over Japanese by q-value, or when Japanese is not
 * listed at all but English is. */
TsLanguage
ts_i18n_language_from_header (const char *accept_language)
{
  g_auto(GStrv) parts = NULL;
  double best_ja = -1, best_en = -1;

  if (accept_language == NULL || *accept_language == '\0')
    return TS_LANGUAGE_JA;

  parts = g_strsplit (accept_language, ",", 32);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (g_strstrip (parts[i]), ";", 2);
      const char *tag = kv[0] != NULL ? g_strstrip (kv[0]) : "";
      double q = 1.0;

      if (kv[0] != NULL && kv[1] != NULL)
        {
          const char *qs = g_strstrip (kv[1]);
          if (g_str_has_prefix (qs, "q="))
            q = g_ascii_strtod (qs + 2, NULL);
        }
      if (g_ascii_strncasecmp (tag, "ja", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        best_ja = MAX (best_ja, q);
      else if (g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        best_en = MAX (best_en, q);
    }
  if (best_en > best_ja)
    return TS_LANGUAGE_EN;
  return TS_LANGUAGE_JA;
}

/* The command line follows the usual gettext variables, in their order of
 * precedence; without any Japanese setting it speaks English. */
TsLanguage
ts_i18n_language_from_environment (void)
{
  const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *v = g_getenv (vars[i]);
      if (v == NULL || *v == '\0')
        continue;
      return g_str_has_prefix (v, "ja") ? TS_LANGUAGE_JA : TS_LANGUAGE_EN;
    }
  return TS_LANGUAGE_EN;
}

const char *
ts_i18n_language_tag (TsLanguage lang)
{
  return lang == TS_LANGUAGE_JA ? "ja" : "en";
}
