import Foundation
import GRDB

/// Indexes directories of dumps into an ``IndexStore``, incrementally and safely.
///
/// The run: walk the roots; compare each file with the manifest (size and mtime, then
/// content hash) to find new and changed files; parse them on all cores in chunks of a
/// few megabytes while one writer inserts the previous chunk, each chunk in one
/// transaction; then remove the articles of files that disappeared from the roots.
///
/// Invariants: a file's manifest row is written in the same transaction as its
/// articles, so after a crash every committed file is whole and every uncommitted one is
/// picked up again by the next run. Memory is bounded by two chunks, whatever the
/// corpus size.
public struct Indexer: Sendable {
    /// Settings of one index run.
    public struct Options: Sendable {
        public var maxFileBytes = DumpFile.defaultMaxBytes
        /// Remove articles of files under the roots that no longer exist (`--no-delete` turns it off).
        public var deleteMissing = true
        /// Approximate raw bytes parsed per chunk: small, so parsing and writing overlap.
        public var chunkBytes = 2 << 20
        public var chunkFiles = 256
        /// Approximate raw bytes written per transaction (batch). Fewer, larger commits
        /// measured 25 % faster; a crash loses at most the batch in progress.
        public var batchBytes = 32 << 20
        /// What the walk reads: `--exclude`, `--include`, `--follow-links` (``DumpWalker/Options``).
        public var walk = DumpWalker.Options()
        /// Impact segments kept before neighbours are merged (``SegmentMerge``).
        public var maxImpactSegments = 24
        public init() {}
    }

    public let store: IndexStore
    public let options: Options

    public init(store: IndexStore, options: Options = Options()) {
        self.store = store
        self.options = options
    }

    /// Indexes `roots` (directories or files) and returns what was done.
    ///
    /// Holds the index's ``IndexRunLock`` throughout, so a second writer is told at
    /// once that a run is in progress. With `cancellation` set the run stops at the next
    /// chunk, keeping what it committed (``IndexCancellation``).
    public func run(roots: [String], cancellation: IndexCancellation? = nil,
                    progress: (@Sendable (IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        guard !roots.isEmpty else { throw IndexError.noRoots }
        let lock = try IndexRunLock(indexPath: store.path)
        defer { withExtendedLifetime(lock) {} }
        let clock = ContinuousClock.now
        var summary = IndexSummary()
        let walk = DumpWalker(options: options.walk).walk(roots)
        summary.filesSeen = walk.files.count + walk.problems.count + walk.ignored.count
        summary.filesIgnored = walk.ignored.count
        summary.dumpBytesRead = 0
        for problem in walk.problems { summary.noteSkipped(problem) }

        // An index made before the impact index existed gets it first, so that every
        // batch below writes its segment (``ImpactWriter`` writes only to a complete one).
        let backfilled = try ImpactBackfill(store: store).run(cancellation: cancellation)
        if backfilled > 0 { summary.impactUpgraded = backfilled }
        if cancellation?.isCancelled == true {
            summary.interrupted = true
            summary.filesNotReached = summary.filesSeen
            summary.seconds = clock.duration(to: .now).seconds
            try recordRun(summary)
            return summary
        }

        let manifest = try loadManifest()
        // Files indexed under older reading rules are all read again once (unchanged
        // ones are recognised by their hash and not rewritten).
        let storedRules = try storedRulesVersion()
        let rulesChanged = !manifest.isEmpty && storedRules != DumpFile.rulesVersion
        var candidates: [DumpWalker.Entry] = []
        for entry in walk.files {
            if !rulesChanged, let known = manifest[entry.path], known.size == entry.size, known.mtime == entry.mtimeNanoseconds {
                summary.filesUnchanged += 1
            } else {
                candidates.append(entry)
            }
        }

        let absoluteRoots = roots.map { DumpWalker.absolute($0) }
        let flatRoots = ArticleOrigin.flatRoots(absoluteRoots, files: walk.files.map(\.path))
        let chunks = chunked(candidates)
        let bytesTotal = candidates.reduce(0) { $0 + $1.size }
        var bytesRead = 0
        var filesDone = summary.filesUnchanged
        var next = 0
        var pending = chunks.first.map { ParseJob(files: $0, maxBytes: options.maxFileBytes) }
        // One transaction per batch of chunks; while the writer inserts one chunk the
        // next is being parsed.
        while let firstJob = pending, cancellation?.isCancelled != true {
            summary = try store.write("writing a batch") { db in
                // Term counts are stale from the first change until they are stored again
                // (in the same transaction as the new counts), so a run killed in between
                // is repaired by the next one.
                try TermStatistics.markStale(db)
                try ArticleAttributes.markStale(db)
                var summary = summary
                let impact = try ImpactWriter(db)
                defer { _ = impact }
                var job: ParseJob? = firstJob
                var batchBytes = 0
                while let current = job {
                    let results = current.wait()
                    next += 1
                    pending = next < chunks.count ? ParseJob(files: chunks[next], maxBytes: options.maxFileBytes) : nil
                    try write(results, manifest: manifest, roots: absoluteRoots, flatRoots: flatRoots, refreshAttributes: rulesChanged,
                              impact: impact, into: &summary, db: db)
                    let chunkBytes = results.reduce(0) { $0 + $1.entry.size }
                    batchBytes += chunkBytes
                    bytesRead += chunkBytes
                    summary.dumpBytesRead = bytesRead
                    filesDone += results.count
                    progress?(IndexProgress(filesDone: filesDone, filesTotal: walk.files.count, articles: summary.articles,
                                            textBytes: summary.textBytes, bytesRead: bytesRead, bytesTotal: bytesTotal,
                                            elapsed: clock.duration(to: .now).seconds))
                    job = batchBytes < options.batchBytes && cancellation?.isCancelled != true ? pending : nil
                }
                try impact.finish(db)
                return summary
            }
        }
        if cancellation?.isCancelled == true {
            summary.interrupted = true
            summary.filesNotReached = max(0, summary.filesSeen - filesDone)
            summary.seconds = clock.duration(to: .now).seconds
            try recordRun(summary)
            return summary
        }
        try recordRoots(roots)

        if options.deleteMissing {
            let seen = Set(walk.files.map(\.path))
            let prefixes = roots.map { DumpWalker.absolute($0) }
            let missing = manifest.filter { path, _ in
                !seen.contains(path) && prefixes.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
            }
            for batch in Array(missing.values).chunked(into: 256) {
                try store.write("removing deleted files") { db in
                    try TermStatistics.markStale(db)
                    try ArticleAttributes.markStale(db)
                    let impact = try ImpactWriter(db)
                    for file in batch { try Self.deleteFile(id: file.id, impact: impact, db: db) }
                }
            }
            summary.filesRemoved = missing.count
        }
        _ = try SegmentMerge(store: store, maxSegments: options.maxImpactSegments).run()
        let upgraded = try fillMissingTokenMarks()
        if upgraded > 0 { summary.sectionsUpgraded = upgraded }
        // After large changes, a bounded FTS5 merge (about one page of merge work per 200
        // sections written, 64 to 500 pages) so that queries consult fewer segments; the
        // full merge is `newssearch optimize`.
        // Term counts for query expansion are read on a reader connection while the
        // writer merges segments (the merge does not change them), then stored.
        let stale = try termStatisticsStale(), present = try hasTermStatistics()
        let countsMissing = stale || !present
        let counting = summary.sections > 0 || summary.filesRemoved > 0 || countsMissing ? TermCounting(store: store) : nil
        if summary.sections > 10_000 || summary.filesRemoved > 0 {
            let pages = min(500, max(64, summary.sections / 200))
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
        summary.seconds = clock.duration(to: .now).seconds
        try recordRun(summary)
        if storedRules != DumpFile.rulesVersion {
            try store.write("recording the reading rules") { db in
                try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('reading_rules', ?)", arguments: [DumpFile.rulesVersion])
            }
        }
        return summary
    }

    // MARK: - Manifest

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
    private func fillMissingTokenMarks() throws(IndexError) -> Int {
        let complete = try store.read("checking token marks") { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [IndexSchema.tokenMarksComplete]) != nil
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
                    try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')",
                                   arguments: [IndexSchema.tokenMarksComplete])
                    return true
                }
                after = last[0]
                return false
            }
            if finished { return filled }
        }
    }

    private func termStatisticsStale() throws(IndexError) -> Bool {
        try store.read("reading term counts") { db in try TermStatistics.isStale(db) }
    }

    /// Remembers the roots of the index's runs, for `newssearch rebuild`.
    private func recordRoots(_ roots: [String]) throws(IndexError) {
        try store.write("recording the roots") { db in
            let known = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'roots'")
                .flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
            let all = Array(Set(known + roots.map { DumpWalker.absolute($0) })).sorted()
            let json = String(decoding: (try? JSONEncoder().encode(all)) ?? Data("[]".utf8), as: UTF8.self)
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('roots', ?)", arguments: [json])
        }
    }

    private func storedRulesVersion() throws(IndexError) -> String? {
        try store.read("reading the reading rules") { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'reading_rules'")
        }
    }

    private func hasTermStatistics() throws(IndexError) -> Bool {
        try store.read("reading term counts") { db in
            try db.tableExists("term_sections")
                && String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'term_sections_total'") != nil
        }
    }

    private func recordRun(_ summary: IndexSummary) throws(IndexError) {
        let json = (try? JSONEncoder().encode(LastRun(summary: summary, finished: Date().timeIntervalSince1970)))
            .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        try store.write("recording the run") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('last_run', ?)", arguments: [json])
        }
    }

    // MARK: - Writing

    private func write(_ results: [ParsedFile], manifest: [String: ManifestEntry], roots: [String], flatRoots: Set<String>,
                       refreshAttributes: Bool, impact: ImpactWriter,
                       into summary: inout IndexSummary, db: Database) throws {
            for parsed in results {
                let known = manifest[parsed.entry.path]
                switch parsed.result {
                case .failure(let problem):
                    // A file that can no longer be read (or is no longer taken for an
                    // article) keeps no articles from an earlier run.
                    if let known { try Self.deleteFile(id: known.id, impact: impact, db: db) }
                    summary.noteSkipped(problem)
                case .success(let contents):
                    let hash = Int64(bitPattern: contents.contentHash)
                    let origin = ArticleOrigin(path: parsed.entry.path, roots: roots, flatRoots: flatRoots)
                    if let known, known.hash == hash {
                        try db.execute(sql: "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?",
                                       arguments: [parsed.entry.size, parsed.entry.mtimeNanoseconds, known.id])
                        // Same text read under newer rules: only the attributes may differ.
                        if refreshAttributes {
                            for prepared in parsed.articles {
                                try ArticleWriter.updateAttributes(origin.completing(prepared.article), file: known.id,
                                                                   record: prepared.record, db: db)
                            }
                        }
                        summary.filesUnchanged += 1
                        continue
                    }
                    let fileID: Int64
                    if let known {
                        try Self.deleteArticles(ofFile: known.id, impact: impact, db: db)
                        try db.execute(sql: "UPDATE files SET size = ?, mtime_ns = ?, hash = ?, format = ? WHERE id = ?",
                                       arguments: [parsed.entry.size, parsed.entry.mtimeNanoseconds, hash, contents.format.rawValue, known.id])
                        fileID = known.id
                    } else {
                        try db.execute(sql: "INSERT INTO files(path, size, mtime_ns, hash, format) VALUES (?, ?, ?, ?, ?)",
                                       arguments: [parsed.entry.path, parsed.entry.size, parsed.entry.mtimeNanoseconds, hash, contents.format.rawValue])
                        fileID = db.lastInsertedRowID
                    }
                    impact.beginFile(vocabulary: parsed.vocabulary)
                    for var prepared in parsed.articles {
                        prepared.article = origin.completing(prepared.article)
                        if prepared.article.date != nil, prepared.article.publishedSeconds == nil { summary.datesUnreadable = (summary.datesUnreadable ?? 0) + 1 }
                        summary.sections += try ArticleWriter.insert(prepared, file: fileID, impact: impact, db: db)
                        summary.articles += 1
                        summary.textBytes += prepared.article.textBytes
                    }
                    summary.recordsSkipped += contents.problems.count
                    summary.problems += contents.problems.map(\.description)
                    summary.filesIndexed += 1
                }
            }
    }

    static func deleteFile(id: Int64, impact: ImpactWriter, db: Database) throws {
        try deleteArticles(ofFile: id, impact: impact, db: db)
        try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
    }

    /// Deletes a file's articles. The FTS rows go first: an external-content FTS5 table
    /// must be told the old values of the row it forgets.
    static func deleteArticles(ofFile fileID: Int64, impact: ImpactWriter, db: Database) throws {
        let articles = try Int64.fetchAll(db, sql: "SELECT id FROM articles WHERE file_id = ?", arguments: [fileID])
        for article in articles {
            let range = SectionID.range(of: article)
            try impact.delete(sections: range, db: db)
            try db.cachedStatement(sql: """
                INSERT INTO sections_fts(sections_fts, rowid, title, heading, body, author)
                SELECT 'delete', id, title, heading, body, author FROM section_content WHERE id BETWEEN ? AND ?
                """).execute(arguments: [range.lowerBound, range.upperBound])
            try db.cachedStatement(sql: "DELETE FROM sections WHERE id BETWEEN ? AND ?")
                .execute(arguments: [range.lowerBound, range.upperBound])
        }
        try db.execute(sql: "DELETE FROM articles WHERE file_id = ?", arguments: [fileID])
    }

    private func chunked(_ files: [DumpWalker.Entry]) -> [[DumpWalker.Entry]] {
        var chunks: [[DumpWalker.Entry]] = []
        var current: [DumpWalker.Entry] = []
        var bytes = 0
        for file in files {
            current.append(file)
            bytes += file.size
            // The first chunk is small so that the writer starts at once.
            let limit = chunks.isEmpty ? options.chunkBytes / 8 : options.chunkBytes
            if bytes >= limit || current.count >= options.chunkFiles {
                chunks.append(current)
                current = []
                bytes = 0
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}

/// The `last_run` record kept in the index's `meta` table.
struct LastRun: Codable {
    var summary: IndexSummary
    var finished: Double
}

extension IndexSummary {
    mutating func noteSkipped(_ problem: DumpError) {
        filesSkipped += 1
        skippedByReason[problem.reasonKey, default: 0] += 1
        var examples = skippedExamples ?? [:]
        if examples[problem.reasonKey, default: []].count < Self.examplesPerReason {
            examples[problem.reasonKey, default: []].append(DumpError.displayed((problem.path as NSString).lastPathComponent))
        }
        skippedExamples = examples
        problems.append(problem.description)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
