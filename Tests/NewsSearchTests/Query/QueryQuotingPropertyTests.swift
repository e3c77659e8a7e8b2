import Testing
import NewsSearchTools
@testable import NewsSearch

/// Random strings of what is hardest to quote (combining marks, joiners, direction
/// marks, U+FFFD, controls, every kind of quote, operators, fields, braces): each is
/// either a query error or an expression that FTS5 accepts and in which all user text
/// sits inside FTS5 strings.
@Suite struct QueryQuotingPropertyTests {
    static let pieces: [String] = [
        "\"", "\"\u{301}", "\u{301}", "\u{301}\"", "“", "”", "„", "«", "»", "'", "’", "＂", "\u{200D}", "\u{200F}",
        "\u{202E}", "\u{FFFD}", "\u{0}", "\u{1B}", "\u{7F}", "\u{9B}", "\t", "\n", " ", " ", " ", "oil", "gas", "é",
        "e\u{301}", "👩‍👩‍👧", "日本", "OR", "AND", "NOT", "NEAR(", "NEAR", "(", ")", "-", "*", "ab*", ":", "{", "}",
        "{author}", "{author}:", "title:", "author:", "heading:", "body:", "col:", ",", "~", "~3", "^", "+", ".", "5",
    ]

    static func randomQuery(_ generator: inout SplitMix64) -> String {
        let length = generator.int(in: 1...14)
        return (0..<length).map { _ in pieces[generator.int(in: 0...(pieces.count - 1))] }.joined()
    }

    @Test func everyCompiledExpressionQuotesAllUserTextAndRunsInFTS5() throws {
        let sandbox = try FTS5Sandbox()
        var generator = SplitMix64(seed: 12_2026)
        var compiled = 0
        for _ in 0..<5_000 {
            let text = Self.randomQuery(&generator)
            let typed = Set(text.unicodeScalars)
            for mode in QueryParser.Mode.allCases {
                let expression: String
                do {
                    expression = try FTS5Compiler.compile(QueryParser.parse(text, mode: mode))
                } catch {
                    #expect(!error.description.isEmpty)
                    continue
                }
                compiled += 1
                switch FTS5ExpressionScanner.strings(in: expression) {
                case .failure(let problem):
                    Issue.record("\(text.debugDescription) → \(expression.debugDescription): \(problem)")
                case .success(let strings):
                    // Every string holds only what the user typed (never compiler syntax).
                    let foreign = strings.flatMap(\.unicodeScalars).filter { !typed.contains($0) && $0 != " " }
                    #expect(foreign.isEmpty, "\(text.debugDescription) → \(expression.debugDescription)")
                }
                do {
                    _ = try sandbox.count(expression)
                } catch {
                    Issue.record("FTS5 refused \(expression.debugDescription) for \(text.debugDescription): \(error)")
                }
            }
        }
        #expect(compiled > 2_000)
    }
}
