"""Load test of `newssearch serve` (loopback only, a fixed number of requests).

8 concurrent clients (keep-alive HTTP/1.1) send N searches taken in turn from a query
file to a server on a copy of an index, while a `newssearch index` run adds another
corpus to that copy. Reports errors (any non-200 other than a 400 for an unusable
query, any connection failure), the request latency seen by the clients (p50/p99), and
the same requests' in-process search time from each response's Server-Timing
`search;dur` (the library call, measured inside the server): the difference is what
HTTP and the server add. Exits 1 if there was any error.

  python3 Benchmarks/serve/load_test.py --bin .build/release/newssearch \
      --index /tmp/br.db --queries ../shared/corpora/queries/aol_queries.txt \
      --add ../shared/corpora/20news-bydate --requests 10000 --clients 8
"""
import argparse
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def copy_index(source, target):
    """A consistent copy of a WAL index, whatever is in its log (SQLite's backup API)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.close()
    src.close()


def start_server(binary, index, log_path):
    log = open(log_path, "w")
    process = subprocess.Popen([binary, "serve", "--index", index, "--host", "127.0.0.1", "--port", "0"],
                               stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        with open(log_path) as f:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", f.read())
        if match:
            return process, int(match.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    sys.exit("the server did not start: " + open(log_path).read())


def client(port, queries, counter, lock, total, results):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        with lock:
            number = counter[0]
            if number >= total:
                break
            counter[0] += 1
        query = queries[number % len(queries)]
        target = "/api/search?" + urllib.parse.urlencode({"q": query})
        start = time.perf_counter()
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - start
            timing = response.getheader("Server-Timing") or ""
            match = re.search(r"search;dur=([0-9.]+)", timing)
            results.append((response.status, elapsed * 1000, float(match.group(1)) if match else None,
                            body[:200] if response.status != 200 else b""))
        except Exception as error:  # a refused or dropped connection is an error
            results.append((0, (time.perf_counter() - start) * 1000, None, str(error).encode()))
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="the newssearch executable (a release build for real figures)")
    parser.add_argument("--index", required=True, help="the BBC + Reuters index (copied; never changed)")
    parser.add_argument("--queries", required=True, help="one query per line")
    parser.add_argument("--add", help="a corpus an index run adds to the copy while the clients search")
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()

    queries = [line.strip() for line in open(args.queries, encoding="utf-8") if line.strip()]
    work = tempfile.mkdtemp(prefix="newssearch-load-")
    index = os.path.join(work, "index.db")
    copy_index(args.index, index)
    server, port = start_server(args.bin, index, os.path.join(work, "serve.log"))
    indexer = None
    try:
        if args.add:
            indexer = subprocess.Popen([args.bin, "index", args.add, "--index", index, "--quiet"],
                                       stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "index.log"), "w"))
        results, counter, lock = [], [0], threading.Lock()
        threads = [threading.Thread(target=client, args=(port, queries, counter, lock, args.requests, results))
                   for _ in range(args.clients)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        index_running_at_end = indexer is not None and indexer.poll() is None
        if indexer is not None:
            indexer.wait()
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()

    ok = [r for r in results if r[0] == 200]
    refused = [r for r in results if r[0] == 400]
    errors = [r for r in results if r[0] not in (200, 400)]
    latency = [r[1] for r in ok]
    inside = [r[2] for r in ok if r[2] is not None]
    overhead = [r[1] - r[2] for r in ok if r[2] is not None]
    figures = {
        "requests": len(results), "clients": args.clients, "ok": len(ok), "unusable_query_400": len(refused),
        "errors": len(errors), "wall_s": round(wall, 2), "requests_per_s": round(len(results) / wall, 1),
        "http_p50_ms": round(percentile(latency, 50), 3), "http_p99_ms": round(percentile(latency, 99), 3),
        "in_process_p50_ms": round(percentile(inside, 50), 3), "in_process_p99_ms": round(percentile(inside, 99), 3),
        "overhead_p50_ms": round(percentile(overhead, 50), 3), "overhead_p99_ms": round(percentile(overhead, 99), 3),
        "index_run": None if indexer is None else {"exit": indexer.returncode, "still_running_when_clients_finished": index_running_at_end},
    }
    if args.json:
        print(json.dumps(figures, sort_keys=True))
    else:
        print(f"{figures['requests']} requests from {args.clients} clients in {figures['wall_s']} s "
              f"({figures['requests_per_s']}/s): {len(ok)} ok, {len(refused)} unusable queries (400), {len(errors)} errors")
        print(f"request latency (HTTP, client side): p50 {figures['http_p50_ms']} ms, p99 {figures['http_p99_ms']} ms")
        print(f"same requests in-process (Server-Timing search): p50 {figures['in_process_p50_ms']} ms, p99 {figures['in_process_p99_ms']} ms")
        print(f"HTTP and server overhead per request: p50 {figures['overhead_p50_ms']} ms, p99 {figures['overhead_p99_ms']} ms")
        if indexer is not None:
            print(f"index run of {args.add}: exit {indexer.returncode}"
                  + (" (it was still running when the clients finished)" if index_running_at_end else " (it finished before the clients)"))
    for status, _, _, detail in errors[:5]:
        print(f"error: status {status}: {detail.decode(errors='replace')}", file=sys.stderr)
    bad_index = indexer is not None and indexer.returncode != 0
    sys.exit(1 if errors or bad_index else 0)


if __name__ == "__main__":
    main()
