/*
 * String interning for the matcher.
 *
 * Interests and occupations are free words; the scoring loop compares them
 * as small integers.  Ids are dense and start at 1, so 0 means "none" and a
 * set of ids is a bit set indexed by id.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TsMatchInterner TsMatchInterner;

TsMatchInterner *ts_match_interner_new        (void);
void             ts_match_interner_free       (TsMatchInterner *self);
guint32          ts_match_interner_intern     (TsMatchInterner *self,
                                               const char      *text);
guint32          ts_match_interner_lookup     (const TsMatchInterner *self,
                                               const char            *text);
const char      *ts_match_interner_get_string (const TsMatchInterner *self,
                                               guint32                id);
guint32          ts_match_interner_get_size   (const TsMatchInterner *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMatchInterner, ts_match_interner_free)

G_END_DECLS
