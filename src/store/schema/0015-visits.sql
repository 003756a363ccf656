-- Issue 17, SPEC 2.9 and 3.3 (Visits, Calendar): planned visits, calendar
-- feeds, and the programmes that limit visits (seed 001 サポートネット
-- 訪問相談: 原則5回, for people aged 15 or over withdrawn 6 months or more).
--
-- A visit is planned for an assignment: its date, start and minutes, a
-- note, and its status (planned, or cancelled: a cancelled visit stays, so
-- that a subscribed calendar learns of it).  Changes are optimistic
-- (version, the ETag; it is also the calendar's SEQUENCE).  A report names
-- its visit (activities.visit_id): one live report per visit — a withdrawn
-- or rejected report frees it, a reversal row does not count.
--
-- A calendar feed is a user's secret URL: only a SHA-256 of its token is
-- kept (as for bearer tokens); a revoked feed stays as a record.
--
-- A programme (事業) may limit the visits per case and set eligibility at
-- intake; a case may name its programme and its withdrawal in months
-- (withdrawal_years cannot say 6 months).  Going past the limit records
-- its reason on the visit or the report.
--
-- This migration only adds tables, columns and indexes.
CREATE TABLE programmes (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL,
  visit_limit           INTEGER CHECK (visit_limit IS NULL OR visit_limit BETWEEN 1 AND 1000),
  min_age               INTEGER CHECK (min_age IS NULL OR min_age BETWEEN 0 AND 120),
  min_withdrawal_months INTEGER
                        CHECK (min_withdrawal_months IS NULL OR
                               min_withdrawal_months BETWEEN 0 AND 960),
  created_at            INTEGER NOT NULL
);

ALTER TABLE cases ADD COLUMN programme_id INTEGER REFERENCES programmes (id);
ALTER TABLE cases ADD COLUMN withdrawal_months INTEGER
  CHECK (withdrawal_months IS NULL OR withdrawal_months BETWEEN 0 AND 960);

CREATE TABLE visits (
  id                INTEGER PRIMARY KEY,
  assignment_id     INTEGER NOT NULL REFERENCES assignments (id),
  visit_on          TEXT NOT NULL,
  start_min         INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  minutes           INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  note              TEXT,
  status            TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  over_limit_reason TEXT,
  user_id           INTEGER,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX visits_assignment ON visits (assignment_id, visit_on, id);
CREATE INDEX visits_date ON visits (visit_on, id);

ALTER TABLE activities ADD COLUMN visit_id INTEGER REFERENCES visits (id);
ALTER TABLE activities ADD COLUMN over_limit_reason TEXT;
CREATE UNIQUE INDEX activities_visit ON activities (visit_id)
  WHERE visit_id IS NOT NULL AND reversal_of IS NULL AND status IN ('pending', 'approved');

CREATE TABLE calendar_feeds (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  label         TEXT,
  token_hash    BLOB NOT NULL UNIQUE,
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER,
  revoked_at    INTEGER
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id, id);
