/*
 * Case transfers (SPEC 2.6, 3.3; issue 13; 足立 つなぐシート, seed 000):
 * with the person's consent to share with another agency
 * (share_with_agency), staff of the case's organisation move the case to
 * another organisation.  The transfer (from, to, date, who, note) stays
 * visible to both; the case itself then belongs to the new organisation
 * only, and the old one gets "No such case" for it like any other
 * organisation's.  The case's open dispatch requests are withdrawn.
 */
#pragma once

#include "model/dispatch.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  TsCaseTransferRecord *record;
} TsCaseTransferView;

void ts_case_transfer_view_free (TsCaseTransferView *view);

/* GET /v1/transfers (ts_service_list): staff; the transfers to or from
 * the caller's organisations (?direction). */
extern const TsResourceOps ts_case_transfer_ops;

/* @draft: to_organisation_id, transferred_on (default today), note.
 * Returns the new transfer. */
TsCaseTransferRecord *ts_service_transfer_create (TsService                  *self,
                                                  TsContext                  *ctx,
                                                  gint64                      case_id,
                                                  const TsCaseTransferRecord *draft,
                                                  guint                       present,
                                                  GError                    **error);
/* The case's transfers, oldest first (TsCaseTransferRecord*): staff of
 * the case's current organisation; audited as a read of the case. */
GPtrArray            *ts_service_transfer_list_for_case (TsService  *self,
                                                         TsContext  *ctx,
                                                         gint64      case_id,
                                                         GError    **error);

G_END_DECLS
