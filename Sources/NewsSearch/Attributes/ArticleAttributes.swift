import Foundation
import GRDB

/// Every article's date, source, category, place, author and language, packed in
/// arrays indexed by article id, so that a search filters, sorts and counts each
/// matching row in O(1) instead of joining `articles`.
///
/// Stored in `article_attributes` (one BLOB per array plus the code tables as JSON),
/// rebuilt at the end of every index run that changed articles. Each transaction that
/// changes articles marks them stale (``MetaKey/attributesStale``) until they are rebuilt, so a run
/// killed in between leaves them marked, and searches then build them from
/// `articles` directly (slower, never wrong). An index older than version 3 has no
/// attributes: every article is undated and without values.
public struct ArticleAttributes: Sendable {
    /// Seconds since 1970 (UTC) per article id; ``undated`` when unknown.
    public private(set) var dates: [Int64] = []
    /// Per field: a code per article id (0: none) and the values each code stands for.
    var codes: [ArticleField: [UInt32]] = [:]
    var values: [ArticleField: [[String]]] = [:]

    public static let undated = Int64.min

    /// The publication date of an article, if known.
    public func date(of article: Int64) -> Int64? {
        guard article >= 0, article < Int64(dates.count), dates[Int(article)] != Self.undated else { return nil }
        return dates[Int(article)]
    }

    /// The code of an article's value of `field` (0 for none or unknown articles).
    @inline(__always)
    func code(_ field: ArticleField, of article: Int64, in list: [UInt32]) -> UInt32 {
        article >= 0 && article < Int64(list.count) ? list[Int(article)] : 0
    }

    /// The values a code stands for (several for a Reuters article with several topics).
    func values(_ field: ArticleField, code: UInt32) -> [String] {
        guard let table = values[field], Int(code) < table.count else { return [] }
        return table[Int(code)]
    }

    // MARK: Building

    /// Builds the arrays from `articles` (one pass in id order).
    static func build(_ db: Database, schemaVersion: Int) throws -> ArticleAttributes {
        var attributes = ArticleAttributes()
        let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM articles") ?? 0
        let count = Int(maxID) + 1
        attributes.dates = Array(repeating: undated, count: count)
        guard schemaVersion >= 3 else { return attributes }
        var tables: [ArticleField: [String: UInt32]] = [:]
        for field in ArticleField.allCases {
            attributes.codes[field] = Array(repeating: 0, count: count)
            attributes.values[field] = [[]]
            tables[field] = [:]
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, date_utc, source, category, place, author, lang FROM articles")
        while let row = try rows.next() {
            let id = Int(row[0] as Int64)
            if let seconds: Int64 = row[1] { attributes.dates[id] = seconds }
            for (column, field) in [(2, ArticleField.source), (3, .category), (4, .place), (5, .author), (6, .lang)] {
                guard let text: String = row[column], !text.isEmpty else { continue }
                let code: UInt32
                if let known = tables[field]![text] {
                    code = known
                } else {
                    code = UInt32(attributes.values[field]!.count)
                    tables[field]![text] = code
                    attributes.values[field]!.append(text.split(separator: "\n").map(String.init))
                }
                attributes.codes[field]![id] = code
            }
        }
        return attributes
    }

    // MARK: Storing

    static func createTable(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS article_attributes (name TEXT PRIMARY KEY, data BLOB NOT NULL)")
    }

    static func markStale(_ db: Database) throws {
        try MetaKey.attributesStale.mark(in: db)
    }

    static func isStale(_ db: Database) throws -> Bool {
        try MetaKey.attributesStale.isSet(in: db)
    }

    /// Rebuilds and stores the arrays, and clears the stale mark, in the caller's transaction.
    static func rebuild(_ db: Database) throws {
        let attributes = try build(db, schemaVersion: IndexSchema.version)
        try db.execute(sql: "DELETE FROM article_attributes")
        let insert = try db.cachedStatement(sql: "INSERT INTO article_attributes(name, data) VALUES (?, ?)")
        try insert.execute(arguments: ["date", attributes.dates.withUnsafeBytes { Data($0) }])
        for field in ArticleField.allCases {
            try insert.execute(arguments: [field.rawValue, (attributes.codes[field] ?? []).withUnsafeBytes { Data($0) }])
            try insert.execute(arguments: [field.rawValue + ".values", try JSONEncoder().encode(attributes.values[field] ?? [[]])])
        }
        try MetaKey.attributesStale.remove(in: db)
        // A new generation tells every open store that its cached arrays are old.
        try MetaKey.attributesGeneration.increment(in: db)
    }

    /// The stored arrays through `cache`: decoded once per generation, so a process
    /// that searches many times (`serve`, `bench`) reads them once, not per search.
    static func load(_ db: Database, schemaVersion: Int, cache: AttributeCache) throws -> ArticleAttributes {
        guard schemaVersion >= 3,
              let generation = try MetaKey.attributesGeneration.value(in: db),
              try !isStale(db)
        else { return try load(db, schemaVersion: schemaVersion) }
        if let cached = cache.value(generation: generation) { return cached }
        let attributes = try load(db, schemaVersion: schemaVersion)
        cache.store(attributes, generation: generation)
        return attributes
    }

    /// The stored arrays, or, when they are stale or missing, arrays built from `articles`.
    static func load(_ db: Database, schemaVersion: Int) throws -> ArticleAttributes {
        guard schemaVersion >= 3,
              try !MetaKey.attributesStale.isSet(in: db)
        else { return try build(db, schemaVersion: schemaVersion) }
        var blobs: [String: Data] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, data FROM article_attributes") { blobs[row[0]] = row[1] }
        guard let dates = blobs["date"] else { return try build(db, schemaVersion: schemaVersion) }
        var attributes = ArticleAttributes()
        attributes.dates = Self.array(dates, of: Int64.self)
        for field in ArticleField.allCases {
            attributes.codes[field] = Self.array(blobs[field.rawValue] ?? Data(), of: UInt32.self)
            attributes.values[field] = blobs[field.rawValue + ".values"].flatMap { try? JSONDecoder().decode([[String]].self, from: $0) } ?? [[]]
        }
        return attributes
    }

    private static func array<T: FixedWidthInteger>(_ data: Data, of: T.Type) -> [T] {
        let count = data.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = data.copyBytes(to: buffer)
            initialized = count
        }
    }
}

/// The last decoded ``ArticleAttributes`` of an index, by generation (one per store).
typealias AttributeCache = GenerationCache<String, ArticleAttributes>
