/*
 * A resource as data: what the registry's records are, field by field.
 *
 * Every resource of the API (supporters, cases, hosts, placements,
 * assignments, activities, courses) is described once here, below the
 * service and beside domain/: the record's fields with their JSON names,
 * types, limits and whether a client may write them, the status vocabulary,
 * the list's paging and filters.  The generic code above reads the
 * descriptor instead of repeating it per resource: the HTTP layer parses
 * bodies and list queries and renders records from it (http/resource.c),
 * the service pages lists with their read audit and applies versioned
 * updates with it (service/resource.c).  What differs per resource stays
 * in its own files: domain rules, state transitions, special verbs, SQL.
 *
 * No SQL and no HTTP here: a descriptor says what a field is, not how it is
 * stored or sent.
 */
#pragma once

#include <glib.h>

#include "core/context.h"
#include "core/date.h"
#include "core/vocabulary.h"

G_BEGIN_DECLS

typedef enum {
  TS_FIELD_ID,          /* gint64 > 0; 0 is none (null) */
  TS_FIELD_INT,         /* int in [min, max] */
  TS_FIELD_INT64,       /* gint64 (versions, counters) */
  TS_FIELD_BOOL,        /* gboolean */
  TS_FIELD_TEXT,        /* char *, at most max characters; NULL is none */
  TS_FIELD_MUNICIPALITY, /* char *, a 全国地方公共団体コード of the table */
  TS_FIELD_DATE,        /* TsDate; TS_DATE_NONE is none */
  TS_FIELD_TIMESTAMP,   /* gint64 Unix seconds, ISO 8601 in Asia/Tokyo */
  TS_FIELD_ENUM,        /* int, one of the vocabulary's names */
  TS_FIELD_WEEKDAYS,    /* guint, TS_WEEKDAY_BIT (d) for ISO weekday d; a list in JSON */
  TS_FIELD_KEYWORD,     /* char *, one of the vocabulary's names; NULL is none */
} TsFieldType;

typedef enum {
  TS_FIELD_READ_ONLY  = 0,
  TS_FIELD_WRITABLE   = 1 << 0,   /* a client may send it (create, update) */
  TS_FIELD_REQUIRED   = 1 << 1,   /* on create, and never cleared */
  TS_FIELD_MULTILINE  = 1 << 2,   /* text that may hold line breaks */
  TS_FIELD_STAFF_ONLY = 1 << 3,   /* left out when a record's subject reads it */
  TS_FIELD_CUSTOM     = 1 << 4,   /* read, checked and rendered by the resource's own code */
} TsFieldFlags;

/* One field of a record (or of a list query): @offset into the struct,
 * @bit in the "present" mask of a draft (0 for read-only fields). */
typedef struct {
  const char         *name;
  TsFieldType         type;
  TsFieldFlags        flags;
  gsize               offset;
  guint               bit;
  gint64              min;
  gint64              max;
  const TsVocabulary *vocabulary;
} TsField;

/* The head of every resource's list query: its own filters follow. */
typedef struct {
  gint64        after_id;             /* 0: from the start */
  int           limit;                /* 0: the resource's default */
  /* The organisations whose records the list may hold (SPEC 2.6), gint64
   * ascending; NULL: all.  Set by the service from the caller, never by a
   * client. */
  const GArray *scope;
} TsListQuery;

/* How many organisation links a record may have (SPEC 2.6). */
#define TS_RESOURCE_SCOPE_MAX 2

typedef struct {
  const char    *name;                /* "host": the audit log's object, messages */
  const char    *collection;          /* "hosts": a list page's member */
  char           cursor_kind;         /* tells one list's cursors from another's */
  int            list_default;
  int            list_max;
  const TsField *fields;              /* in the order the API shows them */
  guint          n_fields;
  gsize          record_size;         /* every record starts with gint64 id */
  const TsField *filters;             /* query parameters, offsets into @query_size */
  guint          n_filters;
  gsize          query_size;          /* starts with a TsListQuery */
  const char    *status_hint;         /* why "status" is read-only: the verbs that change it */
  gboolean       reads_unlogged;      /* not personal records: lists and reads leave no audit entry */
  /* The offsets of the record's gint64 organisation ids (SPEC 2.6): a
   * caller sees the record when any of them is in its scope.  0 ends the
   * list (offset 0 is the id); none at all: the resource is not scoped. */
  gsize          scope[TS_RESOURCE_SCOPE_MAX];
  /* What a missing id is answered with (N_()); a record outside the
   * caller's scope gets the same words, so that ids cannot be probed. */
  const char    *not_found;
} TsResource;

/* The members of a TsResource that follow from its field table and record
 * type, and from its filter table and query type:
 *   TS_RESOURCE_FIELDS (fields, TsHostRecord), TS_RESOURCE_FILTERS (filters, TsHostQuery) */
#define TS_RESOURCE_FIELDS(table, Record) \
  .fields = (table), .n_fields = G_N_ELEMENTS (table), .record_size = sizeof (Record)
#define TS_RESOURCE_FILTERS(table, Query) \
  .filters = (table), .n_filters = G_N_ELEMENTS (table), .query_size = sizeof (Query)

/* Rows of a field table.  A member the API shows and no client writes,
 * with no bounds and no vocabulary:
 *   TS_FIELD_SHOWN ("user_id", TS_FIELD_ID, TS_FIELD_READ_ONLY, F (user_id))
 * (@flags: TS_FIELD_READ_ONLY, or TS_FIELD_STAFF_ONLY for a staff-only one).
 * The id that starts every record, and the version and timestamps of a
 * record that is updated, in the order the API shows them: */
#define TS_FIELD_SHOWN(name, type, flags, offset) \
  { (name), (type), (flags), (offset), 0, 0, 0, NULL }
#define TS_FIELD_ROW_ID(Record) \
  TS_FIELD_SHOWN ("id", TS_FIELD_ID, TS_FIELD_READ_ONLY, G_STRUCT_OFFSET (Record, id))
#define TS_FIELD_ROWS_VERSIONED(Record, flags) \
  TS_FIELD_SHOWN ("version", TS_FIELD_INT64, (flags), G_STRUCT_OFFSET (Record, version)), \
  TS_FIELD_SHOWN ("created_at", TS_FIELD_TIMESTAMP, (flags), \
                  G_STRUCT_OFFSET (Record, created_at)), \
  TS_FIELD_SHOWN ("updated_at", TS_FIELD_TIMESTAMP, (flags), \
                  G_STRUCT_OFFSET (Record, updated_at))

/* A filter of an enum is an int: this value means "any". */
#define TS_FILTER_ANY (-1)

/* ?order of a list that offers it: oldest first (the default, and
 * TS_FILTER_ANY) or newest first.  A cursor continues the order of the
 * page it came with. */
typedef enum {
  TS_LIST_ORDER_OLDEST,
  TS_LIST_ORDER_NEWEST,
} TsListOrder;

extern const TsVocabulary ts_list_order_vocabulary;

const TsField *ts_resource_field       (const TsResource *resource,
                                        const char       *name);

gpointer       ts_record_new           (const TsResource *resource);
gpointer       ts_record_copy          (const TsResource *resource,
                                        gconstpointer     record);
void           ts_record_clear         (const TsResource *resource,
                                        gpointer          record);
void           ts_record_free          (const TsResource *resource,
                                        gpointer          record);
gint64         ts_record_get_id        (gconstpointer     record);
gint64         ts_record_get_version   (const TsResource *resource,
                                        gconstpointer     record);
gpointer       ts_query_new            (const TsResource *resource);
/* Whether @record belongs to an organisation in @ctx's scope (TRUE for a
 * resource that is not scoped). */
gboolean       ts_record_in_scope      (const TsResource *resource,
                                        gconstpointer     record,
                                        const TsContext  *ctx);

/* The one wording of a rule, whichever record or list breaks it (N_()). */
const char    *ts_range_message        (gint64            min,
                                        gint64            max);
const char    *ts_too_long_message     (gint64            max);

/* The constructor and destructor of a record with nothing beyond its field
 * table, in the manner of G_DEFINE_TYPE; the header declares them:
 *   TS_DEFINE_RECORD (TsVisitRecord, ts_visit_record, ts_visit_resource)
 * defines ts_visit_record_new() and ts_visit_record_free().  A record with
 * defaults of its own writes its _new() and uses TS_DEFINE_RECORD_FREE; one
 * that owns more than its table's texts writes its _free(). */
#define TS_DEFINE_RECORD_NEW(TypeName, type_name, resource) \
  TypeName * \
  type_name##_new (void) \
  { \
    return ts_record_new (&(resource)); \
  }
#define TS_DEFINE_RECORD_FREE(TypeName, type_name, resource) \
  void \
  type_name##_free (TypeName *record) \
  { \
    ts_record_free (&(resource), record); \
  }
#define TS_DEFINE_RECORD(TypeName, type_name, resource) \
  TS_DEFINE_RECORD_NEW (TypeName, type_name, resource) \
  TS_DEFINE_RECORD_FREE (TypeName, type_name, resource)

#define TS_FIELD_MEMBER(type, record, field) \
  G_STRUCT_MEMBER (type, (record), (field)->offset)

/* One row of a record's status history (supporters, hosts): the statuses
 * are values of the resource's status vocabulary (TsSupporterStatus,
 * TsHostStatus). */
typedef struct {
  gint64  id;
  int     from_status;
  int     to_status;
  TsDate  changed_on;
  char   *reason;                   /* NULL: none given */
  gint64  user_id;                  /* 0: the command line */
  gint64  at;
} TsStatusChange;

void ts_status_change_free (TsStatusChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStatusChange, ts_status_change_free)

G_END_DECLS
