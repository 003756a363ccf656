-- Issue 13, SPEC 2.6 ("every write is limited to the caller's
-- organisation"): a month is issued per organisation.  A run was keyed by
-- the month alone, so that one coordinator's issue created every
-- organisation's statements; it is now keyed by the month and the
-- organisation whose payees (supporters.organisation_id,
-- hosts.organisation_id) it issued.  A run before this version covered
-- every organisation: it becomes one row per organisation that exists now,
-- with the count and total of the month's statements of that
-- organisation's payees.  Nothing references the table, so it is rebuilt
-- under a new name and renamed; its triggers go with the old table and are
-- made again.
CREATE TABLE statement_runs_0012 (
  month            TEXT NOT NULL,
  organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
  issued_at        INTEGER NOT NULL,
  user_id          INTEGER,
  n_statements     INTEGER NOT NULL,
  total_yen        INTEGER NOT NULL,
  PRIMARY KEY (month, organisation_id)
) WITHOUT ROWID;

INSERT INTO statement_runs_0012 (month, organisation_id, issued_at, user_id, n_statements,
                                 total_yen)
  SELECT r.month, o.id, r.issued_at, r.user_id,
         (SELECT count (*) FROM statements st
          WHERE st.month = r.month
            AND (CASE st.payee_type
                 WHEN 'host' THEN (SELECT h.organisation_id FROM hosts h WHERE h.id = st.payee_id)
                 ELSE (SELECT s.organisation_id FROM supporters s WHERE s.id = st.payee_id)
                 END) = o.id),
         (SELECT coalesce (sum (st.total_yen), 0) FROM statements st
          WHERE st.month = r.month
            AND (CASE st.payee_type
                 WHEN 'host' THEN (SELECT h.organisation_id FROM hosts h WHERE h.id = st.payee_id)
                 ELSE (SELECT s.organisation_id FROM supporters s WHERE s.id = st.payee_id)
                 END) = o.id)
  FROM statement_runs r CROSS JOIN organisations o;

DROP TABLE statement_runs;
ALTER TABLE statement_runs_0012 RENAME TO statement_runs;

-- A month is issued exactly once per organisation: this row is written in
-- the same transaction as the statements of that organisation's payees.
CREATE TRIGGER statement_runs_frozen BEFORE UPDATE ON statement_runs
BEGIN SELECT RAISE (ABORT, 'statement runs never change'); END;
CREATE TRIGGER statement_runs_no_delete BEFORE DELETE ON statement_runs
BEGIN SELECT RAISE (ABORT, 'statement runs are never deleted'); END;
