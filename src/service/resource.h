/*
 * The use cases every resource shares, driven by its descriptor
 * (model/resource.h): one paged list with its read audit, one read of a
 * record with its read audit, one versioned update (If-Match, one rule for
 * all), and the field checks the field table implies.
 *
 * A resource's service module fills one TsResourceOps with what is its
 * own: who may read, which rules a draft must keep, how its record is
 * fetched and saved (store/), how a view is built.  Its special verbs
 * (survey, close, approve, …) stay in its own file.
 */
#pragma once

#include "model/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

/* A page of a list: views in id order, and where the next page starts. */
typedef struct {
  GPtrArray *items;                   /* views, freed with the ops' view_free */
  gint64     next_after_id;           /* 0: this is the last page */
} TsPage;

void ts_page_free (TsPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPage, ts_page_free)

typedef struct _TsResourceOps TsResourceOps;

/* The store's functions fit these directly: a record is any pointer. */
typedef GPtrArray *(*TsListRowsFunc) (TsStore *store, gconstpointer query, gint64 after_id,
                                      guint limit, GError **error);
typedef gpointer   (*TsFetchFunc)    (TsStore *store, gint64 id, GError **error);
typedef gboolean   (*TsSaveFunc)     (TsStore *store, gconstpointer record,
                                      gint64 expected_version, gint64 now, GError **error);

struct _TsResourceOps {
  const TsResource *resource;

  /* Refuses a caller who may not list, checks the filters' values and may
   * narrow @query to what the caller may see (a host account: itself). */
  gboolean   (*check_list)   (TsService *service, TsContext *ctx, gpointer query,
                              GError **error);
  /* Refuses a caller who may not read record @id (403, or 404 to hide it). */
  gboolean   (*check_read)   (TsContext *ctx, gint64 id, GError **error);
  /* Up to @limit records after @after_id matching @query (store/). */
  TsListRowsFunc list_rows;
  /* A list item's view of @record (transfer full). */
  gpointer   (*view_new)     (TsService *service, TsContext *ctx, gpointer record);
  /* The full view of one record, from one snapshot.  NULL: the record
   * from fetch, through view_new. */
  gpointer   (*load_view)    (TsService *service, TsContext *ctx, gint64 id, GError **error);
  GDestroyNotify view_free;

  /* Updates: the rules a draft must keep beyond its field table (@creating:
   * the draft is a new record), the refusal of a record in a state that
   * cannot change, and the store's read and optimistic write. */
  void       (*check_draft)  (TsService *service, TsContext *ctx, gconstpointer draft,
                              guint present, gboolean creating);
  gboolean   (*check_update) (TsContext *ctx, gconstpointer record, GError **error);
  TsFetchFunc fetch;
  GDestroyNotify record_free;
  TsSaveFunc save;
  /* The read audit's entries when they are not "list" or "read" of the
   * resource itself (a placement logs a read of its case, a dispatch
   * request one of each case it shows): @query and @page for a list,
   * @view for a read, the others NULL.  NULL: the resource's own. */
  gboolean   (*audit_read)   (TsService *service, TsContext *ctx, gconstpointer query,
                              const TsPage *page, gconstpointer view, GError **error);
  /* Copies the TS_FIELD_CUSTOM members in @present from @draft to @record
   * (after ts_record_apply()); NULL when there are none. */
  void       (*apply_custom) (gpointer record, gconstpointer draft, guint present);
  /* Where a list needs more than its rows (a filter computed from other
   * tables): up to @limit views after @after_id matching @query, read in
   * the list's snapshot (transfer full).  NULL: list_rows and view_new. */
  GPtrArray *(*list_views)   (TsService *service, TsContext *ctx, TsStore *store,
                              gconstpointer query, gint64 after_id, guint limit,
                              GError **error);
  /* An update's record once the draft is applied, before it is saved: the
   * rules that need the whole record and the store (a case's programme,
   * issue 17).  NULL: none. */
  gboolean   (*check_record) (TsStore *store, TsContext *ctx, gconstpointer record,
                              GError **error);
};

/* Every view starts with its record. */
#define TS_VIEW_RECORD(view) (*(gpointer *) (view))

/* Defines @func, the view_new of a @ViewType that takes only its record
 * (its other members, if any, start as zero). */
#define TS_DEFINE_VIEW_NEW(func, ViewType)                                              \
  static gpointer                                                                       \
  func (G_GNUC_UNUSED TsService *self, G_GNUC_UNUSED TsContext *ctx, gpointer record)   \
  {                                                                                     \
    ViewType *view = g_new0 (ViewType, 1);                                              \
                                                                                        \
    view->record = record;                                                              \
    return view;                                                                        \
  }

TsPage   *ts_service_list       (TsService            *self,
                                 TsContext            *ctx,
                                 const TsResourceOps  *ops,
                                 gpointer              query,
                                 GError              **error);
gpointer  ts_service_get        (TsService            *self,
                                 TsContext            *ctx,
                                 const TsResourceOps  *ops,
                                 gint64                id,
                                 GError              **error);
gpointer  ts_service_update     (TsService            *self,
                                 TsContext            *ctx,
                                 const TsResourceOps  *ops,
                                 gint64                id,
                                 gconstpointer         draft,
                                 guint                 present,
                                 const gint64         *if_match,
                                 guint                 n_if_match,
                                 GError              **error);

/* Refuses a change that the record's status @current_status does not
 * allow (409, TS_ERROR_INVALID_TRANSITION): @message, with the status in
 * the problem's `current_status` (when there is a @ctx).  Returns FALSE. */
gboolean  ts_service_invalid_transition (TsContext   *ctx,
                                         const char  *current_status,
                                         const char  *message,
                                         GError     **error);

/* A supporter's account reaches only its own records (@supporter_id: the
 * record's supporter): another's is answered as missing, @not_found, so
 * that nothing is revealed.  Other roles pass (their scope is checked
 * apart). */
gboolean  ts_service_check_own  (TsContext   *ctx,
                                 gint64       supporter_id,
                                 const char  *not_found,
                                 GError     **error);

/* The value of a list's filter by supporter (or host) that narrows it to
 * the caller's own records: @own_id, or an id no record has when the
 * account is linked to none (it then sees nothing). */
gint64    ts_service_own_filter (gint64 own_id);

/* Every record of a store list matching @query, read in pages of
 * @page_size and appended to @into in id order: for a use case that needs
 * all of them in one snapshot (a calendar feed, a report). */
gboolean  ts_service_list_all (TsStore            *store,
                               TsListRowsFunc      list_rows,
                               gconstpointer       query,
                               guint               page_size,
                               GPtrArray          *into,
                               GError            **error);

/* The check_list and check_read of a resource that only staff see, and
 * the check_read of one a supporter also reads (which of them is for its
 * load_view to say). */
gboolean  ts_service_check_list_staff  (TsService          *self,
                                        TsContext          *ctx,
                                        gpointer            query,
                                        GError            **error);
gboolean  ts_service_check_read_staff  (TsContext          *ctx,
                                        gint64              id,
                                        GError            **error);
gboolean  ts_service_check_read_staff_or_supporter (TsContext  *ctx,
                                                    gint64      id,
                                                    GError    **error);

/* What a create (@creating) or an update checks before its transaction:
 * staff only, then the field table's checks and the ops' check_draft,
 * every bad field in one 422. */
gboolean  ts_service_check_draft  (TsService           *self,
                                   TsContext           *ctx,
                                   const TsResourceOps *ops,
                                   gconstpointer        draft,
                                   guint                present,
                                   gboolean             creating,
                                   GError             **error);

/* The checks a field table implies for the members in @present (all
 * writable ones when @creating): texts, municipality codes, ranges.  A
 * member the HTTP layer already reported is not checked again. */
void      ts_service_check_fields (TsContext          *ctx,
                                   const TsResource   *resource,
                                   gconstpointer       draft,
                                   guint               present,
                                   gboolean            creating);
/* Copies the members in @present from @draft to @record, texts trimmed. */
void      ts_record_apply         (const TsResource   *resource,
                                   gpointer            record,
                                   gconstpointer       draft,
                                   guint               present);

G_END_DECLS
