/*
 * The demo's events (issue 18): a monthly 家族会 on the second Thursday
 * (seed 001's family groups) with its past counts recorded and supporter1
 * planned on the coming ones; a 巡回相談 day with six 45-minute slots for
 * two staff (seed 001) and booking requests allocated; a 家族セミナー with a
 * 定員 of 15 and a few registrations.  No event hours are paid here, so
 * that the demo's statements stay as cli-demo-money.c made them.
 */
#include "cli/cli.h"

#include "core/i18n.h"
#include "service/events.h"

static TsDate
second_thursday (int y, int m)
{
  TsDate first = ts_date_new (y, m, 1);
  int wd = ts_date_get_weekday (first);

  return ts_date_add_days (first, (4 - wd + 7) % 7 + 7);
}

static TsEventRecord *
draft (TsEventKind kind, const char *title, TsDate date, int start_min, int minutes,
       const char *place, int capacity)
{
  TsEventRecord *d = ts_event_record_new ();

  d->kind = kind;
  d->title = g_strdup (title);
  d->date = date;
  d->start_min = start_min;
  d->minutes = minutes;
  d->place = g_strdup (place);
  d->capacity = capacity;
  d->municipality_code = g_strdup ("092011");
  return d;
}

#define ALL_FIELDS \
  (TS_EVENT_FIELD_KIND | TS_EVENT_FIELD_TITLE | TS_EVENT_FIELD_DATE | TS_EVENT_FIELD_START | \
   TS_EVENT_FIELD_MINUTES | TS_EVENT_FIELD_PLACE | TS_EVENT_FIELD_MUNICIPALITY)

gboolean
ts_cli_demo_events (TsService *service, TsDate today, const TsCliDemoOrganisations *orgs,
                    const GArray *supporter_ids, GError **error)
{
  g_autoptr(TsContext) ctx = ts_cli_demo_context (orgs->prefecture);
  g_autoptr(TsEventRecord) family = NULL;
  g_autoptr(TsEventRecord) day = NULL;
  g_autoptr(TsEventRecord) seminar = NULL;
  g_autoptr(TsEventView) series = NULL;
  g_autoptr(TsEventView) consult = NULL;
  g_autoptr(TsEventView) sem = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (gint64));
  int y, m;

  /* 家族会: six months from three months ago, 18:30 for two hours. */
  ts_date_get_ymd (ts_date_add_months (today, -3), &y, &m, NULL);
  family = draft (TS_EVENT_FAMILY_MEETING, "家族会（架空）", second_thursday (y, m), 18 * 60 + 30, 120,
                  "宇都宮市 市民活動センター", 0);
  family->repeat.count = 6;
  series = ts_service_event_create (service, ctx, family, ALL_FIELDS | TS_EVENT_FIELD_REPEAT, error);
  if (series == NULL)
    return ts_cli_report (ctx, *error);
  for (guint i = 0; series->series != NULL && i < series->series->len; i++)
    {
      const TsEventRecord *e = series->series->pdata[i];
      TsEventCounts counts = { TRUE, 2 + (int) i % 3, 6 + (int) i % 4, 1 };
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(TsEventView) v = NULL;

      if (e->date > today)
        continue;
      v = ts_service_event_attendance (service, ctx, e->id, none, &counts, error);
      if (v == NULL)
        return ts_cli_report (ctx, *error);
    }

  /* 巡回相談: in two weeks, six pairs of 45 minutes, two staff. */
  day = draft (TS_EVENT_CONSULTATION_DAY, "巡回相談（架空）", ts_date_add_days (today, 14), 10 * 60, 330,
               "宇都宮市役所 相談室", 0);
  if (supporter_ids != NULL && supporter_ids->len > 0)
    {
      day->supporter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (day->supporter_ids, g_array_index (supporter_ids, gint64, 0));
    }
  consult = ts_service_event_create (service, ctx, day, ALL_FIELDS | TS_EVENT_FIELD_STAFF, error);
  if (consult == NULL)
    return ts_cli_report (ctx, *error);
  for (int i = 0; i < 6; i++)
    {
      int start = 10 * 60 + i * 55 + (i >= 3 ? 60 : 0);
      g_autoptr(TsEventSlot) s = ts_service_slot_create (service, ctx, consult->record->id, start, 45,
                                                         "相談員2名", error);
      if (s == NULL)
        return ts_cli_report (ctx, *error);
      g_array_append_val (slots, s->id);
    }
  {
    static const char *const names[] = { "Aさん（架空）", "Bさん（架空）", "Cさん（架空）", "Dさん（架空）" };
    const int prefs[][3] = { { 0, 1, 2 }, { 0, -1, -1 }, { 1, 0, -1 }, { 4, 5, -1 } };
    g_autoptr(GPtrArray) placed = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        gint64 ids[3];
        guint n = 0;
        g_autoptr(TsBookingRequest) r = NULL;

        for (int k = 0; k < 3 && prefs[i][k] >= 0; k++)
          ids[n++] = g_array_index (slots, gint64, prefs[i][k]);
        r = ts_service_booking_create (service, ctx, consult->record->id, ids, n, names[i], NULL, error);
        if (r == NULL)
          return ts_cli_report (ctx, *error);
      }
    placed = ts_service_event_allocate (service, ctx, consult->record->id, NULL, error);
    if (placed == NULL)
      return ts_cli_report (ctx, *error);
  }

  /* 家族セミナー: 定員 15, in three weeks. */
  seminar = draft (TS_EVENT_SEMINAR, "家族セミナー（架空）", ts_date_add_days (today, 21), 14 * 60, 90,
                   "とちぎ青少年センター", 15);
  sem = ts_service_event_create (service, ctx, seminar, ALL_FIELDS | TS_EVENT_FIELD_CAPACITY, error);
  if (sem == NULL)
    return ts_cli_report (ctx, *error);
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("参加者%d（架空）", i);
      g_autoptr(TsEventRegistration) r = ts_service_registration_create (service, ctx, sem->record->id,
                                                                         name, NULL, error);
      if (r == NULL)
        return ts_cli_report (ctx, *error);
    }
  ts_cli_progress (_("Events"), 1, 1);
  return TRUE;
}
