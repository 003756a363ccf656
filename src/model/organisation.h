/*
 * Organisations (SPEC 2.6; seed 002 千葉/栃木, seed 000 足立): the
 * prefecture, the municipalities and the agencies (社協, NPO, ひきこもり地域
 * 支援センター) that run one installation's programme.  Every user, case,
 * supporter and host belongs to one; a caller sees the records of its own
 * organisation (an auditor: of its own and every one below it).
 */
#pragma once

#include "model/resource.h"

G_BEGIN_DECLS

typedef enum {
  TS_ORGANISATION_PREFECTURE,
  TS_ORGANISATION_MUNICIPALITY,
  TS_ORGANISATION_AGENCY,
} TsOrganisationKind;

extern const TsVocabulary ts_organisation_kind_vocabulary;

TS_DECLARE_VOCABULARY (ts_organisation_kind, TsOrganisationKind)

/* The bits of a draft's "present" mask. */
typedef enum {
  TS_ORGANISATION_FIELD_NAME         = 1 << 0,
  TS_ORGANISATION_FIELD_KIND         = 1 << 1,
  TS_ORGANISATION_FIELD_MUNICIPALITY = 1 << 2,
  TS_ORGANISATION_FIELD_PARENT       = 1 << 3,
} TsOrganisationFields;

#define TS_ORGANISATION_NAME_MAX     100
#define TS_ORGANISATION_LIST_DEFAULT 100
#define TS_ORGANISATION_LIST_MAX     200
/* The organisation `tsunagari init` names and existing rows moved into. */
#define TS_ORGANISATION_FIRST        1

typedef struct {
  gint64              id;
  char               *name;
  TsOrganisationKind  kind;
  char               *municipality_code; /* the prefecture's or the municipality's; NULL: not yet given */
  gint64              parent_id;         /* 0: none (the top) */
  gint64              version;
  gint64              created_at;
  gint64              updated_at;
} TsOrganisationRecord;

extern const TsResource ts_organisation_resource;

TsOrganisationRecord *ts_organisation_record_new  (void);
void                  ts_organisation_record_free (TsOrganisationRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsOrganisationRecord, ts_organisation_record_free)

/* GET /v1/organisations: ?kind, ?parent_id. */
typedef struct {
  TsListQuery  list;
  int          kind;                 /* TsOrganisationKind or TS_FILTER_ANY */
  gint64       parent_id;            /* 0: any */
} TsOrganisationQuery;

G_END_DECLS
