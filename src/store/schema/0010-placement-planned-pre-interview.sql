-- Issue 11, item 15: a placement may be recorded with its pre-interview
-- (事前面談) only planned; it is recorded as held later
-- (POST /v1/placements/{id}/pre-interview) and until then nobody attends
-- and nothing is paid.  Exactly one of pre_interview_held_on and
-- pre_interview_planned_on is set: planned until it is held; both on or
-- before the first day.  SQLite cannot change a column's constraints in
-- place, so the table is rebuilt with its rows and ids, as 0009 did for
-- cases: with foreign keys on inside the migration's transaction, renaming
-- the table would rewrite placement_days' REFERENCES clause, so the rows
-- are copied aside, the table dropped and created again under its own
-- name, and the rows put back.  Deferred, placement_days' references are
-- checked at COMMIT, when every placement is back; no day row is touched.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE placements_before_0010 AS SELECT * FROM placements;
DROP TABLE placements;

CREATE TABLE placements (
  id                       INTEGER PRIMARY KEY,
  case_id                  INTEGER NOT NULL REFERENCES cases (id),
  host_id                  INTEGER NOT NULL REFERENCES hosts (id),
  kind                     TEXT NOT NULL CHECK (kind IN ('short', 'regular')),
  hours_per_day            INTEGER NOT NULL CHECK (hours_per_day BETWEEN 1 AND 8),
  first_day                TEXT NOT NULL,
  last_day                 TEXT NOT NULL,
  -- held: the date it took place; planned: the date it is to take place
  pre_interview_held_on    TEXT,
  pre_interview_attendees  TEXT NOT NULL DEFAULT '[]',
  user_id                  INTEGER,
  version                  INTEGER NOT NULL DEFAULT 1,
  created_at               INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL,
  pre_interview_planned_on TEXT,
  CHECK (first_day <= last_day),
  CHECK ((pre_interview_held_on IS NULL) <> (pre_interview_planned_on IS NULL)),
  CHECK (pre_interview_held_on <= first_day),
  CHECK (pre_interview_planned_on <= first_day)
);

INSERT INTO placements (id, case_id, host_id, kind, hours_per_day, first_day, last_day,
                        pre_interview_held_on, pre_interview_attendees, user_id, version,
                        created_at, updated_at)
  SELECT id, case_id, host_id, kind, hours_per_day, first_day, last_day,
         pre_interview_held_on, pre_interview_attendees, user_id, version,
         created_at, updated_at
  FROM placements_before_0010;
DROP TABLE placements_before_0010;
CREATE INDEX placements_case ON placements (case_id, id);
CREATE INDEX placements_host ON placements (host_id, id);
