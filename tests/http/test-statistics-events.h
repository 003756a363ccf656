/* The 行事・居場所 table of test-statistics.c (included by it; issue 18):
 * the events' attendance counts by kind, 延べ参加者数 = 本人 + 家族 +
 * 関係者, the year's bounds, a cancelled event left out, the
 * organisation chosen, and the suppression the prefecture's auditor sees. */

static const char *const EVENTS[] = { "events", "self", "family", "other", "participants",
                                      "supporters", NULL };
static const char *const EVENT_KINDS[] = { "ibasho", "family_meeting", "supporter_meeting",
                                           "lecture", "training_day", "consultation_day",
                                           "seminar" };
#define NO_EVENTS "0,0,0,0,0,0"

static void
assert_event_kinds (JsonObject *s)
{
  JsonArray *arr = json_object_get_array_member (s, "events_by_kind");

  g_assert_cmpuint (json_array_get_length (arr), ==, G_N_ELEMENTS (EVENT_KINDS));
  for (guint i = 0; i < G_N_ELEMENTS (EVENT_KINDS); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (arr, i),
                                                    "kind"), ==, EVENT_KINDS[i]);
}

static void
test_events (void)
{
  g_autoptr(TsReply) r = get (fx.coord_a, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) all = get (fx.h->admin, "?fiscal_year=2025", NULL);
  g_autofree char *query = g_strdup_printf ("?fiscal_year=2025&organisation_id=%" G_GINT64_FORMAT,
                                            fx.org_b);
  g_autoptr(TsReply) b = get (fx.h->admin, query, NULL);
  g_autoptr(TsReply) coord_b = get (fx.coord_b, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) before = get (fx.coord_a, "?fiscal_year=2024", NULL);
  g_autoptr(TsReply) after = get (fx.coord_a, "?fiscal_year=2026", NULL);
  const char *want = "2,4,2,1,7,1|1,0,7,2,9,1|" NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS "|"
                     NO_EVENTS "|" NO_EVENTS;
  const char *none = NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS "|"
                     NO_EVENTS "|" NO_EVENTS;
  JsonObject *s = stats_of (r);

  /* 居場所: 1 April 2025 (3+2+1) and 31 March 2026 (1, one supporter); 家族会
   * (7+2, one supporter); the cancelled 講演会 (9+9+9) is not counted. */
  assert_event_kinds (s);
  assert_rows (s, "events_by_kind", EVENTS, want);
  assert_total (s, "events_by_kind", EVENTS, "3,4,9,3,16,2");
  /* The administrator: A's, as B has none; B alone and B's coordinator:
   * nothing. */
  s = stats_of (all);
  assert_rows (s, "events_by_kind", EVENTS, want);
  assert_total (s, "events_by_kind", EVENTS, "3,4,9,3,16,2");
  s = stats_of (b);
  assert_event_kinds (s);
  assert_rows (s, "events_by_kind", EVENTS, none);
  assert_total (s, "events_by_kind", EVENTS, NO_EVENTS);
  s = stats_of (coord_b);
  assert_rows (s, "events_by_kind", EVENTS, none);
  /* The years on either side: 31 March 2025's 居場所 (5+5+5) and 1 April
   * 2026's (4+4+4, one supporter). */
  s = stats_of (before);
  assert_rows (s, "events_by_kind", EVENTS, "1,5,5,5,15,0|" NO_EVENTS "|" NO_EVENTS "|"
               NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS);
  s = stats_of (after);
  assert_total (s, "events_by_kind", EVENTS, "1,4,4,4,12,1");
}

/* The prefecture's auditor: 1s and 2s of persons null, then the cells
 * that would give them back (家族会's 家族 7 beside its 関係者 2; the
 * total's supporters 2).  The number of events names nobody: shown.  A's
 * own auditor sees the real counts. */
static void
test_events_suppressed (void)
{
  g_autoptr(TsReply) r = get (fx.h->auditor, "?fiscal_year=2025", NULL);
  g_autoptr(TsReply) own = get (fx.auditor_a, "?fiscal_year=2025", NULL);
  JsonObject *s = stats_of (r);

  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (s, "suppression"),
                                                 "applied"));
  assert_rows (s, "events_by_kind", EVENTS,
               "2,4,X,X,7,X|1,0,X,X,9,X|" NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS
               "|" NO_EVENTS);
  assert_total (s, "events_by_kind", EVENTS, "3,4,9,3,16,X");
  s = stats_of (own);
  assert_rows (s, "events_by_kind", EVENTS, "2,4,2,1,7,1|1,0,7,2,9,1|" NO_EVENTS "|" NO_EVENTS
               "|" NO_EVENTS "|" NO_EVENTS "|" NO_EVENTS);
}
