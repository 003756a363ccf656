#include "http/encoding.h"

#include <gio/gio.h>

/* RFC 9110 12.5.3: gzip is acceptable when named (or matched by "*") with a
 * q-value above 0. */
gboolean
ts_http_accepts_gzip (const char *header)
{
  g_auto(GStrv) items = NULL;
  gboolean star = FALSE;

  if (header == NULL)
    return FALSE;
  items = g_strsplit (header, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], ";", -1);
      const char *coding = g_strstrip (parts[0]);
      double q = 1.0;

      for (guint j = 1; parts[j] != NULL; j++)
        {
          const char *param = g_strstrip (parts[j]);
          if (g_ascii_strncasecmp (param, "q=", 2) == 0)
            q = g_ascii_strtod (param + 2, NULL);
        }
      if (g_ascii_strcasecmp (coding, "gzip") == 0 || g_ascii_strcasecmp (coding, "x-gzip") == 0)
        return q > 0;
      if (g_str_equal (coding, "*"))
        star = q > 0;
    }
  return star;
}

/* NULL if zlib fails (it does not on memory streams). */
GBytes *
ts_http_gzip (GBytes *input, int level)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, level);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  gsize len;
  gconstpointer data = g_bytes_get_data (input, &len);

  if (!g_output_stream_write_all (out, data, len, NULL, NULL, NULL) ||
      !g_output_stream_close (out, NULL, NULL))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}
