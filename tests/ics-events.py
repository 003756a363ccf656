#!/usr/bin/python3
"""Parses an RFC 5545 calendar with Debian's python3-icalendar and prints,
as JSON, what tests/http/test-calendar.c checks: the time zones, and per
event its UID, SUMMARY, SEQUENCE, STATUS, DTSTART/DTEND (ISO 8601) and
their TZID.  Strict: a malformed calendar is an error (exit 1).

    /usr/bin/python3 tests/ics-events.py FILE
"""
import json
import sys

import icalendar

with open(sys.argv[1], 'rb') as f:
    data = f.read()
cal = icalendar.Calendar.from_ical(data)
out = {'timezones': [str(tz['TZID']) for tz in cal.walk('VTIMEZONE')], 'events': []}
for ev in cal.walk('VEVENT'):
    start = ev.get('DTSTART')
    end = ev.get('DTEND')
    out['events'].append({
        'uid': str(ev['UID']),
        'summary': str(ev['SUMMARY']),
        'location': str(ev.get('LOCATION', '')),
        'sequence': int(ev.get('SEQUENCE', 0)),
        'status': str(ev.get('STATUS', '')),
        'start': start.dt.isoformat(),
        'end': end.dt.isoformat() if end is not None else None,
        'tzid': start.params.get('TZID'),
        'end_tzid': end.params.get('TZID') if end is not None else None,
    })
json.dump(out, sys.stdout, ensure_ascii=False)
