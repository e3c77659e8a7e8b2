import Foundation
import GRDB

/// Phase 4 of a run: what follows the writing of articles.
extension Indexer {
    /// Merges impact segments, gives token marks to the sections of an older index,
    /// merges FTS5 segments after large changes, stores the article attributes and the
    /// term counts when they are stale, and records the run and the reading rules.
    func finish(_ changes: Changes, run: inout Run) throws(IndexError) {
        try SegmentMerge(store: store, maxSegments: options.maxImpactSegments).run()
        let upgraded = try fillMissingTokenMarks()
        if upgraded > 0 { run.summary.sectionsUpgraded = upgraded }
        // Term counts for query expansion are read on a reader connection while the
        // writer merges segments (the merge does not change them), then stored.
        let stale = try termStatisticsStale(), present = try hasTermStatistics()
        let countsMissing = stale || !present
        let changed = run.summary.sections > 0 || run.summary.filesRemoved > 0
        let counting = changed || countsMissing ? TermCounting(store: store) : nil
        if run.summary.sections > Self.ftsMergeSections || run.summary.filesRemoved > 0 {
            let pages = min(500, max(64, run.summary.sections / 200))
            try store.write("merging index segments") { db in
                try db.execute(sql: "INSERT INTO sections_fts(sections_fts, rank) VALUES('merge', \(pages))")
            }
        }
        if try store.read("reading the article attributes", { db in try ArticleAttributes.isStale(db) }) {
            try store.write("storing the article attributes") { db in try ArticleAttributes.rebuild(db) }
        }
        if let counting {
            let counts = try counting.wait()
            try store.write("storing term counts") { db in try TermStatistics.store(counts, db) }
        }
        run.summary.seconds = run.clock.duration(to: .now).seconds
        try recordRun(run.summary)
        if changes.storedRules != DumpFile.rulesVersion {
            try store.write("recording the reading rules") { db in
                try MetaKey.readingRules.set(DumpFile.rulesVersion, in: db)
            }
        }
    }

    /// After a run writes more sections than this (or removes files), a bounded FTS5
    /// merge, about one page of merge work per 200 sections written (64 to 500 pages),
    /// so that queries consult fewer segments; the full merge is `newssearch optimize`.
    static let ftsMergeSections = 10_000
}
