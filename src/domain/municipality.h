/*
 * Municipality codes (全国地方公共団体コード).
 *
 * A code is six ASCII digits: the JIS X 0401 prefecture code (2), the
 * JIS X 0402 municipality code (3) and a check digit.  The table is compiled
 * in from data/municipalities.tsv (see scripts/gen-municipalities) and is
 * read once, on first use, by whichever thread gets there first.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Flags, so that ts_municipality_list() can take a set of kinds. */
typedef enum {
  TS_MUNICIPALITY_KIND_PREFECTURE      = 1 << 0, /* 都道府県 */
  TS_MUNICIPALITY_KIND_MUNICIPALITY    = 1 << 1, /* 市町村, designated cities included */
  TS_MUNICIPALITY_KIND_SPECIAL_WARD    = 1 << 2, /* 東京都の特別区 */
  TS_MUNICIPALITY_KIND_DESIGNATED_WARD = 1 << 3, /* 政令指定都市の区 */
} TsMunicipalityKind;

#define TS_MUNICIPALITY_KIND_ANY \
  (TS_MUNICIPALITY_KIND_PREFECTURE | TS_MUNICIPALITY_KIND_MUNICIPALITY | \
   TS_MUNICIPALITY_KIND_SPECIAL_WARD | TS_MUNICIPALITY_KIND_DESIGNATED_WARD)

/* Places a supporter or a case can live in: everything but a prefecture. */
#define TS_MUNICIPALITY_KIND_LOCAL \
  (TS_MUNICIPALITY_KIND_MUNICIPALITY | TS_MUNICIPALITY_KIND_SPECIAL_WARD | \
   TS_MUNICIPALITY_KIND_DESIGNATED_WARD)

/* One row of the table.  Entries live as long as the process; never free
 * them. */
typedef struct {
  const char         *code;            /* "141011" */
  const char         *prefecture_code; /* "14" */
  const char         *prefecture;      /* "神奈川県" */
  const char         *name;            /* "鶴見区" */
  const char         *kana;            /* "つるみく" (hiragana) */
  TsMunicipalityKind  kind;
  const char         *city_code;       /* a designated ward's city ("141003"), else NULL */
} TsMunicipality;

/* Why a code was refused, one value per message the HTTP layer gives. */
typedef enum {
  TS_MUNICIPALITY_CODE_OK,
  TS_MUNICIPALITY_CODE_MISSING,          /* NULL or "" */
  TS_MUNICIPALITY_CODE_MALFORMED,        /* not exactly six ASCII digits */
  TS_MUNICIPALITY_CODE_BAD_CHECK_DIGIT,  /* sixth digit does not match */
  TS_MUNICIPALITY_CODE_UNKNOWN,          /* well formed, not in the table */
  TS_MUNICIPALITY_CODE_WRONG_KIND,       /* in the table, not of a kind asked for */
} TsMunicipalityCodeResult;

int                       ts_municipality_compute_check_digit (const char *code);
gboolean                  ts_municipality_check_digit_valid   (const char *code);
TsMunicipalityCodeResult  ts_municipality_validate_code       (const char            *code,
                                                               TsMunicipalityKind     kinds,
                                                               const TsMunicipality **out);
const char               *ts_municipality_code_result_to_string (TsMunicipalityCodeResult result);

const TsMunicipality     *ts_municipality_lookup              (const char *code);
const TsMunicipality     *ts_municipality_get_prefecture      (const char *prefecture_code);
const char               *ts_municipality_city_code           (const char *code);
GPtrArray                *ts_municipality_list                (const char         *prefecture_code,
                                                               TsMunicipalityKind  kinds);

const char               *ts_municipality_kind_to_string      (TsMunicipalityKind kind);
gboolean                  ts_municipality_kind_from_string    (const char         *text,
                                                               TsMunicipalityKind *out);

G_END_DECLS
