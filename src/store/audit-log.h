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
  gint64      organisation_id;    /* the caller's (SPEC 2.6); 0: none (the command line) */
} TsAuditEntry;

typedef struct {
  gboolean ok;
  gint64   entries;
  gint64   first_bad_seq;         /* 0 when ok */
  /* With an anchor: whether the log still holds the anchored entry with
   * the anchored hash (TRUE when no anchor was given). */
  gboolean anchor_ok;
} TsAuditVerification;

/* An entry an operator wrote down elsewhere: its number and its hash. */
typedef struct {
  gint64 seq;                     /* 0: no anchor */
  char   hash[65];                /* lower-case hex SHA-256 */
} TsAuditAnchor;

gboolean ts_audit_anchor_parse  (const char *text, TsAuditAnchor *out);

/* One entry as GET /v1/audit/log shows it (no hashes). */
typedef struct {
  gint64  seq;
  gint64  at;                     /* Unix seconds */
  gint64  user_id;                /* 0: nobody signed in */
  char   *role;
  char   *action;
  char   *object;
  gint64  object_id;              /* 0: none */
  char   *request_id;
  gint64  organisation_id;        /* 0: none (before schema 11, the command line) */
} TsAuditRecord;

void ts_audit_record_clear (gpointer record);

gboolean ts_store_audit_append (TsStore             *self,
                                const TsAuditEntry  *entry,
                                GError             **error);
gboolean ts_store_audit_verify (TsStore             *self,
                                TsAuditVerification *out,
                                GError             **error);
/* ts_store_audit_verify(), and whether @anchor's entry is still there
 * with its hash, in one snapshot. */
gboolean ts_store_audit_verify_anchored (TsStore             *self,
                                         const TsAuditAnchor *anchor,
                                         TsAuditVerification *out,
                                         GError             **error);
/* Up to @limit entries after @after_seq, oldest first: GArray of
 * TsAuditRecord.  Only entries of the organisations in @scope (gint64
 * ascending); NULL: every entry, those without an organisation too.  Only
 * entries written at or after @from_at and before @until_at (Unix
 * seconds; 0: no bound). */
GArray  *ts_store_audit_list   (TsStore       *self,
                                const GArray  *scope,
                                gint64         after_seq,
                                gint64         from_at,
                                gint64         until_at,
                                guint          limit,
                                GError       **error);
/* The newest entry of the log; seq 0 when the log is empty. */
gboolean ts_store_audit_newest (TsStore        *self,
                                TsAuditAnchor  *out,
                                GError        **error);

G_END_DECLS
