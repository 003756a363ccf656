#!/usr/bin/env python3
"""Counts test cases (TAP "ok"/"not ok" lines) in meson's testlog.json files.

A test binary that crashed before reporting counts as one failure more, so a
crash is never hidden behind the cases that ran before it.  Prints
"PASSED FAILED" for each log given, and the sums on the last line.
"""
import json
import re
import sys

total_pass = total_fail = 0
for path in sys.argv[1:]:
    passed = failed = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            t = json.loads(line)
            out = t.get("stdout") or ""
            ok = len(re.findall(r"^ok \d+", out, re.M))
            not_ok = len(re.findall(r"^not ok \d+", out, re.M))
            # "ok N # SKIP" lines are not passes.
            skipped = len(re.findall(r"^ok \d+.*# SKIP", out, re.M | re.I))
            ok -= skipped
            if ok == 0 and not_ok == 0:
                # Not a TAP test: count the test itself.
                if t.get("result") in ("OK", "EXPECTEDFAIL"):
                    ok = 1
                elif t.get("result") != "SKIP":
                    not_ok = 1
            elif t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and not_ok == 0:
                not_ok = 1
            passed += ok
            failed += not_ok
    print(f"{path}: {passed} passed, {failed} failed", file=sys.stderr)
    total_pass += passed
    total_fail += failed
print(f"{total_pass} {total_fail}")
