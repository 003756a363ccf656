-- Issue 13, SPEC 2.6: organisations, and who sees what.
--
-- One installation serves a prefecture's programme and the municipalities
-- and agencies that work in it.  Every user, case, supporter and host
-- belongs to one organisation; the existing rows move into the first one,
-- which this migration creates.  Its name and code are not known here:
-- `tsunagari init --organisation NAME --municipality-code CODE` (or an
-- administrator's PATCH /v1/organisations/1) gives them; until then the
-- code is NULL.
CREATE TABLE organisations (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('prefecture', 'municipality', 'agency')),
  municipality_code TEXT,
  parent_id         INTEGER REFERENCES organisations (id),
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organisations_parent ON organisations (parent_id, id);

INSERT INTO organisations (id, name, kind, municipality_code, parent_id, created_at, updated_at)
  VALUES (1, '組織1', 'prefecture', NULL, NULL, CAST(strftime ('%s', 'now') AS INTEGER),
          CAST(strftime ('%s', 'now') AS INTEGER));

-- SQLite adds a column with a REFERENCES clause only with a NULL default,
-- so these links are kept by the service (it names only organisations it
-- has read), not by the schema.
ALTER TABLE users ADD COLUMN organisation_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE supporters ADD COLUMN organisation_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cases ADD COLUMN organisation_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE hosts ADD COLUMN organisation_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX users_organisation ON users (organisation_id, id);
CREATE INDEX supporters_organisation ON supporters (organisation_id, id);
CREATE INDEX cases_organisation ON cases (organisation_id, id);
CREATE INDEX hosts_organisation ON hosts (organisation_id, id);

-- The organisation of the caller behind each audit entry; NULL for the
-- entries written before this version (and for the command line's).  The
-- hash chain takes it only where it is set, so old entries verify as they
-- did.
ALTER TABLE audit_log ADD COLUMN organisation_id INTEGER;
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, seq);

-- Dispatch requests (千葉, seed 002): the case's organisation asks another
-- for a supporter of its pool.
CREATE TABLE dispatch_requests (
  id                   INTEGER PRIMARY KEY,
  case_id              INTEGER NOT NULL REFERENCES cases (id),
  from_organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  to_organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
  note                 TEXT,
  status               TEXT NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn')),
  supporter_id         INTEGER REFERENCES supporters (id),
  assignment_id        INTEGER REFERENCES assignments (id),
  decline_reason       TEXT,
  user_id              INTEGER,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  CHECK (from_organisation_id <> to_organisation_id),
  CHECK ((status = 'accepted') = (assignment_id IS NOT NULL)),
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
);
CREATE INDEX dispatch_requests_from ON dispatch_requests (from_organisation_id, id);
CREATE INDEX dispatch_requests_to ON dispatch_requests (to_organisation_id, id);
CREATE INDEX dispatch_requests_case ON dispatch_requests (case_id, id);
-- At most one open request per case and receiver.
CREATE UNIQUE INDEX dispatch_requests_open ON dispatch_requests (case_id, to_organisation_id)
  WHERE status = 'open';

-- Both sides see a request's history: who did what, when.
CREATE TABLE dispatch_request_events (
  id              INTEGER PRIMARY KEY,
  request_id      INTEGER NOT NULL REFERENCES dispatch_requests (id),
  action          TEXT NOT NULL CHECK (action IN ('requested', 'accepted', 'declined', 'withdrawn')),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  user_id         INTEGER,
  note            TEXT,
  at              INTEGER NOT NULL
);
CREATE INDEX dispatch_request_events_request ON dispatch_request_events (request_id, id);

-- Transfers (足立 つなぐシート, seed 000): the case moves; its history stays.
CREATE TABLE case_transfers (
  id                   INTEGER PRIMARY KEY,
  case_id              INTEGER NOT NULL REFERENCES cases (id),
  from_organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  to_organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
  transferred_on       TEXT NOT NULL,
  note                 TEXT,
  user_id              INTEGER,
  created_at           INTEGER NOT NULL,
  CHECK (from_organisation_id <> to_organisation_id)
);
CREATE INDEX case_transfers_case ON case_transfers (case_id, id);
