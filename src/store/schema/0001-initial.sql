-- 0001: users, tokens, the audit log, supporters and training.
--
-- Dates are ISO 'YYYY-MM-DD' text in Asia/Tokyo; timestamps are Unix seconds
-- (INTEGER) and are rendered in Asia/Tokyo by the service.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'supporter', 'host', 'auditor')),
  supporter_id  INTEGER REFERENCES supporters (id),
  host_id       INTEGER,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  CHECK ((role = 'supporter') = (supporter_id IS NOT NULL)),
  CHECK ((role = 'host') = (host_id IS NOT NULL))
);

-- Only a SHA-256 of each bearer token is kept: a copy of the database does
-- not give anyone a working token.
CREATE TABLE tokens (
  hash        BLOB PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE login_failures (
  id     INTEGER PRIMARY KEY,
  login  TEXT NOT NULL,
  at     INTEGER NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);

-- Append-only and hash-chained: hash = SHA-256 (prev_hash || canonical entry).
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  user_id    INTEGER,
  role       TEXT,
  action     TEXT NOT NULL,
  object     TEXT NOT NULL,
  object_id  INTEGER,
  request_id TEXT,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);

CREATE TABLE supporters (
  id                INTEGER PRIMARY KEY,
  code              TEXT UNIQUE,
  name              TEXT NOT NULL,
  name_kana         TEXT,
  gender            TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unspecified')),
  birth_year        INTEGER,
  municipality_code TEXT NOT NULL,
  lat               REAL,
  lon               REAL,
  occupation        TEXT,
  peer_experience   TEXT NOT NULL CHECK (peer_experience IN ('none', 'self', 'family')),
  skills            TEXT NOT NULL DEFAULT '[]',
  interests         TEXT NOT NULL DEFAULT '[]',
  availability      TEXT NOT NULL DEFAULT '[]',
  max_cases         INTEGER NOT NULL DEFAULT 2 CHECK (max_cases BETWEEN 0 AND 20),
  insurance_until   TEXT,
  status            TEXT NOT NULL DEFAULT 'applicant'
                    CHECK (status IN ('applicant', 'registered', 'suspended', 'retired')),
  registered_on     TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX supporters_status ON supporters (status, id);
CREATE INDEX supporters_municipality ON supporters (municipality_code, id);

CREATE TABLE training_courses (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('initial', 'follow_up')),
  title       TEXT NOT NULL,
  capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  created_at  INTEGER NOT NULL
);

CREATE TABLE training_sessions (
  id         INTEGER PRIMARY KEY,
  course_id  INTEGER NOT NULL REFERENCES training_courses (id),
  position   INTEGER NOT NULL,
  held_on    TEXT NOT NULL,
  title      TEXT,
  UNIQUE (course_id, position)
);

CREATE TABLE enrolments (
  course_id    INTEGER NOT NULL REFERENCES training_courses (id),
  supporter_id INTEGER NOT NULL REFERENCES supporters (id),
  enrolled_at  INTEGER NOT NULL,
  PRIMARY KEY (course_id, supporter_id)
) WITHOUT ROWID;

CREATE TABLE attendance (
  session_id   INTEGER NOT NULL REFERENCES training_sessions (id),
  supporter_id INTEGER NOT NULL REFERENCES supporters (id),
  attended     INTEGER NOT NULL,
  PRIMARY KEY (session_id, supporter_id)
) WITHOUT ROWID;

-- A completion either comes from a course (every session attended) or is
-- recorded directly (historical import).
CREATE TABLE trainings (
  id            INTEGER PRIMARY KEY,
  supporter_id  INTEGER NOT NULL REFERENCES supporters (id),
  kind          TEXT NOT NULL CHECK (kind IN ('initial', 'follow_up')),
  completed_on  TEXT NOT NULL,
  course_id     INTEGER REFERENCES training_courses (id),
  created_at    INTEGER NOT NULL,
  UNIQUE (supporter_id, course_id)
);
CREATE INDEX trainings_supporter ON trainings (supporter_id, completed_on);

-- The chain's head, written in the same transaction as each entry, so that
-- removing the newest entries is detected too.
CREATE TABLE audit_head (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL,
  hash     TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
