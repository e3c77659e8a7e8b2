import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct PlainTextReaderTests {
    @Test func seedParsesToItsExactStructure() throws {
        let contents = try DumpFile(path: TestSupport.seedFile).read()
        #expect(contents.format == .plainText)
        #expect(contents.articles.count == 1)
        let article = try #require(contents.articles.first?.article)
        #expect(article.title == "Global Reactions To North Koreas Permanent Border Closure: A Diplomatic Dilemma")
        #expect(article.author == "Brett Hurll")
        #expect(article.sections.count == 9)
        #expect(article.sections.map(\.heading) == [
            "", "North Korea’s Motives and Timing", "South Korea’s Response", "United States’ Position",
            "China’s Role and Reaction", "Reactions from Other Regional Powers", "Impact on Denuclearization Efforts",
            "Broader Implications for International Relations", "Conclusion",
        ])
        #expect(article.sections[0].text.hasPrefix("North Korea's recent announcement"))
        #expect(article.sections[8].text.hasSuffix("scrambling to contain the fallout."))
        #expect(article.related.count == 6)
        #expect(article.related[0].title.hasPrefix("The Self-Destructive Nature Of Anti-Tourism Protests"))
        #expect(article.related[0].teaser.hasSuffix("From the Bal..."))
    }

    @Test func trailerTextIsNeverArticleText() throws {
        let article = try #require(try DumpFile(path: TestSupport.seedFile).read().articles.first?.article)
        let text = article.sections.map { $0.heading + " " + $0.text }.joined(separator: " ")
        #expect(!text.contains("Anti-Tourism"))
        #expect(!text.contains("Read more"))
        #expect(!text.contains("Author:"))
    }

    @Test func blankLineSeparatedParagraphsAsInTheBBCCorpus() {
        var article: Article?
        PlainTextReader().read(text: "Headline here\n\nFirst paragraph ends.\n\nSecond paragraph ends.\n", path: "x") {
            article = try? $0.get()
        }
        #expect(article?.title == "Headline here")
        #expect(article?.sections == [Section(heading: "", text: "First paragraph ends.\nSecond paragraph ends.", line: 3)])
    }
}
