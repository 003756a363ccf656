/*
 * Rule numbers and service settings.
 *
 * Every number of SPEC section 2 has its default here and can be changed in
 * a GKeyFile (`serve --config FILE`); data/tsunagari.conf documents each key.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  /* [training] — SPEC 2.1, Tochigi (seed 002) */
  int      follow_up_interval_years;
  int      due_soon_days;
  /* [dispatch] */
  gboolean insurance_required;
  /* [auth] */
  int      token_lifetime_hours;
  int      max_failed_logins;
  int      failed_login_window_minutes;
  int      min_password_length;
  int      password_hash_ops;          /* Argon2id passes */
  int      password_hash_memory_kib;   /* Argon2id memory */
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
  /* [placement] — SPEC 2.3, Akita 職親 (seed 002) */
  int      placement_cap_days;
  int      placement_max_days_per_request;
  int      placement_regular_min_span_days;

  GKeyFile *keyfile;               /* the file as read, for later sections */
} TsConfig;

TsConfig *ts_config_new_default (void);
TsConfig *ts_config_load        (const char *path, GError **error);
TsConfig *ts_config_ref         (TsConfig *self);
void      ts_config_unref       (TsConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsConfig, ts_config_unref)

G_END_DECLS
