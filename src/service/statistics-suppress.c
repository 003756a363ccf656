/*
 * The suppression of small cells (秘匿; SPEC 2.7, issue 16): what an
 * auditor sees of another organisation never shows a count of 1 or 2
 * persons (below [statistics] small_cell_threshold), so that nobody can be
 * recognised.
 *
 * Primary suppression: every person count v with 1 <= v < threshold is
 * suppressed (0 is shown: it names nobody), and the money, minutes and
 * days of a row whose count is suppressed with it.
 *
 * Complementary suppression: a suppressed cell must not be derivable from
 * the cells shown.  The tables are tied by equations: a row's cells add
 * up to its total, a column's to the 計 row, the months and the methods
 * to the year's 延べ and 新規, the 新規 of a method to the subtotal of its
 * first contactors, the year's contactor breakdown to the 計 row of the
 * first contactors, an event kind's 延べ参加者数 to its 本人 + 家族 + 関係者.  While any equation has exactly one suppressed cell,
 * or suppressed cells adding up to less than the threshold (two cells
 * hiding 2 between them would each be 1), the smallest other cell of it
 * that is not zero (else, for a single one, the smallest) is suppressed
 * too; this repeats until no equation needs one more.  A cell that two
 * tables show is one cell (an equation of two).
 */
#include "service/statistics-private.h"

#define MAX_EQUATION 16

typedef struct {
  TsStatCell *cells[MAX_EQUATION];
  guint       n;
} Equation;

static void
equation_add (GArray *equations, TsStatCell *const *cells, guint n)
{
  Equation e = { { 0 }, 0 };

  g_assert (n <= MAX_EQUATION);
  for (guint i = 0; i < n; i++)
    e.cells[e.n++] = cells[i];
  g_array_append_val (equations, e);
}

/* TRUE when it suppressed a cell: when the equation has exactly one
 * suppressed cell, or suppressed cells that add up to less than the
 * threshold (two cells hiding 2 between them would each be 1). */
static gboolean
complete (Equation *e, int threshold)
{
  TsStatCell *pick = NULL;
  guint k = 0;
  gint64 hidden = 0;

  for (guint i = 0; i < e->n; i++)
    if (e->cells[i]->x)
      {
        k++;
        hidden += e->cells[i]->v;
      }
  if (k == 0 || (k > 1 && hidden >= threshold))
    return FALSE;
  for (guint i = 0; i < e->n; i++)
    {
      TsStatCell *c = e->cells[i];

      if (c->x || (k > 1 && c->v == 0))
        continue;
      if (pick == NULL || (c->v > 0 && (pick->v == 0 || c->v < pick->v)))
        pick = c;
    }
  if (pick == NULL)
    return FALSE;
  pick->x = TRUE;
  return TRUE;
}

static void
primary (TsStatCell *c, int threshold)
{
  if (c->v >= 1 && c->v < threshold)
    c->x = TRUE;
}

static void
primary_all (TsStatCell *cells, guint n, int threshold)
{
  for (guint i = 0; i < n; i++)
    primary (&cells[i], threshold);
}

static GArray *
equations_new (TsStatTables *t)
{
  GArray *eqs = g_array_new (FALSE, TRUE, sizeof (Equation));
  TsStatCell *cells[MAX_EQUATION];
  TsStatCell (*y)[STAT_Y_N] = t->years;
  TsStatCell *now = t->years[STAT_N_YEARS - 1];

  /* 相談者内訳: each year's 新規 is self + family + other. */
  for (guint i = 0; i < STAT_N_YEARS; i++)
    {
      TsStatCell *row[] = { &y[i][STAT_Y_FIRST], &y[i][STAT_Y_SELF], &y[i][STAT_Y_FAMILY],
                            &y[i][STAT_Y_OTHER] };
      equation_add (eqs, row, G_N_ELEMENTS (row));
    }
  /* This year's row of the three is the 計 of the other tables. */
  {
    TsStatCell *links[][2] = {
      { &now[STAT_Y_CONTACTS], &t->methods_total[STAT_M_TOTAL] },
      { &now[STAT_Y_FIRST], &t->methods_total[STAT_M_FIRST] },
      { &now[STAT_Y_FIRST], &t->contactors_total[STAT_C_TOTAL] },
      { &now[STAT_Y_SELF], &t->contactors_total[STAT_C_SELF] },
    };
    /* family + other = parent + sibling + そのほか (other family, agency,
     * other). */
    TsStatCell *family[] = { &now[STAT_Y_FAMILY], &now[STAT_Y_OTHER],
                             &t->contactors_total[STAT_C_PARENT],
                             &t->contactors_total[STAT_C_SIBLING],
                             &t->contactors_total[STAT_C_OTHER] };

    for (guint i = 0; i < G_N_ELEMENTS (links); i++)
      equation_add (eqs, links[i], 2);
    equation_add (eqs, family, G_N_ELEMENTS (family));
  }
  /* The months and the methods add up to the year's 延べ and 新規. */
  for (guint c = 0; c < STAT_M_N; c++)
    {
      for (guint m = 0; m < 12; m++)
        cells[m] = &t->months[m][c];
      cells[12] = &t->methods_total[c];
      equation_add (eqs, cells, 13);
      for (guint m = 0; m < STAT_N_METHODS; m++)
        cells[m] = &t->methods[m][c];
      cells[STAT_N_METHODS] = &t->methods_total[c];
      equation_add (eqs, cells, STAT_N_METHODS + 1);
    }
  /* A method's 新規 is the 小計 of its first contactors. */
  for (guint m = 0; m < STAT_N_METHODS; m++)
    {
      TsStatCell *link[] = { &t->methods[m][STAT_M_FIRST], &t->contactors[m][STAT_C_TOTAL] };
      equation_add (eqs, link, 2);
    }
  /* First contactors: rows (self + parent + sibling + other = 小計) and
   * columns (the methods add up to 計). */
  for (guint m = 0; m <= STAT_N_METHODS; m++)
    {
      TsStatCell *r = m < STAT_N_METHODS ? t->contactors[m] : t->contactors_total;
      TsStatCell *row[] = { &r[STAT_C_TOTAL], &r[STAT_C_SELF], &r[STAT_C_PARENT],
                            &r[STAT_C_SIBLING], &r[STAT_C_OTHER] };
      equation_add (eqs, row, G_N_ELEMENTS (row));
    }
  for (guint c = 0; c < STAT_C_N; c++)
    {
      for (guint m = 0; m < STAT_N_METHODS; m++)
        cells[m] = &t->contactors[m][c];
      cells[STAT_N_METHODS] = &t->contactors_total[c];
      equation_add (eqs, cells, STAT_N_METHODS + 1);
    }
  /* 実相談人数: rows (the genders add up to 実人数) and columns (the age
   * bands add up to 計). */
  for (guint a = 0; a <= STAT_N_AGES; a++)
    {
      TsStatCell *r = a < STAT_N_AGES ? t->persons[a] : t->persons_total;
      TsStatCell *row[] = { &r[STAT_G_TOTAL], &r[STAT_G_MALE], &r[STAT_G_FEMALE],
                            &r[STAT_G_OTHER], &r[STAT_G_UNKNOWN] };
      equation_add (eqs, row, G_N_ELEMENTS (row));
    }
  for (guint g = 0; g < STAT_G_N; g++)
    {
      for (guint a = 0; a < STAT_N_AGES; a++)
        cells[a] = &t->persons[a][g];
      cells[STAT_N_AGES] = &t->persons_total[g];
      equation_add (eqs, cells, STAT_N_AGES + 1);
    }
  /* 行事・居場所: a kind's 延べ参加者数 is 本人 + 家族 + 関係者, and each
   * column of the kinds adds up to its 計 (the count of events names
   * nobody: never suppressed). */
  for (guint k = 0; k <= STAT_N_EVENT_KINDS; k++)
    {
      TsStatCell *r = k < STAT_N_EVENT_KINDS ? t->events[k] : t->events_total;
      TsStatCell *row[] = { &r[STAT_E_PARTICIPANTS], &r[STAT_E_SELF], &r[STAT_E_FAMILY],
                            &r[STAT_E_OTHER] };
      equation_add (eqs, row, G_N_ELEMENTS (row));
    }
  for (guint c = STAT_E_SELF; c < STAT_E_N; c++)
    {
      for (guint k = 0; k < STAT_N_EVENT_KINDS; k++)
        cells[k] = &t->events[k][c];
      cells[STAT_N_EVENT_KINDS] = &t->events_total[c];
      equation_add (eqs, cells, STAT_N_EVENT_KINDS + 1);
    }
  return eqs;
}

void
ts_statistics_suppress (TsStatTables *t, int threshold)
{
  g_autoptr(GArray) eqs = NULL;
  gboolean changed;

  primary_all (&t->years[0][0], STAT_N_YEARS * STAT_Y_N, threshold);
  primary_all (&t->months[0][0], 12 * STAT_M_N, threshold);
  primary_all (&t->methods[0][0], STAT_N_METHODS * STAT_M_N, threshold);
  primary_all (t->methods_total, STAT_M_N, threshold);
  primary_all (&t->contactors[0][0], STAT_N_METHODS * STAT_C_N, threshold);
  primary_all (t->contactors_total, STAT_C_N, threshold);
  primary_all (&t->persons[0][0], STAT_N_AGES * STAT_G_N, threshold);
  primary_all (t->persons_total, STAT_G_N, threshold);
  for (guint k = 0; k <= STAT_N_EVENT_KINDS; k++)
    {
      TsStatCell *r = k < STAT_N_EVENT_KINDS ? t->events[k] : t->events_total;

      for (guint c = STAT_E_SELF; c < STAT_E_N; c++)
        primary (&r[c], threshold);
    }

  /* The programme's tables have no totals: primary suppression only, with
   * the money, minutes and days of a suppressed count's row. */
  for (guint i = 0; i < t->supporters->len; i++)
    {
      TsStatSupporters *s = &g_array_index (t->supporters, TsStatSupporters, i);
      primary (&s->registered, threshold);
      primary (&s->trained, threshold);
      primary (&s->follow_up_due, threshold);
      primary (&s->lapsed, threshold);
    }
  for (guint i = 0; i < t->activities->len; i++)
    {
      TsStatActivities *a = &g_array_index (t->activities, TsStatActivities, i);
      primary (&a->count, threshold);
      a->minutes.x = a->honoraria_yen.x = a->count.x;
    }
  for (guint i = 0; i < t->placements->len; i++)
    {
      TsStatPlacements *p = &g_array_index (t->placements, TsStatPlacements, i);
      primary (&p->participants, threshold);
      /* The days, the placements and the stipends of one or two persons
       * would tell as much. */
      p->days.x = p->short_placements.x = p->regular.x = p->stipends_yen.x = p->participants.x;
    }

  eqs = equations_new (t);
  do
    {
      changed = FALSE;
      for (guint i = 0; i < eqs->len; i++)
        if (complete (&g_array_index (eqs, Equation, i), threshold))
          changed = TRUE;
    }
  while (changed);
}
