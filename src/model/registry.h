/*
 * Every resource's descriptor (model/registry.c).
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

const TsResource *const *ts_model_get_resources (guint *n_resources);

G_END_DECLS
