-- 0002: where a training completion came from.
--
-- A completion is either recorded directly (historical import, POST
-- /v1/supporters/{id}/trainings, which may name a course) or derived from a
-- course's attendance (every session attended).  Only derived rows may be
-- withdrawn when attendance is corrected, so the two must be told apart even
-- when a direct record names a course.  Rows that exist before this
-- migration were all entered directly.
ALTER TABLE trainings ADD COLUMN source TEXT NOT NULL DEFAULT 'direct'
  CHECK (source IN ('direct', 'course'));

