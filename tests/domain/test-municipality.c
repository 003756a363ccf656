/*
 * Municipality codes (全国地方公共団体コード) and the compiled-in table.
 */
#include <string.h>

#include "domain/municipality.h"

/* Checked by hand against 総務省's table, not computed here. */
static const struct {
  const char *code;
  const char *name;
} known_codes[] = {
  { "010006", "北海道" },
  { "011002", "札幌市" },
  { "011100", "清田区" },     /* remainder 1: check digit 0 */
  { "090000", "栃木県" },
  { "092011", "宇都宮市" },
  { "092045", "佐野市" },     /* seed 002 */
  { "092134", "那須塩原市" }, /* seed 002 */
  { "094072", "那須町" },     /* seed 002 */
  { "131016", "千代田区" },
  { "131059", "文京区" },     /* seed 004 */
  { "141011", "鶴見区" },
  { "472018", "那覇市" },
};

static gpointer
lookup_in_thread (gpointer data)
{
  return (gpointer) ts_municipality_lookup (data);
}

/* Added first so that the table's first load happens here, from several
 * threads at once. */
static void
test_concurrent_first_use (void)
{
  GThread *threads[8];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", lookup_in_thread, (gpointer) "092011");
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      const TsMunicipality *m = g_thread_join (threads[i]);

      g_assert_nonnull (m);
      g_assert_cmpstr (m->name, ==, "宇都宮市");
      g_assert_true (m == ts_municipality_lookup ("092011"));
    }
}

static void
test_known_check_digits (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_codes); i++)
    {
      const char *code = known_codes[i].code;
      const TsMunicipality *m;

      g_assert_true (ts_municipality_check_digit_valid (code));
      g_assert_cmpint (ts_municipality_compute_check_digit (code), ==, code[5] - '0');
      m = ts_municipality_lookup (code);
      g_assert_nonnull (m);
      g_assert_cmpstr (m->code, ==, code);
      g_assert_cmpstr (m->name, ==, known_codes[i].name);
    }
}

/* The rule restated as 総務省 words it, by cases, for every five-digit
 * prefix. */
static void
test_check_digit_rule (void)
{
  guint remainder_seen[11] = { 0 };

  for (int n = 0; n < 100000; n++)
    {
      char code[7];
      int sum, r, expected;

      g_snprintf (code, sizeof code, "%05d0", n);
      sum = (code[0] - '0') * 6 + (code[1] - '0') * 5 + (code[2] - '0') * 4 +
            (code[3] - '0') * 3 + (code[4] - '0') * 2;
      r = sum % 11;
      remainder_seen[r]++;
      if (r == 0)
        expected = 1;
      else if (r == 1)
        expected = 0;
      else
        expected = 11 - r;
      g_assert_cmpint (ts_municipality_compute_check_digit (code), ==, expected);

      code[5] = (char) ('0' + expected);
      g_assert_true (ts_municipality_check_digit_valid (code));
      code[5] = (char) ('0' + (expected + 1) % 10);
      g_assert_false (ts_municipality_check_digit_valid (code));
    }
  for (int r = 0; r < 11; r++)
    g_assert_cmpuint (remainder_seen[r], >, 0);
}

static void
test_invalid_check_digits (void)
{
  static const char *bad[] = {
    "131017", "092012", "141010",   /* wrong check digit */
    "", "13101", "1310160", "13101a", "a31016", " 131016", "131016 ",
    "１３１０１６",                 /* full-width digits */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (ts_municipality_check_digit_valid (bad[i]));
  g_assert_cmpint (ts_municipality_compute_check_digit ("1310"), ==, -1);
  g_assert_cmpint (ts_municipality_compute_check_digit ("1a101"), ==, -1);
}

static void
test_validate (void)
{
  const TsMunicipality *m = (gpointer) 0x1;
  char unknown[7] = "13999?";

  g_assert_cmpint (ts_municipality_validate_code (NULL, TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_MISSING);
  g_assert_null (m);
  g_assert_cmpint (ts_municipality_validate_code ("", TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_MISSING);
  g_assert_cmpint (ts_municipality_validate_code ("13101", TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_MALFORMED);
  g_assert_cmpint (ts_municipality_validate_code ("13-101", TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_MALFORMED);
  g_assert_cmpint (ts_municipality_validate_code ("１３１０１６", TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_MALFORMED);
  g_assert_cmpint (ts_municipality_validate_code ("131017", TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_BAD_CHECK_DIGIT);
  g_assert_null (m);

  /* Well formed, right check digit, no such municipality. */
  unknown[5] = (char) ('0' + ts_municipality_compute_check_digit (unknown));
  g_assert_true (ts_municipality_check_digit_valid (unknown));
  g_assert_null (ts_municipality_lookup (unknown));
  g_assert_cmpint (ts_municipality_validate_code (unknown, TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_UNKNOWN);
  g_assert_null (m);

  g_assert_cmpint (ts_municipality_validate_code ("090000", TS_MUNICIPALITY_KIND_LOCAL, &m),
                   ==, TS_MUNICIPALITY_CODE_WRONG_KIND);
  g_assert_null (m);
  g_assert_cmpint (ts_municipality_validate_code ("090000", TS_MUNICIPALITY_KIND_ANY, &m),
                   ==, TS_MUNICIPALITY_CODE_OK);
  g_assert_cmpstr (m->name, ==, "栃木県");
  g_assert_cmpint (ts_municipality_validate_code ("141011", TS_MUNICIPALITY_KIND_LOCAL, NULL),
                   ==, TS_MUNICIPALITY_CODE_OK);

  g_assert_cmpstr (ts_municipality_code_result_to_string (TS_MUNICIPALITY_CODE_OK), ==, "ok");
  g_assert_cmpstr (ts_municipality_code_result_to_string (TS_MUNICIPALITY_CODE_MISSING), ==, "missing");
  g_assert_cmpstr (ts_municipality_code_result_to_string (TS_MUNICIPALITY_CODE_MALFORMED), ==, "malformed");
  g_assert_cmpstr (ts_municipality_code_result_to_string (TS_MUNICIPALITY_CODE_BAD_CHECK_DIGIT), ==, "bad_check_digit");
  g_assert_cmpstr (ts_municipality_code_result_to_string (TS_MUNICIPALITY_CODE_UNKNOWN), ==, "unknown");
  g_assert_cmpstr (ts_municipality_code_result_to_string (TS_MUNICIPALITY_CODE_WRONG_KIND), ==, "wrong_kind");
}

static gboolean
is_hiragana (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x3041 || c > 0x309f)
        return FALSE;
    }
  return TRUE;
}

static void
test_whole_table (void)
{
  g_autoptr(GPtrArray) all = ts_municipality_list (NULL, TS_MUNICIPALITY_KIND_ANY);
  guint counts[16] = { 0 };

  g_assert_cmpuint (all->len, >, 1700);
  for (guint i = 0; i < all->len; i++)
    {
      const TsMunicipality *m = all->pdata[i];

      g_assert_true (ts_municipality_check_digit_valid (m->code));
      g_assert_true (ts_municipality_lookup (m->code) == m);
      g_assert_true (strncmp (m->code, m->prefecture_code, 2) == 0);
      g_assert_true (g_utf8_validate (m->name, -1, NULL));
      g_assert_true (is_hiragana (m->kana));
      g_assert_cmpstr (ts_municipality_get_prefecture (m->prefecture_code)->name,
                       ==, m->prefecture);
      if (i > 0)
        g_assert_cmpstr (((const TsMunicipality *) all->pdata[i - 1])->code, <, m->code);
      g_assert_cmpuint (m->kind, <, G_N_ELEMENTS (counts));
      counts[m->kind]++;
    }
  g_assert_cmpuint (counts[TS_MUNICIPALITY_KIND_PREFECTURE], ==, 47);
  g_assert_cmpuint (counts[TS_MUNICIPALITY_KIND_SPECIAL_WARD], ==, 23);
  /* 1,724 市町村 as of 2024 (792 cities, 743 towns, 189 villages). */
  g_assert_cmpuint (counts[TS_MUNICIPALITY_KIND_MUNICIPALITY], ==, 1724);
  g_assert_cmpuint (counts[TS_MUNICIPALITY_KIND_DESIGNATED_WARD], >, 0);
}

static void
test_prefectures (void)
{
  g_autoptr(GPtrArray) prefs = ts_municipality_list (NULL, TS_MUNICIPALITY_KIND_PREFECTURE);

  g_assert_cmpuint (prefs->len, ==, 47);
  for (guint i = 0; i < prefs->len; i++)
    {
      const TsMunicipality *p = prefs->pdata[i];
      char pref_code[3];

      /* A prefecture's own code is its two digits, 000 and the check digit. */
      g_snprintf (pref_code, sizeof pref_code, "%02u", i + 1);
      g_assert_cmpstr (p->prefecture_code, ==, pref_code);
      g_assert_true (strncmp (p->code + 2, "000", 3) == 0);
      g_assert_true (ts_municipality_get_prefecture (pref_code) == p);
      g_assert_cmpstr (p->name, ==, p->prefecture);
      g_assert_true (g_str_has_suffix (p->name, "都") || g_str_has_suffix (p->name, "道") ||
                     g_str_has_suffix (p->name, "府") || g_str_has_suffix (p->name, "県"));
      g_assert_null (p->city_code);
    }
  g_assert_cmpstr (ts_municipality_get_prefecture ("09")->code, ==, "090000");
  g_assert_cmpstr (ts_municipality_get_prefecture ("13")->name, ==, "東京都");
  g_assert_null (ts_municipality_get_prefecture ("00"));
  g_assert_null (ts_municipality_get_prefecture ("48"));
  g_assert_null (ts_municipality_get_prefecture ("9"));
  g_assert_null (ts_municipality_get_prefecture (NULL));
}

static void
test_tochigi (void)
{
  g_autoptr(GPtrArray) local = ts_municipality_list ("09", TS_MUNICIPALITY_KIND_LOCAL);
  g_autoptr(GPtrArray) all = ts_municipality_list ("09", TS_MUNICIPALITY_KIND_ANY);

  /* 栃木県: 14 cities and 11 towns, no villages and no designated city. */
  g_assert_cmpuint (local->len, ==, 25);
  g_assert_cmpuint (all->len, ==, 26);
  g_assert_cmpstr (((const TsMunicipality *) all->pdata[0])->code, ==, "090000");
  for (guint i = 0; i < local->len; i++)
    {
      const TsMunicipality *m = local->pdata[i];

      g_assert_cmpint (m->kind, ==, TS_MUNICIPALITY_KIND_MUNICIPALITY);
      g_assert_cmpstr (m->prefecture, ==, "栃木県");
      g_assert_true (g_str_has_suffix (m->name, "市") || g_str_has_suffix (m->name, "町"));
    }
  g_assert_cmpstr (ts_municipality_lookup ("092011")->kana, ==, "うつのみやし");
}

static void
test_tokyo_special_wards (void)
{
  g_autoptr(GPtrArray) wards = ts_municipality_list ("13", TS_MUNICIPALITY_KIND_SPECIAL_WARD);
  g_autoptr(GPtrArray) elsewhere = ts_municipality_list (NULL, TS_MUNICIPALITY_KIND_SPECIAL_WARD);
  const TsMunicipality *bunkyo;

  g_assert_cmpuint (wards->len, ==, 23);
  g_assert_cmpuint (elsewhere->len, ==, 23);
  for (guint i = 0; i < wards->len; i++)
    {
      const TsMunicipality *w = wards->pdata[i];

      g_assert_true (g_str_has_prefix (w->code, "131"));
      g_assert_true (g_str_has_suffix (w->name, "区"));
      g_assert_null (w->city_code);
    }
  bunkyo = ts_municipality_lookup ("131059");
  g_assert_cmpstr (bunkyo->name, ==, "文京区");
  g_assert_cmpstr (bunkyo->kana, ==, "ぶんきょうく");
  g_assert_cmpint (bunkyo->kind, ==, TS_MUNICIPALITY_KIND_SPECIAL_WARD);
  /* 八王子市 is a city of Tokyo, not a special ward. */
  g_assert_cmpint (ts_municipality_lookup ("132012")->kind, ==, TS_MUNICIPALITY_KIND_MUNICIPALITY);
}

static void
test_designated_wards (void)
{
  g_autoptr(GPtrArray) wards = ts_municipality_list (NULL, TS_MUNICIPALITY_KIND_DESIGNATED_WARD);
  g_autoptr(GHashTable) cities = g_hash_table_new (g_str_hash, g_str_equal);
  const TsMunicipality *tsurumi = ts_municipality_lookup ("141011");
  const TsMunicipality *kiyota = ts_municipality_lookup ("011100");

  g_assert_nonnull (tsurumi);
  g_assert_cmpstr (tsurumi->name, ==, "鶴見区");
  g_assert_cmpstr (tsurumi->kana, ==, "つるみく");
  g_assert_cmpstr (tsurumi->prefecture, ==, "神奈川県");
  g_assert_cmpint (tsurumi->kind, ==, TS_MUNICIPALITY_KIND_DESIGNATED_WARD);
  g_assert_cmpstr (tsurumi->city_code, ==, "141003");
  g_assert_cmpstr (ts_municipality_lookup (tsurumi->city_code)->name, ==, "横浜市");
  g_assert_cmpint (ts_municipality_lookup ("141003")->kind, ==, TS_MUNICIPALITY_KIND_MUNICIPALITY);
  g_assert_null (ts_municipality_lookup ("141003")->city_code);

  /* The last of 札幌市's ten wards. */
  g_assert_cmpstr (kiyota->city_code, ==, "011002");

  for (guint i = 0; i < wards->len; i++)
    {
      const TsMunicipality *w = wards->pdata[i];
      const TsMunicipality *city = ts_municipality_lookup (w->city_code);

      g_assert_nonnull (city);
      g_assert_cmpint (city->kind, ==, TS_MUNICIPALITY_KIND_MUNICIPALITY);
      g_assert_true (g_str_has_suffix (city->name, "市"));
      g_assert_cmpstr (city->prefecture_code, ==, w->prefecture_code);
      g_assert_cmpstr (city->code, <, w->code);
      g_assert_true (g_str_has_suffix (w->name, "区"));
      g_hash_table_add (cities, (gpointer) city->code);
    }
  /* Japan has 20 政令指定都市. */
  g_assert_cmpuint (g_hash_table_size (cities), ==, 20);
}

static void
test_lookup_misses (void)
{
  g_assert_null (ts_municipality_lookup (NULL));
  g_assert_null (ts_municipality_lookup (""));
  g_assert_null (ts_municipality_lookup ("09201"));
  g_assert_null (ts_municipality_lookup ("0920110"));
  g_assert_null (ts_municipality_lookup ("092012"));
}

static void
test_kind_strings (void)
{
  static const TsMunicipalityKind kinds[] = {
    TS_MUNICIPALITY_KIND_PREFECTURE, TS_MUNICIPALITY_KIND_MUNICIPALITY,
    TS_MUNICIPALITY_KIND_SPECIAL_WARD, TS_MUNICIPALITY_KIND_DESIGNATED_WARD,
  };
  static const char *names[] = {
    "prefecture", "municipality", "special_ward", "designated_ward",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      TsMunicipalityKind kind = 0;

      g_assert_cmpstr (ts_municipality_kind_to_string (kinds[i]), ==, names[i]);
      g_assert_true (ts_municipality_kind_from_string (names[i], &kind));
      g_assert_cmpint (kind, ==, kinds[i]);
    }
  g_assert_false (ts_municipality_kind_from_string ("ward", NULL));
  g_assert_false (ts_municipality_kind_from_string (NULL, NULL));
}

/* Issue 11 item 13: "the same municipality" compares a designated city's
 * wards as their city; everything else as itself. */
static void
test_city_code (void)
{
  /* 札幌市中央区, 札幌市北区 and 札幌市 are one city. */
  g_assert_cmpstr (ts_municipality_city_code ("011011"), ==, "011002");
  g_assert_cmpstr (ts_municipality_city_code ("011029"), ==, "011002");
  g_assert_cmpstr (ts_municipality_city_code ("011002"), ==, "011002");
  /* 千葉市中央区 is 千葉市, not 札幌市 nor Tokyo's 中央区. */
  g_assert_cmpstr (ts_municipality_city_code ("121011"), ==, "121002");
  g_assert_cmpstr (ts_municipality_city_code ("141011"), ==, "141003");
  /* Tokyo's special wards are municipalities of their own. */
  g_assert_cmpstr (ts_municipality_city_code ("131016"), ==, "131016");
  g_assert_cmpstr (ts_municipality_city_code ("131024"), ==, "131024");
  /* An ordinary city, an unknown code and NULL answer themselves. */
  g_assert_cmpstr (ts_municipality_city_code ("092011"), ==, "092011");
  g_assert_cmpstr (ts_municipality_city_code ("999999"), ==, "999999");
  g_assert_null (ts_municipality_city_code (NULL));
  /* Every designated ward's answer is a designated city. */
  {
    g_autoptr(GPtrArray) wards = ts_municipality_list (NULL, TS_MUNICIPALITY_KIND_DESIGNATED_WARD);
    g_autoptr(GHashTable) cities = g_hash_table_new (g_str_hash, g_str_equal);

    g_assert_cmpuint (wards->len, ==, 175);
    for (guint i = 0; i < wards->len; i++)
      {
        const TsMunicipality *w = wards->pdata[i];
        const char *code = ts_municipality_city_code (w->code);
        const TsMunicipality *city = ts_municipality_lookup (code);

        g_assert_cmpstr (code, !=, w->code);
        g_assert_nonnull (city);
        g_assert_cmpint (city->kind, ==, TS_MUNICIPALITY_KIND_MUNICIPALITY);
        g_assert_true (g_str_has_suffix (city->name, "市"));
        /* A ward's city is in the ward's prefecture. */
        g_assert_true (strncmp (code, w->code, 2) == 0);
        g_hash_table_add (cities, (gpointer) code);
      }
    /* The twenty designated cities (政令指定都市), 札幌市 to 熊本市. */
    g_assert_cmpuint (g_hash_table_size (cities), ==, 20);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsunagari/domain/municipality/concurrent-first-use", test_concurrent_first_use);
  g_test_add_func ("/tsunagari/domain/municipality/known-check-digits", test_known_check_digits);
  g_test_add_func ("/tsunagari/domain/municipality/check-digit-rule", test_check_digit_rule);
  g_test_add_func ("/tsunagari/domain/municipality/invalid-check-digits", test_invalid_check_digits);
  g_test_add_func ("/tsunagari/domain/municipality/validate", test_validate);
  g_test_add_func ("/tsunagari/domain/municipality/whole-table", test_whole_table);
  g_test_add_func ("/tsunagari/domain/municipality/prefectures", test_prefectures);
  g_test_add_func ("/tsunagari/domain/municipality/tochigi", test_tochigi);
  g_test_add_func ("/tsunagari/domain/municipality/tokyo-special-wards", test_tokyo_special_wards);
  g_test_add_func ("/tsunagari/domain/municipality/designated-wards", test_designated_wards);
  g_test_add_func ("/tsunagari/domain/municipality/lookup-misses", test_lookup_misses);
  g_test_add_func ("/tsunagari/domain/municipality/kind-strings", test_kind_strings);
  g_test_add_func ("/tsunagari/domain/municipality/city-code", test_city_code);

  return g_test_run ();
}
