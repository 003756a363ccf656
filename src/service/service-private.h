/*
 * What TsService keeps for use cases that need per-service state, for the
 * files of service/ only (http/ and cli/ see service.h).  The state is a
 * member of the service, made with it and freed with it, so that two
 * services (the tests make many) never share it.
 */
#pragma once

#include "service/service.h"

G_BEGIN_DECLS

/* The matching use cases' cache: the parsed [matching] configuration and
 * the compiled supporters of the last few dates (service/matching-cache.c),
 * with its own locks. */
typedef struct _TsMatchingCache TsMatchingCache;

TsMatchingCache *ts_matching_cache_new  (void);
void             ts_matching_cache_free (TsMatchingCache *cache);

TsMatchingCache *ts_service_get_matching_cache (TsService *self);

G_END_DECLS
