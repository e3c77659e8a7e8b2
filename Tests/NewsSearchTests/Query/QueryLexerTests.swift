import Testing
@testable import NewsSearch

@Suite struct QueryLexerTests {
    /// ASCII is classified without the Unicode tables: it must agree with them on every
    /// ASCII scalar (and the tables still decide the rest).
    @Test func asciiSpacesAndControlsAgreeWithUnicode() {
        for value in UInt32(0)...0x80 + 0x20 {
            let scalar = Unicode.Scalar(value)!
            let properties = scalar.properties
            #expect(QueryLexer.isSpace(scalar) == properties.isWhitespace, "U+\(String(value, radix: 16))")
            #expect(QueryLexer.isDropped(scalar) == (properties.generalCategory == .control && !properties.isWhitespace),
                    "U+\(String(value, radix: 16))")
        }
    }

    @Test func tabsAndNewlinesSeparateWordsAndOtherControlsVanish() throws {
        let words = try QueryLexer.tokens("oil\tprices\nfell\u{7}now").compactMap { token -> String? in
            if case .word(let word, _) = token.kind { return word }
            return nil
        }
        #expect(words == ["oil", "prices", "fellnow"])
    }

    /// ASCII text is lexed from its bytes, other text by `Character`: the two must give
    /// the same tokens at the same columns, `\r\n` (one character) and dropped controls
    /// included. Each query is lexed as typed and with a non-ASCII word after it, which
    /// takes the other path and must not move what comes before.
    @Test func asciiQueriesLexAsTheCharacterPathDoes() throws {
        let queries = ["oil\r\nprices", "a\r\n\r\n\"oil prices\"~3", "x\u{7}y title:oil -gas", "\r\r\nNEAR(a, b, 5)",
                       "source:bbc \"oil\" heading:x", "oil* OR (gas AND NOT coal)", "\r\n-\"a b\"",
                       "oil\u{7F}gas \r\u{7}\nprices", "\r\u{7}\n\r\nx"]
        for query in queries {
            let ascii = try QueryLexer.tokens(query)
            let mixed = try QueryLexer.tokens(query + " café")
            #expect(Array(mixed.dropLast()) == ascii, "\(query.debugDescription)")
        }
        #expect(try QueryLexer.tokens("a\r\nb").map(\.column) == [1, 3])
        #expect(throws: QueryError.unknownField(field: "date", column: 5, known: QueryLexer.knownFieldNames)) {
            try QueryLexer.tokens("oil\r\ndate:1987")
        }
    }
}
