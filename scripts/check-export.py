#!/usr/bin/env python3
"""Reads what `clout export` wrote with independent readers and checks they agree.

    clout export --db clout.db --out /tmp/g.graphml
    clout export --db clout.db --out /tmp/g.gexf
    clout export --db clout.db --out /tmp/tables/ --format csv
    scripts/check-export.py /tmp/g.graphml /tmp/g.gexf /tmp/tables

GraphML through networkx; GEXF through xml.etree (networkx's GEXF reader has no
`dateTime` time format, which Gephi's timeline needs); CSV through the csv module.
"""
import csv
import sys
import xml.etree.ElementTree as ET

import networkx as nx

graphml, gexf, tables = sys.argv[1:4]
g = nx.read_graphml(graphml)
ns = {"g": "http://www.gexf.net/1.2draft"}
root = ET.parse(gexf).getroot()
gexf_nodes = root.findall(".//g:node", ns)
gexf_edges = root.findall(".//g:edge", ns)
with open(f"{tables}/nodes.csv", newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
with open(f"{tables}/edges.csv", newline="", encoding="utf-8") as f:
    edges = list(csv.DictReader(f))

assert g.number_of_nodes() == len(gexf_nodes) == len(nodes), "node counts differ"
assert g.number_of_edges() == len(gexf_edges) == len(edges), "edge counts differ"
for row in nodes:
    data = g.nodes[row["Id"]]
    assert data["rank"] == int(row["rank"]), row["Id"]
    assert abs(data["score"] - float(row["score"])) < 1e-9, row["Id"]
    assert data["community"] == int(row["community"]), row["Id"]
for row in edges:
    data = g.edges[row["Source"], row["Target"]]
    assert abs(data["weight"] - float(row["Weight"])) <= 1e-6 * data["weight"], row
    assert data["interactions"] == sum(
        int(row[t]) for t in ("reply", "quote", "repost", "mention")
    ), row
for edge in gexf_edges:
    assert edge.get("start") <= edge.get("end"), edge.attrib
print(
    f"ok: {len(nodes)} nodes and {len(edges)} edges agree across GraphML (networkx), "
    f"GEXF and CSV; weakly connected components: "
    f"{nx.number_weakly_connected_components(g)}"
)
