-- Issue 18, SPEC 2.8 and 3.3 Events (seeds 001, 002, 004): group
-- activities, events and consultation bookings.
--
-- An event (居場所, 家族会, サポーター例会, 講演会, 研修日, 相談日, 家族セミナー)
-- belongs to the organisation that holds it (SPEC 2.6).  A series made in
-- one step (monthly on the n-th weekday) shares a series_id: the id of its
-- first event.  A cancelled event stays with its reason.
CREATE TABLE events (
  id                INTEGER PRIMARY KEY,
  organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
  kind              TEXT NOT NULL
                    CHECK (kind IN ('ibasho', 'family_meeting', 'supporter_meeting', 'lecture',
                                    'training_day', 'consultation_day', 'seminar')),
  title             TEXT NOT NULL,
  date              TEXT NOT NULL,
  start_min         INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  minutes           INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  place             TEXT,
  capacity          INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
  municipality_code TEXT NOT NULL,
  series_id         INTEGER,
  status            TEXT NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'cancelled')),
  cancel_reason     TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  user_id           INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX events_organisation_date ON events (organisation_id, date, id);
CREATE INDEX events_date ON events (date, id);
CREATE INDEX events_series ON events (series_id) WHERE series_id IS NOT NULL;

-- The named supporters of an event: planned staff (attended = 0) and,
-- once the attendance is recorded, those who worked (attended = 1, with
-- the minutes paid at the event rate through the ledger).
CREATE TABLE event_staff (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES events (id),
  supporter_id  INTEGER NOT NULL REFERENCES supporters (id),
  attended      INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
  minutes       INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 720),
  UNIQUE (event_id, supporter_id)
);
CREATE INDEX event_staff_supporter ON event_staff (supporter_id, event_id);

-- The counted others without names (本人, 家族, 関係者): 延べ参加者数.
CREATE TABLE event_counts (
  event_id      INTEGER PRIMARY KEY REFERENCES events (id),
  self_count    INTEGER NOT NULL CHECK (self_count BETWEEN 0 AND 10000),
  family_count  INTEGER NOT NULL CHECK (family_count BETWEEN 0 AND 10000),
  other_count   INTEGER NOT NULL CHECK (other_count BETWEEN 0 AND 10000),
  recorded_at   INTEGER NOT NULL
);

-- A seminar's registrations (定員): confirmed up to the capacity, then
-- waiting in id order; a cancellation moves the first waiting one up in the
-- same transaction.
CREATE TABLE event_registrations (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES events (id),
  nickname      TEXT NOT NULL,
  contact       TEXT,
  status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX event_registrations_event ON event_registrations (event_id, status, id);

-- A consultation day's slots (巡回相談: 45 minutes, 2 staff).
CREATE TABLE event_slots (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES events (id),
  start_min     INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  staff         TEXT,
  created_at    INTEGER NOT NULL
);
CREATE INDEX event_slots_event ON event_slots (event_id, id);

-- A request for a slot naming up to three preferred slots (第1～第3希望);
-- the allocation sets slot_id (placed) or unplaced with a reason.
CREATE TABLE booking_requests (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES events (id),
  nickname      TEXT NOT NULL,
  contact       TEXT,
  preference_1  INTEGER NOT NULL REFERENCES event_slots (id),
  preference_2  INTEGER REFERENCES event_slots (id),
  preference_3  INTEGER REFERENCES event_slots (id),
  status        TEXT NOT NULL DEFAULT 'requested'
                CHECK (status IN ('requested', 'placed', 'unplaced', 'cancelled')),
  slot_id       INTEGER REFERENCES event_slots (id),
  reason        TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK ((status = 'placed') = (slot_id IS NOT NULL))
);
CREATE INDEX booking_requests_event ON booking_requests (event_id, id);
-- One placed request per slot.
CREATE UNIQUE INDEX booking_requests_slot ON booking_requests (slot_id)
  WHERE slot_id IS NOT NULL;

-- The event rate (SPEC 2.8: "their hours are paid at the event rate"),
-- effective-dated with the rest of a rate set.  An existing set pays event
-- hours at its general hourly honorarium.
ALTER TABLE rate_sets ADD COLUMN event_honorarium_per_hour_yen INTEGER
  CHECK (event_honorarium_per_hour_yen IS NULL OR event_honorarium_per_hour_yen >= 0);
UPDATE rate_sets SET event_honorarium_per_hour_yen = honorarium_per_hour_yen;

-- The ledger gains a line kind for event work, paid for one event_staff
-- row.  Its CHECK constraints change, so the table is rebuilt under a new
-- name and renamed (as 0012 did for statement_runs); nothing references
-- it; its indexes and triggers are made again.
CREATE TABLE ledger_entries_0017 (
  id             INTEGER PRIMARY KEY,
  payee_type     TEXT NOT NULL CHECK (payee_type IN ('supporter', 'host')),
  payee_id       INTEGER NOT NULL,
  kind           TEXT NOT NULL
                 CHECK (kind IN ('honorarium', 'transport', 'host_stipend', 'adjustment', 'event')),
  adjusts        TEXT CHECK (adjusts IN ('honorarium', 'transport', 'host_stipend', 'event')),
  amount_yen     INTEGER NOT NULL,
  activity_id    INTEGER REFERENCES activities (id),
  attendance_id  INTEGER,
  event_staff_id INTEGER REFERENCES event_staff (id),
  earned_on      TEXT NOT NULL,
  earned_month   TEXT NOT NULL,
  statement_id   INTEGER REFERENCES statements (id),
  created_at     INTEGER NOT NULL,
  CHECK ((kind = 'adjustment') = (adjusts IS NOT NULL)),
  CHECK ((activity_id IS NOT NULL) + (attendance_id IS NOT NULL)
         + (event_staff_id IS NOT NULL) = 1)
);
INSERT INTO ledger_entries_0017 (id, payee_type, payee_id, kind, adjusts, amount_yen, activity_id,
                                 attendance_id, earned_on, earned_month, statement_id, created_at)
  SELECT id, payee_type, payee_id, kind, adjusts, amount_yen, activity_id, attendance_id,
         earned_on, earned_month, statement_id, created_at
  FROM ledger_entries;
DROP TABLE ledger_entries;
ALTER TABLE ledger_entries_0017 RENAME TO ledger_entries;

CREATE INDEX ledger_entries_unissued ON ledger_entries (earned_month) WHERE statement_id IS NULL;
CREATE INDEX ledger_entries_statement ON ledger_entries (statement_id, id);
CREATE INDEX ledger_entries_activity ON ledger_entries (activity_id)
  WHERE activity_id IS NOT NULL;
CREATE INDEX ledger_entries_attendance ON ledger_entries (attendance_id)
  WHERE attendance_id IS NOT NULL;
CREATE INDEX ledger_entries_event_staff ON ledger_entries (event_staff_id)
  WHERE event_staff_id IS NOT NULL;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE ON ledger_entries
  WHEN OLD.statement_id IS NOT NULL OR NEW.statement_id IS NULL
    OR NEW.payee_type IS NOT OLD.payee_type OR NEW.payee_id IS NOT OLD.payee_id
    OR NEW.kind IS NOT OLD.kind OR NEW.adjusts IS NOT OLD.adjusts
    OR NEW.amount_yen IS NOT OLD.amount_yen OR NEW.activity_id IS NOT OLD.activity_id
    OR NEW.attendance_id IS NOT OLD.attendance_id
    OR NEW.event_staff_id IS NOT OLD.event_staff_id OR NEW.earned_on IS NOT OLD.earned_on
    OR NEW.earned_month IS NOT OLD.earned_month OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE (ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE (ABORT, 'ledger entries are never deleted'); END;
