-- Issue 15 ("Opening the app in a dead zone"): a remembered device.  A
-- supporter's or host's phone, signed in, remembers itself with a short
-- PIN; later a new tab (opened offline, back online) gets a fresh bearer
-- token with the PIN alone.  The phone holds the device's id and a random
-- secret in an HttpOnly cookie; only a SHA-256 of the secret is kept here
-- (as for bearer tokens: a copy of the database gives no working device)
-- and the PIN only as an Argon2id hash (as for passwords).  failed_pins
-- counts wrong PINs since the last right one: at the configured maximum the
-- device is revoked.  A revoked device stays as a record of who revoked it
-- (revoked_by: the user, NULL for the service itself after wrong PINs).
CREATE TABLE devices (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  label         TEXT NOT NULL,
  secret_hash   BLOB NOT NULL,
  pin_hash      TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  last_used_at  INTEGER,
  failed_pins   INTEGER NOT NULL DEFAULT 0,
  revoked_at    INTEGER,
  revoked_by    INTEGER REFERENCES users (id)
);
CREATE INDEX devices_user ON devices (user_id);

-- The device a token was minted from (NULL: a sign-in with a password):
-- revoking a device revokes its tokens.
ALTER TABLE tokens ADD COLUMN device_id INTEGER REFERENCES devices (id);
CREATE INDEX tokens_device ON tokens (device_id) WHERE device_id IS NOT NULL;
