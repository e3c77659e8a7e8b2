"""Tests of the tantivy peer on a small SQLite file with newssearch's schema (no Swift needed).

Run: Benchmarks/peers/.venv/bin/python -m unittest discover -s Benchmarks/peers
(the venv exists after the first `Benchmarks/peers/run.sh …`).
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tantivy  # noqa: E402

import peer_export  # noqa: E402
import peer_latency  # noqa: E402
import peer_queries  # noqa: E402

# The tables of IndexSchema.swift that the export reads (version 2), as newssearch creates them.
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL, hash INTEGER NOT NULL, format TEXT NOT NULL);
CREATE TABLE articles (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id),
                       record INTEGER NOT NULL, external_id TEXT, title TEXT NOT NULL, author TEXT,
                       date TEXT, url TEXT, related TEXT, text_bytes INTEGER NOT NULL);
CREATE TABLE sections (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id),
                       ordinal INTEGER NOT NULL, heading TEXT NOT NULL, body TEXT NOT NULL, token_marks BLOB);
"""

ARTICLES = [
    ("Border closure in Korea", [("Overview", "The border closes at noon. Officials were closing roads."),
                                 ("Reactions", "Seoul called it a diplomatic dilemma.")]),
    ("Markets", [("", "Closure of the border worried traders in Tokyo."),
                 ("Outlook", "Investors expect the yen to rise.")]),
    ("Sport", [("Results", "The team from Korea won the final.")]),
]


def write_index(path, articles=ARTICLES):
    """A newssearch-shaped index file: section ids are `article << 6 | ordinal`, as SectionID makes them."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.execute("INSERT INTO files VALUES (1, '/dump/a.txt', 1, 1, 1, 'text')")
    for article_id, (title, sections) in enumerate(articles, start=1):
        db.execute("INSERT INTO articles (id, file_id, record, title, text_bytes) VALUES (?, 1, ?, ?, 0)",
                   (article_id, article_id, title))
        for ordinal, (heading, body) in enumerate(sections):
            db.execute("INSERT INTO sections (id, article_id, ordinal, heading, body) VALUES (?, ?, ?, ?, ?)",
                       (article_id << 6 | ordinal, article_id, ordinal, heading, body))
    db.commit()
    db.close()


class PeerTests(unittest.TestCase):
    def setUp(self):
        self.temp = tempfile.TemporaryDirectory()
        self.index = os.path.join(self.temp.name, "index.db")
        self.scratch = os.path.join(self.temp.name, "scratch")
        write_index(self.index)

    def tearDown(self):
        self.temp.cleanup()

    def export(self):
        return peer_export.ensure_export(self.index, self.scratch, log=lambda _: None)

    def hits(self, line, form):
        directory, _, _ = self.export()
        index = tantivy.Index.open(directory)
        query = peer_queries.QueryBuilder(index.schema).build(line, form)
        searcher = index.searcher()
        result = searcher.search(query, 10, count=False)
        return sorted(searcher.doc(address)["id"][0] for _, address in result.hits)

    def test_export_holds_every_section_with_its_id(self):
        _, manifest, reused = self.export()
        self.assertFalse(reused)
        self.assertEqual(manifest["sections"], 5)
        self.assertGreater(manifest["size_bytes"], 0)
        self.assertEqual(self.hits("yen", "and"), [2 << 6 | 1])

    def test_unchanged_index_reuses_the_export_and_a_changed_one_rebuilds_it(self):
        self.export()
        self.assertTrue(self.export()[2])
        db = sqlite3.connect(self.index)
        db.execute("INSERT INTO sections (id, article_id, ordinal, heading, body) VALUES (?, 3, 1, '', 'More yen news')",
                   (3 << 6 | 1,))
        db.commit()
        db.close()
        os.utime(self.index, ns=(1, 1))
        _, manifest, reused = self.export()
        self.assertFalse(reused)
        self.assertEqual(manifest["sections"], 6)

    def test_and_requires_every_word_in_any_field_with_stemming(self):
        # "closing" stems to "close" as "closes" does; "korea" is only in the title there,
        # and the other section of that article has the title but not the word.
        self.assertEqual(self.hits("korea closing", "and"), [1 << 6 | 0])
        self.assertEqual(self.hits("korea", "and"), [1 << 6 | 0, 1 << 6 | 1, 3 << 6 | 0])
        self.assertEqual(self.hits("korea tokyo", "and"), [])

    def test_or_takes_any_word_and_drops_stopwords(self):
        self.assertEqual(self.hits("tokyo yen", "or"), [2 << 6 | 0, 2 << 6 | 1])
        with self.assertRaises(peer_queries.QueryBuildError):
            peer_queries.QueryBuilder(tantivy.Index.open(self.export()[0]).schema).build("the, of,", "or")

    def test_phrase_needs_the_words_adjacent_and_in_order(self):
        self.assertEqual(self.hits("border closes", "phrase"), [1 << 6 | 0])
        self.assertEqual(self.hits("closes border", "phrase"), [])

    def test_punctuation_never_breaks_a_query(self):
        builder = peer_queries.QueryBuilder(tantivy.Index.open(self.export()[0]).schema)
        for line in ["u.s. korea", "c++ border", "ubuntu 20.04 :", "korea’s ^border~ [x] {y}", "a:b \\ !"]:
            for form in peer_queries.FORMS:
                builder.build(line, form)
        # Punctuation around a word is dropped as the tokenizer drops it.
        self.assertEqual(self.hits("korea. ^border~", "and"), [1 << 6 | 0, 1 << 6 | 1])
        # A word with inner punctuation is a phrase of its parts, as FTS5 makes of it.
        self.assertEqual(self.hits("dilemma.diplomatic", "and"), [])
        self.assertEqual(self.hits("diplomatic-dilemma", "and"), [1 << 6 | 1])

    def test_query_language_syntax_is_skipped_not_misread(self):
        builder = peer_queries.QueryBuilder(tantivy.Index.open(self.export()[0]).schema)
        for line in ["korea OR japan", "korea -japan", '"border closure"', "kor*", "title:korea", "(korea)"]:
            with self.assertRaises(peer_queries.QueryBuildError):
                builder.build(line, "and")

    def test_forms_follow_newssearch_bench(self):
        builder = peer_queries.QueryBuilder(tantivy.Index.open(self.export()[0]).schema)
        self.assertTrue(builder.applies("korea", "and"))
        self.assertFalse(builder.applies("korea", "or"))
        self.assertFalse(builder.applies("korea", "phrase"))
        self.assertEqual(peer_queries.parse_forms("and,keyword,phrase"), ("and", "or", "phrase"))
        self.assertIn("the", peer_queries.load_stopwords())

    def test_percentiles_are_nearest_rank(self):
        summary = peer_latency.summary([i * 1_000_000 for i in range(1, 101)], 100)
        self.assertEqual((summary["p50_ms"], summary["p99_ms"], summary["max_ms"]), (50.0, 99.0, 100.0))

    def test_bench_command_prints_every_form_and_check_finds_the_parser_equal(self):
        queries = os.path.join(self.temp.name, "queries.txt")
        with open(queries, "w") as handle:
            handle.write("# comment\nkorea border\n\nyen\nthe border closes\n")
        script = [sys.executable, os.path.join(HERE, "tantivy_peer.py")]
        common = ["--index", self.index, "--queries", queries, "--scratch", self.scratch]
        out = subprocess.run(script + ["bench"] + common + ["--runs", "2", "--warmup", "1"],
                             check=True, capture_output=True, text=True).stdout
        report = json.loads(out)
        self.assertEqual({f: report["tantivy"][f]["queries"] for f in ("and", "or", "phrase")},
                         {"and": 3, "or": 2, "phrase": 2})
        self.assertEqual(report["tantivy"]["and"]["samples"], 6)
        self.assertGreater(report["tantivy"]["and"]["cpu_p50_ms"], 0)
        self.assertEqual(report["tantivy"]["phrase"]["queries_with_hits"], 1)
        self.assertEqual(report["index"]["sections"], 5)
        check = json.loads(subprocess.run(script + ["check"] + common, check=True, capture_output=True, text=True).stdout)
        self.assertEqual(check["compared"], 7)
        self.assertEqual(check["differing"], [])


if __name__ == "__main__":
    unittest.main()
