import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct DumpFileTests {
    /// `gzip` of one JSON Lines article (made with Python's gzip module).
    static let gzippedJSONLine = Array(Data(base64Encoded:
        "H4sIAAAAAAACA6tWykxRslJKN1TSUSrJLMlJBXKc83MLilKLi1NTFDISi5LyS4sU8lLLi0EqUitKgApCMlLhMkWp+QWpeUCliWklqUUKJUCp4pL8olw9pVouAHxy4ypdAAAA")!)
    /// `gzip -9` of 100,000 letters `a`: 133 bytes.
    static let gzippedLetters = Array(Data(base64Encoded:
        "H4sIAAAAAAACA+3BMQEAAADCoKzrX8IaHkABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAArwaH+uIboIYBAA==")!)

    @Test func gzipDumpsAreReadInTheFormatOfTheirInnerName() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("export.jsonl.gz", bytes: Self.gzippedJSONLine)
        let contents = try DumpFile(path: path).read()
        #expect(contents.format == .jsonLines)
        #expect(contents.articles.map(\.article.title) == ["Compressed harbour news"])
        #expect(contents.articles.first?.article.externalID == "g1")
        #expect(DumpFormat.isDumpName("reut2-000.sgm.gz") && DumpFormat.isDumpName("a.txt.gz") && !DumpFormat.isDumpName("a.md.gz"))
    }

    @Test func aGzipBombIsSkippedByItsDecompressedSize() throws {
        let directory = TemporaryDirectory()
        // 40 members of 100,000 bytes each: 5 KB on disk, 4 MB inflated.
        let path = directory.write("bomb.txt.gz", bytes: Array(Array(repeating: Self.gzippedLetters, count: 40).joined()))
        #expect(throws: DumpError.decompressedTooLarge(path: path, limit: 1_000_000)) {
            try DumpFile(path: path, maxBytes: 1_000_000).read()
        }
        #expect(throws: DumpError.self) { try DumpFile(path: directory.write("cut.txt.gz", bytes: Array(Self.gzippedJSONLine.prefix(30)))).read() }
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/pipe.txt"
        #expect(mkfifo(path, 0o600) == 0)
        // With no writer, a blocking open would never return.
        #expect(throws: DumpError.notRegularFile(path: path, kind: "FIFO")) { try DumpFile(path: path).read() }
    }

    @Test func unreadableFilesSayWhy() throws {
        guard getuid() != 0 else {
            print("skipping: running as root, permissions are not enforced")
            return
        }
        let directory = TemporaryDirectory()
        let path = directory.write("locked.txt", "Locked\nText here.\n")
        chmod(path, 0)
        #expect(throws: DumpError.unreadable(path: path, reason: "permission denied")) { try DumpFile(path: path).read() }
    }

    @Test func overLongTitlesAreCutAtAWordAndTheRestKept() throws {
        let directory = TemporaryDirectory()
        let words = (1...200).map { "word\($0)" }.joined(separator: " ")
        let path = directory.write("one-line.txt", words + ".")
        let article = try #require(try DumpFile(path: path).read().articles.first?.article)
        #expect(article.title.count <= TitleLength.maximum)
        #expect(article.title.hasSuffix("word\(article.title.split(separator: " ").count)"))
        #expect(article.title + " " + (article.sections.first?.text ?? "") == words + ".")
    }
}
