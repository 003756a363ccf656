/*
 * The append-only, hash-chained audit log (SPEC 2.5).
 *
 * Each entry's hash is SHA-256 over the previous entry's hash and the entry
 * in a canonical form; an auditor recomputes the chain with
 * ts_store_audit_verify().  Entries name who did what to which object: never
 * a name, a note or any other content of the record.
 */
#pragma once

#include "store/store.h"

G_BEGIN_DECLS

typedef struct {
  gint64      user_id;            /* 0 when nobody is signed in */
  const char *role;
  const char *action;             /* create, update, read, list, login, … */
  const char *object;             /* supporter, user, token, … */
  gint64      object_id;          /* 0 when the action has no single object */
  const char *request_id;
} TsAuditEntry;

typedef struct {
  gboolean ok;
  gint64   entries;
  gint64   first_bad_seq;         /* 0 when ok */
} TsAuditVerification;

gboolean ts_store_audit_append (TsStore             *self,
                                const TsAuditEntry  *entry,
                                GError             **error);
gboolean ts_store_audit_verify (TsStore             *self,
                                TsAuditVerification *out,
                                GError             **error);

G_END_DECLS
