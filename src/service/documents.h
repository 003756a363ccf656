/*
 * What the printable documents show (issue 16, SPEC 3.3): the サポーター証,
 * the 支払通知書 and the 職親 受入実績報告書, read with the same checks and
 * audit entries as the records they print; print/documents.h draws them.
 *
 * Who: staff (administrator, coordinator) for the records of their
 * organisations (SPEC 2.6: any other is "not found"); a supporter for their
 * own card and statements, a host account for its own statements and
 * report, where any other id is "not found" as for the records themselves.
 * Auditors are refused (403): they get aggregates only.
 */
#pragma once

#include "service/hosts.h"
#include "service/service.h"
#include "service/supporters.h"
#include "store/statements.h"

G_BEGIN_DECLS

typedef struct {
  TsSupporterView *supporter;        /* with its qualification today */
  char            *organisation_name; /* who issues the card; NULL: unknown */
  TsDate           issued_on;
} TsSupporterCard;

void ts_supporter_card_free (TsSupporterCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsSupporterCard, ts_supporter_card_free)

typedef struct {
  TsStatementRecord *statement;      /* with its lines */
  char              *organisation_name;
  TsDate             issued_on;      /* the document's date: today */
} TsStatementDocument;

void ts_statement_document_free (TsStatementDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStatementDocument, ts_statement_document_free)

typedef struct {
  gint64  case_id;
  char   *nickname;
  GArray *dates;                     /* TsDate attended, ascending */
  gint64  stipend_yen;               /* the ledger's, for these days */
  gint64  stipend_per_day_yen;       /* 0 when the days were paid differently */
} TsHostReportParticipant;

typedef struct {
  TsHostView *host;
  char       *organisation_name;
  int         year;
  int         month;
  GPtrArray  *participants;          /* TsHostReportParticipant*, by case */
  guint       days;                  /* participant-days attended */
  gint64      stipend_yen;
  TsDate      issued_on;
} TsHostReport;

void ts_host_report_free (TsHostReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsHostReport, ts_host_report_free)

/* A registered supporter's card (an applicant, a suspended or a retired
 * supporter is TS_ERROR_CONFLICT); valid until the follow-up training's
 * due date. */
TsSupporterCard     *ts_service_supporter_card      (TsService   *self,
                                                     TsContext   *ctx,
                                                     gint64       id,
                                                     GError     **error);
TsStatementDocument *ts_service_statement_document  (TsService   *self,
                                                     TsContext   *ctx,
                                                     gint64       id,
                                                     GError     **error);
/* @month 1–12 of @year; a read of the host and one of every case shown. */
TsHostReport        *ts_service_host_report         (TsService   *self,
                                                     TsContext   *ctx,
                                                     gint64       host_id,
                                                     int          year,
                                                     int          month,
                                                     GError     **error);

G_END_DECLS
