/*
 * The aggregate reads behind the statistics of a 年度 (SPEC 2.7, issue 16;
 * service/statistics.h): one GROUP BY query per table, of the organisations
 * in a scope (NULL: all), in one read transaction so that the tables agree.
 *
 * The store only counts; the service names the rows, applies the
 * qualification rule to the supporters' groups and suppresses small cells.
 */
#pragma once

#include "core/date.h"
#include "store/store.h"

G_BEGIN_DECLS

/* One row of an aggregate: its keys (a month "YYYY-MM", a method, an age
 * band, a municipality code …), a name where the table has one (a host's)
 * and its figures, in the order each query documents. */
typedef struct {
  gint64  id;
  char    key[24];
  char    key2[24];
  char   *name;
  gint64  n[6];
} TsStatisticsRow;

typedef struct {
  /* Contacts of the three years fy-2 … fy: id 0, 1, 2 (oldest first);
   * n: contacts, first, first by self, by family (parent, sibling,
   * other_family), by anyone else (agency, other). */
  GArray *years;
  /* The year's contacts by month (key "YYYY-MM"); n: contacts, first. */
  GArray *months;
  /* By method (key); n: contacts, first. */
  GArray *methods;
  /* First contacts by method (key) × contactor (key2); n: count, of them
   * 50 or older (the contactor's age band, else the person's), of them 80
   * or older (the contactor's age band). */
  GArray *contactors;
  /* Distinct persons with a contact in the year by the person's age band
   * (key) × gender (key2); n: persons. */
  GArray *persons;
  /* Supporters grouped by municipality (key); id: 1 when on the roster
   * at the year end (registered or suspended, registered by then);
   * n: supporters, a training completed in the year (0/1 of the group),
   * the latest completion by the year end (TsDate, 0: none), the first
   * initial completion by the year end (TsDate, 0: none). */
  GArray *supporters;
  /* Approved activities dated in the year (reversed ones and their
   * reversals left out) by the case's municipality (key) × kind (key2);
   * n: activities, minutes, honoraria (yen). */
  GArray *activities;
  /* Attended 職親 days in the year by host (id, name); n: participants
   * (cases), days, short placements, regular placements, stipends (yen,
   * with their adjustments). */
  GArray *placements;
  /* The organisations counted (id, name), by id. */
  GArray *organisations;
} TsStatisticsRows;

void ts_statistics_rows_free (TsStatisticsRows *rows);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStatisticsRows, ts_statistics_rows_free)

/* The rows of @fiscal_year for the organisations of @scope (gint64
 * ascending; NULL: every organisation).  Any thread. */
TsStatisticsRows *ts_store_statistics_read (TsStore       *self,
                                            int            fiscal_year,
                                            const GArray  *scope,
                                            GError       **error);

G_END_DECLS
