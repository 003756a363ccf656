/*
 * Reference tables compiled into the program, for the interfaces (issue
 * 12: http/ and cli/ reach domain/ only through the service): the
 * municipality codes and the Japanese names of fiscal years.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The codes (static strings; the array owns none) of the places in a
 * prefecture a supporter or a case can live in: municipalities, special
 * wards and designated cities' wards, in table order.  Empty for an
 * unknown prefecture. */
GPtrArray *ts_service_local_municipality_codes (const char *prefecture_code);

/* One place of the municipality table, as GET /v1/municipalities gives it
 * (every string static). */
typedef struct {
  const char *code;
  const char *name;
  const char *kana;
  const char *kind;            /* prefecture, municipality, special_ward, designated_ward */
  const char *prefecture_code;
  const char *prefecture;
  const char *city_code;       /* a designated ward's city, else NULL */
} TsPlace;

/* The places of @prefecture_code (NULL: every prefecture) of kind @kind
 * (NULL: any), in table order.  FALSE when @kind names no kind. */
gboolean   ts_service_places                   (const char  *prefecture_code,
                                                const char  *kind,
                                                GArray     **out);

/* A fiscal year's name in the Japanese era (令和7年度), or NULL outside
 * the eras known. */
char      *ts_service_fiscal_year_name_ja      (int fiscal_year);

G_END_DECLS
