import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport
import NewsSearchTools

/// The tight block bounds (``BoundBasis``): they must stay upper bounds of every
/// posting's score when later runs move the average lengths, and an index written
/// before them must search correctly and gain them on its next run.
@Suite struct BoundBasisTests {
    /// `count` JSON Lines articles of `words` random words each, over a small vocabulary
    /// so that every term has postings in many sections.
    static func articles(_ count: Int, words: ClosedRange<Int>, seed: UInt64, prefix: String) -> String {
        // Made-up words the stemmer keeps as they are, enough of them that frequencies
        // stay low and scores unsaturated, as in news text.
        let letters = Array("bcdfghklmnprstvz")
        let vocabulary = letters.flatMap { first in letters.prefix(6).map { "zo\(first)a\($0)" } }
        var random = SplitMix64(seed: seed)
        var lines: [String] = []
        for index in 0..<count {
            let title = (0..<2).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
            let length = Int.random(in: words, using: &random)
            let text = (0..<length).map { position in
                vocabulary.randomElement(using: &random)! + (position % 12 == 11 ? "." : "")
            }.joined(separator: " ")
            lines.append(#"{"id": "\#(prefix)\#(index)", "title": "\#(title)", "text": "\#(text)."}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An index of short sections, then one run adding long ones: the averages grow
    /// several times past the first segment's basis.
    static func movedIndex() throws -> (TemporaryDirectory, IndexStore) {
        let directory = TemporaryDirectory()
        directory.write("dumps/short.jsonl", articles(400, words: 3...12, seed: 1, prefix: "s"))
        let store = try makeIndex(in: directory, roots: [directory.path + "/dumps"])
        directory.write("dumps/long.jsonl", articles(400, words: 150...300, seed: 2, prefix: "l"))
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        return (directory, store)
    }

    static func score(_ bm25f: BM25F, frequencies: SIMD4<UInt32>, lengths: SIMD4<UInt32>, averages: [Double]) -> Double {
        let tf = (0..<4).map { Int32(frequencies[$0]) }, length = (0..<4).map { Int32(lengths[$0]) }
        return tf.withUnsafeBufferPointer { tf in
            length.withUnsafeBufferPointer { length in
                bm25f.phraseScore(frequencies: tf, lengths: length, averageLengths: averages, idf: 1)
            }
        }
    }

    /// Checks every posting of every term against its block's bound, over all fields and
    /// over the fields an unfielded word searches (where the combined maximum applies);
    /// returns how many postings it checked, for how many the tight bound beat the loose
    /// one by 5 %, and for how many the combined maximum beat the per-field maxima by 5 %.
    static func checkBounds(_ store: IndexStore) throws -> (checked: Int, tighter: Int, combinedTighter: Int) {
        let bm25f = BM25F(parameters: .default)
        var checked = 0, tighter = 0, combinedTighter = 0
        let unfielded = PreparedQuery.defaultColumns
        try store.read("bounds") { db in
            let directory = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            #expect(directory.segments.allSatisfy { $0.basis?.weights != nil })
            let averages = directory.totals.averageLengths
            for term in try String.fetchAll(db, sql: "SELECT term FROM impact_terms") {
                let postings = try TermPostings(term: term, db: db, directory: directory,
                                                scales: BoundScales(directory: directory, parameters: .default), positionReads: .blocks)
                let cursor = PostingCursor(postings)
                cursor.advance(to: 0)
                while cursor.document != PostingCursor.end {
                    let block = try #require(cursor.bound(at: cursor.document)).bound
                    let lengths = directory.fieldLengths(cursor.document)
                    let exact = Self.score(bm25f, frequencies: cursor.frequencies, lengths: lengths, averages: averages)
                    let bound = bm25f.phraseBound(block, columns: 0b1111, averageLengths: averages, idf: 1)
                    var loose = block
                    loose.normalisedLimit = SIMD4(repeating: .infinity)
                    loose.combinedLimit = .infinity
                    #expect(exact <= bound * (1 + 1e-12), "\(term) at \(cursor.document): \(exact) > \(bound)")
                    if bound < 0.95 * bm25f.phraseBound(loose, columns: 0b1111, averageLengths: averages, idf: 1) { tighter += 1 }
                    // The same within the unfielded columns, where the combined maximum bounds the sum.
                    var tf = cursor.frequencies
                    tf[IndexSchema.Column.author.rawValue] = 0
                    let exactUnfielded = Self.score(bm25f, frequencies: tf, lengths: lengths, averages: averages)
                    let combined = bm25f.phraseBound(block, columns: unfielded, averageLengths: averages, idf: 1)
                    var perField = block
                    perField.combinedLimit = .infinity
                    #expect(exactUnfielded <= combined * (1 + 1e-12), "\(term) at \(cursor.document): \(exactUnfielded) > \(combined)")
                    if combined < 0.95 * bm25f.phraseBound(perField, columns: unfielded, averageLengths: averages, idf: 1) {
                        combinedTighter += 1
                    }
                    checked += 1
                    cursor.next()
                }
            }
        }
        return (checked, tighter, combinedTighter)
    }

    @Test func everyPostingScoresAtMostItsBlockBoundAfterTheAveragesMove() throws {
        let (_, store) = try Self.movedIndex()
        let first = try store.read("basis") { db in
            try SegmentDirectory(db, totals: ImpactTotals.load(db)).segments.first?.basis
        }
        let averages = try store.read("totals") { db in try ImpactTotals.load(db).averageLengths }
        #expect(averages[2] > 5 * (first?.averages[2] ?? .infinity), "the run must move the body average well past the first basis")
        let (checked, _, _) = try Self.checkBounds(store)
        #expect(checked > 5_000)
    }

    @Test func tightBoundsComeNearTheScoresTheyBound() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/mixed.jsonl", Self.articles(400, words: 3...300, seed: 3, prefix: "m"))
        let (checked, tighter, combinedTighter) = try Self.checkBounds(try makeIndex(in: directory, roots: [directory.path + "/dumps"]))
        #expect(checked > 5_000)
        #expect(tighter > checked / 4, "the tight bounds must improve on the loose ones for many postings")
        #expect(combinedTighter > checked / 20, "the combined maxima must improve on the per-field ones for some postings")
    }

    /// Version 5: offsets in a column of impact_postings, no table of chunks; version 6:
    /// documents as varints; versions 7 to 10: postings keyed by term and segment in a
    /// table without row ids (version 8 added inline offsets, 9 and 10 skip tables);
    /// version 11: rows under integer ids whose block headers were varints (its tables are
    /// kept as they are here: this build must not read them as its own).
    @Test(arguments: [5, 6, 8, 10, 11])
    func anIndexOfAnOlderLayoutIsSearchedAndRebuiltByTheNextRun(version: Int) throws {
        let (directory, store) = try Self.movedIndex()
        let engine = SearchEngine(store: store)
        var exhaustive = SearchOptions()
        exhaustive.exhaustive = true
        exhaustive.snippet = nil
        var pruned = SearchOptions()
        pruned.snippet = nil
        let queries = ["zobab", "zocac zodad", "\"zofaf zogag\" zohah"]
        let expected = try queries.map { try engine.search($0, options: exhaustive).hits.map(\.article.id) }
        try store.write("test") { db in
            if version == 5 { try db.execute(sql: "DROP TABLE impact_positions") }
            if (7...10).contains(version) {
                try db.execute(sql: """
                    DROP TABLE impact_terms; DROP TABLE impact_postings;
                    CREATE TABLE impact_postings (term TEXT NOT NULL, segment INTEGER NOT NULL, patterns BLOB NOT NULL,
                        data BLOB NOT NULL, maxima BLOB NOT NULL, positions INTEGER NOT NULL,
                        PRIMARY KEY (term, segment)) WITHOUT ROWID;
                    INSERT INTO impact_postings VALUES ('zobab', 1, x'', x'00', x'', 0);
                    """)
            }
            // The completion mark older builds look for.
            try MetaKey.impactComplete.remove(in: db)
            try (version >= 7 ? MetaKey.olderImpactMarks[11 - version] : .olderImpactComplete).mark(in: db)
            try db.execute(sql: "PRAGMA user_version = \(version)")
        }
        let readOnly = try IndexStore(path: directory.indexPath)
        #expect(readOnly.schemaVersion == version)
        let old = SearchEngine(store: readOnly)
        let oldResults = try queries.map { try old.search($0, options: pruned) }
        #expect(oldResults.map { $0.hits.map(\.article.id) } == expected)
        #expect(oldResults.allSatisfy { !$0.totalIsLowerBound }, "an older layout is searched by scoring every match")

        let writer = try IndexStore(path: directory.indexPath, access: .write)
        let layout = {
            try writer.read("test") { db in
                (try db.tableExists("impact_positions") ? Int.fetchOne(db, sql: "SELECT count(*) FROM impact_positions") ?? 0 : -1,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM impact_postings") ?? 0)
            }
        }
        #expect(try layout() == (0, 0), "migrating drops the older layout")
        #expect(try writer.read("test") { db in try MetaKey.olderImpactMarks.map { try $0.isSet(in: db) } }.allSatisfy { !$0 },
                "a process of an older build must no longer take the impact index as complete")
        let sections = try writer.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sections") ?? 0 }
        let summary = try Indexer(store: writer).run(roots: [directory.path + "/dumps"])
        #expect(summary.impactUpgraded == sections)
        #expect(summary.line.contains("index upgraded for fast top-k search (\(sections) sections)"))
        #expect(try layout().1 > 0)
        let upgraded = SearchEngine(store: writer)
        #expect(try queries.map { try upgraded.search($0, options: pruned).hits.map(\.article.id) } == expected)
        #expect(try Self.checkBounds(writer).checked > 5_000)
    }

    /// Segments written by versions 7 and 8 had no skip tables, those of version 9 tables
    /// in large blocks only, those of versions 10 to 12 tables at the start of a block's
    /// positions: a segment says which it has (``SkipTableLayout``), and each is searched
    /// by its own rule beside segments of today's.
    @Test(arguments: [SkipTableLayout.none, .large, .compact])
    func segmentsOfEachSkipTableLayoutAreSearchedByTheirRule(older: SkipTableLayout) throws {
        let directory = TemporaryDirectory()
        // Many sections of a few dozen words: every word's offsets run past what a row
        // keeps inline, and no block's come to a version 9 skip table's worth.
        directory.write("dumps/a.jsonl", Self.articles(4000, words: 100...140, seed: 21, prefix: "a"))
        let store = try makeIndex(in: directory, roots: [directory.path + "/dumps"])
        let queries = ["zobab", "zocac zodad", "\"zofaf zogag\" zohah"]
        var exhaustive = SearchOptions()
        exhaustive.exhaustive = true
        exhaustive.snippet = nil
        var pruned = SearchOptions()
        pruned.snippet = nil
        let expected = try queries.map { try SearchEngine(store: store).search($0, options: exhaustive).hits.map(\.article.id) }
        let rows = { (store: IndexStore) in
            try store.read("test") { db in
                var inline = 0
                try TermRows.forEach(db) { _, rows in inline += rows.entries.count { $0.firstChunk == PostingsCodec.inlinePositionsMark } }
                return (try Int.fetchOne(db, sql: "SELECT count(*) FROM impact_postings") ?? 0,
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM impact_positions") ?? 0, inline)
            }
        }
        let before = try rows(store)
        #expect(before.1 > 0 && before.2 == 0, "every word's offsets are in chunks")
        #expect(try Self.skipTableBlocks(store) > 100, "today's layout gives full blocks tables")
        #expect(try Self.skipTableBlocks(store, fine: true) == Self.skipTableBlocks(store), "an entry every 4 postings")
        try store.write("test") { db in
            for segment in try Int64.fetchAll(db, sql: "SELECT id FROM impact_segments") {
                try SegmentMerge.merge(segment...segment, db: db, skipTables: older)
            }
        }
        if older == .compact {
            #expect(try Self.skipTableBlocks(store) > 100 && Self.skipTableBlocks(store, fine: true) == 0,
                    "an entry every 16 postings, as versions 10 to 12 wrote them")
        } else {
            #expect(try Self.skipTableBlocks(store) == 0, "no block has a skip table, as versions 7 to 9 wrote them")
        }
        #expect(try rows(store) == before, "rewritten, every word's offsets are still in chunks")
        let old = try queries.map { try SearchEngine(store: store).search($0, options: pruned) }
        #expect(old.map { $0.hits.map(\.article.id) } == expected)
        #expect(old.contains { $0.totalIsLowerBound }, "searched through the impact index")

        // A later run also indexes long sections, whose common words' blocks get tables.
        directory.write("dumps/b.jsonl", Self.articles(300, words: 500...700, seed: 22, prefix: "b"))
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.impactUpgraded == nil, "nothing to rebuild")
        #expect(try store.read("test") { db in
            try Int.fetchAll(db, sql: "SELECT skip_tables FROM impact_segments ORDER BY id")
        } == [older.rawValue, SkipTableLayout.current.rawValue], "the kept segment keeps its layout, the new one has today's")
        #expect(try Self.skipTableBlocks(store) > 100)
        let now = try queries.map { try SearchEngine(store: store).search($0, options: exhaustive).hits.map(\.article.id) }
        #expect(try queries.map { try SearchEngine(store: store).search($0, options: pruned).hits.map(\.article.id) } == now)
        #expect(now != expected, "the long sections rank among the hits")
    }

    /// How many blocks of the index's words have skip tables (of 4-posting groups).
    static func skipTableBlocks(_ store: IndexStore, fine: Bool = false) throws -> Int {
        try store.read("blocks") { db in
            let segments = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            return try String.fetchAll(db, sql: "SELECT term FROM impact_terms").reduce(0) { count, term in
                count + (try TermPostings(term: term, db: db, directory: segments, positionReads: .blocks)).blocks.filter { $0.table.entries > 0 && (!fine || $0.table.group == SkipTableLayout.fineGroup) }.count
            }
        }
    }
}
