#include "service/reference.h"

#include "domain/fiscal.h"
#include "domain/municipality.h"

GPtrArray *
ts_service_local_municipality_codes (const char *prefecture_code)
{
  g_autoptr(GPtrArray) places = ts_municipality_list (prefecture_code,
                                                      TS_MUNICIPALITY_KIND_LOCAL);
  GPtrArray *codes = g_ptr_array_sized_new (places->len);

  for (guint i = 0; i < places->len; i++)
    g_ptr_array_add (codes, (gpointer) ((const TsMunicipality *) places->pdata[i])->code);
  return codes;
}

char *
ts_service_fiscal_year_name_ja (int fiscal_year)
{
  return ts_wareki_fiscal_year_name (fiscal_year);
}
