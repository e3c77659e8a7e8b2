import Foundation
import GRDB

/// What an index holds, for `newssearch stats`.
public struct IndexStats: Sendable, Codable {
    public var articles: Int
    public var sections: Int
    public var files: Int
    /// Distinct terms (stems) in the full-text index.
    public var terms: Int
    /// Megabytes (10^6 bytes) of article text indexed.
    public var textMB: Double
    /// Megabytes of the index file on disk.
    public var indexMB: Double
    /// Number of FTS5 segments (b-trees) a query has to consult; `optimize` makes it 1.
    public var segments: Int
    /// The summary line of the last index run.
    public var lastRun: String?

    enum CodingKeys: String, CodingKey {
        case articles, sections, files, terms, segments
        case textMB = "text_mb", indexMB = "index_mb", lastRun = "last_run"
    }

    public init(store: IndexStore) throws(IndexError) {
        let values = try store.read("reading statistics") { db in
            let articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
            let sections = try Int.fetchOne(db, sql: "SELECT count(*) FROM sections") ?? 0
            let files = try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0
            let textBytes = try Int.fetchOne(db, sql: "SELECT coalesce(sum(text_bytes), 0) FROM articles") ?? 0
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sections_vocab USING fts5vocab(main, sections_fts, row)")
            let terms = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.sections_vocab") ?? 0
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let structure = try Data.fetchOne(db, sql: "SELECT block FROM sections_fts_data WHERE id = 10")
            let lastRun = try MetaKey.lastRun.value(in: db)
            return (articles, sections, files, terms, textBytes, pages * pageSize, structure, lastRun)
        }
        articles = values.0
        sections = values.1
        files = values.2
        terms = values.3
        textMB = Double(values.4) / 1_000_000
        indexMB = Double(values.5) / 1_000_000
        segments = values.6.map(Self.segmentCount) ?? 0
        lastRun = values.7.flatMap { json in
            (try? JSONDecoder().decode(LastRun.self, from: Data(json.utf8)))?.summary.line
        }
    }

    /// Reads the segment count from FTS5's structure record: a 4-byte cookie, then
    /// varints `nLevel`, `nSegment`, … (see `fts5_index.c`).
    static func segmentCount(_ structure: Data) -> Int {
        let bytes = [UInt8](structure)
        var offset = 4
        guard bytes.count > offset else { return 0 }
        _ = readVarint(bytes, &offset)
        return Int(readVarint(bytes, &offset))
    }

    /// SQLite's varint: big-endian groups of 7 bits, high bit set on all but the last;
    /// a ninth byte carries 8 bits.
    static func readVarint(_ bytes: [UInt8], _ offset: inout Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<9 where offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if index == 8 { return value << 8 | UInt64(byte) }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        return value
    }
}
