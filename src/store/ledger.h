/*
 * The append-only payment ledger (table `ledger_entries`, migration 0006).
 *
 * Every amount owed is a line: honorarium and transport for an approved
 * activity, a host stipend for an attended placement day, or an adjustment
 * that corrects one after its month was issued.  Lines are only ever
 * appended; issuing a month sets their statement_id once (store/statements.h)
 * and triggers refuse any other change.
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "store/store.h"
#include "core/vocabulary.h"

G_BEGIN_DECLS

typedef enum {
  TS_PAYEE_SUPPORTER,
  TS_PAYEE_HOST,
} TsPayeeType;

TS_DECLARE_VOCABULARY (ts_payee_type, TsPayeeType)

typedef enum {
  TS_LINE_HONORARIUM,
  TS_LINE_TRANSPORT,
  TS_LINE_HOST_STIPEND,
  TS_LINE_ADJUSTMENT,
  TS_LINE_EVENT,                 /* a supporter's hours at an event (issue 18) */
} TsLineKind;

#define TS_LINE_N_KINDS 5

TS_DECLARE_VOCABULARY (ts_line_kind, TsLineKind)

typedef struct {
  gint64      id;
  TsPayeeType payee_type;
  gint64      payee_id;
  TsLineKind  kind;
  TsLineKind  adjusts;           /* for an adjustment: what it corrects */
  gint64      amount_yen;        /* negative for a reversal */
  gint64      activity_id;       /* 0 for a host stipend */
  gint64      attendance_id;     /* placement day; 0 for an activity */
  gint64      event_staff_id;    /* an event's named supporter; else 0 (migration 0017) */
  TsDate      earned_on;
  char        earned_month[8];   /* "YYYY-MM" */
  gint64      statement_id;      /* 0 until issued */
  gint64      created_at;
  /* Read with a statement's lines, never written: what the line pays for. */
  char        activity_kind[24]; /* the report's kind; "" for a host stipend */
  int         activity_minutes;
  gint64      event_id;          /* an event line's event; else 0 */
  int         event_minutes;     /* its minutes paid */
} TsLedgerEntry;

/* Writer thread only. */
gboolean ts_store_ledger_append          (TsStore             *self,
                                          const TsLedgerEntry *entry,
                                          gint64              *out_id,
                                          GError             **error);

/* Any thread, also inside a write function: the sum of the lines of one
 * placement day (for reversing a stipend), and whether any exists. */
gboolean ts_store_ledger_attendance_sum  (TsStore             *self,
                                          gint64               attendance_id,
                                          gint64              *out_sum,
                                          guint               *out_lines,
                                          GError             **error);

G_END_DECLS
