import Foundation
import GRDB

/// What an index run reads and records besides articles: the file manifest, the roots,
/// the reading rules, the last run's summary, and the upgrades of older indexes.
extension Indexer {
    struct ManifestEntry: Sendable { var id: Int64; var size: Int; var mtime: Int64; var hash: Int64 }

    func loadManifest() throws(IndexError) -> [String: ManifestEntry] {
        try store.read("reading the file manifest") { db in
            var manifest: [String: ManifestEntry] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, path, size, mtime_ns, hash FROM files")
            while let row = try rows.next() {
                manifest[row[1]] = ManifestEntry(id: row[0], size: row[2], mtime: row[3], hash: row[4])
            }
            return manifest
        }
    }

    /// Gives ``TokenMarks`` to the sections of an index made before they were kept
    /// (schema version 1), a few thousand per transaction, then notes in `meta` that
    /// every section has them. An interrupted fill goes on at the next run. Returns how
    /// many sections it gave marks to.
    func fillMissingTokenMarks() throws(IndexError) -> Int {
        let complete = try store.read("checking token marks") { db in
            try MetaKey.tokenMarksComplete.isSet(in: db)
        }
        guard !complete else { return 0 }
        var after = Int64.min
        var filled = 0
        while true {
            let finished = try store.write("adding token marks") { db -> Bool in
                let tokenizer = try IndexTokenizer.required(db)
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, body FROM sections WHERE id > ? AND token_marks IS NULL ORDER BY id LIMIT 4096
                    """, arguments: [after])
                let update = try db.cachedStatement(sql: "UPDATE sections SET token_marks = ? WHERE id = ?")
                for row in rows {
                    let body: String = row[1]
                    try update.execute(arguments: [Data(TokenMarks(of: body, tokenizer: tokenizer).encoded), row[0]])
                }
                filled += rows.count
                guard let last = rows.last else {
                    try MetaKey.tokenMarksComplete.mark(in: db)
                    return true
                }
                after = last[0]
                return false
            }
            if finished { return filled }
        }
    }

    func termStatisticsStale() throws(IndexError) -> Bool {
        try store.read("reading term counts") { db in try TermStatistics.isStale(db) }
    }

    /// Remembers the roots of the index's runs, for `newssearch rebuild`.
    func recordRoots(_ roots: [String]) throws(IndexError) {
        try store.write("recording the roots") { db in
            let known = try MetaKey.roots.value(in: db)
                .flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
            let all = Array(Set(known + roots.map { DumpWalker.absolute($0) })).sorted()
            let json = String(decoding: (try? JSONEncoder().encode(all)) ?? Data("[]".utf8), as: UTF8.self)
            try MetaKey.roots.set(json, in: db)
        }
    }

    func storedRulesVersion() throws(IndexError) -> String? {
        try store.read("reading the reading rules") { db in
            try MetaKey.readingRules.value(in: db)
        }
    }

    func hasTermStatistics() throws(IndexError) -> Bool {
        try store.read("reading term counts") { db in
            try db.tableExists("term_sections")
                && MetaKey.termSectionsTotal.isSet(in: db)
        }
    }

    func recordRun(_ summary: IndexSummary) throws(IndexError) {
        let json = (try? JSONEncoder().encode(LastRun(summary: summary, finished: Date().timeIntervalSince1970)))
            .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        try store.write("recording the run") { db in
            try MetaKey.lastRun.set(json, in: db)
        }
    }
}
