-- Issue 17, SPEC 2.9 and 3.3 "Notices": what the daily run finds that
-- needs someone's attention, delivered in the application and by e-mail.
--
-- A notice is about one subject (a supporter, a placement, a statement, a
-- dispatch request) for one period (the due date, the insurance end and
-- its lead time, the month …) and goes to one recipient: a user, or a
-- supporter (every account of that supporter sees it; its mail goes to
-- the supporter's address, else to an account's).  The UNIQUE key makes
-- each notice exist once: rerunning a day inserts nothing new.
--
-- This migration only adds (a supporter's e-mail address, two tables).
ALTER TABLE supporters ADD COLUMN email TEXT;

CREATE TABLE notices (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL
                  CHECK (kind IN ('follow_up_due', 'follow_up_lapsed', 'insurance_ending',
                                  'pre_interview_missing', 'no_report', 'statement_issued',
                                  'dispatch_waiting')),
  subject_type    TEXT NOT NULL
                  CHECK (subject_type IN ('supporter', 'placement', 'statement',
                                          'dispatch_request')),
  subject_id      INTEGER NOT NULL,
  period          TEXT NOT NULL,
  recipient_type  TEXT NOT NULL CHECK (recipient_type IN ('user', 'supporter')),
  recipient_id    INTEGER NOT NULL,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  due_on          TEXT,
  created_on      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  read_at         INTEGER,
  UNIQUE (kind, subject_type, subject_id, period, recipient_type, recipient_id)
);
CREATE INDEX notices_recipient ON notices (recipient_type, recipient_id, id);

-- One message per notice whose recipient has an address.  Unsent while
-- sent_at is NULL; a failed attempt counts in attempts, keeps its error
-- and is tried again from next_attempt_at (exponential backoff).
CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  notice_id       INTEGER NOT NULL UNIQUE REFERENCES notices (id),
  address         TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  sent_at         INTEGER,
  created_at      INTEGER NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL;
