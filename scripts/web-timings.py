#!/usr/bin/env python3
"""Server time and weight of each page of the web page, against a live `trajet serve`.

    TRAJET_URL=http://127.0.0.1:8098 TRAJET_KEY=trj_… python3 scripts/web-timings.py [REPEATS]

Signs in with the (planner) key, saves one plan, then asks each page REPEATS times (default 30) and prints the
median and 95th percentile of the time to the last byte (loopback, so about the server's time) and the page size.
docs/performance.md records a run against a release build.
"""
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

base = os.environ.get("TRAJET_URL", "http://127.0.0.1:8080")
key = os.environ["TRAJET_KEY"]
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 30
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
opener.open(base + "/signin", data=urllib.parse.urlencode({"key": key}).encode())


def get(path):
    start = time.perf_counter()
    try:
        body = opener.open(base + path).read()
    except urllib.error.HTTPError as error:
        body = error.read()
    return (time.perf_counter() - start) * 1000, body


search = "/routes?from=Li%C3%A8ge&to=twiza&date=2026-07-04&young=12&leaders=2&minors=on"
_, page = get(search)
csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
saved = opener.open(base + "/plans", data=urllib.parse.urlencode({
    "csrf": csrf, "from": "Liège", "to": "twiza", "date": "2026-07-04", "young": "12", "leaders": "2",
    "minors": "on", "pick": "1", "name": "Timing plan"}).encode())
plan = saved.geturl()[len(base):].split("?")[0]
pages = {
    "home": "/",
    "Liège → Twiza": search,
    "Brussels → AJE and back": "/routes?from=Bruxelles&to=aje&date=2026-07-04&return=2026-07-25&young=12&leaders=2&minors=on",
    "Namur → Alafia": "/routes?from=Namur&to=alafia-jeunes&date=2026-07-04&young=12&leaders=2",
    "Antwerp → Lekaa": "/routes?from=Antwerpen&to=lekaa&date=2026-07-04&young=12&leaders=2&minors=on",
    "Arlon → Twiza overland": "/routes?from=Arlon&to=twiza&date=2026-07-04&young=12&leaders=2&overland=on",
    "plans": "/plans",
    "plan": plan,
    "reports": "/reports",
    "report 2026 (HTML)": "/reports/2026.html",
    "not found": "/plans/nope",
}
print(f"{'page':26s} {'p50 ms':>7s} {'p95 ms':>7s} {'KB':>7s}")
for name, path in pages.items():
    times = []
    size = 0
    for _ in range(repeats):
        elapsed, body = get(path)
        times.append(elapsed)
        size = len(body)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"{name:26s} {statistics.median(times):7.1f} {p95:7.1f} {size / 1024:7.1f}")
