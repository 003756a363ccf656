#!/usr/bin/env python3
"""Seed a freshly initialised tsunagari database for the payments benchmark.

    seed.py DATABASE SUPPORTERS [--tokens FILE] [--pending-per-supporter N --month YYYY-MM]

Writes straight into the file (the server is not running yet), in one
transaction: SUPPORTERS registered, trained and insured supporters, one
active case and one assignment each.  With --tokens, a supporter account and
a bearer token for each, written to FILE as "token assignment_id" lines (the
tokens table keeps only SHA-256 digests, as the service does).  With
--pending-per-supporter, that many pending activity reports per supporter,
dated in --month, for the coordinator to approve over HTTP.

Dates are relative to today (or TSUNAGARI_TODAY), so that every report the
benchmark sends is in the past, inside its assignment and covered by the
supporter's training and insurance.
"""
import argparse
import datetime
import hashlib
import os
import secrets
import sqlite3
import time


def today():
    pinned = os.environ.get("TSUNAGARI_TODAY")
    if pinned:
        return datetime.date.fromisoformat(pinned)
    return datetime.date.today()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("database")
    p.add_argument("supporters", type=int)
    p.add_argument("--tokens")
    p.add_argument("--pending-per-supporter", type=int, default=0)
    p.add_argument("--month")
    a = p.parse_args()

    t = today()
    now = int(time.time())
    trained = (t - datetime.timedelta(days=400)).isoformat()
    registered = (t - datetime.timedelta(days=390)).isoformat()
    starts = (t - datetime.timedelta(days=380)).isoformat()
    insured = (t + datetime.timedelta(days=365)).isoformat()

    db = sqlite3.connect(a.database, isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("BEGIN")
    base = db.execute("SELECT coalesce(max(id), 0) FROM supporters").fetchone()[0]
    tokens = []
    for n in range(1, a.supporters + 1):
        sid = base + n
        db.execute("INSERT INTO supporters (id, name, gender, municipality_code, peer_experience,"
                   " status, registered_on, insurance_until, created_at, updated_at)"
                   " VALUES (?, ?, 'other', '092011', 'none', 'registered', ?, ?, ?, ?)",
                   (sid, "試験 %d" % sid, registered, insured, now, now))
        db.execute("INSERT INTO trainings (supporter_id, kind, completed_on, created_at, source)"
                   " VALUES (?, 'initial', ?, ?, 'direct')", (sid, trained, now))
        cur = db.execute("INSERT INTO cases (code, nickname, municipality_code, age_band, gender,"
                         " household, consent_obtained_on, consent_scope, status, created_at,"
                         " updated_at) VALUES (?, 'N', '092011', '30s', 'male', 'single', ?,"
                         " '[\"matching\",\"support\"]', 'active', ?, ?)",
                         ("B-%06d" % sid, trained, now, now))
        case_id = cur.lastrowid
        cur = db.execute("INSERT INTO assignments (case_id, supporter_id, starts_on, created_at)"
                         " VALUES (?, ?, ?, ?)", (case_id, sid, starts, now))
        assignment = cur.lastrowid
        if a.tokens:
            cur = db.execute("INSERT INTO users (login, password_hash, role, supporter_id, created_at)"
                             " VALUES (?, '!', 'supporter', ?, ?)", ("bench-%d" % sid, sid, now))
            token = secrets.token_urlsafe(32)
            db.execute("INSERT INTO tokens (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                       (hashlib.sha256(token.encode()).digest(), cur.lastrowid, now, now + 7 * 86400))
            tokens.append((token, assignment))
        if a.pending_per_supporter:
            year, month = map(int, a.month.split("-"))
            for k in range(a.pending_per_supporter):
                day = datetime.date(year, month, 1 + (n + k) % 28)
                db.execute("INSERT INTO activities (assignment_id, supporter_id, case_id, date, month,"
                           " start_min, minutes, kind, transport_yen, status, on_behalf, created_at,"
                           " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                           (assignment, sid, case_id, day.isoformat(), a.month, 540 + 30 * (k % 16),
                            30 + 15 * (k % 8), ["home_visit", "accompany", "phone", "space",
                                                "family_support", "online"][k % 6],
                            (k % 5) * 380, now, now))
    db.execute("COMMIT")
    db.close()
    if a.tokens:
        with open(a.tokens, "w") as f:
            for token, assignment in tokens:
                f.write("%s %d\n" % (token, assignment))


if __name__ == "__main__":
    main()
