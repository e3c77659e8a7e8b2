import Testing
@testable import NewsSearch

/// The word-at-a-time scans must agree with plain character-by-character reading on
/// any text: ASCII, accents, CJK, emoji, and marks at every position of an 8-byte word.
@Suite struct UTF8ScanningTests {
    static let texts = [
        "Plain ASCII text. With sentences! And questions? Yes.\nNew paragraph",
        "Café crème, naïve straße — “quoted” … 東京の株式市場 👩‍👩‍👧‍👦 done.",
        String(repeating: "é", count: 37) + "." + String(repeating: "a", count: 9) + "\n",
        "",
        "x",
    ]

    private func withBytes<T>(_ text: String, _ body: (UTF8Scanning.Bytes) -> T) -> T {
        var text = text
        return text.withUTF8 { body(UTF8Scanning.Bytes($0)) }
    }

    @Test(arguments: texts)
    func characterCountsMatchUnicodeScalars(text: String) {
        let utf8 = Array(text.utf8)
        withBytes(text) { bytes in
            #expect(bytes.isASCII == utf8.allSatisfy { $0 < 0x80 })
            for start in 0...utf8.count {
                for end in start...utf8.count {
                    let expected = utf8[start..<end].filter { $0 & 0xC0 != 0x80 }.count
                    #expect(UTF8Scanning.characterCount(bytes, start..<end) == expected)
                }
            }
        }
    }

    @Test(arguments: texts)
    func advancingAndRetreatingStopOnCharacterBoundaries(text: String) {
        let utf8 = Array(text.utf8)
        let boundaries = Set((0...utf8.count).filter { $0 == utf8.count || utf8[$0] & 0xC0 != 0x80 })
        withBytes(text) { bytes in
            for start in boundaries {
                for characters in [0, 1, 3, 8, 20, 1000] {
                    let end = UTF8Scanning.advance(bytes, from: start, characters: characters, limit: utf8.count)
                    #expect(boundaries.contains(end))
                    #expect(UTF8Scanning.characterCount(bytes, start..<end) == min(characters, UTF8Scanning.characterCount(bytes, start..<utf8.count)))
                    let back = UTF8Scanning.retreat(bytes, from: start, characters: characters, floor: 0)
                    #expect(boundaries.contains(back))
                    #expect(UTF8Scanning.characterCount(bytes, back..<start) == min(characters, UTF8Scanning.characterCount(bytes, 0..<start)))
                }
            }
        }
    }

    @Test(arguments: texts)
    func sentenceMarksAndNewlinesAreFoundWhereverTheyFall(text: String) {
        let utf8 = Array(text.utf8)
        let marks: Set<UInt8> = [0x0A, 0x2E, 0x21, 0x3F, 0xE2]
        withBytes(text) { bytes in
            for index in 0...utf8.count {
                let next = (index..<utf8.count).first(where: { marks.contains(utf8[$0]) }) ?? utf8.count
                #expect(UTF8Scanning.nextSentenceMark(in: bytes, from: index) == next)
                let newline: Int = (0..<index).last(where: { utf8[$0] == 0x0A }) ?? 0
                let found = UTF8Scanning.lastNewline(in: bytes, before: index)
                #expect(found == newline, "before \(index)")
            }
        }
    }
}
