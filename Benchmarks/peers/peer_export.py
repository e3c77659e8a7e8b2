"""Copies exactly the sections of a newssearch index into a tantivy index, once per source state.

Each section becomes one tantivy document: `title` (its article's), `heading`, `body` as text
with tantivy's `en_stem` tokenizer and positions (for phrases), and `id`, the newssearch
section id, as a stored fast u64. The author column is left out: newssearch's bare words
do not search it. One writer; after its commit the build waits for tantivy's merges, so
the size and the segment count are final.

The export lives in `SCRATCH/tantivy-<hash of the source path>/` beside a `manifest.json`
that records the source file's size and mtime (and its WAL's); an unchanged source reuses
the export, anything else rebuilds it.
"""
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import time

import tantivy

FORMAT = 1
SECTIONS_SQL = """
    SELECT s.id, a.title, s.heading, s.body
    FROM sections s JOIN articles a ON a.id = s.article_id
    ORDER BY s.id
"""


class ExportError(Exception):
    """The source index cannot be read or exported (one line, says what to do)."""


def source_state(path):
    """What identifies the source's content: path, size and mtime of the file and of its WAL."""
    real = os.path.realpath(path)
    try:
        stat = os.stat(real)
    except OSError as error:
        raise ExportError(f"cannot read the newssearch index {path}: {error.strerror}; pass --index PATH of an index file")
    state = {"path": real, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if os.path.exists(real + "-wal"):
        wal = os.stat(real + "-wal")
        state["wal_size"], state["wal_mtime_ns"] = wal.st_size, wal.st_mtime_ns
    return state


def open_source(path):
    """A read-only connection to a newssearch index."""
    uri = "file:" + os.path.realpath(path).replace("?", "%3f").replace("#", "%23") + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
        db.execute("SELECT 1 FROM sections LIMIT 1").fetchall()
        db.execute("SELECT 1 FROM articles LIMIT 1").fetchall()
    except sqlite3.Error as error:
        raise ExportError(f"{path} is not a readable newssearch index ({error}): build one with `newssearch index DIR --index {path}`")
    return db


def field_weights(db, default):
    """The title, heading, body weights stored in the index by `newssearch config`, else the defaults."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'ranking'").fetchone()
        weights = json.loads(row[0])["weights"] if row else None
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        weights = None
    if not isinstance(weights, list) or len(weights) < 3:
        return tuple(default)
    return tuple(float(w) for w in weights[:3])


def schema():
    """The tantivy schema equivalent to newssearch's searched columns."""
    builder = tantivy.SchemaBuilder()
    for name in ("title", "heading", "body"):
        builder.add_text_field(name, stored=False, tokenizer_name="en_stem", index_option="position")
    builder.add_unsigned_field("id", stored=True, fast=True)
    return builder.build()


def export_dir(scratch, source):
    digest = hashlib.sha1(source["path"].encode()).hexdigest()[:12]
    return os.path.join(scratch, f"tantivy-{digest}")


def ensure_export(index_path, scratch, writer_threads=1, heap_mb=512, rebuild=False, log=print):
    """The export's directory and manifest, reusing a current one. Returns (directory, manifest, reused).

    Runs under a lock in `scratch`, so two runs on the same index never build into one directory.
    """
    source = source_state(index_path)
    os.makedirs(scratch, exist_ok=True)
    with open(export_dir(scratch, source) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _ensure_export(index_path, source, scratch, writer_threads, heap_mb, rebuild, log)


def _ensure_export(index_path, source, scratch, writer_threads, heap_mb, rebuild, log):
    directory = export_dir(scratch, source)
    manifest_path = os.path.join(directory, "manifest.json")
    wanted = {"format": FORMAT, "tantivy": tantivy.__version__, "source": source,
              "writer_threads": writer_threads, "heap_mb": heap_mb}
    if not rebuild and os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        if all(manifest.get(key) == value for key, value in wanted.items()):
            return directory, manifest, True
        log(f"tantivy_peer: {index_path} changed since its export (or the settings did): rebuilding {directory}")
    if os.path.exists(directory):
        shutil.rmtree(directory)
    os.makedirs(directory)
    manifest = dict(wanted, **build(index_path, directory, writer_threads, heap_mb, log))
    with open(manifest_path + ".tmp", "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1)
    os.replace(manifest_path + ".tmp", manifest_path)
    return directory, manifest, False


def build(index_path, directory, writer_threads, heap_mb, log):
    """Indexes every section into a new tantivy index in `directory`; returns its figures."""
    db = open_source(index_path)
    index = tantivy.Index(schema(), path=directory, reuse=False)
    start = time.perf_counter()
    writer = index.writer(heap_mb * 1_000_000, writer_threads)
    sections = text_bytes = 0
    try:
        for section_id, title, heading, body in db.execute(SECTIONS_SQL):
            document = tantivy.Document()
            document.add_unsigned("id", section_id)
            document.add_text("title", title or "")
            document.add_text("heading", heading or "")
            document.add_text("body", body or "")
            writer.add_document(document)
            sections += 1
            text_bytes += len((title or "").encode()) + len((heading or "").encode()) + len((body or "").encode())
            if sections % 100_000 == 0:
                log(f"tantivy_peer: exported {sections:,} sections in {time.perf_counter() - start:.1f} s")
    except sqlite3.Error as error:
        raise ExportError(f"reading sections of {index_path} failed ({error}): is it a newssearch index of schema version 2?")
    finally:
        db.close()
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - start
    index.reload()
    segments = index.searcher().num_segments
    return {"sections": sections, "text_bytes": text_bytes, "build_seconds": round(seconds, 3),
            "sections_per_second": round(sections / seconds, 1) if seconds > 0 else 0,
            "text_mb_per_second": round(text_bytes / 1e6 / seconds, 2) if seconds > 0 else 0,
            "size_bytes": directory_size(directory), "segments": segments}


def directory_size(directory):
    """Bytes of the tantivy index files (without our manifest and tantivy's lock files)."""
    total = 0
    for name in os.listdir(directory):
        if name.startswith("manifest.json") or name.endswith(".lock"):
            continue
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            total += os.path.getsize(path)
    return total
