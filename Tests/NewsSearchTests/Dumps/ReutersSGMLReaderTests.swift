import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct ReutersSGMLReaderTests {
    static let sample = """
        <!DOCTYPE lewis SYSTEM "lewis.dtd">
        <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
        <DATE>26-FEB-1987 15:01:01.79</DATE>
        <TOPICS><D>cocoa</D></TOPICS>
        <UNKNOWN>&#5;&#5;&#5;C T</UNKNOWN>
        <TEXT>&#2;
        <TITLE>BAHIA COCOA REVIEW</TITLE>
        <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
        the Bahia cocoa zone, alleviating the drought &lt;since> early
        January.
            The dry period means the temporao will be late this year.
         Reuter
        &#3;</BODY></TEXT>
        </REUTERS>
        <REUTERS TOPICS="NO" NEWID="2">
        <DATE>26-FEB-1987 15:02:20.00</DATE>
        <TEXT TYPE="BRIEF">&#2;
        <TITLE>STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT</TITLE>
        &#3;</TEXT>
        </REUTERS>
        """

    @Test func recordsEntitiesAndParagraphs() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("reut2-000.sgm", Self.sample)
        let contents = try DumpFile(path: path).read()
        #expect(contents.format == .reutersSGML)
        #expect(contents.articles.count == 2)
        let first = contents.articles[0].article
        #expect(first.externalID == "1")
        #expect(first.title == "BAHIA COCOA REVIEW")
        #expect(first.date == "26-FEB-1987 15:01:01.79")
        #expect(first.sections.count == 1)
        #expect(first.sections[0].text == """
            SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought <since> early January.
            The dry period means the temporao will be late this year.
            """)
        let second = contents.articles[1].article
        #expect(second.title == "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT")
        #expect(second.sections.isEmpty)
    }

    @Test func sharedCorpusFileReadsAllRecords() throws {
        guard let corpus = TestSupport.sharedCorpus("reuters21578") else { return }
        let contents = try DumpFile(path: corpus + "/reut2-000.sgm").read()
        #expect(contents.articles.count == 1000)
        #expect(contents.problems.isEmpty)
    }
}
