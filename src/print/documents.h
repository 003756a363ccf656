/*
 * The three printable documents of issue 16 (SPEC 3.3), as A4 PDFs:
 * the サポーター証 (a card to cut out, with crop marks), the 支払通知書 and
 * the 職親 受入実績報告書.  They print what service/documents.h read, in
 * Japanese whatever the request's language: they are filed as the
 * programme's paper records, like the spreadsheets' Japanese headers.
 */
#pragma once

#include <glib.h>

#include "service/documents.h"

G_BEGIN_DECLS

GBytes *ts_print_supporter_card (const TsSupporterCard     *card,
                                 GError                   **error);
GBytes *ts_print_statement      (const TsStatementDocument *doc,
                                 GError                   **error);
GBytes *ts_print_host_report    (const TsHostReport        *report,
                                 GError                   **error);

/* Japanese names of the vocabularies the documents print. */
const char *ts_print_activity_kind_ja (const char *kind);

G_END_DECLS
