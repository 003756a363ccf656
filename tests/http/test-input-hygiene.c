/*
 * Input hygiene on a live server (issue 11, items 6 to 11): what the service
 * refuses whatever the endpoint —
 *
 *  - a string holding U+0000, in a body (422 naming the field, member names
 *    and nested values included) or a query parameter (400);
 *  - anything after the body's one JSON value, and JSON extensions that
 *    json-glib tolerates (400);
 *  - names without a visible character, and format, text-direction,
 *    non-character and line-separator characters in person-readable text
 *    (422 naming the field);
 *  - passwords that are the login, contain it, repeat a character or a
 *    pattern, or are among the most common ones (422 on `password`, with
 *    a Japanese message);
 *  - problem texts that name internals or stay in English in a Japanese
 *    answer (a 503 from a locked database, a 429, every kind of error);
 *  - a host filtering placements by case id (403).
 *
 * "Today" is pinned to 2026-06-15, a Monday (TSUNAGARI_TODAY).
 */
#include <string.h>
#include <sqlite3.h>

#include "harness.h"
#include "core/context.h"
#include "core/error.h"
#include "core/password.h"
#include "http/query.h"
#include "http/problem.h"
#include "service/validate.h"

#define TODAY "2026-06-15"

typedef TsHarnessFixture Fixture;

/* ---- helpers ----------------------------------------------------------- */

#define SUPPORTER_FIELDS                                                       \
  "\"gender\":\"female\",\"municipality_code\":\"092011\","                    \
  "\"peer_experience\":\"none\",\"skills\":[\"home_visit\"],"                  \
  "\"availability\":[]"

static char *
supporter_body (const char *name, const char *interests)
{
  return g_strdup_printf ("{\"name\":\"%s\",\"interests\":[%s]," SUPPORTER_FIELDS "}",
                          name, interests != NULL ? interests : "\"music\"");
}

static TsReply *
post_supporter (TsHarness *h, const char *name, const char *interests)
{
  g_autofree char *body = supporter_body (name, interests);
  return ts_harness_request (h, "POST", "/v1/supporters", h->coordinator, body, NULL);
}

static char *
case_body (const char *nickname)
{
  return g_strdup_printf ("{\"nickname\":\"%s\",\"municipality_code\":\"052019\","
                          "\"age_band\":\"20s\",\"gender\":\"male\",\"household\":\"two\","
                          "\"consent\":{\"obtained_on\":\"2026-04-01\","
                          "\"scope\":[\"support\",\"placement\"]}}", nickname);
}

static TsReply *
post_case (TsHarness *h, const char *nickname)
{
  g_autofree char *body = case_body (nickname);
  return ts_harness_request (h, "POST", "/v1/cases", h->coordinator, body, NULL);
}

static TsReply *
post_host (TsHarness *h, const char *name, const char *notes)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"municipality_code\":\"052019\","
                                           "\"capacity_per_day\":2%s%s%s}", name,
                                           notes != NULL ? ",\"notes\":\"" : "",
                                           notes != NULL ? notes : "",
                                           notes != NULL ? "\"" : "");
  return ts_harness_request (h, "POST", "/v1/hosts", h->coordinator, body, NULL);
}

static TsReply *
post_user (TsHarness *h, const char *login, const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"login\":\"%s\",\"password\":\"%s\","
                                           "\"role\":\"coordinator\"}", login, password);
  return ts_harness_request (h, "POST", "/v1/users", h->admin, body, NULL);
}

/* The message given for @field in a problem's `errors`. */
static const char *
field_message (TsReply *r, const char *field)
{
  JsonObject *obj = ts_reply_object (r);
  JsonArray *errors;

  if (!json_object_has_member (obj, "errors"))
    return NULL;
  errors = json_object_get_array_member (obj, "errors");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);
      if (g_str_equal (json_object_get_string_member (e, "field"), field))
        return json_object_get_string_member (e, "message");
    }
  return NULL;
}

/* Kana or kanji: a text a Japanese reader reads as Japanese. */
static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF))
        return TRUE;
    }
  return FALSE;
}

/* A GET sent as raw bytes: libsoup's client refuses to send a target with
 * a bad escape.  Answers the status; *out_json gets a JSON body. */
static guint
raw_get (TsHarness *h, const char *target, const char *token, JsonNode **out_json)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autofree char *request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: test\r\n"
                                              "Authorization: Bearer %s\r\n"
                                              "Connection: close\r\n\r\n", target, token);
  const char *body;
  char buf[4096];
  gssize n;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) h->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buf, sizeof buf, NULL, &error)) > 0)
    g_string_append_len (got, buf, n);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (got->str, "HTTP/1.1 "));
  body = strstr (got->str, "\r\n\r\n");
  g_assert_nonnull (body);
  *out_json = body[4] != '\0' ? json_from_string (body + 4, NULL) : NULL;
  return (guint) g_ascii_strtoull (got->str + 9, NULL, 10);
}

static gint64
count_supporters (TsHarness *h)
{
  g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/supporters?limit=200",
                                             h->coordinator, NULL, NULL);
  ts_assert_status (r, 200);
  return json_array_get_length (json_object_get_array_member (ts_reply_object (r), "supporters"));
}

/* ---- item 6: U+0000 ------------------------------------------------------ */

static void
test_nul_in_body (Fixture *f, gconstpointer data)
{
  (void) data;

  /* Stored as "ab" before: now refused, naming the field. */
  {
    g_autoptr(TsReply) r = post_supporter (f->h, "ab\\u0000cd", NULL);
    ts_assert_problem (r, 422, "validation_failed", "name");
    g_assert_cmpstr (field_message (r, "name"), ==, "NUL 文字（U+0000）は使えません");
  }
  /* In a list item, after other valid items. */
  {
    g_autoptr(TsReply) r = post_supporter (f->h, "試験 花子", "\"music\",\"x\\u0000\"");
    ts_assert_problem (r, 422, "validation_failed", "interests[1]");
  }
  /* Lower- and upper-case hex digits are the same escape. */
  {
    g_autoptr(TsReply) r = post_case (f->h, "ケース\\u0000A");
    ts_assert_problem (r, 422, "validation_failed", "nickname");
  }
  /* Nested: consent.agency. */
  {
    g_autoptr(TsReply) r = ts_harness_request (
      f->h, "POST", "/v1/cases", f->h->coordinator,
      "{\"nickname\":\"A\",\"municipality_code\":\"052019\",\"age_band\":\"20s\","
      "\"gender\":\"male\",\"household\":\"two\",\"consent\":{\"obtained_on\":\"2026-04-01\","
      "\"scope\":[\"support\"],\"agency\":\"\\u0000\"}}", NULL);
    ts_assert_problem (r, 422, "validation_failed", "consent.agency");
  }
  /* In a member name. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->coordinator,
                                               "{\"na\\u0000me\":\"x\"}", NULL);
    ts_assert_problem (r, 422, "validation_failed", "na\\u0000me");
  }
  {
    g_autoptr(TsReply) r = post_host (f->h, "さくら農園", "駐車場\\u0000あり");
    ts_assert_problem (r, 422, "validation_failed", "notes");
  }
  /* An escaped backslash before "u0000" is text, not U+0000. */
  {
    g_autoptr(TsReply) r = post_host (f->h, "さくら農園", "C:\\\\u0000");
    ts_assert_status (r, 201);
    g_assert_cmpstr (ts_reply_str (r, "notes"), ==, "C:\\u0000");
  }
  g_assert_cmpint (count_supporters (f->h), ==, 0);
}

static void
test_nul_in_login (Fixture *f, gconstpointer data)
{
  (void) data;

  /* "admin\u0000x" signed in as admin before. */
  {
    g_autofree char *body = g_strdup_printf ("{\"login\":\"admin\\u0000x\",\"password\":\"%s\"}",
                                             TS_HARNESS_PASSWORD);
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/auth/token", NULL, body, NULL);
    ts_assert_problem (r, 422, "validation_failed", "login");
    g_assert_false (json_object_has_member (ts_reply_object (r), "token"));
  }
  {
    g_autofree char *body = g_strdup_printf ("{\"login\":\"admin\",\"password\":\"%s\\u0000x\"}",
                                             TS_HARNESS_PASSWORD);
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/auth/token", NULL, body, NULL);
    ts_assert_problem (r, 422, "validation_failed", "password");
  }
  {
    g_autoptr(TsReply) r = post_user (f->h, "new\\u0000user", "Kyoto-Nara-Osaka-7");
    ts_assert_problem (r, 422, "validation_failed", "login");
  }
}

static void
test_nul_in_query (Fixture *f, gconstpointer data)
{
  const char *const paths[] = {
    "/v1/supporters?qualification=valid%00",
    "/v1/supporters?status=%00registered",
    "/v1/cases?limit=1%00",
    "/v1/hosts?month=2026-06%00",
    "/v1/placements?month=2026-06%00",
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", paths[i], f->h->coordinator,
                                                 NULL, NULL);
      const char *field = strchr (paths[i], '?') + 1;
      g_autofree char *name = g_strndup (field, strcspn (field, "="));

      ts_assert_problem (r, 400, "bad_request", name);
    }
  /* Bytes that are not UTF-8 reached the handler. */
  {
    g_autoptr(JsonNode) json = NULL;
    JsonObject *obj;

    g_assert_cmpuint (raw_get (f->h, "/v1/supporters?municipality_code=%FF", f->h->coordinator,
                               &json), ==, 400);
    g_assert_nonnull (json);
    obj = json_node_get_object (json);
    g_assert_cmpstr (json_object_get_string_member (obj, "code"), ==, "bad_request");
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (json_object_get_array_member (obj, "errors"), 0),
                       "field"), ==, "municipality_code");
  }
  /* A bad escape is refused too (libsoup refuses the request line already;
   * ts_query_check_raw() would otherwise). */
  {
    const char *const targets[] = { "/v1/supporters?status=%zz", "/v1/supporters?status=%2" };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        g_autoptr(JsonNode) json = NULL;
        g_assert_cmpuint (raw_get (f->h, targets[i], f->h->coordinator, &json), ==, 400);
      }
  }
  /* Ordinary escapes still work. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/supporters?status=%72egistered",
                                               f->h->coordinator, NULL, NULL);
    ts_assert_status (r, 200);
  }
}

/* What libsoup refuses before a route runs still has its own check. */
static void
test_query_raw_unit (void)
{
  static const struct {
    const char *query;
    const char *field;              /* NULL: accepted */
  } cases[] = {
    { "status=registered&limit=5", NULL },
    { "q=%E3%81%82+b&empty=&flag", NULL },
    { "qualification=valid%00", "qualification" },
    { "a=1&status=%zz", "status" },
    { "status=%2", "status" },
    { "municipality_code=%ff", "municipality_code" },
    { "na%00me=1", "na%00me" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsFieldErrors) errors = ts_field_errors_new ();
      g_autoptr(GError) error = NULL;
      gboolean ok = ts_query_check_raw (cases[i].query, errors, &error);

      g_assert_cmpint (ok, ==, cases[i].field == NULL);
      if (cases[i].field != NULL)
        {
          g_assert_error (error, TS_ERROR, TS_ERROR_BAD_REQUEST);
          g_assert_cmpstr (ts_field_errors_get (errors, 0)->field, ==, cases[i].field);
        }
    }
}

/* ---- item 7: one JSON value -------------------------------------------- */

static void
test_one_json_value (Fixture *f, gconstpointer data)
{
  g_autofree char *one = supporter_body ("試験 花子", NULL);
  g_autofree char *two = g_strconcat (one, one, NULL);
  g_autofree char *array_after = g_strconcat (one, " []", NULL);
  g_autofree char *garbage_after = g_strconcat (one, " x", NULL);
  g_autofree char *comment = g_strconcat ("/* c */ ", one, NULL);
  g_autofree char *spaces = g_strconcat (" \r\n\t", one, " \r\n\t", NULL);
  const char *const bad[] = { two, array_after, garbage_after, comment,
                              "{\"name\":'x'}", "{\"max_cases\":0x10}", "{\"a\":1,}",
                              /* Lone surrogates name no character (json-glib
                               * refused them, leaking on the way). */
                              "{\"name\":\"a\\ude00\"}", "{\"name\":\"\\ud800x\"}",
                              "{\"a\":[{\"b\":\"\\u983d\\ude00\"}]}" };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters",
                                                 f->h->coordinator, bad[i], NULL);
      ts_assert_problem (r, 400, "bad_request", NULL);
    }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                               two, (const char *[]) { "Accept-Language", "en", NULL });
    ts_assert_problem (r, 400, "bad_request", NULL);
    g_assert_cmpstr (ts_reply_str (r, "detail"), ==, "The body must hold exactly one JSON value");
  }
  /* Other endpoints read bodies the same way. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/hosts", f->h->coordinator,
                                               "{\"name\":\"a\",\"municipality_code\":\"052019\","
                                               "\"capacity_per_day\":1}{}", NULL);
    ts_assert_problem (r, 400, "bad_request", NULL);
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/auth/token", NULL,
                                               "{\"login\":\"admin\",\"password\":\""
                                               TS_HARNESS_PASSWORD "\"} []", NULL);
    ts_assert_problem (r, 400, "bad_request", NULL);
  }
  g_assert_cmpint (count_supporters (f->h), ==, 0);
  /* White space around the value is fine. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters", f->h->coordinator,
                                               spaces, NULL);
    ts_assert_status (r, 201);
  }
}

/* ---- item 8: invisible and disguising characters ----------------------- */

static void
test_invisible_names (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *name;
    const char *message;
  } bad[] = {
    /* Two zero-width spaces: no visible character at all. */
    { "\\u200b\\u200b", "書式用の見えない文字や文字の向きを変える文字（U+200B、U+202E、U+FEFF など）は使えません" },
    { "\\u200d\\u200d", "目に見える文字を 1 文字以上含めてください" },
    /* Graphic to GLib, but blank by design or nothing without a base. */
    { "\\u3164\\u3164", "目に見える文字を 1 文字以上含めてください" },
    { "\\uffa0", NULL },
    { "\\u2800\\u2800", NULL },
    { "\\ufe0f\\ufe0f", NULL },
    { "\\u0301", NULL },
    { "\\u3000 \\u3000", NULL },
    { "山田\\u202e子花", "書式用の見えない文字や文字の向きを変える文字（U+200B、U+202E、U+FEFF など）は使えません" },
    { "\\ufeff山田", NULL },
    { "山田\\u2066太郎", NULL },
    { "山田\\u00ad太郎", NULL },
    { "山田\\uffff", "非文字（U+FFFF など）は使えません" },
    { "山田\\ufdd0", NULL },
    { "山田\\udbff\\udfff", NULL },            /* U+10FFFF */
    { "山田\\u2028太郎", "Unicode の行区切り・段落区切り（U+2028、U+2029）は使えません" },
    { "山田\\u0085太郎", NULL },
    { "山田\\u0007", NULL },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = post_supporter (f->h, bad[i].name, NULL);
      ts_assert_problem (r, 422, "validation_failed", "name");
      if (bad[i].message != NULL)
        g_assert_cmpstr (field_message (r, "name"), ==, bad[i].message);
    }
  g_assert_cmpint (count_supporters (f->h), ==, 0);

  /* List items, case nicknames, host names and multi-line notes. */
  {
    g_autoptr(TsReply) r = post_supporter (f->h, "試験 花子", "\"music\",\"\\u200b\"");
    ts_assert_problem (r, 422, "validation_failed", "interests");
  }
  {
    g_autoptr(TsReply) r = post_case (f->h, "\\u200b\\u200b");
    ts_assert_problem (r, 422, "validation_failed", "nickname");
  }
  {
    g_autoptr(TsReply) r = post_host (f->h, "\\u202eさくら農園", NULL);
    ts_assert_problem (r, 422, "validation_failed", "name");
  }
  {
    g_autoptr(TsReply) r = post_host (f->h, "さくら農園", "一行目\\u2028二行目");
    ts_assert_problem (r, 422, "validation_failed", "notes");
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/training-courses",
                                               f->h->coordinator,
                                               "{\"kind\":\"initial\",\"title\":\"\\u200b\","
                                               "\"capacity\":10,\"sessions\":[]}", NULL);
    g_assert_cmpuint (r->status, ==, 422);
    g_assert_true (ts_reply_has_field_error (r, "title"));
  }

  /* What stays allowed: a line feed in notes, an ideographic variation
   * selector (葛 of 葛飾, U+845B U+E0100), private use (外字), emoji with a
   * zero-width joiner. */
  {
    g_autoptr(TsReply) r = post_host (f->h, "さくら農園", "一行目\\n二行目 👨\\u200d👩\\u200d👧");
    ts_assert_status (r, 201);
    g_assert_cmpstr (ts_reply_str (r, "notes"), ==, "一行目\n二行目 👨\u200d👩\u200d👧");
  }
  {
    g_autoptr(TsReply) r = post_supporter (f->h, "葛\\udb40\\udd00飾 \\ue000子", NULL);
    ts_assert_status (r, 201);
    g_assert_cmpstr (ts_reply_str (r, "name"), ==, "葛\xf3\xa0\x84\x80飾 \xee\x80\x80子");
  }
}

static void
test_text_rule_unit (void)
{
  g_assert_null (ts_text_char_problem ("山田 太郎", FALSE));
  g_assert_null (ts_text_char_problem ("a\nb", TRUE));
  g_assert_nonnull (ts_text_char_problem ("a\nb", FALSE));
  g_assert_nonnull (ts_text_char_problem ("a\u2029b", TRUE));
  g_assert_nonnull (ts_text_char_problem ("a\u200eb", FALSE));
  g_assert_nonnull (ts_text_char_problem ("a\u061cb", FALSE));
  g_assert_nonnull (ts_text_char_problem ("a\xef\xbf\xbe", FALSE));      /* U+FFFE */
  g_assert_nonnull (ts_text_char_problem ("a\xf0\x9f\xbf\xbf", FALSE));  /* U+1FFFF */
  g_assert_nonnull (ts_text_char_problem ("a\xff", FALSE));
  g_assert_null (ts_text_char_problem ("a\u200cb\u200d", FALSE));
  g_assert_true (ts_text_is_blank ("\u3000\u200d"));
  g_assert_true (ts_text_is_blank (""));
  g_assert_false (ts_text_is_blank ("\u200d・"));
}

/* ---- item 9: passwords ----------------------------------------------- */

static void
test_passwords (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *login;
    const char *password;
    const char *message;
  } bad[] = {
    { "sato.k", "aaaaaaaaaaaa", "パスワードが単純すぎます（1〜2 種類の文字だけ、同じ並びの繰り返し、abcd や 1234 のような連続）" },
    { "sato.k", "abababababab", NULL },
    { "sato.k", "Abc1Abc1Abc1", NULL },
    { "sato.k", "abcdefghijklm", NULL },
    { "sato.k", "9876543210987", NULL },
    { "coordinator-7", "coordinator-7", "パスワードをログイン名と同じにしたり、ログイン名を含めたりすることはできません" },
    { "coordinator-7", "My-COORDINATOR-7-pass", NULL },
    { "sato.k", "qwertyuiop123", "よく使われているパスワードの一覧にあるため使えません" },
    { "sato.k", "1qaz2wsx3edc", NULL },
    { "sato.k", "QazWsxEdcRfv", NULL },
    { "sato.k", "short-1", "パスワードが設定された最小の長さより短くなっています（既定は12文字）" },
  };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TsReply) r = NULL;

      g_test_message ("%s / %s", bad[i].login, bad[i].password);
      r = post_user (f->h, bad[i].login, bad[i].password);
      ts_assert_problem (r, 422, "validation_failed", "password");
      g_assert_true (has_japanese (field_message (r, "password")));
      if (bad[i].message != NULL)
        g_assert_cmpstr (field_message (r, "password"), ==, bad[i].message);
    }

  /* A good one passes; changing it to the login is refused too. */
  {
    g_autoptr(TsReply) r = post_user (f->h, "sato.k", "Kyoto-Nara-Osaka-7");
    g_autoptr(TsReply) same = NULL;
    g_autoptr(TsReply) common = NULL;
    g_autoptr(TsReply) fine = NULL;

    ts_assert_status (r, 201);
    same = ts_harness_call (f->h, "PATCH", f->h->admin, "{\"password\":\"SATO.K\"}",
                            "/v1/users/%" G_GINT64_FORMAT, ts_reply_id (r));
    ts_assert_problem (same, 422, "validation_failed", "password");
    common = ts_harness_call (f->h, "PATCH", f->h->admin, "{\"password\":\"password1234\"}",
                              "/v1/users/%" G_GINT64_FORMAT, ts_reply_id (r));
    ts_assert_problem (common, 422, "validation_failed", "password");
    fine = ts_harness_call (f->h, "PATCH", f->h->admin, "{\"password\":\"Morioka-Sendai-2\"}",
                            "/v1/users/%" G_GINT64_FORMAT, ts_reply_id (r));
    ts_assert_status (fine, 200);
  }
  /* A password is typed, never shown: the text rule does not apply to it,
   * so one with a format character (set before the rule) still signs in. */
  {
    g_autoptr(TsReply) r = post_user (f->h, "kato.m", "Kyoto\\u200bNara\\u202eOsaka");
    g_autofree char *token = NULL;

    ts_assert_status (r, 201);
    token = ts_harness_login (f->h, "kato.m", "Kyoto\\u200bNara\\u202eOsaka");
    g_assert_nonnull (token);
  }
}

static void
test_password_policy_unit (void)
{
  g_assert_cmpint (ts_password_check ("Kyoto-Nara-Osaka-7", "sato", 12), ==, TS_PASSWORD_OK);
  g_assert_cmpint (ts_password_check ("x-SaTo-Kyoto-Nara", "sato", 12), ==, TS_PASSWORD_HAS_LOGIN);
  /* A 3-character login is only refused as the whole password. */
  g_assert_cmpint (ts_password_check ("Kyoto-bob-Nara", "bob", 12), ==, TS_PASSWORD_OK);
  g_assert_cmpint (ts_password_check ("aaaaaaaaaaab", NULL, 12), ==, TS_PASSWORD_REPETITIVE);
  g_assert_cmpint (ts_password_check ("passwordpassword", NULL, 12), ==, TS_PASSWORD_REPETITIVE);
  g_assert_cmpint (ts_password_check ("zyxwvutsrqpo", NULL, 12), ==, TS_PASSWORD_REPETITIVE);
  g_assert_cmpint (ts_password_check ("890123456789", NULL, 12), ==, TS_PASSWORD_REPETITIVE);
  g_assert_cmpint (ts_password_check ("あいうえおかきくけこさし", NULL, 12), ==, TS_PASSWORD_OK);
  g_assert_cmpint (ts_password_check ("ああああああああああああ", NULL, 12), ==, TS_PASSWORD_REPETITIVE);
  g_assert_cmpint (ts_password_check ("PASSWORD1234", NULL, 12), ==, TS_PASSWORD_COMMON);
  g_assert_cmpint (ts_password_check ("password", NULL, 8), ==, TS_PASSWORD_COMMON);
  g_assert_cmpint (ts_password_check ("elevenchars", NULL, 12), ==, TS_PASSWORD_TOO_SHORT);
  /* Compared as read (NFKC): full-width forms are no way around the rules. */
  g_assert_cmpint (ts_password_check ("ＰＡＳＳＷＯＲＤ１２３４", NULL, 12), ==, TS_PASSWORD_COMMON);
  g_assert_cmpint (ts_password_check ("Kyoto-ｓａｔｏ-Nara", "sato", 12), ==, TS_PASSWORD_HAS_LOGIN);
  g_assert_cmpint (ts_password_check ("ａａａａａａａａａａａａ", NULL, 12), ==, TS_PASSWORD_REPETITIVE);
  /* Not text at all (the command line's environment is not checked
   * before): refused, not read past its end. */
  g_assert_cmpint (ts_password_check ("Kyoto-Nara-Osaka-\xf0", NULL, 12), ==, TS_PASSWORD_NOT_TEXT);
  g_assert_true (ts_password_is_common ("iloveyou"));
  g_assert_false (ts_password_is_common ("harness-password-1234"));
  g_assert_false (ts_password_is_common ("demo-password-1234"));
  /* What the generator gives passes, whatever the login. */
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *generated = ts_password_generate ();
      g_assert_cmpint (ts_password_check (generated, "admin", 12), ==, TS_PASSWORD_OK);
    }
}

/* ---- item 10: problem texts ------------------------------------------- */

static void
assert_no_internals (TsReply *r)
{
  const char *title = ts_reply_str (r, "title");
  const char *detail = ts_reply_str (r, "detail");

  g_assert_null (strstr (title, "SQLite"));
  g_assert_null (strstr (detail, "SQLite"));
  g_assert_null (strstr (detail, "locked"));
  g_assert_null (strstr (detail, "INSERT"));
}

static void
test_locked_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = supporter_body ("試験 花子", NULL);
  sqlite3 *db = NULL;

  (void) data;
  g_assert_true (ts_store_set_busy_timeout (f->h->store, 50, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->h->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  /* SQLite's words go to the log, with the request id, and only there. */
  for (int i = 0; i < 2; i++)
    g_test_expect_message ("tsunagari", G_LOG_LEVEL_WARNING, "request *: SQLite: database is locked*");

  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters",
                                               f->h->coordinator, body, NULL);
    ts_assert_problem (r, 503, "service_unavailable", NULL);
    assert_no_internals (r);
    g_assert_true (has_japanese (ts_reply_str (r, "title")));
    g_assert_true (has_japanese (ts_reply_str (r, "detail")));
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "POST", "/v1/supporters",
                                               f->h->coordinator, body,
                                               (const char *[]) { "Accept-Language", "en", NULL });
    ts_assert_problem (r, 503, "service_unavailable", NULL);
    assert_no_internals (r);
    g_assert_cmpstr (ts_reply_str (r, "detail"), ==,
                     "The service cannot answer this request just now; try again in a moment");
  }

  g_test_assert_expected_messages ();
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (ts_store_set_busy_timeout (f->h->store, 10000, &error));
}

static void
test_throttle_japanese (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) last = NULL;

  (void) data;
  for (int i = 0; i < 20; i++)
    {
      g_clear_pointer (&last, ts_reply_free);
      last = ts_harness_request (f->h, "POST", "/v1/auth/token", NULL,
                                 "{\"login\":\"coordinator\",\"password\":\"wrong-password-x\"}",
                                 NULL);
      if (last->status == 429)
        break;
      ts_assert_status (last, 401);
    }
  ts_assert_problem (last, 429, "too_many_attempts", NULL);
  g_assert_true (has_japanese (ts_reply_str (last, "title")));
  g_assert_true (has_japanese (ts_reply_str (last, "detail")));
  g_assert_null (strstr (ts_reply_str (last, "detail"), "sign-in"));
}

/* Every kind of error, given the words of SQLite, answers in Japanese
 * without them; a message of the service's own is kept and translated. */
static void
test_problem_texts_unit (void)
{
  g_autoptr(TsContext) ctx = ts_context_new ();

  ctx->language = TS_LANGUAGE_JA;
  for (int code = 0; code < TS_ERROR_LAST; code++)
    {
      g_autoptr(GError) error = g_error_new_literal (TS_ERROR, code,
                                                     "SQLite: database is locked (INSERT INTO x)");
      g_autoptr(JsonNode) node = ts_problem_build (error, ctx, "/v1/x");
      JsonObject *obj = json_node_get_object (node);
      const char *title = json_object_get_string_member (obj, "title");
      const char *detail = json_object_get_string_member (obj, "detail");

      if (g_test_verbose ())
        g_printerr ("%s: %s / %s\n", ts_error_code_to_string (code), title, detail);
      g_assert_null (strstr (title, "SQLite"));
      g_assert_null (strstr (detail, "SQLite"));
      g_assert_true (has_japanese (title));
      g_assert_true (has_japanese (detail));
    }
  {
    g_autoptr(GError) error = g_error_new_literal (TS_ERROR, TS_ERROR_BAD_REQUEST,
                                                   "The body is not valid JSON");
    g_autoptr(JsonNode) node = ts_problem_build (error, ctx, "/v1/x");
    const char *detail = json_object_get_string_member (json_node_get_object (node), "detail");
    g_assert_cmpstr (detail, !=, "The body is not valid JSON");
    g_assert_true (has_japanese (detail));
  }
}

/* ---- item 11: a host and case ids ----------------------------------- */

static gint64
create_registered_host (TsHarness *h)
{
  g_autoptr(TsReply) r = post_host (h, "さくら農園", NULL);
  g_autoptr(TsReply) s = NULL;

  ts_assert_status (r, 201);
  s = ts_harness_call (h, "POST", h->coordinator,
                       "{\"surveyed_on\":\"2026-05-20\",\"result\":\"approved\"}",
                       "/v1/hosts/%" G_GINT64_FORMAT "/survey", ts_reply_id (r));
  ts_assert_status (s, 200);
  return ts_reply_id (r);
}

static void
test_host_case_filter (Fixture *f, gconstpointer data)
{
  g_autoptr(TsReply) c1 = NULL;
  g_autoptr(TsReply) c2 = NULL;
  g_autoptr(TsReply) p = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  gint64 host_id;

  (void) data;
  c1 = post_case (f->h, "A");
  ts_assert_status (c1, 201);
  c2 = post_case (f->h, "B");
  ts_assert_status (c2, 201);
  host_id = create_registered_host (f->h);
  body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"host_id\":%" G_GINT64_FORMAT ","
                          "\"days\":[\"2026-07-01\",\"2026-07-02\"],\"hours_per_day\":4,"
                          "\"pre_interview\":{\"held_on\":\"2026-04-20\",\"attendees\":"
                          "[\"participant\",\"family\",\"host\",\"coordinator\"]}}",
                          ts_reply_id (c1), host_id);
  p = ts_harness_request (f->h, "POST", "/v1/placements", f->h->coordinator, body, NULL);
  ts_assert_status (p, 201);
  token = ts_harness_user_token (f->h, "host", 0, host_id);

  /* Its own participant's case, another case, a case that does not
   * exist: one answer for all, so none tells a case id. */
  {
    gint64 ids[] = { ts_reply_id (c1), ts_reply_id (c2), 999999 };
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", token, NULL,
                                                "/v1/placements?case_id=%" G_GINT64_FORMAT,
                                                ids[i]);
        ts_assert_problem (r, 403, "forbidden", NULL);
        g_assert_true (has_japanese (ts_reply_str (r, "detail")));
      }
  }
  /* Without the filter the host sees its placement, without a case id. */
  {
    g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/placements", token, NULL, NULL);
    JsonArray *items;

    ts_assert_status (r, 200);
    items = json_object_get_array_member (ts_reply_object (r), "placements");
    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    g_assert_false (json_object_has_member (json_array_get_object_element (items, 0), "case_id"));
  }
  /* Staff keep the filter. */
  {
    g_autoptr(TsReply) r = ts_harness_call (f->h, "GET", f->h->coordinator, NULL,
                                            "/v1/placements?case_id=%" G_GINT64_FORMAT,
                                            ts_reply_id (c1));
    ts_assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (r),
                                                                           "placements")), ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/input-hygiene/" path, Fixture, NULL, ts_harness_fixture_set_up, func, ts_harness_fixture_tear_down)

  ADD ("nul/body", test_nul_in_body);
  ADD ("nul/login", test_nul_in_login);
  ADD ("nul/query", test_nul_in_query);
  g_test_add_func ("/tsunagari/input-hygiene/nul/query/unit", test_query_raw_unit);
  ADD ("one-json-value", test_one_json_value);
  ADD ("invisible", test_invisible_names);
  g_test_add_func ("/tsunagari/input-hygiene/invisible/unit", test_text_rule_unit);
  ADD ("password", test_passwords);
  g_test_add_func ("/tsunagari/input-hygiene/password/unit", test_password_policy_unit);
  ADD ("problem/locked-database", test_locked_database);
  ADD ("problem/throttle-japanese", test_throttle_japanese);
  g_test_add_func ("/tsunagari/input-hygiene/problem/unit", test_problem_texts_unit);
  ADD ("placements/host-case-filter", test_host_case_filter);
#undef ADD

  return g_test_run ();
}
