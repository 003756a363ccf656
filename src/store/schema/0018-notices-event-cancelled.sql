-- Issue 18 ("cancel with notice") joined to issue 17's notices: when an
-- event is cancelled, each supporter it staffs gets an `event_cancelled`
-- notice about the event (subject_type 'event'), made in the cancel's own
-- transaction.  Its message names the event by its title, kept with the
-- notice (a cancelled event never changes again); every other notice
-- leaves `title` NULL.
--
-- SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt with its rows and ids, as 0009 rebuilds cases: the rows are
-- copied aside (a table of the database itself, not a TEMP one), the table
-- dropped and created again under its own name so that mail_outbox's
-- REFERENCES clause is untouched, and the rows put back.  Deferred, the
-- outbox's references are checked at COMMIT, when every notice is back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE notices_before_0018 AS SELECT * FROM notices;
DROP TABLE notices;

CREATE TABLE notices (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL
                  CHECK (kind IN ('follow_up_due', 'follow_up_lapsed', 'insurance_ending',
                                  'pre_interview_missing', 'no_report', 'statement_issued',
                                  'dispatch_waiting', 'event_cancelled')),
  subject_type    TEXT NOT NULL
                  CHECK (subject_type IN ('supporter', 'placement', 'statement',
                                          'dispatch_request', 'event')),
  subject_id      INTEGER NOT NULL,
  period          TEXT NOT NULL,
  recipient_type  TEXT NOT NULL CHECK (recipient_type IN ('user', 'supporter')),
  recipient_id    INTEGER NOT NULL,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  due_on          TEXT,
  created_on      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  read_at         INTEGER,
  title           TEXT,
  UNIQUE (kind, subject_type, subject_id, period, recipient_type, recipient_id)
);

INSERT INTO notices (id, kind, subject_type, subject_id, period, recipient_type, recipient_id,
                     organisation_id, due_on, created_on, created_at, read_at)
  SELECT id, kind, subject_type, subject_id, period, recipient_type, recipient_id,
         organisation_id, due_on, created_on, created_at, read_at
  FROM notices_before_0018;
DROP TABLE notices_before_0018;
CREATE INDEX notices_recipient ON notices (recipient_type, recipient_id, id);
