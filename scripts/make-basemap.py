#!/usr/bin/env python3
"""Builds Datasets/basemap/countries-110m-europe-africa.csv from world-atlas's countries-110m.json (TopoJSON).

Usage: python3 scripts/make-basemap.py Datasets/basemap/countries-110m.json \
           > Datasets/basemap/countries-110m-europe-africa.csv
       --svg FILE also writes a check picture (frame, outlines, the five towns as red dots);
       --dp UNITS turns on Douglas–Peucker (default off, see DP_TOLERANCE).

Python 3 standard library only. Steps, in this order:
1. Decode the TopoJSON arcs (quantized, delta-encoded: x = Σdx · scale[0] + translate[0], same for y).
2. Project every arc into the map frame (below) and thin it, arc by arc, so that a border shared by two countries is
   thinned once and stays identical on both sides: a vertex closer than MIN_STEP units to the last kept one is
   dropped (the arc's ends are always kept), then Douglas–Peucker with tolerance DP_TOLERANCE.
3. Assemble each country's rings from its arcs (a negative index ~i is arc i reversed; consecutive arcs share a point).
4. Clip every ring to the frame rectangle (Sutherland–Hodgman), round to 0.1 unit, drop repeated points and rings
   under MIN_RING_AREA square units; keep the countries with something left.

Projection (TrajetCore MapFrame.europeAfrica reproduces it to place stations and legs):
    x = (lon - LON_MIN) * UNITS_PER_DEGREE * cos(REFERENCE_LATITUDE)
    y = (LAT_MAX - lat) * UNITS_PER_DEGREE
"""
import argparse, csv, json, math, sys

LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = -20.0, 40.0, 0.0, 60.0
UNITS_PER_DEGREE = 10.0
REFERENCE_LATITUDE = 35.0
X_SCALE = UNITS_PER_DEGREE * math.cos(math.radians(REFERENCE_LATITUDE))
WIDTH = (LON_MAX - LON_MIN) * X_SCALE
HEIGHT = (LAT_MAX - LAT_MIN) * UNITS_PER_DEGREE

MIN_STEP = 1.0        # map units between consecutive kept vertices
DP_TOLERANCE = 0.0    # map units; 0 = off (the CSV is ~40 KB without it; --dp 0.6 gives ~37 KB)
MIN_RING_AREA = 2.0   # square map units; smaller rings (tiny islands) are dropped

WORLD_ATLAS_VERSION = "2.0.2"
SOURCE = (f"Natural Earth 1:110m admin-0 countries via world-atlas {WORLD_ATLAS_VERSION} countries-110m.json "
          "(public domain)")

# The partner towns and Brussels, for the check picture and the margin check: (name, lat, lon).
CHECK_TOWNS = [("Lomé", 6.13, 1.22), ("Dakar", 14.7, -17.45), ("Khémisset", 33.8, -6.07),
               ("Cairo", 30.04, 31.24), ("Brussels", 50.85, 4.35)]


def project(lon, lat):
    return ((lon - LON_MIN) * X_SCALE, (LAT_MAX - lat) * UNITS_PER_DEGREE)


def decode_arcs(topology):
    """Absolute (lon, lat) points of every arc; handles both quantized and plain topologies."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for position in arc:
                x += position[0]
                y += position[1]
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def thin(points, min_step):
    """Drops vertices closer than min_step to the last kept one; keeps both ends."""
    if len(points) <= 2:
        return list(points)
    kept = [points[0]]
    for p in points[1:-1]:
        if math.dist(p, kept[-1]) >= min_step:
            kept.append(p)
    last = points[-1]
    if len(kept) > 1 and math.dist(last, kept[-1]) < min_step:
        kept.pop()          # the end must stay (it is shared with the next arc): drop the vertex before it
    kept.append(last)
    return kept


def douglas_peucker(points, tolerance):
    if tolerance <= 0 or len(points) <= 2:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)   # closed arc: distance to its start point
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring_from_arcs(indexes, arcs):
    ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def clip_ring(ring, xmin, ymin, xmax, ymax):
    """Sutherland–Hodgman against the four sides of the rectangle; the ring is open (no repeated last point)."""
    def clip(points, inside, cross):
        out = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    points = ring
    for inside, cross in ((lambda p: p[0] >= xmin, at_x(xmin)), (lambda p: p[0] <= xmax, at_x(xmax)),
                          (lambda p: p[1] >= ymin, at_y(ymin)), (lambda p: p[1] <= ymax, at_y(ymax))):
        if not points:
            break
        points = clip(points, inside, cross)
    return points


def area(ring):
    return abs(sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring)))) / 2


def number(value):
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def rounded_ring(ring):
    out = []
    for x, y in ring:
        p = (round(x, 1) + 0.0, round(y, 1) + 0.0)
        if not out or p != out[-1]:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def country_rings(geometry, arcs):
    if geometry["type"] == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return []
    rings = []
    for polygon in polygons:
        for indexes in polygon:
            ring = ring_from_arcs(indexes, arcs)
            if len(ring) > 1 and ring[0] == ring[-1]:
                ring = ring[:-1]
            ring = clip_ring(ring, 0.0, 0.0, WIDTH, HEIGHT)
            ring = rounded_ring(ring)
            if len(ring) >= 3 and area(ring) >= MIN_RING_AREA:
                rings.append(ring)
    return rings


def path_data(rings):
    return "".join(
        "M" + "L".join(f"{number(x)} {number(y)}" for x, y in ring) + "Z" for ring in rings)


def build(topology, min_step=MIN_STEP, tolerance=DP_TOLERANCE):
    arcs = [douglas_peucker(thin([project(lon, lat) for lon, lat in arc], min_step), tolerance)
            for arc in decode_arcs(topology)]
    rows = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = country_rings(geometry, arcs)
        if rings:
            rows.append({"iso_n3": geometry.get("id", ""), "name": geometry.get("properties", {}).get("name", ""),
                         "path": path_data(rings), "rings": rings})
    rows.sort(key=lambda r: (r["name"], r["iso_n3"]))
    return rows


def write_svg(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-10 -10 {WIDTH + 20:.1f} {HEIGHT + 20}" '
                  f'width="{2 * (WIDTH + 20):.0f}" height="{2 * (HEIGHT + 20):.0f}">\n'
                  f'<rect x="-10" y="-10" width="{WIDTH + 20:.1f}" height="{HEIGHT + 20}" fill="#dbe9f4"/>\n'
                  f'<rect x="0" y="0" width="{WIDTH:.1f}" height="{HEIGHT}" fill="none" stroke="#888" '
                  f'stroke-width="0.5"/>\n')
        for row in rows:
            out.write(f'<path d="{row["path"]}" fill="#f4f1ea" stroke="#9a968c" stroke-width="0.6" '
                      f'stroke-linejoin="round"><title>{row["name"]}</title></path>\n')
        for name, lat, lon in CHECK_TOWNS:
            x, y = project(lon, lat)
            out.write(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="red"/>'
                      f'<text x="{x + 4:.1f}" y="{y - 4:.1f}" font-size="9" font-family="sans-serif">{name}</text>\n')
        out.write("</svg>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", help="world-atlas countries-110m.json")
    parser.add_argument("--svg", help="also write a check picture here")
    parser.add_argument("--dp", type=float, default=DP_TOLERANCE, help="Douglas–Peucker tolerance in map units")
    args = parser.parse_args()
    with open(args.topojson, encoding="utf-8") as f:
        topology = json.load(f)

    for name, lat, lon in CHECK_TOWNS:
        margin = min(lon - LON_MIN, LON_MAX - lon, lat - LAT_MIN, LAT_MAX - lat)
        if margin < 2:
            sys.exit(f"{name} is {margin:.2f}° from the edge of the frame; widen it")

    rows = build(topology, tolerance=args.dp)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["iso_n3", "name", "path", "source"])
    for row in rows:
        writer.writerow([row["iso_n3"], row["name"], row["path"], SOURCE])
    if args.svg:
        write_svg(args.svg, rows)
    vertices = sum(len(ring) for row in rows for ring in row["rings"])
    print(f"frame {WIDTH:.3f} x {HEIGHT:.3f} units; {len(rows)} countries, "
          f"{sum(len(r['rings']) for r in rows)} rings, {vertices} vertices", file=sys.stderr)


if __name__ == "__main__":
    main()
