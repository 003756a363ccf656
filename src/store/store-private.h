/*
 * What the store's own files share; nothing outside src/store/ includes this.
 */
#pragma once

#include <sqlite3.h>

#include "core/date.h"
#include "core/error.h"
#include "model/resource.h"
#include "store/store.h"

G_BEGIN_DECLS

/* A statement borrowed from the calling thread's cache: the cleanup resets
 * it for the next user.  When the cached one is still being stepped (the
 * same SQL prepared again further down the stack), ts_store_prepare()
 * prepares one for this use only, which the cleanup finalizes; either way
 * release it on the thread that prepared it.  NULL with error set when the
 * SQL cannot be prepared. */
typedef sqlite3_stmt TsStmt;
void ts_stmt_release (TsStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStmt, ts_stmt_release)

TsStmt   *ts_store_prepare   (TsStore *self, const char *sql, GError **error);
gboolean  ts_store_step_done (TsStore *self, TsStmt *stmt, GError **error);
int       ts_store_step      (TsStore *self, TsStmt *stmt, GError **error);
gint64    ts_store_last_insert_rowid (TsStore *self);
int       ts_store_changes   (TsStore *self);
void      ts_store_set_error (TsStore *self, int rc, GError **error);

void      ts_stmt_bind_text_or_null (TsStmt *stmt, int idx, const char *text);
void      ts_stmt_bind_date_or_null (TsStmt *stmt, int idx, guint32 date);
guint32   ts_stmt_column_date       (TsStmt *stmt, int col);
char     *ts_stmt_column_dup        (TsStmt *stmt, int col);
void      ts_stmt_bind_id_or_null   (TsStmt *stmt, int idx, gint64 id);

/* SPEC 2.6: a list's rows limited to the caller's organisations.  The SQL
 * names one parameter, :scope, which ts_stmt_bind_scope() binds to the
 * ids as a JSON array, or to NULL for "every organisation". */
#define TS_SCOPE_SQL(column) \
  "(:scope IS NULL OR " column " IN (SELECT value FROM json_each (:scope)))"
void      ts_stmt_bind_scope        (TsStmt *stmt, const GArray *scope);

/* A list's period: the rows whose @column (a date) is on or after :from
 * and on or before :to, a NULL end being open.  ts_stmt_bind_period()
 * binds the two parameters (TS_DATE_NONE: NULL), also for SQL that names
 * them otherwise. */
#define TS_PERIOD_SQL(column) \
  "(:from IS NULL OR " column " >= :from) AND (:to IS NULL OR " column " <= :to)"
void      ts_stmt_bind_period       (TsStmt *stmt, TsDate from, TsDate to);

/* A list of what passes between two organisations (dispatch requests,
 * transfers): the rows whose receiver (incoming) or sender (outgoing) is in
 * :scope, either with :dir NULL, one page after :after.  The SQL is the
 * WHERE clause; ts_stmt_bind_between() binds all four parameters
 * (@direction: "incoming", "outgoing" or NULL). */
#define TS_BETWEEN_SQL                                                          \
  " WHERE id > :after AND"                                                      \
  " (((:dir IS NULL OR :dir = 'incoming') AND " TS_SCOPE_SQL ("to_organisation_id") ")" \
  " OR ((:dir IS NULL OR :dir = 'outgoing') AND " TS_SCOPE_SQL ("from_organisation_id") "))" \
  " ORDER BY id LIMIT :limit"
void      ts_stmt_bind_between      (TsStmt *stmt, const char *direction, const GArray *scope,
                                     gint64 after_id, guint limit);

/* Steps a write; a UNIQUE violation becomes TS_ERROR_ALREADY_EXISTS with
 * duplicate_message when one is given. */
gboolean  ts_store_step_write (TsStore *self, TsStmt *stmt, const char *duplicate_message,
                               GError **error);
/* The same with another code for the UNIQUE violation (a lost race is a
 * TS_ERROR_CONFLICT). */
gboolean  ts_store_step_write_as (TsStore *self, TsStmt *stmt, TsErrorCode duplicate_code,
                                  const char *duplicate_message, GError **error);

/* Prepares sql and binds id to its first parameter, for the many
 * statements that read or change one row by its id. */
TsStmt   *ts_store_prepare_id (TsStore *self, const char *sql, gint64 id, GError **error);

/* Steps a query that counts (SELECT count(*) …): the count, or -1 with
 * @error set when the step fails. */
gint64     ts_store_step_count (TsStore *self, TsStmt *stmt, GError **error);

/* Steps stmt to its end and gathers from_row() of each row, which
 * free_func frees; NULL with error set when a step fails. */
typedef gpointer (*TsRowFunc) (TsStmt *stmt);
GPtrArray *ts_store_collect (TsStore *self, TsStmt *stmt, TsRowFunc from_row,
                             GDestroyNotify free_func, GError **error);
/* Steps a query that must give a row: none is TS_ERROR_NOT_FOUND with
 * @not_found (N_()), a failed step its error; TRUE with the row to read. */
gboolean   ts_store_step_row  (TsStore *self, TsStmt *stmt, const char *not_found,
                               GError **error);
/* One row: from_row() of it; none and a failed step as in
 * ts_store_step_row(). */
gpointer   ts_store_fetch_one (TsStore *self, TsStmt *stmt, TsRowFunc from_row,
                               const char *not_found, GError **error);
/* Steps a write that must change a row: none changed (a stale version, a
 * state already left) is @code with @message (N_()). */
gboolean   ts_store_step_changed (TsStore *self, TsStmt *stmt, TsErrorCode code,
                                  const char *message, GError **error);
/* The same into an array of structs: from_row fills each new element,
 * given zeroed.  FALSE with error set when a step fails. */
gboolean   ts_store_collect_into (TsStore *self, TsStmt *stmt, GArray *out,
                                  void (*from_row) (TsStmt *stmt, gpointer element),
                                  GError **error);
/* At most one row into a struct: from_row fills @element when there is a
 * row, and *@out_found (may be NULL) says whether there was one.  FALSE
 * with error set when the step fails. */
gboolean   ts_store_fetch_into (TsStore *self, TsStmt *stmt, gpointer element,
                                void (*from_row) (TsStmt *stmt, gpointer element),
                                gboolean *out_found, GError **error);

/* ---- what every table's file does the same way (rows.c) ---- */

/* Binds the parameter named @name (":status"); text NULL, a date
 * TS_DATE_NONE and an id of 0 bind NULL (as the _or_null binds do). */
void      ts_stmt_bind_named_text  (TsStmt *stmt, const char *name, const char *text);
void      ts_stmt_bind_named_int64 (TsStmt *stmt, const char *name, gint64 value);
void      ts_stmt_bind_named_date  (TsStmt *stmt, const char *name, TsDate date);
void      ts_stmt_bind_named_id    (TsStmt *stmt, const char *name, gint64 id);

/* A place as two columns, lat and lon, both NULL for none: the binds of
 * @idx and @idx + 1, and the read of @col and @col + 1 (FALSE, and 0.0 in
 * both, when either is NULL). */
void      ts_stmt_bind_location   (TsStmt *stmt, int idx, gboolean has_location, double lat,
                                   double lon);
gboolean  ts_stmt_column_location (TsStmt *stmt, int col, double *out_lat, double *out_lon);

/* The end of a resource's list (SPEC 2.6, keyset paging): the rows of the
 * caller's organisations (:scope, see TS_SCOPE_SQL), of one of them (:org,
 * NULL for any), after :after, at most :limit, in id order.
 * ts_stmt_bind_page() binds the four (@organisation_id 0: any), also for a
 * list that writes its own page SQL with :scope, :after and :limit (and
 * :org when it has one). */
#define TS_PAGE_SQL                                                             \
  TS_SCOPE_SQL ("organisation_id") " AND (:org IS NULL OR organisation_id = :org)" \
  " AND id > :after ORDER BY id LIMIT :limit"
void      ts_stmt_bind_page (TsStmt *stmt, const GArray *scope, gint64 organisation_id,
                             gint64 after_id, guint limit);

/* A list by status and place (supporters, cases): each combination of the
 * two filters has its own statement, so that SQLite uses the (status, id)
 * and (municipality_code, id) indexes.  @select is "SELECT … FROM table";
 * TS_STATUS_PLACE_SQL() gives the four statements that
 * ts_store_list_status_place() chooses from (@status, @place NULL: any). */
#define TS_STATUS_PLACE_SQL(select)                                                      \
  {                                                                                      \
    select " WHERE " TS_PAGE_SQL,                                                        \
    select " WHERE municipality_code = :place AND " TS_PAGE_SQL,                         \
    select " WHERE status = :status AND " TS_PAGE_SQL,                                   \
    select " WHERE status = :status AND municipality_code = :place AND " TS_PAGE_SQL,   \
  }
GPtrArray *ts_store_list_status_place (TsStore *self, const char *const sql[4],
                                       const char *status, const char *place,
                                       const GArray *scope, gint64 organisation_id,
                                       gint64 after_id, guint limit, TsRowFunc from_row,
                                       GDestroyNotify free_func, GError **error);

/* A list of what passes between two organisations, one page: @sql is
 * "SELECT … FROM table" TS_BETWEEN_SQL, @direction a TsDispatchDirection
 * or TS_FILTER_ANY. */
GPtrArray *ts_store_list_between (TsStore *self, const char *sql, int direction,
                                  const GArray *scope, gint64 after_id, guint limit,
                                  TsRowFunc from_row, GDestroyNotify free_func, GError **error);

/* One row by its id: @sql selects it with one parameter, the id; none is
 * TS_ERROR_NOT_FOUND with @not_found (N_()). */
gpointer   ts_store_fetch_id (TsStore *self, const char *sql, gint64 id, TsRowFunc from_row,
                              const char *not_found, GError **error);
/* Every row @sql selects with one parameter, an id (a record's history,
 * its sub-records). */
GPtrArray *ts_store_collect_id (TsStore *self, const char *sql, gint64 id, TsRowFunc from_row,
                                GDestroyNotify free_func, GError **error);
/* The same with three parameters: the id, and the first and the last day
 * of a period (a calendar, a host's days). */
GPtrArray *ts_store_collect_id_period (TsStore *self, const char *sql, gint64 id, TsDate from,
                                       TsDate to, TsRowFunc from_row, GDestroyNotify free_func,
                                       GError **error);

/* Steps an INSERT (a UNIQUE violation as in ts_store_step_write()) and
 * gives the new row's id in @out_id, which may be NULL. */
gboolean   ts_store_step_insert (TsStore *self, TsStmt *stmt, const char *duplicate_message,
                                 gint64 *out_id, GError **error);

/* An optimistic update: the SET of its SQL ends with TS_VERSIONED_SQL,
 * which bumps the version and names :now, :id and :version.
 * ts_store_step_versioned() binds those three, steps the write (a UNIQUE
 * violation as in ts_store_step_write()) and makes no row changed — the
 * row is gone or someone else's change came first — a
 * TS_ERROR_PRECONDITION_FAILED with @stale_message (N_()). */
#define TS_VERSIONED_SQL \
  " version = version + 1, updated_at = :now WHERE id = :id AND version = :version"
gboolean   ts_store_step_versioned (TsStore *self, TsStmt *stmt, gint64 now, gint64 id,
                                    gint64 expected_version, const char *duplicate_message,
                                    const char *stale_message, GError **error);

/* Binds the columns of a record that its table's INSERT and UPDATE both
 * list, at the same parameters (bind_case(), bind_host() …). */
typedef void (*TsBindFunc) (TsStmt *stmt, gconstpointer record);
/* A new row of a versioned record: @sql binds @record with bind() and
 * names :now (created_at and updated_at) and :org (organisation_id); the
 * step as in ts_store_step_insert(). */
gboolean   ts_store_record_insert (TsStore *self, const char *sql, TsBindFunc bind,
                                   gconstpointer record, gint64 organisation_id, gint64 now,
                                   const char *duplicate_message, gint64 *out_id,
                                   GError **error);
/* Writes every column of a versioned record over its row: @sql binds
 * @record with bind() and its SET ends with TS_VERSIONED_SQL; the step as
 * in ts_store_step_versioned(). */
gboolean   ts_store_record_update (TsStore *self, const char *sql, TsBindFunc bind,
                                   gconstpointer record, gint64 id, gint64 expected_version,
                                   gint64 now, const char *duplicate_message,
                                   const char *stale_message, GError **error);

/* A row of a status history (supporter_status_changes,
 * host_status_changes): (id, from_status, to_status, changed_on, reason,
 * user_id, at), its statuses words of @statuses (a word not among them
 * reads as 0, the first status). */
TsStatusChange *ts_stmt_column_status_change (TsStmt *stmt, const TsVocabulary *statuses);
/* @sql inserts (owner id, from_status, to_status,
 * changed_on, reason, user_id, at) in this order. */
gboolean   ts_store_status_change_insert (TsStore *self, const char *sql, gint64 owner_id,
                                          const char *from_status, const char *to_status,
                                          TsDate changed_on, const char *reason,
                                          gint64 user_id, gint64 now, GError **error);

/* Vocabularies: the index of text in names, for the _from_string()s. */
char     *ts_store_next_code   (TsStore *self, const char *max_sql, const char *prefix,
                                GError **error);
gboolean  ts_store_name_lookup (const char *const *names, guint n_names, const char *text,
                                guint *out_index);

/* JSON text columns (columns.c). */
char    **ts_store_strv_from_text         (const char *text);
GArray   *ts_store_availability_from_text (const char *text);
char     *ts_store_availability_to_text   (GArray *slots);

G_END_DECLS
