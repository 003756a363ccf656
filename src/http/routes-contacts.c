/*
 * /v1/contacts and /v1/consultees (SPEC 2.7, 3.3; issue 16; seed 004 文京
 * 相談実績): consultation records, each about a case or a consultee, and
 * the search of consultees (?q) that links a later contact to its person.
 *
 * Staff only (coordinators and administrators): an auditor gets the
 * year-end statistics instead, never a person's record.  The rules and
 * the organisation scope are the service's (service/contacts.h).  A
 * contact's body is its field table (model/contact.c), plus "minutes"
 * (null: not recorded) and the new consultee of a first contact, an
 * object read here.
 */
#include "http/route.h"

#include <libsoup/soup.h>

#include "core/json.h"
#include "http/input.h"
#include "http/query.h"
#include "http/resource.h"
#include "service/contacts.h"

/* Generous type-level bounds; the service applies the real limits with
 * its own messages. */
#define TEXT_READ_MAX 10000

/* ---- bodies -------------------------------------------------------------- */

/* consultee: {nickname?, age_band, gender}; null is none. */
static void
read_consultee (TsInput *in, TsContactRecord *draft, gboolean *unknown)
{
  JsonNode *node = ts_input_member (in, "consultee", TS_OPTIONAL);
  g_auto(TsInput) cin = { 0 };
  TsConsulteeRecord *c;

  if (node == NULL || !ts_input_init (&cin, node, in->errors, "consultee"))
    return;
  draft->consultee = c = ts_consultee_record_new ();
  if (ts_input_has (&cin, "nickname"))
    draft->consultee_present |= TS_CONSULTEE_FIELD_NICKNAME;
  c->nickname = g_strdup (ts_input_string (&cin, "nickname", TS_OPTIONAL, TEXT_READ_MAX));
  if (ts_input_has (&cin, "age_band"))
    draft->consultee_present |= TS_CONSULTEE_FIELD_AGE_BAND;
  c->age_band = g_strdup (ts_input_string (&cin, "age_band", TS_OPTIONAL, 64));
  if (ts_input_has (&cin, "gender"))
    draft->consultee_present |= TS_CONSULTEE_FIELD_GENDER;
  c->gender = g_strdup (ts_input_string (&cin, "gender", TS_OPTIONAL, 64));
  if (ts_input_collect_unknown (&cin))
    *unknown = TRUE;
}

/* The members the field table leaves to this file: minutes (custom) and
 * the new consultee.  Type errors stay in the field errors for the
 * service to report with its own. */
static void
read_custom (TsInput *in, gpointer data, guint *present)
{
  TsContactRecord *draft = data;
  gboolean nested_unknown = FALSE;
  gint64 v;

  if (ts_input_has (in, "minutes"))
    {
      *present |= TS_CONTACT_FIELD_MINUTES;
      /* Out of range is kept out of range for the service to say so. */
      if (ts_input_int (in, "minutes", TS_OPTIONAL, G_MININT64, G_MAXINT64, &v))
        draft->minutes = v < TS_CONTACT_MINUTES_MIN ? -1
                         : v > TS_CONTACT_MINUTES_MAX ? TS_CONTACT_MINUTES_MAX + 1 : (int) v;
    }
  if (ts_input_has (in, "consultee"))
    *present |= TS_CONTACT_FIELD_CONSULTEE;
  read_consultee (in, draft, &nested_unknown);
  /* A nested object's unknown members make the body's: the field errors
   * name them, and the generic reader refuses the body with 400. */
  if (nested_unknown)
    {
      if (in->unknown == NULL)
        in->unknown = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (in->unknown, g_strdup ("(nested)"));
    }
}

/* ---- rendering ------------------------------------------------------------ */

static void
render_contact (gconstpointer data, JsonObject *obj)
{
  const TsContactView *view = data;

  ts_json_set_int_or_null (obj, "minutes", view->record->minutes > 0, view->record->minutes);
}

static const TsResourceRoutes contact_routes = {
  .ops = &ts_contact_ops,
  .render = render_contact,
  .read_custom = read_custom,
};

static const TsResourceRoutes consultee_routes = {
  .ops = &ts_consultee_ops,
};

/* ---- handlers ------------------------------------------------------------- */

static void
handle_create (TsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsContactRecord) draft = ts_contact_record_new ();
  g_autoptr(TsContactRecord) record = NULL;
  g_autofree char *location = NULL;
  guint present;

  if (!ts_request_check_query (req, NULL, &error) ||
      !ts_resource_read_body (req, &contact_routes, draft, &present, &error))
    goto fail;
  record = ts_service_contact_create (req->service, req->ctx, draft, present, &error);
  if (record == NULL)
    goto fail;
  location = g_strdup_printf ("/v1/contacts/%" G_GINT64_FORMAT, record->id);
  ts_request_add_header (req, "Location", location);
  {
    TsContactView view = { record };
    ts_resource_reply_view (req, &contact_routes, SOUP_STATUS_CREATED, &view);
  }
  return;

fail:
  ts_request_reply_error (req, error);
}

void
ts_routes_contacts (GArray *routes)
{
  const TsRoute table[] = {
    { "POST", "/v1/contacts", TS_ROLE_STAFF, TS_ROUTE_BODY, handle_create, "createContact",
      NULL },
    { "GET", "/v1/contacts", TS_ROLE_STAFF, 0, ts_resource_handle_list, "listContacts",
      &contact_routes },
    { "GET", "/v1/contacts/{id}", TS_ROLE_STAFF, 0, ts_resource_handle_get, "getContact",
      &contact_routes },
    { "GET", "/v1/consultees", TS_ROLE_STAFF, 0, ts_resource_handle_list, "listConsultees",
      &consultee_routes },
    { "GET", "/v1/consultees/{id}", TS_ROLE_STAFF, 0, ts_resource_handle_get, "getConsultee",
      &consultee_routes },
  };
  g_array_append_vals (routes, table, G_N_ELEMENTS (table));
}
