-- 0004: the case registry (SPEC 2.2, 3.2; Bunkyo's ひきこもり地域共生サポート事業,
-- seed 004): pseudonymous cases, their assessments (case conferences), support
-- plans with every revision, excluded supporter pairs, and the assignments
-- table that the assignment use cases fill.
--
-- A case carries no real name: a generated code and the nickname used in
-- consultation (相談上の名前; Bunkyo accepts nicknames, seed 004).  Lists are JSON
-- text written by the service (needs, interests, availability, consent scope,
-- participants, goals), as for supporters.

CREATE TABLE cases (
  id                    INTEGER PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  nickname              TEXT NOT NULL,
  municipality_code     TEXT NOT NULL,
  age_band              TEXT NOT NULL
                        CHECK (age_band IN ('10s', '20s', '30s', '40s', '50s', '60s', '70s+')),
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
CREATE INDEX cases_status ON cases (status, id);
CREATE INDEX cases_municipality ON cases (municipality_code, id);

-- ②アセスメント: a case conference with the referring agencies.  A case may be
-- assessed again (a later conference); every one is kept.
CREATE TABLE case_assessments (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases (id),
  held_on       TEXT NOT NULL,
  participants  TEXT NOT NULL DEFAULT '[]',
  summary       TEXT NOT NULL,
  user_id       INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE INDEX case_assessments_case ON case_assessments (case_id, id);

-- ④支援プラン: each revision is a new row; the highest revision is the
-- current plan.
CREATE TABLE case_plans (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases (id),
  revision      INTEGER NOT NULL CHECK (revision >= 1),
  goals         TEXT NOT NULL DEFAULT '[]',
  review_on     TEXT NOT NULL,
  user_id       INTEGER,
  revised_at    INTEGER NOT NULL,
  UNIQUE (case_id, revision)
);

-- Pairs the matcher must never propose (SPEC 2.2 `excluded_pair`): a
-- conflict of interest, an earlier breakdown, the person's own wish.
CREATE TABLE case_exclusions (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases (id),
  supporter_id  INTEGER NOT NULL REFERENCES supporters (id),
  reason        TEXT NOT NULL CHECK (reason IN ('conflict_of_interest', 'breakdown',
                                                'request', 'other')),
  note          TEXT,
  user_id       INTEGER,
  created_at    INTEGER NOT NULL,
  UNIQUE (case_id, supporter_id)
);
CREATE INDEX case_exclusions_supporter ON case_exclusions (supporter_id);

-- A supporter working with a case.  An assignment is active while ended_on
-- is NULL; at most one active primary per case (a co-supporter may be added,
-- Bunkyo pairs occasionally work in twos) and one active row per pair.
CREATE TABLE assignments (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases (id),
  supporter_id  INTEGER NOT NULL REFERENCES supporters (id),
  role          TEXT NOT NULL DEFAULT 'primary' CHECK (role IN ('primary', 'co_supporter')),
  starts_on     TEXT NOT NULL,
  ended_on      TEXT,
  end_reason    TEXT,
  created_at    INTEGER NOT NULL,
  CHECK (ended_on IS NULL OR ended_on >= starts_on)
);
CREATE INDEX assignments_case ON assignments (case_id, id);
CREATE INDEX assignments_supporter ON assignments (supporter_id, id);
CREATE INDEX assignments_supporter_open ON assignments (supporter_id, case_id)
  WHERE ended_on IS NULL;
CREATE UNIQUE INDEX assignments_one_primary ON assignments (case_id)
  WHERE ended_on IS NULL AND role = 'primary';
CREATE UNIQUE INDEX assignments_one_open_pair ON assignments (case_id, supporter_id)
  WHERE ended_on IS NULL;
