/*
 * The statistics' tables as the service builds them, before they become
 * JSON: every figure a cell that can be suppressed.  For the files of
 * service/statistics*.c only.
 */
#pragma once

#include "service/statistics.h"

G_BEGIN_DECLS

typedef struct {
  gint64   v;
  gboolean x;          /* suppressed: null in JSON, X in CSV */
} TsStatCell;

/* years[i]: contacts, first, first by self, by family, by others. */
enum { STAT_Y_CONTACTS, STAT_Y_FIRST, STAT_Y_SELF, STAT_Y_FAMILY, STAT_Y_OTHER, STAT_Y_N };
/* by month and method: total, first. */
enum { STAT_M_TOTAL, STAT_M_FIRST, STAT_M_N };
/* first contacts by contactor. */
enum { STAT_C_SELF, STAT_C_SELF_50, STAT_C_PARENT, STAT_C_PARENT_80, STAT_C_SIBLING, STAT_C_OTHER,
       STAT_C_TOTAL, STAT_C_N };
/* persons: genders, then the total. */
enum { STAT_G_MALE, STAT_G_FEMALE, STAT_G_OTHER, STAT_G_UNKNOWN, STAT_G_TOTAL, STAT_G_N };
/* events by kind: events, 本人, 家族, 関係者, 延べ参加者数, supporters. */
enum { STAT_E_EVENTS, STAT_E_SELF, STAT_E_FAMILY, STAT_E_OTHER, STAT_E_PARTICIPANTS,
       STAT_E_SUPPORTERS, STAT_E_N };
#define STAT_N_METHODS 8
#define STAT_N_EVENT_KINDS 7 /* TS_EVENT_N_KINDS */
#define STAT_N_AGES    6
#define STAT_N_YEARS   3

typedef struct {
  char       *municipality_code;
  char       *municipality_name;
  TsStatCell  registered, trained, follow_up_due, lapsed;
} TsStatSupporters;

typedef struct {
  char       *municipality_code;
  char       *municipality_name;
  char        kind[24];
  TsStatCell  count, minutes, honoraria_yen;
} TsStatActivities;

typedef struct {
  gint64      host_id;
  char       *host_name;
  TsStatCell  participants, days, short_placements, regular, stipends_yen;
} TsStatPlacements;

typedef struct {
  TsStatCell  years[STAT_N_YEARS][STAT_Y_N];
  TsStatCell  months[12][STAT_M_N];
  TsStatCell  methods[STAT_N_METHODS][STAT_M_N];
  TsStatCell  methods_total[STAT_M_N];
  TsStatCell  contactors[STAT_N_METHODS][STAT_C_N];
  TsStatCell  contactors_total[STAT_C_N];
  TsStatCell  persons[STAT_N_AGES][STAT_G_N];
  TsStatCell  persons_total[STAT_G_N];
  TsStatCell  events[STAT_N_EVENT_KINDS][STAT_E_N];
  TsStatCell  events_total[STAT_E_N];
  GArray     *supporters;    /* TsStatSupporters */
  GArray     *activities;    /* TsStatActivities */
  GArray     *placements;    /* TsStatPlacements */
} TsStatTables;

/* Suppresses, in place, every person count 1 <= v < @threshold, the money
 * and minutes of a row whose count is suppressed, and then the
 * complementary cells (statistics-suppress.c). */
void ts_statistics_suppress (TsStatTables *t, int threshold);

G_END_DECLS
