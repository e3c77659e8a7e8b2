import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// `optimize` on an index grown by several runs: fewer impact segments, the same results.
@Suite struct IndexOptimizeTests {
    @Test func optimizeMergesTheImpactSegmentsAndKeepsEveryResult() throws {
        let directory = TemporaryDirectory()
        // Six runs, each adding a file: six impact segments (a run keeps up to 24).
        let store = try Self.grownIndex(in: directory, runs: 6, articles: 150, words: 20...120, seed: 10)
        let engine = SearchEngine(store: store)
        var pruned = SearchOptions()
        pruned.snippet = nil
        var exhaustive = pruned
        exhaustive.exhaustive = true
        let queries = ["zobab", "zocac zodad", "\"zofaf zogag\" zohah", "zobab OR zocac -zodad", "title:zobac"]
        func ranked(_ options: SearchOptions) throws -> [[(Int64, Double)]] {
            try queries.map { try engine.search($0, options: options).hits.map { ($0.article.id, $0.score) } }
        }
        func same(_ a: [[(Int64, Double)]], _ b: [[(Int64, Double)]]) -> Bool {
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) {
                guard x.count == y.count else { return false }
                for (one, other) in zip(x, y) {
                    let tolerance: Double = 1e-9 * max(1, abs(other.1))
                    if one.0 != other.0 || abs(one.1 - other.1) > tolerance { return false }
                }
            }
            return true
        }
        let before = try ranked(pruned)
        #expect(before.allSatisfy { !$0.isEmpty }, "every query finds something")

        let merged = try store.optimize()
        #expect(merged.impactBefore == 6)
        #expect(merged.impactAfter == SegmentMerge.optimizedSegments)
        #expect(try store.impactSegmentCount() == SegmentMerge.optimizedSegments)
        #expect(same(try ranked(pruned), before), "the merged impact index ranks as before")
        #expect(same(try ranked(exhaustive), before), "and as scoring every match does")
        // A second optimize has nothing left to merge.
        let again = try store.optimize()
        #expect(again.impactBefore == SegmentMerge.optimizedSegments && again.impactAfter == SegmentMerge.optimizedSegments)
    }

    /// Opening an index of an older layout for writing drops its impact index; optimize
    /// builds it again, rather than leave searches scoring every match until an index run.
    @Test func optimizeRebuildsAnImpactIndexAnUpgradeDropped() throws {
        let directory = TemporaryDirectory()
        let store = try Self.grownIndex(in: directory, runs: 2, articles: 80, words: 20...80, seed: 50)
        var pruned = SearchOptions()
        pruned.snippet = nil
        let expected = try SearchEngine(store: store).search("zobab zocac", options: pruned).hits.map(\.article.id)
        try store.write("as version 11 left it") { db in
            try MetaKey.impactComplete.remove(in: db)
            try MetaKey.layout11ImpactComplete.mark(in: db)
            try db.execute(sql: "PRAGMA user_version = 11")
        }
        let writer = try IndexStore(path: directory.indexPath, access: .write)
        #expect(try writer.impactSegmentCount() == 0, "opening it for writing dropped the older impact index")
        let sections = try writer.read("counting") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sections") ?? 0 }
        let result = try writer.optimize()
        #expect(result.upgraded == sections && result.impactAfter > 0)
        #expect(try writer.read("complete") { db in try ImpactSchema.isComplete(db) })
        #expect(try SearchEngine(store: writer).search("zobab zocac", options: pruned).hits.map(\.article.id) == expected)
    }

    /// An index grown by `runs` index runs, each adding a file of `articles` articles
    /// (file *r*'s seed `seed + r`), with `afterEach` called after every run.
    static func grownIndex(in directory: TemporaryDirectory, runs: Int, articles: Int, words: ClosedRange<Int>, seed: UInt64,
                           afterEach: (IndexStore) throws -> Void = { _ in }) throws -> IndexStore {
        let store = try IndexStore(path: directory.indexPath, create: true)
        for run in 0..<runs {
            directory.write("dumps/part\(run).jsonl",
                            BoundBasisTests.articles(articles, words: words, seed: seed + UInt64(run), prefix: "p\(run)"))
            _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
            try afterEach(store)
        }
        return store
    }
}
