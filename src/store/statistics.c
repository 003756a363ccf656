/*
 * The aggregate reads of the statistics (see statistics.h).  Each table is
 * one prepared GROUP BY statement; the parameters are named: :from and :to
 * (the year's first and last day), :scope (TS_SCOPE_SQL) and, where a
 * query needs them, :from3 (the first day of the oldest of three years),
 * :y1 and :y2 (the first days of the next two), :m1 and :m12 (the first and
 * last months).
 */
#include "store/statistics.h"

#include "domain/fiscal.h"
#include "store/statements.h"
#include "store/store-private.h"

/* The contacts of the year, of the organisations in scope: one range of
 * the contacts_organisation_date index per organisation. */
#define CONTACTS_OF_YEAR(alias)                                                   \
  " " alias ".contacted_on BETWEEN :from AND :to AND " TS_SCOPE_SQL (alias ".organisation_id")

/* The two years before: the year itself is the sum of its months. */
static const char *const sql_years =
  "SELECT CASE WHEN c.contacted_on >= :y1 THEN 1 ELSE 0 END AS y, count (*),"
  " total (c.first_contact),"
  " total (c.first_contact AND c.contactor = 'self'),"
  " total (c.first_contact AND c.contactor IN ('parent', 'sibling', 'other_family')),"
  " total (c.first_contact AND c.contactor IN ('agency', 'other'))"
  " FROM contacts c WHERE c.contacted_on >= :from3 AND c.contacted_on < :y2"
  " AND " TS_SCOPE_SQL ("c.organisation_id") " GROUP BY y ORDER BY y";

/* The months and the methods in one pass: by month × method. */
static const char *const sql_months =
  "SELECT substr (c.contacted_on, 1, 7) AS m, c.method, count (*), total (c.first_contact)"
  " FROM contacts c WHERE" CONTACTS_OF_YEAR ("c") " GROUP BY m, c.method";

/* 当事者 うち50歳以上: the person's own age band (the 当事者 is the
 * person), else, when it is unknown, the contactor's; 親 うち80歳以上: the
 * contactor's age band. */
static const char *const sql_contactors =
  "SELECT c.method, c.contactor, count (*),"
  " total (CASE WHEN coalesce (k.age_band, q.age_band, 'unknown') <> 'unknown'"
  "        THEN coalesce (k.age_band, q.age_band) IN ('50s', '60s', '70s+')"
  "        ELSE c.contactor_age_band IN ('50s', '60s', '70s', '80s+') END),"
  " total (c.contactor_age_band = '80s+')"
  " FROM contacts c LEFT JOIN cases k ON k.id = c.case_id"
  " LEFT JOIN consultees q ON q.id = c.consultee_id"
  " WHERE c.first_contact = 1 AND" CONTACTS_OF_YEAR ("c")
  " GROUP BY c.method, c.contactor";

/* 実相談人数: each person once (a case or a consultee). */
static const char *const sql_persons =
  "SELECT coalesce (k.age_band, q.age_band, 'unknown') AS a,"
  " coalesce (k.gender, q.gender, 'unknown') AS g, count (*)"
  " FROM (SELECT DISTINCT c.case_id, c.consultee_id FROM contacts c WHERE"
  CONTACTS_OF_YEAR ("c") ") p"
  " LEFT JOIN cases k ON k.id = p.case_id LEFT JOIN consultees q ON q.id = p.consultee_id"
  " GROUP BY a, g";

/* Supporters grouped by what their standing at the year end depends on:
 * the service applies the qualification rule once per group.  The roster
 * is the status on the year's last day, replayed from the status history:
 * the last change on or before it, or, when every change came later, the
 * status the first of them left; a supporter never changed has the status
 * of the record. */
#define STATUS_AT_YEAR_END \
  "coalesce ((SELECT h.to_status FROM supporter_status_changes h" \
  "           WHERE h.supporter_id = s.id AND h.changed_on <= :to" \
  "           ORDER BY h.changed_on DESC, h.id DESC LIMIT 1)," \
  "          (SELECT h.from_status FROM supporter_status_changes h" \
  "           WHERE h.supporter_id = s.id ORDER BY h.changed_on, h.id LIMIT 1), s.status)"

static const char *const sql_supporters =
  "SELECT roster, municipality_code, count (*), trained, last_on, initial_on FROM"
  " (SELECT s.municipality_code,"
  "  (" STATUS_AT_YEAR_END " IN ('registered', 'suspended') AND s.registered_on IS NOT NULL"
  "   AND s.registered_on <= :to) AS roster,"
  "  EXISTS (SELECT 1 FROM trainings t WHERE t.supporter_id = s.id"
  "          AND t.completed_on BETWEEN :from AND :to) AS trained,"
  "  (SELECT max (t.completed_on) FROM trainings t WHERE t.supporter_id = s.id"
  "   AND t.completed_on <= :to) AS last_on,"
  "  (SELECT min (t.completed_on) FROM trainings t WHERE t.supporter_id = s.id"
  "   AND t.kind = 'initial' AND t.completed_on <= :to) AS initial_on"
  "  FROM supporters s WHERE " TS_SCOPE_SQL ("s.organisation_id") ")"
  " GROUP BY roster, municipality_code, trained, last_on, initial_on"
  " ORDER BY municipality_code";

/* Approved activities: a reversed one and its reversal cancel out, so
 * neither is counted. */
static const char *const sql_activities =
  "SELECT k.municipality_code, a.kind, count (*), total (a.minutes), total (a.honorarium_yen)"
  " FROM activities a JOIN cases k ON k.id = a.case_id"
  " WHERE a.month BETWEEN :m1 AND :m12 AND a.date BETWEEN :from AND :to"
  " AND a.status = 'approved' AND a.reversal_of IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM activities r WHERE r.reversal_of = a.id)"
  " AND " TS_SCOPE_SQL ("k.organisation_id")
  " GROUP BY k.municipality_code, a.kind ORDER BY k.municipality_code";

/* 職親: the attended days, by the host's organisation. */
static const char *const sql_placements =
  "SELECT d.host_id, h.name, count (DISTINCT d.case_id), count (*),"
  " count (DISTINCT CASE WHEN p.kind = 'short' THEN p.id END),"
  " count (DISTINCT CASE WHEN p.kind = 'regular' THEN p.id END),"
  " total ((SELECT total (le.amount_yen) FROM ledger_entries le WHERE le.attendance_id = d.id))"
  " FROM placement_days d JOIN placements p ON p.id = d.placement_id"
  " JOIN hosts h ON h.id = d.host_id"
  " WHERE d.date BETWEEN :from AND :to AND d.cancelled_at IS NULL AND d.attended = 1"
  " AND " TS_SCOPE_SQL ("h.organisation_id")
  " GROUP BY d.host_id ORDER BY d.host_id";

/* Payments (SPEC 2.5, as the payments audit counts them): the issued
 * statements of the payees of the organisations in scope, by the month of
 * the statement; a statement's total is the sum of its lines. */
static const char *const sql_payments =
  "SELECT st.month, total (st.total_yen) FROM statements st"
  " WHERE st.month BETWEEN :m1 AND :m12 AND " TS_SCOPE_SQL (
    "(CASE st.payee_type WHEN 'host'"
    " THEN (SELECT h.organisation_id FROM hosts h WHERE h.id = st.payee_id)"
    " ELSE (SELECT s.organisation_id FROM supporters s WHERE s.id = st.payee_id) END)")
  " GROUP BY st.month ORDER BY st.month";

static const char *const sql_organisations =
  "SELECT o.id, o.name FROM organisations o WHERE " TS_SCOPE_SQL ("o.id") " ORDER BY o.id";

static void
row_clear (gpointer data)
{
  TsStatisticsRow *row = data;

  g_clear_pointer (&row->name, g_free);
}

static GArray *
rows_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (TsStatisticsRow));

  g_array_set_clear_func (rows, row_clear);
  return rows;
}

void
ts_statistics_rows_free (TsStatisticsRows *rows)
{
  if (rows == NULL)
    return;
  g_clear_pointer (&rows->years, g_array_unref);
  g_clear_pointer (&rows->months, g_array_unref);
  g_clear_pointer (&rows->contactors, g_array_unref);
  g_clear_pointer (&rows->persons, g_array_unref);
  g_clear_pointer (&rows->supporters, g_array_unref);
  g_clear_pointer (&rows->activities, g_array_unref);
  g_clear_pointer (&rows->placements, g_array_unref);
  g_clear_pointer (&rows->organisations, g_array_unref);
  g_clear_pointer (&rows->payments, g_array_unref);
  g_free (rows);
}

typedef struct {
  int               fiscal_year;
  const GArray     *scope;
  TsStatisticsRows *rows;
} Read;

static void
copy_key (char *dest, gsize size, TsStmt *stmt, int col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  g_strlcpy (dest, text != NULL ? text : "", size);
}

/* The shape of a query's columns: which is the id, the keys and the name,
 * and from which column the figures start. */
typedef enum {
  SHAPE_ID,             /* id, n… */
  SHAPE_KEY,            /* key, n… */
  SHAPE_KEY_KEY,        /* key, key2, n… */
  SHAPE_ID_KEY,         /* id, key, n… (the supporters' groups) */
  SHAPE_ID_NAME,        /* id, name, n… */
} Shape;

static gboolean
run (TsStore *self, const Read *r, const char *sql, Shape shape, GArray *out, GError **error)
{
  g_autoptr(TsStmt) stmt = ts_store_prepare (self, sql, error);
  TsYearMonth months[TS_FISCAL_YEAR_N_MONTHS];
  char m1[8], m12[8];
  int rc, first, n_cols;

  if (stmt == NULL)
    return FALSE;
  ts_stmt_bind_named_date (stmt, ":from", ts_fiscal_year_first_day (r->fiscal_year));
  ts_stmt_bind_named_date (stmt, ":to", ts_fiscal_year_last_day (r->fiscal_year));
  if (sqlite3_bind_parameter_index (stmt, ":from3") > 0)
    {
      ts_stmt_bind_named_date (stmt, ":from3", ts_fiscal_year_first_day (r->fiscal_year - 2));
      ts_stmt_bind_named_date (stmt, ":y1", ts_fiscal_year_first_day (r->fiscal_year - 1));
      ts_stmt_bind_named_date (stmt, ":y2", ts_fiscal_year_first_day (r->fiscal_year));
    }
  if (sqlite3_bind_parameter_index (stmt, ":m1") > 0)
    {
      ts_fiscal_year_months (r->fiscal_year, months);
      g_snprintf (m1, sizeof m1, "%04d-%02d", months[0].year, months[0].month);
      g_snprintf (m12, sizeof m12, "%04d-%02d", months[11].year, months[11].month);
      ts_stmt_bind_named_text (stmt, ":m1", m1);
      ts_stmt_bind_named_text (stmt, ":m12", m12);
    }
  ts_stmt_bind_scope (stmt, r->scope);

  first = shape == SHAPE_ID || shape == SHAPE_KEY ? 1 : 2;
  n_cols = sqlite3_column_count (stmt);
  while ((rc = ts_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      TsStatisticsRow row = { 0 };

      switch (shape)
        {
        case SHAPE_ID:
          row.id = sqlite3_column_int64 (stmt, 0);
          break;
        case SHAPE_KEY:
          copy_key (row.key, sizeof row.key, stmt, 0);
          break;
        case SHAPE_KEY_KEY:
          copy_key (row.key, sizeof row.key, stmt, 0);
          copy_key (row.key2, sizeof row.key2, stmt, 1);
          break;
        case SHAPE_ID_KEY:
          row.id = sqlite3_column_int64 (stmt, 0);
          copy_key (row.key, sizeof row.key, stmt, 1);
          break;
        case SHAPE_ID_NAME:
        default:
          row.id = sqlite3_column_int64 (stmt, 0);
          row.name = ts_stmt_column_dup (stmt, 1);
          break;
        }
      for (int c = first, i = 0; c < n_cols && i < (int) G_N_ELEMENTS (row.n); c++, i++)
        {
          /* The supporters' dates come as text. */
          if (sqlite3_column_type (stmt, c) == SQLITE_TEXT)
            row.n[i] = ts_stmt_column_date (stmt, c);
          else
            row.n[i] = sqlite3_column_int64 (stmt, c);
        }
      g_array_append_val (out, row);
    }
  return rc == SQLITE_DONE;
}

static gboolean
read_all (TsStore *self, gpointer user_data, GError **error)
{
  Read *r = user_data;
  TsStatisticsRows *rows = r->rows;

  return run (self, r, sql_years, SHAPE_ID, rows->years, error) &&
         run (self, r, sql_months, SHAPE_KEY_KEY, rows->months, error) &&
         run (self, r, sql_contactors, SHAPE_KEY_KEY, rows->contactors, error) &&
         run (self, r, sql_persons, SHAPE_KEY_KEY, rows->persons, error) &&
         run (self, r, sql_supporters, SHAPE_ID_KEY, rows->supporters, error) &&
         run (self, r, sql_activities, SHAPE_KEY_KEY, rows->activities, error) &&
         run (self, r, sql_placements, SHAPE_ID_NAME, rows->placements, error) &&
         run (self, r, sql_payments, SHAPE_KEY, rows->payments, error) &&
         run (self, r, sql_organisations, SHAPE_ID_NAME, rows->organisations, error) &&
         ts_store_budget_get (self, r->fiscal_year, &rows->budget, &rows->has_budget, error);
}

TsStatisticsRows *
ts_store_statistics_read (TsStore *self, int fiscal_year, const GArray *scope, GError **error)
{
  g_autoptr(TsStatisticsRows) rows = g_new0 (TsStatisticsRows, 1);
  Read r = { fiscal_year, scope, rows };

  g_return_val_if_fail (TS_IS_STORE (self), NULL);
  rows->years = rows_new ();
  rows->months = rows_new ();
  rows->contactors = rows_new ();
  rows->persons = rows_new ();
  rows->supporters = rows_new ();
  rows->activities = rows_new ();
  rows->placements = rows_new ();
  rows->organisations = rows_new ();
  rows->payments = rows_new ();
  if (!ts_store_read (self, read_all, &r, error))
    return NULL;
  return g_steal_pointer (&rows);
}
