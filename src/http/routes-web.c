/*
 * The web application: the files of data/web/ compiled in as a GResource
 * (data/web/web.gresource.xml) and served at /, /app/… (the single-page
 * application's own paths, all answered with index.html), /static/… and
 * /sw.js.  Nothing is fetched from elsewhere at run time.
 *
 * Every file is read, hashed and gzip-compressed once, the first time the web
 * application is asked for; after that a request is a hash-table lookup.
 * index.html names its scripts under /static/BUILD/…, where BUILD is a hash
 * of every file: those URLs never change content, so they are cached
 * "immutable", while index.html and the service worker are revalidated on
 * every load (no-cache + ETag) and pick up a new BUILD after an upgrade.
 */
#include "http/route.h"
#include "http/encoding.h"

#include <string.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "ts-web-resources.h"

#define WEB_ROOT         "/org/tsunagari/web/"
#define BUILD_MARK       "@BUILD@"
#define PRECACHE_MARK    "\"@PRECACHE@\""
#define BUILD_LEN        16

/* The same policy for every page: no inline script or style, nothing from
 * another origin, not framable (issue 7, Security). */
#define WEB_CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
                "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; " \
                "base-uri 'none'; form-action 'self'"

#define CACHE_IMMUTABLE  "public, max-age=31536000, immutable"
#define CACHE_REVALIDATE "no-cache"

typedef struct {
  GBytes     *body;
  GBytes     *gzip;        /* NULL when compression does not make it smaller */
  char       *etag;
  char       *etag_gzip;
  const char *type;
} WebFile;

typedef struct {
  GHashTable *files;       /* name below data/web/ → WebFile */
  char       *build;
} WebCache;

static const struct {
  const char *ext;
  const char *type;
  gboolean    compress;
} web_types[] = {
  { ".html", "text/html; charset=utf-8", TRUE },
  { ".js", "text/javascript; charset=utf-8", TRUE },
  { ".mjs", "text/javascript; charset=utf-8", TRUE },
  { ".css", "text/css; charset=utf-8", TRUE },
  { ".json", "application/json; charset=utf-8", TRUE },
  { ".webmanifest", "application/manifest+json; charset=utf-8", TRUE },
  { ".svg", "image/svg+xml", TRUE },
  { ".txt", "text/plain; charset=utf-8", TRUE },
  { ".png", "image/png", FALSE },
  { ".ico", "image/x-icon", TRUE },
  { ".woff2", "font/woff2", FALSE },
};

static const char *
web_type (const char *name, gboolean *compress)
{
  for (guint i = 0; i < G_N_ELEMENTS (web_types); i++)
    if (g_str_has_suffix (name, web_types[i].ext))
      {
        *compress = web_types[i].compress;
        return web_types[i].type;
      }
  *compress = FALSE;
  return "application/octet-stream";
}

static void
web_file_free (gpointer data)
{
  WebFile *f = data;
  g_bytes_unref (f->body);
  g_clear_pointer (&f->gzip, g_bytes_unref);
  g_free (f->etag);
  g_free (f->etag_gzip);
  g_free (f);
}

static void
collect_names (const char *dir, const char *rel, GPtrArray *names)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resource_enumerate_children (ts_web_get_resource (), dir,
                                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *child_dir = g_strconcat (dir, children[i], NULL);
      g_autofree char *child_rel = g_strconcat (rel, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_names (child_dir, child_rel, names);
      else
        g_ptr_array_add (names, g_steal_pointer (&child_rel));
    }
}

static char *
etag_of (GBytes *bytes, const char *suffix)
{
  g_autofree char *hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  hex[BUILD_LEN + 8] = '\0';
  return g_strdup_printf ("\"%s%s\"", hex, suffix);
}

static GBytes *
replace_all (GBytes *bytes, const char *mark, const char *with)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) parts = g_strsplit (text, mark, -1);
  char *joined = g_strjoinv (with, parts);
  return g_bytes_new_take (joined, strlen (joined));
}

/* What the service worker stores at installation so that the shell works
 * offline: every file except the pages themselves and the chart library,
 * which only the auditor's pages load (and the worker caches on first use). */
static char *
precache_list (GPtrArray *names, const char *build)
{
  g_autoptr(GString) s = g_string_new ("[\"/\"");

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      if (g_str_equal (name, "index.html") || g_str_equal (name, "sw.js") ||
          g_str_has_prefix (name, "vendor/uPlot") || g_str_has_suffix (name, ".LICENSE") ||
          g_str_has_suffix (name, ".txt"))
        continue;
      g_string_append_printf (s, ", \"/static/%s/%s\"", build, name);
    }
  g_string_append_c (s, ']');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The phone pages (a supporter's, a host's and the sign-in page) need a
 * third of the messages: i18n/XX.phone.json holds the members of
 * i18n/XX.json whose key's first part (before the first dot) is one of the
 * groups listed in i18n/phone.txt, one a line ("#" starts a comment).  Made
 * here, once, so that the messages keep one file per language. */
#define PHONE_GROUPS "i18n/phone.txt"

static GHashTable *
phone_groups (void)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (ts_web_get_resource (), WEB_ROOT PHONE_GROUPS,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *groups;

  if (bytes == NULL)
    return NULL;
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (*line != '\0' && *line != '#')
        g_hash_table_add (groups, g_strdup (line));
    }
  return groups;
}

/* "i18n/ja.json" → "i18n/ja.phone.json"; NULL for any other file. */
static char *
phone_name (const char *name)
{
  const char *lang;

  if (!g_str_has_prefix (name, "i18n/") || !g_str_has_suffix (name, ".json"))
    return NULL;
  lang = name + strlen ("i18n/");
  if (strchr (lang, '.') != strrchr (lang, '.'))
    return NULL;
  return g_strdup_printf ("i18n/%.*s.phone.json", (int) (strlen (lang) - strlen (".json")), lang);
}

static GBytes *
phone_messages (GBytes *all, GHashTable *groups)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *in, *out;
  gsize len;
  char *text;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (all, NULL), (gssize) g_bytes_get_size (all), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  in = json_node_get_object (json_parser_get_root (parser));
  out = json_object_new ();
  members = json_object_get_members (in);
  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      const char *dot = strchr (key, '.');
      g_autofree char *group = g_strndup (key, dot != NULL ? (gsize) (dot - key) : strlen (key));

      if (g_hash_table_contains (groups, group))
        json_object_set_member (out, key, json_node_copy (json_object_get_member (in, key)));
    }
  root = json_node_init_object (json_node_alloc (), out);
  json_object_unref (out);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static gpointer
build_cache (gpointer unused)
{
  WebCache *cache = g_new0 (WebCache, 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *precache = NULL;
  g_autoptr(GHashTable) groups = NULL;

  (void) unused;
  cache->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, web_file_free);
  collect_names (WEB_ROOT, "", names);
  g_ptr_array_sort (names, compare_names);
  groups = phone_groups ();

  /* The build id covers every byte of every file, so any change to the
   * application gives new /static/ URLs. */
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strconcat (WEB_ROOT, names->pdata[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (ts_web_get_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      gsize len;
      gconstpointer data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

      g_checksum_update (sum, (const guchar *) names->pdata[i], (gssize) strlen (names->pdata[i]) + 1);
      if (data != NULL)
        g_checksum_update (sum, data, (gssize) len);
    }
  cache->build = g_strndup (g_checksum_get_string (sum), BUILD_LEN);
  /* The made files are served and precached like the others. */
  for (guint i = 0, n = names->len; groups != NULL && i < n; i++)
    {
      char *made = phone_name (names->pdata[i]);
      if (made != NULL)
        g_ptr_array_add (names, made);
    }
  g_ptr_array_sort (names, compare_names);
  precache = precache_list (names, cache->build);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = g_strconcat (WEB_ROOT, name, NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (ts_web_get_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      WebFile *f;
      gboolean compress;

      if (bytes == NULL && groups != NULL && g_str_has_suffix (name, ".phone.json"))
        {
          /* i18n/XX.phone.json, from phone_name(): cut from i18n/XX.json. */
          g_autofree char *source = g_strdup (path);
          g_autoptr(GBytes) all = NULL;

          strcpy (source + strlen (source) - strlen (".phone.json"), ".json");
          all = g_resource_lookup_data (ts_web_get_resource (), source, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
          if (all != NULL)
            bytes = phone_messages (all, groups);
        }
      if (bytes == NULL)
        continue;
      f = g_new0 (WebFile, 1);
      f->type = web_type (name, &compress);
      if (g_str_equal (name, "index.html") || g_str_equal (name, "sw.js"))
        {
          g_autoptr(GBytes) with_build = replace_all (bytes, BUILD_MARK, cache->build);
          f->body = replace_all (with_build, PRECACHE_MARK, precache);
        }
      else
        f->body = g_bytes_ref (bytes);
      f->etag = etag_of (f->body, "");
      if (compress)
        {
          f->gzip = ts_http_gzip (f->body, 9);
          if (f->gzip != NULL && g_bytes_get_size (f->gzip) >= g_bytes_get_size (f->body))
            g_clear_pointer (&f->gzip, g_bytes_unref);
          if (f->gzip != NULL)
            f->etag_gzip = etag_of (f->body, "-gz");
        }
      g_hash_table_insert (cache->files, g_strdup (name), f);
    }
  return cache;
}

static WebCache *
web_cache (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_cache, NULL);
}

/* RFC 9110 13.1.2, weak comparison: W/"x" matches "x". */
static gboolean
etag_matches (const char *if_none_match, const char *etag)
{
  g_auto(GStrv) items = NULL;

  if (if_none_match == NULL)
    return FALSE;
  items = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *tag = g_strstrip (items[i]);
      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (g_str_equal (tag, "*") || g_str_equal (tag, etag))
        return TRUE;
    }
  return FALSE;
}

/* The policy headers act on what a browser runs as a document or a worker:
 * the page, the service worker, an SVG opened by itself.  On a module,
 * stylesheet or JSON file a browser ignores CSP and COOP, so they are not
 * sent there (250 bytes a file, 2.5 KB of a phone's first load). */
static gboolean
is_document (const char *name)
{
  return g_str_has_suffix (name, ".html") || g_str_equal (name, "sw.js") || g_str_has_suffix (name, ".svg");
}

static void
add_web_headers (TsRequest *req, const char *name, const char *cache_control)
{
  if (is_document (name))
    {
      ts_request_add_header (req, "Content-Security-Policy", WEB_CSP);
      ts_request_add_header (req, "Cross-Origin-Opener-Policy", "same-origin");
    }
  else
    ts_request_add_header (req, "Content-Security-Policy", NULL);
  ts_request_add_header (req, "X-Content-Type-Options", "nosniff");
  ts_request_add_header (req, "Referrer-Policy", "no-referrer");
  ts_request_add_header (req, "Cache-Control", cache_control);
}

static void
serve_file (TsRequest *req, const char *name, const char *cache_control)
{
  WebFile *f = g_hash_table_lookup (web_cache ()->files, name);
  gboolean gz;
  const char *etag;

  if (f == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (TS_ERROR, TS_ERROR_NOT_FOUND,
                                                     N_("No such resource"));
      ts_request_reply_error (req, error);
      return;
    }
  gz = f->gzip != NULL && ts_http_accepts_gzip (ts_request_header (req, "Accept-Encoding"));
  etag = gz ? f->etag_gzip : f->etag;

  add_web_headers (req, name, cache_control);
  ts_request_add_header (req, "ETag", etag);
  if (f->gzip != NULL)
    ts_request_add_header (req, "Vary", "Accept-Encoding");
  if (etag_matches (ts_request_header (req, "If-None-Match"), etag))
    {
      ts_request_reply_empty (req, SOUP_STATUS_NOT_MODIFIED);
      return;
    }
  if (gz)
    ts_request_add_header (req, "Content-Encoding", "gzip");
  ts_request_reply_bytes (req, SOUP_STATUS_OK, f->type, gz ? f->gzip : f->body);
}

static void
handle_index (TsRequest *req)
{
  serve_file (req, "index.html", CACHE_REVALIDATE);
}

static void
handle_service_worker (TsRequest *req)
{
  /* Served from the root so that its scope covers / and /app/…. */
  ts_request_add_header (req, "Service-Worker-Allowed", "/");
  serve_file (req, "sw.js", CACHE_REVALIDATE);
}

static gboolean
is_build_id (const char *s, gsize len)
{
  if (len != BUILD_LEN)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

static void
handle_static (TsRequest *req)
{
  WebCache *cache = web_cache ();
  const char *rest = req->path + strlen ("/static/");
  const char *slash = strchr (rest, '/');

  /* /static/BUILD/name is the current build's file and never changes.  A page
   * of an older build may still ask for its own BUILD: it gets today's file,
   * revalidated rather than cached for a year under that name. */
  if (slash != NULL && is_build_id (rest, (gsize) (slash - rest)))
    {
      gboolean current = strncmp (rest, cache->build, BUILD_LEN) == 0;
      serve_file (req, slash + 1, current ? CACHE_IMMUTABLE : CACHE_REVALIDATE);
      return;
    }
  serve_file (req, rest, CACHE_REVALIDATE);
}

void
ts_routes_web (GArray *routes)
{
  const TsRoute table[] = {
    { "GET", "/", TS_ROLE_NONE, TS_ROUTE_PUBLIC, handle_index, "getWebApp", NULL },
    { "GET", "/app", TS_ROLE_NONE, TS_ROUTE_PUBLIC, handle_index, "getWebAppRoot", NULL },
    { "GET", "/app/{path}", TS_ROLE_NONE, TS_ROUTE_PUBLIC | TS_ROUTE_TAIL, handle_index, "getWebAppPage", NULL },
    { "GET", "/static/{path}", TS_ROLE_NONE, TS_ROUTE_PUBLIC | TS_ROUTE_TAIL, handle_static, "getWebStatic", NULL },
    { "GET", "/sw.js", TS_ROLE_NONE, TS_ROUTE_PUBLIC, handle_service_worker, "getWebServiceWorker", NULL },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
