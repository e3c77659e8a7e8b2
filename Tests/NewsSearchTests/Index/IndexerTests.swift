import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct IndexerTests {
    func count(_ store: IndexStore, _ sql: String) throws -> Int {
        try store.read("test") { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    @Test func incrementalRunsAddChangeDeleteAndSkipUnchanged() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.txt", sampleArticle(title: "Alpha harbour", lead: "The harbour reopened today."))
        directory.write("dumps/b.txt", sampleArticle(title: "Beta storm", lead: "A storm hit the coast."))
        let store = try IndexStore(path: directory.indexPath, create: true)
        let indexer = Indexer(store: store)
        let engine = SearchEngine(store: store)

        let first = try indexer.run(roots: [directory.path + "/dumps"])
        #expect((first.filesIndexed, first.articles, first.filesUnchanged) == (2, 2, 0))

        let second = try indexer.run(roots: [directory.path + "/dumps"])
        #expect((second.filesIndexed, second.filesUnchanged, second.articles) == (0, 2, 0))

        // Add one, change one, delete one.
        directory.write("dumps/c.txt", sampleArticle(title: "Gamma vote", lead: "Voters went to the polls."))
        Thread.sleep(forTimeInterval: 0.01)
        directory.write("dumps/a.txt", sampleArticle(title: "Alpha airport", lead: "The airport reopened today."))
        try FileManager.default.removeItem(atPath: directory.path + "/dumps/b.txt")
        let third = try indexer.run(roots: [directory.path + "/dumps"])
        #expect((third.filesIndexed, third.filesRemoved, third.filesUnchanged) == (2, 1, 0))
        #expect(try count(store, "SELECT count(*) FROM articles") == 2)
        #expect(try engine.search("harbour").total == 0)
        #expect(try engine.search("airport").total == 1)
        #expect(try engine.search("storm").total == 0)
        #expect(try engine.search("polls").total == 1)
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func touchedButUnchangedFileIsNotReindexed() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("dumps/a.txt", sampleArticle(title: "Alpha", lead: "Text here."))
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 100)], ofItemAtPath: path)
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect((summary.filesIndexed, summary.filesUnchanged) == (0, 1))
    }

    /// A file whose bytes hash as the manifest says is not parsed at all: the parsing
    /// thread stops after reading it, and the writer only records its new time.
    @Test func parsingStopsAtAKnownHash() throws {
        let directory = TemporaryDirectory()
        let text = sampleArticle(title: "Alpha", lead: "Text here.")
        let path = directory.write("dumps/a.txt", text)
        let entry = DumpWalker.Entry(path: path, size: text.utf8.count, mtimeNanoseconds: 0)
        let known = ParseJob(files: [entry], maxBytes: 1 << 20, knownHashes: [path: FNV1a.hash(Array(text.utf8))]).wait()
        let other = ParseJob(files: [entry], maxBytes: 1 << 20, knownHashes: [path: 1]).wait()
        guard case .unchanged = try #require(known.first).outcome else { Issue.record("parsed a known file"); return }
        guard case .read(let contents) = try #require(other.first).outcome else { Issue.record("not read"); return }
        #expect(contents.articles.map(\.article.title) == ["Alpha"])
        #expect(known.first?.articles.isEmpty == true && other.first?.articles.count == 1)
    }

    @Test func noDeleteKeepsArticlesOfVanishedFiles() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.txt", sampleArticle(title: "Alpha", lead: "Text here."))
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        try FileManager.default.removeItem(atPath: directory.path + "/dumps/a.txt")
        directory.write("dumps/b.txt", sampleArticle(title: "Beta", lead: "Other text."))
        var options = Indexer.Options()
        options.deleteMissing = false
        let summary = try Indexer(store: store, options: options).run(roots: [directory.path + "/dumps"])
        #expect(summary.filesRemoved == 0)
        #expect(try count(store, "SELECT count(*) FROM articles") == 2)
    }

    @Test func badFilesAreReportedAndTheRestIndexed() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/good.txt", sampleArticle(title: "Good", lead: "Fine text."))
        directory.write("dumps/empty.txt", "")
        directory.write("dumps/binary.txt", bytes: [0, 1, 2, 3, 0, 0])
        directory.write("dumps/latin1.txt", bytes: Array("Pound\n\nIt cost ".utf8) + [0xA3] + Array("5.\n".utf8))
        let store = try IndexStore(path: directory.indexPath, create: true)
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.filesIndexed == 2)
        #expect(summary.skippedByReason == ["empty": 1, "binary": 1])
        #expect(summary.problems.count == 2)
        #expect(try SearchEngine(store: store).search("cost").total == 1)
    }

    @Test func otherVersionsAndOtherFilesAreRefusedClearly() throws {
        let directory = TemporaryDirectory()
        let store = try IndexStore(path: directory.indexPath, create: true)
        try store.write("test") { db in try db.execute(sql: "PRAGMA user_version = 99") }
        #expect(throws: IndexError.self) { try IndexStore(path: directory.indexPath) }
        do {
            _ = try IndexStore(path: directory.indexPath)
        } catch {
            #expect("\(error)".contains("schema version 99"))
        }
        let notIndex = directory.write("plain.db", "this is not sqlite at all, just text in a file")
        #expect(throws: IndexError.self) { try IndexStore(path: notIndex) }
        #expect(throws: IndexError.self) { try IndexStore(path: directory.path + "/missing.db") }
    }

    @Test func statsReportWhatTheIndexHolds() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/seed.txt", try String(contentsOfFile: TestSupport.seedFile, encoding: .utf8))
        let engine = try makeEngine(indexing: directory)
        let stats = try IndexStats(store: engine.store)
        #expect(stats.articles == 1)
        #expect(stats.sections == 9)
        #expect(stats.terms > 300)
        #expect(stats.segments >= 1)
        #expect(stats.lastRun?.contains("1 indexed") == true)
    }

    @Test func excludeRulesAndLinksOutOfTheRootReachTheIndex() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/kept.txt", sampleArticle(title: "Harbour", lead: "The harbour reopened."))
        directory.write("dumps/qrels/judged.txt", sampleArticle(title: "Harbour judged", lead: "The harbour was judged."))
        directory.write("outside/shadow.txt", sampleArticle(title: "Secret harbour", lead: "The secret harbour."))
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/dumps/etc", withDestinationPath: directory.path + "/outside")
        var options = Indexer.Options()
        options.walk.filter = PathFilter(excludes: [PathGlob("**/qrels/")!])
        let store = try IndexStore(path: directory.indexPath, create: true)
        let summary = try Indexer(store: store, options: options).run(roots: [directory.path + "/dumps"])
        #expect(try SearchEngine(store: store).search("harbour").total == 1)
        #expect(summary.skippedByReason == ["link outside the roots": 1])
    }

    @Test func aFileThatStopsBeingReadableLosesItsEarlierArticles() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.txt", sampleArticle(title: "Harbour", lead: "The harbour reopened."))
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        Thread.sleep(forTimeInterval: 0.01)
        directory.write("dumps/a.txt", "harbour 1 2\nharbour 3 4\n")
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.skippedByReason == ["not an article": 1])
        #expect(try SearchEngine(store: store).search("harbour").total == 0)
    }

    /// An index made under older reading rules is read again once, so files those rules
    /// took for articles (a README, a word list) leave it even if they did not change.
    @Test func newReadingRulesReReadUnchangedFilesOnce() throws {
        let directory = TemporaryDirectory()
        let article = sampleArticle(title: "Harbour list", lead: "The harbour list.")
        let path = directory.write("dumps/list.txt", article)
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        // Same size and mtime, other content: only a re-read can tell.
        var info = stat()
        #expect(stat(path, &info) == 0)
        var list = "harbour\nlist\nports\n"
        while list.utf8.count < article.utf8.count { list += "\n" }
        directory.write("dumps/list.txt", list)
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(try Indexer(store: store).run(roots: [directory.path + "/dumps"]).filesUnchanged == 1)
        try store.write("test") { db in try db.execute(sql: "UPDATE meta SET value = '1' WHERE key = 'reading_rules'") }
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.skippedByReason == ["not an article": 1])
        #expect(try SearchEngine(store: store).search("harbour").total == 0)
    }

    /// Reuters-21578 and the IR collections as they are: their READMEs, category
    /// descriptions, string lists, queries and relevance judgements are not articles.
    @Test func sideFilesOfSharedCorporaAreNotIndexed() throws {
        guard let reuters = TestSupport.sharedCorpus("reuters21578"), let ir = TestSupport.sharedCorpus("ir") else { return }
        let collections = try FileManager.default.contentsOfDirectory(atPath: ir).sorted().map { ir + "/" + $0 }
        let directory = TemporaryDirectory()
        let store = try IndexStore(path: directory.indexPath, create: true)
        let summary = try Indexer(store: store).run(roots: [reuters] + collections)
        #expect(summary.skippedByReason["not an article", default: 0] >= 19)
        let engine = SearchEngine(store: store)
        var options = SearchOptions()
        options.limit = 50
        options.snippet = nil
        for query in ["oil", "afghanistan", "the"] {
            let paths = try engine.search(query, options: options).hits.map { ($0.article.path as NSString).lastPathComponent }
            #expect(paths.allSatisfy { $0.hasSuffix(".sgm") || $0 == "docs.jsonl" }, "\(query): \(paths)")
        }
        // The collections' documents still index.
        #expect(try engine.search("aeroelastic", options: options).total > 0)
    }

    @Test func bbcAndReutersIndexWithoutSkippedFiles() throws {
        guard let bbc = TestSupport.sharedCorpus("bbc/sport"), let reuters = TestSupport.sharedCorpus("reuters21578") else { return }
        let directory = TemporaryDirectory()
        let store = try IndexStore(path: directory.indexPath, create: true)
        let summary = try Indexer(store: store).run(roots: [bbc, reuters + "/reut2-000.sgm"])
        #expect(summary.filesSkipped == 0)
        #expect(summary.articles == 511 + 1000)
        // sport/199.txt has a Latin-1 pound sign.
        #expect(try SearchEngine(store: store).search("15.8m").total >= 1)
    }
}

@Suite struct ArticleWriterTests {
    @Test func sectionsBeyondTheLimitAreFoldedNotLost() {
        let sections = (0..<70).map { Section(heading: "Part \($0)", text: "Text \($0).") }
        let fitted = ArticleWriter.fitted(sections)
        #expect(fitted.count == SectionID.maxOrdinal + 1)
        #expect(fitted.last?.heading == "Part 63")
        #expect(fitted.last?.text.hasPrefix("Text 63.\nPart 64\nText 64.") == true)
        #expect(fitted.last?.text.hasSuffix("Part 69\nText 69.") == true)
        #expect(ArticleWriter.fitted([]) == [Section(heading: "", text: "")])
    }
}

/// An index made by the previous release (schema version 1, no token marks) keeps
/// working: it is brought up to date when opened, its snippets still highlight the right
/// words, and its next index run adds the marks.
@Suite struct IndexMigrationTests {
    @Test func aVersionOneIndexIsMigratedAndFilledIn() throws {
        let directory = TemporaryDirectory()
        let words = (1...80).map { "word\($0)" }.joined(separator: " ")
        directory.write("dumps/a.txt", sampleArticle(title: "Harbour", lead: words + " the harbour closed. " + words + "."))
        do {
            let store = try IndexStore(path: directory.indexPath, create: true)
            _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
            // Back to version 1's layout.
            try store.write("test") { db in
                try db.execute(sql: "ALTER TABLE sections DROP COLUMN token_marks")
                try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [MetaKey.tokenMarksComplete.rawValue])
                // Version 1 had no impact index either.
                for table in ["impact_terms", "impact_postings", "impact_positions", "impact_segments", "impact_deleted", "impact_totals"] {
                    try db.execute(sql: "DROP TABLE \(table)")
                }
                try MetaKey.impactComplete.remove(in: db)
                try db.execute(sql: "PRAGMA user_version = 1")
            }
        }
        // Searched read-only as it is, without changing the file.
        let readOnly = try IndexStore(path: directory.indexPath)
        #expect(readOnly.schemaVersion == 1)
        let before = try SearchEngine(store: readOnly).search("closing").hits.first?.snippet
        #expect(before?.highlightedTexts == ["closed"])
        #expect(try readOnly.read("test") { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 1)

        // Opened for an index run, it is migrated and the run fills the marks in.
        let store = try IndexStore(path: directory.indexPath, access: .write)
        let marks = { try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(token_marks) FROM sections") ?? 0 } }
        #expect(try marks() == 0)

        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.sectionsUpgraded == 1)
        #expect(summary.line.contains("token marks added to 1 section of an older index"))
        #expect(summary.line.contains("index upgraded for fast top-k search (1 section)"))
        #expect(try marks() > 0)
        #expect(try Indexer(store: store).run(roots: [directory.path + "/dumps"]).sectionsUpgraded == nil)
        let after = try SearchEngine(store: store).search("closing").hits.first?.snippet
        #expect(after == before)
        let version = try store.read("test") { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == IndexSchema.version)
    }
}
