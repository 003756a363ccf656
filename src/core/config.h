/*
 * Service settings, and the reader of the domain's rule numbers.
 *
 * The service's own settings ([auth], [http], …) have their defaults here.
 * Every number of SPEC section 2 is defined once, with its default and its
 * range, by the domain module it belongs to (a TsConfigInt table in
 * domain/qualification.c, domain/placement.c) and read from the same
 * GKeyFile (`serve --config FILE`); data/tsunagari.conf documents each key.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  /* [dispatch] */
  gboolean insurance_required;
  /* [auth] */
  int      token_lifetime_hours;
  int      max_failed_logins;
  int      failed_login_window_minutes;
  int      min_password_length;
  int      password_hash_ops;          /* Argon2id passes */
  int      password_hash_memory_kib;   /* Argon2id memory */
  int      device_lifetime_days;       /* a remembered device (issue 15) */
  int      device_max_failed_pins;     /* wrong PINs in a row that revoke it */
  /* [http] */
  gsize    max_body_bytes;
  int      max_json_depth;
  int      worker_threads;
  int      max_connections;            /* lowered to fit the open-file limit */
  int      idle_timeout_seconds;       /* between requests on a connection */
  int      header_timeout_seconds;     /* from a request's first byte to its blank line */
  int      body_timeout_seconds;       /* from the head to the last byte of the body */
  int      max_request_line_kib;       /* longer request lines: 414 */
  int      max_header_kib;             /* larger request heads: 431 */
  /* [statistics] */
  int      statistics_small_cell_threshold; /* smaller counts suppressed (issue 16) */

  GKeyFile *keyfile;               /* the file as read, for later sections */

  /* [http] public_url: the application's address as its users reach it,
   * for the links in mail (issue 17) and the calendar feeds' URLs; NULL:
   * none configured.  Use ts_config_public_link(). */
  char    *public_url;
  /* [mail] (issue 17): the SMTP server notices are mailed through; NULL
   * mail_smtp_host: no mail is sent (notices stay in the application). */
  char    *mail_smtp_host;
  int      mail_smtp_port;             /* default 25 */
  char    *mail_from;
  gboolean mail_starttls;              /* default false: STARTTLS required when true */
  char    *mail_username;              /* NULL: no login */
  char    *mail_password;
  int      mail_retry_seconds;         /* the first retry's delay; doubles after each failure */
} TsConfig;

TsConfig *ts_config_new_default (void);
TsConfig *ts_config_load        (const char *path, GError **error);
TsConfig *ts_config_ref         (TsConfig *self);
void      ts_config_unref       (TsConfig *self);
char     *ts_config_public_link (const TsConfig *self,
                                 const char     *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsConfig, ts_config_unref)

/* One integer setting of a rules struct: where it is read from, its
 * default, its range and where it is stored (an int, or a guint whose
 * range lies within int's). */
typedef struct {
  const char *group;
  const char *key;
  int         default_value;
  int         min;
  int         max;
  gsize       offset;         /* G_STRUCT_OFFSET in the rules struct */
} TsConfigInt;

/* A row of a TsConfigInt table whose key is the member's own name:
 *   TS_CONFIG_INT ("notices", TsNoticeRules, run_hour, 6, 0, 23) */
#define TS_CONFIG_INT(group, Type, member, default_value, min, max) \
  { (group), #member, (default_value), (min), (max), G_STRUCT_OFFSET (Type, member) }

void     ts_config_ints_init_default (const TsConfigInt *table,
                                      gsize              n,
                                      gpointer           rules);
gboolean ts_config_ints_valid        (const TsConfigInt *table,
                                      gsize              n,
                                      gconstpointer      rules);
gboolean ts_config_ints_read         (const TsConfigInt *table,
                                      gsize              n,
                                      GKeyFile          *keyfile,
                                      gpointer           rules,
                                      GError           **error);

/* A domain module's rule numbers from one TsConfigInt table: declares and
 * defines prefix_init_default(), prefix_valid() (every number in its range;
 * a guint over G_MAXINT reads as negative, out of range too) and
 * prefix_load() (the table's keys of a GKeyFile, NULL: the defaults). */
#define TS_DECLARE_CONFIG_RULES(prefix, Type)                                 \
  void     prefix##_init_default (Type *rules);                              \
  gboolean prefix##_valid        (const Type *rules);                        \
  gboolean prefix##_load         (Type *rules, GKeyFile *keyfile, GError **error);

#define TS_DEFINE_CONFIG_RULES(prefix, Type, table)                           \
  void                                                                        \
  prefix##_init_default (Type *rules)                                         \
  {                                                                           \
    g_return_if_fail (rules != NULL);                                         \
    ts_config_ints_init_default (table, G_N_ELEMENTS (table), rules);         \
  }                                                                           \
                                                                              \
  gboolean                                                                    \
  prefix##_valid (const Type *rules)                                          \
  {                                                                           \
    g_return_val_if_fail (rules != NULL, FALSE);                              \
    return ts_config_ints_valid (table, G_N_ELEMENTS (table), rules);         \
  }                                                                           \
                                                                              \
  gboolean                                                                    \
  prefix##_load (Type *rules, GKeyFile *keyfile, GError **error)              \
  {                                                                           \
    g_return_val_if_fail (rules != NULL, FALSE);                              \
    return ts_config_ints_read (table, G_N_ELEMENTS (table), keyfile, rules, error); \
  }

G_END_DECLS
