#include "store/audit-log.h"
#include "store/store-private.h"

#include <string.h>

#include "core/error.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Length-prefixed fields, so that no choice of values can make two different
 * entries serialise to the same text. */
static void
append_field (GString *s, const char *value)
{
  if (value == NULL)
    {
      g_string_append (s, "-;");
      return;
    }
  g_string_append_printf (s, "%zu:%s;", strlen (value), value);
}

/* An entry's fields in the one order both its hash and its row take them:
 * seq, at, user_id, role, action, object, object_id, request_id,
 * organisation_id.  A user, object or organisation id of 0 is absent
 * (NULL); the numbers are also kept as text, which the hash reads.  The
 * hash takes the organisation only where there is one, so that the entries
 * written before schema 11, which have none, verify as they always did. */
enum { N_FIELDS = 9, ORGANISATION = 8 };

typedef struct {
  gboolean    number[N_FIELDS];
  gint64      value[N_FIELDS];
  char        digits[N_FIELDS][24];
  const char *text[N_FIELDS];
} Fields;

static void
fields_init (Fields *f, gint64 seq, gint64 at, gint64 user_id, const char *role,
             const char *action, const char *object, gint64 object_id, const char *request_id,
             gint64 organisation_id)
{
  const gint64 values[N_FIELDS] = { seq, at, user_id, 0, 0, 0, object_id, 0, organisation_id };
  const char *const texts[N_FIELDS] = { NULL, NULL, NULL, role, action, object, NULL, request_id,
                                        NULL };

  for (guint i = 0; i < N_FIELDS; i++)
    {
      f->number[i] = i <= 2 || i == 6 || i == ORGANISATION;
      f->value[i] = values[i];
      f->text[i] = texts[i];
      if (!f->number[i])
        continue;
      g_snprintf (f->digits[i], sizeof f->digits[i], "%" G_GINT64_FORMAT, values[i]);
      /* seq and at are always there; the ids only when not 0. */
      f->text[i] = i <= 1 || values[i] != 0 ? f->digits[i] : NULL;
    }
}

static char *
entry_hash (const char *prev_hash, const Fields *f)
{
  g_autoptr(GString) s = g_string_new (prev_hash);

  g_string_append_c (s, '\n');
  for (guint i = 0; i < N_FIELDS; i++)
    if (i != ORGANISATION || f->text[i] != NULL)
      append_field (s, f->text[i]);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, s->str, (gssize) s->len);
}

gboolean
ts_store_audit_append (TsStore *self, const TsAuditEntry *entry, GError **error)
{
  g_autoptr(TsStmt) head = NULL;
  g_autoptr(TsStmt) insert = NULL;
  g_autoptr(TsStmt) update = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  gint64 seq, at = g_get_real_time () / G_USEC_PER_SEC;
  Fields f;

  g_return_val_if_fail (ts_store_in_writer (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->action != NULL && entry->object != NULL, FALSE);

  head = ts_store_prepare (self, "SELECT last_seq, hash FROM audit_head WHERE id = 1", error);
  if (head == NULL || ts_store_step (self, head, error) != SQLITE_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TS_ERROR, TS_ERROR_INTERNAL, "The audit head is missing");
      return FALSE;
    }
  seq = sqlite3_column_int64 (head, 0) + 1;
  prev = ts_stmt_column_dup (head, 1);

  fields_init (&f, seq, at, entry->user_id, entry->role, entry->action, entry->object,
               entry->object_id, entry->request_id, entry->organisation_id);
  hash = entry_hash (prev, &f);

  insert = ts_store_prepare (self,
                             "INSERT INTO audit_log (seq, at, user_id, role, action, object,"
                             " object_id, request_id, organisation_id, prev_hash, hash)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (f.number[i] && f.text[i] != NULL)
        sqlite3_bind_int64 (insert, (int) i + 1, f.value[i]);
      else
        ts_stmt_bind_text_or_null (insert, (int) i + 1, f.number[i] ? NULL : f.text[i]);
    }
  sqlite3_bind_text (insert, N_FIELDS + 1, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, N_FIELDS + 2, hash, -1, SQLITE_STATIC);
  if (!ts_store_step_done (self, insert, error))
    return FALSE;

  update = ts_store_prepare (self, "UPDATE audit_head SET last_seq = ?, hash = ? WHERE id = 1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, seq);
  sqlite3_bind_text (update, 2, hash, -1, SQLITE_STATIC);
  return ts_store_step_done (self, update, error);
}

typedef struct {
  const TsAuditAnchor *anchor;
  TsAuditVerification *out;
} Verify;

static gboolean
verify_in_snapshot (TsStore *self, gpointer user_data, GError **error)
{
  Verify *verify = user_data;
  TsAuditVerification *out = verify->out;
  const TsAuditAnchor *anchor = verify->anchor;
  g_autoptr(TsStmt) rows = NULL;
  g_autoptr(TsStmt) head = NULL;
  g_autofree char *prev = g_strdup (ZERO_HASH);
  gint64 expected_seq = 1;
  int rc;

  out->ok = TRUE;
  out->entries = 0;
  out->first_bad_seq = 0;
  out->anchor_ok = anchor == NULL || anchor->seq == 0;

  rows = ts_store_prepare (self,
                           "SELECT seq, at, user_id, role, action, object, object_id,"
                           " request_id, prev_hash, hash, organisation_id FROM audit_log"
                           " ORDER BY seq", error);
  if (rows == NULL)
    return FALSE;
  while ((rc = ts_store_step (self, rows, error)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (rows, 0);
      const char *stored_prev = (const char *) sqlite3_column_text (rows, 8);
      const char *stored_hash = (const char *) sqlite3_column_text (rows, 9);
      g_autofree char *hash = NULL;
      Fields f;

      out->entries++;
      /* The anchored entry is still there with the hash written down. */
      if (anchor != NULL && anchor->seq != 0 && seq == anchor->seq)
        out->anchor_ok = g_strcmp0 (stored_hash, anchor->hash) == 0;
      if (!out->ok)
        continue;
      fields_init (&f, seq, sqlite3_column_int64 (rows, 1), sqlite3_column_int64 (rows, 2),
                   (const char *) sqlite3_column_text (rows, 3),
                   (const char *) sqlite3_column_text (rows, 4),
                   (const char *) sqlite3_column_text (rows, 5), sqlite3_column_int64 (rows, 6),
                   (const char *) sqlite3_column_text (rows, 7),
                   sqlite3_column_int64 (rows, 10));
      hash = entry_hash (prev, &f);
      /* A missing entry shows as a gap in seq; an edited one as a hash that
       * no longer matches. */
      if (seq != expected_seq || g_strcmp0 (stored_prev, prev) != 0 ||
          g_strcmp0 (stored_hash, hash) != 0)
        {
          out->ok = FALSE;
          out->first_bad_seq = seq != expected_seq ? expected_seq : seq;
          continue;
        }
      g_free (prev);
      prev = g_strdup (stored_hash);
      expected_seq++;
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  if (out->ok)
    {
      head = ts_store_prepare (self, "SELECT last_seq, hash FROM audit_head WHERE id = 1", error);
      if (head == NULL)
        return FALSE;
      if (ts_store_step (self, head, error) != SQLITE_ROW ||
          sqlite3_column_int64 (head, 0) != expected_seq - 1 ||
          g_strcmp0 ((const char *) sqlite3_column_text (head, 1), prev) != 0)
        {
          /* The newest entries were removed: the first missing one is bad. */
          out->ok = FALSE;
          out->first_bad_seq = expected_seq;
        }
    }
  return TRUE;
}

gboolean
ts_store_audit_verify_anchored (TsStore *self, const TsAuditAnchor *anchor,
                                TsAuditVerification *out, GError **error)
{
  Verify verify = { anchor, out };

  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  return ts_store_read (self, verify_in_snapshot, &verify, error);
}

gboolean
ts_store_audit_verify (TsStore *self, TsAuditVerification *out, GError **error)
{
  return ts_store_audit_verify_anchored (self, NULL, out, error);
}

static void
anchor_from_row (TsStmt *stmt, gpointer element)
{
  TsAuditAnchor *out = element;

  out->seq = sqlite3_column_int64 (stmt, 0);
  g_strlcpy (out->hash, (const char *) sqlite3_column_text (stmt, 1), sizeof out->hash);
}

static gboolean
read_newest (TsStore *self, gpointer user_data, GError **error)
{
  TsAuditAnchor *out = user_data;
  g_autoptr(TsStmt) stmt = ts_store_prepare (self,
                                             "SELECT seq, hash FROM audit_log"
                                             " ORDER BY seq DESC LIMIT 1", error);

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  return ts_store_fetch_into (self, stmt, out, anchor_from_row, NULL, error);
}

gboolean
ts_store_audit_newest (TsStore *self, TsAuditAnchor *out, GError **error)
{
  g_return_val_if_fail (TS_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  return ts_store_read (self, read_newest, out, error);
}

void
ts_audit_record_clear (gpointer data)
{
  TsAuditRecord *r = data;

  g_clear_pointer (&r->role, g_free);
  g_clear_pointer (&r->action, g_free);
  g_clear_pointer (&r->object, g_free);
  g_clear_pointer (&r->request_id, g_free);
}

static void
audit_record_from_row (TsStmt *stmt, gpointer element)
{
  TsAuditRecord *r = element;

  r->seq = sqlite3_column_int64 (stmt, 0);
  r->at = sqlite3_column_int64 (stmt, 1);
  r->user_id = sqlite3_column_int64 (stmt, 2);
  r->role = ts_stmt_column_dup (stmt, 3);
  r->action = ts_stmt_column_dup (stmt, 4);
  r->object = ts_stmt_column_dup (stmt, 5);
  r->object_id = sqlite3_column_int64 (stmt, 6);
  r->request_id = ts_stmt_column_dup (stmt, 7);
  r->organisation_id = sqlite3_column_int64 (stmt, 8);
}

/* SPEC 2.6: an auditor reads the entries of its organisations (the index
 * audit_log_organisation serves a scoped page). */
GArray *
ts_store_audit_list (TsStore *self, const GArray *scope, gint64 after_seq, gint64 from_at,
                     gint64 until_at, guint limit, GError **error)
{
  g_autoptr(TsStmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TsAuditRecord));

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  g_array_set_clear_func (out, ts_audit_record_clear);
  stmt = ts_store_prepare (self,
                           "SELECT seq, at, user_id, role, action, object, object_id, request_id,"
                           " organisation_id FROM audit_log WHERE " TS_SCOPE_SQL ("organisation_id")
                           " AND seq > :after AND at >= :from AND at < :until ORDER BY seq LIMIT :limit",
                           error);
  if (stmt == NULL)
    return NULL;
  ts_stmt_bind_page (stmt, scope, 0, after_seq, limit);
  ts_stmt_bind_named_int64 (stmt, ":from", from_at);
  ts_stmt_bind_named_int64 (stmt, ":until", until_at > 0 ? until_at : G_MAXINT64);
  if (!ts_store_collect_into (self, stmt, out, audit_record_from_row, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* "SEQ HASH", as `tsunagari audit anchor` prints it: a positive number,
 * white space, and 64 hexadecimal digits (either case). */
gboolean
ts_audit_anchor_parse (const char *text, TsAuditAnchor *out)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  guint64 seq = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  parts = g_strsplit_set (copy, " \t", -1);
  /* Runs of white space separate the two words. */
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, parts[i]);
  if (words->len != 2 ||
      !g_ascii_string_to_unsigned (words->pdata[0], 10, 1, G_MAXINT64, &seq, NULL) ||
      strlen (words->pdata[1]) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    {
      char c = ((const char *) words->pdata[1])[i];
      if (!g_ascii_isxdigit (c))
        return FALSE;
      out->hash[i] = g_ascii_tolower (c);
    }
  out->seq = (gint64) seq;
  return TRUE;
}
