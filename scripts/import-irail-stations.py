#!/usr/bin/env python3
"""Builds Datasets/network/stations-be.csv from iRail's stations.csv (CC0).

Usage: scripts/import-irail-stations.py /work/shared/data/irail-stations.csv > Datasets/network/stations-be.csv

Only Belgian rows (country-code be) are kept. Stations already in network/places.csv keep their place id there
(`place_id` column names it); every other station gets an id BE-<SLUG> from its French (else first) name.
A town alias (the part before the first hyphen: "Gent" for Gent-Sint-Pieters) goes to the busiest station of that
prefix, unless the prefix already names another place or starts a compound name ("Louvain-la-Neuve").
"""
import csv, sys, unicodedata, re

COMMIT = "3239f07744f34778fa9c5289f369ebfa640ea83c"
SOURCE = f"iRail stations.csv @ {COMMIT[:8]} (2026-08-14), CC0"
# iRail URI number → place id already in network/places.csv.
EXISTING = {
    "008814001": "BE-BXL-MIDI", "008819406": "BE-BXL-AIRPORT", "008841004": "BE-LIEGE-G",
    "008863008": "BE-NAMUR", "008821006": "BE-ANTW-C", "008872009": "BE-CHARLEROI-SUD",
}
# Pricing points at the border, "not a station for passengers to board or alight" (belgianrail.be FAQ,
# terminology "Frontier point"): kept as names, no legs.
FRONTIER_POINTS = {"Visé-Frontière", "Gouvy-Frontière", "Sterpenich-Frontière", "Quévy-Frontière", "Blandain-Frontière"}
# Names groups use that are in no iRail column (our words; the municipality "Ottignies-Louvain-la-Neuve").
EXTRA = {"008811601": ["Ottignies LLN", "Ottignies-Louvain-la-Neuve", "Ottignies-LLN"],
         "008811676": ["LLN"]}

def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())

def slug(text):
    return "-".join(fold(text).upper().split())

# URIs 0000…: placeholder rows iRail keeps beside the real NMBS id of the same station.
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
        if r["country-code"] == "be" and not r["URI"].rsplit("/", 1)[1].startswith("0000")]
existing_names = set()
for place in csv.DictReader(open("Datasets/network/places.csv", encoding="utf-8")):
    for n in [place["name"], place["city"], *place["aliases"].split(";")]:
        if n: existing_names.add(fold(n))

stations = []
for r in rows:
    number = r["URI"].rsplit("/", 1)[1]
    names = []
    for n in [r["alternative-fr"], r["name"], r["alternative-nl"], r["alternative-de"], r["alternative-en"]]:
        for part in [n, *n.split("/")] if "/" in n else [n]:
            if part and part not in names: names.append(part)
    stations.append(dict(number=number, display=r["alternative-fr"] or r["name"], names=names,
                         lat=r["latitude"], lon=r["longitude"], trains=r["avg_stop_times"] or "0"))

ids = {}
for s in stations:
    pid = EXISTING.get(s["number"]) or "BE-" + slug(s["display"])
    # iRail lists a few names twice (two platforms' ids): the second one gets its number appended.
    if pid in ids.values(): pid += "-" + s["number"].lstrip("0")
    ids[s["number"]] = pid

all_names = {fold(n) for s in stations for n in s["names"]} | existing_names
best = {}
for s in stations:
    for n in s["names"]:
        if "-" not in n: continue
        prefix, rest = n.split("-", 1)
        if not rest[:1].isupper() or fold(prefix) in all_names or len(prefix) < 3: continue
        key = fold(prefix)
        if key not in best or float(s["trains"]) > float(best[key][1]["trains"]):
            best[key] = (prefix, s)
town = {}
for prefix, s in best.values():
    town.setdefault(s["number"], []).append(prefix)

def frontier(s):
    return any(fold(n) in {fold(f) for f in FRONTIER_POINTS} for n in s["names"])

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["place_id", "irail_id", "name", "aliases", "latitude", "longitude", "trains_per_day", "boarding", "source"])
for s in sorted(stations, key=lambda s: ids[s["number"]]):
    aliases = [n for n in s["names"] if n != s["display"]] + town.get(s["number"], []) + EXTRA.get(s["number"], [])
    w.writerow([ids[s["number"]], s["number"], s["display"], ";".join(aliases), s["lat"], s["lon"],
                s["trains"], "no" if frontier(s) else "yes",
                SOURCE + ("; aliases 'Ottignies LLN' etc.: our words" if s["number"] in EXTRA else "")
                + ("; frontier point, not for boarding: belgianrail.be FAQ 'Terminology'" if frontier(s) else "")])
