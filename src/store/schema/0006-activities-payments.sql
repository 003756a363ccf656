-- 0006: activity reports, rates, the payment ledger and monthly statements
-- (SPEC 2.4, 2.5, 3.2; issue 5).
--
-- Money is INTEGER yen everywhere.  The ledger is append-only and the
-- statements issued from it never change (SPEC 2.4: "a correction after a
-- statement is issued produces an adjustment line in a later statement,
-- never an edit of a paid one"); the triggers below hold that even against
-- a program that forgets it.

-- An effective-dated rate set: in force from effective_from until the next
-- one (domain/rates.h).  Add-only: activities may already have been priced
-- at it.
CREATE TABLE rate_sets (
  id                          INTEGER PRIMARY KEY,
  effective_from              TEXT NOT NULL UNIQUE,
  honorarium_per_activity_yen INTEGER NOT NULL CHECK (honorarium_per_activity_yen >= 0),
  honorarium_per_hour_yen     INTEGER NOT NULL CHECK (honorarium_per_hour_yen >= 0),
  transport_cap_yen           INTEGER NOT NULL CHECK (transport_cap_yen >= 0),
  host_stipend_per_day_yen    INTEGER NOT NULL CHECK (host_stipend_per_day_yen >= 0),
  user_id                     INTEGER,
  created_at                  INTEGER NOT NULL
);

-- by_kind: each field on its own; NULL inherits the set's general amount.
CREATE TABLE rate_overrides (
  rate_set_id                 INTEGER NOT NULL REFERENCES rate_sets (id),
  kind                        TEXT NOT NULL CHECK (kind IN ('home_visit', 'accompany', 'phone',
                                'space', 'family_support', 'online')),
  honorarium_per_activity_yen INTEGER CHECK (honorarium_per_activity_yen >= 0),
  honorarium_per_hour_yen     INTEGER CHECK (honorarium_per_hour_yen >= 0),
  transport_cap_yen           INTEGER CHECK (transport_cap_yen >= 0),
  PRIMARY KEY (rate_set_id, kind)
) WITHOUT ROWID;

-- A supporter's report of one activity.  `month` is the date's 'YYYY-MM'
-- (filters and statements).  The amounts are the ones paid, set when the
-- report is approved at the rates in force on its date.  A correction after
-- approval is a reversal row (reversal_of, negative amounts, approved at
-- once) plus a new report: both stay in the history.
CREATE TABLE activities (
  id                   INTEGER PRIMARY KEY,
  assignment_id        INTEGER NOT NULL REFERENCES assignments (id),
  supporter_id         INTEGER NOT NULL REFERENCES supporters (id),
  case_id              INTEGER NOT NULL REFERENCES cases (id),
  date                 TEXT NOT NULL,
  month                TEXT NOT NULL,
  start_min            INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  minutes              INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  kind                 TEXT NOT NULL CHECK (kind IN ('home_visit', 'accompany', 'phone',
                         'space', 'family_support', 'online')),
  transport_yen        INTEGER NOT NULL CHECK (transport_yen BETWEEN 0 AND 50000),
  note                 TEXT,
  status               TEXT NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  reported_by          INTEGER,
  on_behalf            INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
  reversal_of          INTEGER REFERENCES activities (id),
  honorarium_yen       INTEGER,
  transport_paid_yen   INTEGER,
  rates_effective_from TEXT,
  decided_by           INTEGER,
  decided_at           INTEGER,
  reject_reason        TEXT,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
  CHECK (reversal_of IS NULL OR status = 'approved'),
  CHECK ((status = 'approved') = (honorarium_yen IS NOT NULL AND transport_paid_yen IS NOT NULL))
);
-- Few indexes, because reports are the most frequent write of all and every
-- index whose key is not increasing (assignment, supporter, case) dirties a
-- page of its own per report: a supporter's or a case's reports are found
-- through their assignments (a handful each), by assignment_id.
CREATE INDEX activities_assignment ON activities (assignment_id, id);
CREATE INDEX activities_month ON activities (month, id);
CREATE INDEX activities_status ON activities (status, id);
-- At most one reversal per report; only reversal rows are in the index.
CREATE UNIQUE INDEX activities_reversal ON activities (reversal_of)
  WHERE reversal_of IS NOT NULL;

-- Approved reports never change, and no report is ever deleted.
CREATE TRIGGER activities_approved_frozen BEFORE UPDATE ON activities
  WHEN OLD.status = 'approved'
BEGIN SELECT RAISE (ABORT, 'approved activities never change'); END;
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
BEGIN SELECT RAISE (ABORT, 'activities are never deleted'); END;

-- Idempotency-Key: the first answer to a user's key, replayed to every
-- retry with the same request (request_hash).  Kept at least 30 days.
-- The answers are appended in rowid order; only the small (user_id, key)
-- index takes the keys' random order.
CREATE TABLE idempotency_keys (
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL,
  key            TEXT NOT NULL,
  request_hash   TEXT NOT NULL,
  status         INTEGER NOT NULL,
  response_body  TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_key ON idempotency_keys (user_id, key);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- The statements of one month: exactly one row per payee, issued in one
-- transaction together with the month's statement_runs row.  Only paid_on
-- may be set afterwards, once.
CREATE TABLE statements (
  id          INTEGER PRIMARY KEY,
  month       TEXT NOT NULL,
  payee_type  TEXT NOT NULL CHECK (payee_type IN ('supporter', 'host')),
  payee_id    INTEGER NOT NULL,
  payee_name  TEXT,
  total_yen   INTEGER NOT NULL,
  n_lines     INTEGER NOT NULL,
  issued_at   INTEGER NOT NULL,
  paid_on     TEXT,
  paid_by     INTEGER,
  UNIQUE (month, payee_type, payee_id)
);
CREATE INDEX statements_payee ON statements (payee_type, payee_id, month);

CREATE TRIGGER statements_frozen BEFORE UPDATE ON statements
  WHEN OLD.paid_on IS NOT NULL
    OR NEW.month IS NOT OLD.month OR NEW.payee_type IS NOT OLD.payee_type
    OR NEW.payee_id IS NOT OLD.payee_id OR NEW.total_yen IS NOT OLD.total_yen
    OR NEW.n_lines IS NOT OLD.n_lines OR NEW.issued_at IS NOT OLD.issued_at
    OR (OLD.payee_name IS NOT NULL AND NEW.payee_name IS NOT OLD.payee_name)
BEGIN SELECT RAISE (ABORT, 'issued statements never change'); END;
CREATE TRIGGER statements_no_delete BEFORE DELETE ON statements
BEGIN SELECT RAISE (ABORT, 'statements are never deleted'); END;

-- A month is issued exactly once: this row is written in the same
-- transaction as all of the month's statements.
CREATE TABLE statement_runs (
  month         TEXT PRIMARY KEY,
  issued_at     INTEGER NOT NULL,
  user_id       INTEGER,
  n_statements  INTEGER NOT NULL,
  total_yen     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER statement_runs_frozen BEFORE UPDATE ON statement_runs
BEGIN SELECT RAISE (ABORT, 'statement runs never change'); END;
CREATE TRIGGER statement_runs_no_delete BEFORE DELETE ON statement_runs
BEGIN SELECT RAISE (ABORT, 'statement runs are never deleted'); END;

-- The append-only ledger.  A line is owed to a supporter (honorarium,
-- transport, from an approved activity) or a host (host_stipend, from a
-- placement attendance), or corrects an earlier one (adjustment: approved or
-- reversed after its month was issued; `adjusts` names the component).
-- earned_month is the month of the activity or attendance; statement_id is
-- set once, when the line is issued, and never again.
CREATE TABLE ledger_entries (
  id             INTEGER PRIMARY KEY,
  payee_type     TEXT NOT NULL CHECK (payee_type IN ('supporter', 'host')),
  payee_id       INTEGER NOT NULL,
  kind           TEXT NOT NULL
                 CHECK (kind IN ('honorarium', 'transport', 'host_stipend', 'adjustment')),
  adjusts        TEXT CHECK (adjusts IN ('honorarium', 'transport', 'host_stipend')),
  amount_yen     INTEGER NOT NULL,
  activity_id    INTEGER REFERENCES activities (id),
  attendance_id  INTEGER,
  earned_on      TEXT NOT NULL,
  earned_month   TEXT NOT NULL,
  statement_id   INTEGER REFERENCES statements (id),
  created_at     INTEGER NOT NULL,
  CHECK ((kind = 'adjustment') = (adjusts IS NOT NULL)),
  CHECK ((activity_id IS NULL) <> (attendance_id IS NULL))
);
CREATE INDEX ledger_entries_unissued ON ledger_entries (earned_month) WHERE statement_id IS NULL;
CREATE INDEX ledger_entries_statement ON ledger_entries (statement_id, id);
CREATE INDEX ledger_entries_activity ON ledger_entries (activity_id)
  WHERE activity_id IS NOT NULL;
CREATE INDEX ledger_entries_attendance ON ledger_entries (attendance_id)
  WHERE attendance_id IS NOT NULL;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE ON ledger_entries
  WHEN OLD.statement_id IS NOT NULL OR NEW.statement_id IS NULL
    OR NEW.payee_type IS NOT OLD.payee_type OR NEW.payee_id IS NOT OLD.payee_id
    OR NEW.kind IS NOT OLD.kind OR NEW.adjusts IS NOT OLD.adjusts
    OR NEW.amount_yen IS NOT OLD.amount_yen OR NEW.activity_id IS NOT OLD.activity_id
    OR NEW.attendance_id IS NOT OLD.attendance_id OR NEW.earned_on IS NOT OLD.earned_on
    OR NEW.earned_month IS NOT OLD.earned_month OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE (ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE (ABORT, 'ledger entries are never deleted'); END;

-- The programme budget of a fiscal year (年度), for the payments audit.
CREATE TABLE budgets (
  fiscal_year  INTEGER PRIMARY KEY,
  amount_yen   INTEGER NOT NULL CHECK (amount_yen >= 0),
  user_id      INTEGER,
  updated_at   INTEGER NOT NULL
);
