import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct TextDecodingTests {
    @Test func utf8WithBOMAndCRLF() {
        let (text, encoding) = TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("Title\r\nBody ends.\r\n".utf8))
        #expect(encoding == .utf8)
        #expect(text == "Title\nBody ends.\n")
    }

    @Test func invalidUTF8FallsBackToWindows1252() {
        // "£15.8m" with a Latin-1 pound sign, as in the BBC corpus's sport/199.txt; 0x93/0x94 are curly quotes.
        let (text, encoding) = TextDecoding.decode(Array("Cost ".utf8) + [0xA3] + Array("15.8m ".utf8) + [0x93, 0x61, 0x94])
        #expect(encoding == .windows1252)
        #expect(text == "Cost £15.8m “a”")
    }

    @Test func binaryIsDetected() {
        #expect(TextDecoding.looksBinary([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
        #expect(!TextDecoding.looksBinary(Array("plain text\nwith lines\t".utf8)))
    }

    @Test func emptyAndBinaryFilesAreSkippedWithAReason() throws {
        let directory = TemporaryDirectory()
        let empty = directory.write("empty.txt", "  \n")
        let binary = directory.write("image.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A])
        #expect(throws: DumpError.empty(path: empty)) { try DumpFile(path: empty).read() }
        #expect(throws: DumpError.binary(path: binary)) { try DumpFile(path: binary).read() }
        let big = directory.write("big.txt", String(repeating: "Title\nSome words.\n", count: 100))
        #expect(throws: DumpError.tooLarge(path: big, bytes: 1800, limit: 100)) { try DumpFile(path: big, maxBytes: 100).read() }
    }

    @Test func latin1FileIsReadNotDropped() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("199.txt", bytes: Array("Rugby deal\n\nThe club paid ".utf8) + [0xA3] + Array("15.8m for it.\n".utf8))
        let contents = try DumpFile(path: path).read()
        #expect(contents.encoding == .windows1252)
        #expect(contents.articles.first?.article.sections.first?.text == "The club paid £15.8m for it.")
    }
}
