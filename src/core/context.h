/*
 * TsContext: who is asking, in which request, and what went wrong in detail.
 *
 * Every service call takes one.  The HTTP layer fills the caller from the
 * bearer token; the command line acts as a local administrator.  Services
 * add field errors and problem extras (reasons, remaining days) here, and the
 * HTTP layer renders them next to the GError's code.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/error.h"
#include "core/i18n.h"
#include "core/role.h"

G_BEGIN_DECLS

typedef struct {
  gint64         user_id;          /* 0: the local command line */
  TsRole         role;
  gint64         supporter_id;     /* for role supporter */
  gint64         host_id;          /* for role host */
  gint64         organisation_id;  /* the caller's organisation; 0: the command line */
  /* The organisations whose records the caller sees (SPEC 2.6), gint64
   * ascending: its own, and for an auditor every one below it.  NULL: all
   * of them (an administrator, the command line). */
  GArray        *scope;
  char           request_id[33];
  TsLanguage     language;

  TsFieldErrors *errors;
  JsonObject    *problem_extra;    /* members added to the problem body */
  int            retry_after;      /* seconds, for 429 */
} TsContext;

TsContext *ts_context_new        (void);
TsContext *ts_context_new_local  (void);
void       ts_context_free       (TsContext *self);
void       ts_context_add_extra  (TsContext *self, const char *name, JsonNode *value);
void       ts_context_set_scope  (TsContext *self, gint64 organisation_id,
                                  const gint64 *visible, guint n_visible);
gboolean   ts_context_sees       (const TsContext *self, gint64 organisation_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsContext, ts_context_free)

G_END_DECLS
