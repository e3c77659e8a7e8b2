import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// The summary a user reads after `newssearch index`: counts that add up, the reasons
/// and first names of skipped files, megabytes that mean bytes of dumps read, and bad
/// records named as records.
@Suite struct IndexSummaryTests {
    @Test func theCountsAddUpAndTheSummaryNamesSkippedFiles() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/good.txt", sampleArticle(title: "Good", lead: "Fine text."))
        directory.write("dumps/a.txt", "")
        directory.write("dumps/b.txt", "")
        directory.write("dumps/notes.md", "# notes\n")
        directory.write("dumps/README.txt", sampleArticle(title: "About", lead: "This folder holds news."))
        #expect(mkfifo(directory.path + "/dumps/pipe.txt", 0o600) == 0)
        let store = try IndexStore(path: directory.indexPath, create: true)
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.filesSeen == summary.filesIndexed + summary.filesUnchanged + summary.filesSkipped + summary.filesIgnored)
        #expect((summary.filesSeen, summary.filesIndexed, summary.filesSkipped, summary.filesIgnored) == (6, 1, 4, 1))
        #expect(summary.skippedLine == "4 skipped: 2 empty: a.txt, b.txt; 1 not a regular file: pipe.txt; 1 not an article: README.txt")
        #expect(summary.line.hasPrefix("files: 6 seen = 1 indexed + 0 unchanged + 4 skipped + 1 ignored; 0 removed;"))
        #expect(summary.problems.contains(directory.path + "/dumps/pipe.txt: not a regular file (FIFO)"))
    }

    @Test func theSummaryMegabytesAreDumpBytesRead() throws {
        let directory = TemporaryDirectory()
        let text = sampleArticle(title: "Good", lead: String(repeating: "Fine text and more words. ", count: 4000))
        directory.write("dumps/good.txt", text)
        let store = try IndexStore(path: directory.indexPath, create: true)
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.dumpBytesRead == text.utf8.count)
        #expect(summary.line.contains("0.1 MB of dump files read"))
    }

    @Test func aBadRecordIsReportedAsThatRecord() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/reut2-012.sgm", """
            <REUTERS NEWID="12792"><TITLE>OIL PRICES RISE</TITLE><BODY>Oil rose today.</BODY></REUTERS>
            <REUTERS NEWID="12793"><DATE>1-MAR-1987</DATE></REUTERS>
            """)
        let store = try IndexStore(path: directory.indexPath, create: true)
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect((summary.filesIndexed, summary.filesSkipped, summary.recordsSkipped) == (1, 0, 1))
        #expect(summary.problems == ["record 2 of \(directory.path)/dumps/reut2-012.sgm (NEWID 12793): no title and no text"])
    }
}
