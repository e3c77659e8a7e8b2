import Testing
@testable import NewsSearch

@Suite struct QueryParserTests {
    func parse(_ text: String, _ mode: QueryParser.Mode = .all) throws -> QueryNode {
        try QueryParser.parse(text, mode: mode)
    }

    @Test func bareWordsAreAllRequired() throws {
        #expect(try parse("korea border") == .and([.term("korea", prefix: false), .term("border", prefix: false)]))
    }

    @Test func operators() throws {
        #expect(try parse("a OR b") == .or([.term("a", prefix: false), .term("b", prefix: false)]))
        #expect(try parse("a -b") == .and([.term("a", prefix: false), .not(.term("b", prefix: false))]))
        #expect(try parse("a NOT b") == .and([.term("a", prefix: false), .not(.term("b", prefix: false))]))
        #expect(try parse("a AND b") == .and([.term("a", prefix: false), .term("b", prefix: false)]))
        #expect(try parse("denuclear*") == .term("denuclear", prefix: true))
        #expect(try parse("\"exact phrase\"") == .phrase("exact phrase"))
        #expect(try parse("“curly phrase”") == .phrase("curly phrase"))
        #expect(try parse("(a OR b) c") == .and([.or([.term("a", prefix: false), .term("b", prefix: false)]), .term("c", prefix: false)]))
        #expect(try parse("title:\"border closure\"") == .field(.title, .phrase("border closure")))
        #expect(try parse("author:hurll") == .field(.author, .term("hurll", prefix: false)))
        #expect(try parse("heading:(a OR b)") == .field(.heading, .or([.term("a", prefix: false), .term("b", prefix: false)])))
        #expect(try parse("NEAR(border closure, 3)") == .near([.term("border", prefix: false), .term("closure", prefix: false)], distance: 3))
        #expect(try parse("\"border closure\"~5") == .near([.term("border", prefix: false), .term("closure", prefix: false)], distance: 5))
    }

    @Test func lowercaseOperatorsAreWords() throws {
        #expect(try parse("rock and roll") == .and([.term("rock", prefix: false), .term("and", prefix: false), .term("roll", prefix: false)]))
        #expect(try parse("not or") == .and([.term("not", prefix: false), .term("or", prefix: false)]))
    }

    @Test func hyphenInsideAWordIsNotExclusion() throws {
        #expect(try parse("multi-agent") == .term("multi-agent", prefix: false))
        #expect(try parse("anti-tourism -protest") == .and([.term("anti-tourism", prefix: false), .not(.term("protest", prefix: false))]))
    }

    @Test func unknownFieldIsPartOfTheWord() throws {
        #expect(try parse("http://example.org") == .term("http://example.org", prefix: false))
    }

    @Test func unbalancedQuoteRunsToTheEnd() throws {
        #expect(try parse("\"unbalanced phrase") == .phrase("unbalanced phrase"))
    }

    @Test func anyModeUsesOrAndDropsStopwords() throws {
        #expect(try parse("what is the border closure", .any) == .or([.term("border", prefix: false), .term("closure", prefix: false)]))
        #expect(throws: QueryError.onlyStopwords) { try parse("the of and", .any) }
        #expect(try parse("border closure -tourism", .any) == .and([
            .or([.term("border", prefix: false), .term("closure", prefix: false)]), .not(.term("tourism", prefix: false)),
        ]))
    }

    @Test(arguments: [
        ("", QueryError.empty),
        ("   ", QueryError.empty),
        ("(", QueryError.unclosedGroup(column: 1)),
        ("a )", QueryError.unmatchedClose(column: 3)),
        ("AND", QueryError.missingOperand(operator: "AND", column: 1)),
        ("a OR", QueryError.missingOperand(operator: "OR", column: 3)),
        ("a NOT", QueryError.missingOperand(operator: "NOT", column: 3)),
        ("title:", QueryError.emptyField(field: "title", column: 1)),
        ("🙂", QueryError.nothingSearchable("🙂")),
        ("- *", QueryError.nothingSearchable("- *")),
    ])
    func unusableQueriesSayWhatIsWrongAndWhere(_ text: String, _ error: QueryError) {
        #expect(throws: error) { try parse(text) }
    }

    @Test func hugeQueryIsRefusedClearly() {
        let text = (0..<1000).map { "w\($0)" }.joined(separator: " ")
        #expect(throws: QueryError.tooManyTerms(count: 1000, limit: QueryParser.maxTerms)) { try parse(text) }
    }

    /// The byte split of ASCII phrases must cut exactly where `Character.isWhitespace` does:
    /// every ASCII character between two words, alone and doubled.
    @Test func asciiPhrasesSplitAtTheSameWhiteSpaceAsCharacters() {
        for scalar in 0..<0x80 {
            let separator = String(UnicodeScalar(UInt8(scalar)))
            for text in ["a\(separator)b", "\(separator)a\(separator)\(separator)b\(separator)", "\r\na\(separator)b"] {
                let expected = text.split(whereSeparator: \.isWhitespace)
                #expect(QueryParser.whitespaceWords(text) == expected, "U+\(String(scalar, radix: 16))")
            }
        }
        #expect(QueryParser.whitespaceWords("caf\u{E9}\u{A0}cr\u{E8}me br\u{FB}l\u{E9}e") == ["caf\u{E9}", "cr\u{E8}me", "br\u{FB}l\u{E9}e"])
    }
}
