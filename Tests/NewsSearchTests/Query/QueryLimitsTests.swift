import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Every query stays within ``QueryLimits``, refused with a message that names the
/// limit, and whatever is accepted is an expression FTS5 can run.
@Suite struct QueryLimitsTests {
    func parse(_ text: String, _ mode: QueryParser.Mode = .all) throws(QueryError) -> QueryNode {
        try QueryParser.parse(text, mode: mode)
    }

    func nested(_ depth: Int, _ open: String, _ close: String = ")") -> String {
        String(repeating: open, count: depth) + "oil" + String(repeating: close, count: depth)
    }

    @Test func nestingBeyondTheLimitIsRefusedAtTheGroupThatGoesTooDeep() {
        // 32 levels is where FTS5's own parser gave up, reported as an internal bug.
        #expect(throws: QueryError.tooDeep(token: "(", column: 81, limit: 10)) { try parse(nested(32, "(oil OR ")) }
        #expect(throws: QueryError.tooDeep(token: "(", column: 11, limit: 10)) { try parse(nested(11, "(")) }
        #expect(throws: QueryError.tooDeep(token: "title:", column: 61, limit: 10)) { try parse(nested(12, "title:", "")) }
        let message = QueryError.tooDeep(token: "(", column: 11, limit: 10).description
        #expect(message.contains("column 11") && message.contains("more than 10 levels deep"))
    }

    /// Word counting answers ASCII without the Unicode tables: it must agree with them
    /// (letters, numbers and private use are word characters; marks stay inside words).
    @Test func asciiWordCharactersAgreeWithUnicodeCategories() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            let category = scalar.properties.generalCategory
            let word: Set<Unicode.GeneralCategory> = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter,
                                                      .otherLetter, .decimalNumber, .letterNumber, .otherNumber, .privateUse]
            #expect(TokenizerView.isWordCharacter(scalar) == word.contains(category), "U+\(String(value, radix: 16))")
            #expect(TokenizerView.isMark(scalar) == [.nonspacingMark, .spacingMark, .enclosingMark].contains(category))
        }
        #expect(TokenizerView.wordCount("oil, gas_prices & 3rd-quarter café") == 6)
    }

    /// Deep enough to overflow the recursive parser's stack before (a crash, not an error).
    @Test func thousandsOfOpenParenthesesAreAnErrorNotACrash() {
        #expect(throws: QueryError.tooDeep(token: "(", column: 11, limit: 10)) { try parse(String(repeating: "(", count: 9_000) + "oil") }
    }

    /// The worst shapes at the deepest accepted nesting (each level an AND inside an OR,
    /// exclusions, fields, NEAR and prefixes) run in FTS5; one level more is refused.
    @Test func theDeepestAcceptedQueriesRunInFTS5AndOneMoreLevelIsRefused() throws {
        let sandbox = try FTS5Sandbox()
        let levels: [(Int) -> String] = [
            { _ in "(oil OR " }, { _ in "(oil gas OR korea " }, { _ in "(oil -" }, { $0 % 2 == 0 ? "(oil -" : "(gas OR " },
            { _ in "(oil OR gas NEAR(oil ga*, 3) -" }, { $0 % 2 == 0 ? "heading:(oil OR gas " : "(oil OR -gas title:korea " },
            { _ in "(\"oil gas\"~4 OR author:smith body:gas " }, { _ in "-(oil OR gas) (ko* OR " },
        ]
        for level in levels {
            for mode in QueryParser.Mode.allCases {
                func query(_ depth: Int) -> String {
                    (0..<depth).map(level).joined() + "korea" + String(repeating: ")", count: depth)
                }
                let expression = try FTS5Compiler.compile(parse(query(QueryLimits.maxDepth), mode))
                #expect(throws: Never.self, "\(expression)") { _ = try sandbox.count(expression) }
                #expect(throws: QueryError.self) { try parse(query(QueryLimits.maxDepth + 1), mode) }
            }
        }
    }

    @Test func sameOperatorNestingIsFlattened() throws {
        let (a, b, c, d) = (QueryNode.term("a", prefix: false), QueryNode.term("b", prefix: false),
                            QueryNode.term("c", prefix: false), QueryNode.term("d", prefix: false))
        #expect(try parse("a OR (b OR (c OR d))") == .or([a, b, c, d]))
        #expect(try parse("a (b (c -d))") == .and([a, b, c, .not(d)]))
    }

    @Test func handBuiltTreesTooDeepForFTS5AreRefusedByTheCompiler() {
        var node = QueryNode.term("oil", prefix: false)
        for _ in 0..<30 { node = .or([.term("gas", prefix: false), node]) }
        #expect(throws: QueryError.tooDeep(token: "(", column: nil, limit: QueryLimits.maxDepth)) { try FTS5Compiler.compile(node) }
    }

    @Test func queriesLongerThanTheLimitAreRefusedBeforeAnyWork() {
        let text = String(repeating: "a:", count: 50_000)
        #expect(throws: QueryError.tooLong(bytes: 100_000, limit: 10_000)) { try parse(text) }
        #expect(throws: QueryError.tooLong(bytes: 10_002, limit: 10_000)) { try parse(String(repeating: "\u{301}", count: 5_001)) }
    }

    @Test func wordsInsidePhrasesNearGroupsAndDottedWordsCountTowardsTheTermCap() {
        let words = (0..<600).map { _ in "oil" }.joined(separator: " ")
        #expect(throws: QueryError.tooManyTerms(count: 600, limit: 512)) { try parse("\"\(words)\"") }
        #expect(throws: QueryError.tooManyTerms(count: 601, limit: 512)) { try parse("NEAR(gas \(words))") }
        // `a:a:…` is one word to the lexer but 4,000 words to the tokenizer.
        #expect(throws: QueryError.tooManyTerms(count: 4_000, limit: 512)) { try parse(String(repeating: "a:", count: 4_000)) }
        #expect(QueryError.tooManyTerms(count: 600, limit: 512).description.contains("phrases"))
    }

    @Test func prefixSearchesAreCappedAndNeedTwoLetters() throws {
        let seventeen = (0..<17).map { "oi\($0)*" }.joined(separator: " OR ")
        #expect(throws: QueryError.tooManyPrefixes(count: 17, limit: 16)) { try parse(seventeen) }
        #expect(throws: QueryError.prefixTooShort(word: "a", column: 5, minimum: 2)) { try parse("oil a* gas") }
        #expect(throws: QueryError.prefixTooShort(word: "U.S", column: 1, minimum: 2)) { try parse("U.S*") }
        #expect(throws: QueryError.prefixTooShort(word: "b", column: 10, minimum: 2)) { try parse("NEAR(oil b*)") }
        #expect(try parse("oi*") == .term("oi", prefix: true))
        #expect(try parse("20.04*") == .term("20.04", prefix: true))
        #expect(try parse("e\u{301}t*") == .term("e\u{301}t", prefix: true))
    }

    @Test(arguments: [
        ("NEAR(oil gas, -5)", QueryError.badDistance(text: "-5", column: 15, limit: 10_000)),
        ("NEAR(oil gas,-5)", QueryError.badDistance(text: "-5", column: 14, limit: 10_000)),
        ("NEAR(oil gas, 10001)", QueryError.badDistance(text: "10001", column: 15, limit: 10_000)),
        ("NEAR(oil gas, 99999999999999999999)", QueryError.badDistance(text: "99999999999999999999", column: 15, limit: 10_000)),
        ("\"oil gas\"~9999999999", QueryError.badDistance(text: "~9999999999", column: 10, limit: 10_000)),
        ("\"oil gas\"~-3 korea", QueryError.badDistance(text: "~-3", column: 10, limit: 10_000)),
        ("\"oil gas\"~ korea", QueryError.badDistance(text: "~", column: 10, limit: 10_000)),
        ("e\u{301}e\u{301} \"oil gas\"~5x", QueryError.badDistance(text: "~5x", column: 13, limit: 10_000)),
    ])
    func malformedOrOutOfRangeDistancesAreErrors(_ text: String, _ error: QueryError) {
        #expect(throws: error) { try parse(text) }
        #expect(error.description.contains("0 to 10000"))
    }

    @Test func distancesInRangeAreKept() throws {
        let oil = QueryNode.term("oil", prefix: false), gas = QueryNode.term("gas", prefix: false)
        #expect(try parse("NEAR(oil gas, 10000)") == .near([oil, gas], distance: 10_000))
        #expect(try parse("NEAR(oil gas,3)") == .near([oil, gas], distance: 3))
        #expect(try parse("\"oil gas\"~0") == .near([oil, gas], distance: 0))
    }

    /// What the user sees: the executable exits with 2 and one line, not SIGSEGV.
    @Test func theExecutableAnswersThousandsOfParenthesesWithExitCodeTwo() throws {
        guard let executable = TestSupport.executable else {
            print("skipping: no newssearch executable beside the tests")
            return
        }
        let directory = TemporaryDirectory()
        directory.write("dumps/seed.txt", try String(contentsOfFile: TestSupport.seedFile, encoding: .utf8))
        _ = try makeEngine(indexing: directory)
        let queries = [
            (String(repeating: "(", count: 20_000) + "oil", "more than the 10000"),
            (String(repeating: "(", count: 9_000) + "oil", "more than 10 levels deep"),
            (nested(32, "(oil OR "), "more than 10 levels deep"),
        ]
        for (query, expected) in queries {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["search", query, "--index", directory.indexPath]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(message)")
            #expect(message.contains(expected) && !message.contains("bug"), "\(message)")
        }
    }
}
