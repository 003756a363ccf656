-- 0005: a version number for the data the matcher caches.
--
-- The service keeps the compiled supporters of a matching run in memory
-- (docs/matching.md, "The supporters cache"), because reloading 10,000
-- supporters for every candidate list would cost more than ranking them.
-- A cached copy may be used only while nothing it was built from has
-- changed: the supporters themselves, their training completions (which
-- decide the qualification) and the assignments (which decide capacity,
-- workload and continuity).  These triggers bump one counter in the same
-- transaction as any such change, whoever makes it — every service, the
-- command line, another process on the same file — so a reader that finds
-- the counter unchanged knows its copy is current.  A counter row, not
-- PRAGMA data_version: that pragma is per connection and changes for every
-- commit by anyone (audit entries included), so it could not be shared
-- between the threads' connections nor tell relevant changes from others.

CREATE TABLE match_data_version (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL
);
INSERT INTO match_data_version (id, version) VALUES (1, 1);

CREATE TRIGGER match_data_version_supporters_insert AFTER INSERT ON supporters
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER match_data_version_supporters_update AFTER UPDATE ON supporters
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER match_data_version_supporters_delete AFTER DELETE ON supporters
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER match_data_version_trainings_insert AFTER INSERT ON trainings
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER match_data_version_trainings_update AFTER UPDATE ON trainings
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER match_data_version_trainings_delete AFTER DELETE ON trainings
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER match_data_version_assignments_insert AFTER INSERT ON assignments
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER match_data_version_assignments_update AFTER UPDATE ON assignments
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER match_data_version_assignments_delete AFTER DELETE ON assignments
BEGIN UPDATE match_data_version SET version = version + 1 WHERE id = 1; END;
