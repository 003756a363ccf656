/*
 * Passwords and bearer tokens (libsodium).
 *
 * Passwords are hashed with Argon2id (crypto_pwhash_str, libsodium's
 * "interactive" limits, memory-hard); tokens are 32 bytes from the operating
 * system's CSPRNG and only their SHA-256 is stored.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TS_TOKEN_DIGEST_LEN 32

gboolean  ts_crypto_init        (void);
/* Libsodium's "interactive" limits: about 0.1 s and 64 MiB per hash. */
#define TS_PASSWORD_HASH_OPS_DEFAULT        2
#define TS_PASSWORD_HASH_MEMORY_KIB_DEFAULT (64 * 1024)

char     *ts_password_hash      (const char *password,
                                 guint64     ops,
                                 gsize       memory_kib);
gboolean  ts_password_verify    (const char *hash,
                                 const char *password);
char     *ts_password_generate  (void);

/* The password policy (docs/api.md, "Passwords"): what is wrong with a
 * password for the account @login, the first problem found. */
typedef enum {
  TS_PASSWORD_OK,
  TS_PASSWORD_NOT_TEXT,            /* not valid UTF-8 */
  TS_PASSWORD_TOO_SHORT,           /* fewer than @min_length characters */
  TS_PASSWORD_TOO_LONG,            /* more than TS_PASSWORD_MAX_LENGTH */
  TS_PASSWORD_HAS_LOGIN,           /* is, or contains, the login (any case) */
  TS_PASSWORD_REPETITIVE,          /* one character, a repeated pattern, a run */
  TS_PASSWORD_COMMON,              /* among the most common passwords */
} TsPasswordProblem;

#define TS_PASSWORD_MAX_LENGTH 1024

TsPasswordProblem ts_password_check     (const char *password,
                                         const char *login,
                                         int         min_length);
gboolean          ts_password_is_common (const char *password);
char     *ts_token_generate     (void);
void      ts_token_digest       (const char *token,
                                 guint8      out[TS_TOKEN_DIGEST_LEN]);

G_END_DECLS
