#!/usr/bin/env python3
"""Seed a freshly initialised tsunagari database for the statistics benchmark.

    seed.py DATABASE FISCAL_YEAR [--contacts N] [--activities N] [--supporters N]
            [--tokens FILE]

Writes straight into the file (the server is not running yet), in one
transaction, a programme of five municipalities below the installation's
prefecture (organisation 1) with, for the 年度 FISCAL_YEAR (April to March):

- N contacts (50,000): a fifth of them first contacts, each of a consultee
  of its own, the rest continuing contacts of those persons, spread over the
  year, the eight methods, the six contactors and the organisations; and
  half as many again in each of the two years before (the 相談実績 row);
- N activities (20,000), approved, with their honorarium and transport
  ledger lines on a statement of the supporter's month;
- N supporters (2,000) with an initial training (some a follow-up) and
  their status history (registration; one in twenty suspended), in five
  municipalities, most registered, some lapsed or due at the year end;
- 200 職親 placements of 20 attended days each, with their stipend lines.

With --tokens, an auditor of the prefecture and an auditor of the first
municipality with bearer tokens (only their SHA-256 is stored, as the
service does), written to FILE as "role token" lines.
"""
import argparse
import datetime
import hashlib
import random
import secrets
import sqlite3
import time

METHODS = ["phone", "email", "online", "office_visit", "home_visit", "accompany", "letter", "other"]
CONTACTORS = ["self", "parent", "sibling", "other_family", "agency", "other"]
AGES = ["10s", "20s", "30s", "40s", "50s", "60s", "70s+", "unknown"]
CONTACTOR_AGES = ["10s", "20s", "30s", "40s", "50s", "60s", "70s", "80s+", "unknown", None]
GENDERS = ["female", "male", "other", "unknown"]
KINDS = ["home_visit", "accompany", "phone", "space", "family_support", "online"]
PLACES = ["092011", "092029", "092037", "092045", "092053"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("database")
    p.add_argument("fiscal_year", type=int)
    p.add_argument("--contacts", type=int, default=50000)
    p.add_argument("--activities", type=int, default=20000)
    p.add_argument("--supporters", type=int, default=2000)
    p.add_argument("--tokens")
    a = p.parse_args()

    rnd = random.Random(16)
    now = int(time.time())
    fy = a.fiscal_year
    first_day = datetime.date(fy, 4, 1)
    n_days = (datetime.date(fy + 1, 4, 1) - first_day).days

    def day_in(year):
        start = datetime.date(year, 4, 1)
        return start + datetime.timedelta(days=rnd.randrange((datetime.date(year + 1, 4, 1) - start).days))

    db = sqlite3.connect(a.database, isolation_level=None)
    db.execute("BEGIN")
    orgs = []
    for i, code in enumerate(PLACES):
        cur = db.execute("INSERT INTO organisations (name, kind, municipality_code, parent_id,"
                         " created_at, updated_at) VALUES (?, 'municipality', ?, 1, ?, ?)",
                         ("市町村%d" % (i + 1), code, now, now))
        orgs.append(cur.lastrowid)

    # Contacts: the year's, and half as many in each of the two before.
    for year, n in ((fy - 2, a.contacts // 2), (fy - 1, a.contacts // 2), (fy, a.contacts)):
        persons = []
        n_first = n // 5
        for k in range(n_first):
            org = orgs[k % len(orgs)]
            cur = db.execute("INSERT INTO consultees (organisation_id, age_band, gender, created_at)"
                             " VALUES (?, ?, ?, ?)", (org, rnd.choice(AGES), rnd.choice(GENDERS), now))
            day = day_in(year)
            persons.append((cur.lastrowid, org, day))
            db.execute("INSERT INTO contacts (organisation_id, contacted_on, method, contactor,"
                       " first_contact, minutes, consultee_id, contactor_age_band, created_at)"
                       " VALUES (?, ?, ?, ?, 1, 30, ?, ?, ?)",
                       (org, day.isoformat(), rnd.choice(METHODS), rnd.choice(CONTACTORS),
                        cur.lastrowid, rnd.choice(CONTACTOR_AGES), now))
        for k in range(n - n_first):
            person, org, since = persons[rnd.randrange(len(persons))]
            last = datetime.date(year + 1, 3, 31)
            day = since + datetime.timedelta(days=rnd.randrange((last - since).days + 1))
            db.execute("INSERT INTO contacts (organisation_id, contacted_on, method, contactor,"
                       " first_contact, minutes, consultee_id, created_at)"
                       " VALUES (?, ?, ?, ?, 0, 20, ?, ?)",
                       (org, day.isoformat(), rnd.choice(METHODS), rnd.choice(CONTACTORS), person, now))

    # Supporters, each with a case and an assignment.
    supporters = []
    for k in range(a.supporters):
        org = orgs[k % len(orgs)]
        trained = first_day - datetime.timedelta(days=rnd.randrange(5 * 365))
        registered = trained + datetime.timedelta(days=20)
        status = "registered" if k % 10 else "applicant"
        cur = db.execute("INSERT INTO supporters (name, gender, municipality_code, peer_experience,"
                         " status, registered_on, insurance_until, organisation_id, created_at,"
                         " updated_at) VALUES (?, 'other', ?, 'none', ?, ?, ?, ?, ?, ?)",
                         ("試験 %d" % k, PLACES[k % len(PLACES)], status,
                          registered.isoformat() if status == "registered" else None,
                          "%d-03-31" % (fy + 2), org, now, now))
        sid = cur.lastrowid
        # The status history the year-end roster is replayed from: each
        # registration, and every twentieth registered supporter suspended
        # during the year and reinstated after it.
        if status == "registered":
            db.execute("INSERT INTO supporter_status_changes (supporter_id, from_status, to_status,"
                       " changed_on, at) VALUES (?, 'applicant', 'registered', ?, ?)",
                       (sid, registered.isoformat(), now))
            if k % 20 == 1:
                for frm, to, day in (("registered", "suspended", first_day + datetime.timedelta(days=100)),
                                     ("suspended", "registered", first_day + datetime.timedelta(days=400))):
                    db.execute("INSERT INTO supporter_status_changes (supporter_id, from_status,"
                               " to_status, changed_on, at) VALUES (?, ?, ?, ?, ?)",
                               (sid, frm, to, day.isoformat(), now))
        db.execute("INSERT INTO trainings (supporter_id, kind, completed_on, created_at)"
                   " VALUES (?, 'initial', ?, ?)", (sid, trained.isoformat(), now))
        if k % 3 == 0:
            db.execute("INSERT INTO trainings (supporter_id, kind, completed_on, created_at)"
                       " VALUES (?, 'follow_up', ?, ?)",
                       (sid, (first_day + datetime.timedelta(days=rnd.randrange(n_days))).isoformat(), now))
        cur = db.execute("INSERT INTO cases (code, nickname, municipality_code, age_band, gender,"
                         " household, consent_obtained_on, consent_scope, status, organisation_id,"
                         " created_at, updated_at) VALUES (?, 'N', ?, '30s', 'male', 'single', ?,"
                         " '[\"matching\",\"support\",\"placement\"]', 'active', ?, ?, ?)",
                         ("S-%06d" % sid, PLACES[(k * 7) % len(PLACES)], "%d-01-01" % (fy - 1), org,
                          now, now))
        case_id = cur.lastrowid
        cur = db.execute("INSERT INTO assignments (case_id, supporter_id, starts_on, created_at)"
                         " VALUES (?, ?, ?, ?)", (case_id, sid, "%d-01-01" % (fy - 1), now))
        supporters.append((sid, case_id, cur.lastrowid))

    # Approved activities with their ledger lines on the month's statement.
    # Statement ids are handed out as lines are written, the statements
    # themselves written last with their totals (issued ones never change).
    statements = {}
    next_statement = [db.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]]

    def statement(payee_type, payee, month, amount):
        key = (payee_type, payee, month)
        if key not in statements:
            next_statement[0] += 1
            statements[key] = [next_statement[0], 0, 0]
        entry = statements[key]
        entry[1] += amount
        entry[2] += 1
        return entry[0]

    for k in range(a.activities):
        sid, case_id, asg = supporters[k % len(supporters)]
        day = first_day + datetime.timedelta(days=rnd.randrange(n_days))
        month = day.isoformat()[:7]
        minutes = 30 + 15 * (k % 8)
        honorarium = 1000 + minutes * 20
        cur = db.execute("INSERT INTO activities (assignment_id, supporter_id, case_id, date, month,"
                         " start_min, minutes, kind, transport_yen, status, honorarium_yen,"
                         " transport_paid_yen, created_at, updated_at)"
                         " VALUES (?, ?, ?, ?, ?, 600, ?, ?, 400, 'approved', ?, 400, ?, ?)",
                         (asg, sid, case_id, day.isoformat(), month, minutes, KINDS[k % len(KINDS)],
                          honorarium, now, now))
        for kind, amount in (("honorarium", honorarium), ("transport", 400)):
            st = statement("supporter", sid, month, amount)
            db.execute("INSERT INTO ledger_entries (payee_type, payee_id, kind, amount_yen, activity_id,"
                       " earned_on, earned_month, statement_id, created_at)"
                       " VALUES ('supporter', ?, ?, ?, ?, ?, ?, ?, ?)",
                       (sid, kind, amount, cur.lastrowid, day.isoformat(), month, st, now))

    # 職親: 20 hosts, 200 placements of 20 attended days.
    hosts = []
    for k in range(20):
        cur = db.execute("INSERT INTO hosts (name, municipality_code, status, registered_on,"
                         " organisation_id, created_at, updated_at)"
                         " VALUES (?, ?, 'registered', ?, ?, ?, ?)",
                         ("受入先%d" % k, PLACES[k % len(PLACES)], "%d-01-01" % (fy - 1),
                          orgs[k % len(orgs)], now, now))
        hosts.append(cur.lastrowid)
    for k in range(200):
        host = hosts[k % len(hosts)]
        case_id = supporters[k][1]
        start = first_day + datetime.timedelta(days=rnd.randrange(n_days - 40))
        days = [start + datetime.timedelta(days=d) for d in range(20)]
        cur = db.execute("INSERT INTO placements (case_id, host_id, kind, hours_per_day, first_day,"
                         " last_day, pre_interview_held_on, created_at, updated_at)"
                         " VALUES (?, ?, ?, 4, ?, ?, ?, ?, ?)",
                         (case_id, host, "regular" if k % 2 else "short", days[0].isoformat(),
                          days[-1].isoformat(), days[0].isoformat(), now, now))
        placement = cur.lastrowid
        for d in days:
            cur = db.execute("INSERT INTO placement_days (placement_id, case_id, host_id, date,"
                             " attended, recorded_at) VALUES (?, ?, ?, ?, 1, ?)",
                             (placement, case_id, host, d.isoformat(), now))
            month = d.isoformat()[:7]
            db.execute("INSERT INTO ledger_entries (payee_type, payee_id, kind, amount_yen,"
                       " attendance_id, earned_on, earned_month, statement_id, created_at)"
                       " VALUES ('host', ?, 'host_stipend', 1500, ?, ?, ?, ?, ?)",
                       (host, cur.lastrowid, d.isoformat(), month, statement("host", host, month, 1500), now))
    for (payee_type, payee, month), (sid, total, n) in statements.items():
        db.execute("INSERT INTO statements (id, month, payee_type, payee_id, total_yen, n_lines,"
                   " issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)", (sid, month, payee_type, payee, total, n, now))
    db.execute("INSERT OR REPLACE INTO budgets (fiscal_year, amount_yen, updated_at) VALUES (?, ?, ?)",
               (fy, 3207000 * 100, now))

    if a.tokens:
        lines = []
        for role, org in (("auditor", 1), ("auditor-municipality", orgs[0])):
            cur = db.execute("INSERT INTO users (login, password_hash, role, organisation_id, created_at)"
                             " VALUES (?, '!', 'auditor', ?, ?)", ("bench-" + role, org, now))
            token = secrets.token_urlsafe(32)
            db.execute("INSERT INTO tokens (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                       (hashlib.sha256(token.encode()).digest(), cur.lastrowid, now, now + 86400))
            lines.append("%s %s\n" % (role, token))
        with open(a.tokens, "w") as f:
            f.writelines(lines)
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
