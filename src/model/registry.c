/*
 * Every resource's descriptor, for what looks at all of them: the tests
 * that hold the descriptors to their invariants and to data/openapi.json.
 */
#include "model/registry.h"

#include "model/activity.h"
#include "model/assignment.h"
#include "model/case.h"
#include "model/contact.h"
#include "model/course.h"
#include "model/dispatch.h"
#include "model/event.h"
#include "model/host.h"
#include "model/organisation.h"
#include "model/placement.h"
#include "model/supporter.h"
#include "model/visit.h"

static const TsResource *const resources[] = {
  &ts_supporter_resource,
  &ts_course_resource,
  &ts_case_resource,
  &ts_assignment_resource,
  &ts_activity_resource,
  &ts_host_resource,
  &ts_placement_resource,
  &ts_organisation_resource,
  &ts_dispatch_request_resource,
  &ts_case_transfer_resource,
  &ts_contact_resource,
  &ts_consultee_resource,
  &ts_visit_resource,
  &ts_event_resource,
};

const TsResource *const *
ts_model_get_resources (guint *n_resources)
{
  *n_resources = G_N_ELEMENTS (resources);
  return resources;
}
