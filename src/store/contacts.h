/*
 * Consultation records and consultees (SPEC 2.7; issue 16): the records
 * are in model/contact.h.  Both are written once and never changed.
 */
#pragma once

#include <glib.h>

#include "model/contact.h"
#include "store/store.h"

G_BEGIN_DECLS

/* Writer thread only. */
gboolean ts_store_consultee_insert (TsStore                 *self,
                                    const TsConsulteeRecord *record,
                                    gint64                   now,
                                    gint64                  *out_id,
                                    GError                 **error);
/* A second first contact of the same case or consultee is
 * TS_ERROR_ALREADY_EXISTS (the schema's unique indexes). */
gboolean ts_store_contact_insert   (TsStore                 *self,
                                    const TsContactRecord   *record,
                                    gint64                   now,
                                    gint64                  *out_id,
                                    GError                 **error);

/* Any thread. */
/* The consultee with its first and last contact dates and its count of
 * contacts; TS_ERROR_NOT_FOUND "No such consultee". */
TsConsulteeRecord *ts_store_consultee_get (TsStore  *self,
                                           gint64    id,
                                           GError  **error);
TsContactRecord   *ts_store_contact_get   (TsStore  *self,
                                           gint64    id,
                                           GError  **error);
/* Whether case @case_id (or, with @case_id 0, consultee @consultee_id)
 * has its first contact recorded. */
gboolean           ts_store_contact_first_exists (TsStore  *self,
                                                  gint64    case_id,
                                                  gint64    consultee_id,
                                                  gboolean *out_exists,
                                                  GError  **error);
/* A page in id order of the contacts after @after_id matching @query,
 * within its scope.  Fits TsListRowsFunc. */
GPtrArray         *ts_store_contact_list  (TsStore              *self,
                                           const TsContactQuery *query,
                                           gint64                after_id,
                                           guint                 limit,
                                           GError              **error);
/* A page in id order of the consultees after @after_id within
 * @query's scope (the service filters by ?q).  Fits TsListRowsFunc. */
GPtrArray         *ts_store_consultee_list (TsStore                *self,
                                            const TsConsulteeQuery *query,
                                            gint64                  after_id,
                                            guint                   limit,
                                            GError                **error);
/* The date of the first contact of case @case_id (or, with @case_id 0,
 * consultee @consultee_id) and the date of its earliest contact;
 * TS_DATE_NONE where there is none. */
gboolean           ts_store_contact_person_dates (TsStore  *self,
                                                  gint64    case_id,
                                                  gint64    consultee_id,
                                                  TsDate   *out_first,
                                                  TsDate   *out_earliest,
                                                  GError  **error);

G_END_DECLS
