#include "core/password.h"

#include <string.h>
#include <sodium.h>

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
