"""Times prepared tantivy queries: warm-up rounds, then measured rounds, one thread.

Each measured sample is one `searcher.search(query, limit, count=False)` call: tantivy's
top-k collection, which lets block-max WAND skip what cannot enter the top k, plus the
Python-to-Rust call and the list of (score, address) pairs it returns. Queries are built
before timing (as newssearch's FTS5 baseline compiles its MATCH beforehand); no stored
field is fetched. Within a round the forms of one line run one after another, in an order
that rotates from line to line and round to round, so no form is always first.

Besides wall-clock percentiles, each form gets `cpu_p50_ms` / `cpu_p99_ms`: the calling
thread's CPU time per search, which time spent waiting for a core on a loaded machine does
not inflate (tantivy searches on the calling thread by default; `cpu_per_wall` near 1.0
on an idle machine confirms no other thread does the work).
"""
import math
import time


def percentile(sorted_samples, fraction):
    """Nearest-rank percentile of ascending samples (what an HDR histogram reports, to its precision)."""
    if not sorted_samples:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_samples)))
    return sorted_samples[rank - 1]


def summary(samples_ns, queries):
    """Milliseconds rounded to the microsecond, as newssearch's `LatencySummary`."""
    ordered = sorted(samples_ns)

    def ms(value):
        return round(value / 1e6, 3)
    total = sum(ordered)
    return {"queries": queries, "samples": len(ordered),
            "p50_ms": ms(percentile(ordered, 0.50)), "p90_ms": ms(percentile(ordered, 0.90)),
            "p99_ms": ms(percentile(ordered, 0.99)), "max_ms": ms(ordered[-1]) if ordered else 0.0,
            "mean_ms": ms(total / len(ordered)) if ordered else 0.0,
            "qps": round(len(ordered) / (total / 1e9), 1) if total else 0.0}


def run(searcher, prepared, forms, runs, warmup, limit=10):
    """Times `prepared` (per query-file line, in file order, {form: query}) and returns
    per-form summaries and the process CPU time over wall time of the measured rounds:
    about 1.0 shows the searches ran on one thread.
    """
    counts = {form: sum(1 for queries in prepared if form in queries) for form in forms}
    samples = {form: [] for form in forms}
    cpu_samples = {form: [] for form in forms}
    hits_found = {form: 0 for form in forms}
    wall = cpu_total = 0.0
    for round_number in range(warmup + runs):
        measured = round_number >= warmup
        round_wall, round_cpu = time.perf_counter(), time.process_time()
        for position, queries in enumerate(prepared):
            shift = (position + round_number) % len(forms)
            for form in forms[shift:] + forms[:shift]:
                query = queries.get(form)
                if query is None:
                    continue
                start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
                result = searcher.search(query, limit, count=False)
                elapsed, elapsed_cpu = time.perf_counter_ns() - start, time.thread_time_ns() - start_cpu
                if measured:
                    samples[form].append(elapsed)
                    cpu_samples[form].append(elapsed_cpu)
                    if round_number == warmup and result.hits:
                        hits_found[form] += 1
        if measured:
            wall += time.perf_counter() - round_wall
            cpu_total += time.process_time() - round_cpu
    report = {}
    for form in forms:
        cpu = summary(cpu_samples[form], counts[form])
        report[form] = dict(summary(samples[form], counts[form]), queries_with_hits=hits_found[form],
                            cpu_p50_ms=cpu["p50_ms"], cpu_p99_ms=cpu["p99_ms"])
    return report, round(cpu_total / wall, 3) if wall > 0 else 0.0
