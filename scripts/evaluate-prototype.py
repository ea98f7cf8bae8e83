#!/usr/bin/env python3
"""Prototype used to compare score formulas before implementing one: reads a store
and `clout rank --until SPLIT` (release build), prints NDCG@10/50/100 of feature mixes, incl.
the old score ("current": 0.5 linear PageRank/max + 0.5 engagement/max), with half-life none.
  scripts/evaluate-prototype.py bench/data/synth-s1.db 2026-01-08 7d"""
import sqlite3, subprocess, csv, io, math, sys, collections
db, split, horizon = sys.argv[1], sys.argv[2], (sys.argv[3] if len(sys.argv) > 3 else None)
B = __import__("os").path.join(__import__("os").path.dirname(__file__), "..", ".build-eval/release/clout")
import datetime
ts = int(datetime.datetime.fromisoformat(split).replace(tzinfo=datetime.timezone.utc).timestamp())
hend = ts + int(float(horizon[:-1]) * 86400) - 1 if horizon else 2**62
def rank(extra):
    out = subprocess.run([B, "rank", "--db", db, "--until", "@" + str(ts - 1), "--top", "0", "--format", "csv"] + extra, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))
c = sqlite3.connect(db)
name = {i: (h or u) for i, h, u in c.execute("select id, handle, user_id from accounts")}
# types: check codes
types = dict(c.execute("select code, name from interaction_types"))
fut = collections.defaultdict(set)
for a, t, ty in c.execute("select actor_id, target_id, type from interactions where created_at between ? and ? and actor_id<>target_id", (ts, hend)):
    if types[ty] in ("reply", "repost", "quote"): fut[name[t]].add(a)
tr = list(c.execute("select actor_id, target_id, type, created_at from interactions where created_at < ? and actor_id<>target_id", (ts,)))
outdeg = collections.defaultdict(set); ind = collections.defaultdict(set)
for a, t, ty, _ in tr: outdeg[a].add(t); ind[t].add(a)
tw = {"reply": 1, "quote": .8, "repost": .6, "mention": .4}
ew = collections.defaultdict(float)
for a, t, ty, _ in tr: ew[(a, t)] += tw[types[ty]]
def passive2(t):
    return sum(min(1, ew[(a, t)]) / math.log2(2 + len(outdeg[a])) for a in ind[t])
def passive(t):
    return sum(1 / math.log2(2 + len(outdeg[a])) for a in ind[t])
gains = {n: math.log2(1 + len(s)) for n, s in fut.items()}
ideal = sorted(gains.values(), reverse=True)
def ndcg(order, k):
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal[:k]))
    return sum(gains.get(n, 0) / math.log2(i + 2) for i, n in enumerate(order[:k])) / idcg
base = rank(["--half-life", "none"])
rows = {r["account"]: r for r in base}
accid = {v: k for k, v in name.items()}
feat = {}
N = len(rows)
for n, r in rows.items():
    pr = float(r["pagerank"]); d = int(r["max_reply_depth"]); rep = int(r["distinct_repliers"])
    a = accid.get(n)
    de = len(ind[a]) if a else 0
    feat[n] = dict(pr=pr, lpr=math.log1p(N * pr), eng=math.log1p(d * rep), de=math.log1p(de), pas=math.log1p(passive(a) if a else 0), pas2=math.log1p(passive2(a) if a else 0), rep=math.log1p(rep), depth=d)
def norm(key):
    m = max(f[key] for f in feat.values()) or 1
    return {n: f[key] / m for n, f in feat.items()}
nf = {k: norm(k) for k in ["pr", "lpr", "eng", "de", "pas", "rep", "pas2"]}
def evalmix(mix):
    s = {n: sum(w * nf[k][n] for k, w in mix.items()) for n in feat}
    order = sorted(s, key=lambda n: (-s[n], n))
    return " ".join("%.3f" % ndcg(order, k) for k in (10, 50, 100))
print(db, split, "future engaged", len(fut), "newcomers", sum(1 for n in fut if n not in rows))
for label, mix in [("current", dict(pr=.5, eng=.5)), ("de", dict(de=1)), (".5pas+.5eng", dict(pas=.5, eng=.5)), (".5pas2+.5eng", dict(pas2=.5, eng=.5)), (".25lpr+.25pas+.5eng", dict(lpr=.25, pas=.25, eng=.5)), (".25lpr+.25pas2+.5eng", dict(lpr=.25, pas2=.25, eng=.5)), (".2lpr+.4pas2+.4eng", dict(lpr=.2, pas2=.4, eng=.4)), (".25pr+.25pas2+.5eng", dict(pr=.25, pas2=.25, eng=.5))]:
    print("  %-22s %s" % (label, evalmix(mix)))
