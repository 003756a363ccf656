#include "core/config.h"

#include <string.h>

#include "core/error.h"
#include "core/password.h"

typedef struct {
  TsConfig config;
  gatomicrefcount ref;
} TsConfigPrivate;

TsConfig *
ts_config_new_default (void)
{
  TsConfigPrivate *priv = g_new0 (TsConfigPrivate, 1);
  TsConfig *self = &priv->config;

  g_atomic_ref_count_init (&priv->ref);
  self->insurance_required = TRUE;
  self->token_lifetime_hours = 12;
  self->max_failed_logins = 5;
  self->failed_login_window_minutes = 15;
  self->min_password_length = 12;
  self->password_hash_ops = TS_PASSWORD_HASH_OPS_DEFAULT;
  self->password_hash_memory_kib = TS_PASSWORD_HASH_MEMORY_KIB_DEFAULT;
  self->device_lifetime_days = 90;
  self->device_max_failed_pins = 5;
  self->statistics_small_cell_threshold = 3;
  self->max_body_bytes = 1024 * 1024;
  self->max_json_depth = 32;
  self->worker_threads = 32;
  self->max_connections = 4096;
  self->idle_timeout_seconds = 30;
  self->header_timeout_seconds = 10;
  self->body_timeout_seconds = 30;
  self->max_request_line_kib = 8;
  self->max_header_kib = 32;
  self->keyfile = g_key_file_new ();
  self->mail_smtp_port = 25;
  self->mail_retry_seconds = 60;
  return self;
}

TsConfig *
ts_config_ref (TsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&((TsConfigPrivate *) self)->ref);
  return self;
}

/* @path ("/app/notices") on [http] public_url, whatever slashes end it;
 * NULL when no public_url is configured. */
char *
ts_config_public_link (const TsConfig *self, const char *path)
{
  gsize len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);
  if (self->public_url == NULL)
    return NULL;
  len = strlen (self->public_url);
  while (len > 0 && self->public_url[len - 1] == '/')
    len--;
  return g_strdup_printf ("%.*s%s", (int) len, self->public_url, path);
}

void
ts_config_unref (TsConfig *self)
{
  if (self == NULL)
    return;
  if (g_atomic_ref_count_dec (&((TsConfigPrivate *) self)->ref))
    {
      g_key_file_unref (self->keyfile);
      g_free (self->public_url);
      g_free (self->mail_smtp_host);
      g_free (self->mail_from);
      g_free (self->mail_username);
      g_free (self->mail_password);
      g_free (self);
    }
}

static gboolean
read_int (GKeyFile *kf, const char *group, const char *key, int min, int max,
          int *out, GError **error)
{
  g_autoptr(GError) local = NULL;
  int v;

  if (!g_key_file_has_key (kf, group, key, NULL))
    return TRUE;
  v = g_key_file_get_integer (kf, group, key, &local);
  if (local != NULL || v < min || v > max)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_VALIDATION,
                   "[%s] %s must be an integer from %d to %d", group, key, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
read_bool (GKeyFile *kf, const char *group, const char *key, gboolean *out, GError **error)
{
  g_autoptr(GError) local = NULL;
  gboolean v;

  if (!g_key_file_has_key (kf, group, key, NULL))
    return TRUE;
  v = g_key_file_get_boolean (kf, group, key, &local);
  if (local != NULL)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_VALIDATION,
                   "[%s] %s must be true or false", group, key);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* A text setting; absent or empty leaves *out NULL. */
static void
read_text (GKeyFile *kf, const char *group, const char *key, char **out)
{
  g_autofree char *v = g_key_file_get_string (kf, group, key, NULL);

  if (v != NULL)
    g_strstrip (v);
  if (v != NULL && *v != '\0')
    {
      g_free (*out);
      *out = g_steal_pointer (&v);
    }
}

/* [mail] and [http] public_url (issue 17). */
static gboolean
read_mail (TsConfig *self, GError **error)
{
  read_text (self->keyfile, "http", "public_url", &self->public_url);
  read_text (self->keyfile, "mail", "smtp_host", &self->mail_smtp_host);
  read_text (self->keyfile, "mail", "from", &self->mail_from);
  read_text (self->keyfile, "mail", "username", &self->mail_username);
  read_text (self->keyfile, "mail", "password", &self->mail_password);
  if (!read_int (self->keyfile, "mail", "smtp_port", 1, 65535, &self->mail_smtp_port, error) ||
      !read_int (self->keyfile, "mail", "retry_seconds", 1, 86400, &self->mail_retry_seconds,
                 error) ||
      !read_bool (self->keyfile, "mail", "starttls", &self->mail_starttls, error))
    return FALSE;
  if (self->mail_smtp_host != NULL && self->mail_from == NULL)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_VALIDATION,
                           "[mail] from is required with smtp_host");
      return FALSE;
    }
  if (self->public_url != NULL && !g_str_has_prefix (self->public_url, "https://") &&
      !g_str_has_prefix (self->public_url, "http://"))
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_VALIDATION,
                           "[http] public_url must start with https:// or http://");
      return FALSE;
    }
  return TRUE;
}

TsConfig *
ts_config_load (const char *path, GError **error)
{
  g_autoptr(TsConfig) self = ts_config_new_default ();
  int body_kib = (int) (self->max_body_bytes / 1024);

  if (path == NULL)
    return g_steal_pointer (&self);
  if (!g_key_file_load_from_file (self->keyfile, path, G_KEY_FILE_NONE, error))
    return NULL;

  if (!read_bool (self->keyfile, "dispatch", "insurance_required",
                  &self->insurance_required, error) ||
      !read_int (self->keyfile, "auth", "token_lifetime_hours", 1, 24 * 30,
                 &self->token_lifetime_hours, error) ||
      !read_int (self->keyfile, "auth", "max_failed_logins", 1, 100,
                 &self->max_failed_logins, error) ||
      !read_int (self->keyfile, "auth", "failed_login_window_minutes", 1, 24 * 60,
                 &self->failed_login_window_minutes, error) ||
      !read_int (self->keyfile, "auth", "min_password_length", 8, 128,
                 &self->min_password_length, error) ||
      !read_int (self->keyfile, "auth", "password_hash_ops", 1, 10,
                 &self->password_hash_ops, error) ||
      !read_int (self->keyfile, "auth", "password_hash_memory_kib", 8, 4 * 1024 * 1024,
                 &self->password_hash_memory_kib, error) ||
      !read_int (self->keyfile, "auth", "device_lifetime_days", 1, 400,
                 &self->device_lifetime_days, error) ||
      !read_int (self->keyfile, "auth", "device_max_failed_pins", 1, 10,
                 &self->device_max_failed_pins, error) ||
      !read_int (self->keyfile, "http", "max_body_kib", 1, 64 * 1024, &body_kib, error) ||
      !read_int (self->keyfile, "http", "max_json_depth", 2, 256,
                 &self->max_json_depth, error) ||
      !read_int (self->keyfile, "http", "worker_threads", 1, 256,
                 &self->worker_threads, error) ||
      !read_int (self->keyfile, "http", "max_connections", 8, 1000000,
                 &self->max_connections, error) ||
      !read_int (self->keyfile, "http", "idle_timeout_seconds", 1, 3600,
                 &self->idle_timeout_seconds, error) ||
      !read_int (self->keyfile, "http", "header_timeout_seconds", 1, 300,
                 &self->header_timeout_seconds, error) ||
      !read_int (self->keyfile, "http", "body_timeout_seconds", 1, 3600,
                 &self->body_timeout_seconds, error) ||
      !read_int (self->keyfile, "http", "max_request_line_kib", 1, 32,
                 &self->max_request_line_kib, error) ||
      !read_int (self->keyfile, "http", "max_header_kib", 1, 60,
                 &self->max_header_kib, error))
    return NULL;
  if (!read_int (self->keyfile, "statistics", "small_cell_threshold", 1, 100,
                 &self->statistics_small_cell_threshold, error))
    return NULL;
  self->max_body_bytes = (gsize) body_kib * 1024;
  if (!read_mail (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- rule tables ------------------------------------------------------- */

static int *
table_slot (const TsConfigInt *entry, gpointer rules)
{
  return (int *) (gpointer) ((guint8 *) rules + entry->offset);
}

void
ts_config_ints_init_default (const TsConfigInt *table, gsize n, gpointer rules)
{
  g_return_if_fail (table != NULL && rules != NULL);
  for (gsize i = 0; i < n; i++)
    *table_slot (&table[i], rules) = table[i].default_value;
}

gboolean
ts_config_ints_valid (const TsConfigInt *table, gsize n, gconstpointer rules)
{
  g_return_val_if_fail (table != NULL && rules != NULL, FALSE);
  for (gsize i = 0; i < n; i++)
    {
      int v = *table_slot (&table[i], (gpointer) rules);
      if (v < table[i].min || v > table[i].max)
        return FALSE;
    }
  return TRUE;
}

/* Starts from the defaults and reads every key the file has; the first
 * value out of its range is an error naming the group, key and range. */
gboolean
ts_config_ints_read (const TsConfigInt *table, gsize n, GKeyFile *keyfile,
                     gpointer rules, GError **error)
{
  g_return_val_if_fail (table != NULL && rules != NULL, FALSE);
  ts_config_ints_init_default (table, n, rules);
  if (keyfile == NULL)
    return TRUE;
  for (gsize i = 0; i < n; i++)
    if (!read_int (keyfile, table[i].group, table[i].key, table[i].min, table[i].max,
                   table_slot (&table[i], rules), error))
      return FALSE;
  return TRUE;
}
