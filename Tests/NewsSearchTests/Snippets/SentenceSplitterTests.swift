import Testing
@testable import NewsSearch

@Suite struct SentenceSplitterTests {
    func texts(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.sentences(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func sentencesDoNotEndAtAbbreviations() {
        #expect(texts("The U.S. said no. Mr. Kim agreed! Then “quotes.” Next")
            == ["The U.S. said no.", "Mr. Kim agreed!", "Then “quotes.”", "Next"])
    }

    @Test func aNumberAbbreviationOnlyHoldsBeforeADigit() {
        #expect(texts("It was No. 10 on the list. Say no. Then go.") == ["It was No. 10 on the list.", "Say no.", "Then go."])
    }

    @Test func newlinesAlwaysEndASentenceAndWhitespaceIsTrimmed() {
        #expect(texts("  A heading\nThe text goes on… and on.  \n\nLast") == ["A heading", "The text goes on…", "and on.", "Last"])
    }
}
