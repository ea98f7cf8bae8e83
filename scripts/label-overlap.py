#!/usr/bin/env python3
"""The share of a map's labels that are hidden, read from its SVG: a label box that overlaps
another account's circle or another label box counts (the rule MapLabelOverlapTests uses).
Also counts the leader lines (edges without an arrowhead) that pass through a circle or a
label box other than their own two ends'.

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


leaders = []
for g in root.iter(ns + "g"):
    if g.get("class") != "edge" or g.find(ns + "polygon") is not None:
        continue
    numbers = [float(v) for v in re.findall(r"-?[0-9.]+", g.find(ns + "path").get("d"))]
    leaders.append((numbers[0], numbers[1], numbers[-2], numbers[-1]))


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
def segment_gap(s, c):
    """Distance from circle c's centre to segment s."""
    dx, dy = s[2] - s[0], s[3] - s[1]
    length = dx * dx + dy * dy
    t = 0 if length == 0 else max(0, min(1, ((c[0] - s[0]) * dx + (c[1] - s[1]) * dy) / length))
    return ((s[0] + t * dx - c[0]) ** 2 + (s[1] + t * dy - c[1]) ** 2) ** 0.5


def segment_hits_box(s, b, margin=1.0):
    """Whether segment s passes through box b shrunk by margin (samples every half point)."""
    steps = max(2, int(((s[2] - s[0]) ** 2 + (s[3] - s[1]) ** 2) ** 0.5 * 2))
    for k in range(steps + 1):
        x = s[0] + (s[2] - s[0]) * k / steps
        y = s[1] + (s[3] - s[1]) * k / steps
        if b[0] + margin < x < b[2] - margin and b[1] + margin < y < b[3] - margin:
            return True
    return False


crossing_circle = crossing_label = 0
for s in leaders:
    # Its own ends: the circle it starts on and the label box it ends on (Graphviz clips both).
    own = [c for c in circles if abs(segment_gap((s[0], s[1], s[0], s[1]), c) - c[2]) < 1.5]
    owner = own[0][3] if own else None
    if any(c[3] != owner and segment_gap(s, c) < c[2] - 0.5 for c in circles):
        crossing_circle += 1
    if any(b[4] != owner and segment_hits_box(s, b) for b in boxes):
        crossing_label += 1

top10 = sorted(set(range(1, 11)) - {b[4] for b in boxes})
print(
    f"{sys.argv[1]}: {hidden} of {len(boxes)} labels hidden "
    f"({100 * hidden / max(1, len(boxes)):.1f}%); top 10 unlabelled: {top10 or 'none'}; "
    f"{len(leaders)} leader lines, {crossing_circle} through another circle, "
    f"{crossing_label} through another label"
)
