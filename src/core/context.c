#include "core/context.h"

#include <string.h>

TsContext *
ts_context_new (void)
{
  TsContext *self = g_new0 (TsContext, 1);
  guint8 raw[16];

  static const char hex[] = "0123456789abcdef";

  /* A request id ties a problem report to a log line: it must be unique,
   * not secret, so GLib's generator (seeded once from the OS) does, without
   * a getrandom() call per request. */
  for (guint i = 0; i < sizeof raw; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (raw + i, &r, 4);
    }
  for (guint i = 0; i < sizeof raw; i++)
    {
      self->request_id[2 * i] = hex[raw[i] >> 4];
      self->request_id[2 * i + 1] = hex[raw[i] & 0xf];
    }
  self->request_id[2 * sizeof raw] = '\0';
  self->errors = ts_field_errors_new ();
  self->language = TS_LANGUAGE_JA;
  return self;
}

/* The command line runs as the machine's administrator: whoever can read the
 * database file can do anything anyway.  Its writes are audited as role
 * admin without a user. */
TsContext *
ts_context_new_local (void)
{
  TsContext *self = ts_context_new ();
  self->role = TS_ROLE_ADMIN;
  self->language = ts_i18n_language_from_environment ();
  return self;
}

void
ts_context_free (TsContext *self)
{
  if (self == NULL)
    return;
  ts_field_errors_free (self->errors);
  g_clear_pointer (&self->problem_extra, json_object_unref);
  g_free (self);
}

void
ts_context_add_extra (TsContext *self, const char *name, JsonNode *value)
{
  if (self->problem_extra == NULL)
    self->problem_extra = json_object_new ();
  json_object_set_member (self->problem_extra, name, value);
}
