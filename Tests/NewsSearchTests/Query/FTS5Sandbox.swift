import Foundation
import GRDB
@testable import NewsSearch

/// A throwaway in-memory FTS5 table with the index's columns and tokenizer, to check
/// that compiled expressions are ones FTS5 accepts.
struct FTS5Sandbox {
    let queue: DatabaseQueue
    let statement: Statement

    init() throws {
        queue = try DatabaseQueue()
        statement = try queue.inDatabase { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE t USING fts5(title, heading, body, author, tokenize='porter unicode61 remove_diacritics 2');
                INSERT INTO t VALUES ('Oil and gas', 'Korea border', 'Oil prices rose as the border closed; gas fell.', 'Smith');
                INSERT INTO t VALUES ('Café news', 'U.S. markets', 'Reuters reported on Korea’s café owners.', 'Hurll');
                """)
            return try db.makeStatement(sql: "SELECT count(*) FROM t WHERE t MATCH ?")
        }
    }

    /// Runs `expression` as a MATCH; returns the number of rows or throws SQLite's error.
    func count(_ expression: String) throws -> Int {
        try queue.inDatabase { _ in try Int.fetchOne(statement, arguments: [expression]) ?? 0 }
    }
}

/// Reads a compiled FTS5 expression the way FTS5 does (bytes, `"…"` strings with `""`
/// for a quote) and says whether anything outside the strings is not the compiler's own
/// syntax: column filters of known columns, `:`, parentheses, `AND`/`OR`/`NOT`,
/// `NEAR(…, N)`, `*` after a string.
enum FTS5ExpressionScanner {
    static let columns: Set<String> = ["title", "heading", "body", "author"]
    static let keywords: Set<String> = ["AND", "OR", "NOT", "NEAR"]

    /// The strings of `expression`, unescaped, or a description of the first problem.
    static func strings(in expression: String) -> Result<[String], ScanProblem> {
        let bytes = Array(expression.utf8)
        var strings: [String] = []
        var index = 0
        var insideBraces = false
        func word(from start: Int) -> (String, Int) {
            var end = start
            while end < bytes.count, (bytes[end] >= 0x41 && bytes[end] <= 0x5A) || (bytes[end] >= 0x61 && bytes[end] <= 0x7A)
                || (bytes[end] >= 0x30 && bytes[end] <= 0x39) { end += 1 }
            return (String(decoding: bytes[start..<end], as: UTF8.self), end)
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                var content: [UInt8] = []
                var end = index + 1
                while true {
                    guard end < bytes.count else { return .failure(ScanProblem("unterminated string at byte \(index)")) }
                    if bytes[end] == UInt8(ascii: "\"") {
                        if end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "\"") { content.append(bytes[end]); end += 2; continue }
                        break
                    }
                    content.append(bytes[end])
                    end += 1
                }
                strings.append(String(decoding: content, as: UTF8.self))
                index = end + 1
            case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "*"):
                index += 1
            case UInt8(ascii: ":"):
                guard !insideBraces else { return .failure(ScanProblem("`:` inside a column filter")) }
                index += 1
            case UInt8(ascii: "{"):
                guard !insideBraces else { return .failure(ScanProblem("nested `{`")) }
                insideBraces = true
                index += 1
            case UInt8(ascii: "}"):
                guard insideBraces else { return .failure(ScanProblem("`}` outside a column filter")) }
                insideBraces = false
                index += 1
            default:
                let (text, end) = word(from: index)
                guard end > index else { return .failure(ScanProblem("unexpected byte \(byte) outside a string at \(index)")) }
                let allowed = insideBraces ? columns.contains(text) : (keywords.contains(text) || text.allSatisfy(\.isNumber))
                guard allowed else { return .failure(ScanProblem("`\(text)` outside a string")) }
                index = end
            }
        }
        return insideBraces ? .failure(ScanProblem("unclosed `{`")) : .success(strings)
    }

    struct ScanProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
