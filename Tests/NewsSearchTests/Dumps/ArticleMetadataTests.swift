import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Dates, sources, categories and places as each reader finds them.
@Suite struct ArticleMetadataTests {
    @Test func jsonLinesGiveEveryDateKeyAndTheirFields() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("wire.jsonl", """
            {"id":"a","title":"One","text":"x","date":"2024-03-05","source":"wire","category":"economy","lang":"en"}
            {"id":"b","title":"Two","text":"x","date_publish":"2024-03-05 10:20:30","domain":"example.com","section":"sport"}
            {"id":"c","title":"Three","text":"x","published":"Tue, 05 Mar 2024 10:20:30 GMT","categories":["a","b"]}
            {"id":"d","title":"Four","text":"x","published_at":"2024-03-05T10:20:30+01:00","country":"japan"}
            {"id":"e","title":"Five","text":"x","pubDate":"March 5, 2024"}
            {"id":"f","title":"Six","text":"x","date":"in the spring"}
            """)
        let articles = try DumpFile(path: path).read().articles.map(\.article)
        let day = CivilTime.days(year: 2024, month: 3, day: 5) * 86_400
        #expect(articles.map(\.publishedSeconds) == [day, day + 37_230, day + 37_230, day + 33_630, day, nil])
        #expect(articles[5].date == "in the spring")
        #expect(articles[0].source == "wire" && articles[0].categories == ["economy"] && articles[0].lang == "en")
        #expect(articles[1].source == "example.com" && articles[1].categories == ["sport"])
        #expect(articles[2].categories == ["a", "b"])
        #expect(articles[3].places == ["japan"])
    }

    @Test func mailHeadersGiveTitleAuthorDateAndGroups() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("sci.space/60000", """
            From: et@teal.csn.org (Eric H. Taylor)
            Subject: Re: Gravity waves
            Newsgroups: sci.space,sci.physics
            Date: Tue, 06 Apr 93 16:00:21 PDT
            Lines: 2

            In article <x> someone writes: gravity waves are real.
            """)
        let article = try #require(try DumpFile(path: path).read().articles.first?.article)
        #expect(article.title == "Re: Gravity waves")
        #expect(article.author == "et@teal.csn.org (Eric H. Taylor)")
        #expect(article.publishedSeconds == CivilTime.days(year: 1993, month: 4, day: 6) * 86_400 + 23 * 3600 + 21)
        #expect(article.categories == ["sci.space", "sci.physics"])
        #expect(article.sections.map(\.text) == ["In article <x> someone writes: gravity waves are real."])
    }

    @Test func twentyNewsgroupsMessagesReadTheirHeaders() throws {
        guard let corpus = TestSupport.sharedCorpus("20news-bydate") else { return }
        let folder = corpus + "/20news-bydate-train/sci.space"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first)
        let text = try String(contentsOfFile: folder + "/" + name, encoding: .isoLatin1)
        let subject = try #require(text.split(separator: "\n").first { $0.hasPrefix("Subject: ") }).dropFirst(9)
        let article = try #require(try DumpFile(path: folder + "/" + name).read().articles.first?.article)
        #expect(article.title == subject.trimmingCharacters(in: .whitespaces))
        #expect(article.author?.hasPrefix(String(text.dropFirst(6).prefix(8))) == true)
    }

    @Test func aDateLineInATextDumpIsTheDate() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.txt", "A title\nDate: 2024-03-05\nThe text of the article.\n")
        let article = try #require(try DumpFile(path: path).read().articles.first?.article)
        #expect(article.date == "2024-03-05")
        #expect(article.sections.map(\.text) == ["The text of the article."])
        #expect(article.sections.first?.line == 3)
    }

    @Test func reutersDatesTopicsAndPlaces() throws {
        guard let corpus = TestSupport.sharedCorpus("reuters21578") else { return }
        let articles = try DumpFile(path: corpus + "/reut2-000.sgm").read().articles.map(\.article)
        let first = try #require(articles.first)
        // NEWID 1: <DATE>26-FEB-1987 15:01:01.79</DATE>, <TOPICS><D>cocoa</D></TOPICS>,
        // <PLACES><D>el-salvador</D><D>usa</D><D>uruguay</D></PLACES>.
        #expect(first.externalID == "1")
        #expect(first.publishedSeconds.map { CivilTime.iso8601(seconds: $0) } == "1987-02-26T15:01:01Z")
        #expect(first.categories == ["cocoa"])
        #expect(first.places == ["el-salvador", "usa", "uruguay"])
        #expect(articles.allSatisfy { $0.publishedSeconds != nil })
    }
}
