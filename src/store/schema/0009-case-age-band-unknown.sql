-- Issue 11, item 16: a case's age band may be unknown (年齢不明), as in the
-- 文京 tables of seed 004 (「年齢不明」).  SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt with its rows, ids and
-- indexes.  The migration runs inside a transaction with foreign keys on,
-- where renaming the table would rewrite the REFERENCES clauses of the
-- child tables: the rows are copied aside instead, the table dropped and
-- created again under its own name, and the rows put back.  Deferred, the
-- child rows' references are checked at COMMIT, when every parent row is
-- back; no row of a child table is touched.  The copy is a table of the
-- database itself, not a TEMP one: case records never leave the database
-- file for a temporary file.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE cases_before_0009 AS SELECT * FROM cases;
DROP TABLE cases;

CREATE TABLE cases (
  id                    INTEGER PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  nickname              TEXT NOT NULL,
  municipality_code     TEXT NOT NULL,
  age_band              TEXT NOT NULL
                        CHECK (age_band IN ('10s', '20s', '30s', '40s', '50s', '60s', '70s+',
                                             'unknown')),
  gender                TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unspecified')),
  household             TEXT NOT NULL CHECK (household IN ('single', 'two', 'three_plus')),
  withdrawal_years      INTEGER CHECK (withdrawal_years BETWEEN 0 AND 80),
  needs                 TEXT NOT NULL DEFAULT '[]',
  interests             TEXT NOT NULL DEFAULT '[]',
  lat                   REAL,
  lon                   REAL,
  -- preferences (all optional)
  pref_supporter_gender TEXT CHECK (pref_supporter_gender IN ('female', 'male', 'other')),
  pref_gender_required  INTEGER NOT NULL DEFAULT 0 CHECK (pref_gender_required IN (0, 1)),
  pref_avoid_same_municipality INTEGER NOT NULL DEFAULT 0
                        CHECK (pref_avoid_same_municipality IN (0, 1)),
  pref_peer_experience  TEXT CHECK (pref_peer_experience IN ('self', 'family')),
  pref_availability     TEXT NOT NULL DEFAULT '[]',
  -- who brought the case (a kind the matcher's occupation fit keys on) and,
  -- optionally, the agency's name
  referred_by           TEXT CHECK (referred_by IN ('family', 'self', 'welfare_office',
                          'health_center', 'school', 'special_needs_school', 'medical',
                          'community_general_support_center', 'social_welfare_council',
                          'disability_consultation_center', 'hikikomori_support_center',
                          'other')),
  referring_agency      TEXT,
  -- consent to share information (Adachi's つなぐシート, seed 000)
  consent_obtained_on   TEXT NOT NULL,
  consent_scope         TEXT NOT NULL DEFAULT '[]',
  consent_agency        TEXT,
  status                TEXT NOT NULL DEFAULT 'inquiry'
                        CHECK (status IN ('inquiry', 'assessed', 'matching', 'active', 'closed')),
  closed_on             TEXT,
  close_reason          TEXT CHECK (close_reason IN ('goal_reached', 'referred_elsewhere',
                          'declined', 'moved', 'no_contact', 'other')),
  close_note            TEXT,
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
  CHECK ((status = 'closed') = (close_reason IS NOT NULL)),
  CHECK (pref_gender_required = 0 OR pref_supporter_gender IS NOT NULL)
);

INSERT INTO cases SELECT * FROM cases_before_0009;
DROP TABLE cases_before_0009;
CREATE INDEX cases_status ON cases (status, id);
CREATE INDEX cases_municipality ON cases (municipality_code, id);
