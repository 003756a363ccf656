/*
 * Case transfers on a live server (SPEC 2.6, 3.3; issue 13; 足立 つなぐシート,
 * seed 000): with consent to share with another agency, a case moves to
 * another organisation; the old organisation then gets 404 for the case
 * (the generic scope check), but both keep seeing the transfer; the case's
 * open dispatch requests are withdrawn.  Every route: success, each
 * refused role, the third organisation's 404, bad input.
 *
 * "Today" is pinned to 2026-06-15 (TSUNAGARI_TODAY).
 */
#include <string.h>

#include "harness.h"

#define TODAY "2026-06-15"
#define SHARE "[\"matching\",\"support\",\"share_with_agency\"]"
#define NO_SHARE "[\"matching\",\"support\"]"

typedef struct {
  TsHarness *h;
  gint64     adachi;         /* 足立区: the case's organisation */
  gint64     agency;         /* the 社協 it hands the case to */
  gint64     third;
  char      *old_coord;
  char      *new_coord;
  char      *third_coord;
  char      *supporter;
  char      *host;
  char      *auditor;
  gint64     case_id;
} Fixture;

static void
set_up (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h;
  gint64 sup;

  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  f->h = h = ts_harness_new ();
  f->adachi = ts_harness_create_organisation (h, "足立区", "municipality", "131211", 0);
  f->agency = ts_harness_create_organisation (h, "足立区社会福祉協議会", "agency", "131211", 0);
  f->third = ts_harness_create_organisation (h, "荒川区", "municipality", "131181", 0);
  f->old_coord = ts_harness_user_token_in (h, "coordinator", f->adachi, 0, 0);
  f->new_coord = ts_harness_user_token_in (h, "coordinator", f->agency, 0, 0);
  f->third_coord = ts_harness_user_token_in (h, "coordinator", f->third, 0, 0);
  sup = ts_harness_create_registered_supporter (h, f->old_coord, NULL);
  f->supporter = ts_harness_user_token_in (h, "supporter", f->adachi, sup, 0);
  f->host = ts_harness_user_token_in (h, "host", f->adachi, 0, 1);
  f->auditor = ts_harness_user_token_in (h, "auditor", f->adachi, 0, 0);
  f->case_id = ts_harness_create_case (h, f->old_coord, SHARE, TRUE);
}

static void
tear_down (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  g_clear_pointer (&f->h, ts_harness_free);
  g_free (f->old_coord);
  g_free (f->new_coord);
  g_free (f->third_coord);
  g_free (f->supporter);
  g_free (f->host);
  g_free (f->auditor);
}

static TsReply *
transfer (Fixture *f, const char *token, gint64 case_id, const char *body)
{
  return ts_harness_call (f->h, "POST", token, body, "/v1/cases/%" G_GINT64_FORMAT "/transfers",
                          case_id);
}

static char *
to_body (gint64 to, const char *extra)
{
  return g_strdup_printf ("{\"to_organisation_id\":%" G_GINT64_FORMAT "%s%s}", to,
                          extra != NULL ? "," : "", extra != NULL ? extra : "");
}

static JsonArray *
transfers_of (TsReply *r)
{
  return json_object_get_array_member (ts_reply_object (r), "transfers");
}

static char *
missing_detail (Fixture *f)
{
  g_autoptr(TsReply) r = ts_harness_request (f->h, "GET", "/v1/cases/999999", f->old_coord, NULL,
                                             NULL);
  ts_assert_status (r, 404);
  return g_strdup (json_object_get_string_member (ts_reply_object (r), "detail"));
}

static void
assert_missing (TsReply *r, const char *detail)
{
  ts_assert_problem (r, 404, "not_found", NULL);
  g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "detail"), ==, detail);
}

/* ---- the move ------------------------------------------------------------------ */

static void
test_move (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *no_case = missing_detail (f);
  g_autofree char *body = to_body (f->agency, "\"transferred_on\":\"2026-06-10\","
                                               "\"note\":\"つなぐシートで社協へ引継ぎ\"");
  gint64 request, transfer_id;

  /* An open dispatch request of the case, to a third organisation. */
  {
    g_autofree char *ask = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT
                                            ",\"to_organisation_id\":%" G_GINT64_FORMAT "}",
                                            f->case_id, f->third);
    g_autoptr(TsReply) r = ts_harness_request (h, "POST", "/v1/dispatch-requests", f->old_coord,
                                               ask, NULL);
    ts_assert_status (r, 201);
    request = ts_reply_id (r);
  }
  {
    g_autoptr(TsReply) r = transfer (f, f->old_coord, f->case_id, body);
    JsonObject *o;

    ts_assert_status (r, 201);
    o = ts_reply_object (r);
    transfer_id = ts_reply_id (r);
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, f->case_id);
    g_assert_cmpint (json_object_get_int_member (o, "from_organisation_id"), ==, f->adachi);
    g_assert_cmpint (json_object_get_int_member (o, "to_organisation_id"), ==, f->agency);
    g_assert_cmpstr (json_object_get_string_member (o, "transferred_on"), ==, "2026-06-10");
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "つなぐシートで社協へ引継ぎ");
    g_assert_cmpint (json_object_get_int_member (o, "user_id"), >, 0);
    /* A transfer carries nothing of the case. */
    g_assert_false (json_object_has_member (o, "nickname"));
  }
  /* The old organisation has lost the case, in the words of a missing one;
   * the new one has it. */
  {
    g_autoptr(TsReply) old = ts_harness_call (h, "GET", f->old_coord, NULL,
                                              "/v1/cases/%" G_GINT64_FORMAT, f->case_id);
    g_autoptr(TsReply) old_list = ts_harness_request (h, "GET", "/v1/cases", f->old_coord, NULL, NULL);
    g_autoptr(TsReply) cur = ts_harness_call (h, "GET", f->new_coord, NULL,
                                              "/v1/cases/%" G_GINT64_FORMAT, f->case_id);
    assert_missing (old, no_case);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_reply_object (old_list),
                                                                           "cases")), ==, 0);
    ts_assert_status (cur, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (cur), "organisation_id"), ==,
                     f->agency);
    g_assert_cmpstr (ts_reply_header (cur, "ETag"), !=, "\"v1\"");
  }
  /* The history: the case's, for its organisation now; the lists for both. */
  {
    g_autoptr(TsReply) mine = ts_harness_call (h, "GET", f->new_coord, NULL,
                                               "/v1/cases/%" G_GINT64_FORMAT "/transfers", f->case_id);
    g_autoptr(TsReply) gone = ts_harness_call (h, "GET", f->old_coord, NULL,
                                               "/v1/cases/%" G_GINT64_FORMAT "/transfers", f->case_id);
    g_autoptr(TsReply) out = ts_harness_request (h, "GET", "/v1/transfers?direction=outgoing",
                                                 f->old_coord, NULL, NULL);
    g_autoptr(TsReply) old_in = ts_harness_request (h, "GET", "/v1/transfers?direction=incoming",
                                                    f->old_coord, NULL, NULL);
    g_autoptr(TsReply) in = ts_harness_request (h, "GET", "/v1/transfers?direction=incoming",
                                                f->new_coord, NULL, NULL);
    g_autoptr(TsReply) both = ts_harness_request (h, "GET", "/v1/transfers", f->new_coord, NULL, NULL);
    g_autoptr(TsReply) third = ts_harness_request (h, "GET", "/v1/transfers", f->third_coord, NULL, NULL);
    JsonObject *t;

    ts_assert_status (mine, 200);
    g_assert_cmpint (json_object_get_int_member (ts_reply_object (mine), "case_id"), ==, f->case_id);
    g_assert_cmpuint (json_array_get_length (transfers_of (mine)), ==, 1);
    assert_missing (gone, no_case);
    ts_assert_status (out, 200);
    g_assert_cmpuint (json_array_get_length (transfers_of (out)), ==, 1);
    t = json_array_get_object_element (transfers_of (out), 0);
    g_assert_cmpint (json_object_get_int_member (t, "id"), ==, transfer_id);
    g_assert_cmpint (json_object_get_int_member (t, "from_organisation_id"), ==, f->adachi);
    g_assert_cmpint (json_object_get_int_member (t, "to_organisation_id"), ==, f->agency);
    g_assert_cmpstr (json_object_get_string_member (t, "note"), ==, "つなぐシートで社協へ引継ぎ");
    g_assert_null (strstr (out->body, "Dさん"));
    g_assert_cmpuint (json_array_get_length (transfers_of (old_in)), ==, 0);
    g_assert_cmpuint (json_array_get_length (transfers_of (in)), ==, 1);
    g_assert_cmpuint (json_array_get_length (transfers_of (both)), ==, 1);
    g_assert_cmpuint (json_array_get_length (transfers_of (third)), ==, 0);
  }
  /* The open request ended with the move; the old organisation still sees
   * it (it made it), with the reason in its history. */
  {
    g_autoptr(TsReply) r = ts_harness_call (h, "GET", f->old_coord, NULL,
                                            "/v1/dispatch-requests/%" G_GINT64_FORMAT, request);
    JsonArray *hist;
    JsonObject *last;

    ts_assert_status (r, 200);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (r), "status"), ==, "withdrawn");
    hist = json_object_get_array_member (ts_reply_object (r), "history");
    g_assert_cmpuint (json_array_get_length (hist), ==, 2);
    last = json_array_get_object_element (hist, 1);
    g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "withdrawn");
    g_assert_nonnull (json_object_get_string_member (last, "note"));
  }
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM audit_log WHERE action = 'transfer'"
                                          " AND object = 'case'"), ==, 1);
  /* The new organisation may move it on (back, here); the old one may not
   * move it any more. */
  {
    g_autofree char *again = to_body (f->third, NULL);
    g_autofree char *back = to_body (f->adachi, NULL);
    g_autoptr(TsReply) r = transfer (f, f->old_coord, f->case_id, again);
    g_autoptr(TsReply) b = transfer (f, f->new_coord, f->case_id, back);
    g_autoptr(TsReply) list = NULL;

    assert_missing (r, no_case);
    ts_assert_status (b, 201);
    g_assert_cmpstr (json_object_get_string_member (ts_reply_object (b), "transferred_on"), ==, TODAY);
    g_assert_true (json_object_get_null_member (ts_reply_object (b), "note"));
    list = ts_harness_call (h, "GET", f->old_coord, NULL, "/v1/cases/%" G_GINT64_FORMAT "/transfers",
                            f->case_id);
    ts_assert_status (list, 200);
    g_assert_cmpuint (json_array_get_length (transfers_of (list)), ==, 2);
  }
}

static void
test_consent_missing (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  gint64 kase = ts_harness_create_case (f->h, f->old_coord, NO_SHARE, FALSE);
  g_autofree char *body = to_body (f->agency, NULL);
  g_autoptr(TsReply) r = transfer (f, f->old_coord, kase, body);
  g_autoptr(TsReply) still = ts_harness_call (f->h, "GET", f->old_coord, NULL,
                                              "/v1/cases/%" G_GINT64_FORMAT, kase);

  ts_assert_problem (r, 422, "consent_missing", NULL);
  ts_assert_status (still, 200);
}

static void
test_bad_input (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *no_case = missing_detail (f);
  gint64 third_case = ts_harness_create_case (h, f->third_coord, SHARE, FALSE);
  g_autofree char *long_note = g_strnfill (501, 'a');
  g_autofree char *agency = g_strdup_printf ("%" G_GINT64_FORMAT, f->agency);
  g_autofree char *self = g_strdup_printf ("%" G_GINT64_FORMAT, f->adachi);
  struct {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    { "{}", 422, "validation_failed", "to_organisation_id" },
    { "{\"to_organisation_id\":\"x\"}", 422, "validation_failed", "to_organisation_id" },
    { "{\"to_organisation_id\":0}", 422, "validation_failed", "to_organisation_id" },
    { "{\"to_organisation_id\":999999}", 422, "validation_failed", "to_organisation_id" },
    { "{\"to_organisation_id\":%S}", 422, "validation_failed", "to_organisation_id" },
    { "{\"to_organisation_id\":%A,\"transferred_on\":\"2026-06-16\"}", 422, "validation_failed", "transferred_on" },
    { "{\"to_organisation_id\":%A,\"transferred_on\":\"1999-03-31\"}", 422, "validation_failed", "transferred_on" },
    { "{\"to_organisation_id\":%A,\"transferred_on\":\"06/10\"}", 422, "validation_failed", "transferred_on" },
    { "{\"to_organisation_id\":%A,\"note\":\"%L\"}", 422, "validation_failed", "note" },
    { "{\"to_organisation_id\":%A,\"note\":7}", 422, "validation_failed", "note" },
    { "{\"to_organisation_id\":%A,\"case_id\":1}", 422, "validation_failed", "case_id" },
    { "{\"to_organisation_id\":%A,\"foo\":1}", 400, "unknown_field", "foo" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) body = g_string_new (cases[i].body);
      g_autoptr(TsReply) r = NULL;

      g_string_replace (body, "%A", agency, 0);
      g_string_replace (body, "%S", self, 0);
      g_string_replace (body, "%L", long_note, 0);
      g_test_message ("%s", body->str);
      r = transfer (f, f->old_coord, f->case_id, body->str);
      ts_assert_problem (r, cases[i].status, cases[i].code, cases[i].field);
    }
  {
    g_autofree char *body = to_body (f->agency, NULL);
    g_autoptr(TsReply) a = transfer (f, f->old_coord, 999999, body);
    g_autoptr(TsReply) b = transfer (f, f->old_coord, third_case, body);
    assert_missing (a, no_case);
    assert_missing (b, no_case);
  }
  {
    g_autoptr(GString) big = g_string_new ("{\"to_organisation_id\":1,\"note\":\"");
    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    {
      g_autoptr(TsReply) r = transfer (f, f->old_coord, f->case_id, big->str);
      ts_assert_problem (r, 413, "payload_too_large", NULL);
    }
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/transfers?direction=up", f->old_coord,
                                               NULL, NULL);
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/transfers?limit=0", f->old_coord,
                                               NULL, NULL);
    g_autoptr(TsReply) q = ts_harness_call (h, "GET", f->old_coord, NULL,
                                            "/v1/cases/%" G_GINT64_FORMAT "/transfers?x=1", f->case_id);
    ts_assert_problem (r, 422, "validation_failed", "direction");
    ts_assert_problem (l, 422, "validation_failed", "limit");
    ts_assert_problem (q, 400, "unknown_field", "x");
  }
  {
    g_autoptr(TsReply) r = ts_harness_request (h, "GET", "/v1/cases/999999/transfers", f->old_coord,
                                               NULL, NULL);
    assert_missing (r, no_case);
  }
  /* Nothing moved. */
  g_assert_cmpint (ts_harness_sql_int (h, "SELECT count(*) FROM case_transfers"), ==, 0);
}

static void
test_roles (Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
  TsHarness *h = f->h;
  g_autofree char *no_case = missing_detail (f);
  g_autofree char *body = to_body (f->agency, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/cases/%" G_GINT64_FORMAT "/transfers", f->case_id);
  const char *refused[] = { f->supporter, f->host, f->auditor };

  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr(TsReply) p = ts_harness_request (h, "POST", path, refused[k], body, NULL);
      g_autoptr(TsReply) g = ts_harness_request (h, "GET", path, refused[k], NULL, NULL);
      g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/transfers", refused[k], NULL, NULL);
      ts_assert_problem (p, 403, "forbidden", NULL);
      ts_assert_problem (g, 403, "forbidden", NULL);
      ts_assert_problem (l, 403, "forbidden", NULL);
    }
  {
    g_autoptr(TsReply) p = ts_harness_request (h, "POST", path, NULL, body, NULL);
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/transfers", NULL, NULL, NULL);
    ts_assert_status (p, 401);
    ts_assert_status (l, 401);
  }
  /* Another organisation (and the one it would go to) cannot move it. */
  {
    g_autoptr(TsReply) p = ts_harness_request (h, "POST", path, f->third_coord, body, NULL);
    g_autoptr(TsReply) n = ts_harness_request (h, "POST", path, f->new_coord, body, NULL);
    g_autoptr(TsReply) g = ts_harness_request (h, "GET", path, f->third_coord, NULL, NULL);
    assert_missing (p, no_case);
    assert_missing (n, no_case);
    assert_missing (g, no_case);
  }
  /* An administrator may move any case, and lists every transfer. */
  {
    g_autoptr(TsReply) p = ts_harness_request (h, "POST", path, h->admin, body, NULL);
    g_autoptr(TsReply) l = ts_harness_request (h, "GET", "/v1/transfers", h->admin, NULL, NULL);
    ts_assert_status (p, 201);
    g_assert_cmpuint (json_array_get_length (transfers_of (l)), ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TSUNAGARI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tsunagari/http/transfers/" path, Fixture, NULL, set_up, func, tear_down)

  ADD ("move", test_move);
  ADD ("consent-missing", test_consent_missing);
  ADD ("bad-input", test_bad_input);
  ADD ("roles", test_roles);
#undef ADD
  return g_test_run ();
}
