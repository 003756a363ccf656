/*
 * The printable documents' contents: service/documents.h.
 */
#include "service/documents.h"

#include "core/error.h"
#include "core/i18n.h"
#include "service/statements.h"
#include "store/organisations.h"
#include "store/placements.h"

/* Auditors read aggregates only (issue 16). */
static gboolean
refuse_auditor (TsContext *ctx, GError **error)
{
  if (ctx->role != TS_ROLE_AUDITOR)
    return TRUE;
  g_set_error_literal (error, TS_ERROR, TS_ERROR_FORBIDDEN,
                       N_("Auditors read the statistics, not personal documents"));
  return FALSE;
}

typedef struct {
  gint64     organisation_id;
  char      *name;
  gint64     host_id;
  TsDate     first;
  TsDate     last;
  GPtrArray *days;
} DocumentRead;

static gboolean
read_document (TsStore *store, gpointer user_data, GError **error)
{
  DocumentRead *r = user_data;

  if (r->organisation_id > 0)
    {
      g_autoptr(GError) local = NULL;
      TsOrganisationRecord *org = ts_store_organisation_get (store, r->organisation_id, &local);

      if (org != NULL)
        {
          r->name = g_strdup (org->name);
          ts_organisation_record_free (org);
        }
      else if (!g_error_matches (local, TS_ERROR, TS_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  if (r->host_id > 0)
    {
      r->days = ts_store_placement_host_attended (store, r->host_id, r->first, r->last, error);
      if (r->days == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_organisation_name (TsService *self, gint64 organisation_id, char **out, GError **error)
{
  DocumentRead r = { organisation_id, NULL, 0, TS_DATE_NONE, TS_DATE_NONE, NULL };

  if (!ts_store_read (ts_service_get_store (self), read_document, &r, error))
    return FALSE;
  *out = r.name;
  return TRUE;
}

/* ---- サポーター証 ------------------------------------------------------ */

void
ts_supporter_card_free (TsSupporterCard *card)
{
  if (card == NULL)
    return;
  g_clear_pointer (&card->supporter, ts_supporter_view_free);
  g_free (card->organisation_name);
  g_free (card);
}

TsSupporterCard *
ts_service_supporter_card (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsSupporterCard) card = g_new0 (TsSupporterCard, 1);

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!refuse_auditor (ctx, error))
    return NULL;
  card->issued_on = ts_date_today ();
  /* The read of the record, with its scoping and audit entry. */
  card->supporter = ts_service_supporter_get (self, ctx, id, card->issued_on, error);
  if (card->supporter == NULL)
    return NULL;
  /* The card certifies a registration in force: not an applicant's, a
   * suspended or a retired supporter's. */
  if (card->supporter->record->code == NULL ||
      card->supporter->record->status != TS_SUPPORTER_REGISTERED)
    {
      g_set_error_literal (error, TS_ERROR, TS_ERROR_CONFLICT,
                           N_("A supporter card is issued to registered supporters only"));
      return NULL;
    }
  if (!read_organisation_name (self, card->supporter->record->organisation_id,
                               &card->organisation_name, error))
    return NULL;
  return g_steal_pointer (&card);
}

/* ---- 支払通知書 -------------------------------------------------------- */

void
ts_statement_document_free (TsStatementDocument *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->statement, ts_statement_record_free);
  g_free (doc->organisation_name);
  g_free (doc);
}

TsStatementDocument *
ts_service_statement_document (TsService *self, TsContext *ctx, gint64 id, GError **error)
{
  g_autoptr(TsStatementDocument) doc = g_new0 (TsStatementDocument, 1);

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!refuse_auditor (ctx, error))
    return NULL;
  doc->issued_on = ts_date_today ();
  doc->statement = ts_service_statement_get (self, ctx, id, error);
  if (doc->statement == NULL)
    return NULL;
  if (!read_organisation_name (self, doc->statement->organisation_id, &doc->organisation_name,
                               error))
    return NULL;
  return g_steal_pointer (&doc);
}

/* ---- 職親 受入実績報告書 ------------------------------------------------ */

static void
participant_free (TsHostReportParticipant *p)
{
  if (p == NULL)
    return;
  g_free (p->nickname);
  g_clear_pointer (&p->dates, g_array_unref);
  g_free (p);
}

void
ts_host_report_free (TsHostReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->host, ts_host_view_free);
  g_free (report->organisation_name);
  g_clear_pointer (&report->participants, g_ptr_array_unref);
  g_free (report);
}

TsHostReport *
ts_service_host_report (TsService *self, TsContext *ctx, gint64 host_id, int year, int month,
                        GError **error)
{
  g_autoptr(TsHostReport) report = g_new0 (TsHostReport, 1);
  g_autoptr(GPtrArray) days = NULL;
  DocumentRead r = { 0 };
  TsHostReportParticipant *p = NULL;
  gboolean uniform = TRUE;

  g_return_val_if_fail (TS_IS_SERVICE (self), NULL);

  if (!refuse_auditor (ctx, error))
    return NULL;
  if (year < 2000 || year > 2100 || month < 1 || month > 12)
    {
      ts_field_errors_add (ctx->errors, "month", N_("Must be a month from 2000-01 to 2100-12"));
      ts_field_errors_check (ctx->errors, error);
      return NULL;
    }
  /* The host's read: who may see it, its scope (SPEC 2.6), its audit entry. */
  report->host = ts_service_get (self, ctx, &ts_host_ops, host_id, error);
  if (report->host == NULL)
    return NULL;
  report->year = year;
  report->month = month;
  report->issued_on = ts_date_today ();
  r.organisation_id = report->host->record->organisation_id;
  r.host_id = host_id;
  r.first = ts_date_new (year, month, 1);
  r.last = ts_date_add_days (ts_date_add_months (r.first, 1), -1);
  if (!ts_store_read (ts_service_get_store (self), read_document, &r, error))
    {
      g_free (r.name);
      g_clear_pointer (&r.days, g_ptr_array_unref);
      return NULL;
    }
  report->organisation_name = r.name;
  days = r.days;

  report->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) participant_free);
  for (guint i = 0; i < days->len; i++)
    {
      const TsHostAttendedDay *d = days->pdata[i];

      if (p == NULL || p->case_id != d->case_id)
        {
          if (p != NULL)
            p->stipend_per_day_yen = uniform ? p->stipend_per_day_yen : 0;
          p = g_new0 (TsHostReportParticipant, 1);
          p->case_id = d->case_id;
          p->nickname = g_strdup (d->nickname);
          p->dates = g_array_new (FALSE, FALSE, sizeof (TsDate));
          p->stipend_per_day_yen = d->stipend_yen;
          uniform = TRUE;
          g_ptr_array_add (report->participants, p);
        }
      g_array_append_val (p->dates, d->date);
      p->stipend_yen += d->stipend_yen;
      if (d->stipend_yen != p->stipend_per_day_yen)
        uniform = FALSE;
      report->days++;
      report->stipend_yen += d->stipend_yen;
    }
  if (p != NULL && !uniform)
    p->stipend_per_day_yen = 0;

  /* Each participant shown is a read of their case. */
  for (guint i = 0; i < report->participants->len; i++)
    {
      const TsHostReportParticipant *q = report->participants->pdata[i];

      if (!ts_service_audit_read (self, ctx, "read_host_report", "case", q->case_id, error))
        return NULL;
    }
  return g_steal_pointer (&report);
}
