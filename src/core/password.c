#include "core/password.h"

#include <string.h>
#include <sodium.h>
#include <gio/gio.h>

#include "ts-data-resources.h"

#define COMMON_PASSWORDS_RESOURCE "/org/tsunagari/data/common-passwords.txt"

gboolean
ts_crypto_init (void)
{
  return sodium_init () >= 0;
}

/* The cost is stored in the hash itself, so changing it in the
 * configuration affects new and changed passwords only. */
char *
ts_password_hash (const char *password, guint64 ops, gsize memory_kib)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);
  ops = CLAMP (ops, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_OPSLIMIT_MAX);
  memory_kib = CLAMP (memory_kib, crypto_pwhash_MEMLIMIT_MIN / 1024, 4 * 1024 * 1024);
  if (crypto_pwhash_str (out, password, strlen (password), ops, memory_kib * 1024) != 0)
    return NULL;                /* out of memory */
  return g_strdup (out);
}

gboolean
ts_password_verify (const char *hash, const char *password)
{
  g_return_val_if_fail (hash != NULL && password != NULL, FALSE);
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

static char *
random_base64url (gsize n_bytes)
{
  g_autofree guint8 *raw = g_malloc (n_bytes);
  gsize len = sodium_base64_ENCODED_LEN (n_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  char *out = g_malloc (len);

  randombytes_buf (raw, n_bytes);
  sodium_bin2base64 (out, len, raw, n_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, n_bytes);
  return out;
}

/* 18 random bytes: 24 characters a person can copy once from the terminal. */
char *
ts_password_generate (void)
{
  return random_base64url (18);
}

char *
ts_token_generate (void)
{
  return random_base64url (32);
}

void
ts_token_digest (const char *token, guint8 out[TS_TOKEN_DIGEST_LEN])
{
  crypto_hash_sha256 (out, (const guint8 *) token, strlen (token));
}

/* ---- the password policy ----------------------------------------------
 *
 * Length alone lets "aaaaaaaaaaaa" and the login itself through, and both
 * are the first guesses of anyone who tries.  So a new password is also
 * refused when it
 *
 *  - is the login, or contains it (ASCII case ignored) when the login has
 *    at least 4 characters: a 3-character login turns up by chance in about
 *    1 of 1,500 generated 24-character passwords, a 4-character one in 1 of
 *    50,000;
 *  - is trivially repetitive: at most two different characters
 *    ("aaaaaaaaaaaa", "abababababab"), a block repeated ("abcabcabcabc",
 *    "passwordpassword"), or a run of consecutive characters up or down
 *    ("abcdefghijkl", "123456789012", digits wrapping from 9 to 0);
 *  - is one of the most common passwords: data/common-passwords.txt, about
 *    7,000 entries from a list of 10 million leaked passwords
 *    (scripts/gen-common-passwords), compared ignoring ASCII case. */

static char *common_text;          /* the list, its newlines cut to NULs */

static gpointer
load_common (gpointer unused)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;
  char *text;

  (void) unused;
  /* Our own resource, not the global registry (as in domain/holidays.c). */
  bytes = g_resource_lookup_data (ts_data_get_resource (), COMMON_PASSWORDS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("%s: %s", COMMON_PASSWORDS_RESOURCE, error->message);
  data = g_bytes_get_data (bytes, &size);
  /* Kept for the life of the process: the set points into it. */
  text = common_text = g_strndup (data, size);
  for (char *line = text, *next; line != NULL && *line != '\0'; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      if (*line != '\0')
        g_hash_table_add (set, line);
    }
  return set;
}

gboolean
ts_password_is_common (const char *password)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (password != NULL, FALSE);
  g_once (&once, load_common, NULL);
  folded = g_ascii_strdown (password, -1);
  return g_hash_table_contains (once.retval, folded);
}

static gboolean
digit_step (gunichar a, gunichar b, int step)
{
  if (!g_ascii_isdigit (a) || !g_ascii_isdigit (b))
    return FALSE;
  return ((int) (b - '0') - (int) (a - '0') + 10) % 10 == (step + 10) % 10;
}

/* One or two different characters, a block repeated, or a run. */
static gboolean
is_repetitive (const gunichar *c, glong n)
{
  gunichar first = 0, second = 0;
  int distinct = 0;

  if (n < 2)
    return TRUE;
  for (glong i = 0; i < n && distinct <= 2; i++)
    if (distinct == 0 || (c[i] != first && (distinct == 1 || c[i] != second)))
      {
        if (distinct == 0)
          first = c[i];
        else if (distinct == 1)
          second = c[i];
        distinct++;
      }
  if (distinct <= 2)
    return TRUE;

  /* The shortest period: c[i] == c[i - p] for every i >= p. */
  for (glong p = 1; p <= n / 2; p++)
    {
      glong i = p;
      while (i < n && c[i] == c[i - p])
        i++;
      if (i == n)
        return TRUE;
    }

  for (int step = -1; step <= 1; step += 2)
    {
      glong i = 1;
      while (i < n && ((gint64) c[i] - (gint64) c[i - 1] == step || digit_step (c[i - 1], c[i], step)))
        i++;
      if (i == n)
        return TRUE;
    }
  return FALSE;
}

/* The rules compare the password's compatibility form (NFKC), ASCII
 * lower-cased: ＰＡＳＳＷＯＲＤ１２３４ is password1234 and Ａｄｍｉｎ is
 * admin, as a person typing them reads them. */
static char *
fold (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  return g_ascii_strdown (nfkc != NULL ? nfkc : text, -1);
}

TsPasswordProblem
ts_password_check (const char *password, const char *login, int min_length)
{
  g_autofree gunichar *chars = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *folded_login = NULL;
  glong n = 0;

  g_return_val_if_fail (password != NULL, TS_PASSWORD_TOO_SHORT);
  /* From the HTTP layer a password is UTF-8 already; from the command
   * line's environment it may not be. */
  if (!g_utf8_validate (password, -1, NULL) || (login != NULL && !g_utf8_validate (login, -1, NULL)))
    return TS_PASSWORD_NOT_TEXT;
  n = g_utf8_strlen (password, -1);
  if (n < min_length)
    return TS_PASSWORD_TOO_SHORT;
  if (n > TS_PASSWORD_MAX_LENGTH)
    return TS_PASSWORD_TOO_LONG;
  folded = fold (password);
  if (login != NULL && *login != '\0')
    {
      folded_login = fold (login);
      if (g_str_equal (folded, folded_login) ||
          (g_utf8_strlen (folded_login, -1) >= 4 && strstr (folded, folded_login) != NULL))
        return TS_PASSWORD_HAS_LOGIN;
    }
  chars = g_utf8_to_ucs4_fast (folded, -1, &n);
  if (is_repetitive (chars, n))
    return TS_PASSWORD_REPETITIVE;
  if (ts_password_is_common (folded))
    return TS_PASSWORD_COMMON;
  return TS_PASSWORD_OK;
}
