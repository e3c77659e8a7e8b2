#!/usr/bin/env python3
"""Chooses newssearch's default ranking parameters on the IR test collections.

Stage 1: for every point of a small grid (k1, body b, title weight, proximity weight),
with query expansion off, it runs `newssearch eval` on each collection in
../shared/corpora/ir and records nDCG@10; the FTS5 bm25() baseline is measured once
per collection. Stage 2: with the stage-1 point fixed, a grid of pseudo-relevance
feedback settings (documents, terms, weight). Each stage's point maximises the mean
relative nDCG@10 gain over the baseline among the points that are worse on no
collection. Leave-one-collection-out: for each collection, both stages are chosen on
the other four and the gain on the held-out one reported, so the figure is not tuned
on the answers it reports.

Usage: python3 Benchmarks/scripts/tune_ranking.py [path/to/newssearch] [path/to/shared/corpora/ir]
"""
import itertools
import json
import os
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/newssearch"
ir = sys.argv[2] if len(sys.argv) > 2 else "../shared/corpora/ir"
collections = ["adi", "cran", "cisi", "med", "cacm"]
scratch = "/tmp/newssearch-tune"
os.makedirs(scratch, exist_ok=True)

GRID = {
    "k1": [1.2, 1.6, 2.0],
    "b-body": [0.6, 0.75, 0.9],
    "weight-title": [1, 2, 3],
    "proximity": [0, 0.25, 0.5, 1.0],
}
FEEDBACK_GRID = {
    "feedback-documents": [5, 10, 20],
    "feedback-terms": [10, 20],
    "feedback-weight": [0.3, 0.5, 0.8],
}


def evaluate(collection, flags, baseline=False):
    index = f"{scratch}/{collection}.db"
    folder = f"{ir}/{collection}"
    command = [binary, "eval", folder, "--index", index, "--json"] + flags
    if not baseline:
        command.append("--skip-baseline")
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return report["rankers"]


baseline = {}
for collection in collections:
    rankers = evaluate(collection, [], baseline=True)
    baseline[collection] = rankers["fts5"]["ndcg@10"]
print("fts5 baseline nDCG@10:", json.dumps(baseline))

cache = {}


def point(params):
    """Scores and gains of one parameter point (flags by name), evaluated once."""
    key = json.dumps(params, sort_keys=True)
    if key not in cache:
        flags = []
        for name, value in params.items():
            flags += [f"--{name}", str(value)]
        scores = {c: evaluate(c, flags)["default"]["ndcg@10"] for c in collections}
        gains = {c: scores[c] / baseline[c] - 1 for c in collections}
        cache[key] = (params, scores, gains)
        print(json.dumps({"params": params, "gains": {c: round(g * 100, 2) for c, g in gains.items()}}), flush=True)
    return cache[key]


def grid(names_values, fixed):
    names = list(names_values.keys())
    return [point({**fixed, **dict(zip(names, values))}) for values in itertools.product(*names_values.values())]


def best(results, on):
    safe = [r for r in results if all(r[2][c] >= 0 for c in on)] or results
    return max(safe, key=lambda r: sum(r[2][c] for c in on) / len(on))


def choose(on):
    """Stage 1 without feedback, then stage 2 around the stage-1 point."""
    first = best(grid(GRID, {"feedback-weight": 0}), on)[0]
    stage1 = {k: v for k, v in first.items() if k != "feedback-weight"}
    return best(grid(FEEDBACK_GRID, stage1), on)


chosen = choose(collections)
print("\nchosen:", json.dumps(chosen[0]))
for c in collections:
    print(f"  {c:5} nDCG@10 {chosen[1][c]:.4f} vs fts5 {baseline[c]:.4f} ({chosen[2][c] * 100:+.1f} %)")
print(f"  mean relative gain {sum(chosen[2].values()) / len(collections) * 100:+.2f} %")
print("\nleave-one-collection-out:")
held = []
for c in collections:
    pick = choose([o for o in collections if o != c])
    held.append(pick[2][c])
    print(f"  {c:5} chosen on the others {json.dumps(pick[0])}: {pick[2][c] * 100:+.1f} %")
print(f"  mean held-out gain {sum(held) / len(held) * 100:+.2f} %")
