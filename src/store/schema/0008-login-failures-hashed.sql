-- Failed sign-ins are counted per login, but what was typed as the login
-- (often a password typed into the wrong field) is never kept: only an
-- HMAC-SHA-256 of it under a random key of this database.  The old rows
-- held the typed text, so they go; at worst this forgets the failures of
-- the last window once, at the upgrade.  Rows older than the window are
-- purged at every sign-in attempt, known login or not (store/users.c).
-- An attempt is recorded as pending before its password is checked and
-- becomes a failure (pending = 0) or is deleted once it has been.
DROP TABLE login_failures;
CREATE TABLE login_failures (
  id         INTEGER PRIMARY KEY,
  login_hash BLOB NOT NULL,
  at         INTEGER NOT NULL,
  pending    INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))
);
CREATE INDEX login_failures_login ON login_failures (login_hash, at);
CREATE INDEX login_failures_at ON login_failures (at);

CREATE TABLE login_hash_key (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  key BLOB NOT NULL
);
INSERT INTO login_hash_key (id, key) VALUES (1, randomblob(32));
