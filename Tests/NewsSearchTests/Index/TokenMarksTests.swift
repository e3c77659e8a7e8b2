import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Token marks let snippets tokenize from the nearest mark instead of the body's start;
/// that is only sound if the index's tokenizer gives the same tokens either way.
@Suite struct TokenMarksTests {
    /// Texts where a tokenizer could keep state across tokens: accents (composed and
    /// combining), ß, CJK, emoji with joiners and skin tones, digits, apostrophes.
    static let texts = [
        "Café owners in Zürich said the straße was closed; naïve e\u{301}clairs cost 3.50 francs.",
        "東京の株式市場は上昇した。投資家は楽観的だ。 Tokyo stocks rose 2% on Monday.",
        "Fans 👩‍👩‍👧‍👦 cheered 👍🏽 as the team's captain (aged 29) scored—twice—in the final minutes.",
        String(repeating: "Markets rallied after the central bank's decision. ", count: 12),
        "",
        "   \n\n   ",
    ]

    private func withTokenizer(_ body: (IndexTokenizer) throws -> Void) throws {
        let directory = TemporaryDirectory()
        let store = try IndexStore(path: directory.indexPath, create: true)
        try store.read("test") { db in
            let tokenizer = try #require(IndexTokenizer(db: db))
            try body(tokenizer)
        }
    }

    @Test(arguments: texts)
    func tokenizingFromAMarkGivesTheSameTokensAsFromTheStart(text: String) throws {
        try withTokenizer { tokenizer in
            let all = tokenizer.tokenRanges(of: text)
            let marks = TokenMarks(of: text, tokenizer: tokenizer)
            #expect(marks.offsets == stride(from: 0, to: all.count, by: TokenMarks.interval).map { all[$0].lowerBound })
            var text = text
            text.withUTF8 { bytes in
                for (index, offset) in marks.offsets.enumerated() {
                    let fromMark = tokenizer.tokenRanges(in: UnsafeBufferPointer(rebasing: bytes[offset...]))
                        .map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
                    #expect(fromMark == Array(all[(index * TokenMarks.interval)...]))
                }
            }
        }
    }

    @Test(arguments: texts)
    func theLocatorFindsEveryTokenInAnyOrder(text: String) throws {
        try withTokenizer { tokenizer in
            let all = tokenizer.tokenRanges(of: text)
            let marks = TokenMarks(of: text, tokenizer: tokenizer)
            var text = text
            text.withUTF8 { bytes in
                for marks in [marks, nil] {
                    var locator = TokenLocator(tokenizer: tokenizer, bytes: bytes, marks: marks)
                    // Forwards (as instances come), with jumps, then backwards.
                    let order = Array(all.indices) + stride(from: 0, to: all.count, by: 7) + all.indices.reversed()
                    for token in order { #expect(locator.range(ofToken: token) == all[token]) }
                    #expect(locator.range(ofToken: all.count) == nil)
                    #expect(locator.range(ofToken: -1) == nil)
                }
            }
        }
    }

    @Test func everyIndexedSectionHasTheMarksOfItsBody() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/seed.txt", try String(contentsOfFile: TestSupport.seedFile, encoding: .utf8))
        directory.write("dumps/cafe.txt", sampleArticle(title: "Café", lead: Self.texts[0] + " " + Self.texts[2],
                                                        sections: [("Tokyo", Self.texts[1])]))
        directory.write("dumps/title-only.txt", "A headline with no text\n")
        let engine = try makeEngine(indexing: directory)
        try engine.store.read("test") { db in
            let tokenizer = try #require(IndexTokenizer(db: db))
            let rows = try Row.fetchAll(db, sql: "SELECT body, token_marks FROM sections")
            #expect(rows.count >= 10)
            for row in rows {
                let stored: Data = try #require(row[1])
                let decoded = stored.withUnsafeBytes { TokenMarks(encoded: $0.bindMemory(to: UInt8.self)) }
                #expect(decoded == TokenMarks(of: row[0], tokenizer: tokenizer))
            }
        }
    }

    @Test func theStoredFormRoundTripsAndBadBytesAreRefused() {
        let marks = TokenMarks(offsets: [0, 90, 181, 400, 70_000, 1_000_000])
        let encoded = marks.encoded
        #expect(encoded.count < marks.offsets.count * 3)
        #expect(encoded.withUnsafeBufferPointer { TokenMarks(encoded: $0) } == marks)
        let truncated = Array(encoded.dropLast()) + [0x80]
        #expect(truncated.withUnsafeBufferPointer { TokenMarks(encoded: $0) } == nil)
    }
}
