#include "core/role.h"

static const struct {
  TsRole role;
  const char *name;
} roles[] = {
  { TS_ROLE_ADMIN, "admin" },
  { TS_ROLE_COORDINATOR, "coordinator" },
  { TS_ROLE_SUPPORTER, "supporter" },
  { TS_ROLE_HOST, "host" },
  { TS_ROLE_AUDITOR, "auditor" },
};

const char *
ts_role_to_string (TsRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i].role == role)
      return roles[i].name;
  return NULL;
}

TsRole
ts_role_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].name, text))
      return roles[i].role;
  return TS_ROLE_NONE;
}
