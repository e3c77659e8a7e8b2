import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct JSONArticleReaderTests {
    @Test func jsonLinesWithUsualNewsKeys() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("export.jsonl", """
            {"id": "a1", "title": "Port strike ends", "maintext": "Workers returned on Monday.\\nTalks\\nThe deal was signed late.", "authors": ["Ann Lee", "Bo Chan"], "date_publish": "2024-05-01", "url": "https://example.org/a1"}
            not json at all
            {"id": 7, "title": "Second", "text": "Only a lead."}
            """)
        let contents = try DumpFile(path: path).read()
        #expect(contents.format == .jsonLines)
        #expect(contents.articles.count == 2)
        let first = contents.articles[0].article
        #expect(first.externalID == "a1")
        #expect(first.author == "Ann Lee, Bo Chan")
        #expect(first.date == "2024-05-01")
        #expect(first.url == "https://example.org/a1")
        #expect(first.sections == [Section(heading: "", text: "Workers returned on Monday."),
                                   Section(heading: "Talks", text: "The deal was signed late.")])
        #expect(contents.articles[1].article.externalID == "7")
        #expect(contents.articles[1].record == 3)
        #expect(contents.problems == [.malformedRecord(path: path, record: 2, reason: "line is not valid JSON")])
    }

    @Test func jsonArray() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("export.json", #"[{"title": "One", "body": "Text one."}, {"title": "Two", "content": "Text two."}]"#)
        let contents = try DumpFile(path: path).read()
        #expect(contents.articles.map(\.article.title) == ["One", "Two"])
    }

    @Test func fileWithOnlyBadRecordsIsSkipped() {
        let directory = TemporaryDirectory()
        let path = directory.write("bad.jsonl", "{oops\n")
        #expect(throws: DumpError.self) { try DumpFile(path: path).read() }
    }
}

@Suite struct JSONArrayStreamingTests {
    @Test func arrayElementsAreReadOneByOneAndABadOneIsItsOwnRecord() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("export.json", #"""
            [ {"title": "One, [not] a split", "body": "Text \"one\" with } and ]."},
              {"title": oops},
              {"title": "Three", "text": "Text three."} ]
            """#)
        let contents = try DumpFile(path: path).read()
        #expect(contents.articles.map(\.record) == [1, 3])
        #expect(contents.articles.map(\.article.title) == ["One, [not] a split", "Three"])
        #expect(contents.articles.first?.article.sections.first?.text == #"Text "one" with } and ]."#)
        #expect(contents.problems == [.malformedRecord(path: path, record: 2, reason: "array element is not valid JSON")])
    }

    @Test func aCutOffArrayKeepsItsCompleteElements() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("cut.json", #"[{"title": "One", "body": "Text one."}, {"title": "Tw"#)
        let contents = try DumpFile(path: path).read()
        #expect(contents.articles.map(\.article.title) == ["One"])
        #expect(contents.problems.map(\.description) == ["record 2 of \(path): the JSON array is cut off before its closing `]`"])
    }

    @Test func aRecordWithoutTextNamesItsRecordAndID() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.jsonl", "{\"id\": \"x9\", \"title\": \"Fine\", \"text\": \"Fine text.\"}\n{\"id\": \"x10\"}\n")
        let contents = try DumpFile(path: path).read()
        #expect(contents.problems.map(\.description) == ["record 2 of \(path) (id x10): no title and no text"])
    }

    @Test func blankLinesAreSkippedAndABadLineIsReportedByItsNumber() throws {
        let directory = TemporaryDirectory()
        // An empty line, one of spaces and tabs, one of Unicode spaces (no-break, ideographic),
        // CRLF endings, and a text with white space at both ends.
        let path = directory.write("export.jsonl",
                                   "{\"title\": \"One\", \"text\": \"Alpha.\"}\r\n\r\n \t \r\n\u{00A0}\u{3000}\n"
                                   + "{\"title\": \"Two\", \"text\": \"\\u2028 Beta. \\n\"}\n{broken\n")
        let contents = try DumpFile(path: path).read()
        #expect(contents.articles.map(\.article.title) == ["One", "Two"])
        // Records count what was read, not lines; a bad one is reported by its line.
        #expect(contents.articles.map(\.record) == [1, 2])
        #expect(contents.articles[1].article.sections.map(\.text) == ["Beta."])
        #expect(contents.problems == [.malformedRecord(path: path, record: 6, reason: "line is not valid JSON")])
    }
}
