/*
 * The supporters a matching run chooses from.
 *
 * The service loads them once per request (or caches them) with
 * ts_match_supporters_add(); the container compiles each one into a compact
 * record: sets become bit masks or sorted integer ids, availability becomes
 * merged minute-of-week intervals and the location a unit vector, so the
 * scoring loop reads one small struct per supporter and allocates nothing.
 */
#pragma once

#include <glib.h>

#include "core/date.h"
#include "match/interner.h"
#include "match/vocabulary.h"

G_BEGIN_DECLS

/* A weekly time range, as in SPEC 3.2's availability. */
typedef struct {
  guint8  weekday;  /* 1..7, ISO (1 = Monday) */
  guint16 from;     /* minutes after midnight, 0..1439 */
  guint16 to;       /* minutes after midnight, from < to <= 1440 */
} TsMatchTimeRange;

typedef struct {
  gint64                  id;
  /* Registration, qualification and insurance decide dispatch on a date
   * (SPEC 2.1).  Qualification is valid on D when
   * qualified_from <= D <= qualified_until: qualified_from is the initial
   * training's completion (TS_DATE_NONE: untrained) and qualified_until
   * the follow-up due date computed by domain/ (TS_DATE_NONE: none). */
  gboolean                registered;
  TsDate                  qualified_from;
  TsDate                  qualified_until;
  TsDate                  insured_until;        /* TS_DATE_NONE: not insured */
  guint32                 municipality_code;    /* 6-digit code */
  TsMatchGender           gender;
  TsMatchPeer             peer_experience;
  guint                   max_cases;
  guint                   active_cases;
  guint32                 skills;               /* TsMatchSkill bits */
  gboolean                has_location;         /* else the caller's fallback failed */
  double                  latitude;
  double                  longitude;
  const char             *occupation;           /* NULL: none */
  const char *const      *interests;            /* NULL-terminated, or NULL */
  const TsMatchTimeRange *availability;
  guint                   n_availability;
} TsMatchSupporterInfo;

typedef struct _TsMatchSupporters TsMatchSupporters;

TsMatchSupporters *ts_match_supporters_new          (void);
TsMatchSupporters *ts_match_supporters_ref          (TsMatchSupporters *self);
void               ts_match_supporters_unref        (TsMatchSupporters *self);
gboolean           ts_match_supporters_add          (TsMatchSupporters          *self,
                                                     const TsMatchSupporterInfo *info,
                                                     GError                    **error);
void               ts_match_supporters_seal         (TsMatchSupporters *self);
guint              ts_match_supporters_get_size     (const TsMatchSupporters *self);
gint64             ts_match_supporters_get_id       (TsMatchSupporters *self,
                                                     guint              index);
gboolean           ts_match_supporters_find         (TsMatchSupporters *self,
                                                     gint64             id,
                                                     guint             *out_index);
TsMatchInterner   *ts_match_supporters_get_interner (TsMatchSupporters *self);
TsMatchReasons     ts_match_supporters_check        (TsMatchSupporters *self,
                                                     guint              index,
                                                     TsDate             on,
                                                     gboolean           require_insurance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMatchSupporters, ts_match_supporters_unref)

G_END_DECLS
