#!/usr/bin/env python3
"""Runs pathological queries through `newssearch search` and reports what each cost.

Usage:
    Benchmarks/scripts/pathological_queries.py NEWSSEARCH_BINARY [INDEX] [--timeout S] [--fuzz]

NEWSSEARCH_BINARY is a built `newssearch` (this script builds nothing; a debug build,
`.build/debug/newssearch`, is fine). INDEX defaults to a fresh index of the repository's
`seeds/`, built with that binary in a temporary directory.

Each query runs under `/usr/bin/time -f '%e %M'`; the table shows the query, the exit
code, the first line of stderr, wall seconds and maximum RSS (KB). The script exits 1 if
any exit code is outside 0/1/2, any query runs past the timeout, or any output mentions
SQLite, FTS5 or "bug in newssearch". Exit codes: 0 = hits or none, 1 = a fault, 2 = an
unusable query (QueryLimits in Sources/NewsSearch/Query/QueryLimits.swift says which
bounds apply and why).

--fuzz also runs the 100,000-query fuzz test (parse, compile and a real FTS5 MATCH on
an in-memory table), i.e. `NEWSSEARCH_FUZZ_QUERIES=100000 swift test --skip-build
--filter QueryFuzzTests`, after the tests have been built with `swift build --build-tests`.
"""
import argparse
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORBIDDEN = ("sqlite", "fts5", "bug in newssearch")


COMMON = ("said year people government would also new first time last world told market growth minister "
          "company country week state million percent first party election police report officials border "
          "prices oil gas bank news security war talks sanctions korea china united states").split()


def words(count):
    """Distinct words that match nothing: w0 w1 … (one tokenizer word each)."""
    return [f"w{i}" for i in range(count)]


def common(count):
    """Common news words, repeated: every one has a long doclist (the costly case)."""
    return [COMMON[i % len(COMMON)] for i in range(count)]


def queries():
    """(label, query text, extra arguments) for every pathological case."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    two_letter = [a + b for a in "stcpbm" for b in "aeiou"]
    worst_level = "(oil gas OR korea "  # an AND inside an OR at every level
    return [
        ("20,000 nested (", "(" * 20_000 + "oil", []),
        ("9,000 nested (", "(" * 9_000 + "oil", []),
        ("32 levels (oil OR (oil OR …", "(oil OR " * 32 + "oil" + ")" * 32, []),
        ("10 levels AND-in-OR (limit)", worst_level * 10 + "oil" + ")" * 10, []),
        ("11 levels AND-in-OR", worst_level * 11 + "oil" + ")" * 11, []),
        ("a: x 50,000 (100 KB)", "a:" * 50_000, []),
        ("a: x 4,999 (10 KB)", "a:" * 4_999, []),
        ("phrase of 50,000 words", '"' + " ".join(["a"] * 50_000) + '"', []),
        ("phrase of 512 words (limit)", '"' + " ".join(words(512)) + '"', []),
        ("512 one-letter prefixes OR", " OR ".join(letters[i % 26] + "*" for i in range(512)), []),
        ("16 two-letter prefixes OR (limit)", " OR ".join(p + "*" for p in two_letter[:16]), []),
        ("17 two-letter prefixes OR", " OR ".join(p + "*" for p in two_letter[:17]), []),
        ("10,000 terms", " ".join(words(10_000)), []),
        ("512 terms AND (limit)", " ".join(words(512)), []),
        ("512 terms --any (limit)", " ".join(words(512)), ["--any"]),
        ("512 terms OR (limit)", " OR ".join(words(512)), []),
        ("512 common words OR (limit)", " OR ".join(common(512)), []),
        ("512 common words --any (limit)", " ".join(common(512)), ["--any"]),
        ("phrase of 512 common words", '"' + " ".join(common(512)) + '"', []),
        ("NEAR of 512 words, 10000", "NEAR(" + " ".join(words(512)) + ", 10000)", []),
        ("100 KB of combining marks", "\u0301" * 50_000, []),
        ('" + 4,999 combining marks', '"' + "\u0301" * 4_999, []),
        ("quote+mark injection", 'reuter"\u0301{author}:"\u0301smith', []),
        ('"\u0301of"', '"\u0301of"', []),
        ("NEAR(oil gas, -5)", "NEAR(oil gas, -5)", []),
        ('"a b"~9999999999', '"a b"~9999999999', []),
        ("10 KB of *", "*" * 9_998 + "ab", []),
        ("ab then 9,998 *", "ab" + "*" * 9_998, []),
        ("10 KB of ZWJ/RLM/RLO", "x\u200d\u200f\u202e" * 1_000, []),
        ("controls and escapes", "oil \x1b]0;pwned\x07 \u009b31m gas", []),
    ]


def run(binary, index, label, text, extra, timeout):
    command = ["/usr/bin/time", "-f", "%e %M", binary, "search", text, "--index", index, "--limit", "3"] + extra
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return (label, "timeout", f"did not finish in {timeout} s", float(timeout), 0, False)
    stderr = done.stderr.decode("utf-8", "replace").splitlines()
    # /usr/bin/time writes its figures last (after "Command exited with non-zero status").
    timing = stderr[-1].split() if stderr else ["0", "0"]
    messages = [line for line in stderr[:-1] if not line.startswith("Command exited with")]
    output = (done.stdout.decode("utf-8", "replace") + "\n".join(messages)).lower()
    healthy = done.returncode in (0, 1, 2) and not any(word in output for word in FORBIDDEN)
    first = messages[0] if messages else "(nothing on stderr)"
    return (label, str(done.returncode), first, float(timing[0]), int(timing[1]), healthy)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="a built newssearch executable")
    parser.add_argument("index", nargs="?", help="index to search (default: a fresh index of seeds/)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds before a query counts as hung (default 300)")
    parser.add_argument("--fuzz", action="store_true", help="also run the 100,000-query fuzz test")
    options = parser.parse_args()
    binary, timeout = os.path.abspath(options.binary), options.timeout
    scratch = tempfile.TemporaryDirectory(prefix="newssearch-pathological-")
    index = options.index
    if index is None:
        index = os.path.join(scratch.name, "index.db")
        subprocess.run([binary, "index", os.path.join(REPO, "seeds"), "--index", index, "--quiet"], check=True)
    rows = [run(binary, index, label, text, extra, timeout) for label, text, extra in queries()]
    print(f"{'query':<36} {'rc':>7} {'wall s':>7} {'max RSS KB':>10}  first line of stderr")
    for label, rc, first, seconds, rss, healthy in rows:
        mark = "" if healthy else "  <-- FAIL"
        print(f"{label:<36} {rc:>7} {seconds:>7.2f} {rss:>10}  {first[:110]}{mark}")
    worst = max(rows, key=lambda row: row[3])
    print(f"worst wall time {worst[3]:.2f} s ({worst[0]}); worst RSS {max(row[4] for row in rows)} KB")
    failed = [row for row in rows if not row[5]]
    if options.fuzz:
        environment = dict(os.environ, NEWSSEARCH_FUZZ_QUERIES="100000")
        fuzz = subprocess.run(["swift", "test", "--skip-build", "--filter", "QueryFuzzTests"], cwd=REPO, env=environment,
                              capture_output=True, text=True)
        summary = [line for line in fuzz.stdout.splitlines() if line.startswith("fuzz:") or "Test run" in line]
        print("\n".join(summary) or fuzz.stdout[-2000:])
        if fuzz.returncode != 0:
            failed.append(("fuzz",))
    if failed:
        print(f"{len(failed)} case(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
