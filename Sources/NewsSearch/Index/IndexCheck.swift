import GRDB

/// `newssearch check`: whether an index is sound, as one list of problems.
///
/// Three layers, each of which can fail on its own: SQLite's `integrity_check` (the
/// file's pages and b-trees), FTS5's `integrity-check` (the full-text index against
/// the sections it was built from), and newssearch's own invariants between its tables
/// (every article has its file, every section its article and a row id that encodes
/// both, one full-text row per section, term counts that match the sections).
public enum IndexCheck {
    /// One invariant between newssearch's tables: a query counting the rows that break it.
    struct Invariant {
        var description: String
        var violations: String
    }

    static let invariants = [
        Invariant(description: "articles whose dump file is not in the manifest",
                  violations: "SELECT count(*) FROM articles a LEFT JOIN files f ON f.id = a.file_id WHERE f.id IS NULL"),
        Invariant(description: "sections whose article is missing",
                  violations: "SELECT count(*) FROM sections s LEFT JOIN articles a ON a.id = s.article_id WHERE a.id IS NULL"),
        Invariant(description: "sections whose row id does not encode their article and ordinal",
                  violations: """
                      SELECT count(*) FROM sections
                      WHERE id >> \(SectionID.ordinalBits) != article_id OR (id & \(SectionID.maxOrdinal)) != min(ordinal, \(SectionID.maxOrdinal))
                      """),
        Invariant(description: "articles without any section",
                  violations: "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sections s WHERE s.article_id = a.id)"),
        Invariant(description: "sections missing from the full-text index, or full-text rows without a section",
                  violations: "SELECT abs((SELECT count(*) FROM sections) - (SELECT count(*) FROM sections_fts_docsize))"),
    ]

    /// Every problem found, one line each; empty when the index is sound.
    public static func problems(_ store: IndexStore) throws(IndexError) -> [String] {
        var problems = try store.read("checking the file") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check(20)").filter { $0 != "ok" }
                .flatMap { $0.split(separator: "\n") }.prefix(20).map { "SQLite: \($0)" }
        }
        guard problems.isEmpty else { return problems }
        problems += try fullTextProblems(store)
        problems += try store.read("checking the tables") { db in
            var found: [String] = []
            for invariant in invariants {
                let count = try Int.fetchOne(db, sql: invariant.violations) ?? 0
                if count > 0 { found.append("\(count) \(invariant.description)") }
            }
            if try !TermStatistics.isStale(db),
               let total = try MetaKey.termSectionsTotal.value(in: db).flatMap({ Int($0) }),
               let sections = try Int.fetchOne(db, sql: "SELECT count(*) FROM sections"), total != sections {
                found.append("term counts were taken over \(total) sections but the index has \(sections) (the next index run recounts)")
            }
            return found
        }
        return problems
    }

    /// FTS5's own check of its index against the section text. It is written as an
    /// INSERT, so on a read-only index it runs inside a transaction that is rolled back
    /// on a private read-write connection when the file allows one, and is skipped
    /// (said so) when it does not.
    static func fullTextProblems(_ store: IndexStore) throws(IndexError) -> [String] {
        let command = "INSERT INTO sections_fts(sections_fts, rank) VALUES('integrity-check', 1)"
        do {
            if store.access == .read {
                try store.pool.read { db in try db.execute(sql: command) }
            } else {
                try store.pool.write { db in try db.execute(sql: command) }
            }
            return []
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            return try writableCheck(store.path, command)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return ["FTS5: the full-text index does not match the sections' text"]
        } catch let error as DatabaseError {
            throw IndexError.from(error, path: store.path, operation: "checking the full-text index")
        } catch {
            return ["FTS5: \(error)"]
        }
    }

    private static func writableCheck(_ path: String, _ command: String) throws(IndexError) -> [String] {
        guard let writable = try? IndexStore(path: path, access: .write) else {
            return ["FTS5 check skipped: it needs write access to \(path), which this user does not have"]
        }
        do {
            try writable.pool.write { db in try db.execute(sql: command) }
            return []
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return ["FTS5: the full-text index does not match the sections' text"]
        } catch let error as DatabaseError {
            throw IndexError.from(error, path: path, operation: "checking the full-text index")
        } catch {
            return ["FTS5: \(error)"]
        }
    }
}

extension IndexStore {
    /// Every problem ``IndexCheck`` finds; empty when the index is sound.
    public func integrityProblems() throws(IndexError) -> [String] {
        try IndexCheck.problems(self)
    }
}
