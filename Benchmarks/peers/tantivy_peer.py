#!/usr/bin/env python3
"""tantivy as the peer of newssearch: the same sections, the same query forms, one JSON report.

    tantivy_peer.py export --index INDEX.db [--scratch DIR]
    tantivy_peer.py bench  --index INDEX.db --queries FILE [--forms and,or,phrase] [--runs N]
                           [--warmup N] [--max-queries N] [--limit K] [--scratch DIR]
    tantivy_peer.py check  --index INDEX.db --queries FILE [--scratch DIR]

`export` copies the sections of a newssearch index into tantivy (reused while the index file
is unchanged); `bench` exports if needed, then times every form; `check` shows that the
programmatic queries equal what tantivy's query parser builds from the same plain lines.
JSON goes to stdout, progress to stderr. The first run creates `.venv` beside this file
(see peer_venv.py). README.md in this folder has the details.
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_venv  # noqa: E402

peer_venv.ensure()

import tantivy  # noqa: E402

import peer_export  # noqa: E402
import peer_latency  # noqa: E402
import peer_queries  # noqa: E402


def log(message):
    print(message, file=sys.stderr, flush=True)


def arguments(argv):
    parser = argparse.ArgumentParser(prog="tantivy_peer.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("export", "bench", "check"):
        command = commands.add_parser(name)
        command.add_argument("--index", required=True, help="the newssearch index file (read only)")
        command.add_argument("--scratch", default=os.path.join(tempfile.gettempdir(), "newssearch-peers"),
                             help="where the tantivy export is kept (default: %(default)s)")
        command.add_argument("--writer-threads", type=int, default=1, help="tantivy indexing threads (default 1)")
        command.add_argument("--heap-mb", type=int, default=512, help="tantivy writer heap in MB (default 512)")
        command.add_argument("--rebuild", action="store_true", help="rebuild the export even if it is current")
        if name != "export":
            command.add_argument("--queries", required=True, help="one query per line; empty and # lines skipped")
            command.add_argument("--max-queries", type=int, help="use at most this many lines of the query file")
        if name == "bench":
            command.add_argument("--forms", default="and,or,phrase", help="and, or (= keyword), phrase (default: %(default)s)")
            command.add_argument("--runs", type=int, default=5, help="measured rounds (default 5)")
            command.add_argument("--warmup", type=int, default=1, help="discarded warm-up rounds (default 1)")
            command.add_argument("--limit", type=int, default=10, help="hits per query (default 10)")
    options = parser.parse_args(argv)
    if getattr(options, "runs", 1) < 1 or getattr(options, "warmup", 0) < 0 or getattr(options, "limit", 1) < 1:
        parser.error("--runs and --limit must be positive and --warmup at least 0")
    if getattr(options, "max_queries", None) is not None and options.max_queries < 1:
        parser.error("--max-queries must be positive")
    return options


def export(options):
    directory, manifest, reused = peer_export.ensure_export(
        options.index, options.scratch, options.writer_threads, options.heap_mb, options.rebuild, log)
    figures = {key: manifest[key] for key in ("sections", "text_bytes", "build_seconds", "sections_per_second",
                                              "text_mb_per_second", "size_bytes", "segments")}
    figures.update(reused=reused, path=directory, tantivy_version=tantivy.__version__,
                   writer_threads=manifest["writer_threads"])
    if "TANTIVY_PEER_VENV_SECONDS" in os.environ:
        figures["venv_seconds"] = float(os.environ["TANTIVY_PEER_VENV_SECONDS"])
    return directory, figures


def prepare(options, directory, forms, lines):
    """The queries of every line in every form, and what could not be built (counted, with reasons)."""
    index = tantivy.Index.open(directory)
    db = peer_export.open_source(options.index)
    weights = peer_export.field_weights(db, peer_queries.DEFAULT_WEIGHTS)
    db.close()
    builder = peer_queries.QueryBuilder(index.schema, weights)
    prepared, skipped, failed, reasons = [], dict.fromkeys(forms, 0), dict.fromkeys(forms, 0), []
    for line in lines:
        queries = {}
        for form in forms:
            if not builder.applies(line, form):
                continue
            try:
                queries[form] = builder.build(line, form)
            except peer_queries.QueryBuildError as error:
                skipped[form] += 1
                reasons.append(f"{form}: {error}")
            except ValueError as error:  # tantivy refused a query it should build: a bug here
                failed[form] += 1
                reasons.append(f"{form}: {line!r}: {error}")
        prepared.append(queries)
    return index, builder, prepared, skipped, failed, reasons, weights


def bench(options):
    forms = peer_queries.parse_forms(options.forms)
    lines = peer_queries.read_query_lines(options.queries, options.max_queries)
    directory, figures = export(options)
    index, _, prepared, skipped, failed, reasons, weights = prepare(options, directory, forms, lines)
    log(f"tantivy_peer: timing {len(lines)} lines as {','.join(forms)}: {options.warmup} warm-up + {options.runs} rounds")
    searcher = index.searcher()
    report, cpu_per_wall = peer_latency.run(searcher, prepared, forms, options.runs, options.warmup, options.limit)
    for form in forms:
        report[form].update(skipped=skipped[form], failed=failed[form])
    return {"tantivy": report, "index": figures,
            "run": {"lines": len(lines), "runs": options.runs, "warmup": options.warmup, "limit": options.limit,
                    "count": False, "threads": 1, "cpu_per_wall": cpu_per_wall,
                    "field_boosts": dict(zip(peer_queries.FIELDS, weights)), "notes": reasons[:20]}}


def check(options):
    """Compares each programmatic query with tantivy's parser on the plain (lowercase, alphanumeric) lines."""
    forms = peer_queries.FORMS
    lines = peer_queries.read_query_lines(options.queries, options.max_queries)
    directory, _ = export(options)
    index, builder, prepared, _, _, _, _ = prepare(options, directory, forms, lines)
    compared, differing = 0, []
    for line, queries in zip(lines, prepared):
        if not all(word.isalnum() and word == word.lower() for word in line.split()):
            continue
        for form, query in queries.items():
            compared += 1
            expected = builder.parser_query(index, line, form)
            if repr(query) != repr(expected):
                differing.append({"line": line, "form": form, "ours": repr(query), "parser": repr(expected)})
    return {"compared": compared, "identical": compared - len(differing), "differing": differing[:10]}


def main(argv):
    options = arguments(argv)
    try:
        if options.command == "export":
            result = {"index": export(options)[1]}
        elif options.command == "bench":
            result = bench(options)
        else:
            result = check(options)
    except (peer_export.ExportError, ValueError, OSError) as error:
        sys.exit(f"tantivy_peer: {error}")
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    print()
    if options.command == "check" and result["differing"]:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
