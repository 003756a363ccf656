-- 0007: 職親 hosts and work-experience placements (SPEC 2.3; Akita, seed 002).
--
-- A business applies, has a pre-visit survey (事前訪問調査) and is then
-- registered; only registered hosts receive placements.  A placement is a
-- set of participation days with agreed hours per day, recorded with its
-- pre-interview (事前面談).  Each day is a row so that the 240-day cap, the
-- host's capacity per day and double booking are counted by SQL inside the
-- write transaction, and so that cancelling and attendance are per day.

CREATE TABLE hosts (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL,
  municipality_code TEXT NOT NULL,
  industry          TEXT,
  address           TEXT,
  contact_person    TEXT,
  capacity_per_day  INTEGER NOT NULL DEFAULT 1 CHECK (capacity_per_day BETWEEN 1 AND 100),
  -- bit (ISO weekday − 1): Monday = 1, …, Sunday = 64
  weekdays_open     INTEGER NOT NULL DEFAULT 31 CHECK (weekdays_open BETWEEN 0 AND 127),
  notes             TEXT,
  status            TEXT NOT NULL DEFAULT 'applied'
                    CHECK (status IN ('applied', 'surveyed', 'registered', 'rejected',
                                      'suspended', 'retired')),
  registered_on     TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX hosts_status ON hosts (status, id);
CREATE INDEX hosts_municipality ON hosts (municipality_code, id);

-- 事前訪問調査: every survey is kept (a rejected business may apply again).
CREATE TABLE host_surveys (
  id           INTEGER PRIMARY KEY,
  host_id      INTEGER NOT NULL REFERENCES hosts (id),
  surveyed_on  TEXT NOT NULL,
  result       TEXT NOT NULL CHECK (result IN ('approved', 'rejected')),
  notes        TEXT,
  user_id      INTEGER,
  created_at   INTEGER NOT NULL
);
CREATE INDEX host_surveys_host ON host_surveys (host_id, id);

-- Every status change, with its date and reason, as for supporters (0003).
CREATE TABLE host_status_changes (
  id           INTEGER PRIMARY KEY,
  host_id      INTEGER NOT NULL REFERENCES hosts (id),
  from_status  TEXT NOT NULL,
  to_status    TEXT NOT NULL,
  changed_on   TEXT NOT NULL,
  reason       TEXT,
  user_id      INTEGER,
  at           INTEGER NOT NULL
);
CREATE INDEX host_status_changes_host ON host_status_changes (host_id, id);

CREATE TABLE placements (
  id                      INTEGER PRIMARY KEY,
  case_id                 INTEGER NOT NULL REFERENCES cases (id),
  host_id                 INTEGER NOT NULL REFERENCES hosts (id),
  kind                    TEXT NOT NULL CHECK (kind IN ('short', 'regular')),
  hours_per_day           INTEGER NOT NULL CHECK (hours_per_day BETWEEN 1 AND 8),
  first_day               TEXT NOT NULL,
  last_day                TEXT NOT NULL,
  pre_interview_held_on   TEXT NOT NULL,
  pre_interview_attendees TEXT NOT NULL DEFAULT '[]',
  user_id                 INTEGER,
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL,
  CHECK (first_day <= last_day),
  CHECK (pre_interview_held_on <= first_day)
);
CREATE INDEX placements_case ON placements (case_id, id);
CREATE INDEX placements_host ON placements (host_id, id);

-- One participation day.  case_id and host_id repeat the placement's so that
-- the counts the rules need are read from one partial index each:
-- per participant (cap, double booking) and per host and date (capacity).
-- attended is NULL until recorded; cancelled days keep their row (history)
-- but count for nothing.  The unique index is also the last line of defence
-- against double booking: whatever a service checks, one participant is
-- never scheduled twice on a date.
CREATE TABLE placement_days (
  id            INTEGER PRIMARY KEY,
  placement_id  INTEGER NOT NULL REFERENCES placements (id),
  case_id       INTEGER NOT NULL REFERENCES cases (id),
  host_id       INTEGER NOT NULL REFERENCES hosts (id),
  date          TEXT NOT NULL,
  cancelled_at  INTEGER,
  cancelled_by  INTEGER,
  attended      INTEGER CHECK (attended IN (0, 1)),
  recorded_at   INTEGER,
  recorded_by   INTEGER,
  UNIQUE (placement_id, date),
  CHECK (cancelled_at IS NULL OR attended IS NULL)
);
CREATE INDEX placement_days_host ON placement_days (host_id, date)
  WHERE cancelled_at IS NULL;
CREATE UNIQUE INDEX placement_days_one_per_case_day ON placement_days (case_id, date)
  WHERE cancelled_at IS NULL;
