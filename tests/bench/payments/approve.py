#!/usr/bin/env python3
"""Approve every pending activity report over HTTP, from THREADS connections.

    approve.py BASE_URL TOKEN THREADS

Prints "approved=N seconds=S rps=R"; exits 1 on any answer but 200.
"""
import concurrent.futures
import http.client
import json
import sys
import threading
import time
import urllib.parse


def main():
    base, token, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    url = urllib.parse.urlsplit(base)
    local = threading.local()

    def conn():
        if not hasattr(local, "c"):
            local.c = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        return local.c

    def get(path):
        c = conn()
        c.request("GET", path, headers={"Authorization": "Bearer " + token})
        r = c.getresponse()
        return r.status, json.loads(r.read())

    ids = []
    cursor = None
    while True:
        path = "/v1/activities?status=pending&limit=200" + ("&cursor=" + cursor if cursor else "")
        status, page = get(path)
        if status != 200:
            sys.exit("listing answered %d" % status)
        ids += [a["id"] for a in page["activities"]]
        cursor = page["next_cursor"]
        if not cursor:
            break

    def approve(i):
        c = conn()
        c.request("POST", "/v1/activities/%d/approve" % i, headers={"Authorization": "Bearer " + token})
        r = c.getresponse()
        r.read()
        return r.status

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        statuses = list(pool.map(approve, ids, chunksize=64))
    seconds = time.monotonic() - start
    bad = [s for s in statuses if s != 200]
    print("approved=%d seconds=%.3f rps=%.1f bad=%d" % (len(ids) - len(bad), seconds,
                                                       len(ids) / seconds if seconds else 0, len(bad)))
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
