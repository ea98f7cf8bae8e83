#!/usr/bin/env python3
"""The share of a map's labels that are hidden, read from its SVG: a label box that overlaps
another account's circle or another label box counts (the rule MapLabelOverlapTests uses).

    clout map --db clout.db --out map.svg --top 500
    scripts/label-overlap.py map.svg
"""
import re
import sys
import xml.etree.ElementTree as ET

ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
circles, boxes = [], []
for g in root.iter(ns + "g"):
    if g.get("class") != "node":
        continue
    title = g.find(ns + "title")
    title = title.text if title is not None else ""
    label_owner = int(title[1:]) if re.fullmatch(r"l\d+", title or "") else None
    owner = label_owner or int(g.get("id")[4:])
    for e in g.iter(ns + "ellipse"):
        if label_owner is None:
            circles.append((float(e.get("cx")), float(e.get("cy")), float(e.get("rx")), owner))
    for p in g.iter(ns + "polygon"):
        pts = [tuple(map(float, q.split(","))) for q in p.get("points").split()]
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        boxes.append((min(xs), min(ys), max(xs), max(ys), owner))


def hits_circle(b, c):
    dx = c[0] - max(b[0], min(c[0], b[2]))
    dy = c[1] - max(b[1], min(c[1], b[3]))
    return dx * dx + dy * dy < c[2] * c[2]


def hits_box(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


hidden = sum(
    1
    for i, b in enumerate(boxes)
    if any(c[3] != b[4] and hits_circle(b, c) for c in circles)
    or any(j != i and hits_box(b, o) for j, o in enumerate(boxes))
)
top10 = sorted(set(range(1, 11)) - {b[4] for b in boxes})
print(
    f"{sys.argv[1]}: {hidden} of {len(boxes)} labels hidden "
    f"({100 * hidden / max(1, len(boxes)):.1f}%); top 10 unlabelled: {top10 or 'none'}"
)
