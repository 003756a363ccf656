-- 0003: the history of each supporter's status (registration, suspension,
-- reinstatement, retirement), with the optional reason a coordinator gave.
--
-- The reason is free text about a person, so it lives here, next to the
-- record it explains, and never in the audit log (which only says that a
-- status changed, by whom).

CREATE TABLE supporter_status_changes (
  id            INTEGER PRIMARY KEY,
  supporter_id  INTEGER NOT NULL REFERENCES supporters (id),
  from_status   TEXT NOT NULL
                CHECK (from_status IN ('applicant', 'registered', 'suspended', 'retired')),
  to_status     TEXT NOT NULL
                CHECK (to_status IN ('applicant', 'registered', 'suspended', 'retired')),
  changed_on    TEXT NOT NULL,
  reason        TEXT,
  user_id       INTEGER,
  at            INTEGER NOT NULL
);
CREATE INDEX supporter_status_changes_supporter
  ON supporter_status_changes (supporter_id, id);
