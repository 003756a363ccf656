/*
 * Reading the compiled-in reference tables: see domain/data-table.h.
 */
#include "domain/data-table.h"

#include <string.h>

#include <gio/gio.h>

#include "ts-data-resources.h"

void
ts_data_table_corrupt (const char *resource, gsize line_no, const char *why)
{
  g_error ("%s:%" G_GSIZE_FORMAT ": %s", resource, line_no, why);
}

char *
ts_data_table_load (const char *resource, gsize *out_n_lines)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size = 0;
  gsize n_lines = 0;
  char *text;

  /* Our own resource rather than the global registry: the reference also
   * makes the linker keep the resource's object file, which a static
   * library would otherwise drop. */
  bytes = g_resource_lookup_data (ts_data_get_resource (), resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("%s: %s", resource, error->message);
  data = g_bytes_get_data (bytes, &size);

  text = g_malloc (size + 1);
  memcpy (text, data, size);
  text[size] = '\0';
  for (gsize i = 0; i < size; i++)
    if (text[i] == '\n')
      n_lines++;
  *out_n_lines = n_lines;
  return text;
}

gsize
ts_data_table_each_row (char *text, const char *resource, const char *header,
                        TsDataRowFunc row, gpointer user_data)
{
  gsize line_no = 1;
  char *p = text;

  while (*p != '\0')
    {
      char *nl = strchr (p, '\n');

      if (nl != NULL)
        *nl = '\0';
      if (line_no == 1)
        {
          if (!g_str_equal (p, header))
            ts_data_table_corrupt (resource, line_no, "unexpected header");
        }
      else if (*p != '\0')
        row (p, line_no, user_data);
      if (nl == NULL)
        break;
      p = nl + 1;
      line_no++;
    }
  return line_no;
}
