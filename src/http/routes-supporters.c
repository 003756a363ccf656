#include "http/route.h"

void
ts_routes_supporters (GArray *routes)
{
  (void) routes;
}
