/*
 * Consultation records (相談記録; SPEC 2.7, 3.3; issue 16; seed 004 文京
 * 相談実績): staff record each contact, about a case or a consultee.
 *
 * Who: coordinators and administrators write and read them; an auditor
 * reads nothing person-level here (the year-end statistics are its view);
 * supporters and hosts are refused (403).  Where (SPEC 2.6): a new
 * consultee belongs to the caller's organisation; a contact belongs to its
 * person's (the case's or the consultee's), which for a coordinator is its
 * own; anything outside the caller's scope is 404 with the words of a
 * missing id ("No such case", "No such consultee", "No such contact").
 *
 * The rules of a contact, beyond its field table:
 * - date: not in the future, not before 2000; minutes 1–720 where given;
 * - the person: exactly one of case_id, consultee_id and consultee (a new
 *   consultee: nickname at most 50 characters, age_band, gender);
 * - a new consultee comes with its first contact, or with a continuing one
 *   when its first contact was never recorded (before the organisation's
 *   records began); later contacts name the case or the consultee;
 * - a person has one first contact (409 already_exists for a second);
 * - a continuing contact is not dated before the person's recorded first
 *   contact, a first contact not after a recorded contact (422 on date);
 * - the contactor's age band is recorded on a first contact only.
 * Every write and every read is audited; the entries name the records by
 * id, never their contents.
 */
#pragma once

#include "model/contact.h"
#include "service/resource.h"
#include "service/service.h"

G_BEGIN_DECLS

typedef struct {
  TsContactRecord *record;
} TsContactView;

void ts_contact_view_free (TsContactView *view);

typedef struct {
  TsConsulteeRecord *record;
} TsConsulteeView;

void ts_consultee_view_free (TsConsulteeView *view);

/* GET /v1/contacts and /v1/contacts/{id} (ts_service_list, _get). */
extern const TsResourceOps ts_contact_ops;
/* GET /v1/consultees/{id} (ts_service_get). */
extern const TsResourceOps ts_consultee_ops;

/* @draft as read from POST /v1/contacts (@present: TsContactFields bits;
 * draft->consultee with draft->consultee_present for a new consultee).
 * Returns the new contact, whose consultee_id names the consultee it
 * created. */
TsContactRecord *ts_service_contact_create (TsService             *self,
                                            TsContext             *ctx,
                                            const TsContactRecord *draft,
                                            guint                  present,
                                            GError               **error);

G_END_DECLS
