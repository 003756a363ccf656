/*
 * Japanese public holidays.
 *
 * Issue 6: a placement day on a public holiday is accepted but earns a
 * warning, because a 職親 business may well be closed that day.  The table
 * comes from the MIT-licensed npm package @holiday-jp/holiday_jp (see
 * data/holidays-jp.LICENSE), generated into data/ by scripts/gen-holidays and
 * compiled into the library as a GResource, so nothing is downloaded at build
 * or run time.
 */
#include "domain/holidays.h"

#include <stdlib.h>
#include <string.h>

#include "domain/data-table.h"

#define TS_HOLIDAYS_RESOURCE "/org/tsunagari/data/holidays-jp.tsv"
#define TS_HOLIDAYS_HEADER   "date\tname"

typedef struct {
  TsDate      date;
  const char *name;
} TsHoliday;

typedef struct {
  char      *text;       /* the TSV, its tabs and newlines cut to NULs */
  TsHoliday *entries;    /* sorted by date */
  gsize      n_entries;
  TsDate     first;      /* 1 January of the first year covered */
  TsDate     last;       /* 31 December of the last year covered */
} TsHolidayTable;

/* The table is compiled in and checked by the generator and the tests, so a
 * row that does not parse means a broken build, not bad input. */
G_GNUC_NORETURN static void
table_corrupt (gsize       line,
               const char *why)
{
  ts_data_table_corrupt (TS_HOLIDAYS_RESOURCE, line, why);
}

static void
table_parse_row (char     *line,
                 gsize     line_no,
                 gpointer  user_data)
{
  TsHolidayTable *table = user_data;
  TsHoliday *entry = &table->entries[table->n_entries];
  char *tab = strchr (line, '\t');

  if (tab == NULL)
    table_corrupt (line_no, "too few fields");
  *tab = '\0';
  entry->name = tab + 1;
  if (strchr (entry->name, '\t') != NULL)
    table_corrupt (line_no, "too many fields");
  if (*entry->name == '\0')
    table_corrupt (line_no, "empty name");
  if (!ts_date_parse (line, &entry->date))
    table_corrupt (line_no, "bad date");
  if (table->n_entries > 0 &&
      table->entries[table->n_entries - 1].date >= entry->date)
    table_corrupt (line_no, "dates are not sorted");
  table->n_entries++;
}

static gpointer
table_load (gpointer user_data G_GNUC_UNUSED)
{
  TsHolidayTable *table = g_new0 (TsHolidayTable, 1);
  gsize n_lines, line_no;

  table->text = ts_data_table_load (TS_HOLIDAYS_RESOURCE, &n_lines);
  table->entries = g_new0 (TsHoliday, n_lines + 1);
  line_no = ts_data_table_each_row (table->text, TS_HOLIDAYS_RESOURCE, TS_HOLIDAYS_HEADER,
                                    table_parse_row, table);

  if (table->n_entries == 0)
    table_corrupt (line_no, "no holidays");

  /* The package covers whole years, and 元日 is a holiday in every one of
   * them (the generator checks both), so the first and last rows give the
   * years covered. */
  table->first = ts_date_new (ts_date_get_year (table->entries[0].date), 1, 1);
  table->last = ts_date_new (ts_date_get_year (table->entries[table->n_entries - 1].date),
                             12, 31);
  if (table->entries[0].date != table->first)
    table_corrupt (2, "the first year does not start with 元日");

  return table;
}

static const TsHolidayTable *
table_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, table_load, NULL);
}

static int
compare_date (const void *key,
              const void *element)
{
  TsDate date = *(const TsDate *) key;
  const TsHoliday *entry = element;

  return (date > entry->date) - (date < entry->date);
}

/*
 * The holiday's Japanese name ("元日", "こどもの日 振替休日", "休日" for a
 * 国民の休日), or NULL when @date is not a public holiday.  The string lives
 * as long as the process.
 *
 * Outside ts_holidays_covered_range() the answer is always NULL: the table
 * cannot say, so callers that must distinguish "not a holiday" from "not
 * known" ask ts_holidays_covers() first.
 */
const char *
ts_holiday_name (TsDate date)
{
  const TsHolidayTable *table;
  const TsHoliday *entry;

  if (date == TS_DATE_NONE)
    return NULL;
  table = table_get ();
  entry = bsearch (&date, table->entries, table->n_entries,
                   sizeof (TsHoliday), compare_date);
  return entry != NULL ? entry->name : NULL;
}

/* Whether the table knows the holidays of @date's year. */
gboolean
ts_holidays_covers (TsDate date)
{
  const TsHolidayTable *table = table_get ();

  return date != TS_DATE_NONE && date >= table->first && date <= table->last;
}

/* The first and last day (inclusive) whose holidays the table knows:
 * 1 January of the package's first year to 31 December of its last. */
void
ts_holidays_covered_range (TsDate *first,
                           TsDate *last)
{
  const TsHolidayTable *table = table_get ();

  if (first != NULL)
    *first = table->first;
  if (last != NULL)
    *last = table->last;
}
