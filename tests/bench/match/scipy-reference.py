#!/usr/bin/python3
"""The reference solver for the matching benchmark: scipy's
linear_sum_assignment on the same score matrix as bench-match.

    scipy-reference.py lsa DUMP     solve a matrix written by
                                    `bench-match solve C S DUMP`
    scipy-reference.py table DIR    print the table of a `run`

The assignment problem with capacities becomes a dense matrix with one
column per free slot (a supporter of capacity c gets c columns).  An
allowed pair costs -score; a forbidden pair costs 0, which is the same as
leaving the case unassigned, so the minimum cost is minus the maximum total
score and comparable with ours exactly (the scores are the same integers).
"""
import json
import os
import resource
import sys
import time

import numpy as np


def lsa(path):
    from scipy.optimize import linear_sum_assignment

    with open(path, "rb") as f:
        magic, version, nc, ns = np.frombuffer(f.read(16), dtype="<u4")
        assert magic == 0x424D5354 and version == 1
        cap = np.frombuffer(f.read(4 * ns), dtype="<u4")
        start = np.frombuffer(f.read(8 * (nc + 1)), dtype="<u8")
        n = int(start[-1])
        sup = np.frombuffer(f.read(4 * n), dtype="<u4")
        w = np.frombuffer(f.read(4 * n), dtype="<i4")

    t0 = time.perf_counter()
    rows = np.repeat(np.arange(nc, dtype=np.int64), np.diff(start).astype(np.int64))
    dense = np.zeros((nc, ns), dtype=np.float64)
    dense[rows, sup] = -w.astype(np.float64)
    del rows
    cost = np.repeat(dense, cap.astype(np.int64), axis=1)
    del dense
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    r, c = linear_sum_assignment(cost)
    solve_s = time.perf_counter() - t0
    picked = cost[r, c]
    total = int(round(-picked.sum()))
    print(json.dumps({
        "mode": "scipy", "cases": int(nc), "supporters": int(ns),
        "slots": int(cost.shape[1]), "build_ms": round(build_s * 1000, 1),
        "solve_ms": round(solve_s * 1000, 1), "total_scaled": total,
        "assigned": int((picked < 0).sum()),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


def table(directory):
    rows = {}
    for name in sorted(os.listdir(directory),
                       key=lambda n: int(n.split("-")[0]) if n[0].isdigit() else 0):
        if not name.endswith(".json"):
            continue
        tag = name.split(".")[0]
        with open(os.path.join(directory, name)) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    d = json.loads(line)
                    rows.setdefault(tag, {})[d["mode"]] = d

    print("| cases × supporters | pairs allowed | batch end to end | peak MB "
          "| our solver | unpruned | scipy LSA | scipy peak MB | scipy / ours "
          "| same total | greedy below optimum |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for tag, d in rows.items():
        e2e, solve, scipy = d.get("e2e"), d.get("solve"), d.get("scipy")
        if not (e2e or solve):
            continue
        any_ = e2e or solve
        label = f"{any_['cases']} × {any_['supporters']}"
        if any_.get("variant") == "all-dispatchable":
            label += " (all dispatchable)"
        ours = solve["solve_ms"] if solve else None
        theirs = scipy["solve_ms"] if scipy else None
        cells = [
            label,
            f"{e2e['density'] * 100:.0f}%" if e2e else "-",
            f"{e2e['e2e_ms']:.0f} ms" if e2e else "-",
            f"{e2e['peak_mb']:.0f}" if e2e else "-",
            f"{ours:.0f} ms" if ours is not None else "-",
            f"{solve['solve_unpruned_ms']:.0f} ms"
            if solve and solve["solve_unpruned_ms"] >= 0 else "-",
            f"{theirs:.0f} ms ({scipy['slots']} slots)" if theirs is not None else "-",
            f"{scipy['peak_mb']:.0f}" if scipy else "-",
            f"{theirs / ours:.1f}×" if ours and theirs else "-",
            ("yes" if scipy["total_scaled"] == solve["total_scaled"] else "NO")
            if scipy and solve else "-",
            f"{solve['greedy_gap_percent']:.2f}%, {solve['greedy_assigned']} vs "
            f"{solve['assigned']} assigned" if solve else "-",
        ]
        print("| " + " | ".join(cells) + " |")
    for tag, d in rows.items():
        if "score" in d:
            s = d["score"]
            print(f"\nscoring loop, {s['cases']} cases × {s['supporters']} supporters: "
                  f"{s['library_ns_per_pair']:.1f} ns/pair; bare C loop over the same "
                  f"records {s['bare_ns_per_pair']:.1f} ns/pair (ratio {s['ratio']:.2f})")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("lsa", "table"):
        sys.exit(__doc__)
    {"lsa": lsa, "table": table}[sys.argv[1]](sys.argv[2])
