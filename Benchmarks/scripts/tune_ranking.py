#!/usr/bin/env python3
"""Chooses newssearch's default ranking among a few candidate settings, by the worst
collection rather than the mean, and reports leave-one-collection-out.

Each candidate is a set of `newssearch eval` ranking flags that changes one thing
against a reference point (so every change is measured on its own), plus a few
combinations. For every candidate and collection it records nDCG@10, MAP and P@10 of
our ranker and of FTS5's bm25() (measured once per collection), the relative gains
and the two-sided p-value of a paired randomisation test on per-query nDCG@10.

Choice rule (the same for the full choice and for each leave-one-out fold): among
the candidates with MAP and P@10 not worse than bm25() on any of the collections used
for choosing, take the one with the best worst-collection nDCG@10 gain; ties (within
half a point) go to the one departing from fewer standard settings (k1 1.2, b 0.75,
RM3 10 documents / 10 terms / weight 0.5), then to the better mean. Leave-one-collection-out chooses on the other
collections and reports the gain on the held-out one.

Usage: python3 Benchmarks/scripts/tune_ranking.py [newssearch binary] [collection folder ...]
       (default: .build/debug/newssearch, every folder of ../shared/corpora/ir)
Prints one JSON line per candidate, then the tables. CANDIDATES='{"name": [flags]}' adds
candidates (with CANDIDATES_ONLY=1, only those are run).
"""
import json
import os
import random
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/newssearch"
folders = sys.argv[2:] or sorted(
    os.path.join("../shared/corpora/ir", name) for name in os.listdir("../shared/corpora/ir"))
collections = [os.path.basename(f.rstrip("/")) for f in folders]
scratch = "/tmp/newssearch-tune"
os.makedirs(scratch, exist_ok=True)

# Standard BM25 settings, no extras: the reference every single change is made against.
STANDARD = ["--k1", "1.2", "--b-body", "0.75", "--weight-title", "1", "--weight-heading", "1",
            "--proximity", "0", "--feedback-weight", "0"]
CANDIDATES = {
    "the binary's defaults": [],
    "previous defaults (k1 1.6, b 0.9, title 3, prox 0.5, PRF 5/20/0.3)": ["--k1", "1.6", "--b-body", "0.9", "--b-title", "0.3",
        "--weight-title", "3", "--weight-heading", "1.5", "--proximity", "0.5", "--feedback-documents", "5",
        "--feedback-terms", "20", "--feedback-weight", "0.3"],
    "standard BM25F (k1 1.2, b 0.75, weights 1, no extras)": STANDARD,
    "+ title weight 2": STANDARD + ["--weight-title", "2"],
    "+ title weight 3": STANDARD + ["--weight-title", "3"],
    "+ proximity 0.5": STANDARD + ["--proximity", "0.5"],
    "+ proximity 1": STANDARD + ["--proximity", "1"],
    "+ RM3 10/10/0.5": STANDARD + ["--feedback-documents", "10", "--feedback-terms", "10", "--feedback-weight", "0.5"],
    "+ RM3 10/10/0.3": STANDARD + ["--feedback-documents", "10", "--feedback-terms", "10", "--feedback-weight", "0.3"],
    "+ RM3 5/20/0.3": STANDARD + ["--feedback-documents", "5", "--feedback-terms", "20", "--feedback-weight", "0.3"],
    "+ sdm 0.1": STANDARD + ["--proximity-model", "sdm", "--proximity", "0.1"],
    "+ sdm 0.25": STANDARD + ["--proximity-model", "sdm", "--proximity", "0.25"],
}
# Combinations of the single changes that helped.
TITLE3 = ["--k1", "1.2", "--b-body", "0.75", "--weight-title", "3", "--weight-heading", "1"]
RM3 = ["--feedback-documents", "10", "--feedback-terms", "10", "--feedback-weight", "0.5"]
RM3_03 = ["--feedback-documents", "10", "--feedback-terms", "10", "--feedback-weight", "0.3"]
PRF_OLD = ["--feedback-documents", "5", "--feedback-terms", "20", "--feedback-weight", "0.3"]
CANDIDATES.update({
    "title 3, sdm 0.1, RM3 10/10/0.5": TITLE3 + ["--proximity-model", "sdm", "--proximity", "0.1"] + RM3,
    "title 3, sdm 0.1, PRF 5/20/0.3": TITLE3 + ["--proximity-model", "sdm", "--proximity", "0.1"] + PRF_OLD,
    "title 3, gap 0.5, RM3 10/10/0.5": TITLE3 + ["--proximity", "0.5"] + RM3,
    "title 3, gap 0.5, RM3 10/10/0.3": TITLE3 + ["--proximity", "0.5"] + RM3_03,
    "title 3, gap 0.5, PRF 5/20/0.3": TITLE3 + ["--proximity", "0.5"] + PRF_OLD,
    "title 3 b 0.75, gap 0.5, RM3 10/10/0.5": TITLE3 + ["--b-title", "0.75", "--proximity", "0.5"] + RM3,
    "title 3 b 0.75, gap 0.5, RM3 10/10/0.3": TITLE3 + ["--b-title", "0.75", "--proximity", "0.5"] + RM3_03,
    "title 3 b 0.75, gap 0.5, PRF 5/20/0.3": TITLE3 + ["--b-title", "0.75", "--proximity", "0.5"] + PRF_OLD,
})
extra = os.environ.get("CANDIDATES")
if extra:  # JSON object name -> flag list, to try more points without editing the script
    if os.environ.get("CANDIDATES_ONLY"):
        CANDIDATES = {}
    CANDIDATES.update(json.loads(extra))


def evaluate(folder, flags, ranker):
    index = f"{scratch}/{os.path.basename(folder.rstrip('/'))}.db"
    command = [binary, "eval", folder, "--index", index, "--json", "--per-query", "--ranker", ranker] + flags
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return report["rankers"][ranker], report["per_query"][ranker]


def randomisation(a, b, trials=20000, seed=17):
    """Two-sided paired sign-flip test on the mean difference (Monte Carlo)."""
    d = [x - y for x, y in zip(a, b) if abs(x - y) > 1e-12]
    if not d:
        return 1.0
    observed = abs(sum(d)) - 1e-9
    rng = random.Random(seed)
    extreme = sum(abs(sum(v if rng.random() < 0.5 else -v for v in d)) >= observed for _ in range(trials))
    return (extreme + 1) / (trials + 1)


baseline = {c: evaluate(f, [], "fts5") for c, f in zip(collections, folders)}
results = {}
for name, flags in CANDIDATES.items():
    row = {}
    for c, f in zip(collections, folders):
        scores, per_query = evaluate(f, flags, "bm25f")
        base, base_per_query = baseline[c]
        queries = sorted(base_per_query)
        row[c] = {
            "ndcg": scores["ndcg_10"], "map": scores["map"], "p10": scores["p_10"],
            "gain": scores["ndcg_10"] / base["ndcg_10"] - 1,
            "map_gain": scores["map"] / base["map"] - 1, "p10_gain": scores["p_10"] / base["p_10"] - 1,
            "p": randomisation([per_query[q] for q in queries], [base_per_query[q] for q in queries]),
        }
    results[name] = row
    print(json.dumps({"candidate": name, "gains": {c: round(r["gain"] * 100, 2) for c, r in row.items()},
                      "map_gains": {c: round(r["map_gain"] * 100, 2) for c, r in row.items()},
                      "p10_gains": {c: round(r["p10_gain"] * 100, 2) for c, r in row.items()}}), flush=True)


# Settings with a literature standard (Robertson's BM25, Anserini's RM3); a candidate
# that departs from more of them has more parameters fitted to these collections.
STANDARD_VALUES = {"k1": 1.2, "b-body": 0.75, "b-title": 0.75,
                   "feedback-documents": 10, "feedback-terms": 10, "feedback-weight": 0.5}
TIE = 0.005  # worst-collection gains within half a point are a tie: the noise between runs of settings


def departures(name):
    flags = CANDIDATES[name]
    values = {flags[i][2:]: float(flags[i + 1]) for i in range(0, len(flags) - 1, 2) if flags[i].startswith("--")}
    return sum(1 for key, standard in STANDARD_VALUES.items() if key in values and values[key] != standard)


def choose(on, results=None):
    """Best worst-collection gain; ties (within TIE) go to fewer departures from the
    standard settings, then to the better mean."""
    results = results if results is not None else globals()["results"]
    def safe(name):
        return all(results[name][c].get("map_gain", 0) >= 0 and results[name][c].get("p10_gain", 0) >= 0 for c in on)
    pool = [n for n in results if safe(n)] or list(results)
    worst = {n: min(results[n][c]["gain"] for c in on) for n in pool}
    mean = {n: sum(results[n][c]["gain"] for c in on) / len(on) for n in pool}
    top = max(worst.values())
    return min((n for n in pool if worst[n] >= top - TIE), key=lambda n: (departures(n), -mean[n]))


print("\nfts5 bm25(): " + ", ".join(f"{c} nDCG@10 {baseline[c][0]['ndcg_10']:.4f} MAP {baseline[c][0]['map']:.4f} "
                                    f"P@10 {baseline[c][0]['p_10']:.4f}" for c in collections))
print("\nnDCG@10 gain over bm25() per candidate (worst, mean):")
for name, row in results.items():
    gains = [row[c]["gain"] for c in collections]
    print(f"  {name[:60]:60} " + " ".join(f"{c} {row[c]['gain'] * 100:+5.1f}" for c in collections)
          + f" | worst {min(gains) * 100:+5.1f} mean {sum(gains) / len(gains) * 100:+5.1f}")
chosen = choose(collections)
print(f"\nchosen: {chosen}  flags: {' '.join(CANDIDATES[chosen])}")
print("collection  nDCG@10 (fts5 → ours, gain, p)        MAP (fts5 → ours)     P@10 (fts5 → ours)")
for c in collections:
    r, b = results[chosen][c], baseline[c][0]
    print(f"  {c:8} {b['ndcg_10']:.4f} → {r['ndcg']:.4f} {r['gain'] * 100:+5.1f} % p={r['p']:.4f}   "
          f"{b['map']:.4f} → {r['map']:.4f} {r['map_gain'] * 100:+5.1f} %   {b['p_10']:.4f} → {r['p10']:.4f} {r['p10_gain'] * 100:+5.1f} %")
gains = [results[chosen][c]["gain"] for c in collections]
print(f"  mean gain {sum(gains) / len(gains) * 100:+.2f} %, worst {min(gains) * 100:+.2f} %")
print("\nleave-one-collection-out:")
held = []
for c in collections:
    pick = choose([o for o in collections if o != c])
    held.append(results[pick][c]["gain"])
    print(f"  {c:8} chosen on the others: {pick}: {results[pick][c]['gain'] * 100:+.1f} %")
print(f"  mean held-out gain {sum(held) / len(held) * 100:+.2f} %, worst {min(held) * 100:+.2f} %")
