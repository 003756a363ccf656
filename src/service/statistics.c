/*
 * The statistics of a 年度 (see statistics.h): who may read what, the
 * tables from the store's aggregates, and their JSON.
 */
#include "service/statistics-private.h"

#include "core/config.h"
#include "core/i18n.h"
#include "core/json.h"
#include "domain/fiscal.h"
#include "domain/qualification.h"
#include "domain/rates.h"
#include "model/contact.h"
#include "model/event.h"
#include "service/events.h"
#include "service/reference.h"
#include "service/supporters.h"
#include "store/organisations.h"
#include "store/statistics.h"

G_STATIC_ASSERT (STAT_N_EVENT_KINDS == TS_EVENT_N_KINDS);

static const char *const age_bands[STAT_N_AGES] = { "10s", "20s", "30s", "40s", "50s_plus",
                                                    "unknown" };

static void
supporters_clear (gpointer data)
{
  TsStatSupporters *s = data;

  g_clear_pointer (&s->municipality_code, g_free);
  g_clear_pointer (&s->municipality_name, g_free);
}

static void
activities_clear (gpointer data)
{
  TsStatActivities *a = data;

  g_clear_pointer (&a->municipality_code, g_free);
  g_clear_pointer (&a->municipality_name, g_free);
}

static void
placements_clear (gpointer data)
{
  TsStatPlacements *p = data;

  g_clear_pointer (&p->host_name, g_free);
}

static void
tables_free (TsStatTables *t)
{
  if (t == NULL)
    return;
  g_clear_pointer (&t->supporters, g_array_unref);
  g_clear_pointer (&t->activities, g_array_unref);
  g_clear_pointer (&t->placements, g_array_unref);
  g_free (t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStatTables, tables_free)

/* ---- who may read what ------------------------------------------------ */

static gboolean
check_request (TsService *self, TsContext *ctx, int fiscal_year, gint64 organisation_id,
               GError **error)
{
  int latest = ts_fiscal_year (ts_date_today ()) + 1;

  if ((ctx->role & (TS_ROLE_ADMIN | TS_ROLE_COORDINATOR | TS_ROLE_AUDITOR)) == 0)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN, N_("Your role may not do this"));
      return FALSE;
    }
  if (fiscal_year < TS_STATISTICS_EARLIEST_YEAR || fiscal_year > latest)
    {
      g_autofree char *message = g_strdup_printf (_("Must be a year from %d to %d"),
                                                  TS_STATISTICS_EARLIEST_YEAR, latest);
      ts_field_errors_add (ctx->errors, "fiscal_year", message);
    }
  if (!ts_field_errors_check (ctx->errors, error))
    return FALSE;
  if (organisation_id > 0)
    {
      g_autoptr(TsOrganisationRecord) o = NULL;

      /* Outside the caller's scope: the words of a missing one (SPEC 2.6). */
      if (!ts_context_sees (ctx, organisation_id))
        {
          g_set_error_literal (error, TS_ERROR, TS_ERROR_NOT_FOUND, N_("No such organisation"));
          return FALSE;
        }
      o = ts_store_organisation_get (ts_service_get_store (self), organisation_id, error);
      if (o == NULL)
        return FALSE;
    }
  return TRUE;
}

static int
threshold (TsService *self)
{
  TsConfig *config = ts_service_get_config (self);

  return config != NULL && config->statistics_small_cell_threshold > 0
           ? config->statistics_small_cell_threshold : TS_STATISTICS_THRESHOLD_DEFAULT;
}

/* ---- the tables from the aggregates ----------------------------------- */

static int
method_index (const char *name)
{
  for (int i = 0; i < STAT_N_METHODS && ts_contact_method_vocabulary.names[i] != NULL; i++)
    if (g_str_equal (ts_contact_method_vocabulary.names[i], name))
      return i;
  return -1;
}

static int
age_index (const char *band)
{
  if (g_str_equal (band, "50s") || g_str_equal (band, "60s") || g_str_equal (band, "70s+"))
    return 4;
  for (int i = 0; i < 4; i++)
    if (g_str_equal (age_bands[i], band))
      return i;
  return 5;
}

static int
gender_index (const char *gender)
{
  if (g_str_equal (gender, "male"))
    return STAT_G_MALE;
  if (g_str_equal (gender, "female"))
    return STAT_G_FEMALE;
  if (g_str_equal (gender, "other"))
    return STAT_G_OTHER;
  return STAT_G_UNKNOWN;
}

static void
contacts_tables (TsStatTables *t, const TsStatisticsRows *rows, int fiscal_year)
{
  TsStatCell *now = t->years[STAT_N_YEARS - 1];
  gint64 family = 0;

  for (guint i = 0; i < rows->years->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->years, TsStatisticsRow, i);

      if (r->id >= 0 && r->id < STAT_N_YEARS - 1)
        for (int c = 0; c < STAT_Y_N; c++)
          t->years[r->id][c].v = r->n[c];
    }
  for (guint i = 0; i < rows->months->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->months, TsStatisticsRow, i);
      int y, mon, m = method_index (r->key2);
      TsStatCell *month;

      if (m < 0 || !ts_month_parse (r->key, &y, &mon) ||
          !ts_fiscal_year_contains_month (fiscal_year, y, mon))
        continue;
      month = t->months[ts_fiscal_month_index (mon)];
      month[STAT_M_TOTAL].v += r->n[0];
      month[STAT_M_FIRST].v += r->n[1];
      t->methods[m][STAT_M_TOTAL].v += r->n[0];
      t->methods[m][STAT_M_FIRST].v += r->n[1];
      t->methods_total[STAT_M_TOTAL].v += r->n[0];
      t->methods_total[STAT_M_FIRST].v += r->n[1];
    }
  for (guint i = 0; i < rows->contactors->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->contactors, TsStatisticsRow, i);
      int m = method_index (r->key);
      TsStatCell *row;

      if (m < 0)
        continue;
      row = t->contactors[m];
      if (g_str_equal (r->key2, "parent") || g_str_equal (r->key2, "sibling"))
        family += r->n[0];
      if (g_str_equal (r->key2, "self"))
        {
          row[STAT_C_SELF].v += r->n[0];
          row[STAT_C_SELF_50].v += r->n[1];
        }
      else if (g_str_equal (r->key2, "parent"))
        {
          row[STAT_C_PARENT].v += r->n[0];
          row[STAT_C_PARENT_80].v += r->n[2];
        }
      else if (g_str_equal (r->key2, "sibling"))
        row[STAT_C_SIBLING].v += r->n[0];
      else if (g_str_equal (r->key2, "other_family"))
        {
          row[STAT_C_OTHER].v += r->n[0];
          family += r->n[0];
        }
      else
        row[STAT_C_OTHER].v += r->n[0];
      row[STAT_C_TOTAL].v += r->n[0];
    }
  for (int m = 0; m < STAT_N_METHODS; m++)
    for (int c = 0; c < STAT_C_N; c++)
      t->contactors_total[c].v += t->contactors[m][c].v;
  /* The year's row of the three: its 延べ and 新規, and its first
   * contactors (family: parent, sibling, other family; other: agency and
   * anyone else). */
  now[STAT_Y_CONTACTS].v = t->methods_total[STAT_M_TOTAL].v;
  now[STAT_Y_FIRST].v = t->methods_total[STAT_M_FIRST].v;
  now[STAT_Y_SELF].v = t->contactors_total[STAT_C_SELF].v;
  now[STAT_Y_FAMILY].v = family;
  now[STAT_Y_OTHER].v = t->contactors_total[STAT_C_TOTAL].v - t->contactors_total[STAT_C_SELF].v -
                        family;
  for (guint i = 0; i < rows->persons->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->persons, TsStatisticsRow, i);
      int a = age_index (r->key), g = gender_index (r->key2);

      t->persons[a][g].v += r->n[0];
      t->persons[a][STAT_G_TOTAL].v += r->n[0];
      t->persons_total[g].v += r->n[0];
      t->persons_total[STAT_G_TOTAL].v += r->n[0];
    }
}

/* The standing at the year end: the qualification rule (SPEC 2.1) of each
 * group of supporters with the same latest and initial completions. */
static void
supporters_table (TsService *self, TsStatTables *t, const TsStatisticsRows *rows,
                  int fiscal_year)
{
  TsQualificationRules rules;
  TsDate end = ts_fiscal_year_last_day (fiscal_year);
  TsStatSupporters *place = NULL;

  ts_service_qualification_rules (self, &rules);
  for (guint i = 0; i < rows->supporters->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->supporters, TsStatisticsRow, i);
      gint64 n = r->n[0];

      if (place == NULL || g_strcmp0 (place->municipality_code, r->key) != 0)
        {
          TsStatSupporters row = { 0 };

          row.municipality_code = g_strdup (r->key);
          row.municipality_name = ts_service_municipality_name (r->key, NULL);
          g_array_append_val (t->supporters, row);
          place = &g_array_index (t->supporters, TsStatSupporters, t->supporters->len - 1);
        }
      if (r->n[1])
        place->trained.v += n;
      if (r->id)
        {
          TsTrainingCompletion completions[2];
          TsQualification q;
          gsize k = 0;

          place->registered.v += n;
          if (r->n[3] != TS_DATE_NONE)
            completions[k++] = (TsTrainingCompletion) { TS_TRAINING_KIND_INITIAL,
                                                        (TsDate) r->n[3] };
          if (r->n[2] != TS_DATE_NONE && r->n[2] != r->n[3])
            completions[k++] = (TsTrainingCompletion) { TS_TRAINING_KIND_FOLLOW_UP,
                                                        (TsDate) r->n[2] };
          ts_qualification_compute (completions, k, end, &rules, &q);
          if (q.status == TS_QUALIFICATION_DUE_SOON)
            place->follow_up_due.v += n;
          else if (q.status == TS_QUALIFICATION_LAPSED)
            place->lapsed.v += n;
        }
    }
  /* A municipality whose supporters all retired or applied shows no row. */
  for (guint i = t->supporters->len; i > 0; i--)
    {
      const TsStatSupporters *s = &g_array_index (t->supporters, TsStatSupporters, i - 1);

      if (s->registered.v == 0 && s->trained.v == 0)
        g_array_remove_index (t->supporters, i - 1);
    }
}

static int
compare_activities (gconstpointer a, gconstpointer b)
{
  const TsStatActivities *x = a, *y = b;
  TsActivityKind kx = 0, ky = 0;
  int c = strcmp (x->municipality_code, y->municipality_code);

  if (c != 0)
    return c;
  ts_activity_kind_from_string (x->kind, &kx);
  ts_activity_kind_from_string (y->kind, &ky);
  return (int) kx - (int) ky;
}

static void
programme_tables (TsStatTables *t, const TsStatisticsRows *rows)
{
  for (guint i = 0; i < rows->activities->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->activities, TsStatisticsRow, i);
      TsStatActivities row = { 0 };

      row.municipality_code = g_strdup (r->key);
      row.municipality_name = ts_service_municipality_name (r->key, NULL);
      g_strlcpy (row.kind, r->key2, sizeof row.kind);
      row.count.v = r->n[0];
      row.minutes.v = r->n[1];
      row.honoraria_yen.v = r->n[2];
      g_array_append_val (t->activities, row);
    }
  g_array_sort (t->activities, compare_activities);
  for (guint i = 0; i < rows->placements->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->placements, TsStatisticsRow, i);
      TsStatPlacements row = { 0 };

      row.host_id = r->id;
      row.host_name = g_strdup (r->name);
      row.participants.v = r->n[0];
      row.days.v = r->n[1];
      row.short_placements.v = r->n[2];
      row.regular.v = r->n[3];
      row.stipends_yen.v = r->n[4];
      g_array_append_val (t->placements, row);
    }
}

/* 行事・居場所: the events' recorded counts by kind (service/events.h),
 * 延べ参加者数 = 本人 + 家族 + 関係者, and their 計 row. */
static void
events_table (TsStatTables *t, const TsEventCountRow *counts)
{
  for (int k = 0; k < STAT_N_EVENT_KINDS; k++)
    {
      TsStatCell *row = t->events[k];

      row[STAT_E_EVENTS].v = counts[k].events;
      row[STAT_E_SELF].v = counts[k].self;
      row[STAT_E_FAMILY].v = counts[k].family;
      row[STAT_E_OTHER].v = counts[k].other;
      row[STAT_E_PARTICIPANTS].v = counts[k].self + counts[k].family + counts[k].other;
      row[STAT_E_SUPPORTERS].v = counts[k].supporters;
      for (int c = 0; c < STAT_E_N; c++)
        t->events_total[c].v += row[c].v;
    }
}

/* ---- JSON ----------------------------------------------------------------- */

static void
set_cell (JsonObject *obj, const char *name, const TsStatCell *cell)
{
  if (cell->x)
    json_object_set_null_member (obj, name);
  else
    json_object_set_int_member (obj, name, cell->v);
}

static void
set_label (JsonObject *obj, int fiscal_year)
{
  g_autofree char *label = ts_wareki_fiscal_year_name (fiscal_year);

  json_object_set_int_member (obj, "fiscal_year", fiscal_year);
  json_object_set_string_member (obj, "label", label != NULL ? label : "");
}

static JsonArray *
years_json (const TsStatTables *t, int fiscal_year)
{
  JsonArray *arr = json_array_new ();

  for (int i = 0; i < STAT_N_YEARS; i++)
    {
      JsonObject *row = json_object_new ();
      JsonObject *by = json_object_new ();
      const TsStatCell *y = t->years[i];

      set_label (row, fiscal_year - (STAT_N_YEARS - 1) + i);
      set_cell (row, "contacts", &y[STAT_Y_CONTACTS]);
      set_cell (row, "first_contacts", &y[STAT_Y_FIRST]);
      set_cell (by, "self", &y[STAT_Y_SELF]);
      set_cell (by, "family", &y[STAT_Y_FAMILY]);
      set_cell (by, "other", &y[STAT_Y_OTHER]);
      json_object_set_object_member (row, "first_by_contactor", by);
      json_array_add_object_element (arr, row);
    }
  return arr;
}

static JsonArray *
months_json (const TsStatTables *t, int fiscal_year)
{
  JsonArray *arr = json_array_new ();
  TsYearMonth months[TS_FISCAL_YEAR_N_MONTHS];

  ts_fiscal_year_months (fiscal_year, months);
  for (int i = 0; i < 12; i++)
    {
      JsonObject *row = json_object_new ();
      g_autofree char *month = g_strdup_printf ("%04d-%02d", months[i].year, months[i].month);

      json_object_set_string_member (row, "month", month);
      set_cell (row, "total", &t->months[i][STAT_M_TOTAL]);
      set_cell (row, "first", &t->months[i][STAT_M_FIRST]);
      json_array_add_object_element (arr, row);
    }
  return arr;
}

static const char *const contactor_names[STAT_C_N] = {
  "self", "self_50_plus", "parent", "parent_80_plus", "sibling", "other", "total",
};
static const char *const gender_names[STAT_G_N] = { "male", "female", "other", "unknown", "total" };

static const char *const event_cells[STAT_E_N] = { "events", "self", "family", "other",
                                                   "participants", "supporters" };

static JsonObject *
cells_json (const TsStatCell *cells, const char *const *names, guint n)
{
  JsonObject *obj = json_object_new ();

  for (guint i = 0; i < n; i++)
    set_cell (obj, names[i], &cells[i]);
  return obj;
}

static void
contacts_json (JsonObject *obj, const TsStatTables *t)
{
  JsonArray *methods = json_array_new ();
  JsonArray *contactors = json_array_new ();
  JsonArray *persons = json_array_new ();
  JsonObject *totals = json_object_new ();
  static const char *const method_cells[] = { "total", "first" };

  for (int m = 0; m < STAT_N_METHODS; m++)
    {
      JsonObject *row = cells_json (t->methods[m], method_cells, STAT_M_N);
      JsonObject *by = cells_json (t->contactors[m], contactor_names, STAT_C_N);
      const char *name = ts_contact_method_vocabulary.names[m];

      json_object_set_string_member (row, "method", name);
      json_array_add_object_element (methods, row);
      json_object_set_string_member (by, "method", name);
      json_array_add_object_element (contactors, by);
    }
  for (int a = 0; a < STAT_N_AGES; a++)
    {
      JsonObject *row = cells_json (t->persons[a], gender_names, STAT_G_N);

      json_object_set_string_member (row, "age_band", age_bands[a]);
      json_array_add_object_element (persons, row);
    }
  json_object_set_array_member (obj, "contacts_by_method", methods);
  json_object_set_array_member (obj, "first_contacts_by_contactor", contactors);
  json_object_set_array_member (obj, "persons_by_age_gender", persons);
  json_object_set_object_member (totals, "contacts_by_method",
                                 cells_json (t->methods_total, method_cells, STAT_M_N));
  json_object_set_object_member (totals, "first_contacts_by_contactor",
                                 cells_json (t->contactors_total, contactor_names, STAT_C_N));
  json_object_set_object_member (totals, "persons_by_age_gender",
                                 cells_json (t->persons_total, gender_names, STAT_G_N));
  json_object_set_object_member (obj, "totals", totals);
}

static void
programme_json (JsonObject *obj, const TsStatTables *t)
{
  JsonArray *supporters = json_array_new ();
  JsonArray *activities = json_array_new ();
  JsonArray *placements = json_array_new ();

  for (guint i = 0; i < t->supporters->len; i++)
    {
      const TsStatSupporters *s = &g_array_index (t->supporters, TsStatSupporters, i);
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "municipality_code", s->municipality_code);
      ts_json_set_string_or_null (row, "municipality_name", s->municipality_name);
      set_cell (row, "registered", &s->registered);
      set_cell (row, "trained", &s->trained);
      set_cell (row, "follow_up_due", &s->follow_up_due);
      set_cell (row, "lapsed", &s->lapsed);
      json_array_add_object_element (supporters, row);
    }
  for (guint i = 0; i < t->activities->len; i++)
    {
      const TsStatActivities *a = &g_array_index (t->activities, TsStatActivities, i);
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "municipality_code", a->municipality_code);
      ts_json_set_string_or_null (row, "municipality_name", a->municipality_name);
      json_object_set_string_member (row, "kind", a->kind);
      set_cell (row, "count", &a->count);
      set_cell (row, "minutes", &a->minutes);
      set_cell (row, "honoraria_yen", &a->honoraria_yen);
      json_array_add_object_element (activities, row);
    }
  for (guint i = 0; i < t->placements->len; i++)
    {
      const TsStatPlacements *p = &g_array_index (t->placements, TsStatPlacements, i);
      JsonObject *row = json_object_new ();

      json_object_set_int_member (row, "host_id", p->host_id);
      ts_json_set_string_or_null (row, "host_name", p->host_name);
      set_cell (row, "participants", &p->participants);
      set_cell (row, "days", &p->days);
      set_cell (row, "short", &p->short_placements);
      set_cell (row, "regular", &p->regular);
      set_cell (row, "stipends_yen", &p->stipends_yen);
      json_array_add_object_element (placements, row);
    }
  json_object_set_array_member (obj, "supporters_by_municipality", supporters);
  json_object_set_array_member (obj, "activities_by_municipality_kind", activities);
  json_object_set_array_member (obj, "placements_by_host", placements);
}

static void
events_json (JsonObject *obj, const TsStatTables *t)
{
  JsonArray *arr = json_array_new ();
  JsonObject *totals = json_object_get_object_member (obj, "totals");

  for (int k = 0; k < STAT_N_EVENT_KINDS; k++)
    {
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "kind", ts_event_kind_vocabulary.names[k]);
      for (int c = 0; c < STAT_E_N; c++)
        set_cell (row, event_cells[c], &t->events[k][c]);
      json_array_add_object_element (arr, row);
    }
  json_object_set_array_member (obj, "events_by_kind", arr);
  json_object_set_object_member (totals, "events_by_kind",
                                 cells_json (t->events_total, event_cells, STAT_E_N));
}

/* Payments against the budget: the issued statements of the payees in
 * scope by their month (as the payments audit sums them); the budget is
 * the programme's. */
static JsonObject *
budget_json (const TsStatisticsRows *rows, int fiscal_year)
{
  JsonObject *obj = json_object_new ();
  JsonArray *months = json_array_new ();
  TsYearMonth ym[TS_FISCAL_YEAR_N_MONTHS];
  gint64 cumulative = 0;

  if (rows->has_budget)
    json_object_set_int_member (obj, "budget_yen", rows->budget.amount_yen);
  else
    json_object_set_null_member (obj, "budget_yen");
  ts_fiscal_year_months (fiscal_year, ym);
  for (int i = 0; i < TS_FISCAL_YEAR_N_MONTHS; i++)
    {
      JsonObject *row = json_object_new ();
      g_autofree char *month = g_strdup_printf ("%04d-%02d", ym[i].year, ym[i].month);
      gint64 paid = 0;

      for (guint k = 0; k < rows->payments->len; k++)
        if (g_str_equal (g_array_index (rows->payments, TsStatisticsRow, k).key, month))
          paid = g_array_index (rows->payments, TsStatisticsRow, k).n[0];
      cumulative += paid;
      json_object_set_string_member (row, "month", month);
      json_object_set_int_member (row, "paid_yen", paid);
      json_object_set_int_member (row, "cumulative_yen", cumulative);
      json_array_add_object_element (months, row);
    }
  json_object_set_int_member (obj, "paid_yen", cumulative);
  json_object_set_array_member (obj, "months", months);
  return obj;
}

/* ---- the use case ----------------------------------------------------- */

JsonNode *
ts_service_statistics (TsService *self, TsContext *ctx, int fiscal_year, gint64 organisation_id,
                       GError **error)
{
  g_autoptr(GArray) one = NULL;
  g_autoptr(TsStatisticsRows) rows = NULL;
  g_autoptr(TsStatTables) t = NULL;
  TsEventCountRow event_counts[TS_EVENT_N_KINDS];
  const GArray *scope = ctx->scope;
  JsonObject *obj, *suppression;
  JsonArray *organisations;
  gboolean suppress = FALSE;
  int limit = threshold (self);
  TsDate first, last;
  char date[11];

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);
  if (!check_request (self, ctx, fiscal_year, organisation_id, error))
    return NULL;
  if (organisation_id > 0)
    {
      one = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (one, organisation_id);
      scope = one;
    }

  rows = ts_store_statistics_read (ts_service_get_store (self), fiscal_year, scope, error);
  if (rows == NULL)
    return NULL;
  if (!ts_service_event_counts_of (self, ctx, fiscal_year, organisation_id, event_counts, error))
    return NULL;

  t = g_new0 (TsStatTables, 1);
  t->supporters = g_array_new (FALSE, TRUE, sizeof (TsStatSupporters));
  g_array_set_clear_func (t->supporters, supporters_clear);
  t->activities = g_array_new (FALSE, TRUE, sizeof (TsStatActivities));
  g_array_set_clear_func (t->activities, activities_clear);
  t->placements = g_array_new (FALSE, TRUE, sizeof (TsStatPlacements));
  g_array_set_clear_func (t->placements, placements_clear);
  contacts_tables (t, rows, fiscal_year);
  supporters_table (self, t, rows, fiscal_year);
  programme_tables (t, rows);
  events_table (t, event_counts);

  /* An auditor sees another organisation's figures with their small
   * cells suppressed (SPEC 2.7, issue 16). */
  obj = json_object_new ();
  organisations = json_array_new ();
  for (guint i = 0; i < rows->organisations->len; i++)
    {
      const TsStatisticsRow *r = &g_array_index (rows->organisations, TsStatisticsRow, i);
      JsonObject *o = json_object_new ();

      if (ctx->role == TS_ROLE_AUDITOR && r->id != ctx->organisation_id)
        suppress = TRUE;
      json_object_set_int_member (o, "id", r->id);
      ts_json_set_string_or_null (o, "name", r->name);
      json_array_add_object_element (organisations, o);
    }
  if (suppress)
    ts_statistics_suppress (t, limit);

  set_label (obj, fiscal_year);
  first = ts_fiscal_year_first_day (fiscal_year);
  last = ts_fiscal_year_last_day (fiscal_year);
  ts_date_format (first, date);
  json_object_set_string_member (obj, "from", date);
  ts_date_format (last, date);
  json_object_set_string_member (obj, "to", date);
  json_object_set_array_member (obj, "organisations", organisations);
  suppression = json_object_new ();
  json_object_set_boolean_member (suppression, "applied", suppress);
  json_object_set_int_member (suppression, "threshold", limit);
  json_object_set_object_member (obj, "suppression", suppression);
  json_object_set_array_member (obj, "years", years_json (t, fiscal_year));
  json_object_set_array_member (obj, "contacts_by_month", months_json (t, fiscal_year));
  contacts_json (obj, t);
  programme_json (obj, t);
  events_json (obj, t);
  json_object_set_object_member (obj, "budget", budget_json (rows, fiscal_year));

  /* An aggregate read: the organisation asked for, no case. */
  if (!ts_service_audit_read (self, ctx, "read", "statistics", organisation_id, error))
    {
      json_object_unref (obj);
      return NULL;
    }
  {
    JsonNode *node = json_node_new (JSON_NODE_OBJECT);

    json_node_take_object (node, obj);
    return node;
  }
}
