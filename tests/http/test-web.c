/*
 * The web application's static files (src/http/routes-web.c): types, ETag and
 * 304, gzip by Accept-Encoding (also of the API's JSON answers), caching and security headers, the /app/…
 * fallback, the service worker, and that every file of data/web/ is compiled in.
 */
#include <string.h>

#include "harness.h"

#define WEB_CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
                "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; " \
                "base-uri 'none'; form-action 'self'"

typedef struct {
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
} Raw;

static void
raw_free (Raw *r)
{
  g_bytes_unref (r->body);
  soup_message_headers_unref (r->headers);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Raw, raw_free)

static TsHarness *harness;
static SoupSession *plain;     /* no content decoder: we see the bytes as sent */

/* A request whose body we get exactly as it came over the wire. */
static Raw *
fetch (const char *method, const char *path, const char *const *headers)
{
  g_autofree char *url = g_strconcat (harness->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  Raw *r = g_new0 (Raw, 1);

  g_assert_nonnull (msg);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);
  r->body = soup_session_send_and_read (plain, msg, NULL, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return r;
}

static const char *
hdr (Raw *r, const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

static char *
body_text (Raw *r)
{
  return g_strndup (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body));
}

static GBytes *
gunzip (GBytes *in)
{
  g_autoptr(GZlibDecompressor) d = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (in);
  g_autoptr(GInputStream) conv = g_converter_input_stream_new (mem, G_CONVERTER (d));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* The build id from index.html's script URL. */
static char *
build_id (void)
{
  g_autoptr(Raw) r = fetch ("GET", "/", NULL);
  g_autofree char *text = body_text (r);
  const char *p = strstr (text, "/static/");

  g_assert_nonnull (p);
  p += strlen ("/static/");
  g_assert_nonnull (strchr (p, '/'));
  return g_strndup (p, (gsize) (strchr (p, '/') - p));
}

static void
assert_security_headers (Raw *r)
{
  g_assert_cmpstr (hdr (r, "Content-Security-Policy"), ==, WEB_CSP);
  g_assert_cmpstr (hdr (r, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpstr (hdr (r, "Referrer-Policy"), ==, "no-referrer");
}

/* A stylesheet, module or JSON file is no document: the page's CSP and COOP
 * apply to it, its own would be ignored, so none is sent (not even the
 * API's); nosniff stays. */
static void
assert_subresource_headers (Raw *r)
{
  g_assert_null (hdr (r, "Content-Security-Policy"));
  g_assert_null (hdr (r, "Cross-Origin-Opener-Policy"));
  g_assert_cmpstr (hdr (r, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpstr (hdr (r, "Referrer-Policy"), ==, "no-referrer");
}

static void
test_index (void)
{
  g_autoptr(Raw) r = fetch ("GET", "/", NULL);
  g_autofree char *text = body_text (r);
  g_autofree char *build = build_id ();

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (hdr (r, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_cmpstr (hdr (r, "Cache-Control"), ==, "no-cache");
  g_assert_nonnull (hdr (r, "ETag"));
  g_assert_null (hdr (r, "Content-Encoding"));
  assert_security_headers (r);
  g_assert_true (g_str_has_prefix (text, "<!doctype html>"));
  g_assert_null (strstr (text, "@BUILD@"));
  g_assert_cmpuint (strlen (build), ==, 16);
  /* No inline script: every <script> has a src. */
  for (const char *p = strstr (text, "<script"); p != NULL; p = strstr (p + 1, "<script"))
    g_assert_true (strstr (p, "src=") != NULL && strstr (p, "src=") < strchr (p, '>'));
}

static void
test_app_fallback (void)
{
  g_autoptr(Raw) index = fetch ("GET", "/", NULL);
  const char *paths[] = { "/app", "/app/home", "/app/cases/12/candidates", "/app/a%20b?x=1" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Raw) r = fetch ("GET", paths[i], NULL);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (hdr (r, "Content-Type"), ==, "text/html; charset=utf-8");
      g_assert_true (g_bytes_equal (r->body, index->body));
      assert_security_headers (r);
    }
}

static void
test_etag_304 (void)
{
  g_autoptr(Raw) first = fetch ("GET", "/", NULL);
  const char *etag = hdr (first, "ETag");
  g_autoptr(Raw) again = NULL;
  g_autoptr(Raw) weak = NULL;
  g_autoptr(Raw) other = NULL;
  g_autofree char *weak_tag = g_strconcat ("W/", etag, NULL);
  g_autofree char *list = g_strconcat ("\"nope\", ", etag, NULL);

  g_assert_nonnull (etag);
  g_assert_true (etag[0] == '"');
  again = fetch ("GET", "/", (const char *[]) { "If-None-Match", list, NULL });
  g_assert_cmpuint (again->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (again->body), ==, 0);
  g_assert_cmpstr (hdr (again, "ETag"), ==, etag);
  g_assert_cmpstr (hdr (again, "Cache-Control"), ==, "no-cache");
  weak = fetch ("GET", "/", (const char *[]) { "If-None-Match", weak_tag, NULL });
  g_assert_cmpuint (weak->status, ==, 304);
  other = fetch ("GET", "/", (const char *[]) { "If-None-Match", "\"something-else\"", NULL });
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_true (g_bytes_equal (other->body, first->body));
}

static void
test_gzip (void)
{
  g_autofree char *build = build_id ();
  g_autofree char *path = g_strdup_printf ("/static/%s/vendor/preact.mjs", build);
  g_autoptr(Raw) identity = fetch ("GET", path, NULL);
  g_autoptr(Raw) gz = fetch ("GET", path, (const char *[]) { "Accept-Encoding", "br, gzip;q=0.8", NULL });
  g_autoptr(Raw) refused = fetch ("GET", path, (const char *[]) { "Accept-Encoding", "gzip;q=0, br", NULL });
  g_autoptr(Raw) star = fetch ("GET", path, (const char *[]) { "Accept-Encoding", "*", NULL });
  g_autoptr(Raw) cond = NULL;
  g_autoptr(GBytes) unpacked = NULL;

  g_assert_cmpuint (identity->status, ==, 200);
  g_assert_null (hdr (identity, "Content-Encoding"));
  g_assert_cmpstr (hdr (identity, "Vary"), ==, "Accept-Encoding");

  g_assert_cmpuint (gz->status, ==, 200);
  g_assert_cmpstr (hdr (gz, "Content-Encoding"), ==, "gzip");
  g_assert_cmpstr (hdr (gz, "Content-Type"), ==, "text/javascript; charset=utf-8");
  assert_subresource_headers (gz);
  g_assert_cmpuint (g_bytes_get_size (gz->body), <, g_bytes_get_size (identity->body));
  unpacked = gunzip (gz->body);
  g_assert_true (g_bytes_equal (unpacked, identity->body));
  /* Two representations, two validators. */
  g_assert_cmpstr (hdr (gz, "ETag"), !=, hdr (identity, "ETag"));

  g_assert_null (hdr (refused, "Content-Encoding"));
  g_assert_cmpstr (hdr (star, "Content-Encoding"), ==, "gzip");

  cond = fetch ("GET", path, (const char *[]) { "Accept-Encoding", "gzip",
                                                "If-None-Match", hdr (gz, "ETag"), NULL });
  g_assert_cmpuint (cond->status, ==, 304);
}

/* JSON answers of the API (server.c): gzip from TS_HTTP_GZIP_MIN bytes up
 * when the request accepts it, the same JSON once inflated; identity without
 * Accept-Encoding, and for a small answer. */
static void
test_api_gzip (void)
{
  g_autofree char *auth = g_strdup_printf ("Bearer %s", harness->admin);
  const char *path = "/v1/municipalities?prefecture_code=09";
  g_autoptr(Raw) identity = fetch ("GET", path, (const char *[]) { "Authorization", auth, NULL });
  g_autoptr(Raw) gz = fetch ("GET", path, (const char *[]) { "Authorization", auth,
                                                            "Accept-Encoding", "gzip, deflate, br", NULL });
  g_autoptr(Raw) refused = fetch ("GET", path, (const char *[]) { "Authorization", auth,
                                                                 "Accept-Encoding", "gzip;q=0", NULL });
  g_autoptr(Raw) small = fetch ("GET", "/healthz", (const char *[]) { "Accept-Encoding", "gzip", NULL });
  g_autoptr(Raw) problem = fetch ("GET", "/v1/supporters/1", (const char *[]) { "Accept-Encoding", "gzip", NULL });
  g_autoptr(GBytes) unpacked = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpuint (identity->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (identity->body), >=, 512);
  g_assert_null (hdr (identity, "Content-Encoding"));
  g_assert_cmpstr (hdr (identity, "Vary"), ==, "Accept-Encoding");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (identity->body, NULL),
                                             (gssize) g_bytes_get_size (identity->body), NULL));

  g_assert_cmpuint (gz->status, ==, 200);
  g_assert_cmpstr (hdr (gz, "Content-Encoding"), ==, "gzip");
  g_assert_cmpstr (hdr (gz, "Vary"), ==, "Accept-Encoding");
  g_assert_cmpstr (hdr (gz, "Content-Type"), ==, "application/json; charset=utf-8");
  g_assert_cmpint (soup_message_headers_get_content_length (gz->headers), ==, (goffset) g_bytes_get_size (gz->body));
  g_assert_cmpuint (g_bytes_get_size (gz->body), <, g_bytes_get_size (identity->body));
  unpacked = gunzip (gz->body);
  g_assert_true (g_bytes_equal (unpacked, identity->body));

  g_assert_null (hdr (refused, "Content-Encoding"));
  g_assert_true (g_bytes_equal (refused->body, identity->body));
  /* Small answers are not worth it: the header costs more than it saves. */
  g_assert_cmpuint (small->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (small->body), <, 512);
  g_assert_null (hdr (small, "Content-Encoding"));
  g_assert_cmpuint (problem->status, ==, 401);
  g_assert_null (hdr (problem, "Content-Encoding"));
}

/* i18n/XX.phone.json: the members of XX.json in the groups of
 * i18n/phone.txt, no others, with the same texts (routes-web.c). */
static void
test_phone_messages (void)
{
  g_autofree char *build = build_id ();
  const char *const langs[] = { "ja", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *all_path = g_strdup_printf ("/static/%s/i18n/%s.json", build, langs[l]);
      g_autofree char *part_path = g_strdup_printf ("/static/%s/i18n/%s.phone.json", build, langs[l]);
      g_autofree char *groups_path = g_strdup_printf ("/static/%s/i18n/phone.txt", build);
      g_autoptr(Raw) all = fetch ("GET", all_path, NULL);
      g_autoptr(Raw) part = fetch ("GET", part_path, NULL);
      g_autoptr(Raw) gz = fetch ("GET", part_path, (const char *[]) { "Accept-Encoding", "gzip", NULL });
      g_autoptr(Raw) groups_raw = fetch ("GET", groups_path, NULL);
      g_autoptr(JsonParser) pa = json_parser_new ();
      g_autoptr(JsonParser) pp = json_parser_new ();
      g_autofree char *groups_text = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GList) keys = NULL;
      JsonObject *a, *p;
      guint expected = 0;

      g_assert_cmpuint (part->status, ==, 200);
      g_assert_cmpstr (hdr (part, "Content-Type"), ==, "application/json; charset=utf-8");
      g_assert_cmpstr (hdr (part, "Cache-Control"), ==, "public, max-age=31536000, immutable");
      g_assert_cmpstr (hdr (gz, "Content-Encoding"), ==, "gzip");
      g_assert_cmpuint (g_bytes_get_size (part->body), <, g_bytes_get_size (all->body) / 2);
      g_assert_true (json_parser_load_from_data (pa, g_bytes_get_data (all->body, NULL), (gssize) g_bytes_get_size (all->body), NULL));
      g_assert_true (json_parser_load_from_data (pp, g_bytes_get_data (part->body, NULL), (gssize) g_bytes_get_size (part->body), NULL));
      a = json_node_get_object (json_parser_get_root (pa));
      p = json_node_get_object (json_parser_get_root (pp));

      groups_text = body_text (groups_raw);
      lines = g_strsplit (groups_text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*g_strstrip (lines[i]) != '\0' && lines[i][0] != '#')
          g_hash_table_add (groups, lines[i]);
      g_assert_true (g_hash_table_contains (groups, "report"));

      keys = json_object_get_members (a);
      for (GList *k = keys; k != NULL; k = k->next)
        {
          const char *key = k->data;
          g_autofree char *group = g_strndup (key, strcspn (key, "."));
          gboolean in_part = json_object_has_member (p, key);

          g_assert_cmpint (in_part, ==, g_hash_table_contains (groups, group));
          if (in_part)
            {
              expected++;
              g_assert_cmpstr (json_object_get_string_member (p, key), ==, json_object_get_string_member (a, key));
            }
        }
      g_assert_cmpuint (json_object_get_size (p), ==, expected);
    }
}

static void
test_static_caching (void)
{
  g_autofree char *build = build_id ();
  g_autofree char *current = g_strdup_printf ("/static/%s/css/app.css", build);
  g_autoptr(Raw) hashed = fetch ("GET", current, NULL);
  g_autoptr(Raw) plain_path = fetch ("GET", "/static/css/app.css", NULL);
  g_autoptr(Raw) old = fetch ("GET", "/static/0123456789abcdef/css/app.css", NULL);

  g_assert_cmpuint (hashed->status, ==, 200);
  g_assert_cmpstr (hdr (hashed, "Content-Type"), ==, "text/css; charset=utf-8");
  g_assert_cmpstr (hdr (hashed, "Cache-Control"), ==, "public, max-age=31536000, immutable");
  assert_subresource_headers (hashed);
  /* Without the current build in the URL the content may change: revalidate. */
  g_assert_cmpuint (plain_path->status, ==, 200);
  g_assert_cmpstr (hdr (plain_path, "Cache-Control"), ==, "no-cache");
  g_assert_cmpuint (old->status, ==, 200);
  g_assert_cmpstr (hdr (old, "Cache-Control"), ==, "no-cache");
  g_assert_true (g_bytes_equal (old->body, hashed->body));
}

static void
test_types (void)
{
  g_autofree char *build = build_id ();
  const struct { const char *name, *type; } cases[] = {
    { "js/main.js", "text/javascript; charset=utf-8" },
    { "vendor/preact.mjs", "text/javascript; charset=utf-8" },
    { "css/app.css", "text/css; charset=utf-8" },
    { "i18n/ja.json", "application/json; charset=utf-8" },
    { "icon.svg", "image/svg+xml" },
    { "manifest.webmanifest", "application/manifest+json; charset=utf-8" },
    { "vendor/VERSIONS.txt", "text/plain; charset=utf-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/static/%s/%s", build, cases[i].name);
      g_autoptr(Raw) r = fetch ("GET", path, NULL);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (hdr (r, "Content-Type"), ==, cases[i].type);
      g_assert_cmpstr (hdr (r, "X-Content-Type-Options"), ==, "nosniff");
    }
}

/* One Japanese word for each thing (docs/domain-rules.md, Glossary; issue
 * 11, item 16): the words the glossary rules out appear neither in what the
 * web application shows nor in the service's messages. */
static void
test_terminology (void)
{
  const char *ruled_out[] = { "職場体験", "受入れ", "県の監査担当", "退任", "登録済み" };
  g_autofree char *build = build_id ();
  g_autofree char *path = g_strdup_printf ("/static/%s/i18n/ja.json", build);
  g_autofree char *po_path = g_test_build_filename (G_TEST_DIST, "..", "po", "ja.po", NULL);
  g_autofree char *po = NULL;
  g_autofree char *web = NULL;
  g_autoptr(Raw) r = fetch ("GET", path, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *labels;

  g_assert_cmpuint (r->status, ==, 200);
  web = g_strndup (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body));
  g_assert_true (g_file_get_contents (po_path, &po, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (ruled_out); i++)
    {
      if (strstr (web, ruled_out[i]) != NULL)
        g_error ("i18n/ja.json says %s", ruled_out[i]);
      /* In a translation; an msgid is English. */
      for (const char *p = po; (p = strstr (p, ruled_out[i])) != NULL; p++)
        g_error ("po/ja.po says %s", ruled_out[i]);
    }
  g_assert_true (json_parser_load_from_data (parser, web, -1, NULL));
  labels = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (labels, "placementKind.short"), ==, "短期参加");
  g_assert_cmpstr (json_object_get_string_member (labels, "placementKind.regular"), ==, "通常参加");
  g_assert_cmpstr (json_object_get_string_member (labels, "role.auditor"), ==, "監査担当");
  g_assert_cmpstr (json_object_get_string_member (labels, "supporterStatus.retired"), ==, "活動終了");
  g_assert_cmpstr (json_object_get_string_member (labels, "age.unknown"), ==, "年齢不明");
}

static void
test_not_found (void)
{
  g_autofree char *build = build_id ();
  g_autofree char *missing = g_strdup_printf ("/static/%s/js/nope.js", build);
  g_autofree char *dir = g_strdup_printf ("/static/%s/js", build);
  const char *paths[] = { missing, dir, "/static/web.gresource.xml", "/static/meson.build",
                          "/static/js/../../index.html", "/static/%2e%2e/index.html",
                          "/index.html", "/appx" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Raw) r = fetch ("GET", paths[i], NULL);
      if (r->status != 404)
        g_error ("%s: expected 404, got %u", paths[i], r->status);
    }
}

static void
test_methods (void)
{
  g_autoptr(Raw) post = fetch ("POST", "/", NULL);
  g_autoptr(Raw) head = fetch ("HEAD", "/app/home", NULL);

  g_assert_cmpuint (post->status, ==, 405);
  g_assert_cmpuint (head->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (head->body), ==, 0);
  g_assert_cmpstr (hdr (head, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_cmpstr (hdr (head, "Content-Security-Policy"), ==, WEB_CSP);
}

static void
test_service_worker (void)
{
  g_autoptr(Raw) r = fetch ("GET", "/sw.js", NULL);
  g_autofree char *text = body_text (r);
  g_autofree char *build = build_id ();
  g_autofree char *main_url = g_strdup_printf ("\"/static/%s/js/main.js\"", build);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (hdr (r, "Content-Type"), ==, "text/javascript; charset=utf-8");
  g_assert_cmpstr (hdr (r, "Service-Worker-Allowed"), ==, "/");
  g_assert_cmpstr (hdr (r, "Cache-Control"), ==, "no-cache");
  assert_security_headers (r);
  g_assert_null (strstr (text, "@BUILD@"));
  g_assert_null (strstr (text, "@PRECACHE@"));
  g_assert_nonnull (strstr (text, main_url));
  g_assert_nonnull (strstr (text, build));
}

/* The API keeps its own headers: no caching, nothing to render. */
static void
test_api_headers_untouched (void)
{
  g_autoptr(Raw) r = fetch ("GET", "/healthz", NULL);

  g_assert_cmpstr (hdr (r, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (hdr (r, "Content-Security-Policy"), ==, "default-src 'none'; frame-ancestors 'none'");
}

static void
list_files (const char *root, const char *rel, GPtrArray *out)
{
  g_autofree char *dir = g_build_filename (root, rel, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child_rel = *rel != '\0' ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_files (root, child_rel, out);
      else if (!g_str_equal (child_rel, "meson.build") && !g_str_equal (child_rel, "web.gresource.xml"))
        g_ptr_array_add (out, g_steal_pointer (&child_rel));
    }
}

/* data/web/web.gresource.xml lists files by hand: a file added to the folder
 * but not to the list would be missing only from the binary. */
static void
test_every_file_compiled_in (void)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "..", "data", "web", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *build = build_id ();

  list_files (root, "", files);
  g_assert_cmpuint (files->len, >, 10);
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = files->pdata[i];
      g_autofree char *path = g_strdup_printf ("/static/%s/%s", build, name);
      g_autofree char *file = g_build_filename (root, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;
      g_autoptr(Raw) r = fetch ("GET", path, NULL);

      if (r->status != 200)
        g_error ("data/web/%s is not in web.gresource.xml (%u)", name, r->status);
      g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
      /* index.html and sw.js get the build id; everything else is verbatim. */
      if (!g_str_equal (name, "index.html") && !g_str_equal (name, "sw.js"))
        g_assert_true (len == g_bytes_get_size (r->body) &&
                       memcmp (contents, g_bytes_get_data (r->body, NULL), len) == 0);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  harness = ts_harness_new ();
  plain = soup_session_new_with_options ("timeout", 60, NULL);
  soup_session_remove_feature_by_type (plain, SOUP_TYPE_CONTENT_DECODER);

  g_test_add_func ("/tsunagari/web/index", test_index);
  g_test_add_func ("/tsunagari/web/app-fallback", test_app_fallback);
  g_test_add_func ("/tsunagari/web/etag-304", test_etag_304);
  g_test_add_func ("/tsunagari/web/gzip", test_gzip);
  g_test_add_func ("/tsunagari/web/api-gzip", test_api_gzip);
  g_test_add_func ("/tsunagari/web/phone-messages", test_phone_messages);
  g_test_add_func ("/tsunagari/web/static-caching", test_static_caching);
  g_test_add_func ("/tsunagari/web/types", test_types);
  g_test_add_func ("/tsunagari/web/terminology", test_terminology);
  g_test_add_func ("/tsunagari/web/not-found", test_not_found);
  g_test_add_func ("/tsunagari/web/methods", test_methods);
  g_test_add_func ("/tsunagari/web/service-worker", test_service_worker);
  g_test_add_func ("/tsunagari/web/api-headers", test_api_headers_untouched);
  g_test_add_func ("/tsunagari/web/every-file-compiled-in", test_every_file_compiled_in);
  ret = g_test_run ();

  g_object_unref (plain);
  ts_harness_free (harness);
  return ret;
}
