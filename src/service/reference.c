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

gboolean
ts_service_places (const char  *prefecture_code,
                   const char  *kind,
                   GArray     **out)
{
  TsMunicipalityKind kinds = TS_MUNICIPALITY_KIND_ANY;
  g_autoptr(GPtrArray) places = NULL;
  GArray *result;

  if (kind != NULL && !ts_municipality_kind_from_string (kind, &kinds))
    return FALSE;
  places = ts_municipality_list (prefecture_code, kinds);
  result = g_array_sized_new (FALSE, FALSE, sizeof (TsPlace), places->len);
  for (guint i = 0; i < places->len; i++)
    {
      const TsMunicipality *m = places->pdata[i];
      TsPlace place = { m->code, m->name, m->kana, ts_municipality_kind_to_string (m->kind),
                        m->prefecture_code, m->prefecture, m->city_code };

      g_array_append_val (result, place);
    }
  *out = result;
  return TRUE;
}
