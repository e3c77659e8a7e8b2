import Foundation
import Testing
import NewsSearchTools
@testable import NewsSearch

/// Generated hostile queries (operators, fields, quotes with combining marks, controls,
/// long and deeply nested inputs) through parse, compile and a real FTS5 `MATCH`: each
/// is a ``QueryError`` or a result, never an SQLite error, a crash or SQLite's words
/// in a message. 20,000 queries by default; `NEWSSEARCH_FUZZ_QUERIES=100000` for more.
@Suite struct QueryFuzzTests {
    static let fragments: [String] = [
        "oil", "gas", "korea", "a", "ab", "U.S.", "20.04", "café", "e\u{301}", "日本", "🙂", "👩‍👩‍👧", "OR", "AND", "NOT",
        "NEAR(", "NEAR", "(", ")", "\"", "\"\u{301}", "\u{301}", "“", "”", "'", "-", "--", "*", "ab*", "a*", ":", "a:",
        "title:", "heading:", "body:", "author:", "TITLE:", "{author}:", "{", "}", ",", ", 5", ", -5", ", 99999999999",
        "~", "~3", "~-1", "~99999", "^", "+", "|", "&", "\\", "%", "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{9B}", "\u{200D}",
        "\u{200F}", "\u{202E}", "\u{FFFD}", "\t", "\n", " ", " ", " ", " ",
    ]

    static var queryCount: Int {
        ProcessInfo.processInfo.environment["NEWSSEARCH_FUZZ_QUERIES"].flatMap(Int.init) ?? 20_000
    }

    /// One query: mostly a short mix of fragments, sometimes a long run of one fragment,
    /// deep nesting, a long phrase or many prefixes.
    static func query(_ generator: inout SplitMix64) -> String {
        func fragment() -> String { fragments[generator.int(in: 0...(fragments.count - 1))] }
        switch generator.int(in: 0...19) {
        case 0:
            return String(repeating: fragment(), count: generator.int(in: 100...6_000))
        case 1:
            let depth = generator.int(in: 5...40)
            let level = ["(", "(oil OR ", "(oil gas OR ", "(oil -", "title:", "-(", "NEAR("][generator.int(in: 0...6)]
            return String(repeating: level, count: depth) + fragment() + String(repeating: ")", count: generator.int(in: 0...depth))
        case 2:
            return "\"" + (0..<generator.int(in: 10...1_200)).map { _ in fragment() }.joined(separator: " ") + "\""
        case 3:
            return (0..<generator.int(in: 1...30)).map { _ in "\(fragment())\(fragment())*" }.joined(separator: " OR ")
        default:
            return (0..<generator.int(in: 1...16)).map { _ in fragment() }.joined()
        }
    }

    @Test func generatedQueriesGiveAResultOrAQueryErrorNeverAnSQLiteError() throws {
        let sandbox = try FTS5Sandbox()
        var generator = SplitMix64(seed: 0x4E45_5753)
        var (results, errors) = (0, 0)
        var worst: (seconds: Double, query: String) = (0, "")
        let total = Self.queryCount
        for _ in 0..<total {
            let text = Self.query(&generator)
            let mode: QueryParser.Mode = generator.next() % 3 == 0 ? .any : .all
            let start = ContinuousClock.now
            do {
                let expression = try FTS5Compiler.compile(QueryParser.parse(text, mode: mode))
                _ = try sandbox.count(expression)
                results += 1
            } catch let error as QueryError {
                errors += 1
                let message = error.description
                #expect(!message.isEmpty && !message.localizedCaseInsensitiveContains("sqlite")
                    && !message.localizedCaseInsensitiveContains("fts5") && !message.contains("bug"), "\(message)")
            } catch {
                Issue.record("\(text.prefix(200).debugDescription) (\(mode)): \(error)")
            }
            let seconds = start.duration(to: .now).seconds
            if seconds > worst.seconds { worst = (seconds, text) }
        }
        print("fuzz: \(total) queries, \(results) ran, \(errors) query errors; slowest \(String(format: "%.1f", worst.seconds * 1000)) ms "
            + "(\(worst.query.utf8.count) bytes: \(worst.query.prefix(60).debugDescription))")
        #expect(results > total / 10 && errors > total / 10)
    }
}
