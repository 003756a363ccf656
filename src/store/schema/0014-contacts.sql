-- Issue 16, SPEC 2.7 (seed 004 文京 相談実績): consultation records.
--
-- Every contact (相談) is recorded: its date, method, who made contact,
-- whether it is the person's first consultation (初回) and its minutes,
-- and the person it is about: a case where there is one, else a light
-- consultee record, so that later contacts count the same person once
-- (実相談人数).  A contact and a consultee belong to an organisation
-- (SPEC 2.6): a new consultee the caller's, a contact its person's.
-- Neither is ever changed or deleted: the year-end statistics count them.
--
-- This migration is self-contained: it only adds tables and indexes.
CREATE TABLE consultees (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  nickname        TEXT,
  age_band        TEXT NOT NULL
                  CHECK (age_band IN ('10s', '20s', '30s', '40s', '50s', '60s', '70s+', 'unknown')),
  gender          TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  user_id         INTEGER,
  created_at      INTEGER NOT NULL
);
CREATE INDEX consultees_organisation ON consultees (organisation_id, id);

CREATE TABLE contacts (
  id                 INTEGER PRIMARY KEY,
  organisation_id    INTEGER NOT NULL REFERENCES organisations (id),
  contacted_on       TEXT NOT NULL,
  method             TEXT NOT NULL
                     CHECK (method IN ('phone', 'email', 'online', 'office_visit', 'home_visit',
                                       'accompany', 'letter', 'other')),
  contactor          TEXT NOT NULL
                     CHECK (contactor IN ('self', 'parent', 'sibling', 'other_family', 'agency',
                                          'other')),
  first_contact      INTEGER NOT NULL CHECK (first_contact IN (0, 1)),
  minutes            INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 720),
  case_id            INTEGER REFERENCES cases (id),
  consultee_id       INTEGER REFERENCES consultees (id),
  contactor_age_band TEXT
                     CHECK (contactor_age_band IS NULL OR
                            contactor_age_band IN ('10s', '20s', '30s', '40s', '50s', '60s',
                                                   '70s', '80s+', 'unknown')),
  user_id            INTEGER,
  created_at         INTEGER NOT NULL,
  -- The person: a case or a consultee, never both, never none.
  CHECK ((case_id IS NULL) <> (consultee_id IS NULL)),
  -- The contactor's age band is recorded on a first contact only.
  CHECK (first_contact = 1 OR contactor_age_band IS NULL)
);
-- The statistics of a 年度 (SPEC 2.7) read one range of this index per
-- organisation and never the table: 延べ and 新規, by method, first contacts
-- by method × contactor (with the contactor's age band: 親 うち80歳以上),
-- and the distinct persons (joined to cases and consultees by id for
-- 年代 × 性別).
CREATE INDEX contacts_organisation_date
  ON contacts (organisation_id, contacted_on, method, contactor, first_contact,
               contactor_age_band, case_id, consultee_id);
CREATE INDEX contacts_case ON contacts (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX contacts_consultee ON contacts (consultee_id, id) WHERE consultee_id IS NOT NULL;
-- A person has one first consultation (新規相談 counts persons).
CREATE UNIQUE INDEX contacts_first_of_case ON contacts (case_id)
  WHERE first_contact = 1 AND case_id IS NOT NULL;
CREATE UNIQUE INDEX contacts_first_of_consultee ON contacts (consultee_id)
  WHERE first_contact = 1 AND consultee_id IS NOT NULL;
