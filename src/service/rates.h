/*
 * Rate-set use cases (SPEC 2.4, 3.2 Rates; issue 5): an administrator adds
 * effective-dated rate sets; everyone who prices or audits reads them.
 *
 * The money rules are the domain's (domain/rates.h, domain/money.h); this
 * file validates with them, stores the sets and hands the table to the
 * activity and statement use cases.
 */
#pragma once

#include "domain/rates.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  gint64    id;
  TsRateSet set;
  gint64    user_id;                /* who added it; 0: the command line */
  gint64    created_at;             /* Unix seconds */
} TsRateSetRecord;

/* The table as GET /v1/rates shows it: every set, and which is in force
 * on @on (NULL when only the SPEC defaults apply). */
typedef struct {
  GArray          *sets;            /* TsRateSetRecord, oldest effective_from first */
  TsDate           on;
  const TsRateSet *in_force;        /* into sets, or ts_rate_set_get_default () */
  gboolean         defaults_in_force;
} TsRateTable;

void ts_rate_table_free (TsRateTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsRateTable, ts_rate_table_free)

/* Admin.  Field errors name the JSON field (`by_kind.phone.…`); a second set
 * with the same effective_from is TS_ERROR_ALREADY_EXISTS. */
TsRateSetRecord *ts_service_rate_create (TsService       *self,
                                         TsContext       *ctx,
                                         const TsRateSet *set,
                                         GError         **error);
TsRateTable     *ts_service_rate_list   (TsService       *self,
                                         TsContext       *ctx,
                                         GError         **error);

/* For pricing, on any thread and inside a write function (where it reads
 * the transaction's own state): every set as a GArray of TsRateSet, in
 * effective_from order, ready for ts_money_price_activity(). */
GArray          *ts_service_rate_sets   (TsService       *self,
                                         GError         **error);
/* The same inside ts_store_read(), in the caller's snapshot. */
GArray          *ts_service_rate_sets_in (TsStore        *store,
                                          GError        **error);

G_END_DECLS
