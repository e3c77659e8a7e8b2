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
}
